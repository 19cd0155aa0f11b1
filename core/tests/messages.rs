//! Messages that tell the truth and stay bounded: cells quoted short, each finding at its
//! own span, and report problems surfaced rather than dropped.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use flowready::diagnostics::QUOTE_CHARS;
use flowready::{evaluate, evaluate_with_evidence, parse, Code, Options};

fn options() -> Options {
    Options {
        today: flowready::IsoDate::parse("2026-11-28"),
        ..Options::default()
    }
}

#[test]
fn each_unreferenced_gap_task_points_at_itself() {
    let text = "## P0\n\n| Flow ID | Level | Status | Owner | Gap Task |\n|---|---|---|---|---|\n\
| FLOW-A-001 | L4 | ready_for_broad_uat | team | none |\n\n## Gap List\n\n\
| Priority | Gap | Gap Task | detected_by | expected_gate |\n|---|---|---|---|---|\n\
| P0 | two loose tasks | `TASK-ONE-001`; `TASK-TWO-002` | review | pre_uat |\n\
| P0 | plain | TASK-THREE-003, TASK-FOUR-004 | review | pre_uat |\n";
    let report = evaluate(&parse(text), &options());
    let found: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code == Code::GapTaskUnreferenced)
        .collect();
    assert_eq!(found.len(), 4, "{found:#?}");
    for f in &found {
        let task = f.message.split('`').nth(1).unwrap();
        assert_eq!(&text[f.span.start..f.span.end], task, "{f:#?}");
        let line = text.lines().nth(f.line as usize - 1).unwrap();
        let col = line.chars().take_while(|_| true).collect::<String>();
        let at: usize = col
            .char_indices()
            .nth(f.column as usize - 1)
            .map(|(i, _)| i)
            .unwrap();
        assert!(line[at..].starts_with(task), "{f:#?}");
    }
    let columns: std::collections::BTreeSet<_> = found.iter().map(|f| (f.line, f.column)).collect();
    assert_eq!(columns.len(), 4);
}

#[test]
fn messages_quote_at_most_a_bounded_piece_of_a_cell() {
    let huge = "x".repeat(200_000);
    let text = format!(
        "## P0\n\n| Flow ID | Lane | Level | Status | Owner | Gap Task |\n|---|---|---|---|---|---|\n\
| FLOW-A-001 | kind {huge} conditional | L9{huge} | {huge} | team | `{huge}` |\n\n## Gap List\n\n\
| Priority | Gap | Gap Task | detected_by | expected_gate |\n|---|---|---|---|---|\n\
| P0{huge} | g | `T-{huge}` | | |\n"
    );
    let report = evaluate(&parse(&text), &options());
    assert!(!report.findings.is_empty());
    for f in &report.findings {
        assert!(
            f.message.chars().count() < QUOTE_CHARS * 3,
            "{}: {} characters",
            f.code,
            f.message.chars().count()
        );
    }
    let status = report
        .findings
        .iter()
        .find(|f| f.code == Code::UnknownStatus)
        .unwrap();
    assert!(status.message.contains('…'));
    assert_eq!(
        status.span.end - status.span.start,
        huge.len(),
        "the span is the whole cell"
    );
}

#[test]
fn an_undecodable_report_attribute_is_a_warning_not_silence() {
    let matrix = parse(
        "## P0\n\n| Flow ID | Level | Status | Happy Path |\n|---|---|---|---|\n| FLOW-A-001 | L3 | ready_for_broad_uat | works |\n",
    );
    let xml = br#"<testsuite><testcase name="x &nbsp; @FLOW-A-001 @happy"/></testsuite>"#;
    let evidence = flowready::evidence::read("r.xml", xml, None).unwrap();
    assert_eq!(evidence.problems.len(), 1);
    let report = evaluate_with_evidence(&matrix, &options(), &evidence);
    let f = report
        .findings
        .iter()
        .find(|f| f.code == Code::EvidenceUndecodable)
        .expect("FR608");
    assert_eq!(f.severity, flowready::Severity::Warning);
    assert!(
        f.message.contains("`r.xml`") && f.message.contains("`name`"),
        "{}",
        f.message
    );
}

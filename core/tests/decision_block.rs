//! The decision-block rewrite: minimal, byte-preserving, idempotent, drift-free.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use flowready::{decision_block, evaluate, parse, Code, IsoDate, Options, Report};

const HEADER: &str = "| Flow ID | UX Anchor | Contract / CLI Anchor | Automation Anchor | UAT Row | Cleanup | Lane | Level | Status | Owner | Gap Task |\n|---|---|---|---|---|---|---|---|---|---|---|\n";

fn row(id: &str, level: &str, status: &str, task: &str) -> String {
    format!("| {id} | `ux.md` | `GET /api` | `a.spec.ts` | `UAT-{id}` | cleanup and audit log | kind/dev | {level} | {status} | team/a | {task} |\n")
}

fn options() -> Options {
    Options {
        today: IsoDate::parse("2026-11-28"),
        ..Options::default()
    }
}

fn report(text: &str) -> Report {
    evaluate(&parse(text), &options())
}

fn rewrite(text: &str) -> String {
    let matrix = parse(text);
    decision_block::rewrite(text, &matrix, &evaluate(&matrix, &options()))
}

fn drift_codes(text: &str) -> Vec<Code> {
    report(text)
        .findings
        .iter()
        .map(|f| f.code)
        .filter(|c| {
            matches!(
                c,
                Code::DecisionDrift
                    | Code::DecisionMissingFlow
                    | Code::DecisionUnknownFlow
                    | Code::DecisionDuplicate
            )
        })
        .collect()
}

/// A matrix with a stale section: B moved from ready to blocked, C is missing, X is unknown,
/// and D is declared twice.
fn stale() -> String {
    let mut t = String::from("# M\n\n## P0 Flow Matrix\n\n");
    t.push_str(HEADER);
    t.push_str(&row("FLOW-A-001", "L4", "ready_for_broad_uat", "none"));
    t.push_str(&row("FLOW-B-001", "L3", "needs_coverage", "`B-FIX-001`"));
    t.push_str(&row("FLOW-C-001", "L4", "ready_for_broad_uat", "none"));
    t.push_str(&row("FLOW-D-001", "L2", "needs_fixture", "`D-FIX-001`"));
    t.push_str("\n## Broad UAT Decision\n\nReady for broad UAT, our words:\n\n- `FLOW-A-001`: keeps this note.\n- `FLOW-B-001`: a note that\n  wraps and must travel.\n\nBlocked or not ready:\n\n- `FLOW-D-001`: first.\n- `FLOW-X-001`: unknown.\n- `FLOW-D-001`: twice.\n\nSome prose the team wrote:\n\n- not a flow bullet, kept.\n\n## After\n\nTail text.\n");
    t
}

fn section_bounds(text: &str) -> (usize, usize) {
    let d = parse(text).declared_decision.unwrap();
    (d.span.start, d.span.end)
}

fn assert_outside_identical(before: &str, after: &str) {
    let (start, end) = section_bounds(before);
    let (new_start, new_end) = section_bounds(after);
    assert_eq!(start, new_start);
    assert_eq!(
        before.as_bytes()[..start],
        after.as_bytes()[..new_start],
        "bytes before the section changed"
    );
    assert_eq!(
        before.as_bytes()[end..],
        after.as_bytes()[new_end..],
        "bytes after the section changed"
    );
}

#[test]
fn stale_section_is_fixed_and_nothing_else_changes() {
    let before = stale();
    assert!(!drift_codes(&before).is_empty());
    let after = rewrite(&before);
    assert_outside_identical(&before, &after);
    assert_eq!(drift_codes(&after), Vec::<Code>::new(), "{after}");
    // Kept note, moved note, prose and the non-flow bullet survive.
    assert!(after.contains("- `FLOW-A-001`: keeps this note.\n"));
    assert!(after.contains("- `FLOW-B-001`: a note that\n  wraps and must travel.\n"));
    assert!(after.contains("Some prose the team wrote:\n\n- not a flow bullet, kept.\n"));
    assert!(after.contains("Ready for broad UAT, our words:"));
    assert!(!after.contains("FLOW-X-001"));
    assert_eq!(after.matches("`FLOW-D-001`").count(), 1);
    // B moved into the blocked bucket.
    let blocked_at = after.find("Blocked or not ready:").unwrap();
    assert!(after.find("`FLOW-B-001`").unwrap() > blocked_at);
    insta::assert_snapshot!(
        "stale_lf_rewritten_section",
        decision_block::section(&before, &parse(&before), &report(&before))
    );
}

#[test]
fn crlf_documents_stay_crlf() {
    let before = stale().replace('\n', "\r\n");
    let after = rewrite(&before);
    assert_outside_identical(&before, &after);
    assert_eq!(drift_codes(&after), Vec::<Code>::new());
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "a bare LF crept in"
    );
    assert_eq!(after.replace("\r\n", "\n"), rewrite(&stale()));
}

#[test]
fn rewrite_is_idempotent_and_a_no_op_when_up_to_date() {
    let once = rewrite(&stale());
    assert_eq!(rewrite(&once), once);
    let example = include_str!("../../examples/matrix.md");
    assert_eq!(rewrite(example), example);
}

#[test]
fn emptied_bucket_gets_a_none_bullet_and_refills() {
    let mut t = String::from("## P0 Flow Matrix\n\n");
    t.push_str(HEADER);
    t.push_str(&row("FLOW-A-001", "L4", "ready_for_broad_uat", "none"));
    t.push_str("\n## Broad UAT Decision\n\nReady for broad UAT:\n\n- `FLOW-A-001`\n\nBlocked or not ready:\n\n- `FLOW-GONE-001`\n");
    let after = rewrite(&t);
    assert!(
        after.ends_with("Blocked or not ready:\n\n- none\n"),
        "{after}"
    );
    assert_eq!(rewrite(&after), after);
    // A flow that becomes blocked replaces the placeholder.
    let blocked = after.replace(
        "| L4 | ready_for_broad_uat | team/a | none |",
        "| L4 | blocked | team/a | `A-FIX-001` |",
    );
    let again = rewrite(&blocked);
    assert!(
        again.contains("Ready for broad UAT:\n\n- none\n"),
        "{again}"
    );
    assert!(
        again.ends_with("Blocked or not ready:\n\n- `FLOW-A-001`\n"),
        "{again}"
    );
    assert_eq!(drift_codes(&again), Vec::<Code>::new());
}

#[test]
fn missing_bucket_lead_in_is_created_in_order() {
    let mut t = String::from("## P0 Flow Matrix\n\n");
    t.push_str(HEADER);
    t.push_str(&row("FLOW-A-001", "L4", "ready_for_broad_uat", "none"));
    t.push_str(&row("FLOW-B-001", "L4", "needs_env_fix", "`B-FIX-001`"));
    t.push_str("\n## Broad UAT Decision\n\nReady for broad UAT:\n\n- `FLOW-A-001`\n\n## Next\n");
    let after = rewrite(&t);
    assert!(after.contains("- `FLOW-A-001`\n\nBlocked or not ready:\n\n- `FLOW-B-001`: needs `B-FIX-001`.\n\n## Next\n"), "{after}");
    assert_eq!(drift_codes(&after), Vec::<Code>::new());
}

#[test]
fn absent_section_is_appended() {
    let mut t = String::from("## P0 Flow Matrix\n\n");
    t.push_str(HEADER);
    t.push_str(&row("FLOW-A-001", "L4", "ready_for_broad_uat", "none"));
    let after = rewrite(&t);
    assert!(after.starts_with(&t));
    assert!(report(&t)
        .findings
        .iter()
        .any(|f| f.code == Code::DecisionAbsent));
    assert!(
        !report(&after).findings.iter().any(|f| f.code.is_drift()),
        "{after}"
    );
    assert_eq!(rewrite(&after), after);
    let crlf = t.replace('\n', "\r\n");
    let after = rewrite(&crlf);
    assert!(after.starts_with(&crlf));
    assert_eq!(after.matches('\n').count(), after.matches("\r\n").count());
}

#[test]
fn render_section_lists_every_bucket() {
    let text = stale();
    let out = decision_block::render_section(&parse(&text), &report(&text));
    assert!(out.starts_with("## Broad UAT Decision\n"));
    assert!(out.contains("- `FLOW-B-001`: a note that\n  wraps and must travel.\n"));
    assert!(out.contains("Ready with accepted gaps:\n\n- none\n"));
    let reparsed = format!(
        "## P0 Flow Matrix\n\n{HEADER}{}{}{}{}\n{out}",
        row("FLOW-A-001", "L4", "ready_for_broad_uat", "none"),
        row("FLOW-B-001", "L3", "needs_coverage", "`B-FIX-001`"),
        row("FLOW-C-001", "L4", "ready_for_broad_uat", "none"),
        row("FLOW-D-001", "L2", "needs_fixture", "`D-FIX-001`")
    );
    assert_eq!(drift_codes(&reparsed), Vec::<Code>::new());
}

/// The seed, when the shared folder is there: rewriting it as of 2026-11-28 is a no-op, or
/// at least keeps the MFA paragraph and the documentation-freshness prose.
#[test]
fn seed_rewrite_keeps_its_prose() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/seed/Product_Quality_Flow_Coverage_Matrix_v1.md"
    );
    let Ok(seed) = std::fs::read_to_string(path) else {
        eprintln!("note: seed not found at {path}; skipping");
        return;
    };
    let after = rewrite(&seed);
    if after != seed {
        assert!(after.contains("Documentation freshness blocker:"));
        assert!(after.contains("MFA enforcement until claim proof is accepted."));
    }
    assert_eq!(
        after, seed,
        "the seed's declared decision matches the computed one"
    );
}

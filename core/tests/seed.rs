//! The team's real matrix, read unmodified from `../shared`. Skips (with a note) where the
//! seed is absent.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use flowready::{Decision, Level, Options, Priority, Status};
use Level::*;
use Status::*;

fn today() -> Options {
    Options {
        today: flowready::IsoDate::parse("2026-11-28"),
        ..Options::default()
    }
}

const FLOWS: [(&str, u8, Level, Status, u32); 15] = [
    ("FLOW-AUTH-SESSION-001", 0, L4, ReadyForBroadUat, 41),
    ("FLOW-ACCOUNT-MFA-001", 0, L4, AcceptedGap, 42),
    ("FLOW-PROJECT-IAM-001", 0, L5, ReadyForBroadUat, 43),
    ("FLOW-SSH-KEY-001", 0, L5, ReadyForBroadUat, 44),
    ("FLOW-COMPUTE-LAUNCH-001", 0, L4, ReadyForBroadUat, 45),
    ("FLOW-COMPUTE-RELEASE-001", 0, L5, ReadyForBroadUat, 46),
    ("FLOW-TERMINAL-CONNECT-001", 0, L5, ReadyForBroadUat, 47),
    ("FLOW-BILLING-SAFETY-001", 0, L3, NeedsCoverage, 48),
    ("FLOW-APP-RUNTIME-001", 1, L5, ReadyForBroadUat, 54),
    ("FLOW-APP-DEVELOPER-001", 1, L4, ReadyForBroadUat, 55),
    ("FLOW-STORAGE-LIFECYCLE-001", 1, L3, NeedsCoverage, 56),
    ("FLOW-SCHEDULER-RUNTIME-001", 1, L4, ReadyForBroadUat, 57),
    ("FLOW-ADMIN-LIFECYCLE-001", 1, L5, ReadyForBroadUat, 58),
    ("FLOW-OBS-EVIDENCE-001", 1, L5, ReadyForBroadUat, 59),
    ("FLOW-HARNESS-PREUAT-001", 1, L4, NeedsCoverage, 60),
];

#[test]
fn every_flow_has_its_id_priority_level_status_and_line() {
    let Some(text) = common::seed() else { return };
    let m = flowready::parse(&text);
    assert_eq!(m.flows.len(), 15);
    for (flow, (id, p, level, status, line)) in m.flows.iter().zip(FLOWS) {
        assert_eq!(flow.id, id);
        assert_eq!(flow.priority, Some(Priority(p)), "{id}");
        assert_eq!(flow.level, Some(level), "{id}");
        assert_eq!(flow.status, Some(status), "{id}");
        assert_eq!(flow.line, line, "{id}");
        assert_eq!(flow.cells.len(), 19, "{id}");
        assert_eq!(flow.span.column, 1, "{id}");
    }
    assert_eq!(
        m.flows
            .iter()
            .filter(|f| f.priority == Some(Priority(0)))
            .count(),
        8
    );
    assert_eq!(
        m.flows
            .iter()
            .filter(|f| f.priority == Some(Priority(1)))
            .count(),
        7
    );
    assert!(m.findings.is_empty(), "{:#?}", m.findings);
    assert_eq!(m.stated_min_level, Some(Level::L3));
    assert_eq!(m.level_definitions.len(), 6);
    assert_eq!(m.status_definitions.len(), 8);
    let keys: Vec<&str> = m.metadata.iter().map(|k| k.key.as_str()).collect();
    assert_eq!(keys, ["Status", "Owner"]);
    assert_eq!(m.metadata[1].line, 4);
    assert_eq!(m.tables.len(), 2);
    assert_eq!(m.tables[0].heading_priority, Some(Priority(0)));
}

#[test]
fn cells_keep_their_spans() {
    let Some(text) = common::seed() else { return };
    let m = flowready::parse(&text);
    for flow in &m.flows {
        for cell in &flow.cells {
            let src = &text[cell.span.start..cell.span.end];
            assert_eq!(cell.span.line, flow.line, "{} {}", flow.id, cell.column);
            // The source holds the text, give or take backticks.
            assert_eq!(
                src.replace('`', ""),
                cell.text.replace('`', ""),
                "{} {}",
                flow.id,
                cell.column
            );
        }
    }
    let auth = m.flow("FLOW-AUTH-SESSION-001").unwrap();
    let level = auth.cell(flowready::Column::Level).unwrap();
    assert_eq!(&text[level.span.start..level.span.end], "L4");
}

#[test]
fn the_mfa_row_splits_tasks_and_uat_rows() {
    let Some(text) = common::seed() else { return };
    let m = flowready::parse(&text);
    let mfa = m.flow("FLOW-ACCOUNT-MFA-001").unwrap();
    let tasks: Vec<(&str, bool)> = mfa
        .gap_tasks
        .iter()
        .map(|t| (t.id.as_str(), t.closed))
        .collect();
    assert_eq!(
        tasks,
        [
            ("PRODUCT-GAP-IAM-MFA-PROVIDER-FACTOR-READBACK-001", false),
            ("PRODUCT-GAP-IAM-MFA-FACTOR-MANAGE-FLOW-001", false),
            ("PRODUCT-GAP-IAM-MFA-FACTOR-REMOVE-DISABLE-FLOW-001", false),
            ("PRODUCT-GAP-IAM-MFA-FACTOR-RECOVERY-FLOW-001", false),
            ("UAT-BUG-IAM-MFA-PROVIDER-RETURN-FLOW-001", false),
            ("IAM-MFA-FULL-FUNCTIONAL-UAT-001", false),
        ]
    );
    assert_eq!(
        mfa.uat_rows(),
        [
            "UAT-IAM-001",
            "UAT-AUTH-001",
            "UAT-OPS-001",
            "UAT-MFA-USER-001",
            "UAT-MFA-OPS-001",
            "UAT-MFA-OPS-002",
            "UAT-MFA-OPS-003"
        ]
    );
    assert_eq!(mfa.automation_anchors().len(), 8);
    assert_eq!(
        mfa.owners(),
        ["security/backend/frontend/ops/product-quality"]
    );
    // A task span points at the ID itself, on the row's line.
    let last = mfa.gap_tasks.last().unwrap();
    assert_eq!(
        &text[last.span.start..last.span.end],
        "IAM-MFA-FULL-FUNCTIONAL-UAT-001"
    );
    assert_eq!(last.span.line, 42);

    let ssh = m.flow("FLOW-SSH-KEY-001").unwrap();
    assert_eq!(ssh.gap_tasks.len(), 1);
    assert!(ssh.gap_tasks[0].closed);
    assert_eq!(
        ssh.gap_tasks[0].id,
        "PSSM-ALLOCATION-CREATE-SSH-KEY-VALIDATION-001"
    );
    let auth = m.flow("FLOW-AUTH-SESSION-001").unwrap();
    assert!(auth.gap_tasks.is_empty(), "`none` is the empty list");
}

#[test]
fn the_gap_list_and_declared_decision_are_read() {
    let Some(text) = common::seed() else { return };
    let m = flowready::parse(&text);
    let gaps: Vec<(String, u32, usize)> = m
        .gaps
        .iter()
        .map(|g| (g.priority.unwrap().to_string(), g.line, g.tasks.len()))
        .collect();
    assert_eq!(
        gaps,
        [
            ("P0".into(), 66, 1),
            ("P0".into(), 67, 1),
            ("P1".into(), 68, 1),
            ("P1".into(), 69, 1),
            ("P1".into(), 70, 7)
        ]
    );
    assert!(m
        .gaps
        .iter()
        .all(|g| g.detected_by.is_some() && g.expected_gate.is_some()));
    assert_eq!(m.gaps[4].detected_by.as_deref(), Some("manual_kind_uat"));
    assert_eq!(
        m.gaps[1].tasks,
        ["HARNESS-FIX-FLOW-COVERAGE-SUMMARY-GATE-001"]
    );

    let d = m.declared_decision.as_ref().unwrap();
    assert_eq!(d.ready.len(), 11);
    assert_eq!(d.accepted_gap, ["FLOW-ACCOUNT-MFA-001"]);
    assert_eq!(
        d.blocked,
        [
            "FLOW-BILLING-SAFETY-001",
            "FLOW-STORAGE-LIFECYCLE-001",
            "FLOW-HARNESS-PREUAT-001"
        ]
    );
    assert_eq!(d.heading.line, 72);
    let mfa = d
        .entries
        .iter()
        .find(|e| e.flow == "FLOW-ACCOUNT-MFA-001")
        .unwrap();
    assert!(mfa
        .note
        .as_deref()
        .unwrap()
        .contains("IAM-MFA-SENSITIVE-OPS-GATE-001"));
    // The documentation-freshness paragraph is prose, not a bucket.
    assert!(d
        .lead_ins
        .iter()
        .any(|l| l.bucket.is_none() && l.text.starts_with("Documentation freshness")));
    assert_eq!(d.entries.len(), 15);
    // The section runs up to the next level-2 heading.
    assert!(text[d.span.start..d.span.end].starts_with("## Broad UAT Decision"));
    assert!(text[d.span.end..].starts_with("## Gate Rule For New User-Visible Work"));
}

#[test]
fn the_computed_decision_equals_the_declared_one() {
    let Some(text) = common::seed() else { return };
    let report = flowready::check(&text, &today());
    let m = flowready::parse(&text);
    let d = m.declared_decision.unwrap();
    assert_eq!(report.decision.ready, d.ready);
    assert_eq!(report.decision.accepted_gap, d.accepted_gap);
    assert_eq!(report.decision.blocked, d.blocked);
    assert!(report.passed_check(), "{:#?}", report.findings);
    assert!(report.summary.warnings > 0);
    assert!(report.findings.iter().all(|f| !f.code.is_drift()));

    let has = |code: &str, needle: &str| {
        report
            .findings
            .iter()
            .any(|f| f.code.as_str() == code && f.message.contains(needle))
    };
    assert!(
        has("FR106", "FLOW-ACCOUNT-MFA-001"),
        "MFA accepted gap without expiry"
    );
    assert!(
        has("FR206", "IAM-MFA-FULL-FUNCTIONAL-UAT-001"),
        "untracked MFA follow-up"
    );
    assert!(has("FR303", "FLOW-APP-DEVELOPER-001"), "conditional lane");
    assert!(
        has("FR401", "FLOW-BILLING-SAFETY-001"),
        "gap priority differs from the flow's"
    );

    let billing = report.flow("FLOW-BILLING-SAFETY-001").unwrap();
    assert_eq!(billing.decision, Decision::Blocked);
    assert!(billing.reasons.iter().any(|r| r
        .message
        .contains("HARNESS-FIX-BILLING-RETURN-LOW-BALANCE-UAT-001")));
    assert!(!report.gate.passed);
}

#[test]
fn strict_turns_the_seed_warnings_into_blocks() {
    let Some(text) = common::seed() else { return };
    let report = flowready::check(
        &text,
        &Options {
            strict: true,
            ..today()
        },
    );
    assert!(!report.passed_check());
    assert_eq!(report.summary.warnings, 0);
    let mfa = report.flow("FLOW-ACCOUNT-MFA-001").unwrap();
    assert_eq!(mfa.decision, Decision::Blocked);
}

#[test]
fn crlf_gives_the_same_model_apart_from_byte_offsets() {
    let Some(text) = common::seed() else { return };
    let crlf = text.replace('\n', "\r\n");
    assert_eq!(
        common::semantic(&flowready::parse(&text)),
        common::semantic(&flowready::parse(&crlf))
    );
    let a = flowready::check(&text, &today());
    let b = flowready::check(&crlf, &today());
    assert_eq!(a.decision, b.decision);
    assert_eq!(a.findings.len(), b.findings.len());
}

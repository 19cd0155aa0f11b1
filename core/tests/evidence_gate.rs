//! The gate with evidence, on small hand-written matrices and evidence.

// Test code may panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use flowready::evidence::{CoverageState, Evidence, FlowClaim, Outcome, TestRecord};
use flowready::{
    evaluate, evaluate_with_evidence, evaluate_with_evidence_json, parse, Code, Decision, IsoDate,
    Options, Priority, Severity, Subpath,
};

const HEAD: &str = "| Flow ID | Happy Path | Empty State | Blocked State | Recovery | Negative Path | Cleanup | UX Anchor | Contract / CLI Anchor | Automation Anchor | UAT Row | Fixture / Env | Lane | Level | Status | Owner | Gap Task |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";

/// A flow requiring `happy` and `negative` (other path cells `n/a`).
fn row(id: &str, status: &str, uat: &str) -> String {
    format!("| {id} | works | n/a | n/a | n/a | refuses bad input | n/a | ux | api | `a.spec.ts` | `{uat}` | n/a | n/a | L3 | {status} | team | none |\n")
}

fn matrix(p0: &[String], p1: &[String], register: &str) -> flowready::Matrix<'static> {
    let mut text = String::from("# M\n\n## P0 Flow Matrix\n\n");
    text.push_str(HEAD);
    p0.iter().for_each(|r| text.push_str(r));
    if !p1.is_empty() {
        text.push_str("\n## P1 Flow Matrix\n\n");
        text.push_str(HEAD);
        p1.iter().for_each(|r| text.push_str(r));
    }
    text.push_str(register);
    parse(&text).into_owned()
}

fn test(
    name: &str,
    outcome: Outcome,
    flow: &str,
    subpaths: &[Subpath],
    uat: &[&str],
) -> TestRecord {
    TestRecord {
        name: name.to_owned(),
        file: Some("a.spec.ts".to_owned()),
        line: None,
        outcome,
        reason: None,
        flows: vec![FlowClaim {
            flow: flow.to_owned(),
            subpaths: subpaths.to_vec(),
        }],
        uat_rows: uat.iter().map(|u| (*u).to_owned()).collect(),
        source: Some("r.json".to_owned()),
    }
}

fn evidence(tests: Vec<TestRecord>) -> Evidence {
    Evidence {
        tests,
        ..Evidence::new()
    }
}

fn happy_and_negative(negative: Outcome) -> Evidence {
    evidence(vec![
        test(
            "works",
            Outcome::Passed,
            "FLOW-A-001",
            &[Subpath::Happy],
            &["UAT-A-001"],
        ),
        test("refuses", negative, "FLOW-A-001", &[Subpath::Negative], &[]),
    ])
}

#[test]
fn a_ready_flow_needs_every_required_subpath_covered() {
    let m = matrix(
        &[row("FLOW-A-001", "ready_for_broad_uat", "UAT-A-001")],
        &[],
        "",
    );
    let o = Options::default();
    assert_eq!(
        evaluate(&m, &o).flow("FLOW-A-001").unwrap().decision,
        Decision::Ready
    );

    let r = evaluate_with_evidence(&m, &o, &happy_and_negative(Outcome::Passed));
    assert_eq!(r.flow("FLOW-A-001").unwrap().decision, Decision::Ready);
    assert_eq!(r.summary.errors, 0);

    for (outcome, code) in [
        (Outcome::Failed, Code::SubpathFailed),
        (Outcome::Skipped, Code::SubpathSkipped),
        (Outcome::Xfailed, Code::SubpathSkipped),
    ] {
        let r = evaluate_with_evidence(&m, &o, &happy_and_negative(outcome));
        assert_eq!(
            r.flow("FLOW-A-001").unwrap().decision,
            Decision::Blocked,
            "{outcome}"
        );
        let f = r.findings.iter().find(|f| f.code == code).unwrap();
        assert_eq!(f.severity, Severity::Error);
        assert!(
            f.message.contains("`FLOW-A-001`")
                && f.message.contains("`negative`")
                && f.message.contains("`refuses`"),
            "{}",
            f.message
        );
    }

    let only_happy = evidence(vec![test(
        "works",
        Outcome::Passed,
        "FLOW-A-001",
        &[Subpath::Happy],
        &["UAT-A-001"],
    )]);
    let r = evaluate_with_evidence(&m, &o, &only_happy);
    assert_eq!(r.flow("FLOW-A-001").unwrap().decision, Decision::Blocked);
    assert!(r.findings.iter().any(|f| f.code == Code::SubpathMissing));
    assert_eq!(
        r.evidence.as_ref().unwrap().flows["FLOW-A-001"].subpaths[&Subpath::Negative].state,
        CoverageState::Missing
    );
}

#[test]
fn flaky_is_a_warning_and_strict_makes_it_block() {
    let m = matrix(
        &[row("FLOW-A-001", "ready_for_broad_uat", "UAT-A-001")],
        &[],
        "",
    );
    let ev = happy_and_negative(Outcome::Flaky);
    let r = evaluate_with_evidence(&m, &Options::default(), &ev);
    assert_eq!(r.flow("FLOW-A-001").unwrap().decision, Decision::Ready);
    assert_eq!(
        r.findings
            .iter()
            .find(|f| f.code == Code::SubpathFlaky)
            .unwrap()
            .severity,
        Severity::Warning
    );
    let strict = evaluate_with_evidence(
        &m,
        &Options {
            strict: true,
            ..Options::default()
        },
        &ev,
    );
    assert_eq!(
        strict.flow("FLOW-A-001").unwrap().decision,
        Decision::Blocked
    );
}

#[test]
fn uat_rows_must_map_both_ways() {
    let m = matrix(
        &[row("FLOW-A-001", "ready_for_broad_uat", "UAT-A-001")],
        &[],
        "",
    );
    let mut ev = happy_and_negative(Outcome::Passed);
    ev.tests[0].uat_rows = vec!["UAT-B-001".to_owned()];
    ev.tests.push(TestRecord {
        flows: vec![],
        uat_rows: vec!["UAT-Z-009".to_owned()],
        ..test("orphan", Outcome::Passed, "x", &[], &[])
    });
    let r = evaluate_with_evidence(&m, &Options::default(), &ev);
    let codes: Vec<Code> = r.findings.iter().map(|f| f.code).collect();
    assert!(codes.contains(&Code::EvidenceMissingUatRow), "{codes:?}");
    assert_eq!(
        codes
            .iter()
            .filter(|c| **c == Code::EvidenceUnmappedUatRow)
            .count(),
        2,
        "{codes:?}"
    );
    let unmapped = &r.evidence.as_ref().unwrap().unmapped_uat_rows;
    assert_eq!(
        unmapped
            .iter()
            .map(|u| u.uat_row.as_str())
            .collect::<Vec<_>>(),
        ["UAT-B-001", "UAT-Z-009"]
    );
    assert_eq!(unmapped[1].flows, Vec::<String>::new());
    assert_eq!(
        r.flow("FLOW-A-001").unwrap().decision,
        Decision::Blocked,
        "FR607 is an error"
    );
}

#[test]
fn out_of_scope_flows_are_reported_but_not_judged() {
    let m = matrix(
        &[row("FLOW-A-001", "ready_for_broad_uat", "UAT-A-001")],
        &[row("FLOW-B-001", "ready_for_broad_uat", "UAT-B-001")],
        "",
    );
    let o = Options {
        scope: Some(Priority(0)),
        ..Options::default()
    };
    let r = evaluate_with_evidence(&m, &o, &happy_and_negative(Outcome::Passed));
    assert!(
        r.findings
            .iter()
            .all(|f| f.flow.as_deref() != Some("FLOW-B-001")),
        "{:#?}",
        r.findings
    );
    let ev = r.evidence.as_ref().unwrap();
    assert!(ev.flows["FLOW-A-001"].judged);
    assert!(!ev.flows["FLOW-B-001"].judged);
    assert_eq!(
        ev.flows["FLOW-B-001"].subpaths[&Subpath::Happy].state,
        CoverageState::Missing
    );
    assert!(r.gate.passed);
}

#[test]
fn accepted_gap_holes_are_warnings_and_blocked_flows_get_no_findings() {
    let register = "\n## Accepted Gaps\n\n| Flow ID | Owner | Reason | Expiry | Follow-up |\n|---|---|---|---|---|\n| FLOW-G-001 | team | known | 2099-01-01 | `T-1` |\n";
    let mut gap = row("FLOW-G-001", "accepted_gap", "UAT-G-001");
    gap = gap.replace("| none |\n", "| `T-1` |\n");
    let m = matrix(
        &[
            gap,
            row("FLOW-N-001", "needs_coverage", "UAT-N-001").replace("| none |\n", "| `T-2` |\n"),
        ],
        &[],
        register,
    );
    let r = evaluate_with_evidence(&m, &Options::default(), &Evidence::new());
    let missing: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.code == Code::SubpathMissing)
        .collect();
    assert_eq!(missing.len(), 2, "{missing:#?}");
    assert!(missing
        .iter()
        .all(|f| f.severity == Severity::Warning && f.flow.as_deref() == Some("FLOW-G-001")));
    assert_eq!(
        r.flow("FLOW-G-001").unwrap().decision,
        Decision::AcceptedGap
    );
}

#[test]
fn an_approved_skip_needs_an_unexpired_expiry() {
    let register = |expiry: &str| {
        format!("\n## Accepted Gaps\n\n| Flow ID | Owner | Reason | Expiry | Follow-up | Subpath |\n|---|---|---|---|---|---|\n| FLOW-A-001 | team | no lane yet | {expiry} | `T-9` | negative |\n")
    };
    let ev = happy_and_negative(Outcome::Skipped);
    let state = |expiry: &str, today: &str| {
        let m = matrix(
            &[row("FLOW-A-001", "ready_for_broad_uat", "UAT-A-001")],
            &[],
            &register(expiry),
        );
        let r = evaluate_with_evidence(
            &m,
            &Options {
                today: IsoDate::parse(today),
                ..Options::default()
            },
            &ev,
        );
        (
            r.evidence.unwrap().flows["FLOW-A-001"].subpaths[&Subpath::Negative].state,
            r.flows[0].decision,
        )
    };
    assert_eq!(
        state("2026-03-31", "2026-03-31"),
        (CoverageState::Waived, Decision::Ready)
    );
    assert_eq!(
        state("2026-03-31", "2026-04-01"),
        (CoverageState::Skipped, Decision::Blocked)
    );
    assert_eq!(state("", "2026-04-01").0, CoverageState::Skipped);
    // A failure is never waived.
    let m = matrix(
        &[row("FLOW-A-001", "ready_for_broad_uat", "UAT-A-001")],
        &[],
        &register("2099-01-01"),
    );
    let r = evaluate_with_evidence(
        &m,
        &Options::default(),
        &happy_and_negative(Outcome::Failed),
    );
    assert_eq!(r.flows[0].decision, Decision::Blocked);
}

#[test]
fn report_json_has_no_evidence_key_without_evidence() {
    let m = matrix(
        &[row("FLOW-A-001", "ready_for_broad_uat", "UAT-A-001")],
        &[],
        "",
    );
    let plain = serde_json::to_value(evaluate(&m, &Options::default())).unwrap();
    assert!(plain.get("evidence").is_none());
    let with = serde_json::to_value(evaluate_with_evidence(
        &m,
        &Options::default(),
        &happy_and_negative(Outcome::Passed),
    ))
    .unwrap();
    assert_eq!(
        with["evidence"]["flows"]["FLOW-A-001"]["subpaths"]["negative"]["state"],
        "passed"
    );
    assert_eq!(
        with["evidence"]["flows"]["FLOW-A-001"]["subpaths"]["negative"]["tests"][0]["name"],
        "refuses"
    );
}

#[test]
fn json_twin_takes_own_evidence_or_a_list_of_reports() {
    let text = format!(
        "# M\n\n## P0 Flow Matrix\n\n{HEAD}{}",
        row("FLOW-A-001", "ready_for_broad_uat", "UAT-A-001")
    );
    let own = serde_json::to_string(&happy_and_negative(Outcome::Failed)).unwrap();
    let out: serde_json::Value =
        serde_json::from_str(&evaluate_with_evidence_json(&text, "{}", &own).unwrap()).unwrap();
    assert_eq!(out["decision"]["blocked"][0], "FLOW-A-001");

    let junit = r#"<testsuite><testcase name="works @FLOW-A-001 @happy @UAT-A-001"/><testcase name="refuses @FLOW-A-001 @negative"/></testsuite>"#;
    let list = serde_json::json!([{"name": "junit.xml", "content": junit}]).to_string();
    let out: serde_json::Value =
        serde_json::from_str(&evaluate_with_evidence_json(&text, "", &list).unwrap()).unwrap();
    assert_eq!(out["decision"]["ready"][0], "FLOW-A-001");
    assert_eq!(
        out["evidence"]["flows"]["FLOW-A-001"]["subpaths"]["happy"]["tests"][0]["source"],
        "junit.xml"
    );

    let bad =
        serde_json::json!([{"name": "cut.xml", "content": "<testsuite><testcase"}]).to_string();
    let err = evaluate_with_evidence_json(&text, "{}", &bad).unwrap_err();
    assert!(matches!(err, flowready::Error::Evidence(_)));
    assert!(err.to_string().contains("`cut.xml`"), "{err}");
}

/// The declared decision is about the document: a flow its row makes ready but evidence
/// blocks is not drift (the evidence findings say why it is blocked).
#[test]
fn evidence_never_turns_into_decision_drift() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/evidence");
    let text = std::fs::read_to_string(format!("{dir}/matrix.md")).unwrap();
    let matrix = parse(&text);
    let options = Options {
        today: IsoDate::parse("2026-11-28"),
        ..Options::default()
    };
    let without = evaluate(&matrix, &options);
    assert!(without
        .findings
        .iter()
        .all(|f| !f.code.is_drift() || f.code == Code::DecisionAbsent));
    let mut evidence = Evidence::new();
    for report in ["playwright.json", "pytest-xunit2.xml"] {
        let bytes = std::fs::read(format!("{dir}/reports/{report}")).unwrap();
        evidence.merge(flowready::evidence::read(report, &bytes, None).unwrap());
    }
    let with = evaluate_with_evidence(&matrix, &options, &evidence);
    assert!(
        with.summary.blocked > without.summary.blocked,
        "the evidence blocks flows"
    );
    let drift: Vec<_> = with.findings.iter().filter(|f| f.code.is_drift()).collect();
    assert!(drift.is_empty(), "{drift:#?}");
}

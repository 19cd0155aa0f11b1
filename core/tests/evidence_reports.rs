//! The committed reports under `examples/evidence/reports/`, made by real pytest and
//! Playwright runs of the example suites (`examples/evidence/regenerate.sh`). The expected
//! states are what each test was written to do (see `docs/evidence.md`), not what the
//! reader happened to output.

// Test code may panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use flowready::evidence::{self, CoverageState, Evidence, EvidenceFormat, Outcome};
use flowready::{
    evaluate_with_evidence, parse, Code, Decision, IsoDate, Matrix, Options, Report, Subpath,
};

use CoverageState::{Failed, Flaky, Missing, Passed, Skipped, Waived};
use Subpath::{Blocked, Cleanup, Empty, Environment, Fixture, Happy, Negative, Recovery};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/evidence")
}

fn report(name: &str) -> Evidence {
    let bytes = std::fs::read(dir().join("reports").join(name)).unwrap();
    evidence::read(name, &bytes, None).unwrap_or_else(|e| panic!("{e}"))
}

fn matrix() -> Matrix<'static> {
    parse(&std::fs::read_to_string(dir().join("matrix.md")).unwrap()).into_owned()
}

/// Each flow's non-missing subpath states (missing required ones are left out, so the
/// tables below list only what the report proves).
fn states(report: &Report) -> BTreeMap<String, BTreeMap<Subpath, CoverageState>> {
    let ev = report.evidence.as_ref().unwrap();
    ev.flows
        .iter()
        .map(|(id, f)| {
            let s = f
                .subpaths
                .iter()
                .filter(|(_, c)| c.state != Missing)
                .map(|(s, c)| (*s, c.state))
                .collect();
            (id.clone(), s)
        })
        .filter(|(_, s): &(String, BTreeMap<Subpath, CoverageState>)| !s.is_empty())
        .collect()
}

fn expect(
    rows: &[(&str, &[(Subpath, CoverageState)])],
) -> BTreeMap<String, BTreeMap<Subpath, CoverageState>> {
    rows.iter()
        .map(|(id, s)| ((*id).to_owned(), s.iter().copied().collect()))
        .collect()
}

fn gate(evidence: &Evidence) -> Report {
    evaluate_with_evidence(
        &matrix(),
        &Options {
            today: IsoDate::parse("2026-06-01"),
            ..Options::default()
        },
        evidence,
    )
}

fn codes_for(report: &Report, flow: &str) -> Vec<Code> {
    report
        .findings
        .iter()
        .filter(|f| f.flow.as_deref() == Some(flow) && !f.code.is_drift())
        .map(|f| f.code)
        .collect()
}

fn pytest_expected() -> BTreeMap<String, BTreeMap<Subpath, CoverageState>> {
    expect(&[
        (
            "FLOW-JOT-ADD-001",
            &[
                (Happy, Passed),
                (Negative, Passed),
                (Cleanup, Passed),
                (Fixture, Passed),
            ],
        ),
        ("FLOW-JOT-ARCHIVE-001", &[(Happy, Passed)]),
        (
            "FLOW-JOT-EXPORT-001",
            &[
                (Happy, Passed),
                (Empty, Passed),
                (Recovery, Skipped),
                (Negative, Passed),
                (Fixture, Passed),
            ],
        ),
        (
            "FLOW-JOT-IMPORT-001",
            &[(Happy, Passed), (Empty, Passed), (Negative, Failed)],
        ),
        (
            "FLOW-JOT-SEARCH-001",
            &[(Negative, Passed), (Fixture, Passed)],
        ),
        // No pytest test covers sharing, but the register approves skipping its blocked path.
        ("FLOW-JOT-SHARE-001", &[(Blocked, Waived)]),
        // Not judged (needs_design), but its skipped test is still reported.
        ("FLOW-JOT-THEME-001", &[(Happy, Skipped)]),
    ])
}

#[test]
fn pytest_xunit1_and_xunit2_read_the_same() {
    for name in ["pytest-xunit1.xml", "pytest-xunit2.xml"] {
        let ev = report(name);
        assert_eq!(
            ev.unlabelled_tests, 1,
            "{name}: test_max_title_is_eighty names no flow"
        );
        assert_eq!(states(&gate(&ev)), pytest_expected(), "{name}");
        let xfail = ev
            .tests
            .iter()
            .find(|t| t.name.ends_with("test_export_resumes_after_write_error"))
            .unwrap();
        assert_eq!(xfail.outcome, Outcome::Xfailed);
        assert_eq!(
            xfail.reason.as_deref(),
            Some("export does not resume after a write error yet")
        );
        // One test, three flows, one group of properties each.
        let multi = ev
            .tests
            .iter()
            .find(|t| t.name.ends_with("test_seed_fixture_loads"))
            .unwrap();
        assert_eq!(multi.flows.len(), 3);
        assert!(multi.flows.iter().all(|c| c.subpaths == vec![Fixture]));
        // Class-level marker first, method marker after: one flow with the method's subpath.
        let method = ev
            .tests
            .iter()
            .find(|t| t.name.ends_with("TestExport::test_export_csv"))
            .unwrap();
        assert_eq!(method.flows.len(), 1);
        assert_eq!(method.flows[0].subpaths, vec![Happy]);
        assert_eq!(method.uat_rows, vec!["UAT-JOT-EXPORT-001"]);
    }
    let x1 = report("pytest-xunit1.xml");
    let t = x1
        .tests
        .iter()
        .find(|t| t.name == "test_jot::test_add_note")
        .unwrap();
    assert_eq!((t.file.as_deref(), t.line), (Some("test_jot.py"), Some(13)));
}

fn playwright_json_expected() -> BTreeMap<String, BTreeMap<Subpath, CoverageState>> {
    expect(&[
        (
            "FLOW-JOT-ADD-001",
            &[
                (Happy, Passed),
                (Empty, Passed),
                (Blocked, Passed),
                (Recovery, Passed),
                (Negative, Skipped),
                (Environment, Passed),
            ],
        ),
        ("FLOW-JOT-ARCHIVE-001", &[(Recovery, Failed)]),
        ("FLOW-JOT-EXPORT-001", &[(Environment, Passed)]),
        (
            "FLOW-JOT-SEARCH-001",
            &[(Happy, Flaky), (Empty, Passed), (Environment, Passed)],
        ),
        (
            "FLOW-JOT-SHARE-001",
            &[(Happy, Passed), (Blocked, Waived), (Environment, Passed)],
        ),
    ])
}

#[test]
fn playwright_json_report() {
    let ev = report("playwright.json");
    let r = gate(&ev);
    assert_eq!(states(&r), playwright_json_expected());
    let by_name = |n: &str| {
        ev.tests
            .iter()
            .find(|t| t.name == n)
            .unwrap_or_else(|| panic!("no test `{n}`"))
    };
    // The retry that was written to turn flaky.
    assert_eq!(
        by_name("searching › filters notes by text").outcome,
        Outcome::Flaky
    );
    // test.fail(): an expected failure, not a pass.
    assert_eq!(
        by_name("adding notes › an oversized title is refused @negative").outcome,
        Outcome::Xfailed
    );
    // The runtime skip keeps its reason.
    let skip = by_name("org policy blocks public links @FLOW-JOT-SHARE-001 @blocked");
    assert_eq!(
        (skip.outcome, skip.reason.as_deref()),
        (
            Outcome::Skipped,
            Some("org-policy fixture is not deployed in this lane")
        )
    );
    // Inherited describe tag (flow) + the test's own tag (subpath).
    let empty = by_name("adding notes › an empty board offers the first-note prompt");
    assert_eq!(empty.flows[0].flow, "FLOW-JOT-ADD-001");
    assert_eq!(empty.uat_rows, vec!["UAT-JOT-ADD-001"]);
    // Tag-only test: the one subpath tag applies to every flow tag.
    let env = by_name("the app is served to a real browser");
    assert_eq!(env.flows.len(), 4);
    assert!(env.flows.iter().all(|c| c.subpaths == vec![Environment]));
    assert_eq!(
        by_name("archived notes can be restored from the undo toast").outcome,
        Outcome::Failed
    );
    let ev_report = r.evidence.as_ref().unwrap();
    assert_eq!(ev_report.unknown_flows.len(), 1);
    assert_eq!(ev_report.unknown_flows[0].flow, "FLOW-JOT-LEGACY-001");
}

#[test]
fn playwright_junit_report_with_retries() {
    let ev = report("playwright-junit.xml");
    // Playwright's junit reporter keeps annotations (as properties) and tags written in
    // titles, but drops tags given in the `tag` option and on `describe` blocks: the
    // "adding notes" tests and the tag-only environment test lose their flows here.
    assert_eq!(
        states(&gate(&ev)),
        expect(&[
            ("FLOW-JOT-ARCHIVE-001", &[(Recovery, Failed)]),
            ("FLOW-JOT-SEARCH-001", &[(Happy, Flaky), (Empty, Passed)]),
            ("FLOW-JOT-SHARE-001", &[(Happy, Passed), (Blocked, Waived)]),
        ])
    );
    let t = ev
        .tests
        .iter()
        .find(|t| t.name == "adding notes › an oversized title is refused @negative")
        .unwrap();
    assert_eq!(
        t.outcome,
        Outcome::Xfailed,
        "the `fail` annotation property marks test.fail()"
    );
    assert!(t.flows.is_empty());
    assert_eq!(t.uat_rows, vec!["UAT-JOT-ADD-001"]);
    assert_eq!(t.file.as_deref(), Some("jot.spec.mjs"));
    assert_eq!(ev.unlabelled_tests, 1);
}

#[test]
fn combined_reports_gate_the_example_matrix() {
    let ev = Evidence::merged([report("pytest-xunit2.xml"), report("playwright.json")]);
    let r = gate(&ev);
    let all = |pairs: &[(Subpath, CoverageState)]| pairs.to_vec();
    assert_eq!(
        states(&r),
        expect(&[
            (
                "FLOW-JOT-ADD-001",
                &all(&[
                    (Happy, Passed),
                    (Empty, Passed),
                    (Blocked, Passed),
                    (Recovery, Passed),
                    // pytest passed, Playwright's test.fail() is an expected failure: passed wins.
                    (Negative, Passed),
                    (Cleanup, Passed),
                    (Fixture, Passed),
                    (Environment, Passed),
                ]),
            ),
            (
                "FLOW-JOT-ARCHIVE-001",
                &[(Happy, Passed), (Recovery, Failed)]
            ),
            (
                "FLOW-JOT-EXPORT-001",
                &[
                    (Happy, Passed),
                    (Empty, Passed),
                    (Recovery, Skipped),
                    (Negative, Passed),
                    (Fixture, Passed),
                    (Environment, Passed)
                ],
            ),
            (
                "FLOW-JOT-IMPORT-001",
                &[(Happy, Passed), (Empty, Passed), (Negative, Failed)]
            ),
            (
                "FLOW-JOT-SEARCH-001",
                &[
                    (Happy, Flaky),
                    (Empty, Passed),
                    (Negative, Passed),
                    (Fixture, Passed),
                    (Environment, Passed)
                ]
            ),
            (
                "FLOW-JOT-SHARE-001",
                &[(Happy, Passed), (Blocked, Waived), (Environment, Passed)]
            ),
            ("FLOW-JOT-THEME-001", &[(Happy, Skipped)]),
        ])
    );
    let ev_report = r.evidence.as_ref().unwrap();
    assert_eq!(
        ev_report.flows["FLOW-JOT-ARCHIVE-001"].subpaths[&Cleanup].state,
        Missing
    );
    assert_eq!(
        ev_report.flows["FLOW-JOT-ARCHIVE-001"].missing_uat_rows,
        vec!["UAT-JOT-ARCHIVE-002"]
    );
    assert_eq!(ev_report.unmapped_uat_rows.len(), 1);
    assert_eq!(ev_report.unmapped_uat_rows[0].uat_row, "UAT-JOT-SEARCH-002");
    assert_eq!(
        ev_report.unmapped_uat_rows[0].flows,
        vec!["FLOW-JOT-SEARCH-001"]
    );
    assert!(!ev_report.flows["FLOW-JOT-THEME-001"].judged);

    // The matrix claims six flows ready; the evidence backs three.
    assert_eq!(
        r.decision.ready,
        vec![
            "FLOW-JOT-ADD-001",
            "FLOW-JOT-SEARCH-001",
            "FLOW-JOT-SHARE-001"
        ]
    );
    assert_eq!(
        r.decision.blocked,
        vec![
            "FLOW-JOT-EXPORT-001",
            "FLOW-JOT-IMPORT-001",
            "FLOW-JOT-ARCHIVE-001",
            "FLOW-JOT-THEME-001"
        ]
    );
    assert_eq!(codes_for(&r, "FLOW-JOT-ADD-001"), Vec::<Code>::new());
    assert_eq!(
        codes_for(&r, "FLOW-JOT-SEARCH-001"),
        vec![Code::SubpathFlaky, Code::EvidenceUnmappedUatRow]
    );
    assert_eq!(
        codes_for(&r, "FLOW-JOT-EXPORT-001"),
        vec![Code::SubpathSkipped]
    );
    assert_eq!(
        codes_for(&r, "FLOW-JOT-IMPORT-001"),
        vec![Code::SubpathFailed]
    );
    assert_eq!(codes_for(&r, "FLOW-JOT-SHARE-001"), Vec::<Code>::new());
    let mut archive = codes_for(&r, "FLOW-JOT-ARCHIVE-001");
    archive.sort();
    assert_eq!(
        archive,
        vec![
            Code::SubpathFailed,
            Code::SubpathMissing,
            Code::EvidenceMissingUatRow
        ]
    );
    assert_eq!(
        codes_for(&r, "FLOW-JOT-LEGACY-001"),
        vec![Code::EvidenceUnknownFlow]
    );

    // Findings point at the subpath's cell and name flow, subpath and test.
    let m = matrix();
    let import = m.flow("FLOW-JOT-IMPORT-001").unwrap();
    let f = r
        .findings
        .iter()
        .find(|f| f.code == Code::SubpathFailed && f.flow.as_deref() == Some("FLOW-JOT-IMPORT-001"))
        .unwrap();
    assert_eq!(
        f.span,
        import.cell(flowready::Column::NegativePath).unwrap().span
    );
    assert!(
        f.message.contains("`negative`") && f.message.contains("test_import_rejects_blank_titles"),
        "{}",
        f.message
    );
    assert!(
        r.findings.iter().all(|f| !f.message.contains('\u{1b}')),
        "no terminal colour codes in messages"
    );
    // The blocked flows explain why.
    let reasons = &r.flow("FLOW-JOT-EXPORT-001").unwrap().reasons;
    assert!(reasons
        .iter()
        .any(|x| x.code == Some(Code::SubpathSkipped) && x.cell.as_deref() == Some("Recovery")));
}

#[test]
fn the_waiver_lapses_after_its_expiry_day() {
    let ev = report("playwright.json");
    let on = |day: &str| {
        let options = Options {
            today: IsoDate::parse(day),
            ..Options::default()
        };
        evaluate_with_evidence(&matrix(), &options, &ev)
    };
    let last_day = on("2030-06-30");
    assert_eq!(
        last_day.evidence.as_ref().unwrap().flows["FLOW-JOT-SHARE-001"].subpaths[&Blocked].state,
        Waived
    );
    let next_day = on("2030-07-01");
    assert_eq!(
        next_day.evidence.as_ref().unwrap().flows["FLOW-JOT-SHARE-001"].subpaths[&Blocked].state,
        Skipped
    );
    assert_eq!(
        next_day.flow("FLOW-JOT-SHARE-001").unwrap().decision,
        Decision::Blocked
    );
}

#[test]
fn format_can_be_forced_and_is_detected() {
    let bytes = std::fs::read(dir().join("reports/playwright.json")).unwrap();
    assert_eq!(
        evidence::detect("p.json", &bytes).unwrap(),
        EvidenceFormat::PlaywrightJson
    );
    let err = evidence::read("p.json", &bytes, Some(EvidenceFormat::Junit)).unwrap_err();
    assert!(err.to_string().contains("`p.json`"), "{err}");
    // Own format round trip: what the readers produce is valid evidence JSON.
    let ev = Evidence::merged([report("pytest-xunit1.xml"), report("playwright.json")]);
    let json = serde_json::to_vec(&ev).unwrap();
    assert_eq!(
        evidence::detect("e.json", &json).unwrap(),
        EvidenceFormat::Flowready
    );
    assert_eq!(evidence::read("e.json", &json, None).unwrap(), ev);
}

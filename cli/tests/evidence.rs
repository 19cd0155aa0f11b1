//! `gate --evidence`: the recorded example reports through the CLI.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;
use std::process::{Command, Output};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/evidence");

fn gate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowready"))
        .current_dir(Path::new(DIR))
        .args(["gate", "matrix.md", "--today", "2026-11-28"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn failing_evidence_fails_the_gate_and_prints_the_grid() {
    let out = gate(&[
        "--evidence",
        "reports/playwright.json",
        "--evidence",
        "reports/pytest-xunit2.xml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let grid = text
        .lines()
        .skip_while(|l| !l.starts_with("evidence:"))
        .take_while(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(grid.contains("FLOW-JOT-IMPORT-001"), "{text}");
    insta::assert_snapshot!("jot__gate_evidence_grid", grid);
    assert!(text.contains("error[FR601]"));
}

#[test]
fn evidence_is_in_the_json_report() {
    let out = gate(&["--evidence", "reports/playwright.json", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let search = &v["evidence"]["flows"]["FLOW-JOT-SEARCH-001"]["subpaths"]["happy"];
    assert_eq!(search["state"], "flaky", "{search}");
    assert!(!search["tests"].as_array().unwrap().is_empty());
}

#[test]
fn a_scope_with_covered_flows_passes() {
    let out = gate(&[
        "--evidence",
        "reports/playwright.json",
        "--evidence",
        "reports/pytest-xunit2.xml",
        "--flow",
        "FLOW-JOT-ADD-001",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn unreadable_reports_are_unusable_input() {
    let dir = tempfile::tempdir().unwrap();
    let truncated = dir.path().join("truncated.xml");
    std::fs::write(
        &truncated,
        "<testsuites><testsuite name=\"a\"><testcase name=\"x\">",
    )
    .unwrap();
    let missing = dir.path().join("absent.json");
    for (path, needle) in [(&truncated, "truncated.xml"), (&missing, "absent.json")] {
        let out = gate(&["--evidence", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{err}");
    }
    let out = gate(&[
        "--evidence",
        "reports/playwright.json",
        "--evidence-format",
        "yaml",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

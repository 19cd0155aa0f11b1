//! Inputs: standard input as `-`, and a read limit for every kind of file (regular files,
//! pipes, devices) with a message that names the limit.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::Path;
use std::process::Command;

use common::{fixtures, output_with_stdin, Out, BIN, TODAY};

fn run(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Out {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(fixtures())
        .env_remove("FLOWREADY_MAX_MATRIX_BYTES")
        .env_remove("FLOWREADY_MAX_REPORT_BYTES")
        .envs(env.iter().copied());
    output_with_stdin(&mut cmd, stdin).into()
}

fn matrix() -> Vec<u8> {
    std::fs::read(fixtures().join("ready_at_l2.md")).unwrap()
}

#[test]
fn a_dash_reads_the_matrix_from_standard_input() {
    let from_file = run(
        &[
            "check",
            "ready_at_l2.md",
            "--today",
            TODAY,
            "--format",
            "json",
        ],
        None,
        &[],
    );
    let from_stdin = run(
        &["check", "-", "--today", TODAY, "--format", "json"],
        Some(&matrix()),
        &[],
    );
    assert_eq!(from_stdin.code, 1, "{}", from_stdin.stderr);
    assert_eq!(from_stdin.stdout, from_file.stdout);
    let text = run(&["gate", "-", "--today", TODAY], Some(&matrix()), &[]);
    assert!(text.stdout.contains("--> <stdin>:10:"), "{}", text.stdout);
    for args in [
        &["decision", "-", "--today", TODAY][..],
        &["explain", "-", "FLOW-DEMO-REPORTS-001", "--today", TODAY],
        &["show", "-"],
    ] {
        let out = run(args, Some(&matrix()), &[]);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(out.stdout.contains("FLOW-DEMO-REPORTS-001"), "{args:?}");
    }
    let write = run(&["decision", "-", "--write"], Some(&matrix()), &[]);
    assert_eq!(write.code, 2);
    assert!(
        write.stderr.contains("not standard input"),
        "{}",
        write.stderr
    );
}

#[test]
fn every_kind_of_input_stops_at_its_limit() {
    // A pipe: no size to ask for beforehand.
    let out = run(
        &["check", "-", "--max-matrix-bytes", "100"],
        Some(&matrix()),
        &[],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("over the 100-byte limit for a matrix"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--max-matrix-bytes"), "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1);
    // The environment variable, and a regular file.
    let out = run(
        &["check", "ready_at_l2.md"],
        None,
        &[("FLOWREADY_MAX_MATRIX_BYTES", "1K")],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("over the 1024-byte limit"),
        "{}",
        out.stderr
    );
    // Exactly at the limit is fine.
    let len = matrix().len().to_string();
    let out = run(
        &[
            "check",
            "ready_at_l2.md",
            "--today",
            TODAY,
            "--max-matrix-bytes",
            &len,
        ],
        None,
        &[],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    // A device that never ends.
    if Path::new("/dev/zero").exists() {
        let out = run(
            &["check", "/dev/zero", "--max-matrix-bytes", "1M"],
            None,
            &[],
        );
        assert_eq!(out.code, 2);
        assert!(out.stderr.contains("1048576-byte limit"), "{}", out.stderr);
        let out = run(
            &[
                "gate",
                "ready_at_l2.md",
                "--evidence",
                "/dev/zero",
                "--max-report-bytes",
                "1M",
            ],
            None,
            &[],
        );
        assert_eq!(out.code, 2);
        assert!(out.stderr.contains("`/dev/zero`"), "{}", out.stderr);
    }
    // A report through a pipe, streamed as JUnit, over the limit.
    let xml = format!(
        "<testsuite>{}</testsuite>",
        "<testcase name=\"t @FLOW-DEMO-LOGIN-001 @happy\"/>".repeat(1000)
    );
    let out = run(
        &[
            "gate",
            "ready_at_l2.md",
            "--evidence",
            "-",
            "--max-report-bytes",
            "4K",
        ],
        Some(xml.as_bytes()),
        &[],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("over the 4096-byte limit for one report"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--max-report-bytes"), "{}", out.stderr);
    // Under the limit, the same report is read.
    let out = run(
        &[
            "gate",
            "ready_at_l2.md",
            "--today",
            TODAY,
            "--evidence",
            "-",
        ],
        Some(xml.as_bytes()),
        &[],
    );
    assert!(
        out.stdout.contains("evidence: 1000 tests"),
        "{}{}",
        out.stdout,
        out.stderr
    );
    // A bad size is a usage error.
    let out = run(
        &["check", "ready_at_l2.md", "--max-matrix-bytes", "lots"],
        None,
        &[],
    );
    assert_eq!(out.code, 2);
}

#[test]
fn streamed_junit_errors_still_name_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.xml");
    std::fs::write(
        &bad,
        "<testsuites>\n  <testsuite name=\"a\">\n    <testcase name=\"x\">\n",
    )
    .unwrap();
    let out = run(
        &[
            "gate",
            "ready_at_l2.md",
            "--evidence",
            bad.to_str().unwrap(),
        ],
        None,
        &[],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("line 4"), "{}", out.stderr);
}

#[test]
fn implausible_dates_are_refused() {
    for date in ["-9999-01-01", "1900-01-01", "3000-01-01"] {
        let out = run(&["check", "ready_at_l2.md", "--today", date], None, &[]);
        assert_eq!(out.code, 2, "{date}");
        assert!(
            out.stderr.contains("plausible range"),
            "{date}: {}",
            out.stderr
        );
    }
    let out = run(
        &["check", "ready_at_l2.md"],
        None,
        &[("FLOWREADY_TODAY", "0001-01-01")],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("FLOWREADY_TODAY"), "{}", out.stderr);
}

#[test]
fn an_undecodable_report_attribute_is_reported() {
    let xml =
        br#"<testsuite><testcase name="login &nbsp; @FLOW-DEMO-LOGIN-001 @happy"/></testsuite>"#;
    let out = run(
        &[
            "gate",
            "ready_at_l2.md",
            "--today",
            TODAY,
            "--evidence",
            "-",
            "--format",
            "json",
        ],
        Some(xml),
        &[],
    );
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"FR608"), "{codes:?}");
}

#[test]
fn the_baseline_aware_summary_says_why_blocked_flows_pass() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.md"), matrix()).unwrap();
    let base = Command::new(env!("CARGO_BIN_EXE_flowready"))
        .args(["baseline", "m.md", "--today", TODAY])
        .current_dir(dir.path())
        .output()
        .unwrap();
    std::fs::write(dir.path().join("b.json"), base.stdout).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_flowready"))
        .args(["gate", "m.md", "--today", TODAY, "--baseline", "b.json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("1 blocked, all in the baseline"), "{text}");
    let json = Command::new(env!("CARGO_BIN_EXE_flowready"))
        .args([
            "gate",
            "m.md",
            "--today",
            TODAY,
            "--baseline",
            "b.json",
            "--format",
            "json",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(json.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "one line");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["baseline"]["passed"], true);
    assert_eq!(v["baseline"]["baselined"], 1);
}

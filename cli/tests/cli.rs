//! The built `flowready` binary: every output format, the subcommands, and exit codes.
//! Snapshots are named after the fixture (in `tests/fixtures/`) and the case they show.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};

use common::{fixtures, run_in, Out, TODAY};

fn seed() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/seed/Product_Quality_Flow_Coverage_Matrix_v1.md");
    if path.exists() {
        Some(path)
    } else {
        eprintln!("note: seed not found at {}; skipping", path.display());
        None
    }
}

fn run(args: &[&str]) -> Out {
    run_in(&fixtures(), args)
}

/// The 1-based line of the first line containing `needle` in a fixture.
fn line_of(fixture: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(fixtures().join(fixture)).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

// ---------------------------------------------------------------- formats

#[test]
fn every_format_points_at_the_ready_at_l2_row() {
    let line = line_of("ready_at_l2.md", "FLOW-DEMO-REPORTS-001 |");
    for format in ["text", "json", "junit", "sarif", "github"] {
        let out = run(&[
            "check",
            "ready_at_l2.md",
            "--today",
            TODAY,
            "--format",
            format,
        ]);
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        assert!(out.stderr.is_empty(), "{format}: {}", out.stderr);
        let needle = match format {
            "text" => format!("ready_at_l2.md:{line}:"),
            "json" => format!("\"line\":{line},"),
            "junit" => format!("name=\"FLOW-DEMO-REPORTS-001\" classname=\"flowready.check.P0\" file=\"ready_at_l2.md\" line=\"{line}\""),
            "sarif" => format!("\"startLine\": {line}"),
            _ => format!("::error file=ready_at_l2.md,line={line},"),
        };
        assert!(
            out.stdout.contains(&needle),
            "{format} does not point at line {line}:\n{}",
            out.stdout
        );
        assert!(
            out.stdout.contains("FLOW-DEMO-REPORTS-001"),
            "{format} does not name the flow"
        );
        insta::assert_snapshot!(format!("ready_at_l2__check_{format}"), out.stdout);
    }
}

#[test]
fn gate_formats_on_the_ready_at_l2_matrix() {
    for format in ["text", "junit", "github"] {
        let out = run(&[
            "gate",
            "ready_at_l2.md",
            "--today",
            TODAY,
            "--format",
            format,
        ]);
        assert_eq!(out.code, 1);
        insta::assert_snapshot!(format!("ready_at_l2__gate_{format}"), out.stdout);
    }
}

#[test]
fn sarif_is_2_1_0_with_rule_metadata() {
    let out = run(&["check", "stale.md", "--today", TODAY, "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(!rules.is_empty());
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        assert!(rule["shortDescription"]["text"]
            .as_str()
            .is_some_and(|s| !s.is_empty()));
        assert!(rule["helpUri"]
            .as_str()
            .unwrap()
            .ends_with(&format!("docs/rules.md#{}", id.to_lowercase())));
    }
    for result in v["runs"][0]["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn junit_is_well_formed_and_escaped() {
    let out = run(&["check", "stale.md", "--today", TODAY, "--format", "junit"]);
    let mut reader = quick_xml::Reader::from_str(&out.stdout);
    let mut testcases = 0;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                if e.name().0 == "testcase" =>
            {
                testcases += 1
            }
            _ => {}
        }
    }
    // Three flows, plus one testcase per document-level finding (the unknown declared flow).
    assert_eq!(testcases, 4, "{}", out.stdout);
    assert!(
        out.stdout.contains("&apos;")
            || out.stdout.contains("&quot;")
            || !out.stdout.contains("'\"")
    );
}

#[test]
fn text_is_quiet_when_all_is_well() {
    let out = run(&["check", "--today", TODAY]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
    insta::assert_snapshot!("bundled__check_text", out.stdout);
}

#[test]
fn no_color_when_not_a_terminal() {
    let out = run(&["check", "ready_at_l2.md", "--today", TODAY]);
    assert!(!out.stdout.contains('\u{1b}'));
}

#[test]
fn long_seed_rows_are_trimmed_around_the_caret() {
    let Some(seed) = seed() else { return };
    let out = run(&["check", seed.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Source lines (`42 | ...`) are trimmed around the caret; titles keep the full message.
    for line in out.stdout.lines().filter(|l| {
        l.split(" |")
            .next()
            .is_some_and(|n| n.trim().parse::<u32>().is_ok())
    }) {
        assert!(line.chars().count() <= 160, "untrimmed line: {line}");
    }
    assert!(out.stdout.contains("..."));
    assert!(out.stdout.contains("FLOW-ACCOUNT-MFA-001"));
}

// ---------------------------------------------------------------- decision

fn temp_copy(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// Runs `decision PATH --write` as of the tests' day.
fn write_decision(path: &Path) -> Out {
    run(&[
        "decision",
        path.to_str().unwrap(),
        "--write",
        "--today",
        TODAY,
    ])
}

fn drift(path: &Path) -> Vec<String> {
    let out = run(&[
        "check",
        path.to_str().unwrap(),
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .filter(|c| ["FR501", "FR502", "FR503", "FR504"].contains(&c.as_str()))
        .collect()
}

/// `decision --write` on a stale file: the section is fixed, the bytes before and after
/// it are identical, the line endings are kept.
fn check_write(text: &str) {
    let (_dir, path) = temp_copy("matrix.md", text);
    assert!(!drift(&path).is_empty());
    let start = text.find("## Broad UAT Decision").unwrap();
    let end = text.find("## Appendix").unwrap();
    let out = write_decision(&path);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    let after = std::fs::read(&path).unwrap();
    let tail = &text.as_bytes()[end..];
    assert_eq!(
        &after[..start],
        &text.as_bytes()[..start],
        "bytes before the section changed"
    );
    assert!(after.ends_with(tail), "bytes after the section changed");
    assert_eq!(drift(&path), Vec::<String>::new());
    let after = String::from_utf8(after).unwrap();
    if text.contains("\r\n") {
        assert_eq!(
            after.matches('\n').count(),
            after.matches("\r\n").count(),
            "a bare LF crept in"
        );
    } else {
        assert!(!after.contains('\r'));
    }
    // Running it again changes nothing.
    let again = write_decision(&path);
    assert_eq!(again.code, 0);
    assert!(again.stderr.contains("up to date"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
    // No temporary file is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
    assert_eq!(leftovers.len(), 1);
}

#[test]
fn decision_write_fixes_drift_in_lf_files() {
    let text = std::fs::read_to_string(fixtures().join("stale.md")).unwrap();
    check_write(&text.replace("\r\n", "\n"));
}

#[test]
fn decision_write_fixes_drift_in_crlf_files() {
    let text = std::fs::read_to_string(fixtures().join("stale.md")).unwrap();
    check_write(&text.replace("\r\n", "\n").replace('\n', "\r\n"));
}

#[test]
fn decision_prints_the_section() {
    let out = run(&["decision", "stale.md", "--today", TODAY]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!("stale__decision", out.stdout);
}

#[test]
fn decision_write_keeps_the_seed() {
    let Some(seed) = seed() else { return };
    let text = std::fs::read_to_string(&seed).unwrap();
    let (_dir, path) = temp_copy("seed.md", &text);
    let out = write_decision(&path);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let after = std::fs::read_to_string(&path).unwrap();
    if after != text {
        assert!(after.contains("Documentation freshness blocker:"));
        assert!(after
            .contains("`FLOW-ACCOUNT-MFA-001`: current kind/dev UI/UAT coverage is accepted for"));
    }
    assert_eq!(
        after, text,
        "the seed's decision is up to date as of {TODAY}"
    );
}

#[test]
fn decision_write_appends_a_missing_section() {
    let text = std::fs::read_to_string(fixtures().join("ready_at_l2.md")).unwrap();
    let cut = text.find("## Broad UAT Decision").unwrap();
    let (_dir, path) = temp_copy("m.md", &text[..cut]);
    let out = write_decision(&path);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.starts_with(&text[..cut]));
    assert!(after.contains("## Broad UAT Decision"));
    assert_eq!(drift(&path), Vec::<String>::new());
}

// ---------------------------------------------------------------- explain

#[test]
fn explain_names_the_billing_gap_task() {
    let Some(seed) = seed() else { return };
    let out = run(&[
        "explain",
        seed.to_str().unwrap(),
        "FLOW-BILLING-SAFETY-001",
        "--today",
        TODAY,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("FLOW-BILLING-SAFETY-001: blocked"));
    assert!(out
        .stdout
        .contains("HARNESS-FIX-BILLING-RETURN-LOW-BALANCE-UAT-001"));
    assert!(out.stdout.contains("to make it ready:"));
    assert!(
        out.stdout.contains(":48:"),
        "the reason names the row's line"
    );
}

#[test]
fn explain_shows_reasons_cells_and_steps() {
    let out = run(&[
        "explain",
        "ready_at_l2.md",
        "FLOW-DEMO-REPORTS-001",
        "--today",
        TODAY,
    ]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!("ready_at_l2__explain_text", out.stdout);
    let out = run(&[
        "explain",
        "ready_at_l2.md",
        "FLOW-DEMO-REPORTS-001",
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    insta::assert_snapshot!("ready_at_l2__explain_json", out.stdout);
}

// ---------------------------------------------------------------- baseline

#[test]
fn baseline_suppresses_todays_findings_and_catches_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixtures().join("ready_at_l2.md")).unwrap();
    let matrix = dir.path().join("m.md");
    std::fs::write(&matrix, &text).unwrap();
    let out = run_in(dir.path(), &["baseline", "m.md", "--today", TODAY]);
    assert_eq!(out.code, 0);
    std::fs::write(dir.path().join("base.json"), &out.stdout).unwrap();
    insta::assert_snapshot!("ready_at_l2__baseline", out.stdout);

    let check = run_in(
        dir.path(),
        &["check", "m.md", "--today", TODAY, "--baseline", "base.json"],
    );
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(check.stdout.contains("1 baselined"), "{}", check.stdout);
    let gate = run_in(
        dir.path(),
        &["gate", "m.md", "--today", TODAY, "--baseline", "base.json"],
    );
    assert_eq!(gate.code, 0, "{}", gate.stdout);

    // Lines move (a paragraph above the table): still baselined.
    let moved = text.replace(
        "Owner: Demo Quality Team\n",
        "Owner: Demo Quality Team\n\nA new paragraph.\n\nAnd another.\n",
    );
    std::fs::write(&matrix, &moved).unwrap();
    let check = run_in(
        dir.path(),
        &["check", "m.md", "--today", TODAY, "--baseline", "base.json"],
    );
    assert_eq!(check.code, 0, "{}", check.stdout);

    // A new error (the login flow drops to L1 while ready) fails both.
    std::fs::write(
        &matrix,
        moved.replace(
            "| L4 | ready_for_broad_uat | web/identity |",
            "| L1 | ready_for_broad_uat | web/identity |",
        ),
    )
    .unwrap();
    let check = run_in(
        dir.path(),
        &["check", "m.md", "--today", TODAY, "--baseline", "base.json"],
    );
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(check.stdout.contains("FLOW-DEMO-LOGIN-001"));
    assert!(!check
        .stdout
        .contains("error[FR101]: flow `FLOW-DEMO-REPORTS-001`"));
    let gate = run_in(
        dir.path(),
        &["gate", "m.md", "--today", TODAY, "--baseline", "base.json"],
    );
    assert_eq!(gate.code, 1);
}

// ---------------------------------------------------------------- diff

#[test]
fn diff_lists_changed_added_and_removed_flows() {
    for format in ["text", "markdown", "json"] {
        let out = run(&[
            "diff",
            "ready_at_l2.md",
            "stale.md",
            "--today",
            TODAY,
            "--format",
            format,
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        insta::assert_snapshot!(format!("ready_at_l2_to_stale__diff_{format}"), out.stdout);
    }
    // Flows in both versions whose level, status or decision changed.
    let text = std::fs::read_to_string(fixtures().join("ready_at_l2.md")).unwrap();
    let next = text
        .replace(
            "| L2 | ready_for_broad_uat | web/reports |",
            "| L3 | ready_for_broad_uat | web/reports |",
        )
        .replace(
            "| L4 | ready_for_broad_uat | web/identity | none |",
            "| L4 | needs_env_fix | web/identity | `LOGIN-FIX-001` |",
        );
    let (dir, path) = temp_copy("next.md", &next);
    let old = fixtures().join("ready_at_l2.md");
    for format in ["text", "markdown", "json"] {
        let out = run_in(
            dir.path(),
            &[
                "diff",
                old.to_str().unwrap(),
                path.to_str().unwrap(),
                "--today",
                TODAY,
                "--format",
                format,
            ],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stdout.contains("FLOW-DEMO-LOGIN-001")
                && out.stdout.contains("FLOW-DEMO-REPORTS-001")
        );
        insta::assert_snapshot!(format!("ready_at_l2_to_next__diff_{format}"), out.stdout);
    }
    let same = run(&["diff", "stale.md", "stale.md", "--today", TODAY]);
    assert!(same.stdout.starts_with("no flow changed"));
}

// ---------------------------------------------------------------- exit codes

fn assert_unusable(args: &[&str], needle: &str) {
    let out = run(args);
    assert_eq!(out.code, 2, "{args:?}: {}{}", out.stdout, out.stderr);
    let lines: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| !l.contains("note:"))
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "{args:?}: one line on stderr, got {:?}",
        out.stderr
    );
    assert!(lines[0].contains(needle), "{args:?}: {}", lines[0]);
}

#[test]
fn unusable_input_exits_2_with_one_line() {
    assert_unusable(&["check", "missing.md"], "cannot read `missing.md`");
    assert_unusable(&["gate", "missing.md"], "cannot read `missing.md`");
    assert_unusable(&["decision", "missing.md"], "cannot read");
    assert_unusable(&["explain", "missing.md", "FLOW-A-001"], "cannot read");
    for cmd in ["check", "gate", "decision", "baseline"] {
        assert_unusable(&[cmd, "not_a_matrix.md"], "not a flow coverage matrix");
    }
    assert_unusable(
        &["explain", "not_a_matrix.md", "FLOW-A-001"],
        "not a flow coverage matrix",
    );
    assert_unusable(
        &["diff", "stale.md", "not_a_matrix.md"],
        "not a flow coverage matrix",
    );
    assert_unusable(
        &["explain", "ready_at_l2.md", "FLOW-DEMO-REPORT-001"],
        "did you mean `FLOW-DEMO-REPORTS-001`",
    );
    assert_unusable(
        &["gate", "ready_at_l2.md", "--flow", "FLOW-NOPE-001"],
        "--flow `FLOW-NOPE-001`",
    );
    assert_unusable(
        &["check", "ready_at_l2.md", "--baseline", "missing.json"],
        "cannot read baseline",
    );
    assert_unusable(
        &["check", "ready_at_l2.md", "--baseline", "stale.md"],
        "not a flowready baseline",
    );
    assert_unusable(&["decision", "--write"], "needs a FILE");
    assert_unusable(&["gate", "ready_at_l2.md", "--scope", "P7"], "no flow");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check", "ready_at_l2.md", "--format", "yaml"][..],
        &["check", "ready_at_l2.md", "--today", "tomorrow"],
        &["check", "ready_at_l2.md", "--min-level", "L9"],
        &["gate", "ready_at_l2.md", "--scope", "urgent"],
        &["explain", "ready_at_l2.md"],
        &["frobnicate"],
    ] {
        let out = run(args);
        assert_eq!(out.code, 2, "{args:?}");
        assert!(out.stderr.contains("error"), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn bundled_example_runs_without_a_file() {
    let check = run(&["check", "--today", TODAY]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(check.stderr.contains("using the bundled example matrix"));
    let p0 = run(&["gate", "--scope", "P0", "--today", TODAY]);
    assert_eq!(p0.code, 0, "{}", p0.stdout);
    let all = run(&["gate", "--today", TODAY]);
    assert_eq!(all.code, 1, "the bundled example has a blocked P1 flow");
    assert!(all.stdout.contains("FLOW-NOTES-EXPORT-001"));
    let decision = run(&["decision", "--today", TODAY]);
    assert_eq!(decision.code, 0);
    assert!(decision.stdout.starts_with("## Broad UAT Decision"));
    assert!(decision.stderr.contains("bundled"));
}

#[test]
fn passing_runs_exit_0() {
    let out = run(&[
        "gate",
        "ready_at_l2.md",
        "--flow",
        "FLOW-DEMO-LOGIN-001",
        "--today",
        TODAY,
    ]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let out = run(&[
        "gate",
        "ready_at_l2.md",
        "--today",
        TODAY,
        "--min-level",
        "L2",
    ]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(run(&["schema"]).code, 0);
    assert_eq!(run(&["show", "stale.md"]).code, 0);
}

#[test]
fn odd_inputs_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8]); 6] = [
        ("empty.md", b""),
        ("bytes.md", &[0xff, 0xfe, 0x00, b'|', b'\n', 0xc3]),
        ("crlf.md", b"\r\n\r\n|\r\n"),
        ("header_only.md", b"| Flow ID | Level | Status |\n|---|---|---|\n"),
        ("bad_row.md", b"| Flow ID | Level | Status |\n|---|---|---|\n| x | L9 | nope | extra |\n## Broad UAT Decision\n\n- `FLOW-Q-001`\n"),
        ("utf8_bad_row.md", b"| Flow ID | Level | Status |\n|---|---|---|\n| FLOW-\xff-001 | L3 | ready_for_broad_uat |\n"),
    ];
    for (name, bytes) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        for args in [
            &["check", name][..],
            &["gate", name],
            &["decision", name],
            &["decision", name, "--write"],
            &["explain", name, "FLOW-Q-001"],
            &["baseline", name],
            &["show", name],
            &["diff", name, name],
        ] {
            for format in ["text", "junit", "sarif", "github", "json"] {
                let mut full = args.to_vec();
                if matches!(args[0], "check" | "gate") {
                    full.extend(["--format", format]);
                } else if format != "text" {
                    continue;
                }
                let out = run_in(dir.path(), &full);
                assert!(
                    matches!(out.code, 0..=2),
                    "{full:?} exited {}: {}",
                    out.code,
                    out.stderr
                );
                assert!(!out.stderr.contains("panicked"), "{full:?}: {}", out.stderr);
            }
        }
    }
}

#[test]
fn invalid_utf8_is_a_finding_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(fixtures().join("ready_at_l2.md")).unwrap();
    bytes.extend(b"\nA stray byte: \xff\n");
    std::fs::write(dir.path().join("m.md"), &bytes).unwrap();
    let out = run_in(dir.path(), &["check", "m.md", "--today", TODAY]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("error[FR001]"), "{}", out.stdout);
    let write = run_in(
        dir.path(),
        &["decision", "m.md", "--write", "--today", TODAY],
    );
    assert_eq!(write.code, 2);
    assert!(write.stderr.contains("not valid UTF-8"));
    assert_eq!(std::fs::read(dir.path().join("m.md")).unwrap(), bytes);
}

#[test]
fn every_subcommand_has_help_with_examples() {
    for cmd in ["check", "gate", "decision", "explain", "baseline", "diff"] {
        let out = run(&[cmd, "--help"]);
        assert_eq!(out.code, 0);
        assert!(out.stdout.contains("Examples:"), "{cmd}");
        assert!(out.stdout.contains("Exit codes:"), "{cmd}");
    }
    for cmd in ["check", "gate", "decision", "explain"] {
        let out = run(&[cmd, "--help"]);
        for option in ["--today", "--min-level", "--strict", "--baseline"] {
            assert!(out.stdout.contains(option), "{cmd} lacks {option}");
        }
    }
}

/// Issue acceptance: `show --format json` on the seed gives 15 flows (8 P0, 7 P1), 5 gap
/// rows and the declared decision, with values and lines.
#[test]
fn show_json_on_the_seed() {
    let Some(seed) = seed() else { return };
    let out = run(&["show", seed.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let m: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let flows = m["flows"].as_array().unwrap();
    assert_eq!(flows.len(), 15);
    let p0 = flows.iter().filter(|f| f["priority"] == "P0").count();
    assert_eq!((p0, flows.len() - p0), (8, 7));
    let billing = flows
        .iter()
        .find(|f| f["id"] == "FLOW-BILLING-SAFETY-001")
        .unwrap();
    assert_eq!(billing["level"], "L3");
    assert_eq!(billing["status"], "needs_coverage");
    assert_eq!(billing["line"], 48);
    assert_eq!(
        billing["gap_tasks"][0]["id"],
        "HARNESS-FIX-BILLING-RETURN-LOW-BALANCE-UAT-001"
    );
    assert_eq!(billing["gap_tasks"][0]["closed"], false);
    let mfa = flows
        .iter()
        .find(|f| f["id"] == "FLOW-ACCOUNT-MFA-001")
        .unwrap();
    assert_eq!(mfa["gap_tasks"].as_array().unwrap().len(), 6);
    assert_eq!(mfa["uat_rows"].as_array().unwrap().len(), 7);
    let gaps = m["gaps"].as_array().unwrap();
    assert_eq!(gaps.len(), 5);
    assert_eq!(gaps[4]["line"], 70);
    assert_eq!(gaps[4]["detected_by"], "manual_kind_uat");
    assert_eq!(gaps[4]["expected_gate"], "product_flow_gate");
    let declared = &m["declared_decision"];
    assert_eq!(declared["ready"].as_array().unwrap().len(), 11);
    assert_eq!(declared["accepted_gap"][0], "FLOW-ACCOUNT-MFA-001");
    assert_eq!(declared["blocked"].as_array().unwrap().len(), 3);
}

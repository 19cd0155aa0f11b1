//! Hostile text through every output format. A matrix is edited by many hands and test
//! reports come from CI artifacts, so a cell can hold anything: terminal escape sequences,
//! NUL and other controls, C1 controls, DEL, bidirectional overrides ("Trojan Source"),
//! `]]>`, quotes, XML-looking text, surrogate-range escapes.
//!
//! Whatever a cell holds:
//! - the text outputs (check, gate, explain, diff; text and github) hold no raw control
//!   or bidirectional character (line breaks aside);
//! - JUnit parses with a real XML parser (roxmltree);
//! - SARIF validates against the SARIF 2.1.0 schema (vendored in `tests/fixtures`, the
//!   OASIS `sarif-schema-2.1.0.json`);
//! - JSON keeps the exact text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::Path;
use std::process::Command;

use proptest::prelude::*;

use common::{output_with_stdin, TODAY};

/// Characters no terminal text may carry raw: C0/C1 controls, DEL, bidi controls.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// A matrix whose flow row carries `cell` in the Status, Lane and Gap Task cells, and
/// whose gap list carries it too.
fn matrix(cell: &str) -> String {
    // A cell is one line, and `|` ends it: the rest is the cell's own business.
    let cell: String = cell
        .chars()
        .map(|c| match c {
            '\n' | '\r' => ' ',
            c => c,
        })
        .collect::<String>()
        .replace('|', "\\|");
    format!(
        "# Hostile matrix\n\n## P0 Flow Matrix\n\n\
| Flow ID | Automation Anchor | UAT Row | Lane | Level | Status | Owner | Gap Task |\n\
|---|---|---|---|---|---|---|---|\n\
| FLOW-HOSTILE-001 | `a.spec.ts` | `UAT-HOSTILE-001` | {cell} | L4 | {cell} | team | `TASK-{cell}` |\n\
| FLOW-CALM-001 | `b.spec.ts` | `UAT-CALM-001` | kind/dev | L4 | ready_for_broad_uat | team | none |\n\n\
## Gap List\n\n\
| Priority | Gap | Gap Task | detected_by | expected_gate |\n\
|---|---|---|---|---|\n\
| P0 | {cell} | `TASK-{cell}`; `TASK-OTHER-001` | {cell} | |\n"
    )
}

struct Out {
    code: i32,
    stdout: String,
}

fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Out {
    let out = output_with_stdin(
        Command::new(common::BIN)
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1"),
        stdin.map(str::as_bytes),
    );
    let code = out.status.code().expect("exited by a signal");
    assert_ne!(
        code,
        101,
        "{args:?} panicked: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("internal error"),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Out {
        code,
        stdout: String::from_utf8(out.stdout).expect("output is UTF-8"),
    }
}

fn sarif_validator() -> jsonschema::Validator {
    let mut schema: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/sarif-schema-2.1.0.json")).unwrap();
    // The published schema's `language` patterns (of `run` and `toolComponent`) have a
    // stray `]`, which an ECMA-262 regex (what JSON Schema's `regex` format means)
    // rejects, and the validator checks the schema itself first; those patterns are read
    // with the bracket removed. flowready never writes `language`.
    for def in ["run", "toolComponent"] {
        let pattern = &mut schema["definitions"][def]["properties"]["language"]["pattern"];
        assert_eq!(*pattern, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$");
        *pattern = serde_json::json!("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}?$");
    }
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_terminal_safe(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| c != '\n' && unsafe_char(c)) {
        panic!("{what} carries raw {:?}:\n{text}", c);
    }
}

/// Runs every command and format on `cell` and checks each output.
fn check_all(cell: &str, sarif: &jsonschema::Validator) {
    let dir = tempfile::tempdir().unwrap();
    let text = matrix(cell);
    std::fs::write(dir.path().join("m.md"), &text).unwrap();
    std::fs::write(dir.path().join("calm.md"), matrix("blocked")).unwrap();
    let d = dir.path();
    for cmd in ["check", "gate"] {
        for format in ["text", "github"] {
            let out = run(
                d,
                &[cmd, "m.md", "--today", TODAY, "--format", format],
                None,
            );
            assert!(out.code <= 1, "{cmd} {format}: exit {}", out.code);
            assert_terminal_safe(&format!("{cmd} --format {format}"), &out.stdout);
        }
        let out = run(
            d,
            &[cmd, "m.md", "--today", TODAY, "--format", "junit"],
            None,
        );
        if let Err(e) = roxmltree::Document::parse(&out.stdout) {
            panic!("{cmd} junit is not well-formed XML: {e}\n{}", out.stdout);
        }
        let out = run(
            d,
            &[cmd, "m.md", "--today", TODAY, "--format", "sarif"],
            None,
        );
        let log: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let errors: Vec<String> = sarif.iter_errors(&log).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{cmd} sarif: {errors:?}\n{}", out.stdout);
    }
    // JSON keeps the exact text: every escape-worthy character of the status cell that
    // Markdown keeps (it turns NUL into U+FFFD and trims whitespace) is in the report.
    let out = run(
        d,
        &["check", "-", "--today", TODAY, "--format", "json"],
        Some(&text),
    );
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let messages: String = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_owned())
        .collect();
    for c in cell.chars().take(100) {
        let kept = matches!(c, '\u{7}' | '\u{1b}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if kept && !c.is_whitespace() {
            assert!(messages.contains(c), "JSON lost {c:?}: {messages}");
        }
    }
    let out = run(
        d,
        &["explain", "m.md", "FLOW-HOSTILE-001", "--today", TODAY],
        None,
    );
    assert_eq!(out.code, 0);
    assert_terminal_safe("explain", &out.stdout);
    for format in ["text", "markdown"] {
        let out = run(
            d,
            &[
                "diff", "calm.md", "m.md", "--today", TODAY, "--format", format,
            ],
            None,
        );
        assert_eq!(out.code, 0);
        assert_terminal_safe(&format!("diff --format {format}"), &out.stdout);
    }
}

/// Text a hostile cell is made of.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\u{1b}]0;title\u{7}".to_owned()),
        Just("\u{1b}[2J\u{1b}[31mready".to_owned()),
        Just("]]>".to_owned()),
        Just("\"'<&>".to_owned()),
        Just("&#xD800;\\uD800\\uDFFF".to_owned()),
        Just("&unknown;".to_owned()),
        Just("`code`".to_owned()),
        Just("ready_for_broad_uat".to_owned()),
        prop::char::range('\u{0}', '\u{1f}').prop_map(String::from),
        prop::char::range('\u{7f}', '\u{9f}').prop_map(String::from),
        prop::char::range('\u{202a}', '\u{202e}').prop_map(String::from),
        prop::char::range('\u{2066}', '\u{2069}').prop_map(String::from),
        Just("\u{fffe}\u{ffff}\u{feff}".to_owned()),
        "[a-zA-Z0-9 _-]{1,8}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 1..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn every_format_is_well_formed_whatever_a_cell_holds(cell in hostile()) {
        check_all(&cell, &sarif_validator());
    }
}

/// The reproduction: a cell that would retitle the terminal, clear the screen and print a
/// red "ready", with a NUL for XML.
#[test]
fn the_terminal_spoof_is_escaped_everywhere() {
    check_all(
        "\u{1b}]0;title\u{7}\u{1b}[2J\u{1b}[31mready\u{0}\u{202e}",
        &sarif_validator(),
    );
}

#[test]
fn a_long_cell_is_quoted_short_but_pointed_at_whole() {
    let dir = tempfile::tempdir().unwrap();
    let cell = "x".repeat(100_000);
    std::fs::write(dir.path().join("m.md"), matrix(&cell)).unwrap();
    let out = run(
        dir.path(),
        &["check", "m.md", "--today", TODAY, "--format", "json"],
        None,
    );
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let status = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "FR008")
        .unwrap();
    let message = status["message"].as_str().unwrap();
    assert!(message.chars().count() < 250, "{message}");
    assert!(message.contains('…'), "{message}");
    let span = &status["span"];
    assert!(
        span["end"].as_u64().unwrap() - span["start"].as_u64().unwrap() >= 100_000,
        "the span covers the whole cell: {span}"
    );
    let text = run(dir.path(), &["check", "m.md", "--today", TODAY], None).stdout;
    assert!(
        text.lines().all(|l| l.chars().count() < 400),
        "a text line is as long as the cell"
    );
}

//! Bad reports: truncated XML, wrong JSON shapes, oversized input, arbitrary bytes. Every
//! one is an `EvidenceError` naming the file (and the position where there is one),
//! never a panic.

// Test code may panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use flowready::evidence::{self, EvidenceError, EvidenceFormat, MAX_REPORT_BYTES};
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../examples/evidence/reports")
            .join(name),
    )
    .unwrap()
}

#[test]
fn every_truncation_of_a_real_junit_report_is_an_error_with_a_position() {
    for name in ["pytest-xunit1.xml", "playwright-junit.xml"] {
        let bytes = fixture(name);
        let end = bytes
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())
            .unwrap();
        for cut in (1..end).step_by(7) {
            let err = evidence::read(name, &bytes[..cut], None).unwrap_err();
            assert_eq!(err.file(), name);
            let p = err
                .position()
                .unwrap_or_else(|| panic!("{name}[..{cut}]: {err}"));
            assert!(
                p.line.is_some() && p.column.is_some() && p.byte.is_some(),
                "{err}"
            );
        }
    }
}

#[test]
fn truncated_xml_message_says_what_is_open() {
    let err = evidence::read(
        "cut.xml",
        b"<testsuites>\n  <testsuite name=\"a\">\n    <testcase name=\"x\"/>\n",
        None,
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("`cut.xml` is not valid junit at line 4"),
        "{text}"
    );
    assert!(text.contains("`<testsuite>` is not closed"), "{text}");
}

#[test]
fn truncated_json_reports_are_syntax_errors() {
    let bytes = fixture("playwright.json");
    for cut in (1..bytes.len() - 2).step_by(997) {
        let err = evidence::read("pw.json", &bytes[..cut], None).unwrap_err();
        assert_eq!(err.file(), "pw.json");
        assert!(matches!(err, EvidenceError::Syntax { .. }), "{cut}: {err}");
    }
}

#[test]
fn wrong_json_shapes_are_clear_errors() {
    let cases: &[(&str, &str)] = &[
        (r#"{"suites": {"title": "x"}}"#, "invalid type"),
        (r#"{"suites": [{"specs": [{"title": 5}]}]}"#, "invalid type"),
        (
            r#"{"suites": [{"specs": [{"tests": [{"results": [{"status": null}]}]}]}]}"#,
            "invalid type",
        ),
        (
            r#"{"format": "flowready-evidence", "version": 1, "tests": [{"name": "t"}]}"#,
            "missing field `outcome`",
        ),
        (
            r#"{"format": "flowready-evidence", "version": 1, "tests": [], "extra": 1}"#,
            "unknown field `extra`",
        ),
        (
            r#"{"format": "flowready-evidence", "version": 1, "tests": [{"name": "t", "outcome": "passed", "flows": [{"flow": "F", "subpaths": ["sideways"]}]}]}"#,
            "unknown variant `sideways`",
        ),
        (
            r#"{"format": "flowready-evidence", "version": "1", "tests": []}"#,
            "invalid type",
        ),
    ];
    for (json, expected) in cases {
        let err = evidence::read("e.json", json.as_bytes(), None).unwrap_err();
        assert!(matches!(err, EvidenceError::Shape { .. }), "{json}: {err}");
        assert!(err.to_string().contains(expected), "{json}: {err}");
        assert!(
            err.to_string().contains("`e.json`") && err.to_string().contains("line 1, column"),
            "{err}"
        );
    }
    for json in [r#"{"stats": {}}"#, "[1, 2]", "", "   ", "hello"] {
        let err = evidence::read("x", json.as_bytes(), None).unwrap_err();
        assert!(
            matches!(err, EvidenceError::UnknownFormat { .. }),
            "{json}: {err}"
        );
    }
}

#[test]
fn oversized_reports_are_refused_before_reading() {
    let err = evidence::check_size("huge.xml", MAX_REPORT_BYTES + 1).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "`huge.xml` is {} bytes, over the {MAX_REPORT_BYTES}-byte limit for one report",
            MAX_REPORT_BYTES + 1
        )
    );
    assert!(evidence::check_size("ok.xml", MAX_REPORT_BYTES).is_ok());
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let mut xml = String::from("<testsuites>");
    xml.push_str(&"<x>".repeat(10_000));
    let err = evidence::read("deep.xml", xml.as_bytes(), None).unwrap_err();
    assert!(err.to_string().contains("deeper than"), "{err}");
    let json = format!(
        "{{\"suites\": {}{}",
        "[{\"suites\": ".repeat(5_000),
        "]}".repeat(5_000)
    );
    assert!(evidence::read("deep.json", json.as_bytes(), None).is_err());
}

#[test]
fn invalid_utf8_is_an_error() {
    let err = evidence::read(
        "bad.xml",
        b"<testsuite><testcase name=\"\xff\xfe\"/></testsuite>",
        None,
    )
    .unwrap_err();
    assert_eq!(err.file(), "bad.xml");
    let err =
        evidence::read("bad.json", b"{\"suites\": [{\"title\": \"\xff\"}]}", None).unwrap_err();
    assert_eq!(err.file(), "bad.json");
}

fn every_reader(bytes: &[u8]) {
    let _ = evidence::read("fuzz", bytes, None);
    for f in [
        EvidenceFormat::Junit,
        EvidenceFormat::PlaywrightJson,
        EvidenceFormat::Flowready,
    ] {
        let _ = evidence::read("fuzz", bytes, Some(f));
    }
}

/// XML-ish text from JUnit's own vocabulary, so the fuzzer reaches past the prolog.
fn junit_like() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "<testsuites>",
        "</testsuites>",
        "<testsuite name=\"s\">",
        "</testsuite>",
        "<testcase name=\"t @FLOW-A-1 @happy\">",
        "</testcase>",
        "<testcase/>",
        "<properties>",
        "</properties>",
        "<property name=\"flow\" value=\"FLOW-A-1\"/>",
        "<property name=\"subpath\" value=\"env\"/>",
        "<property name=\"uat\">",
        "</property>",
        "<skipped type=\"pytest.xfail\"/>",
        "<failure message=\"m\">",
        "</failure>",
        "<flakyFailure/>",
        "&amp;",
        "&#x41;",
        "&bogus;",
        "<![CDATA[x]]>",
        "<!-- c -->",
        "<?xml version=\"1.0\"?>",
        "\"",
        "<",
        ">",
        "/",
        "=",
        "\u{e9}",
        "\n",
    ]);
    prop::collection::vec(token, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        every_reader(&bytes);
    }

    #[test]
    fn junit_like_text_never_panics(text in junit_like()) {
        every_reader(text.as_bytes());
    }

    #[test]
    fn cut_or_corrupted_real_reports_never_panic(cut in 0usize..50_000, flip in 0usize..50_000, byte in any::<u8>()) {
        for name in ["pytest-xunit2.xml", "playwright-junit.xml", "playwright.json"] {
            let mut bytes = fixture(name);
            bytes.truncate(cut.min(bytes.len()));
            if let Some(b) = bytes.get_mut(flip) {
                *b = byte;
            }
            every_reader(&bytes);
        }
    }
}

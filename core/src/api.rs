//! The surface every binding calls: plain functions over document text, [`Options`] and
//! serde types, so that the Python, Node and WASM bindings only convert and call.
//!
//! Each function here is one step a binding exposes (`evaluate`, `readEvidence`,
//! `decisionSection`, `explain`, `diff`). Misuse (bad options, an unreadable report, a
//! flow ID the matrix does not have) is an [`Error`] with a stable [`Error::code`], which
//! each binding maps to its own error type in one place; problems in the matrix are
//! findings in the result, never errors.

use crate::diff::MatrixDiff;
use crate::evidence::{self, Evidence, EvidenceFormat};
use crate::explain::Explanation;
use crate::report::{Options, Report};
use crate::{decision_block, evaluate_with_evidence, parse, suggest, Error};

/// Reads options JSON with [`Options::from_json`]; blank text (`""`, whitespace) is the
/// defaults. Unknown or repeated keys, a value of the wrong type, a bad `today` or an
/// unknown level or priority are [`Error::Options`], naming the key and the position.
/// Every surface reads options through this.
pub fn options_from_json(json: &str) -> Result<Options, Error> {
    if json.trim().is_empty() {
        return Ok(Options::default());
    }
    Options::from_json(json).map_err(Error::Options)
}

/// Parses `text` and evaluates it without evidence: the report of
/// [`crate::evaluate_json`]. What a page that shows readiness needs, and all it links
/// (the lean WebAssembly module calls this, not [`evaluate_text`], so that the evidence
/// path is not in it).
pub fn evaluate_plain(text: &str, options: &Options) -> Report {
    crate::evaluate(&parse(text), options)
}

/// Parses `text` and evaluates it, with `evidence` when given. The report is the same as
/// [`crate::evaluate_json`]'s (or [`crate::evaluate_with_evidence_json`]'s) JSON.
pub fn evaluate_text(text: &str, options: &Options, evidence: Option<&Evidence>) -> Report {
    match evidence {
        Some(evidence) => evaluate_with_evidence(&parse(text), options, evidence),
        None => evaluate_plain(text, options),
    }
}

/// Reads one test report. `format` forces a reader by name (`playwright`, `junit`,
/// `flowready`, and the aliases [`EvidenceFormat`] accepts); without it the format is
/// detected from the content. `name` names the report in errors and in each test's
/// `source`.
pub fn read_evidence(name: &str, bytes: &[u8], format: Option<&str>) -> Result<Evidence, Error> {
    let format = format
        .map(|f| {
            f.parse::<EvidenceFormat>()
                .map_err(|()| Error::UnknownFormat(f.to_owned()))
        })
        .transpose()?;
    evidence::read(name, bytes, format).map_err(Error::Evidence)
}

/// The `Broad UAT Decision` section that `decision --write` would put into `text`, for
/// `report` (an evaluation of `text`).
pub fn decision_section(text: &str, report: &Report) -> String {
    decision_block::section(text, &parse(text), report)
}

/// Explains flow `id` of the matrix `text`: its verdict, findings, gap tasks and what
/// would make it ready. An ID the matrix does not have is [`Error::UnknownFlow`], with
/// the nearest ID as a suggestion.
pub fn explain(text: &str, options: &Options, id: &str) -> Result<Explanation, Error> {
    let matrix = parse(text);
    let report = crate::evaluate(&matrix, options);
    crate::explain::explain(&matrix, &report, id).ok_or_else(|| Error::UnknownFlow {
        id: id.to_owned(),
        suggestion: suggest::suggest_flow(&matrix, id).map(str::to_owned),
    })
}

/// Compares two versions of a matrix, both judged with `options`.
pub fn diff(old_text: &str, new_text: &str, options: &Options) -> MatrixDiff {
    let old = crate::check(old_text, options);
    let new = crate::check(new_text, options);
    crate::diff::diff(&old, &new)
}

/// The 1-based column of byte `offset` of `text` counted in UTF-16 code units, as
/// JavaScript strings and editors count it (findings' `column` counts Unicode scalar
/// values). An offset past the end or inside a character is clamped to the character
/// boundary at or before it.
pub fn utf16_column(text: &str, offset: usize) -> u32 {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or_default();
    let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
    let units: usize = before
        .get(line_start..)
        .unwrap_or_default()
        .chars()
        .map(char::len_utf16)
        .sum();
    u32::try_from(units + 1).unwrap_or(u32::MAX)
}

/// The verdict of flow `id` in `report`. An ID the report does not have is
/// [`Error::UnknownFlow`], with the nearest ID as a suggestion (the rule of
/// [`crate::suggest::suggest_flow`]), so a binding's `report.flow(id)` can say "did you
/// mean" without re-parsing the matrix.
pub fn report_flow<'r>(report: &'r Report, id: &str) -> Result<&'r crate::FlowReport, Error> {
    report.flow(id).ok_or_else(|| Error::UnknownFlow {
        id: id.to_owned(),
        suggestion: suggest::suggest_id(report.flows.iter().map(|f| f.id.as_str()), id)
            .map(str::to_owned),
    })
}

/// Reads a subpath name the way evidence readers do (`negative`, `@negative`, `env`,
/// case-insensitive). A name that is not a subpath is `Err` with the nearest subpath, if
/// one is close enough to be a likely typo (`negatve` → `negative`): the did-you-mean a
/// test-runner plugin or spec helper shows at collection time, since the readers
/// silently ignore subpaths they cannot read.
pub fn subpath(name: &str) -> Result<crate::Subpath, Option<&'static str>> {
    if let Ok(s) = name.parse::<crate::Subpath>() {
        return Ok(s);
    }
    Err(suggest::suggest_subpath(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = "| Flow ID | Level | Status |\n|---|---|---|\n| FLOW-A-001 | L3 | ready_for_broad_uat |\n| FLOW-B-001 | L1 | blocked |\n";

    #[test]
    fn options_reject_unknown_keys_and_bad_dates() {
        assert!(options_from_json("").is_ok());
        assert!(options_from_json("{}").is_ok());
        let e = options_from_json(r#"{"today": "2026-13-01"}"#).unwrap_err();
        assert_eq!(e.code(), "options");
        assert!(options_from_json(r#"{"todya": "2026-11-28"}"#).is_err());
        let e = options_from_json(r#"{"today": "-9999-01-01"}"#).unwrap_err();
        assert!(e.to_string().contains("plausible range"), "{e}");
        let e = options_from_json(r#"{"today": "2026-02-30"}"#).unwrap_err();
        assert!(e.to_string().contains("not a YYYY-MM-DD date"), "{e}");
        let e = options_from_json(r#"{"today": "3000-01-01"}"#).unwrap_err();
        assert!(e.to_string().contains("plausible range"), "{e}");
        assert!(options_from_json(r#"{"today": null}"#)
            .unwrap()
            .today
            .is_none());
    }

    #[test]
    fn evaluate_plain_is_evaluate_text_without_evidence() {
        let options = options_from_json("[\"2026-11-28\", \"L1\"]").unwrap();
        assert_eq!(options.min_level, Some(crate::Level::L1));
        let plain = evaluate_plain(TWO, &options);
        assert_eq!(plain, evaluate_text(TWO, &options, None));
        assert!(plain.evidence.is_none());
        assert_eq!(plain.decision.blocked, vec!["FLOW-B-001".to_owned()]);
    }

    #[test]
    fn options_errors_keep_the_readers_details() {
        assert_eq!(options_from_json(" \n ").unwrap(), Options::default());
        let Err(Error::Options(e)) = options_from_json("{\"strict\": 1}") else {
            panic!("not an options error");
        };
        assert_eq!(e.key(), Some("strict"));
        assert_eq!((e.line(), e.column()), (1, 12));
    }

    #[test]
    fn evaluate_text_matches_the_json_twin() {
        let options = options_from_json(r#"{"today": "2026-11-28"}"#).unwrap();
        let report = evaluate_text(TWO, &options, None);
        let json = crate::evaluate_json(TWO, r#"{"today": "2026-11-28"}"#).unwrap();
        assert_eq!(serde_json::to_string(&report).unwrap(), json);
        assert_eq!(report.decision.blocked, vec!["FLOW-B-001".to_owned()]);
    }

    #[test]
    fn unknown_flows_suggest_the_nearest() {
        let e = explain(TWO, &Options::default(), "FLOW-A-01").unwrap_err();
        assert_eq!(e.code(), "unknown_flow");
        assert!(e.to_string().contains("did you mean `FLOW-A-001`?"), "{e}");
        assert_eq!(
            explain(TWO, &Options::default(), "FLOW-B-001")
                .unwrap()
                .flow
                .decision,
            crate::Decision::Blocked
        );
    }

    #[test]
    fn evidence_formats_are_named_or_refused() {
        let e = read_evidence("r.xml", b"<testsuites/>", Some("yaml")).unwrap_err();
        assert_eq!(e.code(), "unknown_format");
        let e = read_evidence("r.xml", b"<testsuites><testcase", Some("junit")).unwrap_err();
        assert_eq!(e.code(), "evidence");
        assert!(read_evidence("r.xml", b"<testsuites/>", None).is_ok());
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "ab\n\u{1F600}é|x";
        let x = text.find('x').unwrap();
        assert_eq!(utf16_column(text, x), 5); // 😀 is two units, é one, | one
        assert_eq!(utf16_column(text, 0), 1);
        assert_eq!(utf16_column(text, 4), 1); // inside 😀: clamped to its start
        assert_eq!(utf16_column(text, 999), 6);
    }

    #[test]
    fn diff_sees_a_level_change() {
        let newer = TWO.replace("| L1 |", "| L2 |");
        let d = diff(TWO, &newer, &Options::default());
        assert_eq!(d.changed.len(), 1);
    }

    #[test]
    fn report_flows_are_looked_up_or_suggested() {
        let report = crate::check(TWO, &Options::default());
        assert_eq!(report_flow(&report, "FLOW-B-001").unwrap().id, "FLOW-B-001");
        let e = report_flow(&report, "flow-b-01").unwrap_err();
        assert_eq!(e.code(), "unknown_flow");
        assert!(e.to_string().contains("did you mean `FLOW-B-001`?"), "{e}");
        let e = report_flow(&report, "SOMETHING-ELSE").unwrap_err();
        assert!(!e.to_string().contains("did you mean"), "{e}");
    }

    #[test]
    fn subpaths_are_read_or_suggested() {
        assert_eq!(subpath("@Negative"), Ok(crate::Subpath::Negative));
        assert_eq!(subpath("env"), Ok(crate::Subpath::Environment));
        assert_eq!(subpath("negatve"), Err(Some("negative")));
        assert_eq!(subpath("recover"), Err(Some("recovery")));
        assert_eq!(subpath("recovry"), Err(Some("recovery")));
        assert_eq!(subpath("cleanups"), Err(Some("cleanup")));
        assert_eq!(subpath("smoke"), Err(None));
        assert_eq!(subpath("zzzz"), Err(None));
    }
}

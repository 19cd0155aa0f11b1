//! flowready: the Product Quality Flow Coverage Matrix, executable.
//!
//! [`parse()`] reads a matrix document into a typed [`Matrix`] (never failing: problems are
//! findings), and [`evaluate`] applies the matrix's own gate rules and computes, for every
//! flow, whether broad UAT may start: `ready`, `accepted_gap` or `blocked`, with reasons.
//! The `*_json` twins take and return JSON strings, for bindings and conformance vectors.
//!
//! With test reports, [`evidence::read`] turns each report (Playwright JSON, JUnit XML, or
//! flowready's own evidence JSON) into [`Evidence`], and [`evaluate_with_evidence`] gates
//! every flow on its required subpaths as well.
//!
//! The crate does no I/O and keeps no global state.

#![deny(missing_docs)]

pub mod api;
pub mod baseline;
pub mod date;
pub mod decision_block;
pub mod diagnostics;
pub mod diff;
pub mod evidence;
pub mod explain;
pub mod fold;
pub mod gate;
pub mod markdown;
pub mod model;
pub mod options;
pub mod parse;
pub mod report;
pub mod span;
pub mod suggest;
pub mod vocab;

pub use baseline::{Baseline, Fingerprint};
pub use diagnostics::{Code, Finding, Severity};
pub use diff::{diff, MatrixDiff};
pub use evidence::{Evidence, EvidenceError, EvidenceFormat, EvidenceReport};
pub use gate::{evaluate, evaluate_with_findings};
pub use model::{
    Cell, Decision, DeclaredDecision, Exception, Flow, Gap, GapTask, List, ListIter, Matrix,
};
pub use options::OptionsError;
pub use parse::{parse, parse_bytes};
pub use report::{FlowReport, IsoDate, Options, Reason, Report};
pub use span::Span;
pub use vocab::{Column, Level, Priority, Status, Subpath};

/// Misuse of the JSON API (bad options), as opposed to problems in a matrix, which are
/// findings.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The options JSON could not be read ([`Options::from_json`]). The message is the
    /// [`OptionsError`]'s own (`invalid options: …`), so a caller holding only the
    /// `OptionsError` shows the same text.
    #[error("{0}")]
    Options(#[source] OptionsError),
    /// A value could not be serialised (should not happen).
    #[error("could not serialise: {0}")]
    Serialize(#[source] serde_json::Error),
    /// The evidence JSON could not be read.
    #[error("invalid evidence: {0}")]
    Evidence(#[source] EvidenceError),
    /// A flow ID the matrix does not have (`explain`, the `flows` option of a binding).
    #[error("no flow `{id}` in the matrix{}", suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
    UnknownFlow {
        /// The ID asked for.
        id: String,
        /// The nearest ID the matrix has, if one is close.
        suggestion: Option<String>,
    },
    /// An evidence format name that is not `playwright`, `junit` or `flowready`.
    #[error("unknown evidence format `{0}`; expected `playwright`, `junit` or `flowready`")]
    UnknownFormat(String),
}

impl Error {
    /// A stable, machine-readable name for the kind of error, which every binding maps to
    /// its own error class or code in one place: `options`, `serialize`, `evidence`,
    /// `unknown_flow` or `unknown_format`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Options(_) => "options",
            Error::Serialize(_) => "serialize",
            Error::Evidence(_) => "evidence",
            Error::UnknownFlow { .. } => "unknown_flow",
            Error::UnknownFormat(_) => "unknown_format",
        }
    }
}

/// Parses `text` and evaluates it.
pub fn check(text: &str, options: &Options) -> Report {
    evaluate(&parse(text), options)
}

/// JSON twin of [`parse()`]: the model as JSON.
pub fn parse_json(text: &str) -> Result<String, Error> {
    serde_json::to_string(&parse(text)).map_err(Error::Serialize)
}

/// JSON twin of [`check`]: options as JSON in (`{}` or blank for defaults, read by
/// [`api::options_from_json`]), report as JSON out.
pub fn evaluate_json(text: &str, options_json: &str) -> Result<String, Error> {
    let options = api::options_from_json(options_json)?;
    serde_json::to_string(&api::evaluate_plain(text, &options)).map_err(Error::Serialize)
}

/// [`evaluate`], with test evidence: each flow in scope that claims readiness must also
/// have every required subpath passed, flaky or waived (see [`evidence::coverage`]).
/// Evidence findings (FR601–FR607) are judged like the rules' own, and the report's
/// `evidence` field holds the coverage per flow and subpath.
pub fn evaluate_with_evidence(matrix: &Matrix, options: &Options, evidence: &Evidence) -> Report {
    let (coverage, findings) = evidence::coverage::judge(matrix, options, evidence);
    let mut report = evaluate_with_findings(matrix, options, findings);
    report.evidence = Some(coverage);
    report
}

/// JSON twin of [`evaluate_with_evidence`]: the matrix text, options as JSON (`{}` for
/// defaults), and the evidence as JSON: either one report object (flowready evidence, or
/// a Playwright JSON report) or a list of [`evidence::ReportInput`]s
/// (`[{"name": "junit.xml", "content": "<testsuites>…"}]`).
pub fn evaluate_with_evidence_json(
    text: &str,
    options_json: &str,
    evidence_json: &str,
) -> Result<String, Error> {
    let options = api::options_from_json(options_json)?;
    let evidence = if evidence_json.trim_start().starts_with('[') {
        let reports: Vec<evidence::ReportInput> =
            serde_json::from_str(evidence_json).map_err(|e| {
                Error::Evidence(EvidenceError::from_json(
                    "evidence",
                    EvidenceFormat::Flowready,
                    &e,
                ))
            })?;
        evidence::read_all(&reports)
    } else {
        evidence::read("evidence", evidence_json.as_bytes(), None)
    }
    .map_err(Error::Evidence)?;
    let report = evaluate_with_evidence(&parse(text), &options, &evidence);
    serde_json::to_string(&report).map_err(Error::Serialize)
}

/// The JSON Schemas of the model and the report, as one JSON object
/// `{"matrix": …, "report": …, "options": …, "evidence": …}`.
pub fn schemas() -> serde_json::Value {
    serde_json::json!({
        "matrix": schemars::schema_for!(Matrix),
        "report": schemars::schema_for!(Report),
        "options": schemars::schema_for!(Options),
        "evidence": schemars::schema_for!(Evidence),
    })
}

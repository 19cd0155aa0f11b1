//! flowready: the Product Quality Flow Coverage Matrix, executable.
//!
//! [`parse`] reads a matrix document into a typed [`Matrix`] (never failing: problems are
//! findings), and [`evaluate`] applies the matrix's own gate rules and computes, for every
//! flow, whether broad UAT may start: `ready`, `accepted_gap` or `blocked`, with reasons.
//! The `*_json` twins take and return JSON strings, for bindings and conformance vectors.
//!
//! The crate does no I/O and keeps no global state.

pub mod baseline;
pub mod date;
pub mod decision_block;
pub mod diagnostics;
pub mod diff;
pub mod gate;
pub mod markdown;
pub mod model;
pub mod parse;
pub mod report;
pub mod span;
mod suggest;
pub mod vocab;

pub use baseline::{Baseline, Fingerprint};
pub use diagnostics::{Code, Finding, Severity};
pub use diff::{diff, MatrixDiff};
pub use gate::{evaluate, evaluate_with_findings};
pub use model::{Cell, Decision, DeclaredDecision, Exception, Flow, Gap, GapTask, Matrix};
pub use parse::{parse, parse_bytes};
pub use report::{FlowReport, IsoDate, Options, Reason, Report};
pub use span::Span;
pub use vocab::{Column, Level, Priority, Status, Subpath};

/// Misuse of the JSON API (bad options), as opposed to problems in a matrix, which are
/// findings.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The options JSON could not be read.
    #[error("invalid options: {0}")]
    Options(#[source] serde_json::Error),
    /// A value could not be serialised (should not happen).
    #[error("could not serialise: {0}")]
    Serialize(#[source] serde_json::Error),
}

/// Parses `text` and evaluates it.
pub fn check(text: &str, options: &Options) -> Report {
    evaluate(&parse(text), options)
}

/// JSON twin of [`parse`]: the model as JSON.
pub fn parse_json(text: &str) -> Result<String, Error> {
    serde_json::to_string(&parse(text)).map_err(Error::Serialize)
}

/// JSON twin of [`check`]: options as JSON in (`{}` for defaults), report as JSON out.
pub fn evaluate_json(text: &str, options_json: &str) -> Result<String, Error> {
    let options: Options = if options_json.trim().is_empty() {
        Options::default()
    } else {
        serde_json::from_str(options_json).map_err(Error::Options)?
    };
    serde_json::to_string(&check(text, &options)).map_err(Error::Serialize)
}

/// The JSON Schemas of the model and the report, as one JSON object
/// `{"matrix": …, "report": …, "options": …}`.
pub fn schemas() -> serde_json::Value {
    serde_json::json!({
        "matrix": schemars::schema_for!(Matrix),
        "report": schemars::schema_for!(Report),
        "options": schemars::schema_for!(Options),
    })
}

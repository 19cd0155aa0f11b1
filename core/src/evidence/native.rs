//! flowready's own evidence JSON: [`Evidence`] serialised, version [`EVIDENCE_VERSION`].
//!
//! ```json
//! {
//!   "format": "flowready-evidence",
//!   "version": 1,
//!   "tool": "pytest",
//!   "tests": [
//!     {
//!       "name": "test_jot.py::test_add_note",
//!       "file": "test_jot.py",
//!       "line": 13,
//!       "outcome": "passed",
//!       "flows": [{"flow": "FLOW-JOT-ADD-001", "subpaths": ["happy"]}],
//!       "uat_rows": ["UAT-JOT-ADD-001"]
//!     }
//!   ]
//! }
//! ```
//!
//! `outcome` is one of `passed`, `flaky`, `failed`, `skipped`, `xfailed`; subpaths are
//! `happy`, `empty`, `blocked`, `recovery`, `negative`, `cleanup`, `fixture`,
//! `environment`. Unknown fields are errors (so a typo is not silently ignored); a newer
//! `version` is refused with a clear message. The JSON Schema is [`schema`].

use serde::de::IgnoredAny;
use serde::Deserialize;

use super::{Evidence, EvidenceError, EvidenceFormat, EVIDENCE_VERSION};

/// The JSON Schema of flowready's evidence JSON.
pub fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Evidence)).unwrap_or(serde_json::Value::Null)
}

/// Reads flowready evidence JSON, checking its version and claims.
pub fn read(file: &str, bytes: &[u8]) -> Result<Evidence, EvidenceError> {
    let format = EvidenceFormat::Flowready;
    let header: Header =
        serde_json::from_slice(bytes).map_err(|e| EvidenceError::from_json(file, format, &e))?;
    let shape = |message: String| EvidenceError::Shape {
        file: file.to_owned(),
        format,
        position: super::Position::line_column(1, 1),
        message,
    };
    match header.version {
        Some(v) if v == EVIDENCE_VERSION => {}
        Some(v) => return Err(shape(format!("evidence version {v} is not supported (this flowready reads version {EVIDENCE_VERSION})"))),
        None => return Err(shape("missing field `version`".to_owned())),
    }
    let mut evidence: Evidence =
        serde_json::from_slice(bytes).map_err(|e| EvidenceError::from_json(file, format, &e))?;
    for (i, t) in evidence.tests.iter_mut().enumerate() {
        for claim in &mut t.flows {
            claim.flow = claim.flow.trim().to_owned();
            if claim.flow.is_empty() {
                return Err(shape(format!(
                    "test {i} (`{}`) names an empty flow ID",
                    t.name
                )));
            }
            claim.subpaths.sort();
            claim.subpaths.dedup();
        }
    }
    Ok(evidence)
}

#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    version: Option<u32>,
}

#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    suites: Option<IgnoredAny>,
}

/// Tells flowready evidence from a Playwright JSON report (for [`super::detect`]).
pub(crate) fn probe(file: &str, bytes: &[u8]) -> Result<EvidenceFormat, EvidenceError> {
    let probe: Probe = serde_json::from_slice(bytes)
        .map_err(|e| EvidenceError::from_json(file, EvidenceFormat::Flowready, &e))?;
    if probe.format.as_ref().and_then(|f| f.as_str()) == Some("flowready-evidence") {
        Ok(EvidenceFormat::Flowready)
    } else if probe.suites.is_some() {
        Ok(EvidenceFormat::PlaywrightJson)
    } else {
        Err(EvidenceError::UnknownFormat {
            file: file.to_owned(),
            reason: "a JSON object that is neither flowready evidence (`\"format\": \"flowready-evidence\"`) nor a Playwright JSON report (`suites`)".to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_checks_version() {
        let text = r#"{"format":"flowready-evidence","version":1,"tests":[{"name":"t","outcome":"xfailed","flows":[{"flow":"FLOW-A-001","subpaths":["negative","happy"]}]}]}"#;
        let ev = read("e.json", text.as_bytes()).unwrap();
        assert_eq!(ev.tests[0].flows[0].subpaths.len(), 2);
        let again = serde_json::to_string(&ev).unwrap();
        assert_eq!(read("e.json", again.as_bytes()).unwrap(), ev);
        let err = read(
            "e.json",
            br#"{"format":"flowready-evidence","version":9,"tests":[]}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("version 9"), "{err}");
        let err = read("e.json", br#"{"format":"flowready-evidence","version":1,"tests":[{"name":"t","outcome":"meh"}]}"#).unwrap_err();
        assert!(matches!(err, EvidenceError::Shape { .. }), "{err}");
    }
}

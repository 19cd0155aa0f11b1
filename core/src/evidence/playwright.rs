//! The Playwright JSON reporter's output (`reporter: [['json', {outputFile}]]`).
//!
//! Shape read (everything else is ignored): `suites[]` nest (`file` suites, then
//! `describe` suites), each with `specs[]` (`title`, `tags`, `file`, `line`) whose
//! `tests[]` (one per project or repeat) carry `annotations` (inherited `describe` ones
//! first), `expectedStatus`, `status`, `projectName` and one `results[]` entry per
//! attempt. The outcome comes from the attempts: the last one decides, and a pass after a
//! failed attempt is [`Outcome::Flaky`]; `test.fail()` tests that failed are
//! [`Outcome::Xfailed`].

use serde::Deserialize;

use super::{
    clip, first_line, Claims, Evidence, EvidenceError, EvidenceFormat, Outcome, TestRecord,
};

#[derive(Deserialize)]
struct Report {
    #[serde(default)]
    suites: Vec<Suite>,
}

#[derive(Deserialize)]
struct Suite {
    #[serde(default)]
    title: String,
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    specs: Vec<Spec>,
    #[serde(default)]
    suites: Vec<Suite>,
}

#[derive(Deserialize)]
struct Spec {
    #[serde(default)]
    title: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    tests: Vec<Test>,
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    line: Option<u32>,
}

#[derive(Deserialize)]
struct Test {
    #[serde(default)]
    annotations: Vec<Annotation>,
    #[serde(default, rename = "expectedStatus")]
    expected_status: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default, rename = "projectName")]
    project_name: Option<String>,
    #[serde(default)]
    results: Vec<Attempt>,
}

#[derive(Deserialize, PartialEq)]
struct Annotation {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Deserialize)]
struct Attempt {
    #[serde(default)]
    status: String,
    #[serde(default)]
    annotations: Vec<Annotation>,
    #[serde(default)]
    error: Option<AttemptError>,
}

#[derive(Deserialize)]
struct AttemptError {
    #[serde(default)]
    message: Option<String>,
}

/// Reads a Playwright JSON report.
pub fn read(file: &str, bytes: &[u8]) -> Result<Evidence, EvidenceError> {
    let report: Report = serde_json::from_slice(bytes)
        .map_err(|e| EvidenceError::from_json(file, EvidenceFormat::PlaywrightJson, &e))?;
    let mut evidence = Evidence {
        tool: Some("playwright".to_owned()),
        ..Evidence::default()
    };
    for suite in &report.suites {
        walk(suite, &mut Vec::new(), suite.file.as_deref(), &mut evidence);
    }
    Ok(evidence)
}

/// Visits a suite; `titles` are the enclosing `describe` titles (file suites excluded).
fn walk<'a>(
    suite: &'a Suite,
    titles: &mut Vec<&'a str>,
    file: Option<&'a str>,
    out: &mut Evidence,
) {
    let file = suite.file.as_deref().or(file);
    // A file suite's title is its file name; only `describe` titles belong in a name.
    let is_file_suite = suite.file.as_deref() == Some(suite.title.as_str()) && titles.is_empty();
    let pushed = !is_file_suite && !suite.title.is_empty();
    if pushed {
        titles.push(&suite.title);
    }
    for spec in &suite.specs {
        for test in &spec.tests {
            out.push(record(spec, test, titles, file));
        }
    }
    for child in &suite.suites {
        walk(child, titles, file, out);
    }
    if pushed {
        titles.pop();
    }
}

fn record(spec: &Spec, test: &Test, titles: &[&str], file: Option<&str>) -> TestRecord {
    let mut path: Vec<&str> = titles.to_vec();
    path.push(&spec.title);
    let mut name = path.join(" › ");
    if let Some(p) = test.project_name.as_deref().filter(|p| !p.is_empty()) {
        name = format!("[{p}] {name}");
    }
    let mut claims = Claims::default();
    let last = test.results.last();
    // Runtime annotations may appear only on the attempt; add those not already listed.
    let extra = last.map_or(&[][..], |r| r.annotations.as_slice());
    let annotations = test
        .annotations
        .iter()
        .chain(extra.iter().filter(|a| !test.annotations.contains(a)));
    let mut skip_reason = None;
    for a in annotations {
        let description = a.description.as_deref().unwrap_or("");
        if !claims.structured(&a.kind, description)
            && matches!(a.kind.as_str(), "skip" | "fixme")
            && !description.is_empty()
        {
            skip_reason = Some(clip(description));
        }
    }
    for tag in &spec.tags {
        claims.tag(tag);
    }
    claims.name(&spec.title);
    let (flows, uat_rows) = claims.finish();
    let outcome = outcome(test);
    let reason = match outcome {
        Outcome::Skipped | Outcome::Xfailed => skip_reason,
        Outcome::Failed => last
            .and_then(|r| r.error.as_ref())
            .and_then(|e| e.message.as_deref())
            .and_then(first_line),
        Outcome::Passed | Outcome::Flaky => None,
    };
    TestRecord {
        name: clip(&name),
        file: spec.file.as_deref().or(file).map(clip),
        line: spec.line,
        outcome,
        reason,
        flows,
        uat_rows,
        source: None,
    }
}

/// The outcome from the attempts; `status` (the reporter's own verdict) when there are none.
fn outcome(test: &Test) -> Outcome {
    let expected_fail = test.expected_status.as_deref() == Some("failed");
    if test.expected_status.as_deref() == Some("skipped") {
        return Outcome::Skipped;
    }
    let Some(last) = test.results.last() else {
        return match test.status.as_deref() {
            Some("expected") if expected_fail => Outcome::Xfailed,
            Some("expected") => Outcome::Passed,
            Some("flaky") => Outcome::Flaky,
            Some("unexpected") => Outcome::Failed,
            _ => Outcome::Skipped,
        };
    };
    let failed = |s: &str| matches!(s, "failed" | "timedOut" | "interrupted");
    match last.status.as_str() {
        "skipped" => Outcome::Skipped,
        s if expected_fail => {
            if failed(s) {
                Outcome::Xfailed
            } else {
                Outcome::Failed
            }
        }
        "passed" if test.results.iter().any(|r| failed(&r.status)) => Outcome::Flaky,
        "passed" => Outcome::Passed,
        _ => Outcome::Failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Subpath;

    #[test]
    fn reads_nested_suites_tags_annotations_and_attempts() {
        let json = br#"{"config":{},"suites":[{"title":"a.spec.ts","file":"a.spec.ts","specs":[],"suites":[
          {"title":"outer","file":"a.spec.ts","line":3,"specs":[
            {"title":"works @happy","tags":["FLOW-X-001","happy"],"file":"a.spec.ts","line":4,
             "tests":[{"annotations":[{"type":"uat","description":"UAT-X-001"}],"expectedStatus":"passed","status":"flaky","projectName":"",
               "results":[{"status":"failed","retry":0},{"status":"passed","retry":1}]}]}]}]}]}"#;
        let ev = read("r.json", json).unwrap();
        let t = &ev.tests[0];
        assert_eq!(t.name, "outer › works @happy");
        assert_eq!(t.outcome, Outcome::Flaky);
        assert_eq!(t.flows[0].subpaths, vec![Subpath::Happy]);
        assert_eq!(t.uat_rows, vec!["UAT-X-001"]);
        assert_eq!(t.line, Some(4));
    }

    #[test]
    fn wrong_shapes_are_errors_with_positions() {
        let err = read("r.json", br#"{"suites": "nope"}"#).unwrap_err();
        assert!(matches!(err, EvidenceError::Shape { .. }), "{err}");
        assert_eq!(err.position().and_then(|p| p.line), Some(1));
        let err = read(
            "r.json",
            br#"{"suites": [{"specs": [{"tests": [{"results": [{"status": 3}]}]}]}]}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("`r.json`"), "{err}");
    }
}

//! Conformance vectors: `tests/vectors/NAME.{md,json,expected.json}`.
//!
//! For every vector this runs [`flowready::evaluate_json`] on the matrix with the vector's
//! options, checks the hand-written `expect` block (decision buckets, the sorted multiset of
//! finding codes, the error count, and optional pinned findings), and compares the output
//! byte for byte with `NAME.expected.json` (the report JSON followed by one `\n`), the
//! contract every binding is checked against.
//!
//! `FLOWREADY_BLESS=1 cargo test -p flowready --test vectors` rewrites the
//! `.expected.json` files from the current engine; the `expect` blocks are still checked,
//! because they are written by hand from the rules and are never blessed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors");

/// The minimum number of vectors the suite must hold.
const MIN_VECTORS: usize = 30;

fn bless() -> bool {
    std::env::var_os("FLOWREADY_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Every vector name, from every file in the directory; errors for files that belong to no
/// complete vector.
fn vector_names(dir: &Path, problems: &mut Vec<String>) -> Vec<String> {
    let mut names = BTreeSet::new();
    let mut files = BTreeSet::new();
    for entry in fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name == "README.md" || name.starts_with('.') {
            continue;
        }
        let stem = name
            .strip_suffix(".expected.json")
            .or_else(|| name.strip_suffix(".evidence.json"))
            .or_else(|| name.strip_suffix(".json"))
            .or_else(|| name.strip_suffix(".md"));
        match stem {
            Some(stem) => {
                names.insert(stem.to_owned());
                files.insert(name);
            }
            None => problems.push(format!(
                "{name}: not part of a vector (expected NAME.md, NAME.json, NAME.expected.json)"
            )),
        }
    }
    for name in &names {
        let mut needed = vec![format!("{name}.md"), format!("{name}.json")];
        if !bless() {
            needed.push(format!("{name}.expected.json"));
        }
        for file in needed {
            if !files.contains(&file) {
                problems.push(format!("{name}: missing {file}"));
            }
        }
    }
    names.into_iter().collect()
}

fn strings(value: &Value, what: &str) -> Result<Vec<String>, String> {
    value
        .as_array()
        .ok_or_else(|| format!("`{what}` is not an array"))?
        .iter()
        .map(|v| {
            v.as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("`{what}` holds a non-string"))
        })
        .collect()
}

/// Checks the hand-written `expect` block against the report.
fn check_expect(expect: &Value, report: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for bucket in ["ready", "accepted_gap", "blocked"] {
        match strings(&expect[bucket], &format!("expect.{bucket}")) {
            Ok(want) => {
                let got = strings(&report["decision"][bucket], bucket).unwrap_or_default();
                if want != got {
                    out.push(format!("decision.{bucket}: expected {want:?}, got {got:?}"));
                }
            }
            Err(e) => out.push(e),
        }
    }
    let mut got_codes: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect();
    got_codes.sort();
    match strings(&expect["codes"], "expect.codes") {
        Ok(want) => {
            let mut sorted = want.clone();
            sorted.sort();
            if sorted != want {
                out.push(format!("expect.codes is not sorted: {want:?}"));
            }
            if sorted != got_codes {
                out.push(format!("codes: expected {sorted:?}, got {got_codes:?}"));
            }
        }
        Err(e) => out.push(e),
    }
    match expect["errors"].as_u64() {
        Some(want) => {
            let got = report["summary"]["errors"].as_u64().unwrap();
            if want != got {
                out.push(format!("errors: expected {want}, got {got}"));
            }
        }
        None => out.push("`expect.errors` is not a number".to_owned()),
    }
    // Optional pinned findings: each must match at least one finding on every key it gives.
    if let Some(pins) = expect.get("findings") {
        for pin in pins.as_array().into_iter().flatten() {
            let matches = report["findings"].as_array().unwrap().iter().any(|f| {
                pin.as_object()
                    .unwrap()
                    .iter()
                    .all(|(k, v)| f.get(k) == Some(v))
            });
            if !matches {
                out.push(format!("no finding matches {pin}"));
            }
        }
    }
    // Optional checks on a flow's verdict: `{"FLOW-…": {"decision": …, "reason_codes": […]}}`.
    if let Some(flows) = expect.get("flows").and_then(Value::as_object) {
        for (id, want) in flows {
            let Some(got) = report["flows"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["id"] == id.as_str())
            else {
                out.push(format!("flow `{id}` is not in the report"));
                continue;
            };
            for (k, v) in want.as_object().unwrap() {
                let actual = if k == "reason_codes" {
                    let codes: Vec<Value> = got["reasons"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|r| r["code"].clone())
                        .filter(|c| !c.is_null())
                        .collect();
                    Value::Array(codes)
                } else {
                    got[k].clone()
                };
                if &actual != v {
                    out.push(format!("flow `{id}`: `{k}` expected {v}, got {actual}"));
                }
            }
        }
    }
    out
}

/// The first lines where two JSON texts differ, pretty-printed, for a readable failure.
fn diff(want: &str, got: &str) -> String {
    let pretty = |s: &str| {
        serde_json::from_str::<Value>(s).map_or_else(
            |_| s.to_owned(),
            |v| serde_json::to_string_pretty(&v).unwrap(),
        )
    };
    let (want, got) = (pretty(want), pretty(got));
    let mut out = String::new();
    for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        if w != g {
            let _ = write!(
                out,
                "first difference at pretty line {}:\n  expected: {w}\n       got: {g}",
                i + 1
            );
            return out;
        }
    }
    format!(
        "the texts differ in length or only in formatting ({} vs {} lines)",
        want.lines().count(),
        got.lines().count()
    )
}

/// `expect.subpaths`: `{FLOW: {SUBPATH: STATE}}`, checked against `evidence.flows`.
fn check_subpaths(expect: &Value, report: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(flows) = expect.get("subpaths").and_then(Value::as_object) else {
        return problems;
    };
    for (flow, subpaths) in flows {
        for (subpath, state) in subpaths.as_object().into_iter().flatten() {
            let got = &report["evidence"]["flows"][flow]["subpaths"][subpath]["state"];
            if got != state {
                problems.push(format!(
                    "{flow} {subpath}: expected state {state}, got {got}"
                ));
            }
        }
    }
    problems
}

fn run_vector(dir: &Path, name: &str) -> Vec<String> {
    let path = |ext: &str| -> PathBuf { dir.join(format!("{name}.{ext}")) };
    let (Ok(md), Ok(spec_text)) = (
        fs::read_to_string(path("md")),
        fs::read_to_string(path("json")),
    ) else {
        return vec!["cannot read NAME.md or NAME.json".to_owned()];
    };
    let spec: Value = match serde_json::from_str(&spec_text) {
        Ok(v) => v,
        Err(e) => return vec![format!("NAME.json is not JSON: {e}")],
    };
    let mut problems = Vec::new();
    if spec["description"]
        .as_str()
        .is_none_or(|d| d.trim().is_empty())
    {
        problems.push("`description` is missing or empty".to_owned());
    }
    let options = &spec["options"];
    if !options.get("today").is_some_and(Value::is_string) {
        problems.push("`options.today` is missing".to_owned());
    }
    // Evidence vectors carry the test reports in `NAME.evidence.json`.
    let evaluated = match fs::read_to_string(path("evidence.json")) {
        Ok(evidence) => {
            flowready::evaluate_with_evidence_json(&md, &options.to_string(), &evidence)
        }
        Err(_) => flowready::evaluate_json(&md, &options.to_string()),
    };
    let output = match evaluated {
        Ok(out) => out,
        Err(e) => {
            problems.push(format!("evaluation failed: {e}"));
            return problems;
        }
    };
    let report: Value = serde_json::from_str(&output).unwrap();
    problems.extend(check_expect(&spec["expect"], &report));
    problems.extend(check_subpaths(&spec["expect"], &report));

    let bytes = format!("{output}\n");
    let expected_path = path("expected.json");
    if bless() {
        if fs::read_to_string(&expected_path).ok().as_deref() != Some(bytes.as_str()) {
            fs::write(&expected_path, &bytes).unwrap();
            eprintln!("blessed {name}.expected.json");
        }
    } else {
        match fs::read_to_string(&expected_path) {
            Ok(want) if want == bytes => {}
            Ok(want) => problems.push(format!(
                "output differs from {name}.expected.json ({}); rerun with FLOWREADY_BLESS=1 if the change is deliberate",
                diff(want.trim_end_matches('\n'), &output)
            )),
            Err(e) => problems.push(format!("cannot read {name}.expected.json: {e}")),
        }
    }
    problems
}

#[test]
fn conformance_vectors() {
    let dir = Path::new(VECTORS);
    let mut problems = Vec::new();
    let names = vector_names(dir, &mut problems);
    assert!(
        names.len() >= MIN_VECTORS,
        "only {} vectors in {VECTORS}; at least {MIN_VECTORS} are required",
        names.len()
    );
    for name in &names {
        let has = |ext: &str| dir.join(format!("{name}.{ext}")).exists();
        if !has("md") || !has("json") || !(bless() || has("expected.json")) {
            continue; // already reported as missing
        }
        for p in run_vector(dir, name) {
            problems.push(format!("{name}: {p}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} vector problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

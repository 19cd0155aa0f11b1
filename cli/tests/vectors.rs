//! Every conformance vector through the CLI: `check --format json` must print exactly the
//! bytes of the vector's `.expected.json` (the core's `evaluate_json` plus a newline).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;
use std::process::Command;

#[test]
fn the_cli_prints_the_vectors_bytes() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors"));
    let mut checked = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("md")
            || path.file_name().unwrap() == "README.md"
        {
            continue;
        }
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let spec: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{stem}.json"))).unwrap(),
        )
        .unwrap();
        let options = &spec["options"];
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_flowready"));
        // Evidence vectors go through `gate --evidence`, the others through `check`.
        let evidence = dir.join(format!("{stem}.evidence.json"));
        let gated = evidence.exists();
        if gated {
            cmd.arg("gate").arg(&path).arg("--evidence").arg(&evidence);
        } else {
            cmd.arg("check").arg(&path);
        }
        cmd.args(["--format", "json"]);
        if let Some(today) = options["today"].as_str() {
            cmd.args(["--today", today]);
        }
        if let Some(level) = options["min_level"].as_str() {
            cmd.args(["--min-level", level]);
        }
        if options["strict"].as_bool() == Some(true) {
            cmd.arg("--strict");
        }
        for key in options.as_object().unwrap().keys() {
            assert!(
                ["today", "min_level", "strict"].contains(&key.as_str()),
                "{stem}: map option `{key}` to a flag"
            );
        }
        let output = cmd.output().unwrap();
        let expected = std::fs::read(dir.join(format!("{stem}.expected.json"))).unwrap();
        let code = output.status.code();
        if stem == "fr002_no_flow_table" {
            // Not a matrix at all: the CLI refuses it (exit 2) rather than print a report.
            assert_eq!(code, Some(2), "{stem}");
            checked += 1;
            continue;
        }
        if output.stdout != expected {
            failures.push(stem.clone());
        }
        let failed = if gated {
            // The gate fails when any flow (all are in scope) is blocked.
            !spec["expect"]["blocked"].as_array().unwrap().is_empty()
        } else {
            spec["expect"]["errors"].as_u64().unwrap_or(0) > 0
        };
        assert_eq!(code, Some(i32::from(failed)), "{stem}: exit code");
        checked += 1;
    }
    assert!(
        failures.is_empty(),
        "CLI JSON differs from the vector bytes for: {failures:?}"
    );
    assert!(checked >= 30, "only {checked} vectors");
}

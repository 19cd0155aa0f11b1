//! The published JSON Schemas describe what flowready actually writes: the model, the
//! report (with and without evidence) and the options validate against their schemas.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use serde_json::Value;

fn validate(schema: &Value, instance: &Value, what: &str) {
    let validator = jsonschema::validator_for(schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not match its schema:\n{}",
        errors.join("\n")
    );
}

fn documents() -> Vec<(String, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut docs = vec![
        (
            "examples/matrix.md".to_owned(),
            std::fs::read_to_string(format!("{root}/examples/matrix.md")).unwrap(),
        ),
        (
            "examples/evidence/matrix.md".to_owned(),
            std::fs::read_to_string(format!("{root}/examples/evidence/matrix.md")).unwrap(),
        ),
    ];
    for entry in std::fs::read_dir(format!("{root}/tests/vectors")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") && path.file_name().unwrap() != "README.md" {
            docs.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
    if let Some(seed) = common::seed() {
        docs.push(("seed".to_owned(), seed));
    }
    docs
}

#[test]
fn models_and_reports_match_their_schemas() {
    let schemas = flowready::schemas();
    let options = flowready::Options {
        today: flowready::IsoDate::parse("2026-11-28"),
        strict: true,
        ..Default::default()
    };
    validate(
        &schemas["options"],
        &serde_json::to_value(&options).unwrap(),
        "options",
    );
    let docs = documents();
    assert!(docs.len() > 30);
    for (name, text) in docs {
        let matrix = flowready::parse(&text);
        validate(
            &schemas["matrix"],
            &serde_json::to_value(&matrix).unwrap(),
            &format!("the model of {name}"),
        );
        let report = flowready::evaluate(&matrix, &options);
        validate(
            &schemas["report"],
            &serde_json::to_value(&report).unwrap(),
            &format!("the report of {name}"),
        );
    }
}

#[test]
fn a_report_with_evidence_matches_the_schema() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/evidence");
    let text = std::fs::read_to_string(format!("{dir}/matrix.md")).unwrap();
    let mut evidence = flowready::evidence::Evidence::new();
    for report in [
        "playwright.json",
        "pytest-xunit1.xml",
        "playwright-junit.xml",
    ] {
        let bytes = std::fs::read(format!("{dir}/reports/{report}")).unwrap();
        evidence.merge(flowready::evidence::read(report, &bytes, None).unwrap());
    }
    let options = flowready::Options {
        today: flowready::IsoDate::parse("2026-11-28"),
        ..Default::default()
    };
    let report = flowready::evaluate_with_evidence(&flowready::parse(&text), &options, &evidence);
    assert!(report.evidence.is_some());
    let schemas = flowready::schemas();
    validate(
        &schemas["report"],
        &serde_json::to_value(&report).unwrap(),
        "the report with evidence",
    );
    if let Some(schema) = schemas.get("evidence") {
        validate(
            schema,
            &serde_json::to_value(&evidence).unwrap(),
            "the evidence",
        );
    }
}

#[test]
fn the_schema_rejects_what_is_not_a_report() {
    let schemas = flowready::schemas();
    let validator = jsonschema::validator_for(&schemas["report"]).unwrap();
    assert!(!validator.is_valid(&serde_json::json!({"decision": "ready"})));
    let mut report =
        serde_json::to_value(flowready::check("", &flowready::Options::default())).unwrap();
    assert!(validator.is_valid(&report));
    report["findings"] = serde_json::json!([{"code": "FR999"}]);
    assert!(!validator.is_valid(&report));
}

//! The README's library example: parse a matrix, gate it, and print why flows are blocked.
//!
//! `cargo run -p flowready --example quickstart -- matrix.md`

use std::process::ExitCode;

fn main() -> Result<ExitCode, Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/matrix.md".to_owned());
    let text = std::fs::read_to_string(&path)?;
    let matrix = flowready::parse(&text); // never fails: problems are findings
    let options = flowready::Options {
        today: flowready::IsoDate::parse("2026-11-28"),
        ..Default::default()
    };
    let report = flowready::evaluate(&matrix, &options);
    for flow in report
        .flows
        .iter()
        .filter(|f| f.decision == flowready::Decision::Blocked)
    {
        let why = flow.reasons.first().map_or("", |r| r.message.as_str());
        println!("{}: {why}", flow.id);
    }
    // The JSON twin every binding can fall back to:
    let json = flowready::evaluate_json(&text, r#"{"today": "2026-11-28"}"#)?;
    println!("{} bytes of report JSON", json.len());
    Ok(if report.gate.passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

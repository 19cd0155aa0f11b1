//! SARIF 2.1.0, for code scanning (`github/codeql-action/upload-sarif`): one rule per
//! code that occurs, with its summary and a help URI into `docs/rules.md`, and one result
//! per shown finding with its physical location. Columns count Unicode code points, as
//! flowready's do, and the run says so (`columnKind`).

use std::collections::BTreeSet;

use serde_json::{json, Value};

use flowready::baseline::Fingerprint;
use flowready::{Code, Severity};

use super::{message_with_flow, Run, RULES_URI};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(code: Code) -> Value {
    json!({
        "id": code.as_str(),
        "name": code.name(),
        "shortDescription": { "text": code.summary() },
        "helpUri": format!("{RULES_URI}#{}", code.as_str().to_lowercase()),
        "defaultConfiguration": { "level": level(code.default_severity()) },
    })
}

/// Renders the run as a SARIF log.
pub fn render(run: &Run<'_>) -> Value {
    let codes: Vec<Code> = run
        .shown
        .iter()
        .map(|f| f.code)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let uri = run.name.replace('\\', "/");
    let results: Vec<Value> = run
        .shown
        .iter()
        .map(|f| {
            let fp = Fingerprint::of(f);
            let fingerprint = format!(
                "{}/{}/{}",
                fp.code,
                fp.flow.as_deref().unwrap_or("-"),
                fp.key
            );
            let mut result = json!({
                "ruleId": f.code.as_str(),
                "ruleIndex": codes.iter().position(|c| *c == f.code).unwrap_or(0),
                "level": level(f.severity),
                "message": { "text": format!("{}\nhelp: {}", message_with_flow(f), f.help) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": { "startLine": f.line, "startColumn": f.column }
                    }
                }],
                "partialFingerprints": { "flowready/v1": fingerprint },
            });
            if let (Some(flow), Some(obj)) = (&f.flow, result.as_object_mut()) {
                obj.insert("properties".to_owned(), json!({ "flow": flow }));
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "flowready",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/flowready/flowready",
                    "rules": codes.iter().map(|c| rule(*c)).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {
                "command": run.mode.as_str(),
                "passed": !run.failed,
                "baselined": run.baselined,
                "summary": run.summary(),
            }
        }]
    })
}

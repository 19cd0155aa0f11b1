//! SARIF 2.1.0, for code scanning (`github/codeql-action/upload-sarif`): one rule per
//! code that occurs, with its summary and a help URI into `docs/rules.md`, and one result
//! per shown finding with its physical location. Columns count Unicode code points, as
//! flowready's do, and the run says so (`columnKind`).
//!
//! The log is a tree of borrowed, serialisable structs streamed to the output as it is
//! written, never a `serde_json::Value` of the whole report. Message texts get the
//! terminal's visible escape for controls and bidirectional overrides (viewers render
//! them), line breaks kept; JSON escaping does the rest.

use std::borrow::Cow;
use std::collections::BTreeSet;

use serde::Serialize;

use flowready::baseline::Fingerprint;
use flowready::{Code, Severity};

use super::terminal::{escape, escape_lines};
use super::{message_with_flow, Run, RULES_URI};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

// Fields are declared in alphabetical order of their JSON names: the log's bytes are the
// same as when it was built as a sorted `serde_json::Value`.

/// A SARIF log with one run.
#[derive(Serialize)]
pub struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [SarifRun<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    column_kind: &'static str,
    properties: RunProperties,
    results: Results<'a>,
    tool: Tool,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    information_uri: &'static str,
    name: &'static str,
    rules: Vec<Rule>,
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    default_configuration: Configuration,
    help_uri: String,
    id: &'static str,
    name: &'static str,
    short_description: Text<'static>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text<'a> {
    text: Cow<'a, str>,
}

#[derive(Serialize)]
struct RunProperties {
    baselined: usize,
    command: &'static str,
    passed: bool,
    summary: String,
}

/// The results, produced one at a time while they are written.
struct Results<'a> {
    run: &'a Run<'a>,
    codes: Vec<Code>,
    uri: String,
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.run.shown.iter().map(|f| {
            let fp = Fingerprint::of(f);
            SarifResult {
                rule_id: f.code.as_str(),
                rule_index: self.codes.iter().position(|c| *c == f.code).unwrap_or(0),
                level: level(f.severity),
                message: Text {
                    text: Cow::Owned(
                        escape_lines(&format!("{}\nhelp: {}", message_with_flow(f), f.help))
                            .into_owned(),
                    ),
                },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: &self.uri },
                        region: Region {
                            start_line: f.line.max(1),
                            start_column: f.column.max(1),
                        },
                    },
                }],
                partial_fingerprints: Fingerprints {
                    flowready: format!(
                        "{}/{}/{}",
                        fp.code,
                        fp.flow.as_deref().unwrap_or("-"),
                        fp.key
                    ),
                },
                properties: f.flow.as_deref().map(|flow| ResultProperties { flow }),
            }
        }))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text<'a>,
    partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties<'a>>,
    rule_id: &'static str,
    rule_index: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_column: u32,
    start_line: u32,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "flowready/v1")]
    flowready: String,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    flow: &'a str,
}

fn rule(code: Code) -> Rule {
    Rule {
        id: code.as_str(),
        name: code.name(),
        short_description: Text {
            text: escape(code.summary()),
        },
        help_uri: format!("{RULES_URI}#{}", code.as_str().to_lowercase()),
        default_configuration: Configuration {
            level: level(code.default_severity()),
        },
    }
}

/// The run as a SARIF log, ready to be streamed with serde.
pub fn render<'a>(run: &'a Run<'a>) -> Log<'a> {
    let codes: Vec<Code> = run
        .shown
        .iter()
        .map(|f| f.code)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let uri = run.name.replace('\\', "/");
    Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [SarifRun {
            tool: Tool {
                driver: Driver {
                    name: "flowready",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: "https://github.com/flowready/flowready",
                    rules: codes.iter().map(|c| rule(*c)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results: Results { run, codes, uri },
            properties: RunProperties {
                command: run.mode.as_str(),
                passed: !run.failed,
                baselined: run.baselined,
                summary: escape_lines(&run.summary()).into_owned(),
            },
        }],
    }
}

//! flowready's Node binding: the native layer of the `flowready` npm package.
//!
//! Every function converts its arguments, calls one function of [`flowready::api`] (or
//! one of the core's JSON twins) and returns the core's JSON text, which the package's
//! JavaScript layer (`lib/flowready.js`) turns into plain objects with `JSON.parse`.
//! Results therefore have exactly the report JSON's keys, and the conformance vectors
//! hold byte for byte. [`evaluate`] and [`evaluate_with_evidence`] instead return a
//! [`NativeReport`] that keeps the core's report and serialises one part or one flow
//! when the JavaScript layer's report (`lib/report.js`) is first asked for it, so a
//! caller who reads the gate does not pay for converting every flow. No rule lives here.
//!
//! Errors are mapped in one place, [`js_error`]: the message of the thrown `Error` is a
//! marker followed by a JSON object (`code`, `message` and structured data such as
//! `source`, `line`, `column`), which the JavaScript layer rethrows as the matching
//! `FlowreadyError` subclass.

use std::cell::OnceCell;
use std::collections::HashMap;

use flowready::api;
use napi::bindgen_prelude::{AsyncTask, Buffer, ObjectFinalize};
use napi::{Env, Status, Task};
use napi_derive::napi;
use serde_json::{json, Map, Value};

/// What starts the message of every error this layer throws; the JavaScript layer
/// recognises it and rethrows the JSON that follows as a `FlowreadyError` subclass.
pub const ERROR_MARKER: &str = "\u{0}flowready-error:";

/// The JavaScript `code` of a core error: `ERR_FLOWREADY_` and the core's stable name in
/// upper case (`options` → `ERR_FLOWREADY_OPTIONS`).
pub fn js_code(core_code: &str) -> String {
    format!("ERR_FLOWREADY_{}", core_code.to_ascii_uppercase())
}

/// The payload of a core error: its code, message and structured data.
pub fn error_payload(e: &flowready::Error) -> Value {
    let mut data = Map::new();
    data.insert("code".into(), Value::from(js_code(e.code())));
    data.insert("message".into(), Value::from(e.to_string()));
    match e {
        flowready::Error::Evidence(ev) => {
            data.insert("source".into(), Value::from(ev.file()));
            if let Some(p) = ev.position() {
                data.insert("line".into(), json!(p.line));
                data.insert("column".into(), json!(p.column));
                data.insert("byte".into(), json!(p.byte));
            }
        }
        // Positions in options JSON point into text the JavaScript layer wrote, not
        // into anything the caller wrote: left out.
        flowready::Error::Options(_) | flowready::Error::Serialize(_) => {}
        flowready::Error::UnknownFlow { id, suggestion } => {
            data.insert("flow".into(), Value::from(id.as_str()));
            data.insert("suggestion".into(), json!(suggestion));
        }
        flowready::Error::UnknownFormat(format) => {
            data.insert("format".into(), Value::from(format.as_str()));
        }
    }
    Value::Object(data)
}

/// Turns a payload into the error the JavaScript layer rethrows.
fn payload_error(payload: &Value) -> napi::Error {
    napi::Error::new(Status::GenericFailure, format!("{ERROR_MARKER}{payload}"))
}

/// The one place a core error becomes a JavaScript error.
pub fn js_error(e: flowready::Error) -> napi::Error {
    payload_error(&error_payload(&e))
}

/// Documents arrive as UTF-8 bytes (a `Buffer`): a file's bytes are used as they are,
/// and `Buffer.from(string)` is cheaper than napi's two-pass string read. Invalid UTF-8
/// is replaced the way `TextDecoder` does; valid input is borrowed, not copied.
fn utf8(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

fn options(options_json: Option<&str>) -> napi::Result<flowready::Options> {
    api::options_from_json(options_json.unwrap_or("")).map_err(js_error)
}

fn to_json<T: serde::Serialize>(value: &T) -> napi::Result<String> {
    serde_json::to_string(value).map_err(|e| js_error(flowready::Error::Serialize(e)))
}

/// The model of the matrix `text`, as `parse_json` writes it.
#[napi(ts_args_type = "text: Uint8Array")]
pub fn parse_json(text: Buffer) -> napi::Result<String> {
    flowready::parse_json(&utf8(&text)).map_err(js_error)
}

/// Parses off the main thread (a libuv worker): the task behind `loadMatrixAsync`.
pub struct ParseTask {
    text: String,
}

impl Task for ParseTask {
    type Output = String;
    type JsValue = String;

    fn compute(&mut self) -> napi::Result<String> {
        flowready::parse_json(&self.text).map_err(js_error)
    }

    fn resolve(&mut self, _env: Env, output: String) -> napi::Result<String> {
        Ok(output)
    }
}

/// [`parse_json`] on a worker thread; resolves with the model JSON.
#[napi(ts_args_type = "text: Uint8Array", ts_return_type = "Promise<string>")]
pub fn parse_json_async(text: Buffer) -> AsyncTask<ParseTask> {
    AsyncTask::new(ParseTask {
        text: utf8(&text).into_owned(),
    })
}

/// The report JSON of the matrix `text` with options JSON (`{}` or absent for the
/// defaults).
#[napi(ts_args_type = "text: Uint8Array, optionsJson?: string | undefined | null")]
pub fn evaluate_json(text: Buffer, options_json: Option<String>) -> napi::Result<String> {
    let options = options(options_json.as_deref())?;
    to_json(&api::evaluate_text(&utf8(&text), &options, None))
}

/// One test report handed to the native layer: its name (for errors and each test's
/// `source`), its bytes and, optionally, its format.
#[napi(object)]
pub struct ReportInput {
    /// The report's name.
    pub name: String,
    /// The report's bytes.
    #[napi(ts_type = "Uint8Array")]
    pub content: Buffer,
    /// `playwright`, `junit` or `flowready`; detected from the content when absent.
    pub format: Option<String>,
}

fn read_all(reports: &[ReportInput]) -> napi::Result<flowready::Evidence> {
    let mut all = Vec::with_capacity(reports.len());
    for r in reports {
        all.push(
            api::read_evidence(&r.name, r.content.as_ref(), r.format.as_deref())
                .map_err(js_error)?,
        );
    }
    Ok(flowready::Evidence::merged(all))
}

/// The report JSON of the matrix `text` judged with the evidence of every report in
/// `reports` (merged in order).
#[napi(
    ts_args_type = "text: Uint8Array, optionsJson: string | undefined | null, reports: Array<ReportInput>"
)]
pub fn evaluate_with_evidence_json(
    text: Buffer,
    options_json: Option<String>,
    reports: Vec<ReportInput>,
) -> napi::Result<String> {
    let options = options(options_json.as_deref())?;
    let evidence = read_all(&reports)?;
    to_json(&api::evaluate_text(&utf8(&text), &options, Some(&evidence)))
}

/// A report the core evaluated, kept in Rust: the JavaScript layer's `Report` converts
/// only the parts a caller reads (`partJson`, `flowJson`), so what `evaluate` costs does
/// not grow with the JSON of parts nobody looks at. The whole report JSON (`json`) is
/// byte for byte what [`evaluate_json`] returns.
#[napi(custom_finalize)]
pub struct NativeReport {
    report: flowready::Report,
    /// Flow ID → position of its first verdict, built on the first lookup.
    index: OnceCell<HashMap<Box<str>, u32>>,
    /// The bytes reported to V8 as held outside its heap (so that its collector knows a
    /// report is not small); given back when the object is collected.
    external: i64,
}

impl NativeReport {
    /// Wraps `report` of a document of `text_len` bytes (the size hint for V8).
    fn new(env: &Env, report: flowready::Report, text_len: usize) -> Self {
        let hint = i64::try_from(text_len).unwrap_or(i64::MAX);
        // Only a hint to the garbage collector: if it cannot be given, nothing is owed.
        let external = match env.adjust_external_memory(hint) {
            Ok(_) => hint,
            Err(_) => 0,
        };
        Self {
            report,
            index: OnceCell::new(),
            external,
        }
    }

    fn index(&self) -> &HashMap<Box<str>, u32> {
        self.index.get_or_init(|| {
            let mut index = HashMap::with_capacity(self.report.flows.len());
            for (i, f) in self.report.flows.iter().enumerate() {
                let i = u32::try_from(i).unwrap_or(u32::MAX);
                index.entry(f.id.as_str().into()).or_insert(i);
            }
            index
        })
    }
}

impl ObjectFinalize for NativeReport {
    fn finalize(self, env: Env) -> napi::Result<()> {
        if self.external != 0 {
            env.adjust_external_memory(-self.external)?;
        }
        Ok(())
    }
}

#[napi]
impl NativeReport {
    /// The whole report JSON: the core's bytes, as [`evaluate_json`] returns them.
    #[napi]
    pub fn json(&self) -> napi::Result<String> {
        to_json(&self.report)
    }

    /// The JSON of the report's top-level key `key` (`version`, `options`, `decision`,
    /// `flows`, `findings`, `summary`, `gate`, `evidence`); `null` for a key the report
    /// does not have (`evidence` without evidence, or an unknown key).
    #[napi]
    pub fn part_json(&self, key: String) -> napi::Result<Option<String>> {
        let r = &self.report;
        let json = match key.as_str() {
            "version" => to_json(&r.version)?,
            "options" => to_json(&r.options)?,
            "decision" => to_json(&r.decision)?,
            "flows" => to_json(&r.flows)?,
            "findings" => to_json(&r.findings)?,
            "summary" => to_json(&r.summary)?,
            "gate" => to_json(&r.gate)?,
            "evidence" => match &r.evidence {
                Some(e) => to_json(e)?,
                None => return Ok(None),
            },
            _ => return Ok(None),
        };
        Ok(Some(json))
    }

    /// Whether the report has an `evidence` part (it was evaluated with evidence).
    #[napi(getter)]
    pub fn has_evidence(&self) -> bool {
        self.report.evidence.is_some()
    }

    /// How many flows the report has.
    #[napi(getter)]
    pub fn flow_count(&self) -> u32 {
        u32::try_from(self.report.flows.len()).unwrap_or(u32::MAX)
    }

    /// The position in `flows` of the verdict of flow `id` (the first, if duplicated). An
    /// ID the report does not have throws `ERR_FLOWREADY_UNKNOWN_FLOW` with the nearest
    /// ID as a suggestion ([`api::report_flow`]).
    #[napi]
    pub fn flow_position(&self, id: String) -> napi::Result<u32> {
        match self.index().get(id.as_str()) {
            Some(&i) => Ok(i),
            None => match api::report_flow(&self.report, &id) {
                Err(e) => Err(js_error(e)),
                // The index holds every flow, so this is not reached; answer by a scan.
                Ok(found) => Ok(self
                    .report
                    .flows
                    .iter()
                    .position(|f| std::ptr::eq(f, found))
                    .and_then(|i| u32::try_from(i).ok())
                    .unwrap_or(u32::MAX)),
            },
        }
    }

    /// The JSON of the verdict at `position` in `flows`; `null` past the end.
    #[napi]
    pub fn flow_json(&self, position: u32) -> napi::Result<Option<String>> {
        self.report
            .flows
            .get(position as usize)
            .map(to_json)
            .transpose()
    }

    /// The `Broad UAT Decision` section for `text` (the document this report is of).
    #[napi(ts_args_type = "text: Uint8Array")]
    pub fn decision_section(&self, text: Buffer) -> String {
        api::decision_section(&utf8(&text), &self.report)
    }
}

/// The report of the matrix `text` with options JSON (`{}` or absent for the defaults),
/// kept native: [`NativeReport`].
#[napi(ts_args_type = "text: Uint8Array, optionsJson?: string | undefined | null")]
pub fn evaluate(
    env: Env,
    text: Buffer,
    options_json: Option<String>,
) -> napi::Result<NativeReport> {
    let options = options(options_json.as_deref())?;
    let report = api::evaluate_text(&utf8(&text), &options, None);
    Ok(NativeReport::new(&env, report, text.len()))
}

/// [`evaluate`] with the evidence of every report in `reports` (merged in order).
#[napi(
    ts_args_type = "text: Uint8Array, optionsJson: string | undefined | null, reports: Array<ReportInput>"
)]
pub fn evaluate_with_evidence(
    env: Env,
    text: Buffer,
    options_json: Option<String>,
    reports: Vec<ReportInput>,
) -> napi::Result<NativeReport> {
    let options = options(options_json.as_deref())?;
    let evidence = read_all(&reports)?;
    let report = api::evaluate_text(&utf8(&text), &options, Some(&evidence));
    Ok(NativeReport::new(&env, report, text.len()))
}

/// flowready evidence JSON read from the reports in `reports` (merged in order).
#[napi]
pub fn read_evidence_json(reports: Vec<ReportInput>) -> napi::Result<String> {
    to_json(&read_all(&reports)?)
}

/// The `Broad UAT Decision` section for `text`, from `report_json` (a report of `text`)
/// or, when absent, from evaluating `text` with `options_json`.
#[napi(
    ts_args_type = "text: Uint8Array, reportJson?: string | undefined | null, optionsJson?: string | undefined | null"
)]
pub fn decision_section(
    text: Buffer,
    report_json: Option<String>,
    options_json: Option<String>,
) -> napi::Result<String> {
    let report = match report_json {
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            payload_error(&json!({
                "code": "ERR_FLOWREADY_REPORT",
                "message": format!("invalid report: {e}"),
            }))
        })?,
        None => api::evaluate_text(&utf8(&text), &options(options_json.as_deref())?, None),
    };
    Ok(api::decision_section(&utf8(&text), &report))
}

/// The explanation JSON of flow `id` of the matrix `text`.
#[napi(ts_args_type = "text: Uint8Array, id: string, optionsJson?: string | undefined | null")]
pub fn explain_json(
    text: Buffer,
    id: String,
    options_json: Option<String>,
) -> napi::Result<String> {
    let options = options(options_json.as_deref())?;
    to_json(&api::explain(&utf8(&text), &options, &id).map_err(js_error)?)
}

/// The diff JSON of two versions of a matrix, both judged with `options_json`.
#[napi(
    ts_args_type = "oldText: Uint8Array, newText: Uint8Array, optionsJson?: string | undefined | null"
)]
pub fn diff_json(
    old_text: Buffer,
    new_text: Buffer,
    options_json: Option<String>,
) -> napi::Result<String> {
    let options = options(options_json.as_deref())?;
    to_json(&api::diff(&utf8(&old_text), &utf8(&new_text), &options))
}

/// The JSON Schemas of the model, the report, the options and the evidence.
#[napi]
pub fn schemas_json() -> napi::Result<String> {
    to_json(&flowready::schemas())
}

/// The 1-based UTF-16 column of each byte offset of `text` (what JavaScript strings and
/// editors count), in order.
#[napi(ts_args_type = "text: Uint8Array, offsets: Array<number>")]
pub fn utf16_columns(text: Buffer, offsets: Vec<u32>) -> Vec<u32> {
    let text = utf8(&text);
    offsets
        .into_iter()
        .map(|o| api::utf16_column(&text, o as usize))
        .collect()
}

/// Every subpath name, in matrix column order.
#[napi]
pub fn subpath_names() -> Vec<String> {
    flowready::Subpath::ALL
        .iter()
        .map(|s| s.as_str().to_owned())
        .collect()
}

/// The canonical name of subpath `name` (`@Negative` → `negative`); an unknown name
/// throws `ERR_FLOWREADY_UNKNOWN_SUBPATH` with the nearest subpath as a suggestion.
#[napi]
pub fn subpath(name: String) -> napi::Result<String> {
    match api::subpath(&name) {
        Ok(s) => Ok(s.as_str().to_owned()),
        Err(suggestion) => {
            let hint = suggestion
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            Err(payload_error(&json!({
                "code": "ERR_FLOWREADY_UNKNOWN_SUBPATH",
                "message": format!("unknown subpath `{name}`{hint}"),
                "subpath": name,
                "suggestion": suggestion,
                "expected": subpath_names(),
            })))
        }
    }
}

/// For the package's benchmark (`bench/evaluate.mjs`) only: for each of `runs` calls of
/// the core's [`api::evaluate_text`] on `text`, measured inside this process, the wall
/// time in milliseconds of the call (including dropping the report, which a Rust caller
/// pays too) followed by the time of serialising that report to JSON, so Node's
/// `evaluate` can be compared with the core it wraps in one run on one machine:
/// `[evaluate₁, serialise₁, evaluate₂, serialise₂, …]`.
#[napi(ts_args_type = "text: Uint8Array, optionsJson: string | undefined | null, runs: number")]
pub fn bench_core_evaluate(
    text: Buffer,
    options_json: Option<String>,
    runs: u32,
) -> napi::Result<Vec<f64>> {
    let options = options(options_json.as_deref())?;
    let text = utf8(&text);
    let mut times = Vec::with_capacity(2 * runs as usize);
    for _ in 0..runs {
        let start = std::time::Instant::now();
        let report = std::hint::black_box(api::evaluate_text(&text, &options, None));
        let evaluated = start.elapsed();
        let json = std::hint::black_box(to_json(&report)?);
        let serialised = start.elapsed();
        drop(report);
        let dropped = start.elapsed();
        drop(json);
        times.push((evaluated + (dropped - serialised)).as_secs_f64() * 1e3);
        times.push((serialised - evaluated).as_secs_f64() * 1e3);
    }
    Ok(times)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_codes_become_node_codes() {
        assert_eq!(js_code("unknown_flow"), "ERR_FLOWREADY_UNKNOWN_FLOW");
        let e = api::read_evidence("r.json", b"{\"suites\": 3}", None).unwrap_err();
        let p = error_payload(&e);
        assert_eq!(p["code"], "ERR_FLOWREADY_EVIDENCE");
        assert_eq!(p["source"], "r.json");
        assert_eq!(p["line"], 1);
    }

    #[test]
    fn unknown_flows_carry_the_suggestion() {
        let text = "| Flow ID | Level | Status |\n|---|---|---|\n| FLOW-A-001 | L3 | blocked |\n";
        let e = api::explain(text, &flowready::Options::default(), "FLOW-A-01").unwrap_err();
        let p = error_payload(&e);
        assert_eq!(p["code"], "ERR_FLOWREADY_UNKNOWN_FLOW");
        assert_eq!(p["suggestion"], "FLOW-A-001");
    }
}

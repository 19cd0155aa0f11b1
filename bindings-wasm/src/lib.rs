//! flowready's WebAssembly binding: the core's API for browsers and Node.
//!
//! Each exported function converts its input, calls one function of [`flowready::api`]
//! (or one of the core's JSON twins) and converts the output; no rule lives here.
//! Results are plain JavaScript objects with exactly the keys of the core's JSON (the
//! report contract: snake_case, `null` for absent values), made by `JSON.parse` of the
//! core's own serialisation, so `JSON.stringify(evaluate(text, options))` is the report
//! JSON byte for byte. Misuse (bad options, an unreadable report, an unknown flow) throws
//! an `Error` whose `code` is [`flowready::Error::code`], set in one place: `js_error`.
//!
//! Positions (`line`, `column`) are the core's: `column` counts Unicode scalar values.
//! [`utf16_column`] converts a byte offset (a finding's `span.start`) to the UTF-16
//! column JavaScript strings use.

use flowready::api;
use flowready::{Error, Options};
#[cfg(feature = "full")]
use flowready::{Evidence, EvidenceFormat};
use js_sys::JsString;
#[cfg(feature = "full")]
use js_sys::Uint8Array;
use js_sys::{Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The lean module's allocator: Talc instead of Rust's default for WebAssembly (dlmalloc),
/// 3.0 KB gzipped smaller, which the lean module's size budget needs. The complete
/// module and the Node build keep dlmalloc: with Talc, the Node build's `evaluateJson`
/// of 10,000 flows measured 12% slower (docs/wasm.md has the figures).
#[cfg(all(
    target_family = "wasm",
    not(target_feature = "atomics"),
    not(feature = "full")
))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// The options argument: an object with the options JSON's keys, or its JSON text.
    /// Optional (`undefined` or `null`: the defaults).
    #[wasm_bindgen(typescript_type = "Options | string")]
    pub type OptionsArg;
}

/// How a document's text arrives. The complete module (the Node package, and pages with
/// evidence) takes the JavaScript string itself and has the host encode it
/// ([`utf8_text`]); the lean module keeps wasm-bindgen's `&str`, which costs it no code
/// (its size is budgeted, its speed is not). Both are `string` in TypeScript.
#[cfg(feature = "full")]
type TextArg = JsString;
#[cfg(not(feature = "full"))]
type TextArg = str;

/// The text of a [`TextArg`].
#[cfg(not(feature = "full"))]
fn text_of(text: &str) -> Result<std::borrow::Cow<'_, str>, JsValue> {
    Ok(std::borrow::Cow::Borrowed(text))
}

/// The text of a [`TextArg`].
#[cfg(feature = "full")]
fn text_of(text: &JsString) -> Result<std::borrow::Cow<'static, str>, JsValue> {
    utf8_text(text).map(std::borrow::Cow::Owned)
}

#[cfg(feature = "full")]
#[wasm_bindgen]
extern "C" {
    /// The host's `TextEncoder` (every browser and Node has it).
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;
    /// Writes `source` as UTF-8 into `destination` (a view of this module's memory).
    #[wasm_bindgen(method, js_class = "TextEncoder", js_name = encodeInto)]
    fn encode_into(this: &Utf8Encoder, source: &JsString, destination: &mut [u8]) -> EncodeResult;
    type EncodeResult;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeResult) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeResult) -> u32;
}

/// A document's text as UTF-8, encoded by the host straight into this module's memory.
///
/// wasm-bindgen passes a `&str` argument by copying an ASCII string one character at a
/// time in JavaScript (2.3 ms for a 1.2 MB matrix in Node); the host's `encodeInto` does
/// the same in 0.1 ms. Room for one byte per UTF-16 unit first (every ASCII text fits);
/// a text that does not fit is encoded again with room for three, its worst case. Lone
/// surrogates become U+FFFD, as with a `&str` argument.
#[cfg(feature = "full")]
fn utf8_text(text: &JsString) -> Result<String, JsValue> {
    if !text.is_string() {
        return Err(type_error("input", "the matrix text must be a string"));
    }
    let units = text.length() as usize;
    let encoder = Utf8Encoder::new();
    let mut bytes = vec![0u8; units];
    let mut done = encoder.encode_into(text, &mut bytes);
    if done.read() as usize != units {
        bytes = vec![0u8; units.saturating_mul(3)];
        done = encoder.encode_into(text, &mut bytes);
    }
    bytes.truncate(done.written() as usize);
    String::from_utf8(bytes).map_err(|e| type_error("input", &e.to_string()))
}

/// The one place a core error becomes a JavaScript `Error`: its message is the core's,
/// and `code` is the stable [`Error::code`] name (`options`, `serialize`, `evidence`,
/// `unknown_flow`, `unknown_format`). An unknown flow also carries `flow` and
/// `suggestion`; an unreadable report carries `file`, and `line`/`column` when known.
fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&message(e));
    err.set_name("FlowreadyError");
    let obj: &JsValue = err.as_ref();
    let set = |key: &str, value: JsValue| {
        // Setting a property on a fresh Error object cannot fail.
        let _ = Reflect::set(obj, &JsValue::from_str(key), &value);
    };
    set("code", JsValue::from_str(e.code()));
    #[cfg(feature = "full")]
    match e {
        Error::UnknownFlow { id, suggestion } => {
            set("flow", JsValue::from_str(id));
            set(
                "suggestion",
                suggestion
                    .as_deref()
                    .map_or(JsValue::NULL, JsValue::from_str),
            );
        }
        Error::Evidence(ev) => {
            set("file", JsValue::from_str(ev.file()));
            let position = ev.position();
            let known = [
                ("line", position.and_then(|p| p.line)),
                ("column", position.and_then(|p| p.column)),
            ];
            for (key, value) in known {
                // Numbers, not BigInts: positions fit in an f64 exactly.
                if let Some(v) = value {
                    set(key, JsValue::from_f64(v as f64));
                }
            }
        }
        Error::Options(_) | Error::Serialize(_) | Error::UnknownFormat(_) => {}
    }
    err.into()
}

/// The message of a core error: its `Display`.
#[cfg(feature = "full")]
fn message(e: &Error) -> String {
    e.to_string()
}

/// The message of a core error in the lean module, which can meet only two: bad options
/// (whose text is the [`flowready::OptionsError`]'s own, as [`Error`]'s `Display` shows
/// it) and, in theory, a report that does not serialise (it always does), shown without
/// serde_json's detail. Not calling [`Error`]'s `Display` keeps every other error's
/// formatting (evidence errors and positions, serde_json's messages, `std::io::Error`)
/// out of the module (1.6 KB gzipped).
#[cfg(not(feature = "full"))]
fn message(e: &Error) -> String {
    match e {
        Error::Options(options) => options.to_string(),
        _ => "could not serialise the result".to_owned(),
    }
}

/// A misuse of this binding's own arguments (a value of the wrong JavaScript type), with
/// the same shape as [`js_error`]'s errors.
fn type_error(code: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    err.set_name("FlowreadyError");
    let _ = Reflect::set(err.as_ref(), &"code".into(), &JsValue::from_str(code));
    err.into()
}

/// Serialises a core value to its JSON text and parses that into a JavaScript value, so
/// the object has exactly the keys (and key order) of the core's JSON. Measured faster
/// than building the object field by field across the boundary (BENCHMARKS.md).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value).map_err(|e| js_error(&Error::Serialize(e)))?;
    json_to_js(&json)
}

fn json_to_js(json: &str) -> Result<JsValue, JsValue> {
    JSON::parse(json)
}

/// `undefined`/`null` or a JSON string pass through; anything else is stringified. A
/// value `JSON.stringify` refuses (a `BigInt`, a cycle) or turns into nothing (a
/// function, a symbol) is an error with `code` `code`, like the core's for bad JSON.
fn value_to_json(value: &JsValue, code: &str) -> Result<Option<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if let Some(s) = value.as_string() {
        return Ok(Some(s));
    }
    let not_json = || {
        let message = [
            code,
            " must be JSON data (no functions, symbols, BigInts or cycles)",
        ];
        type_error(code, &message.concat())
    };
    let s: JsString = JSON::stringify(value).map_err(|_| not_json())?;
    s.as_string().map(Some).ok_or_else(not_json)
}

/// Options from a plain object (`{today: "2026-11-28", min_level: "L3", …}`, the keys of
/// the options JSON), its JSON text, or `undefined` for the defaults: an object becomes
/// its `JSON.stringify` text (`undefined` keys dropped, `toJSON` applied, so a `Date` is
/// an ISO string), which the core reads with [`api::options_from_json`], the one options
/// reader of every surface. Errors are `code` `options`.
fn options(value: Option<OptionsArg>) -> Result<Options, JsValue> {
    let value = value.map_or(JsValue::UNDEFINED, JsValue::from);
    match value_to_json(&value, "options")? {
        None => Ok(Options::default()),
        Some(json) => api::options_from_json(&json).map_err(|e| js_error(&e)),
    }
}

#[cfg(feature = "full")]
/// Evidence from one evidence object (as `readEvidence` returns, i.e. flowready evidence
/// JSON), a list of them (merged in order), or the JSON text of either.
fn evidence(value: &JsValue) -> Result<Evidence, JsValue> {
    let json = value_to_json(value, "evidence")?.unwrap_or_else(|| "[]".to_owned());
    let read = |json: &str| -> Result<Evidence, Error> {
        if json.trim_start().starts_with('[') {
            let all: Vec<Evidence> = serde_json::from_str(json).map_err(|e| {
                Error::Evidence(flowready::EvidenceError::from_json(
                    "evidence",
                    EvidenceFormat::Flowready,
                    &e,
                ))
            })?;
            Ok(Evidence::merged(all))
        } else {
            api::read_evidence("evidence", json.as_bytes(), Some("flowready"))
        }
    };
    read(&json).map_err(|e| js_error(&e))
}

/// Parses a matrix into its model: the same object as the core's `parse_json` (title,
/// tables, flows with their cells and spans, gaps, exceptions, the declared decision,
/// parse findings). Never throws for a bad matrix: problems are `findings`.
#[wasm_bindgen(unchecked_return_type = "MatrixModel")]
pub fn parse(text: &TextArg) -> Result<JsValue, JsValue> {
    let text = &text_of(text)?;
    let json = flowready::parse_json(text).map_err(|e| js_error(&e))?;
    json_to_js(&json)
}

/// Parses and evaluates a matrix: the report (`decision`, `flows`, `findings`,
/// `summary`, `gate`). `options` is an object with the options JSON's keys (`today`,
/// `min_level`, `strict`, `expiry_warning_days`, `scope`, `flows`), its JSON text, or
/// absent.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn evaluate(text: &TextArg, options: Option<OptionsArg>) -> Result<JsValue, JsValue> {
    let text = &text_of(text)?;
    let options = self::options(options)?;
    to_js(&api::evaluate_plain(text, &options))
}

#[cfg(feature = "full")]
/// [`evaluate`] with test evidence: `evidence` is one evidence object (what
/// `readEvidence` returns) or a list of them. The report then has `evidence`: the
/// coverage per flow and subpath.
#[wasm_bindgen(js_name = evaluateWithEvidence, unchecked_return_type = "Report")]
pub fn evaluate_with_evidence(
    text: &TextArg,
    #[wasm_bindgen(unchecked_param_type = "Evidence | Evidence[] | string")] evidence: JsValue,
    options: Option<OptionsArg>,
) -> Result<JsValue, JsValue> {
    let options = self::options(options)?;
    let evidence = self::evidence(&evidence)?;
    let text = &text_of(text)?;
    to_js(&api::evaluate_text(text, &options, Some(&evidence)))
}

#[cfg(feature = "full")]
/// Reads one test report (Playwright JSON, JUnit XML, or flowready evidence JSON) into
/// evidence. `name` names it in errors and in each test's `source`; `content` is its
/// text or bytes; `format` (`playwright`, `junit`, `flowready`) forces a reader, else the
/// format is detected.
#[wasm_bindgen(js_name = readEvidence, unchecked_return_type = "Evidence")]
pub fn read_evidence(
    name: &str,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] content: JsValue,
    format: Option<String>,
) -> Result<JsValue, JsValue> {
    let bytes: Vec<u8> = if let Some(s) = content.as_string() {
        s.into_bytes()
    } else if content.is_instance_of::<Uint8Array>() {
        Uint8Array::new(&content).to_vec()
    } else {
        return Err(type_error(
            "evidence",
            "report content must be a string or a Uint8Array",
        ));
    };
    let evidence = api::read_evidence(name, &bytes, format.as_deref()).map_err(|e| js_error(&e))?;
    to_js(&evidence)
}

#[cfg(feature = "full")]
/// The `Broad UAT Decision` section computed for the matrix (what `flowready decision
/// --write` would put into it), as Markdown text.
#[wasm_bindgen(js_name = decisionSection)]
pub fn decision_section(text: &str, options: Option<OptionsArg>) -> Result<String, JsValue> {
    let options = self::options(options)?;
    let report = api::evaluate_text(text, &options, None);
    Ok(api::decision_section(text, &report))
}

#[cfg(feature = "full")]
/// Why flow `id` has its decision and what would make it ready. An ID the matrix does
/// not have throws an error with `code` `unknown_flow` and the nearest ID as
/// `suggestion`.
#[wasm_bindgen(unchecked_return_type = "Explanation")]
pub fn explain(text: &str, id: &str, options: Option<OptionsArg>) -> Result<JsValue, JsValue> {
    let options = self::options(options)?;
    let explanation = api::explain(text, &options, id).map_err(|e| js_error(&e))?;
    to_js(&explanation)
}

#[cfg(feature = "full")]
/// Which flows were added, removed, or changed level, status or decision between two
/// versions of a matrix.
#[wasm_bindgen(unchecked_return_type = "MatrixDiff")]
pub fn diff(
    old_text: &str,
    new_text: &str,
    options: Option<OptionsArg>,
) -> Result<JsValue, JsValue> {
    let options = self::options(options)?;
    to_js(&api::diff(old_text, new_text, &options))
}

/// The core's JSON twin: the report as JSON text, byte for byte what the CLI's `--format
/// json` and every other surface produce. `options` is the options JSON text.
#[wasm_bindgen(js_name = evaluateJson)]
pub fn evaluate_json(text: &TextArg, options: &str) -> Result<String, JsValue> {
    let text = &text_of(text)?;
    flowready::evaluate_json(text, options).map_err(|e| js_error(&e))
}

#[cfg(feature = "full")]
/// The core's JSON twin with evidence: `evidence` is one flowready evidence or
/// Playwright JSON report, or a list of `{name, content, format?}` reports.
#[wasm_bindgen(js_name = evaluateWithEvidenceJson)]
pub fn evaluate_with_evidence_json(
    text: &TextArg,
    options: &str,
    evidence: &str,
) -> Result<String, JsValue> {
    let text = &text_of(text)?;
    flowready::evaluate_with_evidence_json(text, options, evidence).map_err(|e| js_error(&e))
}

/// The 1-based UTF-16 column of byte `offset` (a finding's `span.start`) in `text`, as
/// JavaScript strings and editors count it.
#[wasm_bindgen(js_name = utf16Column)]
pub fn utf16_column(text: &str, offset: u32) -> u32 {
    api::utf16_column(text, offset as usize)
}

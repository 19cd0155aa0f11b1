//! Options read from a JavaScript value without serde_json's deserializer, for the lean
//! module (built without the `full` feature).
//!
//! Why: a serde deserializer links serde's error formatting, which formats floats
//! (`core::fmt` for `f64`, about 14 KB), plus serde_json's number parser and its tables:
//! together about 24 KB of the gzipped module, which the lean module's size budget cannot
//! carry. The complete module reads options with the core's
//! [`flowready::api::options_from_json`]; this reader accepts and rejects the same values
//! with the same messages (without serde_json's ` at line L column C` suffix), which
//! `test/lean.test.mjs` checks against the complete module, case by case.
//!
//! The value is first normalised through `JSON.stringify` and `JSON.parse` (what the
//! complete module's options JSON would be: `undefined` keys dropped, `toJSON` applied),
//! so the reader sees only JSON values. Rules, as serde's derive for
//! [`Options`] applies them: every key optional, unknown keys rejected; `null` is absent
//! for `today`, `min_level` and `scope`, and a type error for the others.
//!
//! Known differences, all in JSON text that `JSON.parse` reads differently from serde_json:
//! a key given twice (serde_json refuses it; `JSON.parse` keeps the last), a whole number
//! written as a float (`14.0` is a float to serde_json, `14` to JavaScript), and
//! `min_level` in serde's map form (`{"L3": null}`), which this reader refuses.

use flowready::{IsoDate, Level, Options, Priority};
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

/// The options keys, in the order of [`Options`]' fields (and of serde's message).
const FIELDS: [&str; 6] = [
    "today",
    "min_level",
    "strict",
    "expiry_warning_days",
    "scope",
    "flows",
];

/// [`FIELDS`] as serde lists them in its message.
const FIELD_LIST: &str = "`today`, `min_level`, `strict`, `expiry_warning_days`, `scope`, `flows`";

/// The levels as serde lists them (`Level`'s variants; checked against [`Level::ALL`]
/// by the differential test through the message for `L9`).
const LEVEL_LIST: &str = "`L0`, `L1`, `L2`, `L3`, `L4`, `L5`";

/// A message as serde would word it; the caller wraps it in `Error::Options`.
type Msg = String;

/// Reads options from a JSON value (already normalised by [`normalise`]).
pub(crate) fn read(value: &JsValue) -> Result<Options, Msg> {
    let mut options = Options::default();
    if Array::is_array(value) {
        // serde's derive also reads a struct from a sequence, field by field.
        let items = Array::from(value);
        if items.length() as usize > FIELDS.len() {
            // serde_json's words: the struct ends after its last field.
            return Err("trailing characters".to_owned());
        }
        for (i, field) in FIELDS.iter().enumerate() {
            if (i as u32) < items.length() {
                set(&mut options, field, &items.get(i as u32))?;
            }
        }
        return Ok(options);
    }
    if !value.is_object() {
        return Err(format!(
            "invalid type: {}, expected struct Options",
            unexpected(value)
        ));
    }
    for key in Object::keys(value.unchecked_ref::<Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !FIELDS.contains(&key.as_str()) {
            return Err(format!(
                "unknown field `{key}`, expected one of {FIELD_LIST}"
            ));
        }
        let field_value = Reflect::get(value, &JsValue::from_str(&key)).unwrap_or(JsValue::NULL);
        set(&mut options, &key, &field_value)?;
    }
    Ok(options)
}

/// `JSON.parse(JSON.stringify(value))`, or the parse of `value` when it is JSON text.
pub(crate) fn normalise(value: &JsValue) -> Result<JsValue, Msg> {
    let text = match value.as_string() {
        Some(text) => text,
        None => JSON::stringify(value)
            .map(String::from)
            .map_err(|e| js_message(&e))?,
    };
    JSON::parse(&text).map_err(|e| js_message(&e))
}

fn js_message(e: &JsValue) -> Msg {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "not JSON".to_owned())
}

fn set(options: &mut Options, field: &str, value: &JsValue) -> Result<(), Msg> {
    match field {
        "today" => {
            options.today = match nullable_string(value)? {
                None => None,
                Some(s) => Some(IsoDate::parse_today(&s)?),
            };
        }
        "min_level" => {
            options.min_level = match nullable_string(value)? {
                None => None,
                Some(s) => Some(
                    Level::ALL
                        .into_iter()
                        .find(|l| l.as_str() == s)
                        .ok_or_else(|| {
                            format!("unknown variant `{s}`, expected one of {LEVEL_LIST}")
                        })?,
                ),
            };
        }
        "strict" => {
            options.strict = value
                .as_bool()
                .ok_or_else(|| invalid_type(value, "a boolean"))?;
        }
        "expiry_warning_days" => {
            let n = value.as_f64().ok_or_else(|| invalid_type(value, "u32"))?;
            if n.fract() != 0.0 || !n.is_finite() {
                return Err(invalid_type(value, "u32"));
            }
            if !(0.0..=f64::from(u32::MAX)).contains(&n) {
                return Err(format!(
                    "invalid value: {}, expected u32",
                    unexpected(value)
                ));
            }
            options.expiry_warning_days = n as u32;
        }
        "scope" => {
            options.scope = match nullable_string(value)? {
                None => None,
                Some(s) => Some(
                    s.parse::<Priority>()
                        .map_err(|()| format!("invalid priority `{s}`"))?,
                ),
            };
        }
        _ => {
            if !Array::is_array(value) {
                return Err(invalid_type(value, "a sequence"));
            }
            let mut flows = Vec::new();
            for item in Array::from(value).iter() {
                flows.push(
                    item.as_string()
                        .ok_or_else(|| invalid_type(&item, "a string"))?,
                );
            }
            options.flows = flows;
        }
    }
    Ok(())
}

/// `None` for `null`, the text of a string, else serde's type error.
fn nullable_string(value: &JsValue) -> Result<Option<String>, Msg> {
    if value.is_null() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| invalid_type(value, "a string"))
}

fn invalid_type(value: &JsValue, expected: &str) -> Msg {
    format!("invalid type: {}, expected {expected}", unexpected(value))
}

/// How serde_json names an unexpected JSON value (`integer `5``, `string "x"`, `map`, …).
fn unexpected(value: &JsValue) -> String {
    if value.is_null() {
        return "null".to_owned();
    }
    if let Some(b) = value.as_bool() {
        return format!("boolean `{b}`");
    }
    if let Some(n) = value.as_f64() {
        if n.fract() == 0.0 && n.abs() < 9.2e18 {
            return format!("integer `{}`", n as i64);
        }
        // JavaScript's own number formatting: Rust's float formatting is what this
        // module leaves out.
        let text = js_sys::Number::from(n)
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default();
        return format!("floating point `{text}`");
    }
    if let Some(s) = value.as_string() {
        return format!("string {s:?}");
    }
    if Array::is_array(value) {
        return "sequence".to_owned();
    }
    "map".to_owned()
}

//! Reading [`Options`] from JSON text: the one reader every surface uses (the JSON twins,
//! [`crate::api::options_from_json`], the Python, Node and WebAssembly bindings).
//!
//! Hand-written rather than serde_json's deserializer: the lean WebAssembly module has a
//! size budget, and a serde deserializer links serde's error formatting (which formats
//! floats) and serde_json's number parser, about 20 KB gzipped, for six keys.
//!
//! It accepts exactly what `serde_json::from_str::<Options>` accepts (the derive on
//! [`Options`], which stays for anything that embeds options in its own serde types), and
//! builds the same value; `tests/options_differential.rs` checks that on generated JSON.
//! That is:
//!
//! - an object whose keys are all among [`KEYS`], each at most once; every key optional;
//! - or serde's array form, `[today, min_level, strict, expiry_warning_days, scope,
//!   flows]`, any prefix of it;
//! - `today`: a `YYYY-MM-DD` string within [`crate::report::TODAY_YEARS`], or `null`;
//! - `min_level`: `"L0"` … `"L5"` (exactly), or `null` (serde's map form `{"L3": null}`
//!   is read too);
//! - `strict`: `true` or `false`;
//! - `expiry_warning_days`: a whole number from 0 to 4294967295, written without a
//!   fraction or an exponent (`14`, not `14.0`);
//! - `scope`: a priority (`P0`, `p1`, ` P2 `), or `null`;
//! - `flows`: an array of strings.
//!
//! The text is strict JSON (RFC 8259): no comments, no trailing commas, no control
//! characters or lone surrogates in strings. Errors name the key and the position of
//! what is wrong (1-based line, and column in characters).

use std::fmt;

use crate::diagnostics::quote;
use crate::report::{IsoDate, Options};
use crate::vocab::{Level, Priority};

/// The options keys, in the order of [`Options`]' fields (the order of the array form).
pub const KEYS: [&str; 6] = [
    "today",
    "min_level",
    "strict",
    "expiry_warning_days",
    "scope",
    "flows",
];

/// Options JSON that could not be read: what is wrong, the key it concerns, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionsError {
    message: String,
    key: Option<&'static str>,
    line: u32,
    column: u32,
}

impl OptionsError {
    /// What is wrong, without the position (lowercase, no trailing period).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The option the error concerns, if one (`today`, …, `flows`; `None` for JSON
    /// syntax and for options that are not an object).
    pub fn key(&self) -> Option<&'static str> {
        self.key
    }

    /// The 1-based line of the options JSON where the problem is.
    pub fn line(&self) -> u32 {
        self.line
    }

    /// The 1-based column (in characters) of the options JSON where the problem is.
    pub fn column(&self) -> u32 {
        self.column
    }
}

/// `invalid options: MESSAGE at line L column C` (the text of [`crate::Error::Options`]).
/// The position follows serde_json's convention, which callers that wrote the JSON
/// themselves strip: the position then points into their text, not the user's.
impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid options: {} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for OptionsError {}

impl Options {
    /// Reads options JSON (see the [module docs](crate::options) for what is accepted).
    /// Blank text is an error here; [`crate::api::options_from_json`] reads it as the
    /// defaults.
    pub fn from_json(json: &str) -> Result<Options, OptionsError> {
        let mut reader = Reader {
            text: json,
            pos: 0,
            key: None,
            value_start: 0,
        };
        let options = reader.options()?;
        reader.space();
        if reader.pos < json.len() {
            return Err(reader.fail(format!(
                "unexpected {} after the options",
                reader.found_char()
            )));
        }
        Ok(options)
    }
}

/// What each key takes, as its type error says it.
const EXPECTED: [&str; 6] = [
    "a `YYYY-MM-DD` date or null",
    "a level (`L0` to `L5`) or null",
    "true or false",
    "a whole number of days from 0 to 4294967295",
    "a priority (`P0`, `P1`, …) or null",
    "an array of flow IDs (strings)",
];

struct Reader<'a> {
    text: &'a str,
    /// A byte offset into `text`, always at a character boundary.
    pos: usize,
    /// The key whose value is being read, named in errors.
    key: Option<&'static str>,
    /// Where that value starts: a type error describes the value from there.
    value_start: usize,
}

type Read<T> = Result<T, OptionsError>;

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// Skips JSON whitespace (space, tab, line feed, carriage return).
    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// An error at the current position, about the current key.
    fn fail(&self, message: String) -> OptionsError {
        self.fail_at(self.pos, message)
    }

    fn fail_at(&self, pos: usize, message: String) -> OptionsError {
        let before = self.text.get(..pos).unwrap_or(self.text);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let column = before.get(line_start..).unwrap_or("").chars().count() + 1;
        OptionsError {
            message,
            key: self.key,
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }

    /// The character at the current position, for a message: `` `x` `` or `the end`.
    fn found_char(&self) -> String {
        match self
            .text
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
        {
            Some(c) => format!("`{c}`"),
            None => "the end of the options".to_owned(),
        }
    }

    /// Expects `byte` (after whitespace), or fails with `what`.
    fn expect(&mut self, byte: u8, what: &str) -> Read<()> {
        self.space();
        if self.peek() == Some(byte) {
            self.pos += 1;
            return Ok(());
        }
        Err(self.fail(format!("expected {what}, found {}", self.found_char())))
    }

    /// The whole options value: an object, or serde's array form.
    fn options(&mut self) -> Read<Options> {
        let mut options = Options::default();
        self.space();
        match self.peek() {
            Some(b'{') => {
                self.pos += 1;
                let mut seen = [false; KEYS.len()];
                let mut first = true;
                while let Some((index, start)) = self.next_key(&mut first)? {
                    match seen.get_mut(index) {
                        Some(seen) if !*seen => *seen = true,
                        _ => {
                            return Err(self.fail_at(
                                start,
                                format!("option `{}` is given twice", self.key.unwrap_or_default()),
                            ))
                        }
                    }
                    self.expect(b':', "`:` after the key")?;
                    self.value(&mut options, index)?;
                    self.key = None;
                }
                Ok(options)
            }
            Some(b'[') => {
                self.pos += 1;
                let mut first = true;
                for index in 0..KEYS.len() {
                    if !self.next_item(&mut first)? {
                        return Ok(options);
                    }
                    self.value(&mut options, index)?;
                    self.key = None;
                }
                if self.next_item(&mut first)? {
                    return Err(self.fail(format!(
                        "options in the array form have at most {} items",
                        KEYS.len()
                    )));
                }
                Ok(options)
            }
            _ => {
                let start = self.pos;
                let found = self.found()?;
                Err(self.fail_at(
                    start,
                    format!("options must be a JSON object, found {found}"),
                ))
            }
        }
    }

    /// Reads the next key of an object and returns its index in [`KEYS`] and where it
    /// starts, or `None` at the closing `}`.
    fn next_key(&mut self, first: &mut bool) -> Read<Option<(usize, usize)>> {
        self.space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(None);
        }
        if !*first {
            self.expect(b',', "`,` or `}` after a value")?;
            self.space();
            if self.peek() == Some(b'}') {
                return Err(self.fail("trailing comma before `}`".to_owned()));
            }
        }
        *first = false;
        if self.peek() != Some(b'"') {
            return Err(self.fail(format!(
                "expected a key (a string), found {}",
                self.found_char()
            )));
        }
        let start = self.pos;
        let key = self.string()?;
        let Some(index) = KEYS.iter().position(|k| *k == key) else {
            let message = match suggest_key(&key) {
                Some(s) => format!("unknown option `{}`; did you mean `{s}`?", quote(&key)),
                None => format!(
                    "unknown option `{}`; expected one of `today`, `min_level`, `strict`, \
                     `expiry_warning_days`, `scope`, `flows`",
                    quote(&key)
                ),
            };
            return Err(self.fail_at(start, message));
        };
        self.key = KEYS.get(index).copied();
        Ok(Some((index, start)))
    }

    /// Reads up to the next item of an array: `true` if there is one, `false` at the
    /// closing `]`.
    fn next_item(&mut self, first: &mut bool) -> Read<bool> {
        self.space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(false);
        }
        if !*first {
            self.expect(b',', "`,` or `]` after an item")?;
            self.space();
            if self.peek() == Some(b']') {
                return Err(self.fail("trailing comma before `]`".to_owned()));
            }
        }
        *first = false;
        Ok(true)
    }

    /// Reads the value of key `index` into `options`.
    fn value(&mut self, options: &mut Options, index: usize) -> Read<()> {
        self.key = KEYS.get(index).copied();
        self.space();
        let start = self.pos;
        self.value_start = start;
        match index {
            0 => {
                options.today = match self.nullable_string(index)? {
                    None => None,
                    Some(s) => Some(
                        IsoDate::parse_today(&s)
                            .map_err(|e| self.fail_at(start, format!("option `today`: {e}")))?,
                    ),
                }
            }
            1 => options.min_level = self.level()?,
            2 => {
                options.strict = match self.literal() {
                    Some(Literal::True) => true,
                    Some(Literal::False) => false,
                    _ => return Err(self.type_error(index)),
                }
            }
            3 => options.expiry_warning_days = self.days()?,
            4 => {
                options.scope = match self.nullable_string(index)? {
                    None => None,
                    Some(s) => Some(s.parse::<Priority>().map_err(|()| {
                        self.fail_at(
                            start,
                            format!(
                                "option `scope`: invalid priority `{}`; expected `P0`, `P1`, …",
                                quote(&s)
                            ),
                        )
                    })?),
                }
            }
            _ => options.flows = self.flows(index)?,
        }
        Ok(())
    }

    /// `option `key` must be …, found …`, about the value being read.
    fn type_error(&mut self, index: usize) -> OptionsError {
        let start = self.value_start;
        self.pos = start;
        match self.found() {
            Ok(found) => {
                let key = KEYS.get(index).copied().unwrap_or_default();
                let expected = EXPECTED.get(index).copied().unwrap_or_default();
                self.fail_at(
                    start,
                    format!("option `{key}` must be {expected}, found {found}"),
                )
            }
            Err(e) => e,
        }
    }

    /// `null` (after whitespace) as `None`, a string as its text, else a type error.
    fn nullable_string(&mut self, index: usize) -> Read<Option<String>> {
        match self.peek() {
            Some(b'"') => self.string().map(Some),
            _ => match self.literal() {
                Some(Literal::Null) => Ok(None),
                _ => Err(self.type_error(index)),
            },
        }
    }

    /// `min_level`: a level's exact name, `null`, or serde's map form `{"L3": null}`.
    fn level(&mut self) -> Read<Option<Level>> {
        match self.peek() {
            Some(b'"') => self.level_name().map(Some),
            Some(b'{') => {
                self.pos += 1;
                self.space();
                if self.peek() != Some(b'"') {
                    return Err(self.type_error(1));
                }
                let level = self.level_name()?;
                self.expect(b':', "`:` after the level")?;
                self.space();
                if self.literal() != Some(Literal::Null) {
                    return Err(self.fail(format!(
                        "expected null after the level, found {}",
                        self.found_char()
                    )));
                }
                self.expect(b'}', "`}` after the level")?;
                Ok(Some(level))
            }
            _ => match self.literal() {
                Some(Literal::Null) => Ok(None),
                _ => Err(self.type_error(1)),
            },
        }
    }

    /// A string naming a level exactly (`L3`, not `l3`).
    fn level_name(&mut self) -> Read<Level> {
        let start = self.pos;
        let name = self.string()?;
        if let Some(level) = Level::ALL.into_iter().find(|l| l.as_str() == name) {
            return Ok(level);
        }
        let hint = match crate::suggest::suggest_level(&name) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "expected one of `L0`, `L1`, `L2`, `L3`, `L4`, `L5`".to_owned(),
        };
        Err(self.fail_at(
            start,
            format!(
                "option `min_level`: unknown level `{}`; {hint}",
                quote(&name)
            ),
        ))
    }

    /// `expiry_warning_days`: a whole number written without fraction or exponent.
    fn days(&mut self) -> Read<u32> {
        let start = self.pos;
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.type_error(3));
        }
        let number = self.number()?;
        if !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.type_error(3));
        }
        // At most ten digits fit a u32; more is out of range whatever they are.
        let value = number.bytes().try_fold(0u32, |n, b| {
            n.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        });
        value.ok_or_else(|| {
            self.fail_at(
                start,
                format!(
                    "option `expiry_warning_days` must be at most 4294967295, found `{}`",
                    quote(number)
                ),
            )
        })
    }

    /// `flows`: an array of strings.
    fn flows(&mut self, index: usize) -> Read<Vec<String>> {
        if self.peek() != Some(b'[') {
            return Err(self.type_error(index));
        }
        self.pos += 1;
        let mut flows = Vec::new();
        let mut first = true;
        while self.next_item(&mut first)? {
            if self.peek() != Some(b'"') {
                let start = self.pos;
                let found = self.found()?;
                return Err(self.fail_at(
                    start,
                    format!("option `flows` must hold flow IDs (strings), found {found}"),
                ));
            }
            flows.push(self.string()?);
        }
        Ok(flows)
    }

    /// `true`, `false` or `null` at the current position (consumed), else `None`
    /// (nothing consumed).
    fn literal(&mut self) -> Option<Literal> {
        let rest = self.text.get(self.pos..).unwrap_or("");
        let (literal, len) = if rest.starts_with("true") {
            (Literal::True, 4)
        } else if rest.starts_with("false") {
            (Literal::False, 5)
        } else if rest.starts_with("null") {
            (Literal::Null, 4)
        } else {
            return None;
        };
        self.pos += len;
        Some(literal)
    }

    /// Reads the JSON value at the current position (at least far enough to know it is
    /// well-formed, where that is cheap) and describes it for a type error.
    fn found(&mut self) -> Read<String> {
        match self.peek() {
            Some(b'"') => Ok(format!("string `{}`", quote(&self.string()?))),
            Some(b'-' | b'0'..=b'9') => Ok(format!("number `{}`", quote(self.number()?))),
            Some(b'{') => Ok("an object".to_owned()),
            Some(b'[') => Ok("an array".to_owned()),
            _ => match self.literal() {
                Some(Literal::True) => Ok("`true`".to_owned()),
                Some(Literal::False) => Ok("`false`".to_owned()),
                Some(Literal::Null) => Ok("null".to_owned()),
                None => Err(self.fail(format!(
                    "expected a JSON value, found {}",
                    self.found_char()
                ))),
            },
        }
    }

    /// A JSON number's text: `-`? (`0` | [1-9][0-9]*) (`.` [0-9]+)? ([eE] [+-]? [0-9]+)?.
    fn number(&mut self) -> Read<&'a str> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let digits = |pos: &mut usize| {
            let from = *pos;
            while let Some(b'0'..=b'9') = bytes.get(*pos) {
                *pos += 1;
            }
            *pos > from
        };
        let mut pos = self.pos;
        if bytes.get(pos) == Some(&b'-') {
            pos += 1;
        }
        let mut valid = if bytes.get(pos) == Some(&b'0') {
            // One leading zero only: `0`, `0.5`, never `01`.
            pos += 1;
            !matches!(bytes.get(pos), Some(b'0'..=b'9'))
        } else {
            digits(&mut pos)
        };
        if valid && bytes.get(pos) == Some(&b'.') {
            pos += 1;
            valid = digits(&mut pos);
        }
        if valid && matches!(bytes.get(pos), Some(b'e' | b'E')) {
            pos += 1;
            if matches!(bytes.get(pos), Some(b'+' | b'-')) {
                pos += 1;
            }
            valid = digits(&mut pos);
        }
        self.pos = pos;
        if !valid {
            let text = self.text.get(start..pos).unwrap_or("");
            return Err(self.fail(format!(
                "invalid number: {} after `{}`",
                self.found_char(),
                quote(text)
            )));
        }
        Ok(self.text.get(start..pos).unwrap_or(""))
    }

    /// A JSON string at the current position (which is its opening `"`), unescaped.
    fn string(&mut self) -> Read<String> {
        self.pos += 1;
        let mut out = String::new();
        let mut run = self.pos;
        loop {
            let Some(byte) = self.peek() else {
                return Err(self.fail("unterminated string".to_owned()));
            };
            match byte {
                b'"' => {
                    out.push_str(self.text.get(run..self.pos).unwrap_or(""));
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(self.text.get(run..self.pos).unwrap_or(""));
                    out.push(self.escape()?);
                    run = self.pos;
                }
                0..=0x1f => {
                    return Err(self.fail(
                        "control character in a string (write it as an escape such as `\\n`)"
                            .to_owned(),
                    ))
                }
                _ => self.pos += 1,
            }
        }
    }

    /// The escape at the current position (its `\`), decoded.
    fn escape(&mut self) -> Read<char> {
        let start = self.pos;
        self.pos += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let unit = self.hex4()?;
                let code = match unit {
                    0xD800..=0xDBFF => {
                        let rest = self.text.get(self.pos..).unwrap_or("");
                        if !rest.starts_with("\\u") {
                            return Err(self.lone_surrogate(start));
                        }
                        self.pos += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.lone_surrogate(start));
                        }
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.lone_surrogate(start)),
                    _ => u32::from(unit),
                };
                return char::from_u32(code).ok_or_else(|| self.lone_surrogate(start));
            }
            _ => {
                return Err(self.fail_at(
                    start,
                    format!("invalid escape {} in a string", self.found_char()),
                ))
            }
        };
        self.pos += 1;
        Ok(c)
    }

    fn lone_surrogate(&self, start: usize) -> OptionsError {
        self.fail_at(start, "unpaired surrogate in a `\\u` escape".to_owned())
    }

    /// Four hex digits.
    fn hex4(&mut self) -> Read<u16> {
        let mut value = 0u16;
        for _ in 0..4 {
            let digit = self.peek().and_then(|b| char::from(b).to_digit(16));
            let Some(digit) = digit else {
                return Err(self.fail(format!(
                    "expected a hex digit in a `\\u` escape, found {}",
                    self.found_char()
                )));
            };
            value = value * 16 + digit as u16;
            self.pos += 1;
        }
        Ok(value)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Literal {
    True,
    False,
    Null,
}

/// The key an unknown key most likely means: case, `-` and `_` ignored (`minLevel` →
/// `min_level`), else the nearest by edit distance if close.
fn suggest_key(key: &str) -> Option<&'static str> {
    if key.len() > crate::suggest::MAX_SUGGEST_LEN {
        return None;
    }
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let wanted = squash(key);
    KEYS.iter()
        .map(|k| {
            (
                *k,
                strsim::normalized_damerau_levenshtein(&wanted, &squash(k)),
            )
        })
        .filter(|&(_, score)| score >= 0.6)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message, key and position of reading `json`, which must fail.
    fn error(json: &str) -> (String, Option<&'static str>, u32, u32) {
        match Options::from_json(json) {
            Ok(o) => panic!("{json} was read: {o:?}"),
            Err(e) => (e.message().to_owned(), e.key(), e.line(), e.column()),
        }
    }

    fn message(json: &str) -> String {
        error(json).0
    }

    #[test]
    fn every_key_is_read() {
        let o = Options::from_json(
            r#"{"today": "2026-11-28", "min_level": "L4", "strict": true,
                "expiry_warning_days": 30, "scope": "p1", "flows": ["FLOW-A-001", "é\u00e9"]}"#,
        )
        .unwrap();
        assert_eq!(o.today, IsoDate::parse("2026-11-28"));
        assert_eq!(o.min_level, Some(Level::L4));
        assert!(o.strict);
        assert_eq!(o.expiry_warning_days, 30);
        assert_eq!(o.scope, Some(Priority(1)));
        assert_eq!(o.flows, vec!["FLOW-A-001".to_owned(), "éé".to_owned()]);
        assert_eq!(Options::from_json(" {} ").unwrap(), Options::default());
        let nulls = r#"{"today": null, "min_level": null, "scope": null}"#;
        assert_eq!(Options::from_json(nulls).unwrap(), Options::default());
        let array = Options::from_json(r#"["2026-11-28", {"L3": null}, false, 7]"#).unwrap();
        assert_eq!(array.min_level, Some(Level::L3));
        assert_eq!(array.expiry_warning_days, 7);
    }

    #[test]
    fn unknown_keys_are_named_with_a_suggestion() {
        let (m, key, line, column) = error("{\n  \"todya\": \"2026-11-28\"}");
        assert_eq!(m, "unknown option `todya`; did you mean `today`?");
        assert_eq!((key, line, column), (None, 2, 3));
        assert_eq!(
            message(r#"{"minLevel": "L3"}"#),
            "unknown option `minLevel`; did you mean `min_level`?"
        );
        assert_eq!(
            message(r#"{"colour": 1}"#),
            "unknown option `colour`; expected one of `today`, `min_level`, `strict`, \
             `expiry_warning_days`, `scope`, `flows`"
        );
    }

    #[test]
    fn repeated_keys_are_refused() {
        let (m, key, _, column) = error(r#"{"strict": true, "strict": false}"#);
        assert_eq!(m, "option `strict` is given twice");
        assert_eq!((key, column), (Some("strict"), 18));
    }

    #[test]
    fn type_errors_name_the_key_the_expectation_and_the_value() {
        let (m, key, _, column) = error(r#"{"today": 5}"#);
        assert_eq!(
            m,
            "option `today` must be a `YYYY-MM-DD` date or null, found number `5`"
        );
        assert_eq!((key, column), (Some("today"), 11));
        assert_eq!(
            message(r#"{"strict": null}"#),
            "option `strict` must be true or false, found null"
        );
        assert_eq!(
            message(r#"{"strict": "yes"}"#),
            "option `strict` must be true or false, found string `yes`"
        );
        assert_eq!(
            message(r#"{"expiry_warning_days": 1.5}"#),
            "option `expiry_warning_days` must be a whole number of days from 0 to 4294967295, \
             found number `1.5`"
        );
        assert_eq!(
            message(r#"{"expiry_warning_days": -1}"#),
            "option `expiry_warning_days` must be a whole number of days from 0 to 4294967295, \
             found number `-1`"
        );
        assert_eq!(
            message(r#"{"min_level": 3}"#),
            "option `min_level` must be a level (`L0` to `L5`) or null, found number `3`"
        );
        assert_eq!(
            message(r#"{"scope": ["P0"]}"#),
            "option `scope` must be a priority (`P0`, `P1`, …) or null, found an array"
        );
        assert_eq!(
            message(r#"{"flows": "FLOW-A-001"}"#),
            "option `flows` must be an array of flow IDs (strings), found string `FLOW-A-001`"
        );
        assert_eq!(
            message(r#"{"flows": ["A", 7]}"#),
            "option `flows` must hold flow IDs (strings), found number `7`"
        );
        assert_eq!(
            message("[true]"),
            "option `today` must be a `YYYY-MM-DD` date or null, found `true`"
        );
        assert_eq!(
            message("5"),
            "options must be a JSON object, found number `5`"
        );
        assert_eq!(message("null"), "options must be a JSON object, found null");
    }

    #[test]
    fn bad_values_say_what_is_wrong() {
        assert_eq!(
            message(r#"{"today": "2026-13-01"}"#),
            "option `today`: `2026-13-01` is not a YYYY-MM-DD date"
        );
        assert_eq!(
            message(r#"{"today": "3026-01-01"}"#),
            "option `today`: `3026-01-01` is outside the plausible range 1970-01-01 to 2999-12-31"
        );
        assert_eq!(
            message(r#"{"min_level": "l3"}"#),
            "option `min_level`: unknown level `l3`; did you mean `L3`?"
        );
        assert_eq!(
            message(r#"{"min_level": "high"}"#),
            "option `min_level`: unknown level `high`; expected one of `L0`, `L1`, `L2`, `L3`, \
             `L4`, `L5`"
        );
        assert_eq!(
            message(r#"{"scope": "X"}"#),
            "option `scope`: invalid priority `X`; expected `P0`, `P1`, …"
        );
        assert_eq!(
            message(r#"{"expiry_warning_days": 4294967296}"#),
            "option `expiry_warning_days` must be at most 4294967295, found `4294967296`"
        );
        let long = format!(r#"{{"scope": "{}"}}"#, "x".repeat(500));
        assert!(
            message(&long).len() < 300,
            "user text is quoted, not copied whole"
        );
    }

    #[test]
    fn json_syntax_errors_point_at_the_problem() {
        assert_eq!(
            error("{"),
            (
                "expected a key (a string), found the end of the options".to_owned(),
                None,
                1,
                2
            )
        );
        assert_eq!(
            message(r#"{"strict" true}"#),
            "expected `:` after the key, found `t`"
        );
        assert_eq!(
            message(r#"{"strict": true "scope": null}"#),
            "expected `,` or `}` after a value, found `\"`"
        );
        assert_eq!(message(r#"{"strict": true,}"#), "trailing comma before `}`");
        assert_eq!(message("[null,]"), "trailing comma before `]`");
        assert_eq!(
            message("[null null]"),
            "expected `,` or `]` after an item, found `n`"
        );
        assert_eq!(message("{1: 2}"), "expected a key (a string), found `1`");
        assert_eq!(message("{} x"), "unexpected `x` after the options");
        assert_eq!(
            message(""),
            "expected a JSON value, found the end of the options"
        );
        assert_eq!(
            message("[null,null,false,14,null,[],1]"),
            "options in the array form have at most 6 items"
        );
        assert_eq!(
            message(r#"{"expiry_warning_days": 01}"#),
            "invalid number: `1` after `0`"
        );
        assert_eq!(
            message(r#"{"today": 1.}"#),
            "invalid number: `}` after `1.`"
        );
        assert_eq!(
            message(r#"{"today": tru}"#),
            "expected a JSON value, found `t`"
        );
        assert_eq!(message(r#"{"flows": ["a"#), "unterminated string");
        assert_eq!(
            message("{\"flows\": [\"a\u{1}\"]}"),
            "control character in a string (write it as an escape such as `\\n`)"
        );
        assert_eq!(
            message(r#"{"flows": ["\q"]}"#),
            "invalid escape `q` in a string"
        );
        assert_eq!(
            message(r#"{"flows": ["\ud800"]}"#),
            "unpaired surrogate in a `\\u` escape"
        );
        assert_eq!(
            message(r#"{"flows": ["\udc00"]}"#),
            "unpaired surrogate in a `\\u` escape"
        );
        assert_eq!(
            message(r#"{"flows": ["\u12x4"]}"#),
            "expected a hex digit in a `\\u` escape, found `x`"
        );
        assert_eq!(
            message(r#"{"min_level": {"L3": 1}}"#),
            "expected null after the level, found `1`"
        );
        // Columns count characters, not bytes.
        assert_eq!(error("{\"flows\": [\"é\", x]}").3, 17);
    }

    #[test]
    fn the_display_is_the_errors_text_with_the_position() {
        let e = Options::from_json("{\"x\": 1}").unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid options: unknown option `x`; expected one of `today`, `min_level`, \
             `strict`, `expiry_warning_days`, `scope`, `flows` at line 1 column 2"
        );
        assert_eq!(crate::Error::Options(e.clone()).to_string(), e.to_string());
    }
}

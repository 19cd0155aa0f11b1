//! JUnit XML: pytest (`--junitxml`, xunit1 and xunit2), Playwright's junit reporter, and
//! any runner that writes `<testsuites>`/`<testsuite>`/`<testcase>`.
//!
//! Read with quick-xml's streaming reader: memory holds the enclosing suites' properties,
//! the current test case and one event, never the document, so a 50 MB report costs
//! little more than the tests it keeps.
//!
//! What is read:
//! - `<property name="flow|subpath|uat_row|uat|tag" value="…"/>` (or with text content)
//!   inside `<testcase><properties>` (pytest `record_property`, Playwright annotations)
//!   and inside `<testsuite><properties>` (applies to every case of the suite, written
//!   first); repeated `flow` groups name several flows;
//! - `<failure>`/`<error>`: failed; `<skipped type="pytest.xfail">`: an expected failure
//!   ([`Outcome::Xfailed`]); other `<skipped>`: skipped; a `fail` property without a
//!   failure (Playwright `test.fail()`): an expected failure; `<flakyFailure>` or
//!   `<flakyError>` (Playwright `includeRetries`, Maven Surefire): passed on a retry;
//! - `@tags` in the test name always, bare `FLOW-…`/`UAT-…` tokens when nothing else
//!   names a flow.

use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::{
    clip, first_line, Claims, Evidence, EvidenceError, EvidenceFormat, EvidenceProblem, Outcome,
    Position, TestRecord, MAX_TEXT_CHARS,
};

/// Elements nested deeper than this are refused, so a hostile file cannot grow the stack.
pub const MAX_DEPTH: usize = 256;

/// Reads JUnit XML from bytes. Errors carry line, column and byte offset.
pub fn read(file: &str, bytes: &[u8]) -> Result<Evidence, EvidenceError> {
    read_from(file, bytes).map_err(|e| with_line_column(e, bytes))
}

/// Reads JUnit XML from any buffered reader, streaming (for files too big to load).
/// Errors carry the byte offset only; [`read`] adds line and column.
pub fn read_from<R: BufRead>(file: &str, input: R) -> Result<Evidence, EvidenceError> {
    let mut reader = Reader::from_reader(input);
    reader.config_mut().trim_text(false);
    let mut state = State {
        file,
        ..State::default()
    };
    let mut buf = Vec::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => return Err(state.syntax(reader.error_position(), &e.to_string())),
        };
        let at = reader.buffer_position();
        match event {
            Event::Start(e) => state.open(&e, false, at)?,
            Event::Empty(e) => state.open(&e, true, at)?,
            Event::End(_) => state.close(),
            Event::Text(t) => state.text(&t),
            Event::CData(t) => state.text(&t),
            Event::GeneralRef(r) => {
                let resolved = match &*r {
                    "amp" => "&".to_owned(),
                    "lt" => "<".to_owned(),
                    "gt" => ">".to_owned(),
                    "quot" => "\"".to_owned(),
                    "apos" => "'".to_owned(),
                    other => other
                        .strip_prefix("#x")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| other.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32)
                        .map(String::from)
                        .unwrap_or_default(),
                };
                state.text(&resolved);
            }
            Event::Eof => {
                if let Some(open) = state.stack.last() {
                    let message = format!(
                        "unexpected end of file: `<{}>` is not closed (is the report truncated?)",
                        open.name()
                    );
                    return Err(state.syntax(at, &message));
                }
                if !state.saw_root {
                    return Err(state.shape(at, "no `<testsuites>` or `<testsuite>` element"));
                }
                break;
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
        buf.clear();
    }
    Ok(state.evidence)
}

fn with_line_column(e: EvidenceError, bytes: &[u8]) -> EvidenceError {
    e.map_position(|p| match p.byte {
        Some(b) if p.line.is_none() => Position::at_byte(bytes, b),
        _ => p,
    })
}

#[derive(Debug)]
enum Frame {
    Suites,
    /// A suite: how many suite properties were set before it, and its `file`.
    Suite {
        properties: usize,
        file: Option<String>,
    },
    Case,
    Properties,
    Property,
    Other(String),
}

impl Frame {
    fn name(&self) -> &str {
        match self {
            Frame::Suites => "testsuites",
            Frame::Suite { .. } => "testsuite",
            Frame::Case => "testcase",
            Frame::Properties => "properties",
            Frame::Property => "property",
            Frame::Other(name) => name,
        }
    }
}

#[derive(Default)]
struct Case {
    name: String,
    classname: String,
    file: Option<String>,
    line: Option<u32>,
    properties: Vec<(String, String)>,
    failed: bool,
    skipped: bool,
    xfail_type: bool,
    flaky: bool,
    reason: Option<String>,
}

#[derive(Default)]
struct State<'f> {
    file: &'f str,
    stack: Vec<Frame>,
    suite_properties: Vec<(String, String)>,
    case: Option<Case>,
    /// A `<property>` being read whose value is its text: (name, text so far).
    property: Option<(String, String)>,
    saw_root: bool,
    evidence: Evidence,
}

/// The value of attribute `key`: `Ok(None)` when absent, `Err` with the decoder's reason
/// when it is there but cannot be decoded (an unknown entity, a bad character reference).
fn attr_checked(e: &BytesStart<'_>, key: &str) -> Result<Option<String>, String> {
    match e
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
    {
        None => Ok(None),
        Some(a) => a
            .normalized_value(XmlVersion::Implicit1_0)
            .map(|v| Some(v.into_owned()))
            .map_err(|err| err.to_string()),
    }
}

impl State<'_> {
    /// Attribute `key` of `e` (at byte `at`); one that cannot be decoded is recorded as a
    /// problem (a warning finding later) and read as absent.
    fn attr(&mut self, e: &BytesStart<'_>, key: &str, at: u64) -> Option<String> {
        match attr_checked(e, key) {
            Ok(v) => v,
            Err(reason) => {
                let local = e.local_name();
                let element: &str = local.as_ref();
                self.evidence.problems.push(EvidenceProblem {
                    file: self.file.to_owned(),
                    position: Self::at(at),
                    message: format!(
                        "attribute `{}` of `<{}>` cannot be decoded ({}); it was read as absent",
                        clip(key),
                        clip(element),
                        clip(&reason)
                    ),
                });
                None
            }
        }
    }

    /// A streamed read knows byte offsets, not lines.
    fn at(at: u64) -> Position {
        Position {
            line: None,
            column: None,
            byte: Some(at),
        }
    }

    fn syntax(&self, at: u64, message: &str) -> EvidenceError {
        EvidenceError::Syntax {
            file: self.file.to_owned(),
            format: EvidenceFormat::Junit,
            position: Self::at(at),
            message: message.to_owned(),
        }
    }

    fn shape(&self, at: u64, message: &str) -> EvidenceError {
        EvidenceError::Shape {
            file: self.file.to_owned(),
            format: EvidenceFormat::Junit,
            position: Self::at(at),
            message: message.to_owned(),
        }
    }

    fn open(&mut self, e: &BytesStart<'_>, empty: bool, at: u64) -> Result<(), EvidenceError> {
        let local = e.local_name();
        let name: &str = local.as_ref();
        if !self.saw_root {
            if !matches!(name, "testsuites" | "testsuite") {
                return Err(self.shape(
                    at,
                    &format!(
                        "expected `<testsuites>` or `<testsuite>`, found `<{}>`",
                        clip(name)
                    ),
                ));
            }
            self.saw_root = true;
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.shape(at, &format!("elements nest deeper than {MAX_DEPTH} levels")));
        }
        let parent_is_properties = matches!(self.stack.last(), Some(Frame::Properties));
        let in_case = self.case.is_some();
        let frame = match name {
            "testsuites" if !in_case => Frame::Suites,
            "testsuite" if !in_case => Frame::Suite {
                properties: self.suite_properties.len(),
                file: self.attr(e, "file", at),
            },
            "testcase" if !in_case => {
                let line = self
                    .attr(e, "line", at)
                    .and_then(|l| l.trim().parse::<u32>().ok());
                self.case = Some(Case {
                    name: self
                        .attr(e, "name", at)
                        .map(|n| clip(&n))
                        .unwrap_or_default(),
                    classname: self
                        .attr(e, "classname", at)
                        .map(|n| clip(&n))
                        .unwrap_or_default(),
                    file: self.attr(e, "file", at).map(|f| clip(&f)),
                    // pytest's `line` is 0-based; a 1-based line is what users read.
                    line: line.map(|l| l.saturating_add(1)),
                    ..Case::default()
                });
                Frame::Case
            }
            "properties" => Frame::Properties,
            "property" if parent_is_properties => {
                let key = self.attr(e, "name", at).unwrap_or_default();
                match self.attr(e, "value", at) {
                    Some(value) => self.property_value(key, value),
                    None if !empty => self.property = Some((key, String::new())),
                    None => {}
                }
                Frame::Property
            }
            "failure" | "error" if in_case => {
                let message = self.attr(e, "message", at);
                if let Some(case) = &mut self.case {
                    case.failed = true;
                    if case.reason.is_none() {
                        case.reason = message.as_deref().and_then(first_line);
                    }
                }
                Frame::Other(name.to_owned())
            }
            "skipped" if in_case => {
                let kind = self.attr(e, "type", at);
                let message = self.attr(e, "message", at);
                if let Some(case) = &mut self.case {
                    case.skipped = true;
                    case.xfail_type |= kind.is_some_and(|t| t == "pytest.xfail");
                    if case.reason.is_none() {
                        case.reason = message.as_deref().and_then(first_line);
                    }
                }
                Frame::Other(name.to_owned())
            }
            "flakyFailure" | "flakyError" if in_case => {
                if let Some(case) = &mut self.case {
                    case.flaky = true;
                }
                Frame::Other(name.to_owned())
            }
            _ => Frame::Other(clip(name)),
        };
        if empty {
            // `<testcase/>`, `<testsuite/>`: opened and closed at once.
            self.stack.push(frame);
            self.close();
        } else {
            self.stack.push(frame);
        }
        Ok(())
    }

    fn property_value(&mut self, key: String, value: String) {
        let entry = (clip(&key), clip(&value));
        match &mut self.case {
            Some(case) => case.properties.push(entry),
            None => self.suite_properties.push(entry),
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((_, value)) = &mut self.property {
            if value.len() < MAX_TEXT_CHARS * 4 {
                value.push_str(text);
            }
        }
    }

    fn close(&mut self) {
        match self.stack.pop() {
            Some(Frame::Case) => {
                if let Some(case) = self.case.take() {
                    self.finish(case);
                }
            }
            Some(Frame::Suite { properties, .. }) => self.suite_properties.truncate(properties),
            Some(Frame::Property) => {
                if let Some((key, value)) = self.property.take() {
                    self.property_value(key, value);
                }
            }
            _ => {}
        }
    }

    fn suite_file(&self) -> Option<&str> {
        self.stack.iter().rev().find_map(|f| match f {
            Frame::Suite {
                file: Some(file), ..
            } => Some(file.as_str()),
            _ => None,
        })
    }

    fn finish(&mut self, case: Case) {
        let mut claims = Claims::default();
        let mut expected_failure = false;
        for (key, value) in self.suite_properties.iter().chain(&case.properties) {
            if claims.structured(key, value) {
                continue;
            }
            match key.as_str() {
                "tag" | "tags" => value.split([',', ' ']).for_each(|t| claims.tag(t)),
                // Playwright's junit reporter writes `test.fail()` as an annotation.
                "fail" => expected_failure = true,
                _ => {}
            }
        }
        claims.name(&case.name);
        let (flows, uat_rows) = claims.finish();
        let outcome = if case.failed {
            Outcome::Failed
        } else if case.skipped && case.xfail_type {
            Outcome::Xfailed
        } else if case.skipped {
            Outcome::Skipped
        } else if expected_failure {
            Outcome::Xfailed
        } else if case.flaky {
            Outcome::Flaky
        } else {
            Outcome::Passed
        };
        let file_like = |s: &str| {
            s.contains('/')
                || [".js", ".mjs", ".cjs", ".ts", ".mts", ".tsx", ".jsx", ".py"]
                    .iter()
                    .any(|x| s.ends_with(x))
        };
        let (name, file) = if !case.classname.is_empty() && file_like(&case.classname) {
            (case.name, case.file.or(Some(case.classname)))
        } else if case.classname.is_empty() {
            (case.name, case.file)
        } else {
            (format!("{}::{}", case.classname, case.name), case.file)
        };
        let file = file.or_else(|| self.suite_file().map(str::to_owned));
        let reason = match outcome {
            Outcome::Passed | Outcome::Flaky => None,
            _ => case.reason,
        };
        self.evidence.push(TestRecord {
            name,
            file,
            line: case.line,
            outcome,
            reason,
            flows,
            uat_rows,
            source: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Subpath;

    #[test]
    fn suite_properties_apply_to_every_case() {
        let xml = br#"<testsuites><testsuite name="s"><properties><property name="flow" value="FLOW-S-001"/></properties>
            <testcase name="a"><properties><property name="subpath" value="empty"/></properties></testcase>
            <testcase name="b"><skipped/></testcase></testsuite></testsuites>"#;
        let ev = read("j.xml", xml).unwrap();
        assert_eq!(ev.tests.len(), 2);
        assert_eq!(ev.tests[0].flows[0].flow, "FLOW-S-001");
        assert_eq!(ev.tests[0].flows[0].subpaths, vec![Subpath::Empty]);
        assert_eq!(ev.tests[1].outcome, Outcome::Skipped);
    }

    #[test]
    fn property_text_content_and_entities() {
        let xml = br#"<testsuite><testcase name="x"><properties><property name="flow">FLOW-&#65;-001</property></properties></testcase></testsuite>"#;
        let ev = read("j.xml", xml).unwrap();
        assert_eq!(ev.tests[0].flows[0].flow, "FLOW-A-001");
    }

    #[test]
    fn truncated_xml_names_position() {
        let xml = b"<testsuites>\n<testsuite name=\"s\">\n<testcase name=\"a @FLOW-A-001\">";
        let err = read("cut.xml", xml).unwrap_err();
        let p = err.position().unwrap();
        assert_eq!(p.line, Some(3));
        assert!(err.to_string().contains("`cut.xml`"), "{err}");
        let err = read("cut.xml", b"<testsuites><testsuite name=\"s").unwrap_err();
        assert!(matches!(err, EvidenceError::Syntax { .. }), "{err}");
    }

    #[test]
    fn wrong_root_is_a_shape_error() {
        let err = read("page.html", b"<html><body/></html>").unwrap_err();
        assert!(matches!(err, EvidenceError::Shape { .. }), "{err}");
    }
}

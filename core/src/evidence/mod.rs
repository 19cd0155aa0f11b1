//! Evidence: what test reports say about each flow's subpaths.
//!
//! Reports are read by pure functions over bytes, one reader per format:
//! - [`playwright`]: the Playwright JSON reporter's output;
//! - [`junit`]: JUnit XML (pytest xunit1/xunit2, Playwright's junit reporter, any runner),
//!   read with a streaming parser so memory does not grow with the file;
//! - [`native`]: flowready's own evidence JSON (the normalised form every reader produces).
//!
//! [`read`] detects the format from the content (or takes it as given) and returns an
//! [`Evidence`]; several reports combine with [`Evidence::merge`]. [`coverage`] turns
//! evidence into per-flow, per-subpath states and findings, which
//! [`crate::evaluate_with_evidence`] judges like every other finding.
//!
//! How tests name flows, subpaths and UAT rows (annotations, properties, tags, titles) is
//! described in `docs/evidence.md`; the rules live in one place, [`Claims`].
//!
//! ```
//! use flowready::evidence;
//! let xml = br#"<testsuite><testcase name="t"><properties>
//!   <property name="flow" value="FLOW-A-001"/><property name="subpath" value="happy"/>
//! </properties></testcase></testsuite>"#;
//! let ev = evidence::read("junit.xml", xml, None).unwrap();
//! assert_eq!(ev.tests[0].flows[0].flow, "FLOW-A-001");
//! ```

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::vocab::Subpath;

pub mod coverage;
pub mod junit;
pub mod native;
pub mod playwright;

pub use coverage::{
    CoverageState, EvidenceReport, FlowCoverage, SubpathCoverage, TestRef, UnknownFlow,
    UnmappedUatRow,
};

/// The largest report [`read`] accepts, in bytes (256 MiB). Bigger inputs get
/// [`EvidenceError::TooLarge`] rather than a long stall.
pub const MAX_REPORT_BYTES: u64 = 256 * 1024 * 1024;

/// Names, file names and reasons longer than this many characters are cut (with `…`), so
/// one pathological test cannot make a report huge.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// The version of flowready's own evidence JSON that this library writes and reads.
pub const EVIDENCE_VERSION: u32 = 1;

/// A report format flowready reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceFormat {
    /// The Playwright JSON reporter's output (`--reporter=json`).
    PlaywrightJson,
    /// JUnit XML: pytest (`--junitxml`), Playwright's junit reporter, or any runner.
    Junit,
    /// flowready's own evidence JSON ([`Evidence`]).
    Flowready,
}

impl EvidenceFormat {
    /// `playwright_json`, `junit` or `flowready`.
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceFormat::PlaywrightJson => "playwright_json",
            EvidenceFormat::Junit => "junit",
            EvidenceFormat::Flowready => "flowready",
        }
    }
}

impl fmt::Display for EvidenceFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EvidenceFormat {
    type Err = ();
    /// Accepts `playwright`, `playwright-json`, `playwright_json`, `junit`, `junit-xml`,
    /// `xml`, `flowready`, `flowready-evidence`, case-insensitively.
    fn from_str(s: &str) -> Result<Self, ()> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "playwright" | "playwright_json" => Ok(EvidenceFormat::PlaywrightJson),
            "junit" | "junit_xml" | "xml" => Ok(EvidenceFormat::Junit),
            "flowready" | "flowready_evidence" => Ok(EvidenceFormat::Flowready),
            _ => Err(()),
        }
    }
}

/// Where in a report a problem is. Line and column are 1-based (column in bytes); `byte`
/// is the 0-based offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Position {
    /// 1-based line, when known.
    pub line: Option<u64>,
    /// 1-based column, when known.
    pub column: Option<u64>,
    /// 0-based byte offset, when known.
    pub byte: Option<u64>,
}

impl Position {
    /// The position of byte `offset` in `bytes`, with line and column.
    pub fn at_byte(bytes: &[u8], offset: u64) -> Self {
        let end = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(bytes.len());
        let before = bytes.get(..end).unwrap_or(bytes);
        let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = (end - line_start) as u64 + 1;
        Position {
            line: Some(line),
            column: Some(column),
            byte: Some(offset),
        }
    }

    /// A line and column without a byte offset (what `serde_json` reports).
    pub fn line_column(line: usize, column: usize) -> Self {
        Position {
            line: Some(line as u64),
            column: Some(column as u64),
            byte: None,
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column, self.byte) {
            (Some(l), Some(c), Some(b)) => write!(f, "line {l}, column {c} (byte {b})"),
            (Some(l), Some(c), None) => write!(f, "line {l}, column {c}"),
            (_, _, Some(b)) => write!(f, "byte {b}"),
            _ => f.write_str("unknown position"),
        }
    }
}

/// A report that could not be read. Every variant names the file and, where there is one,
/// the position. Reading never panics, whatever the bytes.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EvidenceError {
    /// The report is bigger than [`MAX_REPORT_BYTES`].
    #[error("`{file}` is {size} bytes, over the {limit}-byte limit for one report")]
    TooLarge {
        /// The report's name.
        file: String,
        /// Its size in bytes.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The content is not a format flowready reads.
    #[error("`{file}` is not a report flowready reads: {reason}")]
    UnknownFormat {
        /// The report's name.
        file: String,
        /// What was found instead.
        reason: String,
    },
    /// The report is not well-formed XML or JSON (truncated, invalid bytes, …).
    #[error("`{file}` is not valid {format} at {position}: {message}")]
    Syntax {
        /// The report's name.
        file: String,
        /// The format being read.
        format: EvidenceFormat,
        /// Where.
        position: Position,
        /// What the parser said.
        message: String,
    },
    /// The report is well-formed but not shaped like its format (wrong types, missing
    /// fields, an unsupported version).
    #[error("`{file}` is not a valid {format} report at {position}: {message}")]
    Shape {
        /// The report's name.
        file: String,
        /// The format being read.
        format: EvidenceFormat,
        /// Where.
        position: Position,
        /// What is wrong.
        message: String,
    },
}

impl EvidenceError {
    /// The name of the report the error is about.
    pub fn file(&self) -> &str {
        match self {
            EvidenceError::TooLarge { file, .. }
            | EvidenceError::UnknownFormat { file, .. }
            | EvidenceError::Syntax { file, .. }
            | EvidenceError::Shape { file, .. } => file,
        }
    }

    /// Where in the report, if the error has a position.
    pub fn position(&self) -> Option<Position> {
        match self {
            EvidenceError::Syntax { position, .. } | EvidenceError::Shape { position, .. } => {
                Some(*position)
            }
            _ => None,
        }
    }

    /// The same error with its position (if it has one) replaced by `f(position)`: how a
    /// streaming reader, which knows only the byte offset, adds line and column once the
    /// bytes up to it are at hand.
    pub fn map_position(self, f: impl FnOnce(Position) -> Position) -> Self {
        match self {
            EvidenceError::Syntax {
                file,
                format,
                position,
                message,
            } => EvidenceError::Syntax {
                file,
                format,
                position: f(position),
                message,
            },
            EvidenceError::Shape {
                file,
                format,
                position,
                message,
            } => EvidenceError::Shape {
                file,
                format,
                position: f(position),
                message,
            },
            other => other,
        }
    }

    /// Turns a `serde_json` error about `file` into a syntax or shape error.
    pub fn from_json(file: &str, format: EvidenceFormat, e: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        let position = Position::line_column(e.line(), e.column());
        // serde_json appends " at line L column C"; the position already says it.
        let text = e.to_string();
        let message = match text.rfind(" at line ") {
            Some(i) => text.get(..i).unwrap_or(&text).to_owned(),
            None => text,
        };
        let file = file.to_owned();
        match e.classify() {
            Category::Data => EvidenceError::Shape {
                file,
                format,
                position,
                message,
            },
            Category::Io | Category::Syntax | Category::Eof => EvidenceError::Syntax {
                file,
                format,
                position,
                message,
            },
        }
    }
}

/// How a test ended, after retries.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Passed on its first attempt.
    Passed,
    /// Failed, then passed on a retry.
    Flaky,
    /// Failed (its last attempt failed, errored or timed out, or an expected failure passed).
    Failed,
    /// Skipped (statically or at run time).
    Skipped,
    /// An expected failure that failed as expected (pytest `xfail`, Playwright
    /// `test.fail()`): it proves a known bug, not the path, so it counts as skipped.
    Xfailed,
}

impl Outcome {
    /// `passed`, `flaky`, `failed`, `skipped` or `xfailed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Passed => "passed",
            Outcome::Flaky => "flaky",
            Outcome::Failed => "failed",
            Outcome::Skipped => "skipped",
            Outcome::Xfailed => "xfailed",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One flow a test proves, and which of its subpaths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlowClaim {
    /// The flow ID (`FLOW-AUTH-SESSION-001`).
    pub flow: String,
    /// The subpaths the test proves for this flow, in [`Subpath::ALL`] order. Empty when
    /// the test names the flow without a subpath (it then counts for UAT-row mapping and
    /// unknown-flow checks, not for coverage).
    #[serde(default)]
    pub subpaths: Vec<Subpath>,
}

/// One test's result and what it proves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TestRecord {
    /// The test's name: its title path (`describe › title`) or `class::name`.
    pub name: String,
    /// The test's file, when the report says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The test's 1-based line in its file, when the report says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// How the test ended.
    pub outcome: Outcome,
    /// Why it was skipped or failed (first line, shortened), when the report says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The flows (and subpaths) it proves.
    #[serde(default)]
    pub flows: Vec<FlowClaim>,
    /// The UAT rows it proves (`UAT-…`).
    #[serde(default)]
    pub uat_rows: Vec<String>,
    /// The report it was read from; [`read`] sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The marker value of the `format` field of flowready's own evidence JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum EvidenceTag {
    /// `"flowready-evidence"`.
    #[default]
    #[serde(rename = "flowready-evidence")]
    FlowreadyEvidence,
}

/// Evidence: every test result that names a flow or a UAT row, from one or more reports.
///
/// Serialised, this *is* flowready's own evidence JSON (schema: [`native::schema`]),
/// which the pytest plugin and the Playwright reporter write.
///
/// Invariant: every [`FlowClaim`] has a non-empty flow ID and its subpaths are sorted
/// and distinct; readers drop tests that name neither a flow nor a UAT row (counted in
/// `unlabelled_tests`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Always `"flowready-evidence"`: how the format is recognised.
    pub format: EvidenceTag,
    /// The schema version ([`EVIDENCE_VERSION`]).
    pub version: u32,
    /// The tool that wrote it (`pytest`, `playwright`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<String>,
    /// The tests, in report order.
    pub tests: Vec<TestRecord>,
    /// Tests read but dropped because they named no flow and no UAT row.
    #[serde(default)]
    pub unlabelled_tests: u64,
    /// What a reader could not decode but read past (an attribute with an unknown
    /// entity, say); each becomes an `FR608` warning, so nothing is dropped silently.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<EvidenceProblem>,
}

/// Something in a report a reader could not decode and read past.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceProblem {
    /// The report's name.
    pub file: String,
    /// Where.
    pub position: Position,
    /// What could not be decoded, and what was done instead.
    pub message: String,
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence {
            format: EvidenceTag::FlowreadyEvidence,
            version: EVIDENCE_VERSION,
            tool: None,
            tests: Vec::new(),
            unlabelled_tests: 0,
            problems: Vec::new(),
        }
    }
}

impl Evidence {
    /// Empty evidence.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `other`'s tests after this one's (reports are combined; nothing is
    /// deduplicated, since a test run twice is two results).
    pub fn merge(&mut self, other: Evidence) {
        if self.tool != other.tool {
            self.tool = match (self.tool.take(), other.tool) {
                (None, t) | (t, None) => t,
                (Some(a), Some(b)) => Some(format!("{a}+{b}")),
            };
        }
        self.tests.extend(other.tests);
        self.unlabelled_tests += other.unlabelled_tests;
        self.problems.extend(other.problems);
    }

    /// Every report's evidence, merged in order.
    pub fn merged(all: impl IntoIterator<Item = Evidence>) -> Evidence {
        let mut out = Evidence::new();
        for e in all {
            out.merge(e);
        }
        out
    }

    /// Keeps `record` if it names a flow or a UAT row; otherwise counts it as unlabelled.
    pub(crate) fn push(&mut self, record: TestRecord) {
        if record.flows.is_empty() && record.uat_rows.is_empty() {
            self.unlabelled_tests += 1;
        } else {
            self.tests.push(record);
        }
    }
}

/// Reads one report. `file` names it in errors and in the evidence (`source`); `format`
/// forces a reader, else the format is detected from the content ([`detect`]).
///
/// Never panics; any problem is an [`EvidenceError`] naming `file` and the position.
pub fn read(
    file: &str,
    bytes: &[u8],
    format: Option<EvidenceFormat>,
) -> Result<Evidence, EvidenceError> {
    check_size(file, bytes.len() as u64)?;
    let format = match format {
        Some(f) => f,
        None => detect(file, bytes)?,
    };
    let mut evidence = match format {
        EvidenceFormat::PlaywrightJson => playwright::read(file, bytes)?,
        EvidenceFormat::Junit => junit::read(file, bytes)?,
        EvidenceFormat::Flowready => native::read(file, bytes)?,
    };
    for t in &mut evidence.tests {
        if t.source.is_none() {
            t.source = Some(file.to_owned());
        }
    }
    Ok(evidence)
}

/// Refuses a report bigger than [`MAX_REPORT_BYTES`]. [`read`] calls it; a caller that
/// reads files can call it with the file's size before loading it.
pub fn check_size(file: &str, size: u64) -> Result<(), EvidenceError> {
    if size > MAX_REPORT_BYTES {
        return Err(EvidenceError::TooLarge {
            file: file.to_owned(),
            size,
            limit: MAX_REPORT_BYTES,
        });
    }
    Ok(())
}

/// One report to read: its name, its content, and optionally its format. The JSON twin
/// [`crate::evaluate_with_evidence_json`] accepts a list of these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportInput {
    /// The report's name (a file name), used in errors and as each test's `source`.
    pub name: String,
    /// The report's text.
    pub content: String,
    /// Forces a reader; detected from the content when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<EvidenceFormat>,
}

/// Reads several reports and merges them, stopping at the first that cannot be read.
pub fn read_all(reports: &[ReportInput]) -> Result<Evidence, EvidenceError> {
    let mut out = Evidence::new();
    for r in reports {
        out.merge(read(&r.name, r.content.as_bytes(), r.format)?);
    }
    Ok(out)
}

/// Detects a report's format from its first bytes: `<` is JUnit XML; a JSON object is
/// flowready evidence when its `format` is `"flowready-evidence"`, else a Playwright
/// JSON report when it has `suites`.
pub fn detect(file: &str, bytes: &[u8]) -> Result<EvidenceFormat, EvidenceError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let unknown = |reason: &str| EvidenceError::UnknownFormat {
        file: file.to_owned(),
        reason: reason.to_owned(),
    };
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Err(unknown("the file is empty")),
        Some(b'<') => Ok(EvidenceFormat::Junit),
        Some(b'{') => native::probe(file, body),
        Some(b'[') => Err(unknown("a JSON array is not a report; expected a Playwright JSON report or flowready evidence (an object)")),
        Some(_) => Err(unknown("expected JUnit XML (`<`) or a JSON object (`{`)")),
    }
}

/// Cuts `text` to [`MAX_TEXT_CHARS`] characters (adding `…`) and trims it.
pub(crate) fn clip(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((i, _)) => format!("{}…", text.get(..i).unwrap_or(text)),
        None => text.to_owned(),
    }
}

/// The first non-empty line of `text`, without terminal colour codes, clipped; `None`
/// when there is none.
pub(crate) fn first_line(text: &str) -> Option<String> {
    let plain = strip_ansi(text);
    plain
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| clip(&l.chars().take(300).collect::<String>()))
}

/// Removes ANSI escape sequences (Playwright's error messages are coloured).
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        if chars.next() == Some('[') {
            // CSI: parameters and intermediates, then one final byte in `@`..=`~`.
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
    }
    out
}

/// What one test says it proves, gathered from every place a report can say it, then
/// turned into [`FlowClaim`]s by one rule (documented in `docs/evidence.md`):
///
/// - **structured** entries (JUnit properties, Playwright annotations), read in order,
///   outer scopes first: a `subpath` pairs with the latest `flow` before it;
/// - **shared** subpaths (tags, and structured subpaths written before any `flow`) apply
///   to every flow the test names;
/// - **tags** (`@FLOW-…`, `@happy`, `@UAT-…`) are unordered: every subpath tag applies
///   to every flow;
/// - a flow named more than once gets the union of its subpaths.
#[derive(Debug, Default, Clone)]
pub struct Claims {
    /// Structured flow/subpath entries in order.
    items: Vec<Item>,
    /// Flows named by tags.
    tag_flows: Vec<String>,
    /// Subpaths named by tags.
    tag_subpaths: Vec<Subpath>,
    /// UAT rows from any source.
    uat_rows: Vec<String>,
}

#[derive(Debug, Clone)]
enum Item {
    Flow(String),
    Subpath(Subpath),
}

impl Claims {
    /// A structured entry: `flow`, `subpath` (one or a `,`/`;`/space-separated list) or
    /// `uat`/`uat_row` (list too). Other keys are ignored. Returns true if the key was one
    /// of those.
    pub fn structured(&mut self, key: &str, value: &str) -> bool {
        match key.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "flow" | "flow_id" => {
                for v in split_list(value) {
                    self.items.push(Item::Flow(v.to_owned()));
                }
                true
            }
            "subpath" | "subpaths" => {
                for v in split_list(value) {
                    if let Ok(s) = v.parse::<Subpath>() {
                        self.items.push(Item::Subpath(s));
                    }
                }
                true
            }
            "uat" | "uat_row" | "uat_rows" => {
                for v in split_list(value) {
                    push_unique(&mut self.uat_rows, v);
                }
                true
            }
            _ => false,
        }
    }

    /// A tag, with or without its leading `@`: `FLOW-…` names a flow, `UAT-…` a UAT row,
    /// a subpath name a subpath; anything else is ignored.
    pub fn tag(&mut self, tag: &str) {
        let t = tag
            .trim()
            .trim_start_matches('@')
            .trim_end_matches(['-', '_']);
        if starts_with_ci(t, "FLOW-") && t.len() > 5 {
            push_unique(&mut self.tag_flows, t);
        } else if starts_with_ci(t, "UAT-") && t.len() > 4 {
            push_unique(&mut self.uat_rows, t);
        } else if let Ok(s) = t.parse::<Subpath>() {
            if !self.tag_subpaths.contains(&s) {
                self.tag_subpaths.push(s);
            }
        }
    }

    /// Tokens of a test's title or name: every `@token` is a tag; bare `FLOW-…` and
    /// `UAT-…` tokens count only when nothing else names a flow (the fallback for
    /// runners that can only put IDs in names). Call after the other sources.
    pub fn name(&mut self, name: &str) {
        let tokens: Vec<&str> = name
            .split(|c: char| !(c.is_alphanumeric() || matches!(c, '@' | '-' | '_')))
            .filter(|t| !t.is_empty())
            .collect();
        for t in &tokens {
            if t.starts_with('@') {
                self.tag(t);
            }
        }
        if !self.names_a_flow() {
            for t in &tokens {
                if starts_with_ci(t, "FLOW-") || starts_with_ci(t, "UAT-") {
                    self.tag(t);
                }
            }
        }
    }

    /// True when some source names a flow.
    pub fn names_a_flow(&self) -> bool {
        !self.tag_flows.is_empty() || self.items.iter().any(|i| matches!(i, Item::Flow(_)))
    }

    /// The claims: flows in first-named order with their subpaths, and the UAT rows.
    pub fn finish(self) -> (Vec<FlowClaim>, Vec<String>) {
        let mut shared: Vec<Subpath> = self.tag_subpaths;
        for item in &self.items {
            match item {
                Item::Flow(_) => break,
                Item::Subpath(s) => shared.push(*s),
            }
        }
        let mut flows: Vec<FlowClaim> = Vec::new();
        let mut current: Option<usize> = None;
        for item in self.items {
            match item {
                Item::Flow(id) => {
                    let idx = match flows.iter().position(|f| f.flow == id) {
                        Some(i) => i,
                        None => {
                            flows.push(FlowClaim {
                                flow: id,
                                subpaths: Vec::new(),
                            });
                            flows.len() - 1
                        }
                    };
                    current = Some(idx);
                }
                Item::Subpath(s) => {
                    if let Some(claim) = current.and_then(|i| flows.get_mut(i)) {
                        claim.subpaths.push(s);
                    }
                }
            }
        }
        for id in self.tag_flows {
            if !flows.iter().any(|f| f.flow == id) {
                flows.push(FlowClaim {
                    flow: id,
                    subpaths: Vec::new(),
                });
            }
        }
        for claim in &mut flows {
            claim.subpaths.extend(shared.iter().copied());
            claim.subpaths.sort();
            claim.subpaths.dedup();
        }
        (flows, self.uat_rows)
    }
}

fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value
        .split([',', ';', ' ', '\t', '\n'])
        .map(|v| v.trim().trim_matches('`'))
        .filter(|v| !v.is_empty())
}

fn push_unique(list: &mut Vec<String>, value: &str) {
    if !list.iter().any(|v| v == value) {
        list.push(value.to_owned());
    }
}

fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(f: impl FnOnce(&mut Claims)) -> (Vec<FlowClaim>, Vec<String>) {
        let mut c = Claims::default();
        f(&mut c);
        c.finish()
    }

    #[test]
    fn a_subpath_pairs_with_the_flow_before_it() {
        let (flows, _) = claims(|c| {
            c.structured("flow", "FLOW-A-001");
            c.structured("subpath", "happy");
            c.structured("flow", "FLOW-B-001");
            c.structured("subpath", "negative");
        });
        assert_eq!(flows[0].subpaths, vec![Subpath::Happy]);
        assert_eq!(flows[1].subpaths, vec![Subpath::Negative]);
    }

    #[test]
    fn tags_apply_every_subpath_to_every_flow() {
        let (flows, uat) = claims(|c| {
            for t in [
                "@FLOW-A-001",
                "FLOW-B-001",
                "@environment",
                "@UAT-X-1",
                "@slow",
            ] {
                c.tag(t);
            }
        });
        assert_eq!(flows.len(), 2);
        assert!(flows
            .iter()
            .all(|f| f.subpaths == vec![Subpath::Environment]));
        assert_eq!(uat, vec!["UAT-X-1"]);
    }

    #[test]
    fn subpaths_before_any_flow_are_shared() {
        let (flows, _) = claims(|c| {
            c.structured("subpath", "environment");
            c.structured("flow", "FLOW-A-001");
            c.structured("subpath", "happy");
            c.structured("flow", "FLOW-A-001");
        });
        assert_eq!(
            flows,
            vec![FlowClaim {
                flow: "FLOW-A-001".into(),
                subpaths: vec![Subpath::Happy, Subpath::Environment]
            }]
        );
    }

    #[test]
    fn bare_ids_in_names_are_a_fallback_only() {
        let (flows, _) = claims(|c| c.name("test_x[FLOW-A-001] @happy"));
        assert_eq!(flows[0].flow, "FLOW-A-001");
        assert_eq!(flows[0].subpaths, vec![Subpath::Happy]);
        let (flows, _) = claims(|c| {
            c.structured("flow", "FLOW-B-001");
            c.name("mentions FLOW-A-001 in passing @negative");
        });
        assert_eq!(flows.len(), 1);
        assert_eq!(flows[0].subpaths, vec![Subpath::Negative]);
    }

    #[test]
    fn reasons_lose_colour_codes() {
        let coloured = "\n  Error: \u{1b}[2mexpect(\u{1b}[22m\u{1b}[31mlocator\u{1b}[39m).toBeVisible failed\nmore";
        assert_eq!(
            first_line(coloured).as_deref(),
            Some("Error: expect(locator).toBeVisible failed")
        );
    }

    #[test]
    fn positions_count_lines_and_columns() {
        let p = Position::at_byte(b"ab\ncd", 4);
        assert_eq!((p.line, p.column, p.byte), (Some(2), Some(2), Some(4)));
        assert_eq!(Position::at_byte(b"", 99).line, Some(1));
    }

    #[test]
    fn formats_parse_from_names() {
        assert_eq!(
            "Playwright-JSON".parse(),
            Ok(EvidenceFormat::PlaywrightJson)
        );
        assert_eq!("junit".parse(), Ok(EvidenceFormat::Junit));
        assert!("tap".parse::<EvidenceFormat>().is_err());
    }
}

//! Findings and the one registry of their codes.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::span::Span;

/// How serious a finding is. `--strict` turns every warning into an error.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// For information; never fails anything.
    Info,
    /// A judgement from free text; an error under `--strict`.
    Warning,
    /// A contradiction the document states outright; blocks the flow and fails `check`.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The most characters of a cell a message quotes.
pub const QUOTE_CHARS: usize = 120;

/// A cell's text as a message quotes it: at most [`QUOTE_CHARS`] characters, with `…`
/// where it is cut, so a 20 MB cell cannot make a 20 MB message. The finding's span still
/// covers the whole cell.
pub fn quote(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((i, _)) => std::borrow::Cow::Owned(format!("{}…", text.get(..i).unwrap_or(text))),
        None => std::borrow::Cow::Borrowed(text),
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = ($code:literal, $name:literal, $sev:ident, $summary:literal), )*) => {
        /// Every finding code. Codes are stable and never reused; each has an entry in
        /// `docs/rules.md`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in registry order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The stable code (`FR101`).
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            /// The rule's kebab-case name (`ready-below-threshold`).
            pub fn name(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            /// The severity before `--strict`.
            pub fn default_severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* }
            }

            /// One line saying what the rule checks.
            pub fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }
        }
    };
}

codes! {
    // Document structure and vocabulary (FR0xx).
    /// The input is not valid UTF-8.
    InvalidUtf8 = ("FR001", "invalid-utf8", Error, "the document is not valid UTF-8"),
    /// No table has `Flow ID`, `Level` and `Status` columns.
    NoFlowTable = ("FR002", "no-flow-table", Error, "the document has no flow table"),
    /// A flow table lacks a required column.
    MissingColumn = ("FR003", "missing-required-column", Error, "a flow table lacks a required column"),
    /// A row has more or fewer cells than its header.
    CellCount = ("FR004", "row-cell-count", Error, "a table row has the wrong number of cells"),
    /// A flow ID is empty or not shaped like `FLOW-NAME-001`.
    MalformedFlowId = ("FR005", "malformed-flow-id", Error, "a flow ID is empty or malformed"),
    /// Two rows share a flow ID.
    DuplicateFlow = ("FR006", "duplicate-flow-id", Error, "two rows share a flow ID"),
    /// A level cell is not `L0`–`L5`.
    UnknownLevel = ("FR007", "unknown-level", Error, "a level is not one of L0–L5"),
    /// A status cell is not one of the eight statuses.
    UnknownStatus = ("FR008", "unknown-status", Error, "a status is not one of the eight statuses"),
    /// A cell could not be read as its column's kind of value.
    MalformedCell = ("FR009", "malformed-cell", Warning, "a cell cannot be read as its column's kind of value"),
    /// A flow has no priority from a column or a heading.
    MissingPriority = ("FR010", "missing-priority", Warning, "a flow has no priority"),
    /// A register date is not an ISO date.
    InvalidDate = ("FR011", "invalid-date", Error, "an expiry is not an ISO date (YYYY-MM-DD)"),

    // Status and level contradictions (FR1xx).
    /// `ready_for_broad_uat` below the gate threshold.
    ReadyBelowThreshold = ("FR101", "ready-below-threshold", Error, "a ready flow is below the gate threshold"),
    /// `ready_for_broad_uat` with an open gap task.
    ReadyWithOpenTask = ("FR102", "ready-with-open-task", Error, "a ready flow has an open gap task"),
    /// `blocked`/`needs_*` with no open gap task that owns the fix.
    BlockedWithoutTask = ("FR103", "blocked-without-task", Warning, "a blocked flow has no open gap task"),
    /// `accepted_gap` without owner or follow-up task.
    AcceptedGapIncomplete = ("FR104", "accepted-gap-incomplete", Error, "an accepted gap lacks an owner or a follow-up task"),
    /// `accepted_gap` below the threshold with no registered, complete exception.
    AcceptedGapBelowThreshold = ("FR105", "accepted-gap-below-threshold", Error, "an accepted gap below the threshold has no registered exception"),
    /// `accepted_gap` with no registered reason and expiry.
    AcceptedGapNoExpiry = ("FR106", "accepted-gap-no-expiry", Warning, "an accepted gap has no registered reason and expiry"),
    /// A register exception is past its expiry.
    ExceptionExpired = ("FR107", "exception-expired", Error, "an accepted-gap exception has expired"),
    /// A register exception expires soon.
    ExceptionExpiring = ("FR108", "exception-expiring", Warning, "an accepted-gap exception expires soon"),
    /// A register row lacks owner, reason, expiry or follow-up.
    ExceptionIncomplete = ("FR109", "exception-incomplete", Warning, "an accepted-gap register row is incomplete"),
    /// A register row names a flow the matrix does not have.
    ExceptionUnknownFlow = ("FR110", "exception-unknown-flow", Warning, "a register row names an unknown flow"),

    // The gate rule for new user-visible work (FR2xx).
    /// Step 2: no UX anchor.
    MissingUxAnchor = ("FR201", "missing-ux-anchor", Warning, "a flow has no UX anchor"),
    /// Step 2: no contract/API/CLI anchor.
    MissingContractAnchor = ("FR202", "missing-contract-anchor", Warning, "a flow has no contract/API/CLI anchor"),
    /// Step 3: an empty, blocked, recovery, negative or cleanup path is not identified.
    MissingPath = ("FR203", "missing-path", Warning, "a flow does not identify every required path"),
    /// Step 4: no automation anchor and no accepted-gap evidence.
    MissingAutomation = ("FR204", "missing-automation", Warning, "a flow has no automation or accepted-gap evidence"),
    /// Step 5: no `UAT-*` row.
    MissingUatRow = ("FR205", "missing-uat-row", Warning, "a flow maps to no UAT-* row"),
    /// Step 6: an open gap task has no gap-list row with classifiers.
    UntrackedGapTask = ("FR206", "untracked-gap-task", Warning, "an open gap task has no gap-list follow-up"),
    /// Step 6: a gap-list row lacks `detected_by` or `expected_gate`.
    GapMissingClassifier = ("FR207", "gap-missing-classifier", Warning, "a gap-list row lacks detected_by or expected_gate"),

    // Level claims versus anchors (FR3xx).
    /// L3+ without an e2e spec or smoke anchor.
    L3WithoutE2e = ("FR301", "level-l3-evidence", Warning, "an L3+ flow has no e2e spec or smoke anchor"),
    /// L4+ without a UAT row.
    L4WithoutUat = ("FR302", "level-l4-uat-row", Warning, "an L4+ flow has no UAT row"),
    /// L4+ without a kind/dev lane, or with a conditional one.
    L4Lane = ("FR303", "level-l4-lane", Warning, "an L4+ flow has no unconditional kind/dev lane"),
    /// L5 without a cleanup path or audit/observability evidence.
    L5Evidence = ("FR304", "level-l5-evidence", Warning, "an L5 flow lacks cleanup or audit/observability evidence"),

    // Cross-references (FR4xx).
    /// A gap row's priority differs from the priority of the flow it follows up.
    GapPriorityMismatch = ("FR401", "gap-priority-mismatch", Warning, "a gap row's priority differs from its flow's"),
    /// A gap-list task no flow refers to.
    GapTaskUnreferenced = ("FR402", "gap-task-unreferenced", Info, "a gap-list task is named by no flow"),

    // Declared versus computed decision (FR5xx).
    /// A declared bucket differs from the computed one.
    DecisionDrift = ("FR501", "decision-drift", Error, "a flow is declared in a different bucket than computed"),
    /// A flow missing from the declared decision.
    DecisionMissingFlow = ("FR502", "decision-missing-flow", Error, "a flow is missing from the declared decision"),
    /// A declared flow the matrix does not have.
    DecisionUnknownFlow = ("FR503", "decision-unknown-flow", Error, "the declared decision names an unknown flow"),
    /// A flow declared more than once.
    DecisionDuplicate = ("FR504", "decision-duplicate", Error, "a flow is declared more than once"),
    /// No `Broad UAT Decision` section.
    DecisionAbsent = ("FR505", "decision-absent", Info, "the document has no Broad UAT Decision section"),
    /// A second `Broad UAT Decision` section (only the first is read).
    DecisionSectionRepeated = ("FR506", "decision-section-repeated", Error, "the document has more than one Broad UAT Decision section"),

    // Evidence (FR6xx).
    /// A required subpath's evidence failed.
    SubpathFailed = ("FR601", "subpath-failed", Error, "a required subpath's evidence failed"),
    /// A required subpath's evidence was only skipped.
    SubpathSkipped = ("FR602", "subpath-skipped", Error, "a required subpath was skipped"),
    /// A required subpath has no evidence.
    SubpathMissing = ("FR603", "subpath-missing", Error, "a required subpath has no evidence"),
    /// A required subpath passed only on retry.
    SubpathFlaky = ("FR604", "subpath-flaky", Warning, "a required subpath passed only on retry"),
    /// Evidence names a flow the matrix does not have.
    EvidenceUnknownFlow = ("FR605", "evidence-unknown-flow", Warning, "evidence names an unknown flow"),
    /// Evidence names a UAT row its flow does not list.
    EvidenceUnmappedUatRow = ("FR606", "evidence-unmapped-uat-row", Warning, "evidence names a UAT row its flow does not list"),
    /// A ready flow's UAT row has no evidence.
    EvidenceMissingUatRow = ("FR607", "evidence-missing-uat-row", Error, "a listed UAT row has no evidence"),
    /// A report holds something its reader could not decode and read past.
    EvidenceUndecodable = ("FR608", "evidence-undecodable", Warning, "a report holds a value that cannot be decoded"),
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Code {
    /// Looks a code up by its string (`FR101`).
    pub fn from_code(s: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == s)
    }

    /// True for the declared-decision drift family: such findings sit on the decision
    /// section and never change a flow's computed decision.
    pub fn is_drift(self) -> bool {
        matches!(
            self,
            Code::DecisionDrift
                | Code::DecisionMissingFlow
                | Code::DecisionUnknownFlow
                | Code::DecisionDuplicate
                | Code::DecisionAbsent
        )
    }
}

impl Code {
    /// True for the evidence family (FR6xx): findings from test reports, not from the
    /// document. The declared decision is compared with the document's own verdict.
    pub fn is_evidence(self) -> bool {
        self.as_str().starts_with("FR6")
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Code::from_code(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown code `{s}`")))
    }
}

impl JsonSchema for Code {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Code".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        schemars::json_schema!({ "type": "string", "enum": codes })
    }
}

/// One diagnostic. The same shape on every surface.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// The stable code (`FR101`).
    pub code: Code,
    /// The rule's name (`ready-below-threshold`).
    pub rule: std::borrow::Cow<'static, str>,
    /// Severity after `--strict`.
    pub severity: Severity,
    /// What is wrong; names the flow and the task it is about.
    pub message: String,
    /// What to do about it.
    // Most rules' advice is a fixed sentence: borrowed, not allocated per finding.
    pub help: std::borrow::Cow<'static, str>,
    /// The flow it is about, if any.
    pub flow: Option<String>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (Unicode scalar values).
    pub column: u32,
    /// The exact source region.
    pub span: Span,
}

impl Finding {
    /// A finding with the code's default severity.
    pub fn new(
        code: Code,
        span: Span,
        message: impl Into<String>,
        help: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Self {
        Self {
            code,
            rule: std::borrow::Cow::Borrowed(code.name()),
            severity: code.default_severity(),
            message: message.into(),
            help: help.into(),
            flow: None,
            line: span.line,
            column: span.column,
            span,
        }
    }

    /// The same finding, about `flow`.
    #[must_use]
    pub fn for_flow(mut self, flow: impl Into<String>) -> Self {
        self.flow = Some(flow.into());
        self
    }
}

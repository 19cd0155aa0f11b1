//! The report: the computed decision, its reasons, and every finding.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{Finding, Severity};
use crate::model::Decision;
use crate::vocab::{Level, Priority, Status};

/// Options for [`crate::evaluate`]. Every field has a default, so `{}` is valid JSON.
///
/// Options JSON is read with [`Options::from_json`] (every surface does); the serde
/// derive stays for types that embed options, and accepts exactly the same JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// The day to judge expiry against (`YYYY-MM-DD`, UTC, within [`TODAY_YEARS`]).
    /// Without it, expiry is not checked (the CLI passes the current date).
    #[serde(deserialize_with = "deserialize_today")]
    pub today: Option<IsoDate>,
    /// The gate threshold. Without it, the level the document states ("at least L3
    /// coverage"), else `L3`.
    pub min_level: Option<Level>,
    /// Turn every warning into an error.
    pub strict: bool,
    /// Warn this many days before an exception expires.
    pub expiry_warning_days: u32,
    /// Gate only flows of this priority (`None`: every priority).
    pub scope: Option<Priority>,
    /// Gate only these flows (empty: every flow in scope).
    pub flows: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            today: None,
            min_level: None,
            strict: false,
            expiry_warning_days: 14,
            scope: None,
            flows: Vec::new(),
        }
    }
}

/// A calendar date that (de)serialises as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, JsonSchema)]
#[schemars(with = "String")]
pub struct IsoDate(#[schemars(with = "String")] pub time::Date);

/// The years a `today` may name: a date outside them is a typo, not a plan.
pub const TODAY_YEARS: std::ops::RangeInclusive<i32> = 1970..=2999;

impl IsoDate {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Self> {
        crate::date::parse_iso(text).map(IsoDate)
    }

    /// Parses the day to judge expiry against: `YYYY-MM-DD` within [`TODAY_YEARS`]. The
    /// error says which rule `text` breaks. Every surface (the CLI's `--today`, the
    /// options JSON of every binding) reads `today` through this.
    pub fn parse_today(text: &str) -> Result<Self, String> {
        let date = Self::parse(text).ok_or_else(|| {
            format!(
                "`{}` is not a YYYY-MM-DD date",
                crate::diagnostics::quote(text)
            )
        })?;
        if !TODAY_YEARS.contains(&date.0.year()) {
            return Err(format!(
                "`{text}` is outside the plausible range {}-01-01 to {}-12-31",
                TODAY_YEARS.start(),
                TODAY_YEARS.end()
            ));
        }
        Ok(date)
    }
}

fn deserialize_today<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<IsoDate>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|s| IsoDate::parse_today(&s).map_err(serde::de::Error::custom))
        .transpose()
}

impl std::fmt::Display for IsoDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::date::format_iso(self.0))
    }
}

impl Serialize for IsoDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        IsoDate::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a YYYY-MM-DD date")))
    }
}

/// The options as applied, so a report says how it was judged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AppliedOptions {
    /// The day expiry was judged against, if any.
    pub today: Option<IsoDate>,
    /// The threshold applied.
    pub min_level: Level,
    /// Where the threshold came from: `option`, `document` or `default`.
    pub min_level_source: String,
    /// Whether warnings were errors.
    pub strict: bool,
    /// Days of warning before expiry.
    pub expiry_warning_days: u32,
}

/// The computed Broad UAT Decision: flow IDs in document order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DecisionLists {
    /// Ready for broad UAT.
    pub ready: Vec<String>,
    /// Ready with accepted gaps.
    pub accepted_gap: Vec<String>,
    /// Blocked or not ready.
    pub blocked: Vec<String>,
}

/// Why a flow got its decision: one rule, one cell, and what would change it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reason {
    /// The finding code behind the reason, if it comes from a finding.
    pub code: Option<crate::diagnostics::Code>,
    /// What holds.
    pub message: String,
    /// The column of the cell involved, if one.
    // Shared with the cell's own column name: no copy per reason.
    pub cell: Option<std::sync::Arc<str>>,
    /// 1-based line of the cell (or row).
    pub line: u32,
    /// 1-based column of the cell (or row).
    pub column: u32,
    /// What would change the decision, if anything should.
    // Most fixes are a fixed sentence: borrowed, not allocated per flow.
    pub fix: Option<std::borrow::Cow<'static, str>>,
}

/// One flow's verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FlowReport {
    /// The flow ID.
    pub id: String,
    /// Its priority.
    pub priority: Option<Priority>,
    /// Its level, if readable.
    pub level: Option<Level>,
    /// Its status, if readable.
    pub status: Option<Status>,
    /// The computed decision.
    pub decision: Decision,
    /// Why.
    pub reasons: Vec<Reason>,
    /// 1-based line of the flow's row.
    pub line: u32,
}

/// Counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// Flows in the matrix.
    pub flows: usize,
    /// Flows ready.
    pub ready: usize,
    /// Flows ready with accepted gaps.
    pub accepted_gap: usize,
    /// Flows blocked.
    pub blocked: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
}

/// The answer to "may broad UAT start for this scope?".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GateResult {
    /// `all`, or the priority gated (`P0`).
    pub scope: String,
    /// The flows in scope, in document order.
    pub flows: Vec<String>,
    /// Requested flows the matrix does not have.
    pub unknown_flows: Vec<String>,
    /// In-scope flows that are blocked.
    pub blocked: Vec<String>,
    /// True when every in-scope flow is ready or accepted_gap (and the scope is not empty).
    pub passed: bool,
}

/// Everything flowready concludes about a matrix. The JSON form is the stable contract
/// shared by every surface.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// The report format's version.
    pub version: u32,
    /// The options applied.
    pub options: AppliedOptions,
    /// The computed decision.
    pub decision: DecisionLists,
    /// Every flow's verdict, in document order.
    pub flows: Vec<FlowReport>,
    /// Every finding, in document order.
    pub findings: Vec<Finding>,
    /// Counts.
    pub summary: Summary,
    /// The scoped gate.
    pub gate: GateResult,
    /// Coverage per flow and subpath, when evidence was given
    /// ([`crate::evaluate_with_evidence`]); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<crate::evidence::EvidenceReport>,
}

impl Report {
    /// True when there is no error finding (what `check` exits on).
    pub fn passed_check(&self) -> bool {
        self.summary.errors == 0
    }

    /// The verdict of one flow (the first, if duplicated). A linear scan: to look up many
    /// flows, build [`Report::flow_index`] once instead.
    pub fn flow(&self, id: &str) -> Option<&FlowReport> {
        self.flows.iter().find(|f| f.id == id)
    }

    /// Every flow's verdict by ID (the first, if duplicated), for O(1) lookups in a loop;
    /// what [`Report::flow`] finds, built in one pass.
    pub fn flow_index(&self) -> std::collections::HashMap<&str, &FlowReport> {
        let mut index = std::collections::HashMap::with_capacity(self.flows.len());
        for f in &self.flows {
            index.entry(f.id.as_str()).or_insert(f);
        }
        index
    }

    /// Findings at or above `severity`.
    pub fn findings_at_least(&self, severity: Severity) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.severity >= severity)
    }
}

//! The output formats of `check` and `gate`. Every renderer reads the same [`Run`]: the
//! report plus what the command decided to show and why it passes or fails.

pub mod github;
pub mod grid;
pub mod junit;
pub mod sarif;
pub mod terminal;
pub mod text;

use std::collections::{HashMap, HashSet};

use flowready::baseline::Baseline;
use flowready::{Decision, Finding, FlowReport, Report, Severity};

/// Where the rules are documented; SARIF rules link to `#frNNN` anchors in it.
pub const RULES_URI: &str = "https://github.com/flowready/flowready/blob/main/docs/rules.md";

/// Which command produced the run.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `flowready check`: fails on error findings.
    Check,
    /// `flowready gate`: fails when an in-scope flow is blocked.
    Gate,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Check => "check",
            Mode::Gate => "gate",
        }
    }
}

/// One evaluated matrix, ready to render.
pub struct Run<'a> {
    /// The file as the user named it (or the bundled example's name).
    pub name: &'a str,
    /// The document text the spans point into.
    pub text: &'a str,
    pub report: &'a Report,
    pub mode: Mode,
    /// The findings to show: in scope, and not suppressed by the baseline.
    pub shown: Vec<&'a Finding>,
    /// Findings the baseline suppressed.
    pub baselined: usize,
    /// The flows the run is about (the gate's scope; every flow for `check`).
    pub flows: Vec<&'a FlowReport>,
    /// Flows that fail the run: blocked (and, with a baseline, not blocked before) or
    /// carrying a new error finding.
    pub failing: Vec<&'a FlowReport>,
    /// Whether the command fails (exit 1).
    pub failed: bool,
    /// The shown findings by flow ID, in document order: every per-flow lookup of a
    /// renderer is O(1), so rendering stays linear in the number of flows.
    shown_by_flow: HashMap<&'a str, Vec<&'a Finding>>,
    /// The IDs of the report's flows.
    known: HashSet<&'a str>,
    /// The IDs of the failing flows.
    failing_ids: HashSet<&'a str>,
}

impl<'a> Run<'a> {
    /// Builds the run for `mode`, applying `baseline` when given.
    pub fn new(
        name: &'a str,
        text: &'a str,
        report: &'a Report,
        mode: Mode,
        baseline: Option<&Baseline>,
    ) -> Self {
        // Every lookup by flow ID goes through these sets, built once: scanning the
        // scope or the flows per flow or per finding made `gate` quadratic.
        let known: HashSet<&str> = report.flows.iter().map(|f| f.id.as_str()).collect();
        let scope: HashSet<&str> = report.gate.flows.iter().map(String::as_str).collect();
        let flows: Vec<&FlowReport> = match mode {
            Mode::Check => report.flows.iter().collect(),
            Mode::Gate => report
                .flows
                .iter()
                .filter(|f| scope.contains(f.id.as_str()))
                .collect(),
        };
        let in_scope = |f: &Finding| match (&f.flow, mode) {
            (_, Mode::Check) | (None, _) => true,
            (Some(id), Mode::Gate) => scope.contains(id.as_str()) || !known.contains(id.as_str()),
        };
        let suppressed = baseline.map_or_else(
            || vec![false; report.findings.len()],
            |b| b.suppressed(&report.findings),
        );
        let mut shown = Vec::new();
        let mut shown_by_flow: HashMap<&str, Vec<&Finding>> = HashMap::new();
        let mut baselined = 0;
        for (finding, gone) in report.findings.iter().zip(suppressed) {
            if !in_scope(finding) {
                continue;
            }
            if gone {
                baselined += 1;
            } else {
                shown.push(finding);
                if let Some(id) = &finding.flow {
                    shown_by_flow.entry(id.as_str()).or_default().push(finding);
                }
            }
        }
        let was_blocked: HashSet<&str> = baseline
            .map(|b| b.blocked.iter().map(String::as_str).collect())
            .unwrap_or_default();
        let new_error_on = |id: &str| {
            shown_by_flow.get(id).is_some_and(|fs| {
                fs.iter()
                    .any(|f| f.severity == Severity::Error && !f.code.is_drift())
            })
        };
        let failing: Vec<&FlowReport> = flows
            .iter()
            .copied()
            .filter(|f| {
                let newly_blocked =
                    f.decision == Decision::Blocked && !was_blocked.contains(f.id.as_str());
                newly_blocked || (baseline.is_some() && new_error_on(&f.id))
            })
            .collect();
        let failing_ids = failing.iter().map(|f| f.id.as_str()).collect();
        let failed = match mode {
            Mode::Check => shown.iter().any(|f| f.severity == Severity::Error),
            Mode::Gate => {
                flows.is_empty() || !failing.is_empty() || !report.gate.unknown_flows.is_empty()
            }
        };
        Self {
            name,
            text,
            report,
            mode,
            shown,
            baselined,
            flows,
            failing,
            failed,
            shown_by_flow,
            known,
            failing_ids,
        }
    }

    /// The shown findings about `flow`.
    pub fn findings_of(&self, flow: &str) -> impl Iterator<Item = &&'a Finding> {
        self.shown_by_flow.get(flow).into_iter().flatten()
    }

    /// Shown findings about no flow of the matrix: the document's own.
    pub fn document_findings(&self) -> impl Iterator<Item = &&'a Finding> {
        self.shown
            .iter()
            .filter(|f| f.flow.as_deref().is_none_or(|id| !self.known.contains(id)))
    }

    /// Whether a flow fails the run.
    pub fn flow_fails(&self, id: &str) -> bool {
        self.failing_ids.contains(id)
            || (self.mode == Mode::Check
                && self.findings_of(id).any(|f| f.severity == Severity::Error))
    }

    /// The one-line summary every text-like format ends with.
    pub fn summary(&self) -> String {
        let count = |s: Severity| self.shown.iter().filter(|f| f.severity == s).count();
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut findings = format!(
            "{}, {}, {}",
            plural(count(Severity::Error), "error", "errors"),
            plural(count(Severity::Warning), "warning", "warnings"),
            plural(count(Severity::Info), "info", "infos")
        );
        if self.baselined > 0 {
            findings.push_str(&format!(", {} baselined", self.baselined));
        }
        let verdict = if self.failed { "failed" } else { "passed" };
        // Blocked flows that do not fail the run were blocked in the baseline already;
        // the summary says so rather than "passed … 3 blocked" with no word why.
        let failing: std::collections::HashSet<&str> =
            self.failing.iter().map(|f| f.id.as_str()).collect();
        let buckets = |flows: &[&FlowReport]| {
            let n = |d: Decision| flows.iter().filter(|f| f.decision == d).count();
            let blocked = n(Decision::Blocked);
            let known = flows
                .iter()
                .filter(|f| f.decision == Decision::Blocked && !failing.contains(f.id.as_str()))
                .count();
            let known = match known {
                0 => String::new(),
                k if k == blocked => ", all in the baseline".to_owned(),
                k => format!(", {k} in the baseline"),
            };
            format!(
                "{} ready, {} accepted_gap, {blocked} blocked{known}",
                n(Decision::Ready),
                n(Decision::AcceptedGap),
            )
        };
        match self.mode {
            Mode::Check => format!(
                "check {verdict}: {} ({}); {findings}",
                plural(self.flows.len(), "flow", "flows"),
                buckets(&self.flows)
            ),
            Mode::Gate => {
                let failing = if self.failing.is_empty() {
                    String::new()
                } else {
                    let ids: Vec<String> =
                        self.failing.iter().map(|f| format!("`{}`", f.id)).collect();
                    format!(" - not ready: {}", ids.join(", "))
                };
                format!(
                    "gate {verdict} for scope {}: {} ({}){failing}; {findings}",
                    self.report.gate.scope,
                    plural(self.flows.len(), "flow", "flows"),
                    buckets(&self.flows)
                )
            }
        }
    }
}

/// The first reason of a flow's decision, as one line.
pub fn first_reason(flow: &FlowReport) -> String {
    flow.reasons.first().map_or_else(
        || format!("flow `{}` is {}", flow.id, flow.decision),
        |r| r.message.clone(),
    )
}

/// The message, with the flow ID added when the message does not name it.
pub fn message_with_flow(f: &Finding) -> String {
    match &f.flow {
        Some(id) if !f.message.contains(id.as_str()) => format!("{} (flow `{id}`)", f.message),
        _ => f.message.clone(),
    }
}

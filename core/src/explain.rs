//! One flow, explained: its verdict, the findings about it, what would make it ready, and
//! (apart from that) what would make the document consistent without making it ready.
//! The CLI's `explain` and every binding render this; the reasoning lives here once.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{Finding, Severity};
use crate::model::{Decision, GapTask, Matrix};
use crate::report::{FlowReport, Report};
use crate::vocab::Status;

/// Everything there is to say about one flow's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Explanation {
    /// The flow's verdict: decision and reasons (with cells, lines and fixes).
    pub flow: FlowReport,
    /// The bucket the declared Broad UAT Decision puts it in, if it lists the flow.
    pub declared: Option<Decision>,
    /// The flow's gap tasks, open and closed.
    pub gap_tasks: Vec<GapTask>,
    /// Every finding about the flow, in document order.
    pub findings: Vec<Finding>,
    /// What would make the flow ready, in order; empty when it is ready.
    pub to_make_ready: Vec<String>,
    /// What would make the document consistent without making the flow ready: a
    /// finding's other way out ("set the status to `needs_coverage`"), the fixes of
    /// warnings and of declared-decision drift. Empty when there is nothing to fix.
    #[serde(default)]
    pub to_make_consistent: Vec<String>,
}

/// Splits a fix of the form "do X, or set the status to …" / "…, or lower the level" into
/// the step that makes the flow ready and the alternative that only makes the document
/// consistent (the flow stays blocked, honestly labelled).
fn split_alternative(fix: &str) -> (&str, Option<&str>) {
    for marker in [", or set the status to ", ", or lower the level"] {
        if let Some(i) = fix.find(marker) {
            let ready = fix.get(..i).unwrap_or(fix);
            let rest = fix.get(i + ", or ".len()..).unwrap_or_default();
            return (ready, Some(rest));
        }
    }
    (fix, None)
}

fn push_once(steps: &mut Vec<String>, step: &str) {
    if !steps.iter().any(|s| s == step) {
        steps.push(step.to_owned());
    }
}

/// Explains flow `id` of `matrix`, judged in `report` (from the same matrix). `None` when
/// the matrix has no such flow.
pub fn explain(matrix: &Matrix, report: &Report, id: &str) -> Option<Explanation> {
    let flow = matrix.flow(id)?;
    let verdict = report.flow(id)?;
    let declared = matrix
        .declared_decision
        .as_ref()
        .and_then(|d| d.entries.iter().find(|e| e.flow == flow.id))
        .map(|e| e.bucket);
    let findings: Vec<Finding> = report
        .findings
        .iter()
        .filter(|f| f.flow.as_deref() == Some(flow.id.as_str()))
        .cloned()
        .collect();
    let min_level = report.options.min_level;
    let mut steps: Vec<String> = Vec::new();
    let mut consistent: Vec<String> = Vec::new();
    for f in &findings {
        if f.code.is_drift() || f.severity != Severity::Error {
            push_once(&mut consistent, &f.help);
        }
    }
    if verdict.decision != Decision::Ready {
        let fixes = verdict
            .reasons
            .iter()
            .filter_map(|r| r.fix.as_deref().map(str::to_owned))
            .chain(
                findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error && !f.code.is_drift())
                    .map(|f| f.help.to_string()),
            );
        for fix in fixes {
            let (ready, alternative) = split_alternative(&fix);
            push_once(&mut steps, ready);
            if let Some(alternative) = alternative {
                push_once(&mut consistent, alternative);
            }
        }
        if flow.level.is_some_and(|l| l < min_level)
            && !steps.iter().any(|s| s.contains("raise coverage"))
        {
            let level = flow.level.map(|l| l.to_string()).unwrap_or_default();
            steps.push(format!(
                "raise coverage from {level} to at least {min_level}"
            ));
        }
        for task in flow.open_tasks() {
            if !steps.iter().any(|s| s.contains(&format!("`{}`", task.id))) {
                steps.push(format!(
                    "close gap task `{}` (write `{} closed` in the `Gap Task` cell)",
                    task.id, task.id
                ));
            }
        }
        if flow.status != Some(Status::ReadyForBroadUat)
            && !steps.iter().any(|s| s.contains("`ready_for_broad_uat`"))
        {
            steps.push("set the status to `ready_for_broad_uat`".to_owned());
        }
    }
    Some(Explanation {
        flow: verdict.clone(),
        declared,
        gap_tasks: flow.gap_tasks.clone(),
        findings,
        to_make_ready: steps,
        to_make_consistent: consistent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blocked_flow_is_told_what_would_make_it_ready() {
        let text = "## P0\n\n| Flow ID | Level | Status | Owner | Gap Task |\n|---|---|---|---|---|\n| FLOW-A-001 | L2 | needs_coverage | team | `TASK-A-001` |\n| FLOW-B-001 | L4 | ready_for_broad_uat | team | none |\n";
        let m = crate::parse(text);
        let r = crate::evaluate(&m, &crate::Options::default());
        let a = explain(&m, &r, "FLOW-A-001").unwrap();
        assert_eq!(a.flow.decision, Decision::Blocked);
        assert!(
            a.to_make_ready.iter().any(|s| s.contains("TASK-A-001")),
            "{:?}",
            a.to_make_ready
        );
        assert!(a
            .to_make_ready
            .iter()
            .any(|s| s.contains("raise coverage from L2 to at least L3")));
        let b = explain(&m, &r, "FLOW-B-001").unwrap();
        assert!(b.to_make_ready.is_empty());
        assert!(explain(&m, &r, "FLOW-C-001").is_none());
    }

    #[test]
    fn a_way_out_that_keeps_the_flow_blocked_is_not_a_step_to_ready() {
        let text = "## P0\n\n| Flow ID | Level | Status | Owner | Gap Task |\n|---|---|---|---|---|\n| FLOW-A-001 | L2 | ready_for_broad_uat | team | none |\n";
        let m = crate::parse(text);
        let r = crate::evaluate(&m, &crate::Options::default());
        let a = explain(&m, &r, "FLOW-A-001").unwrap();
        assert!(
            a.to_make_ready
                .iter()
                .all(|s| !s.contains("needs_coverage")),
            "{:?}",
            a.to_make_ready
        );
        assert!(a
            .to_make_ready
            .iter()
            .any(|s| s.starts_with("raise coverage to L3")));
        assert!(
            a.to_make_consistent
                .iter()
                .any(|s| s == "set the status to `needs_coverage`"),
            "{:?}",
            a.to_make_consistent
        );
    }
}

//! What changed between two versions of a matrix: flows added or removed, and flows whose
//! level, status or computed decision changed. Meant for a pull-request comment.

use std::collections::HashSet;
use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Decision;
use crate::report::{FlowReport, Report};
use crate::vocab::{Level, Status};

/// One flow as one version of the matrix has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FlowState {
    /// The flow ID.
    pub id: String,
    /// Its level, if readable.
    pub level: Option<Level>,
    /// Its status, if readable.
    pub status: Option<Status>,
    /// Its computed decision.
    pub decision: Decision,
}

impl FlowState {
    fn of(f: &FlowReport) -> Self {
        Self {
            id: f.id.clone(),
            level: f.level,
            status: f.status,
            decision: f.decision,
        }
    }
}

/// A flow present in both versions whose level, status or decision differs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FlowChange {
    /// The flow ID.
    pub id: String,
    /// The old version.
    pub old: FlowState,
    /// The new version.
    pub new: FlowState,
    /// Which of `level`, `status`, `decision` changed.
    pub changed: Vec<String>,
}

/// Bucket counts of one version.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Counts {
    /// Ready flows.
    pub ready: usize,
    /// Flows ready with accepted gaps.
    pub accepted_gap: usize,
    /// Blocked flows.
    pub blocked: usize,
}

impl Counts {
    fn of(report: &Report) -> Self {
        Self {
            ready: report.summary.ready,
            accepted_gap: report.summary.accepted_gap,
            blocked: report.summary.blocked,
        }
    }
}

/// The difference between two evaluated versions of a matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MatrixDiff {
    /// Flows only the new version has, in its order.
    pub added: Vec<FlowState>,
    /// Flows only the old version has, in its order.
    pub removed: Vec<FlowState>,
    /// Flows in both whose level, status or decision changed, in the new version's order.
    pub changed: Vec<FlowChange>,
    /// Bucket counts of the old version.
    pub old_counts: Counts,
    /// Bucket counts of the new version.
    pub new_counts: Counts,
}

impl MatrixDiff {
    /// True when no flow was added, removed or changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// The flows of `report` that `other` does not have, each once, in document order.
fn only_in(report: &Report, other: &Report) -> Vec<FlowState> {
    let others: HashSet<&str> = other.flows.iter().map(|f| f.id.as_str()).collect();
    let mut seen = HashSet::new();
    report
        .flows
        .iter()
        .filter(|f| !others.contains(f.id.as_str()) && seen.insert(f.id.as_str()))
        .map(FlowState::of)
        .collect()
}

/// Compares the reports of two versions of a matrix.
pub fn diff(old: &Report, new: &Report) -> MatrixDiff {
    let added = only_in(new, old);
    let removed = only_in(old, new);
    let olds = old.flow_index();
    let mut seen = HashSet::new();
    let changed = new
        .flows
        .iter()
        .filter(|f| seen.insert(f.id.as_str()))
        .filter_map(|n| {
            let o = *olds.get(n.id.as_str())?;
            let mut changed = Vec::new();
            if o.level != n.level {
                changed.push("level".to_owned());
            }
            if o.status != n.status {
                changed.push("status".to_owned());
            }
            if o.decision != n.decision {
                changed.push("decision".to_owned());
            }
            (!changed.is_empty()).then(|| FlowChange {
                id: n.id.clone(),
                old: FlowState::of(o),
                new: FlowState::of(n),
                changed,
            })
        })
        .collect();
    MatrixDiff {
        added,
        removed,
        changed,
        old_counts: Counts::of(old),
        new_counts: Counts::of(new),
    }
}

fn level(l: Option<Level>) -> String {
    l.map_or_else(|| "?".to_owned(), |l| l.to_string())
}

fn status(s: Option<Status>) -> String {
    s.map_or_else(|| "?".to_owned(), |s| s.to_string())
}

fn arrow<T: PartialEq>(old: T, new: T, show: impl Fn(T) -> String) -> String {
    if old == new {
        show(new)
    } else {
        format!("{} → {}", show(old), show(new))
    }
}

fn counts_line(d: &MatrixDiff) -> String {
    let pair = |o: usize, n: usize| {
        if o == n {
            n.to_string()
        } else {
            format!("{o} → {n}")
        }
    };
    format!(
        "{} ready, {} accepted_gap, {} blocked",
        pair(d.old_counts.ready, d.new_counts.ready),
        pair(d.old_counts.accepted_gap, d.new_counts.accepted_gap),
        pair(d.old_counts.blocked, d.new_counts.blocked)
    )
}

/// The diff as a Markdown table, for a pull-request comment.
pub fn render_markdown(d: &MatrixDiff) -> String {
    let mut out = String::from("### Flow coverage changes\n\n");
    if d.is_empty() {
        out.push_str("No flow changed level, status or decision.\n\n");
    } else {
        out.push_str("| Flow | Change | Level | Status | Decision |\n|---|---|---|---|---|\n");
        for c in &d.changed {
            let _ = writeln!(
                out,
                "| `{}` | changed | {} | {} | {} |",
                c.id,
                arrow(c.old.level, c.new.level, level),
                arrow(c.old.status, c.new.status, |s| format!("`{}`", status(s))),
                arrow(c.old.decision, c.new.decision, |x| format!("**{x}**")),
            );
        }
        for (what, flows) in [("added", &d.added), ("removed", &d.removed)] {
            for f in flows {
                let _ = writeln!(
                    out,
                    "| `{}` | {what} | {} | `{}` | **{}** |",
                    f.id,
                    level(f.level),
                    status(f.status),
                    f.decision
                );
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "Decision: {}.", counts_line(d));
    out
}

/// The diff as plain text, one flow a line.
pub fn render_text(d: &MatrixDiff) -> String {
    let mut out = String::new();
    for c in &d.changed {
        let mut parts = Vec::new();
        if c.old.level != c.new.level {
            parts.push(format!("level {}", arrow(c.old.level, c.new.level, level)));
        }
        if c.old.status != c.new.status {
            parts.push(format!(
                "status {}",
                arrow(c.old.status, c.new.status, status)
            ));
        }
        if c.old.decision != c.new.decision {
            parts.push(format!(
                "decision {}",
                arrow(c.old.decision, c.new.decision, |x| x.to_string())
            ));
        }
        let _ = writeln!(out, "changed {}: {}", c.id, parts.join(", "));
    }
    for f in &d.added {
        let _ = writeln!(
            out,
            "added   {}: {} {} ({})",
            f.id,
            level(f.level),
            status(f.status),
            f.decision
        );
    }
    for f in &d.removed {
        let _ = writeln!(
            out,
            "removed {}: {} {} ({})",
            f.id,
            level(f.level),
            status(f.status),
            f.decision
        );
    }
    if d.is_empty() {
        out.push_str("no flow changed level, status or decision\n");
    }
    let _ = writeln!(out, "decision: {}", counts_line(d));
    out
}

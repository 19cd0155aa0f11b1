//! Baselines for gradual adoption: record today's findings, then fail only on new ones.
//!
//! A finding is matched by its fingerprint: code, flow and a message key, never by line
//! or column, so edits elsewhere in the document do not resurrect baselined findings. The
//! message key is the list of backticked values in the message (flow IDs, task IDs,
//! statuses), which name what the finding is about; a message without any falls back to
//! its text with digits folded, so dates and day counts do not break the match.
//!
//! Matching counts: a baseline that holds a fingerprint twice suppresses at most two
//! findings with that fingerprint.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{Code, Finding};
use crate::model::Decision;
use crate::report::Report;

/// The baseline file's format version.
pub const VERSION: u32 = 1;

/// What identifies a finding across edits of the document.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub struct Fingerprint {
    /// The finding's code (`FR101`).
    pub code: Code,
    /// The flow it is about, if any.
    pub flow: Option<String>,
    /// The message key (see the module docs).
    pub key: String,
}

impl Fingerprint {
    /// The fingerprint of `finding`.
    pub fn of(finding: &Finding) -> Self {
        Self {
            code: finding.code,
            flow: finding.flow.clone(),
            key: message_key(&finding.message),
        }
    }
}

/// The key of a message: its backticked values joined by `|`, or, without any, the
/// message with every run of digits folded to `#`.
pub fn message_key(message: &str) -> String {
    let ticked: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    if !ticked.is_empty() && message.matches('`').count() >= 2 {
        return ticked.join("|");
    }
    let mut out = String::with_capacity(message.len());
    let mut in_digits = false;
    for c in message.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            out.push(c);
            in_digits = false;
        }
    }
    out
}

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BaselineEntry {
    /// What matches it.
    #[serde(flatten)]
    pub fingerprint: Fingerprint,
    /// The severity when recorded (for people reading the file; not matched).
    pub severity: crate::diagnostics::Severity,
    /// The message when recorded (for people reading the file; not matched).
    pub message: String,
    /// The line when recorded (for people reading the file; not matched).
    pub line: u32,
}

/// A recorded state of a matrix: its findings and its blocked flows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Baseline {
    /// The file format's version ([`VERSION`]).
    pub version: u32,
    /// Every finding of the report, in document order.
    pub findings: Vec<BaselineEntry>,
    /// The flows that were blocked; a gate with this baseline fails only on flows that
    /// are blocked now and were not then.
    #[serde(default)]
    pub blocked: Vec<String>,
}

impl Baseline {
    /// Records every finding and every blocked flow of `report`.
    pub fn from_report(report: &Report) -> Self {
        Self {
            version: VERSION,
            findings: report
                .findings
                .iter()
                .map(|f| BaselineEntry {
                    fingerprint: Fingerprint::of(f),
                    severity: f.severity,
                    message: f.message.clone(),
                    line: f.line,
                })
                .collect(),
            blocked: report
                .flows
                .iter()
                .filter(|f| f.decision == Decision::Blocked)
                .map(|f| f.id.clone())
                .collect(),
        }
    }

    /// Splits `findings` into new ones and ones the baseline already holds. Returns, for
    /// each finding in order, `true` when the baseline suppresses it.
    pub fn suppressed(&self, findings: &[Finding]) -> Vec<bool> {
        let mut budget: HashMap<&Fingerprint, usize> = HashMap::new();
        for entry in &self.findings {
            *budget.entry(&entry.fingerprint).or_default() += 1;
        }
        findings
            .iter()
            .map(|f| {
                let fp = Fingerprint::of(f);
                match budget.get_mut(&fp) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        true
                    }
                    _ => false,
                }
            })
            .collect()
    }

    /// True when the baseline recorded `flow` as blocked.
    pub fn was_blocked(&self, flow: &str) -> bool {
        self.blocked.iter().any(|f| f == flow)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_keys_ignore_numbers_and_keep_named_values() {
        assert_eq!(message_key("flow `A` waits on `T-1`"), "A|T-1");
        assert_eq!(
            message_key("expired on 2026-01-02 (3 days)"),
            "expired on #-#-# (# days)"
        );
    }
}

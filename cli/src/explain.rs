//! `flowready explain FILE FLOW-ID`: one flow's decision, its reasons with the cells
//! involved, the findings about it, what would make it ready, and apart from that what
//! would make the document consistent. The reasoning is the core's
//! ([`flowready::explain`]); this only renders it, every piece of user text escaped for
//! the terminal.

use serde_json::{json, Value};

use flowready::baseline::Baseline;
use flowready::explain::Explanation as Explained;
use flowready::{Decision, Finding, Flow, FlowReport};

/// `explain`'s view of one flow: the core's [`Explained`] plus the file name and which
/// findings the baseline suppresses.
pub struct Explanation<'a> {
    pub name: &'a str,
    pub flow: &'a Flow<'a>,
    pub verdict: &'a FlowReport,
    pub declared: Option<Decision>,
    pub findings: Vec<(&'a Finding, bool)>,
    pub steps: &'a [String],
    pub consistent: &'a [String],
    pub min_level: flowready::Level,
}

impl<'a> Explanation<'a> {
    pub fn new(
        name: &'a str,
        flow: &'a Flow,
        explained: &'a Explained,
        min_level: flowready::Level,
        baseline: Option<&Baseline>,
    ) -> Self {
        let suppressed = baseline.map_or_else(
            || vec![false; explained.findings.len()],
            |b| b.suppressed(&explained.findings),
        );
        Self {
            name,
            flow,
            verdict: &explained.flow,
            declared: explained.declared,
            findings: explained.findings.iter().zip(suppressed).collect(),
            steps: &explained.to_make_ready,
            consistent: &explained.to_make_consistent,
            min_level,
        }
    }

    fn cell_text(&self, column: Option<&str>) -> Option<&str> {
        let column = column?;
        self.flow
            .cells
            .iter()
            .find(|c| &*c.column == column)
            .map(|c| &*c.text)
    }

    /// The explanation for people, safe for a terminal.
    pub fn text(&self) -> String {
        crate::render::terminal::escape_lines(&self.raw_text()).into_owned()
    }

    fn raw_text(&self) -> String {
        let f = self.flow;
        let v = self.verdict;
        let mut out = String::new();
        let opt = |s: Option<String>| s.unwrap_or_else(|| "?".to_owned());
        out.push_str(&format!(
            "{}: {}\n  --> {}:{}\n  priority {}, level {}, status `{}`, threshold {}\n",
            f.id,
            v.decision,
            self.name,
            f.line,
            opt(f.priority.map(|p| p.to_string())),
            opt(f.level.map(|l| l.to_string())),
            opt(f.status.map(|s| s.to_string())),
            self.min_level
        ));
        match self.declared {
            Some(d) if d == v.decision => out.push_str(&format!("  declared {d} in the Broad UAT Decision, as computed\n")),
            Some(d) => out.push_str(&format!(
                "  declared {d} in the Broad UAT Decision, but computed {} (run `flowready decision --write`)\n",
                v.decision
            )),
            None => out.push_str("  not listed in the Broad UAT Decision\n"),
        }
        out.push_str("\nwhy:\n");
        for r in &v.reasons {
            let code = r.code.map(|c| format!("[{c}] ")).unwrap_or_default();
            out.push_str(&format!("  - {code}{}\n", r.message));
            let cell = r
                .cell
                .as_deref()
                .map(|c| format!(" (`{c}` cell)"))
                .unwrap_or_default();
            out.push_str(&format!(
                "    --> {}:{}:{}{cell}\n",
                self.name, r.line, r.column
            ));
            if let Some(text) = self.cell_text(r.cell.as_deref()) {
                out.push_str(&format!("    cell: {}\n", shorten(text)));
            }
        }
        if !f.gap_tasks.is_empty() {
            out.push_str("\ngap tasks:\n");
            for t in &f.gap_tasks {
                let state = if t.closed { "closed" } else { "open" };
                out.push_str(&format!("  - `{}` ({state})\n", t.id));
            }
        }
        out.push_str("\nfindings:\n");
        if self.findings.is_empty() {
            out.push_str("  none\n");
        }
        for (finding, baselined) in &self.findings {
            let note = if *baselined { " (baselined)" } else { "" };
            out.push_str(&format!(
                "  - {}[{}]{note}: {}\n    --> {}:{}:{}\n    help: {}\n",
                finding.severity,
                finding.code,
                finding.message,
                self.name,
                finding.line,
                finding.column,
                finding.help
            ));
        }
        out.push_str("\nto make it ready:\n");
        if self.steps.is_empty() {
            out.push_str("  nothing: it is ready\n");
        }
        for (i, step) in self.steps.iter().enumerate() {
            out.push_str(&format!("  {}. {step}\n", i + 1));
        }
        if !self.consistent.is_empty() {
            let heading = if self.verdict.decision == Decision::Ready {
                "\nto make the document consistent:\n"
            } else {
                "\nto make the document consistent without making it ready:\n"
            };
            out.push_str(heading);
            for step in self.consistent {
                out.push_str(&format!("  - {step}\n"));
            }
        }
        out
    }

    /// The explanation as JSON.
    pub fn json(&self) -> Value {
        json!({
            "flow": self.verdict,
            "file": self.name,
            "declared": self.declared,
            "gap_tasks": self.flow.gap_tasks,
            "findings": self.findings.iter().map(|(f, baselined)| {
                let mut v = json!(f);
                if let Some(o) = v.as_object_mut() {
                    o.insert("baselined".to_owned(), json!(baselined));
                }
                v
            }).collect::<Vec<_>>(),
            "to_make_ready": self.steps,
            "to_make_consistent": self.consistent,
        })
    }
}

/// A cell as a message quotes it (at most 120 characters), on one line.
fn shorten(text: &str) -> String {
    flowready::diagnostics::quote(text).replace(['\r', '\n'], " ")
}

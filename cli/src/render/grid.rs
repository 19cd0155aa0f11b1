//! The per-flow subpath grid `gate --evidence` prints in text mode.

use flowready::evidence::coverage::{CoverageState, EvidenceReport};
use flowready::Subpath;

use super::terminal::escape;
use super::Run;

/// One cell of the grid: what the evidence says about a subpath.
fn mark(state: Option<(CoverageState, bool)>) -> &'static str {
    match state {
        None => "·",
        Some((CoverageState::Passed, _)) => "pass",
        Some((CoverageState::Flaky, _)) => "flaky",
        Some((CoverageState::Waived, _)) => "waived",
        Some((CoverageState::Failed, true)) => "FAIL",
        Some((CoverageState::Skipped, true)) => "SKIP",
        Some((CoverageState::Missing, true)) => "MISSING",
        Some((CoverageState::Failed, false)) => "fail",
        Some((CoverageState::Skipped, false)) => "skip",
        Some((CoverageState::Missing, false)) => "-",
    }
}

/// `1 test`, `2 tests`.
fn tests(n: usize) -> String {
    format!("{n} {}", if n == 1 { "test" } else { "tests" })
}

/// A grid of the run's flows (rows) by subpath (columns). Upper case marks a required
/// subpath that keeps the flow from being ready; `·` is a subpath the flow does not
/// require and no test claims.
pub fn render(run: &Run<'_>, evidence: &EvidenceReport) -> String {
    let headers: Vec<&str> = Subpath::ALL.iter().map(|s| s.as_str()).collect();
    let id_width = run
        .flows
        .iter()
        .map(|f| escape(&f.id).chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = format!(
        "evidence: {} ({} unlabelled)\n{:id_width$}",
        tests(evidence.tests),
        evidence.unlabelled_tests,
        "flow"
    );
    for h in &headers {
        out.push_str(&format!("  {h:>8}"));
    }
    out.push('\n');
    for flow in &run.flows {
        let Some(coverage) = evidence.flows.get(&flow.id) else {
            continue;
        };
        out.push_str(&format!("{:id_width$}", escape(&flow.id)));
        for sub in Subpath::ALL {
            let state = coverage
                .subpaths
                .get(&sub)
                .map(|c| (c.state, c.required && coverage.judged));
            out.push_str(&format!("  {:>8}", mark(state)));
        }
        if !coverage.judged {
            out.push_str("  (not judged)");
        }
        out.push('\n');
    }
    for unknown in &evidence.unknown_flows {
        out.push_str(&format!(
            "unknown flow in evidence: `{}` ({})\n",
            escape(&unknown.flow),
            tests(unknown.tests.len())
        ));
    }
    for row in &evidence.unmapped_uat_rows {
        out.push_str(&format!(
            "unmapped UAT row in evidence: `{}`\n",
            escape(&row.uat_row)
        ));
    }
    out
}

//! rustc-style text: `file:line:col`, the source line, a caret under the cell, the code
//! and a `help:` line, then a one-line summary. Long rows (the seed's run to 800
//! characters and more) are trimmed around the caret by annotate-snippets, with `...`.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use flowready::{Finding, Severity};

use super::{first_reason, message_with_flow, Mode, Run};

/// Renders the run. `color` turns on ANSI styles (only on a terminal without `NO_COLOR`).
pub fn render(run: &Run<'_>, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for finding in &run.shown {
        out.push_str(&renderer.render(&[group(run, finding)]));
        out.push_str("\n\n");
    }
    if run.mode == Mode::Gate {
        if let Some(evidence) = &run.report.evidence {
            out.push_str(&super::grid::render(run, evidence));
            out.push('\n');
        }
        for flow in &run.failing {
            out.push_str(&format!(
                "blocked: `{}` ({}:{}): {}\n",
                flow.id,
                run.name,
                flow.line,
                first_reason(flow)
            ));
        }
        for id in &run.report.gate.unknown_flows {
            out.push_str(&format!("unknown flow: `{id}`\n"));
        }
        if !run.failing.is_empty() {
            out.push('\n');
        }
    }
    out.push_str(&run.summary());
    out.push('\n');
    out
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// Byte offset where the line holding `at` starts.
fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1)
}

fn group<'a>(run: &Run<'a>, f: &'a Finding) -> Group<'a> {
    let title = level(f.severity)
        .primary_title(message_with_flow(f))
        .id(f.code.as_str());
    let start = line_start(run.text, f.span.start.min(run.text.len()));
    let line = run
        .text
        .get(start..)
        .and_then(|rest| rest.split('\n').next())
        .map(|l| l.trim_end_matches('\r'))
        .unwrap_or_default();
    let help = Level::HELP.message(f.help.as_ref());
    let rel_start = f.span.start.saturating_sub(start);
    let rel_end = f
        .span
        .end
        .saturating_sub(start)
        .min(line.len())
        .max(rel_start);
    if line.trim().is_empty() || rel_start > line.len() || !line.is_char_boundary(rel_start) {
        let origin = Origin::path(run.name)
            .line(f.line as usize)
            .char_column(f.column as usize);
        return title.element(origin).element(help);
    }
    // Point at the cell's first line only: a multi-line span (a wrapped bullet) would
    // otherwise draw the whole paragraph.
    let rel_end = if line.is_char_boundary(rel_end) {
        rel_end
    } else {
        rel_start
    };
    let snippet = Snippet::source(line)
        .line_start(f.line as usize)
        .path(run.name)
        .annotation(AnnotationKind::Primary.span(rel_start..rel_end));
    title.element(snippet).element(help)
}

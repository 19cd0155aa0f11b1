//! rustc-style text: `file:line:col`, the source line, a caret under the cell, the code
//! and a `help:` line, then a one-line summary.
//!
//! The snippet is written here directly rather than by a general snippet renderer: a
//! matrix row runs to 1–3 KB (the team's real rows to 800 characters and more), and a
//! renderer handed the whole row measures every character of it for every finding. Only a
//! bounded window around the cell is ever read ([`WINDOW_BYTES`] either side), so the
//! cost of a finding does not depend on the length of its row. The column printed is the
//! finding's own, true to the file; a trimmed side of the row shows `...`. Every piece of
//! user text goes through [`super::terminal::escape`].

use std::fmt::Write as _;

use flowready::{Finding, Severity};
use unicode_width::UnicodeWidthChar;

use super::terminal::{escape, escape_lines, is_unsafe};
use super::{first_reason, message_with_flow, Mode, Run};

/// The widest source excerpt shown, in terminal columns (without the gutter).
const SOURCE_WIDTH: usize = 120;
/// How far either side of a span the renderer looks for the line's ends and context.
/// A character is at most 4 bytes, and an escaped one is at most 10 columns wide, so
/// this always holds more than [`SOURCE_WIDTH`] columns of context.
const WINDOW_BYTES: usize = SOURCE_WIDTH * 4;

/// ANSI styles, used only when `color` is on.
struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on && !s.is_empty() {
            format!("\u{1b}[{code}m{s}\u{1b}[0m")
        } else {
            s.to_owned()
        }
    }
    fn level(&self, severity: Severity, s: &str) -> String {
        let code = match severity {
            Severity::Error => "1;91",
            Severity::Warning => "1;93",
            Severity::Info => "1;94",
        };
        self.paint(code, s)
    }
    fn gutter(&self, s: &str) -> String {
        self.paint("1;94", s)
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
}

/// Renders the run. `color` turns on ANSI styles (only on a terminal without `NO_COLOR`).
pub fn render(run: &Run<'_>, color: bool) -> String {
    let style = Style { on: color };
    let mut out = String::new();
    for finding in &run.shown {
        diagnostic(&mut out, run, finding, &style);
        out.push_str("\n\n");
    }
    if run.mode == Mode::Gate {
        if let Some(evidence) = &run.report.evidence {
            out.push_str(&super::grid::render(run, evidence));
            out.push('\n');
        }
        for flow in &run.failing {
            let _ = writeln!(
                out,
                "blocked: `{}` ({}:{}): {}",
                escape(&flow.id),
                escape(run.name),
                flow.line,
                escape(&first_reason(flow))
            );
        }
        for id in &run.report.gate.unknown_flows {
            let _ = writeln!(out, "unknown flow: `{}`", escape(id));
        }
        if !run.failing.is_empty() {
            out.push('\n');
        }
    }
    out.push_str(&escape_lines(&run.summary()));
    out.push('\n');
    out
}

fn level_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// One diagnostic, without the trailing newline.
fn diagnostic(out: &mut String, run: &Run<'_>, f: &Finding, style: &Style) {
    let excerpt = Excerpt::of(run.text, f.span.start, f.span.end);
    let width = f.line.to_string().len();
    let pad = " ".repeat(width);
    let _ = writeln!(
        out,
        "{}{}",
        style.level(
            f.severity,
            &format!("{}[{}]", level_name(f.severity), f.code)
        ),
        style.bold(&format!(": {}", escape(&message_with_flow(f))))
    );
    let _ = writeln!(
        out,
        "{pad}{} {}:{}:{}",
        style.gutter("-->"),
        escape(run.name),
        f.line,
        f.column
    );
    let bar = style.gutter(&format!("{pad} |"));
    let _ = writeln!(out, "{bar}");
    if let Some(x) = excerpt {
        let _ = writeln!(
            out,
            "{} {}",
            style.gutter(&format!("{} |", f.line)),
            x.source
        );
        let carets = "^".repeat(x.caret_width.max(1));
        let _ = writeln!(
            out,
            "{bar} {}{}",
            " ".repeat(x.caret_at),
            style.level(f.severity, &carets)
        );
        let _ = writeln!(out, "{bar}");
    }
    let _ = write!(
        out,
        "{pad} {} {}",
        style.gutter("="),
        format_args!("{}: {}", style.bold("help"), escape(&f.help))
    );
}

/// The part of a source line shown under a diagnostic.
#[derive(Debug, PartialEq)]
struct Excerpt {
    /// The escaped text, with `...` where a side is trimmed.
    source: String,
    /// Terminal columns before the first caret.
    caret_at: usize,
    /// How many carets.
    caret_width: usize,
}

/// Columns `c` takes once escaped.
fn columns(c: char) -> usize {
    if is_unsafe(c) {
        escape(c.encode_utf8(&mut [0; 4])).len()
    } else {
        c.width().unwrap_or(0)
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

impl Excerpt {
    /// The excerpt of the line holding byte `start`, underlining `start..end` (its first
    /// line only: a wrapped bullet would otherwise draw a paragraph). Reads at most
    /// [`WINDOW_BYTES`] either side of the span. `None` for a blank line.
    fn of(text: &str, start: usize, end: usize) -> Option<Self> {
        let start = floor_boundary(text, start);
        let bytes = text.as_bytes();
        // Where the line starts, looking back a bounded distance.
        let back = floor_boundary(text, start.saturating_sub(WINDOW_BYTES));
        let (line_start, cut_left) = match bytes
            .get(back..start)
            .and_then(|b| b.iter().rposition(|&c| c == b'\n'))
        {
            Some(i) => (back + i + 1, false),
            None => (back, back > 0),
        };
        // Where the line ends, looking forward a bounded distance past the span's start.
        let span_end = ceil_boundary(text, end.max(start));
        let ahead = ceil_boundary(text, span_end.min(start + WINDOW_BYTES) + WINDOW_BYTES);
        let (line_end, cut_right) = match bytes
            .get(start..ahead)
            .and_then(|b| b.iter().position(|&c| c == b'\n'))
        {
            Some(i) => (start + i, false),
            None => (ahead, ahead < text.len()),
        };
        let line = text.get(line_start..line_end)?;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            return None;
        }
        let rel_start = (start - line_start).min(line.len());
        let rel_end = ceil_boundary(line, span_end.saturating_sub(line_start)).max(rel_start);
        let (before, rest) = line.split_at(rel_start);
        let (span, after) = rest.split_at(rel_end - rel_start);

        // The span itself, up to the whole width.
        let mut span_cols = 0;
        let mut span_shown = String::new();
        let mut span_cut = false;
        for c in span.chars() {
            let w = columns(c);
            if span_cols + w > SOURCE_WIDTH {
                span_cut = true;
                break;
            }
            span_cols += w;
            span_shown.push_str(&escape(c.encode_utf8(&mut [0; 4])));
        }
        // Context: what is left of the width, shared between the two sides; a side that
        // needs less leaves the rest to the other.
        let room = SOURCE_WIDTH - span_cols;
        let take = |chars: &mut dyn Iterator<Item = char>, limit: usize| {
            let mut taken = Vec::new();
            let mut cols = 0;
            for c in chars {
                let w = columns(c);
                if cols + w > limit {
                    return (taken, cols, true);
                }
                cols += w;
                taken.push(c);
            }
            (taken, cols, false)
        };
        let (_, right_need, _) = take(&mut after.chars(), room);
        let left_room = room - right_need.min(room / 2);
        let (mut left, left_cols, left_more) = take(&mut before.chars().rev(), left_room);
        left.reverse();
        let (right, _, right_more) = if span_cut {
            (Vec::new(), 0, !after.is_empty())
        } else {
            take(&mut after.chars(), room - left_cols)
        };
        let left_more = left_more || cut_left;
        let right_more = right_more || cut_right || span_cut;

        let mut source = String::new();
        let mut caret_at = 0;
        if left_more {
            source.push_str("...");
            caret_at += 3;
        }
        let left: String = left.into_iter().collect();
        source.push_str(&escape(&left));
        caret_at += left_cols;
        source.push_str(&span_shown);
        let right: String = right.into_iter().collect();
        source.push_str(&escape(&right));
        if right_more {
            source.push_str("...");
        }
        Some(Self {
            source: source.trim_end().to_owned(),
            caret_at,
            caret_width: span_cols,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_line_is_shown_whole() {
        let text = "# t\n| FLOW-A-001 | L2 | ready |\n";
        let at = text.find("L2").unwrap();
        let x = Excerpt::of(text, at, at + 2).unwrap();
        assert_eq!(x.source, "| FLOW-A-001 | L2 | ready |");
        assert_eq!((x.caret_at, x.caret_width), (15, 2));
    }

    #[test]
    fn a_long_line_is_trimmed_around_the_span_whatever_its_length() {
        for filler in [200, 5_000, 1_000_000] {
            let row = format!(
                "| FLOW-A-001 | {} | L2 | {} |",
                "x".repeat(filler),
                "y".repeat(filler)
            );
            let text = format!("# t\n{row}\n");
            let at = text.find("L2").unwrap();
            let x = Excerpt::of(&text, at, at + 2).unwrap();
            assert!(
                x.source.starts_with("...") && x.source.ends_with("..."),
                "{}",
                x.source
            );
            assert!(x.source.chars().count() <= SOURCE_WIDTH + 6);
            assert_eq!(x.source.get(x.caret_at..x.caret_at + 2), Some("L2"));
        }
    }

    #[test]
    fn controls_in_the_row_are_escaped_and_carets_follow() {
        let text = "| a\u{1b}[2J | \u{202e}b | L2 |";
        let at = text.find("L2").unwrap();
        let x = Excerpt::of(text, at, at + 2).unwrap();
        assert!(!x.source.chars().any(is_unsafe), "{}", x.source);
        assert_eq!(x.source.get(x.caret_at..x.caret_at + 2), Some("L2"));
    }

    #[test]
    fn blank_lines_have_no_excerpt() {
        assert_eq!(Excerpt::of("a\n\n b", 2, 2), None);
    }
}

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

/// ANSI styles, used only when `color` is on. Each writes straight into the output.
struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, out: &mut String, code: &str, s: &str) {
        if self.on && !s.is_empty() {
            let _ = write!(out, "\u{1b}[{code}m{s}\u{1b}[0m");
        } else {
            out.push_str(s);
        }
    }
    fn level(&self, out: &mut String, severity: Severity, s: &str) {
        let code = match severity {
            Severity::Error => "1;91",
            Severity::Warning => "1;93",
            Severity::Info => "1;94",
        };
        self.paint(out, code, s);
    }
    fn gutter(&self, out: &mut String, s: &str) {
        self.paint(out, "1;94", s);
    }
    fn bold(&self, out: &mut String, s: &str) {
        self.paint(out, "1", s);
    }
}

/// Renders the run. `color` turns on ANSI styles (only on a terminal without `NO_COLOR`).
pub fn render(run: &Run<'_>, color: bool) -> String {
    let style = Style { on: color };
    // Room for the diagnostics up front: a diagnostic is a few hundred bytes, and a
    // doubling string copied itself over and over on a large matrix.
    let mut out = String::with_capacity(run.shown.len().saturating_mul(512) + 1024);
    let mut scratch = String::new();
    for finding in &run.shown {
        diagnostic(&mut out, &mut scratch, run, finding, &style);
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

/// One diagnostic, without the trailing newline. `scratch` is a buffer reused between
/// diagnostics for the pieces that are styled as a whole.
fn diagnostic(out: &mut String, scratch: &mut String, run: &Run<'_>, f: &Finding, style: &Style) {
    let excerpt = Excerpt::of(run.text, f.span.start, f.span.end);
    let width = f.line.to_string().len();
    let pad = " ".repeat(width);
    let piece = |scratch: &mut String, args: std::fmt::Arguments<'_>| {
        scratch.clear();
        let _ = scratch.write_fmt(args);
    };
    piece(
        scratch,
        format_args!("{}[{}]", level_name(f.severity), f.code),
    );
    style.level(out, f.severity, scratch);
    piece(scratch, format_args!(": {}", escape(&message_with_flow(f))));
    style.bold(out, scratch);
    out.push('\n');
    out.push_str(&pad);
    style.gutter(out, "-->");
    let _ = writeln!(out, " {}:{}:{}", escape(run.name), f.line, f.column);
    let mut bar = String::new();
    style.gutter(&mut bar, &format!("{pad} |"));
    out.push_str(&bar);
    out.push('\n');
    if let Some(x) = excerpt {
        piece(scratch, format_args!("{} |", f.line));
        style.gutter(out, scratch);
        out.push(' ');
        out.push_str(&x.source);
        out.push('\n');
        out.push_str(&bar);
        out.push(' ');
        out.extend(std::iter::repeat_n(' ', x.caret_at));
        scratch.clear();
        scratch.extend(std::iter::repeat_n('^', x.caret_width.max(1)));
        style.level(out, f.severity, scratch);
        out.push('\n');
        out.push_str(&bar);
        out.push('\n');
    }
    out.push_str(&pad);
    out.push(' ');
    style.gutter(out, "=");
    out.push(' ');
    style.bold(out, "help");
    out.push_str(": ");
    out.push_str(&escape(&f.help));
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

/// How much of the start of `s` fits in `limit` columns: its length in bytes, its
/// columns, and whether some of `s` is left out. Printable ASCII is one column a byte,
/// so a run of it is counted without measuring characters.
fn take_forward(s: &str, limit: usize) -> (usize, usize, bool) {
    let ascii = s
        .bytes()
        .take(limit)
        .take_while(|&b| is_printable_ascii(b))
        .count();
    let mut cols = ascii;
    for (i, c) in s.get(ascii..).unwrap_or("").char_indices() {
        let w = columns(c);
        if cols + w > limit {
            return (ascii + i, cols, true);
        }
        cols += w;
    }
    (s.len(), cols, false)
}

/// How much of the end of `s` fits in `limit` columns: where that part starts, its
/// columns, and whether some of `s` is left out.
fn take_backward(s: &str, limit: usize) -> (usize, usize, bool) {
    let ascii = s
        .bytes()
        .rev()
        .take(limit)
        .take_while(|&b| is_printable_ascii(b))
        .count();
    let mut cols = ascii;
    let rest = s.get(..s.len() - ascii).unwrap_or("");
    for (i, c) in rest.char_indices().rev() {
        let w = columns(c);
        if cols + w > limit {
            return (i + c.len_utf8(), cols, true);
        }
        cols += w;
    }
    (0, cols, false)
}

/// A byte that is a whole printable ASCII character: one column, never escaped.
fn is_printable_ascii(b: u8) -> bool {
    (0x20..0x7f).contains(&b)
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
        let (span_len, span_cols, span_cut) = take_forward(span, SOURCE_WIDTH);
        let span_shown = escape(span.get(..span_len).unwrap_or(span));
        // Context: what is left of the width, shared between the two sides; a side that
        // needs less leaves the rest to the other.
        let room = SOURCE_WIDTH - span_cols;
        let (_, right_need, _) = take_forward(after, room);
        let left_room = room - right_need.min(room / 2);
        let (left_start, left_cols, left_more) = take_backward(before, left_room);
        let (right_len, right_more) = if span_cut {
            (0, !after.is_empty())
        } else {
            let (len, _, more) = take_forward(after, room - left_cols);
            (len, more)
        };
        let left_more = left_more || cut_left;
        let right_more = right_more || cut_right || span_cut;

        let mut source = String::new();
        let mut caret_at = 0;
        if left_more {
            source.push_str("...");
            caret_at += 3;
        }
        source.push_str(&escape(before.get(left_start..).unwrap_or("")));
        caret_at += left_cols;
        source.push_str(&span_shown);
        source.push_str(&escape(after.get(..right_len).unwrap_or("")));
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

    /// The character-by-character reading the take functions shortcut for ASCII.
    fn reference_forward(s: &str, limit: usize) -> (usize, usize, bool) {
        let mut cols = 0;
        for (i, c) in s.char_indices() {
            let w = columns(c);
            if cols + w > limit {
                return (i, cols, true);
            }
            cols += w;
        }
        (s.len(), cols, false)
    }

    fn reference_backward(s: &str, limit: usize) -> (usize, usize, bool) {
        let mut cols = 0;
        for (i, c) in s.char_indices().rev() {
            let w = columns(c);
            if cols + w > limit {
                return (i + c.len_utf8(), cols, true);
            }
            cols += w;
        }
        (0, cols, false)
    }

    proptest::proptest! {
        #[test]
        fn taking_columns_reads_as_the_character_walk(
            s in "([ -~]{0,12}|\u{301}|\u{200b}|\u{1b}|\t|é|漢|😀){0,10}",
            limit in 0usize..40,
        ) {
            proptest::prop_assert_eq!(take_forward(&s, limit), reference_forward(&s, limit));
            proptest::prop_assert_eq!(take_backward(&s, limit), reference_backward(&s, limit));
        }
    }

    #[test]
    fn blank_lines_have_no_excerpt() {
        assert_eq!(Excerpt::of("a\n\n b", 2, 2), None);
    }
}

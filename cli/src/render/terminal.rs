//! The one escape for text that reaches a terminal. A matrix is edited by many hands and
//! test reports come from CI artifacts, so a cell can hold anything: an escape sequence
//! that retitles the terminal or clears the screen, a BEL, a NUL, or a bidirectional
//! override that makes the text read differently from what it is ("Trojan Source").
//! Every text renderer (check, gate, explain, diff, the evidence grid, the GitHub format)
//! passes user text through [`escape`]; JSON keeps the exact text.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` may not reach a terminal as it is: C0 and C1 controls, DEL, and the
/// bidirectional embeddings, overrides, isolates and marks (U+061C, U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Writes the visible escape of `c`: `\t`, `\n`, `\r`, else `\u{1b}` (lower-case hex).
pub fn push_escaped(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// `s` with every character [`is_unsafe`] reports replaced by its visible escape
/// (`ESC` becomes `\u{1b}`, a line feed `\n`). Borrowed when nothing needs escaping.
pub fn escape(s: &str) -> Cow<'_, str> {
    escape_except(s, |_| false)
}

/// As [`escape`], but the characters `keep` accepts pass through: the formats that carry
/// their own line breaks (a JUnit body, a multi-line report) keep `\n`.
pub fn escape_except(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    // Printable ASCII is never unsafe: most text is settled a byte at a time.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Cow::Borrowed(s);
    }
    if !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) && !keep(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A whole multi-line text (a diff, an explanation) made safe line by line: its line
/// breaks stay, everything else unsafe is escaped.
pub fn escape_lines(s: &str) -> Cow<'_, str> {
    escape_except(s, |c| c == '\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_become_visible() {
        assert_eq!(
            escape("\u{1b}]0;title\u{7}\u{1b}[2J\u{1b}[31mready"),
            "\\u{1b}]0;title\\u{7}\\u{1b}[2J\\u{1b}[31mready"
        );
        assert_eq!(escape("a\0b\u{7f}c\u{85}d"), "a\\u{0}b\\u{7f}c\\u{85}d");
        assert_eq!(escape("x\u{202e}y\u{2066}z"), "x\\u{202e}y\\u{2066}z");
        assert_eq!(escape("tab\there\r\n"), "tab\\there\\r\\n");
        assert_eq!(escape_lines("one\ntwo\u{1b}"), "one\ntwo\\u{1b}");
        assert!(matches!(escape("plain `text` é 日本"), Cow::Borrowed(_)));
    }
}

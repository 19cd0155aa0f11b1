//! Source positions: byte ranges plus 1-based line and column.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A region of the source document.
///
/// `start..end` is a byte range into the text that was parsed. `line` and `column` locate
/// `start`; both are 1-based, and `column` counts Unicode scalar values (not bytes), so a
/// caret lines up under non-ASCII text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column of `start`, in Unicode scalar values.
    pub column: u32,
}

/// A position already mapped by [`LineIndex::span_with_hint`]: byte `pos` of the line
/// starting at `line_start` is `chars` characters into it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ColumnHint {
    /// Index of the hinted line in `line_starts`.
    line_idx: usize,
    line_start: usize,
    pos: usize,
    chars: usize,
    /// True when the hinted line is all ASCII: columns are then byte distances.
    ascii: bool,
}

/// An all-ASCII line of the document (from [`LineIndex::ascii_line`]): `start..end`,
/// without its `\n`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AsciiLine {
    line: u32,
    start: usize,
    end: usize,
}

impl AsciiLine {
    /// What [`LineIndex::span`] gives for `start..end` on this line (the column is the
    /// byte distance), or `None` when the range is not on it.
    pub(crate) fn span(&self, start: usize, end: usize) -> Option<Span> {
        (self.start <= start && start <= end && end <= self.end).then(|| Span {
            start,
            end,
            line: self.line,
            column: u32::try_from(start - self.start + 1).unwrap_or(u32::MAX),
        })
    }
}

/// Maps byte offsets to line and column. Built once per document.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`. Lines end at `\n`; a preceding `\r` stays part of its line.
    pub fn new(text: &'a str) -> Self {
        // Sized by the real line count (a vectorised count), not guessed from the length:
        // table rows run to kilobytes, so a guess either over-reserves or regrows.
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        let mut line_starts = Vec::with_capacity(lines + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { text, line_starts }
    }

    /// `(start, end)` of line `i` (0-based), without its `\n`; the empty line after a
    /// final `\n` is not a line. The fast table scanner walks lines with this, so a
    /// document is indexed once.
    pub(crate) fn line_range(&self, i: usize) -> Option<(usize, usize)> {
        let start = *self.line_starts.get(i)?;
        match self.line_starts.get(i + 1) {
            Some(&next) => Some((start, next - 1)),
            None => (start < self.text.len()).then_some((start, self.text.len())),
        }
    }

    /// The span of `start..end`, with line and column of `start`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let start = start.min(self.text.len());
        let end = end.clamp(start, self.text.len());
        let line_idx = self
            .line_starts
            .partition_point(|&s| s <= start)
            .saturating_sub(1);
        let line_start = self.line_starts.get(line_idx).copied().unwrap_or(0);
        let column = self
            .text
            .get(line_start..start)
            .map_or(start - line_start, |prefix| prefix.chars().count());
        Span {
            start,
            end,
            line: u32::try_from(line_idx + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }

    /// [`LineIndex::span`], counting the column from `hint` (the last position asked on
    /// the same line) when `start` is at or after it, then moving `hint` to `start`. Cells
    /// of a long table row are asked left to right, so this keeps each row linear.
    pub(crate) fn span_with_hint(
        &self,
        start: usize,
        end: usize,
        hint: &std::cell::Cell<ColumnHint>,
    ) -> Span {
        let start = start.min(self.text.len());
        let end = end.clamp(start, self.text.len());
        let h = hint.get();
        let on_hint_line = self.line_starts.get(h.line_idx) == Some(&h.line_start)
            && h.line_start <= start
            && self
                .line_starts
                .get(h.line_idx + 1)
                .is_none_or(|&next| start < next);
        let line_idx = if on_hint_line {
            h.line_idx
        } else {
            self.line_starts
                .partition_point(|&s| s <= start)
                .saturating_sub(1)
        };
        let line_start = self.line_starts.get(line_idx).copied().unwrap_or(0);
        // Whether the line is ASCII is checked once per line (a word-at-a-time test), so
        // the cells of an ASCII row cost no character counting at all.
        let same_line = on_hint_line && h.line_start == line_start;
        let ascii = if same_line {
            h.ascii
        } else {
            let line_end = self
                .line_starts
                .get(line_idx + 1)
                .copied()
                .unwrap_or(self.text.len());
            self.text
                .as_bytes()
                .get(line_start..line_end)
                .is_some_and(<[u8]>::is_ascii)
        };
        let column = if ascii {
            start - line_start
        } else {
            let from_hint = (h.line_start == line_start && h.pos <= start)
                .then(|| {
                    self.text
                        .get(h.pos..start)
                        .map(|s| h.chars + s.chars().count())
                })
                .flatten();
            from_hint.unwrap_or_else(|| {
                self.text
                    .get(line_start..start)
                    .map_or(start - line_start, |prefix| prefix.chars().count())
            })
        };
        if self.text.is_char_boundary(start) {
            hint.set(ColumnHint {
                line_idx,
                line_start,
                pos: start,
                chars: column,
                ascii,
            });
        }
        Span {
            start,
            end,
            line: u32::try_from(line_idx + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }

    /// The line holding byte `pos`, when it is all ASCII: its spans then need no lookup
    /// and no counting ([`AsciiLine::span`]). A table row's cells are mapped through it.
    pub(crate) fn ascii_line(&self, pos: usize) -> Option<AsciiLine> {
        let idx = self
            .line_starts
            .partition_point(|&s| s <= pos)
            .checked_sub(1)?;
        let start = *self.line_starts.get(idx)?;
        let end = self
            .line_starts
            .get(idx + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let ascii = self.text.as_bytes().get(start..end)?.is_ascii();
        ascii.then(|| AsciiLine {
            line: u32::try_from(idx + 1).unwrap_or(u32::MAX),
            start,
            end,
        })
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line_text(&self, line: u32) -> &'a str {
        let idx = (line as usize).saturating_sub(1);
        let start = self
            .line_starts
            .get(idx)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(idx + 1)
            .copied()
            .unwrap_or(self.text.len());
        let raw = self.text.get(start..end).unwrap_or("");
        raw.trim_end_matches(['\n', '\r'])
    }

    /// The number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A span through an ASCII line is the span the index gives, wherever it is.
        #[test]
        fn ascii_line_spans_are_the_index_spans(
            text in "([a-z |]{0,12}|é|\r)(\n[a-z |é]{0,12}){0,4}\n?",
            pos in 0usize..80,
            len in 0usize..20,
        ) {
            let idx = LineIndex::new(&text);
            let pos = pos.min(text.len());
            if let Some(line) = idx.ascii_line(pos) {
                let end = (pos + len).min(text.len());
                if let Some(span) = line.span(pos, end) {
                    proptest::prop_assert_eq!(span, idx.span(pos, end));
                }
                proptest::prop_assert!(line.span(pos, pos).is_some());
            }
        }
    }

    #[test]
    fn lines_and_columns_are_one_based_and_count_chars() {
        let text = "ab\r\nçd|x\n";
        let idx = LineIndex::new(text);
        assert_eq!(
            idx.span(0, 1),
            Span {
                start: 0,
                end: 1,
                line: 1,
                column: 1
            }
        );
        let pipe = text.find('|').unwrap();
        let s = idx.span(pipe, pipe + 1);
        assert_eq!((s.line, s.column), (2, 3));
        assert_eq!(idx.line_text(1), "ab");
        assert_eq!(idx.line_text(2), "çd|x");
        // Hinted lookups along a line agree with plain ones, ASCII or not.
        for text in ["| ab | cd | ef |\n| çé | x | ü |\n", "| a |\n"] {
            let hint = std::cell::Cell::new(ColumnHint::default());
            let idx = LineIndex::new(text);
            for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(
                    idx.span_with_hint(start, start, &hint),
                    idx.span(start, start)
                );
            }
        }
        // Out-of-range offsets clamp instead of panicking.
        assert_eq!(idx.span(999, 5).start, text.len());
    }
}

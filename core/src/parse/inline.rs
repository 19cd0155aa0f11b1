//! Inline text captured from pulldown-cmark events, with a map back to source offsets.

use std::borrow::Cow;

/// The text of a block (cell, heading, paragraph, list item) as a reader sees it: code
/// spans without backticks, escapes resolved, soft breaks as `\n`. Every piece remembers
/// where it came from, so a position in the text maps back to a byte in the source.
///
/// While every piece is the source as written and follows the previous one in it, the
/// text borrows the source: no allocation for a cell of plain text, or a lone code span.
#[derive(Debug, Clone, Default)]
pub struct Inline<'a> {
    /// The document the offsets refer to.
    source: &'a str,
    /// The captured text.
    pub text: Cow<'a, str>,
    /// While `text` borrows `source`: where it starts there.
    borrowed_at: usize,
    /// What the text may grow to (the fast scanner knows: at most the cell's source), so
    /// that a text that stops borrowing is allocated once.
    capacity: usize,
    /// `(text offset, source offset, exact)`: where the first piece starts. `exact`
    /// pieces map byte for byte; the others (escapes, entities) map to their start. Most
    /// cells are one piece, so the first is kept apart and costs no allocation.
    first: Option<(usize, usize, bool)>,
    /// The pieces after the first, in order.
    more: Vec<(usize, usize, bool)>,
    /// The first inline event, if it was a code span: its content's range in `text`, and
    /// the span's source range (backticks included).
    leading_code: Option<(usize, usize, usize, usize)>,
    /// Source range covered by the captured events.
    pub src_start: Option<usize>,
    /// Source end of the last captured event.
    pub src_end: usize,
}

impl<'a> Inline<'a> {
    /// An empty capture of a block of `source` (the whole document).
    pub fn new(source: &'a str) -> Self {
        Self {
            source,
            text: Cow::Borrowed(""),
            ..Self::default()
        }
    }

    /// Sizes the allocation the text gets if it stops borrowing the source.
    pub(crate) fn expect_len(&mut self, len: usize) {
        self.capacity = len;
    }

    /// Appends plain text read from `src[start..end]`.
    pub fn push_text(&mut self, text: &str, start: usize, end: usize) {
        self.note_src(start, end);
        self.piece((
            self.text.len(),
            start,
            end.saturating_sub(start) == text.len(),
        ));
        self.append(text, start);
    }

    /// Appends `piece`, which the source has at `at` when it is written there as is:
    /// borrowed while the pieces are contiguous in the source, copied from the first
    /// piece that is not.
    fn append(&mut self, piece: &str, at: usize) {
        let end = at + piece.len();
        let as_written = self.source.get(at..end).filter(|s| *s == piece);
        // (An empty text is the start, however it is held: `Cow::default()` is owned.)
        if self.text.is_empty() {
            if let Some(written) = as_written {
                self.borrowed_at = at;
                self.text = Cow::Borrowed(written);
                return;
            }
        }
        match &mut self.text {
            Cow::Borrowed(b) => {
                if as_written.is_some() && self.borrowed_at + b.len() == at {
                    if let Some(joined) = self.source.get(self.borrowed_at..end) {
                        self.text = Cow::Borrowed(joined);
                        return;
                    }
                }
                let mut owned = String::with_capacity(self.capacity.max(b.len() + piece.len()));
                owned.push_str(b);
                owned.push_str(piece);
                self.text = Cow::Owned(owned);
            }
            Cow::Owned(s) => s.push_str(piece),
        }
    }

    fn piece(&mut self, piece: (usize, usize, bool)) {
        if self.first.is_none() {
            self.first = Some(piece);
        } else {
            self.more.push(piece);
        }
    }

    /// The leading code span's content and its source end (backticks included), if the
    /// block starts with a code span.
    pub fn leading_code(&self) -> Option<(&str, usize)> {
        let (s, e, _, src_end) = self.leading_code?;
        Some((self.text.get(s..e)?, src_end))
    }

    /// Appends a code span whose source (with backticks) is `source[start..end]`.
    pub fn push_code(&mut self, code: &str, source: &str, start: usize, end: usize) {
        // Locate the content inside the backticks so spans point at the ID, not the tick.
        let content_start = source
            .get(start..end)
            .and_then(|s| match code.is_empty() {
                true => s.find(code),
                // The first occurrence, without building a searcher per code span.
                false => super::cells::occurrences(s.as_bytes(), code.as_bytes()).next(),
            })
            .map_or(start, |i| start + i);
        self.push_code_at(code, content_start, start, end);
    }

    /// [`Inline::push_code`] for a caller that knows where the content starts in the
    /// source (`content_start`, the first occurrence of `code` in `source[start..end]`).
    pub(crate) fn push_code_at(
        &mut self,
        code: &str,
        content_start: usize,
        start: usize,
        end: usize,
    ) {
        let is_first = self.text.trim().is_empty() && self.leading_code.is_none();
        self.note_src(start, end);
        let at = self.text.len();
        if is_first {
            self.leading_code = Some((at, at + code.len(), start, end));
        }
        self.piece((at, content_start, true));
        self.append(code, content_start);
    }

    /// Appends a line break.
    pub fn push_break(&mut self, start: usize, end: usize) {
        self.push_text("\n", start, end.max(start + 1));
    }

    fn note_src(&mut self, start: usize, end: usize) {
        if self.src_start.is_none() {
            self.src_start = Some(start);
        }
        self.src_end = self.src_end.max(end);
    }

    /// The source offset of text offset `pos`.
    pub fn src_offset(&self, pos: usize) -> usize {
        let idx = self.more.partition_point(|&(t, _, _)| t <= pos);
        let piece = match idx.checked_sub(1) {
            Some(i) => self.more.get(i),
            None => self.first.as_ref().filter(|&&(t, _, _)| t <= pos),
        };
        match piece {
            Some(&(t, s, true)) => s + (pos - t),
            Some(&(_, s, false)) => s,
            None => self.src_start.unwrap_or(0),
        }
    }

    /// The text trimmed, and the text offset where the trimmed text starts.
    pub fn trimmed(&self) -> (&str, usize) {
        let rest = self.text.trim_start();
        (rest.trim_end(), self.text.len() - rest.len())
    }

    /// `text[lead..lead + len]` (the trimmed text, as [`Inline::trimmed`] found it),
    /// taken out of the capture: still borrowed when the text is, the captured `String`
    /// itself when that is all of it.
    pub fn take_range(&mut self, lead: usize, len: usize) -> Cow<'a, str> {
        match std::mem::take(&mut self.text) {
            Cow::Borrowed(b) => Cow::Borrowed(b.get(lead..lead + len).unwrap_or_default()),
            Cow::Owned(s) if lead == 0 && len == s.len() => Cow::Owned(s),
            Cow::Owned(s) => Cow::Owned(s.get(lead..lead + len).unwrap_or_default().to_owned()),
        }
    }
}
#[cfg(test)]
mod tests {
    use super::Inline;
    use std::borrow::Cow;

    #[test]
    fn text_borrows_the_source_while_pieces_are_contiguous_and_as_written() {
        let src = "x `a.spec.ts`, `b.spec.ts` tail";
        let mut lone = Inline::new(src);
        lone.push_code_at("a.spec.ts", 3, 2, 13);
        assert!(matches!(lone.text, Cow::Borrowed("a.spec.ts")));
        let mut plain = Inline::new(src);
        plain.push_text("x ", 0, 2);
        plain.push_text("`a", 2, 4);
        assert!(matches!(plain.text, Cow::Borrowed("x `a")));
        let mut mixed = Inline::new(src);
        mixed.expect_len(40);
        mixed.push_code_at("a.spec.ts", 3, 2, 13);
        mixed.push_text(", ", 13, 15);
        mixed.push_code_at("b.spec.ts", 16, 15, 26);
        assert_eq!(mixed.text, "a.spec.ts, b.spec.ts");
        assert!(matches!(&mixed.text, Cow::Owned(s) if s.capacity() == 40));
        // A piece that differs from its source (an escape) is copied.
        let mut escaped = Inline::new(r"\|");
        escaped.push_text("|", 0, 2);
        assert!(matches!(escaped.text, Cow::Owned(_)));
    }
}

//! Inline text captured from pulldown-cmark events, with a map back to source offsets.

/// The text of a block (cell, heading, paragraph, list item) as a reader sees it: code
/// spans without backticks, escapes resolved, soft breaks as `\n`. Every piece remembers
/// where it came from, so a position in the text maps back to a byte in the source.
#[derive(Debug, Clone, Default)]
pub struct Inline {
    /// The captured text.
    pub text: String,
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

impl Inline {
    /// Appends plain text read from `src[start..end]`.
    pub fn push_text(&mut self, text: &str, start: usize, end: usize) {
        self.note_src(start, end);
        self.piece((
            self.text.len(),
            start,
            end.saturating_sub(start) == text.len(),
        ));
        self.text.push_str(text);
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
        self.text.push_str(code);
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
    /// owned: the captured `String` itself when that is all of it.
    pub fn take_range(&mut self, lead: usize, len: usize) -> String {
        if lead == 0 && len == self.text.len() {
            std::mem::take(&mut self.text)
        } else {
            self.text
                .get(lead..lead + len)
                .unwrap_or_default()
                .to_owned()
        }
    }
}

//! Inline text captured from pulldown-cmark events, with a map back to source offsets.

/// The text of a block (cell, heading, paragraph, list item) as a reader sees it: code
/// spans without backticks, escapes resolved, soft breaks as `\n`. Every piece remembers
/// where it came from, so a position in the text maps back to a byte in the source.
#[derive(Debug, Clone, Default)]
pub struct Inline {
    /// The captured text.
    pub text: String,
    /// `(text offset, source offset, exact)`: where each piece starts. `exact` pieces map
    /// byte for byte; the others (escapes, entities) map to their start.
    pieces: Vec<(usize, usize, bool)>,
    /// The first inline event, if it was a code span: its content and source range.
    pub leading_code: Option<(String, usize, usize)>,
    /// Source range covered by the captured events.
    pub src_start: Option<usize>,
    /// Source end of the last captured event.
    pub src_end: usize,
}

impl Inline {
    /// Appends plain text read from `src[start..end]`.
    pub fn push_text(&mut self, text: &str, start: usize, end: usize) {
        self.note_src(start, end);
        self.pieces.push((
            self.text.len(),
            start,
            end.saturating_sub(start) == text.len(),
        ));
        self.text.push_str(text);
    }

    /// Appends a code span whose source (with backticks) is `source[start..end]`.
    pub fn push_code(&mut self, code: &str, source: &str, start: usize, end: usize) {
        let is_first = self.text.trim().is_empty() && self.leading_code.is_none();
        self.note_src(start, end);
        // Locate the content inside the backticks so spans point at the ID, not the tick.
        let content_start = source
            .get(start..end)
            .and_then(|s| s.find(code))
            .map_or(start, |i| start + i);
        if is_first {
            self.leading_code = Some((code.to_owned(), start, end));
        }
        self.pieces.push((self.text.len(), content_start, true));
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
        let idx = self.pieces.partition_point(|&(t, _, _)| t <= pos);
        match idx.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(&(t, s, true)) => s + (pos - t),
            Some(&(_, s, false)) => s,
            None => self.src_start.unwrap_or(0),
        }
    }

    /// The text trimmed, and the text offset where the trimmed text starts.
    pub fn trimmed(&self) -> (&str, usize) {
        let lead = self.text.len() - self.text.trim_start().len();
        (self.text.trim(), lead)
    }
}

//! The fast path: reads GFM tables and simple prose with line scanners instead of
//! pulldown-cmark.
//!
//! Big matrices are almost all table rows, and pulldown-cmark's inline parsing of every
//! cell is most of the cost of reading them. This scanner finds table blocks and rows,
//! splits cells on unescaped pipes, and builds each cell's [`Inline`] itself when the cell
//! holds only plain text and code spans; any other cell (escapes, emphasis, links, HTML,
//! entities, …) is given to pulldown-cmark alone, inside a one-column table, with offsets
//! shifted back. The prose between tables is read by a second line scanner
//! ([`prose_into`]) section by section: ATX headings, blank lines, single-line `-`/`*`
//! items and single-line paragraphs (the `Broad UAT Decision` section lists every flow
//! that way); a section with anything else goes to pulldown-cmark. The result is the same
//! block list [`super::collect_blocks_into`] produces, so the reader downstream is shared.
//!
//! It only takes documents it reads exactly; [`collect_blocks`] returns `None` (and the
//! caller uses the full parser) when the document has anything it does not handle:
//! carriage returns, tabs or NULs; fenced code, HTML blocks or link reference definitions
//! (which change how later lines or cells read: any prose line with `]:` declines, as a
//! definition may sit in a list item or a quote); a table not preceded by a blank line or
//! not followed by one; a table line that is indented or has no leading pipe; a header
//! whose delimiter row does not match; `\\` in a table line; a cell ending in `\`.
//!
//! Invariant (tested in `tests/parse_differential.rs`): whenever this returns
//! `Some(blocks)`, reading them gives the same `Matrix` as `parse_reference`.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::inline::Inline;
use super::{collect_blocks_into, Block, CellText, RawCell, RawRow};
use crate::span::LineIndex;

/// The blocks of `text`, or `None` when the fast path cannot read it exactly.
/// `lines` is the document's one line index (the reader's spans use it too).
pub(super) fn collect_blocks<'a>(
    text: &'a str,
    lines: &LineIndex<'_>,
    sink: &mut dyn FnMut(Block<'a>),
) -> Option<()> {
    let bytes = text.as_bytes();
    // One vectorised pass over the document (a byte loop cost ~7 % of a whole run).
    if memchr::memchr3(b'\r', b'\t', 0, bytes).is_some() {
        return None;
    }
    let line = |i: usize| lines.line_range(i).and_then(|(s, e)| text.get(s..e));
    let mut segment_start = 0;
    let mut i = 0;
    // Cell ranges of the line being split, reused for every line.
    let mut scratch = Vec::with_capacity(32);
    while let Some(current) = line(i) {
        if !plain_line(current, line(i + 1)) {
            return None;
        }
        if !current.starts_with('|') {
            i += 1;
            continue;
        }
        // A table: blank line (or start) before, a matching delimiter row, rows that all
        // start with a pipe, and a blank line (or the end) after.
        if i > 0 && !line(i - 1).is_some_and(is_blank) {
            return None;
        }
        split_cells(current, &mut scratch)?;
        let ncols = scratch.len();
        split_cells(line(i + 1)?, &mut scratch)?;
        if scratch.len() != ncols
            || !scratch
                .iter()
                .all(|&(s, e)| is_delimiter_cell(current_get(line(i + 1), s, e)))
        {
            return None;
        }
        let mut last = i + 1;
        while let Some(l) = line(last + 1).filter(|l| l.starts_with('|')) {
            // A bare `|` line: pulldown-cmark's reading of it is not worth copying.
            if is_blank(l.get(1..).unwrap_or("")) {
                return None;
            }
            last += 1;
        }
        if let Some(after) = line(last + 1) {
            if !is_blank(after) {
                return None;
            }
        }
        let (table_start, _) = lines.line_range(i)?;
        prose_into(text, segment_start..table_start, sink);
        let row_range = |k: usize| {
            lines
                .line_range(k)
                .map(|(s, e)| (s, (e + 1).min(text.len())))
        };
        let (hs, he) = row_range(i)?;
        let (_, end) = row_range(last)?;
        sink(Block::TableStart {
            header: read_row(text, hs, he, ncols, &mut scratch)?,
            start: hs,
            end,
        });
        for k in i + 2..=last {
            let (rs, re) = row_range(k)?;
            sink(Block::TableRow(read_row(
                text,
                rs,
                re,
                ncols,
                &mut scratch,
            )?));
        }
        segment_start = end;
        i = last + 1;
    }
    prose_into(text, segment_start..text.len(), sink);
    Some(())
}

/// The prose between two tables, `text[range]`, into blocks.
///
/// The stretch is cut into sections, each starting at an ATX heading written at the line
/// start: such a heading closes every open block (lists and what they hold, quotes,
/// paragraphs, indented code; the top-level fenced code and HTML blocks it would not
/// close make the whole document decline in [`plain_line`]), so pulldown-cmark reads each
/// section as it reads it inside the stretch. A section holding only headings, blank lines, single-line `-`/`*` items and
/// single-line paragraphs is read line by line ([`read_line`]); any other section goes to
/// pulldown-cmark whole. (Link reference definitions, which change how lines of other
/// sections read, make the whole document decline in [`plain_line`].)
///
/// Returns how many sections went to pulldown-cmark (the tests check what is scanned).
fn prose_into<'a>(text: &'a str, range: Range<usize>, sink: &mut dyn FnMut(Block<'a>)) -> usize {
    let mut parsed = 0;
    // The start of the sections not read exactly since the last one that was: they go to
    // pulldown-cmark together (one parser for a run of them, as for the whole stretch).
    let mut parse_from = None;
    let mut pos = range.start;
    while pos < range.end {
        let (end, exact) = section_at(text, pos, range.end);
        if exact {
            if let Some(from) = parse_from.take() {
                collect_blocks_into(text, from..pos, sink);
            }
            let mut at = pos;
            while let Some((start, line_end, next)) = line_at(text, at, end) {
                let kind = classify(text.get(start..line_end).unwrap_or(""));
                // Checked by `section_at` with the same arguments: it reads the line.
                let _ = read_line(text, kind, (start, line_end, next), range.end, Some(sink));
                at = next;
            }
        } else {
            parsed += 1;
            parse_from.get_or_insert(pos);
        }
        pos = end;
    }
    if let Some(from) = parse_from {
        collect_blocks_into(text, from..range.end, sink);
    }
    parsed
}

/// The section starting at `pos`: where it ends (the start of the next heading line, or
/// `limit`), and whether the scanner reads every line of it exactly. Nothing is built.
fn section_at(text: &str, pos: usize, limit: usize) -> (usize, bool) {
    let mut exact = true;
    let mut at = pos;
    while let Some((start, end, next)) = line_at(text, at, limit) {
        let kind = classify(text.get(start..end).unwrap_or(""));
        if start != pos && matches!(kind, Line::Heading(_)) {
            return (start, exact);
        }
        exact = exact && read_line(text, kind, (start, end, next), limit, None).is_some();
        at = next;
    }
    (limit, exact)
}

/// The line at `pos` (before `limit`): its start, its end (before the `\n`) and where the
/// next line starts.
fn line_at(text: &str, pos: usize, limit: usize) -> Option<(usize, usize, usize)> {
    if pos >= limit {
        return None;
    }
    let rest = text.as_bytes().get(pos..limit)?;
    Some(match memchr::memchr(b'\n', rest) {
        Some(off) => (pos, pos + off, pos + off + 1),
        None => (pos, limit, limit),
    })
}

/// What a line of prose is to the scanner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Blank,
    /// An ATX heading at the line start (`#` to `######`, then a space or the line end).
    Heading(u8),
    /// `- ` or `* ` at the line start.
    Item,
    /// A line at the line start that can only open a paragraph ([`starts_plain`]).
    Paragraph,
    /// Anything else: indented lines, quotes, other list markers, thematic breaks, …
    Other,
}

fn classify(line: &str) -> Line {
    let bytes = line.as_bytes();
    match bytes.first() {
        None => Line::Blank,
        Some(b' ') if is_blank(line) => Line::Blank,
        Some(b'#') => {
            let n = bytes.iter().take_while(|&&b| b == b'#').count();
            match u8::try_from(n) {
                Ok(level @ 1..=6) if matches!(bytes.get(n), None | Some(b' ')) => {
                    Line::Heading(level)
                }
                _ => Line::Other,
            }
        }
        Some(b'-' | b'*') if bytes.get(1) == Some(&b' ') => Line::Item,
        _ if starts_plain(line) => Line::Paragraph,
        _ => Line::Other,
    }
}

/// True when `s` starts with a character no block construct starts with: an ASCII
/// letter, a code span's one or two backticks (three open a fence), or digits that are
/// not an ordered-list marker.
fn starts_plain(s: &str) -> bool {
    let bytes = s.as_bytes();
    match bytes.first() {
        Some(b) if b.is_ascii_alphabetic() => true,
        Some(b'`') => !s.starts_with("```"),
        Some(b) if b.is_ascii_digit() => {
            let n = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            !matches!(bytes.get(n), Some(b'.' | b')'))
        }
        _ => false,
    }
}

/// Reads one line of a section into `sink`, or only checks it when `sink` is `None`;
/// `None` when the scanner does not read the line exactly (the section then goes to
/// pulldown-cmark). `line` is the line's start, end and the next line's start; `limit`
/// is the end of the stretch.
///
/// Headings and paragraphs end after their line's `\n`; an item's range runs over the
/// blank lines after it, as pulldown-cmark's does. A paragraph or an item must be
/// followed by a blank line, a heading, an item or the end: any other line would
/// continue it (a lazy continuation, a setext underline, an indented paragraph). Inline
/// content that is not plain text and code spans is read by pulldown-cmark from that
/// block's range alone, which reads it as it reads it in place.
fn read_line<'a>(
    text: &'a str,
    kind: Line,
    (start, end, next): (usize, usize, usize),
    limit: usize,
    sink: Option<&mut dyn FnMut(Block<'a>)>,
) -> Option<()> {
    let line = text.get(start..end)?;
    let (cs, len) = match kind {
        Line::Blank => return Some(()),
        Line::Other => return None,
        Line::Heading(level) => {
            let rest = line.get(usize::from(level)..)?;
            let content = rest.trim_matches(' ');
            // A closing `#` sequence (or an escaped `#`) is pulldown-cmark's to strip.
            if content.is_empty() || content.ends_with('#') {
                return None;
            }
            let lead = rest.len() - rest.trim_start_matches(' ').len();
            (start + usize::from(level) + lead, content.len())
        }
        Line::Item | Line::Paragraph => {
            let following =
                line_at(text, next, limit).map(|(s, e, _)| classify(text.get(s..e).unwrap_or("")));
            if !matches!(
                following,
                None | Some(Line::Blank | Line::Heading(_) | Line::Item)
            ) {
                return None;
            }
            let marker = if kind == Line::Item { 2 } else { 0 };
            let content = line.get(marker..)?.trim_end_matches(' ');
            if !starts_plain(content) {
                return None;
            }
            (start + marker, content.len())
        }
    };
    let Some(sink) = sink else {
        return Some(());
    };
    let block_end = if kind == Line::Item {
        blank_run_end(text, next, limit)
    } else {
        next
    };
    match (plain_inline(text, cs, cs + len), kind) {
        (Some(inline), Line::Heading(level)) => sink(Block::Heading {
            level,
            inline,
            start,
            end: block_end,
        }),
        (Some(inline), Line::Item) => sink(Block::Item {
            inline,
            depth: 1,
            start,
            end: block_end,
        }),
        (Some(inline), _) => sink(Block::Paragraph {
            inline,
            start,
            end: block_end,
        }),
        (None, _) => collect_blocks_into(text, start..block_end, sink),
    }
    Some(())
}

/// Where the blank lines from `pos` on end: the start of the next non-blank line, or
/// `limit`.
fn blank_run_end(text: &str, mut pos: usize, limit: usize) -> usize {
    while let Some((s, e, next)) = line_at(text, pos, limit) {
        if !is_blank(text.get(s..e).unwrap_or("")) {
            return s;
        }
        pos = next;
    }
    limit
}

fn current_get(line: Option<&str>, s: usize, e: usize) -> &str {
    line.and_then(|l| l.get(s..e)).unwrap_or("")
}

fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| b == b' ')
}

/// False for a line that starts something the fast path does not read: a code fence, an
/// HTML block, a link reference definition, an indented table line, or a table header
/// without a leading pipe (a line with a pipe followed by a delimiter-like row).
fn plain_line(line: &str, next: Option<&str>) -> bool {
    let unquoted = line.trim_start_matches([' ', '>']);
    if unquoted.starts_with("```") || unquoted.starts_with("~~~") {
        return false;
    }
    let indented = line.trim_start_matches(' ');
    if indented.starts_with('<') {
        return false;
    }
    // A link reference definition, at the top level or inside a list item or a quote (or
    // the end of a label that started on the line before); prose lines only, table lines
    // cannot hold one.
    let bytes = line.as_bytes();
    if !line.starts_with('|')
        && memchr::memchr_iter(b']', bytes).any(|i| bytes.get(i + 1) == Some(&b':'))
    {
        return false;
    }
    if indented.starts_with('|') && indented.len() != line.len() {
        return false;
    }
    if line.contains('|') && !line.starts_with('|') && next.is_some_and(looks_like_delimiter) {
        return false;
    }
    // A delimiter-like line that is not the second line of a table we read: the caller
    // consumes real delimiter rows before they get here, so any other one is suspicious.
    !looks_like_delimiter(line) || line.starts_with('|')
}

fn looks_like_delimiter(line: &str) -> bool {
    line.contains('-')
        && line.contains('|')
        && line.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' '))
}

fn is_delimiter_cell(cell: &str) -> bool {
    let c = cell.trim_matches(' ');
    let c = c.strip_prefix(':').unwrap_or(c);
    let c = c.strip_suffix(':').unwrap_or(c);
    !c.is_empty() && c.bytes().all(|b| b == b'-')
}

/// Splits a table line that starts with `|` into `cells`, as byte ranges into the line
/// (between unescaped pipes; the last cell runs to the line end when there is no trailing
/// pipe), and returns how many cells the row has in its source, counted as
/// [`super::source_cell_count`] counts them (a last cell of Unicode whitespace alone is
/// not one there). `None` for lines the scanner does not split exactly (`\\`, or a cell
/// ending in `\`).
fn split_cells(line: &str, cells: &mut Vec<(usize, usize)>) -> Option<usize> {
    cells.clear();
    let bytes = line.as_bytes();
    if memchr::memmem::find(bytes, b"\\\\").is_some() {
        return None;
    }
    let mut start = 1;
    let mut i = 1;
    while let Some(off) = bytes
        .get(i..)
        .and_then(|rest| memchr::memchr2(b'\\', b'|', rest))
    {
        i += off;
        if bytes.get(i) == Some(&b'\\') {
            i += 2;
        } else {
            cells.push((start, i));
            start = i + 1;
            i += 1;
        }
    }
    let rest = line.get(start.min(line.len())..).unwrap_or("");
    if !is_blank(rest) {
        if rest.ends_with('\\') {
            return None;
        }
        cells.push((start, line.len()));
        if rest.trim().is_empty() && cells.len() > 1 {
            return Some(cells.len() - 1);
        }
    }
    Some(cells.len())
}

/// One table row (`text[start..end]`, end past its `\n`), with `ncols` cells: missing cells
/// are empty and sit at the row's end, extra cells are dropped (as pulldown-cmark does).
fn read_row<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    ncols: usize,
    scratch: &mut Vec<(usize, usize)>,
) -> Option<RawRow<'a>> {
    let line_end = if text.as_bytes().get(end.wrapping_sub(1)) == Some(&b'\n') {
        end - 1
    } else {
        end
    };
    let line = text.get(start..line_end)?;
    let source_cells = split_cells(line, scratch)?;
    let mut cells = Vec::with_capacity(ncols);
    for &(s, e) in scratch.iter().take(ncols) {
        cells.push(RawCell {
            text: read_cell(text, start + s, start + e)?,
            start: start + s,
        });
    }
    while cells.len() < ncols {
        cells.push(RawCell {
            text: CellText::Plain {
                text: std::borrow::Cow::Borrowed(""),
                start: end,
                end,
            },
            start: end,
        });
    }
    Some(RawRow {
        cells,
        start,
        end,
        source_cells: Some(source_cells),
    })
}

/// The content of the cell `text[start..end]` (between its pipes): plain text straight
/// from its trimmed byte range, anything else as an [`Inline`].
fn read_cell(text: &str, start: usize, end: usize) -> Option<CellText<'_>> {
    let raw = text.get(start..end)?;
    // Spaces only (tabs never reach this path), trimmed as bytes.
    let bytes = raw.as_bytes();
    let lead = bytes.iter().take_while(|&&b| b == b' ').count();
    let trail = bytes.get(lead..).map_or(0, |rest| {
        rest.iter().rev().take_while(|&&b| b == b' ').count()
    });
    if lead + trail >= raw.len() {
        return Some(CellText::Plain {
            text: std::borrow::Cow::Borrowed(""),
            start,
            end: start,
        });
    }
    let (cs, ce) = (start + lead, end - trail);
    // Plain text alone is one piece, borrowed, its span the trimmed range (`plain_cell`
    // rules out edges of Unicode whitespace, which would be trimmed).
    if let Some(cell) = code_cell(text, cs, ce) {
        return Some(cell);
    }
    plain_inline(text, cs, ce)
        .or_else(|| slow_cell(text, start, end))
        .map(|inline| CellText::Inline(Box::new(inline)))
}

/// Walks the trimmed content `text[cs..ce]` when it is plain text and code spans
/// ([`plain_cell`]), handing `piece` each text run and code span in order: its text, its
/// source range, and for a code span `Some(content start)`, the start known only when the
/// content starts with neither a backtick nor a space (else `Some(None)`). `None` when
/// pulldown-cmark must read the content, or when `piece` gives up.
fn plain_pieces<'a>(
    text: &'a str,
    cs: usize,
    ce: usize,
    piece: &mut dyn FnMut(&'a str, usize, usize, Option<Option<usize>>) -> Option<()>,
) -> Option<()> {
    let content = text.get(cs..ce)?;
    let bytes = content.as_bytes();
    // The check already met the first backtick, if any: the walk starts there.
    let mut next = plain_cell(content)?;
    let mut run = 0;
    while let Some(pos) = next {
        let ticks = bytes
            .get(pos..)
            .map_or(0, |b| b.iter().take_while(|&&c| c == b'`').count());
        // An unclosed run is literal text: pulldown-cmark's reading of it is not copied.
        let close = closing_ticks(bytes, pos + ticks, ticks)?;
        if run < pos {
            piece(content.get(run..pos)?, cs + run, cs + pos, None)?;
        }
        let code = content.get(pos + ticks..close)?;
        let stripped =
            code.len() >= 2 && code.starts_with(' ') && code.ends_with(' ') && !is_blank(code);
        let code = if stripped {
            code.get(1..code.len() - 1)?
        } else {
            code
        };
        // Nothing before such a content can match it, so the first occurrence of `code`
        // (where `Inline::push_code` would look) is where the content starts.
        let at = code
            .starts_with(|c: char| c != '`' && c != ' ')
            .then_some(cs + pos + ticks + usize::from(stripped));
        piece(code, cs + pos, cs + close + ticks, Some(at))?;
        run = close + ticks;
        next = bytes
            .get(run..)
            .and_then(|rest| memchr::memchr(b'`', rest))
            .map(|off| run + off);
    }
    if run < bytes.len() {
        piece(content.get(run..)?, cs + run, ce, None)?;
    }
    Some(())
}

/// The inline content `text[cs..ce]` (trimmed, not empty) built here, when it is plain
/// text and code spans ([`plain_cell`]); `None` when pulldown-cmark must read it. Cells,
/// headings, list items and paragraphs read plain text and code spans alike.
fn plain_inline(text: &str, cs: usize, ce: usize) -> Option<Inline<'_>> {
    let mut inline = Inline::new(text);
    // The text is at most the content (code spans lose their backticks).
    inline.expect_len(ce.saturating_sub(cs));
    plain_pieces(text, cs, ce, &mut |piece, start, end, code| {
        match code {
            None => inline.push_text(piece, start, end),
            Some(Some(at)) => inline.push_code_at(piece, at, start, end),
            Some(None) => inline.push_code(piece, text, start, end),
        }
        Some(())
    })?;
    Some(inline)
}

/// The trimmed cell `text[cs..ce]` (not empty) of plain text and code spans, read as
/// [`plain_inline`] reads it but without an [`Inline`]: its text trimmed (borrowed when it
/// is one piece, a lone code span; copied once otherwise) and its span, from the first
/// piece's source start to `ce`. `None` (the caller builds an `Inline`) for anything else,
/// and when the text would start with a code span whose content starts with whitespace
/// or a backtick (where the span's start needs the `Inline`'s source map).
fn code_cell(text: &str, cs: usize, ce: usize) -> Option<CellText<'_>> {
    let cap = ce.saturating_sub(cs);
    let mut first: Option<(&str, usize)> = None;
    let mut owned: Option<String> = None;
    plain_pieces(text, cs, ce, &mut |piece, start, _, code| {
        match (first, owned.as_mut()) {
            (None, _) => match code {
                None => first = Some((piece, start)),
                Some(Some(at)) if !piece.starts_with(char::is_whitespace) => {
                    first = Some((piece, at));
                }
                Some(_) => return None,
            },
            (Some(_), Some(s)) => s.push_str(piece),
            // The second piece: both copied into one string of the content's size.
            (Some((f, _)), None) => {
                let mut s = String::with_capacity(cap);
                s.push_str(f);
                s.push_str(piece);
                owned = Some(s);
            }
        }
        Some(())
    })?;
    let (piece, start) = first?;
    let text = match owned {
        None => std::borrow::Cow::Borrowed(piece.trim_end()),
        Some(mut s) => {
            s.truncate(s.trim_end().len());
            std::borrow::Cow::Owned(s)
        }
    };
    Some(CellText::Plain {
        text,
        start,
        end: ce,
    })
}

/// The start of the next run of exactly `n` backticks at or after `from`.
fn closing_ticks(bytes: &[u8], from: usize, n: usize) -> Option<usize> {
    let mut i = from;
    while let Some(off) = bytes.get(i..).and_then(|rest| memchr::memchr(b'`', rest)) {
        i += off;
        let len = bytes
            .get(i..)
            .map_or(0, |b| b.iter().take_while(|&&c| c == b'`').count());
        if len == n {
            return Some(i);
        }
        i += len;
    }
    None
}

/// `Some` when the trimmed cell has nothing but plain text and code spans: outside code
/// spans no character that can start inline markup, and `_` only between ASCII letters or
/// digits (where it can neither open nor close emphasis). Edges must not be non-ASCII
/// whitespace, which pulldown-cmark does not trim. Inside, where its first backtick is
/// (`None`: it has none).
fn plain_cell(content: &str) -> Option<Option<usize>> {
    let bytes = content.as_bytes();
    if content.starts_with(|c: char| c.is_whitespace())
        || content.ends_with(|c: char| c.is_whitespace())
    {
        return None;
    }
    let mut first_tick = None;
    let mut in_code = 0usize;
    let mut i = 0;
    loop {
        // Jump to the next byte that can matter: outside code spans any markup character,
        // inside only `` ` `` and `\`.
        let next = bytes.get(i..).and_then(|rest| match in_code {
            0 => find_markup(rest),
            _ => memchr::memchr2(b'`', b'\\', rest),
        });
        let Some(off) = next else {
            return Some(first_tick);
        };
        i += off;
        match bytes.get(i) {
            Some(b'`') => {
                first_tick.get_or_insert(i);
                let n = bytes
                    .get(i..)
                    .map_or(0, |r| r.iter().take_while(|&&c| c == b'`').count());
                if in_code == 0 {
                    in_code = n;
                } else if n == in_code {
                    in_code = 0;
                }
                i += n;
            }
            Some(b'_') => {
                let before = i.checked_sub(1).and_then(|j| bytes.get(j));
                let after = bytes.get(i + 1);
                if !(before.is_some_and(u8::is_ascii_alphanumeric)
                    && after.is_some_and(u8::is_ascii_alphanumeric))
                {
                    return None;
                }
                i += 1;
            }
            // `\` anywhere, or a character that can start inline markup outside code.
            _ => return None,
        }
    }
}

/// The first byte of `bytes` that [`is_markup`]. Eight bytes at a time: a table lookup
/// per byte, one branch per eight (a byte-at-a-time `matches!` was ~7 % of a whole run).
fn find_markup(bytes: &[u8]) -> Option<usize> {
    let markup = |b: &u8| MARKUP.get(usize::from(*b)).copied().unwrap_or(false);
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        if chunk.iter().fold(false, |hit, b| hit | markup(b)) {
            return chunk.iter().position(markup).map(|i| at + i);
        }
        at += 8;
    }
    chunks.remainder().iter().position(markup).map(|i| at + i)
}

/// [`is_markup`] as a table.
static MARKUP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        // In bounds: `b < 256`, the table's length (`get_mut` is not const yet).
        #[allow(clippy::indexing_slicing)]
        {
            table[b] = is_markup(b as u8);
        }
        b += 1;
    }
    table
};

/// The bytes [`plain_cell`] stops at outside code spans: `` ` ``, `\\`, `_`, and every
/// character that can start inline markup.
const fn is_markup(b: u8) -> bool {
    matches!(
        b,
        b'`' | b'\\'
            | b'_'
            | b'*'
            | b'<'
            | b'>'
            | b'&'
            | b'['
            | b']'
            | b'!'
            | b'~'
            | b'$'
            | b'^'
            | b'='
            | b'+'
            | b'#'
    )
}

/// A cell pulldown-cmark reads: the cell alone in a one-column table, offsets shifted.
fn slow_cell(text: &str, start: usize, end: usize) -> Option<Inline<'_>> {
    const PREFIX: &str = "|x|\n|-|\n|";
    let raw = text.get(start..end)?;
    let mini = format!("{PREFIX}{raw}|\n");
    let shift = |p: usize| (p + start).checked_sub(PREFIX.len());
    let mut inline = Inline::new(text);
    let mut in_row = false;
    for (event, range) in Parser::new_ext(&mini, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::TableRow) => in_row = true,
            Event::End(TagEnd::TableRow) => in_row = false,
            _ if !in_row => {}
            Event::Text(t) | Event::InlineHtml(t) | Event::Html(t) => {
                inline.push_text(&t, shift(range.start)?, shift(range.end)?)
            }
            Event::Code(c) => inline.push_code(&c, text, shift(range.start)?, shift(range.end)?),
            Event::SoftBreak | Event::HardBreak => {
                inline.push_break(shift(range.start)?, shift(range.end)?)
            }
            _ => {}
        }
    }
    Some(inline)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;

    type Summary = (
        &'static str,
        usize,
        usize,
        usize,
        String,
        Option<(String, usize)>,
    );

    /// What the reader takes from each block: kind, level or depth, range, text and the
    /// leading code span.
    fn summary(blocks: &[Block<'_>]) -> Vec<Summary> {
        blocks
            .iter()
            .map(|b| {
                let (kind, n, start, end, inline) = match b {
                    Block::Heading {
                        level,
                        inline,
                        start,
                        end,
                    } => ("heading", usize::from(*level), *start, *end, inline),
                    Block::Paragraph { inline, start, end } => {
                        ("paragraph", 0, *start, *end, inline)
                    }
                    Block::Item {
                        inline,
                        depth,
                        start,
                        end,
                    } => ("item", *depth, *start, *end, inline),
                    _ => panic!("no tables in prose"),
                };
                let code = inline.leading_code().map(|(c, e)| (c.to_owned(), e));
                (kind, n, start, end, inline.text.to_string(), code)
            })
            .collect()
    }

    /// The scanner's blocks, pulldown-cmark's, and how many sections the scanner handed
    /// to pulldown-cmark.
    fn both(text: &str) -> (usize, Vec<Summary>, Vec<Summary>) {
        let mut fast = Vec::new();
        let parsed = prose_into(text, 0..text.len(), &mut |b| fast.push(b));
        let mut reference = Vec::new();
        collect_blocks_into(text, 0..text.len(), &mut |b| reference.push(b));
        (parsed, summary(&fast), summary(&reference))
    }

    proptest::proptest! {
        #[test]
        fn find_markup_finds_the_first_markup_byte(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40)) {
            proptest::prop_assert_eq!(find_markup(&bytes), bytes.iter().position(|&b| is_markup(b)));
        }
    }

    #[test]
    fn plain_cells_are_their_trimmed_byte_ranges() {
        let row = "| a b |  | `c` | d `e` | *f* | \u{a0}g |   x.y_z  |";
        let kinds: Vec<_> = split_cells_owned(row)
            .into_iter()
            .map(|(s, e)| match read_cell(row, s, e).unwrap() {
                CellText::Plain { text, start, end } => {
                    ("plain", format!("{text} @ {}", &row[start..end]))
                }
                CellText::Inline(i) => ("inline", i.text.to_string()),
            })
            .collect();
        let want = [
            ("plain", "a b @ a b"),
            ("plain", " @ "),
            ("plain", "c @ c`"),
            ("plain", "d e @ d `e`"),
            ("inline", "f"),
            ("inline", "\u{a0}g"),
            ("plain", "x.y_z @ x.y_z"),
        ];
        assert_eq!(kinds, want.map(|(k, t)| (k, t.to_owned())));
    }

    fn split_cells_owned(line: &str) -> Vec<(usize, usize)> {
        let mut cells = Vec::new();
        split_cells(line, &mut cells).unwrap();
        cells
    }

    #[test]
    fn a_decision_section_is_scanned_as_pulldown_cmark_reads_it() {
        let text = "## Broad UAT Decision\n\nReady for broad UAT, subject to readiness:\n\n- `FLOW-A-001`\n* `FLOW-B-001`: needs `T-1`.  \n\n- `FLOW-C-001`\n\nBlocked:\n- `FLOW-D-001` *waits*\n- ` FLOW-E-001 `\n\n\n### Sub `x`  \nText with <b>html</b>.\n# Next #x\n2026 is a year\n#\n- x";
        let (parsed, fast, reference) = both(text);
        assert_eq!(parsed, 1, "only the last section (`#` alone) is parsed");
        assert_eq!(fast, reference);
        let plain = "## Broad UAT Decision\n\nBlocked:\n\n- `FLOW-D-001`: needs `T-1`\n";
        let (parsed, fast, reference) = both(plain);
        assert_eq!(parsed, 0);
        assert_eq!(fast, reference);
        assert_eq!(fast.len(), 3);
    }

    #[test]
    fn sections_with_other_blocks_go_to_pulldown_cmark() {
        for section in [
            "- a\n  continued\n",
            "- a\nlazy\n",
            "para\nmore\n",
            "Title\n===\n",
            "> q\n",
            "1. x\n",
            "- 1. x\n",
            "- - x\n",
            "  - x\n",
            "***\n",
            "x\n---\n",
            "- ```\n  a\n",
            "- # x\n",
            "-  x\n",
            "+ x\n",
            "é\n",
            "## x ##\n",
        ] {
            let text =
                format!("# Head\n\n- `FLOW-A-001`\n\n## Other\n\n{section}\n## Last\n\n- b\n");
            let (parsed, fast, reference) = both(&text);
            assert_eq!(parsed, 1, "{section:?}");
            assert_eq!(fast, reference, "{section:?}");
        }
    }
}

//! The `Broad UAT Decision` section: render the computed decision in the document's own
//! style, and rewrite the declared section in place.
//!
//! The rewrite is a minimal edit of the section, so a pull request shows only what moved:
//! - a flow that keeps its bucket keeps its bullet byte for byte (note, wrapping, marker);
//! - a flow that changes bucket carries its bullet (and note) to its new bucket;
//! - bullets for unknown or duplicated flows are removed; flows missing from the section
//!   are added at the end of their bucket;
//! - lead-in lines, prose and non-flow bullets are kept where they are;
//! - flow bullets before any lead-in line (in no bucket) are moved into their buckets;
//! - every byte outside the section is left as it was, and the document's line endings
//!   (LF or CRLF) are used for new lines;
//! - an insertion never joins what follows it: a blank line separates new lines from a
//!   table, a paragraph or any other block right after them (CommonMark would otherwise
//!   read them as one list item).
//!
//! [`write()`] is the safe entry point: it rewrites, then re-reads the result and refuses
//! (with [`Refusal`]) anything that would change the document outside the decision
//! bullets, leave drift, or change again on a second write.
//!
//! Invariants (tested in `core/tests/decision_block.rs` and, over generated sections, in
//! `core/tests/decision_write_props.rs`): rewriting a document whose declared decision
//! matches the computed one returns it unchanged; when [`write()`] returns a new text, that
//! text has no drift findings (FR501–FR504), a second [`write()`] leaves it unchanged, and it
//! parses to the same flows, rows, gap list, register and prose as before.

mod check;

pub use check::{verify, write, Refusal};

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::model::{Decision, DeclaredDecision, DeclaredEntry, Flow, Matrix};
use crate::report::Report;

/// The buckets in the order the section lists them.
const BUCKETS: [Decision; 3] = [Decision::Ready, Decision::AcceptedGap, Decision::Blocked];

/// The heading used when the section has to be created.
const HEADING: &str = "## Broad UAT Decision";

/// The lead-in used for a bucket the document has no lead-in for. Each starts with the
/// words the parser recognises.
fn default_lead_in(bucket: Decision) -> &'static str {
    match bucket {
        Decision::Ready => "Ready for broad UAT:",
        Decision::AcceptedGap => "Ready with accepted gaps:",
        Decision::Blocked => "Blocked or not ready:",
    }
}

/// Renders the computed decision as a complete section, without the source document: a
/// `## Broad UAT Decision` heading, then each bucket's lead-in (the document's own, when
/// it declares one) and one bullet per flow, keeping each flow's declared note. Lines end
/// with `\n`. Use [`section`] to get exactly what [`rewrite`] would write.
pub fn render_section(matrix: &Matrix, report: &Report) -> String {
    let declared = matrix.declared_decision.as_ref();
    let notes: HashMap<&str, &str> = declared
        .map(|d| {
            d.entries
                .iter()
                .filter_map(|e| e.note.as_deref().map(|n| (e.flow.as_str(), n)))
                .collect()
        })
        .unwrap_or_default();
    let by_id = matrix.flow_index();
    let mut out = String::new();
    out.push_str(HEADING);
    out.push('\n');
    for bucket in BUCKETS {
        let ids = computed_ids(report, bucket);
        let lead_in = declared
            .and_then(|d| d.lead_ins.iter().find(|l| l.bucket == Some(bucket)))
            .map_or(default_lead_in(bucket), |l| l.text.as_str());
        out.push('\n');
        out.push_str(lead_in);
        out.push_str("\n\n");
        if ids.is_empty() {
            out.push_str("- none\n");
        }
        for id in ids {
            out.push_str("- ");
            out.push_str(&code_span(id));
            match notes.get(id) {
                Some(note) => {
                    out.push_str(": ");
                    out.push_str(&note.replace("\r\n", "\n"));
                }
                None => out.push_str(&generated_note(&by_id, bucket, id)),
            }
            out.push('\n');
        }
    }
    out
}

/// The section as [`rewrite`] writes it into `text`: the declared section with the
/// computed decision applied, or a new section when the document has none. `matrix` must
/// be `parse(text)`.
pub fn section(text: &str, matrix: &Matrix, report: &Report) -> String {
    let rewritten = rewrite(text, matrix, report);
    let new_section = match &matrix.declared_decision {
        Some(d) => {
            // Every edit lies inside the section, so it starts where it did and its
            // length changes by the growth of the whole document.
            let end = (d.span.end + rewritten.len()).saturating_sub(text.len());
            rewritten.get(d.span.start..end)
        }
        None => rewritten
            .get(text.len()..)
            .map(|s| s.trim_start_matches(['\r', '\n'])),
    };
    new_section.unwrap_or_default().to_owned()
}

/// Rewrites the `Broad UAT Decision` section of `text` to the computed decision in
/// `report`, changing nothing outside it (see the module docs). When the document has no
/// such section, one is appended. `matrix` must be `parse(text)` and `report` its
/// evaluation.
pub fn rewrite(text: &str, matrix: &Matrix, report: &Report) -> String {
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let Some(declared) = &matrix.declared_decision else {
        return append_section(text, matrix, report, nl);
    };
    // Spans that do not fit the text (a matrix from another text): leave it alone.
    let Some((edits, new_buckets)) = plan(text, matrix, report, declared, nl, false) else {
        return text.to_owned();
    };
    let tidy = apply(text, edits, nl);
    // A lead-in placed among the existing buckets takes over whatever follows it up to
    // the next paragraph. When re-reading shows that it took over something it should
    // not have, the new buckets go to the end of the section instead, where nothing
    // follows them.
    if !new_buckets || check::settles(text, declared, &tidy, report) {
        return tidy;
    }
    match plan(text, matrix, report, declared, nl, true) {
        Some((edits, _)) => apply(text, edits, nl),
        None => tidy,
    }
}

/// Flow IDs the report puts in `bucket`, in document order, each once.
fn computed_ids(report: &Report, bucket: Decision) -> Vec<&str> {
    let mut seen = HashSet::new();
    report
        .flows
        .iter()
        .filter(|f| seen.insert(f.id.as_str()))
        .filter(|f| f.decision == bucket)
        .map(|f| f.id.as_str())
        .collect()
}

/// The note of a bullet flowready has to write from scratch: the open tasks a blocked flow
/// needs or an accepted gap follows up; nothing for a ready flow.
fn generated_note(flows: &HashMap<&str, &Flow>, bucket: Decision, id: &str) -> String {
    let tasks: Vec<String> = flows
        .get(id)
        .map(|f| f.open_tasks().map(|t| format!("`{}`", t.id)).collect())
        .unwrap_or_default();
    if tasks.is_empty() {
        return String::new();
    }
    match bucket {
        Decision::Ready => String::new(),
        Decision::AcceptedGap => format!(": follow-up {}.", tasks.join(", ")),
        Decision::Blocked => format!(": needs {}.", tasks.join(", ")),
    }
}

/// A flow ID as a Markdown code span that reads back as exactly `id`: backticks inside
/// the ID get a longer fence, and a space pads an ID that starts or ends with a backtick.
pub fn code_span(id: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in id.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = if id.starts_with('`')
        || id.ends_with('`')
        || (id.starts_with(' ') && id.ends_with(' ') && !id.trim().is_empty())
    {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{id}{pad}{fence}")
}

/// What must separate an inserted piece from the text that follows it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Nothing: a deletion, or a replacement of whole lines by the same kind of lines.
    None,
    /// New bullets joining a list: a blank line unless the next line is blank or another
    /// list item (anything else would become the last bullet's continuation text).
    List,
    /// A new block (lead-in and bullets): a blank line unless the next line is blank.
    Block,
}

/// One edit of the original text: replace `range` with `with`.
struct Edit {
    range: Range<usize>,
    with: String,
    gap: Gap,
}

impl Edit {
    fn delete(range: Range<usize>) -> Self {
        Self {
            range,
            with: String::new(),
            gap: Gap::None,
        }
    }

    fn insert(at: usize, with: String, gap: Gap) -> Self {
        Self {
            range: at..at,
            with,
            gap,
        }
    }
}

fn apply(text: &str, mut edits: Vec<Edit>, nl: &str) -> String {
    // Insertions before deletions at the same offset, so an insertion lands where the
    // deleted bullets were.
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 256);
    // Where each inserted piece starts and ends in `out`, and what must follow it.
    let mut inserted: Vec<(usize, usize, Gap)> = Vec::new();
    let mut at = 0;
    for edit in edits {
        if edit.range.start < at {
            continue;
        }
        out.push_str(text.get(at..edit.range.start).unwrap_or_default());
        if !edit.with.is_empty() {
            let start = out.len();
            out.push_str(&edit.with);
            inserted.push((start, out.len(), edit.gap));
        }
        at = edit.range.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    // Fix the seams from the last insertion back, so earlier offsets stay valid.
    for &(start, end, gap) in inserted.iter().rev() {
        if needs_gap(&out, end, gap) {
            out.insert_str(end, nl);
        }
        // A piece inserted after a last line without a line ending starts a new line.
        if start > 0 && !out.get(..start).is_some_and(|b| b.ends_with('\n')) {
            out.insert_str(start, nl);
        }
    }
    out
}

/// True when the text at `at` needs a blank line before it to stay a block of its own.
fn needs_gap(out: &str, at: usize, gap: Gap) -> bool {
    let rest = out.get(at..).unwrap_or_default();
    let next = rest.split('\n').next().unwrap_or_default();
    if next.trim().is_empty() {
        return false;
    }
    match gap {
        Gap::None => false,
        Gap::Block => true,
        Gap::List => !is_list_item(next),
    }
}

/// True for a line that starts a bullet (`-`, `*`, `+`) or an ordered item (`1.`, `1)`).
fn is_list_item(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return false;
    }
    let rest = match t.strip_prefix(['-', '*', '+']) {
        Some(rest) => rest,
        None => {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > 9 {
                return false;
            }
            match t.get(digits..).and_then(|r| r.strip_prefix(['.', ')'])) {
                Some(rest) => rest,
                None => return false,
            }
        }
    };
    rest.is_empty() || rest.starts_with([' ', '\t', '\r'])
}

/// Start of the line holding byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// Just past the line ending of the line holding byte `at` (or the end of the text).
fn line_end(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|s| s.find('\n'))
        .map_or(text.len(), |i| at + i + 1)
}

/// The whole lines a bullet occupies, line ending included.
fn lines(text: &str, entry: &DeclaredEntry) -> Option<Range<usize>> {
    span_lines(text, &entry.span)
}

/// A `- none` bullet that stands for an empty bucket.
struct Placeholder {
    bucket: Decision,
    lines: Range<usize>,
}

/// The fence a line opens or closes a code block with (```` ``` ```` or `~~~`), if any.
fn fence_of(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = t.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

fn is_placeholder(line: &str) -> bool {
    let t = line.trim();
    let Some(rest) = t.strip_prefix(['-', '*', '+']) else {
        return false;
    };
    let word = rest.trim().trim_end_matches('.');
    word.eq_ignore_ascii_case("none") || word.eq_ignore_ascii_case("_none_")
}

fn placeholders(text: &str, declared: &DeclaredDecision) -> Vec<Placeholder> {
    let mut out = Vec::new();
    let mut at = declared.heading.end.max(declared.span.start);
    // The fence of the code block the scan is in: its character and length.
    let mut fence: Option<(char, usize)> = None;
    while at < declared.span.end {
        let end = line_end(text, at).min(declared.span.end);
        if end <= at {
            break;
        }
        let line = text.get(at..end).unwrap_or_default();
        let open = fence_of(line);
        match (fence, open) {
            (None, Some(f)) => fence = Some(f),
            (Some((c, n)), Some((c2, n2))) if c == c2 && n2 >= n => fence = None,
            _ => {}
        }
        if fence.is_none() && open.is_none() && is_placeholder(line) {
            let bucket = declared
                .lead_ins
                .iter()
                .rev()
                .find(|l| l.span.start < at)
                .and_then(|l| l.bucket);
            if let Some(bucket) = bucket {
                out.push(Placeholder {
                    bucket,
                    lines: at..end,
                });
            }
        }
        at = end;
    }
    out
}

/// The marker (`- `, `* `, with any indentation) of the bullet at `span`, if it is a
/// plain one-character bullet.
fn marker_at(text: &str, span: &crate::span::Span) -> Option<String> {
    let start = line_start(text, span.start);
    let line = text.get(start..span.end)?;
    let m = line.find('`').and_then(|i| line.get(..i))?;
    let t = m.trim();
    let indent = m.len() - m.trim_start().len();
    (matches!(t, "-" | "*" | "+") && m.ends_with(' ') && indent <= 3).then(|| m.to_owned())
}

/// The bullet marker the section uses, taken from its first flow bullet.
fn marker(text: &str, declared: &DeclaredDecision) -> String {
    declared
        .entries
        .first()
        .and_then(|e| marker_at(text, &e.span))
        .unwrap_or_else(|| "- ".to_owned())
}

/// Where a flow's bullet is now: under a lead-in (`Some(bucket)`) or unplaced (`None`).
struct Source<'a> {
    bucket: Option<Decision>,
    span: &'a crate::span::Span,
}

/// Computes the edits that bring the declared section in line with the report.
fn plan(
    text: &str,
    matrix: &Matrix,
    report: &Report,
    declared: &DeclaredDecision,
    nl: &str,
    at_end: bool,
) -> Option<(Vec<Edit>, bool)> {
    if declared.span.end > text.len() || declared.heading.end > text.len() {
        return None;
    }
    let computed: HashMap<&str, Decision> = {
        let mut m = HashMap::new();
        for f in &report.flows {
            m.entry(f.id.as_str()).or_insert(f.decision);
        }
        m
    };
    // The first bullet of each flow under a lead-in, else its first unplaced bullet;
    // every other bullet of it is a duplicate.
    let mut first: HashMap<&str, Source> = HashMap::new();
    let mut kept: Vec<&DeclaredEntry> = Vec::new();
    let mut removed: Vec<(Option<Decision>, &crate::span::Span)> = Vec::new();
    for entry in &declared.entries {
        let id = entry.flow.as_str();
        if first.contains_key(id) {
            removed.push((Some(entry.bucket), &entry.span));
            continue;
        }
        first.insert(
            id,
            Source {
                bucket: Some(entry.bucket),
                span: &entry.span,
            },
        );
        if computed.get(id) == Some(&entry.bucket) {
            kept.push(entry);
        } else {
            removed.push((Some(entry.bucket), &entry.span));
        }
    }
    for entry in &declared.unplaced {
        let id = entry.flow.as_str();
        if !first.contains_key(id) {
            first.insert(
                id,
                Source {
                    bucket: None,
                    span: &entry.span,
                },
            );
        }
        removed.push((None, &entry.span));
    }
    let marker = marker(text, declared);
    let placeholders = placeholders(text, declared);
    let by_id = matrix.flow_index();
    let mut edits = Vec::new();
    let mut new_buckets = false;
    for (_, span) in &removed {
        edits.push(Edit::delete(span_lines(text, span)?));
    }
    for bucket in BUCKETS {
        let last_kept = kept.iter().rfind(|e| e.bucket == bucket);
        let placeholder = placeholders.iter().find(|p| p.bucket == bucket);
        let first_removed = removed
            .iter()
            .filter(|(b, _)| *b == Some(bucket))
            .find_map(|(_, span)| span_lines(text, span).map(|r| (r, *span)));
        // New bullets follow the marker of the bullet they join.
        let local = last_kept
            .and_then(|e| marker_at(text, &e.span))
            .or_else(|| first_removed.as_ref().and_then(|(_, s)| marker_at(text, s)))
            .unwrap_or_else(|| marker.clone());
        let mut bullets = String::new();
        for id in computed_ids(report, bucket) {
            match first.get(id) {
                Some(source) if source.bucket == Some(bucket) => {}
                Some(source) => {
                    // Moved: the bullet travels with its note, re-indented to its new list.
                    let b = span_body(text, source.span)?;
                    let start = line_start(text, b.start);
                    let bullet = text.get(start..b.end)?;
                    match marker_at(text, source.span) {
                        Some(from) if from != local => {
                            bullets.push_str(&reindent(bullet, &from, &local));
                        }
                        _ => bullets.push_str(bullet),
                    }
                    bullets.push_str(nl);
                }
                None => {
                    bullets.push_str(&format!(
                        "{local}{}{}{nl}",
                        code_span(id),
                        generated_note(&by_id, bucket, id)
                    ));
                }
            }
        }
        if bullets.is_empty() {
            // An emptied bucket keeps its lead-in, with a `none` bullet.
            if let (None, None, Some((r, _))) = (last_kept, placeholder, &first_removed) {
                edits.push(Edit::insert(r.start, format!("{local}none{nl}"), Gap::List));
            }
            continue;
        }
        if let Some(p) = placeholder {
            edits.push(Edit::delete(p.lines.clone()));
            edits.push(Edit::insert(p.lines.start, bullets, Gap::List));
        } else if let Some(last) = last_kept.and_then(|e| lines(text, e)) {
            edits.push(Edit::insert(last.end, bullets, Gap::List));
        } else if let Some((r, _)) = first_removed {
            edits.push(Edit::insert(r.start, bullets, Gap::List));
        } else if let Some(lead) = declared.lead_ins.iter().find(|l| l.bucket == Some(bucket)) {
            let at = line_end(text, lead.span.end.saturating_sub(1).max(lead.span.start));
            edits.push(Edit::insert(at, format!("{nl}{bullets}"), Gap::Block));
        } else {
            let block = format!("{}{nl}{nl}{bullets}", default_lead_in(bucket));
            new_buckets = true;
            if at_end {
                let content = text
                    .get(declared.span.start..declared.span.end)
                    .map_or(0, |s| s.trim_end().len());
                let at = line_end(text, (declared.span.start + content).saturating_sub(1));
                edits.push(Edit::insert(at, format!("{nl}{block}"), Gap::Block));
            } else {
                edits.push(new_bucket_edit(text, declared, &kept, bucket, block, nl));
            }
        }
    }
    Some((edits, new_buckets))
}

/// `bullet` (whose first line starts with the marker `from`) with the marker `to`, and its
/// continuation lines shifted by the difference, so it stays one item of the same depth.
fn reindent(bullet: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(bullet.len());
    for (i, line) in bullet.split_inclusive('\n').enumerate() {
        if i == 0 {
            out.push_str(to);
            out.push_str(line.get(from.len()..).unwrap_or_default());
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent >= from.len() {
            out.push_str(&" ".repeat(to.len()));
            out.push_str(line.get(from.len()..).unwrap_or_default());
        } else {
            out.push_str(line);
        }
    }
    out
}

/// A bullet's own bytes: its span without the blank lines a list's last item swallows.
fn span_body(text: &str, span: &crate::span::Span) -> Option<Range<usize>> {
    let raw = text.get(span.start..span.end)?;
    let trimmed = raw.trim_end_matches(['\r', '\n', ' ', '\t']);
    Some(span.start..span.start + trimmed.len())
}

/// The whole lines a bullet occupies, line ending included.
fn span_lines(text: &str, span: &crate::span::Span) -> Option<Range<usize>> {
    let b = span_body(text, span)?;
    Some(line_start(text, b.start)..line_end(text, b.end.saturating_sub(1).max(b.start)))
}

/// Where a bucket the section has no lead-in for goes: before the lead-in of a later
/// bucket, else after the last line of an earlier bucket, else right after the heading.
fn new_bucket_edit(
    text: &str,
    declared: &DeclaredDecision,
    kept: &[&DeclaredEntry],
    bucket: Decision,
    block: String,
    nl: &str,
) -> Edit {
    let rank = |b: Decision| BUCKETS.iter().position(|x| *x == b).unwrap_or(0);
    let later = declared
        .lead_ins
        .iter()
        .find(|l| l.bucket.is_some_and(|b| rank(b) > rank(bucket)));
    if let Some(lead) = later {
        let at = line_start(text, lead.span.start);
        // A blank line before the new lead-in, unless the text before already ends in one.
        let before = text.get(..at).unwrap_or_default();
        let open = if at == declared.heading.start
            || before.ends_with("\n\n")
            || before.ends_with("\n\r\n")
        {
            ""
        } else {
            nl
        };
        return Edit::insert(at, format!("{open}{block}{nl}"), Gap::Block);
    }
    let earlier_end = declared
        .lead_ins
        .iter()
        .filter(|l| l.bucket.is_some_and(|b| rank(b) < rank(bucket)))
        .map(|l| line_end(text, l.span.end.saturating_sub(1).max(l.span.start)))
        .chain(
            kept.iter()
                .filter(|e| rank(e.bucket) < rank(bucket))
                .filter_map(|e| lines(text, e).map(|r| r.end)),
        )
        .max();
    let at = earlier_end.unwrap_or_else(|| {
        line_end(
            text,
            declared
                .heading
                .end
                .saturating_sub(1)
                .max(declared.heading.start),
        )
    });
    Edit::insert(at, format!("{nl}{block}"), Gap::Block)
}

/// Appends a new section at the end of a document that has none.
fn append_section(text: &str, matrix: &Matrix, report: &Report, nl: &str) -> String {
    let mut out = text.to_owned();
    if !out.is_empty() {
        if !out.ends_with('\n') {
            out.push_str(nl);
        }
        if !out.ends_with("\n\n") && !out.ends_with("\n\r\n") {
            out.push_str(nl);
        }
    }
    let section = render_section(matrix, report);
    if nl == "\n" {
        out.push_str(&section);
    } else {
        out.push_str(&section.replace('\n', nl));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_read_back_as_the_id() {
        assert_eq!(code_span("FLOW-A-001"), "`FLOW-A-001`");
        assert_eq!(code_span("FLOW-B-001 (legacy)"), "`FLOW-B-001 (legacy)`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a"), "`` `a ``");
    }

    #[test]
    fn moved_bullets_are_reindented_to_their_list() {
        assert_eq!(
            reindent("  - `A`: a note\n    wrapped\nlazy", "  - ", "- "),
            "- `A`: a note\n  wrapped\nlazy"
        );
    }

    #[test]
    fn list_items_are_recognised() {
        assert!(is_list_item("- a"));
        assert!(is_list_item("12. a"));
        assert!(!is_list_item("---"));
        assert!(!is_list_item("| a |"));
        assert!(!is_list_item("    - code"));
    }
}

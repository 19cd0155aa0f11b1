//! The `Broad UAT Decision` section: render the computed decision in the document's own
//! style, and rewrite the declared section in place.
//!
//! The rewrite is a minimal edit of the section, so a pull request shows only what moved:
//! - a flow that keeps its bucket keeps its bullet byte for byte (note, wrapping, marker);
//! - a flow that changes bucket carries its bullet (and note) to its new bucket;
//! - bullets for unknown or duplicated flows are removed; flows missing from the section
//!   are added at the end of their bucket;
//! - lead-in lines, prose and non-flow bullets are kept where they are;
//! - every byte outside the section is left as it was, and the document's line endings
//!   (LF or CRLF) are used for new lines.
//!
//! Invariants (tested in `core/tests/decision_block.rs`): rewriting a document whose
//! declared decision matches the computed one returns it unchanged; rewriting is
//! idempotent; the rewritten document has no drift findings (FR501–FR504).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::model::{Decision, DeclaredDecision, DeclaredEntry, Matrix};
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
    let flows = matrix.flow_index();
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
            out.push_str("- `");
            out.push_str(id);
            out.push('`');
            match notes.get(id) {
                Some(note) => {
                    out.push_str(": ");
                    out.push_str(&note.replace("\r\n", "\n"));
                }
                None => out.push_str(&generated_note(&flows, bucket, id)),
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
    match plan(text, matrix, report, declared, nl) {
        Some(edits) => apply(text, edits),
        // Spans that do not fit the text (a matrix from another text): leave it alone.
        None => text.to_owned(),
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
fn generated_note(
    flows: &HashMap<&str, &crate::model::Flow>,
    bucket: Decision,
    id: &str,
) -> String {
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

/// One edit of the original text: replace `range` with `with`.
struct Edit {
    range: Range<usize>,
    with: String,
}

fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    // Insertions before deletions at the same offset, so an insertion lands where the
    // deleted bullets were.
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for edit in edits {
        if edit.range.start < at {
            continue;
        }
        out.push_str(text.get(at..edit.range.start).unwrap_or_default());
        out.push_str(&edit.with);
        at = edit.range.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
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

/// A bullet's own bytes: its span without the blank lines a list's last item swallows.
fn body(text: &str, entry: &DeclaredEntry) -> Option<Range<usize>> {
    let raw = text.get(entry.span.start..entry.span.end)?;
    let trimmed = raw.trim_end_matches(['\r', '\n', ' ', '\t']);
    Some(entry.span.start..entry.span.start + trimmed.len())
}

/// The whole lines a bullet occupies, line ending included.
fn lines(text: &str, entry: &DeclaredEntry) -> Option<Range<usize>> {
    let b = body(text, entry)?;
    Some(line_start(text, b.start)..line_end(text, b.end.saturating_sub(1).max(b.start)))
}

/// A `- none` bullet that stands for an empty bucket.
struct Placeholder {
    bucket: Decision,
    lines: Range<usize>,
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
    while at < declared.span.end {
        let end = line_end(text, at).min(declared.span.end);
        if end <= at {
            break;
        }
        let line = text.get(at..end).unwrap_or_default();
        if is_placeholder(line) {
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

/// The bullet marker the section uses (`- `, `* `), taken from its first flow bullet.
fn marker(text: &str, declared: &DeclaredDecision) -> String {
    declared
        .entries
        .first()
        .and_then(|e| {
            let start = line_start(text, e.span.start);
            let line = text.get(start..e.span.end)?;
            line.find('`')
                .and_then(|i| line.get(..i))
                .map(str::to_owned)
        })
        .filter(|m| !m.trim().is_empty() && m.trim().len() <= 2)
        .unwrap_or_else(|| "- ".to_owned())
}

/// Computes the edits that bring the declared section in line with the report.
fn plan(
    text: &str,
    matrix: &Matrix,
    report: &Report,
    declared: &DeclaredDecision,
    nl: &str,
) -> Option<Vec<Edit>> {
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
    // The first bullet of each flow; later ones are duplicates.
    let mut first: HashMap<&str, &DeclaredEntry> = HashMap::new();
    let mut kept: Vec<&DeclaredEntry> = Vec::new();
    let mut removed: Vec<&DeclaredEntry> = Vec::new();
    for entry in &declared.entries {
        let id = entry.flow.as_str();
        if first.contains_key(id) {
            removed.push(entry);
            continue;
        }
        first.insert(id, entry);
        if computed.get(id) == Some(&entry.bucket) {
            kept.push(entry);
        } else {
            removed.push(entry);
        }
    }
    let flows = matrix.flow_index();
    let marker = marker(text, declared);
    let placeholders = placeholders(text, declared);
    let mut edits = Vec::new();
    for entry in &removed {
        edits.push(Edit {
            range: lines(text, entry)?,
            with: String::new(),
        });
    }
    for bucket in BUCKETS {
        let mut bullets = String::new();
        for id in computed_ids(report, bucket) {
            match first.get(id) {
                Some(entry) if entry.bucket == bucket => {}
                Some(entry) => {
                    // Moved: the bullet travels with its note.
                    let b = body(text, entry)?;
                    let start = line_start(text, b.start);
                    bullets.push_str(text.get(start..b.end)?);
                    bullets.push_str(nl);
                }
                None => {
                    bullets.push_str(&format!(
                        "{marker}`{id}`{}{nl}",
                        generated_note(&flows, bucket, id)
                    ));
                }
            }
        }
        let has_kept = kept.iter().any(|e| e.bucket == bucket);
        let placeholder = placeholders.iter().find(|p| p.bucket == bucket);
        let first_removed = removed
            .iter()
            .filter(|e| e.bucket == bucket)
            .find_map(|e| lines(text, e));
        if bullets.is_empty() {
            // An emptied bucket keeps its lead-in, with a `none` bullet.
            if let (false, None, Some(r)) = (has_kept, placeholder, &first_removed) {
                edits.push(Edit {
                    range: r.start..r.start,
                    with: format!("{marker}none{nl}"),
                });
            }
            continue;
        }
        if let Some(p) = placeholder {
            edits.push(Edit {
                range: p.lines.clone(),
                with: bullets,
            });
        } else if let Some(last) = kept
            .iter()
            .filter(|e| e.bucket == bucket)
            .filter_map(|e| lines(text, e))
            .next_back()
        {
            edits.push(Edit {
                range: last.end..last.end,
                with: bullets,
            });
        } else if let Some(r) = first_removed {
            edits.push(Edit {
                range: r.start..r.start,
                with: bullets,
            });
        } else if let Some(lead) = declared.lead_ins.iter().find(|l| l.bucket == Some(bucket)) {
            let at = line_end(text, lead.span.end.saturating_sub(1).max(lead.span.start));
            edits.push(Edit {
                range: at..at,
                with: format!("{nl}{bullets}"),
            });
        } else {
            let block = format!("{}{nl}{nl}{bullets}", default_lead_in(bucket));
            edits.push(new_bucket_edit(text, declared, &kept, bucket, block, nl));
        }
    }
    Some(edits)
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
        return Edit {
            range: at..at,
            with: format!("{block}{nl}"),
        };
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
    Edit {
        range: at..at,
        with: format!("{nl}{block}"),
    }
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

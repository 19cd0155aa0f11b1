//! The write-time check: a rewrite is accepted only when re-reading it shows that nothing
//! but the decision bullets moved.
//!
//! The check does not trust the planner: it parses the rewritten text again and compares
//! it with the original, so an edit that CommonMark would read differently from what was
//! meant (a table turned into list text, a paragraph swallowed by a bullet) is refused
//! instead of written.

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;
use serde_json::Value;

use crate::diagnostics::Code;
use crate::model::{DeclaredDecision, Matrix};
use crate::report::{Options, Report};

/// Why [`write()`] refuses to rewrite a document. The document is to be left as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Refusal {
    /// The document has more than one `Broad UAT Decision` section (`FR506`).
    #[error("the document has {} `Broad UAT Decision` sections (lines {}); merge them into one", .lines.len(), join_lines(.lines))]
    SeveralSections {
        /// The 1-based lines of the section headings, in document order.
        lines: Vec<u32>,
    },
    /// The rewritten text would read differently outside the decision bullets.
    #[error("the rewrite would {0}")]
    WouldChange(String),
    /// The rewritten text would still drift, or change again on a second write.
    #[error("the rewrite would not settle: {0}")]
    WouldNotSettle(String),
}

fn join_lines(lines: &[u32]) -> String {
    let words: Vec<String> = lines.iter().map(u32::to_string).collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => words.join(""),
    }
}

/// Rewrites the decision section of `text` to the computed decision, safely: `Ok(None)`
/// when the section is already up to date, `Ok(Some(new_text))` when the rewrite passed
/// [`verify`], and `Err` (write nothing) otherwise. `matrix` must be `parse(text)` and
/// `report` its evaluation with `options`.
pub fn write(
    text: &str,
    matrix: &Matrix,
    report: &Report,
    options: &Options,
) -> Result<Option<String>, Refusal> {
    let repeated: Vec<u32> = matrix
        .findings
        .iter()
        .filter(|f| f.code == Code::DecisionSectionRepeated)
        .map(|f| f.line)
        .collect();
    if !repeated.is_empty() {
        let mut lines: Vec<u32> = matrix
            .declared_decision
            .iter()
            .map(|d| d.heading.line)
            .collect();
        lines.extend(repeated);
        return Err(Refusal::SeveralSections { lines });
    }
    let new = super::rewrite(text, matrix, report);
    if new == text {
        return Ok(None);
    }
    verify(text, matrix, &new, options)?;
    Ok(Some(new))
}

/// Checks that `new` is a safe rewrite of `old` (whose parse is `old_matrix`):
/// - every byte before and after the decision section is unchanged;
/// - it parses to the same title, metadata, definitions, flow tables, flows (every cell),
///   gap list, register and structural findings, apart from positions;
/// - inside the section, everything that is not a lead-in line, a flow bullet or a
///   `none` placeholder (prose, other bullets, tables, code) is the same text, in order;
/// - every flow keeps the note its bullet had;
/// - evaluated with `options`, it has no drift finding (FR501–FR504), and rewriting it
///   again changes nothing.
pub fn verify(old: &str, old_matrix: &Matrix, new: &str, options: &Options) -> Result<(), Refusal> {
    let change = |what: String| Err(Refusal::WouldChange(what));
    let new_matrix = crate::parse::parse(new);
    if new_matrix
        .findings
        .iter()
        .any(|f| f.code == Code::DecisionSectionRepeated)
    {
        return change("leave two `Broad UAT Decision` sections".to_owned());
    }
    same_model(old_matrix, &new_matrix)?;
    let Some(new_section) = &new_matrix.declared_decision else {
        return change("leave the document without a `Broad UAT Decision` section".to_owned());
    };
    match &old_matrix.declared_decision {
        Some(old_section) => {
            let (o, n) = (&old_section.span, &new_section.span);
            if n.start != o.start || old.get(..o.start) != new.get(..n.start) {
                return change(format!(
                    "change the text before the section (it starts at line {})",
                    old_section.heading.line
                ));
            }
            if old.get(o.end..) != new.get(n.end..) {
                return change(format!(
                    "change the text after the section (line {} onwards)",
                    line_at(old, o.end)
                ));
            }
        }
        None => {
            if !new.starts_with(old) || new_section.span.start < old.len() {
                return change("change the document before the appended section".to_owned());
            }
        }
    }
    if let Some(old_section) = &old_matrix.declared_decision {
        same_prose(old, old_section, new, new_section)?;
        same_notes(old_matrix, old_section, new_section)?;
    }
    let report = crate::gate::evaluate(&new_matrix, options);
    if let Some(f) = report.findings.iter().find(|f| {
        matches!(
            f.code,
            Code::DecisionDrift
                | Code::DecisionMissingFlow
                | Code::DecisionUnknownFlow
                | Code::DecisionDuplicate
        )
    }) {
        return Err(Refusal::WouldNotSettle(format!(
            "{} ({})",
            f.message, f.code
        )));
    }
    if super::rewrite(new, &new_matrix, &report) != new {
        return Err(Refusal::WouldNotSettle(
            "a second write would change the section again".to_owned(),
        ));
    }
    Ok(())
}

/// True when `new` (a rewrite of `old`, whose section is `section`) declares exactly the
/// computed decision of `report` and keeps the section's prose: what the planner's tidy
/// placement of new lead-in lines must achieve. Positions and rows are not compared here
/// (the planner edits only the section); [`verify`] checks everything.
pub(super) fn settles(old: &str, section: &DeclaredDecision, new: &str, report: &Report) -> bool {
    let matrix = crate::parse::parse(new);
    let Some(after) = &matrix.declared_decision else {
        return false;
    };
    if after.entries.len() != report.flows.len() || !after.unplaced.is_empty() {
        return false;
    }
    let computed: HashMap<&str, crate::model::Decision> = report
        .flows
        .iter()
        .map(|f| (f.id.as_str(), f.decision))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let declared_as_computed = after
        .entries
        .iter()
        .all(|e| seen.insert(e.flow.as_str()) && computed.get(e.flow.as_str()) == Some(&e.bucket));
    declared_as_computed && same_prose(old, section, new, after).is_ok()
}

/// The 1-based line of byte `at`.
fn line_at(text: &str, at: usize) -> usize {
    text.get(..at).map_or(0, |s| s.matches('\n').count()) + 1
}

/// `value` as JSON without positions (`span`, `line`, `column`), which move when the
/// section grows or shrinks.
fn positionless<T: Serialize>(value: &T) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.remove("span");
                map.remove("line");
                map.remove("column");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(value).unwrap_or(Value::Null);
    strip(&mut v);
    v
}

/// The parts of the model that lie outside the decision bullets must read the same.
fn same_model(old: &Matrix, new: &Matrix) -> Result<(), Refusal> {
    let change = |what: String| Err(Refusal::WouldChange(what));
    if old.title != new.title {
        return change("change the document's title".to_owned());
    }
    if positionless(&old.metadata) != positionless(&new.metadata)
        || old.stated_min_level != new.stated_min_level
    {
        return change("change the document's metadata lines".to_owned());
    }
    if positionless(&old.level_definitions) != positionless(&new.level_definitions)
        || positionless(&old.status_definitions) != positionless(&new.status_definitions)
    {
        return change("change the level or status definitions".to_owned());
    }
    if old.tables.len() != new.tables.len() {
        return change(format!(
            "read {} flow tables instead of {}",
            new.tables.len(),
            old.tables.len()
        ));
    }
    for (o, n) in old.tables.iter().zip(&new.tables) {
        if positionless(o) != positionless(n) {
            return change(format!("change the flow table at line {}", o.span.line));
        }
    }
    let old_ids: std::collections::HashSet<&str> =
        old.flows.iter().map(|f| f.id.as_str()).collect();
    let new_ids: std::collections::HashSet<&str> =
        new.flows.iter().map(|f| f.id.as_str()).collect();
    for o in &old.flows {
        if !new_ids.contains(o.id.as_str()) {
            return change(format!("drop flow `{}` (the row at line {})", o.id, o.line));
        }
    }
    for n in &new.flows {
        if !old_ids.contains(n.id.as_str()) {
            return change(format!("add a flow `{}`", n.id));
        }
    }
    if old.flows.len() != new.flows.len() {
        return change(format!(
            "read {} flow rows instead of {}",
            new.flows.len(),
            old.flows.len()
        ));
    }
    for (o, n) in old.flows.iter().zip(&new.flows) {
        if o.id != n.id {
            return change(format!("move the row of flow `{}`", o.id));
        }
        if positionless(o) != positionless(n) {
            return change(format!(
                "change the row of flow `{}` (line {})",
                o.id, o.line
            ));
        }
    }
    if old.gaps.len() != new.gaps.len() {
        return change(format!(
            "read {} gap-list rows instead of {}",
            new.gaps.len(),
            old.gaps.len()
        ));
    }
    for (o, n) in old.gaps.iter().zip(&new.gaps) {
        if positionless(o) != positionless(n) {
            return change(format!("change the gap-list row at line {}", o.line));
        }
    }
    if old.exceptions.len() != new.exceptions.len() {
        return change(format!(
            "read {} accepted-gap register rows instead of {}",
            new.exceptions.len(),
            old.exceptions.len()
        ));
    }
    for (o, n) in old.exceptions.iter().zip(&new.exceptions) {
        if positionless(o) != positionless(n) {
            return change(format!(
                "change the accepted-gap register row at line {}",
                o.line
            ));
        }
    }
    // Structural findings, by code and flow (messages may name lines, which move).
    let count = |m: &Matrix| {
        let mut c: HashMap<(Code, Option<String>), usize> = HashMap::new();
        for f in &m.findings {
            *c.entry((f.code, f.flow.clone())).or_default() += 1;
        }
        c
    };
    let (before, after) = (count(old), count(new));
    if before != after {
        let changed = after
            .iter()
            .find(|(k, n)| before.get(*k) != Some(n))
            .or_else(|| before.iter().find(|(k, n)| after.get(*k) != Some(n)));
        if let Some(((code, flow), _)) = changed {
            let about = flow
                .as_deref()
                .map(|f| format!(" about `{f}`"))
                .unwrap_or_default();
            return change(format!("change the {code} findings{about}"));
        }
    }
    Ok(())
}

/// The section's lines that are neither lead-in lines, flow bullets nor placeholders,
/// without blank lines: what a rewrite must keep, in order. Each with its offset.
fn prose<'a>(text: &'a str, section: &DeclaredDecision) -> Vec<(usize, &'a str)> {
    let mut skip: Vec<Range<usize>> = Vec::new();
    for span in section
        .entries
        .iter()
        .map(|e| &e.span)
        .chain(section.unplaced.iter().map(|e| &e.span))
    {
        if let Some(r) = super::span_lines(text, span) {
            skip.push(r);
        }
    }
    for lead in section.lead_ins.iter().filter(|l| l.bucket.is_some()) {
        let end = super::line_end(text, lead.span.end.saturating_sub(1).max(lead.span.start));
        skip.push(super::line_start(text, lead.span.start)..end);
    }
    skip.sort_by_key(|r| r.start);
    // Lines come in order, so the ranges are walked once, not searched per line.
    let mut next_skip = 0;
    let mut out = Vec::new();
    let mut at = section.span.start;
    let mut fence: Option<(char, usize)> = None;
    while at < section.span.end {
        let end = super::line_end(text, at).min(section.span.end);
        if end <= at {
            break;
        }
        let line = text.get(at..end).unwrap_or_default().trim_end();
        let open = super::fence_of(line);
        let fenced = fence.is_some();
        match (fence, open) {
            (None, Some(f)) => fence = Some(f),
            (Some((c, n)), Some((c2, n2))) if c == c2 && n2 >= n => fence = None,
            _ => {}
        }
        // `none` placeholders come and go with their buckets, wherever they are.
        let placeholder = !fenced && open.is_none() && super::is_placeholder(line);
        while skip.get(next_skip).is_some_and(|r| r.end <= at) {
            next_skip += 1;
        }
        let skipped = skip
            .get(next_skip..)
            .unwrap_or_default()
            .iter()
            .take_while(|r| r.start <= at)
            .any(|r| r.contains(&at));
        if !line.is_empty() && !placeholder && !skipped {
            out.push((at, line));
        }
        at = end;
    }
    out
}

fn same_prose(
    old: &str,
    old_section: &DeclaredDecision,
    new: &str,
    new_section: &DeclaredDecision,
) -> Result<(), Refusal> {
    let (before, after) = (prose(old, old_section), prose(new, new_section));
    let differs = before
        .iter()
        .zip(&after)
        .find(|((_, a), (_, b))| a != b)
        .map(|((at, line), _)| (*at, *line))
        .or_else(|| match before.len().cmp(&after.len()) {
            std::cmp::Ordering::Greater => before.get(after.len()).copied(),
            _ => None,
        });
    if let Some((at, line)) = differs {
        return Err(Refusal::WouldChange(format!(
            "change or fold into a bullet the section's line {}: `{}`",
            line_at(old, at),
            line.trim()
        )));
    }
    if let Some((_, line)) = after.get(before.len()) {
        return Err(Refusal::WouldChange(format!(
            "add the line `{}` to the section's text",
            line.trim()
        )));
    }
    Ok(())
}

/// A note with each line's indentation removed: a moved bullet is re-indented to the
/// list it joins.
fn squeeze(note: &str) -> String {
    note.lines().map(str::trim).collect::<Vec<_>>().join("\n")
}

/// Every flow keeps its note: the note of its first bullet (under a lead-in, else
/// unplaced) is the note of its bullet after the rewrite.
fn same_notes(
    old_matrix: &Matrix,
    old_section: &DeclaredDecision,
    new_section: &DeclaredDecision,
) -> Result<(), Refusal> {
    let mut notes: HashMap<&str, Option<&str>> = HashMap::new();
    for (flow, note) in old_section
        .entries
        .iter()
        .map(|e| (e.flow.as_str(), e.note.as_deref()))
        .chain(
            old_section
                .unplaced
                .iter()
                .map(|e| (e.flow.as_str(), e.note.as_deref())),
        )
    {
        notes.entry(flow).or_insert(note);
    }
    let flows: std::collections::HashSet<&str> =
        old_matrix.flows.iter().map(|f| f.id.as_str()).collect();
    let mut now_notes: HashMap<&str, Option<&str>> = HashMap::new();
    for e in &new_section.entries {
        now_notes
            .entry(e.flow.as_str())
            .or_insert(e.note.as_deref());
    }
    for (flow, note) in notes {
        let Some(note) = note else { continue };
        if !flows.contains(flow) {
            continue;
        }
        let now = now_notes.get(flow).copied().flatten();
        if now.map(squeeze) != Some(squeeze(note)) {
            return Err(Refusal::WouldChange(format!(
                "change the note of `{flow}` in the section"
            )));
        }
    }
    Ok(())
}

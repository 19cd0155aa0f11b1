//! Writes a [`Matrix`] back to Markdown in the seed's format.
//!
//! Round trip (property-tested): `parse(to_markdown(m))` has the same flows, gaps,
//! exceptions and declared decision as `m`, and `to_markdown` is a fixpoint after one trip.

use std::fmt::Write as _;

use crate::model::{Cell, Decision, Matrix};

/// Escapes text for a table cell so it reads back as the same text.
pub fn escape_cell(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let word = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphanumeric())
        };
        let needs = match c {
            '|' | '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '&' | '!' | '#' | '~' => true,
            // Intraword underscores (`ready_for_broad_uat`) never open emphasis.
            '_' => !(word(i.checked_sub(1)) && word(Some(i + 1))),
            _ => false,
        };
        if needs {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn row(out: &mut String, cells: impl Iterator<Item = String>) {
    out.push('|');
    for c in cells {
        let _ = write!(out, " {c} |");
    }
    out.push('\n');
}

fn table(out: &mut String, headers: &[String], rows: &[&[Cell]]) {
    row(out, headers.iter().map(|h| escape_cell(h)));
    row(out, headers.iter().map(|_| "---".to_owned()));
    for cells in rows {
        row(
            out,
            headers.iter().map(|h| {
                cells
                    .iter()
                    .find(|c| *c.column == **h)
                    .map(|c| escape_cell(&c.text))
                    .unwrap_or_default()
            }),
        );
    }
    out.push('\n');
}

/// Renders `matrix` as a Markdown document in the seed's layout.
pub fn to_markdown(matrix: &Matrix) -> String {
    let mut out = String::new();
    if let Some(title) = &matrix.title {
        let _ = writeln!(out, "# {title}\n");
    }
    if !matrix.metadata.is_empty() {
        for m in &matrix.metadata {
            let _ = writeln!(out, "{}: {}", m.key, m.value);
        }
        out.push('\n');
    }
    if let Some(level) = matrix.stated_min_level {
        let _ = writeln!(out, "## Purpose\n\nBroad UAT needs at least {level} coverage or an owner-backed exception.\n");
    }
    if !matrix.level_definitions.is_empty() {
        out.push_str("Coverage levels:\n\n");
        for d in &matrix.level_definitions {
            let _ = writeln!(out, "- {}: {}", d.name, d.text);
        }
        out.push('\n');
    }
    if !matrix.status_definitions.is_empty() {
        out.push_str("Statuses:\n\n");
        for d in &matrix.status_definitions {
            let _ = writeln!(out, "- `{}`: {}", d.name, d.text);
        }
        out.push('\n');
    }
    for (i, t) in matrix.tables.iter().enumerate() {
        let heading = t
            .heading
            .clone()
            .unwrap_or_else(|| "Flow Matrix".to_owned());
        let _ = writeln!(out, "## {heading}\n");
        let headers: Vec<String> = t.columns.iter().map(|c| c.header.clone()).collect();
        let rows: Vec<&[Cell]> = matrix
            .flows
            .iter()
            .filter(|f| f.table == i)
            .map(|f| f.cells.as_slice())
            .collect();
        table(&mut out, &headers, &rows);
    }
    if let Some(first) = matrix.exceptions.first() {
        out.push_str("## Accepted Gaps\n\n");
        let headers: Vec<String> = first.cells.iter().map(|c| c.column.to_string()).collect();
        let rows: Vec<&[Cell]> = matrix
            .exceptions
            .iter()
            .map(|e| e.cells.as_slice())
            .collect();
        table(&mut out, &headers, &rows);
    }
    if let Some(first) = matrix.gaps.first() {
        out.push_str("## Gap List\n\n");
        let headers: Vec<String> = first.cells.iter().map(|c| c.column.to_string()).collect();
        let rows: Vec<&[Cell]> = matrix.gaps.iter().map(|g| g.cells.as_slice()).collect();
        table(&mut out, &headers, &rows);
    }
    if let Some(d) = &matrix.declared_decision {
        out.push_str("## Broad UAT Decision\n\n");
        for (bucket, lead) in [
            (Decision::Ready, "Ready for broad UAT:"),
            (Decision::AcceptedGap, "Ready with accepted gaps:"),
            (Decision::Blocked, "Blocked or not ready:"),
        ] {
            let _ = writeln!(out, "{lead}\n");
            for e in d.entries.iter().filter(|e| e.bucket == bucket) {
                match &e.note {
                    Some(note) => {
                        let _ = writeln!(out, "- `{}`: {note}", e.flow);
                    }
                    None => {
                        let _ = writeln!(out, "- `{}`", e.flow);
                    }
                }
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_intraword_underscores() {
        assert_eq!(escape_cell("ready_for_broad_uat"), "ready_for_broad_uat");
        assert_eq!(escape_cell("a | b"), "a \\| b");
        assert_eq!(escape_cell("_x_"), "\\_x\\_");
    }
}

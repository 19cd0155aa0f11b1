//! The typed model of a Product Quality Flow Coverage Matrix.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::Finding;
use crate::span::Span;
use crate::vocab::{Column, Level, Priority, Status, Subpath};

/// A parsed matrix. Everything the gate needs, with the source span of every value.
///
/// Invariant (property-tested): the model does not depend on column order or line endings,
/// apart from byte offsets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Matrix<'src> {
    /// The document title (first level-1 heading), if any.
    pub title: Option<String>,
    /// `Key: value` lines at the top of the document (`Status:`, `Owner:`).
    pub metadata: Vec<Metadata>,
    /// The minimum level the document itself states ("at least L3 coverage"), if it does.
    pub stated_min_level: Option<Level>,
    /// Level definitions (`- L0: product intent …`), when the document has them.
    pub level_definitions: Vec<Definition>,
    /// Status definitions (`` - `blocked`: … ``), when the document has them.
    pub status_definitions: Vec<Definition>,
    /// The flow tables, in document order.
    pub tables: Vec<FlowTable>,
    /// Every flow row of every flow table, in document order.
    pub flows: Vec<Flow<'src>>,
    /// The gap-list rows, in document order.
    pub gaps: Vec<Gap<'src>>,
    /// The accepted-gap register rows, in document order.
    pub exceptions: Vec<Exception<'src>>,
    /// The declared `Broad UAT Decision`, if the document has that section.
    pub declared_decision: Option<DeclaredDecision>,
    /// Structural findings met while parsing (bad rows, unknown values, …).
    pub findings: Vec<Finding>,
}

/// A `Key: value` metadata line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Metadata {
    /// The key, as written (`Owner`).
    pub key: String,
    /// The value, code spans without backticks.
    pub value: String,
    /// 1-based line.
    pub line: u32,
}

/// A vocabulary definition from the document (`L3: frontend e2e …`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Definition {
    /// The defined term (`L3`, `needs_fixture`).
    pub name: String,
    /// Its definition text.
    pub text: String,
    /// 1-based line.
    pub line: u32,
}

/// One column of a table header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TableColumn {
    /// The header as written.
    pub header: String,
    /// The known column it names, or `None` for an extra column (kept as is).
    pub known: Option<Column>,
    /// Where the header cell is.
    pub span: Span,
}

/// A flow table: its header and where it sits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FlowTable {
    /// The heading the table sits under, if any.
    pub heading: Option<String>,
    /// The priority that heading names (`P0 Flow Matrix`), if exactly one.
    pub heading_priority: Option<Priority>,
    /// Header columns in document order.
    pub columns: Vec<TableColumn>,
    /// The whole table.
    pub span: Span,
}

/// One cell, with its text and where it is.
///
/// The text borrows the parsed source (`'src`) whenever it is the source as written
/// (trimmed), which is most cells; it is owned only where reading changed it (code-span
/// backticks removed, escapes resolved). [`Matrix::into_owned`] detaches a model from
/// its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Cell<'src> {
    /// The header of the cell's column, as written.
    pub column: std::sync::Arc<str>,
    /// The known column, or `None` for an extra column.
    pub known: Option<Column>,
    /// The cell's text: trimmed, code spans without backticks, escapes resolved.
    pub text: Cow<'src, str>,
    /// The cell's source (between its pipes, trimmed).
    pub span: Span,
}

impl Cell<'_> {
    /// The same cell, owning its text.
    pub fn into_owned(self) -> Cell<'static> {
        Cell {
            column: self.column,
            known: self.known,
            text: Cow::Owned(self.text.into_owned()),
            span: self.span,
        }
    }
}

fn owned_cells(cells: Vec<Cell<'_>>) -> Vec<Cell<'static>> {
    cells.into_iter().map(Cell::into_owned).collect()
}

/// A gap task named in a flow's `Gap Task` cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GapTask {
    /// The task ID (`HARNESS-FIX-FLOW-COVERAGE-SUMMARY-GATE-001`).
    pub id: String,
    /// True when the cell marks the task `closed`.
    pub closed: bool,
    /// Where the task is written.
    pub span: Span,
}

/// A flow row.
///
/// Its four lists (entry points, automation anchors, UAT rows, owners) are not stored:
/// [`Flow::entry_points`] and its siblings read them from their cells when asked, so
/// a parse allocates nothing for them. The JSON model still has them, as arrays; read
/// back from JSON, a flow takes them from its cells again (the arrays are not read).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Flow<'src> {
    /// The flow ID (`FLOW-AUTH-SESSION-001`).
    pub id: String,
    /// From the `Priority` column, else from the nearest heading above naming one.
    pub priority: Option<Priority>,
    /// The coverage level; `None` when the cell is empty or not a level.
    pub level: Option<Level>,
    /// The status; `None` when the cell is empty or not a status.
    pub status: Option<Status>,
    /// Gap tasks (list; `none` is empty).
    pub gap_tasks: Vec<GapTask>,
    /// Every cell of the row, in the table's column order; extra columns included.
    /// [`Flow::cell`] finds a known column's cell through an index built when the row is
    /// read: after changing `cells` by hand, call [`Flow::reindex`].
    pub cells: Vec<Cell<'src>>,
    /// Where each known column's cell is in `cells` (not part of the JSON model).
    #[serde(skip)]
    pub(crate) columns: ColumnIndex,
    /// The index of the flow table this row belongs to (into `Matrix::tables`).
    pub table: usize,
    /// 1-based line of the row.
    pub line: u32,
    /// The whole row.
    pub span: Span,
}

/// The position in a flow's `cells` of each known column's (first) cell, by
/// [`Column`] discriminant: `0` for "not indexed, scan" (a flow built by hand or read
/// back from JSON), `n` for `cells[n - 1]`, [`ColumnIndex::ABSENT`] for "no such cell".
/// A cache of `cells`, so it never makes two flows unequal.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ColumnIndex([u8; 32]);

impl ColumnIndex {
    const ABSENT: u8 = u8::MAX;

    /// The index of `cells`.
    pub(crate) fn of(cells: &[Cell<'_>]) -> Self {
        let mut slots = [Self::ABSENT; 32];
        for (i, cell) in cells.iter().enumerate() {
            let Some(known) = cell.known else { continue };
            if let Some(slot) = slots.get_mut(known as usize) {
                if *slot == Self::ABSENT {
                    // Past what a byte holds, the column is looked up by a scan.
                    *slot = u8::try_from(i + 1)
                        .ok()
                        .filter(|&n| n < Self::ABSENT)
                        .unwrap_or(0);
                }
            }
        }
        Self(slots)
    }
}

impl PartialEq for ColumnIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A list cell's items (`a; b, c`): split on `;` or `,`, trimmed, blank items and a
/// blank cell (`none`, `n/a`, `-`) dropped. A view of the cell's text: it costs nothing
/// until iterated, and each item borrows the text. Two lists are equal when their items
/// are (`a, b` equals `a; b`).
#[derive(Debug, Clone, Copy, Default)]
pub struct List<'a>(&'a str);

impl PartialEq for List<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for List<'_> {}

impl<'a> List<'a> {
    /// The items of `text` read as a list cell.
    pub fn of(text: &'a str) -> Self {
        Self(text)
    }

    /// The items, in order.
    pub fn iter(&self) -> ListIter<'a> {
        ListIter {
            text: self.0,
            items: crate::parse::cells::list_items(self.0),
        }
    }

    /// True when the list has no item.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// How many items the list has.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// The items, collected.
    pub fn to_vec(&self) -> Vec<&'a str> {
        self.iter().collect()
    }

    /// True when an item equals `item`.
    pub fn contains(&self, item: &str) -> bool {
        self.iter().any(|i| i == item)
    }
}

impl<'a> IntoIterator for List<'a> {
    type Item = &'a str;
    type IntoIter = ListIter<'a>;

    fn into_iter(self) -> ListIter<'a> {
        self.iter()
    }
}

/// The items of a [`List`], each borrowing the cell's text.
#[derive(Debug, Clone)]
pub struct ListIter<'a> {
    text: &'a str,
    items: crate::parse::cells::ListItems<'a>,
}

impl<'a> Iterator for ListIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let text = self.text;
        self.items.find_map(|(s, e)| text.get(s..e))
    }
}

impl Serialize for List<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl PartialEq<[&str]> for List<'_> {
    fn eq(&self, other: &[&str]) -> bool {
        self.iter().eq(other.iter().copied())
    }
}

impl<const N: usize> PartialEq<[&str; N]> for List<'_> {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.iter().eq(other.iter().copied())
    }
}

/// A flow row.
#[derive(Serialize, JsonSchema)]
#[serde(rename = "Flow")]
#[schemars(rename = "Flow")]
struct FlowJson<'a> {
    /// The flow ID (`FLOW-AUTH-SESSION-001`).
    id: &'a str,
    /// From the `Priority` column, else from the nearest heading above naming one.
    priority: Option<Priority>,
    /// The coverage level; `None` when the cell is empty or not a level.
    level: Option<Level>,
    /// The status; `None` when the cell is empty or not a status.
    status: Option<Status>,
    /// Entry points (list). Like every list of a flow, the items borrow the source
    /// wherever their cell's text does.
    #[schemars(with = "Vec<String>")]
    entry_points: List<'a>,
    /// Automation anchors (list).
    #[schemars(with = "Vec<String>")]
    automation_anchors: List<'a>,
    /// UAT rows (list).
    #[schemars(with = "Vec<String>")]
    uat_rows: List<'a>,
    /// Owners (list).
    #[schemars(with = "Vec<String>")]
    owners: List<'a>,
    /// Gap tasks (list; `none` is empty).
    gap_tasks: &'a [GapTask],
    /// Every cell of the row, in the table's column order; extra columns included.
    /// [`Flow::cell`] finds a known column's cell through an index built when the row is
    /// read: after changing `cells` by hand, call [`Flow::reindex`].
    cells: &'a [Cell<'a>],
    /// The index of the flow table this row belongs to (into `Matrix::tables`).
    table: usize,
    /// 1-based line of the row.
    line: u32,
    /// The whole row.
    span: Span,
}

impl Serialize for Flow<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        FlowJson {
            id: &self.id,
            priority: self.priority,
            level: self.level,
            status: self.status,
            entry_points: self.entry_points(),
            automation_anchors: self.automation_anchors(),
            uat_rows: self.uat_rows(),
            owners: self.owners(),
            gap_tasks: &self.gap_tasks,
            cells: &self.cells,
            table: self.table,
            line: self.line,
            span: self.span,
        }
        .serialize(serializer)
    }
}

impl JsonSchema for Flow<'_> {
    fn schema_name() -> Cow<'static, str> {
        FlowJson::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        FlowJson::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        FlowJson::json_schema(generator)
    }
}

impl<'src> Flow<'src> {
    /// The cell of a known column, if the table has that column. O(1) for a parsed flow.
    pub fn cell(&self, column: Column) -> Option<&Cell<'src>> {
        match self.columns.0.get(column as usize).copied() {
            Some(ColumnIndex::ABSENT) => None,
            Some(n) if n > 0 => match self.cells.get(usize::from(n - 1)) {
                Some(c) if c.known == Some(column) => Some(c),
                _ => self.scan(column),
            },
            _ => self.scan(column),
        }
    }

    fn scan(&self, column: Column) -> Option<&Cell<'src>> {
        self.cells.iter().find(|c| c.known == Some(column))
    }

    /// Rebuilds the index [`Flow::cell`] looks columns up in, after `cells` changed.
    pub fn reindex(&mut self) {
        self.columns = ColumnIndex::of(&self.cells);
    }

    /// The text of a known column's cell, `""` when absent.
    pub fn text(&self, column: Column) -> &str {
        self.cell(column).map_or("", |c| &*c.text)
    }

    /// The list in the cell of `column`: its items split on `;` or `,`, trimmed, blanks
    /// (`none`) dropped; empty when the table has no such column. Read from the cell
    /// each time it is asked for, without allocating.
    pub fn list(&self, column: Column) -> List<'_> {
        List(self.text(column))
    }

    /// Entry points (the `Entry Point` cell as a list).
    pub fn entry_points(&self) -> List<'_> {
        self.list(Column::EntryPoint)
    }

    /// Automation anchors (the `Automation Anchor` cell as a list).
    pub fn automation_anchors(&self) -> List<'_> {
        self.list(Column::AutomationAnchor)
    }

    /// UAT rows (the `UAT Row` cell as a list).
    pub fn uat_rows(&self) -> List<'_> {
        self.list(Column::UatRow)
    }

    /// Owners (the `Owner` cell as a list).
    pub fn owners(&self) -> List<'_> {
        self.list(Column::Owner)
    }

    /// True when the cell of `column` says something: not empty, `none`, `n/a` or `-`.
    pub fn is_filled(&self, column: Column) -> bool {
        !crate::parse::cells::is_blank(self.text(column))
    }

    /// The subpaths this flow requires evidence for: each whose cell is filled.
    pub fn required_subpaths(&self) -> Vec<Subpath> {
        Subpath::ALL
            .into_iter()
            .filter(|s| self.is_filled(s.column()))
            .collect()
    }

    /// The open (not closed) gap tasks.
    pub fn open_tasks(&self) -> impl Iterator<Item = &GapTask> {
        self.gap_tasks.iter().filter(|t| !t.closed)
    }

    /// The same flow, owning its text.
    pub fn into_owned(self) -> Flow<'static> {
        Flow {
            id: self.id,
            priority: self.priority,
            level: self.level,
            status: self.status,
            gap_tasks: self.gap_tasks,
            cells: owned_cells(self.cells),
            columns: self.columns,
            table: self.table,
            line: self.line,
            span: self.span,
        }
    }

    /// The cells of columns flowready does not know.
    pub fn extra_cells(&self) -> impl Iterator<Item = &Cell<'src>> {
        self.cells.iter().filter(|c| c.known.is_none())
    }
}

/// A gap-list row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Gap<'src> {
    /// The row's priority.
    pub priority: Option<Priority>,
    /// The gap text.
    pub gap: String,
    /// The classification.
    pub classification: String,
    /// Owners (list).
    pub owners: Vec<String>,
    /// The follow-up task IDs (list).
    pub tasks: Vec<String>,
    /// The `detected_by` classifier; `None` when empty.
    pub detected_by: Option<String>,
    /// The `expected_gate` classifier; `None` when empty.
    pub expected_gate: Option<String>,
    /// Every cell of the row.
    pub cells: Vec<Cell<'src>>,
    /// 1-based line.
    pub line: u32,
    /// The whole row.
    pub span: Span,
}

/// An accepted-gap register row: an owner-backed exception, optionally for one subpath.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Exception<'src> {
    /// The flow the exception is for.
    pub flow: String,
    /// Owners (list).
    pub owners: Vec<String>,
    /// Why the gap is accepted.
    pub reason: String,
    /// The last day (UTC) on which the exception is valid, as `YYYY-MM-DD`; `None` when
    /// missing or not an ISO date.
    pub expiry: Option<String>,
    /// Follow-up task IDs (list).
    pub follow_up: Vec<String>,
    /// The subpath whose skip is approved, if the exception is for one subpath.
    pub subpath: Option<Subpath>,
    /// Every cell of the row.
    pub cells: Vec<Cell<'src>>,
    /// 1-based line.
    pub line: u32,
    /// The whole row.
    pub span: Span,
}

impl Gap<'_> {
    /// The same row, owning its text.
    pub fn into_owned(self) -> Gap<'static> {
        Gap {
            priority: self.priority,
            gap: self.gap,
            classification: self.classification,
            owners: self.owners,
            tasks: self.tasks,
            detected_by: self.detected_by,
            expected_gate: self.expected_gate,
            cells: owned_cells(self.cells),
            line: self.line,
            span: self.span,
        }
    }
}

impl Exception<'_> {
    /// The same row, owning its text.
    pub fn into_owned(self) -> Exception<'static> {
        Exception {
            flow: self.flow,
            owners: self.owners,
            reason: self.reason,
            expiry: self.expiry,
            follow_up: self.follow_up,
            subpath: self.subpath,
            cells: owned_cells(self.cells),
            line: self.line,
            span: self.span,
        }
    }
}

/// A bucket of the Broad UAT Decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Ready for broad UAT.
    Ready,
    /// Ready with accepted gaps.
    AcceptedGap,
    /// Blocked or not ready.
    Blocked,
}

impl Decision {
    /// `ready`, `accepted_gap` or `blocked`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Ready => "ready",
            Decision::AcceptedGap => "accepted_gap",
            Decision::Blocked => "blocked",
        }
    }

    /// How ready: `Blocked < AcceptedGap < Ready`. Used by the monotonicity properties.
    pub fn rank(self) -> u8 {
        match self {
            Decision::Blocked => 0,
            Decision::AcceptedGap => 1,
            Decision::Ready => 2,
        }
    }
}

impl std::fmt::Display for Decision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The declared `Broad UAT Decision` section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DeclaredDecision {
    /// Flow IDs declared ready, in document order.
    pub ready: Vec<String>,
    /// Flow IDs declared ready with accepted gaps, in document order.
    pub accepted_gap: Vec<String>,
    /// Flow IDs declared blocked, in document order.
    pub blocked: Vec<String>,
    /// Every flow bullet under a lead-in line, with its note and position.
    pub entries: Vec<DeclaredEntry>,
    /// Flow bullets that come before any lead-in line (under the heading itself, or under
    /// a subheading): in no bucket. `decision --write` moves them into their buckets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unplaced: Vec<UnplacedEntry>,
    /// The lead-in paragraphs that open each bucket.
    pub lead_ins: Vec<LeadIn>,
    /// The heading line of the section.
    pub heading: Span,
    /// The whole section: from its heading to the next heading of the same or a higher
    /// level (or the end of the document).
    pub span: Span,
}

/// A lead-in line ("Ready for broad UAT, subject to …:").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LeadIn {
    /// The bucket it opens, or `None` for prose such as "Documentation freshness blocker:".
    pub bucket: Option<Decision>,
    /// Its text.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// One flow bullet of the declared decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DeclaredEntry {
    /// The flow ID (the bullet's leading code span).
    pub flow: String,
    /// The bucket it is declared in.
    pub bucket: Decision,
    /// The note after `:` (source text; line breaks kept, as `\n`), if any.
    pub note: Option<String>,
    /// The whole bullet, from its marker to its end.
    pub span: Span,
}

/// A flow bullet of the declared decision that no lead-in line puts in a bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnplacedEntry {
    /// The flow ID (the bullet's leading code span).
    pub flow: String,
    /// The note after `:`, if any.
    pub note: Option<String>,
    /// The whole bullet.
    pub span: Span,
}

impl<'src> Matrix<'src> {
    /// The flow with this ID (the first, if duplicated). A linear scan: to look up many
    /// flows, build [`Matrix::flow_index`] once instead.
    pub fn flow(&self, id: &str) -> Option<&Flow<'src>> {
        self.flows.iter().find(|f| f.id == id)
    }

    /// Every flow by ID (the first, if duplicated), for O(1) lookups in a loop; what
    /// [`Matrix::flow`] finds, built in one pass.
    pub fn flow_index(&self) -> std::collections::HashMap<&str, &Flow<'src>> {
        let mut index = std::collections::HashMap::with_capacity(self.flows.len());
        for f in &self.flows {
            index.entry(f.id.as_str()).or_insert(f);
        }
        index
    }

    /// The same model, owning all of its text: for keeping it past the source it was
    /// parsed from.
    pub fn into_owned(self) -> Matrix<'static> {
        Matrix {
            title: self.title,
            metadata: self.metadata,
            stated_min_level: self.stated_min_level,
            level_definitions: self.level_definitions,
            status_definitions: self.status_definitions,
            tables: self.tables,
            flows: self.flows.into_iter().map(Flow::into_owned).collect(),
            gaps: self.gaps.into_iter().map(Gap::into_owned).collect(),
            exceptions: self
                .exceptions
                .into_iter()
                .map(Exception::into_owned)
                .collect(),
            declared_decision: self.declared_decision,
            findings: self.findings,
        }
    }

    /// True when the document has at least one flow table.
    pub fn has_flow_table(&self) -> bool {
        !self.tables.is_empty()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cell_finds_the_first_cell_of_a_column_through_the_index_or_a_scan() {
        let text = "## P0\n\n| Flow ID | Level | Status | Owner | Owner |\n|---|---|---|---|---|\n| FLOW-A-001 | L4 | blocked | ann | bob |\n";
        let m = crate::parse(text);
        let flow = m.flows.first().unwrap();
        assert_eq!(flow.text(crate::vocab::Column::Owner), "ann");
        assert_eq!(flow.text(crate::vocab::Column::Level), "L4");
        assert!(flow.cell(crate::vocab::Column::Lane).is_none());
        // Read back from JSON (no index), the same answers by a scan.
        let back: super::Flow<'_> =
            serde_json::from_str(&serde_json::to_string(flow).unwrap()).unwrap();
        assert_eq!(&back, flow);
        assert_eq!(back.text(crate::vocab::Column::Owner), "ann");
        assert!(back.cell(crate::vocab::Column::Lane).is_none());
        // Changed by hand, then reindexed.
        let mut edited = flow.clone();
        edited.cells.remove(0);
        edited.reindex();
        assert_eq!(edited.text(crate::vocab::Column::Owner), "ann");
        assert_eq!(edited.text(crate::vocab::Column::Status), "blocked");
        assert!(edited.cell(crate::vocab::Column::FlowId).is_none());
    }

    #[test]
    fn the_flow_index_finds_what_flow_finds_the_first_of_duplicates() {
        let text = "## P0\n\n| Flow ID | Level | Status | Owner |\n|---|---|---|---|\n| FLOW-A-001 | L4 | ready_for_broad_uat | team |\n| FLOW-B-001 | L2 | needs_coverage | team |\n| FLOW-A-001 | L1 | blocked | team |\n";
        let m = crate::parse(text);
        let r = crate::evaluate(&m, &crate::Options::default());
        let (flows, verdicts) = (m.flow_index(), r.flow_index());
        assert_eq!(flows.len(), 2);
        assert_eq!(verdicts.len(), 2);
        for id in ["FLOW-A-001", "FLOW-B-001", "FLOW-C-001"] {
            assert_eq!(flows.get(id).copied(), m.flow(id));
            assert_eq!(verdicts.get(id).copied(), r.flow(id));
        }
        assert_eq!(
            flows.get("FLOW-A-001").and_then(|f| f.level),
            Some(crate::Level::L4)
        );
    }
}

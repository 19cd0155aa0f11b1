//! Reads a matrix document into [`Matrix`] with pulldown-cmark (GFM tables, offsets).
//!
//! Parsing never fails: problems become findings in `Matrix::findings`, with the line and
//! column of the offending cell, and parsing continues with the next row.

pub mod cells;
mod fast;
mod inline;

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::cell::Cell as StdCell;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{quote, Code, Finding};
use crate::model::{
    Cell, ColumnIndex, Decision, DeclaredDecision, DeclaredEntry, Definition, Exception, Flow,
    FlowTable, Gap, GapTask, LeadIn, Matrix, Metadata, TableColumn, UnplacedEntry,
};
use crate::span::{ColumnHint, LineIndex, Span};
use crate::suggest::{suggest_level, suggest_status};
use crate::vocab::{Column, Level, Priority, Status, Subpath};
use cells::{is_blank, is_flow_id, list_items, list_values, occurrences, read_task};
pub use inline::Inline;

/// Parses a matrix from bytes. Invalid UTF-8 is an `FR001` finding at the first bad byte;
/// the rest is read with invalid sequences replaced by U+FFFD (offsets then refer to that
/// replaced text).
pub fn parse_bytes(bytes: &[u8]) -> Matrix<'_> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(err) => {
            let text = String::from_utf8_lossy(bytes);
            let mut matrix = parse(&text).into_owned();
            let valid = err.valid_up_to();
            let span = LineIndex::new(&text).span(valid, valid + 1);
            matrix.findings.insert(
                0,
                Finding::new(
                    Code::InvalidUtf8,
                    span,
                    format!("the document is not valid UTF-8 (first bad byte at offset {valid})"),
                    "save the file as UTF-8",
                ),
            );
            matrix
        }
    }
}

/// Parses a matrix document.
///
/// Documents the fast table scanner reads exactly (see the `fast` module) take that path; every
/// other document is read by [`parse_reference`]. Both give the same [`Matrix`].
pub fn parse(text: &str) -> Matrix<'_> {
    parse_fast(text).unwrap_or_else(|| parse_reference(text))
}

/// The fast path alone: `Some` when the fast table scanner reads `text` exactly, `None`
/// when the document needs the full parser. Public for the differential tests.
#[doc(hidden)]
pub fn parse_fast(text: &str) -> Option<Matrix<'_>> {
    let index = LineIndex::new(text);
    let mut reader = Reader::new(text, &index);
    fast::collect_blocks(text, &index, &mut |block| reader.block(block))?;
    Some(reader.finish())
}

/// Parses a matrix document with pulldown-cmark alone: the reference reading that any
/// faster path must match exactly (differential tests compare the two).
pub fn parse_reference(text: &str) -> Matrix<'_> {
    let index = LineIndex::new(text);
    let mut reader = Reader::new(text, &index);
    collect_blocks_into(text, 0..text.len(), &mut |block| reader.block(block));
    reader.finish()
}

/// A block-level piece of the document, in order.
#[derive(Debug)]
enum Block<'a> {
    Heading {
        level: u8,
        inline: Inline<'a>,
        start: usize,
        end: usize,
    },
    Paragraph {
        inline: Inline<'a>,
        start: usize,
        end: usize,
    },
    Item {
        inline: Inline<'a>,
        depth: usize,
        start: usize,
        end: usize,
    },
    /// A table's header row; `start..end` is the whole table. Its rows follow as
    /// [`Block::TableRow`]s, one at a time, so a 10,000-row table is never held twice.
    TableStart {
        header: RawRow<'a>,
        start: usize,
        end: usize,
    },
    /// One body row of the table last started.
    TableRow(RawRow<'a>),
}

#[derive(Debug, Default)]
struct RawRow<'a> {
    cells: Vec<RawCell<'a>>,
    start: usize,
    end: usize,
    /// How many cells the row has in its source, when the reader that built the row
    /// counted them (the fast scanner does); else [`source_cell_count`] counts them.
    source_cells: Option<usize>,
}

#[derive(Debug)]
struct RawCell<'a> {
    text: CellText<'a>,
    start: usize,
}

/// What a table cell reads as.
#[derive(Debug)]
enum CellText<'a> {
    /// Plain text and code spans, already trimmed, read from the source span
    /// `start..end` (empty text: an empty cell). The fast scanner makes these straight
    /// from the cell's byte range: the text borrowed when it is the source as written or
    /// a lone code span, else copied once.
    Plain {
        text: Cow<'a, str>,
        start: usize,
        end: usize,
    },
    /// Anything else, captured event by event. Boxed: such cells are rare, and a row's
    /// cells are moved about by value.
    Inline(Box<Inline<'a>>),
}

enum Capture {
    Heading(u8, usize),
    Paragraph(usize),
    Item(usize, usize),
    Cell(usize),
}

/// Walks pulldown-cmark's events over `text[segment]` once, grouping them into blocks
/// handed to `sink` in document order (offsets into the whole `text`). The fast path uses
/// it for the parts of a document between the tables it reads itself.
fn collect_blocks_into<'a>(
    text: &'a str,
    segment: std::ops::Range<usize>,
    sink: &mut dyn FnMut(Block<'a>),
) {
    let base = segment.start;
    let parser =
        Parser::new_ext(text.get(segment).unwrap_or(""), Options::ENABLE_TABLES).into_offset_iter();
    let mut capture: Option<(Capture, Inline<'a>)> = None;
    // The table being read: its start and end, until its header row is emitted.
    let mut table: Option<(usize, usize)> = None;
    let mut row = RawRow::default();
    let mut depth = 0usize;
    for (event, range) in parser {
        let range = range.start + base..range.end + base;
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                capture = Some((
                    Capture::Heading(heading_level(level), range.start),
                    Inline::new(text),
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((Capture::Heading(level, start), inline)) = capture.take() {
                    sink(Block::Heading {
                        level,
                        inline,
                        start,
                        end: range.end,
                    });
                }
            }
            Event::Start(Tag::Table(_)) => table = Some((range.start, range.end)),
            Event::End(TagEnd::Table) => table = None,
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                row = RawRow {
                    cells: Vec::new(),
                    start: range.start,
                    end: range.end,
                    source_cells: None,
                };
            }
            Event::End(TagEnd::TableHead) => {
                if let Some((start, end)) = table {
                    sink(Block::TableStart {
                        header: std::mem::take(&mut row),
                        start,
                        end,
                    });
                }
            }
            Event::End(TagEnd::TableRow) => sink(Block::TableRow(std::mem::take(&mut row))),
            Event::Start(Tag::TableCell) => {
                capture = Some((Capture::Cell(range.start), Inline::new(text)));
            }
            Event::End(TagEnd::TableCell) => {
                if let Some((Capture::Cell(start), inline)) = capture.take() {
                    row.cells.push(RawCell {
                        text: CellText::Inline(Box::new(inline)),
                        start,
                    });
                }
            }
            Event::Start(Tag::Paragraph) if capture.is_none() => {
                capture = Some((Capture::Paragraph(range.start), Inline::new(text)));
            }
            Event::End(TagEnd::Paragraph) => {
                if matches!(capture, Some((Capture::Paragraph(_), _))) {
                    if let Some((Capture::Paragraph(start), inline)) = capture.take() {
                        sink(Block::Paragraph {
                            inline,
                            start,
                            end: range.end,
                        });
                    }
                }
            }
            Event::Start(Tag::Item) => {
                depth += 1;
                if capture.is_none() {
                    capture = Some((Capture::Item(depth, range.start), Inline::new(text)));
                }
            }
            Event::End(TagEnd::Item) => {
                if matches!(capture, Some((Capture::Item(d, _), _)) if d == depth) {
                    if let Some((Capture::Item(depth, start), inline)) = capture.take() {
                        sink(Block::Item {
                            inline,
                            depth,
                            start,
                            end: range.end,
                        });
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) => {
                if let Some((_, inline)) = capture.as_mut() {
                    inline.push_text(&t, range.start, range.end);
                }
            }
            Event::Code(c) => {
                if let Some((_, inline)) = capture.as_mut() {
                    inline.push_code(&c, text, range.start, range.end);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, inline)) = capture.as_mut() {
                    inline.push_break(range.start, range.end);
                }
            }
            Event::InlineHtml(h) | Event::Html(h) => {
                if let Some((_, inline)) = capture.as_mut() {
                    inline.push_text(&h, range.start, range.end);
                }
            }
            _ => {}
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Counts the cells a table row has in its source: pipes that are not escaped separate
/// cells (GFM: even inside code spans); a leading and a trailing pipe are optional.
fn source_cell_count(row: &str) -> usize {
    let row = row.trim_end_matches(['\r', '\n']).trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let bytes = row.as_bytes();
    let mut count = 1;
    let mut escaped = false;
    let mut last_pipe = None;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\\' if !escaped => escaped = true,
            b'|' if !escaped => {
                count += 1;
                last_pipe = Some(i);
            }
            _ => escaped = false,
        }
        if b != b'\\' {
            escaped = false;
        }
    }
    if last_pipe.is_some()
        && row.trim_end().ends_with('|')
        && last_pipe == Some(row.trim_end().len() - 1)
    {
        count -= 1;
    }
    count
}

/// What a table is, from its header.
enum TableKind {
    Flows,
    Gaps,
    Register,
    Other,
}

fn table_kind(columns: &[TableColumn]) -> TableKind {
    let has = |c: Column| columns.iter().any(|col| col.known == Some(c));
    if has(Column::FlowId) && (has(Column::Level) || has(Column::Status)) {
        TableKind::Flows
    } else if has(Column::FlowId)
        && (has(Column::Expiry) || has(Column::Reason) || has(Column::FollowUp))
    {
        TableKind::Register
    } else if has(Column::Priority)
        && has(Column::GapTask)
        && (has(Column::Gap) || has(Column::DetectedBy) || has(Column::ExpectedGate))
    {
        TableKind::Gaps
    } else {
        TableKind::Other
    }
}

struct Reader<'a, 'i> {
    text: &'a str,
    /// The document's one line index (the fast scanner walks its lines too).
    index: &'i LineIndex<'a>,
    matrix: Matrix<'a>,
    /// The line of each flow read so far, by ID (the duplicate check, without a scan).
    /// Keys borrow the source when the ID is written there as is.
    flow_lines: HashMap<std::borrow::Cow<'a, str>, u32>,
    /// The last position `span` mapped, to count columns incrementally along a row.
    hint: StdCell<ColumnHint>,
    /// The nearest heading so far: its level and text.
    heading: Option<(u8, String)>,
    seen_h2: bool,
    seen_table: bool,
    /// The open `Broad UAT Decision` section: its heading level and what it holds so far.
    decision: Option<(u8, DecisionBuilder)>,
    /// The first section once closed: its bullets are matched to flow IDs when every row
    /// has been read (the section may come before the tables).
    closed_decision: Option<(DecisionBuilder, Span)>,
    /// The table whose rows are being read.
    table: Option<CurrentTable>,
}

/// A table whose header has been read, while its rows stream in.
struct CurrentTable {
    kind: TableKind,
    columns: Vec<TableColumn>,
    /// The column names, shared by every cell of the table.
    names: Vec<std::sync::Arc<str>>,
    heading_priority: Option<Priority>,
    /// Index into `Matrix::tables` (flow tables only).
    index: usize,
}

impl<'a, 'i> Reader<'a, 'i> {
    fn new(text: &'a str, index: &'i LineIndex<'a>) -> Self {
        Self {
            text,
            index,
            matrix: Matrix::default(),
            flow_lines: HashMap::default(),
            hint: StdCell::new(ColumnHint::default()),
            heading: None,
            seen_h2: false,
            seen_table: false,
            decision: None,
            closed_decision: None,
            table: None,
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        self.index.span_with_hint(start, end, &self.hint)
    }

    /// Takes the next block of the document.
    fn block(&mut self, block: Block<'a>) {
        if !matches!(block, Block::TableRow(_)) {
            self.table = None;
        }
        // Close the decision section at the next heading of the same or a higher level.
        if let Block::Heading { level, start, .. } = &block {
            if matches!(&self.decision, Some((l, _)) if *level <= *l) {
                if let Some((_, builder)) = self.decision.take() {
                    self.finish_decision(builder, *start);
                }
            }
        }
        match block {
            Block::Heading {
                level,
                inline,
                start,
                end,
            } => {
                let text = inline.text.trim().to_owned();
                if level == 1 && self.matrix.title.is_none() {
                    self.matrix.title = Some(text.clone());
                }
                if level >= 2 {
                    self.seen_h2 = true;
                }
                if let Some((_, builder)) = self.decision.as_mut() {
                    // A subheading inside the section: what follows is under it, not
                    // under the last lead-in line.
                    builder.subheading();
                } else if crate::fold::lower(&text).contains("broad uat decision") {
                    self.open_decision(level, start, end);
                }
                self.heading = Some((level, text));
            }
            Block::Paragraph { inline, start, end } => {
                if self.decision.is_some() {
                    let span = self.index.span(start, end);
                    if let Some((_, builder)) = self.decision.as_mut() {
                        builder.lead_in(&inline, span);
                    }
                    return;
                }
                if !self.seen_h2 {
                    self.read_metadata(&inline, start);
                }
                if !self.seen_table && self.matrix.stated_min_level.is_none() {
                    self.matrix.stated_min_level = stated_min_level(&inline.text);
                }
            }
            Block::Item {
                inline,
                depth,
                start,
                end,
            } => {
                if self.decision.is_some() {
                    let span = self.index.span(start, end);
                    if let Some((_, builder)) = self.decision.as_mut() {
                        if depth == 1 {
                            builder.item(self.text, &inline, span);
                        }
                    }
                    return;
                }
                self.read_definition(&inline, start);
            }
            Block::TableStart { header, start, end } => {
                self.seen_table = true;
                self.start_table(&header, start, end);
            }
            Block::TableRow(mut row) => {
                let Some(table) = self.table.take() else {
                    return;
                };
                match table.kind {
                    TableKind::Flows => self.read_flow_row(&table, &mut row),
                    TableKind::Gaps => self.read_gap_row(&table, &mut row),
                    TableKind::Register => self.read_register_row(&table, &mut row),
                    TableKind::Other => {}
                }
                self.table = Some(table);
            }
        }
    }

    /// Opens the `Broad UAT Decision` section at this heading, unless the document
    /// already has one: a second section is an error finding (only the first is read).
    fn open_decision(&mut self, level: u8, start: usize, end: usize) {
        let heading = self.span(start, end);
        match &self.closed_decision {
            None => self.decision = Some((level, DecisionBuilder::new(heading))),
            Some((first, _)) => {
                let first_line = first.heading.line;
                self.push(Finding::new(
                    Code::DecisionSectionRepeated,
                    heading,
                    format!(
                        "a second `Broad UAT Decision` section at line {}; the first, at line {first_line}, is the one read",
                        heading.line
                    ),
                    "keep one section: merge the two (or rename one heading), then run `flowready decision --write`",
                ));
            }
        }
    }

    /// The matrix, once every block has been read.
    fn finish(mut self) -> Matrix<'a> {
        if let Some((_, builder)) = self.decision.take() {
            self.finish_decision(builder, self.text.len());
        }
        if let Some((builder, span)) = self.closed_decision.take() {
            self.matrix.declared_decision = Some(builder.finish(span, &self.matrix.flows));
        }
        if self.matrix.tables.is_empty() {
            self.matrix.findings.push(Finding::new(
                Code::NoFlowTable,
                self.span(0, 0),
                "no table with `Flow ID`, `Level` and `Status` columns",
                "add a flow table: a GFM table whose header names `Flow ID`, `Level` and `Status`",
            ));
        }
        self.matrix
    }

    fn read_metadata(&mut self, inline: &Inline<'_>, start: usize) {
        let first_line = self.span(start, start).line;
        for (i, line) in inline.text.split('\n').enumerate() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim();
            let words = key.split_whitespace().count();
            let starts_upper = key.chars().next().is_some_and(char::is_uppercase);
            if (1..=3).contains(&words)
                && starts_upper
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
            {
                self.matrix.metadata.push(Metadata {
                    key: key.to_owned(),
                    value: value.trim().to_owned(),
                    line: first_line + u32::try_from(i).unwrap_or(0),
                });
            }
        }
    }

    fn read_definition(&mut self, inline: &Inline<'_>, start: usize) {
        let line = self.span(start, start).line;
        let text = inline.text.trim();
        let Some((name, def)) = text.split_once(':') else {
            return;
        };
        let name = name.trim();
        let definition = Definition {
            name: name.to_owned(),
            text: def.trim().replace('\n', " "),
            line,
        };
        if name.parse::<Level>().is_ok() && name.len() == 2 {
            self.matrix.level_definitions.push(definition);
        } else if inline.leading_code().is_some_and(|(c, _)| c == name)
            && name.parse::<Status>().is_ok()
        {
            self.matrix.status_definitions.push(definition);
        }
    }

    fn columns(&self, header: &RawRow<'_>) -> Vec<TableColumn> {
        header
            .cells
            .iter()
            .map(|c| {
                let (text, lead) = self.trimmed(c);
                TableColumn {
                    header: text.to_owned(),
                    known: Column::from_header(text),
                    span: self.trimmed_cell_span(c, lead, text.len()),
                }
            })
            .collect()
    }

    /// A cell's text trimmed, and the text offset where the trimmed text starts.
    fn trimmed<'c>(&'c self, cell: &'c RawCell<'_>) -> (&'c str, usize) {
        match &cell.text {
            CellText::Plain { text, .. } => (text, 0),
            CellText::Inline(inline) => inline.trimmed(),
        }
    }

    /// The span of a cell whose trimmed text is `len` bytes at `lead`.
    fn trimmed_cell_span(&self, cell: &RawCell<'_>, lead: usize, len: usize) -> Span {
        if len == 0 {
            // An empty cell: point just after its opening pipe.
            return self.span(cell.start, cell.start);
        }
        match &cell.text {
            CellText::Plain { start, end, .. } => self.span(*start, *end),
            CellText::Inline(inline) => {
                let start = inline.src_offset(lead);
                let end = inline.src_end.max(start);
                self.span(start, end)
            }
        }
    }

    /// The row's cells, taking each cell's text out of `row` (no copy when untrimmed).
    fn cells(&self, table: &CurrentTable, row: &mut RawRow<'a>) -> Vec<Cell<'a>> {
        // The cells of a row share its line: when it is ASCII, each span is two offsets
        // and a subtraction.
        let line = self.index.ascii_line(row.start);
        let span = |start: usize, end: usize| {
            line.and_then(|l| l.span(start, end))
                .unwrap_or_else(|| self.span(start, end))
        };
        table
            .columns
            .iter()
            .zip(&table.names)
            .zip(row.cells.iter_mut())
            .map(|((col, name), raw)| {
                let (text, span) = match &mut raw.text {
                    // Already trimmed: borrowed from its source range, or copied once.
                    CellText::Plain { text, start, end } => {
                        let span = if text.is_empty() {
                            span(raw.start, raw.start)
                        } else {
                            span(*start, *end)
                        };
                        (std::mem::take(text), span)
                    }
                    CellText::Inline(inline) => {
                        // Trimmed once, for both the span and the text.
                        let (lead, len) = {
                            let (text, lead) = inline.trimmed();
                            (lead, text.len())
                        };
                        let span = if len == 0 {
                            span(raw.start, raw.start)
                        } else {
                            let start = inline.src_offset(lead);
                            span(start, inline.src_end.max(start))
                        };
                        (inline.take_range(lead, len), span)
                    }
                };
                let text = match text {
                    // Read differently from the source, yet the same as written there (a
                    // cell pulldown-cmark read): borrowed all the same.
                    Cow::Owned(owned) => match self.text.get(span.start..span.end) {
                        Some(source) if source == owned => Cow::Borrowed(source),
                        _ => Cow::Owned(owned),
                    },
                    borrowed => borrowed,
                };
                Cell {
                    column: name.clone(),
                    known: col.known,
                    text,
                    span,
                }
            })
            .collect()
    }

    /// Checks a row's cell count against its header; returns true when it matches.
    fn check_cell_count(&mut self, row: &RawRow<'_>, expected: usize, flow: Option<&str>) {
        let found = row
            .source_cells
            .unwrap_or_else(|| source_cell_count(self.text.get(row.start..row.end).unwrap_or("")));
        if found != expected {
            let span = self.span(row.start, row.end);
            let subject =
                flow.map_or_else(|| "this row".to_owned(), |f| format!("the row of `{f}`"));
            let effect = if found > expected {
                "the cells past the header's last column are ignored"
            } else {
                "the missing cells are read as empty"
            };
            let mut finding = Finding::new(
                Code::CellCount,
                span,
                format!("{subject} has {found} cells but the header has {expected}"),
                format!("{effect}; check for an unescaped `|` (write `\\|`) or a missing cell"),
            );
            finding.flow = flow.map(str::to_owned);
            self.matrix.findings.push(finding);
        }
    }

    /// Reads a table's header: what kind of table it is, and (for a flow table) the
    /// table itself and its missing columns.
    fn start_table(&mut self, header: &RawRow<'_>, start: usize, end: usize) {
        let columns = self.columns(header);
        let kind = table_kind(&columns);
        let heading = self.heading.as_ref().map(|(_, h)| h.clone());
        let heading_priority = heading.as_deref().and_then(Priority::named_in);
        let index = self.matrix.tables.len();
        if matches!(kind, TableKind::Flows) {
            let header_span = self.span(header.start, header.end);
            for required in [Column::FlowId, Column::Level, Column::Status] {
                if !columns.iter().any(|c| c.known == Some(required)) {
                    self.matrix.findings.push(Finding::new(
                        Code::MissingColumn,
                        header_span,
                        format!("this flow table has no `{}` column", required.header()),
                        format!(
                            "add a `{}` column; every flow row needs one",
                            required.header()
                        ),
                    ));
                }
            }
            self.matrix.tables.push(FlowTable {
                heading,
                heading_priority,
                columns: columns.clone(),
                span: self.span(start, end),
            });
        }
        self.table = Some(CurrentTable {
            kind,
            names: columns
                .iter()
                .map(|c| std::sync::Arc::from(c.header.as_str()))
                .collect(),
            columns,
            heading_priority,
            index,
        });
    }

    fn read_flow_row(&mut self, table: &CurrentTable, row: &mut RawRow<'a>) {
        let expected = table.columns.len();
        let cells = self.cells(table, row);
        let id_cell = cells.iter().find(|c| c.known == Some(Column::FlowId));
        let id = id_cell.map_or("", |c| &*c.text).to_owned();
        let id_span = id_cell.map_or_else(|| self.span(row.start, row.end), |c| c.span);
        self.check_cell_count(row, expected, (!id.is_empty()).then_some(id.as_str()));
        if id.is_empty() {
            self.matrix.findings.push(Finding::new(
                Code::MalformedFlowId,
                id_span,
                "this flow row has no flow ID, so it is skipped",
                "give the row an ID such as `FLOW-AREA-NAME-001`",
            ));
            return;
        }
        if !is_flow_id(&id) {
            self.matrix.findings.push(
                Finding::new(
                    Code::MalformedFlowId,
                    id_span,
                    format!("flow ID `{}` is malformed", quote(&id)),
                    "flow IDs are upper-case words, digits and single hyphens, e.g. `FLOW-AREA-NAME-001`",
                )
                .for_flow(&id),
            );
        }
        if let Some(&first_line) = self.flow_lines.get(id.as_str()) {
            self.matrix.findings.push(
                Finding::new(
                    Code::DuplicateFlow,
                    id_span,
                    format!("flow `{id}` is defined again (first at line {first_line})"),
                    "give each flow one row; rename or merge the duplicate",
                )
                .for_flow(&id),
            );
            return;
        }
        let key = match self.text.get(id_span.start..id_span.end) {
            Some(source) if source == id => std::borrow::Cow::Borrowed(source),
            _ => std::borrow::Cow::Owned(id.clone()),
        };
        let flow = self.read_flow(id, cells, table.heading_priority, table.index, row);
        self.flow_lines.insert(key, flow.line);
        self.matrix.flows.push(flow);
    }

    fn read_flow(
        &mut self,
        id: String,
        cells: Vec<Cell<'a>>,
        heading_priority: Option<Priority>,
        table: usize,
        row: &RawRow<'_>,
    ) -> Flow<'a> {
        let find = |col: Column| cells.iter().find(|c| c.known == Some(col));
        let span = self.span(row.start, row.end);
        let row_span = Span {
            end: span.start
                + self
                    .text
                    .get(row.start..row.end)
                    .map_or(0, |s| s.trim_end().len()),
            ..span
        };

        let priority = match find(Column::Priority) {
            Some(cell) if !is_blank(&cell.text) => match cell.text.parse() {
                Ok(p) => Some(p),
                Err(()) => {
                    self.push(
                        Finding::new(
                            Code::MalformedCell,
                            cell.span,
                            format!(
                                "flow `{id}` has priority `{}`, which is not `P0`, `P1`, …",
                                cell.text
                            ),
                            "write the priority as `P0`, `P1`, …",
                        )
                        .for_flow(&id),
                    );
                    heading_priority
                }
            },
            _ => heading_priority,
        };
        if priority.is_none() {
            self.push(Finding::new(
                Code::MissingPriority,
                span,
                format!("flow `{id}` has no priority"),
                "add a `Priority` column, or put the table under a heading that names one (`## P0 Flow Matrix`)",
            ).for_flow(&id));
        }

        let level = find(Column::Level).and_then(|cell| {
            let parsed = cell.text.parse::<Level>().ok();
            if parsed.is_none() {
                let (message, help) = if is_blank(&cell.text) {
                    (
                        format!("flow `{id}` has no level"),
                        "write a level from `L0` to `L5`".to_owned(),
                    )
                } else {
                    (
                        format!("flow `{id}` has unknown level `{}`", quote(&cell.text)),
                        suggest_level(&cell.text).map_or_else(
                            || "levels are `L0` to `L5`".to_owned(),
                            |s| format!("did you mean `{s}`? levels are `L0` to `L5`"),
                        ),
                    )
                };
                self.push(Finding::new(Code::UnknownLevel, cell.span, message, help).for_flow(&id));
            }
            parsed
        });

        let status = find(Column::Status).and_then(|cell| {
            let parsed = cell.text.parse::<Status>().ok();
            if parsed.is_none() {
                let (message, help) = if is_blank(&cell.text) {
                    (format!("flow `{id}` has no status"), "write one of the eight statuses, e.g. `ready_for_broad_uat`".to_owned())
                } else {
                    (
                        format!("flow `{id}` has unknown status `{}`", quote(&cell.text)),
                        suggest_status(&cell.text).map_or_else(
                            || "statuses are `ready_for_broad_uat`, `blocked`, `accepted_gap` and `needs_*`".to_owned(),
                            |s| format!("did you mean `{s}`?"),
                        ),
                    )
                };
                self.push(Finding::new(Code::UnknownStatus, cell.span, message, help).for_flow(&id));
            }
            parsed
        });

        let mut gap_tasks = Vec::new();
        if let Some(cell) = find(Column::GapTask) {
            for (s, e) in list_items(&cell.text) {
                let item = cell.text.get(s..e).unwrap_or("");
                let task = read_task(item);
                let task_span = self.sub_span(cell, s, e);
                if task.malformed {
                    self.push(Finding::new(
                        Code::MalformedCell,
                        task_span,
                        format!("flow `{id}` has gap task `{}`, which is not `TASK-ID` or `TASK-ID closed`", quote(item)),
                        "write each task as its ID, followed by `closed` once it is done; separate tasks with `;`",
                    ).for_flow(&id));
                }
                if !task.id.is_empty() {
                    gap_tasks.push(GapTask {
                        id: task.id.to_owned(),
                        closed: task.closed,
                        span: task_span,
                    });
                }
            }
        }

        Flow {
            id,
            priority,
            level,
            status,
            gap_tasks,
            columns: ColumnIndex::of(&cells),
            cells,
            table,
            line: row_span.line,
            span: row_span,
        }
    }

    /// The span of `cell.text[s..e]`, mapped through the cell's source position. Cell text
    /// and source differ only by removed backticks and resolved escapes, so the item is
    /// searched for in the cell's source.
    fn sub_span(&self, cell: &Cell<'_>, s: usize, e: usize) -> Span {
        let item = cell.text.get(s..e).unwrap_or("");
        let source = self.text.get(cell.span.start..cell.span.end).unwrap_or("");
        if source == cell.text {
            // Text and source agree, and an item (trimmed, without separators) cannot
            // overlap an earlier match of itself, so the search below would find it at `s`.
            return self.span(cell.span.start + s, cell.span.start + e);
        }
        // Count earlier occurrences so repeated items map to the right one. `occurrences`
        // finds the same non-overlapping, leftmost-first matches as `str::matches`
        // without building a searcher per item (two per gap task: ~4 % of `check`).
        let found = if item.is_empty() {
            let nth = cell
                .text
                .get(..s)
                .map_or(0, |before| before.matches(item).count());
            source.match_indices(item).nth(nth).map(|(i, _)| i)
        } else {
            let before = cell.text.get(..s).unwrap_or("");
            let nth = occurrences(before.as_bytes(), item.as_bytes()).count();
            occurrences(source.as_bytes(), item.as_bytes()).nth(nth)
        };
        match found {
            Some(i) => self.span(cell.span.start + i, cell.span.start + i + item.len()),
            None => cell.span,
        }
    }

    fn push(&mut self, finding: Finding) {
        self.matrix.findings.push(finding);
    }

    fn read_gap_row(&mut self, table: &CurrentTable, row: &mut RawRow<'a>) {
        {
            self.check_cell_count(row, table.columns.len(), None);
            let cells = self.cells(table, row);
            let find = |col: Column| cells.iter().find(|c| c.known == Some(col));
            let text = |col: Column| find(col).map(|c| c.text.to_string()).unwrap_or_default();
            let classifier = |col: Column| {
                find(col)
                    .map(|c| c.text.to_string())
                    .filter(|t| !is_blank(t))
            };
            let priority = find(Column::Priority).and_then(|c| {
                let p = c.text.parse().ok();
                if p.is_none() && !is_blank(&c.text) {
                    self.matrix.findings.push(Finding::new(
                        Code::MalformedCell,
                        c.span,
                        format!(
                            "gap-list priority `{}` is not `P0`, `P1`, …",
                            quote(&c.text)
                        ),
                        "write the priority as `P0`, `P1`, …",
                    ));
                }
                p
            });
            let tasks = find(Column::GapTask)
                .map(|c| {
                    list_items(&c.text)
                        .filter_map(|(s, e)| c.text.get(s..e))
                        .map(|item| read_task(item).id.to_owned())
                        .filter(|id| !id.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            let span = self.span(row.start, row.end);
            self.matrix.gaps.push(Gap {
                priority,
                gap: text(Column::Gap),
                classification: text(Column::Classification),
                owners: find(Column::Owner)
                    .map(|c| list_values(&c.text))
                    .unwrap_or_default(),
                tasks,
                detected_by: classifier(Column::DetectedBy),
                expected_gate: classifier(Column::ExpectedGate),
                line: span.line,
                span,
                cells,
            });
        }
    }

    fn read_register_row(&mut self, table: &CurrentTable, row: &mut RawRow<'a>) {
        {
            let cells = self.cells(table, row);
            let find = |col: Column| cells.iter().find(|c| c.known == Some(col));
            let flow = find(Column::FlowId)
                .map(|c| c.text.to_string())
                .unwrap_or_default();
            self.check_cell_count(
                row,
                table.columns.len(),
                (!flow.is_empty()).then_some(flow.as_str()),
            );
            let expiry = find(Column::Expiry).and_then(|c| {
                if is_blank(&c.text) {
                    return None;
                }
                match crate::date::parse_iso(&c.text) {
                    Some(_) => Some(c.text.to_string()),
                    None => {
                        self.matrix.findings.push(
                            Finding::new(
                                Code::InvalidDate,
                                c.span,
                                format!("the exception for `{flow}` has expiry `{}`, which is not a date", quote(&c.text)),
                                "write the expiry as an ISO date, e.g. `2026-12-31` (valid through that day, UTC)",
                            )
                            .for_flow(&flow),
                        );
                        None
                    }
                }
            });
            let subpath = find(Column::Subpath).and_then(|c| {
                if is_blank(&c.text) {
                    return None;
                }
                let parsed = c.text.parse::<Subpath>().ok();
                if parsed.is_none() {
                    self.matrix.findings.push(
                        Finding::new(
                            Code::MalformedCell,
                            c.span,
                            format!("the exception for `{flow}` names unknown subpath `{}`", quote(&c.text)),
                            "subpaths are happy, empty, blocked, recovery, negative, cleanup, fixture and environment",
                        )
                        .for_flow(&flow),
                    );
                }
                parsed
            });
            let span = self.span(row.start, row.end);
            self.matrix.exceptions.push(Exception {
                owners: find(Column::Owner)
                    .map(|c| list_values(&c.text))
                    .unwrap_or_default(),
                reason: find(Column::Reason)
                    .map(|c| c.text.to_string())
                    .filter(|t| !is_blank(t))
                    .unwrap_or_default(),
                expiry,
                follow_up: find(Column::FollowUp)
                    .map(|c| list_values(&c.text))
                    .unwrap_or_default(),
                subpath,
                flow,
                line: span.line,
                span,
                cells,
            });
        }
    }

    fn finish_decision(&mut self, builder: DecisionBuilder, end: usize) {
        // The section runs to the next heading, trailing blank lines included, so that a
        // rewrite of it keeps the document's spacing.
        let end = end.min(self.text.len()).max(builder.heading.start);
        let span = self.span(builder.heading.start, end);
        self.closed_decision = Some((builder, span));
    }
}

/// The level a paragraph states as the broad-UAT minimum ("at least L3 coverage").
fn stated_min_level(text: &str) -> Option<Level> {
    let lower = crate::fold::lower(text).replace('\n', " ");
    let at = lower.find("at least l")?;
    let rest = lower.get(at + "at least ".len()..)?;
    rest.get(..2).and_then(|l| l.parse().ok())
}

struct DecisionBuilder {
    heading: Span,
    bucket: Option<Decision>,
    /// True once a paragraph that opens no bucket (prose) has been read since the last
    /// heading: bullets after it are prose too, not unplaced flow bullets.
    after_prose: bool,
    /// Bullets led by a code span, in a bucket or unplaced (`None`); matched to flow IDs
    /// at the end of the document.
    items: Vec<(Option<Decision>, DeclaredEntry)>,
    lead_ins: Vec<LeadIn>,
}

impl DecisionBuilder {
    fn new(heading: Span) -> Self {
        Self {
            heading,
            bucket: None,
            after_prose: false,
            items: Vec::new(),
            lead_ins: Vec::new(),
        }
    }

    fn subheading(&mut self) {
        self.bucket = None;
        self.after_prose = false;
    }

    fn lead_in(&mut self, inline: &Inline<'_>, span: Span) {
        let text = inline.text.trim().replace('\n', " ");
        let lower = crate::fold::lower(&text);
        self.bucket = if lower.starts_with("ready for broad uat") {
            Some(Decision::Ready)
        } else if lower.starts_with("ready with accepted gap") {
            Some(Decision::AcceptedGap)
        } else if lower.starts_with("blocked") || lower.starts_with("not ready") {
            Some(Decision::Blocked)
        } else {
            None
        };
        self.after_prose = self.bucket.is_none();
        self.lead_ins.push(LeadIn {
            bucket: self.bucket,
            text,
            span,
        });
    }

    fn item(&mut self, source: &str, inline: &Inline<'_>, span: Span) {
        let Some((code, code_end)) = inline.leading_code() else {
            return;
        };
        if self.bucket.is_none() && self.after_prose {
            return;
        }
        let note = source
            .get(code_end..span.end)
            .map(|rest| rest.trim().trim_start_matches(':').trim())
            .filter(|n| !n.is_empty())
            .map(|n| n.replace("\r\n", "\n"));
        self.items.push((
            self.bucket,
            DeclaredEntry {
                flow: code.to_owned(),
                // Replaced by the bucket above for a placed bullet; unused for an
                // unplaced one.
                bucket: Decision::Blocked,
                note,
                span,
            },
        ));
    }

    /// The declared decision. A bullet is a flow's entry when its code span is shaped like
    /// a flow ID or is, as written, the ID of a row of `flows` (`flow-login-001`,
    /// `FLOW-B-001 (legacy)`); any other bullet is prose.
    fn finish(self, span: Span, flows: &[Flow<'_>]) -> DeclaredDecision {
        let unconventional = self.items.iter().any(|(_, e)| !is_flow_id(&e.flow));
        let ids: std::collections::HashSet<&str> = if unconventional {
            flows.iter().map(|f| f.id.as_str()).collect()
        } else {
            std::collections::HashSet::new()
        };
        let mut entries = Vec::new();
        let mut unplaced = Vec::new();
        for (bucket, entry) in self.items {
            if !is_flow_id(&entry.flow) && !ids.contains(entry.flow.as_str()) {
                continue;
            }
            match bucket {
                Some(bucket) => entries.push(DeclaredEntry { bucket, ..entry }),
                None => unplaced.push(UnplacedEntry {
                    flow: entry.flow,
                    note: entry.note,
                    span: entry.span,
                }),
            }
        }
        let ids = |b: Decision| {
            entries
                .iter()
                .filter(|e: &&DeclaredEntry| e.bucket == b)
                .map(|e| e.flow.clone())
                .collect()
        };
        DeclaredDecision {
            ready: ids(Decision::Ready),
            accepted_gap: ids(Decision::AcceptedGap),
            blocked: ids(Decision::Blocked),
            entries,
            unplaced,
            lead_ins: self.lead_ins,
            heading: self.heading,
            span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_cells_are_counted_by_unescaped_pipes() {
        assert_eq!(source_cell_count("| a | b |"), 2);
        assert_eq!(source_cell_count("| a | b"), 2);
        assert_eq!(source_cell_count("a | b | c |\r\n"), 3);
        assert_eq!(source_cell_count(r"| a \| x | b |"), 2);
        assert_eq!(source_cell_count("|  |  |"), 2);
    }

    #[test]
    fn stated_level_is_read_from_prose() {
        assert_eq!(
            stated_min_level("unless this matrix shows at\nleast L3 coverage"),
            Some(Level::L3)
        );
        assert_eq!(
            stated_min_level("shows at least L3 coverage"),
            Some(Level::L3)
        );
    }
}

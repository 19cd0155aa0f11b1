//! The gate: applies the matrix's own rules and computes each flow's decision.
//!
//! Invariants (property-tested in `tests/gate_props.rs`):
//! - the decision puts every flow in exactly one bucket;
//! - row order does not change any flow's decision;
//! - raising a level or closing a gap task never makes a flow less ready;
//! - moving `today` forward never makes a flow more ready;
//! - `strict` never makes a flow more ready.

use std::borrow::Cow;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::diagnostics::{quote, Code, Finding, Severity};
use crate::model::{Decision, Exception, Flow, Matrix};
use crate::report::{
    AppliedOptions, DecisionLists, FlowReport, GateResult, Options, Reason, Report, Summary,
};
use crate::span::Span;
use crate::vocab::{Column, Level, Status};

/// The threshold when neither the options nor the document name one.
pub const DEFAULT_MIN_LEVEL: Level = Level::L3;

/// Evaluates a parsed matrix: every rule, every flow's decision, drift against the
/// declared decision, and the scoped gate.
pub fn evaluate(matrix: &Matrix, options: &Options) -> Report {
    evaluate_with_findings(matrix, options, Vec::new())
}

/// The threshold applied for `options` on `matrix`, and where it came from.
pub fn min_level(matrix: &Matrix, options: &Options) -> (Level, &'static str) {
    match (options.min_level, matrix.stated_min_level) {
        (Some(l), _) => (l, "option"),
        (None, Some(l)) => (l, "document"),
        (None, None) => (DEFAULT_MIN_LEVEL, "default"),
    }
}

/// True when `flow` is in the gate's scope (priority and flow list of `options`).
pub fn in_scope(flow: &Flow, options: &Options) -> bool {
    (options.scope.is_none() || flow.priority == options.scope)
        && (options.flows.is_empty() || options.flows.contains(&flow.id))
}

/// [`evaluate`], with `extra` findings (e.g. from evidence) judged like the rules' own:
/// `strict` applies to them, and an error on a flow blocks it.
pub fn evaluate_with_findings(matrix: &Matrix, options: &Options, extra: Vec<Finding>) -> Report {
    let (min_level, source) = min_level(matrix, options);
    let mut ctx = Ctx {
        matrix,
        options,
        min_level,
        findings: matrix.findings.clone(),
        gap_tasks: matrix
            .gaps
            .iter()
            .flat_map(|g| g.tasks.iter().map(String::as_str))
            .collect(),
        flow_exceptions: HashMap::default(),
    };
    for e in &matrix.exceptions {
        if e.subpath.is_none() && !names_subpath(e) {
            ctx.flow_exceptions
                .entry(e.flow.as_str())
                .or_default()
                .push(e);
        }
    }
    ctx.check_register();
    for flow in &matrix.flows {
        ctx.check_flow(flow);
    }
    ctx.check_gap_list();
    ctx.findings.extend(extra);
    if options.strict {
        for f in &mut ctx.findings {
            if f.severity == Severity::Warning {
                f.severity = Severity::Error;
            }
        }
    }

    // Group the blocking findings by flow once, instead of scanning all findings per flow.
    let mut errors: HashMap<&str, Vec<&Finding>> = HashMap::default();
    for f in &ctx.findings {
        if let Some(flow) = f.flow.as_deref() {
            if f.severity == Severity::Error && !f.code.is_drift() {
                errors.entry(flow).or_default().push(f);
            }
        }
    }
    let flows: Vec<FlowReport> = matrix
        .flows
        .iter()
        .map(|f| ctx.decide(f, errors.get(f.id.as_str()).map_or(&[], Vec::as_slice)))
        .collect();
    // The declared section is about the document, so drift is judged against the
    // document's own decision: evidence findings (test reports) do not count there.
    let has_evidence = ctx.findings.iter().any(|f| f.code.is_evidence());
    let document_decisions: Vec<(&str, Decision)> = if has_evidence {
        matrix
            .flows
            .iter()
            .map(|f| {
                let errors: Vec<&Finding> = errors
                    .get(f.id.as_str())
                    .map_or(&[][..], Vec::as_slice)
                    .iter()
                    .copied()
                    .filter(|e| !e.code.is_evidence())
                    .collect();
                (f.id.as_str(), ctx.decide(f, &errors).decision)
            })
            .collect()
    } else {
        flows.iter().map(|f| (f.id.as_str(), f.decision)).collect()
    };
    let drift_findings = drift(matrix, &document_decisions);
    drop(errors);
    let mut findings = ctx.findings;
    findings.extend(drift_findings);
    findings.sort_by_key(|f| (f.span.start, f.code));

    let mut decision = DecisionLists::default();
    for f in &flows {
        match f.decision {
            Decision::Ready => decision.ready.push(f.id.clone()),
            Decision::AcceptedGap => decision.accepted_gap.push(f.id.clone()),
            Decision::Blocked => decision.blocked.push(f.id.clone()),
        }
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let summary = Summary {
        flows: flows.len(),
        ready: decision.ready.len(),
        accepted_gap: decision.accepted_gap.len(),
        blocked: decision.blocked.len(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
    };
    let gate = gate(matrix, &flows, options);
    Report {
        version: 1,
        options: AppliedOptions {
            today: options.today,
            min_level,
            min_level_source: source.to_owned(),
            strict: options.strict,
            expiry_warning_days: options.expiry_warning_days,
        },
        decision,
        flows,
        findings,
        summary,
        gate,
        evidence: None,
    }
}

fn gate(matrix: &Matrix, flows: &[FlowReport], options: &Options) -> GateResult {
    // `in_scope` and the unknown-flow check with sets built once: a long `--flow` list
    // must not make the gate flows × requested.
    let wanted: HashSet<&str> = options.flows.iter().map(String::as_str).collect();
    let in_scope: Vec<&FlowReport> = flows
        .iter()
        .zip(&matrix.flows)
        .filter(|(_, flow)| {
            (options.scope.is_none() || flow.priority == options.scope)
                && (wanted.is_empty() || wanted.contains(flow.id.as_str()))
        })
        .map(|(report, _)| report)
        .collect();
    let known: HashSet<&str> = flows.iter().map(|f| f.id.as_str()).collect();
    let unknown_flows: Vec<String> = options
        .flows
        .iter()
        .filter(|id| !known.contains(id.as_str()))
        .cloned()
        .collect();
    let blocked: Vec<String> = in_scope
        .iter()
        .filter(|f| f.decision == Decision::Blocked)
        .map(|f| f.id.clone())
        .collect();
    GateResult {
        scope: options
            .scope
            .map_or_else(|| "all".to_owned(), |p| p.to_string()),
        flows: in_scope.iter().map(|f| f.id.clone()).collect(),
        passed: !in_scope.is_empty() && blocked.is_empty() && unknown_flows.is_empty(),
        unknown_flows,
        blocked,
    }
}

struct Ctx<'a> {
    matrix: &'a Matrix<'a>,
    options: &'a Options,
    min_level: Level,
    findings: Vec<Finding>,
    /// Every task ID the gap list names (looked up once per open task).
    gap_tasks: HashSet<&'a str>,
    /// Whole-flow register rows (rows without a subpath), by flow, in document order.
    flow_exceptions: HashMap<&'a str, Vec<&'a Exception<'a>>>,
}

/// Where a finding about a flow points: the cell of `column`, else the row.
fn at(flow: &Flow, column: Column) -> Span {
    flow.cell(column).map_or(flow.span, |c| c.span)
}

/// True when a register row's `Subpath` cell says something, read or not: an unreadable
/// subpath (FR009) is still a skip of one subpath, never a whole-flow exception.
fn names_subpath(e: &Exception) -> bool {
    e.cells
        .iter()
        .any(|c| c.known == Some(Column::Subpath) && !crate::parse::cells::is_blank(&c.text))
}

/// Keywords that count as audit/observability evidence for L5.
/// A word counts when it starts with one of these (`audited`, `observability`, `logs`).
const AUDIT_WORDS: [&str; 9] = [
    "audit",
    "observab",
    "evidence",
    "trace",
    "tracing",
    "telemetry",
    "metric",
    "correlat",
    "log",
];

/// True when a word of `text` starts with an audit/observability keyword. Whole words
/// only, so `backlog` is not a log. Words are runs of alphanumeric characters; only the
/// start of each word is compared, without splitting the text.
fn mentions_audit(text: &str) -> bool {
    if text.is_ascii() {
        return mentions_audit_ascii(text.as_bytes());
    }
    mentions_audit_chars(text)
}

/// [`mentions_audit`] for ASCII text, eight bytes at a time: one mask says which bytes
/// are letters or digits, word starts follow from it with a shift, and only the words
/// that start there are compared with the keywords.
fn mentions_audit_ascii(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    // Whether the byte before the current one is a letter or digit.
    let mut prev_alnum = false;
    for chunk in &mut chunks {
        let word: [u8; 8] = chunk.try_into().unwrap_or_default();
        let alnum = alnum_mask(u64::from_le_bytes(word));
        // A word starts at an alphanumeric byte whose predecessor is not one.
        let mut starts = alnum & !((alnum << 8) | (u64::from(prev_alnum) << 7));
        prev_alnum = alnum >> 63 != 0;
        while starts != 0 {
            let at = base + (starts.trailing_zeros() / 8) as usize;
            if starts_like_a_keyword(bytes, at) && audit_word_at(bytes, at) {
                return true;
            }
            starts &= starts - 1;
        }
        base += 8;
    }
    for (k, b) in chunks.remainder().iter().enumerate() {
        let alnum = b.is_ascii_alphanumeric();
        if alnum && !prev_alnum && audit_word_at(bytes, base + k) {
            return true;
        }
        prev_alnum = alnum;
    }
    false
}

/// For eight ASCII bytes (little-endian), the high bit of each byte that is an ASCII
/// letter or digit. With every byte below 0x80, adding `0x80 - lo` to a byte sets its
/// high bit exactly when it is at least `lo`, and no sum carries into the next byte.
fn alnum_mask(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let at_least = |v: u64, lo: u8| v.wrapping_add(ONES * u64::from(0x80 - lo));
    let above = |v: u64, hi: u8| v.wrapping_add(ONES * u64::from(0x7f - hi));
    let digit = at_least(x, b'0') & !above(x, b'9');
    // Setting bit 5 folds upper-case letters onto lower-case ones, and nothing else
    // onto `a..=z`.
    let folded = x | (ONES * 0x20);
    let letter = at_least(folded, b'a') & !above(folded, b'z');
    (digit | letter) & HIGH
}

/// True when `bytes[at]` is a letter some keyword starts with (`a`, `c`, `e`, `l`, `m`,
/// `o`, `t`, in either case): one bit test, which rules out most words.
fn starts_like_a_keyword(bytes: &[u8], at: usize) -> bool {
    // Bit n is the n-th letter of the alphabet: bit 0 is `a`.
    const FIRST_LETTERS: u32 = 1
        | 1 << (b'c' - b'a')
        | 1 << (b'e' - b'a')
        | 1 << (b'l' - b'a')
        | 1 << (b'm' - b'a')
        | 1 << (b'o' - b'a')
        | 1 << (b't' - b'a');
    bytes.get(at).is_some_and(|&b| {
        let letter = (b | 0x20).wrapping_sub(b'a');
        letter < 26 && FIRST_LETTERS >> letter & 1 == 1
    })
}

/// True when the word starting at `bytes[at]` starts with an audit keyword (`log` only
/// as a word of at most four letters: `logs`, not `login`).
fn audit_word_at(bytes: &[u8], at: usize) -> bool {
    let Some(word) = bytes.get(at..) else {
        return false;
    };
    // Only the keywords that start with the word's first letter are compared: most words
    // start with none of them.
    let keywords: &[&str] = match word.first().map(u8::to_ascii_lowercase) {
        Some(b'a') => &["audit"],
        Some(b'o') => &["observab"],
        Some(b'e') => &["evidence"],
        Some(b't') => &["trace", "tracing", "telemetry"],
        Some(b'm') => &["metric"],
        Some(b'c') => &["correlat"],
        Some(b'l') => &["log"],
        _ => return false,
    };
    keywords.iter().any(|k| {
        word.get(..k.len())
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(k.as_bytes()))
            && (*k != "log" || word_len_ascii(word) <= 4)
    })
}

/// The length of the ASCII word (run of letters and digits) `bytes` starts with.
fn word_len_ascii(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(bytes.len())
}

/// [`mentions_audit`] over characters: the reading for any text, and the reference the
/// byte walk is tested against.
fn mentions_audit_chars(text: &str) -> bool {
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        let alnum = c.is_alphanumeric();
        if alnum && !in_word {
            let rest = text.as_bytes().get(i..).unwrap_or_default();
            let hit = AUDIT_WORDS.iter().any(|k| {
                rest.get(..k.len())
                    .is_some_and(|prefix| prefix.eq_ignore_ascii_case(k.as_bytes()))
                    && (*k != "log" || word_len(text.get(i..).unwrap_or("")) <= 4)
            });
            if hit {
                return true;
            }
        }
        in_word = alnum;
    }
    false
}

/// The byte length of the word (run of alphanumeric characters) `text` starts with.
fn word_len(text: &str) -> usize {
    text.find(|c: char| !c.is_alphanumeric())
        .unwrap_or(text.len())
}

/// True when `hay` contains `needle` (ASCII letters compared case-insensitively), without
/// allocating a lower-cased copy: candidates are found with memchr on the first byte.
fn contains_ci(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    let mut from = 0;
    while let Some(off) = hay.get(from..).and_then(|rest| {
        memchr::memchr2(first.to_ascii_lowercase(), first.to_ascii_uppercase(), rest)
    }) {
        let at = from + off;
        if hay
            .get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return true;
        }
        from = at + 1;
    }
    false
}

impl<'a> Ctx<'a> {
    fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Whole-flow register rows for `id` (rows without a subpath).
    fn flow_exceptions(&self, id: &str) -> impl Iterator<Item = &'a Exception<'a>> + '_ {
        self.flow_exceptions
            .get(id)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
    }

    fn is_expired(&self, e: &Exception) -> bool {
        match (
            self.options.today,
            e.expiry.as_deref().and_then(crate::date::parse_iso),
        ) {
            (Some(today), Some(expiry)) => today.0 > expiry,
            _ => false,
        }
    }

    fn check_register(&mut self) {
        let ids: HashSet<&str> = self.matrix.flows.iter().map(|f| f.id.as_str()).collect();
        for e in &self.matrix.exceptions {
            let what = match e.subpath {
                Some(s) => format!("the approved skip of `{s}` for `{}`", e.flow),
                None => format!("the exception for `{}`", e.flow),
            };
            if !ids.contains(e.flow.as_str()) {
                self.push(
                    Finding::new(
                        Code::ExceptionUnknownFlow,
                        e.span,
                        format!("{what} names a flow the matrix does not have"),
                        "fix the flow ID or remove the register row",
                    )
                    .for_flow(&e.flow),
                );
            }
            let mut missing = Vec::new();
            if e.owners.is_empty() {
                missing.push("owner");
            }
            if e.reason.is_empty() {
                missing.push("reason");
            }
            if e.expiry.is_none() {
                missing.push("expiry");
            }
            if e.follow_up.is_empty() {
                missing.push("follow-up");
            }
            if !missing.is_empty() {
                self.push(
                    Finding::new(
                        Code::ExceptionIncomplete,
                        e.span,
                        format!("{what} has no {}", missing.join(", ")),
                        "an accepted gap needs an owner, a reason, an expiry date and a follow-up task",
                    )
                    .for_flow(&e.flow),
                );
            }
            let expiry = e.expiry.as_deref().and_then(crate::date::parse_iso);
            if let (Some(today), Some(expiry)) = (self.options.today, expiry) {
                let span = e
                    .cells
                    .iter()
                    .find(|c| c.known == Some(Column::Expiry))
                    .map_or(e.span, |c| c.span);
                let days_left = (expiry - today.0).whole_days();
                if days_left < 0 {
                    self.push(
                        Finding::new(
                            Code::ExceptionExpired,
                            span,
                            format!(
                                "{what} expired on {} ({} days before {today})",
                                crate::date::format_iso(expiry),
                                -days_left
                            ),
                            "close the follow-up and remove the exception, or renew it with a new expiry and the owner's sign-off",
                        )
                        .for_flow(&e.flow),
                    );
                } else if days_left <= i64::from(self.options.expiry_warning_days) {
                    self.push(
                        Finding::new(
                            Code::ExceptionExpiring,
                            span,
                            format!(
                                "{what} expires on {} ({days_left} days from {today})",
                                crate::date::format_iso(expiry)
                            ),
                            "close the follow-up before then, or renew the exception",
                        )
                        .for_flow(&e.flow),
                    );
                }
            }
        }
    }

    fn check_flow(&mut self, flow: &Flow) {
        let id = flow.id.as_str();
        match flow.status {
            Some(Status::ReadyForBroadUat) => self.check_ready(flow),
            Some(Status::AcceptedGap) => self.check_accepted_gap(flow),
            Some(status) if status.waits_on_task() && flow.open_tasks().next().is_none() => {
                self.push(
                    Finding::new(
                        Code::BlockedWithoutTask,
                        at(flow, Column::GapTask),
                        format!("flow `{id}` is `{status}` but names no open gap task that owns the fix"),
                        "add the owning task ID to the `Gap Task` cell",
                    )
                    .for_flow(id),
                );
            }
            _ => {}
        }
        if matches!(
            flow.status,
            Some(Status::ReadyForBroadUat | Status::AcceptedGap)
        ) {
            self.check_gate_rule(flow);
        }
        self.check_untracked_tasks(flow);
        self.check_level_evidence(flow);
    }

    fn check_ready(&mut self, flow: &Flow) {
        let id = flow.id.as_str();
        if let Some(level) = flow.level {
            if level < self.min_level {
                self.push(
                    Finding::new(
                        Code::ReadyBelowThreshold,
                        at(flow, Column::Level),
                        format!(
                            "flow `{id}` is `ready_for_broad_uat` at {level}, below the gate threshold {}",
                            self.min_level
                        ),
                        format!(
                            "raise coverage to {} (frontend e2e or non-live smoke), or set the status to `needs_coverage`",
                            self.min_level
                        ),
                    )
                    .for_flow(id),
                );
            }
        }
        for task in flow.open_tasks() {
            self.push(
                Finding::new(
                    Code::ReadyWithOpenTask,
                    task.span,
                    format!("flow `{id}` is `ready_for_broad_uat` but gap task `{}` is open", quote(&task.id)),
                    format!("close the task (write `{} closed`), or set the status to `needs_coverage` or `accepted_gap`", quote(&task.id)),
                )
                .for_flow(id),
            );
        }
    }

    fn check_accepted_gap(&mut self, flow: &Flow) {
        let id = flow.id.as_str();
        let registered: Vec<&Exception> = self.flow_exceptions(id).collect();
        // A named follow-up counts even once closed: closing the task must never make the
        // flow less ready (the status is then merely stale).
        let has_follow_up =
            !flow.gap_tasks.is_empty() || registered.iter().any(|e| !e.follow_up.is_empty());
        let has_owner =
            !flow.owners().is_empty() || registered.iter().any(|e| !e.owners.is_empty());
        if !has_owner || !has_follow_up {
            let missing = match (has_owner, has_follow_up) {
                (false, false) => "an owner and a follow-up task",
                (false, true) => "an owner",
                _ => "a follow-up task",
            };
            let column = if has_owner {
                Column::GapTask
            } else {
                Column::Owner
            };
            self.push(
                Finding::new(
                    Code::AcceptedGapIncomplete,
                    at(flow, column),
                    format!("flow `{id}` is `accepted_gap` without {missing}"),
                    "an accepted gap must name the owner who accepts it and the open task that closes it",
                )
                .for_flow(id),
            );
        }
        let complete = registered
            .iter()
            .any(|e| !e.reason.is_empty() && e.expiry.is_some() && !self.is_expired(e));
        let below = flow.level.is_some_and(|l| l < self.min_level);
        if below && !complete {
            let level = flow.level.map_or_else(String::new, |l| l.to_string());
            self.push(
                Finding::new(
                    Code::AcceptedGapBelowThreshold,
                    at(flow, Column::Level),
                    format!(
                        "flow `{id}` is `accepted_gap` at {level}, below {}, without a registered, unexpired exception",
                        self.min_level
                    ),
                    "below the threshold an accepted gap needs an owner-backed exception: add a register row with owner, reason, expiry and follow-up",
                )
                .for_flow(id),
            );
        } else if registered
            .iter()
            .all(|e| e.reason.is_empty() || e.expiry.is_none())
        {
            self.push(
                Finding::new(
                    Code::AcceptedGapNoExpiry,
                    at(flow, Column::Status),
                    format!("flow `{id}` is `accepted_gap` but no exception with a reason and an expiry is registered"),
                    "add a row to the accepted-gap register (`| Flow ID | Owner | Reason | Expiry | Follow-up |`) so the acceptance lapses on a known date",
                )
                .for_flow(id),
            );
        }
    }

    /// The six steps of "Gate Rule For New User-Visible Work" (steps 2–5; step 6 is
    /// `check_untracked_tasks`), for flows that claim readiness.
    fn check_gate_rule(&mut self, flow: &Flow) {
        let id = flow.id.as_str();
        if !flow.is_filled(Column::UxAnchor) {
            self.push(
                Finding::new(
                    Code::MissingUxAnchor,
                    at(flow, Column::UxAnchor),
                    format!("flow `{id}` has no UX anchor"),
                    "link the UX journey or spec section the flow implements",
                )
                .for_flow(id),
            );
        }
        if !flow.is_filled(Column::ContractAnchor) {
            self.push(
                Finding::new(
                    Code::MissingContractAnchor,
                    at(flow, Column::ContractAnchor),
                    format!("flow `{id}` has no contract/API/CLI anchor"),
                    "link the API, CLI, SDK or event contract the flow relies on",
                )
                .for_flow(id),
            );
        }
        let paths = [
            Column::EmptyState,
            Column::BlockedState,
            Column::Recovery,
            Column::NegativePath,
            Column::Cleanup,
        ];
        // `n/a` identifies a path as impossible, which is an answer; only an empty cell is not.
        let unwritten = |c: Column| flow.text(c).trim().is_empty();
        let missing: Vec<&str> = paths
            .iter()
            .filter(|&&c| unwritten(c))
            .map(|c| c.header())
            .collect();
        if !missing.is_empty() {
            let first = paths
                .iter()
                .copied()
                .find(|&c| unwritten(c))
                .unwrap_or(Column::Cleanup);
            self.push(
                Finding::new(
                    Code::MissingPath,
                    at(flow, first),
                    format!("flow `{id}` does not identify its {} path", missing.join(", ")),
                    "describe every empty, blocked, recovery, negative and cleanup path (write `n/a` only where a path cannot exist)",
                )
                .for_flow(id),
            );
        }
        if flow.automation_anchors().is_empty() && flow.status != Some(Status::AcceptedGap) {
            self.push(
                Finding::new(
                    Code::MissingAutomation,
                    at(flow, Column::AutomationAnchor),
                    format!("flow `{id}` has no automation anchor"),
                    "attach frontend e2e, API/CLI/integration smoke, or accepted-gap evidence",
                )
                .for_flow(id),
            );
        }
        if !flow.uat_rows().iter().any(|r| r.starts_with("UAT-")) {
            self.push(
                Finding::new(
                    Code::MissingUatRow,
                    at(flow, Column::UatRow),
                    format!("flow `{id}` maps to no `UAT-*` row"),
                    "map the flow to one or more `UAT-*` rows of the UAT completeness matrix",
                )
                .for_flow(id),
            );
        }
    }

    /// Step 6: every open gap task needs a gap-list row carrying both classifiers.
    fn check_untracked_tasks(&mut self, flow: &Flow) {
        let id = flow.id.as_str();
        for task in flow.open_tasks() {
            if !self.gap_tasks.contains(task.id.as_str()) {
                self.push(
                    Finding::new(
                        Code::UntrackedGapTask,
                        task.span,
                        format!("open gap task `{}` of flow `{id}` has no gap-list row", quote(&task.id)),
                        format!("add a gap-list row for `{}` with `detected_by` and `expected_gate` classifiers", quote(&task.id)),
                    )
                    .for_flow(id),
                );
            }
        }
    }

    fn check_level_evidence(&mut self, flow: &Flow) {
        let id = flow.id.as_str();
        let Some(level) = flow.level else { return };
        if level >= Level::L3 {
            let e2e = flow.automation_anchors().iter().any(|a| {
                contains_ci(a, ".spec.") || contains_ci(a, "e2e") || contains_ci(a, "smoke")
            });
            if !e2e {
                self.push(
                    Finding::new(
                        Code::L3WithoutE2e,
                        at(flow, Column::AutomationAnchor),
                        format!("flow `{id}` claims {level} but names no e2e spec or smoke anchor"),
                        "L3 needs frontend e2e (`*.spec.ts`) or a non-live smoke; link it, or lower the level",
                    )
                    .for_flow(id),
                );
            }
        }
        if level >= Level::L4 {
            if !flow.uat_rows().iter().any(|r| r.starts_with("UAT-")) {
                self.push(
                    Finding::new(
                        Code::L4WithoutUat,
                        at(flow, Column::UatRow),
                        format!("flow `{id}` claims {level} but maps to no `UAT-*` row"),
                        "L4 needs environment-specific UAT: map a `UAT-*` row, or lower the level",
                    )
                    .for_flow(id),
                );
            }
            let lane = flow.text(Column::Lane);
            let names_lane = lane
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case("kind") || w.eq_ignore_ascii_case("dev"));
            let conditional = ["conditional", "optional", "maybe", "if "]
                .iter()
                .any(|w| contains_ci(lane, w));
            if !names_lane || conditional {
                let why = if names_lane {
                    format!(
                        "its lane `{}` is conditional",
                        quote(flow.text(Column::Lane))
                    )
                } else {
                    "it names no `kind` or `dev` lane".to_owned()
                };
                self.push(
                    Finding::new(
                        Code::L4Lane,
                        at(flow, Column::Lane),
                        format!("flow `{id}` claims {level} but {why}"),
                        "L4 is proven on a named environment: write the lane the UAT runs on (`kind/dev`)",
                    )
                    .for_flow(id),
                );
            }
        }
        if level >= Level::L5 {
            let audit = flow
                .cells
                .iter()
                .filter(|c| {
                    !matches!(
                        c.known,
                        Some(Column::FlowId | Column::Status | Column::Level)
                    )
                })
                .any(|c| mentions_audit(&c.text));
            let cleanup = flow.is_filled(Column::Cleanup);
            if !audit || !cleanup {
                let missing = match (cleanup, audit) {
                    (false, false) => "a cleanup path and audit/observability evidence",
                    (false, true) => "a cleanup path",
                    _ => "audit/observability evidence",
                };
                self.push(
                    Finding::new(
                        Code::L5Evidence,
                        at(flow, if cleanup { Column::Level } else { Column::Cleanup }),
                        format!("flow `{id}` claims L5 but shows no {missing}"),
                        "L5 needs a cleanup path plus audit, observability or rollback evidence; name them, or lower the level to L4",
                    )
                    .for_flow(id),
                );
            }
        }
    }

    fn check_gap_list(&mut self) {
        let mut task_flows: HashMap<&str, Vec<&Flow>> = HashMap::default();
        for flow in &self.matrix.flows {
            for task in &flow.gap_tasks {
                task_flows.entry(task.id.as_str()).or_default().push(flow);
            }
        }
        for gap in &self.matrix.gaps {
            let cell_span = |col: Column| {
                gap.cells
                    .iter()
                    .find(|c| c.known == Some(col))
                    .map_or(gap.span, |c| c.span)
            };
            let tasks: Vec<Cow<'_, str>> = gap.tasks.iter().map(|t| quote(t)).collect();
            let tasks = quote(&tasks.join("`, `")).into_owned();
            let mut missing = Vec::new();
            if gap.detected_by.is_none() {
                missing.push("`detected_by`");
            }
            if gap.expected_gate.is_none() {
                missing.push("`expected_gate`");
            }
            if !missing.is_empty() {
                let col = if gap.detected_by.is_none() {
                    Column::DetectedBy
                } else {
                    Column::ExpectedGate
                };
                self.push(Finding::new(
                    Code::GapMissingClassifier,
                    cell_span(col),
                    format!("gap-list row for `{tasks}` has no {}", missing.join(" or ")),
                    "classify every P0/P1 gap with `detected_by` (how it was found) and `expected_gate` (which gate must catch it)",
                ));
            }
            // One mismatch finding per (row, flow), naming the row's tasks of that flow.
            let mut mismatched: Vec<(&Flow, Vec<&str>)> = Vec::new();
            for (index, task) in gap.tasks.iter().enumerate() {
                match task_flows.get(task.as_str()) {
                    None => self.push(Finding::new(
                        Code::GapTaskUnreferenced,
                        item_span(
                            gap.cells.iter().find(|c| c.known == Some(Column::GapTask)),
                            &gap.tasks,
                            index,
                        )
                        .unwrap_or_else(|| cell_span(Column::GapTask)),
                        format!("gap-list task `{}` is named by no flow row", quote(task)),
                        "add the task to the `Gap Task` cell of the flow it follows up, if it belongs to one",
                    )),
                    Some(flows) => {
                        for flow in flows {
                            if gap.priority.is_some() && flow.priority.is_some() && gap.priority != flow.priority {
                                match mismatched.iter_mut().find(|(f, _)| f.id == flow.id) {
                                    Some((_, tasks)) => tasks.push(task),
                                    None => mismatched.push((flow, vec![task])),
                                }
                            }
                        }
                    }
                }
            }
            for (flow, tasks) in mismatched {
                let (gp, fp) = (
                    gap.priority.map(|p| p.to_string()),
                    flow.priority.map(|p| p.to_string()),
                );
                let (gp, fp) = (gp.unwrap_or_default(), fp.unwrap_or_default());
                self.push(
                    Finding::new(
                        Code::GapPriorityMismatch,
                        cell_span(Column::Priority),
                        format!("gap-list row for `{}` is {gp} but its flow `{}` is {fp}", tasks.join("`, `"), flow.id),
                        format!("align the priorities: a follow-up inherits its flow's priority ({fp}) unless the matrix says why not"),
                    )
                    .for_flow(&flow.id),
                );
            }
        }
    }

    /// The decision for one flow, from its status and the error findings on it.
    /// `errors` are the flow's error findings (drift excluded), in report order.
    fn decide(&self, flow: &Flow, errors: &[&Finding]) -> FlowReport {
        let mut reasons = Vec::with_capacity(1 + errors.len());
        let status_cell = flow.cell(Column::Status);
        let status_reason = |message: String, fix: Option<Cow<'static, str>>| Reason {
            code: None,
            message,
            cell: status_cell.map(|c| c.column.clone()),
            line: status_cell.map_or(flow.line, |c| c.span.line),
            column: status_cell.map_or(1, |c| c.span.column),
            fix,
        };
        let level = LevelText(flow.level);
        let mut decision = match flow.status {
            // Ready needs a level at or above the threshold; with no `Level` column there is
            // no cell finding on the row (FR003 sits on the header), so block here.
            Some(Status::ReadyForBroadUat) if flow.level.is_none() => {
                reasons.push(status_reason(
                    format!(
                        "status `ready_for_broad_uat` with no level, so it cannot meet the threshold {}",
                        self.min_level
                    ),
                    Some(Cow::Owned(format!("write the flow's level (at least {}) in a `Level` column", self.min_level))),
                ));
                Decision::Blocked
            }
            Some(Status::ReadyForBroadUat) => {
                reasons.push(status_reason(
                    format!(
                        "status `ready_for_broad_uat` at {level} (threshold {}), no open gap task",
                        self.min_level
                    ),
                    None,
                ));
                Decision::Ready
            }
            Some(Status::AcceptedGap) => {
                let message = if flow.open_tasks().next().is_none() {
                    format!(
                        "status `accepted_gap` at {level}, owned by {}; no open follow-up",
                        Owners(flow)
                    )
                } else {
                    format!(
                        "status `accepted_gap` at {level}, owned by {}; follow-up {}",
                        Owners(flow),
                        OpenTasks(flow)
                    )
                };
                reasons.push(status_reason(
                    message,
                    Some(Cow::Borrowed(
                        "close the follow-up tasks and set the status to `ready_for_broad_uat`",
                    )),
                ));
                Decision::AcceptedGap
            }
            Some(status) => {
                let (waits, fix) = if flow.open_tasks().next().is_none() {
                    (
                        format!("status `{status}`: no open gap task is named"),
                        Cow::Borrowed("name the owning gap task, then close it"),
                    )
                } else {
                    (
                        format!("status `{status}`: waits on {}", OpenTasks(flow)),
                        Cow::Owned(format!(
                            "close {} and set the status to `ready_for_broad_uat`",
                            OpenTasks(flow)
                        )),
                    )
                };
                reasons.push(status_reason(waits, Some(fix)));
                Decision::Blocked
            }
            None => {
                // An unreadable status cell has its own error (FR008/no status); a table
                // without a `Status` column (FR003, on the header) still owes the row a reason.
                if status_cell.is_none() {
                    reasons.push(status_reason(
                        "no status: the flow table has no `Status` column".to_owned(),
                        Some(Cow::Borrowed(
                            "add a `Status` column and write the flow's status",
                        )),
                    ));
                }
                Decision::Blocked
            }
        };
        for f in errors {
            let cell = flow.cells.iter().find(|c| {
                c.span.start <= f.span.start && f.span.start <= c.span.end.max(c.span.start)
            });
            reasons.push(Reason {
                code: Some(f.code),
                message: f.message.clone(),
                cell: cell.map(|c| c.column.clone()),
                line: f.line,
                column: f.column,
                fix: Some(f.help.clone()),
            });
        }
        if !errors.is_empty() {
            decision = Decision::Blocked;
            if flow.status == Some(Status::ReadyForBroadUat) {
                reasons.remove(0);
            }
        }
        FlowReport {
            id: flow.id.clone(),
            priority: flow.priority,
            level: flow.level,
            status: flow.status,
            decision,
            reasons,
            line: flow.line,
        }
    }
}

/// A flow's level for a reason: `L3`, or `no level`.
struct LevelText(Option<Level>);

impl std::fmt::Display for LevelText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(l) => write!(f, "{l}"),
            None => f.write_str("no level"),
        }
    }
}

/// A flow's owners, `, `-separated, or `nobody`.
struct Owners<'a>(&'a Flow<'a>);

impl std::fmt::Display for Owners<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.owners().is_empty() {
            return f.write_str("nobody");
        }
        for (i, o) in self.0.owners().iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(o)?;
        }
        Ok(())
    }
}

/// A flow's open gap tasks as `` `A`, `B` ``.
struct OpenTasks<'a>(&'a Flow<'a>);

impl std::fmt::Display for OpenTasks<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, t) in self.0.open_tasks().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{}`", t.id)?;
        }
        Ok(())
    }
}

/// Compares the declared decision with the computed one. Drift findings sit on the
/// decision section and never feed back into a flow's decision.
fn drift(matrix: &Matrix, flows: &[(&str, Decision)]) -> Vec<Finding> {
    let Some(declared) = &matrix.declared_decision else {
        return vec![Finding::new(
            Code::DecisionAbsent,
            Span {
                start: 0,
                end: 0,
                line: 1,
                column: 1,
            },
            "the document has no `Broad UAT Decision` section",
            "run `flowready decision --write` to append the computed decision",
        )];
    };
    let mut out = Vec::new();
    let computed: HashMap<&str, Decision> = flows.iter().copied().collect();
    let mut seen: HashSet<&str> = HashSet::default();
    for entry in &declared.entries {
        let id = entry.flow.as_str();
        if !seen.insert(id) {
            out.push(
                Finding::new(
                    Code::DecisionDuplicate,
                    entry.span,
                    format!("flow `{id}` is declared more than once"),
                    "list each flow under exactly one lead-in",
                )
                .for_flow(id),
            );
            continue;
        }
        match computed.get(id) {
            None => out.push(
                Finding::new(
                    Code::DecisionUnknownFlow,
                    entry.span,
                    format!("the declared decision names `{id}`, which is not a flow of this matrix"),
                    "fix the ID or remove the bullet; `flowready decision --write` regenerates the section",
                )
                .for_flow(id),
            ),
            Some(&d) if d != entry.bucket => out.push(
                Finding::new(
                    Code::DecisionDrift,
                    entry.span,
                    format!("flow `{id}` is declared {} but its row computes {}", entry.bucket, d),
                    "the section is stale: run `flowready decision --write`, or fix the row if the declaration is right",
                )
                .for_flow(id),
            ),
            Some(_) => {}
        }
    }
    for &(id, decision) in flows {
        if !seen.contains(id) {
            out.push(
                Finding::new(
                    Code::DecisionMissingFlow,
                    declared.heading,
                    format!("flow `{id}` ({decision}) is missing from the declared decision"),
                    "run `flowready decision --write` to add it under its computed bucket",
                )
                .for_flow(id),
            );
        }
    }
    out
}

/// The span of list item `items[index]` inside `cell`, for a finding about that item
/// alone. The model keeps the cell's span and its text (code spans without backticks),
/// so the item is found in the text and mapped back: exactly when the source is the
/// text, or when every item is one code span (`` `A`; `B` ``). Otherwise `None`, and the
/// finding points at the whole cell.
fn item_span(cell: Option<&crate::model::Cell>, items: &[String], index: usize) -> Option<Span> {
    let cell = cell?;
    let item = items.get(index)?;
    let nth = items.get(..index)?.iter().filter(|i| *i == item).count();
    let at = cell.text.match_indices(item.as_str()).nth(nth)?.0;
    let source_len = cell.span.end.checked_sub(cell.span.start)?;
    // Every item one code span: two backticks each, less the cell's first when the cell's
    // span starts inside its first code span (as the parser records it).
    let pairs = 2 * items.len();
    let extra = if source_len == cell.text.len() {
        0
    } else if source_len == cell.text.len() + pairs {
        2 * index + 1
    } else if source_len + 1 == cell.text.len() + pairs {
        2 * index
    } else {
        return None;
    };
    let chars_before = cell.text.get(..at)?.chars().count() + extra;
    let start = cell.span.start + at + extra;
    Some(Span {
        start,
        end: start + item.len(),
        line: cell.span.line,
        column: cell.span.column + u32::try_from(chars_before).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_threshold_is_l3() {
        assert_eq!(DEFAULT_MIN_LEVEL, Level::L3);
    }

    #[test]
    fn audit_words_are_whole_word_prefixes() {
        for (text, expected) in [
            ("request logs in Loki", true),
            ("`audit_log` row", true),
            ("Observability: traces", true),
            ("backlog grooming", false),
            ("logistics and logins", false),
            ("catalog, blog", false),
            ("LOGS", true),
            ("x-metrics-y", true),
            ("", false),
        ] {
            assert_eq!(mentions_audit(text), expected, "{text:?}");
            assert_eq!(mentions_audit_chars(text), expected, "{text:?}");
        }
    }

    proptest::proptest! {
        /// The byte walk for ASCII text reads exactly as the character walk does.
        #[test]
        fn ascii_walk_matches_the_character_walk(
            text in "([a-zA-Z0-9]{0,9}|log|logs|audit|traces|Metric|backlog|[ ,._`|/-]{1,3}){0,12}"
        ) {
            proptest::prop_assert_eq!(mentions_audit(&text), mentions_audit_chars(&text));
        }

        /// Any ASCII bytes at all (controls, punctuation, words across eight-byte chunks).
        #[test]
        fn ascii_walk_matches_on_any_ascii(
            text in "([\\x00-\\x7f]{0,11}|audit|log|logs|Trace|LOGIN|[a-z]{7}){0,9}"
        ) {
            proptest::prop_assert_eq!(mentions_audit(&text), mentions_audit_chars(&text));
        }
    }

    #[test]
    fn every_keyword_is_found_at_a_word_start_in_any_case() {
        for k in super::AUDIT_WORDS {
            let upper = k.to_ascii_uppercase();
            for text in [
                format!("x {k}"),
                format!("{upper}."),
                format!("12345678 {k}s"),
                format!("ab-{upper}"),
            ] {
                assert!(mentions_audit(&text), "{text:?}");
                assert!(mentions_audit_chars(&text), "{text:?}");
            }
            assert!(!mentions_audit(&format!("x{k}")), "x{k}");
            assert!(super::starts_like_a_keyword(k.as_bytes(), 0), "{k}");
        }
    }

    #[test]
    fn the_alphanumeric_mask_agrees_with_the_byte_test_in_every_lane() {
        for b in 0u8..0x80 {
            for lane in 0..8 {
                let mut word = [b' '; 8];
                word[lane] = b;
                let mask = super::alnum_mask(u64::from_le_bytes(word));
                let expected = b.is_ascii_alphanumeric();
                assert_eq!(
                    mask >> (lane * 8 + 7) & 1 == 1,
                    expected,
                    "{b:#x} in lane {lane}"
                );
                assert_eq!(mask & !(0x80 << (lane * 8)), 0, "{b:#x} in lane {lane}");
            }
        }
    }
}

//! Property tests: the parser never panics, models round-trip through Markdown, column
//! order and row order do not matter, and the gate's decision is a monotone partition.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use flowready::{Decision, IsoDate, Matrix, Options, Report};
use proptest::prelude::*;
use serde_json::Value;

// ---------------------------------------------------------------------------------------
// Generated matrices
// ---------------------------------------------------------------------------------------

const HEADERS: [&str; 19] = [
    "Flow ID",
    "Persona",
    "Entry Point",
    "Happy Path",
    "Empty State",
    "Blocked State",
    "Recovery",
    "Negative Path",
    "Cleanup",
    "UX Anchor",
    "Contract / CLI Anchor",
    "Automation Anchor",
    "UAT Row",
    "Fixture / Env",
    "Lane",
    "Level",
    "Status",
    "Owner",
    "Gap Task",
];

const STATUSES: [&str; 8] = [
    "ready_for_broad_uat",
    "blocked",
    "accepted_gap",
    "needs_coverage",
    "needs_design",
    "needs_contract",
    "needs_fixture",
    "needs_env_fix",
];

#[derive(Debug, Clone)]
struct FlowSpec {
    priority: u8,
    level: u8,
    status: usize,
    tasks: Vec<(String, bool)>,
    /// Free text for the 14 descriptive columns (Persona … Lane, Owner).
    texts: Vec<String>,
    /// When true the anchors back every level claim (spec, UAT row, lane, audit words).
    complete: bool,
}

#[derive(Debug, Clone)]
struct Spec {
    flows: Vec<FlowSpec>,
    /// Register rows: (flow index, expiry day offset from 2026-11-28, has subpath).
    exceptions: Vec<(usize, i64, bool)>,
    /// Whether to write a declared decision, and a bucket shift per flow.
    declared: Option<Vec<u8>>,
    priority_column: bool,
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,8}",
        "[A-Z][a-z]{0,6}",
        Just("café".to_owned()),
        Just("日本語".to_owned()),
        Just("naïve/ops".to_owned()),
        Just("a\\|b".to_owned()),
        Just("`code.spec.ts`".to_owned()),
        Just("x_y".to_owned()),
        Just("(note)".to_owned()),
        Just("n/a".to_owned()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 0..5).prop_map(|w| w.join(" "))
}

fn task_id() -> impl Strategy<Value = String> {
    ("[A-Z]{2,5}", 0u16..999).prop_map(|(w, n)| format!("TASK-{w}-{n:03}"))
}

fn flow_spec() -> impl Strategy<Value = FlowSpec> {
    (
        0u8..2,
        0u8..6,
        0usize..8,
        prop::collection::vec((task_id(), any::<bool>()), 0..3),
        prop::collection::vec(text(), 14),
        any::<bool>(),
    )
        .prop_map(
            |(priority, level, status, tasks, texts, complete)| FlowSpec {
                priority,
                level,
                status,
                tasks,
                texts,
                complete,
            },
        )
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec(flow_spec(), 0..8),
        prop::collection::vec((0usize..8, -40i64..60, any::<bool>()), 0..3),
        prop::option::of(prop::collection::vec(0u8..3, 8)),
        any::<bool>(),
    )
        .prop_map(|(flows, exceptions, declared, priority_column)| Spec {
            exceptions: exceptions
                .into_iter()
                .filter(|(i, _, _)| *i < flows.len())
                .collect(),
            flows,
            declared,
            priority_column,
        })
}

fn flow_id(i: usize) -> String {
    format!("FLOW-GEN-{i:03}")
}

fn cell_values(f: &FlowSpec, i: usize) -> Vec<String> {
    let mut t = f.texts.clone();
    if f.complete {
        t[10] = format!("`flow{i}.spec.ts`, smoke");
        t[11] = format!("`UAT-GEN-{i:03}`");
        t[13] = "kind/dev".to_owned();
        t[7] = format!("audit log kept {}", t[7]);
    }
    let tasks = if f.tasks.is_empty() {
        "none".to_owned()
    } else {
        f.tasks
            .iter()
            .map(|(id, closed)| {
                if *closed {
                    format!("`{id}` closed")
                } else {
                    format!("`{id}`")
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut v = vec![flow_id(i)];
    v.extend(t[..14].iter().cloned());
    v.push(format!("L{}", f.level));
    v.push(STATUSES[f.status].to_owned());
    v.push(if t[0].is_empty() {
        "team/a".to_owned()
    } else {
        t[0].replace("n/a", "team/b")
    });
    v.push(tasks);
    v
}

/// Renders a spec, with columns in `order` (a permutation of 0..19, plus Priority when the
/// spec has a priority column) and rows in `rows` order.
fn render(spec: &Spec, order: &[usize], rows: &[usize]) -> String {
    let mut out = String::from("# Generated matrix\n\nStatus: generated\n\n");
    let mut headers: Vec<&str> = HEADERS.to_vec();
    if spec.priority_column {
        headers.push("Priority");
    }
    let tables: Vec<Vec<usize>> = if spec.priority_column {
        vec![rows.to_vec()]
    } else {
        (0..2u8)
            .map(|p| {
                rows.iter()
                    .copied()
                    .filter(|&i| spec.flows[i].priority == p)
                    .collect()
            })
            .collect()
    };
    for (t, members) in tables.iter().enumerate() {
        let heading = if spec.priority_column {
            "Flow Matrix".to_owned()
        } else {
            format!("P{t} Flow Matrix")
        };
        out.push_str(&format!("## {heading}\n\n|"));
        for &c in order {
            out.push_str(&format!(" {} |", headers[c]));
        }
        out.push_str("\n|");
        for _ in order {
            out.push_str("---|");
        }
        out.push('\n');
        for &i in members {
            let mut values = cell_values(&spec.flows[i], i);
            if spec.priority_column {
                values.push(format!("P{}", spec.flows[i].priority));
            }
            out.push('|');
            for &c in order {
                out.push_str(&format!(" {} |", values[c]));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    if !spec.exceptions.is_empty() {
        out.push_str("## Accepted Gaps\n\n| Flow ID | Owner | Reason | Expiry | Follow-up | Subpath |\n|---|---|---|---|---|---|\n");
        let base = time::Date::from_calendar_date(2026, time::Month::November, 28).unwrap();
        for &(i, days, sub) in &spec.exceptions {
            let expiry = base + time::Duration::days(days);
            let subpath = if sub { "negative" } else { "" };
            out.push_str(&format!(
                "| {} | team/a | pending review | {} | `TASK-EXC-{i:03}` | {subpath} |\n",
                flow_id(i),
                IsoDate(expiry)
            ));
        }
        out.push('\n');
    }
    if let Some(shift) = &spec.declared {
        out.push_str("## Broad UAT Decision\n\n");
        for (b, lead) in [
            "Ready for broad UAT:",
            "Ready with accepted gaps:",
            "Blocked or not ready:",
        ]
        .iter()
        .enumerate()
        {
            out.push_str(&format!("{lead}\n\n"));
            for &i in rows {
                if usize::from(shift[i % shift.len()]) == b {
                    out.push_str(&format!("- `{}`: note {i}\n", flow_id(i)));
                }
            }
            out.push('\n');
        }
    }
    out
}

fn identity(n: usize) -> Vec<usize> {
    (0..n).collect()
}

fn render_default(spec: &Spec) -> String {
    let cols = HEADERS.len() + usize::from(spec.priority_column);
    render(spec, &identity(cols), &identity(spec.flows.len()))
}

fn options(strict: bool) -> Options {
    Options {
        today: IsoDate::parse("2026-11-28"),
        strict,
        ..Options::default()
    }
}

/// The model without positions: what must survive a round trip or a reordering.
fn essence(m: &Matrix) -> Value {
    let mut v = common::semantic_with(m, true);
    strip(&mut v);
    v
}

fn strip(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for key in [
                "span",
                "line",
                "heading",
                "lead_ins",
                "findings",
                "table",
                "metadata",
                "stated_min_level",
            ] {
                if key != "heading" || map.get(key).is_some_and(Value::is_object) {
                    map.remove(key);
                }
            }
            map.values_mut().for_each(strip);
        }
        Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

fn decisions(report: &Report) -> Vec<(String, Decision)> {
    let mut d: Vec<(String, Decision)> = report
        .flows
        .iter()
        .map(|f| (f.id.clone(), f.decision))
        .collect();
    d.sort_by(|a, b| a.0.cmp(&b.0));
    d
}

fn rank(report: &Report, id: &str) -> u8 {
    report.flow(id).map(|f| f.decision.rank()).unwrap()
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let m = flowready::parse_bytes(&bytes);
        let report = flowready::evaluate(&m, &options(false));
        prop_assert_eq!(report.flows.len(), m.flows.len());
        for f in &report.findings {
            prop_assert!(f.line >= 1 && f.column >= 1);
        }
    }

    #[test]
    fn table_shaped_noise_never_panics(
        parts in prop::collection::vec(prop_oneof![
            Just("|"), Just("\\|"), Just("`"), Just("\n"), Just("\r\n"), Just("---"), Just(" "),
            Just("Flow ID"), Just("Level"), Just("Status"), Just("L3"), Just("ready_for_broad_uat"),
            Just("FLOW-A-001"), Just("## P0"), Just("- "), Just("é"), Just("Broad UAT Decision"),
            Just("Ready for broad UAT:"), Just("`FLOW-A-001`"), Just("closed"), Just(";"), Just("> "),
        ], 0..200)
    ) {
        let text: String = parts.concat();
        let m = flowready::parse(&text);
        let _ = flowready::evaluate(&m, &options(true));
        let _ = flowready::markdown::to_markdown(&m);
    }

    #[test]
    fn truncated_documents_never_panic(spec in spec(), cut in 0.0f64..1.0) {
        let text = render_default(&spec);
        let mut at = (text.len() as f64 * cut) as usize;
        while !text.is_char_boundary(at) { at -= 1; }
        let m = flowready::parse(&text[..at]);
        let _ = flowready::evaluate(&m, &options(false));
    }

    #[test]
    fn generated_matrices_round_trip(spec in spec()) {
        let text = render_default(&spec);
        let first = flowready::parse(&text);
        let markdown = flowready::markdown::to_markdown(&first);
        let second = flowready::parse(&markdown);
        prop_assert_eq!(essence(&first), essence(&second), "\n{}", markdown);
        // One trip reaches a fixpoint.
        prop_assert_eq!(&flowready::markdown::to_markdown(&second), &markdown);
        prop_assert_eq!(first.flows.len(), spec.flows.len());
    }

    #[test]
    fn permuting_columns_gives_the_same_model(spec in spec(), seed in any::<u64>()) {
        let cols = HEADERS.len() + usize::from(spec.priority_column);
        let mut order = identity(cols);
        // A deterministic shuffle from the seed.
        let mut s = seed | 1;
        for i in (1..order.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            order.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let rows = identity(spec.flows.len());
        let a_text = render(&spec, &identity(cols), &rows);
        let a = flowready::parse(&a_text);
        let b_text = render(&spec, &order, &rows);
        let b = flowready::parse(&b_text);
        prop_assert_eq!(essence(&a), essence(&b));
        let ra = flowready::evaluate(&a, &options(false));
        let rb = flowready::evaluate(&b, &options(false));
        prop_assert_eq!(decisions(&ra), decisions(&rb));
    }

    #[test]
    fn the_decision_partitions_every_flow_once(spec in spec(), strict in any::<bool>()) {
        let m_text = render_default(&spec);
        let m = flowready::parse(&m_text);
        let r = flowready::evaluate(&m, &options(strict));
        let mut all: Vec<&String> = r.decision.ready.iter()
            .chain(&r.decision.accepted_gap)
            .chain(&r.decision.blocked)
            .collect();
        prop_assert_eq!(all.len(), m.flows.len());
        all.sort();
        all.dedup();
        prop_assert_eq!(all.len(), m.flows.len());
        prop_assert_eq!(r.summary.ready + r.summary.accepted_gap + r.summary.blocked, m.flows.len());
    }

    #[test]
    fn row_order_does_not_change_the_decision(spec in spec(), rot in 0usize..8, strict in any::<bool>()) {
        let n = spec.flows.len();
        let cols = identity(HEADERS.len() + usize::from(spec.priority_column));
        let mut rows = identity(n);
        rows.reverse();
        if n > 0 { rows.rotate_left(rot % n); }
        let a = flowready::evaluate(&flowready::parse(&render(&spec, &cols, &identity(n))), &options(strict));
        let b = flowready::evaluate(&flowready::parse(&render(&spec, &cols, &rows)), &options(strict));
        prop_assert_eq!(decisions(&a), decisions(&b));
        let codes = |r: &Report| { let mut c: Vec<_> = r.findings.iter().map(|f| (f.code, f.flow.clone())).collect(); c.sort(); c };
        prop_assert_eq!(codes(&a), codes(&b));
    }

    #[test]
    fn raising_a_level_never_makes_a_flow_less_ready(spec in spec(), pick in 0usize..8, strict in any::<bool>()) {
        prop_assume!(!spec.flows.is_empty());
        let i = pick % spec.flows.len();
        prop_assume!(spec.flows[i].level < 5);
        // Under --strict a higher claim must be backed by its anchors, so only complete
        // rows are promised monotonicity there.
        prop_assume!(!strict || spec.flows[i].complete);
        let before = flowready::evaluate(&flowready::parse(&render_default(&spec)), &options(strict));
        let mut raised = spec.clone();
        raised.flows[i].level += 1;
        let after = flowready::evaluate(&flowready::parse(&render_default(&raised)), &options(strict));
        prop_assert!(rank(&after, &flow_id(i)) >= rank(&before, &flow_id(i)));
    }

    #[test]
    fn closing_a_task_never_makes_a_flow_less_ready(spec in spec(), pick in 0usize..8, t in 0usize..3, strict in any::<bool>()) {
        prop_assume!(!spec.flows.is_empty());
        let i = pick % spec.flows.len();
        prop_assume!(!spec.flows[i].tasks.is_empty());
        let t = t % spec.flows[i].tasks.len();
        let before = flowready::evaluate(&flowready::parse(&render_default(&spec)), &options(strict));
        let mut closed = spec.clone();
        closed.flows[i].tasks[t].1 = true;
        let after = flowready::evaluate(&flowready::parse(&render_default(&closed)), &options(strict));
        prop_assert!(rank(&after, &flow_id(i)) >= rank(&before, &flow_id(i)));
    }

    #[test]
    fn moving_today_forward_never_makes_a_flow_more_ready(spec in spec(), days in 1i64..120, strict in any::<bool>()) {
        let m_text = render_default(&spec);
        let m = flowready::parse(&m_text);
        let early = flowready::evaluate(&m, &options(strict));
        let later_day = IsoDate::parse("2026-11-28").unwrap().0 + time::Duration::days(days);
        let later = flowready::evaluate(&m, &Options { today: Some(IsoDate(later_day)), ..options(strict) });
        for f in &m.flows {
            prop_assert!(rank(&later, &f.id) <= rank(&early, &f.id), "{}", f.id);
        }
    }

    #[test]
    fn strict_never_makes_a_flow_more_ready(spec in spec()) {
        let m_text = render_default(&spec);
        let m = flowready::parse(&m_text);
        let lax = flowready::evaluate(&m, &options(false));
        let strict = flowready::evaluate(&m, &options(true));
        for f in &m.flows {
            prop_assert!(rank(&strict, &f.id) <= rank(&lax, &f.id), "{}", f.id);
        }
        prop_assert!(strict.summary.errors >= lax.summary.errors);
    }

    #[test]
    fn drift_never_changes_the_computed_decision(spec in spec()) {
        let mut without = spec.clone();
        without.declared = None;
        let a = flowready::evaluate(&flowready::parse(&render_default(&spec)), &options(false));
        let b = flowready::evaluate(&flowready::parse(&render_default(&without)), &options(false));
        prop_assert_eq!(decisions(&a), decisions(&b));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// `decision --write`: every byte outside the section stays, line endings included;
    /// the result has no drift; a second rewrite changes nothing.
    #[test]
    fn rewriting_the_decision_changes_nothing_outside_it(spec in spec(), strict in any::<bool>(), crlf in any::<bool>()) {
        let mut text = render_default(&spec);
        text.push_str("## Notes\n\nKept as it is, after the section.\n");
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        let m = flowready::parse(&text);
        let r = flowready::evaluate(&m, &options(strict));
        let out = flowready::decision_block::rewrite(&text, &m, &r);
        match &m.declared_decision {
            Some(d) => {
                prop_assert_eq!(&out[..d.span.start], &text[..d.span.start]);
                prop_assert!(out.ends_with(&text[d.span.end..]));
                prop_assert!(text[d.span.end..].contains("Kept as it is"));
            }
            None => prop_assert!(out.starts_with(&text)),
        }
        if crlf {
            prop_assert!(!out.replace("\r\n", "").contains('\n'), "a bare LF in a CRLF file");
        }
        let m2 = flowready::parse(&out);
        let r2 = flowready::evaluate(&m2, &options(strict));
        let drift: Vec<_> = r2.findings.iter().filter(|f| f.code.is_drift()).collect();
        prop_assert!(drift.is_empty() || m.flows.is_empty(), "{:?}\n{}", drift, out);
        prop_assert_eq!(decisions(&r), decisions(&r2));
        prop_assert_eq!(flowready::decision_block::rewrite(&out, &m2, &r2), out);
    }
}

#[test]
fn levels_are_totally_ordered_and_cumulative() {
    use flowready::Level;
    for (i, a) in Level::ALL.iter().enumerate() {
        for (j, b) in Level::ALL.iter().enumerate() {
            assert_eq!(a.cmp(b), i.cmp(&j));
        }
        assert_eq!(a.as_str().parse::<Level>(), Ok(*a));
    }
}

//! Differential tests: the fast table scanner (`parse::parse_fast`) must read exactly what
//! the pulldown-cmark reference (`parse::parse_reference`) reads — same cells, spans and
//! findings — on real matrices, generated ones and mutated ones. Where the fast path
//! declines a document (`None`), `parse` falls back to the reference, so `parse` must
//! always equal the reference.

#![allow(clippy::unwrap_used, clippy::panic)]

use flowready::parse::{parse_fast, parse_reference};
use proptest::prelude::*;

fn json(m: &flowready::Matrix) -> serde_json::Value {
    serde_json::to_value(m).unwrap()
}

/// Asserts `parse` equals the reference; returns whether the fast path took the document.
fn same(text: &str) -> bool {
    let reference = json(&parse_reference(text));
    assert!(
        json(&flowready::parse(text)) == reference,
        "parse differs from the reference on {text:?}"
    );
    match parse_fast(text) {
        Some(fast) => {
            assert!(
                json(&fast) == reference,
                "fast path differs from the reference on {text:?}"
            );
            true
        }
        None => false,
    }
}

fn repo_file(rel: &str) -> Option<String> {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).ok()
}

#[test]
fn seed_and_example_take_the_fast_path_and_match() {
    for example in ["../examples/matrix.md", "../examples/matrix-last-week.md"] {
        let text = repo_file(example).unwrap();
        assert!(same(&text), "{example} should take the fast path");
    }
    if let Some(seed) = repo_file("../../shared/seed/Product_Quality_Flow_Coverage_Matrix_v1.md") {
        assert!(same(&seed), "the seed should take the fast path");
        // Without a final newline, and with the tables' trailing blank lines squeezed.
        same(seed.trim_end());
        same(&seed.replace("\n\n|", "\n|"));
    }
}

#[test]
fn every_vector_matches() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).unwrap();
            same(&text);
        }
    }
}

#[test]
fn tricky_cells_match() {
    let cells = [
        "`a`",
        "``a`b``",
        "` x `",
        "`  `",
        "a_b",
        "_a_",
        "a _b",
        "*em*",
        r"a \| b",
        r"`a \| b`",
        "&amp;",
        "&",
        "<b>x</b>",
        "[l](u)",
        "[x]",
        "![i](u)",
        "é",
        "  é  ",
        "\u{a0}x",
        "x\u{a0}",
        "`",
        "``",
        "a ` b",
        "n/a",
        "FLOW-X-001",
        "`T-1` closed; `T-2`",
        "x  y",
        "a__b",
        "snake_case_word",
        "_",
        "a_",
        "~x~",
        "$x$",
        "#x",
        "a # b",
        "1. x",
        "- x",
        "> x",
        "+x",
        "a=b",
        "http://x.y",
        "`a`b`c`",
        "```a``",
        "a`b",
        "\\",
        "x\\",
    ];
    for c in cells {
        let doc = format!("# T\n\n| Flow ID | Level | Status | Note |\n|---|---|---|---|\n| FLOW-A-001 | L3 | ready_for_broad_uat | {c} |\n| FLOW-B-001 | {c} | {c} |\n");
        same(&doc);
        let doc =
            format!("| Flow ID | {c} | Status |\n|---|---|---|\n| {c} | L1 | {c}\n\ntext {c}\n");
        same(&doc);
    }
}

#[test]
fn constructs_the_fast_path_declines() {
    let table = "| Flow ID | Level | Status |\n|---|---|---|\n| FLOW-A-001 | L3 | blocked |\n";
    for doc in [
        format!("```\n{table}```\n"),
        format!("~~~\n\n{table}\n~~~\n"),
        format!("> quote\n>\n> {table}"),
        format!("- item\n\n  {table}"),
        format!("<div>\n\n{table}\n</div>\n"),
        format!("<!--\n\n{table}\n-->\n"),
        format!("[ref]: /url\n\n{table}"),
        // A definition inside a list item or a quote still defines `[a]` for the cell.
        format!(
            "- [a]: /url\n\n{}| [a] | L3 | blocked |\n",
            table.replace("| FLOW-A-001 | L3 | blocked |\n", "")
        ),
        format!(
            "> [a]: /url\n\n{}| [a] | L3 | blocked |\n",
            table.replace("| FLOW-A-001 | L3 | blocked |\n", "")
        ),
        format!("[a\nb]: /url\n\n{table}"),
        format!("para\n{table}"),
        format!("## P0\n{table}"),
        format!("{table}trailing para\n"),
        format!("  {table}"),
        "Flow ID | Level | Status\n---|---|---\nFLOW-A-001 | L3 | blocked\n".to_owned(),
        table.replace('\n', "\r\n"),
        table.replace("| L3", "|\tL3"),
        "| Flow ID | Level |\n|---|\n| FLOW-A-001 | L3 |\n".to_owned(),
        format!("{table}| a \\\\| b |\n"),
    ] {
        assert!(!same(&doc), "expected a fallback for {doc:?}");
    }
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9 ./-]{0,12}",
        Just("`code`".to_owned()),
        Just("`a` and `b`".to_owned()),
        Just("a_b".to_owned()),
        Just("*x*".to_owned()),
        Just(r"x \| y".to_owned()),
        Just("é ü".to_owned()),
        Just("`T-1` closed; `T-2`".to_owned()),
        Just("ready_for_broad_uat".to_owned()),
        Just("L3".to_owned()),
        Just("".to_owned()),
        Just("<x>".to_owned()),
        Just("&lt;".to_owned()),
        Just("[a](b)".to_owned()),
        Just("`".to_owned()),
    ]
}

fn table() -> impl Strategy<Value = String> {
    let header = prop::sample::subsequence(
        vec![
            "Flow ID",
            "Priority",
            "Level",
            "Status",
            "Owner",
            "Gap Task",
            "Gap",
            "detected_by",
            "expected_gate",
            "Automation Anchor",
            "UAT Row",
            "Note",
        ],
        1..8,
    );
    (
        header,
        prop::collection::vec(prop::collection::vec(cell(), 0..9), 0..6),
        any::<bool>(),
    )
        .prop_map(|(h, rows, trailing)| {
            let mut t = format!("| {} |\n|{}\n", h.join(" | "), "---|".repeat(h.len()));
            for (i, r) in rows.iter().enumerate() {
                let mut cells = r.clone();
                if let Some(first) = cells.first_mut() {
                    if i % 2 == 0 {
                        *first = format!("FLOW-G-{i:03}");
                    }
                }
                t.push_str("| ");
                t.push_str(&cells.join(" | "));
                t.push_str(if trailing { " |\n" } else { "\n" });
            }
            t
        })
}

fn document() -> impl Strategy<Value = String> {
    let block = prop_oneof![
        table(),
        Just("## P0 Flow Matrix\n".to_owned()),
        Just("## Broad UAT Decision\n\nReady for broad UAT:\n\n- `FLOW-G-000`\n\nBlocked:\n\n- `FLOW-G-002`: needs `T-1`\n".to_owned()),
        "[A-Za-z .:]{0,30}\n".prop_map(|s| s),
        Just("- L3: e2e\n- `blocked`: waits\n".to_owned()),
        Just("Status: draft\nOwner: QA\n".to_owned()),
    ];
    prop::collection::vec(block, 1..8).prop_map(|blocks| blocks.join("\n"))
}

/// `doc` with each insert made at its index.
fn mutate(mut doc: String, edits: Vec<(prop::sample::Index, &str)>) -> String {
    for (at, insert) in edits {
        let mut pos = at.index(doc.len() + 1);
        while !doc.is_char_boundary(pos) {
            pos -= 1;
        }
        doc.insert_str(pos, insert);
    }
    doc
}

/// One line of prose: what a `Broad UAT Decision` section holds, and lines that look like
/// it but are something else (other list markers, indented or lazy lines, setext
/// underlines, headings that are not, escapes, inline markup).
fn prose_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "- `FLOW-G-000`",
            "- `FLOW-G-002`: needs `T-1`.",
            "* `FLOW-G-004`: follow-up `GAP-X-001`",
            "- `FLOW-G-006`  ",
            "- plain item",
            "- `flow-lower-001`",
            "- `FLOW-G-000` and *more*",
            "- `FLOW-G-002` \\| escaped",
            "- ``FLOW-G-004``",
            "- ` FLOW-G-000 `",
            "- `unclosed",
            "- a_b_c",
            "- 2026-12-01",
        ]),
        3 => prop::sample::select(vec![
            "## Broad UAT Decision",
            "### Ready",
            "### Accepted gaps",
            "### Blocked",
            "Ready for broad UAT, subject to normal environment readiness:",
            "Ready with accepted gaps:",
            "Blocked or not ready:",
            "Not ready:",
            "Some prose with `code`.",
            "",
            "",
            "  ",
        ]),
        2 => prop::sample::select(vec![
            "# Title ##",
            "## `FLOW-G-000`",
            "## a # b",
            "#",
            "#x",
            "####### seven",
            "   ## indented",
            "- # looks like a heading",
            "- - nested",
            "  - `FLOW-G-002` nested",
            "- > quoted",
            "- 1. numbered",
            "1. `FLOW-G-000`",
            "2) x",
            "+ `FLOW-G-002`",
            "-",
            "- ",
            "-  `FLOW-G-004` two spaces",
            "  continuation",
            "lazy continuation",
            "---",
            "===",
            "***",
            "* * *",
            "> quote",
            "    indented code",
            "- ```",
            "- <b>html</b>",
            "- a &amp; b",
            "- [link](u)",
            "- é",
            "é paragraph",
            "trailing backslash\\",
            "hard break  ",
            "a | b",
            "Status: draft",
        ]),
    ]
    .prop_map(str::to_owned)
}

/// A flow table, then generated prose (a decision section and whatever else), or the
/// prose first.
fn prose_document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prose_line(), 0..24),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(lines, prose_first, final_newline)| {
            let table = "| Flow ID | Level | Status |\n|---|---|---|\n| FLOW-G-000 | L3 | ready_for_broad_uat |\n| FLOW-G-002 | L2 | blocked |\n";
            let mut prose = lines.join("\n");
            if final_newline {
                prose.push('\n');
            }
            if prose_first {
                format!("# M\n\n{prose}\n\n{table}")
            } else {
                format!("# M\n\n{table}\n{prose}")
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_prose_matches(doc in prose_document()) {
        same(&doc);
    }

    #[test]
    fn generated_documents_match(doc in document()) {
        same(&doc);
    }

    #[test]
    fn mutated_prose_matches(doc in prose_document(), edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(vec!["\n", "`", "\\", "- ", "* ", "# ", "  ", "> ", "_", "*", "\n\n", "é", "1. ", "---\n"])), 1..4)) {
        same(&mutate(doc, edits));
    }

    #[test]
    fn mutated_documents_match(doc in document(), edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(vec!["\n", "|", "`", "\\", "```\n", "<", "-", " ", "> ", "_", "*", "\n\n", "é", "[x]: y\n"])), 1..4)) {
        same(&mutate(doc, edits));
    }
}

//! `docs/rules.md` has exactly one entry per registered code: a heading `## FR101
//! ready-below-threshold` preceded by an `<a id="fr101"></a>` anchor, stating the default
//! severity and the sections What it checks / Why / Example / Fix. No heading may name a
//! code the registry does not have.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use flowready::Code;

const RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/rules.md");

const SECTIONS: [&str; 4] = ["### What it checks", "### Why", "### Example", "### Fix"];

fn doc() -> String {
    std::fs::read_to_string(RULES).expect("docs/rules.md")
}

/// The text of the entry under `heading`: up to the next `## ` or `# ` heading outside a
/// fenced code block (examples may show headings).
fn entry<'a>(doc: &'a str, heading: &str) -> Option<&'a str> {
    let start = doc.find(&format!("\n{heading}\n"))? + 1 + heading.len();
    let rest = &doc[start..];
    let mut fenced = false;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && (line.starts_with("## ") || line.starts_with("# ")) {
            return Some(&rest[..offset]);
        }
        offset += line.len();
    }
    Some(rest)
}

#[test]
fn every_code_has_an_entry() {
    let doc = doc();
    let mut problems = Vec::new();
    for &code in Code::ALL {
        let heading = format!("## {} {}", code.as_str(), code.name());
        let anchor = format!(
            "<a id=\"{}\"></a>\n\n{heading}\n",
            code.as_str().to_lowercase()
        );
        if doc.matches(&format!("\n{heading}\n")).count() != 1 {
            problems.push(format!("{code}: expected exactly one heading `{heading}`"));
            continue;
        }
        if !doc.contains(&anchor) {
            problems.push(format!(
                "{code}: no `<a id=\"{}\"></a>` right before its heading",
                code.as_str().to_lowercase()
            ));
        }
        let body = entry(&doc, &heading).unwrap();
        let severity = format!("Default severity: **{}**", code.default_severity());
        if !body.contains(&severity) {
            problems.push(format!("{code}: the entry does not say `{severity}`"));
        }
        let mut at = 0;
        for section in SECTIONS {
            match body[at..].find(&format!("\n{section}\n")) {
                Some(i) => at += i + 1,
                None => problems.push(format!("{code}: no `{section}` section (in order)")),
            }
        }
        let index_row = format!(
            "| [{}](#{}) | {} | {} |",
            code.as_str(),
            code.as_str().to_lowercase(),
            code.name(),
            code.default_severity()
        );
        if !doc.contains(&index_row) {
            problems.push(format!("{code}: no index row `{index_row}`"));
        }
    }
    assert!(
        problems.is_empty(),
        "docs/rules.md:\n{}",
        problems.join("\n")
    );
}

#[test]
fn no_heading_names_an_unknown_code() {
    let doc = doc();
    let mut problems = Vec::new();
    for line in doc.lines() {
        let Some(rest) = line.strip_prefix("## ") else {
            continue;
        };
        if !rest.starts_with("FR") {
            continue;
        }
        let mut words = rest.split_whitespace();
        let (code, name) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        match Code::from_code(code) {
            None => problems.push(format!("`{line}`: `{code}` is not a registered code")),
            Some(c) if c.name() != name || words.next().is_some() => {
                problems.push(format!(
                    "`{line}`: expected `## {} {}`",
                    c.as_str(),
                    c.name()
                ));
            }
            Some(_) => {}
        }
    }
    // Anchors too: every `<a id="frNNN">` names a registered code.
    for (i, _) in doc.match_indices("<a id=\"") {
        let id: String = doc[i + 7..].chars().take_while(|&c| c != '"').collect();
        if Code::from_code(&id.to_uppercase()).is_none() {
            problems.push(format!("anchor `{id}` names no registered code"));
        }
    }
    assert!(
        problems.is_empty(),
        "docs/rules.md:\n{}",
        problems.join("\n")
    );
}

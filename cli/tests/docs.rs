//! The docs run as written. Every ```` ```console ```` block in `README.md` and
//! `docs/*.md` is a script: each `$ command` line runs from the repository root (in a
//! scratch copy of the files the examples use, so nothing in the tree changes), through
//! `sh`, with stderr merged into stdout, and its output must match the lines that follow
//! it, up to the next `$` line. As in trycmd (the way clap tests its own examples), a line
//! `...` matches any number of lines and `[..]` any text within a line. A command ending in
//! `# exit N` must exit with N; any other must exit 0. Outputs are as of
//! `FLOWREADY_TODAY=2026-11-28`, so expiry-dependent findings do not drift with the
//! calendar.
//!
//! Any other fenced block that shows a `flowready` command must be marked a template
//! (```` ```sh template ````): the only place placeholders may appear.
//!
//! `FLOWREADY_DOCS_BLESS=1 cargo test -p flowready-cli --test docs` writes the actual
//! outputs back into the documents (review the diff; re-add `...` where an elision reads
//! better).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::TODAY;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn documents() -> Vec<PathBuf> {
    let mut docs = vec![root().join("README.md")];
    let mut more: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    more.sort();
    docs.extend(more);
    docs
}

/// One fenced block: its info string, and its lines (0-based line index of the first).
struct Block {
    info: String,
    first: usize,
    lines: Vec<String>,
}

fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<(String, String, usize, Vec<String>)> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let fence: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        match &mut open {
            None if fence.len() >= 3 => {
                let info = trimmed[fence.len()..].trim().to_owned();
                open = Some((fence, info, i + 1, Vec::new()));
            }
            None => {}
            Some((f, _, _, _))
                if fence.len() >= f.len()
                    && trimmed[fence.len()..].trim().is_empty()
                    && fence.starts_with(f.as_str()) =>
            {
                let (_, info, first, lines) = open.take().unwrap();
                out.push(Block { info, first, lines });
            }
            Some((_, _, _, lines)) => lines.push(line.to_owned()),
        }
    }
    out
}

/// One `$ command` and the output it should print.
struct Step {
    command: String,
    exit: i32,
    expected: Vec<String>,
    /// Line index (in the block) of the first expected line, and how many there are.
    at: usize,
}

fn steps(block: &Block) -> Vec<Step> {
    let mut out: Vec<Step> = Vec::new();
    for (i, line) in block.lines.iter().enumerate() {
        if let Some(command) = line.strip_prefix("$ ") {
            let exit = command
                .rsplit_once("# exit ")
                .and_then(|(_, n)| n.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
                .unwrap_or(0);
            out.push(Step {
                command: command.to_owned(),
                exit,
                expected: Vec::new(),
                at: i + 1,
            });
        } else if let Some(step) = out.last_mut() {
            step.expected.push(line.clone());
        } else {
            panic!("a console block's first line must be a `$ ` command: {line:?}");
        }
    }
    out
}

/// Whether `actual` matches `expected`, with `...` lines and `[..]` wildcards.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((e, rest)) if e.trim() == "..." => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((e, rest)) => match actual.split_first() {
            Some((a, more)) => line_matches(e, a) && matches(rest, more),
            None => false,
        },
    }
}

fn line_matches(expected: &str, actual: &str) -> bool {
    let expected = expected.trim_end();
    let actual = actual.trim_end();
    let mut parts = expected.split("[..]");
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = actual.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    if parts.is_empty() {
        return rest.is_empty();
    }
    for (i, part) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() == "node_modules" {
                continue;
            }
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A scratch copy of what the examples read, laid out as the repository is.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["examples", "docs", "cli/tests/fixtures", "tests/vectors"] {
        copy_dir(&root().join(sub), &dir.path().join(sub));
    }
    std::fs::copy(root().join("README.md"), dir.path().join("README.md")).unwrap();
    dir
}

fn run(dir: &Path, command: &str) -> (i32, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_flowready"));
    let path = std::env::join_paths(std::iter::once(bin.parent().unwrap().to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("{command}\n") + "")
        .current_dir(dir)
        .env("PATH", path)
        .env("FLOWREADY_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env_remove("FLOWREADY_MAX_MATRIX_BYTES")
        .env_remove("FLOWREADY_MAX_REPORT_BYTES")
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    // stderr after stdout: flowready writes its one stderr line before or after the
    // output, never inside it, and each example shows it where it comes.
    let mut text = String::from_utf8(out.stderr).unwrap();
    text.push_str(&String::from_utf8(out.stdout).unwrap());
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn every_console_example_runs_as_written() {
    let bless = std::env::var_os("FLOWREADY_DOCS_BLESS").is_some();
    let dir = scratch();
    let mut failures = Vec::new();
    let mut ran = 0;
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).unwrap();
        let name = doc.file_name().unwrap().to_string_lossy().into_owned();
        let shown = if name == "README.md" {
            name.clone()
        } else {
            format!("docs/{name}")
        };
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        // Replacements for blessing, applied from the end so indices stay valid.
        let mut edits: Vec<(usize, usize, Vec<String>)> = Vec::new();
        for block in blocks(&text) {
            if block.info.split_whitespace().next() != Some("console") {
                continue;
            }
            for step in steps(&block) {
                ran += 1;
                let (code, output) = run(dir.path(), &step.command);
                let actual: Vec<&str> = output.lines().collect();
                let line = block.first + step.at;
                if code != step.exit || !matches(&step.expected, &actual) {
                    failures.push(format!(
                        "{shown}:{line}: `{}` exited {code} (expected {}); output:\n{output}",
                        step.command, step.exit
                    ));
                    if bless {
                        edits.push((
                            block.first + step.at,
                            step.expected.len(),
                            actual.iter().map(|s| s.trim_end().to_owned()).collect(),
                        ));
                    }
                }
            }
        }
        if bless && !edits.is_empty() {
            edits.sort_by_key(|e| std::cmp::Reverse(e.0));
            for (at, len, new) in edits {
                lines.splice(at..at + len, new);
            }
            let mut new_text = lines.join("\n");
            new_text.push('\n');
            std::fs::write(&doc, new_text).unwrap();
        }
    }
    assert!(ran > 10, "only {ran} examples found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn placeholders_appear_only_in_marked_templates() {
    let command = regex_free_command;
    let mut unmarked = Vec::new();
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).unwrap();
        for block in blocks(&text) {
            let kind = block.info.split_whitespace().next().unwrap_or("");
            if kind == "console" || block.info.split_whitespace().any(|w| w == "template") {
                continue;
            }
            if let Some(line) = block.lines.iter().find(|l| command(l)) {
                unmarked.push(format!("{}:{}: {line}", doc.display(), block.first));
            }
        }
    }
    assert!(
        unmarked.is_empty(),
        "command examples outside console blocks must be marked `template`:\n{}",
        unmarked.join("\n")
    );
}

/// Whether a line shows a `flowready` command (not the library's `flowready::` paths).
fn regex_free_command(line: &str) -> bool {
    const SUBCOMMANDS: [&str; 8] = [
        "check", "gate", "decision", "explain", "baseline", "diff", "show", "schema",
    ];
    line.split("flowready ").skip(1).any(|after| {
        SUBCOMMANDS.iter().any(|s| {
            after.starts_with(s)
                && after[s.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c == ' ' || c == '"')
        })
    })
}

#[test]
fn the_matcher_understands_wildcards() {
    let e = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(matches(&e(&["a", "...", "d"]), &["a", "b", "c", "d"]));
    assert!(matches(&e(&["a[..]c"]), &["abbbc"]));
    assert!(!matches(&e(&["a[..]c"]), &["abbbd"]));
    assert!(!matches(&e(&["a"]), &["a", "b"]));
    assert!(matches(&e(&["..."]), &[]));
}

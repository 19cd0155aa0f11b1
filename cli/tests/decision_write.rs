//! `decision --write` is safe on every document: it converges, never drops a row, and never
//! clobbers. One test per way it used to go wrong, plus the file handling (symlinks, hard
//! links, permissions, owners, concurrent edits).
//!
//! Permission tests must run as a normal user: root passes every permission check. Where
//! the tests run as root they drop privileges with `setpriv` (util-linux) to uid/gid
//! 65534; where that is impossible they say so and skip.
#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{output, run_in, Out, BIN, TODAY};

const NOBODY: u32 = 65534;

fn write(dir: &Path, name: &str) -> Out {
    run_in(dir, &["decision", name, "--write", "--today", TODAY])
}

/// The codes of `check`'s findings, each with its message.
fn findings(dir: &Path, name: &str) -> Vec<(String, String)> {
    let out = run_in(dir, &["check", name, "--today", TODAY, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn drift(dir: &Path, name: &str) -> Vec<(String, String)> {
    findings(dir, name)
        .into_iter()
        .filter(|(c, _)| ["FR501", "FR502", "FR503", "FR504", "FR506"].contains(&c.as_str()))
        .collect()
}

/// The flow IDs the document reads to.
fn flows(dir: &Path, name: &str) -> Vec<String> {
    let out = run_in(dir, &["show", name]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    v["flows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect()
}

const HEADER: &str = "| Flow ID | Level | Status | Owner | Gap Task |\n|---|---|---|---|---|\n";

/// One P0 table with `rows`, then `section`.
fn matrix(rows: &[&str], section: &str) -> String {
    let mut t = String::from("# Matrix\n\n## P0 Flow Matrix\n\n");
    t.push_str(HEADER);
    for r in rows {
        t.push_str(r);
        t.push('\n');
    }
    t.push('\n');
    t.push_str(section);
    t
}

const READY_A: &str = "| FLOW-A-001 | L4 | ready_for_broad_uat | team/a | none |";
const BLOCKED_B: &str = "| FLOW-B-001 | L3 | blocked | team/b | `B-FIX-001` |";

fn setup(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// Writes, then checks the rule: exit 0, no drift, a second write is a byte no-op, the
/// same flows as before. Returns the written text.
fn assert_converges(dir: &Path, name: &str) -> String {
    let before = flows(dir, name);
    let out = write(dir, name);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let once = std::fs::read_to_string(dir.join(name)).unwrap();
    assert_eq!(drift(dir, name), Vec::new(), "{once}");
    assert_eq!(flows(dir, name), before, "{once}");
    let again = write(dir, name);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stderr.contains("up to date"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(dir.join(name)).unwrap(), once);
    once
}

// ------------------------------------------------------------ 1. IDs as written

#[test]
fn unconventional_ids_are_matched_as_written_and_converge() {
    let rows = [
        READY_A,
        "| flow-login-001 | L4 | blocked | team/a | `LOGIN-FIX-001` |",
        "| FLOW-B-001 (legacy) | L3 | needs_coverage | team/b | `B-FIX-001` |",
    ];
    let listed = matrix(
        &rows,
        "## Broad UAT Decision\n\nReady for broad UAT:\n\n- `FLOW-A-001`\n\nBlocked or not ready:\n\n- `flow-login-001`\n- `FLOW-B-001 (legacy)`\n",
    );
    let (dir, path) = setup("m.md", &listed);
    // Listed, they are the flows' entries: no FR502, and four writes change nothing.
    assert_eq!(drift(dir.path(), "m.md"), Vec::new());
    for _ in 0..4 {
        let out = write(dir.path(), "m.md");
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), listed);
    }
    // The malformed IDs stay findings on their rows.
    let malformed: Vec<_> = findings(dir.path(), "m.md")
        .into_iter()
        .filter(|(c, _)| c == "FR005")
        .collect();
    assert_eq!(malformed.len(), 2, "{malformed:?}");

    // Missing, they are added once, in the document's own spelling.
    let missing = matrix(
        &rows,
        "## Broad UAT Decision\n\nReady for broad UAT:\n\n- `FLOW-A-001`\n",
    );
    std::fs::write(&path, &missing).unwrap();
    let once = assert_converges(dir.path(), "m.md");
    assert_eq!(once.matches("- `flow-login-001`").count(), 1, "{once}");
    assert_eq!(once.matches("- `FLOW-B-001 (legacy)`").count(), 1, "{once}");

    // The CI recipe's `cmp` step now passes on the written file.
    let copy = dir.path().join("copy.md");
    std::fs::copy(&path, &copy).unwrap();
    assert_eq!(write(dir.path(), "copy.md").code, 0);
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&path).unwrap());
}

// ------------------------------------------------------------ 2. a table under the heading

#[test]
fn a_table_right_under_the_heading_stays_a_table() {
    let text = matrix(
        &[READY_A],
        &format!("## Broad UAT Decision\n{HEADER}{BLOCKED_B}\n"),
    );
    let (dir, path) = setup("m.md", &text);
    assert_eq!(flows(dir.path(), "m.md"), ["FLOW-A-001", "FLOW-B-001"]);
    let once = assert_converges(dir.path(), "m.md");
    // The table's lines are all still there, after a blank line.
    assert!(
        once.contains(&format!("\n\n{HEADER}{BLOCKED_B}\n")),
        "{once}"
    );
    // The gate still sees the blocked flow.
    let gate = run_in(dir.path(), &["gate", "m.md", "--today", TODAY]);
    assert_eq!(gate.code, 1, "{}", gate.stdout);
    assert!(std::fs::read_to_string(&path).unwrap().contains(BLOCKED_B));
}

// ------------------------------------------------------------ 3. bullets before any lead-in

#[test]
fn bullets_before_any_lead_in_are_moved_into_their_buckets() {
    let text = matrix(
        &[READY_A, BLOCKED_B],
        "## Broad UAT Decision\n\n- `FLOW-B-001`: waits on the fix.\n- `FLOW-A-001`\n",
    );
    let (dir, _path) = setup("m.md", &text);
    let once = assert_converges(dir.path(), "m.md");
    assert_eq!(once.matches("`FLOW-A-001`").count(), 1, "{once}");
    assert_eq!(once.matches("`FLOW-B-001`").count(), 1, "{once}");
    // The note travelled with its bullet.
    let blocked = once.find("Blocked or not ready:").unwrap();
    let b = once.find("- `FLOW-B-001`: waits on the fix.").unwrap();
    assert!(b > blocked, "{once}");
}

// ------------------------------------------------------------ 4. two sections

#[test]
fn two_sections_are_a_finding_and_refused() {
    let text = matrix(
        &[READY_A, BLOCKED_B],
        "## Broad UAT Decision\n\nReady for broad UAT:\n\n- `FLOW-A-001`\n\nBlocked or not ready:\n\n- `FLOW-B-001`\n\n## Notes\n\nText.\n\n## Broad UAT Decision\n\nReady for broad UAT:\n\n- `FLOW-A-001`\n- `FLOW-B-001`\n",
    );
    let (dir, path) = setup("m.md", &text);
    let first = text
        .lines()
        .position(|l| l == "## Broad UAT Decision")
        .unwrap()
        + 1;
    let lines: Vec<&str> = text.lines().collect();
    let second = lines
        .iter()
        .rposition(|l| *l == "## Broad UAT Decision")
        .unwrap()
        + 1;
    let found: Vec<_> = findings(dir.path(), "m.md")
        .into_iter()
        .filter(|(c, _)| c == "FR506")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.contains(&format!("line {first}"))
            && found[0].1.contains(&format!("line {second}")),
        "{found:?}"
    );
    let check = run_in(dir.path(), &["check", "m.md", "--today", TODAY]);
    assert_eq!(check.code, 1);
    let out = write(dir.path(), "m.md");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains(&format!("(lines {first} and {second})")),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("nothing written"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

// ------------------------------------------------------------ the write-time check

#[test]
fn an_unsafe_rewrite_is_refused_and_says_what_would_change() {
    // A bullet indented under a `none` placeholder: CommonMark reads it as nested, so no
    // placement of new bullets keeps the section's meaning.
    let text = matrix(
        &[READY_A, "| FLOW-C-001 | L3 | needs_coverage | team/a | `C-FIX-001` |"],
        "## Broad UAT Decision\n\nBlocked or not ready:\n- none\n\n  - `FLOW-C-001`: a note with\na lazy continuation line.\n\n### Details\n",
    );
    let (dir, path) = setup("m.md", &text);
    let out = write(dir.path(), "m.md");
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("not rewriting `m.md`: the rewrite would"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("FLOW-C-001"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

// ------------------------------------------------------------ 5. links

fn stale() -> String {
    matrix(
        &[READY_A, BLOCKED_B],
        "## Broad UAT Decision\n\nReady for broad UAT:\n\n- `FLOW-A-001`\n- `FLOW-B-001`\n",
    )
}

#[test]
fn a_symlink_is_followed_and_stays_a_link() {
    let (dir, target) = setup("real.md", &stale());
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    let link = dir.path().join("docs/m.md");
    std::os::unix::fs::symlink("../real.md", &link).unwrap();
    let out = write(dir.path(), "docs/m.md");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let written = std::fs::read_to_string(&target).unwrap();
    assert_ne!(written, stale());
    assert_eq!(std::fs::read_to_string(&link).unwrap(), written);
    assert_eq!(drift(dir.path(), "real.md"), Vec::new());
    // No temporary file is left beside the link or the target.
    for d in [dir.path(), &dir.path().join("docs")] {
        for entry in std::fs::read_dir(d).unwrap() {
            let name = entry.unwrap().file_name();
            assert!(!name.to_string_lossy().ends_with(".tmp"), "{name:?}");
        }
    }
}

#[test]
fn a_hard_linked_file_is_refused() {
    let (dir, path) = setup("m.md", &stale());
    std::fs::hard_link(&path, dir.path().join("other.md")).unwrap();
    let out = write(dir.path(), "m.md");
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("has 2 hard links"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), stale());
    assert_eq!(std::fs::metadata(&path).unwrap().nlink(), 2);
}

// ------------------------------------------------------------ 6. owner and permissions

fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

fn has_setpriv() -> bool {
    Command::new("setpriv")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs the binary as a normal user: as uid/gid 65534 through `setpriv` when the tests
/// run as root, else as the current user. `None` (with the reason printed) when root
/// cannot drop its privileges here.
fn as_user(dir: &Path, args: &[&str]) -> Option<Out> {
    if !is_root() {
        return Some(run_in(dir, args));
    }
    if !has_setpriv() {
        eprintln!("note: running as root without setpriv; cannot drop privileges, skipping");
        return None;
    }
    Some(output(
        Command::new("setpriv")
            .args([
                &format!("--reuid={NOBODY}"),
                &format!("--regid={NOBODY}"),
                "--clear-groups",
                BIN,
            ])
            .args(args)
            .current_dir(dir),
    ))
}

/// A directory the normal user of [`as_user`] owns, holding `m.md` (stale), with `mode`.
fn user_dir(mode: u32) -> (tempfile::TempDir, PathBuf) {
    let outer = tempfile::tempdir().unwrap();
    std::fs::set_permissions(outer.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = outer.path().join("d");
    std::fs::create_dir(&dir).unwrap();
    let file = dir.join("m.md");
    std::fs::write(&file, stale()).unwrap();
    if is_root() {
        std::os::unix::fs::chown(&dir, Some(NOBODY), Some(NOBODY)).unwrap();
        std::os::unix::fs::chown(&file, Some(NOBODY), Some(NOBODY)).unwrap();
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(mode)).unwrap();
    (outer, dir)
}

#[test]
fn a_read_only_file_is_refused_for_a_user_and_for_root() {
    // As a normal user.
    let (_outer, dir) = user_dir(0o755);
    let file = dir.join("m.md");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    if let Some(out) = as_user(&dir, &["decision", "m.md", "--write", "--today", TODAY]) {
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(
            out.stderr.contains("`m.md` is not writable (mode 0444"),
            "{}",
            out.stderr
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), stale());
    }
    // As whoever runs the tests (root passes permission checks; the mode bits still say no).
    let (dir, path) = setup("m.md", &stale());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = write(dir.path(), "m.md");
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("not writable"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), stale());
    // An up-to-date read-only file is no error: nothing needs writing.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(write(dir.path(), "m.md").code, 0);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = write(dir.path(), "m.md");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("up to date"));
}

#[test]
fn a_read_only_directory_is_named_as_the_problem() {
    let (_outer, dir) = user_dir(0o555);
    let Some(out) = as_user(&dir, &["decision", "m.md", "--write", "--today", TODAY]) else {
        return;
    };
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("cannot write a temporary file in directory `"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("/d`: permission denied"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("nothing written"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(dir.join("m.md")).unwrap(), stale());
}

#[test]
fn mode_owner_and_group_are_kept() {
    let (dir, path) = setup("m.md", &stale());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    if is_root() {
        std::os::unix::fs::chown(&path, Some(NOBODY), Some(NOBODY)).unwrap();
    } else {
        eprintln!("note: not root; the owner cannot be changed here, so only the mode is checked");
    }
    let before = std::fs::metadata(&path).unwrap();
    let out = write(dir.path(), "m.md");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let after = std::fs::metadata(&path).unwrap();
    assert_ne!(
        before.ino(),
        after.ino(),
        "the file was replaced, not edited in place"
    );
    assert_eq!(after.mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
}

#[test]
fn a_user_writing_a_file_it_may_write_but_not_own_is_warned() {
    if !is_root() || !has_setpriv() {
        eprintln!("note: needs root and setpriv to set up a file owned by someone else; skipping");
        return;
    }
    // A directory the user owns, holding a group-writable file owned by root, group nobody.
    let (_outer, dir) = user_dir(0o755);
    let file = dir.join("m.md");
    std::os::unix::fs::chown(&file, Some(0), Some(NOBODY)).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o664)).unwrap();
    let out = output(
        Command::new("setpriv")
            .args([
                &format!("--reuid={NOBODY}"),
                &format!("--regid={NOBODY}"),
                &format!("--groups={NOBODY}"),
                BIN,
                "decision",
                "m.md",
                "--write",
                "--today",
                TODAY,
            ])
            .current_dir(&dir),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning: could not keep the owner of `m.md` (uid 0"),
        "{}",
        out.stderr
    );
    let meta = std::fs::metadata(&file).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (NOBODY, NOBODY));
    assert_eq!(meta.mode() & 0o777, 0o664);
}

// ------------------------------------------------------------ 7. lost updates

#[test]
fn an_edit_during_the_write_is_not_lost() {
    let (dir, path) = setup("m.md", &stale());
    let hook = tempfile::tempdir().unwrap();
    let child = Command::new(BIN)
        .args(["decision", "m.md", "--write", "--today", TODAY])
        .current_dir(dir.path())
        .env("FLOWREADY_TEST_PAUSE_BEFORE_RENAME", hook.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the write to pause just before its last check, then save an edit.
    let paused = hook.path().join("paused");
    for _ in 0..3000 {
        if paused.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(paused.exists(), "the write never reached the hook");
    let edited = format!("{}\nA line saved by someone else.\n", stale());
    std::fs::write(&path, &edited).unwrap();
    std::fs::write(hook.path().join("resume"), b"").unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("`m.md` changed while flowready was writing; nothing written"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "a temporary file was left behind");
}

#[test]
fn without_an_edit_the_paused_write_goes_through() {
    let (dir, path) = setup("m.md", &stale());
    let hook = tempfile::tempdir().unwrap();
    std::fs::write(hook.path().join("resume"), b"").unwrap();
    let out = output(
        Command::new(BIN)
            .args(["decision", "m.md", "--write", "--today", TODAY])
            .current_dir(dir.path())
            .env("FLOWREADY_TEST_PAUSE_BEFORE_RENAME", hook.path()),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(hook.path().join("paused").exists());
    assert_ne!(std::fs::read_to_string(&path).unwrap(), stale());
    assert_eq!(out.stdout, "");
}

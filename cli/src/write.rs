//! `decision --write`: rewrite the Broad UAT Decision section in place, as a careful
//! editor would.
//!
//! - The core decides what to write and refuses unsafe rewrites
//!   ([`flowready::decision_block::write`]); this module only handles the file.
//! - A symlink is followed: its target is replaced, in the target's own directory, and
//!   the link stays a link.
//! - A file with more than one hard link is refused: replacing it would split the links.
//! - A file the user may not write is refused: `access(2)` for the effective user, and,
//!   because root passes every permission check, a file with no write bit at all (`0444`)
//!   is refused for root too.
//! - The replacement keeps the file's mode, and its owner and group where the process
//!   may set them (root may; otherwise a warning says the owner changed).
//! - Just before the rename, the file is compared with what was read (size, mtime, inode
//!   and every byte); if it changed, nothing is written.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use flowready::decision_block;
use flowready::Options;

use crate::{io_reason, note, Unusable};

/// A hidden hook for the tests of concurrent edits: when set to a directory, the write
/// creates `paused` there just before its last check and waits for `resume`.
const PAUSE_HOOK: &str = "FLOWREADY_TEST_PAUSE_BEFORE_RENAME";

/// Runs `decision FILE --write`.
pub(crate) fn run(path: &Path, options: &Options, limit: u64) -> Result<ExitCode, Unusable> {
    let shown = path.display().to_string();
    let target = std::fs::canonicalize(path)
        .map_err(|e| Unusable(format!("cannot read `{shown}`: {}", io_reason(&e))))?;
    let before = Stamp::of(&target)
        .map_err(|e| Unusable(format!("cannot read `{shown}`: {}", io_reason(&e))))?;
    if !before.regular {
        return Err(Unusable(format!(
            "`{shown}` is not a regular file; not rewriting it"
        )));
    }
    let input = crate::read(Some(path), limit)?;
    if !input.utf8 {
        return Err(Unusable(format!(
            "`{}` is not valid UTF-8; not rewriting it",
            input.name
        )));
    }
    let matrix = crate::parse(&input)?;
    let report = flowready::evaluate(&matrix, options);
    let rewritten = match decision_block::write(&input.text, &matrix, &report, options) {
        Ok(Some(text)) => text,
        Ok(None) => {
            note(&format!("`{shown}`: the Broad UAT Decision is up to date"));
            return Ok(ExitCode::SUCCESS);
        }
        Err(refusal) => {
            return Err(Unusable(format!(
                "not rewriting `{shown}`: {refusal}; nothing written"
            )))
        }
    };
    if before.links > 1 {
        return Err(Unusable(format!(
            "`{shown}` has {} hard links; replacing it would split them, so it is not rewritten (print the section with `flowready decision` and paste it, or break the link first); nothing written",
            before.links
        )));
    }
    writable(&target, &before, &shown)?;
    replace(&target, &shown, &rewritten, &before, input.text.as_bytes())?;
    note(&format!("`{shown}`: rewrote the Broad UAT Decision"));
    Ok(ExitCode::SUCCESS)
}

/// What identifies the file's state when it was read.
#[derive(PartialEq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    regular: bool,
    links: u64,
    #[cfg(unix)]
    unix: (u64, u64, u32, u32, u32),
}

impl Stamp {
    fn of(path: &Path) -> std::io::Result<Self> {
        let meta = std::fs::metadata(path)?;
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt as _;
        Ok(Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            regular: meta.is_file(),
            #[cfg(unix)]
            links: meta.nlink(),
            #[cfg(not(unix))]
            links: 1,
            #[cfg(unix)]
            unix: (meta.dev(), meta.ino(), meta.mode(), meta.uid(), meta.gid()),
        })
    }
}

/// Refuses a file the user may not write, before anything is created.
#[cfg(unix)]
fn writable(target: &Path, stamp: &Stamp, shown: &str) -> Result<(), Unusable> {
    use rustix::fs::{accessat, Access, AtFlags, CWD};
    let mode = stamp.unix.2 & 0o7777;
    let refuse = |why: String| {
        Err(Unusable(format!(
            "`{shown}` is not writable ({why}); not rewriting it, nothing written"
        )))
    };
    // Root passes every permission check, so a file nobody may write (`0444`) is
    // refused on its mode bits: overriding them is a decision for a person, not a tool.
    if rustix::process::geteuid().is_root() && mode & 0o222 == 0 {
        return refuse(format!("mode {mode:04o}"));
    }
    if let Err(e) = accessat(CWD, target, Access::WRITE_OK, AtFlags::EACCESS) {
        return refuse(format!(
            "mode {mode:04o}: {}",
            io_reason(&std::io::Error::from(e))
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn writable(target: &Path, _stamp: &Stamp, shown: &str) -> Result<(), Unusable> {
    match std::fs::metadata(target) {
        Ok(meta) if meta.permissions().readonly() => Err(Unusable(format!(
            "`{shown}` is read-only; not rewriting it, nothing written"
        ))),
        _ => Ok(()),
    }
}

/// Writes `text` to a temporary file beside `target`, gives it `target`'s mode (and owner
/// and group where allowed), checks that `target` is still what was read, and renames the
/// temporary file over it.
fn replace(
    target: &Path,
    shown: &str,
    text: &str,
    before: &Stamp,
    read: &[u8],
) -> Result<(), Unusable> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let in_dir = |e: std::io::Error| {
        Unusable(format!(
            "cannot write a temporary file in directory `{}`: {}; `{shown}` not rewritten, nothing written",
            dir.display(),
            io_reason(&e)
        ))
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".flowready-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(in_dir)?;
    tmp.write_all(text.as_bytes()).map_err(in_dir)?;
    keep_owner(tmp.as_file(), before, shown);
    if let Ok(meta) = std::fs::metadata(target) {
        std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(in_dir)?;
    }
    tmp.as_file().sync_all().map_err(in_dir)?;
    pause_for_tests();
    let unchanged = Stamp::of(target).is_ok_and(|now| now == *before)
        && std::fs::read(target).is_ok_and(|bytes| bytes == read);
    if !unchanged {
        return Err(Unusable(format!(
            "`{shown}` changed while flowready was writing; nothing written"
        )));
    }
    tmp.persist(target).map_err(|e| {
        Unusable(format!(
            "cannot replace `{shown}`: {}; nothing written",
            io_reason(&e.error)
        ))
    })?;
    // Make the rename itself durable; a directory that cannot be synced is no error.
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Gives the new file the original's owner and group. Root may; another user may only
/// set a group it belongs to, so when the owner cannot be kept a warning says so.
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, before: &Stamp, shown: &str) {
    let (_, _, _, uid, gid) = before.unix;
    if std::os::unix::fs::fchown(file, Some(uid), Some(gid)).is_ok() {
        return;
    }
    let group_kept = std::os::unix::fs::fchown(file, None, Some(gid)).is_ok();
    let lost = if group_kept {
        "owner"
    } else {
        "owner and group"
    };
    note(&format!(
        "warning: could not keep the {lost} of `{shown}` (uid {uid}, gid {gid}); the rewritten file belongs to you"
    ));
}

#[cfg(not(unix))]
fn keep_owner(_file: &std::fs::File, _before: &Stamp, _shown: &str) {}

/// The test hook (see [`PAUSE_HOOK`]): signal `paused`, then wait for `resume` (at most a
/// minute, so a forgotten hook cannot hang a run).
fn pause_for_tests() {
    let Some(dir) = std::env::var_os(PAUSE_HOOK).map(PathBuf::from) else {
        return;
    };
    if std::fs::write(dir.join("paused"), b"").is_err() {
        return;
    }
    for _ in 0..6000 {
        if dir.join("resume").exists() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

//! What the CLI's integration tests share: the built binary, the fixtures, the pinned
//! `today`, and running the binary with its output captured.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The day every test judges expiry against, so outputs do not drift with the calendar.
pub const TODAY: &str = "2026-11-28";

/// The `flowready` binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_flowready");

/// `cli/tests/fixtures`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// One finished run: exit code and the two streams as text.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Out {
    fn from(out: Output) -> Self {
        Out {
            code: out.status.code().expect("exited by a signal"),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }
}

/// Runs `cmd` with colour left to the terminal test (`NO_COLOR` removed).
pub fn output(cmd: &mut Command) -> Out {
    cmd.env_remove("NO_COLOR").output().unwrap().into()
}

/// Runs the binary in `dir`, so paths in the output are the files' own names.
pub fn run_in(dir: &Path, args: &[&str]) -> Out {
    output(Command::new(BIN).args(args).current_dir(dir))
}

/// Runs `cmd` with `stdin` on its standard input (none: `/dev/null`). A pipe the binary
/// closes early is no error: a reader may stop at its limit.
pub fn output_with_stdin(cmd: &mut Command, stdin: Option<&[u8]>) -> Output {
    let mut child = cmd
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        let _ = child.stdin.take().unwrap().write_all(bytes);
    }
    child.wait_with_output().unwrap()
}

//! `memchr-scan FILE`: the floor — reads FILE and counts `|` and `\n` with memchr.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: memchr-scan FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("memchr-scan: {e}");
            return ExitCode::from(2);
        }
    };
    let (pipes, lines) = flowready_benches::memchr_scan(&bytes);
    println!("{pipes} pipes, {lines} lines");
    ExitCode::SUCCESS
}

//! `check-json FILE [TODAY] [--show]`: the library's side of `flowready check --format json`
//! (pretty JSON report) or, with `--show`, of `flowready show` (the model), without the CLI.
//! Used to diff outputs before and after a performance change, and to time the library
//! alone.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show = args.iter().any(|a| a == "--show");
    let mut rest = args.iter().filter(|a| *a != "--show");
    let Some(path) = rest.next() else {
        eprintln!("usage: check-json FILE [TODAY] [--show]");
        return ExitCode::from(2);
    };
    let today = rest.next().map_or("2026-12-01", String::as_str);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("check-json: {e}");
            return ExitCode::from(2);
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    let json = if show {
        serde_json::to_string_pretty(&flowready::parse(&text))
    } else {
        let options = flowready::Options {
            today: flowready::IsoDate::parse(today),
            ..flowready::Options::default()
        };
        serde_json::to_string_pretty(&flowready::check(&text, &options))
    };
    match json {
        Ok(j) => {
            println!("{j}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("check-json: {e}");
            ExitCode::from(2)
        }
    }
}

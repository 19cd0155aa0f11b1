//! `gen-matrix N [--builtin] [-o FILE]`: writes an N-flow matrix (seed rows when the seed
//! is readable, else the built-in templates) to FILE or stdout.

use std::io::Write;
use std::process::ExitCode;

use flowready_benches::{generate, Source};

fn main() -> ExitCode {
    let mut flows = None;
    let mut source = Source::Auto;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--builtin" => source = Source::Builtin,
            "-o" => out = args.next(),
            n => match n.parse::<usize>() {
                Ok(n) => flows = Some(n),
                Err(_) => {
                    eprintln!("usage: gen-matrix N [--builtin] [-o FILE]");
                    return ExitCode::from(2);
                }
            },
        }
    }
    let Some(flows) = flows else {
        eprintln!("usage: gen-matrix N [--builtin] [-o FILE]");
        return ExitCode::from(2);
    };
    let text = generate(flows, source);
    let result = match out {
        Some(path) => std::fs::write(&path, text),
        None => std::io::stdout().lock().write_all(text.as_bytes()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-matrix: {e}");
            ExitCode::from(2)
        }
    }
}

//! `pulldown-iter FILE`: the baseline "raw pulldown-cmark" — reads FILE and iterates
//! every event with offsets (GFM tables on, as flowready parses), building nothing.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pulldown-iter FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("pulldown-iter: {e}");
            return ExitCode::from(2);
        }
    };
    let (events, text_bytes) = flowready_benches::pulldown_events(&text);
    println!("{events} events, {text_bytes} text bytes");
    ExitCode::SUCCESS
}

//! `stages FILE [RUNS]`: medians of `parse`, `evaluate` and raw pulldown-cmark iteration
//! in process, from one run: a quick check between criterion runs while optimising.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times
        .get(times.len() / 2)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Milliseconds, or microseconds below one millisecond (the seed).
fn show(ms: f64) -> String {
    if ms < 1.0 {
        format!("{:.0} µs", ms * 1000.0)
    } else {
        format!("{ms:.1} ms")
    }
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: stages FILE [RUNS]");
        return ExitCode::from(2);
    };
    let runs = args.next().and_then(|r| r.parse().ok()).unwrap_or(15);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("stages: {e}");
            return ExitCode::from(2);
        }
    };
    let options = flowready::Options {
        today: flowready::IsoDate::parse("2026-12-01"),
        ..flowready::Options::default()
    };
    let matrix = flowready::parse(&text);
    let pulldown = time(runs, || {
        flowready_benches::pulldown_events(black_box(&text))
    });
    let parse = time(runs, || flowready::parse(black_box(&text)));
    let evaluate = time(runs, || flowready::evaluate(black_box(&matrix), &options));
    let check = time(runs, || flowready::check(black_box(&text), &options));
    println!(
        "pulldown {} | parse {} | evaluate {} | parse+evaluate {} = {:.2}x pulldown",
        show(pulldown),
        show(parse),
        show(evaluate),
        show(check),
        check / pulldown
    );
    ExitCode::SUCCESS
}

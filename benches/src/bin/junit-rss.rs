//! `junit-rss [MB]`: writes a generated JUnit report of about MB megabytes (default 50) to
//! `target/bench-data/`, streams it through the JUnit reader, and prints the throughput
//! and how much the process's peak RSS grew. The reader keeps one small record per test,
//! never the document, so memory stays bounded however big the file is.

use std::io::{BufReader, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

/// The process's peak resident set (Linux `VmHWM`), in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Writes test cases with `flow`/`subpath` properties and a 2 KB `<system-out>` log each
/// (logs are what make real reports big) until the file reaches `target` bytes.
fn generate(path: &std::path::Path, target: usize) -> std::io::Result<usize> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    let log = "step ok; ".repeat(228);
    let mut written = 0;
    let mut cases = 0;
    out.write_all(b"<?xml version=\"1.0\"?>\n<testsuites><testsuite name=\"big\">\n")?;
    while written < target {
        let outcome = if cases % 97 == 0 {
            "<failure message=\"boom\">assertion failed</failure>"
        } else {
            ""
        };
        let case = format!(
            "<testcase name=\"case {cases} @FLOW-BIG-{:04} @happy\" classname=\"big.spec\" time=\"0.01\"><properties><property name=\"uat_row\" value=\"UAT-BIG-001\"/></properties>{outcome}<system-out>{log}</system-out></testcase>\n",
            cases % 1000
        );
        out.write_all(case.as_bytes())?;
        written += case.len();
        cases += 1;
    }
    out.write_all(b"</testsuite></testsuites>\n")?;
    out.flush()?;
    Ok(cases)
}

fn main() -> ExitCode {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    let path = dir.join(format!("junit-{mb}mb.xml"));
    if let Err(e) = std::fs::create_dir_all(&dir).and_then(|()| generate(&path, mb << 20).map(drop))
    {
        eprintln!("junit-rss: cannot write {}: {e}", path.display());
        return ExitCode::from(2);
    }
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let before = peak_rss_kib().unwrap_or(0);
    let started = Instant::now();
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("junit-rss: {e}");
            return ExitCode::from(2);
        }
    };
    let evidence = match flowready::evidence::junit::read_from("junit.xml", BufReader::new(file)) {
        Ok(ev) => ev,
        Err(e) => {
            eprintln!("junit-rss: {e}");
            return ExitCode::from(1);
        }
    };
    let elapsed = started.elapsed().as_secs_f64();
    let after = peak_rss_kib().unwrap_or(0);
    println!(
        "{:.1} MB JUnit, {} tests: {:.0} ms ({:.0} MB/s); peak RSS {:.1} MB before, {:.1} MB after (+{:.1} MB, {:.2}x the file)",
        size as f64 / 1048576.0,
        evidence.tests.len(),
        elapsed * 1000.0,
        size as f64 / 1048576.0 / elapsed,
        before as f64 / 1024.0,
        after as f64 / 1024.0,
        after.saturating_sub(before) as f64 / 1024.0,
        after.saturating_sub(before) as f64 * 1024.0 / size.max(1) as f64,
    );
    let _ = std::fs::remove_file(&path);
    ExitCode::SUCCESS
}

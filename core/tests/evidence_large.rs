//! A 50 MB JUnit report, generated on the fly: the streaming reader keeps memory
//! bounded by what it keeps (one record per labelled test), not by the file. Alone in its
//! own test binary so the process's peak RSS (Linux `VmHWM`) measures this read only.

// Test code may panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{BufReader, Read};

use flowready::evidence::{junit, Outcome};

const TARGET: usize = 50 * 1024 * 1024;

/// Streams a JUnit document of about `TARGET` bytes: test cases with properties and a
/// 2 KB `<system-out>` log each (logs are what make real reports big).
struct Generated {
    case: usize,
    pending: Vec<u8>,
    pos: usize,
    written: usize,
    done: bool,
}

impl Generated {
    fn new() -> Self {
        Generated {
            case: 0,
            pending: b"<?xml version=\"1.0\"?>\n<testsuites><testsuite name=\"big\">\n".to_vec(),
            pos: 0,
            written: 0,
            done: false,
        }
    }

    fn refill(&mut self) {
        self.pending.clear();
        self.pos = 0;
        if self.done {
            return;
        }
        if self.written >= TARGET {
            self.pending
                .extend_from_slice(b"</testsuite></testsuites>\n");
            self.done = true;
            return;
        }
        let i = self.case;
        self.case += 1;
        let flow = format!("FLOW-BIG-{:03}", i % 500);
        let outcome = if i % 97 == 0 {
            "<failure message=\"boom\">trace</failure>"
        } else {
            ""
        };
        let log = "log line &amp; more text\n".repeat(80);
        let case = format!(
            "<testcase classname=\"big.Suite\" name=\"test_{i}\"><properties><property name=\"flow\" value=\"{flow}\"/><property name=\"subpath\" value=\"happy\"/></properties>{outcome}<system-out>{log}</system-out></testcase>\n"
        );
        self.written += case.len();
        self.pending.extend_from_slice(case.as_bytes());
    }
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pos >= self.pending.len() {
            self.refill();
        }
        let n = buf.len().min(self.pending.len() - self.pos);
        buf[..n].copy_from_slice(&self.pending[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_50_mb_junit_report_streams_in_bounded_memory() {
    let before = peak_rss_kb();
    let started = std::time::Instant::now();
    let ev = junit::read_from(
        "big.xml",
        BufReader::with_capacity(64 * 1024, Generated::new()),
    )
    .unwrap();
    let elapsed = started.elapsed();
    let cases = ev.tests.len();
    assert!(cases > 20_000, "{cases}");
    assert_eq!(
        ev.tests
            .iter()
            .filter(|t| t.outcome == Outcome::Failed)
            .count(),
        cases.div_ceil(97)
    );
    if let (Some(before), Some(after)) = (before, peak_rss_kb()) {
        let grew_mb = (after.saturating_sub(before)) as f64 / 1024.0;
        // What is kept is ~21k small records (a few MB); a DOM of the file would be > 50 MB.
        println!("50 MB JUnit: {cases} cases in {elapsed:?} ({:.0} MB/s, unoptimised build); peak RSS grew {grew_mb:.1} MB (to {} MB)", TARGET as f64 / 1048576.0 / elapsed.as_secs_f64(), after / 1024);
        assert!(
            grew_mb < 40.0,
            "peak RSS grew {grew_mb:.1} MB reading a streamed 50 MB report"
        );
    }
}

//! Evidence ingestion: reading a JUnit XML report with one test per flow and subpath
//! (`evidence::read`, throughput = report size), and gating a matrix with it
//! (`evaluate_with_evidence`, throughput = matrix size), on the three tiers.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use flowready::{evidence, IsoDate, Options};
use flowready_benches::{junit_evidence, tiers};

fn bench_evidence(c: &mut Criterion) {
    let options = Options {
        today: IsoDate::parse("2026-12-01"),
        ..Options::default()
    };
    for fixture in tiers() {
        let matrix = flowready::parse(&fixture.text);
        let xml = junit_evidence(matrix.flows.iter().map(|f| f.id.as_str()));
        let Ok(ev) = evidence::read("uat.xml", xml.as_bytes(), None) else {
            eprintln!(
                "evidence bench: the generated report did not read; skipping {}",
                fixture.name
            );
            continue;
        };
        let mut group = c.benchmark_group(format!("evidence/{}", fixture.name));
        group.sample_size(if fixture.text.len() > 1_000_000 {
            20
        } else {
            100
        });
        group.throughput(Throughput::Bytes(xml.len() as u64));
        group.bench_with_input(BenchmarkId::new("read_junit", ""), &xml, |b, x| {
            b.iter(|| evidence::read("uat.xml", black_box(x.as_bytes()), None))
        });
        group.throughput(Throughput::Bytes(fixture.text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("evaluate_with_evidence", ""),
            &matrix,
            |b, m| b.iter(|| flowready::evaluate_with_evidence(black_box(m), &options, &ev)),
        );
        group.finish();
    }
}

criterion_group!(benches, bench_evidence);
criterion_main!(benches);

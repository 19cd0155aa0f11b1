//! Evaluate stage: `flowready::evaluate` on an already parsed matrix (all rules, every
//! flow's decision, drift, the gate), on the three tiers.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use flowready::{IsoDate, Options};
use flowready_benches::tiers;

fn bench_evaluate(c: &mut Criterion) {
    let options = Options {
        today: IsoDate::parse("2026-12-01"),
        ..Options::default()
    };
    let mut group = c.benchmark_group("evaluate");
    for fixture in tiers() {
        let matrix = flowready::parse(&fixture.text);
        group.throughput(Throughput::Bytes(fixture.text.len() as u64));
        group.sample_size(if fixture.text.len() > 1_000_000 {
            20
        } else {
            100
        });
        group.bench_with_input(
            BenchmarkId::from_parameter(&fixture.name),
            &matrix,
            |b, m| b.iter(|| flowready::evaluate(black_box(m), &options)),
        );
    }
    group.finish();
}

criterion_group!(benches, bench_evaluate);
criterion_main!(benches);

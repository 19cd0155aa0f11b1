//! Render stage: serialising the JSON report (pretty, as `flowready check --format json`
//! prints it, and compact, as `evaluate_json` returns it). Throughput is the JSON size.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use flowready::{IsoDate, Options};
use flowready_benches::tiers;

fn bench_render(c: &mut Criterion) {
    let options = Options {
        today: IsoDate::parse("2026-12-01"),
        ..Options::default()
    };
    for fixture in tiers() {
        let report = flowready::check(&fixture.text, &options);
        let size = serde_json::to_string_pretty(&report).map_or(0, |s| s.len());
        let mut group = c.benchmark_group(format!("render/{}", fixture.name));
        group.throughput(Throughput::Bytes(size as u64));
        group.sample_size(if fixture.text.len() > 1_000_000 {
            20
        } else {
            100
        });
        group.bench_with_input(BenchmarkId::new("json_pretty", ""), &report, |b, r| {
            b.iter(|| serde_json::to_string_pretty(black_box(r)))
        });
        group.bench_with_input(BenchmarkId::new("json_compact", ""), &report, |b, r| {
            b.iter(|| serde_json::to_string(black_box(r)))
        });
        group.finish();
    }
}

criterion_group!(benches, bench_render);
criterion_main!(benches);

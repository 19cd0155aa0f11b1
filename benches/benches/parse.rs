//! Parse stage: `flowready::parse` on the three tiers, next to the baselines it is judged
//! against in the same run: a memchr scan (the floor), raw pulldown-cmark event iteration,
//! and parse + evaluate (the in-process budget: within 1.3× of raw pulldown-cmark).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use flowready::{IsoDate, Options};
use flowready_benches::{memchr_scan, pulldown_events, tiers};

fn options() -> Options {
    Options {
        today: IsoDate::parse("2026-12-01"),
        ..Options::default()
    }
}

fn bench_parse(c: &mut Criterion) {
    let options = options();
    for fixture in tiers() {
        let mut group = c.benchmark_group(format!("parse/{}", fixture.name));
        group.throughput(Throughput::Bytes(fixture.text.len() as u64));
        if fixture.text.len() > 1_000_000 {
            group.sample_size(20);
        }
        let text = fixture.text.as_str();
        group.bench_with_input(BenchmarkId::new("memchr_floor", ""), text, |b, t| {
            b.iter(|| memchr_scan(black_box(t.as_bytes())))
        });
        group.bench_with_input(BenchmarkId::new("pulldown_events", ""), text, |b, t| {
            b.iter(|| pulldown_events(black_box(t)))
        });
        group.bench_with_input(BenchmarkId::new("parse", ""), text, |b, t| {
            b.iter(|| flowready::parse(black_box(t)))
        });
        group.bench_with_input(BenchmarkId::new("parse_reference", ""), text, |b, t| {
            b.iter(|| flowready::parse::parse_reference(black_box(t)))
        });
        group.bench_with_input(BenchmarkId::new("parse_evaluate", ""), text, |b, t| {
            b.iter(|| flowready::check(black_box(t), &options))
        });
        group.finish();
    }
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);

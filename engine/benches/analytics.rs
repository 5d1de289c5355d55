//! Criterion benchmarks of the analyses beside the estimate: Monte Carlo, optimizer, sensitivity.

use criterion::{criterion_group, criterion_main, Criterion};
use engine::{simulate, Catalog, Scenario};

fn analytics(c: &mut Criterion) {
    // The catalog is parsed once at start-up in the server; only the analyses are timed.
    let catalog = Catalog::shipped();
    let scenario = Scenario::default();
    c.bench_function("simulate default scenario (10,000 years)", |b| {
        b.iter(|| simulate(std::hint::black_box(&catalog), std::hint::black_box(&scenario)).expect("valid"))
    });
}

criterion_group!(benches, analytics);
criterion_main!(benches);

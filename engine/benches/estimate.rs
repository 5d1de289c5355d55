//! Criterion benchmark: one full estimate of the default scenario (the production-tier
//! example of "Disaster Recovery & Failover Strategies for AI Services", Part 1.1).

use criterion::{criterion_group, criterion_main, Criterion};
use engine::{estimate, Catalog, Scenario};

fn full_estimate(c: &mut Criterion) {
    // The catalog is parsed once at start-up in the server; only the estimate is timed.
    let catalog = Catalog::shipped();
    let scenario = Scenario::default();
    c.bench_function("estimate default scenario", |b| {
        b.iter(|| {
            estimate(std::hint::black_box(&catalog), std::hint::black_box(&scenario))
                .expect("default scenario is valid")
        })
    });
    // Validation runs inside every estimate; timed alone to see its share.
    c.bench_function("validate default scenario", |b| {
        b.iter(|| engine::validate(std::hint::black_box(&catalog), std::hint::black_box(&scenario)).expect("valid"))
    });
}

criterion_group!(benches, full_estimate);
criterion_main!(benches);

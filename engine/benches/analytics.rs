//! Criterion benchmarks of the analyses beside the estimate: annual-loss distribution (exact and Monte Carlo), optimizer, sensitivity.

use criterion::{criterion_group, criterion_main, Criterion};
use engine::{optimize, sensitivity, simulate, Catalog, LossMethod, Scenario};

fn analytics(c: &mut Criterion) {
    // The catalog is parsed once at start-up in the server; only the analyses are timed.
    let catalog = Catalog::shipped();
    let scenario = Scenario::default();
    let (catalog, scenario) = (std::hint::black_box(&catalog), std::hint::black_box(&scenario));
    // The annual-loss distribution of every plan both ways, in the same run:
    // the exact method (the default) beside the 10,000-year Monte Carlo.
    let mut monte_carlo = scenario.clone();
    monte_carlo.simulation.method = LossMethod::MonteCarlo;
    let monte_carlo = std::hint::black_box(&monte_carlo);
    c.bench_function("loss distribution default scenario (exact, FFT)", |b| {
        b.iter(|| simulate(catalog, scenario).expect("valid"))
    });
    c.bench_function("simulate default scenario (10,000 years)", |b| {
        b.iter(|| simulate(catalog, monte_carlo).expect("valid"))
    });
    c.bench_function("optimize default scenario", |b| {
        b.iter(|| optimize(catalog, scenario).expect("valid"))
    });
    c.bench_function("sensitivity default scenario", |b| {
        b.iter(|| sensitivity(catalog, scenario).expect("valid"))
    });
}

criterion_group!(benches, analytics);
criterion_main!(benches);

//! The exact annual-loss distribution against a 1,000,000-year Monte Carlo of the same model and against the analytic mean.

use engine::loss::{model, Duration, LossModel};
use engine::{simulate, Catalog, Computation, LossDistribution, Money, Scenario};
use rand::SeedableRng;
use rand_distr::{Distribution, Poisson, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;
use rust_decimal::prelude::ToPrimitive;

/// Years of the reference Monte Carlo.
const YEARS: usize = 1_000_000;

/// The standard normal's 99.5th percentile: a two-sided 99 % band.
const Z_99: f64 = 2.576;

fn amount(m: Money) -> f64 {
    m.to_decimal().to_f64().unwrap()
}

/// Annual losses in USD, `[plan][year]`, drawn from the model as the
/// engine's Monte Carlo draws them (Poisson counts, lognormal hours, each
/// plan capping the same outage), written here independently of it; two
/// threads of half the years each, from seeds `seed` and `seed + 1`.
fn draw(model: &LossModel, years: usize, seed: u64) -> Vec<Vec<f64>> {
    let plans = model.plans();
    let half = |seed: u64, years: usize| {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let mut losses = vec![vec![0.0; years]; plans];
        let events: Vec<Option<Poisson<f64>>> = model
            .risks
            .iter()
            .map(|r| Poisson::new(r.events_per_year).ok())
            .collect();
        for year in 0..years {
            for (r, events) in model.risks.iter().zip(&events) {
                let Some(events) = events else { continue };
                let n = events.sample(&mut rng) as u64;
                for _ in 0..n {
                    let hours = match r.duration {
                        Duration::Fixed(h) => h,
                        Duration::LogNormal { mu, sigma } => {
                            let z: f64 = StandardNormal.sample(&mut rng);
                            (mu + sigma * z).exp()
                        }
                    };
                    for (plan, loss) in losses.iter_mut().enumerate() {
                        let capped = r.cap_hours[plan].map_or(hours, |c| hours.min(c));
                        loss[year] += r.usd_per_hour * capped + r.one_off[plan];
                    }
                }
            }
        }
        losses
    };
    let (first, second) = std::thread::scope(|s| {
        let a = s.spawn(|| half(seed, years / 2));
        let b = s.spawn(|| half(seed + 1, years - years / 2));
        (a.join().unwrap(), b.join().unwrap())
    });
    first.into_iter().zip(second).map(|(a, b)| [a, b].concat()).collect()
}

/// The 99 % band of the q-quantile from a sorted sample: the order
/// statistics whose ranks are n q ∓ 2.576 √(n q (1 − q)) (binomial count below the quantile).
fn quantile_band(sorted: &[f64], q: f64) -> (f64, f64) {
    let n = sorted.len() as f64;
    let spread = Z_99 * (n * q * (1.0 - q)).sqrt();
    let rank = |r: f64| sorted[(r.clamp(1.0, n) as usize) - 1];
    (rank((n * q - spread).floor()), rank((n * q + spread).ceil()))
}

fn check_against_monte_carlo(name: &str, scenario: &Scenario, seed: u64) {
    let catalog = Catalog::shipped();
    let exact = simulate(&catalog, scenario).expect("valid");
    let model = model(&catalog, scenario).expect("valid");
    assert_eq!(scenario.currency.code, "USD", "the draws are in USD");
    let losses = draw(&model, YEARS, seed);
    let n = YEARS as f64;
    let plans: Vec<&LossDistribution> = std::iter::once(&exact.without_dr).chain(&exact.strategies).collect();
    let mut failures = Vec::new();
    for (plan, (d, sample)) in plans.iter().zip(&losses).enumerate() {
        let mean = sample.iter().sum::<f64>() / n;
        let sd = (sample.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
        let half_width = Z_99 * sd / n.sqrt();
        let mut sorted = sample.clone();
        sorted.sort_by(f64::total_cmp);
        // Every figure is rounded to cents: a cent of slack on each side.
        let mut within = |what: &str, value: Money, (lo, hi): (f64, f64)| {
            let v = amount(value);
            if v < lo - 0.01 || v > hi + 0.01 {
                failures.push(format!("{name}, {}: {what} {v} outside [{lo:.2}, {hi:.2}]", d.name));
            }
        };
        within("mean", d.mean, (mean - half_width, mean + half_width));
        within("P90", d.p90, quantile_band(&sorted, 0.9));
        within("P99", d.p99, quantile_band(&sorted, 0.99));
        if plan > 0 {
            // Pays for itself: the binomial band of the share of years whose avoided loss covers the cost.
            let cost = amount(d.dr_annual_cost);
            let paid = losses[0].iter().zip(sample).filter(|(w, l)| *w - *l >= cost).count() as f64 / n;
            let spread = Z_99 * (paid * (1.0 - paid) / n).sqrt() * 100.0;
            let share = d.pays_for_itself_percent.expect("a share").to_f64().unwrap();
            // The share is shown to 0.1: 0.05 points of rounding on each side.
            if (share - paid * 100.0).abs() > spread + 0.05 {
                failures.push(format!("{name}, {}: pays for itself {share} % against {paid}", d.name));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_plan_of_the_default_scenario_lies_in_the_monte_carlo_band() {
    check_against_monte_carlo("default", &Scenario::default(), 11);
}

#[test]
fn every_plan_of_the_articles_production_tier_lies_in_the_monte_carlo_band() {
    check_against_monte_carlo("production tier", &engine::examples::production_tier(), 21);
}

#[test]
fn every_plan_of_the_articles_cost_optimization_lies_in_the_monte_carlo_band() {
    check_against_monte_carlo("cost optimization", &engine::examples::cost_optimization(), 31);
}

/// Φ, written here from the error function's Taylor series and continued
/// fraction rather than taken from the engine.
fn normal_cdf(x: f64) -> f64 {
    let z = x.abs() / std::f64::consts::SQRT_2;
    let erfc = if z < 2.5 {
        // erf(z) = 2/√π Σ (−1)ⁿ z^(2n+1) ÷ (n! (2n + 1))
        let (mut term, mut sum) = (z, z);
        for n in 1..200 {
            term *= -z * z / n as f64;
            sum += term / (2 * n + 1) as f64;
        }
        1.0 - sum * 2.0 / std::f64::consts::PI.sqrt()
    } else {
        // erfc(z) = e^(−z²)/√π × 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))), evaluated from the tail.
        let mut fraction = z;
        for k in (1..200).rev() {
            fraction = z + k as f64 / 2.0 / fraction;
        }
        (-z * z).exp() / std::f64::consts::PI.sqrt() / fraction
    };
    if x >= 0.0 {
        1.0 - erfc / 2.0
    } else {
        erfc / 2.0
    }
}

/// E[min(H, c)] for ln H ~ N(μ, σ): e^(μ+σ²/2) Φ((ln c − μ − σ²)/σ) + c (1 − Φ((ln c − μ)/σ)).
fn limited_mean(d: Duration, cap: Option<f64>) -> f64 {
    match (d, cap) {
        (Duration::Fixed(h), cap) => cap.map_or(h, |c| h.min(c)),
        (Duration::LogNormal { mu, sigma }, None) => (mu + sigma * sigma / 2.0).exp(),
        (Duration::LogNormal { .. }, Some(c)) if c <= 0.0 => 0.0,
        (Duration::LogNormal { mu, sigma }, Some(c)) => {
            let z = (c.ln() - mu) / sigma;
            (mu + sigma * sigma / 2.0).exp() * normal_cdf(z - sigma) + c * (1.0 - normal_cdf(z))
        }
    }
}

#[test]
fn the_mean_is_the_analytic_mean_within_the_stated_bound() {
    assert!((normal_cdf(1.6449) - 0.95).abs() < 1e-5 && (normal_cdf(-6.0) - 9.8659e-10).abs() < 1e-13);
    let catalog = Catalog::shipped();
    for scenario in engine::examples::EXAMPLES.iter().map(|e| (e.scenario)()) {
        let exact = simulate(&catalog, &scenario).expect("valid");
        let Computation::Exact {
            points,
            mean_error,
            beyond_grid,
            ..
        } = exact.computed
        else {
            panic!("exact is the default");
        };
        assert_eq!(points, 32_768);
        // What the grid loses is small enough to state in cents and in parts per billion.
        assert!(mean_error <= Money::from_units(1), "{mean_error}");
        assert!(beyond_grid.to_f64().unwrap() < 1e-9, "{beyond_grid}");
        let model = model(&catalog, &scenario).expect("valid");
        let plans = std::iter::once(&exact.without_dr).chain(&exact.strategies);
        for (plan, d) in plans.enumerate() {
            let analytic: f64 = model
                .risks
                .iter()
                .map(|r| {
                    let hours = limited_mean(r.duration, r.cap_hours[plan]);
                    r.events_per_year * (r.usd_per_hour * hours + r.one_off[plan])
                })
                .sum();
            let slack = amount(mean_error) + 0.01;
            assert!(
                (amount(d.mean) - analytic).abs() <= slack,
                "{}: {} against the analytic {analytic:.4} (± {slack})",
                d.name,
                d.mean
            );
        }
    }
}

/// tests/aggregate/default.json: the default scenario's per-event model and
/// the exact figures, for tests/aggregate/check.py to recompute with the
/// `aggregate` package. Written from the code: when it is stale this test
/// rewrites it and fails once, so the fix is to commit the file.
#[test]
fn the_aggregate_fixture_is_the_default_scenarios_model_and_figures() {
    let catalog = Catalog::shipped();
    let scenario = Scenario::default();
    let exact = simulate(&catalog, &scenario).expect("valid");
    let plans: Vec<serde_json::Value> = std::iter::once(&exact.without_dr)
        .chain(&exact.strategies)
        .map(|d| {
            serde_json::json!({
                "strategy": d.strategy,
                "name": d.name,
                "dr_annual_cost": d.dr_annual_cost,
                "mean": d.mean,
                "p90": d.p90,
                "p99": d.p99,
                "pays_for_itself_percent": d.pays_for_itself_percent,
            })
        })
        .collect();
    let fixture = serde_json::json!({
        "about": "drplan's default scenario: the per-event loss model (USD) and the exact figures; \
                  written by engine/tests/it/loss.rs, read by tests/aggregate/check.py",
        "currency": scenario.currency.code,
        "computed": exact.computed,
        "model": model(&catalog, &scenario).expect("valid"),
        "plans": plans,
    });
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/aggregate/default.json");
    let text = serde_json::to_string_pretty(&fixture).expect("JSON") + "\n";
    drplan_tests::ensure_file_contents(&path, &text);
}

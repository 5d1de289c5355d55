//! The annual-loss distribution, exact and Monte Carlo: convergence to the analytic ALE, ordering,
//! reproducibility and the exceedance curve.

// Tests edit a field or two of a default scenario; that reads better than struct-update syntax.
#![allow(clippy::field_reassign_with_default)]

use engine::catalog::CatalogFiles;
use engine::{estimate, link, simulate, Catalog, Computation, Error, LossDistribution, LossMethod, Money, Scenario};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

fn shipped() -> Catalog {
    Catalog::shipped()
}

/// The shipped catalog with every outage lasting exactly its likely hours
/// (low = likely = high), so only the Poisson event counts are random.
fn fixed_durations() -> Catalog {
    let catalog = shipped();
    let mut csv = String::from(
        "id,name,likelihood,impact,priority,impact_share,events_low,events_likely,events_high,hours_low,hours_likely,hours_high,mitigation,source,as_of\n",
    );
    for r in catalog.risks() {
        let mitigation = serde_json::to_value(r.mitigation).unwrap();
        let h = r.hours_per_event.likely;
        let e = r.events_per_year;
        csv.push_str(&format!(
            "{},{},\"{}\",{},{},{},{},{},{},{h},{h},{h},{},fixed durations,{}\n",
            r.id,
            r.name,
            r.likelihood,
            r.impact,
            r.priority,
            r.impact_share,
            e.low,
            e.likely,
            e.high,
            mitigation.as_str().unwrap(),
            r.as_of
        ));
    }
    let mut files = CatalogFiles::shipped();
    files.insert("risks.csv", csv);
    Catalog::from_files(&files).expect("the fixed-duration catalog loads")
}

fn amount(m: Money) -> f64 {
    m.to_decimal().to_f64().unwrap()
}

fn assert_within(share: f64, computed: Money, analytic: Money, what: &str) {
    let (s, a) = (amount(computed), amount(analytic));
    assert!(
        (s - a).abs() <= share * a,
        "{what}: computed mean {s} against analytic ALE {a}"
    );
}

/// Both methods, Monte Carlo with 100,000 years from seed 7.
fn both(scenario: &Scenario) -> [(Scenario, f64); 2] {
    let mut monte_carlo = scenario.clone();
    monte_carlo.simulation.method = LossMethod::MonteCarlo;
    monte_carlo.simulation.years = 100_000;
    monte_carlo.simulation.seed = 7;
    // The exact mean differs from the ALE by the rounding of the matrix's
    // figures only; the simulated one by its sampling error too.
    [(scenario.clone(), 1e-6), (monte_carlo, 0.01)]
}

#[test]
fn with_fixed_durations_the_mean_converges_to_the_analytic_ale_for_every_plan() {
    let catalog = fixed_durations();
    for (scenario, share) in both(&Scenario::default()) {
        let sim = simulate(&catalog, &scenario).expect("valid");
        let analytic = estimate(&catalog, &scenario).expect("valid").risk;
        assert_within(share, sim.without_dr.mean, analytic.ale_without, "without DR");
        for dist in &sim.strategies {
            let mut s = scenario.clone();
            s.strategy = dist.strategy.clone().expect("a strategy id");
            let ale_with = estimate(&catalog, &s).expect("valid").risk.ale_with;
            assert_within(share, dist.mean, ale_with, &dist.name);
        }
        fixed_order(&sim);
    }
}

fn fixed_order(sim: &engine::Simulation) {
    // Backup & restore and active-active differ only in the region-failover
    // rows, which are rare; common random numbers keep their order anyway.
    let mean = |id: &str| {
        sim.strategies
            .iter()
            .find(|d| d.strategy.as_deref() == Some(id))
            .unwrap()
            .mean
    };
    assert!(mean("active_active") < mean("backup_restore"), "{:?}", sim.computed);
}

fn check_distribution(d: &LossDistribution) {
    assert!(
        Money::ZERO <= d.p50 && d.p50 <= d.p90 && d.p90 <= d.p99,
        "{}: {d:?}",
        d.name
    );
    let max = d.exceedance.last().expect("a curve").loss;
    assert!(
        d.mean >= Money::ZERO && d.mean <= max,
        "{}: mean {} above the largest loss {max}",
        d.name,
        d.mean
    );
    assert!(d.p99 <= max, "{}", d.name);
    assert!(
        (30..=60).contains(&d.exceedance.len()),
        "{}: {} points",
        d.name,
        d.exceedance.len()
    );
    for pair in d.exceedance.windows(2) {
        assert!(pair[0].loss < pair[1].loss, "{}: losses ascend: {pair:?}", d.name);
        assert!(
            pair[0].percent >= pair[1].percent,
            "{}: percents descend: {pair:?}",
            d.name
        );
    }
    assert_eq!(d.exceedance.last().unwrap().percent, Decimal::ZERO, "{}", d.name);
    for figure in [d.mean, d.p50, d.p90, d.p99, d.dr_annual_cost] {
        assert!(
            figure.to_decimal().scale() <= 2,
            "{}: {figure} has no float artifacts",
            d.name
        );
    }
}

#[test]
fn percentiles_are_ordered_and_the_curve_falls_as_losses_grow() {
    let mut monte_carlo = Scenario::default();
    monte_carlo.simulation.method = LossMethod::MonteCarlo;
    for scenario in [Scenario::default(), monte_carlo] {
        ordered(&scenario);
    }
}

fn ordered(scenario: &Scenario) {
    let sim = simulate(&shipped(), scenario).expect("valid");
    match sim.computed {
        Computation::MonteCarlo { years, seed } => assert_eq!((years, seed), (10_000, 1)),
        Computation::Exact { points, .. } => assert_eq!(points, 32_768),
    }
    check_distribution(&sim.without_dr);
    assert_eq!(sim.without_dr.strategy, None);
    assert_eq!(sim.without_dr.pays_for_itself_percent, None);
    assert_eq!(sim.without_dr.dr_annual_cost, Money::ZERO);
    let ids: Vec<_> = shipped().strategies().iter().map(|s| Some(s.id.clone())).collect();
    assert_eq!(
        sim.strategies.iter().map(|d| d.strategy.clone()).collect::<Vec<_>>(),
        ids
    );
    let estimate = estimate(&shipped(), &Scenario::default()).expect("valid");
    for (d, e) in sim.strategies.iter().zip(&estimate.strategies) {
        check_distribution(d);
        assert_eq!(d.dr_annual_cost, e.annual - estimate.production_only.annual);
        let paid = d.pays_for_itself_percent.expect("a share");
        assert!(paid >= Decimal::ZERO && paid <= Decimal::ONE_HUNDRED, "{paid}");
        // DR only shortens outages, so no year loses more with it (Monte Carlo:
        // the same draws cap every outage).
        let w = &sim.without_dr;
        assert!(
            d.mean <= w.mean && d.p50 <= w.p50 && d.p90 <= w.p90 && d.p99 <= w.p99,
            "{}",
            d.name
        );
    }
    // The lognormal's mean lies above its median, so the simulated loss
    // without DR exceeds the analytic ALE built from likely durations.
    assert!(sim.without_dr.mean > estimate.risk.ale_without);
}

#[test]
fn the_same_seed_gives_the_same_figures_and_another_seed_others() {
    let catalog = shipped();
    let mut scenario = Scenario::default();
    scenario.simulation.method = LossMethod::MonteCarlo;
    scenario.simulation.years = 2_000;
    let first = simulate(&catalog, &scenario).expect("valid");
    assert_eq!(simulate(&catalog, &scenario).expect("valid"), first);
    scenario.simulation.seed = 2;
    let other = simulate(&catalog, &scenario).expect("valid");
    assert_ne!(other.without_dr.mean, first.without_dr.mean);
    assert_eq!(other.computed, Computation::MonteCarlo { years: 2_000, seed: 2 });
    // The exact method has no seed: the seed changes nothing.
    scenario.simulation.method = LossMethod::Exact;
    let exact = simulate(&catalog, &scenario).expect("valid");
    scenario.simulation.seed = 1;
    assert_eq!(simulate(&catalog, &scenario).expect("valid"), exact);
}

#[test]
fn pays_for_itself_falls_as_downtime_gets_cheaper() {
    let catalog = shipped();
    for method in [LossMethod::Exact, LossMethod::MonteCarlo] {
        let mut scenario = engine::examples::production_tier();
        scenario.simulation.method = method;
        scenario.simulation.years = 2_000;
        falls_as_downtime_gets_cheaper(&catalog, scenario);
    }
}

fn falls_as_downtime_gets_cheaper(catalog: &Catalog, mut scenario: Scenario) {
    let share = |s: &Scenario| {
        let sim = simulate(catalog, s).expect("valid");
        sim.strategies
            .iter()
            .find(|d| d.strategy.as_deref() == Some("active_active"))
            .unwrap()
            .pays_for_itself_percent
            .unwrap()
    };
    let dear = share(&scenario);
    scenario.downtime_cost_per_hour = Money::from_units(100);
    let cheap = share(&scenario);
    assert!(cheap < dear, "{cheap} < {dear}");
    assert_eq!(cheap, Decimal::ZERO);
}

#[test]
fn reporting_currency_scales_the_losses() {
    let catalog = shipped();
    for method in [LossMethod::Exact, LossMethod::MonteCarlo] {
        let mut scenario = Scenario::default();
        scenario.simulation.method = method;
        scenario.simulation.years = 1_000;
        let usd = simulate(&catalog, &scenario).expect("valid");
        scenario.currency.code = "EUR".into();
        scenario.currency.rate_from_usd = Decimal::new(9, 1);
        let eur = simulate(&catalog, &scenario).expect("valid");
        for (e, u) in [
            (eur.without_dr.mean, usd.without_dr.mean),
            (eur.without_dr.p99, usd.without_dr.p99),
        ] {
            let expected = (u.to_decimal() * Decimal::new(9, 1)).round_dp(2);
            assert!((e.to_decimal() - expected).abs() <= Decimal::new(1, 2), "{method:?}");
        }
        assert_eq!(
            eur.strategies[0].pays_for_itself_percent,
            usd.strategies[0].pays_for_itself_percent
        );
    }
}

#[test]
fn years_out_of_range_name_the_field_and_the_range() {
    let catalog = shipped();
    for years in [0, 999, 100_001] {
        let mut scenario = Scenario::default();
        scenario.simulation.years = years;
        let Err(Error::Invalid(errors)) = simulate(&catalog, &scenario) else {
            panic!("{years} years must be refused");
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "simulation.years");
        assert_eq!(errors[0].message, "must be between 1,000 and 100,000 (years)");
        let Err(Error::Invalid(errors)) = link::decode(&catalog, &format!("mc_years={years}")) else {
            panic!("mc_years={years} must be refused");
        };
        assert_eq!(errors[0].field, "mc_years");
    }
}

#[test]
fn the_link_carries_the_method_years_and_seed_and_omits_the_defaults() {
    let catalog = shipped();
    let mut scenario = Scenario::default();
    let plain = link::encode(&catalog, &scenario);
    assert!(!plain.contains("mc_") && !plain.contains("monte_carlo"), "{plain}");
    scenario.simulation.method = LossMethod::MonteCarlo;
    scenario.simulation.years = 50_000;
    scenario.simulation.seed = 42;
    let query = link::encode(&catalog, &scenario);
    assert!(
        query.ends_with("&monte_carlo=true&mc_years=50000&mc_seed=42"),
        "{query}"
    );
    assert_eq!(link::decode(&catalog, &query).expect("decodes").scenario, scenario);
    let exact = link::decode(&catalog, "monte_carlo=false").expect("decodes").scenario;
    assert_eq!(exact.simulation.method, LossMethod::Exact);
    let Err(Error::Invalid(errors)) = link::decode(&catalog, "monte_carlo=yes") else {
        panic!("monte_carlo=yes must be refused");
    };
    assert_eq!(errors[0].field, "monte_carlo");
}

#[test]
fn a_scenario_without_simulation_settings_in_json_takes_the_defaults() {
    let mut json = serde_json::to_value(Scenario::default()).unwrap();
    json.as_object_mut().unwrap().remove("simulation");
    let scenario: Scenario = serde_json::from_value(json).unwrap();
    assert_eq!(scenario, Scenario::default());
    let json = serde_json::json!({ "method": "monte_carlo", "years": 5000 });
    let settings: engine::SimulationSettings = serde_json::from_value(json).unwrap();
    assert_eq!(settings.method, LossMethod::MonteCarlo);
    assert_eq!((settings.years, settings.seed), (5000, 1));
}

//! Property tests: invariants that hold for every valid scenario.

// Tests edit a field or two of a generated scenario; that reads better than struct-update syntax.
#![allow(clippy::field_reassign_with_default)]

use engine::scenario::{ProviderLink, StandbyMode};
use engine::{estimate, Catalog, Estimate, Money, Scenario};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(Catalog::shipped)
}

fn money(max_cents: i64) -> impl Strategy<Value = Money> {
    (0..=max_cents).prop_map(Money::from_cents)
}

fn maybe_money(max_cents: i64) -> impl Strategy<Value = Option<Money>> {
    proptest::option::of(money(max_cents))
}

fn decimal(max: i64, scale: u32) -> impl Strategy<Value = Decimal> {
    (0..=max).prop_map(move |n| Decimal::new(n, scale))
}

fn pick(ids: Vec<String>) -> impl Strategy<Value = String> {
    proptest::sample::select(ids)
}

fn link() -> impl Strategy<Value = ProviderLink> {
    let chat: Vec<(String, String)> = catalog()
        .models()
        .iter()
        .filter(|m| m.kind == engine::catalog::ModelKind::Chat)
        .map(|m| (m.provider.clone(), m.model.clone()))
        .collect();
    (proptest::sample::select(chat), any::<bool>(), money(10_000_000)).prop_map(|((provider, model), paid, amount)| {
        ProviderLink {
            provider,
            model,
            standby: if paid {
                StandbyMode::Provisioned
            } else {
                StandbyMode::PayPerUse
            },
            provisioned_monthly: amount,
        }
    })
}

prop_compose! {
    fn costs()(
        compute in (maybe_money(100_000_000), maybe_money(100_000_000), 0u32..5_000, 0u32..600),
        vector in (maybe_money(100_000_000), maybe_money(100_000_000), proptest::option::of(decimal(10_000_000, 2)), 0u64..1_000_000_000, 1u32..4_096, any::<bool>()),
        storage in (maybe_money(100_000_000), maybe_money(100_000_000), decimal(10_000_000, 2)),
        network in (money(100_000_000), maybe_money(100_000_000), decimal(1_000_000, 1), maybe_money(100_000_000), decimal(1_000_000, 1), decimal(6_000, 1)),
        monitoring in money(10_000_000),
    ) -> (Scenario, ()) {
        let mut s = Scenario::default();
        (s.compute.monthly, s.compute.secondary_monthly, s.compute.vcpus, s.compute.provision_minutes) = compute;
        (s.vector_db.monthly, s.vector_db.secondary_monthly, s.vector_db.size_gb, s.vector_db.vectors, s.vector_db.dimensions, s.vector_db.backed_up) = vector;
        (s.storage.monthly, s.storage.secondary_monthly, s.storage.data_gb) = storage;
        (s.network.primary_monthly, s.network.cross_region_monthly, s.network.cross_region_gb, s.network.replication_monthly, s.network.replication_gb, s.network.replication_lag_minutes) = network;
        s.monitoring_monthly = monitoring;
        (s, ())
    }
}

prop_compose! {
    fn scenario()(
        (base, ()) in costs(),
        regions in Just(catalog().regions().iter().map(|r| r.id.clone()).collect::<Vec<_>>()).prop_shuffle(),
        tier in pick(catalog().tiers().iter().map(|t| t.id.clone()).collect()),
        strategy in pick(catalog().strategies().iter().map(|t| t.id.clone()).collect()),
        fraction in decimal(100, 2),
        downtime in (1i64..=10_000_000_000).prop_map(Money::from_cents),
        providers in proptest::collection::vec(link(), 1..=5),
        vector in (pick(catalog().vector_dbs().iter().map(|v| v.id.clone()).collect()), 0u64..10_000_000_000, 1u32..=10),
        workload in (0u64..10_000_000_000, 0u32..100_000, 0u32..100_000, maybe_money(100_000_000), 0u32..120),
        corpus in (0u64..100_000_000, 0u32..100_000, proptest::option::of(1u64..100_000_000)),
        backups in (1u32..=10_080, 0u32..=3_650, 0u32..=3_650, 1u32..=3_650, 1i64..100_000),
        classes in (pick(catalog().storage_classes().iter().map(|c| c.id.clone()).collect()), pick(catalog().storage_classes().iter().map(|c| c.id.clone()).collect())),
        rate in (1i64..=100_000_000).prop_map(|n| Decimal::new(n, 4)),
    ) -> Scenario {
        let mut s = base;
        s.primary_region = regions[0].clone();
        s.secondary_region = regions[1].clone();
        s.tier = tier;
        s.strategy = strategy;
        s.standby_fraction = fraction;
        s.downtime_cost_per_hour = downtime;
        s.providers = providers;
        let (requests, input, output, spend, failover) = workload;
        s.workload.monthly_requests = requests;
        s.workload.input_tokens_per_request = input;
        s.workload.output_tokens_per_request = output;
        s.workload.monthly_spend = spend;
        s.provider_failover_minutes = failover;
        (s.corpus.documents, s.corpus.tokens_per_document, s.corpus.tokens_per_minute) = corpus;
        let (interval, standard, infrequent, archive, restore) = backups;
        s.backups.snapshot_interval_minutes = interval;
        s.backups.standard_days = standard;
        s.backups.infrequent_days = infrequent;
        s.backups.archive_days = archive;
        s.backups.restore_gb_per_hour = Decimal::new(restore, 1);
        (s.storage.class, s.backups.archive_class) = classes;
        s.currency.code = "XTS".to_owned();
        s.currency.rate_from_usd = rate;
        (s.vector_db.offering, s.vector_db.monthly_writes, s.vector_db.replicas) = vector;
        made_valid(s)
    }
}

/// Every decimal in the serialized estimate (money, hours, ratios) is ≥ 0.
fn assert_no_negative(value: &serde_json::Value, path: &str) {
    match value {
        serde_json::Value::String(s) => {
            if let Ok(d) = s.parse::<Decimal>() {
                assert!(!d.is_sign_negative() || d.is_zero(), "{path} = {s}");
            }
        }
        serde_json::Value::Number(n) => assert!(n.as_f64().is_some_and(|f| f.is_finite() && f >= 0.0), "{path} = {n}"),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                assert_no_negative(item, &format!("{path}[{i}]"));
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                assert_no_negative(v, &format!("{path}.{k}"));
            }
        }
        _ => {}
    }
}

/// What the catalog cannot price where the generator put it is replaced:
/// a self-hosted link in a region without GPUs by the API model, an
/// offering not priced in both regions by the serverless one.
fn made_valid(mut s: Scenario) -> Scenario {
    let c = catalog();
    let (primary, secondary) = (s.primary_region.clone(), s.secondary_region.clone());
    for (i, link) in s.providers.iter_mut().enumerate() {
        let region = if i == 0 { &primary } else { &secondary };
        if link.provider == "self-hosted" && c.region_price(region, engine::catalog::GPU_HOUR).is_none() {
            link.provider = "openai".to_owned();
            link.model = "gpt-4o".to_owned();
        }
        if link.provider == "self-hosted" {
            // It runs its GPUs all the time: no provisioned amount.
            link.standby = StandbyMode::PayPerUse;
            link.provisioned_monthly = Money::ZERO;
        }
    }
    if engine::validate(c, &s).is_err_and(|e| e.to_string().contains("vector_db.offering")) {
        s.vector_db.offering = "pinecone-serverless".to_owned();
    }
    s
}

fn run(s: &Scenario) -> Estimate {
    estimate(catalog(), s).unwrap_or_else(|e| panic!("generated scenario should be valid: {e}"))
}

fn recommended_monthly(e: &Estimate) -> Option<Money> {
    e.recommendation.meets.then_some(e.recommendation.monthly)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_figure_is_negative_and_totals_are_sums(s in scenario()) {
        let e = run(&s);
        let mut json = serde_json::to_value(&e).unwrap();
        // Optimized DR may cost more than full DR when meeting the targets
        // takes more than one full copy (active-active's 1.2): a negative
        // saving is then the truth.
        json.as_object_mut().unwrap().remove("savings");
        assert_no_negative(&json, "estimate");
        for plan in [&e.production_only, &e.full_dr, &e.standby_dr, &e.optimized_dr, &e.dr_plan] {
            prop_assert_eq!(plan.monthly, plan.lines.iter().map(|l| l.monthly).sum::<Money>());
            prop_assert_eq!(plan.annual, plan.lines.iter().map(|l| l.annual).sum::<Money>());
        }
    }

    #[test]
    fn the_standby_share_never_costs_more_than_full_dr(s in scenario()) {
        let e = run(&s);
        prop_assert!(e.standby_dr.monthly <= e.full_dr.monthly);
    }

    #[test]
    fn optimized_dr_is_the_optimizers_design_and_its_lines_add_up_to_it(s in scenario()) {
        let e = run(&s);
        let o = engine::optimize(catalog(), &s).unwrap();
        let design = o.cheapest.as_ref().or(o.closest.as_ref()).expect("some design");
        prop_assert_eq!(e.recommendation.meets, o.cheapest.is_some());
        prop_assert_eq!(design.monthly, e.optimized_dr.monthly);
        prop_assert_eq!(e.recommendation.monthly, e.optimized_dr.monthly);
        prop_assert_eq!(e.recommendation.rto_minutes, design.rto_minutes);
    }

    #[test]
    fn costlier_downtime_never_lowers_the_ale_reduction(s in scenario(), extra in 0i64..1_000_000_000) {
        let cheaper = run(&s);
        let mut costlier = s.clone();
        costlier.downtime_cost_per_hour = Money::new(
            (s.downtime_cost_per_hour.to_decimal() + Decimal::new(extra, 2)).min(Decimal::from(100_000_000)),
        );
        let costlier = run(&costlier);
        prop_assert!(costlier.risk.ale_reduction >= cheaper.risk.ale_reduction);
    }

    #[test]
    fn a_stricter_tier_never_recommends_a_cheaper_strategy(s in scenario()) {
        // Tiers are listed strictest first in the catalog.
        let estimates: Vec<Estimate> = catalog()
            .tiers()
            .iter()
            .map(|t| {
                let mut s = s.clone();
                s.tier = t.id.clone();
                run(&s)
            })
            .collect();
        for pair in estimates.windows(2) {
            let (stricter, looser) = (recommended_monthly(&pair[0]), recommended_monthly(&pair[1]));
            match (stricter, looser) {
                (Some(a), Some(b)) => prop_assert!(a >= b, "stricter {a} < looser {b}"),
                (Some(_), None) => prop_assert!(false, "a stricter tier found a strategy the looser did not"),
                _ => {}
            }
        }
    }

    #[test]
    fn scenarios_round_trip_through_json(s in scenario()) {
        let back: Scenario = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        prop_assert_eq!(back, s);
    }
}

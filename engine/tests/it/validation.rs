//! Scenario validation: every problem at once, each naming field, value and range.

// Tests edit a field or two of the default scenario; that reads better than struct-update syntax.
#![allow(clippy::field_reassign_with_default)]

use crate::common;

use engine::{estimate, Error, FieldError, Money, Scenario};
use rust_decimal_macros::dec;

/// Applies `edit` to the default scenario and checks the one field error it causes.
fn check(edit: impl FnOnce(&mut Scenario), field: &str, value: &str, message: &str) {
    let mut s = Scenario::default();
    edit(&mut s);
    match estimate(&common::catalog(), &s) {
        Err(Error::Invalid(errors)) => {
            assert_eq!(errors, vec![FieldError::new(field, value, message)], "{field}");
            assert!(!message.ends_with('.'), "messages have no trailing period");
        }
        other => panic!("expected one invalid field {field}, got {other:?}"),
    }
}

#[test]
fn each_range_names_the_field_the_value_and_the_allowed_range() {
    check(
        |s| s.downtime_cost_per_hour = Money::from_units(-1),
        "downtime_cost_per_hour",
        "-1",
        "must be between 0.01 and 100,000,000 (USD per hour)",
    );
    check(
        |s| s.standby_fraction = dec!(1.5),
        "standby_fraction",
        "1.5",
        "must be between 0 and 1 (fraction)",
    );
    check(
        |s| s.currency.rate_from_usd = dec!(0),
        "currency.rate_from_usd",
        "0",
        "must be greater than 0 and at most 1,000,000 (units per USD)",
    );
    check(
        |s| s.currency.code = "eur".to_owned(),
        "currency.code",
        "eur",
        "must be a three-letter ISO 4217 code in capitals, e.g. EUR",
    );
    check(
        |s| s.backups.snapshot_interval_minutes = 0,
        "backups.snapshot_interval_minutes",
        "0",
        "must be between 1 and 10,080 (minutes)",
    );
    check(
        |s| s.workload.monthly_requests = 2_000_000_000_000,
        "workload.monthly_requests",
        "2000000000000",
        "must be between 0 and 1,000,000,000,000 (requests per month)",
    );
    check(
        |s| s.compute.monthly = Some(Money::from_units(2_000_000_000)),
        "compute.monthly",
        "2000000000",
        "must be between 0 and 1,000,000,000 (USD per month)",
    );
    check(
        |s| s.providers[1].model = "gpt-9".to_owned(),
        "providers[1].model",
        "gpt-9",
        "must be a chat model of aws-bedrock: claude-sonnet-4-5, claude-haiku-4-5, nova-pro, nova-lite, nova-micro, llama-3-3-70b",
    );
    check(
        |s| s.corpus.embedding_model = "gpt-4o".to_owned(),
        "corpus.embedding_model",
        "gpt-4o",
        "must be an embedding model of openai: text-embedding-3-small, text-embedding-3-large",
    );
    check(
        |s| s.secondary_region = "us-east-1".to_owned(),
        "secondary_region",
        "us-east-1",
        "must differ from the primary region",
    );
    check(
        |s| s.strategy = "hope".to_owned(),
        "strategy",
        "hope",
        "must be a catalog strategy: backup_restore, pilot_light, warm_standby, active_passive, active_active",
    );
    check(
        |s| {
            s.price_overrides
                .insert("region:mars-1:storage_multiplier".to_owned(), dec!(2));
        },
        "price_overrides[\"region:mars-1:storage_multiplier\"]",
        "2",
        "no region with id mars-1 in the catalog",
    );
    check(
        |s| s.providers.clear(),
        "providers",
        "0 items",
        "must have between 1 and 5 items",
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut s = Scenario::default();
    s.tier = "gold".to_owned();
    s.primary_region = "mars-1".to_owned();
    s.standby_fraction = dec!(-0.1);
    s.backups.restore_gb_per_hour = dec!(0);
    s.providers[2].provider = "nobody".to_owned();
    let Err(Error::Invalid(errors)) = estimate(&common::catalog(), &s) else {
        panic!("expected invalid")
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "backups.restore_gb_per_hour",
            "primary_region",
            "providers[2].provider",
            "standby_fraction",
            "tier"
        ]
    );
}

#[test]
fn price_overrides_change_the_figures() {
    let mut s = engine::examples::production_tier();
    s.workload.monthly_spend = None;
    s.price_overrides
        .insert("model:openai/gpt-4o:input_per_mtok".to_owned(), dec!(5));
    let e = estimate(&common::catalog(), &s).unwrap();
    // 1,000,000 × (400 × 5 + 100 × 10) ÷ 1,000,000 = 3,000.
    assert_eq!(e.production_only.by_component[2].monthly, Money::from_units(3_000));
}

/// Found by fuzzing (`engine/fuzz/`: a link_decode crash, then probes of its kind): values the ranges let
/// through that took `estimate` past what a Decimal holds, a panic (a 500)
/// instead of a field error. Break-even divides by the downtime cost, restore
/// times by the throughput, and a price override skipped its column's range.
#[test]
fn values_that_would_overflow_the_figures_are_refused() {
    let tiny = dec!(0.0000000000000000000000000001);
    check(
        |s| s.downtime_cost_per_hour = Money::new(tiny),
        "downtime_cost_per_hour",
        "0.0000000000000000000000000001",
        "must be between 0.01 and 100,000,000 (USD per hour)",
    );
    check(
        |s| s.backups.restore_gb_per_hour = tiny,
        "backups.restore_gb_per_hour",
        "0.0000000000000000000000000001",
        "must be between 0.001 and 1,000,000 (GB per hour)",
    );
    for (key, value, allowed) in [
        ("region:eu-west-1:storage_multiplier", dec!(1000000), "0.01 and 10"),
        ("region:eu-west-1:storage_multiplier", dec!(0), "0.01 and 10"),
        ("strategy:active_active:compute", dec!(10.5), "0 and 10"),
        ("strategy:active_passive:failover_minutes", dec!(10081), "0 and 10,080"),
        ("storage:s3-glacier-flexible:retrieval_hours", dec!(721), "0 and 720"),
    ] {
        let (kind, rest) = key.split_once(':').unwrap();
        let field = rest.rsplit(':').next().unwrap();
        check(
            |s| {
                s.price_overrides.insert(key.to_owned(), value);
            },
            &format!("price_overrides[\"{key}\"]"),
            &value.to_string(),
            &format!("a {kind} {field} override must be between {allowed}"),
        );
    }
}

/// The fuzzer's largest link: every amount, count, rate and override at the
/// end of its range that makes the figures biggest, the divisors at their
/// smallest. It estimates, and its totals are still the sums of their rows.
#[test]
fn the_largest_allowed_scenario_estimates() {
    let query = "strategy=active_active&standby_fraction=1\
        &p2=azure-openai/gpt-4o:provisioned:1000000000&p3=anthropic/claude-sonnet-4-5:provisioned:1000000000\
        &failover_minutes=1440&requests=1000000000000&input_tokens=10000000&output_tokens=10000000\
        &vcpus=1000000&compute_monthly=&compute_secondary_monthly=&provision_minutes=10080\
        &vectors=100000000000&dimensions=65536&vector_monthly=&vector_secondary_monthly=&vector_backed_up=false\
        &data_gb=1000000&storage_monthly=&storage_secondary_monthly=&documents=10000000000\
        &tokens_per_document=10000000&embedding_tpm=1&snapshot_minutes=10080\
        &standard_days=3650&infrequent_days=3650&archive_days=3650&restore_gb_per_hour=0.001\
        &network_monthly=1000000000&cross_region_gb=1000000000&cross_region_monthly=\
        &replication_gb=1000000000&replication_monthly=&replication_lag_minutes=10080\
        &monitoring_monthly=1000000000&downtime_cost_per_hour=0.01&currency=XXX&rate=1000000\
        &price.model:openai/gpt-4o:input_per_mtok=1000000&price.model:openai/gpt-4o:output_per_mtok=1000000\
        &price.region:us-east-1:storage_multiplier=10&price.region:us-west-2:storage_multiplier=10\
        &price.region_price:us-east-1/vcpu_hour:price=1000000&price.region_price:us-west-2/vcpu_hour:price=1000000\
        &price.vector_db:pinecone-serverless:storage_gb_month=1000000\
        &price.vector_db:pinecone-serverless:read_units_per_million=1000000\
        &price.transfer:*/*:price_per_gb=1000000&price.storage:s3-standard:price_per_gb_month=1000000\
        &price.storage:s3-glacier-flexible:retrieval_hours=720\
        &price.strategy:active_active:compute=10&price.strategy:active_active:replication=10";
    let catalog = common::catalog();
    let scenario = engine::link::decode(&catalog, query).unwrap().scenario;
    let e = estimate(&catalog, &scenario).unwrap();
    let lines: Money = e.dr_plan.lines.iter().map(|l| l.monthly).sum();
    assert_eq!(e.dr_plan.monthly, lines);
    assert!(e.dr_plan.monthly > Money::from_units(1_000_000_000_000_000_000));
}

//! Costs from quantities: every line of the default scenario follows from
//! the catalog's prices, and changing an input changes the lines it drives
//! (and only those), with each line saying how it was found.

use engine::cost::{CostLine, Item, Location};
use engine::{estimate, link, Estimate, Money};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::common;

fn priced(query: &str) -> Estimate {
    let catalog = common::catalog();
    let scenario = link::decode(&catalog, query)
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .scenario;
    estimate(&catalog, &scenario).unwrap()
}

fn line(e: &Estimate, location: Location, item: Item) -> &CostLine {
    e.dr_plan
        .lines
        .iter()
        .find(|l| l.location == location && l.item == item)
        .unwrap_or_else(|| panic!("no {location:?} {item:?} line"))
}

fn amount(e: &Estimate, location: Location, item: Item) -> Money {
    line(e, location, item).monthly
}

/// The lines of the default's chosen plan (active-passive) whose amounts differ in `e`.
fn changed(e: &Estimate) -> Vec<(Location, Item)> {
    let base = priced("");
    let mut out = Vec::new();
    for (a, b) in base.dr_plan.lines.iter().zip(&e.dr_plan.lines) {
        assert_eq!(
            (a.location, a.item),
            (b.location, b.item),
            "same lines in the same order"
        );
        if a.monthly != b.monthly {
            out.push((a.location, a.item));
        }
    }
    out
}

#[test]
fn the_default_is_priced_from_quantities_line_by_line() {
    let e = priced("");
    let m = |v: Decimal| Money::new(v);
    // 16 vCPU × 0.048 × 730 h.
    assert_eq!(amount(&e, Location::Primary, Item::Compute), m(dec!(560.64)));
    // Pinecone serverless: 24.576 GB × 0.33 + 1 M queries × 24.576 RU × 16 / M
    // + 100,000 writes × 6.144 WU × 4 / M = 8.11008 + 393.216 + 2.4576.
    assert_eq!(amount(&e, Location::Primary, Item::VectorDb), m(dec!(403.78)));
    // 1 M × (400 × 3 + 100 × 15) / M on Claude Sonnet 4.5.
    assert_eq!(amount(&e, Location::Primary, Item::AiProvider), m(dec!(2700)));
    // 500 GB × 0.023 × 1.00.
    assert_eq!(amount(&e, Location::Primary, Item::Storage), m(dec!(11.50)));
    // Active-passive keeps 0.6 of a full copy: 560.64 × 0.6; the vector copy
    // serves no queries: (8.11008 + 2.4576) × 0.6.
    assert_eq!(amount(&e, Location::Secondary, Item::Compute), m(dec!(336.38)));
    assert_eq!(amount(&e, Location::Secondary, Item::VectorDb), m(dec!(6.34)));
    // 2,000 GB and 1,000 GB × 0.02 from us-east-1.
    assert_eq!(amount(&e, Location::CrossRegion, Item::DataTransfer), m(dec!(40)));
    assert_eq!(amount(&e, Location::CrossRegion, Item::Replication), m(dec!(20)));
    for l in &e.dr_plan.lines {
        assert!(!l.how.is_empty(), "{:?} {:?} says how", l.location, l.item);
    }
    let entered: Vec<Item> = e.dr_plan.lines.iter().filter(|l| l.entered).map(|l| l.item).collect();
    assert_eq!(
        entered,
        [Item::Network, Item::Monitoring],
        "only the amounts the default enters"
    );
    assert_eq!(
        line(&e, Location::Primary, Item::Compute).how,
        "16 vCPU × 0.048 USD per vCPU-hour in us-east-1 × 730 h"
    );
}

#[test]
fn each_input_changes_the_lines_it_drives() {
    use Item::*;
    use Location::*;
    let cases: [(&str, &[(Location, Item)]); 6] = [
        // m5.large 0.107 ÷ 2 in eu-west-1: 16 × 0.0535 × 730 = 624.88.
        ("primary=eu-west-1", &[(Primary, Compute)]),
        // 0.0575 per vCPU-hour and S3 at 1.065 in eu-central-1.
        (
            "secondary=eu-central-1",
            &[(Secondary, Compute), (Secondary, Storage), (Secondary, Backups)],
        ),
        // Five times the vectors: the index, its reads and the backups grow.
        (
            "vectors=20000000",
            &[
                (Primary, VectorDb),
                (Primary, Backups),
                (Secondary, VectorDb),
                (Secondary, Backups),
            ],
        ),
        (
            "data_gb=250",
            &[
                (Primary, Storage),
                (Primary, Backups),
                (Secondary, Storage),
                (Secondary, Backups),
            ],
        ),
        ("p1=openai/gpt-4.1", &[(Primary, AiProvider)]),
        ("vector_db=self-hosted", &[(Primary, VectorDb), (Secondary, VectorDb)]),
    ];
    for (query, lines) in cases {
        assert_eq!(changed(&priced(query)), lines.to_vec(), "{query}");
    }
    let m = |v: Decimal| Money::new(v);
    assert_eq!(amount(&priced("primary=eu-west-1"), Primary, Compute), m(dec!(624.88)));
    assert_eq!(
        amount(&priced("secondary=eu-central-1"), Secondary, Compute),
        m(dec!(402.96))
    );
    // 122.88 GB × 0.33 + 1 M × 122.88 × 16 / M + 2.4576.
    assert_eq!(amount(&priced("vectors=20000000"), Primary, VectorDb), m(dec!(2009.09)));
    assert_eq!(amount(&priced("data_gb=250"), Primary, Storage), m(dec!(5.75)));
    // 1 M × (400 × 2 + 100 × 8) / M.
    assert_eq!(amount(&priced("p1=openai/gpt-4.1"), Primary, AiProvider), m(dec!(1600)));
    // 24.576 GB × 1.5 = 36.864 GiB → 37 GiB × 0.007875 × 730 + 36.864 GB × 0.115 of disk.
    assert_eq!(
        amount(&priced("vector_db=self-hosted"), Primary, VectorDb),
        m(dec!(216.94))
    );
}

#[test]
fn vector_databases_are_priced_as_they_are_bought() {
    let m = |v: Decimal| Money::new(v);
    // OpenSearch: 24.576 × 1.1229 = 27.596 GiB ÷ 4 GiB a node → 7 × 0.167 × 730.
    let e = priced("vector_db=opensearch");
    assert_eq!(amount(&e, Location::Primary, Item::VectorDb), m(dec!(853.37)));
    // Two replicas double it.
    let e = priced("vector_db=opensearch&vector_replicas=2");
    assert_eq!(amount(&e, Location::Primary, Item::VectorDb), m(dec!(1706.74)));
    // pgvector: 24.576 × 1.33 = 32.686 GiB ÷ 4 → 9 × 0.178 × 730 + 32.68608 × 0.115.
    let e = priced("vector_db=pgvector");
    assert_eq!(amount(&e, Location::Primary, Item::VectorDb), m(dec!(1173.22)));
    // Serverless with few vectors and no traffic pays the plan's minimum.
    let e = priced("vectors=1000&requests=0&vector_writes=0");
    assert_eq!(amount(&e, Location::Primary, Item::VectorDb), m(dec!(50)));
    assert!(line(&e, Location::Primary, Item::VectorDb)
        .how
        .contains("minimum of 50"));
}

#[test]
fn an_offering_or_a_gpu_the_region_does_not_price_is_a_field_error_naming_where_it_is() {
    let catalog = common::catalog();
    let err = link::decode(&catalog, "vector_db=pgvector&secondary=eu-west-1").unwrap_err();
    let text = err.to_string();
    assert!(text.contains("vector_db"), "{text}");
    assert!(
        text.contains("no price in eu-west-1") && text.contains("us-east-1, us-east-2, us-west-2"),
        "{text}"
    );
    let err = link::decode(&catalog, "p2=self-hosted/llama-3.1-8b&secondary=eu-west-1").unwrap_err();
    assert!(err.to_string().contains("p2"), "{err}");
}

#[test]
fn a_self_hosted_fallback_runs_the_gpus_its_load_needs() {
    // 1 M × 100 output tokens ÷ 2,628,000 s = 38.1 tokens/s → 1 GPU at 500 → 0.8048 × 730.
    let gpus = |query: &str| {
        let e = priced(query);
        let line = e
            .dr_plan
            .lines
            .iter()
            .find(|l| l.provider.as_deref() == Some("self-hosted/llama-3.1-8b"));
        line.expect("the self-hosted link's line").monthly
    };
    assert_eq!(gpus("p2=self-hosted/llama-3.1-8b"), Money::new(dec!(587.50)));
    // A hundred times the traffic, 3,805 output tokens a second, needs eight GPUs.
    assert_eq!(
        gpus("p2=self-hosted/llama-3.1-8b&requests=100000000"),
        Money::new(dec!(4700.03))
    );
    // It runs its GPUs all the time: it takes no provisioned amount.
    let err = link::decode(&common::catalog(), "p2=self-hosted/llama-3.1-8b:provisioned:999").unwrap_err();
    assert!(err.to_string().contains("without :provisioned"), "{err}");
}

#[test]
fn the_fallback_costs_its_price_difference_while_it_carries_the_traffic() {
    // Gemini 2.5 Flash serves (400 × 0.30 + 100 × 2.50 = 370 USD per million
    // requests); Claude Sonnet 4.5 takes over (2,700 per million): 2.33 USD a
    // thousand requests more, 1,000,000 ÷ 730 requests an hour.
    let e = priced("p1=google-vertex/gemini-2-5-flash&p2=anthropic/claude-sonnet-4-5");
    let per_hour = Decimal::from(1_000_000) / Decimal::from(730) * dec!(0.00233);
    let row = |id: &str| e.risk.rows.iter().find(|r| r.id == id).unwrap();
    let outage = row("ai_provider_outage");
    let carried = outage.hours_without - outage.hours_with;
    let expected = (outage.events_per_year * carried * outage.impact_share * per_hour).round_dp(2);
    assert_eq!(outage.fallback_cost, Money::new(expected));
    // 2.5 outages a year × (4.37 − 0.08) h × 3.1918 USD an hour.
    assert_eq!(outage.fallback_cost, Money::new(dec!(34.23)));
    let total: Money = e.risk.rows.iter().map(|r| r.fallback_cost).sum();
    assert_eq!(e.risk.fallback_cost, total);
    assert!(row("region_failure").fallback_cost.to_decimal().is_zero());
    // The same model behind another provider costs nothing extra.
    assert!(priced("").risk.fallback_cost.to_decimal().is_zero());
}

#[test]
fn warnings_name_retirements_small_context_windows_and_the_chain_allows_five_links() {
    let e = priced("v=1");
    assert!(
        e.warnings
            .iter()
            .any(|w| w == "p1 openai/gpt-4o is retired by its provider on 2027-01-14: plan its successor before then"),
        "{:?}",
        e.warnings
    );
    let e = priced("input_tokens=40000&p2=self-hosted/mistral-7b");
    assert!(
        e.warnings.iter().any(|w| w.starts_with(
            "p2 self-hosted/mistral-7b has a context window of 32768 tokens, smaller than a request's 40100 tokens"
        )),
        "{:?}",
        e.warnings
    );
    let e = priced("p4=mistral/mistral-large-2411&p5=aws-bedrock/nova-pro");
    assert_eq!(e.dr_plan.lines.iter().filter(|l| l.item == Item::AiProvider).count(), 5);
    let err = link::decode(&common::catalog(), "p6=openai/gpt-4o").unwrap_err();
    assert!(err.to_string().contains("p6"), "{err}");
}

#[test]
fn an_entered_amount_is_marked_and_says_what_the_quantities_would_give() {
    let e = priced("compute_monthly=800");
    let compute = line(&e, Location::Primary, Item::Compute);
    assert!(compute.entered);
    assert_eq!(compute.monthly, Money::from_units(800));
    assert!(
        compute
            .how
            .starts_with("entered: 800.00 USD a month; from the quantities it would be 560.64 USD"),
        "{}",
        compute.how
    );
}

#[test]
fn a_link_of_format_1_reads_against_the_article_example_it_was_made_with() {
    // Before catalog 2026-12 the default was the article's production-tier bill.
    let e = priced("v=1&catalog=2026-11&downtime_cost_per_hour=30000");
    assert_eq!(e.dr_plan.monthly, Money::from_units(7_800));
    assert_eq!(e.break_even.article_hours, dec!(3.12));
}

//! Over 500 lines because it is every test of the share link, one area.
//!
//! Share links: canonical encoding, strict decoding, exact round trips, and
//! the parameter table of docs/share-links.md kept equal to the code's.

// Tests edit a field or two of a default scenario; that reads better than struct-update syntax.
#![allow(clippy::field_reassign_with_default)]

use std::collections::BTreeMap;

use engine::link::{self, PARAMETERS};
use engine::scenario::{
    Backups, Compute, Corpus, Currency, LossMethod, Network, ProviderLink, SimulationSettings, StandbyMode, Storage,
    VectorDb, Workload,
};
use engine::{Catalog, Error, Money, Scenario, Targets};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(Catalog::shipped)
}

/// `encode(edit(default))` is `expected` (after `v=2&catalog=2026-12`).
fn check_encode(edit: impl FnOnce(&mut Scenario), expected: &str) {
    let mut scenario = Scenario::default();
    edit(&mut scenario);
    let link = link::encode(catalog(), &scenario);
    assert_eq!(link, format!("v=2&catalog=2026-12{expected}"));
    let back = link::decode(catalog(), &link).expect("an encoded valid scenario decodes");
    assert_eq!(back.scenario, scenario, "{link}");
}

#[test]
fn the_default_scenario_is_just_the_versions() {
    check_encode(|_| {}, "");
}

#[test]
fn only_changed_values_appear_in_link_order() {
    check_encode(
        |s| s.downtime_cost_per_hour = Money::from_units(30_000),
        "&downtime_cost_per_hour=30000",
    );
    check_encode(
        |s| {
            s.downtime_cost_per_hour = Money::from_units(30_000);
            s.tier = "critical".into();
            s.strategy = "active_active".into();
        },
        "&tier=critical&strategy=active_active&downtime_cost_per_hour=30000",
    );
    check_encode(
        |s| s.name = "Checkout & payments: 50% + tax".into(),
        "&name=Checkout+%26+payments:+50%25+%2B+tax",
    );
    check_encode(
        |s| {
            s.custom_targets = Some(Targets {
                rto_minutes: Decimal::new(25, 1),
                rpo_minutes: Decimal::ZERO,
            })
        },
        "&rto=2.5&rpo=0",
    );
    check_encode(|s| s.providers.truncate(1), "&p2=&p3=");
    check_encode(
        |s| {
            s.providers[2].standby = StandbyMode::Provisioned;
            s.providers[2].provisioned_monthly = Money::from_cents(12_345);
        },
        "&p3=google-vertex/gemini-2-5-flash:provisioned:123.45",
    );
    check_encode(
        |s| s.compute.monthly = Some(Money::from_units(800)),
        "&compute_monthly=800",
    );
    check_encode(|s| s.vector_db.backed_up = false, "&vector_backed_up=false");
    check_encode(
        |s| {
            s.currency = Currency {
                code: "EUR".into(),
                rate_from_usd: Decimal::new(92, 2),
            }
        },
        "&currency=EUR&rate=0.92",
    );
    check_encode(
        |s| {
            s.price_overrides
                .insert("model:openai/gpt-4o:input_per_mtok".into(), Decimal::new(3, 0));
            s.price_overrides
                .insert("region_price:us-east-1/vcpu_hour:price".into(), Decimal::new(5, 2));
        },
        "&price.model:openai/gpt-4o:input_per_mtok=3&price.region_price:us-east-1/vcpu_hour:price=0.05",
    );
}

#[test]
fn the_same_value_written_two_ways_gives_one_link() {
    let mut a = Scenario::default();
    a.downtime_cost_per_hour = Money::new(Decimal::new(2_000_000, 2));
    let mut b = Scenario::default();
    b.downtime_cost_per_hour = Money::from_units(20_000);
    assert_eq!(link::encode(catalog(), &a), link::encode(catalog(), &b));
}

#[test]
fn decoding_accepts_the_first_slice_links_and_a_leading_question_mark() {
    for query in [
        "downtime_cost_per_hour=30000",
        "?downtime_cost_per_hour=30000",
        "v=1&downtime_cost_per_hour=30000&",
    ] {
        let decoded = link::decode(catalog(), query).unwrap();
        assert_eq!(
            decoded.scenario.downtime_cost_per_hour,
            Money::from_units(30_000),
            "{query}"
        );
        assert_eq!(decoded.link_catalog_version, None);
        assert!(decoded.notices.is_empty());
    }
}

#[test]
fn an_older_catalog_version_opens_with_a_notice() {
    let decoded = link::decode(catalog(), "v=1&catalog=2026-08&tier=critical").unwrap();
    assert_eq!(decoded.scenario.tier, "critical");
    assert_eq!(decoded.link_catalog_version.as_deref(), Some("2026-08"));
    assert_eq!(
        decoded.notices,
        ["Prices changed since this link was made: catalog 2026-08 → 2026-12"]
    );
    let current = link::decode(catalog(), "v=2&catalog=2026-12").unwrap();
    assert!(current.notices.is_empty());
}

/// Each bad query gives exactly these (parameter, message) errors, all at once.
#[test]
fn bad_links_name_each_parameter_its_value_and_what_is_allowed() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "downtime_cost_per_hour=lots",
            &[("downtime_cost_per_hour", "\"lots\" is not a number; allowed: 0.01–100,000,000 (USD per hour)")],
        ),
        (
            "downtime_cost_per_hour=-5",
            &[("downtime_cost_per_hour", "\"-5\" must be between 0.01 and 100,000,000 (USD per hour)")],
        ),
        ("requests=1e6", &[("requests", "\"1e6\" is not a whole number; allowed: 0–1,000,000,000,000 (requests per month)")]),
        ("dimensions=99999999999", &[("dimensions", "\"99999999999\" is too large; allowed: 1–65,536 (dimensions)")]),
        ("dimensions=0", &[("dimensions", "\"0\" must be between 1 and 65,536 (dimensions)")]),
        ("vector_backed_up=yes", &[("vector_backed_up", "\"yes\" is not true or false; allowed: true, false")]),
        ("tier=", &[("tier", "\"\" must have between 1 and 64 characters")]),
        ("primary=mars-1", &[("primary", "\"mars-1\" must be a catalog region: us-east-1, us-east-2, us-west-2, eu-west-1, eu-central-1, ap-southeast-1, ap-northeast-1, sa-east-1, me-south-1, af-south-1")]),
        ("secondary=us-east-1", &[("secondary", "\"us-east-1\" must differ from the primary region")]),
        ("p2=openai", &[("p2", "\"openai\" is not provider/model[:standby[:amount]], e.g. azure-openai/gpt-4o:provisioned:500; allowed: a catalog chat model as provider/model; standby pay_per_use or provisioned; amount 0–1,000,000,000")]),
        ("p2=openai/gpt-4o:reserved", &[("p2", "\"openai/gpt-4o:reserved\" has standby \"reserved\"; allowed: pay_per_use, provisioned; allowed: a catalog chat model as provider/model; standby pay_per_use or provisioned; amount 0–1,000,000,000")]),
        ("p2=&p3=openai/gpt-4o", &[("p3", "p2 is empty, so p3 has nothing to follow; fill the chain in order")]),
        ("embedding=openai/gpt-4o", &[("embedding", "\"gpt-4o\" must be an embedding model of openai: text-embedding-3-small, text-embedding-3-large")]),
        ("rpo=10", &[("rto", "rto is needed with rpo=10: custom targets set both RTO and RPO, in minutes")]),
        ("standard_days=0&infrequent_days=0&archive_days=0", &[("standard_days", "\"0\": the retention ladder must keep backups for at least one day on some class")]),
        ("currency=eur", &[("currency", "\"eur\" must be a three-letter ISO 4217 code in capitals, e.g. EUR")]),
        ("price.model:openai/gpt-9:input_per_mtok=1", &[("price.model:openai/gpt-9:input_per_mtok", "\"1\": no model with id openai/gpt-9 in the catalog")]),
        ("price.unit:x=1", &[("price.unit:x", "\"1\": a price override key must be kind:id:field with kind one of region, region_price, transfer, model, storage, vector_db, strategy")]),
        ("name=%E9", &[("name", "\"%E9\" is not UTF-8 text once percent-decoded; allowed: up to 200 characters, no control characters")]),
        ("name=50%", &[("name", "\"50%\" has a % that is not followed by two hex digits; allowed: up to 200 characters, no control characters")]),
        ("name=a%1Bb", &[("name", "\"a\\u{1b}b\": contains U+001B, a control character; text may not contain control characters (U+0000–U+001F, U+007F–U+009F) or noncharacters (U+FDD0–U+FDEF, and U+FFFE and U+FFFF in every plane)")]),
        ("v=3", &[("v", "\"3\" is not a link format this drplan reads; it reads v=2")]),
        ("catalog=", &[("catalog", "\"\" is empty; it names a catalog version such as 2026-11")]),
        ("tier=basic&tier=basic", &[("tier", "tier is given twice; a link names each parameter once")]),
        ("Tier=basic", &[("Tier", "Tier is not a link parameter (did you mean tier?); the parameters are listed in docs/share-links.md")]),
        (
            "zzz=1&tier=gold&requests=-1",
            &[
                ("tier", "\"gold\" must be a catalog tier: critical, production, standard, basic"),
                ("requests", "\"-1\" is not a whole number; allowed: 0–1,000,000,000,000 (requests per month)"),
                ("zzz", "zzz is not a link parameter; the parameters are listed in docs/share-links.md"),
            ],
        ),
    ];
    let mut mismatches = Vec::new();
    for (query, expected) in cases {
        let errors = match link::decode(catalog(), query) {
            Err(Error::Invalid(errors)) => errors,
            other => panic!("{query}: expected field errors, got {other:?}"),
        };
        let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.message.as_str())).collect();
        if &got != expected {
            mismatches.push(format!("{query}:\n  got      {got:?}\n  expected {expected:?}"));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn every_parameter_name_is_unique_and_decodes_its_own_default() {
    let default = Scenario::default();
    let mut names: Vec<&str> = PARAMETERS.iter().map(|p| p.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), PARAMETERS.len());
    for p in PARAMETERS {
        let query = format!(
            "{}={}",
            p.name,
            p.value(&default)
                .replace('%', "%25")
                .replace('&', "%26")
                .replace(' ', "+")
        );
        let decoded = link::decode(catalog(), &query).unwrap_or_else(|e| panic!("{query}: {e}"));
        assert_eq!(decoded.scenario, default, "{query}");
    }
}

/// The parameter table of docs/share-links.md, as the code defines it.
fn parameter_table() -> String {
    let default = Scenario::default();
    let mut table = String::from("| parameter | unit | default | allowed | what |\n|---|---|---|---|---|\n");
    for p in PARAMETERS {
        let value = p.value(&default);
        let value = if value.is_empty() {
            "(empty)".to_owned()
        } else {
            format!("`{value}`")
        };
        let unit = if p.unit().is_empty() { "—" } else { p.unit() };
        table.push_str(&format!(
            "| `{}` | {unit} | {value} | {} | {} |\n",
            p.name,
            p.allowed(),
            p.about
        ));
    }
    table
}

/// The markers around the parameter table in docs/share-links.md.
const TABLE_BEGIN: &str =
    "<!-- parameters:begin (written from engine::link::PARAMETERS by engine/tests/it/link.rs) -->\n";
const TABLE_END: &str = "<!-- parameters:end -->\n";

/// The table is written from the code: when it is stale the test rewrites
/// docs/share-links.md and fails once, so the fix is to commit the file.
#[test]
fn docs_share_links_md_lists_every_parameter_as_the_code_defines_it() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/share-links.md");
    let docs = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (Some(begin), Some(end)) = (docs.find(TABLE_BEGIN), docs.find(TABLE_END)) else {
        panic!("docs/share-links.md has lost its markers {TABLE_BEGIN:?} and {TABLE_END:?} around the parameter table");
    };
    let updated = format!("{}{TABLE_BEGIN}{}{}", &docs[..begin], parameter_table(), &docs[end..]);
    drplan_tests::ensure_file_contents(&path, &updated);
}

// ---- Round trips ----

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=12).prop_map(|(n, scale)| Decimal::new(n, scale))
}

fn money() -> impl Strategy<Value = Money> {
    decimal().prop_map(Money::new)
}

fn provider() -> impl Strategy<Value = ProviderLink> {
    (any::<String>(), any::<String>(), any::<bool>(), money()).prop_map(|(provider, model, provisioned, amount)| {
        ProviderLink {
            provider,
            model,
            standby: if provisioned {
                StandbyMode::Provisioned
            } else {
                StandbyMode::PayPerUse
            },
            provisioned_monthly: amount,
        }
    })
}

prop_compose! {
    /// Any scenario at all: every string, number and option, valid or not.
    fn any_scenario()(
        (name, tier, custom, primary_region, secondary_region, providers, failover) in (
            any::<String>(), any::<String>(), proptest::option::of((decimal(), decimal())),
            any::<String>(), any::<String>(), proptest::collection::vec(provider(), 1..=5), any::<u32>(),
        ),
        (workload, compute) in (
            (any::<u64>(), any::<u32>(), any::<u32>(), proptest::option::of(money())),
            (any::<u32>(), proptest::option::of(money()), proptest::option::of(money()), any::<u32>()),
        ),
        (vector_db, storage) in (
            (proptest::option::of(decimal()), any::<u64>(), any::<u32>(), proptest::option::of(money()), proptest::option::of(money()), any::<bool>(), any::<String>(), any::<u64>(), any::<u32>()),
            (decimal(), any::<String>(), proptest::option::of(money()), proptest::option::of(money())),
        ),
        corpus in (any::<u64>(), any::<u32>(), any::<String>(), any::<String>(), proptest::option::of(any::<u64>())),
        backups in ((any::<u32>(), any::<u32>(), any::<u32>(), any::<u32>()), (any::<String>(), any::<String>(), any::<String>(), decimal())),
        network in (money(), decimal(), proptest::option::of(money()), decimal(), proptest::option::of(money()), decimal()),
        (monitoring, downtime, code, rate, strategy, fraction) in (money(), money(), any::<String>(), decimal(), any::<String>(), decimal()),
        price_overrides in proptest::collection::btree_map(any::<String>(), decimal(), 0..4),
        (monte_carlo, years, seed) in (any::<bool>(), any::<u32>(), any::<u64>()),
    ) -> Scenario {
        Scenario {
            name,
            tier,
            custom_targets: custom.map(|(rto_minutes, rpo_minutes)| Targets { rto_minutes, rpo_minutes }),
            primary_region,
            secondary_region,
            providers,
            provider_failover_minutes: failover,
            workload: Workload {
                monthly_requests: workload.0,
                input_tokens_per_request: workload.1,
                output_tokens_per_request: workload.2,
                monthly_spend: workload.3,
            },
            compute: Compute { vcpus: compute.0, monthly: compute.1, secondary_monthly: compute.2, provision_minutes: compute.3 },
            vector_db: VectorDb {
                offering: vector_db.6,
                monthly_writes: vector_db.7,
                replicas: vector_db.8,
                size_gb: vector_db.0,
                vectors: vector_db.1,
                dimensions: vector_db.2,
                monthly: vector_db.3,
                secondary_monthly: vector_db.4,
                backed_up: vector_db.5,
            },
            storage: Storage { data_gb: storage.0, class: storage.1, monthly: storage.2, secondary_monthly: storage.3 },
            corpus: Corpus {
                documents: corpus.0,
                tokens_per_document: corpus.1,
                embedding_provider: corpus.2,
                embedding_model: corpus.3,
                tokens_per_minute: corpus.4,
            },
            backups: Backups {
                snapshot_interval_minutes: backups.0 .0,
                standard_days: backups.0 .1,
                infrequent_days: backups.0 .2,
                archive_days: backups.0 .3,
                standard_class: backups.1 .0,
                infrequent_class: backups.1 .1,
                archive_class: backups.1 .2,
                restore_gb_per_hour: backups.1 .3,
            },
            network: Network {
                primary_monthly: network.0,
                cross_region_gb: network.1,
                cross_region_monthly: network.2,
                replication_gb: network.3,
                replication_monthly: network.4,
                replication_lag_minutes: network.5,
            },
            monitoring_monthly: monitoring,
            downtime_cost_per_hour: downtime,
            currency: Currency { code, rate_from_usd: rate },
            strategy,
            standby_fraction: fraction,
            price_overrides,
            simulation: SimulationSettings {
                method: if monte_carlo { LossMethod::MonteCarlo } else { LossMethod::Exact },
                years,
                seed,
            },
        }
    }
}

fn ids(list: Vec<&str>) -> impl Strategy<Value = String> {
    proptest::sample::select(list.into_iter().map(str::to_owned).collect::<Vec<_>>())
}

prop_compose! {
    /// A valid scenario: catalog ids, values in range.
    fn valid_scenario()(
        tier in ids(vec!["critical", "production", "standard", "basic"]),
        strategy in ids(vec!["backup_restore", "pilot_light", "warm_standby", "active_passive", "active_active"]),
        (primary, secondary) in ids(vec!["us-east-1", "eu-west-1", "ap-southeast-1"]).prop_flat_map(|p| {
            let others: Vec<&str> = ["us-west-2", "eu-central-1", "sa-east-1"].to_vec();
            (Just(p), ids(others))
        }),
        chain in 1usize..=3,
        provisioned in 0i64..=100_000_000,
        name in "\\PC{0,40}",
        downtime in 1i64..=10_000_000_000,
        requests in 0u64..=10_000_000_000,
        compute in proptest::option::of(0i64..=100_000_000),
        fraction in 0i64..=100,
        rate in 1i64..=1_000_000,
        custom in proptest::option::of((0i64..=5_256_000, 0i64..=5_256_000)),
        price in proptest::option::of(0i64..=100_000),
    ) -> Scenario {
        let mut s = Scenario::default();
        s.tier = tier;
        s.strategy = strategy;
        s.primary_region = primary;
        s.secondary_region = secondary;
        s.providers.truncate(chain);
        s.providers[0].provisioned_monthly = Money::from_cents(provisioned);
        s.name = name;
        s.downtime_cost_per_hour = Money::from_cents(downtime);
        s.workload.monthly_requests = requests;
        s.compute.monthly = compute.map(Money::from_cents);
        s.standby_fraction = Decimal::new(fraction, 2);
        s.currency = Currency { code: "CHF".into(), rate_from_usd: Decimal::new(rate, 4) };
        s.custom_targets = custom.map(|(rto, rpo)| Targets { rto_minutes: Decimal::new(rto, 1), rpo_minutes: Decimal::new(rpo, 1) });
        if let Some(price) = price {
            s.price_overrides.insert("model:openai/gpt-4o:input_per_mtok".into(), Decimal::new(price, 3));
        }
        s
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every field of any scenario survives scenario → link → scenario,
    /// whatever its text holds (`&`, `=`, `%`, `/`, `:`, any Unicode).
    #[test]
    fn any_scenario_round_trips_through_its_link(scenario in any_scenario()) {
        let link = link::encode(catalog(), &scenario);
        let back = link::parse(&link).map_err(|e| TestCaseError::fail(format!("{link}: {e}")))?;
        prop_assert_eq!(&back.scenario, &scenario, "{}", link);
        // Canonical: the decoded scenario gives the same link again.
        prop_assert_eq!(link::encode(catalog(), &back.scenario), link);
    }

    /// A valid scenario also passes strict decoding, validation included.
    #[test]
    fn a_valid_scenario_decodes_to_itself(scenario in valid_scenario()) {
        let link = link::encode(catalog(), &scenario);
        let back = link::decode(catalog(), &link).map_err(|e| TestCaseError::fail(format!("{link}: {e}")))?;
        prop_assert_eq!(back.scenario, scenario);
        prop_assert!(back.notices.is_empty());
    }

    /// Decoding never panics, whatever the query.
    #[test]
    fn decoding_any_text_gives_a_scenario_or_field_errors(query in "\\PC{0,80}|([a-z_.:%0-9]{0,12}=[%A-F0-9a-z+&=]{0,12}&?){0,6}") {
        match link::decode(catalog(), &query) {
            Ok(_) => {}
            Err(Error::Invalid(errors)) => prop_assert!(!errors.is_empty()),
            Err(other) => prop_assert!(false, "{query}: {other}"),
        }
    }
}

#[test]
fn price_overrides_of_any_key_survive() {
    let mut s = Scenario::default();
    s.price_overrides = BTreeMap::from([("a&b=c%d e+f".to_owned(), Decimal::ONE)]);
    let link = link::encode(catalog(), &s);
    assert_eq!(link, "v=2&catalog=2026-12&price.a%26b%3Dc%25d+e%2Bf=1");
    assert_eq!(link::parse(&link).unwrap().scenario, s);
}

/// CPU seconds this thread spends in `f`, from /proc/thread-self/stat, so a
/// busy machine (the tests share two cores with builds) does not count.
fn cpu_seconds<T>(f: impl FnOnce() -> T) -> (T, f64) {
    fn ticks() -> Option<u64> {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
        // Fields after the command name: state is the 3rd of the line, utime the 14th, stime the 15th.
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
    }
    let wall = std::time::Instant::now();
    let before = ticks();
    let out = f();
    let seconds = match (before, ticks()) {
        // Linux counts in ticks of 1/100 s (USER_HZ).
        (Some(b), Some(a)) => (a - b) as f64 / 100.0,
        _ => wall.elapsed().as_secs_f64(),
    };
    (out, seconds)
}

/// Found by the link_decode fuzzer: a 4 KB unknown name took 85 ms under
/// its instrumentation, the distance to every parameter name each costing
/// the name's length; a megabyte took 22 s in a debug build.
#[test]
fn a_long_unknown_name_is_answered_in_time_linear_in_its_length() {
    let query = format!("{}=1", "x".repeat(1_000_000));
    let (result, took) = cpu_seconds(|| link::parse(&query));
    assert!(took < 2.0, "{took} s");
    let Err(Error::Invalid(errors)) = result else {
        panic!("an unknown name is an error")
    };
    assert!(errors[0]
        .message
        .ends_with("x is not a link parameter; the parameters are listed in docs/share-links.md"));
    // The hints are unchanged: a typo, and the start of a longer name.
    for (name, hint) in [
        ("tierr", "tier"),
        ("downtime", "downtime_cost_per_hour"),
        ("catalgo", "catalog"),
    ] {
        let Err(Error::Invalid(errors)) = link::parse(&format!("{name}=1")) else {
            panic!("{name}")
        };
        assert!(
            errors[0].message.contains(&format!("(did you mean {hint}?)")),
            "{}",
            errors[0].message
        );
    }
}

/// Seen while profiling the link_decode fuzzer (its inputs are too short to
/// show it): checking a link's parameters for repeats and sorting the errors
/// took time in the square of their number.
#[test]
fn many_parameters_are_read_in_time_near_linear_in_their_number() {
    let query: Vec<String> = (0..50_000).map(|i| format!("q{i}=1")).collect();
    let query = format!("{}&q7=2", query.join("&"));
    let (result, took) = cpu_seconds(|| link::parse(&query));
    // About 1.3 s in a debug build; 18 s when it was quadratic.
    assert!(took < 6.0, "{took} s");
    let Err(Error::Invalid(errors)) = result else {
        panic!("unknown names are errors")
    };
    assert_eq!(errors.len(), 50_001);
    assert!(errors
        .iter()
        .any(|e| e.message == "q7 is given twice; a link names each parameter once"));
}

/// A link carries its catalog version: made with a released catalog this
/// build still has, it is priced with that catalog, says so, and keeps its
/// version; re-encoded with the current catalog it takes today's prices.
#[test]
fn a_link_is_priced_with_the_released_catalog_it_was_made_with() {
    let mut files = engine::CatalogFiles::shipped();
    let meta = files.get("meta.csv").unwrap().replace("2026-12,USD", "2027-01,USD");
    files.insert("meta.csv", meta);
    let prices =
        files
            .get("region_prices.csv")
            .unwrap()
            .replacen("us-east-1,vcpu_hour,0.048,", "us-east-1,vcpu_hour,0.05,", 1);
    files.insert("region_prices.csv", prices);
    let current = engine::Catalog::from_files(&files).unwrap();
    assert_eq!(current.version(), "2027-01");
    let compute = |r: &engine::Report| {
        r.estimate
            .dr_plan
            .lines
            .iter()
            .find(|l| l.item == engine::Item::Compute)
            .unwrap()
            .monthly
    };

    let then = link::decode(&current, "v=2&catalog=2026-12").unwrap();
    assert_eq!(then.priced_with.map(|c| c.version()), Some("2026-12"));
    assert_eq!(
        then.notices,
        ["Priced with catalog 2026-12, as when this link was made; the current catalog is 2027-01: re-price with it to see today's prices"]
    );
    let report = engine::Report::new(&current, then.clone()).unwrap();
    assert_eq!(
        compute(&report),
        Money::new(Decimal::new(56064, 2)),
        "16 × 0.048 × 730, as it was"
    );
    assert_eq!(report.estimate.catalog_version, "2026-12");
    assert_eq!(report.share_link, "/?v=2&catalog=2026-12");

    let now = link::decode(&current, &link::encode(&current, &then.scenario)).unwrap();
    assert!(now.priced_with.is_none());
    let report = engine::Report::new(&current, now).unwrap();
    assert_eq!(
        compute(&report),
        Money::new(Decimal::new(58400, 2)),
        "16 × 0.05 × 730 today"
    );

    // 2026-11 predates per-region prices: read with today's catalog, with a notice.
    let old = link::decode(&current, "v=1&catalog=2026-11").unwrap();
    assert!(old.priced_with.is_none());
    assert_eq!(
        old.notices,
        ["Prices changed since this link was made: catalog 2026-11 → 2027-01"]
    );
}

#[test]
fn the_current_catalog_is_byte_for_byte_its_released_copy() {
    let shipped = engine::CatalogFiles::shipped();
    let version = Catalog::from_files(&shipped).unwrap().version().to_owned();
    let (_, released) = engine::catalog::history::released()
        .into_iter()
        .find(|(v, _)| *v == version)
        .expect("the current version is released in data/versions/");
    for name in engine::catalog::FILE_NAMES {
        assert_eq!(
            shipped.get(name),
            released.get(name),
            "data/{name} differs from data/versions/{version}/{name}"
        );
    }
}

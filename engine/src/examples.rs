//! The named examples a user starts from: the article's two worked bills,
//! whose hand-entered amounts reproduce its figures, and drplan's default,
//! which is described by quantities only. The tests keep the article's
//! figures pinned; the page lists them under "Start from an example".

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::money::Money;
use crate::scenario::{
    Backups, Compute, Corpus, Currency, Network, ProviderLink, Scenario, SimulationSettings, StandbyMode, Storage,
    VectorDb, Workload,
};

/// A named starting scenario.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    /// Short id, e.g. `article-production-tier`.
    pub id: &'static str,
    /// What a user sees in the menu.
    pub title: &'static str,
    /// What it shows and where its figures come from.
    pub about: &'static str,
    /// The scenario.
    pub scenario: fn() -> Scenario,
}

/// Every example, the default first.
pub const EXAMPLES: [Example; 3] = [
    Example {
        id: "quantities",
        title: "An AI assistant described by quantities (the default)",
        about: "Every line derived from catalog prices: vCPUs, vectors, GB, requests and tokens.",
        scenario: Scenario::default,
    },
    Example {
        id: "article-production-tier",
        title: "The article's production-tier bill (Part 1.1)",
        about: "Hand-entered amounts: 7,800 a month, 93,600 a year, break-even 6.24 h in the article's convention.",
        scenario: production_tier,
    },
    Example {
        id: "article-cost-optimization",
        title: "The article's full versus optimized DR (Part 6.1)",
        about:
            "Hand-entered amounts: 7,300 without DR, 11,800 full DR, 8,200 at a 20 % standby, saving 3,600 (30.5 %).",
        scenario: cost_optimization,
    },
];

/// An example by id.
pub fn example(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

/// "Disaster Recovery & Failover Strategies for AI Services", Part 1.1, "Real
/// Cost Example (Production Tier)": us-east-1 with an eu-west-1 secondary;
/// compute 800, vector DB 1,200, storage 300 per region, entered; OpenAI
/// 2,000 (1 M requests of 400 + 100 tokens on GPT-4o); Azure OpenAI
/// provisioned at 500; cross-region transfer 400, replication 200 (entered),
/// monitoring 100; downtime 15,000 an hour. 7,800 a month, 93,600 a year,
/// 6.24 hours in the article's break-even convention. It was drplan's
/// default until catalog 2026-12, so links of format v=1 are read against it.
/// Written out in full, not as edits of [`Scenario::default`], on purpose:
/// a later change to the default must not change what an old link means.
pub fn production_tier() -> Scenario {
    Scenario {
        name: "Production tier example".to_owned(),
        tier: "production".to_owned(),
        custom_targets: None,
        primary_region: "us-east-1".to_owned(),
        secondary_region: "eu-west-1".to_owned(),
        providers: vec![
            ProviderLink {
                provider: "openai".to_owned(),
                model: "gpt-4o".to_owned(),
                standby: StandbyMode::PayPerUse,
                provisioned_monthly: Money::ZERO,
            },
            ProviderLink {
                provider: "azure-openai".to_owned(),
                model: "gpt-4o".to_owned(),
                standby: StandbyMode::Provisioned,
                provisioned_monthly: Money::from_units(500),
            },
            ProviderLink {
                provider: "anthropic".to_owned(),
                model: "claude-sonnet-4-5".to_owned(),
                standby: StandbyMode::PayPerUse,
                provisioned_monthly: Money::ZERO,
            },
        ],
        provider_failover_minutes: 5,
        workload: Workload {
            monthly_requests: 1_000_000,
            input_tokens_per_request: 400,
            output_tokens_per_request: 100,
            monthly_spend: None,
        },
        compute: Compute {
            vcpus: 16,
            monthly: Some(Money::from_units(800)),
            secondary_monthly: Some(Money::from_units(800)),
            provision_minutes: 15,
        },
        vector_db: VectorDb {
            offering: "pinecone-serverless".to_owned(),
            monthly_writes: 100_000,
            replicas: 1,
            size_gb: None,
            vectors: 4_000_000,
            dimensions: 1_536,
            monthly: Some(Money::from_units(1_200)),
            secondary_monthly: Some(Money::from_units(1_200)),
            backed_up: true,
        },
        storage: Storage {
            data_gb: Decimal::from(500),
            class: "s3-standard".to_owned(),
            monthly: Some(Money::from_units(300)),
            secondary_monthly: Some(Money::from_units(300)),
        },
        corpus: Corpus {
            documents: 400_000,
            tokens_per_document: 5_000,
            embedding_provider: "openai".to_owned(),
            embedding_model: "text-embedding-3-small".to_owned(),
            tokens_per_minute: None,
        },
        backups: Backups {
            snapshot_interval_minutes: 60,
            standard_days: 1,
            infrequent_days: 7,
            archive_days: 90,
            standard_class: "s3-standard".to_owned(),
            infrequent_class: "s3-standard-ia".to_owned(),
            archive_class: "s3-glacier-flexible".to_owned(),
            restore_gb_per_hour: Decimal::from(100),
        },
        network: Network {
            primary_monthly: Money::ZERO,
            cross_region_gb: Decimal::from(20_000),
            cross_region_monthly: Some(Money::from_units(400)),
            replication_gb: Decimal::from(10_000),
            replication_monthly: Some(Money::from_units(200)),
            replication_lag_minutes: Decimal::from(5),
        },
        monitoring_monthly: Money::from_units(100),
        downtime_cost_per_hour: Money::from_units(15_000),
        currency: Currency::default(),
        strategy: "active_passive".to_owned(),
        standby_fraction: Decimal::new(2, 1),
        price_overrides: BTreeMap::new(),
        simulation: SimulationSettings::default(),
    }
}

/// "Disaster Recovery & Failover Strategies for AI Services", Part 6.1, the
/// DR cost optimization table: compute 2,000, vector DB 1,500, AI 3,000,
/// storage 500, network 300 in production; full DR doubles the regional
/// layers with 500 of replication (11,800); at a 20 % standby every layer
/// and the replication shrink to a fifth (8,200), saving 3,600 (30.5 %).
pub fn cost_optimization() -> Scenario {
    let mut s = production_tier();
    s.name = "Full versus optimized DR".to_owned();
    s.compute.monthly = Some(Money::from_units(2_000));
    s.compute.secondary_monthly = None;
    s.vector_db.monthly = Some(Money::from_units(1_500));
    s.vector_db.secondary_monthly = None;
    s.storage.monthly = Some(Money::from_units(500));
    s.storage.secondary_monthly = None;
    s.workload.monthly_spend = Some(Money::from_units(3_000));
    for link in &mut s.providers[1..] {
        link.standby = StandbyMode::PayPerUse;
        link.provisioned_monthly = Money::ZERO;
    }
    s.network.primary_monthly = Money::from_units(300);
    s.network.cross_region_monthly = Some(Money::ZERO);
    s.network.replication_monthly = Some(Money::from_units(500));
    s.monitoring_monthly = Money::ZERO;
    s.strategy = "warm_standby".to_owned();
    s.standby_fraction = Decimal::new(2, 1);
    s
}

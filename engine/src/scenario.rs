//! The scenario: everything an architect knows when sizing DR, with units, defaults and ranges.
//!
//! All money inputs are in the catalog's currency (USD); the reporting
//! currency is applied to outputs only. Decimals (and [`Money`]) serialize as
//! strings, so a scenario round-trips through JSON exactly. Ranges are defined
//! once, in the share-link parameter table (`crate::link::PARAMETERS`), and
//! checked by [`crate::validate`]; each field's doc names its range.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Money;

/// A DR planning scenario. `Scenario::default()` is the production-tier
/// example of "Disaster Recovery & Failover Strategies for AI Services", Part 1.1,
/// "Real Cost Example (Production Tier)" (7,800 a month, break-even 6.24 hours).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Free text shown in reports; up to 200 characters.
    pub name: String,
    /// Service tier id from the catalog (`critical`, `production`, `standard`, `basic`).
    pub tier: String,
    /// Custom RTO/RPO targets; when present they replace the tier's.
    pub custom_targets: Option<Targets>,
    /// Primary region id from the catalog.
    pub primary_region: String,
    /// Secondary (DR) region id from the catalog; must differ from the primary.
    pub secondary_region: String,
    /// The AI provider chain in failover order: the primary, then up to four fallbacks (1–5 links).
    pub providers: Vec<ProviderLink>,
    /// Minutes to detect a provider failure and move traffic to the next link (0–1,440).
    pub provider_failover_minutes: u32,
    /// Traffic on the primary provider.
    pub workload: Workload,
    /// Application compute.
    pub compute: Compute,
    /// The vector database.
    pub vector_db: VectorDb,
    /// Primary object/data storage.
    pub storage: Storage,
    /// The corpus behind the vector index, for re-embedding.
    pub corpus: Corpus,
    /// Snapshots and the retention ladder.
    pub backups: Backups,
    /// Production and cross-region network.
    pub network: Network,
    /// DR monitoring (cross-region health checks, dashboards), USD per month, 0–1,000,000,000.
    pub monitoring_monthly: Money,
    /// Cost of one hour of downtime, USD, at least 0.01 and at most 100,000,000.
    pub downtime_cost_per_hour: Money,
    /// Reporting currency for every money figure out.
    pub currency: Currency,
    /// The chosen DR strategy id from the catalog.
    pub strategy: String,
    /// Share of a full copy that warm standby keeps running (0–1; 0.2 = 20 %).
    pub standby_fraction: Decimal,
    /// Catalog price overrides, `kind:id:field` → value (see [`crate::Catalog::with_overrides`]).
    pub price_overrides: BTreeMap<String, Decimal>,
    /// How the annual-loss distribution is computed (exact, or Monte Carlo
    /// with years and seed); absent in JSON = the defaults.
    #[serde(default)]
    pub simulation: SimulationSettings,
}

/// How [`crate::simulate`] computes the annual-loss distribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct SimulationSettings {
    /// `exact` (default): the compound Poisson aggregate by FFT, no sampling
    /// noise; `monte_carlo`: `years` simulated years from `seed`.
    pub method: LossMethod,
    /// Monte Carlo: simulated years, 1,000–100,000 (default 10,000): the
    /// standard error of the mean falls with the square root of the years.
    pub years: u32,
    /// Monte Carlo: seed of the random stream, any whole number
    /// 0–18,446,744,073,709,551,615 (default 1): the same seed gives the same figures.
    pub seed: u64,
}

impl Default for SimulationSettings {
    /// Exact; for Monte Carlo, 10,000 years from seed 1.
    fn default() -> SimulationSettings {
        SimulationSettings {
            method: LossMethod::Exact,
            years: 10_000,
            seed: 1,
        }
    }
}

/// How the annual-loss distribution is computed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LossMethod {
    /// The compound Poisson aggregate computed by FFT on a money grid (see `docs/methodology.md`).
    #[default]
    Exact,
    /// Simulated years of the same model, drawn from a seeded stream.
    MonteCarlo,
}

/// Recovery targets in minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// Recovery time objective, minutes, 0–525,600 (one year).
    pub rto_minutes: Decimal,
    /// Recovery point objective, minutes, 0–525,600.
    pub rpo_minutes: Decimal,
}

/// How a provider in the chain stands by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StandbyMode {
    /// Costs nothing until traffic moves to it.
    #[default]
    PayPerUse,
    /// Reserved or warm capacity: a fixed monthly amount.
    Provisioned,
}

/// One link of the AI provider chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProviderLink {
    /// Provider id from the catalog, e.g. `openai`.
    pub provider: String,
    /// Model id of that provider, e.g. `gpt-4o`.
    pub model: String,
    /// How it stands by (ignored for the first link, which serves traffic).
    pub standby: StandbyMode,
    /// Fixed USD per month when provisioned, 0–1,000,000,000.
    pub provisioned_monthly: Money,
}

/// Traffic on the primary AI provider.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Workload {
    /// Requests per month, 0–1,000,000,000,000.
    pub monthly_requests: u64,
    /// Input tokens per request, 0–10,000,000.
    pub input_tokens_per_request: u32,
    /// Output tokens per request, 0–10,000,000.
    pub output_tokens_per_request: u32,
    /// Monthly AI spend entered directly (USD, 0–1,000,000,000); replaces the
    /// figure derived from requests and token prices.
    pub monthly_spend: Option<Money>,
}

/// Application compute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Compute {
    /// vCPUs running at the primary, 0–1,000,000 (cost basis when `monthly` is absent).
    pub vcpus: u32,
    /// Primary monthly cost entered directly (USD, 0–1,000,000,000).
    pub monthly: Option<Money>,
    /// Secondary monthly cost under the chosen strategy, entered directly (USD, 0–1,000,000,000).
    pub secondary_monthly: Option<Money>,
    /// Minutes to provision full capacity from nothing on failover, 0–10,080.
    pub provision_minutes: u32,
}

/// The vector database.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VectorDb {
    /// How it is bought: a vector database offering id from the catalog
    /// (`pinecone-serverless`, `opensearch`, `pgvector`, `self-hosted`).
    pub offering: String,
    /// Vectors written (upserted) a month, 0–100,000,000,000: write units of a serverless offering.
    pub monthly_writes: u64,
    /// Copies of a node-sized index (cluster, PostgreSQL, self-hosted), 1–10; serverless ignores it.
    pub replicas: u32,
    /// Index size in GB, 0–1,000,000; when absent it is vectors × dimensions × 4 bytes.
    pub size_gb: Option<Decimal>,
    /// Number of vectors, 0–100,000,000,000.
    pub vectors: u64,
    /// Dimensions per vector, 1–65,536.
    pub dimensions: u32,
    /// Primary monthly cost entered directly (USD, 0–1,000,000,000).
    pub monthly: Option<Money>,
    /// Secondary monthly cost under the chosen strategy, entered directly.
    pub secondary_monthly: Option<Money>,
    /// Whether the index is in the backups (else it must be re-embedded after a loss).
    pub backed_up: bool,
}

/// Primary data storage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Storage {
    /// Data volume in GB, 0–1,000,000.
    pub data_gb: Decimal,
    /// Storage class id from the catalog for the live data.
    pub class: String,
    /// Primary monthly cost entered directly (USD, 0–1,000,000,000), backups included.
    pub monthly: Option<Money>,
    /// Secondary monthly cost under the chosen strategy, entered directly.
    pub secondary_monthly: Option<Money>,
}

/// The corpus behind the vector index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Corpus {
    /// Number of documents, 0–10,000,000,000.
    pub documents: u64,
    /// Tokens per document, 0–10,000,000.
    pub tokens_per_document: u32,
    /// Embedding provider id from the catalog.
    pub embedding_provider: String,
    /// Embedding model id (an `embedding` model of that provider).
    pub embedding_model: String,
    /// Rate limit in tokens per minute, 1–1,000,000,000; absent = the catalog's default for the model.
    pub tokens_per_minute: Option<u64>,
}

/// Snapshots and the retention ladder (the storage tiering of the article's Part 6.1:
/// 1 day standard, 7 days infrequent, 90 days archive).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Backups {
    /// Minutes between snapshots, 1 minute to 7 days (1–10,080).
    pub snapshot_interval_minutes: u32,
    /// Days on the standard class, 0–3,650.
    pub standard_days: u32,
    /// Days on the infrequent-access class, 0–3,650.
    pub infrequent_days: u32,
    /// Days on the archive class, 0–3,650.
    pub archive_days: u32,
    /// Storage class id for the standard rung.
    pub standard_class: String,
    /// Storage class id for the infrequent rung.
    pub infrequent_class: String,
    /// Storage class id for the archive rung.
    pub archive_class: String,
    /// Restore throughput in GB per hour, at least 0.001 and at most 1,000,000.
    pub restore_gb_per_hour: Decimal,
}

/// Production and cross-region network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// Production network at the primary (egress, load balancers), USD per month, 0–1,000,000,000.
    pub primary_monthly: Money,
    /// GB per month crossing between the regions (besides replication), 0–1,000,000,000.
    pub cross_region_gb: Decimal,
    /// Cross-region data transfer entered directly (USD per month).
    pub cross_region_monthly: Option<Money>,
    /// GB per month that full replication moves to the secondary, 0–1,000,000,000.
    pub replication_gb: Decimal,
    /// Full replication entered directly (USD per month); strategies scale it.
    pub replication_monthly: Option<Money>,
    /// Asynchronous replication lag in minutes (the RPO of async strategies), 0–10,080.
    pub replication_lag_minutes: Decimal,
}

/// Reporting currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Currency {
    /// ISO 4217 code, three capital letters, e.g. `EUR`.
    pub code: String,
    /// Units of this currency per USD, greater than 0 and at most 1,000,000.
    pub rate_from_usd: Decimal,
}

impl Default for Currency {
    /// US dollars at 1.0.
    fn default() -> Currency {
        Currency {
            code: "USD".to_owned(),
            rate_from_usd: Decimal::ONE,
        }
    }
}

impl Default for Scenario {
    /// An AI assistant described by quantities, every cost line derived from
    /// catalog prices (drplan's own example, not the article's): us-east-1
    /// with a us-west-2 secondary; Claude Sonnet 4.5 on Anthropic, then on
    /// Amazon Bedrock, then Gemini 2.5 Flash on Vertex AI, both fallbacks
    /// pay-per-use; 1 M requests of 400 + 100 tokens a month; 16 vCPU;
    /// 4 M × 1,536-dimension vectors on Pinecone serverless; 500 GB of data;
    /// 2,000 GB a month across regions and 1,000 GB of replication;
    /// monitoring 100 and downtime 15,000 an hour. The article's worked
    /// examples are [`crate::examples`].
    fn default() -> Scenario {
        Scenario {
            name: "Support assistant (from quantities)".to_owned(),
            tier: "production".to_owned(),
            custom_targets: None,
            primary_region: "us-east-1".to_owned(),
            secondary_region: "us-west-2".to_owned(),
            providers: vec![
                ProviderLink {
                    provider: "anthropic".to_owned(),
                    model: "claude-sonnet-4-5".to_owned(),
                    standby: StandbyMode::PayPerUse,
                    provisioned_monthly: Money::ZERO,
                },
                ProviderLink {
                    provider: "aws-bedrock".to_owned(),
                    model: "claude-sonnet-4-5".to_owned(),
                    standby: StandbyMode::PayPerUse,
                    provisioned_monthly: Money::ZERO,
                },
                ProviderLink {
                    provider: "google-vertex".to_owned(),
                    model: "gemini-2-5-flash".to_owned(),
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
                monthly: None,
                secondary_monthly: None,
                provision_minutes: 15,
            },
            vector_db: VectorDb {
                offering: "pinecone-serverless".to_owned(),
                monthly_writes: 100_000,
                replicas: 1,
                size_gb: None,
                vectors: 4_000_000,
                dimensions: 1_536,
                monthly: None,
                secondary_monthly: None,
                backed_up: true,
            },
            storage: Storage {
                data_gb: Decimal::from(500),
                class: "s3-standard".to_owned(),
                monthly: None,
                secondary_monthly: None,
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
                cross_region_gb: Decimal::from(2_000),
                cross_region_monthly: None,
                replication_gb: Decimal::from(1_000),
                replication_monthly: None,
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
}

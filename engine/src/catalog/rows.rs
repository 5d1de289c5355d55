//! The row types of the catalog's tables, one per CSV file, with what each
//! column means; `catalog` re-exports them.
//!
//! Two files are read into shapes of their own, kept private: `meta.csv`'s
//! single row, and `risks.csv`, whose flat columns become the [`Range`]s of a
//! [`RiskScenario`] once checked.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::load::{decimal, optional_decimal};
use crate::money::Money;

/// A cloud region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Region {
    /// Region id, e.g. `us-east-1`.
    pub id: String,
    /// The cloud it belongs to, e.g. `aws`.
    pub cloud: String,
    /// Display name.
    pub name: String,
    /// Continent or area, for grouping in a picker.
    pub geography: String,
    /// Object storage here ÷ the same in us-east-1 (S3 Standard's own
    /// regional ratio), applied to every storage class's us-east-1 price.
    #[serde(deserialize_with = "decimal")]
    pub storage_multiplier: Decimal,
    /// Where the figure comes from.
    pub source: String,
    /// When the figure was checked (`YYYY-MM` or `YYYY-MM-DD`).
    pub as_of: String,
}

/// One priced resource in one region (`region_prices.csv`), e.g. a vCPU-hour
/// of general-purpose compute in eu-west-1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionPrice {
    /// Region id (a row of regions.csv).
    pub region: String,
    /// What is priced: one of [`RESOURCES`](super::RESOURCES).
    pub resource: String,
    /// USD per the resource's unit.
    #[serde(deserialize_with = "decimal")]
    pub price: Decimal,
    /// Where the figure comes from.
    pub source: String,
    /// When it was checked.
    pub as_of: String,
}

/// How a vector database is bought.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VectorDbModel {
    /// Pay per GB stored and per read and write unit, with a monthly minimum.
    Serverless,
    /// A managed cluster of nodes sized by RAM.
    Cluster,
    /// A managed PostgreSQL instance with the pgvector extension, sized by RAM, plus its storage.
    Postgres,
    /// Self-hosted on the cloud's memory-optimized instances, priced per GiB of RAM, plus disk.
    SelfHosted,
}

/// A vector database offering (`vector_dbs.csv`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VectorDbOffering {
    /// Offering id, e.g. `pinecone-serverless`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// How it is bought.
    pub model: VectorDbModel,
    /// `*` when it runs on every cloud, else the one cloud id.
    pub clouds: String,
    /// Serverless: USD per GB-month stored.
    #[serde(deserialize_with = "optional_decimal")]
    pub storage_gb_month: Option<Decimal>,
    /// Serverless: USD per million read units.
    #[serde(deserialize_with = "optional_decimal")]
    pub read_units_per_million: Option<Decimal>,
    /// Serverless: USD per million write units.
    #[serde(deserialize_with = "optional_decimal")]
    pub write_units_per_million: Option<Decimal>,
    /// Serverless: the least the account is billed a month, USD.
    #[serde(deserialize_with = "optional_decimal")]
    pub minimum_monthly: Option<Decimal>,
    /// Node-sized models: the resource of region_prices.csv a node is priced by.
    pub node_resource: Option<String>,
    /// Node-sized models: GiB of the index one node holds.
    #[serde(deserialize_with = "optional_decimal")]
    pub node_ram_gb: Option<Decimal>,
    /// Node-sized models: index size in RAM ÷ the raw float32 vectors.
    #[serde(deserialize_with = "optional_decimal")]
    pub index_overhead: Option<Decimal>,
    /// Where the figures come from.
    pub source: String,
    /// When they were checked.
    pub as_of: String,
}

/// Price of moving one GB from one region to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferPrice {
    /// Source region id, or `*` for any.
    pub from_region: String,
    /// Destination region id, or `*` for any.
    pub to_region: String,
    /// USD per GB transferred.
    #[serde(deserialize_with = "decimal")]
    pub price_per_gb: Decimal,
    /// Where the figure comes from.
    pub source: String,
    /// When the figure was checked.
    pub as_of: String,
}

/// How a provider's models are paid for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    /// An API priced per token.
    Api,
    /// Open-weight models run on the cloud's GPU instances, priced per GPU-hour.
    SelfHosted,
}

/// An AI provider.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Provider {
    /// Provider id, e.g. `openai`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// API or self-hosted.
    pub kind: ProviderKind,
    /// Where its prices come from.
    pub source: String,
    /// When they were checked.
    pub as_of: String,
}

/// What a model is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    /// Text generation, priced per input and output token.
    Chat,
    /// Embeddings, priced per input token.
    Embedding,
}

/// A model offered by a provider, with its token prices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Model {
    /// Provider id (a row of providers.csv).
    pub provider: String,
    /// Model id within the provider, e.g. `gpt-4o`.
    pub model: String,
    /// Display name.
    pub name: String,
    /// Chat or embedding.
    pub kind: ModelKind,
    /// USD per million input tokens.
    #[serde(deserialize_with = "decimal")]
    pub input_per_mtok: Decimal,
    /// USD per million output tokens (0 for embeddings).
    #[serde(deserialize_with = "decimal")]
    pub output_per_mtok: Decimal,
    /// Context window in tokens.
    pub context_tokens: u64,
    /// Default rate limit in tokens per minute (bounds re-embedding
    /// throughput and whether a fallback can carry the traffic); empty for
    /// self-hosted models, whose capacity is their GPUs'.
    pub tokens_per_minute: Option<u64>,
    /// The date (`YYYY-MM-DD`) from which this row's prices apply; empty =
    /// always. A model whose price changes has one row per price.
    pub price_from: Option<String>,
    /// The date (`YYYY-MM-DD`) the provider retires the model, if announced.
    pub retires: Option<String>,
    /// Self-hosted: tokens per second one GPU instance sustains.
    #[serde(deserialize_with = "optional_decimal")]
    pub gpu_tokens_per_second: Option<Decimal>,
    /// Where the figures come from.
    pub source: String,
    /// When they were checked.
    pub as_of: String,
}

/// Which rung of the backup retention ladder a storage class serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StorageTier {
    /// Hot: no retrieval fee or delay.
    Standard,
    /// Warm: cheaper to keep, a fee to read, a minimum duration.
    Infrequent,
    /// Cold: cheapest to keep, fees, minimum durations and sometimes hours to retrieve.
    Archive,
}

/// An object-storage class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StorageClass {
    /// Class id, e.g. `s3-standard`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Ladder rung this class suits.
    pub class: StorageTier,
    /// USD per GB-month stored (us-east-1).
    #[serde(deserialize_with = "decimal")]
    pub price_per_gb_month: Decimal,
    /// USD per GB read back.
    #[serde(deserialize_with = "decimal")]
    pub retrieval_per_gb: Decimal,
    /// Hours before the first byte can be read back (0 for instant classes).
    #[serde(deserialize_with = "decimal")]
    pub retrieval_hours: Decimal,
    /// Minimum storage duration billed, in days (0 for none).
    pub min_days: u32,
    /// Where the figures come from.
    pub source: String,
    /// When they were checked.
    pub as_of: String,
}

/// How a strategy's secondary gets its data back after a failover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DataMode {
    /// Data is restored from backups: restore time counts towards RTO.
    Restore,
    /// Data is already in the secondary: no restore on failover.
    Replicated,
}

/// How data reaches the secondary, which fixes the RPO.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReplicationMode {
    /// Periodic snapshots: RPO = the snapshot interval.
    Snapshot,
    /// Asynchronous replication: RPO = the replication lag.
    Async,
    /// Synchronous (real-time) replication: RPO = 0.
    Sync,
}

/// A DR strategy and its per-layer factors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Strategy {
    /// Strategy id, e.g. `warm_standby`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Secondary compute cost as a fraction of a full copy.
    #[serde(deserialize_with = "decimal")]
    pub compute: Decimal,
    /// Secondary vector database cost as a fraction of a full copy.
    #[serde(deserialize_with = "decimal")]
    pub vector_db: Decimal,
    /// Secondary storage cost as a fraction of a full copy.
    #[serde(deserialize_with = "decimal")]
    pub storage: Decimal,
    /// Replication bandwidth as a fraction of full replication.
    #[serde(deserialize_with = "decimal")]
    pub replication: Decimal,
    /// When true, the scenario's standby fraction replaces the four factors
    /// above and the standby capacity (warm standby's knob).
    pub uses_standby_fraction: bool,
    /// Share of full serving capacity already running in the secondary (0–1):
    /// the rest must be provisioned on failover.
    #[serde(deserialize_with = "decimal")]
    pub standby_capacity: Decimal,
    /// Whether data must be restored from backups on failover.
    pub data: DataMode,
    /// How data reaches the secondary.
    pub replication_mode: ReplicationMode,
    /// Minutes to detect the failure, decide and switch traffic.
    #[serde(deserialize_with = "decimal")]
    pub failover_minutes: Decimal,
    /// Where the factors come from.
    pub source: String,
    /// When they were checked.
    pub as_of: String,
}

/// A service tier with its recovery targets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tier {
    /// Tier id, e.g. `production`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Recovery time objective in minutes (the longest acceptable outage).
    #[serde(deserialize_with = "decimal")]
    pub rto_minutes: Decimal,
    /// Recovery point objective in minutes (the most data, in time, that may be lost).
    #[serde(deserialize_with = "decimal")]
    pub rpo_minutes: Decimal,
    /// Typical annual DR budget, low end (USD).
    pub budget_low: Money,
    /// Typical annual DR budget, high end (USD).
    pub budget_high: Money,
    /// Who typically runs at this tier.
    pub typical_users: String,
    /// Where the figures come from.
    pub source: String,
    /// When they were checked.
    pub as_of: String,
}

/// A (low, likely, high) range, e.g. for a Monte Carlo draw; the expected
/// figures of the risk matrix use `likely`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Range {
    /// Low end (taken as the 5th percentile by a simulation).
    pub low: Decimal,
    /// Most likely value.
    pub likely: Decimal,
    /// High end (taken as the 95th percentile by a simulation).
    pub high: Decimal,
}

/// How DR shortens a failure scenario's outage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Mitigation {
    /// Traffic moves to the next provider in the chain: outage = provider failover minutes.
    ProviderFailover,
    /// Traffic moves to the secondary region: outage = the strategy's RTO.
    RegionFailover,
    /// Data is restored from the latest backup: outage = restore time.
    BackupRestore,
    /// The vector index is restored from backup instead of re-embedded.
    VectorRestore,
    /// DR does not help (e.g. a bug deployed to both regions).
    None,
}

/// A failure scenario of the risk matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RiskScenario {
    /// Scenario id, e.g. `region_failure`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Likelihood as the source words it.
    pub likelihood: String,
    /// Impact as the source words it.
    pub impact: String,
    /// Priority 1 (lowest) to 5 (highest).
    pub priority: u8,
    /// Share of the full cost of downtime that an hour of this failure costs (0–1).
    pub impact_share: Decimal,
    /// Events per year.
    pub events_per_year: Range,
    /// Hours of outage per event without DR.
    pub hours_per_event: Range,
    /// How DR shortens it.
    pub mitigation: Mitigation,
    /// Where the figures come from.
    pub source: String,
    /// When they were checked.
    pub as_of: String,
}

/// `meta.csv`'s single row: the catalog's version, currency and date.
#[derive(Deserialize)]
pub(super) struct Meta {
    pub(super) version: String,
    pub(super) currency: String,
    pub(super) published: String,
    #[allow(dead_code)] // documents the file; not needed at run time
    pub(super) source: String,
}

/// A row of `risks.csv` as the file has it; checked, it becomes a [`RiskScenario`].
#[derive(Deserialize)]
pub(super) struct RiskRow {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) likelihood: String,
    pub(super) impact: String,
    pub(super) priority: u8,
    #[serde(deserialize_with = "decimal")]
    pub(super) impact_share: Decimal,
    #[serde(deserialize_with = "decimal")]
    pub(super) events_low: Decimal,
    #[serde(deserialize_with = "decimal")]
    pub(super) events_likely: Decimal,
    #[serde(deserialize_with = "decimal")]
    pub(super) events_high: Decimal,
    #[serde(deserialize_with = "decimal")]
    pub(super) hours_low: Decimal,
    #[serde(deserialize_with = "decimal")]
    pub(super) hours_likely: Decimal,
    #[serde(deserialize_with = "decimal")]
    pub(super) hours_high: Decimal,
    pub(super) mitigation: Mitigation,
    pub(super) source: String,
    pub(super) as_of: String,
}

//! The dated price catalog: CSV text in, typed tables out, every row with its source.
//!
//! The engine never opens a file: [`CatalogFiles`] holds file names and their
//! contents, the server or CLI reads a directory into it, and
//! [`Catalog::shipped`] uses the copy embedded at compile time.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, FieldError, Result};
use crate::money::Money;

/// The catalog files, in load order. Every one is required.
pub const FILE_NAMES: [&str; 10] = [
    "meta.csv",
    "regions.csv",
    "transfer.csv",
    "providers.csv",
    "models.csv",
    "storage_classes.csv",
    "unit_prices.csv",
    "strategies.csv",
    "tiers.csv",
    "risks.csv",
];

/// Catalog files by name (`regions.csv`) with their text; files with other
/// names are ignored, so a directory may also hold a README.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogFiles {
    files: BTreeMap<String, String>,
}

impl CatalogFiles {
    /// No files yet.
    pub fn new() -> CatalogFiles {
        CatalogFiles::default()
    }

    /// Adds (or replaces) one file by its name, e.g. `regions.csv`.
    pub fn insert(&mut self, name: impl Into<String>, text: impl Into<String>) {
        self.files.insert(name.into(), text.into());
    }

    /// The text of a file, if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.files.get(name).map(String::as_str)
    }

    /// The catalog shipped in `data/`, embedded at compile time.
    pub fn shipped() -> CatalogFiles {
        let mut files = CatalogFiles::new();
        for (name, text) in SHIPPED {
            files.insert(name, text);
        }
        files
    }
}

const SHIPPED: [(&str, &str); 10] = [
    ("meta.csv", include_str!("../../data/meta.csv")),
    ("regions.csv", include_str!("../../data/regions.csv")),
    ("transfer.csv", include_str!("../../data/transfer.csv")),
    ("providers.csv", include_str!("../../data/providers.csv")),
    ("models.csv", include_str!("../../data/models.csv")),
    ("storage_classes.csv", include_str!("../../data/storage_classes.csv")),
    ("unit_prices.csv", include_str!("../../data/unit_prices.csv")),
    ("strategies.csv", include_str!("../../data/strategies.csv")),
    ("tiers.csv", include_str!("../../data/tiers.csv")),
    ("risks.csv", include_str!("../../data/risks.csv")),
];

/// Unit price id for one vCPU-hour of application compute (USD).
pub const UNIT_COMPUTE_VCPU_HOUR: &str = "compute_vcpu_hour";
/// Unit price id for one GB-month of vector database (USD).
pub const UNIT_VECTOR_DB_GB_MONTH: &str = "vector_db_gb_month";

/// A cloud region and how its prices compare with the reference region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Region {
    /// Region id, e.g. `us-east-1`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Continent or area, for grouping in a picker.
    pub geography: String,
    /// Price of compute, vector database and storage here ÷ the same in
    /// us-east-1 (which is 1.00); applied to quantity-derived costs only.
    #[serde(deserialize_with = "decimal")]
    pub price_multiplier: Decimal,
    /// Where the figure comes from.
    pub source: String,
    /// When the figure was checked (`YYYY-MM` or `YYYY-MM-DD`).
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

/// An AI API provider.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Provider {
    /// Provider id, e.g. `openai`.
    pub id: String,
    /// Display name.
    pub name: String,
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
    /// Default rate limit in tokens per minute; bounds re-embedding throughput.
    pub tokens_per_minute: u64,
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

/// A unit price used to derive a component's cost from a quantity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitPrice {
    /// Price id, e.g. `compute_vcpu_hour`.
    pub id: String,
    /// What is priced.
    pub name: String,
    /// The unit, e.g. `vCPU-hour`.
    pub unit: String,
    /// USD per unit in us-east-1.
    #[serde(deserialize_with = "decimal")]
    pub price: Decimal,
    /// Where the figure comes from.
    pub source: String,
    /// When it was checked.
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

#[derive(Deserialize)]
struct Meta {
    version: String,
    currency: String,
    published: String,
    #[allow(dead_code)] // documents the file; not needed at run time
    source: String,
}

#[derive(Deserialize)]
struct RiskRow {
    id: String,
    name: String,
    likelihood: String,
    impact: String,
    priority: u8,
    #[serde(deserialize_with = "decimal")]
    impact_share: Decimal,
    #[serde(deserialize_with = "decimal")]
    events_low: Decimal,
    #[serde(deserialize_with = "decimal")]
    events_likely: Decimal,
    #[serde(deserialize_with = "decimal")]
    events_high: Decimal,
    #[serde(deserialize_with = "decimal")]
    hours_low: Decimal,
    #[serde(deserialize_with = "decimal")]
    hours_likely: Decimal,
    #[serde(deserialize_with = "decimal")]
    hours_high: Decimal,
    mitigation: Mitigation,
    source: String,
    as_of: String,
}

/// The whole catalog: every table, with the catalog's version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Catalog {
    version: String,
    currency: String,
    published: String,
    regions: Vec<Region>,
    transfer: Vec<TransferPrice>,
    providers: Vec<Provider>,
    models: Vec<Model>,
    storage_classes: Vec<StorageClass>,
    unit_prices: Vec<UnitPrice>,
    strategies: Vec<Strategy>,
    tiers: Vec<Tier>,
    risks: Vec<RiskScenario>,
}

impl Catalog {
    /// The catalog shipped in `data/` (embedded in the binary).
    pub fn shipped() -> Catalog {
        Catalog::from_files(&CatalogFiles::shipped()).expect("BUG: the shipped catalog in data/ does not load")
    }

    /// Parses and checks a set of catalog files. Errors name the file, line
    /// and column of the first bad row.
    pub fn from_files(files: &CatalogFiles) -> Result<Catalog> {
        let text = |name: &str| files.get(name).ok_or_else(|| Error::MissingFile(name.to_owned()));
        let meta = read::<Meta>("meta.csv", text("meta.csv")?)?;
        let [(meta_line, meta)]: [(u64, Meta); 1] = meta.try_into().map_err(|rows: Vec<_>| {
            Error::catalog(
                "meta.csv",
                2,
                "(row)",
                format!("expected exactly one row, found {}", rows.len()),
            )
        })?;
        if meta.version.is_empty() {
            return Err(Error::catalog(
                "meta.csv",
                meta_line,
                "version",
                "the catalog version must not be empty",
            ));
        }
        let regions = read::<Region>("regions.csv", text("regions.csv")?)?;
        let transfer = read::<TransferPrice>("transfer.csv", text("transfer.csv")?)?;
        let providers = read::<Provider>("providers.csv", text("providers.csv")?)?;
        let models = read::<Model>("models.csv", text("models.csv")?)?;
        let storage_classes = read::<StorageClass>("storage_classes.csv", text("storage_classes.csv")?)?;
        let unit_prices = read::<UnitPrice>("unit_prices.csv", text("unit_prices.csv")?)?;
        let strategies = read::<Strategy>("strategies.csv", text("strategies.csv")?)?;
        let tiers = read::<Tier>("tiers.csv", text("tiers.csv")?)?;
        let risk_rows = read::<RiskRow>("risks.csv", text("risks.csv")?)?;

        check_regions(&regions)?;
        check_transfer(&transfer, &regions)?;
        check_providers(&providers)?;
        check_models(&models, &providers)?;
        check_storage(&storage_classes)?;
        check_units(&unit_prices)?;
        check_strategies(&strategies)?;
        check_tiers(&tiers)?;
        check_risks(&risk_rows)?;

        let risks = risk_rows
            .into_iter()
            .map(|(_, r)| RiskScenario {
                id: r.id,
                name: r.name,
                likelihood: r.likelihood,
                impact: r.impact,
                priority: r.priority,
                impact_share: r.impact_share,
                events_per_year: Range {
                    low: r.events_low,
                    likely: r.events_likely,
                    high: r.events_high,
                },
                hours_per_event: Range {
                    low: r.hours_low,
                    likely: r.hours_likely,
                    high: r.hours_high,
                },
                mitigation: r.mitigation,
                source: r.source,
                as_of: r.as_of,
            })
            .collect();
        Ok(Catalog {
            version: meta.version,
            currency: meta.currency,
            published: meta.published,
            regions: rows(regions),
            transfer: rows(transfer),
            providers: rows(providers),
            models: rows(models),
            storage_classes: rows(storage_classes),
            unit_prices: rows(unit_prices),
            strategies: rows(strategies),
            tiers: rows(tiers),
            risks,
        })
    }

    /// The catalog's version, e.g. `2026-11`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The currency of every catalog price (`USD`).
    pub fn currency(&self) -> &str {
        &self.currency
    }

    /// The date the catalog was published.
    pub fn published(&self) -> &str {
        &self.published
    }

    /// All regions, in file order.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// All inter-region transfer prices, in file order.
    pub fn transfer_prices(&self) -> &[TransferPrice] {
        &self.transfer
    }

    /// All AI providers.
    pub fn providers(&self) -> &[Provider] {
        &self.providers
    }

    /// All models of all providers.
    pub fn models(&self) -> &[Model] {
        &self.models
    }

    /// All storage classes.
    pub fn storage_classes(&self) -> &[StorageClass] {
        &self.storage_classes
    }

    /// All unit prices.
    pub fn unit_prices(&self) -> &[UnitPrice] {
        &self.unit_prices
    }

    /// All DR strategies, cheapest mechanism first.
    pub fn strategies(&self) -> &[Strategy] {
        &self.strategies
    }

    /// All service tiers, strictest first.
    pub fn tiers(&self) -> &[Tier] {
        &self.tiers
    }

    /// All failure scenarios of the risk matrix.
    pub fn risks(&self) -> &[RiskScenario] {
        &self.risks
    }

    /// A region by id.
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// A provider by id.
    pub fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// A model by provider and model id.
    pub fn model(&self, provider: &str, model: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.provider == provider && m.model == model)
    }

    /// A storage class by id.
    pub fn storage_class(&self, id: &str) -> Option<&StorageClass> {
        self.storage_classes.iter().find(|c| c.id == id)
    }

    /// A unit price by id.
    pub fn unit_price(&self, id: &str) -> Option<&UnitPrice> {
        self.unit_prices.iter().find(|u| u.id == id)
    }

    /// A strategy by id.
    pub fn strategy(&self, id: &str) -> Option<&Strategy> {
        self.strategies.iter().find(|s| s.id == id)
    }

    /// A tier by id.
    pub fn tier(&self, id: &str) -> Option<&Tier> {
        self.tiers.iter().find(|t| t.id == id)
    }

    /// USD per GB from one region to another: the exact pair, else the
    /// source region's row to `*`, else `* → to`, else the `* → *` default
    /// (which every catalog must have).
    pub fn transfer_price(&self, from: &str, to: &str) -> Decimal {
        let find = |f: &str, t: &str| self.transfer.iter().find(|p| p.from_region == f && p.to_region == t);
        find(from, to)
            .or_else(|| find(from, "*"))
            .or_else(|| find("*", to))
            .or_else(|| find("*", "*"))
            .map_or(Decimal::ZERO, |p| p.price_per_gb)
    }

    /// A copy with every failure scenario's events per year (low, likely,
    /// high) multiplied by `factor`, capped at the catalog's 10,000 a year:
    /// the sensitivity analysis's "outage rates" input.
    pub(crate) fn with_risk_rates_scaled(&self, factor: Decimal) -> Catalog {
        let mut scaled = self.clone();
        let cap = Decimal::from(10_000);
        for r in &mut scaled.risks {
            let e = &mut r.events_per_year;
            for v in [&mut e.low, &mut e.likely, &mut e.high] {
                *v = (*v * factor).min(cap);
            }
        }
        scaled
    }

    /// A copy with the scenario's price overrides applied. Keys are
    /// `kind:id:field`, e.g. `region:eu-west-1:price_multiplier`,
    /// `transfer:us-east-1/eu-west-1:price_per_gb` (`*` allowed),
    /// `model:openai/gpt-4o:input_per_mtok`, `storage:s3-standard:price_per_gb_month`,
    /// `unit:compute_vcpu_hour:price`, `strategy:active_passive:compute`.
    /// Unknown keys, values outside 0–1,000,000 and values outside the
    /// column's own range in the catalog files (a region multiplier 0.01–10, a
    /// strategy factor 0–10, failover minutes 0–10,080, retrieval hours 0–720)
    /// are field errors naming `price_overrides["key"]`.
    pub fn with_overrides(&self, overrides: &BTreeMap<String, Decimal>) -> Result<Catalog, Vec<FieldError>> {
        let mut catalog = self.clone();
        let mut errors = Vec::new();
        for (key, &value) in overrides {
            let field = format!("price_overrides[\"{key}\"]");
            if value.is_sign_negative() || value > MAX_OVERRIDE {
                errors.push(FieldError::new(
                    &field,
                    value.to_string(),
                    "a price override must be between 0 and 1,000,000",
                ));
                continue;
            }
            if let Err(message) = catalog.apply_override(key, value) {
                errors.push(FieldError::new(&field, value.to_string(), message));
            }
        }
        if errors.is_empty() {
            Ok(catalog)
        } else {
            Err(errors)
        }
    }

    fn apply_override(&mut self, key: &str, value: Decimal) -> Result<(), String> {
        let mut parts = key.splitn(3, ':');
        let (kind, id, field) = match (parts.next(), parts.next(), parts.next()) {
            (Some(k), Some(i), Some(f)) => (k, i, f),
            _ => return Err(OVERRIDE_FORMAT.to_owned()),
        };
        let unknown = || format!("no {kind} with id {id} in the catalog");
        let bad_field = |allowed: &str| format!("a {kind} override must name one of: {allowed}");
        // Each field keeps the range its catalog column has: a region
        // multiplier of 1,000,000 would take a valid scenario's figures past
        // what a Decimal holds.
        let (slot, (min, max, allowed)): (&mut Decimal, Bounds) = match kind {
            "region" => {
                let r = self.regions.iter_mut().find(|r| r.id == id).ok_or_else(unknown)?;
                match field {
                    "price_multiplier" => (&mut r.price_multiplier, MULTIPLIER),
                    _ => return Err(bad_field("price_multiplier")),
                }
            }
            "transfer" => {
                let (from, to) = id.split_once('/').ok_or_else(|| OVERRIDE_FORMAT.to_owned())?;
                let t = self
                    .transfer
                    .iter_mut()
                    .find(|t| t.from_region == from && t.to_region == to)
                    .ok_or_else(unknown)?;
                match field {
                    "price_per_gb" => (&mut t.price_per_gb, PRICE),
                    _ => return Err(bad_field("price_per_gb")),
                }
            }
            "model" => {
                let (provider, model) = id.split_once('/').ok_or_else(|| OVERRIDE_FORMAT.to_owned())?;
                let m = self
                    .models
                    .iter_mut()
                    .find(|m| m.provider == provider && m.model == model)
                    .ok_or_else(unknown)?;
                match field {
                    "input_per_mtok" => (&mut m.input_per_mtok, PRICE),
                    "output_per_mtok" => (&mut m.output_per_mtok, PRICE),
                    _ => return Err(bad_field("input_per_mtok, output_per_mtok")),
                }
            }
            "storage" => {
                let c = self
                    .storage_classes
                    .iter_mut()
                    .find(|c| c.id == id)
                    .ok_or_else(unknown)?;
                match field {
                    "price_per_gb_month" => (&mut c.price_per_gb_month, PRICE),
                    "retrieval_per_gb" => (&mut c.retrieval_per_gb, PRICE),
                    "retrieval_hours" => (&mut c.retrieval_hours, RETRIEVAL_HOURS),
                    _ => return Err(bad_field("price_per_gb_month, retrieval_per_gb, retrieval_hours")),
                }
            }
            "unit" => {
                let u = self.unit_prices.iter_mut().find(|u| u.id == id).ok_or_else(unknown)?;
                match field {
                    "price" => (&mut u.price, PRICE),
                    _ => return Err(bad_field("price")),
                }
            }
            "strategy" => {
                let s = self.strategies.iter_mut().find(|s| s.id == id).ok_or_else(unknown)?;
                match field {
                    "compute" => (&mut s.compute, FACTOR),
                    "vector_db" => (&mut s.vector_db, FACTOR),
                    "storage" => (&mut s.storage, FACTOR),
                    "replication" => (&mut s.replication, FACTOR),
                    "failover_minutes" => (&mut s.failover_minutes, FAILOVER_MINUTES),
                    _ => return Err(bad_field("compute, vector_db, storage, replication, failover_minutes")),
                }
            }
            _ => return Err(OVERRIDE_FORMAT.to_owned()),
        };
        if value < min || value > max {
            return Err(format!("a {kind} {field} override must be between {allowed}"));
        }
        *slot = value;
        Ok(())
    }
}

const MAX_OVERRIDE: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// A column's allowed values: least, most, and how a message says them.
type Bounds = (Decimal, Decimal, &'static str);
// Column ranges shared by the file checks and the price overrides.
const PRICE: Bounds = (Decimal::ZERO, PRICE_MAX, "0 and 1,000,000");
const MULTIPLIER: Bounds = (Decimal::from_parts(1, 0, 0, false, 2), FACTOR_MAX, "0.01 and 10");
const FACTOR: Bounds = (Decimal::ZERO, FACTOR_MAX, "0 and 10");
const RETRIEVAL_HOURS: Bounds = (Decimal::ZERO, Decimal::from_parts(720, 0, 0, false, 0), "0 and 720");
const FAILOVER_MINUTES: Bounds = (
    Decimal::ZERO,
    Decimal::from_parts(10_080, 0, 0, false, 0),
    "0 and 10,080",
);
const OVERRIDE_FORMAT: &str =
    "a price override key must be kind:id:field with kind one of region, transfer, model, storage, unit, strategy";

/// Drops the line numbers once the rows are checked.
fn rows<T>(rows: Vec<(u64, T)>) -> Vec<T> {
    rows.into_iter().map(|(_, r)| r).collect()
}

/// Reads one CSV file into rows, each with its 1-based line number.
fn read<T: DeserializeOwned>(file: &str, text: &str) -> Result<Vec<(u64, T)>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_error(file, None, 1, &e))?.clone();
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(file, Some(&headers), 0, &e)),
        }
        let line = record.position().map_or(0, csv::Position::line);
        let row = record
            .deserialize::<T>(Some(&headers))
            .map_err(|e| csv_error(file, Some(&headers), line, &e))
            .map_err(|e| name_column(e, &headers, &record))?;
        rows.push((line, row));
    }
    if rows.is_empty() {
        return Err(Error::catalog(file, 2, "(row)", "the file has a header but no rows"));
    }
    Ok(rows)
}

fn csv_error(file: &str, headers: Option<&csv::StringRecord>, line: u64, err: &csv::Error) -> Error {
    let line = err.position().map_or(line, csv::Position::line);
    match err.kind() {
        csv::ErrorKind::Deserialize { err: de, .. } => {
            let column = de
                .field()
                .and_then(|i| headers.and_then(|h| h.get(i as usize)))
                .filter(|header| !header.is_empty())
                .unwrap_or("(row)");
            let message = match de.kind() {
                csv::DeserializeErrorKind::Message(m) => m.clone(),
                other => other.to_string(),
            };
            Error::catalog(file, line, column, message)
        }
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => Error::catalog(
            file,
            line,
            "(row)",
            format!("found {len} fields, expected {expected_len}"),
        ),
        csv::ErrorKind::Utf8 { .. } => Error::catalog(file, line, "(row)", "the row is not valid UTF-8"),
        _ => Error::catalog(file, line, "(row)", err.to_string()),
    }
}

/// csv does not know the column of an error raised inside a field's own
/// deserializer (our `invalid number`, serde's `unknown variant`), so find
/// the column whose value the message quotes.
fn name_column(error: Error, headers: &csv::StringRecord, record: &csv::StringRecord) -> Error {
    let Error::Catalog {
        file,
        line,
        column,
        message,
    } = error
    else {
        return error;
    };
    if column != "(row)" {
        return Error::Catalog {
            file,
            line,
            column,
            message,
        };
    }
    let quoted = ['"', '`'].iter().find_map(|&q| {
        let start = message.find(q)? + 1;
        let len = message[start..].find(q)?;
        Some(message[start..start + len].to_owned())
    });
    // serde's "missing field `name`" quotes the column itself, not a value.
    let missing = message.starts_with("missing field ");
    let column = match quoted {
        Some(name) if missing => name,
        quoted => quoted
            .and_then(|value| record.iter().position(|field| field == value))
            .and_then(|i| headers.get(i))
            // A value under a nameless header is placed by its row alone.
            .filter(|header| !header.is_empty())
            .unwrap_or("(row)")
            .to_owned(),
    };
    Error::Catalog {
        file,
        line,
        column,
        message,
    }
}

/// Deserializes a decimal from text, with an error that quotes the text.
fn decimal<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Decimal, D::Error> {
    let text = String::deserialize(d)?;
    text.trim()
        .parse::<Decimal>()
        .map_err(|_| serde::de::Error::custom(format!("invalid number {text:?}")))
}

fn check_range(file: &str, line: u64, column: &str, value: Decimal, min: Decimal, max: Decimal) -> Result<()> {
    if value < min || value > max {
        return Err(Error::catalog(
            file,
            line,
            column,
            format!("{value} is out of range: must be between {min} and {max}"),
        ));
    }
    Ok(())
}

fn check_as_of(file: &str, line: u64, as_of: &str) -> Result<()> {
    let b = as_of.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let ok = match b.len() {
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    };
    if !ok {
        return Err(Error::catalog(
            file,
            line,
            "as_of",
            format!("invalid date {as_of:?}: expected YYYY-MM or YYYY-MM-DD"),
        ));
    }
    Ok(())
}

fn check_id(file: &str, line: u64, column: &str, id: &str, seen: &mut Vec<String>) -> Result<()> {
    if id.is_empty() {
        return Err(Error::catalog(file, line, column, "the id must not be empty"));
    }
    if seen.iter().any(|s| s == id) {
        return Err(Error::catalog(file, line, column, format!("duplicate id {id:?}")));
    }
    seen.push(id.to_owned());
    Ok(())
}

const PRICE_MAX: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
const FACTOR_MAX: Decimal = Decimal::from_parts(10, 0, 0, false, 0);

fn check_regions(rows: &[(u64, Region)]) -> Result<()> {
    let f = "regions.csv";
    let mut seen = Vec::new();
    for (line, r) in rows {
        check_id(f, *line, "id", &r.id, &mut seen)?;
        if r.id == "*" {
            return Err(Error::catalog(
                f,
                *line,
                "id",
                "* is reserved for \"any region\" in transfer.csv",
            ));
        }
        check_range(
            f,
            *line,
            "price_multiplier",
            r.price_multiplier,
            MULTIPLIER.0,
            MULTIPLIER.1,
        )?;
        check_as_of(f, *line, &r.as_of)?;
    }
    Ok(())
}

fn check_transfer(rows: &[(u64, TransferPrice)], regions: &[(u64, Region)]) -> Result<()> {
    let f = "transfer.csv";
    let known = |id: &str| id == "*" || regions.iter().any(|(_, r)| r.id == id);
    let mut seen: Vec<(String, String)> = Vec::new();
    for (line, t) in rows {
        for (column, id) in [("from_region", &t.from_region), ("to_region", &t.to_region)] {
            if !known(id) {
                return Err(Error::catalog(
                    f,
                    *line,
                    column,
                    format!("unknown region {id:?}: not in regions.csv"),
                ));
            }
        }
        let pair = (t.from_region.clone(), t.to_region.clone());
        if seen.contains(&pair) {
            return Err(Error::catalog(
                f,
                *line,
                "(row)",
                format!("duplicate pair {} → {}", pair.0, pair.1),
            ));
        }
        seen.push(pair);
        check_range(f, *line, "price_per_gb", t.price_per_gb, Decimal::ZERO, PRICE_MAX)?;
        check_as_of(f, *line, &t.as_of)?;
    }
    if !rows.iter().any(|(_, t)| t.from_region == "*" && t.to_region == "*") {
        return Err(Error::catalog(
            f,
            1,
            "(row)",
            "the file needs a default row with from_region * and to_region *",
        ));
    }
    Ok(())
}

fn check_providers(rows: &[(u64, Provider)]) -> Result<()> {
    let mut seen = Vec::new();
    for (line, p) in rows {
        check_id("providers.csv", *line, "id", &p.id, &mut seen)?;
        check_as_of("providers.csv", *line, &p.as_of)?;
    }
    Ok(())
}

fn check_models(rows: &[(u64, Model)], providers: &[(u64, Provider)]) -> Result<()> {
    let f = "models.csv";
    let mut seen = Vec::new();
    for (line, m) in rows {
        if !providers.iter().any(|(_, p)| p.id == m.provider) {
            return Err(Error::catalog(
                f,
                *line,
                "provider",
                format!("unknown provider {:?}: not in providers.csv", m.provider),
            ));
        }
        check_id(f, *line, "model", &format!("{}/{}", m.provider, m.model), &mut seen)?;
        check_range(f, *line, "input_per_mtok", m.input_per_mtok, Decimal::ZERO, PRICE_MAX)?;
        check_range(f, *line, "output_per_mtok", m.output_per_mtok, Decimal::ZERO, PRICE_MAX)?;
        if m.tokens_per_minute == 0 {
            return Err(Error::catalog(
                f,
                *line,
                "tokens_per_minute",
                "the rate limit must be at least 1 token per minute",
            ));
        }
        check_as_of(f, *line, &m.as_of)?;
    }
    Ok(())
}

fn check_storage(rows: &[(u64, StorageClass)]) -> Result<()> {
    let f = "storage_classes.csv";
    let mut seen = Vec::new();
    for (line, c) in rows {
        check_id(f, *line, "id", &c.id, &mut seen)?;
        check_range(
            f,
            *line,
            "price_per_gb_month",
            c.price_per_gb_month,
            Decimal::ZERO,
            PRICE_MAX,
        )?;
        check_range(
            f,
            *line,
            "retrieval_per_gb",
            c.retrieval_per_gb,
            Decimal::ZERO,
            PRICE_MAX,
        )?;
        check_range(
            f,
            *line,
            "retrieval_hours",
            c.retrieval_hours,
            RETRIEVAL_HOURS.0,
            RETRIEVAL_HOURS.1,
        )?;
        check_as_of(f, *line, &c.as_of)?;
    }
    Ok(())
}

fn check_units(rows: &[(u64, UnitPrice)]) -> Result<()> {
    let f = "unit_prices.csv";
    let mut seen = Vec::new();
    for (line, u) in rows {
        check_id(f, *line, "id", &u.id, &mut seen)?;
        check_range(f, *line, "price", u.price, Decimal::ZERO, PRICE_MAX)?;
        check_as_of(f, *line, &u.as_of)?;
    }
    for required in [UNIT_COMPUTE_VCPU_HOUR, UNIT_VECTOR_DB_GB_MONTH] {
        if !seen.iter().any(|s| s == required) {
            return Err(Error::catalog(
                f,
                1,
                "id",
                format!("the file needs a row with id {required}"),
            ));
        }
    }
    Ok(())
}

fn check_strategies(rows: &[(u64, Strategy)]) -> Result<()> {
    let f = "strategies.csv";
    let mut seen = Vec::new();
    for (line, s) in rows {
        check_id(f, *line, "id", &s.id, &mut seen)?;
        for (column, v) in [
            ("compute", s.compute),
            ("vector_db", s.vector_db),
            ("storage", s.storage),
            ("replication", s.replication),
        ] {
            check_range(f, *line, column, v, Decimal::ZERO, FACTOR_MAX)?;
        }
        check_range(
            f,
            *line,
            "standby_capacity",
            s.standby_capacity,
            Decimal::ZERO,
            Decimal::ONE,
        )?;
        check_range(
            f,
            *line,
            "failover_minutes",
            s.failover_minutes,
            FAILOVER_MINUTES.0,
            FAILOVER_MINUTES.1,
        )?;
        check_as_of(f, *line, &s.as_of)?;
    }
    Ok(())
}

fn check_tiers(rows: &[(u64, Tier)]) -> Result<()> {
    let f = "tiers.csv";
    let mut seen = Vec::new();
    for (line, t) in rows {
        check_id(f, *line, "id", &t.id, &mut seen)?;
        check_range(
            f,
            *line,
            "rto_minutes",
            t.rto_minutes,
            Decimal::ZERO,
            Decimal::from(525_600),
        )?;
        check_range(
            f,
            *line,
            "rpo_minutes",
            t.rpo_minutes,
            Decimal::ZERO,
            Decimal::from(525_600),
        )?;
        check_as_of(f, *line, &t.as_of)?;
    }
    Ok(())
}

fn check_risks(rows: &[(u64, RiskRow)]) -> Result<()> {
    let f = "risks.csv";
    let mut seen = Vec::new();
    for (line, r) in rows {
        check_id(f, *line, "id", &r.id, &mut seen)?;
        if !(1..=5).contains(&r.priority) {
            return Err(Error::catalog(
                f,
                *line,
                "priority",
                format!("{} is out of range: must be between 1 and 5", r.priority),
            ));
        }
        check_range(f, *line, "impact_share", r.impact_share, Decimal::ZERO, Decimal::ONE)?;
        let ranges = [
            (
                "events",
                r.events_low,
                r.events_likely,
                r.events_high,
                Decimal::from(10_000),
            ),
            ("hours", r.hours_low, r.hours_likely, r.hours_high, Decimal::from(8_760)),
        ];
        for (what, low, likely, high, max) in ranges {
            check_range(f, *line, &format!("{what}_low"), low, Decimal::ZERO, max)?;
            check_range(f, *line, &format!("{what}_high"), high, Decimal::ZERO, max)?;
            if !(low <= likely && likely <= high) {
                return Err(Error::catalog(
                    f,
                    *line,
                    &format!("{what}_likely"),
                    format!("{likely} must lie between {what}_low {low} and {what}_high {high}"),
                ));
            }
        }
        check_as_of(f, *line, &r.as_of)?;
    }
    Ok(())
}

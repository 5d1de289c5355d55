//! The dated price catalog: CSV text in, typed tables out, every row with its source.
//!
//! The engine never opens a file: [`CatalogFiles`] holds file names and their
//! contents, the server or CLI reads a directory into it, and
//! [`Catalog::shipped`] uses the copy embedded at compile time.
//!
//! This file holds the [`Catalog`] type: how it is put together from the files
//! ([`Catalog::from_files`]), its tables and its lookups. The rest is split by
//! job, each module private and its public types re-exported here:
//! `rows` (the row types of the tables), `load` (the files and their CSV
//! reading), `check` (what every row must satisfy before a catalog exists) and
//! `overrides` (a scenario's price overrides, applied to a copy).

mod check;
pub mod history;
mod load;
mod overrides;
mod rows;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

use check::{
    check_models, check_providers, check_region_prices, check_regions, check_risks, check_storage, check_strategies,
    check_tiers, check_transfer, check_vector_dbs,
};
use load::{read, rows};
pub use load::{CatalogFiles, FILE_NAMES};
pub use rows::{
    DataMode, Mitigation, Model, ModelKind, Provider, ProviderKind, Range, Region, RegionPrice, ReplicationMode,
    RiskScenario, StorageClass, StorageTier, Strategy, Tier, TransferPrice, VectorDbModel, VectorDbOffering,
};
use rows::{Meta, RiskRow};

/// General-purpose compute, USD per vCPU-hour (every region has it).
pub const VCPU_HOUR: &str = "vcpu_hour";
/// Memory-optimized compute, USD per GiB-hour of RAM.
pub const RAM_GB_HOUR: &str = "ram_gb_hour";
/// A managed PostgreSQL instance (2 vCPU, 8 GiB), USD per hour.
pub const POSTGRES_HOUR: &str = "postgres_hour";
/// Managed database storage, USD per GB-month.
pub const DB_STORAGE_GB_MONTH: &str = "db_storage_gb_month";
/// A managed search node for vector search (Amazon OpenSearch r6g.large.search), USD per hour.
pub const OPENSEARCH_NODE_HOUR: &str = "opensearch_node_hour";
/// The cloud's single-GPU inference instance, USD per hour.
pub const GPU_HOUR: &str = "gpu_hour";
/// Every resource `region_prices.csv` may price; only [`VCPU_HOUR`] is required in every region.
pub const RESOURCES: [&str; 6] = [
    VCPU_HOUR,
    RAM_GB_HOUR,
    POSTGRES_HOUR,
    DB_STORAGE_GB_MONTH,
    OPENSEARCH_NODE_HOUR,
    GPU_HOUR,
];

/// The whole catalog: every table, with the catalog's version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Catalog {
    version: String,
    currency: String,
    published: String,
    regions: Vec<Region>,
    region_prices: Vec<RegionPrice>,
    transfer: Vec<TransferPrice>,
    providers: Vec<Provider>,
    models: Vec<Model>,
    storage_classes: Vec<StorageClass>,
    vector_dbs: Vec<VectorDbOffering>,
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
        let region_prices = read::<RegionPrice>("region_prices.csv", text("region_prices.csv")?)?;
        let transfer = read::<TransferPrice>("transfer.csv", text("transfer.csv")?)?;
        let providers = read::<Provider>("providers.csv", text("providers.csv")?)?;
        let models = read::<Model>("models.csv", text("models.csv")?)?;
        let storage_classes = read::<StorageClass>("storage_classes.csv", text("storage_classes.csv")?)?;
        let vector_dbs = read::<VectorDbOffering>("vector_dbs.csv", text("vector_dbs.csv")?)?;
        let strategies = read::<Strategy>("strategies.csv", text("strategies.csv")?)?;
        let tiers = read::<Tier>("tiers.csv", text("tiers.csv")?)?;
        let risk_rows = read::<RiskRow>("risks.csv", text("risks.csv")?)?;

        check_regions(&regions)?;
        check_region_prices(&region_prices, &regions)?;
        check_transfer(&transfer, &regions)?;
        check_providers(&providers)?;
        check_models(&models, &providers, &meta.published)?;
        check_storage(&storage_classes)?;
        check_vector_dbs(&vector_dbs)?;
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
            region_prices: rows(region_prices),
            transfer: rows(transfer),
            providers: rows(providers),
            models: rows(models),
            storage_classes: rows(storage_classes),
            vector_dbs: rows(vector_dbs),
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

    /// Every priced resource of every region, in file order.
    pub fn region_prices(&self) -> &[RegionPrice] {
        &self.region_prices
    }

    /// All vector database offerings.
    pub fn vector_dbs(&self) -> &[VectorDbOffering] {
        &self.vector_dbs
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

    /// Whether the provider runs open-weight models on the cloud's GPUs
    /// (priced per GPU-hour) rather than selling tokens.
    pub fn is_self_hosted(&self, provider: &str) -> bool {
        self.provider(provider)
            .is_some_and(|p| p.kind == ProviderKind::SelfHosted)
    }

    /// A model by provider and model id, at the prices in force on the
    /// catalog's publication date: of its rows, the one with the latest
    /// `price_from` on or before that date (a row without one applies from
    /// the start). Dates compare as `YYYY-MM-DD` text.
    pub fn model(&self, provider: &str, model: &str) -> Option<&Model> {
        let published = self.published.as_str();
        self.models
            .iter()
            .filter(|m| m.provider == provider && m.model == model)
            .filter(|m| m.price_from.as_deref().is_none_or(|d| d <= published))
            .max_by(|a, b| a.price_from.cmp(&b.price_from))
    }

    /// The next price of a model after the catalog's publication date, if
    /// one is announced: the row with the earliest later `price_from`.
    pub fn next_model_price(&self, provider: &str, model: &str) -> Option<&Model> {
        let published = self.published.as_str();
        self.models
            .iter()
            .filter(|m| m.provider == provider && m.model == model)
            .filter(|m| m.price_from.as_deref().is_some_and(|d| d > published))
            .min_by(|a, b| a.price_from.cmp(&b.price_from))
    }

    /// The price of `resource` in `region`, USD, if the catalog has one.
    pub fn region_price(&self, region: &str, resource: &str) -> Option<Decimal> {
        self.region_prices
            .iter()
            .find(|p| p.region == region && p.resource == resource)
            .map(|p| p.price)
    }

    /// A vector database offering by id.
    pub fn vector_db(&self, id: &str) -> Option<&VectorDbOffering> {
        self.vector_dbs.iter().find(|v| v.id == id)
    }

    /// A storage class by id.
    pub fn storage_class(&self, id: &str) -> Option<&StorageClass> {
        self.storage_classes.iter().find(|c| c.id == id)
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
}

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
    check_models, check_providers, check_regions, check_risks, check_storage, check_strategies, check_tiers,
    check_transfer, check_units,
};
use load::{read, rows};
pub use load::{CatalogFiles, FILE_NAMES};
pub use rows::{
    DataMode, Mitigation, Model, ModelKind, Provider, Range, Region, ReplicationMode, RiskScenario, StorageClass,
    StorageTier, Strategy, Tier, TransferPrice, UnitPrice,
};
use rows::{Meta, RiskRow};

/// Unit price id for one vCPU-hour of application compute (USD).
pub const UNIT_COMPUTE_VCPU_HOUR: &str = "compute_vcpu_hour";
/// Unit price id for one GB-month of vector database (USD).
pub const UNIT_VECTOR_DB_GB_MONTH: &str = "vector_db_gb_month";

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
}

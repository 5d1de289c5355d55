//! Recovery figures: re-embedding the corpus, restoring from each backup class, backup ladder cost.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, StorageTier};
use crate::money::Money;
use crate::rounding::{hours, minutes};
use crate::scenario::Scenario;

const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
const BYTES_PER_GB: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
/// Bytes of one float32 dimension of a vector.
pub(crate) const BYTES_PER_DIMENSION: Decimal = Decimal::from_parts(4, 0, 0, false, 0);
const SIXTY: Decimal = Decimal::from_parts(60, 0, 0, false, 0);

/// Recovery costs and times for the scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recovery {
    /// Rebuilding the vector index from the corpus.
    pub reembedding: Reembedding,
    /// Restoring from each rung of the retention ladder that keeps backups.
    pub restores: Vec<RestoreOption>,
    /// GB in one snapshot: data plus the vector index when it is backed up.
    pub snapshot_gb: Decimal,
}

/// Re-embedding the corpus ("Disaster Recovery & Failover Strategies for AI Services", Part 3.1,
/// vector database backup: 400,000 documents for $40).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reembedding {
    /// Documents in the corpus.
    pub documents: u64,
    /// documents × tokens per document.
    pub tokens: Decimal,
    /// tokens per document × price per million tokens ÷ 1,000,000 × the
    /// reporting currency's rate, exact, not rounded ($0.0001 for the Part 3.1 example).
    pub cost_per_document: Decimal,
    /// tokens × price ÷ 1,000,000, in the reporting currency ($40 for the Part 3.1 example).
    pub cost: Money,
    /// tokens ÷ tokens-per-minute rate limit ÷ 60, rounded to 0.01 h.
    pub hours: Decimal,
}

/// Restoring the latest snapshot from one storage class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RestoreOption {
    /// Ladder rung.
    pub tier: StorageTier,
    /// Storage class id.
    pub class: String,
    /// Days the rung keeps backups.
    pub retention_days: u32,
    /// Hours before the first byte (the class's retrieval time).
    pub retrieval_hours: Decimal,
    /// retrieval hours + snapshot GB ÷ restore GB per hour, rounded to 0.01 h.
    pub hours: Decimal,
    /// snapshot GB × retrieval fee per GB, in the reporting currency.
    pub cost: Money,
}

/// Vector index size in GB: entered, or vectors × dimensions × 4 bytes (float32) ÷ 10⁹.
pub fn vector_db_gb(s: &Scenario) -> Decimal {
    s.vector_db.size_gb.unwrap_or_else(|| {
        Decimal::from(s.vector_db.vectors) * Decimal::from(s.vector_db.dimensions) * BYTES_PER_DIMENSION / BYTES_PER_GB
    })
}

/// GB in one snapshot: the data, plus the vector index when it is backed up.
pub fn snapshot_gb(s: &Scenario) -> Decimal {
    s.storage.data_gb
        + if s.vector_db.backed_up {
            vector_db_gb(s)
        } else {
            Decimal::ZERO
        }
}

/// The ladder's rungs in restore order (newest backups first): (tier, class id, days).
fn rungs(s: &Scenario) -> [(StorageTier, &str, u32); 3] {
    let b = &s.backups;
    [
        (StorageTier::Standard, b.standard_class.as_str(), b.standard_days),
        (StorageTier::Infrequent, b.infrequent_class.as_str(), b.infrequent_days),
        (StorageTier::Archive, b.archive_class.as_str(), b.archive_days),
    ]
}

/// Monthly USD cost of the retention ladder in us-east-1 prices: each rung
/// keeps one full snapshot, billed for at least the class's minimum duration:
/// snapshot GB × price × max(days, minimum days) ÷ days.
pub fn backup_ladder_monthly(catalog: &Catalog, s: &Scenario) -> Decimal {
    let gb = snapshot_gb(s);
    rungs(s)
        .iter()
        .filter(|(_, _, days)| *days > 0)
        .filter_map(|(_, id, days)| {
            let class = catalog.storage_class(id)?;
            let billed = Decimal::from((*days).max(class.min_days)) / Decimal::from(*days);
            Some(gb * class.price_per_gb_month * billed)
        })
        .sum()
}

/// Minutes to re-embed the corpus: tokens ÷ tokens per minute.
pub fn reembedding_minutes(catalog: &Catalog, s: &Scenario) -> Decimal {
    let c = &s.corpus;
    let tpm = c
        .tokens_per_minute
        .or_else(|| {
            catalog
                .model(&c.embedding_provider, &c.embedding_model)
                .and_then(|m| m.tokens_per_minute)
        })
        .unwrap_or(1)
        .max(1);
    corpus_tokens(s) / Decimal::from(tpm)
}

fn corpus_tokens(s: &Scenario) -> Decimal {
    Decimal::from(s.corpus.documents) * Decimal::from(s.corpus.tokens_per_document)
}

/// Minutes to restore the newest snapshot: the newest rung's retrieval time
/// plus snapshot GB ÷ restore throughput; when the vector index is not backed
/// up it is re-embedded in parallel, so the longer of the two counts.
pub fn restore_minutes(catalog: &Catalog, s: &Scenario) -> Decimal {
    let newest = rungs(s).into_iter().find(|(_, _, days)| *days > 0);
    let retrieval = newest
        .and_then(|(_, id, _)| catalog.storage_class(id))
        .map_or(Decimal::ZERO, |c| c.retrieval_hours);
    let data = (retrieval + snapshot_gb(s) / s.backups.restore_gb_per_hour) * SIXTY;
    if s.vector_db.backed_up {
        data
    } else {
        data.max(reembedding_minutes(catalog, s))
    }
}

/// Minutes to restore the vector index alone from the newest backup, or to
/// re-embed it when it is not backed up.
pub fn vector_restore_minutes(catalog: &Catalog, s: &Scenario) -> Decimal {
    if !s.vector_db.backed_up {
        return reembedding_minutes(catalog, s);
    }
    let newest = rungs(s).into_iter().find(|(_, _, days)| *days > 0);
    let retrieval = newest
        .and_then(|(_, id, _)| catalog.storage_class(id))
        .map_or(Decimal::ZERO, |c| c.retrieval_hours);
    (retrieval + vector_db_gb(s) / s.backups.restore_gb_per_hour) * SIXTY
}

/// Re-embedding cost in USD, exact.
pub(crate) fn reembedding_cost_usd(catalog: &Catalog, s: &Scenario) -> Decimal {
    let c = &s.corpus;
    let price = catalog
        .model(&c.embedding_provider, &c.embedding_model)
        .map_or(Decimal::ZERO, |m| m.input_per_mtok);
    corpus_tokens(s) * price / MILLION
}

/// All recovery figures; `convert` turns exact USD into rounded reporting currency.
pub(crate) fn recovery(catalog: &Catalog, s: &Scenario, convert: impl Fn(Decimal) -> Money) -> Recovery {
    let c = &s.corpus;
    let price = catalog
        .model(&c.embedding_provider, &c.embedding_model)
        .map_or(Decimal::ZERO, |m| m.input_per_mtok);
    let gb = snapshot_gb(s);
    let restores = rungs(s)
        .iter()
        .filter(|(_, _, days)| *days > 0)
        .filter_map(|&(tier, id, days)| {
            let class = catalog.storage_class(id)?;
            Some(RestoreOption {
                tier,
                class: id.to_owned(),
                retention_days: days,
                retrieval_hours: class.retrieval_hours,
                hours: hours(class.retrieval_hours + gb / s.backups.restore_gb_per_hour),
                cost: convert(gb * class.retrieval_per_gb),
            })
        })
        .collect();
    Recovery {
        reembedding: Reembedding {
            documents: c.documents,
            tokens: corpus_tokens(s),
            // Exact, in the reporting currency like `cost` beside it: a price
            // per document is a fraction of a cent, so it is not rounded.
            cost_per_document: Decimal::from(c.tokens_per_document) * price / MILLION * s.currency.rate_from_usd,
            cost: convert(reembedding_cost_usd(catalog, s)),
            hours: hours(reembedding_minutes(catalog, s) / SIXTY),
        },
        restores,
        snapshot_gb: minutes(gb),
    }
}

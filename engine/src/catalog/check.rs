//! What every catalog row must satisfy before a [`Catalog`](super::Catalog)
//! exists: ids present and unique, numbers within their column's range, dates
//! as `YYYY-MM` or `YYYY-MM-DD`, references to other files resolved, required
//! rows present. A failure names the file, line and column of the first bad
//! row. The column ranges are shared with the price overrides, which keep a
//! figure within what its file allows.

use rust_decimal::Decimal;

use super::rows::{
    Model, Provider, ProviderKind, Region, RegionPrice, RiskRow, StorageClass, Strategy, Tier, TransferPrice,
    VectorDbModel, VectorDbOffering,
};
use super::{RESOURCES, VCPU_HOUR};
use crate::error::{Error, Result};

/// A column's allowed values: least, most, and how a message says them.
pub(super) type Bounds = (Decimal, Decimal, &'static str);
// Column ranges shared by the file checks and the price overrides.
pub(super) const PRICE: Bounds = (Decimal::ZERO, PRICE_MAX, "0 and 1,000,000");
pub(super) const MULTIPLIER: Bounds = (Decimal::from_parts(1, 0, 0, false, 2), FACTOR_MAX, "0.01 and 10");
pub(super) const FACTOR: Bounds = (Decimal::ZERO, FACTOR_MAX, "0 and 10");
pub(super) const RETRIEVAL_HOURS: Bounds = (Decimal::ZERO, Decimal::from_parts(720, 0, 0, false, 0), "0 and 720");
pub(super) const FAILOVER_MINUTES: Bounds = (
    Decimal::ZERO,
    Decimal::from_parts(10_080, 0, 0, false, 0),
    "0 and 10,080",
);

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

pub(super) fn check_regions(rows: &[(u64, Region)]) -> Result<()> {
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
        if r.cloud.is_empty() {
            return Err(Error::catalog(f, *line, "cloud", "the cloud must not be empty"));
        }
        check_range(
            f,
            *line,
            "storage_multiplier",
            r.storage_multiplier,
            MULTIPLIER.0,
            MULTIPLIER.1,
        )?;
        check_as_of(f, *line, &r.as_of)?;
    }
    Ok(())
}

pub(super) fn check_transfer(rows: &[(u64, TransferPrice)], regions: &[(u64, Region)]) -> Result<()> {
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

pub(super) fn check_providers(rows: &[(u64, Provider)]) -> Result<()> {
    let mut seen = Vec::new();
    for (line, p) in rows {
        check_id("providers.csv", *line, "id", &p.id, &mut seen)?;
        check_as_of("providers.csv", *line, &p.as_of)?;
    }
    Ok(())
}

pub(super) fn check_models(rows: &[(u64, Model)], providers: &[(u64, Provider)], published: &str) -> Result<()> {
    let f = "models.csv";
    let mut seen = Vec::new();
    for (line, m) in rows {
        let Some((_, provider)) = providers.iter().find(|(_, p)| p.id == m.provider) else {
            return Err(Error::catalog(
                f,
                *line,
                "provider",
                format!("unknown provider {:?}: not in providers.csv", m.provider),
            ));
        };
        check_date(f, *line, "price_from", m.price_from.as_deref())?;
        check_date(f, *line, "retires", m.retires.as_deref())?;
        let key = format!(
            "{}/{} from {}",
            m.provider,
            m.model,
            m.price_from.as_deref().unwrap_or("the start")
        );
        check_id(f, *line, "model", &key, &mut seen)?;
        check_range(f, *line, "input_per_mtok", m.input_per_mtok, Decimal::ZERO, PRICE_MAX)?;
        check_range(f, *line, "output_per_mtok", m.output_per_mtok, Decimal::ZERO, PRICE_MAX)?;
        match provider.kind {
            ProviderKind::Api if m.tokens_per_minute.is_none_or(|t| t == 0) => {
                return Err(Error::catalog(
                    f,
                    *line,
                    "tokens_per_minute",
                    "an API model needs a rate limit of at least 1 token per minute",
                ))
            }
            ProviderKind::SelfHosted if m.gpu_tokens_per_second.is_none_or(|t| t <= Decimal::ZERO) => {
                return Err(Error::catalog(
                    f,
                    *line,
                    "gpu_tokens_per_second",
                    "a self-hosted model needs the tokens per second one GPU sustains, above 0",
                ))
            }
            _ => {}
        }
        check_as_of(f, *line, &m.as_of)?;
    }
    // Every model must have a price in force on the publication date.
    for (line, m) in rows {
        let in_force = rows.iter().any(|(_, r)| {
            r.provider == m.provider && r.model == m.model && r.price_from.as_deref().is_none_or(|d| d <= published)
        });
        if !in_force {
            return Err(Error::catalog(
                f,
                *line,
                "price_from",
                format!(
                    "{}/{} has no price in force on the catalog's date {published}",
                    m.provider, m.model
                ),
            ));
        }
    }
    Ok(())
}

pub(super) fn check_storage(rows: &[(u64, StorageClass)]) -> Result<()> {
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

pub(super) fn check_region_prices(rows: &[(u64, RegionPrice)], regions: &[(u64, Region)]) -> Result<()> {
    let f = "region_prices.csv";
    let mut seen: Vec<(String, String)> = Vec::new();
    for (line, p) in rows {
        if !regions.iter().any(|(_, r)| r.id == p.region) {
            return Err(Error::catalog(
                f,
                *line,
                "region",
                format!("unknown region {:?}: not in regions.csv", p.region),
            ));
        }
        if !RESOURCES.contains(&p.resource.as_str()) {
            return Err(Error::catalog(
                f,
                *line,
                "resource",
                format!(
                    "unknown resource {:?}: must be one of {}",
                    p.resource,
                    RESOURCES.join(", ")
                ),
            ));
        }
        let key = (p.region.clone(), p.resource.clone());
        if seen.contains(&key) {
            return Err(Error::catalog(
                f,
                *line,
                "(row)",
                format!("duplicate price of {} in {}", p.resource, p.region),
            ));
        }
        seen.push(key);
        check_range(f, *line, "price", p.price, PRICE.0, PRICE.1)?;
        check_as_of(f, *line, &p.as_of)?;
    }
    for (line, r) in regions {
        if !seen
            .iter()
            .any(|(region, resource)| region == &r.id && resource == VCPU_HOUR)
        {
            return Err(Error::catalog(
                "regions.csv",
                *line,
                "id",
                format!("region {} has no {VCPU_HOUR} price in region_prices.csv", r.id),
            ));
        }
    }
    Ok(())
}

pub(super) fn check_vector_dbs(rows: &[(u64, VectorDbOffering)]) -> Result<()> {
    let f = "vector_dbs.csv";
    let mut seen = Vec::new();
    for (line, v) in rows {
        check_id(f, *line, "id", &v.id, &mut seen)?;
        let needed: &[(&str, Option<Decimal>)] = match v.model {
            VectorDbModel::Serverless => &[
                ("storage_gb_month", v.storage_gb_month),
                ("read_units_per_million", v.read_units_per_million),
                ("write_units_per_million", v.write_units_per_million),
                ("minimum_monthly", v.minimum_monthly),
            ],
            _ => &[("node_ram_gb", v.node_ram_gb), ("index_overhead", v.index_overhead)],
        };
        for (column, value) in needed {
            match value {
                None => {
                    return Err(Error::catalog(
                        f,
                        *line,
                        column,
                        format!("a {:?} offering needs {column}", v.model),
                    ))
                }
                Some(value) => check_range(f, *line, column, *value, PRICE.0, PRICE.1)?,
            }
        }
        if v.model != VectorDbModel::Serverless {
            let resource = v.node_resource.as_deref().unwrap_or_default();
            if !RESOURCES.contains(&resource) {
                return Err(Error::catalog(
                    f,
                    *line,
                    "node_resource",
                    format!("{resource:?} must be one of {}", RESOURCES.join(", ")),
                ));
            }
            if v.node_ram_gb.is_some_and(|g| g.is_zero()) || v.index_overhead.is_some_and(|o| o < Decimal::ONE) {
                return Err(Error::catalog(
                    f,
                    *line,
                    "node_ram_gb",
                    "node_ram_gb must be above 0 and index_overhead at least 1",
                ));
            }
        }
        check_as_of(f, *line, &v.as_of)?;
    }
    Ok(())
}

fn check_date(file: &str, line: u64, column: &str, date: Option<&str>) -> Result<()> {
    let Some(date) = date else { return Ok(()) };
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(b.len() == 10 && digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return Err(Error::catalog(
            file,
            line,
            column,
            format!("invalid date {date:?}: expected YYYY-MM-DD"),
        ));
    }
    Ok(())
}

pub(super) fn check_strategies(rows: &[(u64, Strategy)]) -> Result<()> {
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

pub(super) fn check_tiers(rows: &[(u64, Tier)]) -> Result<()> {
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

pub(super) fn check_risks(rows: &[(u64, RiskRow)]) -> Result<()> {
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

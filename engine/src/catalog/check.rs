//! What every catalog row must satisfy before a [`Catalog`](super::Catalog)
//! exists: ids present and unique, numbers within their column's range, dates
//! as `YYYY-MM` or `YYYY-MM-DD`, references to other files resolved, required
//! rows present. A failure names the file, line and column of the first bad
//! row. The column ranges are shared with the price overrides, which keep a
//! figure within what its file allows.

use rust_decimal::Decimal;

use super::rows::{Model, Provider, Region, RiskRow, StorageClass, Strategy, Tier, TransferPrice, UnitPrice};
use super::{UNIT_COMPUTE_VCPU_HOUR, UNIT_VECTOR_DB_GB_MONTH};
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

pub(super) fn check_models(rows: &[(u64, Model)], providers: &[(u64, Provider)]) -> Result<()> {
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

pub(super) fn check_units(rows: &[(u64, UnitPrice)]) -> Result<()> {
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

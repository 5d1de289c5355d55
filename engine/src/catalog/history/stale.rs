//! Which rows of a catalog were last checked too long ago, by their `as_of` date.

use serde::Serialize;

use super::{file_names, Table};
use crate::catalog::CatalogFiles;

/// Why a row is listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Staleness {
    /// Its date is more than the allowed number of days before today.
    Old {
        /// Days from its date to today.
        days: i64,
    },
    /// Its date is empty.
    Missing,
    /// Its date is neither `YYYY-MM` nor `YYYY-MM-DD`, or no such day exists.
    Unreadable,
}

/// One row too old to trust, or whose date cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StaleRow {
    /// The file, e.g. `models.csv`.
    pub file: String,
    /// The 1-based line of the row.
    pub line: u64,
    /// The row's key (see `KEY_COLUMNS`).
    pub key: Vec<String>,
    /// Its date as written (`as_of`, or meta.csv's `published`).
    pub as_of: String,
    /// Its `source`, where the file has one: where to check the price again.
    pub source: String,
    /// Why it is listed.
    pub staleness: Staleness,
}

/// Every row of `files` whose date is more than `max_age_days` days before
/// `today` (year, month, day), or whose date is missing or unreadable. A
/// row's date is its `as_of` column, or `published` in a file without one
/// (meta.csv); `YYYY-MM` means the 1st of that month. Files with neither
/// column are skipped. Rows come by file name, then line.
pub fn stale(files: &CatalogFiles, today: (i32, u32, u32), max_age_days: u32) -> Vec<StaleRow> {
    let today = days_from_civil(today.0, today.1, today.2);
    let mut found = Vec::new();
    for name in file_names() {
        let Some(text) = files.get(name) else { continue };
        let table = Table::read(text);
        let Some(date) = table.column("as_of").or_else(|| table.column("published")) else {
            continue;
        };
        let source = table.column("source");
        let keys = table.key_columns();
        for row in &table.rows {
            let as_of = row.cell(date);
            let staleness = if as_of.is_empty() {
                Staleness::Missing
            } else {
                match parse_as_of(as_of) {
                    None => Staleness::Unreadable,
                    Some((y, m, d)) => {
                        let days = today - days_from_civil(y, m, d);
                        if days <= i64::from(max_age_days) {
                            continue;
                        }
                        Staleness::Old { days }
                    }
                }
            };
            found.push(StaleRow {
                file: name.to_owned(),
                line: row.line,
                key: Table::key_of(row, &keys),
                as_of: as_of.to_owned(),
                source: source.map_or("", |i| row.cell(i)).to_owned(),
                staleness,
            });
        }
    }
    found
}

/// A catalog date, `YYYY-MM` (the 1st of the month) or `YYYY-MM-DD`, as
/// (year, month, day); `None` when it is neither or the day does not exist.
pub fn parse_as_of(text: &str) -> Option<(i32, u32, u32)> {
    let number = |part: &str, digits: usize| {
        (part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let mut parts = text.split('-');
    let year = number(parts.next()?, 4)?;
    let month = number(parts.next()?, 2)?;
    let day = match parts.next() {
        None => 1,
        Some(day) => number(day, 2)?,
    };
    if parts.next().is_some() || !(1..=12).contains(&month) {
        return None;
    }
    let year = i32::try_from(year).ok()?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=days_in_month).contains(&day).then_some((year, month, day))
}

/// Days from 1970-01-01 to a day of the proleptic Gregorian calendar
/// (Howard Hinnant's `days_from_civil`, chrono-compatible algorithms).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = i64::from(month);
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

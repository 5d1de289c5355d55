//! The catalog files and how their CSV text is read.
//!
//! [`CatalogFiles`] holds file names and their text (the shipped copy of `data/`
//! is embedded at compile time); [`read`] turns one file into typed rows, each
//! with its line number, and names the file, line and column of anything it
//! cannot read. What the rows must then satisfy is in `check`.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::error::{Error, Result};

/// The catalog files, in load order. Every one is required.
pub const FILE_NAMES: [&str; 11] = [
    "meta.csv",
    "regions.csv",
    "region_prices.csv",
    "transfer.csv",
    "providers.csv",
    "models.csv",
    "storage_classes.csv",
    "vector_dbs.csv",
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

const SHIPPED: [(&str, &str); 11] = [
    ("meta.csv", include_str!("../../../data/meta.csv")),
    ("regions.csv", include_str!("../../../data/regions.csv")),
    ("region_prices.csv", include_str!("../../../data/region_prices.csv")),
    ("transfer.csv", include_str!("../../../data/transfer.csv")),
    ("providers.csv", include_str!("../../../data/providers.csv")),
    ("models.csv", include_str!("../../../data/models.csv")),
    ("storage_classes.csv", include_str!("../../../data/storage_classes.csv")),
    ("vector_dbs.csv", include_str!("../../../data/vector_dbs.csv")),
    ("strategies.csv", include_str!("../../../data/strategies.csv")),
    ("tiers.csv", include_str!("../../../data/tiers.csv")),
    ("risks.csv", include_str!("../../../data/risks.csv")),
];

/// Drops the line numbers once the rows are checked.
pub(super) fn rows<T>(rows: Vec<(u64, T)>) -> Vec<T> {
    rows.into_iter().map(|(_, r)| r).collect()
}

/// Reads one CSV file into rows, each with its 1-based line number.
pub(super) fn read<T: DeserializeOwned>(file: &str, text: &str) -> Result<Vec<(u64, T)>> {
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
pub(super) fn decimal<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Decimal, D::Error> {
    let text = String::deserialize(d)?;
    text.trim()
        .parse::<Decimal>()
        .map_err(|_| serde::de::Error::custom(format!("invalid number {text:?}")))
}

/// An optional decimal column: empty is `None`.
pub(super) fn optional_decimal<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Decimal>, D::Error> {
    let text = Option::<String>::deserialize(d)?;
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => t
            .parse::<Decimal>()
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("invalid number {t:?}"))),
    }
}

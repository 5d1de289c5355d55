//! Catalog versions that last: the released catalogs, what changed between two, and which rows are stale.
//!
//! Each released catalog is kept byte for byte in `data/versions/<version>/`
//! and embedded here with `include_str!`, beside the current one in `data/`
//! ([`CatalogFiles::shipped`]). A released catalog may have another schema
//! than the current one (files come and go, headers change), so nothing here
//! goes through the typed [`Catalog`](super::Catalog) loader: every file is
//! read as a plain CSV table, a header and rows of text ([`Table`]), and
//! compared ([`diff`]) or dated ([`stale`]) as such.

mod diff;
mod stale;

use super::{CatalogFiles, FILE_NAMES};

pub use diff::{diff, CatalogDiff, CellDiff, Duplicate, FileDiff, FileStatus, HeaderDiff, RowDiff, RowKind, Side};
pub use stale::{days_from_civil, parse_as_of, stale, StaleRow, Staleness};

/// The name that stands for the catalog in `data/` (the one this build prices with).
pub const CURRENT: &str = "current";

/// The columns that identify a row, in the order they are looked for; a
/// file's key is those of them in its header (in header order), else its first column.
pub const KEY_COLUMNS: [&str; 8] = [
    "id",
    "provider",
    "model",
    "region",
    "resource",
    "from_region",
    "to_region",
    "price_from",
];

/// One released catalog: its version and its files as they were released.
type Released = (&'static str, &'static [(&'static str, &'static str)]);

/// The released catalogs, oldest first. Releasing a version is copying
/// `data/*.csv` into `data/versions/<version>/` and adding its files here.
const RELEASED: &[Released] = &[
    (
        "2026-11",
        &[
            ("meta.csv", include_str!("../../../data/versions/2026-11/meta.csv")),
            (
                "regions.csv",
                include_str!("../../../data/versions/2026-11/regions.csv"),
            ),
            (
                "transfer.csv",
                include_str!("../../../data/versions/2026-11/transfer.csv"),
            ),
            (
                "providers.csv",
                include_str!("../../../data/versions/2026-11/providers.csv"),
            ),
            ("models.csv", include_str!("../../../data/versions/2026-11/models.csv")),
            (
                "storage_classes.csv",
                include_str!("../../../data/versions/2026-11/storage_classes.csv"),
            ),
            (
                "unit_prices.csv",
                include_str!("../../../data/versions/2026-11/unit_prices.csv"),
            ),
            (
                "strategies.csv",
                include_str!("../../../data/versions/2026-11/strategies.csv"),
            ),
            ("tiers.csv", include_str!("../../../data/versions/2026-11/tiers.csv")),
            ("risks.csv", include_str!("../../../data/versions/2026-11/risks.csv")),
        ],
    ),
    (
        "2026-12",
        &[
            ("meta.csv", include_str!("../../../data/versions/2026-12/meta.csv")),
            (
                "regions.csv",
                include_str!("../../../data/versions/2026-12/regions.csv"),
            ),
            (
                "region_prices.csv",
                include_str!("../../../data/versions/2026-12/region_prices.csv"),
            ),
            (
                "transfer.csv",
                include_str!("../../../data/versions/2026-12/transfer.csv"),
            ),
            (
                "providers.csv",
                include_str!("../../../data/versions/2026-12/providers.csv"),
            ),
            ("models.csv", include_str!("../../../data/versions/2026-12/models.csv")),
            (
                "storage_classes.csv",
                include_str!("../../../data/versions/2026-12/storage_classes.csv"),
            ),
            (
                "vector_dbs.csv",
                include_str!("../../../data/versions/2026-12/vector_dbs.csv"),
            ),
            (
                "strategies.csv",
                include_str!("../../../data/versions/2026-12/strategies.csv"),
            ),
            ("tiers.csv", include_str!("../../../data/versions/2026-12/tiers.csv")),
            ("risks.csv", include_str!("../../../data/versions/2026-12/risks.csv")),
        ],
    ),
];

/// The released catalogs, oldest first, each with its version id (`2026-11`).
pub fn released() -> Vec<(&'static str, CatalogFiles)> {
    RELEASED
        .iter()
        .map(|(version, files)| {
            let mut set = CatalogFiles::new();
            for (name, text) in *files {
                set.insert(*name, *text);
            }
            (*version, set)
        })
        .collect()
}

/// Every name a catalog may be asked for by: the released versions, oldest
/// first, then [`CURRENT`].
pub fn version_ids() -> Vec<&'static str> {
    RELEASED.iter().map(|(v, _)| *v).chain([CURRENT]).collect()
}

/// The names of [`version_ids`] as a sentence's list: `2026-11, current`.
pub fn allowed() -> String {
    version_ids().join(", ")
}

/// The catalog a version id names: a released version, or [`CURRENT`] for the
/// shipped one; `None` for anything else.
pub fn resolve(id: &str) -> Option<CatalogFiles> {
    if id == CURRENT {
        return Some(CatalogFiles::shipped());
    }
    released().into_iter().find(|(v, _)| *v == id).map(|(_, files)| files)
}

/// The file names a catalog is made of, sorted: those of the current catalog
/// ([`FILE_NAMES`]) and those of every released version. A folder read as a
/// catalog is read for these; as everywhere, files of other names are ignored.
pub fn file_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = FILE_NAMES
        .iter()
        .copied()
        .chain(
            RELEASED
                .iter()
                .flat_map(|(_, files)| files.iter().map(|(name, _)| *name)),
        )
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// The `version` of a catalog's meta.csv, if it has one.
pub fn version_of(files: &CatalogFiles) -> Option<String> {
    let meta = Table::read(files.get("meta.csv")?);
    let column = meta.column("version")?;
    meta.rows.first().map(|row| row.cell(column).to_owned())
}

/// One CSV file read without knowing its schema: the header and the rows,
/// each cell trimmed as the typed loader trims it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The column names of the first line.
    pub header: Vec<String>,
    /// The rows below it, in file order.
    pub rows: Vec<Row>,
}

/// One row of a [`Table`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The 1-based line the row starts on.
    pub line: u64,
    /// The cells; a short row has fewer than the header (read as empty), a long one more.
    pub cells: Vec<String>,
}

impl Row {
    /// The cell of column `index`; empty when the row is short.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }
}

impl Table {
    /// Reads CSV text. It does not fail: a row of another length is kept as
    /// it is and a line the CSV reader cannot read ends the table, so a
    /// broken released file still shows in a diff instead of hiding it.
    pub fn read(text: &str) -> Table {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut table = Table::default();
        let mut record = csv::StringRecord::new();
        let mut first = true;
        while let Ok(true) = reader.read_record(&mut record) {
            let cells: Vec<String> = record.iter().map(str::to_owned).collect();
            if first {
                table.header = cells;
                first = false;
            } else {
                let line = record.position().map_or(0, csv::Position::line);
                table.rows.push(Row { line, cells });
            }
        }
        table
    }

    /// The index of a column by name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// The key columns' indexes: those of [`KEY_COLUMNS`] in the header, in
    /// header order, else the first column (none for a file without a header).
    pub fn key_columns(&self) -> Vec<usize> {
        let keys: Vec<usize> = (0..self.header.len())
            .filter(|&i| KEY_COLUMNS.contains(&self.header[i].as_str()))
            .collect();
        if keys.is_empty() && !self.header.is_empty() {
            vec![0]
        } else {
            keys
        }
    }

    /// A row's key: the cells of `columns`.
    pub fn key_of(row: &Row, columns: &[usize]) -> Vec<String> {
        columns.iter().map(|&i| row.cell(i).to_owned()).collect()
    }
}

/// A released version as a typed catalog, when its files load with this
/// build's schema (2026-11 does not: its tables predate per-region prices),
/// so a link made with it is priced as it was. Loaded once per process.
pub fn loaded(version: &str) -> Option<&'static super::Catalog> {
    static LOADED: std::sync::OnceLock<Vec<(&'static str, Option<super::Catalog>)>> = std::sync::OnceLock::new();
    LOADED
        .get_or_init(|| {
            released()
                .into_iter()
                .map(|(v, files)| (v, super::Catalog::from_files(&files).ok()))
                .collect()
        })
        .iter()
        .find(|(v, _)| *v == version)
        .and_then(|(_, catalog)| catalog.as_ref())
}

/// A row key as people read it: its non-empty parts joined by `/`
/// (`openai/gpt-4o`; a model's empty `price_from` is left out).
pub fn key_text(key: &[String]) -> String {
    key.iter()
        .filter(|part| !part.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("/")
}

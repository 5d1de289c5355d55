//! What changed between two catalogs, file by file and row by row, read as plain CSV tables.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{file_names, Row, Table};
use crate::catalog::CatalogFiles;

/// Every difference between two catalogs: one entry per file that differs,
/// by file name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogDiff {
    /// The files that differ, by name; files that are the same are left out.
    pub files: Vec<FileDiff>,
}

impl CatalogDiff {
    /// Whether the two catalogs are the same, file by file and row by row.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// How many rows were added, removed or changed, in every file.
    pub fn row_count(&self) -> usize {
        self.files.iter().map(|f| f.rows.len()).sum()
    }
}

/// Whether a file is in one catalog, the other, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// Only in the second catalog: every row is added.
    Added,
    /// Only in the first catalog: every row is removed.
    Removed,
    /// In both, with some difference.
    Changed,
}

/// The differences of one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FileDiff {
    /// The file's name, e.g. `models.csv`.
    pub file: String,
    /// Whether the file was added, removed or changed.
    pub status: FileStatus,
    /// The columns whose values identify a row (see `KEY_COLUMNS`).
    pub key_columns: Vec<String>,
    /// The header's change, when it changed.
    pub header: Option<HeaderDiff>,
    /// The rows added, removed or changed, by key.
    pub rows: Vec<RowDiff>,
    /// Keys given to more than one row of one side; such rows are paired in file order.
    pub duplicates: Vec<Duplicate>,
}

/// How a header changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeaderDiff {
    /// The header in the first catalog.
    pub from: Vec<String>,
    /// The header in the second catalog.
    pub to: Vec<String>,
    /// Columns only in the second.
    pub added: Vec<String>,
    /// Columns only in the first.
    pub removed: Vec<String>,
}

/// What happened to a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// Only in the second catalog.
    Added,
    /// Only in the first catalog.
    Removed,
    /// In both, with at least one cell different.
    Changed,
}

/// One row added, removed or changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowDiff {
    /// Added, removed or changed.
    pub kind: RowKind,
    /// The row's key: the cells of the file's key columns.
    pub key: Vec<String>,
    /// The row's line in the first catalog's file.
    pub from_line: Option<u64>,
    /// The row's line in the second catalog's file.
    pub to_line: Option<u64>,
    /// Changed: each cell that differs; added or removed: every cell.
    pub cells: Vec<CellDiff>,
}

/// One cell's old and new value; `None` where the column is not in that side's header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CellDiff {
    /// The column's name.
    pub column: String,
    /// The value in the first catalog.
    pub from: Option<String>,
    /// The value in the second catalog.
    pub to: Option<String>,
}

/// Which of the two catalogs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The first (`from`).
    From,
    /// The second (`to`).
    To,
}

/// A key that more than one row of one side carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Duplicate {
    /// The side whose file repeats the key.
    pub side: Side,
    /// The repeated key.
    pub key: Vec<String>,
    /// The lines of the rows that carry it.
    pub lines: Vec<u64>,
}

/// Every difference from `from` to `to`: per file (those of
/// [`file_names`](super::file_names)), the files added or removed, the
/// header's change, and the rows added, removed and changed (with each
/// changed cell's old and new value). Rows are matched by key (see
/// `KEY_COLUMNS`); rows sharing a key are reported as [`Duplicate`]s and
/// paired in file order. Files come by name and rows by key, so the same two
/// catalogs always give the same diff.
pub fn diff(from: &CatalogFiles, to: &CatalogFiles) -> CatalogDiff {
    let files = file_names()
        .into_iter()
        .filter_map(|name| match (from.get(name), to.get(name)) {
            (None, None) => None,
            (Some(a), Some(b)) if a == b => None,
            (a, b) => diff_file(name, a.map(Table::read), b.map(Table::read)),
        })
        .collect();
    CatalogDiff { files }
}

/// The rows of one side by key; each key's rows in file order.
type Keyed<'t> = BTreeMap<Vec<String>, Vec<&'t Row>>;

fn keyed<'t>(table: &'t Table, columns: &[usize]) -> Keyed<'t> {
    let mut rows: Keyed<'t> = BTreeMap::new();
    for row in &table.rows {
        rows.entry(Table::key_of(row, columns)).or_default().push(row);
    }
    rows
}

fn duplicates<'a>(side: Side, rows: &'a Keyed<'_>) -> impl Iterator<Item = Duplicate> + 'a {
    rows.iter()
        .filter(|(_, rows)| rows.len() > 1)
        .map(move |(key, rows)| Duplicate {
            side,
            key: key.clone(),
            lines: rows.iter().map(|r| r.line).collect(),
        })
}

/// The key columns of both sides: those of the second side's key that the
/// first side also has, by name, so a renamed or added key column does not
/// unpair every row; if they share none, each side's own key.
fn key_columns(from: &Table, to: &Table) -> (Vec<String>, Vec<usize>, Vec<usize>) {
    let shared: Vec<(String, usize, usize)> = to
        .key_columns()
        .into_iter()
        .filter_map(|t| {
            let name = &to.header[t];
            from.column(name).map(|f| (name.clone(), f, t))
        })
        .collect();
    if shared.is_empty() {
        let names = to.key_columns().iter().map(|&i| to.header[i].clone()).collect();
        return (names, from.key_columns(), to.key_columns());
    }
    (
        shared.iter().map(|(n, ..)| n.clone()).collect(),
        shared.iter().map(|(_, f, _)| *f).collect(),
        shared.iter().map(|(.., t)| *t).collect(),
    )
}

/// Every cell of `row` as added (`to`) or removed (`from`).
fn whole_row(table: &Table, row: &Row, side: Side) -> Vec<CellDiff> {
    let width = table.header.len().max(row.cells.len());
    (0..width)
        .map(|i| {
            let column = table
                .header
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("(column {})", i + 1));
            let value = Some(row.cell(i).to_owned());
            match side {
                Side::From => CellDiff {
                    column,
                    from: value,
                    to: None,
                },
                Side::To => CellDiff {
                    column,
                    from: None,
                    to: value,
                },
            }
        })
        .collect()
}

/// The cells that differ between two rows, by column name: the second
/// header's columns in its order, then the columns only the first has.
fn changed_cells(from: &Table, a: &Row, to: &Table, b: &Row) -> Vec<CellDiff> {
    let columns = to
        .header
        .iter()
        .chain(from.header.iter().filter(|h| to.column(h).is_none()));
    columns
        .filter_map(|name| {
            let old = from.column(name).map(|i| a.cell(i).to_owned());
            let new = to.column(name).map(|i| b.cell(i).to_owned());
            (old != new).then(|| CellDiff {
                column: name.clone(),
                from: old,
                to: new,
            })
        })
        .collect()
}

fn diff_file(name: &str, from: Option<Table>, to: Option<Table>) -> Option<FileDiff> {
    let (status, from, to) = match (from, to) {
        (Some(a), Some(b)) => (FileStatus::Changed, a, b),
        (Some(a), None) => (FileStatus::Removed, a, Table::default()),
        (None, Some(b)) => (FileStatus::Added, Table::default(), b),
        (None, None) => return None,
    };
    let (key_names, from_keys, to_keys) = match status {
        FileStatus::Removed => {
            let keys = from.key_columns();
            (keys.iter().map(|&i| from.header[i].clone()).collect(), keys, Vec::new())
        }
        FileStatus::Added => {
            let keys = to.key_columns();
            (keys.iter().map(|&i| to.header[i].clone()).collect(), Vec::new(), keys)
        }
        FileStatus::Changed => key_columns(&from, &to),
    };
    let header = (status == FileStatus::Changed && from.header != to.header).then(|| HeaderDiff {
        from: from.header.clone(),
        to: to.header.clone(),
        added: to.header.iter().filter(|h| from.column(h).is_none()).cloned().collect(),
        removed: from.header.iter().filter(|h| to.column(h).is_none()).cloned().collect(),
    });
    let old = keyed(&from, &from_keys);
    let new = keyed(&to, &to_keys);
    let duplicates: Vec<Duplicate> = duplicates(Side::From, &old).chain(duplicates(Side::To, &new)).collect();
    let mut keys: Vec<&Vec<String>> = old.keys().chain(new.keys()).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut rows = Vec::new();
    for key in keys {
        let olds = old.get(key).map_or(&[][..], Vec::as_slice);
        let news = new.get(key).map_or(&[][..], Vec::as_slice);
        for i in 0..olds.len().max(news.len()) {
            let row = match (olds.get(i), news.get(i)) {
                (Some(a), Some(b)) => {
                    let cells = changed_cells(&from, a, &to, b);
                    if cells.is_empty() {
                        continue;
                    }
                    RowDiff {
                        kind: RowKind::Changed,
                        key: key.clone(),
                        from_line: Some(a.line),
                        to_line: Some(b.line),
                        cells,
                    }
                }
                (Some(a), None) => RowDiff {
                    kind: RowKind::Removed,
                    key: key.clone(),
                    from_line: Some(a.line),
                    to_line: None,
                    cells: whole_row(&from, a, Side::From),
                },
                (None, Some(b)) => RowDiff {
                    kind: RowKind::Added,
                    key: key.clone(),
                    from_line: None,
                    to_line: Some(b.line),
                    cells: whole_row(&to, b, Side::To),
                },
                (None, None) => continue,
            };
            rows.push(row);
        }
    }
    // Text that differs only where the reader does not look (spaces around cells, line endings).
    if status == FileStatus::Changed && header.is_none() && rows.is_empty() && duplicates.is_empty() {
        return None;
    }
    Some(FileDiff {
        file: name.to_owned(),
        status,
        key_columns: key_names,
        header,
        rows,
        duplicates,
    })
}

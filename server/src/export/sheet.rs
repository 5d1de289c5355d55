//! The CSV writer every export shares: one `#[derive(Serialize)]` struct per
//! row (the rust-csv cookbook way), so a header is the row's field names and
//! cannot drift from the row, followed on every line by the trace columns
//! (catalog version and share link) that say where the figures come from.
//! Text is neutralised against spreadsheet formulas; money is a plain number.

use std::marker::PhantomData;

use engine::Money;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::{Error, Result};

/// A CSV being written: a header row taken from `R`'s and `T`'s field names,
/// then one line per [`Sheet::row`], each ending with the trace `T`.
pub(super) struct Sheet<R, T> {
    writer: csv::Writer<Vec<u8>>,
    trace: T,
    error: Option<csv::Error>,
    row: PhantomData<fn(&R)>,
}

impl<R: Serialize + Default, T: Serialize> Sheet<R, T> {
    /// A sheet whose every row ends with `trace`; the header is written now,
    /// so a table with no rows still has one.
    pub(super) fn new(trace: T) -> Sheet<R, T> {
        let mut sheet = Sheet {
            writer: builder().has_headers(false).from_writer(Vec::new()),
            trace,
            error: None,
            row: PhantomData,
        };
        match header::<R, T>(&sheet.trace) {
            Ok(names) => sheet.keep(|w| w.write_record(&names)),
            Err(e) => sheet.error = Some(e),
        }
        sheet
    }

    /// Writes `row`, then the trace.
    pub(super) fn row(&mut self, row: R) {
        let trace = &self.trace;
        if let Err(e) = self.writer.serialize((&row, trace)) {
            self.error.get_or_insert(e);
        }
    }

    /// The file's bytes, or the first error met while writing.
    pub(super) fn finish(self) -> Result<Vec<u8>> {
        let internal = |e: &dyn std::fmt::Display| Error::Internal(format!("writing a CSV file: {e}"));
        if let Some(e) = self.error {
            return Err(internal(&e));
        }
        self.writer.into_inner().map_err(|e| internal(&e))
    }

    fn keep(&mut self, write: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>) {
        if let Err(e) = write(&mut self.writer) {
            self.error.get_or_insert(e);
        }
    }
}

/// RFC 4180: CRLF line ends, fields quoted only when they must be.
fn builder() -> csv::WriterBuilder {
    let mut builder = csv::WriterBuilder::new();
    builder.terminator(csv::Terminator::CRLF);
    builder
}

/// The header csv derives from `R`'s and `T`'s field names. csv writes a
/// header only together with a first record, so a default row is written
/// into a scratch buffer and its header read back.
fn header<R: Serialize + Default, T: Serialize>(trace: &T) -> csv::Result<csv::StringRecord> {
    let mut scratch = builder().has_headers(true).from_writer(Vec::new());
    scratch.serialize((&R::default(), trace))?;
    let bytes = scratch.into_inner().map_err(|e| e.into_error())?;
    csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes.as_slice())
        .headers()
        .cloned()
}

/// The columns every table ends with: where its figures come from.
#[derive(Serialize)]
pub(super) struct Trace {
    /// The catalog the figures are priced from, e.g. `2026-11`.
    pub catalog_version: Text,
    /// The share link of the scenario, as a path: `/?v=1&…`.
    pub share_link: Text,
}

/// A text field. A spreadsheet runs a cell starting with `=`, `+`, `-`,
/// `@`, a tab, a carriage return or a line feed as a formula (OWASP "CSV
/// injection"; a leading line break starts a formula on the cell's next
/// line in some spreadsheets); a leading apostrophe makes it text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Text(pub String);

impl Text {
    fn neutralised(&self) -> std::borrow::Cow<'_, str> {
        if self.0.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) {
            format!("'{}", self.0).into()
        } else {
            self.0.as_str().into()
        }
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.neutralised())
    }
}

/// Text for a field.
pub(super) fn text(value: impl Into<String>) -> Text {
    Text(value.into())
}

/// Money as a plain number with two decimals, no separators, no symbol: `7800.00`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Amount(pub Money);

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0.round_cents())
    }
}

/// A decimal with every digit it has and no trailing zeros: `6.24`, `15000`, `-3`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Number(pub Decimal);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0.normalize())
    }
}

/// A field of a column that holds text on some rows and numbers on others.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub(super) enum Cell {
    /// Words, neutralised.
    Text(Text),
    /// Money, two decimals.
    Amount(Amount),
    /// A quantity, as it is.
    Number(Number),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default, Serialize)]
    struct Row {
        name: Text,
        #[serde(rename = "monthly cost")]
        monthly: Amount,
        hours: Option<Number>,
        value: Option<Cell>,
    }

    fn check(rows: Vec<Row>, expected: &str) {
        let mut sheet: Sheet<Row, Trace> = Sheet::new(Trace {
            catalog_version: text("2026-11"),
            share_link: text("/?v=1"),
        });
        for row in rows {
            sheet.row(row);
        }
        assert_eq!(String::from_utf8(sheet.finish().unwrap()).unwrap(), expected);
    }

    #[test]
    fn a_table_without_rows_still_has_its_header() {
        check(
            Vec::new(),
            "name,monthly cost,hours,value,catalog_version,share_link\r\n",
        );
    }

    #[test]
    fn every_row_ends_with_the_trace_and_empty_options_are_empty_fields() {
        check(
            vec![
                Row {
                    name: text("Compute, primary"),
                    monthly: Amount(Money::from_units(800)),
                    hours: Some(Number(Decimal::new(6240, 3))),
                    value: Some(Cell::Number(Number(Decimal::new(-5, 0)))),
                },
                Row::default(),
            ],
            "name,monthly cost,hours,value,catalog_version,share_link\r\n\
             \"Compute, primary\",800.00,6.24,-5,2026-11,/?v=1\r\n\
             ,0.00,,,2026-11,/?v=1\r\n",
        );
    }

    #[test]
    fn text_that_would_run_as_a_formula_is_neutralised_and_numbers_are_not() {
        let field = |cell: Cell| {
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
            w.serialize([cell]).unwrap();
            String::from_utf8(w.into_inner().unwrap())
                .unwrap()
                .trim_end()
                .to_owned()
        };
        for (cell, expected) in [
            (Cell::Text(text("=1+1")), "'=1+1"),
            (Cell::Text(text("+1")), "'+1"),
            (Cell::Text(text("-1")), "'-1"),
            (Cell::Text(text("@SUM(A1)")), "'@SUM(A1)"),
            (Cell::Text(text("\tx")), "'\tx"),
            (Cell::Text(text("\rx")), "\"'\rx\""),
            (Cell::Text(text("\nx")), "\"'\nx\""),
            (Cell::Text(text("plain")), "plain"),
            (Cell::Amount(Amount(Money::from_cents(-500))), "-5.00"),
            (Cell::Number(Number(Decimal::new(-150, 2))), "-1.5"),
        ] {
            assert_eq!(field(cell), expected);
        }
    }
}

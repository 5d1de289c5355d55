//! `compare.csv`: the rows in which two scenarios differ, both share links
//! on every row.

use engine::compare::{Comparison, Value};
use engine::Money;
use serde::Serialize;

use super::sheet::{text, Amount, Cell, Number, Sheet, Text};
use super::Report;
use crate::Result;

/// A row of `compare.csv`: an input or a figure of both scenarios. Money
/// has two decimals; a value one side lacks is empty.
#[derive(Default, Serialize)]
struct ComparisonRow {
    section: Text,
    item: Text,
    unit: Text,
    a: Option<Cell>,
    b: Option<Cell>,
    /// B − A.
    difference: Option<Cell>,
    /// (B − A) ÷ |A| in %.
    difference_percent: Option<Number>,
}

/// The columns a comparison ends with: the catalog and both links.
#[derive(Serialize)]
struct ComparisonTrace {
    catalog_version: Text,
    share_link_a: Text,
    share_link_b: Text,
}

fn cell(value: &Value) -> Option<Cell> {
    match value {
        Value::Money(m, _) => Some(Cell::Amount(Amount(*m))),
        Value::Number(n) => Some(Cell::Number(Number(*n))),
        Value::Text(t) => Some(Cell::Text(text(t))),
        Value::Absent => None,
    }
}

/// The rows of `comparison` that differ, one per line: section, item, unit,
/// A, B, B − A and (B − A) ÷ |A| in %, then the catalog version and both share
/// links. Money is written with two decimals; a value one side lacks is empty.
pub fn write_comparison(comparison: &Comparison, a: &Report, b: &Report) -> Result<Vec<u8>> {
    let mut sheet: Sheet<ComparisonRow, ComparisonTrace> = Sheet::new(ComparisonTrace {
        catalog_version: text(&a.estimate.catalog_version),
        share_link_a: text(&a.share_link),
        share_link_b: text(&b.share_link),
    });
    for row in comparison.differences() {
        let difference = row.difference.as_ref().map(|d| match row.a {
            Value::Money(..) => Cell::Amount(Amount(Money::new(d.amount))),
            _ => Cell::Number(Number(d.amount)),
        });
        sheet.row(ComparisonRow {
            section: text(&row.section),
            item: text(&row.item),
            unit: text(&row.unit),
            a: cell(&row.a),
            b: cell(&row.b),
            difference,
            difference_percent: row.difference.as_ref().and_then(|d| d.percent).map(Number),
        });
    }
    sheet.finish()
}

#[cfg(test)]
mod tests {
    use engine::compare::{compare, Side};

    use super::*;

    #[test]
    fn two_equal_scenarios_differ_in_nothing_and_the_file_is_its_header() {
        let catalog = engine::Catalog::shipped();
        let report = || Report::new(&catalog, engine::link::decode(&catalog, "").unwrap()).unwrap();
        let (a, b) = (report(), report());
        fn side(r: &Report) -> Side<'_> {
            Side {
                scenario: &r.scenario,
                estimate: &r.estimate,
            }
        }
        let bytes = write_comparison(&compare(side(&a), side(&b)), &a, &b).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "section,item,unit,a,b,difference,difference_percent,catalog_version,share_link_a,share_link_b\r\n"
        );
    }
}

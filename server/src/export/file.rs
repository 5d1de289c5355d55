//! How a CSV download is named and sent: `drplan-<table>-<scenario>-<date>.csv`,
//! UTF-8, as an attachment.

use axum::{
    http::header,
    response::{IntoResponse, Response},
};
use time::{Date, OffsetDateTime};

use super::Table;
use crate::charts::slug;

/// A CSV answer: UTF-8, downloaded as `filename`.
pub fn attachment(filename: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// `drplan-costs-production-tier-example-2026-11-25.csv`: the
/// table, the scenario name made safe for any file system, and the date.
pub fn filename(table: Table, scenario_name: &str, date: &str) -> String {
    format!("drplan-{}-{}-{date}.csv", table.name(), slug(scenario_name))
}

/// `drplan-compare-production-tier-example-vs-checkout-2026-11-25.csv`:
/// both scenario names, made safe as [`filename`] does (with [`slug`]), and the date.
pub fn compare_filename(a_name: &str, b_name: &str, date: &str) -> String {
    format!("drplan-compare-{}-vs-{}-{date}.csv", slug(a_name), slug(b_name))
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock.
pub fn today() -> String {
    iso_date(OffsetDateTime::now_utc().date())
}

/// `2026-11-25`.
fn iso_date(date: Date) -> String {
    // `Date`'s `Display` is ISO 8601's extended form for years 0 to 9999.
    date.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso_8601_counted_from_1970() {
        for (days, expected) in [
            (0, "1970-01-01"),
            (20_417, "2025-11-25"),
            (20_782, "2026-11-25"),
            (11_016, "2000-02-29"),
        ] {
            let date = OffsetDateTime::UNIX_EPOCH.date() + time::Duration::days(days);
            assert_eq!(iso_date(date), expected, "{days} days after 1970-01-01");
        }
    }

    #[test]
    fn filenames_carry_the_table_a_safe_scenario_name_and_the_date() {
        let cases = [
            (
                "Production tier example",
                "drplan-costs-production-tier-example-2026-11-25.csv",
            ),
            ("", "drplan-costs-scenario-2026-11-25.csv"),
            ("=HYPERLINK(\"x\")", "drplan-costs-hyperlink-x-2026-11-25.csv"),
            ("../../etc/passwd", "drplan-costs-etc-passwd-2026-11-25.csv"),
            ("Ünïcödé only", "drplan-costs-n-c-d-only-2026-11-25.csv"),
        ];
        for (name, expected) in cases {
            assert_eq!(filename(Table::Costs, name, "2026-11-25"), expected, "{name}");
        }
    }

    #[test]
    fn a_comparison_file_is_named_after_both_scenarios() {
        assert_eq!(
            compare_filename("Checkout", "=cmd|' /C calc'!A0", "2026-11-25"),
            "drplan-compare-checkout-vs-cmd-c-calc-a0-2026-11-25.csv"
        );
    }
}

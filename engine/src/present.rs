//! How figures are written for people: money with its currency, compact
//! money for chart axes, counts, durations, hours and percentages. Pure
//! string work on the engine's figures, shared by the page, the charts, the
//! CSV report and the CLI, so a currency or a duration reads the same
//! everywhere. Nothing here computes a figure.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::money::Money;
use crate::simulation::Computation;

/// `1234567.5` → `"1,234,567.50"`: two decimals, commas between thousands.
pub fn amount(value: Decimal) -> String {
    grouped(value, 2)
}

/// `15000` → `"15,000"`: whole numbers with commas (counts, tokens, requests).
pub fn count(value: Decimal) -> String {
    grouped(value, 0)
}

/// `1234.125` → `"1,234.125"`: commas between thousands, every decimal the
/// value has and no more (inputs are shown as exactly as they were given).
pub fn decimal(value: Decimal) -> String {
    let value = value.normalize();
    grouped(value, value.scale())
}

/// `value` rounded half away from zero to `decimals`, commas between thousands.
fn grouped(value: Decimal, decimals: u32) -> String {
    let rounded = round(value, decimals);
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
    if rounded.is_sign_negative() && !rounded.is_zero() {
        out.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// Half away from zero, like the engine's cents.
fn round(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

/// The prefix a currency is written with: `$` for USD, `€`, `£`, else the
/// code and a space (`CHF `).
pub fn currency_prefix(code: &str) -> String {
    match code {
        "USD" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        other => format!("{other} "),
    }
}

/// A money figure with its currency, for tables and text: `$93,600.00`,
/// `CHF 1,200.00`, `−$50.00` (a minus sign, not a hyphen).
pub fn money(value: Money, currency: &str) -> String {
    let text = amount(value.to_decimal());
    match text.strip_prefix('-') {
        Some(positive) => format!("−{}{positive}", currency_prefix(currency)),
        None => format!("{}{text}", currency_prefix(currency)),
    }
}

/// A money figure abbreviated for a chart, with the same prefix as
/// [`money`]: `7800` → `$7.8K`, `93600` → `$93.6K`, `1250000` → `$1.3M`,
/// `800` → `$800`, `€7.8K`, `CHF 7.8K`. One decimal, dropped when zero
/// (`$12K`); halves round away from zero; a loss is `-$3.6K`.
pub fn compact_money(value: Money, currency: &str) -> String {
    let value = value.to_decimal();
    let sign = if value.is_sign_negative() && !value.is_zero() {
        "-"
    } else {
        ""
    };
    let (number, suffix) = compact(value.abs());
    format!("{sign}{}{number}{suffix}", currency_prefix(currency))
}

/// The number and unit suffix of a compact amount.
fn compact(magnitude: Decimal) -> (String, &'static str) {
    let thousand = Decimal::ONE_THOUSAND;
    let million = thousand * thousand;
    let billion = million * thousand;
    let whole = round(magnitude, 0);
    if whole < thousand {
        return (whole.normalize().to_string(), "");
    }
    // Round first, then pick the unit: 999,960 is "$1M", not "$1000K".
    for (unit, suffix, next) in [(thousand, "K", million), (million, "M", billion)] {
        let scaled = round(magnitude / unit, 1);
        if scaled * unit < next {
            return (scaled.normalize().to_string(), suffix);
        }
    }
    (round(magnitude / billion, 1).normalize().to_string(), "B")
}

/// Hours with two decimals, for tables: `6.24`, `6.20`.
pub fn hours(value: Decimal) -> String {
    format!("{:.2}", round(value, 2))
}

/// Hours with their unit and only the decimals they have, for charts:
/// `6.24 h`, `5 h`.
pub fn compact_hours(value: Decimal) -> String {
    format!("{} h", value.normalize())
}

/// A duration given in minutes, in the unit a person would use:
/// `0.5` → `30 s`, `22` → `22 min`, `90` → `1.5 h`, `2880` → `2 days`.
pub fn duration_minutes(minutes: Decimal) -> String {
    let trim = |d: Decimal| round(d, 1).normalize().to_string();
    if minutes.is_zero() {
        "0 min".into()
    } else if minutes < Decimal::ONE {
        format!("{} s", trim(minutes * Decimal::from(60)))
    } else if minutes < Decimal::from(60) {
        format!("{} min", trim(minutes))
    } else if minutes < Decimal::from(48 * 60) {
        format!("{} h", trim(minutes / Decimal::from(60)))
    } else {
        format!("{} days", trim(minutes / Decimal::from(24 * 60)))
    }
}

/// A duration given in minutes, abbreviated for a chart: `0.5` → `0.5 min`,
/// `22` → `22 min`, `90` → `1.5 h`, `2880` → `2 d`.
pub fn compact_duration(minutes: Decimal) -> String {
    let sixty = Decimal::from(60);
    let day = Decimal::from(24 * 60);
    let trim = |d: Decimal| round(d, 1).normalize();
    if minutes < sixty {
        format!("{} min", trim(minutes))
    } else if minutes < day * Decimal::TWO {
        format!("{} h", trim(minutes / sixty))
    } else {
        format!("{} d", trim(minutes / day))
    }
}

/// A ratio as a multiple: `1.6` → `1.6×`.
pub fn multiple(value: Decimal) -> String {
    format!("{}×", value.normalize())
}

/// A percentage with one decimal: `30.5` → `30.5 %`.
pub fn percent(value: Decimal) -> String {
    format!("{:.1} %", round(value, 1))
}

/// How an annual-loss distribution was computed, in a few words for a
/// lede, a chart subtitle or a CSV cell: `computed exactly (FFT, 32,768
/// points, error ≤ $0.01)` — the error being the mean's, shown as at least a
/// cent since every figure is rounded to cents — or `10,000 simulated years, seed 1`.
pub fn computation(computed: &Computation, currency: &str) -> String {
    match *computed {
        Computation::Exact { points, mean_error, .. } => format!(
            "computed exactly (FFT, {} points, error ≤ {})",
            count(points.into()),
            money(mean_error.max(Money::from_cents(1)), currency)
        ),
        Computation::MonteCarlo { years, seed } => {
            format!("{} simulated years, seed {seed}", count(years.into()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `format` of the decimal written `input` is `expected`.
    #[track_caller]
    fn check(format: impl Fn(Decimal) -> String, input: &str, expected: &str) {
        let value: Decimal = input.parse().expect("a decimal");
        assert_eq!(format(value), expected, "input {input}");
    }

    fn usd(value: Decimal) -> String {
        money(Money::new(value), "USD")
    }

    fn compact_usd(value: Decimal) -> String {
        compact_money(Money::new(value), "USD")
    }

    #[test]
    fn amounts_have_two_decimals_and_thousands_separators() {
        check(amount, "0", "0.00");
        check(amount, "7.8", "7.80");
        check(amount, "999", "999.00");
        check(amount, "1000", "1,000.00");
        check(amount, "93600", "93,600.00");
        check(amount, "1234567.555", "1,234,567.56");
        check(amount, "-1500", "-1,500.00");
        check(amount, "-0.001", "0.00");
    }

    #[test]
    fn a_computation_says_how_and_how_far_off() {
        let exact = Computation::Exact {
            points: 32_768,
            step: Money::from_cents(43_059),
            mean_error: Money::ZERO,
            beyond_grid: Decimal::ZERO,
        };
        assert_eq!(
            computation(&exact, "EUR"),
            "computed exactly (FFT, 32,768 points, error ≤ €0.01)"
        );
        let simulated = Computation::MonteCarlo { years: 10_000, seed: 7 };
        assert_eq!(computation(&simulated, "USD"), "10,000 simulated years, seed 7");
    }

    #[test]
    fn counts_are_whole_with_separators() {
        check(count, "400000", "400,000");
        check(count, "10000", "10,000");
        check(count, "12", "12");
        check(count, "2.5", "3");
    }

    #[test]
    fn decimals_keep_their_digits_and_get_separators() {
        check(decimal, "1234.125", "1,234.125");
        check(decimal, "15000.00", "15,000");
        check(decimal, "0.2", "0.2");
        check(decimal, "-1500.5", "-1,500.5");
    }

    #[test]
    fn currencies_have_a_symbol_or_their_code() {
        for (code, expected) in [
            ("USD", "$"),
            ("EUR", "€"),
            ("GBP", "£"),
            ("CHF", "CHF "),
            ("JPY", "JPY "),
        ] {
            assert_eq!(currency_prefix(code), expected, "{code}");
        }
    }

    #[test]
    fn money_carries_its_currency() {
        check(usd, "93600", "$93,600.00");
        check(usd, "7800", "$7,800.00");
        check(usd, "-50", "−$50.00");
        check(|v| money(Money::new(v), "EUR"), "7800", "€7,800.00");
        check(|v| money(Money::new(v), "CHF"), "1200", "CHF 1,200.00");
    }

    #[test]
    fn compact_money_abbreviates_with_the_same_prefix() {
        check(compact_usd, "7800", "$7.8K");
        check(compact_usd, "93600", "$93.6K");
        check(compact_usd, "1250000", "$1.3M");
        check(compact_usd, "1200000", "$1.2M");
        check(compact_usd, "800", "$800");
        check(compact_usd, "0", "$0");
        check(compact_usd, "0.4", "$0");
        check(compact_usd, "12000", "$12K");
        check(compact_usd, "7250", "$7.3K");
        check(compact_usd, "999960", "$1M");
        check(compact_usd, "999.6", "$1K");
        check(compact_usd, "3400000000", "$3.4B");
        check(compact_usd, "-3600", "-$3.6K");
        check(|v| compact_money(Money::new(v), "EUR"), "7800", "€7.8K");
        check(|v| compact_money(Money::new(v), "GBP"), "-3600", "-£3.6K");
        check(|v| compact_money(Money::new(v), "CHF"), "7800", "CHF 7.8K");
    }

    #[test]
    fn hours_have_two_decimals_in_tables_and_a_unit_on_charts() {
        check(hours, "6.24", "6.24");
        check(hours, "6.2", "6.20");
        check(hours, "6.245", "6.25");
        check(compact_hours, "6.24", "6.24 h");
        check(compact_hours, "5.00", "5 h");
    }

    #[test]
    fn durations_use_the_unit_a_person_would() {
        check(duration_minutes, "0", "0 min");
        check(duration_minutes, "0.5", "30 s");
        check(duration_minutes, "22", "22 min");
        check(duration_minutes, "22.4", "22.4 min");
        check(duration_minutes, "90", "1.5 h");
        check(duration_minutes, "240", "4 h");
        check(duration_minutes, "2880", "2 days");
    }

    #[test]
    fn compact_durations_abbreviate_the_unit() {
        check(compact_duration, "22", "22 min");
        check(compact_duration, "0.5", "0.5 min");
        check(compact_duration, "90", "1.5 h");
        check(compact_duration, "359.7", "6 h");
        check(compact_duration, "2880", "2 d");
    }

    #[test]
    fn multiples_and_percentages() {
        check(multiple, "1.60", "1.6×");
        check(multiple, "12", "12×");
        check(percent, "30.5", "30.5 %");
        check(percent, "30.55", "30.6 %");
        check(percent, "0", "0.0 %");
    }
}

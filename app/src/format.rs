//! How figures are written on the page: currency, thousands separators, hours
//! and minutes. Presentation only; every figure itself comes from the engine.

use engine::Money;
use rust_decimal::{Decimal, RoundingStrategy};

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

fn grouped(value: Decimal, decimals: u32) -> String {
    let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
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

/// The prefix a currency is written with: `$` for USD, `€`, `£`, else the code and a space.
pub fn currency_prefix(code: &str) -> String {
    match code {
        "USD" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        other => format!("{other} "),
    }
}

/// A money figure with its currency: `$93,600.00`, `CHF 1,200.00`.
pub fn money(value: Money, currency: &str) -> String {
    let text = amount(value.to_decimal());
    match text.strip_prefix('-') {
        Some(positive) => format!("−{}{positive}", currency_prefix(currency)),
        None => format!("{}{text}", currency_prefix(currency)),
    }
}

/// Hours with two decimals: `6.24`.
pub fn hours(value: Decimal) -> String {
    format!(
        "{:.2}",
        value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    )
}

/// A duration given in minutes, in the unit a person would use:
/// `0.5` → `30 s`, `22` → `22 min`, `90` → `1.5 h`, `2880` → `2 days`.
pub fn duration_minutes(minutes: Decimal) -> String {
    let trim = |d: Decimal| {
        d.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
            .normalize()
            .to_string()
    };
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

/// A ratio as a multiple: `1.6` → `1.6×`.
pub fn multiple(value: Decimal) -> String {
    format!("{}×", value.normalize())
}

/// A percentage with one decimal: `30.5` → `30.5 %`.
pub fn percent(value: Decimal) -> String {
    format!(
        "{:.1} %",
        value.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn amounts_get_thousands_separators_and_two_decimals() {
        for (input, expected) in [
            ("0", "0.00"),
            ("7.8", "7.80"),
            ("999", "999.00"),
            ("1000", "1,000.00"),
            ("93600", "93,600.00"),
            ("1234567.555", "1,234,567.56"),
            ("-1500", "-1,500.00"),
            ("-0.001", "0.00"),
        ] {
            assert_eq!(amount(d(input)), expected, "input {input}");
        }
    }

    #[test]
    fn decimals_keep_their_digits_and_get_separators() {
        assert_eq!(decimal(d("1234.125")), "1,234.125");
        assert_eq!(decimal(d("15000.00")), "15,000");
        assert_eq!(decimal(d("0.2")), "0.2");
        assert_eq!(decimal(d("-1500.5")), "-1,500.5");
    }

    #[test]
    fn counts_are_whole_with_separators() {
        assert_eq!(count(d("400000")), "400,000");
        assert_eq!(count(d("12")), "12");
    }

    #[test]
    fn money_carries_its_currency() {
        assert_eq!(money(Money::from_units(93_600), "USD"), "$93,600.00");
        assert_eq!(money(Money::from_units(7_800), "EUR"), "€7,800.00");
        assert_eq!(money(Money::from_units(1_200), "CHF"), "CHF 1,200.00");
        assert_eq!(money(Money::from_units(-50), "USD"), "−$50.00");
    }

    #[test]
    fn durations_use_the_unit_a_person_would() {
        for (minutes, expected) in [
            ("0", "0 min"),
            ("0.5", "30 s"),
            ("22", "22 min"),
            ("22.4", "22.4 min"),
            ("90", "1.5 h"),
            ("240", "4 h"),
            ("2880", "2 days"),
        ] {
            assert_eq!(duration_minutes(d(minutes)), expected, "minutes {minutes}");
        }
    }

    #[test]
    fn hours_multiples_and_percentages() {
        assert_eq!(hours(d("6.24")), "6.24");
        assert_eq!(hours(d("6.2")), "6.20");
        assert_eq!(multiple(d("1.60")), "1.6×");
        assert_eq!(percent(d("30.5")), "30.5 %");
    }
}

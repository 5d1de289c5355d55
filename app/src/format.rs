//! How figures are written on the page: thousands separators, two decimals.
//! Presentation only; every figure itself comes from the engine.

use rust_decimal::Decimal;

/// `1234567.5` → `"1,234,567.50"`: two decimals, commas between thousands.
pub fn amount(value: Decimal) -> String {
    let rounded = value.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.2}", rounded.abs());
    let (whole, cents) = text.split_once('.').expect("BUG: {:.2} always has a point");
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{grouped}.{cents}")
}

/// A money figure with its currency code: `"USD 93,600.00"`.
pub fn money(value: Decimal, currency: &str) -> String {
    format!("{currency} {}", amount(value))
}

/// Hours with two decimals: `6.24`.
pub fn hours(value: Decimal) -> String {
    format!("{:.2}", value.round_dp(2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn check(input: &str, expected: &str) {
        assert_eq!(amount(Decimal::from_str(input).unwrap()), expected, "input {input}");
    }

    #[test]
    fn amounts_get_thousands_separators_and_two_decimals() {
        check("0", "0.00");
        check("7.8", "7.80");
        check("999", "999.00");
        check("1000", "1,000.00");
        check("93600", "93,600.00");
        check("1234567.555", "1,234,567.56");
        check("-1500", "-1,500.00");
        check("-0.001", "0.00");
    }

    #[test]
    fn hours_keep_two_decimals() {
        assert_eq!(hours(Decimal::from_str("6.24").unwrap()), "6.24");
        assert_eq!(hours(Decimal::from_str("6.2").unwrap()), "6.20");
    }
}

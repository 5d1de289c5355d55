//! Regular expressions for a number parameter's range, so the OpenAPI
//! document says what the server accepts: `0–1,440` becomes a pattern that
//! matches `0`, `12.5` and `1440.00` but not `1440.5` or `-1`.
//!
//! The pattern matches a number as a link writes it (digits, an optional
//! fraction of at most [`FRACTION_DIGITS`] digits, no sign, no leading
//! zeros, no thousands separators). The reader also takes separators and
//! surrounding spaces (docs/share-links.md): a client need not send them.

use rust_decimal::Decimal;

/// Decimals a pattern allows after the point: more than any price needs,
/// and few enough that every matching number has an exact decimal value.
pub const FRACTION_DIGITS: usize = 12;

/// The anchored pattern of the numbers in `min`–`max` (above `min` when
/// `above_min`); whole numbers only when `whole`. Both bounds are ≥ 0; `max`
/// is whole.
pub fn number(min: Decimal, above_min: bool, max: Decimal, whole: bool) -> String {
    let max = u128::try_from(max.trunc()).unwrap_or(0);
    let min_int = u128::try_from(min.trunc()).unwrap_or(0);
    let min_fraction = fraction_digits(min);
    if whole {
        let low = if above_min || !min_fraction.is_empty() {
            min_int + 1
        } else {
            min_int
        };
        return format!("^(?:{})$", integers(low, max));
    }
    let any_fraction = format!("(?:\\.[0-9]{{1,{FRACTION_DIGITS}}})?");
    let mut alternatives = Vec::new();
    // A fractional or exclusive minimum puts a condition on the fraction of
    // its own integer part; every integer part above it takes any fraction.
    let condition_at_min = above_min || !min_fraction.is_empty();
    let free_low = if condition_at_min { min_int + 1 } else { min_int };
    if max > 0 && free_low < max {
        alternatives.push(format!("(?:{}){any_fraction}", integers(free_low, max - 1)));
    }
    alternatives.push(format!("{max}(?:\\.0{{1,{FRACTION_DIGITS}}})?"));
    if condition_at_min && min_int < max {
        // At least the minimum's fraction; above a whole minimum, at least
        // the smallest fraction written (no parameter is above a fractional one).
        let bound = if min_fraction.is_empty() {
            let mut smallest = "0".repeat(FRACTION_DIGITS - 1);
            smallest.push('1');
            smallest
        } else {
            min_fraction
        };
        alternatives.push(format!("{min_int}\\.(?:{})", fraction_at_least(&bound)));
    }
    format!("^(?:{})$", alternatives.join("|"))
}

/// The digits after the point of `d` without trailing zeros ("" when whole).
fn fraction_digits(d: Decimal) -> String {
    let text = d.fract().normalize().to_string();
    text.split_once('.').map(|(_, f)| f.to_owned()).unwrap_or_default()
}

/// Fractions of 1 to [`FRACTION_DIGITS`] digits, read as 0.f, that are at
/// least 0.`bound` (`bound` has no trailing zeros and at least one digit).
fn fraction_at_least(bound: &str) -> String {
    let digits: Vec<u32> = bound.chars().filter_map(|c| c.to_digit(10)).collect();
    let mut alternatives = Vec::new();
    for (i, &d) in digits.iter().enumerate() {
        // The first i digits equal the bound's, the next is larger: any rest.
        if d < 9 {
            let rest = FRACTION_DIGITS - i - 1;
            let tail = if rest == 0 {
                String::new()
            } else {
                format!("[0-9]{{0,{rest}}}")
            };
            alternatives.push(format!("{}[{}-9]{tail}", &bound[..i], d + 1));
        }
    }
    // The bound itself, then any digits.
    let rest = FRACTION_DIGITS - digits.len();
    let tail = if rest == 0 {
        String::new()
    } else {
        format!("[0-9]{{0,{rest}}}")
    };
    alternatives.push(format!("{bound}{tail}"));
    alternatives.join("|")
}

/// The alternatives matching the whole numbers `low`–`high` written without
/// leading zeros (the classic range-to-regex split: one alternative per run
/// of numbers that share a prefix and then take any digits).
fn integers(low: u128, high: u128) -> String {
    if low > high {
        // Nothing matches: a pattern that fails on every string.
        return "[^\\s\\S]".to_owned();
    }
    let mut parts = Vec::new();
    let mut start = low;
    // Split at each power of ten so both ends of a run have as many digits.
    while start <= high {
        let width = digits(start);
        let end = high.min(10u128.saturating_pow(width).saturating_sub(1));
        same_width(start, end, &mut parts);
        if end == u128::MAX {
            break;
        }
        start = end + 1;
    }
    parts.join("|")
}

fn digits(n: u128) -> u32 {
    n.checked_ilog10().map_or(1, |d| d + 1)
}

/// Runs of `low`–`high` (same number of digits) written as patterns.
fn same_width(low: u128, high: u128, parts: &mut Vec<String>) {
    let mut start = low;
    while start <= high {
        // The longest run from `start`: the largest power of ten p such that
        // start is a multiple of p and start + p − 1 ≤ high.
        let mut step: u128 = 1;
        while start.is_multiple_of(step * 10)
            && start + step * 10 - 1 <= high
            && step * 10 <= 10u128.pow(digits(start) - 1)
        {
            step *= 10;
        }
        // Widen the run's digit at that power to a class [a-b].
        let unit = step;
        let first_digit = (start / unit) % 10;
        let mut last_digit = first_digit;
        while last_digit < 9 && start + (last_digit - first_digit + 2) * unit - 1 <= high {
            last_digit += 1;
        }
        let end = start + (last_digit - first_digit + 1) * unit - 1;
        let text = start.to_string();
        let free = unit.ilog10() as usize;
        let fixed = &text[..text.len() - free - 1];
        let class = if first_digit == last_digit {
            first_digit.to_string()
        } else {
            format!("[{first_digit}-{last_digit}]")
        };
        let tail = match free {
            0 => String::new(),
            1 => "[0-9]".to_owned(),
            n => format!("[0-9]{{{n}}}"),
        };
        parts.push(format!("{fixed}{class}{tail}"));
        if end == u128::MAX {
            break;
        }
        start = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn matcher(min: &str, above: bool, max: &str, whole: bool) -> regex::Regex {
        let pattern = number(
            Decimal::from_str(min).unwrap(),
            above,
            Decimal::from_str(max).unwrap(),
            whole,
        );
        regex::Regex::new(&pattern).unwrap()
    }

    #[test]
    fn whole_ranges_match_exactly_their_numbers() {
        for (low, high) in [
            (0u128, 0u128),
            (0, 1_440),
            (1, 10),
            (1_000, 100_000),
            (7, 7),
            (3, 3_650),
            (1, 65_536),
        ] {
            let re = matcher(&low.to_string(), false, &high.to_string(), true);
            for n in 0..=(high + 1_100).min(200_000) {
                assert_eq!(
                    re.is_match(&n.to_string()),
                    (low..=high).contains(&n),
                    "{n} in {low}–{high}"
                );
            }
            for bad in ["", "01", "1.0", "-1", "+1", " 1", "1,000", "1e3"] {
                assert!(!re.is_match(bad), "{bad:?} in {low}–{high}");
            }
        }
        let seed = matcher("0", false, &u64::MAX.to_string(), true);
        assert!(seed.is_match(&u64::MAX.to_string()));
        assert!(!seed.is_match("18446744073709551616"));
        assert!(seed.is_match("18446744073709551609"));
    }

    #[test]
    fn decimal_ranges_match_exactly_their_numbers() {
        let cases = [
            ("0", false, "1440"),
            ("0.001", false, "1000000"),
            ("0.01", false, "100000000"),
            ("0", true, "1000000"),
            ("0", false, "1"),
            ("1", false, "10"),
        ];
        for (min, above, max) in cases {
            let re = matcher(min, above, max, false);
            let (lo, hi) = (Decimal::from_str(min).unwrap(), Decimal::from_str(max).unwrap());
            // Every value on a grid of hundredths and thousandths near the ends, and a few long fractions.
            let mut values: Vec<String> = (0..=3_000).map(|i| format!("{}.{:03}", i / 1000, i % 1000)).collect();
            values.extend((0..=20).map(|i| format!("{}", hi - Decimal::TEN + Decimal::from(i))));
            values.extend(
                [
                    "0.000000000001",
                    "0.0009",
                    "0.00999",
                    "1440.000000000001",
                    "1440.00",
                    "1000000.0",
                ]
                .map(String::from),
            );
            for v in values {
                let d = Decimal::from_str(&v).unwrap();
                let inside = if above { d > lo } else { d >= lo } && d <= hi;
                let canonical = !v.starts_with('-');
                assert_eq!(
                    re.is_match(&v),
                    inside && canonical,
                    "{v} in {min}{}–{max}",
                    if above { "+" } else { "" }
                );
            }
            for bad in ["", ".5", "5.", "-0", "01.5", "1,000", "1e3", "0.1234567890123"] {
                assert!(!re.is_match(bad), "{bad:?} in {min}–{max}");
            }
        }
    }
}

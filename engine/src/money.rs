//! Exact money: a decimal amount, never a binary float.

use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Sub};

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// An exact amount of money in some currency (the catalog's USD for inputs,
/// the reporting currency for outputs).
///
/// Serialized as a decimal string such as `"7800.00"` (rust_decimal's
/// `serde-str`), so JSON never passes money through a float. Deserializing
/// accepts only strings; garbage is an error, never a panic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Money(Decimal);

impl Serialize for Money {
    /// As [`Display`](std::fmt::Display): at least two decimals, so zero is `"0.00"` like every other amount.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Money {
    /// Zero, shown as `0.00`.
    pub const ZERO: Money = Money(Decimal::from_parts(0, 0, 0, false, 2));

    /// An amount taken as is (not rounded).
    pub const fn new(amount: Decimal) -> Money {
        Money(amount)
    }

    /// Whole currency units, e.g. `Money::from_units(800)` is 800.00.
    pub fn from_units(units: i64) -> Money {
        Money(Decimal::from(units))
    }

    /// An amount from integer cents: `from_cents(780000)` is 7,800.00.
    pub fn from_cents(cents: i64) -> Money {
        Money(Decimal::new(cents, 2))
    }

    /// The exact decimal amount.
    pub const fn to_decimal(self) -> Decimal {
        self.0
    }

    /// The amount in integer cents, rounded half away from zero; saturates at
    /// `i64` limits (far beyond any valid scenario).
    pub fn cents(self) -> i64 {
        let cents = self.round_cents().0 * Decimal::ONE_HUNDRED;
        i64::try_from(cents).unwrap_or(if cents.is_sign_negative() { i64::MIN } else { i64::MAX })
    }

    /// Rounded to cents, midpoint away from zero, and always shown with two
    /// decimals (`7800` becomes `7800.00`).
    pub fn round_cents(self) -> Money {
        // Most amounts already have at most two decimals; rounding them is a
        // no-op that costs more than the rest of a cost line.
        let mut d = if self.0.scale() <= 2 {
            self.0
        } else {
            self.0.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        };
        d.rescale(2);
        Money(d)
    }

    /// True when the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }
}

impl std::fmt::Display for Money {
    /// Plain decimal with at least two decimals, e.g. `7800.00`; currency formatting belongs to the UI.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Whole amounts and zero get their cents (`800` → `800.00`, `0` →
        // `0.00`); finer amounts keep every digit.
        let mut d = self.0;
        if d.scale() < 2 {
            d.rescale(2);
        }
        std::fmt::Display::fmt(&d, f)
    }
}

impl From<Decimal> for Money {
    fn from(amount: Decimal) -> Money {
        Money(amount)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Mul<Decimal> for Money {
    type Output = Money;
    fn mul(self, rhs: Decimal) -> Money {
        Money(self.0 * rhs)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn check(input: Decimal, cents: i64, shown: &str) {
        let m = Money::new(input);
        assert_eq!(m.cents(), cents, "{input}");
        assert_eq!(m.round_cents().to_string(), shown, "{input}");
    }

    #[test]
    fn rounds_to_cents_half_away_from_zero() {
        check(dec!(7800), 780000, "7800.00");
        check(dec!(0.005), 1, "0.01");
        check(dec!(0.0049), 0, "0.00");
        check(dec!(-0.005), -1, "-0.01");
        check(dec!(1.235), 124, "1.24");
        check(dec!(40), 4000, "40.00");
    }

    #[test]
    fn serializes_as_a_string_and_rejects_garbage() {
        let m = Money::from_cents(780000);
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"7800.00\"");
        assert_eq!(serde_json::from_str::<Money>("\"7800.00\"").unwrap(), m);
        for garbage in ["\"abc\"", "\"\"", "\"1e999\"", "null", "[]", "{}", "\"NaN\"", "\"inf\""] {
            assert!(serde_json::from_str::<Money>(garbage).is_err(), "{garbage}");
        }
    }
}

//! Output precision for non-money figures: hours, minutes, ratios and percentages.
//!
//! Money has its own rule (cents, in [`crate::money`]); these are the others,
//! all rounded half away from zero at the very end, never in between.

use rust_decimal::{Decimal, RoundingStrategy};

fn round(value: Decimal, dp: u32) -> Decimal {
    value
        .round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// Hours to 0.01 h (36 seconds), e.g. break-even 6.24.
pub fn hours(value: Decimal) -> Decimal {
    round(value, 2)
}

/// Minutes (and GB) to 0.1.
pub fn minutes(value: Decimal) -> Decimal {
    round(value, 1)
}

/// Ratios to 0.01, e.g. 1.60× one region.
pub fn ratio(value: Decimal) -> Decimal {
    round(value, 2)
}

/// Percentages to 0.1 %, e.g. 30.5 %.
pub fn percent(value: Decimal) -> Decimal {
    round(value, 1)
}

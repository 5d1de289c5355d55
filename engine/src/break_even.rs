//! Break-even: how many hours of downtime a year the DR spend must prevent to pay for itself.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::rounding::hours;

/// Break-even of the chosen DR plan. DR cost is what DR adds over production
/// only; the article's convention (the whole DR-enabled deployment ÷ the cost
/// of an hour of downtime, "Disaster Recovery & Failover Strategies for AI
/// Services", Part 1.1: 93,600 ÷ 15,000 = 6.24 hours) is given beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BreakEven {
    /// `annual_dr_cost` ÷ `downtime_cost_per_hour`, to 0.01 h.
    pub hours: Decimal,
    /// What DR adds a year: the chosen plan's annual cost − production only's.
    pub annual_dr_cost: Money,
    /// Cost of one hour of downtime, reporting currency.
    pub downtime_cost_per_hour: Money,
    /// The article's convention: `article_annual_cost` ÷ `downtime_cost_per_hour`, to 0.01 h.
    pub article_hours: Decimal,
    /// The whole DR-enabled deployment a year (both regions, every provider,
    /// the cross-region lines): what the article divides.
    pub article_annual_cost: Money,
    /// Hours of full downtime the strategy is expected to avoid a year (from the risk matrix).
    pub downtime_avoided_hours: Decimal,
    /// `downtime_avoided_hours` ≥ `hours`.
    pub covered: bool,
}

/// Annual amounts of the chosen plan and of production only, in one currency.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Annual {
    pub plan: Money,
    pub production: Money,
}

/// Computes break-even. `shown` holds the reporting-currency amounts the page
/// shows; the hours are computed from `usd` (the same plans rounded to cents
/// in USD) and the USD hourly cost, so they do not change with the reporting
/// currency or its rounding.
pub(crate) fn break_even(
    shown: Annual,
    usd: Annual,
    downtime_cost_per_hour: Money,
    usd_per_hour: Decimal,
    downtime_avoided_hours: Decimal,
) -> BreakEven {
    let divide = |amount: Money| {
        if usd_per_hour.is_zero() {
            Decimal::ZERO
        } else {
            hours(amount.to_decimal() / usd_per_hour)
        }
    };
    let h = divide(usd.plan - usd.production);
    BreakEven {
        hours: h,
        annual_dr_cost: shown.plan - shown.production,
        downtime_cost_per_hour,
        article_hours: divide(usd.plan),
        article_annual_cost: shown.plan,
        downtime_avoided_hours,
        covered: downtime_avoided_hours >= h,
    }
}

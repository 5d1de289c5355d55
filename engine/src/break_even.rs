//! Break-even: how many hours of downtime a year the DR spend must prevent to pay for itself.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::rounding::hours;

/// Break-even of the chosen DR plan ("Disaster Recovery & Failover Strategies for AI Services", Part 1.1,
/// "Real Cost Example (Production Tier)": 93,600 ÷ 15,000 = 6.24 hours).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BreakEven {
    /// `annual_dr_cost` ÷ `downtime_cost_per_hour`, to 0.01 h.
    pub hours: Decimal,
    /// Annual cost of the whole DR-enabled deployment (the article's
    /// convention: both regions, providers and cross-region lines).
    pub annual_dr_cost: Money,
    /// Cost of one hour of downtime, reporting currency.
    pub downtime_cost_per_hour: Money,
    /// What DR adds a year over production only.
    pub incremental_annual_cost: Money,
    /// `incremental_annual_cost` ÷ `downtime_cost_per_hour`, to 0.01 h: the
    /// stricter test that counts only what DR adds.
    pub incremental_hours: Decimal,
    /// Hours of full downtime the strategy is expected to avoid a year (from the risk matrix).
    pub downtime_avoided_hours: Decimal,
    /// `downtime_avoided_hours` ≥ `hours`.
    pub covered: bool,
}

/// Computes break-even from reporting-currency figures. Hours are a ratio of
/// two amounts in the same currency, so they do not depend on the currency;
/// if rounding leaves the converted hourly cost at zero, the USD figures
/// (`usd_ratio_fallback`) are used instead.
pub(crate) fn break_even(
    annual_dr_cost: Money,
    production_annual: Money,
    downtime_cost_per_hour: Money,
    downtime_avoided_hours: Decimal,
    usd_per_hour: Decimal,
    rate: Decimal,
) -> BreakEven {
    let per_hour = if downtime_cost_per_hour.to_decimal().is_zero() {
        usd_per_hour * rate
    } else {
        downtime_cost_per_hour.to_decimal()
    };
    let divide = |m: Money| {
        if per_hour.is_zero() {
            Decimal::ZERO
        } else {
            hours(m.to_decimal() / per_hour)
        }
    };
    let incremental = annual_dr_cost - production_annual;
    let h = divide(annual_dr_cost);
    BreakEven {
        hours: h,
        annual_dr_cost,
        downtime_cost_per_hour,
        incremental_annual_cost: incremental,
        incremental_hours: divide(incremental),
        downtime_avoided_hours,
        covered: downtime_avoided_hours >= h,
    }
}

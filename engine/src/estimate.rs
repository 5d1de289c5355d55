//! The estimate: every figure of a scenario, computed in one pass from the catalog.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::break_even::{break_even, BreakEven};
use crate::catalog::Catalog;
use crate::cost::{Basis, Factors, Plan, PlanCost};
use crate::error::{Error, Result};
use crate::money::Money;
use crate::recovery::{recovery, Recovery};
use crate::risk::{matrix, RiskMatrix};
use crate::rounding::percent;
use crate::scenario::{Currency, Scenario, Targets};
use crate::strategy::{self, Recommendation, StrategyEstimate};
use crate::validate::validate;

/// Every figure drplan shows for a scenario. Money is in the reporting
/// currency, rounded to cents per row; totals are sums of rounded rows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Estimate {
    /// Version of the catalog the figures come from, e.g. `2026-11`.
    pub catalog_version: String,
    /// Reporting currency and rate.
    pub currency: Currency,
    /// The RTO/RPO targets in force (custom, else the tier's).
    pub targets: Targets,
    /// The primary alone: no DR (the first column of the DR cost optimization
    /// table, Part 6.1 of "Disaster Recovery & Failover Strategies for AI Services").
    pub production_only: PlanCost,
    /// A full copy in the secondary with full replication (Part 6.1, second column).
    pub full_dr: PlanCost,
    /// The secondary at the standby fraction, replication scaled alike (Part 6.1, third column).
    pub optimized_dr: PlanCost,
    /// Optimized DR against full DR.
    pub savings: Savings,
    /// The chosen strategy with any directly entered secondary amounts (the article's Part 1.1 cost example).
    pub dr_plan: PlanCost,
    /// Every catalog strategy, costed and timed.
    pub strategies: Vec<StrategyEstimate>,
    /// The cheapest strategy that meets both targets.
    pub recommendation: Recommendation,
    /// Break-even hours of the chosen plan.
    pub break_even: BreakEven,
    /// The risk matrix under the chosen strategy.
    pub risk: RiskMatrix,
    /// Re-embedding and restore costs and times.
    pub recovery: Recovery,
}

/// What optimized DR saves over full DR.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Savings {
    /// Full DR monthly − optimized DR monthly.
    pub monthly: Money,
    /// 12 × `monthly`.
    pub annual: Money,
    /// `monthly` ÷ full DR monthly × 100, to 0.1 (30.5 for the article's Part 6.1 table).
    pub percent: Decimal,
}

/// Validates the scenario, applies its price overrides, and computes every figure.
pub fn estimate(catalog: &Catalog, scenario: &Scenario) -> Result<Estimate> {
    priced(catalog, scenario, compute)
}

/// Validates the scenario and runs `f` on the catalog with the scenario's
/// price overrides applied: the entry of every analysis (estimate, Monte
/// Carlo, optimizer, sensitivity), so they all see the same prices.
pub(crate) fn priced<T>(catalog: &Catalog, scenario: &Scenario, f: impl FnOnce(&Catalog, &Scenario) -> T) -> Result<T> {
    validate(catalog, scenario)?;
    if scenario.price_overrides.is_empty() {
        Ok(f(catalog, scenario))
    } else {
        let overridden = catalog
            .with_overrides(&scenario.price_overrides)
            .map_err(Error::Invalid)?;
        Ok(f(&overridden, scenario))
    }
}

/// The RTO/RPO targets in force: the custom ones, else the tier's.
pub(crate) fn targets(catalog: &Catalog, s: &Scenario) -> Targets {
    let tier = catalog.tier(&s.tier).expect("BUG: validate() checks the tier");
    s.custom_targets.unwrap_or(Targets {
        rto_minutes: tier.rto_minutes,
        rpo_minutes: tier.rpo_minutes,
    })
}

fn compute(catalog: &Catalog, s: &Scenario) -> Estimate {
    let chosen = catalog
        .strategy(&s.strategy)
        .expect("BUG: validate() checks the strategy");
    let targets = targets(catalog, s);
    let basis = Basis::new(catalog, s);
    let convert = |usd: Decimal| basis.convert(usd);

    let production_only = basis.plan(s, Plan::ProductionOnly);
    let one = Decimal::ONE;
    let full = Factors {
        compute: one,
        vector_db: one,
        storage: one,
        replication: one,
    };
    let full_dr = basis.plan(
        s,
        Plan::Dr {
            factors: full,
            entered: false,
        },
    );
    let f = s.standby_fraction;
    let optimized = Factors {
        compute: f,
        vector_db: f,
        storage: f,
        replication: f,
    };
    let optimized_dr = basis.plan(
        s,
        Plan::Dr {
            factors: optimized,
            entered: false,
        },
    );
    let dr_plan = basis.plan(
        s,
        Plan::Dr {
            factors: strategy::factors(chosen, s.standby_fraction),
            entered: true,
        },
    );

    let saved = full_dr.monthly - optimized_dr.monthly;
    let savings = Savings {
        monthly: saved,
        annual: full_dr.annual - optimized_dr.annual,
        percent: if full_dr.monthly.to_decimal().is_zero() {
            Decimal::ZERO
        } else {
            percent(saved.to_decimal() / full_dr.monthly.to_decimal() * Decimal::ONE_HUNDRED)
        },
    };

    let strategies = strategy::evaluate(catalog, s, &basis, targets, production_only.monthly);
    let recommendation = strategy::recommend(&strategies, targets, &s.currency.code);
    let rto = strategy::rto_minutes(catalog, s, chosen);
    let dr_annual = dr_plan.annual - production_only.annual;
    let risk = matrix(catalog, s, rto, dr_annual, convert);
    let break_even = break_even(
        dr_plan.annual,
        production_only.annual,
        convert(s.downtime_cost_per_hour.to_decimal()),
        risk.downtime_avoided_hours,
        s.downtime_cost_per_hour.to_decimal(),
        s.currency.rate_from_usd,
    );
    let recovery = recovery(catalog, s, convert);
    Estimate {
        catalog_version: catalog.version().to_owned(),
        currency: s.currency.clone(),
        targets,
        production_only,
        full_dr,
        optimized_dr,
        savings,
        dr_plan,
        strategies,
        recommendation,
        break_even,
        risk,
        recovery,
    }
}

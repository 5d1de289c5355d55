//! The estimate: every figure of a scenario, computed in one pass from the catalog.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::break_even::{break_even, Annual, BreakEven};
use crate::catalog::Catalog;
use crate::cost::{Basis, Factors, Plan, PlanCost, MONTHS_PER_YEAR};
use crate::deadline::Cancel;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::optimizer;
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
    /// Optimized DR: the cheapest per-layer design that meets both targets
    /// (the optimizer's answer), or the closest when none does
    /// ([`Estimate::recommendation`] says which).
    pub optimized_dr: PlanCost,
    /// Optimized DR against full DR.
    pub savings: Savings,
    /// The secondary at the standby fraction, replication scaled alike: the
    /// article's "optimized DR" (Part 6.1, third column), which may miss the targets.
    pub standby_dr: PlanCost,
    /// The standby-fraction plan against full DR (3,600 a month, 30.5 %, in the article's Part 6.1).
    pub standby_savings: Savings,
    /// The chosen strategy with any directly entered secondary amounts (the article's Part 1.1 cost example).
    pub dr_plan: PlanCost,
    /// Every catalog strategy, costed and timed.
    pub strategies: Vec<StrategyEstimate>,
    /// The one recommendation: optimized DR's design, its price and whether it meets the targets.
    pub recommendation: Recommendation,
    /// Break-even hours of the chosen plan.
    pub break_even: BreakEven,
    /// The risk matrix under the chosen strategy.
    pub risk: RiskMatrix,
    /// Re-embedding and restore costs and times.
    pub recovery: Recovery,
    /// Sentences the reader must see: models the provider retires, announced
    /// price changes, fallbacks whose context window or rate limit cannot
    /// take the traffic.
    pub warnings: Vec<String>,
}

/// What a cheaper plan saves over full DR.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Savings {
    /// Full DR monthly − the plan's monthly.
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

/// [`estimate`], unless `cancel` is already set. The estimate takes well
/// under a millisecond (its optimizer search included), so it checks once,
/// before it starts, and the callers that chain it with longer analyses
/// check between them.
pub fn estimate_until(catalog: &Catalog, scenario: &Scenario, cancel: &Cancel) -> Result<Estimate> {
    cancel.check()?;
    estimate(catalog, scenario)
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
    let standby = Factors {
        compute: f,
        vector_db: f,
        storage: f,
        replication: f,
    };
    let standby_dr = basis.plan(
        s,
        Plan::Dr {
            factors: standby,
            entered: false,
        },
    );
    let chosen_plan = Plan::Dr {
        factors: strategy::factors(chosen, s.standby_fraction),
        entered: true,
    };
    let dr_plan = basis.plan(s, chosen_plan);
    let (design, optimized_dr) = optimizer::optimized_plan(catalog, s);

    let savings = saved(&full_dr, &optimized_dr);
    let standby_savings = saved(&full_dr, &standby_dr);

    let strategies = strategy::evaluate(catalog, s, &basis, targets, production_only.monthly);
    let recommendation = strategy::recommend(&design, optimized_dr.monthly, targets, &s.currency.code);
    let rto = strategy::rto_minutes(catalog, s, chosen);
    let dr_annual = dr_plan.annual - production_only.annual;
    let risk = matrix(catalog, s, rto, dr_annual, convert);
    let usd = basis.in_usd();
    let break_even = break_even(
        Annual {
            plan: dr_plan.annual,
            production: production_only.annual,
        },
        Annual {
            plan: usd.totals(chosen_plan).monthly * MONTHS_PER_YEAR,
            production: usd.totals(Plan::ProductionOnly).monthly * MONTHS_PER_YEAR,
        },
        convert(s.downtime_cost_per_hour.to_decimal()),
        s.downtime_cost_per_hour.to_decimal(),
        risk.downtime_avoided_hours,
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
        standby_dr,
        standby_savings,
        dr_plan,
        strategies,
        recommendation,
        break_even,
        risk,
        recovery,
        warnings: crate::warnings::warnings(catalog, s),
    }
}

/// What `plan` saves over `full` DR, with the share of full DR it saves.
fn saved(full: &PlanCost, plan: &PlanCost) -> Savings {
    let saved = full.monthly - plan.monthly;
    Savings {
        monthly: saved,
        annual: full.annual - plan.annual,
        percent: if full.monthly.to_decimal().is_zero() {
            Decimal::ZERO
        } else {
            percent(saved.to_decimal() / full.monthly.to_decimal() * Decimal::ONE_HUNDRED)
        },
    }
}

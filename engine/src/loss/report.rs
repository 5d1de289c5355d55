//! The exact distributions as a [`Simulation`]: the same figures, in the reporting currency, as the Monte Carlo gives.

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;

use super::{exact, LossModel, PlanLoss, POINTS};
use crate::money::Money;
use crate::rounding::percent;
use crate::simulation::{Computation, ExceedancePoint, LossDistribution, Simulation};
use crate::strategy::StrategyEstimate;

/// Every plan's exact distribution for a validated, priced scenario: `rate`
/// converts USD to the reporting currency, `to_money` converts one USD
/// figure to money rounded to cents (each figure is converted once).
pub(crate) fn simulation(
    model: &LossModel,
    estimates: &[StrategyEstimate],
    production_annual: Money,
    rate: Decimal,
    to_money: &impl Fn(f64) -> Money,
) -> Simulation {
    let costs: Vec<Money> = estimates.iter().map(|e| e.annual - production_annual).collect();
    // The loss avoided is computed in USD, so the cost it is held against is too.
    let thresholds: Vec<f64> = costs
        .iter()
        .map(|c| (c.to_decimal() / rate).to_f64().unwrap_or(0.0))
        .collect();
    let exact = exact(model, &thresholds);
    let without_dr = distribution(
        &exact.plans[0],
        None,
        "Without DR".to_owned(),
        Money::ZERO,
        None,
        to_money,
    );
    let strategies = estimates
        .iter()
        .zip(&exact.plans[1..])
        .zip(costs.into_iter().zip(&exact.pays_for_itself))
        .map(|((e, plan), (cost, paid))| {
            distribution(plan, Some(e.id.clone()), e.name.clone(), cost, Some(*paid), to_money)
        })
        .collect();
    Simulation {
        computed: Computation::Exact {
            points: POINTS as u32,
            step: to_money(exact.step),
            mean_error: to_money(exact.mean_error),
            beyond_grid: Decimal::from_f64(exact.beyond_grid)
                .unwrap_or(Decimal::ONE)
                .round_sf(2)
                .unwrap_or(Decimal::ONE)
                .normalize(),
        },
        without_dr,
        strategies,
    }
}

/// A probability as a percent to 0.1.
fn in_percent(p: f64) -> Decimal {
    percent(Decimal::from_f64(p * 100.0).unwrap_or(Decimal::ZERO))
}

fn distribution(
    plan: &PlanLoss,
    strategy: Option<String>,
    name: String,
    dr_annual_cost: Money,
    pays_for_itself: Option<f64>,
    to_money: &impl Fn(f64) -> Money,
) -> LossDistribution {
    let mut exceedance: Vec<ExceedancePoint> = Vec::with_capacity(plan.exceedance.len());
    for &(loss, p) in &plan.exceedance {
        let point = ExceedancePoint {
            loss: to_money(loss),
            percent: in_percent(p),
        };
        // Losses ascend strictly, as on the Monte Carlo's curve.
        if exceedance.last().is_none_or(|last| last.loss < point.loss) {
            exceedance.push(point);
        }
    }
    LossDistribution {
        strategy,
        name,
        dr_annual_cost,
        mean: to_money(plan.mean),
        p50: to_money(plan.p50),
        p90: to_money(plan.p90),
        p99: to_money(plan.p99),
        pays_for_itself_percent: pays_for_itself.map(in_percent),
        exceedance,
    }
}

//! The annual-loss distribution without DR and under every strategy: exact ([`crate::loss`]) or Monte Carlo.
//!
//! The exact method (the default) computes each plan's compound Poisson
//! aggregate by FFT; this module holds the Monte Carlo, the option and the
//! cross-check. Both read the same per-event model ([`crate::loss::model`]).
//! Each simulated year, for each failure scenario of the catalog:
//! - events ~ Poisson(λ), λ = the scenario's likely events per year (the risk matrix's ARO);
//! - each event's outage hours h ~ lognormal fitted to the (low, high) hours as
//!   a 90 % interval: μ = (ln low + ln high) ÷ 2, σ = (ln high − ln low) ÷ (2 × 1.6449);
//! - without DR an event costs h × impact share × downtime cost per hour +
//!   the one-off recovery cost; under a strategy the outage lasts
//!   min(h, cap), with the cap the risk matrix uses (provider failover
//!   minutes, the strategy's achieved RTO, the restore time…, rounded to
//!   0.01 h as the matrix shows it), plus the one-off cost that remains.
//!
//! The year's loss is the sum over scenarios and events. All strategies see
//! the same draws (common random numbers), so their differences are not
//! noise. The generator is Xoshiro256++ seeded with
//! [`SimulationSettings::seed`](crate::scenario::SimulationSettings) through
//! `SeedableRng::seed_from_u64`: the same seed gives the same draws on every
//! platform, wasm included (no OS entropy is ever read). Sums run in
//! `f64`; each reported figure is converted once to the reporting currency
//! and rounded to cents.

use rand::SeedableRng;
use rand_distr::{Distribution, Poisson, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::cost::{Basis, Plan, MONTHS_PER_YEAR};
use crate::deadline::Cancel;
use crate::error::Result;
use crate::estimate::{priced, targets};
use crate::loss::{Duration, LossModel, RiskLoss};
use crate::money::Money;
use crate::rounding::percent;
use crate::scenario::{LossMethod, Scenario};
use crate::strategy;

/// Points aimed at on a loss-exceedance curve (fewer when losses repeat).
const CURVE_POINTS: usize = 50;

/// The annual-loss distribution without DR and under every catalog strategy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Simulation {
    /// How the figures were computed (the scenario's `simulation.method`).
    pub computed: Computation,
    /// No DR: every outage runs its full length.
    pub without_dr: LossDistribution,
    /// Every catalog strategy, in catalog order.
    pub strategies: Vec<LossDistribution>,
}

/// How a [`Simulation`]'s figures were computed, and how far they can be off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Computation {
    /// The compound Poisson aggregate by FFT on a money grid: no sampling noise.
    Exact {
        /// Points of the grid (and of the FFT).
        points: u32,
        /// The grid's step in the reporting currency: each event's cost is
        /// split between the two grid points around it, keeping its mean.
        step: Money,
        /// The largest difference between a computed mean (of a plan's loss
        /// or of a strategy's loss avoided) and its analytic value Σ λ × E[cost per event].
        mean_error: Money,
        /// Upper bound on the probability of a year beyond the grid's end
        /// (the mean's shortfall ÷ the grid's span), as a fraction.
        beyond_grid: Decimal,
    },
    /// Simulated years drawn from a seeded stream.
    MonteCarlo {
        /// Simulated years (the scenario's `simulation.years`).
        years: u32,
        /// Seed of the random stream (the scenario's `simulation.seed`).
        seed: u64,
    },
}

/// The distribution of one plan's annual loss. Money is in the reporting
/// currency, rounded to cents. Monte Carlo reads each figure off the
/// simulated years; the exact method off the computed distribution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LossDistribution {
    /// Strategy id; `None` for the plan without DR.
    pub strategy: Option<String>,
    /// "Without DR" or the strategy's name.
    pub name: String,
    /// The strategy's annual cost − production only (as [`crate::StrategyEstimate::annual`]
    /// gives it); zero without DR.
    pub dr_annual_cost: Money,
    /// Mean annual loss (Monte Carlo: Σ annual losses ÷ years).
    pub mean: Money,
    /// Median annual loss (Monte Carlo: nearest rank, the ⌈0.5 × years⌉-th smallest).
    pub p50: Money,
    /// 90th percentile (Monte Carlo: the ⌈0.9 × years⌉-th smallest): one year in ten loses more.
    pub p90: Money,
    /// 99th percentile (Monte Carlo: the ⌈0.99 × years⌉-th smallest): one year in a hundred loses more.
    pub p99: Money,
    /// Chance in percent, 0–100 to 0.1, that the loss avoided in a year
    /// (loss without DR − loss with this strategy, same outages) is at least
    /// `dr_annual_cost` (Monte Carlo: the share of simulated years); `None` without DR.
    pub pays_for_itself_percent: Option<Decimal>,
    /// Loss-exceedance curve, loss ascending: about 50 points at exceedance
    /// probabilities spaced evenly on a log scale from 100 % to 0.01 %
    /// (Monte Carlo: to 1 ÷ years, then the largest loss at 0 %).
    pub exceedance: Vec<ExceedancePoint>,
}

/// One point of a loss-exceedance curve.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExceedancePoint {
    /// An annual loss.
    pub loss: Money,
    /// P(annual loss > `loss`) × 100, to 0.1 (Monte Carlo: the share of simulated years that lost more).
    pub percent: Decimal,
}

/// Computes the annual-loss distributions: validates the scenario, applies
/// its price overrides (as [`crate::estimate`] does), then computes them
/// exactly or simulates `simulation.years` years, as `simulation.method` says.
pub fn simulate(catalog: &Catalog, scenario: &Scenario) -> Result<Simulation> {
    simulate_until(catalog, scenario, &Cancel::never())
}

/// [`simulate`], stopping with [`crate::Error::Cancelled`] within a few hundred
/// simulated years once `cancel` is set.
pub fn simulate_until(catalog: &Catalog, scenario: &Scenario, cancel: &Cancel) -> Result<Simulation> {
    priced(catalog, scenario, |catalog, s| run(catalog, s, cancel))?
}

/// One failure scenario prepared for drawing. Plans (0 = without DR, then
/// the strategies) that cap its outages alike share a `caps` slot, so an
/// event is capped once per distinct cap, not once per plan.
struct RiskModel {
    events: Option<Poisson<f64>>,
    duration: Duration,
    /// Impact share × downtime cost per hour, USD.
    usd_per_hour: f64,
    /// Distinct caps in hours (`f64::INFINITY` = uncapped).
    caps: Vec<f64>,
    /// Per plan: its index into `caps`.
    slot: Vec<usize>,
    /// Per plan: the one-off USD cost of each event.
    one_off: Vec<f64>,
}

impl RiskModel {
    fn new(r: &RiskLoss) -> RiskModel {
        let mut caps = Vec::new();
        let slot = r
            .cap_hours
            .iter()
            .map(|cap| {
                // Plan 0 (without DR) is uncapped, so slot 0 is always the uncapped one.
                let cap = cap.unwrap_or(f64::INFINITY);
                caps.iter().position(|&c| c == cap).unwrap_or_else(|| {
                    caps.push(cap);
                    caps.len() - 1
                })
            })
            .collect();
        let rate = r.events_per_year;
        RiskModel {
            events: (rate > 0.0).then(|| Poisson::new(rate).ok()).flatten(),
            duration: r.duration,
            usd_per_hour: r.usd_per_hour,
            caps,
            slot,
            one_off: r.one_off.clone(),
        }
    }
}

fn run(catalog: &Catalog, s: &Scenario, cancel: &Cancel) -> Result<Simulation> {
    let basis = Basis::new(catalog, s);
    let production = basis.totals(Plan::ProductionOnly).monthly;
    let estimates = strategy::evaluate(catalog, s, &basis, targets(catalog, s), production);
    let production_annual = production * MONTHS_PER_YEAR;
    let model = LossModel::new(catalog, s);
    let rate = s.currency.rate_from_usd;
    let to_money = |usd: f64| basis.convert(Decimal::from_f64(usd).unwrap_or(Decimal::MAX));
    // The exact method takes milliseconds: checked once, before it starts.
    cancel.check()?;
    if s.simulation.method == LossMethod::Exact {
        return Ok(crate::loss::report::simulation(
            &model,
            &estimates,
            production_annual,
            rate,
            &to_money,
        ));
    }
    let f = |d: Decimal| d.to_f64().unwrap_or(0.0);
    let models: Vec<RiskModel> = model.risks.iter().map(RiskModel::new).collect();
    let plans = model.plans();
    let years = s.simulation.years as usize;
    let losses = draw(&models, plans, years, s.simulation.seed, cancel)?;

    let without = &losses[0];
    let without_dr = distribution(None, "Without DR".to_owned(), Money::ZERO, without, None, &to_money);
    let strategies = estimates
        .iter()
        .zip(&losses[1..])
        .map(|(e, loss)| {
            let dr_annual_cost = e.annual - production_annual;
            let threshold = f(dr_annual_cost.to_decimal() / rate);
            let paid = without.iter().zip(loss).filter(|(w, l)| *w - *l >= threshold).count();
            let share = Decimal::from(paid) * Decimal::ONE_HUNDRED / Decimal::from(years);
            distribution(
                Some(e.id.clone()),
                e.name.clone(),
                dr_annual_cost,
                loss,
                Some(percent(share)),
                &to_money,
            )
        })
        .collect();
    Ok(Simulation {
        computed: Computation::MonteCarlo {
            years: s.simulation.years,
            seed: s.simulation.seed,
        },
        without_dr,
        strategies,
    })
}

/// Annual losses in USD, `[plan][year]`, all plans from one stream of draws.
fn draw(models: &[RiskModel], plans: usize, years: usize, seed: u64, cancel: &Cancel) -> Result<Vec<Vec<f64>>> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut losses = vec![vec![0.0; years]; plans];
    let most_caps = models.iter().map(|m| m.caps.len()).max().unwrap_or(0);
    let mut sums = vec![0.0; most_caps];
    for year in 0..years {
        // A year costs a few microseconds: a check every 256 stops within a millisecond.
        if year % 256 == 0 {
            cancel.check()?;
        }
        for m in models {
            let Some(events) = &m.events else { continue };
            let n: f64 = events.sample(&mut rng);
            if n == 0.0 {
                continue;
            }
            let sums = &mut sums[..m.caps.len()];
            match m.duration {
                // Every event lasts the same: no draws needed.
                Duration::Fixed(h) => {
                    for (sum, cap) in sums.iter_mut().zip(&m.caps) {
                        *sum = n * h.min(*cap);
                    }
                }
                Duration::LogNormal { mu, sigma } => {
                    sums.fill(0.0);
                    let (uncapped, capped) = sums.split_at_mut(1);
                    let caps = &m.caps[1..];
                    for _ in 0..n as u64 {
                        let z: f64 = StandardNormal.sample(&mut rng);
                        let h = (mu + sigma * z).exp();
                        // Slot 0 is the plan without DR: never capped.
                        uncapped[0] += h;
                        for (sum, cap) in capped.iter_mut().zip(caps) {
                            *sum += h.min(*cap);
                        }
                    }
                }
            }
            for (plan, loss) in losses.iter_mut().enumerate() {
                loss[year] += sums[m.slot[plan]] * m.usd_per_hour + n * m.one_off[plan];
            }
        }
    }
    Ok(losses)
}

fn distribution(
    strategy: Option<String>,
    name: String,
    dr_annual_cost: Money,
    losses: &[f64],
    pays_for_itself_percent: Option<Decimal>,
    to_money: &impl Fn(f64) -> Money,
) -> LossDistribution {
    let mut sorted = losses.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let rank = |q: f64| sorted[((q * n as f64).ceil() as usize).clamp(1, n) - 1];
    let mean = sorted.iter().sum::<f64>() / n as f64;
    LossDistribution {
        strategy,
        name,
        dr_annual_cost,
        mean: to_money(mean),
        p50: to_money(rank(0.5)),
        p90: to_money(rank(0.9)),
        p99: to_money(rank(0.99)),
        pays_for_itself_percent,
        exceedance: exceedance(&sorted, to_money),
    }
}

/// The curve from losses sorted ascending: order statistics at exceedance
/// probabilities 10^(−k × log10(n) ÷ (points − 1)) for k = 0 … points − 1,
/// then the maximum; each point's percent counts the years strictly above it.
fn exceedance(sorted: &[f64], to_money: &impl Fn(f64) -> Money) -> Vec<ExceedancePoint> {
    let n = sorted.len();
    let decades = (n as f64).log10();
    let mut points: Vec<ExceedancePoint> = Vec::with_capacity(CURVE_POINTS + 1);
    let indices = (0..CURVE_POINTS)
        .map(|k| {
            let p = 10f64.powf(-decades * k as f64 / (CURVE_POINTS - 1) as f64);
            (((1.0 - p) * n as f64) as usize).min(n - 1)
        })
        .chain(std::iter::once(n - 1));
    for i in indices {
        let loss = sorted[i];
        let above = n - sorted.partition_point(|&x| x <= loss);
        let point = ExceedancePoint {
            loss: to_money(loss),
            percent: percent(Decimal::from(above) * Decimal::ONE_HUNDRED / Decimal::from(n)),
        };
        if points.last().is_none_or(|last| last.loss < point.loss) {
            points.push(point);
        }
    }
    points
}

//! The per-event loss model both annual-loss methods read: rates, outage lengths, costs, caps and one-offs.
//!
//! One [`RiskLoss`] per failure scenario of the catalog: events come at
//! `events_per_year` (Poisson), each lasts H hours ([`Duration`]) and costs
//! `usd_per_hour × min(H, cap) + one_off` under a plan, with plan 0 = without
//! DR (no cap) and then every catalog strategy in catalog order. The Monte
//! Carlo draws from it ([`crate::simulation`]); the exact method
//! ([`super::exact`]) discretises it; `tests/aggregate/check.py` reads it as
//! JSON to recompute the distribution with another library.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Range};
use crate::error::Result;
use crate::estimate::priced;
use crate::risk::Mitigations;
use crate::rounding::hours;
use crate::scenario::Scenario;
use crate::strategy;

/// The standard normal's 95th percentile: a (low, high) range taken as a 90 %
/// interval spans 2 × 1.6449 standard deviations.
const Z_95: f64 = 1.6449;

/// Every failure scenario of the catalog, priced for one scenario, in USD.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LossModel {
    /// Strategy ids of the plans after the first (plan 0 is without DR), in catalog order.
    pub strategies: Vec<String>,
    /// One entry per catalog failure scenario, in catalog order.
    pub risks: Vec<RiskLoss>,
}

/// One failure scenario's events and what each costs under every plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskLoss {
    /// The catalog's failure-scenario id.
    pub id: String,
    /// λ: the likely events per year (the risk matrix's ARO).
    pub events_per_year: f64,
    /// How long one event lasts.
    pub duration: Duration,
    /// Impact share × downtime cost per hour, USD.
    pub usd_per_hour: f64,
    /// Per plan: the hours an outage lasts at most (`None`: uncapped), as the
    /// risk matrix shows it (0.01 h).
    pub cap_hours: Vec<Option<f64>>,
    /// Per plan: the one-off USD cost of each event.
    pub one_off: Vec<f64>,
}

/// How long one event lasts, in hours.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Duration {
    /// Every event lasts this long.
    Fixed(f64),
    /// ln H ~ Normal(mu, sigma).
    LogNormal {
        /// Mean of ln H.
        mu: f64,
        /// Standard deviation of ln H, above 0.
        sigma: f64,
    },
}

/// The loss model of `scenario` (validated, with its price overrides applied).
pub fn model(catalog: &Catalog, scenario: &Scenario) -> Result<LossModel> {
    priced(catalog, scenario, LossModel::new)
}

impl LossModel {
    /// The model of an already validated and priced scenario.
    pub(crate) fn new(catalog: &Catalog, s: &Scenario) -> LossModel {
        let rules = Mitigations::new(catalog, s);
        let rtos: Vec<Decimal> = catalog
            .strategies()
            .iter()
            .map(|st| strategy::rto_minutes(catalog, s, st))
            .collect();
        let downtime = s.downtime_cost_per_hour.to_decimal();
        let risks = catalog
            .risks()
            .iter()
            .map(|r| {
                let mut cap_hours = vec![None];
                let mut one_off = vec![f(rules.effect(r.mitigation, Decimal::ZERO).one_off_without)];
                for &rto in &rtos {
                    let effect = rules.effect(r.mitigation, rto);
                    // The matrix's rule: hours with DR = the lesser of the event and the cap, as shown (0.01 h).
                    cap_hours.push(effect.cap_hours.map(|h| f(hours(h))));
                    one_off.push(f(effect.one_off_with));
                }
                RiskLoss {
                    id: r.id.clone(),
                    events_per_year: f(r.events_per_year.likely),
                    duration: Duration::fit(&r.hours_per_event),
                    usd_per_hour: f(r.impact_share * downtime),
                    cap_hours,
                    one_off,
                }
            })
            .collect();
        LossModel {
            strategies: catalog.strategies().iter().map(|st| st.id.clone()).collect(),
            risks,
        }
    }

    /// Plans: without DR, then every strategy.
    pub fn plans(&self) -> usize {
        self.strategies.len() + 1
    }
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

impl Duration {
    /// The lognormal whose 5th and 95th percentiles are `low` and `high`.
    /// A range that starts at 0 has no such fit: its median is taken as the
    /// likely value and its 95th percentile as `high`; a range with no
    /// spread is that value every time.
    pub(crate) fn fit(range: &Range) -> Duration {
        let (low, likely, high) = (f(range.low), f(range.likely), f(range.high));
        let (mu, sigma) = if low > 0.0 {
            ((low.ln() + high.ln()) / 2.0, (high.ln() - low.ln()) / (2.0 * Z_95))
        } else if likely > 0.0 {
            (likely.ln(), (high.ln() - likely.ln()) / Z_95)
        } else {
            return Duration::Fixed(0.0);
        };
        if sigma > 0.0 {
            Duration::LogNormal { mu, sigma }
        } else {
            Duration::Fixed(if low > 0.0 { low } else { likely })
        }
    }

    /// E[H].
    pub fn mean(self) -> f64 {
        match self {
            Duration::Fixed(h) => h,
            Duration::LogNormal { mu, sigma } => (mu + sigma * sigma / 2.0).exp(),
        }
    }

    /// E[H²].
    pub fn second_moment(self) -> f64 {
        match self {
            Duration::Fixed(h) => h * h,
            Duration::LogNormal { mu, sigma } => (2.0 * mu + 2.0 * sigma * sigma).exp(),
        }
    }

    /// The limited expected value E[min(H, t)]; the mean for t = ∞. For the
    /// lognormal: e^(μ+σ²/2) Φ((ln t − μ − σ²)/σ) + t (1 − Φ((ln t − μ)/σ)).
    pub fn limited_mean(self, t: f64) -> f64 {
        if t <= 0.0 {
            return t.max(0.0);
        }
        match self {
            Duration::Fixed(h) => h.min(t),
            Duration::LogNormal { .. } if t == f64::INFINITY => self.mean(),
            Duration::LogNormal { mu, sigma } => {
                let z = (t.ln() - mu) / sigma;
                self.mean() * normal_cdf(z - sigma) + t * normal_cdf(-z)
            }
        }
    }

    /// The hours the outage exceeds with probability `p` (0 < p < 1): its upper `p`-quantile.
    pub(crate) fn upper_quantile(self, p: f64) -> f64 {
        match self {
            Duration::Fixed(h) => h,
            Duration::LogNormal { mu, sigma } => (mu + sigma * normal_upper_quantile(p)).exp(),
        }
    }
}

/// Φ(x), the standard normal CDF, to about the last bit through erfc (no cancellation in either tail).
pub(crate) fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// z with 1 − Φ(z) = p, for 0 < p < 1/2, by bisection on erfc: called a
/// handful of times per run, so simplicity beats a rational approximation.
fn normal_upper_quantile(p: f64) -> f64 {
    let (mut lo, mut hi) = (0.0f64, 40.0f64);
    for _ in 0..80 {
        let mid = (lo + hi) / 2.0;
        if normal_cdf(-mid) > p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limited_mean_runs_from_zero_to_the_mean() {
        let d = Duration::LogNormal { mu: 1.0, sigma: 0.5 };
        assert_eq!(d.limited_mean(0.0), 0.0);
        assert!((d.limited_mean(1e-9) - 1e-9).abs() < 1e-18);
        assert!((d.limited_mean(1e6) - d.mean()).abs() < 1e-12);
        assert_eq!(d.limited_mean(f64::INFINITY), d.mean());
        // Its slope is P(H > t): at the median, one half.
        let (t, dt) = (1f64.exp(), 1e-6);
        let slope = (d.limited_mean(t + dt) - d.limited_mean(t - dt)) / (2.0 * dt);
        assert!((slope - 0.5).abs() < 1e-6, "{slope}");
    }

    #[test]
    fn the_upper_quantile_inverts_the_tail() {
        for p in [0.05, 1e-6, 1e-12] {
            let z = normal_upper_quantile(p);
            assert!((normal_cdf(-z) / p - 1.0).abs() < 1e-9, "{p}: {z}");
        }
        assert!((normal_upper_quantile(0.05) - Z_95).abs() < 1e-4);
    }
}

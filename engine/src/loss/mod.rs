//! The annual-loss distribution without sampling noise: each plan's compound Poisson aggregate by FFT.
//!
//! Per plan the year's loss S = Σ over events of the event's cost. Events of
//! all failure scenarios together come at λ = Σ λ_r a year (Poisson), and an
//! event is of scenario r with probability λ_r ÷ λ, so S is compound Poisson
//! with that mixture as its severity. On the money grid 0, h, …, (N − 1)h the
//! severity is discretised keeping every event's mean ([`severity`]); with φ
//! its discrete Fourier transform, the aggregate's transform is
//! exp(λ(φ − 1)) = exp(Σ_r λ_r (φ_r − 1)), and one inverse FFT gives the
//! aggregate's mass at every grid point. The loss a strategy avoids in a
//! year, Σ over events of (without-DR cost − with-DR cost) of the same outage,
//! is compound Poisson too, so the chance it pays for itself is read off its
//! own aggregate, not off two marginals.
//!
//! The grid has [`POINTS`] points and spans S = N h ≥ 2 × (mean + 10
//! standard deviations) of the largest plan's aggregate, and beyond the
//! outage every failure scenario exceeds with probability 10⁻⁹ ÷ (λ_r ×
//! scenarios): the upper half is padding, so what the FFT's circular
//! convolution wraps around is the mass beyond S. The discretisation keeps
//! the mean exactly, so the computed mean falls short of the analytic one by
//! what the grid lost (mass wrapped or cut off, each unit at least S away):
//! that shortfall is reported as the mean's error, and it bounds the mass
//! beyond the grid by shortfall ÷ S.

mod aggregate;
pub mod model;
pub(crate) mod report;
mod severity;

pub use model::{model, Duration, LossModel, RiskLoss};

use aggregate::{Aggregate, Transform};
use severity::{add_shifted, Uncapped};

/// Points of the grid (and of the FFT): a power of two.
pub const POINTS: usize = 1 << 15;

/// Standard deviations of the largest plan's aggregate the lower half of the grid covers past its mean.
const SIGMAS: f64 = 10.0;

/// The per-event tail probability budget (÷ λ_r × scenarios) the grid must cover.
const TAIL: f64 = 1e-9;

/// Exceedance probabilities of the curve run from 1 down to this, on a log scale.
pub const RAREST: f64 = 1e-4;

/// Points of the exceedance curve.
const CURVE_POINTS: usize = 50;

/// One plan's annual-loss distribution, USD.
pub(crate) struct PlanLoss {
    /// Mean of the computed distribution.
    pub mean: f64,
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    /// (loss, P(annual loss > loss)), loss ascending.
    pub exceedance: Vec<(f64, f64)>,
}

/// Every plan's distribution, and how it was computed.
pub(crate) struct Exact {
    /// Grid step, USD.
    pub step: f64,
    /// The largest |computed − analytic mean| over the plans and the losses avoided, USD.
    pub mean_error: f64,
    /// Upper bound on the probability beyond the grid: mean shortfall ÷ span, largest over the distributions.
    pub beyond_grid: f64,
    /// Without DR, then every strategy.
    pub plans: Vec<PlanLoss>,
    /// Per strategy: P(loss avoided in a year ≥ its threshold).
    pub pays_for_itself: Vec<f64>,
}

/// The exact distributions of `model`'s plans; `thresholds[i]` is strategy
/// i's DR cost a year in USD, the loss it must avoid to pay for itself.
pub(crate) fn exact(model: &LossModel, thresholds: &[f64]) -> Exact {
    let risks: Vec<&RiskLoss> = model.risks.iter().filter(|r| r.events_per_year > 0.0).collect();
    let span = span(&risks);
    let h = span / POINTS as f64;
    let uncapped: Vec<Uncapped> = risks
        .iter()
        .map(|r| {
            let largest_cap = r.cap_hours.iter().flatten().copied().fold(0.0, f64::max);
            Uncapped::new(r.usd_per_hour, r.duration, h, POINTS, largest_cap * r.usd_per_hour)
        })
        .collect();
    let lambda: f64 = risks.iter().map(|r| r.events_per_year).sum();
    let mut transform = Transform::new(POINTS);
    let mut acc = vec![0.0; POINTS];
    let mut pmf = Vec::with_capacity(POINTS);
    let (mut mean_error, mut shortfall) = (0.0f64, 0.0f64);
    let mut note = |computed: f64, analytic: f64| {
        mean_error = mean_error.max((computed - analytic).abs());
        shortfall = shortfall.max(analytic - computed);
    };

    let mut plans = Vec::with_capacity(model.plans());
    for plan in 0..model.plans() {
        acc.fill(0.0);
        let mut analytic = 0.0;
        for (r, y) in risks.iter().zip(&uncapped) {
            let (cap, one_off) = (r.cap_hours[plan], r.one_off[plan]);
            y.capped(cap, &mut pmf);
            add_shifted(&mut acc, &pmf, one_off, h, r.events_per_year);
            analytic += r.events_per_year * (y.exact_lev(cap) + one_off);
        }
        let loss = transform.aggregate(&mut acc, lambda, h);
        note(loss.mean(), analytic);
        plans.push(reading(&loss));
    }

    let mut pays_for_itself = Vec::with_capacity(thresholds.len());
    for (plan, threshold) in (1..model.plans()).zip(thresholds) {
        acc.fill(0.0);
        let mut analytic = 0.0;
        for (r, y) in risks.iter().zip(&uncapped) {
            let cap = r.cap_hours[plan];
            // The same outage without and with DR: the hours past the cap and the one-off saved.
            let saved = r.one_off[0] - r.one_off[plan];
            y.avoided(cap, &mut pmf);
            add_shifted(&mut acc, &pmf, saved, h, r.events_per_year);
            analytic += r.events_per_year * (y.exact_lev(None) - y.exact_lev(cap) + saved);
        }
        // Only P(avoided < threshold) is wanted: Panjer's recursion up to the
        // threshold costs (threshold ÷ h)² ÷ 2 steps, far less than two FFTs
        // when the threshold is a few hundred grid steps or fewer.
        let below = match aggregate::panjer(&acc, lambda, h, *threshold) {
            Some(below) => {
                // The recursion is exact on the grid; what can be off is the severity's mean.
                let mean = acc.iter().enumerate().map(|(k, p)| k as f64 * p).sum::<f64>() * h;
                note(mean, analytic);
                below
            }
            None => {
                let avoided = transform.aggregate(&mut acc, lambda, h);
                note(avoided.mean(), analytic);
                avoided.below(*threshold)
            }
        };
        pays_for_itself.push((1.0 - below).clamp(0.0, 1.0));
    }
    Exact {
        step: h,
        mean_error,
        beyond_grid: (shortfall / span).max(0.0),
        plans,
        pays_for_itself,
    }
}

/// The grid's span S, USD: twice the mean + [`SIGMAS`] standard deviations
/// of the costliest plan (uncapped outages, the largest one-off of each
/// scenario), and at least every scenario's cost at its [`TAIL`] quantile.
fn span(risks: &[&RiskLoss]) -> f64 {
    let (mut mean, mut second, mut tail) = (0.0, 0.0, 0.0f64);
    for r in risks {
        let (lambda, a, d) = (r.events_per_year, r.usd_per_hour, r.duration);
        let b = r.one_off.iter().copied().fold(0.0, f64::max);
        mean += lambda * (a * d.mean() + b);
        second += lambda * (a * a * d.second_moment() + 2.0 * a * b * d.mean() + b * b);
        let p = TAIL / (lambda * risks.len() as f64);
        if p < 0.5 {
            tail = tail.max(a * d.upper_quantile(p) + b);
        }
    }
    let span = (2.0 * (mean + SIGMAS * second.sqrt())).max(tail);
    if span > 0.0 {
        span
    } else {
        // No loss at all: any grid holds the point mass at 0.
        POINTS as f64
    }
}

/// Mean, percentiles and the exceedance curve of one aggregate.
fn reading(loss: &Aggregate) -> PlanLoss {
    let exceedance = (0..CURVE_POINTS)
        .map(|k| {
            let p = RAREST.powf(k as f64 / (CURVE_POINTS - 1) as f64);
            // The curve starts as far inside the distribution as it ends.
            let p = if k == 0 { 1.0 - RAREST } else { p };
            (loss.quantile(1.0 - p), p)
        })
        .collect();
    PlanLoss {
        mean: loss.mean(),
        p50: loss.quantile(0.5),
        p90: loss.quantile(0.9),
        p99: loss.quantile(0.99),
        exceedance,
    }
}

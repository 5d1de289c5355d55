//! One event's loss on the money grid: the mean-preserving discretisation of a failure scenario's cost.
//!
//! The grid is 0, h, 2h, …. A cost is put on a lattice of grid points
//! x₀ = 0 < x₁ < …: a value between two neighbours is split between them in
//! proportion to its distance from each ("first-moment local matching",
//! Klugman, Panjer and Willmot, *Loss Models*, §9.6.5), so every event keeps
//! its mean exactly and gains at most (gap)²/4 of variance. For a cost Y with
//! limited expected value L(t) = E[min(Y, t)] that split puts
//! (L(xᵢ) − L(xᵢ₋₁)) ÷ (xᵢ − xᵢ₋₁) − (L(xᵢ₊₁) − L(xᵢ)) ÷ (xᵢ₊₁ − xᵢ) at xᵢ
//! (with x₋₁ = −h, L(−h) = −h). The lattice is every grid point up to the
//! largest cap (where the plans with DR need the detail) and up to 64 h,
//! then points 1/64 apart in relative terms (xᵢ₊₁ ≈ xᵢ × (1 + 1/64)): a
//! value x there gains at most (x/64)²/4 of variance, so the cost's second
//! moment grows by at most 1/16,384, and a lognormal's tail takes a few
//! hundred points instead of one per grid step. The uncapped cost
//! Y = usd_per_hour × H is discretised once per failure scenario
//! ([`Uncapped`]); a plan's capped cost min(Y, C) and the loss a plan
//! avoids, (Y − C)⁺, are read off it, each moved by one correction so its
//! mean is the exact E[min(Y, C)] (resp. E[Y] − E[min(Y, C)]).

use super::model::Duration;

/// Standard-normal quantile beyond which the lognormal's mass (1.3 × 10⁻¹²
/// each side) is not spread point by point: the mass above it is placed at
/// its own mean, the mass below it is taken as 0, which keeps the mean
/// exact and saves the erfc calls across the empty stretches of the grid.
const Z_CUT: f64 = 7.0;

/// Past the fine stretch, lattice points are x ÷ this apart (at least one grid step).
const RELATIVE_GAPS: f64 = 64.0;

/// A discrete cost: (grid index, probability) pairs. Indices may repeat
/// (the masses add) and may fall past the grid (the mass is lost).
pub(super) type Pmf = Vec<(usize, f64)>;

/// A failure scenario's uncapped cost per event, on its lattice.
pub(super) struct Uncapped {
    /// USD per hour of outage.
    usd_per_hour: f64,
    duration: Duration,
    /// Grid step, USD.
    h: f64,
    /// Grid indices of the lattice, ascending, and the mass at each.
    pub index: Vec<usize>,
    pub mass: Vec<f64>,
    /// Σ mass and Σ index × mass up to each lattice point, for the discrete cost's limited expected values.
    cumulative: Vec<f64>,
    moment: Vec<f64>,
}

impl Uncapped {
    /// The discretisation of usd_per_hour × H on a grid of `points` points,
    /// step `h`, every point kept up to `fine_to` USD (the largest cap).
    pub(super) fn new(usd_per_hour: f64, duration: Duration, h: f64, points: usize, fine_to: f64) -> Uncapped {
        let lev = |t: f64| lev(usd_per_hour, duration, t);
        let mean = lev(f64::INFINITY);
        let (lo, hi) = match duration {
            Duration::Fixed(hours) => (hours * usd_per_hour, hours * usd_per_hour),
            Duration::LogNormal { mu, sigma } => (
                usd_per_hour * (mu - Z_CUT * sigma).exp(),
                usd_per_hour * (mu + Z_CUT * sigma).exp(),
            ),
        };
        let top = ((hi / h).ceil() as usize + 1).min(points - 1);
        let fine = ((fine_to / h).ceil() as usize + 2).max(RELATIVE_GAPS as usize).min(top);
        let mut lattice: Vec<usize> = (0..=fine).collect();
        let mut k = fine;
        while k < top {
            k = (k + (k as f64 / RELATIVE_GAPS) as usize).min(top);
            lattice.push(k);
        }
        // L at each lattice point; below `lo` no mass lies, so L(t) = t without an erfc.
        let at = |k: usize| {
            let x = k as f64 * h;
            if x + h < lo {
                x
            } else {
                lev(x)
            }
        };
        let values: Vec<f64> = lattice.iter().map(|&k| at(k)).collect();
        let mut pairs: Pmf = Vec::with_capacity(lattice.len() + 2);
        let (mut spread, mut moment) = (0.0, 0.0);
        // Slope of L left of the current point: 1 below 0.
        let mut left = 1.0;
        for i in 0..lattice.len() - 1 {
            let right = (values[i + 1] - values[i]) / ((lattice[i + 1] - lattice[i]) as f64 * h);
            let p = left - right;
            left = right;
            if p != 0.0 {
                pairs.push((lattice[i], p));
                spread += p;
                moment += lattice[i] as f64 * h * p;
            }
        }
        // The rest (from the last lattice point on) at its own mean.
        let rest = 1.0 - spread;
        if rest > 0.0 {
            place(&mut pairs, (mean - moment) / rest, rest, h);
        }
        pairs.sort_unstable_by_key(|&(k, _)| k);
        let mut index = Vec::with_capacity(pairs.len());
        let mut mass: Vec<f64> = Vec::with_capacity(pairs.len());
        for (k, p) in pairs {
            if index.last() == Some(&k) {
                *mass.last_mut().expect("BUG: paired with index") += p;
            } else {
                index.push(k);
                mass.push(p);
            }
        }
        let (mut c, mut x) = (0.0, 0.0);
        let (cumulative, moment) = index
            .iter()
            .zip(&mass)
            .map(|(&k, &p)| {
                c += p;
                x += k as f64 * p;
                (c, x)
            })
            .unzip();
        Uncapped {
            usd_per_hour,
            duration,
            h,
            index,
            mass,
            cumulative,
            moment,
        }
    }

    /// The exact E[min(Y, C)] for a cap of `cap_hours` (`None`: E[Y]).
    pub(super) fn exact_lev(&self, cap_hours: Option<f64>) -> f64 {
        lev(
            self.usd_per_hour,
            self.duration,
            cap_hours.map_or(f64::INFINITY, |c| c * self.usd_per_hour),
        )
    }

    /// For a cap C = (m + w)h: m, w, the lattice points at or below m, the
    /// mass above them and the correction (exact − discrete E[min(Y, C)]) ÷ h;
    /// `None` when no lattice point lies above the cap.
    fn cap(&self, cap_hours: f64) -> Option<(usize, f64, usize, f64, f64)> {
        let c = cap_hours * self.usd_per_hour;
        let steps = c / self.h;
        let m = steps.floor() as usize;
        let below = self.index.partition_point(|&k| k <= m);
        if below == self.index.len() {
            return None;
        }
        let w = steps - m as f64;
        let (under, moment) = match below {
            0 => (0.0, 0.0),
            j => (self.cumulative[j - 1], self.moment[j - 1]),
        };
        let above = 1.0 - under;
        let discrete = self.h * moment + c * above;
        Some((
            m,
            w,
            below,
            above,
            (self.exact_lev(Some(cap_hours)) - discrete) / self.h,
        ))
    }

    /// min(Y, C): the points at or below the cap, the mass above it at C
    /// (split between m and m + 1), and the correction moved from m to m + 1.
    pub(super) fn capped(&self, cap_hours: Option<f64>, out: &mut Pmf) {
        out.clear();
        let Some((m, w, below, above, correction)) = cap_hours.and_then(|c| self.cap(c)) else {
            out.extend(self.index.iter().copied().zip(self.mass.iter().copied()));
            return;
        };
        out.extend(
            self.index[..below]
                .iter()
                .copied()
                .zip(self.mass[..below].iter().copied()),
        );
        out.push((m, (1.0 - w) * above - correction));
        out.push((m + 1, w * above + correction));
    }

    /// (Y − C)⁺: the points at or below the cap at 0; each point i above it
    /// at (i − m − w)h, split between i − m − 1 and i − m; the correction
    /// moved from 0 to 1.
    pub(super) fn avoided(&self, cap_hours: Option<f64>, out: &mut Pmf) {
        out.clear();
        let Some((m, w, below, above, correction)) = cap_hours.and_then(|c| self.cap(c)) else {
            out.push((0, 1.0));
            return;
        };
        out.push((0, 1.0 - above + correction));
        out.push((1, -correction));
        for (&i, &p) in self.index[below..].iter().zip(&self.mass[below..]) {
            out.push((i - m - 1, w * p));
            out.push((i - m, (1.0 - w) * p));
        }
    }
}

/// E[min(Y, t)] for Y = usd_per_hour × H, with L(t) = t for t ≤ 0.
fn lev(usd_per_hour: f64, duration: Duration, t: f64) -> f64 {
    if t <= 0.0 || usd_per_hour <= 0.0 {
        return t.min(0.0);
    }
    usd_per_hour * duration.limited_mean(t / usd_per_hour)
}

/// Puts `mass` at x ≥ 0, split between its two grid neighbours so its mean stays x.
fn place(pmf: &mut Pmf, x: f64, mass: f64, h: f64) {
    let steps = (x / h).max(0.0);
    let k = steps.floor() as usize;
    let w = steps - k as f64;
    pmf.push((k, mass * (1.0 - w)));
    pmf.push((k + 1, mass * w));
}

/// Adds `weight` × `pmf` moved right by `shift` USD (a one-off cost, split
/// between two grid offsets so the mean moves by exactly `shift`) to the
/// dense `acc`; what falls past its end is lost.
pub(super) fn add_shifted(acc: &mut [f64], pmf: &[(usize, f64)], shift: f64, h: f64, weight: f64) {
    let steps = (shift / h).max(0.0);
    let s = steps.floor() as usize;
    let w = steps - s as f64;
    let (stay, next) = (weight * (1.0 - w), weight * w);
    for &(k, p) in pmf {
        let i = k + s;
        if let Some(a) = acc.get_mut(i) {
            *a += stay * p;
        }
        if let Some(a) = acc.get_mut(i + 1) {
            *a += next * p;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dense(pmf: &[(usize, f64)]) -> Vec<f64> {
        let mut out = vec![0.0; pmf.iter().map(|&(k, _)| k + 1).max().unwrap_or(0)];
        add_shifted(&mut out, pmf, 0.0, 1.0, 1.0);
        out
    }

    fn mean(pmf: &[(usize, f64)], h: f64) -> f64 {
        pmf.iter().map(|&(k, p)| k as f64 * h * p).sum()
    }

    fn total(pmf: &[(usize, f64)]) -> f64 {
        pmf.iter().map(|&(_, p)| p).sum()
    }

    #[test]
    fn every_piece_keeps_its_mass_and_its_exact_mean() {
        let duration = Duration::LogNormal { mu: 1.2, sigma: 0.6 };
        let (a, h) = (1_500.0, 230.0);
        for fine_to in [0.0, 15_000.0, 1e9] {
            let y = Uncapped::new(a, duration, h, 4_096, fine_to);
            let all: Pmf = y.index.iter().copied().zip(y.mass.iter().copied()).collect();
            assert!((total(&all) - 1.0).abs() < 1e-12, "{fine_to}");
            assert!((mean(&all, h) / (a * duration.mean()) - 1.0).abs() < 1e-12, "{fine_to}");
            assert!(y.mass.iter().all(|&p| p > -1e-12), "{fine_to}");
            let mut out = Vec::new();
            for cap in [0.0, 0.01, 0.7, 3.3, 9.99, 40.0] {
                let exact = y.exact_lev(Some(cap));
                y.capped(Some(cap), &mut out);
                assert!((total(&out) - 1.0).abs() < 1e-12, "{cap}");
                assert!((mean(&out, h) - exact).abs() < 1e-8 * exact.max(1.0), "{cap}");
                y.avoided(Some(cap), &mut out);
                assert!((total(&out) - 1.0).abs() < 1e-12, "{cap}");
                let avoided = a * duration.mean() - exact;
                assert!((mean(&out, h) - avoided).abs() < 1e-8 * avoided.max(1.0), "{cap}");
            }
        }
    }

    #[test]
    fn a_fixed_outage_lands_on_its_two_grid_points() {
        // 2.5 h × 100 USD = 250 USD on a 100 USD grid: half at 200, half at 300.
        let y = Uncapped::new(100.0, Duration::Fixed(2.5), 100.0, 64, 0.0);
        let all: Pmf = y.index.iter().copied().zip(y.mass.iter().copied()).collect();
        let g = dense(&all);
        assert!((g[2] - 0.5).abs() < 1e-12 && (g[3] - 0.5).abs() < 1e-12, "{g:?}");
        // Capped at 2.2 h: 220 USD, 0.8 at 200 and 0.2 at 300.
        let mut out = Vec::new();
        y.capped(Some(2.2), &mut out);
        let g = dense(&out);
        assert!((g[2] - 0.8).abs() < 1e-12 && (g[3] - 0.2).abs() < 1e-12, "{g:?}");
        // Avoided: 30 USD, 0.7 at 0 and 0.3 at 100.
        y.avoided(Some(2.2), &mut out);
        let g = dense(&out);
        assert!((g[0] - 0.7).abs() < 1e-12 && (g[1] - 0.3).abs() < 1e-12, "{g:?}");
        let mut acc = vec![0.0; 8];
        add_shifted(&mut acc, &[(1, 1.0)], 150.0, 100.0, 2.0);
        assert_eq!(acc[..4], [0.0, 0.0, 1.0, 1.0]);
    }
}

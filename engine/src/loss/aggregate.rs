//! The compound Poisson aggregate by real FFT (or, for a short stretch from 0, Panjer's recursion), and what is read off it.
//!
//! Reading a distribution on the grid: the mass at 0 is an atom (no loss in
//! the year); the mass at k ≥ 1 is spread evenly over ((k − ½)h, (k + ½)h],
//! the stretch its events' costs were split from, so quantiles and
//! probabilities are interpolated within a grid cell.

use std::sync::{Arc, OnceLock};

use realfft::num_complex::Complex;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};

/// Below e^−60 (10⁻²⁶) a frequency's term adds less than f64 can hold to
/// any probability, so exp and sin/cos are skipped: with λ in the hundreds
/// (rate limits: 365 a year) most high frequencies are that small.
const NEGLIGIBLE: f64 = -60.0;

/// Panjer's recursion runs up to this many grid points (≈ 2 × 10⁵ steps);
/// beyond, two FFTs are cheaper.
const PANJER_POINTS: usize = 640;

/// Forward and inverse real FFTs of one length, planned once per run and
/// reused for every plan, with the buffers of the last aggregate.
pub(super) struct Transform {
    forward: Arc<dyn RealToComplex<f64>>,
    inverse: Arc<dyn ComplexToReal<f64>>,
    spectrum: Vec<Complex<f64>>,
    mass: Vec<f64>,
    cdf: Vec<f64>,
}

type Plans = (Arc<dyn RealToComplex<f64>>, Arc<dyn ComplexToReal<f64>>);

fn plan(points: usize) -> Plans {
    let mut planner = RealFftPlanner::<f64>::new();
    (planner.plan_fft_forward(points), planner.plan_fft_inverse(points))
}

impl Transform {
    pub(super) fn new(points: usize) -> Transform {
        // Planning the grid's FFTs (twiddles, the algorithm for the length)
        // costs about a millisecond, as much as a third of a run: done once per process.
        static GRID: OnceLock<Plans> = OnceLock::new();
        let (forward, inverse) = if points == super::POINTS {
            GRID.get_or_init(|| plan(points)).clone()
        } else {
            plan(points)
        };
        let spectrum = forward.make_output_vec();
        Transform {
            forward,
            inverse,
            spectrum,
            mass: vec![0.0; points],
            cdf: Vec::with_capacity(points),
        }
    }

    /// The aggregate of the events whose λ-weighted severity is `weighted`
    /// (Σ_r λ_r × pmf_r on the grid, step `h`; its total may fall short of
    /// `lambda` by the mass past the grid): inverse FFT of exp(FFT(weighted) − λ).
    /// `weighted` is used as scratch.
    pub(super) fn aggregate(&mut self, weighted: &mut [f64], lambda: f64, h: f64) -> Aggregate<'_> {
        let n = weighted.len();
        self.forward
            .process(weighted, &mut self.spectrum)
            .expect("BUG: buffers sized by the plan");
        for c in &mut self.spectrum {
            let magnitude = c.re - lambda;
            *c = if magnitude < NEGLIGIBLE {
                Complex::new(0.0, 0.0)
            } else {
                let (sin, cos) = c.im.sin_cos();
                Complex::new(cos, sin) * magnitude.exp()
            };
        }
        // A real signal's transform is real at 0 and at N/2; round-off must not say otherwise.
        let last = self.spectrum.len() - 1;
        self.spectrum[0].im = 0.0;
        self.spectrum[last].im = 0.0;
        self.inverse
            .process(&mut self.spectrum, &mut self.mass)
            .expect("BUG: buffers sized by the plan, real ends");
        let scale = 1.0 / n as f64;
        self.cdf.clear();
        let mut total = 0.0f64;
        for p in &mut self.mass {
            *p *= scale;
            // Round-off leaves ±1e-17 where there is no mass; the CDF must not fall.
            total += p.max(0.0);
            self.cdf.push(total);
        }
        Aggregate {
            mass: &self.mass,
            cdf: &self.cdf,
            h,
        }
    }
}

/// One aggregate distribution on the grid.
pub(super) struct Aggregate<'a> {
    mass: &'a [f64],
    cdf: &'a [f64],
    h: f64,
}

impl Aggregate<'_> {
    /// Σ k h × mass.
    pub(super) fn mean(&self) -> f64 {
        self.mass.iter().enumerate().map(|(k, p)| k as f64 * p).sum::<f64>() * self.h
    }

    /// The smallest x with P(S ≤ x) ≥ q (0 < q < 1), interpolated within its grid cell.
    pub(super) fn quantile(&self, q: f64) -> f64 {
        let k = self.cdf.partition_point(|&c| c < q);
        if k == 0 {
            return 0.0;
        }
        if k >= self.cdf.len() {
            return (self.cdf.len() as f64 - 0.5) * self.h;
        }
        let (before, here) = (self.cdf[k - 1], self.cdf[k]);
        let within = if here > before {
            (q - before) / (here - before)
        } else {
            1.0
        };
        (k as f64 - 0.5 + within) * self.h
    }

    /// P(S < t).
    pub(super) fn below(&self, t: f64) -> f64 {
        below(self.cdf, self.h, t)
    }
}

/// P(S < t) from the CDF at the grid points (as far as it reaches past t).
fn below(cdf: &[f64], h: f64, t: f64) -> f64 {
    if t <= 0.0 {
        return 0.0;
    }
    let position = t / h + 0.5;
    let k = position.floor() as usize;
    match k {
        0 => cdf[0],
        k if k >= cdf.len() => cdf[cdf.len() - 1],
        k => cdf[k - 1] + (cdf[k] - cdf[k - 1]) * (position - k as f64),
    }
}

/// P(S < t) by Panjer's recursion for the compound Poisson, s₀ = e^(Λ₀ − λ),
/// s_k = (1/k) Σ_{j=1..k} j Λ_j s_{k−j} with Λ = `weighted` (Σ_r λ_r × pmf_r):
/// exact on the grid, no wrap-around. `None` when t lies too many grid
/// points out, or s₀ is too small for f64 (λ beyond about 700).
pub(super) fn panjer(weighted: &[f64], lambda: f64, h: f64, t: f64) -> Option<f64> {
    if t <= 0.0 {
        return Some(0.0);
    }
    let points = (t / h + 0.5).floor() as usize + 1;
    let s0 = (weighted[0] - lambda).exp();
    if points > PANJER_POINTS || points > weighted.len() || s0 < 1e-280 {
        return None;
    }
    let mut s = Vec::with_capacity(points);
    s.push(s0);
    let mut cdf = Vec::with_capacity(points);
    cdf.push(s0);
    for k in 1..points {
        let sum: f64 = (1..=k).map(|j| j as f64 * weighted[j] * s[k - j]).sum();
        let sk = sum / k as f64;
        s.push(sk);
        cdf.push(cdf[k - 1] + sk.max(0.0));
    }
    Some(below(&cdf, h, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_poisson_count_of_unit_losses_is_poisson() {
        // Every event costs exactly one step: S ÷ h ~ Poisson(λ).
        let (lambda, h, n) = (3.0, 10.0, 64);
        let mut weighted = vec![0.0; n];
        weighted[1] = lambda;
        let panjer_below = |t| panjer(&weighted, lambda, h, t).unwrap();
        let (at_most_two, zero) = (panjer_below(25.0), panjer_below(1.0));
        let mut transform = Transform::new(n);
        let s = transform.aggregate(&mut weighted.clone(), lambda, h);
        let mut p = (-lambda).exp();
        for k in 0..20 {
            assert!((s.mass[k] - p).abs() < 1e-14, "{k}: {} against {p}", s.mass[k]);
            p *= lambda / (k + 1) as f64;
        }
        assert!((s.mean() - lambda * h).abs() < 1e-12);
        // P(S = 0) = e^−3 is an atom: any t in (0, h/2] has it, and only it, below.
        assert!((s.below(1.0) - (-lambda).exp()).abs() < 1e-14);
        assert!((zero - (-lambda).exp()).abs() < 1e-15);
        // P(S < 25) = P(S ≤ 20) = e^−3 (1 + 3 + 4.5), half of the mass at 30 ((25, 35]) excluded.
        let expected = (-lambda).exp() * (1.0 + 3.0 + 4.5);
        assert!((s.below(25.0) - expected).abs() < 1e-14);
        assert!(
            (at_most_two - expected).abs() < 1e-14,
            "{at_most_two} against {expected}"
        );
        assert_eq!(s.below(0.0), 0.0);
        assert_eq!(s.quantile(0.01), 0.0);
    }
}

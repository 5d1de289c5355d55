//! A cancellation flag the engine's long loops read, so work nobody waits for stops.
//!
//! The engine reads no clock (it also runs in wasm32, where `Instant` panics),
//! so it does not know about deadlines itself: the caller holds a [`Cancel`],
//! sets it when its deadline passes or its client goes away, and the
//! simulation's year loop, the optimizer's design loop and the sensitivity's
//! re-estimates return [`Error::Cancelled`] at their next check.

use std::sync::{
    atomic::{AtomicBool, Ordering},
    Arc,
};

use crate::error::{Error, Result};

/// A flag shared between the caller, who may set it, and the running analysis, which reads it.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Option<Arc<AtomicBool>>);

impl Cancel {
    /// A flag that is never set: the analysis always runs to its end.
    pub fn never() -> Cancel {
        Cancel(None)
    }

    /// A flag not yet set; clones share it.
    pub fn new() -> Cancel {
        Cancel(Some(Arc::new(AtomicBool::new(false))))
    }

    /// Asks every holder of this flag to stop.
    pub fn cancel(&self) {
        if let Some(flag) = &self.0 {
            // Relaxed: the flag carries no data; a loop seeing it one check late only runs a little longer.
            flag.store(true, Ordering::Relaxed);
        }
    }

    /// Whether [`Cancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.as_ref().is_some_and(|flag| flag.load(Ordering::Relaxed))
    }

    /// `Err(Error::Cancelled)` once the flag is set.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_flag_and_never_stays_clear() {
        let flag = Cancel::new();
        let seen = flag.clone();
        assert!(seen.check().is_ok());
        flag.cancel();
        assert_eq!(seen.check(), Err(Error::Cancelled));
        let never = Cancel::never();
        never.cancel();
        assert!(!never.is_cancelled());
    }

    #[test]
    fn a_set_flag_stops_every_analysis() {
        let catalog = crate::Catalog::shipped();
        let scenario = crate::Scenario::default();
        let flag = Cancel::new();
        flag.cancel();
        assert_eq!(crate::estimate_until(&catalog, &scenario, &flag), Err(Error::Cancelled));
        assert_eq!(crate::simulate_until(&catalog, &scenario, &flag), Err(Error::Cancelled));
        assert_eq!(crate::optimize_until(&catalog, &scenario, &flag), Err(Error::Cancelled));
        assert_eq!(
            crate::sensitivity_until(&catalog, &scenario, &flag),
            Err(Error::Cancelled)
        );
    }

    #[test]
    fn a_long_simulation_stops_soon_after_the_flag_is_set() {
        let catalog = crate::Catalog::shipped();
        let mut scenario = crate::Scenario::default();
        scenario.simulation.method = crate::LossMethod::MonteCarlo;
        scenario.simulation.years = 100_000;
        let flag = Cancel::new();
        let setter = flag.clone();
        let started = std::time::Instant::now();
        let stopper = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(5));
            setter.cancel();
        });
        let result = crate::simulate_until(&catalog, &scenario, &flag);
        let took = started.elapsed();
        stopper.join().unwrap();
        assert_eq!(result, Err(Error::Cancelled));
        // The whole run takes hundreds of milliseconds, even at opt-level 2.
        assert!(took < std::time::Duration::from_millis(100), "stopped after {took:?}");
    }
}

//! drplan's calculation engine: plain data in, plain data out, no I/O.
//!
//! [`estimate`] takes a [`Catalog`] (dated prices, strategies, tiers, risks)
//! and a [`Scenario`] (what the architect knows) and returns an [`Estimate`]
//! with every figure the server, UI, CSV export and charts show; [`simulate()`]
//! (the annual-loss distribution, exact or Monte Carlo), [`optimize()`] (per-layer recovery modes) and
//! [`sensitivity()`] (a tornado of six inputs) are separate, heavier analyses of
//! the same inputs, kept out of the estimate so it stays fast. [`plans`] names
//! the plans an estimate prices and [`present`] writes figures for people,
//! once for the page, the charts, the CSV files and the CLI. Nothing here
//! opens a file, reads a clock or spawns a thread, so the crate also builds
//! for `wasm32-unknown-unknown`. The formulas are in `docs/methodology.md`.

#![warn(missing_docs)]

pub mod break_even;
pub mod catalog;
pub mod compare;
pub mod cost;
pub mod deadline;
pub mod error;
pub mod estimate;
pub mod examples;
pub mod link;
pub mod loss;
pub mod money;
pub mod optimizer;
pub mod plans;
pub mod present;
mod pricing;
pub mod recovery;
pub mod report;
pub mod risk;
pub mod rounding;
pub mod scenario;
pub mod sensitivity;
pub mod simulation;
pub mod strategy;
pub mod validate;
mod warnings;

pub use break_even::BreakEven;
pub use catalog::{Catalog, CatalogFiles, Range, RiskScenario, Tier};
pub use cost::{Component, CostLine, Item, Location, PlanCost, Subtotal};
pub use deadline::Cancel;
pub use error::{Error, FieldError, Result};
pub use estimate::{estimate, estimate_until, Estimate, Savings};
pub use money::Money;
pub use optimizer::{optimize, optimize_until, Design, Layer, LayerMode, LayerOptions, Optimization};
pub use plans::{Mark, Plan, Role};
pub use recovery::{Recovery, Reembedding, RestoreOption};
pub use report::Report;
pub use risk::{RiskMatrix, RiskRow, IMPACT_BANDS, LIKELIHOOD_BANDS};
pub use scenario::{LossMethod, Scenario, SimulationSettings, Targets};
pub use sensitivity::{sensitivity, sensitivity_until, Sensitivity, SensitivityRow};
pub use simulation::{simulate, simulate_until, Computation, ExceedancePoint, LossDistribution, Simulation};
pub use strategy::{Recommendation, StrategyEstimate};
pub use validate::validate;

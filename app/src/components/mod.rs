//! The components, each named for what the user sees.

pub mod inputs;
pub mod planner;
pub mod results;

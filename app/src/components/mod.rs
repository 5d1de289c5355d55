//! The components, each named for what the user sees.

pub mod planner;

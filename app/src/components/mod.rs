//! The components, each named for what the user sees. All are rendered on
//! the server; the browser hydrates only the island in `crate::live`.

pub mod catalog_diff;
pub mod compare;
pub mod inputs;
pub mod layout;
pub mod planner;
pub mod reference;
pub mod results;

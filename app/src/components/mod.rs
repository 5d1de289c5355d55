//! The components, each named for what the user sees.

pub mod inputs;
pub mod planner;
// Rendered on the server only: the browser receives the sections as HTML.
#[cfg(feature = "ssr")]
pub mod results;

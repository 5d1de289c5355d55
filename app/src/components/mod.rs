//! The components, each named for what the user sees.

// The comparison page is a server page: rendered to HTML, never hydrated.
#[cfg(feature = "ssr")]
pub mod compare;
pub mod inputs;
pub mod planner;
// Rendered on the server only: the browser receives the sections as HTML.
#[cfg(feature = "ssr")]
pub mod results;

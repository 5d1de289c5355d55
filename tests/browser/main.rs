//! Real-browser tests: the release build of drplan in headless Chromium.
//! Run through `cargo xtask test`, which builds the site and sets
//! `DRPLAN_BIN` and `LEPTOS_SITE_ROOT`.

mod analysis;
mod compare;
mod harness;
mod planner;
mod slice;

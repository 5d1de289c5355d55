//! The engine's integration tests as one binary: one link step instead of one
//! per file (matklad, "Delete Cargo Integration Tests"). Each module was a test
//! file of its own; `common` holds the scenarios they share.

mod catalog;
mod common;
mod costs;
mod fuzz_corpus;
mod history;
mod link;
mod loss;
mod optimizer;
mod properties;
mod reference;
mod sensitivity;
mod serde;
mod simulation;
mod validation;

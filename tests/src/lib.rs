//! Shared support for the cross-crate tests lives in the test targets.

//! [`engine::present`] under the name the comparison page and the input form
//! still use; every figure is written by the engine's one formatting module.

pub use engine::present::*;

//! libFuzzer target: CSV catalogs (`engine_fuzz::catalog_load`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| engine_fuzz::catalog_load(data));

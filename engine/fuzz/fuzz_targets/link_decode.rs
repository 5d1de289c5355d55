//! libFuzzer target: share links (`engine_fuzz::link_decode`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| engine_fuzz::link_decode(data));

//! Replays the committed fuzz corpus (`engine/fuzz/corpus/<target>/`) through
//! the fuzz targets' own checks, so every `cargo test` on stable re-runs what
//! the nightly fuzzers found interesting, crash regressions included.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

// The targets' bodies live in the fuzz crate (its own workspace, built with
// nightly and libFuzzer); that file uses only `engine` and `std`, so the test
// compiles it as a module and runs the very same checks.
#[path = "../../fuzz/src/lib.rs"]
mod targets;

/// Runs `check` on every file of a corpus; lists every input that fails.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut inputs = 0;
    let mut failed = Vec::new();
    for entry in entries {
        let path = entry.expect("a readable corpus folder").path();
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        inputs += 1;
        if catch_unwind(AssertUnwindSafe(|| check(&data))).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(
        inputs >= 10,
        "{}: only {inputs} inputs; is the corpus committed?",
        dir.display()
    );
    assert!(
        failed.is_empty(),
        "{} of {inputs} inputs fail: {failed:#?}",
        failed.len()
    );
}

#[test]
fn every_link_of_the_corpus_passes_the_link_decode_checks() {
    replay("link_decode", targets::link_decode);
}

#[test]
fn every_catalog_of_the_corpus_passes_the_catalog_load_checks() {
    replay("catalog_load", targets::catalog_load);
}

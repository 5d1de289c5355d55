//! Tests of `cargo xtask tidy`: each rule is fed a planted violation and must
//! report it, and the look-alikes of the real tree (URLs, hosts, outputs) must
//! pass. The fixtures cite missing paths on purpose, so the cited-path rule
//! skips this file.

use std::path::PathBuf;

use super::*;

/// Runs the text checks over `files` (path, contents) and compares the reports.
fn check(files: &[(&str, &str)], expected: &[&str]) {
    let tree = Tree::of(&files.iter().map(|(path, _)| *path).collect::<Vec<_>>());
    let texts: Vec<Text> = files
        .iter()
        .filter(|(path, _)| is_text(path))
        .map(|(path, text)| Text {
            path: (*path).to_owned(),
            text: (*text).to_owned(),
        })
        .collect();
    let mut problems = doc_comments(&texts);
    problems.extend(cited_paths(&tree, &texts));
    problems.extend(proptest_regressions(&tree));
    // In path order, as the walk of the real tree reports them; without the advice.
    problems.sort();
    let problems: Vec<&str> = problems.iter().map(|p| p.split(';').next().unwrap()).collect();
    assert_eq!(problems, expected);
}

#[test]
fn a_rust_file_without_a_doc_comment_is_reported() {
    check(
        &[
            ("engine/src/lib.rs", "//! The engine.\n"),
            ("engine/src/cost.rs", "use std::fmt;\n"),
            ("engine/tests/it/main.rs", "\n//! Not first.\n"),
            ("docs/x.md", "# No Rust here\n"),
        ],
        &[
            "engine/src/cost.rs:1: does not start with a `//!` comment",
            "engine/tests/it/main.rs:1: does not start with a `//!` comment",
        ],
    );
}

#[test]
fn a_cited_path_that_does_not_exist_is_reported_with_its_line() {
    check(
        &[
            ("README.md", "# drplan\n\nSee docs/methodology.md and docs/gone.md.\n"),
            ("docs/methodology.md", "From notes.md §3 (`engine/src/cost.rs`).\n"),
            (
                "engine/src/lib.rs",
                "//! Formulas in `docs/methodology.md`, tested by engine/tests/it/gone.rs.\n",
            ),
            ("data/meta.csv", "version,source\n2026-11,docs/prices.md\n"),
        ],
        &[
            "README.md:3: cites docs/gone.md, which is not in the repository",
            "data/meta.csv:2: cites docs/prices.md, which is not in the repository",
            "docs/methodology.md:1: cites engine/src/cost.rs, which is not in the repository",
            "docs/methodology.md:1: cites notes.md, which is not in the repository",
            "engine/src/lib.rs:1: cites engine/tests/it/gone.rs, which is not in the repository",
        ],
    );
}

#[test]
fn relative_paths_resolve_from_the_file_or_a_folder_above_it() {
    check(
        &[
            ("docs/share-links.md", "# Links\n"),
            ("data/tiers.csv", "id\n"),
            ("engine/fuzz/src/lib.rs", "//! Targets.\n"),
            (
                "engine/tests/it/link.rs",
                "//! Links.\n#[path = \"../../fuzz/src/lib.rs\"]\nmod targets;\n\
                 const A: &str = include_str!(\"../../../docs/share-links.md\");\n\
                 let data = dir.join(\"../data\");\n\
                 let docs = dir.join(\"../docs/share-links.md\");\n\
                 let gone = include_str!(\"../../../docs/gone.md\");\n\
                 let evil = \"../../etc/passwd\";\n",
            ),
            ("engine/fuzz/Cargo.toml", "[[bin]]\npath = \"fuzz_targets/gone.rs\"\n"),
        ],
        &[
            "engine/fuzz/Cargo.toml:2: cites fuzz_targets/gone.rs, which is not in the repository",
            "engine/tests/it/link.rs:7: cites ../../../docs/gone.md, which is not in the repository",
        ],
    );
}

#[test]
fn urls_hosts_outputs_features_and_templates_are_not_repository_paths() {
    check(
        &[
            ("data/tiers.csv", "id\n"),
            ("engine/src/lib.rs", "//! The engine.\n"),
            ("app/src/components/inputs.rs", "//! The form's fields.\n"),
            ("server/src/lib.rs", "//! The server.\n"),
            // An output of checked code, rewritten by its test: not checked itself.
            (
                "server/tests/golden/default/report.csv",
                "Scenario,Name,From gone.md\r\n",
            ),
            (
                "README.md",
                "GET /export/costs.csv and /api/v1/estimate, or http://127.0.0.1:3000/docs/x.md\n\
                 https://github.com/rust-lang/rust-analyzer/blob/master/docs/book/x.md\n\
                 drplan.example/?v=1, localhost:3000/export/report.csv\n\
                 target/site/pkg/drplan.js, node_modules/.bin/wasm-opt\n\
                 features leptos/ssr, models openai/gpt-4o, I/O, Node.js/npm\n\
                 every data/*.csv, one engine/src/<concept>.rs, server/src/{api,pages}.rs\n\
                 curl -o diff.csv …; drplan estimate scenario.toml > costs.csv\n\
                 drplan-costs-production-tier-example-2026-11-25.csv\n\
                 the files lib.rs and tiers.csv, a `.rs` file; docs/ and data/.\n\
                 in app/src, components/inputs.rs draws the form\n",
            ),
        ],
        &[],
    );
}

#[test]
fn a_proptest_regressions_file_proptest_would_not_read_is_reported() {
    check(
        &[
            ("engine/tests/it/main.rs", "//! Tests.\n"),
            ("engine/tests/it/properties.rs", "//! Properties.\n"),
            ("engine/tests/proptest-regressions/properties.txt", ""),
            ("engine/tests/link.rs", "//! Links, a test binary of its own.\n"),
            ("engine/tests/link.proptest-regressions", ""),
            // Left behind when properties.rs moved into it/.
            ("engine/tests/properties.proptest-regressions", ""),
            ("engine/proptest-regressions/gone.txt", ""),
        ],
        &[
            "engine/proptest-regressions/gone.txt:1: proptest does not read this file: no test source maps to it",
            "engine/tests/properties.proptest-regressions:1: proptest does not read this file: no test source maps to it",
        ],
    );
}

#[test]
fn tokens_are_runs_of_path_characters_without_trailing_dots() {
    let line = "See docs/a.md. Or `x/y.rs`, then http://h/z.md and .. \"../b.rs\" …";
    assert_eq!(
        tokens(line).collect::<Vec<_>>(),
        [
            "See",
            "docs/a.md",
            "Or",
            "x/y.rs",
            "then",
            "http",
            "and",
            "..",
            "../b.rs"
        ]
    );
}

// ---- cargo fmt and clippy on a planted crate ----
//
// The workspace itself is too big to build in a unit test, so the same
// `fmt` and `clippy` functions run on a one-file crate in a temporary
// folder: a few seconds, no dependencies, its own target folder.

/// A crate `planted` whose `src/lib.rs` is `lib_rs`, outside any workspace.
fn planted_crate(test: &str, lib_rs: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-tidy-{}-{test}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"planted\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n",
    )
    .unwrap();
    fs::write(dir.join("src/lib.rs"), lib_rs).unwrap();
    dir
}

#[test]
fn fmt_reports_the_badly_formatted_file_and_line() {
    let dir = planted_crate("fmt", "//! Planted.\n\npub fn f( ) -> u8 {1}\n");
    let report = fmt(&dir).unwrap_err();
    // rustfmt names the first line of the diff's hunk, context included.
    assert!(
        report.starts_with("src/lib.rs:1: not formatted as rustfmt formats it\n"),
        "{report}"
    );
    fs::write(dir.join("src/lib.rs"), "//! Planted.\n\npub fn f() -> u8 {\n    1\n}\n").unwrap();
    assert_eq!(fmt(&dir), Ok(()));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn clippy_reports_a_warning_as_an_error_with_file_and_line() {
    let dir = planted_crate(
        "clippy",
        "//! Planted.\n\npub fn f(v: &Vec<u8>) -> usize {\n    v.len()\n}\n",
    );
    // Its own target folder: the workspace's may be locked by the cargo running this test.
    let run = || {
        let mut command = clippy_command(&dir, &[]);
        command.env("CARGO_TARGET_DIR", dir.join("target"));
        clippy(command)
    };
    let report = run().unwrap_err();
    assert!(report.contains("src/lib.rs:3:"), "{report}");
    assert!(
        report.contains("clippy::ptr_arg") || report.contains("&Vec"),
        "{report}"
    );
    assert!(!report.contains("Checking planted"), "{report}");
    fs::write(
        dir.join("src/lib.rs"),
        "//! Planted.\n\npub fn f(v: &[u8]) -> usize {\n    v.len()\n}\n",
    )
    .unwrap();
    assert_eq!(run(), Ok(()));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_long_file_must_say_why() {
    let long = |head: &str| Text {
        path: "engine/src/big.rs".to_owned(),
        text: format!("{head}{}", "fn f() {}\n".repeat(LONG_FILE_LINES)),
    };
    let problems = long_files(&[long("//! Big.\n")]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("engine/src/big.rs:1: has 501 lines"),
        "{problems:?}"
    );
    assert!(long_files(&[long("//! Big.\n//! Over 500 lines because it is a table.\n")]).is_empty());
    let short = Text {
        path: "engine/src/small.rs".to_owned(),
        text: "//! Small.\n".to_owned(),
    };
    assert!(long_files(&[short]).is_empty());
}

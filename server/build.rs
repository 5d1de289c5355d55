//! Bakes the site defaults from `[workspace.metadata.leptos]` into the binary,
//! so the workspace manifest stays the one source of truth and `drplan` run by
//! hand knows its output name, pkg folder, site folder and address.

use std::path::Path;

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("BUG: cargo sets CARGO_MANIFEST_DIR");
    let workspace = Path::new(&manifest_dir)
        .parent()
        .expect("BUG: server/ lives in the workspace");
    let manifest_path = workspace.join("Cargo.toml");
    println!("cargo:rerun-if-changed={}", manifest_path.display());
    let text = std::fs::read_to_string(&manifest_path).expect("read the workspace Cargo.toml");
    let manifest: toml::Table = text.parse().expect("the workspace Cargo.toml parses");
    let site = manifest["workspace"]["metadata"]["leptos"]
        .as_array()
        .and_then(|sites| sites.first())
        .and_then(|site| site.as_table())
        .expect("[[workspace.metadata.leptos]] is present");
    for (key, var) in [
        ("output-name", "DRPLAN_OUTPUT_NAME"),
        ("site-root", "DRPLAN_SITE_ROOT"),
        ("site-pkg-dir", "DRPLAN_SITE_PKG_DIR"),
        ("site-addr", "DRPLAN_SITE_ADDR"),
    ] {
        let value = site
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or_else(|| panic!("[[workspace.metadata.leptos]] has no {key}"));
        println!("cargo:rustc-env={var}={value}");
    }
    println!("cargo:rustc-env=DRPLAN_WORKSPACE_ROOT={}", workspace.display());
}

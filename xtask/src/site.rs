//! Builds the site: the hydrate wasm, its JS glue, the stylesheet and the server.
//! Settings come from `[[workspace.metadata.leptos]]`, as cargo-leptos reads them.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use crate::{cargo, cargo_command, project_root, run_command, Profile, Result};

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The site settings shared with cargo-leptos and the server.
#[derive(Debug, Clone)]
pub struct SiteSettings {
    /// Base name of the JS and wasm files (`drplan` → `pkg/drplan.js`).
    pub output_name: String,
    /// Folder of the built site, relative to the workspace.
    pub site_root: String,
    /// Folder of the JS, wasm and CSS inside the site.
    pub site_pkg_dir: String,
    /// Where the server listens by default.
    pub site_addr: String,
    /// The stylesheet copied to `pkg/<output_name>.css`.
    pub style_file: String,
    /// Files copied as they are to the site root.
    pub assets_dir: String,
    /// The package compiled to wasm.
    pub lib_package: String,
    /// The package holding the server binary.
    pub bin_package: String,
    /// The cargo profile of the release wasm build.
    pub lib_profile_release: String,
}

/// What a build produced.
pub struct Built {
    /// The settings it used.
    pub settings: SiteSettings,
    /// Absolute path of the site folder.
    pub site_root: PathBuf,
    /// Absolute path of the `drplan` binary.
    pub server_binary: PathBuf,
}

/// Reads `[[workspace.metadata.leptos]]` from the workspace Cargo.toml.
pub fn settings() -> Result<SiteSettings> {
    let path = project_root().join("Cargo.toml");
    let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let manifest: toml::Table = text.parse().map_err(|e| format!("{}: {e}", path.display()))?;
    let site = manifest
        .get("workspace")
        .and_then(|w| w.get("metadata"))
        .and_then(|m| m.get("leptos"))
        .and_then(|l| l.as_array())
        .and_then(|sites| sites.first())
        .and_then(|s| s.as_table())
        .ok_or("Cargo.toml has no [[workspace.metadata.leptos]] table")?;
    let get = |key: &str| -> Result<String> {
        site.get(key)
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .ok_or_else(|| format!("[[workspace.metadata.leptos]] in Cargo.toml has no `{key}`"))
    };
    Ok(SiteSettings {
        output_name: get("output-name")?,
        site_root: get("site-root")?,
        site_pkg_dir: get("site-pkg-dir")?,
        site_addr: get("site-addr")?,
        style_file: get("style-file")?,
        assets_dir: get("assets-dir")?,
        lib_package: get("lib-package")?,
        bin_package: get("bin-package")?,
        lib_profile_release: get("lib-profile-release")?,
    })
}

/// The whole build, in the order the pieces depend on each other.
pub fn build(profile: Profile) -> Result<Built> {
    let started = std::time::Instant::now();
    let settings = settings()?;
    let root = project_root();
    let site_root = root.join(&settings.site_root);
    let pkg = site_root.join(&settings.site_pkg_dir);
    fs::create_dir_all(&pkg).map_err(|e| format!("cannot create {}: {e}", pkg.display()))?;

    ensure_wasm_target()?;
    let wasm = build_wasm(&settings, profile)?;
    bindgen(&wasm, &pkg, &settings.output_name)?;
    if profile == Profile::Release {
        wasm_opt(&pkg.join(format!("{}_bg.wasm", settings.output_name)))?;
    }
    copy_style_and_assets(&settings, &site_root, &pkg)?;
    hash_files(&settings, &site_root, &pkg)?;
    let server_binary = build_server(&settings, profile)?;
    println!(
        "xtask: site built in {} ({:?}, {:.0} s)",
        site_root.display(),
        profile,
        started.elapsed().as_secs_f64()
    );
    Ok(Built {
        settings,
        site_root,
        server_binary,
    })
}

/// `rustup target add wasm32-unknown-unknown` when it is missing.
fn ensure_wasm_target() -> Result<()> {
    let output = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("cannot run rustup ({e}); install the {WASM_TARGET} target for your toolchain"))?;
    if String::from_utf8_lossy(&output.stdout)
        .lines()
        .any(|l| l.trim() == WASM_TARGET)
    {
        return Ok(());
    }
    let mut add = Command::new("rustup");
    add.args(["target", "add", WASM_TARGET]);
    run_command(add)
}

fn build_wasm(settings: &SiteSettings, profile: Profile) -> Result<PathBuf> {
    let profile_name = match profile {
        Profile::Dev => "dev",
        Profile::Release => settings.lib_profile_release.as_str(),
    };
    let mut command = cargo_command(&[
        "build",
        "--package",
        &settings.lib_package,
        "--lib",
        "--target",
        WASM_TARGET,
        "--no-default-features",
        "--features",
        "hydrate",
        "--profile",
        profile_name,
    ]);
    // Leptos picks the wasm file name from LEPTOS_OUTPUT_NAME at compile time
    // (`<name>.wasm` under cargo-leptos, `<name>_bg.wasm` otherwise). We ship
    // wasm-bindgen's `<name>_bg.wasm`, so that variable must not leak in.
    command.env_remove("LEPTOS_OUTPUT_NAME");
    run_command(command)?;
    let folder = if profile_name == "dev" { "debug" } else { profile_name };
    let wasm = target_dir()
        .join(WASM_TARGET)
        .join(folder)
        .join(format!("{}.wasm", settings.lib_package.replace('-', "_")));
    if wasm.is_file() {
        Ok(wasm)
    } else {
        Err(format!("the wasm build finished but {} is missing", wasm.display()))
    }
}

/// wasm-bindgen, as a library pinned to the same version as the `wasm-bindgen` crate.
fn bindgen(wasm: &Path, pkg: &Path, output_name: &str) -> Result<()> {
    println!("xtask: wasm-bindgen {} → {}", wasm.display(), pkg.display());
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(wasm)
        .out_name(output_name)
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e}"))?
        .generate(pkg)
        .map_err(|e| format!("wasm-bindgen on {}: {e:#}", wasm.display()))
}

/// `wasm-opt -Oz` from the npm package `binaryen` (Debian's is too old: its
/// output fails to hydrate with `WebAssembly.Table.set(): Argument 1 is invalid`).
fn wasm_opt(wasm: &Path) -> Result<()> {
    let root = project_root();
    let tool = root.join("node_modules/.bin/wasm-opt");
    if !tool.is_file() {
        let mut npm = Command::new("npm");
        npm.arg("ci").current_dir(&root);
        let shown = "npm ci";
        println!("xtask: {shown} (installs binaryen's wasm-opt)");
        let status = npm.status().map_err(|e| {
            format!("cannot run npm ({e}): install Node.js and npm (Debian: apt-get install -y nodejs npm), then run `npm ci` in {}", root.display())
        })?;
        if !status.success() {
            return Err(format!("{shown} failed with {status}"));
        }
    }
    let optimised = wasm.with_extension("opt.wasm");
    let mut command = Command::new(&tool);
    command
        .arg("-Oz")
        .arg("--enable-bulk-memory")
        .arg("--enable-nontrapping-float-to-int")
        .arg(wasm)
        .arg("-o")
        .arg(&optimised);
    run_command(command)?;
    fs::rename(&optimised, wasm).map_err(|e| format!("cannot replace {}: {e}", wasm.display()))
}

fn copy_style_and_assets(settings: &SiteSettings, site_root: &Path, pkg: &Path) -> Result<()> {
    let root = project_root();
    let style = root.join(&settings.style_file);
    let css = pkg.join(format!("{}.css", settings.output_name));
    fs::copy(&style, &css).map_err(|e| format!("cannot copy {} to {}: {e}", style.display(), css.display()))?;
    copy_dir(&root.join(&settings.assets_dir), site_root)
}

/// Renames the JS, wasm and CSS to `<name>.<hash>.<ext>` and lists the
/// hashes in `<site root>/hash.txt` (`js: …`, `wasm: …`, `css: …`, the format
/// Leptos's `HydrationScripts` and `HashedStylesheet` read), so the server can
/// let browsers cache them for good: a changed file gets a new name.
fn hash_files(settings: &SiteSettings, site_root: &Path, pkg: &Path) -> Result<()> {
    let name = &settings.output_name;
    remove_old_hashed_files(name, pkg)?;
    let mut listing = String::new();
    for (kind, built) in [
        ("js", format!("{name}.js")),
        ("wasm", format!("{name}_bg.wasm")),
        ("css", format!("{name}.css")),
    ] {
        let from = pkg.join(&built);
        let bytes = fs::read(&from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let hash = content_hash(&bytes);
        let to = pkg.join(format!("{name}.{hash}.{kind}"));
        fs::rename(&from, &to).map_err(|e| format!("cannot rename {} to {}: {e}", from.display(), to.display()))?;
        listing.push_str(&format!("{kind}: {hash}\n"));
    }
    let hash_file = site_root.join("hash.txt");
    fs::write(&hash_file, listing).map_err(|e| format!("cannot write {}: {e}", hash_file.display()))
}

/// The first 16 hex digits of the SHA-256 of `bytes`: enough that two builds never share a name.
fn content_hash(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Deletes `<name>.<16 hex>.{js,wasm,css}` left by earlier builds.
fn remove_old_hashed_files(name: &str, pkg: &Path) -> Result<()> {
    let entries = fs::read_dir(pkg).map_err(|e| format!("cannot read {}: {e}", pkg.display()))?;
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&format!("{name}.")) else {
            continue;
        };
        let Some((hash, ext)) = rest.split_once('.') else {
            continue;
        };
        if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) && ["js", "wasm", "css"].contains(&ext) {
            fs::remove_file(entry.path()).map_err(|e| format!("cannot remove {}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    let Ok(entries) = fs::read_dir(from) else {
        return Ok(()); // no assets folder: nothing to copy
    };
    for entry in entries {
        let entry = entry.map_err(|e| format!("reading {}: {e}", from.display()))?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            fs::create_dir_all(&target).map_err(|e| format!("cannot create {}: {e}", target.display()))?;
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).map_err(|e| format!("cannot copy to {}: {e}", target.display()))?;
        }
    }
    Ok(())
}

fn build_server(settings: &SiteSettings, profile: Profile) -> Result<PathBuf> {
    let mut args = vec!["build", "--package", settings.bin_package.as_str()];
    if profile == Profile::Release {
        args.push("--release");
    }
    cargo(&args)?;
    let folder = if profile == Profile::Release {
        "release"
    } else {
        "debug"
    };
    Ok(target_dir().join(folder).join("drplan"))
}

/// Where cargo puts what it builds: `CARGO_TARGET_DIR` when set (a shared
/// build cache), else the workspace's `target/`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                project_root().join(dir)
            }
        })
        .unwrap_or_else(|| project_root().join("target"))
}

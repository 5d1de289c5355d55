//! `cargo xtask`: builds the full-stack site without cargo-leptos (which would
//! download wasm-bindgen at build time) and runs every test.
//!
//! - `cargo xtask build [--release]`: wasm (hydrate) → wasm-bindgen → wasm-opt
//!   (release) → CSS and assets → server binary, into `target/site`.
//! - `cargo xtask run`: build in release and start the server.
//! - `cargo xtask tidy`: formatting, clippy, `//!` docs, cited paths (see tidy.rs).
//! - `cargo xtask test`: tidy, `cargo test --workspace`, the methodology and
//!   `aggregate` cross-checks (tests/*/check.py), then the real-browser tests.
//! - `cargo xtask load [--seconds N] [--soak N] [--threads N]`: the release
//!   server under wrk; results into docs/benchmarks.md.
//! - `cargo xtask hostile`: the release server under overload, slow sockets
//!   and SIGTERM (see hostile.rs); `test` runs it after the release build.

// A command-line tool: what it is doing goes to stdout.
#![allow(clippy::print_stdout)]

mod api_fuzz;
mod browser;
mod hostile;
mod load;
mod site;
mod tidy;

use std::{
    path::{Path, PathBuf},
    process::{Command, ExitCode},
};

type Result<T, E = String> = std::result::Result<T, E>;

const USAGE: &str =
    "usage: cargo xtask <build [--release] | run | tidy | test | schemathesis | hostile [--binary PATH --site-root DIR] | load [--seconds N] [--soak N] [--threads N]>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let outcome = match args.as_slice() {
        ["build"] => site::build(Profile::Dev).map(|_| ()),
        ["build", "--release"] => site::build(Profile::Release).map(|_| ()),
        ["run"] => run(),
        ["tidy"] => tidy::tidy(),
        ["schemathesis"] => site::build(Profile::Release).and_then(|built| api_fuzz::run(&built)),
        ["test"] => test(),
        ["hostile"] => site::build(Profile::Release).and_then(|built| hostile::run(&built).map(|_| ())),
        // A binary and site built before, e.g. in another target folder.
        ["hostile", "--binary", binary, "--site-root", root] => site::settings().and_then(|settings| {
            let built = site::Built {
                settings,
                site_root: PathBuf::from(root),
                server_binary: PathBuf::from(binary),
            };
            hostile::run(&built).map(|_| ())
        }),
        ["load", options @ ..] => load_options(options).and_then(|options| load::load(&options)),
        _ => Err(USAGE.to_string()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `--seconds N`, `--soak N`, `--threads N`, each a whole number ≥ 1.
fn load_options(args: &[&str]) -> Result<load::Options> {
    let mut options = load::Options::default();
    for pair in args.chunks(2) {
        let [flag, value] = pair else {
            return Err(format!("{} needs a value\n{USAGE}", pair[0]));
        };
        let number: u32 = value
            .parse()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or(format!("{flag} must be a whole number ≥ 1, not {value:?}"))?;
        match *flag {
            "--seconds" => options.seconds = number,
            "--soak" => options.soak_seconds = number,
            "--threads" => options.threads = number,
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    Ok(options)
}

/// Debug builds for quick iteration, release builds for users and benchmarks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// Unoptimised, no wasm-opt.
    Dev,
    /// Optimised server, size-optimised wasm, wasm-opt -Oz.
    Release,
}

/// Builds in release, then runs the server in the foreground until Ctrl-C.
fn run() -> Result<()> {
    let built = site::build(Profile::Release)?;
    println!("xtask: starting drplan at http://{}", built.settings.site_addr);
    let status = Command::new(&built.server_binary)
        .env("LEPTOS_SITE_ROOT", &built.site_root)
        .env("LEPTOS_OUTPUT_NAME", &built.settings.output_name)
        .env("LEPTOS_SITE_PKG_DIR", &built.settings.site_pkg_dir)
        .env("LEPTOS_SITE_ADDR", &built.settings.site_addr)
        .status()
        .map_err(|e| format!("cannot start {}: {e}", built.server_binary.display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("drplan exited with {status}"))
    }
}

/// Everything: the house rules, the workspace's unit and integration tests
/// (xtask's own included: `--workspace` is every member, not just the default
/// ones), then the browser tests against a release build (the one users get,
/// wasm-opt included).
fn test() -> Result<()> {
    tidy::tidy()?;
    browser::ensure_chromium()?;
    cargo(&["test", "--workspace"])?;
    methodology_check()?;
    aggregate_check()?;
    let built = site::build(Profile::Release)?;
    api_fuzz::run(&built)?;
    hostile::run(&built)?;
    let mut command = cargo_command(&[
        "test",
        "--release",
        "-p",
        "drplan-tests",
        "--features",
        "browser",
        "--test",
        "browser",
        "--",
        // One browser at a time: ten Chromiums on two cores starve each other.
        "--test-threads=1",
    ]);
    command
        .env("DRPLAN_BIN", &built.server_binary)
        .env("LEPTOS_SITE_ROOT", &built.site_root)
        .env("DRPLAN_SCREENSHOTS", project_root().join("target/screenshots"));
    run_command(command)
}

/// docs/methodology.md recomputed by an outsider: tests/methodology/check.py
/// implements the estimate from the document and data/ alone (Python's
/// `decimal`, no Rust read) and compares every figure of three scenarios
/// with what the debug `drplan estimate` prints. It uses the binary that
/// `cargo test --workspace` just built for the server's CLI tests: a
/// `cargo build -p server` would resolve other features and rebuild most of
/// the tree (minutes of CI).
fn methodology_check() -> Result<()> {
    let drplan = site::target_dir().join("debug").join("drplan");
    if !drplan.is_file() {
        return Err(format!(
            "{} is missing: `cargo test --workspace` builds it for the server's CLI tests",
            drplan.display()
        ));
    }
    let mut command = Command::new("python3");
    command
        .arg(project_root().join("tests/methodology/check.py"))
        .arg("--drplan")
        .arg(drplan)
        .current_dir(project_root());
    run_command(command)
}

/// The exact annual-loss distribution recomputed with another library:
/// tests/aggregate/check.py rebuilds every plan of the default scenario with
/// the `aggregate` package from the model `cargo test` just wrote
/// (tests/aggregate/default.json) and compares mean, P90 and P99 within
/// 0.5 %. The package lives in target/venv (a fresh Debian's python3
/// refuses system-wide pip installs), which .ci/run makes.
fn aggregate_check() -> Result<()> {
    let python = project_root().join("target/venv/bin/python");
    let installed = Command::new(&python)
        .args(["-c", "import aggregate"])
        .status()
        .is_ok_and(|s| s.success());
    if !installed {
        return Err(format!(
            "{} cannot import aggregate: python3 -m venv target/venv && target/venv/bin/pip install -r \
             tests/requirements.txt (what .ci/run does)",
            python.display()
        ));
    }
    let mut command = Command::new(&python);
    command
        .arg(project_root().join("tests/aggregate/check.py"))
        .current_dir(project_root());
    run_command(command)
}

/// The workspace root: xtask lives one level down.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("BUG: xtask/ lives in the workspace")
        .to_path_buf()
}

/// `cargo` as the one that runs us, so the toolchain matches.
pub fn cargo_command(args: &[&str]) -> Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut command = Command::new(cargo);
    command.args(args).current_dir(project_root());
    command
}

/// Runs `cargo ARGS` and fails if it fails.
pub fn cargo(args: &[&str]) -> Result<()> {
    run_command(cargo_command(args))
}

/// Runs a command, echoing it, and turns a failure into a message.
pub fn run_command(mut command: Command) -> Result<()> {
    let shown = format!("{command:?}");
    println!("xtask: {shown}");
    let status = command.status().map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed with {status}"))
    }
}

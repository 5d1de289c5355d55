//! Start-up configuration: flags, environment variables and the defaults baked
//! in from `[workspace.metadata.leptos]` by build.rs, in that order of precedence.

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
};

use clap::{Parser, Subcommand};
use leptos::config::LeptosOptions;

/// `drplan`: the DR cost and RTO/RPO planner for AI services.
#[derive(Debug, Parser)]
#[command(name = "drplan", version, about)]
pub struct Cli {
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Serve settings, also accepted without the `serve` word.
    #[command(flatten)]
    pub serve: ServeArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the planner over HTTP (the default).
    Serve(ServeArgs),
    /// Estimate a scenario without a server and print it.
    Estimate(EstimateArgs),
}

/// What `drplan estimate` reads and how it prints.
#[derive(Debug, Clone, clap::Args)]
pub struct EstimateArgs {
    /// A scenario file (`.json` or `.toml`; fields left out take the defaults),
    /// or a share link (`http://…/?v=1&…`, `?tier=critical`, `tier=critical`);
    /// the production-tier example when omitted.
    pub scenario: Option<String>,
    /// How to print the estimate.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Which CSV table to print with `--format csv`.
    #[arg(long, value_enum, default_value_t = CsvTable::Report)]
    pub table: CsvTable,
    /// Folder of catalog CSV files (a company's own price book) instead of the shipped catalog.
    #[arg(long, env = "DRPLAN_CATALOG")]
    pub catalog: Option<PathBuf>,
}

/// Output formats of `drplan estimate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for a terminal.
    Table,
    /// The JSON of `GET /api/v1/estimate`.
    Json,
    /// One CSV table (see `--table`), as `/export/*.csv` writes it.
    Csv,
}

/// The CSV tables `--format csv` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CsvTable {
    /// Every link parameter with its value.
    Inputs,
    /// Cost lines of every plan, with totals.
    Costs,
    /// Every strategy's cost and recovery times.
    Strategies,
    /// The risk matrix.
    Risk,
    /// Monte Carlo annual loss per strategy.
    Simulation,
    /// The per-layer designs: cheapest and frontier.
    Designs,
    /// The sensitivity (tornado) table.
    Sensitivity,
    /// The combined report for finance.
    Report,
}

/// Where to listen and where the site files are.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on, e.g. 127.0.0.1:3000 [default: the site-addr of the workspace metadata].
    #[arg(long, env = "DRPLAN_ADDR")]
    pub addr: Option<SocketAddr>,
    /// Folder holding the built site (pkg/drplan.js, pkg/drplan_bg.wasm, pkg/drplan.css).
    #[arg(long, env = "LEPTOS_SITE_ROOT")]
    pub site_root: Option<PathBuf>,
    /// Folder of catalog CSV files (a company's own price book) instead of the shipped catalog.
    #[arg(long, env = "DRPLAN_CATALOG")]
    pub catalog: Option<PathBuf>,
}

impl Cli {
    /// The serve arguments, whether given after `serve` or on their own.
    pub fn serve_args(&self) -> ServeArgs {
        match &self.command {
            Some(Command::Serve(args)) => args.clone(),
            Some(Command::Estimate(_)) | None => self.serve.clone(),
        }
    }
}

/// The output name of the wasm bundle (`LEPTOS_OUTPUT_NAME`, else the metadata's).
fn output_name() -> String {
    std::env::var("LEPTOS_OUTPUT_NAME").unwrap_or_else(|_| env!("DRPLAN_OUTPUT_NAME").to_string())
}

/// The pkg folder inside the site root (`LEPTOS_SITE_PKG_DIR`, else the metadata's).
fn site_pkg_dir() -> String {
    std::env::var("LEPTOS_SITE_PKG_DIR").unwrap_or_else(|_| env!("DRPLAN_SITE_PKG_DIR").to_string())
}

/// The address: `--addr`/`DRPLAN_ADDR`, then `LEPTOS_SITE_ADDR`, then the metadata's.
fn site_addr(args: &ServeArgs) -> Result<SocketAddr, String> {
    if let Some(addr) = args.addr {
        return Ok(addr);
    }
    let (text, from) = match std::env::var("LEPTOS_SITE_ADDR") {
        Ok(text) => (text, "LEPTOS_SITE_ADDR"),
        Err(_) => (
            env!("DRPLAN_SITE_ADDR").to_string(),
            "site-addr in [workspace.metadata.leptos]",
        ),
    };
    text.parse()
        .map_err(|_| format!("{from} is {text:?}, which is not an address such as 127.0.0.1:3000"))
}

/// The places a site may be, in the order they are tried.
fn site_root_candidates(args: &ServeArgs) -> Vec<PathBuf> {
    if let Some(root) = &args.site_root {
        return vec![root.clone()];
    }
    let relative = Path::new(env!("DRPLAN_SITE_ROOT"));
    let mut candidates = Vec::new();
    // target/release/drplan sits next to target/site: works wherever the
    // workspace was moved, as long as the binary stays in its target folder.
    if let Some(target) = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.to_path_buf()))
    {
        if let Some(name) = relative.file_name() {
            candidates.push(target.join(name));
        }
    }
    candidates.push(relative.to_path_buf());
    candidates.push(Path::new(env!("DRPLAN_WORKSPACE_ROOT")).join(relative));
    candidates.dedup();
    candidates
}

/// The site settings for Leptos, or a message saying exactly what is missing.
pub fn leptos_options(args: &ServeArgs) -> Result<LeptosOptions, String> {
    let output_name = output_name();
    let pkg_dir = site_pkg_dir();
    let script = PathBuf::from(&pkg_dir).join(format!("{output_name}.js"));
    let candidates = site_root_candidates(args);
    let Some(site_root) = candidates.iter().find(|root| root.join(&script).is_file()) else {
        let looked = candidates
            .iter()
            .map(|root| root.join(&script).display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        return Err(format!(
            "the site files are missing: looked for {looked}. Build them with `cargo xtask build --release`, \
             or point --site-root (or LEPTOS_SITE_ROOT) at the folder that holds {}",
            script.display()
        ));
    };
    Ok(LeptosOptions::builder()
        .output_name(output_name)
        .site_root(site_root.display().to_string())
        .site_pkg_dir(pkg_dir)
        .site_addr(site_addr(args)?)
        .build())
}

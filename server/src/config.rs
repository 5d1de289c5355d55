//! Start-up configuration: flags, environment variables and the defaults baked
//! in from `[workspace.metadata.leptos]` by build.rs, in that order of precedence.

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
    time::Duration,
};

use clap::{Parser, Subcommand};
use leptos::config::LeptosOptions;

use crate::admission::Admission;
use crate::connections::ConnectionLimits;
use crate::layers::Limits;
use crate::site::{SiteFiles, HASH_FILE};

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
    /// List the catalog versions, compare two, or list the rows too old to trust.
    #[command(subcommand)]
    Catalog(CatalogCommand),
}

/// `drplan catalog …`: the released catalog versions and the current one.
#[derive(Debug, Clone, Subcommand)]
pub enum CatalogCommand {
    /// List the catalog versions a diff can name.
    Versions,
    /// List every row added, removed or changed from catalog A to catalog B.
    Diff(CatalogDiffArgs),
    /// List the rows whose as-of date is more than N days old; exit status 1 when there is one.
    Check(CatalogCheckArgs),
}

/// What `drplan catalog diff` compares and how it prints.
#[derive(Debug, Clone, clap::Args)]
pub struct CatalogDiffArgs {
    /// The first catalog: a released version (`drplan catalog versions`), `current`, or a folder of CSV files.
    pub from: String,
    /// The second catalog, named the same ways.
    pub to: String,
    /// How to print the differences.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

/// Output formats of `drplan catalog diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Readable text, one block per file.
    Text,
    /// One CSV line per changed cell: file, change, key, lines, column, from, to.
    Csv,
}

/// What `drplan catalog check` checks.
#[derive(Debug, Clone, clap::Args)]
pub struct CatalogCheckArgs {
    /// The oldest a row's as-of date may be, in days before today.
    #[arg(long)]
    pub max_age_days: u32,
    /// The day to count from, YYYY-MM-DD [default: today, UTC, from the system clock].
    #[arg(long, value_parser = parse_today)]
    pub today: Option<(i32, u32, u32)>,
    /// Folder of catalog CSV files to check instead of the shipped catalog.
    #[arg(long)]
    pub catalog_dir: Option<PathBuf>,
}

fn parse_today(text: &str) -> Result<(i32, u32, u32), String> {
    match engine::catalog::history::parse_as_of(text) {
        Some(date) if text.len() == 10 => Ok(date),
        _ => Err("--today must be a day that exists, written YYYY-MM-DD, e.g. 2026-12-01".to_owned()),
    }
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
    #[arg(long, value_enum, default_value_t = crate::export::Table::Report)]
    pub table: crate::export::Table,
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

/// Where to listen, where the site files and catalog are, how to log, and the request limits.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on, e.g. 127.0.0.1:3000 [default: the site-addr of the workspace metadata].
    #[arg(long, env = "DRPLAN_ADDR", value_parser = parse_addr)]
    pub addr: Option<SocketAddr>,
    /// Folder holding the built site (pkg/ with the JS, wasm and CSS, and hash.txt).
    #[arg(long, env = "LEPTOS_SITE_ROOT")]
    pub site_root: Option<PathBuf>,
    /// Folder of catalog CSV files (a company's own price book) instead of the shipped catalog.
    #[arg(long, env = "DRPLAN_CATALOG")]
    pub catalog: Option<PathBuf>,
    /// Which log lines to write, in tracing's EnvFilter syntax, e.g. `info`, `warn,server=debug`.
    #[arg(long, env = "DRPLAN_LOG", default_value = "info", value_parser = parse_log_level)]
    pub log_level: String,
    /// How log lines are written: `text` for people, `json` (one object a line) for a log collector.
    #[arg(long, env = "DRPLAN_LOG_FORMAT", default_value = "text", value_parser = parse_log_format)]
    pub log_format: LogFormat,
    /// Seconds a request may take before it is answered 408 (1 to 3600).
    #[arg(long, env = "DRPLAN_REQUEST_TIMEOUT", default_value_t = Limits::DEFAULT_TIMEOUT_SECS,
          value_parser = parse_timeout)]
    pub request_timeout: u64,
    /// Largest request body in bytes, past it 413 (1024 to 16777216).
    #[arg(long, env = "DRPLAN_BODY_LIMIT", default_value_t = Limits::DEFAULT_BODY_LIMIT,
          value_parser = parse_body_limit)]
    pub body_limit: usize,
    /// Longest URI (path and query) in bytes, past it 414 (256 to 65536).
    #[arg(long, env = "DRPLAN_MAX_URI_LENGTH", default_value_t = Limits::DEFAULT_MAX_URI_LENGTH,
          value_parser = parse_max_uri_length)]
    pub max_uri_length: usize,
    /// Seconds a request's head (request line and headers) may take to arrive, counted from when the connection waits for it; past it the connection is closed (1 to 300).
    #[arg(long, env = "DRPLAN_HEADER_READ_TIMEOUT", default_value_t = ConnectionLimits::DEFAULT_HEADER_READ_TIMEOUT_SECS,
          value_parser = parse_header_read_timeout)]
    pub header_read_timeout: u64,
    /// Seconds a connection with no request in progress may stay silent before it is closed (1 to 3600).
    #[arg(long, env = "DRPLAN_IDLE_TIMEOUT", default_value_t = ConnectionLimits::DEFAULT_IDLE_TIMEOUT_SECS,
          value_parser = parse_idle_timeout)]
    pub idle_timeout: u64,
    /// Connections open at once; more wait to be accepted (1 to 1000000; lowered to the file limit − 64).
    #[arg(long, env = "DRPLAN_MAX_CONNECTIONS", default_value_t = ConnectionLimits::DEFAULT_MAX_CONNECTIONS,
          value_parser = parse_max_connections)]
    pub max_connections: usize,
    /// Seconds a shutdown (SIGTERM, Ctrl-C) waits for requests in flight before exiting anyway (1 to 3600).
    #[arg(long, env = "DRPLAN_SHUTDOWN_TIMEOUT", default_value_t = ConnectionLimits::DEFAULT_SHUTDOWN_TIMEOUT_SECS,
          value_parser = parse_shutdown_timeout)]
    pub shutdown_timeout: u64,
    /// Calculations (estimates, analyses, charts, CSV) run at once [default: the number of cores] (1 to 1024).
    #[arg(long, env = "DRPLAN_WORKERS", value_parser = parse_workers)]
    pub workers: Option<usize>,
    /// Calculations that may wait for a worker; past it 503 [default: 4 per worker] (0 to 100000).
    #[arg(long, env = "DRPLAN_QUEUE", value_parser = parse_queue)]
    pub queue: Option<usize>,
}

impl Default for ServeArgs {
    fn default() -> Self {
        let limits = Limits::default();
        ServeArgs {
            addr: None,
            site_root: None,
            catalog: None,
            log_level: "info".to_owned(),
            log_format: LogFormat::Text,
            request_timeout: limits.request_timeout.as_secs(),
            body_limit: limits.body_limit,
            max_uri_length: limits.max_uri_length,
            header_read_timeout: ConnectionLimits::DEFAULT_HEADER_READ_TIMEOUT_SECS,
            idle_timeout: ConnectionLimits::DEFAULT_IDLE_TIMEOUT_SECS,
            max_connections: ConnectionLimits::DEFAULT_MAX_CONNECTIONS,
            shutdown_timeout: ConnectionLimits::DEFAULT_SHUTDOWN_TIMEOUT_SECS,
            workers: None,
            queue: None,
        }
    }
}

impl ServeArgs {
    /// The request limits the flags give.
    pub fn limits(&self) -> Limits {
        Limits {
            request_timeout: Duration::from_secs(self.request_timeout),
            body_limit: self.body_limit,
            max_uri_length: self.max_uri_length,
        }
    }

    /// The connection limits the flags give, the cap lowered to fit `file_limit` (when known).
    pub fn connection_limits(&self, file_limit: Option<usize>) -> ConnectionLimits {
        let fits = file_limit.map_or(usize::MAX, |files| {
            files.saturating_sub(ConnectionLimits::RESERVED_FILES).max(1)
        });
        ConnectionLimits {
            header_read_timeout: Duration::from_secs(self.header_read_timeout),
            idle_timeout: Duration::from_secs(self.idle_timeout),
            max_connections: self.max_connections.min(fits),
            shutdown_timeout: Duration::from_secs(self.shutdown_timeout),
        }
    }

    /// The calculation pool the flags give.
    pub fn admission(&self) -> Admission {
        let workers = self.workers.unwrap_or_else(Admission::default_workers);
        let queue = self.queue.unwrap_or(workers * Admission::DEFAULT_QUEUE_PER_WORKER);
        Admission::new(workers, queue)
    }
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// One readable line per event.
    Text,
    /// One JSON object per line.
    Json,
}

impl LogFormat {
    /// The flag's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            LogFormat::Text => "text",
            LogFormat::Json => "json",
        }
    }
}

// clap prints these messages after `invalid value '…' for '--flag'`, so each
// names the variable too and says what is allowed; clap then exits with 2.

fn parse_addr(text: &str) -> Result<SocketAddr, String> {
    text.parse().map_err(|_| {
        "--addr (DRPLAN_ADDR) must be an IP address and port, e.g. 127.0.0.1:3000 or 0.0.0.0:8080".to_owned()
    })
}

fn parse_log_level(text: &str) -> Result<String, String> {
    tracing_subscriber::EnvFilter::try_new(text)
        .map(|_| text.to_owned())
        .map_err(|e| {
            format!(
                "--log-level (DRPLAN_LOG) must be a level (error, warn, info, debug, trace) or a tracing filter \
             such as `warn,server=debug`: {e}"
            )
        })
}

fn parse_log_format(text: &str) -> Result<LogFormat, String> {
    match text {
        "text" => Ok(LogFormat::Text),
        "json" => Ok(LogFormat::Json),
        _ => Err("--log-format (DRPLAN_LOG_FORMAT) must be one of: text, json".to_owned()),
    }
}

/// A whole number within `min..=max`, or a message naming the flag, the variable and the range.
fn bounded(text: &str, flag: &str, var: &str, unit: &str, min: u64, max: u64) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!(
            "{flag} ({var}) must be a whole number of {unit} from {min} to {max}"
        )),
    }
}

fn parse_timeout(text: &str) -> Result<u64, String> {
    bounded(text, "--request-timeout", "DRPLAN_REQUEST_TIMEOUT", "seconds", 1, 3600)
}

fn parse_body_limit(text: &str) -> Result<usize, String> {
    bounded(
        text,
        "--body-limit",
        "DRPLAN_BODY_LIMIT",
        "bytes",
        1024,
        16 * 1024 * 1024,
    )
    .map(|n| n as usize)
}

fn parse_max_uri_length(text: &str) -> Result<usize, String> {
    bounded(text, "--max-uri-length", "DRPLAN_MAX_URI_LENGTH", "bytes", 256, 65536).map(|n| n as usize)
}

fn parse_header_read_timeout(text: &str) -> Result<u64, String> {
    bounded(
        text,
        "--header-read-timeout",
        "DRPLAN_HEADER_READ_TIMEOUT",
        "seconds",
        1,
        300,
    )
}

fn parse_idle_timeout(text: &str) -> Result<u64, String> {
    bounded(text, "--idle-timeout", "DRPLAN_IDLE_TIMEOUT", "seconds", 1, 3600)
}

fn parse_max_connections(text: &str) -> Result<usize, String> {
    bounded(
        text,
        "--max-connections",
        "DRPLAN_MAX_CONNECTIONS",
        "connections",
        1,
        1_000_000,
    )
    .map(|n| n as usize)
}

fn parse_shutdown_timeout(text: &str) -> Result<u64, String> {
    bounded(
        text,
        "--shutdown-timeout",
        "DRPLAN_SHUTDOWN_TIMEOUT",
        "seconds",
        1,
        3600,
    )
}

fn parse_workers(text: &str) -> Result<usize, String> {
    bounded(text, "--workers", "DRPLAN_WORKERS", "calculations", 1, 1024).map(|n| n as usize)
}

fn parse_queue(text: &str) -> Result<usize, String> {
    bounded(text, "--queue", "DRPLAN_QUEUE", "calculations", 0, 100_000).map(|n| n as usize)
}

impl Cli {
    /// The serve arguments, whether given after `serve` or on their own.
    pub fn serve_args(&self) -> ServeArgs {
        match &self.command {
            Some(Command::Serve(args)) => args.clone(),
            Some(Command::Estimate(_) | Command::Catalog(_)) | None => self.serve.clone(),
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
pub fn site_addr(args: &ServeArgs) -> Result<SocketAddr, String> {
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
///
/// A site root holding `hash.txt` (written by `cargo xtask build`) has
/// content-hashed file names; cargo-leptos instead writes it next to the
/// binary and sets `LEPTOS_HASH_FILES=true`, which is honoured too.
pub fn leptos_options(args: &ServeArgs) -> Result<LeptosOptions, String> {
    let site_addr = site_addr(args)?;
    let cargo_leptos_hashes = std::env::var("LEPTOS_HASH_FILES").is_ok_and(|v| v == "true");
    let mut problems = Vec::new();
    for root in site_root_candidates(args) {
        let own_hash_file = root.join(HASH_FILE);
        let builder = LeptosOptions::builder()
            .output_name(output_name())
            .site_root(root.display().to_string())
            .site_pkg_dir(site_pkg_dir())
            .site_addr(site_addr);
        let options = if own_hash_file.is_file() {
            // Absolute, because Leptos joins it to the binary's folder.
            let absolute = std::path::absolute(&own_hash_file).unwrap_or(own_hash_file);
            builder
                .hash_files(true)
                .hash_file(absolute.display().to_string().into())
                .build()
        } else if cargo_leptos_hashes {
            let name = std::env::var("LEPTOS_HASH_FILE_NAME").unwrap_or_else(|_| HASH_FILE.to_owned());
            builder.hash_files(true).hash_file(name.into()).build()
        } else {
            builder.build()
        };
        match SiteFiles::of(&options) {
            Ok(files) => {
                let missing = files.missing(&options);
                if missing.is_empty() {
                    return Ok(options);
                }
                problems.extend(missing.iter().map(|p| p.display().to_string()));
            }
            Err(problem) => problems.push(problem),
        }
    }
    Err(format!(
        "the site files are missing: {}. Build them with `cargo xtask build --release`, \
         or point --site-root (or LEPTOS_SITE_ROOT) at the folder that holds pkg/ and hash.txt",
        problems.join(", ")
    ))
}

//! The `drplan` binary: parses the command line, then serves (the default), estimates one scenario or works on catalog versions.

use std::{process::ExitCode, sync::Arc, time::Duration};

use clap::Parser;
use server::{
    cli,
    config::{self, LogFormat, ServeArgs},
    connections::{self, Stopped},
    AppState,
};

fn main() -> ExitCode {
    limit_malloc_arenas();
    match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => {
            let code = runtime.block_on(run());
            // Dropping the runtime drops every connection still open past the
            // shutdown deadline, which cancels their calculations; their
            // threads are not waited for beyond this.
            runtime.shutdown_timeout(Duration::from_secs(1));
            code
        }
        Err(error) => {
            eprintln!("drplan: cannot start the async runtime: {error}");
            ExitCode::FAILURE
        }
    }
}

/// glibc gives each thread that contends for the heap an arena of its own (up
/// to 8 per core) and returns little of them to the system: under a load of
/// pages rendered on both workers the server sat at 58 MB resident, against
/// 23 MB with two arenas, at the same throughput (measured with `wrk`, see
/// docs/benchmarks.md). Called before any thread exists.
#[allow(
    unsafe_code,
    reason = "the workspace denies unsafe; this FFI call is the one exception"
)]
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; no other thread is running yet.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

async fn run() -> ExitCode {
    // clap answers a bad flag or variable with a message naming it and exit code 2.
    let cli = config::Cli::parse();
    if let Some(config::Command::Estimate(args)) = &cli.command {
        return cli::estimate(args);
    }
    if let Some(config::Command::Catalog(command)) = &cli.command {
        return server::versions::run(command);
    }
    let args = cli.serve_args();
    init_logging(&args);
    serve(args).await
}

/// Log lines to stdout, as text or one JSON object each; the level was checked by clap.
fn init_logging(args: &ServeArgs) {
    let filter = tracing_subscriber::EnvFilter::new(&args.log_level);
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(ansi && args.log_format == LogFormat::Text);
    match args.log_format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).init(),
    }
}

async fn serve(args: ServeArgs) -> ExitCode {
    let addr = match config::site_addr(&args) {
        Ok(addr) => addr,
        Err(message) => {
            tracing::error!("{message}");
            return ExitCode::from(2);
        }
    };
    let catalog = match cli::load_catalog(args.catalog.as_deref()) {
        Ok(catalog) => catalog,
        Err(message) => {
            tracing::error!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let leptos_options = match config::leptos_options(&args) {
        Ok(options) => options,
        Err(message) => {
            tracing::error!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let limits = args.limits();
    let file_limit = connections::file_limit();
    let connection_limits = args.connection_limits(file_limit);
    if connection_limits.max_connections < args.max_connections {
        tracing::warn!(
            asked = args.max_connections,
            file_limit,
            max_connections = connection_limits.max_connections,
            "--max-connections lowered to fit the process's file limit"
        );
    }
    let admission = args.admission();
    let catalog_source = args
        .catalog
        .as_ref()
        .map_or_else(|| "shipped".to_owned(), |dir| dir.display().to_string());
    tracing::info!(
        addr = %addr,
        catalog_version = catalog.version(),
        catalog = %catalog_source,
        site_root = %leptos_options.site_root,
        hashed_files = leptos_options.hash_files,
        log_level = %args.log_level,
        log_format = args.log_format.as_str(),
        request_timeout_s = limits.request_timeout.as_secs(),
        body_limit_bytes = limits.body_limit,
        max_uri_length_bytes = limits.max_uri_length,
        header_read_timeout_s = connection_limits.header_read_timeout.as_secs(),
        idle_timeout_s = connection_limits.idle_timeout.as_secs(),
        max_connections = connection_limits.max_connections,
        shutdown_timeout_s = connection_limits.shutdown_timeout.as_secs(),
        workers = admission.workers(),
        queue = admission.queue(),
        "drplan configuration"
    );
    let state = AppState {
        leptos_options,
        catalog: Arc::new(catalog),
        admission,
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(error) => {
            tracing::error!("cannot listen on {addr}: {error}");
            return ExitCode::FAILURE;
        }
    };
    // The bound address, not the asked one: `--addr 127.0.0.1:0` picks a free port.
    let bound = listener.local_addr().unwrap_or(addr);
    tracing::info!("listening on http://{bound}");
    let stopped = connections::serve(
        listener,
        server::service(state, limits),
        connection_limits,
        shutdown_signal(),
    )
    .await;
    match stopped {
        Stopped::Drained => tracing::info!("stopped"),
        Stopped::DeadlinePassed(open) => tracing::warn!(
            open,
            shutdown_timeout_s = connection_limits.shutdown_timeout.as_secs(),
            "stopped at the shutdown deadline; the connections still open are dropped"
        ),
    }
    ExitCode::SUCCESS
}

/// Resolves on Ctrl-C or SIGTERM; the server then stops accepting and lets
/// in-flight requests finish (each is bounded by the request timeout), up to
/// the shutdown deadline.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    let signal = tokio::select! {
        () = ctrl_c => "Ctrl-C",
        () = terminate => "SIGTERM",
    };
    tracing::info!(signal, "shutting down: finishing in-flight requests");
}

//! The `drplan` binary: parses the command line, then serves (the default) or estimates one scenario.

use std::{process::ExitCode, sync::Arc};

use clap::Parser;
use server::{
    cli,
    config::{self, LogFormat, ServeArgs},
    AppState,
};

#[tokio::main]
async fn main() -> ExitCode {
    // clap answers a bad flag or variable with a message naming it and exit code 2.
    let cli = config::Cli::parse();
    if let Some(config::Command::Estimate(args)) = &cli.command {
        return cli::estimate(args);
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
        "drplan configuration"
    );
    let state = AppState {
        leptos_options,
        catalog: Arc::new(catalog),
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
    let served = axum::serve(listener, server::service(state, limits))
        .with_graceful_shutdown(shutdown_signal())
        .await;
    match served {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(error) => {
            tracing::error!("server error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM; the server then stops accepting and lets
/// in-flight requests finish (each is bounded by the request timeout).
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

//! The `drplan` binary: parses the command line, then serves (the default) or estimates one scenario.

use std::{process::ExitCode, sync::Arc};

use clap::Parser;
use server::{app, cli, config, AppState};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = config::Cli::parse();
    if let Some(config::Command::Estimate(args)) = &cli.command {
        return cli::estimate(args);
    }
    let args = cli.serve_args();
    let catalog = match cli::load_catalog(args.catalog.as_deref()) {
        Ok(catalog) => catalog,
        Err(message) => {
            eprintln!("drplan: {message}");
            return ExitCode::FAILURE;
        }
    };
    let leptos_options = match config::leptos_options(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("drplan: {message}");
            return ExitCode::FAILURE;
        }
    };
    let addr = leptos_options.site_addr;
    let state = AppState {
        leptos_options: leptos_options.clone(),
        catalog: Arc::new(catalog),
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("drplan: cannot listen on {addr}: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("drplan: catalog {}", state.catalog.version());
    println!("drplan: site files in {}", leptos_options.site_root);
    println!("drplan: listening on http://{addr}");
    let served = axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await;
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("drplan: server error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests can finish.
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
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

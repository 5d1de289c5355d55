//! What every HTTP test starts from: the whole router with the shipped catalog,
//! driven without a socket.

use std::sync::Arc;

use axum::Router;
use leptos::config::LeptosOptions;

/// `server::app` with the shipped catalog; pages render without the site files.
pub fn router() -> Router {
    let leptos_options = LeptosOptions::builder()
        .output_name("drplan")
        .site_root("target/site")
        .build();
    server::app(server::AppState {
        leptos_options,
        catalog: Arc::new(engine::Catalog::shipped()),
    })
}

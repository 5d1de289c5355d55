//! The server-rendered Leptos pages, the server functions and the site's static files.

use std::sync::Arc;

use axum::{routing::get, Router};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};

use crate::AppState;

/// How many pages' results the server keeps (about 40 KB each).
const PLAN_CACHE_ENTRIES: usize = 128;

/// The Leptos routes (pages and server functions), `/healthz`, and the static files as fallback.
pub fn router(state: &AppState) -> Router<AppState> {
    let routes = generate_route_list(app::App);
    let catalog: Arc<engine::Catalog> = state.catalog.clone();
    let plans = Arc::new(app::server_fns::PlanCache::new(PLAN_CACHE_ENTRIES));
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .leptos_routes_with_context(
            state,
            routes,
            move || {
                provide_context(catalog.clone());
                provide_context(plans.clone());
            },
            move || app::shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(app::shell))
}

//! drplan's server: the axum router for the pages, server functions, charts
//! and static files, built by [`app`] so tests can drive it without a socket.

pub mod api;
pub mod charts;
pub mod cli;
pub mod compare;
pub mod config;
pub mod error;
pub mod export;
pub mod openapi;
pub mod pages;
pub mod reference;
pub mod scenario_query;

use std::sync::Arc;

use axum::{extract::FromRef, Router};
use leptos::config::LeptosOptions;

pub use error::{Error, Result};

/// What every handler may read: the site settings and the price catalog.
#[derive(Clone)]
pub struct AppState {
    /// Where the site files are and how they are named.
    pub leptos_options: LeptosOptions,
    /// The catalog every estimate is priced from.
    pub catalog: Arc<engine::Catalog>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The whole application: one router per area, merged here.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(api::router())
        .merge(charts::router())
        .merge(compare::router())
        .merge(export::router())
        .merge(reference::router())
        .merge(pages::router(&state))
        .with_state(state)
}

//! drplan's server: the axum router for the pages, server functions, charts
//! and static files, built by [`app`] and wrapped in every layer by
//! [`service`], so tests drive exactly what the binary serves, without a socket.

#![warn(missing_docs)]

pub mod admission;
pub mod api;
pub mod charts;
pub mod cli;
pub mod compare;
pub mod config;
pub mod connections;
pub mod error;
pub mod export;
pub mod health;
pub mod layers;
pub mod openapi;
pub mod pages;
pub mod scenario_query;
pub mod site;
pub mod strict_json;
pub mod versions;

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
    /// The bounded pool every estimate, analysis, chart and analysis CSV is computed in.
    pub admission: admission::Admission,
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
        .merge(health::router())
        .merge(pages::router(&state))
        .with_state(state)
}

/// [`app`] inside every layer of [`layers`], as the binary serves it: the
/// site's content-hashed files (when the build hashed them) are served as immutable.
pub fn service(state: AppState, limits: layers::Limits) -> Router {
    let immutable_paths = match site::SiteFiles::of(&state.leptos_options) {
        Ok(files) if files.hashed => files.urls(&state.leptos_options).into_iter().collect(),
        _ => Default::default(),
    };
    layers::wrap(
        app(state),
        layers::Settings {
            limits,
            immutable_paths,
        },
    )
}

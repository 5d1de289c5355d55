//! `/healthz` (the process answers) and `/readyz` (it can serve the planner:
//! the catalog is loaded and the site files are on disk), for a proxy or an
//! orchestrator to probe.

use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use serde_json::json;

use crate::{site::SiteFiles, AppState};

/// `GET /healthz` and `GET /readyz`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
}

/// 200 `{"status":"ready","catalog_version":…}`, or 503 `{"status":"not ready","reason":…}`.
async fn ready(State(state): State<AppState>) -> Response {
    let options = &state.leptos_options;
    let problem = match SiteFiles::of(options) {
        Err(reason) => Some(reason),
        Ok(files) => {
            let missing = files.missing(options);
            (!missing.is_empty()).then(|| {
                let list: Vec<String> = missing.iter().map(|p| p.display().to_string()).collect();
                format!("site files missing: {}", list.join(", "))
            })
        }
    };
    let catalog_version = state.catalog.version();
    match problem {
        None => Json(json!({ "status": "ready", "catalog_version": catalog_version })).into_response(),
        Some(reason) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "not ready", "catalog_version": catalog_version, "reason": reason })),
        )
            .into_response(),
    }
}

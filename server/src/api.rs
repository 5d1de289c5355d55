//! The JSON API under `/api/v1/`: estimates from a share-link query or a JSON
//! scenario, the catalog with its version, and the diff of two catalog versions.

use std::sync::Arc;

use axum::{
    body::Bytes,
    extract::{RawQuery, State},
    http::{header::CONTENT_TYPE, HeaderMap},
    response::{IntoResponse, Response},
    routing::get,
    Extension, Json, Router,
};
use serde::Serialize;

use crate::{AppState, Error, Result};

pub mod analyses;

/// `GET|POST /api/v1/estimate`, the analyses (`GET /api/v1/loss|designs|sensitivity|compare`), `GET /api/v1/catalog`, `GET /api/v1/catalog/diff`, `GET /api/v1/openapi.json`.
pub fn router() -> Router<AppState> {
    let answers: Arc<EstimateCache> = Arc::new(EstimateCache::new(ESTIMATE_CACHE_ENTRIES));
    Router::new()
        .route("/api/v1/estimate", get(estimate_from_query).post(estimate_from_json))
        .route("/api/v1/loss", get(analyses::loss))
        .route("/api/v1/designs", get(analyses::designs))
        .route("/api/v1/sensitivity", get(analyses::sensitivity))
        .route("/api/v1/compare", get(analyses::comparison))
        .route("/api/v1/catalog", get(catalog))
        .route("/api/v1/catalog/diff", get(catalog_diff))
        .route(
            "/api/v1/openapi.json",
            get(|State(state): State<AppState>| async move { Json(crate::openapi::document(&state.catalog)) }),
        )
        .layer(Extension(answers))
}

/// The JSON bodies of `GET /api/v1/estimate` by raw query string.
type EstimateCache = app::cache::Cache<String, Bytes>;

/// How many estimates the API keeps as JSON (about 15 KB each).
const ESTIMATE_CACHE_ENTRIES: usize = 256;

/// An estimate with the scenario it was computed from and how to link to it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EstimateResponse {
    /// The canonical share-link query of the scenario (no leading `?`).
    pub share_link: String,
    /// The catalog version the request's link was made with, when it named one.
    pub link_catalog_version: Option<String>,
    /// Sentences for the reader, e.g. that prices changed since the link was made.
    pub notices: Vec<String>,
    /// The scenario, every field filled in.
    pub scenario: engine::Scenario,
    /// Every figure of the scenario.
    pub estimate: engine::Estimate,
}

impl EstimateResponse {
    /// Estimates a decoded share link (or a scenario wrapped as one).
    pub fn new(catalog: &engine::Catalog, decoded: engine::link::Decoded) -> Result<EstimateResponse> {
        // A link made with a released catalog this build still has is priced with it.
        let catalog = decoded.catalog(catalog);
        let estimate = engine::estimate(catalog, &decoded.scenario)?;
        Ok(EstimateResponse {
            share_link: engine::link::encode(catalog, &decoded.scenario),
            link_catalog_version: decoded.link_catalog_version,
            notices: decoded.notices,
            scenario: decoded.scenario,
            estimate,
        })
    }
}

/// The estimate of a share link.
#[utoipa::path(
    get,
    path = "/api/v1/estimate",
    tag = "estimate",
    responses(
        (status = 200, description = "The estimate", body = EstimateResponse),
        (status = 400, description = "A parameter is unknown, repeated, unreadable or out of range", body = crate::error::ErrorBody),
        (status = 503, description = "Every calculation worker is busy: try again after the Retry-After seconds", body = crate::error::ErrorBody),
    )
)]
pub(crate) async fn estimate_from_query(
    State(state): State<AppState>,
    Extension(answers): Extension<Arc<EstimateCache>>,
    RawQuery(query): RawQuery,
) -> Result<Response> {
    // The same link always gives the same bytes: decode, estimate and
    // serialise only the first time (the query is the key, as typed).
    // A kept answer is served without entering the calculation pool.
    let query = query.unwrap_or_default();
    let body = match answers.get(&query) {
        Some(body) => body,
        None => {
            let (catalog, asked) = (state.catalog.clone(), query.clone());
            // The estimate runs the optimizer's design search: in the bounded pool.
            let body = state
                .admission
                .run(move |_| {
                    let decoded = engine::link::decode(&catalog, &asked)?;
                    let response = EstimateResponse::new(&catalog, decoded)?;
                    serde_json::to_vec(&response)
                        .map(Bytes::from)
                        .map_err(|e| Error::Internal(format!("cannot write the estimate as JSON: {e}")))
                })
                .await??;
            answers.insert(query, body)
        }
    };
    Ok(([(CONTENT_TYPE, "application/json")], Bytes::clone(&body)).into_response())
}

/// The estimate of a JSON scenario; fields left out keep the defaults.
#[utoipa::path(
    post,
    path = "/api/v1/estimate",
    tag = "estimate",
    request_body(
        content = engine::Scenario,
        description = "A scenario; any field may be left out and keeps its default (objects merge field by field)",
        content_type = "application/json"
    ),
    responses(
        (status = 200, description = "The estimate", body = EstimateResponse),
        (status = 400, description = "Not JSON, a field given twice, an unknown field or a value of the wrong type", body = crate::error::ErrorBody),
        (status = 415, description = "The Content-Type is not application/json", body = crate::error::ErrorBody),
        (status = 422, description = "Read, but a value is out of range or not in the catalog", body = crate::error::ErrorBody),
        (status = 503, description = "Every calculation worker is busy: try again after the Retry-After seconds", body = crate::error::ErrorBody),
    )
)]
pub(crate) async fn estimate_from_json(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<EstimateResponse>> {
    require_json(&headers)?;
    // The body, not axum's `Json`: its rejections are plain text, and every
    // error of this API is the same `{"errors":[…]}` shape.
    let value = crate::strict_json::parse(&body).map_err(|problem| {
        let (field, message) = match problem {
            crate::strict_json::Problem::Repeated(path) => {
                let message = format!("{path} is given twice; a scenario names each field once");
                (path, message)
            }
            syntax => (String::new(), format!("the body is not JSON: {syntax}")),
        };
        Error::BadRequest(vec![engine::FieldError::new(field, "", message)])
    })?;
    let scenario = scenario_from_json(value).map_err(Error::BadRequest)?;
    let decoded = engine::link::Decoded {
        scenario,
        link_catalog_version: None,
        notices: Vec::new(),
        priced_with: None,
    };
    // Read but invalid (a range, a catalog id): 422, not 400.
    let catalog = state.catalog.clone();
    match state
        .admission
        .run(move |_| EstimateResponse::new(&catalog, decoded))
        .await?
    {
        Err(Error::BadRequest(errors)) => Err(Error::Unprocessable(errors)),
        other => other.map(Json),
    }
}

/// A body is read only when it says it is JSON: a form or `text/plain` post
/// (which a browser sends from any site without asking) is refused.
fn require_json(headers: &HeaderMap) -> Result<()> {
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if essence.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        let given = if content_type.is_empty() {
            "no Content-Type".to_owned()
        } else {
            format!("Content-Type {content_type:?}")
        };
        Err(Error::UnsupportedMediaType(format!(
            "the body must be JSON sent with Content-Type: application/json; this request has {given}"
        )))
    }
}

/// Every table of the price catalog, with its version.
#[utoipa::path(
    get,
    path = "/api/v1/catalog",
    tag = "catalog",
    responses((status = 200, description = "The catalog", body = engine::Catalog))
)]
pub(crate) async fn catalog(State(state): State<AppState>) -> Json<engine::Catalog> {
    Json(engine::Catalog::clone(&state.catalog))
}

/// Two catalog versions and every row added, removed or changed between them.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CatalogDiffResponse {
    /// The `from` version as asked, e.g. `2026-11`.
    pub from: String,
    /// The version in `from`'s meta.csv (for `current`, the shipped catalog's).
    pub from_version: Option<String>,
    /// The `to` version as asked.
    pub to: String,
    /// The version in `to`'s meta.csv.
    pub to_version: Option<String>,
    /// The differences, file by file.
    pub diff: engine::catalog::history::CatalogDiff,
}

/// What changed between two catalog versions (released ones and `current`, the shipped catalog).
#[utoipa::path(
    get,
    path = "/api/v1/catalog/diff",
    tag = "catalog",
    params(
        ("from" = String, Query, description = "The catalog to compare from: a released version (e.g. 2026-11) or current"),
        ("to" = String, Query, description = "The catalog to compare to, named the same ways"),
    ),
    responses(
        (status = 200, description = "Every file, header and row that differs", body = CatalogDiffResponse),
        (status = 400, description = "from or to is missing, repeated or not a catalog version; the message lists the versions", body = crate::error::ErrorBody),
    )
)]
pub(crate) async fn catalog_diff(RawQuery(query): RawQuery) -> Result<Json<CatalogDiffResponse>> {
    let d = app::catalog_diff::read_request(&query.unwrap_or_default()).map_err(Error::BadRequest)?;
    Ok(Json(CatalogDiffResponse {
        from: d.from,
        from_version: d.from_version,
        to: d.to,
        to_version: d.to_version,
        diff: d.diff,
    }))
}

/// A scenario from JSON (or TOML turned into JSON): fields left out keep the
/// defaults of [`engine::Scenario::default`], objects merge field by field,
/// and unknown fields or wrong types are errors naming the dotted path.
pub fn scenario_from_json(value: serde_json::Value) -> Result<engine::Scenario, Vec<engine::FieldError>> {
    if !value.is_object() {
        return Err(vec![engine::FieldError::new(
            "",
            "",
            "the scenario must be an object of fields, e.g. {\"downtime_cost_per_hour\": \"20000\"}",
        )]);
    }
    let mut merged = serde_json::to_value(engine::Scenario::default()).expect("BUG: a scenario serializes");
    merge(&mut merged, value);
    serde_path_to_error::deserialize(merged).map_err(|e| {
        let field = e.path().to_string();
        let field = if field == "." { String::new() } else { field };
        vec![engine::FieldError::new(field, "", e.into_inner().to_string())]
    })
}

/// Overlays `patch` on `base`: objects merge by key, anything else replaces.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
    match (base, patch) {
        (serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
            for (key, value) in patch {
                match base.get_mut(&key) {
                    Some(slot) => merge(slot, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (slot, value) => *slot = value,
    }
}

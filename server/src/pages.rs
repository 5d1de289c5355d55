//! The server-rendered Leptos pages, the server functions and the site's static files.

use std::sync::Arc;

use axum::{
    body::Body,
    http::{request::Parts, StatusCode},
    middleware,
    response::{IntoResponse, Response},
    Router,
};
use leptos::{nonce::Nonce, prelude::*};
use leptos_axum::{generate_route_list, LeptosRoutes};

use crate::AppState;

/// How many pages' results the server keeps (about 40 KB each).
const PLAN_CACHE_ENTRIES: usize = 128;

/// The Leptos routes (pages and server functions), and the static files as fallback.
pub fn router(state: &AppState) -> Router<AppState> {
    let routes = generate_route_list(app::App);
    let catalog: Arc<engine::Catalog> = state.catalog.clone();
    let plans = Arc::new(app::server_fns::PlanCache::new(PLAN_CACHE_ENTRIES));
    let options = state.leptos_options.clone();
    let context = move || {
        provide_context(catalog.clone());
        provide_context(plans.clone());
        provide_request_nonce();
    };
    Router::new()
        .leptos_routes_with_context(state, routes, context.clone(), move || app::shell(options.clone()))
        .layer(middleware::map_response(client_errors_of_server_fns))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            context,
            app::shell,
        ))
}

/// Makes Leptos write the nonce of this request's Content-Security-Policy
/// (set by `layers`, carried in the request's extensions) on its inline
/// scripts, instead of a nonce of its own that the policy would not name.
fn provide_request_nonce() {
    if let Some(nonce) = use_context::<Parts>().and_then(|parts| parts.extensions.get::<Nonce>().cloned()) {
        provide_context(nonce);
    }
}

/// The server-function machinery answers 500 to arguments it cannot read; our
/// server functions never fail themselves, so such an answer is the client's
/// fault: 400, with the machinery's message (`Args|missing field query`).
async fn client_errors_of_server_fns(response: Response) -> Response {
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR || !response.headers().contains_key("serverfnerror") {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    if [b"Args|".as_slice(), b"MissingArg|", b"Deserialization|"]
        .iter()
        .any(|kind| bytes.starts_with(kind))
    {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}

//! The server-rendered Leptos pages, the server functions and the site's static files.

use std::sync::Arc;

use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{header, request::Parts, HeaderValue, Method, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    Router,
};
use leptos::{nonce::Nonce, prelude::*};
use leptos_axum::{generate_route_list, LeptosRoutes};

use app::server_fns::{plan_outcome_until, Offload, PlanCache, Planned};

use crate::{admission::Admission, AppState, Error};

/// How many pages' results the server keeps (about 70 KB each).
const PLAN_CACHE_ENTRIES: usize = 64;

/// How many whole planner pages the server keeps (about 150 KB each).
const PAGE_CACHE_ENTRIES: usize = 32;

/// The largest page the cache keeps; a bigger one is served but not kept.
const PAGE_CACHE_MAX_BYTES: usize = 1024 * 1024;

/// A rendered planner page and the nonce its inline scripts were written with.
struct CachedPage {
    nonce: String,
    html: String,
}

/// Planner pages by query string.
type PageCache = app::cache::Cache<String, CachedPage>;

/// What the planner page's middleware keeps and uses: the pages, the plans
/// (shared with `/fn/plan`) and the pool a new plan is calculated in.
struct Kept {
    pages: PageCache,
    plans: Arc<PlanCache>,
    catalog: Arc<engine::Catalog>,
    admission: Admission,
}

/// The Leptos routes (pages and server functions), and the static files as fallback.
pub fn router(state: &AppState) -> Router<AppState> {
    let routes = generate_route_list(app::App);
    let catalog: Arc<engine::Catalog> = state.catalog.clone();
    let plans = Arc::new(app::server_fns::PlanCache::new(PLAN_CACHE_ENTRIES));
    let pool: Arc<dyn Offload> = Arc::new(state.admission.clone());
    let options = state.leptos_options.clone();
    let kept = Arc::new(Kept {
        pages: PageCache::new(PAGE_CACHE_ENTRIES),
        plans: plans.clone(),
        catalog: catalog.clone(),
        admission: state.admission.clone(),
    });
    let context = move || {
        provide_context(catalog.clone());
        provide_context(plans.clone());
        provide_context(pool.clone());
        provide_request_nonce();
    };
    Router::new()
        .leptos_routes_with_context(state, routes, context.clone(), move || app::shell(options.clone()))
        .layer(middleware::map_response(client_errors_of_server_fns))
        .layer(middleware::from_fn_with_state(kept, keep_planner_pages))
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
///
/// `plan` answers 503 when the calculation pool is full: that becomes the
/// server's one overload answer (JSON error, `Retry-After`).
async fn client_errors_of_server_fns(response: Response) -> Response {
    let from_server_fn = response.headers().contains_key("serverfnerror");
    if from_server_fn && response.status() == StatusCode::SERVICE_UNAVAILABLE {
        return Error::Overloaded.into_response();
    }
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR || !from_server_fn {
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

/// Serves a planner page rendered before for the same query, with this
/// request's nonce in place of the one it was rendered with.
///
/// The page is a pure function of the query and the catalog (fixed while the
/// process runs) except for the nonce, a fresh 128-bit random value per
/// response that cannot occur in the page by chance, so swapping it is exact.
/// A shared link is opened by everyone it was sent to; this makes that a copy
/// instead of a render and a Monte Carlo run.
///
/// A page not kept needs its plan (estimate and analyses): taken from the
/// plan cache when it is there, else calculated in the bounded pool (a full
/// pool is a 503) and handed to the renderer in the request's extensions,
/// so the async worker only writes the HTML.
async fn keep_planner_pages(State(kept): State<Arc<Kept>>, mut request: Request, next: Next) -> Response {
    let nonce = request.extensions().get::<Nonce>().map(ToString::to_string);
    let (Some(nonce), true) = (nonce, request.method() == Method::GET && request.uri().path() == "/") else {
        return next.run(request).await;
    };
    let key = request.uri().query().unwrap_or_default().to_owned();
    if let Some(page) = kept.pages.get(&key) {
        return html_page(page.html.replace(&page.nonce, &nonce));
    }
    let plan_key = (key.clone(), true);
    let outcome = match kept.plans.get(&plan_key) {
        Some(outcome) => outcome,
        None => {
            let (catalog, query) = (kept.catalog.clone(), key.clone());
            match kept
                .admission
                .run(move |cancel| plan_outcome_until(&catalog, &query, true, cancel))
                .await
            {
                Ok(Ok(outcome)) => kept.plans.insert(plan_key, outcome),
                Ok(Err(error)) => return Error::from(error).into_response(),
                Err(error) => return error.into_response(),
            }
        }
    };
    request.extensions_mut().insert(Planned {
        query: key.clone(),
        full: true,
        outcome,
    });
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    if response.status() != StatusCode::OK || !is_html {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(%error, "rendering the planner page failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if let (true, Ok(html)) = (bytes.len() <= PAGE_CACHE_MAX_BYTES, std::str::from_utf8(&bytes)) {
        if html.contains(&nonce) {
            kept.pages.insert(
                key,
                CachedPage {
                    nonce,
                    html: html.to_owned(),
                },
            );
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn html_page(html: String) -> Response {
    let mut response = Response::new(Body::from(Bytes::from(html)));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

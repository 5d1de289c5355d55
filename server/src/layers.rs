//! Every tower-http layer around the router, configured here and nowhere else:
//! request ids and tracing, security and cache headers, compression, catch-panic,
//! the URI length cap, the request timeout and the body limit.
//!
//! [`wrap`] is what the binary serves and what the HTTP tests drive, so a test
//! sees the headers, limits and error bodies a browser sees.

use std::{any::Any, collections::HashSet, sync::Arc, time::Duration};

use axum::{
    body::{Body, HttpBody},
    extract::{Request, State},
    http::{header, HeaderName, HeaderValue, Method, StatusCode},
    middleware::{self, Next},
    response::Response,
    Router,
};
use leptos::nonce::Nonce;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::{predicate::SizeAbove, CompressionLayer, CompressionLevel, Predicate},
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    timeout::TimeoutLayer,
    trace::{DefaultOnResponse, TraceLayer},
};
use tracing::Level;

use crate::error::whole_request;

/// The header carrying each request's id, taken from a proxy when it sends one.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// `Cache-Control` of files whose name holds a hash of their content: a new
/// build has new names, so a browser may keep these for a year unasked.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` of everything that sets none itself (pages, API answers,
/// unhashed files): a browser may store it but must ask before reusing it.
pub const REVALIDATE: &str = "no-cache";

/// The `Permissions-Policy`: the page uses none of these device features.
/// Only features Chromium knows are named: an unknown one is a console error.
pub const PERMISSIONS_POLICY: &str =
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

/// The limits a request must stay within.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// How long a request may take before it is answered 408.
    pub request_timeout: Duration,
    /// The largest request body, in bytes; past it, 413.
    pub body_limit: usize,
    /// The longest URI (path and query), in bytes; past it, 414.
    pub max_uri_length: usize,
}

impl Limits {
    /// The default timeout in seconds: a slide-size PNG chart takes tens of milliseconds.
    pub const DEFAULT_TIMEOUT_SECS: u64 = 10;
    /// The default body limit: a full JSON scenario is about 2 KB.
    pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;
    /// The default URI cap: the longest share link (every parameter changed) is about 2 KB.
    pub const DEFAULT_MAX_URI_LENGTH: usize = 8 * 1024;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            request_timeout: Duration::from_secs(Self::DEFAULT_TIMEOUT_SECS),
            body_limit: Self::DEFAULT_BODY_LIMIT,
            max_uri_length: Self::DEFAULT_MAX_URI_LENGTH,
        }
    }
}

/// What the layers need to know besides the limits.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The limits.
    pub limits: Limits,
    /// URL paths of the site's content-hashed files (`/pkg/drplan.<hash>.js`), served as immutable.
    pub immutable_paths: HashSet<String>,
}

/// The Content-Security-Policy of a response whose inline scripts carry `nonce`.
///
/// `'wasm-unsafe-eval'` lets the hydration script compile the wasm (nothing
/// else is evaluated); `connect-src 'self'` covers the server-function fetches
/// and the wasm download; charts are same-origin `<img>`s; no style attribute
/// is used, so styles are `'self'` only.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Wraps `router` in every layer. Each `layer` call wraps the ones before
/// it, so the last listed sees the request first: request id, tracing,
/// headers, compression, catch-panic, messages, URI cap, timeout, body limit.
pub fn wrap(router: Router, settings: Settings) -> Router {
    let limits = settings.limits;
    let settings = Arc::new(settings);
    let compression = CompressionLayer::new()
        .quality(CompressionLevel::Precise(4))
        .compress_when(SizeAbove::new(256).and(Compressible));
    let trace = TraceLayer::new_for_http()
        .make_span_with(request_span)
        .on_request(())
        .on_response(DefaultOnResponse::new().level(Level::INFO));
    router
        .layer(RequestBodyLimitLayer::new(limits.body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
        ))
        .layer(middleware::from_fn_with_state(limits, cap_uri_length))
        .layer(middleware::from_fn_with_state(limits, explain_rejections))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(compression)
        .layer(middleware::from_fn_with_state(settings, response_headers))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(trace)
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// The span every log line of a request is in: its id, method and path (not
/// the query: a share link can be long, and the path says which route ran).
fn request_span(request: &Request<Body>) -> tracing::Span {
    let id = request
        .extensions()
        .get::<RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .unwrap_or("");
    tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        path = %request.uri().path(),
    )
}

/// Responses worth compressing: text and wasm, not PNG (already deflated).
#[derive(Clone, Copy, Debug)]
struct Compressible;

impl Predicate for Compressible {
    fn should_compress<B>(&self, response: &axum::http::Response<B>) -> bool
    where
        B: axum::body::HttpBody,
    {
        const TYPES: [&str; 9] = [
            "text/html",
            "text/javascript",
            "application/javascript",
            "application/wasm",
            "text/css",
            "image/svg+xml",
            "application/json",
            "text/csv",
            "text/plain",
        ];
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        TYPES.iter().any(|t| content_type.starts_with(t))
    }
}

/// Hands the page renderer a fresh nonce (see `pages::provide_request_nonce`),
/// then adds the security headers and a cache policy to the response.
async fn response_headers(State(settings): State<Arc<Settings>>, mut request: Request, next: Next) -> Response {
    let nonce = Nonce::new();
    let immutable = (request.method() == Method::GET || request.method() == Method::HEAD)
        && settings.immutable_paths.contains(request.uri().path());
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let success = response.status().is_success();
    let headers = response.headers_mut();
    if let Ok(policy) = HeaderValue::from_str(&content_security_policy(&nonce)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    if immutable && success {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    } else if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
    }
    response
}

/// 414 for a URI longer than the cap, before any route parses it.
async fn cap_uri_length(State(limits): State<Limits>, request: Request, next: Next) -> Response {
    let length = request.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if length > limits.max_uri_length {
        return whole_request(
            StatusCode::URI_TOO_LONG,
            &format!(
                "the URI is {length} bytes long; the limit is {} bytes (--max-uri-length)",
                limits.max_uri_length
            ),
        );
    }
    next.run(request).await
}

/// Gives the layers' own rejections (408 timeout, 413 body limit) and any
/// other 4xx without a body (axum's 405) a message saying what was wrong.
async fn explain_rejections(State(limits): State<Limits>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let status = response.status();
    let message = match status {
        StatusCode::REQUEST_TIMEOUT => format!(
            "the request took longer than the limit of {} s (--request-timeout)",
            limits.request_timeout.as_secs()
        ),
        StatusCode::PAYLOAD_TOO_LARGE => format!(
            "the request body is larger than the limit of {} bytes (--body-limit)",
            limits.body_limit
        ),
        // axum adds the `Allow` header outside the route's layers, after this.
        StatusCode::METHOD_NOT_ALLOWED => {
            format!("method {method} is not allowed for {path}; the Allow header lists the methods that are")
        }
        status if status.is_client_error() && is_empty(&response) => {
            format!("{status}: the request was rejected")
        }
        _ => return response,
    };
    whole_request(status, &message)
}

fn is_empty(response: &Response) -> bool {
    response.body().size_hint().exact() == Some(0)
}

/// A panic in a handler: logged with its message, answered 500 with the
/// API's error body, and the connection stays up.
fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("a panic without a message");
    tracing::error!(panic = detail, "a handler panicked");
    whole_request(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    async fn panics() -> &'static str {
        panic!("the test handler panics")
    }

    fn tiny(settings: Settings) -> Router {
        let router = Router::new()
            .route("/panic", get(panics))
            .route(
                "/slow",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    "late"
                }),
            )
            .route(
                "/echo",
                axum::routing::post(|body: axum::body::Bytes| async move { body }),
            )
            .route("/big", get(|| async { "x".repeat(4096) }));
        wrap(router, settings)
    }

    async fn body(response: Response) -> String {
        String::from_utf8(response.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap()
    }

    #[tokio::test]
    async fn a_panic_is_a_500_with_a_json_error_and_the_security_headers() {
        let response = tiny(Settings::default())
            .oneshot(Request::get("/panic").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(response.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert!(response.headers().contains_key(REQUEST_ID));
        assert_eq!(
            body(response).await,
            r#"{"errors":[{"field":"","message":"internal error"}]}"#
        );
    }

    #[tokio::test]
    async fn a_slow_request_is_a_408_naming_the_limit() {
        let settings = Settings {
            limits: Limits {
                request_timeout: Duration::from_millis(50),
                ..Limits::default()
            },
            ..Settings::default()
        };
        let response = tiny(settings)
            .oneshot(Request::get("/slow").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::REQUEST_TIMEOUT);
        assert!(body(response).await.contains("--request-timeout"));
    }

    #[tokio::test]
    async fn a_body_over_the_limit_is_a_413_naming_the_limit_with_or_without_a_length() {
        let settings = Settings {
            limits: Limits {
                body_limit: 100,
                ..Limits::default()
            },
            ..Settings::default()
        };
        let with_length = Request::post("/echo")
            .header(header::CONTENT_LENGTH, "101")
            .body(Body::from(vec![b'a'; 101]))
            .unwrap();
        // No Content-Length: the limit is enforced while the body is read, as for a chunked upload.
        let unannounced = Request::post("/echo").body(Body::from(vec![b'a'; 101])).unwrap();
        for request in [with_length, unannounced] {
            let response = tiny(settings.clone()).oneshot(request).await.unwrap();
            assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
            assert!(body(response).await.contains("limit of 100 bytes"));
        }
        let fits = Request::post("/echo").body(Body::from(vec![b'a'; 100])).unwrap();
        assert_eq!(tiny(settings).oneshot(fits).await.unwrap().status(), StatusCode::OK);
    }

    #[tokio::test]
    async fn a_long_uri_is_a_414_naming_the_limit() {
        let uri = format!("/echo?{}", "a".repeat(Limits::DEFAULT_MAX_URI_LENGTH));
        let response = tiny(Settings::default())
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::URI_TOO_LONG);
        assert!(body(response).await.contains("the limit is 8192 bytes"));
    }

    #[tokio::test]
    async fn a_wrong_method_is_a_405_saying_which_are_allowed() {
        let response = tiny(Settings::default())
            .oneshot(Request::delete("/big").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert!(response.headers().contains_key(header::ALLOW));
        assert!(body(response).await.contains("method DELETE is not allowed for /big"));
    }

    #[tokio::test]
    async fn text_is_compressed_when_asked_and_request_ids_are_kept() {
        let response = tiny(Settings::default())
            .oneshot(
                Request::get("/big")
                    .header(header::ACCEPT_ENCODING, "br")
                    .header(REQUEST_ID, "abc-123")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(response.headers()[REQUEST_ID], "abc-123");
        assert_eq!(response.headers()[header::CACHE_CONTROL], REVALIDATE);
    }

    #[tokio::test]
    async fn hashed_files_are_immutable_and_others_revalidate() {
        let settings = Settings {
            immutable_paths: HashSet::from(["/big".to_owned()]),
            ..Settings::default()
        };
        let response = tiny(settings)
            .oneshot(Request::get("/big").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.headers()[header::CACHE_CONTROL], IMMUTABLE);
    }
}

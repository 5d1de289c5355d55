//! What every HTTP test starts from: the whole router with the shipped catalog,
//! driven without a socket.

use std::sync::Arc;

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use tower::ServiceExt;

/// `server::service` (the router in every layer, as the binary serves it) with
/// the shipped catalog and the default limits; pages render without the site files.
pub fn router() -> Router {
    router_with(server::admission::Admission::default())
}

/// [`router`] with a calculation pool of the caller's (the overload tests fill it).
pub fn router_with(admission: server::admission::Admission) -> Router {
    let leptos_options = LeptosOptions::builder()
        .output_name("drplan")
        .site_root("target/site")
        .build();
    server::service(
        server::AppState {
            leptos_options,
            catalog: Arc::new(engine::Catalog::shipped()),
            admission,
        },
        server::layers::Limits::default(),
    )
}

/// What a request answered: the status, the headers a download is judged by, and the body as text.
pub struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub disposition: String,
    pub body: String,
}

/// GET `uri` through [`router`]; the body must be UTF-8.
pub async fn get(uri: &str) -> Answer {
    send(Request::get(uri).body(Body::empty()).unwrap()).await
}

/// Any request through [`router`]; the body must be UTF-8.
pub async fn send(request: Request<Body>) -> Answer {
    let response = router().oneshot(request).await.unwrap();
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|v: &header::HeaderValue| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let (status, content_type, disposition) = (
        response.status(),
        header(header::CONTENT_TYPE),
        header(header::CONTENT_DISPOSITION),
    );
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        content_type,
        disposition,
        body: String::from_utf8(body.to_vec()).expect("the body is UTF-8"),
    }
}

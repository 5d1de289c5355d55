//! The calculation pool seen through HTTP: every door that calculates goes
//! through it and answers 503 with `Retry-After` and the JSON error when it
//! is full; health probes and answers the server already holds do not wait for it.

use std::{sync::mpsc, time::Duration};

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use server::admission::Admission;
use tower::ServiceExt;

/// The served router with the caller's pool.
fn router(admission: &Admission) -> Router {
    crate::common::router_with(admission.clone())
}

/// Takes the pool's only worker until the returned sender is dropped.
async fn occupy(admission: &Admission) -> mpsc::Sender<()> {
    let (release, held) = mpsc::channel::<()>();
    let pool = admission.clone();
    tokio::spawn(async move { pool.run(move |_| held.recv()).await });
    // Until the blocking job started, a request could still take the worker.
    tokio::time::sleep(Duration::from_millis(100)).await;
    release
}

async fn status_of(router: &Router, request: Request<Body>) -> (StatusCode, Option<String>, String) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let retry = response
        .headers()
        .get(header::RETRY_AFTER)
        .map(|v| v.to_str().unwrap().to_owned());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, retry, String::from_utf8_lossy(&body).into_owned())
}

fn calculating_requests(seed: u32) -> Vec<Request<Body>> {
    let get = |uri: String| Request::get(uri).body(Body::empty()).unwrap();
    vec![
        get(format!("/?mc_seed={seed}")),
        get(format!("/charts/loss-exceedance.svg?mc_seed={seed}")),
        get(format!("/charts/cost-comparison.png?mc_seed={seed}")),
        get(format!("/export/simulation.csv?mc_seed={seed}")),
        get(format!("/export/costs.csv?mc_seed={seed}")),
        get(format!("/api/v1/estimate?mc_seed={seed}")),
        Request::post("/api/v1/estimate")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(format!(r#"{{"simulation":{{"seed":{seed}}}}}"#)))
            .unwrap(),
        Request::post("/fn/plan")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("query=mc_seed%3D{seed}&full=true")))
            .unwrap(),
    ]
}

#[tokio::test]
async fn a_full_pool_is_a_503_with_retry_after_at_every_door_but_not_for_health() {
    let admission = Admission::new(1, 0);
    let router = router(&admission);
    let release = occupy(&admission).await;
    for request in calculating_requests(11) {
        let uri = request.uri().to_string();
        let (status, retry, body) = status_of(&router, request).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{uri}: {body}");
        assert_eq!(retry.as_deref(), Some("1"), "{uri}");
        assert!(
            body.starts_with(r#"{"errors":[{"field":"","message":"the server is busy"#),
            "{uri}: {body}"
        );
    }
    for probe in ["/healthz", "/methodology"] {
        let (status, _, _) = status_of(&router, Request::get(probe).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK, "{probe}");
    }
    drop(release);
    // The worker is given back once the blocking job has returned.
    tokio::time::sleep(Duration::from_millis(100)).await;
    for request in calculating_requests(11) {
        let uri = request.uri().to_string();
        let (status, _, body) = status_of(&router, request).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    }
}

#[tokio::test]
async fn kept_answers_are_served_while_the_pool_is_full() {
    let admission = Admission::new(1, 0);
    let router = router(&admission);
    let kept = [
        "/?mc_seed=12",
        "/api/v1/estimate?mc_seed=12",
        "/charts/cost-comparison.svg?mc_seed=12",
        // The page kept the plan: the live form's same question is answered from it.
        "/fn/plan",
    ];
    let ask = |uri: &str| {
        if uri == "/fn/plan" {
            Request::post(uri)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("query=mc_seed%3D12&full=true"))
                .unwrap()
        } else {
            Request::get(uri).body(Body::empty()).unwrap()
        }
    };
    for uri in &kept[..3] {
        assert_eq!(status_of(&router, ask(uri)).await.0, StatusCode::OK, "{uri}");
    }
    let release = occupy(&admission).await;
    for uri in kept {
        let (status, _, body) = status_of(&router, ask(uri)).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    }
    drop(release);
}

#[tokio::test]
async fn a_request_that_times_out_stops_its_simulation() {
    let admission = Admission::new(1, 0);
    let router = router(&admission);
    let slow = Request::get("/charts/loss-exceedance.png?monte_carlo=true&mc_years=100000&mc_seed=13")
        .body(Body::empty())
        .unwrap();
    // The request is dropped after 20 ms, as the timeout layer or a closed connection drops it.
    assert!(
        tokio::time::timeout(Duration::from_millis(20), router.clone().oneshot(slow))
            .await
            .is_err()
    );
    // The worker is free long before the 100,000 years (a third of a second
    // in release, seconds in a debug build) would have finished.
    let started = std::time::Instant::now();
    let (status, _, _) = status_of(
        &router,
        Request::get("/api/v1/estimate?mc_seed=14").body(Body::empty()).unwrap(),
    )
    .await;
    let waited = started.elapsed();
    assert!(
        status == StatusCode::SERVICE_UNAVAILABLE || waited < Duration::from_millis(150),
        "{status} after {waited:?}"
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (status, _, _) = status_of(
        &router,
        Request::get("/api/v1/estimate?mc_seed=15").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

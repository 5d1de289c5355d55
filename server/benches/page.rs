//! Server-side render of the planner page for the default scenario and for a
//! share link: the HTML a browser (or a finance colleague's first click) gets.

use std::sync::Arc;

use axum::{body::Body, http::Request, Router};
use criterion::{criterion_group, criterion_main, Criterion};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use tower::ServiceExt;

fn app() -> Router {
    let leptos_options = LeptosOptions::builder()
        .output_name("drplan")
        .site_root("target/site")
        .build();
    server::app(server::AppState {
        leptos_options,
        catalog: Arc::new(engine::Catalog::shipped()),
        admission: server::admission::Admission::default(),
    })
}

fn render(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let app = app();
    for (name, uri) in [
        ("page default scenario", "/"),
        (
            "page share link",
            "/?v=1&tier=critical&downtime_cost_per_hour=42000&strategy=active_active",
        ),
    ] {
        c.bench_function(name, |b| {
            b.iter(|| {
                runtime.block_on(async {
                    let response = app
                        .clone()
                        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
                        .await
                        .unwrap();
                    assert!(response.status().is_success());
                    response.into_body().collect().await.unwrap().to_bytes().len()
                })
            })
        });
    }
}

criterion_group!(benches, render);
criterion_main!(benches);

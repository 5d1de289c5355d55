//! The first vertical slice over HTTP, through the router with no socket:
//! the server-rendered page, the break-even chart and their error paths.

use crate::common::router;

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn get(uri: &str) -> (StatusCode, String, String) {
    let answer = crate::common::get(uri).await;
    (answer.status, answer.content_type, answer.body)
}

#[tokio::test]
async fn the_page_renders_break_even_on_the_server_for_the_default_scenario() {
    let (status, content_type, html) = get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    // What DR adds (51,235.92 − 44,615.76 = 6,620.16 a year) ÷ 15,000 an hour.
    assert!(html.contains(r#"<span id="break-even-hours">0.44</span>"#), "{html}");
    // The article's convention: the whole 51,235.92 ÷ 15,000.
    assert!(
        html.contains(r#"<span id="article-break-even-hours">3.42</span>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<dd id="plan-annual">$51,235.92</dd>"#),
        "annual cost of the default scenario's chosen plan"
    );
    assert!(html.contains("/pkg/drplan.js"), "the hydration script is linked");
}

#[tokio::test]
async fn the_page_renders_the_figures_of_its_query_so_a_link_shows_the_same_numbers() {
    // The article's production-tier example at 30,000 an hour: 93,600 ÷ 30,000.
    let (status, _, html) = get("/?v=1&downtime_cost_per_hour=30000").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(r#"<span id="article-break-even-hours">3.12</span>"#),
        "{html}"
    );
    assert!(html.contains(r#"<span id="break-even-hours">1.40</span>"#), "{html}");
}

#[tokio::test]
async fn the_break_even_chart_is_an_svg_with_the_break_even_point_labelled() {
    let (status, content_type, svg) = get("/charts/break-even.svg").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "image/svg+xml");
    let document = roxmltree::Document::parse(&svg).expect("the chart is well-formed XML");
    assert_eq!(document.root_element().tag_name().name(), "svg");
    let texts: Vec<&str> = document
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    // The default scenario: what DR adds, 6,620.16 a year, ÷ 15,000 an hour.
    assert!(texts.contains(&"break-even 0.44 h"), "texts: {texts:?}");
    assert!(texts.contains(&"What DR adds a year"), "legend: {texts:?}");
}

#[tokio::test]
async fn a_bad_chart_query_is_a_400_naming_the_field_not_a_broken_image() {
    let (status, content_type, body) = get("/charts/break-even.svg?downtime_cost_per_hour=lots").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(content_type, "application/json");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["errors"][0]["field"], "downtime_cost_per_hour");
    assert!(
        json["errors"][0]["message"].as_str().unwrap().contains("not a number"),
        "{body}"
    );
}

#[tokio::test]
async fn healthz_answers_ok() {
    let (status, _, body) = get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "ok");
}

/// The nonce a page's Content-Security-Policy names, and the page.
async fn page_with_nonce(app: &axum::Router, uri: &str) -> (String, String) {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the policy names a nonce")
        .to_owned();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (nonce, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn a_page_opened_again_is_the_same_page_with_its_own_nonce() {
    let app = router();
    let uri = "/?v=1&tier=critical&mc_seed=3";
    let (first_nonce, first) = page_with_nonce(&app, uri).await;
    let (second_nonce, second) = page_with_nonce(&app, uri).await;
    assert_ne!(first_nonce, second_nonce, "every response has a fresh nonce");
    assert!(
        second.contains(&format!("nonce=\"{second_nonce}\"")),
        "the scripts carry the policy's nonce"
    );
    assert!(
        !second.contains(&first_nonce),
        "no script keeps the nonce of an earlier response"
    );
    assert_eq!(first.replace(&first_nonce, "N"), second.replace(&second_nonce, "N"));
    let (_, other) = page_with_nonce(&app, "/?v=1&tier=basic").await;
    assert!(
        other.contains("Basic") && !other.contains("seed 3)"),
        "another link is another page"
    );
}

/// The plain form names each parameter once: a parameter given twice is a
/// 400, so a form that repeated one (a chain link both in the chain and
/// among the other fields) could never be submitted.
#[tokio::test]
async fn the_form_names_each_parameter_once() {
    let (_, _, html) = get("/").await;
    let form = &html[html.find("<form").unwrap()..html.find("</form>").unwrap()];
    let mut names: Vec<&str> = form
        .split("name=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    let count = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), count, "a field name repeats: {names:?}");
    for p in engine::link::PARAMETERS {
        assert!(names.contains(&p.name), "the form has no {}", p.name);
    }
}

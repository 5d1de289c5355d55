//! The JSON API through the router with no socket: estimates from a link or a
//! JSON scenario, the catalog, and every error path's status and body.

use crate::common::router;

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

pub(crate) async fn send(request: Request<Body>) -> (StatusCode, String, Value) {
    let response = router().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&body)));
    (status, content_type, json)
}

pub(crate) async fn get(uri: &str) -> (StatusCode, String, Value) {
    send(Request::get(uri).body(Body::empty()).unwrap()).await
}

pub(crate) async fn post(body: &str) -> (StatusCode, String, Value) {
    let request = Request::post("/api/v1/estimate")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap();
    send(request).await
}

#[tokio::test]
async fn get_estimate_without_a_query_is_the_default_priced_from_quantities() {
    let (status, content_type, json) = get("/api/v1/estimate").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/json");
    assert_eq!(json["share_link"], "v=2&catalog=2026-12");
    assert_eq!(json["estimate"]["catalog_version"], "2026-12");
    assert_eq!(json["estimate"]["dr_plan"]["monthly"], "4269.66");
    assert_eq!(json["estimate"]["dr_plan"]["annual"], "51235.92");
    // What DR adds: 51,235.92 − 44,615.76 (production only) = 6,620.16 a year
    // ÷ 15,000 an hour; the article's convention divides the whole 51,235.92.
    assert_eq!(json["estimate"]["break_even"]["annual_dr_cost"], "6620.16");
    assert_eq!(json["estimate"]["break_even"]["hours"], "0.44");
    assert_eq!(json["estimate"]["break_even"]["article_hours"], "3.42");
    assert_eq!(json["notices"], json!([]));
    assert_eq!(json["scenario"]["tier"], "production");
}

/// The production-tier example's canonical link (after `v=2&catalog=2026-12`):
/// `$tier` goes after the name, `$tail` at the end.
macro_rules! production_link {
    ($tier:literal, $tail:literal) => {
        concat!(
            "v=2&catalog=2026-12&name=Production+tier+example",
            $tier,
            "&secondary=eu-west-1&p1=openai/gpt-4o&p2=azure-openai/gpt-4o:provisioned:500",
            "&p3=anthropic/claude-sonnet-4-5&compute_monthly=800&compute_secondary_monthly=800",
            "&vector_monthly=1200&vector_secondary_monthly=1200&storage_monthly=300",
            "&storage_secondary_monthly=300&cross_region_gb=20000&cross_region_monthly=400",
            "&replication_gb=10000&replication_monthly=200",
            $tail
        )
    };
}

#[tokio::test]
async fn a_format_1_link_is_the_articles_production_example() {
    let (status, _, json) = get("/api/v1/estimate?v=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["estimate"]["dr_plan"]["monthly"], "7800.00");
    assert_eq!(json["estimate"]["dr_plan"]["annual"], "93600.00");
    assert_eq!(json["estimate"]["break_even"]["article_hours"], "6.24");
    assert_eq!(json["estimate"]["break_even"]["hours"], "2.8");
    assert_eq!(
        json["share_link"],
        production_link!("", ""),
        "rewritten as a format-2 link"
    );
}

#[tokio::test]
async fn get_estimate_reads_the_share_link_and_answers_with_its_canonical_form() {
    let (status, _, json) = get("/api/v1/estimate?downtime_cost_per_hour=30000&tier=critical&v=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["estimate"]["break_even"]["article_hours"], "3.12");
    assert_eq!(
        json["share_link"],
        production_link!("&tier=critical", "&downtime_cost_per_hour=30000")
    );
}

#[tokio::test]
async fn a_link_from_an_older_catalog_opens_and_says_prices_changed() {
    let (status, _, json) = get("/api/v1/estimate?v=1&catalog=2026-08").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["link_catalog_version"], "2026-08");
    assert_eq!(
        json["notices"],
        json!(["Prices changed since this link was made: catalog 2026-08 → 2026-12"])
    );
    assert_eq!(json["estimate"]["catalog_version"], "2026-12");
}

/// Each bad query is a 400 whose errors name these parameters, in link order,
/// and whose first message contains the given words.
#[tokio::test]
async fn bad_queries_are_400_naming_each_parameter() {
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "downtime_cost_per_hour=lots",
            &["downtime_cost_per_hour"],
            "\"lots\" is not a number",
        ),
        (
            "downtime_cost_per_hour=0",
            &["downtime_cost_per_hour"],
            "between 0.01 and 100,000,000 (USD per hour)",
        ),
        ("tierr=critical", &["tierr"], "did you mean tier?"),
        (
            "tier=gold",
            &["tier"],
            "must be a catalog tier: critical, production, standard, basic",
        ),
        ("failover_minutes=2000", &["failover_minutes"], "1,440"),
        (
            "failover_minutes=-1",
            &["failover_minutes"],
            "is not a whole number; allowed: 0–1,440",
        ),
        (
            "secondary=us-east-1",
            &["secondary"],
            "must differ from the primary region",
        ),
        ("p2=openai/gpt-5", &["p2"], "must be a chat model of openai"),
        ("p1=", &["p1"], "p1 must name the primary AI provider"),
        ("rto=5", &["rpo"], "rpo is needed with rto=5"),
        ("name=%FF", &["name"], "is not UTF-8"),
        ("v=3", &["v"], "it reads v=2"),
        ("tier=basic&tier=critical", &["tier"], "given twice"),
        (
            "price.model:openai/gpt-4o:input_per_mtok=-1",
            &["price.model:openai/gpt-4o:input_per_mtok"],
            "between 0 and 1,000,000",
        ),
        (
            "requests=x&tier=gold&zzz=1",
            &["tier", "requests", "zzz"],
            "must be a catalog tier",
        ),
    ];
    for (query, fields, words) in cases {
        let (status, content_type, json) = get(&format!("/api/v1/estimate?{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}: {json}");
        assert_eq!(content_type, "application/json");
        let got: Vec<&str> = json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(&got, fields, "{query}: {json}");
        let message = json["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains(words), "{query}: {message}");
    }
}

#[tokio::test]
async fn post_estimate_takes_a_partial_scenario_over_the_defaults() {
    let (status, _, json) =
        post(r#"{"downtime_cost_per_hour": "30000", "workload": {"monthly_requests": 2000000}}"#).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    // Twice the requests: Claude 2,700 → 5,400 and the vector database's
    // reads 393.22 → 786.43, so 7,362.88 a month; 88,354.56 ÷ 30,000 = 2.95 h.
    assert_eq!(json["estimate"]["dr_plan"]["monthly"], "7362.88");
    assert_eq!(json["estimate"]["break_even"]["article_hours"], "2.95");
    assert_eq!(json["scenario"]["workload"]["monthly_requests"], 2000000);
    assert_eq!(
        json["scenario"]["workload"]["input_tokens_per_request"], 400,
        "siblings keep their defaults"
    );
    assert_eq!(
        json["share_link"],
        "v=2&catalog=2026-12&requests=2000000&downtime_cost_per_hour=30000"
    );
}

#[tokio::test]
async fn post_estimate_of_a_whole_scenario_is_its_bill_and_its_link() {
    let body = serde_json::to_string(&engine::examples::production_tier()).unwrap();
    let (status, _, json) = post(&body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["estimate"]["dr_plan"]["monthly"], "7800.00");
    assert_eq!(
        json["share_link"],
        production_link!("", ""),
        "the link a v=1 link reads as"
    );

    let body = serde_json::to_string(&engine::Scenario::default()).unwrap();
    let (status, _, json) = post(&body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["estimate"]["dr_plan"]["monthly"], "4269.66");
    assert_eq!(json["share_link"], "v=2&catalog=2026-12");
}

/// Unreadable bodies are 400; readable but invalid scenarios are 422.
#[tokio::test]
async fn post_errors_are_400_when_unreadable_and_422_when_invalid() {
    let cases: &[(&str, StatusCode, &str, &str)] = &[
        ("{", StatusCode::BAD_REQUEST, "", "the body is not JSON"),
        ("[1]", StatusCode::BAD_REQUEST, "", "must be an object"),
        (
            r#"{"tierr": "x"}"#,
            StatusCode::BAD_REQUEST,
            "tierr",
            "unknown field `tierr`",
        ),
        (
            r#"{"workload": {"requests": 5}}"#,
            StatusCode::BAD_REQUEST,
            "workload.requests",
            "unknown field",
        ),
        (
            r#"{"workload": {"monthly_requests": "many"}}"#,
            StatusCode::BAD_REQUEST,
            "workload.monthly_requests",
            "invalid type",
        ),
        (
            r#"{"downtime_cost_per_hour": "0"}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
            "downtime_cost_per_hour",
            "between 0.01 and 100,000,000 (USD per hour)",
        ),
        (
            r#"{"providers": []}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
            "providers",
            "between 1 and 5 items",
        ),
        (
            r#"{"downtime_cost_per_hour": "1", "downtime_cost_per_hour": "900000"}"#,
            StatusCode::BAD_REQUEST,
            "downtime_cost_per_hour",
            "given twice",
        ),
        (
            r#"{"name": "a\u001bb"}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
            "name",
            "contains U+001B, a control character",
        ),
        (
            r#"{"strategy": "hope"}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
            "strategy",
            "must be a catalog strategy",
        ),
    ];
    for (body, expected, field, words) in cases {
        let (status, _, json) = post(body).await;
        assert_eq!(status, *expected, "{body}: {json}");
        assert_eq!(json["errors"][0]["field"], *field, "{body}: {json}");
        let message = json["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains(words), "{body}: {message}");
    }
}

#[tokio::test]
async fn post_reads_only_a_body_sent_as_json() {
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("application/jsonx"),
    ] {
        let mut request = Request::post("/api/v1/estimate");
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        let (status, _, json) = send(request.body(Body::from("{}")).unwrap()).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type:?}: {json}");
        let message = json["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains("application/json"), "{message}");
    }
    let request = Request::post("/api/v1/estimate")
        .header(header::CONTENT_TYPE, "Application/JSON; charset=utf-8")
        .body(Body::from("{}"))
        .unwrap();
    assert_eq!(send(request).await.0, StatusCode::OK);
}

#[tokio::test]
async fn the_catalog_comes_with_its_version() {
    let (status, content_type, json) = get("/api/v1/catalog").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/json");
    assert_eq!(json["version"], "2026-12");
    assert_eq!(json["currency"], "USD");
    assert!(json["regions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == "eu-west-1"));
}

#[tokio::test]
async fn a_repeated_link_gets_the_same_answer_from_one_router_and_errors_are_never_kept() {
    let app = router();
    let mut bodies = Vec::new();
    for uri in [
        "/api/v1/estimate?v=1&tier=critical",
        "/api/v1/estimate?v=1&tier=basic",
        "/api/v1/estimate?v=1&tier=critical",
    ] {
        let response = app
            .clone()
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        bodies.push(response.into_body().collect().await.unwrap().to_bytes());
    }
    assert_eq!(bodies[0], bodies[2], "the kept answer is the computed one");
    assert_ne!(bodies[0], bodies[1], "another link is another answer");
    for _ in 0..2 {
        let response = app
            .clone()
            .oneshot(
                Request::get("/api/v1/estimate?v=1&tier=nope")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::BAD_REQUEST,
            "a bad link fails every time"
        );
    }
}

/// Done when of the costs issue: on the default scenario, each input changes
/// the figures it drives, through the API, and the changed line says how.
#[tokio::test]
async fn each_input_of_the_default_changes_the_lines_it_drives_and_says_how() {
    let line = |json: &serde_json::Value, location: &str, item: &str| {
        json["estimate"]["dr_plan"]["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["location"] == location && l["item"] == item)
            .cloned()
            .unwrap_or_else(|| panic!("no {location} {item} line"))
    };
    let cases = [
        (
            "primary=eu-west-1",
            "primary",
            "compute",
            "624.88",
            "in eu-west-1",
            "4333.90",
        ),
        (
            "secondary=eu-central-1",
            "secondary",
            "compute",
            "402.96",
            "in eu-central-1",
            "4339.42",
        ),
        (
            "vectors=20000000",
            "primary",
            "vector_db",
            "2009.09",
            "122.88 GB",
            "5910.19",
        ),
        ("data_gb=250", "primary", "storage", "5.75", "250 GB", "4220.36"),
        (
            "p1=openai/gpt-4.1",
            "primary",
            "ai_provider",
            "1600.00",
            "400 input tokens × 2",
            "3169.66",
        ),
        (
            "vector_db=pgvector",
            "primary",
            "vector_db",
            "1173.22",
            "pgvector",
            "5736.69",
        ),
    ];
    let (_, _, base) = get("/api/v1/estimate").await;
    for (query, location, item, amount, how, total) in cases {
        let (status, _, json) = get(&format!("/api/v1/estimate?{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}: {json}");
        let changed = line(&json, location, item);
        assert_eq!(changed["monthly"], amount, "{query}");
        assert_ne!(line(&base, location, item)["monthly"], amount, "{query} changes it");
        assert!(
            changed["how"].as_str().unwrap().contains(how),
            "{query}: {}",
            changed["how"]
        );
        assert_eq!(json["estimate"]["dr_plan"]["monthly"], total, "{query}");
    }
}

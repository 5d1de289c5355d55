//! The OpenAPI document: routes and link parameters listed, real answers
//! valid against it, and a document as strict as the server (a request it
//! describes is accepted, one it does not is refused); the analyses' JSON.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::api::{get, post};

/// A validator for the schema the document gives `method path` answering `status`.
fn schema_for(doc: &Value, path: &str, method: &str, status: &str) -> jsonschema::Validator {
    let schema = &doc["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"];
    assert!(schema.is_object(), "no schema for {method} {path} {status}");
    // The components travel with the schema so `#/components/schemas/…` resolves.
    let mut root = schema.clone();
    root["components"] = doc["components"].clone();
    jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("{method} {path} {status}: {e}"))
}

fn problems(validator: &jsonschema::Validator, body: &Value) -> Vec<String> {
    validator
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[tokio::test]
async fn the_openapi_document_is_3_1_and_lists_every_route_and_link_parameter() {
    let (status, content_type, doc) = get("/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/json");
    assert_eq!(doc["openapi"], "3.1.0");
    for (path, method) in [
        ("/api/v1/estimate", "get"),
        ("/api/v1/estimate", "post"),
        ("/api/v1/loss", "get"),
        ("/api/v1/designs", "get"),
        ("/api/v1/sensitivity", "get"),
        ("/api/v1/compare", "get"),
        ("/api/v1/catalog", "get"),
    ] {
        assert!(doc["paths"][path][method].is_object(), "{method} {path}");
    }
    for path in [
        "/api/v1/estimate",
        "/api/v1/loss",
        "/api/v1/designs",
        "/api/v1/sensitivity",
    ] {
        let link = &doc["paths"][path]["get"]["parameters"][0];
        assert_eq!(
            (&link["in"], &link["style"], &link["explode"]),
            (&json!("query"), &json!("form"), &json!(true))
        );
        let names = link["schema"]["properties"].as_object().unwrap();
        for p in engine::link::PARAMETERS {
            assert!(names.contains_key(p.name), "{path}: {} is not documented", p.name);
        }
        assert!(names.contains_key("v") && names.contains_key("catalog"));
    }
}

/// A link as the document's link object: each parameter with its value,
/// whole numbers and booleans typed as the schema types them.
fn link_object(doc: &Value, query: &str) -> Value {
    let properties = &doc["paths"]["/api/v1/estimate"]["get"]["parameters"][0]["schema"]["properties"];
    let mut object = serde_json::Map::new();
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        let typed = match properties[name.as_ref()]["type"].as_str() {
            Some("integer") => value.parse::<u64>().map_or(json!(value), |n| json!(n)),
            Some("boolean") => value.parse::<bool>().map_or(json!(value), |b| json!(b)),
            _ => json!(value),
        };
        object.insert(name.into_owned(), typed);
    }
    Value::Object(object)
}

/// The spec is the server: a link the document describes (its parameters'
/// schemas and the rules joining them, `x-drplan-rules`) is one the API
/// accepts, and one it does not describe is refused.
#[tokio::test]
async fn the_document_accepts_exactly_the_links_the_server_accepts() {
    let (_, _, doc) = get("/api/v1/openapi.json").await;
    let schema = doc["paths"]["/api/v1/estimate"]["get"]["parameters"][0]["schema"].clone();
    let fields = jsonschema::validator_for(&schema).unwrap();
    let rules = jsonschema::validator_for(&schema["x-drplan-rules"]).unwrap();
    let cases = [
        ("", true),
        ("v=1", true),
        ("tier=critical&downtime_cost_per_hour=0.01", true),
        ("primary=us-west-2&secondary=eu-central-1", true),
        ("primary=us-west-2", false),
        ("secondary=us-east-1", false),
        ("v=1&secondary=us-east-1", false),
        ("vector_db=pgvector&primary=us-east-2&secondary=us-west-2", true),
        ("vector_db=pgvector&primary=eu-west-1&secondary=us-east-1", false),
        (
            "vector_db=pinecone-serverless&primary=eu-west-1&secondary=sa-east-1",
            true,
        ),
        ("p1=self-hosted/llama-3.1-8b", true),
        (
            "p1=self-hosted/llama-3.1-8b&primary=eu-west-1&secondary=us-east-1",
            false,
        ),
        ("p3=self-hosted/mistral-7b&secondary=eu-west-1", false),
        ("p2=self-hosted/llama-3.1-8b:provisioned:5", false),
        ("p2=azure-openai/gpt-4o:provisioned:1500.50", true),
        ("p2=openai/text-embedding-3-small", false),
        ("p2=&p3=", true),
        ("p2=&p3=openai/gpt-4o", false),
        ("p1=", false),
        ("standard_days=0&infrequent_days=0&archive_days=0", false),
        ("standard_days=0&infrequent_days=0&archive_days=1", true),
        ("rto=30&rpo=10", true),
        ("rpo=10", false),
        ("rto=&rpo=", true),
        ("downtime_cost_per_hour=0", false),
        ("downtime_cost_per_hour=100000000", true),
        ("downtime_cost_per_hour=100000000.01", false),
        ("restore_gb_per_hour=0.001", true),
        ("restore_gb_per_hour=0.0009", false),
        ("rate=0", false),
        ("currency=EUR&rate=0.000000000001", true),
        ("mc_years=999", false),
        ("mc_years=100000", true),
        ("vector_gb=", true),
        ("name=a%1Bb", false),
        ("name=R%26D+team", true),
        ("embedding=openai/text-embedding-3-large", true),
        ("embedding=openai/gpt-4o", false),
        ("tier=gold", false),
        ("zzz=1", false),
        ("catalog=2026-11", true),
    ];
    let mut mismatches = Vec::new();
    for (query, described) in cases {
        let object = link_object(&doc, query);
        let by_document = fields.is_valid(&object) && rules.is_valid(&object);
        let (status, _, body) = get(&format!("/api/v1/estimate?{query}")).await;
        let by_server = status == StatusCode::OK;
        if by_document != described || by_server != described {
            mismatches.push(format!(
                "{query}: expected {described}, document {by_document}, server {status} {body}"
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// A JSON body the document describes is one the API takes: fields left
/// out keep the default's values, and the rules see them.
#[tokio::test]
async fn the_document_accepts_exactly_the_bodies_the_server_accepts() {
    let (_, _, doc) = get("/api/v1/openapi.json").await;
    let mut root = json!({ "$ref": "#/components/schemas/ScenarioInput" });
    root["components"] = doc["components"].clone();
    let fields = jsonschema::validator_for(&root).unwrap();
    let rules = jsonschema::validator_for(&doc["components"]["schemas"]["ScenarioInput"]["x-drplan-rules"]).unwrap();
    let cases = [
        (json!({}), true),
        (json!({ "primary_region": "us-west-2" }), false),
        (
            json!({ "primary_region": "us-west-2", "secondary_region": "eu-west-1" }),
            true,
        ),
        (json!({ "vector_db": { "offering": "opensearch" } }), true),
        (
            json!({ "vector_db": { "offering": "opensearch" }, "secondary_region": "eu-west-1" }),
            false,
        ),
        (
            json!({ "backups": { "standard_days": 0, "infrequent_days": 0, "archive_days": 0 } }),
            false,
        ),
        (
            json!({ "corpus": { "embedding_provider": "openai", "embedding_model": "text-embedding-3-large" } }),
            true,
        ),
        (json!({ "corpus": { "embedding_model": "mistral-embed" } }), false),
        (json!({ "providers": [] }), false),
        (
            json!({ "providers": [{ "provider": "self-hosted", "model": "llama-3.1-8b", "standby": "pay_per_use", "provisioned_monthly": "0" }] }),
            true,
        ),
        (
            json!({ "providers": [{ "provider": "openai", "model": "gpt-4o", "standby": "pay_per_use", "provisioned_monthly": "0" },
                               { "provider": "self-hosted", "model": "llama-3.1-8b", "standby": "provisioned", "provisioned_monthly": "5" }] }),
            false,
        ),
        (
            json!({ "custom_targets": { "rto_minutes": "30", "rpo_minutes": "5" } }),
            true,
        ),
        (json!({ "custom_targets": { "rpo_minutes": "5" } }), false),
        (json!({ "downtime_cost_per_hour": "0.001" }), false),
        (json!({ "name": "a\u{1b}b" }), false),
        (json!({ "simulation": { "years": 999 } }), false),
    ];
    let mut mismatches = Vec::new();
    for (body, described) in cases {
        let by_document = fields.is_valid(&body) && rules.is_valid(&body);
        let (status, _, answer) = post(&body.to_string()).await;
        let by_server = status == StatusCode::OK;
        if by_document != described || by_server != described {
            mismatches.push(format!(
                "{body}: expected {described}, document {by_document}, server {status} {answer}"
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// Real answers of every route and status validate against the document's schemas.
#[tokio::test]
async fn real_responses_validate_against_the_openapi_document() {
    let (_, _, doc) = get("/api/v1/openapi.json").await;
    let estimate = "/api/v1/estimate";
    let gets = [
        ("", "200"),
        (
            "?v=1&catalog=2026-08&tier=critical&currency=EUR&rate=0.9&rto=3&rpo=0&p3=&vector_gb=12.5&embedding_tpm=1000000\
             &compute_monthly=&ai_monthly=2500&price.region_price:us-east-1/vcpu_hour:price=0.05&strategy=backup_restore",
            "200",
        ),
        ("?tier=gold&zzz=1", "400"),
    ];
    for (query, status) in gets {
        let (got, _, body) = get(&format!("{estimate}{query}")).await;
        assert_eq!(got.as_str(), status, "{query}: {body}");
        let found = problems(&schema_for(&doc, estimate, "get", status), &body);
        assert!(found.is_empty(), "GET {query}: {found:#?}");
    }
    let posts = [
        (
            r#"{"downtime_cost_per_hour": "30000", "custom_targets": {"rto_minutes": "5", "rpo_minutes": "1"}}"#,
            "200",
        ),
        ("{", "400"),
        (r#"{"downtime_cost_per_hour": "0"}"#, "422"),
    ];
    for (body, status) in posts {
        let (got, _, answer) = post(body).await;
        assert_eq!(got.as_str(), status, "{body}: {answer}");
        let found = problems(&schema_for(&doc, estimate, "post", status), &answer);
        assert!(found.is_empty(), "POST {body}: {found:#?}");
    }
    let (_, _, catalog) = get("/api/v1/catalog").await;
    let found = problems(&schema_for(&doc, "/api/v1/catalog", "get", "200"), &catalog);
    assert!(found.is_empty(), "catalog: {found:#?}");
    let analyses = [
        ("/api/v1/loss", "?tier=critical&currency=EUR&rate=0.9", "200"),
        ("/api/v1/designs", "?v=1", "200"),
        ("/api/v1/sensitivity", "", "200"),
        ("/api/v1/sensitivity", "?tier=gold", "400"),
        ("/api/v1/compare", "?a=%2F%3Fv%3D1&b=tier%3Dcritical", "200"),
        ("/api/v1/compare", "?a=tier%3Dgold", "400"),
    ];
    for (path, query, status) in analyses {
        let (got, _, body) = get(&format!("{path}{query}")).await;
        assert_eq!(got.as_str(), status, "{path}{query}: {body}");
        let found = problems(&schema_for(&doc, path, "get", status), &body);
        assert!(found.is_empty(), "GET {path}{query}: {found:#?}");
    }
}

/// The analyses' JSON holds the figures the engine gives the page and the CSV
/// files, for the scenario of the link, read by the same reader.
#[tokio::test]
async fn the_analyses_answer_with_the_engines_figures_for_the_link() {
    let catalog = engine::Catalog::shipped();
    let query = "tier=critical&downtime_cost_per_hour=30000";
    let scenario = engine::link::decode(&catalog, query).unwrap().scenario;
    let expected = [
        (
            "/api/v1/loss",
            serde_json::to_value(engine::simulate(&catalog, &scenario).unwrap()).unwrap(),
        ),
        (
            "/api/v1/designs",
            serde_json::to_value(engine::optimize(&catalog, &scenario).unwrap()).unwrap(),
        ),
        (
            "/api/v1/sensitivity",
            serde_json::to_value(engine::sensitivity(&catalog, &scenario).unwrap()).unwrap(),
        ),
    ];
    let (_, _, estimate) = get(&format!("/api/v1/estimate?{query}")).await;
    for (path, result) in expected {
        let (status, _, json) = get(&format!("{path}?{query}")).await;
        assert_eq!(status, StatusCode::OK, "{path}: {json}");
        assert_eq!(json["result"], result, "{path}");
        assert_eq!(json["share_link"], estimate["share_link"], "{path}");
    }
    // B costs more to run than A: the comparison says so row by row, exactly.
    let (status, _, json) =
        get("/api/v1/compare?a=tier%3Dbasic&b=tier%3Dcritical%26downtime_cost_per_hour%3D30000").await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let rows = json["rows"].as_array().unwrap();
    let tier = rows.iter().find(|r| r["parameter"] == "tier").unwrap();
    assert_eq!(
        (tier["a"].as_str(), tier["b"].as_str(), tier["differs"].as_bool()),
        (Some("basic"), Some("critical"), Some(true))
    );
    let downtime = rows
        .iter()
        .find(|r| r["parameter"] == "downtime_cost_per_hour")
        .unwrap();
    let (a, b): (rust_decimal::Decimal, rust_decimal::Decimal) = (
        downtime["a"].as_str().unwrap().parse().unwrap(),
        downtime["b"].as_str().unwrap().parse().unwrap(),
    );
    assert_eq!(
        downtime["difference"]
            .as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap(),
        b - a
    );
    let (status, _, json) = get("/api/v1/compare?b=tier%3Dcritical").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(json["errors"][0]["field"], "a", "{json}");
}

/// The schemas are strict enough to catch a drifting answer.
#[tokio::test]
async fn a_response_that_drifts_from_the_types_fails_validation() {
    let (_, _, doc) = get("/api/v1/openapi.json").await;
    let validator = schema_for(&doc, "/api/v1/estimate", "get", "200");
    let (_, _, good) = get("/api/v1/estimate").await;
    let mut money_as_float = good.clone();
    money_as_float["estimate"]["dr_plan"]["monthly"] = json!(7800.0);
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("share_link");
    let mut extra = good.clone();
    extra["scenario"]["tierr"] = json!("critical");
    for (what, body) in [
        ("money as a float", money_as_float),
        ("a missing field", missing),
        ("an unknown scenario field", extra),
    ] {
        assert!(!problems(&validator, &body).is_empty(), "{what} passed validation");
    }
}

//! The OpenAPI 3.1 document of the JSON API, generated from the Rust types
//! (`utoipa`), with the share-link parameters taken from `engine::link::PARAMETERS`.

use std::sync::OnceLock;

use serde_json::json;
use utoipa::OpenApi;

use crate::api;

mod body;
mod pattern;
mod strict;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "drplan",
        description = "Disaster-recovery cost and RTO/RPO estimates for AI services. Money and decimals are strings \
                       (exact decimals, e.g. \"7800.00\"); the share-link format is in docs/share-links.md."
    ),
    paths(
        api::estimate_from_query,
        api::estimate_from_json,
        api::analyses::loss,
        api::analyses::designs,
        api::analyses::sensitivity,
        api::analyses::comparison,
        api::catalog,
        api::catalog_diff
    ),
    components(schemas(
        api::EstimateResponse,
        api::analyses::ComparisonResponse,
        api::CatalogDiffResponse,
        crate::error::ErrorBody,
        engine::Scenario,
        engine::Catalog
    ))
)]
struct ApiDoc;

/// The document served at `/api/v1/openapi.json`, built once: the catalog
/// is fixed while the process runs, and its ids are the enums of the id parameters.
pub fn document(catalog: &engine::Catalog) -> &'static serde_json::Value {
    static DOCUMENT: OnceLock<serde_json::Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let mut doc = serde_json::to_value(ApiDoc::openapi()).expect("BUG: the OpenAPI document serializes");
        // Every route that reads a share link takes its parameters, as one
        // object sent as `name=value` pairs, so the rules joining two of them
        // are in the document too.
        let link = json!([{
            "name": "link",
            "in": "query",
            "style": "form",
            "explode": true,
            "required": false,
            "description": "The share link's parameters (docs/share-links.md), each as its own name=value pair. \
                            Price overrides (price.<kind>:<id>:<field>=USD) are read too and checked against \
                            the catalog's columns; this document does not list them.",
            "schema": strict::link_object(catalog),
        }]);
        for path in [
            "/api/v1/estimate",
            "/api/v1/loss",
            "/api/v1/designs",
            "/api/v1/sensitivity",
        ] {
            if let Some(get) = doc["paths"][path].get_mut("get") {
                get["parameters"] = link.clone();
            }
        }
        // A catalog diff compares two versions this build has.
        let versions = json!({ "type": "string", "enum": engine::catalog::history::version_ids() });
        if let Some(params) = doc["paths"]["/api/v1/catalog/diff"]["get"]["parameters"].as_array_mut() {
            for param in params {
                param["schema"] = versions.clone();
                param["required"] = json!(true);
            }
        }
        if let Some(params) = doc["paths"]["/api/v1/compare"]["get"]["parameters"].as_array_mut() {
            for param in params {
                param["schema"] = json!({ "type": "string", "minLength": 1 });
                param["required"] = json!(true);
            }
        }
        body::tighten_body(&mut doc, catalog);
        doc["paths"]["/api/v1/estimate"]["post"]["requestBody"]["content"]["application/json"]["schema"] =
            json!({ "$ref": "#/components/schemas/ScenarioInput" });
        doc
    })
}

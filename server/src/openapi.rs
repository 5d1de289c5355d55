//! The OpenAPI 3.1 document of the JSON API, generated from the Rust types
//! (`utoipa`), with the share-link parameters taken from `engine::link::PARAMETERS`.

use std::sync::OnceLock;

use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::{ObjectBuilder, Required, Type};
use utoipa::OpenApi;

use crate::api;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "drplan",
        description = "Disaster-recovery cost and RTO/RPO estimates for AI services. Money and decimals are strings \
                       (exact decimals, e.g. \"7800.00\"); the share-link format is in docs/share-links.md."
    ),
    paths(api::estimate_from_query, api::estimate_from_json, api::catalog),
    components(schemas(api::EstimateResponse, crate::error::ErrorBody, engine::Scenario, engine::Catalog))
)]
struct ApiDoc;

/// The document served at `/api/v1/openapi.json`, built once.
pub fn document() -> &'static serde_json::Value {
    static DOCUMENT: OnceLock<serde_json::Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let mut doc = ApiDoc::openapi();
        if let Some(get) = doc
            .paths
            .paths
            .get_mut("/api/v1/estimate")
            .and_then(|item| item.get.as_mut())
        {
            get.parameters = Some(link_parameters());
        }
        serde_json::to_value(&doc).expect("BUG: the OpenAPI document serializes")
    })
}

/// `v`, `catalog`, every share-link parameter, and the `price.*` overrides, as query parameters.
fn link_parameters() -> Vec<Parameter> {
    let param = |name: &str, description: String| {
        ParameterBuilder::new()
            .name(name)
            .parameter_in(ParameterIn::Query)
            .required(Required::False)
            .description(Some(description))
            .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
            .build()
    };
    let default = engine::Scenario::default();
    let mut params = vec![
        param("v", format!("Link format version; {}", engine::link::LINK_FORMAT)),
        param(
            "catalog",
            "Catalog version the link was made with, e.g. 2026-11".to_owned(),
        ),
    ];
    params.extend(engine::link::PARAMETERS.iter().map(|p| {
        let unit = if p.unit.is_empty() {
            String::new()
        } else {
            format!(", {}", p.unit)
        };
        param(
            p.name,
            format!(
                "{}{unit}; allowed: {}; default: {:?}",
                p.about,
                p.range,
                p.value(&default)
            ),
        )
    }));
    params.push(param(
        "price.<kind>:<id>:<field>",
        "A catalog price override in USD, 0–1,000,000, e.g. price.model:openai/gpt-4o:input_per_mtok=3".to_owned(),
    ));
    params
}

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
        let mut doc = ApiDoc::openapi();
        // Every route that reads a share link takes its parameters.
        for path in [
            "/api/v1/estimate",
            "/api/v1/loss",
            "/api/v1/designs",
            "/api/v1/sensitivity",
        ] {
            if let Some(get) = doc.paths.paths.get_mut(path).and_then(|item| item.get.as_mut()) {
                get.parameters = Some(link_parameters(catalog));
            }
        }
        serde_json::to_value(&doc).expect("BUG: the OpenAPI document serializes")
    })
}

/// A decimal as a link writes it (thousands separators are also read).
const DECIMAL_PATTERN: &str = "^-?[0-9][0-9,]*(\\.[0-9]+)?$";

/// The schema of one link parameter, from its kind in the parameter table.
fn schema_of(p: &engine::link::Parameter, catalog: &engine::Catalog) -> ObjectBuilder {
    use engine::link::Kind;
    match p.kind {
        Kind::Text { max_chars } => ObjectBuilder::new()
            .schema_type(Type::String)
            .max_length(Some(max_chars)),
        Kind::Id(table) => ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(table.ids(catalog))),
        Kind::Boolean => ObjectBuilder::new().schema_type(Type::Boolean),
        Kind::Currency => ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some("^[A-Z]{3}$")),
        Kind::Provider => ObjectBuilder::new().schema_type(Type::String).pattern(Some(
            "^$|^[^/:]+/[^/:]+(:(pay_per_use|provisioned)(:[0-9]+(\\.[0-9]+)?)?)?$",
        )),
        Kind::Number(n) if n.whole && n.empty.is_none() => {
            let bound = |d: rust_decimal::Decimal| u64::try_from(d).ok();
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(bound(n.min))
                .maximum(bound(n.max))
        }
        // An optional number may also be empty.
        Kind::Number(n) => ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(match n.empty {
                Some(_) => format!("^$|{DECIMAL_PATTERN}"),
                None => DECIMAL_PATTERN.to_owned(),
            })),
    }
}

/// `v`, `catalog`, every share-link parameter, and the `price.*` overrides, as query parameters.
fn link_parameters(catalog: &engine::Catalog) -> Vec<Parameter> {
    let param = |name: &str, description: String, schema: ObjectBuilder| {
        ParameterBuilder::new()
            .name(name)
            .parameter_in(ParameterIn::Query)
            .required(Required::False)
            .description(Some(description))
            .schema(Some(schema))
            .build()
    };
    let text = || ObjectBuilder::new().schema_type(Type::String);
    let default = engine::Scenario::default();
    let mut params = vec![
        param(
            "v",
            format!("Link format version; {}", engine::link::LINK_FORMAT),
            text().enum_values(Some([engine::link::LINK_FORMAT.to_string()])),
        ),
        param(
            "catalog",
            "Catalog version the link was made with, e.g. 2026-11".to_owned(),
            text(),
        ),
    ];
    params.extend(engine::link::PARAMETERS.iter().map(|p| {
        let unit = match p.unit() {
            "" => String::new(),
            unit => format!(", {unit}"),
        };
        param(
            p.name,
            format!(
                "{}{unit}; allowed: {}; default: {:?}",
                p.about,
                p.allowed(),
                p.value(&default)
            ),
            schema_of(p, catalog),
        )
    }));
    params.push(param(
        "price.<kind>:<id>:<field>",
        "A catalog price override in USD, 0–1,000,000, e.g. price.model:openai/gpt-4o:input_per_mtok=3".to_owned(),
        text().pattern(Some(DECIMAL_PATTERN)),
    ));
    params
}

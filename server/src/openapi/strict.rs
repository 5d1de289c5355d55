//! The constraints that make the OpenAPI document as strict as the server:
//! each link parameter's range, pattern or ids (from `engine::link::PARAMETERS`
//! and the catalog), and the rules that join two fields (the secondary region
//! differs from the primary, a vector database or a self-hosted model is
//! priced in the regions chosen, the provider chain has no gaps, the backup
//! ladder keeps something, custom targets come in pairs).
//!
//! This file holds the link's side and the pieces both sides use; `body`
//! the JSON body's.
//!
//! A field left out takes the base scenario's value (for a link, the one
//! `engine::link::base` starts from; for a JSON body, the default), so each
//! rule is written over "the value given, or the base's when none is": a
//! request the document describes is one the server accepts, and the
//! server refuses the requests it does not describe.

use engine::link::{Kind, Parameter, MAX_PROVIDERS, PARAMETERS};
use engine::{Catalog, Scenario};
use serde_json::{json, Map, Value};

use super::pattern::{self, FRACTION_DIGITS};

/// Characters no text parameter may hold (`engine::link::is_forbidden_in_text`,
/// its Basic Multilingual Plane part).
pub(super) const TEXT_PATTERN: &str = "^[^\\u0000-\\u001F\\u007F-\\u009F\\uFDD0-\\uFDEF\\uFFFE\\uFFFF]*$";

/// Where the rules joining two or more fields are kept: a JSON Schema to
/// validate a request with. They are not in the schema proper because test
/// generators expand `allOf` of `anyOf` into every combination (the rules of
/// one link make thousands) and give up; tests/schemathesis/hooks.py checks
/// each generated request against them instead.
pub const RULES: &str = "x-drplan-rules";

/// Where a value sits: a link parameter (flat) or a JSON field path.
pub(super) type Path<'a> = &'a [&'a str];

/// A rule's test of one value, given the base's value at that path.
pub(super) struct Field<'a> {
    pub(super) path: Vec<&'a str>,
    pub(super) base: Option<Value>,
}

impl Field<'_> {
    /// The value is given and satisfies `schema`, or is left out and the
    /// base's does. `properties` constrains a key only when it is present, so
    /// "left out is fine" needs no branch; otherwise the key is required.
    pub(super) fn is(&self, schema: Value) -> Value {
        let base_satisfies = self.base.as_ref().is_some_and(|v| satisfies(v, &schema));
        self.path.iter().rev().fold(schema, |inner, key| {
            if base_satisfies {
                json!({ "properties": { *key: inner } })
            } else {
                json!({ "required": [key], "properties": { *key: inner } })
            }
        })
    }
}

/// Whether `value` satisfies the small schemas rules use (`const`, `enum`,
/// `pattern`, `minimum`, `minLength`, `not`).
fn satisfies(value: &Value, schema: &Value) -> bool {
    if let Some(c) = schema.get("const") {
        return value == c;
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        return options.contains(value);
    }
    if let Some(p) = schema.get("pattern").and_then(Value::as_str) {
        let text = value.as_str().unwrap_or_default();
        // Rules' patterns are prefixes of ids: `^(?:a|b)/` or a non-empty test.
        return match p {
            ".+" | "^.+$" => !text.is_empty(),
            _ => prefixes(p).iter().any(|prefix| text.starts_with(prefix.as_str())),
        };
    }
    if let Some(min) = schema.get("minimum").and_then(Value::as_u64) {
        return value.as_u64().is_some_and(|v| v >= min);
    }
    if let Some(inner) = schema.get("not") {
        return !satisfies(value, inner);
    }
    true
}

/// The prefixes of a `^(?:a|b)/` pattern, `/` included.
fn prefixes(pattern: &str) -> Vec<String> {
    pattern
        .trim_start_matches("^(?:")
        .trim_end_matches(")/")
        .split('|')
        .map(|p| format!("{}/", p.replace('\\', "")))
        .collect()
}

/// A regular expression matching `text` literally.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if ".+*?()[]{}|^$\\/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Pattern of a number parameter, without anchors' alternatives merged.
fn number_pattern(n: &engine::link::Number) -> String {
    let p = pattern::number(n.min, n.above_min, n.max, n.whole);
    match n.empty {
        Some(_) => format!("^$|{p}"),
        None => p,
    }
}

/// The chat models as `provider/model` alternatives of a pattern, the
/// self-hosted ones apart (they may not be provisioned as fallbacks).
fn chat_models(catalog: &Catalog, self_hosted: bool) -> Vec<String> {
    catalog
        .models()
        .iter()
        .filter(|m| m.kind == engine::catalog::ModelKind::Chat)
        .filter(|m| catalog.is_self_hosted(&m.provider) == self_hosted)
        .map(|m| format!("{}/{}", literal(&m.provider), literal(&m.model)))
        .collect()
}

/// A provider link's standby amount: 0–1,000,000,000 USD a month (the
/// check in `engine::link::params`).
pub(super) fn standby_amount() -> String {
    pattern::number(
        rust_decimal::Decimal::ZERO,
        false,
        rust_decimal::Decimal::from(1_000_000_000),
        false,
    )
}

/// The pattern of provider link `index` (0-based): `provider/model`, then
/// `:pay_per_use` or `:provisioned`, then an amount; fallbacks may be empty.
fn provider_pattern(catalog: &Catalog, index: usize) -> String {
    let amount = standby_amount();
    let amount = amount.trim_start_matches('^').trim_end_matches('$');
    let api = chat_models(catalog, false).join("|");
    let hosted = chat_models(catalog, true).join("|");
    let zero = format!("0(?:\\.0{{1,{FRACTION_DIGITS}}})?");
    let mut alternatives = vec![format!("(?:{api})(?::(?:pay_per_use|provisioned)(?::{amount})?)?")];
    if !hosted.is_empty() {
        // The primary's standby is not priced; a self-hosted fallback runs its
        // GPUs all the time and takes no standby amount.
        alternatives.push(if index == 0 {
            format!("(?:{hosted})(?::(?:pay_per_use|provisioned)(?::{amount})?)?")
        } else {
            format!("(?:{hosted})(?::pay_per_use(?::{zero})?)?")
        });
    }
    if index > 0 {
        alternatives.push(String::new());
    }
    format!("^(?:{})$", alternatives.join("|"))
}

/// The JSON schema of one link parameter's value in a query.
fn query_schema(p: &Parameter, catalog: &Catalog) -> Value {
    match p.kind {
        Kind::Text { max_chars } => json!({ "type": "string", "maxLength": max_chars, "pattern": TEXT_PATTERN }),
        Kind::Id(table) => json!({ "type": "string", "enum": table.ids(catalog) }),
        Kind::Boolean => json!({ "type": "boolean" }),
        Kind::Currency => json!({ "type": "string", "pattern": "^[A-Z]{3}$" }),
        Kind::Provider => {
            let index: usize = p.name[1..].parse::<usize>().unwrap_or(1) - 1;
            json!({ "type": "string", "pattern": provider_pattern(catalog, index) })
        }
        Kind::Number(n) if n.whole && n.empty.is_none() => {
            let bound = |d: rust_decimal::Decimal| u64::try_from(d).ok();
            json!({ "type": "integer", "minimum": bound(n.min), "maximum": bound(n.max) })
        }
        Kind::Number(n) => json!({ "type": "string", "pattern": number_pattern(&n) }),
    }
}

/// The schema of every link parameter as one object, its properties the
/// parameters (sent as `name=value` pairs: `style: form`, `explode: true`).
pub fn link_object(catalog: &Catalog) -> Value {
    let mut properties = Map::new();
    properties.insert(
        "v".to_owned(),
        json!({ "type": "string", "enum": ["1", engine::link::LINK_FORMAT.to_string()],
                "description": "Link format: 2 (this one); 1 (links made before 2026-12, read against the article's Part 1.1 bill)" }),
    );
    properties.insert(
        "catalog".to_owned(),
        json!({ "type": "string", "minLength": 1, "maxLength": 64, "pattern": TEXT_PATTERN,
                "description": "Catalog version the link was made with, e.g. 2026-11" }),
    );
    let default = Scenario::default();
    for p in PARAMETERS {
        let mut schema = query_schema(p, catalog);
        let unit = match p.unit() {
            "" => String::new(),
            unit => format!(", {unit}"),
        };
        schema["description"] = json!(format!(
            "{}{unit}; allowed: {}; default: {:?}",
            p.about,
            p.allowed(),
            engine::link::unescape(&p.value(&default)).unwrap_or_default()
        ));
        properties.insert(p.name.to_owned(), schema);
    }
    let v1 = json!({ "required": ["v"], "properties": { "v": { "const": "1" } } });
    json!({
        "type": "object",
        "additionalProperties": false,
        "properties": properties,
        RULES: {
            "if": v1,
            "then": { "allOf": link_rules(catalog, &engine::examples::production_tier()) },
            "else": { "allOf": link_rules(catalog, &default) },
        },
    })
}

/// The joint rules of a link whose base scenario is `base`.
fn link_rules(catalog: &Catalog, base: &Scenario) -> Vec<Value> {
    let field = |name: &'static str| Field {
        path: vec![name],
        base: PARAMETERS.iter().find(|p| p.name == name).map(|p| link_value(p, base)),
    };
    let regions = Regions {
        primary: field("primary"),
        secondary: field("secondary"),
        vector_db: field("vector_db"),
    };
    let mut rules = regions.rules(catalog);
    let providers: Vec<Field> = ["p1", "p2", "p3", "p4", "p5"]
        .into_iter()
        .take(MAX_PROVIDERS)
        .map(field)
        .collect();
    let hosted = hosted_prefix(catalog);
    for (i, p) in providers.iter().enumerate() {
        if let Some(hosted) = &hosted {
            let region = if i == 0 { &regions.primary } else { &regions.secondary };
            rules.push(json!({ "anyOf": [
                p.is(json!({ "not": { "pattern": hosted } })),
                region.is(json!({ "enum": gpu_regions(catalog) })),
            ]}));
        }
        if i >= 2 {
            // No gaps: a link needs the one before it.
            rules.push(
                json!({ "anyOf": [p.is(json!({ "const": "" })), providers[i - 1].is(json!({ "pattern": ".+" }))] }),
            );
        }
    }
    rules.push(ladder_rule(
        &["standard_days", "infrequent_days", "archive_days"].map(&field),
    ));
    let (rto, rpo) = (field("rto"), field("rpo"));
    rules.push(json!({ "anyOf": [
        { "allOf": [rto.is(json!({ "const": "" })), rpo.is(json!({ "const": "" }))] },
        { "allOf": [rto.is(json!({ "pattern": ".+" })), rpo.is(json!({ "pattern": ".+" }))] },
    ]}));
    rules
}

/// A parameter's value in `base` as the query object holds it.
fn link_value(p: &Parameter, base: &Scenario) -> Value {
    let text = engine::link::unescape(&p.value(base)).unwrap_or_default();
    match p.kind {
        Kind::Boolean => json!(text == "true"),
        Kind::Number(n) if n.whole && n.empty.is_none() => text.parse::<u64>().map_or(json!(text), |v| json!(v)),
        _ => json!(text),
    }
}

/// The three regional rules, over the fields that hold the regions and the offering.
pub(super) struct Regions<'a> {
    pub(super) primary: Field<'a>,
    pub(super) secondary: Field<'a>,
    pub(super) vector_db: Field<'a>,
}

impl Regions<'_> {
    pub(super) fn rules(&self, catalog: &Catalog) -> Vec<Value> {
        let ids: Vec<&str> = catalog.regions().iter().map(|r| r.id.as_str()).collect();
        // The secondary differs from the primary: one branch per primary.
        let distinct = ids
            .iter()
            .map(|id| {
                let others: Vec<&str> = ids.iter().copied().filter(|other| other != id).collect();
                json!({ "allOf": [self.primary.is(json!({ "const": id })), self.secondary.is(json!({ "enum": others }))] })
            })
            .collect::<Vec<_>>();
        let mut offerings = Vec::new();
        for offering in catalog.vector_dbs() {
            let priced = vector_db_regions(catalog, &offering.id);
            offerings.push(if priced.len() == ids.len() {
                self.vector_db.is(json!({ "const": offering.id }))
            } else {
                json!({ "allOf": [
                    self.vector_db.is(json!({ "const": offering.id })),
                    self.primary.is(json!({ "enum": priced })),
                    self.secondary.is(json!({ "enum": priced })),
                ]})
            });
        }
        vec![json!({ "anyOf": distinct }), json!({ "anyOf": offerings })]
    }
}

/// The regions a vector database offering is priced in, as `engine::validate` checks it.
fn vector_db_regions(catalog: &Catalog, offering: &str) -> Vec<String> {
    catalog
        .regions()
        .iter()
        .filter(|r| {
            let mut s = Scenario::default();
            s.vector_db.offering = offering.to_owned();
            s.primary_region = r.id.clone();
            s.secondary_region = catalog
                .regions()
                .iter()
                .find(|other| other.id != r.id)
                .map(|other| other.id.clone())
                .unwrap_or_default();
            // Priced in r when validation raises nothing about the offering in r
            // (the other region is checked apart, so only r's answer counts).
            !invalid_field(catalog, &s, "vector_db.offering", &r.id)
        })
        .map(|r| r.id.clone())
        .collect()
}

/// Whether validating `s` gives an error on `field` that names `region`.
fn invalid_field(catalog: &Catalog, s: &Scenario, field: &str, region: &str) -> bool {
    match engine::validate(catalog, s) {
        Err(engine::Error::Invalid(errors)) => errors
            .iter()
            .any(|e| e.field == field && e.message.contains(&format!(" in {region} "))),
        _ => false,
    }
}

/// Regions with a GPU price: where a self-hosted model can run.
pub(super) fn gpu_regions(catalog: &Catalog) -> Vec<String> {
    catalog
        .regions()
        .iter()
        .filter(|r| catalog.region_price(&r.id, engine::catalog::GPU_HOUR).is_some())
        .map(|r| r.id.clone())
        .collect()
}

/// `^(?:a|b)/`: a provider link of a self-hosted provider; `None` without one.
pub(super) fn hosted_prefix(catalog: &Catalog) -> Option<String> {
    let hosted: Vec<String> = catalog
        .providers()
        .iter()
        .filter(|p| catalog.is_self_hosted(&p.id))
        .map(|p| literal(&p.id))
        .collect();
    (!hosted.is_empty()).then(|| format!("^(?:{})/", hosted.join("|")))
}

/// At least one rung of the retention ladder keeps a day.
pub(super) fn ladder_rule(days: &[Field]) -> Value {
    json!({ "anyOf": days.iter().map(|d| d.is(json!({ "minimum": 1 }))).collect::<Vec<_>>() })
}

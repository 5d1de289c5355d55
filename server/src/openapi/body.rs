//! The JSON body's scenario schema made as strict as the server: each
//! field's range, pattern or ids, the provider chain's items, and the rules
//! joining fields (in `x-drplan-rules`, see [`super::strict`]), over a copy
//! of the scenario's schemas in which no field is required (a field left out
//! keeps the default's value).

use engine::link::{Kind, Parameter, Table, MAX_PROVIDERS, PARAMETERS};
use engine::{Catalog, Scenario};
use serde_json::{json, Value};

use super::pattern::{self, FRACTION_DIGITS};
use super::strict::{
    gpu_regions, hosted_prefix, ladder_rule, standby_amount, Field, Path, Regions, RULES, TEXT_PATTERN,
};

/// Tightens the JSON body's scenario schema in `doc` (components): each
/// field's range, pattern or ids, the provider chain's items, and the joint
/// rules over the body's fields (a field left out keeps the default's value).
pub fn tighten_body(doc: &mut Value, catalog: &Catalog) {
    let default = serde_json::to_value(Scenario::default()).unwrap_or_default();
    let schemas = &mut doc["components"]["schemas"];
    for p in PARAMETERS {
        let Some(schema) = body_schema(p, catalog) else {
            continue;
        };
        let path: Vec<&str> = p.field.split('.').collect();
        set_field(schemas, &path, schema);
    }
    // The chain: one to five links, the first any chat model, the rest not provisioned when self-hosted.
    let link = |index: usize| provider_item(catalog, index);
    schemas["Scenario"]["properties"]["providers"]["minItems"] = json!(1);
    schemas["Scenario"]["properties"]["providers"]["maxItems"] = json!(MAX_PROVIDERS);
    schemas["Scenario"]["properties"]["providers"]["prefixItems"] = json!([link(0)]);
    schemas["Scenario"]["properties"]["providers"]["items"] = link(1);
    input_copies(schemas);
    schemas["ScenarioInput"]["properties"]["price_overrides"]["maxProperties"] = json!(0);
    schemas["ScenarioInput"]["properties"]["price_overrides"]["description"] = json!(
        "Catalog price overrides, `kind:id:field` → USD. The server reads them (docs/share-links.md, the \
         parameter `price.<kind>:<id>:<field>`) and checks each against its catalog column; this document describes none, \
         so that every body it describes is one the server accepts."
    );
    let base = |path: &[&str]| path.iter().try_fold(&default, |v, key| v.get(*key)).cloned();
    let field = |path: Path<'static>| Field {
        path: path.to_vec(),
        base: base(path),
    };
    let regions = Regions {
        primary: field(&["primary_region"]),
        secondary: field(&["secondary_region"]),
        vector_db: field(&["vector_db", "offering"]),
    };
    let mut rules = regions.rules(catalog);
    if let Some(hosted) = hosted_prefix(catalog) {
        let provider = json!({ "type": "object", "properties": { "provider": { "pattern": hosted.trim_end_matches('/').to_owned() + "$" } }, "required": ["provider"] });
        // The providers array is replaced whole, never merged, and the default has no self-hosted link.
        rules.push(json!({ "anyOf": [
            { "not": { "required": ["providers"], "properties": { "providers": { "prefixItems": [provider] } } } },
            regions.primary.is(json!({ "enum": gpu_regions(catalog) })),
        ]}));
        rules.push(json!({ "anyOf": [
            { "not": { "required": ["providers"], "properties": { "providers": { "prefixItems": [true], "contains": provider, "minContains": 1 } } } },
            regions.secondary.is(json!({ "enum": gpu_regions(catalog) })),
        ]}));
    }
    let days = ["standard_days", "infrequent_days", "archive_days"].map(|d| field_owned(&default, &["backups", d]));
    rules.push(ladder_rule(&days));
    // The embedding model belongs to the embedding provider.
    let (provider, model) = (
        field(&["corpus", "embedding_provider"]),
        field(&["corpus", "embedding_model"]),
    );
    let mut by_provider: Vec<(String, Vec<String>)> = Vec::new();
    for m in catalog
        .models()
        .iter()
        .filter(|m| m.kind == engine::catalog::ModelKind::Embedding)
    {
        match by_provider.iter_mut().find(|(p, _)| *p == m.provider) {
            Some((_, models)) => models.push(m.model.clone()),
            None => by_provider.push((m.provider.clone(), vec![m.model.clone()])),
        }
    }
    rules.push(json!({ "anyOf": by_provider.iter().map(|(p, models)| json!({ "allOf": [
        provider.is(json!({ "const": p })),
        model.is(json!({ "enum": models })),
    ]})).collect::<Vec<_>>() }));
    schemas["ScenarioInput"][RULES] = json!({ "allOf": rules });
}

/// What a body may send: `ScenarioInput`, a copy of `Scenario` and of every
/// component it holds (`WorkloadInput`, …) in which no field is required,
/// as the server fills what is left out from the default.
fn input_copies(schemas: &mut Value) {
    let mut names = vec!["Scenario".to_owned()];
    let mut i = 0;
    while i < names.len() {
        let text = schemas[names[i].as_str()].to_string();
        for piece in text.split("\"#/components/schemas/").skip(1) {
            let name = piece.split('"').next().unwrap_or_default().to_owned();
            if !names.contains(&name) {
                names.push(name);
            }
        }
        i += 1;
    }
    for name in &names {
        let mut text = schemas[name.as_str()].to_string();
        for other in &names {
            text = text.replace(
                &format!("\"#/components/schemas/{other}\""),
                &format!("\"#/components/schemas/{other}Input\""),
            );
        }
        let mut copy: Value = serde_json::from_str(&text).unwrap_or_default();
        // An array's items, and custom targets (null by default), are read
        // whole, never merged with a default: they still need every field.
        if let (Some(object), false) = (
            copy.as_object_mut(),
            matches!(name.as_str(), "ProviderLink" | "Targets"),
        ) {
            object.remove("required");
        }
        schemas[format!("{name}Input")] = copy;
    }
}

fn field_owned<'a>(default: &Value, path: &[&'a str]) -> Field<'a> {
    Field {
        path: path.to_vec(),
        base: path.iter().try_fold(default, |v, key| v.get(*key)).cloned(),
    }
}

/// One link of the chain in the body: a chat model of its provider.
fn provider_item(catalog: &Catalog, index: usize) -> Value {
    let amount = standby_amount();
    let zero = format!("^0(?:\\.0{{1,{FRACTION_DIGITS}}})?$");
    let mut by_provider: Vec<Value> = Vec::new();
    for p in catalog.providers() {
        let models: Vec<&str> = catalog
            .models()
            .iter()
            .filter(|m| m.provider == p.id && m.kind == engine::catalog::ModelKind::Chat)
            .map(|m| m.model.as_str())
            .collect();
        if models.is_empty() {
            continue;
        }
        let fixed = index > 0 && catalog.is_self_hosted(&p.id);
        by_provider.push(json!({
            "properties": {
                "provider": { "const": p.id },
                "model": { "enum": models },
                "standby": if fixed { json!({ "const": "pay_per_use" }) } else { json!({}) },
                "provisioned_monthly": { "pattern": if fixed { zero.clone() } else { amount.clone() } },
            }
        }));
    }
    json!({ "$ref": "#/components/schemas/ProviderLink", "anyOf": by_provider })
}

/// The body schema of a parameter's field, when it has one of its own.
fn body_schema(p: &Parameter, catalog: &Catalog) -> Option<Value> {
    Some(match p.kind {
        Kind::Text { max_chars } => json!({ "type": "string", "maxLength": max_chars, "pattern": TEXT_PATTERN }),
        Kind::Id(Table::EmbeddingModel) | Kind::Provider | Kind::Boolean => return None,
        Kind::Id(table) => json!({ "type": "string", "enum": table.ids(catalog) }),
        Kind::Currency => json!({ "type": "string", "pattern": "^[A-Z]{3}$" }),
        Kind::Number(n) if n.whole => {
            let bound = |d: rust_decimal::Decimal| u64::try_from(d).ok();
            let schema = json!({ "type": "integer", "minimum": bound(n.min), "maximum": bound(n.max) });
            match n.empty {
                Some(_) => json!({ "oneOf": [{ "type": "null" }, schema] }),
                None => schema,
            }
        }
        Kind::Number(n) => {
            let schema = json!({ "type": "string", "pattern": pattern::number(n.min, n.above_min, n.max, false) });
            match n.empty {
                Some(_) => json!({ "oneOf": [{ "type": "null" }, schema] }),
                None => schema,
            }
        }
    })
}

/// Puts `schema` on the property at `path` of the Scenario schema, following
/// `$ref`s into components and `oneOf` null wrappers, keeping its description.
fn set_field(schemas: &mut Value, path: &[&str], schema: Value) {
    let mut component = "Scenario".to_owned();
    for (i, key) in path.iter().enumerate() {
        let property = &mut schemas[component.as_str()]["properties"][*key];
        if i + 1 == path.len() {
            let description = property.get("description").cloned();
            // A link's empty value ("derive it") is null in JSON only where the field is optional.
            let nullable = property.to_string().contains(r#""null""#);
            let schema = match schema.get("oneOf").and_then(Value::as_array) {
                Some(options) if !nullable => options.last().cloned().unwrap_or(schema),
                _ => schema,
            };
            *property = schema;
            if let Some(d) = description {
                property["description"] = d;
            }
            return;
        }
        // An object field: its schema is a component, directly or inside `oneOf` with null.
        let reference = property
            .get("$ref")
            .or_else(|| {
                property
                    .get("oneOf")
                    .and_then(Value::as_array)
                    .and_then(|o| o.iter().find_map(|s| s.get("$ref")))
            })
            .and_then(Value::as_str)
            .unwrap_or_default();
        component = reference.rsplit('/').next().unwrap_or_default().to_owned();
        if component.is_empty() {
            return;
        }
    }
}

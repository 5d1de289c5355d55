//! Server functions: the browser calls these to have the server run the engine.
//! Their bodies only run on the server (`ssr`); the browser gets a fetch stub.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One field's problem, as shown next to that field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldMessage {
    /// The link parameter, e.g. `downtime_cost_per_hour` or `p2`.
    pub field: String,
    /// What is wrong and what is allowed.
    pub message: String,
}

/// The figures of a valid scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// The results sections (summary, tables, charts), rendered on the server
    /// from the engine's estimate.
    pub sections_html: String,
    /// The canonical share-link query (no `?`).
    pub link: String,
    /// Version of the catalog the prices come from.
    pub catalog_version: String,
    /// What the reader should know, e.g. that prices changed since the link was made.
    pub notices: Vec<String>,
}

/// What the page gets back for a query: figures, or the field errors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PlanOutcome {
    /// The scenario was valid.
    Figures(Box<Figures>),
    /// The input was rejected: one message per problem.
    Invalid(Vec<FieldMessage>),
}

/// Everything the form's pickers offer, from the catalog.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CatalogChoices {
    /// Catalog version, e.g. `2026-11`.
    pub catalog_version: String,
    /// (id, label) of each tier, with its targets in the label.
    pub tiers: Vec<(String, String)>,
    /// (id, label) of each region.
    pub regions: Vec<(String, String)>,
    /// (id, label) of each strategy.
    pub strategies: Vec<(String, String)>,
    /// (`provider/model`, label) of each chat model.
    pub chat_models: Vec<(String, String)>,
    /// (`provider/model`, label) of each embedding model.
    pub embedding_models: Vec<(String, String)>,
    /// (id, label) of each storage class.
    pub storage_classes: Vec<(String, String)>,
}

/// The answers of [`plan`] by query, when the server provides one as context.
#[cfg(feature = "ssr")]
pub type PlanCache = crate::cache::Cache<String, PlanOutcome>;

/// Decodes a page query (a share link, or the fields of the plain HTML form)
/// and estimates it.
#[server(prefix = "/fn", endpoint = "plan")]
pub async fn plan(query: String) -> Result<PlanOutcome, ServerFnError> {
    let catalog = expect_context::<std::sync::Arc<engine::Catalog>>();
    Ok(match use_context::<std::sync::Arc<PlanCache>>() {
        Some(cache) => PlanOutcome::clone(&cache.get_or_insert_with(&query, || plan_outcome(&catalog, &query))),
        None => plan_outcome(&catalog, &query),
    })
}

/// The catalog's choices for the form's pickers.
#[server(prefix = "/fn", endpoint = "catalog_choices")]
pub async fn fetch_catalog_choices() -> Result<CatalogChoices, ServerFnError> {
    let catalog = expect_context::<std::sync::Arc<engine::Catalog>>();
    Ok(options_of(&catalog))
}

/// The body of [`plan`], callable without the server-function machinery.
#[cfg(feature = "ssr")]
pub fn plan_outcome(catalog: &engine::Catalog, query: &str) -> PlanOutcome {
    let decoded = match decode_page_query(catalog, query) {
        Ok(decoded) => decoded,
        Err(error) => return PlanOutcome::Invalid(messages(error)),
    };
    let figures = engine::estimate(catalog, &decoded.scenario).and_then(|estimate| {
        let analyses = crate::components::results::Analyses::of(catalog, &decoded.scenario)?;
        Ok((estimate, analyses))
    });
    match figures {
        Ok((estimate, analyses)) => {
            let link = engine::link::encode(catalog, &decoded.scenario);
            PlanOutcome::Figures(Box::new(Figures {
                sections_html: crate::components::results::render(&decoded.scenario, &estimate, &analyses, &link),
                catalog_version: estimate.catalog_version,
                link,
                notices: decoded.notices,
            }))
        }
        Err(error) => PlanOutcome::Invalid(messages(error)),
    }
}

/// Reads a page query the way the planner does: a share link, or the fields
/// of the plain HTML form (providers split in three), into a validated scenario.
#[cfg(feature = "ssr")]
pub fn decode_page_query(catalog: &engine::Catalog, query: &str) -> engine::Result<engine::link::Decoded> {
    engine::link::decode(catalog, &crate::form::to_link_query(&crate::form::from_query(query)))
}

#[cfg(feature = "ssr")]
fn messages(error: engine::Error) -> Vec<FieldMessage> {
    match error {
        engine::Error::Invalid(errors) => errors
            .into_iter()
            .map(|e| FieldMessage {
                field: e.field,
                message: e.message,
            })
            .collect(),
        other => vec![FieldMessage {
            field: String::new(),
            message: other.to_string(),
        }],
    }
}

/// The body of [`fetch_catalog_choices`].
#[cfg(feature = "ssr")]
pub fn options_of(catalog: &engine::Catalog) -> CatalogChoices {
    use engine::present::duration_minutes;
    let models = |kind: engine::catalog::ModelKind| {
        catalog
            .models()
            .iter()
            .filter(|m| m.kind == kind)
            .map(|m| {
                let provider = catalog
                    .providers()
                    .iter()
                    .find(|p| p.id == m.provider)
                    .map(|p| p.name.as_str());
                (
                    format!("{}/{}", m.provider, m.model),
                    format!("{} – {}", provider.unwrap_or(&m.provider), m.name),
                )
            })
            .collect()
    };
    CatalogChoices {
        catalog_version: catalog.version().to_string(),
        tiers: catalog
            .tiers()
            .iter()
            .map(|t| {
                let label = format!(
                    "{} (RTO {}, RPO {})",
                    t.name,
                    duration_minutes(t.rto_minutes),
                    duration_minutes(t.rpo_minutes)
                );
                (t.id.clone(), label)
            })
            .collect(),
        regions: catalog
            .regions()
            .iter()
            .map(|r| (r.id.clone(), format!("{} ({})", r.name, r.id)))
            .collect(),
        strategies: catalog
            .strategies()
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect(),
        chat_models: models(engine::catalog::ModelKind::Chat),
        embedding_models: models(engine::catalog::ModelKind::Embedding),
        storage_classes: catalog
            .storage_classes()
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect(),
    }
}

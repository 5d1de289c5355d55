//! The server function the live planner calls: the form's fields in, the
//! results rendered to HTML (or the field errors) out. Its body runs only on
//! the server; the browser posts to `/fn/plan` and reads the JSON with its
//! own parser (see [`crate::live`]).

use engine::FieldError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The figures of a valid scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// The results column (share bar, notices, every section), rendered on
    /// the server from the engine's estimate.
    pub results_html: String,
    /// The canonical share-link query (no `?`).
    pub link: String,
}

/// What the page gets back for a query: figures, or the field errors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PlanOutcome {
    /// The scenario was valid.
    Figures(Box<Figures>),
    /// The input was rejected: one error per problem, named by link parameter.
    Invalid(Vec<FieldError>),
}

/// The answers of [`plan`] by (query, with analyses), when the server provides one as context.
#[cfg(feature = "ssr")]
pub type PlanCache = crate::cache::Cache<(String, bool), PlanOutcome>;

/// Reads a page query (a share link, or the fields of the plain HTML form)
/// and renders its results; with `full`, the analyses too (Monte Carlo,
/// designs, sensitivity: tens of milliseconds), else placeholders for them,
/// so the estimate reaches the page first.
#[server(prefix = "/fn", endpoint = "plan")]
pub async fn plan(query: String, full: bool) -> Result<PlanOutcome, ServerFnError> {
    Ok(cached_plan(&query, full))
}

/// [`plan_outcome`] with the catalog of the request's context, from the
/// server's cache when it provides one: the page and the server function
/// share the answers.
#[cfg(feature = "ssr")]
pub fn cached_plan(query: &str, full: bool) -> PlanOutcome {
    let catalog = expect_context::<std::sync::Arc<engine::Catalog>>();
    match use_context::<std::sync::Arc<PlanCache>>() {
        Some(cache) => PlanOutcome::clone(
            &cache.get_or_insert_with(&(query.to_owned(), full), || plan_outcome(&catalog, query, full)),
        ),
        None => plan_outcome(&catalog, query, full),
    }
}

/// The body of [`plan`], callable without the server-function machinery.
#[cfg(feature = "ssr")]
pub fn plan_outcome(catalog: &engine::Catalog, query: &str, full: bool) -> PlanOutcome {
    use crate::components::results::{self, Analyses};
    let decoded = match engine::link::Query::parse(query).decode(catalog) {
        Ok(decoded) => decoded,
        Err(error) => return PlanOutcome::Invalid(field_errors(error)),
    };
    // A link made with a released catalog this build still has is priced with it.
    let current = catalog;
    let catalog = decoded.catalog(current);
    let figures = engine::estimate(catalog, &decoded.scenario).and_then(|estimate| {
        let analyses = if full {
            Some(Analyses::of(catalog, &decoded.scenario)?)
        } else {
            None
        };
        Ok((estimate, analyses))
    });
    match figures {
        Ok((estimate, analyses)) => {
            let link = engine::link::encode(catalog, &decoded.scenario);
            // One click re-prices the same scenario with the current catalog.
            let reprice = decoded
                .priced_with
                .map(|_| format!("/?{}", engine::link::encode(current, &decoded.scenario)));
            PlanOutcome::Figures(Box::new(Figures {
                results_html: results::render(&decoded, &estimate, analyses.as_ref(), &link, reprice.as_deref()),
                link,
            }))
        }
        Err(error) => PlanOutcome::Invalid(field_errors(error)),
    }
}

/// An engine error as field errors; one without a field names none.
#[cfg(feature = "ssr")]
pub fn field_errors(error: engine::Error) -> Vec<FieldError> {
    match error {
        engine::Error::Invalid(errors) => errors,
        other => vec![FieldError::new("", "", other.to_string())],
    }
}

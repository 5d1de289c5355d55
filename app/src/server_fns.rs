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
    offloaded_plan(query, full).await
}

/// A plan's calculation, handed to the server's pool: it reads the flag
/// between and inside the engine's analyses, and answers
/// `Err(engine::Error::Cancelled)` once it is set.
#[cfg(feature = "ssr")]
pub type PlanJob = Box<dyn FnOnce(&engine::Cancel) -> Result<PlanOutcome, engine::Error> + Send>;

/// What [`Offload::run_plan`] answers: the job's answer, or `None` when the pool is full.
#[cfg(feature = "ssr")]
pub type PlanFuture =
    std::pin::Pin<Box<dyn std::future::Future<Output = Option<Result<PlanOutcome, engine::Error>>> + Send>>;

/// Where the server runs a plan's calculation: off the async workers, in a
/// bounded pool (`server/src/admission.rs`), provided as context. The app
/// cannot name the server's type, so it sees the pool through this trait.
#[cfg(feature = "ssr")]
pub trait Offload: Send + Sync {
    /// Runs `job` on a worker; dropping the future sets the job's flag.
    fn run_plan(&self, job: PlanJob) -> PlanFuture;
}

/// A plan the server computed in its pool for this request before rendering
/// the page, put in the request's extensions: the page then renders it
/// without running the engine on the async worker.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct Planned {
    /// The query it answers, as [`cached_plan`] is asked for it.
    pub query: String,
    /// Whether it holds the analyses.
    pub full: bool,
    /// The answer.
    pub outcome: std::sync::Arc<PlanOutcome>,
}

/// [`plan`]'s body: the server's cached answer when it holds one (no pool
/// needed), else the calculation in the pool, kept for the next asker. A
/// full pool is a 503, which the server writes as its usual JSON error.
#[cfg(feature = "ssr")]
async fn offloaded_plan(query: String, full: bool) -> Result<PlanOutcome, ServerFnError> {
    let catalog = expect_context::<std::sync::Arc<engine::Catalog>>();
    let cache = use_context::<std::sync::Arc<PlanCache>>();
    let key = (query, full);
    if let Some(hit) = cache.as_ref().and_then(|cache| cache.get(&key)) {
        return Ok(PlanOutcome::clone(&hit));
    }
    let Some(pool) = use_context::<std::sync::Arc<dyn Offload>>() else {
        return Ok(cached_plan(&key.0, full));
    };
    let query = key.0.clone();
    let job: PlanJob = Box::new(move |cancel| plan_outcome_until(&catalog, &query, full, cancel));
    match pool.run_plan(job).await {
        Some(Ok(outcome)) => Ok(match cache {
            Some(cache) => PlanOutcome::clone(&cache.insert(key, outcome)),
            None => outcome,
        }),
        // Cancelled: only once nobody waits for this answer any more.
        Some(Err(error)) => Err(unavailable(error.to_string())),
        None => Err(unavailable("busy".to_owned())),
    }
}

/// A server-function error answered 503 (the server rewrites its body).
#[cfg(feature = "ssr")]
fn unavailable(message: String) -> ServerFnError {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::SERVICE_UNAVAILABLE);
    }
    ServerFnError::new(message)
}

/// [`plan_outcome`] with the catalog of the request's context: the
/// [`Planned`] answer the server put in the request when it matches, else
/// from the server's cache when it provides one (the page and the server
/// function share the answers), else computed here.
#[cfg(feature = "ssr")]
pub fn cached_plan(query: &str, full: bool) -> PlanOutcome {
    let planned = use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get::<Planned>().cloned());
    if let Some(planned) = planned.filter(|p| p.query == query && p.full == full) {
        return PlanOutcome::clone(&planned.outcome);
    }
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
    match plan_outcome_until(catalog, query, full, &engine::Cancel::never()) {
        Ok(outcome) => outcome,
        Err(error) => PlanOutcome::Invalid(field_errors(error)),
    }
}

/// [`plan_outcome`], stopping with `Err(engine::Error::Cancelled)` once
/// `cancel` is set (the only error: the others are the outcome's field errors).
#[cfg(feature = "ssr")]
pub fn plan_outcome_until(
    catalog: &engine::Catalog,
    query: &str,
    full: bool,
    cancel: &engine::Cancel,
) -> Result<PlanOutcome, engine::Error> {
    use crate::components::results::{self, Analyses};
    let decoded = match engine::link::Query::parse(query).decode(catalog) {
        Ok(decoded) => decoded,
        Err(error) => return Ok(PlanOutcome::Invalid(field_errors(error))),
    };
    // A link made with a released catalog this build still has is priced with it.
    let current = catalog;
    let catalog = decoded.catalog(current);
    let figures = engine::estimate_until(catalog, &decoded.scenario, cancel).and_then(|estimate| {
        let analyses = if full {
            Some(Analyses::until(catalog, &decoded.scenario, cancel)?)
        } else {
            None
        };
        Ok((estimate, analyses))
    });
    Ok(match figures {
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
        Err(engine::Error::Cancelled) => return Err(engine::Error::Cancelled),
        Err(error) => PlanOutcome::Invalid(field_errors(error)),
    })
}

/// An engine error as field errors; one without a field names none.
#[cfg(feature = "ssr")]
pub fn field_errors(error: engine::Error) -> Vec<FieldError> {
    match error {
        engine::Error::Invalid(errors) => errors,
        other => vec![FieldError::new("", "", other.to_string())],
    }
}

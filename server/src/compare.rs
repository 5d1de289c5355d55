//! `/export/compare.csv`: two share links in, the rows that differ out. The
//! request is read by `app::comparison` (the page `/compare` is a Leptos
//! route that starts there too); the rows come from [`engine::compare`], so
//! the page and the CSV hold the same ones.

use axum::{
    extract::{RawQuery, State},
    response::Response,
    routing::get,
    Router,
};
use engine::compare::{compare, Side};
use engine::Report;

use crate::export;
use crate::{AppState, Result};

/// `/export/compare.csv` (the rows that differ).
pub fn router() -> Router<AppState> {
    Router::new().route("/export/compare.csv", get(compare_csv))
}

fn side(report: &Report) -> Side<'_> {
    Side {
        scenario: &report.scenario,
        estimate: &report.estimate,
    }
}

/// The rows that differ as CSV; both links are needed, and a wrong one is a
/// 400 whose fields name the link: `a.downtime_cost_per_hour`.
async fn compare_csv(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response> {
    // Two estimates, each with its design search: in the bounded pool.
    let pool = state.admission.clone();
    let [a, b] = pool
        .run(move |_| crate::api::analyses::read_pair(&state, raw.as_deref().unwrap_or_default()))
        .await??;
    let body = export::write_comparison(&compare(side(&a), side(&b)), &a, &b)?;
    let filename = export::compare_filename(&a.scenario.name, &b.scenario.name, &export::today());
    Ok(export::attachment(&filename, body))
}

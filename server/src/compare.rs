//! `/export/compare.csv`: two share links in, the rows that differ out. The
//! request is read by `app::comparison` (the page `/compare` is a Leptos
//! route that starts there too); the rows come from [`engine::compare`], so
//! the page and the CSV hold the same ones.

use app::comparison::{read_link, read_request, Link};
use axum::{
    extract::{RawQuery, State},
    response::Response,
    routing::get,
    Router,
};
use engine::compare::{compare, Side};
use engine::Report;

use crate::export;
use crate::{AppState, Error, Result};

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
    let request = read_request(raw.as_deref().unwrap_or_default());
    let mut errors = request.problems;
    let mut reports = Vec::new();
    for (label, pasted) in [("a", request.a), ("b", request.b)] {
        match read_link(&state.catalog, pasted.as_deref()) {
            Link::Valid(report) => reports.push(report),
            Link::Missing => errors.push(engine::FieldError::new(
                label,
                "",
                format!(
                    "{label} is missing: the share link of scenario {}",
                    label.to_uppercase()
                ),
            )),
            Link::Invalid { errors: found, .. } => errors.extend(found.into_iter().map(|e| {
                let message = format!("link {}: {}", label.to_uppercase(), e.message);
                engine::FieldError::new(format!("{label}.{}", e.field), "", message)
            })),
        }
    }
    let [a, b] = match <[Box<Report>; 2]>::try_from(reports) {
        Ok(both) if errors.is_empty() => both,
        _ => return Err(Error::BadRequest(errors)),
    };
    let body = export::write_comparison(&compare(side(&a), side(&b)), &a, &b)?;
    let filename = export::compare_filename(&a.scenario.name, &b.scenario.name, &export::today());
    Ok(export::attachment(&filename, body))
}

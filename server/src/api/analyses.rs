//! The analyses as JSON: the annual-loss distribution, the per-layer designs
//! and their frontier, the sensitivity table (each from a share-link query,
//! read by the same reader as the estimate) and the comparison of two links.
//!
//! They are separate routes because each costs more than an estimate; the
//! page, the CSV files and these answers call the same engine functions.

use app::comparison::{read_link, read_request, Link};
use axum::{
    extract::{RawQuery, State},
    Json,
};
use engine::compare::{compare, Side, Value};
use engine::Report;
use serde::Serialize;

use crate::scenario_query::ScenarioQuery;
use crate::{AppState, Error, Result};

/// An analysis of one scenario with the link it was computed from.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Analysis<T> {
    /// The canonical share-link query of the scenario (no leading `?`).
    pub share_link: String,
    /// Sentences for the reader, e.g. that prices changed since the link was made.
    pub notices: Vec<String>,
    /// The analysis.
    pub result: T,
}

/// The analysis `run` makes of the query's scenario, priced with the catalog
/// the link was made with when this build still has it; in the bounded
/// calculation pool, stopped if the request is dropped.
async fn analyse<T: Send + 'static>(
    state: &AppState,
    decoded: engine::link::Decoded,
    run: fn(&engine::Catalog, &engine::Scenario, &engine::Cancel) -> engine::Result<T>,
) -> Result<Json<Analysis<T>>> {
    let current = state.catalog.clone();
    let analysis = state
        .admission
        .run(move |cancel| {
            let catalog = decoded.catalog(&current);
            let result = run(catalog, &decoded.scenario, cancel)?;
            Ok::<_, Error>(Analysis {
                share_link: engine::link::encode(catalog, &decoded.scenario),
                notices: decoded.notices,
                result,
            })
        })
        .await??;
    Ok(Json(analysis))
}

/// The annual loss without DR and under every strategy.
#[utoipa::path(
    get,
    path = "/api/v1/loss",
    tag = "analyses",
    responses(
        (status = 200, description = "The annual-loss distribution of every plan", body = Analysis<engine::Simulation>),
        (status = 400, description = "A parameter is unknown, repeated, unreadable or out of range", body = crate::error::ErrorBody),
        (status = 503, description = "Every calculation worker is busy: try again after the Retry-After seconds", body = crate::error::ErrorBody),
    )
)]
pub(crate) async fn loss(
    State(state): State<AppState>,
    ScenarioQuery(decoded): ScenarioQuery,
) -> Result<Json<Analysis<engine::Simulation>>> {
    analyse(&state, decoded, engine::simulate_until).await
}

/// Every per-layer design, its monthly cost and RTO/RPO, and the cost/RTO frontier.
#[utoipa::path(
    get,
    path = "/api/v1/designs",
    tag = "analyses",
    responses(
        (status = 200, description = "Every design of the search and the frontier", body = Analysis<engine::Optimization>),
        (status = 400, description = "A parameter is unknown, repeated, unreadable or out of range", body = crate::error::ErrorBody),
        (status = 503, description = "Every calculation worker is busy: try again after the Retry-After seconds", body = crate::error::ErrorBody),
    )
)]
pub(crate) async fn designs(
    State(state): State<AppState>,
    ScenarioQuery(decoded): ScenarioQuery,
) -> Result<Json<Analysis<engine::Optimization>>> {
    analyse(&state, decoded, engine::optimize_until).await
}

/// How much each input moves the break-even and the chosen plan's cost.
#[utoipa::path(
    get,
    path = "/api/v1/sensitivity",
    tag = "analyses",
    responses(
        (status = 200, description = "The sensitivity table", body = Analysis<engine::Sensitivity>),
        (status = 400, description = "A parameter is unknown, repeated, unreadable or out of range", body = crate::error::ErrorBody),
        (status = 503, description = "Every calculation worker is busy: try again after the Retry-After seconds", body = crate::error::ErrorBody),
    )
)]
pub(crate) async fn sensitivity(
    State(state): State<AppState>,
    ScenarioQuery(decoded): ScenarioQuery,
) -> Result<Json<Analysis<engine::Sensitivity>>> {
    analyse(&state, decoded, engine::sensitivity_until).await
}

/// Two scenarios side by side.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ComparisonResponse {
    /// Scenario A's canonical share link, as a path (`/?v=2&…`).
    pub a: String,
    /// Scenario B's canonical share link.
    pub b: String,
    /// Every input and figure of both, in the comparison page's order.
    pub rows: Vec<ComparisonRow>,
}

/// One input or figure of both scenarios.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ComparisonRow {
    /// Group of rows, e.g. `Inputs`, `Plans`, `Strategy: Warm standby`.
    pub section: String,
    /// What the row is, e.g. `Cost of one hour of downtime`.
    pub item: String,
    /// Unit of both values: a currency code for money, `minutes`, `hours`, `%`, `×`, a parameter's unit, or empty for words.
    pub unit: String,
    /// The link parameter of an input row; empty for figures.
    pub parameter: String,
    /// Scenario A's value as text (money and numbers exact, e.g. `7800.00`); null when A has none.
    pub a: Option<String>,
    /// Scenario B's value, written the same way.
    pub b: Option<String>,
    /// Whether the two values differ (the rows the page highlights and the CSV holds).
    pub differs: bool,
    /// B − A when both are numbers of the same kind, exact.
    #[schema(value_type = Option<String>)]
    pub difference: Option<rust_decimal::Decimal>,
    /// (B − A) ÷ |A| × 100, to 0.1; null when A is zero or the row is itself a percentage.
    #[schema(value_type = Option<String>)]
    pub difference_percent: Option<rust_decimal::Decimal>,
}

fn value(v: &Value) -> Option<String> {
    match v {
        Value::Money(money, _) => Some(money.to_decimal().to_string()),
        Value::Number(n) => Some(n.normalize().to_string()),
        Value::Text(text) => Some(text.clone()),
        Value::Absent => None,
    }
}

/// Scenario A (`a`, a share link or its query) against scenario B (`b`).
#[utoipa::path(
    get,
    path = "/api/v1/compare",
    tag = "analyses",
    params(
        ("a" = String, Query, description = "Scenario A: a share link (`https://…/?v=2&…`) or its query, percent-encoded"),
        ("b" = String, Query, description = "Scenario B, written the same way"),
    ),
    responses(
        (status = 200, description = "Every input and figure of both scenarios", body = ComparisonResponse),
        (status = 400, description = "a or b is missing or not a valid link; fields are named a.<parameter> or b.<parameter>", body = crate::error::ErrorBody),
        (status = 503, description = "Every calculation worker is busy: try again after the Retry-After seconds", body = crate::error::ErrorBody),
    )
)]
pub(crate) async fn comparison(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<ComparisonResponse>> {
    // Two estimates, each with its design search: in the bounded pool.
    let pool = state.admission.clone();
    let [a, b] = pool
        .run(move |_| read_pair(&state, raw.as_deref().unwrap_or_default()))
        .await??;
    let rows = compare(side(&a), side(&b))
        .rows
        .iter()
        .map(|row| ComparisonRow {
            section: row.section.clone(),
            item: row.item.clone(),
            unit: row.unit.clone(),
            parameter: row.parameter.clone(),
            a: value(&row.a),
            b: value(&row.b),
            differs: row.differs(),
            difference: row.difference.as_ref().map(|d| d.amount),
            difference_percent: row.difference.as_ref().and_then(|d| d.percent),
        })
        .collect();
    Ok(Json(ComparisonResponse {
        a: a.share_link.clone(),
        b: b.share_link.clone(),
        rows,
    }))
}

fn side(r: &Report) -> Side<'_> {
    Side {
        scenario: &r.scenario,
        estimate: &r.estimate,
    }
}

/// Both links of a comparison request, or a 400 naming each problem
/// (`a`, `b`, or `a.<parameter>` inside a link), as `/export/compare.csv` answers.
pub(crate) fn read_pair(state: &AppState, raw: &str) -> Result<[Box<Report>; 2]> {
    let request = read_request(raw);
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
    match <[Box<Report>; 2]>::try_from(reports) {
        Ok(both) if errors.is_empty() => Ok(both),
        _ => Err(Error::BadRequest(errors)),
    }
}

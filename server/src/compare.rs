//! `/compare` and `/export/compare.csv`: two share links in, the two
//! scenarios side by side out. The rows come from [`engine::compare`], so the
//! page and the CSV hold the same ones; the page's HTML comes from
//! `app::components::compare`; this module reads the request and picks the answer.

use app::components::compare::{comparison_page, link_form, Given, Named};
use app::server_fns::{decode_page_query, FieldMessage};
use axum::{
    extract::{RawQuery, State},
    http::StatusCode,
    response::{Html, IntoResponse, Response},
    routing::get,
    Router,
};
use engine::compare::{compare, Comparison, Side};

use crate::export::{self, Report};
use crate::reference::page;
use crate::{AppState, Error, Result};

/// `/compare` (the page) and `/export/compare.csv` (the rows that differ).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/compare", get(compare_page))
        .route("/export/compare.csv", get(compare_csv))
}

/// The request: each link as given, whether only differing rows are wanted,
/// and the problems of the request itself (unknown or repeated parameters).
struct Request {
    a: Option<String>,
    b: Option<String>,
    only_differences: bool,
    problems: Vec<FieldMessage>,
}

fn problem(field: &str, message: String) -> FieldMessage {
    FieldMessage {
        field: field.to_owned(),
        message,
    }
}

/// Reads `a`, `b` and `only`; each link is one percent-encoded value.
fn read_request(raw: &str) -> Request {
    let mut request = Request {
        a: None,
        b: None,
        only_differences: false,
        problems: Vec::new(),
    };
    let mut seen: Vec<String> = Vec::new();
    for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
        // `=x` has a parameter with no name: say so, or the message starts with nothing.
        let shown = if name.is_empty() {
            "a parameter with no name".to_owned()
        } else {
            name.to_string()
        };
        if seen.contains(&name.to_string()) {
            let message = format!("{shown} is given twice; /compare takes one link as a and one as b");
            request.problems.push(problem(&name, message));
            continue;
        }
        seen.push(name.to_string());
        let value = value.trim().to_owned();
        match name.as_ref() {
            "a" => request.a = (!value.is_empty()).then_some(value),
            "b" => request.b = (!value.is_empty()).then_some(value),
            "only" if value == "diff" || value.is_empty() => request.only_differences = value == "diff",
            "only" => request.problems.push(problem(
                "only",
                format!("only={value:?} is not allowed; only=diff shows only the rows that differ"),
            )),
            // Most often a link pasted into the address without encoding: its
            // own parameters then look like the page's.
            other => request.problems.push(problem(
                other,
                format!(
                    "{shown} is not a parameter of /compare, which takes a, b and only; \
                     each link must be percent-encoded as one value (the form does that)"
                ),
            )),
        }
    }
    request
}

/// One side: missing, or its link read the way the planner reads its address and estimated.
enum Link {
    Missing,
    Valid(Box<Report>),
    Invalid { pasted: String, errors: Vec<FieldMessage> },
}

fn read_link(catalog: &engine::Catalog, pasted: Option<&str>) -> Result<Link> {
    let Some(pasted) = pasted else {
        return Ok(Link::Missing);
    };
    let report = decode_page_query(catalog, engine::link::query_of(pasted))
        .map_err(Error::from)
        .and_then(|decoded| Report::new(catalog, decoded));
    match report {
        Ok(report) => Ok(Link::Valid(Box::new(report))),
        Err(Error::BadRequest(errors) | Error::Unprocessable(errors)) => Ok(Link::Invalid {
            pasted: pasted.to_owned(),
            errors: errors.into_iter().map(|e| problem(&e.field, e.message)).collect(),
        }),
        Err(internal) => Err(internal),
    }
}

fn named(report: &Report) -> Named {
    Named {
        name: report.scenario.name.clone(),
        share_link: report.share_link.clone(),
        notices: report.notices.clone(),
    }
}

fn given(link: &Link) -> Given {
    match link {
        Link::Missing => Given::Missing,
        Link::Valid(report) => Given::Valid(named(report)),
        Link::Invalid { pasted, errors } => Given::Invalid {
            pasted: pasted.clone(),
            errors: errors.clone(),
        },
    }
}

fn side(report: &Report) -> Side<'_> {
    Side {
        scenario: &report.scenario,
        estimate: &report.estimate,
    }
}

fn comparison(a: &Report, b: &Report) -> Comparison {
    compare(side(a), side(b))
}

/// The page: the comparison when both links are valid; else the form, with
/// a 400 when a link or the request is wrong and a 200 when one is only missing.
async fn compare_page(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response> {
    let request = read_request(raw.as_deref().unwrap_or_default());
    let a = read_link(&state.catalog, request.a.as_deref())?;
    let b = read_link(&state.catalog, request.b.as_deref())?;
    if let (Link::Valid(a), Link::Valid(b), true) = (&a, &b, request.problems.is_empty()) {
        let body = comparison_page(&comparison(a, b), &named(a), &named(b), request.only_differences);
        let title = format!("Compare {} with {}", a.scenario.name, b.scenario.name);
        return Ok(Html(page(&state, &title, "reference compare", &body)).into_response());
    }
    let wrong = [&a, &b].iter().any(|l| matches!(l, Link::Invalid { .. })) || !request.problems.is_empty();
    let (status, title) = if wrong {
        (StatusCode::BAD_REQUEST, "Compare: a link is not valid")
    } else {
        (StatusCode::OK, "Compare two scenarios")
    };
    let body = link_form(&given(&a), &given(&b), &request.problems);
    Ok((status, Html(page(&state, title, "reference compare", &body))).into_response())
}

/// The rows that differ as CSV; both links are needed, and a wrong one is a
/// 400 whose fields name the link: `a.downtime_cost_per_hour`.
async fn compare_csv(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response> {
    let request = read_request(raw.as_deref().unwrap_or_default());
    let mut errors: Vec<engine::FieldError> = request
        .problems
        .into_iter()
        .map(|p| engine::FieldError::new(p.field, "", p.message))
        .collect();
    let mut reports = Vec::new();
    for (label, pasted) in [("a", request.a), ("b", request.b)] {
        match read_link(&state.catalog, pasted.as_deref())? {
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
    let body = export::write_comparison(&comparison(&a, &b), &a, &b)?;
    let filename = export::compare_filename(&a.scenario.name, &b.scenario.name, &export::today());
    Ok(export::attachment(&filename, body))
}

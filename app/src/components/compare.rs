//! The comparison page `/compare?a=<link>&b=<link>`: two scenarios side by
//! side, every row that differs marked, and the form that asks for a link
//! when one is missing or wrong (200 when one is only missing, 400 when a
//! link or the request is wrong). A Leptos route; it needs no script.

use engine::compare::{Comparison, Row, Value, HOURS, MINUTES, PERCENT, TIMES};
use engine::Money;
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::form::compare_href;
use engine::present as format;
use engine::FieldError;

/// `/compare`.
#[component]
pub fn ComparePage() -> impl IntoView {
    use crate::comparison::{read_link, read_request, Link};
    use engine::compare::{compare, Side};

    let raw = leptos_router::hooks::use_location().search.get_untracked();
    let catalog = expect_context::<std::sync::Arc<engine::Catalog>>();
    let request = read_request(&raw);
    let a = read_link(&catalog, request.a.as_deref());
    let b = read_link(&catalog, request.b.as_deref());
    let named = |r: &engine::Report| Named {
        name: r.scenario.name.clone(),
        share_link: r.share_link.clone(),
        notices: r.notices.clone(),
    };
    let given = |link: &Link| match link {
        Link::Missing => Given::Missing,
        Link::Valid(report) => Given::Valid(named(report)),
        Link::Invalid { pasted, errors } => Given::Invalid {
            pasted: pasted.clone(),
            errors: errors.clone(),
        },
    };
    fn side(r: &engine::Report) -> Side<'_> {
        Side {
            scenario: &r.scenario,
            estimate: &r.estimate,
        }
    }
    let (title, body) = match (&a, &b, request.problems.is_empty()) {
        (Link::Valid(a), Link::Valid(b), true) => (
            format!("Compare {} with {}", a.scenario.name, b.scenario.name),
            comparison_page(
                &compare(side(a), side(b)),
                &named(a),
                &named(b),
                request.only_differences,
            ),
        ),
        _ => {
            let wrong = [&a, &b].iter().any(|l| matches!(l, Link::Invalid { .. })) || !request.problems.is_empty();
            if wrong {
                if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                    response.set_status(http::StatusCode::BAD_REQUEST);
                }
            }
            let title = if wrong {
                "Compare: a link is not valid"
            } else {
                "Compare two scenarios"
            };
            (title.to_owned(), link_form(&given(&a), &given(&b), &request.problems))
        }
    };
    view! {
        <leptos_meta::Title text=format!("{title} · drplan") />
        <super::layout::Masthead title=title />
        <main class="reference compare">{body}</main>
    }
}

/// One scenario of the comparison, as the page names and links it.
#[derive(Clone, Debug, PartialEq)]
pub struct Named {
    /// The scenario's name.
    pub name: String,
    /// Its canonical share link as a path, `/?v=1&…`.
    pub share_link: String,
    /// What the reader should know about the link, e.g. that prices changed since it was made.
    pub notices: Vec<String>,
}

/// What the request gave for one of the two links.
#[derive(Clone, Debug, PartialEq)]
pub enum Given {
    /// Nothing (or only spaces): the form asks for it.
    Missing,
    /// A link that decodes to a valid scenario.
    Valid(Named),
    /// A link that does not: what was pasted and every problem, by parameter.
    Invalid {
        /// The text as pasted, so the form can show it for correcting.
        pasted: String,
        /// Each problem, naming the link parameter and what is allowed.
        errors: Vec<FieldError>,
    },
}

/// The comparison of `a` and `b` as the page's main content (HTML); with
/// `only_differences` the rows that are the same are left out.
pub fn comparison_page(comparison: &Comparison, a: &Named, b: &Named, only_differences: bool) -> AnyView {
    let differing = comparison.differences().count();
    let inputs_differing = comparison.differences().filter(|r| !r.parameter.is_empty()).count();
    let total = comparison.rows.len();
    let toggle = if only_differences {
        view! { <a id="show-all" href=compare_href(&a.share_link, Some(&b.share_link), false)>"Show every row"</a> }
    } else {
        view! {
            <a id="show-differences" href=compare_href(&a.share_link, Some(&b.share_link), true)>
                "Show only the differences"
            </a>
        }
    };
    let csv_href =
        compare_href(&a.share_link, Some(&b.share_link), false).replacen("/compare", "/export/compare.csv", 1);
    let summary = if differing == 0 {
        "A and B are the same: no input and no figure differs.".to_string()
    } else {
        format!(
            "{differing} of {total} rows differ: {} and {}.",
            counted(inputs_differing, "input"),
            counted(differing - inputs_differing, "figure")
        )
    };
    let head = view! {
        <section class="compare-sides" aria-label="The two scenarios">
            {side_card("A", a)}
            {side_card("B", b)}
        </section>
        <p class="compare-summary" id="compare-summary" role="status">{summary}</p>
        <p class="compare-actions">
            {toggle}
            <a class="csv" id="compare-csv" href=csv_href download>"Download the differences (CSV)"</a>
            <a href=compare_href(&b.share_link, Some(&a.share_link), only_differences)>"Swap A and B"</a>
            <a href=compare_href(&a.share_link, None, false)>"Compare A with another scenario"</a>
        </p>
    };
    let sections = sections(comparison, only_differences)
        .into_iter()
        .map(|(section, rows)| {
            let rows = rows.into_iter().map(row_view).collect_view();
            view! {
                <tbody>
                    <tr class="group"><th colspan="4" scope="colgroup">{section}</th></tr>
                    {rows}
                </tbody>
            }
        })
        .collect_view();
    let table = view! {
        <div class="table-scroll">
            <table class="figures-table compare-table" id="comparison">
                <caption>
                    {if only_differences {
                        "The inputs and figures that differ between A and B"
                    } else {
                        "Every input and figure of A and B; rows that differ are marked “differs”"
                    }}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Input or figure"</th>
                        <th scope="col" class="num">{format!("A: {}", a.name)}</th>
                        <th scope="col" class="num">{format!("B: {}", b.name)}</th>
                        <th scope="col" class="num">"Difference (B − A)"</th>
                    </tr>
                </thead>
                {sections}
            </table>
        </div>
    };
    view! { {head.into_any()} {table.into_any()} }.into_any()
}

/// The rows to show, grouped by section in order; sections with no row to show are left out.
fn sections(comparison: &Comparison, only_differences: bool) -> Vec<(String, Vec<&Row>)> {
    let mut sections: Vec<(String, Vec<&Row>)> = Vec::new();
    for row in comparison.rows.iter().filter(|r| !only_differences || r.differs()) {
        match sections.last_mut() {
            Some((section, rows)) if *section == row.section => rows.push(row),
            _ => sections.push((row.section.clone(), vec![row])),
        }
    }
    sections
}

fn side_card(label: &'static str, side: &Named) -> impl IntoView {
    let notices = side.notices.clone();
    view! {
        <div class="panel compare-side" id=format!("side-{}", label.to_lowercase())>
            <p class="side-label">{format!("Scenario {label}")}</p>
            <h2>{side.name.clone()}</h2>
            <a href=side.share_link.clone()>{format!("Open {label} in the planner")}</a>
            {(!notices.is_empty()).then(|| view! {
                <ul class="notices" role="status">{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            })}
        </div>
    }
}

fn row_view(row: &Row) -> impl IntoView {
    let differs = row.differs();
    let unit = unit_note(row).map(|unit| view! { " " <span class="unit">{format!("({unit})")}</span> });
    view! {
        <tr class:differs=differs>
            <th scope="row">
                {row.item.clone()}
                {unit}
                {differs.then(|| view! { " " <span class="badge differs">"differs"</span> })}
            </th>
            // The labels head the cells where a phone shows rows as cards.
            <td class="num" data-label="A">{show(&row.a, &row.unit)}</td>
            <td class="num" data-label="B">{show(&row.b, &row.unit)}</td>
            // Nothing at all when the same, so a phone's card can leave the line out.
            <td class="num" data-label="B − A">{Some(difference(row)).filter(|d| !d.is_empty())}</td>
        </tr>
    }
}

/// The unit to write after the item, for values shown as bare numbers
/// (money, durations, hours, percentages and multiples carry their own).
fn unit_note(row: &Row) -> Option<&str> {
    let unit = row.unit.as_str();
    let money = matches!(row.a, Value::Money(..)) || matches!(row.b, Value::Money(..));
    let self_describing = [MINUTES, HOURS, PERCENT, TIMES, ""].contains(&unit);
    (!money && !self_describing).then_some(unit)
}

fn show_number(value: Decimal, unit: &str) -> String {
    match unit {
        MINUTES => format::duration_minutes(value),
        HOURS => format!("{} h", format::hours(value)),
        PERCENT => format::percent(value),
        TIMES => format::multiple(value),
        _ => format::decimal(value),
    }
}

fn show(value: &Value, unit: &str) -> String {
    match value {
        Value::Money(amount, currency) => format::money(*amount, currency),
        Value::Number(number) => show_number(*number, unit),
        Value::Text(text) => text.clone(),
        Value::Absent => "–".to_string(),
    }
}

/// `+$15,000.00 (+100.0 %)`, `−3.12 h (−50.0 %)`, `+2.5 points`; words when
/// the values differ but do not subtract; nothing when they are the same.
fn difference(row: &Row) -> String {
    let Some(d) = &row.difference else {
        return match (&row.a, &row.b) {
            _ if !row.differs() => String::new(),
            (Value::Money(..), Value::Money(..)) => "different currencies".to_string(),
            _ => "changed".to_string(),
        };
    };
    if !row.differs() {
        return String::new();
    }
    let magnitude = match (&row.a, row.unit.as_str()) {
        (Value::Money(_, currency), _) => format::money(Money::new(d.amount.abs()), currency),
        (_, PERCENT) => format!("{} points", format::percent(d.amount.abs()).trim_end_matches(" %")),
        (_, unit) => show_number(d.amount.abs(), unit),
    };
    let sign = if d.amount.is_sign_negative() { "−" } else { "+" };
    match d.percent {
        Some(p) => format!("{sign}{magnitude} ({})", signed_percent(p)),
        None => format!("{sign}{magnitude}"),
    }
}

fn signed_percent(p: Decimal) -> String {
    let sign = if p.is_sign_negative() { "−" } else { "+" };
    format!("{sign}{}", format::percent(p.abs()))
}

/// The form asking for the links (HTML): a valid link is named with a way
/// to open it, a wrong one is kept for correcting with every problem listed,
/// and `problems` are those of the request itself (not of either link).
pub fn link_form(a: &Given, b: &Given, problems: &[FieldError]) -> AnyView {
    let first_to_fill = if matches!(a, Given::Valid(_)) { "b" } else { "a" };
    let banner = invalid_summary(a, b, problems);
    let tip = match (a, b) {
        (Given::Valid(named), Given::Missing) => Some(view! {
            <p class="lede">
                "To make B, "
                <a href=named.share_link.clone() target="_blank" rel="noopener">"open a copy of A in the planner"</a>
                ", change what you want to compare, and paste its share link here."
            </p>
        }),
        _ => None,
    };
    view! {
        <section class="panel compare-form" aria-labelledby="compare-form-heading">
            <h2 id="compare-form-heading">"Compare two scenarios"</h2>
            {banner}
            <p class="lede">
                "Paste the share link of each scenario: the planner's address, or what its "
                <em>"Copy link"</em>
                " gives. Every input and figure is shown side by side, and what differs is marked."
            </p>
            {tip}
            <form method="get" action="/compare">
                {link_field("a", "A", a, first_to_fill == "a")}
                {link_field("b", "B", b, first_to_fill == "b")}
                <div class="form-actions">
                    <button type="submit">"Compare"</button>
                    <a href="/" rel="external">"Back to the planner"</a>
                </div>
            </form>
        </section>
    }
    .into_any()
}

/// "Link B is not a valid scenario." and the request's own problems, at the top of the form.
fn invalid_summary(a: &Given, b: &Given, problems: &[FieldError]) -> Option<impl IntoView> {
    let mut lines: Vec<String> = [("A", a), ("B", b)]
        .into_iter()
        .filter_map(|(label, given)| match given {
            Given::Invalid { errors, .. } => {
                let fields: Vec<&str> = errors
                    .iter()
                    .map(|e| e.field.as_str())
                    .filter(|f| !f.is_empty())
                    .collect();
                Some(format!(
                    "Link {label} is not a valid scenario: {} ({}); see below.",
                    counted(errors.len(), "problem"),
                    fields.join(", ")
                ))
            }
            _ => None,
        })
        .collect();
    lines.extend(problems.iter().map(|p| p.message.clone()));
    (!lines.is_empty()).then(|| {
        view! {
            <div class="stale-banner" role="alert" id="compare-errors">
                <ul class="error-list">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            </div>
        }
    })
}

/// `1 input`, `3 inputs`.
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn link_field(name: &'static str, label: &'static str, given: &Given, focus: bool) -> impl IntoView {
    let (value, hint, errors) = match given {
        Given::Missing => (
            String::new(),
            view! { "A whole address (http://…/?v=1&…), a path (/?v=1&…) or just the query." }.into_any(),
            Vec::new(),
        ),
        Given::Valid(named) => (
            named.share_link.clone(),
            view! {
                {format!("Scenario {label}: “{}”. ", named.name)}
                <a href=named.share_link.clone()>{format!("Open {label} in the planner")}</a>
            }
            .into_any(),
            Vec::new(),
        ),
        Given::Invalid { pasted, errors } => (
            pasted.clone(),
            view! { {format!("Link {label} is not a valid scenario; fix it here or paste another.")} }.into_any(),
            errors.clone(),
        ),
    };
    let invalid = !errors.is_empty();
    let error_list = errors
        .into_iter()
        .map(|e| {
            let field = if e.field.is_empty() {
                None
            } else {
                Some(view! { <code>{e.field}</code> ": " })
            };
            view! { <li>{field}{e.message}</li> }
        })
        .collect_view();
    view! {
        <div class="field" class:invalid=invalid>
            <label for=name>{format!("Share link of scenario {label}")}</label>
            <input
                id=name
                name=name
                type="text"
                autocomplete="off"
                spellcheck="false"
                value=value
                autofocus=focus
                aria-invalid=invalid.to_string()
                aria-describedby=format!("{name}-hint {name}-errors")
            />
            <p class="hint" id=format!("{name}-hint")>{hint}</p>
            <ul class="error-list" id=format!("{name}-errors")>{error_list}</ul>
        </div>
    }
}

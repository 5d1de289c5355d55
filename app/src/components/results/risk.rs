//! The risk matrix: a likelihood × impact grid and the ALE table.

use engine::{Estimate, RiskRow, IMPACT_BANDS, LIKELIHOOD_BANDS};
use leptos::prelude::*;

use super::CsvLink;
use engine::present;

/// The priority class of a grid cell, from the highest priority placed in it.
fn cell_class(rows: &[&RiskRow]) -> String {
    match rows.iter().map(|r| r.priority).max() {
        Some(priority) => format!("cell p{priority}"),
        None => "cell empty".into(),
    }
}

/// Impact down the side (worst on top), likelihood along the bottom; each
/// failure scenario written in its cell with its priority, so colour is never
/// the only signal.
#[component]
fn RiskGrid(rows: Vec<RiskRow>) -> impl IntoView {
    let body = (0..IMPACT_BANDS.len())
        .rev()
        .map(|impact| {
            let cells = (0..LIKELIHOOD_BANDS.len())
                .map(|likelihood| {
                    let here: Vec<&RiskRow> = rows
                        .iter()
                        .filter(|r| r.impact_band() == impact && r.likelihood_band() == likelihood)
                        .collect();
                    let class = cell_class(&here);
                    let names = here
                        .iter()
                        .map(|r| view! { <li>{format!("{} (P{})", r.name, r.priority)}</li> })
                        .collect_view();
                    view! { <td class=class><ul>{names}</ul></td> }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{IMPACT_BANDS[impact]}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="risk-grid" id="risk-grid">
            <caption>"Likelihood × impact (P = priority, 5 highest)"</caption>
            <thead>
                <tr>
                    <th scope="col">"Impact ↓ / Likelihood →"</th>
                    {LIKELIHOOD_BANDS.iter().map(|band| view! { <th scope="col">{*band}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}

/// The risk section: the grid, then the table with ALE without and with DR.
#[component]
pub fn RiskSection(estimate: Estimate, link: String) -> impl IntoView {
    let currency = estimate.currency.code.clone();
    let money = |m| present::money(m, &currency);
    let risk = estimate.risk.clone();
    let rows = risk
        .rows
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{r.name.clone()}</th>
                    <td>{r.likelihood.clone()}</td>
                    <td>{r.impact.clone()}</td>
                    <td class="num">{r.priority}</td>
                    <td class="num">{r.events_per_year.normalize().to_string()}</td>
                    <td class="num">{present::hours(r.hours_without)}</td>
                    <td class="num">{present::hours(r.hours_with)}</td>
                    <td class="num">{money(r.ale_without)}</td>
                    <td class="num">{money(r.ale_with)}</td>
                    <td class="num">{money(r.fallback_cost)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="risk-heading">
            <div class="panel-head">
                <h2 id="risk-heading">"Risk matrix"</h2>
                <CsvLink path="/export/risk.csv" link=link what="the risk matrix" />
            </div>
            <p class="lede">
                "Annualized loss (ALE = events a year × loss per event): "
                <strong id="ale-without">{money(risk.ale_without)}</strong>" without DR, "
                <strong id="ale-with">{money(risk.ale_with)}</strong>" with your plan. While a fallback provider carries the traffic it may cost more than the primary: "
                {money(risk.fallback_cost)}" a year at its prices."
            </p>
            <div class="table-scroll">
                <RiskGrid rows=risk.rows.clone() />
            </div>
            <div class="table-scroll">
                <table class="figures-table" id="risk-table">
                    <caption>"Failure scenarios, expected loss a year"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Failure"</th>
                            <th scope="col">"Likelihood"</th>
                            <th scope="col">"Impact"</th>
                            <th scope="col" class="num">"Priority"</th>
                            <th scope="col" class="num">"Events a year"</th>
                            <th scope="col" class="num">"Hours per event without DR"</th>
                            <th scope="col" class="num">"with DR"</th>
                            <th scope="col" class="num">"ALE without DR"</th>
                            <th scope="col" class="num">"ALE with DR"</th>
                            <th scope="col" class="num">"Fallback's extra spend a year"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="7">"Total"</th>
                            <td class="num">{money(risk.ale_without)}</td>
                            <td class="num">{money(risk.ale_with)}</td>
                            <td class="num" id="fallback-cost">{money(risk.fallback_cost)}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        </section>
    }
}

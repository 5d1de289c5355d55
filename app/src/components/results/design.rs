//! The per-layer design section: the cheapest mix of recovery modes that
//! meets the targets, and the cost/RTO frontier of all mixes.

use engine::optimizer::{Design, Optimization};
use engine::Money;
use leptos::prelude::*;

use super::{ChartFigure, CsvLink};
use engine::present;

/// The search, the cheapest feasible design layer by layer, and the frontier.
#[component]
pub fn LayerDesign(optimization: Optimization, currency: String, link: String) -> impl IntoView {
    let money = |m: Money| present::money(m, &currency);
    let targets = optimization.targets;
    let sizes: Vec<String> = optimization.layers.iter().map(|l| l.modes.len().to_string()).collect();
    let layer_names: Vec<&str> = optimization.layers.iter().map(|l| l.layer.label()).collect();
    let search = format!(
        "Each layer ({}) picks its own recovery mode: {} = {} designs, every one evaluated. \
         {} meet both targets (RTO {}, RPO {}).",
        layer_names.join(", "),
        sizes.join(" × "),
        present::count(optimization.search_space.into()),
        present::count(optimization.feasible.into()),
        present::duration_minutes(targets.rto_minutes),
        present::duration_minutes(targets.rpo_minutes),
    );
    let cheapest = match &optimization.cheapest {
        Some(design) => cheapest_table(design, optimization.fixed_monthly, &money).into_any(),
        None => view! {
            <p class="warning" id="design-none">
                "No mix of layer modes meets both targets: the frontier below shows what each extra \
                 dollar buys in recovery time."
            </p>
        }
        .into_any(),
    };
    let frontier_rows = optimization
        .frontier
        .iter()
        .map(|d| {
            let modes = d
                .modes
                .iter()
                .map(|m| view! { <li><strong>{m.layer.label()}</strong>": "{m.name.clone()}</li> })
                .collect_view();
            let meets = d.meets_rto && d.meets_rpo;
            view! {
                <tr class:recommended=meets>
                    <td class="num">{money(d.monthly)}</td>
                    <td class="num">{money(d.annual)}</td>
                    <td class="num">{present::duration_minutes(d.rto_minutes)}</td>
                    <td class="num">{present::duration_minutes(d.rpo_minutes)}</td>
                    <td>{if meets { "✓ both" } else if d.meets_rto { "RTO only" } else if d.meets_rpo { "RPO only" } else { "✗ neither" }}</td>
                    <td><ul class="modes">{modes}</ul></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="design-heading">
            <div class="panel-head">
                <h2 id="design-heading">"Per-layer design"</h2>
                <CsvLink path="/export/designs.csv" link=link.clone() what="the per-layer designs" />
            </div>
            <p class="lede" id="design-search">{search}</p>
            {cheapest}
            <div class="table-scroll">
                <table class="figures-table" id="design-frontier">
                    <caption>"Cost against recovery time: designs no other design beats on both"</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="num">"Monthly"</th>
                            <th scope="col" class="num">"Annual"</th>
                            <th scope="col" class="num">"RTO"</th>
                            <th scope="col" class="num">"RPO"</th>
                            <th scope="col">"Targets"</th>
                            <th scope="col">"Modes"</th>
                        </tr>
                    </thead>
                    <tbody>{frontier_rows}</tbody>
                </table>
            </div>
            <ChartFigure
                name="design-frontier"
                link=link
                alt="Design frontier: monthly cost against RTO of every mix of layer modes"
            />
        </section>
    }
}

/// The cheapest feasible design: one row per layer, then what every design
/// pays whatever its modes, so the rows add up to the total (the engine's
/// `Design::monthly` is exactly that sum).
fn cheapest_table(design: &Design, fixed_monthly: Money, money: &impl Fn(Money) -> String) -> impl IntoView {
    let rows = design
        .modes
        .iter()
        .map(|m| {
            view! {
                <tr>
                    <th scope="row">{m.layer.label()}</th>
                    <td>{m.name.clone()}</td>
                    <td class="num">{money(m.monthly)}</td>
                    <td class="num">{present::duration_minutes(m.rto_minutes)}</td>
                    <td class="num">{present::duration_minutes(m.rpo_minutes)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="figures-table" id="design-cheapest">
                <caption>"The cheapest design that meets both targets"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Layer"</th>
                        <th scope="col">"Mode"</th>
                        <th scope="col" class="num">"Monthly"</th>
                        <th scope="col" class="num">"Recovers in"</th>
                        <th scope="col" class="num">"Data loss"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows}
                    <tr>
                        <th scope="row">"Production and shared"</th>
                        <td>"production, cross-region transfer, DR monitoring"</td>
                        <td class="num">{money(fixed_monthly)}</td>
                        <td></td>
                        <td></td>
                    </tr>
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="2">"Total"</th>
                        <td class="num" id="design-total">{money(design.monthly)}</td>
                        <td class="num">{present::duration_minutes(design.rto_minutes)}</td>
                        <td class="num">{present::duration_minutes(design.rpo_minutes)}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

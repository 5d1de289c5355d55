//! The inputs, listed for the printed report (on screen the form shows them).

use engine::link::PARAMETERS;
use engine::Scenario;
use leptos::prelude::*;

use crate::form;

/// Every parameter of the scenario with its value, in link order; values
/// that differ from the defaults are marked, so a reader sees what was changed.
#[component]
pub fn InputsSummary(scenario: Scenario) -> impl IntoView {
    let defaults = form::defaults();
    let current = form::values_of(&scenario);
    let rows = PARAMETERS
        .iter()
        .map(|p| {
            let value = form::get(&current, p.name).unwrap_or_default().to_string();
            let changed = form::get(&defaults, p.name).unwrap_or_default() != value;
            let unit = p.unit();
            let shown = if value.is_empty() {
                "–".to_string()
            } else {
                format!("{value} {unit}").trim().to_string()
            };
            view! {
                <tr class:changed=changed>
                    <th scope="row">{p.about}</th>
                    <td>{shown}{changed.then_some(" (changed)")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel print-only" aria-labelledby="inputs-summary-heading">
            <h2 id="inputs-summary-heading">"Inputs"</h2>
            <table class="figures-table inputs-summary">
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

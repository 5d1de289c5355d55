//! The sensitivity section: each main input moved alone across a stated
//! range, and how far the annual net benefit and break-even hours swing.

use engine::sensitivity::Sensitivity;
use leptos::prelude::*;

use super::{ChartFigure, CsvLink};
use engine::present;

/// The tornado chart and its table, largest swing first.
#[component]
pub fn SensitivityTable(sensitivity: Sensitivity, currency: String, link: String) -> impl IntoView {
    let money = |m| present::money(m, &currency);
    let lede = format!(
        "Base case: the chosen plan's annual net benefit (loss avoided minus what DR costs) is {}, \
         and it pays for itself after {} hours of downtime a year. Each input below is moved on its own \
         across the range shown; the largest swing comes first.",
        money(sensitivity.base_net_benefit),
        present::hours(sensitivity.base_break_even_hours),
    );
    let rows = sensitivity
        .rows
        .iter()
        .map(|r| {
            view! {
                <tr data-input=r.input.clone()>
                    <th scope="row">{r.name.clone()}</th>
                    <td class="range">{format!("{} → {}", r.low_label, r.high_label)}</td>
                    <td class="num">{money(r.net_benefit_low)}</td>
                    <td class="num">{money(r.net_benefit_high)}</td>
                    <td class="num">{money(r.swing)}</td>
                    <td class="num">{format!("{} → {}", present::hours(r.break_even_low), present::hours(r.break_even_high))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="sensitivity-heading">
            <div class="panel-head">
                <h2 id="sensitivity-heading">"Sensitivity"</h2>
                <CsvLink path="/export/sensitivity.csv" link=link.clone() what="the sensitivity table" />
            </div>
            <p class="lede" id="sensitivity-lede">{lede}</p>
            <ChartFigure
                name="tornado"
                link=link
                alt="Tornado: how far the annual net benefit moves as each input goes from low to high"
            />
            <div class="table-scroll">
                <table class="figures-table" id="sensitivity">
                    <caption>"Annual net benefit and break-even hours at each end of the range"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Input"</th>
                            <th scope="col">"Range"</th>
                            <th scope="col" class="num">"Net benefit, low"</th>
                            <th scope="col" class="num">"Net benefit, high"</th>
                            <th scope="col" class="num">"Swing"</th>
                            <th scope="col" class="num">"Break-even hours"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

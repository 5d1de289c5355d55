//! The strategy comparison: every strategy's cost, RTO and RPO against the tier.

use engine::Estimate;
use leptos::prelude::*;

use super::CsvLink;
use engine::present;

/// One row per strategy, the chosen one marked in words.
#[component]
pub fn StrategyComparison(estimate: Estimate, link: String) -> impl IntoView {
    let currency = estimate.currency.code.clone();
    let targets = estimate.targets;
    let rows = estimate
        .strategies
        .iter()
        .map(|s| {
            let mark = |met: bool| {
                if met {
                    ("met", "✓ met")
                } else {
                    ("missed", "✗ missed")
                }
            };
            let (rto_class, rto_words) = mark(s.meets_rto);
            let (rpo_class, rpo_words) = mark(s.meets_rpo);
            view! {
                <tr data-strategy=s.id.clone()>
                    <th scope="row">
                        {s.name.clone()}
                        {s.chosen.then(|| view! { " " <span class="badge chosen">"Your choice"</span> })}
                    </th>
                    <td class="num">{present::money(s.monthly, &currency)}</td>
                    <td class="num">{present::money(s.annual, &currency)}</td>
                    <td class="num">{s.relative_to_one_region.map(present::multiple).unwrap_or_else(|| "–".into())}</td>
                    <td class="num">
                        {present::duration_minutes(s.rto_minutes)}
                        <span class=format!("check {rto_class}")>{format!(" {rto_words}")}</span>
                    </td>
                    <td class="num">
                        {present::duration_minutes(s.rpo_minutes)}
                        <span class=format!("check {rpo_class}")>{format!(" {rpo_words}")}</span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="strategies-heading">
            <div class="panel-head">
                <h2 id="strategies-heading">"DR strategies"</h2>
                <CsvLink path="/export/strategies.csv" link=link what="the strategy comparison" />
            </div>
            <p class="lede">
                {format!(
                    "Targets: RTO {}, RPO {}. Each strategy applies one recovery mode to every layer; the recommendation above mixes modes per layer.",
                    present::duration_minutes(targets.rto_minutes),
                    present::duration_minutes(targets.rpo_minutes),
                )}
            </p>
            <div class="table-scroll">
                <table class="figures-table" id="strategies">
                    <caption>"Every strategy for this scenario"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Strategy"</th>
                            <th scope="col" class="num">"Monthly"</th>
                            <th scope="col" class="num">"Annual"</th>
                            <th scope="col" class="num">"vs one region"</th>
                            <th scope="col" class="num">"RTO"</th>
                            <th scope="col" class="num">"RPO"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

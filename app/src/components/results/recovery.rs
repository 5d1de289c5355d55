//! Recovery costs: re-embedding the corpus and restoring from each backup class.

use engine::Estimate;
use leptos::prelude::*;
use rust_decimal::Decimal;

use engine::present;

/// Re-embedding cost and time, then one row per backup class.
#[component]
pub fn RecoveryCosts(estimate: Estimate) -> impl IntoView {
    let currency = estimate.currency.code.clone();
    let recovery = estimate.recovery.clone();
    let reembedding = recovery.reembedding.clone();
    let restores = recovery
        .restores
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{r.class.clone()}</th>
                    <td class="num">{format!("{} days", r.retention_days)}</td>
                    <td class="num">{present::duration_minutes(r.retrieval_hours * Decimal::from(60))}</td>
                    <td class="num">{present::duration_minutes(r.hours * Decimal::from(60))}</td>
                    <td class="num">{present::money(r.cost, &currency)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="recovery-heading">
            <h2 id="recovery-heading">"Recovery costs"</h2>
            <p class="lede">
                "Re-embedding "{present::count(Decimal::from(reembedding.documents))}" documents ("
                {present::count(reembedding.tokens)}" tokens) costs "
                <strong id="reembedding-cost">{present::money(reembedding.cost, &currency)}</strong>
                " and takes about "{present::duration_minutes(reembedding.hours * Decimal::from(60))}
                " at the embedding API's rate limit."
            </p>
            <div class="table-scroll">
                <table class="figures-table" id="restores">
                    <caption>{format!("Restoring the latest snapshot ({} GB) from each backup class", recovery.snapshot_gb.normalize())}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Storage class"</th>
                            <th scope="col" class="num">"Kept for"</th>
                            <th scope="col" class="num">"Retrieval wait"</th>
                            <th scope="col" class="num">"Restore time"</th>
                            <th scope="col" class="num">"Restore cost"</th>
                        </tr>
                    </thead>
                    <tbody>{restores}</tbody>
                </table>
            </div>
        </section>
    }
}

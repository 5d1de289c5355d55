//! The summary: the recommendation and the chosen plan's key figures.

use engine::Estimate;
use leptos::prelude::*;
use rust_decimal::Decimal;

use engine::present;

/// Met or missed, in words as well as colour.
fn target_check(margin_minutes: Decimal) -> (String, &'static str) {
    if margin_minutes >= Decimal::ZERO {
        (
            format!("met, {} to spare", present::duration_minutes(margin_minutes)),
            "met",
        )
    } else {
        (
            format!("missed by {}", present::duration_minutes(-margin_minutes)),
            "missed",
        )
    }
}

/// The recommended strategy and why, then the chosen plan: cost, RTO/RPO
/// against the targets, break-even, loss avoided and return on the DR spend.
#[component]
pub fn Summary(estimate: Estimate) -> impl IntoView {
    let currency = estimate.currency.code.clone();
    let money = move |m| present::money(m, &currency);
    let chosen = estimate.strategies.iter().find(|s| s.chosen).cloned();
    let targets = estimate.targets;
    let reason = estimate.recommendation.reason.clone();
    let risk = estimate.risk.clone();
    let break_even = estimate.break_even.clone();

    let rec = estimate.recommendation.clone();
    let design = rec
        .design
        .iter()
        .map(|layer| view! { <li>{layer.clone()}</li> })
        .collect_view();
    let headline = if rec.meets {
        view! {
            <p class="headline">
                <span class="badge recommended">"Recommended"</span>
                " "<strong id="recommended-strategy">"Optimized DR"</strong>
                " at "<strong id="recommended-monthly">{money(rec.monthly)}</strong>" a month ("
                <span id="recommended-annual">{money(rec.annual)}</span>" a year), the cheapest design that meets both targets"
            </p>
        }
        .into_any()
    } else {
        view! {
            <p class="headline">
                <span class="badge missed">"No design meets both targets"</span>
                " "<strong id="recommended-strategy">"closest design"</strong>
                " at "<strong id="recommended-monthly">{money(rec.monthly)}</strong>" a month ("
                <span id="recommended-annual">{money(rec.annual)}</span>" a year)"
            </p>
        }
        .into_any()
    };

    view! {
        <section class="summary-panel" aria-labelledby="summary-heading">
            <h2 id="summary-heading">"Summary"</h2>
            {headline}
            <p class="reason" id="recommendation-reason">{reason}</p>
            <ul class="design" id="recommended-design">{design}</ul>
            {chosen.map(|plan| {
                let (rto_words, rto_class) = target_check(plan.rto_margin_minutes(&targets));
                let (rpo_words, rpo_class) = target_check(plan.rpo_margin_minutes(&targets));
                view! {
                    <h3>"Your plan: " <span id="chosen-strategy">{plan.name.clone()}</span></h3>
                    <dl class="figures">
                        <div>
                            <dt>"Monthly cost"</dt>
                            <dd id="plan-monthly">{money(plan.monthly)}</dd>
                        </div>
                        <div>
                            <dt>"Annual cost"</dt>
                            <dd id="plan-annual">{money(plan.annual)}</dd>
                        </div>
                        <div>
                            <dt>"RTO achieved"</dt>
                            <dd>
                                {present::duration_minutes(plan.rto_minutes)}
                                <span class=format!("check {rto_class}")>
                                    {format!(" (target {}: {rto_words})", present::duration_minutes(targets.rto_minutes))}
                                </span>
                            </dd>
                        </div>
                        <div>
                            <dt>"RPO achieved"</dt>
                            <dd>
                                {present::duration_minutes(plan.rpo_minutes)}
                                <span class=format!("check {rpo_class}")>
                                    {format!(" (target {}: {rpo_words})", present::duration_minutes(targets.rpo_minutes))}
                                </span>
                            </dd>
                        </div>
                        <div>
                            <dt>"Break-even"</dt>
                            <dd>
                                <span id="break-even-hours">{present::hours(break_even.hours)}</span>
                                " hours of downtime a year: what DR adds ("
                                <span id="dr-annual-cost">{money(break_even.annual_dr_cost)}</span>
                                " a year) ÷ the cost of an hour of downtime"
                            </dd>
                        </div>
                        <div>
                            <dt>"Break-even, the article's way"</dt>
                            <dd>
                                <span id="article-break-even-hours">{present::hours(break_even.article_hours)}</span>
                                " hours: the whole DR-enabled deployment ("{money(break_even.article_annual_cost)}
                                " a year) ÷ the cost of an hour of downtime"
                            </dd>
                        </div>
                        <div>
                            <dt>"Downtime avoided"</dt>
                            <dd>
                                <span id="downtime-avoided">{present::hours(break_even.downtime_avoided_hours)}</span>
                                " hours a year expected"
                                {if break_even.covered { " (covers break-even)" } else { " (short of break-even)" }}
                            </dd>
                        </div>
                        <div>
                            <dt>"Annual loss avoided"</dt>
                            <dd id="ale-reduction">{money(risk.ale_reduction)}</dd>
                        </div>
                        <div>
                            <dt>"Return on the DR spend"</dt>
                            <dd id="return-on-dr">
                                {match risk.return_on_dr_spend {
                                    Some(r) => format!("{} (loss avoided ÷ what DR adds, {} a year)", present::multiple(r), money(risk.dr_annual_cost)),
                                    None => "DR adds nothing to the bill".to_string(),
                                }}
                            </dd>
                        </div>
                    </dl>
                }
            })}
        </section>
    }
}

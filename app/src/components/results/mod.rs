//! The results column: every figure of the estimate, in the order a reader asks for them.

pub mod charts;
pub mod cost_breakdown;
pub mod inputs_summary;
pub mod recovery;
pub mod risk;
pub mod strategies;
pub mod summary;

use leptos::prelude::*;

/// Every results section for `estimate`, as HTML: summary, cost breakdown,
/// strategies, risk, recovery, charts and (for print) the inputs of `scenario`, each with its CSV and chart links
/// carrying the share-link query `link`.
pub fn render(scenario: &engine::Scenario, estimate: &engine::Estimate, link: &str) -> String {
    let link = link.to_string();
    // Each section's view type is erased: nested, they overflow the compiler's type depth.
    let sections = view! {
        {view! { <summary::Summary estimate=estimate.clone() /> }.into_any()}
        {view! { <cost_breakdown::CostBreakdown estimate=estimate.clone() link=link.clone() /> }.into_any()}
        {view! { <strategies::StrategyComparison estimate=estimate.clone() link=link.clone() /> }.into_any()}
        {view! { <risk::RiskSection estimate=estimate.clone() link=link.clone() /> }.into_any()}
        {view! { <recovery::RecoveryCosts estimate=estimate.clone() /> }.into_any()}
        {view! { <charts::Charts link=link /> }.into_any()}
        {view! { <inputs_summary::InputsSummary scenario=scenario.clone() /> }.into_any()}
    };
    sections.to_html()
}

/// A "Download CSV" link for one table, carrying the scenario's share-link query.
#[component]
pub fn CsvLink(
    /// The export's path, e.g. `/export/costs.csv`.
    path: &'static str,
    /// The share-link query, without `?`.
    link: String,
    /// What the file holds, for screen readers.
    what: &'static str,
) -> impl IntoView {
    let href = if link.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{link}")
    };
    view! {
        <a class="csv" href=href download aria-label=format!("Download {what} as CSV")>
            "Download CSV"
        </a>
    }
}

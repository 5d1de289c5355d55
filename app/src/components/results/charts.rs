//! The charts, drawn by the server from the same share-link query as the page.

use leptos::prelude::*;

use super::ChartFigure;

/// Each chart as an `<img>` of its SVG endpoint, with a PNG link for slides.
#[component]
pub fn Charts(link: String) -> impl IntoView {
    let charts = [
        (
            "cost-comparison",
            "Cost comparison: production only, full DR and optimized DR, by component",
        ),
        ("break-even", "Break-even: downtime loss against what DR adds a year"),
        (
            "strategy-frontier",
            "Strategy frontier: monthly cost against achieved RTO",
        ),
        ("risk-heatmap", "Risk heatmap: likelihood against impact"),
        ("risk-ale", "Annual loss per failure scenario, without and with DR"),
    ];
    view! {
        <section class="panel charts" aria-labelledby="charts-heading">
            <h2 id="charts-heading">"Charts"</h2>
            {charts
                .into_iter()
                .map(|(name, alt)| view! { <ChartFigure name alt link=link.clone() /> })
                .collect_view()}
        </section>
    }
}

//! The results column: every figure of the estimate, in the order a reader asks for them.

pub mod charts;
pub mod cost_breakdown;
pub mod design;
pub mod inputs_summary;
pub mod recovery;
pub mod risk;
pub mod sensitivity;
pub mod share;
pub mod simulation;
pub mod strategies;
pub mod summary;

use leptos::prelude::*;

/// The analyses beyond the estimate: each is its own engine run.
#[derive(Clone, Debug)]
pub struct Analyses {
    /// The annual-loss distribution (exact, or Monte Carlo when the link asks).
    pub simulation: engine::Simulation,
    /// The per-layer design search.
    pub optimization: engine::Optimization,
    /// The tornado of the chosen plan.
    pub sensitivity: engine::Sensitivity,
}

impl Analyses {
    /// Runs all three for a scenario.
    pub fn of(catalog: &engine::Catalog, scenario: &engine::Scenario) -> engine::Result<Analyses> {
        Analyses::until(catalog, scenario, &engine::Cancel::never())
    }

    /// [`Analyses::of`], stopping with [`engine::Error::Cancelled`] once `cancel` is set.
    pub fn until(
        catalog: &engine::Catalog,
        scenario: &engine::Scenario,
        cancel: &engine::Cancel,
    ) -> engine::Result<Analyses> {
        Ok(Analyses {
            simulation: engine::simulate_until(catalog, scenario, cancel)?,
            optimization: engine::optimize_until(catalog, scenario, cancel)?,
            sensitivity: engine::sensitivity_until(catalog, scenario, cancel)?,
        })
    }
}

/// The results column for a decoded link, as HTML: the banner shown when
/// later input is invalid (hidden), the notices, the share bar, then every
/// section — summary, cost breakdown, strategies, per-layer design, risk,
/// simulated loss, sensitivity, recovery, charts and (for print) the inputs —
/// each with its CSV and chart links carrying the share-link query `link`.
/// Without `analyses`, their three sections say they are being calculated:
/// the live page shows the estimate first and the analyses a moment later.
pub fn render(
    decoded: &engine::link::Decoded,
    estimate: &engine::Estimate,
    analyses: Option<&Analyses>,
    link: &str,
    reprice: Option<&str>,
) -> String {
    let scenario = &decoded.scenario;
    let link = link.to_string();
    let currency = estimate.currency.code.clone();
    // Each analysis sits in a holder named for it, so the live page can keep
    // the last one in place (marked as updating) until the new one arrives.
    let held = |name: &'static str, section: AnyView| {
        view! { <div class="analysis" data-analysis=name>{section}</div> }.into_any()
    };
    let pending = |name: &'static str, title: &'static str| {
        view! {
            <div class="analysis" data-analysis=name data-pending="true">
                <section class="panel pending" aria-busy="true">
                    <h2>{title}</h2>
                    <p>"Calculating…"</p>
                </section>
            </div>
        }
        .into_any()
    };
    let (design, simulation, sensitivity) = match analyses {
        Some(a) => (
            held("design", view! { <design::LayerDesign optimization=a.optimization.clone() currency=currency.clone() link=link.clone() /> }.into_any()),
            held("simulation", view! { <simulation::AnnualLoss simulation=a.simulation.clone() currency=currency.clone() link=link.clone() /> }.into_any()),
            held("sensitivity", view! { <sensitivity::SensitivityTable sensitivity=a.sensitivity.clone() currency=currency.clone() link=link.clone() /> }.into_any()),
        ),
        None => (
            pending("design", "Per-layer design"),
            pending("simulation", "Annual loss"),
            pending("sensitivity", "Sensitivity"),
        ),
    };
    let notices = decoded.notices.clone();
    let reprice = reprice.map(str::to_owned);
    let warnings = estimate.warnings.clone();
    // Each section's view type is erased: nested, they overflow the compiler's type depth.
    let sections = view! {
        <div class="results-body" data-stale="false">
            <p class="stale-banner" id="stale-banner" role="status" hidden>
                "These figures are from your last valid input. Fix the highlighted fields to update them."
            </p>
            {(!notices.is_empty()).then(|| view! {
                <ul class="notices" role="status">
                    {notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                    {reprice.map(|href| view! { <li><a id="reprice" href=href>"Re-price with the current catalog"</a></li> })}
                </ul>
            })}
            {(!warnings.is_empty()).then(|| view! {
                <ul class="warnings" id="warnings" role="status">{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            })}
            {view! { <share::ShareBar link=link.clone() catalog_version=estimate.catalog_version.clone() /> }.into_any()}
            <div class="results-sections">
                {view! { <summary::Summary estimate=estimate.clone() /> }.into_any()}
                {view! { <cost_breakdown::CostBreakdown estimate=estimate.clone() link=link.clone() /> }.into_any()}
                {view! { <strategies::StrategyComparison estimate=estimate.clone() link=link.clone() /> }.into_any()}
                {design}
                {view! { <risk::RiskSection estimate=estimate.clone() link=link.clone() /> }.into_any()}
                {simulation}
                {sensitivity}
                {view! { <recovery::RecoveryCosts estimate=estimate.clone() /> }.into_any()}
                {view! { <charts::Charts link=link /> }.into_any()}
                {view! { <inputs_summary::InputsSummary scenario=scenario.clone() /> }.into_any()}
            </div>
        </div>
    };
    sections.to_html()
}

/// One chart as an `<img>` of its SVG endpoint, with a PNG link for slides,
/// both carrying the scenario's share-link query.
#[component]
pub fn ChartFigure(
    /// The chart's name in `/charts/<name>.svg`.
    name: &'static str,
    /// The share-link query, without `?`.
    link: String,
    /// What the chart shows, for the caption and screen readers.
    alt: &'static str,
) -> impl IntoView {
    let (svg_query, png_query) = if link.is_empty() {
        (String::new(), "?size=slide".to_string())
    } else {
        (format!("?{link}"), format!("?{link}&size=slide"))
    };
    view! {
        <figure>
            <img src=format!("/charts/{name}.svg{svg_query}") alt=alt width="800" height="450" />
            <figcaption>
                {alt}" · "<a href=format!("/charts/{name}.png{png_query}")>"PNG for slides"</a>
            </figcaption>
        </figure>
    }
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

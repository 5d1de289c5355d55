//! Charts drawn on the server with plotters, as SVG or PNG, from the engine's
//! figures for the scenario in the share-link query.
//!
//! Each chart is a pure renderer (figures in, image out) in its own file.
//! What they share is split by kind: `theme` (font, palette, sizes),
//! `text` (measuring and fitting labels), `layout` (the frame, label
//! placement), `marks` (legends, markers, dashed lines) and `axes` (the one
//! plotting-area and mesh setup every plotted chart uses); every figure is
//! written by `engine::present`. This file maps URLs to renderers and adds
//! the HTTP headers: type, file name, and an ETag that names the exact bytes.
//! Most charts draw from the estimate alone; the Monte Carlo, optimizer and
//! sensitivity charts also need an analysis, which [`Figures::complete`]
//! runs only for the charts that ask for it.

mod axes;
mod break_even;
mod cost_comparison;
mod design_frontier;
mod layout;
mod loss_exceedance;
mod marks;
mod query;
mod raster;
mod risk_ale;
mod risk_heatmap;
mod rto_plot;
mod strategy_frontier;
mod text;
mod theme;
mod tornado;

use std::sync::Arc;

use axum::{
    body::Bytes,
    extract::{RawQuery, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Extension, Router,
};
use engine::{Cancel, Catalog, Estimate, Optimization, Scenario, Sensitivity, Simulation};
use plotters::coord::Shift;
use plotters::prelude::*;

pub use theme::{ChartOptions, Size};

use crate::{AppState, Error, Result};

/// Bumped whenever a renderer changes what it draws, so ETags of old
/// drawings stop matching.
const RENDERER_REVISION: &str = "charts-2";

/// How long a client may reuse a chart without asking: the URL names the
/// scenario, but a new catalog (a deploy) changes the figures, so an hour,
/// then revalidation by ETag, which costs neither an estimate, an analysis
/// nor a drawing.
const CACHE_CONTROL: &str = "public, max-age=3600";

/// The charts, each served as `/charts/<name>.svg` and `/charts/<name>.png`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    /// Production only, full DR and optimized DR, stacked by component.
    CostComparison,
    /// Cumulative downtime loss against the annual DR cost.
    BreakEven,
    /// Likelihood × impact grid of the failure scenarios.
    RiskHeatmap,
    /// ALE without and with DR per failure scenario.
    RiskAle,
    /// Monthly cost against achieved RTO for every strategy.
    StrategyFrontier,
    /// Monte Carlo loss-exceedance curves, without DR and per strategy.
    LossExceedance,
    /// The per-layer optimizer's cost/RTO frontier and cheapest feasible design.
    DesignFrontier,
    /// Net-benefit swing per input, largest first.
    Tornado,
}

/// An analysis beyond the estimate that a chart draws from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Analysis {
    /// [`engine::simulate`].
    Simulation,
    /// [`engine::optimize`].
    Optimization,
    /// [`engine::sensitivity`].
    Sensitivity,
}

impl Chart {
    /// Every chart, in the order the page shows them.
    pub const ALL: [Chart; 8] = [
        Chart::CostComparison,
        Chart::BreakEven,
        Chart::RiskHeatmap,
        Chart::RiskAle,
        Chart::StrategyFrontier,
        Chart::LossExceedance,
        Chart::DesignFrontier,
        Chart::Tornado,
    ];

    /// The name in the URL and the file name.
    pub fn name(self) -> &'static str {
        match self {
            Chart::CostComparison => "cost-comparison",
            Chart::BreakEven => "break-even",
            Chart::RiskHeatmap => "risk-heatmap",
            Chart::RiskAle => "risk-ale",
            Chart::StrategyFrontier => "strategy-frontier",
            Chart::LossExceedance => "loss-exceedance",
            Chart::DesignFrontier => "design-frontier",
            Chart::Tornado => "tornado",
        }
    }

    /// The analysis the chart draws from besides the estimate, if any.
    pub fn needs(self) -> Option<Analysis> {
        match self {
            Chart::LossExceedance => Some(Analysis::Simulation),
            Chart::DesignFrontier => Some(Analysis::Optimization),
            Chart::Tornado => Some(Analysis::Sensitivity),
            Chart::CostComparison
            | Chart::BreakEven
            | Chart::RiskHeatmap
            | Chart::RiskAle
            | Chart::StrategyFrontier => None,
        }
    }

    fn draw<DB: DrawingBackend>(
        self,
        root: &DrawingArea<DB, Shift>,
        figures: &Figures,
        opts: &ChartOptions,
    ) -> Result<()> {
        let estimate = &figures.estimate;
        match self {
            Chart::CostComparison => cost_comparison::draw(root, estimate, opts),
            Chart::BreakEven => break_even::draw(root, estimate, opts),
            Chart::RiskHeatmap => risk_heatmap::draw(root, estimate, opts),
            Chart::RiskAle => risk_ale::draw(root, estimate, opts),
            Chart::StrategyFrontier => strategy_frontier::draw(root, estimate, opts),
            Chart::LossExceedance => loss_exceedance::draw(root, estimate, ran(&figures.simulation, self)?, opts),
            Chart::DesignFrontier => design_frontier::draw(root, estimate, ran(&figures.optimization, self)?, opts),
            Chart::Tornado => tornado::draw(root, estimate, ran(&figures.sensitivity, self)?, opts),
        }
    }
}

/// The analysis `chart` needs, which [`Figures::complete`] ran for it.
fn ran<T>(analysis: &Option<T>, chart: Chart) -> Result<&T> {
    analysis.as_ref().ok_or_else(|| {
        Error::Internal(format!(
            "BUG: the {} chart was drawn without its {:?}",
            chart.name(),
            chart.needs()
        ))
    })
}

/// What charts draw from: the scenario's estimate, and each analysis that
/// one of the charts to be drawn needs (`None` otherwise, so a chart that
/// reads only the estimate never pays for a Monte Carlo run).
#[derive(Clone, Debug)]
pub struct Figures {
    /// [`engine::estimate`] of the scenario.
    pub estimate: Estimate,
    /// [`engine::simulate`], when a chart needs it.
    pub simulation: Option<Simulation>,
    /// [`engine::optimize`], when a chart needs it.
    pub optimization: Option<Optimization>,
    /// [`engine::sensitivity`], when a chart needs it.
    pub sensitivity: Option<Sensitivity>,
}

impl Figures {
    /// The estimate of `scenario` and the analyses `charts` need.
    pub fn compute(catalog: &Catalog, scenario: &Scenario, charts: &[Chart]) -> Result<Figures> {
        let estimate = engine::estimate(catalog, scenario)?;
        Figures::complete(estimate, catalog, scenario, charts)
    }

    /// Adds to `estimate` (of `scenario`) the analyses `charts` need.
    pub fn complete(estimate: Estimate, catalog: &Catalog, scenario: &Scenario, charts: &[Chart]) -> Result<Figures> {
        Figures::complete_until(estimate, catalog, scenario, charts, &Cancel::never())
    }

    /// [`Figures::complete`], stopping once `cancel` is set.
    pub fn complete_until(
        estimate: Estimate,
        catalog: &Catalog,
        scenario: &Scenario,
        charts: &[Chart],
        cancel: &Cancel,
    ) -> Result<Figures> {
        let wanted = |analysis| charts.iter().any(|c| c.needs() == Some(analysis));
        Ok(Figures {
            simulation: wanted(Analysis::Simulation)
                .then(|| engine::simulate_until(catalog, scenario, cancel))
                .transpose()?,
            optimization: wanted(Analysis::Optimization)
                .then(|| engine::optimize_until(catalog, scenario, cancel))
                .transpose()?,
            sensitivity: wanted(Analysis::Sensitivity)
                .then(|| engine::sensitivity_until(catalog, scenario, cancel))
                .transpose()?,
            estimate,
        })
    }
}

/// The image formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Vector, for the page and documents.
    Svg,
    /// Raster with the bundled font, for slides.
    Png,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
        }
    }

    /// The `Content-Type`.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Svg => "image/svg+xml",
            Format::Png => "image/png",
        }
    }
}

/// Turns a plotters drawing error into the server's internal error.
fn drawing<E: std::fmt::Display>(error: E) -> Error {
    Error::Internal(format!("drawing a chart: {error}"))
}

/// Draws `chart` as an SVG document.
pub fn svg(chart: Chart, figures: &Figures, opts: &ChartOptions) -> Result<String> {
    theme::register_fonts();
    let mut out = String::with_capacity(48 * 1024);
    {
        let root = SVGBackend::with_string(&mut out, opts.size.pixels()).into_drawing_area();
        chart.draw(&root, figures, opts)?;
        root.present().map_err(drawing)?;
    }
    Ok(out)
}

/// Draws `chart` as a PNG file, in memory.
pub fn png(chart: Chart, figures: &Figures, opts: &ChartOptions) -> Result<Vec<u8>> {
    theme::register_fonts();
    raster::png(opts.size.pixels(), |root| chart.draw(root, figures, opts))
}

/// Draws `chart` in `format`.
pub fn render(chart: Chart, format: Format, figures: &Figures, opts: &ChartOptions) -> Result<Vec<u8>> {
    match format {
        Format::Svg => svg(chart, figures, opts).map(String::into_bytes),
        Format::Png => png(chart, figures, opts),
    }
}

/// Drawn charts by ETag (which names the bytes): a chart embedded in a page
/// or a slide is asked for again and again, and a kept drawing is served
/// without entering the calculation pool.
type Drawings = app::cache::Cache<String, Bytes>;

/// How many drawings are kept (an SVG is tens of KB, a slide-size PNG a few hundred).
const DRAWINGS_KEPT: usize = 64;

/// `/charts/<name>.svg` and `/charts/<name>.png` for every [`Chart`].
pub fn router() -> Router<AppState> {
    let mut router = Router::new();
    for chart in Chart::ALL {
        for format in [Format::Svg, Format::Png] {
            let path = format!("/charts/{}.{}", chart.name(), format.extension());
            router = router.route(
                &path,
                get(
                    move |state: State<AppState>,
                          kept: Extension<Arc<Drawings>>,
                          headers: HeaderMap,
                          query: RawQuery| { serve(chart, format, state, kept, headers, query) },
                ),
            );
        }
    }
    router.layer(Extension(Arc::new(Drawings::new(DRAWINGS_KEPT))))
}

async fn serve(
    chart: Chart,
    format: Format,
    State(state): State<AppState>,
    Extension(kept): Extension<Arc<Drawings>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response> {
    let request = query::decode(&state.catalog, query.as_deref().unwrap_or(""))?;
    // A link made with a released catalog this build still has is priced with
    // it (a rare link: the copy costs less than the chart).
    let catalog = match request.priced_with {
        Some(then) => std::sync::Arc::new(then.clone()),
        None => state.catalog.clone(),
    };
    // The estimate's catalog version is the catalog's (price overrides keep
    // it), so a revalidation is answered without entering the pool.
    let etag = etag(&[
        RENDERER_REVISION,
        catalog.version(),
        &request.canonical,
        chart.name(),
        format.extension(),
        request.size.as_str(),
    ]);
    let file_name = format!(
        "drplan-{}-{}.{}",
        chart.name(),
        slug(&request.scenario.name),
        format.extension()
    );
    let mut response = if matches(&headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let opts = ChartOptions {
            size: request.size,
            scenario_name: request.scenario.name.clone(),
        };
        let body = match kept.get(&etag) {
            Some(body) => Bytes::clone(&body),
            None => {
                // Estimate, analysis and drawing take milliseconds to a third of a
                // second of CPU (a 100,000-year simulation): in the bounded pool.
                let drawn = state
                    .admission
                    .run(move |cancel| {
                        let estimate = engine::estimate_until(&catalog, &request.scenario, cancel)?;
                        let figures = Figures::complete_until(estimate, &catalog, &request.scenario, &[chart], cancel)?;
                        cancel.check()?;
                        render(chart, format, &figures, &opts)
                    })
                    .await??;
                Bytes::clone(&kept.insert(etag.clone(), Bytes::from(drawn)))
            }
        };
        let mut response = body.into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
        headers.insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_str(&format!("inline; filename=\"{file_name}\""))
                .map_err(|e| Error::Internal(format!("file name header: {e}")))?,
        );
        response
    };
    let headers = response.headers_mut();
    headers.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).map_err(|e| Error::Internal(format!("ETag header: {e}")))?,
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL));
    Ok(response)
}

/// Whether `If-None-Match` names `etag` (or is `*`).
fn matches(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*")
}

/// A strong ETag: FNV-1a (64 bit) of the parts, each followed by a 0 byte so
/// `"ab","c"` and `"a","bc"` differ. FNV is written out here because it must
/// give the same value in every build; std's `DefaultHasher` promises not to.
pub fn etag(parts: &[&str]) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("\"{hash:016x}\"")
}

/// A scenario name made safe for a file name: lower-case ASCII letters and
/// digits separated by single hyphens, at most 60 characters, `scenario` if
/// nothing is left. No quote, slash or control character can get through.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(60);
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "scenario".to_owned()
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        for (name, expected) in [
            ("Production tier example", "production-tier-example"),
            ("", "scenario"),
            ("\"; rm -rf / ", "rm-rf"),
            ("Ünïcode only ★", "n-code-only"),
            ("日本", "scenario"),
        ] {
            assert_eq!(slug(name), expected, "{name}");
        }
        assert!(slug(&"a".repeat(300)).len() <= 60);
    }

    #[test]
    fn etags_are_stable_and_separate_their_parts() {
        // Pinned: the value must not change between builds or Rust versions.
        assert_eq!(etag(&["a"]), "\"089be207b544f1e4\"");
        assert_ne!(etag(&["ab", "c"]), etag(&["a", "bc"]));
    }
}

//! Charts drawn on the server with plotters, as SVG, from the engine's figures.

use std::collections::BTreeMap;

use axum::{
    extract::{Query, State},
    http::header,
    response::IntoResponse,
    routing::get,
    Router,
};
use plotters::prelude::*;
use rust_decimal::prelude::ToPrimitive;

use crate::{AppState, Error, Result};

/// `/charts/break-even.svg`.
pub fn router() -> Router<AppState> {
    Router::new().route("/charts/break-even.svg", get(break_even_svg))
}

async fn break_even_svg(
    State(state): State<AppState>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<impl IntoResponse> {
    let mut scenario = engine::Scenario::default();
    let mut errors = Vec::new();
    for (name, value) in &query {
        match name.as_str() {
            "downtime_cost_per_hour" => match value.parse::<rust_decimal::Decimal>() {
                Ok(amount) => scenario.downtime_cost_per_hour = engine::Money::new(amount),
                Err(_) => errors.push(field_error(
                    name,
                    value,
                    "is not a number; enter an amount such as 15000",
                )),
            },
            _ => errors.push(field_error(
                name,
                value,
                "is not a known parameter; allowed: downtime_cost_per_hour",
            )),
        }
    }
    if !errors.is_empty() {
        return Err(Error::BadRequest(errors));
    }
    let estimate = engine::estimate(&state.catalog, &scenario)?;
    let svg = break_even_chart(&estimate.break_even, &scenario.currency.code)?;
    Ok(([(header::CONTENT_TYPE, "image/svg+xml")], svg))
}

fn field_error(field: &str, value: &str, problem: &str) -> engine::FieldError {
    engine::FieldError {
        field: field.to_string(),
        value: value.to_string(),
        message: format!("{field} {value:?} {problem}"),
    }
}

/// Cumulative downtime loss against hours of downtime, with the annual DR cost
/// as a level line; they cross at the break-even hours.
pub fn break_even_chart(break_even: &engine::BreakEven, currency: &str) -> Result<String> {
    let hours = break_even.hours.to_f64().unwrap_or(0.0);
    let per_hour = break_even.downtime_cost_per_hour.to_decimal().to_f64().unwrap_or(0.0);
    let annual = break_even.annual_dr_cost.to_decimal().to_f64().unwrap_or(0.0);
    let max_hours = (hours * 2.0).max(1.0);
    let max_cost = (per_hour * max_hours).max(annual * 1.2).max(1.0);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, 405)).into_drawing_area();
        let draw = |e: &dyn std::fmt::Display| Error::Internal(format!("drawing the break-even chart: {e}"));
        root.fill(&WHITE).map_err(|e| draw(&e))?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                "Break-even: downtime loss against the annual DR cost",
                ("sans-serif", 20),
            )
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(80)
            .build_cartesian_2d(0.0..max_hours, 0.0..max_cost)
            .map_err(|e| draw(&e))?;
        chart
            .configure_mesh()
            .x_desc("Hours of downtime a year")
            .y_desc(format!("{currency}"))
            .y_label_formatter(&|v| compact_money(*v))
            .draw()
            .map_err(|e| draw(&e))?;
        let loss_colour = RGBColor(0, 114, 178);
        let cost_colour = RGBColor(213, 94, 0);
        chart
            .draw_series(LineSeries::new(
                [(0.0, 0.0), (max_hours, per_hour * max_hours)],
                loss_colour.stroke_width(3),
            ))
            .map_err(|e| draw(&e))?
            .label("Downtime loss")
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], loss_colour.stroke_width(3)));
        chart
            .draw_series(LineSeries::new(
                [(0.0, annual), (max_hours, annual)],
                cost_colour.stroke_width(3),
            ))
            .map_err(|e| draw(&e))?
            .label("Annual DR cost")
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], cost_colour.stroke_width(3)));
        chart
            .draw_series([Circle::new((hours, annual), 6, BLACK.filled())])
            .map_err(|e| draw(&e))?;
        chart
            .draw_series([Text::new(
                format!("break-even {hours:.2} h"),
                (hours, annual * 0.9),
                ("sans-serif", 16),
            )])
            .map_err(|e| draw(&e))?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .draw()
            .map_err(|e| draw(&e))?;
        root.present().map_err(|e| draw(&e))?;
    }
    Ok(svg)
}

/// `93600.0` → `"$93.6K"`: axis labels short enough to read.
fn compact_money(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude >= 1_000_000.0 {
        format!("${:.1}M", value / 1_000_000.0)
    } else if magnitude >= 1_000.0 {
        format!("${:.1}K", value / 1_000.0)
    } else {
        format!("${value:.0}")
    }
}

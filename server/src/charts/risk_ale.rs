//! ALE per failure scenario without and with DR: the risk heatmap's companion
//! bar chart, largest expected loss first.

use engine::{Estimate, RiskRow};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::style::{self, font_size, okabe_ito, ChartOptions, Key, Theme, INK};
use crate::Result;

/// Without DR: solid vermillion. With DR: sky blue with a blue outline. The
/// two differ in lightness too, and every bar carries its value.
const WITHOUT: RGBColor = okabe_ito::VERMILLION;
const WITH: RGBColor = okabe_ito::SKY_BLUE;
const WITH_EDGE: RGBColor = okabe_ito::BLUE;

/// Draws the chart on any plotters backend.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    estimate: &Estimate,
    opts: &ChartOptions,
) -> Result<()> {
    let theme = Theme::new(opts.size);
    let currency = estimate.currency.code.as_str();
    let money = |m: engine::Money| style::money(m.to_decimal(), currency);
    let risk = &estimate.risk;
    let strategy = estimate
        .strategies
        .iter()
        .find(|s| s.chosen)
        .map_or("the chosen strategy", |s| s.name.as_str());
    let body = style::frame(
        root,
        &theme,
        "Expected annual loss per failure scenario, without and with DR",
        &format!(
            "{currency} a year · total {} without DR, {} with {strategy}",
            money(risk.ale_without),
            money(risk.ale_with)
        ),
        opts,
    )?;
    let (legend_area, plot_area) = body.split_vertically(theme.px(30.0));
    style::legend_row(
        &legend_area,
        &theme,
        (theme.px(20.0), theme.px(12.0)),
        &[
            (Key::Swatch(WITHOUT), "Without DR".to_owned()),
            (Key::Swatch(WITH), format!("With DR ({strategy})")),
        ],
    )?;

    let mut rows: Vec<&RiskRow> = risk.rows.iter().collect();
    // Largest loss on top; catalog order breaks ties (stable sort).
    rows.sort_by_key(|r| std::cmp::Reverse(r.ale_without));
    let n = rows.len().max(1) as f64;
    let name_style = theme.text(font_size::TICK, INK);
    let name_width = theme.px(150.0);
    let largest = rows
        .iter()
        .map(|r| style::f64_of(r.ale_without.to_decimal().max(r.ale_with.to_decimal())))
        .fold(0.0, f64::max);
    // Room on the right of the longest bar for its value; plotters puts
    // round ticks inside the range, so the end need not be round.
    let x_max = (largest * 1.16).max(1.0);
    let mut chart = ChartBuilder::on(&plot_area)
        .margin_top(theme.px(4.0))
        .margin_right(theme.px(28.0))
        .margin_left(theme.px(12.0))
        .x_label_area_size(theme.px(44.0))
        .y_label_area_size(name_width + theme.px(10.0))
        .build_cartesian_2d(0.0..x_max, 0.0..n)
        .map_err(style::drawing)?;
    let tick = |v: &f64| style::money_tick(*v, currency);
    let mut mesh = chart.configure_mesh();
    mesh.disable_y_mesh()
        .y_labels(0)
        .x_labels(6)
        .x_label_formatter(&tick)
        .x_desc(format!("Annualized loss expectancy, {currency} a year"));
    theme.mesh(&mut mesh).draw().map_err(style::drawing)?;

    let value_style = theme.text(font_size::SMALL, INK);
    let (plot_right, _) = chart.backend_coord(&(x_max, 0.0));
    for (i, row) in rows.iter().enumerate() {
        // First row at the top.
        let band = n - 1.0 - i as f64;
        let bars = [
            (row.ale_without, band + 0.53, band + 0.88, WITHOUT, WITHOUT),
            (row.ale_with, band + 0.12, band + 0.47, WITH, WITH_EDGE),
        ];
        for (amount, y0, y1, fill, edge) in bars {
            let value = style::f64_of(amount.to_decimal());
            chart
                .draw_series([Rectangle::new([(0.0, y0), (value, y1)], fill.filled())])
                .map_err(style::drawing)?;
            chart
                .draw_series([Rectangle::new([(0.0, y0), (value, y1)], theme.stroke(edge, 1.0))])
                .map_err(style::drawing)?;
            let (x_end, y_mid) = chart.backend_coord(&(value, (y0 + y1) / 2.0));
            let text = money(amount);
            let width = style::measure(&text, &value_style).0;
            // Outside the bar's end when there is room, else inside it.
            let (pos, h, ink) = if x_end + theme.px(6.0) + width <= plot_right {
                ((x_end + theme.px(6.0), y_mid), HPos::Left, INK)
            } else {
                ((x_end - theme.px(6.0), y_mid), HPos::Right, style::text_on(fill))
            };
            style::label(
                root,
                &text,
                pos,
                &style::anchored(style::recolour(value_style.clone(), ink), h, VPos::Center),
            )?;
        }
        let (axis_x, centre) = chart.backend_coord(&(0.0, band + 0.5));
        style::row_name(root, &theme, &row.name, (axis_x, centre), name_width, &name_style)?;
    }
    Ok(())
}

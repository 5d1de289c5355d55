//! ALE per failure scenario without and with DR: the risk heatmap's companion
//! bar chart, largest expected loss first.

use engine::present::compact_money;
use engine::{Estimate, RiskRow};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{self, Axes};
use super::drawing;
use super::layout;
use super::marks::{self, Key};
use super::text;
use super::theme::{self, font_size, okabe_ito, ChartOptions, Theme, INK};
use crate::Result;

/// Without DR: solid vermillion. With DR: sky blue with a blue outline. The
/// two differ in lightness too, and every bar carries its value.
const WITHOUT: RGBColor = okabe_ito::VERMILLION;
const WITH: RGBColor = okabe_ito::SKY_BLUE;
const WITH_EDGE: RGBColor = okabe_ito::BLUE;

/// Page-size width of the failure scenarios' names left of the bars.
const NAME_WIDTH: f64 = 150.0;

/// Draws the chart on any plotters backend.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    estimate: &Estimate,
    opts: &ChartOptions,
) -> Result<()> {
    let theme = Theme::new(opts.size);
    let currency = estimate.currency.code.as_str();
    let money = |m: engine::Money| compact_money(m, currency);
    let risk = &estimate.risk;
    let strategy = estimate
        .strategies
        .iter()
        .find(|s| s.chosen)
        .map_or("the chosen strategy", |s| s.name.as_str());
    let body = layout::frame(
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
    marks::legend_row(
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
    let name_width = theme.px(NAME_WIDTH);
    let largest = rows
        .iter()
        .map(|r| axes::f64_of(r.ale_without.to_decimal().max(r.ale_with.to_decimal())))
        .fold(0.0, f64::max);
    // Room on the right of the longest bar for its value; plotters puts
    // round ticks inside the range, so the end need not be round.
    let x_max = (largest * 1.16).max(1.0);
    let mut chart = axes::draw(
        &plot_area,
        &theme,
        (0.0..x_max, 0.0..n),
        // The failure scenarios' names are written left of their bars below.
        &Axes::named_bars(
            currency,
            format!("Annualized loss expectancy, {currency} a year"),
            NAME_WIDTH,
            28.0,
        ),
    )?;

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
            let value = axes::f64_of(amount.to_decimal());
            chart
                .draw_series([Rectangle::new([(0.0, y0), (value, y1)], fill.filled())])
                .map_err(drawing)?;
            chart
                .draw_series([Rectangle::new([(0.0, y0), (value, y1)], theme.stroke(edge, 1.0))])
                .map_err(drawing)?;
            let (x_end, y_mid) = chart.backend_coord(&(value, (y0 + y1) / 2.0));
            let text = money(amount);
            let width = text::measure(&text, &value_style).0;
            // Outside the bar's end when there is room, else inside it.
            let (pos, h, ink) = if x_end + theme.px(6.0) + width <= plot_right {
                ((x_end + theme.px(6.0), y_mid), HPos::Left, INK)
            } else {
                ((x_end - theme.px(6.0), y_mid), HPos::Right, theme::text_on(fill))
            };
            text::label(
                root,
                &text,
                pos,
                &text::anchored(text::recolour(value_style.clone(), ink), h, VPos::Center),
            )?;
        }
        let (axis_x, centre) = chart.backend_coord(&(0.0, band + 0.5));
        text::row_name(root, &theme, &row.name, (axis_x, centre), name_width, &name_style)?;
    }
    Ok(())
}

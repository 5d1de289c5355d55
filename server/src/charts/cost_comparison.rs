//! Cost comparison: production only, full DR and optimized DR side by side,
//! stacked by component, totals on the bars, the saving of optimized DR called out.

use engine::plans::Plan;
use engine::present::compact_money;
use engine::{Component, Estimate, PlanCost};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{self, Axes, Axis, Margins, Ticks};
use super::drawing;
use super::layout;
use super::text;
use super::theme::{self, font_size, okabe_ito, ChartOptions, Theme, INK, MUTED};
use crate::Result;

/// Fill of each component, in [`Component::ALL`] order. Yellow and black
/// are left out of the Okabe–Ito set: yellow vanishes next to white text and
/// black next to the axis.
const COLOURS: [RGBColor; 6] = [
    okabe_ito::BLUE,
    okabe_ito::ORANGE,
    okabe_ito::GREEN,
    okabe_ito::SKY_BLUE,
    okabe_ito::VERMILLION,
    okabe_ito::PURPLE,
];

/// Draws the chart on any plotters backend.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    estimate: &Estimate,
    opts: &ChartOptions,
) -> Result<()> {
    let theme = Theme::new(opts.size);
    let currency = estimate.currency.code.as_str();
    let money = |m: engine::Money| compact_money(m, currency);
    let body = layout::frame(
        root,
        &theme,
        "Monthly cost with and without DR",
        &format!("{currency} a month · catalog {}", estimate.catalog_version),
        opts,
    )?;
    // Without DR, all of it, and the recommendation: the saving called out
    // is the recommendation's, which meets the targets.
    let plans: Vec<(&str, &PlanCost)> = [Plan::ProductionOnly, Plan::FullDr, Plan::OptimizedDr]
        .into_iter()
        .map(|plan| (plan.label(), plan.cost(estimate)))
        .collect();
    let shown: Vec<usize> = (0..Component::ALL.len())
        .filter(|&c| {
            plans
                .iter()
                .any(|(_, p)| !p.by_component[c].monthly.to_decimal().is_zero())
        })
        .collect();

    let legend_width = theme.px(150.0);
    let (plot_area, legend_area) = body.split_horizontally(theme.width - legend_width);
    let top = plans
        .iter()
        .map(|(_, p)| axes::f64_of(p.monthly.to_decimal()))
        .fold(0.0, f64::max);
    // Headroom for the totals and the saving callout above the tallest bar.
    let y_max = axes::nice_ceiling(top * 1.22);
    let mut chart = axes::draw(
        &plot_area,
        &theme,
        (0.0..plans.len() as f64, 0.0..y_max),
        &Axes {
            margins: Margins {
                top: 8.0,
                right: 8.0,
                bottom: 0.0,
                left: 12.0,
            },
            // The plans' names and annual totals are written under the bars below.
            x: Axis {
                room: 52.0,
                ..Axis::default()
            },
            y: Axis {
                room: 70.0,
                ticks: Ticks::Money { count: 6, currency },
                grid: true,
                title: format!("{currency} a month"),
            },
        },
    )?;

    let value_style = theme.text(font_size::SMALL, INK);
    let bar_half = 0.31;
    for (i, (_, plan)) in plans.iter().enumerate() {
        let centre = i as f64 + 0.5;
        let mut base = 0.0;
        for &c in &shown {
            let amount = plan.by_component[c].monthly;
            let height = axes::f64_of(amount.to_decimal());
            if height <= 0.0 {
                continue;
            }
            let (x0, x1) = (centre - bar_half, centre + bar_half);
            chart
                .draw_series([Rectangle::new([(x0, base), (x1, base + height)], COLOURS[c].filled())])
                .map_err(drawing)?;
            // A white hairline between segments keeps neighbours apart in greyscale.
            chart
                .draw_series([Rectangle::new(
                    [(x0, base), (x1, base + height)],
                    theme.stroke(WHITE, 1.0),
                )])
                .map_err(drawing)?;
            let (left, bottom) = chart.backend_coord(&(x0, base));
            let (right, top) = chart.backend_coord(&(x1, base + height));
            let ink = theme::text_on(COLOURS[c]);
            let text_style = text::anchored(text::recolour(value_style.clone(), ink), HPos::Center, VPos::Center);
            let room = right - left - theme.px(8.0);
            let full = format!("{} {}", Component::ALL[c].label(), money(amount));
            // The component's name in the segment is the cue that does not rely on colour.
            let text = [full, money(amount)]
                .into_iter()
                .find(|t| text::measure(t, &text_style).0 <= room);
            if let Some(text) = text {
                // Glyphs reach beyond plotters' layout box; a third more keeps them inside.
                if bottom - top >= text::measure(&text, &text_style).1 * 4 / 3 + theme.px(4.0) {
                    text::label(root, &text, ((left + right) / 2, (top + bottom) / 2), &text_style)?;
                }
            }
            base += height;
        }
    }

    // Totals above the bars, category names and annual totals below them.
    let total_style = text::anchored(theme.bold(font_size::LABEL, INK), HPos::Center, VPos::Bottom);
    let name_style = text::anchored(theme.bold(font_size::TICK, INK), HPos::Center, VPos::Top);
    let annual_style = text::anchored(theme.text(font_size::SMALL, MUTED), HPos::Center, VPos::Top);
    let slot = chart.backend_coord(&(1.0, 0.0)).0 - chart.backend_coord(&(0.0, 0.0)).0 - theme.px(6.0);
    for (i, (name, plan)) in plans.iter().enumerate() {
        let centre = i as f64 + 0.5;
        let (x, y_top) = chart.backend_coord(&(centre, axes::f64_of(plan.monthly.to_decimal())));
        text::label(root, &money(plan.monthly), (x, y_top - theme.px(4.0)), &total_style)?;
        let (_, y_axis) = chart.backend_coord(&(centre, 0.0));
        text::label(
            root,
            &text::ellipsize(name, slot, &name_style),
            (x, y_axis + theme.px(8.0)),
            &name_style,
        )?;
        let annual = format!("{} a year", money(plan.annual));
        text::label(
            root,
            &text::ellipsize(&annual, slot, &annual_style),
            (x, y_axis + theme.px(27.0)),
            &annual_style,
        )?;
    }

    saving_callout(root, &chart, &theme, estimate, currency)?;
    legend(&legend_area, &theme, &shown)
}

/// A dashed line at the full DR total over to the optimized bar, and the
/// saving written in the gap between the two totals.
fn saving_callout<DB: DrawingBackend, X, Y>(
    root: &DrawingArea<DB, Shift>,
    chart: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
    theme: &Theme,
    estimate: &Estimate,
    currency: &str,
) -> Result<()>
where
    X: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = f64>,
{
    let saved = estimate.savings.monthly.to_decimal();
    if saved <= rust_decimal::Decimal::ZERO {
        return Ok(());
    }
    let full = axes::f64_of(estimate.full_dr.monthly.to_decimal());
    let optimized = axes::f64_of(estimate.optimized_dr.monthly.to_decimal());
    let (x_start, y_full) = chart.backend_coord(&(1.81, full));
    let (x_centre, y_optimized) = chart.backend_coord(&(2.5, optimized));
    let (x_end, _) = chart.backend_coord(&(2.81, optimized));
    let arrow_x = x_end + theme.px(4.0);
    let line = theme.stroke(INK, 1.0);
    let dash = theme.px(5.0);
    let mut x = x_start;
    while x < x_end {
        root.draw(&PathElement::new(
            vec![(x, y_full), ((x + dash).min(x_end), y_full)],
            line,
        ))
        .map_err(drawing)?;
        x += 2 * dash;
    }
    let first = format!("saves {} a month", compact_money(estimate.savings.monthly, currency));
    let second = format!("{} % less than full DR", estimate.savings.percent.normalize());
    let text_style = text::anchored(theme.bold(font_size::SMALL, INK), HPos::Center, VPos::Top);
    let note_style = text::anchored(theme.text(font_size::SMALL, INK), HPos::Center, VPos::Top);
    let line_height = text::measure(&first, &text_style).1 + theme.px(4.0);
    // Below the line when the gap above the optimized total holds two lines, else above it.
    let total_height = theme.px(22.0);
    let gap = y_optimized - total_height - y_full;
    let y = if gap >= 2 * line_height + theme.px(6.0) {
        y_full + (gap - 2 * line_height) / 2
    } else {
        y_full - 2 * line_height - theme.px(4.0)
    };

    root.draw(&PathElement::new(vec![(arrow_x, y_full), (arrow_x, y_optimized)], line))
        .map_err(drawing)?;
    let head = theme.px(4.0);
    root.draw(&Polygon::new(
        vec![
            (arrow_x - head, y_optimized - 2 * head),
            (arrow_x + head, y_optimized - 2 * head),
            (arrow_x, y_optimized),
        ],
        INK.filled(),
    ))
    .map_err(drawing)?;
    // Centred over the bar unless that would run into the arrow.
    let widest = text::measure(&first, &text_style)
        .0
        .max(text::measure(&second, &note_style).0);
    let x = x_centre.min(arrow_x - theme.px(8.0) - widest / 2);
    text::label(root, &first, (x, y), &text_style)?;
    text::label(root, &second, (x, y + line_height), &note_style)
}

/// Swatches in stacking order, top component first, as the bars read.
fn legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, theme: &Theme, shown: &[usize]) -> Result<()> {
    let heading = text::anchored(theme.bold(font_size::LABEL, INK), HPos::Left, VPos::Top);
    let entry = text::anchored(theme.text(font_size::LABEL, INK), HPos::Left, VPos::Center);
    let x = theme.px(8.0);
    let mut y = theme.px(16.0);
    text::label(area, "Component", (x, y), &heading)?;
    y += theme.px(30.0);
    let swatch = theme.px(14.0);
    for &c in shown.iter().rev() {
        area.draw(&Rectangle::new(
            [(x, y - swatch / 2), (x + swatch, y + swatch / 2)],
            COLOURS[c].filled(),
        ))
        .map_err(drawing)?;
        text::label(area, Component::ALL[c].label(), (x + swatch + theme.px(8.0), y), &entry)?;
        y += theme.px(24.0);
    }
    Ok(())
}

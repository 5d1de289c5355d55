//! Cost comparison: production only, full DR and optimized DR side by side,
//! stacked by component, totals on the bars, the saving of optimized DR called out.

use engine::{Component, Estimate, PlanCost};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::style::{self, font_size, okabe_ito, ChartOptions, Theme, INK, MUTED};
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
    let money = |m: engine::Money| style::money(m.to_decimal(), currency);
    let body = style::frame(
        root,
        &theme,
        "Monthly cost with and without DR",
        &format!("{currency} a month · catalog {}", estimate.catalog_version),
        opts,
    )?;
    let plans: [(&str, &PlanCost); 3] = [
        ("Production only", &estimate.production_only),
        ("Full DR", &estimate.full_dr),
        ("Optimized DR", &estimate.optimized_dr),
    ];
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
        .map(|(_, p)| style::f64_of(p.monthly.to_decimal()))
        .fold(0.0, f64::max);
    // Headroom for the totals and the saving callout above the tallest bar.
    let y_max = style::nice_ceiling(top * 1.22);
    let mut chart = ChartBuilder::on(&plot_area)
        .margin_top(theme.px(8.0))
        .margin_left(theme.px(12.0))
        .margin_right(theme.px(8.0))
        .x_label_area_size(theme.px(52.0))
        .y_label_area_size(theme.px(70.0))
        .build_cartesian_2d(0.0..3.0, 0.0..y_max)
        .map_err(style::drawing)?;
    let tick = |v: &f64| style::money_tick(*v, currency);
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&tick)
        .y_desc(format!("{currency} a month"));
    theme.mesh(&mut mesh).draw().map_err(style::drawing)?;

    let value_style = theme.text(font_size::SMALL, INK);
    let bar_half = 0.31;
    for (i, (_, plan)) in plans.iter().enumerate() {
        let centre = i as f64 + 0.5;
        let mut base = 0.0;
        for &c in &shown {
            let amount = plan.by_component[c].monthly;
            let height = style::f64_of(amount.to_decimal());
            if height <= 0.0 {
                continue;
            }
            let (x0, x1) = (centre - bar_half, centre + bar_half);
            chart
                .draw_series([Rectangle::new([(x0, base), (x1, base + height)], COLOURS[c].filled())])
                .map_err(style::drawing)?;
            // A white hairline between segments keeps neighbours apart in greyscale.
            chart
                .draw_series([Rectangle::new(
                    [(x0, base), (x1, base + height)],
                    theme.stroke(WHITE, 1.0),
                )])
                .map_err(style::drawing)?;
            let (left, bottom) = chart.backend_coord(&(x0, base));
            let (right, top) = chart.backend_coord(&(x1, base + height));
            let ink = style::text_on(COLOURS[c]);
            let text_style = style::anchored(style::recolour(value_style.clone(), ink), HPos::Center, VPos::Center);
            let room = right - left - theme.px(8.0);
            let full = format!("{} {}", Component::ALL[c].label(), money(amount));
            // The component's name in the segment is the cue that does not rely on colour.
            let text = [full, money(amount)]
                .into_iter()
                .find(|t| style::measure(t, &text_style).0 <= room);
            if let Some(text) = text {
                // Glyphs reach beyond plotters' layout box; a third more keeps them inside.
                if bottom - top >= style::measure(&text, &text_style).1 * 4 / 3 + theme.px(4.0) {
                    style::label(root, &text, ((left + right) / 2, (top + bottom) / 2), &text_style)?;
                }
            }
            base += height;
        }
    }

    // Totals above the bars, category names and annual totals below them.
    let total_style = style::anchored(theme.bold(font_size::LABEL, INK), HPos::Center, VPos::Bottom);
    let name_style = style::anchored(theme.bold(font_size::TICK, INK), HPos::Center, VPos::Top);
    let annual_style = style::anchored(theme.text(font_size::SMALL, MUTED), HPos::Center, VPos::Top);
    let slot = chart.backend_coord(&(1.0, 0.0)).0 - chart.backend_coord(&(0.0, 0.0)).0 - theme.px(6.0);
    for (i, (name, plan)) in plans.iter().enumerate() {
        let centre = i as f64 + 0.5;
        let (x, y_top) = chart.backend_coord(&(centre, style::f64_of(plan.monthly.to_decimal())));
        style::label(root, &money(plan.monthly), (x, y_top - theme.px(4.0)), &total_style)?;
        let (_, y_axis) = chart.backend_coord(&(centre, 0.0));
        style::label(
            root,
            &style::ellipsize(name, slot, &name_style),
            (x, y_axis + theme.px(8.0)),
            &name_style,
        )?;
        let annual = format!("{} a year", money(plan.annual));
        style::label(
            root,
            &style::ellipsize(&annual, slot, &annual_style),
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
    let full = style::f64_of(estimate.full_dr.monthly.to_decimal());
    let optimized = style::f64_of(estimate.optimized_dr.monthly.to_decimal());
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
        .map_err(style::drawing)?;
        x += 2 * dash;
    }
    let first = format!("saves {} a month", style::money(saved, currency));
    let second = format!("{} % less than full DR", estimate.savings.percent.normalize());
    let text_style = style::anchored(theme.bold(font_size::SMALL, INK), HPos::Center, VPos::Top);
    let note_style = style::anchored(theme.text(font_size::SMALL, INK), HPos::Center, VPos::Top);
    let line_height = style::measure(&first, &text_style).1 + theme.px(4.0);
    // Below the line when the gap above the optimized total holds two lines, else above it.
    let total_height = theme.px(22.0);
    let gap = y_optimized - total_height - y_full;
    let y = if gap >= 2 * line_height + theme.px(6.0) {
        y_full + (gap - 2 * line_height) / 2
    } else {
        y_full - 2 * line_height - theme.px(4.0)
    };

    root.draw(&PathElement::new(vec![(arrow_x, y_full), (arrow_x, y_optimized)], line))
        .map_err(style::drawing)?;
    let head = theme.px(4.0);
    root.draw(&Polygon::new(
        vec![
            (arrow_x - head, y_optimized - 2 * head),
            (arrow_x + head, y_optimized - 2 * head),
            (arrow_x, y_optimized),
        ],
        INK.filled(),
    ))
    .map_err(style::drawing)?;
    // Centred over the bar unless that would run into the arrow.
    let widest = style::measure(&first, &text_style)
        .0
        .max(style::measure(&second, &note_style).0);
    let x = x_centre.min(arrow_x - theme.px(8.0) - widest / 2);
    style::label(root, &first, (x, y), &text_style)?;
    style::label(root, &second, (x, y + line_height), &note_style)
}

/// Swatches in stacking order, top component first, as the bars read.
fn legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, theme: &Theme, shown: &[usize]) -> Result<()> {
    let heading = style::anchored(theme.bold(font_size::LABEL, INK), HPos::Left, VPos::Top);
    let entry = style::anchored(theme.text(font_size::LABEL, INK), HPos::Left, VPos::Center);
    let x = theme.px(8.0);
    let mut y = theme.px(16.0);
    style::label(area, "Component", (x, y), &heading)?;
    y += theme.px(30.0);
    let swatch = theme.px(14.0);
    for &c in shown.iter().rev() {
        area.draw(&Rectangle::new(
            [(x, y - swatch / 2), (x + swatch, y + swatch / 2)],
            COLOURS[c].filled(),
        ))
        .map_err(style::drawing)?;
        style::label(area, Component::ALL[c].label(), (x + swatch + theme.px(8.0), y), &entry)?;
        y += theme.px(24.0);
    }
    Ok(())
}

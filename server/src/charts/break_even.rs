//! Break-even: cumulative downtime loss as hours of downtime grow, against
//! what DR adds a year (the DR cost); they cross at the break-even hours. The downtime the
//! chosen strategy is expected to avoid a year is marked too.

use engine::present::{compact_hours, compact_money};
use engine::Estimate;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{self, Axes, Axis, Margins, Ticks};
use super::drawing;
use super::layout::{self, Placer, Rect};
use super::marks::{self, Key};
use super::text;
use super::theme::{font_size, okabe_ito, ChartOptions, Theme, INK};
use crate::Result;

const LOSS: RGBColor = okabe_ito::BLUE;
const COST: RGBColor = okabe_ito::VERMILLION;
const AVOIDED: RGBColor = okabe_ito::GREEN;

/// Draws the chart on any plotters backend.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    estimate: &Estimate,
    opts: &ChartOptions,
) -> Result<()> {
    let theme = Theme::new(opts.size);
    let b = &estimate.break_even;
    let currency = estimate.currency.code.as_str();
    let per_hour_text = compact_money(b.downtime_cost_per_hour, currency);
    let body = layout::frame(
        root,
        &theme,
        "Break-even: downtime loss against what DR adds a year",
        &format!(
            "{currency} · downtime costs {per_hour_text} an hour · catalog {}",
            estimate.catalog_version
        ),
        opts,
    )?;
    let (legend_area, plot_area) = body.split_vertically(theme.px(30.0));
    let dashed_avoided = Key::Line {
        colour: AVOIDED,
        width: 2.0,
        dashed: true,
    };
    marks::legend_row(
        &legend_area,
        &theme,
        (theme.px(20.0), theme.px(12.0)),
        &[
            (
                Key::Line {
                    colour: LOSS,
                    width: 3.0,
                    dashed: false,
                },
                "Downtime loss".to_owned(),
            ),
            (
                Key::Line {
                    colour: COST,
                    width: 3.0,
                    dashed: false,
                },
                "What DR adds a year".to_owned(),
            ),
            (Key::Dot(INK), "Break-even".to_owned()),
            (dashed_avoided, "Expected downtime avoided".to_owned()),
        ],
    )?;

    let hours = axes::f64_of(b.hours);
    let avoided = axes::f64_of(b.downtime_avoided_hours);
    let per_hour = axes::f64_of(b.downtime_cost_per_hour.to_decimal());
    let annual = axes::f64_of(b.annual_dr_cost.to_decimal());
    // Break-even sits in the middle of the width and the cost line half-way
    // up, unless the avoided hours need more room to the right. When they
    // would squeeze break-even against the axis, they are written at the
    // right edge, pointing off the chart, instead.
    let off_chart = hours > 0.0 && avoided > hours * 5.0;
    let x_max = if off_chart {
        axes::nice_ceiling(hours * 2.5)
    } else if hours > 0.0 || avoided > 0.0 {
        axes::nice_ceiling((hours * 2.0).max(avoided * 1.1))
    } else {
        1.0
    };
    let y_max = axes::nice_ceiling((annual * 1.9).max(1.0));
    let mut chart = axes::draw(
        &plot_area,
        &theme,
        (0.0..x_max, 0.0..y_max),
        &Axes {
            margins: Margins {
                top: 6.0,
                right: 28.0,
                bottom: 6.0,
                left: 12.0,
            },
            x: Axis {
                room: 46.0,
                ticks: Ticks::Hours { count: 8 },
                grid: true,
                title: "Hours of downtime a year".to_owned(),
            },
            y: Axis {
                room: 78.0,
                ticks: Ticks::Money { count: 6, currency },
                grid: true,
                title: format!("{currency} a year"),
            },
        },
    )?;

    // The loss line leaves through the top of the plot when downtime is dear.
    let loss_end = if per_hour > 0.0 {
        (x_max.min(y_max / per_hour), (per_hour * x_max).min(y_max))
    } else {
        (x_max, 0.0)
    };
    chart
        .draw_series(LineSeries::new([(0.0, 0.0), loss_end], theme.stroke(LOSS, 3.0)))
        .map_err(drawing)?;
    chart
        .draw_series(LineSeries::new(
            [(0.0, annual), (x_max, annual)],
            theme.stroke(COST, 3.0),
        ))
        .map_err(drawing)?;

    let px = |x: f64, y: f64| chart.backend_coord(&(x, y));
    let (left, top) = px(0.0, y_max);
    let (right, bottom) = px(x_max, 0.0);
    let mut placer = Placer::new(
        Rect {
            x0: left,
            y0: top,
            x1: right,
            y1: bottom,
        },
        theme.px(3.0),
    );
    placer.block_line(px(0.0, 0.0), px(loss_end.0, loss_end.1), theme.px(4.0));
    placer.block_line(px(0.0, annual), px(x_max, annual), theme.px(3.0));

    // Expected downtime avoided: a dashed vertical line.
    let avoided_x = px(avoided.min(x_max), 0.0).0;
    if !off_chart {
        marks::dashed(
            root,
            (avoided_x, top),
            (avoided_x, bottom),
            &theme,
            theme.stroke(AVOIDED, 2.0),
        )?;
        placer.block_line((avoided_x, top), (avoided_x, bottom), theme.px(2.0));
    }

    // Break-even: a dotted drop to the axis and the point.
    let point = px(hours.min(x_max), annual);
    marks::dashed(root, point, (point.0, bottom), &theme, theme.stroke(INK, 1.0))?;
    placer.block_line(point, (point.0, bottom), theme.px(2.0));
    root.draw(&Circle::new(point, theme.px(6.0), INK.filled()))
        .map_err(drawing)?;
    placer.block(Rect::of_text(
        point,
        (theme.px(14.0), theme.px(14.0)),
        HPos::Center,
        VPos::Center,
    ));

    let gap = theme.px(8.0);
    let break_even_text = format!("break-even {}", compact_hours(b.hours));
    let (pos, text_style) = placer.place(
        &break_even_text,
        &theme.bold(font_size::LABEL, INK),
        &[
            ((point.0 + gap, point.1 + gap), HPos::Left, VPos::Top),
            ((point.0 - gap, point.1 - gap), HPos::Right, VPos::Bottom),
            ((point.0 + gap, point.1 - gap), HPos::Left, VPos::Bottom),
            ((point.0 - gap, point.1 + gap), HPos::Right, VPos::Top),
        ],
    );
    text::label(root, &break_even_text, pos, &text_style)?;

    let cost_text = format!("{} a year", compact_money(b.annual_dr_cost, currency));
    let (pos, text_style) = placer.place(
        &cost_text,
        &theme.text(font_size::SMALL, COST_TEXT),
        &[
            ((right - gap, point.1 - gap), HPos::Right, VPos::Bottom),
            ((right - gap, point.1 + gap), HPos::Right, VPos::Top),
            ((left + gap, point.1 - gap), HPos::Left, VPos::Bottom),
        ],
    );
    text::label(root, &cost_text, pos, &text_style)?;

    if off_chart {
        let text = format!(
            "expected downtime avoided {} a year →",
            compact_hours(b.downtime_avoided_hours)
        );
        let (pos, text_style) = placer.place(
            &text,
            &theme.bold(font_size::SMALL, AVOIDED_TEXT),
            &[
                ((right - gap, bottom - gap), HPos::Right, VPos::Bottom),
                ((right - gap, top + gap), HPos::Right, VPos::Top),
            ],
        );
        return text::label(root, &text, pos, &text_style);
    }
    let avoided_text = format!(
        "expected downtime avoided {} a year",
        compact_hours(b.downtime_avoided_hours)
    );
    let short_text = format!("avoided {} a year", compact_hours(b.downtime_avoided_hours));
    let avoided_style = theme.text(font_size::SMALL, AVOIDED_TEXT);
    let spots = |y: i32, v: VPos| {
        [
            ((avoided_x - gap, y), HPos::Right, v),
            ((avoided_x + gap, y), HPos::Left, v),
        ]
    };
    let mut candidates = Vec::new();
    candidates.extend(spots(bottom - gap, VPos::Bottom));
    candidates.extend(spots(top + gap, VPos::Top));
    candidates.extend(spots((top + bottom) / 2, VPos::Center));
    let text = [avoided_text, short_text]
        .into_iter()
        .find(|t| {
            let size = text::measure(t, &avoided_style);
            candidates
                .iter()
                .any(|(p, h, v)| placer.is_free(&Rect::of_text(*p, size, *h, *v)))
        })
        .unwrap_or_else(|| compact_hours(b.downtime_avoided_hours));
    let (pos, text_style) = placer.place(&text, &avoided_style, &candidates);
    text::label(root, &text, pos, &text_style)
}

/// Darker vermillion and green for text: the line colours are too light for
/// small type on white (WCAG 4.5:1).
const COST_TEXT: RGBColor = RGBColor(0xA8, 0x4A, 0x00);
const AVOIDED_TEXT: RGBColor = RGBColor(0x00, 0x6E, 0x50);

//! The plot both frontier charts share: monthly cost from zero against RTO
//! on a log axis, the side of the RTO target that meets it shaded, the
//! target as a dashed line with its label.

use engine::present::compact_duration;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::combinators::LogCoord;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::axes::{self, Axes, Axis, Margins, Ticks};
use super::drawing;
use super::layout::{Placer, Rect};
use super::marks;
use super::text;
use super::theme::{self, font_size, Theme, INK};
use crate::Result;

/// A drawn RTO plot: where its points go, and a placer that keeps labels
/// inside it and off the target line and its label.
pub(super) struct RtoPlot<'a, DB: DrawingBackend> {
    chart: ChartContext<'a, DB, Cartesian2d<LogCoord<f64>, RangedCoordf64>>,
    /// The right end of the RTO axis, minutes.
    pub x_hi: f64,
    /// The plotting area in pixels.
    pub bounds: Rect,
    /// Labels placed so far.
    pub placer: Placer,
}

impl<DB: DrawingBackend> RtoPlot<'_, DB> {
    /// The pixel of `(RTO minutes, cost a month)`; an RTO below the axis'
    /// floor is drawn at the floor.
    pub fn px(&self, rto_minutes: f64, cost: f64) -> (i32, i32) {
        self.chart
            .backend_coord(&(rto_minutes.max(axes::RTO_FLOOR_MINUTES), cost))
    }
}

/// Draws the axes, shading, ticks and target on `plot_area` (of `root`) for
/// `points` of `(RTO minutes, cost a month)`, with half a decade of air on
/// each side of them and the target so markers and labels stay inside.
pub(super) fn draw<'a, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot_area: &'a DrawingArea<DB, Shift>,
    theme: &Theme,
    currency: &str,
    x_desc: &str,
    target: Decimal,
    points: &[(f64, f64)],
) -> Result<RtoPlot<'a, DB>> {
    let floored = |m: f64| m.max(axes::RTO_FLOOR_MINUTES);
    let target_x = floored(axes::f64_of(target));
    let lowest = points.iter().map(|p| floored(p.0)).fold(target_x, f64::min);
    let highest = points.iter().map(|p| floored(p.0)).fold(target_x, f64::max);
    let (x_lo, x_hi) = ((lowest / 3.0).max(axes::RTO_FLOOR_MINUTES / 2.0), highest * 3.0);
    let top_cost = points.iter().map(|p| p.1).fold(0.0, f64::max);
    let y_max = axes::nice_ceiling((top_cost * 1.15).max(1.0));
    let chart = axes::draw(
        plot_area,
        theme,
        ((x_lo..x_hi).log_scale(), 0.0..y_max),
        &Axes {
            margins: Margins {
                top: 6.0,
                right: 28.0,
                bottom: 0.0,
                left: 12.0,
            },
            // The time ticks and their grid lines are drawn below.
            x: Axis {
                room: 46.0,
                title: x_desc.to_owned(),
                ..Axis::default()
            },
            y: Axis {
                room: 74.0,
                ticks: Ticks::Money { count: 6, currency },
                grid: true,
                title: format!("{currency} a month"),
            },
        },
    )?;

    let px = |x: f64, y: f64| chart.backend_coord(&(x, y));
    let (left, top) = px(x_lo, y_max);
    let (right, bottom) = px(x_hi, 0.0);

    // The side of the target that meets it, then the target line.
    let (target_px, _) = px(target_x.clamp(x_lo, x_hi), 0.0);
    root.draw(&Rectangle::new(
        [(left + 1, top), (target_px, bottom - 1)],
        theme::MEETS_ZONE.filled(),
    ))
    .map_err(drawing)?;
    axes::time_ticks(root, theme, (x_lo, x_hi), (top, bottom), |m| px(m, 0.0).0)?;
    marks::dashed(
        root,
        (target_px, top),
        (target_px, bottom),
        theme,
        theme.stroke(INK, 1.5),
    )?;

    let bounds = Rect {
        x0: left,
        y0: top,
        x1: right,
        y1: bottom,
    };
    let mut placer = Placer::new(bounds, theme.px(3.0));
    placer.block_line((target_px, top), (target_px, bottom), theme.px(2.0));
    let target_text = format!("RTO target {}", compact_duration(target));
    let gap = theme.px(6.0);
    let (pos, target_style) = placer.place(
        &target_text,
        &theme.bold(font_size::SMALL, INK),
        &[
            ((target_px - gap, top + gap), HPos::Right, VPos::Top),
            ((target_px + gap, top + gap), HPos::Left, VPos::Top),
            ((target_px - gap, bottom - gap), HPos::Right, VPos::Bottom),
            ((target_px + gap, bottom - gap), HPos::Left, VPos::Bottom),
        ],
    );
    text::label(root, &target_text, pos, &target_style)?;
    Ok(RtoPlot {
        chart,
        x_hi,
        bounds,
        placer,
    })
}

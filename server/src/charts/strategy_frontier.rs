//! Strategy frontier: monthly cost against achieved RTO (log scale) for every
//! strategy, the RTO target as a line, the recommended strategy highlighted.

use engine::present::{compact_duration, compact_money};
use engine::{Estimate, StrategyEstimate};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::axes;
use super::drawing;
use super::layout::{self, Rect};
use super::marks::{self, Key};
use super::rto_plot;
use super::text;
use super::theme::{self, font_size, ChartOptions, Theme, INK};
use crate::Result;

/// Draws the chart on any plotters backend.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    estimate: &Estimate,
    opts: &ChartOptions,
) -> Result<()> {
    let theme = Theme::new(opts.size);
    let currency = estimate.currency.code.as_str();
    let target = estimate.targets.rto_minutes;
    let rec = &estimate.recommendation;
    // The recommendation is a per-layer design, not one of the strategies:
    // it is drawn as a point of its own, ringed.
    let highlight_text = if rec.meets {
        "Optimized DR (recommended)"
    } else {
        "Optimized DR (closest; none meets both targets)"
    };
    let body = layout::frame(
        root,
        &theme,
        "DR strategies: monthly cost against recovery time",
        &format!(
            "{currency} a month · targets RTO {}, RPO {} · catalog {}",
            compact_duration(target),
            compact_duration(estimate.targets.rpo_minutes),
            estimate.catalog_version
        ),
        opts,
    )?;
    let (legend_area, plot_area) = body.split_vertically(theme.px(30.0));
    let mut legend = vec![
        (Key::Dot(theme::MEETS), "Meets the RTO target".to_owned()),
        (Key::Cross(theme::MISSES), "Misses it".to_owned()),
    ];
    legend.push((Key::Ring(INK), highlight_text.to_owned()));
    marks::legend_row(&legend_area, &theme, (theme.px(20.0), theme.px(12.0)), &legend)?;

    let strategies = &estimate.strategies;
    let rto = |s: &StrategyEstimate| axes::f64_of(s.rto_minutes);
    let cost = |s: &StrategyEstimate| axes::f64_of(s.monthly.to_decimal());
    let design = (axes::f64_of(rec.rto_minutes), axes::f64_of(rec.monthly.to_decimal()));
    let spots: Vec<(f64, f64)> = strategies.iter().map(|s| (rto(s), cost(s))).chain([design]).collect();
    let plot = rto_plot::draw(
        root,
        &plot_area,
        &theme,
        currency,
        "Achieved RTO (log scale)",
        target,
        &spots,
    )?;
    let mut placer = plot.placer.clone();

    // Markers first, so that no label is placed over any of them.
    let radius = theme.px(7.0);
    let points: Vec<(i32, i32)> = strategies.iter().map(|s| plot.px(rto(s), cost(s))).collect();
    for (s, &point) in strategies.iter().zip(&points) {
        marks::verdict_marker(root, &theme, s.meets_rto, point, radius)?;
        placer.block(Rect::of_text(
            point,
            (2 * radius, 2 * radius),
            HPos::Center,
            VPos::Center,
        ));
    }
    let design_point = plot.px(design.0, design.1);
    marks::verdict_marker(root, &theme, rec.meets, design_point, radius)?;
    root.draw(&Circle::new(design_point, radius * 2, theme.stroke(INK, 2.5)))
        .map_err(drawing)?;
    placer.block(Rect::of_text(
        design_point,
        (4 * radius, 4 * radius),
        HPos::Center,
        VPos::Center,
    ));

    let regular = theme.text(font_size::SMALL, INK);
    let bold = theme.bold(font_size::SMALL, INK);
    let labels = strategies
        .iter()
        .zip(&points)
        .map(|(s, &point)| {
            let mut text = format!(
                "{} · {} · {}",
                s.name,
                compact_money(s.monthly, currency),
                compact_duration(s.rto_minutes)
            );
            if s.chosen {
                text.push_str(" · current");
            }
            (text, point, false)
        })
        .chain([(
            format!(
                "Optimized DR · {} · {}",
                compact_money(rec.monthly, currency),
                compact_duration(rec.rto_minutes)
            ),
            design_point,
            true,
        )]);
    for (text, (x, y), highlighted) in labels {
        let d = if highlighted {
            2 * radius + theme.px(4.0)
        } else {
            radius + theme.px(6.0)
        };
        let (pos, text_style) = placer.place(
            &text,
            if highlighted { &bold } else { &regular },
            &[
                ((x + d, y), HPos::Left, VPos::Center),
                ((x - d, y), HPos::Right, VPos::Center),
                ((x, y - d), HPos::Center, VPos::Bottom),
                ((x, y + d), HPos::Center, VPos::Top),
                ((x + d / 2, y - d), HPos::Left, VPos::Bottom),
                ((x - d / 2, y - d), HPos::Right, VPos::Bottom),
                ((x + d / 2, y + d), HPos::Left, VPos::Top),
                ((x - d / 2, y + d), HPos::Right, VPos::Top),
                ((x, y - d - theme.px(16.0)), HPos::Center, VPos::Bottom),
                ((x, y + d + theme.px(16.0)), HPos::Center, VPos::Top),
            ],
        );
        text::label(root, &text, pos, &text_style)?;
    }
    Ok(())
}

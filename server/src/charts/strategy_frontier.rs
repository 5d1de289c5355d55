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
    let (highlight, highlight_text) = match (&rec.strategy, &rec.closest) {
        (Some(id), _) => (Some(id.as_str()), "Recommended"),
        (None, Some(id)) => (Some(id.as_str()), "Closest (none meets both targets)"),
        (None, None) => (None, ""),
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
    if highlight.is_some() {
        legend.push((Key::Ring(INK), highlight_text.to_owned()));
    }
    marks::legend_row(&legend_area, &theme, (theme.px(20.0), theme.px(12.0)), &legend)?;

    let strategies = &estimate.strategies;
    let rto = |s: &StrategyEstimate| axes::f64_of(s.rto_minutes);
    let cost = |s: &StrategyEstimate| axes::f64_of(s.monthly.to_decimal());
    let spots: Vec<(f64, f64)> = strategies.iter().map(|s| (rto(s), cost(s))).collect();
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
        if Some(s.id.as_str()) == highlight {
            root.draw(&Circle::new(point, radius * 2, theme.stroke(INK, 2.5)))
                .map_err(drawing)?;
        }
        let reach = if Some(s.id.as_str()) == highlight {
            2 * radius
        } else {
            radius
        };
        placer.block(Rect::of_text(point, (2 * reach, 2 * reach), HPos::Center, VPos::Center));
    }

    let regular = theme.text(font_size::SMALL, INK);
    let bold = theme.bold(font_size::SMALL, INK);
    for (s, &(x, y)) in strategies.iter().zip(&points) {
        let highlighted = Some(s.id.as_str()) == highlight;
        let mut text = format!(
            "{} · {} · {}",
            s.name,
            compact_money(s.monthly, currency),
            compact_duration(s.rto_minutes)
        );
        if s.chosen {
            text.push_str(" · current");
        }
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

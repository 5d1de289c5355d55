//! Strategy frontier: monthly cost against achieved RTO (log scale) for every
//! strategy, the RTO target as a line, the recommended strategy highlighted.

use engine::{Estimate, StrategyEstimate};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::style::{self, font_size, okabe_ito, ChartOptions, Key, Placer, Rect, Theme, INK, MUTED};
use crate::Result;

const MEETS: RGBColor = okabe_ito::GREEN;
const MISSES: RGBColor = okabe_ito::VERMILLION;
/// The shaded side of the target line where RTO is met.
const MEETS_ZONE: RGBColor = RGBColor(0xEA, 0xF6, 0xF1);

/// The shortest RTO the log axis shows: a strategy recovering in no time
/// is drawn at 6 seconds and labelled with its real value.
const FLOOR_MINUTES: f64 = 0.1;

/// Ticks offered on the RTO axis, in minutes; those that would crowd are dropped.
const TICKS: [f64; 15] = [
    0.1, 0.5, 1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 240.0, 480.0, 1440.0, 2880.0, 10080.0, 43200.0, 525600.0,
];

/// The strategy frontier as SVG.
pub fn strategy_frontier(estimate: &Estimate, opts: &ChartOptions) -> Result<String> {
    super::svg(super::Chart::StrategyFrontier, estimate, opts)
}

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
    let body = style::frame(
        root,
        &theme,
        "DR strategies: monthly cost against recovery time",
        &format!(
            "{currency} a month · targets RTO {}, RPO {} · catalog {}",
            style::duration(target),
            style::duration(estimate.targets.rpo_minutes),
            estimate.catalog_version
        ),
        opts,
    )?;
    let (legend_area, plot_area) = body.split_vertically(theme.px(30.0));
    let mut legend = vec![
        (Key::Dot(MEETS), "Meets the RTO target".to_owned()),
        (Key::Cross(MISSES), "Misses it".to_owned()),
    ];
    if highlight.is_some() {
        legend.push((Key::Ring(INK), highlight_text.to_owned()));
    }
    style::legend_row(&legend_area, &theme, (theme.px(20.0), theme.px(12.0)), &legend)?;

    let strategies = &estimate.strategies;
    let rto = |s: &StrategyEstimate| style::f64_of(s.rto_minutes).max(FLOOR_MINUTES);
    let target_x = style::f64_of(target).max(FLOOR_MINUTES);
    let lowest = strategies.iter().map(rto).fold(target_x, f64::min);
    let highest = strategies.iter().map(rto).fold(target_x, f64::max);
    // Half a decade of air on each side so markers and labels stay inside.
    let (x_lo, x_hi) = ((lowest / 3.0).max(FLOOR_MINUTES / 2.0), highest * 3.0);
    let top_cost = strategies
        .iter()
        .map(|s| style::f64_of(s.monthly.to_decimal()))
        .fold(0.0, f64::max);
    let y_max = style::nice_ceiling((top_cost * 1.15).max(1.0));
    let mut chart = ChartBuilder::on(&plot_area)
        .margin_top(theme.px(6.0))
        .margin_left(theme.px(12.0))
        .margin_right(theme.px(28.0))
        .x_label_area_size(theme.px(46.0))
        .y_label_area_size(theme.px(74.0))
        .build_cartesian_2d((x_lo..x_hi).log_scale(), 0.0..y_max)
        .map_err(style::drawing)?;
    let tick = |v: &f64| style::money_tick(*v, currency);
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .x_labels(0)
        // The log axis still labels one tick; the time ticks are drawn below.
        .x_label_formatter(&|_| String::new())
        .y_labels(6)
        .y_label_formatter(&tick)
        .x_desc("Achieved RTO (log scale)")
        .y_desc(format!("{currency} a month"));
    theme.mesh(&mut mesh).draw().map_err(style::drawing)?;

    let px = |x: f64, y: f64| chart.backend_coord(&(x, y));
    let (left, top) = px(x_lo, y_max);
    let (right, bottom) = px(x_hi, 0.0);

    // The side of the target that meets it, then the target line.
    let (target_px, _) = px(target_x.clamp(x_lo, x_hi), 0.0);
    root.draw(&Rectangle::new(
        [(left + 1, top), (target_px, bottom - 1)],
        MEETS_ZONE.filled(),
    ))
    .map_err(style::drawing)?;

    // Time ticks and vertical grid lines, skipping any that would touch.
    let tick_style = style::anchored(theme.text(font_size::TICK, MUTED), HPos::Center, VPos::Top);
    let mut last_right = i32::MIN;
    for minutes in TICKS.into_iter().filter(|m| (x_lo..=x_hi).contains(m)) {
        let text = style::duration(Decimal::from_f64_retain(minutes).unwrap_or_default());
        let (x, _) = px(minutes, 0.0);
        let w = style::measure(&text, &tick_style).0;
        if x - w / 2 < last_right + theme.px(10.0) {
            continue;
        }
        last_right = x + w / 2;
        root.draw(&PathElement::new(
            vec![(x, top), (x, bottom)],
            theme.stroke(style::GRID, 1.0),
        ))
        .map_err(style::drawing)?;
        root.draw(&PathElement::new(
            vec![(x, bottom), (x, bottom + theme.px(5.0))],
            theme.stroke(MUTED, 1.0),
        ))
        .map_err(style::drawing)?;
        style::label(root, &text, (x, bottom + theme.px(8.0)), &tick_style)?;
    }
    style::dashed(
        root,
        (target_px, top),
        (target_px, bottom),
        &theme,
        theme.stroke(INK, 1.5),
    )?;

    let mut placer = Placer::new(
        Rect {
            x0: left,
            y0: top,
            x1: right,
            y1: bottom,
        },
        theme.px(3.0),
    );
    placer.block_line((target_px, top), (target_px, bottom), theme.px(2.0));
    let target_text = format!("RTO target {}", style::duration(target));
    let (pos, target_style) = placer.place(
        &target_text,
        &theme.bold(font_size::SMALL, INK),
        &[
            ((target_px - theme.px(6.0), top + theme.px(6.0)), HPos::Right, VPos::Top),
            ((target_px + theme.px(6.0), top + theme.px(6.0)), HPos::Left, VPos::Top),
        ],
    );
    style::label(root, &target_text, pos, &target_style)?;

    // Markers first, so that no label is placed over any of them.
    let radius = theme.px(7.0);
    let points: Vec<(i32, i32)> = strategies
        .iter()
        .map(|s| px(rto(s), style::f64_of(s.monthly.to_decimal())))
        .collect();
    for (s, &point) in strategies.iter().zip(&points) {
        let key = if s.meets_rto {
            Key::Dot(MEETS)
        } else {
            Key::Cross(MISSES)
        };
        marker(root, &theme, key, point, radius)?;
        if Some(s.id.as_str()) == highlight {
            root.draw(&Circle::new(point, radius * 2, theme.stroke(INK, 2.5)))
                .map_err(style::drawing)?;
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
            style::money(s.monthly.to_decimal(), currency),
            style::duration(s.rto_minutes)
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
        style::label(root, &text, pos, &text_style)?;
    }
    Ok(())
}

fn marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    key: Key,
    (x, y): (i32, i32),
    r: i32,
) -> Result<()> {
    match key {
        Key::Cross(colour) => {
            let stroke = theme.stroke(colour, 3.0);
            area.draw(&PathElement::new(vec![(x - r, y - r), (x + r, y + r)], stroke))
                .map_err(style::drawing)?;
            area.draw(&PathElement::new(vec![(x - r, y + r), (x + r, y - r)], stroke))
                .map_err(style::drawing)
        }
        _ => {
            area.draw(&Circle::new((x, y), r, MEETS.filled()))
                .map_err(style::drawing)?;
            area.draw(&Circle::new((x, y), r, theme.stroke(WHITE, 1.5)))
                .map_err(style::drawing)
        }
    }
}

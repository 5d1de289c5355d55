//! Per-layer designs: the optimizer's cost/RTO Pareto frontier as a step
//! line (for any RTO, the least a design achieving it costs), the RTO target
//! with its met side shaded, and the cheapest design meeting both targets
//! ringed and labelled. The engine returns the frontier and the cheapest
//! design, not every design searched, so those are what is drawn; the
//! subtitle gives the size of the search.
//!
//! RTO is on a log axis, as on the strategy frontier: designs recover in
//! minutes to a day, and the target sits among the fast ones.

use engine::present::{compact_duration, compact_money};
use engine::{Design, Estimate, Optimization};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::axes;
use super::drawing;
use super::layout::{self, Rect};
use super::marks::{self, Key};
use super::rto_plot;
use super::text;
use super::theme::{self, font_size, okabe_ito, ChartOptions, Theme, INK};
use crate::Result;

const FRONTIER: RGBColor = okabe_ito::BLUE;

/// Draws the chart on any plotters backend.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    estimate: &Estimate,
    optimization: &Optimization,
    opts: &ChartOptions,
) -> Result<()> {
    let theme = Theme::new(opts.size);
    let currency = estimate.currency.code.as_str();
    let targets = optimization.targets;
    let body = layout::frame(
        root,
        &theme,
        "Per-layer designs: cheapest monthly cost for each recovery time",
        &format!(
            "{currency} a month · {} designs searched, {} meet RTO {} and RPO {}",
            optimization.search_space,
            optimization.feasible,
            compact_duration(targets.rto_minutes),
            compact_duration(targets.rpo_minutes),
        ),
        opts,
    )?;
    let (legend_area, plot_area) = body.split_vertically(theme.px(30.0));
    marks::legend_row(
        &legend_area,
        &theme,
        (theme.px(20.0), theme.px(12.0)),
        &[
            (
                Key::Line {
                    colour: FRONTIER,
                    width: 2.5,
                    dashed: false,
                },
                "Frontier".to_owned(),
            ),
            (Key::Dot(theme::MEETS), "Meets both targets".to_owned()),
            (Key::Cross(theme::MISSES), "Misses one".to_owned()),
        ]
        .into_iter()
        .chain(
            optimization
                .cheapest
                .is_some()
                .then(|| (Key::Ring(INK), "Cheapest meeting both targets".to_owned())),
        )
        .collect::<Vec<_>>(),
    )?;

    let frontier = &optimization.frontier;
    let cheapest = optimization.cheapest.as_ref();
    let shown: Vec<&Design> = frontier.iter().chain(cheapest.filter(|c| !c.on_frontier)).collect();
    let rto = |d: &Design| axes::f64_of(d.rto_minutes);
    let cost = |d: &Design| axes::f64_of(d.monthly.to_decimal());
    let spots: Vec<(f64, f64)> = shown.iter().map(|d| (rto(d), cost(d))).collect();
    let plot = rto_plot::draw(
        root,
        &plot_area,
        &theme,
        currency,
        "Design RTO (log scale)",
        targets.rto_minutes,
        &spots,
    )?;
    let x_hi = plot.x_hi;
    let px = |x: f64, y: f64| plot.px(x, y);
    let mut placer = plot.placer.clone();
    let Rect {
        x0: left,
        y0: top,
        x1: right,
        y1: bottom,
    } = plot.bounds;

    // The staircase: from each frontier design (cost ascending, RTO
    // descending) the cost holds until the next, faster design is reached,
    // then steps up to it. The cheapest design's cost runs on to the right edge.
    let mut steps: Vec<(i32, i32)> = Vec::new();
    if let Some(first) = frontier.first() {
        steps.push(px(x_hi, cost(first)));
    }
    for (i, d) in frontier.iter().enumerate() {
        if i > 0 {
            steps.push(px(rto(d), cost(&frontier[i - 1])));
        }
        steps.push(px(rto(d), cost(d)));
    }
    for pair in steps.windows(2) {
        placer.block_line(pair[0], pair[1], theme.px(3.0));
    }
    marks::polyline(root, steps, &theme, theme.stroke(FRONTIER, 2.5), None)?;

    // Markers first, so that no label is placed over any of them.
    let radius = theme.px(6.0);
    let is_cheapest = |d: &Design| cheapest.is_some_and(|c| c == d);
    let points: Vec<(i32, i32)> = shown.iter().map(|d| px(rto(d), cost(d))).collect();
    for (d, &point) in shown.iter().zip(&points) {
        marks::verdict_marker(root, &theme, d.meets_rto && d.meets_rpo, point, radius)?;
        let reach = if is_cheapest(d) {
            root.draw(&Circle::new(point, radius * 2, theme.stroke(INK, 2.5)))
                .map_err(drawing)?;
            2 * radius
        } else {
            radius
        };
        placer.block(Rect::of_text(point, (2 * reach, 2 * reach), HPos::Center, VPos::Center));
    }

    // The cheapest feasible design's label first: it is the one that must fit.
    let mut order: Vec<usize> = (0..shown.len()).collect();
    order.sort_by_key(|&i| !is_cheapest(shown[i]));
    let regular = theme.text(font_size::SMALL, INK);
    let bold = theme.bold(font_size::SMALL, INK);
    for i in order {
        let (d, (x, y)) = (shown[i], points[i]);
        let highlighted = is_cheapest(d);
        let figures = format!(
            "{} · {}",
            compact_money(d.monthly, currency),
            compact_duration(d.rto_minutes)
        );
        // Other labels get shorter when crowded, and are left out when even
        // the figures do not fit: the design table lists every point.
        let texts = if highlighted {
            vec![format!("Cheapest meeting both: {figures}")]
        } else if d.meets_rto && !d.meets_rpo {
            vec![
                format!("{figures} · misses RPO ({})", compact_duration(d.rpo_minutes)),
                figures,
            ]
        } else {
            vec![figures]
        };
        let d = if highlighted {
            2 * radius + theme.px(4.0)
        } else {
            radius + theme.px(5.0)
        };
        let text_style = if highlighted { &bold } else { &regular };
        let candidates = [
            ((x + d, y), HPos::Left, VPos::Center),
            ((x - d, y), HPos::Right, VPos::Center),
            ((x + d / 2, y - d), HPos::Left, VPos::Bottom),
            ((x - d / 2, y - d), HPos::Right, VPos::Bottom),
            ((x + d / 2, y + d), HPos::Left, VPos::Top),
            ((x - d / 2, y + d), HPos::Right, VPos::Top),
            ((x, y - d - theme.px(14.0)), HPos::Center, VPos::Bottom),
            ((x, y + d + theme.px(14.0)), HPos::Center, VPos::Top),
        ];
        let fits = |text: &String| {
            let size = text::measure(text, text_style);
            candidates
                .iter()
                .any(|(p, h, v)| placer.is_free(&Rect::of_text(*p, size, *h, *v)))
        };
        let chosen = texts.iter().find(|t| fits(t)).or(texts.first().filter(|_| highlighted));
        if let Some(text) = chosen {
            let (pos, text_style) = placer.place(text, text_style, &candidates);
            text::label(root, text, pos, &text_style)?;
        }
    }
    if cheapest.is_none() {
        let text = "No design meets both targets";
        let (pos, text_style) = placer.place(
            text,
            &theme.bold(font_size::LABEL, MISSES_TEXT),
            &[
                ((right - theme.px(8.0), top + theme.px(8.0)), HPos::Right, VPos::Top),
                (
                    (right - theme.px(8.0), bottom - theme.px(8.0)),
                    HPos::Right,
                    VPos::Bottom,
                ),
                ((left + theme.px(8.0), top + theme.px(8.0)), HPos::Left, VPos::Top),
            ],
        );
        text::label(root, text, pos, &text_style)?;
    }
    Ok(())
}

/// Darker vermillion for text: the marker colour is too light for type on white.
const MISSES_TEXT: RGBColor = RGBColor(0xA8, 0x4A, 0x00);

//! Loss exceedance: for each annual loss x, the chance that a year loses more
//! than x, without DR and under every strategy (computed exactly, or the
//! share of simulated years under Monte Carlo).
//!
//! Both axes are logarithmic. Annual losses run from a quiet year to a
//! 1-in-10,000 year, and from a cheap scenario to a dear one, across one to
//! three decades; on a log axis a ratio is a fixed distance, so "DR halves
//! the loss" looks the same at every scale and the curves of close
//! strategies stay apart. The probabilities of interest are the tail (10 %,
//! 1 %, 0.1 %): on a linear axis they would be squeezed against zero, on a
//! log axis each decade gets the same room. A curve's last point (0.01 %,
//! or under Monte Carlo the largest simulated loss) shows as 0.0 %, off a
//! log axis, so the curve drops to the bottom edge there.

use engine::present::{compact_money, computation};
use engine::{Computation, Estimate, LossDistribution, Money, Simulation};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::axes::{self, Axes, Axis, Margins};
use super::drawing;
use super::layout::{self, Placer, Rect};
use super::marks::{self, Key};
use super::text;
use super::theme::{self, font_size, okabe_ito, ChartOptions, Theme, INK, MUTED};
use crate::Result;

/// The plan without DR: the one solid line, in the warning colour.
const WITHOUT: RGBColor = okabe_ito::VERMILLION;

/// Strategies in catalog order: a colour and a dash pattern each, so a
/// curve is told apart by either (greyscale print, colour-blind readers).
/// Yellow is too light for a thin line on white and vermillion is taken.
const STRATEGY_LOOKS: [(RGBColor, Option<(f64, f64)>); 5] = [
    (okabe_ito::BLUE, Some((12.0, 5.0))),
    (okabe_ito::ORANGE, Some((3.0, 3.0))),
    (okabe_ito::GREEN, Some((7.0, 4.0))),
    (okabe_ito::PURPLE, None),
    (okabe_ito::SKY_BLUE, Some((16.0, 3.0))),
];

/// Probability ticks (percent) offered on the y axis; crowded ones are dropped.
const PERCENT_TICKS: [f64; 13] = [100.0, 50.0, 20.0, 10.0, 5.0, 2.0, 1.0, 0.5, 0.2, 0.1, 0.05, 0.01, 0.001];

/// Multiples of a power of ten offered as loss ticks.
const LOSS_STEPS: [f64; 3] = [1.0, 2.0, 5.0];

/// One drawn curve.
struct Curve<'a> {
    plan: &'a LossDistribution,
    colour: RGBColor,
    dashes: Option<(f64, f64)>,
    chosen: bool,
}

impl Curve<'_> {
    fn width(&self) -> f64 {
        if self.chosen {
            4.0
        } else {
            2.0
        }
    }

    fn key(&self) -> Key {
        Key::Pattern {
            colour: self.colour,
            width: self.width(),
            dashes: self.dashes,
        }
    }
}

/// Draws the chart on any plotters backend.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    estimate: &Estimate,
    simulation: &Simulation,
    opts: &ChartOptions,
) -> Result<()> {
    let theme = Theme::new(opts.size);
    let currency = estimate.currency.code.as_str();
    let money = |m: Money| compact_money(m, currency);
    let chosen = estimate.strategies.iter().find(|s| s.chosen).map(|s| s.id.as_str());
    let mut curves = vec![Curve {
        plan: &simulation.without_dr,
        colour: WITHOUT,
        dashes: None,
        chosen: false,
    }];
    for (i, plan) in simulation.strategies.iter().enumerate() {
        let (colour, dashes) = STRATEGY_LOOKS[i % STRATEGY_LOOKS.len()];
        curves.push(Curve {
            plan,
            colour,
            dashes,
            chosen: plan.strategy.as_deref() == chosen && chosen.is_some(),
        });
    }
    let body = layout::frame(
        root,
        &theme,
        "How often a year's loss exceeds each amount, without and with DR",
        &format!(
            "{currency} a year · {} · catalog {}",
            computation(&simulation.computed, currency),
            estimate.catalog_version
        ),
        opts,
    )?;

    // The legend is a column on the right: one entry per curve with its
    // P90 and P99, in catalog order (which is also the order of the curves).
    let entries: Vec<(String, String)> = curves
        .iter()
        .map(|c| {
            let name = if c.chosen {
                format!("{} · current", c.plan.name)
            } else {
                c.plan.name.clone()
            };
            (name, format!("P90 {} · P99 {}", money(c.plan.p90), money(c.plan.p99)))
        })
        .collect();
    let widest = entries
        .iter()
        .flat_map(|(name, figures)| {
            [
                text::measure(name, &theme.bold(font_size::SMALL, INK)).0,
                text::measure(figures, &theme.text(font_size::SMALL, MUTED)).0,
            ]
        })
        .max()
        .unwrap_or(0);
    let legend_width = (widest + theme.px(40.0) + theme.px(12.0)).clamp(theme.px(170.0), theme.px(300.0));
    let (plot_area, legend_area) = body.split_horizontally(theme.width - legend_width);
    legend(&legend_area, &theme, &curves, &entries)?;

    let positive = |p: &&engine::ExceedancePoint| p.percent > Decimal::ZERO && p.loss > Money::ZERO;
    let losses = curves
        .iter()
        .flat_map(|c| c.plan.exceedance.iter())
        .map(|p| axes::f64_of(p.loss.to_decimal()))
        .filter(|l| *l > 0.0);
    let (lowest, highest) = losses.fold((f64::INFINITY, 0.0f64), |(lo, hi), l| (lo.min(l), hi.max(l)));
    let (lowest, highest) = if lowest.is_finite() {
        (lowest, highest.max(lowest * 10.0))
    } else {
        (1.0, 10.0)
    };
    // The rarest exceedance a curve shows: 0.01 %, or one year in `years`.
    let rarest = match simulation.computed {
        Computation::Exact { .. } => 100.0 * engine::loss::RAREST,
        Computation::MonteCarlo { years, .. } => 100.0 / f64::from(years.max(1)),
    };
    let (x_lo, x_hi) = (lowest / 1.25, highest * 1.25);
    let (y_lo, y_hi) = ((rarest.min(1.0)) / 2.0, 100.0 * 1.35);
    // Log axes pick awkward ticks: both sets, and their grid, are drawn below instead.
    let chart = axes::draw(
        &plot_area,
        &theme,
        ((x_lo..x_hi).log_scale(), (y_lo..y_hi).log_scale()),
        &Axes {
            margins: Margins {
                top: 10.0,
                right: 16.0,
                bottom: 0.0,
                left: 12.0,
            },
            x: Axis {
                room: 46.0,
                title: format!("Annual loss, {currency} (log scale)"),
                ..Axis::default()
            },
            y: Axis {
                room: 64.0,
                title: "Share of years losing more (log scale)".to_owned(),
                ..Axis::default()
            },
        },
    )?;

    let px = |x: f64, y: f64| chart.backend_coord(&(x, y));
    let (left, top) = px(x_lo, y_hi);
    let (right, bottom) = px(x_hi, y_lo);
    let tick_style = theme.text(font_size::TICK, MUTED);
    let grid = theme.stroke(theme::GRID, 1.0);
    let tick_mark = theme.stroke(MUTED, 1.0);

    // Loss ticks: 1, 2, 5 × 10^k, skipping any that would touch.
    let x_tick_style = text::anchored(tick_style.clone(), HPos::Center, VPos::Top);
    let mut last_right = i32::MIN;
    let mut power = 10f64.powf(x_lo.log10().floor());
    while power <= x_hi {
        for value in LOSS_STEPS
            .iter()
            .map(|s| s * power)
            .filter(|v| (x_lo..=x_hi).contains(v))
        {
            let text = axes::money_tick(value, currency);
            let (x, _) = px(value, y_lo);
            let w = text::measure(&text, &x_tick_style).0;
            if x - w / 2 < last_right + theme.px(12.0) || x + w / 2 > right + theme.px(14.0) {
                continue;
            }
            last_right = x + w / 2;
            root.draw(&PathElement::new(vec![(x, top), (x, bottom)], grid))
                .map_err(drawing)?;
            root.draw(&PathElement::new(
                vec![(x, bottom), (x, bottom + theme.px(5.0))],
                tick_mark,
            ))
            .map_err(drawing)?;
            text::label(root, &text, (x, bottom + theme.px(8.0)), &x_tick_style)?;
        }
        power *= 10.0;
    }
    // Probability ticks, top down.
    let y_tick_style = text::anchored(tick_style, HPos::Right, VPos::Center);
    let mut last_bottom = i32::MIN;
    for percent in PERCENT_TICKS.into_iter().filter(|p| (y_lo..=y_hi).contains(p)) {
        let (_, y) = px(x_lo, percent);
        let h = text::measure("0", &y_tick_style).1;
        if y - h / 2 < last_bottom + theme.px(4.0) {
            continue;
        }
        last_bottom = y + h / 2;
        root.draw(&PathElement::new(vec![(left, y), (right, y)], grid))
            .map_err(drawing)?;
        root.draw(&PathElement::new(vec![(left - theme.px(5.0), y), (left, y)], tick_mark))
            .map_err(drawing)?;
        text::label(root, &percent_text(percent), (left - theme.px(8.0), y), &y_tick_style)?;
    }

    let mut placer = Placer::new(
        Rect {
            x0: left,
            y0: top,
            x1: right,
            y1: bottom,
        },
        theme.px(3.0),
    );
    // P90 and P99 as "one year in ten / in a hundred" reference lines.
    let marks: Vec<(f64, &str)> = [(10.0, "1 year in 10 (P90)"), (1.0, "1 year in 100 (P99)")]
        .into_iter()
        .filter(|(p, _)| *p >= rarest)
        .collect();
    for (percent, _) in &marks {
        let (_, y) = px(x_lo, *percent);
        marks::dashed(root, (left, y), (right, y), &theme, theme.stroke(MUTED, 1.0))?;
    }

    // The chosen strategy last, so it lies on top.
    let mut order: Vec<&Curve> = curves.iter().collect();
    order.sort_by_key(|c| c.chosen);
    for curve in &order {
        let mut points: Vec<(i32, i32)> = curve
            .plan
            .exceedance
            .iter()
            .filter(positive)
            .map(|p| px(axes::f64_of(p.loss.to_decimal()), axes::f64_of(p.percent)))
            .collect();
        // The largest loss, exceeded in no year: down to the bottom edge.
        if let Some(last) = curve.plan.exceedance.last().filter(|p| p.percent.is_zero()) {
            points.push(px(axes::f64_of(last.loss.to_decimal()).max(x_lo), y_lo));
        }
        for pair in points.windows(2) {
            placer.block_line(pair[0], pair[1], theme.px(2.0));
        }
        marks::polyline(
            root,
            points,
            &theme,
            theme.stroke(curve.colour, curve.width()),
            curve.dashes,
        )?;
    }

    // Dots where the plan without DR and the chosen strategy cross the
    // reference lines, with their losses: the figures finance asks for.
    let marked: Vec<&Curve> = curves
        .iter()
        .filter(|c| c.chosen || c.plan.strategy.is_none())
        .collect();
    let radius = theme.px(5.0);
    let mut values = Vec::new();
    for curve in &marked {
        for (percent, _) in &marks {
            let loss = if *percent == 10.0 {
                curve.plan.p90
            } else {
                curve.plan.p99
            };
            let point = px(axes::f64_of(loss.to_decimal()).clamp(x_lo, x_hi), *percent);
            root.draw(&Circle::new(point, radius, curve.colour.filled()))
                .map_err(drawing)?;
            root.draw(&Circle::new(point, radius, theme.stroke(WHITE, 1.5)))
                .map_err(drawing)?;
            placer.block(Rect::of_text(
                point,
                (2 * radius + 2, 2 * radius + 2),
                HPos::Center,
                VPos::Center,
            ));
            values.push((point, money(loss), curve.chosen));
        }
    }
    for (percent, text) in &marks {
        let (_, y) = px(x_lo, *percent);
        let gap = theme.px(4.0);
        let (pos, text_style) = placer.place(
            text,
            &theme.text(font_size::SMALL, MUTED),
            &[
                ((left + gap, y - gap), HPos::Left, VPos::Bottom),
                ((right - gap, y - gap), HPos::Right, VPos::Bottom),
                ((left + gap, y + gap), HPos::Left, VPos::Top),
                ((right - gap, y + gap), HPos::Right, VPos::Top),
            ],
        );
        text::label(root, text, pos, &text_style)?;
    }
    for ((x, y), text, chosen) in values {
        let text_style = if chosen {
            theme.bold(font_size::SMALL, INK)
        } else {
            theme.text(font_size::SMALL, INK)
        };
        let d = radius + theme.px(4.0);
        let (pos, text_style) = placer.place(
            &text,
            &text_style,
            &[
                ((x + d, y - d / 2), HPos::Left, VPos::Bottom),
                ((x - d, y - d / 2), HPos::Right, VPos::Bottom),
                ((x + d, y + d / 2), HPos::Left, VPos::Top),
                ((x - d, y + d / 2), HPos::Right, VPos::Top),
                ((x + d, y), HPos::Left, VPos::Center),
                ((x - d, y), HPos::Right, VPos::Center),
            ],
        );
        text::label(root, &text, pos, &text_style)?;
    }
    Ok(())
}

/// The legend column: each curve's line, name (bold when chosen) and, under
/// it, its P90 and P99 losses (`entries`, one per curve).
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    curves: &[Curve],
    entries: &[(String, String)],
) -> Result<()> {
    let x = theme.px(4.0);
    let text_x = x + theme.px(36.0);
    let width = area.dim_in_pixel().0 as i32 - text_x - theme.px(8.0);
    let figures_style = text::anchored(theme.text(font_size::SMALL, MUTED), HPos::Left, VPos::Center);
    let mut y = theme.px(18.0);
    // Two lines an entry, closer together if a catalog ever has many strategies.
    let room = area.dim_in_pixel().1 as i32 - y;
    let row = theme.px(44.0).min(room / curves.len().max(1) as i32);
    for (curve, (name, figures)) in curves.iter().zip(entries) {
        marks::key(area, theme, curve.key(), (x + theme.px(15.0), y))?;
        let name_style = if curve.chosen {
            theme.bold(font_size::SMALL, INK)
        } else {
            theme.text(font_size::SMALL, INK)
        };
        let name_style = text::anchored(name_style, HPos::Left, VPos::Center);
        text::label(
            area,
            &text::ellipsize(name, width, &name_style),
            (text_x, y),
            &name_style,
        )?;
        text::label(
            area,
            &text::ellipsize(figures, width, &figures_style),
            (text_x, y + theme.px(17.0)),
            &figures_style,
        )?;
        y += row;
    }
    Ok(())
}

/// A probability tick: `50 %`, `0.1 %`, `0.01 %`.
fn percent_text(percent: f64) -> String {
    let text = format!("{percent:.3}");
    format!("{} %", text.trim_end_matches('0').trim_end_matches('.'))
}

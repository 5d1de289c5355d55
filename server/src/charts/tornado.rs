//! Sensitivity tornado: one bar per input, largest swing on top, running
//! from the base case's annual net benefit to the net benefit with the input
//! at its low value (one colour) and at its high value (the other), each end
//! labelled with the input's value ("−50 %"); the amounts are read on the
//! axis and in the sensitivity table. An input that moves nothing says so.

use engine::present::compact_money;
use engine::{Estimate, Money, Sensitivity, SensitivityRow};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{self, Axes};
use super::drawing;
use super::layout;
use super::marks::{self, Key};
use super::text;
use super::theme::{font_size, okabe_ito, ChartOptions, Theme, INK, MUTED};
use crate::Result;

/// Input low: dark blue; input high: orange. They differ in lightness as
/// well as hue, so they stay apart in greyscale.
const LOW: RGBColor = okabe_ito::BLUE;
const HIGH: RGBColor = okabe_ito::ORANGE;

/// Page-size width of the inputs' names left of the bars.
const NAME_WIDTH: f64 = 150.0;

/// Draws the chart on any plotters backend.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    estimate: &Estimate,
    sensitivity: &Sensitivity,
    opts: &ChartOptions,
) -> Result<()> {
    let theme = Theme::new(opts.size);
    let currency = estimate.currency.code.as_str();
    let money = |m: Money| compact_money(m, currency);
    let strategy = estimate
        .strategies
        .iter()
        .find(|s| s.chosen)
        .map_or("the chosen strategy", |s| s.name.as_str());
    let base = sensitivity.base_net_benefit;
    let body = layout::frame(
        root,
        &theme,
        "What moves the annual net benefit of DR",
        &format!("{currency} a year · {strategy} · net benefit = ALE reduction − DR cost"),
        opts,
    )?;
    let (legend_area, plot_area) = body.split_vertically(theme.px(30.0));
    marks::legend_row(
        &legend_area,
        &theme,
        (theme.px(20.0), theme.px(12.0)),
        &[
            (Key::Swatch(LOW), "Input at its low value".to_owned()),
            (Key::Swatch(HIGH), "Input at its high value".to_owned()),
            (
                Key::Line {
                    colour: INK,
                    width: 1.5,
                    dashed: true,
                },
                format!("Base case {}", money(base)),
            ),
        ],
    )?;

    let rows = &sensitivity.rows;
    let n = rows.len().max(1) as f64;
    let name_style = theme.text(font_size::TICK, INK);
    let name_width = theme.px(NAME_WIDTH);
    let end_style = theme.text(font_size::SMALL, INK);
    let widest = rows
        .iter()
        .flat_map(|r| {
            [r.low_label.clone(), r.high_label.clone()]
                .into_iter()
                .chain(no_effect(r, base))
        })
        .map(|t| text::measure(&t, &end_style).0)
        .max()
        .unwrap_or(0);
    let values = rows
        .iter()
        .flat_map(|r| [r.net_benefit_low, r.net_benefit_high])
        .chain([base])
        .map(|m| axes::f64_of(m.to_decimal()));
    let (lowest, highest) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span = if highest > lowest {
        highest - lowest
    } else {
        lowest.abs().max(1.0)
    };
    // The inputs' names are written left of their bars below.
    let plot_axes = Axes::named_bars(
        currency,
        format!("Annual net benefit of DR, {currency} a year"),
        NAME_WIDTH,
        16.0,
    );
    // Room beyond the bars' ends for their labels: the share of the plot's
    // width the widest label takes, on each side.
    let plot_width = f64::from(
        theme.width - theme.px(plot_axes.y.room) - theme.px(plot_axes.margins.left) - theme.px(plot_axes.margins.right),
    );
    let pad = ((f64::from(widest + theme.px(14.0))) / plot_width).min(0.4);
    let total = span / (1.0 - 2.0 * pad);
    let (x_lo, x_hi) = (lowest - pad * total, highest + pad * total);
    let chart = axes::draw(&plot_area, &theme, (x_lo..x_hi, 0.0..n), &plot_axes)?;

    let base_x = axes::f64_of(base.to_decimal());
    let (_, top) = chart.backend_coord(&(x_lo, n));
    let (_, bottom) = chart.backend_coord(&(x_lo, 0.0));
    // Zero, where DR stops paying for itself, unless it is the base itself
    // or so close to the axis that it would read as a doubled axis line.
    let (axis_px, _) = chart.backend_coord(&(x_lo, 0.0));
    let (zero, _) = chart.backend_coord(&(0.0, 0.0));
    if x_lo < 0.0 && x_hi > 0.0 && !base.to_decimal().is_zero() && zero - axis_px > theme.px(12.0) {
        root.draw(&PathElement::new(
            vec![(zero, top), (zero, bottom)],
            theme.stroke(MUTED, 1.0),
        ))
        .map_err(drawing)?;
    }
    for (i, row) in rows.iter().enumerate() {
        // First row at the top.
        let band = n - 1.0 - i as f64;
        let px = |x: f64, y: f64| chart.backend_coord(&(x, y));
        if let Some(text) = no_effect(row, base) {
            let (x, y) = px(base_x, band + 0.5);
            let muted = text::anchored(text::recolour(end_style.clone(), MUTED), HPos::Left, VPos::Center);
            text::label(root, &text, (x + theme.px(8.0), y), &muted)?;
        }
        for bar in bars(row, band, base_x) {
            draw_bar(root, &px, &theme, base_x, &bar, &end_style)?;
        }
        let (axis_x, centre) = chart.backend_coord(&(x_lo, band + 0.5));
        text::row_name(root, &theme, &row.name, (axis_x, centre), name_width, &name_style)?;
    }
    let (base_px, _) = chart.backend_coord(&(base_x, 0.0));
    marks::dashed(root, (base_px, top), (base_px, bottom), &theme, theme.stroke(INK, 1.5))
}

/// "−50 % to +50 %: no effect" for an input that moves neither end.
fn no_effect(row: &SensitivityRow, base: Money) -> Option<String> {
    (row.net_benefit_low == base && row.net_benefit_high == base)
        .then(|| format!("{} to {}: no effect", row.low_label, row.high_label))
}

/// One half of a row's bar: from the base to `value`, `y0..y1` in its band,
/// its label on the `right` of its far end or on the left.
struct Bar<'a> {
    value: f64,
    y0: f64,
    y1: f64,
    fill: RGBColor,
    text: &'a str,
    right: bool,
}

/// The low and high bars of a row (none when neither end moves). When both
/// ends lie on the same side of the base the bars would cover each other,
/// so each takes half the band (low above high). A bar of no length is
/// labelled on the side away from the other bar.
fn bars(row: &SensitivityRow, band: f64, base: f64) -> Vec<Bar<'_>> {
    let low = axes::f64_of(row.net_benefit_low.to_decimal());
    let high = axes::f64_of(row.net_benefit_high.to_decimal());
    if low == base && high == base {
        return Vec::new();
    }
    let apart = (low - base) * (high - base) <= 0.0;
    let (low_band, high_band) = if apart {
        ((0.2, 0.8), (0.2, 0.8))
    } else {
        ((0.5, 0.82), (0.18, 0.5))
    };
    // Which way each label goes: beyond its own end, or, for a bar of no
    // length, opposite the other bar.
    let right_of = |value: f64, other: f64| if value == base { other < base } else { value > base };
    vec![
        Bar {
            value: low,
            y0: band + low_band.0,
            y1: band + low_band.1,
            fill: LOW,
            text: &row.low_label,
            right: right_of(low, high),
        },
        Bar {
            value: high,
            y0: band + high_band.0,
            y1: band + high_band.1,
            fill: HIGH,
            text: &row.high_label,
            right: right_of(high, low),
        },
    ]
}

/// Draws a bar from the base and writes its label beyond its far end
/// (right of a bar reaching right, left of one reaching left).
fn draw_bar<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    px: &dyn Fn(f64, f64) -> (i32, i32),
    theme: &Theme,
    base: f64,
    bar: &Bar,
    text_style: &TextStyle<'static>,
) -> Result<()> {
    let (x0, y_top) = px(base, bar.y1);
    let (x1, y_bottom) = px(bar.value, bar.y0);
    let (left, right) = (x0.min(x1), x0.max(x1).max(x0.min(x1) + 1));
    root.draw(&Rectangle::new([(left, y_top), (right, y_bottom)], bar.fill.filled()))
        .map_err(drawing)?;
    // A white hairline keeps a bar apart from its neighbour in greyscale.
    root.draw(&Rectangle::new(
        [(left, y_top), (right, y_bottom)],
        theme.stroke(WHITE, 1.0),
    ))
    .map_err(drawing)?;
    let gap = theme.px(6.0);
    let (pos, h) = if bar.right {
        ((right + gap, (y_top + y_bottom) / 2), HPos::Left)
    } else {
        ((left - gap, (y_top + y_bottom) / 2), HPos::Right)
    };
    text::label(
        root,
        bar.text,
        pos,
        &text::anchored(text_style.clone(), h, VPos::Center),
    )
}

//! Sensitivity tornado: one bar per input, largest swing on top, running
//! from the base case's annual net benefit to the net benefit with the input
//! at its low value (one colour) and at its high value (the other), each end
//! labelled with the input's value ("−50 %"); the amounts are read on the
//! axis and in the sensitivity table. An input that moves nothing says so.

use engine::{Estimate, Money, Sensitivity, SensitivityRow};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::style::{self, font_size, okabe_ito, ChartOptions, Key, Theme, INK, MUTED};
use crate::Result;

/// Input low: dark blue; input high: orange. They differ in lightness as
/// well as hue, so they stay apart in greyscale.
const LOW: RGBColor = okabe_ito::BLUE;
const HIGH: RGBColor = okabe_ito::ORANGE;

/// Draws the chart on any plotters backend.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    estimate: &Estimate,
    sensitivity: &Sensitivity,
    opts: &ChartOptions,
) -> Result<()> {
    let theme = Theme::new(opts.size);
    let currency = estimate.currency.code.as_str();
    let money = |m: Money| style::money(m.to_decimal(), currency);
    let strategy = estimate
        .strategies
        .iter()
        .find(|s| s.chosen)
        .map_or("the chosen strategy", |s| s.name.as_str());
    let base = sensitivity.base_net_benefit;
    let body = style::frame(
        root,
        &theme,
        "What moves the annual net benefit of DR",
        &format!("{currency} a year · {strategy} · net benefit = ALE reduction − DR cost"),
        opts,
    )?;
    let (legend_area, plot_area) = body.split_vertically(theme.px(30.0));
    style::legend_row(
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
    let name_width = theme.px(150.0);
    let end_style = theme.text(font_size::SMALL, INK);
    let widest = rows
        .iter()
        .flat_map(|r| {
            [r.low_label.clone(), r.high_label.clone()]
                .into_iter()
                .chain(no_effect(r, base))
        })
        .map(|t| style::measure(&t, &end_style).0)
        .max()
        .unwrap_or(0);
    let values = rows
        .iter()
        .flat_map(|r| [r.net_benefit_low, r.net_benefit_high])
        .chain([base])
        .map(|m| style::f64_of(m.to_decimal()));
    let (lowest, highest) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span = if highest > lowest {
        highest - lowest
    } else {
        lowest.abs().max(1.0)
    };
    // Room beyond the bars' ends for their labels: the share of the plot's
    // width the widest label takes, on each side.
    let margins = (theme.px(12.0), theme.px(16.0));
    let plot_width = f64::from(theme.width - name_width - theme.px(10.0) - margins.0 - margins.1);
    let pad = ((f64::from(widest + theme.px(14.0))) / plot_width).min(0.4);
    let total = span / (1.0 - 2.0 * pad);
    let (x_lo, x_hi) = (lowest - pad * total, highest + pad * total);
    let mut chart = ChartBuilder::on(&plot_area)
        .margin_top(theme.px(4.0))
        .margin_left(margins.0)
        .margin_right(margins.1)
        .x_label_area_size(theme.px(44.0))
        .y_label_area_size(name_width + theme.px(10.0))
        .build_cartesian_2d(x_lo..x_hi, 0.0..n)
        .map_err(style::drawing)?;
    let tick = |v: &f64| style::money_tick(*v, currency);
    let mut mesh = chart.configure_mesh();
    mesh.disable_y_mesh()
        .y_labels(0)
        .x_labels(6)
        .x_label_formatter(&tick)
        .x_desc(format!("Annual net benefit of DR, {currency} a year"));
    theme.mesh(&mut mesh).draw().map_err(style::drawing)?;

    let base_x = style::f64_of(base.to_decimal());
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
        .map_err(style::drawing)?;
    }
    for (i, row) in rows.iter().enumerate() {
        // First row at the top.
        let band = n - 1.0 - i as f64;
        let px = |x: f64, y: f64| chart.backend_coord(&(x, y));
        if let Some(text) = no_effect(row, base) {
            let (x, y) = px(base_x, band + 0.5);
            let muted = style::anchored(style::recolour(end_style.clone(), MUTED), HPos::Left, VPos::Center);
            style::label(root, &text, (x + theme.px(8.0), y), &muted)?;
        }
        for bar in bars(row, band, base_x) {
            draw_bar(root, &px, &theme, base_x, &bar, &end_style)?;
        }
        let (axis_x, centre) = chart.backend_coord(&(x_lo, band + 0.5));
        style::row_name(root, &theme, &row.name, (axis_x, centre), name_width, &name_style)?;
    }
    let (base_px, _) = chart.backend_coord(&(base_x, 0.0));
    style::dashed(root, (base_px, top), (base_px, bottom), &theme, theme.stroke(INK, 1.5))
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
    let low = style::f64_of(row.net_benefit_low.to_decimal());
    let high = style::f64_of(row.net_benefit_high.to_decimal());
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
        .map_err(style::drawing)?;
    // A white hairline keeps a bar apart from its neighbour in greyscale.
    root.draw(&Rectangle::new(
        [(left, y_top), (right, y_bottom)],
        theme.stroke(WHITE, 1.0),
    ))
    .map_err(style::drawing)?;
    let gap = theme.px(6.0);
    let (pos, h) = if bar.right {
        ((right + gap, (y_top + y_bottom) / 2), HPos::Left)
    } else {
        ((left - gap, (y_top + y_bottom) / 2), HPos::Right)
    };
    style::label(
        root,
        bar.text,
        pos,
        &style::anchored(text_style.clone(), h, VPos::Center),
    )
}

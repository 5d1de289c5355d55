//! Axes: the one place a chart's plotting area, coordinate ranges, ticks,
//! grid and axis titles are set up, in the house style ([`draw`] with an
//! [`Axes`] of options), and the arithmetic of axes: nice maxima, figures as
//! plot coordinates, tick labels, the RTO time ticks of log axes.

use engine::present::{compact_duration, compact_money};
use engine::Money;
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::drawing;
use super::text::{anchored, label, measure};
use super::theme::{font_size, Theme, GRID, INK, MUTED};
use crate::Result;

/// How a chart's plotting area sits in its area and how its axes read.
/// Lengths are at page size; [`Theme::px`] scales them.
#[derive(Clone, Debug, Default)]
pub struct Axes<'a> {
    /// Space around the plotting area and its axes.
    pub margins: Margins,
    /// The horizontal axis.
    pub x: Axis<'a>,
    /// The vertical axis.
    pub y: Axis<'a>,
}

impl<'a> Axes<'a> {
    /// Horizontal bars of money, one row per named item: the names are
    /// written left of their bars (in `name_width` pixels), the money axis
    /// below with a grid, titled `title`; `right` leaves room for labels.
    pub fn named_bars(currency: &'a str, title: String, name_width: f64, right: f64) -> Axes<'a> {
        Axes {
            margins: Margins {
                top: 4.0,
                right,
                bottom: 0.0,
                left: 12.0,
            },
            x: Axis {
                room: 44.0,
                ticks: Ticks::Money { count: 6, currency },
                grid: true,
                title,
            },
            y: Axis {
                room: name_width + 10.0,
                ..Axis::default()
            },
        }
    }
}

/// Page-size margins around the plotting area and its labels, in pixels.
#[derive(Clone, Copy, Debug, Default)]
pub struct Margins {
    /// Above.
    pub top: f64,
    /// Right.
    pub right: f64,
    /// Below.
    pub bottom: f64,
    /// Left.
    pub left: f64,
}

/// One axis: room for its labels, its tick labels, grid lines, title.
#[derive(Clone, Debug, Default)]
pub struct Axis<'a> {
    /// Page-size room for the tick labels and the title: the height under
    /// the plot for the x axis, the width left of it for the y axis.
    pub room: f64,
    /// How plotters writes the ticks, if it does.
    pub ticks: Ticks<'a>,
    /// Grid lines across the plot at the ticks.
    pub grid: bool,
    /// The axis title; none when empty.
    pub title: String,
}

/// How an axis's ticks are labelled.
#[derive(Clone, Copy, Debug, Default)]
pub enum Ticks<'a> {
    /// No labels from plotters: a category axis, or one whose ticks the
    /// chart draws itself (log axes, where plotters picks awkward values).
    #[default]
    Hidden,
    /// About `count` ticks as compact money in `currency` ([`money_tick`]).
    Money {
        /// How many ticks plotters aims for.
        count: usize,
        /// The reporting currency's code.
        currency: &'a str,
    },
    /// About `count` ticks as hours ([`hour_tick`]).
    Hours {
        /// How many ticks plotters aims for.
        count: usize,
    },
}

impl Ticks<'_> {
    /// How many ticks plotters draws.
    fn count(self) -> usize {
        match self {
            Ticks::Hidden => 0,
            Ticks::Money { count, .. } | Ticks::Hours { count } => count,
        }
    }

    /// The label of the tick at `value`.
    fn label(self, value: f64) -> String {
        match self {
            // A log axis labels one tick even when asked for none.
            Ticks::Hidden => String::new(),
            Ticks::Money { currency, .. } => money_tick(value, currency),
            Ticks::Hours { .. } => hour_tick(value),
        }
    }
}

/// The chart [`draw`] returns: a Cartesian plot over the ranges `X` and `Y`.
pub type Plot<'a, DB, X, Y> =
    ChartContext<'a, DB, Cartesian2d<<X as AsRangedCoord>::CoordDescType, <Y as AsRangedCoord>::CoordDescType>>;

/// Lays out a plotting area with `axes` on `area` for the coordinate ranges
/// `x` and `y` (linear `a..b` or `(a..b).log_scale()`), draws its axes in the
/// house style (labels and tick text in the theme's fonts, a light grid on
/// the major ticks only, muted axis lines) and returns the chart to draw in.
pub fn draw<'a, DB, X, Y>(
    area: &'a DrawingArea<DB, Shift>,
    theme: &Theme,
    (x, y): (X, Y),
    axes: &Axes<'_>,
) -> Result<Plot<'a, DB, X, Y>>
where
    DB: DrawingBackend,
    X: AsRangedCoord<Value = f64>,
    Y: AsRangedCoord<Value = f64>,
    X::CoordDescType: ValueFormatter<f64>,
    Y::CoordDescType: ValueFormatter<f64>,
{
    let Margins {
        top,
        right,
        bottom,
        left,
    } = axes.margins;
    let mut chart = ChartBuilder::on(area)
        .margin_top(theme.px(top))
        .margin_right(theme.px(right))
        .margin_bottom(theme.px(bottom))
        .margin_left(theme.px(left))
        .x_label_area_size(theme.px(axes.x.room))
        .y_label_area_size(theme.px(axes.y.room))
        .build_cartesian_2d(x, y)
        .map_err(drawing)?;
    let (x_ticks, y_ticks) = (axes.x.ticks, axes.y.ticks);
    let x_label = move |v: &f64| x_ticks.label(*v);
    let y_label = move |v: &f64| y_ticks.label(*v);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(x_ticks.count())
        .y_labels(y_ticks.count())
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .axis_desc_style(theme.text(font_size::LABEL, INK))
        .label_style(theme.text(font_size::TICK, MUTED))
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(theme.stroke(GRID, 1.0))
        .axis_style(theme.stroke(MUTED, 1.0));
    if !axes.x.grid {
        mesh.disable_x_mesh();
    }
    if !axes.y.grid {
        mesh.disable_y_mesh();
    }
    if !axes.x.title.is_empty() {
        mesh.x_desc(axes.x.title.as_str());
    }
    if !axes.y.title.is_empty() {
        mesh.y_desc(axes.y.title.as_str());
    }
    mesh.draw().map_err(drawing)?;
    Ok(chart)
}

/// An axis tick (a float from plotters' scale) as compact money: `$7.8K`.
pub fn money_tick(value: f64, currency: &str) -> String {
    compact_money(
        Money::new(Decimal::from_f64_retain(value).unwrap_or_default()),
        currency,
    )
}

/// An axis tick (a float from plotters' scale) as hours: `5 h`, `2.5 h`,
/// two decimals at most and none of a float's noise.
pub fn hour_tick(value: f64) -> String {
    let text = format!("{value:.2}");
    format!("{} h", text.trim_end_matches('0').trim_end_matches('.'))
}

/// A decimal as an `f64` for plotting (figures stay decimals everywhere else).
pub fn f64_of(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A "nice" axis maximum at or above `value`: 1, 2, 2.5 or 5 × a power of ten.
pub fn nice_ceiling(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(value.log10().floor());
    for step in [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if step * power >= value * 0.999_999 {
            return step * power;
        }
    }
    10.0 * power
}

/// The shortest RTO a log time axis shows: a plan recovering in no time
/// is drawn at 6 seconds and labelled with its real value.
pub const RTO_FLOOR_MINUTES: f64 = 0.1;

/// Ticks offered on an RTO axis, in minutes; those that would crowd are dropped.
const RTO_TICKS: [f64; 15] = [
    0.1, 0.5, 1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 240.0, 480.0, 1440.0, 2880.0, 10080.0, 43200.0, 525600.0,
];

/// RTO ticks and vertical grid lines along the bottom of a log time axis
/// spanning `x_lo..x_hi` minutes, skipping any that would touch.
pub fn time_ticks<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    theme: &Theme,
    (x_lo, x_hi): (f64, f64),
    (top, bottom): (i32, i32),
    x_of: impl Fn(f64) -> i32,
) -> Result<()> {
    let tick_style = anchored(theme.text(font_size::TICK, MUTED), HPos::Center, VPos::Top);
    let mut last_right = i32::MIN;
    for minutes in RTO_TICKS.into_iter().filter(|m| (x_lo..=x_hi).contains(m)) {
        let text = compact_duration(Decimal::from_f64_retain(minutes).unwrap_or_default());
        let x = x_of(minutes);
        let w = measure(&text, &tick_style).0;
        if x - w / 2 < last_right + theme.px(10.0) {
            continue;
        }
        last_right = x + w / 2;
        root.draw(&PathElement::new(vec![(x, top), (x, bottom)], theme.stroke(GRID, 1.0)))
            .map_err(drawing)?;
        root.draw(&PathElement::new(
            vec![(x, bottom), (x, bottom + theme.px(5.0))],
            theme.stroke(MUTED, 1.0),
        ))
        .map_err(drawing)?;
        label(root, &text, (x, bottom + theme.px(8.0)), &tick_style)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ceilings_are_round() {
        for (value, expected) in [
            (7.8, 8.0),
            (93.6, 100.0),
            (11.0, 12.0),
            (0.0, 1.0),
            (1.0, 1.0),
            (2100.0, 2500.0),
        ] {
            assert_eq!(nice_ceiling(value), expected, "{value}");
        }
    }

    #[test]
    fn ticks_are_compact_money_or_hours_without_float_noise() {
        for (ticks, value, expected) in [
            (
                Ticks::Money {
                    count: 6,
                    currency: "USD",
                },
                20_000.0,
                "$20K",
            ),
            (
                Ticks::Money {
                    count: 6,
                    currency: "EUR",
                },
                2_500.0,
                "€2.5K",
            ),
            (
                Ticks::Money {
                    count: 6,
                    currency: "USD",
                },
                0.0,
                "$0",
            ),
            (Ticks::Hours { count: 8 }, 2.5, "2.5 h"),
            (Ticks::Hours { count: 8 }, 0.30000000000000004, "0.3 h"),
            (Ticks::Hours { count: 8 }, 5.0, "5 h"),
            (Ticks::Hidden, 12.0, ""),
        ] {
            assert_eq!(ticks.label(value), expected, "{ticks:?} {value}");
        }
    }
}

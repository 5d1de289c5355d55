//! Marks drawn in pixels: dashed and patterned lines, legend keys and
//! legend rows, and the meets/misses marker of a design or strategy.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::drawing;
use super::text::{anchored, label, measure};
use super::theme::{font_size, Theme, INK, MEETS, MISSES};
use crate::Result;

/// What a legend entry shows next to its text.
#[derive(Clone, Copy, Debug)]
pub enum Key {
    /// A line segment; `dashed` for reference lines.
    Line {
        /// Colour.
        colour: RGBColor,
        /// Page-size stroke width.
        width: f64,
        /// Dashed or solid.
        dashed: bool,
    },
    /// A filled square.
    Swatch(RGBColor),
    /// A filled circle.
    Dot(RGBColor),
    /// An × mark.
    Cross(RGBColor),
    /// A ring (hollow circle).
    Ring(RGBColor),
    /// A line in a dash pattern (solid when `None`), for charts with more
    /// series than colours tell apart in greyscale.
    Pattern {
        /// Colour.
        colour: RGBColor,
        /// Page-size stroke width.
        width: f64,
        /// Page-size dash and gap lengths.
        dashes: Option<(f64, f64)>,
    },
}

/// Draws a polyline in pixels, solid or in a dash pattern of page-size
/// `(dash, gap)` lengths that runs on across its corners.
pub fn polyline<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: Vec<(i32, i32)>,
    theme: &Theme,
    style: ShapeStyle,
    dashes: Option<(f64, f64)>,
) -> Result<()> {
    match dashes {
        None => area.draw(&PathElement::new(points, style)),
        Some((dash, gap)) => area.draw(&DashedPathElement::new(
            points,
            theme.px(dash).max(1),
            theme.px(gap).max(1),
            style,
        )),
    }
    .map_err(drawing)
}

/// Draws a dashed straight line in pixels.
pub fn dashed<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    from: (i32, i32),
    to: (i32, i32),
    theme: &Theme,
    style: ShapeStyle,
) -> Result<()> {
    let (dx, dy) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
    let length = (dx * dx + dy * dy).sqrt();
    let (dash, gap) = (f64::from(theme.px(6.0)), f64::from(theme.px(4.0)));
    let mut t = 0.0;
    while t < length {
        let end = (t + dash).min(length);
        let point = |d: f64| {
            (
                from.0 + (dx * d / length).round() as i32,
                from.1 + (dy * d / length).round() as i32,
            )
        };
        area.draw(&PathElement::new(vec![point(t), point(end)], style))
            .map_err(drawing)?;
        t += dash + gap;
    }
    Ok(())
}

/// Draws a legend key centred at `(x, y)`, `theme.px(24)` wide.
pub fn key<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    key: Key,
    (x, y): (i32, i32),
) -> Result<()> {
    let half = theme.px(11.0);
    let r = theme.px(5.0);
    match key {
        Key::Line {
            colour,
            width,
            dashed: true,
        } => dashed(area, (x - half, y), (x + half, y), theme, theme.stroke(colour, width)),
        Key::Line { colour, width, .. } => area
            .draw(&PathElement::new(
                vec![(x - half, y), (x + half, y)],
                theme.stroke(colour, width),
            ))
            .map_err(drawing),
        Key::Swatch(colour) => area
            .draw(&Rectangle::new(
                [(x - r - 2, y - r - 2), (x + r + 2, y + r + 2)],
                colour.filled(),
            ))
            .map_err(drawing),
        Key::Dot(colour) => area.draw(&Circle::new((x, y), r, colour.filled())).map_err(drawing),
        Key::Ring(colour) => area
            .draw(&Circle::new((x, y), r, theme.stroke(colour, 2.0)))
            .map_err(drawing),
        Key::Pattern { colour, width, dashes } => polyline(
            area,
            vec![(x - half - theme.px(4.0), y), (x + half + theme.px(4.0), y)],
            theme,
            theme.stroke(colour, width),
            dashes,
        ),
        Key::Cross(colour) => {
            let stroke = theme.stroke(colour, 2.5);
            area.draw(&PathElement::new(vec![(x - r, y - r), (x + r, y + r)], stroke))
                .map_err(drawing)?;
            area.draw(&PathElement::new(vec![(x - r, y + r), (x + r, y - r)], stroke))
                .map_err(drawing)
        }
    }
}

/// A legend in one row from `(x, y)` (vertical centre), entries separated
/// by space; returns the x where it ends.
pub fn legend_row<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    (mut x, y): (i32, i32),
    entries: &[(Key, String)],
) -> Result<i32> {
    let style = anchored(theme.text(font_size::LABEL, INK), HPos::Left, VPos::Center);
    for (k, text) in entries {
        key(area, theme, *k, (x + theme.px(12.0), y))?;
        x += theme.px(30.0);
        label(area, text, (x, y), &style)?;
        x += measure(text, &style).0 + theme.px(22.0);
    }
    Ok(x)
}

/// A design's or strategy's verdict against the targets: a green dot when
/// it meets them, a vermillion cross when it does not.
pub fn verdict_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    meets: bool,
    (x, y): (i32, i32),
    r: i32,
) -> Result<()> {
    if meets {
        area.draw(&Circle::new((x, y), r, MEETS.filled())).map_err(drawing)?;
        return area
            .draw(&Circle::new((x, y), r, theme.stroke(WHITE, 1.5)))
            .map_err(drawing);
    }
    let stroke = theme.stroke(MISSES, 3.0);
    area.draw(&PathElement::new(vec![(x - r, y - r), (x + r, y + r)], stroke))
        .map_err(drawing)?;
    area.draw(&PathElement::new(vec![(x - r, y + r), (x + r, y - r)], stroke))
        .map_err(drawing)
}

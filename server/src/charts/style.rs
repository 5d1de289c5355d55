//! What every chart shares: the Okabe–Ito palette, the bundled font, sizes,
//! money and hour labels, and text fitting so labels never overlap.

use std::sync::Once;

use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::{Error, Result};

/// The font family charts ask for. SVG viewers use DejaVu Sans when they
/// have it, else Verdana (about as wide), else their sans-serif; the widths
/// plotters estimates come from the bundled DejaVu Sans, one of the widest
/// common sans faces, so text laid out for it also fits in the others.
pub const FONT: &str = "DejaVu Sans, Verdana, sans-serif";

static REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// Registers the bundled fonts with plotters once per process. Text is measured
/// with them for SVG and rasterised with them for PNG, so a chart's layout
/// does not depend on the fonts of the machine that draws it.
pub fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The files are compiled in; failing to parse them is a broken build.
        plotters::style::register_font(FONT, FontStyle::Normal, REGULAR)
            .unwrap_or_else(|_| panic!("BUG: the bundled DejaVuSans.ttf does not parse"));
        plotters::style::register_font(FONT, FontStyle::Bold, BOLD)
            .unwrap_or_else(|_| panic!("BUG: the bundled DejaVuSans-Bold.ttf does not parse"));
    });
}

/// Okabe–Ito colours (Okabe & Ito 2008, "Color Universal Design"), told
/// apart by people with any common colour-vision deficiency.
pub mod okabe_ito {
    use plotters::style::RGBColor;

    /// Orange.
    pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
    /// Sky blue.
    pub const SKY_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
    /// Bluish green.
    pub const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
    /// Yellow (too light for text or thin lines on white; fills only).
    pub const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
    /// Blue.
    pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
    /// Vermillion.
    pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
    /// Reddish purple.
    pub const PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
}

/// Text and axis ink: near-black reads softer than pure black on screens.
pub const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Secondary text (subtitles, notes).
pub const MUTED: RGBColor = RGBColor(0x5F, 0x5F, 0x5F);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);

/// How large a chart is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Size {
    /// 800 × 450, for the page and documents.
    #[default]
    Page,
    /// 1600 × 900, a 16:9 slide.
    Slide,
}

impl Size {
    /// Width and height in pixels.
    pub fn pixels(self) -> (u32, u32) {
        match self {
            Size::Page => (800, 450),
            Size::Slide => (1600, 900),
        }
    }

    /// The query value, `page` or `slide`.
    pub fn as_str(self) -> &'static str {
        match self {
            Size::Page => "page",
            Size::Slide => "slide",
        }
    }

    /// Reads the query value.
    pub fn parse(value: &str) -> Option<Size> {
        match value {
            "page" => Some(Size::Page),
            "slide" => Some(Size::Slide),
            _ => None,
        }
    }
}

/// What a chart needs besides the engine's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChartOptions {
    /// Page or slide.
    pub size: Size,
    /// The scenario's name, shown under the title (ellipsized to fit).
    pub scenario_name: String,
}

/// Pixel measures scaled to the chart size: every chart is laid out at page
/// size and everything (fonts, strokes, margins) doubles on a slide.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    /// 1 on the page, 2 on a slide.
    pub k: f64,
    /// Canvas width in pixels.
    pub width: i32,
    /// Canvas height in pixels.
    pub height: i32,
}

impl Theme {
    /// The theme of a chart size.
    pub fn new(size: Size) -> Theme {
        let (width, height) = size.pixels();
        Theme {
            k: f64::from(width) / 800.0,
            width: width as i32,
            height: height as i32,
        }
    }

    /// A page-size length in pixels at this size.
    pub fn px(&self, page_pixels: f64) -> i32 {
        (page_pixels * self.k).round() as i32
    }

    /// Regular text of `page_size` (plotters size units) at this size.
    pub fn text(&self, page_size: f64, colour: RGBColor) -> TextStyle<'static> {
        FontDesc::new(FontFamily::Name(FONT), page_size * self.k, FontStyle::Normal).color(&colour)
    }

    /// Bold text of `page_size` at this size.
    pub fn bold(&self, page_size: f64, colour: RGBColor) -> TextStyle<'static> {
        FontDesc::new(FontFamily::Name(FONT), page_size * self.k, FontStyle::Bold).color(&colour)
    }

    /// A stroke of `page_width` pixels at this size.
    pub fn stroke(&self, colour: RGBColor, page_width: f64) -> ShapeStyle {
        colour.stroke_width(self.px(page_width).max(1) as u32)
    }

    /// The house style of every chart's axes: labels, tick text, a light grid
    /// on the major ticks only, muted axis lines. Each chart sets its ticks
    /// and descriptions, then passes its mesh through here.
    pub fn mesh<'m, 'a, 'b, X, Y, DB>(
        &self,
        mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    ) -> &'m mut MeshStyle<'a, 'b, X, Y, DB>
    where
        X: Ranged,
        Y: Ranged,
        DB: DrawingBackend,
    {
        mesh.axis_desc_style(self.text(font_size::LABEL, INK))
            .label_style(self.text(font_size::TICK, MUTED))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(self.stroke(GRID, 1.0))
            .axis_style(self.stroke(MUTED, 1.0))
    }
}

/// Font sizes in plotters units at page size (the SVG font-size is this ÷ 1.24).
pub mod font_size {
    /// Chart title.
    pub const TITLE: f64 = 20.0;
    /// Subtitle (scenario name, catalog, currency).
    pub const SUBTITLE: f64 = 14.0;
    /// Axis titles, legend, annotations.
    pub const LABEL: f64 = 14.0;
    /// Tick labels and in-bar values.
    pub const TICK: f64 = 13.0;
    /// Small print inside cells and bars.
    pub const SMALL: f64 = 12.0;
}

/// A text style anchored at `h`/`v`.
pub fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

/// `style` in another colour (plotters' `color` borrows the colour for the style's lifetime).
pub fn recolour(mut style: TextStyle<'static>, colour: RGBColor) -> TextStyle<'static> {
    style.color = colour.to_backend_color();
    style
}

/// Turns a plotters drawing error into the server's internal error.
pub fn drawing<E: std::fmt::Display>(error: E) -> Error {
    Error::Internal(format!("drawing a chart: {error}"))
}

/// Width and height of `text` in pixels, as plotters lays it out.
pub fn measure(text: &str, style: &TextStyle<'_>) -> (i32, i32) {
    style
        .font
        .box_size(text)
        .map(|(w, h)| (w as i32, h as i32))
        // The bundled font is registered before any chart is drawn; a failure
        // here is a bug, and overestimating keeps the text from overlapping.
        .unwrap_or_else(|_| {
            (
                (style.font.get_size() * 0.7) as i32 * text.chars().count() as i32,
                style.font.get_size() as i32,
            )
        })
}

/// `text` if it fits `max_width`, else its longest prefix that fits with "…".
pub fn ellipsize(text: &str, max_width: i32, style: &TextStyle<'_>) -> String {
    if measure(text, style).0 <= max_width {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    // Binary search on the prefix length: titles can be 200 characters long.
    let (mut low, mut high) = (0, chars.len());
    while low < high {
        let mid = (low + high).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>().trim_end().to_owned() + "…";
        if measure(&candidate, style).0 <= max_width {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    chars[..low].iter().collect::<String>().trim_end().to_owned() + "…"
}

/// Splits `text` into at most `max_lines` lines no wider than `max_width`,
/// breaking at spaces (and after hyphens); the last line is ellipsized.
pub fn wrap(text: &str, max_width: i32, max_lines: usize, style: &TextStyle<'_>) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    // Pieces end after a space or a hyphen; "Low-moderate" may break as "Low-" / "moderate".
    let mut pieces: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == ' ' || c == '-' {
            pieces.push(&text[start..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    pieces.push(&text[start..]);
    for piece in pieces.into_iter().filter(|p| !p.trim().is_empty()) {
        let candidate = format!("{current}{piece}");
        if current.trim().is_empty() || measure(candidate.trim_end(), style).0 <= max_width {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, piece.to_owned()).trim_end().to_owned());
        }
    }
    let current = current.trim_end().to_owned();
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        let rest = lines.split_off(max_lines - 1).join(" ");
        lines.push(rest);
    }
    lines
        .into_iter()
        .map(|line| ellipsize(&line, max_width, style))
        .collect()
}

/// Draws `text` on `area` at `pos` with `style` (already anchored).
pub fn label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    pos: (i32, i32),
    style: &TextStyle<'_>,
) -> Result<()> {
    area.draw(&Text::new(text.to_owned(), pos, style.clone()))
        .map_err(drawing)
}

/// A bar chart's row name, right-aligned left of the axis at `axis_x` and
/// centred on `centre`, wrapped on at most two lines of `width`.
pub fn row_name<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    name: &str,
    (axis_x, centre): (i32, i32),
    width: i32,
    style: &TextStyle<'static>,
) -> Result<()> {
    let lines = wrap(name, width, 2, style);
    let line_h = theme.px(15.0);
    let first = centre - (lines.len() as i32 - 1) * line_h / 2;
    let anchored_style = anchored(style.clone(), HPos::Right, VPos::Center);
    for (j, line) in lines.iter().enumerate() {
        label(
            area,
            line,
            (axis_x - theme.px(10.0), first + j as i32 * line_h),
            &anchored_style,
        )?;
    }
    Ok(())
}

/// Fills the canvas white and draws the title and the subtitle (scenario
/// name · what is shown), returning the area below them.
pub fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    theme: &Theme,
    title: &str,
    subtitle: &str,
    opts: &ChartOptions,
) -> Result<DrawingArea<DB, Shift>> {
    root.fill(&WHITE).map_err(drawing)?;
    let left = theme.px(20.0);
    let usable = theme.width - 2 * left;
    let title_style = anchored(theme.bold(font_size::TITLE, INK), HPos::Left, VPos::Top);
    label(
        root,
        &ellipsize(title, usable, &title_style),
        (left, theme.px(14.0)),
        &title_style,
    )?;
    let sub_style = anchored(theme.text(font_size::SUBTITLE, MUTED), HPos::Left, VPos::Top);
    // The figures' context comes first so a long scenario name is what gets cut.
    let name = opts.scenario_name.trim();
    let sub_width = measure(subtitle, &sub_style).0;
    let line = if name.is_empty() {
        ellipsize(subtitle, usable, &sub_style)
    } else {
        let room = usable - sub_width - measure(" · ", &sub_style).0;
        if room > theme.px(80.0) {
            format!("{} · {subtitle}", ellipsize(name, room, &sub_style))
        } else {
            ellipsize(subtitle, usable, &sub_style)
        }
    };
    label(root, &line, (left, theme.px(40.0)), &sub_style)?;
    let (_, below) = root.split_vertically(theme.px(62.0));
    Ok(below)
}

/// `7800` → `$7.8K`, `93600` → `$93.6K`, `1250000` → `$1.3M`, `800` →
/// `$800`; other currencies by code, `EUR 7.8K`. One decimal, dropped when
/// zero (`$12K`); halves round away from zero like the engine's cents.
pub fn money(amount: Decimal, currency: &str) -> String {
    let negative = amount.is_sign_negative() && !amount.is_zero();
    let magnitude = amount.abs();
    let (value, suffix) = compact(magnitude);
    let sign = if negative { "-" } else { "" };
    if currency == "USD" {
        format!("{sign}${value}{suffix}")
    } else {
        format!("{sign}{currency} {value}{suffix}")
    }
}

/// An axis tick (a float from plotters' scale) as money.
pub fn money_tick(value: f64, currency: &str) -> String {
    money(Decimal::from_f64_retain(value).unwrap_or_default(), currency)
}

/// The number and unit suffix of a compact amount.
fn compact(magnitude: Decimal) -> (String, &'static str) {
    let thousand = Decimal::ONE_THOUSAND;
    let million = thousand * thousand;
    let billion = million * thousand;
    let one_decimal = |d: Decimal| d.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    let whole = magnitude.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    if whole < thousand {
        return (whole.normalize().to_string(), "");
    }
    // Round first, then pick the unit: 999,960 is "$1M", not "$1000K".
    for (unit, suffix, next) in [(thousand, "K", million), (million, "M", billion)] {
        let scaled = one_decimal(magnitude / unit);
        if scaled * unit < next {
            return (scaled.normalize().to_string(), suffix);
        }
    }
    (one_decimal(magnitude / billion).normalize().to_string(), "B")
}

/// `6.24` → `6.24 h`; whole hours without decimals.
pub fn hours(h: Decimal) -> String {
    format!("{} h", h.normalize())
}

/// Minutes as people say them: `22 min`, `1.5 h`, `6 h`, `2 d`.
pub fn duration(minutes: Decimal) -> String {
    let sixty = Decimal::from(60);
    let day = Decimal::from(1440);
    let one_decimal = |d: Decimal| {
        d.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
            .normalize()
    };
    if minutes < sixty {
        format!("{} min", one_decimal(minutes))
    } else if minutes < day * Decimal::TWO {
        format!("{} h", one_decimal(minutes / sixty))
    } else {
        format!("{} d", one_decimal(minutes / day))
    }
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

/// The relative luminance of a colour (WCAG), to pick black or white text on it.
pub fn text_on(fill: RGBColor) -> RGBColor {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(fill.0) + 0.7152 * channel(fill.1) + 0.0722 * channel(fill.2);
    // Contrast with white is (1.05) / (L + 0.05); with black (L + 0.05) / 0.05.
    if 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 {
        WHITE
    } else {
        INK
    }
}

/// `a` mixed towards white by `amount` (0 = `a`, 1 = white), for tints.
pub fn tint(a: RGBColor, amount: f64) -> RGBColor {
    let mix = |c: u8| (f64::from(c) + (255.0 - f64::from(c)) * amount).round() as u8;
    RGBColor(mix(a.0), mix(a.1), mix(a.2))
}

/// A pixel rectangle, `x0 <= x1`, `y0 <= y1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    /// Left.
    pub x0: i32,
    /// Top.
    pub y0: i32,
    /// Right.
    pub x1: i32,
    /// Bottom.
    pub y1: i32,
}

impl Rect {
    /// The rectangle text of `size` occupies when anchored at `pos` by `h`/`v`.
    pub fn of_text(pos: (i32, i32), size: (i32, i32), h: HPos, v: VPos) -> Rect {
        let x0 = match h {
            HPos::Left => pos.0,
            HPos::Center => pos.0 - size.0 / 2,
            HPos::Right => pos.0 - size.0,
        };
        let y0 = match v {
            VPos::Top => pos.1,
            VPos::Center => pos.1 - size.1 / 2,
            VPos::Bottom => pos.1 - size.1,
        };
        Rect {
            x0,
            y0,
            x1: x0 + size.0,
            y1: y0 + size.1,
        }
    }

    /// Whether the two share any pixel.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    /// Whether `other` lies wholly inside.
    pub fn contains(&self, other: &Rect) -> bool {
        other.x0 >= self.x0 && other.x1 <= self.x1 && other.y0 >= self.y0 && other.y1 <= self.y1
    }

    /// Grown by `by` pixels on every side.
    pub fn grow(&self, by: i32) -> Rect {
        Rect {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }
}

/// Places labels where they overlap neither each other nor what was
/// blocked (markers, lines): the first free candidate position wins, so the
/// result is deterministic.
#[derive(Clone, Debug)]
pub struct Placer {
    bounds: Rect,
    taken: Vec<Rect>,
    padding: i32,
}

impl Placer {
    /// Labels must stay inside `bounds`.
    pub fn new(bounds: Rect, padding: i32) -> Placer {
        Placer {
            bounds,
            taken: Vec::new(),
            padding,
        }
    }

    /// Marks `rect` as taken.
    pub fn block(&mut self, rect: Rect) {
        self.taken.push(rect);
    }

    /// Marks a straight line as taken, as a chain of small squares.
    pub fn block_line(&mut self, from: (i32, i32), to: (i32, i32), half_width: i32) {
        let (dx, dy) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
        let steps = ((dx.abs().max(dy.abs())) / f64::from(half_width.max(1)))
            .ceil()
            .max(1.0) as i32;
        for i in 0..=steps {
            let t = f64::from(i) / f64::from(steps);
            let (x, y) = (from.0 + (dx * t) as i32, from.1 + (dy * t) as i32);
            self.taken.push(Rect {
                x0: x - half_width,
                y0: y - half_width,
                x1: x + half_width,
                y1: y + half_width,
            });
        }
    }

    /// Whether `rect` is inside the bounds and clear of everything taken.
    pub fn is_free(&self, rect: &Rect) -> bool {
        let padded = rect.grow(self.padding);
        self.bounds.contains(rect) && !self.taken.iter().any(|t| t.overlaps(&padded))
    }

    /// The first candidate `(pos, h, v)` where `text` fits, or the first
    /// candidate when none does (a required label is drawn regardless);
    /// the chosen rectangle is taken. Returns the position and anchored style.
    pub fn place(
        &mut self,
        text: &str,
        style: &TextStyle<'static>,
        candidates: &[((i32, i32), HPos, VPos)],
    ) -> ((i32, i32), TextStyle<'static>) {
        let size = measure(text, style);
        let chosen = candidates
            .iter()
            .find(|(pos, h, v)| self.is_free(&Rect::of_text(*pos, size, *h, *v)))
            .or(candidates.first())
            .copied()
            .expect("BUG: place() needs at least one candidate");
        let (pos, h, v) = chosen;
        self.taken.push(Rect::of_text(pos, size, h, v));
        (pos, anchored(style.clone(), h, v))
    }
}

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

/// Meets a target: Okabe–Ito bluish green.
pub const MEETS: RGBColor = okabe_ito::GREEN;
/// Misses a target: Okabe–Ito vermillion.
pub const MISSES: RGBColor = okabe_ito::VERMILLION;
/// The shaded side of an RTO target line where the target is met.
pub const MEETS_ZONE: RGBColor = RGBColor(0xEA, 0xF6, 0xF1);

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
        let text = duration(Decimal::from_f64_retain(minutes).unwrap_or_default());
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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn check_money(amount: Decimal, currency: &str, expected: &str) {
        assert_eq!(money(amount, currency), expected, "{amount} {currency}");
    }

    #[test]
    fn money_is_compact_with_the_currency() {
        check_money(dec!(7800), "USD", "$7.8K");
        check_money(dec!(93600), "USD", "$93.6K");
        check_money(dec!(1_250_000), "USD", "$1.3M");
        check_money(dec!(1_200_000), "USD", "$1.2M");
        check_money(dec!(800), "USD", "$800");
        check_money(dec!(0), "USD", "$0");
        check_money(dec!(12_000), "USD", "$12K");
        check_money(dec!(7250), "USD", "$7.3K");
        check_money(dec!(999_960), "USD", "$1M");
        check_money(dec!(999.6), "USD", "$1K");
        check_money(dec!(3_400_000_000), "USD", "$3.4B");
        check_money(dec!(7800), "EUR", "EUR 7.8K");
        check_money(dec!(-3600), "USD", "-$3.6K");
        check_money(dec!(0.4), "USD", "$0");
    }

    #[test]
    fn durations_read_as_people_say_them() {
        for (minutes, expected) in [
            (dec!(22), "22 min"),
            (dec!(0.5), "0.5 min"),
            (dec!(90), "1.5 h"),
            (dec!(359.7), "6 h"),
            (dec!(2880), "2 d"),
        ] {
            assert_eq!(duration(minutes), expected, "{minutes}");
        }
    }

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
    fn long_text_is_ellipsized_and_wrapped_to_fit() {
        register_fonts();
        let style = Theme::new(Size::Page).text(font_size::SMALL, INK);
        let long = "x".repeat(120);
        let cut = ellipsize(&long, 100, &style);
        assert!(cut.ends_with('…') && measure(&cut, &style).0 <= 100, "{cut}");
        assert_eq!(ellipsize("short", 100, &style), "short");
        let lines = wrap("Vector DB index loss", 80, 2, &style);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines.iter().all(|l| measure(l, &style).0 <= 80), "{lines:?}");
    }

    #[test]
    fn text_is_white_on_dark_fills_and_ink_on_light_ones() {
        assert_eq!(text_on(okabe_ito::BLUE), WHITE);
        assert_eq!(text_on(okabe_ito::YELLOW), INK);
        assert_eq!(text_on(okabe_ito::SKY_BLUE), INK);
    }
}

//! The look every chart shares: the bundled font, the Okabe–Ito palette and
//! the ink colours, chart sizes, and [`Theme`], which scales every font,
//! stroke and margin from page size to slide size.

use std::sync::Once;

use plotters::prelude::*;
use plotters::style::{FontDesc, FontFamily, FontStyle};

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

/// Meets a target: Okabe–Ito bluish green.
pub const MEETS: RGBColor = okabe_ito::GREEN;
/// Misses a target: Okabe–Ito vermillion.
pub const MISSES: RGBColor = okabe_ito::VERMILLION;
/// The shaded side of an RTO target line where the target is met.
pub const MEETS_ZONE: RGBColor = RGBColor(0xEA, 0xF6, 0xF1);

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
}

impl Theme {
    /// The theme of a chart size.
    pub fn new(size: Size) -> Theme {
        let (width, _) = size.pixels();
        Theme {
            k: f64::from(width) / 800.0,
            width: width as i32,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_white_on_dark_fills_and_ink_on_light_ones() {
        for (fill, expected) in [
            (okabe_ito::BLUE, WHITE),
            (okabe_ito::YELLOW, INK),
            (okabe_ito::SKY_BLUE, INK),
        ] {
            assert_eq!(text_on(fill), expected, "{fill:?}");
        }
    }
}

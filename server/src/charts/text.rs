//! Text on a chart: anchoring, measuring with the bundled font, and fitting
//! labels into the room they have (ellipsized, wrapped), so no label runs
//! into another or off the canvas.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::drawing;
use super::theme::Theme;
use crate::Result;

/// A text style anchored at `h`/`v`.
pub fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

/// `style` in another colour (plotters' `color` borrows the colour for the style's lifetime).
pub fn recolour(mut style: TextStyle<'static>, colour: RGBColor) -> TextStyle<'static> {
    style.color = colour.to_backend_color();
    style
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

#[cfg(test)]
mod tests {
    use super::super::theme::{font_size, register_fonts, Size, INK};
    use super::*;

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
}

//! Risk heatmap: a likelihood × impact grid with each failure scenario placed
//! and labelled, cells coloured by the highest priority they hold.

use engine::{Estimate, RiskRow, IMPACT_BANDS, LIKELIHOOD_BANDS};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::FontTransform;

use super::drawing;
use super::layout;
use super::marks::{self, Key};
use super::text;
use super::theme::{font_size, okabe_ito, ChartOptions, Theme, INK, MUTED};
use crate::Result;

/// Cell fills for priority 1 to 5: Okabe–Ito yellow → orange → vermillion,
/// which darken steadily, so the order also reads in greyscale.
const PRIORITY: [RGBColor; 5] = [
    RGBColor(0xFB, 0xF7, 0xD0),
    RGBColor(0xF6, 0xEE, 0x8E),
    okabe_ito::YELLOW,
    okabe_ito::ORANGE,
    okabe_ito::VERMILLION,
];
const EMPTY: RGBColor = RGBColor(0xF3, 0xF3, 0xF3);

/// The grid column (impact band) and row (likelihood band) of a failure scenario, from the engine.
fn cell(row: &RiskRow) -> (usize, usize) {
    (row.impact_band(), row.likelihood_band())
}

fn priority_fill(priority: u8) -> RGBColor {
    PRIORITY[usize::from(priority.clamp(1, 5)) - 1]
}

/// Draws the chart on any plotters backend.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    estimate: &Estimate,
    opts: &ChartOptions,
) -> Result<()> {
    let theme = Theme::new(opts.size);
    let rows = &estimate.risk.rows;
    let body = layout::frame(
        root,
        &theme,
        "Risk matrix: likelihood × impact of each failure scenario",
        &format!("{} scenarios · catalog {}", rows.len(), estimate.catalog_version),
        opts,
    )?;
    let (legend_area, grid_area) = body.split_vertically(theme.px(30.0));
    let cue = text::anchored(theme.text(font_size::LABEL, INK), HPos::Left, VPos::Center);
    let y = theme.px(12.0);
    let mut x = theme.px(20.0);
    badge(&legend_area, &theme, (x + theme.px(9.0), y), "5")?;
    x += theme.px(26.0);
    let text = "a scenario and its priority (5 highest)";
    text::label(&legend_area, text, (x, y), &cue)?;
    x += text::measure(text, &cue).0 + theme.px(28.0);
    let text = "Cell colour: top priority";
    text::label(&legend_area, text, (x, y), &cue)?;
    x += text::measure(text, &cue).0 + theme.px(10.0);
    for priority in (1..=5u8).rev() {
        marks::key(
            &legend_area,
            &theme,
            Key::Swatch(priority_fill(priority)),
            (x + theme.px(7.0), y),
        )?;
        text::label(&legend_area, &priority.to_string(), (x + theme.px(17.0), y), &cue)?;
        x += theme.px(36.0);
    }

    // Grid geometry in pixels of the grid area.
    let (width, height) = grid_area.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);
    let left = theme.px(112.0);
    let right = width - theme.px(20.0);
    let top = theme.px(6.0);
    let bottom = height - theme.px(52.0);
    let columns = IMPACT_BANDS.len() as i32;
    let lines = LIKELIHOOD_BANDS.len() as i32;
    let cell_w = (right - left) / columns;
    let cell_h = (bottom - top) / lines;
    let gap = theme.px(2.0);

    let mut cells: Vec<Vec<&RiskRow>> = vec![Vec::new(); IMPACT_BANDS.len() * LIKELIHOOD_BANDS.len()];
    for row in rows {
        let (cx, cy) = cell(row);
        cells[cy * IMPACT_BANDS.len() + cx].push(row);
    }
    for list in &mut cells {
        // Highest priority first; catalog order breaks ties (stable sort).
        list.sort_by_key(|r| std::cmp::Reverse(r.priority));
    }

    let tick = theme.text(font_size::TICK, INK);
    let small = theme.text(font_size::SMALL, INK);
    for cy in 0..LIKELIHOOD_BANDS.len() {
        for cx in 0..IMPACT_BANDS.len() {
            let x0 = left + cx as i32 * cell_w;
            // Most likely on top.
            let y0 = top + (lines - 1 - cy as i32) * cell_h;
            let list = &cells[cy * IMPACT_BANDS.len() + cx];
            let fill = list.first().map_or(EMPTY, |r| priority_fill(r.priority));
            grid_area
                .draw(&Rectangle::new(
                    [(x0 + gap, y0 + gap), (x0 + cell_w - gap, y0 + cell_h - gap)],
                    fill.filled(),
                ))
                .map_err(drawing)?;
            draw_cell(
                &grid_area,
                &theme,
                (x0 + gap, y0 + gap),
                (cell_w - 2 * gap, cell_h - 2 * gap),
                list,
                &small,
            )?;
        }
    }

    // Row and column headings, and the axis titles.
    let row_style = text::anchored(tick.clone(), HPos::Right, VPos::Center);
    for (cy, name) in LIKELIHOOD_BANDS.iter().enumerate() {
        let y = top + (lines - 1 - cy as i32) * cell_h + cell_h / 2;
        text::label(&grid_area, name, (left - theme.px(10.0), y), &row_style)?;
    }
    let column_style = text::anchored(tick.clone(), HPos::Center, VPos::Top);
    for (cx, name) in IMPACT_BANDS.iter().enumerate() {
        let x = left + cx as i32 * cell_w + cell_w / 2;
        for (i, line) in text::wrap(name, cell_w - theme.px(6.0), 2, &tick).iter().enumerate() {
            text::label(
                &grid_area,
                line,
                (x, bottom + theme.px(6.0) + i as i32 * theme.px(15.0)),
                &column_style,
            )?;
        }
    }
    let axis = theme.text(font_size::LABEL, MUTED);
    text::label(
        &grid_area,
        "Impact →",
        ((left + right) / 2, height - theme.px(6.0)),
        &text::anchored(axis.clone(), HPos::Center, VPos::Bottom),
    )?;
    text::label(
        &grid_area,
        "Likelihood →",
        (theme.px(22.0), (top + bottom) / 2),
        &text::anchored(axis, HPos::Center, VPos::Center).transform(FontTransform::Rotate270),
    )
}

/// A white disc with a dark ring and the priority in it: the cue that does
/// not depend on the cell's colour.
fn badge<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    centre: (i32, i32),
    text: &str,
) -> Result<()> {
    let radius = theme.px(9.0);
    area.draw(&Circle::new(centre, radius, WHITE.filled()))
        .map_err(drawing)?;
    area.draw(&Circle::new(centre, radius, theme.stroke(INK, 1.5)))
        .map_err(drawing)?;
    let style = text::anchored(theme.bold(font_size::SMALL, INK), HPos::Center, VPos::Center);
    text::label(area, text, centre, &style)
}

/// The scenarios of one cell: a ring with the priority, then the name,
/// wrapped to two lines (one when the cell is crowded), and "+n more" when
/// even that does not fit.
fn draw_cell<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
    (x0, y0): (i32, i32),
    (w, h): (i32, i32),
    list: &[&RiskRow],
    text: &TextStyle<'static>,
) -> Result<()> {
    if list.is_empty() {
        return Ok(());
    }
    let pad = theme.px(5.0);
    let radius = theme.px(9.0);
    let line_h = theme.px(14.0);
    let text_x = x0 + pad + 2 * radius + theme.px(5.0);
    let text_w = x0 + w - pad - text_x;
    let room = h - 2 * pad;
    let block_gap = theme.px(5.0);
    let layout = |max_lines: usize| -> Vec<Vec<String>> {
        list.iter()
            .map(|r| text::wrap(&r.name, text_w, max_lines, text))
            .collect()
    };
    let height_of = |blocks: &[Vec<String>]| -> i32 {
        blocks
            .iter()
            .map(|b| (b.len() as i32 * line_h).max(2 * radius))
            .sum::<i32>()
            + block_gap * (blocks.len() as i32 - 1)
    };
    let mut blocks = layout(2);
    if height_of(&blocks) > room {
        blocks = layout(1);
    }
    // Keep as many as fit, leaving a line for "+n more" when some do not.
    let mut shown = blocks.len();
    while shown > 0 && height_of(&blocks[..shown]) + if shown < blocks.len() { line_h } else { 0 } > room {
        shown -= 1;
    }
    let total = height_of(&blocks[..shown]) + if shown < blocks.len() { line_h } else { 0 };
    let mut y = y0 + pad + (room - total).max(0) / 2;
    for (row, lines) in list.iter().zip(&blocks).take(shown) {
        let block_h = (lines.len() as i32 * line_h).max(2 * radius);
        badge(
            area,
            theme,
            (x0 + pad + radius, y + block_h / 2),
            &row.priority.to_string(),
        )?;
        let first_line = y + (block_h - lines.len() as i32 * line_h) / 2;
        for (i, line) in lines.iter().enumerate() {
            text::label(
                area,
                line,
                (text_x, first_line + i as i32 * line_h + line_h / 2),
                &text::anchored(text.clone(), HPos::Left, VPos::Center),
            )?;
        }
        y += block_h + block_gap;
    }
    if shown < blocks.len() {
        text::label(
            area,
            &format!("+{} more", blocks.len() - shown),
            (text_x, y + line_h / 2),
            &text::anchored(text.clone(), HPos::Left, VPos::Center),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_risks_land_in_the_cells_their_likelihood_and_impact_say() {
        let catalog = engine::Catalog::shipped();
        let estimate = engine::estimate(&catalog, &engine::Scenario::default()).expect("default scenario");
        let placed: Vec<(&str, (usize, usize))> = estimate.risk.rows.iter().map(|r| (r.id.as_str(), cell(r))).collect();
        assert_eq!(
            placed,
            [
                ("ai_provider_outage", (4, 2)),
                ("database_corruption", (3, 1)),
                // The article's "Very low" region failure is "Low" in the
                // catalog: us-east-1's record is about 0.4 a year (data/risks.csv).
                ("region_failure", (5, 1)),
                ("network_partition", (2, 2)),
                ("application_bug", (1, 3)),
                ("rate_limit_exceeded", (0, 3)),
                ("vector_index_loss", (3, 1)),
            ]
        );
    }
}

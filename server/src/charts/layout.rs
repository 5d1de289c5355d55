//! Where things go on a chart: the frame (white canvas, title, subtitle)
//! around the plot, pixel rectangles, and [`Placer`], which puts each label
//! in the first candidate spot that overlaps nothing drawn before it.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::drawing;
use super::text::{anchored, ellipsize, label, measure};
use super::theme::{font_size, ChartOptions, Theme, INK, MUTED};
use crate::Result;

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

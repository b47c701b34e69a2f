//! The geometry of a progress chart: its frame (the sizes the template
//! draws it at), its vertical scale (a few round ticks from 0), and where
//! its data labels go so that none covers a line.
//!
//! The template draws what it is given and measures nothing: the labels'
//! positions are chosen here, against every line and mark of the chart,
//! from an estimate of each label's width (its characters at the font's
//! size). Positions are fractions of the plot (0 at the left and at the
//! axis, 1 at the right and at the scale's top), as the points' are.

use serde::Serialize;

/// The chart's sizes in points, which the template draws it at: the
/// fractions of the data become points there, and the labels' widths are
/// estimated here in the same points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Frame {
    /// The plot's width (the axis's labels to its left excluded).
    pub width: f64,
    /// The plot's height, from the axis to the scale's top.
    pub height: f64,
    /// The room left of the plot for the ticks' labels.
    pub gutter: f64,
    /// The room above the scale's top where a label may go.
    pub headroom: f64,
    /// The labels' font size.
    pub font: f64,
}

impl Frame {
    /// The frame of every progress chart: 6 cm wide with its gutter, 2 cm
    /// high; `gutter` fits the widest tick label.
    pub(super) fn new(gutter: f64) -> Self {
        Frame {
            width: 170.0 - gutter,
            height: 56.0,
            gutter,
            headroom: 11.0,
            font: 6.5,
        }
    }

    /// A label's estimated width in points: Libertinus Serif's figures and
    /// letters are about half an em wide, a bold one a little more; a
    /// margin keeps the estimate on the safe side.
    pub fn text_width(&self, text: &str, bold: bool) -> f64 {
        let em = if bold { 0.56 } else { 0.52 };
        text.chars().count() as f64 * em * self.font + 1.0
    }

    /// A label's height in points.
    pub fn text_height(&self) -> f64 {
        self.font + 1.0
    }
}

/// The vertical scale: from 0 to `top`, a tick every `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The scale's top, a tick.
    pub top: f64,
    /// The distance between two ticks.
    pub step: f64,
}

impl Scale {
    /// The round scale holding `max` (the largest value the chart shows,
    /// above 0) in three to five steps of 1, 2, 2.5 or 5 times a power of
    /// ten; whole steps when every value is whole (`whole`: a count has no
    /// half a tick).
    pub fn round(max: f64, whole: bool) -> Scale {
        let max = if max.is_finite() && max > 0.0 {
            max
        } else {
            1.0
        };
        let raw = max / 4.0;
        let power = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * power)
            .filter(|s| !whole || (s.fract() == 0.0 && *s >= 1.0))
            .find(|s| *s >= raw * (1.0 - 1e-9))
            .unwrap_or(10.0 * power)
            .max(if whole { 1.0 } else { 0.0 });
        let top = (max / step - 1e-9).ceil().max(1.0) * step;
        Scale { top, step }
    }

    /// The ticks' values, from 0 to the top.
    pub fn ticks(&self) -> Vec<f64> {
        let n = (self.top / self.step).round() as usize;
        (0..=n).map(|k| k as f64 * self.step).collect()
    }
}

/// A rectangle of the plot, in points from its bottom left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x0: f64,
    /// Bottom edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Top edge.
    pub y1: f64,
}

impl Rect {
    /// The rectangle around a point, `rx` and `ry` on either side.
    pub fn around(x: f64, y: f64, rx: f64, ry: f64) -> Rect {
        Rect {
            x0: x - rx,
            y0: y - ry,
            x1: x + rx,
            y1: y + ry,
        }
    }

    /// Whether two rectangles share more than an edge.
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether the segment from `a` to `b` crosses the rectangle
    /// (Liang–Barsky clipping).
    pub fn crossed_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, a.0 - self.x0),
            (dx, self.x1 - a.0),
            (-dy, a.1 - self.y0),
            (dy, self.y1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// What a label must not cover: lines (the target, the values' line, the
/// outlook's), marks (milestones, points) and, where it can, bars and the
/// other labels. Everything in points from the plot's bottom left.
#[derive(Debug, Clone, Default)]
pub struct Obstacles {
    /// Segments drawn as lines.
    pub segments: Vec<((f64, f64), (f64, f64))>,
    /// Marks, as the rectangles they fill.
    pub marks: Vec<Rect>,
    /// Bars and labels already placed: avoided where possible.
    pub soft: Vec<Rect>,
}

impl Obstacles {
    /// Whether the box covers a line or a mark (a line's width around it).
    pub fn hits_line(&self, b: &Rect) -> bool {
        let b = Rect::around(
            (b.x0 + b.x1) / 2.0,
            (b.y0 + b.y1) / 2.0,
            (b.x1 - b.x0) / 2.0 + 0.6,
            (b.y1 - b.y0) / 2.0 + 0.6,
        );
        self.segments.iter().any(|(a, c)| b.crossed_by(*a, *c))
            || self.marks.iter().any(|m| m.overlaps(&b))
    }

    fn hits_soft(&self, b: &Rect) -> bool {
        self.soft.iter().any(|s| s.overlaps(b))
    }
}

/// Where a label may go around its anchor, in order of preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Right of it, centred on it.
    Right,
    /// Right of it and above.
    RightAbove,
    /// Right of it and below.
    RightBelow,
    /// Above it, centred.
    Above,
    /// Below it, centred.
    Below,
    /// Left of it and above.
    LeftAbove,
    /// Left of it and below.
    LeftBelow,
    /// Left of it, centred on it.
    Left,
    /// Higher above it, ending where it is (clear of a neighbouring point).
    HighLeft,
    /// Lower below it, ending where it is.
    LowLeft,
}

/// Chooses the box of a label of `w` × `h` points among `candidates` (an
/// anchor and the side of it the label takes, in order of preference),
/// within `bounds`: the first clear of every line, mark, bar and label;
/// else the first clear of lines and marks; else the first within bounds
/// (the property test over the examples' charts tells if that happens).
pub fn place(
    candidates: &[((f64, f64), Side)],
    (w, h): (f64, f64),
    bounds: &Rect,
    obstacles: &Obstacles,
) -> Rect {
    const GAP: f64 = 2.5;
    let boxes: Vec<Rect> = candidates
        .iter()
        .map(|&((x, y), side)| {
            let (x0, y0) = match side {
                Side::Right => (x + GAP, y - h / 2.0),
                Side::RightAbove => (x + GAP, y + GAP / 2.0),
                Side::RightBelow => (x + GAP, y - GAP / 2.0 - h),
                Side::Above => (x - w / 2.0, y + GAP),
                Side::Below => (x - w / 2.0, y - GAP - h),
                Side::LeftAbove => (x - GAP - w, y + GAP / 2.0),
                Side::LeftBelow => (x - GAP - w, y - GAP / 2.0 - h),
                Side::Left => (x - GAP - w, y - h / 2.0),
                Side::HighLeft => (x - w, y + 2.0 * GAP),
                Side::LowLeft => (x - w, y - 2.0 * GAP - h),
            };
            Rect {
                x0,
                y0,
                x1: x0 + w,
                y1: y0 + h,
            }
        })
        .collect();
    let inside = |b: &&Rect| {
        b.x0 >= bounds.x0 && b.x1 <= bounds.x1 && b.y0 >= bounds.y0 && b.y1 <= bounds.y1
    };
    // Farther out, around the first anchor, nearest first: a crowded
    // corner (the last point on the target at the axis's end) still finds
    // a clear place.
    let around = candidates
        .first()
        .map(|&(at, _)| nearby(at, (w, h)))
        .unwrap_or_default();
    let clear = |b: &&Rect| !obstacles.hits_line(b);
    boxes
        .iter()
        .filter(inside)
        .find(|b| clear(b) && !obstacles.hits_soft(b))
        .or_else(|| boxes.iter().filter(inside).find(clear))
        .or_else(|| around.iter().filter(inside).find(clear))
        .or(boxes.first())
        .copied()
        .unwrap_or(Rect {
            x0: 0.0,
            y0: 0.0,
            x1: w,
            y1: h,
        })
}

/// Boxes of `w` × `h` centred ever farther from `at` (rings of 16
/// directions, 4 to 28 points away), nearest first.
fn nearby(at: (f64, f64), (w, h): (f64, f64)) -> Vec<Rect> {
    (1..=13)
        .flat_map(|ring| {
            let r = 2.0 + 2.0 * ring as f64;
            (0..16).map(move |k| {
                let a = k as f64 * std::f64::consts::PI / 8.0;
                Rect::around(at.0 + r * a.cos(), at.1 + r * a.sin(), w / 2.0, h / 2.0)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_round_and_hold_the_values() {
        let s = Scale::round(15.0, true);
        assert_eq!((s.top, s.step), (15.0, 5.0));
        assert_eq!(s.ticks(), [0.0, 5.0, 10.0, 15.0]);
        let s = Scale::round(100.0, false);
        assert_eq!((s.top, s.step), (100.0, 25.0));
        let s = Scale::round(5.0, true);
        assert_eq!((s.top, s.step), (6.0, 2.0));
        let s = Scale::round(1.0, true);
        assert_eq!((s.top, s.step), (1.0, 1.0));
        let s = Scale::round(10.0, true);
        assert_eq!((s.top, s.step), (10.0, 5.0));
        let s = Scale::round(10.0, false);
        assert_eq!((s.top, s.step), (10.0, 2.5));
        let s = Scale::round(0.8, false);
        assert!((s.top - 0.8).abs() < 1e-9 && (s.step - 0.2).abs() < 1e-9);
        let s = Scale::round(4.2, false);
        assert_eq!((s.top, s.step), (6.0, 2.0));
        let s = Scale::round(12.4, false);
        assert_eq!((s.top, s.step), (15.0, 5.0));
        let s = Scale::round(18000.0, true);
        assert_eq!((s.top, s.step), (20000.0, 5000.0));
    }

    #[test]
    fn a_segment_crosses_a_box_only_where_it_passes() {
        let b = Rect::around(10.0, 10.0, 2.0, 2.0);
        assert!(b.crossed_by((0.0, 10.0), (20.0, 10.0)));
        assert!(b.crossed_by((0.0, 0.0), (20.0, 20.0)));
        assert!(!b.crossed_by((0.0, 13.0), (20.0, 13.0)));
        assert!(!b.crossed_by((0.0, 0.0), (7.0, 20.0)));
        assert!(b.crossed_by((10.0, 10.0), (10.0, 10.0)));
    }

    /// A label right of its point would sit on a line through it: it goes
    /// to the next side that is clear.
    #[test]
    fn a_label_leaves_the_lines_it_would_cover() {
        let bounds = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 100.0,
            y1: 50.0,
        };
        let obstacles = Obstacles {
            segments: vec![((0.0, 20.0), (100.0, 20.0))],
            ..Default::default()
        };
        let sides = [Side::Right, Side::RightAbove, Side::RightBelow].map(|s| ((50.0, 20.0), s));
        let b = place(&sides, (10.0, 7.0), &bounds, &obstacles);
        assert!(b.y0 > 20.0 && b.x0 > 50.0, "{b:?}");
        assert!(!obstacles.hits_line(&b));
    }
}

//! Drawing helpers the charts share: sizes in CSS pixels times the pixel ratio, text, the title
//! and legend, value axes, date labels and bars measured against a whole.
//!
//! Layout never asks the backend how wide a text is: plotters measures text through the DOM
//! on wasm and by a byte count natively, so a measured layout would differ between the canvas
//! and the snapshots, and would force a browser reflow per label. Widths are estimated from
//! the number of characters instead ([`Painter::text_width`]), the same on every backend.

use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind};
use plotters::element::{Circle, DashedPathElement, PathElement, Rectangle};
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontFamily, FontStyle, IntoFont, RGBColor, ShapeStyle, TextStyle};

use super::style::{ChartStyle, Locale};

/// What a chart's drawing function returns: nothing, or the backend's error.
pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Font size of titles, in CSS pixels.
pub(super) const TITLE_SIZE: f64 = 15.0;
/// Font size of every other text, in CSS pixels.
pub(super) const LABEL_SIZE: f64 = 12.0;
/// Space around the chart and between its parts, in CSS pixels.
pub(super) const PAD: f64 = 8.0;
/// Average advance of a character in em, generous for the system UI fonts (digits are about
/// 0.55 em, Vietnamese lowercase letters with their marks about as wide).
const CHAR_EM: f64 = 0.58;

/// How a legend entry is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// A solid line.
    Line,
    /// A dashed line.
    Dashed,
    /// A dotted line.
    Dotted,
    /// A filled square.
    Box,
}

/// A rectangle in device pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Frame {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
}

impl Frame {
    pub fn width(&self) -> i32 {
        self.right - self.left
    }

    pub fn height(&self) -> i32 {
        self.bottom - self.top
    }
}

/// A value axis from zero: its top and the step between its ticks, both whole numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct ValueAxis {
    pub max: f64,
    pub step: f64,
}

impl ValueAxis {
    /// An axis from 0 to at least `max` with about `ticks` steps of 1, 2 or 5 times a power of
    /// ten (at least 1); `0..1` when `max` is not positive.
    pub fn new(max: f64, ticks: i32) -> ValueAxis {
        if !(max.is_finite() && max > 0.0) {
            return ValueAxis {
                max: 1.0,
                step: 1.0,
            };
        }
        let raw = max / f64::from(ticks.max(1));
        let mut step = 1.0;
        'search: while step < 1e15 {
            for m in [1.0, 2.0, 5.0] {
                if step * m >= raw {
                    step *= m;
                    break 'search;
                }
            }
            step *= 10.0;
        }
        ValueAxis {
            max: (max / step).ceil() * step,
            step,
        }
    }

    /// The tick values, 0 first.
    pub fn ticks(&self) -> Vec<f64> {
        let n = (self.max / self.step).round() as i64;
        (0..=n).map(|i| i as f64 * self.step).collect()
    }
}

/// Draws on one area with one style.
pub(super) struct Painter<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    pub style: &'a ChartStyle,
    pub width: i32,
    pub height: i32,
}

impl<'a, DB: DrawingBackend> Painter<'a, DB> {
    pub fn new(area: &'a DrawingArea<DB, Shift>, style: &'a ChartStyle) -> Self {
        let (w, h) = area.dim_in_pixel();
        Painter {
            area,
            style,
            width: i32::try_from(w).unwrap_or(i32::MAX),
            height: i32::try_from(h).unwrap_or(i32::MAX),
        }
    }

    /// `css` CSS pixels in device pixels.
    pub fn px(&self, css: f64) -> i32 {
        (css * self.style.pixel_ratio).round() as i32
    }

    /// A line width of `css` CSS pixels, at least one device pixel.
    pub fn stroke(&self, css: f64) -> u32 {
        self.px(css).max(1) as u32
    }

    /// The estimated width of `text` at `size` CSS pixels, in device pixels.
    pub fn text_width(&self, text: &str, size: f64) -> i32 {
        let chars = text.chars().count() as f64;
        (chars * size * CHAR_EM * self.style.pixel_ratio).ceil() as i32
    }

    /// `text`, shortened with an ellipsis until its estimated width fits `max` device pixels.
    pub fn fit(&self, text: &str, size: f64, max: i32) -> String {
        if self.text_width(text, size) <= max {
            return text.to_string();
        }
        let mut out: String = text.chars().collect();
        while !out.is_empty() {
            out.pop();
            let candidate = format!("{}…", out.trim_end());
            if self.text_width(&candidate, size) <= max {
                return candidate;
            }
        }
        String::new()
    }

    fn text_style(&self, size: f64, color: &'a RGBColor, pos: Pos, bold: bool) -> TextStyle<'a> {
        let weight = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let font = (
            FontFamily::Name(self.style.font),
            size * self.style.pixel_ratio,
            weight,
        )
            .into_font();
        TextStyle::from(font).color(color).pos(pos)
    }

    /// Draws `text` anchored at `at` (device pixels) as `h` and `v` say.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &self,
        text: &str,
        at: (i32, i32),
        size: f64,
        color: &'a RGBColor,
        h: HPos,
        v: VPos,
        bold: bool,
    ) -> DrawResult<DB> {
        if text.is_empty() {
            return Ok(());
        }
        let style = self.text_style(size, color, Pos::new(h, v), bold);
        self.area.draw_text(text, &style, at)
    }

    /// Fills the rectangle from `a` to `b` (device pixels, both included).
    pub fn rect(&self, a: (i32, i32), b: (i32, i32), color: &RGBColor) -> DrawResult<DB> {
        self.area.draw(&Rectangle::new([a, b], color.filled()))
    }

    /// A polyline through `points`, marked as `mark`, `width` CSS pixels wide.
    pub fn line(
        &self,
        points: Vec<(i32, i32)>,
        color: &RGBColor,
        width: f64,
        mark: Mark,
    ) -> DrawResult<DB> {
        if points.len() < 2 {
            return Ok(());
        }
        let style = ShapeStyle::from(color).stroke_width(self.stroke(width));
        match mark {
            Mark::Line | Mark::Box => self.area.draw(&PathElement::new(points, style)),
            Mark::Dashed => self.area.draw(&DashedPathElement::new(
                points,
                self.px(7.0),
                self.px(4.0),
                style,
            )),
            Mark::Dotted => self.area.draw(&DashedPathElement::new(
                points,
                self.px(2.0),
                self.px(3.0),
                style,
            )),
        }
    }

    /// A filled dot of `radius` CSS pixels.
    pub fn dot(&self, at: (i32, i32), radius: f64, color: &RGBColor) -> DrawResult<DB> {
        let r = self.px(radius).max(1) as u32;
        self.area.draw(&Circle::new(at, r, color.filled()))
    }

    /// Paints the background, the title and the legend; returns where the rest may start.
    pub fn header(
        &self,
        title: &str,
        legend: &[(Mark, &'a RGBColor, &str)],
    ) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
        let theme = &self.style.theme;
        self.area.fill(&theme.background)?;
        let pad = self.px(PAD);
        let title = self.fit(title, TITLE_SIZE, self.width - 2 * pad);
        self.text(
            &title,
            (pad, pad),
            TITLE_SIZE,
            &theme.text,
            HPos::Left,
            VPos::Top,
            true,
        )?;
        let mut y = pad + self.px(TITLE_SIZE * 1.4);
        let line_h = self.px(LABEL_SIZE * 1.5);
        let mut x = pad;
        let swatch = self.px(14.0);
        let gap = self.px(4.0);
        let spacing = self.px(12.0);
        let mut used_row = false;
        for (mark, color, label) in legend {
            let label = self.fit(label, LABEL_SIZE, self.width - 2 * pad - swatch - gap);
            let item = swatch + gap + self.text_width(&label, LABEL_SIZE);
            if used_row && x + item > self.width - pad {
                x = pad;
                y += line_h;
            }
            let mid = y + line_h / 2;
            match mark {
                Mark::Box => {
                    let half = self.px(5.0);
                    self.rect(
                        (x + swatch / 2 - half, mid - half),
                        (x + swatch / 2 + half, mid + half),
                        color,
                    )?;
                }
                line => self.line(vec![(x, mid), (x + swatch, mid)], color, 2.0, *line)?,
            }
            self.text(
                &label,
                (x + swatch + gap, mid),
                LABEL_SIZE,
                &theme.text,
                HPos::Left,
                VPos::Center,
                false,
            )?;
            x += item + spacing;
            used_row = true;
        }
        if used_row {
            y += line_h;
        }
        Ok(y + self.px(PAD / 2.0))
    }

    /// The plot's frame below `top`, with room on the left for the labels of `axis` and the
    /// axis caption above it, and `bottom_room` CSS pixels below it for its other axis.
    pub fn value_frame(
        &self,
        top: i32,
        axis: &ValueAxis,
        caption: &str,
        locale: &dyn Locale,
        bottom_room: f64,
    ) -> Frame {
        let pad = self.px(PAD);
        let widest = axis
            .ticks()
            .iter()
            .map(|t| self.text_width(&locale.number(*t as i64), LABEL_SIZE))
            .max()
            .unwrap_or(0);
        let caption_room = if caption.is_empty() {
            self.px(LABEL_SIZE / 2.0)
        } else {
            self.px(LABEL_SIZE * 2.2)
        };
        let frame = Frame {
            left: pad + widest + self.px(6.0),
            top: top + caption_room,
            right: self.width - pad,
            bottom: self.height - pad - self.px(bottom_room),
        };
        Frame {
            right: frame.right.max(frame.left + 1),
            bottom: frame.bottom.max(frame.top + 1),
            ..frame
        }
    }

    /// The vertical position of `value` on `axis` within `frame`.
    pub fn y_of(&self, frame: &Frame, axis: &ValueAxis, value: f64) -> i32 {
        let share = (value / axis.max).clamp(0.0, 1.0);
        frame.bottom - (share * f64::from(frame.height())).round() as i32
    }

    /// Grid lines, tick labels and caption of a value axis on the left of `frame`, and the
    /// frame's baseline.
    pub fn value_axis(
        &self,
        frame: &Frame,
        axis: &ValueAxis,
        caption: &str,
        locale: &dyn Locale,
    ) -> DrawResult<DB> {
        let theme = &self.style.theme;
        for tick in axis.ticks() {
            let y = self.y_of(frame, axis, tick);
            self.line(
                vec![(frame.left, y), (frame.right, y)],
                &theme.grid,
                1.0,
                Mark::Line,
            )?;
            self.text(
                &locale.number(tick as i64),
                (frame.left - self.px(6.0), y),
                LABEL_SIZE,
                &theme.muted,
                HPos::Right,
                VPos::Center,
                false,
            )?;
        }
        self.text(
            caption,
            (self.px(PAD), frame.top - self.px(LABEL_SIZE * 1.4)),
            LABEL_SIZE,
            &theme.muted,
            HPos::Left,
            VPos::Center,
            false,
        )?;
        self.line(
            vec![(frame.left, frame.bottom), (frame.right, frame.bottom)],
            &theme.muted,
            1.0,
            Mark::Line,
        )
    }

    /// Labels centred under `frame` at the given x positions, in order, leaving out any that
    /// would overlap the last one drawn or stick out of the chart.
    pub fn bottom_labels(&self, frame: &Frame, labels: &[(i32, String)]) -> DrawResult<DB> {
        let theme = &self.style.theme;
        let gap = self.px(6.0);
        let mut free_from = 0;
        for (x, label) in labels {
            let w = self.text_width(label, LABEL_SIZE);
            let left = x - w / 2;
            if left < free_from || x + w / 2 > self.width {
                continue;
            }
            let tick = self.px(4.0);
            self.line(
                vec![(*x, frame.bottom), (*x, frame.bottom + tick)],
                &theme.muted,
                1.0,
                Mark::Line,
            )?;
            self.text(
                label,
                (*x, frame.bottom + tick + self.px(2.0)),
                LABEL_SIZE,
                &theme.muted,
                HPos::Center,
                VPos::Top,
                false,
            )?;
            free_from = x + w / 2 + gap;
        }
        Ok(())
    }

    /// The "no data" text in the middle of `frame`.
    pub fn no_data(&self, frame: &Frame, text: &str) -> DrawResult<DB> {
        let text = self.fit(text, LABEL_SIZE, frame.width());
        self.text(
            &text,
            (
                (frame.left + frame.right) / 2,
                (frame.top + frame.bottom) / 2,
            ),
            LABEL_SIZE,
            &self.style.theme.muted,
            HPos::Center,
            VPos::Center,
            false,
        )
    }

    /// Bars measured against a whole, one under another from `top`: each has its label and
    /// figure on a line above it, a track as long as its whole and a fill as long as its part,
    /// on a scale where `scale_max` is the full width. `None` leaves a gap marked with an
    /// ellipsis. The bars share the height left, up to a comfortable 34 CSS pixels each.
    pub fn track_bars(
        &self,
        top: i32,
        bars: &[Option<TrackBar>],
        scale_max: f64,
    ) -> DrawResult<DB> {
        let theme = &self.style.theme;
        let pad = self.px(PAD);
        let frame = Frame {
            left: pad,
            top,
            right: self.width - pad,
            bottom: self.height - pad,
        };
        if bars.is_empty() || frame.height() <= 0 {
            return Ok(());
        }
        let n = i32::try_from(bars.len()).unwrap_or(i32::MAX);
        let row = (frame.height() / n).min(self.px(34.0));
        let text_h = self.px(LABEL_SIZE * 1.3);
        let show_text = row >= text_h + self.px(4.0);
        let bar_h = if show_text {
            (row - text_h - self.px(4.0)).min(self.px(12.0))
        } else {
            (row * 2 / 3).max(1)
        };
        let scale = |v: f64| {
            let share = if scale_max > 0.0 {
                (v / scale_max).clamp(0.0, 1.0)
            } else {
                0.0
            };
            frame.left + (share * f64::from(frame.width())).round() as i32
        };
        for (i, bar) in bars.iter().enumerate() {
            let y = frame.top + row * i32::try_from(i).unwrap_or(i32::MAX);
            let Some(bar) = bar else {
                self.text(
                    "…",
                    (frame.left, y + row / 2),
                    LABEL_SIZE,
                    &theme.muted,
                    HPos::Left,
                    VPos::Center,
                    false,
                )?;
                continue;
            };
            let bar_top = if show_text {
                let figure_w = self.text_width(&bar.figure, LABEL_SIZE);
                let label = self.fit(
                    &bar.label,
                    LABEL_SIZE,
                    frame.width() - figure_w - self.px(8.0),
                );
                let mid = y + text_h / 2;
                self.text(
                    &label,
                    (frame.left, mid),
                    LABEL_SIZE,
                    &theme.text,
                    HPos::Left,
                    VPos::Center,
                    false,
                )?;
                self.text(
                    &bar.figure,
                    (frame.right, mid),
                    LABEL_SIZE,
                    &theme.text,
                    HPos::Right,
                    VPos::Center,
                    false,
                )?;
                y + text_h
            } else {
                y
            };
            let bar_bottom = bar_top + bar_h - 1;
            if let Some(whole) = bar.whole {
                self.rect(
                    (frame.left, bar_top),
                    (scale(whole), bar_bottom),
                    &theme.track,
                )?;
            }
            if bar.part > 0.0 {
                self.rect(
                    (frame.left, bar_top),
                    (scale(bar.part).max(frame.left + 1), bar_bottom),
                    &theme.primary,
                )?;
            }
            if let Some(whole) = bar.whole.filter(|_| bar.mark_whole) {
                let x = scale(whole);
                self.line(
                    vec![(x, bar_top - self.px(2.0)), (x, bar_bottom + self.px(2.0))],
                    &theme.target,
                    2.0,
                    Mark::Line,
                )?;
            }
        }
        Ok(())
    }
}

/// One bar of [`Painter::track_bars`].
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TrackBar {
    /// What the bar is (a unit's name), drawn above it on the left.
    pub label: String,
    /// Its figures as text, drawn above it on the right.
    pub figure: String,
    /// The part achieved.
    pub part: f64,
    /// The whole it is measured against, if it has one.
    pub whole: Option<f64>,
    /// Whether the end of the whole is marked with a line (a quota), or only by the track's
    /// end (a capacity).
    pub mark_whole: bool,
}

/// `points` without the inner points of horizontal runs (a cumulative curve is flat most of the
/// year), so the drawing stays small; the drawn line is the same.
pub(super) fn simplify(points: Vec<(i32, i32)>) -> Vec<(i32, i32)> {
    let n = points.len();
    if n < 3 {
        return points;
    }
    let mut out = Vec::with_capacity(n);
    out.push(points[0]);
    for i in 1..n - 1 {
        let (prev, here, next) = (points[i - 1], points[i], points[i + 1]);
        let flat = prev.1 == here.1 && here.1 == next.1;
        if !flat && here != prev {
            out.push(here);
        }
    }
    out.push(points[n - 1]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_axes_step_by_one_two_or_five_times_a_power_of_ten() {
        let a = ValueAxis::new(1799.0, 5);
        assert_eq!((a.step, a.max), (500.0, 2000.0));
        assert_eq!(a.ticks(), vec![0.0, 500.0, 1000.0, 1500.0, 2000.0]);
        assert_eq!(ValueAxis::new(3.0, 5).step, 1.0);
        assert_eq!(ValueAxis::new(0.0, 5).max, 1.0);
        assert_eq!(ValueAxis::new(f64::NAN, 5).max, 1.0);
        assert_eq!(ValueAxis::new(120.0, 4).step, 50.0);
    }

    #[test]
    fn simplify_keeps_the_ends_and_corners_of_flat_runs() {
        let pts = vec![(0, 10), (1, 10), (2, 10), (3, 8), (4, 8), (5, 8)];
        assert_eq!(simplify(pts), vec![(0, 10), (2, 10), (3, 8), (5, 8)]);
    }
}

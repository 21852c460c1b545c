//! The campaign's progress: cumulative units through the year against the straight target path
//! and the previous year's curve, with the pace still needed from today to the target.

use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;

use super::paint::{DrawResult, Mark, Painter, ValueAxis, simplify};
use super::style::{ChartStyle, Labels, percent};
use crate::domain::stats::CumulativePoint;
use crate::domain::targets::Progress;
use crate::domain::{Date, Units};

/// The names of the progress chart's series, already translated.
#[derive(Debug, Clone, Copy)]
pub struct ProgressNames<'a> {
    /// Units donated so far ("Đã hiến").
    pub donated: &'a str,
    /// The straight target path ("Lộ trình mục tiêu").
    pub target_path: &'a str,
    /// The previous year's curve ("Năm trước").
    pub previous_year: &'a str,
    /// The pace still needed, from today to the target ("Tốc độ cần đạt").
    pub required_pace: &'a str,
}

/// Draws the year's cumulative units (`points`, one per day from 1 January, as
/// [`crate::domain::stats::cumulative`] gives them) on `area`: the units donated up to today
/// (solid), the target path (dashed), the previous year's curve when the points carry it
/// (thin, muted), and the pace still needed as a dotted line from today's units to the target on
/// 31 December. The date axis marks the first of each month that fits.
///
/// Empty `points` draw the axes and `labels.no_data`.
pub fn progress_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[CumulativePoint],
    style: &ChartStyle,
    labels: &Labels<ProgressNames>,
) -> DrawResult<DB> {
    let p = Painter::new(area, style);
    let theme = &style.theme;
    let names = &labels.names;
    let has_previous = points.iter().any(|pt| pt.previous.is_some());
    let today = points.iter().rposition(|pt| pt.actual.is_some());
    let end = points.last();
    let pace = match (today, end) {
        (Some(i), Some(end)) if i + 1 < points.len() => {
            let donated = points[i].actual.unwrap_or_default();
            (donated < end.target).then_some((i, donated, end.target))
        }
        _ => None,
    };
    let mut legend = vec![
        (Mark::Line, &theme.primary, names.donated),
        (Mark::Dashed, &theme.target, names.target_path),
    ];
    if has_previous {
        legend.push((Mark::Line, &theme.muted, names.previous_year));
    }
    if pace.is_some() {
        legend.push((Mark::Dotted, &theme.pace, names.required_pace));
    }
    let top = p.header(labels.title, &legend)?;
    let max = points
        .iter()
        .flat_map(|pt| [pt.actual, Some(pt.target), pt.previous])
        .flatten()
        .max()
        .unwrap_or_default();
    let axis = ValueAxis::new(max.as_f64(), 5);
    let frame = p.value_frame(top, &axis, labels.value_axis, labels.locale, 20.0);
    p.value_axis(&frame, &axis, labels.value_axis, labels.locale)?;
    let Some(last) = points.len().checked_sub(1) else {
        return p.no_data(&frame, labels.no_data);
    };
    let x_of = |i: usize| {
        if last == 0 {
            return frame.left;
        }
        frame.left + (i as f64 / last as f64 * f64::from(frame.width())).round() as i32
    };
    let at = |i: usize, u: Units| (x_of(i), p.y_of(&frame, &axis, u.as_f64()));
    let months: Vec<(i32, String)> = points
        .iter()
        .enumerate()
        .filter(|(_, pt)| pt.date.day() == 1)
        .map(|(i, pt)| (x_of(i), labels.locale.day_month(pt.date)))
        .collect();
    p.bottom_labels(&frame, &months)?;
    if has_previous {
        let curve = points
            .iter()
            .enumerate()
            .filter_map(|(i, pt)| pt.previous.map(|u| at(i, u)))
            .collect();
        p.line(simplify(curve), &theme.muted, 1.5, Mark::Line)?;
    }
    p.line(
        vec![at(0, points[0].target), at(last, points[last].target)],
        &theme.target,
        2.0,
        Mark::Dashed,
    )?;
    let actual: Vec<(i32, i32)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, pt)| pt.actual.map(|u| at(i, u)))
        .collect();
    p.line(simplify(actual), &theme.primary, 3.0, Mark::Line)?;
    if let Some((i, donated, target)) = pace {
        p.line(
            vec![at(i, donated), at(last, target)],
            &theme.pace,
            2.5,
            Mark::Dotted,
        )?;
    }
    if let Some(i) = today {
        p.dot(
            at(i, points[i].actual.unwrap_or_default()),
            4.0,
            &theme.primary,
        )?;
    }
    Ok(())
}

/// The figures the progress chart shows, for its accessible name and a sentence beside it
/// ("1.204 of 1.799 units, 67 %, behind pace by 52 units").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProgressSummary {
    /// The day the figures are for.
    pub today: Date,
    /// Units donated up to and including today.
    pub donated: Units,
    /// The year's target in whole units.
    pub target: i64,
    /// `donated` in per cent of the target ([`percent`]); `None` without a target.
    pub percent: Option<u32>,
    /// Units still to collect, never below zero.
    pub remaining: Units,
    /// Units behind the target path today, zero when on or ahead of it.
    pub behind_by: Units,
    /// Units ahead of the target path today, zero when behind it.
    pub ahead_by: Units,
    /// Units a day needed from tomorrow to reach the target; `None` when no day is left.
    pub required_per_day: Option<Units>,
    /// Days left after today in the campaign's year.
    pub days_left: u32,
    /// The previous year's units up to the same calendar day, when the chart shows them.
    pub previous_to_date: Option<Units>,
}

/// The progress chart's figures, from the campaign's [`Progress`] and the chart's `points` (for
/// the previous year's units to date).
pub fn progress_summary(progress: &Progress, points: &[CumulativePoint]) -> ProgressSummary {
    let previous_to_date = points
        .iter()
        .take_while(|pt| pt.date <= progress.today)
        .last()
        .and_then(|pt| pt.previous);
    let ahead = progress.ahead_by.max(Units::ZERO);
    ProgressSummary {
        today: progress.today,
        donated: progress.donated,
        target: progress.target,
        percent: percent(
            i128::from(progress.donated.milli()),
            i128::from(progress.target) * 1000,
        ),
        remaining: progress.remaining,
        behind_by: progress.behind_by(),
        ahead_by: ahead,
        required_per_day: progress.required_per_day,
        days_left: progress.days_left,
        previous_to_date,
    }
}

/// The rows of the progress chart's data table: the last day of every month, and today when it
/// is not one, in date order (a table of 365 days would be unreadable).
pub fn progress_table(points: &[CumulativePoint]) -> Vec<CumulativePoint> {
    let today = points.iter().rposition(|pt| pt.actual.is_some());
    points
        .iter()
        .enumerate()
        .filter(|(i, pt)| pt.date.add_days(1).month() != pt.date.month() || Some(*i) == today)
        .map(|(_, pt)| *pt)
        .collect()
}

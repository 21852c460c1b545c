//! Pledges and units per day: one pair of bars a day, for a drive or the whole campaign.

use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};

use super::paint::{DrawResult, LABEL_SIZE, Mark, Painter, ValueAxis};
use super::style::{ChartStyle, Labels};
use crate::domain::Units;
use crate::domain::stats::{DayRow, Tally};

/// The names of the daily chart's series, already translated.
#[derive(Debug, Clone, Copy)]
pub struct DailyNames<'a> {
    /// Pledges for the day ("Đăng ký").
    pub pledges: &'a str,
    /// Units donated that day ("Đơn vị máu").
    pub units: &'a str,
}

/// Draws, for each day of `rows` ([`crate::domain::stats::by_day`], with a drive filter for one
/// drive's days), a bar of its pledges and a bar of its units side by side, on one value axis,
/// with each bar's figure above it when there is room. Days are labelled `dd/mm`, as many as
/// fit.
///
/// Empty `rows` draw the axes and `labels.no_data`.
pub fn daily_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[DayRow],
    style: &ChartStyle,
    labels: &Labels<DailyNames>,
) -> DrawResult<DB> {
    let p = Painter::new(area, style);
    let theme = &style.theme;
    let locale = labels.locale;
    let legend = [
        (Mark::Box, &theme.secondary, labels.names.pledges),
        (Mark::Box, &theme.primary, labels.names.units),
    ];
    let top = p.header(labels.title, &legend)?;
    let max = rows
        .iter()
        .map(|r| f64::from(r.tally.pledges).max(r.tally.units.as_f64()))
        .fold(0.0, f64::max);
    let axis = ValueAxis::new(max, 5);
    let frame = p.value_frame(top, &axis, labels.value_axis, locale, 20.0);
    p.value_axis(&frame, &axis, labels.value_axis, locale)?;
    if rows.is_empty() {
        return p.no_data(&frame, labels.no_data);
    }
    let n = i32::try_from(rows.len()).unwrap_or(i32::MAX);
    let band = f64::from(frame.width()) / f64::from(n);
    let bar = ((band * 0.4).floor() as i32).max(1);
    let gap = if band >= 4.0 {
        (band * 0.05).round() as i32
    } else {
        0
    };
    let mut days = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let centre = frame.left + (band * (i as f64 + 0.5)).round() as i32;
        days.push((centre, locale.day_month(row.date)));
        let figures = [
            (
                centre - gap - bar,
                f64::from(row.tally.pledges),
                locale.number(i64::from(row.tally.pledges)),
                &theme.secondary,
            ),
            (
                centre + gap,
                row.tally.units.as_f64(),
                locale.units(row.tally.units),
                &theme.primary,
            ),
        ];
        for (left, value, text, color) in figures {
            let y = p.y_of(&frame, &axis, value);
            if y < frame.bottom {
                p.rect((left, y), (left + bar - 1, frame.bottom - 1), color)?;
            }
            if p.text_width(&text, LABEL_SIZE) <= bar + 2 * gap {
                p.text(
                    &text,
                    (left + bar / 2, y - p.px(2.0)),
                    LABEL_SIZE,
                    &theme.text,
                    HPos::Center,
                    VPos::Bottom,
                    false,
                )?;
            }
        }
    }
    p.bottom_labels(&frame, &days)
}

/// The daily chart's figures, for its accessible name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DailySummary {
    /// Days with at least one pledge.
    pub days: usize,
    /// Pledges, donations and units over those days.
    pub tally: Tally,
    /// The day with the most pledges (the earliest of equals), if any.
    pub busiest: Option<DayRow>,
    /// Units a day on average over those days, rounded to the thousandth; zero without days.
    pub units_per_day: Units,
}

/// The daily chart's figures from its `rows` (which are already its table's rows).
pub fn daily_summary(rows: &[DayRow]) -> DailySummary {
    let tally: Tally = rows.iter().map(|r| r.tally).sum();
    let busiest = rows
        .iter()
        .fold(None::<&DayRow>, |best, r| match best {
            Some(b) if b.tally.pledges >= r.tally.pledges => Some(b),
            _ => Some(r),
        })
        .copied();
    let days = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    let units_per_day = if days == 0 {
        Units::ZERO
    } else {
        Units::from_milli((2 * tally.units.milli() + days) / (2 * days))
    };
    DailySummary {
        days: rows.len(),
        tally,
        busiest,
        units_per_day,
    }
}

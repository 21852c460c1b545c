//! How full the slots are: a grid per site with a row per day and a column per slot time, each
//! cell shaded by how full the slot is and, where it fits, showing its taken and total places.

use crate::domain::order::set_of;

use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};

use super::paint::{DrawResult, Frame, LABEL_SIZE, Mark, PAD, Painter};
use super::style::{ChartStyle, Labels, Locale, percent};
use crate::domain::stats::SlotFill;
use crate::domain::{SiteId, TimeOfDay};

/// How the slot chart names a site: the UI looks the name up (the rows carry only ids).
pub struct SlotNames<'a> {
    /// The site's name.
    pub site: &'a dyn Fn(&SiteId) -> String,
}

/// How full a slot is, in the five steps the slot chart shades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FillLevel {
    /// No place taken.
    Empty,
    /// Less than half taken.
    Low,
    /// Half to four fifths taken.
    Half,
    /// Four fifths or more, not yet full.
    High,
    /// Every place taken (or more, when the capacity was lowered below the pledges).
    Full,
}

impl FillLevel {
    /// Every level, emptiest first.
    pub const ALL: [FillLevel; 5] = [
        FillLevel::Empty,
        FillLevel::Low,
        FillLevel::Half,
        FillLevel::High,
        FillLevel::Full,
    ];

    /// The level of a slot.
    pub fn of(slot: &SlotFill) -> FillLevel {
        match (slot.taken, slot.fill_permille()) {
            (0, _) => FillLevel::Empty,
            (_, 1000..) => FillLevel::Full,
            (_, 800..) => FillLevel::High,
            (_, 500..) => FillLevel::Half,
            _ if slot.capacity == 0 => FillLevel::Full,
            _ => FillLevel::Low,
        }
    }

    /// Its position in [`FillLevel::ALL`], which is also its step in the theme's heat colours.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Its range in per cent, in the locale's numbers ("50–79 %"), as the chart's legend shows.
    pub fn range(self, locale: &dyn Locale) -> String {
        let span = |a: i64, b: u32| format!("{}–{}", locale.number(a), locale.percent(b));
        match self {
            FillLevel::Empty => locale.percent(0),
            FillLevel::Low => span(1, 49),
            FillLevel::Half => span(50, 79),
            FillLevel::High => span(80, 99),
            FillLevel::Full => locale.percent(100),
        }
    }
}

/// One line of the grid: a site's heading, or one of its days.
enum Line<'r> {
    Site(&'r SiteId),
    Day(Vec<&'r SlotFill>),
}

/// Groups `rows` (in [`crate::domain::stats::slot_fill`] order: drive, site, day, time) into a
/// heading per drive and site and a line per day.
fn lines(rows: &[SlotFill]) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let first = &rows[i];
        out.push(Line::Site(&first.site));
        while i < rows.len() && rows[i].drive == first.drive && rows[i].site == first.site {
            let day = rows[i].date;
            let mut cells = Vec::new();
            while i < rows.len()
                && rows[i].drive == first.drive
                && rows[i].site == first.site
                && rows[i].date == day
            {
                cells.push(&rows[i]);
                i += 1;
            }
            out.push(Line::Day(cells));
        }
    }
    out
}

/// Draws the slots of `rows` ([`crate::domain::stats::slot_fill`]) as a grid: under each site's
/// name, a row per day (`dd/mm`) and a column per slot start time, each cell shaded by its
/// [`FillLevel`] and showing `taken/capacity` when it fits. Rows shrink to fit the area; labels
/// that no longer fit are left out (the data table has them all).
///
/// Empty `rows` draw the legend and `labels.no_data`.
pub fn slot_fill_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[SlotFill],
    style: &ChartStyle,
    labels: &Labels<SlotNames>,
) -> DrawResult<DB> {
    let p = Painter::new(area, style);
    let theme = &style.theme;
    let locale = labels.locale;
    let ranges: Vec<String> = FillLevel::ALL.iter().map(|l| l.range(locale)).collect();
    let legend: Vec<_> = FillLevel::ALL
        .iter()
        .zip(&ranges)
        .map(|(l, r)| (Mark::Box, &theme.heat[l.index()], r.as_str()))
        .collect();
    let top = p.header(labels.title, &legend)?;
    let pad = p.px(PAD);
    let times: Vec<TimeOfDay> = set_of(rows.iter().map(|r| r.start)).into_iter().collect();
    let day_w = set_of(rows.iter().map(|r| r.date))
        .into_iter()
        .map(|d| p.text_width(&locale.day_month(d), LABEL_SIZE))
        .max()
        .unwrap_or(0);
    let head_h = p.px(LABEL_SIZE * 1.5);
    let grid = Frame {
        left: pad + day_w + p.px(6.0),
        top: top + head_h,
        right: p.width - pad,
        bottom: p.height - pad,
    };
    if rows.is_empty() || grid.width() <= 0 || grid.height() <= 0 {
        let frame = Frame {
            left: pad,
            top,
            right: p.width - pad,
            bottom: p.height - pad,
        };
        return p.no_data(&frame, labels.no_data);
    }
    let lines = lines(rows);
    let n = i32::try_from(lines.len()).unwrap_or(i32::MAX);
    let row_h = (grid.height() / n).clamp(1, p.px(24.0));
    let cols = i32::try_from(times.len()).unwrap_or(i32::MAX);
    let col_w = (grid.width() / cols).max(1);
    let gap = if col_w > p.px(6.0) && row_h > p.px(6.0) {
        p.px(1.0).max(1)
    } else {
        0
    };
    let text_fits_row = row_h >= p.px(LABEL_SIZE * 1.1);
    let time_labels: Vec<(i32, String)> = times
        .iter()
        .enumerate()
        .map(|(c, t)| {
            let c = i32::try_from(c).unwrap_or(i32::MAX);
            (grid.left + c * col_w + col_w / 2, locale.time(*t))
        })
        .collect();
    let mut free_from = grid.left;
    for (x, label) in &time_labels {
        let w = p.text_width(label, LABEL_SIZE);
        if x - w / 2 < free_from {
            continue;
        }
        p.text(
            label,
            (*x, top + head_h / 2),
            LABEL_SIZE,
            &theme.muted,
            HPos::Center,
            VPos::Center,
            false,
        )?;
        free_from = x + w / 2 + p.px(6.0);
    }
    for (i, line) in lines.iter().enumerate() {
        let y = grid.top + row_h * i32::try_from(i).unwrap_or(i32::MAX);
        match line {
            Line::Site(site) => {
                if text_fits_row {
                    let name = p.fit(&(labels.names.site)(site), LABEL_SIZE, p.width - 2 * pad);
                    p.text(
                        &name,
                        (pad, y + row_h / 2),
                        LABEL_SIZE,
                        &theme.text,
                        HPos::Left,
                        VPos::Center,
                        true,
                    )?;
                }
            }
            Line::Day(cells) => {
                if let Some(first) = cells.first().filter(|_| text_fits_row) {
                    p.text(
                        &locale.day_month(first.date),
                        (pad, y + row_h / 2),
                        LABEL_SIZE,
                        &theme.muted,
                        HPos::Left,
                        VPos::Center,
                        false,
                    )?;
                }
                for cell in cells {
                    let Ok(c) = times.binary_search(&cell.start) else {
                        continue;
                    };
                    let x = grid.left + col_w * i32::try_from(c).unwrap_or(i32::MAX);
                    let level = FillLevel::of(cell).index();
                    p.rect(
                        (x, y),
                        (x + col_w - 1 - gap, y + row_h - 1 - gap),
                        &theme.heat[level],
                    )?;
                    let text = format!(
                        "{}/{}",
                        locale.number(i64::from(cell.taken)),
                        locale.number(i64::from(cell.capacity))
                    );
                    if text_fits_row && p.text_width(&text, LABEL_SIZE) + p.px(4.0) <= col_w - gap {
                        p.text(
                            &text,
                            (x + (col_w - gap) / 2, y + (row_h - gap) / 2),
                            LABEL_SIZE,
                            &theme.heat_text[level],
                            HPos::Center,
                            VPos::Center,
                            false,
                        )?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// The slot chart's figures, for its accessible name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SlotFillSummary {
    /// Slots shown.
    pub slots: usize,
    /// Places in them.
    pub capacity: u64,
    /// Places taken.
    pub taken: u64,
    /// Taken places in per cent of all places ([`percent`]); `None` without places.
    pub percent: Option<u32>,
    /// Slots with every place taken.
    pub full: usize,
    /// Slots with no place taken.
    pub empty: usize,
}

/// The slot chart's figures from its `rows` (which are already its table's rows, with
/// [`SlotFill::fill_permille`]).
pub fn slot_fill_summary(rows: &[SlotFill]) -> SlotFillSummary {
    let capacity: u64 = rows.iter().map(|r| u64::from(r.capacity)).sum();
    let taken: u64 = rows.iter().map(|r| u64::from(r.taken)).sum();
    SlotFillSummary {
        slots: rows.len(),
        capacity,
        taken,
        percent: percent(i128::from(taken), i128::from(capacity)),
        full: rows
            .iter()
            .filter(|r| FillLevel::of(r) == FillLevel::Full)
            .count(),
        empty: rows.iter().filter(|r| r.taken == 0).count(),
    }
}

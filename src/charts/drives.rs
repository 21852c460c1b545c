//! The campaign's drives against their capacity: for each drive, the places its pledges hold
//! over every place of its days, sites and slots.

use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;

use super::paint::{DrawResult, Frame, Mark, PAD, Painter, TrackBar};
use super::style::{ChartStyle, Labels, percent};
use crate::domain::Units;
use crate::domain::targets::DriveProgress;

/// The names of the drive chart's series, already translated.
#[derive(Debug, Clone, Copy)]
pub struct DriveNames<'a> {
    /// Places held by pledges ("Đã đăng ký").
    pub held: &'a str,
    /// Every place of the drive ("Số chỗ").
    pub capacity: &'a str,
}

/// Draws one bar per drive of `rows` ([`crate::domain::targets::drive_progress`], in its order):
/// the drive's name, `held / capacity (percent)`, and a bar of held places over a track as long
/// as its capacity. The longest drive fills the width, so drives compare by size too.
///
/// Empty `rows` draw `labels.no_data`.
pub fn drives_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[DriveProgress],
    style: &ChartStyle,
    labels: &Labels<DriveNames>,
) -> DrawResult<DB> {
    let p = Painter::new(area, style);
    let theme = &style.theme;
    let locale = labels.locale;
    let legend = [
        (Mark::Box, &theme.primary, labels.names.held),
        (Mark::Box, &theme.track, labels.names.capacity),
    ];
    let top = p.header(labels.title, &legend)?;
    if rows.is_empty() {
        let pad = p.px(PAD);
        let frame = Frame {
            left: pad,
            top,
            right: p.width - pad,
            bottom: p.height - pad,
        };
        return p.no_data(&frame, labels.no_data);
    }
    let to_i64 = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    let bars: Vec<Option<TrackBar>> = rows
        .iter()
        .map(|r| {
            let share = percent(i128::from(r.held), i128::from(r.capacity))
                .map(|pct| format!(" ({})", locale.percent(pct)))
                .unwrap_or_default();
            Some(TrackBar {
                label: r.name.clone(),
                figure: format!(
                    "{} / {}{share}",
                    locale.number(to_i64(r.held)),
                    locale.number(to_i64(r.capacity))
                ),
                part: r.held as f64,
                whole: Some(r.capacity as f64),
                mark_whole: false,
            })
        })
        .collect();
    let scale = rows
        .iter()
        .map(|r| r.capacity.max(r.held))
        .max()
        .unwrap_or(0) as f64;
    p.track_bars(top, &bars, scale)
}

/// The drive chart's figures, for its accessible name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DrivesSummary {
    /// Drives shown.
    pub drives: usize,
    /// Places over all of them.
    pub capacity: u64,
    /// Places held by pledges.
    pub held: u64,
    /// `held` in per cent of `capacity` ([`percent`]); `None` without places.
    pub percent: Option<u32>,
    /// Donations to date at the drives.
    pub donations: u32,
    /// The units they count for.
    pub donated: Units,
}

/// The drive chart's figures from its `rows` (which are already its table's rows, with
/// [`DriveProgress::fill_percent`]).
pub fn drives_summary(rows: &[DriveProgress]) -> DrivesSummary {
    let capacity = rows.iter().map(|r| r.capacity).sum::<u64>();
    let held = rows.iter().map(|r| r.held).sum::<u64>();
    DrivesSummary {
        drives: rows.len(),
        capacity,
        held,
        percent: percent(i128::from(held), i128::from(capacity)),
        donations: rows.iter().map(|r| r.donations).sum(),
        donated: rows.iter().map(|r| r.donated).sum(),
    }
}

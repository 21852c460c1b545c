//! Participating units against their quotas: the units furthest ahead and furthest behind, each
//! a bar of units donated over a track as long as its quota.

use std::cmp::Ordering;

use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;

use super::paint::{DrawResult, Frame, Mark, PAD, Painter, TrackBar};
use super::style::{ChartStyle, Labels, Locale, percent};
use crate::domain::targets::UnitProgress;
use crate::domain::{UnitId, Units};

/// The names of the quota chart's series, already translated.
#[derive(Debug, Clone, Copy)]
pub struct QuotaNames<'a> {
    /// Units donated ("Đã hiến").
    pub donated: &'a str,
    /// The quota ("Chỉ tiêu").
    pub quota: &'a str,
}

/// One unit with a quota, as the quota chart and its table show it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QuotaRow {
    /// The unit.
    pub unit: UnitId,
    /// Its name.
    pub name: String,
    /// Units its donors gave to date.
    pub donated: Units,
    /// Its quota (positive).
    pub quota: Units,
    /// `donated` in per cent of `quota` ([`percent`]).
    pub percent: u32,
}

impl QuotaRow {
    fn of(u: &UnitProgress) -> Option<QuotaRow> {
        let quota = u.quota.filter(|q| *q > Units::ZERO)?;
        Some(QuotaRow {
            unit: u.unit.clone(),
            name: u.name.clone(),
            donated: u.donated,
            quota,
            percent: percent(i128::from(u.donated.milli()), i128::from(quota.milli()))?,
        })
    }

    /// Furthest ahead first: by exact share of the quota, then name, then id.
    fn rank(a: &QuotaRow, b: &QuotaRow) -> Ordering {
        let share = |r: &QuotaRow| i128::from(r.donated.milli().max(0));
        let left = share(a) * i128::from(b.quota.milli());
        let right = share(b) * i128::from(a.quota.milli());
        right
            .cmp(&left)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.unit.cmp(&b.unit))
    }
}

/// The quota chart's table: every unit of `rows` with a positive quota, furthest ahead first.
pub fn quota_table(rows: &[UnitProgress]) -> Vec<QuotaRow> {
    let mut table: Vec<QuotaRow> = rows.iter().filter_map(QuotaRow::of).collect();
    crate::domain::order::sort_by(&mut table, QuotaRow::rank);
    table
}

/// The units the quota chart shows: the `n` furthest ahead and the `n` furthest behind.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QuotaExtremes {
    /// The units furthest ahead, best first; every unit with a quota when there are no more
    /// than `2 n` of them.
    pub top: Vec<QuotaRow>,
    /// The units furthest behind, best first (the last is the furthest behind); empty when
    /// `top` holds them all.
    pub bottom: Vec<QuotaRow>,
    /// Units with a quota left out between the two.
    pub between: usize,
}

/// The `n` units of `rows` furthest ahead of their quota and the `n` furthest behind.
pub fn quota_extremes(rows: &[UnitProgress], n: usize) -> QuotaExtremes {
    let mut table = quota_table(rows);
    if table.len() <= 2 * n {
        return QuotaExtremes {
            top: table,
            bottom: Vec::new(),
            between: 0,
        };
    }
    let bottom = table.split_off(table.len() - n);
    let between = table.len() - n;
    table.truncate(n);
    QuotaExtremes {
        top: table,
        bottom,
        between,
    }
}

/// The quota chart's figures, for its accessible name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QuotaSummary {
    /// Units with a quota.
    pub units: usize,
    /// Of those, units that reached it.
    pub reached: usize,
    /// Units donated by them all.
    pub donated: Units,
    /// Their quotas together.
    pub quota: Units,
    /// `donated` in per cent of `quota`; `None` without quotas.
    pub percent: Option<u32>,
    /// The unit furthest ahead.
    pub best: Option<QuotaRow>,
    /// The unit furthest behind.
    pub worst: Option<QuotaRow>,
}

/// The quota chart's figures from every unit's progress (`rows`, as
/// [`crate::domain::targets::unit_progress`] gives them).
pub fn quota_summary(rows: &[UnitProgress]) -> QuotaSummary {
    let table = quota_table(rows);
    let donated: Units = table.iter().map(|r| r.donated).sum();
    let quota: Units = table.iter().map(|r| r.quota).sum();
    QuotaSummary {
        units: table.len(),
        reached: table.iter().filter(|r| r.donated >= r.quota).count(),
        donated,
        quota,
        percent: percent(i128::from(donated.milli()), i128::from(quota.milli())),
        best: table.first().cloned(),
        worst: table.last().cloned(),
    }
}

fn bar(row: &QuotaRow, locale: &dyn Locale) -> TrackBar {
    TrackBar {
        label: row.name.clone(),
        figure: format!(
            "{} / {} ({})",
            locale.units(row.donated),
            locale.units(row.quota),
            locale.percent(row.percent)
        ),
        part: row.donated.as_f64() / row.quota.as_f64(),
        whole: Some(1.0),
        mark_whole: true,
    }
}

/// Draws the `per_end` units of `rows` ([`crate::domain::targets::unit_progress`]) furthest
/// ahead of their quota, then, after an ellipsis, the `per_end` furthest behind
/// ([`quota_extremes`]): each with its name, `donated / quota (percent)`, and a bar of its share
/// of the quota over a track to the quota's mark (bars past the quota run past the mark). Units
/// without a quota are left out.
///
/// No unit with a quota draws `labels.no_data`.
pub fn quota_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[UnitProgress],
    per_end: usize,
    style: &ChartStyle,
    labels: &Labels<QuotaNames>,
) -> DrawResult<DB> {
    let p = Painter::new(area, style);
    let theme = &style.theme;
    let legend = [
        (Mark::Box, &theme.primary, labels.names.donated),
        (Mark::Line, &theme.target, labels.names.quota),
    ];
    let top = p.header(labels.title, &legend)?;
    let extremes = quota_extremes(rows, per_end);
    if extremes.top.is_empty() {
        let pad = p.px(PAD);
        let frame = Frame {
            left: pad,
            top,
            right: p.width - pad,
            bottom: p.height - pad,
        };
        return p.no_data(&frame, labels.no_data);
    }
    let mut bars: Vec<Option<TrackBar>> = extremes
        .top
        .iter()
        .map(|r| Some(bar(r, labels.locale)))
        .collect();
    if !extremes.bottom.is_empty() {
        bars.push(None);
        bars.extend(extremes.bottom.iter().map(|r| Some(bar(r, labels.locale))));
    }
    let furthest = bars
        .iter()
        .flatten()
        .map(|b| b.part)
        .fold(1.0, f64::max)
        .min(2.0);
    p.track_bars(top, &bars, furthest)
}

//! The mix of donors by something they are: blood group, category (staff, student, intern,
//! patient's relative, public) or the kind of their participating unit. One horizontal bar per
//! row, in the read-model's fixed order, with its figure and share.

use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};

use super::paint::{DrawResult, Frame, LABEL_SIZE, PAD, Painter};
use super::style::{Amount, ChartStyle, Labels, percent};
use crate::domain::stats::DonorRow;

/// How the mix chart names a row's key (a blood group, a category, a unit kind), already
/// translated; for example `|g| g.map_or("Chưa biết".into(), |g| g.to_string())`.
pub struct MixNames<'a, K> {
    /// The key's name.
    pub key: &'a dyn Fn(&K) -> String,
}

/// What the mix chart counts in each row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// Distinct donors with a pledge holding its slot.
    Donors,
    /// Pledges holding their slot.
    Pledges,
    /// Pledges that ended in a donation.
    Donations,
    /// Units those donations count for.
    Units,
}

impl Measure {
    /// The figure of `row` this measure counts.
    pub fn of<K>(self, row: &DonorRow<K>) -> Amount {
        match self {
            Measure::Donors => Amount::Count(u64::from(row.donors)),
            Measure::Pledges => Amount::Count(u64::from(row.tally.pledges)),
            Measure::Donations => Amount::Count(u64::from(row.tally.donations)),
            Measure::Units => Amount::Units(row.tally.units),
        }
    }

    /// The figures of all `rows` together.
    pub fn total<K>(self, rows: &[DonorRow<K>]) -> Amount {
        match self {
            Measure::Units => Amount::Units(rows.iter().map(|r| r.tally.units).sum()),
            _ => Amount::Count(
                rows.iter()
                    .map(|r| match self.of(r) {
                        Amount::Count(n) => n,
                        Amount::Units(_) => 0,
                    })
                    .sum(),
            ),
        }
    }
}

/// One row of the mix chart's data table: a key, its figure and its share of the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MixRow<K> {
    /// What the row counts.
    pub key: K,
    /// Its figure.
    pub amount: Amount,
    /// Its share of the total ([`percent`]); `None` when the total is zero.
    pub percent: Option<u32>,
}

/// The mix chart's table: every row of `rows` in order, with its figure and share.
pub fn mix_table<K: Copy>(rows: &[DonorRow<K>], measure: Measure) -> Vec<MixRow<K>> {
    let total = measure.total(rows).milli();
    rows.iter()
        .map(|r| {
            let amount = measure.of(r);
            MixRow {
                key: r.key,
                amount,
                percent: percent(amount.milli(), total),
            }
        })
        .collect()
}

/// The mix chart's figures, for its accessible name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MixSummary<K> {
    /// The figures of all rows together.
    pub total: Amount,
    /// The largest row (the first of equals), if any row is above zero.
    pub largest: Option<MixRow<K>>,
    /// Rows above zero.
    pub nonzero: usize,
}

/// The mix chart's figures from its `rows`.
pub fn mix_summary<K: Copy>(rows: &[DonorRow<K>], measure: Measure) -> MixSummary<K> {
    let table = mix_table(rows, measure);
    let largest = table
        .iter()
        .filter(|r| r.amount.milli() > 0)
        .fold(None::<&MixRow<K>>, |best, r| match best {
            Some(b) if b.amount.milli() >= r.amount.milli() => Some(b),
            _ => Some(r),
        })
        .copied();
    MixSummary {
        total: measure.total(rows),
        largest,
        nonzero: table.iter().filter(|r| r.amount.milli() > 0).count(),
    }
}

/// Draws one horizontal bar per row of `rows` ([`crate::domain::stats::by_blood_group`],
/// [`crate::domain::stats::by_category`] or [`crate::domain::stats::by_unit_kind`]), counting
/// `measure`: the key's name on the left, the bar, and its figure and share after it. Rows of
/// zero keep their place, so the order never changes.
///
/// Empty `rows`, or rows that are all zero, draw `labels.no_data`.
pub fn mix_chart<DB: DrawingBackend, K: Copy>(
    area: &DrawingArea<DB, Shift>,
    rows: &[DonorRow<K>],
    measure: Measure,
    style: &ChartStyle,
    labels: &Labels<MixNames<K>>,
) -> DrawResult<DB> {
    let p = Painter::new(area, style);
    let theme = &style.theme;
    let locale = labels.locale;
    let mut top = p.header(labels.title, &[])?;
    if !labels.value_axis.is_empty() {
        p.text(
            labels.value_axis,
            (p.px(PAD), top),
            LABEL_SIZE,
            &theme.muted,
            HPos::Left,
            VPos::Top,
            false,
        )?;
        top += p.px(LABEL_SIZE * 1.5);
    }
    let pad = p.px(PAD);
    let frame = Frame {
        left: pad,
        top,
        right: p.width - pad,
        bottom: p.height - pad,
    };
    let table = mix_table(rows, measure);
    let max = table.iter().map(|r| r.amount.milli()).max().unwrap_or(0);
    if max <= 0 || frame.height() <= 0 {
        return p.no_data(&frame, labels.no_data);
    }
    let names: Vec<String> = table.iter().map(|r| (labels.names.key)(&r.key)).collect();
    let figures: Vec<String> = table
        .iter()
        .map(|r| match r.percent {
            Some(pct) if r.amount.milli() > 0 => {
                format!("{} ({})", locale.amount(r.amount), locale.percent(pct))
            }
            _ => locale.amount(r.amount),
        })
        .collect();
    let name_w = names
        .iter()
        .map(|n| p.text_width(n, LABEL_SIZE))
        .max()
        .unwrap_or(0)
        .min(frame.width() * 2 / 5);
    let figure_w = figures
        .iter()
        .map(|f| p.text_width(f, LABEL_SIZE))
        .max()
        .unwrap_or(0);
    let bars_left = frame.left + name_w + p.px(6.0);
    let bars_width = (frame.right - figure_w - p.px(6.0) - bars_left).max(1);
    let n = i32::try_from(table.len()).unwrap_or(i32::MAX);
    let row_h = (frame.height() / n).min(p.px(26.0)).max(1);
    let bar_h = (row_h * 3 / 5).max(1);
    let text_fits = row_h >= p.px(LABEL_SIZE);
    for (i, ((row, name), figure)) in table.iter().zip(&names).zip(&figures).enumerate() {
        let y = frame.top + row_h * i32::try_from(i).unwrap_or(i32::MAX);
        let mid = y + row_h / 2;
        let len = (row.amount.milli() as f64 / max as f64 * f64::from(bars_width)).round() as i32;
        if len > 0 {
            p.rect(
                (bars_left, mid - bar_h / 2),
                (bars_left + len - 1, mid - bar_h / 2 + bar_h - 1),
                &theme.primary,
            )?;
        }
        if text_fits {
            let name = p.fit(name, LABEL_SIZE, name_w);
            p.text(
                &name,
                (frame.left, mid),
                LABEL_SIZE,
                &theme.text,
                HPos::Left,
                VPos::Center,
                false,
            )?;
            p.text(
                figure,
                (bars_left + len + p.px(6.0), mid),
                LABEL_SIZE,
                &theme.text,
                HPos::Left,
                VPos::Center,
                false,
            )?;
        }
    }
    Ok(())
}

//! Campaign charts: one pure drawing function per chart, generic over plotters'
//! `DrawingBackend`, plus one small canvas adapter that sizes the backing store to the CSS size
//! times the device pixel ratio.
//!
//! It depends on `domain` for the figures it draws and must not import leptos or read storage.
//!
//! # The charts
//!
//! Each chart takes the rows of a domain read-model (never the ledger), a [`ChartStyle`] (light
//! or dark [`Theme`], pixel ratio, font) and [`Labels`]: the chart's words, already translated
//! by the UI, and a [`Locale`] that writes numbers and dates (1.635 and `dd/mm` in Vietnamese).
//!
//! | chart | rows | figures for the accessible name | table rows |
//! |---|---|---|---|
//! | [`progress_chart`]: units against the target path, last year and the pace still needed | [`stats::cumulative`] | [`progress_summary`] (with [`targets::progress`]) | [`progress_table`] |
//! | [`daily_chart`]: pledges and units per day of a drive | [`stats::by_day`] | [`daily_summary`] | the rows |
//! | [`slot_fill_chart`]: slot fill per site and day | [`stats::slot_fill`] | [`slot_fill_summary`] | the rows |
//! | [`mix_chart`]: donors by blood group, category or unit kind | [`stats::by_blood_group`], [`stats::by_category`], [`stats::by_unit_kind`] | [`mix_summary`] | [`mix_table`] |
//! | [`quota_chart`]: the units furthest ahead of and behind their quota | [`targets::unit_progress`] | [`quota_summary`] | [`quota_table`] |
//! | [`drives_chart`]: each drive's held places against its capacity | [`targets::drive_progress`] | [`drives_summary`] | the rows |
//!
//! Every chart draws something sensible for empty rows: its frame and the `no_data` label.
//! The UI gives each canvas `role="img"` and an `aria-label` it phrases from the summary
//! ("1.204 of 1.799 units, 67 %, behind pace by 52 units"), and offers the table beside it.
//!
//! # Text
//!
//! No font is bundled and no text is measured. plotters, built without its `ttf` and
//! `ab_glyph` features, measures text through the DOM on wasm (a reflow per label) and by byte
//! count natively; the charts ask neither, and estimate widths from character counts
//! (`paint.rs`), so the canvas and the snapshots share one layout. The canvas draws text with
//! the browser's own system font, which renders Vietnamese diacritics; the SVG backend writes
//! the text as it is into `<text>` elements.
//!
//! # Snapshots
//!
//! Every chart is drawn natively to SVG, with the sample data and with empty data, and compared
//! byte for byte with `tests/snapshots/charts/*.svg`. After a deliberate change of a chart,
//! rewrite the snapshots and review the diff (the files open in any browser):
//!
//! ```text
//! UPDATE_SNAPSHOTS=1 cargo test charts::
//! ```
//!
//! A missing snapshot is written on the first run, and the test then fails so that it is
//! noticed and committed.
//!
//! [`stats::cumulative`]: crate::domain::stats::cumulative
//! [`stats::by_day`]: crate::domain::stats::by_day
//! [`stats::slot_fill`]: crate::domain::stats::slot_fill
//! [`stats::by_blood_group`]: crate::domain::stats::by_blood_group
//! [`stats::by_category`]: crate::domain::stats::by_category
//! [`stats::by_unit_kind`]: crate::domain::stats::by_unit_kind
//! [`targets::progress`]: crate::domain::targets::progress
//! [`targets::unit_progress`]: crate::domain::targets::unit_progress
//! [`targets::drive_progress`]: crate::domain::targets::drive_progress

#![warn(missing_docs)]

#[cfg(target_arch = "wasm32")]
pub mod canvas;
mod daily;
mod drives;
mod mix;
mod paint;
mod progress;
mod quota;
mod slots;
mod style;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use daily::{DailyNames, DailySummary, daily_chart, daily_summary};
pub use drives::{DriveNames, DrivesSummary, drives_chart, drives_summary};
pub use mix::{Measure, MixNames, MixRow, MixSummary, mix_chart, mix_summary, mix_table};
pub use paint::DrawResult;
pub use progress::{
    ProgressNames, ProgressSummary, progress_chart, progress_summary, progress_table,
};
pub use quota::{
    QuotaExtremes, QuotaNames, QuotaRow, QuotaSummary, quota_chart, quota_extremes, quota_summary,
    quota_table,
};
pub use slots::{FillLevel, SlotFillSummary, SlotNames, slot_fill_chart, slot_fill_summary};
pub use style::{Amount, ChartStyle, FONT_FAMILY, Labels, Locale, Theme, backing_size, percent};

//! What every chart is drawn with: the colours of a light or dark [`Theme`], the pixel ratio and
//! font of a [`ChartStyle`], the [`Locale`] that formats numbers and dates, and the [`Labels`]
//! (already translated) that name a chart's title and series.
//!
//! Nothing here is translated: the UI owns the words and passes them in.

use plotters::style::RGBColor;

use crate::domain::{Date, TimeOfDay, Units};

/// Colours of the charts on one background. The series colours come from the Okabe-Ito palette,
/// which people with any common colour-vision deficiency can tell apart; series also differ by
/// line style or shape, so colour is never the only cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Behind the whole chart (the app's surface colour).
    pub background: RGBColor,
    /// Titles and labels.
    pub text: RGBColor,
    /// Axis labels, captions and the previous year's curve.
    pub muted: RGBColor,
    /// Grid lines and axes.
    pub grid: RGBColor,
    /// The empty part of a bar measured against a whole (a quota, a capacity).
    pub track: RGBColor,
    /// The main measure: units donated.
    pub primary: RGBColor,
    /// The companion measure: pledges.
    pub secondary: RGBColor,
    /// Targets and quotas.
    pub target: RGBColor,
    /// The pace still needed.
    pub pace: RGBColor,
    /// Five steps of one hue, from an empty slot to a full one.
    pub heat: [RGBColor; 5],
    /// Text drawn on each of the [`Theme::heat`] steps, readable on it.
    pub heat_text: [RGBColor; 5],
}

impl Theme {
    /// On the app's light surface (`#ffffff`).
    pub const LIGHT: Theme = Theme {
        background: RGBColor(0xff, 0xff, 0xff),
        text: RGBColor(0x1f, 0x1a, 0x1b),
        muted: RGBColor(0x59, 0x51, 0x52),
        grid: RGBColor(0xe3, 0xd9, 0xd8),
        track: RGBColor(0xef, 0xe9, 0xe8),
        // Okabe-Ito blue, bluish green, vermillion, reddish purple.
        primary: RGBColor(0x00, 0x72, 0xb2),
        secondary: RGBColor(0x00, 0x9e, 0x73),
        target: RGBColor(0xd5, 0x5e, 0x00),
        pace: RGBColor(0xcc, 0x79, 0xa7),
        heat: [
            RGBColor(0xf4, 0xef, 0xee),
            RGBColor(0xc6, 0xdb, 0xef),
            RGBColor(0x6b, 0xae, 0xd6),
            RGBColor(0x21, 0x71, 0xb5),
            RGBColor(0x08, 0x30, 0x6b),
        ],
        heat_text: [
            RGBColor(0x1f, 0x1a, 0x1b),
            RGBColor(0x1f, 0x1a, 0x1b),
            RGBColor(0x1f, 0x1a, 0x1b),
            RGBColor(0xff, 0xff, 0xff),
            RGBColor(0xff, 0xff, 0xff),
        ],
    };

    /// On the app's dark surface (`#211b1c`).
    pub const DARK: Theme = Theme {
        background: RGBColor(0x21, 0x1b, 0x1c),
        text: RGBColor(0xf3, 0xee, 0xee),
        muted: RGBColor(0xc9, 0xbf, 0xbf),
        grid: RGBColor(0x3e, 0x33, 0x34),
        track: RGBColor(0x33, 0x2a, 0x2b),
        // Okabe-Ito sky blue, bluish green, orange, reddish purple: the lighter ones, for contrast.
        primary: RGBColor(0x56, 0xb4, 0xe9),
        secondary: RGBColor(0x00, 0x9e, 0x73),
        target: RGBColor(0xe6, 0x9f, 0x00),
        pace: RGBColor(0xcc, 0x79, 0xa7),
        heat: [
            RGBColor(0x33, 0x2a, 0x2b),
            RGBColor(0x1b, 0x3a, 0x57),
            RGBColor(0x1f, 0x5f, 0x96),
            RGBColor(0x4a, 0x97, 0xd2),
            RGBColor(0xa9, 0xd3, 0xf2),
        ],
        heat_text: [
            RGBColor(0xf3, 0xee, 0xee),
            RGBColor(0xf3, 0xee, 0xee),
            RGBColor(0xf3, 0xee, 0xee),
            RGBColor(0x1f, 0x1a, 0x1b),
            RGBColor(0x1f, 0x1a, 0x1b),
        ],
    };
}

/// The font family the charts ask for: the system's own UI font, which covers Vietnamese on
/// every platform the app runs on, with no font file to download.
pub const FONT_FAMILY: &str = "system-ui, sans-serif";

/// How a chart is drawn: its colours, how many device pixels make one CSS pixel, and its font.
///
/// Every size in the charts is chosen in CSS pixels and multiplied by the pixel ratio, so a
/// canvas whose backing store is `CSS size x devicePixelRatio` draws text and lines at their
/// usual size, sharply.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartStyle {
    /// The colours.
    pub theme: Theme,
    /// Device pixels per CSS pixel (1 on most laptops, 2 or 3 on phones).
    pub pixel_ratio: f64,
    /// The CSS font family of every text.
    pub font: &'static str,
}

impl ChartStyle {
    /// A style with `theme` at a pixel ratio of 1 and the system font.
    pub fn new(theme: Theme) -> ChartStyle {
        ChartStyle {
            theme,
            pixel_ratio: 1.0,
            font: FONT_FAMILY,
        }
    }

    /// The same style at `ratio` device pixels per CSS pixel; a ratio that is not a positive
    /// finite number counts as 1, and it is kept between 0.5 and 4.
    pub fn with_pixel_ratio(self, ratio: f64) -> ChartStyle {
        ChartStyle {
            pixel_ratio: sane_ratio(ratio),
            ..self
        }
    }
}

fn sane_ratio(ratio: f64) -> f64 {
    if ratio.is_finite() && ratio > 0.0 {
        ratio.clamp(0.5, 4.0)
    } else {
        1.0
    }
}

/// The backing-store size, in device pixels, of a canvas of `css_width x css_height` CSS pixels
/// at `pixel_ratio` (rounded to the nearest pixel; zero for a size or ratio that is not a
/// positive finite number).
pub fn backing_size(css_width: f64, css_height: f64, pixel_ratio: f64) -> (u32, u32) {
    let ratio = sane_ratio(pixel_ratio);
    let side = |css: f64| {
        if css.is_finite() && css > 0.0 {
            // At most 16,384 device pixels a side, the largest canvas browsers accept.
            (css * ratio).round().min(16_384.0) as u32
        } else {
            0
        }
    };
    (side(css_width), side(css_height))
}

/// How the interface language writes numbers and dates. The UI implements it for its languages
/// (Vietnamese writes 1.635 and 1.635,4; English 1,635 and 1,635.4; both write dates
/// `dd/mm/yyyy`).
pub trait Locale {
    /// A whole number with the language's thousands separator.
    fn number(&self, n: i64) -> String;

    /// The separator between whole and tenths (`,` in Vietnamese, `.` in English).
    fn decimal_separator(&self) -> char;

    /// A full date, as in a table cell (`24/04/2023`).
    fn date(&self, date: Date) -> String {
        format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
    }

    /// A day and month, as on a chart's date axis (`24/04`).
    fn day_month(&self, date: Date) -> String {
        format!("{:02}/{:02}", date.day(), date.month())
    }

    /// A time of day (`07:30`).
    fn time(&self, time: TimeOfDay) -> String {
        time.to_string()
    }

    /// Units of blood: whole units as a number, otherwise one decimal (`1.204`, `1,4`).
    fn units(&self, units: Units) -> String {
        let milli = units.milli();
        let tenths = (milli + 50 * milli.signum()) / 100;
        let whole = tenths / 10;
        let tenth = (tenths % 10).abs();
        if tenth == 0 {
            self.number(whole)
        } else {
            let sign = if tenths < 0 && whole == 0 { "-" } else { "" };
            format!(
                "{sign}{}{}{tenth}",
                self.number(whole),
                self.decimal_separator()
            )
        }
    }

    /// A percentage (`67 %`).
    fn percent(&self, percent: u32) -> String {
        format!("{} %", self.number(i64::from(percent)))
    }

    /// A count or a quantity of units, whichever `amount` is.
    fn amount(&self, amount: Amount) -> String {
        match amount {
            Amount::Count(n) => self.number(i64::try_from(n).unwrap_or(i64::MAX)),
            Amount::Units(u) => self.units(u),
        }
    }
}

/// A figure a chart shows: a count of people or pledges, or a quantity of blood units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Amount {
    /// A number of donors, pledges or donations.
    Count(u64),
    /// Units of blood.
    Units(Units),
}

impl Amount {
    /// As a float, for drawing only.
    pub fn as_f64(self) -> f64 {
        match self {
            Amount::Count(n) => n as f64,
            Amount::Units(u) => u.as_f64(),
        }
    }

    /// In thousandths, so counts and units compare and divide exactly.
    pub fn milli(self) -> i128 {
        match self {
            Amount::Count(n) => i128::from(n) * 1000,
            Amount::Units(u) => i128::from(u.milli()),
        }
    }
}

/// `part` in per cent of `whole`, to the nearest whole per cent, except that a part short of the
/// whole never shows 100 % and a positive part never shows 0 %; `None` when `whole` is not
/// positive. (1,204 of 1,799 is 67 %; 1,798.6 of 1,799 is 99 %.)
pub fn percent(part: i128, whole: i128) -> Option<u32> {
    if whole <= 0 {
        return None;
    }
    let part = part.max(0);
    let mut pct = (2 * part * 100 + whole).div_euclid(2 * whole);
    if part < whole {
        pct = pct.min(99);
    }
    if part > 0 {
        pct = pct.max(1);
    }
    Some(u32::try_from(pct).unwrap_or(u32::MAX))
}

/// The words of one chart, already translated, and the locale that formats its figures.
///
/// `N` holds the chart's own names (its series, or how to name a row's key); each chart
/// documents which it takes.
pub struct Labels<'a, N> {
    /// The chart's title, drawn at its top.
    pub title: &'a str,
    /// Drawn in the middle of the plot when there is nothing to draw.
    pub no_data: &'a str,
    /// What the value axis counts ("đơn vị", "người"), drawn above it; may be empty.
    pub value_axis: &'a str,
    /// The chart's own names.
    pub names: N,
    /// How numbers and dates are written.
    pub locale: &'a dyn Locale,
}

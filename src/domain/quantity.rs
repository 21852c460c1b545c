//! Quantities of blood: volumes in millilitres, units (đơn vị máu) exact to a thousandth, and body
//! weight exact to 100 g.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};

use serde::{Deserialize, Serialize};

/// Millilitres of one unit of blood unless a campaign says otherwise (1 đơn vị máu = 250 ml).
pub const DEFAULT_ML_PER_UNIT: u16 = 250;

/// Bag sizes commonly collected, in millilitres.
pub const COMMON_VOLUMES_ML: [u16; 3] = [250, 350, 450];

/// A count of blood units, exact to a thousandth (350 ml at 250 ml per unit is 1.400 units).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Units {
    milli: i64,
}

impl Units {
    /// No units.
    pub const ZERO: Units = Units { milli: 0 };

    /// `n` whole units (saturating: never wraps).
    pub const fn whole(n: i64) -> Units {
        Units {
            milli: n.saturating_mul(1000),
        }
    }

    /// The most one donation counts for: 1000 ml at 100 ml per unit (the domain's largest
    /// volume and smallest unit), in thousandths. Stored and shared donations are checked
    /// against it.
    pub const MAX_DONATION_MILLI: i64 = 10_000;

    /// Units from thousandths.
    pub const fn from_milli(milli: i64) -> Units {
        Units { milli }
    }

    /// The units a donation of `volume_ml` counts for at `ml_per_unit` (rounded to the nearest
    /// thousandth; 0 when `ml_per_unit` is 0).
    pub fn from_volume(volume_ml: u16, ml_per_unit: u16) -> Units {
        if ml_per_unit == 0 {
            return Units::ZERO;
        }
        let per = i64::from(ml_per_unit);
        Units {
            milli: (i64::from(volume_ml) * 1000 * 2 + per) / (2 * per),
        }
    }

    /// Thousandths of a unit.
    pub fn milli(self) -> i64 {
        self.milli
    }

    /// The smallest whole number of units that is at least this much (targets round up).
    pub fn ceil_whole(self) -> i64 {
        self.milli.div_euclid(1000) + i64::from(self.milli.rem_euclid(1000) != 0)
    }

    /// As a float, for drawing and ratios only.
    pub fn as_f64(self) -> f64 {
        self.milli as f64 / 1000.0
    }
}

impl Add for Units {
    type Output = Units;
    fn add(self, o: Units) -> Units {
        Units {
            milli: self.milli.saturating_add(o.milli),
        }
    }
}

impl AddAssign for Units {
    fn add_assign(&mut self, o: Units) {
        *self = *self + o;
    }
}

impl Sub for Units {
    type Output = Units;
    fn sub(self, o: Units) -> Units {
        Units {
            milli: self.milli.saturating_sub(o.milli),
        }
    }
}

impl Sum for Units {
    fn sum<I: Iterator<Item = Units>>(iter: I) -> Units {
        iter.fold(Units::ZERO, Add::add)
    }
}

impl fmt::Display for Units {
    /// One decimal when not whole (`1.4`), none when whole (`1635`); locale formatting is the UI's.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // In i128: rounding the largest i64 must not wrap to a negative number.
        let milli = i128::from(self.milli);
        let tenths = (milli + 50 * milli.signum()) / 100;
        if tenths % 10 == 0 {
            write!(f, "{}", tenths / 10)
        } else {
            let sign = if tenths < 0 { "-" } else { "" };
            write!(f, "{sign}{}.{}", tenths.abs() / 10, tenths.abs() % 10)
        }
    }
}

/// Body weight, exact to 100 g (41.9 kg is 419 hectograms). Stored as hectograms; reading a
/// stored value checks the range like [`Weight::from_hg`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct Weight {
    hg: u16,
}

impl Weight {
    /// A weight in hectograms (tenths of a kilogram), if it is a plausible human weight
    /// (20.0 to 300.0 kg).
    pub fn from_hg(hg: u16) -> Option<Weight> {
        (200..=3000).contains(&hg).then_some(Weight { hg })
    }

    /// A weight of whole kilograms, if plausible.
    pub fn from_kg(kg: u16) -> Option<Weight> {
        Weight::from_hg(kg.checked_mul(10)?)
    }

    /// Parses `48`, `41.9` or `41,9` (kilograms, at most one decimal).
    pub fn parse_kg(text: &str) -> Option<Weight> {
        let text = text.trim().replace(',', ".");
        let (whole, tenth) = match text.split_once('.') {
            Some((w, t)) if t.len() == 1 => (w, t),
            Some(_) => return None,
            None => (text.as_str(), "0"),
        };
        if whole.is_empty()
            || !whole
                .bytes()
                .chain(tenth.bytes())
                .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let whole: u16 = whole.parse().ok()?;
        let tenth: u16 = tenth.parse().ok()?;
        Weight::from_hg(whole.checked_mul(10)?.checked_add(tenth)?)
    }

    /// Hectograms.
    pub fn hg(self) -> u16 {
        self.hg
    }
}

impl TryFrom<u16> for Weight {
    type Error = String;
    fn try_from(hg: u16) -> Result<Weight, String> {
        Weight::from_hg(hg).ok_or_else(|| format!("implausible weight {hg} hg"))
    }
}

impl From<Weight> for u16 {
    fn from(w: Weight) -> u16 {
        w.hg
    }
}

impl fmt::Display for Weight {
    /// Kilograms with one decimal: `41.9`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.hg / 10, self.hg % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_units_are_shown_positive_and_sums_never_wrap() {
        // Guards issue 21.6: a baseline of i64::MAX thousandths was shown as
        // -9223372036854775.7 (and panicked in debug builds).
        let huge = Units::from_milli(i64::MAX);
        assert_eq!(huge.to_string(), "9223372036854775.8");
        assert_eq!(
            Units::from_milli(i64::MIN + 1).to_string(),
            "-9223372036854775.8"
        );
        assert_eq!(huge + Units::whole(1), huge);
        assert_eq!(Units::whole(i64::MAX), huge);
    }

    #[test]
    fn a_350_ml_donation_counts_1_4_units_at_250_ml_per_unit() {
        assert_eq!(Units::from_volume(350, 250), Units::from_milli(1400));
        assert_eq!(Units::from_volume(250, 250), Units::whole(1));
        assert_eq!(Units::from_volume(450, 250).to_string(), "1.8");
        assert_eq!(Units::from_volume(350, 350), Units::whole(1));
        assert_eq!(Units::from_volume(100, 0), Units::ZERO);
    }

    #[test]
    fn units_round_up_to_whole_targets() {
        assert_eq!(Units::from_milli(1_798_500).ceil_whole(), 1799);
        assert_eq!(Units::whole(1799).ceil_whole(), 1799);
        assert_eq!(Units::from_milli(1).ceil_whole(), 1);
        assert_eq!(Units::whole(1635).to_string(), "1635");
    }

    #[test]
    fn weights_parse_kilograms_with_one_decimal_either_separator() {
        assert_eq!(Weight::parse_kg("41.9").unwrap().hg(), 419);
        assert_eq!(Weight::parse_kg("41,9").unwrap().hg(), 419);
        assert_eq!(Weight::parse_kg(" 48 ").unwrap().hg(), 480);
        assert_eq!(Weight::parse_kg("42.0").unwrap().to_string(), "42.0");
        for bad in ["", "4.19.", "41.95", "-45", "abc", "19.9", "300.1", ".5"] {
            assert!(Weight::parse_kg(bad).is_none(), "{bad} was accepted");
        }
    }
}

//! Donation sites: fixed points with weekly opening hours, and venues that drives use.

use serde::{Deserialize, Serialize};

use super::limits::Limit;
use super::{DomainError, SiteId, TimeOfDay, Timestamp, Weekday};

/// An opening interval within one day, `start < end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Interval {
    /// Opening time.
    pub start: TimeOfDay,
    /// Closing time, after `start`.
    pub end: TimeOfDay,
}

impl Interval {
    /// The interval, if it ends after it starts.
    pub fn new(start: TimeOfDay, end: TimeOfDay) -> Result<Interval, DomainError> {
        if end <= start {
            return Err(DomainError::EndNotAfterStart);
        }
        Ok(Interval { start, end })
    }

    /// Whether `[start, end)` of the other interval shares any minute with this one.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether the whole of `[start, end)` lies inside this interval.
    pub fn contains(&self, start: TimeOfDay, end: TimeOfDay) -> bool {
        self.start <= start && end <= self.end
    }
}

/// Opening hours for each day of the week: sorted, non-overlapping intervals per day.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct WeeklyHours {
    days: [Vec<Interval>; 7],
}

impl WeeklyHours {
    /// Hours from a list of (weekday, interval); refuses two intervals of one day that overlap.
    pub fn new(
        entries: impl IntoIterator<Item = (Weekday, Interval)>,
    ) -> Result<WeeklyHours, DomainError> {
        let mut days: [Vec<Interval>; 7] = Default::default();
        for (day, interval) in entries {
            days[day.index()].push(interval);
        }
        for (i, list) in days.iter_mut().enumerate() {
            super::order::sort_by(list, Ord::cmp);
            if list.windows(2).any(|w| w[0].overlaps(&w[1])) {
                return Err(DomainError::OverlappingHours(Weekday::ALL[i]));
            }
        }
        Ok(WeeklyHours { days })
    }

    /// The intervals of one weekday, in order.
    pub fn on(&self, day: Weekday) -> &[Interval] {
        &self.days[day.index()]
    }

    /// Whether the site is open for the whole of `[start, end)` on `day`.
    pub fn is_open(&self, day: Weekday, start: TimeOfDay, end: TimeOfDay) -> bool {
        self.on(day).iter().any(|i| i.contains(start, end))
    }
}

/// What kind of site this is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SiteKind {
    /// A fixed donation point (điểm hiến máu cố định), open by the week: volunteers pledge
    /// slots of `slot_minutes` inside its hours, each taking up to `capacity_per_slot` donors.
    FixedPoint {
        /// Weekly opening hours.
        hours: WeeklyHours,
        /// Length of a slot, 10 to 240 minutes.
        slot_minutes: u16,
        /// Donors per slot, at least 1.
        capacity_per_slot: u16,
    },
    /// A venue used by drives (a hospital hall); its slots come from the drive.
    Venue,
}

/// A place where blood is collected.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Site {
    /// The site's id.
    pub id: SiteId,
    /// Its name, for example "Trung tâm Y tế Hoàn Kiếm".
    pub name: String,
    /// Street address.
    pub address: String,
    /// District (quận/huyện), used to filter.
    pub district: String,
    /// Fixed point or venue.
    pub kind: SiteKind,
    /// The record's version: the ledger's hybrid clock when it last changed (see
    /// [`crate::domain::Ledger`]); 0 for a record stored or linked before versions existed.
    #[serde(default)]
    pub version: Timestamp,
}

impl Site {
    /// A site with a name (texts within [`Limit::TextChars`]); a fixed point also needs a slot
    /// length of 10 to 240 minutes and a capacity of one to [`Limit::PlacesPerSlot`].
    pub fn new(
        id: SiteId,
        name: &str,
        address: &str,
        district: &str,
        kind: SiteKind,
    ) -> Result<Site, DomainError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(DomainError::EmptyName);
        }
        for text in [name, address, district] {
            Limit::TextChars.check_text(text)?;
        }
        if let SiteKind::FixedPoint {
            slot_minutes,
            capacity_per_slot,
            ..
        } = &kind
        {
            if !(10..=240).contains(slot_minutes) {
                return Err(DomainError::SlotLengthOutOfRange(*slot_minutes));
            }
            if *capacity_per_slot == 0 {
                return Err(DomainError::CapacityNotPositive);
            }
            Limit::PlacesPerSlot.check(usize::from(*capacity_per_slot))?;
        }
        Ok(Site {
            id,
            name: name.to_owned(),
            address: address.trim().to_owned(),
            district: district.trim().to_owned(),
            kind,
            version: Timestamp(0),
        })
    }

    /// Whether this is a fixed point.
    pub fn is_fixed_point(&self) -> bool {
        matches!(self.kind, SiteKind::FixedPoint { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> TimeOfDay {
        s.parse().unwrap()
    }

    fn iv(a: &str, b: &str) -> Interval {
        Interval::new(t(a), t(b)).unwrap()
    }

    #[test]
    fn overlapping_opening_hours_on_one_day_are_refused() {
        let err = WeeklyHours::new([
            (Weekday::Mon, iv("07:30", "11:30")),
            (Weekday::Mon, iv("11:00", "16:30")),
        ]);
        assert_eq!(err, Err(DomainError::OverlappingHours(Weekday::Mon)));
        let ok = WeeklyHours::new([
            (Weekday::Mon, iv("13:30", "16:30")),
            (Weekday::Mon, iv("07:30", "11:30")),
            (Weekday::Tue, iv("07:30", "11:30")),
        ])
        .unwrap();
        assert_eq!(ok.on(Weekday::Mon)[0], iv("07:30", "11:30"), "sorted");
        assert!(ok.is_open(Weekday::Mon, t("08:00"), t("08:30")));
        assert!(
            !ok.is_open(Weekday::Mon, t("11:00"), t("12:00")),
            "over lunch"
        );
        assert!(!ok.is_open(Weekday::Sun, t("08:00"), t("08:30")));
    }

    #[test]
    fn intervals_must_end_after_they_start() {
        assert_eq!(
            Interval::new(t("09:00"), t("09:00")),
            Err(DomainError::EndNotAfterStart)
        );
        assert_eq!(
            Interval::new(t("10:00"), t("09:00")),
            Err(DomainError::EndNotAfterStart)
        );
    }

    #[test]
    fn fixed_points_need_a_sane_slot_length_and_capacity() {
        let id = SiteId::new("s1").unwrap();
        let fixed = |slot_minutes, capacity_per_slot| SiteKind::FixedPoint {
            hours: WeeklyHours::default(),
            slot_minutes,
            capacity_per_slot,
        };
        assert_eq!(
            Site::new(id.clone(), "TTYT Hoàn Kiếm", "", "Hoàn Kiếm", fixed(30, 0)),
            Err(DomainError::CapacityNotPositive)
        );
        assert_eq!(
            Site::new(id.clone(), "TTYT Hoàn Kiếm", "", "Hoàn Kiếm", fixed(5, 4)),
            Err(DomainError::SlotLengthOutOfRange(5))
        );
        assert_eq!(
            Site::new(id.clone(), " ", "", "", SiteKind::Venue),
            Err(DomainError::EmptyName)
        );
        assert!(Site::new(id, "TTYT Hoàn Kiếm", "", "Hoàn Kiếm", fixed(30, 4)).is_ok());
    }
}

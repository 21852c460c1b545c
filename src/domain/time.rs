//! Calendar dates, times of day and timestamps, with no clock: "today" and "now" always come in
//! as arguments. Dates are proleptic Gregorian, written `YYYY-MM-DD`; times `HH:MM`, local to the
//! campaign (Asia/Ho_Chi_Minh, which has no daylight saving).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::DomainError;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Weekday {
    /// Thứ Hai.
    Mon,
    /// Thứ Ba.
    Tue,
    /// Thứ Tư.
    Wed,
    /// Thứ Năm.
    Thu,
    /// Thứ Sáu.
    Fri,
    /// Thứ Bảy.
    Sat,
    /// Chủ Nhật.
    Sun,
}

impl Weekday {
    /// Monday to Sunday.
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// 0 for Monday up to 6 for Sunday.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Whether `year` has a 29 February.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month of a year (`month` 1 to 12).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        _ => 28,
    }
}

impl Date {
    /// The date, if it exists (years 1 to 9999).
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        // Days from civil, after Howard Hinnant's public-domain algorithm.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, if it is within years 1 to 9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::from_ymd(
            i32::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// The date `n` days later (earlier when negative), clamped to the supported range.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch().saturating_add(n)).unwrap_or(if n < 0 {
            Date::MIN
        } else {
            Date::MAX
        })
    }

    /// Whole days from `earlier` to `self` (negative when `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i64 {
        self.days_since_epoch() - earlier.days_since_epoch()
    }

    /// The same day `n` months later; the 31st becomes the month's last day when it has fewer.
    pub fn add_months(self, n: i32) -> Date {
        let index = self.year * 12 + i32::from(self.month) - 1 + n;
        let year = index.div_euclid(12);
        let month = (index.rem_euclid(12) + 1) as u8;
        if !(1..=9999).contains(&year) {
            return if n < 0 { Date::MIN } else { Date::MAX };
        }
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[(self.days_since_epoch() + 3).rem_euclid(7) as usize]
    }

    /// Age in whole years on `on` of a person born on `self` (someone born on 29 February turns a
    /// year older on 1 March in common years).
    pub fn age_on(self, on: Date) -> i32 {
        let mut age = on.year - self.year;
        if (on.month, on.day) < (self.month, self.day) {
            age -= 1;
        }
        age
    }

    /// The first supported date, 0001-01-01.
    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };

    /// The last supported date, 9999-12-31.
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn digits<T: FromStr>(s: &str) -> Option<T> {
    s.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| s.parse().ok())
        .flatten()
}

impl FromStr for Date {
    type Err = DomainError;

    /// Parses `YYYY-MM-DD` exactly.
    fn from_str(s: &str) -> Result<Date, DomainError> {
        let bad = || DomainError::InvalidDate(s.chars().take(40).collect());
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let year = digits(&s[0..4]).ok_or_else(bad)?;
        let month = digits(&s[5..7]).ok_or_else(bad)?;
        let day = digits(&s[8..10]).ok_or_else(bad)?;
        Date::from_ymd(year, month, day).ok_or_else(bad)
    }
}

/// A time of day to the minute, `00:00` to `23:59`, or `24:00` as the end of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    minutes: u16,
}

impl TimeOfDay {
    /// 00:00.
    pub const MIDNIGHT: TimeOfDay = TimeOfDay { minutes: 0 };

    /// The time, if `hour:minute` is within `00:00..=24:00`.
    pub fn from_hm(hour: u8, minute: u8) -> Option<TimeOfDay> {
        let minutes = u16::from(hour) * 60 + u16::from(minute);
        (minute < 60 && minutes <= 24 * 60).then_some(TimeOfDay { minutes })
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u16 {
        self.minutes
    }

    /// The time `minutes` after midnight, if it is at most `24:00`.
    pub fn from_minutes(minutes: u16) -> Option<TimeOfDay> {
        (minutes <= 24 * 60).then_some(TimeOfDay { minutes })
    }

    /// The hour, 0 to 24.
    pub fn hour(self) -> u8 {
        (self.minutes / 60) as u8
    }

    /// The minute, 0 to 59.
    pub fn minute(self) -> u8 {
        (self.minutes % 60) as u8
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

impl FromStr for TimeOfDay {
    type Err = DomainError;

    /// Parses `HH:MM` exactly.
    fn from_str(s: &str) -> Result<TimeOfDay, DomainError> {
        let bad = || DomainError::InvalidTime(s.chars().take(40).collect());
        if s.len() != 5 || s.as_bytes()[2] != b':' {
            return Err(bad());
        }
        let hour = digits(&s[0..2]).ok_or_else(bad)?;
        let minute = digits(&s[3..5]).ok_or_else(bad)?;
        TimeOfDay::from_hm(hour, minute).ok_or_else(bad)
    }
}

/// A moment, in milliseconds since 1970-01-01T00:00:00Z, as the edge's clock gives it. Used to
/// order changes (merge keeps the later one), never for calendar logic.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

macro_rules! serde_as_string {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

serde_as_string!(Date);
serde_as_string!(TimeOfDay);

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn dates_parse_only_real_iso_days() {
        assert_eq!(d("2024-02-29").to_string(), "2024-02-29");
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "2023-00-10",
            "2023-04-31",
            "23-04-01",
            "2023/04/01",
            "2023-4-01",
            "+023-04-01",
            "2023-04-0a",
            "",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn day_arithmetic_crosses_months_years_and_leap_days() {
        assert_eq!(d("2023-04-24").add_days(84), d("2023-07-17"));
        assert_eq!(d("2024-02-28").add_days(1), d("2024-02-29"));
        assert_eq!(d("2023-12-31").add_days(1), d("2024-01-01"));
        assert_eq!(d("2024-03-01").add_days(-1), d("2024-02-29"));
        assert_eq!(d("2023-09-08").days_since(d("2023-09-05")), 3);
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
    }

    #[test]
    fn month_arithmetic_clamps_to_the_last_day() {
        assert_eq!(d("2024-08-31").add_months(6), d("2025-02-28"));
        assert_eq!(d("2023-08-31").add_months(6), d("2024-02-29"));
        assert_eq!(d("2024-01-15").add_months(12), d("2025-01-15"));
        assert_eq!(d("2024-01-15").add_months(-1), d("2023-12-15"));
    }

    #[test]
    fn weekdays_match_the_calendar() {
        assert_eq!(d("2023-04-24").weekday(), Weekday::Mon);
        assert_eq!(d("2024-02-15").weekday(), Weekday::Thu);
        assert_eq!(d("2023-09-10").weekday(), Weekday::Sun);
    }

    #[test]
    fn age_turns_on_the_birthday_itself() {
        let born = d("2005-04-24");
        assert_eq!(born.age_on(d("2023-04-23")), 17);
        assert_eq!(born.age_on(d("2023-04-24")), 18);
        let leapling = d("2004-02-29");
        assert_eq!(leapling.age_on(d("2022-02-28")), 17);
        assert_eq!(leapling.age_on(d("2022-03-01")), 18);
    }

    #[test]
    fn times_parse_hh_mm_up_to_the_end_of_day() {
        assert_eq!("07:30".parse::<TimeOfDay>().unwrap().minutes(), 450);
        assert_eq!("24:00".parse::<TimeOfDay>().unwrap().to_string(), "24:00");
        for bad in ["24:01", "7:30", "07:60", "0730", "07-30", "ab:cd"] {
            assert!(bad.parse::<TimeOfDay>().is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn dates_and_times_serialise_as_their_iso_text() {
        let json =
            serde_json::to_string(&(d("2023-09-05"), TimeOfDay::from_hm(7, 5).unwrap())).unwrap();
        assert_eq!(json, r#"["2023-09-05","07:05"]"#);
        assert!(serde_json::from_str::<Date>(r#""2023-02-30""#).is_err());
    }
}

//! The browser's clock, read at the edge only: today's date and the time in Hanoi
//! (Asia/Ho_Chi_Minh, UTC+07:00 all year, no daylight saving), whatever the device's own zone.

use crate::domain::{Date, Now, TimeOfDay, Timestamp};

/// Hanoi's offset from UTC, in milliseconds.
const HANOI_OFFSET_MS: i64 = 7 * 60 * 60 * 1000;

const MIDNIGHT: TimeOfDay = TimeOfDay::MIDNIGHT;

/// The moment `ms` after the epoch, as a date and time in Hanoi.
pub fn in_hanoi(ms: i64) -> Now {
    let local = ms + HANOI_OFFSET_MS;
    let days = local.div_euclid(86_400_000);
    let minutes = (local.rem_euclid(86_400_000) / 60_000) as u16;
    Now {
        date: Date::from_days_since_epoch(days).unwrap_or(Date::MIN),
        time: TimeOfDay::from_minutes(minutes).unwrap_or(MIDNIGHT),
        stamp: Timestamp(ms),
    }
}

/// Now, from the browser's clock.
pub fn now() -> Now {
    in_hanoi(js_sys::Date::now() as i64)
}

/// Today's date in Hanoi.
pub fn today() -> Date {
    now().date
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_reads_hanoi_time_whatever_the_device_zone() {
        // 2023-04-23T17:30:00Z is 00:30 on 24 April in Hanoi.
        let n = in_hanoi(1_682_271_000_000);
        assert_eq!(n.date.to_string(), "2023-04-24");
        assert_eq!(n.time.to_string(), "00:30");
        assert_eq!(n.stamp, Timestamp(1_682_271_000_000));
    }
}

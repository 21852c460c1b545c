//! Reading what an organizer types into the setup forms: numbers in either language's way,
//! opening hours, a day's slots, per-day overrides and a pasted list of units. Pure, so every
//! rule is tested natively; each error is a sentence in the interface language, shown beside
//! the field it came from.

use std::collections::BTreeMap;

use crate::domain::limits::Limit;
use crate::domain::{Date, DomainError, Interval, SlotSpec, TimeOfDay, UnitKind, Units, check_day};
use crate::ui::i18n::{DriveTexts, SetupTexts};

/// A whole or decimal number as people type it: `1635`, `1.635` or `1,635` (thousands), `10,5`
/// or `10.5` (a decimal with one or two places). Spaces are ignored. In thousandths; a number
/// beyond `i64` saturates at `i64::MAX` (or `-i64::MAX`), which every field's range refuses.
pub fn milli_number(text: &str) -> Option<i64> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (negative, digits) = match compact.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, compact.as_str()),
    };
    if digits.is_empty()
        || !digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    // The last separator followed by one or two digits is the decimal mark; every other one
    // must split thousands (groups of three).
    let (whole, fraction) = match digits.rfind(['.', ',']) {
        Some(i) if (1..=2).contains(&(digits.len() - i - 1)) => (&digits[..i], &digits[i + 1..]),
        _ => (digits, ""),
    };
    let mut groups = whole.split(['.', ',']);
    let first = groups.next().filter(|g| !g.is_empty())?;
    // Saturating, never wrapping: a number too large for i64 stays the largest one, so the
    // field's own range check says "too large" instead of reading a negative number.
    let mut value: i64 = first.bytes().fold(0i64, |v, b| {
        v.saturating_mul(10).saturating_add(i64::from(b - b'0'))
    });
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        value = value.saturating_mul(1000).saturating_add(g.parse().ok()?);
    }
    let mut milli = value.saturating_mul(1000);
    if !fraction.is_empty() {
        let f: i64 = fraction.parse().ok()?;
        milli = milli.saturating_add(if fraction.len() == 1 { f * 100 } else { f * 10 });
    }
    Some(if negative { -milli } else { milli })
}

/// A whole number (no decimal part).
pub fn whole_number(text: &str) -> Option<i64> {
    milli_number(text)
        .filter(|m| m % 1000 == 0)
        .map(|m| m / 1000)
}

/// A time `7:30`, `07:30` or `7h30`.
fn time(text: &str) -> Option<TimeOfDay> {
    let text = text.trim();
    let (h, m) = text.split_once([':', 'h', 'H'])?;
    let h: u8 = h.trim().parse().ok()?;
    let m = m.trim();
    let m: u8 = if m.is_empty() { 0 } else { m.parse().ok()? };
    if m > 59 || h > 24 {
        return None;
    }
    TimeOfDay::from_hm(h, m)
}

/// `07:30-09:00`, with a hyphen, en dash or "to".
fn range(text: &str) -> Option<(TimeOfDay, TimeOfDay)> {
    let (a, b) = text.split_once(['-', '–'])?;
    Some((time(a)?, time(b)?))
}

/// The items of a list typed with commas, semicolons or new lines, without empty ones.
fn items(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// One weekday's opening hours: `07:00-11:30, 13:30-17:00`; empty means closed that day.
pub fn hours(text: &str, t: &SetupTexts) -> Result<Vec<Interval>, String> {
    let mut out = Vec::new();
    for item in items(text) {
        let (start, end) = range(item).ok_or_else(|| (t.hours_unreadable)(item))?;
        let interval = Interval::new(start, end).map_err(|_| t.end_not_after_start.to_owned())?;
        if out.iter().any(|o: &Interval| o.overlaps(&interval)) {
            return Err(t.hours_overlap.to_owned());
        }
        out.push(interval);
    }
    Ok(out)
}

/// A day's slots: `07:30-09:00 20, 09:00-10:30 20` (start-end, then the places, with an
/// optional `x` or `×`). At least one slot.
pub fn slots(text: &str, t: &DriveTexts) -> Result<Vec<SlotSpec>, String> {
    let list = day_slots(text, t)?;
    if list.is_empty() {
        return Err(t.slots_required.to_owned());
    }
    Ok(list)
}

/// A day's slots, possibly none.
fn day_slots(text: &str, t: &DriveTexts) -> Result<Vec<SlotSpec>, String> {
    let mut out = Vec::new();
    for item in items(text) {
        let unreadable = || (t.slot_unreadable)(item);
        let (times, places) = item
            .rsplit_once(char::is_whitespace)
            .ok_or_else(unreadable)?;
        let places = places.trim_start_matches(['x', 'X', '×']);
        let (start, end) =
            range(times.trim_end_matches(['x', 'X', '×', ' '])).ok_or_else(unreadable)?;
        let capacity = whole_number(places).ok_or_else(unreadable)?;
        if capacity < 1 {
            return Err(t.capacity_not_positive.to_owned());
        }
        let capacity = u16::try_from(capacity)
            .ok()
            .filter(|c| i64::from(*c) <= Limit::PlacesPerSlot.max())
            .ok_or_else(|| t.capacity_too_large.to_owned())?;
        out.push(SlotSpec::new(start, end, capacity).map_err(|e| slot_error(&e, t))?);
    }
    check_day(out).map_err(|e| slot_error(&e, t))
}

fn slot_error(e: &DomainError, t: &DriveTexts) -> String {
    match e {
        DomainError::CapacityNotPositive => t.capacity_not_positive,
        DomainError::OverlappingSlots => t.slots_overlap,
        _ => t.end_not_after_start,
    }
    .to_owned()
}

/// A date typed `dd/mm/yyyy` (or `d/m/yyyy`), or `yyyy-mm-dd` as a date input gives it.
pub fn date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(d) = text.parse::<Date>() {
        return Some(d);
    }
    let mut parts = text.split(['/', '.', '-']);
    let day: u8 = parts.next()?.trim().parse().ok()?;
    let month: u8 = parts.next()?.trim().parse().ok()?;
    let year: i32 = parts.next()?.trim().parse().ok()?;
    if parts.next().is_some() || !(1000..=9999).contains(&year) {
        return None;
    }
    Date::from_ymd(year, month, day)
}

/// Days that differ from the template, one per line: `dd/mm/yyyy: 07:30-09:00 10` or
/// `dd/mm/yyyy: closed` (also `nghỉ`, `đóng`, or nothing after the colon). Each day must fall
/// between `first` and `last`.
pub fn overrides(
    text: &str,
    first: Option<Date>,
    last: Option<Date>,
    t: &DriveTexts,
) -> Result<BTreeMap<Date, Vec<SlotSpec>>, String> {
    let mut out = BTreeMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        // `07:30` holds a colon too: the date is what comes before the first one.
        let (day, rest) = line
            .split_once(':')
            .ok_or_else(|| (t.override_unreadable)(line))?;
        let day = date(day).ok_or_else(|| (t.override_unreadable)(line))?;
        if first.is_some_and(|f| day < f) || last.is_some_and(|l| day > l) {
            return Err((t.override_outside)(&format!(
                "{:02}/{:02}/{}",
                day.day(),
                day.month(),
                day.year()
            )));
        }
        let rest = rest.trim();
        let lower = rest.to_lowercase();
        let closed =
            rest.is_empty() || ["closed", "nghỉ", "đóng", "nghi", "dong"].contains(&lower.as_str());
        let list = if closed {
            Vec::new()
        } else {
            day_slots(rest, t)?
        };
        if out.insert(day, list).is_some() {
            return Err((t.override_twice)(line));
        }
    }
    Ok(out)
}

/// A day's slots as [`slots`] reads them: `07:30-08:30 20, 08:30-09:30 20`.
pub fn slots_text(slots: &[SlotSpec]) -> String {
    slots
        .iter()
        .map(|s| format!("{}-{} {}", s.start, s.end, s.capacity))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Days that differ as [`overrides`] reads them, one per line: `14/05/2024: 07:30-09:00 10`,
/// or the day and `closed` (the word given) for a day with no slots.
pub fn overrides_text(days: &BTreeMap<Date, Vec<SlotSpec>>, closed: &str) -> String {
    days.iter()
        .map(|(d, slots)| {
            let day = format!("{:02}/{:02}/{}", d.day(), d.month(), d.year());
            if slots.is_empty() {
                format!("{day}: {closed}")
            } else {
                format!("{day}: {}", slots_text(slots))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One row of a pasted list of units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    /// The row's number in the pasted text, from 1.
    pub row: usize,
    /// The unit's name.
    pub name: String,
    /// Its kind: as typed, or guessed from the name.
    pub kind: UnitKind,
    /// Its quota in units, if given.
    pub quota: Option<Units>,
}

/// The kind a word names (`bệnh viện`, `hospital`, `chuyên khoa`, `trung tâm y tế`, ...).
fn kind_word(text: &str) -> Option<UnitKind> {
    let w = text.trim().to_lowercase();
    let any = |words: &[&str]| words.iter().any(|x| w == *x);
    if any(&[
        "bệnh viện",
        "benh vien",
        "bv",
        "hospital",
        "public hospital",
    ]) {
        Some(UnitKind::PublicHospital)
    } else if any(&[
        "trung tâm chuyên khoa",
        "chuyên khoa",
        "chuyen khoa",
        "specialty",
        "specialty center",
        "specialty centre",
    ]) {
        Some(UnitKind::SpecialtyCenter)
    } else if any(&[
        "trung tâm y tế",
        "ttyt",
        "trung tam y te",
        "district",
        "district medical center",
        "district medical centre",
    ]) {
        Some(UnitKind::DistrictMedicalCenter)
    } else if any(&["khác", "khac", "other"]) {
        Some(UnitKind::Other)
    } else {
        None
    }
}

/// The kind a unit's name suggests: "Bệnh viện ..." a hospital, "Trung tâm Y tế ..." a
/// district medical centre, another "Trung tâm ..." a specialty centre.
pub fn kind_from_name(name: &str) -> UnitKind {
    let n = name.trim().to_lowercase();
    if n.starts_with("bệnh viện") || n.starts_with("bv ") || n.contains("hospital") {
        UnitKind::PublicHospital
    } else if n.starts_with("trung tâm y tế") || n.starts_with("ttyt") {
        UnitKind::DistrictMedicalCenter
    } else if n.starts_with("trung tâm") || n.contains("center") || n.contains("centre") {
        UnitKind::SpecialtyCenter
    } else {
        UnitKind::Other
    }
}

/// A pasted list of units, one per line: the name, then optionally the kind and the quota,
/// separated by tabs (as a spreadsheet copies cells) or semicolons. Each row is read on its
/// own: the good rows, and each bad row's number with its reason. A name already in `taken`
/// (case-insensitive) or twice in the list is refused.
pub fn unit_rows(
    text: &str,
    taken: &[String],
    t: &SetupTexts,
) -> (Vec<UnitRow>, Vec<(usize, String)>) {
    let mut good: Vec<UnitRow> = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let row = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else {
            line.split(';').collect()
        };
        let name = cells[0].trim();
        let mut kind = None;
        let mut quota = None;
        let mut error = None;
        for cell in cells[1..]
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
        {
            if let Some(k) = kind_word(cell).filter(|_| kind.is_none()) {
                kind = Some(k);
            } else if let Some(q) = milli_number(cell).filter(|_| quota.is_none()) {
                if q <= 0 {
                    error = Some(t.quota_not_positive.to_owned());
                } else if q > Limit::BloodUnits.max() * 1000 {
                    error = Some(t.too_large.to_owned());
                }
                quota = Some(Units::from_milli(q));
            } else {
                error = Some((t.cell_unreadable)(cell));
            }
        }
        let lower = name.to_lowercase();
        if name.is_empty() {
            error = Some(t.name_required.to_owned());
        } else if taken.iter().any(|n| n.to_lowercase() == lower)
            || good.iter().any(|g| g.name.to_lowercase() == lower)
        {
            error = Some(t.unit_exists.to_owned());
        }
        match error {
            Some(e) => bad.push((row, e)),
            None => good.push(UnitRow {
                row,
                name: name.to_owned(),
                kind: kind.unwrap_or_else(|| kind_from_name(name)),
                quota,
            }),
        }
    }
    (good, bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Lang;

    fn t() -> &'static SetupTexts {
        Lang::En.texts().setup()
    }

    fn dt() -> &'static DriveTexts {
        Lang::En.texts().drive_setup()
    }

    fn hm(h: u8, m: u8) -> TimeOfDay {
        TimeOfDay::from_hm(h, m).unwrap()
    }

    #[test]
    fn numbers_read_either_languages_way() {
        assert_eq!(milli_number("1635"), Some(1_635_000));
        assert_eq!(milli_number("1.635"), Some(1_635_000));
        assert_eq!(milli_number("1,635"), Some(1_635_000));
        assert_eq!(milli_number("1 635"), Some(1_635_000));
        assert_eq!(milli_number("10,5"), Some(10_500));
        assert_eq!(milli_number("10.25"), Some(10_250));
        assert_eq!(milli_number("1.204,4"), Some(1_204_400));
        assert_eq!(milli_number("-3"), Some(-3000));
        for bad in ["", "abc", "1.2.3", "12,34,5", "1e3", "--1", "1,2345"] {
            assert_eq!(milli_number(bad), None, "{bad}");
        }
        assert_eq!(whole_number("20"), Some(20));
        assert_eq!(whole_number("2,5"), None);
    }

    #[test]
    fn hours_are_intervals_that_do_not_overlap() {
        assert_eq!(
            hours("07:00-11:30, 13h30-17h", t()).unwrap(),
            vec![
                Interval::new(hm(7, 0), hm(11, 30)).unwrap(),
                Interval::new(hm(13, 30), hm(17, 0)).unwrap()
            ]
        );
        assert_eq!(hours("  ", t()).unwrap(), vec![]);
        assert_eq!(
            hours("07:00-11:30, 11:00-12:00", t()),
            Err(t().hours_overlap.to_owned())
        );
        assert_eq!(
            hours("11:00-07:00", t()),
            Err(t().end_not_after_start.to_owned())
        );
        assert!(hours("morning", t()).unwrap_err().contains("morning"));
    }

    #[test]
    fn slots_have_times_and_places() {
        let list = slots("09:00-10:30 ×20; 07:30-09:00 x 15", dt()).unwrap();
        assert_eq!(
            list,
            vec![
                SlotSpec::new(hm(7, 30), hm(9, 0), 15).unwrap(),
                SlotSpec::new(hm(9, 0), hm(10, 30), 20).unwrap()
            ]
        );
        assert_eq!(
            slots("07:30-09:00 0", dt()),
            Err(dt().capacity_not_positive.to_owned())
        );
        assert_eq!(
            slots("07:30-09:00 -5", dt()),
            Err(dt().capacity_not_positive.to_owned())
        );
        assert_eq!(
            slots("07:30-09:00 20, 08:30-10:00 20", dt()),
            Err(dt().slots_overlap.to_owned())
        );
        assert_eq!(
            slots("09:00-07:30 20", dt()),
            Err(dt().end_not_after_start.to_owned())
        );
        assert_eq!(slots("", dt()), Err(dt().slots_required.to_owned()));
        assert!(
            slots("07:30-09:00", dt())
                .unwrap_err()
                .contains("07:30-09:00")
        );
        assert_eq!(
            slots("07:30-09:00 70000", dt()),
            Err(dt().capacity_too_large.to_owned())
        );
    }

    #[test]
    fn overrides_are_days_of_the_drive_with_their_own_slots_or_closed() {
        let first = Date::from_ymd(2024, 5, 13);
        let last = Date::from_ymd(2024, 5, 16);
        let read = overrides(
            "14/05/2024: 07:30-09:00 10\n2024-05-15: nghỉ\n16/5/2024:",
            first,
            last,
            dt(),
        )
        .unwrap();
        let d = |day| Date::from_ymd(2024, 5, day).unwrap();
        assert_eq!(read.len(), 3);
        assert_eq!(
            read[&d(14)],
            vec![SlotSpec::new(hm(7, 30), hm(9, 0), 10).unwrap()]
        );
        assert!(read[&d(15)].is_empty() && read[&d(16)].is_empty());
        assert!(
            overrides("20/05/2024: closed", first, last, dt())
                .unwrap_err()
                .contains("20/05/2024")
        );
        assert!(overrides("tomorrow: closed", first, last, dt()).is_err());
        assert!(
            overrides(
                "14/05/2024: closed\n14/05/2024: 07:30-09:00 5",
                first,
                last,
                dt()
            )
            .is_err()
        );
        assert_eq!(
            overrides("14/05/2024: 07:30-09:00 0", first, last, dt()),
            Err(dt().capacity_not_positive.to_owned())
        );
    }

    #[test]
    fn a_pasted_list_gives_good_rows_and_numbered_bad_ones() {
        let text = "Bệnh viện Bạch Mai\t\t40\n\
                    Trung tâm Y tế Hoàn Kiếm; ; 12,5\n\
                    \n\
                    Công ty X; other\n\
                    ; 5\n\
                    Bệnh viện Bạch Mai\n\
                    BV Xanh Pôn; bệnh viện; 0\n\
                    Viện Huyết học; specialty; many\n\
                    Bệnh viện E";
        let (good, bad) = unit_rows(text, &["bệnh viện e".to_owned()], t());
        assert_eq!(
            good,
            vec![
                UnitRow {
                    row: 1,
                    name: "Bệnh viện Bạch Mai".into(),
                    kind: UnitKind::PublicHospital,
                    quota: Some(Units::whole(40))
                },
                UnitRow {
                    row: 2,
                    name: "Trung tâm Y tế Hoàn Kiếm".into(),
                    kind: UnitKind::DistrictMedicalCenter,
                    quota: Some(Units::from_milli(12_500))
                },
                UnitRow {
                    row: 4,
                    name: "Công ty X".into(),
                    kind: UnitKind::Other,
                    quota: None
                },
            ]
        );
        let rows: Vec<usize> = bad.iter().map(|(r, _)| *r).collect();
        assert_eq!(rows, vec![5, 6, 7, 8, 9]);
        assert_eq!(bad[0].1, t().name_required);
        assert_eq!(bad[1].1, t().unit_exists);
        assert_eq!(bad[2].1, t().quota_not_positive);
        assert!(bad[3].1.contains("many"));
        assert_eq!(bad[4].1, t().unit_exists);
    }

    #[test]
    fn slots_and_days_written_back_read_the_same() {
        let template = slots("07:30-08:30 20, 08:30-09:30 15", dt()).unwrap();
        assert_eq!(slots_text(&template), "07:30-08:30 20, 08:30-09:30 15");
        assert_eq!(slots(&slots_text(&template), dt()), Ok(template));
        let first = Date::from_ymd(2024, 5, 13);
        let last = Date::from_ymd(2024, 5, 16);
        let days = overrides(
            "14/05/2024: 07:30-09:00 10\n15/05/2024: nghỉ",
            first,
            last,
            dt(),
        )
        .unwrap();
        let text = overrides_text(&days, "nghỉ");
        assert_eq!(text, "14/05/2024: 07:30-09:00 10\n15/05/2024: nghỉ");
        assert_eq!(overrides(&text, first, last, dt()), Ok(days));
        assert_eq!(overrides_text(&BTreeMap::new(), "closed"), "");
    }

    #[test]
    fn dates_are_read_as_people_write_them() {
        let d = Date::from_ymd(2024, 5, 4);
        assert_eq!(date("04/05/2024"), d);
        assert_eq!(date("4/5/2024"), d);
        assert_eq!(date("2024-05-04"), d);
        assert_eq!(date("31/02/2024"), None);
        assert_eq!(date("04/05/24"), None);
    }

    #[test]
    fn a_number_too_large_for_any_field_never_reads_as_a_negative_one() {
        // Guards issue 21.6: 9.223.372.036.854.775,99 read as a large negative number (and
        // panicked in debug builds).
        for typed in [
            "9.223.372.036.854.775,99",
            "9223372036854775807",
            "99999999999999999999999",
        ] {
            assert_eq!(milli_number(typed), Some(i64::MAX), "{typed}");
        }
        assert_eq!(milli_number("-9.223.372.036.854.775,99"), Some(-i64::MAX));
        assert_eq!(whole_number("1.635"), Some(1635));
    }

    #[test]
    fn a_slot_over_the_places_limit_is_refused_beside_the_field() {
        assert_eq!(
            slots("07:30-08:30 1001", dt()),
            Err(dt().capacity_too_large.to_owned())
        );
        assert!(slots("07:30-08:30 1000", dt()).is_ok());
        assert!(dt().capacity_too_large.contains("1,000"));
        assert!(
            Lang::Vi
                .texts()
                .drive_setup()
                .capacity_too_large
                .contains("1.000")
        );
        for lang in Lang::ALL {
            let max = lang.number(crate::domain::limits::Limit::BloodUnits.max());
            assert!(lang.texts().setup().too_large.contains(&max), "{max}");
        }
    }
}

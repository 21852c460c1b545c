//! Calendar files (iCalendar, RFC 5545) a volunteer adds to their phone's calendar: one pledge
//! with a reminder the day before, or a drive's whole schedule, one event per day and site.
//!
//! Times are written as local times of `Asia/Ho_Chi_Minh` with the zone defined in the file
//! (UTC+07:00 all year, no daylight saving), so any calendar shows them right wherever the phone
//! is. Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character; TEXT
//! values escape backslash, semicolon, comma and line breaks, and drop other control
//! characters, so no name can break out of its property. Each event has a stable UID, so
//! importing the file again updates the event instead of duplicating it. No clock: `DTSTAMP`
//! is an argument.

use crate::domain::{
    Date, DomainError, Drive, DriveId, DriveStatus, Ledger, PledgeId, PledgeStatus, Site, SiteId,
    SlotSpec, TimeOfDay, Timestamp,
};

use super::Language;
use super::labels;
use super::link::human_code;

/// The time zone every local time is written in.
pub const TZID: &str = "Asia/Ho_Chi_Minh";

/// The domain part of every UID this app writes.
pub const UID_DOMAIN: &str = "hienmau.local";

/// The product identifier written as `PRODID`.
pub const PRODID: &str = "-//Hien mau tinh nguyen//Lich hien mau//VI";

/// The longest line in octets, CRLF excluded (RFC 5545 §3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// Escapes a TEXT value (RFC 5545 §3.3.11): `\` `;` `,` are backslash-escaped, every line
/// break (CRLF, LF or CR) becomes `\n`, and other control characters (but tab) are dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded (RFC 5545 §3.1): physical lines of at most 75 octets, each break
/// placed before a whole UTF-8 character and followed by one space, every line ending in CRLF.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    let mut rest = line;
    // The first physical line holds 75 octets; continuations hold 74 after their space.
    let mut room = MAX_LINE_OCTETS;
    loop {
        if rest.len() <= room {
            out.push_str(rest);
            out.push_str("\r\n");
            return out;
        }
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = MAX_LINE_OCTETS - 1;
    }
}

/// A timestamp as a UTC DATE-TIME, `YYYYMMDDTHHMMSSZ` (clamped to years 1 to 9999).
pub fn utc_stamp(t: Timestamp) -> String {
    const DAY_MS: i64 = 86_400_000;
    let (date, secs) = match Date::from_days_since_epoch(t.0.div_euclid(DAY_MS)) {
        Some(d) => (d, t.0.rem_euclid(DAY_MS) / 1000),
        None if t.0 < 0 => (Date::MIN, 0),
        None => (Date::MAX, 86_399),
    };
    format!(
        "{}T{:02}{:02}{:02}Z",
        basic_date(date),
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// The UID of a pledge's event: `<pledge-id>@hienmau.local`.
pub fn pledge_uid(pledge: &PledgeId) -> String {
    format!("{pledge}@{UID_DOMAIN}")
}

/// The UID of one day of a drive at one site: `<drive>.<site>.<yyyymmdd>@hienmau.local` (ids
/// have no dots, so it never equals a pledge's UID or another day's).
pub fn drive_day_uid(drive: &DriveId, site: &SiteId, date: Date) -> String {
    format!("{drive}.{site}.{}@{UID_DOMAIN}", basic_date(date))
}

fn basic_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// A local DATE-TIME; `24:00` is written as midnight of the next day.
fn local(date: Date, time: TimeOfDay) -> String {
    let (date, time) = if time.hour() == 24 {
        (date.add_days(1), TimeOfDay::from_hm(0, 0).unwrap_or(time))
    } else {
        (date, time)
    };
    format!(
        "{}T{:02}{:02}00",
        basic_date(date),
        time.hour(),
        time.minute()
    )
}

/// Builds a calendar line by line.
struct Writer {
    out: String,
}

impl Writer {
    fn new(name: &str) -> Writer {
        let mut w = Writer { out: String::new() };
        w.raw("BEGIN", "VCALENDAR");
        w.raw("VERSION", "2.0");
        w.raw("PRODID", PRODID);
        w.raw("CALSCALE", "GREGORIAN");
        w.raw("METHOD", "PUBLISH");
        w.text("X-WR-CALNAME", name);
        w.raw("X-WR-TIMEZONE", TZID);
        w.timezone();
        w
    }

    /// A property whose value is written as given (already valid for its type).
    fn raw(&mut self, name: &str, value: &str) {
        self.out.push_str(&fold_line(&format!("{name}:{value}")));
    }

    /// A TEXT property, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape_text(value));
    }

    fn timezone(&mut self) {
        self.raw("BEGIN", "VTIMEZONE");
        self.raw("TZID", TZID);
        self.raw("BEGIN", "STANDARD");
        self.raw("DTSTART", "19700101T000000");
        self.raw("TZOFFSETFROM", "+0700");
        self.raw("TZOFFSETTO", "+0700");
        self.raw("TZNAME", "+07");
        self.raw("END", "STANDARD");
        self.raw("END", "VTIMEZONE");
    }

    fn event(&mut self, e: &Event) {
        self.raw("BEGIN", "VEVENT");
        self.raw("UID", &e.uid);
        self.raw("DTSTAMP", &utc_stamp(e.stamp));
        if let Some(modified) = e.modified {
            self.raw("LAST-MODIFIED", &utc_stamp(modified));
        }
        self.raw(&format!("DTSTART;TZID={TZID}"), &local(e.date, e.start));
        self.raw(&format!("DTEND;TZID={TZID}"), &local(e.date, e.end));
        self.text("SUMMARY", &e.summary);
        self.text("LOCATION", &e.location);
        self.text("DESCRIPTION", &e.description);
        self.raw(
            "STATUS",
            if e.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            },
        );
        self.raw("TRANSP", "OPAQUE");
        if let Some(reminder) = &e.reminder {
            self.raw("BEGIN", "VALARM");
            self.raw("ACTION", "DISPLAY");
            self.text("DESCRIPTION", reminder);
            self.raw("TRIGGER", "-P1D");
            self.raw("END", "VALARM");
        }
        self.raw("END", "VEVENT");
    }

    fn finish(mut self) -> String {
        self.raw("END", "VCALENDAR");
        self.out
    }
}

/// What one event says.
struct Event {
    uid: String,
    stamp: Timestamp,
    modified: Option<Timestamp>,
    date: Date,
    start: TimeOfDay,
    end: TimeOfDay,
    summary: String,
    location: String,
    description: String,
    cancelled: bool,
    reminder: Option<String>,
}

/// "Name, address", or the name alone when the address is empty.
fn location(site: &Site) -> String {
    if site.address.is_empty() {
        site.name.clone()
    } else {
        format!("{}, {}", site.name, site.address)
    }
}

/// The calendar of one pledge: an event at its slot's start to end, at its site (name and
/// address as `LOCATION`), with a reminder the day before (`TRIGGER:-P1D`). A cancelled pledge,
/// or one of a cancelled drive, is written with `STATUS:CANCELLED` so calendars drop it.
///
/// `stamp` is written as `DTSTAMP` (when the file is made). Refuses a pledge, site or slot the
/// ledger does not know.
pub fn pledge_calendar(
    ledger: &Ledger,
    pledge: &PledgeId,
    stamp: Timestamp,
    lang: Language,
) -> Result<String, DomainError> {
    let p = ledger
        .pledge_by_id(pledge)
        .ok_or_else(|| DomainError::UnknownPledge(pledge.clone()))?;
    let site_id = p.slot.place.site();
    let site = ledger
        .site(site_id)
        .ok_or_else(|| DomainError::UnknownSite(site_id.clone()))?;
    let slot: SlotSpec = ledger.slot_spec(&p.slot)?;
    let drive = p.slot.place.drive().and_then(|d| ledger.drive(d));
    let summary = format!(
        "{} - {}",
        lang.pick("Hiến máu tình nguyện", "Blood donation"),
        site.name
    );
    let mut description = Vec::new();
    if let Some(drive) = drive {
        description.push(drive.name.clone());
    }
    description.push(format!(
        "{} {}-{}",
        lang.pick("Khung giờ", "Time slot"),
        slot.start,
        slot.end
    ));
    description.push(format!(
        "{}, {} ml",
        labels::donation(lang, p.donation),
        p.volume_ml
    ));
    description.push(format!(
        "{}: {}",
        lang.pick("Mã phiếu", "Slip code"),
        human_code(&p.id)
    ));
    let reminder = format!(
        "{} {} {}",
        lang.pick("Ngày mai hiến máu lúc", "Blood donation tomorrow at"),
        slot.start,
        site.name
    );
    let mut w = Writer::new(&summary);
    w.event(&Event {
        uid: pledge_uid(&p.id),
        stamp,
        modified: Some(p.updated_at),
        date: p.slot.date,
        start: slot.start,
        end: slot.end,
        summary,
        location: location(site),
        description: description.join("\n"),
        cancelled: matches!(p.status, PledgeStatus::Cancelled { .. })
            || drive.is_some_and(|d| d.status == DriveStatus::Cancelled),
        reminder: Some(reminder),
    });
    Ok(w.finish())
}

/// The calendar of a drive's schedule: one event per day and site, from the first slot's start
/// to the last slot's end; days a site is closed have none. `sites` must hold every site of the
/// drive (other sites are ignored); `stamp` is written as `DTSTAMP`. A cancelled drive's events
/// are written with `STATUS:CANCELLED`.
pub fn drive_calendar<'a>(
    drive: &Drive,
    sites: impl IntoIterator<Item = &'a Site>,
    stamp: Timestamp,
    lang: Language,
) -> Result<String, DomainError> {
    // Each drive site's site looked up once, by id: the work grows with days x sites.
    let by_id = crate::domain::order::map_of(sites.into_iter().map(|s| (&s.id, s)));
    let resolved = drive
        .sites
        .iter()
        .map(|ds| {
            by_id
                .get(&ds.site)
                .map(|site| (ds, *site))
                .ok_or_else(|| DomainError::UnknownSite(ds.site.clone()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut w = Writer::new(&drive.name);
    for day in drive.days() {
        for &(ds, site) in &resolved {
            let slots = ds.slots_on(day);
            let (Some(first), Some(end)) = (slots.first(), slots.iter().map(|s| s.end).max())
            else {
                continue;
            };
            let places: u32 = slots.iter().map(|s| u32::from(s.capacity)).sum();
            w.event(&Event {
                uid: drive_day_uid(&drive.id, &site.id, day),
                stamp,
                modified: None,
                date: day,
                start: first.start,
                end,
                summary: format!(
                    "{}: {} - {}",
                    lang.pick("Hiến máu tình nguyện", "Blood donation"),
                    drive.name,
                    site.name
                ),
                location: location(site),
                description: format!(
                    "{} {}, {} {}",
                    slots.len(),
                    lang.pick("khung giờ", "time slots"),
                    places,
                    lang.pick("chỗ", "places")
                ),
                cancelled: drive.status == DriveStatus::Cancelled,
                reminder: None,
            });
        }
    }
    Ok(w.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample::{self, DRIVE_2023_1};

    /// Unfolds and unescapes one TEXT property of a calendar, as a reader would (test helper).
    fn property(ics: &str, name: &str) -> Vec<String> {
        let unfolded = ics.replace("\r\n ", "");
        unfolded
            .split("\r\n")
            .filter_map(|l| l.strip_prefix(&format!("{name}:")))
            .map(unescape)
            .collect()
    }

    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n' | 'N') => out.push('\n'),
                    Some(o) => out.push(o),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn assert_well_formed(ics: &str) {
        assert!(ics.ends_with("\r\n"));
        for line in ics.split_terminator("\r\n") {
            assert!(
                line.len() <= MAX_LINE_OCTETS,
                "{} octets: {line}",
                line.len()
            );
            assert!(!line.contains('\n') && !line.contains('\r'), "bare break");
        }
        let unfolded = ics.replace("\r\n ", "");
        let begins = unfolded.matches("\r\nBEGIN:VEVENT\r\n").count();
        let ends = unfolded.matches("\r\nEND:VEVENT\r\n").count();
        assert_eq!(begins, ends);
    }

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_every_line_break() {
        assert_eq!(escape_text(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(escape_text("1\r\n2\n3\r4"), r"1\n2\n3\n4");
        assert_eq!(escape_text("tab\tok\u{0}\u{7}\u{1b}"), "tab\tok");
        assert_eq!(escape_text("Hiến máu: đợt 1"), "Hiến máu: đợt 1");
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold_line("UID:x@hienmau.local"), "UID:x@hienmau.local\r\n");
        let exactly = "X".repeat(75);
        assert_eq!(fold_line(&exactly), format!("{exactly}\r\n"));
        let one_more = "X".repeat(76);
        assert_eq!(
            fold_line(&one_more),
            format!("{}\r\n X\r\n", "X".repeat(75))
        );
    }

    #[test]
    fn vietnamese_text_folds_at_75_octets_without_splitting_a_character() {
        let text = "SUMMARY:".to_owned()
            + &"Hiến giọt máu đào - Trao đời sự sống; Mỗi giọt máu cho đi - Một cuộc đời ở lại. "
                .repeat(4);
        let folded = fold_line(&text);
        let lines: Vec<&str> = folded.split_terminator("\r\n").collect();
        assert!(lines.len() > 4);
        for (i, line) in lines.iter().enumerate() {
            assert!(line.len() <= 75, "line {i}: {} octets", line.len());
            if i > 0 {
                assert!(line.starts_with(' '));
            }
        }
        // Every physical line is valid UTF-8 on its own (a &str), and unfolding restores it.
        assert_eq!(folded.replace("\r\n ", "").trim_end_matches("\r\n"), text);
        // A line of 3-octet characters cannot end at 75 exactly after "X:"; it stops before.
        let wide = format!("X:{}", "ộ".repeat(40));
        let first = fold_line(&wide).split("\r\n").next().unwrap().len();
        assert_eq!(first, 74, "2 + 24 x 3 octets, not a split character");
    }

    #[test]
    fn timestamps_are_written_in_utc() {
        assert_eq!(utc_stamp(Timestamp(0)), "19700101T000000Z");
        // 2023-04-24 07:30 in Hanoi is 00:30 UTC.
        assert_eq!(utc_stamp(Timestamp(1_682_296_200_000)), "20230424T003000Z");
        assert_eq!(utc_stamp(Timestamp(-1)), "19691231T235959Z");
        assert_eq!(utc_stamp(Timestamp(i64::MAX)), "99991231T235959Z");
        assert_eq!(utc_stamp(Timestamp(i64::MIN)), "00010101T000000Z");
    }

    fn sample_pledge(ledger: &Ledger) -> PledgeId {
        ledger
            .pledges()
            .find(|p| p.slot.place.drive().is_some())
            .map(|p| p.id.clone())
            .unwrap()
    }

    #[test]
    fn a_pledge_becomes_one_event_with_a_reminder_the_day_before() {
        let ledger = sample::sample_ledger();
        let id = sample_pledge(&ledger);
        let p = ledger.pledge_by_id(&id).unwrap();
        let ics =
            pledge_calendar(&ledger, &id, Timestamp(1_700_000_000_000), Language::Vi).unwrap();
        assert_well_formed(&ics);
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(unfolded.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\n"));
        assert!(unfolded.contains("TZOFFSETTO:+0700\r\n"));
        assert_eq!(unfolded.matches("BEGIN:VEVENT").count(), 1);
        assert!(unfolded.contains(&format!("UID:{}@hienmau.local\r\n", p.id)));
        assert!(unfolded.contains("DTSTAMP:20231114T221320Z\r\n"));
        let slot = ledger.slot_spec(&p.slot).unwrap();
        let start = format!(
            "DTSTART;TZID=Asia/Ho_Chi_Minh:{}T{:02}{:02}00\r\n",
            basic_date(p.slot.date),
            slot.start.hour(),
            slot.start.minute()
        );
        assert!(unfolded.contains(&start), "{start}");
        assert!(unfolded.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\n"));
        assert!(unfolded.contains("TRIGGER:-P1D\r\n"));
        let site = ledger.site(p.slot.place.site()).unwrap();
        assert_eq!(property(&ics, "LOCATION"), [location(site)]);
        assert!(property(&ics, "SUMMARY")[0].contains(&site.name));
    }

    #[test]
    fn the_end_of_day_is_midnight_of_the_next_day() {
        let d = Date::from_ymd(2023, 12, 31).unwrap();
        let t = TimeOfDay::from_hm(24, 0).unwrap();
        assert_eq!(local(d, t), "20240101T000000");
    }

    #[test]
    fn unknown_pledges_are_refused() {
        let ledger = sample::sample_ledger();
        let id = PledgeId::new("nope").unwrap();
        assert_eq!(
            pledge_calendar(&ledger, &id, Timestamp(0), Language::En),
            Err(DomainError::UnknownPledge(id))
        );
    }

    #[test]
    fn a_drive_has_one_event_per_day_and_site_from_first_start_to_last_end() {
        let ledger = sample::sample_ledger();
        let drive = ledger.drive(&DriveId::new(DRIVE_2023_1).unwrap()).unwrap();
        let ics = drive_calendar(drive, ledger.sites(), Timestamp(0), Language::En).unwrap();
        assert_well_formed(&ics);
        let unfolded = ics.replace("\r\n ", "");
        assert_eq!(unfolded.matches("BEGIN:VEVENT").count(), 4 * 3);
        assert_eq!(unfolded.matches("BEGIN:VALARM").count(), 0);
        assert!(unfolded.contains("DTSTART;TZID=Asia/Ho_Chi_Minh:20230424T073000\r\n"));
        assert!(unfolded.contains("DTEND;TZID=Asia/Ho_Chi_Minh:20230424T163000\r\n"));
        let site = &drive.sites[0].site;
        let uid = drive_day_uid(&drive.id, site, drive.start);
        assert!(unfolded.contains(&format!("UID:{uid}\r\n")));
        let uids = property(&ics, "UID");
        let unique: std::collections::BTreeSet<_> = uids.iter().collect();
        assert_eq!(unique.len(), uids.len(), "UIDs are unique");
        assert_eq!(
            drive_calendar(drive, std::iter::empty(), Timestamp(0), Language::En),
            Err(DomainError::UnknownSite(site.clone()))
        );
    }

    #[test]
    fn hostile_names_stay_inside_their_property() {
        let mut ledger_sites: Vec<Site> = sample::sample_ledger().sites().cloned().collect();
        let ledger = sample::sample_ledger();
        let drive = ledger
            .drive(&DriveId::new(DRIVE_2023_1).unwrap())
            .unwrap()
            .clone();
        let hostile = "<img src=x onerror=alert(1)>\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil";
        for s in &mut ledger_sites {
            if s.id == drive.sites[0].site {
                s.name = hostile.into();
                s.address = "=HYPERLINK(\"http://x\"); a,b\\c".into();
            }
        }
        let ics = drive_calendar(&drive, &ledger_sites, Timestamp(0), Language::Vi).unwrap();
        assert_well_formed(&ics);
        let unfolded = ics.replace("\r\n ", "");
        let lines: Vec<&str> = unfolded.split("\r\n").collect();
        let events = lines.iter().filter(|l| **l == "BEGIN:VEVENT").count();
        assert_eq!(events, 12, "no event injected");
        assert!(!lines.iter().any(|l| l.starts_with("UID:evil")));
        let locations = property(&ics, "LOCATION");
        assert!(locations.contains(
            &format!("{hostile}, =HYPERLINK(\"http://x\"); a,b\\c").replace("\r\n", "\n")
        ));
        assert!(unfolded.contains(r#"=HYPERLINK("http://x")\; a\,b\\c"#));
    }

    /// Runs `tests/ical_check.py` (the `icalendar` package, an independent parser) on the
    /// files; `None` when python3 or icalendar is missing, so the check is skipped.
    #[cfg(not(target_arch = "wasm32"))]
    fn python_reads(files: &[(&str, &str)]) -> Option<serde_json::Value> {
        use std::process::Command;
        let probe = Command::new("python3")
            .args(["-c", "import icalendar"])
            .output();
        if !probe.is_ok_and(|o| o.status.success()) {
            println!("python3 with icalendar not available: independent iCalendar check skipped");
            return None;
        }
        let dir = std::env::temp_dir();
        let paths: Vec<std::path::PathBuf> = files
            .iter()
            .map(|(name, ics)| {
                let path = dir.join(format!("hienmau-{name}-{}.ics", std::process::id()));
                std::fs::write(&path, ics).unwrap();
                path
            })
            .collect();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ical_check.py");
        let out = Command::new("python3")
            .arg(script)
            .args(&paths)
            .output()
            .unwrap();
        for p in &paths {
            let _ = std::fs::remove_file(p);
        }
        assert!(
            out.status.success(),
            "ical_check.py refused the file: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(serde_json::from_slice(&out.stdout).unwrap())
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn an_independent_parser_reads_back_what_was_written() {
        let ledger = sample::sample_ledger();
        let id = sample_pledge(&ledger);
        let p = ledger.pledge_by_id(&id).unwrap();
        let site = ledger.site(p.slot.place.site()).unwrap();
        let slot = ledger.slot_spec(&p.slot).unwrap();
        let stamp = Timestamp(1_682_296_200_000);
        let pledge_ics = pledge_calendar(&ledger, &id, stamp, Language::Vi).unwrap();

        let drive = ledger.drive(&DriveId::new(DRIVE_2023_1).unwrap()).unwrap();
        let mut sites: Vec<Site> = ledger.sites().cloned().collect();
        let long = "Hiến giọt máu đào - Trao đời sự sống; Mỗi giọt máu cho đi, một cuộc đời ở lại \\ \
            <img src=x onerror=alert(1)> =HYPERLINK(\"http://x\")\r\nEND:VEVENT";
        let first = drive.sites[0].site.clone();
        for s in &mut sites {
            if s.id == first {
                s.name = long.into();
            }
        }
        let drive_ics = drive_calendar(drive, &sites, stamp, Language::En).unwrap();
        assert!(
            drive_ics.split("\r\n").any(|l| l.starts_with(' ')),
            "something folded"
        );

        let Some(read) = python_reads(&[("pledge", &pledge_ics), ("drive", &drive_ics)]) else {
            return;
        };
        let pledge = &read[0];
        assert_eq!(pledge["zones"][0]["tzid"], TZID);
        assert_eq!(pledge["zones"][0]["offsets"][0], "+0700");
        let events = pledge["events"].as_array().unwrap();
        assert_eq!(events.len(), 1);
        let e = &events[0];
        assert_eq!(e["uid"], pledge_uid(&id));
        assert_eq!(e["dtstamp"], "20230424T003000Z");
        assert_eq!(
            e["summary"],
            format!("Hiến máu tình nguyện - {}", site.name)
        );
        assert_eq!(e["location"], location(site));
        assert_eq!(e["status"], "CONFIRMED");
        let local = |t: TimeOfDay| format!("{}T{}:00", p.slot.date, t);
        assert_eq!(e["start"]["local"], local(slot.start));
        assert_eq!(e["start"]["tzid"], TZID);
        assert_eq!(e["start"]["utc_offset_minutes"], 7 * 60);
        assert_eq!(e["end"]["local"], local(slot.end));
        assert_eq!(e["alarms"][0]["action"], "DISPLAY");
        assert_eq!(e["alarms"][0]["trigger_seconds"], -86_400);
        assert!(
            e["description"]
                .as_str()
                .unwrap()
                .contains(&human_code(&id))
        );

        let events = read[1]["events"].as_array().unwrap();
        assert_eq!(events.len(), 12, "one per day and site, none injected");
        let hostile: Vec<&serde_json::Value> = events
            .iter()
            .filter(|e| e["uid"].as_str().unwrap().contains(first.as_str()))
            .collect();
        assert_eq!(hostile.len(), 4);
        for e in hostile {
            let name = long.replace("\r\n", "\n");
            assert_eq!(
                e["summary"],
                format!("Blood donation: {} - {name}", drive.name)
            );
            assert!(e["location"].as_str().unwrap().starts_with(&name));
            assert_eq!(e["start"]["local"].as_str().unwrap()[11..], *"07:30:00");
            assert_eq!(e["end"]["local"].as_str().unwrap()[11..], *"16:30:00");
            assert_eq!(e["alarms"].as_array().map(Vec::len), Some(0));
        }
    }
}

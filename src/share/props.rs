//! Property tests of the share module, native only: no text makes a decoder or parser panic,
//! and drives, slips and CSV records survive their round trips.

use proptest::prelude::*;

use super::Language;
use super::csv::{self, Field, ImportDefaults};
use super::envelope;
use super::ical;
use super::link::{self, PledgeSlip, SharedDrive};
use crate::domain::generate::{GenerateOptions, generate};
use crate::domain::{Date, Ledger};

fn ledger(seed: u64, pledges: usize, days: u8, sites: u8, fixed: u8) -> Ledger {
    let today = Date::from_ymd(2024, 6, 15).unwrap_or(Date::MIN);
    let mut o = GenerateOptions::new(seed, pledges, today);
    o.drives = 2;
    o.days_per_drive = days;
    o.sites_per_drive = sites;
    o.fixed_points = fixed;
    generate(&o)
}

/// Text that looks like a link: a known or near tag, a dot and base64url-ish characters.
fn linkish() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["d1", "p1", "d2", "", "#d1", "x"]),
        "[A-Za-z0-9_\\-=+/ ]{0,300}",
    )
        .prop_map(|(tag, body)| format!("{tag}.{body}"))
}

/// Text that looks like CSV: few characters, many of them special.
fn csvish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "\"",
            ",",
            ";",
            "\r",
            "\n",
            "\r\n",
            "a",
            "é",
            " ",
            "\u{FEFF}",
            "sep=",
            "Họ tên",
            "0912345678",
            "24/04/1990",
            "Nam",
            "Nữ",
            "60",
            "=",
            "\"\"",
        ]),
        0..80,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_text_makes_the_link_decoders_panic(text in any::<String>()) {
        let _ = link::decode_drive(&text);
        let _ = link::decode_slip(&text);
    }

    #[test]
    fn no_link_like_text_makes_the_decoders_panic(text in linkish()) {
        let _ = link::decode_drive(&text);
        let _ = link::decode_slip(&text);
    }

    #[test]
    fn no_sealed_bytes_make_the_record_readers_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        // Past the checksum, straight into the record reader.
        let _ = link::decode_drive(&envelope::seal(link::DRIVE_TAG, &bytes));
        let _ = link::decode_slip(&envelope::seal(link::SLIP_TAG, &bytes));
    }

    #[test]
    fn no_text_makes_the_csv_parser_or_importer_panic(
        text in prop_oneof![any::<String>(), csvish()],
        columns in prop::collection::vec(prop::option::of(0usize..6), 9),
        header in any::<bool>(),
    ) {
        if let Ok(table) = csv::parse(&text) {
            for r in &table.records {
                prop_assert!(r.row >= 1);
                prop_assert!(r.cells.iter().any(|c| !c.trim().is_empty()));
            }
            let mut map = csv::guess_columns(&table.records[0].cells);
            for (field, column) in Field::ALL.into_iter().zip(columns) {
                if column.is_some() {
                    map.set(field, column);
                }
            }
            map.has_header = header;
            let today = Date::from_ymd(2024, 1, 1).unwrap_or(Date::MIN);
            let result = csv::import_donors(
                &table, &map, std::iter::empty(), &ImportDefaults::default(), today,
            );
            let rows = table.records.len() - usize::from(header);
            let mut failed: Vec<usize> = result.errors.iter().map(|e| e.row).collect();
            failed.dedup();
            prop_assert_eq!(result.valid.len() + failed.len(), rows);
        }
    }

    #[test]
    fn csv_records_survive_writing_and_parsing(
        records in prop::collection::vec(
            prop::collection::vec("[a-z;,\"\r\n =+@\t-]{0,8}", 1..5), 1..6),
    ) {
        let records: Vec<Vec<String>> = records
            .into_iter()
            .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
            .collect();
        prop_assume!(!records.is_empty());
        let mut text = String::new();
        for r in &records {
            csv::write_record(&mut text, r);
        }
        let table = csv::parse(&text).unwrap_or_else(|e| panic!("{e}: {text:?}"));
        let back: Vec<Vec<String>> = table.records.into_iter().map(|r| r.cells).collect();
        let expected: Vec<Vec<String>> = records
            .iter()
            .map(|r| r.iter().map(|c| csv::neutralise(c).into_owned()).collect())
            .collect();
        prop_assert_eq!(back, expected);
    }

    #[test]
    fn folded_lines_fit_75_octets_and_unfold_to_the_line(line in any::<String>()) {
        let line: String = line.chars().filter(|c| *c != '\r' && *c != '\n').collect();
        let folded = ical::fold_line(&line);
        for physical in folded.split_terminator("\r\n") {
            prop_assert!(physical.len() <= ical::MAX_LINE_OCTETS);
        }
        prop_assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn escaped_text_has_no_line_break_and_no_bare_separator(text in any::<String>()) {
        let escaped = ical::escape_text(&text);
        prop_assert!(!escaped.contains(['\r', '\n']));
        let mut chars = escaped.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                let next = chars.next();
                prop_assert!(matches!(next, Some('\\' | ';' | ',' | 'n')));
            } else {
                prop_assert!(c != ';' && c != ',');
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn damaged_drive_records_never_panic(
        seed in 0u64..1000,
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
    ) {
        let l = ledger(seed, 20, 2, 2, 1);
        let Some(drive) = l.drives().next() else { return Ok(()); };
        let shared = SharedDrive::from_ledger(&l, &drive.id).unwrap();
        let mut bytes = envelope::open(link::DRIVE_TAG, &link::encode_drive(&shared)).unwrap();
        for (at, value, op) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = value,
                1 => bytes.insert(i, value),
                _ => { bytes.remove(i); }
            }
        }
        let _ = link::decode_drive(&envelope::seal(link::DRIVE_TAG, &bytes));
    }

    #[test]
    fn generated_drives_round_trip_through_a_link(
        seed in 0u64..10_000,
        days in 1u8..8,
        sites in 1u8..5,
        fixed in 0u8..4,
        closed in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..3),
    ) {
        let l = ledger(seed, 30, days, sites, fixed);
        for drive in l.drives() {
            let mut shared = SharedDrive::from_ledger(&l, &drive.id).unwrap();
            // Close a few site-days, as an organizer might.
            for (site, day) in &closed {
                let start = shared.drive.start;
                let n = shared.drive.days().count();
                let s = site.index(shared.drive.sites.len());
                let date = start.add_days(day.index(n) as i64);
                shared.drive.sites[s].overrides.insert(date, Vec::new());
            }
            let text = link::encode_drive(&shared);
            prop_assert!(text.len() < 2_000, "{} characters", text.len());
            prop_assert_eq!(link::decode_drive(&text), Ok(shared));
        }
    }

    #[test]
    fn generated_pledges_round_trip_through_a_slip(seed in 0u64..10_000, pledges in 1usize..40) {
        let l = ledger(seed, pledges, 2, 2, 2);
        for p in l.pledges() {
            let slip = PledgeSlip::from_ledger(&l, &p.id).unwrap();
            let text = link::encode_slip(&slip);
            prop_assert_eq!(link::decode_slip(&text), Ok(slip));
            prop_assert!(ical::pledge_calendar(&l, &p.id, p.created_at, Language::Vi).is_ok());
        }
    }
}

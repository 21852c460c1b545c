//! The stored encoding of donors and pledges: JSON arrays in a fixed order, short codes for
//! enums, timestamps in base 36, and a pledge's place and day taken from its shard's key rather
//! than repeated in every row. About 200 UTF-16 code units per pledge with its donor, so 20,000
//! of them fit the 5 Mi quota with room to spare. Decoding re-validates every field.

use super::json::{self, Error, FromJson, Reader, ToJson};

use crate::domain::{
    BloodGroup, Category, CitizenId, Date, Deferral, Donation, DonationType, Donor, DonorId, Phone,
    Place, Pledge, PledgeId, PledgeStatus, Sex, SlotRef, TimeOfDay, Timestamp, UnitId, Units,
    Weight,
};

/// A timestamp written in base 36 (`"lq3k2x1c"`), a third shorter than decimal milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp(i64);

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

fn base36(n: i64) -> String {
    if n == 0 {
        return "0".to_owned();
    }
    let mut out = Vec::new();
    let mut v = n.unsigned_abs();
    while v > 0 {
        out.push(DIGITS[(v % 36) as usize]);
        v /= 36;
    }
    if n < 0 {
        out.push(b'-');
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn parse_base36(s: &str) -> Option<i64> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    if digits.is_empty() || digits.len() > 13 {
        return None;
    }
    let v = i64::from_str_radix(digits, 36).ok()?;
    Some(if neg { -v } else { v })
}

impl ToJson for Stamp {
    fn write_json(&self, out: &mut String) {
        json::write_str(out, &base36(self.0));
    }
}

impl FromJson for Stamp {
    fn read_json(r: &mut Reader<'_>) -> Result<Stamp, Error> {
        parse_base36(&r.string()?)
            .map(Stamp)
            .ok_or(Error::shape("bad timestamp"))
    }
}

fn code<T: Copy + PartialEq>(all: &[T], value: T) -> u8 {
    all.iter().position(|v| *v == value).unwrap_or(0) as u8
}

fn from_code<T: Copy>(all: &[T], c: u8) -> Result<T, String> {
    all.get(usize::from(c))
        .copied()
        .ok_or_else(|| format!("unknown code {c}"))
}

const SEXES: [Sex; 2] = [Sex::Female, Sex::Male];

fn group_code(g: Option<BloodGroup>) -> u8 {
    g.map_or(0, |g| code(&BloodGroup::ALL, g) + 1)
}

fn group_from(c: u8) -> Result<Option<BloodGroup>, String> {
    match c {
        0 => Ok(None),
        n => from_code(&BloodGroup::ALL, n - 1).map(Some),
    }
}

/// A donor as stored: id, name, sex, birth date, weight (hg), phone, citizen id, blood group
/// (0 unknown, 1-8 O+ to AB-, 9-12 O to AB with the Rh factor unknown), category, unit,
/// history `[date, kind, ml]`, updated.
struct DonorRow(
    DonorId,
    String,
    u8,
    Date,
    u16,
    Phone,
    Option<CitizenId>,
    u8,
    u8,
    Option<UnitId>,
    Vec<(Date, u8, u16)>,
    Stamp,
);

/// A pledge as stored, its place and day being its shard's: id, donor, slot start, donation
/// kind, volume, status, walk-in (0/1), created, updated.
struct PledgeRow(
    PledgeId,
    DonorId,
    TimeOfDay,
    u8,
    u16,
    String,
    u8,
    Stamp,
    Stamp,
);

/// Rows are JSON arrays of their fields, in order.
macro_rules! row {
    ($t:ident: $first:tt $(, $i:tt)*) => {
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                out.push('[');
                self.$first.write_json(out);
                $(
                    out.push(',');
                    self.$i.write_json(out);
                )*
                out.push(']');
            }
        }

        impl FromJson for $t {
            fn read_json(r: &mut Reader<'_>) -> Result<$t, Error> {
                r.array(|items| {
                    Ok($t(items.take()?, $({
                        let _ = $i;
                        items.take()?
                    }),*))
                })
            }
        }
    };
}

row!(DonorRow: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
row!(PledgeRow: 0, 1, 2, 3, 4, 5, 6, 7, 8);

/// A pledge status as one string: `P`, `C|at`, `D|at|ml|milli-units`, `F|at|until|reason`,
/// `N|at`, `X|at|reason` (the free text last, so it may hold any character).
fn status_text(s: &PledgeStatus) -> String {
    match s {
        PledgeStatus::Pledged => "P".to_owned(),
        PledgeStatus::CheckedIn { at } => format!("C|{}", base36(at.0)),
        PledgeStatus::Donated {
            volume_ml,
            units,
            at,
        } => format!("D|{}|{volume_ml}|{}", base36(at.0), units.milli()),
        PledgeStatus::Deferred { deferral, at } => {
            format!("F|{}|{}|{}", base36(at.0), deferral.until, deferral.reason)
        }
        PledgeStatus::NoShow { at } => format!("N|{}", base36(at.0)),
        PledgeStatus::Cancelled { reason, at } => format!("X|{}|{reason}", base36(at.0)),
    }
}

fn parse_status(text: &str) -> Result<PledgeStatus, String> {
    let bad = || format!("bad status {}", text.chars().take(40).collect::<String>());
    let (tag, rest) = text.split_once('|').unwrap_or((text, ""));
    let at = |s: &str| parse_base36(s).map(Timestamp).ok_or_else(bad);
    Ok(match tag {
        "P" if rest.is_empty() => PledgeStatus::Pledged,
        "C" => PledgeStatus::CheckedIn { at: at(rest)? },
        "N" => PledgeStatus::NoShow { at: at(rest)? },
        "D" => {
            let mut parts = rest.splitn(3, '|');
            let stamp = at(parts.next().ok_or_else(bad)?)?;
            let volume_ml = parts
                .next()
                .and_then(|v| v.parse::<u16>().ok())
                .filter(|v| (1..=1000).contains(v))
                .ok_or_else(bad)?;
            let milli = parts
                .next()
                .and_then(|v| v.parse::<i64>().ok())
                .filter(|m| (0..=Units::MAX_DONATION_MILLI).contains(m))
                .ok_or_else(bad)?;
            PledgeStatus::Donated {
                volume_ml,
                units: Units::from_milli(milli),
                at: stamp,
            }
        }
        "F" => {
            let mut parts = rest.splitn(3, '|');
            let stamp = at(parts.next().ok_or_else(bad)?)?;
            let until: Date = parts.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
            let reason = parts.next().ok_or_else(bad)?.to_owned();
            PledgeStatus::Deferred {
                deferral: Deferral { reason, until },
                at: stamp,
            }
        }
        "X" => {
            let (stamp, reason) = rest.split_once('|').ok_or_else(bad)?;
            PledgeStatus::Cancelled {
                reason: reason.to_owned(),
                at: at(stamp)?,
            }
        }
        _ => return Err(bad()),
    })
}

/// The schema version this build writes into every stored value.
pub const SCHEMA: u32 = 2;

/// Why a stored value could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Written by a newer version of the app (this schema version); never overwrite it.
    Newer(u32),
    /// Not readable: truncated, garbled or invalid; the detail says where.
    Invalid(String),
}

/// Wraps `rows` as `{"v":SCHEMA,"r":rows}`.
pub fn wrap<T: ToJson + ?Sized>(rows: &T) -> String {
    let mut out = String::new();
    json::ObjectWriter::new(&mut out)
        .field("v", &SCHEMA)
        .field("r", rows)
        .end();
    out
}

/// Opens a value written by [`wrap`]: its rows, or why not (a newer schema is told apart
/// from garbage, so newer data is never treated as corrupt).
pub fn unwrap<T: FromJson>(text: &str) -> Result<T, DecodeError> {
    let invalid = |e: Error| DecodeError::Invalid(e.to_string());
    // The version is read first and may stop the reading: its verdict is kept here.
    let mut version = Ok(());
    let mut r = Reader::new(text).map_err(invalid)?;
    let read = r.object(|f| {
        let v: u32 = f.take("v")?;
        if v != SCHEMA {
            version = Err(if v > SCHEMA {
                DecodeError::Newer(v)
            } else {
                DecodeError::Invalid(format!("old schema {v} left unmigrated"))
            });
            return Err(Error::shape("another schema"));
        }
        f.take("r")
    });
    version?;
    let rows = read.map_err(invalid)?;
    r.finish().map_err(invalid)?;
    Ok(rows)
}

/// Encodes donors as a JSON array of rows.
pub fn encode_donors<'a>(donors: impl IntoIterator<Item = &'a Donor>) -> String {
    let rows: Vec<DonorRow> = donors
        .into_iter()
        .map(|d| {
            DonorRow(
                d.id.clone(),
                d.full_name.clone(),
                code(&SEXES, d.sex),
                d.birth_date,
                d.weight.hg(),
                d.phone.clone(),
                d.citizen_id.clone(),
                group_code(d.blood_group),
                code(&Category::ALL, d.category),
                d.unit.clone(),
                d.history
                    .iter()
                    .map(|h| (h.date, code(&DonationType::ALL, h.kind), h.volume_ml))
                    .collect(),
                Stamp(d.updated_at.0),
            )
        })
        .collect();
    wrap(&rows)
}

/// Decodes a value written by [`encode_donors`], validating every field.
pub fn decode_donors(text: &str) -> Result<Vec<Donor>, DecodeError> {
    let rows: Vec<DonorRow> = unwrap(text)?;
    rows.into_iter()
        .map(|r| {
            let name_len = r.1.chars().count();
            if !(2..=100).contains(&name_len) {
                return Err("bad name".to_owned());
            }
            Ok(Donor {
                id: r.0,
                full_name: r.1,
                sex: from_code(&SEXES, r.2)?,
                birth_date: r.3,
                weight: Weight::from_hg(r.4).ok_or("bad weight")?,
                phone: r.5,
                citizen_id: r.6,
                blood_group: group_from(r.7)?,
                category: from_code(&Category::ALL, r.8)?,
                unit: r.9,
                history: r
                    .10
                    .into_iter()
                    .map(|(date, kind, volume_ml)| {
                        Ok(Donation {
                            date,
                            kind: from_code(&DonationType::ALL, kind)?,
                            volume_ml,
                        })
                    })
                    .collect::<Result<_, String>>()?,
                updated_at: Timestamp(r.11.0),
            })
        })
        .collect::<Result<_, String>>()
        .map_err(DecodeError::Invalid)
}

/// Encodes pledges of one place and day as a JSON array of rows (their place and day are the
/// shard's and are not repeated).
pub fn encode_pledges<'a>(pledges: impl IntoIterator<Item = &'a Pledge>) -> String {
    let rows: Vec<PledgeRow> = pledges
        .into_iter()
        .map(|p| {
            PledgeRow(
                p.id.clone(),
                p.donor.clone(),
                p.slot.start,
                code(&DonationType::ALL, p.donation),
                p.volume_ml,
                status_text(&p.status),
                u8::from(p.walk_in),
                Stamp(p.created_at.0),
                Stamp(p.updated_at.0),
            )
        })
        .collect();
    wrap(&rows)
}

/// Decodes a value written by [`encode_pledges`] for the shard of `place` on `date`.
pub fn decode_pledges(text: &str, place: &Place, date: Date) -> Result<Vec<Pledge>, DecodeError> {
    let rows: Vec<PledgeRow> = unwrap(text)?;
    rows.into_iter()
        .map(|r| {
            if !(1..=1000).contains(&r.4) || r.6 > 1 {
                return Err("bad pledge row".to_owned());
            }
            Ok(Pledge {
                id: r.0,
                donor: r.1,
                slot: SlotRef {
                    place: place.clone(),
                    date,
                    start: r.2,
                },
                donation: from_code(&DonationType::ALL, r.3)?,
                volume_ml: r.4,
                status: parse_status(&r.5)?,
                walk_in: r.6 == 1,
                created_at: Timestamp(r.7.0),
                updated_at: Timestamp(r.8.0),
            })
        })
        .collect::<Result<_, String>>()
        .map_err(DecodeError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::generate::{GenerateOptions, generate};

    #[test]
    fn timestamps_round_trip_in_base_36() {
        for n in [0, 1, 35, 36, 1_700_000_000_000, -5, i64::MAX] {
            assert_eq!(parse_base36(&base36(n)), Some(n), "{n}");
        }
        assert_eq!(parse_base36(""), None);
        assert_eq!(parse_base36("zzzzzzzzzzzzzz"), None);
        assert_eq!(parse_base36("1.5"), None);
    }

    #[test]
    fn every_status_round_trips_including_reasons_with_separators() {
        let until: Date = "2023-07-24".parse().unwrap();
        for s in [
            PledgeStatus::Pledged,
            PledgeStatus::CheckedIn { at: Timestamp(9) },
            PledgeStatus::Donated {
                volume_ml: 350,
                units: Units::from_milli(1400),
                at: Timestamp(10),
            },
            PledgeStatus::Deferred {
                deferral: Deferral {
                    reason: "Hb thấp | huyết áp 90/60".into(),
                    until,
                },
                at: Timestamp(11),
            },
            PledgeStatus::NoShow { at: Timestamp(12) },
            PledgeStatus::Cancelled {
                reason: "bận | \"đi công tác\"".into(),
                at: Timestamp(13),
            },
        ] {
            assert_eq!(parse_status(&status_text(&s)), Ok(s.clone()));
        }
        for bad in [
            "",
            "P|x",
            "D|1|0|5",
            "D|1|350|-1",
            "Q|1",
            "F|1|2023-02-30|x",
            "C|",
        ] {
            assert!(parse_status(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn generated_donors_and_pledges_round_trip_and_stay_compact() {
        let today = "2024-06-01".parse().unwrap();
        let ledger = generate(&GenerateOptions::new(7, 500, today));
        let donors: Vec<&Donor> = ledger.donors().collect();
        let back = decode_donors(&encode_donors(donors.iter().copied())).unwrap();
        assert_eq!(back.iter().collect::<Vec<_>>(), donors);

        let mut chars = 0;
        let mut shards = std::collections::BTreeMap::<(Place, Date), Vec<&Pledge>>::new();
        for p in ledger.pledges() {
            shards
                .entry((p.slot.place.clone(), p.slot.date))
                .or_default()
                .push(p);
        }
        for ((place, date), pledges) in &shards {
            let text = encode_pledges(pledges.iter().copied());
            chars += text.encode_utf16().count();
            let back = decode_pledges(&text, place, *date).unwrap();
            assert_eq!(back.iter().collect::<Vec<_>>(), *pledges);
        }
        let donor_chars = encode_donors(donors.iter().copied()).encode_utf16().count();
        let per_record = (chars + donor_chars) / ledger.pledges().count();
        assert!(
            per_record < 230,
            "{per_record} UTF-16 units per pledge with its donor"
        );
    }

    #[test]
    fn stored_rows_read_and_write_back_to_the_same_bytes() {
        let donors = r#"{"v":2,"r":[["d1","Lê \"Văn\" A\n",1,"1990-01-01",600,"0912345678","001090012345",1,0,"u1",[["2023-04-24",0,350]],"lq3k2x1c"]]}"#;
        assert_eq!(encode_donors(&decode_donors(donors).unwrap()), donors);
        let pledges = r#"{"v":2,"r":[["p1","d1","07:30",0,350,"X|lq3k2x1c|bận \"việc\"",1,"lq3k2x1c","-z"]]}"#;
        let place = Place::Fixed {
            site: crate::domain::SiteId::new("s1").unwrap(),
        };
        let date = "2023-04-24".parse().unwrap();
        let back = decode_pledges(pledges, &place, date).unwrap();
        assert_eq!(encode_pledges(&back), pledges);
    }

    #[test]
    fn stored_blood_groups_read_as_before_and_an_unknown_rh_has_codes_of_its_own() {
        // Issue 20: a group whose Rh factor is unknown ("O") is stored with new codes 9-12,
        // while the codes written before it (0 unknown, 1-8 O+ to AB-) keep their meaning.
        let row = |code: u8| {
            format!(
                r#"{{"v":2,"r":[["d1","Lê Văn A",1,"1990-01-01",600,"0912345678",null,{code},0,null,[],"1"]]}}"#
            )
        };
        let read = |code: u8| {
            decode_donors(&row(code)).unwrap()[0]
                .blood_group
                .map_or("unknown".to_owned(), |g| g.to_string())
        };
        let names: Vec<String> = (0..=12).map(read).collect();
        assert_eq!(
            names,
            [
                "unknown", "O+", "O-", "A+", "A-", "B+", "B-", "AB+", "AB-", "O", "A", "B", "AB"
            ]
        );
        for code in 0..=12 {
            assert_eq!(
                encode_donors(&decode_donors(&row(code)).unwrap()),
                row(code)
            );
        }
    }

    #[test]
    fn rows_with_impossible_values_are_refused() {
        let good = r#"{"v":2,"r":[["d1","Lê Văn A",1,"1990-01-01",600,"0912345678",null,1,0,null,[],"1"]]}"#;
        assert!(decode_donors(good).is_ok());
        for bad in [
            good.replace("600", "10"),
            good.replace("0912345678", "12345"),
            good.replace(",1,0,null", ",13,0,null"),
            good.replace("1990-01-01", "1990-02-30"),
            good.replace("Lê Văn A", "L"),
            r#"{"v":2,"r":[["d1"]]}"#.to_owned(),
            "{}".to_owned(),
            good[..good.len() - 5].to_owned(),
        ] {
            assert!(
                matches!(decode_donors(&bad), Err(DecodeError::Invalid(_))),
                "{bad}"
            );
        }
        let newer = good.replace(r#"{"v":2"#, r#"{"v":3"#);
        assert_eq!(
            decode_donors(&newer).map(|_| ()),
            Err(DecodeError::Newer(3))
        );
        let newer_other_shape = r#"{"v":7,"rows":{"x":1}}"#;
        assert_eq!(
            decode_donors(newer_other_shape).map(|_| ()),
            Err(DecodeError::Newer(7))
        );
    }
}

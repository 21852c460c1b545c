//! The JSON of domain records in stored values, written by hand in exactly the shape serde's
//! derives gave them (so data and backups written before still read): ids, dates, times and
//! phone numbers as strings, structs as objects with their fields in declaration order, unit
//! enum variants as their names, `SiteKind::FixedPoint` as `{"FixedPoint":{...}}`. Reading
//! checks what the domain's constructors check for scalars; whole records are checked by
//! [`Setup::validate`](crate::domain::Setup::validate) afterwards.

use std::borrow::Cow;

use crate::domain::{
    Campaign, CampaignId, CitizenId, Date, DonorId, Drive, DriveId, DriveSite, DriveStatus,
    Interval, Phone, PledgeId, Removed, Setup, Site, SiteId, SiteKind, SlotSpec, TimeOfDay,
    Timestamp, Unit, UnitId, UnitKind, Units, Weekday, WeeklyHours,
};

use super::json::{Error, FromJson, ObjectWriter, Reader, ToJson, json_object};

/// Types written as a string of their text and read by a fallible parse of it.
macro_rules! as_string {
    ($($t:ty => $parse:expr, $text:expr;)*) => {$(
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                let text: &dyn Fn(&$t) -> String = &$text;
                super::json::write_str(out, &text(self));
            }
        }

        impl FromJson for $t {
            fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
                let s = r.string()?;
                let parse: &dyn Fn(Cow<'_, str>) -> Option<$t> = &$parse;
                parse(s).ok_or(Error::shape(concat!("bad ", stringify!($t))))
            }
        }
    )*};
}

as_string! {
    CampaignId => |s| CampaignId::new(s.into_owned()).ok(), |v| v.as_str().to_owned();
    SiteId => |s| SiteId::new(s.into_owned()).ok(), |v| v.as_str().to_owned();
    UnitId => |s| UnitId::new(s.into_owned()).ok(), |v| v.as_str().to_owned();
    DriveId => |s| DriveId::new(s.into_owned()).ok(), |v| v.as_str().to_owned();
    DonorId => |s| DonorId::new(s.into_owned()).ok(), |v| v.as_str().to_owned();
    PledgeId => |s| PledgeId::new(s.into_owned()).ok(), |v| v.as_str().to_owned();
    Phone => |s| Phone::try_from(s.into_owned()).ok(), |v| v.as_str().to_owned();
    CitizenId => |s| CitizenId::try_from(s.into_owned()).ok(), |v| v.as_str().to_owned();
    Date => |s| s.parse().ok(), |v| v.to_string();
    TimeOfDay => |s| s.parse().ok(), |v| v.to_string();
}

impl ToJson for Units {
    fn write_json(&self, out: &mut String) {
        self.milli().write_json(out);
    }
}

impl FromJson for Units {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.integer().map(Units::from_milli)
    }
}

/// Unit-only enums, written as their variant's name.
macro_rules! by_name {
    ($($t:ident { $($v:ident),* })*) => {$(
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                super::json::write_str(out, match self { $($t::$v => stringify!($v)),* });
            }
        }

        impl FromJson for $t {
            fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
                match &*r.string()? {
                    $(stringify!($v) => Ok($t::$v),)*
                    _ => Err(Error::shape(concat!("unknown ", stringify!($t)))),
                }
            }
        }
    )*};
}

by_name! {
    UnitKind { PublicHospital, SpecialtyCenter, DistrictMedicalCenter, Other }
    DriveStatus { Planned, Open, Closed, Cancelled }
}

/// A record's version, as a number; a record stored before versions existed has none and
/// reads as version 0 (older than every edit).
impl ToJson for Timestamp {
    fn write_json(&self, out: &mut String) {
        self.0.write_json(out);
    }
}

impl FromJson for Timestamp {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        i64::read_json(r).map(Timestamp)
    }

    fn missing() -> Option<Self> {
        Some(Timestamp(0))
    }
}

/// The tombstones of a stored set-up (none when absent: a set-up stored before deletions
/// travelled), each checked.
fn tombstones(texts: Option<Vec<String>>) -> Result<Vec<Removed>, Error> {
    let mut out = Vec::new();
    for t in texts.unwrap_or_default() {
        out.push(Removed::from_text(&t).ok_or(Error::shape("bad tombstone"))?);
    }
    Ok(out)
}

/// The set-up; `removed` (the tombstones) is absent from set-ups stored before deletions
/// travelled, and reads as none.
impl ToJson for Setup {
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("campaigns", &self.campaigns)
            .field("sites", &self.sites)
            .field("units", &self.units)
            .field("drives", &self.drives)
            .field(
                "removed",
                &self
                    .removed
                    .iter()
                    .map(Removed::to_text)
                    .collect::<Vec<String>>(),
            )
            .end();
    }
}

impl FromJson for Setup {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.object(|f| {
            Ok(Setup {
                campaigns: f.take("campaigns")?,
                sites: f.take("sites")?,
                units: f.take("units")?,
                drives: f.take("drives")?,
                removed: tombstones(f.take("removed")?)?,
            })
        })
    }
}

json_object! {
    Campaign { id, year, name, baseline, growth_bp, slogans, partner, ml_per_unit, notes, version }
    Site { id, name, address, district, kind, version }
    Interval { start, end }
    Unit { id, name, kind, quota, version }
    Drive { id, campaign, name, start, end, sites, status, version }
    DriveSite { site, template, overrides }
    SlotSpec { start, end, capacity }
}

/// `{"days":[[...],...]}`: seven lists of intervals, Monday first.
impl ToJson for WeeklyHours {
    fn write_json(&self, out: &mut String) {
        let days: Vec<&[Interval]> = Weekday::ALL.iter().map(|d| self.on(*d)).collect();
        ObjectWriter::new(out).field("days", &days).end();
    }
}

impl FromJson for WeeklyHours {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let days: Vec<Vec<Interval>> = r.object(|f| f.take("days"))?;
        if days.len() != Weekday::ALL.len() {
            return Err(Error::shape("expected seven days of hours"));
        }
        let entries = Weekday::ALL
            .iter()
            .zip(days)
            .flat_map(|(day, list)| list.into_iter().map(move |i| (*day, i)));
        WeeklyHours::new(entries).map_err(|_| Error::shape("overlapping hours"))
    }
}

impl ToJson for SiteKind {
    fn write_json(&self, out: &mut String) {
        match self {
            SiteKind::FixedPoint {
                hours,
                slot_minutes,
                capacity_per_slot,
            } => {
                out.push_str("{\"FixedPoint\":");
                ObjectWriter::new(out)
                    .field("hours", hours)
                    .field("slot_minutes", slot_minutes)
                    .field("capacity_per_slot", capacity_per_slot)
                    .end();
                out.push('}');
            }
            SiteKind::Venue => out.push_str("\"Venue\""),
        }
    }
}

impl FromJson for SiteKind {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let unknown = || Error::shape("unknown SiteKind");
        if r.next_byte() == Some(b'"') {
            return match &*r.string()? {
                "Venue" => Ok(SiteKind::Venue),
                _ => Err(unknown()),
            };
        }
        r.object(|f| {
            let name: String = f.next_key()?.ok_or_else(unknown)?;
            let kind = match name.as_str() {
                "Venue" if f.reader().null()? => SiteKind::Venue,
                "FixedPoint" => f.reader().object(|f| {
                    Ok(SiteKind::FixedPoint {
                        hours: f.take("hours")?,
                        slot_minutes: f.take("slot_minutes")?,
                        capacity_per_slot: f.take("capacity_per_slot")?,
                    })
                })?,
                _ => return Err(unknown()),
            };
            match f.next_key::<String>()? {
                None => Ok(kind),
                Some(_) => Err(unknown()),
            }
        })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::sample::sample_ledger;
    use crate::storage::json;

    #[test]
    fn the_sample_set_up_is_written_byte_for_byte_as_serde_json_writes_it() {
        let ledger = sample_ledger();
        let setup = ledger.setup();
        let ours = json::to_string(setup);
        assert_eq!(ours, serde_json::to_string(setup).unwrap());
        assert!(ours.contains("FixedPoint") && ours.contains("Venue"));
    }

    #[test]
    fn serde_json_output_of_the_sample_set_up_reads_back_the_same() {
        let ledger = sample_ledger();
        let setup = ledger.setup();
        let text = serde_json::to_string(setup).unwrap();
        assert_eq!(json::from_str::<Setup>(&text).as_ref(), Ok(setup));
        let pretty = serde_json::to_string_pretty(setup).unwrap();
        assert_eq!(json::from_str::<Setup>(&pretty).as_ref(), Ok(setup));
    }

    #[test]
    fn a_setup_with_a_bad_id_time_or_kind_is_refused() {
        let text = json::to_string(sample_ledger().setup());
        for (from, to) in [
            ("\"start\":\"", "\"start\":\"25:"),
            ("\"kind\":\"", "\"kind\":\"X"),
            ("\"id\":\"", "\"id\":\"not ok "),
            ("\"days\":[", "\"days\":[[],"),
        ] {
            let bad = text.replacen(from, to, 1);
            assert!(json::from_str::<Setup>(&bad).is_err(), "{from} -> {to}");
        }
    }
}

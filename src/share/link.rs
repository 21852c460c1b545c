//! Drives and pledge slips packed into a URL fragment, so they travel by link, QR code or chat
//! message with no server: an organizer publishes a drive (`#d1.…`), a volunteer keeps or sends
//! back a pledge slip (`#p1.…`).
//!
//! The payload is a compact binary record (below), sealed by [`envelope`]:
//! deflated, checksummed with CRC-32, in base64url behind its version tag. Decoding checks the
//! envelope, reads the record to its last byte (nothing missing, nothing left over), and then
//! builds every value again through the domain's own constructors ([`Campaign::new`],
//! [`Drive::new`], [`DriveSite::new`], [`Site::new`], [`Phone::parse`], ...), so a decoded
//! value obeys the same rules as one typed in. Nothing panics, whatever the text.
//!
//! # Record layout, version 1
//!
//! Integers are LEB128 varints (signed ones zigzag-encoded), text is a varint length and UTF-8
//! bytes, a date is a signed count of days since 1970-01-01, a time of day is minutes since
//! midnight, a slot is its start, its length in minutes and its capacity.
//!
//! - Drive (`d1`): campaign id, year, name, slogans; drive id, name, first day, number of extra
//!   days, status; then each site of the drive in order: the site (id, name, address,
//!   district, kind with a fixed point's weekly hours), its day template and its overrides
//!   (day offset from the first day, increasing, and that day's slots).
//! - Slip (`p1`): pledge id, donor id, place, day, slot start, donation type, volume, status
//!   with its fields, walk-in, created and updated stamps; then the donor's name, phone,
//!   citizen id, birth date, sex, weight, blood group, category, unit id and updated stamp.

use std::collections::BTreeMap;
use std::fmt;

use crate::domain::{
    BloodGroup, Campaign, CampaignDraft, CampaignId, Category, CitizenId, Date, Deferral,
    DomainError, DonationType, Donor, DonorDraft, DonorId, Drive, DriveDraft, DriveId, DriveSite,
    DriveStatus, Interval, Ledger, Phone, Place, Pledge, PledgeId, PledgeStatus, Sex, Site, SiteId,
    SiteKind, SlotRef, SlotSpec, TimeOfDay, Timestamp, UnitId, Units, Weekday, WeeklyHours, Weight,
};

use super::envelope::{self, EnvelopeError};
use crate::domain::limits::Limit;

/// The tag of a drive link, format version 1.
pub const DRIVE_TAG: &str = "d1";

/// The tag of a pledge slip, format version 1.
pub const SLIP_TAG: &str = "p1";

/// Why a drive link or slip could not be read. One variant per cause, in the order they are
/// checked; the first seven are the envelope's ([`EnvelopeError`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// Nothing was given.
    Empty,
    /// Not one of our links, or a link of another kind (a slip where a drive was expected); the
    /// tag found.
    BadPrefix(String),
    /// A link of a newer version than this app reads; the tag found.
    UnknownVersion(String),
    /// Too long, or inflating to more than 256 KiB.
    TooLarge,
    /// Not base64url.
    BadBase64,
    /// Cut short, mistyped or tampered with: the checksum does not match.
    BadChecksum,
    /// The checksum matched but the data does not inflate.
    Inflate,
    /// The bytes are not a record of this version: truncated, an unknown code, trailing bytes,
    /// a number out of range. Names what was being read.
    Malformed(&'static str),
    /// The record reads but a value breaks a domain rule (an empty name, slots that overlap, an
    /// impossible phone number...).
    Invalid(DomainError),
}

impl fmt::Display for LinkError {
    /// A developer-facing account; the UI shows translated messages instead.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for LinkError {}

impl From<EnvelopeError> for LinkError {
    fn from(e: EnvelopeError) -> LinkError {
        match e {
            EnvelopeError::Empty => LinkError::Empty,
            EnvelopeError::BadPrefix(t) => LinkError::BadPrefix(t),
            EnvelopeError::UnknownVersion(t) => LinkError::UnknownVersion(t),
            EnvelopeError::TooLarge => LinkError::TooLarge,
            EnvelopeError::BadBase64 => LinkError::BadBase64,
            EnvelopeError::BadChecksum => LinkError::BadChecksum,
            EnvelopeError::Inflate => LinkError::Inflate,
        }
    }
}

impl From<DomainError> for LinkError {
    fn from(e: DomainError) -> LinkError {
        LinkError::Invalid(e)
    }
}

// ----- what travels -----

/// What a volunteer needs to know of a drive's campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignInfo {
    /// The campaign's id.
    pub id: CampaignId,
    /// Its year.
    pub year: i32,
    /// Its name.
    pub name: String,
    /// Its slogans.
    pub slogans: Vec<String>,
}

/// A drive as published by link: its campaign's card, the drive and its sites (in the drive's
/// order, one per [`Drive::sites`] entry). A link carries no record versions (links made
/// before versions existed read the same): its drive and sites are at version 0, and the
/// device keeping them versions them by its own clock ([`super::incoming::keep_drive`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedDrive {
    /// The campaign it belongs to.
    pub campaign: CampaignInfo,
    /// The drive, with its status.
    pub drive: Drive,
    /// Its sites, in the order of `drive.sites`.
    pub sites: Vec<Site>,
}

impl SharedDrive {
    /// The drive of `campaign` with its sites taken from `sites` (which may hold others).
    /// Refuses a drive of another campaign, or one whose site is not in `sites`.
    pub fn new<'a>(
        campaign: &Campaign,
        drive: &Drive,
        sites: impl IntoIterator<Item = &'a Site>,
    ) -> Result<SharedDrive, DomainError> {
        if drive.campaign != campaign.id {
            return Err(DomainError::UnknownCampaign(drive.campaign.clone()));
        }
        let all: Vec<&Site> = sites.into_iter().collect();
        let sites = drive
            .sites
            .iter()
            .map(|ds| {
                all.iter()
                    .find(|s| s.id == ds.site)
                    .map(|s| Site {
                        version: Timestamp(0),
                        ..(*s).clone()
                    })
                    .ok_or_else(|| DomainError::UnknownSite(ds.site.clone()))
            })
            .collect::<Result<Vec<Site>, DomainError>>()?;
        Ok(SharedDrive {
            campaign: CampaignInfo {
                id: campaign.id.clone(),
                year: campaign.year,
                name: campaign.name.clone(),
                slogans: campaign.slogans.clone(),
            },
            drive: Drive {
                version: Timestamp(0),
                ..drive.clone()
            },
            sites,
        })
    }

    /// A drive of the ledger with its campaign and sites.
    pub fn from_ledger(ledger: &Ledger, drive: &DriveId) -> Result<SharedDrive, DomainError> {
        let d = ledger
            .drive(drive)
            .ok_or_else(|| DomainError::UnknownDrive(drive.clone()))?;
        let campaign = ledger
            .campaign(&d.campaign)
            .ok_or_else(|| DomainError::UnknownCampaign(d.campaign.clone()))?;
        SharedDrive::new(campaign, d, ledger.sites())
    }
}

/// A pledge slip: the pledge and what the organizer needs of its donor to register them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PledgeSlip {
    /// The pledge; `pledge.donor` is the donor's id.
    pub pledge: Pledge,
    /// The donor's details, as a draft the organizer's ledger checks again on merge.
    pub donor: DonorDraft,
    /// When the donor's record last changed (merge keeps the later record).
    pub donor_updated_at: Timestamp,
}

impl PledgeSlip {
    /// The slip of `pledge` by `donor`; refuses a donor who is not the pledge's.
    pub fn new(pledge: &Pledge, donor: &Donor) -> Result<PledgeSlip, DomainError> {
        if pledge.donor != donor.id {
            return Err(DomainError::UnknownDonor(pledge.donor.clone()));
        }
        Ok(PledgeSlip {
            pledge: pledge.clone(),
            donor: DonorDraft {
                full_name: donor.full_name.clone(),
                sex: donor.sex,
                birth_date: donor.birth_date,
                weight: donor.weight,
                phone: donor.phone.clone(),
                citizen_id: donor.citizen_id.clone(),
                blood_group: donor.blood_group,
                category: donor.category,
                unit: donor.unit.clone(),
            },
            donor_updated_at: donor.updated_at,
        })
    }

    /// The slip of a pledge of the ledger.
    pub fn from_ledger(ledger: &Ledger, pledge: &PledgeId) -> Result<PledgeSlip, DomainError> {
        let p = ledger
            .pledge_by_id(pledge)
            .ok_or_else(|| DomainError::UnknownPledge(pledge.clone()))?;
        let donor = ledger
            .donor(&p.donor)
            .ok_or_else(|| DomainError::UnknownDonor(p.donor.clone()))?;
        PledgeSlip::new(p, donor)
    }

    /// The slip's short code for people to read out ([`human_code`]).
    pub fn code(&self) -> String {
        human_code(&self.pledge.id)
    }
}

/// The letters of a [`human_code`]: digits and capitals without 0, 1, I and O, which people
/// confuse.
pub const CODE_ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// A short code of 8 characters for a pledge, to read out at the desk or over the phone: 40
/// bits of a hash (FNV-1a) of the pledge id, in [`CODE_ALPHABET`]. Always the same for the same
/// id; two different pledges share one with odds of about one in a trillion.
pub fn human_code(pledge: &PledgeId) -> String {
    let mut hash: u64 = 0xCBF2_9CE4_8422_2325;
    for b in pledge.as_str().bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01B3);
    }
    (0..8)
        .map(|i| char::from(CODE_ALPHABET[((hash >> (5 * i)) & 31) as usize]))
        .collect()
}

// ----- encoding -----

/// The link payload of a drive: `d1.` and base64url text, for a URL's fragment.
pub fn encode_drive(shared: &SharedDrive) -> String {
    let mut w = Out::default();
    let c = &shared.campaign;
    w.str(c.id.as_str());
    w.signed(i64::from(c.year));
    w.str(&c.name);
    w.count(c.slogans.len());
    for s in &c.slogans {
        w.str(s);
    }
    let d = &shared.drive;
    w.str(d.id.as_str());
    w.str(&d.name);
    w.date(d.start);
    w.unsigned(d.end.days_since(d.start).unsigned_abs());
    w.u8(match d.status {
        DriveStatus::Planned => 0,
        DriveStatus::Open => 1,
        DriveStatus::Closed => 2,
        DriveStatus::Cancelled => 3,
    });
    w.count(d.sites.len());
    for (ds, site) in d.sites.iter().zip(&shared.sites) {
        w.site(site);
        w.slots(&ds.template);
        w.count(ds.overrides.len());
        for (day, slots) in &ds.overrides {
            w.unsigned(day.days_since(d.start).unsigned_abs());
            w.slots(slots);
        }
    }
    envelope::seal(DRIVE_TAG, &w.0)
}

/// The link payload of a pledge slip: `p1.` and base64url text.
pub fn encode_slip(slip: &PledgeSlip) -> String {
    let mut w = Out::default();
    let p = &slip.pledge;
    w.str(p.id.as_str());
    w.str(p.donor.as_str());
    match &p.slot.place {
        Place::Drive { drive, site } => {
            w.u8(0);
            w.str(drive.as_str());
            w.str(site.as_str());
        }
        Place::Fixed { site } => {
            w.u8(1);
            w.str(site.as_str());
        }
    }
    w.date(p.slot.date);
    w.time(p.slot.start);
    w.u8(donation_code(p.donation));
    w.unsigned(u64::from(p.volume_ml));
    match &p.status {
        PledgeStatus::Pledged => w.u8(0),
        PledgeStatus::CheckedIn { at } => {
            w.u8(1);
            w.stamp(*at);
        }
        PledgeStatus::Donated {
            volume_ml,
            units,
            at,
        } => {
            w.u8(2);
            w.unsigned(u64::from(*volume_ml));
            w.signed(units.milli());
            w.stamp(*at);
        }
        PledgeStatus::Deferred { deferral, at } => {
            w.u8(3);
            w.str(&deferral.reason);
            w.date(deferral.until);
            w.stamp(*at);
        }
        PledgeStatus::NoShow { at } => {
            w.u8(4);
            w.stamp(*at);
        }
        PledgeStatus::Cancelled { reason, at } => {
            w.u8(5);
            w.str(reason);
            w.stamp(*at);
        }
    }
    w.u8(u8::from(p.walk_in));
    w.stamp(p.created_at);
    w.stamp(p.updated_at);
    let d = &slip.donor;
    w.str(&d.full_name);
    w.str(d.phone.as_str());
    w.opt_str(d.citizen_id.as_ref().map(CitizenId::as_str));
    w.date(d.birth_date);
    w.u8(match d.sex {
        Sex::Female => 0,
        Sex::Male => 1,
    });
    w.unsigned(u64::from(d.weight.hg()));
    w.u8(d
        .blood_group
        .and_then(|g| BloodGroup::ALL.iter().position(|x| *x == g))
        .map_or(0, |i| i as u8 + 1));
    w.u8(category_code(d.category));
    w.opt_str(d.unit.as_ref().map(UnitId::as_str));
    w.stamp(slip.donor_updated_at);
    // Stored, not compressed: a slip is a few hundred bytes, and the volunteers' build then
    // carries no compressor (see envelope::seal_stored).
    envelope::seal_stored(SLIP_TAG, &w.0)
}

fn donation_code(d: DonationType) -> u8 {
    match d {
        DonationType::WholeBlood => 0,
        DonationType::RedCellApheresis => 1,
        DonationType::PlateletApheresis => 2,
        DonationType::PlasmaApheresis => 3,
    }
}

fn category_code(c: Category) -> u8 {
    match c {
        Category::Staff => 0,
        Category::Student => 1,
        Category::Intern => 2,
        Category::PatientRelative => 3,
        Category::Public => 4,
    }
}

/// Writes a record.
#[derive(Default)]
struct Out(Vec<u8>);

impl Out {
    fn u8(&mut self, b: u8) {
        self.0.push(b);
    }

    fn unsigned(&mut self, mut n: u64) {
        loop {
            let low = (n & 0x7F) as u8;
            n >>= 7;
            if n == 0 {
                self.0.push(low);
                return;
            }
            self.0.push(low | 0x80);
        }
    }

    fn signed(&mut self, n: i64) {
        self.unsigned(((n << 1) ^ (n >> 63)) as u64);
    }

    fn count(&mut self, n: usize) {
        self.unsigned(n as u64);
    }

    fn str(&mut self, s: &str) {
        self.count(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }

    fn date(&mut self, d: Date) {
        self.signed(d.days_since_epoch());
    }

    fn time(&mut self, t: TimeOfDay) {
        self.unsigned(u64::from(t.minutes()));
    }

    fn stamp(&mut self, t: Timestamp) {
        self.signed(t.0);
    }

    fn slots(&mut self, slots: &[SlotSpec]) {
        self.count(slots.len());
        for s in slots {
            self.time(s.start);
            self.unsigned(u64::from(s.end.minutes() - s.start.minutes()));
            self.unsigned(u64::from(s.capacity));
        }
    }

    fn site(&mut self, site: &Site) {
        self.str(site.id.as_str());
        self.str(&site.name);
        self.str(&site.address);
        self.str(&site.district);
        match &site.kind {
            SiteKind::Venue => self.u8(0),
            SiteKind::FixedPoint {
                hours,
                slot_minutes,
                capacity_per_slot,
            } => {
                self.u8(1);
                self.unsigned(u64::from(*slot_minutes));
                self.unsigned(u64::from(*capacity_per_slot));
                for day in Weekday::ALL {
                    let intervals = hours.on(day);
                    self.count(intervals.len());
                    for i in intervals {
                        self.time(i.start);
                        self.unsigned(u64::from(i.end.minutes() - i.start.minutes()));
                    }
                }
            }
        }
    }
}

// ----- decoding -----

/// Reads a drive link (the payload, `#` and payload, or a whole URL) back into a drive, its
/// sites and its campaign's card, every value checked by the domain's constructors.
pub fn decode_drive(text: &str) -> Result<SharedDrive, LinkError> {
    let bytes = envelope::open(DRIVE_TAG, text)?;
    let mut r = In::new(&bytes);

    let campaign_id = CampaignId::new(r.str("campaign id")?)?;
    let year = i32::try_from(r.signed("year")?).map_err(|_| LinkError::Malformed("year"))?;
    let name = r.str("campaign name")?.to_owned();
    let n = r.count("slogans")?;
    Limit::Slogans.check(n)?;
    let mut slogans = Vec::with_capacity(n);
    for _ in 0..n {
        slogans.push(r.str("slogan")?.to_owned());
    }
    let campaign = Campaign::new(
        campaign_id,
        CampaignDraft {
            year,
            name,
            baseline: Units::ZERO,
            growth_bp: 0,
            slogans,
            partner: String::new(),
            ml_per_unit: None,
            notes: String::new(),
        },
    )?;

    let drive_id = DriveId::new(r.str("drive id")?)?;
    let drive_name = r.str("drive name")?.to_owned();
    let start = r.date("first day")?;
    let extra = r.small("number of days", 366)?;
    // Limits are checked as soon as their count is read, so a crafted link stops early.
    Limit::DaysPerDrive.check(extra as usize + 1)?;
    let end = start.add_days(i64::from(extra));
    let status = match r.u8("drive status")? {
        0 => DriveStatus::Planned,
        1 => DriveStatus::Open,
        2 => DriveStatus::Closed,
        3 => DriveStatus::Cancelled,
        _ => return Err(LinkError::Malformed("drive status")),
    };
    let n = r.count("sites")?;
    Limit::SitesPerDrive.check(n)?;
    let mut sites = Vec::with_capacity(n);
    let mut drive_sites = Vec::with_capacity(n);
    for _ in 0..n {
        let site = r.site()?;
        let template = r.slots()?;
        let k = r.count("overrides")?;
        let mut overrides = BTreeMap::new();
        let mut last: Option<u32> = None;
        for _ in 0..k {
            let offset = r.small("override day", 366)?;
            if last.is_some_and(|l| offset <= l) {
                return Err(LinkError::Malformed("override days out of order"));
            }
            last = Some(offset);
            overrides.insert(start.add_days(i64::from(offset)), r.slots()?);
        }
        drive_sites.push(DriveSite::new(site.id.clone(), template, overrides)?);
        sites.push(site);
    }
    r.finish()?;
    let mut drive = Drive::new(
        drive_id,
        &campaign,
        DriveDraft {
            name: drive_name,
            start,
            end,
            sites: drive_sites,
        },
    )?;
    drive.status = status;
    Ok(SharedDrive {
        campaign: CampaignInfo {
            id: campaign.id,
            year: campaign.year,
            name: campaign.name,
            slogans: campaign.slogans,
        },
        drive,
        sites,
    })
}

/// Reads a pledge slip back, every value checked by the domain's constructors (the donor's
/// name as [`Donor::new`] checks it; the birth date is checked against "today" when the
/// organizer's ledger registers the donor).
pub fn decode_slip(text: &str) -> Result<PledgeSlip, LinkError> {
    let bytes = envelope::open(SLIP_TAG, text)?;
    let mut r = In::new(&bytes);

    let id = PledgeId::new(r.str("pledge id")?)?;
    let donor_id = DonorId::new(r.str("donor id")?)?;
    let place = match r.u8("place")? {
        0 => Place::Drive {
            drive: DriveId::new(r.str("drive id")?)?,
            site: SiteId::new(r.str("site id")?)?,
        },
        1 => Place::Fixed {
            site: SiteId::new(r.str("site id")?)?,
        },
        _ => return Err(LinkError::Malformed("place")),
    };
    let date = r.date("pledge day")?;
    let start = r.time("slot start")?;
    let donation = match r.u8("donation type")? {
        0 => DonationType::WholeBlood,
        1 => DonationType::RedCellApheresis,
        2 => DonationType::PlateletApheresis,
        3 => DonationType::PlasmaApheresis,
        _ => return Err(LinkError::Malformed("donation type")),
    };
    let volume_ml = r.volume()?;
    let status = match r.u8("pledge status")? {
        0 => PledgeStatus::Pledged,
        1 => PledgeStatus::CheckedIn { at: r.stamp()? },
        2 => {
            let volume_ml = r.volume()?;
            let units = Units::from_milli(r.signed("units")?);
            if units < Units::ZERO {
                return Err(LinkError::Invalid(DomainError::NegativeQuantity));
            }
            if units.milli() > Units::MAX_DONATION_MILLI {
                return Err(LinkError::Malformed("units"));
            }
            PledgeStatus::Donated {
                volume_ml,
                units,
                at: r.stamp()?,
            }
        }
        3 => PledgeStatus::Deferred {
            deferral: Deferral {
                reason: r.str("deferral reason")?.to_owned(),
                until: r.date("deferred until")?,
            },
            at: r.stamp()?,
        },
        4 => PledgeStatus::NoShow { at: r.stamp()? },
        5 => PledgeStatus::Cancelled {
            reason: r.str("cancellation reason")?.to_owned(),
            at: r.stamp()?,
        },
        _ => return Err(LinkError::Malformed("pledge status")),
    };
    let walk_in = match r.u8("walk-in")? {
        0 => false,
        1 => true,
        _ => return Err(LinkError::Malformed("walk-in")),
    };
    let created_at = r.stamp()?;
    let updated_at = r.stamp()?;

    let full_name = r.str("donor name")?.to_owned();
    let phone = Phone::parse(r.str("phone")?)?;
    let citizen_id = r.opt_str("citizen id")?.map(CitizenId::parse).transpose()?;
    let birth_date = r.date("birth date")?;
    let sex = match r.u8("sex")? {
        0 => Sex::Female,
        1 => Sex::Male,
        _ => return Err(LinkError::Malformed("sex")),
    };
    let hg = u16::try_from(r.unsigned("weight")?).map_err(|_| LinkError::Malformed("weight"))?;
    let weight = Weight::from_hg(hg).ok_or(LinkError::Malformed("weight"))?;
    let blood_group = match r.u8("blood group")? {
        0 => None,
        i => Some(
            *BloodGroup::ALL
                .get(usize::from(i) - 1)
                .ok_or(LinkError::Malformed("blood group"))?,
        ),
    };
    let category = *Category::ALL
        .get(usize::from(r.u8("category")?))
        .ok_or(LinkError::Malformed("category"))?;
    let unit = r.opt_str("unit id")?.map(UnitId::new).transpose()?;
    let donor_updated_at = r.stamp()?;
    r.finish()?;

    let draft = DonorDraft {
        full_name,
        sex,
        birth_date,
        weight,
        phone,
        citizen_id,
        blood_group,
        category,
        unit,
    };
    // The donor's own checks (name length and spacing); the birth date waits for "today".
    let checked = Donor::new(donor_id.clone(), draft.clone(), Date::MAX, donor_updated_at)?;
    let donor = DonorDraft {
        full_name: checked.full_name,
        ..draft
    };
    Ok(PledgeSlip {
        pledge: Pledge {
            id,
            donor: donor_id,
            slot: SlotRef { place, date, start },
            donation,
            volume_ml,
            status,
            walk_in,
            created_at,
            updated_at,
        },
        donor,
        donor_updated_at,
    })
}

/// Reads a record, refusing truncation, overlong numbers and impossible counts.
struct In<'a> {
    bytes: &'a [u8],
    pos: usize,
}

/// Days either side of 1970 a date may be (beyond years 1 to 9999 either way).
const MAX_EPOCH_DAYS: u64 = 3_000_000;

impl<'a> In<'a> {
    fn new(bytes: &'a [u8]) -> In<'a> {
        In { bytes, pos: 0 }
    }

    fn u8(&mut self, what: &'static str) -> Result<u8, LinkError> {
        let b = *self.bytes.get(self.pos).ok_or(LinkError::Malformed(what))?;
        self.pos += 1;
        Ok(b)
    }

    fn unsigned(&mut self, what: &'static str) -> Result<u64, LinkError> {
        let mut n: u64 = 0;
        for i in 0..10 {
            let b = self.u8(what)?;
            let bits = u64::from(b & 0x7F);
            if i == 9 && bits > 1 {
                return Err(LinkError::Malformed(what));
            }
            n |= bits << (7 * i);
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(LinkError::Malformed(what))
    }

    fn signed(&mut self, what: &'static str) -> Result<i64, LinkError> {
        let z = self.unsigned(what)?;
        Ok((z >> 1) as i64 ^ -((z & 1) as i64))
    }

    /// A number no larger than `max`.
    fn small(&mut self, what: &'static str, max: u32) -> Result<u32, LinkError> {
        u32::try_from(self.unsigned(what)?)
            .ok()
            .filter(|n| *n <= max)
            .ok_or(LinkError::Malformed(what))
    }

    /// A count of items, each at least one byte, so never more than the bytes left.
    fn count(&mut self, what: &'static str) -> Result<usize, LinkError> {
        let n = self.unsigned(what)?;
        usize::try_from(n)
            .ok()
            .filter(|n| *n <= self.bytes.len() - self.pos)
            .ok_or(LinkError::Malformed(what))
    }

    fn str(&mut self, what: &'static str) -> Result<&'a str, LinkError> {
        let len = self.count(what)?;
        let bytes = &self.bytes[self.pos..self.pos + len];
        self.pos += len;
        std::str::from_utf8(bytes).map_err(|_| LinkError::Malformed(what))
    }

    fn opt_str(&mut self, what: &'static str) -> Result<Option<&'a str>, LinkError> {
        match self.u8(what)? {
            0 => Ok(None),
            1 => self.str(what).map(Some),
            _ => Err(LinkError::Malformed(what)),
        }
    }

    fn date(&mut self, what: &'static str) -> Result<Date, LinkError> {
        let days = self.signed(what)?;
        if days.unsigned_abs() > MAX_EPOCH_DAYS {
            return Err(LinkError::Malformed(what));
        }
        Date::from_days_since_epoch(days).ok_or(LinkError::Malformed(what))
    }

    fn time(&mut self, what: &'static str) -> Result<TimeOfDay, LinkError> {
        let m = self.small(what, 24 * 60)?;
        TimeOfDay::from_minutes(m as u16).ok_or(LinkError::Malformed(what))
    }

    /// A time `start` and a length in minutes that ends by 24:00.
    fn span(&mut self, what: &'static str) -> Result<(TimeOfDay, TimeOfDay), LinkError> {
        let start = self.time(what)?;
        let len = self.small(what, 24 * 60)?;
        let end = u16::try_from(u32::from(start.minutes()) + len)
            .ok()
            .and_then(TimeOfDay::from_minutes)
            .ok_or(LinkError::Malformed(what))?;
        Ok((start, end))
    }

    fn stamp(&mut self) -> Result<Timestamp, LinkError> {
        self.signed("timestamp").map(Timestamp)
    }

    fn volume(&mut self) -> Result<u16, LinkError> {
        let ml = self.unsigned("volume")?;
        match u16::try_from(ml) {
            Ok(ml) if (1..=1000).contains(&ml) => Ok(ml),
            _ => Err(LinkError::Invalid(DomainError::VolumeOutOfRange(
                u16::try_from(ml).unwrap_or(u16::MAX),
            ))),
        }
    }

    fn slots(&mut self) -> Result<Vec<SlotSpec>, LinkError> {
        let n = self.count("slots")?;
        Limit::SlotsPerDay.check(n)?;
        let mut slots = Vec::with_capacity(n);
        for _ in 0..n {
            let (start, end) = self.span("slot")?;
            let capacity = u16::try_from(self.unsigned("capacity")?)
                .map_err(|_| LinkError::Malformed("capacity"))?;
            slots.push(SlotSpec::new(start, end, capacity)?);
        }
        Ok(slots)
    }

    fn site(&mut self) -> Result<Site, LinkError> {
        let id = SiteId::new(self.str("site id")?)?;
        let name = self.str("site name")?;
        let address = self.str("address")?;
        let district = self.str("district")?;
        let kind = match self.u8("site kind")? {
            0 => SiteKind::Venue,
            1 => {
                let slot_minutes = u16::try_from(self.unsigned("slot length")?)
                    .map_err(|_| LinkError::Malformed("slot length"))?;
                let capacity_per_slot = u16::try_from(self.unsigned("capacity")?)
                    .map_err(|_| LinkError::Malformed("capacity"))?;
                let mut entries = Vec::new();
                for day in Weekday::ALL {
                    let n = self.count("opening hours")?;
                    for _ in 0..n {
                        let (start, end) = self.span("opening hours")?;
                        entries.push((day, Interval::new(start, end)?));
                    }
                }
                SiteKind::FixedPoint {
                    hours: WeeklyHours::new(entries)?,
                    slot_minutes,
                    capacity_per_slot,
                }
            }
            _ => return Err(LinkError::Malformed("site kind")),
        };
        Ok(Site::new(id, name, address, district, kind)?)
    }

    fn finish(&self) -> Result<(), LinkError> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(LinkError::Malformed("trailing bytes"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample::{self, DRIVE_2023_1, FIXED_POINTS_2024};

    fn sample_drive() -> SharedDrive {
        let ledger = sample::sample_ledger();
        SharedDrive::from_ledger(&ledger, &DriveId::new(DRIVE_2023_1).unwrap()).unwrap()
    }

    #[test]
    fn the_largest_sample_drive_round_trips_in_a_qr_sized_link() {
        let shared = sample_drive();
        assert_eq!(shared.sites.len(), 3);
        assert_eq!(shared.drive.days().count(), 4);
        assert_eq!(shared.drive.sites[0].template.len(), 7);
        let link = encode_drive(&shared);
        println!("sample 2023 drive 1 link: {} characters", link.len());
        assert!(link.starts_with("d1."));
        assert!(link.len() < 2_000, "{} characters", link.len());
        assert_eq!(decode_drive(&link), Ok(shared));
    }

    #[test]
    fn a_three_week_drive_at_every_venue_with_its_own_days_still_fits_a_qr_code() {
        use crate::domain::generate::{GenerateOptions, MAX_VENUES, generate};
        let mut o = GenerateOptions::new(7, 50, Date::from_ymd(2024, 6, 15).unwrap());
        o.drives = 1;
        o.days_per_drive = 21;
        o.sites_per_drive = MAX_VENUES;
        o.fixed_points = 0;
        let ledger = generate(&o);
        let drive = ledger.drives().next().unwrap();
        let mut shared = SharedDrive::from_ledger(&ledger, &drive.id).unwrap();
        // Every site shortens a different day, so the template alone cannot describe it.
        let days: Vec<Date> = shared.drive.days().collect();
        for (i, ds) in shared.drive.sites.iter_mut().enumerate() {
            let short = ds.template[..3].to_vec();
            ds.overrides.insert(days[i * 2 % days.len()], short);
        }
        let link = encode_drive(&shared);
        println!(
            "21 days x {} sites link: {} characters",
            shared.sites.len(),
            link.len()
        );
        assert!(link.len() < 2_000, "{} characters", link.len());
        assert_eq!(decode_drive(&link), Ok(shared));
    }

    #[test]
    fn a_drive_link_opens_from_a_whole_url() {
        let shared = sample_drive();
        let url = format!("https://hienmau.example/#/drive#{}", encode_drive(&shared));
        assert_eq!(decode_drive(&url), Ok(shared));
    }

    #[test]
    fn overrides_status_and_fixed_point_hours_survive_the_trip() {
        let ledger = sample::sample_ledger();
        let mut shared = sample_drive();
        let t = |h, m| TimeOfDay::from_hm(h, m).unwrap();
        let day2 = shared.drive.start.add_days(1);
        let day4 = shared.drive.start.add_days(3);
        shared.drive.sites[1].overrides = BTreeMap::from([
            (day2, vec![]),
            (day4, vec![SlotSpec::new(t(8, 0), t(24, 0), 3).unwrap()]),
        ]);
        shared.drive.status = DriveStatus::Cancelled;
        let fixed = ledger
            .site(&SiteId::new(FIXED_POINTS_2024[0]).unwrap())
            .unwrap()
            .clone();
        shared.drive.sites[2].site = fixed.id.clone();
        // A link carries no version.
        shared.sites[2] = Site {
            version: Timestamp(0),
            ..fixed
        };
        assert_eq!(decode_drive(&encode_drive(&shared)), Ok(shared));
    }

    fn sample_slip() -> PledgeSlip {
        let ledger = sample::sample_ledger();
        let p = ledger.pledges().next().unwrap();
        PledgeSlip::from_ledger(&ledger, &p.id).unwrap()
    }

    #[test]
    fn a_pledge_slip_round_trips_with_its_donor() {
        let slip = sample_slip();
        let text = encode_slip(&slip);
        println!("a pledge slip: {} characters", text.len());
        assert!(text.starts_with("p1."));
        assert!(text.len() < 400, "{} characters", text.len());
        assert_eq!(decode_slip(&text), Ok(slip));
    }

    #[test]
    fn every_status_of_a_pledge_round_trips() {
        let base = sample_slip();
        let at = Timestamp(1_682_300_000_000);
        let until = Date::from_ymd(2023, 7, 17).unwrap();
        for status in [
            PledgeStatus::Pledged,
            PledgeStatus::CheckedIn { at },
            PledgeStatus::Donated {
                volume_ml: 350,
                units: Units::from_milli(1400),
                at,
            },
            PledgeStatus::Deferred {
                deferral: Deferral {
                    reason: "Huyết áp cao; đo lại sau".into(),
                    until,
                },
                at,
            },
            PledgeStatus::NoShow { at },
            PledgeStatus::Cancelled {
                reason: "Bận việc".into(),
                at: Timestamp(-5),
            },
        ] {
            let mut slip = base.clone();
            slip.pledge.status = status;
            slip.pledge.walk_in = true;
            slip.pledge.slot.place = Place::Fixed {
                site: SiteId::new("site-hoan-kiem").unwrap(),
            };
            slip.donor.citizen_id = Some(CitizenId::parse("001203004005").unwrap());
            slip.donor.unit = None;
            slip.donor.blood_group = Some(BloodGroup::ALL[7]);
            assert_eq!(decode_slip(&encode_slip(&slip)), Ok(slip));
        }
    }

    #[test]
    fn a_slip_carries_every_blood_group_including_an_unknown_rh_factor() {
        // Issue 20: "O (Rh chưa rõ)" travels in a slip as a code after the eight old ones
        // (0 unknown, 1-8 O+ to AB-, as slips written before carry them).
        let base = sample_slip();
        for group in BloodGroup::ALL.into_iter().map(Some).chain([None]) {
            let mut slip = base.clone();
            slip.donor.blood_group = group;
            assert_eq!(decode_slip(&encode_slip(&slip)), Ok(slip), "{group:?}");
        }
        assert_eq!(BloodGroup::ALL[0].to_string(), "O+");
        assert_eq!(BloodGroup::ALL[7].to_string(), "AB-");
    }

    #[test]
    fn a_slip_where_a_drive_is_expected_is_named_as_such() {
        let slip = encode_slip(&sample_slip());
        assert_eq!(decode_drive(&slip), Err(LinkError::BadPrefix("p1".into())));
        let drive = encode_drive(&sample_drive());
        assert_eq!(decode_slip(&drive), Err(LinkError::BadPrefix("d1".into())));
        assert_eq!(decode_drive("   "), Err(LinkError::Empty));
        assert_eq!(
            decode_drive(&drive.replacen("d1.", "d9.", 1)),
            Err(LinkError::UnknownVersion("d9".into()))
        );
        assert_eq!(
            decode_drive(&drive.replacen("d1.", "d1.!", 1)),
            Err(LinkError::BadBase64)
        );
        let mut tampered = drive.clone().into_bytes();
        let i = tampered.len() / 2;
        tampered[i] = if tampered[i] == b'x' { b'y' } else { b'x' };
        assert_eq!(
            decode_drive(&String::from_utf8(tampered).unwrap()),
            Err(LinkError::BadChecksum)
        );
    }

    /// Seals hand-made record bytes, as a buggy or hostile encoder would.
    fn forged(tag: &str, bytes: &[u8]) -> String {
        envelope::seal(tag, bytes)
    }

    #[test]
    fn records_that_break_the_layout_are_malformed() {
        assert_eq!(
            decode_drive(&forged("d1", b"")),
            Err(LinkError::Malformed("campaign id"))
        );
        let mut w = Out::default();
        w.str("c2023");
        w.signed(2023);
        w.str("Chiến dịch");
        w.count(1_000_000);
        assert_eq!(
            decode_drive(&forged("d1", &w.0)),
            Err(LinkError::Malformed("slogans"))
        );
        let good = envelope::open("d1", &encode_drive(&sample_drive())).unwrap();
        let mut long = good.clone();
        long.push(0);
        assert_eq!(
            decode_drive(&forged("d1", &long)),
            Err(LinkError::Malformed("trailing bytes"))
        );
        for cut in [1, good.len() / 2, good.len() - 1] {
            assert!(matches!(
                decode_drive(&forged("d1", &good[..cut])),
                Err(LinkError::Malformed(_) | LinkError::Invalid(_))
            ));
        }
        // The most negative number a varint holds, as a date: refused, not overflowed.
        let mut w = Out::default();
        w.str("c2023");
        w.signed(2023);
        w.str("Chiến dịch");
        w.count(0);
        w.str("d1");
        w.str("Đợt 1");
        w.signed(i64::MIN);
        assert_eq!(
            decode_drive(&forged("d1", &w.0)),
            Err(LinkError::Malformed("first day"))
        );
        let overlong = [0xFFu8; 12];
        assert!(matches!(
            decode_drive(&forged("d1", &overlong)),
            Err(LinkError::Malformed(_))
        ));
    }

    #[test]
    fn records_that_break_domain_rules_are_invalid() {
        let mut shared = sample_drive();
        shared.sites[0].name = "   ".into();
        assert_eq!(
            decode_drive(&encode_drive(&shared)),
            Err(LinkError::Invalid(DomainError::EmptyName))
        );
        let mut shared = sample_drive();
        let t = |h, m| TimeOfDay::from_hm(h, m).unwrap();
        shared.drive.sites[0].template = vec![
            SlotSpec::new(t(8, 0), t(9, 0), 1).unwrap(),
            SlotSpec::new(t(8, 30), t(9, 30), 1).unwrap(),
        ];
        assert_eq!(
            decode_drive(&encode_drive(&shared)),
            Err(LinkError::Invalid(DomainError::OverlappingSlots))
        );
        let mut shared = sample_drive();
        shared.campaign.year = 2024;
        assert_eq!(
            decode_drive(&encode_drive(&shared)),
            Err(LinkError::Invalid(DomainError::DriveOutsideCampaignYear(
                2024
            )))
        );
        let mut shared = sample_drive();
        shared.drive.sites[1].site = shared.drive.sites[0].site.clone();
        shared.sites[1] = shared.sites[0].clone();
        assert!(matches!(
            decode_drive(&encode_drive(&shared)),
            Err(LinkError::Invalid(DomainError::DuplicateSite(_)))
        ));
        let mut slip = sample_slip();
        slip.pledge.volume_ml = 0;
        assert_eq!(
            decode_slip(&encode_slip(&slip)),
            Err(LinkError::Invalid(DomainError::VolumeOutOfRange(0)))
        );
        let mut slip = sample_slip();
        slip.pledge.status = PledgeStatus::Donated {
            volume_ml: 350,
            units: Units::from_milli(i64::MAX),
            at: Timestamp(0),
        };
        assert_eq!(
            decode_slip(&encode_slip(&slip)),
            Err(LinkError::Malformed("units"))
        );
        let mut slip = sample_slip();
        slip.donor.full_name = "X".into();
        assert_eq!(
            decode_slip(&encode_slip(&slip)),
            Err(LinkError::Invalid(DomainError::NameLength))
        );
    }

    #[test]
    fn hostile_text_round_trips_unchanged() {
        let hostile = "<img src=x onerror=alert(1)>";
        let formula = "=HYPERLINK(\"http://x\")";
        let mut shared = sample_drive();
        shared.drive.name = hostile.into();
        shared.sites[0].name = formula.into();
        shared.sites[0].address = "'; DROP TABLE--\u{202E}".into();
        shared.campaign.slogans = vec![hostile.into(), formula.into()];
        let back = decode_drive(&encode_drive(&shared)).unwrap();
        assert_eq!(back.drive.name, hostile);
        assert_eq!(back.sites[0].name, formula);
        assert_eq!(back, shared);
        let mut slip = sample_slip();
        slip.donor.full_name = hostile.into();
        slip.pledge.status = PledgeStatus::Cancelled {
            reason: formula.into(),
            at: Timestamp(1),
        };
        let back = decode_slip(&encode_slip(&slip)).unwrap();
        assert_eq!(back.donor.full_name, hostile);
        assert_eq!(back, slip);
    }

    #[test]
    fn human_codes_are_eight_unambiguous_characters_stable_per_pledge() {
        let a = PledgeId::new("pledge-000001").unwrap();
        let b = PledgeId::new("pledge-000002").unwrap();
        let code = human_code(&a);
        assert_eq!(code.len(), 8);
        assert!(code.bytes().all(|c| CODE_ALPHABET.contains(&c)));
        assert!(!code.contains(['0', '1', 'I', 'O']));
        assert_eq!(code, human_code(&a));
        assert_ne!(code, human_code(&b));
        let ledger = sample::sample_ledger();
        let codes: std::collections::BTreeSet<String> =
            ledger.pledges().map(|p| human_code(&p.id)).collect();
        assert_eq!(
            codes.len(),
            ledger.pledges().count(),
            "no collision in the sample"
        );
    }

    #[test]
    fn a_slip_refuses_a_donor_who_is_not_the_pledges() {
        let ledger = sample::sample_ledger();
        let mut pledges = ledger.pledges();
        let p = pledges.next().unwrap();
        let other = pledges.find(|o| o.donor != p.donor).unwrap();
        let donor = ledger.donor(&other.donor).unwrap();
        assert_eq!(
            PledgeSlip::new(p, donor),
            Err(DomainError::UnknownDonor(p.donor.clone()))
        );
    }
}

//! The ledger: every record of the app in one value, and every operation that changes them.
//! Each operation checks everything first and changes nothing when it refuses. Several
//! operations make one change all or nothing with [`Ledger::begin`], [`Ledger::commit`] and
//! [`Ledger::roll_back`]: while a change is recorded, every write notes the value it replaces.
//! [`Ledger::changes`] reads, from those notes, the [`ChangeSet`] storage writes and sync will
//! push (`ledger/change.rs` tells the whole path from a page to storage).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::eligibility::{self, RuleSet};
mod change;

pub use change::{ChangeSet, RecordKind, Touched};

use super::{
    Campaign, CampaignId, CitizenId, Date, Deferral, DomainError, Donation, DonationType, Donor,
    DonorDraft, DonorId, Drive, DriveDraft, DriveId, DriveStatus, Phone, Place, Pledge, PledgeId,
    PledgeStatus, Site, SiteId, SiteKind, SlotRef, SlotSpec, TimeOfDay, Timestamp, Unit, UnitId,
    Units, limits::Limit, quantity::DEFAULT_ML_PER_UNIT,
};

/// The moment an operation happens, as the edge's clock gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// Today, local to the campaign.
    pub date: Date,
    /// The time of day, local to the campaign.
    pub time: TimeOfDay,
    /// The same moment as a timestamp, to order changes.
    pub stamp: Timestamp,
}

/// What a volunteer asks for when pledging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PledgeRequest {
    /// Who pledges (already in the ledger).
    pub donor: DonorId,
    /// Place, day and slot start.
    pub slot: SlotRef,
    /// What they will give.
    pub donation: DonationType,
    /// How much, in millilitres.
    pub volume_ml: u16,
    /// What the volunteer declared about themselves (the self-check's questions, TT 26/2013
    /// Điều 5): checked with the pledge, never stored.
    pub declarations: Vec<eligibility::Declaration>,
}

/// What happened at the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Gave blood: this many millilitres.
    Donated {
        /// Millilitres collected.
        volume_ml: u16,
    },
    /// Screened and deferred.
    Deferred(Deferral),
    /// Did not come.
    NoShow,
}

/// Whether a capacity may go below the places already taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapacityDecision {
    /// Refuse a capacity below what is already pledged.
    KeepPledged,
    /// The organizer has seen the pledges and lowers the capacity anyway (the slot is then over
    /// capacity until pledges are moved or cancelled; no new pledge fits).
    AllowBelowPledged,
}

/// How details given for a person already known here treat their category and unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affiliation {
    /// The details say them (the pledge form, a donor list): they replace ours with the rest.
    Given,
    /// The details do not ask them (a walk-in at the desk): ours stay.
    Kept,
    /// The organizer chose the unit (the inbox): it replaces ours even when our other details
    /// are newer than the given ones.
    ChosenUnit,
}

/// A person's details as given somewhere (a form, a donor list, a slip), for
/// [`Ledger::register_donor`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDetails {
    /// The details.
    pub draft: DonorDraft,
    /// When they were written: now for a form or a list, the slip's time for a slip.
    pub written_at: Timestamp,
    /// What happens to category and unit.
    pub affiliation: Affiliation,
}

/// Who [`Ledger::register_donor`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    /// The donor's id here.
    pub id: DonorId,
    /// The person was new here.
    pub added: bool,
}

/// The set-up records: campaigns, sites, participating units and drives. Organizers edit them
/// rarely, and they are stored and shared together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setup {
    /// Campaigns by id.
    pub campaigns: BTreeMap<CampaignId, Campaign>,
    /// Sites by id.
    pub sites: BTreeMap<SiteId, Site>,
    /// Participating units by id.
    pub units: BTreeMap<UnitId, Unit>,
    /// Drives by id.
    pub drives: BTreeMap<DriveId, Drive>,
    /// Records deleted, each with the version of its deletion, by key (`drive/<id>`...): an
    /// older copy of one from another device does not bring it back ([`Setup::merged_by_version`]).
    /// Absent from set-ups stored before deletions travelled (read as none).
    #[serde(default)]
    pub removed: Vec<Removed>,
}

/// A set-up record deleted: its key and the version of the deletion (a tombstone). Stored as
/// one string, `drive/d1@1715500000000` (a list of strings reads with code every build has).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Removed {
    /// The record's kind and id, `campaign/<id>`, `site/<id>`, `unit/<id>` or `drive/<id>`.
    pub key: String,
    /// When it was deleted, by the hybrid clock of the device that deleted it.
    pub version: Timestamp,
}

impl Setup {
    /// Checks records that came from outside (storage, a file, a link) as the constructors
    /// would: every record valid on its own, ids matching their keys, one campaign a year, every
    /// drive's campaign and sites present, and no more records than the [`Limit`]s. Linear in
    /// the records (a drive's sites are checked with a set).
    pub fn validate(&self) -> Result<(), DomainError> {
        fn same_key<K: PartialEq + ToString>(key: &K, id: &K) -> Result<(), DomainError> {
            if key == id {
                Ok(())
            } else {
                Err(DomainError::InvalidId(id.to_string()))
            }
        }
        Limit::Sites.check(self.sites.len())?;
        Limit::Units.check(self.units.len())?;
        Limit::Drives.check(self.drives.len())?;
        let mut years = std::collections::BTreeSet::new();
        for (key, c) in &self.campaigns {
            same_key(key, &c.id)?;
            let rebuilt = Campaign::new(
                c.id.clone(),
                super::CampaignDraft {
                    year: c.year,
                    name: c.name.clone(),
                    baseline: c.baseline,
                    growth_bp: c.growth_bp,
                    slogans: c.slogans.clone(),
                    partner: c.partner.clone(),
                    ml_per_unit: Some(c.ml_per_unit),
                    notes: c.notes.clone(),
                },
            )?;
            if !years.insert(rebuilt.year) {
                return Err(DomainError::YearTaken(rebuilt.year));
            }
        }
        for (key, site) in &self.sites {
            same_key(key, &site.id)?;
            let kind = match &site.kind {
                SiteKind::FixedPoint {
                    hours,
                    slot_minutes,
                    capacity_per_slot,
                } => {
                    let mut entries = Vec::new();
                    for day in super::Weekday::ALL {
                        for i in hours.on(day) {
                            entries.push((day, super::Interval::new(i.start, i.end)?));
                        }
                    }
                    SiteKind::FixedPoint {
                        hours: super::WeeklyHours::new(entries)?,
                        slot_minutes: *slot_minutes,
                        capacity_per_slot: *capacity_per_slot,
                    }
                }
                SiteKind::Venue => SiteKind::Venue,
            };
            Site::new(
                site.id.clone(),
                &site.name,
                &site.address,
                &site.district,
                kind,
            )?;
        }
        for (key, unit) in &self.units {
            same_key(key, &unit.id)?;
            Unit::new(unit.id.clone(), &unit.name, unit.kind, unit.quota)?;
        }
        for (key, drive) in &self.drives {
            same_key(key, &drive.id)?;
            let campaign = self
                .campaigns
                .get(&drive.campaign)
                .ok_or_else(|| DomainError::UnknownCampaign(drive.campaign.clone()))?;
            let mut sites = Vec::with_capacity(drive.sites.len());
            for s in &drive.sites {
                if !self.sites.contains_key(&s.site) {
                    return Err(DomainError::UnknownSite(s.site.clone()));
                }
                sites.push(super::DriveSite::new(
                    s.site.clone(),
                    s.template.clone(),
                    s.overrides.clone(),
                )?);
            }
            Drive::new(
                drive.id.clone(),
                campaign,
                DriveDraft {
                    name: drive.name.clone(),
                    start: drive.start,
                    end: drive.end,
                    sites,
                },
            )?;
        }
        Ok(())
    }
}

/// The version of a set-up record, for [`Setup::merged_by_version`].
trait Versioned: Clone + Ord {
    fn version(&self) -> Timestamp;
}

macro_rules! versioned {
    ($($t:ty),*) => {$(
        impl Versioned for $t {
            fn version(&self) -> Timestamp {
                self.version
            }
        }
    )*};
}

versioned!(Campaign, Site, Unit, Drive);

/// Joins one kind of set-up record of two set-ups into `out` (see [`Setup::merged_by_version`]):
/// per id the later version, at the same version the one that sorts last; none when the
/// later deletion in `removed` (by key, sorted) is at least as late. The keys of deletions a
/// record outlived go to `outlived`.
fn join_versioned<K: Ord + Clone + AsRef<str>, V: Versioned>(
    kind: RecordKind,
    ours: &BTreeMap<K, V>,
    theirs: &BTreeMap<K, V>,
    removed: &[Removed],
    out: &mut BTreeMap<K, V>,
    outlived: &mut Vec<String>,
) {
    let mut put = |k: &K, v: &V| {
        let key = Removed::key_of(kind, k.as_ref());
        match removed.binary_search_by(|r| r.key.cmp(&key)) {
            Ok(i) if removed[i].version >= v.version() => {}
            found => {
                if found.is_ok() {
                    outlived.push(key);
                }
                out.insert(k.clone(), v.clone());
            }
        }
    };
    for (k, v) in ours {
        match theirs.get(k) {
            Some(t) if (t.version(), t) > (v.version(), v) => put(k, t),
            _ => put(k, v),
        }
    }
    for (k, t) in theirs.iter().filter(|(k, _)| !ours.contains_key(*k)) {
        put(k, t);
    }
}

impl Removed {
    /// The key of a record of `kind` with `id`: `drive/d1`.
    pub fn key_of(kind: RecordKind, id: &str) -> String {
        format!("{}/{id}", kind.as_str())
    }

    /// `drive/d1@1715500000000`.
    pub fn to_text(&self) -> String {
        format!("{}@{}", self.key, self.version.0)
    }

    /// Reads [`Removed::to_text`]'s form.
    pub fn from_text(text: &str) -> Option<Removed> {
        let (key, version) = text.rsplit_once('@')?;
        Some(Removed {
            key: key.to_owned(),
            version: Timestamp(version.parse().ok()?),
        })
    }
}

impl Serialize for Removed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_text())
    }
}

impl<'de> Deserialize<'de> for Removed {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Removed::from_text(&text).ok_or_else(|| serde::de::Error::custom("bad tombstone"))
    }
}

impl Setup {
    /// When the record of `kind` and `id` was deleted, if it was.
    pub fn removed_at(&self, kind: RecordKind, id: &str) -> Option<Timestamp> {
        // A short list, read without building the key (smaller wasm than a search).
        self.removed
            .iter()
            .find(|r| {
                r.key
                    .strip_prefix(kind.as_str())
                    .and_then(|rest| rest.strip_prefix('/'))
                    == Some(id)
            })
            .map(|r| r.version)
    }

    /// This set-up and `theirs` (another device's) joined record by record, by version, the
    /// rule sync merges set-up with:
    ///
    /// - of a record both have, the later version wins whole (versions come from the hybrid
    ///   clock, so an edit made after another was seen is later, whatever the devices' clocks
    ///   say); at the same version the one that sorts last by content, so every device picks
    ///   the same;
    /// - a deletion (a tombstone in [`Setup::removed`]) wins over every version of its record
    ///   as old as it or older: an older copy from a device that had not seen the deletion does
    ///   not bring it back. A record edited after the deletion (a later version) comes back,
    ///   and the outlived tombstone is dropped;
    /// - of two tombstones of one record, the later is kept.
    ///
    /// The result depends only on the records and tombstones both sides hold together, so
    /// the merge is commutative, idempotent and associative, and devices that exchanged their
    /// set-ups in any order hold the same one. It is not validated here: see
    /// [`Ledger::merge_setup`].
    pub fn merged_by_version(&self, theirs: &Setup) -> Setup {
        let mut removed: Vec<Removed> = self
            .removed
            .iter()
            .chain(&theirs.removed)
            .cloned()
            .collect();
        // By key, the latest deletion first; then one per key.
        super::order::sort_by(&mut removed, |a, b| {
            a.key.cmp(&b.key).then(b.version.cmp(&a.version))
        });
        removed.dedup_by(|later, first| later.key == first.key);
        let mut out = Setup::default();
        let mut outlived = Vec::new();
        let o = &mut outlived;
        join_versioned(
            RecordKind::Campaign,
            &self.campaigns,
            &theirs.campaigns,
            &removed,
            &mut out.campaigns,
            o,
        );
        join_versioned(
            RecordKind::Site,
            &self.sites,
            &theirs.sites,
            &removed,
            &mut out.sites,
            o,
        );
        join_versioned(
            RecordKind::Unit,
            &self.units,
            &theirs.units,
            &removed,
            &mut out.units,
            o,
        );
        join_versioned(
            RecordKind::Drive,
            &self.drives,
            &theirs.drives,
            &removed,
            &mut out.drives,
            o,
        );
        removed.retain(|r| !outlived.contains(&r.key));
        out.removed = removed;
        out
    }

    /// The largest version of a record or deletion here (0 when none).
    fn latest_version(&self) -> Timestamp {
        // Plain loops: a chain of five iterators cost about 1 KB of wasm.
        let mut at = Timestamp(0);
        for c in self.campaigns.values() {
            at = at.max(c.version);
        }
        for s in self.sites.values() {
            at = at.max(s.version);
        }
        for u in self.units.values() {
            at = at.max(u.version);
        }
        for d in self.drives.values() {
            at = at.max(d.version);
        }
        for r in &self.removed {
            at = at.max(r.version);
        }
        at
    }
}

/// What [`Ledger::merge_setup`] did, counted per record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SetupMerge {
    /// Records new here.
    pub added: usize,
    /// Records here already, the same.
    pub unchanged: usize,
    /// Records with an id here but other content, replaced by their later version.
    pub conflicting: usize,
    /// Records here that a deletion from elsewhere removed ([`Ledger::merge_setup`]).
    pub removed: usize,
}

impl SetupMerge {
    /// The counts of going from `before` to `after`, record by record.
    fn between(before: &Setup, after: &Setup) -> SetupMerge {
        fn count<K: Ord, V: PartialEq>(a: &BTreeMap<K, V>, b: &BTreeMap<K, V>, m: &mut SetupMerge) {
            for (k, v) in b {
                match a.get(k) {
                    None => m.added += 1,
                    Some(o) if o == v => m.unchanged += 1,
                    Some(_) => m.conflicting += 1,
                }
            }
            m.removed += a.keys().filter(|k| !b.contains_key(*k)).count();
        }
        let mut m = SetupMerge::default();
        count(&before.campaigns, &after.campaigns, &mut m);
        count(&before.sites, &after.sites, &mut m);
        count(&before.units, &after.units, &mut m);
        count(&before.drives, &after.drives, &mut m);
        m
    }
}

/// What merging one record from elsewhere did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Merged {
    /// The record was new here.
    Added,
    /// The record replaced an older version.
    Updated,
    /// This side already had the same or a later version.
    Kept,
}

/// Every record, by id, with indexes kept in step by the operations.
///
/// Every write to a record or an index goes through one of the few private methods that note
/// the old value in the journal first (`setup_mut`, `put_donor`, `donor_mut`, `put_pledge`,
/// and the index's `hold` and `release`); the operations never write the fields directly.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(from = "Records")]
pub struct Ledger {
    setup: Setup,
    donors: BTreeMap<DonorId, Donor>,
    pledges: BTreeMap<PledgeId, Pledge>,
    #[serde(skip)]
    index: Index,
    /// The change being recorded, if any: never stored, never compared.
    #[serde(skip)]
    journal: Option<Box<Journal>>,
    /// The hybrid logical clock: the largest version seen (every record loaded, merged or
    /// written). Never stored (it is read again from the records), never compared.
    #[serde(skip)]
    clock: Timestamp,
}

/// Two ledgers are equal when their records are: the index follows from the records, and a
/// change being recorded is not data.
impl PartialEq for Ledger {
    fn eq(&self, other: &Ledger) -> bool {
        self.setup == other.setup && self.donors == other.donors && self.pledges == other.pledges
    }
}

impl Eq for Ledger {}

/// What the change being recorded has overwritten: for each record and index entry it touched,
/// the value it had before the first touch (`None`: it was absent). Only the first touch is
/// noted, so putting these values back in any order restores the ledger exactly, index
/// included, whatever happened in between.
#[derive(Debug, Clone, Default)]
struct Journal {
    /// The whole set-up (a few drives, sites and units), noted once.
    setup: Option<Setup>,
    donors: BTreeMap<DonorId, Option<Donor>>,
    pledges: BTreeMap<PledgeId, Option<Pledge>>,
    taken: BTreeMap<SlotRef, Option<u32>>,
    donor_days: BTreeMap<(DonorId, Date), Option<PledgeId>>,
}

/// Notes `key`'s current value in `journal` unless it was noted already.
fn note<K: Ord + Clone, V: Clone>(
    journal: &mut BTreeMap<K, Option<V>>,
    current: &BTreeMap<K, V>,
    key: &K,
) {
    if !journal.contains_key(key) {
        journal.insert(key.clone(), current.get(key).cloned());
    }
}

/// Puts back the values `journal` noted.
fn restore<K: Ord, V>(current: &mut BTreeMap<K, V>, journal: BTreeMap<K, Option<V>>) {
    for (key, old) in journal {
        match old {
            Some(value) => current.insert(key, value),
            None => current.remove(&key),
        };
    }
}

/// The stored shape of a [`Ledger`]; indexes are rebuilt on load.
#[derive(Deserialize)]
struct Records {
    setup: Setup,
    donors: BTreeMap<DonorId, Donor>,
    pledges: BTreeMap<PledgeId, Pledge>,
}

impl From<Records> for Ledger {
    fn from(r: Records) -> Ledger {
        let mut ledger = Ledger {
            setup: r.setup,
            donors: r.donors,
            pledges: r.pledges,
            index: Index::default(),
            journal: None,
            clock: Timestamp::default(),
        };
        ledger.rebuild_index();
        ledger
    }
}

/// Whether `theirs` replaces `ours`, two versions of one pledge: the later `updated_at`, and
/// at the same moment the one that sorts last by status, then every other field, so every
/// device picks the same whatever the order of merges. A pledge's status follows its
/// lifecycle, so the later version is whole: unlike a donor's history, nothing of the other
/// version is kept. The one rule for pledges, used by [`Ledger::merge_pledge`] and
/// [`Ledger::from_parts`] alike (donors: [`Donor::merged_with`]).
fn pledge_wins(ours: &Pledge, theirs: &Pledge) -> bool {
    fn key(p: &Pledge) -> impl Ord + '_ {
        let (rank, at, text) = match &p.status {
            PledgeStatus::Pledged => (0, Timestamp(0), ""),
            PledgeStatus::CheckedIn { at } => (1, *at, ""),
            PledgeStatus::Donated { at, .. } => (2, *at, ""),
            PledgeStatus::Deferred { deferral, at } => (3, *at, deferral.reason.as_str()),
            PledgeStatus::NoShow { at } => (4, *at, ""),
            PledgeStatus::Cancelled { reason, at } => (5, *at, reason.as_str()),
        };
        (
            p.updated_at,
            rank,
            at,
            text,
            &p.slot,
            p.donation,
            p.volume_ml,
            p.walk_in,
            p.created_at,
            &p.donor,
        )
    }
    key(theirs) > key(ours)
}

/// A ledger being built from stored records a few records at a time, so a page can build a
/// large one between frames ([`LedgerBuild::step`]); [`LedgerBuild::finish`] gives exactly what
/// [`Ledger::from_parts`] gives for the same records (which is this, done in one go). Each
/// record is combined with the earlier versions of its id as it comes (donors:
/// [`Donor::merged_with`], pledges: the same winner as [`Ledger::merge_pledge`]), then the
/// index is counted over the pledges in id order, then the clock is taken.
#[derive(Debug)]
pub struct LedgerBuild {
    ledger: Ledger,
    donors: std::vec::IntoIter<Donor>,
    pledges: std::vec::IntoIter<Pledge>,
    /// Where the count of the index is: not started, after this pledge id, or done.
    indexed: Indexed,
}

#[derive(Debug)]
enum Indexed {
    NotYet,
    After(PledgeId),
    Done,
}

impl LedgerBuild {
    /// Starts building a ledger of `setup` (validated already, as for [`Ledger::from_parts`])
    /// and every version of each donor and pledge, in any order.
    pub fn new(setup: Setup, donors: Vec<Donor>, pledges: Vec<Pledge>) -> LedgerBuild {
        LedgerBuild {
            ledger: Ledger {
                setup,
                ..Ledger::default()
            },
            donors: donors.into_iter(),
            pledges: pledges.into_iter(),
            indexed: Indexed::NotYet,
        }
    }

    /// Takes up to `count` more records into the ledger (a record combined, or a pledge
    /// counted in the index); true when the ledger is complete.
    pub fn step(&mut self, count: usize) -> bool {
        use std::collections::btree_map::Entry;
        use std::ops::Bound;
        if let Indexed::Done = self.indexed {
            return true;
        }
        let mut left = count;
        let ledger = &mut self.ledger;
        while left > 0 {
            let Some(d) = self.donors.next() else { break };
            left -= 1;
            let d = d.normalised();
            match ledger.donors.entry(d.id.clone()) {
                Entry::Vacant(e) => {
                    e.insert(d);
                }
                Entry::Occupied(mut e) => {
                    let ours = e.get_mut();
                    *ours = ours.merged_with(&d);
                }
            }
        }
        while left > 0 {
            let Some(p) = self.pledges.next() else { break };
            left -= 1;
            match ledger.pledges.entry(p.id.clone()) {
                Entry::Vacant(e) => {
                    e.insert(p);
                }
                Entry::Occupied(mut e) => {
                    if pledge_wins(e.get(), &p) {
                        e.insert(p);
                    }
                }
            }
        }
        if left == 0 {
            return false;
        }
        let from = match &self.indexed {
            Indexed::NotYet | Indexed::Done => Bound::Unbounded,
            Indexed::After(id) => Bound::Excluded(id),
        };
        let mut last = None;
        for (id, p) in ledger
            .pledges
            .range::<PledgeId, _>((from, Bound::Unbounded))
        {
            if left == 0 {
                break;
            }
            left -= 1;
            ledger.index.hold(p, None);
            last = Some(id);
        }
        if left == 0 {
            if let Some(id) = last {
                self.indexed = Indexed::After(id.clone());
            }
            return false;
        }
        // Every pledge is counted: the clock is the latest version of any record kept.
        let setup = ledger.setup.latest_version();
        let pledges = ledger.pledges.values().map(|p| p.updated_at);
        let donors = ledger.donors.values().map(|d| d.updated_at);
        ledger.clock = pledges
            .chain(donors)
            .fold(setup.max(ledger.clock), Timestamp::max);
        self.indexed = Indexed::Done;
        true
    }

    /// The ledger, built in full.
    pub fn finish(mut self) -> Ledger {
        self.step(usize::MAX);
        self.ledger
    }
}

/// Derived counts, never stored: places taken per slot, and the active pledge of each donor
/// on each day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Index {
    taken: BTreeMap<SlotRef, u32>,
    donor_days: BTreeMap<(DonorId, Date), PledgeId>,
}

impl Index {
    /// Counts `p`'s place, noting the entries it changes in `journal` when one is recording.
    fn hold(&mut self, p: &Pledge, journal: Option<&mut Journal>) {
        if p.status.holds_slot() {
            let key = (p.donor.clone(), p.slot.date);
            if let Some(j) = journal {
                note(&mut j.taken, &self.taken, &p.slot);
                note(&mut j.donor_days, &self.donor_days, &key);
            }
            *self.taken.entry(p.slot.clone()).or_default() += 1;
            self.donor_days.insert(key, p.id.clone());
        }
    }

    /// Frees `p`'s place, noting the entries it changes in `journal` when one is recording.
    fn release(&mut self, p: &Pledge, journal: Option<&mut Journal>) {
        if p.status.holds_slot() {
            let key = (p.donor.clone(), p.slot.date);
            if let Some(j) = journal {
                note(&mut j.taken, &self.taken, &p.slot);
                note(&mut j.donor_days, &self.donor_days, &key);
            }
            if let Some(n) = self.taken.get_mut(&p.slot) {
                *n -= 1;
                if *n == 0 {
                    self.taken.remove(&p.slot);
                }
            }
            if self.donor_days.get(&key) == Some(&p.id) {
                self.donor_days.remove(&key);
            }
        }
    }
}

fn insert_new<K: Ord + ToString, V>(
    map: &mut BTreeMap<K, V>,
    key: K,
    value: V,
) -> Result<(), DomainError> {
    if map.contains_key(&key) {
        return Err(DomainError::DuplicateId(key.to_string()));
    }
    map.insert(key, value);
    Ok(())
}

impl Ledger {
    /// An empty ledger.
    pub fn new() -> Ledger {
        Ledger::default()
    }

    fn rebuild_index(&mut self) {
        self.index = Index::default();
        let mut clock = self.setup.latest_version().max(self.clock);
        for p in self.pledges.values() {
            self.index.hold(p, None);
            clock = clock.max(p.updated_at);
        }
        for d in self.donors.values() {
            clock = clock.max(d.updated_at);
        }
        self.clock = clock;
    }

    // ----- the hybrid logical clock -----

    /// The ledger's hybrid logical clock: the largest version (update time) of any record it
    /// has seen, loaded, merged or written. Every operation stamps what it changes with
    /// `max(now, clock + 1)` ([`Ledger::stamp`]), never with the device's clock alone, so a
    /// device whose clock is a day behind, having seen a newer edit from another device, still
    /// stamps its own later edit above it: merges order edits by what each device had seen,
    /// and a clock that is ahead or behind cannot make an older edit win.
    pub fn clock(&self) -> Timestamp {
        self.clock
    }

    /// Takes a version seen into the clock.
    fn observe(&mut self, version: Timestamp) {
        self.clock = self.clock.max(version);
    }

    /// The version for a change made at `now` (the edge's clock): `max(now, clock + 1)`, then
    /// the clock's new value, so stamps only grow and each is above every version seen.
    pub fn stamp(&mut self, now: Timestamp) -> Timestamp {
        let at = now.max(Timestamp(self.clock.0.saturating_add(1)));
        self.clock = at;
        at
    }

    // ----- all or nothing -----

    /// Starts recording a change: until [`Ledger::commit`] or [`Ledger::roll_back`], every
    /// operation notes what it overwrites. Recording costs a copy of each record touched (and of
    /// the small set-up once), never of the whole ledger. A `begin` while recording keeps what
    /// was recorded so far as done and starts afresh.
    pub fn begin(&mut self) {
        self.journal = Some(Box::default());
    }

    /// Keeps every operation since [`Ledger::begin`] and stops recording. Read what the change
    /// did with [`Ledger::changes`] first (storage writes it before committing).
    pub fn commit(&mut self) {
        self.journal = None;
    }

    /// Undoes every operation since [`Ledger::begin`], indexes included, and stops recording;
    /// the ledger is then equal to what it was at `begin`. Does nothing when not recording.
    pub fn roll_back(&mut self) {
        let Some(journal) = self.journal.take() else {
            return;
        };
        let Journal {
            setup,
            donors,
            pledges,
            taken,
            donor_days,
        } = *journal;
        if let Some(setup) = setup {
            self.setup = setup;
        }
        restore(&mut self.donors, donors);
        restore(&mut self.pledges, pledges);
        restore(&mut self.index.taken, taken);
        restore(&mut self.index.donor_days, donor_days);
    }

    /// The set-up, to change; its old value is noted first when recording.
    fn setup_mut(&mut self) -> &mut Setup {
        if let Some(j) = &mut self.journal {
            j.setup.get_or_insert_with(|| self.setup.clone());
        }
        &mut self.setup
    }

    /// A donor, to change; its old value is noted first when recording.
    fn donor_mut(&mut self, id: &DonorId) -> Option<&mut Donor> {
        if let Some(j) = &mut self.journal {
            note(&mut j.donors, &self.donors, id);
        }
        self.donors.get_mut(id)
    }

    /// Adds or replaces a donor, noting the old value first when recording.
    fn put_donor(&mut self, donor: Donor) {
        if let Some(j) = &mut self.journal {
            note(&mut j.donors, &self.donors, &donor.id);
        }
        self.observe(donor.updated_at);
        self.donors.insert(donor.id.clone(), donor);
    }

    /// Adds or replaces a pledge and moves its place in the index from the old version to the
    /// new, noting every old value first when recording.
    fn put_pledge(&mut self, pledge: Pledge) {
        let mut journal = self.journal.as_deref_mut();
        if let Some(j) = journal.as_deref_mut() {
            note(&mut j.pledges, &self.pledges, &pledge.id);
        }
        if let Some(old) = self.pledges.get(&pledge.id) {
            self.index.release(old, journal.as_deref_mut());
        }
        self.index.hold(&pledge, journal);
        self.clock = self.clock.max(pledge.updated_at);
        self.pledges.insert(pledge.id.clone(), pledge);
    }

    /// Removes a pledge (its drive was deleted) and frees its place in the index, noting every
    /// old value first when recording.
    fn drop_pledge(&mut self, id: &PledgeId) {
        let mut journal = self.journal.as_deref_mut();
        if let Some(j) = journal.as_deref_mut() {
            note(&mut j.pledges, &self.pledges, id);
        }
        if let Some(old) = self.pledges.remove(id) {
            self.index.release(&old, journal);
        }
    }

    /// A ledger from records that came from storage or a file: the set-up as it is (validate it
    /// first with [`Setup::validate`]), and the versions of each donor and pledge combined by
    /// the same rules as [`Ledger::merge_donor`] and [`Ledger::merge_pledge`].
    pub fn from_parts(
        setup: Setup,
        donors: impl IntoIterator<Item = Donor>,
        pledges: impl IntoIterator<Item = Pledge>,
    ) -> Ledger {
        LedgerBuild::new(
            setup,
            donors.into_iter().collect(),
            pledges.into_iter().collect(),
        )
        .finish()
    }

    /// The set-up records.
    pub fn setup(&self) -> &Setup {
        &self.setup
    }

    /// Replaces the set-up records (another tab or an import changed them) with a set-up that
    /// passes [`Setup::validate`]; refused with the reason, changing nothing, otherwise.
    /// Pledges and donors stay as they are.
    pub fn replace_setup(&mut self, setup: Setup) -> Result<(), DomainError> {
        setup.validate()?;
        self.observe(setup.latest_version());
        *self.setup_mut() = setup;
        Ok(())
    }

    /// Takes the set-up of another device (sync) and joins it with ours record by record, by
    /// version ([`Setup::merged_by_version`]: the later version of each record wins, a deletion
    /// wins over every older copy), noting what changed when recording (read it with
    /// [`Ledger::changes`]). The pledges here of a drive the merge deletes go with it (they
    /// were made before the deletion was seen), and [`Ledger::merge_pledge`] refuses any that
    /// arrive later.
    ///
    /// **A merge whose result would not pass [`Setup::validate`] is refused** with the reason
    /// and changes nothing: two devices that each created the 2027 campaign offline
    /// ([`DomainError::YearTaken`]), or a drive edited here whose campaign or site the other
    /// device deleted ([`DomainError::UnknownCampaign`], [`DomainError::UnknownSite`]).
    /// Refused rather than keeping both: one campaign a year is what every page reads a
    /// year's target, units and drives by, so two of them cannot both be shown truly, and
    /// choosing one by rule would hide the other's drives and the pledges made on them
    /// without anyone deciding. Refusing loses nothing: each device keeps its own set-up
    /// (and the other's stays on the server), donors and pledges, stored apart from the
    /// set-up, still merge, and the reason is what the sync status shows, for the organizers
    /// to settle on one device (then the set-ups merge again).
    pub fn merge_setup(&mut self, theirs: &Setup) -> Result<SetupMerge, DomainError> {
        let merged = self.setup.merged_by_version(theirs);
        merged.validate()?;
        self.observe(theirs.latest_version());
        let counts = SetupMerge::between(&self.setup, &merged);
        if merged == self.setup {
            return Ok(counts);
        }
        let gone: Vec<PledgeId> = self
            .pledges
            .values()
            .filter(|p| {
                p.slot
                    .place
                    .drive()
                    .is_some_and(|d| !merged.drives.contains_key(d))
            })
            .map(|p| p.id.clone())
            .collect();
        for id in &gone {
            self.drop_pledge(id);
        }
        *self.setup_mut() = merged;
        Ok(counts)
    }

    /// Takes a donor record from elsewhere and combines it with ours by
    /// [`Donor::merged_with`]: no donation of either version is lost, and the plain fields
    /// come from the later one. `Updated` when the result differs from ours.
    pub fn merge_donor(&mut self, donor: Donor) -> Merged {
        self.observe(donor.updated_at);
        let (combined, result) = match self.donors.get(&donor.id) {
            None => (donor.normalised(), Merged::Added),
            Some(ours) => {
                let combined = ours.merged_with(&donor);
                if &combined == ours {
                    return Merged::Kept;
                }
                (combined, Merged::Updated)
            }
        };
        self.put_donor(combined);
        result
    }

    /// Takes a pledge from elsewhere: added when new, replacing ours when later (by the one
    /// rule `pledge_wins`). Capacity is not checked: pledges made on two devices are all
    /// kept, and a slot can end up over capacity for the organizer to see.
    pub fn merge_pledge(&mut self, pledge: Pledge) -> Merged {
        self.observe(pledge.updated_at);
        if let Some(drive) = pledge.slot.place.drive()
            && self
                .setup
                .removed_at(RecordKind::Drive, drive.as_str())
                .is_some()
        {
            // Its drive was deleted: the pledge went with it.
            return Merged::Kept;
        }
        let result = match self.pledges.get(&pledge.id) {
            None => Merged::Added,
            Some(ours) if pledge_wins(ours, &pledge) => Merged::Updated,
            Some(_) => return Merged::Kept,
        };
        self.put_pledge(pledge);
        result
    }

    // ----- reading -----

    /// Every campaign, by year then id.
    pub fn campaigns(&self) -> impl Iterator<Item = &Campaign> {
        self.setup.campaigns.values()
    }

    /// One campaign.
    pub fn campaign(&self, id: &CampaignId) -> Option<&Campaign> {
        self.setup.campaigns.get(id)
    }

    /// The campaign of a year, if there is one.
    pub fn campaign_of_year(&self, year: i32) -> Option<&Campaign> {
        self.setup.campaigns.values().find(|c| c.year == year)
    }

    /// Every site.
    pub fn sites(&self) -> impl Iterator<Item = &Site> {
        self.setup.sites.values()
    }

    /// One site.
    pub fn site(&self, id: &SiteId) -> Option<&Site> {
        self.setup.sites.get(id)
    }

    /// Every participating unit.
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        self.setup.units.values()
    }

    /// One participating unit.
    pub fn unit(&self, id: &UnitId) -> Option<&Unit> {
        self.setup.units.get(id)
    }

    /// Every drive.
    pub fn drives(&self) -> impl Iterator<Item = &Drive> {
        self.setup.drives.values()
    }

    /// One drive.
    pub fn drive(&self, id: &DriveId) -> Option<&Drive> {
        self.setup.drives.get(id)
    }

    /// Every donor.
    pub fn donors(&self) -> impl Iterator<Item = &Donor> {
        self.donors.values()
    }

    /// One donor.
    pub fn donor(&self, id: &DonorId) -> Option<&Donor> {
        self.donors.get(id)
    }

    /// Every pledge.
    pub fn pledges(&self) -> impl Iterator<Item = &Pledge> {
        self.pledges.values()
    }

    /// Every pledge after `id` in id order (every pledge for `None`): where a walk over the
    /// pledges that stopped at `id` goes on.
    pub fn pledges_after(&self, id: Option<&PledgeId>) -> impl Iterator<Item = &Pledge> {
        use std::ops::Bound;
        let from = id.map_or(Bound::Unbounded, Bound::Excluded);
        self.pledges
            .range::<PledgeId, _>((from, Bound::Unbounded))
            .map(|(_, p)| p)
    }

    /// One pledge.
    pub fn pledge_by_id(&self, id: &PledgeId) -> Option<&Pledge> {
        self.pledges.get(id)
    }

    /// Places taken in a slot (pledges that are not cancelled).
    pub fn taken(&self, slot: &SlotRef) -> u32 {
        self.index.taken.get(slot).copied().unwrap_or(0)
    }

    /// Every slot with a place taken, with the places taken, by place, day and start.
    pub fn slots_taken(&self) -> impl Iterator<Item = (&SlotRef, u32)> {
        self.index.taken.iter().map(|(slot, n)| (slot, *n))
    }

    /// Millilitres per unit for donations on `date` at `place` (the drive's campaign, else the
    /// campaign of that year, else 250).
    pub fn ml_per_unit(&self, place: &Place, date: Date) -> u16 {
        place
            .drive()
            .and_then(|d| self.setup.drives.get(d))
            .and_then(|d| self.setup.campaigns.get(&d.campaign))
            .or_else(|| self.campaign_of_year(date.year()))
            .map_or(DEFAULT_ML_PER_UNIT, |c| c.ml_per_unit)
    }

    /// A drive and one of its sites' schedules, or which of the two is missing.
    fn drive_site(
        &self,
        drive: &DriveId,
        site: &SiteId,
    ) -> Result<(&Drive, &super::DriveSite), DomainError> {
        let found = self
            .setup
            .drives
            .get(drive)
            .ok_or_else(|| DomainError::UnknownDrive(drive.clone()))?;
        let schedule = found
            .site(site)
            .ok_or_else(|| DomainError::SiteNotInDrive(site.clone()))?;
        Ok((found, schedule))
    }

    /// The slots of a place on a day: a drive site's (override or template), or a fixed point's
    /// hours cut into slots of its length. Refuses unknown places and days they are closed.
    pub fn slots_on(&self, place: &Place, date: Date) -> Result<Vec<SlotSpec>, DomainError> {
        match place {
            Place::Drive { drive, site } => {
                let (drive, schedule) = self.drive_site(drive, site)?;
                if !drive.contains(date) {
                    return Err(DomainError::DateOutsideDrive(date));
                }
                Ok(schedule.slots_on(date).to_vec())
            }
            Place::Fixed { site } => {
                let found = self
                    .setup
                    .sites
                    .get(site)
                    .ok_or_else(|| DomainError::UnknownSite(site.clone()))?;
                let SiteKind::FixedPoint {
                    hours,
                    slot_minutes,
                    capacity_per_slot,
                } = &found.kind
                else {
                    return Err(DomainError::NotAFixedPoint(site.clone()));
                };
                let mut slots = Vec::new();
                for interval in hours.on(date.weekday()) {
                    let mut start = interval.start.minutes();
                    while start + slot_minutes <= interval.end.minutes() {
                        if let (Some(s), Some(e)) = (
                            TimeOfDay::from_minutes(start),
                            TimeOfDay::from_minutes(start + slot_minutes),
                        ) {
                            slots.push(SlotSpec {
                                start: s,
                                end: e,
                                capacity: *capacity_per_slot,
                            });
                        }
                        start += slot_minutes;
                    }
                }
                Ok(slots)
            }
        }
    }

    /// The slot a reference points at, if the place is open then.
    pub fn slot_spec(&self, slot: &SlotRef) -> Result<SlotSpec, DomainError> {
        let slots = self.slots_on(&slot.place, slot.date)?;
        if slots.is_empty() {
            return Err(DomainError::SiteClosedOnDay(slot.date));
        }
        slots
            .into_iter()
            .find(|s| s.start == slot.start)
            .ok_or(DomainError::NoSuchSlot(slot.date, slot.start))
    }

    // ----- setting up -----

    /// Adds a campaign, versioned at `now` by the clock; refuses a second campaign for the
    /// same year.
    pub fn add_campaign(
        &mut self,
        mut campaign: Campaign,
        now: Timestamp,
    ) -> Result<(), DomainError> {
        if self.campaign_of_year(campaign.year).is_some() {
            return Err(DomainError::YearTaken(campaign.year));
        }
        campaign.version = self.stamp(now);
        insert_new(
            &mut self.setup_mut().campaigns,
            campaign.id.clone(),
            campaign,
        )
    }

    /// Adds a site, versioned at `now` by the clock, up to [`Limit::Sites`].
    pub fn add_site(&mut self, mut site: Site, now: Timestamp) -> Result<(), DomainError> {
        Limit::Sites.check(self.setup.sites.len() + 1)?;
        site.version = self.stamp(now);
        insert_new(&mut self.setup_mut().sites, site.id.clone(), site)
    }

    /// Adds a participating unit, versioned at `now` by the clock, up to [`Limit::Units`].
    pub fn add_unit(&mut self, mut unit: Unit, now: Timestamp) -> Result<(), DomainError> {
        Limit::Units.check(self.setup.units.len() + 1)?;
        unit.version = self.stamp(now);
        insert_new(&mut self.setup_mut().units, unit.id.clone(), unit)
    }

    /// Adds a donor; the donor's unit, if any, must exist.
    pub fn add_donor(&mut self, donor: Donor) -> Result<(), DomainError> {
        if let Some(unit) = donor
            .unit
            .as_ref()
            .filter(|u| !self.setup.units.contains_key(*u))
        {
            return Err(DomainError::UnknownUnit(unit.clone()));
        }
        if self.donors.contains_key(&donor.id) {
            return Err(DomainError::DuplicateId(donor.id.to_string()));
        }
        self.put_donor(donor);
        Ok(())
    }

    /// The same phone is the same person: finds the donor these details describe (the same id
    /// as `new_id`, else the same phone, else the same citizen ID; the first by id when two
    /// records of one person met in a merge) and brings their record up to date, or adds them
    /// as `new_id`. One person is one pass over the donors; a list of people is
    /// [`Ledger::register_donors`], which looks each up in a map instead.
    ///
    /// A known donor keeps what only grows (their history). Their plain details (name, sex,
    /// birth date, weight, phone, and the citizen ID and blood group when given) become the given
    /// ones when those were written at or after ours; category and unit follow `affiliation`.
    /// The name follows the name rule ([`crate::domain::full_name`]); a unit must exist here.
    /// A record that changes gets a version later than ours (`now` at least).
    pub fn register_donor(
        &mut self,
        new_id: DonorId,
        details: PersonDetails,
        today: Date,
        now: Timestamp,
    ) -> Result<Registered, DomainError> {
        let draft = &details.draft;
        let found = self
            .donors
            .get(&new_id)
            .or_else(|| self.donors.values().find(|d| d.phone == draft.phone))
            .or_else(|| {
                let citizen = draft.citizen_id.as_ref()?;
                self.donors
                    .values()
                    .find(|d| d.citizen_id.as_ref() == Some(citizen))
            })
            .map(|d| d.id.clone());
        self.register_found(found, new_id, details, today, now)
    }

    /// [`Ledger::register_donor`] for each of a list of people (a donor list being imported),
    /// each found through a map of phones and citizen IDs built once, not a pass per person.
    /// All or nothing when recording; returns how many were added, how many updated, and how
    /// many were known already with nothing newer to take (kept as they were).
    pub fn register_donors(
        &mut self,
        people: Vec<(DonorId, PersonDetails)>,
        today: Date,
        now: Timestamp,
    ) -> Result<(usize, usize, usize), DomainError> {
        // Keys: `t<phone>` and `c<citizen ID>`; the first donor by id keeps a key.
        fn keys(phone: &Phone, citizen: Option<&CitizenId>) -> [Option<String>; 2] {
            [
                Some(format!("t{}", phone.as_str())),
                citizen.map(|c| format!("c{}", c.as_str())),
            ]
        }
        let mut known: BTreeMap<String, DonorId> = BTreeMap::new();
        for d in self.donors.values() {
            for key in keys(&d.phone, d.citizen_id.as_ref()).into_iter().flatten() {
                known.entry(key).or_insert_with(|| d.id.clone());
            }
        }
        let (mut added, mut updated, mut kept) = (0, 0, 0);
        for (new_id, details) in people {
            let [phone, citizen] = keys(&details.draft.phone, details.draft.citizen_id.as_ref());
            let found = self
                .donors
                .contains_key(&new_id)
                .then(|| new_id.clone())
                .or_else(|| phone.and_then(|k| known.get(&k).cloned()))
                .or_else(|| citizen.and_then(|k| known.get(&k).cloned()));
            let before = found.as_ref().and_then(|id| self.donors.get(id)).cloned();
            let got = self.register_found(found, new_id, details, today, now)?;
            if let Some(d) = self.donors.get(&got.id) {
                for key in keys(&d.phone, d.citizen_id.as_ref()).into_iter().flatten() {
                    known.entry(key).or_insert_with(|| d.id.clone());
                }
            }
            if got.added {
                added += 1;
            } else if self.donors.get(&got.id) == before.as_ref() {
                kept += 1;
            } else {
                updated += 1;
            }
        }
        Ok((added, updated, kept))
    }

    /// The rest of [`Ledger::register_donor`], once the donor (`found`) is known.
    fn register_found(
        &mut self,
        found: Option<DonorId>,
        new_id: DonorId,
        details: PersonDetails,
        today: Date,
        now: Timestamp,
    ) -> Result<Registered, DomainError> {
        let PersonDetails {
            draft,
            written_at,
            affiliation,
        } = details;
        if let Some(unit) = draft
            .unit
            .as_ref()
            .filter(|u| !self.setup.units.contains_key(*u))
        {
            return Err(DomainError::UnknownUnit(unit.clone()));
        }
        let mut given = Donor::new(new_id.clone(), draft, today, written_at)?;
        // Details written now (a form) are this device's latest edit, after every version it
        // has seen: they are newer than ours whatever the clocks say, and get the clock's
        // stamp. Details written earlier (a slip) are compared by when they were written.
        let written_now = written_at >= now;
        let Some(ours) = found.and_then(|id| self.donors.get(&id)).cloned() else {
            if written_now {
                given.updated_at = self.stamp(now);
            }
            self.put_donor(given);
            return Ok(Registered {
                id: new_id,
                added: true,
            });
        };
        let mut donor = ours.clone();
        let newer = written_now || written_at >= ours.updated_at;
        if newer {
            donor.full_name = given.full_name;
            donor.sex = given.sex;
            donor.birth_date = given.birth_date;
            donor.weight = given.weight;
            donor.phone = given.phone;
            donor.citizen_id = given.citizen_id.or(donor.citizen_id);
            donor.blood_group = given.blood_group.or(donor.blood_group);
            donor.updated_at = written_at;
        }
        match affiliation {
            Affiliation::Given | Affiliation::ChosenUnit if newer => {
                donor.category = given.category;
                donor.unit = given.unit;
            }
            Affiliation::ChosenUnit => donor.unit = given.unit,
            _ => {}
        }
        // The same details again (a list imported twice) change nothing, whatever their time.
        let same = Donor {
            updated_at: ours.updated_at,
            ..donor.clone()
        } == ours;
        if !same {
            // A slip's newer details keep the moment they were written; any other change is
            // stamped by the clock (above ours, which it has seen).
            if written_now || donor.updated_at <= ours.updated_at {
                donor.updated_at = self.stamp(now);
            }
            self.put_donor(donor);
        }
        Ok(Registered {
            id: ours.id,
            added: false,
        })
    }

    /// Adds a drive whose campaign and sites exist, inside its campaign's year, up to
    /// [`Limit::Drives`], versioned at `now` by the clock.
    pub fn add_drive(&mut self, mut drive: Drive, now: Timestamp) -> Result<(), DomainError> {
        let campaign = self
            .setup
            .campaigns
            .get(&drive.campaign)
            .ok_or_else(|| DomainError::UnknownCampaign(drive.campaign.clone()))?;
        if drive.start.year() != campaign.year || drive.end.year() != campaign.year {
            return Err(DomainError::DriveOutsideCampaignYear(campaign.year));
        }
        Limit::Drives.check(self.setup.drives.len() + 1)?;
        if let Some(s) = drive
            .sites
            .iter()
            .find(|s| !self.setup.sites.contains_key(&s.site))
        {
            return Err(DomainError::UnknownSite(s.site.clone()));
        }
        drive.version = self.stamp(now);
        insert_new(&mut self.setup_mut().drives, drive.id.clone(), drive)
    }

    /// Edits a drive's name, dates and sites. Refuses an edit that would leave a pledge without
    /// its day or slot; pledges must be moved or cancelled first. Versioned at `now`.
    pub fn edit_drive(
        &mut self,
        id: &DriveId,
        draft: DriveDraft,
        now: Timestamp,
    ) -> Result<(), DomainError> {
        let drive = self
            .setup
            .drives
            .get(id)
            .ok_or_else(|| DomainError::UnknownDrive(id.clone()))?;
        let campaign = self
            .setup
            .campaigns
            .get(&drive.campaign)
            .ok_or_else(|| DomainError::UnknownCampaign(drive.campaign.clone()))?;
        if let Some(s) = draft
            .sites
            .iter()
            .find(|s| !self.setup.sites.contains_key(&s.site))
        {
            return Err(DomainError::UnknownSite(s.site.clone()));
        }
        let mut edited = drive.clone();
        edited.apply(campaign, draft)?;
        let orphaned = self
            .pledges
            .values()
            .filter(|p| p.status.holds_slot() && p.slot.place.drive() == Some(id))
            .filter(|p| {
                !edited.contains(p.slot.date)
                    || !edited.site(p.slot.place.site()).is_some_and(|s| {
                        s.slots_on(p.slot.date)
                            .iter()
                            .any(|x| x.start == p.slot.start)
                    })
            })
            .count();
        if orphaned > 0 {
            return Err(DomainError::PledgesWouldBeOrphaned(orphaned as u32));
        }
        edited.version = self.stamp(now);
        self.setup_mut().drives.insert(id.clone(), edited);
        Ok(())
    }

    /// Opens or closes a drive for pledges, versioned at `now`; a cancelled drive stays
    /// cancelled.
    pub fn set_drive_status(
        &mut self,
        id: &DriveId,
        status: DriveStatus,
        now: Timestamp,
    ) -> Result<(), DomainError> {
        let version = self.stamp(now);
        let drive = self
            .setup_mut()
            .drives
            .get_mut(id)
            .ok_or_else(|| DomainError::UnknownDrive(id.clone()))?;
        if drive.status == DriveStatus::Cancelled || status == DriveStatus::Cancelled {
            return Err(DomainError::WrongStatus);
        }
        if drive.status != status {
            drive.status = status;
            drive.version = version;
        }
        Ok(())
    }

    /// The pledges that cancelling this drive would cancel (those not yet final), for the
    /// organizer to see before confirming.
    pub fn pledges_affected_by_cancelling(&self, id: &DriveId) -> Vec<&Pledge> {
        self.pledges
            .values()
            .filter(|p| p.slot.place.drive() == Some(id) && !p.status.is_final())
            .collect()
    }

    /// Cancels a drive: its open pledges become cancelled with `reason`; returns their ids for
    /// follow-up (calling each donor).
    pub fn cancel_drive(
        &mut self,
        id: &DriveId,
        reason: &str,
        now: Timestamp,
    ) -> Result<Vec<PledgeId>, DomainError> {
        let version = self.stamp(now);
        let drive = self
            .setup_mut()
            .drives
            .get_mut(id)
            .ok_or_else(|| DomainError::UnknownDrive(id.clone()))?;
        if drive.status == DriveStatus::Cancelled {
            return Err(DomainError::DriveCancelled(id.clone()));
        }
        drive.status = DriveStatus::Cancelled;
        drive.version = version;
        let ids: Vec<PledgeId> = self
            .pledges_affected_by_cancelling(id)
            .into_iter()
            .map(|p| p.id.clone())
            .collect();
        for pid in &ids {
            self.set_status(
                pid,
                PledgeStatus::Cancelled {
                    reason: reason.to_owned(),
                    at: now,
                },
                now,
            );
        }
        Ok(ids)
    }

    /// Sets the capacity of one slot of a drive site, on one day (`Some(date)`, which becomes an
    /// override) or on every day of the template (`None`). Below the places already taken it
    /// needs [`CapacityDecision::AllowBelowPledged`]. Versioned at `now`.
    #[allow(clippy::too_many_arguments)]
    pub fn set_slot_capacity(
        &mut self,
        drive_id: &DriveId,
        site: &SiteId,
        date: Option<Date>,
        start: TimeOfDay,
        capacity: u16,
        decision: CapacityDecision,
        now: Timestamp,
    ) -> Result<(), DomainError> {
        if capacity == 0 {
            return Err(DomainError::CapacityNotPositive);
        }
        Limit::PlacesPerSlot.check(usize::from(capacity))?;
        let (drive, schedule) = self.drive_site(drive_id, site)?;
        let days: Vec<Date> = match date {
            Some(d) if !drive.contains(d) => return Err(DomainError::DateOutsideDrive(d)),
            Some(d) => vec![d],
            None => drive
                .days()
                .filter(|d| !schedule.overrides.contains_key(d))
                .collect(),
        };
        let place = Place::Drive {
            drive: drive_id.clone(),
            site: site.clone(),
        };
        let most_taken = days
            .iter()
            .map(|&d| {
                self.taken(&SlotRef {
                    place: place.clone(),
                    date: d,
                    start,
                })
            })
            .max()
            .unwrap_or(0);
        if u32::from(capacity) < most_taken && decision == CapacityDecision::KeepPledged {
            return Err(DomainError::CapacityBelowPledged {
                pledged: most_taken,
            });
        }
        let mut schedule = schedule.clone();
        let day_slots = match date {
            Some(d) => {
                let current = schedule.slots_on(d).to_vec();
                schedule.overrides.entry(d).or_insert(current)
            }
            None => &mut schedule.template,
        };
        let slot = day_slots
            .iter_mut()
            .find(|s| s.start == start)
            .ok_or(DomainError::NoSuchSlot(date.unwrap_or(drive.start), start))?;
        slot.capacity = capacity;
        let version = self.stamp(now);
        if let Some(drive) = self.setup_mut().drives.get_mut(drive_id)
            && let Some(s) = drive.sites.iter_mut().find(|s| &s.site == site)
        {
            *s = schedule;
            drive.version = version;
        }
        Ok(())
    }

    // ----- pledging -----

    /// Everything that must hold for `donor` to take `slot` now, ignoring the pledge `moving`
    /// (its own old place when rescheduling).
    fn check_slot(
        &self,
        req: &PledgeRequest,
        rules: &RuleSet,
        now: Now,
        moving: Option<&PledgeId>,
        over_capacity: bool,
    ) -> Result<(), DomainError> {
        let donor = self
            .donors
            .get(&req.donor)
            .ok_or_else(|| DomainError::UnknownDonor(req.donor.clone()))?;
        if req.volume_ml == 0 || req.volume_ml > 1000 {
            return Err(DomainError::VolumeOutOfRange(req.volume_ml));
        }
        if let Some(drive_id) = req.slot.place.drive() {
            let drive = self
                .setup
                .drives
                .get(drive_id)
                .ok_or_else(|| DomainError::UnknownDrive(drive_id.clone()))?;
            match drive.status {
                DriveStatus::Open => {}
                DriveStatus::Cancelled => {
                    return Err(DomainError::DriveCancelled(drive_id.clone()));
                }
                DriveStatus::Planned | DriveStatus::Closed => {
                    return Err(DomainError::DriveNotOpen(drive_id.clone()));
                }
            }
        }
        let spec = self.slot_spec(&req.slot)?;
        if req.slot.date < now.date || (req.slot.date == now.date && spec.end <= now.time) {
            return Err(DomainError::SlotInPast);
        }
        let mut taken = self.taken(&req.slot);
        if let Some(old) = moving.and_then(|id| self.pledges.get(id))
            && old.slot == req.slot
        {
            taken -= 1;
        }
        if !over_capacity && taken >= u32::from(spec.capacity) {
            return Err(DomainError::SlotFull {
                capacity: spec.capacity,
            });
        }
        if let Some(other) = self
            .index
            .donor_days
            .get(&(req.donor.clone(), req.slot.date))
            && Some(other) != moving
        {
            return Err(DomainError::AlreadyPledgedThatDay(req.slot.date));
        }
        let mut reasons = eligibility::check_pledge(
            rules,
            donor,
            &req.declarations,
            req.slot.date,
            req.donation,
            req.volume_ml,
        )
        .err()
        .unwrap_or_default();
        let planned = self.planned_donations(&req.donor, moving);
        reasons.extend(eligibility::planned_reasons(
            rules,
            &planned,
            req.slot.date,
            req.donation,
        ));
        if reasons.is_empty() {
            Ok(())
        } else {
            Err(DomainError::NotEligible(reasons))
        }
    }

    /// The donations `donor` has planned: their active pledges (pledged or checked in), as
    /// donations on the days pledged, leaving out `except`. Read from the index of pledges by
    /// donor and day, so it costs the donor's own pledges, never a scan of every pledge.
    fn planned_donations(&self, donor: &DonorId, except: Option<&PledgeId>) -> Vec<Donation> {
        self.index
            .donor_days
            .range((donor.clone(), Date::MIN)..=(donor.clone(), Date::MAX))
            .filter(|(_, id)| Some(*id) != except)
            .filter_map(|(_, id)| self.pledges.get(id))
            .filter(|p| !p.status.is_final())
            .map(|p| Donation {
                date: p.slot.date,
                kind: p.donation,
                volume_ml: p.volume_ml,
            })
            .collect()
    }

    /// Whether the donor of pledge `p` may still give as pledged, by what has been recorded
    /// since the pledge was made (donations recorded elsewhere, a weight measured at the desk):
    /// the reasons when not. The donor's other pledges are not counted here: the pledge at
    /// the desk is the one happening.
    fn recheck(&self, p: &Pledge, rules: &RuleSet, volume_ml: u16) -> Result<(), DomainError> {
        let donor = self
            .donors
            .get(&p.donor)
            .ok_or_else(|| DomainError::UnknownDonor(p.donor.clone()))?;
        eligibility::check_pledge(rules, donor, &[], p.slot.date, p.donation, volume_ml)
            .map_err(DomainError::NotEligible)
    }

    fn insert_pledge(&mut self, pledge: Pledge) -> &Pledge {
        let id = pledge.id.clone();
        self.put_pledge(pledge);
        &self.pledges[&id]
    }

    /// Pledges a slot: the slot must exist and be open, not past and not full; the donor must
    /// have no other pledge that day and be eligible under `rules`.
    pub fn pledge(
        &mut self,
        id: PledgeId,
        req: PledgeRequest,
        rules: &RuleSet,
        now: Now,
    ) -> Result<&Pledge, DomainError> {
        if self.pledges.contains_key(&id) {
            return Err(DomainError::DuplicateId(id.to_string()));
        }
        self.check_slot(&req, rules, now, None, false)?;
        let version = self.stamp(now.stamp);
        Ok(self.insert_pledge(Pledge {
            id,
            donor: req.donor,
            slot: req.slot,
            donation: req.donation,
            volume_ml: req.volume_ml,
            status: PledgeStatus::Pledged,
            walk_in: false,
            created_at: now.stamp,
            updated_at: version,
        }))
    }

    /// Registers a donor who came without a pledge, checked in at once. The slot's capacity
    /// holds unless `over_capacity` says the organizer takes them anyway.
    pub fn walk_in(
        &mut self,
        id: PledgeId,
        req: PledgeRequest,
        rules: &RuleSet,
        now: Now,
        over_capacity: bool,
    ) -> Result<&Pledge, DomainError> {
        if self.pledges.contains_key(&id) {
            return Err(DomainError::DuplicateId(id.to_string()));
        }
        if req.slot.date != now.date {
            return Err(DomainError::SlotInPast);
        }
        self.check_slot(&req, rules, now, None, over_capacity)?;
        let version = self.stamp(now.stamp);
        Ok(self.insert_pledge(Pledge {
            id,
            donor: req.donor,
            slot: req.slot,
            donation: req.donation,
            volume_ml: req.volume_ml,
            status: PledgeStatus::CheckedIn { at: now.stamp },
            walk_in: true,
            created_at: now.stamp,
            updated_at: version,
        }))
    }

    fn pledge_mut_checked(
        &self,
        id: &PledgeId,
        allowed: impl Fn(&PledgeStatus) -> bool,
    ) -> Result<&Pledge, DomainError> {
        let p = self
            .pledges
            .get(id)
            .ok_or_else(|| DomainError::UnknownPledge(id.clone()))?;
        if allowed(&p.status) {
            Ok(p)
        } else {
            Err(DomainError::WrongStatus)
        }
    }

    /// Changes a pledge's status, keeping the indexes in step; versioned at `now`.
    fn set_status(&mut self, id: &PledgeId, status: PledgeStatus, now: Timestamp) {
        let version = self.stamp(now);
        if let Some(p) = self.pledges.get(id) {
            let mut p = p.clone();
            p.status = status;
            p.updated_at = version;
            self.put_pledge(p);
        }
    }

    /// Cancels a pledge that is not yet final; its place is freed.
    pub fn cancel(
        &mut self,
        id: &PledgeId,
        reason: &str,
        now: Timestamp,
    ) -> Result<(), DomainError> {
        self.pledge_mut_checked(id, |s| !s.is_final())?;
        self.set_status(
            id,
            PledgeStatus::Cancelled {
                reason: reason.to_owned(),
                at: now,
            },
            now,
        );
        Ok(())
    }

    /// Moves a pledged (not yet checked-in) pledge to another slot, all or nothing: when the
    /// new slot refuses, the pledge keeps its old slot.
    pub fn reschedule(
        &mut self,
        id: &PledgeId,
        slot: SlotRef,
        rules: &RuleSet,
        now: Now,
    ) -> Result<(), DomainError> {
        let p = self.pledge_mut_checked(id, |s| *s == PledgeStatus::Pledged)?;
        let req = PledgeRequest {
            donor: p.donor.clone(),
            slot,
            donation: p.donation,
            volume_ml: p.volume_ml,
            declarations: Vec::new(),
        };
        self.check_slot(&req, rules, now, Some(id), false)?;
        let version = self.stamp(now.stamp);
        if let Some(p) = self.pledges.get(id) {
            let mut p = p.clone();
            p.slot = req.slot;
            p.updated_at = version;
            self.put_pledge(p);
        }
        Ok(())
    }

    /// Marks a pledged donor as arrived, after checking again that they may give as pledged
    /// (a donation recorded since the pledge, on this device or merged from another, may
    /// forbid it: the reasons say why).
    pub fn check_in(
        &mut self,
        id: &PledgeId,
        rules: &RuleSet,
        now: Timestamp,
    ) -> Result<(), DomainError> {
        let p = self.pledge_mut_checked(id, |s| *s == PledgeStatus::Pledged)?;
        self.recheck(p, rules, p.volume_ml)?;
        self.set_status(id, PledgeStatus::CheckedIn { at: now }, now);
        Ok(())
    }

    /// Corrects a donor's weight, as measured at the desk on the day.
    pub fn weigh(
        &mut self,
        donor: &DonorId,
        weight: super::Weight,
        now: Timestamp,
    ) -> Result<(), DomainError> {
        if !self.donors.contains_key(donor) {
            return Err(DomainError::UnknownDonor(donor.clone()));
        }
        if self.donors.get(donor).is_some_and(|d| d.weight != weight) {
            let version = self.stamp(now);
            if let Some(d) = self.donor_mut(donor) {
                d.weight = weight;
                d.updated_at = version;
            }
        }
        Ok(())
    }

    /// Records what happened: a donation (counted in units and added to the donor's history)
    /// or a deferral after check-in, or a no-show of a donor who never checked in. A donation
    /// is checked against `rules` first, with the donor's weight as it is now (correct it with
    /// [`Ledger::weigh`] first): a volume above what the weight allows (TT 26/2013 Điều 4.2a,
    /// 4.2b), or a donation recorded since the pledge that forbids this one, is refused with
    /// the reasons.
    pub fn record_outcome(
        &mut self,
        id: &PledgeId,
        outcome: Outcome,
        rules: &RuleSet,
        now: Timestamp,
    ) -> Result<(), DomainError> {
        let p = self.pledge_mut_checked(id, |s| match s {
            PledgeStatus::Pledged => matches!(outcome, Outcome::NoShow),
            PledgeStatus::CheckedIn { .. } => !matches!(outcome, Outcome::NoShow),
            _ => false,
        })?;
        let status = match outcome {
            Outcome::Donated { volume_ml } => {
                if volume_ml == 0 || volume_ml > 1000 {
                    return Err(DomainError::VolumeOutOfRange(volume_ml));
                }
                self.recheck(p, rules, volume_ml)?;
                let units =
                    Units::from_volume(volume_ml, self.ml_per_unit(&p.slot.place, p.slot.date));
                let donation = Donation {
                    date: p.slot.date,
                    kind: p.donation,
                    volume_ml,
                };
                let donor = p.donor.clone();
                let version = self.stamp(now);
                if let Some(d) = self.donor_mut(&donor) {
                    d.record_donation(donation, version);
                }
                PledgeStatus::Donated {
                    volume_ml,
                    units,
                    at: now,
                }
            }
            Outcome::Deferred(deferral) => {
                if deferral.until <= p.slot.date {
                    return Err(DomainError::DeferralNotInFuture);
                }
                PledgeStatus::Deferred { deferral, at: now }
            }
            Outcome::NoShow => PledgeStatus::NoShow { at: now },
        };
        self.set_status(id, status, now);
        Ok(())
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod sync_tests;

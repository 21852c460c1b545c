//! The stored layout and everything that reads or writes it: namespaced keys, a small meta key
//! with the schema version, set-up records in one key, donors in 64 shards by id, pledges in one
//! shard per place and day, quarantine of unreadable values, and the guard that never lets this
//! build overwrite data written by a newer one.
//!
//! Schema 2 is the first layout with campaign data (schema 1, the first release, stored only
//! preferences, which keep their own key and version). A later layout adds its migration to
//! [`Store::open`], before the values are read, with a fixture of this layout and a test.
//!
//! Keys (all under `hienmau/`):
//! - `hienmau/meta`: `{"v":2,"app":"0.1.0","device":"..."}`;
//! - `hienmau/setup`: campaigns, sites, units and drives;
//! - `hienmau/donors/<00-3f>`: donors whose id hashes to that bucket;
//! - `hienmau/pledges/d.<drive>.<site>/<yyyy-mm-dd>` and `hienmau/pledges/f.<site>/<yyyy-mm-dd>`:
//!   the pledges of one drive site or fixed point on one day;
//! - `hienmau/quarantine/<key>`: the text of a value that could not be read, moved aside;
//! - `hienmau/prefs`: preferences (see [`super::prefs`]).

use std::collections::BTreeMap;

use super::codec::{self, DecodeError, SCHEMA};
use super::json::{self, json_object};
use super::repository::{Repository, Usage, WriteError};
use crate::domain::{
    ChangeSet, Date, DomainError, Donor, DonorId, DriveId, Ledger, LedgerBuild, Place, Pledge,
    PledgeId, RecordKind, Setup, SiteId, SlotRef,
};

/// Prefix of every key this app writes.
pub const PREFIX: &str = "hienmau/";
/// The meta key.
pub const META: &str = "hienmau/meta";
/// The set-up key.
pub const SETUP: &str = "hienmau/setup";
/// Prefix of the donor shards.
pub const DONORS: &str = "hienmau/donors/";
/// Prefix of the pledge shards.
pub const PLEDGES: &str = "hienmau/pledges/";
/// Prefix of quarantined values; the rest of the key is the original key.
pub const QUARANTINE: &str = "hienmau/quarantine/";
const DONOR_BUCKETS: u32 = 64;

/// The donor shard a donor id belongs to (FNV-1a of the id, 64 buckets).
pub fn donor_key(id: &DonorId) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in id.as_str().bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{DONORS}{:02x}", h % DONOR_BUCKETS)
}

/// The pledge shard of a place and day.
pub fn pledge_key(place: &Place, date: Date) -> String {
    match place {
        Place::Drive { drive, site } => format!("{PLEDGES}d.{drive}.{site}/{date}"),
        Place::Fixed { site } => format!("{PLEDGES}f.{site}/{date}"),
    }
}

/// The shard of each donor and pledge a change set names (a moved pledge's twice: the shard it
/// is in, then the one it left), as (key, index into `changes.touched`), each key's entries
/// together in the order first met (grouped by plain loops, not a generic sort: smaller wasm).
fn shard_plan(changes: &ChangeSet) -> Vec<(String, usize)> {
    let mut entries = Vec::new();
    for (i, t) in changes.touched.iter().enumerate() {
        if t.kind == RecordKind::Donor {
            if let Ok(id) = DonorId::new(t.id.as_str()) {
                entries.push((donor_key(&id), i));
            }
        } else if t.kind == RecordKind::Pledge {
            for slot in t.slot.iter().chain(&t.left) {
                entries.push((pledge_key(&slot.place, slot.date), i));
            }
        }
    }
    let mut plan: Vec<(String, usize)> = Vec::with_capacity(entries.len());
    let mut taken = vec![false; entries.len()];
    for first in 0..entries.len() {
        for next in first..entries.len() {
            if !taken[next] && entries[next].0 == entries[first].0 {
                taken[next] = true;
                plan.push(entries[next].clone());
            }
        }
    }
    plan
}

/// The keys a change set writes: the set-up's when a campaign, site, unit or drive changed,
/// each donor's shard, and each pledge's shard and the one it left. [`Store::save`] writes
/// exactly these.
pub fn shards_of(changes: &ChangeSet) -> Vec<String> {
    let mut keys: Vec<String> = shard_plan(changes).into_iter().map(|(k, _)| k).collect();
    if changes.touches_setup() {
        keys.push(SETUP.to_owned());
    }
    keys.dedup();
    keys
}

/// The place and day of a pledge shard key, if it is one.
pub fn parse_pledge_key(key: &str) -> Option<(Place, Date)> {
    let rest = key.strip_prefix(PLEDGES)?;
    let (place, date) = rest.split_once('/')?;
    let date: Date = date.parse().ok()?;
    let place = if let Some(p) = place.strip_prefix("d.") {
        let (drive, site) = p.split_once('.')?;
        Place::Drive {
            drive: DriveId::new(drive).ok()?,
            site: SiteId::new(site).ok()?,
        }
    } else {
        Place::Fixed {
            site: SiteId::new(place.strip_prefix("f.")?).ok()?,
        }
    };
    Some((place, date))
}

/// The meta value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct Meta {
    /// Schema version of the whole store.
    pub v: u32,
    /// Version of the app that last wrote the meta.
    pub app: String,
    /// This device's id, written into exports so merges can say where data came from.
    pub device: String,
}

// Stored as `{"v":2,"app":"0.1.0","device":"..."}`.
json_object! {
    Meta { v, app, device }
}

/// Something about the stored data the person must hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A value could not be read; its text was moved to [`QUARANTINE`] + key, where it can be
    /// downloaded. The rest of the data works.
    Quarantined {
        /// The original key.
        key: String,
        /// What was wrong.
        reason: String,
    },
    /// A value could not be read and could not be moved aside (read-only, or no room): it stays
    /// where it is, untouched, and is left out.
    Unreadable {
        /// The key.
        key: String,
        /// What was wrong.
        reason: String,
    },
    /// Data written by a newer version of the app: this one opens read-only.
    Newer {
        /// The newer schema version found.
        version: u32,
    },
}

/// What opening the store found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// Everything that could be read.
    pub ledger: Ledger,
    /// What the person must be told.
    pub problems: Vec<Problem>,
}

/// Why a text from elsewhere was not merged ([`Store::merge_text`]); nothing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    /// The text does not read as this key's value (damaged, or from a newer app).
    Unreadable(DecodeError),
    /// It reads, but merged with ours it would break a rule of the domain (two devices each
    /// created the same year's campaign offline): the reason, for the organizers to settle.
    Refused(DomainError),
}

/// Every record being read a few values at a time: see [`Store::start_reading`].
#[derive(Debug)]
pub struct Reading {
    keys: Vec<String>,
    next: usize,
    setup: Setup,
    donors: Vec<Donor>,
    pledges: Vec<Pledge>,
    invalid: Vec<(String, String, String)>,
    problems: Vec<Problem>,
    /// The ledger being built from what was read, once every value is.
    build: Option<LedgerBuild>,
}

/// Why a change was not saved; the stored data and the previous state are as they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// The store is read-only (newer data, or a failed migration).
    ReadOnly,
    /// The browser refused the write (full, or storage turned off).
    Write {
        /// What the browser said.
        error: WriteError,
        /// How full storage is now.
        usage: Usage,
    },
}

/// The store: a repository and the layout above.
#[derive(Debug)]
pub struct Store<R> {
    repo: R,
    read_only: bool,
    device: String,
    /// No meta was found: the app version to write in one once the records are read.
    meta_to_write: Option<String>,
    /// A meta that could not be read (its text and why), set aside with the other unreadable
    /// values once every record is read (it may have held this device's id or a newer
    /// schema's number): never silently replaced.
    damaged_meta: Option<(String, String)>,
}

/// The ledger build of `reading`, started from what it has read the first time.
fn ledger_build(reading: &mut Reading) -> &mut LedgerBuild {
    reading.build.get_or_insert_with(|| {
        LedgerBuild::new(
            std::mem::take(&mut reading.setup),
            std::mem::take(&mut reading.donors),
            std::mem::take(&mut reading.pledges),
        )
    })
}

/// A value as read: rows, a newer schema, or garbage.
enum Read<T> {
    Rows(T),
    Newer(u32),
    Invalid(String),
}

fn read<T>(result: Result<T, DecodeError>) -> Read<T> {
    match result {
        Ok(rows) => Read::Rows(rows),
        Err(DecodeError::Newer(v)) => Read::Newer(v),
        Err(DecodeError::Invalid(why)) => Read::Invalid(why),
    }
}

/// Reads and validates a stored set-up value.
pub fn decode_setup_text(text: &str) -> Result<Setup, DecodeError> {
    decode_setup(text)
}

fn decode_setup(text: &str) -> Result<Setup, DecodeError> {
    let setup: Setup = codec::unwrap(text)?;
    setup
        .validate()
        .map_err(|e| DecodeError::Invalid(e.to_string()))?;
    Ok(setup)
}

impl<R: Repository> Store<R> {
    /// Opens the store: reads every value, moves unreadable ones aside, and turns read-only
    /// when any value comes from a newer version. `new_device_id` names this
    /// device the first time.
    pub fn open(
        repo: R,
        app_version: &str,
        new_device_id: impl FnOnce() -> String,
    ) -> (Store<R>, Loaded) {
        let (mut store, mut problems) = Store::open_lazily(repo, app_version, new_device_id);
        let mut loaded = store.read_records();
        problems.append(&mut loaded.problems);
        loaded.problems = problems;
        (store, loaded)
    }

    /// Opens the store without reading a record: only the meta (schema version, device id) and
    /// what it says (newer data: read-only). For a page that needs no record to start (the
    /// eligibility self-check, a shared drive); [`Store::read_records`] reads them when one is
    /// needed.
    pub fn open_lazily(
        repo: R,
        app_version: &str,
        new_device_id: impl FnOnce() -> String,
    ) -> (Store<R>, Vec<Problem>) {
        let mut store = Store {
            repo,
            read_only: false,
            device: String::new(),
            meta_to_write: None,
            damaged_meta: None,
        };
        let mut problems = Vec::new();
        let meta = match store.repo.get(META) {
            None => None,
            Some(text) => match json::from_str::<Meta>(&text) {
                Ok(meta) => Some(meta),
                Err(e) => {
                    store.damaged_meta = Some((text, e.to_string()));
                    None
                }
            },
        };
        if let Some(meta) = &meta {
            store.device = meta.device.clone();
            if meta.v > SCHEMA {
                store.read_only = true;
                problems.push(Problem::Newer { version: meta.v });
            }
        }
        if store.device.is_empty() {
            store.device = new_device_id();
        }
        if meta.is_none() {
            // Written once every record has been read and none is newer.
            store.meta_to_write = Some(app_version.to_owned());
        }
        (store, problems)
    }

    /// Reads every record, moves unreadable ones aside, and turns read-only when any value
    /// comes from a newer version.
    pub fn read_records(&mut self) -> Loaded {
        let mut reading = self.start_reading();
        self.read_some(&mut reading, usize::MAX);
        self.finish_reading(reading)
    }

    /// Starts reading every record a few values at a time ([`Store::read_some`], then
    /// [`Store::finish_reading`]), so a page can read a large store between frames and answer
    /// input meanwhile. It ends with what [`Store::read_records`] gives.
    pub fn start_reading(&self) -> Reading {
        let keys = self
            .repo
            .keys()
            .into_iter()
            .filter(|k| k.starts_with(PREFIX) && !k.starts_with(QUARANTINE))
            .collect();
        Reading {
            keys,
            next: 0,
            setup: Setup::default(),
            donors: Vec::new(),
            pledges: Vec::new(),
            invalid: Vec::new(),
            problems: Vec::new(),
            build: None,
        }
    }

    /// Reads up to `count` more values of `reading`; true when every value has been read.
    /// Nothing is written until [`Store::finish_reading`], so a newer value anywhere keeps every
    /// value (garbage included) exactly as it is.
    pub fn read_some(&mut self, reading: &mut Reading, count: usize) -> bool {
        let end = reading.keys.len().min(reading.next.saturating_add(count));
        while reading.next < end {
            let key = std::mem::take(&mut reading.keys[reading.next]);
            reading.next += 1;
            let Some(text) = self.repo.get(&key) else {
                continue;
            };
            let outcome = if key == SETUP {
                match read(decode_setup(&text)) {
                    Read::Rows(s) => {
                        reading.setup = s;
                        None
                    }
                    Read::Newer(v) => Some(Err(v)),
                    Read::Invalid(why) => Some(Ok(why)),
                }
            } else if key.starts_with(DONORS) {
                match read(codec::decode_donors(&text)) {
                    Read::Rows(rows) => {
                        reading.donors.extend(rows);
                        None
                    }
                    Read::Newer(v) => Some(Err(v)),
                    Read::Invalid(why) => Some(Ok(why)),
                }
            } else if key.starts_with(PLEDGES) {
                match parse_pledge_key(&key) {
                    None => Some(Ok("not a pledge shard key".to_owned())),
                    Some((place, date)) => match read(codec::decode_pledges(&text, &place, date)) {
                        Read::Rows(rows) => {
                            reading.pledges.extend(rows);
                            None
                        }
                        Read::Newer(v) => Some(Err(v)),
                        Read::Invalid(why) => Some(Ok(why)),
                    },
                }
            } else {
                None
            };
            match outcome {
                Some(Err(version)) => {
                    if !self.read_only {
                        reading.problems.push(Problem::Newer { version });
                    }
                    self.read_only = true;
                }
                Some(Ok(why)) => reading.invalid.push((key, text, why)),
                None => {}
            }
        }
        reading.next >= reading.keys.len()
    }

    /// Builds up to `count` more records of the ledger from what `reading` has read
    /// ([`LedgerBuild::step`]), once every value is read; true when the ledger is complete.
    /// A page builds a large ledger between frames this way, before
    /// [`Store::finish_reading`].
    pub fn build_some(&self, reading: &mut Reading, count: usize) -> bool {
        if reading.next < reading.keys.len() {
            return false;
        }
        ledger_build(reading).step(count)
    }

    /// Reads what is left of `reading`, sets aside what could not be read, writes the meta a
    /// new store needs, and builds the ledger.
    pub fn finish_reading(&mut self, mut reading: Reading) -> Loaded {
        self.read_some(&mut reading, usize::MAX);
        let store = self;
        let Reading {
            setup,
            donors,
            pledges,
            build,
            mut invalid,
            mut problems,
            ..
        } = reading;
        if let Some((text, why)) = store.damaged_meta.take() {
            invalid.push((META.to_owned(), text, why));
        }
        for (key, text, why) in invalid {
            problems.extend(store.set_aside(&key, &text, why));
        }
        if let Some(app_version) = store.meta_to_write.take()
            && !store.read_only
        {
            // A new store, or one whose meta was lost or set aside just now: write the meta;
            // failing that, the data still works for this session and the next open tries
            // again.
            let _ = store.write_meta(&app_version);
        }
        let ledger = build
            .unwrap_or_else(|| LedgerBuild::new(setup, donors, pledges))
            .finish();
        Loaded { ledger, problems }
    }

    /// Moves an unreadable value aside, or, when that is not allowed or fails, leaves it.
    fn set_aside(&mut self, key: &str, text: &str, reason: String) -> Option<Problem> {
        if !self.read_only && self.repo.set(&format!("{QUARANTINE}{key}"), text).is_ok() {
            self.repo.remove(key);
            Some(Problem::Quarantined {
                key: key.to_owned(),
                reason,
            })
        } else {
            Some(Problem::Unreadable {
                key: key.to_owned(),
                reason,
            })
        }
    }

    fn write_meta(&mut self, app_version: &str) -> Result<(), WriteError> {
        let meta = Meta {
            v: SCHEMA,
            app: app_version.to_owned(),
            device: self.device.clone(),
        };
        self.repo.set(META, &json::to_string(&meta))
    }

    /// Writes every shard of `ledger` (a restore), all or nothing.
    fn write_all(&mut self, ledger: &Ledger) -> Result<(), WriteError> {
        let mut entries = vec![(SETUP.to_owned(), codec::wrap(ledger.setup()))];
        let mut donor_shards: BTreeMap<String, Vec<&Donor>> = BTreeMap::new();
        for d in ledger.donors() {
            donor_shards.entry(donor_key(&d.id)).or_default().push(d);
        }
        entries.extend(
            donor_shards
                .into_iter()
                .map(|(key, rows)| (key, codec::encode_donors(rows))),
        );
        let mut pledge_shards: BTreeMap<String, Vec<&Pledge>> = BTreeMap::new();
        for p in ledger.pledges() {
            pledge_shards
                .entry(pledge_key(&p.slot.place, p.slot.date))
                .or_default()
                .push(p);
        }
        entries.extend(
            pledge_shards
                .into_iter()
                .map(|(key, rows)| (key, codec::encode_pledges(rows))),
        );
        self.write_batch(&entries)
    }

    /// Writes several values all or nothing: when one write is refused, the ones before it are
    /// undone (new keys removed first, which frees the room to put the old values back).
    fn write_batch(&mut self, entries: &[(String, String)]) -> Result<(), WriteError> {
        let mut journal: Vec<(&str, Option<String>)> = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            let old = self.repo.get(key);
            if let Err(e) = self.repo.set(key, value) {
                for (k, _) in journal.iter().rev().filter(|(_, old)| old.is_none()) {
                    self.repo.remove(k);
                }
                for (k, old) in journal.iter().rev() {
                    if let Some(v) = old {
                        let _ = self.repo.set(k, v);
                    }
                }
                return Err(e);
            }
            journal.push((key, old));
        }
        Ok(())
    }

    /// Whether this store refuses every write (newer data, or a failed migration).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// This device's id.
    pub fn device(&self) -> &str {
        &self.device
    }

    /// Whether writes survive a reload (false for the in-memory fallback).
    pub fn is_persistent(&self) -> bool {
        self.repo.is_persistent()
    }

    /// How full storage is.
    pub fn usage(&self) -> Usage {
        Usage::of(&self.repo)
    }

    /// The repository underneath.
    pub fn repository(&self) -> &R {
        &self.repo
    }

    /// The repository underneath, for values outside the layout (preferences); writes made
    /// here bypass the read-only guard, so only use it for keys the guard does not cover.
    pub fn repository_mut(&mut self) -> &mut R {
        &mut self.repo
    }

    /// Quarantined values: original key and text, for the person to download.
    pub fn quarantined(&self) -> Vec<(String, String)> {
        self.repo
            .keys()
            .into_iter()
            .filter_map(|k| {
                let original = k.strip_prefix(QUARANTINE)?.to_owned();
                Some((original, self.repo.get(&k)?))
            })
            .collect()
    }

    fn write(&mut self, key: &str, value: &str) -> Result<(), SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        self.repo.set(key, value).map_err(|error| SaveError::Write {
            error,
            usage: Usage::of(&self.repo),
        })
    }

    /// Saves the set-up records (one small value).
    pub fn save_setup(&mut self, setup: &Setup) -> Result<(), SaveError> {
        self.write(SETUP, &codec::wrap(setup))
    }

    /// Reads a shard for rewriting: its rows, or nothing when it is absent or unreadable (an
    /// unreadable one is moved aside first, so rewriting it loses nothing).
    fn rows_for_rewrite<T>(
        &mut self,
        key: &str,
        decode: impl Fn(&str) -> Result<Vec<T>, DecodeError>,
    ) -> Result<Vec<T>, SaveError> {
        let Some(text) = self.repo.get(key) else {
            return Ok(Vec::new());
        };
        match decode(&text) {
            Ok(rows) => Ok(rows),
            Err(DecodeError::Newer(_)) => {
                self.read_only = true;
                Err(SaveError::ReadOnly)
            }
            Err(DecodeError::Invalid(why)) => match self.set_aside(key, &text, why) {
                Some(Problem::Quarantined { .. }) => Ok(Vec::new()),
                _ => Err(SaveError::ReadOnly),
            },
        }
    }

    /// Saves what one change did: exactly the shards of [`shards_of`] `changes`, each read
    /// again (another tab may have written it) and rewritten once with the records of `ledger`
    /// it holds. A version stored by another tab that is newer than ours stays.
    pub fn save(&mut self, ledger: &Ledger, changes: &ChangeSet) -> Result<(), SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        if changes.touches_setup() {
            self.save_setup(ledger.setup())?;
        }
        let plan = shard_plan(changes);
        for group in plan.chunk_by(|a, b| a.0 == b.0) {
            let key = &group[0].0;
            if changes.touched[group[0].1].kind == RecordKind::Donor {
                let ids: Vec<DonorId> = group
                    .iter()
                    .filter_map(|(_, i)| DonorId::new(changes.touched[*i].id.as_str()).ok())
                    .collect();
                self.rewrite_donors(key, &ids, &|id| ledger.donor(id))?;
            } else if let Some((place, date)) = parse_pledge_key(key) {
                let ids: Vec<PledgeId> = group
                    .iter()
                    .filter_map(|(_, i)| PledgeId::new(changes.touched[*i].id.as_str()).ok())
                    .collect();
                let here = |p: &&Pledge| p.slot.place == place && p.slot.date == date;
                let current = |id: &PledgeId| ledger.pledge_by_id(id).filter(here);
                self.rewrite_pledges(key, &place, date, &ids, &current)?;
            }
        }
        Ok(())
    }

    /// Rewrites one donor shard: the rows of `ids` become `current`'s versions (none: taken
    /// out), unless the stored row is newer.
    fn rewrite_donors<'a>(
        &mut self,
        key: &str,
        ids: &[DonorId],
        current: &dyn Fn(&DonorId) -> Option<&'a Donor>,
    ) -> Result<(), SaveError> {
        let mut rows = self.rows_for_rewrite(key, codec::decode_donors)?;
        rows.retain(|d| {
            !ids.contains(&d.id) || current(&d.id).is_some_and(|c| d.updated_at > c.updated_at)
        });
        for d in ids.iter().filter_map(current) {
            if !rows.iter().any(|r| r.id == d.id) {
                rows.push(d.clone());
            }
        }
        crate::domain::order::sort_by(&mut rows, |a, b| a.id.cmp(&b.id));
        if rows.is_empty() {
            self.repo.remove(key);
            return Ok(());
        }
        self.write(key, &codec::encode_donors(&rows))
    }

    /// Rewrites one pledge shard (of `place` on `date`) as [`Store::rewrite_donors`] does; an
    /// emptied shard is removed.
    fn rewrite_pledges<'a>(
        &mut self,
        key: &str,
        place: &Place,
        date: Date,
        ids: &[PledgeId],
        current: &dyn Fn(&PledgeId) -> Option<&'a Pledge>,
    ) -> Result<(), SaveError> {
        let mut rows = self.rows_for_rewrite(key, |t| codec::decode_pledges(t, place, date))?;
        rows.retain(|p| {
            !ids.contains(&p.id) || current(&p.id).is_some_and(|c| p.updated_at > c.updated_at)
        });
        for p in ids.iter().filter_map(current) {
            if !rows.iter().any(|r| r.id == p.id) {
                rows.push(p.clone());
            }
        }
        crate::domain::order::sort_by(&mut rows, |a, b| a.id.cmp(&b.id));
        if rows.is_empty() {
            self.repo.remove(key);
            return Ok(());
        }
        self.write(key, &codec::encode_pledges(&rows))
    }

    /// Saves one donor: re-reads the donor's shard (another tab may have written it), puts this
    /// version in by id and writes that shard only.
    pub fn save_donor(&mut self, donor: &Donor) -> Result<(), SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        self.rewrite_donors(
            &donor_key(&donor.id),
            std::slice::from_ref(&donor.id),
            &|_| Some(donor),
        )
    }

    /// Saves one pledge: re-reads its shard, puts this version in by id and writes that shard;
    /// when it moved from another slot's shard, takes it out of that one afterwards (a copy left
    /// behind by a failure there is older and loses every merge).
    pub fn save_pledge(
        &mut self,
        pledge: &Pledge,
        moved_from: Option<&SlotRef>,
    ) -> Result<(), SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        let ids = std::slice::from_ref(&pledge.id);
        let key = pledge_key(&pledge.slot.place, pledge.slot.date);
        let (place, date) = (&pledge.slot.place, pledge.slot.date);
        self.rewrite_pledges(&key, place, date, ids, &|_| Some(pledge))?;
        if let Some(old) = moved_from {
            let old_key = pledge_key(&old.place, old.date);
            if old_key != key {
                self.rewrite_pledges(&old_key, &old.place, old.date, ids, &|_| None)?;
            }
        }
        Ok(())
    }

    /// Merges into `ledger` what storage holds under `key` (another tab wrote it). Returns
    /// whether anything was read.
    pub fn reload_key(&mut self, key: &str, ledger: &mut Ledger) -> bool {
        let Some(text) = self.repo.get(key) else {
            return false;
        };
        if key == META {
            if let Ok(meta) = json::from_str::<Meta>(&text)
                && meta.v > SCHEMA
            {
                self.read_only = true;
            }
            return false;
        }
        let result = if key == SETUP {
            decode_setup(&text).and_then(|s| {
                ledger
                    .replace_setup(s)
                    .map_err(|e| DecodeError::Invalid(e.to_string()))
            })
        } else if key.starts_with(DONORS) {
            codec::decode_donors(&text).map(|rows| {
                for d in rows {
                    ledger.merge_donor(d);
                }
            })
        } else if let Some((place, date)) = parse_pledge_key(key) {
            codec::decode_pledges(&text, &place, date).map(|rows| {
                for p in rows {
                    ledger.merge_pledge(p);
                }
            })
        } else {
            return false;
        };
        match result {
            Ok(()) => true,
            Err(DecodeError::Newer(_)) => {
                self.read_only = true;
                false
            }
            Err(DecodeError::Invalid(_)) => false,
        }
    }

    /// Merges into `ledger` the text of a stored value that came from elsewhere (another
    /// device through sync) as if it were stored under `key`, by the domain's merge rules, and
    /// returns what changed as a change set (save it with [`Store::save`], then commit). The
    /// text is checked as any stored value is; an unreadable one, or a set-up that would
    /// break a rule of the domain merged with ours, changes nothing.
    pub fn merge_text(
        &self,
        key: &str,
        text: &str,
        ledger: &mut Ledger,
    ) -> Result<ChangeSet, MergeError> {
        ledger.begin();
        let result = if key == SETUP {
            decode_setup(text)
                .map_err(MergeError::Unreadable)
                .and_then(|s| {
                    ledger
                        .merge_setup(&s)
                        .map(|_| ())
                        .map_err(MergeError::Refused)
                })
        } else if key.starts_with(DONORS) {
            codec::decode_donors(text)
                .map(|rows| {
                    for d in rows {
                        ledger.merge_donor(d);
                    }
                })
                .map_err(MergeError::Unreadable)
        } else if let Some((place, date)) = parse_pledge_key(key) {
            codec::decode_pledges(text, &place, date)
                .map(|rows| {
                    for p in rows {
                        ledger.merge_pledge(p);
                    }
                })
                .map_err(MergeError::Unreadable)
        } else {
            Err(MergeError::Unreadable(DecodeError::Invalid(format!(
                "not a synced key: {key}"
            ))))
        };
        match result {
            Ok(()) => {
                let changes = ledger.changes();
                Ok(changes)
            }
            Err(e) => {
                ledger.roll_back();
                Err(e)
            }
        }
    }

    /// Removes every key of this app, preferences and quarantine included.
    pub fn wipe(&mut self) {
        for key in self.repo.keys() {
            if key.starts_with(PREFIX) {
                self.repo.remove(&key);
            }
        }
        self.read_only = false;
    }

    /// Replaces everything stored with `ledger` (a restore), writing every shard; stale shards
    /// of the old data are removed afterwards.
    pub fn replace_all(&mut self, ledger: &Ledger, app_version: &str) -> Result<(), SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        let before: Vec<String> = self
            .repo
            .keys()
            .into_iter()
            .filter(|k| k.starts_with(DONORS) || k.starts_with(PLEDGES))
            .collect();
        let usage = |repo: &R| Usage::of(repo);
        self.write_all(ledger).map_err(|error| SaveError::Write {
            error,
            usage: usage(&self.repo),
        })?;
        self.write_meta(app_version)
            .map_err(|error| SaveError::Write {
                error,
                usage: usage(&self.repo),
            })?;
        let keep = crate::domain::order::set_of(
            ledger.donors().map(|d| donor_key(&d.id)).chain(
                ledger
                    .pledges()
                    .map(|p| pledge_key(&p.slot.place, p.slot.date)),
            ),
        );
        for key in before {
            if !keep.contains(&key) {
                self.repo.remove(&key);
            }
        }
        Ok(())
    }
}

/// Which pledge ids a shard holds (tests and diagnostics).
pub fn shard_ids(text: &str, place: &Place, date: Date) -> Vec<PledgeId> {
    codec::decode_pledges(text, place, date)
        .map(|rows| rows.into_iter().map(|p| p.id).collect())
        .unwrap_or_default()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests;

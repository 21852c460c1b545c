//! What one change did to the records, read from the ledger's journal: the one account of a
//! change that storage writes from and that sync (the next rung, CouchDB) will push.
//!
//! How a change flows, from a click to storage:
//!
//! 1. a page asks `AppState::change` (src/ui/state.rs) to run domain operations
//!    ([`Ledger::pledge`], [`Ledger::register_donor`], ...) and lists nothing itself;
//! 2. while the change runs, the ledger's journal keeps each record's value from before its
//!    first write;
//! 3. [`Ledger::changes`] compares those values with the records now: the [`ChangeSet`] lists
//!    every record that differs, by kind and id, with its version and whether it is gone;
//! 4. storage maps the set to the shards that hold those records and writes only them
//!    (`Store::save`); when it cannot, the ledger rolls the change back and nothing shows;
//! 5. sync pushes the shards the set maps to (one document per stored shard, see the
//!    README's "Sync"): another device merges them by the records' versions.

use super::{Journal, Ledger, Setup, Versioned};
use std::collections::BTreeMap;

use crate::domain::{SlotRef, Timestamp};

/// The kinds of records a change can touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    /// A campaign (set-up).
    Campaign,
    /// A site (set-up).
    Site,
    /// A participating unit (set-up).
    Unit,
    /// A drive (set-up).
    Drive,
    /// A donor.
    Donor,
    /// A pledge.
    Pledge,
}

impl RecordKind {
    /// Whether records of this kind are stored together as the set-up.
    pub fn is_setup(self) -> bool {
        matches!(
            self,
            RecordKind::Campaign | RecordKind::Site | RecordKind::Unit | RecordKind::Drive
        )
    }

    /// The kind's name in document ids (`pledge/<id>`).
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Campaign => "campaign",
            RecordKind::Site => "site",
            RecordKind::Unit => "unit",
            RecordKind::Drive => "drive",
            RecordKind::Donor => "donor",
            RecordKind::Pledge => "pledge",
        }
    }
}

/// One record a change touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touched {
    /// Which kind of record.
    pub kind: RecordKind,
    /// Its id (unique within its kind).
    pub id: String,
    /// Its version after the change: the update time of a donor or pledge, the version of a
    /// set-up record (both by the ledger's hybrid clock); for a deleted set-up record, the
    /// version of its deletion (its tombstone), else of its last copy.
    pub version: Option<Timestamp>,
    /// The record is gone.
    pub deleted: bool,
    /// A pledge's slot after the change (before it, when deleted): its storage shard.
    pub slot: Option<SlotRef>,
    /// The slot a pledge left, when the change moved it.
    pub left: Option<SlotRef>,
}

impl Touched {
    fn record(kind: RecordKind, id: &str, deleted: bool) -> Touched {
        Touched {
            kind,
            id: id.to_owned(),
            version: None,
            deleted,
            slot: None,
            left: None,
        }
    }
}

/// Every record one change touched, set-up records first, then donors, then pledges, each by
/// id. A record written back to the value it had is not in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSet {
    /// The records, in the order above.
    pub touched: Vec<Touched>,
}

impl ChangeSet {
    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.touched.is_empty()
    }

    /// Whether a set-up record (campaign, site, unit, drive) changed.
    pub fn touches_setup(&self) -> bool {
        self.touched.iter().any(|t| t.kind.is_setup())
    }

    /// The donors touched.
    pub fn donors(&self) -> impl Iterator<Item = &Touched> {
        self.of(RecordKind::Donor)
    }

    /// The pledges touched.
    pub fn pledges(&self) -> impl Iterator<Item = &Touched> {
        self.of(RecordKind::Pledge)
    }

    fn of(&self, kind: RecordKind) -> impl Iterator<Item = &Touched> {
        self.touched.iter().filter(move |t| t.kind == kind)
    }
}

/// Adds to `out` each set-up record of `old` or `new` whose value differs, with its version
/// (a deleted one's from its tombstone in `setup`, the set-up now, when there is one).
fn diff<K: Ord + AsRef<str>, V: PartialEq + Versioned>(
    kind: RecordKind,
    old: &BTreeMap<K, V>,
    new: &BTreeMap<K, V>,
    setup: &Setup,
    out: &mut Vec<Touched>,
) {
    for (k, v) in old {
        let now = new.get(k);
        if now != Some(v) {
            let mut t = Touched::record(kind, k.as_ref(), now.is_none());
            t.version = Some(match now {
                Some(n) => n.version(),
                None => setup.removed_at(kind, k.as_ref()).unwrap_or(v.version()),
            });
            out.push(t);
        }
    }
    for (k, v) in new.iter().filter(|(k, _)| !old.contains_key(*k)) {
        let mut t = Touched::record(kind, k.as_ref(), false);
        t.version = Some(v.version());
        out.push(t);
    }
}

impl Ledger {
    /// What the change being recorded (since [`Ledger::begin`]) has done so far; empty when
    /// nothing is recorded. Storage writes exactly this before [`Ledger::commit`].
    pub fn changes(&self) -> ChangeSet {
        let mut touched = Vec::new();
        let Some(journal) = self.journal.as_deref() else {
            return ChangeSet { touched };
        };
        let Journal {
            setup,
            donors,
            pledges,
            ..
        } = journal;
        if let Some(old) = setup {
            let new = &self.setup;
            let t = &mut touched;
            diff(RecordKind::Campaign, &old.campaigns, &new.campaigns, new, t);
            diff(RecordKind::Site, &old.sites, &new.sites, new, t);
            diff(RecordKind::Unit, &old.units, &new.units, new, t);
            diff(RecordKind::Drive, &old.drives, &new.drives, new, t);
            // A deletion of a record this device never had is a change too: the tombstone
            // is stored (and travels) so the record stays deleted here.
            for r in new.removed.iter().filter(|r| !old.removed.contains(r)) {
                let (kind, id) = match r.key.split_once('/') {
                    Some(("campaign", id)) => (RecordKind::Campaign, id),
                    Some(("site", id)) => (RecordKind::Site, id),
                    Some(("unit", id)) => (RecordKind::Unit, id),
                    Some((_, id)) => (RecordKind::Drive, id),
                    None => continue,
                };
                if !t.iter().any(|x| x.id == id && x.kind == kind) {
                    let mut gone = Touched::record(kind, id, true);
                    gone.version = Some(r.version);
                    t.push(gone);
                }
            }
        }
        for (id, old) in donors {
            let new = self.donors.get(id);
            if new != old.as_ref() {
                let mut t = Touched::record(RecordKind::Donor, id.as_str(), new.is_none());
                t.version = new.or(old.as_ref()).map(|d| d.updated_at);
                touched.push(t);
            }
        }
        for (id, old) in pledges {
            let new = self.pledges.get(id);
            if new != old.as_ref() {
                let mut t = Touched::record(RecordKind::Pledge, id.as_str(), new.is_none());
                let (before, after) = (old.as_ref().map(|p| &p.slot), new.map(|p| &p.slot));
                t.version = new.or(old.as_ref()).map(|p| p.updated_at);
                t.slot = after.or(before).cloned();
                t.left = before.filter(|b| after.is_some_and(|a| a != *b)).cloned();
                touched.push(t);
            }
        }
        ChangeSet { touched }
    }
}

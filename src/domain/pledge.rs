//! Pledges: a donor's promise to give at a drive or fixed point on a day and slot, and what
//! became of it (pledged -> checked in -> donated | deferred | no-show; or cancelled).

use serde::{Deserialize, Serialize};

use super::{Date, DonationType, DonorId, DriveId, PledgeId, SiteId, TimeOfDay, Timestamp, Units};

/// Where a pledge is for: a site of a drive, or a fixed point outside any drive.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Place {
    /// A site of a drive.
    Drive {
        /// The drive.
        drive: DriveId,
        /// One of its sites.
        site: SiteId,
    },
    /// A fixed donation point, pledged outside any drive.
    Fixed {
        /// The fixed point.
        site: SiteId,
    },
}

impl Place {
    /// The site, whichever kind of place this is.
    pub fn site(&self) -> &SiteId {
        match self {
            Place::Drive { site, .. } | Place::Fixed { site } => site,
        }
    }

    /// The drive, for a drive's place.
    pub fn drive(&self) -> Option<&DriveId> {
        match self {
            Place::Drive { drive, .. } => Some(drive),
            Place::Fixed { .. } => None,
        }
    }
}

/// One slot of one day at one place: what capacity is counted against.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SlotRef {
    /// Drive site or fixed point.
    pub place: Place,
    /// The day.
    pub date: Date,
    /// The slot's start time.
    pub start: TimeOfDay,
}

/// Why a deferral, as recorded at the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deferral {
    /// What the screening found, in the organizer's words.
    pub reason: String,
    /// The first day they may give again.
    pub until: Date,
}

/// Where a pledge stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PledgeStatus {
    /// Promised; the slot is held.
    Pledged,
    /// Arrived at the desk.
    CheckedIn {
        /// When.
        at: Timestamp,
    },
    /// Gave blood.
    Donated {
        /// Millilitres collected.
        volume_ml: u16,
        /// The units that counts for.
        units: Units,
        /// When it was recorded.
        at: Timestamp,
    },
    /// Screened and deferred.
    Deferred {
        /// Why and until when.
        deferral: Deferral,
        /// When it was recorded.
        at: Timestamp,
    },
    /// Did not come.
    NoShow {
        /// When it was recorded.
        at: Timestamp,
    },
    /// Called off by the donor or by the drive's cancellation.
    Cancelled {
        /// Why, in words (shown in the follow-up list).
        reason: String,
        /// When.
        at: Timestamp,
    },
}

impl PledgeStatus {
    /// Whether the pledge holds its slot (everything but a cancellation does).
    pub fn holds_slot(&self) -> bool {
        !matches!(self, PledgeStatus::Cancelled { .. })
    }

    /// Whether nothing more can happen to it (donated, deferred, no-show, cancelled).
    pub fn is_final(&self) -> bool {
        !matches!(self, PledgeStatus::Pledged | PledgeStatus::CheckedIn { .. })
    }
}

/// A donor's pledge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pledge {
    /// The pledge's id.
    pub id: PledgeId,
    /// Who pledged.
    pub donor: DonorId,
    /// The slot: place, day and start time.
    pub slot: SlotRef,
    /// What they will give.
    pub donation: DonationType,
    /// How much, in millilitres.
    pub volume_ml: u16,
    /// Where it stands.
    pub status: PledgeStatus,
    /// Registered on the spot at the desk rather than pledged ahead.
    pub walk_in: bool,
    /// When it was made.
    pub created_at: Timestamp,
    /// When it last changed (merge keeps the later version).
    pub updated_at: Timestamp,
}

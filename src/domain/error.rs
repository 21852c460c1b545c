//! Every way a domain operation can refuse, one variant per cause, so the UI can show one
//! translated message beside the field concerned.

use std::fmt;

use super::eligibility::Reason;
use super::limits::Limit;
use super::{CampaignId, Date, DonorId, DriveId, PledgeId, SiteId, TimeOfDay, UnitId, Weekday};

/// Why a domain operation refused. Each variant is one cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainError {
    /// Text that is not an ISO date `YYYY-MM-DD` of a real day.
    InvalidDate(String),
    /// Text that is not a time `HH:MM`.
    InvalidTime(String),
    /// Text that is not an id (1 to 40 of `A-Z a-z 0-9 - _`).
    InvalidId(String),
    /// A name that is empty.
    EmptyName,
    /// A person's name shorter than 2 or longer than 100 characters.
    NameLength,
    /// Not a Vietnamese mobile or landline number.
    InvalidPhone,
    /// Not a 12-digit (or older 9-digit) citizen ID.
    InvalidCitizenId,
    /// A birth date after today.
    BirthDateInFuture,
    /// A campaign year outside 2000 to 2100.
    YearOutOfRange(i32),
    /// A growth outside -100 % to +1000 % (basis points given).
    GrowthOutOfRange(i32),
    /// Millilitres per unit outside 100 to 1000.
    MlPerUnitOutOfRange(u16),
    /// A quantity below zero.
    NegativeQuantity,
    /// A unit's quota of zero or less.
    QuotaNotPositive,
    /// An interval or slot that does not end after it starts.
    EndNotAfterStart,
    /// A date range whose end is before its start.
    EndBeforeStart,
    /// Two opening intervals of a site overlap on this weekday.
    OverlappingHours(Weekday),
    /// Two slots of one day overlap.
    OverlappingSlots,
    /// A slot length outside 10 to 240 minutes.
    SlotLengthOutOfRange(u16),
    /// A capacity of zero or less.
    CapacityNotPositive,
    /// A drive not entirely inside its campaign's year.
    DriveOutsideCampaignYear(i32),
    /// A drive with no site.
    NoSites,
    /// A site listed twice in a drive.
    DuplicateSite(SiteId),
    /// A record with this id already exists.
    DuplicateId(String),
    /// No campaign with this id.
    UnknownCampaign(CampaignId),
    /// No site with this id.
    UnknownSite(SiteId),
    /// No unit with this id.
    UnknownUnit(UnitId),
    /// No drive with this id.
    UnknownDrive(DriveId),
    /// No donor with this id.
    UnknownDonor(DonorId),
    /// No pledge with this id.
    UnknownPledge(PledgeId),
    /// The site is not part of this drive.
    SiteNotInDrive(SiteId),
    /// A date that is not one of the drive's days.
    DateOutsideDrive(Date),
    /// A pledge for a fixed point at a site that is a venue, or the reverse.
    NotAFixedPoint(SiteId),
    /// The site has no slot at all that day (closed, or no slots set).
    SiteClosedOnDay(Date),
    /// The site has no slot starting at this time that day.
    NoSuchSlot(Date, TimeOfDay),
    /// The slot already has as many pledges as places.
    SlotFull {
        /// The slot's capacity.
        capacity: u16,
    },
    /// A day or slot that has already begun.
    SlotInPast,
    /// The drive is not open for pledges.
    DriveNotOpen(DriveId),
    /// The drive is cancelled.
    DriveCancelled(DriveId),
    /// This donor already has a pledge that day.
    AlreadyPledgedThatDay(Date),
    /// The donor cannot give this donation on this day; every reason with its citation.
    NotEligible(Vec<Reason>),
    /// A volume that is zero or above 1000 ml.
    VolumeOutOfRange(u16),
    /// The pledge is not in a state that allows this (for example checking in a cancelled one).
    WrongStatus,
    /// A new capacity below the places already taken, without the explicit decision to allow it.
    CapacityBelowPledged {
        /// Pledges holding places in the slot.
        pledged: u32,
    },
    /// A deferral that ends on or before the day it was recorded.
    DeferralNotInFuture,
    /// An edit that would leave pledges without their slot or day; they must be moved or
    /// cancelled first.
    PledgesWouldBeOrphaned(u32),
    /// More than a limit allows (too many sites in a drive, days, slots, places, characters, a
    /// number too large): see [`Limit`].
    OverLimit(Limit),
    /// A second campaign for a year that already has one (under another id).
    YearTaken(i32),
}

impl DomainError {
    /// The cause's name, stable across versions (for logs and tests; people see translations).
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::InvalidDate(..) => "InvalidDate",
            DomainError::InvalidTime(..) => "InvalidTime",
            DomainError::InvalidId(..) => "InvalidId",
            DomainError::EmptyName => "EmptyName",
            DomainError::NameLength => "NameLength",
            DomainError::InvalidPhone => "InvalidPhone",
            DomainError::InvalidCitizenId => "InvalidCitizenId",
            DomainError::BirthDateInFuture => "BirthDateInFuture",
            DomainError::YearOutOfRange(..) => "YearOutOfRange",
            DomainError::GrowthOutOfRange(..) => "GrowthOutOfRange",
            DomainError::MlPerUnitOutOfRange(..) => "MlPerUnitOutOfRange",
            DomainError::NegativeQuantity => "NegativeQuantity",
            DomainError::QuotaNotPositive => "QuotaNotPositive",
            DomainError::EndNotAfterStart => "EndNotAfterStart",
            DomainError::EndBeforeStart => "EndBeforeStart",
            DomainError::OverlappingHours(..) => "OverlappingHours",
            DomainError::OverlappingSlots => "OverlappingSlots",
            DomainError::SlotLengthOutOfRange(..) => "SlotLengthOutOfRange",
            DomainError::CapacityNotPositive => "CapacityNotPositive",
            DomainError::DriveOutsideCampaignYear(..) => "DriveOutsideCampaignYear",
            DomainError::NoSites => "NoSites",
            DomainError::DuplicateSite(..) => "DuplicateSite",
            DomainError::DuplicateId(..) => "DuplicateId",
            DomainError::UnknownCampaign(..) => "UnknownCampaign",
            DomainError::UnknownSite(..) => "UnknownSite",
            DomainError::UnknownUnit(..) => "UnknownUnit",
            DomainError::UnknownDrive(..) => "UnknownDrive",
            DomainError::UnknownDonor(..) => "UnknownDonor",
            DomainError::UnknownPledge(..) => "UnknownPledge",
            DomainError::SiteNotInDrive(..) => "SiteNotInDrive",
            DomainError::DateOutsideDrive(..) => "DateOutsideDrive",
            DomainError::NotAFixedPoint(..) => "NotAFixedPoint",
            DomainError::SiteClosedOnDay(..) => "SiteClosedOnDay",
            DomainError::NoSuchSlot(..) => "NoSuchSlot",
            DomainError::SlotFull { .. } => "SlotFull",
            DomainError::SlotInPast => "SlotInPast",
            DomainError::DriveNotOpen(..) => "DriveNotOpen",
            DomainError::DriveCancelled(..) => "DriveCancelled",
            DomainError::AlreadyPledgedThatDay(..) => "AlreadyPledgedThatDay",
            DomainError::NotEligible(..) => "NotEligible",
            DomainError::VolumeOutOfRange(..) => "VolumeOutOfRange",
            DomainError::WrongStatus => "WrongStatus",
            DomainError::CapacityBelowPledged { .. } => "CapacityBelowPledged",
            DomainError::DeferralNotInFuture => "DeferralNotInFuture",
            DomainError::PledgesWouldBeOrphaned(..) => "PledgesWouldBeOrphaned",
            DomainError::OverLimit(..) => "OverLimit",
            DomainError::YearTaken(..) => "YearTaken",
        }
    }
}

impl fmt::Display for DomainError {
    /// The cause's name and, for text-carrying causes, the text; without `Debug`, which would
    /// pull every domain type's formatting into the wasm.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())?;
        match self {
            DomainError::InvalidDate(s)
            | DomainError::InvalidTime(s)
            | DomainError::InvalidId(s)
            | DomainError::DuplicateId(s) => {
                write!(f, ": {s}")
            }
            DomainError::DateOutsideDrive(d)
            | DomainError::SiteClosedOnDay(d)
            | DomainError::AlreadyPledgedThatDay(d) => {
                write!(f, ": {d}")
            }
            DomainError::UnknownSite(id)
            | DomainError::SiteNotInDrive(id)
            | DomainError::DuplicateSite(id)
            | DomainError::NotAFixedPoint(id) => {
                write!(f, ": {id}")
            }
            DomainError::OverLimit(limit) => write!(f, ": {} > {}", limit.code(), limit.max()),
            DomainError::YearOutOfRange(y)
            | DomainError::DriveOutsideCampaignYear(y)
            | DomainError::YearTaken(y) => {
                write!(f, ": {y}")
            }
            _ => Ok(()),
        }
    }
}

impl std::error::Error for DomainError {}

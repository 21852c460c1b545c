//! The business of a blood-donation campaign in pure Rust: campaigns, drives, sites, units,
//! volunteers, pledges, eligibility rules, targets and statistics.
//!
//! It owns every rule and every mutation (each returns `Result<_, DomainError>`). It must not
//! import leptos, web_sys, js_sys, wasm_bindgen, gloo or plotters, and it reads no clock and no
//! random source: "today" and new ids are arguments, so every behaviour is testable natively.

#![warn(missing_docs)]

mod campaign;
mod donor;
mod drive;
pub mod eligibility;
mod error;
pub mod generate;
mod ids;
mod ledger;
pub mod limits;
pub mod order;
mod pledge;
mod quantity;
pub mod sample;
pub mod schedule;
mod site;
pub mod stats;
pub mod targets;
mod time;
mod unit;

pub use campaign::{Campaign, CampaignDraft};
pub use donor::{
    Abo, BloodGroup, Category, CitizenId, Donation, DonationType, Donor, DonorDraft, Phone, Rh,
    Sex, full_name,
};
pub use drive::{Drive, DriveDraft, DriveSite, DriveStatus, SlotSpec, check_day};
pub use error::DomainError;
pub use ids::{CampaignId, DonorId, DriveId, PledgeId, SiteId, UnitId, is_valid_id};
/// Random sequences of ledger operations, for property tests of what reads the ledger.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) use ledger::tests as ledger_steps;
pub use ledger::{
    Affiliation, CapacityDecision, ChangeSet, Ledger, LedgerBuild, Merged, Now, Outcome,
    PersonDetails, PledgeRequest, RecordKind, Registered, Removed, Setup, SetupMerge, Touched,
};
pub use pledge::{Deferral, Place, Pledge, PledgeStatus, SlotRef};
pub use quantity::{COMMON_VOLUMES_ML, DEFAULT_ML_PER_UNIT, Units, Weight};
pub use site::{Interval, Site, SiteKind, WeeklyHours};
pub use time::{Date, TimeOfDay, Timestamp, Weekday, days_in_month, is_leap_year};
pub use unit::{Unit, UnitKind};

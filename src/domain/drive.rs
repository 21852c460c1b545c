//! Drives (đợt hiến máu): a date range inside a campaign's year, held at one or more sites, each
//! with a daily template of time slots and per-day overrides.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::limits::Limit;
use super::{Campaign, CampaignId, Date, DomainError, DriveId, SiteId, TimeOfDay, Timestamp};

/// One time slot of a day at a site: `[start, end)` taking up to `capacity` donors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SlotSpec {
    /// When the slot starts; it identifies the slot within its day and site.
    pub start: TimeOfDay,
    /// When it ends, after `start`.
    pub end: TimeOfDay,
    /// How many donors it takes, at least 1.
    pub capacity: u16,
}

impl SlotSpec {
    /// A slot that ends after it starts and takes at least one donor and at most
    /// [`Limit::PlacesPerSlot`].
    pub fn new(start: TimeOfDay, end: TimeOfDay, capacity: u16) -> Result<SlotSpec, DomainError> {
        if end <= start {
            return Err(DomainError::EndNotAfterStart);
        }
        if capacity == 0 {
            return Err(DomainError::CapacityNotPositive);
        }
        Limit::PlacesPerSlot.check(usize::from(capacity))?;
        Ok(SlotSpec {
            start,
            end,
            capacity,
        })
    }
}

/// Sorts a day's slots and refuses overlaps (two slots of one day must not share a minute) and
/// more than [`Limit::SlotsPerDay`].
pub fn check_day(mut slots: Vec<SlotSpec>) -> Result<Vec<SlotSpec>, DomainError> {
    Limit::SlotsPerDay.check(slots.len())?;
    super::order::sort_by(&mut slots, Ord::cmp);
    for slot in &slots {
        SlotSpec::new(slot.start, slot.end, slot.capacity)?;
    }
    if slots.windows(2).any(|w| w[1].start < w[0].end) {
        return Err(DomainError::OverlappingSlots);
    }
    Ok(slots)
}

/// A site's part in a drive: the slots of an ordinary day and the days that differ.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DriveSite {
    /// The site.
    pub site: SiteId,
    /// Slots of every day of the drive unless overridden.
    pub template: Vec<SlotSpec>,
    /// Days with other slots; an empty list closes the site that day.
    pub overrides: BTreeMap<Date, Vec<SlotSpec>>,
}

impl DriveSite {
    /// A site's schedule with a checked template and checked overrides.
    pub fn new(
        site: SiteId,
        template: Vec<SlotSpec>,
        overrides: BTreeMap<Date, Vec<SlotSpec>>,
    ) -> Result<DriveSite, DomainError> {
        let template = check_day(template)?;
        let mut checked = BTreeMap::new();
        for (d, s) in overrides {
            checked.insert(d, check_day(s)?);
        }
        let overrides = checked;
        Ok(DriveSite {
            site,
            template,
            overrides,
        })
    }

    /// The slots of this site on `date` (the override if any, else the template).
    pub fn slots_on(&self, date: Date) -> &[SlotSpec] {
        self.overrides.get(&date).unwrap_or(&self.template)
    }
}

/// Where a drive stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DriveStatus {
    /// Being prepared; volunteers cannot pledge yet.
    Planned,
    /// Taking pledges.
    Open,
    /// No longer taking pledges (full, or over); check-in still works.
    Closed,
    /// Called off; its pledges were cancelled.
    Cancelled,
}

/// A drive: dates, sites with their slots, and a status.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Drive {
    /// The drive's id.
    pub id: DriveId,
    /// The campaign it belongs to.
    pub campaign: CampaignId,
    /// Its name, for example "Đợt 1".
    pub name: String,
    /// First day.
    pub start: Date,
    /// Last day, on or after `start`.
    pub end: Date,
    /// The sites it is held at, each once.
    pub sites: Vec<DriveSite>,
    /// Where it stands.
    pub status: DriveStatus,
    /// The record's version: the ledger's hybrid clock when it last changed (see
    /// [`crate::domain::Ledger`]); 0 for a record stored or linked before versions existed.
    #[serde(default)]
    pub version: Timestamp,
}

/// What a drive is made from, before it is checked against its campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriveDraft {
    /// See [`Drive::name`].
    pub name: String,
    /// See [`Drive::start`].
    pub start: Date,
    /// See [`Drive::end`].
    pub end: Date,
    /// See [`Drive::sites`].
    pub sites: Vec<DriveSite>,
}

impl Drive {
    /// A planned drive of `campaign`: a name, `start <= end`, both in the campaign's year, at
    /// least one site and no site twice, overrides only on days of the drive, and within the
    /// [`Limit`]s of days, sites and name length.
    pub fn new(id: DriveId, campaign: &Campaign, draft: DriveDraft) -> Result<Drive, DomainError> {
        let mut drive = Drive {
            id,
            campaign: campaign.id.clone(),
            name: String::new(),
            start: draft.start,
            end: draft.end,
            sites: Vec::new(),
            status: DriveStatus::Planned,
            version: Timestamp(0),
        };
        drive.apply(campaign, draft)?;
        Ok(drive)
    }

    /// Replaces name, dates and sites after the same checks as [`Drive::new`]; on error the
    /// drive is unchanged.
    pub(crate) fn apply(
        &mut self,
        campaign: &Campaign,
        draft: DriveDraft,
    ) -> Result<(), DomainError> {
        let name = draft.name.trim();
        if name.is_empty() {
            return Err(DomainError::EmptyName);
        }
        Limit::TextChars.check_text(name)?;
        if draft.end < draft.start {
            return Err(DomainError::EndBeforeStart);
        }
        if draft.start.year() != campaign.year || draft.end.year() != campaign.year {
            return Err(DomainError::DriveOutsideCampaignYear(campaign.year));
        }
        Limit::DaysPerDrive.check(draft.end.days_since(draft.start) as usize + 1)?;
        if draft.sites.is_empty() {
            return Err(DomainError::NoSites);
        }
        Limit::SitesPerDrive.check(draft.sites.len())?;
        // A set, not a search of the sites before each: linear in the sites.
        let mut seen = std::collections::BTreeSet::new();
        for s in &draft.sites {
            if !seen.insert(&s.site) {
                return Err(DomainError::DuplicateSite(s.site.clone()));
            }
            if let Some(day) = s
                .overrides
                .keys()
                .find(|d| **d < draft.start || **d > draft.end)
            {
                return Err(DomainError::DateOutsideDrive(*day));
            }
        }
        self.name = name.to_owned();
        self.start = draft.start;
        self.end = draft.end;
        self.sites = draft.sites;
        Ok(())
    }

    /// Whether `date` is one of the drive's days.
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }

    /// The drive's days, first to last.
    pub fn days(&self) -> impl Iterator<Item = Date> + '_ {
        (0..=self.end.days_since(self.start)).map(|n| self.start.add_days(n))
    }

    /// The schedule of one site of this drive.
    pub fn site(&self, site: &SiteId) -> Option<&DriveSite> {
        self.sites.iter().find(|s| &s.site == site)
    }

    /// Total places over every day, site and slot.
    pub fn capacity(&self) -> u64 {
        self.days()
            .flat_map(|d| self.sites.iter().flat_map(move |s| s.slots_on(d)))
            .map(|slot| u64::from(slot.capacity))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CampaignDraft, Units};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn t(s: &str) -> TimeOfDay {
        s.parse().unwrap()
    }

    fn campaign() -> Campaign {
        Campaign::new(
            CampaignId::new("c2023").unwrap(),
            CampaignDraft {
                year: 2023,
                name: "2023".into(),
                baseline: Units::ZERO,
                growth_bp: 0,
                slogans: vec![],
                partner: String::new(),
                ml_per_unit: None,
                notes: String::new(),
            },
        )
        .unwrap()
    }

    fn morning() -> Vec<SlotSpec> {
        vec![
            SlotSpec::new(t("07:30"), t("09:00"), 20).unwrap(),
            SlotSpec::new(t("09:00"), t("10:30"), 20).unwrap(),
        ]
    }

    fn draft(start: &str, end: &str) -> DriveDraft {
        DriveDraft {
            name: "Đợt 1".into(),
            start: d(start),
            end: d(end),
            sites: vec![
                DriveSite::new(SiteId::new("xanh-pon").unwrap(), morning(), BTreeMap::new())
                    .unwrap(),
            ],
        }
    }

    #[test]
    fn a_four_day_drive_has_four_days_and_its_capacity() {
        let drive = Drive::new(
            DriveId::new("d1").unwrap(),
            &campaign(),
            draft("2023-04-24", "2023-04-27"),
        )
        .unwrap();
        assert_eq!(drive.days().count(), 4);
        assert_eq!(drive.capacity(), 4 * 40);
        assert_eq!(drive.status, DriveStatus::Planned);
    }

    #[test]
    fn a_drive_ending_before_it_starts_or_outside_its_year_is_refused() {
        let id = || DriveId::new("d1").unwrap();
        assert_eq!(
            Drive::new(id(), &campaign(), draft("2023-04-27", "2023-04-24")),
            Err(DomainError::EndBeforeStart)
        );
        assert_eq!(
            Drive::new(id(), &campaign(), draft("2023-12-30", "2024-01-02")),
            Err(DomainError::DriveOutsideCampaignYear(2023))
        );
        let mut no_sites = draft("2023-04-24", "2023-04-27");
        no_sites.sites.clear();
        assert_eq!(
            Drive::new(id(), &campaign(), no_sites),
            Err(DomainError::NoSites)
        );
    }

    #[test]
    fn slots_of_a_day_must_not_overlap_or_be_empty() {
        assert_eq!(
            check_day(vec![
                SlotSpec::new(t("07:30"), t("09:00"), 5).unwrap(),
                SlotSpec::new(t("08:30"), t("10:00"), 5).unwrap(),
            ]),
            Err(DomainError::OverlappingSlots)
        );
        assert_eq!(
            SlotSpec::new(t("07:30"), t("09:00"), 0),
            Err(DomainError::CapacityNotPositive)
        );
    }

    #[test]
    fn an_override_replaces_the_template_for_its_day_only() {
        let site = SiteId::new("xanh-pon").unwrap();
        let closed = BTreeMap::from([(d("2023-04-25"), vec![])]);
        let ds = DriveSite::new(site, morning(), closed).unwrap();
        assert!(ds.slots_on(d("2023-04-25")).is_empty());
        assert_eq!(ds.slots_on(d("2023-04-26")).len(), 2);
    }

    #[test]
    fn an_organizer_cannot_make_a_drive_the_app_would_refuse_to_read() {
        use crate::domain::limits::Limit;
        let id = || DriveId::new("d1").unwrap();
        assert_eq!(
            Drive::new(id(), &campaign(), draft("2023-01-01", "2023-02-01")),
            Err(DomainError::OverLimit(Limit::DaysPerDrive))
        );
        assert!(Drive::new(id(), &campaign(), draft("2023-01-01", "2023-01-31")).is_ok());
        let mut crowded = draft("2023-04-24", "2023-04-27");
        crowded.sites = (0..=100)
            .map(|i| {
                DriveSite::new(
                    SiteId::new(format!("s{i}")).unwrap(),
                    morning(),
                    BTreeMap::new(),
                )
                .unwrap()
            })
            .collect();
        assert_eq!(
            Drive::new(id(), &campaign(), crowded),
            Err(DomainError::OverLimit(Limit::SitesPerDrive))
        );
        let mut long_name = draft("2023-04-24", "2023-04-27");
        long_name.name = "Đ".repeat(301);
        assert_eq!(
            Drive::new(id(), &campaign(), long_name),
            Err(DomainError::OverLimit(Limit::TextChars))
        );
        let all_night: Vec<SlotSpec> = (0..49)
            .map(|i| {
                SlotSpec::new(
                    TimeOfDay::from_minutes(i * 29).unwrap(),
                    TimeOfDay::from_minutes(i * 29 + 29).unwrap(),
                    1,
                )
                .unwrap()
            })
            .collect();
        assert_eq!(
            check_day(all_night),
            Err(DomainError::OverLimit(Limit::SlotsPerDay))
        );
        assert_eq!(
            SlotSpec::new(t("07:30"), t("08:30"), 1001),
            Err(DomainError::OverLimit(Limit::PlacesPerSlot))
        );
    }
}

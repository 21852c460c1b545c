//! What arrives from another device and how it joins this ledger: a drive an organizer shared
//! (kept on a volunteer's phone) and pledge slips volunteers sent back (reviewed in the
//! organizer's inbox, duplicates recognised, then merged).

use crate::domain::{
    Affiliation, Campaign, CampaignDraft, DomainError, DonorId, Drive, DriveDraft, DriveStatus,
    Ledger, PersonDetails, PledgeId, Timestamp, UnitId, Units,
};

use super::link::{PledgeSlip, SharedDrive};

/// What keeping a shared drive did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// The drive was new here.
    Added,
    /// A version of the drive was here and was replaced by the shared one.
    Updated,
    /// The same drive was already here.
    Unchanged,
}

/// Keeps a shared drive in `ledger`: its campaign (a campaign of the same year that is already
/// here stands in for it; a new one starts with no baseline, the volunteer's device needs only
/// its name), its sites when new (ours are kept), and the drive itself, replacing an older
/// version. A drive cancelled since cancels its pledges here. All or nothing: on an error the
/// caller drops the changed ledger.
pub fn keep_drive(
    ledger: &mut Ledger,
    shared: &SharedDrive,
    now: Timestamp,
) -> Result<Kept, DomainError> {
    let info = &shared.campaign;
    let campaign_id = match ledger.campaign(&info.id) {
        Some(c) => c.id.clone(),
        None => match ledger.campaign_of_year(info.year) {
            Some(c) => c.id.clone(),
            None => {
                let campaign = Campaign::new(
                    info.id.clone(),
                    CampaignDraft {
                        year: info.year,
                        name: info.name.clone(),
                        baseline: Units::ZERO,
                        growth_bp: 0,
                        slogans: info.slogans.clone(),
                        partner: String::new(),
                        ml_per_unit: None,
                        notes: String::new(),
                    },
                )?;
                ledger.add_campaign(campaign, now)?;
                info.id.clone()
            }
        },
    };
    for site in &shared.sites {
        if ledger.site(&site.id).is_none() {
            ledger.add_site(site.clone(), now)?;
        }
    }
    let mut drive: Drive = shared.drive.clone();
    drive.campaign = campaign_id;
    let Some(ours) = ledger.drive(&drive.id).cloned() else {
        ledger.add_drive(drive, now)?;
        // What is kept must read back at the next start: the whole set-up is checked.
        ledger.setup().validate()?;
        return Ok(Kept::Added);
    };
    // A link carries no version (a drive read from one is at 0): compare what it says.
    drive.version = ours.version;
    if ours == drive {
        return Ok(Kept::Unchanged);
    }
    ledger.edit_drive(
        &drive.id,
        DriveDraft {
            name: drive.name.clone(),
            start: drive.start,
            end: drive.end,
            sites: drive.sites.clone(),
        },
        now,
    )?;
    match (ours.status, drive.status) {
        (DriveStatus::Cancelled, _) => {}
        (_, DriveStatus::Cancelled) => {
            ledger.cancel_drive(&drive.id, "", now)?;
        }
        (a, b) if a != b => ledger.set_drive_status(&drive.id, b, now)?,
        _ => {}
    }
    Ok(Kept::Updated)
}

/// Where a slip stands against this ledger, for the inbox to show before merging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// This exact pledge is here already, at least as recent: merging changes nothing.
    pub already_here: bool,
    /// Another active pledge here by the same donor (same phone or citizen ID) on the same day.
    pub duplicate_of: Option<PledgeId>,
    /// The slip's drive or site is not known here: it cannot be merged.
    pub unknown_place: bool,
}

/// How `slip` stands against `ledger`.
pub fn review(ledger: &Ledger, slip: &PledgeSlip) -> Review {
    let p = &slip.pledge;
    let already_here = ledger
        .pledge_by_id(&p.id)
        .is_some_and(|ours| ours.updated_at >= p.updated_at);
    let duplicate_of = ledger
        .pledges()
        .filter(|o| o.id != p.id && o.slot.date == p.slot.date && o.status.holds_slot())
        .find(|o| {
            ledger.donor(&o.donor).is_some_and(|d| {
                d.phone == slip.donor.phone
                    || (d.citizen_id.is_some() && d.citizen_id == slip.donor.citizen_id)
            })
        })
        .map(|o| o.id.clone());
    let unknown_place = match p.slot.place.drive() {
        Some(drive) => ledger
            .drive(drive)
            .is_none_or(|d| d.site(p.slot.place.site()).is_none()),
        None => ledger.site(p.slot.place.site()).is_none(),
    };
    Review {
        already_here,
        duplicate_of,
        unknown_place,
    }
}

/// Merges a slip: its donor becomes the donor already here with the same id, phone or citizen
/// ID (ours kept unless the slip's is newer), else a new donor. `unit` is the donor's unit as
/// the organizer chose it (a volunteer's phone may not know the campaign's units); `None`
/// keeps the slip's, left out when unknown here. The pledge is merged by id and update time,
/// capacity unchecked (the organizer sees a slot over capacity). Returns the donor's id here.
pub fn merge_slip(
    ledger: &mut Ledger,
    slip: &PledgeSlip,
    today: crate::domain::Date,
    unit: Option<UnitId>,
) -> Result<DonorId, DomainError> {
    if review(ledger, slip).unknown_place {
        return Err(match slip.pledge.slot.place.drive() {
            Some(d) => DomainError::UnknownDrive(d.clone()),
            None => DomainError::UnknownSite(slip.pledge.slot.place.site().clone()),
        });
    }
    let mut draft = slip.donor.clone();
    if let Some(u) = &unit {
        if ledger.unit(u).is_none() {
            return Err(DomainError::UnknownUnit(u.clone()));
        }
        draft.unit = Some(u.clone());
    } else if draft
        .unit
        .as_ref()
        .is_some_and(|u| ledger.unit(u).is_none())
    {
        draft.unit = None;
    }
    let person = PersonDetails {
        draft,
        written_at: slip.donor_updated_at,
        affiliation: if unit.is_some() {
            Affiliation::ChosenUnit
        } else {
            Affiliation::Given
        },
    };
    let id = ledger
        .register_donor(
            slip.pledge.donor.clone(),
            person,
            today,
            slip.donor_updated_at,
        )?
        .id;
    let mut pledge = slip.pledge.clone();
    pledge.donor = id.clone();
    ledger.merge_pledge(pledge);
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample::{self, DRIVE_2023_1};
    use crate::domain::{Date, DriveId, Ledger};

    fn organizer() -> Ledger {
        sample::sample_ledger()
    }

    fn shared(ledger: &Ledger) -> SharedDrive {
        SharedDrive::from_ledger(ledger, &DriveId::new(DRIVE_2023_1).unwrap()).unwrap()
    }

    #[test]
    fn a_volunteer_keeps_a_shared_drive_once_and_takes_its_later_versions() {
        let org = organizer();
        let mut phone = Ledger::new();
        let drive = shared(&org);
        assert_eq!(
            keep_drive(&mut phone, &drive, Timestamp(1)),
            Ok(Kept::Added)
        );
        assert_eq!(phone.drives().count(), 1);
        assert_eq!(phone.sites().count(), 3);
        assert_eq!(phone.campaigns().count(), 1);
        // Kept at the phone's own version (a link carries none).
        let kept = phone.drive(&drive.drive.id).cloned().unwrap();
        assert!(kept.version > Timestamp(0));
        assert_eq!(
            Drive {
                version: Timestamp(0),
                ..kept
            },
            drive.drive
        );
        assert_eq!(
            keep_drive(&mut phone, &drive, Timestamp(2)),
            Ok(Kept::Unchanged)
        );
        let mut later = drive.clone();
        later.drive.status = DriveStatus::Closed;
        later.drive.name = "Đợt 1 (dời lịch)".into();
        assert_eq!(
            keep_drive(&mut phone, &later, Timestamp(3)),
            Ok(Kept::Updated)
        );
        let kept = phone.drive(&drive.drive.id).cloned().unwrap();
        assert_eq!(
            Drive {
                version: Timestamp(0),
                ..kept
            },
            later.drive
        );
        let mut cancelled = later.clone();
        cancelled.drive.status = DriveStatus::Cancelled;
        assert_eq!(
            keep_drive(&mut phone, &cancelled, Timestamp(4)),
            Ok(Kept::Updated)
        );
        assert_eq!(
            phone.drive(&drive.drive.id).map(|d| d.status),
            Some(DriveStatus::Cancelled)
        );
    }

    #[test]
    fn a_campaign_of_the_same_year_here_stands_in_for_the_shared_one() {
        let org = organizer();
        let mut drive = shared(&org);
        drive.campaign.id = crate::domain::CampaignId::new("other-id").unwrap();
        let mut here = organizer();
        let before = here.campaigns().count();
        assert_eq!(
            keep_drive(&mut here, &drive, Timestamp(1)),
            Ok(Kept::Unchanged)
        );
        assert_eq!(here.campaigns().count(), before);
    }

    /// The slip of a pledge of the sample's first 2023 drive.
    fn slip_of(ledger: &Ledger, i: usize) -> PledgeSlip {
        let drive = DriveId::new(DRIVE_2023_1).unwrap();
        let p = ledger
            .pledges()
            .filter(|p| p.slot.place.drive() == Some(&drive))
            .nth(i)
            .unwrap();
        PledgeSlip::from_ledger(ledger, &p.id).unwrap()
    }

    #[test]
    fn a_slip_merges_once_and_is_then_already_here() {
        let org = organizer();
        let slip = slip_of(&org, 0);
        let mut here = org.clone();
        assert!(review(&here, &slip).already_here);
        // On a ledger without the pledge and its donor: new, then merged, then already here.
        let mut fresh = Ledger::new();
        keep_drive(&mut fresh, &shared(&org), Timestamp(1)).unwrap();
        let r = review(&fresh, &slip);
        assert!(!r.already_here && r.duplicate_of.is_none() && !r.unknown_place);
        let today = Date::from_ymd(2024, 1, 1).unwrap();
        let donor = merge_slip(&mut fresh, &slip, today, None).unwrap();
        assert_eq!(donor, slip.pledge.donor);
        assert_eq!(fresh.pledge_by_id(&slip.pledge.id), Some(&slip.pledge));
        assert!(review(&fresh, &slip).already_here);
        let copy = fresh.clone();
        merge_slip(&mut fresh, &slip, today, None).unwrap();
        assert_eq!(fresh, copy, "merging twice changes nothing");
        merge_slip(&mut here, &slip, Date::from_ymd(2024, 1, 1).unwrap(), None).unwrap();
        assert_eq!(here, org);
    }

    #[test]
    fn the_same_phone_on_the_same_day_is_flagged_and_merges_onto_the_donor_here() {
        let org = organizer();
        let original = slip_of(&org, 0);
        // The same donor pledged again on another device: a new pledge id and donor id.
        let mut again = original.clone();
        again.pledge.id = PledgeId::new("p-other-device").unwrap();
        again.pledge.donor = DonorId::new("d-other-device").unwrap();
        let r = review(&org, &again);
        assert_eq!(r.duplicate_of, Some(original.pledge.id.clone()));
        assert!(!r.already_here && !r.unknown_place);
        let mut here = org.clone();
        let donor =
            merge_slip(&mut here, &again, Date::from_ymd(2024, 1, 1).unwrap(), None).unwrap();
        assert_eq!(donor, original.pledge.donor, "no second donor record");
        assert_eq!(here.donors().count(), org.donors().count());
        assert_eq!(here.pledges().count(), org.pledges().count() + 1);
    }

    #[test]
    fn the_organizer_chooses_the_unit_a_volunteers_phone_did_not_know() {
        let org = organizer();
        let mut slip = slip_of(&org, 1);
        slip.pledge.id = PledgeId::new("p-new").unwrap();
        slip.pledge.donor = DonorId::new("d-new").unwrap();
        slip.donor.phone = crate::domain::Phone::parse("0911 000 111").unwrap();
        slip.donor.citizen_id = None;
        slip.donor.unit = Some(crate::domain::UnitId::new("unit-not-here").unwrap());
        let today = Date::from_ymd(2024, 1, 1).unwrap();
        let mut here = org.clone();
        merge_slip(&mut here, &slip, today, None).unwrap();
        assert_eq!(here.donor(&slip.pledge.donor).unwrap().unit, None);
        let unit = org.units().next().unwrap().id.clone();
        let mut here = org.clone();
        merge_slip(&mut here, &slip, today, Some(unit.clone())).unwrap();
        assert_eq!(here.donor(&slip.pledge.donor).unwrap().unit, Some(unit));
        let unknown = crate::domain::UnitId::new("nowhere").unwrap();
        assert!(merge_slip(&mut org.clone(), &slip, today, Some(unknown)).is_err());
    }

    #[test]
    fn a_slip_for_a_place_not_here_is_refused() {
        let org = organizer();
        let slip = slip_of(&org, 0);
        let mut empty = Ledger::new();
        assert!(review(&empty, &slip).unknown_place);
        assert!(merge_slip(&mut empty, &slip, Date::from_ymd(2024, 1, 1).unwrap(), None).is_err());
        assert_eq!(empty, Ledger::new());
    }
}

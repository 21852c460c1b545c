//! What sync relies on: the hybrid logical clock, set-up versions and tombstones, and merges
//! of set-ups that give the same result in any order and lose nothing.

use proptest::prelude::*;

use super::tests::{
    Step, apply, at_hall, before, campaign_of, d, donor_draft, donor_id, donor_version, drive_id,
    hall, ledger, pledge_id, request, rules, step,
};
use super::*;
use crate::domain::{UnitKind, Weight};

const DAY_MS: i64 = 86_400_000;

#[test]
fn a_desk_whose_clock_is_a_day_behind_stamps_its_edit_above_the_one_it_has_seen() {
    // The desk: device A (clock right) corrects donor 1's weight; desk B, whose clock is
    // a day behind, pulls that edit, then weighs the donor again. B's edit came later, so it
    // must win on every device, though B's clock says it is older.
    let right = 1_700_000_000_000;
    let behind = right - DAY_MS;
    let mut a = ledger();
    a.weigh(&donor_id(1), Weight::from_kg(61).unwrap(), Timestamp(right))
        .unwrap();
    let from_a = a.donor(&donor_id(1)).unwrap().clone();
    assert_eq!(from_a.updated_at, Timestamp(right));

    let mut b = ledger();
    b.merge_donor(from_a.clone());
    assert!(b.clock() >= Timestamp(right));
    b.weigh(
        &donor_id(1),
        Weight::from_kg(63).unwrap(),
        Timestamp(behind + 5),
    )
    .unwrap();
    let from_b = b.donor(&donor_id(1)).unwrap().clone();
    assert!(
        from_b.updated_at > from_a.updated_at,
        "stamped above what B saw"
    );

    // Merged either way, B's weight stands.
    a.merge_donor(from_b.clone());
    assert_eq!(
        a.donor(&donor_id(1)).unwrap().weight,
        Weight::from_kg(63).unwrap()
    );
    assert_eq!(b.donor(&donor_id(1)), a.donor(&donor_id(1)));

    // A form at the desk (details written now) is newer than what was seen, and is taken.
    let details = PersonDetails {
        draft: DonorDraft {
            weight: Weight::from_kg(58).unwrap(),
            ..donor_draft(1, "1990-05-05", 58)
        },
        written_at: Timestamp(behind + 10),
        affiliation: Affiliation::Kept,
    };
    b.register_donor(
        donor_id(99),
        details,
        d("2023-04-20"),
        Timestamp(behind + 10),
    )
    .unwrap();
    let formed = b.donor(&donor_id(1)).unwrap();
    assert_eq!(formed.weight, Weight::from_kg(58).unwrap());
    assert!(formed.updated_at > from_b.updated_at);
}

#[test]
fn set_up_edits_and_pledges_on_a_slow_clock_are_stamped_above_every_version_seen() {
    let ahead = Timestamp(5 * DAY_MS);
    let mut l = ledger();
    let mut theirs = l.setup().clone();
    theirs.drives.get_mut(&drive_id()).unwrap().version = ahead;
    theirs.drives.get_mut(&drive_id()).unwrap().name = "Đợt 1 (mới)".into();
    l.merge_setup(&theirs).unwrap();
    assert_eq!(l.drive(&drive_id()).unwrap().name, "Đợt 1 (mới)");
    l.set_drive_status(&drive_id(), DriveStatus::Closed, Timestamp(1))
        .unwrap();
    let closed = l.drive(&drive_id()).unwrap().version;
    assert!(closed > ahead);
    l.set_drive_status(&drive_id(), DriveStatus::Open, Timestamp(2))
        .unwrap();
    l.pledge(
        pledge_id(1),
        request(1, at_hall("2023-04-24", "07:30")),
        &rules(),
        before(),
    )
    .unwrap();
    assert!(l.pledge_by_id(&pledge_id(1)).unwrap().updated_at > closed);
}

/// A step, or another device's edit of donor `n` stamped up to a year ahead of the steps.
fn step_or_far_merge() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => step(),
        1 => (0..13usize, 0..365 * DAY_MS).prop_map(|(donor, at)| Step::MergeDonor { donor, at }),
    ]
}

/// The largest version of any record the ledger holds.
fn latest(l: &Ledger) -> Timestamp {
    l.setup
        .latest_version()
        .max(l.donors().map(|d| d.updated_at).max().unwrap_or_default())
        .max(l.pledges().map(|p| p.updated_at).max().unwrap_or_default())
}

proptest! {
    #[test]
    fn every_new_stamp_is_above_every_version_seen(
        steps in prop::collection::vec(step_or_far_merge(), 1..40),
    ) {
        let mut l = ledger();
        for (i, s) in steps.iter().enumerate() {
            let seen = latest(&l);
            prop_assert!(l.clock() >= seen, "the clock has seen every record");
            l.begin();
            let _ = apply(&mut l, s, i);
            let changes = l.changes();
            l.commit();
            // Records another device wrote keep their versions; everything this device wrote
            // is stamped above everything it had seen.
            let foreign = matches!(
                s,
                Step::MergeDonor { .. } | Step::MergePledge(_) | Step::AddDonor { .. } | Step::ReplaceSetup
            );
            if !foreign {
                for t in &changes.touched {
                    let v = t.version.unwrap_or_default();
                    prop_assert!(v > seen, "{:?} {} at {:?}, seen {:?}", t.kind, t.id, v, seen);
                }
            }
        }
    }
}

// ----- set-up merges -----

/// One device's copy of a small set-up: each record absent or at a version with one of three
/// contents, and deletions at versions.
#[derive(Debug, Clone)]
struct Copy {
    units: Vec<Option<(i64, u8)>>,
    sites: Vec<Option<(i64, u8)>>,
    drives: Vec<Option<(i64, u8)>>,
    removed: Vec<(usize, usize, i64)>,
}

fn copy() -> impl Strategy<Value = Copy> {
    let record = || prop::option::of((0..6i64, 0..3u8));
    (
        prop::collection::vec(record(), 3),
        prop::collection::vec(record(), 3),
        prop::collection::vec(record(), 2),
        prop::collection::vec((0..3usize, 0..3usize, 0..6i64), 0..4),
    )
        .prop_map(|(units, sites, drives, removed)| Copy {
            units,
            sites,
            drives,
            removed,
        })
}

const KINDS: [RecordKind; 3] = [RecordKind::Unit, RecordKind::Site, RecordKind::Drive];

fn unit_id(i: usize) -> UnitId {
    UnitId::new(format!("u{i}")).unwrap()
}

fn site_id(i: usize) -> SiteId {
    SiteId::new(format!("s{i}")).unwrap()
}

fn other_drive(i: usize) -> DriveId {
    DriveId::new(format!("dr{i}")).unwrap()
}

/// The set-up a [`Copy`] describes: every drive at site `s0` of the 2023 campaign, so any
/// mix of copies validates while `s0` and the campaign are there.
fn setup_of(c: &Copy) -> Setup {
    let mut s = Setup::default();
    let mut campaign = campaign_of(2023);
    campaign.version = Timestamp(1);
    s.campaigns.insert(campaign.id.clone(), campaign.clone());
    for (i, r) in c.units.iter().enumerate() {
        if let Some((v, x)) = r {
            let mut u = Unit::new(
                unit_id(i),
                &format!("Đơn vị {i}.{x}"),
                UnitKind::Other,
                None,
            )
            .unwrap();
            u.version = Timestamp(*v);
            s.units.insert(u.id.clone(), u);
        }
    }
    for (i, r) in c.sites.iter().enumerate() {
        if let Some((v, x)) = r {
            let mut site = Site::new(
                site_id(i),
                &format!("Hội trường {i}.{x}"),
                "",
                "",
                SiteKind::Venue,
            )
            .unwrap();
            site.version = Timestamp(*v);
            s.sites.insert(site.id.clone(), site);
        }
    }
    for (i, r) in c.drives.iter().enumerate() {
        if let Some((v, x)) = r {
            let template = vec![
                SlotSpec::new(
                    TimeOfDay::from_hm(8, 0).unwrap(),
                    TimeOfDay::from_hm(9, 0).unwrap(),
                    2,
                )
                .unwrap(),
            ];
            let mut drive = Drive::new(
                other_drive(i),
                &campaign,
                DriveDraft {
                    name: format!("Đợt {i}.{x}"),
                    start: d("2023-05-02"),
                    end: d("2023-05-03"),
                    sites: vec![
                        super::super::DriveSite::new(site_id(0), template, BTreeMap::new())
                            .unwrap(),
                    ],
                },
            )
            .unwrap();
            drive.version = Timestamp(*v);
            s.drives.insert(drive.id.clone(), drive);
        }
    }
    let mut removed: BTreeMap<String, Timestamp> = BTreeMap::new();
    for (k, i, v) in &c.removed {
        let id = match KINDS[*k] {
            RecordKind::Unit => unit_id(*i).to_string(),
            RecordKind::Site => site_id(*i).to_string(),
            _ => other_drive(*i % 2).to_string(),
        };
        let e = removed.entry(Removed::key_of(KINDS[*k], &id)).or_default();
        *e = (*e).max(Timestamp(*v));
    }
    s.removed = removed
        .into_iter()
        .map(|(key, version)| Removed { key, version })
        .collect();
    s
}

/// Every record id of a set-up, with its kind.
fn ids(s: &Setup) -> Vec<(RecordKind, String)> {
    let mut out: Vec<(RecordKind, String)> = Vec::new();
    out.extend(s.units.keys().map(|k| (RecordKind::Unit, k.to_string())));
    out.extend(s.sites.keys().map(|k| (RecordKind::Site, k.to_string())));
    out.extend(s.drives.keys().map(|k| (RecordKind::Drive, k.to_string())));
    out
}

fn version_of(s: &Setup, kind: RecordKind, id: &str) -> Option<Timestamp> {
    match kind {
        RecordKind::Unit => s.units.get(&UnitId::new(id).ok()?).map(|u| u.version),
        RecordKind::Site => s.sites.get(&SiteId::new(id).ok()?).map(|x| x.version),
        _ => s.drives.get(&DriveId::new(id).ok()?).map(|x| x.version),
    }
}

proptest! {
    #[test]
    fn set_up_merges_are_commutative_idempotent_and_associative(
        a in copy(), b in copy(), c in copy(),
    ) {
        let (a, b, c) = (setup_of(&a), setup_of(&b), setup_of(&c));
        let ab = a.merged_by_version(&b);
        prop_assert_eq!(&ab, &b.merged_by_version(&a));
        prop_assert_eq!(&ab.merged_by_version(&ab), &ab);
        prop_assert_eq!(&ab.merged_by_version(&b), &ab);
        prop_assert_eq!(
            ab.merged_by_version(&c),
            a.merged_by_version(&b.merged_by_version(&c))
        );
    }

    #[test]
    fn a_set_up_merge_keeps_every_record_no_later_deletion_removed(
        a in copy(), b in copy(),
    ) {
        let (a, b) = (setup_of(&a), setup_of(&b));
        let ab = a.merged_by_version(&b);
        for side in [&a, &b] {
            for (kind, id) in ids(side) {
                let best = version_of(&a, kind, &id).max(version_of(&b, kind, &id)).unwrap();
                let deleted = [&a, &b]
                    .iter()
                    .filter_map(|s| s.removed_at(kind, &id))
                    .max();
                match deleted {
                    Some(t) if t >= best => {
                        prop_assert!(version_of(&ab, kind, &id).is_none(), "{id} stays deleted");
                        prop_assert_eq!(ab.removed_at(kind, &id), Some(t));
                    }
                    _ => prop_assert_eq!(version_of(&ab, kind, &id), Some(best), "{} kept", id),
                }
            }
        }
    }
}

#[test]
fn a_deleted_drive_stays_deleted_and_its_pledges_go_with_it() {
    let mut here = ledger();
    here.pledge(
        pledge_id(1),
        request(1, at_hall("2023-04-24", "07:30")),
        &rules(),
        before(),
    )
    .unwrap();
    let pledge = here.pledge_by_id(&pledge_id(1)).unwrap().clone();
    let old_copy = here.setup().clone();
    // Another device deleted the drive, later than every version here.
    let mut theirs = old_copy.clone();
    theirs.drives.remove(&drive_id());
    let at = Timestamp(here.clock().0 + 100);
    theirs.removed = vec![Removed {
        key: Removed::key_of(RecordKind::Drive, drive_id().as_str()),
        version: at,
    }];
    here.begin();
    let counts = here.merge_setup(&theirs).unwrap();
    assert_eq!(counts.removed, 1);
    let changes = here.changes();
    here.commit();
    assert!(here.drive(&drive_id()).is_none());
    assert!(here.pledge_by_id(&pledge_id(1)).is_none());
    let gone: Vec<(RecordKind, bool, Option<Timestamp>)> = changes
        .touched
        .iter()
        .map(|t| {
            (
                t.kind,
                t.deleted,
                t.version.filter(|_| t.kind == RecordKind::Drive),
            )
        })
        .collect();
    assert_eq!(
        gone,
        [
            (RecordKind::Drive, true, Some(at)),
            (RecordKind::Pledge, true, None)
        ]
    );
    // An older copy of the set-up (a device that never saw the deletion) and the pledge
    // arriving again do not bring them back.
    here.merge_setup(&old_copy).unwrap();
    assert!(here.drive(&drive_id()).is_none());
    assert_eq!(here.merge_pledge(pledge), Merged::Kept);
    assert!(here.pledge_by_id(&pledge_id(1)).is_none());
    assert_eq!(
        here.setup()
            .removed_at(RecordKind::Drive, drive_id().as_str()),
        Some(at)
    );
}

#[test]
fn two_devices_that_each_created_the_2027_campaign_offline_keep_theirs_and_hear_why() {
    let mut a = ledger();
    let mut b = ledger();
    let make = |id: &str| Campaign {
        id: CampaignId::new(id).unwrap(),
        ..campaign_of(2027)
    };
    a.add_campaign(make("c2027-a"), Timestamp(10)).unwrap();
    b.add_campaign(make("c2027-b"), Timestamp(11)).unwrap();
    let before = a.clone();
    a.begin();
    assert_eq!(a.merge_setup(b.setup()), Err(DomainError::YearTaken(2027)));
    assert!(a.changes().is_empty(), "nothing changed");
    a.commit();
    assert_eq!(a, before);
    // Donors and pledges still merge: they are stored apart from the set-up.
    assert_eq!(a.merge_donor(donor_version(3, 72, 50)), Merged::Updated);
    let _ = hall();
}

#[test]
fn two_offline_bookings_of_the_last_place_both_survive_and_the_slot_is_flagged_until_resolved() {
    use crate::domain::schedule::over_capacity;
    // The 24th's 07:30 slot has 2 places; one is taken on both devices before they part.
    let slot = at_hall("2023-04-24", "07:30");
    let mut shared = ledger();
    shared
        .pledge(pledge_id(1), request(1, slot.clone()), &rules(), before())
        .unwrap();
    let (mut a, mut b) = (shared.clone(), shared);
    a.pledge(pledge_id(2), request(2, slot.clone()), &rules(), before())
        .unwrap();
    b.pledge(pledge_id(3), request(3, slot.clone()), &rules(), before())
        .unwrap();
    for p in b.pledges().cloned().collect::<Vec<_>>() {
        a.merge_pledge(p);
    }
    assert_eq!(a.taken(&slot), 3, "both bookings kept");
    let flagged = over_capacity(&a, d("2023-04-20"));
    assert_eq!(flagged.len(), 1);
    assert_eq!(
        (&flagged[0].slot, flagged[0].taken, flagged[0].spec.capacity),
        (&slot, 3, 2)
    );
    assert!(
        over_capacity(&a, d("2023-04-25")).is_empty(),
        "only from the day asked"
    );

    // Move a donor: the flag goes.
    let mut moved = a.clone();
    moved
        .reschedule(
            &pledge_id(3),
            at_hall("2023-04-24", "09:00"),
            &rules(),
            before(),
        )
        .unwrap();
    assert!(over_capacity(&moved, d("2023-04-20")).is_empty());
    // Or accept the extra place: the slot's capacity on that day becomes the places taken.
    a.set_slot_capacity(
        &drive_id(),
        &hall(),
        Some(slot.date),
        slot.start,
        3,
        CapacityDecision::KeepPledged,
        Timestamp(9),
    )
    .unwrap();
    assert!(over_capacity(&a, d("2023-04-20")).is_empty());
    assert_eq!(
        a.slot_spec(&at_hall("2023-04-26", "07:30"))
            .unwrap()
            .capacity,
        2,
        "other days keep 2"
    );
}

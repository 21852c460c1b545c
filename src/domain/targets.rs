//! A campaign's target and pace: units collected so far against the year's target, the pace
//! still needed, a projection, the straight target path, progress per participating unit and
//! per drive, and a planner for how many pledges a goal needs.
//!
//! A campaign's pledges are those of its drives plus the fixed-point pledges dated in its year
//! (see [`Filter`]). Units are counted exactly in thousandths ([`Units`]); anything that is a
//! target (the target path, the pace still needed, pledges needed) rounds **up**, and
//! projections round down, so the app never promises more than the numbers give.
//!
//! The calendar conventions, chosen once for every function here:
//! - "to date" means pledges dated on or before `today`, `today` included: its donations so far
//!   count;
//! - so the pace still needed runs **from tomorrow** to 31 December, both included;
//! - the projection divides by the days from **1 January** to `today`, both included, not by
//!   the days since the first donation: drives come in bursts (2023 had two four-day drives),
//!   and dividing by the few days since the first one would project a burst over the whole
//!   year;
//! - the target path is a straight line from 0 on 1 January to the target on 31 December.

use std::collections::BTreeMap;
use std::num::NonZeroU32;

use super::stats::{Filter, Fold, Pass, Steps, donated_units, run};
use super::{
    Campaign, CampaignId, Date, DomainError, Donor, DriveId, DriveStatus, Ledger, Pledge,
    PledgeStatus, UnitId, UnitKind, Units,
};

/// Final outcomes (donated, deferred, no-show) a campaign needs before the planner trusts its
/// own history instead of [`Rates::assumed`].
pub const MIN_OUTCOMES_FOR_HISTORY: u64 = 30;

/// The assumed share of pledges that end in a donation, without enough history: 2 in 3
/// (numerator, denominator).
pub const ASSUMED_GIVING: (u64, u64) = (2, 3);

/// The assumed volume of one donation, without enough history, in millilitres.
pub const ASSUMED_VOLUME_ML: u16 = 350;

/// `a / b` rounded up, for `b > 0`.
fn ceil_div(a: i128, b: i128) -> i128 {
    a.div_euclid(b) + i128::from(a.rem_euclid(b) != 0)
}

fn to_units(milli: i128) -> Units {
    Units::from_milli(i64::try_from(milli).unwrap_or(if milli < 0 { i64::MIN } else { i64::MAX }))
}

fn to_u32(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// 1 January and 31 December of `year`, when it is a calendar year.
fn year_bounds(year: i32) -> Option<(Date, Date)> {
    Some((Date::from_ymd(year, 1, 1)?, Date::from_ymd(year, 12, 31)?))
}

/// Where a campaign should be at the end of `date` on the straight line from 0 on 1 January to
/// its target on 31 December, rounded up to the thousandth: zero before the year, the target
/// after it.
pub fn target_path(campaign: &Campaign, date: Date) -> Units {
    let target = i128::from(campaign.target()) * 1000;
    let Some((first, last)) = year_bounds(campaign.year) else {
        return Units::ZERO;
    };
    if date <= first {
        return Units::ZERO;
    }
    if date >= last {
        return to_units(target);
    }
    let elapsed = i128::from(date.days_since(first));
    let span = i128::from(last.days_since(first));
    to_units(ceil_div(target * elapsed, span))
}

/// A campaign's progress against its target on one day.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Progress {
    /// The campaign.
    pub campaign: CampaignId,
    /// The day the figures are for.
    pub today: Date,
    /// Donations dated on or before `today`.
    pub donations: u32,
    /// The units they count for.
    pub donated: Units,
    /// The year's target in whole units ([`Campaign::target`]).
    pub target: i64,
    /// Units still to collect: the target less `donated`, never below zero.
    pub remaining: Units,
    /// Days of the campaign's year after `today`, up to and including 31 December (every day of
    /// the year when `today` is before it, none when after it).
    pub days_left: u32,
    /// Units a day needed from tomorrow to reach the target, rounded up to the thousandth;
    /// `None` when no day is left.
    pub required_per_day: Option<Units>,
    /// Days of the campaign's year from 1 January up to and including `today`.
    pub days_elapsed: u32,
    /// Units at 31 December if the year goes on at its pace so far (`donated / days_elapsed`
    /// a day over the whole year), rounded down; `None` before the year has begun.
    pub projected: Option<Units>,
    /// Where the target path is at the end of `today` ([`target_path`]).
    pub on_path: Units,
    /// `donated` less `on_path`: positive when ahead of the path, negative when behind.
    pub ahead_by: Units,
}

impl Progress {
    /// Whether the campaign is behind its target path.
    pub fn is_behind(&self) -> bool {
        self.ahead_by < Units::ZERO
    }

    /// Units behind the target path, zero when on or ahead of it.
    pub fn behind_by(&self) -> Units {
        if self.is_behind() {
            Units::ZERO - self.ahead_by
        } else {
            Units::ZERO
        }
    }
}

fn known_campaign<'a>(ledger: &'a Ledger, id: &CampaignId) -> Result<&'a Campaign, DomainError> {
    ledger
        .campaign(id)
        .ok_or_else(|| DomainError::UnknownCampaign(id.clone()))
}

/// Places held (every pledge but cancelled ones, whatever their day), donations to date and
/// their units.
#[derive(Debug, Clone, Copy)]
pub struct ToDate {
    today: Date,
    held: u64,
    donations: u32,
    donated: Units,
}

impl ToDate {
    fn on(today: Date) -> ToDate {
        ToDate {
            today,
            held: 0,
            donations: 0,
            donated: Units::ZERO,
        }
    }
}

impl Fold for ToDate {
    type Output = ToDate;

    fn take(&mut self, _: &Ledger, p: &Pledge, _: &Donor) {
        self.held += u64::from(p.status.holds_slot());
        if let Some(u) = donated_units(p).filter(|_| p.slot.date <= self.today) {
            self.donations += 1;
            self.donated += u;
        }
    }

    fn finish(self, _: &Ledger) -> ToDate {
        self
    }
}

/// [`ToDate`] for each key of a pledge (its drive, its donor's unit); pledges with no key are
/// left out.
#[derive(Debug, Clone)]
pub struct ToDateBy<K> {
    today: Date,
    key_of: for<'a> fn(&'a Pledge, &'a Donor) -> Option<&'a K>,
    by: BTreeMap<K, ToDate>,
}

impl<K: Ord + Clone> Fold for ToDateBy<K> {
    type Output = BTreeMap<K, ToDate>;

    fn take(&mut self, ledger: &Ledger, p: &Pledge, donor: &Donor) {
        let Some(key) = (self.key_of)(p, donor) else {
            return;
        };
        if !self.by.contains_key(key) {
            self.by.insert(key.clone(), ToDate::on(self.today));
        }
        if let Some(t) = self.by.get_mut(key) {
            t.take(ledger, p, donor);
        }
    }

    fn finish(self, _: &Ledger) -> BTreeMap<K, ToDate> {
        self.by
    }
}

/// One pass over a campaign's pledges, [`ToDate`] by `key_of`.
fn to_date_by<K: Ord + Clone>(
    campaign: &CampaignId,
    today: Date,
    key_of: for<'a> fn(&'a Pledge, &'a Donor) -> Option<&'a K>,
) -> Pass<ToDateBy<K>> {
    let by = ToDateBy {
        today,
        key_of,
        by: BTreeMap::new(),
    };
    Pass::new(Filter::new(campaign.clone()), by)
}

/// [`progress`] in steps.
pub fn progress_steps(
    campaign: &CampaignId,
    today: Date,
) -> impl Steps<Output = Result<Progress, DomainError>> + use<> {
    let campaign = campaign.clone();
    Pass::new(Filter::new(campaign.clone()), ToDate::on(today))
        .map(move |ledger, t| progress_of(ledger, &campaign, today, t.donations, t.donated))
}

/// A campaign's progress on `today`: units to date, target, remaining, the pace still needed,
/// the projection and the gap to the target path. Refuses a campaign not in the ledger or
/// whose year is not a calendar year.
pub fn progress(
    ledger: &Ledger,
    campaign: &CampaignId,
    today: Date,
) -> Result<Progress, DomainError> {
    run(progress_steps(campaign, today), ledger)
}

/// [`progress`] from the campaign's donations to date and their units.
fn progress_of(
    ledger: &Ledger,
    campaign: &CampaignId,
    today: Date,
    donations: u32,
    donated: Units,
) -> Result<Progress, DomainError> {
    let c = known_campaign(ledger, campaign)?;
    let (first, last) = year_bounds(c.year).ok_or(DomainError::YearOutOfRange(c.year))?;
    let target = c.target();
    let remaining = Units::whole(target) - donated;
    let remaining = remaining.max(Units::ZERO);
    let year_days = last.days_since(first) + 1;
    let days_elapsed = (today.days_since(first) + 1).clamp(0, year_days);
    let days_left = year_days - days_elapsed;
    let required_per_day = (days_left > 0).then(|| {
        to_units(ceil_div(
            i128::from(remaining.milli()),
            i128::from(days_left),
        ))
    });
    let projected = (days_elapsed > 0).then(|| {
        to_units(
            (i128::from(donated.milli()) * i128::from(year_days))
                .div_euclid(i128::from(days_elapsed)),
        )
    });
    let on_path = target_path(c, today);
    Ok(Progress {
        campaign: campaign.clone(),
        today,
        donations,
        donated,
        target,
        remaining,
        days_left: to_u32(days_left),
        required_per_day,
        days_elapsed: to_u32(days_elapsed),
        projected,
        on_path,
        ahead_by: donated - on_path,
    })
}

/// A participating unit's donations against its quota.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnitProgress {
    /// The unit.
    pub unit: UnitId,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: UnitKind,
    /// Its quota for the campaign, if it has one.
    pub quota: Option<Units>,
    /// Donations to date by donors who give with this unit.
    pub donations: u32,
    /// The units they count for.
    pub donated: Units,
}

impl UnitProgress {
    /// Units still owed on the quota, never below zero; `None` without a quota.
    pub fn remaining(&self) -> Option<Units> {
        self.quota.map(|q| (q - self.donated).max(Units::ZERO))
    }

    /// Donated units in per cent of the quota, rounded down (100 only once reached);
    /// `None` without a positive quota.
    pub fn percent(&self) -> Option<u32> {
        let quota = self.quota.filter(|q| *q > Units::ZERO)?;
        let pct = i128::from(self.donated.milli().max(0)) * 100 / i128::from(quota.milli());
        Some(u32::try_from(pct).unwrap_or(u32::MAX))
    }
}

/// [`unit_progress`] in steps: one pass over the campaign's pledges, summed by the donor's unit
/// (a pass per unit took 76 times as long).
pub fn unit_progress_steps(
    campaign: &CampaignId,
    today: Date,
) -> impl Steps<Output = Vec<UnitProgress>> + use<> {
    let campaign = campaign.clone();
    to_date_by(&campaign, today, |_, donor| donor.unit.as_ref()).map(move |ledger, by_unit| {
        if ledger.campaign(&campaign).is_none() {
            return Vec::new();
        }
        ledger
            .units()
            .map(|unit| {
                let t = by_unit.get(&unit.id);
                UnitProgress {
                    unit: unit.id.clone(),
                    name: unit.name.clone(),
                    kind: unit.kind,
                    quota: unit.quota,
                    donations: t.map_or(0, |t| t.donations),
                    donated: t.map_or(Units::ZERO, |t| t.donated),
                }
            })
            .collect()
    })
}

/// Every participating unit in the ledger, by id, with the campaign's donations to date by its
/// donors (rows of zero included). Empty for a campaign not in the ledger.
pub fn unit_progress(ledger: &Ledger, campaign: &CampaignId, today: Date) -> Vec<UnitProgress> {
    run(unit_progress_steps(campaign, today), ledger)
}

/// A drive's pledges against its capacity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DriveProgress {
    /// The drive.
    pub drive: DriveId,
    /// Its name.
    pub name: String,
    /// Its first day.
    pub start: Date,
    /// Its last day.
    pub end: Date,
    /// Where it stands.
    pub status: DriveStatus,
    /// Places over every day, site and slot ([`super::Drive::capacity`]).
    pub capacity: u64,
    /// Pledges holding a place (every status but cancelled), whatever their day.
    pub held: u64,
    /// Donations to date at the drive.
    pub donations: u32,
    /// The units they count for.
    pub donated: Units,
}

impl DriveProgress {
    /// Held places in per cent of capacity, rounded down (may pass 100 when slots were set below
    /// their pledges); `None` for a drive with no places.
    pub fn fill_percent(&self) -> Option<u32> {
        (self.capacity > 0)
            .then(|| u32::try_from(self.held * 100 / self.capacity).unwrap_or(u32::MAX))
    }
}

/// [`drive_progress`] in steps: one pass over the campaign's pledges, summed by drive.
pub fn drive_progress_steps(
    campaign: &CampaignId,
    today: Date,
) -> impl Steps<Output = Vec<DriveProgress>> + use<> {
    let campaign = campaign.clone();
    to_date_by(&campaign, today, |p, _| p.slot.place.drive()).map(move |ledger, by_drive| {
        if ledger.campaign(&campaign).is_none() {
            return Vec::new();
        }
        let mut drives: Vec<_> = ledger.drives().filter(|d| d.campaign == campaign).collect();
        super::order::sort_by(&mut drives, |a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
        drives
            .into_iter()
            .map(|drive| {
                let t = by_drive.get(&drive.id);
                DriveProgress {
                    drive: drive.id.clone(),
                    name: drive.name.clone(),
                    start: drive.start,
                    end: drive.end,
                    status: drive.status,
                    capacity: drive.capacity(),
                    held: t.map_or(0, |t| t.held),
                    donations: t.map_or(0, |t| t.donations),
                    donated: t.map_or(Units::ZERO, |t| t.donated),
                }
            })
            .collect()
    })
}

/// Every drive of the campaign, by start date then id, with its held places and its donations
/// to date. Empty for a campaign not in the ledger.
pub fn drive_progress(ledger: &Ledger, campaign: &CampaignId, today: Date) -> Vec<DriveProgress> {
    run(drive_progress_steps(campaign, today), ledger)
}

/// Where the planner's rates come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RateBasis {
    /// The campaign's own final outcomes (at least [`MIN_OUTCOMES_FOR_HISTORY`] of them, and at
    /// least one donation).
    History {
        /// Pledges deferred at screening.
        deferred: u64,
        /// Pledges whose donor did not come.
        no_show: u64,
    },
    /// Not enough history: [`ASSUMED_GIVING`] of pledges give [`ASSUMED_VOLUME_ML`] each.
    Assumed,
}

/// How pledges turn into units: `donations` out of every `outcomes` pledges give blood, and
/// those donations count `units` in all. A pledge is then worth `units / outcomes` on average.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rates {
    basis: RateBasis,
    donations: u64,
    outcomes: u64,
    units: Units,
}

impl Rates {
    /// The stated assumption: 2 in 3 pledges give 350 ml each, counted at `ml_per_unit`
    /// (1.4 units at 250 ml per unit).
    pub fn assumed(ml_per_unit: u16) -> Rates {
        let (donations, outcomes) = ASSUMED_GIVING;
        let per_donation = Units::from_volume(ASSUMED_VOLUME_ML, ml_per_unit.max(1));
        Rates {
            basis: RateBasis::Assumed,
            donations,
            outcomes,
            units: Units::from_milli(per_donation.milli().max(1) * donations as i64),
        }
    }

    /// The campaign's rates: from its own final outcomes (donated, deferred, no-show, whatever
    /// the day) when it has at least [`MIN_OUTCOMES_FOR_HISTORY`] of them with at least one
    /// donation of positive units, else [`Rates::assumed`] at the campaign's units. Cancelled
    /// pledges are not outcomes. Refuses a campaign not in the ledger.
    pub fn of_campaign(ledger: &Ledger, campaign: &CampaignId) -> Result<Rates, DomainError> {
        let c = known_campaign(ledger, campaign)?;
        let (mut donations, mut deferred, mut no_show) = (0u64, 0u64, 0u64);
        let mut units = Units::ZERO;
        for (p, _) in Filter::new(campaign.clone()).pledges(ledger) {
            match &p.status {
                PledgeStatus::Donated { units: u, .. } => {
                    donations += 1;
                    units += *u;
                }
                PledgeStatus::Deferred { .. } => deferred += 1,
                PledgeStatus::NoShow { .. } => no_show += 1,
                _ => {}
            }
        }
        let outcomes = donations + deferred + no_show;
        if outcomes >= MIN_OUTCOMES_FOR_HISTORY && donations > 0 && units > Units::ZERO {
            Ok(Rates {
                basis: RateBasis::History { deferred, no_show },
                donations,
                outcomes,
                units,
            })
        } else {
            Ok(Rates::assumed(c.ml_per_unit))
        }
    }

    /// Where these rates come from.
    pub fn basis(&self) -> RateBasis {
        self.basis
    }

    /// Pledges that gave blood, of [`Rates::outcomes`].
    pub fn donations(&self) -> u64 {
        self.donations
    }

    /// Final outcomes counted (or the denominator of the assumption).
    pub fn outcomes(&self) -> u64 {
        self.outcomes
    }

    /// Units the donations counted for in all.
    pub fn units(&self) -> Units {
        self.units
    }

    /// Share of pledges that give blood, in per cent, rounded down.
    pub fn giving_percent(&self) -> u32 {
        u32::try_from(self.donations * 100 / self.outcomes.max(1)).unwrap_or(u32::MAX)
    }

    /// Share of pledges whose donor came (donated or deferred), in per cent, rounded down;
    /// `None` for the assumption, which does not split no-shows from deferrals.
    pub fn show_percent(&self) -> Option<u32> {
        match self.basis {
            RateBasis::History { deferred, .. } => Some(
                u32::try_from((self.donations + deferred) * 100 / self.outcomes.max(1))
                    .unwrap_or(u32::MAX),
            ),
            RateBasis::Assumed => None,
        }
    }

    /// Share of donors who came but were deferred, in per cent, rounded down; `None` for the
    /// assumption.
    pub fn deferral_percent(&self) -> Option<u32> {
        match self.basis {
            RateBasis::History { deferred, .. } => Some(
                u32::try_from(deferred * 100 / (self.donations + deferred).max(1))
                    .unwrap_or(u32::MAX),
            ),
            RateBasis::Assumed => None,
        }
    }

    /// Average units of one donation, to the nearest thousandth.
    pub fn units_per_donation(&self) -> Units {
        let d = i128::from(self.donations.max(1));
        to_units((2 * i128::from(self.units.milli()) + d).div_euclid(2 * d))
    }
}

/// How many pledges a goal needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Plan {
    /// Units to collect.
    pub goal: Units,
    /// Over this many days.
    pub days: NonZeroU32,
    /// At these rates.
    pub rates: Rates,
    /// Pledges to take each day, rounded up: the fewest that reach the goal at these rates.
    pub pledges_per_day: u64,
}

impl Plan {
    /// Pledges over all the days.
    pub fn pledges_total(&self) -> u64 {
        self.pledges_per_day
            .saturating_mul(u64::from(self.days.get()))
    }

    /// Units those pledges should give at these rates, rounded down (at least the goal).
    pub fn expected_units(&self) -> Units {
        to_units(
            (i128::from(self.pledges_total()) * i128::from(self.rates.units.milli()))
                .div_euclid(i128::from(self.rates.outcomes.max(1))),
        )
    }
}

/// Pledges needed per day to collect `goal` units over `days` days at `rates`: the smallest
/// whole number `n` with `n x days x units / outcomes >= goal`. Zero for a goal of zero or less.
pub fn plan(rates: Rates, goal: Units, days: NonZeroU32) -> Plan {
    let pledges_per_day = if goal <= Units::ZERO {
        0
    } else {
        let need = i128::from(goal.milli()) * i128::from(rates.outcomes.max(1));
        let per_pledge_day = i128::from(rates.units.milli().max(1)) * i128::from(days.get());
        u64::try_from(ceil_div(need, per_pledge_day)).unwrap_or(u64::MAX)
    };
    Plan {
        goal,
        days,
        rates,
        pledges_per_day,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::domain::eligibility::RuleSet;
    use crate::domain::{
        Abo, BloodGroup, CampaignDraft, Category, Deferral, DonationType, Donor, DonorDraft,
        DonorId, Drive, DriveDraft, DriveSite, Interval, Now, Outcome, Phone, Place, PledgeId,
        PledgeRequest, Rh, Sex, Site, SiteId, SiteKind, SlotRef, SlotSpec, TimeOfDay, Timestamp,
        Unit, Weekday, WeeklyHours, Weight,
    };

    pub(crate) fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    pub(crate) fn t(s: &str) -> TimeOfDay {
        s.parse().unwrap()
    }

    pub(crate) fn now(date: &str) -> Now {
        Now {
            date: d(date),
            time: t("00:00"),
            stamp: Timestamp(0),
        }
    }

    pub(crate) fn campaign(id: &str, year: i32, baseline: i64, growth_bp: i32) -> Campaign {
        Campaign::new(
            CampaignId::new(id).unwrap(),
            CampaignDraft {
                year,
                name: format!("Hiến máu {year}"),
                baseline: Units::whole(baseline),
                growth_bp,
                slogans: vec![],
                partner: String::new(),
                ml_per_unit: None,
                notes: String::new(),
            },
        )
        .unwrap()
    }

    /// A donor plainly eligible under any rule set: 30 years old, 60 kg, no history.
    pub(crate) fn donor(
        id: &str,
        group: Option<BloodGroup>,
        category: Category,
        unit: Option<&UnitId>,
    ) -> Donor {
        Donor::new(
            DonorId::new(id).unwrap(),
            DonorDraft {
                full_name: format!("Người hiến {id}"),
                sex: Sex::Male,
                birth_date: d("1994-01-01"),
                weight: Weight::from_kg(60).unwrap(),
                phone: Phone::parse("0912345678").unwrap(),
                citizen_id: None,
                blood_group: group,
                category,
                unit: unit.cloned(),
            },
            d("2023-01-01"),
            Timestamp(0),
        )
        .unwrap()
    }

    pub(crate) fn venue(id: &str, name: &str) -> Site {
        Site::new(SiteId::new(id).unwrap(), name, "", "", SiteKind::Venue).unwrap()
    }

    /// A fixed point open 07:30 to 11:30 every day, in one-hour slots of 2 places.
    pub(crate) fn fixed_point(id: &str, name: &str) -> Site {
        let hours = WeeklyHours::new(
            Weekday::ALL.map(|w| (w, Interval::new(t("07:30"), t("11:30")).unwrap())),
        )
        .unwrap();
        Site::new(
            SiteId::new(id).unwrap(),
            name,
            "",
            "Hoàn Kiếm",
            SiteKind::FixedPoint {
                hours,
                slot_minutes: 60,
                capacity_per_slot: 2,
            },
        )
        .unwrap()
    }

    /// A drive with `capacity` places in each of two morning slots at every site.
    pub(crate) fn drive(
        id: &str,
        campaign: &Campaign,
        start: &str,
        end: &str,
        sites: &[&SiteId],
        capacity: u16,
    ) -> Drive {
        let slots = vec![
            SlotSpec::new(t("07:30"), t("09:00"), capacity).unwrap(),
            SlotSpec::new(t("09:00"), t("10:30"), capacity).unwrap(),
        ];
        Drive::new(
            DriveId::new(id).unwrap(),
            campaign,
            DriveDraft {
                name: format!("Đợt {id}"),
                start: d(start),
                end: d(end),
                sites: sites
                    .iter()
                    .map(|s| DriveSite::new((*s).clone(), slots.clone(), BTreeMap::new()).unwrap())
                    .collect(),
            },
        )
        .unwrap()
    }

    /// Pledges `donor` at `place` on `date` at `start`, then applies `outcome`:
    /// `None` leaves it pledged.
    pub(crate) fn pledge_with(
        ledger: &mut Ledger,
        id: &str,
        donor: &str,
        place: Place,
        date: &str,
        start: &str,
        outcome: Option<Outcome>,
    ) {
        assert!(
            pledge_with_result(ledger, id, donor, place, date, start, outcome),
            "pledge {id} refused"
        );
    }

    /// Like [`pledge_with`], but says whether the ledger took the pledge (a full slot or a
    /// second pledge that day is refused) instead of failing.
    pub(crate) fn pledge_with_result(
        ledger: &mut Ledger,
        id: &str,
        donor: &str,
        place: Place,
        date: &str,
        start: &str,
        outcome: Option<Outcome>,
    ) -> bool {
        let pid = PledgeId::new(id).unwrap();
        let year = d(date).year();
        let taken = ledger.pledge(
            pid.clone(),
            PledgeRequest {
                donor: DonorId::new(donor).unwrap(),
                slot: SlotRef {
                    place,
                    date: d(date),
                    start: t(start),
                },
                donation: DonationType::WholeBlood,
                volume_ml: 350,
                declarations: Vec::new(),
            },
            &RuleSet::vietnam(),
            now(&format!("{year}-01-01")),
        );
        if taken.is_err() {
            return false;
        }
        match outcome {
            None => {}
            Some(Outcome::NoShow) => ledger
                .record_outcome(&pid, Outcome::NoShow, &RuleSet::vietnam(), Timestamp(1))
                .unwrap(),
            Some(o) => {
                ledger
                    .check_in(&pid, &RuleSet::vietnam(), Timestamp(1))
                    .unwrap();
                ledger
                    .record_outcome(&pid, o, &RuleSet::vietnam(), Timestamp(2))
                    .unwrap();
            }
        }
        true
    }

    pub(crate) fn o_pos() -> Option<BloodGroup> {
        Some(BloodGroup::new(Abo::O, Rh::Positive))
    }

    /// The hand-built ledger every unit test reads:
    ///
    /// - campaign 2024 (1,635 units + 10 % = 1,799) and 2023 (baseline 1,500);
    /// - drive `d1`, 24-25 April 2024 at halls A and B, two slots of 4 places a day;
    /// - fixed point `fx-hoan-kiem`;
    /// - p1, p2 donated 350 ml (1.4 units each) and p3 deferred, all in hall A on 24 April
    ///   07:30; p4 no-show on 25 April 09:00; p5 donated 250 ml (1 unit) at the fixed point on
    ///   3 June; p6 cancelled; and in 2023 one donation of 250 ml at the fixed point on 1 March.
    pub(crate) struct Fixture {
        pub ledger: Ledger,
        pub campaign: CampaignId,
        pub drive: DriveId,
        pub hall_a: SiteId,
        pub hall_b: SiteId,
        pub fixed: SiteId,
        pub hospital: UnitId,
        pub center: UnitId,
    }

    impl Fixture {
        pub fn new() -> Fixture {
            let mut ledger = Ledger::new();
            let c2024 = campaign("c2024", 2024, 1635, 1000);
            let c2023 = campaign("c2023", 2023, 1500, 0);
            ledger.add_campaign(c2024.clone(), Timestamp(0)).unwrap();
            ledger.add_campaign(c2023, Timestamp(0)).unwrap();
            ledger
                .add_site(fixed_point("fx-hoan-kiem", "TTYT Hoàn Kiếm"), Timestamp(0))
                .unwrap();
            ledger
                .add_site(venue("hall-a", "Hội trường A"), Timestamp(0))
                .unwrap();
            ledger
                .add_site(venue("hall-b", "Hội trường B"), Timestamp(0))
                .unwrap();
            let hospital = UnitId::new("bv-xanh-pon").unwrap();
            let center = UnitId::new("ttyt-dong-da").unwrap();
            ledger
                .add_unit(
                    Unit::new(
                        hospital.clone(),
                        "BV Xanh Pôn",
                        UnitKind::PublicHospital,
                        Some(Units::whole(10)),
                    )
                    .unwrap(),
                    Timestamp(0),
                )
                .unwrap();
            ledger
                .add_unit(
                    Unit::new(
                        center.clone(),
                        "TTYT Đống Đa",
                        UnitKind::DistrictMedicalCenter,
                        Some(Units::whole(5)),
                    )
                    .unwrap(),
                    Timestamp(0),
                )
                .unwrap();
            let b_pos = Some(BloodGroup::new(Abo::B, Rh::Positive));
            let a_pos = Some(BloodGroup::new(Abo::A, Rh::Positive));
            for donor in [
                donor("n1", o_pos(), Category::Staff, Some(&hospital)),
                donor("n2", o_pos(), Category::Staff, Some(&hospital)),
                donor("n3", None, Category::Staff, Some(&hospital)),
                donor("n4", a_pos, Category::Student, None),
                donor("n5", None, Category::Public, None),
                donor("n6", b_pos, Category::Intern, Some(&center)),
            ] {
                ledger.add_donor(donor).unwrap();
            }
            let hall_a = SiteId::new("hall-a").unwrap();
            let hall_b = SiteId::new("hall-b").unwrap();
            let fixed = SiteId::new("fx-hoan-kiem").unwrap();
            let d1 = drive(
                "d1",
                &c2024,
                "2024-04-24",
                "2024-04-25",
                &[&hall_a, &hall_b],
                4,
            );
            let drive_id = d1.id.clone();
            ledger.add_drive(d1, Timestamp(0)).unwrap();
            ledger
                .set_drive_status(&drive_id, DriveStatus::Open, Timestamp(0))
                .unwrap();
            let at_a = Place::Drive {
                drive: drive_id.clone(),
                site: hall_a.clone(),
            };
            let at_fixed = Place::Fixed {
                site: fixed.clone(),
            };
            let donated = |ml| Some(Outcome::Donated { volume_ml: ml });
            let l = &mut ledger;
            pledge_with(
                l,
                "p1",
                "n1",
                at_a.clone(),
                "2024-04-24",
                "07:30",
                donated(350),
            );
            pledge_with(
                l,
                "p2",
                "n2",
                at_a.clone(),
                "2024-04-24",
                "07:30",
                donated(350),
            );
            let deferral = Outcome::Deferred(Deferral {
                reason: "Huyết sắc tố thấp".into(),
                until: d("2024-05-24"),
            });
            pledge_with(
                l,
                "p3",
                "n3",
                at_a.clone(),
                "2024-04-24",
                "07:30",
                Some(deferral),
            );
            pledge_with(
                l,
                "p4",
                "n4",
                at_a.clone(),
                "2024-04-25",
                "09:00",
                Some(Outcome::NoShow),
            );
            pledge_with(
                l,
                "p5",
                "n5",
                at_fixed.clone(),
                "2024-06-03",
                "07:30",
                donated(250),
            );
            pledge_with(l, "p6", "n6", at_a, "2024-04-25", "07:30", None);
            l.cancel(&PledgeId::new("p6").unwrap(), "Bận việc", Timestamp(3))
                .unwrap();
            pledge_with(l, "q1", "n6", at_fixed, "2023-03-01", "08:30", donated(250));
            Fixture {
                ledger,
                campaign: CampaignId::new("c2024").unwrap(),
                drive: drive_id,
                hall_a,
                hall_b,
                fixed,
                hospital,
                center,
            }
        }

        pub fn filter(&self) -> Filter {
            Filter::new(self.campaign.clone())
        }

        pub fn today(&self) -> Date {
            d("2024-05-01")
        }
    }

    #[test]
    fn progress_on_1_may_counts_units_to_date_and_the_pace_still_needed() {
        let f = Fixture::new();
        let p = progress(&f.ledger, &f.campaign, f.today()).unwrap();
        assert_eq!(
            p.donations, 2,
            "the fixed-point donation on 3 June is not yet"
        );
        assert_eq!(p.donated, Units::from_milli(2800));
        assert_eq!(p.target, 1799);
        assert_eq!(p.remaining, Units::from_milli(1_796_200));
        // 1 May is day 122 of leap 2024: 244 days from tomorrow to 31 December.
        assert_eq!((p.days_elapsed, p.days_left), (122, 244));
        // 1,796.2 / 244 = 7.36147..., rounded up.
        assert_eq!(p.required_per_day, Some(Units::from_milli(7362)));
        // 2.8 over 122 days, times 366 days.
        assert_eq!(p.projected, Some(Units::from_milli(8400)));
        // 1,799 x 121 / 365 = 596.3808..., rounded up.
        assert_eq!(p.on_path, Units::from_milli(596_381));
        assert_eq!(p.ahead_by, Units::from_milli(2800 - 596_381));
        assert!(p.is_behind());
        assert_eq!(p.behind_by(), Units::from_milli(593_581));
    }

    #[test]
    fn today_counts_as_done_and_the_pace_starts_tomorrow() {
        let f = Fixture::new();
        let p = progress(&f.ledger, &f.campaign, d("2024-06-03")).unwrap();
        assert_eq!(
            p.donated,
            Units::from_milli(3800),
            "3 June's donation counts"
        );
        let eve = progress(&f.ledger, &f.campaign, d("2024-12-31")).unwrap();
        assert_eq!((eve.days_left, eve.required_per_day), (0, None));
        assert_eq!(eve.on_path, Units::whole(1799));
        assert_eq!(eve.projected, Some(Units::from_milli(3800)));
        let before = progress(&f.ledger, &f.campaign, d("2023-12-31")).unwrap();
        assert_eq!((before.days_elapsed, before.days_left), (0, 366));
        assert_eq!(before.projected, None);
        assert_eq!(before.required_per_day, Some(Units::from_milli(4916)));
    }

    #[test]
    fn progress_refuses_an_unknown_campaign() {
        let f = Fixture::new();
        let nope = CampaignId::new("nope").unwrap();
        assert_eq!(
            progress(&f.ledger, &nope, f.today()),
            Err(DomainError::UnknownCampaign(nope.clone()))
        );
        assert!(unit_progress(&f.ledger, &nope, f.today()).is_empty());
        assert!(drive_progress(&f.ledger, &nope, f.today()).is_empty());
    }

    #[test]
    fn a_campaign_ahead_of_its_path_is_not_behind() {
        let mut ledger = Ledger::new();
        let c = campaign("c", 2023, 0, 1000);
        ledger.add_campaign(c.clone(), Timestamp(0)).unwrap();
        let p = progress(&ledger, &c.id, d("2023-06-01")).unwrap();
        assert_eq!(p.target, 0);
        assert_eq!(p.remaining, Units::ZERO);
        assert_eq!(p.required_per_day, Some(Units::ZERO));
        assert!(!p.is_behind());
        assert_eq!(p.behind_by(), Units::ZERO);
    }

    #[test]
    fn units_progress_against_their_quota_by_their_donors() {
        let f = Fixture::new();
        let rows = unit_progress(&f.ledger, &f.campaign, d("2024-06-30"));
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].unit, f.hospital);
        assert_eq!(rows[0].donations, 2);
        assert_eq!(rows[0].donated, Units::from_milli(2800));
        assert_eq!(rows[0].remaining(), Some(Units::from_milli(7200)));
        assert_eq!(rows[0].percent(), Some(28));
        assert_eq!(rows[1].unit, f.center);
        assert_eq!(rows[1].donated, Units::ZERO);
        assert_eq!(rows[1].percent(), Some(0));
        let early = unit_progress(&f.ledger, &f.campaign, d("2024-04-23"));
        assert_eq!(early[0].donated, Units::ZERO);
    }

    #[test]
    fn drives_progress_as_held_places_against_capacity() {
        let f = Fixture::new();
        let rows = drive_progress(&f.ledger, &f.campaign, f.today());
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(r.drive, f.drive);
        // 2 days x 2 sites x 2 slots x 4 places.
        assert_eq!(r.capacity, 32);
        assert_eq!(r.held, 4, "the cancelled pledge gave its place back");
        assert_eq!(r.fill_percent(), Some(12));
        assert_eq!(r.donated, Units::from_milli(2800));
    }

    #[test]
    fn without_30_outcomes_the_planner_assumes_2_in_3_give_350_ml() {
        let f = Fixture::new();
        let rates = Rates::of_campaign(&f.ledger, &f.campaign).unwrap();
        assert_eq!(rates, Rates::assumed(250));
        assert_eq!(rates.basis(), RateBasis::Assumed);
        assert_eq!(rates.units_per_donation(), Units::from_milli(1400));
        assert_eq!(rates.giving_percent(), 66);
        assert_eq!(rates.show_percent(), None);
        // 100 units at 2/3 x 1.4 = 0.9333 a pledge: 107.14 pledges, 10.71 a day over 10 days.
        let p = plan(rates, Units::whole(100), NonZeroU32::new(10).unwrap());
        assert_eq!(p.pledges_per_day, 11);
        assert_eq!(p.pledges_total(), 110);
        assert_eq!(p.expected_units(), Units::from_milli(102_666));
        let nothing = plan(rates, Units::ZERO, NonZeroU32::new(3).unwrap());
        assert_eq!(nothing.pledges_per_day, 0);
    }

    #[test]
    fn with_30_outcomes_the_planner_uses_the_campaigns_own_rates() {
        let mut f = Fixture::new();
        let c2024 = f.ledger.campaign(&f.campaign).unwrap().clone();
        let hall_b = f.hall_b.clone();
        let d2 = drive("d2", &c2024, "2024-09-05", "2024-09-05", &[&hall_b], 50);
        f.ledger.add_drive(d2, Timestamp(0)).unwrap();
        let d2 = DriveId::new("d2").unwrap();
        f.ledger
            .set_drive_status(&d2, DriveStatus::Open, Timestamp(0))
            .unwrap();
        let place = Place::Drive {
            drive: d2,
            site: hall_b,
        };
        for i in 0..30 {
            let id = format!("h{i}");
            f.ledger
                .add_donor(donor(&id, None, Category::Public, None))
                .unwrap();
            let outcome = match i {
                0..24 => Outcome::Donated { volume_ml: 350 },
                24..27 => Outcome::Deferred(Deferral {
                    reason: "Huyết áp".into(),
                    until: d("2024-10-05"),
                }),
                _ => Outcome::NoShow,
            };
            let (pid, when) = (format!("hp{i}"), "2024-09-05");
            pledge_with(
                &mut f.ledger,
                &pid,
                &id,
                place.clone(),
                when,
                "07:30",
                Some(outcome),
            );
        }
        let rates = Rates::of_campaign(&f.ledger, &f.campaign).unwrap();
        // With the fixture's five: 27 donated, 4 deferred, 4 no-shows.
        assert_eq!(
            rates.basis(),
            RateBasis::History {
                deferred: 4,
                no_show: 4
            }
        );
        assert_eq!((rates.donations(), rates.outcomes()), (27, 35));
        assert_eq!(rates.units(), Units::from_milli(24 * 1400 + 3800));
        assert_eq!(rates.show_percent(), Some(88));
        assert_eq!(rates.deferral_percent(), Some(12));
        assert_eq!(rates.units_per_donation(), Units::from_milli(1385));
        // 100 units at 37.4 / 35 = 1.0686 a pledge: 93.58 pledges, 9.36 a day over 10 days.
        let p = plan(rates, Units::whole(100), NonZeroU32::new(10).unwrap());
        assert_eq!(p.pledges_per_day, 10);
    }

    #[test]
    fn the_target_path_runs_from_zero_on_1_january_to_the_target_on_31_december() {
        let c = campaign("c", 2023, 1000, 0);
        assert_eq!(target_path(&c, d("2022-12-31")), Units::ZERO);
        assert_eq!(target_path(&c, d("2023-01-01")), Units::ZERO);
        // 1000 x 1 / 364, rounded up to the thousandth.
        assert_eq!(target_path(&c, d("2023-01-02")), Units::from_milli(2748));
        assert_eq!(target_path(&c, d("2023-07-02")), Units::whole(500));
        assert_eq!(target_path(&c, d("2023-12-31")), Units::whole(1000));
        assert_eq!(target_path(&c, d("2024-03-01")), Units::whole(1000));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use proptest::prelude::*;

    use super::tests::campaign;
    use super::*;
    use crate::domain::CampaignDraft;

    fn rates() -> impl Strategy<Value = Rates> {
        (
            1u64..2000,
            0u64..2000,
            0u64..2000,
            1i64..2_000_000,
            any::<bool>(),
        )
            .prop_map(|(donations, deferred, no_show, units, history)| {
                if history {
                    Rates {
                        basis: RateBasis::History { deferred, no_show },
                        donations,
                        outcomes: donations + deferred + no_show,
                        units: Units::from_milli(units),
                    }
                } else {
                    Rates::assumed(100 + (units % 901) as u16)
                }
            })
    }

    proptest! {
        #[test]
        fn targets_always_round_up(baseline in 0i64..2_000_000_000, growth_bp in -10_000i32..=100_000) {
            let c = Campaign::new(
                CampaignId::new("c").unwrap(),
                CampaignDraft {
                    year: 2024,
                    name: "c".into(),
                    baseline: Units::from_milli(baseline),
                    growth_bp,
                    slogans: vec![],
                    partner: String::new(),
                    ml_per_unit: None,
                    notes: String::new(),
                },
            )
            .unwrap();
            // Exact: baseline (thousandths) x (10,000 + growth) over 10,000,000 per unit.
            let exact = i128::from(baseline) * i128::from(10_000 + growth_bp);
            let target = i128::from(c.target());
            prop_assert!(target * 10_000_000 >= exact);
            prop_assert!((target - 1) * 10_000_000 < exact);
        }

        #[test]
        fn the_target_path_rounds_up_and_never_falls(
            baseline in 0i64..100_000,
            growth_bp in -10_000i32..=10_000,
            // 2023 has days 0 to 364 after 1 January; later days clamp to the target.
            day in 0i64..365,
        ) {
            let c = campaign("c", 2023, baseline, growth_bp);
            let date = d0().add_days(day);
            let path = target_path(&c, date);
            let exact = i128::from(c.target()) * 1000 * i128::from(day);
            prop_assert!(i128::from(path.milli()) * 364 >= exact);
            prop_assert!((i128::from(path.milli()) - 1) * 364 < exact || path == Units::ZERO);
            prop_assert!(path <= target_path(&c, date.add_days(1)));
            prop_assert!(path <= Units::whole(c.target()));
        }

        #[test]
        fn the_planner_never_plans_too_few_pledges(
            rates in rates(),
            goal in -1000i64..1_000_000_000,
            days in 1u32..1000,
        ) {
            let days = NonZeroU32::new(days).unwrap();
            let p = plan(rates, Units::from_milli(goal), days);
            let n = i128::from(p.pledges_per_day);
            let per_pledge_day = i128::from(rates.units().milli()) * i128::from(days.get());
            let need = i128::from(goal) * i128::from(rates.outcomes());
            // Enough at its own rates, and one fewer a day would not be.
            prop_assert!(n * per_pledge_day >= need);
            prop_assert!(n == 0 || (n - 1) * per_pledge_day < need);
            prop_assert!(p.expected_units() >= Units::from_milli(goal).max(Units::ZERO));
        }
    }

    fn d0() -> Date {
        Date::from_ymd(2023, 1, 1).unwrap()
    }
}

//! Statistics read-models for the organizer's charts and tables: plain rows computed from a
//! [`Ledger`] and a [`Filter`], in a fixed order, so the UI can memoise them and the charts can
//! draw them without knowing any rule.
//!
//! What is counted, everywhere in this module:
//! - a **pledge** is a pledge that holds its slot (anything but cancelled, see
//!   [`PledgeStatus::holds_slot`]);
//! - a **donation** is a pledge whose status is [`PledgeStatus::Donated`], and its **units** are
//!   the units recorded with it;
//! - a **donor** is counted once per row when they have at least one pledge in it.
//!
//! Pledges whose donor is missing from the ledger (only possible in damaged data) are left out
//! of every read-model, so that every breakdown still sums to the totals.
//!
//! Every read-model the dashboard draws is also a [`Steps`]: the same walk over the pledges,
//! a few hundred at a time, so a page can compute it between frames; the function that gives
//! it in one go is those steps run to the end ([`run`]).
//!
//! Like the rest of the domain it reads no clock: where "today" matters it is an argument.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::{Add, AddAssign};

use super::targets;
use super::{
    BloodGroup, CampaignId, Category, Date, Donor, DonorId, DriveId, Ledger, Place, Pledge,
    PledgeId, PledgeStatus, Rh, SiteId, SlotRef, TimeOfDay, UnitId, UnitKind, Units,
};

/// Which pledges a read-model looks at: those of one campaign, optionally narrowed to one
/// drive, one site and one participating unit (all given narrowings apply together).
///
/// A campaign's pledges are those of its drives plus the fixed-point pledges dated in its year.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Filter {
    /// The campaign.
    pub campaign: CampaignId,
    /// Only pledges of this drive.
    pub drive: Option<DriveId>,
    /// Only pledges at this site (a drive's site or a fixed point).
    pub site: Option<SiteId>,
    /// Only pledges of donors who give with this participating unit.
    pub unit: Option<UnitId>,
}

impl Filter {
    /// Everything of one campaign.
    pub fn new(campaign: CampaignId) -> Filter {
        Filter {
            campaign,
            drive: None,
            site: None,
            unit: None,
        }
    }

    /// The same filter narrowed to one drive.
    pub fn with_drive(mut self, drive: DriveId) -> Filter {
        self.drive = Some(drive);
        self
    }

    /// The same filter narrowed to one site.
    pub fn with_site(mut self, site: SiteId) -> Filter {
        self.site = Some(site);
        self
    }

    /// The same filter narrowed to one participating unit.
    pub fn with_unit(mut self, unit: UnitId) -> Filter {
        self.unit = Some(unit);
        self
    }

    /// Whether `pledge` belongs to the campaign, whatever the narrowings.
    fn in_campaign(&self, ledger: &Ledger, year: i32, pledge: &Pledge) -> bool {
        match &pledge.slot.place {
            Place::Drive { drive, .. } => ledger
                .drive(drive)
                .is_some_and(|d| d.campaign == self.campaign),
            Place::Fixed { .. } => pledge.slot.date.year() == year,
        }
    }

    /// Whether `pledge`, made by `donor`, passes every part of the filter.
    fn admits(&self, ledger: &Ledger, year: i32, pledge: &Pledge, donor: &Donor) -> bool {
        self.in_campaign(ledger, year, pledge)
            && self
                .drive
                .as_ref()
                .is_none_or(|d| pledge.slot.place.drive() == Some(d))
            && self
                .site
                .as_ref()
                .is_none_or(|s| pledge.slot.place.site() == s)
            && self
                .unit
                .as_ref()
                .is_none_or(|u| donor.unit.as_ref() == Some(u))
    }

    /// The donor of `pledge` when the filter admits it, the campaign being of `year`.
    fn admitted<'a>(&self, ledger: &'a Ledger, year: i32, pledge: &Pledge) -> Option<&'a Donor> {
        let donor = ledger.donor(&pledge.donor)?;
        self.admits(ledger, year, pledge, donor).then_some(donor)
    }

    /// Whether `pledge` passes the filter (false when the campaign or the pledge's donor is not
    /// in the ledger).
    pub fn matches(&self, ledger: &Ledger, pledge: &Pledge) -> bool {
        match (ledger.campaign(&self.campaign), ledger.donor(&pledge.donor)) {
            (Some(c), Some(donor)) => self.admits(ledger, c.year, pledge, donor),
            _ => false,
        }
    }

    /// Every pledge that passes the filter, cancelled ones included, with its donor, in the
    /// ledger's order (by pledge id).
    pub fn pledges<'a>(
        &'a self,
        ledger: &'a Ledger,
    ) -> impl Iterator<Item = (&'a Pledge, &'a Donor)> + 'a {
        let year = ledger.campaign(&self.campaign).map(|c| c.year);
        ledger
            .pledges()
            .filter_map(move |p| Some((p, self.admitted(ledger, year?, p)?)))
    }
}

/// A read-model computed a few pledges at a time, so a page can compute it between frames:
/// [`Steps::step`] looks at up to `count` more pledges (each pledge looked at is one unit of
/// work, whether the filter admits it or not) and says when none is left; [`Steps::finish`]
/// then gives the figures. [`run`] does it all in one go, which is how this module's functions
/// give their figures. Step one over the same ledger throughout: a changed ledger needs new
/// steps.
pub trait Steps {
    /// The figures.
    type Output;

    /// Looks at up to `count` more pledges; true once every pledge has been looked at (and on
    /// every call after).
    fn step(&mut self, ledger: &Ledger, count: usize) -> bool;

    /// The figures, once [`Steps::step`] has said it is done.
    fn finish(self, ledger: &Ledger) -> Self::Output;

    /// The same steps, their figures turned into others by `f` at the end.
    fn map<U, F: FnOnce(&Ledger, Self::Output) -> U>(self, f: F) -> Mapped<Self, F>
    where
        Self: Sized,
    {
        Mapped { steps: self, f }
    }
}

/// Runs `steps` to the end in one go and gives their figures.
pub fn run<S: Steps>(mut steps: S, ledger: &Ledger) -> S::Output {
    while !steps.step(ledger, usize::MAX) {}
    steps.finish(ledger)
}

/// What a [`Pass`] does with each pledge its filter admits, and the figures it makes of them.
pub trait Fold {
    /// The figures.
    type Output;
    /// Counts one pledge the filter admits, with its donor.
    fn take(&mut self, ledger: &Ledger, pledge: &Pledge, donor: &Donor);
    /// The figures, once every pledge is taken.
    fn finish(self, ledger: &Ledger) -> Self::Output;
}

/// One walk over the pledges a filter admits, in id order, each fed to a [`Fold`]; it stops
/// after any pledge and goes on from the next one. Nothing is admitted for a campaign not in
/// the ledger.
#[derive(Debug, Clone)]
pub struct Pass<F> {
    filter: Filter,
    fold: F,
    /// The last pledge looked at.
    after: Option<PledgeId>,
    done: bool,
}

impl<F: Fold> Pass<F> {
    /// A walk over what `filter` admits, fed to `fold`.
    pub fn new(filter: Filter, fold: F) -> Pass<F> {
        Pass {
            filter,
            fold,
            after: None,
            done: false,
        }
    }
}

impl<F: Fold> Steps for Pass<F> {
    type Output = F::Output;

    fn step(&mut self, ledger: &Ledger, count: usize) -> bool {
        if self.done {
            return true;
        }
        let Some(year) = ledger.campaign(&self.filter.campaign).map(|c| c.year) else {
            self.done = true;
            return true;
        };
        let after = self.after.take();
        let mut pledges = ledger.pledges_after(after.as_ref()).peekable();
        let mut last = None;
        for p in pledges.by_ref().take(count) {
            if let Some(donor) = self.filter.admitted(ledger, year, p) {
                self.fold.take(ledger, p, donor);
            }
            last = Some(&p.id);
        }
        self.done = pledges.peek().is_none();
        drop(pledges);
        self.after = last.cloned().or(after);
        self.done
    }

    fn finish(self, ledger: &Ledger) -> F::Output {
        self.fold.finish(ledger)
    }
}

/// Two read-models stepped one after the other, giving both figures.
#[derive(Debug, Clone)]
pub struct Both<A, B> {
    first: A,
    second: B,
    first_done: bool,
}

impl<A: Steps, B: Steps> Both<A, B> {
    /// `first`'s steps, then `second`'s.
    pub fn new(first: A, second: B) -> Both<A, B> {
        Both {
            first,
            second,
            first_done: false,
        }
    }
}

impl<A: Steps, B: Steps> Steps for Both<A, B> {
    type Output = (A::Output, B::Output);

    fn step(&mut self, ledger: &Ledger, count: usize) -> bool {
        if !self.first_done {
            self.first_done = self.first.step(ledger, count);
            return false;
        }
        self.second.step(ledger, count)
    }

    fn finish(self, ledger: &Ledger) -> Self::Output {
        (self.first.finish(ledger), self.second.finish(ledger))
    }
}

/// A read-model that may not be there: no steps and no figures.
impl<S: Steps> Steps for Option<S> {
    type Output = Option<S::Output>;

    fn step(&mut self, ledger: &Ledger, count: usize) -> bool {
        self.as_mut().is_none_or(|s| s.step(ledger, count))
    }

    fn finish(self, ledger: &Ledger) -> Self::Output {
        self.map(|s| s.finish(ledger))
    }
}

/// Steps whose figures are turned into others at the end ([`Steps::map`]).
#[derive(Debug, Clone)]
pub struct Mapped<S, F> {
    steps: S,
    f: F,
}

impl<S: Steps, U, F: FnOnce(&Ledger, S::Output) -> U> Steps for Mapped<S, F> {
    type Output = U;

    fn step(&mut self, ledger: &Ledger, count: usize) -> bool {
        self.steps.step(ledger, count)
    }

    fn finish(self, ledger: &Ledger) -> U {
        (self.f)(ledger, self.steps.finish(ledger))
    }
}

/// The units a pledge's donation counts for, if it was donated.
pub(crate) fn donated_units(pledge: &Pledge) -> Option<Units> {
    match pledge.status {
        PledgeStatus::Donated { units, .. } => Some(units),
        _ => None,
    }
}

/// Pledges, donations and units counted together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Tally {
    /// Pledges holding their slot (every status but cancelled).
    pub pledges: u32,
    /// Pledges that ended in a donation.
    pub donations: u32,
    /// Units those donations count for.
    pub units: Units,
}

impl Tally {
    /// The tally of one pledge: nothing for a cancelled one.
    pub fn of(pledge: &Pledge) -> Tally {
        let units = donated_units(pledge);
        Tally {
            pledges: u32::from(pledge.status.holds_slot()),
            donations: u32::from(units.is_some()),
            units: units.unwrap_or(Units::ZERO),
        }
    }
}

impl Add for Tally {
    type Output = Tally;
    fn add(self, o: Tally) -> Tally {
        Tally {
            pledges: self.pledges + o.pledges,
            donations: self.donations + o.donations,
            units: self.units + o.units,
        }
    }
}

impl AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        *self = *self + o;
    }
}

impl std::iter::Sum for Tally {
    fn sum<I: Iterator<Item = Tally>>(iter: I) -> Tally {
        iter.fold(Tally::default(), Add::add)
    }
}

/// The whole of what a filter admits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Totals {
    /// Distinct donors with at least one pledge holding its slot.
    pub donors: u32,
    /// Pledges, donations and units.
    pub tally: Tally,
}

/// One row of a breakdown by something a donor is (blood group, category, unit kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DonorRow<K> {
    /// What the row counts: a blood group, a category, a unit kind.
    pub key: K,
    /// Distinct donors of this kind with at least one pledge holding its slot.
    pub donors: u32,
    /// Their pledges, donations and units.
    pub tally: Tally,
}

/// One day's pledges and donations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DayRow {
    /// The day pledged for.
    pub date: Date,
    /// Pledges for that day, donations on it and their units.
    pub tally: Tally,
}

/// One site's pledges and donations.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SiteRow {
    /// The site.
    pub site: SiteId,
    /// Its name (the id when the site is not in the ledger).
    pub name: String,
    /// Pledges at the site, donations there and their units.
    pub tally: Tally,
}

/// One day of the year on the progress chart: units so far, the target path and last year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CumulativePoint {
    /// The day.
    pub date: Date,
    /// Units donated from 1 January up to and including this day; `None` after `today`.
    pub actual: Option<Units>,
    /// Where the campaign should be at the end of this day on a straight line from 0 on
    /// 1 January to the target on 31 December (see [`targets::target_path`]).
    pub target: Units,
    /// The previous year's campaign, up to the same calendar day (29 February reads 28
    /// February's value when last year had none); `None` when there is no previous campaign in
    /// the ledger or the filter names a drive (a drive belongs to one year only).
    pub previous: Option<Units>,
}

/// One slot of one day at one site of a drive, and how full it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SlotFill {
    /// The drive.
    pub drive: DriveId,
    /// The site.
    pub site: SiteId,
    /// The day.
    pub date: Date,
    /// When the slot starts.
    pub start: TimeOfDay,
    /// When it ends.
    pub end: TimeOfDay,
    /// Places in it.
    pub capacity: u16,
    /// Places taken by pledges the filter admits (all of them, without a unit filter).
    pub taken: u32,
}

impl SlotFill {
    /// Taken places in per mille of capacity, rounded down (may pass 1000 when over capacity).
    pub fn fill_permille(&self) -> u32 {
        if self.capacity == 0 {
            return 0;
        }
        let permille = u64::from(self.taken) * 1000 / u64::from(self.capacity);
        u32::try_from(permille).unwrap_or(u32::MAX)
    }
}

/// Donors, pledges, donations and units the filter admits.
pub fn totals(ledger: &Ledger, filter: &Filter) -> Totals {
    let mut donors = BTreeSet::new();
    let mut tally = Tally::default();
    for (p, _) in filter.pledges(ledger) {
        if p.status.holds_slot() {
            donors.insert(&p.donor);
        }
        tally += Tally::of(p);
    }
    Totals {
        donors: count(donors.len()),
        tally,
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A breakdown by one thing a donor is, with a row for every key of `keys` in that order
/// (rows of zero included) so charts keep their colours and order.
#[derive(Debug, Clone)]
pub struct ByDonor<K> {
    keys: Vec<K>,
    key_of: fn(&Ledger, &Donor) -> K,
    donors: BTreeMap<K, BTreeSet<DonorId>>,
    tallies: BTreeMap<K, Tally>,
}

impl<K: Copy + Ord> ByDonor<K> {
    fn new(keys: Vec<K>, key_of: fn(&Ledger, &Donor) -> K) -> ByDonor<K> {
        ByDonor {
            keys,
            key_of,
            donors: BTreeMap::new(),
            tallies: BTreeMap::new(),
        }
    }
}

impl<K: Copy + Ord> Fold for ByDonor<K> {
    type Output = Vec<DonorRow<K>>;

    fn take(&mut self, ledger: &Ledger, p: &Pledge, donor: &Donor) {
        let key = (self.key_of)(ledger, donor);
        if p.status.holds_slot() {
            let donors = self.donors.entry(key).or_default();
            if !donors.contains(&p.donor) {
                donors.insert(p.donor.clone());
            }
        }
        *self.tallies.entry(key).or_default() += Tally::of(p);
    }

    fn finish(self, _: &Ledger) -> Vec<DonorRow<K>> {
        self.keys
            .iter()
            .map(|&key| DonorRow {
                key,
                donors: self.donors.get(&key).map_or(0, |s| count(s.len())),
                tally: self.tallies.get(&key).copied().unwrap_or_default(),
            })
            .collect()
    }
}

/// [`by_blood_group`] in steps.
pub fn by_blood_group_steps(
    filter: &Filter,
) -> impl Steps<Output = Vec<DonorRow<Option<BloodGroup>>>> + use<> {
    let keys: Vec<Option<BloodGroup>> = BloodGroup::ALL
        .iter()
        .copied()
        .map(Some)
        .chain([None])
        .collect();
    Pass::new(filter.clone(), ByDonor::new(keys, |_, d| d.blood_group)).map(|_, mut rows| {
        rows.retain(|r: &DonorRow<Option<BloodGroup>>| {
            r.key.is_none_or(|g| g.rh != Rh::Unknown) || r.tally != Tally::default()
        });
        rows
    })
}

/// Counts by blood group in [`BloodGroup::ALL`] order, then `None` for donors who do not know
/// theirs: the eight groups with a known Rh factor always, a group whose Rh factor is unknown
/// (`O`, `A`, `B`, `AB`) only when some pledge counts in it.
pub fn by_blood_group(ledger: &Ledger, filter: &Filter) -> Vec<DonorRow<Option<BloodGroup>>> {
    run(by_blood_group_steps(filter), ledger)
}

/// [`by_category`] in steps.
pub fn by_category_steps(filter: &Filter) -> Pass<ByDonor<Category>> {
    Pass::new(
        filter.clone(),
        ByDonor::new(Category::ALL.to_vec(), |_, d| d.category),
    )
}

/// Counts by donor category, in [`Category::ALL`] order.
pub fn by_category(ledger: &Ledger, filter: &Filter) -> Vec<DonorRow<Category>> {
    run(by_category_steps(filter), ledger)
}

/// [`by_unit_kind`] in steps.
pub fn by_unit_kind_steps(filter: &Filter) -> Pass<ByDonor<Option<UnitKind>>> {
    let keys: Vec<Option<UnitKind>> = UnitKind::ALL
        .iter()
        .copied()
        .map(Some)
        .chain([None])
        .collect();
    Pass::new(
        filter.clone(),
        ByDonor::new(keys, |ledger, d| {
            d.unit.as_ref().and_then(|u| ledger.unit(u)).map(|u| u.kind)
        }),
    )
}

/// Counts by the kind of the donor's participating unit, in [`UnitKind::ALL`] order, then
/// `None` for donors with no unit (or a unit missing from the ledger).
pub fn by_unit_kind(ledger: &Ledger, filter: &Filter) -> Vec<DonorRow<Option<UnitKind>>> {
    run(by_unit_kind_steps(filter), ledger)
}

/// Pledges holding their slot, per day.
#[derive(Debug, Clone, Default)]
pub struct Days(BTreeMap<Date, Tally>);

impl Fold for Days {
    type Output = Vec<DayRow>;

    fn take(&mut self, _: &Ledger, p: &Pledge, _: &Donor) {
        if p.status.holds_slot() {
            *self.0.entry(p.slot.date).or_default() += Tally::of(p);
        }
    }

    fn finish(self, _: &Ledger) -> Vec<DayRow> {
        self.0
            .into_iter()
            .map(|(date, tally)| DayRow { date, tally })
            .collect()
    }
}

/// [`by_day`] in steps.
pub fn by_day_steps(filter: &Filter) -> Pass<Days> {
    Pass::new(filter.clone(), Days::default())
}

/// Pledges and donations per day, first day first; only days with at least one pledge (a
/// drive's empty days are left out). With [`Filter::drive`] set, this is the drive's own series.
pub fn by_day(ledger: &Ledger, filter: &Filter) -> Vec<DayRow> {
    run(by_day_steps(filter), ledger)
}

/// Pledges, donations and units per site, by site id: every site of the campaign's drives the
/// filter admits (rows of zero included) and every site with a pledge.
pub fn by_site(ledger: &Ledger, filter: &Filter) -> Vec<SiteRow> {
    let mut sites: BTreeMap<SiteId, Tally> = BTreeMap::new();
    for drive in ledger.drives().filter(|d| {
        d.campaign == filter.campaign && filter.drive.as_ref().is_none_or(|f| f == &d.id)
    }) {
        for s in &drive.sites {
            if filter.site.as_ref().is_none_or(|f| f == &s.site) {
                sites.entry(s.site.clone()).or_default();
            }
        }
    }
    for (p, _) in filter.pledges(ledger) {
        *sites.entry(p.slot.place.site().clone()).or_default() += Tally::of(p);
    }
    sites
        .into_iter()
        .map(|(site, tally)| SiteRow {
            name: ledger
                .site(&site)
                .map_or_else(|| site.to_string(), |s| s.name.clone()),
            site,
            tally,
        })
        .collect()
}

/// The days of `year`, 1 January first; empty for a year outside the calendar.
fn days_of_year(year: i32) -> Vec<Date> {
    let (Some(first), Some(last)) = (Date::from_ymd(year, 1, 1), Date::from_ymd(year, 12, 31))
    else {
        return Vec::new();
    };
    (0..=last.days_since(first))
        .map(|n| first.add_days(n))
        .collect()
}

/// Units donated per day of the filter's pledges.
#[derive(Debug, Clone, Default)]
pub struct UnitsByDate(BTreeMap<Date, Units>);

impl Fold for UnitsByDate {
    type Output = BTreeMap<Date, Units>;

    fn take(&mut self, _: &Ledger, p: &Pledge, _: &Donor) {
        if let Some(u) = donated_units(p) {
            *self.0.entry(p.slot.date).or_default() += u;
        }
    }

    fn finish(self, _: &Ledger) -> BTreeMap<Date, Units> {
        self.0
    }
}

/// [`cumulative`] in steps: the filter's pledges, then the previous year's.
pub fn cumulative_steps(
    ledger: &Ledger,
    filter: &Filter,
    today: Date,
) -> impl Steps<Output = Vec<CumulativePoint>> + use<> {
    let previous = ledger
        .campaign(&filter.campaign)
        .and_then(|c| ledger.campaign_of_year(c.year - 1))
        .filter(|_| filter.drive.is_none())
        .map(|prev| {
            let prev_filter = Filter {
                campaign: prev.id.clone(),
                ..filter.clone()
            };
            Pass::new(prev_filter, UnitsByDate::default())
        });
    let campaign = filter.campaign.clone();
    Both::new(Pass::new(filter.clone(), UnitsByDate::default()), previous).map(
        move |ledger, (actual, previous)| {
            let Some(campaign) = ledger.campaign(&campaign) else {
                return Vec::new();
            };
            let mut so_far = Units::ZERO;
            days_of_year(campaign.year)
                .into_iter()
                .map(|date| {
                    so_far += actual.get(&date).copied().unwrap_or_default();
                    let previous = previous.as_ref().map(|by_date| {
                        let same_day = Date::from_ymd(date.year() - 1, date.month(), date.day())
                            .or_else(|| {
                                Date::from_ymd(date.year() - 1, date.month(), date.day() - 1)
                            });
                        same_day.map_or(Units::ZERO, |last| {
                            by_date.range(..=last).map(|(_, u)| *u).sum()
                        })
                    });
                    CumulativePoint {
                        date,
                        actual: (date <= today).then_some(so_far),
                        target: targets::target_path(campaign, date),
                        previous,
                    }
                })
                .collect()
        },
    )
}

/// The progress chart: one point per day of the campaign's year, 1 January to 31 December,
/// with units donated so far (up to `today`), the campaign's target path and the previous
/// year's curve. The target path is the whole campaign's, whatever the filter; the actual and
/// previous curves honour it (see [`CumulativePoint::previous`] for a drive filter). Empty when
/// the campaign is not in the ledger.
pub fn cumulative(ledger: &Ledger, filter: &Filter, today: Date) -> Vec<CumulativePoint> {
    run(cumulative_steps(ledger, filter, today), ledger)
}

/// Places taken per slot by the pledges a filter admits, then the slots of its drives.
#[derive(Debug, Clone)]
pub struct Slots {
    filter: Filter,
    taken: BTreeMap<SlotRef, u32>,
}

/// [`slot_fill`] in steps.
pub fn slot_fill_steps(filter: &Filter) -> Pass<Slots> {
    let slots = Slots {
        filter: filter.clone(),
        taken: BTreeMap::new(),
    };
    Pass::new(filter.clone(), slots)
}

/// How full each slot is, per drive, site and day: for every drive of the campaign the filter
/// admits (by start date, then id), every site (by id, narrowed by [`Filter::site`]), every day
/// and every slot in time order. Taken places count the pledges the filter admits, so with a
/// unit filter they are that unit's share of the slot. Fixed points are not included.
pub fn slot_fill(ledger: &Ledger, filter: &Filter) -> Vec<SlotFill> {
    run(slot_fill_steps(filter), ledger)
}

impl Fold for Slots {
    type Output = Vec<SlotFill>;

    fn take(&mut self, _: &Ledger, p: &Pledge, _: &Donor) {
        if !p.status.holds_slot() {
            return;
        }
        match self.taken.get_mut(&p.slot) {
            Some(n) => *n += 1,
            None => {
                self.taken.insert(p.slot.clone(), 1);
            }
        }
    }

    fn finish(self, ledger: &Ledger) -> Vec<SlotFill> {
        let Slots { filter, taken } = self;
        slot_rows(ledger, &filter, &taken)
    }
}

/// Every slot of the drives `filter` admits with the places `taken` in it.
fn slot_rows(ledger: &Ledger, filter: &Filter, taken: &BTreeMap<SlotRef, u32>) -> Vec<SlotFill> {
    let mut drives: Vec<_> = ledger
        .drives()
        .filter(|d| {
            d.campaign == filter.campaign && filter.drive.as_ref().is_none_or(|f| f == &d.id)
        })
        .collect();
    super::order::sort_by(&mut drives, |a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    let mut rows = Vec::new();
    for drive in drives {
        let mut sites: Vec<_> = drive
            .sites
            .iter()
            .filter(|s| filter.site.as_ref().is_none_or(|f| f == &s.site))
            .collect();
        super::order::sort_by(&mut sites, |a, b| a.site.cmp(&b.site));
        for site in sites {
            let place = Place::Drive {
                drive: drive.id.clone(),
                site: site.site.clone(),
            };
            for date in drive.days() {
                for slot in site.slots_on(date) {
                    let key = SlotRef {
                        place: place.clone(),
                        date,
                        start: slot.start,
                    };
                    rows.push(SlotFill {
                        drive: drive.id.clone(),
                        site: site.site.clone(),
                        date,
                        start: slot.start,
                        end: slot.end,
                        capacity: slot.capacity,
                        taken: taken.get(&key).copied().unwrap_or(0),
                    });
                }
            }
        }
    }
    rows
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::targets::tests::Fixture;

    #[test]
    fn totals_count_held_pledges_donations_and_their_units() {
        let f = Fixture::new();
        let t = totals(&f.ledger, &f.filter());
        assert_eq!(t.tally.pledges, 5, "the cancelled pledge holds no slot");
        assert_eq!(t.tally.donations, 3);
        assert_eq!(t.tally.units, Units::from_milli(1400 + 1400 + 1000));
        assert_eq!(t.donors, 5);
    }

    #[test]
    fn blood_groups_have_nine_rows_with_unknown_last() {
        let f = Fixture::new();
        let rows = by_blood_group(&f.ledger, &f.filter());
        assert_eq!(rows.len(), 9);
        assert_eq!(rows[8].key, None);
        let o_pos = rows
            .iter()
            .find(|r| r.key == Some(BloodGroup::ALL[0]))
            .unwrap();
        assert_eq!(o_pos.donors, 2);
        assert_eq!(o_pos.tally.donations, 2);
        assert_eq!(o_pos.tally.units, Units::from_milli(2800));
        assert_eq!(rows[8].donors, 2);
        assert_eq!(rows[8].tally.units, Units::whole(1));
    }

    #[test]
    fn a_group_whose_rh_is_unknown_has_its_own_row_between_the_eight_and_unknown() {
        // Issue 20: donors who know only their ABO group were refused or counted as unknown.
        let mut f = Fixture::new();
        let mut n1 = f
            .ledger
            .donors()
            .find(|d| d.id.as_str() == "n1")
            .unwrap()
            .clone();
        n1.blood_group = Some(BloodGroup::new(crate::domain::Abo::O, Rh::Unknown));
        n1.updated_at = crate::domain::Timestamp(n1.updated_at.0 + 1);
        f.ledger.merge_donor(n1);
        let rows = by_blood_group(&f.ledger, &f.filter());
        let names: Vec<String> = rows
            .iter()
            .map(|r| r.key.map_or("?".to_owned(), |g| g.to_string()))
            .collect();
        assert_eq!(
            names,
            ["O+", "O-", "A+", "A-", "B+", "B-", "AB+", "AB-", "O", "?"]
        );
        assert_eq!((rows[0].donors, rows[8].donors), (1, 1));
    }

    #[test]
    fn categories_and_unit_kinds_count_donors_without_a_unit() {
        let f = Fixture::new();
        let cats = by_category(&f.ledger, &f.filter());
        assert_eq!(cats.len(), Category::ALL.len());
        assert_eq!(cats[0].key, Category::Staff);
        assert_eq!(cats[0].donors, 3);
        assert_eq!(cats[1].key, Category::Student);
        assert_eq!(cats[1].tally.pledges, 1);
        let kinds = by_unit_kind(&f.ledger, &f.filter());
        assert_eq!(kinds.len(), 5);
        assert_eq!(kinds[0].key, Some(UnitKind::PublicHospital));
        assert_eq!(kinds[0].tally.units, Units::from_milli(2800));
        let no_unit = kinds.last().unwrap();
        assert_eq!(no_unit.key, None);
        assert_eq!(no_unit.donors, 2);
    }

    #[test]
    fn days_list_pledges_and_units_in_date_order() {
        let f = Fixture::new();
        let days = by_day(&f.ledger, &f.filter());
        let dates: Vec<String> = days.iter().map(|d| d.date.to_string()).collect();
        assert_eq!(dates, ["2024-04-24", "2024-04-25", "2024-06-03"]);
        assert_eq!(days[0].tally.pledges, 3);
        assert_eq!(days[0].tally.units, Units::from_milli(2800));
        assert_eq!(days[2].tally.units, Units::whole(1), "fixed point, 250 ml");
        let drive_only = by_day(&f.ledger, &f.filter().with_drive(f.drive.clone()));
        assert_eq!(drive_only.len(), 2);
    }

    #[test]
    fn sites_include_a_drive_site_with_nothing_pledged() {
        let f = Fixture::new();
        let rows = by_site(&f.ledger, &f.filter());
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["TTYT Hoàn Kiếm", "Hội trường A", "Hội trường B"]);
        assert_eq!(rows[0].tally.units, Units::whole(1));
        assert_eq!(rows[1].tally.units, Units::from_milli(2800));
        assert_eq!(rows[2].tally, Tally::default());
    }

    #[test]
    fn the_filter_narrows_by_site_and_unit() {
        let f = Fixture::new();
        let by_unit = totals(&f.ledger, &f.filter().with_unit(f.hospital.clone()));
        assert_eq!(by_unit.donors, 3);
        assert_eq!(by_unit.tally.units, Units::from_milli(2800));
        let fixed = totals(&f.ledger, &f.filter().with_site(f.fixed.clone()));
        assert_eq!(fixed.tally.pledges, 1);
        let nothing = totals(
            &f.ledger,
            &f.filter()
                .with_site(f.fixed.clone())
                .with_drive(f.drive.clone()),
        );
        assert_eq!(nothing, Totals::default());
    }

    #[test]
    fn the_cumulative_curve_stops_at_today_and_last_year_follows_the_calendar() {
        let f = Fixture::new();
        let today: Date = "2024-05-01".parse().unwrap();
        let points = cumulative(&f.ledger, &f.filter(), today);
        assert_eq!(points.len(), 366, "2024 is a leap year");
        let at = |s: &str| points.iter().find(|p| p.date.to_string() == s).unwrap();
        assert_eq!(at("2024-04-23").actual, Some(Units::ZERO));
        assert_eq!(at("2024-04-24").actual, Some(Units::from_milli(2800)));
        assert_eq!(at("2024-05-01").actual, Some(Units::from_milli(2800)));
        assert_eq!(at("2024-05-02").actual, None);
        assert_eq!(at("2024-01-01").target, Units::ZERO);
        assert_eq!(at("2024-12-31").target, Units::whole(1799));
        // Last year's donations: 1 unit on 2023-03-01, so 29 Feb reads 28 Feb's zero.
        assert_eq!(at("2024-02-29").previous, Some(Units::ZERO));
        assert_eq!(at("2024-03-01").previous, Some(Units::whole(1)));
        assert_eq!(at("2024-12-31").previous, Some(Units::whole(1)));
        let drive = cumulative(&f.ledger, &f.filter().with_drive(f.drive.clone()), today);
        assert!(drive.iter().all(|p| p.previous.is_none()));
    }

    #[test]
    fn slot_fill_counts_taken_places_per_site_day_and_slot() {
        let f = Fixture::new();
        let rows = slot_fill(&f.ledger, &f.filter());
        // 2 days x 2 sites x 2 slots.
        assert_eq!(rows.len(), 8);
        let first = &rows[0];
        assert_eq!(first.site, f.hall_a);
        assert_eq!(first.date.to_string(), "2024-04-24");
        assert_eq!((first.taken, first.capacity), (3, 4));
        assert_eq!(first.fill_permille(), 750);
        for r in &rows {
            let slot = SlotRef {
                place: Place::Drive {
                    drive: r.drive.clone(),
                    site: r.site.clone(),
                },
                date: r.date,
                start: r.start,
            };
            assert_eq!(r.taken, f.ledger.taken(&slot));
        }
        let hall_b = slot_fill(&f.ledger, &f.filter().with_site(f.hall_b.clone()));
        assert_eq!(hall_b.len(), 4);
        assert!(hall_b.iter().all(|r| r.taken == 0));
    }

    /// `steps` run to the end `count` pledges at a time, and how many steps that took.
    pub(crate) fn in_steps<S: Steps>(
        mut steps: S,
        ledger: &Ledger,
        count: usize,
    ) -> (S::Output, usize) {
        let mut n = 1;
        while !steps.step(ledger, count) {
            n += 1;
        }
        assert!(steps.step(ledger, count), "finished steps stay finished");
        (steps.finish(ledger), n)
    }

    #[test]
    fn a_read_model_in_steps_looks_at_no_more_pledges_a_step_than_asked() {
        let f = Fixture::new();
        let pledges = f.ledger.pledges().count();
        assert!(pledges > 3);
        for count in [1, 2, 3, pledges, usize::MAX] {
            let (rows, steps) = in_steps(by_day_steps(&f.filter()), &f.ledger, count);
            assert_eq!(rows, by_day(&f.ledger, &f.filter()), "{count}");
            // Every pledge is looked at, admitted or not: a narrow filter's step is no longer.
            assert!(steps >= pledges.div_ceil(count), "{count}: {steps} steps");
            let narrow = f.filter().with_site(f.hall_b.clone());
            let (_, narrow_steps) = in_steps(slot_fill_steps(&narrow), &f.ledger, count);
            assert_eq!(narrow_steps, steps, "{count}");
        }
        // Two walks, one after the other, each stopping as asked.
        let (_, steps) = in_steps(
            cumulative_steps(&f.ledger, &f.filter(), f.today()),
            &f.ledger,
            1,
        );
        assert!(steps >= pledges, "{steps}");
    }

    #[test]
    fn an_unknown_campaign_has_nothing() {
        let f = Fixture::new();
        let other = Filter::new(CampaignId::new("nope").unwrap());
        assert_eq!(totals(&f.ledger, &other), Totals::default());
        assert!(cumulative(&f.ledger, &other, f.today()).is_empty());
        assert!(by_day(&f.ledger, &other).is_empty());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::targets::tests::{
        campaign, d, donor, drive, fixed_point, pledge_with_result, venue,
    };
    use crate::domain::targets::{self, Rates, drive_progress, progress, unit_progress};
    use crate::domain::{
        COMMON_VOLUMES_ML, Deferral, DriveStatus, Outcome, PledgeId, Timestamp, Unit,
    };

    /// One random donor: blood group (12 = unknown), category, unit (3 = none).
    type DonorSpec = (usize, usize, usize);
    /// One random pledge: donor, place, day, slot, outcome, volume.
    type PledgeSpec = (usize, usize, i64, usize, u8, usize);

    const UNITS: [&str; 3] = ["u-ph", "u-sc", "u-ot"];

    /// A ledger with campaigns 2023 and 2024, three drives, a fixed point, three units, the
    /// given donors and whatever of the given pledges the ledger accepts, each with its outcome.
    fn build(
        baseline: i64,
        growth_bp: i32,
        donors: &[DonorSpec],
        pledges: &[PledgeSpec],
    ) -> Ledger {
        let mut ledger = Ledger::new();
        let c2024 = campaign("c2024", 2024, baseline, growth_bp);
        let c2023 = campaign("c2023", 2023, 900, 0);
        ledger.add_campaign(c2024.clone(), Timestamp(0)).unwrap();
        ledger.add_campaign(c2023.clone(), Timestamp(0)).unwrap();
        ledger
            .add_site(fixed_point("fx", "Điểm cố định"), Timestamp(0))
            .unwrap();
        ledger
            .add_site(venue("va", "Hội trường A"), Timestamp(0))
            .unwrap();
        ledger
            .add_site(venue("vb", "Hội trường B"), Timestamp(0))
            .unwrap();
        let kinds = [
            UnitKind::PublicHospital,
            UnitKind::SpecialtyCenter,
            UnitKind::Other,
        ];
        for (id, kind) in UNITS.iter().zip(kinds) {
            let quota = (kind != UnitKind::Other).then_some(Units::whole(5));
            let unit = Unit::new(UnitId::new(*id).unwrap(), id, kind, quota).unwrap();
            ledger.add_unit(unit, Timestamp(0)).unwrap();
        }
        let unit_ids: Vec<UnitId> = UNITS.iter().map(|u| UnitId::new(*u).unwrap()).collect();
        for (i, &(group, category, unit)) in donors.iter().enumerate() {
            let group = BloodGroup::ALL.get(group).copied();
            ledger
                .add_donor(donor(
                    &format!("n{i}"),
                    group,
                    Category::ALL[category],
                    unit_ids.get(unit),
                ))
                .unwrap();
        }
        let (va, vb) = (SiteId::new("va").unwrap(), SiteId::new("vb").unwrap());
        for dr in [
            drive("d1", &c2024, "2024-04-24", "2024-04-26", &[&va, &vb], 3),
            drive("d2", &c2024, "2024-09-05", "2024-09-06", &[&vb], 3),
            drive("d0", &c2023, "2023-05-10", "2023-05-11", &[&va], 3),
        ] {
            let id = dr.id.clone();
            ledger.add_drive(dr, Timestamp(0)).unwrap();
            ledger
                .set_drive_status(&id, DriveStatus::Open, Timestamp(0))
                .unwrap();
        }
        let place = |drive: &str, site: &SiteId| Place::Drive {
            drive: DriveId::new(drive).unwrap(),
            site: site.clone(),
        };
        let fixed = Place::Fixed {
            site: SiteId::new("fx").unwrap(),
        };
        // (place, first day, days, slot starts)
        let places = [
            (place("d1", &va), "2024-04-24", 3, ["07:30", "09:00"]),
            (place("d1", &vb), "2024-04-24", 3, ["07:30", "09:00"]),
            (place("d2", &vb), "2024-09-05", 2, ["07:30", "09:00"]),
            (fixed.clone(), "2024-06-03", 4, ["07:30", "08:30"]),
            (place("d0", &va), "2023-05-10", 2, ["07:30", "09:00"]),
            (fixed, "2023-03-01", 3, ["07:30", "08:30"]),
        ];
        for (i, &(who, where_, day, slot, outcome, volume)) in pledges.iter().enumerate() {
            if donors.is_empty() {
                break;
            }
            let (place, first, days, starts) = &places[where_ % places.len()];
            let date = d(first).add_days(day % days);
            let ml = COMMON_VOLUMES_ML[volume % 3];
            let outcome = match outcome % 8 {
                0 => Step::Leave,
                1 => Step::CheckIn,
                2..=4 => Step::Outcome(Outcome::Donated { volume_ml: ml }),
                5 => Step::Outcome(Outcome::Deferred(Deferral {
                    reason: "Huyết áp".into(),
                    until: date.add_days(30),
                })),
                6 => Step::Outcome(Outcome::NoShow),
                _ => Step::Cancel,
            };
            let pid = format!("p{i}");
            let donor_id = format!("n{}", who % donors.len());
            let start = starts[slot % 2];
            let taken = pledge_with_result(
                &mut ledger,
                &pid,
                &donor_id,
                place.clone(),
                &date.to_string(),
                start,
                outcome.as_outcome(),
            );
            if taken && matches!(outcome, Step::CheckIn) {
                ledger
                    .check_in(
                        &PledgeId::new(pid.clone()).unwrap(),
                        &crate::domain::eligibility::RuleSet::vietnam(),
                        Timestamp(1),
                    )
                    .unwrap();
            }
            if taken && matches!(outcome, Step::Cancel) {
                ledger
                    .cancel(&PledgeId::new(pid).unwrap(), "Bận", Timestamp(2))
                    .unwrap();
            }
        }
        ledger
    }

    enum Step {
        Leave,
        CheckIn,
        Outcome(Outcome),
        Cancel,
    }

    impl Step {
        fn as_outcome(&self) -> Option<Outcome> {
            match self {
                Step::Outcome(o) => Some(o.clone()),
                _ => None,
            }
        }
    }

    fn filter_of(drive: usize, site: usize, unit: usize) -> Filter {
        let mut f = Filter::new(CampaignId::new("c2024").unwrap());
        f.drive = ["d1", "d2", "d0"]
            .get(drive)
            .map(|s| DriveId::new(*s).unwrap());
        f.site = ["va", "vb", "fx"]
            .get(site)
            .map(|s| SiteId::new(*s).unwrap());
        f.unit = UNITS.get(unit).map(|s| UnitId::new(*s).unwrap());
        f
    }

    fn ledgers() -> impl Strategy<Value = (Ledger, Filter)> {
        (
            0i64..3000,
            -2000i32..3000,
            proptest::collection::vec((0usize..13, 0usize..5, 0usize..4), 1..10),
            proptest::collection::vec(
                (
                    0usize..10,
                    0usize..6,
                    0i64..4,
                    0usize..2,
                    any::<u8>(),
                    0usize..3,
                ),
                0..40,
            ),
            (0usize..5, 0usize..5, 0usize..5),
        )
            .prop_map(|(baseline, growth, donors, pledges, (dr, si, un))| {
                (
                    build(baseline, growth, &donors, &pledges),
                    filter_of(dr, si, un),
                )
            })
    }

    /// `steps` run to the end `count` pledges at a time.
    fn in_steps<S: Steps>(steps: S, ledger: &Ledger, count: usize) -> S::Output {
        tests::in_steps(steps, ledger, count).0
    }

    fn sum_rows<K>(rows: &[DonorRow<K>]) -> Totals {
        Totals {
            donors: rows.iter().map(|r| r.donors).sum(),
            tally: rows.iter().map(|r| r.tally).sum(),
        }
    }

    fn is_sorted_by<T, K: Ord>(rows: &[T], key: impl Fn(&T) -> K) -> bool {
        rows.windows(2).all(|w| key(&w[0]) <= key(&w[1]))
    }

    proptest! {
        #[test]
        fn every_breakdown_sums_to_the_totals((ledger, filter) in ledgers()) {
            let t = totals(&ledger, &filter);
            prop_assert_eq!(sum_rows(&by_blood_group(&ledger, &filter)), t);
            prop_assert_eq!(sum_rows(&by_category(&ledger, &filter)), t);
            prop_assert_eq!(sum_rows(&by_unit_kind(&ledger, &filter)), t);
            let sites = by_site(&ledger, &filter);
            prop_assert_eq!(sites.iter().map(|r| r.tally).sum::<Tally>(), t.tally);
            prop_assert!(is_sorted_by(&sites, |r| r.site.clone()));
            let days = by_day(&ledger, &filter);
            prop_assert_eq!(days.iter().map(|r| r.tally).sum::<Tally>(), t.tally);
            prop_assert!(days.windows(2).all(|w| w[0].date < w[1].date));
        }

        #[test]
        fn cumulative_series_never_fall_and_end_at_their_totals((ledger, filter) in ledgers()) {
            let points = cumulative(&ledger, &filter, d("2024-12-31"));
            prop_assert_eq!(points.len(), 366);
            let actual: Vec<Units> = points.iter().map(|p| p.actual.unwrap()).collect();
            prop_assert!(actual.windows(2).all(|w| w[0] <= w[1]));
            prop_assert_eq!(*actual.last().unwrap(), totals(&ledger, &filter).tally.units);
            prop_assert!(points.windows(2).all(|w| w[0].target <= w[1].target));
            prop_assert_eq!(points[0].target, Units::ZERO);
            let target = ledger.campaign(&filter.campaign).unwrap().target();
            prop_assert_eq!(points[365].target, Units::whole(target));
            if filter.drive.is_none() {
                let prev: Vec<Units> = points.iter().map(|p| p.previous.unwrap()).collect();
                prop_assert!(prev.windows(2).all(|w| w[0] <= w[1]));
                let prev_filter = Filter { campaign: CampaignId::new("c2023").unwrap(), ..filter.clone() };
                prop_assert_eq!(*prev.last().unwrap(), totals(&ledger, &prev_filter).tally.units);
            }
            // Before 31 December the curve stops at today.
            let mid = cumulative(&ledger, &filter, d("2024-06-30"));
            prop_assert!(mid.iter().all(|p| p.actual.is_some() == (p.date <= d("2024-06-30"))));
        }

        #[test]
        fn slot_fill_adds_up_to_the_drive_pledges((ledger, filter) in ledgers()) {
            let rows = slot_fill(&ledger, &filter);
            let held_at_drives = filter
                .pledges(&ledger)
                .filter(|(p, _)| p.status.holds_slot() && p.slot.place.drive().is_some())
                .count() as u32;
            prop_assert_eq!(rows.iter().map(|r| r.taken).sum::<u32>(), held_at_drives);
            if filter.unit.is_none() {
                for r in &rows {
                    let slot = SlotRef {
                        place: Place::Drive { drive: r.drive.clone(), site: r.site.clone() },
                        date: r.date,
                        start: r.start,
                    };
                    prop_assert_eq!(r.taken, ledger.taken(&slot));
                }
            }
        }

        #[test]
        fn progress_pace_rounds_up_and_parts_sum_to_the_whole(
            (ledger, _) in ledgers(),
            day in 0i64..400,
        ) {
            let campaign = CampaignId::new("c2024").unwrap();
            let today = d("2023-12-20").add_days(day);
            let p = progress(&ledger, &campaign, today).unwrap();
            let whole = Filter::new(campaign.clone());
            prop_assert!(p.donated <= totals(&ledger, &whole).tally.units);
            prop_assert!(p.remaining >= Units::ZERO);
            prop_assert!(p.remaining + p.donated >= Units::whole(p.target));
            prop_assert_eq!(p.days_elapsed + p.days_left, 366);
            if let Some(pace) = p.required_per_day {
                let days = i64::from(p.days_left);
                prop_assert!(pace.milli() * days >= p.remaining.milli());
                prop_assert!((pace.milli() - 1) * days < p.remaining.milli());
            }
            let c = ledger.campaign(&campaign).unwrap();
            prop_assert!(targets::target_path(c, today) <= targets::target_path(c, today.add_days(1)));
            // Units' donors and the donors with no unit make up the whole.
            let by_units: Units = unit_progress(&ledger, &campaign, today).iter().map(|u| u.donated).sum();
            let no_unit: Units = whole
                .pledges(&ledger)
                .filter(|(p, donor)| donor.unit.is_none() && p.slot.date <= today)
                .filter_map(|(p, _)| donated_units(p))
                .sum();
            prop_assert_eq!(by_units + no_unit, p.donated);
            let drives = drive_progress(&ledger, &campaign, today);
            let held: u64 = drives.iter().map(|r| r.held).sum();
            let held_at_drives = whole
                .pledges(&ledger)
                .filter(|(p, _)| p.status.holds_slot() && p.slot.place.drive().is_some())
                .count() as u64;
            prop_assert_eq!(held, held_at_drives);
            prop_assert!(is_sorted_by(&drives, |r| (r.start, r.drive.clone())));
        }

        #[test]
        fn every_read_model_in_steps_is_the_one_in_one_go(
            (ledger, filter) in ledgers(),
            day in 0i64..400,
        ) {
            let today = d("2023-12-20").add_days(day);
            let c = &filter.campaign;
            for count in [1, 2, 3, 7, 64] {
                // Each read-model's steps, `count` pledges at a time, against its function.
                macro_rules! same {
                    ($steps:expr, $one_go:expr) => {
                        prop_assert_eq!(
                            in_steps($steps, &ledger, count),
                            $one_go,
                            "{} a step: {}", count, stringify!($one_go)
                        );
                    };
                }
                same!(cumulative_steps(&ledger, &filter, today), cumulative(&ledger, &filter, today));
                same!(by_day_steps(&filter), by_day(&ledger, &filter));
                same!(slot_fill_steps(&filter), slot_fill(&ledger, &filter));
                same!(by_blood_group_steps(&filter), by_blood_group(&ledger, &filter));
                same!(by_category_steps(&filter), by_category(&ledger, &filter));
                same!(by_unit_kind_steps(&filter), by_unit_kind(&ledger, &filter));
                same!(targets::progress_steps(c, today), progress(&ledger, c, today));
                same!(targets::drive_progress_steps(c, today), drive_progress(&ledger, c, today));
                same!(targets::unit_progress_steps(c, today), unit_progress(&ledger, c, today));
            }
        }

        #[test]
        fn the_campaigns_own_rates_plan_enough_pledges(
            (ledger, _) in ledgers(),
            goal in 0i64..5_000_000,
            days in 1u32..400,
        ) {
            let rates = Rates::of_campaign(&ledger, &CampaignId::new("c2024").unwrap()).unwrap();
            let days = std::num::NonZeroU32::new(days).unwrap();
            let plan = targets::plan(rates, Units::from_milli(goal), days);
            prop_assert!(plan.expected_units() >= Units::from_milli(goal));
        }
    }
}

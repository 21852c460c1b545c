//! What volunteers can book: the places open for pledges, their days in a window, and the state
//! of every slot (places left, full, already begun). Read-only views over the ledger.

use super::{Date, DriveStatus, Ledger, Now, Place, SiteKind, SlotRef, SlotSpec};

/// A slot as a volunteer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotState {
    /// The slot.
    pub spec: SlotSpec,
    /// Places taken.
    pub taken: u32,
    /// Places left (zero when full or over capacity).
    pub free: u32,
    /// It has already ended today or the day is past.
    pub past: bool,
}

impl SlotState {
    /// Whether a volunteer can choose it.
    pub fn bookable(&self) -> bool {
        self.free > 0 && !self.past
    }
}

/// Places taking pledges now: every site of every open drive that has not ended, then every
/// fixed point; drives first, by start date.
pub fn bookable_places(ledger: &Ledger, today: Date) -> Vec<Place> {
    let mut drives: Vec<_> = ledger
        .drives()
        .filter(|d| d.status == DriveStatus::Open && d.end >= today)
        .collect();
    super::order::sort_by(&mut drives, |a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    let mut places: Vec<Place> = drives
        .iter()
        .flat_map(|d| {
            d.sites.iter().map(|s| Place::Drive {
                drive: d.id.clone(),
                site: s.site.clone(),
            })
        })
        .collect();
    places.extend(
        ledger
            .sites()
            .filter(|s| matches!(s.kind, SiteKind::FixedPoint { .. }))
            .map(|s| Place::Fixed { site: s.id.clone() }),
    );
    places
}

/// A place's schedule, looked up once by id, then asked for each day: a drive's days and one
/// of its sites, or a fixed point through the ledger (whose sites are a map by id). Read-models
/// over many days and places use it so their work grows with places x days, never with the
/// square of a drive's sites.
enum Schedule<'a> {
    Drive(&'a super::Drive, &'a super::DriveSite),
    Fixed(&'a Ledger, &'a Place),
    Unknown,
}

impl<'a> Schedule<'a> {
    fn of(ledger: &'a Ledger, place: &'a Place) -> Schedule<'a> {
        match place {
            Place::Drive { drive, site } => ledger
                .drive(drive)
                .and_then(|d| d.site(site).map(|s| Schedule::Drive(d, s)))
                .unwrap_or(Schedule::Unknown),
            Place::Fixed { .. } => Schedule::Fixed(ledger, place),
        }
    }

    /// The slots on `date`, as [`Ledger::slots_on`] gives them (none when closed or unknown).
    fn slots_on(&self, date: Date) -> Vec<SlotSpec> {
        match self {
            Schedule::Drive(drive, site) if drive.contains(date) => site.slots_on(date).to_vec(),
            Schedule::Drive(..) | Schedule::Unknown => Vec::new(),
            Schedule::Fixed(ledger, place) => ledger.slots_on(place, date).unwrap_or_default(),
        }
    }
}

/// The days from `from` to `to` (inclusive) on which `place` has at least one slot.
pub fn open_days(ledger: &Ledger, place: &Place, from: Date, to: Date) -> Vec<Date> {
    let schedule = Schedule::of(ledger, place);
    (0..=to.days_since(from).max(-1))
        .map(|n| from.add_days(n))
        .filter(|&d| !schedule.slots_on(d).is_empty())
        .collect()
}

/// Every slot of `place` on `date` with its places left, as of `now`.
pub fn slot_states(ledger: &Ledger, place: &Place, date: Date, now: Now) -> Vec<SlotState> {
    states_of(
        ledger,
        place,
        date,
        Schedule::of(ledger, place).slots_on(date),
        now,
    )
}

/// The states of `slots`, the slots of `place` on `date`.
fn states_of(
    ledger: &Ledger,
    place: &Place,
    date: Date,
    slots: Vec<SlotSpec>,
    now: Now,
) -> Vec<SlotState> {
    slots
        .into_iter()
        .map(|spec| {
            let taken = ledger.taken(&SlotRef {
                place: place.clone(),
                date,
                start: spec.start,
            });
            SlotState {
                spec,
                taken,
                free: u32::from(spec.capacity).saturating_sub(taken),
                past: date < now.date || (date == now.date && spec.end <= now.time),
            }
        })
        .collect()
}

/// Places left over a whole day at a place, and its capacity (for "12 of 48 left").
pub fn day_free(ledger: &Ledger, place: &Place, date: Date, now: Now) -> (u32, u32) {
    free_of(&slot_states(ledger, place, date, now))
}

fn free_of(states: &[SlotState]) -> (u32, u32) {
    states
        .iter()
        .filter(|s| !s.past)
        .fold((0, 0), |(free, cap), s| {
            (free + s.free, cap + u32::from(s.spec.capacity))
        })
}

/// One place open on one day, as the drives list and calendar show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    /// Where.
    pub place: Place,
    /// The day.
    pub date: Date,
    /// Places left in the slots not yet over.
    pub free: u32,
    /// Places in those slots.
    pub capacity: u32,
}

impl Opening {
    /// Every slot still to come is taken.
    pub fn is_full(&self) -> bool {
        self.free == 0
    }
}

/// Every place open for pledges on every day from `now` to `to` (inclusive), by day and then in
/// the order of [`bookable_places`]; a day whose slots are all over is left out.
pub fn openings(ledger: &Ledger, now: Now, to: Date) -> Vec<Opening> {
    let places = bookable_places(ledger, now.date);
    let mut out: Vec<Opening> = Vec::new();
    for place in &places {
        let schedule = Schedule::of(ledger, place);
        for n in 0..=to.days_since(now.date).max(-1) {
            let date = now.date.add_days(n);
            let slots = schedule.slots_on(date);
            if slots.is_empty() {
                continue;
            }
            let (free, capacity) = free_of(&states_of(ledger, place, date, slots, now));
            if capacity > 0 {
                out.push(Opening {
                    place: place.clone(),
                    date,
                    free,
                    capacity,
                });
            }
        }
    }
    // Stable: within a day the places keep their order.
    super::order::sort_by_key(&mut out, |o| o.date);
    out
}

/// A slot holding more pledges than it has places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverCapacity {
    /// The slot.
    pub slot: SlotRef,
    /// Its times and places.
    pub spec: SlotSpec,
    /// Places taken (pledges not cancelled), more than `spec.capacity`.
    pub taken: u32,
}

/// The slots from `from` on that hold more pledges than places, by place, day and start: two
/// devices that each booked the last place while offline (sync keeps both pledges), a walk-in
/// taken over capacity, or a capacity lowered below what was pledged. An organizer resolves
/// one by moving a donor to another slot ([`Ledger::reschedule`]) or by accepting the extra
/// place ([`Ledger::set_slot_capacity`] up to the places taken). Costs the slots with a place
/// taken, never a pass over the pledges.
pub fn over_capacity(ledger: &Ledger, from: Date) -> Vec<OverCapacity> {
    ledger
        .slots_taken()
        .filter(|(slot, _)| slot.date >= from)
        .filter_map(|(slot, taken)| {
            let spec = ledger.slot_spec(slot).ok()?;
            (taken > u32::from(spec.capacity)).then(|| OverCapacity {
                slot: slot.clone(),
                spec,
                taken,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{TimeOfDay, Timestamp, sample};

    fn now(date: &str, time: &str) -> Now {
        Now {
            date: date.parse().unwrap(),
            time: time.parse::<TimeOfDay>().unwrap(),
            stamp: Timestamp(0),
        }
    }

    #[test]
    fn fixed_points_are_always_bookable_and_closed_drives_are_not() {
        let ledger = sample::sample_ledger();
        let places = bookable_places(&ledger, "2026-11-26".parse().unwrap());
        assert_eq!(places.len(), 3, "the three 2024 fixed points");
        assert!(places.iter().all(|p| matches!(p, Place::Fixed { .. })));
    }

    #[test]
    fn a_fixed_point_is_open_on_weekdays_only_and_its_slots_count_places() {
        let ledger = sample::sample_ledger();
        let place = bookable_places(&ledger, "2026-11-26".parse().unwrap())
            .into_iter()
            .find(|p| p.site().as_str() == sample::FIXED_POINTS_2024[1])
            .unwrap();
        // 2026-11-23 is a Monday.
        let days = open_days(
            &ledger,
            &place,
            "2026-11-23".parse().unwrap(),
            "2026-11-29".parse().unwrap(),
        );
        assert_eq!(days.len(), 5);
        let states = slot_states(&ledger, &place, days[0], now("2026-11-23", "08:10"));
        assert!(states[0].past, "07:30-08:00 has ended at 08:10");
        assert!(!states[1].past, "08:00-08:30 is still on at 08:10");
        assert!(states[1].bookable());
        assert!(states.iter().all(|s| s.taken == 0));
        let (free, cap) = day_free(&ledger, &place, days[0], now("2026-11-20", "08:00"));
        assert_eq!(free, cap);
    }

    #[test]
    fn openings_list_each_open_place_by_day_with_places_left() {
        let ledger = sample::sample_ledger();
        // Monday 2026-11-23 at 12:00: the morning slots are over.
        let list = openings(
            &ledger,
            now("2026-11-23", "12:00"),
            "2026-11-29".parse().unwrap(),
        );
        let days: Vec<String> = list.iter().map(|o| o.date.to_string()).collect();
        assert!(days.windows(2).all(|w| w[0] <= w[1]), "by day: {days:?}");
        assert!(list.iter().all(|o| o.date <= "2026-11-29".parse().unwrap()));
        let monday: Vec<_> = list
            .iter()
            .filter(|o| o.date == "2026-11-23".parse().unwrap())
            .collect();
        let tuesday: Vec<_> = list
            .iter()
            .filter(|o| o.date == "2026-11-24".parse().unwrap())
            .collect();
        assert_eq!(tuesday.len(), 3, "three fixed points on a weekday");
        for o in &monday {
            let whole = tuesday.iter().find(|t| t.place == o.place).unwrap();
            assert!(o.capacity < whole.capacity, "the morning is over on Monday");
        }
        assert!(list.iter().all(|o| o.free == o.capacity && !o.is_full()));
    }
}

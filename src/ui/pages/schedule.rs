//! The organizer's schedule: a drive's days by sites with how full each is (under-booked days
//! marked against the planner), and the chosen day and site slot by slot with the names on
//! demand; filtered by unit.

use std::num::NonZeroU32;

use leptos::prelude::*;

use crate::domain::order;

use super::PageHeading;
use crate::domain::eligibility::RuleSet;
use crate::domain::schedule::{over_capacity, slot_states};
use crate::domain::targets::{self, Rates};
use crate::domain::{
    CapacityDecision, DEFAULT_ML_PER_UNIT, Date, DriveId, Ledger, Place, PledgeId, PledgeStatus,
    SiteKind, SlotRef, SlotSpec, UnitId,
};
use crate::share::Language;
use crate::share::csv::{RosterOptions, RosterScope, roster_csv};
use crate::ui::format::{day_label, place_label};
use crate::ui::i18n::Lang;
use crate::ui::routes::Page;
use crate::ui::slot_picker::BOOKING_WINDOW_DAYS;
use crate::ui::state::{AppState, ChangeError};
use crate::ui::widgets::{FilterSelect, unit_choices};
use crate::ui::{clock, download};

/// What the schedule shows: one drive, or every fixed point over the booking window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Drive(DriveId),
    FixedPoints,
}

/// The days and places of a scope, and each place's name.
pub fn scope_grid(
    ledger: &Ledger,
    scope: &Scope,
    today: Date,
) -> (Vec<Date>, Vec<(Place, String)>) {
    let name = |site: &crate::domain::SiteId| {
        ledger
            .site(site)
            .map_or_else(|| site.to_string(), |s| s.name.clone())
    };
    match scope {
        Scope::Drive(id) => {
            let Some(d) = ledger.drive(id) else {
                return (Vec::new(), Vec::new());
            };
            let days = (0..=d.end.days_since(d.start))
                .map(|n| d.start.add_days(n))
                .collect();
            let places = d
                .sites
                .iter()
                .map(|s| {
                    let place = Place::Drive {
                        drive: id.clone(),
                        site: s.site.clone(),
                    };
                    (place, name(&s.site))
                })
                .collect();
            (days, places)
        }
        Scope::FixedPoints => {
            let days = (0..=BOOKING_WINDOW_DAYS)
                .map(|n| today.add_days(n))
                .collect();
            let places = ledger
                .sites()
                .filter(|s| matches!(s.kind, SiteKind::FixedPoint { .. }))
                .map(|s| (Place::Fixed { site: s.id.clone() }, s.name.clone()))
                .collect();
            (days, places)
        }
    }
}

/// Places taken (by donors of `unit` when given) and places in all, at `place` on `date`;
/// `None` when it does not open that day. Cancelled pledges hold no place.
pub fn fill(
    ledger: &Ledger,
    place: &Place,
    date: Date,
    unit: Option<&UnitId>,
) -> Option<(u32, u32)> {
    let slots = ledger
        .slots_on(place, date)
        .ok()
        .filter(|s| !s.is_empty())?;
    let capacity = slots.iter().map(|s| u32::from(s.capacity)).sum();
    let taken = match unit {
        None => slots
            .iter()
            .map(|s| {
                ledger.taken(&SlotRef {
                    place: place.clone(),
                    date,
                    start: s.start,
                })
            })
            .sum(),
        Some(u) => holders(ledger, place, date, None, Some(u)).count() as u32,
    };
    Some((taken, capacity))
}

/// The donors holding a place at `place` on `date` (in the slot starting at `start` when
/// given), of `unit` when given; cancelled pledges hold none.
fn holders<'a>(
    ledger: &'a Ledger,
    place: &'a Place,
    date: Date,
    start: Option<crate::domain::TimeOfDay>,
    unit: Option<&'a UnitId>,
) -> impl Iterator<Item = &'a crate::domain::Donor> + 'a {
    ledger
        .pledges()
        .filter(move |p| &p.slot.place == place && p.slot.date == date)
        .filter(move |p| start.is_none_or(|s| p.slot.start == s))
        .filter(|p| !matches!(p.status, PledgeStatus::Cancelled { .. }))
        .filter_map(|p| ledger.donor(&p.donor))
        .filter(move |d| unit.is_none_or(|u| d.unit.as_ref() == Some(u)))
}

/// The names of the [`holders`], by name.
pub fn slot_names(
    ledger: &Ledger,
    place: &Place,
    date: Date,
    start: Option<crate::domain::TimeOfDay>,
    unit: Option<&UnitId>,
) -> Vec<String> {
    let mut names: Vec<String> = holders(ledger, place, date, start, unit)
        .map(|d| d.full_name.clone())
        .collect();
    order::sort_by(&mut names, Ord::cmp);
    names
}

/// The roster of one slot: name, phone (masked unless `whole`) and unit of each of the
/// [`holders`], by name.
pub fn slot_people(
    ledger: &Ledger,
    place: &Place,
    date: Date,
    start: crate::domain::TimeOfDay,
    unit: Option<&UnitId>,
    whole: bool,
) -> Vec<[String; 3]> {
    let mut rows: Vec<[String; 3]> = holders(ledger, place, date, Some(start), unit)
        .map(|d| {
            let phone = if whole {
                d.phone.as_str().to_owned()
            } else {
                d.phone.masked()
            };
            let unit = d
                .unit
                .as_ref()
                .and_then(|u| ledger.unit(u))
                .map(|u| u.name.clone())
                .unwrap_or_default();
            [d.full_name.clone(), phone, unit]
        })
        .collect();
    order::sort_by(&mut rows, Ord::cmp);
    rows
}

/// Pledges per site and day still needed to reach the campaign's remaining units over the
/// scope's open days from today, by the planner; `None` when no day is left or nothing is
/// missing. Also the units missing.
pub fn needed_per_day(
    ledger: &Ledger,
    scope: &Scope,
    today: Date,
) -> Option<(u64, crate::domain::Units)> {
    let (days, places) = scope_grid(ledger, scope, today);
    let campaign = match scope {
        Scope::Drive(id) => ledger.drive(id).map(|d| d.campaign.clone()),
        Scope::FixedPoints => ledger.campaign_of_year(today.year()).map(|c| c.id.clone()),
    }?;
    let progress = targets::progress(ledger, &campaign, today).ok()?;
    let open = days
        .iter()
        .filter(|d| **d >= today)
        .map(|d| {
            places
                .iter()
                .filter(|(p, _)| fill(ledger, p, *d, None).is_some())
                .count()
        })
        .sum::<usize>();
    let open = NonZeroU32::new(u32::try_from(open).ok()?)?;
    if progress.remaining <= crate::domain::Units::ZERO {
        return None;
    }
    let ml = ledger
        .campaign(&campaign)
        .map_or(DEFAULT_ML_PER_UNIT, |c| c.ml_per_unit);
    let rates = Rates::of_campaign(ledger, &campaign).unwrap_or_else(|_| Rates::assumed(ml));
    let plan = targets::plan(rates, progress.remaining, open);
    Some((plan.pledges_per_day, progress.remaining))
}

/// The fill level's class: how full a cell looks.
fn level(taken: u32, capacity: u32) -> &'static str {
    match (taken, capacity) {
        (_, 0) | (0, _) => "fill-0",
        (t, c) if t >= c => "fill-full",
        (t, c) if t * 10 >= c * 8 => "fill-high",
        (t, c) if t * 2 >= c => "fill-mid",
        _ => "fill-low",
    }
}

/// A slot's start and end, "07:30–08:30".
fn slot_span(spec: &SlotSpec) -> String {
    format!("{}–{}", spec.start, spec.end)
}

/// What to do about a slot holding more pledges than places: accept the extra place (a
/// drive's slot: its capacity that day becomes the places taken), or move one of its donors
/// who has not arrived to a slot of the same day with room (the domain's reschedule).
#[component]
fn OverCapacityFix(
    /// The slot over capacity (named `at`: a `slot` attribute means a Leptos slot).
    at: SlotRef,
    /// Its times and places.
    spec: SlotSpec,
    /// Places taken.
    taken: u32,
    /// Where the outcome is said.
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let slot = at;
    let state = expect_context::<AppState>();
    let t = move || state.t().schedule();
    let now = clock::now();
    let said = move |result: Result<String, ChangeError>| {
        let lang = state.lang.get_untracked();
        notice.set(Some(match result {
            Ok(done) => done,
            Err(ChangeError::Domain(e)) => lang.error(&e),
            Err(ChangeError::Save(_)) => state.t().storage.change_not_saved.to_owned(),
        }));
    };
    let (movable, room) = state.ledger.with_untracked(|l| {
        let movable: Vec<(PledgeId, String)> = l
            .pledges()
            .filter(|p| p.slot == slot && p.status == PledgeStatus::Pledged)
            .filter_map(|p| Some((p.id.clone(), l.donor(&p.donor)?.full_name.clone())))
            .collect();
        let room: Vec<(String, String)> = slot_states(l, &slot.place, slot.date, now)
            .into_iter()
            .filter(|s| s.spec.start != slot.start && s.bookable())
            .map(|s| {
                let label = format!("{} ({})", slot_span(&s.spec), (t().free)(s.free));
                (s.spec.start.to_string(), label)
            })
            .collect();
        (movable, room)
    });
    let accept = slot.place.drive().cloned().and_then(|drive| {
        let capacity = u16::try_from(taken).ok()?;
        let slot = slot.clone();
        let span = slot_span(&spec);
        let on_accept = move |_| {
            let result = state.change(|l| {
                l.set_slot_capacity(
                    &drive,
                    slot.place.site(),
                    Some(slot.date),
                    slot.start,
                    capacity,
                    CapacityDecision::KeepPledged,
                    clock::now().stamp,
                )
            });
            said(result.map(|()| (t().accepted)(&span, taken)));
        };
        Some(view! {
            <button type="button" class="button button-small" on:click=on_accept>
                {move || (t().over_accept)(taken)}
            </button>
        })
    });
    let moves = movable
        .into_iter()
        .enumerate()
        .map(|(n, (id, name))| {
            let field = format!("move-{}-{}-{n}", slot.date, slot.start.minutes());
            let to = RwSignal::new(room.first().map(|r| r.0.clone()).unwrap_or_default());
            let place = slot.place.clone();
            let date = slot.date;
            let who = name.clone();
            let on_move = move |_| {
                let Ok(start) = to.get_untracked().parse::<crate::domain::TimeOfDay>() else {
                    return;
                };
                let target = SlotRef {
                    place: place.clone(),
                    date,
                    start,
                };
                let result =
                    state.change(|l| l.reschedule(&id, target, &RuleSet::vietnam(), clock::now()));
                said(result.map(|()| (t().moved)(&who, &start.to_string())));
            };
            let options = room
                .iter()
                .map(|(v, label)| view! { <option value=v.clone()>{label.clone()}</option> })
                .collect_view();
            view! {
                <div class="field over-move">
                    <label for=field.clone()>{move || (t().move_to)(&name)}</label>
                    <select id=field prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev))>
                        {options}
                    </select>
                    <button type="button" class="button button-small button-secondary" on:click=on_move>
                        {move || t().move_button}
                    </button>
                </div>
            }
        })
        .collect_view();
    let no_room = room.is_empty();
    view! {
        <div class="over-capacity" role="group" aria-label=move || (t().over_flag)(taken, spec.capacity)>
            <p><strong>{move || (t().over_flag)(taken, spec.capacity)}</strong></p>
            {accept}
            {(!no_room).then_some(moves)}
            {no_room.then(|| view! { <p class="hint">{move || t().no_room}</p> })}
        </div>
    }
}

/// The schedule page.
#[component]
pub fn SchedulePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = clock::today();
    let scopes = Memo::new(move |_| {
        state.ledger.with(|l| {
            let mut drives: Vec<_> = l.drives().collect();
            order::sort_by_key(&mut drives, |d| std::cmp::Reverse(d.start));
            let mut out: Vec<(String, String)> = drives
                .iter()
                .map(|d| (format!("d:{}", d.id), d.name.clone()))
                .collect();
            if l.sites()
                .any(|s| matches!(s.kind, SiteKind::FixedPoint { .. }))
            {
                out.push(("f".to_owned(), String::new()));
            }
            out
        })
    });
    let scope_key = RwSignal::new(String::new());
    Effect::new(move |_| {
        let all = scopes.get();
        let current = scope_key.get_untracked();
        if !all.iter().any(|(k, _)| *k == current) {
            // The drive under way or next, else the latest.
            let next = state.ledger.with_untracked(|l| {
                let mut drives: Vec<_> = l.drives().filter(|d| d.end >= today).collect();
                order::sort_by_key(&mut drives, |d| d.start);
                drives.first().map(|d| format!("d:{}", d.id))
            });
            scope_key.set(
                next.or_else(|| all.first().map(|x| x.0.clone()))
                    .unwrap_or_default(),
            );
        }
    });
    let scope = Memo::new(move |_| {
        let key = scope_key.get();
        match key.strip_prefix("d:") {
            Some(id) => DriveId::new(id).ok().map(Scope::Drive),
            None if key == "f" => Some(Scope::FixedPoints),
            None => None,
        }
    });
    let unit = RwSignal::new(String::new());
    let unit_id = Memo::new(move |_| UnitId::new(unit.get()).ok());
    let grid = Memo::new(move |_| {
        scope
            .get()
            .map(|s| state.ledger.with(|l| scope_grid(l, &s, today)))
            .unwrap_or_default()
    });
    let cells = Memo::new(move |_| {
        let (days, places) = grid.get();
        let u = unit_id.get();
        state.ledger.with(|l| {
            days.iter()
                .map(|d| {
                    places
                        .iter()
                        .map(|(p, _)| fill(l, p, *d, u.as_ref()))
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        })
    });
    let needed = Memo::new(move |_| {
        scope
            .get()
            .and_then(|s| state.ledger.with(|l| needed_per_day(l, &s, today)))
    });
    // Slots of the scope's places holding more pledges than places, from today, each with
    // its day and place's position in the grid.
    let crowded = Memo::new(move |_| {
        let (days, places) = grid.get();
        state.ledger.with(|l| {
            over_capacity(l, today)
                .into_iter()
                .filter_map(|o| {
                    days.contains(&o.slot.date).then_some(())?;
                    let i = places.iter().position(|(p, _)| *p == o.slot.place)?;
                    Some((o.slot.date, i, o))
                })
                .collect::<Vec<_>>()
        })
    });
    let fixed = RwSignal::new(None::<String>);
    let chosen = RwSignal::new(None::<(Date, usize)>);
    Effect::new(move |_| {
        let (days, _) = grid.get();
        let first = days.iter().position(|d| *d >= today).unwrap_or(0);
        chosen.set(days.get(first).map(|d| (*d, 0)));
    });
    let t = move || state.t().schedule();
    let whole_phones = RwSignal::new(false);
    let download_csv = move |_| {
        let (Some((date, i)), Some(Scope::Drive(drive))) =
            (chosen.get_untracked(), scope.get_untracked())
        else {
            return;
        };
        let site = grid.with_untracked(|g| g.1.get(i).map(|(p, _)| p.site().clone()));
        let options = RosterOptions {
            scope: RosterScope {
                day: Some(date),
                site,
                slot: None,
            },
            show_phones: whole_phones.get_untracked(),
            lang: match state.lang.get_untracked() {
                Lang::Vi => Language::Vi,
                Lang::En => Language::En,
            },
        };
        if let Ok(text) = state
            .ledger
            .with_untracked(|l| roster_csv(l, &drive, &options))
        {
            download::offer(
                &format!("danh-sach-{date}.csv"),
                "text/csv;charset=utf-8",
                &text,
            );
        }
    };
    view! {
        <PageHeading page=Some(Page::Schedule) />
        <Show
            when=move || !scopes.with(Vec::is_empty)
            fallback=move || view! { <p class="card section">{move || t().nothing}</p> }
        >
            <section class="card section filters" aria-label=move || state.t().finder().filters>
                <div class="field">
                    <label for="sched-scope">{move || t().drive}</label>
                    <select
                        id="sched-scope"
                        on:change=move |ev| scope_key.set(event_target_value(&ev))
                        prop:value=move || scope_key.get()
                    >
                        {move || {
                            scopes
                                .get()
                                .into_iter()
                                .map(|(k, name)| {
                                    let label = if k == "f" { t().fixed_points.to_owned() } else { name };
                                    view! { <option value=k>{label}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <FilterSelect
                    id="sched-unit"
                    label=Signal::derive(move || t().unit)
                    all=Signal::derive(move || t().all_units)
                    choices=Signal::derive(move || state.ledger.with(unit_choices))
                    value=unit
                />
            </section>
            <Show when=move || !crowded.with(Vec::is_empty)>
                <section class="card section over-card" aria-labelledby="sched-over">
                    <h2 id="sched-over">{move || t().over_title}</h2>
                    <p class="hint">{move || t().over_lead}</p>
                    <ul class="over-list">
                        {move || {
                            let lang = state.lang.get();
                            let (_, places) = grid.get();
                            crowded
                                .get()
                                .into_iter()
                                .map(|(date, i, o)| {
                                    let place = places.get(i).map(|p| p.1.clone()).unwrap_or_default();
                                    let line = (t().over_item)(
                                        &day_label(lang, date),
                                        &place,
                                        &slot_span(&o.spec),
                                        o.taken,
                                        o.spec.capacity,
                                    );
                                    view! {
                                        <li>
                                            {line}
                                            " "
                                            <button
                                                type="button"
                                                class="button button-small button-secondary"
                                                on:click=move |_| chosen.set(Some((date, i)))
                                            >
                                                {move || t().over_open}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </section>
            </Show>
            <section class="card section" aria-labelledby="sched-grid">
                <h2 id="sched-grid">{move || t().grid}</h2>
                <p class="hint">
                    {move || {
                        needed
                            .get()
                            .map(|(n, goal)| {
                                let lang = state.lang.get();
                                (t().planner)(&lang.number(n as i64), &lang.units(goal))
                            })
                    }}
                </p>
                <div class="table-wrap grid-wrap">
                    <table class="sched-grid">
                        <thead>
                            <tr>
                                <th scope="col">{move || t().day}</th>
                                {move || {
                                    grid.get()
                                        .1
                                        .into_iter()
                                        .map(|(_, name)| view! { <th scope="col">{name}</th> })
                                        .collect_view()
                                }}
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                let (days, places) = grid.get();
                                let cells = cells.get();
                                let lang = state.lang.get();
                                let need = needed.get().map(|n| n.0);
                                days.into_iter()
                                    .zip(cells)
                                    .map(|(date, row)| {
                                        let label = day_label(lang, date);
                                        let row = row
                                            .into_iter()
                                            .enumerate()
                                            .map(|(i, cell)| {
                                                let Some((taken, cap)) = cell else {
                                                    return view! { <td class="closed">{t().closed}</td> }.into_any();
                                                };
                                                let under = date >= today
                                                    && need.is_some_and(|n| u64::from(taken) < n);
                                                let text = format!(
                                                    "{} / {}",
                                                    lang.number(i64::from(taken)),
                                                    lang.number(i64::from(cap)),
                                                );
                                                let name = places.get(i).map(|p| p.1.clone()).unwrap_or_default();
                                                let aria = (t().cell)(&label, &name, &text)
                                                    + if under { " ▲ " } else { "" }
                                                    + if under { t().under } else { "" };
                                                view! {
                                                    <td class=level(taken, cap)>
                                                        <button
                                                            type="button"
                                                            class="cell"
                                                            aria-label=aria
                                                            aria-pressed=move || (chosen.get() == Some((date, i))).to_string()
                                                            on:click=move |_| chosen.set(Some((date, i)))
                                                        >
                                                            {text}
                                                            {under.then_some(" ▲")}
                                                        </button>
                                                    </td>
                                                }
                                                    .into_any()
                                            })
                                            .collect_view();
                                        view! {
                                            <tr>
                                                <th scope="row">{label.clone()}</th>
                                                {row}
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </section>
            {move || {
                let (date, i) = chosen.get()?;
                let (_, places) = grid.get();
                let (place, name) = places.get(i)?.clone();
                let u = unit_id.get();
                let lang = state.lang.get();
                let slots: Vec<SlotSpec> = state
                    .ledger
                    .with(|l| l.slots_on(&place, date).unwrap_or_default());
                let rows = slots
                    .into_iter()
                    .map(|s| {
                        let names = state
                            .ledger
                            .with(|l| slot_names(l, &place, date, Some(s.start), u.as_ref()));
                        let count = format!("{} / {}", names.len(), s.capacity);
                        let slot = SlotRef {
                            place: place.clone(),
                            date,
                            start: s.start,
                        };
                        let taken = state.ledger.with(|l| l.taken(&slot));
                        let fix = (taken > u32::from(s.capacity)).then(|| {
                            view! { <OverCapacityFix at=slot spec=s taken notice=fixed /> }
                        });
                        let list = if names.is_empty() {
                            view! { <p class="hint">{t().empty_slot}</p> }.into_any()
                        } else {
                            view! {
                                <details>
                                    <summary>{t().names}</summary>
                                    <ol>{names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ol>
                                </details>
                            }
                                .into_any()
                        };
                        view! {
                            <li class="agenda-slot">
                                <span class="agenda-time">{format!("{}–{}", s.start, s.end)}</span>
                                " "
                                <strong>{count}</strong>
                                {fix}
                                {list}
                            </li>
                        }
                    })
                    .collect_view();
                let is_drive = matches!(scope.get(), Some(Scope::Drive(_)));
                let day = day_label(lang, date);
                let whole = whole_phones.get();
                let place_name = state.ledger.with(|l| place_label(l, &place, state.t()));
                let printed = state
                    .ledger
                    .with(|l| l.slots_on(&place, date).unwrap_or_default())
                    .into_iter()
                    .map(|s| {
                        let people = state
                            .ledger
                            .with(|l| slot_people(l, &place, date, s.start, u.as_ref(), whole));
                        let lines = people
                            .into_iter()
                            .enumerate()
                            .map(|(n, [who, phone, unit])| {
                                view! {
                                    <tr>
                                        <td>{n + 1}</td>
                                        <td>{who}</td>
                                        <td>{phone}</td>
                                        <td>{unit}</td>
                                        <td class="sign"></td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <section class="print-slot">
                                <h3>{format!("{}–{}", s.start, s.end)}</h3>
                                <table class="roster">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t().col_no}</th>
                                            <th scope="col">{t().col_name}</th>
                                            <th scope="col">{t().col_phone}</th>
                                            <th scope="col">{t().col_unit}</th>
                                            <th scope="col">{t().col_sign}</th>
                                        </tr>
                                    </thead>
                                    <tbody>{lines}</tbody>
                                </table>
                            </section>
                        }
                    })
                    .collect_view();
                Some(view! {
                    <section class="card section agenda-card" aria-labelledby="sched-agenda">
                        <h2 id="sched-agenda">{format!("{day} · {name}")}</h2>
                        <div class="actions">
                            <button type="button" class="button" on:click=move |_| {
                                let _ = window().print();
                            }>{t().print}</button>
                            {is_drive
                                .then(|| {
                                    view! {
                                        <button type="button" class="button button-secondary" on:click=download_csv>
                                            {t().csv}
                                        </button>
                                    }
                                })}
                            <label class="choice">
                                <input
                                    type="checkbox"
                                    prop:checked=move || whole_phones.get()
                                    on:change=move |ev| whole_phones.set(event_target_checked(&ev))
                                />
                                {t().show_phones}
                            </label>
                        </div>
                        <p class="feedback" role="status">{move || fixed.get()}</p>
                        <ul class="agenda">{rows}</ul>
                    </section>
                    <section class="print-roster">
                        <h2>{(t().roster_title)(&place_name, &day)}</h2>
                        {printed}
                    </section>
                })
            }}
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample;

    #[test]
    fn a_drives_grid_has_its_days_and_sites_and_fill_counts_every_held_place() {
        let ledger = sample::sample_ledger();
        let drive = ledger.drives().find(|d| d.name == "Đợt 1").unwrap();
        let today: Date = "2023-01-01".parse().unwrap();
        let (days, places) = scope_grid(&ledger, &Scope::Drive(drive.id.clone()), today);
        assert_eq!(days.first(), Some(&drive.start));
        assert_eq!(days.last(), Some(&drive.end));
        assert_eq!(places.len(), drive.sites.len());
        let total: u32 = days
            .iter()
            .flat_map(|d| {
                places
                    .iter()
                    .filter_map(|(p, _)| fill(&ledger, p, *d, None))
            })
            .map(|(taken, _)| taken)
            .sum();
        let held = ledger
            .pledges()
            .filter(|p| p.slot.place.drive() == Some(&drive.id))
            .filter(|p| !matches!(p.status, PledgeStatus::Cancelled { .. }))
            .count();
        assert_eq!(total as usize, held);
        let (place, _) = &places[0];
        let names = slot_names(&ledger, place, days[0], None, None);
        assert_eq!(
            names.len() as u32,
            fill(&ledger, place, days[0], None).unwrap().0
        );
    }

    #[test]
    fn fill_levels_follow_the_share_taken() {
        assert_eq!(level(0, 40), "fill-0");
        assert_eq!(level(10, 40), "fill-low");
        assert_eq!(level(20, 40), "fill-mid");
        assert_eq!(level(32, 40), "fill-high");
        assert_eq!(level(40, 40), "fill-full");
    }
}

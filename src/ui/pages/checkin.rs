//! The check-in desk: today's pledges at one place, found by name, phone or pledge code; mark
//! arrived, record what happened (donated with its volume, deferred with reason and date, did
//! not come), and register walk-ins. Keyboard first: the search field has the focus, Enter
//! marks the first donor listed as arrived.

use leptos::prelude::*;

use super::PageHeading;
use crate::domain::eligibility::RuleSet;
use crate::domain::schedule::{bookable_places, over_capacity, slot_states};
use crate::domain::{
    Affiliation, COMMON_VOLUMES_ML, Date, Deferral, DomainError, DonationType, DonorDraft, DonorId,
    Ledger, Now, Outcome, PersonDetails, Place, Pledge, PledgeId, PledgeRequest, PledgeStatus, Sex,
    SlotRef, TimeOfDay, Weight,
};
use crate::share::csv::fold;
use crate::share::incoming::{merge_slip, review};
use crate::share::link::{PledgeSlip, human_code};
use crate::share::scan::{Scanned, read_scanned};
use crate::ui::form::check;
use crate::ui::format::{day_label, place_from_key, place_key, place_label, status_text};
use crate::ui::i18n::{Lang, Texts, kg_text};
use crate::ui::routes::Page;
use crate::ui::scanner::{ScanButton, ScanKind, not_wanted};
use crate::ui::state::{AppState, ChangeError};
use crate::ui::{clock, ids};

/// Whether a pledge's donor answers the desk's search: every word of the query (accents and
/// case ignored) in the name, or its digits in the phone number, or the pledge's code.
pub fn matches(ledger: &Ledger, pledge: &Pledge, query: &str) -> bool {
    let query = query.trim();
    if query.is_empty() {
        return true;
    }
    if query.len() == 8 && human_code(&pledge.id).eq_ignore_ascii_case(query) {
        return true;
    }
    let Some(donor) = ledger.donor(&pledge.donor) else {
        return false;
    };
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 3 && digits.len() * 2 >= query.len() {
        return donor.phone.as_str().contains(&digits);
    }
    let name = fold(&donor.full_name);
    query
        .split_whitespace()
        .all(|word| name.contains(&fold(word)))
}

/// The pledges at `place` on `date` (cancelled ones left out), by slot and then by name.
pub fn desk_list(ledger: &Ledger, place: &Place, date: Date) -> Vec<Pledge> {
    let mut list: Vec<Pledge> = ledger
        .pledges()
        .filter(|p| &p.slot.place == place && p.slot.date == date)
        .filter(|p| !matches!(p.status, PledgeStatus::Cancelled { .. }))
        .cloned()
        .collect();
    let name = |p: &Pledge| {
        ledger
            .donor(&p.donor)
            .map(|d| d.full_name.clone())
            .unwrap_or_default()
    };
    list.sort_by_cached_key(|p| (p.slot.start, name(p)));
    list
}

/// Where a slip scanned at the desk stands: this device's copy of the pledge when it is at
/// least as recent, else the slip's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskScan {
    /// The slip's drive or site is not on this device: another campaign's, or a drive never
    /// received here.
    NotHere,
    /// A pledge for another day, or a place not open today.
    Elsewhere(SlotRef),
    /// Arrived, donated, deferred, did not come or cancelled already: its state.
    Done(PledgeStatus),
    /// The donor can arrive at `place` (one of those open today) after one tap; `new` when
    /// this device does not have the pledge yet (the tap merges it first, as the inbox does).
    Ready {
        /// The place of the pledge.
        place: Place,
        /// The pledge is not on this device yet.
        new: bool,
    },
}

/// How `slip` stands at a desk with `open` places today.
pub fn desk_scan(ledger: &Ledger, slip: &PledgeSlip, open: &[Place], today: Date) -> DeskScan {
    if review(ledger, slip).unknown_place {
        return DeskScan::NotHere;
    }
    let ours = ledger.pledge_by_id(&slip.pledge.id);
    let pledge = match ours {
        Some(p) if p.updated_at >= slip.pledge.updated_at => p,
        _ => &slip.pledge,
    };
    if pledge.status != PledgeStatus::Pledged {
        return DeskScan::Done(pledge.status.clone());
    }
    if pledge.slot.date != today || !open.contains(&pledge.slot.place) {
        return DeskScan::Elsewhere(pledge.slot.clone());
    }
    DeskScan::Ready {
        place: pledge.slot.place.clone(),
        new: ours.is_none(),
    }
}

/// The donor's name for messages.
fn donor_name(ledger: &Ledger, pledge: &PledgeId) -> String {
    ledger
        .pledge_by_id(pledge)
        .and_then(|p| ledger.donor(&p.donor))
        .map(|d| d.full_name.clone())
        .unwrap_or_default()
}

/// The check-in desk page.
#[component]
pub fn CheckInPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let now = clock::now();
    let today = now.date;
    // Places open today: drives under way and fixed points with slots today.
    let places = Memo::new(move |_| {
        state.ledger.with(|l| {
            bookable_places(l, today)
                .into_iter()
                .filter(|p| l.slots_on(p, today).is_ok_and(|s| !s.is_empty()))
                .collect::<Vec<_>>()
        })
    });
    let place = RwSignal::new(None::<Place>);
    Effect::new(move |_| {
        let open = places.get();
        if place.get_untracked().is_none_or(|p| !open.contains(&p)) {
            place.set(open.first().cloned());
        }
    });
    let query = RwSignal::new(String::new());
    let notice = RwSignal::new(None::<String>);
    // Today's pledges at the place, then those the search answers.
    let everyone = Memo::new(move |_| match place.get() {
        Some(p) => state.ledger.with(|l| desk_list(l, &p, today)),
        None => Vec::new(),
    });
    let list = Memo::new(move |_| {
        let q = query.get();
        let all = everyone.get();
        state.ledger.with(|l| {
            all.into_iter()
                .filter(|p| matches(l, p, &q))
                .collect::<Vec<_>>()
        })
    });
    let summary = move || {
        place.get()?;
        let (all, arrived, donated) = everyone.with(|list| {
            list.iter().fold((0, 0, 0), |(a, r, d), p| match p.status {
                PledgeStatus::Pledged | PledgeStatus::NoShow { .. } => (a + 1, r, d),
                PledgeStatus::Donated { .. } => (a + 1, r + 1, d + 1),
                _ => (a + 1, r + 1, d),
            })
        });
        Some((state.t().desk().summary)(all, arrived, donated))
    };
    let t = move || state.t();
    // A slip read by the camera: waiting for the confirming tap, or why it cannot arrive.
    let scanned = RwSignal::new(None::<PledgeSlip>);
    let scan_said = RwSignal::new(None::<String>);
    let on_scan = Callback::new(move |text: String| {
        let tx = state.t();
        scanned.set(None);
        let said = match read_scanned(&text) {
            Scanned::Slip(slip) => {
                let open = places.get_untracked();
                let standing = state
                    .ledger
                    .with_untracked(|l| desk_scan(l, &slip, &open, today));
                let name = slip.donor.full_name.clone();
                match standing {
                    DeskScan::Ready { place: at, .. } => {
                        if place.get_untracked().as_ref() != Some(&at) {
                            place.set(Some(at));
                        }
                        scanned.set(Some(*slip));
                        None
                    }
                    DeskScan::NotHere => Some(tx.desk().scan_not_here.to_owned()),
                    DeskScan::Elsewhere(slot) => {
                        let day = day_label(state.lang.get_untracked(), slot.date);
                        let at = state
                            .ledger
                            .with_untracked(|l| place_label(l, &slot.place, tx));
                        Some((tx.desk().scan_elsewhere)(&day, &at))
                    }
                    DeskScan::Done(status) => {
                        let words = status_words(tx, state.lang.get_untracked(), &status);
                        Some((tx.desk().scan_done)(&name, &words))
                    }
                }
            }
            other => Some(not_wanted(tx.scan(), ScanKind::Slip, other.kind())),
        };
        scan_said.set(said);
    });
    let arrive_scanned = move |_| {
        let Some(slip) = scanned.get_untracked() else {
            return;
        };
        let now = clock::now();
        let id = slip.pledge.id.clone();
        let result = state.change(|l| {
            merge_slip(l, &slip, now.date, None)?;
            l.check_in(&id, &RuleSet::vietnam(), now.stamp)?;
            Ok(donor_name(l, &id))
        });
        scanned.set(None);
        notice.set(Some(match result {
            Ok(name) => (state.t().desk().done_arrived)(&name),
            Err(e) => refusal_text(state, &e),
        }));
    };
    // Enter in the search field: the first donor listed who has not arrived arrives.
    let on_enter = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() != "Enter" {
            return;
        }
        ev.prevent_default();
        let first = list.with_untracked(|l| {
            l.iter()
                .find(|p| p.status == PledgeStatus::Pledged)
                .map(|p| p.id.clone())
        });
        if let Some(id) = first {
            arrive(state, &id, notice);
            query.set(String::new());
        }
    };
    let search = NodeRef::<leptos::html::Input>::new();
    // The search has focus once the page is on screen (an element not yet there takes none).
    let shown = crate::ui::shown();
    Effect::new(move |_| {
        if shown.get()
            && let Some(input) = search.get()
        {
            let _ = input.focus();
        }
    });
    view! {
        <PageHeading page=Some(Page::CheckIn) />
        <Show
            when=move || !places.get().is_empty()
            fallback=move || view! { <p class="card section">{move || t().desk().no_place_today}</p> }
        >
            <section class="card section desk-head">
                <div class="field">
                    <label for="desk-place">{move || t().desk().place}</label>
                    <select
                        id="desk-place"
                        on:change=move |ev| place.set(place_from_key(&event_target_value(&ev)))
                        prop:value=move || place.get().map(|p| place_key(&p)).unwrap_or_default()
                    >
                        {move || {
                            let t = t();
                            places
                                .get()
                                .into_iter()
                                .map(|p| {
                                    let label = state.ledger.with(|l| place_label(l, &p, t));
                                    view! { <option value=place_key(&p)>{label}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <p class="desk-day">{move || day_label(state.lang.get(), today)}</p>
                <p class="desk-summary">{summary}</p>
                {move || {
                    // Slots of this place today holding more pledges than places (two
                    // devices booked the last place offline): said here, resolved on the
                    // schedule.
                    let p = place.get()?;
                    let lines: Vec<String> = state.ledger.with(|l| {
                        over_capacity(l, today)
                            .into_iter()
                            .filter(|o| o.slot.place == p && o.slot.date == today)
                            .map(|o| {
                                let slot = format!("{}–{}", o.spec.start, o.spec.end);
                                (t().desk().over_capacity)(&slot, o.taken, o.spec.capacity)
                            })
                            .collect()
                    });
                    (!lines.is_empty())
                        .then(|| {
                            view! {
                                <div class="over-capacity" role="note">
                                    {lines.into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
                                    <p>
                                        <a href=Page::Schedule.href()>{move || t().desk().over_resolve}</a>
                                    </p>
                                </div>
                            }
                        })
                }}
            </section>
            <div class="field desk-search">
                <label for="desk-search">{move || t().desk().search}</label>
                <input
                    id="desk-search"
                    type="search"
                    node_ref=search
                    autocomplete="off"
                    aria-describedby="desk-search-hint"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                    on:keydown=on_enter
                />
                <p class="hint" id="desk-search-hint">{move || t().desk().search_hint}</p>
            </div>
            <ScanButton on_text=on_scan kind=ScanKind::Slip />
            {move || scan_said.get().map(|said| view! { <p class="banner banner-warn scan-said" role="alert">{said}</p> })}
            {move || {
                scanned
                    .get()
                    .map(|slip| {
                        let tx = t();
                        let p = &slip.pledge;
                        let new = state.ledger.with(|l| l.pledge_by_id(&p.id).is_none());
                        let when = state.ledger.with(|l| {
                            let slot = l
                                .slot_spec(&p.slot)
                                .map(|s| format!("{}–{}", s.start, s.end))
                                .unwrap_or_else(|_| p.slot.start.to_string());
                            format!("{slot} · {} · {}", place_label(l, &p.slot.place, tx), human_code(&p.id))
                        });
                        view! {
                            <div class="card scan-found" role="group" aria-label=tx.scan().slip.button>
                                <p><strong>{(tx.desk().scan_found)(&slip.donor.full_name, &when)}</strong></p>
                                {new.then(|| view! { <p class="hint">{tx.desk().scan_new}</p> })}
                                <div class="actions">
                                    <button type="button" class="button" on:click=arrive_scanned>
                                        {tx.desk().arrived}
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
            <p class="feedback" role="status">{move || notice.get()}</p>
            <Show
                when=move || !list.with(Vec::is_empty)
                fallback=move || view! { <p>{move || t().desk().no_match}</p> }
            >
                <ul class="desk-list">
                    {move || {
                        list.get()
                            .into_iter()
                            .map(|p| view! { <DeskRow pledge=p notice /> })
                            .collect_view()
                    }}
                </ul>
            </Show>
            {move || place.get().map(|p| view! { <WalkIn place=p notice /> })}
        </Show>
    }
}

/// Marks a pledge's donor as arrived and says so, or why not (the rules checked again).
fn arrive(state: AppState, id: &PledgeId, notice: RwSignal<Option<String>>) {
    let now = clock::now();
    let result = state.change(|l| {
        l.check_in(id, &RuleSet::vietnam(), now.stamp)?;
        Ok(donor_name(l, id))
    });
    // No field is concerned: the page's notice says it, once.
    notice.set(Some(match result {
        Ok(name) => (state.t().desk().done_arrived)(&name),
        Err(e) => refusal_text(state, &e),
    }));
}

/// Why the desk refused, in words: the table of refusals (the rules' reasons with their
/// articles), or that nothing could be saved.
fn refusal_text(state: AppState, error: &ChangeError) -> String {
    match error {
        ChangeError::Domain(DomainError::NotEligible(reasons)) => {
            state.lang.get_untracked().reasons(reasons)
        }
        ChangeError::Domain(e) => state.lang.get_untracked().error(e),
        ChangeError::Save(_) => state.t().desk().refused.to_owned(),
    }
}

/// Records an outcome and says so in the page's notice. A donation first saves the weight
/// measured today when it is given. A refusal is returned, not put in the notice: the caller
/// says it once, beside the field concerned.
fn record(
    state: AppState,
    id: &PledgeId,
    outcome: Outcome,
    weighed: Option<Weight>,
    notice: RwSignal<Option<String>>,
) -> Option<String> {
    let now = clock::now();
    let result = state.change(|l| {
        let donor = l.pledge_by_id(id).map(|p| p.donor.clone());
        if let (Some(kg), Some(donor)) = (weighed, &donor) {
            l.weigh(donor, kg, now.stamp)?;
        }
        l.record_outcome(id, outcome.clone(), &RuleSet::vietnam(), now.stamp)?;
        let name = donor_name(l, id);
        let units = match l.pledge_by_id(id).map(|p| &p.status) {
            Some(PledgeStatus::Donated { units, .. }) => Some(*units),
            _ => None,
        };
        Ok((name, units))
    });
    let lang = state.lang.get_untracked();
    let t = state.t().desk();
    let said = match (result, outcome) {
        (Ok((name, Some(units))), Outcome::Donated { volume_ml }) => {
            (t.done_donated)(&name, volume_ml, &lang.units(units))
        }
        (Ok((name, _)), Outcome::Deferred(_)) => (t.done_deferred)(&name),
        (Ok((name, _)), _) => (t.done_no_show)(&name),
        (Err(e), _) => {
            // Said beside the field by the caller; an earlier "done" must not stand instead.
            notice.set(None);
            return Some(refusal_text(state, &e));
        }
    };
    notice.set(Some(said));
    None
}

/// One donor at the desk: the slot, name, phone and state, and what can be recorded next.
#[component]
fn DeskRow(pledge: Pledge, notice: RwSignal<Option<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t();
    let id = StoredValue::new(pledge.id.clone());
    let (name, phone, group) = state.ledger.with_untracked(|l| {
        l.donor(&pledge.donor)
            .map(|d| (d.full_name.clone(), d.phone.masked(), d.blood_group))
            .unwrap_or_default()
    });
    let slot = state
        .ledger
        .with_untracked(|l| l.slot_spec(&pledge.slot).ok())
        .map(|s| format!("{}–{}", s.start, s.end))
        .unwrap_or_default();
    let code = human_code(&pledge.id);
    let volume = RwSignal::new(pledge.volume_ml.to_string());
    let weight_was = StoredValue::new(state.ledger.with_untracked(|l| {
        l.donor(&pledge.donor)
            .map(|d| kg_text(state.lang.get_untracked(), d.weight.hg()))
            .unwrap_or_default()
    }));
    let weight = RwSignal::new(weight_was.get_value());
    let weight_error = RwSignal::new(None::<String>);
    let volume_error = RwSignal::new(None::<String>);
    let deferring = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let defer_error = RwSignal::new(None::<String>);
    let status = pledge.status.clone();
    let walk_in = pledge.walk_in;
    let state_text = move || status_words(t(), state.lang.get(), &status);
    let actions = match pledge.status {
        PledgeStatus::Pledged => view! {
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    on:click=move |_| arrive(state, &id.get_value(), notice)
                >
                    {move || t().desk().arrived}
                </button>
                <button
                    type="button"
                    class="button button-secondary"
                    on:click=move |_| {
                        // No field is concerned: a refusal goes to the page's notice.
                        let refused = record(state, &id.get_value(), Outcome::NoShow, None, notice);
                        if refused.is_some() {
                            notice.set(refused);
                        }
                    }
                >
                    {move || t().desk().no_show}
                </button>
            </div>
        }
        .into_any(),
        PledgeStatus::CheckedIn { .. } => {
            let volume_id = format!("vol-{}", pledge.id);
            let volume_err_id = format!("vol-err-{}", pledge.id);
            let weight_id = format!("kg-{}", pledge.id);
            let weight_err_id = format!("kg-err-{}", pledge.id);
            let reason_id = format!("why-{}", pledge.id);
            let until_id = format!("until-{}", pledge.id);
            let defer = move |_| {
                let today = clock::today();
                let why = reason.get_untracked().trim().to_owned();
                let day = until
                    .get_untracked()
                    .parse::<Date>()
                    .ok()
                    .filter(|d| *d > today);
                let desk = t().desk();
                match (why.is_empty(), day) {
                    (true, _) => defer_error.set(Some(desk.defer_reason_required.to_owned())),
                    (false, None) => defer_error.set(Some(desk.defer_until_invalid.to_owned())),
                    (false, Some(until)) => {
                        let outcome = Outcome::Deferred(Deferral { reason: why, until });
                        defer_error.set(record(state, &id.get_value(), outcome, None, notice));
                    }
                }
            };
            view! {
                <div class="actions outcome">
                    <label for=volume_id.clone()>{move || t().desk().volume}</label>
                    <select
                        id=volume_id
                        aria-describedby=volume_err_id.clone()
                        on:change=move |ev| volume.set(event_target_value(&ev))
                        prop:value=move || volume.get()
                    >
                        {COMMON_VOLUMES_ML
                            .into_iter()
                            .map(|v| view! { <option value=v.to_string()>{format!("{v} ml")}</option> })
                            .collect_view()}
                    </select>
                    <label for=weight_id.clone()>{move || t().desk().weight_today}</label>
                    <input
                        id=weight_id
                        type="text"
                        inputmode="decimal"
                        class="desk-weight"
                        aria-describedby=weight_err_id.clone()
                        prop:value=move || weight.get()
                        on:input=move |ev| weight.set(event_target_value(&ev))
                    />
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            let volume_ml = volume.get_untracked().parse().unwrap_or(350);
                            let typed = weight.get_untracked();
                            let weighed = if typed.trim() == weight_was.get_value() {
                                None
                            } else {
                                match check::weight(&typed, t()) {
                                    Ok(kg) => Some(kg),
                                    Err(e) => {
                                        weight_error.set(Some(e));
                                        return;
                                    }
                                }
                            };
                            weight_error.set(None);
                            volume_error.set(record(
                                state,
                                &id.get_value(),
                                Outcome::Donated { volume_ml },
                                weighed,
                                notice,
                            ));
                        }
                    >
                        {move || t().desk().donated}
                    </button>
                    <button
                        type="button"
                        class="button button-secondary"
                        aria-expanded=move || deferring.get().to_string()
                        on:click=move |_| deferring.update(|d| *d = !*d)
                    >
                        {move || t().desk().defer}
                    </button>
                </div>
                {move || {
                    volume_error
                        .get()
                        .map(|e| {
                            view! {
                                <p class="field-error" id=volume_err_id.clone() role="alert">
                                    {e}
                                </p>
                            }
                        })
                }}
                {move || {
                    weight_error
                        .get()
                        .map(|e| {
                            view! {
                                <p class="field-error" id=weight_err_id.clone() role="alert">
                                    {e}
                                </p>
                            }
                        })
                }}
                <Show when=move || deferring.get()>
                    <div class="defer-form">
                        <div class="field">
                            <label for=reason_id.clone()>{move || t().desk().defer_reason}</label>
                            <input
                                id=reason_id.clone()
                                type="text"
                                prop:value=move || reason.get()
                                on:input=move |ev| reason.set(event_target_value(&ev))
                            />
                        </div>
                        <div class="field">
                            <label for=until_id.clone()>{move || t().desk().defer_until}</label>
                            <input
                                id=until_id.clone()
                                type="date"
                                prop:value=move || until.get()
                                on:input=move |ev| until.set(event_target_value(&ev))
                            />
                        </div>
                        <button type="button" class="button" on:click=defer>
                            {move || t().desk().defer}
                        </button>
                        <p class="field-error" role="alert">{move || defer_error.get()}</p>
                    </div>
                </Show>
            }
            .into_any()
        }
        _ => ().into_any(),
    };
    view! {
        <li class="desk-row">
            <p class="desk-who">
                <span class="desk-slot">{slot}</span>
                " "
                <strong>{name}</strong>
                " · "
                <span>{phone}</span>
                {group
                    .map(|g| {
                        view! {
                            " · "
                            <span>
                                {move || {
                                    let v = &t().volunteer;
                                    format!("{} {}", v.group_label, v.blood_group(g))
                                }}
                            </span>
                        }
                    })}
                " · "
                <span class="desk-code">{code}</span>
                {walk_in.then(|| view! { " · " <span>{move || t().desk().walk_in_mark}</span> })}
            </p>
            <p class="desk-state">{state_text}</p>
            {actions}
        </li>
    }
}

/// A pledge's state at the desk: as the volunteer sees it, with a deferral's reason.
fn status_words(t: &Texts, lang: Lang, status: &PledgeStatus) -> String {
    let words = status_text(t, lang, status);
    match status {
        PledgeStatus::Deferred { deferral, .. } => format!("{words} · {}", deferral.reason),
        _ => words,
    }
}

/// A donor who came without a pledge: their details and a slot today, then checked in at once.
#[component]
fn WalkIn(place: Place, notice: RwSignal<Option<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t();
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let birth = RwSignal::new(String::new());
    let sex = RwSignal::new(Sex::Female);
    let weight = RwSignal::new(String::new());
    let time = RwSignal::new(String::new());
    let over = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let place = StoredValue::new(place);
    let slots = Memo::new(move |_| {
        let now = clock::now();
        state
            .ledger
            .with(|l| slot_states(l, &place.get_value(), now.date, now))
            .into_iter()
            .filter(|s| !s.past)
            .collect::<Vec<_>>()
    });
    let chosen_full = move || {
        let start = time.get().parse::<TimeOfDay>().ok();
        slots.with(|s| s.iter().any(|s| Some(s.spec.start) == start && s.free == 0))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let tx = t();
        let now: Now = clock::now();
        let checked = (
            check::name(&name.get_untracked(), tx),
            check::phone(&phone.get_untracked(), tx),
            check::birth(&birth.get_untracked(), now.date, tx),
            check::weight(&weight.get_untracked(), tx),
            time.get_untracked().parse::<TimeOfDay>().ok(),
        );
        let (Ok(full_name), Ok(phone_no), Ok(birth_date), Ok(kg), Some(start)) = checked else {
            error.set(Some(match checked {
                (Err(e), ..) | (_, Err(e), ..) | (_, _, Err(e), ..) | (_, _, _, Err(e), _) => e,
                _ => tx.volunteer.slot_required.to_owned(),
            }));
            return;
        };
        if chosen_full() && !over.get_untracked() {
            error.set(Some(tx.desk().walk_in_full.to_owned()));
            return;
        }
        let (Ok(pledge_id), Ok(new_donor)) =
            (PledgeId::new(ids::new_id()), DonorId::new(ids::new_id()))
        else {
            return;
        };
        let draft = DonorDraft {
            full_name: full_name.clone(),
            sex: sex.get_untracked(),
            birth_date,
            weight: kg,
            phone: phone_no.clone(),
            citizen_id: None,
            blood_group: None,
            category: crate::domain::Category::Public,
            unit: None,
        };
        let person = PersonDetails {
            draft,
            written_at: now.stamp,
            affiliation: Affiliation::Kept,
        };
        let result = state.change(|l| {
            let donor = l.register_donor(new_donor, person, now.date, now.stamp)?;
            let req = PledgeRequest {
                donor: donor.id,
                slot: SlotRef {
                    place: place.get_value(),
                    date: now.date,
                    start,
                },
                donation: DonationType::WholeBlood,
                volume_ml: 350,
                declarations: Vec::new(),
            };
            l.walk_in(
                pledge_id.clone(),
                req,
                &RuleSet::vietnam(),
                now,
                over.get_untracked(),
            )?;
            Ok(())
        });
        match result {
            Ok(()) => {
                error.set(None);
                notice.set(Some((tx.desk().done_walk_in)(&full_name)));
                for s in [name, phone, birth, weight] {
                    s.set(String::new());
                }
                over.set(false);
            }
            Err(e) => error.set(Some(refusal_text(state, &e))),
        }
    };
    view! {
        <form class="card section walk-in" on:submit=submit novalidate=true aria-labelledby="walk-in">
            <h2 id="walk-in">{move || t().desk().walk_in}</h2>
            <div class="field">
                <label for="walk-name">{move || t().volunteer.name_label}</label>
                <input
                    id="walk-name"
                    type="text"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="walk-phone">{move || t().volunteer.phone_label}</label>
                <input
                    id="walk-phone"
                    type="tel"
                    prop:value=move || phone.get()
                    on:input=move |ev| phone.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="walk-birth">{move || t().volunteer.birth_label}</label>
                <input
                    id="walk-birth"
                    type="date"
                    prop:value=move || birth.get()
                    on:input=move |ev| birth.set(event_target_value(&ev))
                />
            </div>
            <fieldset class="field">
                <legend>{move || t().volunteer.sex_legend}</legend>
                <div class="choices">
                    <label class="choice">
                        <input
                            type="radio"
                            name="walk-sex"
                            prop:checked=move || sex.get() == Sex::Female
                            on:change=move |_| sex.set(Sex::Female)
                        />
                        {move || t().volunteer.female}
                    </label>
                    <label class="choice">
                        <input
                            type="radio"
                            name="walk-sex"
                            prop:checked=move || sex.get() == Sex::Male
                            on:change=move |_| sex.set(Sex::Male)
                        />
                        {move || t().volunteer.male}
                    </label>
                </div>
            </fieldset>
            <div class="field">
                <label for="walk-weight">{move || t().volunteer.weight_label}</label>
                <input
                    id="walk-weight"
                    type="text"
                    inputmode="decimal"
                    prop:value=move || weight.get()
                    on:input=move |ev| weight.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="walk-slot">{move || t().desk().walk_in_slot}</label>
                <select
                    id="walk-slot"
                    on:change=move |ev| time.set(event_target_value(&ev))
                    prop:value=move || time.get()
                >
                    <option value="">"—"</option>
                    {move || {
                        let t = t();
                        slots
                            .get()
                            .into_iter()
                            .map(|s| {
                                let note = if s.free == 0 {
                                    t.volunteer.full.to_owned()
                                } else {
                                    (t.volunteer.free_places)(s.free)
                                };
                                view! {
                                    <option value=s.spec.start.to_string()>
                                        {format!("{}–{} · {note}", s.spec.start, s.spec.end)}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <Show when=chosen_full>
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || over.get()
                        on:change=move |ev| over.set(event_target_checked(&ev))
                    />
                    {move || t().desk().walk_in_over}
                </label>
            </Show>
            <div class="actions">
                <button type="submit" class="button">{move || t().desk().walk_in_save}</button>
                <p class="field-error" role="alert">{move || error.get()}</p>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample;

    #[test]
    fn the_desk_finds_a_donor_by_name_without_accents_by_phone_digits_or_by_code() {
        let ledger = sample::sample_ledger();
        let pledge = ledger.pledges().next().unwrap().clone();
        let donor = ledger.donor(&pledge.donor).unwrap().clone();
        let folded: String = donor.full_name.split_whitespace().last().map(fold).unwrap();
        assert!(matches(&ledger, &pledge, &folded), "{folded}");
        assert!(matches(&ledger, &pledge, &donor.full_name.to_uppercase()));
        let phone = donor.phone.as_str();
        assert!(matches(&ledger, &pledge, &phone[phone.len() - 4..]));
        assert!(matches(
            &ledger,
            &pledge,
            &human_code(&pledge.id).to_lowercase()
        ));
        assert!(!matches(&ledger, &pledge, "zzzz"));
        assert!(!matches(&ledger, &pledge, "0000000"));
    }

    #[test]
    fn the_desk_lists_a_place_and_day_by_slot_without_cancelled_pledges() {
        let ledger = sample::sample_ledger();
        let p = ledger.pledges().next().unwrap().clone();
        let list = desk_list(&ledger, &p.slot.place, p.slot.date);
        assert!(list.iter().any(|x| x.id == p.id));
        assert!(
            list.iter()
                .all(|x| x.slot.place == p.slot.place && x.slot.date == p.slot.date)
        );
        assert!(list.windows(2).all(|w| w[0].slot.start <= w[1].slot.start));
    }

    #[test]
    fn a_scanned_slip_arrives_where_it_is_due_and_says_why_not_elsewhere() {
        use crate::domain::{DriveId, Timestamp};
        use crate::share::incoming::keep_drive;
        use crate::share::link::SharedDrive;
        let mut org = sample::sample_ledger();
        let drive = DriveId::new(sample::DRIVE_2023_1).unwrap();
        let mut p = org
            .pledges()
            .find(|p| p.slot.place.drive() == Some(&drive))
            .unwrap()
            .clone();
        // The sample's 2023 pledges are all past: this one is still to come.
        p.status = PledgeStatus::Pledged;
        p.updated_at = Timestamp(p.updated_at.0 + 1);
        let _ = org.merge_pledge(p.clone());
        let slip = PledgeSlip::from_ledger(&org, &p.id).unwrap();
        let open = vec![p.slot.place.clone()];
        let day = p.slot.date;
        // A desk that has the drive but not the pledge: ready, new.
        let mut desk = Ledger::new();
        keep_drive(
            &mut desk,
            &SharedDrive::from_ledger(&org, &drive).unwrap(),
            Timestamp(1),
        )
        .unwrap();
        let ready = DeskScan::Ready {
            place: p.slot.place.clone(),
            new: true,
        };
        assert_eq!(desk_scan(&desk, &slip, &open, day), ready);
        assert_eq!(
            desk_scan(&org, &slip, &open, day),
            DeskScan::Ready {
                place: p.slot.place.clone(),
                new: false
            }
        );
        // Another day, or the place not open: elsewhere; a device without the drive: not here.
        let tomorrow = day.add_days(1);
        assert_eq!(
            desk_scan(&desk, &slip, &open, tomorrow),
            DeskScan::Elsewhere(p.slot.clone())
        );
        assert_eq!(
            desk_scan(&desk, &slip, &[], day),
            DeskScan::Elsewhere(p.slot.clone())
        );
        assert_eq!(
            desk_scan(&Ledger::new(), &slip, &open, day),
            DeskScan::NotHere
        );
        // Arrived here since: the state here wins over the slip's.
        let mut arrived = org.clone();
        let _ = arrived.merge_pledge(Pledge {
            status: PledgeStatus::CheckedIn { at: Timestamp(9) },
            updated_at: Timestamp(p.updated_at.0 + 1),
            ..p.clone()
        });
        assert!(matches!(
            desk_scan(&arrived, &slip, &open, day),
            DeskScan::Done(PledgeStatus::CheckedIn { .. })
        ));
    }
}

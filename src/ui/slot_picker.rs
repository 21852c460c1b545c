//! The slot picker: place, day and a free slot, used by the pledge form and by rescheduling on
//! the my-pledges page.

use leptos::prelude::*;

use crate::domain::schedule::{bookable_places, open_days, slot_states};
use crate::domain::{Date, Place, TimeOfDay};
use crate::ui::clock;
use crate::ui::form::{FieldMessage, invalid, message_id};
use crate::ui::format::{day_label, place_from_key, place_key, place_label};
use crate::ui::state::AppState;

/// How many days ahead volunteers can book.
pub const BOOKING_WINDOW_DAYS: i64 = 30;

/// Place, day and slot, each a choice among what is open; full or past slots cannot be chosen.
#[component]
pub fn SlotPicker(
    /// Prefix of the fields' ids (two pickers may share a page).
    id_prefix: &'static str,
    /// The chosen place.
    place: RwSignal<Option<Place>>,
    /// The chosen day.
    day: RwSignal<Option<Date>>,
    /// The chosen slot's start (named `time`: a `slot` attribute means a Leptos slot).
    time: RwSignal<Option<TimeOfDay>>,
    /// A message about the day (for example a second pledge that day).
    #[prop(into)]
    day_error: Signal<Option<String>>,
    /// A message about the slot.
    #[prop(into)]
    slot_error: Signal<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let now = clock::now();
    let places = Memo::new(move |_| state.ledger.with(|l| bookable_places(l, now.date)));
    let days = Memo::new(move |_| {
        place.get().map_or_else(Vec::new, |p| {
            state
                .ledger
                .with(|l| open_days(l, &p, now.date, now.date.add_days(BOOKING_WINDOW_DAYS)))
        })
    });
    let slots = Memo::new(move |_| match (place.get(), day.get()) {
        (Some(p), Some(d)) => state.ledger.with(|l| slot_states(l, &p, d, now)),
        _ => Vec::new(),
    });
    // Keep the choices consistent: a day the place does not open, or a slot it has no more,
    // is cleared.
    Effect::new(move |_| {
        let open = days.get();
        if day.get_untracked().is_some_and(|d| !open.contains(&d)) {
            day.set(None);
        }
        if day.get_untracked().is_none()
            && let Some(first) = open.first()
        {
            day.set(Some(*first));
        }
    });
    // Two pickers at most share a page: the pledge form's and the reschedule form's.
    let (place_id, day_id, day_msg_id, slot_id) = if id_prefix == "pledge" {
        (
            "pledge-place",
            "pledge-day",
            "pledge-day-note",
            "pledge-slot",
        )
    } else {
        ("move-place", "move-day", "move-day-note", "move-slot")
    };
    view! {
        <div class="field">
            <label for=place_id>{move || state.t().volunteer.place_label}</label>
            <Show
                when=move || !places.get().is_empty()
                fallback=move || view! { <p>{move || state.t().volunteer.no_places}</p> }
            >
                <select
                    id=place_id
                    on:change=move |ev| {
                        place.set(place_from_key(&event_target_value(&ev)));
                        time.set(None);
                    }
                    prop:value=move || place.get().map(|p| place_key(&p)).unwrap_or_default()
                >
                    <option value="" disabled=true selected=move || place.get().is_none()>
                        "—"
                    </option>
                    {move || {
                        let t = state.t();
                        places
                            .get()
                            .into_iter()
                            .map(|p| {
                                let key = place_key(&p);
                                let label = state.ledger.with(|l| place_label(l, &p, t));
                                let selected = place.get_untracked().as_ref() == Some(&p);
                                view! {
                                    <option value=key selected=selected>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </Show>
        </div>
        <Show when=move || place.get().is_some()>
            <div class="field">
                <label for=day_id>{move || state.t().volunteer.day_label}</label>
                <Show
                    when=move || !days.get().is_empty()
                    fallback=move || view! { <p>{move || state.t().volunteer.no_days}</p> }
                >
                    <select
                        id=day_id
                        aria-describedby=message_id(day_msg_id)
                        aria-invalid=invalid(day_error)
                        on:change=move |ev| {
                            day.set(event_target_value(&ev).parse().ok());
                            time.set(None);
                        }
                        prop:value=move || day.get().map(|d| d.to_string()).unwrap_or_default()
                    >
                        {move || {
                            let lang = state.lang.get();
                            days.get()
                                .into_iter()
                                .map(|d| {
                                    let selected = day.get_untracked() == Some(d);
                                    view! {
                                        <option value=d.to_string() selected=selected>
                                            {day_label(lang, d)}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </Show>
                <FieldMessage id=day_msg_id message=day_error />
            </div>
        </Show>
        <Show when=move || day.get().is_some()>
            <fieldset
                class="field slots"
                aria-describedby=message_id(slot_id)
                aria-invalid=invalid(slot_error)
            >
                <legend>{move || state.t().volunteer.slot_legend}</legend>
                <div class="slot-grid">
                    {move || {
                        let t = &state.t().volunteer;
                        let lang = state.lang.get();
                        slots
                            .get()
                            .into_iter()
                            .map(|s| {
                                let start = s.spec.start;
                                let id = format!("{id_prefix}-slot-{}", start.minutes());
                                let input_id = id.clone();
                                let note = if s.past {
                                    t.past.to_owned()
                                } else if s.free == 0 {
                                    t.full.to_owned()
                                } else {
                                    (t.free_places)(s.free).replace(
                                        &s.free.to_string(),
                                        &lang.number(i64::from(s.free)),
                                    )
                                };
                                let bookable = s.bookable();
                                view! {
                                    <label class="slot" class:unavailable=!bookable for=id>
                                        <input
                                            type="radio"
                                            id=input_id
                                            name=format!("{id_prefix}-slot")
                                            disabled=!bookable
                                            prop:checked=move || time.get() == Some(start)
                                            on:change=move |_| time.set(Some(start))
                                        />
                                        <span class="slot-time">{format!("{}–{}", s.spec.start, s.spec.end)}</span>
                                        <span class="slot-note">{note}</span>
                                    </label>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </fieldset>
        </Show>
        // Outside the fieldset so "choose a slot" shows even before a place is chosen.
        <FieldMessage id=slot_id message=slot_error />
    }
}

//! The volunteer's pledge: choose a place, day and slot, the donation, then who you are; every
//! field is checked when it is left; the confirmation is the slip. The slot picker here also
//! serves rescheduling on the "my pledges" page.

use leptos::prelude::*;
use leptos_router::components::A;

use super::PageHeading;
use crate::domain::eligibility::{self, Reason, RuleSet};
use crate::domain::schedule::{bookable_places, open_days, slot_states};
use crate::domain::{
    BloodGroup, COMMON_VOLUMES_ML, Category, Date, DomainError, DonationType, Donor, DonorDraft,
    DonorId, Ledger, Phone, Place, PledgeId, PledgeRequest, Sex, SlotRef, TimeOfDay, UnitId,
    Weight,
};
use crate::share::Language;
use crate::share::ical::pledge_calendar;
use crate::share::link::{PledgeSlip, encode_slip, human_code};
use crate::share::qr::{Ecc, Qr};
use crate::ui::i18n::{Lang, Texts, citation_text, reason_text};
use crate::ui::routes::{Build, Page};
use crate::ui::state::{AppState, ChangeError, Changed};
use crate::ui::{clock, download, ids};

/// How many days ahead volunteers can book.
pub const BOOKING_WINDOW_DAYS: i64 = 30;

/// A place as a form value: `d:<drive>:<site>` or `f:<site>`.
pub fn place_key(place: &Place) -> String {
    match place {
        Place::Drive { drive, site } => format!("d:{drive}:{site}"),
        Place::Fixed { site } => format!("f:{site}"),
    }
}

/// The place a form value names, if it is one.
pub fn place_from_key(key: &str) -> Option<Place> {
    let mut parts = key.split(':');
    let place = match (parts.next()?, parts.next(), parts.next()) {
        ("d", Some(drive), Some(site)) => Place::Drive {
            drive: drive
                .parse::<String>()
                .ok()
                .and_then(|d| crate::domain::DriveId::new(d).ok())?,
            site: crate::domain::SiteId::new(site).ok()?,
        },
        ("f", Some(site), None) => Place::Fixed {
            site: crate::domain::SiteId::new(site).ok()?,
        },
        _ => return None,
    };
    parts.next().is_none().then_some(place)
}

/// A place's name for people: "Đợt 1 · BV Xanh Pôn", or "TTYT Hoàn Kiếm (điểm cố định)".
pub fn place_label(ledger: &Ledger, place: &Place, t: &Texts) -> String {
    let site = ledger
        .site(place.site())
        .map_or_else(|| place.site().to_string(), |s| s.name.clone());
    match place.drive().and_then(|d| ledger.drive(d)) {
        Some(drive) => format!("{} · {site}", drive.name),
        None => format!("{site} ({})", t.volunteer.fixed_point),
    }
}

/// A day for people: "Thứ Hai 24/04/2023".
pub fn day_label(lang: Lang, date: Date) -> String {
    format!(
        "{} {}",
        lang.texts().volunteer.weekdays[date.weekday().index()],
        lang.date(date.year(), u32::from(date.month()), u32::from(date.day()))
    )
}

/// The id of the message element describing field `id`.
fn message_id(id: &str) -> String {
    format!("{id}-msg")
}

/// A field's message, beside it; empty (and hidden) when there is none.
#[component]
fn FieldMessage(
    /// The field's id.
    id: &'static str,
    /// The message, if the field is wrong.
    #[prop(into)]
    message: Signal<Option<&'static str>>,
) -> impl IntoView {
    view! {
        <p class="field-error" id=message_id(id)>
            {move || message.get()}
        </p>
    }
}

fn invalid(message: Signal<Option<&'static str>>) -> impl Fn() -> &'static str + Copy {
    move || {
        if message.get().is_some() {
            "true"
        } else {
            "false"
        }
    }
}

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
    day_error: Signal<Option<&'static str>>,
    /// A message about the slot.
    #[prop(into)]
    slot_error: Signal<Option<&'static str>>,
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

/// Everything typed into the pledge form, kept at page level so "pledge for a colleague" can
/// keep the place, day, unit and category.
#[derive(Clone, Copy)]
struct Form {
    place: RwSignal<Option<Place>>,
    day: RwSignal<Option<Date>>,
    slot: RwSignal<Option<TimeOfDay>>,
    donation: RwSignal<DonationType>,
    volume: RwSignal<u16>,
    name: RwSignal<String>,
    phone: RwSignal<String>,
    birth: RwSignal<String>,
    sex: RwSignal<Option<Sex>>,
    weight: RwSignal<String>,
    group: RwSignal<String>,
    category: RwSignal<Category>,
    unit: RwSignal<String>,
    consent: RwSignal<bool>,
    /// Fields the person has left at least once (or everything after a submit).
    touched: RwSignal<Vec<&'static str>>,
    /// Refusals from the ledger, by field.
    slot_refusal: RwSignal<Option<&'static str>>,
    day_refusal: RwSignal<Option<&'static str>>,
    reasons: RwSignal<Vec<Reason>>,
    failed: RwSignal<bool>,
}

impl Form {
    fn new() -> Form {
        Form {
            place: RwSignal::new(None),
            day: RwSignal::new(None),
            slot: RwSignal::new(None),
            donation: RwSignal::new(DonationType::WholeBlood),
            volume: RwSignal::new(350),
            name: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
            birth: RwSignal::new(String::new()),
            sex: RwSignal::new(None),
            weight: RwSignal::new(String::new()),
            group: RwSignal::new(String::new()),
            category: RwSignal::new(Category::Staff),
            unit: RwSignal::new(String::new()),
            consent: RwSignal::new(false),
            touched: RwSignal::new(Vec::new()),
            slot_refusal: RwSignal::new(None),
            day_refusal: RwSignal::new(None),
            reasons: RwSignal::new(Vec::new()),
            failed: RwSignal::new(false),
        }
    }

    /// Clears the person's own details for the next colleague; place, day, unit and category
    /// stay.
    fn next_colleague(self) {
        self.slot.set(None);
        for s in [self.name, self.phone, self.birth, self.weight, self.group] {
            s.set(String::new());
        }
        self.sex.set(None);
        self.consent.set(false);
        self.touched.set(Vec::new());
        self.reasons.set(Vec::new());
        self.failed.set(false);
    }

    fn touch(self, field: &'static str) {
        self.touched.update(|t| {
            if !t.contains(&field) {
                t.push(field);
            }
        });
    }

    fn shown(self, field: &'static str) -> bool {
        self.touched.with(|t| t.contains(&field))
    }
}

/// Checks of each field: the value in domain terms, or the message to show.
pub(super) mod check {
    use super::*;

    pub fn name(text: &str, t: &Texts) -> Result<String, &'static str> {
        let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match name.chars().count() {
            0 => Err(t.volunteer.name_required),
            2..=100 => Ok(name),
            _ => Err(t.volunteer.name_length),
        }
    }

    pub fn phone(text: &str, t: &Texts) -> Result<Phone, &'static str> {
        Phone::parse(text).map_err(|_| t.volunteer.phone_invalid)
    }

    pub fn birth(text: &str, today: Date, t: &Texts) -> Result<Date, &'static str> {
        let date: Date = text.parse().map_err(|_| t.volunteer.birth_required)?;
        if date > today {
            Err(t.volunteer.birth_future)
        } else {
            Ok(date)
        }
    }

    pub fn weight(text: &str, t: &Texts) -> Result<Weight, &'static str> {
        Weight::parse_kg(text).ok_or(t.volunteer.weight_invalid)
    }
}

/// The volumes offered for a donation type and weight: the common bag sizes the rules allow.
pub fn allowed_volumes(kind: DonationType, weight: Option<Weight>) -> Vec<u16> {
    let rules = RuleSet::vietnam();
    let cap = weight.map(|w| eligibility::volume_limit(&rules, kind, w).map_or(0, |l| l.max_ml));
    COMMON_VOLUMES_ML
        .into_iter()
        .filter(|v| cap.is_none_or(|c| *v <= c))
        .collect()
}

/// The pledge page: the form, then the slip.
#[component]
pub fn PledgePage() -> impl IntoView {
    let form = Form::new();
    // From the drives list: `?place=<key>&day=<yyyy-mm-dd>` opens the form on that place and day.
    let query = leptos_router::hooks::use_query_map().get_untracked();
    if let Some(place) = query.get("place").and_then(|k| place_from_key(&k)) {
        form.place.set(Some(place));
        form.day.set(query.get("day").and_then(|d| d.parse().ok()));
    }
    let done = RwSignal::new(None::<PledgeId>);
    view! {
        <PageHeading page=Some(Page::Pledge) />
        {move || match done.get() {
            Some(id) => {
                view! {
                    <Slip
                        id=id
                        on_another=move || {
                            form.next_colleague();
                            done.set(None);
                        }
                    />
                }
                    .into_any()
            }
            None => view! { <PledgeForm form on_done=move |id| done.set(Some(id)) /> }.into_any(),
        }}
    }
}

/// The pledge form.
#[component]
fn PledgeForm(form: Form, on_done: impl Fn(PledgeId) + Copy + 'static) -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = clock::today();
    let t = move || state.t();
    let msg = move |field: &'static str, result: Option<&'static str>| {
        if form.shown(field) { result } else { None }
    };
    let name_msg = Signal::derive(move || msg("name", check::name(&form.name.get(), t()).err()));
    let phone_msg =
        Signal::derive(move || msg("phone", check::phone(&form.phone.get(), t()).err()));
    let birth_msg =
        Signal::derive(move || msg("birth", check::birth(&form.birth.get(), today, t()).err()));
    let weight_msg =
        Signal::derive(move || msg("weight", check::weight(&form.weight.get(), t()).err()));
    let sex_msg = Signal::derive(move || {
        msg(
            "sex",
            form.sex
                .get()
                .is_none()
                .then_some(t().volunteer.sex_required),
        )
    });
    let consent_msg = Signal::derive(move || {
        msg(
            "consent",
            (!form.consent.get()).then_some(t().volunteer.consent_required),
        )
    });
    let slot_msg = Signal::derive(move || {
        form.slot_refusal.get().or_else(|| {
            msg(
                "slot",
                form.slot
                    .get()
                    .is_none()
                    .then_some(t().volunteer.slot_required),
            )
        })
    });
    let day_msg = Signal::derive(move || form.day_refusal.get());
    let volumes = Memo::new(move |_| {
        allowed_volumes(
            form.donation.get(),
            check::weight(&form.weight.get(), t()).ok(),
        )
    });
    // A volume the rules no longer allow (weight or type changed) falls to the largest allowed.
    Effect::new(move |_| {
        let allowed = volumes.get();
        if !allowed.contains(&form.volume.get_untracked())
            && let Some(max) = allowed.last()
        {
            form.volume.set(*max);
        }
    });
    let any_error = move || {
        [
            name_msg,
            phone_msg,
            birth_msg,
            weight_msg,
            sex_msg,
            consent_msg,
            slot_msg,
        ]
        .iter()
        .any(|m| m.get().is_some())
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.touched.set(vec![
            "name", "phone", "birth", "weight", "sex", "consent", "slot",
        ]);
        form.slot_refusal.set(None);
        form.day_refusal.set(None);
        form.reasons.set(Vec::new());
        form.failed.set(false);
        let t = t();
        let (
            Ok(name),
            Ok(phone),
            Ok(birth),
            Ok(weight),
            Some(sex),
            true,
            Some(place),
            Some(date),
            Some(start),
        ) = (
            check::name(&form.name.get_untracked(), t),
            check::phone(&form.phone.get_untracked(), t),
            check::birth(&form.birth.get_untracked(), today, t),
            check::weight(&form.weight.get_untracked(), t),
            form.sex.get_untracked(),
            form.consent.get_untracked(),
            form.place.get_untracked(),
            form.day.get_untracked(),
            form.slot.get_untracked(),
        )
        else {
            return;
        };
        let draft = DonorDraft {
            full_name: name,
            sex,
            birth_date: birth,
            weight,
            phone: phone.clone(),
            citizen_id: None,
            blood_group: BloodGroup::ALL
                .into_iter()
                .find(|g| g.to_string() == form.group.get_untracked()),
            category: form.category.get_untracked(),
            unit: UnitId::new(form.unit.get_untracked()).ok(),
        };
        let now = clock::now();
        let pledge_id = PledgeId::new(ids::new_id());
        let new_donor = DonorId::new(ids::new_id());
        let (Ok(pledge_id), Ok(new_donor)) = (pledge_id, new_donor) else {
            return;
        };
        let request = |donor: DonorId| PledgeRequest {
            donor,
            slot: SlotRef {
                place: place.clone(),
                date,
                start,
            },
            donation: form.donation.get_untracked(),
            volume_ml: form.volume.get_untracked(),
            // The self-check's questions are not asked here yet (their form costs the root
            // build 2.7 KiB gzip it does not have); the ledger checks whatever is given.
            declarations: Vec::new(),
        };
        let result = state.change(|ledger| {
            // The same phone number is the same person: their record is updated, not repeated.
            let existing = ledger.donors().find(|d| d.phone == phone).cloned();
            let id = existing.as_ref().map_or(new_donor, |d| d.id.clone());
            let mut donor = Donor::new(id.clone(), draft, now.date, now.stamp)?;
            if let Some(old) = existing {
                donor.history = old.history;
            }
            ledger.merge_donor(donor);
            ledger.pledge(
                pledge_id.clone(),
                request(id.clone()),
                &RuleSet::vietnam(),
                now,
            )?;
            Ok((
                (),
                Changed {
                    donors: vec![id],
                    pledges: vec![(pledge_id.clone(), None)],
                    ..Changed::default()
                },
            ))
        });
        match result {
            Ok(()) => {
                state.add_mine(pledge_id.clone());
                on_done(pledge_id);
            }
            Err(ChangeError::Domain(e)) => match e {
                DomainError::SlotFull { .. }
                | DomainError::NoSuchSlot(..)
                | DomainError::SiteClosedOnDay(_) => {
                    form.slot_refusal.set(Some(t.volunteer.slot_full));
                }
                DomainError::SlotInPast => form.slot_refusal.set(Some(t.volunteer.slot_past)),
                DomainError::AlreadyPledgedThatDay(_) => {
                    form.day_refusal.set(Some(t.volunteer.already_that_day))
                }
                DomainError::NotEligible(reasons) => form.reasons.set(reasons),
                _ => form.failed.set(true),
            },
            Err(ChangeError::Save(_)) => form.failed.set(true),
        }
    };

    let units = Memo::new(move |_| {
        state.ledger.with(|l| {
            let mut units: Vec<(String, String)> = l
                .units()
                .map(|u| (u.id.to_string(), u.name.clone()))
                .collect();
            crate::domain::order::sort_by(&mut units, |a, b| a.1.cmp(&b.1));
            units
        })
    });

    view! {
        <form class="pledge-form" on:submit=submit novalidate=true>
            <section class="card section" aria-labelledby="where-heading">
                <h2 id="where-heading">{move || t().volunteer.where_heading}</h2>
                // The prop is `time`, not `slot`: `slot=` marks a Leptos slot and is dropped.
                <SlotPicker
                    id_prefix="pledge"
                    place=form.place
                    day=form.day
                    time=form.slot
                    day_error=day_msg
                    slot_error=slot_msg
                />
            </section>
            <section class="card section" aria-labelledby="what-heading">
                <h2 id="what-heading">{move || t().volunteer.what_heading}</h2>
                <div class="field">
                    <label for="pledge-type">{move || t().volunteer.type_label}</label>
                    <select
                        id="pledge-type"
                        on:change=move |ev| {
                            let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                            form.donation.set(DonationType::ALL.get(i).copied().unwrap_or(DonationType::WholeBlood));
                        }
                    >
                        {move || {
                            DonationType::ALL
                                .into_iter()
                                .enumerate()
                                .map(|(i, k)| {
                                    view! {
                                        <option value=i.to_string() selected=move || form.donation.get() == k>
                                            {t().volunteer.donation(k)}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for="pledge-volume">{move || t().volunteer.volume_label}</label>
                    <select
                        id="pledge-volume"
                        aria-describedby="pledge-volume-hint"
                        on:change=move |ev| form.volume.set(event_target_value(&ev).parse().unwrap_or(250))
                    >
                        {move || {
                            volumes
                                .get()
                                .into_iter()
                                .map(|v| {
                                    view! {
                                        <option value=v.to_string() selected=move || form.volume.get() == v>
                                            {format!("{v} ml")}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                    <p class="hint" id="pledge-volume-hint">{move || t().volunteer.volume_hint}</p>
                </div>
            </section>
            <section class="card section" aria-labelledby="who-heading">
                <h2 id="who-heading">{move || t().volunteer.who_heading}</h2>
                <TextField id="name" label=move || t().volunteer.name_label value=form.name message=name_msg form autocomplete="name" />
                <TextField id="phone" label=move || t().volunteer.phone_label value=form.phone message=phone_msg form autocomplete="tel" input_type="tel" />
                <TextField id="birth" label=move || t().volunteer.birth_label value=form.birth message=birth_msg form autocomplete="bday" input_type="date" />
                <fieldset class="field" aria-describedby=message_id("sex") aria-invalid=invalid(sex_msg)>
                    <legend>{move || t().volunteer.sex_legend}</legend>
                    <div class="choices">
                        {[(Sex::Female, "sex-f"), (Sex::Male, "sex-m")]
                            .into_iter()
                            .map(|(sex, id)| {
                                view! {
                                    <label class="choice" for=id>
                                        <input
                                            type="radio"
                                            id=id
                                            name="sex"
                                            prop:checked=move || form.sex.get() == Some(sex)
                                            on:change=move |_| {
                                                form.sex.set(Some(sex));
                                                form.touch("sex");
                                            }
                                        />
                                        {move || if sex == Sex::Female { t().volunteer.female } else { t().volunteer.male }}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                    <FieldMessage id="sex" message=sex_msg />
                </fieldset>
                <TextField id="weight" label=move || t().volunteer.weight_label value=form.weight message=weight_msg form autocomplete="off" inputmode="decimal" />
                <div class="field">
                    <label for="group">{move || t().volunteer.group_label}</label>
                    <select id="group" on:change=move |ev| form.group.set(event_target_value(&ev))>
                        <option value="" selected=move || form.group.get().is_empty()>{move || t().volunteer.group_unknown}</option>
                        {BloodGroup::ALL
                            .into_iter()
                            .map(|g| {
                                let code = g.to_string();
                                let selected = code.clone();
                                view! {
                                    <option value=code.clone() selected=move || form.group.get() == selected>
                                        {code.clone()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="category">{move || t().volunteer.category_label}</label>
                    <select
                        id="category"
                        on:change=move |ev| {
                            let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                            form.category.set(Category::ALL.get(i).copied().unwrap_or(Category::Public));
                        }
                    >
                        {move || {
                            Category::ALL
                                .into_iter()
                                .enumerate()
                                .map(|(i, c)| {
                                    view! {
                                        <option value=i.to_string() selected=move || form.category.get() == c>
                                            {t().volunteer.category(c)}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for="unit">{move || t().volunteer.unit_label}</label>
                    <select id="unit" on:change=move |ev| form.unit.set(event_target_value(&ev))>
                        <option value="" selected=move || form.unit.get().is_empty()>{move || t().volunteer.unit_none}</option>
                        {move || {
                            units
                                .get()
                                .into_iter()
                                .map(|(id, name)| {
                                    let selected = id.clone();
                                    view! {
                                        <option value=id selected=move || form.unit.get() == selected>
                                            {name}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label class="choice consent" for="consent">
                        <input
                            type="checkbox"
                            id="consent"
                            aria-describedby=message_id("consent")
                            aria-invalid=invalid(consent_msg)
                            prop:checked=move || form.consent.get()
                            on:change=move |ev| {
                                form.consent.set(event_target_checked(&ev));
                                form.touch("consent");
                            }
                        />
                        {move || t().volunteer.consent_label}
                    </label>
                    <FieldMessage id="consent" message=consent_msg />
                </div>
            </section>
            <Show when=move || !form.reasons.get().is_empty()>
                <div class="card section notice" role="alert">
                    <p>{move || t().volunteer.not_eligible}</p>
                    <ul>
                        {move || {
                            let lang = state.lang.get();
                            let sex = form.sex.get();
                            form.reasons
                                .get()
                                .into_iter()
                                .map(|r| {
                                    view! {
                                        <li>
                                            {reason_text(lang, &r.kind, sex)} " ("
                                            {citation_text(&r.citation)} ")"
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                    <p>
                        <A href=Page::Eligibility.href() attr:rel=Page::Eligibility.rel_from(Build::Volunteer)>
                            {move || Page::Eligibility.text(t()).title}
                        </A>
                    </p>
                </div>
            </Show>
            <div class="actions">
                <button type="submit" class="button">{move || t().volunteer.submit}</button>
                <p class="field-error" role="status">
                    {move || {
                        if form.failed.get() {
                            Some(t().volunteer.not_saved)
                        } else if any_error() {
                            Some(t().volunteer.fix_errors)
                        } else {
                            None
                        }
                    }}
                </p>
            </div>
        </form>
    }
}

/// A labelled text input whose message appears beside it once it has been left.
#[component]
fn TextField(
    id: &'static str,
    label: impl Fn() -> &'static str + Send + Sync + Copy + 'static,
    value: RwSignal<String>,
    message: Signal<Option<&'static str>>,
    form: Form,
    autocomplete: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                aria-describedby=message_id(id)
                aria-invalid=invalid(message)
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:blur=move |_| form.touch(id)
            />
            <FieldMessage id=id message=message />
        </div>
    }
}

/// The slip as a link, a QR code and a file, for the organizers' inbox: what a volunteer who
/// pledged on a shared drive sends back.
#[component]
fn SlipShare(id: PledgeId, code: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || &state.t().volunteer;
    let Some(slip) = state
        .ledger
        .with_untracked(|l| PledgeSlip::from_ledger(l, &id).ok())
    else {
        return ().into_any();
    };
    let origin = window().location().origin().unwrap_or_default();
    let link = format!("{origin}{}#{}", Page::Inbox.href(), encode_slip(&slip));
    let svg = Qr::encode(&link, Ecc::Low)
        .ok()
        .map(|q| q.to_svg(&(state.t().volunteer.slip_qr)(&code)));
    let file_name = format!("phieu-hien-mau-{code}.txt");
    let file_text = link.clone();
    view! {
        <details class="slip-share">
            <summary>{move || t().slip_send}</summary>
            <p>{move || t().slip_send_hint}</p>
            {svg.map(|svg| view! { <div class="qr" inner_html=svg></div> })}
            <div class="field">
                <label for="slip-link">{move || t().slip_link}</label>
                <input id="slip-link" class="share-link" type="text" readonly=true value=link />
            </div>
            <button
                type="button"
                class="button button-secondary"
                on:click=move |_| {
                    download::offer(&file_name, "text/plain;charset=utf-8", &file_text);
                }
            >
                {move || t().slip_file}
            </button>
        </details>
    }
    .into_any()
}

/// The confirmation: the slip to keep, the calendar file, and a pledge for a colleague.
#[component]
fn Slip(id: PledgeId, on_another: impl Fn() + Copy + 'static) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t();
    let pledge = state
        .ledger
        .with_untracked(|l| l.pledge_by_id(&id).cloned());
    let Some(pledge) = pledge else {
        return ().into_any();
    };
    let code = human_code(&pledge.id);
    let (donor, spec) = state.ledger.with_untracked(|ledger| {
        let donor = ledger
            .donor(&pledge.donor)
            .map(|d| d.full_name.clone())
            .unwrap_or_default();
        (donor, ledger.slot_spec(&pledge.slot).ok())
    });
    let calendar = {
        let id = pledge.id.clone();
        move |_| {
            let lang = match state.lang.get_untracked() {
                Lang::Vi => Language::Vi,
                Lang::En => Language::En,
            };
            let text = state
                .ledger
                .with_untracked(|l| pledge_calendar(l, &id, clock::now().stamp, lang));
            if let Ok(text) = text {
                download::offer("hien-mau.ics", "text/calendar;charset=utf-8", &text);
            }
        }
    };
    let place = pledge.slot.place.clone();
    let date = pledge.slot.date;
    let donation = pledge.donation;
    let volume = pledge.volume_ml;
    view! {
        <section class="card slip" aria-labelledby="slip-heading">
            <h2 id="slip-heading">{move || t().volunteer.slip_heading}</h2>
            <p class="slip-code">
                <span>{move || t().volunteer.slip_code}</span>
                <strong>{code.clone()}</strong>
            </p>
            <dl class="slip-details">
                <dt>{move || t().volunteer.slip_who}</dt>
                <dd>{donor.clone()}</dd>
                <dt>{move || t().volunteer.slip_when}</dt>
                <dd>
                    {move || {
                        let range = spec.map(|s| format!(" {}–{}", s.start, s.end)).unwrap_or_default();
                        format!("{}{range}", day_label(state.lang.get(), date))
                    }}
                </dd>
                <dt>{move || t().volunteer.slip_where}</dt>
                <dd>{move || state.ledger.with(|l| place_label(l, &place, t()))}</dd>
                <dt>{move || t().volunteer.slip_what}</dt>
                <dd>{move || format!("{} · {volume} ml", t().volunteer.donation(donation))}</dd>
            </dl>
            <p>{move || t().volunteer.slip_keep}</p>
            <SlipShare id=pledge.id.clone() code=code.clone() />
            <div class="actions">
                <button type="button" class="button" on:click=calendar>
                    {move || t().volunteer.calendar_file}
                </button>
                <button type="button" class="button button-secondary" on:click=move |_| on_another()>
                    {move || t().volunteer.another}
                </button>
                <A href=Page::MyPledges.href() attr:rel=Page::MyPledges.rel_from(Build::Volunteer)>
                    {move || t().volunteer.see_mine}
                </A>
            </div>
        </section>
    }
    .into_any()
}

//! The volunteer's pledge: choose a place, day and slot, the donation, then who you are; every
//! field is checked when it is left; the confirmation is the slip. The slot picker, the field kit
//! and the words for places and days come from the UI kit (`ui::slot_picker`, `ui::form`,
//! `ui::format`), which other pages share.

use leptos::prelude::*;

use super::PageHeading;
use crate::domain::eligibility::{self, Declaration, DeferralCause, Reason, RuleSet};
use crate::domain::{
    Affiliation, BloodGroup, COMMON_VOLUMES_ML, Category, Date, DomainError, DonationType,
    DonorDraft, DonorId, Ledger, PersonDetails, Place, PledgeId, PledgeRequest, Sex, SlotRef,
    TimeOfDay, UnitId, Weight,
};
use crate::share::Language;
use crate::share::ical::pledge_calendar;
use crate::share::link::{PledgeSlip, encode_slip, human_code};
use crate::share::qr::{Ecc, Qr};
use crate::ui::Later;
use crate::ui::form::{
    CauseQuestions, Causes, Field, FieldMessage, carried, check, invalid, message_id, ticked_causes,
};
use crate::ui::format::{day_label, place_from_key, place_label};
use crate::ui::i18n::{Lang, citation_text, reason_text};
use crate::ui::outbox::SendStatus;
use crate::ui::routes::{Build, Page};
use crate::ui::slot_picker::SlotPicker;
use crate::ui::state::{AppState, ChangeError};
use crate::ui::widgets::opened_once;
use crate::ui::{clock, download, ids};

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
    /// The self-declared events of Điều 5, as asked here.
    causes: RwSignal<Causes>,
    /// The self-check's answers to them, when the person came from it and they are used.
    carried: RwSignal<Option<Vec<Declaration>>>,
    /// Fields the person has left at least once (or everything after a submit).
    touched: RwSignal<Vec<&'static str>>,
    /// Refusals from the ledger, by field.
    slot_refusal: RwSignal<Option<String>>,
    day_refusal: RwSignal<Option<String>>,
    reasons: RwSignal<Vec<Reason>>,
    /// Why the pledge was not saved, when no field is concerned.
    failed: RwSignal<Option<String>>,
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
            causes: RwSignal::new(Causes::default()),
            carried: RwSignal::new(carried::kept()),
            touched: RwSignal::new(Vec::new()),
            slot_refusal: RwSignal::new(None),
            day_refusal: RwSignal::new(None),
            reasons: RwSignal::new(Vec::new()),
            failed: RwSignal::new(None),
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
        self.causes.set(Causes::default());
        self.carried.set(None);
        self.touched.set(Vec::new());
        self.reasons.set(Vec::new());
        self.failed.set(None);
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

    /// The declarations to check the pledge against: the self-check's, or those ticked here
    /// (each with a day not after `today`); `Err` when a ticked one's day is missing or later.
    fn declarations(self, today: Date) -> Result<Vec<Declaration>, bool> {
        if let Some(kept) = self.carried.get() {
            return Ok(kept);
        }
        self.causes.with(|c| {
            ticked_causes(c, self.sex.get(), today)
                .map(|(cause, day)| day.map(|date| Declaration { cause, date }))
                .collect()
        })
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
    crate::ui::outbox::watch();
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
    let msg = move |field: &'static str, result: Option<String>| {
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
                .then(|| t().volunteer.sex_required.to_owned()),
        )
    });
    let consent_msg = Signal::derive(move || {
        msg(
            "consent",
            (!form.consent.get()).then(|| t().volunteer.consent_required.to_owned()),
        )
    });
    let slot_msg = Signal::derive(move || {
        form.slot_refusal.get().or_else(|| {
            msg(
                "slot",
                form.slot
                    .get()
                    .is_none()
                    .then(|| t().volunteer.slot_required.to_owned()),
            )
        })
    });
    let day_msg = Signal::derive(move || form.day_refusal.get());
    // A ticked event's day: missing, or after today.
    let cause_msg = move |i: usize| {
        if !form.shown("declared") || form.carried.with(Option::is_some) {
            return None;
        }
        let cause = DeferralCause::ALL[i];
        let wrong = form.causes.with(|c| {
            ticked_causes(c, form.sex.get(), today)
                .find(|(c, _)| *c == cause)
                .and_then(|(_, day)| day.err())
        })?;
        let t = t().eligibility();
        Some(if wrong {
            t.cause_in_future
        } else {
            t.enter_cause_date
        })
    };
    let declared_ref = NodeRef::<leptos::html::Details>::new();
    // The questions are drawn when their list is first opened: most of the form's fields, and
    // most of its start on a phone, for what most volunteers leave folded.
    let (declared_opened, on_declared_toggle) = opened_once();
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
            || (form.shown("declared") && form.declarations(today).is_err())
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.touched.set(vec![
            "name", "phone", "birth", "weight", "sex", "consent", "slot", "declared",
        ]);
        form.slot_refusal.set(None);
        form.day_refusal.set(None);
        form.reasons.set(Vec::new());
        form.failed.set(None);
        let t = t();
        let Ok(declarations) = form.declarations(today) else {
            // Its message is beside the day, inside the folded list: open it.
            if let Some(list) = declared_ref.get_untracked() {
                let _ = list.set_attribute("open", "");
            }
            return;
        };
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
            declarations: declarations.clone(),
        };
        let person = PersonDetails {
            draft,
            written_at: now.stamp,
            affiliation: Affiliation::Given,
        };
        let result = state.change(|ledger| {
            let donor = ledger.register_donor(new_donor, person, now.date, now.stamp)?;
            ledger
                .pledge(
                    pledge_id.clone(),
                    request(donor.id),
                    &RuleSet::vietnam(),
                    now,
                )
                .map(|_| ())
        });
        match result {
            Ok(()) => {
                carried::keep(None);
                state.add_mine(pledge_id.clone());
                on_done(pledge_id);
            }
            // The words of the table of refusals, beside the field concerned; the rules'
            // reasons in their own list, each with its article.
            Err(ChangeError::Domain(DomainError::NotEligible(reasons))) => {
                form.reasons.set(reasons)
            }
            Err(ChangeError::Domain(e)) => {
                let words = Some(t.lang.error(&e));
                match e {
                    DomainError::SlotFull { .. }
                    | DomainError::NoSuchSlot(..)
                    | DomainError::SiteClosedOnDay(_)
                    | DomainError::SlotInPast => form.slot_refusal.set(words),
                    DomainError::AlreadyPledgedThatDay(_) => form.day_refusal.set(words),
                    _ => form.failed.set(words),
                }
            }
            Err(ChangeError::Save(_)) => form.failed.set(Some(t.volunteer.not_saved.to_owned())),
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
            // Drawn in a task of its own while the app starts.
            <Later>
            <section class="card section" aria-labelledby="who-heading">
                <h2 id="who-heading">{move || t().volunteer.who_heading}</h2>
                <Field id="name" label=move || t().volunteer.name_label value=form.name message=name_msg on_leave=move |()| form.touch("name") autocomplete="name" />
                <Field id="phone" label=move || t().volunteer.phone_label value=form.phone message=phone_msg on_leave=move |()| form.touch("phone") autocomplete="tel" kind="tel" />
                <Field id="birth" label=move || t().volunteer.birth_label value=form.birth message=birth_msg on_leave=move |()| form.touch("birth") autocomplete="bday" kind="date" />
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
                <Field id="weight" label=move || t().volunteer.weight_label value=form.weight message=weight_msg on_leave=move |()| form.touch("weight") autocomplete="off" inputmode="decimal" />
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
                                    <option value=code selected=move || form.group.get() == selected>
                                        {move || t().volunteer.blood_group(g)}
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
                {move || match form.carried.get() {
                    Some(_) => {
                        view! {
                            <p class="field declared">
                                {t().volunteer.declared_carried} " "
                                <button type="button" class="button button-secondary" on:click=move |_| form.carried.set(None)>
                                    {t().volunteer.declared_again}
                                </button>
                            </p>
                        }
                            .into_any()
                    }
                    None => {
                        view! {
                            <details class="field declared" node_ref=declared_ref on:toggle=on_declared_toggle>
                                <summary>{t().volunteer.declared_none}</summary>
                                <p class="hint">{t().eligibility().recent_hint}</p>
                                {move || {
                                    declared_opened
                                        .get()
                                        .then(|| {
                                            view! {
                                                <CauseQuestions
                                                    prefix="pledge"
                                                    draft=form.causes
                                                    read=|c: &Causes| c
                                                    write=|c: &mut Causes| c
                                                    sex=form.sex
                                                    max=today.to_string()
                                                    message=cause_msg
                                                    on_leave=move |_| form.touch("declared")
                                                />
                                            }
                                        })
                                }}
                            </details>
                        }
                            .into_any()
                    }
                }}
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
            </Later>
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
                        <a href=Page::Eligibility.href() rel=Page::Eligibility.rel_from(Build::Volunteer)>
                            {move || Page::Eligibility.text(t()).title}
                        </a>
                    </p>
                </div>
            </Show>
            <div class="actions">
                <button type="submit" class="button">{move || t().volunteer.submit}</button>
                <p class="field-error" role="status">
                    {move || {
                        form.failed
                            .get()
                            .or_else(|| any_error().then(|| t().volunteer.fix_errors.to_owned()))
                    }}
                </p>
            </div>
        </form>
    }
}

/// The link of a pledge's slip, for the organizers' inbox (`/organizer/inbox#p1.…`): what the
/// slip's QR code holds and what the desk's camera reads.
pub fn slip_link(ledger: &Ledger, id: &PledgeId) -> Option<String> {
    let slip = PledgeSlip::from_ledger(ledger, id).ok()?;
    let origin = window().location().origin().unwrap_or_default();
    Some(format!(
        "{origin}{}#{}",
        Page::Inbox.href(),
        encode_slip(&slip)
    ))
}

/// The slip's QR code in the open, with its code in text beside it: what the volunteer holds
/// up at the desk, large enough for a camera at arm's length.
#[component]
pub fn SlipQr(link: String, code: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let svg = Qr::encode(&link, Ecc::Low)
        .ok()
        .map(|q| q.to_svg(&(state.t().volunteer.slip_qr)(&code)));
    view! {
        <figure class="slip-qr">
            {svg.map(|svg| view! { <div class="qr" inner_html=svg></div> })}
            <figcaption>
                <span>{move || state.t().volunteer.slip_code}</span>
                <strong class="slip-qr-code">{code.clone()}</strong>
            </figcaption>
        </figure>
    }
}

/// The slip as a QR code, a link and a file, for the organizers' inbox and desk: what a
/// volunteer who pledged on a shared drive sends back or shows at the desk.
#[component]
fn SlipShare(id: PledgeId, code: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || &state.t().volunteer;
    let Some(link) = state.ledger.with_untracked(|l| slip_link(l, &id)) else {
        return ().into_any();
    };
    let file_name = format!("phieu-hien-mau-{code}.txt");
    let file_text = link.clone();
    view! {
        <SlipQr link=link.clone() code=code />
        <details class="slip-share">
            <summary>{move || t().slip_send}</summary>
            <p>{move || t().slip_send_hint}</p>
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
            <SendStatus pledge=pledge.id.clone() />
            <SlipShare id=pledge.id.clone() code=code.clone() />
            <div class="actions">
                <button type="button" class="button" on:click=calendar>
                    {move || t().volunteer.calendar_file}
                </button>
                <button type="button" class="button button-secondary" on:click=move |_| on_another()>
                    {move || t().volunteer.another}
                </button>
                <a href=Page::MyPledges.href() rel=Page::MyPledges.rel_from(Build::Volunteer)>
                    {move || t().volunteer.see_mine}
                </a>
            </div>
        </section>
    }
    .into_any()
}

//! The organizer's drives: each drive with how full it is, opened, closed or cancelled (the
//! pledges cancelling would cancel shown first) and shared by link, QR code and file; and the
//! form of a new drive with a slot template per site and the days that differ.

use leptos::prelude::*;

use crate::domain::order;

use super::{
    Errors, FormState, change_setup, day_text, message, message_of, new_id, parse, refusal,
};
use crate::domain::limits::Limit;
use crate::domain::{
    CampaignId, CapacityDecision, DomainError, Drive, DriveDraft, DriveId, DriveSite, DriveStatus,
    Site, SiteId,
};
use crate::share::Language;
use crate::share::ical::drive_calendar;
use crate::share::link::{SharedDrive, encode_drive};
use crate::share::qr::{Ecc, Qr};
use crate::share::text::nfc;
use crate::sync::dropbox::{link_with_box, organizer_box};
use crate::ui::form::Field;
use crate::ui::i18n::DriveTexts;
use crate::ui::pages::PageHeading;
use crate::ui::routes::{Build, Page};
use crate::ui::state::{AppState, ChangeError};
use crate::ui::{clock, download};

/// The drives page.
#[component]
pub fn DriveSetupPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().drive_setup();
    view! {
        <PageHeading page=Some(Page::DriveSetup) />
        <p>
            <a href=Page::Setup.href() rel=Page::Setup.rel_from(Build::DriveSetup)>
                {move || t().to_setup}
            </a>
        </p>
        <DriveSection />
    }
}

/// One site's part in the drive form.
#[derive(Clone, Copy)]
struct SiteRow {
    site: StoredValue<SiteId>,
    chosen: RwSignal<bool>,
    template: RwSignal<String>,
    overrides: RwSignal<String>,
}

/// What a new drive starts with at each site: four slots of 20 in the morning.
const DEFAULT_TEMPLATE: &str = "07:30-08:30 20, 08:30-09:30 20, 09:30-10:30 20, 10:30-11:30 20";

#[component]
fn DriveSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().drive_setup();
    let editing = RwSignal::new(None::<DriveId>);
    // Only a drive added or gone (or reordered) redraws the list: each item follows its own
    // drive, and keeps its open panel and its last message across changes.
    let ids = Memo::new(move |_| {
        state.ledger.with(|l| {
            let mut d: Vec<&Drive> = l.drives().collect();
            order::sort_by(&mut d, |a, b| (a.start, &a.name).cmp(&(b.start, &b.name)));
            d.into_iter()
                .map(|d| d.id.clone())
                .collect::<Vec<DriveId>>()
        })
    });
    view! {
        <section class="card section" aria-labelledby="setup-drives">
            <h2 id="setup-drives">{move || t().drives}</h2>
            {move || {
                let ids = ids.get();
                if ids.is_empty() {
                    view! { <p>{t().no_drives}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain-list drive-list">
                            {ids.into_iter().map(|id| view! { <DriveItem id=id editing=editing /> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
            <DriveForm editing=editing />
        </section>
    }
}

/// A drive in the list: what it is, how full, and what can be done with it.
#[component]
fn DriveItem(id: DriveId, editing: RwSignal<Option<DriveId>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().drive_setup();
    let id = StoredValue::new(id);
    let open_panel = RwSignal::new(None::<&'static str>);
    let reason = RwSignal::new(String::new());
    let reason_error = RwSignal::new(None::<&'static str>);
    let notice = RwSignal::new(None::<String>);
    let info = Memo::new(move |_| {
        state.ledger.with(|l| {
            let d = l.drive(&id.get_value())?;
            let sites: Vec<String> = d
                .sites
                .iter()
                .filter_map(|s| l.site(&s.site).map(|x| x.name.clone()))
                .collect();
            let pledged = l
                .pledges()
                .filter(|p| p.slot.place.drive() == Some(&d.id) && p.status.holds_slot())
                .count();
            let affected: Vec<String> = l
                .pledges_affected_by_cancelling(&d.id)
                .into_iter()
                .map(|p| {
                    l.donor(&p.donor)
                        .map(|x| format!("{} · {}", x.full_name, x.phone.as_str()))
                        .unwrap_or_default()
                })
                .collect();
            Some((
                d.name.clone(),
                d.start,
                d.end,
                d.status,
                sites.join(", "),
                pledged,
                d.capacity(),
                affected,
            ))
        })
    });
    let set_status = move |status: DriveStatus| {
        let tx = state.t();
        match change_setup(state, |l| {
            l.set_drive_status(&id.get_value(), status, clock::now().stamp)
        }) {
            Ok(()) => notice.set(Some(tx.drive_setup().status_changed.to_owned())),
            Err(e) => notice.set(Some(refusal(state.lang.get_untracked(), &e))),
        }
    };
    let confirm_cancel = move |_| {
        let tx = state.t();
        let why = reason.get_untracked();
        if why.trim().is_empty() {
            reason_error.set(Some(tx.drive_setup().cancel_reason_required));
            return;
        }
        reason_error.set(None);
        let now = clock::now().stamp;
        let result = state.change(|l| {
            l.cancel_drive(&id.get_value(), why.trim(), now)
                .map(|ids| ids.len())
        });
        match result {
            Ok(n) => {
                open_panel.set(None);
                notice.set(Some((tx.drive_setup().cancelled)(n)));
            }
            Err(e) => notice.set(Some(refusal(state.lang.get_untracked(), &e))),
        }
    };
    let heading_id = move || format!("drive-{}", id.get_value());
    // The drive's days as a calendar file: one event per day and site.
    let calendar = move |drive_id: &DriveId| {
        let lang = match state.lang.get_untracked() {
            crate::ui::i18n::Lang::Vi => Language::Vi,
            crate::ui::i18n::Lang::En => Language::En,
        };
        let text = state.ledger.with_untracked(|l| {
            l.drive(drive_id)
                .map(|d| drive_calendar(d, l.sites(), clock::now().stamp, lang))
        });
        if let Some(Ok(text)) = text {
            let name = format!("hien-mau-{drive_id}.ics");
            download::offer(&name, "text/calendar;charset=utf-8", &text);
        }
    };
    move || {
        let Some((name, start, end, status, sites, pledged, capacity, affected)) = info.get()
        else {
            return ().into_any();
        };
        let lang = state.lang.get();
        let tx = state.t();
        let n_affected = affected.len();
        view! {
            <li class="drive-item" aria-labelledby=heading_id()>
                <h3 id=heading_id()>{name.clone()}</h3>
                <p>
                    <span class=format!("status status-{}", status_class(status))>
                        {(tx.drive_setup().status)(status)}
                    </span>
                    " · "
                    {format!("{} – {}", day_text(lang, start), day_text(lang, end))}
                    " · "
                    {sites}
                </p>
                <p class="hint">{(tx.drive_setup().pledged_of)(pledged, capacity)}</p>
                <div class="actions">
                    {(status == DriveStatus::Planned || status == DriveStatus::Closed)
                        .then(|| {
                            view! {
                                <button type="button" class="button button-small" on:click=move |_| set_status(DriveStatus::Open)>
                                    {move || t().open_drive}
                                </button>
                            }
                        })}
                    {(status == DriveStatus::Open)
                        .then(|| {
                            view! {
                                <button type="button" class="button button-small button-secondary" on:click=move |_| set_status(DriveStatus::Closed)>
                                    {move || t().close_drive}
                                </button>
                            }
                        })}
                    <PanelButton panel="share" open=open_panel label=Signal::derive(move || t().share) />
                    {(status != DriveStatus::Cancelled)
                        .then(|| {
                            view! {
                                <PanelButton panel="capacity" open=open_panel label=Signal::derive(move || t().capacity) />
                                <button
                                    type="button"
                                    class="button button-small button-secondary"
                                    on:click=move |_| editing.set(Some(id.get_value()))
                                >
                                    {move || t().edit_drive}
                                </button>
                                <PanelButton panel="cancel" open=open_panel label=Signal::derive(move || t().cancel_drive) />
                            }
                        })}
                    <button
                        type="button"
                        class="button button-small button-secondary"
                        on:click=move |_| calendar(&id.get_value())
                    >
                        {move || t().drive_calendar}
                    </button>
                </div>
                <p class="hint">
                    {match status {
                        DriveStatus::Open => (tx.drive_setup().close_effect)(pledged),
                        DriveStatus::Planned | DriveStatus::Closed => tx.drive_setup().open_effect.to_owned(),
                        DriveStatus::Cancelled => String::new(),
                    }}
                </p>
                <Show when=move || open_panel.get() == Some("cancel")>
                    <div class="confirm-panel" role="group" aria-label=move || t().cancel_drive>
                        <p>
                            <strong>
                                {if n_affected == 0 {
                                    tx.drive_setup().cancel_none.to_owned()
                                } else {
                                    (tx.drive_setup().cancel_effect)(n_affected)
                                }}
                            </strong>
                        </p>
                        <ul class="plain-list affected">
                            {affected.iter().take(20).map(|a| view! { <li>{a.clone()}</li> }).collect_view()}
                        </ul>
                        <div class="field">
                            <label for=format!("cancel-reason-{}", id.get_value())>{move || t().cancel_reason}</label>
                            <input
                                id=format!("cancel-reason-{}", id.get_value())
                                type="text"
                                aria-describedby=format!("cancel-reason-{}-msg", id.get_value())
                                aria-invalid=move || if reason_error.get().is_some() { "true" } else { "false" }
                                prop:value=move || reason.get()
                                on:input=move |ev| reason.set(event_target_value(&ev))
                            />
                            <p class="field-error" id=format!("cancel-reason-{}-msg", id.get_value())>
                                {move || reason_error.get()}
                            </p>
                        </div>
                        <div class="actions">
                            <button type="button" class="button button-danger" on:click=confirm_cancel>
                                {move || t().cancel_confirm}
                            </button>
                            <button type="button" class="button button-secondary" on:click=move |_| open_panel.set(None)>
                                {move || t().cancel_keep}
                            </button>
                        </div>
                    </div>
                </Show>
                <Show when=move || open_panel.get() == Some("share")>
                    <SharePanel id=id.get_value() />
                </Show>
                <Show when=move || open_panel.get() == Some("capacity")>
                    <CapacityPanel id=id.get_value() notice=notice />
                </Show>
                <p class="notice" role="status">{move || notice.get()}</p>
            </li>
        }
            .into_any()
    }
}

/// A button that opens one of a drive's panels (and closes it, or the one open before).
#[component]
fn PanelButton(
    panel: &'static str,
    open: RwSignal<Option<&'static str>>,
    label: Signal<&'static str>,
) -> impl IntoView {
    let class = if panel == "cancel" {
        "button button-small button-danger"
    } else {
        "button button-small button-secondary"
    };
    view! {
        <button
            type="button"
            class=class
            aria-expanded=move || (open.get() == Some(panel)).to_string()
            on:click=move |_| open.update(|p| *p = if *p == Some(panel) { None } else { Some(panel) })
        >
            {label}
        </button>
    }
}

fn status_class(s: DriveStatus) -> &'static str {
    match s {
        DriveStatus::Planned => "planned",
        DriveStatus::Open => "open",
        DriveStatus::Closed => "closed",
        DriveStatus::Cancelled => "cancelled",
    }
}

/// One slot's places, on one day or on every day of the template: lowering them under what is
/// already pledged needs a tick, after the count is shown.
#[component]
fn CapacityPanel(id: DriveId, notice: RwSignal<Option<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().drive_setup();
    let id = StoredValue::new(id);
    let drive = state
        .ledger
        .with_untracked(|l| l.drive(&id.get_value()).cloned());
    let Some(drive) = drive else {
        return ().into_any();
    };
    let drive = StoredValue::new(drive);
    let first_site = drive.with_value(|d| d.sites.first().map(|s| s.site.to_string()));
    let site = RwSignal::new(first_site.unwrap_or_default());
    let day = RwSignal::new(String::new());
    let slot = RwSignal::new(String::new());
    let places = RwSignal::new(String::new());
    let below = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let pledged = RwSignal::new(None::<u32>);
    // The slots of the chosen site on the chosen day (the template when "every day").
    let slots = Memo::new(move |_| {
        let chosen = site.get();
        let date = parse::date(&day.get());
        drive.with_value(|d| {
            d.sites
                .iter()
                .find(|s| s.site.as_str() == chosen)
                .map(|s| match date {
                    Some(date) => s.slots_on(date).to_vec(),
                    None => s.template.clone(),
                })
                .unwrap_or_default()
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let tx = state.t();
        let start = slot
            .get_untracked()
            .parse::<crate::domain::TimeOfDay>()
            .ok()
            .or_else(|| slots.get_untracked().first().map(|s| s.start));
        let capacity = parse::whole_number(&places.get_untracked())
            .filter(|n| *n >= 1)
            .and_then(|n| u16::try_from(n).ok());
        let (Some(start), Some(capacity), Ok(site_id)) =
            (start, capacity, SiteId::new(site.get_untracked()))
        else {
            error.set(Some(tx.drive_setup().capacity_not_positive.to_owned()));
            return;
        };
        let date = parse::date(&day.get_untracked());
        let decision = if below.get_untracked() {
            CapacityDecision::AllowBelowPledged
        } else {
            CapacityDecision::KeepPledged
        };
        let result = change_setup(state, |l| {
            l.set_slot_capacity(
                &id.get_value(),
                &site_id,
                date,
                start,
                capacity,
                decision,
                clock::now().stamp,
            )
        });
        match result {
            Ok(()) => {
                error.set(None);
                pledged.set(None);
                below.set(false);
                notice.set(Some((tx.drive_setup().capacity_saved)(
                    &start.to_string(),
                    capacity,
                )));
            }
            Err(ChangeError::Domain(e @ DomainError::CapacityBelowPledged { pledged: n })) => {
                pledged.set(Some(n));
                error.set(Some(state.lang.get_untracked().error(&e)));
            }
            Err(e) => error.set(Some(refusal(state.lang.get_untracked(), &e))),
        }
    };
    let lang = move || state.lang.get();
    let key = id.get_value().to_string();
    let (site_id, day_id, slot_id, places_id) = (
        format!("cap-site-{key}"),
        format!("cap-day-{key}"),
        format!("cap-slot-{key}"),
        format!("cap-places-{key}"),
    );
    let places_msg = format!("{places_id}-msg");
    view! {
        <form class="confirm-panel capacity-panel" on:submit=submit novalidate=true>
            <div class="field-row">
                <div class="field">
                    <label for=site_id.clone()>{move || t().capacity_site}</label>
                    <select
                        id=site_id
                        on:change=move |ev| {
                            slot.set(String::new());
                            site.set(event_target_value(&ev));
                        }
                    >
                        {move || {
                            let sites: Vec<(String, String)> = state.ledger.with(|l| {
                                drive.with_value(|d| {
                                    d.sites
                                        .iter()
                                        .map(|s| {
                                            let name = l.site(&s.site).map(|x| x.name.clone()).unwrap_or_default();
                                            (s.site.to_string(), name)
                                        })
                                        .collect()
                                })
                            });
                            sites
                                .into_iter()
                                .map(|(v, words)| {
                                    let selected = v == site.get_untracked();
                                    view! { <option value=v selected=selected>{words}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for=day_id.clone()>{move || t().capacity_day}</label>
                    <select
                        id=day_id
                        on:change=move |ev| {
                            slot.set(String::new());
                            day.set(event_target_value(&ev));
                        }
                    >
                        <option value="">{move || t().capacity_every_day}</option>
                        {drive
                            .with_value(|d| d.days().collect::<Vec<_>>())
                            .into_iter()
                            .map(|d| view! { <option value=d.to_string()>{move || day_text(lang(), d)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=slot_id.clone()>{move || t().capacity_slot}</label>
                    <select id=slot_id on:change=move |ev| slot.set(event_target_value(&ev))>
                        {move || {
                            slots
                                .get()
                                .into_iter()
                                .map(|s| {
                                    let words = format!("{}–{} · {}", s.start, s.end, s.capacity);
                                    view! { <option value=s.start.to_string()>{words}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for=places_id.clone()>{move || t().capacity_places}</label>
                    <input
                        id=places_id
                        type="text"
                        inputmode="numeric"
                        aria-describedby=places_msg.clone()
                        aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                        prop:value=move || places.get()
                        on:input=move |ev| places.set(event_target_value(&ev))
                    />
                    <p class="field-error" id=places_msg>{move || error.get()}</p>
                </div>
            </div>
            <Show when=move || pledged.get().is_some()>
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || below.get()
                        on:change=move |ev| below.set(event_target_checked(&ev))
                    />
                    {move || t().capacity_allow_below}
                </label>
            </Show>
            <div class="actions">
                <button type="submit" class="button">{move || t().capacity_save}</button>
            </div>
        </form>
    }
    .into_any()
}

/// A drive as a link, a QR code and a file, for volunteers to open on their own phones.
#[component]
fn SharePanel(id: DriveId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().drive_setup();
    let shared = state
        .ledger
        .with_untracked(|l| SharedDrive::from_ledger(l, &id).ok());
    let Some(shared) = shared else {
        return ().into_any();
    };
    let origin = window().location().origin().unwrap_or_default();
    // With sync set up, the link also says where volunteers' slips go (the drop box).
    let dropbox = crate::storage::LocalRepository::probe()
        .ok()
        .and_then(|repo| organizer_box(&repo));
    let link = link_with_box(
        &format!(
            "{origin}{}#{}",
            Page::SharedDrive.href(),
            encode_drive(&shared)
        ),
        dropbox.as_ref(),
    );
    let label = (state.t().drive_setup().qr_label)(&shared.drive.name);
    let qr = Qr::encode(&link, Ecc::Low).ok();
    let size_note = (state.t().drive_setup().share_size)(link.len(), qr.as_ref().map(Qr::version));
    let svg = qr.map(|q| q.to_svg(&label));
    let file_name = format!("hien-mau-{}.txt", shared.drive.id);
    let file_text = link.clone();
    view! {
        <div class="share-panel">
            <p>{move || t().share_hint}</p>
            <div class="field">
                <label for=format!("share-link-{id}")>{move || t().share_link}</label>
                <input
                    id=format!("share-link-{id}")
                    class="share-link"
                    type="text"
                    readonly=true
                    value=link.clone()
                    on:focus=move |ev| {
                        if let Some(input) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlInputElement>(
                            &event_target::<web_sys::HtmlInputElement>(&ev),
                        ) {
                            input.select();
                        }
                    }
                />
            </div>
            {svg.map(|svg| view! { <div class="qr" inner_html=svg></div> })}
            <p class="hint">{size_note}</p>
            <div class="actions">
                <button
                    type="button"
                    class="button button-secondary"
                    on:click=move |_| {
                        download::offer(&file_name, "text/plain;charset=utf-8", &file_text);
                    }
                >
                    {move || t().share_file}
                </button>
            </div>
        </div>
    }
    .into_any()
}

/// The form of a new drive: campaign, name, dates, and for each chosen site its slots and the
/// days that differ.
#[component]
fn DriveForm(editing: RwSignal<Option<DriveId>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().drive_setup();
    let campaign = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let rows: RwSignal<Vec<SiteRow>> = RwSignal::new(Vec::new());
    // One row per site, added as sites are. The rows' signals belong to the form, not to the
    // effect: an effect disposes what it created when it runs again.
    let owner = Owner::current().expect("the drive form renders inside an owner");
    Effect::new(move |_| {
        let sites: Vec<SiteId> = state.ledger.with(|l| {
            let mut s: Vec<&Site> = l.sites().collect();
            order::sort_by(&mut s, |a, b| {
                (a.is_fixed_point(), &a.name).cmp(&(b.is_fixed_point(), &b.name))
            });
            s.into_iter().map(|s| s.id.clone()).collect()
        });
        let known: Vec<SiteId> =
            rows.with_untracked(|r| r.iter().map(|r| r.site.get_value()).collect());
        let new: Vec<SiteRow> = owner.with(|| {
            sites
                .into_iter()
                .filter(|s| !known.contains(s))
                .map(|s| SiteRow {
                    site: StoredValue::new(s),
                    chosen: RwSignal::new(false),
                    template: RwSignal::new(DEFAULT_TEMPLATE.to_owned()),
                    overrides: RwSignal::new(String::new()),
                })
                .collect()
        });
        if !new.is_empty() {
            rows.update(|r| r.extend(new));
        }
    });
    let form = FormState::new();
    let clear = move || {
        name.set(String::new());
        campaign.set(String::new());
        for r in rows.get_untracked() {
            r.chosen.set(false);
            r.template.set(DEFAULT_TEMPLATE.to_owned());
            r.overrides.set(String::new());
        }
    };
    // Editing a drive fills the form with it; its campaign stays.
    Effect::new(move |_| {
        let Some(id) = editing.get() else {
            return;
        };
        let Some(drive) = state.ledger.with_untracked(|l| l.drive(&id).cloned()) else {
            return;
        };
        form.tried.set(false);
        form.notice.set(None);
        campaign.set(drive.campaign.to_string());
        name.set(drive.name.clone());
        start.set(drive.start.to_string());
        end.set(drive.end.to_string());
        let closed = state.t().drive_setup().closed_word;
        for r in rows.get_untracked() {
            let site = drive.site(&r.site.get_value());
            r.chosen.set(site.is_some());
            r.template.set(site.map_or_else(
                || DEFAULT_TEMPLATE.to_owned(),
                |s| parse::slots_text(&s.template),
            ));
            r.overrides.set(
                site.map(|s| parse::overrides_text(&s.overrides, closed))
                    .unwrap_or_default(),
            );
        }
        if let Some(el) = document().get_element_by_id("drive-name")
            && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
        {
            let _ = el.focus();
        }
    });
    let check = move || -> Result<(CampaignId, DriveDraft), Errors> {
        let t = t();
        let mut errors = Errors::new();
        let camp = state.ledger.with(|l| {
            let chosen = campaign.get();
            l.campaigns()
                .filter(|c| chosen.is_empty() || c.id.as_str() == chosen)
                .max_by_key(|c| c.year)
                .cloned()
        });
        if camp.is_none() {
            errors.push(("drive-campaign".into(), t.campaign_required.into()));
        }
        if name.get().trim().is_empty() {
            errors.push(("drive-name".into(), t.name_required.into()));
        }
        let first = parse::date(&start.get());
        let last = parse::date(&end.get());
        if first.is_none() {
            errors.push(("drive-start".into(), t.date_invalid.into()));
        }
        if last.is_none() {
            errors.push(("drive-end".into(), t.date_invalid.into()));
        }
        if let (Some(f), Some(l)) = (first, last)
            && l < f
        {
            errors.push(("drive-end".into(), t.end_before_start.into()));
        }
        // The limits said beside the field, before the domain refuses the whole drive.
        let over = |limit: Limit| {
            let lang = state.lang.get();
            lang.error(&DomainError::OverLimit(limit))
        };
        if let (Some(f), Some(l)) = (first, last)
            && Limit::DaysPerDrive
                .check(usize::try_from(l.days_since(f) + 1).unwrap_or(0))
                .is_err()
        {
            errors.push(("drive-end".into(), over(Limit::DaysPerDrive)));
        }
        if Limit::TextChars.check_text(&name.get()).is_err() {
            errors.push(("drive-name".into(), over(Limit::TextChars)));
        }
        if let Some(c) = &camp {
            for (id, d) in [("drive-start", first), ("drive-end", last)] {
                if d.is_some_and(|d| d.year() != c.year) {
                    errors.push((id.into(), (t.outside_year)(c.year)));
                }
            }
        }
        let mut sites = Vec::new();
        for row in rows.get().into_iter().filter(|r| r.chosen.get()) {
            let key = row.site.get_value();
            let template = parse::slots(&row.template.get(), t)
                .map_err(|m| errors.push((format!("tpl-{key}"), m)));
            let overrides = parse::overrides(&row.overrides.get(), first, last, t)
                .map_err(|m| errors.push((format!("ovr-{key}"), m)));
            if let (Ok(template), Ok(overrides)) = (template, overrides) {
                match DriveSite::new(key.clone(), template, overrides) {
                    Ok(s) => sites.push(s),
                    Err(_) => errors.push((format!("tpl-{key}"), t.slots_overlap.into())),
                }
            }
        }
        if rows.with(|r| !r.iter().any(|r| r.chosen.get())) {
            errors.push(("drive-sites".into(), t.sites_required.into()));
        }
        if Limit::SitesPerDrive.check(sites.len()).is_err() {
            errors.push(("drive-sites".into(), over(Limit::SitesPerDrive)));
        }
        match (camp, first, last) {
            (Some(c), Some(first), Some(last)) if errors.is_empty() => Ok((
                c.id.clone(),
                DriveDraft {
                    name: name.with(|n| nfc(n).into_owned()),
                    start: first,
                    end: last,
                    sites,
                },
            )),
            _ => Err(errors),
        }
    };
    let errors = form.errors(check);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submit(check, |(camp, draft)| {
            let tx = state.t();
            let drive_name = draft.name.trim().to_owned();
            let result = match editing.get_untracked() {
                Some(id) => change_setup(state, |l| l.edit_drive(&id, draft, clock::now().stamp)),
                None => {
                    let id = new_id(DriveId::new, tx)?;
                    change_setup(state, |l| {
                        let c = l
                            .campaign(&camp)
                            .cloned()
                            .ok_or(DomainError::UnknownCampaign(camp))?;
                        l.add_drive(Drive::new(id, &c, draft)?, clock::now().stamp)
                    })
                }
            };
            result.map_err(|e| match e {
                ChangeError::Domain(e @ DomainError::PledgesWouldBeOrphaned(_)) => {
                    state.lang.get_untracked().error(&e)
                }
                e => refusal(state.lang.get_untracked(), &e),
            })?;
            let done = if editing.get_untracked().is_some() {
                (tx.drive_setup().drive_saved)(&drive_name)
            } else {
                (tx.drive_setup().drive_added)(&drive_name)
            };
            editing.set(None);
            clear();
            Ok(done)
        });
    };
    let label = move |f: fn(&DriveTexts) -> &'static str| move || f(t());
    let site_name = move |id: &SiteId| {
        state
            .ledger
            .with(|l| l.site(id).map(|s| s.name.clone()).unwrap_or_default())
    };
    let sites_message = Memo::new(move |_| errors.with(|e| message_of(e, "drive-sites")));
    let campaign_message = Memo::new(move |_| errors.with(|e| message_of(e, "drive-campaign")));
    view! {
        <form class="setup-form" on:submit=submit novalidate=true aria-labelledby="drive-new">
            <h3 id="drive-new">
                {move || match editing.get() {
                    Some(id) => {
                        let n = state.ledger.with(|l| l.drive(&id).map(|d| d.name.clone()).unwrap_or_default());
                        (t().edit_heading)(&n)
                    }
                    None => t().new_drive.to_owned(),
                }}
            </h3>
            <div class="field">
                <label for="drive-campaign">{move || t().campaign}</label>
                <select
                    id="drive-campaign"
                    aria-describedby="drive-campaign-msg"
                    disabled=move || editing.get().is_some()
                    on:change=move |ev| campaign.set(event_target_value(&ev))
                >
                    // Newest first, and chosen unless another one is.
                    {move || {
                        let mut list: Vec<(i32, String, String)> = state
                            .ledger
                            .with(|l| l.campaigns().map(|c| (c.year, c.id.to_string(), format!("{} · {}", c.year, c.name))).collect());
                        order::sort_by(&mut list, |a, b| b.cmp(a));
                        let chosen = campaign.get();
                        list.into_iter()
                            .enumerate()
                            .map(|(i, (_, v, words))| {
                                let selected = if chosen.is_empty() { i == 0 } else { v == chosen };
                                view! { <option value=v selected=selected>{words}</option> }
                            })
                            .collect_view()
                    }}
                </select>
                <p class="field-error" id="drive-campaign-msg">{move || campaign_message.get()}</p>
            </div>
            <Field id="drive-name" label=label(|t| t.name) value=name message=message(errors, "drive-name") />
            <div class="field-row">
                <Field id="drive-start" label=label(|t| t.start) value=start message=message(errors, "drive-start") kind="date" />
                <Field id="drive-end" label=label(|t| t.end) value=end message=message(errors, "drive-end") kind="date" />
            </div>
            <fieldset class="drive-sites" aria-describedby="drive-sites-msg">
                <legend>{move || t().drive_sites}</legend>
                {move || {
                    if rows.with(Vec::is_empty) {
                        return view! { <p>{t().add_sites_first}</p> }.into_any();
                    }
                    rows.get()
                        .into_iter()
                        .map(|row| {
                            let key = row.site.get_value();
                            let check_id = format!("site-pick-{key}");
                            let site = site_name(&key);
                            let site_for_template = site.clone();
                            let site_for_overrides = site.clone();
                            view! {
                                <div class="site-pick">
                                    <label class="choice">
                                        <input
                                            type="checkbox"
                                            id=check_id
                                            prop:checked=move || row.chosen.get()
                                            on:change=move |ev| row.chosen.set(event_target_checked(&ev))
                                        />
                                        {site}
                                    </label>
                                    <Show when=move || row.chosen.get()>
                                        <Field
                                            id=format!("tpl-{key}")
                                            label={
                                                let s = site_for_template.clone();
                                                move || (t().template)(&s)
                                            }
                                            hint=move || t().template_hint
                                            value=row.template
                                            message=message(errors, format!("tpl-{key}"))
                                        />
                                        <Field
                                            id=format!("ovr-{key}")
                                            label={
                                                let s = site_for_overrides.clone();
                                                move || (t().overrides)(&s)
                                            }
                                            hint=move || t().overrides_hint
                                            value=row.overrides
                                            message=message(errors, format!("ovr-{key}"))
                                            kind="textarea"
                                        />
                                    </Show>
                                </div>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
                <p class="field-error" id="drive-sites-msg">{move || sites_message.get()}</p>
            </fieldset>
            <div class="actions">
                <button type="submit" class="button">
                    {move || if editing.get().is_some() { t().save_drive } else { t().add_drive }}
                </button>
                <Show when=move || editing.get().is_some()>
                    <button
                        type="button"
                        class="button button-secondary"
                        on:click=move |_| {
                            editing.set(None);
                            form.tried.set(false);
                            clear();
                        }
                    >
                        {move || t().cancel_edit}
                    </button>
                </Show>
            </div>
            <p class="notice" role="status">{move || form.notice.get()}</p>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Lang;

    #[test]
    fn the_default_template_reads_as_four_slots() {
        let t = Lang::Vi.texts().drive_setup();
        assert_eq!(parse::slots(DEFAULT_TEMPLATE, t).map(|s| s.len()), Ok(4));
    }
}

//! The organizer's set-up: campaigns, sites (venues and fixed points with weekly hours) and
//! participating units (one at a time or a pasted list); the drives page (`drives`, a build of
//! its own) shares this module's form pieces.
//!
//! Every form reads its fields on submit into a domain draft; each bad field gets its message
//! beside it, and nothing is saved until all are right. Messages follow the fields as they are
//! corrected.

mod drives;
pub mod parse;

pub use drives::DriveSetupPage;

use leptos::prelude::*;

use super::PageHeading;
use crate::domain::limits::Limit;
use crate::domain::{
    Campaign, CampaignDraft, CampaignId, Date, DomainError, Ledger, Site, SiteId, SiteKind, Unit,
    UnitId, UnitKind, Units, Weekday, WeeklyHours,
};
use crate::share::text::nfc;
use crate::ui::form::Field;
use crate::ui::i18n::{Lang, SetupTexts, Texts};
use crate::ui::ids;
use crate::ui::routes::{Build, Page};
use crate::ui::state::AppState;

/// Field id and message, for each field a form found wrong.
type Errors = Vec<(String, String)>;

/// The message of field `id` among `errors`, if any.
fn message_of(errors: &Option<Errors>, id: &str) -> Option<String> {
    errors
        .as_ref()
        .and_then(|e| e.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone()))
}

/// The message of field `id` once the form was submitted, following the fields.
fn message(errors: Memo<Option<Errors>>, id: impl Into<String>) -> Signal<Option<String>> {
    let id = id.into();
    Signal::derive(move || errors.with(|e| message_of(e, &id)))
}

/// A form's state: whether it was submitted once, and its outcome line.
#[derive(Clone, Copy)]
struct FormState {
    tried: RwSignal<bool>,
    notice: RwSignal<Option<String>>,
}

impl FormState {
    fn new() -> FormState {
        FormState {
            tried: RwSignal::new(false),
            notice: RwSignal::new(None),
        }
    }

    /// The errors of `check`, once the form has been submitted: a memo that follows the fields.
    fn errors<T: 'static>(
        self,
        check: impl Fn() -> Result<T, Errors> + Send + Sync + 'static,
    ) -> Memo<Option<Errors>> {
        Memo::new(move |_| {
            if self.tried.get() {
                check().err()
            } else {
                None
            }
        })
    }

    /// Submits: shows the errors and focuses the first wrong field, or runs `save` on the draft.
    fn submit<T>(
        self,
        check: impl Fn() -> Result<T, Errors>,
        save: impl FnOnce(T) -> Result<String, String>,
    ) {
        self.tried.set(true);
        match check() {
            Ok(draft) => match save(draft) {
                Ok(done) => {
                    self.tried.set(false);
                    self.notice.set(Some(done));
                }
                Err(why) => self.notice.set(Some(why)),
            },
            Err(errors) => {
                self.notice.set(None);
                if let Some((first, _)) = errors.first()
                    && let Some(el) = document().get_element_by_id(first)
                    && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
                {
                    let _ = el.focus();
                }
            }
        }
    }
}

/// The words of a refused change: why (from the table of refusals), and that nothing was saved.
fn refusal(lang: Lang, e: &crate::ui::state::ChangeError) -> String {
    let t = lang.texts();
    match e {
        crate::ui::state::ChangeError::Save(_) => t.storage.change_not_saved.to_owned(),
        crate::ui::state::ChangeError::Domain(d) => {
            format!("{} {}", lang.error(d), t.storage.change_refused)
        }
    }
}

/// Saves a change of the set-up records.
fn change_setup(
    state: AppState,
    change: impl FnOnce(&mut Ledger) -> Result<(), DomainError>,
) -> Result<(), crate::ui::state::ChangeError> {
    state.change(change)
}

/// A new id for a record, or the refusal to show.
fn new_id<T>(make: impl Fn(String) -> Result<T, DomainError>, t: &Texts) -> Result<T, String> {
    make(ids::new_id()).map_err(|_| t.storage.change_refused.to_owned())
}

/// `dd/mm/yyyy`.
fn day_text(lang: Lang, d: Date) -> String {
    lang.date(d.year(), u32::from(d.month()), u32::from(d.day()))
}

/// The set-up page.
#[component]
pub fn SetupPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().setup();
    view! {
        <PageHeading page=Some(Page::Setup) />
        <nav class="card section setup-jump" aria-label=move || t().jump>
            <a href="#setup-campaigns">{move || t().campaigns}</a>
            <a href="#setup-sites">{move || t().sites}</a>
            <a href="#setup-units">{move || t().units}</a>
            <a href=Page::DriveSetup.href() rel=Page::DriveSetup.rel_from(Build::Setup)>
                {move || t().drives}
            </a>
        </nav>
        <CampaignSection />
        <SiteSection />
        <UnitSection />
    }
}

// ----- campaigns -----

#[component]
fn CampaignSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().setup();
    let year = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let baseline = RwSignal::new(String::new());
    let growth = RwSignal::new(String::from("10"));
    let slogans = RwSignal::new(String::new());
    let partner = RwSignal::new(String::new());
    let ml = RwSignal::new(String::from("250"));
    let form = FormState::new();
    let check = move || -> Result<CampaignDraft, Errors> {
        let t = t();
        let mut errors = Errors::new();
        let mut bad = |id: &str, m: &str| errors.push((id.to_owned(), m.to_owned()));
        let y = parse::whole_number(&year.get()).and_then(|y| i32::try_from(y).ok());
        match y {
            Some(y) if !(2000..=2100).contains(&y) => bad("camp-year", t.year_invalid),
            Some(y) if state.ledger.with(|l| l.campaign_of_year(y).is_some()) => {
                bad("camp-year", t.year_taken);
            }
            None => bad("camp-year", t.year_invalid),
            Some(_) => {}
        }
        if name.get().trim().is_empty() {
            bad("camp-name", t.name_required);
        }
        let base = parse::milli_number(&baseline.get());
        match base {
            None => bad("camp-baseline", t.number_invalid),
            Some(b) if b < 0 => bad("camp-baseline", t.not_negative),
            Some(b) if b > Limit::BloodUnits.max() * 1000 => bad("camp-baseline", t.too_large),
            Some(_) => {}
        }
        let growth_bp = parse::milli_number(&growth.get()).map(|m| m / 10);
        if !growth_bp.is_some_and(|g| (-10_000..=100_000).contains(&g)) {
            bad("camp-growth", t.growth_invalid);
        }
        let ml_per_unit = parse::whole_number(&ml.get()).and_then(|m| u16::try_from(m).ok());
        if !ml_per_unit.is_some_and(|m| (100..=1000).contains(&m)) {
            bad("camp-ml", t.ml_invalid);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CampaignDraft {
            year: y.unwrap_or_default(),
            name: name.with(|n| nfc(n).into_owned()),
            baseline: Units::from_milli(base.unwrap_or_default()),
            growth_bp: i32::try_from(growth_bp.unwrap_or_default()).unwrap_or_default(),
            slogans: slogans.with(|s| nfc(s).lines().map(str::to_owned).collect()),
            partner: partner.with(|p| nfc(p).into_owned()),
            ml_per_unit,
            notes: String::new(),
        })
    };
    let errors = form.errors(check);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submit(check, |draft| {
            let tx = state.t();
            let id = new_id(CampaignId::new, tx)?;
            let campaign =
                Campaign::new(id, draft).map_err(|_| tx.storage.change_refused.to_owned())?;
            let target = state.lang.get_untracked().number(campaign.target());
            let done = (tx.setup().campaign_added)(&campaign.name, &target);
            change_setup(state, |l| {
                l.add_campaign(campaign, crate::ui::clock::now().stamp)
            })
            .map_err(|e| refusal(state.lang.get_untracked(), &e))?;
            for s in [year, name, baseline, slogans, partner] {
                s.set(String::new());
            }
            Ok(done)
        });
    };
    let label = move |f: fn(&SetupTexts) -> &'static str| move || f(t());
    view! {
        <section class="card section" aria-labelledby="setup-campaigns">
            <h2 id="setup-campaigns">{move || t().campaigns}</h2>
            {move || {
                let lang = state.lang.get();
                let rows = state
                    .ledger
                    .with(|l| {
                        l.campaigns()
                            .map(|c| {
                                let drives = l.drives().filter(|d| d.campaign == c.id).count();
                                (c.year, c.name.clone(), lang.number(c.target()), drives)
                            })
                            .collect::<Vec<_>>()
                    });
                if rows.is_empty() {
                    view! { <p>{t().no_campaigns}</p> }.into_any()
                } else {
                    view! {
                        <table class="setup-table">
                            <thead>
                                <tr>
                                    <th scope="col">{t().year}</th>
                                    <th scope="col">{t().name}</th>
                                    <th scope="col">{t().target}</th>
                                    <th scope="col">{t().drives}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|(y, n, target, drives)| {
                                        view! {
                                            <tr>
                                                <td>{y}</td>
                                                <td>{n}</td>
                                                <td>{target}</td>
                                                <td>{drives}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any()
                }
            }}
            <form class="setup-form" on:submit=submit novalidate=true aria-labelledby="camp-new">
                <h3 id="camp-new">{move || t().new_campaign}</h3>
                <div class="field-row">
                    <Field id="camp-year" label=label(|t| t.year) value=year message=message(errors, "camp-year") inputmode="numeric" />
                    <Field id="camp-name" label=label(|t| t.name) value=name message=message(errors, "camp-name") />
                </div>
                <div class="field-row">
                    <Field
                        id="camp-baseline"
                        label=label(|t| t.baseline)
                        hint=move || t().baseline_hint
                        value=baseline
                        message=message(errors, "camp-baseline")
                        inputmode="decimal"
                    />
                    <Field id="camp-growth" label=label(|t| t.growth) value=growth message=message(errors, "camp-growth") inputmode="decimal" />
                    <Field id="camp-ml" label=label(|t| t.ml_per_unit) value=ml message=message(errors, "camp-ml") inputmode="numeric" />
                </div>
                <Field
                    id="camp-slogans"
                    label=label(|t| t.slogans)
                    hint=move || t().slogans_hint
                    value=slogans
                    message=message(errors, "camp-slogans")
                    kind="textarea"
                />
                <Field id="camp-partner" label=label(|t| t.partner) value=partner message=message(errors, "camp-partner") />
                <div class="actions">
                    <button type="submit" class="button">{move || t().add_campaign}</button>
                </div>
                <p class="notice" role="status">{move || form.notice.get()}</p>
            </form>
        </section>
    }
}

// ----- sites -----

#[component]
fn SiteSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().setup();
    let name = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let district = RwSignal::new(String::new());
    let fixed = RwSignal::new(false);
    let week: [RwSignal<String>; 7] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let minutes = RwSignal::new(String::from("30"));
    let capacity = RwSignal::new(String::from("10"));
    let form = FormState::new();
    let check = move || -> Result<(String, String, String, SiteKind), Errors> {
        let t = t();
        let mut errors = Errors::new();
        if name.get().trim().is_empty() {
            errors.push(("site-name".into(), t.name_required.into()));
        }
        let kind = if fixed.get() {
            let mut entries = Vec::new();
            for (i, day) in week.iter().enumerate() {
                match parse::hours(&day.get(), t) {
                    Ok(list) => entries.extend(list.into_iter().map(|iv| (Weekday::ALL[i], iv))),
                    Err(m) => errors.push((format!("site-day-{i}"), m)),
                }
            }
            if entries.is_empty() && errors.iter().all(|(f, _)| !f.starts_with("site-day")) {
                errors.push(("site-day-0".into(), t.hours_required.into()));
            }
            let slot_minutes = parse::whole_number(&minutes.get())
                .and_then(|m| u16::try_from(m).ok())
                .filter(|m| (10..=240).contains(m));
            if slot_minutes.is_none() {
                errors.push(("site-minutes".into(), t.slot_minutes_invalid.into()));
            }
            let cap = parse::whole_number(&capacity.get());
            let capacity_per_slot = cap.and_then(|c| u16::try_from(c).ok()).filter(|c| *c > 0);
            if capacity_per_slot.is_none() {
                errors.push(("site-capacity".into(), t.capacity_not_positive.into()));
            }
            match (WeeklyHours::new(entries), slot_minutes, capacity_per_slot) {
                (Ok(hours), Some(slot_minutes), Some(capacity_per_slot)) => SiteKind::FixedPoint {
                    hours,
                    slot_minutes,
                    capacity_per_slot,
                },
                _ => SiteKind::Venue,
            }
        } else {
            SiteKind::Venue
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let composed = |s: RwSignal<String>| s.with(|s| nfc(s).into_owned());
        Ok((composed(name), composed(address), composed(district), kind))
    };
    let errors = form.errors(check);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submit(check, |(n, a, d, kind)| {
            let tx = state.t();
            let id = new_id(SiteId::new, tx)?;
            let site = Site::new(id, &n, &a, &d, kind)
                .map_err(|_| tx.storage.change_refused.to_owned())?;
            let done = (tx.setup().site_added)(&site.name);
            change_setup(state, |l| l.add_site(site, crate::ui::clock::now().stamp))
                .map_err(|e| refusal(state.lang.get_untracked(), &e))?;
            for s in [name, address, district] {
                s.set(String::new());
            }
            for d in week {
                d.set(String::new());
            }
            Ok(done)
        });
    };
    let label = move |f: fn(&SetupTexts) -> &'static str| move || f(t());
    view! {
        <section class="card section" aria-labelledby="setup-sites">
            <h2 id="setup-sites">{move || t().sites}</h2>
            {move || {
                let rows = state
                    .ledger
                    .with(|l| {
                        let mut v: Vec<(String, String, bool)> = l
                            .sites()
                            .map(|s| {
                                let place = [s.address.as_str(), s.district.as_str()]
                                    .into_iter()
                                    .filter(|x| !x.is_empty())
                                    .collect::<Vec<_>>()
                                    .join(", ");
                                (s.name.clone(), place, s.is_fixed_point())
                            })
                            .collect();
                        crate::domain::order::sort_by(&mut v, Ord::cmp);
                        v
                    });
                if rows.is_empty() {
                    view! { <p>{t().no_sites}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain-list setup-list">
                            {rows
                                .into_iter()
                                .map(|(n, place, is_fixed)| {
                                    view! {
                                        <li>
                                            <strong>{n}</strong>
                                            " · "
                                            {move || if is_fixed { t().fixed_point } else { t().venue }}
                                            <br />
                                            <span class="hint">{place}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
            <form class="setup-form" on:submit=submit novalidate=true aria-labelledby="site-new">
                <h3 id="site-new">{move || t().new_site}</h3>
                <Field id="site-name" label=label(|t| t.name) value=name message=message(errors, "site-name") />
                <div class="field-row">
                    <Field id="site-address" label=label(|t| t.address) value=address message=message(errors, "site-address") />
                    <Field id="site-district" label=label(|t| t.district) value=district message=message(errors, "site-district") />
                </div>
                <div class="field">
                    <label class="choice">
                        <input
                            type="checkbox"
                            id="site-fixed"
                            prop:checked=move || fixed.get()
                            on:change=move |ev| fixed.set(event_target_checked(&ev))
                        />
                        {move || t().is_fixed_point}
                    </label>
                </div>
                <Show when=move || fixed.get()>
                    <fieldset class="week-hours">
                        <legend>{move || t().hours}</legend>
                        <p class="hint">{move || t().hours_hint}</p>
                        {week
                            .into_iter()
                            .enumerate()
                            .map(|(i, day)| {
                                view! {
                                    <Field
                                        id=format!("site-day-{i}")
                                        label=move || {
                                            state.t().volunteer.weekdays[i].to_owned()
                                        }
                                        value=day
                                        message=message(errors, format!("site-day-{i}"))
                                    />
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    <div class="field-row">
                        <Field id="site-minutes" label=label(|t| t.slot_minutes) value=minutes message=message(errors, "site-minutes") inputmode="numeric" />
                        <Field id="site-capacity" label=label(|t| t.capacity_per_slot) value=capacity message=message(errors, "site-capacity") inputmode="numeric" />
                    </div>
                </Show>
                <div class="actions">
                    <button type="submit" class="button">{move || t().add_site}</button>
                </div>
                <p class="notice" role="status">{move || form.notice.get()}</p>
            </form>
        </section>
    }
}

// ----- units -----

#[component]
fn UnitSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().setup();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(String::from("3"));
    let quota = RwSignal::new(String::new());
    let form = FormState::new();
    let taken = move || {
        state
            .ledger
            .with(|l| l.units().map(|u| u.name.clone()).collect::<Vec<_>>())
    };
    let check = move || -> Result<(String, UnitKind, Option<Units>), Errors> {
        let t = t();
        let mut errors = Errors::new();
        let n = name.with(|n| nfc(n).into_owned());
        let lower = n.trim().to_lowercase();
        if lower.is_empty() {
            errors.push(("unit-name".into(), t.name_required.into()));
        } else if taken().iter().any(|x| x.to_lowercase() == lower) {
            errors.push(("unit-name".into(), t.unit_exists.into()));
        }
        let q = quota.get();
        let q = if q.trim().is_empty() {
            None
        } else {
            match parse::milli_number(&q) {
                Some(m) if m > Limit::BloodUnits.max() * 1000 => {
                    errors.push(("unit-quota".into(), t.too_large.into()));
                    None
                }
                Some(m) if m > 0 => Some(Units::from_milli(m)),
                Some(_) => {
                    errors.push(("unit-quota".into(), t.quota_not_positive.into()));
                    None
                }
                None => {
                    errors.push(("unit-quota".into(), t.number_invalid.into()));
                    None
                }
            }
        };
        let k = kind
            .get()
            .parse::<usize>()
            .ok()
            .and_then(|i| UnitKind::ALL.get(i).copied())
            .unwrap_or(UnitKind::Other);
        if errors.is_empty() {
            Ok((n, k, q))
        } else {
            Err(errors)
        }
    };
    let errors = form.errors(check);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submit(check, |(n, k, q)| {
            let tx = state.t();
            let id = new_id(UnitId::new, tx)?;
            let unit = Unit::new(id, &n, k, q).map_err(|_| tx.storage.change_refused.to_owned())?;
            let done = (tx.setup().units_added)(1);
            change_setup(state, |l| l.add_unit(unit, crate::ui::clock::now().stamp))
                .map_err(|e| refusal(state.lang.get_untracked(), &e))?;
            name.set(String::new());
            quota.set(String::new());
            Ok(done)
        });
    };
    let label = move |f: fn(&SetupTexts) -> &'static str| move || f(t());
    view! {
        <section class="card section" aria-labelledby="setup-units">
            <h2 id="setup-units">{move || t().units}</h2>
            {move || {
                let lang = state.lang.get();
                let tx = state.t();
                let mut rows: Vec<(String, &'static str, String)> = state
                    .ledger
                    .with(|l| {
                        l.units()
                            .map(|u| {
                                let i = UnitKind::ALL.iter().position(|k| *k == u.kind).unwrap_or(3);
                                (
                                    u.name.clone(),
                                    tx.dashboard().unit_kinds[i],
                                    u.quota.map(|q| lang.units(q)).unwrap_or_default(),
                                )
                            })
                            .collect()
                    });
                crate::domain::order::sort_by(&mut rows, Ord::cmp);
                if rows.is_empty() {
                    view! { <p>{tx.setup().no_units}</p> }.into_any()
                } else {
                    let n = rows.len();
                    view! {
                        <details class="unit-table">
                            <summary>{(tx.setup().units_count)(n)}</summary>
                        <table class="setup-table">
                            <thead>
                                <tr>
                                    <th scope="col">{tx.setup().name}</th>
                                    <th scope="col">{tx.setup().unit_kind}</th>
                                    <th scope="col">{tx.setup().quota}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|(n, k, q)| view! { <tr><td>{n}</td><td>{k}</td><td>{q}</td></tr> })
                                    .collect_view()}
                            </tbody>
                        </table>
                        </details>
                    }
                        .into_any()
                }
            }}
            <form class="setup-form" on:submit=submit novalidate=true aria-labelledby="unit-new">
                <h3 id="unit-new">{move || t().new_unit}</h3>
                <div class="field-row">
                    <Field id="unit-name" label=label(|t| t.name) value=name message=message(errors, "unit-name") />
                    <div class="field">
                        <label for="unit-kind">{move || t().unit_kind}</label>
                        <select
                            id="unit-kind"
                            prop:value=move || kind.get()
                            on:change=move |ev| kind.set(event_target_value(&ev))
                        >
                            {(0..UnitKind::ALL.len())
                                .map(|i| {
                                    view! {
                                        <option value=i.to_string()>
                                            {move || state.t().dashboard().unit_kinds[i]}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <Field
                        id="unit-quota"
                        label=label(|t| t.quota)
                        hint=move || t().quota_hint
                        value=quota
                        message=message(errors, "unit-quota")
                        inputmode="decimal"
                    />
                </div>
                <div class="actions">
                    <button type="submit" class="button">{move || t().add_unit}</button>
                </div>
                <p class="notice" role="status">{move || form.notice.get()}</p>
            </form>
            <UnitPaste />
        </section>
    }
}

/// Many units at once from a pasted list: each row checked, the bad ones listed with their row
/// number, and only the good ones added, on confirmation.
#[component]
fn UnitPaste() -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().setup();
    let text = RwSignal::new(String::new());
    let notice = RwSignal::new(None::<String>);
    let read = Memo::new(move |_| {
        let taken: Vec<String> = state
            .ledger
            .with(|l| l.units().map(|u| u.name.clone()).collect());
        text.with(|s| parse::unit_rows(&nfc(s), &taken, t()))
    });
    let add = move |_| {
        let tx = state.t();
        let (good, _) = read.get_untracked();
        if good.is_empty() {
            return;
        }
        let mut units = Vec::new();
        for row in &good {
            let Ok(unit) = new_id(UnitId::new, tx).and_then(|id| {
                Unit::new(id, &row.name, row.kind, row.quota).map_err(|_| String::new())
            }) else {
                notice.set(Some(tx.storage.change_refused.to_owned()));
                return;
            };
            units.push(unit);
        }
        let n = units.len();
        match change_setup(state, |l| {
            units
                .into_iter()
                .try_for_each(|u| l.add_unit(u, crate::ui::clock::now().stamp))
        }) {
            Ok(()) => {
                notice.set(Some((tx.setup().units_added)(n)));
                text.set(String::new());
            }
            Err(e) => notice.set(Some(refusal(state.lang.get_untracked(), &e))),
        }
    };
    view! {
        <div class="setup-form unit-paste">
            <h3 id="unit-paste">{move || t().paste_heading}</h3>
            <div class="field">
                <label for="unit-paste-text">{move || t().paste_label}</label>
                <p class="hint" id="unit-paste-hint">{move || t().paste_hint}</p>
                <textarea
                    id="unit-paste-text"
                    rows="5"
                    aria-describedby="unit-paste-hint unit-paste-read"
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        notice.set(None);
                        text.set(event_target_value(&ev));
                    }
                ></textarea>
            </div>
            <div id="unit-paste-read" aria-live="polite">
                {move || {
                    let (good, bad) = read.get();
                    if good.is_empty() && bad.is_empty() {
                        return ().into_any();
                    }
                    let tx = state.t();
                    view! {
                        <p>{(tx.setup().paste_summary)(good.len(), bad.len())}</p>
                        <ul class="plain-list paste-errors">
                            {bad
                                .into_iter()
                                .map(|(row, m)| view! { <li class="field-error">{(tx.setup().row_error)(row, &m)}</li> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    id="unit-paste-add"
                    disabled=move || read.with(|(g, _)| g.is_empty())
                    on:click=add
                >
                    {move || (t().paste_add)(read.with(|(g, _)| g.len()))}
                </button>
            </div>
            <p class="notice" role="status">{move || notice.get()}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_message_is_found_by_its_field() {
        let errors = Some(vec![
            ("a".to_owned(), "first".to_owned()),
            ("b".to_owned(), "second".to_owned()),
        ]);
        assert_eq!(message_of(&errors, "b").as_deref(), Some("second"));
        assert_eq!(message_of(&errors, "c"), None);
        assert_eq!(message_of(&None, "a"), None);
        assert_eq!(crate::ui::form::message_id("camp-year"), "camp-year-msg");
    }
}

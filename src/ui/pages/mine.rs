//! The pledges made on this device: upcoming first, each with its slip code; cancel (after a
//! confirmation) or move to another free slot; then the earlier ones, and for each donor the
//! donations on record and the next day each donation type is allowed.

use leptos::prelude::*;

use crate::domain::order;

use super::PageHeading;
use super::pledge::{SlipQr, slip_link};
use crate::domain::eligibility::{Facts, RuleSet, assess};
use crate::domain::{
    Date, DonationType, DonorId, Ledger, Pledge, PledgeId, PledgeStatus, SlotRef, TimeOfDay,
};
use crate::share::link::human_code;
use crate::ui::clock;
use crate::ui::format::{day_label, place_label, status_text};
use crate::ui::outbox::SendStatus;
use crate::ui::routes::{Build, Page};
use crate::ui::slot_picker::SlotPicker;
use crate::ui::state::{AppState, ChangeError};

/// A pledge is still to come: held and on a day not past.
fn is_upcoming(p: &Pledge, today: Date) -> bool {
    p.slot.date >= today
        && matches!(
            p.status,
            PledgeStatus::Pledged | PledgeStatus::CheckedIn { .. }
        )
}

/// The pledges of `mine` that the ledger knows: upcoming soonest first, then the others latest
/// first.
pub fn my_pledges(ledger: &Ledger, mine: &[PledgeId], today: Date) -> (Vec<Pledge>, Vec<Pledge>) {
    let (mut upcoming, mut earlier): (Vec<Pledge>, Vec<Pledge>) = mine
        .iter()
        .filter_map(|id| ledger.pledge_by_id(id).cloned())
        .partition(|p| is_upcoming(p, today));
    order::sort_by_key(&mut upcoming, |p| (p.slot.date, p.slot.start));
    order::sort_by_key(&mut earlier, |p| {
        std::cmp::Reverse((p.slot.date, p.slot.start))
    });
    (upcoming, earlier)
}

/// The my-pledges page.
#[component]
pub fn MyPledgesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    crate::ui::outbox::watch();
    let today = clock::today();
    let lists = Memo::new(move |_| {
        let mine = state.mine.get();
        state.ledger.with(|l| my_pledges(l, &mine, today))
    });
    // The donors of these pledges, in the order first pledged.
    let donors = Memo::new(move |_| {
        let (upcoming, earlier) = lists.get();
        let mut ids: Vec<DonorId> = Vec::new();
        for p in upcoming.iter().chain(&earlier) {
            if !ids.contains(&p.donor) {
                ids.push(p.donor.clone());
            }
        }
        ids
    });
    let notice = RwSignal::new(None::<&'static str>);
    let t = move || state.t();
    view! {
        <PageHeading page=Some(Page::MyPledges) />
        <p class="feedback" role="status">{move || notice.get()}</p>
        {move || {
            let (upcoming, earlier) = lists.get();
            if upcoming.is_empty() && earlier.is_empty() {
                return view! {
                    <section class="card section">
                        <p>{t().volunteer.mine_empty}</p>
                        <p>
                            <a href=Page::Pledge.href() class="button" rel=Page::Pledge.rel_from(Build::Mine)>
                                {t().volunteer.pledge_now}
                            </a>
                        </p>
                    </section>
                }
                    .into_any();
            }
            view! {
                <section class="section" aria-labelledby="mine-upcoming">
                    <h2 id="mine-upcoming">{t().volunteer.upcoming}</h2>
                    {if upcoming.is_empty() {
                        view! {
                            <p>
                                <a href=Page::Pledge.href() rel=Page::Pledge.rel_from(Build::Mine)>
                                    {t().volunteer.pledge_now}
                                </a>
                            </p>
                        }
                            .into_any()
                    } else {
                        upcoming
                            .into_iter()
                            .map(|p| view! { <PledgeCard pledge=p notice /> })
                            .collect_view()
                            .into_any()
                    }}
                </section>
                <Show when=move || !earlier.is_empty()>
                    <section class="section" aria-labelledby="mine-earlier">
                        <h2 id="mine-earlier">{t().volunteer.earlier}</h2>
                        {lists
                            .get()
                            .1
                            .into_iter()
                            .map(|p| view! { <PledgeCard pledge=p notice /> })
                            .collect_view()}
                    </section>
                </Show>
            }
                .into_any()
        }}
        {move || {
            donors.get().into_iter().map(|id| view! { <NextDonation donor=id /> }).collect_view()
        }}
    }
}

/// One pledge: when, where, what, its state and code; while held, cancel and reschedule.
#[component]
fn PledgeCard(pledge: Pledge, notice: RwSignal<Option<&'static str>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = clock::today();
    let t = move || state.t();
    let id = pledge.id.clone();
    let code = human_code(&pledge.id);
    let heading_id = format!("pledge-{}", pledge.id);
    let labelled_by = heading_id.clone();
    let movable = pledge.status == PledgeStatus::Pledged && pledge.slot.date >= today;
    let confirming = RwSignal::new(false);
    let moving = RwSignal::new(false);
    // The reschedule form's choices start on the pledge's own place and day (moving to
    // another time the same day is the usual change); a day no longer open falls back to the
    // first open one.
    let place = RwSignal::new(Some(pledge.slot.place.clone()));
    let day = RwSignal::new(Some(pledge.slot.date));
    let time = RwSignal::new(None::<TimeOfDay>);
    let move_error = RwSignal::new(None::<String>);
    let cancel_error = RwSignal::new(None::<&'static str>);
    // Callbacks are Copy, so the nested views below can each hold them.
    let cancel = {
        let id = id.clone();
        Callback::new(move |()| {
            let now = clock::now();
            let result =
                state.change(|l| l.cancel(&id, t().volunteer.cancelled_by_donor, now.stamp));
            match result {
                Ok(()) => notice.set(Some(t().volunteer.status_cancelled)),
                Err(_) => cancel_error.set(Some(t().volunteer.not_saved)),
            }
        })
    };
    let save_move = {
        let id = id.clone();
        Callback::new(move |()| {
            let (Some(place), Some(date), Some(start)) = (place.get(), day.get(), time.get())
            else {
                move_error.set(Some(t().volunteer.slot_required.to_owned()));
                return;
            };
            let slot = SlotRef { place, date, start };
            let now = clock::now();
            let result = state.change(|l| l.reschedule(&id, slot, &RuleSet::vietnam(), now));
            let v = &t().volunteer;
            match result {
                Ok(()) => notice.set(Some(v.rescheduled)),
                Err(ChangeError::Domain(e)) => move_error.set(Some(t().lang.error(&e))),
                Err(ChangeError::Save(_)) => move_error.set(Some(v.not_saved.to_owned())),
            }
        })
    };
    let when = {
        let slot = pledge.slot.clone();
        move || {
            let range = state
                .ledger
                .with(|l| l.slot_spec(&slot).ok())
                .map(|s| format!(" {}–{}", s.start, s.end))
                .unwrap_or_default();
            format!("{}{range}", day_label(state.lang.get(), slot.date))
        }
    };
    let place_now = pledge.slot.place.clone();
    let donor = pledge.donor.clone();
    let status = pledge.status.clone();
    let (kind, volume) = (pledge.donation, pledge.volume_ml);
    // While held, the slip's QR code in the open: the desk scans it at arrival.
    let qr = movable
        .then(|| state.ledger.with_untracked(|l| slip_link(l, &id)))
        .flatten()
        .map(|link| view! { <SlipQr link=link code=code.clone() /> });
    view! {
        <article class="card pledge-card" aria-labelledby=labelled_by>
            <h3 id=heading_id>{when}</h3>
            <p>{move || state.ledger.with(|l| place_label(l, &place_now, t()))}</p>
            <p>
                {move || {
                    let name = state
                        .ledger
                        .with(|l| l.donor(&donor).map(|d| d.full_name.clone()))
                        .unwrap_or_default();
                    format!("{name} · {} · {volume} ml", t().volunteer.donation(kind))
                }}
            </p>
            <p class="pledge-meta">
                <span class="pledge-status">
                    {move || status_text(t(), state.lang.get(), &status)}
                </span>
                " · " {move || t().volunteer.slip_code} " " <strong class="pledge-code">{code}</strong>
            </p>
            {qr}
            <SendStatus pledge=id.clone() />
            <Show when=move || movable>
                <Show
                    when=move || confirming.get()
                    fallback=move || {
                        view! {
                            <Show when=move || !moving.get()>
                                <div class="actions">
                                    <button
                                        type="button"
                                        class="button button-secondary"
                                        on:click=move |_| {
                                            move_error.set(None);
                                            moving.set(true);
                                        }
                                    >
                                        {move || t().volunteer.reschedule}
                                    </button>
                                    <button
                                        type="button"
                                        class="button button-secondary"
                                        on:click=move |_| confirming.set(true)
                                    >
                                        {move || t().volunteer.cancel}
                                    </button>
                                </div>
                            </Show>
                        }
                    }
                >
                    <div class="confirm" role="group" aria-label=move || t().volunteer.cancel>
                        <p>{move || t().volunteer.cancel_confirm}</p>
                        <div class="actions">
                            <button type="button" class="button button-danger" on:click=move |_| cancel.run(())>
                                {move || t().volunteer.cancel_yes}
                            </button>
                            <button
                                type="button"
                                class="button button-secondary"
                                on:click=move |_| confirming.set(false)
                            >
                                {move || t().volunteer.cancel_no}
                            </button>
                        </div>
                        <p class="field-error" role="alert">{move || cancel_error.get()}</p>
                    </div>
                </Show>
                <Show when=move || moving.get()>
                    <div class="move-form">
                        <SlotPicker
                            id_prefix="move"
                            place
                            day
                            time
                            day_error=Signal::stored(None::<String>)
                            slot_error=move_error
                        />
                        <div class="actions">
                            <button type="button" class="button" on:click=move |_| save_move.run(())>
                                {move || t().volunteer.reschedule_save}
                            </button>
                            <button
                                type="button"
                                class="button button-secondary"
                                on:click=move |_| moving.set(false)
                            >
                                {move || t().volunteer.reschedule_back}
                            </button>
                        </div>
                    </div>
                </Show>
            </Show>
        </article>
    }
}

/// A donor's donations on record and, per donation type, the first day it is allowed.
#[component]
fn NextDonation(donor: DonorId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = clock::today();
    move || {
        let t = state.t();
        let lang = state.lang.get();
        let date = |d: Date| lang.date(d.year(), u32::from(d.month()), u32::from(d.day()));
        state.ledger.with(|l| {
            let d = l.donor(&donor)?;
            let answer = assess(&RuleSet::vietnam(), &Facts::of_donor(d), today);
            let lines = DonationType::ALL
                .iter()
                .filter_map(|kind| {
                    let next = answer.get(*kind).next_eligible?;
                    let name = t.volunteer.donation(*kind);
                    Some(if next <= today {
                        (t.volunteer.next_now)(name)
                    } else {
                        (t.volunteer.next_from)(name, &date(next))
                    })
                })
                .map(|line| view! { <li>{line}</li> })
                .collect_view();
            let mut history = d.history.clone();
            order::sort_by_key(&mut history, |h| std::cmp::Reverse(h.date));
            let given = history
                .into_iter()
                .map(|h| {
                    view! {
                        <li>
                            {format!(
                                "{} · {} · {} ml",
                                date(h.date),
                                t.volunteer.donation(h.kind),
                                h.volume_ml,
                            )}
                        </li>
                    }
                })
                .collect_view();
            let heading = format!("{} · {}", t.volunteer.next_heading, d.full_name);
            // Not named `id`: a String local called `id` used as an attribute value here was
            // silently left out of the DOM (Leptos 0.8.17), taking the region its name.
            let heading_id = format!("next-{donor}");
            let labelled_by = heading_id.clone();
            Some(view! {
                <section class="card section next-donation" aria-labelledby=labelled_by>
                    <h2 id=heading_id>{heading}</h2>
                    <ul class="plain-list">{lines}</ul>
                    <ul class="plain-list past-donations">{given}</ul>
                </section>
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample;

    #[test]
    fn upcoming_pledges_come_first_soonest_first_and_the_rest_latest_first() {
        let ledger = sample::sample_ledger();
        let mut all: Vec<&Pledge> = ledger.pledges().collect();
        order::sort_by_key(&mut all, |p| (p.slot.date, p.slot.start));
        let today = all[all.len() / 2].slot.date;
        let mine: Vec<PledgeId> = all.iter().step_by(97).map(|p| p.id.clone()).collect();
        let (upcoming, earlier) = my_pledges(&ledger, &mine, today);
        assert_eq!(upcoming.len() + earlier.len(), mine.len());
        assert!(upcoming.iter().all(|p| is_upcoming(p, today)));
        assert!(earlier.iter().all(|p| !is_upcoming(p, today)));
        assert!(
            upcoming
                .windows(2)
                .all(|w| w[0].slot.date <= w[1].slot.date)
        );
        assert!(earlier.windows(2).all(|w| w[0].slot.date >= w[1].slot.date));
    }
}

//! Where and when volunteers can give: the campaign's progress for the home page, and the
//! finder (filters, a month calendar and the list of places open in the next 30 days, each
//! with its places left and a way to pledge there).

use leptos::prelude::*;

use super::PageHeading;
use crate::domain::schedule::{Opening, openings};
use crate::domain::{Date, days_in_month, targets};
use crate::share::scan::{CodeKind, claimed, fragment_of};
use crate::ui::format::{day_label, place_key, place_label};
use crate::ui::routes::{Build, Page};
use crate::ui::scanner::{ScanButton, ScanKind, not_wanted};
use crate::ui::slot_picker::BOOKING_WINDOW_DAYS;
use crate::ui::state::AppState;
use crate::ui::widgets::FilterSelect;
use crate::ui::{Later, clock};

/// The places open from today to the end of the booking window, kept in step with the ledger.
fn use_openings() -> Memo<Vec<Opening>> {
    let state = expect_context::<AppState>();
    let now = clock::now();
    Memo::new(move |_| {
        state
            .ledger
            .with(|l| openings(l, now, now.date.add_days(BOOKING_WINDOW_DAYS)))
    })
}

/// The link that opens the pledge form on this place and day.
fn pledge_href(o: &Opening) -> String {
    format!(
        "{}?place={}&day={}",
        Page::Pledge.href(),
        place_key(&o.place),
        o.date
    )
}

/// This year's campaign: its slogan and units collected against the target, with the pace.
#[component]
pub fn CampaignCard() -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = clock::today();
    let progress = Memo::new(move |_| {
        state.ledger.with(|l| {
            let c = l.campaign_of_year(today.year())?;
            let p = targets::progress(l, &c.id, today).ok()?;
            Some((c.name.clone(), c.slogans.first().cloned(), p))
        })
    });
    move || {
        let t = state.t().finder();
        let lang = state.lang.get();
        let Some((name, slogan, p)) = progress.get() else {
            return view! { <p class="card section">{t.no_campaign}</p> }.into_any();
        };
        if p.target <= 0 {
            // A campaign known here only from a shared drive: no target on this device, so no
            // progress to show (the organizers' devices have it).
            return view! {
                <section class="card section campaign" aria-labelledby="campaign-name">
                    <h2 id="campaign-name">{name}</h2>
                    {slogan.map(|s| view! { <p class="slogan">{s}</p> })}
                </section>
            }
            .into_any();
        }
        let target = crate::domain::Units::whole(p.target);
        let permille = (p.donated.milli() / p.target.max(1)).clamp(0, 1000);
        let pace = if p.days_left == 0 {
            t.year_over.to_owned()
        } else {
            let per_day = p
                .required_per_day
                .map(|u| lang.units(u))
                .unwrap_or_default();
            let gap = if p.is_behind() {
                (t.behind)(&lang.units(p.behind_by()))
            } else {
                (t.ahead)(&lang.units(p.ahead_by))
            };
            format!("{} {gap}", (t.days_left)(p.days_left, &per_day))
        };
        view! {
            <section class="card section campaign" aria-labelledby="campaign-name">
                <h2 id="campaign-name">{name}</h2>
                {slogan.map(|s| view! { <p class="slogan">{s}</p> })}
                <p class="campaign-figures">
                    <strong>{(t.units_of)(&lang.units(p.donated), &lang.units(target))}</strong>
                    " · "
                    <span>{lang.percent(u32::try_from(permille).unwrap_or(0))}</span>
                </p>
                <progress
                    class="campaign-bar"
                    aria-label=t.progress_label
                    max="1000"
                    value=permille.to_string()
                ></progress>
                <p class="campaign-pace">{pace}</p>
            </section>
        }
        .into_any()
    }
}

/// The next places open for pledges, for the home page.
#[component]
pub fn ComingUp() -> impl IntoView {
    let state = expect_context::<AppState>();
    let all = use_openings();
    let first = Signal::derive(move || all.with(|a| a.iter().take(5).cloned().collect()));
    view! {
        <section class="card section" aria-labelledby="coming-up">
            <h2 id="coming-up">{move || state.t().finder().coming_up}</h2>
            <OpeningList items=first />
            <p>
                <a href=Page::Drives.href()>{move || state.t().finder().see_all}</a>
            </p>
        </section>
    }
}

/// Places and days, each with its places left and a link to pledge there (none when full).
#[component]
fn OpeningList(#[prop(into)] items: Signal<Vec<Opening>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let t = state.t();
        let lang = state.lang.get();
        let items = items.get();
        if items.is_empty() {
            return view! { <p>{t.finder().nothing_open}</p> }.into_any();
        }
        // One group per day, the places under it.
        let mut days: Vec<(Date, Vec<&Opening>)> = Vec::new();
        for o in &items {
            match days.last_mut() {
                Some((d, group)) if *d == o.date => group.push(o),
                _ => days.push((o.date, vec![o])),
            }
        }
        let groups = state.ledger.with(|l| {
            days.into_iter()
                .map(|(date, group)| {
                    let rows = group
                        .into_iter()
                        .map(|o| {
                            let district = l
                                .site(o.place.site())
                                .map(|s| s.district.clone())
                                .unwrap_or_default();
                            let full = o.is_full();
                            let room = if full {
                                t.finder().full.to_owned()
                            } else {
                                (t.finder().places_left)(
                                    &lang.number(i64::from(o.free)),
                                    &lang.number(i64::from(o.capacity)),
                                )
                            };
                            let href = pledge_href(o);
                            view! {
                                <li class="opening" class:full=full>
                                    <span class="opening-place">{place_label(l, &o.place, t)}</span>
                                    <span class="opening-district">{district}</span>
                                    <span class="opening-room">{room}</span>
                                    {(!full)
                                        .then(|| {
                                            view! {
                                                <a href=href class="button button-small" rel=Page::Pledge.rel_from(Build::Volunteer)>
                                                    {t.finder().pledge_here}
                                                </a>
                                            }
                                        })}
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <h3 class="opening-day">{day_label(lang, date)}</h3>
                        <ul class="openings">{rows}</ul>
                    }
                })
                .collect_view()
        });
        view! { <div class="opening-days">{groups}</div> }.into_any()
    }
}

/// The drives page: filters, the month calendar and the list.
#[component]
pub fn DrivesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let all = use_openings();
    let district = RwSignal::new(String::new());
    let site = RwSignal::new(String::new());
    let day = RwSignal::new(None::<Date>);
    let district_of = move |o: &Opening| {
        state.ledger.with(|l| {
            l.site(o.place.site())
                .map(|s| s.district.clone())
                .unwrap_or_default()
        })
    };
    let districts = Memo::new(move |_| {
        let mut d: Vec<String> = all.get().iter().map(district_of).collect();
        crate::domain::order::sort_by(&mut d, Ord::cmp);
        d.dedup();
        d.retain(|x| !x.is_empty());
        d
    });
    // Places and days matching the district and site, whatever the day.
    let matching = Memo::new(move |_| {
        let (district, site) = (district.get(), site.get());
        all.get()
            .into_iter()
            .filter(|o| district.is_empty() || district_of(o) == district)
            .filter(|o| site.is_empty() || o.place.site().as_str() == site)
            .collect::<Vec<_>>()
    });
    let sites = Memo::new(move |_| {
        let district = district.get();
        let mut out: Vec<(String, String)> = state.ledger.with(|l| {
            all.get()
                .iter()
                .filter(|o| district.is_empty() || district_of(o) == district)
                .filter_map(|o| l.site(o.place.site()))
                .map(|s| (s.id.to_string(), s.name.clone()))
                .collect()
        });
        crate::domain::order::sort_by(&mut out, |a, b| a.1.cmp(&b.1));
        out.dedup();
        out
    });
    let shown = Signal::derive(move || {
        let day = day.get();
        matching
            .get()
            .into_iter()
            .filter(|o| day.is_none_or(|d| o.date == d))
            .collect::<Vec<_>>()
    });
    let t = move || state.t().finder();
    view! {
        <PageHeading page=Some(Page::Drives) />
        <ScanDrive />
        <section class="card section filters" aria-label=move || t().filters>
            <FilterSelect
                id="filter-district"
                label=Signal::derive(move || t().district)
                all=Signal::derive(move || t().all_districts)
                choices=Signal::derive(move || {
                    districts.get().into_iter().map(|d| (d.clone(), d)).collect::<Vec<_>>()
                })
                value=district
                on_choose=move |_: String| site.set(String::new())
            />
            <FilterSelect
                id="filter-site"
                label=Signal::derive(move || t().site)
                all=Signal::derive(move || t().all_sites)
                choices=sites
                value=site
            />
        </section>
        // The calendar and the list: drawn in a task of their own while the app starts.
        <Later>
        <section class="card section" aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">{move || t().calendar}</h2>
            <Calendar matching day />
            <button
                type="button"
                class="button button-secondary"
                aria-pressed=move || day.get().is_none().to_string()
                on:click=move |_| day.set(None)
            >
                {move || t().every_day}
            </button>
        </section>
        <section class="section" aria-labelledby="list-heading">
            <h2 id="list-heading">
                {move || match day.get() {
                    Some(d) => day_label(state.lang.get(), d),
                    None => t().list.to_owned(),
                }}
            </h2>
            <OpeningList items=shown />
        </section>
        </Later>
    }
}

/// "Scan a drive code": a shared drive's QR code opens its page, as its link does; any other
/// code says what it is.
#[component]
fn ScanDrive() -> impl IntoView {
    let state = expect_context::<AppState>();
    let said = RwSignal::new(None::<String>);
    // Only the tag is read here: the drive's page checks the whole link, as when it is opened.
    let on_scan = Callback::new(move |text: String| match claimed(&text) {
        CodeKind::Drive => {
            let href = format!("{}#{}", Page::SharedDrive.href(), fragment_of(&text));
            let _ = window().location().set_href(&href);
        }
        other => said.set(Some(not_wanted(state.t().scan(), ScanKind::Drive, other))),
    });
    view! {
        <section class="section scan-drive">
            <ScanButton on_text=on_scan kind=ScanKind::Drive />
            {move || said.get().map(|s| view! { <p class="banner banner-warn scan-said" role="alert">{s}</p> })}
        </section>
    }
}

/// The months of the booking window as calendars: a day with room is a button that shows that
/// day's list; a day with nothing open is plain.
#[component]
fn Calendar(matching: Memo<Vec<Opening>>, day: RwSignal<Option<Date>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = clock::today();
    let last = today.add_days(BOOKING_WINDOW_DAYS);
    move || {
        let t = state.t().finder();
        let lang = state.lang.get();
        let matching = matching.get();
        let with_room = |d: Date| {
            matching
                .iter()
                .filter(|o| o.date == d && !o.is_full())
                .count()
        };
        let mut months = vec![(today.year(), today.month())];
        if (last.year(), last.month()) != months[0] {
            months.push((last.year(), last.month()));
        }
        months
            .into_iter()
            .map(|(year, month)| {
                let first = Date::from_ymd(year, month, 1).unwrap_or(today);
                let lead = first.weekday().index();
                let count = usize::from(days_in_month(year, month));
                let weeks = (lead + count).div_ceil(7);
                let rows = (0..weeks)
                    .map(|w| {
                        let cells = (0..7)
                            .map(|c| {
                                let n = w * 7 + c;
                                if n < lead || n >= lead + count {
                                    return view! { <td></td> }.into_any();
                                }
                                let date = first.add_days(i64::try_from(n - lead).unwrap_or(0));
                                let open = matching.iter().any(|o| o.date == date);
                                if date < today || date > last || !open {
                                    return view! {
                                        <td class="cal-closed">{date.day()}</td>
                                    }
                                        .into_any();
                                }
                                let room = with_room(date);
                                let label = (t.day_summary)(
                                    &lang.date(year, u32::from(month), u32::from(date.day())),
                                    room,
                                );
                                view! {
                                    <td>
                                        <button
                                            type="button"
                                            class="cal-day"
                                            class:cal-full=room == 0
                                            aria-label=label
                                            aria-pressed=move || (day.get() == Some(date)).to_string()
                                            on:click=move |_| day.set(Some(date))
                                        >
                                            {date.day()}
                                            <span class="cal-count" aria-hidden="true">{room}</span>
                                        </button>
                                    </td>
                                }
                                    .into_any()
                            })
                            .collect_view();
                        view! { <tr>{cells}</tr> }
                    })
                    .collect_view();
                view! {
                    <table class="calendar">
                        <caption>{(t.month_title)(month, year)}</caption>
                        <thead>
                            <tr>
                                {t
                                    .weekdays_short
                                    .iter()
                                    .map(|d| view! { <th scope="col">{*d}</th> })
                                    .collect_view()}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
            })
            .collect_view()
    }
}

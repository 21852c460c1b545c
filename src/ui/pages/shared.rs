//! A drive an organizer shared, opened on a volunteer's device from its link (`/d#d1.…`), a
//! pasted link or a link file: checked whole before anything is shown, shown with its sites and
//! slots, and kept on this device on request, after which each of its days leads to the pledge
//! form. Works offline: the link carries the whole drive.

use leptos::prelude::*;

use super::PageHeading;
use crate::domain::{DriveStatus, Place, SlotSpec};
use crate::share::incoming::{Kept, keep_drive};
use crate::share::link::{LinkError, SharedDrive, decode_drive};
use crate::storage::LocalRepository;
use crate::sync::dropbox::{DropBox, keep_box, split_link};
use crate::ui::format::{day_label, place_key};
use crate::ui::routes::{Build, Page};
use crate::ui::state::{AppState, ChangeError};
use crate::ui::{clock, upload};

/// The most a link file may hold (a drive link is a few KB).
const MAX_FILE: usize = 64 * 1024;

/// "07:30–08:30, 08:30–09:30" and the places of a day's slots.
fn slots_text(slots: &[SlotSpec]) -> (String, usize) {
    let text = slots
        .iter()
        .map(|s| format!("{}–{}", s.start, s.end))
        .collect::<Vec<_>>()
        .join(", ");
    (text, slots.iter().map(|s| usize::from(s.capacity)).sum())
}

/// The shared-drive page.
#[component]
pub fn SharedDrivePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().sharing();
    let opened = RwSignal::new(None::<Result<SharedDrive, LinkError>>);
    // The drop box the link names (where slips of this drive go online), kept with the drive.
    let link_box = StoredValue::new(None::<DropBox>);
    let kept = RwSignal::new(None::<Kept>);
    let failed = RwSignal::new(None::<String>);
    let pasted = RwSignal::new(String::new());
    let keep_now = move || {
        let Some(Ok(shared)) = opened.get_untracked() else {
            return;
        };
        let now = clock::now();
        let result = state.change(|l| keep_drive(l, &shared, now.stamp));
        match result {
            Ok(k) => {
                if let (Some(b), Ok(mut repo)) = (link_box.get_value(), LocalRepository::probe()) {
                    let _ = keep_box(&mut repo, shared.drive.id.as_str(), &b);
                }
                kept.set(Some(k));
            }
            Err(e) => {
                let why = match &e {
                    ChangeError::Domain(d) => Some(state.lang.get_untracked().error(d)),
                    ChangeError::Save(_) => None,
                };
                let general = state.t().storage.change_refused;
                failed.set(Some(match why {
                    Some(why) => format!("{why} {general}"),
                    None => general.to_owned(),
                }));
            }
        }
    };
    let open_text = move |text: &str| {
        kept.set(None);
        failed.set(None);
        let (drive, dropbox) = split_link(text);
        link_box.set_value(dropbox);
        let decoded = decode_drive(drive);
        // A drive this device keeps already is kept again (updated if the link is newer):
        // its days show at once instead of asking to keep it a second time.
        let here = decoded.as_ref().is_ok_and(|shared| {
            state.read_records();
            state
                .ledger
                .with_untracked(|l| l.drive(&shared.drive.id).is_some())
        });
        opened.set(Some(decoded));
        if here {
            keep_now();
        }
    };
    // The link itself: its fragment holds the drive (also when followed with the page open).
    let from_link = move || {
        let hash = window().location().hash().unwrap_or_default();
        if !hash.trim_start_matches('#').is_empty() {
            open_text(&hash);
        }
    };
    from_link();
    let listener = window_event_listener(leptos::ev::hashchange, move |_| from_link());
    on_cleanup(move || listener.remove());
    let on_paste = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        open_text(&pasted.get_untracked());
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = upload::chosen_files(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match upload::file_text(&file, MAX_FILE).await {
                Ok(text) => open_text(&text),
                Err(upload::FileError::TooLarge) => opened.set(Some(Err(LinkError::TooLarge))),
                Err(upload::FileError::Unreadable) => opened.set(Some(Err(LinkError::Empty))),
            }
        });
    };
    let keep = move |_| keep_now();
    view! {
        <PageHeading page=Some(Page::SharedDrive) />
        {move || match opened.get() {
            Some(Err(e)) => {
                view! {
                    <p class="banner banner-error" role="alert" id="shared-error">
                        {(t().link_error)(&e)}
                        {match &e {
                            LinkError::Invalid(d) => {
                                Some(format!(" {}", state.lang.get().error(d)))
                            }
                            _ => None,
                        }}
                    </p>
                }
                    .into_any()
            }
            Some(Ok(shared)) => view! { <DriveCard shared=shared kept=kept /> }.into_any(),
            None => ().into_any(),
        }}
        <Show when=move || matches!(opened.get(), Some(Ok(_))) && kept.get().is_none()>
            <div class="actions">
                <button type="button" class="button" on:click=keep>
                    {move || t().keep}
                </button>
            </div>
        </Show>
        <p class="notice" role="status">{move || failed.get()}</p>
        <form class="card section" on:submit=on_paste novalidate=true>
            <div class="field">
                <label for="drive-link">{move || t().paste_drive}</label>
                <p class="hint" id="drive-link-hint">{move || t().paste_drive_hint}</p>
                <input
                    id="drive-link"
                    type="text"
                    aria-describedby="drive-link-hint"
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))
                />
            </div>
            <div class="actions">
                <button type="submit" class="button button-secondary">{move || t().open}</button>
            </div>
            <div class="field">
                <label for="drive-file">{move || t().drive_file}</label>
                <input id="drive-file" type="file" accept=".txt,text/plain" on:change=on_file />
            </div>
        </form>
        <p>
            <a href=Page::Drives.href() rel=Page::Drives.rel_from(Build::Shared)>
                {move || t().all_drives}
            </a>
        </p>
    }
}

/// The drive as the link describes it; once kept, each day of each site leads to the form.
#[component]
fn DriveCard(shared: SharedDrive, kept: RwSignal<Option<Kept>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().sharing();
    let lang = move || state.lang.get();
    let d = shared.drive.clone();
    let date = move |x: crate::domain::Date| {
        lang().date(x.year(), u32::from(x.month()), u32::from(x.day()))
    };
    let (start, end) = (d.start, d.end);
    let n_sites = d.sites.len();
    let status = d.status;
    let sites: Vec<_> = d
        .sites
        .iter()
        .zip(shared.sites.iter())
        .map(|(ds, site)| {
            let (slots, places) = slots_text(&ds.template);
            let place = Place::Drive {
                drive: d.id.clone(),
                site: site.id.clone(),
            };
            (
                site.clone(),
                slots,
                places,
                ds.overrides.len(),
                place_key(&place),
            )
        })
        .collect();
    let days: Vec<_> = d.days().collect();
    let slogan = shared.campaign.slogans.first().cloned().unwrap_or_default();
    view! {
        <section class="card section shared-drive" aria-labelledby="shared-name">
            <p class="hint">{format!("{} · {}", shared.campaign.name, slogan)}</p>
            <h2 id="shared-name">{d.name.clone()}</h2>
            <p>
                <span class="status">{move || (state.t().drive_setup().status)(status)}</span>
                " · "
                {move || (t().drive_days)(&date(start), &date(end), n_sites)}
            </p>
            <ul class="plain-list shared-sites">
                {sites
                    .into_iter()
                    .map(|(site, slots, places, differ, key)| {
                        let days = days.clone();
                        let place_words = [site.address.clone(), site.district.clone()]
                            .into_iter()
                            .filter(|x| !x.is_empty())
                            .collect::<Vec<_>>()
                            .join(", ");
                        view! {
                            <li class="shared-site">
                                <h3>{site.name.clone()}</h3>
                                <p class="hint">{place_words}</p>
                                <p>{move || (t().slots_line)(&slots, places)}</p>
                                {(differ > 0).then(|| view! { <p class="hint">{move || (t().days_differ)(differ)}</p> })}
                                <Show when=move || kept.get().is_some() && status == DriveStatus::Open>
                                    <ul class="plain-list shared-days">
                                        {days
                                            .iter()
                                            .map(|&day| {
                                                let href = format!("{}?place={}&day={day}", Page::Pledge.href(), key);
                                                view! {
                                                    <li>
                                                        <a class="button button-small" href=href rel=Page::Pledge.rel_from(Build::Shared)>
                                                            {move || format!("{} · {}", t().pledge_here, day_label(lang(), day))}
                                                        </a>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </Show>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {move || {
                kept.get()
                    .map(|k| {
                        let words = if status != DriveStatus::Open {
                            t().not_taking_pledges
                        } else {
                            match k {
                                Kept::Added => t().kept_added,
                                Kept::Updated => t().kept_updated,
                                Kept::Unchanged => t().kept_unchanged,
                            }
                        };
                        view! { <p class="notice" role="status" id="shared-kept">{words}</p> }
                    })
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TimeOfDay;

    #[test]
    fn a_days_slots_read_as_times_and_places() {
        let t = |h, m| TimeOfDay::from_hm(h, m).unwrap();
        let slots = vec![
            SlotSpec::new(t(7, 30), t(8, 30), 20).unwrap(),
            SlotSpec::new(t(8, 30), t(9, 30), 12).unwrap(),
        ];
        assert_eq!(
            slots_text(&slots),
            ("07:30–08:30, 08:30–09:30".to_owned(), 32)
        );
    }
}

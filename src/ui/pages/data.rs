//! The organizer's Data page: what is stored and how full storage is, data set aside as
//! unreadable (to download), backup and restore, a donor list imported from a spreadsheet, the
//! sample campaign, and wiping everything.

mod import;

use leptos::prelude::*;

use super::PageHeading;
use crate::domain::Ledger;
use crate::storage::QUOTA_UNITS;
use crate::storage::backup::{self, BackupError, Preview};
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::AppState;
use crate::ui::{download, upload};

/// The Data page.
#[component]
pub fn DataPage() -> impl IntoView {
    view! {
        <PageHeading page=Some(Page::Data) />
        <StorageSection />
        <QuarantineSection />
        <BackupSection />
        <import::ImportSection />
        <SampleSection />
        <WipeSection />
    }
}

/// Storage used against the quota, and how many records are stored.
#[component]
fn StorageSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Re-measured whenever the data changes.
    let usage = Memo::new(move |_| {
        state.ledger.track();
        state.usage()
    });
    let counts = move || {
        state.ledger.with(|l| {
            [
                l.campaigns().count(),
                l.drives().count(),
                l.donors().count(),
                l.pledges().count(),
            ]
        })
    };
    let labels = move || {
        let t = &state.t().storage;
        [t.campaigns, t.drives, t.donors, t.pledges]
    };
    view! {
        <section class="card section" aria-labelledby="storage-heading">
            <h2 id="storage-heading">{move || state.t().storage.heading}</h2>
            <meter
                class="usage-meter"
                min="0"
                max=QUOTA_UNITS.to_string()
                value=move || usage.get().used.to_string()
                aria-label=move || state.t().storage.meter_label
            ></meter>
            <p class="usage-line">
                {move || {
                    let lang = state.lang.get();
                    let u = usage.get();
                    (state.t().storage.usage)(
                        &lang.number(u.used as i64),
                        &lang.number(u.quota as i64),
                        &lang.percent(u.permille()),
                    )
                }}
            </p>
            <h3>{move || state.t().storage.stored}</h3>
            <dl class="counts">
                {move || {
                    let lang = state.lang.get();
                    labels()
                        .into_iter()
                        .zip(counts())
                        .map(|(label, n)| {
                            view! {
                                <div>
                                    <dt>{label}</dt>
                                    <dd>{lang.number(n as i64)}</dd>
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </dl>
        </section>
    }
}

/// Values that could not be read, each downloadable as it was stored.
#[component]
fn QuarantineSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let items = Memo::new(move |_| {
        state.storage.track();
        state.quarantined()
    });
    view! {
        <Show when=move || !items.get().is_empty()>
            <section class="card section" aria-labelledby="quarantine-heading">
                <h2 id="quarantine-heading">{move || state.t().storage.quarantine_heading}</h2>
                <p>{move || state.t().storage.quarantine_intro}</p>
                <ul class="plain-list">
                    {move || {
                        items
                            .get()
                            .into_iter()
                            .map(|(key, text)| {
                                let name = format!("{}.txt", key.replace('/', "_"));
                                view! {
                                    <li>
                                        <code>{key.clone()}</code>
                                        " "
                                        <button
                                            type="button"
                                            class="button"
                                            on:click=move |_| {
                                                download::offer(&name, "text/plain;charset=utf-8", &text);
                                            }
                                        >
                                            {move || state.t().storage.download}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}

/// Downloads everything as one file, and imports such a file: read, checked and previewed
/// first, merged only when the person confirms.
#[component]
fn BackupSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let pending = RwSignal::new(None::<(Option<Ledger>, Preview)>);
    let message = RwSignal::new(None::<String>);
    let download = move |_| {
        let name = format!("hien-mau-backup-{}.json", clock::today());
        download::offer(&name, "application/json", &state.backup());
    };
    let chosen = move |ev: leptos::ev::Event| {
        pending.set(None);
        message.set(None);
        let Some(file) = upload::chosen_files(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let t = &state.t().storage;
            let text = match upload::file_text(&file, backup::MAX_BYTES).await {
                Ok(text) => text,
                Err(upload::FileError::TooLarge) => {
                    message.set(Some(t.backup_too_large.to_owned()));
                    return;
                }
                Err(upload::FileError::Unreadable) => {
                    message.set(Some(t.not_a_backup.to_owned()));
                    return;
                }
            };
            match backup::parse(&text) {
                Ok(b) => {
                    let merged = state.ledger.with_untracked(|l| backup::merge(l, &b.ledger));
                    pending.set(Some(merged));
                }
                Err(e) => message.set(Some(match e {
                    BackupError::TooLarge => t.backup_too_large.to_owned(),
                    BackupError::NotABackup => t.not_a_backup.to_owned(),
                    BackupError::Newer(_) => t.backup_newer.to_owned(),
                    BackupError::Damaged(_) => t.backup_damaged.to_owned(),
                    BackupError::Refused(why) => {
                        format!(
                            "{} {}",
                            t.backup_damaged,
                            state.lang.get_untracked().error(&why)
                        )
                    }
                })),
            }
        });
    };
    let import = move |_| {
        if let Some((Some(ledger), _)) = pending.get_untracked()
            && state.replace_all(ledger).is_ok()
        {
            pending.set(None);
            message.set(Some(state.t().storage.restored.to_owned()));
        }
    };
    view! {
        <section class="card section" aria-labelledby="backup-heading">
            <h2 id="backup-heading">{move || state.t().storage.backup_heading}</h2>
            <p>{move || state.t().storage.backup_body}</p>
            <p>
                <button type="button" class="button" on:click=download>
                    {move || state.t().storage.backup_button}
                </button>
            </p>
            <div class="field">
                <label for="restore-file">{move || state.t().storage.restore_label}</label>
                <input id="restore-file" type="file" accept=".json,application/json" on:change=chosen />
            </div>
            {move || {
                pending
                    .get()
                    .map(|(_, p)| {
                        let lang = state.lang.get();
                        let n = |v: usize| lang.number(v as i64);
                        let counts = (state.t().storage.restore_preview)(&n(p.new), &n(p.updated), &n(p.unchanged));
                        match p.refused.as_ref() {
                            Some(why) => {
                                let why = lang.error(why);
                                view! {
                                    <p class="banner banner-error" role="alert">
                                        {format!("{why} {}", state.t().storage.restore_refused)}
                                    </p>
                                }
                                    .into_any()
                            }
                            None => {
                                view! {
                                    <p>{counts}</p>
                                    <button type="button" class="button" on:click=import>
                                        {move || state.t().storage.restore_button}
                                    </button>
                                }
                                    .into_any()
                            }
                        }
                    })
            }}
            <p role="status" class="feedback">{move || message.get()}</p>
        </section>
    }
}

/// Where the sample campaign is served: a backup file made from `domain::sample` (kept in step
/// by a native test), fetched only when asked for, so its data is not in the wasm.
pub const SAMPLE_URL: &str = "/sample-campaign.json";

/// The text at `url` on this origin (the service worker answers when offline).
async fn fetch_text(url: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let response = JsFuture::from(web_sys::window()?.fetch_with_str(url))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

/// Loads the seed article's campaigns alongside what is stored (idempotent: same ids).
#[component]
fn SampleSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let message = RwSignal::new(None::<&'static str>);
    let load = move |_| {
        leptos::task::spawn_local(async move {
            let t = &state.t().storage;
            let Some(sample) = fetch_text(SAMPLE_URL)
                .await
                .and_then(|text| backup::parse(&text).ok())
            else {
                message.set(Some(t.sample_unavailable));
                return;
            };
            let (merged, _) = state
                .ledger
                .with_untracked(|l| backup::merge(l, &sample.ledger));
            let Some(merged) = merged else {
                message.set(Some(t.sample_conflict));
                return;
            };
            if state.replace_all(merged).is_ok() {
                message.set(Some(t.sample_loaded));
            }
        });
    };
    view! {
        <section class="card section" aria-labelledby="sample-heading">
            <h2 id="sample-heading">{move || state.t().storage.sample_heading}</h2>
            <p>{move || state.t().storage.sample_body}</p>
            <button type="button" class="button" on:click=load>
                {move || state.t().storage.sample_button}
            </button>
            <p role="status" class="feedback">{move || message.get()}</p>
        </section>
    }
}

/// Removes every piece of data from the device after a typed confirmation.
#[component]
fn WipeSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let typed = RwSignal::new(String::new());
    let done = RwSignal::new(false);
    let confirmed = move || typed.get().trim().to_uppercase() == state.t().storage.wipe_word;
    let wipe = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if confirmed() {
            state.wipe();
            typed.set(String::new());
            done.set(true);
        }
    };
    view! {
        <section class="card section danger" aria-labelledby="wipe-heading">
            <h2 id="wipe-heading">{move || state.t().storage.wipe_heading}</h2>
            <p>{move || state.t().storage.wipe_body}</p>
            <form on:submit=wipe class="inline-form">
                <label for="wipe-confirm">{move || state.t().storage.wipe_label}</label>
                <input
                    id="wipe-confirm"
                    type="text"
                    autocomplete="off"
                    prop:value=move || typed.get()
                    on:input=move |ev| {
                        typed.set(event_target_value(&ev));
                        done.set(false);
                    }
                />
                <button type="submit" class="button button-danger" disabled=move || !confirmed()>
                    {move || state.t().storage.wipe_button}
                </button>
            </form>
            <p role="status" class="feedback">
                {move || done.get().then(|| state.t().storage.wiped)}
            </p>
        </section>
    }
}

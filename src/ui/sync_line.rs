//! The sync status line every organizer page shows (last synced, changes waiting, or the
//! problem in words with what to do, and "Sync now"), and the hidden frame that runs the engine
//! (`/organizer/sync/?run`), added after the page's first paint. Nothing shows, and no frame is
//! added, on a device where sync is not set up.
//!
//! The engine (sync build) composes the line in both languages and stores it under
//! [`LINE`] + language code ([`write_lines`]); a page only shows the stored text of its
//! language and follows it through `storage` events. So the status's words, its parsing and
//! the engine stay in the sync build, and the line costs each page about 2 KiB.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::Lang;
use super::i18n::sync::{line_texts, status_texts};
use super::routes::Page;
use super::state::AppState;
use crate::domain::DomainError;
use crate::storage::Repository;
use crate::sync::state::{CONFIG, LINE, REQUEST, Status};

thread_local! {
    static FRAME_ADDED: Cell<bool> = const { Cell::new(false) };
}

fn stored(key: &str) -> Option<String> {
    window()
        .local_storage()
        .ok()
        .flatten()?
        .get_item(key)
        .ok()
        .flatten()
}

/// Asks the engine (in the frame or on the sync page) for a sync now.
pub fn request_sync() {
    if let Some(storage) = window().local_storage().ok().flatten() {
        // Whole milliseconds: formatting an f64 would link 6 KB of float printing into every page.
        let _ = storage.set_item(REQUEST, &(js_sys::Date::now() as i64).to_string());
    }
    // Other windows hear the write; an engine in this very window (the sync page) hears this.
    crate::sync::runner::announce(REQUEST);
}

/// Whether sync is set up on this device.
pub fn configured() -> bool {
    stored(CONFIG).is_some()
}

/// `HH:MM` of a time stamp (ms), in the device's time zone.
pub fn clock_time(ms: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// The line's text for a status.
pub fn status_text(status: &Status, lang: Lang) -> String {
    let t = status_texts(lang);
    let mut parts: Vec<String> = Vec::new();
    if status.busy > 0 {
        parts.push(t.busy.to_owned());
    } else if let Some(trouble) = status.trouble() {
        parts.push((t.trouble)(trouble));
    } else {
        parts.push(
            status
                .at
                .map_or(t.never.to_owned(), |at| (t.synced_at)(&clock_time(at))),
        );
    }
    if let Some(words) = status.refused.as_ref().and_then(|w| {
        let i = Lang::ALL.iter().position(|l| *l == lang)?;
        w.get(i)
    }) {
        parts.push((t.refused)(words));
    }
    if status.waiting > 0 {
        parts.push((t.waiting)(status.waiting));
    }
    // A refused set-up is set aside too; it is named above, not counted as undecryptable.
    let aside = status.set_aside - u32::from(status.refused.is_some()).min(status.set_aside);
    if aside > 0 {
        parts.push((t.set_aside)(aside));
    }
    parts.join(" · ")
}

/// A refusal of the domain in words, in every language in the order of [`Lang::ALL`] (the
/// engine keeps them in the status).
pub fn refusal_words(e: &DomainError) -> Vec<String> {
    Lang::ALL.iter().map(|lang| lang.error(e)).collect()
}

/// Stores the line of `status` in every language (the engine calls this after each change of
/// the status).
pub fn write_lines(status: &Status, repo: &mut dyn Repository) {
    for lang in Lang::ALL {
        let _ = repo.set(
            &format!("{LINE}{}", lang.code()),
            &status_text(status, lang),
        );
    }
}

/// Adds a hidden frame showing `src` to the page, and returns it.
pub fn add_hidden_frame(src: &str, title: &str) -> Option<web_sys::Element> {
    let doc = document();
    let frame = doc.create_element("iframe").ok()?;
    let _ = frame.set_attribute("src", src);
    let _ = frame.set_attribute("hidden", "");
    let _ = frame.set_attribute("aria-hidden", "true");
    let _ = frame.set_attribute("tabindex", "-1");
    let _ = frame.set_attribute("title", title);
    doc.body()?.append_child(frame.unchecked_ref()).ok()?;
    Some(frame)
}

/// Adds the frame that runs the engine, once per page.
fn add_engine_frame() {
    if FRAME_ADDED.with(|f| f.replace(true)) {
        return;
    }
    add_hidden_frame(&format!("{}/?run", Page::Sync.href()), "sync");
}

/// The status line, with "Sync now" (the sync page is in the navigation); `engine`: also
/// start the engine's hidden frame after the first paint.
#[component]
pub fn SyncLine(
    /// Start the engine in a hidden frame (every organizer page but the sync page itself).
    engine: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    if !configured() {
        return ().into_any();
    }
    // Bumped whenever the stored line may have changed.
    let changed = RwSignal::new(0u32);
    let listener = window_event_listener(leptos::ev::storage, move |e| {
        if e.key().is_none_or(|k| k.starts_with(LINE)) {
            changed.update(|n| *n += 1);
        }
    });
    on_cleanup(move || listener.remove());
    if engine {
        request_animation_frame(add_engine_frame);
    }
    let t = move || line_texts(state.lang.get());
    let text = move || {
        changed.track();
        stored(&format!("{LINE}{}", state.lang.get().code())).unwrap_or_default()
    };
    view! {
        <div class="sync-line" role="status" aria-label=move || t().label>
            <span class="sync-text">{text}</span>
            <button type="button" class="button button-secondary button-small" on:click=move |_| request_sync()>
                {move || t().sync_now}
            </button>
        </div>
    }
    .into_any()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_refused_set_up_is_named_in_the_domains_words_in_each_language() {
        let why = DomainError::YearTaken(2027);
        let status = Status {
            set_aside: 1,
            refused: Some(refusal_words(&why)),
            ..Status::default()
        };
        for lang in Lang::ALL {
            let text = status_text(&status, lang);
            assert!(text.contains(&lang.error(&why)), "{text}");
            assert!(
                !text.contains("YearTaken") && !text.contains("Invalid"),
                "{text}"
            );
            // The refused set-up is named, not counted as undecryptable.
            assert!(!text.contains(&(status_texts(lang).set_aside)(1)), "{text}");
        }
        assert_eq!(
            status_text(&status, Lang::En),
            "Not synced yet · The set-up from another device could not be merged: Campaign 2027 \
             already exists with another id. Settle it on one device (delete the duplicate), then \
             sync again; donors and pledges still sync."
        );
    }
}

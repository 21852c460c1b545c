//! The volunteer's outbox in the my-pledges build (issue 18), seen from the page. The page
//! writes nothing: the sender build (`/send/`, see `src/bin/send.rs`) notes each pledge of
//! this device whose drive has a drop box with its slip as it is now (a new pledge, a move, a
//! cancellation), seals and sends it. This page loads it in a hidden frame after its first
//! paint while a slip waits and the browser is online, and again when the network comes back.
//! The frame writes how each slip went to the outbox; the page hears those writes as `storage`
//! events (the frame is another window), so the slip and "My pledges" say how each stands: a
//! slip the outbox does not hold yet is waiting. The page carries no cryptography.

use std::cell::RefCell;

use leptos::prelude::*;

use crate::domain::PledgeId;
use crate::storage::LocalRepository;
use crate::sync::dropbox::{OUTBOX, Outbox, Sending, boxed_drives, current, standing};
use crate::ui::state::AppState;
use crate::ui::sync_line::add_hidden_frame;

/// Where the sender build is served (not precached: it is loaded only when online).
pub const SENDER: &str = "/send/";

thread_local! {
    static FRAME: RefCell<Option<web_sys::Element>> = const { RefCell::new(None) };
}

/// Bumped whenever the sender frame may have written the outbox: the statuses read it again
/// from storage. A counter, not the outbox in a signal: the build
/// has little room.
#[derive(Debug, Clone, Copy)]
pub struct OutboxSignal(pub RwSignal<u32>);

fn stored() -> Option<(Outbox, Vec<String>)> {
    let repo = LocalRepository::probe().ok()?;
    Some((Outbox::load(&repo), boxed_drives(&repo)))
}

/// Loads the sender in a hidden frame when a slip waits and the browser is online; `fresh`:
/// replace a frame added before (the network came back: the old one may have failed to load).
/// A frame already running hears each change of the records by itself.
fn start_sender(fresh: bool) {
    if !window().navigator().on_line() {
        return;
    }
    FRAME.with(|f| {
        let mut frame = f.borrow_mut();
        if frame.is_some() && !fresh {
            return;
        }
        if let Some(old) = frame.take() {
            old.remove();
        }
        *frame = add_hidden_frame(SENDER, "send");
    });
}

/// Starts the outbox in this page and gives its state to the page's components: the sender
/// frame is added (after the first paint) whenever one of this device's pledges has a slip
/// not yet sent, as the records now stand.
pub fn watch() {
    let state = expect_context::<AppState>();
    let changed = RwSignal::new(0u32);
    provide_context(OutboxSignal(changed));
    // Whether a slip of this device's pledges is not sent, as the records now stand.
    let waiting = move || {
        let Some((outbox, boxed)) = stored() else {
            return false;
        };
        let mine = state.mine.get();
        state.ledger.with(|l| {
            mine.iter()
                .filter_map(|id| current(l, id, &boxed))
                .any(|now| standing(&outbox, &now) != Sending::Sent)
        })
    };
    Effect::new(move |_| {
        changed.track();
        if waiting() {
            // After the first paint: the frame's loading must not delay it.
            request_animation_frame(|| start_sender(false));
        }
    });
    // The sender's outcomes.
    let heard = window_event_listener(leptos::ev::storage, move |e| {
        if e.key().is_none_or(|k| k == OUTBOX) {
            changed.update(|n| *n += 1);
        }
    });
    let online = window_event_listener(leptos::ev::online, move |_| {
        if untrack(waiting) {
            start_sender(true);
        }
    });
    on_cleanup(move || {
        heard.remove();
        online.remove();
    });
}

/// How the latest slip of `pledge` stands: sent, waiting for the network, or not sent and why;
/// nothing when its drive has no drop box (the slip goes by hand only).
#[component]
pub fn SendStatus(pledge: PledgeId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let changed = use_context::<OutboxSignal>();
    move || {
        changed?.0.track();
        let (outbox, boxed) = stored()?;
        let now = state.ledger.with(|l| current(l, &pledge, &boxed))?;
        let v = &state.t().volunteer;
        let (class, text) = match standing(&outbox, &now) {
            Sending::Sent => ("send-status send-sent", v.send_sent.to_owned()),
            Sending::Waiting => ("send-status send-waiting", v.send_waiting.to_owned()),
            Sending::Failed(why) => ("send-status send-failed", (v.send_failed)(&why)),
        };
        Some(view! { <p class=class role="status">{text}</p> })
    }
}

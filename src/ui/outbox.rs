//! The volunteer's outbox in the my-pledges build (issue 18): whenever the records change,
//! each pledge of this device whose drive has a drop box is noted with its slip as it is now (a
//! new pledge, a move, a cancellation). The sending (sealing with WebCrypto, the requests)
//! lives in the sender build (`/send/`, see `src/bin/send.rs`), which this page loads in a
//! hidden frame after its first paint while slips wait and the browser is online, and again
//! when the network comes back. The frame writes how each slip went back to the outbox; the
//! page hears those writes as `storage` events (the frame is another window), so the slip and
//! "My pledges" say how each stands, and the page carries no cryptography.

use std::cell::RefCell;

use leptos::prelude::*;

use crate::domain::PledgeId;
use crate::storage::LocalRepository;
use crate::sync::dropbox::web::new_doc_id;
use crate::sync::dropbox::{OUTBOX, Outbox, Sending, boxed_drives, note_mine};
use crate::ui::state::AppState;
use crate::ui::sync_line::add_hidden_frame;

/// Where the sender build is served (not precached: it is loaded only when online).
pub const SENDER: &str = "/send/";

thread_local! {
    static FRAME: RefCell<Option<web_sys::Element>> = const { RefCell::new(None) };
}

/// Bumped whenever the outbox may have changed (noted here, or written by the sender frame):
/// the statuses read it again from storage. A counter, not the outbox in a signal: the build
/// has little room.
#[derive(Debug, Clone, Copy)]
pub struct OutboxSignal(pub RwSignal<u32>);

fn stored() -> Option<Outbox> {
    LocalRepository::probe()
        .ok()
        .map(|repo| Outbox::load(&repo))
}

fn waits(outbox: &Outbox) -> bool {
    outbox.entries.iter().any(|e| e.sending() != Sending::Sent)
}

/// Loads the sender in a hidden frame when slips wait and the browser is online; `fresh`:
/// replace a frame added before (the network came back: the old one may have failed to load).
/// A frame already running hears each newly noted slip by itself.
fn start_sender(waiting: bool, fresh: bool) {
    if !waiting || !window().navigator().on_line() {
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

/// Starts the outbox in this page and gives its state to the page's components.
pub fn watch() {
    let state = expect_context::<AppState>();
    let changed = RwSignal::new(0u32);
    provide_context(OutboxSignal(changed));
    Effect::new(move |_| {
        let mine = state.mine.get();
        let Ok(mut repo) = LocalRepository::probe() else {
            return;
        };
        let mut now = Outbox::load(&repo);
        let boxed = boxed_drives(&repo);
        let noted = state
            .ledger
            .with(|l| note_mine(&mut now, l, &mine, &boxed, new_doc_id));
        if noted {
            let _ = now.save(&mut repo);
            changed.update(|n| *n += 1);
        }
        // After the first paint: the frame's loading must not delay it.
        let waiting = waits(&now);
        request_animation_frame(move || start_sender(waiting, false));
    });
    // The sender's outcomes.
    let heard = window_event_listener(leptos::ev::storage, move |e| {
        if e.key().is_none_or(|k| k == OUTBOX) {
            changed.update(|n| *n += 1);
        }
    });
    let online = window_event_listener(leptos::ev::online, move |_| {
        start_sender(stored().is_some_and(|o| waits(&o)), true);
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
    let id = pledge.to_string();
    move || {
        changed?.0.track();
        let how = stored()?.of(&id)?;
        let v = &state.t().volunteer;
        let (class, text) = match how {
            Sending::Sent => ("send-status send-sent", v.send_sent.to_owned()),
            Sending::Waiting => ("send-status send-waiting", v.send_waiting.to_owned()),
            Sending::Failed(why) => ("send-status send-failed", (v.send_failed)(&why)),
        };
        Some(view! { <p class=class role="status">{text}</p> })
    }
}

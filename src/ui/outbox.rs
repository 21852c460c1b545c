//! The volunteer's outbox at work in the my-pledges build (issue 18): whenever the records
//! change, each pledge of this device whose drive has a drop box is noted with its slip as it is
//! now (a new pledge, a move, a cancellation), and what waits is sent: at once, on the next
//! start, and when the network comes back. The slip and "My pledges" say how each stands.

use leptos::prelude::*;

use crate::domain::PledgeId;
use crate::storage::LocalRepository;
use crate::sync::dropbox::web::{new_doc_id, send_outbox};
use crate::sync::dropbox::{Outbox, Sending, load_boxes, note_mine};
use crate::ui::state::AppState;

/// How the slips of this device stand, for the pages of the build.
#[derive(Debug, Clone, Copy)]
pub struct OutboxSignal(pub RwSignal<Outbox>);

fn send(outbox: RwSignal<Outbox>) {
    leptos::task::spawn_local(async move {
        if let Ok(mut repo) = LocalRepository::probe() {
            send_outbox(&mut repo, &|o| outbox.set(o.clone())).await;
        }
    });
}

/// Starts the outbox in this page and gives its state to the page's components.
pub fn watch() {
    let state = expect_context::<AppState>();
    let Ok(repo) = LocalRepository::probe() else {
        return;
    };
    let outbox = RwSignal::new(Outbox::load(&repo));
    provide_context(OutboxSignal(outbox));
    Effect::new(move |_| {
        let mine = state.mine.get();
        let Ok(mut repo) = LocalRepository::probe() else {
            return;
        };
        let mut now = Outbox::load(&repo);
        let boxes = load_boxes(&repo);
        let noted = state
            .ledger
            .with(|l| note_mine(&mut now, l, &mine, &boxes, new_doc_id));
        if noted {
            let _ = now.save(&mut repo);
        }
        outbox.set(now);
        send(outbox);
    });
    let listener = window_event_listener(leptos::ev::online, move |_| send(outbox));
    on_cleanup(move || listener.remove());
}

/// How the latest slip of `pledge` stands: sent, waiting for the network, or not sent and why;
/// nothing when its drive has no drop box (the slip goes by hand only).
#[component]
pub fn SendStatus(pledge: PledgeId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let outbox = use_context::<OutboxSignal>();
    let id = pledge.to_string();
    move || {
        let how = outbox?.0.with(|o| o.of(&id))?;
        let v = &state.t().volunteer;
        let (class, text) = match how {
            Sending::Sent => ("send-status send-sent", v.send_sent.to_owned()),
            Sending::Waiting => ("send-status send-waiting", v.send_waiting.to_owned()),
            Sending::Failed(why) => ("send-status send-failed", (v.send_failed)(&why)),
        };
        Some(view! { <p class=class role="status">{text}</p> })
    }
}

//! The QR scanner of the desk, the inbox, the sync page and the drives list: a "Scan" button
//! that opens the camera's frame in the page, and hands each text read there to the page.
//!
//! The camera and the QR decoder live in a build of their own, `/organizer/scan/`
//! (`src/bin/scan.rs`), shown in a frame under the button: it opens the rear camera, reads its
//! frames a few times a second (the browser's `BarcodeDetector` where there is one, else
//! [`crate::share::scan::decode_luma`]) and posts each new text, or why there is no camera, to
//! this page as a [`ScanMessage`]. So the pages that scan do not carry the camera and the
//! decoder (about 25 KiB gzip). This page keeps the words: what the camera is doing, and why
//! there is none and what to do (permission refused, none there, another app holding it, a page
//! not served over HTTPS); the page's own way without a camera stays where it was.
//!
//! The frame is precached with the organizers' builds only (the volunteers' precache has no
//! room for it): a volunteer's device fetches it the first time it scans and the service worker
//! keeps it from then on. Before showing it the scanner asks for its page; when that fails
//! (offline, never fetched) it says that scanning needs one visit online.
//!
//! The frame is removed, and with it the camera stops, when the scanner is closed, when the
//! page is left and when it is hidden (another tab, the phone locked).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::share::scan::{CameraProblem, CodeKind, ScanMessage};
use crate::ui::i18n::{ScanFor, ScanTexts};
use crate::ui::state::AppState;

/// Where the camera's frame is served (`organizer/scan` in `FRAMES` of scripts/tools.sh).
const FRAME_SRC: &str = "/organizer/scan/";

/// What a place scans for; it names the button and what to hold up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanKind {
    /// Pledge slips (the desk, the inbox).
    Slip,
    /// A shared drive (the drives list).
    Drive,
    /// A sync pairing code (the sync page).
    Pairing,
}

impl ScanKind {
    fn words(self, t: &ScanTexts) -> &ScanFor {
        match self {
            ScanKind::Slip => &t.slip,
            ScanKind::Drive => &t.drive,
            ScanKind::Pairing => &t.pairing,
        }
    }
}

/// What a code of kind `code` is, said where a `kind` code was wanted: what it is, then what
/// to scan here.
pub fn not_wanted(t: &ScanTexts, kind: ScanKind, code: CodeKind) -> String {
    let is = match code {
        CodeKind::Slip => t.is_slip,
        CodeKind::Drive => t.is_drive,
        CodeKind::Pairing => t.is_pairing,
        CodeKind::Damaged => t.is_damaged,
        CodeKind::Foreign => t.is_foreign,
    };
    format!("{is} {}", kind.words(t).wanted)
}

/// What the scanner shows under the picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Asking for the frame's page.
    Fetching,
    Starting,
    Looking,
    Problem(CameraProblem),
    /// The frame's page is neither cached nor reachable.
    Offline,
}

/// A "Scan" button and, once pressed, the camera's picture with what it found. `on_text` gets
/// each text read, once while the same code stays in view.
#[component]
pub fn ScanButton(on_text: Callback<String>, kind: ScanKind) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().scan();
    let open = RwSignal::new(false);
    view! {
        <div class="scan">
            <button
                type="button"
                class="button button-secondary scan-toggle"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || if open.get() { t().stop } else { kind.words(t()).button }}
            </button>
            <Show when=move || open.get()>
                <Scanner on_text kind on_close=Callback::new(move |()| open.set(false)) />
            </Show>
        </div>
    }
}

/// The camera's frame while the scanner is open, and what it says in words.
#[component]
fn Scanner(on_text: Callback<String>, kind: ScanKind, on_close: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().scan();
    let phase = RwSignal::new(Phase::Fetching);
    // The frame's page first: from the cache, else the network; neither, and it is said.
    leptos::task::spawn_local(async move {
        let reached = wasm_bindgen_futures::JsFuture::from(
            window().fetch_with_str(&format!("{FRAME_SRC}index.html")),
        )
        .await
        .ok()
        .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
        .is_some_and(|r| r.ok());
        if phase.try_get_untracked() == Some(Phase::Fetching) {
            phase.set(if reached {
                Phase::Starting
            } else {
                Phase::Offline
            });
        }
    });
    let frame = NodeRef::<leptos::html::Iframe>::new();
    // Hidden (another tab, the screen locked): the scanner closes, its frame goes and with it
    // the camera.
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().hidden() {
            on_close.run(());
        }
    });
    on_cleanup(move || hidden.remove());
    // Only this frame's messages, from this origin, and only the strings a frame sends.
    let own_origin = window().location().origin().unwrap_or_default();
    let messages = window_event_listener(leptos::ev::message, move |e| {
        let from_frame = frame.get_untracked().is_some_and(|f| {
            let f: web_sys::HtmlIFrameElement = f;
            match (f.content_window(), e.source()) {
                (Some(w), Some(source)) => {
                    source.unchecked_ref::<wasm_bindgen::JsValue>()
                        == w.unchecked_ref::<wasm_bindgen::JsValue>()
                }
                _ => false,
            }
        });
        if !from_frame || e.origin() != own_origin {
            return;
        }
        match e.data().as_string().and_then(|d| ScanMessage::parse(&d)) {
            Some(ScanMessage::Looking) => phase.set(Phase::Looking),
            Some(ScanMessage::Problem(p)) => phase.set(Phase::Problem(p)),
            Some(ScanMessage::Text(text)) => on_text.run(text),
            None => {}
        }
    });
    on_cleanup(move || messages.remove());
    let words = move || {
        let t = t();
        let problem = match phase.get() {
            Phase::Fetching | Phase::Starting => return t.starting.to_owned(),
            Phase::Looking => return kind.words(t).looking.to_owned(),
            Phase::Problem(CameraProblem::Refused) => t.refused,
            Phase::Problem(CameraProblem::NoCamera) => t.no_camera,
            Phase::Problem(CameraProblem::InUse) => t.in_use,
            Phase::Problem(CameraProblem::Insecure) => t.insecure,
            Phase::Problem(CameraProblem::Failed) => t.failed,
            Phase::Offline => t.offline,
        };
        format!("{problem} {}", kind.words(t).otherwise)
    };
    let failed = move || matches!(phase.get(), Phase::Problem(_) | Phase::Offline);
    let fetched = move || !matches!(phase.get(), Phase::Fetching | Phase::Offline);
    view! {
        <div class="scanner">
            <Show when=fetched>
                <iframe
                    node_ref=frame
                    src=FRAME_SRC
                    allow="camera"
                    class="scanner-video"
                    class:hidden=failed
                    title=move || t().camera_view
                    aria-label=move || t().camera_view
                ></iframe>
            </Show>
            <p
                class=move || if failed() { "banner banner-warn scanner-status" } else { "hint scanner-status" }
                role=move || if failed() { "alert" } else { "status" }
            >
                {words}
            </p>
        </div>
    }
}

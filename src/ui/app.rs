//! The root component: creates the app state, keeps the document in step with it, and hosts
//! the router inside the shell.

use leptos::prelude::*;
use leptos_router::components::Router;

use super::routes::{AppRoutes, Build, Pages};
use super::shell::Shell;
use super::state::AppState;

/// Mounts one build of the app on `<body>`, in a task of its own: the task that compiled and
/// instantiated the module ends first, so the browser can answer input between the two (one
/// long start-up task was most of a phone's blocking time), while the first paint stays.
pub fn mount(build: Build, pages: Pages) {
    console_error_panic_hook::set_once();
    set_timeout(
        move || {
            super::boot::remove();
            leptos::mount::mount_to_body(move || view! { <App bundle=build pages /> });
        },
        std::time::Duration::ZERO,
    );
}

/// The whole app, as mounted on `<body>`: one build of it.
#[component]
pub fn App(
    /// Which build this is.
    bundle: Build,
    /// The pages it shows.
    pages: Pages,
) -> impl IntoView {
    let state = AppState::load(bundle.reads_records_at_start());
    provide_context(state);
    provide_context(bundle);

    // `<html lang>` follows the interface language so screen readers pronounce it right.
    Effect::new(move |_| {
        let code = state.lang.get().code();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", code);
        }
    });

    // Another tab changed storage: merge what it wrote, so both tabs show every pledge.
    let _listener = window_event_listener(leptos::ev::storage, move |e| {
        state.reload_from_other_tab(e.key());
    });

    view! {
        <Router>
            <Shell>
                <AppRoutes bundle pages />
            </Shell>
        </Router>
    }
}

//! The root component: creates the app state, keeps the document in step with it, and hosts
//! the router inside the shell.

use leptos::prelude::*;
use leptos_router::components::Router;

use super::routes::AppRoutes;
use super::shell::Shell;
use super::state::AppState;

/// The whole app, as mounted on `<body>`.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);

    // `<html lang>` follows the interface language so screen readers pronounce it right.
    Effect::new(move |_| {
        let code = state.lang.get().code();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", code);
        }
    });

    view! {
        <Router>
            <Shell>
                <AppRoutes />
            </Shell>
        </Router>
    }
}

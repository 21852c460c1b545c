//! The root component: creates the app state, keeps the document in step with it, and hosts
//! the router inside the shell.

use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;

use super::routes::{AppRoutes, Build, Pages};
use super::shell::Shell;
use super::state::AppState;

/// How far the app has drawn itself while it starts ([`mount`]): the frame (header, menu,
/// footer) with the state, then the page, then the parts a page draws [`Later`], then shown.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
pub enum Stage {
    /// The state and the frame.
    Frame,
    /// The page, but for its later parts.
    Page,
    /// Everything, not yet on screen.
    Whole,
    /// On screen in place of the first paint: how the app stays once started.
    Shown,
}

impl Stage {
    /// The stage after this one.
    fn next(self) -> Self {
        match self {
            Stage::Frame => Stage::Page,
            Stage::Page => Stage::Whole,
            Stage::Whole | Stage::Shown => Stage::Shown,
        }
    }

    /// The name of the performance mark set as the stage begins.
    fn mark(self) -> &'static str {
        match self {
            Stage::Frame => "app:frame",
            Stage::Page => "app:page",
            Stage::Whole => "app:whole",
            Stage::Shown => "app:shown",
        }
    }
}

/// Mounts one build of the app behind the first paint, a [`Stage`] a task, into an element
/// outside the document, then moves it into `<body>` in place of the first paint in one go: the
/// browser never paints a part of it, the document holds the first paint alone until then, and
/// the browser can answer input between the tasks (one long start-up task was most of a
/// phone's blocking time). Each stage sets a performance mark as it begins.
pub fn mount(build: Build, pages: Pages) {
    console_error_panic_hook::set_once();
    let stage = RwSignal::new(Stage::Frame);
    let Ok(away) = document().create_element("div") else {
        return;
    };
    fn mark(stage: Stage) {
        if let Some(performance) = window().performance() {
            let _ = performance.mark(stage.mark());
        }
    }
    fn next(stage: RwSignal<Stage>, away: web_sys::Element) {
        set_timeout(
            move || {
                let now = stage.get_untracked().next();
                mark(now);
                if now == Stage::Shown {
                    super::boot::remove();
                    if let Some(body) = document().body() {
                        while let Some(node) = away.first_child() {
                            let _ = body.append_child(&node);
                        }
                    }
                } else {
                    next(stage, away);
                }
                stage.set(now);
            },
            std::time::Duration::ZERO,
        );
    }
    // The task that compiled and instantiated the module ends first.
    set_timeout(
        move || {
            mark(Stage::Frame);
            leptos::mount::mount_to(away.clone().unchecked_into(), move || {
                view! { <App bundle=build pages stage /> }
            })
            .forget();
            next(stage, away);
        },
        std::time::Duration::ZERO,
    );
}

/// A part of a page drawn in a task after the rest of it while the app starts (see [`mount`]):
/// each such part splits the start's work, so no task is long on a phone. What it holds is
/// there before the app shows, so where it goes does not matter to the eye; once started (a
/// page reached through the menu) it is drawn at once.
#[component]
pub fn Later<T: IntoView + 'static>(children: TypedChildren<T>) -> impl IntoView {
    let stage = stage();
    // A memo: it changes once, so the part is drawn once (the stage moves on after it).
    let whole = Memo::new(move |_| stage.get() >= Stage::Whole);
    let children = StoredValue::new_local(Some(children.into_inner()));
    move || {
        whole
            .get()
            .then(|| {
                children
                    .try_update_value(Option::take)
                    .flatten()
                    .map(|c| c())
            })
            .flatten()
    }
}

/// Whether the app is on screen: what needs it there (moving focus) waits for it.
pub fn shown() -> Signal<bool> {
    let stage = stage();
    Memo::new(move |_| stage.get() == Stage::Shown).into()
}

/// The app's [`Stage`]; [`Stage::Shown`] outside a started app.
fn stage() -> Signal<Stage> {
    use_context::<Signal<Stage>>().unwrap_or_else(|| Signal::from(Stage::Shown))
}

/// The whole app, as mounted on `<body>`: one build of it.
#[component]
pub fn App(
    /// Which build this is.
    bundle: Build,
    /// The pages it shows.
    pages: Pages,
    /// How far to draw while it starts ([`Stage::Shown`] when mounted at once).
    #[prop(into)]
    stage: Signal<Stage>,
) -> impl IntoView {
    let state = AppState::load(bundle.reads_records_at_start());
    provide_context(state);
    provide_context(bundle);
    let page = Memo::new(move |_| stage.get() >= Stage::Page);
    provide_context(stage);

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
                {move || page.get().then(|| view! { <AppRoutes bundle pages /> })}
            </Shell>
        </Router>
    }
}

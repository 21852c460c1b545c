//! The frame around every page: skip link, header with the app's name and the language switch,
//! the navigation of the two audiences, and the footer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::i18n::Lang;
use super::routes::{Build, Page};
use super::state::AppState;
use crate::storage::{Problem, SaveError};

/// The frame of the app; the current page is its child.
#[component]
pub fn Shell(
    /// The routed page.
    children: Children,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <a class="skip-link" href="#main">{move || state.t().skip_to_content}</a>
        <Header />
        <StorageBanners />
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>{move || state.t().privacy_note}</p>
        </footer>
    }
}

/// What the person must know about storage: memory only, read-only, data set aside, a save
/// that failed (with how full storage is and what to do).
#[component]
fn StorageBanners() -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = move || state.storage.get();
    let quarantined = move || {
        status()
            .problems
            .iter()
            .filter(|p| matches!(p, Problem::Quarantined { .. } | Problem::Unreadable { .. }))
            .count()
    };
    let failure = move || {
        let t = &state.t().storage;
        status().last_error.map(|e| match e {
            SaveError::ReadOnly => t.read_only_refused.to_owned(),
            SaveError::Write { usage, .. } => format!(
                "{} {} {}",
                t.save_failed,
                (t.usage_now)(&state.lang.get().percent(usage.permille())),
                t.what_to_do
            ),
        })
    };
    view! {
        <Show when=move || !status().persistent>
            <p class="banner banner-warn" role="status">{move || state.t().storage.memory_only}</p>
        </Show>
        <Show when=move || status().read_only>
            <p class="banner banner-warn" role="status">{move || state.t().storage.read_only}</p>
        </Show>
        <Show when=move || { quarantined() > 0 }>
            <p class="banner banner-warn" role="status">
                {move || (state.t().storage.quarantined)(quarantined())} " "
                <a href=Page::Data.href() rel=Page::Data.rel_from(expect_context::<Build>())>
                    {move || state.t().storage.to_data_page}
                </a>
            </p>
        </Show>
        {move || {
            failure()
                .map(|text| {
                    view! {
                        <p class="banner banner-error" role="alert">
                            {text} " "
                            <a href=Page::Data.href() rel=Page::Data.rel_from(expect_context::<Build>())>
                    {move || state.t().storage.to_data_page}
                </a>
                        </p>
                    }
                })
        }}
    }
}

/// The header: the app's name linking home, the menu button on narrow screens, the language
/// switch and the navigation.
#[component]
fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    let menu_open = RwSignal::new(false);
    // A followed link closes the menu on phones. The path must be read, not only tracked: a
    // memo that is never read is never recomputed, so `track()` alone never fires again.
    let location = use_location();
    Effect::new(move |_| {
        let _path = location.pathname.get();
        menu_open.set(false);
    });
    // The path as the menu's links write it: without a trailing slash but for the home page's.
    let path = Memo::new(move |_| {
        location.pathname.with(|p| match p.strip_suffix('/') {
            Some(rest) if !rest.is_empty() => rest.to_owned(),
            _ => p.clone(),
        })
    });

    view! {
        <header class="site-header">
            <div class="header-bar">
                <a
                    href=Page::Home.href()
                    class="brand"
                    rel=Page::Home.rel_from(expect_context::<Build>())
                >
                    <svg class="brand-drop" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                        <path d="M12 2.5C9 7 5.5 10.6 5.5 14.6a6.5 6.5 0 0 0 13 0C18.5 10.6 15 7 12 2.5z" />
                    </svg>
                    <span class="brand-text">
                        <span class="brand-name">{move || state.t().app_name}</span>
                        <span class="brand-tagline">{move || state.t().tagline}</span>
                    </span>
                </a>
                <LanguageSwitch />
                <button
                    type="button"
                    class="menu-button"
                    aria-controls="main-nav"
                    aria-expanded=move || menu_open.get().to_string()
                    on:click=move |_| menu_open.update(|open| *open = !*open)
                >
                    <span class="menu-icon" aria-hidden="true"></span>
                    {move || state.t().menu}
                </button>
            </div>
            <nav
                id="main-nav"
                class="main-nav"
                class:open=move || menu_open.get()
                aria-label=move || state.t().main_nav
            >
                <NavGroup heading=move || state.t().volunteers pages=&Page::VOLUNTEER path />
                <NavGroup heading=move || state.t().organizers pages=&Page::ORGANIZER path />
            </nav>
        </header>
    }
}

/// One audience's links, under that audience's name. Plain links: the router follows a link of
/// its own build without a page load all the same, and `aria-current` comes from one memo of the
/// path rather than a router link's few reactive parts each, which made the frame a long task on
/// a phone.
#[component]
fn NavGroup(
    /// The audience's name, in the current language.
    heading: impl Fn() -> &'static str + Send + Sync + Copy + 'static,
    /// The audience's pages, in order.
    pages: &'static [Page],
    /// The page shown, by its path.
    path: Memo<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let here = expect_context::<Build>();
    view! {
        <div class="nav-group">
            <span class="nav-heading">{heading}</span>
            <ul>
                {pages
                    .iter()
                    .map(|&page| {
                        view! {
                            <li>
                                <a
                                    href=page.href()
                                    rel=page.rel_from(here)
                                    aria-current=move || path.with(|p| p == page.href()).then_some("page")
                                >
                                    {move || page.text(state.t()).title}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// Buttons that switch the interface language; the chosen one is pressed, and the choice is
/// remembered on this device.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="lang-switch" role="group" aria-label=move || state.t().language>
            {Lang::ALL
                .into_iter()
                .map(|lang| {
                    view! {
                        <button
                            type="button"
                            lang=lang.code()
                            aria-pressed=move || (state.lang.get() == lang).to_string()
                            on:click=move |_| state.set_lang(lang)
                        >
                            {lang.endonym()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

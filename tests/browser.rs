//! wasm-bindgen tests in headless Chromium: the storage probe and preferences against the real
//! localStorage, and components mounted in a real DOM.
//!
//! Run with `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test
//! browser` (scripts/test does). All tests share one page and one localStorage, so each starts by
//! clearing what it reads.
#![cfg(target_arch = "wasm32")]

use hien_mau::storage::{LocalStore, prefs};
use hien_mau::ui::{App, LanguageSwitch, state::AppState};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("the test browser has localStorage")
}

fn fresh_container() -> web_sys::HtmlElement {
    let doc = document();
    let div: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

fn click(root: &web_sys::Element, selector: &str) {
    let el: web_sys::HtmlElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into();
    el.click();
}

#[wasm_bindgen_test]
fn the_storage_probe_accepts_a_working_local_storage_and_leaves_nothing_behind() {
    local_storage().clear().unwrap();
    assert!(LocalStore::probe().is_ok());
    assert_eq!(
        local_storage().length().unwrap(),
        0,
        "the probe key was left behind"
    );
}

#[wasm_bindgen_test]
fn the_language_preference_round_trips_through_local_storage() {
    local_storage().clear().unwrap();
    let store = LocalStore::probe().unwrap();
    assert_eq!(prefs::load_lang(&store), None);
    prefs::save_lang(&store, "en").unwrap();
    assert_eq!(prefs::load_lang(&store).as_deref(), Some("en"));
    assert_eq!(
        local_storage().get_item(prefs::KEY).unwrap().as_deref(),
        Some(r#"{"schema":1,"lang":"en"}"#)
    );
}

#[wasm_bindgen_test]
fn unreadable_preferences_are_ignored_and_left_in_place() {
    local_storage().clear().unwrap();
    local_storage().set_item(prefs::KEY, "{not json").unwrap();
    let store = LocalStore::probe().unwrap();
    assert_eq!(prefs::load_lang(&store), None);
    let owner = Owner::new();
    let state = owner.with(AppState::load);
    assert_eq!(state.lang.get_untracked().code(), "vi");
    assert_eq!(
        local_storage().get_item(prefs::KEY).unwrap().as_deref(),
        Some("{not json"),
        "loading must not overwrite what it cannot read"
    );
}

#[wasm_bindgen_test]
async fn the_language_switch_presses_the_chosen_language_and_remembers_it() {
    local_storage().clear().unwrap();
    let container = fresh_container();
    let handle = leptos::mount::mount_to(container.clone(), || {
        let state = AppState::load();
        provide_context(state);
        view! {
            <LanguageSwitch />
            <p id="name">{move || state.t().app_name}</p>
        }
    });
    let pressed = |code: &str| {
        container
            .query_selector(&format!("button[lang={code}]"))
            .unwrap()
            .unwrap()
            .get_attribute("aria-pressed")
    };
    let name = || {
        container
            .query_selector("#name")
            .unwrap()
            .unwrap()
            .text_content()
    };

    assert_eq!(pressed("vi").as_deref(), Some("true"));
    assert_eq!(pressed("en").as_deref(), Some("false"));
    assert_eq!(name().as_deref(), Some("Hiến máu tình nguyện"));

    click(&container, "button[lang=en]");
    leptos::task::tick().await;

    assert_eq!(pressed("en").as_deref(), Some("true"));
    assert_eq!(pressed("vi").as_deref(), Some("false"));
    assert_eq!(name().as_deref(), Some("Voluntary blood donation"));
    let store = LocalStore::probe().unwrap();
    assert_eq!(prefs::load_lang(&store).as_deref(), Some("en"));
    drop(handle);
}

#[wasm_bindgen_test]
async fn the_app_keeps_html_lang_in_step_with_the_interface_language() {
    local_storage().clear().unwrap();
    prefs::save_lang(&LocalStore::probe().unwrap(), "en").unwrap();
    let container = fresh_container();
    let handle = leptos::mount::mount_to(container.clone(), App);
    leptos::task::tick().await;
    let html = document().document_element().unwrap();
    assert_eq!(
        html.get_attribute("lang").as_deref(),
        Some("en"),
        "the stored language is restored"
    );
    assert!(container.query_selector("nav#main-nav").unwrap().is_some());

    click(&container, ".lang-switch button[lang=vi]");
    leptos::task::tick().await;
    assert_eq!(html.get_attribute("lang").as_deref(), Some("vi"));
    drop(handle);
}

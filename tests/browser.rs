//! wasm-bindgen tests in headless Chromium: the storage probe and preferences against the real
//! localStorage, and components mounted in a real DOM.
//!
//! Run with `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test
//! browser` (scripts/test does). All tests share one page and one localStorage, so each starts by
//! clearing what it reads.
#![cfg(target_arch = "wasm32")]

use hien_mau::domain::generate::{GenerateOptions, generate};
use hien_mau::storage::{LocalRepository, Problem, Repository, SaveError, Store, prefs};
use hien_mau::ui::{App, Build, LanguageSwitch, Stage, state::AppState, volunteer_page};
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
    assert!(LocalRepository::probe().is_ok());
    assert_eq!(
        local_storage().length().unwrap(),
        0,
        "the probe key was left behind"
    );
}

#[wasm_bindgen_test]
fn the_language_preference_round_trips_through_local_storage() {
    local_storage().clear().unwrap();
    let mut repo = LocalRepository::probe().unwrap();
    assert_eq!(prefs::load_lang(&repo), None);
    prefs::save_lang(&mut repo, "en").unwrap();
    assert_eq!(prefs::load_lang(&repo).as_deref(), Some("en"));
    assert_eq!(
        local_storage().get_item(prefs::KEY).unwrap().as_deref(),
        Some(r#"{"schema":1,"lang":"en"}"#)
    );
}

#[wasm_bindgen_test]
fn unreadable_preferences_are_ignored_and_left_in_place() {
    local_storage().clear().unwrap();
    local_storage().set_item(prefs::KEY, "{not json").unwrap();
    let repo = LocalRepository::probe().unwrap();
    assert_eq!(prefs::load_lang(&repo), None);
    let owner = Owner::new();
    let state = owner.with(|| AppState::load(true));
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
        let state = AppState::load(true);
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
    let repo = LocalRepository::probe().unwrap();
    assert_eq!(prefs::load_lang(&repo).as_deref(), Some("en"));
    drop(handle);
}

#[wasm_bindgen_test]
async fn the_app_keeps_html_lang_in_step_with_the_interface_language() {
    local_storage().clear().unwrap();
    prefs::save_lang(&mut LocalRepository::probe().unwrap(), "en").unwrap();
    let container = fresh_container();
    let handle = leptos::mount::mount_to(container.clone(), || {
        view! { <App bundle=Build::Volunteer pages=volunteer_page stage=Stage::Shown /> }
    });
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

fn fill_to_quota(storage: &web_sys::Storage) -> usize {
    // Fill with 64 Ki-character blocks, then smaller ones, until the browser refuses.
    let mut n = 0;
    for size in [65_536usize, 4_096, 256, 16, 1] {
        let block = "x".repeat(size);
        while storage.set_item(&format!("filler/{n}"), &block).is_ok() {
            n += 1;
        }
    }
    n
}

#[wasm_bindgen_test]
fn a_save_into_full_storage_is_refused_and_loses_nothing() {
    local_storage().clear().unwrap();
    let today = "2024-06-01".parse().unwrap();
    let ledger = generate(&GenerateOptions::new(5, 200, today));
    let (mut store, _) = Store::open(LocalRepository::probe().unwrap(), "test", || "dev".into());
    store.replace_all(&ledger, "test").unwrap();

    let storage = local_storage();
    let fillers = fill_to_quota(&storage);
    assert!(fillers > 0);
    let snapshot: Vec<(String, Option<String>)> = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .filter(|k| k.starts_with("hienmau/"))
        .map(|k| (k.clone(), storage.get_item(&k).unwrap()))
        .collect();

    let mut bigger = ledger.pledges().next().unwrap().clone();
    bigger.status = hien_mau::domain::PledgeStatus::Cancelled {
        reason: "y".repeat(50_000),
        at: hien_mau::domain::Timestamp(i64::MAX / 2),
    };
    bigger.updated_at = hien_mau::domain::Timestamp(i64::MAX / 2);
    let Err(SaveError::Write { error, usage }) = store.save_pledge(&bigger, None) else {
        panic!("a save into full storage succeeded");
    };
    assert!(!error.detail.is_empty());
    assert!(
        usage.permille() >= 990,
        "storage reported {} per mille full",
        usage.permille()
    );
    for (key, value) in &snapshot {
        assert_eq!(&storage.get_item(key).unwrap(), value, "{key} changed");
    }
    for i in 0..fillers {
        storage.remove_item(&format!("filler/{i}")).unwrap();
    }
    let (_, loaded) = Store::open(LocalRepository::probe().unwrap(), "test", || "dev".into());
    assert_eq!(
        loaded.ledger, ledger,
        "everything saved before is still there"
    );
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_corrupted_key_in_real_local_storage_is_set_aside_and_reported() {
    local_storage().clear().unwrap();
    let today = "2024-06-01".parse().unwrap();
    let ledger = generate(&GenerateOptions::new(6, 100, today));
    let (mut store, _) = Store::open(LocalRepository::probe().unwrap(), "test", || "dev".into());
    store.replace_all(&ledger, "test").unwrap();
    let repo = LocalRepository::probe().unwrap();
    let key = repo
        .keys()
        .into_iter()
        .find(|k| k.starts_with("hienmau/donors/"))
        .unwrap();
    local_storage()
        .set_item(&key, "{\"v\":2,\"r\":[[tru")
        .unwrap();

    let (store, loaded) = Store::open(LocalRepository::probe().unwrap(), "test", || "dev".into());
    assert!(matches!(&loaded.problems[..], [Problem::Quarantined { key: k, .. }] if *k == key));
    assert_eq!(
        local_storage()
            .get_item(&format!("hienmau/quarantine/{key}"))
            .unwrap()
            .as_deref(),
        Some("{\"v\":2,\"r\":[[tru")
    );
    assert_eq!(store.quarantined().len(), 1);
    assert_eq!(
        loaded.ledger.pledges().count(),
        ledger.pledges().count(),
        "pledges still load"
    );
    local_storage().clear().unwrap();
}

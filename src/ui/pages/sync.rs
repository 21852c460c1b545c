//! The sync page ("Đồng bộ / Sync"): the status with "Sync now", the server (address,
//! database, account; the password asked and never kept) with "Create this campaign's
//! database" for the first device and "Join" for the others, pairing a device by QR code or
//! link (the key in the fragment), a key arriving by such a link, and what sync never sends.
//! Without a secure context (no WebCrypto) it says why sync is off and shows nothing else.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::PageHeading;
use crate::share::qr::qr_svg;
use crate::share::scan::{CodeKind, claimed};
use crate::storage::json;
use crate::sync::couch::Couch;
use crate::sync::dropbox::web::new_key_pair;
use crate::sync::dropbox::{BOX_KEY, key_pair_text, parse_key_pair};
use crate::sync::state::{CONFIG, Config, ConfigError, KEY, key_text, parse_key};
use crate::sync::webcrypto::{available, new_key};
use crate::sync::wire::query_escape;
use crate::sync::{SyncError, runner};
use crate::ui::form::Field;
use crate::ui::i18n::sync::{SyncPageTexts, page_texts, status_texts};
use crate::ui::routes::Page;
use crate::ui::scanner::{ScanButton, ScanKind, not_wanted};
use crate::ui::state::AppState;
use crate::ui::sync_line::SyncLine;

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn stored_key() -> Option<Vec<u8>> {
    parse_key(&stored(KEY)?)
}

fn stored_config() -> Option<Config> {
    json::from_str(&storage()?.get_item(CONFIG).ok().flatten()?).ok()
}

fn keep(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// What a pairing link's fragment carries: `#pair=<key>&server=<url>&db=<name>&box=<pair>`
/// (the drop box's key pair; links made before drop boxes have none).
struct Pairing {
    key: Option<Vec<u8>>,
    dropbox: Option<String>,
    server: String,
    db: String,
}

fn decode(text: &str) -> String {
    js_sys::decode_uri_component(text)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

fn incoming_pairing() -> Option<Pairing> {
    let hash = window().location().hash().ok()?;
    let fragment = hash.strip_prefix('#')?;
    let mut pairing = Pairing {
        key: None,
        dropbox: None,
        server: String::new(),
        db: String::new(),
    };
    let mut found = false;
    for part in fragment.split('&') {
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        match name {
            "pair" => {
                found = true;
                pairing.key = parse_key(&decode(value));
            }
            "box" => pairing.dropbox = Some(decode(value)).filter(|t| parse_key_pair(t).is_some()),
            "server" => pairing.server = decode(value),
            "db" => pairing.db = decode(value),
            _ => {}
        }
    }
    found.then_some(pairing)
}

fn pairing_link(key: &[u8], config: Option<&Config>) -> String {
    let origin = window().location().origin().unwrap_or_default();
    let mut link = format!("{origin}{}/#pair={}", Page::Sync.href(), key_text(key));
    if let Some(c) = config {
        link.push_str(&format!(
            "&server={}&db={}",
            query_escape(&c.server),
            query_escape(&c.db)
        ));
    }
    if let Some(pair) = stored(BOX_KEY) {
        link.push_str(&format!("&box={pair}"));
    }
    link
}

/// The sync page.
#[component]
pub fn SyncPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || page_texts(state.lang.get());
    if !available() {
        return view! {
            <PageHeading page=Some(Page::Sync) />
            <p class="banner banner-warn" role="status">{move || t().insecure}</p>
            <NeverSent />
        }
        .into_any();
    }
    let has_key = RwSignal::new(stored_key().is_some());
    let configured = RwSignal::new(stored_config().is_some());
    view! {
        <PageHeading page=Some(Page::Sync) />
        <Incoming has_key />
        <section class="card" aria-labelledby="sync-status">
            <h2 id="sync-status">{move || t().status_heading}</h2>
            {move || if configured.get() {
                view! { <SyncLine engine=false /> }.into_any()
            } else {
                view! { <p>{move || status_texts(state.lang.get()).never}</p> }.into_any()
            }}
        </section>
        <ServerForm has_key configured />
        <PairDevice has_key />
        <NeverSent />
    }
    .into_any()
}

/// A key arriving by a pairing link: what it is, and "Use this key".
#[component]
fn Incoming(
    /// Whether this device has a campaign key (set when the key is taken).
    has_key: RwSignal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || page_texts(state.lang.get());
    let Some(pairing) = incoming_pairing() else {
        return ().into_any();
    };
    let done = RwSignal::new(false);
    let replaces = stored_key().is_some_and(|k| Some(&k) != pairing.key.as_ref());
    let Some(key) = pairing.key.clone() else {
        return view! { <p class="banner banner-error" role="alert">{move || t().incoming_bad}</p> }
            .into_any();
    };
    let dropbox = pairing.dropbox.clone();
    let accept = move |_| {
        keep(KEY, &key_text(&key));
        if let Some(pair) = &dropbox {
            keep(BOX_KEY, pair);
        }
        let _ = window().history().and_then(|h| {
            h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(Page::Sync.href()))
        });
        has_key.set(true);
        done.set(true);
        runner::poke();
    };
    view! {
        <section class="card" aria-labelledby="sync-incoming">
            <h2 id="sync-incoming">{move || t().incoming_heading}</h2>
            <Show
                when=move || done.get()
                fallback=move || {
                    view! {
                        <p>{move || t().incoming_body}</p>
                        {replaces.then(|| view! { <p class="banner banner-warn">{move || t().incoming_replaces}</p> })}
                        <button type="button" class="button" on:click=accept.clone()>
                            {move || t().incoming_accept}
                        </button>
                    }
                }
            >
                <p role="status">{move || t().incoming_done}</p>
            </Show>
        </section>
    }
    .into_any()
}

/// The server form: address, database, account, password; create or join.
#[component]
fn ServerForm(
    /// Whether this device has a campaign key (set when creating one).
    has_key: RwSignal<bool>,
    /// Whether sync is set up here (set once signed in).
    configured: RwSignal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || page_texts(state.lang.get());
    let now = stored_config().unwrap_or_default();
    let from_link = incoming_pairing()
        .map(|p| (p.server, p.db))
        .filter(|(s, _)| !s.is_empty());
    let (server0, db0) = if now.server.is_empty() {
        from_link.unwrap_or_default()
    } else {
        (now.server.clone(), now.db.clone())
    };
    let server = RwSignal::new(server0);
    let db = RwSignal::new(db0);
    let user = RwSignal::new(now.user);
    let password = RwSignal::new(String::new());
    let server_msg = RwSignal::new(None::<&'static str>);
    let db_msg = RwSignal::new(None::<&'static str>);
    let user_msg = RwSignal::new(None::<&'static str>);
    let password_msg = RwSignal::new(None::<&'static str>);
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);

    let submit = move |create: bool| {
        let t = page_texts(state.lang.get());
        let parsed = Config::parse(&server.get(), &db.get(), &user.get());
        server_msg.set(matches!(parsed, Err(ConfigError::Server)).then_some(t.server_invalid));
        db_msg.set(matches!(parsed, Err(ConfigError::Db)).then_some(t.db_invalid));
        user_msg.set(matches!(parsed, Err(ConfigError::User)).then_some(t.user_invalid));
        let pw = password.get();
        password_msg.set(pw.is_empty().then_some(t.password_missing));
        let Ok(config) = parsed else { return };
        if pw.is_empty() {
            return;
        }
        busy.set(true);
        outcome.set(None);
        spawn_local(async move {
            let couch = Couch::new(&config);
            let result = async {
                couch.sign_in(&config.user, &pw).await?;
                if create {
                    let created = couch.create(&config.user).await?;
                    couch.create_box(&config.user).await?;
                    Ok(Some(created))
                } else {
                    couch.check().await.map(|_| None)
                }
            }
            .await;
            let lang = state.lang.get_untracked();
            let (t, line) = (page_texts(lang), status_texts(lang));
            busy.set(false);
            password.set(String::new());
            match result {
                Ok(created) => {
                    if create
                        && stored_key().is_none()
                        && let Ok(key) = new_key()
                    {
                        keep(KEY, &key_text(&key));
                        has_key.set(true);
                    }
                    // The drop box's key pair is made with the campaign's (or, for a campaign
                    // made before drop boxes, the next time its organizer creates).
                    if create
                        && stored(BOX_KEY).and_then(|t| parse_key_pair(&t)).is_none()
                        && let Ok((private, public)) = new_key_pair().await
                    {
                        keep(BOX_KEY, &key_pair_text(&private, &public));
                    }
                    keep(CONFIG, &json::to_string(&config));
                    configured.set(true);
                    let mut text = match created {
                        Some(true) => t.created.to_owned(),
                        Some(false) => t.existed.to_owned(),
                        None => t.joined.to_owned(),
                    };
                    if stored_key().is_none() {
                        text = format!("{text} {}", t.pair_next);
                    }
                    outcome.set(Some(Ok(text)));
                    runner::poke();
                }
                Err(e) => outcome.set(Some(Err((line.trouble)(SyncError::Wire(e).trouble())))),
            }
        });
    };

    let field = move |id: &'static str,
                      label: fn(&SyncPageTexts) -> &'static str,
                      hint: Option<fn(&SyncPageTexts) -> &'static str>,
                      kind: &'static str,
                      auto: &'static str,
                      value: RwSignal<String>,
                      msg: RwSignal<Option<&'static str>>| {
        let message = Signal::derive(move || msg.get().map(str::to_owned));
        match hint {
            Some(h) => view! {
                <Field id=id label=move || label(t()) value=value message=message kind=kind
                    hint=move || h(t()) autocomplete=auto />
            }
            .into_any(),
            None => view! {
                <Field id=id label=move || label(t()) value=value message=message kind=kind
                    autocomplete=auto />
            }
            .into_any(),
        }
    };

    view! {
        <section class="card" aria-labelledby="sync-server">
            <h2 id="sync-server">{move || t().server_heading}</h2>
            <p>{move || t().server_intro}</p>
            <form on:submit=move |ev| {
                ev.prevent_default();
                submit(false);
            }>
                {field("sync-server-url", |t| t.server, Some(|t| t.server_hint), "url", "url", server, server_msg)}
                {field("sync-db", |t| t.db, Some(|t| t.db_hint), "text", "off", db, db_msg)}
                {field("sync-user", |t| t.user, None, "text", "username", user, user_msg)}
                {field("sync-password", |t| t.password, Some(|t| t.password_hint), "password", "current-password", password, password_msg)}
                <div class="actions">
                    <button type="submit" class="button" disabled=move || busy.get()>
                        {move || t().join}
                    </button>
                    <button type="button" class="button button-secondary" disabled=move || busy.get() on:click=move |_| submit(true)>
                        {move || t().create}
                    </button>
                </div>
            </form>
            <Show when=move || busy.get()>
                <p role="status">{move || t().working}</p>
            </Show>
            {move || outcome.get().map(|r| match r {
                Ok(text) => view! { <p class="banner banner-ok" role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="banner banner-error" role="alert">{text}</p> }.into_any(),
            })}
        </section>
    }
}

/// Pairing another device: the QR code and link carrying this device's campaign key.
#[component]
fn PairDevice(
    /// Whether this device has a campaign key.
    has_key: RwSignal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || page_texts(state.lang.get());
    let shown = RwSignal::new(false);
    let link = move || stored_key().map(|k| pairing_link(&k, stored_config().as_ref()));
    // The pairing code of a synced device, read by this one's camera: opened here as its link
    // would be (the page reads its fragment); any other code says what it is and changes nothing.
    let said = RwSignal::new(None::<String>);
    let on_scan = Callback::new(move |text: String| match claimed(&text) {
        CodeKind::Pairing => {
            let location = window().location();
            let fragment = text.split_once('#').map_or("", |(_, f)| f);
            if location.set_hash(fragment).is_ok() {
                let _ = location.reload();
            }
        }
        other => said.set(Some(not_wanted(state.t().scan(), ScanKind::Pairing, other))),
    });
    view! {
        <section class="card" aria-labelledby="sync-pair">
            <h2 id="sync-pair">{move || t().pair_heading}</h2>
            <p>{move || t().pair_intro}</p>
            <Show when=move || has_key.get() fallback=move || view! { <p>{move || t().pair_no_key}</p> }>
                <Show
                    when=move || shown.get()
                    fallback=move || view! {
                        <button type="button" class="button button-secondary" on:click=move |_| shown.set(true)>{move || t().pair_show}</button>
                    }
                >
                    <p class="banner banner-warn">{move || t().pair_warning}</p>
                    {move || link().and_then(|l| qr_svg(&l, t().pair_link).ok()).map(|svg| view! {
                        <div class="qr" inner_html=svg></div>
                    })}
                    <div class="field">
                        <label for="sync-pair-link">{move || t().pair_link}</label>
                        <input id="sync-pair-link" class="share-link" type="text" readonly prop:value=move || link().unwrap_or_default() />
                    </div>
                </Show>
            </Show>
            <ScanButton on_text=on_scan kind=ScanKind::Pairing />
            {move || said.get().map(|s| view! { <p class="banner banner-warn scan-said" role="alert">{s}</p> })}
        </section>
    }
}

/// What sync never sends, and what a server's operator can see.
#[component]
fn NeverSent() -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || page_texts(state.lang.get());
    view! {
        <section class="card" aria-labelledby="sync-never">
            <h2 id="sync-never">{move || t().never_heading}</h2>
            <ul>
                {(0..4).map(|i| view! { <li>{move || t().never_items[i]}</li> }).collect_view()}
            </ul>
            <h3>{move || t().operator_heading}</h3>
            <p>{move || t().operator_body}</p>
        </section>
    }
}

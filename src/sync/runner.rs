//! The engine at work in a page: the sync page, and the hidden frame (`/organizer/sync/?run`)
//! every organizer page adds after its first paint. It syncs at start, when a stored shard
//! changes (a page saved; batched: changes made while a sync runs go in the next one), when the
//! network comes back, when a page asks ("Sync now" writes [`REQUEST`]), when the server has a
//! change (a long poll of `_changes`), and every few minutes. Each sync opens the store afresh
//! (so it sees what every tab saved), and writes the status pages show.
//!
//! One engine per device, not per tab: an engine syncs only while it holds the device's lock
//! (`lead`): the browser's Web Locks (`navigator.locks`, released when its page goes), or
//! where a browser lacks them a lease in storage renewed while the page lives. Every other
//! organizer tab waits for the lock and shows the status the engine holding it writes.

use std::cell::{Cell, RefCell};

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, spawn_local};

use super::couch::Couch;
use super::doc::is_synced_key;
use super::engine::{Outcome, SyncError, sync_once};
use super::state::{CONFIG, Config, KEY, LINE, REQUEST, Status, SyncState, Trouble, load_key};
use super::webcrypto::{WebCipher, available, random_bytes};
use crate::domain::DomainError;
use crate::storage::store::SETUP;
use crate::storage::{LocalRepository, Repository, Store};

/// A sync when nothing else called for one, in ms.
const QUIET_MS: i32 = 5 * 60 * 1000;
/// How long one long poll waits for a change on the server, in ms.
const POLL_MS: u32 = 25_000;
/// After a failed long poll, wait this long before the next (ms).
const BACKOFF_MS: i32 = 5_000;

/// The Web Lock an engine holds while it syncs.
const LOCK: &str = "hienmau-sync/engine";
/// Where a browser has no Web Locks, the lease in storage: `<tab> <until ms>`.
pub const LEASE: &str = "hienmau-sync/lease";
/// How long a lease lasts unless renewed (ms); it is renewed three times as often.
const LEASE_MS: i64 = 15_000;
/// How long a tab waits after writing the lease before reading who holds it (ms).
const LEASE_SETTLE_MS: i32 = 300;

/// Writes what pages show of a status (the status line in each language; the ui's).
pub type LineWriter = fn(&Status, &mut dyn Repository);

/// A refusal of the domain in words, one per language (the ui's).
pub type RefusalWords = fn(&DomainError) -> Vec<String>;

thread_local! {
    static WRITER: Cell<Option<LineWriter>> = const { Cell::new(None) };
    static WORDS: Cell<Option<RefusalWords>> = const { Cell::new(None) };
    /// This page's engine holds the device's lock (or lease).
    static LEADING: Cell<bool> = const { Cell::new(false) };
    static DIRTY: Cell<bool> = const { Cell::new(false) };
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    static WAKE: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Asks for a sync as soon as the current one (if any) is done.
pub fn poke() {
    DIRTY.with(|d| d.set(true));
    if let Some(wake) = WAKE.with(|w| w.borrow_mut().take()) {
        let _ = wake.call0(&wasm_bindgen::JsValue::NULL);
    }
}

fn set_timeout(f: &Function, ms: i32) {
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f, ms);
    }
}

/// Waits `ms`.
pub async fn sleep(ms: i32) {
    let _ = JsFuture::from(Promise::new(&mut |resolve, _| set_timeout(&resolve, ms))).await;
}

/// Waits for [`poke`] or `ms`, whichever comes first.
async fn wait_for_poke(ms: i32) {
    if DIRTY.with(Cell::get) {
        return;
    }
    let promise = Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, ms);
        WAKE.with(|w| *w.borrow_mut() = Some(resolve));
    });
    let _ = JsFuture::from(promise).await;
}

/// Starts the engine in this page once it holds the device's lock: listeners, the sync loop
/// and the watch of the server; `lines` writes what pages show of each status, `words` a
/// refusal of the domain.
pub fn start(lines: LineWriter, words: RefusalWords) {
    WRITER.with(|w| w.set(Some(lines)));
    WORDS.with(|w| w.set(Some(words)));
    lead(run_engine);
}

/// Whether this page's engine holds the device's lock.
pub fn leading() -> bool {
    LEADING.with(Cell::get)
}

/// Calls `then` once this page holds the device's lock: a Web Lock held until the page goes,
/// or else a lease in storage.
fn lead(then: fn()) {
    let locks = web_sys::window()
        .and_then(|w| Reflect::get(&w.navigator(), &JsValue::from_str("locks")).ok())
        .filter(JsValue::is_object);
    let request = locks.as_ref().and_then(|l| {
        Reflect::get(l, &JsValue::from_str("request"))
            .ok()?
            .dyn_into::<Function>()
            .ok()
    });
    if let (Some(locks), Some(request)) = (locks, request) {
        let held = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
            LEADING.with(|l| l.set(true));
            then();
            // Held while the page lives: a promise that never settles.
            Promise::new(&mut |_, _| {}).into()
        });
        if request
            .call2(&locks, &JsValue::from_str(LOCK), &held)
            .is_ok()
        {
            return;
        }
    }
    spawn_local(lease(then));
}

/// Holds the lease in storage while this page lives (browsers without Web Locks): takes it
/// when it is free or lapsed, renews it, and stops syncing if another tab took it meanwhile.
async fn lease(then: fn()) {
    let me = random_bytes(8)
        .map(|b| b.iter().map(|x| format!("{x:02x}")).collect::<String>())
        .unwrap_or_else(|_| format!("{:x}", now_ms()));
    let mut started = false;
    loop {
        let Ok(mut repo) = LocalRepository::probe() else {
            return;
        };
        let now = wall_ms();
        if let Some(renewed) = take_lease(repo.get(LEASE).as_deref(), &me, now) {
            let _ = repo.set(LEASE, &renewed);
            // Two tabs that took a lapsed lease together: the one that wrote last holds it.
            sleep(LEASE_SETTLE_MS).await;
        }
        let holds = repo
            .get(LEASE)
            .is_some_and(|l| lease_holder(&l) == Some(&me));
        LEADING.with(|l| l.set(holds));
        if holds && !std::mem::replace(&mut started, true) {
            then();
        }
        sleep((LEASE_MS / 3) as i32).await;
    }
}

/// The time for leases (ms since the epoch): the performance clock from the page's start, so
/// that a change of the device's clock (or a test's fixed date) does not stop leases lapsing.
fn wall_ms() -> i64 {
    let global = js_sys::global();
    let performance = Reflect::get(&global, &JsValue::from_str("performance")).ok();
    let read = |name: &str| {
        let p = performance.as_ref()?;
        let v = Reflect::get(p, &JsValue::from_str(name)).ok()?;
        match v.dyn_ref::<Function>() {
            Some(f) => f.call0(p).ok()?.as_f64(),
            None => v.as_f64(),
        }
    };
    match (read("timeOrigin"), read("now")) {
        (Some(origin), Some(now)) => (origin + now) as i64,
        _ => now_ms(),
    }
}

/// Who holds a lease text `<tab> <until ms>`.
fn lease_holder(lease: &str) -> Option<&str> {
    lease.split_once(' ').map(|(tab, _)| tab)
}

/// The lease tab `me` writes at `now`, if it may: when none is held, when it lapsed, or
/// when `me` holds it (a renewal). `None` while another tab holds it.
pub fn take_lease(held: Option<&str>, me: &str, now: i64) -> Option<String> {
    let free = match held.and_then(|l| l.split_once(' ')) {
        None => true,
        Some((tab, until)) => tab == me || until.parse::<i64>().map_or(true, |u| u < now),
    };
    free.then(|| format!("{me} {}", now + LEASE_MS))
}

/// The engine proper, in the page that holds the lock.
fn run_engine() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_storage =
        Closure::<dyn FnMut(web_sys::StorageEvent)>::new(|e: web_sys::StorageEvent| {
            match e.key() {
                Some(k) if is_synced_key(&k) || k == REQUEST || k == CONFIG || k == KEY => poke(),
                Some(_) => {}
                None => poke(),
            }
        });
    let _ = window.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
    on_storage.forget();
    let on_online = Closure::<dyn FnMut()>::new(poke);
    let _ = window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    on_online.forget();
    spawn_local(async {
        loop {
            DIRTY.with(|d| d.set(false));
            let _ = run_once().await;
            wait_for_poke(QUIET_MS).await;
        }
    });
    spawn_local(watch_server());
}

/// Long polls the server's `_changes` and pokes the engine when something new is there, or
/// when the server answers again after failing (the network or the server came back: what
/// waits here goes out).
async fn watch_server() {
    let mut failed = false;
    loop {
        let Ok(repo) = LocalRepository::probe() else {
            return;
        };
        let Some(config) = Config::load(&repo).filter(|_| leading()) else {
            sleep(BACKOFF_MS).await;
            continue;
        };
        let since = SyncState::load(&repo).since;
        let answer = Couch::new(&config).wait_for_change(&since, POLL_MS).await;
        if answer.is_ok() && std::mem::replace(&mut failed, answer.is_err()) {
            poke();
        }
        match answer {
            Ok(true) => {
                poke();
                // The sync that follows moves the checkpoint; ask again after it.
                sleep(1_000).await;
                while RUNNING.with(Cell::get) {
                    sleep(250).await;
                }
            }
            Ok(false) => {}
            Err(_) => {
                failed = true;
                sleep(BACKOFF_MS).await;
            }
        }
    }
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// What stops a sync before it reaches the server.
fn precondition(repo: &dyn Repository) -> Result<(Config, Vec<u8>), Option<Trouble>> {
    let config = Config::load(repo).ok_or(None)?;
    if !available() {
        return Err(Some(Trouble::Insecure));
    }
    let key = load_key(repo).ok_or(Some(Trouble::NoKey))?;
    Ok((config, key))
}

/// Syncs once now (unless a sync is running: then one more follows it) and writes the status.
/// `None` when sync is not set up on this device.
pub async fn run_once() -> Option<Result<Outcome, SyncError>> {
    if RUNNING.with(Cell::get) {
        poke();
        return None;
    }
    if !leading() {
        return None;
    }
    let mut repo = LocalRepository::probe().ok()?;
    let (config, key) = match precondition(&repo) {
        Ok(found) => found,
        Err(trouble) => {
            let mut status = Status::load(&repo);
            if let Some(t) = trouble {
                status.trouble = Some(t.code());
                keep_status(&status, &mut repo);
            }
            return None;
        }
    };
    RUNNING.with(|r| r.set(true));
    let mut status = Status::load(&repo);
    status.busy = 1;
    keep_status(&status, &mut repo);
    let result = sync_with(&config, &key, repo).await;
    RUNNING.with(|r| r.set(false));
    Some(result)
}

async fn sync_with(
    config: &Config,
    key: &[u8],
    repo: LocalRepository,
) -> Result<Outcome, SyncError> {
    let device = || {
        random_bytes(8)
            .map(|b| b.iter().map(|x| format!("{x:02x}")).collect())
            .unwrap_or_else(|_| format!("{:x}", now_ms()))
    };
    let (mut store, loaded) = Store::open(repo, env!("CARGO_PKG_VERSION"), device);
    let mut ledger = loaded.ledger;
    let mut state = SyncState::load(store.repository());
    let result = match WebCipher::new(key).await {
        Ok(cipher) => {
            if store.is_read_only() {
                Err(SyncError::Save(crate::storage::SaveError::ReadOnly))
            } else {
                sync_once(
                    &Couch::new(config),
                    &cipher,
                    &mut store,
                    &mut ledger,
                    &mut state,
                )
                .await
            }
        }
        Err(_) => Err(SyncError::Crypto),
    };
    let mut status = Status::load(store.repository());
    status.busy = 0;
    status.set_aside = state.set_aside.len() as u32;
    match &result {
        Ok(outcome) => {
            status.at = Some(now_ms());
            status.waiting = outcome.waiting as u32;
            status.trouble = None;
            match (&outcome.refused, WORDS.with(Cell::get)) {
                (Some(why), Some(words)) => status.refused = Some(words(why)),
                _ if !state.is_set_aside(SETUP) => status.refused = None,
                _ => {}
            }
        }
        Err(e) => {
            status.waiting = state.waiting(store.repository()).len() as u32;
            status.trouble = Some(e.trouble().code());
        }
    }
    keep_status(&status, store.repository_mut());
    result
}

/// Keeps the status and what pages show of it, and tells this window's status line.
fn keep_status(status: &Status, repo: &mut dyn Repository) {
    status.save(repo);
    if let Some(write) = WRITER.with(Cell::get) {
        write(status, repo);
    }
    announce_status();
}

/// Tells this window's status line that the line changed: a `storage` event of its own (a
/// window does not hear its own writes), the one event the line listens to.
fn announce_status() {
    announce(LINE);
}

/// Dispatches a `storage` event for `key` in this window, which does not hear its own writes
/// (other windows do): the status line hears the engine of its page, the engine its page's
/// "Sync now".
pub fn announce(key: &str) {
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(key));
    if let (Some(w), Ok(event)) = (
        web_sys::window(),
        web_sys::StorageEvent::new_with_event_init_dict("storage", &init),
    ) {
        let _ = w.dispatch_event(&event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lease_is_taken_when_free_or_lapsed_renewed_by_its_holder_and_kept_from_others() {
        assert_eq!(take_lease(None, "a", 1_000), Some("a 16000".into()));
        assert_eq!(
            take_lease(Some("a 16000"), "a", 6_000),
            Some("a 21000".into())
        );
        assert_eq!(take_lease(Some("a 16000"), "b", 6_000), None);
        assert_eq!(
            take_lease(Some("a 16000"), "b", 16_001),
            Some("b 31001".into())
        );
        assert_eq!(take_lease(Some("garbled"), "b", 0), Some("b 15000".into()));
        assert_eq!(lease_holder("a 16000"), Some("a"));
    }
}

//! The engine at work in a page: the sync page, and the hidden frame (`/organizer/sync/?run`)
//! every organizer page adds after its first paint. It syncs at start, when a stored shard
//! changes (a page saved; batched: changes made while a sync runs go in the next one), when the
//! network comes back, when a page asks ("Sync now" writes [`REQUEST`]), when the server has a
//! change (a long poll of `_changes`), and every few minutes. Each sync opens the store afresh
//! (so it sees what every tab saved), and writes the status pages show.

use std::cell::{Cell, RefCell};

use js_sys::{Function, Promise};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_futures::{JsFuture, spawn_local};

use super::couch::Couch;
use super::doc::is_synced_key;
use super::engine::{Outcome, SyncError, sync_once};
use super::state::{CONFIG, Config, KEY, LINE, REQUEST, Status, SyncState, Trouble, load_key};
use super::webcrypto::{WebCipher, available, random_bytes};
use crate::storage::{LocalRepository, Repository, Store};

/// A sync when nothing else called for one, in ms.
const QUIET_MS: i32 = 5 * 60 * 1000;
/// How long one long poll waits for a change on the server, in ms.
const POLL_MS: u32 = 25_000;
/// After a failed long poll, wait this long before the next (ms).
const BACKOFF_MS: i32 = 5_000;

/// Writes what pages show of a status (the status line in each language; the ui's).
pub type LineWriter = fn(&Status, &mut dyn Repository);

thread_local! {
    static WRITER: Cell<Option<LineWriter>> = const { Cell::new(None) };
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

/// Starts the engine in this page: listeners, the sync loop and the watch of the server;
/// `lines` writes what pages show of each status.
pub fn start(lines: LineWriter) {
    WRITER.with(|w| w.set(Some(lines)));
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
        let Some(config) = Config::load(&repo) else {
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
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(LINE));
    if let (Some(w), Ok(event)) = (
        web_sys::window(),
        web_sys::StorageEvent::new_with_event_init_dict("storage", &init),
    ) {
        let _ = w.dispatch_event(&event);
    }
}

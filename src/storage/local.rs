//! The localStorage repository: a probe that tries a real write, and a handle that only the
//! probe can hand out, so nothing reaches gloo-storage before storage is known to work.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::{JsCast, JsValue};

use super::repository::{Repository, WriteError};

/// Why localStorage cannot be used on this device, as found by [`LocalRepository::probe`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// There is no `window` (not running in a browser page).
    NoWindow,
    /// The browser refused access to localStorage (disabled, or a privacy setting).
    Denied(String),
    /// Reading worked but a trial write failed (storage full or read-only).
    WriteFailed(String),
}

/// The browser's localStorage, once a trial write succeeded.
#[derive(Debug, Clone)]
pub struct LocalRepository {
    storage: web_sys::Storage,
}

const PROBE_KEY: &str = "hienmau/probe";

/// A readable account of a thrown JS value (a `DOMException`'s name and message, or a string).
fn describe(err: &JsValue) -> String {
    err.dyn_ref::<web_sys::DomException>()
        .map(|e| format!("{}: {}", e.name(), e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

impl LocalRepository {
    /// Tries a real write and removal through `web_sys`, and only then takes gloo-storage's
    /// handle (which traps the wasm when storage is disabled).
    pub fn probe() -> Result<LocalRepository, Unavailable> {
        let window = web_sys::window().ok_or(Unavailable::NoWindow)?;
        let storage = window
            .local_storage()
            .map_err(|e| Unavailable::Denied(describe(&e)))?
            .ok_or_else(|| Unavailable::Denied("localStorage is missing".to_owned()))?;
        storage
            .set_item(PROBE_KEY, "1")
            .map_err(|e| Unavailable::WriteFailed(describe(&e)))?;
        storage
            .remove_item(PROBE_KEY)
            .map_err(|e| Unavailable::WriteFailed(describe(&e)))?;
        Ok(LocalRepository {
            storage: LocalStorage::raw(),
        })
    }
}

impl Repository for LocalRepository {
    fn get(&self, key: &str) -> Option<String> {
        self.storage.get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError> {
        self.storage.set_item(key, value).map_err(|e| WriteError {
            key: key.to_owned(),
            detail: describe(&e),
        })
    }

    fn remove(&mut self, key: &str) {
        let _ = self.storage.remove_item(key);
    }

    fn keys(&self) -> Vec<String> {
        let n = self.storage.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| self.storage.key(i).ok().flatten())
            .collect()
    }

    fn is_persistent(&self) -> bool {
        true
    }
}

//! The localStorage adapter: a probe that tries a real write, and a handle that only the probe
//! can hand out, so nothing reaches gloo-storage before storage is known to work.

use gloo_storage::{LocalStorage, Storage};
use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::{JsCast, JsValue};

/// Why localStorage cannot be used on this device, as found by [`LocalStore::probe`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// There is no `window` (not running in a browser page).
    NoWindow,
    /// The browser refused access to localStorage (disabled, or a privacy setting).
    Denied(String),
    /// Reading worked but a trial write failed (storage full or read-only).
    WriteFailed(String),
}

/// Proof that localStorage accepted a trial write when the app started.
///
/// Only [`LocalStore::probe`] creates one, so every use of gloo-storage goes through a store that
/// is known to work.
#[derive(Debug, Clone, Copy)]
pub struct LocalStore {
    _proof: (),
}

const PROBE_KEY: &str = "hienmau/probe";

/// A readable account of a thrown JS value (a `DOMException`'s name and message, or a string).
fn describe(err: &JsValue) -> String {
    err.dyn_ref::<web_sys::DomException>()
        .map(|e| format!("{}: {}", e.name(), e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

impl LocalStore {
    /// Tries a real write and removal through `web_sys` and hands out a store if both work.
    pub fn probe() -> Result<Self, Unavailable> {
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
        Ok(Self { _proof: () })
    }

    /// Reads and decodes the JSON value under `key`; `None` when absent or not decodable.
    pub fn read<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        LocalStorage::get(key).ok()
    }

    /// Encodes `value` as JSON under `key`; on failure the stored value is left as it was.
    pub fn write<T: Serialize>(&self, key: &str, value: &T) -> Result<(), String> {
        LocalStorage::set(key, value).map_err(|e| e.to_string())
    }
}

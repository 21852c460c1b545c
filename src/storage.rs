//! Persistence in the browser's localStorage, the only copy of the data most people have.
//!
//! It owns the stored layout: namespaced keys, versioned values, the probe that proves storage
//! works before anything touches it (gloo-storage traps the wasm when storage is disabled), and
//! the codecs of what is stored. It depends on `domain` only and must not import leptos.

mod local;
pub mod prefs;

pub use local::{LocalStore, Unavailable};

/// Prefix of every key this app writes, so its data never mixes with another app's on the origin.
pub const NAMESPACE: &str = "hienmau";

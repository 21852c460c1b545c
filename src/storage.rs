//! Persistence in the browser's localStorage, the only copy of the data most people have.
//!
//! It owns the stored layout: namespaced keys, versioned values, the probe that proves storage
//! works before anything touches it (gloo-storage traps the wasm when storage is disabled), the
//! compact codec of what is stored, migrations, quarantine and the newer-version guard. It
//! depends on `domain` only and must not import leptos.

pub mod backup;
pub mod codec;
pub mod json;
mod local;
pub mod prefs;
mod records;
mod repository;
pub mod store;

pub use local::{LocalRepository, Unavailable};
pub use repository::{MemoryRepository, QUOTA_UNITS, Repository, Usage, WriteError, utf16_len};
pub use store::{Loaded, MergeError, Problem, Reading, SaveError, Store};

/// Prefix of every key this app writes, so its data never mixes with another app's on the origin.
pub const NAMESPACE: &str = "hienmau";

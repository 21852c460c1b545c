//! Sync of organizer devices through CouchDB, end to end encrypted (DESIGN.md section 7,
//! issue 17).
//!
//! One CouchDB document per stored shard ([`doc`]): its id is an HMAC of the shard's key, its
//! body the shard's stored text sealed with AES-GCM under the campaign key. The [`engine`] pulls
//! the database's `_changes` since a checkpoint, merges each document into the ledger through
//! [`Store::merge_text`](crate::storage::Store::merge_text), saves, and pushes every shard whose
//! text differs from the one last synced with the `_rev` last seen; a `409 conflict` is read,
//! merged and pushed again. The engine reaches the server through the [`Transport`] trait and
//! seals through the [`Cipher`] trait, so its logic is tested natively with a fake server and a
//! fake cipher; [`couch`] (fetch) and [`webcrypto`] (SubtleCrypto) are the browser's.
//!
//! What the device keeps lives under [`state::PREFIX`] (`hienmau-sync/`), apart from the
//! store's keys. This module uses `domain` and `storage`, never `ui`.

pub mod couch;
pub mod doc;
pub mod dropbox;
pub mod engine;
pub mod runner;
pub mod state;
pub mod webcrypto;
pub mod wire;

pub use doc::Cipher;
pub use engine::{Outcome, SyncError, sync_once};
pub use state::{Config, Status, SyncState, Trouble};
pub use wire::{Transport, WireError};

//! One sync: pull -> merge -> save -> push -> (409: read, merge, push again), keeping the
//! checkpoint, the revisions and the hashes of what was synced in [`SyncState`].
//!
//! - Pull: `_changes` since the checkpoint, in pages. Each document not already seen at its
//!   revision is opened ([`doc::open`]) and merged into the ledger with
//!   [`Store::merge_text`], saved ([`Store::save`]) and committed; the shard's `_rev` and the
//!   hash of the pulled text are kept. A document that does not open or read is set aside
//!   (its id kept and counted), never applied. The checkpoint is kept after each page.
//! - Push: every stored shard whose text differs from the one last synced (a change saved by a
//!   page, or a merge that kept something the server lacks) is sealed with the `_rev` last seen
//!   and sent in one `_bulk_docs`. A conflict reads the document, merges it as a pull does and
//!   pushes again, a bounded number of rounds.
//!
//! Merges are commutative and idempotent, so devices converge whatever the order.

use super::doc::{self, Cipher, Sealed};
use super::state::{Shard, SyncState, Trouble};
use super::wire::{Pushed, Transport, WireError};
use crate::domain::{DomainError, Ledger};
use crate::storage::{MergeError, Repository, SaveError, Store};

/// Documents asked for per `_changes` page.
pub const PAGE: u32 = 200;
/// Documents sent per `_bulk_docs`.
pub const BATCH: usize = 100;
/// Rounds of push after conflicts before giving up until the next sync.
pub const ROUNDS: usize = 4;

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Documents pulled and merged.
    pub pulled: usize,
    /// Documents pushed and saved by the server.
    pub pushed: usize,
    /// Shards still waiting (conflicts after every round, or refused by the server).
    pub waiting: usize,
    /// Documents set aside so far (ids in the state).
    pub set_aside: usize,
    /// Bytes received and sent (bodies only), for the benchmarks.
    pub bytes: usize,
    /// Why the set-up from the server was not merged with ours, if it was refused (a rule of
    /// the domain it would break; the document is set aside).
    pub refused: Option<DomainError>,
}

/// Why a sync stopped; what it pulled and pushed before stays done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncError {
    /// The server could not be reached or refused.
    Wire(WireError),
    /// Storage refused the merged data; the ledger and storage are as they were.
    Save(SaveError),
    /// The browser's cryptography failed.
    Crypto,
}

impl SyncError {
    /// The trouble the status line names.
    pub fn trouble(&self) -> Trouble {
        match self {
            SyncError::Wire(WireError::Offline) => Trouble::Offline,
            SyncError::Wire(WireError::Unauthorized) => Trouble::SignIn,
            SyncError::Wire(WireError::Unreachable) => Trouble::Unreachable,
            SyncError::Wire(WireError::Refused(status)) => Trouble::Refused(*status),
            SyncError::Wire(WireError::BadReply) => Trouble::BadReply,
            SyncError::Save(_) => Trouble::Storage,
            SyncError::Crypto => Trouble::Crypto,
        }
    }
}

impl From<WireError> for SyncError {
    fn from(e: WireError) -> Self {
        SyncError::Wire(e)
    }
}

impl From<doc::CipherError> for SyncError {
    fn from(_: doc::CipherError) -> Self {
        SyncError::Crypto
    }
}

/// Everything one sync works on.
struct Run<'a, T, C, R> {
    transport: &'a T,
    cipher: &'a C,
    store: &'a mut Store<R>,
    ledger: &'a mut Ledger,
    state: &'a mut SyncState,
    outcome: Outcome,
}

/// Syncs once: pulls everything new, merges and saves it, pushes every shard waiting. The
/// state is kept in the store's repository as it goes.
pub async fn sync_once<T: Transport, C: Cipher, R: Repository>(
    transport: &T,
    cipher: &C,
    store: &mut Store<R>,
    ledger: &mut Ledger,
    state: &mut SyncState,
) -> Result<Outcome, SyncError> {
    let mut run = Run {
        transport,
        cipher,
        store,
        ledger,
        state,
        outcome: Outcome::default(),
    };
    run.pull().await?;
    run.push().await?;
    run.outcome.set_aside = run.state.set_aside.len();
    Ok(run.outcome)
}

impl<T: Transport, C: Cipher, R: Repository> Run<'_, T, C, R> {
    fn keep_state(&mut self) -> Result<(), SyncError> {
        let usage = self.store.usage();
        self.state
            .save(self.store.repository_mut())
            .map_err(|error| SyncError::Save(SaveError::Write { error, usage }))
    }

    async fn pull(&mut self) -> Result<(), SyncError> {
        loop {
            let page = self.transport.changes(&self.state.since, PAGE).await?;
            let full = page.results.len() >= PAGE as usize;
            for change in page.results {
                if change.deleted || !change.id.starts_with(doc::ID_PREFIX) {
                    continue;
                }
                if let Some(value) = change.doc {
                    self.outcome.bytes += approximate_len(&value);
                    self.take(&change.id, &value).await?;
                }
            }
            self.state.since = page.last_seq;
            self.keep_state()?;
            if !full {
                return Ok(());
            }
        }
    }

    /// Merges one document from the server, unless it was already seen at this revision.
    async fn take(
        &mut self,
        id: &str,
        value: &crate::storage::json::Value,
    ) -> Result<(), SyncError> {
        let sealed = match Sealed::from_value(value) {
            Ok(s) if s.id == id => s,
            _ => {
                self.set_aside(id);
                return Ok(());
            }
        };
        let rev = sealed.rev.clone().unwrap_or_default();
        if let Some(key) = self.state.key_of(id)
            && self.state.shards.get(key).is_some_and(|s| s.rev == rev)
        {
            return Ok(());
        }
        let Ok(plain) = doc::open(self.cipher, &sealed).await else {
            self.set_aside(id);
            return Ok(());
        };
        let changes = match self.store.merge_text(&plain.k, &plain.t, self.ledger) {
            Ok(changes) => changes,
            Err(e) => {
                if let MergeError::Refused(why) = e {
                    self.outcome.refused = Some(why);
                    self.state.shards.entry(plain.k).or_default().id = id.to_owned();
                }
                self.set_aside(id);
                return Ok(());
            }
        };
        if let Err(e) = self.store.save(self.ledger, &changes) {
            self.ledger.roll_back();
            return Err(SyncError::Save(e));
        }
        self.ledger.commit();
        self.state.set_aside.retain(|s| s != id);
        self.state.shards.insert(
            plain.k,
            Shard {
                id: id.to_owned(),
                rev,
                hash: doc::text_hash(&plain.t),
            },
        );
        self.outcome.pulled += 1;
        Ok(())
    }

    fn set_aside(&mut self, id: &str) {
        if !self.state.set_aside.iter().any(|s| s == id) {
            self.state.set_aside.push(id.to_owned());
        }
    }

    /// The document id of a shard key, computed once and kept.
    async fn id_of(&mut self, key: &str) -> Result<String, SyncError> {
        if let Some(shard) = self.state.shards.get(key) {
            return Ok(shard.id.clone());
        }
        let id = doc::doc_id(self.cipher, key).await?;
        self.state.shards.insert(
            key.to_owned(),
            Shard {
                id: id.clone(),
                ..Shard::default()
            },
        );
        Ok(id)
    }

    async fn push(&mut self) -> Result<(), SyncError> {
        for _ in 0..ROUNDS {
            let waiting = self.state.waiting(self.store.repository());
            self.outcome.waiting = waiting.len();
            if waiting.is_empty() {
                return Ok(());
            }
            let mut conflicts = Vec::new();
            for batch in waiting.chunks(BATCH) {
                let mut docs = Vec::with_capacity(batch.len());
                for (key, text) in batch {
                    let id = self.id_of(key).await?;
                    let rev = self
                        .state
                        .shards
                        .get(key)
                        .map(|s| s.rev.clone())
                        .filter(|r| !r.is_empty());
                    docs.push(doc::seal(self.cipher, &id, rev, key, text).await?);
                }
                self.outcome.bytes += docs.iter().map(|d| d.ct.len() * 4 / 3 + 80).sum::<usize>();
                let results = self.transport.push(&docs).await?;
                for result in results {
                    match result {
                        Pushed::Saved { id, rev } => {
                            let Some((key, text)) = batch.iter().find(|(k, _)| {
                                self.state.shards.get(k).is_some_and(|s| s.id == id)
                            }) else {
                                continue;
                            };
                            let shard = self.state.shards.entry(key.clone()).or_default();
                            shard.rev = rev;
                            shard.hash = doc::text_hash(text);
                            self.outcome.pushed += 1;
                        }
                        Pushed::Conflict { id } => conflicts.push(id),
                        Pushed::Refused { .. } => {}
                    }
                }
                self.keep_state()?;
            }
            if conflicts.is_empty() {
                // Refused documents stay waiting until the next sync.
                self.outcome.waiting = self.state.waiting(self.store.repository()).len();
                return Ok(());
            }
            for id in conflicts {
                match self.transport.get(&id).await? {
                    Some(value) => self.take(&id, &value).await?,
                    None => {
                        // Deleted on the server since: push it anew without a revision.
                        if let Some(key) = self.state.key_of(&id).map(str::to_owned)
                            && let Some(shard) = self.state.shards.get_mut(&key)
                        {
                            shard.rev.clear();
                        }
                    }
                }
            }
            self.keep_state()?;
        }
        self.outcome.waiting = self.state.waiting(self.store.repository()).len();
        Ok(())
    }
}

/// About how many bytes a JSON value took on the wire.
fn approximate_len(value: &crate::storage::json::Value) -> usize {
    crate::storage::json::to_string(value).len()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

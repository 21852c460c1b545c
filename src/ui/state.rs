//! The app state shared through context: a small `Copy` handle on the signals at the edge, and
//! the one path every change takes ([`AppState::change`]): a page runs domain operations on
//! the ledger while it records what they overwrite; the ledger says what changed (a
//! [`ChangeSet`](crate::domain::ChangeSet)); storage writes exactly the shards of that set; only
//! then is it shown. A refusal or a failed save undoes the change, so storage and screen stay as
//! they were. No page says what it touched, nor words a refusal its own way: a
//! [`ChangeError::Domain`] is shown beside its field in the words of
//! [`Lang::error`](crate::ui::i18n::Lang::error).

use leptos::prelude::*;

use super::i18n::{Lang, Texts};
use super::ids;
use crate::domain::{DomainError, Ledger, PledgeId};
use crate::storage::{
    Loaded, LocalRepository, MemoryRepository, Problem, Reading, Repository, SaveError, Store,
    Usage, WriteError, prefs,
};

/// The version written into the store's meta and exports.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// localStorage when the browser allows it, else memory for this session only.
#[derive(Debug)]
pub enum AnyRepository {
    /// The browser's localStorage.
    Local(LocalRepository),
    /// Nothing is kept after a reload.
    Memory(MemoryRepository),
}

impl Repository for AnyRepository {
    fn get(&self, key: &str) -> Option<String> {
        match self {
            AnyRepository::Local(r) => r.get(key),
            AnyRepository::Memory(r) => r.get(key),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError> {
        match self {
            AnyRepository::Local(r) => r.set(key, value),
            AnyRepository::Memory(r) => r.set(key, value),
        }
    }

    fn remove(&mut self, key: &str) {
        match self {
            AnyRepository::Local(r) => r.remove(key),
            AnyRepository::Memory(r) => r.remove(key),
        }
    }

    fn keys(&self) -> Vec<String> {
        match self {
            AnyRepository::Local(r) => r.keys(),
            AnyRepository::Memory(r) => r.keys(),
        }
    }

    fn is_persistent(&self) -> bool {
        match self {
            AnyRepository::Local(r) => r.is_persistent(),
            AnyRepository::Memory(r) => r.is_persistent(),
        }
    }
}

/// Why a change did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeError {
    /// The domain refused it; nothing changed.
    Domain(DomainError),
    /// It could not be saved; nothing changed.
    Save(SaveError),
}

/// Where storage stands, for the banners and the Data page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StorageStatus {
    /// Writes survive a reload (false: memory only).
    pub persistent: bool,
    /// Newer data or a failed migration: nothing is written.
    pub read_only: bool,
    /// What opening the store found.
    pub problems: Vec<Problem>,
    /// The last save that failed, until the next one succeeds.
    pub last_error: Option<SaveError>,
}

/// State every component can reach with `expect_context::<AppState>()`.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The interface language.
    pub lang: RwSignal<Lang>,
    /// Every record; change it only through [`AppState::change`].
    pub ledger: RwSignal<Ledger>,
    /// Where storage stands.
    pub storage: RwSignal<StorageStatus>,
    /// Pledges made on this device, oldest first.
    pub mine: RwSignal<Vec<PledgeId>>,
    store: StoredValue<Store<AnyRepository>, LocalStorage>,
    /// Whether the records have been read into the ledger (a page that starts without them
    /// reads them before its first change, or between frames: [`AppState::read_records_for`]).
    records_read: RwSignal<bool>,
    /// The records being read between frames, until the last is in the ledger.
    reading: StoredValue<Option<Reading>, LocalStorage>,
    /// Keys another tab wrote while the records were being read, read again at the end.
    stale: StoredValue<Vec<String>>,
}

impl AppState {
    /// Probes storage, opens the store (migrating, quarantining, guarding newer data) and
    /// restores the remembered language (Vietnamese when none is stored). With `records` false
    /// no record is read yet (the ledger starts empty): for a page that shows none, which then
    /// reads them all before its first change.
    pub fn load(records: bool) -> Self {
        let repo = match LocalRepository::probe() {
            Ok(local) => AnyRepository::Local(local),
            Err(_) => AnyRepository::Memory(MemoryRepository::new()),
        };
        let lang = prefs::load_lang(&repo)
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or(Lang::Vi);
        let mine = prefs::load_mine(&repo);
        let (store, loaded) = if records {
            Store::open(repo, APP_VERSION, ids::new_id)
        } else {
            let (store, problems) = Store::open_lazily(repo, APP_VERSION, ids::new_id);
            let ledger = Ledger::new();
            (store, crate::storage::Loaded { ledger, problems })
        };
        let status = StorageStatus {
            persistent: store.is_persistent(),
            read_only: store.is_read_only(),
            problems: loaded.problems,
            last_error: None,
        };
        Self {
            lang: RwSignal::new(lang),
            ledger: RwSignal::new(loaded.ledger),
            storage: RwSignal::new(status),
            mine: RwSignal::new(mine),
            store: StoredValue::new_local(store),
            records_read: RwSignal::new(records),
            reading: StoredValue::new_local(None),
            stale: StoredValue::new(Vec::new()),
        }
    }

    /// Whether every record is in the ledger; reading it subscribes, so a page that starts
    /// without them can show a skeleton until then.
    pub fn records_ready(self) -> bool {
        self.records_read.get()
    }

    /// Whether storage holds a set-up (so there may be campaigns to show) — one key looked
    /// at, for a page deciding what to show before its records are read.
    pub fn has_setup(self) -> bool {
        self.store
            .with_value(|s| s.repository().get(crate::storage::store::SETUP).is_some())
    }

    /// [`AppState::records_ready`] without subscribing.
    pub fn records_ready_untracked(self) -> bool {
        self.records_read.get_untracked()
    }

    /// Reads records for about `budget` milliseconds (by the clock `now`) and returns whether
    /// every record is in the ledger: called once a task until it says so, a large store is
    /// read without blocking input. The ledger is built the same way, a few hundred records
    /// at a time between looks at the clock, after the last value is read.
    pub fn read_records_for(self, budget: f64, now: impl Fn() -> f64) -> bool {
        if self.records_read.get_untracked() {
            return true;
        }
        let start = now();
        let mut reading = self.reading.try_update_value(Option::take).flatten();
        let loaded = self.store.try_update_value(|s| {
            let r = reading.get_or_insert_with(|| s.start_reading());
            if s.build_some(r, 0) {
                return reading.take().map(|r| s.finish_reading(r));
            }
            // A few values between looks at the clock: a pledge shard is a day at one place;
            // then the ledger built from them, a few hundred records at a time.
            while !s.read_some(r, 4) && now() - start < budget {}
            while now() - start < budget && !s.build_some(r, 200) {}
            None
        });
        match loaded.flatten() {
            Some(loaded) => {
                self.show_records(loaded);
                true
            }
            None => {
                self.reading.set_value(reading);
                false
            }
        }
    }

    /// Reads every record into the ledger if that has not been done yet.
    pub fn read_records(self) {
        if self.records_read.get_untracked() {
            return;
        }
        let reading = self.reading.try_update_value(Option::take).flatten();
        let loaded = self.store.try_update_value(|s| match reading {
            Some(r) => s.finish_reading(r),
            None => s.read_records(),
        });
        match loaded {
            Some(loaded) => self.show_records(loaded),
            None => self.records_read.set(true),
        }
    }

    /// Puts what was read into the ledger, with what another tab wrote meanwhile.
    fn show_records(self, loaded: Loaded) {
        let read_only = self.store.with_value(|s| s.is_read_only());
        self.ledger.set(loaded.ledger);
        self.storage.update(|s| {
            s.problems.extend(loaded.problems);
            s.read_only = read_only;
        });
        self.records_read.set(true);
        for key in self
            .stale
            .try_update_value(std::mem::take)
            .unwrap_or_default()
        {
            self.reload_from_other_tab(Some(key));
        }
    }

    /// The catalogue of the current language; reading it subscribes to language changes.
    pub fn t(self) -> &'static Texts {
        self.lang.get().texts()
    }

    /// Switches the interface language and remembers the choice on this device (a failure to
    /// remember is shown like any failed save).
    pub fn set_lang(self, lang: Lang) {
        self.lang.set(lang);
        let saved = self
            .store
            .try_update_value(|s| prefs::save_lang(s.repository_mut(), lang.code()));
        if let Some(Err(error)) = saved {
            let usage = self.usage();
            self.storage
                .update(|s| s.last_error = Some(SaveError::Write { error, usage }));
        }
    }

    /// Adds a pledge to this device's own list and remembers it.
    pub fn add_mine(self, id: PledgeId) {
        let known = self.mine.get_untracked();
        let saved = self
            .store
            .try_update_value(|s| prefs::remember_mine(s.repository_mut(), &known, id.clone()));
        match saved {
            Some(Ok(ids)) => self.mine.set(ids),
            failed => {
                // Kept in memory for this visit; the banner says what could not be saved.
                self.mine.update(|ids| {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                });
                if let Some(Err(error)) = failed {
                    let usage = self.usage();
                    self.storage
                        .update(|s| s.last_error = Some(SaveError::Write { error, usage }));
                }
            }
        }
    }

    /// The organizer's inbox: slip texts not yet merged or discarded.
    pub fn inbox(self) -> Vec<String> {
        self.store.with_value(|s| prefs::load_inbox(s.repository()))
    }

    /// Changes the inbox as stored and returns it; a failed write is shown like any failed
    /// save and changes nothing.
    pub fn update_inbox(
        self,
        change: impl FnOnce(&mut Vec<String>),
    ) -> Result<Vec<String>, SaveError> {
        let saved = self
            .store
            .try_update_value(|s| prefs::update_inbox(s.repository_mut(), change));
        match saved {
            Some(Ok(slips)) => Ok(slips),
            Some(Err(error)) => {
                let usage = self.usage();
                let e = SaveError::Write { error, usage };
                self.storage.update(|s| s.last_error = Some(e.clone()));
                Err(e)
            }
            None => Err(SaveError::ReadOnly),
        }
    }

    /// How full storage is.
    pub fn usage(self) -> Usage {
        self.store.with_value(|s| s.usage())
    }

    /// Everything stored, as one backup file.
    pub fn backup(self) -> String {
        self.store.with_value(|s| {
            crate::storage::backup::export(s, APP_VERSION, super::clock::now().stamp)
        })
    }

    /// Quarantined values (original key and text) for download.
    pub fn quarantined(self) -> Vec<(String, String)> {
        self.store.with_value(|s| s.quarantined())
    }

    /// Applies `change` (domain operations) to the ledger in place, recording what it
    /// overwrites, saves what the ledger says changed ([`Ledger::changes`]), and only then shows
    /// the new ledger. On any refusal or failed save the
    /// recorded change is rolled back and nothing is shown: storage and screen stay as they
    /// were. No copy of the ledger is made, so a save costs the same at 100 or 20,000 pledges.
    ///
    /// `change` must not read `self.ledger` (it holds the ledger for writing); it gets the
    /// ledger as its argument.
    pub fn change<T>(
        self,
        change: impl FnOnce(&mut Ledger) -> Result<T, DomainError>,
    ) -> Result<T, ChangeError> {
        self.read_records();
        let store = self.store;
        let outcome = self
            .ledger
            .try_maybe_update(|ledger| {
                ledger.begin();
                let outcome = change(ledger)
                    .map_err(ChangeError::Domain)
                    .and_then(|value| {
                        let changes = ledger.changes();
                        // Never write a set-up this app would refuse to read back.
                        if changes.touches_setup() {
                            ledger.setup().validate().map_err(ChangeError::Domain)?;
                        }
                        store
                            .try_update_value(|store| store.save(ledger, &changes))
                            .unwrap_or(Err(SaveError::ReadOnly))
                            .map_err(ChangeError::Save)
                            .map(|()| value)
                    });
                if outcome.is_ok() {
                    ledger.commit();
                } else {
                    ledger.roll_back();
                }
                // Subscribers hear of it only when it happened.
                (outcome.is_ok(), outcome)
            })
            .unwrap_or(Err(ChangeError::Save(SaveError::ReadOnly)));
        match outcome {
            Ok(value) => {
                self.storage.update(|s| s.last_error = None);
                Ok(value)
            }
            Err(ChangeError::Domain(e)) => Err(ChangeError::Domain(e)),
            Err(ChangeError::Save(e)) => {
                self.storage.update(|s| {
                    s.last_error = Some(e.clone());
                    s.read_only = matches!(e, SaveError::ReadOnly);
                });
                Err(ChangeError::Save(e))
            }
        }
    }

    /// Replaces every record (restore, sample data) in storage and on screen.
    pub fn replace_all(self, ledger: Ledger) -> Result<(), SaveError> {
        let saved = self
            .store
            .try_update_value(|s| s.replace_all(&ledger, APP_VERSION))
            .unwrap_or(Err(SaveError::ReadOnly));
        match saved {
            Ok(()) => {
                self.reading.set_value(None);
                self.records_read.set(true);
                self.ledger.set(ledger);
                self.storage.update(|s| s.last_error = None);
                Ok(())
            }
            Err(e) => {
                self.storage.update(|s| s.last_error = Some(e.clone()));
                Err(e)
            }
        }
    }

    /// Removes every piece of this app's data from the device and empties the screen.
    pub fn wipe(self) {
        self.store.update_value(|s| {
            s.wipe();
            // Sync's state (server, key, checkpoint) is this device's data too.
            crate::sync::state::forget(s.repository_mut());
        });
        self.reading.set_value(None);
        self.records_read.set(true);
        self.ledger.set(Ledger::new());
        self.mine.set(Vec::new());
        self.lang.set(Lang::Vi);
        self.storage.update(|s| {
            s.problems.clear();
            s.last_error = None;
            s.read_only = false;
        });
    }

    /// Another tab changed `key` (`None`: it cleared storage): merge what it wrote.
    pub fn reload_from_other_tab(self, key: Option<String>) {
        match key {
            Some(key) if key == prefs::MINE_KEY => {
                let mine = self.store.with_value(|s| prefs::load_mine(s.repository()));
                self.mine.set(mine);
            }
            Some(key) if key == prefs::KEY => {
                let lang = self
                    .store
                    .with_value(|s| prefs::load_lang(s.repository()))
                    .and_then(|c| Lang::from_code(&c));
                if let Some(lang) = lang {
                    self.lang.set(lang);
                }
            }
            // Sync's own keys: the status line reads its own.
            Some(key) if key.starts_with(crate::sync::state::PREFIX) => {}
            // Not read yet: read with the others when needed, or again once the reading under
            // way ends (it may have passed this key).
            Some(key) if !self.records_read.get_untracked() => {
                if self.reading.with_value(Option::is_some) {
                    self.stale.update_value(|s| s.push(key));
                }
            }
            Some(key) => {
                // In place: `reload_key` reads the whole value before it changes anything.
                let store = self.store;
                self.ledger.maybe_update(|ledger| {
                    store
                        .try_update_value(|s| s.reload_key(&key, ledger))
                        .unwrap_or(false)
                });
                let read_only = self.store.with_value(|s| s.is_read_only());
                self.storage.update(|s| s.read_only = read_only);
            }
            None => {
                // Storage was cleared elsewhere: what this tab shows is all that is left.
                self.storage.update(|s| s.problems.clear());
            }
        }
    }
}

//! The raw key-value area the app stores into, behind one trait so the browser's localStorage
//! and an in-memory map (tests, and the fallback when storage is unavailable) are
//! interchangeable.

use std::collections::BTreeMap;

/// The per-origin localStorage quota in Chromium and Firefox: 5 Mi UTF-16 code units, keys plus
/// values.
pub const QUOTA_UNITS: usize = 5 * 1024 * 1024;

/// A write the storage refused. Detected by catching the write, whatever the browser calls it
/// (`QuotaExceededError`, `NS_ERROR_DOM_QUOTA_REACHED`, a security error...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError {
    /// The key that was being written.
    pub key: String,
    /// What the browser said, for the person and the logs.
    pub detail: String,
}

/// A namespaced key-value store of strings: what the app needs of localStorage.
pub trait Repository {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Option<String>;
    /// Stores `value` under `key`; on error the previous value is still there.
    fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError>;
    /// Removes `key` (nothing happens when it is absent).
    fn remove(&mut self, key: &str);
    /// Every key in the store, this app's and any other's on the same origin.
    fn keys(&self) -> Vec<String>;
    /// Whether what is written here survives a reload (false for the in-memory fallback).
    fn is_persistent(&self) -> bool;
}

/// Length of a string in UTF-16 code units, the measure of the localStorage quota.
pub fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// How full the store is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// UTF-16 code units used by keys and values.
    pub used: usize,
    /// The quota, in the same units.
    pub quota: usize,
}

impl Usage {
    /// Measures every key and value of `repo`.
    pub fn of(repo: &dyn Repository) -> Usage {
        let used = repo
            .keys()
            .iter()
            .map(|k| utf16_len(k) + repo.get(k).map_or(0, |v| utf16_len(&v)))
            .sum();
        Usage {
            used,
            quota: QUOTA_UNITS,
        }
    }

    /// Per mille of the quota used, capped at 1000.
    pub fn permille(&self) -> u32 {
        ((self.used as u128 * 1000) / self.quota.max(1) as u128).min(1000) as u32
    }
}

/// An in-memory store: for tests, and the fallback when the browser refuses storage (nothing
/// survives a reload). A quota can be set to rehearse a full store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoryRepository {
    map: BTreeMap<String, String>,
    quota: Option<usize>,
    persistent: bool,
    /// UTF-16 code units of every key and value, kept in step by `set` and `remove`.
    used: usize,
}

impl MemoryRepository {
    /// An empty store with no quota that says it does not persist (the fallback).
    pub fn new() -> MemoryRepository {
        MemoryRepository::default()
    }

    /// An empty store that refuses writes beyond `quota` UTF-16 code units, like a browser;
    /// it claims to persist, standing in for localStorage in tests.
    pub fn with_quota(quota: usize) -> MemoryRepository {
        MemoryRepository {
            quota: Some(quota),
            persistent: true,
            ..MemoryRepository::default()
        }
    }

    fn entry_len(&self, key: &str) -> usize {
        self.map
            .get(key)
            .map_or(0, |v| utf16_len(key) + utf16_len(v))
    }
}

impl Repository for MemoryRepository {
    fn get(&self, key: &str) -> Option<String> {
        self.map.get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError> {
        let without = self.used - self.entry_len(key);
        let with = without + utf16_len(key) + utf16_len(value);
        if self.quota.is_some_and(|quota| with > quota) {
            return Err(WriteError {
                key: key.to_owned(),
                detail: "QuotaExceededError: the quota has been exceeded".to_owned(),
            });
        }
        self.map.insert(key.to_owned(), value.to_owned());
        self.used = with;
        Ok(())
    }

    fn remove(&mut self, key: &str) {
        self.used -= self.entry_len(key);
        self.map.remove(key);
    }

    fn keys(&self) -> Vec<String> {
        self.map.keys().cloned().collect()
    }

    fn is_persistent(&self) -> bool {
        self.persistent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memory_store_refuses_a_write_past_its_quota_and_keeps_the_old_value() {
        let mut repo = MemoryRepository::with_quota(10);
        repo.set("k", "12345").unwrap();
        let err = repo.set("k", "123456789012").unwrap_err();
        assert_eq!(err.key, "k");
        assert_eq!(repo.get("k").as_deref(), Some("12345"));
        repo.set("k", "123456789").unwrap();
        assert_eq!(Usage::of(&repo).used, 10);
    }

    #[test]
    fn usage_counts_utf16_code_units_of_keys_and_values() {
        let mut repo = MemoryRepository::new();
        repo.set("tên", "Nguyễn").unwrap();
        assert_eq!(Usage::of(&repo).used, 3 + 6);
        assert_eq!(utf16_len("😀"), 2);
    }
}

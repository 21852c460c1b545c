//! What the device keeps about sync, under its own prefix `hienmau-sync/` (the store reads and
//! quarantines only `hienmau/`): the configuration (server, database, user name; never the
//! password), the campaign key, the engine's memory (checkpoint, and per shard its document id,
//! the `_rev` last seen and the hash of the text last synced), the status every organizer page
//! shows, and the "sync now" request pages write for the engine.

use std::collections::BTreeMap;

use super::doc::{is_synced_key, text_hash};
use crate::share::envelope::{base64url_decode, base64url_encode};
use crate::storage::Repository;
use crate::storage::json::{self, json_object};

/// Prefix of every sync key.
pub const PREFIX: &str = "hienmau-sync/";
/// Server, database and user name.
pub const CONFIG: &str = "hienmau-sync/config";
/// The campaign key, base64url (needed to pair other devices).
pub const KEY: &str = "hienmau-sync/key";
/// The engine's memory.
pub const STATE: &str = "hienmau-sync/state";
/// The status line's source.
pub const STATUS: &str = "hienmau-sync/status";
/// Written by a page's "Sync now" (a time stamp); the engine listens for it.
pub const REQUEST: &str = "hienmau-sync/request";
/// Prefix of the status line's text in each language (`hienmau-sync/line/vi`, `.../en`),
/// composed by the sync build from [`STATUS`] so pages only show it.
pub const LINE: &str = "hienmau-sync/line/";

/// Bytes of the campaign key (AES-256, HMAC-SHA256).
pub const KEY_LEN: usize = 32;

/// Where this device syncs to; the password is never kept.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// The server's address, `https://couch.example.org` (no trailing slash).
    pub server: String,
    /// The campaign's database.
    pub db: String,
    /// The organizer's account name.
    pub user: String,
}

json_object! {
    Config { server, db, user }
}

impl Config {
    /// Reads the configuration, if any.
    pub fn load(repo: &dyn Repository) -> Option<Config> {
        json::from_str(&repo.get(CONFIG)?).ok()
    }

    /// Checks what a person typed: an http(s) address without a path's trailing slash, a
    /// CouchDB database name, a user name. The error names the field.
    pub fn parse(server: &str, db: &str, user: &str) -> Result<Config, ConfigError> {
        let server = server.trim().trim_end_matches('/');
        let scheme_ok = server.starts_with("https://") || server.starts_with("http://");
        if !scheme_ok || server.contains(char::is_whitespace) || server.ends_with("//") {
            return Err(ConfigError::Server);
        }
        let db = db.trim();
        let mut chars = db.chars();
        let db_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c))
            && db.len() <= 238;
        if !db_ok {
            return Err(ConfigError::Db);
        }
        let user = user.trim();
        if user.is_empty() || user.contains(':') {
            return Err(ConfigError::User);
        }
        Ok(Config {
            server: server.to_owned(),
            db: db.to_owned(),
            user: user.to_owned(),
        })
    }
}

/// Which field of the configuration is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigError {
    /// Not an http(s) address.
    Server,
    /// Not a CouchDB database name (lowercase letter first, then lowercase letters, digits and
    /// `_$()+-/`).
    Db,
    /// Empty, or holds a colon.
    User,
}

/// The campaign key stored on this device, if any.
pub fn load_key(repo: &dyn Repository) -> Option<Vec<u8>> {
    parse_key(&repo.get(KEY)?)
}

/// A campaign key from its base64url text (a pairing link's fragment, storage).
pub fn parse_key(text: &str) -> Option<Vec<u8>> {
    base64url_decode(text.trim()).filter(|k| k.len() == KEY_LEN)
}

/// The text of a campaign key.
pub fn key_text(key: &[u8]) -> String {
    base64url_encode(key)
}

/// What the engine knows of one shard's document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shard {
    /// The document id (an HMAC of the key, computed once).
    pub id: String,
    /// The `_rev` last seen; empty when the server has no such document yet.
    pub rev: String,
    /// [`text_hash`] of the text last synced (pulled or pushed); empty when never synced.
    pub hash: String,
}

json_object! {
    Shard { id, rev, hash }
}

/// The engine's memory, kept under [`STATE`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncState {
    /// The `_changes` checkpoint (`since`), empty at first.
    pub since: String,
    /// Per shard key.
    pub shards: BTreeMap<String, Shard>,
    /// Ids of documents set aside (did not open or read), each once.
    pub set_aside: Vec<String>,
}

json_object! {
    SyncState { since, shards, set_aside }
}

impl SyncState {
    /// The state kept on this device, or a fresh one.
    pub fn load(repo: &dyn Repository) -> SyncState {
        repo.get(STATE)
            .and_then(|text| json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Keeps the state.
    pub fn save(&self, repo: &mut dyn Repository) -> Result<(), crate::storage::WriteError> {
        repo.set(STATE, &json::to_string(self))
    }

    /// Whether the document of shard `key` is set aside.
    pub fn is_set_aside(&self, key: &str) -> bool {
        self.shards
            .get(key)
            .is_some_and(|s| self.set_aside.contains(&s.id))
    }

    /// The shard key of a document id, if this device knows it.
    pub fn key_of(&self, id: &str) -> Option<&str> {
        self.shards
            .iter()
            .find(|(_, s)| s.id == id)
            .map(|(k, _)| k.as_str())
    }

    /// The stored shards whose text differs from the one last synced, with their text.
    pub fn waiting(&self, repo: &dyn Repository) -> Vec<(String, String)> {
        repo.keys()
            .into_iter()
            .filter(|k| is_synced_key(k))
            .filter_map(|k| {
                let text = repo.get(&k)?;
                let synced = self
                    .shards
                    .get(&k)
                    .is_some_and(|s| s.hash == text_hash(&text));
                (!synced).then_some((k, text))
            })
            .collect()
    }
}

/// What went wrong in the last sync, for the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    /// No network.
    Offline,
    /// Sign in again (session expired or wrong password).
    SignIn,
    /// The server did not answer.
    Unreachable,
    /// The server refused with this status.
    Refused(u16),
    /// The server answered something else than CouchDB.
    BadReply,
    /// Local storage refused the merged data.
    Storage,
    /// The browser's cryptography failed.
    Crypto,
    /// The page is not a secure context (HTTPS or localhost): no WebCrypto, no sync.
    Insecure,
    /// This device has no campaign key yet: pair it.
    NoKey,
}

impl Trouble {
    /// The stored code.
    pub fn code(self) -> String {
        match self {
            Trouble::Offline => "offline".into(),
            Trouble::SignIn => "sign-in".into(),
            Trouble::Unreachable => "unreachable".into(),
            Trouble::Refused(status) => format!("refused-{status}"),
            Trouble::BadReply => "bad-reply".into(),
            Trouble::Storage => "storage".into(),
            Trouble::Crypto => "crypto".into(),
            Trouble::Insecure => "insecure".into(),
            Trouble::NoKey => "no-key".into(),
        }
    }

    /// The trouble of a stored code.
    pub fn from_code(code: &str) -> Option<Trouble> {
        Some(match code {
            "offline" => Trouble::Offline,
            "sign-in" => Trouble::SignIn,
            "unreachable" => Trouble::Unreachable,
            "bad-reply" => Trouble::BadReply,
            "storage" => Trouble::Storage,
            "crypto" => Trouble::Crypto,
            "insecure" => Trouble::Insecure,
            "no-key" => Trouble::NoKey,
            _ => Trouble::Refused(code.strip_prefix("refused-")?.parse().ok()?),
        })
    }
}

/// The status every organizer page shows, kept current by the engine under [`STATUS`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Status {
    /// When the last sync succeeded (ms since the epoch), if ever.
    pub at: Option<i64>,
    /// Shards changed here and not yet on the server.
    pub waiting: u32,
    /// Documents set aside (did not open or read).
    pub set_aside: u32,
    /// What went wrong in the last attempt ([`Trouble::code`]), if anything.
    pub trouble: Option<String>,
    /// A sync is under way.
    pub busy: u32,
    /// Why the set-up from the server could not be merged with this device's, in words, one
    /// per language of [`Lang::ALL`](crate::ui::i18n::Lang::ALL) in its order; none when it
    /// merged. Kept while that document stays set aside.
    pub refused: Option<Vec<String>>,
}

json_object! {
    Status { at, waiting, set_aside, trouble, busy, refused }
}

impl Status {
    /// The status kept on this device (a default one when none).
    pub fn load(repo: &dyn Repository) -> Status {
        repo.get(STATUS)
            .and_then(|text| json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Keeps the status (pages hear of it through the `storage` event).
    pub fn save(&self, repo: &mut dyn Repository) {
        let _ = repo.set(STATUS, &json::to_string(self));
    }

    /// The trouble, if any.
    pub fn trouble(&self) -> Option<Trouble> {
        self.trouble.as_deref().and_then(Trouble::from_code)
    }
}

/// Forgets everything about sync on this device (the Data page's wipe).
pub fn forget(repo: &mut dyn Repository) {
    for key in repo.keys() {
        if key.starts_with(PREFIX) {
            repo.remove(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryRepository;

    #[test]
    fn a_configuration_is_checked_field_by_field() {
        assert_eq!(
            Config::parse(" http://127.0.0.1:5984/ ", "campaign-2024", "desk1"),
            Ok(Config {
                server: "http://127.0.0.1:5984".into(),
                db: "campaign-2024".into(),
                user: "desk1".into()
            })
        );
        assert_eq!(
            Config::parse("couch.example.org", "c", "u"),
            Err(ConfigError::Server)
        );
        assert_eq!(
            Config::parse("https://c.org", "Campaign", "u"),
            Err(ConfigError::Db)
        );
        assert_eq!(
            Config::parse("https://c.org", "c", " "),
            Err(ConfigError::User)
        );
    }

    #[test]
    fn troubles_round_trip_through_their_codes() {
        for t in [
            Trouble::Offline,
            Trouble::SignIn,
            Trouble::Unreachable,
            Trouble::Refused(403),
            Trouble::BadReply,
            Trouble::Storage,
            Trouble::Crypto,
            Trouble::Insecure,
            Trouble::NoKey,
        ] {
            assert_eq!(Trouble::from_code(&t.code()), Some(t));
        }
        assert_eq!(Trouble::from_code("refused-x"), None);
    }

    #[test]
    fn state_and_status_survive_a_reload_and_the_wipe_forgets_them() {
        let mut repo = MemoryRepository::new();
        let mut state = SyncState {
            since: "12".into(),
            ..SyncState::default()
        };
        state.shards.insert(
            "hienmau/setup".into(),
            Shard {
                id: "s-1".into(),
                rev: "1-a".into(),
                hash: text_hash("x"),
            },
        );
        state.save(&mut repo).unwrap();
        assert_eq!(SyncState::load(&repo), state);
        let status = Status {
            at: Some(5),
            waiting: 2,
            trouble: Some(Trouble::Offline.code()),
            refused: Some(vec!["vi".into(), "en".into()]),
            ..Status::default()
        };
        status.save(&mut repo);
        assert_eq!(Status::load(&repo), status);
        // A status kept before refusals were: it still reads.
        repo.set(
            STATUS,
            r#"{"at":5,"waiting":2,"set_aside":0,"trouble":null,"busy":0}"#,
        )
        .unwrap();
        assert_eq!(Status::load(&repo).at, Some(5));
        status.save(&mut repo);
        repo.set("hienmau/setup", "x").unwrap();
        assert!(
            state.waiting(&repo).is_empty(),
            "synced text is not waiting"
        );
        repo.set("hienmau/setup", "y").unwrap();
        assert_eq!(state.waiting(&repo).len(), 1);
        forget(&mut repo);
        assert_eq!(repo.keys(), vec!["hienmau/setup".to_owned()]);
    }

    #[test]
    fn a_key_is_32_bytes_of_base64url() {
        let key = [9u8; KEY_LEN];
        assert_eq!(parse_key(&key_text(&key)), Some(key.to_vec()));
        assert_eq!(parse_key("AAAA"), None);
    }
}

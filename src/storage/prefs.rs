//! The person's preferences on this device (for now the interface language), stored apart from
//! campaign data under one small versioned key.

use super::json::{self, json_object};

use super::repository::{Repository, WriteError};

/// The key that holds [`Prefs`].
pub const KEY: &str = "hienmau/prefs";

/// Schema version written with every [`Prefs`] value.
pub const SCHEMA: u32 = 1;

/// Preferences as stored: a schema version and the chosen language's code (`vi`, `en`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefs {
    /// Version of this layout.
    pub schema: u32,
    /// BCP 47 code of the interface language.
    pub lang: String,
}

// Stored as `{"schema":1,"lang":"vi"}`.
json_object! {
    Prefs { schema, lang }
}

impl Prefs {
    /// Preferences of the current schema with the given language code.
    pub fn with_lang(lang: &str) -> Self {
        Self {
            schema: SCHEMA,
            lang: lang.to_owned(),
        }
    }
}

/// The stored language code, if preferences are stored and readable.
pub fn load_lang(repo: &dyn Repository) -> Option<String> {
    let text = repo.get(KEY)?;
    json::from_str::<Prefs>(&text).ok().map(|p| p.lang)
}

/// Remembers the language code; a failed write leaves the previous value in place.
pub fn save_lang(repo: &mut dyn Repository, lang: &str) -> Result<(), WriteError> {
    let text = json::to_string(&Prefs::with_lang(lang));
    repo.set(KEY, &text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryRepository;

    #[test]
    fn prefs_round_trip_through_json_with_their_schema() {
        let mut repo = MemoryRepository::new();
        save_lang(&mut repo, "en").unwrap();
        assert_eq!(
            repo.get(KEY).as_deref(),
            Some(r#"{"schema":1,"lang":"en"}"#)
        );
        assert_eq!(load_lang(&repo).as_deref(), Some("en"));
    }

    #[test]
    fn a_bare_string_or_garbage_is_not_mistaken_for_prefs() {
        let mut repo = MemoryRepository::new();
        for bad in [r#""en""#, r#"{"lang":"en"}"#, "{not json"] {
            repo.set(KEY, bad).unwrap();
            assert_eq!(load_lang(&repo), None, "{bad}");
        }
    }
}

/// The key listing the pledges made on this device (the volunteer's "my pledges").
pub const MINE_KEY: &str = "hienmau/mine";

/// The pledges made on this device, as stored: `{"v":1,"ids":[...]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mine {
    /// Version of this layout.
    pub v: u32,
    /// Pledge ids, oldest first.
    pub ids: Vec<crate::domain::PledgeId>,
}

json_object! {
    Mine { v, ids }
}

/// The pledge ids made on this device (none when absent or unreadable).
pub fn load_mine(repo: &dyn Repository) -> Vec<crate::domain::PledgeId> {
    repo.get(MINE_KEY)
        .and_then(|t| json::from_str::<Mine>(&t).ok())
        .map(|m| m.ids)
        .unwrap_or_default()
}

/// Adds a pledge to those made on this device and returns the whole list. What is stored is
/// read first and kept: another tab of this device may have added its own pledges since this
/// one last read the list, and neither tab's must be lost.
pub fn remember_mine(
    repo: &mut dyn Repository,
    known: &[crate::domain::PledgeId],
    id: crate::domain::PledgeId,
) -> Result<Vec<crate::domain::PledgeId>, WriteError> {
    let mut ids = load_mine(repo);
    for k in known.iter().chain(std::iter::once(&id)) {
        if !ids.contains(k) {
            ids.push(k.clone());
        }
    }
    save_mine(repo, &ids)?;
    Ok(ids)
}

/// Remembers the pledge ids made on this device.
pub fn save_mine(
    repo: &mut dyn Repository,
    ids: &[crate::domain::PledgeId],
) -> Result<(), WriteError> {
    let mine = Mine {
        v: 1,
        ids: ids.to_vec(),
    };
    repo.set(MINE_KEY, &json::to_string(&mine))
}

#[cfg(test)]
mod mine_tests {
    use super::*;
    use crate::domain::PledgeId;
    use crate::storage::MemoryRepository;

    fn id(s: &str) -> PledgeId {
        PledgeId::new(s).unwrap()
    }

    #[test]
    fn two_tabs_adding_their_pledges_in_turn_keep_both() {
        let mut repo = MemoryRepository::new();
        // Tab 1 adds a; tab 2, which read the list before that, adds b without seeing a.
        let tab1 = remember_mine(&mut repo, &[], id("pledge-a")).unwrap();
        let tab2 = remember_mine(&mut repo, &[], id("pledge-b")).unwrap();
        assert_eq!(tab1, vec![id("pledge-a")]);
        assert_eq!(tab2, vec![id("pledge-a"), id("pledge-b")]);
        // Tab 1 adds c with only a in memory: b stays.
        let tab1 = remember_mine(&mut repo, &tab1, id("pledge-c")).unwrap();
        assert_eq!(tab1, vec![id("pledge-a"), id("pledge-b"), id("pledge-c")]);
        assert_eq!(load_mine(&repo), tab1);
    }

    #[test]
    fn adding_a_pledge_twice_lists_it_once() {
        let mut repo = MemoryRepository::new();
        remember_mine(&mut repo, &[], id("pledge-a")).unwrap();
        let ids = remember_mine(&mut repo, &[id("pledge-a")], id("pledge-a")).unwrap();
        assert_eq!(ids, vec![id("pledge-a")]);
    }
}

/// The key holding the organizer's inbox: pledge slips taken in and not yet merged or
/// discarded, as the slip texts they arrived as (`p1.…`), read again on every load.
pub const INBOX_KEY: &str = "hienmau/inbox";

/// The inbox as stored: `{"v":1,"slips":["p1.…",…]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Inbox {
    v: u32,
    slips: Vec<String>,
}

json_object! {
    Inbox { v, slips }
}

/// The slip texts in the inbox (none when absent or unreadable).
pub fn load_inbox(repo: &dyn Repository) -> Vec<String> {
    repo.get(INBOX_KEY)
        .and_then(|t| json::from_str::<Inbox>(&t).ok())
        .map(|m| m.slips)
        .unwrap_or_default()
}

/// Changes the inbox as stored now (another tab may have changed it since this one read it)
/// and returns it; a failed write leaves the stored inbox as it was.
pub fn update_inbox(
    repo: &mut dyn Repository,
    change: impl FnOnce(&mut Vec<String>),
) -> Result<Vec<String>, WriteError> {
    let mut slips = load_inbox(repo);
    change(&mut slips);
    let inbox = Inbox { v: 1, slips };
    repo.set(INBOX_KEY, &json::to_string(&inbox))?;
    Ok(inbox.slips)
}

#[cfg(test)]
mod inbox_tests {
    use super::*;
    use crate::storage::MemoryRepository;

    #[test]
    fn the_inbox_keeps_what_another_tab_added() {
        let mut repo = MemoryRepository::new();
        assert!(load_inbox(&repo).is_empty());
        update_inbox(&mut repo, |s| s.push("p1.a".into())).unwrap();
        let other_tab = update_inbox(&mut repo, |s| s.push("p1.b".into())).unwrap();
        assert_eq!(other_tab, vec!["p1.a".to_owned(), "p1.b".to_owned()]);
        let after = update_inbox(&mut repo, |s| s.retain(|x| x != "p1.a")).unwrap();
        assert_eq!(after, vec!["p1.b".to_owned()]);
        assert_eq!(load_inbox(&repo), after);
        repo.set(INBOX_KEY, "{broken").unwrap();
        assert!(load_inbox(&repo).is_empty());
    }
}

//! The person's preferences on this device (for now the interface language), stored apart from
//! campaign data under one small versioned key.

use serde::{Deserialize, Serialize};

use super::LocalStore;

/// The key that holds [`Prefs`].
pub const KEY: &str = "hienmau/prefs";

/// Schema version written with every [`Prefs`] value.
pub const SCHEMA: u32 = 1;

/// Preferences as stored: a schema version and the chosen language's code (`vi`, `en`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    /// Version of this layout; a value from a newer app is read but never rewritten blindly.
    pub schema: u32,
    /// BCP 47 code of the interface language.
    pub lang: String,
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
pub fn load_lang(store: &LocalStore) -> Option<String> {
    store.read::<Prefs>(KEY).map(|p| p.lang)
}

/// Remembers the language code; a failed write leaves the previous value in place.
pub fn save_lang(store: &LocalStore, lang: &str) -> Result<(), String> {
    store.write(KEY, &Prefs::with_lang(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefs_round_trip_through_json_with_their_schema() {
        let json = serde_json::to_string(&Prefs::with_lang("en")).unwrap();
        assert_eq!(json, r#"{"schema":1,"lang":"en"}"#);
        let back: Prefs = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Prefs::with_lang("en"));
    }

    #[test]
    fn a_bare_string_is_not_mistaken_for_prefs() {
        assert!(serde_json::from_str::<Prefs>(r#""en""#).is_err());
        assert!(serde_json::from_str::<Prefs>(r#"{"lang":"en"}"#).is_err());
    }
}

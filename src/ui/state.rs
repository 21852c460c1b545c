//! The app state shared through context: a small `Copy` handle on the signals at the edge.

use leptos::prelude::*;

use super::i18n::{Lang, Texts};
use crate::storage::{LocalStore, prefs};

/// State every component can reach with `expect_context::<AppState>()`.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The interface language.
    pub lang: RwSignal<Lang>,
    /// Whether what the person chooses is being kept on this device.
    pub storage_ok: RwSignal<bool>,
    store: Option<LocalStore>,
}

impl AppState {
    /// Probes storage and restores the remembered language (Vietnamese when none is stored).
    pub fn load() -> Self {
        let store = LocalStore::probe().ok();
        let lang = store
            .as_ref()
            .and_then(prefs::load_lang)
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or(Lang::Vi);
        Self {
            lang: RwSignal::new(lang),
            storage_ok: RwSignal::new(store.is_some()),
            store,
        }
    }

    /// The catalogue of the current language; reading it subscribes to language changes.
    pub fn t(self) -> &'static Texts {
        self.lang.get().texts()
    }

    /// Switches the interface language and remembers the choice on this device.
    pub fn set_lang(self, lang: Lang) {
        self.lang.set(lang);
        let saved = self
            .store
            .is_some_and(|store| prefs::save_lang(&store, lang.code()).is_ok());
        self.storage_ok.set(saved);
    }
}

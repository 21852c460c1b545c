//! The screen: Leptos components and pages, routes, translations and the app state.
//!
//! Signals live here and only here; domain values are plain data read through them. It may use
//! every other module of the crate, and nothing else of ours may import it.

mod app;
pub mod boot;
pub mod clock;
mod download;
pub mod form;
pub mod format;
pub mod i18n;
pub mod ids;
mod outbox;
mod pages;
pub mod routes;
mod scanner;
mod shell;
mod slot_picker;
pub mod state;
pub mod sync_line;
mod upload;
mod widgets;

pub use app::{App, Later, Stage, mount, shown};
pub use pages::{
    checkin_page, data_page, drivesetup_page, eligibility_page, inbox_page, mine_page,
    organizer_page, schedule_page, setup_page, shared_page, sync_page, volunteer_page,
};
pub use routes::Build;
pub use shell::LanguageSwitch;

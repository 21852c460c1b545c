//! The sync build of the web app (served at `/organizer/sync`): the sync page, which also runs
//! the engine; at `/organizer/sync/?run` (the hidden frame every organizer page adds) it runs
//! the engine only, with no page.

fn main() {
    let headless = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|s| s.split(['?', '&']).any(|p| p == "run"));
    if !headless {
        hien_mau::ui::mount(hien_mau::ui::Build::Sync, hien_mau::ui::sync_page);
    }
    hien_mau::sync::runner::start(
        hien_mau::ui::sync_line::write_lines,
        hien_mau::ui::sync_line::refusal_words,
    );
}

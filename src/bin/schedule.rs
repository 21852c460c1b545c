//! The schedule's build of the web app (served at `/organizer/schedule`). Nothing else lives
//! here.

fn main() {
    hien_mau::ui::mount(hien_mau::ui::Build::Schedule, hien_mau::ui::schedule_page);
}

//! The check-in desk's build of the web app (served at `/organizer/check-in`). Nothing else
//! lives here.

fn main() {
    hien_mau::ui::mount(hien_mau::ui::Build::CheckIn, hien_mau::ui::checkin_page);
}

//! The organizers' build of the web app (`organizer.html`, served under `/organizer`): the
//! dashboard, schedule, check-in desk, setup and data pages. Nothing else lives here.

fn main() {
    hien_mau::ui::mount(hien_mau::ui::Build::Organizer, hien_mau::ui::organizer_page);
}

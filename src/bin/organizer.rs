//! The organizers' build of the web app (served under `/organizer`): the dashboard and setup.
//! The schedule, the check-in desk and the Data page are builds of their own.

fn main() {
    hien_mau::ui::mount(hien_mau::ui::Build::Organizer, hien_mau::ui::organizer_page);
}

//! The volunteers' build of the web app (`index.html`): home, drives, pledging and my pledges.
//! Nothing else lives here.

fn main() {
    hien_mau::ui::mount(hien_mau::ui::Build::Volunteer, hien_mau::ui::volunteer_page);
}

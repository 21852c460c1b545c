//! The volunteers' build of the web app (`index.html`): home, drives, pledging, my pledges and
//! the eligibility self-check. Nothing else lives here.

fn main() {
    hien_mau::ui::mount(
        hien_mau::ui::Audience::Volunteer,
        hien_mau::ui::volunteer_page,
    );
}

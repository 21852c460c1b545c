//! The drives' build of the web app (served at `/organizer/drives`): a campaign's drives, their
//! slots, status and sharing. Nothing else lives here.

fn main() {
    hien_mau::ui::mount(
        hien_mau::ui::Build::DriveSetup,
        hien_mau::ui::drivesetup_page,
    );
}

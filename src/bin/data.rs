//! The Data page's build of the web app (served at `/organizer/data`): storage, backup and
//! restore, the sample campaign, wipe. Nothing else lives here.

fn main() {
    hien_mau::ui::mount(hien_mau::ui::Build::Data, hien_mau::ui::data_page);
}

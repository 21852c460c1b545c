//! The setup build of the web app: the set-up forms (campaigns, sites, units, drives) and sharing a drive. Nothing else lives here.

fn main() {
    hien_mau::ui::mount(hien_mau::ui::Build::Setup, hien_mau::ui::setup_page);
}

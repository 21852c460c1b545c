//! The shared build of the web app: a drive shared by link, to keep on this device. Nothing else lives here.

fn main() {
    hien_mau::ui::mount(hien_mau::ui::Build::Shared, hien_mau::ui::shared_page);
}

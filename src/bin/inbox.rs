//! The inbox build of the web app: the inbox of pledge slips sent back by volunteers. Nothing else lives here.

fn main() {
    hien_mau::ui::mount(hien_mau::ui::Build::Inbox, hien_mau::ui::inbox_page);
}

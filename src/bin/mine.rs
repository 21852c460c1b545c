//! The my-pledges build of the web app (served at `/my-pledges`). Nothing else lives here.

fn main() {
    hien_mau::ui::mount(hien_mau::ui::Build::Mine, hien_mau::ui::mine_page);
}

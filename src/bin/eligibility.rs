//! The eligibility self-check's build of the web app (`eligibility.html`, served at
//! `/eligibility`). Nothing else lives here.

fn main() {
    hien_mau::ui::mount(
        hien_mau::ui::Build::Eligibility,
        hien_mau::ui::eligibility_page,
    );
}

//! The first paint: the app's frame as plain HTML, written into each build's page at build time,
//! so a phone shows the header, the page's heading and a skeleton while the wasm downloads and
//! starts. It is the markup the shell (`ui::shell`) and the page heading draw, in Vietnamese,
//! so nothing moves when the app takes over ([`remove`] drops it just before the app mounts).
//!
//! The HTML is generated from the same routes and words as the app, by a native test that
//! compares it with `style/boot/<bin>.html` (`UPDATE_SNAPSHOTS=1` rewrites them);
//! `scripts/tools.sh` puts each build's file into its page.

use super::i18n::{Lang, PageText, VI};
use super::routes::{Build, Page};

/// The id of the element holding the first paint.
pub const ID: &str = "boot";

/// Removes the first paint, just before the app draws itself in the same task (no frame
/// without either).
pub fn remove() {
    if let Some(boot) = leptos::prelude::document().get_element_by_id(ID) {
        boot.remove();
    }
}

/// The pages a build shows, its first page first.
fn pages_of(build: Build) -> Vec<Page> {
    Page::ALL
        .into_iter()
        .filter(|p| p.build() == build)
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A heading and lead as a page draws them (the home page's inside its hero).
fn heading(text: &PageText, hero: bool) -> String {
    let inner = format!(
        "<h1>{}</h1><p class=\"lead\">{}</p>",
        escape(text.title),
        escape(text.lead)
    );
    if hero {
        format!("<section class=\"hero\">{inner}</section>")
    } else {
        format!("<div class=\"boot-heading\">{inner}</div>")
    }
}

/// The first paint of one build: skip link, header with the navigation, the heading of the
/// build's first page, a skeleton, the footer. A build showing several pages (the root one)
/// carries each page's heading and a few lines of script that keep the one for the address.
pub fn html(build: Build) -> String {
    let t = &VI;
    let pages = pages_of(build);
    let first = pages.first().copied().unwrap_or(Page::Home);
    // Inert and hidden from assistive technology: a picture of the page to come, which nobody
    // can focus or use until the app replaces it.
    let mut out = format!("<div id=\"{ID}\" inert aria-hidden=\"true\">\n");
    out += &format!(
        "<a class=\"skip-link\" href=\"#main\">{}</a>\n",
        escape(t.skip_to_content)
    );
    out += "<header class=\"site-header\"><div class=\"header-bar\">";
    out += &format!(
        "<a href=\"/\" class=\"brand\"{}>",
        if build == Build::Volunteer {
            ""
        } else {
            " rel=\"external\""
        }
    );
    out += "<svg class=\"brand-drop\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M12 2.5C9 7 5.5 10.6 5.5 14.6a6.5 6.5 0 0 0 13 0C18.5 10.6 15 7 12 2.5z\"></path></svg>";
    out += &format!(
        "<span class=\"brand-text\"><span class=\"brand-name\">{}</span><span class=\"brand-tagline\">{}</span></span></a>",
        escape(t.app_name),
        escape(t.tagline)
    );
    out += &format!(
        "<div class=\"lang-switch\" role=\"group\" aria-label=\"{}\">",
        escape(t.language)
    );
    for lang in Lang::ALL {
        out += &format!(
            "<button type=\"button\" lang=\"{}\" aria-pressed=\"{}\">{}</button>",
            lang.code(),
            lang == Lang::Vi,
            lang.endonym()
        );
    }
    out += &format!(
        "</div><button type=\"button\" class=\"menu-button\" aria-expanded=\"false\"><span class=\"menu-icon\" aria-hidden=\"true\"></span>{}</button></div>\n",
        escape(t.menu)
    );
    out += &format!(
        "<nav class=\"main-nav\" aria-label=\"{}\">",
        escape(t.main_nav)
    );
    for (group, list) in [
        (t.volunteers, &Page::VOLUNTEER[..]),
        (t.organizers, &Page::ORGANIZER[..]),
    ] {
        out += &format!(
            "<div class=\"nav-group\"><span class=\"nav-heading\">{}</span><ul>",
            escape(group)
        );
        for &page in list {
            let current = if page == first {
                " aria-current=\"page\""
            } else {
                ""
            };
            let rel = if page.build() == build {
                ""
            } else {
                " rel=\"external\""
            };
            out += &format!(
                "<li><a href=\"{}\"{rel}{current}>{}</a></li>",
                page.href(),
                escape(page.text(t).title)
            );
        }
        out += "</ul></div>";
    }
    let several = pages.len() > 1;
    if several {
        // The link of the page at this address, marked before anything below it is parsed.
        out += "<script>document.querySelectorAll(\"#boot nav a\").forEach(a=>a.getAttribute(\"href\")===location.pathname.replace(/(.)\\/$/,\"$1\")?a.setAttribute(\"aria-current\",\"page\"):a.removeAttribute(\"aria-current\"))</script>";
    }
    out += "</nav></header>\n<main id=\"main\" tabindex=\"-1\">";
    if several {
        // Each page's heading by its path (any other path is the not-found page), written in
        // place while the page is parsed, so no frame shows another page's heading.
        out += "<script>(()=>{const p={";
        for (i, &page) in pages.iter().enumerate() {
            if i > 0 {
                out += ",";
            }
            out += &format!(
                "\"{}\":{:?}",
                page.href(),
                heading(page.text(t), page == Page::Home)
            );
        }
        out += &format!(
            "}};document.currentScript.insertAdjacentHTML(\"afterend\",p[location.pathname.replace(/(.)\\/$/,\"$1\")]??{:?})}})()</script>",
            heading(&t.pages.not_found, false)
        );
    } else {
        out += &heading(first.text(t), first == Page::Home);
    }
    out += "<div class=\"boot-skeleton\"><span></span><span></span><span></span></div></main>\n";
    out += &format!(
        "<footer class=\"site-footer\"><p>{}</p></footer>\n</div>\n",
        escape(t.privacy_note)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Guards the first paint drifting from the app: a renamed page or a new one must show the
    // same heading and navigation before and after the wasm starts.
    #[test]
    fn each_builds_first_paint_matches_its_committed_page_shell() {
        let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
        let mut stale = Vec::new();
        for build in Build::ALL {
            let path = format!("style/boot/{}.html", build.bin());
            let want = html(build);
            if update {
                std::fs::create_dir_all("style/boot").expect("create style/boot");
                std::fs::write(&path, &want).expect("write the shell");
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
                stale.push(path);
            }
        }
        assert!(
            stale.is_empty(),
            "out of date (UPDATE_SNAPSHOTS=1 cargo test boot rewrites them): {stale:?}"
        );
    }

    #[test]
    fn the_eligibility_builds_first_paint_shows_its_heading_and_marks_its_link() {
        let page = html(Build::Eligibility);
        assert!(page.contains("<h1>Kiểm tra điều kiện</h1>"));
        assert!(page.contains("<a href=\"/eligibility\" aria-current=\"page\">"));
        assert!(page.contains("<a href=\"/drives\" rel=\"external\">"));
        assert!(!page.contains("<script>"));
    }

    #[test]
    fn the_root_builds_first_paint_knows_the_heading_of_each_of_its_pages() {
        let page = html(Build::Volunteer);
        for title in [
            "Trang chủ",
            "Đợt hiến máu",
            "Đăng ký hiến máu",
            "Không tìm thấy trang",
        ] {
            assert!(page.contains(&format!("<h1>{title}</h1>")), "{title}");
        }
    }
}

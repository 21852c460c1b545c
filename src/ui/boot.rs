//! The first paint: the app's frame as plain HTML, written into each build's page at build time,
//! so a phone shows the header, the page's heading and a skeleton while the wasm downloads and
//! starts. It is the markup the shell (`ui::shell`) and the page heading draw, in the language
//! the app will draw in, so nothing moves when the app takes over ([`remove`] drops it just
//! before the app mounts): every text is there in Vietnamese and in English, and one line of
//! script, run before the frame is parsed, sets `<html lang="en">` when English is the stored
//! preference (`storage::prefs`); the style sheet then shows the English words only.
//!
//! The HTML is generated from the same routes and words as the app, by a native test that
//! compares it with `style/boot/<bin>.html` (`UPDATE_SNAPSHOTS=1` rewrites them);
//! `scripts/tools.sh` puts each build's file into its page.

use super::i18n::{EN, Lang, PageText, Texts, VI};
use super::routes::{Build, Page};
use crate::storage::{QUOTA_UNITS, prefs};

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

/// One text of the frame in both languages: each in a span the style sheet hides unless
/// `<html lang>` is its language (`style/main.css`, "The first paint"); once when the same.
fn both(text: impl Fn(&'static Texts) -> &'static str) -> String {
    both_of(|_, t| text(t).to_owned())
}

/// [`both`] for a text made from each language's words (a sentence with numbers in it).
fn both_of(text: impl Fn(Lang, &'static Texts) -> String) -> String {
    let (vi, en) = (text(Lang::Vi, &VI), text(Lang::En, &EN));
    if vi == en {
        escape(&vi)
    } else {
        format!(
            "<span data-l=\"vi\">{}</span><span data-l=\"en\">{}</span>",
            escape(&vi),
            escape(&en)
        )
    }
}

/// The line of script that sets `<html lang="en">` before the frame is parsed when English
/// is the stored language (anything unreadable leaves Vietnamese, as the app does).
fn language_script() -> String {
    format!(
        "<script>try{{JSON.parse(localStorage.getItem({:?})).lang===\"en\"&&(document.documentElement.lang=\"en\")}}catch(e){{}}</script>\n",
        prefs::KEY
    )
}

/// A heading and lead as a page draws them (the home page's inside its hero).
fn heading(text: impl Fn(&'static Texts) -> &'static PageText + Copy, hero: bool) -> String {
    let inner = format!(
        "<h1>{}</h1><p class=\"lead\">{}</p>",
        both(|t| text(t).title),
        both(|t| text(t).lead)
    );
    if hero {
        format!("<section class=\"hero\">{inner}</section>")
    } else {
        format!("<div class=\"boot-heading\">{inner}</div>")
    }
}

/// A number the app reads from storage, shown as a grey block of its width until then.
const PENDING: &str = "<span class=\"boot-pending\">0.000</span>";

/// What the first paint shows below the heading: grey blocks where the content will be; on
/// the Data page, its first two cards as the app draws them (the storage card with grey blocks
/// for the numbers it reads, the backup card's words), so that the largest text a phone paints
/// is the first paint's and the app then draws nothing larger in its place.
fn body(build: Build) -> String {
    if build != Build::Data {
        return "<div class=\"boot-skeleton\"><span></span><span></span><span></span></div>".into();
    }
    let mut out = format!(
        "<section class=\"card section\"><h2>{}</h2><meter class=\"usage-meter\" min=\"0\" max=\"{QUOTA_UNITS}\" value=\"0\"></meter><p class=\"usage-line\">{}</p><h3>{}</h3><dl class=\"counts\">",
        both(|t| t.storage.heading),
        both_of(|lang, t| (t.storage.usage)("\u{1}", &lang.number(QUOTA_UNITS as i64), "\u{1}"))
            .replace('\u{1}', PENDING),
        both(|t| t.storage.stored)
    );
    for label in [
        both(|t| t.storage.campaigns),
        both(|t| t.storage.drives),
        both(|t| t.storage.donors),
        both(|t| t.storage.pledges),
    ] {
        out += &format!("<div><dt>{label}</dt><dd>{PENDING}</dd></div>");
    }
    out += &format!(
        "</dl></section><section class=\"card section\"><h2>{}</h2><p>{}</p></section>",
        both(|t| t.storage.backup_heading),
        both(|t| t.storage.backup_body)
    );
    out
}

/// The first paint of one build: skip link, header with the navigation, the heading of the
/// build's first page, a skeleton, the footer. A build showing several pages (the root one)
/// carries each page's heading and a few lines of script that keep the one for the address.
pub fn html(build: Build) -> String {
    let t = &VI;
    let pages = pages_of(build);
    let first = pages.first().copied().unwrap_or(Page::Home);
    let mut out = language_script();
    // Inert and hidden from assistive technology: a picture of the page to come, which nobody
    // can focus or use until the app replaces it.
    out += &format!("<div id=\"{ID}\" inert aria-hidden=\"true\">\n");
    out += &format!(
        "<a class=\"skip-link\" href=\"#main\">{}</a>\n",
        both(|t| t.skip_to_content)
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
        both(|t| t.app_name),
        both(|t| t.tagline)
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
        both(|t| t.menu)
    );
    out += &format!(
        "<nav class=\"main-nav\" aria-label=\"{}\">",
        escape(t.main_nav)
    );
    for (group, list) in [
        (both(|t| t.volunteers), &Page::VOLUNTEER[..]),
        (both(|t| t.organizers), &Page::ORGANIZER[..]),
    ] {
        out += &format!("<div class=\"nav-group\"><span class=\"nav-heading\">{group}</span><ul>");
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
                both(|t| page.text(t).title)
            );
        }
        out += "</ul></div>";
    }
    let several = pages.len() > 1;
    if several {
        // The link of the page at this address, marked before anything below it is parsed.
        // Each string once: the release build's minifier hoists a repeated one into a variable
        // it then forgets to declare (a ReferenceError, and no link marked).
        out += "<script>((k,p)=>document.querySelectorAll(\"#boot nav a\").forEach(a=>a.getAttribute(\"href\")===p?a.setAttribute(k,\"page\"):a.removeAttribute(k)))(\"aria-current\",location.pathname.replace(/(.)\\/$/,\"$1\"))</script>";
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
                heading(move |t| page.text(t), page == Page::Home)
            );
        }
        out += &format!(
            "}};document.currentScript.insertAdjacentHTML(\"afterend\",p[location.pathname.replace(/(.)\\/$/,\"$1\")]??{:?})}})()</script>",
            heading(|t| &t.pages.not_found, false)
        );
    } else {
        out += &heading(move |t| first.text(t), first == Page::Home);
    }
    out += &body(build);
    out += "</main>\n";
    out += &format!(
        "<footer class=\"site-footer\"><p>{}</p></footer>\n</div>\n",
        both(|t| t.privacy_note)
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
        assert!(page.contains(
            "<h1><span data-l=\"vi\">Kiểm tra điều kiện</span><span data-l=\"en\">Eligibility</span></h1>"
        ));
        assert!(page.contains("<a href=\"/eligibility\" aria-current=\"page\">"));
        assert!(page.contains("<a href=\"/drives\" rel=\"external\">"));
        // One page: no script but the language's.
        assert_eq!(page.matches("<script>").count(), 1);
    }

    // Guards a first paint in Vietnamese for a person who chose English (then the app redrew
    // every word in English, and the frame moved).
    #[test]
    fn the_first_paint_has_every_text_in_both_languages_and_reads_the_stored_choice_first() {
        let page = html(Build::Organizer);
        let frame = page.find("<div id=\"boot\"").expect("the frame");
        let script = page
            .find(prefs::KEY)
            .expect("the stored preference is read");
        assert!(
            script < frame,
            "the language is set before the frame is parsed"
        );
        for (vi, en) in [
            (VI.app_name, EN.app_name),
            (VI.tagline, EN.tagline),
            (VI.menu, EN.menu),
            (VI.pages.dashboard.title, EN.pages.dashboard.title),
            (VI.pages.dashboard.lead, EN.pages.dashboard.lead),
            (VI.pages.data.title, EN.pages.data.title),
            (VI.privacy_note, EN.privacy_note),
        ] {
            assert!(
                page.contains(&format!(
                    "<span data-l=\"vi\">{}</span><span data-l=\"en\">{}</span>",
                    escape(vi),
                    escape(en)
                )),
                "{en}"
            );
        }
        // The style sheet shows one language of the two, by `<html lang>`.
        let css = include_str!("../../style/main.css");
        assert!(css.contains("html:not([lang=\"en\"]) #boot [data-l=\"en\"]"));
        assert!(css.contains("html[lang=\"en\"] #boot [data-l=\"vi\"]"));
    }

    #[test]
    fn the_root_builds_first_paint_knows_the_heading_of_each_of_its_pages() {
        for (build, titles) in [
            (
                Build::Volunteer,
                &["Trang chủ", "Đợt hiến máu", "Không tìm thấy trang"][..],
            ),
            // The pledge form lives in the pledges' build.
            (
                Build::Mine,
                &[
                    "Đăng ký hiến máu",
                    "Lịch hẹn của tôi",
                    "Không tìm thấy trang",
                ][..],
            ),
        ] {
            let page = html(build);
            for title in titles {
                assert!(
                    page.contains(&format!("<h1><span data-l=\\\"vi\\\">{title}</span>")),
                    "{build:?} {title}"
                );
            }
        }
    }
}

//! Every route of the app in one place: the [`Page`] list with the path of each page, the
//! navigation groups built from it, and the router table that maps paths to page components.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};

use super::i18n::{PageText, Texts};
use super::pages::NotFound;

/// The app is three builds of one crate, each with some of the pages, so nobody downloads and
/// compiles pages they do not open: the volunteers' journey (`index.html`, at the root), the
/// eligibility self-check (`eligibility.html`, at `/eligibility`) and the organizers' desk
/// (`organizer.html`, under `/organizer`). They read and write the same storage; going from one
/// to another is a full page load, answered offline by the service worker.
///
/// A build other than the root one is served for every path whose first segment is its
/// [`Build::dir`]; `scripts/static-server.mjs` and `src/sw.js` follow the same rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    Volunteer,
    Eligibility,
    Organizer,
}

impl Build {
    /// The build's directory in the bundle, also the first segment of its pages' paths; empty
    /// for the root build.
    pub fn dir(self) -> &'static str {
        match self {
            Build::Volunteer => "",
            Build::Eligibility => "eligibility",
            Build::Organizer => "organizer",
        }
    }
}

/// The pages one build of the app shows: a plain function, so the pages of the other builds
/// are never linked into it.
pub type Pages = fn(Page) -> AnyView;

/// A page of the app reachable from the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Drives,
    Pledge,
    MyPledges,
    Eligibility,
    Dashboard,
    Schedule,
    CheckIn,
    Setup,
    Data,
}

impl Page {
    /// Every page.
    pub const ALL: [Page; 10] = [
        Page::Home,
        Page::Drives,
        Page::Pledge,
        Page::MyPledges,
        Page::Eligibility,
        Page::Dashboard,
        Page::Schedule,
        Page::CheckIn,
        Page::Setup,
        Page::Data,
    ];

    /// The volunteers' pages, in navigation order.
    pub const VOLUNTEER: [Page; 4] = [
        Page::Drives,
        Page::Pledge,
        Page::MyPledges,
        Page::Eligibility,
    ];

    /// The organizers' pages, in navigation order.
    pub const ORGANIZER: [Page; 5] = [
        Page::Dashboard,
        Page::Schedule,
        Page::CheckIn,
        Page::Setup,
        Page::Data,
    ];

    /// The path that shows this page; link to pages only through this.
    pub fn href(self) -> &'static str {
        match self {
            Page::Home => "/",
            Page::Drives => "/drives",
            Page::Pledge => "/pledge",
            Page::MyPledges => "/my-pledges",
            Page::Eligibility => "/eligibility",
            Page::Dashboard => "/organizer",
            Page::Schedule => "/organizer/schedule",
            Page::CheckIn => "/organizer/check-in",
            Page::Setup => "/organizer/setup",
            Page::Data => "/organizer/data",
        }
    }

    /// The build that shows the page.
    pub fn build(self) -> Build {
        match self {
            Page::Eligibility => Build::Eligibility,
            p if Page::ORGANIZER.contains(&p) => Build::Organizer,
            _ => Build::Volunteer,
        }
    }

    /// `rel="external"` when the page is in another build, so the router lets the browser
    /// load it instead of looking for it here.
    pub fn rel_from(self, here: Build) -> Option<&'static str> {
        (self.build() != here).then_some("external")
    }

    /// The page's title and lead in the given catalogue.
    pub fn text(self, t: &'static Texts) -> &'static PageText {
        let p = &t.pages;
        match self {
            Page::Home => &p.home,
            Page::Drives => &p.drives,
            Page::Pledge => &p.pledge,
            Page::MyPledges => &p.my_pledges,
            Page::Eligibility => &p.eligibility,
            Page::Dashboard => &p.dashboard,
            Page::Schedule => &p.schedule,
            Page::CheckIn => &p.check_in,
            Page::Setup => &p.setup,
            Page::Data => &p.data,
        }
    }
}

/// The page a path shows, if any; the inverse of [`Page::href`] (a trailing slash is allowed).
pub fn page_at(path: &str) -> Option<Page> {
    let path = match path.strip_suffix('/') {
        Some(p) if !p.is_empty() && !p.ends_with('/') => p,
        _ => path,
    };
    Page::ALL.into_iter().find(|p| p.href() == path)
}

/// The page for the current path. One match on [`Page`] instead of a router table: each
/// route in leptos_router's typed table costs about 25 KB of wasm, this costs one branch.
/// A page of another build is loaded by the browser from that build.
#[component]
pub fn AppRoutes(
    /// This build.
    bundle: Build,
    /// This build's pages.
    pages: Pages,
) -> impl IntoView {
    let location = use_location();
    let page = Memo::new(move |_| page_at(&location.pathname.get()));
    let loaded_at = window().location().pathname().unwrap_or_default();
    // leptos_router writes a new address into the browser's history only when the router
    // table says the new page is ready; with no table, say so once the path has changed.
    if let Some(provider) = use_context::<BrowserUrl>() {
        Effect::new(move |_| {
            location.pathname.get();
            provider.ready_to_complete();
        });
    }
    move || match page.get() {
        Some(p) if p.build() == bundle => pages(p),
        // Reached inside this build (a link that missed `rel`): hand over to the other build,
        // which the server and the service worker answer for this path. Loaded here by the
        // browser (a server that knows one build only, such as the dev server): say so rather
        // than reload for ever.
        Some(p) if location.pathname.get_untracked() != loaded_at => {
            let _ = window().location().replace(p.href());
            ().into_any()
        }
        Some(_) | None => view! { <NotFound /> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_navigation_page_has_its_own_absolute_path() {
        let mut all: Vec<Page> = vec![Page::Home];
        all.extend(Page::VOLUNTEER);
        all.extend(Page::ORGANIZER);
        for (i, page) in all.iter().enumerate() {
            assert!(page.href().starts_with('/'), "{page:?}");
            assert!(
                !page.href()[1..].ends_with('/'),
                "{page:?} has a trailing slash"
            );
            for other in &all[i + 1..] {
                assert_ne!(
                    page.href(),
                    other.href(),
                    "{page:?} and {other:?} share a path"
                );
            }
        }
    }

    #[test]
    fn each_page_lives_under_its_builds_directory_and_the_root_build_owns_no_directory() {
        let dirs = [Build::Eligibility, Build::Organizer].map(Build::dir);
        for page in Page::ALL {
            let first = page.href()[1..].split('/').next().unwrap_or("");
            match page.build() {
                Build::Volunteer => assert!(!dirs.contains(&first), "{page:?}"),
                other => assert_eq!(first, other.dir(), "{page:?}"),
            }
        }
    }

    #[test]
    fn every_page_is_found_at_its_own_path_and_nothing_else_is() {
        for page in Page::ALL {
            assert_eq!(page_at(page.href()), Some(page));
            if page != Page::Home {
                assert_eq!(page_at(&format!("{}/", page.href())), Some(page));
            }
        }
        for path in [
            "",
            "//",
            "/drives/nowhere",
            "/organizer/",
            "/Drives",
            "/pledge/x",
        ] {
            let expected = if path == "/organizer/" {
                Some(Page::Dashboard)
            } else {
                None
            };
            assert_eq!(page_at(path), expected, "{path}");
        }
    }
}

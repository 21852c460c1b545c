//! Every route of the app in one place: the [`Page`] list with the path of each page, the
//! navigation groups built from it, and the router table that maps paths to page components.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};

use super::i18n::{PageText, Texts};
use super::pages::NotFound;

/// The app is several builds of one crate, each with some of the pages, so nobody downloads
/// and compiles pages they do not open (Trunk cannot split one wasm module, and each rich page
/// costs 20 to 50 KiB gzip of view code): the volunteers' journey (`index.html`, at the root),
/// the eligibility self-check, and the organizers' pages. They read and write the same
/// storage; going from one to another is a full page load, answered offline by the service
/// worker.
///
/// A build other than the root one is served for every path under its [`Build::dir`] (and
/// under each of its [`Build::also`], where the bundle holds a copy of its `index.html`), the
/// deepest directory winning; `scripts/static-server.mjs` and `src/sw.js` follow the same rule,
/// and `BUILDS` and `ALSO` in `scripts/tools.sh` list the same directories and binaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    Volunteer,
    Eligibility,
    Mine,
    Organizer,
    Schedule,
    CheckIn,
    Data,
    Setup,
    DriveSetup,
    Inbox,
    Shared,
    Sync,
}

impl Build {
    /// Every build, each after the builds whose directories hold its own.
    pub const ALL: [Build; 12] = [
        Build::Volunteer,
        Build::Eligibility,
        Build::Mine,
        Build::Organizer,
        Build::Schedule,
        Build::CheckIn,
        Build::Data,
        Build::Setup,
        Build::DriveSetup,
        Build::Inbox,
        Build::Shared,
        Build::Sync,
    ];

    /// The build's directory in the bundle, also the path its pages live under; empty for the
    /// root build.
    pub fn dir(self) -> &'static str {
        match self {
            Build::Volunteer => "",
            Build::Eligibility => "eligibility",
            Build::Mine => "my-pledges",
            Build::Organizer => "organizer",
            Build::Schedule => "organizer/schedule",
            Build::CheckIn => "organizer/check-in",
            Build::Data => "organizer/data",
            Build::Setup => "organizer/setup",
            Build::DriveSetup => "organizer/drives",
            Build::Inbox => "organizer/inbox",
            Build::Shared => "d",
            Build::Sync => "organizer/sync",
        }
    }

    /// Other directories the build is served under, each holding a copy of the build's
    /// `index.html` (its files stay under [`Build::dir`]). The pledge form lives with my
    /// pledges: the two write pledges, and the root build (home and drives, the first visit)
    /// then carries no code that saves.
    pub fn also(self) -> &'static [&'static str] {
        match self {
            Build::Mine => &["pledge"],
            _ => &[],
        }
    }

    /// The build's binary (`src/main.rs` for the root build, else `src/bin/<bin>.rs`).
    pub fn bin(self) -> &'static str {
        match self {
            Build::Volunteer => "hien-mau",
            Build::Eligibility => "eligibility",
            Build::Mine => "mine",
            Build::Organizer => "organizer",
            Build::Schedule => "schedule",
            Build::CheckIn => "checkin",
            Build::Data => "data",
            Build::Setup => "setup",
            Build::DriveSetup => "drivesetup",
            Build::Inbox => "inbox",
            Build::Shared => "shared",
            Build::Sync => "sync",
        }
    }

    /// Whether the build's pages read the stored records while the app starts. The eligibility
    /// self-check shows none, a shared drive comes from its link, and the sync page's engine
    /// opens the store itself: they start without parsing the store, and read it only before
    /// their first change. The dashboard reads it between frames after its first one
    /// ([`super::state::AppState::read_records_for`]), so a large campaign never blocks input
    /// for long.
    pub fn reads_records_at_start(self) -> bool {
        !matches!(
            self,
            Build::Eligibility | Build::Shared | Build::Sync | Build::Organizer
        )
    }

    /// The build that answers `path`: the one with the deepest directory holding it.
    pub fn at(path: &str) -> Build {
        let holds = |dir: &str| {
            path.strip_prefix('/')
                .and_then(|p| p.strip_prefix(dir))
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        Build::ALL[1..]
            .iter()
            .copied()
            .flat_map(|b| {
                std::iter::once(b.dir())
                    .chain(b.also().iter().copied())
                    .map(move |d| (b, d))
            })
            .filter(|&(_, dir)| holds(dir))
            .max_by_key(|&(_, dir)| dir.len())
            .map_or(Build::Volunteer, |(b, _)| b)
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
    DriveSetup,
    Inbox,
    SharedDrive,
    Data,
    Sync,
}

impl Page {
    /// Every page.
    pub const ALL: [Page; 14] = [
        Page::Home,
        Page::Drives,
        Page::Pledge,
        Page::MyPledges,
        Page::Eligibility,
        Page::Dashboard,
        Page::Schedule,
        Page::CheckIn,
        Page::Setup,
        Page::DriveSetup,
        Page::Inbox,
        Page::SharedDrive,
        Page::Data,
        Page::Sync,
    ];

    /// The volunteers' pages, in navigation order.
    pub const VOLUNTEER: [Page; 4] = [
        Page::Drives,
        Page::Pledge,
        Page::MyPledges,
        Page::Eligibility,
    ];

    /// The organizers' pages, in navigation order.
    pub const ORGANIZER: [Page; 8] = [
        Page::Dashboard,
        Page::Schedule,
        Page::CheckIn,
        Page::Inbox,
        Page::DriveSetup,
        Page::Setup,
        Page::Data,
        Page::Sync,
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
            Page::DriveSetup => "/organizer/drives",
            Page::Inbox => "/organizer/inbox",
            Page::SharedDrive => "/d",
            Page::Data => "/organizer/data",
            Page::Sync => "/organizer/sync",
        }
    }

    /// The build that shows the page: the one its path lives under.
    pub fn build(self) -> Build {
        Build::at(self.href())
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
            Page::DriveSetup => &p.drive_setup,
            Page::Inbox => &p.inbox,
            Page::SharedDrive => &p.shared_drive,
            Page::Data => &p.data,
            Page::Sync => &p.sync,
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
    fn each_build_but_the_root_shows_a_page_and_the_scripts_list_every_build() {
        for build in Build::ALL {
            assert!(
                Page::ALL.iter().any(|p| p.build() == build),
                "{build:?} shows no page"
            );
        }
        assert_eq!(Page::Eligibility.build(), Build::Eligibility);
        assert_eq!(Page::MyPledges.build(), Build::Mine);
        assert_eq!(Page::Pledge.build(), Build::Mine);
        assert_eq!(Build::at("/pledge/x"), Build::Mine);
        assert_eq!(Build::at("/pledges"), Build::Volunteer);
        assert_eq!(Page::Dashboard.build(), Build::Organizer);
        assert_eq!(Page::Schedule.build(), Build::Schedule);
        assert_eq!(Page::Setup.build(), Build::Setup);
        assert_eq!(Page::Inbox.build(), Build::Inbox);
        assert_eq!(Page::DriveSetup.build(), Build::DriveSetup);
        assert_eq!(Page::SharedDrive.build(), Build::Shared);
        assert_eq!(Build::at("/drives"), Build::Volunteer);
        assert_eq!(Page::CheckIn.build(), Build::CheckIn);
        assert_eq!(Build::at("/organizer/check-in/x"), Build::CheckIn);
        assert_eq!(Build::at("/organizer/check-inx"), Build::Organizer);
        assert_eq!(Build::at("/organizers"), Build::Volunteer);
        // scripts/tools.sh builds the same list, parents first.
        let tools = include_str!("../../scripts/tools.sh");
        let line = tools
            .lines()
            .find_map(|l| l.strip_prefix("BUILDS=\""))
            .and_then(|l| l.strip_suffix('"'))
            .expect("BUILDS=\"...\" in scripts/tools.sh");
        let listed: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        let expected: Vec<String> = Build::ALL[1..]
            .iter()
            .map(|b| format!("{}:{}", b.dir(), b.bin()))
            .collect();
        assert_eq!(listed, expected);
        // ... and the copies of a build's page served under its other directories.
        let also = tools
            .lines()
            .find_map(|l| l.strip_prefix("ALSO=\""))
            .and_then(|l| l.strip_suffix('"'))
            .expect("ALSO=\"...\" in scripts/tools.sh");
        let listed: Vec<String> = also.split_whitespace().map(str::to_owned).collect();
        let expected: Vec<String> = Build::ALL
            .iter()
            .flat_map(|b| b.also().iter().map(move |d| format!("{d}:{}", b.dir())))
            .collect();
        assert_eq!(listed, expected);
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

//! Every route of the app in one place: the [`Page`] list with the path of each page, the
//! navigation groups built from it, and the router table that maps paths to page components.

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Routes},
    path,
};

use super::i18n::{PageText, Texts};
use super::pages::{DataPage, EligibilityPage, Home, IntroPage, NotFound};

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

/// The router table. Paths here must match [`Page::href`]; the end-to-end tests follow every
/// navigation link and would fail on a mismatch.
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=NotFound>
            <Route path=path!("/") view=Home />
            <Route path=path!("/drives") view=|| view! { <IntroPage page=Page::Drives /> } />
            <Route path=path!("/pledge") view=|| view! { <IntroPage page=Page::Pledge /> } />
            <Route path=path!("/my-pledges") view=|| view! { <IntroPage page=Page::MyPledges /> } />
            <Route path=path!("/eligibility") view=EligibilityPage />
            <Route path=path!("/organizer") view=|| view! { <IntroPage page=Page::Dashboard /> } />
            <Route path=path!("/organizer/schedule") view=|| view! { <IntroPage page=Page::Schedule /> } />
            <Route path=path!("/organizer/check-in") view=|| view! { <IntroPage page=Page::CheckIn /> } />
            <Route path=path!("/organizer/setup") view=|| view! { <IntroPage page=Page::Setup /> } />
            <Route path=path!("/organizer/data") view=DataPage />
        </Routes>
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
}

//! The pages of the shell: home, the introduction of each page later work fills in, and the
//! not-found page.

mod checkin;
// Draws on a canvas: only in the browser (native builds run the pure tests).
#[cfg(target_arch = "wasm32")]
mod dashboard;
mod data;
mod drives;
mod eligibility;
mod inbox;
mod mine;
mod pledge;
mod schedule;
mod setup;
mod shared;
mod sync;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::i18n::PageText;
use super::routes::{Build, Page};
use super::state::AppState;

use checkin::CheckInPage;
#[cfg(target_arch = "wasm32")]
use dashboard::DashboardPage;
use data::DataPage;
use drives::{CampaignCard, ComingUp, DrivesPage};
use eligibility::EligibilityPage;
use inbox::InboxPage;
use mine::MyPledgesPage;
use pledge::PledgePage;
use schedule::SchedulePage;
use setup::{DriveSetupPage, SetupPage};
use shared::SharedDrivePage;
use sync::SyncPage;

use super::sync_line::SyncLine;

/// An organizer page under the sync status line (which also starts the engine's frame).
fn organizer(page: AnyView) -> AnyView {
    view! {
        <SyncLine engine=true />
        {page}
    }
    .into_any()
}

/// The volunteers' build: home and drives (nothing here saves).
pub fn volunteer_page(page: Page) -> AnyView {
    match page {
        Page::Home => view! { <Home /> }.into_any(),
        Page::Drives => view! { <DrivesPage /> }.into_any(),
        other => view! { <IntroPage page=other /> }.into_any(),
    }
}

/// The pledges' build: the pledge form and my pledges.
pub fn mine_page(page: Page) -> AnyView {
    match page {
        Page::Pledge => view! { <PledgePage /> }.into_any(),
        _ => view! { <MyPledgesPage /> }.into_any(),
    }
}

/// The eligibility self-check's build: its one page.
pub fn eligibility_page(_page: Page) -> AnyView {
    view! { <EligibilityPage /> }.into_any()
}

/// The organizers' build: the dashboard and setup.
pub fn organizer_page(page: Page) -> AnyView {
    match page {
        #[cfg(target_arch = "wasm32")]
        Page::Dashboard => organizer(view! { <DashboardPage /> }.into_any()),
        other => organizer(view! { <IntroPage page=other /> }.into_any()),
    }
}

/// The schedule's build.
pub fn schedule_page(_page: Page) -> AnyView {
    organizer(view! { <SchedulePage /> }.into_any())
}

/// The check-in desk's build.
pub fn checkin_page(_page: Page) -> AnyView {
    organizer(view! { <CheckInPage /> }.into_any())
}

/// The set-up build.
pub fn setup_page(_page: Page) -> AnyView {
    organizer(view! { <SetupPage /> }.into_any())
}

/// The drives' build.
pub fn drivesetup_page(_page: Page) -> AnyView {
    organizer(view! { <DriveSetupPage /> }.into_any())
}

/// The inbox's build.
pub fn inbox_page(_page: Page) -> AnyView {
    organizer(view! { <InboxPage /> }.into_any())
}

/// The shared drive's build.
pub fn shared_page(_page: Page) -> AnyView {
    view! { <SharedDrivePage /> }.into_any()
}

/// The Data page's build.
pub fn data_page(_page: Page) -> AnyView {
    organizer(view! { <DataPage /> }.into_any())
}

/// The sync build's page: set up, pair, status.
pub fn sync_page(_page: Page) -> AnyView {
    view! { <SyncPage /> }.into_any()
}

/// The heading and lead of a page; also keeps the document title in step.
#[component]
fn PageHeading(
    /// The page (none for the not-found page).
    page: Option<Page>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    // A plain function of the page, not a closure prop: one copy of this component serves all.
    let text = move || -> &'static PageText {
        let t = state.t();
        page.map_or(&t.pages.not_found, |p| p.text(t))
    };
    Effect::new(move |_| {
        document().set_title(&format!("{} · {}", text().title, state.t().app_name));
    });
    view! {
        <h1>{move || text().title}</h1>
        <p class="lead">{move || text().lead}</p>
    }
}

/// The home page: this year's campaign and its progress, the next places open for pledges,
/// and a way in for each audience.
#[component]
pub fn Home() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section class="hero">
            <PageHeading page=Some(Page::Home) />
        </section>
        <CampaignCard />
        <ComingUp />
        <div class="audiences">
            <AudienceCard
                id="audience-volunteers"
                heading=move || state.t().volunteers
                intro=move || state.t().home_volunteers_intro
                pages=&Page::VOLUNTEER
            />
            <AudienceCard
                id="audience-organizers"
                heading=move || state.t().organizers
                intro=move || state.t().home_organizers_intro
                pages=&Page::ORGANIZER
            />
        </div>
    }
}

/// A card on the home page: who it is for, what they can do, and links to their pages.
#[component]
fn AudienceCard(
    /// The id of the card's heading, which names the card as a region.
    id: &'static str,
    /// The audience's name.
    heading: impl Fn() -> &'static str + Send + Sync + Copy + 'static,
    /// One sentence on what this audience does here.
    intro: impl Fn() -> &'static str + Send + Sync + Copy + 'static,
    /// The audience's pages.
    pages: &'static [Page],
) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section class="card audience" aria-labelledby=id>
            <h2 id=id>{heading}</h2>
            <p>{intro}</p>
            <ul class="link-list">
                {pages
                    .iter()
                    .map(|&page| {
                        view! {
                            <li>
                                <a href=page.href() rel=page.rel_from(Build::Volunteer)>
                                    {move || page.text(state.t()).title}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// A page whose content later work builds: its heading and one sentence on what it will hold.
#[component]
pub fn IntroPage(
    /// Which page this is.
    page: Page,
) -> impl IntoView {
    view! { <PageHeading page=Some(page) /> }
}

/// Shown for any path that matches no page: says which address failed and leads back home.
#[component]
pub fn NotFound() -> impl IntoView {
    let state = expect_context::<AppState>();
    let location = use_location();
    view! {
        <PageHeading page=None />
        <p>
            {move || state.t().not_found_path} " " <code>{move || location.pathname.get()}</code>
        </p>
        <p>
            <a href=Page::Home.href() rel=Page::Home.rel_from(expect_context::<Build>())>
                {move || state.t().back_home}
            </a>
        </p>
    }
}

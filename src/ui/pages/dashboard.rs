//! The campaign dashboard: progress against the target at its heart, then pledges and units per
//! day, slot fill, the drives, the donors' blood groups and categories, and the units against
//! their quotas. Every chart is a canvas drawn by `crate::charts` with `role="img"` and a label
//! that states its point, and a data table beside it; the filters (campaign, drive, site, unit)
//! drive every chart.

use std::collections::VecDeque;
use std::rc::Rc;

use leptos::prelude::*;
use web_sys::HtmlCanvasElement;

use super::PageHeading;
use crate::charts::{
    self, ChartStyle, DailyNames, DriveNames, Labels, Locale, Measure, MixNames, ProgressNames,
    QuotaNames, SlotNames, Theme,
};
use crate::domain::stats::{self, Both, DayRow, DonorRow, Filter, SlotFill, Steps};
use crate::domain::targets::{self, DriveProgress, UnitProgress};
use crate::domain::{
    BloodGroup, CampaignId, Category, Date, DriveId, Ledger, SiteId, UnitId, UnitKind, Units,
};
use crate::ui::clock;
use crate::ui::i18n::Lang;
use crate::ui::routes::Page;
use crate::ui::state::AppState;
use crate::ui::widgets::{FilterSelect, opened_once, unit_choices};

/// The language's way of writing numbers and dates, for the charts.
struct ChartLocale(Lang);

impl Locale for ChartLocale {
    fn number(&self, n: i64) -> String {
        self.0.number(n)
    }
    fn decimal_separator(&self) -> char {
        match self.0 {
            Lang::Vi => ',',
            Lang::En => '.',
        }
    }
}

/// The progress chart's figures: the campaign's year, its progress and the cumulative line.
#[derive(Clone, PartialEq, Default)]
struct Progress {
    year: i32,
    progress: Option<targets::Progress>,
    points: Vec<stats::CumulativePoint>,
}

/// The figures of every chart for the filter and ledger shown, `None` while they are computed
/// (a chart is drawn only once it has them, so no chart shows an older filter's figures).
#[derive(Clone, Copy)]
struct Figures {
    progress: RwSignal<Option<Progress>>,
    daily: RwSignal<Option<Vec<DayRow>>>,
    slots: RwSignal<Option<Vec<SlotFill>>>,
    drives: RwSignal<Option<Vec<DriveProgress>>>,
    groups: RwSignal<Option<Vec<DonorRow<Option<BloodGroup>>>>>,
    categories: RwSignal<Option<Vec<DonorRow<Category>>>>,
    unit_kinds: RwSignal<Option<Vec<DonorRow<Option<UnitKind>>>>>,
    quotas: RwSignal<Option<Vec<UnitProgress>>>,
}

impl Figures {
    /// No chart's figures yet.
    fn new() -> Self {
        Figures {
            progress: RwSignal::new(None),
            daily: RwSignal::new(None),
            slots: RwSignal::new(None),
            drives: RwSignal::new(None),
            groups: RwSignal::new(None),
            categories: RwSignal::new(None),
            unit_kinds: RwSignal::new(None),
            quotas: RwSignal::new(None),
        }
    }

    /// Every chart back to "being computed".
    fn clear(self) {
        fn none<T: Send + Sync + 'static>(s: RwSignal<Option<T>>) {
            if s.with_untracked(Option::is_some) {
                s.set(None);
            }
        }
        none(self.progress);
        none(self.daily);
        none(self.slots);
        none(self.drives);
        none(self.groups);
        none(self.categories);
        none(self.unit_kinds);
        none(self.quotas);
    }

    /// The computations of every chart's figures for `filter` over `ledger`, in the page's
    /// order, each handing its figures to its chart.
    fn jobs(self, ledger: &Ledger, f: &Filter, today: Date) -> VecDeque<Box<dyn Job>> {
        let campaign = f.campaign.clone();
        let progress = Both::new(
            targets::progress_steps(&f.campaign, today),
            stats::cumulative_steps(ledger, f, today),
        )
        .map(move |l, (progress, points)| Progress {
            year: l.campaign(&campaign).map_or(today.year(), |c| c.year),
            progress: progress.ok(),
            points,
        });
        VecDeque::from([
            job(progress, self.progress),
            job(stats::by_day_steps(f), self.daily),
            job(stats::slot_fill_steps(f), self.slots),
            job(
                targets::drive_progress_steps(&f.campaign, today),
                self.drives,
            ),
            job(stats::by_blood_group_steps(f), self.groups),
            job(stats::by_category_steps(f), self.categories),
            job(stats::by_unit_kind_steps(f), self.unit_kinds),
            job(
                targets::unit_progress_steps(&f.campaign, today),
                self.quotas,
            ),
        ])
    }
}

/// One chart's figures computed a few pledges at a time, then handed to the chart.
trait Job {
    /// Looks at up to `count` more pledges; true once the figures are computed.
    fn step(&mut self, ledger: &Ledger, count: usize) -> bool;
    /// Hands the computed figures to the chart, which draws them.
    fn show(self: Box<Self>);
}

/// A [`Job`] of some read-model's steps.
struct ChartJob<S: Steps> {
    steps: Option<S>,
    figures: Option<S::Output>,
    to: RwSignal<Option<S::Output>>,
}

/// The job that computes `steps` and hands the figures to the chart that reads `to`.
fn job<S>(steps: S, to: RwSignal<Option<S::Output>>) -> Box<dyn Job>
where
    S: Steps + 'static,
    S::Output: Send + Sync + 'static,
{
    Box::new(ChartJob {
        steps: Some(steps),
        figures: None,
        to,
    })
}

impl<S> Job for ChartJob<S>
where
    S: Steps,
    S::Output: Send + Sync + 'static,
{
    fn step(&mut self, ledger: &Ledger, count: usize) -> bool {
        if let Some(steps) = self.steps.as_mut()
            && !steps.step(ledger, count)
        {
            return false;
        }
        if let Some(steps) = self.steps.take() {
            self.figures = Some(steps.finish(ledger));
        }
        true
    }

    fn show(self: Box<Self>) {
        if let Some(figures) = self.figures {
            self.to.set(Some(figures));
        }
    }
}

/// The charts' figures being computed for one filter and ledger: the charts still to compute,
/// and the one computed and not yet shown.
#[derive(Default)]
struct Computing {
    /// Which computation this is: a task of an older one stops.
    id: u64,
    jobs: VecDeque<Box<dyn Job>>,
    computed: Option<Box<dyn Job>>,
}

/// How long one task reads records or computes figures before the page answers input again
/// (ms).
const TASK_BUDGET: f64 = 12.0;

/// How many pledges a computation looks at between looks at the clock.
const PLEDGES_PER_LOOK: usize = 200;

/// Reads the records a little at a time, a task each.
fn read_between_frames(state: AppState) {
    set_timeout(
        move || {
            if !state.read_records_for(TASK_BUDGET, js_sys::Date::now) {
                read_between_frames(state);
            }
        },
        std::time::Duration::ZERO,
    );
}

/// Computes computation `id`'s figures a little at a time, a task each, each chart's in the
/// page's order; a chart's figures are handed over in a task of their own, which draws it.
fn compute_between_frames(
    state: AppState,
    computing: StoredValue<Computing, LocalStorage>,
    id: u64,
) {
    enum Next {
        Show(Box<dyn Job>),
        More,
        Done,
    }
    set_timeout(
        move || {
            let start = js_sys::Date::now();
            let next = computing.try_update_value(|c| {
                if c.id != id {
                    return Next::Done;
                }
                if let Some(computed) = c.computed.take() {
                    return Next::Show(computed);
                }
                state.ledger.with_untracked(|l| {
                    while let Some(job) = c.jobs.front_mut() {
                        if job.step(l, PLEDGES_PER_LOOK) {
                            c.computed = c.jobs.pop_front();
                            return Next::More;
                        }
                        if js_sys::Date::now() - start >= TASK_BUDGET {
                            return Next::More;
                        }
                    }
                    Next::Done
                })
            });
            match next {
                Some(Next::Show(job)) => {
                    job.show();
                    compute_between_frames(state, computing, id);
                }
                Some(Next::More) => compute_between_frames(state, computing, id),
                Some(Next::Done) | None => {}
            }
        },
        std::time::Duration::ZERO,
    );
}

/// The theme that matches the page: dark when the system asks for it.
fn theme() -> Theme {
    let dark = window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    if dark { Theme::DARK } else { Theme::LIGHT }
}

/// Draws a chart on a canvas; reads signals, so an effect calling it redraws on change.
type Paint = Rc<dyn Fn(&HtmlCanvasElement)>;

/// A chart: its canvas (sized by CSS, drawn at the pixel ratio, redrawn on resize and when its
/// figures change), its accessible label, and its data table.
#[component]
fn Chart(
    /// CSS height in pixels.
    height: u32,
    /// What the chart shows, stated as a sentence.
    #[prop(into)]
    label: Signal<String>,
    /// Draws it.
    paint: Paint,
    /// Whether its figures are there: until then the canvas stays blank (the card keeps its
    /// place) and the label says the data is being read.
    #[prop(into)]
    ready: Signal<bool>,
    /// The data table: drawn the first time its details are opened (a table of a large
    /// campaign is hundreds of rows nobody sees while they are closed).
    children: ChildrenFn,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let draw = paint.clone();
    Effect::new(move |_| {
        let Some(c) = canvas.get() else { return };
        if ready.get() {
            draw(&c);
        } else {
            // Blank while the figures are computed (setting the size clears the canvas).
            c.set_width(c.width());
        }
    });
    let (opened, on_toggle) = opened_once();
    let watch = StoredValue::new_local(None::<charts::canvas::ResizeWatch>);
    Effect::new(move |_| {
        if let Some(c) = canvas.get() {
            let element: HtmlCanvasElement = c.clone();
            let paint = paint.clone();
            let w = charts::canvas::watch_resize(&c, move || {
                if ready.get_untracked() {
                    untrack(|| paint(&element));
                }
            })
            .ok();
            watch.set_value(w);
        }
    });
    view! {
        <figure class="card chart" aria-busy=move || (!ready.get()).then_some("true")>
            <canvas
                node_ref=canvas
                role="img"
                aria-label=move || {
                    if ready.get() { label.get() } else { state.t().dashboard().reading.to_owned() }
                }
                style:height=format!("{height}px")
            ></canvas>
            <details on:toggle=on_toggle>
                <summary>{move || state.t().dashboard().table}</summary>
                {move || opened.get().then(|| children())}
            </details>
        </figure>
    }
}

/// The dashboard page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = clock::today();
    let campaigns = Memo::new(move |_| {
        state.ledger.with(|l| {
            let mut c: Vec<(CampaignId, i32, String)> = l
                .campaigns()
                .map(|c| (c.id.clone(), c.year, c.name.clone()))
                .collect();
            crate::domain::order::sort_by_key(&mut c, |x| std::cmp::Reverse(x.1));
            c
        })
    });
    // This year's campaign first, else the latest.
    let campaign = RwSignal::new(None::<CampaignId>);
    Effect::new(move |_| {
        let all = campaigns.get();
        if campaign
            .get_untracked()
            .is_none_or(|c| !all.iter().any(|x| x.0 == c))
        {
            let pick = all
                .iter()
                .find(|x| x.1 == today.year())
                .or(all.first())
                .map(|x| x.0.clone());
            campaign.set(pick);
        }
    });
    let drive = RwSignal::new(String::new());
    let site = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let filter = Memo::new(move |_| {
        let mut f = Filter::new(campaign.get()?);
        if let Ok(d) = DriveId::new(drive.get()) {
            f = f.with_drive(d);
        }
        if let Ok(s) = SiteId::new(site.get()) {
            f = f.with_site(s);
        }
        if let Ok(u) = UnitId::new(unit.get()) {
            f = f.with_unit(u);
        }
        Some(f)
    });
    // The records are read between frames (this build starts without them), then the charts'
    // figures, a chart after the other, a few hundred pledges a task; the page stands in full
    // meanwhile. A new filter or ledger starts them again and blanks every chart until its new
    // figures are there, so no chart shows figures of another filter.
    if !state.records_ready_untracked() {
        request_animation_frame(move || read_between_frames(state));
    }
    let data = Figures::new();
    let computing = StoredValue::new_local(Computing::default());
    Effect::new(move |_| {
        let ready = state.records_ready();
        let filter = filter.get();
        state.ledger.track();
        data.clear();
        let id = computing.with_value(|c| c.id) + 1;
        let jobs = match filter {
            Some(f) if ready => state.ledger.with_untracked(|l| data.jobs(l, &f, today)),
            _ => VecDeque::new(),
        };
        computing.set_value(Computing {
            id,
            jobs,
            computed: None,
        });
        compute_between_frames(state, computing, id);
    });
    // While the records are read, the filters and a grey card per chart stand where they will
    // be; with no set-up stored there is no campaign, and the notice shows at once (no shift).
    let has_setup = state.has_setup();
    let t = move || state.t().dashboard();
    let choices = move |kind: u8| {
        state.ledger.with(|l| {
            let c = campaign.get();
            let mut out: Vec<(String, String)> = match kind {
                0 => l
                    .drives()
                    .filter(|d| Some(&d.campaign) == c.as_ref())
                    .map(|d| (d.id.to_string(), d.name.clone()))
                    .collect(),
                1 => l
                    .sites()
                    .map(|s| (s.id.to_string(), s.name.clone()))
                    .collect(),
                _ => l
                    .units()
                    .map(|u| (u.id.to_string(), u.name.clone()))
                    .collect(),
            };
            crate::domain::order::sort_by(&mut out, |a, b| a.1.cmp(&b.1));
            out
        })
    };
    view! {
        <PageHeading page=Some(Page::Dashboard) />
        <Show
            when=move || (has_setup && !state.records_ready()) || !campaigns.with(Vec::is_empty)
            fallback=move || view! { <p class="card section">{move || t().no_campaign}</p> }
        >
            <section class="card section filters" aria-label=move || state.t().finder().filters>
                <div class="field">
                    <label for="dash-campaign">{move || t().campaign}</label>
                    <select
                        id="dash-campaign"
                        on:change=move |ev| {
                            campaign.set(CampaignId::new(event_target_value(&ev)).ok());
                            drive.set(String::new());
                        }
                        prop:value=move || campaign.get().map(|c| c.to_string()).unwrap_or_default()
                    >
                        {move || {
                            campaigns
                                .get()
                                .into_iter()
                                .map(|(id, _, name)| view! { <option value=id.to_string()>{name}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                <FilterSelect
                    id="dash-drive"
                    label=Signal::derive(move || t().drive)
                    all=Signal::derive(move || t().all_drives)
                    choices=Signal::derive(move || choices(0))
                    value=drive
                />
                <FilterSelect
                    id="dash-site"
                    label=Signal::derive(move || t().site)
                    all=Signal::derive(move || t().all_sites)
                    choices=Signal::derive(move || choices(1))
                    value=site
                />
                <FilterSelect
                    id="dash-unit"
                    label=Signal::derive(move || t().unit)
                    all=Signal::derive(move || t().all_units)
                    choices=Signal::derive(move || state.ledger.with(unit_choices))
                    value=unit
                />
            </section>
            <Charts data />
        </Show>
    }
}

/// Every chart of the dashboard for the filtered figures.
#[component]
fn Charts(data: Figures) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().dashboard();
    let lang = move || state.lang.get();
    // Each chart's figures, empty until computed (the chart is not drawn until then).
    let progress = move || data.progress.get().unwrap_or_default();
    let daily = move || data.daily.get().unwrap_or_default();
    let slots = move || data.slots.get().unwrap_or_default();
    let drives = move || data.drives.get().unwrap_or_default();
    let groups = move || data.groups.get().unwrap_or_default();
    let categories = move || data.categories.get().unwrap_or_default();
    let unit_kinds = move || data.unit_kinds.get().unwrap_or_default();
    let quotas = move || data.quotas.get().unwrap_or_default();
    fn ready<T: Send + Sync + 'static>(m: RwSignal<Option<T>>) -> Signal<bool> {
        Signal::derive(move || m.with(Option::is_some))
    }
    let units = move |u: Units| lang().units(u);
    let progress_label = Signal::derive(move || {
        let f = progress();
        let Some(p) = f.progress else {
            return t().no_data.to_owned();
        };
        let s = charts::progress_summary(&p, &f.points);
        let pct = s.percent.map(|x| lang().number(i64::from(x)) + " %");
        let behind = (s.behind_by > Units::ZERO).then(|| units(s.behind_by));
        (t().progress_summary)(
            &units(s.donated),
            &lang().number(s.target),
            pct.as_deref(),
            behind.as_deref(),
        )
    });
    let paint_progress: Paint = Rc::new(move |c| {
        let f = progress();
        let loc = ChartLocale(lang());
        let title = (t().progress_title)(f.year);
        let l = Labels {
            title: &title,
            no_data: t().no_data,
            value_axis: t().units_axis,
            names: ProgressNames {
                donated: t().donated,
                target_path: t().target_path,
                previous_year: t().previous_year,
                required_pace: t().required_pace,
            },
            locale: &loc,
        };
        let _ = charts::canvas::draw(c, ChartStyle::new(theme()), |a, s| {
            charts::progress_chart(a, &f.points, s, &l)
        });
    });
    let daily_label = Signal::derive(move || {
        let s = charts::daily_summary(&daily());
        (t().daily_summary)(
            s.days,
            &lang().number(i64::from(s.tally.pledges)),
            &units(s.tally.units),
        )
    });
    let paint_daily: Paint = Rc::new(move |c| {
        let f = daily();
        let loc = ChartLocale(lang());
        let l = Labels {
            title: t().daily_title,
            no_data: t().no_data,
            value_axis: "",
            names: DailyNames {
                pledges: t().pledges,
                units: t().units,
            },
            locale: &loc,
        };
        let _ = charts::canvas::draw(c, ChartStyle::new(theme()), |a, s| {
            charts::daily_chart(a, &f, s, &l)
        });
    });
    let slots_label = Signal::derive(move || {
        let s = charts::slot_fill_summary(&slots());
        (t().slots_summary)(
            &lang().number(i64::try_from(s.taken).unwrap_or(0)),
            &lang().number(i64::try_from(s.capacity).unwrap_or(0)),
            s.full,
        )
    });
    let paint_slots: Paint = Rc::new(move |c| {
        let f = slots();
        let loc = ChartLocale(lang());
        let site_name = move |id: &SiteId| {
            state.ledger.with_untracked(|l| {
                l.site(id)
                    .map_or_else(|| id.to_string(), |s| s.name.clone())
            })
        };
        let l = Labels {
            title: t().slots_title,
            no_data: t().no_data,
            value_axis: "",
            names: SlotNames { site: &site_name },
            locale: &loc,
        };
        let _ = charts::canvas::draw(c, ChartStyle::new(theme()), |a, s| {
            charts::slot_fill_chart(a, &f, s, &l)
        });
    });
    let drives_label = Signal::derive(move || {
        let s = charts::drives_summary(&drives());
        (t().drives_summary)(
            s.drives,
            &lang().number(i64::try_from(s.held).unwrap_or(0)),
            &lang().number(i64::try_from(s.capacity).unwrap_or(0)),
        )
    });
    let paint_drives: Paint = Rc::new(move |c| {
        let f = drives();
        let loc = ChartLocale(lang());
        let l = Labels {
            title: t().drives_title,
            no_data: t().no_data,
            value_axis: "",
            names: DriveNames {
                held: t().held,
                capacity: t().capacity,
            },
            locale: &loc,
        };
        let _ = charts::canvas::draw(c, ChartStyle::new(theme()), |a, s| {
            charts::drives_chart(a, &f, s, &l)
        });
    });
    let group_name = move |g: &Option<BloodGroup>| {
        g.map_or_else(
            || t().unknown_group.to_owned(),
            |g| state.t().volunteer.blood_group(g),
        )
    };
    let category_name = move |c: &Category| state.t().volunteer.category(*c).to_owned();
    let groups_label = Signal::derive(move || {
        let s = charts::mix_summary(&groups(), Measure::Donors);
        let loc = ChartLocale(lang());
        let largest = s.largest.map(|r| group_name(&r.key)).unwrap_or_default();
        (t().mix_summary)(&loc.amount(s.total), &largest)
    });
    let paint_groups: Paint = Rc::new(move |c| {
        let f = groups();
        let loc = ChartLocale(lang());
        let l = Labels {
            title: t().groups_title,
            no_data: t().no_data,
            value_axis: t().people_axis,
            names: MixNames { key: &group_name },
            locale: &loc,
        };
        let _ = charts::canvas::draw(c, ChartStyle::new(theme()), |a, s| {
            charts::mix_chart(a, &f, Measure::Donors, s, &l)
        });
    });
    let categories_label = Signal::derive(move || {
        let s = charts::mix_summary(&categories(), Measure::Donors);
        let loc = ChartLocale(lang());
        let largest = s.largest.map(|r| category_name(&r.key)).unwrap_or_default();
        (t().mix_summary)(&loc.amount(s.total), &largest)
    });
    let paint_categories: Paint = Rc::new(move |c| {
        let f = categories();
        let loc = ChartLocale(lang());
        let l = Labels {
            title: t().categories_title,
            no_data: t().no_data,
            value_axis: t().people_axis,
            names: MixNames {
                key: &category_name,
            },
            locale: &loc,
        };
        let _ = charts::canvas::draw(c, ChartStyle::new(theme()), |a, s| {
            charts::mix_chart(a, &f, Measure::Donors, s, &l)
        });
    });
    let kind_name = move |k: &Option<UnitKind>| {
        let i = k.map_or(4, |k| {
            UnitKind::ALL.iter().position(|x| *x == k).unwrap_or(3)
        });
        t().unit_kinds[i].to_owned()
    };
    let kinds_label = Signal::derive(move || {
        let s = charts::mix_summary(&unit_kinds(), Measure::Donors);
        let loc = ChartLocale(lang());
        let largest = s.largest.map(|r| kind_name(&r.key)).unwrap_or_default();
        (t().mix_summary)(&loc.amount(s.total), &largest)
    });
    let paint_kinds: Paint = Rc::new(move |c| {
        let f = unit_kinds();
        let loc = ChartLocale(lang());
        let l = Labels {
            title: t().unit_kinds_title,
            no_data: t().no_data,
            value_axis: t().people_axis,
            names: MixNames { key: &kind_name },
            locale: &loc,
        };
        let _ = charts::canvas::draw(c, ChartStyle::new(theme()), |a, s| {
            charts::mix_chart(a, &f, Measure::Donors, s, &l)
        });
    });
    let quota_label = Signal::derive(move || {
        let s = charts::quota_summary(&quotas());
        let pct = s
            .percent
            .map(|x| lang().number(i64::from(x)) + " %")
            .unwrap_or_default();
        (t().quota_summary)(s.units, s.reached, &pct)
    });
    let paint_quota: Paint = Rc::new(move |c| {
        let f = quotas();
        let loc = ChartLocale(lang());
        let l = Labels {
            title: t().quota_title,
            no_data: t().no_data,
            value_axis: t().units_axis,
            names: QuotaNames {
                donated: t().donated,
                quota: t().quota,
            },
            locale: &loc,
        };
        let _ = charts::canvas::draw(c, ChartStyle::new(theme()), |a, s| {
            charts::quota_chart(a, &f, 3, s, &l)
        });
    });
    let date = move |d: Date| lang().date(d.year(), u32::from(d.month()), u32::from(d.day()));
    view! {
        <div class="charts">
            <Chart height=280 label=progress_label paint=paint_progress ready=ready(data.progress)>
                <Table
                    head=move || vec![t().col_date, t().donated, t().target_path, t().previous_year]
                    rows=move || {
                        charts::progress_table(&progress().points)
                            .into_iter()
                            .map(|p| {
                                vec![
                                    date(p.date),
                                    p.actual.map(units).unwrap_or_default(),
                                    units(p.target),
                                    p.previous.map(units).unwrap_or_default(),
                                ]
                            })
                            .collect()
                    }
                />
            </Chart>
            <Chart height=260 label=daily_label paint=paint_daily ready=ready(data.daily)>
                <Table
                    head=move || vec![t().col_date, t().pledges, t().units]
                    rows=move || {
                        daily()
                            .into_iter()
                            .map(|r| {
                                vec![
                                    date(r.date),
                                    lang().number(i64::from(r.tally.pledges)),
                                    units(r.tally.units),
                                ]
                            })
                            .collect()
                    }
                />
            </Chart>
            <Chart height=300 label=slots_label paint=paint_slots ready=ready(data.slots)>
                <Table
                    head=move || vec![t().col_date, t().site, t().held, t().capacity]
                    rows=move || {
                        slots()
                            .into_iter()
                            .map(|r| {
                                let site = state
                                    .ledger
                                    .with(|l| l.site(&r.site).map(|s| s.name.clone()))
                                    .unwrap_or_default();
                                vec![
                                    format!("{} {}–{}", date(r.date), r.start, r.end),
                                    site,
                                    lang().number(i64::from(r.taken)),
                                    lang().number(i64::from(r.capacity)),
                                ]
                            })
                            .collect()
                    }
                />
            </Chart>
            <Chart height=260 label=drives_label paint=paint_drives ready=ready(data.drives)>
                <Table
                    head=move || vec![t().col_name, t().held, t().capacity, t().units]
                    rows=move || {
                        drives()
                            .into_iter()
                            .map(|r| {
                                vec![
                                    r.name,
                                    lang().number(i64::try_from(r.held).unwrap_or(0)),
                                    lang().number(i64::try_from(r.capacity).unwrap_or(0)),
                                    units(r.donated),
                                ]
                            })
                            .collect()
                    }
                />
            </Chart>
            <Chart height=260 label=groups_label paint=paint_groups ready=ready(data.groups)>
                <Table
                    head=move || vec![t().col_name, t().people_axis, t().col_share]
                    rows=move || mix_rows(&groups(), group_name, lang())
                />
            </Chart>
            <Chart height=220 label=categories_label paint=paint_categories ready=ready(data.categories)>
                <Table
                    head=move || vec![t().col_name, t().people_axis, t().col_share]
                    rows=move || mix_rows(&categories(), category_name, lang())
                />
            </Chart>
            <Chart height=220 label=kinds_label paint=paint_kinds ready=ready(data.unit_kinds)>
                <Table
                    head=move || vec![t().col_name, t().people_axis, t().col_share]
                    rows=move || mix_rows(&unit_kinds(), kind_name, lang())
                />
            </Chart>
            <Chart height=300 label=quota_label paint=paint_quota ready=ready(data.quotas)>
                <Table
                    head=move || vec![t().col_name, t().donated, t().quota, t().col_share]
                    rows=move || {
                        charts::quota_table(&quotas())
                            .into_iter()
                            .map(|r| {
                                vec![
                                    r.name,
                                    units(r.donated),
                                    units(r.quota),
                                    format!("{} %", r.percent),
                                ]
                            })
                            .collect()
                    }
                />
            </Chart>
        </div>
    }
}

/// The rows of a mix chart's table: name, people, share.
fn mix_rows<K: Copy>(
    rows: &[DonorRow<K>],
    name: impl Fn(&K) -> String,
    lang: Lang,
) -> Vec<Vec<String>> {
    charts::mix_table(rows, Measure::Donors)
        .into_iter()
        .map(|r| {
            vec![
                name(&r.key),
                ChartLocale(lang).amount(r.amount),
                r.percent.map(|p| format!("{p} %")).unwrap_or_default(),
            ]
        })
        .collect()
}

/// A plain data table: a header row and rows of text cells.
#[component]
fn Table(
    head: impl Fn() -> Vec<&'static str> + Send + Sync + 'static,
    rows: impl Fn() -> Vec<Vec<String>> + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="data-table">
                <thead>
                    <tr>{move || head().into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {move || {
                        rows()
                            .into_iter()
                            .map(|r| {
                                view! { <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

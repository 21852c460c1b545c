//! Native tests of the charts: SVG snapshots of every chart with the sample data and with empty
//! data (see the module docs for how to update them), and assertions on what the drawings and
//! summaries must say.

use std::path::PathBuf;

use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea};
use plotters::prelude::SVGBackend;

use super::*;
use crate::domain::generate::{GenerateOptions, generate};
use crate::domain::sample::{self, sample_ledger};
use crate::domain::stats::{self, Filter, SlotFill};
use crate::domain::targets::{self, UnitProgress};
use crate::domain::{
    BloodGroup, CampaignId, Category, Date, DriveId, Ledger, Rh, Timestamp, UnitKind, Units,
};

/// What drawing on an SVG gives (its error does not depend on the buffer's lifetime).
type SvgResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// Vietnamese number and date writing, as the UI's locale does it.
struct Vi;

impl Locale for Vi {
    fn number(&self, n: i64) -> String {
        group(n, '.')
    }
    fn decimal_separator(&self) -> char {
        ','
    }
}

/// English number writing.
struct En;

impl Locale for En {
    fn number(&self, n: i64) -> String {
        group(n, ',')
    }
    fn decimal_separator(&self) -> char {
        '.'
    }
    fn percent(&self, p: u32) -> String {
        format!("{p}%")
    }
}

fn group(n: i64, sep: char) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn light() -> ChartStyle {
    ChartStyle::new(Theme::LIGHT)
}

fn labels<N>(title: &'static str, value_axis: &'static str, names: N) -> Labels<'static, N> {
    Labels {
        title,
        no_data: "Chưa có dữ liệu",
        value_axis,
        names,
        locale: &Vi,
    }
}

const PROGRESS: ProgressNames<'static> = ProgressNames {
    donated: "Đã hiến",
    target_path: "Lộ trình mục tiêu",
    previous_year: "Năm trước",
    required_pace: "Tốc độ cần đạt",
};

const DAILY: DailyNames<'static> = DailyNames {
    pledges: "Đăng ký",
    units: "Đơn vị máu",
};

const QUOTA: QuotaNames<'static> = QuotaNames {
    donated: "Đã hiến",
    quota: "Chỉ tiêu",
};

const DRIVES: DriveNames<'static> = DriveNames {
    held: "Đã đăng ký",
    capacity: "Số chỗ",
};

fn site_name(ledger: &Ledger) -> impl Fn(&crate::domain::SiteId) -> String + '_ {
    |id| {
        ledger
            .site(id)
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    }
}

fn blood_group_name(g: &Option<BloodGroup>) -> String {
    match g {
        None => "Chưa biết".to_string(),
        Some(g) if g.rh == Rh::Unknown => format!("{} (Rh chưa rõ)", g.abo_name()),
        Some(g) => g.to_string(),
    }
}

fn category_name(c: &Category) -> String {
    match c {
        Category::Staff => "Cán bộ, nhân viên",
        Category::Student => "Sinh viên",
        Category::Intern => "Học sinh thực tập",
        Category::PatientRelative => "Người nhà bệnh nhân",
        Category::Public => "Người dân",
    }
    .to_string()
}

fn unit_kind_name(k: &Option<UnitKind>) -> String {
    match k {
        Some(UnitKind::PublicHospital) => "Bệnh viện công lập",
        Some(UnitKind::SpecialtyCenter) => "Trung tâm chuyên khoa",
        Some(UnitKind::DistrictMedicalCenter) => "Trung tâm y tế quận, huyện",
        Some(UnitKind::Other) => "Đơn vị khác",
        None => "Không thuộc đơn vị",
    }
    .to_string()
}

fn c2023() -> CampaignId {
    CampaignId::new(sample::CAMPAIGN_2023).unwrap()
}

fn c2024() -> CampaignId {
    CampaignId::new(sample::CAMPAIGN_2024).unwrap()
}

fn drive_2023_1() -> Filter {
    Filter::new(c2023()).with_drive(DriveId::new(sample::DRIVE_2023_1).unwrap())
}

/// The 2023 units' progress with made-up quotas (the sample has none): every unit a quota
/// between 10 and 40 units, by its position.
fn units_with_quotas(ledger: &Ledger) -> Vec<UnitProgress> {
    let mut rows = targets::unit_progress(ledger, &c2023(), d("2023-12-31"));
    for (i, r) in rows.iter_mut().enumerate() {
        r.quota = (i % 7 != 6).then(|| Units::whole(10 + (i as i64 * 7) % 31));
    }
    rows
}

/// Draws on an SVG of `width x height` and returns the document.
fn svg(
    width: u32,
    height: u32,
    draw: impl for<'b> FnOnce(&DrawingArea<SVGBackend<'b>, Shift>) -> SvgResult,
) -> String {
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw(&area).unwrap();
        area.present().unwrap();
    }
    out
}

/// Compares `svg` with the snapshot `name`, or writes it when `UPDATE_SNAPSHOTS` is set or
/// the snapshot does not exist yet (failing then, so a new snapshot is noticed).
fn assert_snapshot(name: &str, svg: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/charts");
    let path = dir.join(format!("{name}.svg"));
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| !v.is_empty() && v != "0");
    let old = std::fs::read_to_string(&path);
    if update || old.is_err() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&path, svg).unwrap();
        assert!(
            update,
            "new snapshot {} written: review and commit it",
            path.display()
        );
        return;
    }
    let old = old.unwrap();
    if old != svg {
        let line = old
            .lines()
            .zip(svg.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| old.lines().count().min(svg.lines().count()));
        panic!(
            "chart {name} differs from {} from line {}; if the change is meant, run \
             `UPDATE_SNAPSHOTS=1 cargo test charts::` and review the diff",
            path.display(),
            line + 1
        );
    }
}

// ----- snapshots -----

fn progress_svg(ledger: &Ledger, campaign: CampaignId, today: Date, style: ChartStyle) -> String {
    let points = stats::cumulative(ledger, &Filter::new(campaign), today);
    let l = labels("Tiến độ hiến máu 2024", "đơn vị", PROGRESS);
    svg(360, 260, |a| progress_chart(a, &points, &style, &l))
}

#[test]
fn progress_snapshot_with_last_year_and_nothing_yet() {
    let svg = progress_svg(&sample_ledger(), c2024(), d("2024-05-01"), light());
    assert_snapshot("progress_sample", &svg);
}

#[test]
fn progress_snapshot_in_dark_mode() {
    let style = ChartStyle::new(Theme::DARK);
    let svg = progress_svg(&sample_ledger(), c2024(), d("2024-05-01"), style);
    assert_snapshot("progress_sample_dark", &svg);
}

#[test]
fn progress_snapshot_mid_year_with_generated_donations() {
    let ledger = generate(&GenerateOptions::new(7, 1500, d("2024-06-15")));
    let svg = progress_svg(&ledger, c2024(), d("2024-06-15"), light());
    assert_snapshot("progress_generated", &svg);
}

#[test]
fn progress_snapshot_empty() {
    let l = labels("Tiến độ hiến máu 2024", "đơn vị", PROGRESS);
    assert_snapshot(
        "progress_empty",
        &svg(360, 260, |a| progress_chart(a, &[], &light(), &l)),
    );
}

#[test]
fn daily_snapshot_of_a_drive() {
    let rows = stats::by_day(&sample_ledger(), &drive_2023_1());
    let l = labels("Đợt 1: đăng ký và đơn vị máu mỗi ngày", "", DAILY);
    assert_snapshot(
        "daily_drive",
        &svg(360, 260, |a| daily_chart(a, &rows, &light(), &l)),
    );
}

#[test]
fn daily_snapshot_empty() {
    let l = labels("Đăng ký mỗi ngày", "", DAILY);
    assert_snapshot(
        "daily_empty",
        &svg(360, 260, |a| daily_chart(a, &[], &light(), &l)),
    );
}

#[test]
fn slot_fill_snapshot_of_a_drive() {
    let ledger = sample_ledger();
    let rows = stats::slot_fill(&ledger, &drive_2023_1());
    let name = site_name(&ledger);
    let l = labels("Lấp đầy khung giờ", "", SlotNames { site: &name });
    assert_snapshot(
        "slots_drive",
        &svg(360, 360, |a| slot_fill_chart(a, &rows, &light(), &l)),
    );
}

#[test]
fn slot_fill_snapshot_empty() {
    let name = |id: &crate::domain::SiteId| id.to_string();
    let l = labels("Lấp đầy khung giờ", "", SlotNames { site: &name });
    assert_snapshot(
        "slots_empty",
        &svg(360, 200, |a| slot_fill_chart(a, &[], &light(), &l)),
    );
}

#[test]
fn blood_groups_with_an_unknown_rh_factor_have_bars_of_their_own() {
    // Issue 20: donors who know only their ABO group ("O (Rh chưa rõ)") are counted as such,
    // between the eight groups and the donors who know nothing of theirs. A third of the
    // sample's donors here forget their Rh factor; the 4 new bars appear only with donors.
    let mut ledger = sample_ledger();
    let forgetful: Vec<_> = ledger
        .donors()
        .enumerate()
        .filter(|(i, d)| i % 3 == 0 && d.blood_group.is_some())
        .map(|(_, d)| d.clone())
        .collect();
    for mut d in forgetful {
        if let Some(g) = d.blood_group.as_mut() {
            g.rh = Rh::Unknown;
        }
        d.updated_at = Timestamp(d.updated_at.0 + 1);
        ledger.merge_donor(d);
    }
    let rows = stats::by_blood_group(&ledger, &Filter::new(c2023()));
    let names: Vec<String> = rows.iter().map(|r| blood_group_name(&r.key)).collect();
    assert!(names.contains(&"O (Rh chưa rõ)".to_owned()), "{names:?}");
    assert_eq!(names.last().map(String::as_str), Some("Chưa biết"));
    assert_snapshot("mix_blood_groups_rh_unknown", &blood_group_svg(&rows, 340));
}

/// The donors-by-blood-group chart of `rows`, 360 px wide and `height` high, as SVG.
fn blood_group_svg(rows: &[stats::DonorRow<Option<BloodGroup>>], height: u32) -> String {
    let l = labels(
        "Nhóm máu",
        "người hiến",
        MixNames {
            key: &blood_group_name,
        },
    );
    svg(360, height, |a| {
        mix_chart(a, rows, Measure::Donors, &light(), &l)
    })
}

#[test]
fn blood_group_snapshot() {
    let rows = stats::by_blood_group(&sample_ledger(), &Filter::new(c2023()));
    assert_snapshot("mix_blood_groups", &blood_group_svg(&rows, 280));
}

#[test]
fn category_snapshot() {
    let rows = stats::by_category(&sample_ledger(), &Filter::new(c2023()));
    let l = labels(
        "Người hiến theo đối tượng",
        "người hiến",
        MixNames {
            key: &category_name,
        },
    );
    assert_snapshot(
        "mix_categories",
        &svg(360, 220, |a| {
            mix_chart(a, &rows, Measure::Donors, &light(), &l)
        }),
    );
}

#[test]
fn unit_kind_snapshot_in_units() {
    let rows = stats::by_unit_kind(&sample_ledger(), &Filter::new(c2023()));
    let l = labels(
        "Đơn vị máu theo loại đơn vị",
        "đơn vị máu",
        MixNames {
            key: &unit_kind_name,
        },
    );
    assert_snapshot(
        "mix_unit_kinds",
        &svg(360, 220, |a| {
            mix_chart(a, &rows, Measure::Units, &light(), &l)
        }),
    );
}

#[test]
fn mix_snapshot_empty() {
    let rows = stats::by_category(&sample_ledger(), &Filter::new(c2024()));
    let l = labels(
        "Người hiến theo đối tượng",
        "",
        MixNames {
            key: &category_name,
        },
    );
    assert_snapshot(
        "mix_empty",
        &svg(360, 220, |a| {
            mix_chart(a, &rows, Measure::Donors, &light(), &l)
        }),
    );
}

#[test]
fn quota_snapshot_of_top_and_bottom_units() {
    let rows = units_with_quotas(&sample_ledger());
    let l = labels("Đơn vị so với chỉ tiêu", "", QUOTA);
    assert_snapshot(
        "quota_extremes",
        &svg(360, 340, |a| quota_chart(a, &rows, 3, &light(), &l)),
    );
}

#[test]
fn quota_snapshot_without_quotas() {
    let rows = targets::unit_progress(&sample_ledger(), &c2023(), d("2023-12-31"));
    let l = labels("Đơn vị so với chỉ tiêu", "", QUOTA);
    assert_snapshot(
        "quota_empty",
        &svg(360, 200, |a| quota_chart(a, &rows, 3, &light(), &l)),
    );
}

#[test]
fn drives_snapshot() {
    let rows = targets::drive_progress(&sample_ledger(), &c2023(), d("2023-12-31"));
    let l = labels("Các đợt hiến máu 2023", "", DRIVES);
    assert_snapshot(
        "drives_2023",
        &svg(360, 200, |a| drives_chart(a, &rows, &light(), &l)),
    );
}

#[test]
fn drives_snapshot_empty() {
    let l = labels("Các đợt hiến máu 2024", "", DRIVES);
    assert_snapshot(
        "drives_empty",
        &svg(360, 200, |a| drives_chart(a, &[], &light(), &l)),
    );
}

// ----- what the drawings say -----

/// The contents of the SVG's `<text>` elements, in order.
fn texts(svg: &str) -> Vec<&str> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..];
            Some(body[..body.find("</text>")?].trim())
        })
        .collect()
}

#[test]
fn vietnamese_titles_keep_their_diacritics_in_the_svg() {
    let svg = progress_svg(&sample_ledger(), c2024(), d("2024-05-01"), light());
    let texts = texts(&svg);
    for t in [
        "Tiến độ hiến máu 2024",
        "Lộ trình mục tiêu",
        "Năm trước",
        "Tốc độ cần đạt",
    ] {
        assert!(texts.contains(&t), "{t} in {texts:?}");
    }
}

#[test]
fn axes_use_the_locales_numbers_and_dates() {
    let svg = progress_svg(&sample_ledger(), c2024(), d("2024-05-01"), light());
    assert!(texts(&svg).contains(&"2.000"), "vi thousands separator");
    assert!(texts(&svg).contains(&"01/05"), "dd/mm month labels");
    let points = stats::cumulative(&sample_ledger(), &Filter::new(c2024()), d("2024-05-01"));
    let en = Labels {
        locale: &En,
        ..labels("Progress", "units", PROGRESS)
    };
    let svg = svg_of(|a| progress_chart(a, &points, &light(), &en));
    assert!(texts(&svg).contains(&"2,000"));
}

fn svg_of(draw: impl for<'b> FnOnce(&DrawingArea<SVGBackend<'b>, Shift>) -> SvgResult) -> String {
    svg(360, 260, draw)
}

#[test]
fn the_dark_theme_paints_the_dark_surface_and_light_text() {
    let svg = progress_svg(
        &sample_ledger(),
        c2024(),
        d("2024-05-01"),
        ChartStyle::new(Theme::DARK),
    );
    assert!(svg.contains(r##"fill="#211B1C""##));
    assert!(
        svg.contains(r##"fill="#F3EEEE""##),
        "title in the dark theme's text colour"
    );
    assert!(!svg.contains(r##"fill="#FFFFFF""##));
}

#[test]
fn empty_charts_say_there_is_no_data() {
    let l = labels("Tiến độ", "đơn vị", PROGRESS);
    let svg = svg_of(|a| progress_chart(a, &[], &light(), &l));
    assert!(texts(&svg).contains(&"Chưa có dữ liệu"));
    let l = labels("Các đợt", "", DRIVES);
    let svg = svg_of(|a| drives_chart(a, &[], &light(), &l));
    assert!(texts(&svg).contains(&"Chưa có dữ liệu"));
}

#[test]
fn sizes_scale_with_the_pixel_ratio() {
    let points = stats::cumulative(&sample_ledger(), &Filter::new(c2024()), d("2024-05-01"));
    let l = labels("Tiến độ", "đơn vị", PROGRESS);
    let one = svg(360, 260, |a| progress_chart(a, &points, &light(), &l));
    let two = svg(720, 520, |a| {
        progress_chart(a, &points, &light().with_pixel_ratio(2.0), &l)
    });
    // The SVG backend writes font sizes divided by 1.24: 15 px and 30 px titles.
    let size = |s: f64| format!(r#"font-size="{}""#, s / 1.24);
    assert!(one.contains(&size(15.0)));
    assert!(two.contains(&size(30.0)));
    assert!(!two.contains(&size(15.0)));
}

#[test]
fn every_chart_survives_tiny_areas() {
    let ledger = sample_ledger();
    let points = stats::cumulative(&ledger, &Filter::new(c2024()), d("2024-05-01"));
    let days = stats::by_day(&ledger, &Filter::new(c2023()));
    let slots = stats::slot_fill(&ledger, &Filter::new(c2023()));
    let groups = stats::by_blood_group(&ledger, &Filter::new(c2023()));
    let units = units_with_quotas(&ledger);
    let drives = targets::drive_progress(&ledger, &c2023(), d("2023-12-31"));
    let name = site_name(&ledger);
    for (w, h) in [(1, 1), (40, 30), (120, 60)] {
        svg(w, h, |a| {
            progress_chart(a, &points, &light(), &labels("T", "u", PROGRESS))
        });
        svg(w, h, |a| {
            daily_chart(a, &days, &light(), &labels("T", "u", DAILY))
        });
        let l = labels("T", "", SlotNames { site: &name });
        svg(w, h, |a| slot_fill_chart(a, &slots, &light(), &l));
        let l = labels(
            "T",
            "u",
            MixNames {
                key: &blood_group_name,
            },
        );
        svg(w, h, |a| {
            mix_chart(a, &groups, Measure::Pledges, &light(), &l)
        });
        svg(w, h, |a| {
            quota_chart(a, &units, 5, &light(), &labels("T", "", QUOTA))
        });
        svg(w, h, |a| {
            drives_chart(a, &drives, &light(), &labels("T", "", DRIVES))
        });
    }
}

// ----- summaries and tables -----

#[test]
fn progress_summary_states_units_target_share_and_gap() {
    let ledger = sample_ledger();
    let today = d("2024-05-01");
    let points = stats::cumulative(&ledger, &Filter::new(c2024()), today);
    let progress = targets::progress(&ledger, &c2024(), today).unwrap();
    let s = progress_summary(&progress, &points);
    assert_eq!(
        (s.donated, s.target, s.percent),
        (Units::ZERO, 1799, Some(0))
    );
    assert_eq!(s.behind_by, progress.on_path);
    assert_eq!(s.ahead_by, Units::ZERO);
    assert_eq!(s.required_per_day, progress.required_per_day);
    // By 1 May 2023 only the first drive (24-27/04/2023) had given: 789 units.
    assert_eq!(s.previous_to_date, Some(Units::whole(789)));
}

#[test]
fn percentages_round_to_nearest_but_never_claim_a_whole_not_reached() {
    assert_eq!(percent(1204, 1799), Some(67));
    assert_eq!(percent(17986, 17990), Some(99));
    assert_eq!(percent(1, 100_000), Some(1));
    assert_eq!(percent(0, 10), Some(0));
    assert_eq!(percent(10, 10), Some(100));
    assert_eq!(percent(25, 10), Some(250));
    assert_eq!(percent(3, 0), None);
}

#[test]
fn locales_write_units_with_their_separators() {
    assert_eq!(Vi.units(Units::from_milli(1_204_400)), "1.204,4");
    assert_eq!(En.units(Units::from_milli(1_204_400)), "1,204.4");
    assert_eq!(Vi.units(Units::whole(1635)), "1.635");
    assert_eq!(Vi.units(Units::from_milli(-400)), "-0,4");
    assert_eq!(Vi.percent(67), "67 %");
    assert_eq!(Vi.day_month(d("2023-04-24")), "24/04");
    assert_eq!(Vi.date(d("2023-04-24")), "24/04/2023");
}

#[test]
fn the_progress_table_has_month_ends_and_today() {
    let points = stats::cumulative(&sample_ledger(), &Filter::new(c2024()), d("2024-05-01"));
    let table = progress_table(&points);
    assert_eq!(table.len(), 13);
    assert_eq!(table[0].date, d("2024-01-31"));
    assert_eq!(table[4].date, d("2024-05-01"));
    assert_eq!(table[12].date, d("2024-12-31"));
    assert_eq!(table[12].target, Units::whole(1799));
}

#[test]
fn mix_tables_share_out_the_total() {
    let ledger = sample_ledger();
    let rows = stats::by_blood_group(&ledger, &Filter::new(c2023()));
    let table = mix_table(&rows, Measure::Donors);
    assert_eq!(table.len(), 9);
    let total: u64 = rows.iter().map(|r| u64::from(r.donors)).sum();
    let summary = mix_summary(&rows, Measure::Donors);
    assert_eq!(summary.total, Amount::Count(total));
    let largest = summary.largest.unwrap();
    assert!(
        table
            .iter()
            .all(|r| r.amount.milli() <= largest.amount.milli())
    );
    let sum: u32 = table.iter().filter_map(|r| r.percent).sum();
    assert!(
        (95..=105).contains(&sum),
        "shares add up to about 100: {sum}"
    );
    let units = mix_summary(&rows, Measure::Units);
    assert_eq!(units.total, Amount::Units(sample::DONATED_2023));
    let empty = mix_summary(
        &stats::by_blood_group(&ledger, &Filter::new(c2024())),
        Measure::Donors,
    );
    assert_eq!(
        (empty.total, empty.largest, empty.nonzero),
        (Amount::Count(0), None, 0)
    );
}

#[test]
fn quota_extremes_take_the_ends_of_the_ranking() {
    let rows = units_with_quotas(&sample_ledger());
    let table = quota_table(&rows);
    assert!(
        table.len() < rows.len(),
        "units without a quota are left out"
    );
    let e = quota_extremes(&rows, 3);
    assert_eq!(e.top, table[..3].to_vec());
    assert_eq!(e.bottom, table[table.len() - 3..].to_vec());
    assert_eq!(e.between, table.len() - 6);
    let few = quota_extremes(&rows[..4], 3);
    assert!(few.bottom.is_empty());
    let s = quota_summary(&rows);
    assert_eq!(s.best.as_ref(), table.first());
    assert_eq!(s.worst.as_ref(), table.last());
    assert_eq!(s.units, table.len());
}

#[test]
fn slot_and_drive_summaries_add_up_the_places() {
    let ledger = sample_ledger();
    let slots = stats::slot_fill(&ledger, &Filter::new(c2023()));
    let s = slot_fill_summary(&slots);
    let drives = targets::drive_progress(&ledger, &c2023(), d("2023-12-31"));
    let t = drives_summary(&drives);
    assert_eq!(s.capacity, t.capacity);
    assert_eq!(s.taken, t.held);
    assert_eq!(s.percent, t.percent);
    assert_eq!(t.donated, sample::DONATED_2023);
    assert_eq!(s.slots, slots.len());
    let daily = daily_summary(&stats::by_day(&ledger, &drive_2023_1()));
    assert_eq!(daily.days, 4);
    assert_eq!(daily.tally.units, Units::whole(789));
}

#[test]
fn backing_stores_are_css_size_times_pixel_ratio() {
    assert_eq!(backing_size(300.0, 150.0, 1.0), (300, 150));
    assert_eq!(backing_size(300.0, 150.0, 2.625), (788, 394));
    assert_eq!(backing_size(300.0, 150.0, f64::NAN), (300, 150));
    assert_eq!(backing_size(0.0, 150.0, 2.0), (0, 300));
    assert_eq!(backing_size(f64::INFINITY, -1.0, 2.0), (0, 0));
}

#[test]
fn fill_levels_step_at_half_four_fifths_and_full() {
    let ledger = sample_ledger();
    let slot = stats::slot_fill(&ledger, &drive_2023_1())[0].clone();
    let level = |capacity, taken| {
        FillLevel::of(&SlotFill {
            capacity,
            taken,
            ..slot.clone()
        })
    };
    assert_eq!(level(10, 0), FillLevel::Empty);
    assert_eq!(level(10, 4), FillLevel::Low);
    assert_eq!(level(10, 5), FillLevel::Half);
    assert_eq!(level(10, 8), FillLevel::High);
    assert_eq!(level(10, 10), FillLevel::Full);
    assert_eq!(level(10, 11), FillLevel::Full);
    assert_eq!(
        level(0, 1),
        FillLevel::Full,
        "a place taken in a slot of none is over full"
    );
    assert_eq!(FillLevel::High.range(&Vi), "80–99 %");
    assert_eq!(FillLevel::Empty.range(&En), "0%");
}

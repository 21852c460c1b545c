//! The sample data the app opens with: the Hanoi health sector's voluntary blood-donation
//! campaigns of 2023 and 2024, as the VTV.vn article of 15/02/2024 reports them.
//!
//! 2023: two drives (24-27/04 and 05-08/09) at hospital halls, 76 participating units (41 public
//! hospitals, 5 specialty centers, 30 district medical centers) and 1,635 units of blood, made
//! of real pledges by sample donors that were checked in and recorded through the ledger's own
//! operations. 2024: a +10 % target over 1,635 (1,799 units) and three fixed donation points.
//! The article gives no names of donors, phones, hours or bag sizes: those are invented, made
//! plausible, and fixed (the same sample every time, with readable ids).
//!
//! Pure data and domain calls: no clock, no randomness but a fixed-seed generator.

use super::eligibility::RuleSet;
use super::generate::{self, People, Rng};
use super::{
    Campaign, CampaignDraft, CampaignId, Category, Date, DomainError, DonationType, Donor, DonorId,
    Drive, DriveDraft, DriveId, DriveSite, DriveStatus, Interval, Ledger, Outcome, Place, PledgeId,
    PledgeRequest, Site, SiteId, SiteKind, SlotRef, SlotSpec, TimeOfDay, Unit, UnitId, UnitKind,
    Units, Weekday, WeeklyHours,
};

/// Id of the 2023 campaign.
pub const CAMPAIGN_2023: &str = "c2023";

/// Id of the 2024 campaign.
pub const CAMPAIGN_2024: &str = "c2024";

/// Id of the first 2023 drive, 24-27/04/2023.
pub const DRIVE_2023_1: &str = "d2023-1";

/// Id of the second 2023 drive, 05-08/09/2023.
pub const DRIVE_2023_2: &str = "d2023-2";

/// Ids of the hospital halls both 2023 drives were held at: Bệnh viện Đa khoa Xanh Pôn,
/// Bệnh viện Phụ sản Hà Nội and Bệnh viện Ung bướu Hà Nội, the hospitals the article names.
pub const VENUES_2023: [&str; 3] = [
    "site-xanh-pon",
    "site-phu-san-ha-noi",
    "site-ung-buou-ha-noi",
];

/// Ids of the three fixed donation points kept in 2024: the Hoàn Kiếm, Thanh Xuân and Đống Đa
/// medical centers.
pub const FIXED_POINTS_2024: [&str; 3] = ["site-hoan-kiem", "site-thanh-xuan", "site-dong-da"];

/// The campaign's slogans, as the article quotes them.
pub const SLOGANS: [&str; 2] = [
    "Hiến giọt máu đào - Trao đời sự sống",
    "Mỗi giọt máu cho đi - Một cuộc đời ở lại",
];

/// The partner institute.
pub const PARTNER: &str = "Viện Huyết học - Truyền máu Trung ương";

/// Units of blood donated in 2023 across both drives, and the 2024 baseline: 1,635 (the
/// article's "1.635.000" read as a thousand times too many; see the 2023 campaign's notes).
pub const DONATED_2023: Units = Units::whole(1635);

/// Donors each one-hour slot of a 2023 drive takes at each hall (about four beds, three donors
/// a bed an hour).
pub const DRIVE_SLOT_CAPACITY: u16 = 12;

/// Length of a slot at a fixed point, in minutes.
pub const FIXED_POINT_SLOT_MINUTES: u16 = 30;

/// Donors each slot of a fixed point takes (a fixed point has two to four beds).
pub const FIXED_POINT_CAPACITY: u16 = 4;

/// The seed of the generator that makes the sample's donors; fixed, so the sample never changes.
const SAMPLE_SEED: u64 = 20_230_424;

/// The 76 units that took part in 2023: (id without its `unit-` prefix, name, kind). Hospital
/// and center names are those of Hanoi's Department of Health where known; the district
/// medical centers are those of Hanoi's 30 districts and towns.
const UNITS: [(&str, &str, UnitKind); 76] = {
    use UnitKind::{DistrictMedicalCenter as D, PublicHospital as H, SpecialtyCenter as S};
    [
        ("bv-xanh-pon", "Bệnh viện Đa khoa Xanh Pôn", H),
        ("bv-thanh-nhan", "Bệnh viện Thanh Nhàn", H),
        ("bv-dong-da", "Bệnh viện Đa khoa Đống Đa", H),
        ("bv-tim-ha-noi", "Bệnh viện Tim Hà Nội", H),
        ("bv-nhi-ha-noi", "Bệnh viện Nhi Hà Nội", H),
        ("bv-phu-san-ha-noi", "Bệnh viện Phụ sản Hà Nội", H),
        ("bv-ung-buou-ha-noi", "Bệnh viện Ung bướu Hà Nội", H),
        ("bv-mat-ha-noi", "Bệnh viện Mắt Hà Nội", H),
        ("bv-phoi-ha-noi", "Bệnh viện Phổi Hà Nội", H),
        ("bv-than-ha-noi", "Bệnh viện Thận Hà Nội", H),
        ("bv-da-lieu-ha-noi", "Bệnh viện Da liễu Hà Nội", H),
        ("bv-tam-than-ha-noi", "Bệnh viện Tâm thần Hà Nội", H),
        (
            "bv-tam-than-mai-huong",
            "Bệnh viện Tâm thần ban ngày Mai Hương",
            H,
        ),
        ("bv-tam-than-my-duc", "Bệnh viện Tâm thần Mỹ Đức", H),
        ("bv-yhct-ha-noi", "Bệnh viện Y học cổ truyền Hà Nội", H),
        (
            "bv-dk-yhct-ha-noi",
            "Bệnh viện Đa khoa Y học cổ truyền Hà Nội",
            H,
        ),
        (
            "bv-dieu-duong-phcn",
            "Bệnh viện Điều dưỡng và Phục hồi chức năng Hà Nội",
            H,
        ),
        ("bv-09", "Bệnh viện 09", H),
        ("bv-duc-giang", "Bệnh viện Đa khoa Đức Giang", H),
        ("bv-ha-dong", "Bệnh viện Đa khoa Hà Đông", H),
        ("bv-bac-thang-long", "Bệnh viện Bắc Thăng Long", H),
        ("bv-nam-thang-long", "Bệnh viện Nam Thăng Long", H),
        ("bv-hoe-nhai", "Bệnh viện Đa khoa Hòe Nhai", H),
        ("bv-son-tay", "Bệnh viện Đa khoa Sơn Tây", H),
        ("bv-me-linh", "Bệnh viện Đa khoa Mê Linh", H),
        ("bv-dong-anh", "Bệnh viện Đa khoa Đông Anh", H),
        ("bv-soc-son", "Bệnh viện Đa khoa Sóc Sơn", H),
        ("bv-gia-lam", "Bệnh viện Đa khoa Gia Lâm", H),
        ("bv-thanh-tri", "Bệnh viện Đa khoa Thanh Trì", H),
        ("bv-hoai-duc", "Bệnh viện Đa khoa Hoài Đức", H),
        ("bv-dan-phuong", "Bệnh viện Đa khoa Đan Phượng", H),
        ("bv-phuc-tho", "Bệnh viện Đa khoa Phúc Thọ", H),
        ("bv-ba-vi", "Bệnh viện Đa khoa Ba Vì", H),
        ("bv-thach-that", "Bệnh viện Đa khoa Thạch Thất", H),
        ("bv-quoc-oai", "Bệnh viện Đa khoa Quốc Oai", H),
        ("bv-chuong-my", "Bệnh viện Đa khoa Chương Mỹ", H),
        ("bv-thanh-oai", "Bệnh viện Đa khoa Thanh Oai", H),
        ("bv-thuong-tin", "Bệnh viện Đa khoa Thường Tín", H),
        ("bv-phu-xuyen", "Bệnh viện Đa khoa Phú Xuyên", H),
        ("bv-my-duc", "Bệnh viện Đa khoa Mỹ Đức", H),
        ("bv-van-dinh", "Bệnh viện Đa khoa Vân Đình", H),
        ("tt-cap-cuu-115", "Trung tâm Cấp cứu 115 Hà Nội", S),
        (
            "tt-kiem-soat-benh-tat",
            "Trung tâm Kiểm soát bệnh tật Hà Nội",
            S,
        ),
        ("tt-phap-y", "Trung tâm Pháp y Hà Nội", S),
        (
            "tt-giam-dinh-y-khoa",
            "Trung tâm Giám định Y khoa Hà Nội",
            S,
        ),
        (
            "tt-kiem-nghiem",
            "Trung tâm Kiểm nghiệm thuốc, mỹ phẩm, thực phẩm Hà Nội",
            S,
        ),
        ("ttyt-ba-dinh", "Trung tâm Y tế quận Ba Đình", D),
        ("ttyt-hoan-kiem", "Trung tâm Y tế quận Hoàn Kiếm", D),
        ("ttyt-tay-ho", "Trung tâm Y tế quận Tây Hồ", D),
        ("ttyt-long-bien", "Trung tâm Y tế quận Long Biên", D),
        ("ttyt-cau-giay", "Trung tâm Y tế quận Cầu Giấy", D),
        ("ttyt-dong-da", "Trung tâm Y tế quận Đống Đa", D),
        ("ttyt-hai-ba-trung", "Trung tâm Y tế quận Hai Bà Trưng", D),
        ("ttyt-hoang-mai", "Trung tâm Y tế quận Hoàng Mai", D),
        ("ttyt-thanh-xuan", "Trung tâm Y tế quận Thanh Xuân", D),
        ("ttyt-nam-tu-liem", "Trung tâm Y tế quận Nam Từ Liêm", D),
        ("ttyt-bac-tu-liem", "Trung tâm Y tế quận Bắc Từ Liêm", D),
        ("ttyt-ha-dong", "Trung tâm Y tế quận Hà Đông", D),
        ("ttyt-son-tay", "Trung tâm Y tế thị xã Sơn Tây", D),
        ("ttyt-ba-vi", "Trung tâm Y tế huyện Ba Vì", D),
        ("ttyt-chuong-my", "Trung tâm Y tế huyện Chương Mỹ", D),
        ("ttyt-dan-phuong", "Trung tâm Y tế huyện Đan Phượng", D),
        ("ttyt-dong-anh", "Trung tâm Y tế huyện Đông Anh", D),
        ("ttyt-gia-lam", "Trung tâm Y tế huyện Gia Lâm", D),
        ("ttyt-hoai-duc", "Trung tâm Y tế huyện Hoài Đức", D),
        ("ttyt-me-linh", "Trung tâm Y tế huyện Mê Linh", D),
        ("ttyt-my-duc", "Trung tâm Y tế huyện Mỹ Đức", D),
        ("ttyt-phu-xuyen", "Trung tâm Y tế huyện Phú Xuyên", D),
        ("ttyt-phuc-tho", "Trung tâm Y tế huyện Phúc Thọ", D),
        ("ttyt-quoc-oai", "Trung tâm Y tế huyện Quốc Oai", D),
        ("ttyt-soc-son", "Trung tâm Y tế huyện Sóc Sơn", D),
        ("ttyt-thach-that", "Trung tâm Y tế huyện Thạch Thất", D),
        ("ttyt-thanh-oai", "Trung tâm Y tế huyện Thanh Oai", D),
        ("ttyt-thanh-tri", "Trung tâm Y tế huyện Thanh Trì", D),
        ("ttyt-thuong-tin", "Trung tâm Y tế huyện Thường Tín", D),
        ("ttyt-ung-hoa", "Trung tâm Y tế huyện Ứng Hòa", D),
    ]
};

/// The fixed points: (site id, name, address, district, open on Saturday mornings). The article
/// names the centers only; street addresses are left for the organizers to fill in.
pub(super) const FIXED_POINT_SITES: [(&str, &str, &str, &str, bool); 3] = [
    (
        FIXED_POINTS_2024[0],
        "Trung tâm Y tế Hoàn Kiếm",
        "Quận Hoàn Kiếm, Hà Nội",
        "Hoàn Kiếm",
        true,
    ),
    (
        FIXED_POINTS_2024[1],
        "Trung tâm Y tế Thanh Xuân",
        "Quận Thanh Xuân, Hà Nội",
        "Thanh Xuân",
        false,
    ),
    (
        FIXED_POINTS_2024[2],
        "Trung tâm Y tế Đống Đa",
        "Quận Đống Đa, Hà Nội",
        "Đống Đa",
        false,
    ),
];

/// A fixed point's sessions, in minutes since midnight: 07:30-11:30 and 13:30-16:30 on
/// weekdays; the morning one only on Saturdays, where a point opens then.
const MORNING: (u16, u16) = (7 * 60 + 30, 11 * 60 + 30);
const AFTERNOON: (u16, u16) = (13 * 60 + 30, 16 * 60 + 30);

/// The sessions a fixed point keeps on `day`.
fn sessions(day: Weekday, saturday: bool) -> &'static [(u16, u16)] {
    match day {
        Weekday::Sat if saturday => &[MORNING],
        Weekday::Sat | Weekday::Sun => &[],
        _ => &[MORNING, AFTERNOON],
    }
}

fn time(minutes: u16) -> Result<TimeOfDay, DomainError> {
    generate::at(u32::from(minutes))
}

/// The number of slots a fixed point offers over `days`.
pub(super) fn fixed_point_slots_in(point: &(&str, &str, &str, &str, bool), days: &[Date]) -> usize {
    days.iter()
        .flat_map(|d| sessions(d.weekday(), point.4))
        .map(|(start, end)| usize::from((end - start) / FIXED_POINT_SLOT_MINUTES))
        .sum()
}

/// A fixed point with its weekly hours, 30-minute slots and `capacity` donors a slot.
pub(super) fn fixed_point(
    point: &(&str, &str, &str, &str, bool),
    capacity: u16,
) -> Result<Site, DomainError> {
    let mut entries = Vec::new();
    for day in Weekday::ALL {
        for (start, end) in sessions(day, point.4) {
            entries.push((day, Interval::new(time(*start)?, time(*end)?)?));
        }
    }
    Site::new(
        SiteId::new(point.0)?,
        point.1,
        point.2,
        point.3,
        SiteKind::FixedPoint {
            hours: WeeklyHours::new(entries)?,
            slot_minutes: FIXED_POINT_SLOT_MINUTES,
            capacity_per_slot: capacity,
        },
    )
}

/// A hospital hall drives use.
pub(super) fn venue(v: (&str, &str, &str, &str)) -> Result<Site, DomainError> {
    Site::new(SiteId::new(v.0)?, v.1, v.2, v.3, SiteKind::Venue)
}

/// A drive day at a hall: one-hour slots 07:30-11:30 and 13:30-16:30, each taking `capacity`.
pub(super) fn drive_day(capacity: u16) -> Result<Vec<SlotSpec>, DomainError> {
    let mut slots = Vec::new();
    for (start, end) in [MORNING, AFTERNOON] {
        let mut s = start;
        while s + 60 <= end {
            slots.push(SlotSpec::new(time(s)?, time(s + 60)?, capacity)?);
            s += 60;
        }
    }
    Ok(slots)
}

/// The 76 participating units, as records.
pub(super) fn units() -> Result<Vec<Unit>, DomainError> {
    UNITS
        .iter()
        .map(|(slug, name, kind)| {
            Unit::new(UnitId::new(format!("unit-{slug}"))?, name, *kind, None)
        })
        .collect()
}

/// The sample: the 2023 campaign with its two drives, 76 units and results of exactly 1,635
/// units, and the 2024 campaign with its +10 % target and three fixed points. The same value
/// every time.
///
/// # Panics
///
/// Never: the sample is fixed data, and the tests build it.
pub fn sample_ledger() -> Ledger {
    match build() {
        Ok(ledger) => ledger,
        Err(e) => panic!("the sample data is refused by the ledger: {e}"),
    }
}

const NOTES_2023: &str = "Nguồn: VTV.vn, 15/02/2024, \"Sở Y tế Hà Nội đẩy mạnh phong trào hiến \
máu tình nguyện trong toàn ngành\". Bài báo ghi \"hiến thành công 1.635.000 đơn vị máu\" từ 76 đơn \
vị trong 8 ngày, tức khoảng 200.000 đơn vị mỗi ngày: không thể có. Ở đây kết quả năm 2023 được coi \
là 1.635 đơn vị (1 đơn vị = 250 ml), và cũng là mức nền của năm 2024. Số liệu năm 2022 không được \
công bố nên mức nền năm 2023 để là 0 (chưa biết), không có mục tiêu tăng trưởng. Người hiến, số \
điện thoại, khung giờ và thể tích từng túi máu là dữ liệu mẫu.\n\
Source: VTV.vn, 15/02/2024. The article reports \"1,635,000 units of blood\" from 76 units over 8 \
days, about 200,000 units a day, which is impossible; the 2023 result is taken as 1,635 units \
(1 unit = 250 ml), also the 2024 baseline. The 2022 figure is not published, so the 2023 baseline \
is 0 (unknown) with no growth target. Donors, phone numbers, slots and bag volumes are sample data.";

const NOTES_2024: &str = "Mục tiêu: tăng 10% so với 1.635 đơn vị năm 2023, tức 1.798,5, làm tròn \
lên 1.799 đơn vị. Ba điểm lấy máu cố định: Trung tâm Y tế Hoàn Kiếm, Thanh Xuân và Đống Đa; giờ mở \
cửa (thứ Hai đến thứ Sáu 07:30-11:30 và 13:30-16:30, Hoàn Kiếm thêm sáng thứ Bảy), khung 30 phút, \
4 người mỗi khung là giả định, bài báo không nêu.\n\
Target: +10 % over 2023's 1,635 units, 1,798.5, rounded up to 1,799. Three fixed points: the Hoàn \
Kiếm, Thanh Xuân and Đống Đa medical centers; their hours (Monday to Friday 07:30-11:30 and \
13:30-16:30, Hoàn Kiếm also on Saturday mornings), 30-minute slots and 4 donors a slot are \
assumptions the article does not state.";

/// What a 2023 drive collected: bags of each size, and the pledges that ended otherwise.
struct DrivePlan {
    id: &'static str,
    name: &'static str,
    start: (i32, u8, u8),
    end: (i32, u8, u8),
    /// (millilitres, bags): 250 ml counts 1 unit, 350 ml 1.4, 450 ml 1.8.
    bags: [(u16, usize); 3],
    deferred: usize,
    no_shows: usize,
}

/// 789 units in April and 846 in September: 1,635 in all.
const DRIVES_2023: [DrivePlan; 2] = [
    DrivePlan {
        id: DRIVE_2023_1,
        name: "Đợt 1",
        start: (2023, 4, 24),
        end: (2023, 4, 27),
        bags: [(250, 160), (350, 340), (450, 85)],
        deferred: 22,
        no_shows: 14,
    },
    DrivePlan {
        id: DRIVE_2023_2,
        name: "Đợt 2",
        start: (2023, 9, 5),
        end: (2023, 9, 8),
        bags: [(250, 171), (350, 360), (450, 95)],
        deferred: 25,
        no_shows: 16,
    },
];

fn ymd((y, m, d): (i32, u8, u8)) -> Result<Date, DomainError> {
    Date::from_ymd(y, m, d).ok_or_else(|| DomainError::InvalidDate(format!("{y}-{m}-{d}")))
}

fn build() -> Result<Ledger, DomainError> {
    let mut ledger = Ledger::new();
    let slogans = || SLOGANS.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let c2023 = Campaign::new(
        CampaignId::new(CAMPAIGN_2023)?,
        CampaignDraft {
            year: 2023,
            name: "Hiến máu tình nguyện ngành Y tế Hà Nội năm 2023".into(),
            baseline: Units::ZERO,
            growth_bp: 0,
            slogans: slogans(),
            partner: PARTNER.into(),
            ml_per_unit: None,
            notes: NOTES_2023.into(),
        },
    )?;
    ledger.add_campaign(c2023.clone(), super::Timestamp(0))?;
    ledger.add_campaign(
        Campaign::new(
            CampaignId::new(CAMPAIGN_2024)?,
            CampaignDraft {
                year: 2024,
                name: "Hiến máu tình nguyện ngành Y tế Hà Nội năm 2024".into(),
                baseline: DONATED_2023,
                growth_bp: 1000,
                slogans: slogans(),
                partner: PARTNER.into(),
                ml_per_unit: None,
                notes: NOTES_2024.into(),
            },
        )?,
        super::Timestamp(0),
    )?;

    let units = units()?;
    for unit in &units {
        ledger.add_unit(unit.clone(), super::Timestamp(0))?;
    }
    for v in &generate::VENUES[..VENUES_2023.len()] {
        ledger.add_site(venue(*v)?, super::Timestamp(0))?;
    }
    for point in &FIXED_POINT_SITES {
        ledger.add_site(
            fixed_point(point, FIXED_POINT_CAPACITY)?,
            super::Timestamp(0),
        )?;
    }

    let mut run = SampleRun {
        rng: Rng::new(SAMPLE_SEED),
        people: People::new(),
        units,
        donors: 0,
        staff: 0,
        returning: Vec::new(),
    };
    for plan in &DRIVES_2023 {
        run.drive(&mut ledger, &c2023, plan)?;
    }
    Ok(ledger)
}

/// What happens to one pledge of the sample.
#[derive(Debug, Clone, Copy)]
enum Fate {
    Donated(u16),
    Deferred,
    NoShow,
}

/// The state of building the sample's pledges.
struct SampleRun {
    rng: Rng,
    people: People,
    units: Vec<Unit>,
    /// Donors made so far, to number the next.
    donors: usize,
    /// Staff donors made so far: the first go to each unit in turn, so all 76 take part.
    staff: usize,
    /// Donors who gave in April and may come back in September, with their largest bag.
    returning: Vec<(DonorId, u16)>,
}

impl SampleRun {
    fn drive(
        &mut self,
        ledger: &mut Ledger,
        campaign: &Campaign,
        plan: &DrivePlan,
    ) -> Result<(), DomainError> {
        let rules = RuleSet::vietnam();
        let sites = VENUES_2023
            .iter()
            .map(|id| {
                DriveSite::new(
                    SiteId::new(*id)?,
                    drive_day(DRIVE_SLOT_CAPACITY)?,
                    Default::default(),
                )
            })
            .collect::<Result<Vec<_>, DomainError>>()?;
        let drive = Drive::new(
            DriveId::new(plan.id)?,
            campaign,
            DriveDraft {
                name: plan.name.into(),
                start: ymd(plan.start)?,
                end: ymd(plan.end)?,
                sites,
            },
        )?;
        let mut places = Vec::new();
        for date in drive.days() {
            for site in &drive.sites {
                for spec in site.slots_on(date) {
                    for _ in 0..spec.capacity {
                        places.push((
                            SlotRef {
                                place: Place::Drive {
                                    drive: drive.id.clone(),
                                    site: site.site.clone(),
                                },
                                date,
                                start: spec.start,
                            },
                            *spec,
                        ));
                    }
                }
            }
        }
        let drive_id = drive.id.clone();
        ledger.add_drive(drive, super::Timestamp(0))?;
        ledger.set_drive_status(&drive_id, DriveStatus::Open, super::Timestamp(0))?;

        let mut fates: Vec<Fate> = plan
            .bags
            .iter()
            .flat_map(|&(ml, n)| std::iter::repeat_n(Fate::Donated(ml), n))
            .chain(std::iter::repeat_n(Fate::Deferred, plan.deferred))
            .chain(std::iter::repeat_n(Fate::NoShow, plan.no_shows))
            .collect();
        self.rng.shuffle(&mut fates);
        self.rng.shuffle(&mut places);
        let mut taken: Vec<(SlotRef, SlotSpec)> = places.into_iter().take(fates.len()).collect();
        taken.sort_by(|a, b| {
            (a.0.date, a.0.start, &a.0.place).cmp(&(b.0.date, b.0.start, &b.0.place))
        });
        self.rng.shuffle(&mut self.returning);
        let mut coming_back = std::mem::take(&mut self.returning);

        for (n, ((slot, spec), fate)) in taken.into_iter().zip(fates).enumerate() {
            let needs = match fate {
                Fate::Donated(ml) => ml,
                _ => 250,
            };
            let back = if self.rng.chance(250) {
                coming_back.iter().position(|(_, max)| *max >= needs)
            } else {
                None
            };
            let (donor_id, max_ml) = match back {
                Some(i) => coming_back.swap_remove(i),
                None => self.new_donor(ledger, slot.date, needs)?,
            };
            let volume_ml = match fate {
                Fate::Donated(ml) => ml,
                _ => generate::choose_volume(&mut self.rng, max_ml),
            };
            let pledge_id = PledgeId::new(format!("pledge-{}-{:04}", plan.id, n + 1))?;
            let created = generate::pledge_moment(&mut self.rng, slot.date, slot.date)?;
            ledger.pledge(
                pledge_id.clone(),
                PledgeRequest {
                    donor: donor_id.clone(),
                    slot: slot.clone(),
                    donation: DonationType::WholeBlood,
                    volume_ml,
                    declarations: Vec::new(),
                },
                &rules,
                created,
            )?;
            let outcome = match fate {
                Fate::Donated(volume_ml) => Outcome::Donated { volume_ml },
                Fate::Deferred => Outcome::Deferred(generate::deferral(&mut self.rng, slot.date)),
                Fate::NoShow => Outcome::NoShow,
            };
            generate::check_in_and_record(
                ledger,
                &mut self.rng,
                &pledge_id,
                &slot,
                &spec,
                outcome,
                &rules,
            )?;
            if matches!(fate, Fate::Donated(_)) {
                self.returning.push((donor_id, max_ml));
            }
        }
        ledger.set_drive_status(&drive_id, DriveStatus::Closed, super::Timestamp(0))
    }

    /// A new donor, able to give `min_ml` on `day`: mostly staff of a unit, some interns,
    /// students and patients' relatives.
    fn new_donor(
        &mut self,
        ledger: &mut Ledger,
        day: Date,
        min_ml: u16,
    ) -> Result<(DonorId, u16), DomainError> {
        let category = self.rng.weighted(&[
            (Category::Staff, 850),
            (Category::Intern, 70),
            (Category::Student, 40),
            (Category::PatientRelative, 40),
        ]);
        let unit = match category {
            Category::Staff => {
                self.staff += 1;
                let i = if self.staff <= 4 * self.units.len() {
                    self.staff % self.units.len()
                } else {
                    self.rng.below(self.units.len() as u64) as usize
                };
                Some(self.units[i].id.clone())
            }
            Category::Intern => {
                let hospitals = UNITS
                    .iter()
                    .filter(|u| u.2 == UnitKind::PublicHospital)
                    .count();
                Some(
                    self.units[self.rng.below(hospitals as u64) as usize]
                        .id
                        .clone(),
                )
            }
            _ => None,
        };
        let draft = self
            .people
            .draft(&mut self.rng, day, category, unit, min_ml)?;
        let max_ml = generate::max_whole_blood_ml(draft.sex, draft.weight);
        self.donors += 1;
        let id = DonorId::new(format!("donor-2023-{:04}", self.donors))?;
        let registered = generate::now_at(day.add_days(-14), 9 * 60)?;
        ledger.add_donor(Donor::new(id.clone(), draft, day, registered.stamp)?)?;
        Ok((id, max_ml))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::collections::{BTreeMap, HashSet};

    use super::*;
    use crate::domain::PledgeStatus;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn donated(ledger: &Ledger, drive: &str) -> Units {
        ledger
            .pledges()
            .filter(|p| p.slot.place.drive().map(DriveId::as_str) == Some(drive))
            .filter_map(|p| match p.status {
                PledgeStatus::Donated { units, .. } => Some(units),
                _ => None,
            })
            .sum()
    }

    #[test]
    fn the_sample_has_the_2023_and_2024_campaigns() {
        let ledger = sample_ledger();
        let years: Vec<i32> = ledger.campaigns().map(|c| c.year).collect();
        assert_eq!(years, [2023, 2024]);
        for c in ledger.campaigns() {
            assert_eq!(c.slogans, SLOGANS);
            assert_eq!(c.partner, "Viện Huyết học - Truyền máu Trung ương");
        }
        let c2023 = ledger.campaign_of_year(2023).unwrap();
        assert_eq!(c2023.baseline, Units::ZERO, "2022 is unknown");
        assert!(c2023.notes.contains("1.635.000") && c2023.notes.contains("1.635 đơn vị"));
        assert!(c2023.notes.contains("impossible"));
    }

    #[test]
    fn the_2024_target_is_1799_over_a_baseline_of_1635() {
        let ledger = sample_ledger();
        let c2024 = ledger
            .campaign(&CampaignId::new(CAMPAIGN_2024).unwrap())
            .unwrap();
        assert_eq!(c2024.baseline, Units::whole(1635));
        assert_eq!(c2024.growth_bp, 1000);
        assert_eq!(c2024.target(), 1799);
    }

    #[test]
    fn seventy_six_units_took_part_41_hospitals_5_centers_30_district_centers() {
        let ledger = sample_ledger();
        assert_eq!(ledger.units().count(), 76);
        let count = |kind| ledger.units().filter(|u| u.kind == kind).count();
        assert_eq!(count(UnitKind::PublicHospital), 41);
        assert_eq!(count(UnitKind::SpecialtyCenter), 5);
        assert_eq!(count(UnitKind::DistrictMedicalCenter), 30);
        assert_eq!(count(UnitKind::Other), 0);
        let names: HashSet<&str> = ledger.units().map(|u| u.name.as_str()).collect();
        assert_eq!(names.len(), 76, "no name twice");
        assert!(names.contains("Trung tâm Y tế huyện Ba Vì"));
        // Every unit's people gave blood in 2023.
        let giving: HashSet<&UnitId> = ledger
            .pledges()
            .filter(|p| matches!(p.status, PledgeStatus::Donated { .. }))
            .filter_map(|p| ledger.donor(&p.donor).and_then(|d| d.unit.as_ref()))
            .collect();
        assert_eq!(giving.len(), 76);
    }

    #[test]
    fn the_two_2023_drives_keep_the_articles_dates_at_the_three_hospitals() {
        let ledger = sample_ledger();
        let drives: Vec<&Drive> = ledger.drives().collect();
        assert_eq!(drives.len(), 2);
        let dates: Vec<(Date, Date)> = drives.iter().map(|d| (d.start, d.end)).collect();
        assert_eq!(
            dates,
            [
                (d("2023-04-24"), d("2023-04-27")),
                (d("2023-09-05"), d("2023-09-08"))
            ]
        );
        for drive in drives {
            assert_eq!(drive.campaign.as_str(), CAMPAIGN_2023);
            assert_eq!(drive.status, DriveStatus::Closed);
            let sites: Vec<&str> = drive.sites.iter().map(|s| s.site.as_str()).collect();
            assert_eq!(sites, VENUES_2023);
        }
        let halls: Vec<&str> = VENUES_2023
            .iter()
            .map(|id| {
                ledger
                    .site(&SiteId::new(*id).unwrap())
                    .unwrap()
                    .name
                    .as_str()
            })
            .collect();
        assert_eq!(
            halls,
            [
                "Bệnh viện Đa khoa Xanh Pôn",
                "Bệnh viện Phụ sản Hà Nội",
                "Bệnh viện Ung bướu Hà Nội"
            ]
        );
    }

    #[test]
    fn the_2023_drives_collected_exactly_1635_units() {
        let ledger = sample_ledger();
        let total = donated(&ledger, DRIVE_2023_1) + donated(&ledger, DRIVE_2023_2);
        assert_eq!(total, Units::whole(1635));
        assert_eq!(total, DONATED_2023);
        assert_eq!(donated(&ledger, DRIVE_2023_1), Units::whole(789));
        // Units are fractional per bag: 250, 350 and 450 ml all occur.
        let bags: HashSet<u16> = ledger
            .pledges()
            .filter_map(|p| match p.status {
                PledgeStatus::Donated { volume_ml, .. } => Some(volume_ml),
                _ => None,
            })
            .collect();
        assert_eq!(bags, HashSet::from([250, 350, 450]));
    }

    #[test]
    fn some_2023_donors_were_deferred_or_did_not_come() {
        let ledger = sample_ledger();
        let mut by: BTreeMap<&str, usize> = BTreeMap::new();
        for p in ledger.pledges() {
            let k = match p.status {
                PledgeStatus::Donated { .. } => "donated",
                PledgeStatus::Deferred { .. } => "deferred",
                PledgeStatus::NoShow { .. } => "no-show",
                _ => "other",
            };
            *by.entry(k).or_default() += 1;
        }
        assert_eq!(by.get("donated"), Some(&1211));
        assert_eq!(by.get("deferred"), Some(&47));
        assert_eq!(by.get("no-show"), Some(&30));
        assert_eq!(by.get("other"), None, "every 2023 pledge has its outcome");
    }

    #[test]
    fn the_2024_fixed_points_open_weekdays_in_30_minute_slots() {
        let ledger = sample_ledger();
        let fixed: Vec<&Site> = ledger.sites().filter(|s| s.is_fixed_point()).collect();
        assert_eq!(fixed.len(), 3);
        let names: HashSet<&str> = fixed.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            HashSet::from([
                "Trung tâm Y tế Hoàn Kiếm",
                "Trung tâm Y tế Thanh Xuân",
                "Trung tâm Y tế Đống Đa"
            ])
        );
        let monday = d("2024-03-04");
        for id in FIXED_POINTS_2024 {
            let place = Place::Fixed {
                site: SiteId::new(id).unwrap(),
            };
            let slots = ledger.slots_on(&place, monday).unwrap();
            assert_eq!(slots.len(), 14, "8 in the morning, 6 in the afternoon");
            assert_eq!(slots[0].start.to_string(), "07:30");
            assert_eq!(slots[13].end.to_string(), "16:30");
            assert!(slots.iter().all(|s| s.capacity == FIXED_POINT_CAPACITY));
            assert!(
                ledger.slots_on(&place, d("2024-03-10")).unwrap().is_empty(),
                "Sunday"
            );
        }
    }

    #[test]
    fn sample_pledges_respect_capacity_and_eligibility() {
        let ledger = sample_ledger();
        let mut counts: BTreeMap<&SlotRef, u32> = BTreeMap::new();
        for p in ledger.pledges() {
            *counts.entry(&p.slot).or_default() += 1;
            let donor = ledger.donor(&p.donor).unwrap();
            if let Err(why) = generate::tests::eligible_on_pledge_day(donor, p) {
                panic!("{}: {why}", p.id);
            }
        }
        for (slot, n) in counts {
            assert_eq!(ledger.taken(slot), n);
            assert!(n <= u32::from(ledger.slot_spec(slot).unwrap().capacity));
        }
    }

    #[test]
    fn sample_donors_are_mostly_staff_with_unique_valid_phones() {
        let ledger = sample_ledger();
        let donors: Vec<&Donor> = ledger.donors().collect();
        let phones: HashSet<&str> = donors.iter().map(|d| d.phone.as_str()).collect();
        assert_eq!(phones.len(), donors.len());
        let staff = donors
            .iter()
            .filter(|d| d.category == Category::Staff)
            .count();
        assert!(
            staff * 100 > donors.len() * 75,
            "{staff} of {}",
            donors.len()
        );
        let returning = donors.iter().filter(|d| d.history.len() == 2).count();
        assert!(
            returning > 50,
            "some gave in April and again in September: {returning}"
        );
        assert!(
            donors
                .iter()
                .all(|d| d.id.as_str().starts_with("donor-2023-"))
        );
    }

    #[test]
    fn the_sample_is_the_same_every_time() {
        assert_eq!(sample_ledger(), sample_ledger());
    }

    #[test]
    fn the_sample_survives_a_json_round_trip() {
        let ledger = sample_ledger();
        let json = serde_json::to_string(&ledger).unwrap();
        let back: Ledger = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ledger);
    }
}

//! A seeded generator of large, realistic data sets: one campaign year with its drives, fixed
//! points, the 76 participating units of the sample and as many pledges as asked, each by its
//! own donor. For benchmarks, and for trying the app at the scale of a real campaign.
//!
//! Pure and deterministic: a small pseudo-random generator of its own (SplitMix64) driven by the
//! seed, and no clock; the same options always give the same ledger. Every record goes through
//! the ledger's operations, so generated data obeys the rules typed data obeys (capacity,
//! eligibility, the pledge lifecycle). Like the rest of the domain it imports nothing of the
//! browser or the screen.

use std::collections::HashSet;

use super::eligibility::RuleSet;
use super::sample;
use super::{
    Abo, BloodGroup, Campaign, CampaignDraft, CampaignId, Category, CitizenId, Date, Deferral,
    DomainError, Donation, DonationType, Donor, DonorDraft, DonorId, Drive, DriveDraft, DriveId,
    DriveSite, DriveStatus, Ledger, Now, Outcome, Phone, Place, PledgeId, PledgeRequest, Rh, Sex,
    SiteId, SlotRef, SlotSpec, TimeOfDay, Timestamp, UnitId, UnitKind, Units, Weight,
    quantity::COMMON_VOLUMES_ML,
};

/// How large and how shaped a generated data set is. Out-of-range values are brought into range
/// by [`generate`] rather than refused, so any options give a ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Seed of the pseudo-random generator: the same seed and options give the same ledger.
    pub seed: u64,
    /// Number of pledges, each by its own donor; drives and fixed points are sized to hold them.
    pub pledges: usize,
    /// The campaign's year, 2000 to 2100.
    pub year: i32,
    /// Drives in the year, 1 to 12, spread evenly over the months.
    pub drives: u8,
    /// Consecutive days of each drive, 1 to 21.
    pub days_per_drive: u8,
    /// Hospital venues of each drive, 1 to [`MAX_VENUES`].
    pub sites_per_drive: u8,
    /// Fixed points open through the year (Hoàn Kiếm, Thanh Xuân, Đống Đa), 0 to 3.
    pub fixed_points: u8,
    /// Share of the pledges made at fixed points rather than drives, 0 to 100 percent; ignored
    /// when there is no fixed point.
    pub fixed_share_percent: u8,
    /// The day the data is seen from: pledges for earlier days have an outcome (donated,
    /// deferred, no-show) and pledges for it or later days are still pledged; a few of either
    /// are cancelled.
    pub today: Date,
}

/// The number of hospital venues drives can use.
pub const MAX_VENUES: u8 = VENUES.len() as u8;

impl GenerateOptions {
    /// Options for `pledges` pledges in the year of `today`: four drives of four days at three
    /// venues each, and the three fixed points taking 30 % of the pledges.
    pub fn new(seed: u64, pledges: usize, today: Date) -> GenerateOptions {
        GenerateOptions {
            seed,
            pledges,
            year: today.year(),
            drives: 4,
            days_per_drive: 4,
            sites_per_drive: 3,
            fixed_points: 3,
            fixed_share_percent: 30,
            today,
        }
    }

    /// The same options with every value brought into its documented range.
    fn clamped(&self) -> GenerateOptions {
        GenerateOptions {
            seed: self.seed,
            pledges: self.pledges,
            year: self.year.clamp(2000, 2100),
            drives: self.drives.clamp(1, 12),
            days_per_drive: self.days_per_drive.clamp(1, 21),
            sites_per_drive: self.sites_per_drive.clamp(1, MAX_VENUES),
            fixed_points: self.fixed_points.min(3),
            fixed_share_percent: if self.fixed_points == 0 {
                0
            } else {
                self.fixed_share_percent.min(100)
            },
            today: self.today,
        }
    }
}

/// Generates a campaign of `options.year` with its drives, venues, fixed points, the 76 units
/// and `options.pledges` pledges, each by a new donor: Vietnamese names, unique mobile numbers,
/// a blood-group mix like Vietnam's (O 42 %, B 30 %, A 21 %, AB 7 %, Rh- about 0.3 %, one in
/// eight not knowing theirs), every donor eligible on the pledge day. No slot ever takes more
/// than its capacity: drive slots are sized so the pledges fill about four places in five.
///
/// Ids are readable and fixed by position (`g-donor-000001`, `g-pledge-000001`), so two seeds
/// give different records under the same ids.
///
/// # Panics
///
/// Never for any options: they are brought into range first. A panic would be a bug of the
/// generator (data its own rules refuse), which the tests guard against.
pub fn generate(options: &GenerateOptions) -> Ledger {
    match build(&options.clamped()) {
        Ok(ledger) => ledger,
        Err(e) => panic!("the generator made data the ledger refused: {e}"),
    }
}

// ----- the pseudo-random generator -----

/// A 12-character base-32 id, the shape the app gives new records, derived from the seed and a
/// counter so data sets repeat exactly (and their stored size matches real data).
fn edge_like_id(seed: u64, n: u64) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let mut v = Rng::new(seed ^ n.wrapping_mul(0x9e37_79b9_7f4a_7c15)).next_u64();
    (0..12)
        .map(|_| {
            let c = ALPHABET[(v & 31) as usize] as char;
            v >>= 5;
            c
        })
        .collect()
}

/// SplitMix64: tiny, fast, and good enough to make data (not for anything secret).
#[derive(Debug, Clone)]
pub(super) struct Rng {
    state: u64,
}

impl Rng {
    pub(super) fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0), by multiply-and-shift.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub(super) fn between(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(u64::from(hi.saturating_sub(lo)) + 1) as u32
    }

    /// True `per_mille` times in a thousand.
    pub(super) fn chance(&mut self, per_mille: u32) -> bool {
        self.below(1000) < u64::from(per_mille)
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// One of `items`, each as likely as its weight.
    pub(super) fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut roll = self.below(total);
        for (item, w) in items {
            if roll < u64::from(*w) {
                return *item;
            }
            roll -= u64::from(*w);
        }
        items[items.len() - 1].0
    }

    pub(super) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

// ----- people -----

const FAMILY_NAMES: [(&str, u32); 16] = [
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 45),
    ("Vũ", 40),
    ("Phan", 30),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 17),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 8),
    ("Trịnh", 7),
];

const MIDDLE_MALE: [&str; 12] = [
    "Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân", "Ngọc", "Mạnh",
];

const MIDDLE_FEMALE: [&str; 12] = [
    "Thị", "Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Phương", "Minh", "Hồng", "Thùy", "Kim",
];

const GIVEN_MALE: [&str; 30] = [
    "Anh", "Hùng", "Dũng", "Tuấn", "Nam", "Hải", "Long", "Cường", "Thắng", "Sơn", "Quân", "Khánh",
    "Hiếu", "Trung", "Đức", "Phong", "Tùng", "Huy", "Bình", "Vinh", "Tú", "Toàn", "Hoàng", "Mạnh",
    "Thành", "Việt", "Kiên", "Lâm", "Đạt", "Quang",
];

const GIVEN_FEMALE: [&str; 30] = [
    "Lan", "Hương", "Hà", "Linh", "Trang", "Hằng", "Thảo", "Ngọc", "Mai", "Huyền", "Nga", "Dung",
    "Yến", "Phương", "Thủy", "Hạnh", "Nhung", "Vân", "Loan", "Oanh", "Giang", "Quỳnh", "Hoa",
    "Anh", "Hiền", "Chi", "Thúy", "Nhàn", "Liên", "Hồng",
];

/// Mobile prefixes in use in Vietnam (Viettel, VinaPhone, MobiFone, Vietnamobile, Gmobile).
const MOBILE_PREFIXES: [&str; 31] = [
    "032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098", "081",
    "082", "083", "084", "085", "088", "091", "094", "070", "076", "077", "078", "079", "089",
    "090", "093", "056", "058", "092",
];

/// Vietnam's ABO mix, in per-mille.
const ABO_MIX: [(Abo, u32); 4] = [(Abo::O, 420), (Abo::B, 300), (Abo::A, 210), (Abo::AB, 70)];

/// Rh(D) negative is rare in Vietnam: about 3 in 1,000.
const RH_NEGATIVE_PER_MILLE: u32 = 3;

/// Donors who do not know their blood group, per mille.
const UNKNOWN_GROUP_PER_MILLE: u32 = 120;

/// Ages, inclusive, by category. None goes past 58, so a donor of the sample who comes back
/// later in the year is still within 18 to 60.
fn age_range(category: Category) -> (u32, u32) {
    match category {
        Category::Staff => (23, 58),
        Category::Student => (18, 23),
        Category::Intern => (19, 25),
        Category::PatientRelative => (20, 58),
        Category::Public => (18, 58),
    }
}

/// The largest common bag of whole blood a donor may give (0 when too light), under
/// Thông tư 26/2013 Art. 4.2a: women from 42 kg, men from 45 kg; 250 ml below 45 kg; at most
/// 9 ml/kg and 500 ml from 45 kg.
pub(super) fn max_whole_blood_ml(sex: Sex, weight: Weight) -> u16 {
    let hg = u32::from(weight.hg());
    let min_hg = match sex {
        Sex::Female => 420,
        Sex::Male => 450,
    };
    if hg < min_hg {
        return 0;
    }
    if hg < 450 {
        return 250;
    }
    let cap = (hg * 9 / 10).min(500);
    COMMON_VOLUMES_ML
        .iter()
        .rev()
        .copied()
        .find(|v| u32::from(*v) <= cap)
        .unwrap_or(0)
}

/// The lightest weight, in hectograms, at which `sex` may give `volume_ml` of whole blood.
fn min_hg_for(sex: Sex, volume_ml: u16) -> u16 {
    let by_sex = match sex {
        Sex::Female => 420,
        Sex::Male => 450,
    };
    let needed = match volume_ml {
        0..=250 => by_sex,
        251..=405 => 450,
        _ => volume_ml.div_ceil(9) * 10,
    };
    by_sex.max(needed)
}

/// Makes people: names, sexes, ages, weights, unique phones and citizen ids.
#[derive(Debug, Default)]
pub(super) struct People {
    phones: HashSet<String>,
    citizen_ids: HashSet<String>,
}

impl People {
    pub(super) fn new() -> People {
        People::default()
    }

    fn name(rng: &mut Rng, sex: Sex) -> String {
        let family = rng.weighted(&FAMILY_NAMES);
        let (middles, givens) = match sex {
            Sex::Male => (&MIDDLE_MALE, &GIVEN_MALE),
            Sex::Female => (&MIDDLE_FEMALE, &GIVEN_FEMALE),
        };
        let middle = rng.pick(middles);
        let given = rng.pick(givens);
        if rng.chance(120) {
            let second = rng.pick(middles);
            if second != middle {
                return format!("{family} {middle} {second} {given}");
            }
        }
        format!("{family} {middle} {given}")
    }

    fn phone(&mut self, rng: &mut Rng) -> Result<Phone, DomainError> {
        loop {
            let prefix = rng.pick(&MOBILE_PREFIXES);
            let number = format!("{prefix}{:07}", rng.below(10_000_000));
            if self.phones.insert(number.clone()) {
                return Phone::parse(&number);
            }
        }
    }

    /// A 12-digit căn cước number: Hà Nội's code 001, the century-and-sex digit, the year of
    /// birth's last two digits, six more digits; unique.
    fn citizen_id(
        &mut self,
        rng: &mut Rng,
        sex: Sex,
        birth: Date,
    ) -> Result<CitizenId, DomainError> {
        let century = if birth.year() >= 2000 { 2 } else { 0 };
        let sex_digit = century + u32::from(sex == Sex::Female);
        loop {
            let id = format!(
                "001{sex_digit}{:02}{:06}",
                birth.year().rem_euclid(100),
                rng.below(1_000_000)
            );
            if self.citizen_ids.insert(id.clone()) {
                return CitizenId::parse(&id);
            }
        }
    }

    /// A weight around the Vietnamese adult mean for `sex`, at least `min_hg`.
    fn weight(rng: &mut Rng, sex: Sex, min_hg: u16) -> Result<Weight, DomainError> {
        let (mean, spread) = match sex {
            Sex::Female => (520_i64, 60_i64),
            Sex::Male => (630, 80),
        };
        for _ in 0..20 {
            // Four uniforms add up to a bell shape (standard deviation 0.577 of one).
            let sum: i64 = (0..4).map(|_| rng.below(1000) as i64).sum();
            let hg = mean + (sum - 2000) * spread / 577;
            if hg >= i64::from(min_hg) && hg <= 1200 {
                return Weight::from_hg(hg as u16).ok_or(DomainError::NegativeQuantity);
            }
        }
        Weight::from_hg(min_hg + rng.below(60) as u16).ok_or(DomainError::NegativeQuantity)
    }

    /// A birth date that makes the person exactly `age` on `day`.
    fn birth_date(rng: &mut Rng, age: u32, day: Date) -> Date {
        let months = (12 * age + rng.between(0, 11)) as i32;
        let birth = day
            .add_months(-months)
            .add_days(-i64::from(rng.between(0, 27)));
        if birth.age_on(day) == age as i32 {
            birth
        } else {
            day.add_months(-(12 * age as i32) - 6)
        }
    }

    fn blood_group(rng: &mut Rng) -> Option<BloodGroup> {
        if rng.chance(UNKNOWN_GROUP_PER_MILLE) {
            return None;
        }
        let abo = rng.weighted(&ABO_MIX);
        let rh = if rng.chance(RH_NEGATIVE_PER_MILLE) {
            Rh::Negative
        } else {
            Rh::Positive
        };
        Some(BloodGroup::new(abo, rh))
    }

    /// A donor, eligible on `day` to give `min_volume_ml` of whole blood or more: of age for
    /// `category`, heavy enough, with a unique phone.
    pub(super) fn draft(
        &mut self,
        rng: &mut Rng,
        day: Date,
        category: Category,
        unit: Option<UnitId>,
        min_volume_ml: u16,
    ) -> Result<DonorDraft, DomainError> {
        let female_per_mille = if category == Category::Staff {
            600
        } else {
            480
        };
        let sex = if rng.chance(female_per_mille) {
            Sex::Female
        } else {
            Sex::Male
        };
        let (lo, hi) = age_range(category);
        // The mean of two draws leans towards the middle of the range.
        let age = (rng.between(lo, hi) + rng.between(lo, hi)) / 2;
        let birth_date = People::birth_date(rng, age, day);
        let weight = People::weight(rng, sex, min_hg_for(sex, min_volume_ml))?;
        let citizen_id = if rng.chance(600) {
            Some(self.citizen_id(rng, sex, birth_date)?)
        } else {
            None
        };
        Ok(DonorDraft {
            full_name: People::name(rng, sex),
            sex,
            birth_date,
            weight,
            phone: self.phone(rng)?,
            citizen_id,
            blood_group: People::blood_group(rng),
            category,
            unit,
        })
    }
}

/// A bag for a donor whose largest allowed bag is `max_ml`: mostly 350 ml, as Hanoi's drives
/// collect, 450 ml for some heavier donors, 250 ml for the rest.
pub(super) fn choose_volume(rng: &mut Rng, max_ml: u16) -> u16 {
    match max_ml {
        0..=349 => 250,
        350..=449 => {
            if rng.chance(700) {
                350
            } else {
                250
            }
        }
        _ => rng.weighted(&[(350, 550), (450, 300), (250, 150)]),
    }
}

// ----- time -----

/// The timestamp of a local time in Hanoi (UTC+7, no daylight saving).
pub(super) fn stamp(date: Date, time: TimeOfDay) -> Timestamp {
    let minutes = date.days_since_epoch() * 1440 + i64::from(time.minutes()) - 7 * 60;
    Timestamp(minutes * 60_000)
}

/// A time of day from minutes since midnight, kept within the day.
pub(super) fn at(minutes: u32) -> Result<TimeOfDay, DomainError> {
    let m = minutes.min(24 * 60) as u16;
    TimeOfDay::from_minutes(m).ok_or_else(|| DomainError::InvalidTime(m.to_string()))
}

/// The moment `minutes` after midnight on `date`, as the edge's clock would give it.
pub(super) fn now_at(date: Date, minutes: u32) -> Result<Now, DomainError> {
    let time = at(minutes)?;
    Ok(Now {
        date,
        time,
        stamp: stamp(date, time),
    })
}

/// When a volunteer pledged a slot on `day`: 1 to 14 days before, or at the desk early that
/// morning; never after `today` (the data is seen from then).
pub(super) fn pledge_moment(rng: &mut Rng, day: Date, today: Date) -> Result<Now, DomainError> {
    let created = day.add_days(-i64::from(rng.between(0, 14))).min(today);
    if created >= day {
        now_at(day, rng.between(6 * 60, 6 * 60 + 59))
    } else {
        now_at(created, rng.between(7 * 60, 21 * 60))
    }
}

/// Screening deferrals seen at the desk, with the days until the donor may come back.
pub(super) const DEFERRALS: [(&str, i64); 6] = [
    ("Huyết sắc tố thấp (dưới 120 g/l)", 30),
    ("Huyết áp cao khi khám sàng lọc", 7),
    ("Đang dùng kháng sinh", 14),
    ("Sốt, cảm cúm", 14),
    ("Mới xăm hình trong 6 tháng (TT 26/2013, Điều 5.2)", 183),
    ("Thiếu ngủ, mệt mỏi", 1),
];

/// A deferral recorded at the desk on `day`.
pub(super) fn deferral(rng: &mut Rng, day: Date) -> Deferral {
    let (reason, days) = *rng.pick(&DEFERRALS);
    Deferral {
        reason: reason.to_owned(),
        until: day.add_days(days),
    }
}

/// Checks a pledged donor in during the slot and records what happened.
pub(super) fn check_in_and_record(
    ledger: &mut Ledger,
    rng: &mut Rng,
    id: &PledgeId,
    slot: &SlotRef,
    spec: &SlotSpec,
    outcome: Outcome,
    rules: &RuleSet,
) -> Result<(), DomainError> {
    let length = u32::from(spec.end.minutes() - spec.start.minutes());
    let arrived = u32::from(spec.start.minutes()) + rng.below(u64::from(length)) as u32;
    if outcome == Outcome::NoShow {
        let closing = at(u32::from(spec.end.minutes()).max(17 * 60))?;
        return ledger.record_outcome(id, outcome, rules, stamp(slot.date, closing));
    }
    ledger.check_in(id, rules, stamp(slot.date, at(arrived)?))?;
    let done = at(arrived + rng.between(20, 50))?;
    ledger.record_outcome(id, outcome, rules, stamp(slot.date, done))
}

// ----- places -----

/// Hospitals that lend a hall to drives: (site id, name, address, district). The first three
/// are the venues of the 2023 sample.
pub(super) const VENUES: [(&str, &str, &str, &str); 8] = [
    (
        "site-xanh-pon",
        "Bệnh viện Đa khoa Xanh Pôn",
        "12 Chu Văn An, Điện Biên, Ba Đình, Hà Nội",
        "Ba Đình",
    ),
    (
        "site-phu-san-ha-noi",
        "Bệnh viện Phụ sản Hà Nội",
        "929 La Thành, Ngọc Khánh, Ba Đình, Hà Nội",
        "Ba Đình",
    ),
    (
        "site-ung-buou-ha-noi",
        "Bệnh viện Ung bướu Hà Nội",
        "42A Thanh Nhàn, Hai Bà Trưng, Hà Nội",
        "Hai Bà Trưng",
    ),
    (
        "site-thanh-nhan",
        "Bệnh viện Thanh Nhàn",
        "42 Thanh Nhàn, Hai Bà Trưng, Hà Nội",
        "Hai Bà Trưng",
    ),
    (
        "site-duc-giang",
        "Bệnh viện Đa khoa Đức Giang",
        "54 Trường Lâm, Đức Giang, Long Biên, Hà Nội",
        "Long Biên",
    ),
    (
        "site-ha-dong",
        "Bệnh viện Đa khoa Hà Đông",
        "2 Bế Văn Đàn, Quang Trung, Hà Đông, Hà Nội",
        "Hà Đông",
    ),
    (
        "site-dong-da-hospital",
        "Bệnh viện Đa khoa Đống Đa",
        "192 Nguyễn Lương Bằng, Đống Đa, Hà Nội",
        "Đống Đa",
    ),
    (
        "site-bac-thang-long",
        "Bệnh viện Bắc Thăng Long",
        "Đông Anh, Hà Nội",
        "Đông Anh",
    ),
];

/// One slot of one day at one place, with its spec.
struct SlotInstance {
    slot: SlotRef,
    spec: SlotSpec,
}

/// Picks `n` places among the slots' capacities, uniformly, never more than a slot's
/// capacity; returns the chosen slots' indexes, one per place, in slot order.
fn choose_places(rng: &mut Rng, instances: &[SlotInstance], n: usize) -> Vec<usize> {
    let mut seats: Vec<u32> = instances
        .iter()
        .enumerate()
        .flat_map(|(i, s)| std::iter::repeat_n(i as u32, usize::from(s.spec.capacity)))
        .collect();
    let n = n.min(seats.len());
    for k in 0..n {
        let j = k + rng.below((seats.len() - k) as u64) as usize;
        seats.swap(k, j);
    }
    seats.truncate(n);
    seats.sort_unstable();
    seats.into_iter().map(|i| i as usize).collect()
}

/// The per-slot capacity that lets `n` pledges fill about four places in five of `slots`.
fn capacity_for(n: usize, slots: usize) -> u16 {
    if slots == 0 {
        return 1;
    }
    let wanted = (n * 5).div_ceil(4).div_ceil(slots);
    wanted.clamp(1, usize::from(u16::MAX)) as u16
}

/// The first day of drive `k` of `count` in `year`: the first Monday of a month, the months
/// spread evenly over the year.
fn drive_start(year: i32, k: u8, count: u8) -> Result<Date, DomainError> {
    let month = 1 + (2 * u32::from(k) + 1) * 12 / (2 * u32::from(count));
    let first = Date::from_ymd(year, month as u8, 1).ok_or(DomainError::YearOutOfRange(year))?;
    let to_monday = (7 - first.weekday().index() as i64) % 7;
    Ok(first.add_days(to_monday))
}

// ----- building -----

fn build(o: &GenerateOptions) -> Result<Ledger, DomainError> {
    let mut rng = Rng::new(o.seed);
    let mut ledger = Ledger::new();
    let rules = RuleSet::vietnam();

    let n_fixed = o.pledges * usize::from(o.fixed_share_percent) / 100;
    let n_drive = o.pledges - n_fixed;

    let campaign = Campaign::new(
        CampaignId::new(format!("c{}", o.year))?,
        CampaignDraft {
            year: o.year,
            name: format!(
                "Hiến máu tình nguyện ngành Y tế Hà Nội năm {} (dữ liệu sinh)",
                o.year
            ),
            baseline: Units::whole(o.pledges as i64),
            growth_bp: 1000,
            slogans: sample::SLOGANS.iter().map(|s| (*s).to_owned()).collect(),
            partner: sample::PARTNER.to_owned(),
            ml_per_unit: None,
            notes: format!(
                "Dữ liệu sinh tự động (hạt giống {}, {} lượt đăng ký), không phải số liệu thật. \
                 Mức nền bằng số lượt đăng ký để biểu đồ tiến độ cân đối.\n\
                 Generated data (seed {}, {} pledges), not real figures. The baseline equals the \
                 number of pledges so progress charts stay in proportion.",
                o.seed, o.pledges, o.seed, o.pledges
            ),
        },
    )?;
    ledger.add_campaign(campaign.clone(), Timestamp(0))?;

    let units = sample::units()?;
    for unit in &units {
        ledger.add_unit(unit.clone(), Timestamp(0))?;
    }
    let unit_ids = |kind: UnitKind| -> Vec<UnitId> {
        units
            .iter()
            .filter(|u| u.kind == kind)
            .map(|u| u.id.clone())
            .collect()
    };
    let hospitals = unit_ids(UnitKind::PublicHospital);
    let centers = unit_ids(UnitKind::SpecialtyCenter);
    let districts = unit_ids(UnitKind::DistrictMedicalCenter);

    for venue in VENUES {
        ledger.add_site(sample::venue(venue)?, Timestamp(0))?;
    }

    // Fixed points, open through the year up to six weeks after today (or the whole year when
    // that leaves too few days), sized from the pledges they are to take.
    let mut fixed_instances = Vec::new();
    if o.fixed_points > 0 {
        let first = Date::from_ymd(o.year, 1, 1).ok_or(DomainError::YearOutOfRange(o.year))?;
        let last = Date::from_ymd(o.year, 12, 31).ok_or(DomainError::YearOutOfRange(o.year))?;
        let mut window_end = last.min(o.today.add_days(42));
        if window_end.days_since(first) < 28 {
            window_end = last;
        }
        let days: Vec<Date> = (0..=window_end.days_since(first))
            .map(|n| first.add_days(n))
            .collect();
        let points = &sample::FIXED_POINT_SITES[..usize::from(o.fixed_points)];
        let slot_count: usize = points
            .iter()
            .map(|p| sample::fixed_point_slots_in(p, &days))
            .sum();
        let capacity = capacity_for(n_fixed, slot_count);
        for point in points {
            let site = sample::fixed_point(point, capacity)?;
            let place = Place::Fixed {
                site: site.id.clone(),
            };
            ledger.add_site(site, Timestamp(0))?;
            for &date in &days {
                for spec in ledger.slots_on(&place, date)? {
                    fixed_instances.push(SlotInstance {
                        slot: SlotRef {
                            place: place.clone(),
                            date,
                            start: spec.start,
                        },
                        spec,
                    });
                }
            }
        }
    }

    // Drives, each at `sites_per_drive` venues taken in turn, sized like the fixed points.
    let slots_per_day = sample::drive_day(1)?.len();
    let drive_slots = usize::from(o.drives)
        * usize::from(o.days_per_drive)
        * usize::from(o.sites_per_drive)
        * slots_per_day;
    let drive_capacity = capacity_for(n_drive, drive_slots);
    let mut drive_instances = Vec::new();
    let mut drive_ids = Vec::new();
    for k in 0..o.drives {
        let start = drive_start(o.year, k, o.drives)?;
        let sites = (0..o.sites_per_drive)
            .map(|j| {
                let (id, ..) = VENUES[(usize::from(k) + usize::from(j)) % VENUES.len()];
                DriveSite::new(
                    SiteId::new(id)?,
                    sample::drive_day(drive_capacity)?,
                    Default::default(),
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let drive = Drive::new(
            DriveId::new(format!("d{}-{}", o.year, k + 1))?,
            &campaign,
            DriveDraft {
                name: format!("Đợt {}", k + 1),
                start,
                end: start.add_days(i64::from(o.days_per_drive) - 1),
                sites,
            },
        )?;
        for date in drive.days() {
            for site in &drive.sites {
                for spec in site.slots_on(date) {
                    drive_instances.push(SlotInstance {
                        slot: SlotRef {
                            place: Place::Drive {
                                drive: drive.id.clone(),
                                site: site.site.clone(),
                            },
                            date,
                            start: spec.start,
                        },
                        spec: *spec,
                    });
                }
            }
        }
        let id = drive.id.clone();
        let past = drive.end < o.today;
        ledger.add_drive(drive, Timestamp(0))?;
        ledger.set_drive_status(&id, DriveStatus::Open, Timestamp(0))?;
        drive_ids.push((id, past));
    }

    // The places taken, in the order of the day and time they are for.
    let mut chosen: Vec<&SlotInstance> = choose_places(&mut rng, &drive_instances, n_drive)
        .into_iter()
        .map(|i| &drive_instances[i])
        .chain(
            choose_places(&mut rng, &fixed_instances, n_fixed)
                .into_iter()
                .map(|i| &fixed_instances[i]),
        )
        .collect();
    chosen.sort_by_key(|a| (a.slot.date, a.slot.start));

    let mut people = People::new();
    for (n, instance) in chosen.into_iter().enumerate() {
        let slot = &instance.slot;
        let day = slot.date;
        let category = rng.weighted(&[
            (Category::Staff, 550),
            (Category::Student, 150),
            (Category::Intern, 100),
            (Category::PatientRelative, 80),
            (Category::Public, 120),
        ]);
        let unit = match category {
            Category::Staff => Some(
                match rng.weighted(&[(0, 60), (1, 8), (2, 32)]) {
                    0 => rng.pick(&hospitals),
                    1 => rng.pick(&centers),
                    _ => rng.pick(&districts),
                }
                .clone(),
            ),
            Category::Intern if rng.chance(500) => Some(rng.pick(&hospitals).clone()),
            _ => None,
        };
        let draft = people.draft(&mut rng, day, category, unit, 250)?;
        let max_ml = max_whole_blood_ml(draft.sex, draft.weight);
        let (donation, volume_ml) = if matches!(slot.place, Place::Fixed { .. })
            && draft.weight.hg() >= 600
            && rng.chance(80)
        {
            (DonationType::PlateletApheresis, 250)
        } else {
            (DonationType::WholeBlood, choose_volume(&mut rng, max_ml))
        };
        let created = pledge_moment(&mut rng, day, o.today)?;
        let donor_id = DonorId::new(edge_like_id(o.seed, 2 * n as u64))?;
        let mut donor = Donor::new(donor_id.clone(), draft, day, created.stamp)?;
        if rng.chance(350) {
            donor.history = earlier_donations(&mut rng, &donor, day, max_ml);
        }
        ledger.add_donor(donor)?;

        let pledge_id = PledgeId::new(edge_like_id(o.seed, 2 * n as u64 + 1))?;
        ledger.pledge(
            pledge_id.clone(),
            PledgeRequest {
                donor: donor_id,
                slot: slot.clone(),
                donation,
                volume_ml,
                declarations: Vec::new(),
            },
            &rules,
            created,
        )?;
        let cancel_per_mille = if day < o.today { 20 } else { 30 };
        if rng.chance(cancel_per_mille) {
            let at = created.stamp.0 + i64::from(rng.between(1, 48)) * 3_600_000;
            ledger.cancel(&pledge_id, "Bận việc đột xuất", Timestamp(at))?;
            continue;
        }
        if day < o.today {
            let outcome = match rng.below(1000) {
                0..60 => Outcome::NoShow,
                60..110 => Outcome::Deferred(deferral(&mut rng, day)),
                _ => Outcome::Donated { volume_ml },
            };
            check_in_and_record(
                &mut ledger,
                &mut rng,
                &pledge_id,
                slot,
                &instance.spec,
                outcome,
                &rules,
            )?;
        }
    }

    for (id, past) in drive_ids {
        if past {
            ledger.set_drive_status(&id, DriveStatus::Closed, Timestamp(0))?;
        }
    }
    Ok(ledger)
}

/// One to four earlier whole-blood donations of a returning donor, oldest first: the last at
/// least 90 days before `day` (more than the 84 of TT 26/2013 Art. 6.1), each at least 100
/// days after the one before, none before the donor turned 18.
fn earlier_donations(rng: &mut Rng, donor: &Donor, day: Date, max_ml: u16) -> Vec<Donation> {
    let mut history = Vec::new();
    let mut date = day.add_days(-i64::from(rng.between(90, 480)));
    for _ in 0..rng.between(1, 4) {
        if donor.birth_date.age_on(date) < 18 {
            break;
        }
        history.push(Donation {
            date,
            kind: DonationType::WholeBlood,
            volume_ml: choose_volume(rng, max_ml),
        });
        date = date.add_days(-i64::from(rng.between(100, 400)));
    }
    history.reverse();
    history
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(super) mod tests {
    use std::collections::{BTreeMap, HashMap};

    use super::*;
    use crate::domain::{Pledge, PledgeStatus};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn opts(seed: u64, pledges: usize) -> GenerateOptions {
        GenerateOptions::new(seed, pledges, d("2024-06-15"))
    }

    /// Every slot holds no more pledges than its capacity, and the ledger's count agrees with
    /// the pledges themselves.
    fn assert_capacity_holds(ledger: &Ledger) {
        let mut counted: BTreeMap<&SlotRef, u32> = BTreeMap::new();
        for p in ledger.pledges().filter(|p| p.status.holds_slot()) {
            *counted.entry(&p.slot).or_default() += 1;
        }
        for (slot, n) in counted {
            let spec = ledger.slot_spec(slot).expect("the slot exists");
            assert_eq!(ledger.taken(slot), n, "{slot:?}");
            assert!(
                n <= u32::from(spec.capacity),
                "{slot:?}: {n} > {}",
                spec.capacity
            );
        }
    }

    fn assert_one_donor_per_pledge(ledger: &Ledger, pledges: usize) {
        assert_eq!(ledger.pledges().count(), pledges);
        assert_eq!(ledger.donors().count(), pledges);
        let donors: HashSet<&DonorId> = ledger.pledges().map(|p| &p.donor).collect();
        assert_eq!(donors.len(), pledges);
        assert!(ledger.pledges().all(|p| ledger.donor(&p.donor).is_some()));
    }

    /// The rules of TT 26/2013 the generator promises, checked on the pledge day against the
    /// donor as they were then (donations before that day only).
    pub(crate) fn eligible_on_pledge_day(donor: &Donor, p: &Pledge) -> Result<(), String> {
        let day = p.slot.date;
        let age = donor.birth_date.age_on(day);
        if !(18..=60).contains(&age) {
            return Err(format!("age {age}"));
        }
        let hg = u32::from(donor.weight.hg());
        let min_hg = if donor.sex == Sex::Female { 420 } else { 450 };
        if hg < min_hg {
            return Err(format!("weight {}", donor.weight));
        }
        let v = u32::from(p.volume_ml);
        match p.donation {
            DonationType::WholeBlood | DonationType::RedCellApheresis => {
                if (hg < 450 && v > 250) || v * 10 > 9 * hg || v > 500 {
                    return Err(format!("{v} ml at {} kg", donor.weight));
                }
            }
            DonationType::PlateletApheresis | DonationType::PlasmaApheresis => {
                if hg < 500 || v > 500 {
                    return Err(format!("apheresis {v} ml at {} kg", donor.weight));
                }
            }
        }
        if let Some(last) = donor
            .history
            .iter()
            .filter(|h| h.date < day)
            .max_by_key(|h| h.date)
        {
            let wait = match last.kind {
                DonationType::WholeBlood | DonationType::RedCellApheresis => 84,
                _ => 14,
            };
            if day.days_since(last.date) < wait {
                return Err(format!("last donation {} before {day}", last.date));
            }
        }
        Ok(())
    }

    #[test]
    fn the_same_seed_gives_the_same_ledger_and_another_seed_another() {
        let a = generate(&opts(7, 800));
        assert_eq!(a, generate(&opts(7, 800)));
        let b = generate(&opts(8, 800));
        assert_ne!(a, b);
        let names = |l: &Ledger| l.donors().map(|d| d.full_name.clone()).collect::<Vec<_>>();
        assert_ne!(
            names(&a),
            names(&b),
            "different people, not just different slots"
        );
    }

    #[test]
    fn it_makes_exactly_the_pledges_asked_for_each_by_its_own_donor() {
        for n in [0, 1, 13, 1000] {
            let ledger = generate(&opts(3, n));
            assert_one_donor_per_pledge(&ledger, n);
        }
    }

    #[test]
    fn no_slot_ever_holds_more_than_its_capacity() {
        let ledger = generate(&opts(11, 5000));
        assert_capacity_holds(&ledger);
        // Sized to fill about four places in five: the drives are neither empty nor overfull.
        let drives: u64 = ledger.drives().map(Drive::capacity).sum();
        let at_drives = ledger
            .pledges()
            .filter(|p| p.slot.place.drive().is_some())
            .count();
        assert_eq!(at_drives, 3500);
        assert!((3500 * 5 / 4..=3500 * 3 / 2).contains(&drives), "{drives}");
    }

    #[test]
    fn phone_numbers_are_valid_vietnamese_mobiles_and_unique() {
        let ledger = generate(&opts(5, 10_000));
        let phones: HashSet<&str> = ledger.donors().map(|d| d.phone.as_str()).collect();
        assert_eq!(phones.len(), 10_000);
        for p in &phones {
            assert_eq!(Phone::parse(p).unwrap().as_str(), *p);
            assert_eq!(p.len(), 10);
        }
    }

    #[test]
    fn blood_groups_follow_the_vietnamese_mix_at_ten_thousand() {
        let ledger = generate(&opts(42, 10_000));
        let mut abo: HashMap<Abo, usize> = HashMap::new();
        let (mut unknown, mut negative, mut known) = (0, 0, 0);
        for donor in ledger.donors() {
            match donor.blood_group {
                None => unknown += 1,
                Some(g) => {
                    known += 1;
                    *abo.entry(g.abo).or_default() += 1;
                    negative += usize::from(g.rh == Rh::Negative);
                }
            }
        }
        let share = |n: usize| n as f64 / known as f64 * 100.0;
        for (group, expected) in [
            (Abo::O, 42.0),
            (Abo::B, 30.0),
            (Abo::A, 21.0),
            (Abo::AB, 7.0),
        ] {
            let got = share(abo[&group]);
            assert!((got - expected).abs() < 2.5, "{group:?}: {got:.1} %");
        }
        let rh_negative = share(negative);
        assert!(
            rh_negative > 0.05 && rh_negative < 0.8,
            "Rh-: {rh_negative:.2} %"
        );
        let unknown = unknown as f64 / 100.0;
        assert!((8.0..16.0).contains(&unknown), "unknown: {unknown:.1} %");
    }

    #[test]
    fn every_donor_is_eligible_on_their_pledge_day() {
        let ledger = generate(&opts(9, 10_000));
        for p in ledger.pledges() {
            let donor = ledger.donor(&p.donor).unwrap();
            if let Err(why) = eligible_on_pledge_day(donor, p) {
                panic!("{}: {why}", p.id);
            }
        }
        let returning = ledger
            .pledges()
            .filter(|p| {
                let donor = ledger.donor(&p.donor).unwrap();
                donor.history.iter().any(|h| h.date < p.slot.date)
            })
            .count();
        assert!(returning > 2000, "some donors come back: {returning}");
    }

    #[test]
    fn past_days_have_outcomes_and_later_days_are_still_pledged() {
        let today = d("2024-06-15");
        let ledger = generate(&opts(21, 4000));
        let mut seen = HashMap::new();
        for p in ledger.pledges() {
            let kind = match &p.status {
                PledgeStatus::Pledged => "pledged",
                PledgeStatus::CheckedIn { .. } => "checked-in",
                PledgeStatus::Donated { .. } => "donated",
                PledgeStatus::Deferred { .. } => "deferred",
                PledgeStatus::NoShow { .. } => "no-show",
                PledgeStatus::Cancelled { .. } => "cancelled",
            };
            *seen.entry(kind).or_insert(0) += 1;
            match kind {
                "pledged" => assert!(p.slot.date >= today),
                "donated" | "deferred" | "no-show" => assert!(p.slot.date < today),
                "cancelled" => {}
                other => panic!("unexpected {other}"),
            }
            assert!(p.created_at <= p.updated_at);
        }
        for kind in ["pledged", "donated", "deferred", "no-show", "cancelled"] {
            assert!(
                seen.get(kind).copied().unwrap_or(0) > 0,
                "no {kind}: {seen:?}"
            );
        }
        assert!(seen["donated"] > 8 * (seen["deferred"] + seen["no-show"]) / 2);
        for drive in ledger.drives() {
            let expected = if drive.end < today {
                DriveStatus::Closed
            } else {
                DriveStatus::Open
            };
            assert_eq!(drive.status, expected, "{}", drive.id);
        }
    }

    #[test]
    fn donated_units_count_each_bag_at_250_ml_per_unit() {
        let ledger = generate(&opts(4, 2000));
        let mut volumes = HashSet::new();
        for p in ledger.pledges() {
            if let PledgeStatus::Donated {
                volume_ml, units, ..
            } = &p.status
            {
                assert_eq!(*units, Units::from_volume(*volume_ml, 250));
                volumes.insert(*volume_ml);
                let donor = ledger.donor(&p.donor).unwrap();
                assert_eq!(donor.last_donation().map(|h| h.date), Some(p.slot.date));
            }
        }
        assert_eq!(volumes, HashSet::from([250, 350, 450]));
    }

    #[test]
    fn names_are_vietnamese_and_staff_belong_to_units() {
        let ledger = generate(&opts(6, 3000));
        let families: HashSet<&str> = FAMILY_NAMES.iter().map(|(f, _)| *f).collect();
        let mut staff = 0;
        for donor in ledger.donors() {
            let family = donor.full_name.split(' ').next().unwrap();
            assert!(families.contains(family), "{}", donor.full_name);
            assert!(donor.full_name.split(' ').count() >= 3);
            if donor.category == Category::Staff {
                staff += 1;
                assert!(
                    donor
                        .unit
                        .as_ref()
                        .is_some_and(|u| ledger.unit(u).is_some())
                );
            }
        }
        assert!(
            staff > 3000 * 45 / 100 && staff < 3000 * 65 / 100,
            "{staff}"
        );
        assert_eq!(ledger.units().count(), 76);
    }

    #[test]
    fn out_of_range_options_are_brought_into_range() {
        let mut o = opts(1, 50);
        o.year = 1900;
        o.drives = 0;
        o.days_per_drive = 200;
        o.sites_per_drive = 99;
        o.fixed_points = 9;
        o.fixed_share_percent = 250;
        let ledger = generate(&o);
        assert_one_donor_per_pledge(&ledger, 50);
        assert_capacity_holds(&ledger);
        assert_eq!(ledger.campaigns().next().unwrap().year, 2000);
        assert!(
            ledger.pledges().all(|p| p.slot.place.drive().is_none()),
            "all at fixed points"
        );
    }

    #[test]
    fn twenty_thousand_pledges_are_generated_in_one_go() {
        let started = std::time::Instant::now();
        let ledger = generate(&opts(2024, 20_000));
        assert_one_donor_per_pledge(&ledger, 20_000);
        assert_capacity_holds(&ledger);
        println!("20,000 pledges generated in {:?}", started.elapsed());
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(24))]

            #[test]
            fn any_options_give_the_pledges_asked_within_capacity(
                seed in 0u64..1000,
                pledges in 0usize..400,
                drives in 1u8..4,
                days in 1u8..4,
                sites in 1u8..4,
                fixed_points in 0u8..4,
                share in 0u8..=100,
                today_offset in -400i64..400,
            ) {
                let o = GenerateOptions {
                    seed,
                    pledges,
                    year: 2024,
                    drives,
                    days_per_drive: days,
                    sites_per_drive: sites,
                    fixed_points,
                    fixed_share_percent: share,
                    today: d("2024-06-15").add_days(today_offset),
                };
                let ledger = generate(&o);
                assert_one_donor_per_pledge(&ledger, pledges);
                assert_capacity_holds(&ledger);
                for p in ledger.pledges() {
                    let donor = ledger.donor(&p.donor).unwrap();
                    prop_assert!(eligible_on_pledge_day(donor, p).is_ok());
                }
            }
        }
    }
}

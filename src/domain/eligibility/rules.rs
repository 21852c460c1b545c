//! Rule sets as data: every threshold of a set is a value with its citation, and the engine in
//! the parent module reads them without knowing which set it holds. Adding a country's rules is
//! writing one more constructor here, not one more branch there.
//!
//! Pure data: it imports only the domain's own types.

use super::super::{Date, DonationType, Sex};

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Citation {
    /// The instrument, for example "Thông tư 26/2013/TT-BYT".
    pub source: &'static str,
    /// The article, for example "Điều 4.1".
    pub article: &'static str,
}

/// A rule's value together with the citation it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cited<T> {
    /// The threshold.
    pub value: T,
    /// Where it comes from.
    pub citation: Citation,
}

/// One value for each donation type, so a rule set can never forget a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PerType<T> {
    /// For [`DonationType::WholeBlood`].
    pub whole_blood: T,
    /// For [`DonationType::RedCellApheresis`].
    pub red_cells: T,
    /// For [`DonationType::PlateletApheresis`].
    pub platelets: T,
    /// For [`DonationType::PlasmaApheresis`].
    pub plasma: T,
}

impl<T> PerType<T> {
    /// The value for `kind`.
    pub fn get(&self, kind: DonationType) -> &T {
        match kind {
            DonationType::WholeBlood => &self.whole_blood,
            DonationType::RedCellApheresis => &self.red_cells,
            DonationType::PlateletApheresis => &self.platelets,
            DonationType::PlasmaApheresis => &self.plasma,
        }
    }
}

/// A length of time counted from a day: whole days, or calendar months (the same day of the
/// month, the last day when the month is shorter, as [`Date::add_months`] does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// A number of days.
    Days(u16),
    /// A number of calendar months.
    Months(u16),
}

impl Period {
    /// The day `self` after `start`: the first day the period no longer covers.
    pub fn after(self, start: Date) -> Date {
        match self {
            Period::Days(n) => start.add_days(i64::from(n)),
            Period::Months(n) => start.add_months(i32::from(n)),
        }
    }
}

/// The lightest a donor may be for one donation type, in hectograms (tenths of a kilogram, as
/// [`Weight::hg`](super::super::Weight::hg) counts them), by sex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WeightRule {
    /// Minimum for women, in hectograms (420 = 42.0 kg).
    pub female_hg: u16,
    /// Minimum for men, in hectograms.
    pub male_hg: u16,
    /// Where it comes from.
    pub citation: Citation,
}

impl WeightRule {
    /// The minimum for `sex`, in hectograms.
    pub fn min_hg(&self, sex: Sex) -> u16 {
        match sex {
            Sex::Female => self.female_hg,
            Sex::Male => self.male_hg,
        }
    }
}

/// One band of the volume table: from a body weight up, at most `max_ml`, and, when
/// `ml_per_kg` is set, at most that many millilitres per kilogram of body weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VolumeTier {
    /// The lightest weight the band applies to, in hectograms.
    pub from_hg: u16,
    /// The largest volume, in millilitres.
    pub max_ml: u16,
    /// Millilitres per kilogram of body weight, when the band also limits by weight.
    pub ml_per_kg: Option<u16>,
    /// Where it comes from.
    pub citation: Citation,
}

impl VolumeTier {
    /// The largest volume this band allows at `weight_hg`, rounded down to a whole millilitre.
    pub fn cap_ml(&self, weight_hg: u16) -> u16 {
        let by_weight = self.ml_per_kg.map_or(u32::MAX, |per_kg| {
            u32::from(per_kg) * u32::from(weight_hg) / 10
        });
        // The minimum is at most `max_ml`, so it fits in u16.
        by_weight.min(u32::from(self.max_ml)) as u16
    }
}

/// Something a volunteer declares about themselves that defers donation for a while.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeferralCause {
    /// A tattoo (xăm trổ trên da).
    Tattoo,
    /// Ear, nose, navel or other body piercing (bấm dái tai, mũi, rốn...).
    Piercing,
    /// Exposure to blood or body fluids of someone at risk of a blood-borne infection
    /// (phơi nhiễm với máu và dịch cơ thể).
    BloodExposure,
    /// Receiving blood, blood components or blood-derived products (truyền máu, chế phẩm máu).
    Transfusion,
    /// Giving birth (sinh con).
    Childbirth,
    /// The end of a pregnancy without a birth (chấm dứt thai nghén).
    EndOfPregnancy,
    /// Recovered from syphilis, tuberculosis, tetanus, encephalitis or meningitis (khỏi bệnh
    /// giang mai, lao, uốn ván, viêm não, viêm màng não).
    SeriousInfection,
    /// A rabies vaccination after an animal bite (tiêm vắc xin phòng bệnh dại sau khi bị động
    /// vật cắn).
    RabiesVaccination,
    /// Recovered from typhoid, septicaemia, a snake bite, arteritis or phlebitis,
    /// osteomyelitis or pancreatitis (khỏi bệnh thương hàn, nhiễm trùng huyết, bị rắn cắn,
    /// viêm tắc động mạch, viêm tắc tĩnh mạch, viêm tuỷ xương, viêm tụy).
    Infection,
    /// Recovered from gastroenteritis, a urinary tract infection, an infected skin
    /// inflammation, bronchitis, pneumonia, measles, whooping cough, mumps, dengue fever,
    /// dysentery, rubella or cholera (khỏi bệnh viêm dạ dày ruột, viêm đường tiết niệu, viêm da
    /// nhiễm trùng, viêm phế quản, viêm phổi, sởi, ho gà, quai bị, sốt xuất huyết, kiết lỵ,
    /// rubella, tả).
    RecentIllness,
    /// Recovered from flu, a cold, a nose and throat allergy, a sore throat or a migraine
    /// (khỏi bệnh cúm, cảm lạnh, dị ứng mũi họng, viêm họng, đau nửa đầu Migraine).
    MinorIllness,
    /// A live vaccine: rubella, measles, typhoid, cholera, mumps, chickenpox, BCG (vắc xin
    /// sống).
    LiveVaccine,
    /// Any other vaccine (các loại vắc xin khác).
    OtherVaccine,
}

impl DeferralCause {
    /// Every cause, in the order a self-check form lists them.
    pub const ALL: [DeferralCause; 13] = [
        DeferralCause::Tattoo,
        DeferralCause::Piercing,
        DeferralCause::BloodExposure,
        DeferralCause::Transfusion,
        DeferralCause::Childbirth,
        DeferralCause::EndOfPregnancy,
        DeferralCause::SeriousInfection,
        DeferralCause::Infection,
        DeferralCause::RabiesVaccination,
        DeferralCause::RecentIllness,
        DeferralCause::MinorIllness,
        DeferralCause::LiveVaccine,
        DeferralCause::OtherVaccine,
    ];

    /// Whom a form asks about the cause: the pregnancy questions only women, the rest everyone.
    pub fn asked_of(self, sex: Option<Sex>) -> bool {
        match self {
            DeferralCause::Childbirth | DeferralCause::EndOfPregnancy => sex == Some(Sex::Female),
            _ => true,
        }
    }
}

/// How long one declared cause defers donation under a rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DeferralRule {
    /// The cause.
    pub cause: DeferralCause,
    /// How long after it happened the donor must wait.
    pub period: Period,
    /// Where it comes from.
    pub citation: Citation,
}

/// A complete set of eligibility rules: every threshold with its citation. The engine treats
/// every set alike; a set differs from another only in these values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSet {
    /// The set's name, for example "Thông tư 26/2013/TT-BYT".
    pub name: &'static str,
    /// The youngest age, in whole years, at which one may give.
    pub min_age: Cited<u8>,
    /// The oldest age, in whole years, at which one may still give (inclusive); `None` when the
    /// set has no upper limit.
    pub max_age: Option<Cited<u8>>,
    /// The lightest a donor may be, by donation type and sex.
    pub min_weight: PerType<WeightRule>,
    /// The volume table of each donation type. The band with the highest `from_hg` at or below
    /// the donor's weight applies; below every band the type is not allowed.
    pub volume: PerType<Vec<VolumeTier>>,
    /// The days to wait after a donation of each type before the next donation of any type.
    pub interval_after: PerType<Cited<u16>>,
    /// The rule that only the most recent donation's type sets the wait (TT 26 Điều 6.4).
    pub interval_basis: Citation,
    /// How long each declared cause defers donation; a cause not listed does not defer under
    /// this set.
    pub deferrals: Vec<DeferralRule>,
}

/// The instrument behind [`RuleSet::vietnam`].
pub const TT26: &str = "Thông tư 26/2013/TT-BYT";

/// The source behind [`RuleSet::american_red_cross`].
pub const ARC: &str = "American Red Cross eligibility criteria";

fn tt26(article: &'static str) -> Citation {
    Citation {
        source: TT26,
        article,
    }
}

fn arc(article: &'static str) -> Citation {
    Citation {
        source: ARC,
        article,
    }
}

impl RuleSet {
    /// Vietnam, Thông tư 26/2013/TT-BYT, the campaign's default: age 18 to 60 (Điều 4.1);
    /// whole blood from 42 kg for women and 45 kg for men, 250 ml below 45 kg, else at most
    /// 9 ml/kg and 500 ml (Điều 4.2a); apheresis from 50 kg, at most 500 ml, 650 ml from 60 kg
    /// (Điều 4.2b); 12 weeks after whole blood or red cells (Điều 6.1), 2 weeks after plasma or
    /// platelets (Điều 6.2), counted from the most recent donation (Điều 6.4); 12 months after
    /// a transfusion, a birth or the end of a pregnancy (Điều 5.1) and 6 months after a tattoo,
    /// a piercing, an exposure to blood or the infections of Điều 5.2d (Điều 5.2); 12 months
    /// after the infections of Điều 5.1a or a rabies vaccination after a bite (5.1b); 4 weeks
    /// after the illnesses of 5.3a or a live vaccine (5.3b); 7 days after the illnesses of 5.4a
    /// or any other vaccine (5.4b).
    pub fn vietnam() -> RuleSet {
        let whole = WeightRule {
            female_hg: 420,
            male_hg: 450,
            citation: tt26("Điều 4.2a"),
        };
        let apheresis = WeightRule {
            female_hg: 500,
            male_hg: 500,
            citation: tt26("Điều 4.2b"),
        };
        let whole_volume = vec![
            VolumeTier {
                from_hg: 420,
                max_ml: 250,
                ml_per_kg: None,
                citation: tt26("Điều 4.2a"),
            },
            VolumeTier {
                from_hg: 450,
                max_ml: 500,
                ml_per_kg: Some(9),
                citation: tt26("Điều 4.2a"),
            },
        ];
        let apheresis_volume = vec![
            VolumeTier {
                from_hg: 500,
                max_ml: 500,
                ml_per_kg: None,
                citation: tt26("Điều 4.2b"),
            },
            VolumeTier {
                from_hg: 600,
                max_ml: 650,
                ml_per_kg: None,
                citation: tt26("Điều 4.2b"),
            },
        ];
        let twelve_weeks = Cited {
            value: 84,
            citation: tt26("Điều 6.1"),
        };
        let two_weeks = Cited {
            value: 14,
            citation: tt26("Điều 6.2"),
        };
        let defer = |cause, period, article| DeferralRule {
            cause,
            period,
            citation: tt26(article),
        };
        RuleSet {
            name: TT26,
            min_age: Cited {
                value: 18,
                citation: tt26("Điều 4.1"),
            },
            max_age: Some(Cited {
                value: 60,
                citation: tt26("Điều 4.1"),
            }),
            min_weight: PerType {
                whole_blood: whole,
                red_cells: apheresis,
                platelets: apheresis,
                plasma: apheresis,
            },
            volume: PerType {
                whole_blood: whole_volume,
                red_cells: apheresis_volume.clone(),
                platelets: apheresis_volume.clone(),
                plasma: apheresis_volume,
            },
            interval_after: PerType {
                whole_blood: twelve_weeks,
                red_cells: twelve_weeks,
                platelets: two_weeks,
                plasma: two_weeks,
            },
            interval_basis: tt26("Điều 6.4"),
            // Điều 5, as far as a volunteer can declare it: 12 months (5.1), 6 months (5.2),
            // 4 weeks (5.3) and 7 days (5.4) from the event, or from the recovery or the last
            // dose.
            deferrals: vec![
                defer(DeferralCause::Tattoo, Period::Months(6), "Điều 5.2a"),
                defer(DeferralCause::Piercing, Period::Months(6), "Điều 5.2b"),
                defer(DeferralCause::BloodExposure, Period::Months(6), "Điều 5.2c"),
                defer(DeferralCause::Infection, Period::Months(6), "Điều 5.2d"),
                defer(
                    DeferralCause::SeriousInfection,
                    Period::Months(12),
                    "Điều 5.1a",
                ),
                defer(
                    DeferralCause::RabiesVaccination,
                    Period::Months(12),
                    "Điều 5.1b",
                ),
                defer(DeferralCause::Transfusion, Period::Months(12), "Điều 5.1c"),
                defer(DeferralCause::Childbirth, Period::Months(12), "Điều 5.1d"),
                defer(
                    DeferralCause::EndOfPregnancy,
                    Period::Months(12),
                    "Điều 5.1d",
                ),
                defer(DeferralCause::RecentIllness, Period::Days(28), "Điều 5.3a"),
                defer(DeferralCause::LiveVaccine, Period::Days(28), "Điều 5.3b"),
                defer(DeferralCause::MinorIllness, Period::Days(7), "Điều 5.4a"),
                defer(DeferralCause::OtherVaccine, Period::Days(7), "Điều 5.4b"),
            ],
        }
    }

    /// A second set, to show that rule sets are data: the American Red Cross. Whole blood every
    /// 56 days, platelets every 7, plasma every 28, double red cells every 112; at least 17
    /// years old and 110 lb (49.9 kg), no upper age.
    ///
    /// Out of scope, so not modelled: donors of 16 with parental consent (allowed in some
    /// states), the height and higher weight double red cells need, and the yearly cap on
    /// platelet donations. The interval is counted from the most recent donation, as the engine
    /// does for every set. Volumes are assumptions, cited as such: about one pint (500 ml bag)
    /// of whole blood; for apheresis the device sets the volume, capped here at 650 ml.
    /// Deferrals: 3 months after a tattoo or piercing from an unregulated facility or after a
    /// transfusion, 6 weeks after a pregnancy; other causes do not defer under this set.
    pub fn american_red_cross() -> RuleSet {
        let weight = WeightRule {
            female_hg: 499,
            male_hg: 499,
            citation: arc("weight: at least 110 lb"),
        };
        let whole_volume = vec![VolumeTier {
            from_hg: 499,
            max_ml: 500,
            ml_per_kg: None,
            citation: arc("whole blood: about 1 pint (500 ml bag assumed)"),
        }];
        let apheresis_volume = vec![VolumeTier {
            from_hg: 499,
            max_ml: 650,
            ml_per_kg: None,
            citation: arc("apheresis: volume set by the device (650 ml cap assumed)"),
        }];
        let every = |days, article| Cited {
            value: days,
            citation: arc(article),
        };
        let defer = |cause, period, article| DeferralRule {
            cause,
            period,
            citation: arc(article),
        };
        RuleSet {
            name: ARC,
            min_age: Cited {
                value: 17,
                citation: arc("age: at least 17"),
            },
            max_age: None,
            min_weight: PerType {
                whole_blood: weight,
                red_cells: weight,
                platelets: weight,
                plasma: weight,
            },
            volume: PerType {
                whole_blood: whole_volume,
                red_cells: apheresis_volume.clone(),
                platelets: apheresis_volume.clone(),
                plasma: apheresis_volume,
            },
            interval_after: PerType {
                whole_blood: every(56, "whole blood: every 56 days"),
                red_cells: every(112, "Power Red: every 112 days"),
                platelets: every(7, "platelets: every 7 days"),
                plasma: every(28, "plasma: every 28 days"),
            },
            interval_basis: arc("donation frequency"),
            deferrals: vec![
                defer(
                    DeferralCause::Tattoo,
                    Period::Months(3),
                    "tattoos: 3 months if unregulated",
                ),
                defer(
                    DeferralCause::Piercing,
                    Period::Months(3),
                    "piercings: 3 months if reusable equipment",
                ),
                defer(
                    DeferralCause::Transfusion,
                    Period::Months(3),
                    "transfusion: 3 months",
                ),
                defer(
                    DeferralCause::Childbirth,
                    Period::Days(42),
                    "pregnancy: 6 weeks after",
                ),
                defer(
                    DeferralCause::EndOfPregnancy,
                    Period::Days(42),
                    "pregnancy: 6 weeks after",
                ),
            ],
        }
    }

    /// How long `cause` defers donation under this set, if it does.
    pub fn deferral(&self, cause: DeferralCause) -> Option<&DeferralRule> {
        self.deferrals.iter().find(|r| r.cause == cause)
    }
}

impl Default for RuleSet {
    /// [`RuleSet::vietnam`].
    fn default() -> RuleSet {
        RuleSet::vietnam()
    }
}

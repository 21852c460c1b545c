//! Words of the eligibility self-check: the form, its messages, and the answer, including how
//! each reason of the rule engine reads in plain words.
//!
//! Numbers and dates inside a reason are formatted by the caller's [`Lang`]; the sentences
//! around them are here. Pure: it reads domain values and returns strings.

use super::Lang;
use crate::domain::eligibility::{Citation, DeferralCause, Period, ReasonKind};
use crate::domain::{Date, DonationType, Sex};

/// Words of the eligibility self-check page.
#[derive(Debug)]
pub struct EligibilityTexts {
    pub form_heading: &'static str,
    pub sex: &'static str,
    pub female: &'static str,
    pub male: &'static str,
    pub birth_date: &'static str,
    pub weight: &'static str,
    pub weight_hint: &'static str,
    pub donated_before: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub last_date: &'static str,
    pub last_type: &'static str,
    pub recent: &'static str,
    pub recent_hint: &'static str,
    pub day: &'static str,
    pub day_hint: &'static str,
    pub submit: &'static str,
    pub type_name: fn(DonationType) -> &'static str,
    /// The type inside a sentence: "whole blood".
    pub type_in_sentence: fn(DonationType) -> &'static str,
    pub cause_label: fn(DeferralCause) -> &'static str,
    pub cause_date: fn(DeferralCause) -> &'static str,
    /// The event in a sentence: "the tattoo".
    pub cause_noun: fn(DeferralCause) -> &'static str,
    pub choose_sex: &'static str,
    pub enter_birth_date: &'static str,
    pub birth_in_future: &'static str,
    pub enter_weight: &'static str,
    pub weight_not_number: &'static str,
    pub weight_out_of_range: &'static str,
    pub enter_last_date: &'static str,
    pub last_in_future: &'static str,
    pub enter_cause_date: &'static str,
    pub cause_in_future: &'static str,
    pub enter_day: &'static str,
    /// How many fields need correcting before an answer can be given.
    pub fix_fields: fn(usize) -> String,
    /// The answer's heading, for the day checked.
    pub answer_heading: fn(&str) -> String,
    pub answer_note: &'static str,
    /// The link to the pledge form, which then uses the answers given here.
    pub pledge_with_answers: &'static str,
    /// Where the answer will be, before the first check.
    pub answer_placeholder: &'static str,
    pub can_donate: &'static str,
    pub cannot_donate: &'static str,
    pub max_volume: fn(&str) -> String,
    pub next_from: fn(&str) -> String,
    pub next_again: fn(&str) -> String,
    pub waiting_wont_help: &'static str,
    /// Under an apheresis type: the reasons listed under whole blood apply as well.
    pub shared_reasons: &'static str,
    /// Minimum age not reached: the age and the birthday that reaches it.
    pub too_young: fn(&str, &str) -> String,
    pub too_old: fn(&str) -> String,
    /// Below a minimum weight, in kilograms already formatted.
    pub underweight: fn(&str) -> String,
    /// Who a weight threshold is for, when it differs by sex: "women".
    pub sex_note: fn(Sex) -> &'static str,
    /// The wait after a donation: days, the type in a sentence, its date.
    pub too_soon: fn(&str, &str, &str) -> String,
    /// Too close to a pledged donation: days, the type in a sentence, its date, and the first
    /// day allowed after it.
    pub too_close_to_planned: fn(&str, &str, &str, &str) -> String,
    /// A declared deferral: the period, the event in a sentence, its date.
    pub deferred: fn(&str, &str, &str) -> String,
    /// A number of days, formatted, and the count for the plural.
    pub days: fn(&str, u16) -> String,
    /// A number of months, formatted, and the count for the plural.
    pub months: fn(&str, u16) -> String,
    /// A volume asked above the largest allowed: asked, then allowed, in ml.
    pub volume_too_high: fn(&str, &str) -> String,
}

/// Vietnamese.
pub const VI: EligibilityTexts = EligibilityTexts {
    form_heading: "Thông tin của bạn",
    sex: "Giới tính",
    female: "Nữ",
    male: "Nam",
    birth_date: "Ngày sinh",
    weight: "Cân nặng (kg)",
    weight_hint: "Ví dụ: 52 hoặc 52,5",
    donated_before: "Bạn đã từng hiến máu chưa?",
    yes: "Rồi",
    no: "Chưa",
    last_date: "Ngày hiến gần nhất",
    last_type: "Loại hiến lần đó",
    recent: "Trong 12 tháng qua",
    recent_hint: "Đánh dấu những điều đã xảy ra với bạn, kèm ngày xảy ra.",
    day: "Ngày muốn hiến",
    day_hint: "Mặc định là hôm nay.",
    submit: "Kiểm tra",
    type_name: |kind| match kind {
        DonationType::WholeBlood => "Máu toàn phần",
        DonationType::RedCellApheresis => "Gạn tách hồng cầu",
        DonationType::PlateletApheresis => "Gạn tách tiểu cầu",
        DonationType::PlasmaApheresis => "Gạn tách huyết tương",
    },
    type_in_sentence: |kind| match kind {
        DonationType::WholeBlood => "máu toàn phần",
        DonationType::RedCellApheresis => "gạn tách hồng cầu",
        DonationType::PlateletApheresis => "gạn tách tiểu cầu",
        DonationType::PlasmaApheresis => "gạn tách huyết tương",
    },
    cause_label: |cause| match cause {
        DeferralCause::Tattoo => "Xăm hình",
        DeferralCause::Piercing => "Xỏ khuyên (tai, mũi, rốn...)",
        DeferralCause::BloodExposure => "Tiếp xúc với máu hoặc dịch cơ thể của người khác",
        DeferralCause::Transfusion => "Được truyền máu hoặc chế phẩm máu",
        DeferralCause::Childbirth => "Sinh con",
        DeferralCause::EndOfPregnancy => "Sảy thai hoặc chấm dứt thai kỳ",
        DeferralCause::SeriousInfection => {
            "Khỏi bệnh giang mai, lao, uốn ván, viêm não hoặc viêm màng não"
        }
        DeferralCause::Infection => {
            "Khỏi bệnh thương hàn, nhiễm trùng huyết, bị rắn cắn, viêm tắc động mạch hoặc tĩnh mạch, viêm tủy xương hoặc viêm tụy"
        }
        DeferralCause::RabiesVaccination => "Tiêm vắc xin phòng dại sau khi bị động vật cắn",
        DeferralCause::RecentIllness => {
            "Khỏi bệnh viêm dạ dày ruột, viêm đường tiết niệu, viêm da nhiễm trùng, viêm phế quản, viêm phổi, sởi, ho gà, quai bị, sốt xuất huyết, kiết lỵ, rubella hoặc tả"
        }
        DeferralCause::MinorIllness => {
            "Khỏi bệnh cúm, cảm lạnh, dị ứng mũi họng, viêm họng hoặc đau nửa đầu (migraine)"
        }
        DeferralCause::LiveVaccine => {
            "Tiêm vắc xin sởi, quai bị, rubella, thủy đậu, thương hàn, tả hoặc BCG"
        }
        DeferralCause::OtherVaccine => "Tiêm vắc xin khác",
    },
    cause_date: |cause| match cause {
        DeferralCause::Tattoo => "Ngày xăm",
        DeferralCause::Piercing => "Ngày xỏ khuyên",
        DeferralCause::BloodExposure => "Ngày tiếp xúc",
        DeferralCause::Transfusion => "Ngày truyền",
        DeferralCause::Childbirth => "Sinh con vào ngày",
        DeferralCause::EndOfPregnancy => "Ngày chấm dứt thai kỳ",
        DeferralCause::SeriousInfection => "Ngày khỏi bệnh (giang mai, lao...)",
        DeferralCause::Infection => "Ngày khỏi bệnh (thương hàn, nhiễm trùng huyết...)",
        DeferralCause::RabiesVaccination => "Ngày tiêm mũi vắc xin dại cuối",
        DeferralCause::RecentIllness => "Ngày khỏi bệnh (viêm phổi, sốt xuất huyết...)",
        DeferralCause::MinorIllness => "Ngày khỏi bệnh (cúm, cảm lạnh...)",
        DeferralCause::LiveVaccine => "Ngày tiêm vắc xin sởi, quai bị...",
        DeferralCause::OtherVaccine => "Ngày tiêm vắc xin khác",
    },
    cause_noun: |cause| match cause {
        DeferralCause::Tattoo => "xăm hình",
        DeferralCause::Piercing => "xỏ khuyên",
        DeferralCause::BloodExposure => "tiếp xúc với máu hoặc dịch cơ thể",
        DeferralCause::Transfusion => "truyền máu",
        DeferralCause::Childbirth => "sinh con",
        DeferralCause::EndOfPregnancy => "chấm dứt thai kỳ",
        DeferralCause::SeriousInfection
        | DeferralCause::Infection
        | DeferralCause::RecentIllness
        | DeferralCause::MinorIllness => "khỏi bệnh",
        DeferralCause::RabiesVaccination => "tiêm vắc xin phòng dại",
        DeferralCause::LiveVaccine | DeferralCause::OtherVaccine => "tiêm vắc xin",
    },
    choose_sex: "Hãy chọn giới tính.",
    enter_birth_date: "Hãy nhập đủ ngày, tháng, năm sinh.",
    birth_in_future: "Ngày sinh không thể sau hôm nay.",
    enter_weight: "Hãy nhập cân nặng theo kg.",
    weight_not_number: "Hãy nhập cân nặng bằng số, ví dụ 52 hoặc 52,5.",
    weight_out_of_range: "Cân nặng cần trong khoảng từ 20 đến 300 kg.",
    enter_last_date: "Hãy nhập ngày hiến gần nhất.",
    last_in_future: "Ngày hiến không thể sau hôm nay.",
    enter_cause_date: "Hãy nhập ngày xảy ra.",
    cause_in_future: "Ngày này không thể sau hôm nay.",
    enter_day: "Hãy chọn ngày muốn hiến.",
    fix_fields: |n| format!("Hãy sửa {n} ô được đánh dấu để xem kết quả."),
    answer_heading: |day| format!("Kết quả cho ngày {day}"),
    answer_placeholder: "Điền thông tin rồi bấm Kiểm tra: kết quả sẽ hiện ở đây, với từng lý do kèm điều khoản, thể tích tối đa và ngày bạn có thể hiến.",
    answer_note: "Kết quả tự kiểm tra để bạn tham khảo; tại điểm hiến máu, nhân viên y tế sẽ khám và tư vấn cho bạn.",
    pledge_with_answers: "Đăng ký hiến máu với các câu trả lời này",
    can_donate: "Có thể hiến",
    cannot_donate: "Chưa thể hiến vào ngày này",
    max_volume: |ml| format!("Thể tích tối đa: {ml} ml"),
    next_from: |date| format!("Bạn có thể hiến từ ngày {date}."),
    next_again: |date| format!("Bạn có thể hiến lại từ ngày {date}."),
    waiting_wont_help: "Chờ thêm không làm thay đổi kết quả này. Cảm ơn bạn đã muốn chung tay.",
    shared_reasons: "Cùng các lý do nêu ở phần máu toàn phần.",
    too_young: |age, date| format!("Dưới {age} tuổi: bạn đủ {age} tuổi vào ngày {date}"),
    too_old: |age| format!("Trên {age} tuổi"),
    underweight: |kg| format!("Cân nặng dưới {kg} kg"),
    sex_note: |sex| match sex {
        Sex::Female => "nữ",
        Sex::Male => "nam",
    },
    too_soon: |days, kind, date| format!("Chưa đủ {days} kể từ lần hiến {kind} ngày {date}"),
    too_close_to_planned: |days, kind, date, from| {
        format!(
            "Cách lịch hẹn hiến {kind} ngày {date} chưa đủ {days}; sau lịch hẹn đó, bạn có thể hiến từ ngày {from}"
        )
    },
    deferred: |period, what, date| format!("Chưa đủ {period} kể từ khi {what} (ngày {date})"),
    days: |n, _| format!("{n} ngày"),
    months: |n, _| format!("{n} tháng"),
    volume_too_high: |asked, max| format!("{asked} ml vượt mức tối đa {max} ml"),
};

/// English.
pub const EN: EligibilityTexts = EligibilityTexts {
    form_heading: "About you",
    sex: "Sex",
    female: "Female",
    male: "Male",
    birth_date: "Date of birth",
    weight: "Weight (kg)",
    weight_hint: "For example 52 or 52.5",
    donated_before: "Have you given blood before?",
    yes: "Yes",
    no: "No",
    last_date: "Date of your last donation",
    last_type: "What you gave that time",
    recent: "In the last 12 months",
    recent_hint: "Tick what happened to you, with the day it happened.",
    day: "Day you would like to donate",
    day_hint: "Today unless you choose another day.",
    submit: "Check",
    type_name: |kind| match kind {
        DonationType::WholeBlood => "Whole blood",
        DonationType::RedCellApheresis => "Red cells (apheresis)",
        DonationType::PlateletApheresis => "Platelets (apheresis)",
        DonationType::PlasmaApheresis => "Plasma (apheresis)",
    },
    type_in_sentence: |kind| match kind {
        DonationType::WholeBlood => "whole blood",
        DonationType::RedCellApheresis => "red cells by apheresis",
        DonationType::PlateletApheresis => "platelets by apheresis",
        DonationType::PlasmaApheresis => "plasma by apheresis",
    },
    cause_label: |cause| match cause {
        DeferralCause::Tattoo => "A tattoo",
        DeferralCause::Piercing => "A piercing (ear, nose, navel...)",
        DeferralCause::BloodExposure => "Contact with someone else's blood or body fluids",
        DeferralCause::Transfusion => "A transfusion of blood or blood products",
        DeferralCause::Childbirth => "Giving birth",
        DeferralCause::EndOfPregnancy => "A miscarriage or other end of a pregnancy",
        DeferralCause::SeriousInfection => {
            "Recovered from syphilis, tuberculosis, tetanus, encephalitis or meningitis"
        }
        DeferralCause::Infection => {
            "Recovered from typhoid, septicaemia, a snake bite, arteritis or phlebitis, osteomyelitis or pancreatitis"
        }
        DeferralCause::RabiesVaccination => "A rabies vaccination after an animal bite",
        DeferralCause::RecentIllness => {
            "Recovered from gastroenteritis, a urinary tract infection, an infected skin inflammation, bronchitis, pneumonia, measles, whooping cough, mumps, dengue fever, dysentery, rubella or cholera"
        }
        DeferralCause::MinorIllness => {
            "Recovered from flu, a cold, a nose or throat allergy, a sore throat or a migraine"
        }
        DeferralCause::LiveVaccine => {
            "A measles, mumps, rubella, chickenpox, typhoid, cholera or BCG vaccine"
        }
        DeferralCause::OtherVaccine => "Another vaccine",
    },
    cause_date: |cause| match cause {
        DeferralCause::Tattoo => "Date of the tattoo",
        DeferralCause::Piercing => "Date of the piercing",
        DeferralCause::BloodExposure => "Date of the contact",
        DeferralCause::Transfusion => "Date of the transfusion",
        DeferralCause::Childbirth => "Date of the birth",
        DeferralCause::EndOfPregnancy => "Date the pregnancy ended",
        DeferralCause::SeriousInfection => "Date you recovered (syphilis, tuberculosis...)",
        DeferralCause::Infection => "Date you recovered (typhoid, septicaemia...)",
        DeferralCause::RabiesVaccination => "Date of the last rabies dose",
        DeferralCause::RecentIllness => "Date you recovered (pneumonia, dengue fever...)",
        DeferralCause::MinorIllness => "Date you recovered (flu, a cold...)",
        DeferralCause::LiveVaccine => "Date of the measles, mumps... vaccine",
        DeferralCause::OtherVaccine => "Date of the other vaccine",
    },
    cause_noun: |cause| match cause {
        DeferralCause::Tattoo => "the tattoo",
        DeferralCause::Piercing => "the piercing",
        DeferralCause::BloodExposure => "the contact with blood or body fluids",
        DeferralCause::Transfusion => "the transfusion",
        DeferralCause::Childbirth => "the birth",
        DeferralCause::EndOfPregnancy => "the end of the pregnancy",
        DeferralCause::SeriousInfection
        | DeferralCause::Infection
        | DeferralCause::RecentIllness
        | DeferralCause::MinorIllness => "you recovered",
        DeferralCause::RabiesVaccination => "the rabies vaccination",
        DeferralCause::LiveVaccine | DeferralCause::OtherVaccine => "the vaccination",
    },
    choose_sex: "Choose your sex.",
    enter_birth_date: "Enter your full date of birth: day, month and year.",
    birth_in_future: "A date of birth cannot be after today.",
    enter_weight: "Enter your weight in kilograms.",
    weight_not_number: "Enter your weight as a number, for example 52 or 52.5.",
    weight_out_of_range: "Enter a weight between 20 and 300 kg.",
    enter_last_date: "Enter the date of your last donation.",
    last_in_future: "A past donation cannot be after today.",
    enter_cause_date: "Enter the day it happened.",
    cause_in_future: "This day cannot be after today.",
    enter_day: "Choose the day you would like to donate.",
    fix_fields: |n| {
        if n == 1 {
            "Correct the marked field to see your answer.".to_owned()
        } else {
            format!("Correct the {n} marked fields to see your answer.")
        }
    },
    answer_heading: |day| format!("Your answer for {day}"),
    answer_placeholder: "Fill in the form and press Check: your answer appears here, with every reason and its article, the largest volume and the day you can donate.",
    answer_note: "This self-check is for your information; at the drive, the medical staff examine you and advise you.",
    pledge_with_answers: "Pledge to donate with these answers",
    can_donate: "You can donate",
    cannot_donate: "Not on this day",
    max_volume: |ml| format!("Largest volume: {ml} ml"),
    next_from: |date| format!("You can donate from {date}."),
    next_again: |date| format!("You can donate again from {date}."),
    waiting_wont_help: "Waiting will not change this answer. Thank you for wanting to help.",
    shared_reasons: "The reasons given for whole blood apply too.",
    too_young: |age, date| format!("Under {age}: you turn {age} on {date}"),
    too_old: |age| format!("Over {age}"),
    underweight: |kg| format!("Under {kg} kg"),
    sex_note: |sex| match sex {
        Sex::Female => "women",
        Sex::Male => "men",
    },
    too_soon: |days, kind, date| format!("Less than {days} since you gave {kind} on {date}"),
    too_close_to_planned: |days, kind, date, from| {
        format!(
            "Less than {days} from the {kind} you pledged for {date}; after it, you can give from {from}"
        )
    },
    deferred: |period, what, date| format!("Less than {period} since {what} ({date})"),
    days: |n, count| {
        if count == 1 {
            format!("{n} day")
        } else {
            format!("{n} days")
        }
    },
    months: |n, count| {
        if count == 1 {
            format!("{n} month")
        } else {
            format!("{n} months")
        }
    },
    volume_too_high: |asked, max| format!("{asked} ml is more than the largest allowed, {max} ml"),
};

/// A date as the language writes it: `dd/mm/yyyy`.
pub fn date_text(lang: Lang, date: Date) -> String {
    lang.date(date.year(), u32::from(date.month()), u32::from(date.day()))
}

/// A weight in hectograms as kilograms in the language: `42`, `49,9` (vi) or `49.9` (en).
pub fn kg_text(lang: Lang, hg: u16) -> String {
    let whole = lang.number(i64::from(hg / 10));
    match (hg % 10, lang) {
        (0, _) => whole,
        (tenth, Lang::Vi) => format!("{whole},{tenth}"),
        (tenth, Lang::En) => format!("{whole}.{tenth}"),
    }
}

/// Where a rule comes from, as written under a reason: "Thông tư 26/2013/TT-BYT, Điều 4.2a".
/// The law is cited in its own words in every language.
pub fn citation_text(citation: &Citation) -> String {
    format!("{}, {}", citation.source, citation.article)
}

/// A reason in plain words, numbers and dates in the language's way. `sex` names who a weight
/// threshold is for; pass it only when the threshold differs by sex.
pub fn reason_text(lang: Lang, kind: &ReasonKind, sex: Option<Sex>) -> String {
    let t = lang.texts().eligibility();
    let number = |n: u16| lang.number(i64::from(n));
    match *kind {
        ReasonKind::TooYoung { min_age, from } => {
            (t.too_young)(&number(u16::from(min_age)), &date_text(lang, from))
        }
        ReasonKind::TooOld { max_age } => (t.too_old)(&number(u16::from(max_age))),
        ReasonKind::Underweight { min_hg } => {
            let words = (t.underweight)(&kg_text(lang, min_hg));
            match sex {
                Some(sex) => format!("{words} ({})", (t.sex_note)(sex)),
                None => words,
            }
        }
        ReasonKind::TooSoon {
            last_kind,
            last_date,
            min_days,
            ..
        } => (t.too_soon)(
            &(t.days)(&number(min_days), min_days),
            (t.type_in_sentence)(last_kind),
            &date_text(lang, last_date),
        ),
        ReasonKind::TooCloseToPlanned {
            planned_kind,
            planned_date,
            min_days,
            from,
        } => (t.too_close_to_planned)(
            &(t.days)(&number(min_days), min_days),
            (t.type_in_sentence)(planned_kind),
            &date_text(lang, planned_date),
            &date_text(lang, from),
        ),
        ReasonKind::Deferred {
            cause,
            since,
            period,
            ..
        } => {
            let period = match period {
                Period::Days(n) => (t.days)(&number(n), n),
                Period::Months(n) => (t.months)(&number(n), n),
            };
            (t.deferred)(&period, (t.cause_noun)(cause), &date_text(lang, since))
        }
        ReasonKind::VolumeTooHigh { max_ml, asked_ml } => {
            (t.volume_too_high)(&number(asked_ml), &number(max_ml))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::eligibility::RuleSet;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn underweight_reads_with_the_locale_decimal_and_who_it_is_for() {
        let kind = ReasonKind::Underweight { min_hg: 420 };
        assert_eq!(
            reason_text(Lang::Vi, &kind, Some(Sex::Female)),
            "Cân nặng dưới 42 kg (nữ)"
        );
        assert_eq!(
            reason_text(Lang::En, &kind, Some(Sex::Female)),
            "Under 42 kg (women)"
        );
        let arc = ReasonKind::Underweight { min_hg: 499 };
        assert_eq!(reason_text(Lang::Vi, &arc, None), "Cân nặng dưới 49,9 kg");
        assert_eq!(reason_text(Lang::En, &arc, None), "Under 49.9 kg");
    }

    #[test]
    fn the_wait_after_a_donation_names_its_type_and_date() {
        let kind = ReasonKind::TooSoon {
            last_kind: DonationType::WholeBlood,
            last_date: day("2024-04-10"),
            min_days: 84,
            from: day("2024-07-03"),
        };
        assert_eq!(
            reason_text(Lang::Vi, &kind, None),
            "Chưa đủ 84 ngày kể từ lần hiến máu toàn phần ngày 10/04/2024"
        );
        assert_eq!(
            reason_text(Lang::En, &kind, None),
            "Less than 84 days since you gave whole blood on 10/04/2024"
        );
    }

    #[test]
    fn age_reasons_give_the_birthday_and_the_limit() {
        let young = ReasonKind::TooYoung {
            min_age: 18,
            from: day("2024-11-22"),
        };
        assert_eq!(
            reason_text(Lang::Vi, &young, None),
            "Dưới 18 tuổi: bạn đủ 18 tuổi vào ngày 22/11/2024"
        );
        assert_eq!(
            reason_text(Lang::En, &young, None),
            "Under 18: you turn 18 on 22/11/2024"
        );
        let old = ReasonKind::TooOld { max_age: 60 };
        assert_eq!(reason_text(Lang::En, &old, None), "Over 60");
    }

    #[test]
    fn deferrals_count_months_or_days_in_the_language() {
        let tattoo = ReasonKind::Deferred {
            cause: DeferralCause::Tattoo,
            since: day("2024-03-01"),
            period: Period::Months(6),
            from: day("2024-09-01"),
        };
        assert_eq!(
            reason_text(Lang::Vi, &tattoo, None),
            "Chưa đủ 6 tháng kể từ khi xăm hình (ngày 01/03/2024)"
        );
        assert_eq!(
            reason_text(Lang::En, &tattoo, None),
            "Less than 6 months since the tattoo (01/03/2024)"
        );
        let birth = ReasonKind::Deferred {
            cause: DeferralCause::Childbirth,
            since: day("2024-04-01"),
            period: Period::Days(1),
            from: day("2024-04-02"),
        };
        assert_eq!(
            reason_text(Lang::En, &birth, None),
            "Less than 1 day since the birth (01/04/2024)"
        );
        let volume = ReasonKind::VolumeTooHigh {
            max_ml: 350,
            asked_ml: 1450,
        };
        assert_eq!(
            reason_text(Lang::Vi, &volume, None),
            "1.450 ml vượt mức tối đa 350 ml"
        );
    }

    #[test]
    fn citations_name_the_circular_and_article_in_every_language() {
        let rules = RuleSet::vietnam();
        assert_eq!(
            citation_text(&rules.min_weight.whole_blood.citation),
            "Thông tư 26/2013/TT-BYT, Điều 4.2a"
        );
    }

    #[test]
    fn a_pledge_too_close_to_another_names_it_and_the_day_it_allows() {
        let kind = ReasonKind::TooCloseToPlanned {
            planned_kind: DonationType::WholeBlood,
            planned_date: day("2024-05-13"),
            min_days: 84,
            from: day("2024-08-05"),
        };
        assert_eq!(
            reason_text(Lang::Vi, &kind, None),
            "Cách lịch hẹn hiến máu toàn phần ngày 13/05/2024 chưa đủ 84 ngày; sau lịch hẹn đó, bạn có thể hiến từ ngày 05/08/2024"
        );
        assert_eq!(
            reason_text(Lang::En, &kind, None),
            "Less than 84 days from the whole blood you pledged for 13/05/2024; after it, you can give from 05/08/2024"
        );
    }

    #[test]
    fn weights_use_the_locale_separators() {
        assert_eq!(kg_text(Lang::Vi, 419), "41,9");
        assert_eq!(kg_text(Lang::En, 419), "41.9");
        assert_eq!(kg_text(Lang::En, 3000), "300");
        assert_eq!(kg_text(Lang::Vi, 12345), "1.234,5");
    }

    #[test]
    fn every_choice_has_distinct_words_in_both_languages() {
        for t in [&VI, &EN] {
            let causes: Vec<_> = DeferralCause::ALL
                .iter()
                .flat_map(|&c| [(t.cause_label)(c), (t.cause_date)(c)])
                .collect();
            let types: Vec<_> = DonationType::ALL
                .iter()
                .map(|&k| (t.type_name)(k))
                .collect();
            for list in [causes, types] {
                for (i, a) in list.iter().enumerate() {
                    assert!(!a.trim().is_empty());
                    assert!(!list[i + 1..].contains(a), "{a} appears twice");
                }
            }
        }
        for cause in DeferralCause::ALL {
            assert_ne!((VI.cause_label)(cause), (EN.cause_label)(cause));
        }
        assert_ne!(VI.submit, EN.submit);
        assert_eq!(
            (EN.fix_fields)(1),
            "Correct the marked field to see your answer."
        );
    }
}

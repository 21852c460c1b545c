//! The words exported files use for domain values, in Vietnamese and English. Files leave the
//! app, so they carry words rather than enum names; the interface's own catalogue lives in `ui`,
//! which this module must not import.

use crate::domain::{Category, Date, DonationType, PledgeStatus};

/// The language of an exported file's headers and values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// Vietnamese, the default.
    #[default]
    Vi,
    /// English.
    En,
}

impl Language {
    /// Picks the Vietnamese or the English word.
    pub(crate) fn pick(self, vi: &'static str, en: &'static str) -> &'static str {
        match self {
            Language::Vi => vi,
            Language::En => en,
        }
    }
}

/// The word for a donor category.
pub(crate) fn category(lang: Language, c: Category) -> &'static str {
    match c {
        Category::Staff => lang.pick("Cán bộ, nhân viên", "Staff"),
        Category::Student => lang.pick("Sinh viên", "Student"),
        Category::Intern => lang.pick("Học sinh thực tập", "Intern"),
        Category::PatientRelative => lang.pick("Người nhà bệnh nhân", "Patient's relative"),
        Category::Public => lang.pick("Người dân", "Member of the public"),
    }
}

/// The word for a donation type.
pub(crate) fn donation(lang: Language, d: DonationType) -> &'static str {
    match d {
        DonationType::WholeBlood => lang.pick("Máu toàn phần", "Whole blood"),
        DonationType::RedCellApheresis => lang.pick("Gạn tách hồng cầu", "Red cells (apheresis)"),
        DonationType::PlateletApheresis => lang.pick("Gạn tách tiểu cầu", "Platelets (apheresis)"),
        DonationType::PlasmaApheresis => lang.pick("Gạn tách huyết tương", "Plasma (apheresis)"),
    }
}

/// A date as people in Vietnam write it, `dd/mm/yyyy`, in both languages.
pub(crate) fn date(d: Date) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// Where a pledge stands, in words (a deferral says until when).
pub(crate) fn status(lang: Language, s: &PledgeStatus) -> String {
    match s {
        PledgeStatus::Pledged => lang.pick("Đã đăng ký", "Pledged").to_owned(),
        PledgeStatus::CheckedIn { .. } => lang.pick("Đã đến", "Checked in").to_owned(),
        PledgeStatus::Donated { .. } => lang.pick("Đã hiến", "Donated").to_owned(),
        PledgeStatus::Deferred { deferral, .. } => format!(
            "{} {}",
            lang.pick("Tạm hoãn đến", "Deferred until"),
            date(deferral.until)
        ),
        PledgeStatus::NoShow { .. } => lang.pick("Vắng mặt", "No-show").to_owned(),
        PledgeStatus::Cancelled { .. } => lang.pick("Đã hủy", "Cancelled").to_owned(),
    }
}

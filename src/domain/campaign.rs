//! A campaign: one year of voluntary blood donation with a baseline and a growth target.

use serde::{Deserialize, Serialize};

use super::limits::Limit;
use super::{CampaignId, DomainError, Timestamp, Units, quantity::DEFAULT_ML_PER_UNIT};

/// A yearly campaign (chiến dịch), for example 2024: +10 % over 2023's 1,635 units.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Campaign {
    /// The campaign's id.
    pub id: CampaignId,
    /// The calendar year it covers; its drives fall inside this year.
    pub year: i32,
    /// Its name, for example "Hiến máu tình nguyện ngành Y tế Hà Nội 2024".
    pub name: String,
    /// Units collected the year before, the base of the target.
    pub baseline: Units,
    /// Growth over the baseline, in basis points (1,000 = +10 %); may be negative.
    pub growth_bp: i32,
    /// Slogans shown to volunteers.
    pub slogans: Vec<String>,
    /// The partner institute, for example "Viện Huyết học - Truyền máu Trung ương".
    pub partner: String,
    /// Millilitres in one unit of blood (250 by default).
    pub ml_per_unit: u16,
    /// Free notes (sources, assumptions).
    pub notes: String,
    /// The record's version: the ledger's hybrid clock when it last changed (see
    /// [`crate::domain::Ledger`]); 0 for a record stored or linked before versions existed.
    #[serde(default)]
    pub version: Timestamp,
}

/// What a campaign is made from, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignDraft {
    /// See [`Campaign::year`].
    pub year: i32,
    /// See [`Campaign::name`].
    pub name: String,
    /// See [`Campaign::baseline`].
    pub baseline: Units,
    /// See [`Campaign::growth_bp`].
    pub growth_bp: i32,
    /// See [`Campaign::slogans`].
    pub slogans: Vec<String>,
    /// See [`Campaign::partner`].
    pub partner: String,
    /// See [`Campaign::ml_per_unit`]; `None` means 250.
    pub ml_per_unit: Option<u16>,
    /// See [`Campaign::notes`].
    pub notes: String,
}

impl Campaign {
    /// Checks a draft: year 2000 to 2100, a name, a baseline of zero to
    /// [`Limit::BloodUnits`], growth between -100 % and +1000 %, 100 to 1000 ml per unit, and
    /// texts within their [`Limit`]s.
    pub fn new(id: CampaignId, draft: CampaignDraft) -> Result<Campaign, DomainError> {
        if !(2000..=2100).contains(&draft.year) {
            return Err(DomainError::YearOutOfRange(draft.year));
        }
        let name = draft.name.trim().to_owned();
        if name.is_empty() {
            return Err(DomainError::EmptyName);
        }
        Limit::TextChars.check_text(&name)?;
        if draft.baseline < Units::ZERO {
            return Err(DomainError::NegativeQuantity);
        }
        check_blood_units(draft.baseline)?;
        Limit::TextChars.check_text(&draft.partner)?;
        Limit::NotesChars.check_text(&draft.notes)?;
        Limit::Slogans.check(draft.slogans.len())?;
        for s in &draft.slogans {
            Limit::TextChars.check_text(s)?;
        }
        if !(-10_000..=100_000).contains(&draft.growth_bp) {
            return Err(DomainError::GrowthOutOfRange(draft.growth_bp));
        }
        let ml_per_unit = draft.ml_per_unit.unwrap_or(DEFAULT_ML_PER_UNIT);
        if !(100..=1000).contains(&ml_per_unit) {
            return Err(DomainError::MlPerUnitOutOfRange(ml_per_unit));
        }
        Ok(Campaign {
            id,
            year: draft.year,
            name,
            baseline: draft.baseline,
            growth_bp: draft.growth_bp,
            slogans: draft
                .slogans
                .into_iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            partner: draft.partner.trim().to_owned(),
            ml_per_unit,
            notes: draft.notes,
            version: Timestamp(0),
        })
    }

    /// The year's target in whole units: baseline x (1 + growth), rounded up
    /// (1,635 x 1.10 = 1,798.5 -> 1,799).
    pub fn target(&self) -> i64 {
        let scaled = i128::from(self.baseline.milli()) * i128::from(10_000 + self.growth_bp);
        // Thousandths times 10,000: whole units are 10,000,000 of them; round up.
        let per_unit: i128 = 10_000_000;
        let whole = scaled.div_euclid(per_unit) + i128::from(scaled.rem_euclid(per_unit) != 0);
        whole as i64
    }
}

/// Refuses a quantity of blood above [`Limit::BloodUnits`] (a baseline or a quota).
pub(crate) fn check_blood_units(units: Units) -> Result<(), DomainError> {
    if units.milli() > Limit::BloodUnits.max() * 1000 {
        return Err(DomainError::OverLimit(Limit::BloodUnits));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn draft(year: i32, baseline: i64, growth_bp: i32) -> CampaignDraft {
        CampaignDraft {
            year,
            name: format!("Chiến dịch {year}"),
            baseline: Units::whole(baseline),
            growth_bp,
            slogans: vec!["Hiến giọt máu đào - Trao đời sự sống".into()],
            partner: "Viện Huyết học - Truyền máu Trung ương".into(),
            ml_per_unit: None,
            notes: String::new(),
        }
    }

    fn id() -> CampaignId {
        CampaignId::new("c2024").unwrap()
    }

    #[test]
    fn the_2024_target_is_1635_plus_10_percent_rounded_up_to_1799() {
        let c = Campaign::new(id(), draft(2024, 1635, 1000)).unwrap();
        assert_eq!(c.target(), 1799);
        assert_eq!(c.ml_per_unit, 250);
    }

    #[test]
    fn targets_round_up_and_exact_targets_stay() {
        assert_eq!(
            Campaign::new(id(), draft(2024, 1000, 1000))
                .unwrap()
                .target(),
            1100
        );
        assert_eq!(
            Campaign::new(id(), draft(2024, 1001, 1000))
                .unwrap()
                .target(),
            1102
        );
        assert_eq!(Campaign::new(id(), draft(2024, 3, 1)).unwrap().target(), 4);
        assert_eq!(
            Campaign::new(id(), draft(2024, 0, 1000)).unwrap().target(),
            0
        );
    }

    #[test]
    fn campaigns_refuse_bad_years_names_and_unit_sizes() {
        assert_eq!(
            Campaign::new(id(), draft(1999, 1, 0)),
            Err(DomainError::YearOutOfRange(1999))
        );
        let mut d = draft(2024, 1, 0);
        d.name = "  ".into();
        assert_eq!(Campaign::new(id(), d), Err(DomainError::EmptyName));
        let mut d = draft(2024, 1, 0);
        d.ml_per_unit = Some(50);
        assert_eq!(
            Campaign::new(id(), d),
            Err(DomainError::MlPerUnitOutOfRange(50))
        );
        let mut d = draft(2024, 1, 0);
        d.baseline = Units::from_milli(-1);
        assert_eq!(Campaign::new(id(), d), Err(DomainError::NegativeQuantity));
    }
}

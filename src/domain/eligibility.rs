//! Eligibility to give blood: rule sets as data, each rule with its citation.
//!
//! Interim version: age and weight only. The full engine (TT 26/2013 and a second rule set)
//! replaces it; the public signatures below are what the rest of the domain calls.

use super::{Date, DonationType, Donor, Sex, Weight};

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Citation {
    /// The instrument, for example "Thông tư 26/2013/TT-BYT".
    pub source: &'static str,
    /// The article, for example "Điều 4.1".
    pub article: &'static str,
}

/// What stands in the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReasonKind {
    /// Younger than the minimum age.
    TooYoung {
        /// The minimum age.
        min_age: u8,
    },
    /// Older than the maximum age.
    TooOld {
        /// The maximum age.
        max_age: u8,
    },
    /// Lighter than the minimum weight.
    Underweight {
        /// The minimum weight.
        min: Weight,
    },
}

/// One reason a donor cannot give, with its citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// What stands in the way.
    pub kind: ReasonKind,
    /// The rule's source.
    pub citation: Citation,
}

/// A set of eligibility rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSet {
    /// The rule set's name.
    pub name: &'static str,
}

impl RuleSet {
    /// Vietnam, Thông tư 26/2013/TT-BYT: the default.
    pub fn vietnam() -> RuleSet {
        RuleSet {
            name: "Thông tư 26/2013/TT-BYT",
        }
    }
}

const TT26: &str = "Thông tư 26/2013/TT-BYT";

/// Whether `donor` may give `volume_ml` of `kind` on `day`; every reason when not.
pub fn check_pledge(
    _rules: &RuleSet,
    donor: &Donor,
    day: Date,
    _kind: DonationType,
    _volume_ml: u16,
) -> Result<(), Vec<Reason>> {
    let mut reasons = Vec::new();
    let age = donor.birth_date.age_on(day);
    let cite = |article| Citation {
        source: TT26,
        article,
    };
    if age < 18 {
        reasons.push(Reason {
            kind: ReasonKind::TooYoung { min_age: 18 },
            citation: cite("Điều 4.1"),
        });
    }
    if age > 60 {
        reasons.push(Reason {
            kind: ReasonKind::TooOld { max_age: 60 },
            citation: cite("Điều 4.1"),
        });
    }
    let min_hg = match donor.sex {
        Sex::Female => 420,
        Sex::Male => 450,
    };
    if donor.weight.hg() < min_hg {
        reasons.push(Reason {
            kind: ReasonKind::Underweight {
                min: Weight::from_hg(min_hg).unwrap_or(donor.weight),
            },
            citation: cite("Điều 4.2a"),
        });
    }
    if reasons.is_empty() {
        Ok(())
    } else {
        Err(reasons)
    }
}

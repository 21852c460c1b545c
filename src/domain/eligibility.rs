//! Eligibility to give blood: for a person and a day, whether they may give each donation type,
//! every reason they may not (each with its citation), the largest volume allowed and the first
//! day they may give again.
//!
//! The thresholds live in [`RuleSet`] values ([`RuleSet::vietnam`], the default, and
//! [`RuleSet::american_red_cross`]); the engine here reads them and never asks which set it
//! holds. It is pure: no clock (the day is an argument), no I/O, no leptos, web_sys, gloo or
//! plotters.

mod rules;
#[cfg(test)]
mod tests;

pub use rules::{
    ARC, Citation, Cited, DeferralCause, DeferralRule, PerType, Period, RuleSet, TT26, VolumeTier,
    WeightRule,
};

use super::{Date, Donation, DonationType, Donor, Sex, Weight};

/// Something a volunteer declares about themselves, with the day it happened: a tattoo, a
/// birth. The rule set says how long it defers donation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Declaration {
    /// What happened.
    pub cause: DeferralCause,
    /// The day it happened. A day after the day assessed still defers until its period ends,
    /// so forms should refuse dates in the future.
    pub date: Date,
}

/// What the engine needs to know about a person: enough for a volunteer's self-check without a
/// donor record, and what [`Facts::of_donor`] takes from one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts<'a> {
    /// Sex (the weight thresholds differ).
    pub sex: Sex,
    /// Birth date.
    pub birth_date: Date,
    /// Body weight.
    pub weight: Weight,
    /// Donations given, in any order.
    pub history: &'a [Donation],
    /// Self-declared events that defer donation.
    pub declarations: &'a [Declaration],
}

impl<'a> Facts<'a> {
    /// The facts of a donor record, with no declarations.
    pub fn of_donor(donor: &'a Donor) -> Facts<'a> {
        Facts {
            sex: donor.sex,
            birth_date: donor.birth_date,
            weight: donor.weight,
            history: &donor.history,
            declarations: &[],
        }
    }

    /// The same facts with these declarations.
    pub fn declaring(self, declarations: &'a [Declaration]) -> Facts<'a> {
        Facts {
            declarations,
            ..self
        }
    }
}

/// What stands in the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReasonKind {
    /// Younger than the minimum age; waiting helps.
    TooYoung {
        /// The minimum age.
        min_age: u8,
        /// The birthday on which they reach it.
        from: Date,
    },
    /// Older than the maximum age; waiting does not help.
    TooOld {
        /// The maximum age (inclusive).
        max_age: u8,
    },
    /// Lighter than this donation type needs; waiting does not help.
    Underweight {
        /// The minimum, in hectograms (420 = 42.0 kg).
        min_hg: u16,
    },
    /// Too soon after the most recent donation; waiting helps.
    TooSoon {
        /// The most recent donation's type, which sets the wait.
        last_kind: DonationType,
        /// The most recent donation's day.
        last_date: Date,
        /// The days to wait after it.
        min_days: u16,
        /// The first day allowed again.
        from: Date,
    },
    /// A declared event defers donation; waiting helps.
    Deferred {
        /// What happened.
        cause: DeferralCause,
        /// When it happened.
        since: Date,
        /// How long it defers.
        period: Period,
        /// The first day allowed again.
        from: Date,
    },
    /// Too close to another donation the donor has pledged (an active pledge counts as a
    /// planned donation): before it, the wait after this type; after it, the wait after its
    /// type. Waiting until after the planned donation's own wait helps.
    TooCloseToPlanned {
        /// The planned donation's type.
        planned_kind: DonationType,
        /// The planned donation's day.
        planned_date: Date,
        /// The days that must separate the two.
        min_days: u16,
        /// The first day after the planned donation on which this one is allowed.
        from: Date,
    },
    /// A pledged volume above the largest this donor may give of this type.
    VolumeTooHigh {
        /// The largest volume allowed, in millilitres.
        max_ml: u16,
        /// The volume asked for.
        asked_ml: u16,
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

impl Reason {
    /// The first day this reason no longer applies, when waiting is enough; `None` when waiting
    /// does not help (too old, underweight, volume too high).
    pub fn clears_on(&self) -> Option<Date> {
        match self.kind {
            ReasonKind::TooYoung { from, .. }
            | ReasonKind::TooSoon { from, .. }
            | ReasonKind::TooCloseToPlanned { from, .. }
            | ReasonKind::Deferred { from, .. } => Some(from),
            ReasonKind::TooOld { .. }
            | ReasonKind::Underweight { .. }
            | ReasonKind::VolumeTooHigh { .. } => None,
        }
    }
}

/// The largest volume allowed, with the rule that sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VolumeLimit {
    /// Millilitres.
    pub max_ml: u16,
    /// Where it comes from.
    pub citation: Citation,
}

/// The answer for one donation type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeAssessment {
    /// The donation type.
    pub kind: DonationType,
    /// Every reason it is not allowed on the day; empty when it is.
    pub reasons: Vec<Reason>,
    /// The largest volume allowed on the day; `None` when the type is not allowed.
    pub max_volume: Option<VolumeLimit>,
    /// The first day, from the day assessed on, on which the type is allowed: the day itself
    /// when it is allowed, `None` when waiting will never be enough (too old, underweight, or
    /// the wait ends after the maximum age).
    pub next_eligible: Option<Date>,
}

impl TypeAssessment {
    /// Whether the type is allowed on the day.
    pub fn is_eligible(&self) -> bool {
        self.reasons.is_empty()
    }

    /// The largest volume allowed on the day, in millilitres.
    pub fn max_volume_ml(&self) -> Option<u16> {
        self.max_volume.map(|v| v.max_ml)
    }
}

/// The engine's answer for one person and one day, per donation type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// The day assessed.
    pub day: Date,
    /// One answer per donation type, in the order of [`DonationType::ALL`].
    pub types: [TypeAssessment; 4],
}

impl Assessment {
    /// The answer for `kind`.
    pub fn get(&self, kind: DonationType) -> &TypeAssessment {
        &self.types[type_index(kind)]
    }

    /// Whether `kind` is allowed on the day.
    pub fn is_eligible(&self, kind: DonationType) -> bool {
        self.get(kind).is_eligible()
    }

    /// Every distinct reason across all types, in the order first met.
    pub fn reasons(&self) -> Vec<&Reason> {
        let mut all: Vec<&Reason> = Vec::new();
        for r in self.types.iter().flat_map(|t| &t.reasons) {
            if !all.contains(&r) {
                all.push(r);
            }
        }
        all
    }
}

fn type_index(kind: DonationType) -> usize {
    match kind {
        DonationType::WholeBlood => 0,
        DonationType::RedCellApheresis => 1,
        DonationType::PlateletApheresis => 2,
        DonationType::PlasmaApheresis => 3,
    }
}

/// The first day on which a person born on `birth` is `age` years old, counted as
/// [`Date::age_on`] counts (a 29 February birthday falls on 1 March in common years).
pub fn birthday(birth: Date, age: u8) -> Date {
    let day = birth.add_months(12 * i32::from(age));
    if birth.age_on(day) < i32::from(age) {
        day.add_days(1)
    } else {
        day
    }
}

/// The largest volume of `kind` a donor of `weight` may give under `rules`, by weight alone
/// (other reasons aside); `None` below every band of the volume table.
pub fn volume_limit(rules: &RuleSet, kind: DonationType, weight: Weight) -> Option<VolumeLimit> {
    let hg = weight.hg();
    rules
        .volume
        .get(kind)
        .iter()
        .filter(|t| t.from_hg <= hg)
        .max_by_key(|t| t.from_hg)
        .map(|t| VolumeLimit {
            max_ml: t.cap_ml(hg),
            citation: t.citation,
        })
}

/// Assesses `facts` on `day` under `rules`: for each donation type, every reason, the largest
/// volume and the next eligible day.
///
/// The wait after donations follows the most recent one only ([`RuleSet::interval_basis`]);
/// when several share the latest day, the longest of their waits counts. Donations and
/// declarations dated after `day` count as well, so the answer never allows a day that the
/// recorded history forbids.
pub fn assess(rules: &RuleSet, facts: &Facts<'_>, day: Date) -> Assessment {
    let common = common_reasons(rules, facts, day);
    let last_allowed = rules
        .max_age
        .map(|max| birthday(facts.birth_date, max.value.saturating_add(1)).add_days(-1));
    let types = DonationType::ALL.map(|kind| {
        let mut reasons = Vec::new();
        let volume = volume_limit(rules, kind, facts.weight);
        let weight_rule = rules.min_weight.get(kind);
        let min_hg = weight_rule.min_hg(facts.sex);
        if facts.weight.hg() < min_hg {
            reasons.push(Reason {
                kind: ReasonKind::Underweight { min_hg },
                citation: weight_rule.citation,
            });
        } else if volume.is_none() {
            // Heavy enough by the weight rule but below every band of the volume table.
            if let Some(lowest) = rules.volume.get(kind).iter().min_by_key(|t| t.from_hg) {
                reasons.push(Reason {
                    kind: ReasonKind::Underweight {
                        min_hg: lowest.from_hg,
                    },
                    citation: lowest.citation,
                });
            }
        }
        reasons.extend(common.iter().cloned());
        let next_eligible = next_eligible(&reasons, day, last_allowed);
        TypeAssessment {
            kind,
            max_volume: volume.filter(|_| reasons.is_empty()),
            reasons,
            next_eligible,
        }
    });
    Assessment { day, types }
}

/// The reasons that do not depend on the donation type: age, the wait after the most recent
/// donation, declared deferrals.
fn common_reasons(rules: &RuleSet, facts: &Facts<'_>, day: Date) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let age = facts.birth_date.age_on(day);
    if age < i32::from(rules.min_age.value) {
        reasons.push(Reason {
            kind: ReasonKind::TooYoung {
                min_age: rules.min_age.value,
                from: birthday(facts.birth_date, rules.min_age.value),
            },
            citation: rules.min_age.citation,
        });
    }
    if let Some(max) = rules.max_age
        && age > i32::from(max.value)
    {
        reasons.push(Reason {
            kind: ReasonKind::TooOld { max_age: max.value },
            citation: max.citation,
        });
    }
    let latest = facts.history.iter().map(|d| d.date).max();
    let wait = facts
        .history
        .iter()
        .filter(|d| Some(d.date) == latest)
        .map(|d| {
            let interval = rules.interval_after.get(d.kind);
            (d, interval, d.date.add_days(i64::from(interval.value)))
        })
        .max_by_key(|(_, _, from)| *from);
    if let Some((last, interval, from)) = wait
        && day < from
    {
        reasons.push(Reason {
            kind: ReasonKind::TooSoon {
                last_kind: last.kind,
                last_date: last.date,
                min_days: interval.value,
                from,
            },
            citation: interval.citation,
        });
    }
    for declared in facts.declarations {
        if let Some(rule) = rules.deferral(declared.cause) {
            let from = rule.period.after(declared.date);
            if day < from {
                reasons.push(Reason {
                    kind: ReasonKind::Deferred {
                        cause: declared.cause,
                        since: declared.date,
                        period: rule.period,
                        from,
                    },
                    citation: rule.citation,
                });
            }
        }
    }
    reasons
}

/// The first day from `day` on which none of `reasons` holds: every reason clears on a fixed
/// day, so it is the latest of those, unless one never clears or the day falls after
/// `last_allowed` (the last day at the maximum age).
fn next_eligible(reasons: &[Reason], day: Date, last_allowed: Option<Date>) -> Option<Date> {
    let mut next = day;
    for r in reasons {
        next = next.max(r.clears_on()?);
    }
    match last_allowed {
        Some(last) if next > last => None,
        _ => Some(next),
    }
}

/// Whether `donor`, declaring `declarations` (the self-check's questions, asked again by the
/// pledge form), may give `volume_ml` of `kind` on `day` under `rules`; every reason when not, including a volume above the largest allowed (with that limit and its citation).
pub fn check_pledge(
    rules: &RuleSet,
    donor: &Donor,
    declarations: &[Declaration],
    day: Date,
    kind: DonationType,
    volume_ml: u16,
) -> Result<(), Vec<Reason>> {
    let facts = Facts::of_donor(donor).declaring(declarations);
    let assessment = assess(rules, &facts, day);
    let mut reasons = assessment.get(kind).reasons.clone();
    if let Some(r) = volume_reason(rules, kind, donor.weight, volume_ml)
        && matches!(r.kind, ReasonKind::VolumeTooHigh { .. })
    {
        reasons.push(r);
    }
    if reasons.is_empty() {
        Ok(())
    } else {
        Err(reasons)
    }
}

/// What the donor's other planned donations (their active pledges, as donations on the days
/// pledged) say about giving `kind` on `day` (TT 26/2013 Điều 6.1, 6.2 and 6.4, both ways): the
/// planned donation just before `day` must be followed by its type's wait, and `day`'s
/// donation by this type's wait before the planned donation just after it. At most two
/// reasons; `planned` may be in any order and must not hold `day` itself.
pub fn planned_reasons(
    rules: &RuleSet,
    planned: &[Donation],
    day: Date,
    kind: DonationType,
) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let before = planned
        .iter()
        .filter(|p| p.date < day)
        .max_by_key(|p| p.date);
    let after = planned
        .iter()
        .filter(|p| p.date > day)
        .min_by_key(|p| p.date);
    for (planned, wait) in [
        (before, before.map(|p| rules.interval_after.get(p.kind))),
        (after, Some(rules.interval_after.get(kind))),
    ] {
        let (Some(p), Some(wait)) = (planned, wait) else {
            continue;
        };
        let gap = if p.date < day {
            day.days_since(p.date)
        } else {
            p.date.days_since(day)
        };
        if gap < i64::from(wait.value) {
            reasons.push(Reason {
                kind: ReasonKind::TooCloseToPlanned {
                    planned_kind: p.kind,
                    planned_date: p.date,
                    min_days: wait.value,
                    from: p
                        .date
                        .add_days(i64::from(rules.interval_after.get(p.kind).value)),
                },
                citation: wait.citation,
            });
        }
    }
    reasons
}

/// Whether the desk may record `volume_ml` of `kind` from a donor weighing `weight` (TT 26/2013
/// Điều 4.2a and 4.2b): the reason, with the limit and its article, when it is above the
/// largest volume the weight allows.
pub fn volume_reason(
    rules: &RuleSet,
    kind: DonationType,
    weight: Weight,
    volume_ml: u16,
) -> Option<Reason> {
    match volume_limit(rules, kind, weight) {
        Some(limit) if volume_ml <= limit.max_ml => None,
        Some(limit) => Some(Reason {
            kind: ReasonKind::VolumeTooHigh {
                max_ml: limit.max_ml,
                asked_ml: volume_ml,
            },
            citation: limit.citation,
        }),
        None => {
            let lowest = rules.volume.get(kind).iter().min_by_key(|t| t.from_hg)?;
            Some(Reason {
                kind: ReasonKind::Underweight {
                    min_hg: lowest.from_hg,
                },
                citation: lowest.citation,
            })
        }
    }
}

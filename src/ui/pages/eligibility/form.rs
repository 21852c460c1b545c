//! The self-check form as plain data: what the person typed ([`Draft`]), what is wrong with it
//! field by field ([`Problem`]), and the domain values it stands for once nothing is
//! ([`Checked`]). Pure, so every rule of the form is tested natively; the page only shows it.

use crate::domain::eligibility::{Declaration, DeferralCause};
use crate::domain::{Date, Donation, DonationType, Sex, Weight};
use crate::ui::form::{Causes, ticked_causes};

/// A field of the form that can be wrong, in the order the form shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The sex radio group.
    Sex,
    /// The birth date.
    BirthDate,
    /// The weight in kilograms.
    Weight,
    /// The date of the last donation.
    LastDate,
    /// The date of a declared event.
    CauseDate(DeferralCause),
    /// The day to check.
    Day,
}

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Nothing, or not a whole date.
    Missing,
    /// Not a number of kilograms.
    NotANumber,
    /// A number, but not a plausible weight (20 to 300 kg).
    OutOfRange,
    /// A day after today where only past days make sense.
    InFuture,
}

/// What the person entered, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The chosen sex, if any.
    pub sex: Option<Sex>,
    /// `YYYY-MM-DD` from a date input, empty when incomplete.
    pub birth_date: String,
    /// Kilograms as typed, with a comma or a dot.
    pub weight: String,
    /// Whether they have given blood before.
    pub donated: bool,
    /// The last donation's day, as `YYYY-MM-DD`.
    pub last_date: String,
    /// The last donation's type.
    pub last_kind: DonationType,
    /// For each cause of [`DeferralCause::ALL`], whether it is ticked and the day it happened.
    pub causes: Causes,
    /// The day to check, as `YYYY-MM-DD`.
    pub day: String,
}

impl Draft {
    /// An empty form that checks `today`.
    pub fn new(today: Date) -> Draft {
        Draft {
            sex: None,
            birth_date: String::new(),
            weight: String::new(),
            donated: false,
            last_date: String::new(),
            last_kind: DonationType::WholeBlood,
            causes: Default::default(),
            day: today.to_string(),
        }
    }
}

/// The form once nothing is wrong, as domain values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// Sex.
    pub sex: Sex,
    /// Birth date.
    pub birth_date: Date,
    /// Body weight.
    pub weight: Weight,
    /// The last donation, if any.
    pub history: Vec<Donation>,
    /// The events declared.
    pub declarations: Vec<Declaration>,
    /// The day to check.
    pub day: Date,
}

/// Reads kilograms typed with a comma or a dot, at most one decimal, 20 to 300 kg.
pub fn parse_weight(text: &str) -> Result<Weight, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::Missing);
    }
    if let Some(weight) = Weight::parse_kg(text) {
        return Ok(weight);
    }
    // Not a weight: tell a number outside the range from anything else, without parsing
    // floats (their tables would weigh more in the bundle than this whole page).
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = unsigned.split_once(['.', ',']).unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) {
        return Err(Problem::NotANumber);
    }
    let whole_kg = whole.trim_start_matches('0');
    let above = whole_kg.len() > 3
        || whole_kg.parse::<u16>().is_ok_and(|kg| kg > 300)
        || (whole_kg == "300" && fraction.bytes().any(|b| b != b'0'));
    let below = whole_kg.len() < 3 && whole_kg.parse::<u16>().unwrap_or(0) < 20;
    if negative || above || below {
        Err(Problem::OutOfRange)
    } else {
        Err(Problem::NotANumber)
    }
}

/// Reads a day from a date input that must not be after `today`.
fn parse_past(text: &str, today: Date) -> Result<Date, Problem> {
    let date: Date = text.trim().parse().map_err(|_| Problem::Missing)?;
    if date > today {
        Err(Problem::InFuture)
    } else {
        Ok(date)
    }
}

/// Checks the whole form against `today`: the domain values, or every field that is wrong, in
/// the order the form shows them. Fields the form does not ask (the last donation when there
/// was none, an unticked event) are never wrong.
pub fn check(draft: &Draft, today: Date) -> Result<Checked, Vec<(Field, Problem)>> {
    let mut problems = Vec::new();
    let mut note = |field: Field, problem: Problem| problems.push((field, problem));

    let sex = draft.sex;
    if sex.is_none() {
        note(Field::Sex, Problem::Missing);
    }
    let birth_date = parse_past(&draft.birth_date, today)
        .map_err(|p| note(Field::BirthDate, p))
        .ok();
    let weight = parse_weight(&draft.weight)
        .map_err(|p| note(Field::Weight, p))
        .ok();
    let mut history = Vec::new();
    if draft.donated
        && let Ok(date) = parse_past(&draft.last_date, today).map_err(|p| note(Field::LastDate, p))
    {
        // The interval depends on the type and day only; the volume is not asked.
        history.push(Donation {
            date,
            kind: draft.last_kind,
            volume_ml: 0,
        });
    }
    let mut declarations = Vec::new();
    for (cause, day) in ticked_causes(&draft.causes, sex, today) {
        match day {
            Ok(date) => declarations.push(Declaration { cause, date }),
            Err(future) => note(
                Field::CauseDate(cause),
                if future {
                    Problem::InFuture
                } else {
                    Problem::Missing
                },
            ),
        }
    }
    let day = draft
        .day
        .trim()
        .parse::<Date>()
        .map_err(|_| note(Field::Day, Problem::Missing))
        .ok();

    match (sex, birth_date, weight, day) {
        (Some(sex), Some(birth_date), Some(weight), Some(day)) if problems.is_empty() => {
            Ok(Checked {
                sex,
                birth_date,
                weight,
                history,
                declarations,
                day,
            })
        }
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    const TODAY: &str = "2024-05-10";

    fn filled() -> Draft {
        Draft {
            sex: Some(Sex::Male),
            birth_date: "1994-01-15".into(),
            weight: "70".into(),
            ..Draft::new(day(TODAY))
        }
    }

    fn problems(draft: &Draft) -> Vec<(Field, Problem)> {
        check(draft, day(TODAY)).err().unwrap_or_default()
    }

    #[test]
    fn weight_accepts_a_comma_or_a_dot_and_says_what_is_wrong_otherwise() {
        assert_eq!(parse_weight("41,9").map(Weight::hg), Ok(419));
        assert_eq!(parse_weight(" 41.9 ").map(Weight::hg), Ok(419));
        assert_eq!(parse_weight("42").map(Weight::hg), Ok(420));
        assert_eq!(parse_weight(""), Err(Problem::Missing));
        assert_eq!(parse_weight("   "), Err(Problem::Missing));
        for not_a_number in [
            "abc", "4x", "inf", "NaN", "1e2", "41.95", "--5", "5-", ".5", "4.2.1",
        ] {
            assert_eq!(
                parse_weight(not_a_number),
                Err(Problem::NotANumber),
                "{not_a_number}"
            );
        }
        for out in [
            "19,9",
            "300.1",
            "-45",
            "0",
            "1000",
            "0019",
            "19.95",
            "300.05",
            "99999999999",
        ] {
            assert_eq!(parse_weight(out), Err(Problem::OutOfRange), "{out}");
        }
    }

    #[test]
    fn an_empty_form_asks_for_each_required_field_in_order() {
        assert_eq!(
            problems(&Draft::new(day(TODAY))),
            vec![
                (Field::Sex, Problem::Missing),
                (Field::BirthDate, Problem::Missing),
                (Field::Weight, Problem::Missing),
            ]
        );
    }

    #[test]
    fn a_filled_form_gives_the_facts_and_defaults_to_today() {
        let checked = check(&filled(), day(TODAY)).unwrap();
        assert_eq!(checked.sex, Sex::Male);
        assert_eq!(checked.birth_date, day("1994-01-15"));
        assert_eq!(checked.weight.hg(), 700);
        assert!(checked.history.is_empty() && checked.declarations.is_empty());
        assert_eq!(checked.day, day(TODAY));
    }

    #[test]
    fn dates_after_today_are_refused_where_only_the_past_makes_sense() {
        let mut draft = filled();
        draft.birth_date = "2024-05-11".into();
        draft.donated = true;
        draft.last_date = "2030-01-01".into();
        draft.causes[0] = (true, "2024-06-01".into());
        draft.day = "2024-06-01".into();
        assert_eq!(
            problems(&draft),
            vec![
                (Field::BirthDate, Problem::InFuture),
                (Field::LastDate, Problem::InFuture),
                (Field::CauseDate(DeferralCause::Tattoo), Problem::InFuture),
            ]
        );
        draft.birth_date = TODAY.into();
        draft.last_date = TODAY.into();
        draft.causes[0].1 = TODAY.into();
        assert!(check(&draft, day(TODAY)).is_ok(), "today itself is allowed");
    }

    #[test]
    fn questions_not_asked_are_never_wrong() {
        let mut draft = filled();
        draft.last_date = "not a date".into();
        draft.causes[1] = (false, String::new());
        draft.causes[4] = (true, String::new());
        assert!(
            check(&draft, day(TODAY)).is_ok(),
            "no donation, no piercing, and a man is not asked about a birth"
        );
        draft.sex = Some(Sex::Female);
        assert_eq!(
            problems(&draft),
            vec![(
                Field::CauseDate(DeferralCause::Childbirth),
                Problem::Missing
            )]
        );
        draft.donated = true;
        assert_eq!(problems(&draft)[0], (Field::LastDate, Problem::Missing));
    }

    #[test]
    fn a_donation_and_declarations_become_history_and_declarations() {
        let mut draft = filled();
        draft.donated = true;
        draft.last_date = "2024-04-10".into();
        draft.last_kind = DonationType::PlasmaApheresis;
        draft.causes[0] = (true, "2024-03-01".into());
        let checked = check(&draft, day(TODAY)).unwrap();
        assert_eq!(checked.history.len(), 1);
        assert_eq!(checked.history[0].date, day("2024-04-10"));
        assert_eq!(checked.history[0].kind, DonationType::PlasmaApheresis);
        assert_eq!(
            checked.declarations,
            vec![Declaration {
                cause: DeferralCause::Tattoo,
                date: day("2024-03-01"),
            }]
        );
    }

    #[test]
    fn the_day_to_check_must_be_a_whole_date() {
        let mut draft = filled();
        draft.day = String::new();
        assert_eq!(problems(&draft), vec![(Field::Day, Problem::Missing)]);
    }

    #[test]
    fn pregnancy_is_asked_of_women_only() {
        for cause in DeferralCause::ALL {
            assert!(cause.asked_of(Some(Sex::Female)));
        }
        assert!(!DeferralCause::Childbirth.asked_of(Some(Sex::Male)));
        assert!(!DeferralCause::EndOfPregnancy.asked_of(None));
        assert!(DeferralCause::Tattoo.asked_of(Some(Sex::Male)));
    }
}

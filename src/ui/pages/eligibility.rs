//! The volunteer's eligibility self-check: sex, birth date, weight, the last donation and the
//! self-declared deferrals, checked on a chosen day under Thông tư 26/2013/TT-BYT. The answer
//! explains itself for each donation type: every reason with its citation, the largest volume
//! and the next eligible date. It informs; it never scolds.
//!
//! The form's rules live in [`form`] (pure); the engine is the domain's
//! [`assess`](crate::domain::eligibility::assess). This module only shows them.

mod form;

use leptos::ev::{FocusEvent, SubmitEvent};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use self::form::{Checked, Draft, Field, Problem};
use super::PageHeading;
use crate::domain::eligibility::{
    Assessment, DeferralCause, Facts, Reason, ReasonKind, RuleSet, assess,
};
use crate::domain::{DonationType, Sex};
use crate::ui::form::{CauseQuestions, Field as KitField, carried};
use crate::ui::i18n::{EligibilityTexts, Lang, citation_text, date_text, reason_text};
use crate::ui::routes::{Build, Page};
use crate::ui::state::AppState;
use crate::ui::{Later, clock};

/// The id of the answer's heading, focused after a check so the answer is seen and heard.
const ANSWER_HEADING: &str = "elig-answer-heading";

/// The eligibility self-check page: the form, then the answer once the form is valid.
#[component]
pub fn EligibilityPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = clock::today();
    let draft = RwSignal::new(Draft::new(today));
    let typed = [
        String::new(),
        String::new(),
        String::new(),
        today.to_string(),
    ]
    .map(RwSignal::new);
    let form = FormState {
        state,
        draft,
        // The draft with what is typed in the four text fields.
        checked: Memo::new(move |_| {
            draft.with(|d| {
                let [birth_date, weight, last_date, day] = typed.map(|s| s.get());
                let d = Draft {
                    birth_date,
                    weight,
                    last_date,
                    day,
                    ..d.clone()
                };
                form::check(&d, today)
            })
        }),
        touched: RwSignal::new(Vec::new()),
        submitted: RwSignal::new(false),
    };
    let weight_input = NodeRef::<html::Input>::new();
    let today_text = today.to_string();
    let t = move || state.t().eligibility();
    // The answer exists once the form was submitted and nothing in it is wrong; from then on it
    // follows every change.
    let answer = Memo::new(move |_| {
        if !form.submitted.get() {
            return None;
        }
        form.checked.with(|c| c.as_ref().ok().map(Answer::of))
    });
    // The pledge form of this tab uses the answers to Điều 5's questions rather than asking
    // them again; answers the form no longer stands behind are forgotten.
    Effect::new(move |_| {
        if form.submitted.get() {
            form.checked
                .with(|c| carried::keep(c.as_ref().ok().map(|c| c.declarations.as_slice())));
        }
    });
    let fix_count = move || {
        if !form.submitted.get() {
            return None;
        }
        form.checked.with(|c| c.as_ref().err().map(Vec::len))
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        // Enter in the weight field submits before its change event is certain to have fired.
        if let Some(input) = weight_input.get_untracked() {
            let now = input.value();
            if typed[1].with_untracked(|w| *w != now) {
                typed[1].set(now);
            }
        }
        form.submitted.set(true);
        let first_wrong = form.checked.with_untracked(|c| match c {
            Ok(_) => None,
            Err(problems) => problems.first().map(|(field, _)| *field),
        });
        match first_wrong {
            Some(field) => focus(&focus_id(field)),
            None => request_animation_frame(|| focus(ANSWER_HEADING)),
        }
    };

    view! {
        <PageHeading page=Some(Page::Eligibility) />
        <div class="elig">
            <form
                class="card elig-form"
                novalidate
                aria-labelledby="elig-form-heading"
                on:submit=on_submit
            >
                <h2 id="elig-form-heading">{word(state, |t| t.form_heading)}</h2>
                <fieldset
                    class="choices"
                    role="radiogroup"
                    aria-labelledby="elig-sex-legend"
                    aria-invalid=move || form.error(Field::Sex).map(|_| "true")
                    aria-describedby=move || form.error(Field::Sex).map(|_| "elig-sex-error")
                    on:focusout=move |ev| {
                        if focus_left_group(&ev) {
                            form.leave(Field::Sex);
                        }
                    }
                >
                    <legend id="elig-sex-legend">{word(state, |t| t.sex)}</legend>
                    <div class="choice-row">
                        <Choice form pick=Pick::Sex(Sex::Female) />
                        <Choice form pick=Pick::Sex(Sex::Male) />
                    </div>
                    <p class="field-error" id="elig-sex-error">
                        {move || form.error(Field::Sex)}
                    </p>
                </fieldset>
                <KitField
                    id=field_id(Field::BirthDate)
                    label=form.label(Field::BirthDate)
                    value=typed[0]
                    message=form.message(Field::BirthDate)
                    on_leave=move |()| form.leave(Field::BirthDate)
                    lazy=true
                    kind="date"
                    max=today_text.clone()
                    autocomplete="bday"
                />
                <KitField
                    id=field_id(Field::Weight)
                    label=form.label(Field::Weight)
                    hint=move || state.t().eligibility().weight_hint
                    value=typed[1]
                    message=form.message(Field::Weight)
                    on_leave=move |()| form.leave(Field::Weight)
                    lazy=true
                    inputmode="decimal"
                    autocomplete="off"
                    node_ref=weight_input
                />
                <fieldset class="choices">
                    <legend>{word(state, |t| t.donated_before)}</legend>
                    <div class="choice-row">
                        <Choice form pick=Pick::Donated(true) />
                        <Choice form pick=Pick::Donated(false) />
                    </div>
                </fieldset>
                <div class="follow-up" hidden=move || !draft.with(|d| d.donated)>
                    <KitField
                        id=field_id(Field::LastDate)
                        label=form.label(Field::LastDate)
                        value=typed[2]
                        message=form.message(Field::LastDate)
                        on_leave=move |()| form.leave(Field::LastDate)
                        lazy=true
                        kind="date"
                        max=today_text.clone()
                    />
                    <div class="field">
                        <label for="elig-last-type">{word(state, |t| t.last_type)}</label>
                        <select
                            id="elig-last-type"
                            on:change=move |ev| {
                                let chosen = event_target_value(&ev).parse::<usize>().ok();
                                if let Some(&kind) = chosen.and_then(|i| DonationType::ALL.get(i)) {
                                    draft.update(|d| d.last_kind = kind);
                                }
                            }
                        >
                            {DonationType::ALL
                                .into_iter()
                                .enumerate()
                                .map(|(i, kind)| {
                                    view! {
                                        <option value=i.to_string() selected=i == 0>
                                            {move || (t().type_name)(kind)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                </div>
                <fieldset class="causes" aria-describedby="elig-recent-hint">
                    <legend>{word(state, |t| t.recent)}</legend>
                    <p class="hint" id="elig-recent-hint">{word(state, |t| t.recent_hint)}</p>
                    // Most of the form: drawn in a task of its own while the app starts.
                    <Later>
                        <CauseQuestions
                            prefix="elig"
                            draft
                            read=|d: &Draft| &d.causes
                            write=|d: &mut Draft| &mut d.causes
                            sex=Signal::derive(move || draft.with(|d| d.sex))
                            max=today_text.clone()
                            message=move |i| form.error(Field::CauseDate(DeferralCause::ALL[i]))
                            on_leave=move |i| form.leave(Field::CauseDate(DeferralCause::ALL[i]))
                        />
                    </Later>
                </fieldset>
                <KitField
                    id=field_id(Field::Day)
                    label=form.label(Field::Day)
                    hint=move || state.t().eligibility().day_hint
                    value=typed[3]
                    message=form.message(Field::Day)
                    on_leave=move |()| form.leave(Field::Day)
                    lazy=true
                    kind="date"
                />
                <button type="submit" class="button elig-submit">{word(state, |t| t.submit)}</button>
            </form>
            <div class="elig-result" role="status" aria-atomic="false">
                <p class="elig-waiting" hidden=move || form.submitted.get()>
                    {word(state, |t| t.answer_placeholder)}
                </p>
                <p class="card elig-fix" hidden=move || fix_count().is_none()>
                    {move || fix_count().map(|n| (state.t().eligibility().fix_fields)(n))}
                </p>
                <section
                    class="card elig-answer"
                    aria-labelledby=ANSWER_HEADING
                    hidden=move || answer.with(Option::is_none)
                >
                    <h2 id=ANSWER_HEADING tabindex="-1">
                        {move || {
                            answer
                                .with(|a| {
                                    a.as_ref()
                                        .map(|a| {
                                            let lang = state.lang.get();
                                            (lang.texts().eligibility().answer_heading)(
                                                &date_text(lang, a.assessment.day),
                                            )
                                        })
                                })
                        }}
                    </h2>
                    <TypeAnswer answer index=0 />
                    <div class="answer-apheresis">
                        {(1..DonationType::ALL.len())
                            .map(|index| view! { <TypeAnswer answer index /> })
                            .collect_view()}
                    </div>
                    <p class="hint">{word(state, |t| t.answer_note)}</p>
                    <p>
                        <a href=Page::Pledge.href() rel=Page::Pledge.rel_from(Build::Eligibility)>
                            {word(state, |t| t.pledge_with_answers)}
                        </a>
                    </p>
                </section>
            </div>
        </div>
    }
}

/// What the answer is drawn from: the engine's assessment and what the wording needs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Answer {
    assessment: Assessment,
    sex: Sex,
    /// They have given before ("again" in the next eligible date).
    returning: bool,
}

impl Answer {
    /// Assesses the checked form under Thông tư 26/2013/TT-BYT.
    fn of(checked: &Checked) -> Answer {
        let facts = Facts {
            sex: checked.sex,
            birth_date: checked.birth_date,
            weight: checked.weight,
            history: &checked.history,
            declarations: &checked.declarations,
        };
        Answer {
            assessment: assess(&RuleSet::vietnam(), &facts, checked.day),
            sex: checked.sex,
            returning: !checked.history.is_empty(),
        }
    }
}

/// The form's signals, shared by its fields.
#[derive(Clone, Copy)]
struct FormState {
    state: AppState,
    /// What was chosen, and the events ticked with their days.
    draft: RwSignal<Draft>,
    /// The facts, or every field that is wrong.
    checked: Memo<Result<Checked, Vec<(Field, Problem)>>>,
    /// Fields the person has left at least once: their errors show from then on.
    touched: RwSignal<Vec<Field>>,
    /// The form was submitted at least once: every error shows, and the answer follows changes.
    submitted: RwSignal<bool>,
}

impl FormState {
    /// The message to show beside `field`, once it has been left or the form submitted.
    fn error(self, field: Field) -> Option<&'static str> {
        let shown = self.submitted.get() || self.touched.with(|t| t.contains(&field));
        if !shown {
            return None;
        }
        let problem = self.checked.with(|c| match c {
            Ok(_) => None,
            Err(problems) => problems.iter().find(|(f, _)| *f == field).map(|(_, p)| *p),
        })?;
        Some(message(self.state.t().eligibility(), field, problem))
    }

    /// The message beside `field`, as the field kit shows it.
    fn message(self, field: Field) -> Signal<Option<String>> {
        Signal::derive(move || self.error(field).map(str::to_owned))
    }

    /// The label of `field`, in the interface language.
    fn label(self, field: Field) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || label(self.state.t().eligibility(), field)
    }

    /// The person left `field`: its error shows from now on.
    fn leave(self, field: Field) {
        if !self.touched.with_untracked(|t| t.contains(&field)) {
            self.touched.update(|t| t.push(field));
        }
    }
}

/// A choice of a radio group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    /// A sex.
    Sex(Sex),
    /// Whether they have given blood before.
    Donated(bool),
}

/// One radio button with its label; the whole label is the touch target.
#[component]
fn Choice(
    /// The form it belongs to.
    form: FormState,
    /// What choosing it means.
    pick: Pick,
) -> impl IntoView {
    let (name, id, checked) = match pick {
        Pick::Sex(Sex::Female) => ("elig-sex", "elig-sex-female", false),
        Pick::Sex(Sex::Male) => ("elig-sex", "elig-sex-male", false),
        Pick::Donated(true) => ("elig-donated", "elig-donated-yes", false),
        Pick::Donated(false) => ("elig-donated", "elig-donated-no", true),
    };
    let words = move || {
        let t = form.state.t().eligibility();
        match pick {
            Pick::Sex(Sex::Female) => t.female,
            Pick::Sex(Sex::Male) => t.male,
            Pick::Donated(true) => t.yes,
            Pick::Donated(false) => t.no,
        }
    };
    view! {
        <label class="choice">
            <input
                type="radio"
                name=name
                id=id
                checked=checked
                on:change=move |_| {
                    form.draft
                        .update(|d| match pick {
                            Pick::Sex(sex) => d.sex = Some(sex),
                            Pick::Donated(donated) => d.donated = donated,
                        })
                }
            />
            {words}
        </label>
    }
}

/// The answer for one donation type: allowed or not, why, how much, and from when. Its
/// structure stays in place; only its words follow the answer and the language.
#[component]
fn TypeAnswer(
    /// The answer, when there is one.
    answer: Memo<Option<Answer>>,
    /// The type's place in [`DonationType::ALL`] (whole blood first).
    index: usize,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    // One closure type for every piece of text, so its view code is compiled once.
    let text = move |part: fn(&Answer, usize, Lang) -> Option<String>| {
        move || answer.with(|a| a.as_ref().and_then(|a| part(a, index, state.lang.get())))
    };
    let eligible = move || {
        answer.with(|a| {
            a.as_ref()
                .is_some_and(|a| a.assessment.types[index].is_eligible())
        })
    };
    let heading_id = format!("elig-type-{index}");
    let labelled_by = heading_id.clone();
    view! {
        <section class="answer-type" aria-labelledby=labelled_by>
            <h3 id=heading_id>
                {text(|_, i, lang| Some((lang.texts().eligibility().type_name)(DonationType::ALL[i]).to_owned()))}
            </h3>
            <p class="verdict" class:verdict-yes=eligible>
                {text(|a, i, lang| {
                    let t = lang.texts().eligibility();
                    Some((if a.assessment.types[i].is_eligible() { t.can_donate } else { t.cannot_donate }).to_owned())
                })}
            </p>
            <p class="answer-volume">
                {text(|a, i, lang| {
                    a.assessment.types[i]
                        .max_volume
                        .map(|v| (lang.texts().eligibility().max_volume)(&lang.number(i64::from(v.max_ml))))
                })}
            </p>
            <p class="citation">
                {text(|a, i, _| a.assessment.types[i].max_volume.map(|v| citation_text(&v.citation)))}
            </p>
            <ul class="reasons">
                {move || {
                    answer
                        .with(|a| {
                            let Some(a) = a else { return Vec::new() };
                            let ta = &a.assessment.types[index];
                            let lang = state.lang.get();
                            let rules = RuleSet::vietnam();
                            own_reasons(&a.assessment, index)
                                .map(|r| {
                                    let sex = sex_of_threshold(&rules, ta.kind, r, a.sex);
                                    view! {
                                        <li>
                                            {reason_text(lang, &r.kind, sex)}
                                            " "
                                            <span class="citation">{citation_text(&r.citation)}</span>
                                        </li>
                                    }
                                })
                                .collect::<Vec<_>>()
                        })
                }}
            </ul>
            <p class="answer-shared">
                {text(|a, i, lang| {
                    shares_reasons(&a.assessment, i)
                        .then(|| lang.texts().eligibility().shared_reasons.to_owned())
                })}
            </p>
            <p class="answer-next">
                {text(|a, i, lang| {
                    let t = lang.texts().eligibility();
                    let ta = &a.assessment.types[i];
                    if ta.is_eligible() {
                        return None;
                    }
                    Some(match ta.next_eligible {
                        Some(day) if a.returning => (t.next_again)(&date_text(lang, day)),
                        Some(day) => (t.next_from)(&date_text(lang, day)),
                        None => t.waiting_wont_help.to_owned(),
                    })
                })}
            </p>
        </section>
    }
}

/// The reasons of the type at `index` in [`DonationType::ALL`] that the answer has not given
/// already: whole blood shows all of its own; each other type only those whole blood does not
/// have, so a reason shared by every type is read once.
fn own_reasons(assessment: &Assessment, index: usize) -> impl Iterator<Item = &Reason> {
    let first = &assessment.types[0].reasons;
    assessment.types[index]
        .reasons
        .iter()
        .filter(move |r| index == 0 || !first.contains(r))
}

/// Whether the type at `index` has reasons already given under whole blood.
fn shares_reasons(assessment: &Assessment, index: usize) -> bool {
    index > 0
        && assessment.types[index]
            .reasons
            .iter()
            .any(|r| assessment.types[0].reasons.contains(r))
}

/// Who a weight reason's threshold is for, when the rule set's threshold for this type differs
/// by sex; `None` for every other reason.
fn sex_of_threshold(rules: &RuleSet, kind: DonationType, reason: &Reason, sex: Sex) -> Option<Sex> {
    let rule = rules.min_weight.get(kind);
    match reason.kind {
        ReasonKind::Underweight { min_hg }
            if rule.female_hg != rule.male_hg && min_hg == rule.min_hg(sex) =>
        {
            Some(sex)
        }
        _ => None,
    }
}

/// A word of the page in the interface language. Every call returns the same closure type, so
/// the view code that shows it is compiled once rather than once per word.
fn word(
    state: AppState,
    pick: fn(&EligibilityTexts) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || pick(state.t().eligibility())
}

/// The id of a field's input (for a radio group, of the group).
fn field_id(field: Field) -> String {
    match field {
        Field::Sex => "elig-sex".to_owned(),
        Field::BirthDate => "elig-birth".to_owned(),
        Field::Weight => "elig-weight".to_owned(),
        Field::LastDate => "elig-last-date".to_owned(),
        Field::CauseDate(cause) => {
            let index = DeferralCause::ALL.iter().position(|c| *c == cause);
            format!("elig-cause-{}-date", index.unwrap_or_default())
        }
        Field::Day => "elig-day".to_owned(),
    }
}

/// The element that takes focus when `field` is the first to correct.
fn focus_id(field: Field) -> String {
    match field {
        Field::Sex => "elig-sex-female".to_owned(),
        other => field_id(other),
    }
}

/// A field's visible label.
fn label(t: &EligibilityTexts, field: Field) -> &'static str {
    match field {
        Field::Sex => t.sex,
        Field::BirthDate => t.birth_date,
        Field::Weight => t.weight,
        Field::LastDate => t.last_date,
        Field::CauseDate(cause) => (t.cause_date)(cause),
        Field::Day => t.day,
    }
}

/// The message for `problem` in `field`: what to enter, never a reproach.
fn message(t: &EligibilityTexts, field: Field, problem: Problem) -> &'static str {
    match (field, problem) {
        (Field::Sex, _) => t.choose_sex,
        (Field::BirthDate, Problem::InFuture) => t.birth_in_future,
        (Field::BirthDate, _) => t.enter_birth_date,
        (Field::Weight, Problem::Missing) => t.enter_weight,
        (Field::Weight, Problem::OutOfRange) => t.weight_out_of_range,
        (Field::Weight, _) => t.weight_not_number,
        (Field::LastDate, Problem::InFuture) => t.last_in_future,
        (Field::LastDate, _) => t.enter_last_date,
        (Field::CauseDate(_), Problem::InFuture) => t.cause_in_future,
        (Field::CauseDate(_), _) => t.enter_cause_date,
        (Field::Day, _) => t.enter_day,
    }
}

/// Whether focus left a group for somewhere outside it (not from one radio to the next).
fn focus_left_group(ev: &FocusEvent) -> bool {
    let group = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    let next = ev
        .related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    match (group, next) {
        (Some(group), Some(next)) => !group.contains(Some(&next)),
        _ => true,
    }
}

/// Moves keyboard focus to the element with `id`, if it is on the page.
fn focus(id: &str) {
    let element = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::{EN, VI};

    #[test]
    fn every_problem_of_every_field_has_a_message_in_both_languages() {
        let fields = [
            Field::Sex,
            Field::BirthDate,
            Field::Weight,
            Field::LastDate,
            Field::CauseDate(DeferralCause::Tattoo),
            Field::Day,
        ];
        let problems = [
            Problem::Missing,
            Problem::NotANumber,
            Problem::OutOfRange,
            Problem::InFuture,
        ];
        for field in fields {
            for problem in problems {
                let (vi, en) = (
                    message(VI.eligibility(), field, problem),
                    message(EN.eligibility(), field, problem),
                );
                assert!(
                    vi.ends_with('.') && en.ends_with('.'),
                    "{field:?} {problem:?}"
                );
                assert_ne!(vi, en);
            }
        }
    }

    #[test]
    fn field_ids_are_distinct() {
        let mut ids: Vec<String> = DeferralCause::ALL
            .map(|c| field_id(Field::CauseDate(c)))
            .into();
        for f in [
            Field::Sex,
            Field::BirthDate,
            Field::Weight,
            Field::LastDate,
            Field::Day,
        ] {
            ids.push(field_id(f));
        }
        let count = ids.len();
        crate::domain::order::sort_by(&mut ids, Ord::cmp);
        ids.dedup();
        assert_eq!(ids.len(), count);
    }

    #[test]
    fn only_a_weight_threshold_that_differs_by_sex_names_the_sex() {
        let rules = RuleSet::vietnam();
        let under = |min_hg| Reason {
            kind: ReasonKind::Underweight { min_hg },
            citation: rules.min_weight.whole_blood.citation,
        };
        assert_eq!(
            sex_of_threshold(&rules, DonationType::WholeBlood, &under(420), Sex::Female),
            Some(Sex::Female)
        );
        assert_eq!(
            sex_of_threshold(
                &rules,
                DonationType::PlasmaApheresis,
                &under(500),
                Sex::Female
            ),
            None
        );
    }

    #[test]
    fn a_woman_of_41_9_kg_reads_why_whole_blood_waits_and_at_42_kg_may_give_250_ml() {
        let today: crate::domain::Date = "2024-05-10".parse().unwrap();
        let draft = Draft {
            sex: Some(Sex::Female),
            birth_date: "1994-01-15".into(),
            weight: "41,9".into(),
            ..Draft::new(today)
        };
        let checked = form::check(&draft, today).unwrap();
        let facts = Facts {
            sex: checked.sex,
            birth_date: checked.birth_date,
            weight: checked.weight,
            history: &checked.history,
            declarations: &checked.declarations,
        };
        let rules = RuleSet::vietnam();
        let whole = assess(&rules, &facts, today).types[0].clone();
        let reason = &whole.reasons[0];
        assert_eq!(
            reason_text(
                Lang::Vi,
                &reason.kind,
                sex_of_threshold(&rules, whole.kind, reason, checked.sex)
            ),
            "Cân nặng dưới 42 kg (nữ)"
        );
        assert_eq!(
            citation_text(&reason.citation),
            "Thông tư 26/2013/TT-BYT, Điều 4.2a"
        );
        let heavier = Facts {
            weight: form::parse_weight("42").unwrap(),
            ..facts
        };
        assert_eq!(
            assess(&rules, &heavier, today).types[0].max_volume_ml(),
            Some(250)
        );
    }
}

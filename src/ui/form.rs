//! The form-field kit: a field's message beside it (its id, its element, `aria-invalid`), the
//! checks of a person's details (name, phone, birth date, weight) with the words to show, and
//! the self-declared questions of TT 26/2013 Điều 5 that the self-check and the pledge form both
//! ask ([`CauseQuestions`]), with the answers the self-check hands on to the pledge form.

use leptos::prelude::*;

use crate::domain::eligibility::DeferralCause;
use crate::domain::{Date, Sex};

/// The id of the message element describing field `id`.
pub fn message_id(id: &str) -> String {
    format!("{id}-msg")
}

/// One labelled field of any form: its label, a line of help under it when there is one, the
/// input (or text area) bound to `value`, and its message beside it. The input is described by
/// the hint and the message (`aria-describedby`) and marked `aria-invalid` while there is one.
/// The pledge form, the desk, the set-up and the drives forms all draw their fields with it.
#[component]
pub fn Field(
    /// The input's id; the hint's and the message's follow from it.
    #[prop(into)]
    id: String,
    /// Its label.
    #[prop(into)]
    label: TextProp,
    /// What it holds, as typed.
    value: RwSignal<String>,
    /// Its message, if it is wrong (and the form shows it).
    #[prop(into)]
    message: Signal<Option<String>>,
    /// `text`, `tel`, `date`, `number`... or `textarea`.
    #[prop(default = "text")]
    kind: &'static str,
    /// A line of help under the label.
    #[prop(optional, into)]
    hint: Option<TextProp>,
    /// The keyboard a phone shows.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// What the browser may fill in.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// Called when the person leaves the field.
    #[prop(optional, into)]
    on_leave: Option<Callback<()>>,
    /// The latest day offered, for a date.
    #[prop(optional, into)]
    max: Option<String>,
    /// The value follows the `change` event, and every keystroke only while the message shows
    /// (so it goes as soon as the field is fixed, and nothing scolds a half-typed value).
    #[prop(optional)]
    lazy: bool,
    /// A handle on the input.
    #[prop(optional)]
    node_ref: NodeRef<leptos::html::Input>,
) -> impl IntoView {
    let msg_id = message_id(&id);
    let hint_id = format!("{id}-hint");
    let described = match hint {
        Some(_) => format!("{hint_id} {msg_id}"),
        None => msg_id.clone(),
    };
    let leave = move |_| {
        if let Some(f) = on_leave {
            f.run(());
        }
    };
    let input = if kind == "textarea" {
        view! {
            <textarea
                id=id.clone()
                rows="3"
                aria-describedby=described
                aria-invalid=invalid(message)
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:blur=leave
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type=kind
                max=max
                inputmode=inputmode
                autocomplete=autocomplete
                aria-describedby=described
                aria-invalid=invalid(message)
                node_ref=node_ref
                prop:value=move || value.get()
                on:input=move |ev| {
                    if !lazy || message.with_untracked(Option::is_some) {
                        value.set(event_target_value(&ev));
                    }
                }
                on:change=move |ev| value.set(event_target_value(&ev))
                on:blur=leave
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{move || h.get()}</p> })}
            {input}
            <p class="field-error" id=msg_id>{move || message.get()}</p>
        </div>
    }
}

/// A field's message, beside it; empty (and hidden) when there is none.
#[component]
pub fn FieldMessage(
    /// The field's id.
    id: &'static str,
    /// The message, if the field is wrong.
    #[prop(into)]
    message: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <p class="field-error" id=message_id(id)>
            {move || message.get()}
        </p>
    }
}

/// `aria-invalid` of a field with this message.
pub fn invalid(message: Signal<Option<String>>) -> impl Fn() -> &'static str + Copy {
    move || {
        if message.with(Option::is_some) {
            "true"
        } else {
            "false"
        }
    }
}

/// Checks of each field: the value in domain terms, or the message to show (a domain refusal
/// in the words of [`Lang::error`](crate::ui::i18n::Lang::error)).
pub mod check {
    use crate::domain::{Date, DomainError, Phone, Weight};
    use crate::ui::i18n::Texts;

    pub fn name(text: &str, t: &Texts) -> Result<String, String> {
        // Composed first (NFC): a name typed with combining accents is the same name.
        crate::domain::full_name(&crate::share::text::nfc(text)).map_err(|e| t.lang.error(&e))
    }

    pub fn phone(text: &str, t: &Texts) -> Result<Phone, String> {
        Phone::parse(text).map_err(|e| t.lang.error(&e))
    }

    pub fn birth(text: &str, today: Date, t: &Texts) -> Result<Date, String> {
        let date: Date = text
            .parse()
            .map_err(|_| t.volunteer.birth_required.to_owned())?;
        if date > today {
            Err(t.lang.error(&DomainError::BirthDateInFuture))
        } else {
            Ok(date)
        }
    }

    pub fn weight(text: &str, t: &Texts) -> Result<Weight, String> {
        Weight::parse_kg(text).ok_or_else(|| t.volunteer.weight_invalid.to_owned())
    }
}

/// For each cause of [`DeferralCause::ALL`]: whether it is ticked, and its day as typed.
pub type Causes = [(bool, String); DeferralCause::ALL.len()];

/// The causes ticked in `causes` and asked of `sex`, each with its day: the date, or whether the
/// day typed is after `today` (`Err(true)`) or missing (`Err(false)`).
pub fn ticked_causes(
    causes: &Causes,
    sex: Option<Sex>,
    today: Date,
) -> impl Iterator<Item = (DeferralCause, Result<Date, bool>)> + '_ {
    DeferralCause::ALL
        .into_iter()
        .zip(causes)
        .filter(move |(cause, (ticked, _))| *ticked && cause.asked_of(sex))
        .map(move |(cause, (_, day))| {
            let day = match day.trim().parse::<Date>() {
                Ok(d) if d > today => Err(true),
                Ok(d) => Ok(d),
                Err(_) => Err(false),
            };
            (cause, day)
        })
}

/// The self-declared events of TT 26/2013 Điều 5: a box for each and, once ticked, the day it
/// happened, with its message beside it. The self-check and the pledge form both ask them
/// through this one component; each keeps the answers in its own form value `D`.
#[component]
pub fn CauseQuestions<D: Send + Sync + 'static>(
    /// The start of every id (`<prefix>-cause-<i>` and `<prefix>-cause-<i>-date`).
    prefix: &'static str,
    /// The form value holding the answers.
    draft: RwSignal<D>,
    /// The answers in it.
    read: fn(&D) -> &Causes,
    /// The answers in it, to change.
    write: fn(&mut D) -> &mut Causes,
    /// The person's sex: the questions about pregnancy are asked of women only.
    #[prop(into)]
    sex: Signal<Option<Sex>>,
    /// The latest day that can be entered (today), `YYYY-MM-DD`.
    max: String,
    /// The message beside cause `i`'s day, when it is wrong and shown.
    message: impl Fn(usize) -> Option<&'static str> + Copy + Send + Sync + 'static,
    /// The person left cause `i`'s day.
    on_leave: impl Fn(usize) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<crate::ui::state::AppState>();
    let t = move || state.t().eligibility();
    DeferralCause::ALL
        .into_iter()
        .enumerate()
        .map(|(i, cause)| {
            let box_id = format!("{prefix}-cause-{i}");
            let date_id = format!("{box_id}-date");
            let msg = Signal::derive(move || message(i).map(str::to_owned));
            let set = move |day: String| draft.update(|d| write(d)[i].1 = day);
            view! {
                <div class="cause" hidden=move || !cause.asked_of(sex.get())>
                    <label class="choice">
                        <input
                            type="checkbox"
                            id=box_id
                            prop:checked=move || draft.with(|d| read(d)[i].0)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                draft.update(|d| write(d)[i].0 = on);
                            }
                        />
                        {move || (t().cause_label)(cause)}
                    </label>
                    <div class="follow-up" hidden=move || !draft.with(|d| read(d)[i].0)>
                        <div class="field">
                            <label for=date_id.clone()>{move || (t().cause_date)(cause)}</label>
                            <input
                                id=date_id.clone()
                                type="date"
                                max=max.clone()
                                aria-describedby=message_id(&date_id)
                                aria-invalid=invalid(msg)
                                prop:value=move || draft.with(|d| read(d)[i].1.clone())
                                on:change=move |ev| set(event_target_value(&ev))
                                // A day showing its message follows every keystroke, so the
                                // message goes as soon as it is fixed.
                                on:input=move |ev| {
                                    if msg.get_untracked().is_some() {
                                        set(event_target_value(&ev));
                                    }
                                }
                                on:blur=move |_| on_leave(i)
                            />
                            <p class="field-error" id=message_id(&date_id)>
                                {move || msg.get()}
                            </p>
                        </div>
                    </div>
                </div>
            }
        })
        .collect_view()
}

/// The self-check's answers to the questions of Điều 5, handed on to the pledge form of the same
/// tab (session storage: they leave with the tab, never the device).
pub mod carried {
    use crate::domain::Date;
    use crate::domain::eligibility::{Declaration, DeferralCause};

    const KEY: &str = "hienmau/self-check-declarations";

    /// The declarations as text: `<index in DeferralCause::ALL>:<YYYY-MM-DD>`, comma-separated.
    pub fn encode(declarations: &[Declaration]) -> String {
        let mut out = String::new();
        for d in declarations {
            if let Some(i) = DeferralCause::ALL.iter().position(|c| *c == d.cause) {
                if !out.is_empty() {
                    out.push(',');
                }
                out.push_str(&format!("{i}:{}", d.date));
            }
        }
        out
    }

    /// The declarations `text` holds; `None` when any part is not one.
    pub fn decode(text: &str) -> Option<Vec<Declaration>> {
        if text.is_empty() {
            return Some(Vec::new());
        }
        text.split(',')
            .map(|part| {
                let (i, date) = part.split_once(':')?;
                Some(Declaration {
                    cause: *DeferralCause::ALL.get(i.parse::<usize>().ok()?)?,
                    date: date.parse::<Date>().ok()?,
                })
            })
            .collect()
    }

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok()?
    }

    /// Keeps the self-check's latest answers for the pledge form, or forgets them (`None`).
    pub fn keep(declarations: Option<&[Declaration]>) {
        if let Some(s) = storage() {
            let _ = match declarations {
                Some(d) => s.set_item(KEY, &encode(d)),
                None => s.remove_item(KEY),
            };
        }
    }

    /// The answers the self-check of this tab kept, if it kept any readable ones.
    pub fn kept() -> Option<Vec<Declaration>> {
        decode(&storage()?.get_item(KEY).ok()??)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn declarations_come_back_as_they_were_kept_and_foreign_text_is_refused() {
            let kept = vec![
                Declaration {
                    cause: DeferralCause::ALL[0],
                    date: "2024-03-01".parse().unwrap(),
                },
                Declaration {
                    cause: DeferralCause::ALL[4],
                    date: "2023-12-31".parse().unwrap(),
                },
            ];
            assert_eq!(decode(&encode(&kept)), Some(kept));
            assert_eq!(decode(""), Some(Vec::new()));
            for bad in [
                "x",
                "0:2024-02-30",
                "99:2024-03-01",
                "0:2024-03-01,",
                "-1:2024-01-01",
            ] {
                assert_eq!(decode(bad), None, "{bad}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ticked_causes_asked_of_the_person_count_each_with_its_day_read() {
        let today: Date = "2024-05-10".parse().unwrap();
        let mut causes = Causes::default();
        let birth = DeferralCause::ALL
            .iter()
            .position(|c| !c.asked_of(Some(Sex::Male)))
            .unwrap();
        causes[0] = (true, "2024-03-01".into());
        causes[1] = (true, String::new());
        causes[2] = (true, "2024-06-01".into());
        causes[3] = (false, "2024-03-01".into());
        causes[birth] = (true, "2024-01-01".into());
        let read: Vec<_> = ticked_causes(&causes, Some(Sex::Male), today).collect();
        assert_eq!(
            read,
            vec![
                (DeferralCause::ALL[0], Ok("2024-03-01".parse().unwrap())),
                (DeferralCause::ALL[1], Err(false)),
                (DeferralCause::ALL[2], Err(true)),
            ]
        );
        assert_eq!(ticked_causes(&causes, Some(Sex::Female), today).count(), 4);
    }
}

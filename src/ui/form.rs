//! The form-field kit: a field's message beside it (its id, its element, `aria-invalid`) and the
//! checks of a person's details (name, phone, birth date, weight) with the words to show.

use leptos::prelude::*;

/// The id of the message element describing field `id`.
pub fn message_id(id: &str) -> String {
    format!("{id}-msg")
}

/// A field's message, beside it; empty (and hidden) when there is none.
#[component]
pub fn FieldMessage(
    /// The field's id.
    id: &'static str,
    /// The message, if the field is wrong.
    #[prop(into)]
    message: Signal<Option<&'static str>>,
) -> impl IntoView {
    view! {
        <p class="field-error" id=message_id(id)>
            {move || message.get()}
        </p>
    }
}

/// `aria-invalid` of a field with this message.
pub fn invalid(message: Signal<Option<&'static str>>) -> impl Fn() -> &'static str + Copy {
    move || {
        if message.get().is_some() {
            "true"
        } else {
            "false"
        }
    }
}

/// Checks of each field: the value in domain terms, or the message to show.
pub mod check {
    use crate::domain::{Date, DomainError, Phone, Weight};
    use crate::ui::i18n::Texts;

    pub fn name(text: &str, t: &Texts) -> Result<String, &'static str> {
        // Composed first (NFC): a name typed with combining accents is the same name.
        crate::domain::full_name(&crate::share::text::nfc(text)).map_err(|e| match e {
            DomainError::EmptyName => t.volunteer.name_required,
            _ => t.volunteer.name_length,
        })
    }

    pub fn phone(text: &str, t: &Texts) -> Result<Phone, &'static str> {
        Phone::parse(text).map_err(|_| t.volunteer.phone_invalid)
    }

    pub fn birth(text: &str, today: Date, t: &Texts) -> Result<Date, &'static str> {
        let date: Date = text.parse().map_err(|_| t.volunteer.birth_required)?;
        if date > today {
            Err(t.volunteer.birth_future)
        } else {
            Ok(date)
        }
    }

    pub fn weight(text: &str, t: &Texts) -> Result<Weight, &'static str> {
        Weight::parse_kg(text).ok_or(t.volunteer.weight_invalid)
    }
}

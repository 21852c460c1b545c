//! Small pieces several pages share.

use leptos::prelude::*;

/// A labelled drop-down filter: "all" (the empty value) first, then each choice as
/// (value, words). Changing it calls `on_choose` with the chosen value.
#[component]
pub fn FilterSelect(
    /// The select's id.
    id: &'static str,
    /// The label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// The words of the empty choice ("Mọi đơn vị").
    #[prop(into)]
    all: Signal<&'static str>,
    /// The choices after it.
    #[prop(into)]
    choices: Signal<Vec<(String, String)>>,
    /// The chosen value.
    value: RwSignal<String>,
    /// Called after a choice, with its value (to reset dependent filters).
    #[prop(optional, into)]
    on_choose: Option<Callback<String>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    value.set(chosen.clone());
                    if let Some(f) = on_choose {
                        f.run(chosen);
                    }
                }
                prop:value=move || value.get()
            >
                <option value="">{all}</option>
                {move || {
                    choices
                        .get()
                        .into_iter()
                        .map(|(v, words)| view! { <option value=v>{words}</option> })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// The participating units as filter choices, by name.
pub fn unit_choices(ledger: &crate::domain::Ledger) -> Vec<(String, String)> {
    let mut units: Vec<(String, String)> = ledger
        .units()
        .map(|u| (u.id.to_string(), u.name.clone()))
        .collect();
    crate::domain::order::sort_by(&mut units, |a, b| a.1.cmp(&b.1));
    units
}

/// Whether a `<details>` has been opened yet, and the handler of its `toggle` event that notes
/// it, so what it folds away is drawn the first time it is opened rather than with the page:
/// a folded part nobody opens costs the page's start nothing.
pub fn opened_once() -> (
    ReadSignal<bool>,
    impl Fn(leptos::ev::Event) + Copy + 'static,
) {
    let (opened, set_opened) = signal(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        if event_target::<web_sys::Element>(&ev).has_attribute("open") {
            set_opened.set(true);
        }
    };
    (opened, on_toggle)
}

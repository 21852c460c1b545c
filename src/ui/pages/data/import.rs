//! A donor or staff list from a spreadsheet (CSV): read whole, columns guessed from the header
//! and changeable, every row checked with its problems listed by row number, and only the valid
//! rows added, on confirmation. A donor already here with the same phone is updated, keeping
//! their donation history.

use leptos::prelude::*;

use crate::domain::{Affiliation, Category, DonorId, PersonDetails, UnitId};
use crate::share::csv::{self, ColumnMap, Field, ImportDefaults, Table};
use crate::ui::state::AppState;
use crate::ui::widgets::unit_choices;
use crate::ui::{clock, ids, upload};

/// How many row problems are listed before "and n more".
const SHOWN_PROBLEMS: usize = 50;

/// The import section of the Data page.
#[component]
pub fn ImportSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().import();
    let table = RwSignal::new(None::<Table>);
    let map = RwSignal::new(ColumnMap::default());
    let category = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let file_error = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let on_file = move |ev: leptos::ev::Event| {
        table.set(None);
        file_error.set(None);
        notice.set(None);
        let Some(file) = upload::chosen_files(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let tx = state.t();
            let text = match upload::file_text(&file, csv::MAX_CSV_BYTES).await {
                Ok(text) => text,
                Err(upload::FileError::TooLarge) => {
                    file_error.set(Some(tx.import().too_large.to_owned()));
                    return;
                }
                Err(upload::FileError::Unreadable) => {
                    file_error.set(Some(tx.import().unreadable.to_owned()));
                    return;
                }
            };
            match csv::parse(&text) {
                Ok(read) => {
                    let header = read
                        .records
                        .first()
                        .map(|r| r.cells.clone())
                        .unwrap_or_default();
                    map.set(csv::guess_columns(&header));
                    table.set(Some(read));
                }
                Err(e) => file_error.set(Some((tx.import().csv_error)(&e))),
            }
        });
    };
    let checked = Memo::new(move |_| {
        let table = table.get()?;
        let defaults = ImportDefaults {
            category: category
                .get()
                .parse::<usize>()
                .ok()
                .and_then(|i| Category::ALL.get(i).copied()),
            unit: UnitId::new(unit.get()).ok(),
        };
        let today = clock::today();
        Some(map.with(|m| {
            state
                .ledger
                .with(|l| csv::import_donors(&table, m, l.units(), &defaults, today))
        }))
    });
    let apply = move |_| {
        let Some(result) = checked.get_untracked() else {
            return;
        };
        let tx = state.t();
        let now = clock::now();
        let outcome = state.change(|l| {
            let mut people = Vec::with_capacity(result.valid.len());
            for row in result.valid {
                let person = PersonDetails {
                    draft: row.draft,
                    written_at: now.stamp,
                    affiliation: Affiliation::Given,
                };
                people.push((DonorId::new(ids::new_id())?, person));
            }
            l.register_donors(people, now.date, now.stamp)
        });
        match outcome {
            Ok((added, updated)) => {
                notice.set(Some((tx.import().applied)(added, updated)));
                table.set(None);
            }
            Err(_) => notice.set(Some(tx.storage.change_refused.to_owned())),
        }
    };
    let columns = move || {
        table.with(|t| {
            let Some(t) = t else { return Vec::new() };
            let width = t.records.iter().map(|r| r.cells.len()).max().unwrap_or(0);
            let header = t
                .records
                .first()
                .map(|r| r.cells.clone())
                .unwrap_or_default();
            (0..width)
                .map(|i| {
                    let name = if map.with(|m| m.has_header) {
                        header.get(i).cloned().unwrap_or_default()
                    } else {
                        String::new()
                    };
                    (t_col(i), (state.t().import().column)(i + 1, name.trim()))
                })
                .collect()
        })
    };
    view! {
        <section class="card section" aria-labelledby="import-heading">
            <h2 id="import-heading">{move || t().heading}</h2>
            <p>{move || t().intro}</p>
            <div class="field">
                <label for="import-file">{move || t().file}</label>
                <input
                    id="import-file"
                    type="file"
                    accept=".csv,text/csv,text/plain"
                    aria-describedby="import-file-msg"
                    aria-invalid=move || if file_error.get().is_some() { "true" } else { "false" }
                    on:change=on_file
                />
                <p class="field-error" id="import-file-msg">{move || file_error.get()}</p>
            </div>
            <Show when=move || table.with(Option::is_some)>
                <fieldset class="import-columns">
                    <legend>{move || t().columns}</legend>
                    <label class="choice">
                        <input
                            type="checkbox"
                            id="import-header"
                            prop:checked=move || map.with(|m| m.has_header)
                            on:change=move |ev| map.update(|m| m.has_header = event_target_checked(&ev))
                        />
                        {move || t().has_header}
                    </label>
                    <div class="field-row">
                        {Field::ALL
                            .into_iter()
                            .map(|field| {
                                let id = format!("import-col-{}", field_key(field));
                                view! {
                                    <div class="field">
                                        <label for=id.clone()>{move || (t().field)(field)}</label>
                                        <select
                                            id=id
                                            on:change=move |ev| {
                                                let v = event_target_value(&ev).parse::<usize>().ok();
                                                map.update(|m| m.set(field, v));
                                            }
                                        >
                                            <option value="" selected=move || map.with(|m| m.get(field).is_none())>
                                                {move || t().no_column}
                                            </option>
                                            {move || {
                                                columns()
                                                    .into_iter()
                                                    .map(|(v, words)| {
                                                        let i = v.parse::<usize>().ok();
                                                        view! {
                                                            <option value=v selected=move || map.with(|m| m.get(field)) == i>
                                                                {words}
                                                            </option>
                                                        }
                                                    })
                                                    .collect_view()
                                            }}
                                        </select>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                    <div class="field-row">
                        <div class="field">
                            <label for="import-category">{move || t().default_category}</label>
                            <select id="import-category" on:change=move |ev| category.set(event_target_value(&ev))>
                                <option value="">{move || t().none}</option>
                                {(0..Category::ALL.len())
                                    .map(|i| {
                                        view! {
                                            <option value=i.to_string()>
                                                {move || state.t().volunteer.category(Category::ALL[i])}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="import-unit">{move || t().default_unit}</label>
                            <select id="import-unit" on:change=move |ev| unit.set(event_target_value(&ev))>
                                <option value="">{move || t().none}</option>
                                {move || {
                                    state
                                        .ledger
                                        .with(unit_choices)
                                        .into_iter()
                                        .map(|(v, words)| view! { <option value=v>{words}</option> })
                                        .collect_view()
                                }}
                            </select>
                        </div>
                    </div>
                </fieldset>
                {move || {
                    checked
                        .get()
                        .map(|result| {
                            let tx = state.t();
                            let bad_rows = {
                                let mut rows: Vec<usize> = result.errors.iter().map(|e| e.row).collect();
                                rows.dedup();
                                rows.len()
                            };
                            let more = result.errors.len().saturating_sub(SHOWN_PROBLEMS);
                            let n = result.valid.len();
                            view! {
                                <p id="import-summary" role="status">{(tx.import().summary)(n, bad_rows)}</p>
                                <ul class="plain-list paste-errors">
                                    {result
                                        .errors
                                        .iter()
                                        .take(SHOWN_PROBLEMS)
                                        .map(|e| {
                                            let text = (tx.import().row_problem)(
                                                e.row,
                                                (tx.import().field)(e.field),
                                                &(tx.import().problem)(&e.problem),
                                            );
                                            view! { <li class="field-error">{text}</li> }
                                        })
                                        .collect_view()}
                                    {(more > 0).then(|| view! { <li>{(tx.import().more_problems)(more)}</li> })}
                                </ul>
                                <div class="actions">
                                    <button type="button" class="button" disabled=n == 0 on:click=apply>
                                        {(tx.import().apply)(n)}
                                    </button>
                                </div>
                            }
                        })
                }}
            </Show>
            <p class="notice" role="status">{move || notice.get()}</p>
        </section>
    }
}

/// A column index as a form value.
fn t_col(i: usize) -> String {
    i.to_string()
}

/// A field's part of an element id.
fn field_key(f: Field) -> &'static str {
    match f {
        Field::Name => "name",
        Field::Phone => "phone",
        Field::BirthDate => "birth",
        Field::Sex => "sex",
        Field::Weight => "weight",
        Field::Category => "category",
        Field::Unit => "unit",
        Field::CitizenId => "citizen",
        Field::BloodGroup => "group",
    }
}

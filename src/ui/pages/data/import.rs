//! A donor or staff list from a spreadsheet (CSV): read whole, columns guessed from the header
//! and changeable, the defaults for empty categories and units shown as applied (none until
//! chosen, for each file), every row checked with its problems listed by row number and the
//! valid rows' blood groups counted, and only the valid rows added, on confirmation. A donor
//! already here with the same phone is updated, keeping their donation history (or kept, and
//! said so, when the record here is as recent). The file field is cleared after each reading,
//! so the same file chosen again is read again.

use leptos::prelude::*;

use crate::domain::{Affiliation, BloodGroup, Category, DonorId, PersonDetails, UnitId};
use crate::share::csv::{self, ColumnMap, Field, ImportDefaults, Table};
use crate::ui::i18n::Texts;
use crate::ui::state::AppState;
use crate::ui::widgets::{FilterSelect, unit_choices};
use crate::ui::{clock, ids, upload};

/// How many row problems are listed before "and n more".
const SHOWN_PROBLEMS: usize = 50;

/// The import section of the Data page.
#[component]
pub fn ImportSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().import();
    let table = RwSignal::new(None::<Table>);
    let file_name = RwSignal::new(String::new());
    let map = RwSignal::new(ColumnMap::default());
    // The defaults shown are the defaults applied: the selects show these signals, and each
    // file read starts again from none.
    let category = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let file_error = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let on_file = move |ev: leptos::ev::Event| {
        table.set(None);
        file_error.set(None);
        notice.set(None);
        let file = upload::chosen_files(&ev).into_iter().next();
        // Cleared at once, so the same file chosen again (fixed and saved over) reads again.
        event_target::<web_sys::HtmlInputElement>(&ev).set_value("");
        let Some(file) = file else {
            return;
        };
        category.set(String::new());
        unit.set(String::new());
        file_name.set(file.name());
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
                    map.set(csv::guess_columns(
                        read.records.first().map_or(&[][..], |r| &r.cells),
                    ));
                    table.set(Some(read));
                }
                Err(e) => file_error.set(Some((tx.import().csv_error)(&e))),
            }
        });
    };
    let checked = Memo::new(move |_| {
        let defaults = ImportDefaults {
            category: category
                .with(|c| c.parse::<usize>().ok())
                .and_then(|i| Category::ALL.get(i).copied()),
            unit: UnitId::new(unit.get()).ok(),
        };
        let today = clock::today();
        table.with(|table| {
            let table = table.as_ref()?;
            Some(map.with(|m| {
                state
                    .ledger
                    .with(|l| csv::import_donors(table, m, l.units(), &defaults, today))
            }))
        })
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
            Ok((added, updated, kept)) => {
                notice.set(Some((tx.import().applied)(added, updated, kept)));
                table.set(None);
            }
            Err(_) => notice.set(Some(tx.storage.change_refused.to_owned())),
        }
    };
    let has_header = Memo::new(move |_| map.with(|m| m.has_header));
    // The words of each column, once per file, header or language (not once per select).
    let column_names = Memo::new(move |_| {
        let words = state.t().import().column;
        let header = has_header.get();
        table.with(|t| {
            let Some(t) = t else { return Vec::new() };
            let width = t.records.iter().map(|r| r.cells.len()).max().unwrap_or(0);
            let first = t.records.first().map_or(&[][..], |r| &r.cells);
            (0..width)
                .map(|i| {
                    let name = if header {
                        first.get(i).map_or("", |h| h.trim())
                    } else {
                        ""
                    };
                    words(i + 1, name)
                })
                .collect::<Vec<String>>()
        })
    });
    let category_choices = Signal::derive(move || {
        let v = &state.t().volunteer;
        Category::ALL
            .iter()
            .enumerate()
            .map(|(i, c)| (i.to_string(), v.category(*c).to_owned()))
            .collect::<Vec<_>>()
    });
    let unit_list = Signal::derive(move || state.ledger.with(unit_choices));
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
                <p>{move || (t().read_file)(&file_name.get())}</p>
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
                                                column_names
                                                    .with(|names| {
                                                        names
                                                            .iter()
                                                            .enumerate()
                                                            .map(|(i, words)| {
                                                                view! {
                                                                    <option
                                                                        value=i.to_string()
                                                                        selected=move || map.with(|m| m.get(field)) == Some(i)
                                                                    >
                                                                        {words.clone()}
                                                                    </option>
                                                                }
                                                            })
                                                            .collect_view()
                                                    })
                                            }}
                                        </select>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                    <div class="field-row">
                        <FilterSelect
                            id="import-category"
                            label=Signal::derive(move || t().default_category)
                            all=Signal::derive(move || t().none)
                            choices=category_choices
                            value=category
                        />
                        <FilterSelect
                            id="import-unit"
                            label=Signal::derive(move || t().default_unit)
                            all=Signal::derive(move || t().none)
                            choices=unit_list
                            value=unit
                        />
                    </div>
                </fieldset>
                {move || {
                    checked
                        .with(|result| result.as_ref().map(|result| {
                            let tx = state.t();
                            let bad_rows = {
                                let mut rows: Vec<usize> = result.errors.iter().map(|e| e.row).collect();
                                rows.dedup();
                                rows.len()
                            };
                            let more = result.errors.len().saturating_sub(SHOWN_PROBLEMS);
                            let n = result.valid.len();
                            let groups = (n > 0).then(|| (tx.import().groups)(&group_counts(result, tx)));
                            view! {
                                <p id="import-summary" role="status">{(tx.import().summary)(n, bad_rows)}</p>
                                {groups.map(|g| view! { <p id="import-groups">{g}</p> })}
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
                        }))
                }}
            </Show>
            <p class="notice" role="status">{move || notice.get()}</p>
        </section>
    }
}

/// The blood groups of the valid rows with how many have each, in [`BloodGroup::ALL`] order
/// and "not known" last: "O+: 3, O (Rh chưa rõ): 2, Không biết: 1".
fn group_counts(result: &csv::DonorImport, tx: &Texts) -> String {
    let v = &tx.volunteer;
    BloodGroup::ALL
        .into_iter()
        .map(Some)
        .chain([None])
        .filter_map(|g| {
            let n = result
                .valid
                .iter()
                .filter(|r| r.draft.blood_group == g)
                .count();
            let name = g.map_or_else(|| v.group_unknown.to_owned(), |g| v.blood_group(g));
            (n > 0).then(|| format!("{name}: {n}"))
        })
        .collect::<Vec<_>>()
        .join(", ")
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

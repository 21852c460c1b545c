//! Reads a file the person chose, as text, refusing one larger than the caller allows before
//! reading it.

/// Why a chosen file was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileError {
    /// Larger than allowed.
    TooLarge,
    /// The browser could not read it as text.
    Unreadable,
}

/// The text of `file`, if it is at most `max_bytes` long and readable.
pub async fn file_text(file: &web_sys::File, max_bytes: usize) -> Result<String, FileError> {
    if file.size() > max_bytes as f64 {
        return Err(FileError::TooLarge);
    }
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or(FileError::Unreadable)
}

/// The files chosen in the `<input type="file">` an event came from.
pub fn chosen_files(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let input = leptos::prelude::event_target::<web_sys::HtmlInputElement>(ev);
    let Some(list) = input.files() else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

//! Text as people type it or files bring it, in one form: Unicode NFC (composed).
//!
//! Vietnamese can be typed two ways that look the same: "ễ" as one character (NFC, what most
//! keyboards and Google Forms give) or as "e" followed by two combining marks (NFD, Unikey's
//! "Unicode tổ hợp", common on Windows). Stored as typed, "Nguyễn" in both forms would be two
//! spellings of one name for search, duplicate detection and sorting, so every text that comes
//! in (form fields, imported files) goes through [`nfc`] at the boundary, and the domain only
//! ever sees composed text.
//!
//! In the browser this is the JavaScript engine's own `String.prototype.normalize("NFC")`
//! (through js-sys): one imported function and a few lines of glue, where the
//! `unicode-normalization` crate's tables and code measured 132 KB raw, 65 KiB gzip in a wasm
//! build by themselves (`-Oz`), more than any build's room under its 300 KiB budget. Natively
//! (the tests) it is that crate, linked into no wasm build. Both implement the same Unicode
//! algorithm; the end-to-end import test checks the browser's with the decomposed names the
//! native tests use.

use std::borrow::Cow;

/// The text in Unicode normalisation form C. Text made only of characters below U+0300 and
/// of the precomposed Latin letters U+1E00 to U+1EFF (ASCII, and Vietnamese typed composed) is
/// already in that form and is returned as it is, without a call into JavaScript.
pub fn nfc(text: &str) -> Cow<'_, str> {
    if text
        .chars()
        .all(|c| c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c))
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(compose(text))
}

#[cfg(target_arch = "wasm32")]
fn compose(text: &str) -> String {
    js_sys::JsString::from(text)
        .normalize("NFC")
        .as_string()
        .unwrap_or_else(|| text.to_owned())
}

#[cfg(not(target_arch = "wasm32"))]
fn compose(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_typed_with_combining_accents_becomes_the_composed_name() {
        // Issue 20: "Nguyễn" typed with Unikey's "Unicode tổ hợp" (NFD) was stored as typed
        // and differed from the same name typed composed.
        let decomposed = "Nguye\u{0302}\u{0303}n Thi\u{0323} Ho\u{031B}\u{0300}ng";
        let composed = "Nguyễn Thị Hờng";
        assert_ne!(decomposed, composed);
        assert_eq!(nfc(decomposed), composed);
        assert_eq!(nfc(composed), composed);
        assert!(
            matches!(nfc(composed), Cow::Borrowed(_)),
            "no work when composed"
        );
        assert!(matches!(nfc("Tran Van A"), Cow::Borrowed(_)));
        // Order of marks that are not canonically ordered is fixed too.
        assert_eq!(nfc("e\u{0323}\u{0302}"), "ệ");
        assert_eq!(nfc("e\u{0302}\u{0323}"), "ệ");
    }
}

//! Data in and out of the device: backup and restore (JSON), rosters (CSV), calendars
//! (iCalendar), and drives and pledges shared by link, QR code and file, with the merge of
//! incoming data.
//!
//! It owns every parser of foreign input; each validates fully before anything touches state. It
//! depends on `domain` only and must not import leptos or touch the DOM (only [`text`] calls a
//! built-in of the JavaScript engine, on wasm). Nothing here reads a clock: every timestamp and
//! "today" is an argument.
//!
//! - [`ical`] writes calendar files (RFC 5545) for a pledge and for a drive's schedule.
//! - [`csv`] writes rosters and reads donor lists (RFC 4180), row by row with errors.
//! - [`link`] packs a drive or a pledge slip into a URL fragment and unpacks it, checked.
//! - [`qr`] draws a QR code of any text as an SVG string.
//! - [`scan`] reads QR codes in a camera frame and tells a slip from a drive link or a foreign code.
//! - [`incoming`] keeps a shared drive and reviews and merges pledge slips sent back.
//! - [`envelope`] is the framing links share: deflate, CRC-32, base64url and a version tag.
//! - [`text`] puts text people type or files bring into one Unicode form (NFC).

#![warn(missing_docs)]

pub mod csv;
pub mod envelope;
pub mod ical;
pub mod incoming;
mod labels;
pub mod link;
pub mod qr;
pub mod scan;
pub mod text;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;

pub use labels::Language;

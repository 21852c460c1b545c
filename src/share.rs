//! Data in and out of the device: backup and restore (JSON), rosters (CSV), calendars
//! (iCalendar), and drives and pledges shared by link, QR code and file, with the merge of
//! incoming data.
//!
//! It owns every parser of foreign input; each validates fully before anything touches state. It
//! depends on `domain` only and must not import leptos or touch the DOM.

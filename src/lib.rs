//! Hiến máu: an offline blood-drive campaign app, one crate with a pure core and thin adapters.
//!
//! Dependencies point inward: [`ui`] uses [`charts`], [`share`], [`sync`] and [`storage`], which
//! use [`domain`] ([`sync`] also uses [`storage`]); [`domain`] uses nothing of ours and nothing of the browser.

pub mod charts;
pub mod domain;
pub mod share;
pub mod storage;
pub mod sync;
pub mod ui;

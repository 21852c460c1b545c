//! The business of a blood-donation campaign in pure Rust: campaigns, drives, sites, units,
//! volunteers, pledges, eligibility rules, targets and statistics.
//!
//! It owns every rule and every mutation (each returns `Result<_, DomainError>`). It must not
//! import leptos, web_sys, js_sys, wasm_bindgen, gloo or plotters, and it reads no clock and no
//! random source: "today" and new ids are arguments, so every behaviour is testable natively.

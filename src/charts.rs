//! Campaign charts: one pure drawing function per chart, generic over plotters'
//! `DrawingBackend`, plus one small canvas adapter that sizes the backing store to the CSS size
//! times the device pixel ratio.
//!
//! It depends on `domain` for the figures it draws and must not import leptos or read storage.

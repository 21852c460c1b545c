//! The one place a chart meets the browser: sizes a `<canvas>`'s backing store to its CSS size
//! times `window.devicePixelRatio` (so lines and text are sharp on phones), draws a chart
//! function on it through plotters-canvas, and watches it for size changes so the UI can redraw.
//!
//! Only built for wasm32. It knows nothing of Leptos: the UI calls [`draw`] from an effect that
//! reads the chart's data (a redraw on data change) and from [`watch_resize`]'s callback (a
//! redraw on resize), and gives the canvas `role="img"` and its `aria-label` in its view.

use std::fmt;

use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, IntoDrawingArea};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{HtmlCanvasElement, ResizeObserver};

use super::DrawResult;
use super::style::{ChartStyle, backing_size};

/// The size a canvas was drawn at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CanvasSize {
    /// Its width on the page, in CSS pixels.
    pub css_width: f64,
    /// Its height on the page, in CSS pixels.
    pub css_height: f64,
    /// Device pixels per CSS pixel it was drawn at.
    pub pixel_ratio: f64,
    /// Its backing store's width, in device pixels.
    pub width: u32,
    /// Its backing store's height, in device pixels.
    pub height: u32,
}

/// Why a chart could not be drawn on a canvas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CanvasError {
    /// The canvas takes no room on the page (not in the document, hidden, or zero-sized):
    /// nothing to draw until it has a size.
    NoSize,
    /// The canvas gave no 2D context (a context of another kind was taken first).
    NoContext,
    /// The drawing failed; the message of plotters' error.
    Draw(String),
    /// The browser refused to create a `ResizeObserver`.
    NoObserver,
}

impl fmt::Display for CanvasError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CanvasError::NoSize => write!(f, "the canvas has no size on the page"),
            CanvasError::NoContext => write!(f, "the canvas has no 2D context"),
            CanvasError::Draw(e) => write!(f, "drawing failed: {e}"),
            CanvasError::NoObserver => write!(f, "no ResizeObserver"),
        }
    }
}

impl std::error::Error for CanvasError {}

/// The window's device pixel ratio (1 outside a browser page).
pub fn pixel_ratio() -> f64 {
    web_sys::window().map_or(1.0, |w| w.device_pixel_ratio())
}

/// Sets `canvas.width` and `canvas.height` to its CSS size (its layout box; give it no border
/// or padding) times `ratio` (kept as [`ChartStyle::with_pixel_ratio`] keeps it), rounded, when
/// they differ: setting them clears the canvas, so an unchanged size is left alone.
pub fn fit(canvas: &HtmlCanvasElement, ratio: f64) -> Result<CanvasSize, CanvasError> {
    let ratio = ChartStyle::new(super::Theme::LIGHT)
        .with_pixel_ratio(ratio)
        .pixel_ratio;
    let rect = canvas.get_bounding_client_rect();
    let (width, height) = backing_size(rect.width(), rect.height(), ratio);
    if width == 0 || height == 0 {
        return Err(CanvasError::NoSize);
    }
    if canvas.width() != width {
        canvas.set_width(width);
    }
    if canvas.height() != height {
        canvas.set_height(height);
    }
    Ok(CanvasSize {
        css_width: rect.width(),
        css_height: rect.height(),
        pixel_ratio: ratio,
        width,
        height,
    })
}

/// Fits `canvas` to the window's pixel ratio and draws `chart` on all of it with `style` at
/// that ratio, for example
/// `draw(&canvas, style, |area, style| progress_chart(area, &points, style, &labels))`.
pub fn draw<F>(
    canvas: &HtmlCanvasElement,
    style: ChartStyle,
    chart: F,
) -> Result<CanvasSize, CanvasError>
where
    F: FnOnce(&DrawingArea<CanvasBackend, Shift>, &ChartStyle) -> DrawResult<CanvasBackend>,
{
    draw_at_ratio(canvas, style, pixel_ratio(), chart)
}

/// [`draw`] at a given pixel ratio instead of the window's (for tests, and for a sharper
/// drawing to print or export).
pub fn draw_at_ratio<F>(
    canvas: &HtmlCanvasElement,
    style: ChartStyle,
    ratio: f64,
    chart: F,
) -> Result<CanvasSize, CanvasError>
where
    F: FnOnce(&DrawingArea<CanvasBackend, Shift>, &ChartStyle) -> DrawResult<CanvasBackend>,
{
    let size = fit(canvas, ratio)?;
    let style = style.with_pixel_ratio(size.pixel_ratio);
    let backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or(CanvasError::NoContext)?;
    let area = backend.into_drawing_area();
    chart(&area, &style).map_err(|e| CanvasError::Draw(e.to_string()))?;
    area.present()
        .map_err(|e| CanvasError::Draw(e.to_string()))?;
    Ok(size)
}

/// Calls a function whenever a canvas changes size, until dropped.
pub struct ResizeWatch {
    observer: ResizeObserver,
    _callback: Closure<dyn FnMut()>,
}

impl Drop for ResizeWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `on_resize` once soon after (the browser reports the first size) and then each time
/// `canvas` changes size on the page, until the returned watch is dropped. Redraw the chart
/// with [`draw`] from it.
pub fn watch_resize(
    canvas: &HtmlCanvasElement,
    on_resize: impl FnMut() + 'static,
) -> Result<ResizeWatch, CanvasError> {
    let callback = Closure::<dyn FnMut()>::new(on_resize);
    let observer = ResizeObserver::new(callback.as_ref().unchecked_ref())
        .map_err(|_| CanvasError::NoObserver)?;
    observer.observe(canvas);
    Ok(ResizeWatch {
        observer,
        _callback: callback,
    })
}

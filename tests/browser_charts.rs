//! wasm-bindgen tests of the chart canvas adapter in headless Chromium: a chart drawn on a real
//! canvas is sized by the device pixel ratio, is not blank, follows the theme, and is redrawn
//! at its new size when the canvas is resized.
//!
//! Run with `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test
//! browser_charts`. Each test makes its own canvas.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use hien_mau::charts::canvas::{self, CanvasSize};
use hien_mau::charts::{
    ChartStyle, DailyNames, Labels, Locale, ProgressNames, Theme, daily_chart, progress_chart,
};
use hien_mau::domain::sample::{self, sample_ledger};
use hien_mau::domain::stats::{self, Filter};
use hien_mau::domain::{CampaignId, DriveId};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::js_sys::{Function, Promise};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

struct Vi;

impl Locale for Vi {
    fn number(&self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let mut out = String::from(if n < 0 { "-" } else { "" });
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(c);
        }
        out
    }
    fn decimal_separator(&self) -> char {
        ','
    }
}

/// A canvas of `width x height` CSS pixels in the document.
fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document.create_element("canvas").unwrap().unchecked_into();
    canvas
        .style()
        .set_css_text(&format!("display:block;width:{width}px;height:{height}px"));
    canvas.set_attribute("role", "img").unwrap();
    canvas.set_attribute("aria-label", "Tiến độ").unwrap();
    document.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

/// Draws the 2024 progress chart of the sample (last year's curve, the target path, the pace).
fn draw_progress(
    canvas: &HtmlCanvasElement,
    theme: Theme,
    ratio: Option<f64>,
) -> Result<CanvasSize, canvas::CanvasError> {
    let ledger = sample_ledger();
    let campaign = CampaignId::new(sample::CAMPAIGN_2024).unwrap();
    let today = "2024-05-01".parse().unwrap();
    let points = stats::cumulative(&ledger, &Filter::new(campaign), today);
    let labels = Labels {
        title: "Tiến độ hiến máu 2024",
        no_data: "Chưa có dữ liệu",
        value_axis: "đơn vị",
        names: ProgressNames {
            donated: "Đã hiến",
            target_path: "Lộ trình mục tiêu",
            previous_year: "Năm trước",
            required_pace: "Tốc độ cần đạt",
        },
        locale: &Vi,
    };
    let chart = |area: &_, style: &_| progress_chart(area, &points, style, &labels);
    match ratio {
        Some(r) => canvas::draw_at_ratio(canvas, ChartStyle::new(theme), r, chart),
        None => canvas::draw(canvas, ChartStyle::new(theme), chart),
    }
}

/// The canvas's pixels, RGBA.
fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let (w, h) = (canvas.width(), canvas.height());
    context
        .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
        .unwrap()
        .data()
        .to_vec()
}

/// Pixels that differ from the first one (the chart's background corner).
fn drawn_pixels(rgba: &[u8]) -> usize {
    let background = &rgba[..4];
    rgba.chunks_exact(4).filter(|p| *p != background).count()
}

#[wasm_bindgen_test]
fn a_chart_on_a_canvas_is_sized_by_the_pixel_ratio_and_not_blank() {
    let canvas = canvas(300, 150);
    let ratio = web_sys::window().unwrap().device_pixel_ratio();
    let size = draw_progress(&canvas, Theme::LIGHT, None).unwrap();
    assert_eq!(canvas.width(), (300.0 * ratio).round() as u32);
    assert_eq!(canvas.height(), (150.0 * ratio).round() as u32);
    assert_eq!((size.width, size.height), (canvas.width(), canvas.height()));
    let rgba = pixels(&canvas);
    let opaque = rgba.chunks_exact(4).filter(|p| p[3] > 0).count();
    assert_eq!(opaque, rgba.len() / 4, "the background covers the canvas");
    assert!(
        drawn_pixels(&rgba) > rgba.len() / 4 / 50,
        "lines and text cover more than 2 % of the canvas"
    );
}

#[wasm_bindgen_test]
fn a_phone_pixel_ratio_doubles_the_backing_store() {
    let canvas = canvas(300, 150);
    let size = draw_progress(&canvas, Theme::LIGHT, Some(2.0)).unwrap();
    assert_eq!((canvas.width(), canvas.height()), (600, 300));
    assert_eq!(size.pixel_ratio, 2.0);
    assert!(drawn_pixels(&pixels(&canvas)) > 600 * 300 / 50);
}

#[wasm_bindgen_test]
fn the_dark_theme_paints_the_dark_surface() {
    let canvas = canvas(300, 150);
    draw_progress(&canvas, Theme::DARK, None).unwrap();
    let rgba = pixels(&canvas);
    let bg = Theme::DARK.background;
    assert_eq!(&rgba[..4], &[bg.0, bg.1, bg.2, 255]);
}

#[wasm_bindgen_test]
fn a_canvas_without_size_is_not_drawn() {
    let canvas = canvas(0, 150);
    assert_eq!(
        draw_progress(&canvas, Theme::LIGHT, None),
        Err(canvas::CanvasError::NoSize)
    );
}

/// A promise and the function that resolves it.
fn promise() -> (Promise, Function) {
    let mut resolve = None;
    let promise = Promise::new(&mut |res, _| resolve = Some(res));
    (promise, resolve.unwrap())
}

#[wasm_bindgen_test]
async fn a_watched_canvas_is_redrawn_at_its_new_size() {
    let canvas = canvas(200, 120);
    let ratio = web_sys::window().unwrap().device_pixel_ratio();
    let widths = Rc::new(RefCell::new(Vec::new()));
    let waiting: Rc<RefCell<Option<Function>>> = Rc::default();
    let ledger = sample_ledger();
    let drive = Filter::new(CampaignId::new(sample::CAMPAIGN_2023).unwrap())
        .with_drive(DriveId::new(sample::DRIVE_2023_1).unwrap());
    let rows = stats::by_day(&ledger, &drive);
    let on_resize = {
        let (canvas, widths, waiting) = (canvas.clone(), widths.clone(), waiting.clone());
        move || {
            let labels = Labels {
                title: "Đợt 1",
                no_data: "Chưa có dữ liệu",
                value_axis: "",
                names: DailyNames {
                    pledges: "Đăng ký",
                    units: "Đơn vị máu",
                },
                locale: &Vi,
            };
            if let Ok(size) = canvas::draw(&canvas, ChartStyle::new(Theme::LIGHT), |a, s| {
                daily_chart(a, &rows, s, &labels)
            }) {
                widths.borrow_mut().push(size.width);
            }
            if let Some(resolve) = waiting.borrow_mut().take() {
                resolve.call0(&JsValue::NULL).unwrap();
            }
        }
    };
    let (first, resolve) = promise();
    *waiting.borrow_mut() = Some(resolve);
    let watch = canvas::watch_resize(&canvas, on_resize).unwrap();
    JsFuture::from(first).await.unwrap();
    let (second, resolve) = promise();
    *waiting.borrow_mut() = Some(resolve);
    canvas.style().set_property("width", "260px").unwrap();
    JsFuture::from(second).await.unwrap();
    drop(watch);
    let expected = [
        (200.0 * ratio).round() as u32,
        (260.0 * ratio).round() as u32,
    ];
    assert_eq!(*widths.borrow(), expected);
    assert_eq!(canvas.width(), expected[1]);
}

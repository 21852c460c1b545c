//! The camera of the desk's and the inbox's scanner (served at `/organizer/scan/`, shown in a
//! frame by `ui::scanner`): no Leptos, only the camera and the QR decoder, so the pages that
//! scan do not carry them. It opens the rear camera, reads a frame every [`FRAME_EVERY`] (the
//! browser's `BarcodeDetector` where there is one; elsewhere, Chromium on Linux and Windows or
//! Firefox, the frame's luma goes to [`decode_luma`]) and posts each new text, or why there is
//! no camera, to the page that shows it, as a [`ScanMessage`] for this origin only. The page
//! removes the frame to stop the camera.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use hien_mau::share::scan::{CameraProblem, ScanMessage, decode_luma, luma_of_rgba};
use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream, Window};

/// How often a frame is read (ms): often enough to answer as the slip comes into view, rarely
/// enough to leave a slow phone's main thread free.
const FRAME_EVERY: i32 = 200;

/// The longest side of the frame given to the decoder, in pixels.
const FRAME_SIDE: f64 = 640.0;

/// The same text seen again within this many milliseconds is the same code still in view.
const SAME_CODE_MS: f64 = 2500.0;

fn main() {
    let Some(window) = web_sys::window() else {
        return;
    };
    spawn_local(async move {
        match open_camera(&window).await {
            Ok(stream) => show(&window, stream).await,
            Err(problem) => tell(&window, &ScanMessage::Problem(problem)),
        }
    });
}

/// Posts `message` to the page that shows this frame, for this origin only.
fn tell(window: &Window, message: &ScanMessage) {
    let origin = window.location().origin().unwrap_or_default();
    if let Ok(Some(parent)) = window.parent() {
        let _ = parent.post_message(&JsValue::from_str(&message.encode()), &origin);
    }
}

/// Asks for the rear camera (any camera where there is none at the back).
async fn open_camera(window: &Window) -> Result<MediaStream, CameraProblem> {
    let navigator = window.navigator();
    let has_devices = Reflect::get(&navigator, &JsValue::from_str("mediaDevices"))
        .is_ok_and(|d| !d.is_undefined() && !d.is_null());
    if !window.is_secure_context() {
        return Err(CameraProblem::Insecure);
    }
    if !has_devices {
        return Err(CameraProblem::NoCamera);
    }
    let devices = navigator
        .media_devices()
        .map_err(|_| CameraProblem::Failed)?;
    let video = Object::new();
    let _ = Reflect::set(&video, &"facingMode".into(), &"environment".into());
    let constraints = web_sys::MediaStreamConstraints::new();
    constraints.set_video(&video);
    constraints.set_audio(&JsValue::FALSE);
    let promise = devices
        .get_user_media_with_constraints(&constraints)
        .map_err(|e| problem_of(&e))?;
    JsFuture::from(promise)
        .await
        .map_err(|e| problem_of(&e))?
        .dyn_into::<MediaStream>()
        .map_err(|_| CameraProblem::Failed)
}

fn problem_of(error: &JsValue) -> CameraProblem {
    let name = Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    CameraProblem::from_error_name(&name)
}

/// Shows the camera's picture filling the frame and starts reading it.
async fn show(window: &Window, stream: MediaStream) {
    let video = window
        .document()
        .and_then(|d| d.create_element("video").ok())
        .and_then(|v| v.dyn_into::<HtmlVideoElement>().ok());
    let Some(video) = video else {
        tell(window, &ScanMessage::Problem(CameraProblem::Failed));
        return;
    };
    let _ = video.set_attribute("playsinline", "");
    video.set_muted(true);
    video.set_src_object(Some(&stream));
    if let Some(body) = window.document().and_then(|d| d.body()) {
        let _ = body.append_child(&video);
    }
    if let Ok(p) = video.play() {
        let _ = JsFuture::from(p).await;
    }
    tell(window, &ScanMessage::Looking);
    read_frames(window, video);
}

/// Reads the video's frames every [`FRAME_EVERY`] ms for as long as the frame is shown; each
/// new text goes to the page.
fn read_frames(window: &Window, video: HtmlVideoElement) {
    let Some(canvas) = window
        .document()
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
    else {
        return;
    };
    let detector = Rc::new(RefCell::new(barcode_detector(window)));
    let busy = Rc::new(Cell::new(false));
    let last = Rc::new(RefCell::new((String::new(), f64::MIN)));
    let luma = RefCell::new(Vec::new());
    let seen = {
        let window = window.clone();
        Rc::new(move |texts: Vec<String>| {
            let Some(text) = texts.into_iter().next() else {
                return;
            };
            let now = js_sys::Date::now();
            let mut last = last.borrow_mut();
            let again = last.0 == text && now - last.1 < SAME_CODE_MS;
            *last = (text.clone(), now);
            if !again {
                tell(&window, &ScanMessage::Text(text));
            }
        })
    };
    let tick = Closure::<dyn FnMut()>::new(move || {
        if busy.get() || video.ready_state() < 2 {
            return;
        }
        let native = detector.borrow().clone();
        if let Some(detector_obj) = native {
            busy.set(true);
            let (busy, video, seen, slot) =
                (busy.clone(), video.clone(), seen.clone(), detector.clone());
            spawn_local(async move {
                match detect(&detector_obj, &video).await {
                    Some(texts) => seen(texts),
                    // This browser's detector does not read these: the decoder here does.
                    None => *slot.borrow_mut() = None,
                }
                busy.set(false);
            });
        } else {
            let mut luma = luma.borrow_mut();
            if let Some((w, h)) = frame_luma(&video, &canvas, &mut luma) {
                seen(decode_luma(w, h, &luma));
            }
        }
    });
    let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        FRAME_EVERY,
    );
    // The timer lives as long as the frame's document.
    tick.forget();
}

/// The browser's `BarcodeDetector` for QR codes, where there is one.
fn barcode_detector(window: &Window) -> Option<Object> {
    let ctor: Function = Reflect::get(window, &"BarcodeDetector".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let options = Object::new();
    Reflect::set(&options, &"formats".into(), &Array::of1(&"qr_code".into())).ok()?;
    Reflect::construct(&ctor, &Array::of1(&options))
        .ok()?
        .dyn_into()
        .ok()
}

/// The texts the browser's detector reads in the video's current frame; `None` when it fails.
async fn detect(detector: &Object, video: &HtmlVideoElement) -> Option<Vec<String>> {
    let detect: Function = Reflect::get(detector, &"detect".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: Promise = detect.call1(detector, video).ok()?.dyn_into().ok()?;
    let found = JsFuture::from(promise).await.ok()?;
    Some(
        Array::from(&found)
            .iter()
            .filter_map(|code| Reflect::get(&code, &"rawValue".into()).ok()?.as_string())
            .collect(),
    )
}

/// The video's current frame, at most [`FRAME_SIDE`] pixels on its longer side, as luma in
/// `out`; its width and height.
fn frame_luma(
    video: &HtmlVideoElement,
    canvas: &HtmlCanvasElement,
    out: &mut Vec<u8>,
) -> Option<(usize, usize)> {
    let (vw, vh) = (
        f64::from(video.video_width()),
        f64::from(video.video_height()),
    );
    if vw < 1.0 || vh < 1.0 {
        return None;
    }
    let scale = (FRAME_SIDE / vw.max(vh)).min(1.0);
    let (w, h) = ((vw * scale).round() as u32, (vh * scale).round() as u32);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let options = Object::new();
    let _ = Reflect::set(&options, &"willReadFrequently".into(), &JsValue::TRUE);
    let ctx: CanvasRenderingContext2d = canvas
        .get_context_with_context_options("2d", &options)
        .ok()??
        .dyn_into()
        .ok()?;
    ctx.draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w.into(), h.into())
        .ok()?;
    let data = ctx
        .get_image_data(0.0, 0.0, w.into(), h.into())
        .ok()?
        .data();
    luma_of_rgba(&data, out);
    Some((w as usize, h as usize))
}

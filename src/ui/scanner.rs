//! The QR scanner of the desk and the inbox: a "Scan" button that opens the rear camera in the
//! page, reads QR codes from its frames a few times a second, and hands each text read to the
//! page. The browser's `BarcodeDetector` reads them where there is one; elsewhere (Chromium on
//! Linux and Windows, Firefox) the frame's luma goes to [`crate::share::scan::decode_luma`].
//!
//! The camera stops when the scanner is closed, when the page is left and when it is hidden
//! (another tab, the phone locked). When there is no camera to have (permission refused, none
//! there, another app holding it, a page not served over HTTPS), the scanner says which and
//! what to do; the page's own search stays where it was.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use js_sys::{Array, Function, Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream};

use crate::share::scan::{decode_luma, luma_of_rgba};
use crate::ui::state::AppState;

/// How often a frame is read: often enough to answer as the slip comes into view, rarely
/// enough to leave a slow phone's main thread free.
const FRAME_EVERY: Duration = Duration::from_millis(200);

/// The longest side of the frame given to the decoder, in pixels.
const FRAME_SIDE: f64 = 640.0;

/// The same text seen again within this many milliseconds is the same code still in view.
const SAME_CODE_MS: f64 = 2500.0;

/// Why there is no camera.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CameraProblem {
    /// The person or the browser refused the permission.
    Refused,
    /// No camera on this device.
    NoCamera,
    /// Another app holds the camera.
    InUse,
    /// Not HTTPS nor localhost: browsers give no camera there.
    Insecure,
    /// Anything else.
    Failed,
}

impl CameraProblem {
    /// The problem behind a `getUserMedia` refusal, by the `DOMException`'s name.
    pub fn from_error_name(name: &str) -> CameraProblem {
        match name {
            "NotAllowedError" | "SecurityError" | "PermissionDeniedError" => CameraProblem::Refused,
            "NotFoundError" | "OverconstrainedError" | "DevicesNotFoundError" => {
                CameraProblem::NoCamera
            }
            "NotReadableError" | "TrackStartError" | "AbortError" => CameraProblem::InUse,
            _ => CameraProblem::Failed,
        }
    }
}

/// What the scanner shows under the picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Starting,
    Looking,
    Problem(CameraProblem),
}

/// The camera while the scanner is open: its stream and its frame timer, and whether the
/// scanner was closed before the camera answered.
#[derive(Default)]
struct Camera {
    stream: Option<MediaStream>,
    timer: Option<IntervalHandle>,
    closed: bool,
}

impl Camera {
    fn stop(&mut self) {
        self.closed = true;
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
        if let Some(stream) = self.stream.take() {
            stop_stream(&stream);
        }
    }
}

fn stop_stream(stream: &MediaStream) {
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
            track.stop();
        }
    }
}

/// A "Scan" button and, once pressed, the camera's picture with what it found. `on_text` gets
/// each text read, once while the same code stays in view.
#[component]
pub fn ScanButton(on_text: Callback<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().scan();
    let open = RwSignal::new(false);
    view! {
        <div class="scan">
            <button
                type="button"
                class="button button-secondary scan-toggle"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || if open.get() { t().stop } else { t().scan }}
            </button>
            <Show when=move || open.get()>
                <Scanner on_text on_close=Callback::new(move |()| open.set(false)) />
            </Show>
        </div>
    }
}

/// The open camera: started when shown, stopped when removed.
#[component]
fn Scanner(on_text: Callback<String>, on_close: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || state.t().scan();
    let phase = RwSignal::new(Phase::Starting);
    let video = NodeRef::<leptos::html::Video>::new();
    let camera = StoredValue::new_local(Camera::default());
    on_cleanup(move || {
        camera.try_update_value(Camera::stop);
    });
    // Hidden (another tab, the screen locked): the camera goes off and the scanner closes.
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().hidden() {
            on_close.run(());
        }
    });
    on_cleanup(move || hidden.remove());
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        let Some(el) = video.get() else {
            return false;
        };
        let el: HtmlVideoElement = el;
        leptos::task::spawn_local(async move {
            match open_camera().await {
                Ok(stream) => {
                    let live = camera
                        .try_update_value(|c| {
                            if c.closed {
                                return false;
                            }
                            c.stream = Some(stream.clone());
                            true
                        })
                        .unwrap_or(false);
                    if !live {
                        stop_stream(&stream);
                        return;
                    }
                    el.set_src_object(Some(&stream));
                    if let Ok(p) = el.play() {
                        let _ = JsFuture::from(p).await;
                    }
                    phase.try_set(Phase::Looking);
                    let timer = read_frames(el, on_text, camera);
                    camera.try_update_value(|c| c.timer = timer);
                }
                Err(problem) => {
                    phase.try_set(Phase::Problem(problem));
                }
            }
        });
        true
    });
    let words = move || {
        let t = t();
        match phase.get() {
            Phase::Starting => t.starting,
            Phase::Looking => t.looking,
            Phase::Problem(CameraProblem::Refused) => t.refused,
            Phase::Problem(CameraProblem::NoCamera) => t.no_camera,
            Phase::Problem(CameraProblem::InUse) => t.in_use,
            Phase::Problem(CameraProblem::Insecure) => t.insecure,
            Phase::Problem(CameraProblem::Failed) => t.failed,
        }
    };
    let failed = move || matches!(phase.get(), Phase::Problem(_));
    view! {
        <div class="scanner">
            <video
                node_ref=video
                class="scanner-video"
                class:hidden=failed
                aria-label=move || t().camera_view
                playsinline=true
                prop:muted=true
            ></video>
            <p
                class=move || if failed() { "banner banner-warn scanner-status" } else { "hint scanner-status" }
                role=move || if failed() { "alert" } else { "status" }
            >
                {words}
            </p>
        </div>
    }
}

/// Asks for the rear camera (any camera where there is none at the back).
async fn open_camera() -> Result<MediaStream, CameraProblem> {
    let window = window();
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

/// Reads the video's frames every [`FRAME_EVERY`] until the timer is cleared; each new text
/// goes to `on_text` while the scanner is open (a detection may end after it closed).
fn read_frames(
    video: HtmlVideoElement,
    on_text: Callback<String>,
    camera: StoredValue<Camera, LocalStorage>,
) -> Option<IntervalHandle> {
    let canvas: HtmlCanvasElement = document().create_element("canvas").ok()?.dyn_into().ok()?;
    let detector = Rc::new(RefCell::new(barcode_detector()));
    let busy = Rc::new(Cell::new(false));
    let last = Rc::new(RefCell::new((String::new(), f64::MIN)));
    let luma = RefCell::new(Vec::new());
    let seen = {
        let last = last.clone();
        move |texts: Vec<String>| {
            let Some(text) = texts.into_iter().next() else {
                return;
            };
            if !camera.try_with_value(|c| !c.closed).unwrap_or(false) {
                return;
            }
            let now = js_sys::Date::now();
            let mut last = last.borrow_mut();
            let again = last.0 == text && now - last.1 < SAME_CODE_MS;
            *last = (text.clone(), now);
            if !again {
                on_text.run(text);
            }
        }
    };
    let seen = Rc::new(seen);
    set_interval_with_handle(
        move || {
            if busy.get() || video.ready_state() < 2 {
                return;
            }
            let native = detector.borrow().clone();
            if let Some(detector_obj) = native {
                busy.set(true);
                let (busy, video, seen, slot) =
                    (busy.clone(), video.clone(), seen.clone(), detector.clone());
                leptos::task::spawn_local(async move {
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
        },
        FRAME_EVERY,
    )
    .ok()
}

/// The browser's `BarcodeDetector` for QR codes, where there is one.
fn barcode_detector() -> Option<Object> {
    let ctor: Function = Reflect::get(&window(), &"BarcodeDetector".into())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_of_the_camera_is_named_by_its_exception() {
        assert_eq!(
            CameraProblem::from_error_name("NotAllowedError"),
            CameraProblem::Refused
        );
        assert_eq!(
            CameraProblem::from_error_name("NotFoundError"),
            CameraProblem::NoCamera
        );
        assert_eq!(
            CameraProblem::from_error_name("NotReadableError"),
            CameraProblem::InUse
        );
        assert_eq!(
            CameraProblem::from_error_name("TypeError"),
            CameraProblem::Failed
        );
    }
}

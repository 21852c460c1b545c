//! QR codes read from a camera frame, and what the text read is to this app.
//!
//! A frame arrives as luma (one byte of brightness a pixel, row by row); [`decode_luma`] finds
//! every QR symbol in it with the `quircs` crate (a Rust port of the quirc library: no
//! dependencies at run time, about 25 KiB of gzipped wasm, some 5 ms a 640x480 frame natively)
//! and returns the texts. The browser's own `BarcodeDetector`, where there is one, gives the
//! same texts without this code. [`read_scanned`] then tells a slip from a drive link, a damaged
//! code of ours and a code of something else, each checked whole before anything uses it.

use super::envelope;
use super::link::{DRIVE_TAG, LinkError, PledgeSlip, SLIP_TAG, decode_slip};

/// What a QR code read by the camera holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scanned {
    /// A pledge slip (its link or its bare code).
    Slip(Box<PledgeSlip>),
    /// A shared drive's link (its checksum holds; its content is read where drives are kept, so
    /// the builds that scan do not carry the drive's reader).
    Drive,
    /// A sync pairing link (`…/organizer/sync/#pair=…`): read whole by the sync page.
    Pairing,
    /// One of this app's codes that does not read: cut, damaged or of a newer version.
    Damaged(LinkError),
    /// Anything else: a web address, a product's code, text.
    Foreign,
}

/// What kind of code a [`Scanned`] or a [`claimed`] text is, without its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// A pledge slip.
    Slip,
    /// A shared drive's link.
    Drive,
    /// A sync pairing link.
    Pairing,
    /// One of this app's codes that does not read.
    Damaged,
    /// Anything else.
    Foreign,
}

impl Scanned {
    /// Its kind, without its content.
    pub fn kind(&self) -> CodeKind {
        match self {
            Scanned::Slip(_) => CodeKind::Slip,
            Scanned::Drive => CodeKind::Drive,
            Scanned::Pairing => CodeKind::Pairing,
            Scanned::Damaged(_) => CodeKind::Damaged,
            Scanned::Foreign => CodeKind::Foreign,
        }
    }
}

/// What `text` says it is by its tag alone, nothing decoded nor checked: for a page that hands
/// the code to the page that reads it whole (the drives list opens a drive's page, which says
/// when its link is damaged), so it need not carry the readers. A tag of a version this app
/// does not know is still its kind (the reader names the version).
pub fn claimed(text: &str) -> CodeKind {
    if is_pairing(text) {
        return CodeKind::Pairing;
    }
    fn kind_of(tag: &str) -> &str {
        tag.trim_end_matches(|c: char| c.is_ascii_digit())
    }
    let tag = fragment_of(text).split_once('.').map_or("", |(tag, _)| tag);
    let versioned = kind_of(tag).len() < tag.len();
    match kind_of(tag) {
        k if versioned && k == kind_of(DRIVE_TAG) => CodeKind::Drive,
        k if versioned && k == kind_of(SLIP_TAG) => CodeKind::Slip,
        _ => CodeKind::Foreign,
    }
}

/// What `text` (read from a QR code) is: a pairing link (a fragment with `pair=`), a slip, else
/// a drive link; our tag with a bad body is damaged, any other text foreign.
pub fn read_scanned(text: &str) -> Scanned {
    if is_pairing(text) {
        return Scanned::Pairing;
    }
    let not_ours = |e: &LinkError| matches!(e, LinkError::BadPrefix(_) | LinkError::Empty);
    match decode_slip(text) {
        Ok(slip) => Scanned::Slip(Box::new(slip)),
        Err(e) if !not_ours(&e) => Scanned::Damaged(e),
        Err(_) => match envelope::open(DRIVE_TAG, text).map_err(LinkError::from) {
            Ok(_) => Scanned::Drive,
            Err(e) if !not_ours(&e) => Scanned::Damaged(e),
            Err(_) => Scanned::Foreign,
        },
    }
}

/// Whether `text` is a sync pairing link: its fragment has a `pair=` part.
pub fn is_pairing(text: &str) -> bool {
    text.split_once('#')
        .is_some_and(|(_, fragment)| fragment.split('&').any(|p| p.starts_with("pair=")))
}

/// The text after a link's last `#` (the whole text when there is none): what a page reads from
/// its own fragment.
pub fn fragment_of(text: &str) -> &str {
    text.rsplit('#').next().unwrap_or(text).trim()
}

/// The texts of the QR symbols found in a frame of `width` x `height` luma bytes (fewer bytes
/// than that: nothing is read). Symbols that are found but do not decode, and texts that are
/// not UTF-8, are left out.
pub fn decode_luma(width: usize, height: usize, luma: &[u8]) -> Vec<String> {
    if width == 0 || height == 0 || luma.len() < width * height {
        return Vec::new();
    }
    let mut decoder = quircs::Quirc::default();
    decoder
        .identify(width, height, &luma[..width * height])
        .filter_map(|code| code.ok()?.decode().ok())
        .filter_map(|data| String::from_utf8(data.payload).ok())
        .collect()
}

/// The luma of RGBA pixels (a canvas's image data) into `out`: ITU-R BT.601 weights in
/// integers, alpha ignored.
pub fn luma_of_rgba(rgba: &[u8], out: &mut Vec<u8>) {
    out.clear();
    out.extend(rgba.chunks_exact(4).map(|p| {
        let y = 77 * u32::from(p[0]) + 150 * u32::from(p[1]) + 29 * u32::from(p[2]);
        (y >> 8) as u8
    }));
}

/// Why the scanner's frame has no camera.
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
    const ALL: [CameraProblem; 5] = [
        CameraProblem::Refused,
        CameraProblem::NoCamera,
        CameraProblem::InUse,
        CameraProblem::Insecure,
        CameraProblem::Failed,
    ];

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

    fn code(self) -> &'static str {
        match self {
            CameraProblem::Refused => "refused",
            CameraProblem::NoCamera => "no-camera",
            CameraProblem::InUse => "in-use",
            CameraProblem::Insecure => "insecure",
            CameraProblem::Failed => "failed",
        }
    }
}

/// What the scanner's frame (the camera build at `/organizer/scan/`) tells the page that shows
/// it, as one string through `postMessage`: the camera is looking, there is no camera and why,
/// or a text read. The page parses it as foreign data: anything else is no message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanMessage {
    /// The camera is on and codes are being looked for.
    Looking,
    /// No camera, and why.
    Problem(CameraProblem),
    /// A text read from a QR code (once while the same code stays in view).
    Text(String),
}

impl ScanMessage {
    /// The message's string.
    pub fn encode(&self) -> String {
        match self {
            ScanMessage::Looking => "scan:looking".to_owned(),
            ScanMessage::Problem(p) => format!("scan:problem:{}", p.code()),
            ScanMessage::Text(t) => format!("scan:text:{t}"),
        }
    }

    /// The message a string is, if it is one.
    pub fn parse(data: &str) -> Option<ScanMessage> {
        let rest = data.strip_prefix("scan:")?;
        if rest == "looking" {
            return Some(ScanMessage::Looking);
        }
        if let Some(code) = rest.strip_prefix("problem:") {
            return CameraProblem::ALL
                .into_iter()
                .find(|p| p.code() == code)
                .map(ScanMessage::Problem);
        }
        rest.strip_prefix("text:")
            .map(|t| ScanMessage::Text(t.to_owned()))
    }
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

    #[test]
    fn the_frames_messages_read_back_and_nothing_else_is_one() {
        let mut all = vec![
            ScanMessage::Looking,
            ScanMessage::Text("HM1:slip:text with : colons".to_owned()),
            ScanMessage::Text(String::new()),
        ];
        all.extend(CameraProblem::ALL.map(ScanMessage::Problem));
        for m in all {
            assert_eq!(ScanMessage::parse(&m.encode()), Some(m));
        }
        for foreign in [
            "",
            "looking",
            "scan:",
            "scan:problem:melted",
            "text:x",
            "SCAN:looking",
        ] {
            assert_eq!(ScanMessage::parse(foreign), None, "{foreign}");
        }
    }
    use crate::domain::DriveId;
    use crate::domain::sample::{self, DRIVE_2023_1};
    use crate::share::link::{SharedDrive, encode_drive, encode_slip};
    use crate::share::qr::{Ecc, QUIET_ZONE, Qr};

    /// A 640x480 frame with `qr` drawn `module` pixels a module, centred, turned by `degrees`
    /// about the centre; dark modules are `dark`, the paper `light`, the rest of the frame a
    /// grey desk.
    fn frame(qr: &Qr, module: f64, degrees: f64, dark: u8, light: u8) -> Vec<u8> {
        let (w, h) = (640usize, 480usize);
        let side = f64::from(qr.size() + 2 * QUIET_ZONE) * module;
        let (sin, cos) = degrees.to_radians().sin_cos();
        let mut out = vec![96u8; w * h];
        for y in 0..h {
            for x in 0..w {
                // The pixel's place in the symbol's own (unturned) frame.
                let (dx, dy) = (x as f64 - w as f64 / 2.0, y as f64 - h as f64 / 2.0);
                let (sx, sy) = (cos * dx + sin * dy, -sin * dx + cos * dy);
                let (u, v) = (sx + side / 2.0, sy + side / 2.0);
                if u < 0.0 || v < 0.0 || u >= side || v >= side {
                    continue;
                }
                let mx = (u / module).floor() as i32 - QUIET_ZONE;
                let my = (v / module).floor() as i32 - QUIET_ZONE;
                out[y * w + x] = if qr.is_dark(mx, my) { dark } else { light };
            }
        }
        out
    }

    fn slip_link() -> String {
        let ledger = sample::sample_ledger();
        let p = ledger.pledges().next().unwrap();
        let slip = PledgeSlip::from_ledger(&ledger, &p.id).unwrap();
        format!(
            "http://127.0.0.1:8080/organizer/inbox#{}",
            encode_slip(&slip)
        )
    }

    /// The slip's QR as the slip page draws it (low error correction, the whole link).
    fn slip_qr(link: &str) -> Qr {
        Qr::encode(link, Ecc::Low).unwrap()
    }

    #[test]
    fn the_apps_own_slip_qr_reads_back_upright_turned_and_in_poor_contrast() {
        let link = slip_link();
        let qr = slip_qr(&link);
        for (degrees, dark, light) in [(0.0, 0, 255), (17.0, 0, 255), (90.0, 20, 230)] {
            let texts = decode_luma(640, 480, &frame(&qr, 5.0, degrees, dark, light));
            assert_eq!(texts, vec![link.clone()], "turned {degrees}°");
        }
        // A faded print under dim light: 40 levels between ink and paper.
        let texts = decode_luma(640, 480, &frame(&qr, 5.0, 8.0, 100, 140));
        assert_eq!(texts, vec![link.clone()], "low contrast");
        assert!(matches!(read_scanned(&texts[0]), Scanned::Slip(_)));
    }

    #[test]
    fn a_frame_without_a_code_or_too_short_reads_nothing() {
        assert!(decode_luma(640, 480, &vec![128; 640 * 480]).is_empty());
        assert!(decode_luma(640, 480, &[0; 100]).is_empty());
        assert!(decode_luma(0, 0, &[]).is_empty());
    }

    #[test]
    fn slips_drives_damaged_codes_and_foreign_texts_are_told_apart() {
        let link = slip_link();
        match read_scanned(&link) {
            Scanned::Slip(s) => assert_eq!(encode_slip(&s), link.rsplit('#').next().unwrap()),
            other => panic!("{other:?}"),
        }
        let ledger = sample::sample_ledger();
        let drive =
            SharedDrive::from_ledger(&ledger, &DriveId::new(DRIVE_2023_1).unwrap()).unwrap();
        let drive_link = format!("https://x.example/d#{}", encode_drive(&drive));
        assert_eq!(read_scanned(&drive_link), Scanned::Drive);
        let garbled = drive_link.replace("#d1.", "#d1.AAAA");
        assert!(matches!(read_scanned(&garbled), Scanned::Damaged(_)));
        let cut = &link[..link.len() - 5];
        assert!(matches!(read_scanned(cut), Scanned::Damaged(_)));
        assert!(matches!(
            read_scanned(&drive_link.replace("#d1.", "#d9.")),
            Scanned::Damaged(LinkError::UnknownVersion(_))
        ));
        let pairing = "https://x.example/organizer/sync/#pair=abc&server=https%3A%2F%2Fc&db=d";
        assert_eq!(read_scanned(pairing), Scanned::Pairing);
        assert_eq!(
            read_scanned(&pairing.replace("#pair=", "#key=")),
            Scanned::Foreign
        );
        assert_eq!(
            fragment_of(&drive_link),
            drive_link.rsplit_once('#').unwrap().1
        );
        assert_eq!(fragment_of(" d1.abc "), "d1.abc");
        // By the tag alone: the kind, whatever the body.
        assert_eq!(claimed(&drive_link), CodeKind::Drive);
        assert_eq!(claimed(&garbled), CodeKind::Drive);
        assert_eq!(
            claimed(&drive_link.replace("#d1.", "#d9.")),
            CodeKind::Drive
        );
        assert_eq!(claimed(&link), CodeKind::Slip);
        assert_eq!(claimed(pairing), CodeKind::Pairing);
        for foreign in [
            "https://example.com/",
            "8934563138174",
            "",
            "hello",
            "pair=x",
        ] {
            assert_eq!(read_scanned(foreign), Scanned::Foreign, "{foreign}");
            assert_eq!(claimed(foreign), CodeKind::Foreign, "{foreign}");
        }
    }

    #[test]
    fn luma_weighs_green_most_and_ignores_alpha() {
        let mut out = Vec::new();
        luma_of_rgba(&[255, 255, 255, 0, 0, 0, 0, 255, 0, 255, 0, 255], &mut out);
        assert_eq!(out.len(), 3);
        assert!(out[0] >= 254 && out[1] == 0);
        assert!(out[2] > 140 && out[2] < 150, "{}", out[2]);
    }

    /// The decoder's time on a 640x480 frame holding the app's slip QR (version 10, 5 px a
    /// module, turned 8°), next to the time of turning a canvas's RGBA frame into luma.
    /// `cargo test --release --lib scan::tests::decode_time -- --ignored --nocapture`.
    #[test]
    #[ignore = "a measurement, run in release mode by hand"]
    fn decode_time() {
        let link = slip_link();
        let qr = slip_qr(&link);
        let luma = frame(&qr, 5.0, 8.0, 0, 255);
        let rgba: Vec<u8> = luma.iter().flat_map(|&y| [y, y, y, 255]).collect();
        let empty = vec![128u8; 640 * 480];
        let runs = 200;
        let time = |f: &mut dyn FnMut()| {
            let started = std::time::Instant::now();
            for _ in 0..runs {
                f();
            }
            started.elapsed().as_secs_f64() * 1000.0 / f64::from(runs)
        };
        let mut out = Vec::new();
        let to_luma = time(&mut || luma_of_rgba(&rgba, &mut out));
        let with_code = time(&mut || assert_eq!(decode_luma(640, 480, &luma).len(), 1));
        let without = time(&mut || assert!(decode_luma(640, 480, &empty).is_empty()));
        println!(
            "version {}: decode {with_code:.2} ms, empty frame {without:.2} ms, RGBA to luma {to_luma:.2} ms",
            qr.version()
        );
    }
}

//! QR codes of links and slips, drawn as SVG text the UI puts in the page (and the print
//! stylesheet prints): one `<path>` of dark modules on a white square, a quiet zone of four
//! modules, `role="img"` and an `aria-label` for screen readers.
//!
//! The symbol itself comes from the `qrcodegen` crate (Project Nayuki's reference
//! implementation: no dependencies, all versions and error-correction levels, mask selection
//! per the standard); this module only chooses the options and draws.

use std::fmt;
use std::fmt::Write as _;

use qrcodegen::{QrCode, QrCodeEcc};

/// Modules of white around the symbol, as the standard asks (ISO/IEC 18004 §6.3.8).
pub const QUIET_ZONE: i32 = 4;

/// How much of the symbol may be damaged and still read; more costs a larger symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Ecc {
    /// About 7 %: the smallest symbol, for long links shown on a clean screen.
    Low,
    /// About 15 %: the usual choice, and the default.
    #[default]
    Medium,
    /// About 25 %.
    Quartile,
    /// About 30 %: for short texts printed on paper that may get creased.
    High,
}

impl Ecc {
    fn level(self) -> QrCodeEcc {
        match self {
            Ecc::Low => QrCodeEcc::Low,
            Ecc::Medium => QrCodeEcc::Medium,
            Ecc::Quartile => QrCodeEcc::Quartile,
            Ecc::High => QrCodeEcc::High,
        }
    }
}

/// Why a QR code could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QrError {
    /// The text does not fit in the largest symbol (version 40) at this error correction.
    TooLong,
}

impl fmt::Display for QrError {
    /// A developer-facing account; the UI shows translated messages instead.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for QrError {}

/// A QR symbol: a square of dark and light modules.
#[derive(Clone)]
pub struct Qr {
    code: QrCode,
}

impl fmt::Debug for Qr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Qr")
            .field("version", &self.version())
            .field("size", &self.size())
            .finish()
    }
}

impl Qr {
    /// Encodes `text` at `ecc` in the smallest symbol that holds it (the error correction is
    /// raised when that costs no extra size).
    pub fn encode(text: &str, ecc: Ecc) -> Result<Qr, QrError> {
        QrCode::encode_text(text, ecc.level())
            .map(|code| Qr { code })
            .map_err(|_| QrError::TooLong)
    }

    /// The symbol's version, 1 to 40.
    pub fn version(&self) -> u8 {
        self.code.version().value()
    }

    /// Modules per side, without the quiet zone: 21 for version 1, 177 for version 40.
    pub fn size(&self) -> i32 {
        self.code.size()
    }

    /// Whether the module at column `x`, row `y` is dark (outside the symbol: light).
    pub fn is_dark(&self, x: i32, y: i32) -> bool {
        self.code.get_module(x, y)
    }

    /// The symbol as an SVG document: a `viewBox` in modules with the quiet zone, a white
    /// background and one path of dark modules (each row's runs as rectangles), scaled by CSS.
    /// `label` is escaped into `aria-label` and a `<title>`.
    pub fn to_svg(&self, label: &str) -> String {
        let size = self.size();
        let side = size + 2 * QUIET_ZONE;
        let label = escape_xml(label);
        let mut path = String::new();
        for y in 0..size {
            let mut x = 0;
            while x < size {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < size && self.is_dark(x, y) {
                    x += 1;
                }
                let _ = write!(
                    path,
                    "M{},{}h{}v1h-{}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE,
                    x - start,
                    x - start
                );
            }
        }
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
role=\"img\" aria-label=\"{label}\" shape-rendering=\"crispEdges\">\
<title>{label}</title>\
<rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
<path fill=\"#000\" d=\"{path}\"/></svg>"
        )
    }
}

/// The SVG of a QR code of `text` at [`Ecc::Medium`], labelled `label` for screen readers.
pub fn qr_svg(text: &str, label: &str) -> Result<String, QrError> {
    Qr::encode(text, Ecc::Medium).map(|qr| qr.to_svg(label))
}

/// Text made safe for XML content and attribute values: `& < > " '` become entities, and
/// characters XML 1.0 does not allow (most control characters) are dropped.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_makes_a_version_1_symbol_with_its_finder_patterns() {
        let qr = Qr::encode("HIENMAU", Ecc::Medium).unwrap();
        assert_eq!(qr.version(), 1);
        assert_eq!(qr.size(), 21);
        // The finder pattern's 7x7 ring and 3x3 core, in three corners; its separator is light.
        for (ox, oy) in [(0, 0), (14, 0), (0, 14)] {
            for i in 0..7 {
                assert!(qr.is_dark(ox + i, oy), "top edge");
                assert!(qr.is_dark(ox + i, oy + 6), "bottom edge");
                assert!(qr.is_dark(ox, oy + i), "left edge");
                assert!(qr.is_dark(ox + 6, oy + i), "right edge");
            }
            assert!(qr.is_dark(ox + 3, oy + 3), "core");
            assert!(!qr.is_dark(ox + 1, oy + 1), "light ring");
        }
        assert!(!qr.is_dark(7, 7), "separator");
        assert!(!qr.is_dark(-1, 0) && !qr.is_dark(21, 0), "outside is light");
    }

    #[test]
    fn the_symbol_grows_with_the_data() {
        let sizes: Vec<i32> = [10, 100, 500, 1500]
            .into_iter()
            .map(|n| Qr::encode(&"d".repeat(n), Ecc::Medium).unwrap().size())
            .collect();
        assert!(sizes.windows(2).all(|w| w[0] < w[1]), "{sizes:?}");
        assert_eq!(
            Qr::encode(&"x".repeat(3000), Ecc::Low).map(|q| q.size()),
            Err(QrError::TooLong)
        );
        let low = Qr::encode(&"y".repeat(1000), Ecc::Low).unwrap();
        let high = Qr::encode(&"y".repeat(1000), Ecc::High).unwrap();
        assert!(low.size() < high.size());
    }

    #[test]
    fn the_svg_is_one_path_with_a_viewbox_quiet_zone_and_label() {
        let svg = qr_svg("HIENMAU", "Mã QR của phiếu hẹn").unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 29 29\""));
        assert!(svg.contains("role=\"img\" aria-label=\"Mã QR của phiếu hẹn\""));
        assert_eq!(svg.matches("<path").count(), 1);
        assert!(
            svg.contains("d=\"M4,4h7v1h-7z"),
            "the first row starts at the quiet zone"
        );
        assert!(svg.ends_with("</svg>"));
        assert_eq!(
            svg,
            qr_svg("HIENMAU", "Mã QR của phiếu hẹn").unwrap(),
            "stable"
        );
    }

    #[test]
    fn the_svg_of_a_known_input_is_this_exact_text() {
        // Pins the drawing: a change to the path format or the encoder shows up here.
        let svg = qr_svg("1", "QR").unwrap();
        let path = svg
            .split(" d=\"")
            .nth(1)
            .and_then(|p| p.split('"').next())
            .unwrap();
        // Each rectangle is `Mx,yhNv1h-Nz`: add up the run lengths N.
        let dark: i32 = path
            .split('M')
            .skip(1)
            .map(|rect| {
                let run = rect.split('h').nth(1).unwrap();
                run.trim_end_matches("v1").parse::<i32>().unwrap()
            })
            .sum();
        let qr = Qr::encode("1", Ecc::Medium).unwrap();
        let counted = (0..21)
            .flat_map(|y| (0..21).map(move |x| (x, y)))
            .filter(|(x, y)| qr.is_dark(*x, *y))
            .count() as i32;
        assert_eq!(dark, counted, "the path covers exactly the dark modules");
        assert_eq!(crate::share::envelope::crc32(svg.as_bytes()), SVG_OF_1_CRC);
    }

    /// CRC-32 of `qr_svg("1", "QR")`, recorded when the drawing was written and read back by
    /// zbarimg (see `an_independent_reader_decodes_the_svg`).
    const SVG_OF_1_CRC: u32 = 1230494814;

    #[test]
    fn labels_are_escaped_for_xml() {
        let hostile = "<img src=x onerror=alert(1)>\"' & \u{1}";
        let svg = qr_svg("x", hostile).unwrap();
        assert!(!svg.contains("<img"));
        assert!(
            svg.contains("aria-label=\"&lt;img src=x onerror=alert(1)&gt;&quot;&apos; &amp; \"")
        );
        assert_eq!(
            svg.matches('<').count(),
            6,
            "svg, title, /title, rect, path, /svg only"
        );
    }

    /// Runs `zbarimg` on the SVG drawn to PNG by `rsvg-convert`, if both are installed
    /// (Debian's `zbar-tools` and `librsvg2-bin`); `None` when they are not.
    #[cfg(not(target_arch = "wasm32"))]
    fn read_back(svg: &str, name: &str) -> Option<String> {
        use std::process::Command;
        let have = |tool: &str| Command::new(tool).arg("--version").output().is_ok();
        if !have("zbarimg") || !have("rsvg-convert") {
            println!("zbarimg or rsvg-convert not installed: independent QR check skipped");
            return None;
        }
        let dir = std::env::temp_dir();
        let svg_path = dir.join(format!("hienmau-{name}-{}.svg", std::process::id()));
        let png_path = svg_path.with_extension("png");
        std::fs::write(&svg_path, svg).ok()?;
        let drawn = Command::new("rsvg-convert")
            .args(["-w", "800", "-o"])
            .arg(&png_path)
            .arg(&svg_path)
            .status()
            .ok()?;
        assert!(drawn.success(), "rsvg-convert failed");
        let out = Command::new("zbarimg")
            .args(["-q", "--raw"])
            .arg(&png_path)
            .output()
            .ok()?;
        let _ = std::fs::remove_file(&svg_path);
        let _ = std::fs::remove_file(&png_path);
        assert!(out.status.success(), "zbarimg found no code");
        Some(
            String::from_utf8_lossy(&out.stdout)
                .trim_end_matches('\n')
                .to_owned(),
        )
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn an_independent_reader_decodes_the_svg() {
        use crate::domain::{DriveId, sample};
        use crate::share::link;
        let ledger = sample::sample_ledger();
        let id = DriveId::new(sample::DRIVE_2023_1).unwrap();
        let shared = link::SharedDrive::from_ledger(&ledger, &id).unwrap();
        let url = format!("https://hienmau.example/#{}", link::encode_drive(&shared));
        for (name, text) in [("one", "1".to_owned()), ("drive", url)] {
            let svg = qr_svg(&text, "QR").unwrap();
            if let Some(read) = read_back(&svg, name) {
                assert_eq!(read, text);
            }
        }
    }
}

//! The framing every shared payload travels in, whatever it carries: raw deflate (RFC 1951),
//! then a CRC-32 of the version tag and the compressed bytes, then base64url without padding,
//! behind the version tag: `d1.<base64url(deflate(payload) ++ crc32_be)>`.
//!
//! The tag names both the kind of payload and its format version, so a drive link opened where a
//! slip is expected, or a link from a newer app, is told apart from damage. The checksum covers
//! the tag, so relabelling a payload is caught as tampering. Opening checks, in order: empty,
//! tag, size of the text, base64, checksum, and inflation capped at [`MAX_INFLATED`] bytes (a
//! "zip bomb" stops there). It never panics, whatever the text.
//!
//! The CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) and base64url (RFC 4648 §5) are
//! written here: a table and a few lines each, no crate needed.

use std::fmt;

/// The longest text [`open`] looks at, in bytes (a QR code holds under 3 KB; a link a few KB).
pub const MAX_TEXT_LEN: usize = 64 * 1024;

/// The most bytes a payload may inflate to (256 KiB); a larger one is refused as too large.
pub const MAX_INFLATED: usize = 256 * 1024;

/// Why a shared text could not be opened. One variant per cause, in the order they are checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvelopeError {
    /// Nothing was given (or only white space, or a URL with an empty fragment).
    Empty,
    /// The text does not start with a known tag such as `d1.`: not one of our links at all, or
    /// a payload of another kind (a slip where a drive was expected). The tag found, cut short.
    BadPrefix(String),
    /// The tag is of the right kind but another version (`d2.` where `d1.` is read): made by a
    /// newer app. The tag found.
    UnknownVersion(String),
    /// Longer than [`MAX_TEXT_LEN`], or inflating to more than [`MAX_INFLATED`] bytes.
    TooLarge,
    /// A character outside base64url, or a length no base64url text has.
    BadBase64,
    /// The checksum does not match: the text was cut short, mistyped or tampered with.
    BadChecksum,
    /// The checksum matched but the bytes are not valid deflate data.
    Inflate,
}

impl fmt::Display for EnvelopeError {
    /// A developer-facing account; the UI shows translated messages instead.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for EnvelopeError {}

/// Packs `payload` behind `tag` (for example `"d1"`): deflate, CRC-32, base64url.
pub fn seal(tag: &str, payload: &[u8]) -> String {
    finish(tag, miniz_oxide::deflate::compress_to_vec(payload, 10))
}

/// Packs `payload` like [`seal`] but in deflate's stored blocks (RFC 1951 §3.2.4), not
/// compressed: for payloads of a few hundred bytes, where compression saves little, this keeps
/// the compressor out of a build that only writes such payloads (the volunteers' pledge slip).
/// [`open`] reads both.
pub fn seal_stored(tag: &str, payload: &[u8]) -> String {
    let mut body = Vec::with_capacity(payload.len() + 5 * (payload.len() / 65_535 + 1) + 4);
    let mut chunks = payload.chunks(65_535).peekable();
    if chunks.peek().is_none() {
        body.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(chunk) = chunks.next() {
        let last = chunks.peek().is_none();
        let len = chunk.len() as u16;
        body.push(u8::from(last));
        body.extend_from_slice(&len.to_le_bytes());
        body.extend_from_slice(&(!len).to_le_bytes());
        body.extend_from_slice(chunk);
    }
    finish(tag, body)
}

/// Appends the checksum and writes the text.
fn finish(tag: &str, mut body: Vec<u8>) -> String {
    let crc = tagged_crc(tag, &body);
    body.extend_from_slice(&crc.to_be_bytes());
    let mut out = String::with_capacity(tag.len() + 1 + body.len() * 4 / 3 + 4);
    out.push_str(tag);
    out.push('.');
    out.push_str(&base64url_encode(&body));
    out
}

/// Unpacks a text made by [`seal`] with the same `tag`, giving the payload back.
///
/// The text may be the payload alone (`d1.…`), a fragment (`#d1.…`) or a whole URL: everything
/// up to the last `#` is ignored, and so is white space (links broken over lines by a chat app).
pub fn open(tag: &str, text: &str) -> Result<Vec<u8>, EnvelopeError> {
    let text = match text.rfind('#') {
        Some(i) => &text[i + 1..],
        None => text,
    };
    let text = text.trim();
    if text.is_empty() {
        return Err(EnvelopeError::Empty);
    }
    if text.len() > MAX_TEXT_LEN {
        return Err(EnvelopeError::TooLarge);
    }
    let Some((found, data)) = text.split_once('.') else {
        return Err(EnvelopeError::BadPrefix(cut(text)));
    };
    if found != tag {
        let kind = |t: &str| t.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned();
        let versioned = found.len() > kind(found).len();
        return Err(if versioned && kind(found) == kind(tag) {
            EnvelopeError::UnknownVersion(cut(found))
        } else {
            EnvelopeError::BadPrefix(cut(found))
        });
    }
    let compact: String = data.chars().filter(|c| !c.is_whitespace()).collect();
    let body = base64url_decode(&compact).ok_or(EnvelopeError::BadBase64)?;
    if body.len() < 4 {
        return Err(EnvelopeError::BadChecksum);
    }
    let (deflated, crc) = body.split_at(body.len() - 4);
    let expected = u32::from_be_bytes([crc[0], crc[1], crc[2], crc[3]]);
    if tagged_crc(tag, deflated) != expected {
        return Err(EnvelopeError::BadChecksum);
    }
    miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_INFLATED).map_err(|e| match e
        .status
    {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => EnvelopeError::TooLarge,
        _ => EnvelopeError::Inflate,
    })
}

/// At most 16 characters of a foreign tag, for an error message.
fn cut(s: &str) -> String {
    s.chars().take(16).collect()
}

fn tagged_crc(tag: &str, body: &[u8]) -> u32 {
    let mut crc = Crc32::new();
    crc.update(tag.as_bytes());
    crc.update(b".");
    crc.update(body);
    crc.finish()
}

/// The CRC-32 lookup table, computed at compile time.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

/// A running CRC-32 (the one of zip, PNG and Ethernet).
#[derive(Debug, Clone, Copy)]
struct Crc32(u32);

impl Crc32 {
    fn new() -> Crc32 {
        Crc32(0xFFFF_FFFF)
    }

    fn update(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = CRC_TABLE[((self.0 ^ u32::from(b)) & 0xFF) as usize] ^ (self.0 >> 8);
        }
    }

    fn finish(self) -> u32 {
        !self.0
    }
}

/// The CRC-32 (IEEE) of `bytes`: `crc32(b"123456789") == 0xCBF43926`.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = Crc32::new();
    crc.update(bytes);
    crc.finish()
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `bytes` in base64url (RFC 4648 §5) without padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(B64[(n >> (18 - 6 * i) & 0x3F) as usize]));
        }
    }
    out
}

fn b64_value(c: u8) -> Option<u32> {
    Some(u32::from(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    }))
}

/// The bytes of a base64url text without padding; `None` for any other character, an
/// impossible length, or unused bits that are not zero (so each byte string has one text).
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= b64_value(*c)? << (18 - 6 * i);
        }
        let [_, a, b, c] = n.to_be_bytes();
        let decoded = [a, b, c];
        let keep = chunk.len() - 1;
        if decoded[keep..].iter().any(|b| *b != 0) {
            return None;
        }
        out.extend_from_slice(&decoded[..keep]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_blocks_open_like_compressed_ones_at_every_size() {
        let payload = |len: usize| -> Vec<u8> { (0..len).map(|i| (i * 7 % 251) as u8).collect() };
        for len in [0usize, 1, 300, 40_000] {
            let text = seal_stored("p1", &payload(len));
            assert!(open("p1", &text) == Ok(payload(len)), "{len} bytes");
            assert!(open("p1", &seal("p1", &payload(len))) == Ok(payload(len)));
        }
        // Beyond one block (65,535 bytes), past what a link may hold: the deflate stream
        // itself stays valid.
        for len in [65_535usize, 65_536, 140_000] {
            let text = seal_stored("p1", &payload(len));
            let body = base64url_decode(text.strip_prefix("p1.").unwrap()).unwrap();
            let inflated =
                miniz_oxide::inflate::decompress_to_vec(&body[..body.len() - 4]).unwrap();
            assert!(inflated == payload(len), "{len} bytes");
        }
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }

    #[test]
    fn base64url_matches_rfc_4648_test_vectors_without_padding() {
        for (raw, enc) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url_encode(raw.as_bytes()), enc);
            assert_eq!(base64url_decode(enc).as_deref(), Some(raw.as_bytes()));
        }
        assert_eq!(base64url_encode(&[0xFB, 0xFF]), "-_8");
        assert_eq!(base64url_decode("-_8"), Some(vec![0xFB, 0xFF]));
    }

    #[test]
    fn base64url_refuses_padding_other_alphabets_and_non_canonical_text() {
        for bad in ["Zg==", "Zm9v+", "Zm/v", "Z", "Zh", "Zm9", "Zm 9v"] {
            assert_eq!(base64url_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_sealed_payload_opens_to_the_same_bytes_from_a_url_or_fragment() {
        let payload = "Hiến giọt máu đào - Trao đời sự sống".repeat(20);
        let sealed = seal("d1", payload.as_bytes());
        assert!(sealed.starts_with("d1."));
        assert!(sealed.len() < payload.len(), "compressed: {}", sealed.len());
        for text in [
            sealed.clone(),
            format!("#{sealed}"),
            format!("https://hienmau.example/#/drive#{sealed}\n"),
        ] {
            assert_eq!(open("d1", &text), Ok(payload.clone().into_bytes()));
        }
    }

    #[test]
    fn every_kind_of_damage_is_named() {
        let sealed = seal("d1", b"hello hello hello");
        assert_eq!(open("d1", ""), Err(EnvelopeError::Empty));
        assert_eq!(open("d1", "https://x/#  "), Err(EnvelopeError::Empty));
        assert_eq!(
            open("d1", "hello"),
            Err(EnvelopeError::BadPrefix("hello".into()))
        );
        assert_eq!(
            open("p1", &sealed),
            Err(EnvelopeError::BadPrefix("d1".into()))
        );
        let newer = sealed.replacen("d1.", "d2.", 1);
        assert_eq!(
            open("d1", &newer),
            Err(EnvelopeError::UnknownVersion("d2".into()))
        );
        assert_eq!(
            open("d1", &format!("{sealed}*")),
            Err(EnvelopeError::BadBase64)
        );
        assert_eq!(open("d1", "d1.AA"), Err(EnvelopeError::BadChecksum));
        let cut = &sealed[..sealed.len() - 4];
        assert!(matches!(
            open("d1", cut),
            Err(EnvelopeError::BadChecksum | EnvelopeError::BadBase64)
        ));
        let huge = format!("d1.{}", "A".repeat(MAX_TEXT_LEN));
        assert_eq!(open("d1", &huge), Err(EnvelopeError::TooLarge));
    }

    #[test]
    fn a_flipped_character_is_caught_by_the_checksum() {
        let sealed = seal("d1", "Bệnh viện Đa khoa Xanh Pôn, 12 Chu Văn An".as_bytes());
        let bytes = sealed.as_bytes();
        for i in 3..bytes.len() {
            let mut damaged = bytes.to_vec();
            damaged[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let damaged = String::from_utf8(damaged).unwrap();
            let result = open("d1", &damaged);
            assert!(
                matches!(
                    result,
                    Err(EnvelopeError::BadChecksum | EnvelopeError::BadBase64)
                ),
                "position {i}: {result:?}"
            );
        }
    }

    #[test]
    fn relabelling_a_payload_is_caught_as_tampering() {
        let sealed = seal("p1", b"slip");
        let relabelled = sealed.replacen("p1.", "d1.", 1);
        assert_eq!(open("d1", &relabelled), Err(EnvelopeError::BadChecksum));
    }

    #[test]
    fn a_zip_bomb_stops_at_the_inflated_size_cap() {
        let bomb = seal("d1", &vec![0u8; MAX_INFLATED + 1]);
        assert!(bomb.len() < 2_000, "a megabyte of zeros packs small");
        assert_eq!(open("d1", &bomb), Err(EnvelopeError::TooLarge));
        let fits = seal("d1", &vec![0u8; MAX_INFLATED]);
        assert_eq!(open("d1", &fits).map(|v| v.len()), Ok(MAX_INFLATED));
    }

    #[test]
    fn checksummed_garbage_is_a_decompression_failure() {
        let garbage = [0xFFu8, 0xFF, 0xFF, 0xFF, 0x00];
        let crc = tagged_crc("d1", &garbage);
        let mut body = garbage.to_vec();
        body.extend_from_slice(&crc.to_be_bytes());
        let text = format!("d1.{}", base64url_encode(&body));
        assert_eq!(open("d1", &text), Err(EnvelopeError::Inflate));
    }
}

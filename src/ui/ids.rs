//! New record ids, made at the edge from the browser's cryptographic random source: 12
//! characters of Crockford base 32 (60 bits), short enough for compact storage and links,
//! unique enough for merging across devices.

const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Spells 60 bits of `bytes` as 12 base-32 characters.
pub fn spell(bytes: [u8; 8]) -> String {
    let mut v = u64::from_le_bytes(bytes);
    (0..12)
        .map(|_| {
            let c = ALPHABET[(v & 31) as usize] as char;
            v >>= 5;
            c
        })
        .collect()
}

/// A fresh random id.
pub fn new_id() -> String {
    let mut bytes = [0u8; 8];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok());
    if filled.is_none() {
        // No crypto (very old browser): fall back to Math.random, still 60 bits.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    spell(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::is_valid_id;

    #[test]
    fn ids_are_12_url_safe_characters() {
        for bytes in [[0u8; 8], [255u8; 8], [1, 2, 3, 4, 5, 6, 7, 8]] {
            let id = spell(bytes);
            assert_eq!(id.len(), 12);
            assert!(is_valid_id(&id));
        }
        assert_ne!(spell([1; 8]), spell([2; 8]));
    }
}

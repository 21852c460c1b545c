//! The document format on the server, one document per stored shard:
//!
//! - id: `s-` and the first 32 hex digits of HMAC-SHA256(campaign key, shard key), so an id
//!   names no person, drive or site;
//! - body: `{"_id","_rev","v":1,"iv":..,"ct":..}`, where `iv` is 12 random bytes and `ct` is
//!   AES-GCM(campaign key, iv, plaintext, additional data = the id), both in base64url without
//!   padding (the app's one base64 codec, [`crate::share::envelope`]);
//! - plaintext: `{"k":"<shard key>","t":"<stored text of the shard>"}`.
//!
//! A document that fails to open, whose `k` does not hash to its id, or whose `t` the store
//! cannot read is set aside by the engine, never applied. The sealing itself is the [`Cipher`]'s
//! (WebCrypto in the browser); this module only shapes and checks.

use crate::share::envelope::{base64url_decode, base64url_encode};
use crate::storage::json::{self, Value, json_object};
use crate::storage::store::{DONORS, PLEDGES, SETUP};

/// The format version written in `v`.
pub const VERSION: u32 = 1;

/// Prefix of every document id sync writes.
pub const ID_PREFIX: &str = "s-";

/// Bytes of an AES-GCM nonce.
pub const IV_LEN: usize = 12;

/// Seals and opens documents under the campaign key (WebCrypto in the browser, a fake in
/// tests). No cryptography of our own: the browser's implementation does the work.
#[allow(
    async_fn_in_trait,
    reason = "used generically by the engine, never as dyn"
)]
pub trait Cipher {
    /// HMAC-SHA256 of `data` under the campaign key.
    async fn mac(&self, data: &[u8]) -> Result<Vec<u8>, CipherError>;
    /// AES-GCM of `plaintext` with a fresh random nonce, bound to `id` (additional data):
    /// the nonce and the ciphertext (tag included).
    async fn seal(&self, id: &str, plaintext: &[u8]) -> Result<(Vec<u8>, Vec<u8>), CipherError>;
    /// Opens what [`Cipher::seal`] made; an error when the key, the id or a byte differs.
    async fn open(&self, id: &str, iv: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>, CipherError>;
}

/// The cipher refused (wrong key, tampered bytes, or the browser's crypto failed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CipherError;

/// Whether a stored key is one sync carries: the set-up and every donor and pledge shard (not
/// the meta, the preferences or what was set aside).
pub fn is_synced_key(key: &str) -> bool {
    key == SETUP || key.starts_with(DONORS) || key.starts_with(PLEDGES)
}

/// The document id of a shard key, from its MAC.
pub fn id_from_mac(mac: &[u8]) -> String {
    let mut id = String::with_capacity(ID_PREFIX.len() + 32);
    id.push_str(ID_PREFIX);
    for b in mac.iter().take(16) {
        id.push(char::from(HEX[usize::from(b >> 4)]));
        id.push(char::from(HEX[usize::from(b & 15)]));
    }
    id
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The document id of `key` under the cipher's key.
pub async fn doc_id<C: Cipher>(cipher: &C, key: &str) -> Result<String, CipherError> {
    Ok(id_from_mac(&cipher.mac(key.as_bytes()).await?))
}

/// A 64-bit FNV-1a hash of a shard's text, in hex: tells whether a shard changed since it was
/// last synced (not a security measure; the server never sees it).
pub fn text_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// What a document carries once opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plain {
    /// The shard's key in the store.
    pub k: String,
    /// The shard's stored text.
    pub t: String,
}

json_object! {
    Plain { k, t }
}

/// A sealed document as sent or received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// `_id`.
    pub id: String,
    /// `_rev`: the revision this one replaces (none for a new document), or the one read.
    pub rev: Option<String>,
    /// The nonce.
    pub iv: Vec<u8>,
    /// The ciphertext, tag included.
    pub ct: Vec<u8>,
}

impl Sealed {
    /// The document's JSON body.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    /// Appends the document's JSON body to `out`.
    pub fn write_json(&self, out: &mut String) {
        let mut w = json::ObjectWriter::new(out);
        w.field("_id", &self.id);
        if let Some(rev) = &self.rev {
            w.field("_rev", rev);
        }
        w.field("v", &VERSION)
            .field("iv", &base64url_encode(&self.iv))
            .field("ct", &base64url_encode(&self.ct))
            .end();
    }

    /// Reads a document from the server: `_id`, `_rev`, `v` = 1, `iv` and `ct` in base64url.
    pub fn from_value(value: &Value) -> Result<Sealed, &'static str> {
        let id = member_str(value, "_id").ok_or("no _id")?;
        let rev = member_str(value, "_rev");
        match member(value, "v") {
            Some(Value::Number(n)) if n == "1" => {}
            _ => return Err("not version 1"),
        }
        let iv = member_str(value, "iv")
            .and_then(|s| base64url_decode(&s))
            .filter(|iv| iv.len() == IV_LEN)
            .ok_or("no iv")?;
        let ct = member_str(value, "ct")
            .and_then(|s| base64url_decode(&s))
            .ok_or("no ct")?;
        Ok(Sealed { id, rev, iv, ct })
    }
}

/// The member `name` of an object value.
pub fn member<'v>(value: &'v Value, name: &str) -> Option<&'v Value> {
    match value {
        Value::Object(members) => members.iter().find(|(k, _)| k == name).map(|(_, v)| v),
        _ => None,
    }
}

/// The member `name` of an object value when it is a string.
pub fn member_str(value: &Value, name: &str) -> Option<String> {
    match member(value, name) {
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    }
}

/// Seals a shard's text as the document `id` (revision `rev`).
pub async fn seal<C: Cipher>(
    cipher: &C,
    id: &str,
    rev: Option<String>,
    key: &str,
    text: &str,
) -> Result<Sealed, CipherError> {
    let plain = json::to_string(&Plain {
        k: key.to_owned(),
        t: text.to_owned(),
    });
    let (iv, ct) = cipher.seal(id, plain.as_bytes()).await?;
    Ok(Sealed {
        id: id.to_owned(),
        rev,
        iv,
        ct,
    })
}

/// Opens a document and checks that its key hashes to its id: the shard key and text, or why
/// it must be set aside.
pub async fn open<C: Cipher>(cipher: &C, doc: &Sealed) -> Result<Plain, &'static str> {
    let bytes = cipher
        .open(&doc.id, &doc.iv, &doc.ct)
        .await
        .map_err(|_| "does not open with this campaign's key")?;
    let text = String::from_utf8(bytes).map_err(|_| "not text")?;
    let plain: Plain = json::from_str(&text).map_err(|_| "not a shard")?;
    if !is_synced_key(&plain.k) {
        return Err("not a synced key");
    }
    let id = doc_id(cipher, &plain.k).await.map_err(|_| "no mac")?;
    if id != doc.id {
        return Err("its key does not match its id");
    }
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_prefix_and_32_hex_digits_of_the_mac() {
        let mac: Vec<u8> = (0u8..32).collect();
        assert_eq!(id_from_mac(&mac), "s-000102030405060708090a0b0c0d0e0f");
    }

    #[test]
    fn only_the_setup_and_the_record_shards_are_synced() {
        assert!(is_synced_key("hienmau/setup"));
        assert!(is_synced_key("hienmau/donors/0a"));
        assert!(is_synced_key("hienmau/pledges/f.s1/2024-06-01"));
        for key in [
            "hienmau/meta",
            "hienmau/prefs",
            "hienmau/quarantine/hienmau/setup",
            "hienmau-sync/state",
        ] {
            assert!(!is_synced_key(key), "{key}");
        }
    }

    #[test]
    fn a_document_reads_back_as_written_and_other_versions_are_refused() {
        let doc = Sealed {
            id: "s-1".into(),
            rev: Some("1-a".into()),
            iv: vec![7; IV_LEN],
            ct: vec![1, 2, 3],
        };
        let value = json::from_str::<Value>(&doc.to_json()).unwrap();
        assert_eq!(Sealed::from_value(&value), Ok(doc.clone()));
        let v2 = doc.to_json().replace("\"v\":1", "\"v\":2");
        let value = json::from_str::<Value>(&v2).unwrap();
        assert!(Sealed::from_value(&value).is_err());
        let short_iv = Sealed {
            iv: vec![1; 4],
            ..doc
        };
        let value = json::from_str::<Value>(&short_iv.to_json()).unwrap();
        assert!(Sealed::from_value(&value).is_err());
    }

    #[test]
    fn the_text_hash_tells_texts_apart() {
        assert_eq!(text_hash(""), "cbf29ce484222325");
        assert_ne!(text_hash("a"), text_hash("b"));
    }
}

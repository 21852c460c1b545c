//! The [`Cipher`] of the browser: WebCrypto's SubtleCrypto through `web-sys` (AES-GCM 256 with
//! the document id as additional data, HMAC-SHA256) and `getRandomValues` for keys and nonces.
//! No cryptography of our own. WebCrypto exists only in a secure context (HTTPS or localhost):
//! [`available`] says whether this page has it.

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use super::doc::{Cipher, CipherError, IV_LEN};
use super::state::KEY_LEN;

/// Whether this page can use WebCrypto (a secure context with `crypto.subtle`).
pub fn available() -> bool {
    web_sys::window().is_some_and(|w| {
        w.is_secure_context()
            && w.crypto()
                .ok()
                .and_then(|c| Reflect::get(&c, &JsValue::from_str("subtle")).ok())
                .is_some_and(|s| !s.is_undefined())
    })
}

/// `n` random bytes from the browser's generator.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, CipherError> {
    let mut bytes = vec![0u8; n];
    web_sys::window()
        .ok_or(CipherError)?
        .crypto()
        .map_err(|_| CipherError)?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| CipherError)?;
    Ok(bytes)
}

/// A new campaign key.
pub fn new_key() -> Result<Vec<u8>, CipherError> {
    random_bytes(KEY_LEN)
}

/// The campaign key imported twice (AES-GCM and HMAC-SHA256), not extractable.
pub struct WebCipher {
    subtle: SubtleCrypto,
    aes: CryptoKey,
    hmac: CryptoKey,
}

pub(crate) fn object(members: &[(&str, &JsValue)]) -> Object {
    let o = Object::new();
    for (name, value) in members {
        let _ = Reflect::set(&o, &JsValue::from_str(name), value);
    }
    o
}

pub(crate) async fn resolve(
    promise: Result<js_sys::Promise, JsValue>,
) -> Result<JsValue, CipherError> {
    JsFuture::from(promise.map_err(|_| CipherError)?)
        .await
        .map_err(|_| CipherError)
}

pub(crate) fn bytes_of(value: JsValue) -> Result<Vec<u8>, CipherError> {
    let buffer: ArrayBuffer = value.dyn_into().map_err(|_| CipherError)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

impl WebCipher {
    /// Imports a 32-byte campaign key.
    pub async fn new(key: &[u8]) -> Result<WebCipher, CipherError> {
        if key.len() != KEY_LEN || !available() {
            return Err(CipherError);
        }
        let subtle = web_sys::window()
            .ok_or(CipherError)?
            .crypto()
            .map_err(|_| CipherError)?
            .subtle();
        let raw = Uint8Array::from(key);
        let aes_alg = object(&[("name", &JsValue::from_str("AES-GCM"))]);
        let aes_use = Array::of2(&JsValue::from_str("encrypt"), &JsValue::from_str("decrypt"));
        let aes = resolve(subtle.import_key_with_object("raw", &raw, &aes_alg, false, &aes_use))
            .await?
            .dyn_into::<CryptoKey>()
            .map_err(|_| CipherError)?;
        let hmac_alg = object(&[
            ("name", &JsValue::from_str("HMAC")),
            ("hash", &JsValue::from_str("SHA-256")),
        ]);
        let hmac_use = Array::of1(&JsValue::from_str("sign"));
        let hmac = resolve(subtle.import_key_with_object("raw", &raw, &hmac_alg, false, &hmac_use))
            .await?
            .dyn_into::<CryptoKey>()
            .map_err(|_| CipherError)?;
        Ok(WebCipher { subtle, aes, hmac })
    }

    fn gcm(&self, iv: &[u8], id: &str) -> Object {
        object(&[
            ("name", &JsValue::from_str("AES-GCM")),
            ("iv", &Uint8Array::from(iv)),
            ("additionalData", &Uint8Array::from(id.as_bytes())),
        ])
    }
}

impl Cipher for WebCipher {
    async fn mac(&self, data: &[u8]) -> Result<Vec<u8>, CipherError> {
        bytes_of(
            resolve(
                self.subtle
                    .sign_with_str_and_u8_array("HMAC", &self.hmac, data),
            )
            .await?,
        )
    }

    async fn seal(&self, id: &str, plaintext: &[u8]) -> Result<(Vec<u8>, Vec<u8>), CipherError> {
        let iv = random_bytes(IV_LEN)?;
        let alg = self.gcm(&iv, id);
        let ct = bytes_of(
            resolve(
                self.subtle
                    .encrypt_with_object_and_u8_array(&alg, &self.aes, plaintext),
            )
            .await?,
        )?;
        Ok((iv, ct))
    }

    async fn open(&self, id: &str, iv: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>, CipherError> {
        let alg = self.gcm(iv, id);
        bytes_of(
            resolve(
                self.subtle
                    .decrypt_with_object_and_u8_array(&alg, &self.aes, ciphertext),
            )
            .await?,
        )
    }
}

//! The drop box in the browser: the campaign's key pair and the hybrid encryption of a slip to
//! it with WebCrypto (ECDH P-256 between a key pair made for each slip and the campaign's
//! public key, HKDF-SHA256 of the shared secret salted with the sender's public key, AES-GCM
//! 256 with the document id as additional data), the volunteer's sending of the outbox, and the
//! organizer's reading of the drop box's changes. No cryptography of our own.

use std::cell::Cell;

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CryptoKey, SubtleCrypto};

use super::{
    DropBox, HKDF_INFO, IV_LEN, Junk, Outbox, PRIVATE_LEN, PUBLIC_LEN, Sending, SlipDoc,
    is_public_key, put_outcome, read_plaintext, slip_id,
};
use crate::share::envelope::{base64url_decode, base64url_encode};
use crate::storage::Repository;
use crate::sync::couch::Couch;
use crate::sync::doc::CipherError;
use crate::sync::state::Trouble;
use crate::sync::webcrypto::{bytes_of, object, random_bytes, resolve};
use crate::sync::wire::{ChangesPage, WireError, parse_changes, query_escape};

fn subtle() -> Result<SubtleCrypto, CipherError> {
    Ok(web_sys::window()
        .ok_or(CipherError)?
        .crypto()
        .map_err(|_| CipherError)?
        .subtle())
}

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

fn ecdh() -> Object {
    object(&[("name", &s("ECDH")), ("namedCurve", &s("P-256"))])
}

fn key_of(value: JsValue) -> Result<CryptoKey, CipherError> {
    value.dyn_into().map_err(|_| CipherError)
}

fn member(value: &JsValue, name: &str) -> Result<JsValue, CipherError> {
    Reflect::get(value, &s(name)).map_err(|_| CipherError)
}

/// A new key pair (ECDH P-256): its private scalar and its raw public key.
async fn generate(subtle: &SubtleCrypto) -> Result<(JsValue, Vec<u8>), CipherError> {
    let usages = Array::of1(&s("deriveBits"));
    let pair = resolve(subtle.generate_key_with_object(&ecdh(), true, &usages)).await?;
    let public = key_of(member(&pair, "publicKey")?)?;
    let raw = bytes_of(resolve(subtle.export_key("raw", &public)).await?)?;
    Ok((member(&pair, "privateKey")?, raw))
}

/// A new key pair for a campaign: its private scalar and its raw public key.
pub async fn new_key_pair() -> Result<(Vec<u8>, Vec<u8>), CipherError> {
    let subtle = subtle()?;
    let (private, public) = generate(&subtle).await?;
    let jwk = resolve(subtle.export_key("jwk", &key_of(private)?)).await?;
    let d = member(&jwk, "d")?.as_string().ok_or(CipherError)?;
    let d = base64url_decode(&d)
        .filter(|d| d.len() == PRIVATE_LEN)
        .ok_or(CipherError)?;
    Ok((d, public))
}

/// The AES-GCM key of the shared secret of `private` and `public`, salted with the sender's
/// public key.
async fn shared_key(
    subtle: &SubtleCrypto,
    private: &CryptoKey,
    public: &[u8],
    sender: &[u8],
    usage: &str,
) -> Result<CryptoKey, CipherError> {
    if !is_public_key(public) {
        return Err(CipherError);
    }
    let theirs = key_of(
        resolve(subtle.import_key_with_object(
            "raw",
            &Uint8Array::from(public),
            &ecdh(),
            false,
            &Array::new(),
        ))
        .await?,
    )?;
    let derive = object(&[("name", &s("ECDH")), ("public", &theirs)]);
    let bits = resolve(subtle.derive_bits_with_object(&derive, private, 256)).await?;
    let hkdf = key_of(
        resolve(subtle.import_key_with_object(
            "raw",
            &Uint8Array::new(&bits),
            &object(&[("name", &s("HKDF"))]),
            false,
            &Array::of1(&s("deriveKey")),
        ))
        .await?,
    )?;
    let params = object(&[
        ("name", &s("HKDF")),
        ("hash", &s("SHA-256")),
        ("salt", &Uint8Array::from(sender)),
        ("info", &Uint8Array::from(HKDF_INFO)),
    ]);
    let aes = object(&[("name", &s("AES-GCM")), ("length", &JsValue::from(256))]);
    key_of(
        resolve(subtle.derive_key_with_object_and_object(
            &params,
            &hkdf,
            &aes,
            false,
            &Array::of1(&s(usage)),
        ))
        .await?,
    )
}

fn gcm(iv: &[u8], id: &str) -> Object {
    object(&[
        ("name", &s("AES-GCM")),
        ("iv", &Uint8Array::from(iv)),
        ("additionalData", &Uint8Array::from(id.as_bytes())),
    ])
}

/// Encrypts `plaintext` to the campaign's public key as the document `id`.
pub async fn seal(public: &[u8], id: &str, plaintext: &[u8]) -> Result<SlipDoc, CipherError> {
    let subtle = subtle()?;
    let (mine, key) = generate(&subtle).await?;
    let aes = shared_key(&subtle, &key_of(mine)?, public, &key, "encrypt").await?;
    let iv = random_bytes(IV_LEN)?;
    let ct = bytes_of(
        resolve(subtle.encrypt_with_object_and_u8_array(&gcm(&iv, id), &aes, plaintext)).await?,
    )?;
    Ok(SlipDoc {
        id: id.to_owned(),
        key,
        iv,
        ct,
    })
}

/// The campaign's private key, imported once for reading many slips.
pub struct Opener {
    subtle: SubtleCrypto,
    private: CryptoKey,
}

impl Opener {
    /// Imports the key pair (private scalar, raw public key).
    pub async fn new(private: &[u8], public: &[u8]) -> Result<Opener, CipherError> {
        if private.len() != PRIVATE_LEN || public.len() != PUBLIC_LEN {
            return Err(CipherError);
        }
        let subtle = subtle()?;
        let jwk = object(&[
            ("kty", &s("EC")),
            ("crv", &s("P-256")),
            ("x", &s(&base64url_encode(&public[1..33]))),
            ("y", &s(&base64url_encode(&public[33..]))),
            ("d", &s(&base64url_encode(private))),
        ]);
        let private = key_of(
            resolve(subtle.import_key_with_object(
                "jwk",
                &jwk,
                &ecdh(),
                false,
                &Array::of1(&s("deriveBits")),
            ))
            .await?,
        )?;
        Ok(Opener { subtle, private })
    }

    /// Opens a slip document: its plaintext, or why it was set aside.
    pub async fn open(&self, doc: &SlipDoc) -> Result<Vec<u8>, Junk> {
        let aes = shared_key(&self.subtle, &self.private, &doc.key, &doc.key, "decrypt")
            .await
            .map_err(|_| Junk::Sealed)?;
        bytes_of(
            resolve(self.subtle.decrypt_with_object_and_u8_array(
                &gcm(&doc.iv, &doc.id),
                &aes,
                &doc.ct,
            ))
            .await
            .map_err(|_| Junk::Sealed)?,
        )
        .map_err(|_| Junk::Sealed)
    }
}

// ----- the volunteer's side: sending -----

thread_local! {
    static SENDING: Cell<bool> = const { Cell::new(false) };
    static AGAIN: Cell<bool> = const { Cell::new(false) };
}

fn trouble(e: &WireError) -> Sending {
    match e {
        WireError::Offline | WireError::Unreachable => Sending::Waiting,
        WireError::Unauthorized => Sending::Failed(Trouble::Refused(401).code()),
        WireError::Refused(s) => Sending::Failed(Trouble::Refused(*s).code()),
        WireError::BadReply => Sending::Failed(Trouble::BadReply.code()),
    }
}

/// Sends one slip of the outbox to its drive's drop box.
async fn send_one(dropbox: &DropBox, doc: &str, plaintext: &str) -> Sending {
    let Ok(sealed) = seal(&dropbox.key, doc, plaintext.as_bytes()).await else {
        return Sending::Failed(Trouble::Crypto.code());
    };
    let couch = Couch::new(&dropbox.config());
    let url = couch.db_url(&format!("/{}", query_escape(doc)));
    match couch.send("PUT", &url, Some(&sealed.to_json())).await {
        // The design document refuses to overwrite: a slip sent before whose answer was lost
        // is there already.
        Ok((403, _)) => match couch.send("GET", &url, None).await {
            Ok((200, _)) => Sending::Sent,
            _ => put_outcome(403),
        },
        Ok((status, _)) => put_outcome(status),
        Err(e) => trouble(&e),
    }
}

/// Sends what waits in the outbox of `repo` (each slip to its drive's drop box), recording
/// how each went; `changed` is told after each. A call while sending asks for one more round.
pub async fn send_outbox(repo: &mut dyn Repository, changed: &dyn Fn(&Outbox)) {
    if SENDING.with(|s| s.replace(true)) {
        AGAIN.with(|a| a.set(true));
        return;
    }
    loop {
        AGAIN.with(|a| a.set(false));
        let boxes = super::load_boxes(repo);
        for entry in Outbox::load(repo).unsent() {
            let Some(dropbox) = boxes.get(&entry.drive) else {
                continue;
            };
            let change = super::Change::from_code(&entry.what).unwrap_or(super::Change::Update);
            let how = send_one(dropbox, &entry.doc, &super::plaintext(change, &entry.slip)).await;
            // Read again: a page may have noted a newer slip meanwhile.
            let mut outbox = Outbox::load(repo);
            outbox.mark(&entry.doc, &how);
            let _ = outbox.save(repo);
            changed(&outbox);
            if how == Sending::Waiting {
                break;
            }
        }
        if !AGAIN.with(Cell::get) {
            break;
        }
    }
    SENDING.with(|s| s.set(false));
}

/// Notes this device's pledges in the outbox of `repo` as the records now stand
/// ([`super::note_mine`]), then sends what waits. The records are read afresh each time: a
/// page of this device (or another tab) may have changed them.
async fn note_and_send(mut repo: crate::storage::LocalRepository) {
    let boxed = super::boxed_drives(&repo);
    if !boxed.is_empty() {
        let mine = crate::storage::prefs::load_mine(&repo);
        let (store, loaded) = crate::storage::Store::open(
            repo.clone(),
            crate::ui::state::APP_VERSION,
            crate::ui::ids::new_id,
        );
        drop(store);
        let mut outbox = Outbox::load(&repo);
        if super::note_mine(&mut outbox, &loaded.ledger, &mine, &boxed, new_doc_id) {
            let _ = outbox.save(&mut repo);
        }
    }
    send_outbox(&mut repo, &|_| {}).await;
}

/// The sender build's work (`/send/`, the hidden frame that my-pledges and the pledge form
/// add while a slip waits and the browser is online): notes and sends what waits now, and
/// again whenever a page of this device writes to storage (a pledge made, moved or cancelled
/// reaches this frame as a `storage` event). When the network comes back the page adds a new
/// frame. Each outcome is written to the outbox, where the pages read it. No Leptos here: the
/// build is this, the reading of the records and the sending.
pub fn run_sender() {
    use wasm_bindgen::closure::Closure;

    fn wake() {
        if let Ok(repo) = crate::storage::LocalRepository::probe() {
            wasm_bindgen_futures::spawn_local(note_and_send(repo));
        }
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    // Its own writes (the outbox) reach the other windows, not this one.
    let on_storage =
        Closure::<dyn Fn(web_sys::StorageEvent)>::new(|_: web_sys::StorageEvent| wake());
    let _ = window.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
    // The listener lives as long as the frame.
    on_storage.forget();
    wake();
}

/// A new document id.
pub fn new_doc_id() -> String {
    slip_id(&random_bytes(16).unwrap_or_else(|_| {
        let now = js_sys::Date::now().to_bits().to_be_bytes();
        [now, now].concat()
    }))
}

// ----- the organizer's side: receiving -----

/// The most rows asked for at once.
pub const PAGE: u32 = 200;

/// One page of the drop box's changes since `since`.
pub async fn changes(couch: &Couch, since: &str) -> Result<ChangesPage, WireError> {
    let since = if since.is_empty() { "0" } else { since };
    let url = couch.db_url(&format!(
        "/_changes?include_docs=true&limit={PAGE}&since={}",
        query_escape(since)
    ));
    let (status, text) = couch.send("GET", &url, None).await?;
    match status {
        200 => parse_changes(&text),
        401 => Err(WireError::Unauthorized),
        s => Err(WireError::Refused(s)),
    }
}

/// Reads one row of the drop box: the slip's text, `Ok(None)` for what is not a slip to count
/// (the design document, a deletion), or why it was set aside.
pub async fn read_row(
    opener: &Opener,
    id: &str,
    doc: Option<&crate::storage::json::Value>,
) -> Result<Option<String>, Junk> {
    if id.starts_with("_design/") {
        return Ok(None);
    }
    let Some(doc) = doc else {
        return Ok(None);
    };
    let doc = SlipDoc::read(doc)?;
    let plain = opener.open(&doc).await?;
    read_plaintext(&plain).map(|(_, slip)| Some(slip))
}

//! The drop box (issue 18): volunteers' pledge slips reach the organizers online, encrypted to
//! the campaign's public key, through a second, create-only database on the campaign's CouchDB
//! server (`<campaign db>-dropbox`). Anyone may add to it; what is in it is ciphertext only
//! the organizers' devices can open.
//!
//! This module holds what is tested natively: the drop box's address as it rides in a drive
//! link (`d1.…~b1.…`), the document a slip travels in and the checks a foreign one passes
//! before anything reads it, the design document that makes the database create-only, the
//! volunteer's outbox (what waits, what went, what failed and why) and the organizer's
//! checkpoint. [`web`] does the browser's part: WebCrypto (ECDH P-256, HKDF-SHA256, AES-GCM),
//! sending and fetching.

pub mod web;

use super::doc::{member, member_str};
use super::state::Config;
use crate::share::envelope::{base64url_decode, base64url_encode};
use crate::storage::Repository;
use crate::storage::json::{self, ObjectWriter, Value, json_object};

/// The tag of a drop box's address in a drive link, format version 1.
pub const BOX_TAG: &str = "b1";
/// Bytes of a P-256 public key in raw (uncompressed) form: `04 ‖ x ‖ y`.
pub const PUBLIC_LEN: usize = 65;
/// Bytes of a P-256 private scalar.
pub const PRIVATE_LEN: usize = 32;
/// Bytes of an AES-GCM nonce.
pub const IV_LEN: usize = 12;
/// The most characters a slip document may have (its JSON, as the design document measures).
pub const MAX_DOC: usize = 8 * 1024;
/// The version a slip document carries.
pub const DOC_VERSION: u8 = 1;
/// HKDF's `info`: binds the derived key to this use.
pub const HKDF_INFO: &[u8] = b"hien-mau drop box v1";

/// Volunteer side: the drop box of each kept drive (drive id → address).
pub const BOXES: &str = "hienmau-box/drives";
/// Volunteer side: slips to send and how each went.
pub const OUTBOX: &str = "hienmau-box/outbox";
/// Organizer side: the campaign's key pair (private scalar ‖ public key, base64url); travels
/// only with the campaign key (pairing).
pub const BOX_KEY: &str = "hienmau-sync/box-key";
/// Organizer side: the drop box's checkpoint and the count of documents set aside.
pub const INBOX_STATE: &str = "hienmau-sync/box-inbox";

/// The drop box database of a campaign database.
pub fn box_db(db: &str) -> String {
    format!("{db}-dropbox")
}

/// Where a drive's slips go: the campaign's public key and the drop box database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DropBox {
    /// The campaign's public key, raw.
    pub key: Vec<u8>,
    /// The server, `https://couch.example.org`.
    pub server: String,
    /// The drop box database.
    pub db: String,
}

/// Whether `key` looks like a raw P-256 public key (the curve itself is checked by WebCrypto
/// when the key is imported).
pub fn is_public_key(key: &[u8]) -> bool {
    key.len() == PUBLIC_LEN && key[0] == 4
}

impl DropBox {
    /// The drop box of a campaign's sync configuration.
    pub fn of(config: &Config, key: &[u8]) -> DropBox {
        DropBox {
            key: key.to_vec(),
            server: config.server.clone(),
            db: box_db(&config.db),
        }
    }

    /// Its text in a link: `b1.` and base64url of the key, the server and the database
    /// (separated by a line feed, which neither may hold).
    pub fn encode(&self) -> String {
        let mut bytes = self.key.clone();
        bytes.extend_from_slice(self.server.as_bytes());
        bytes.push(b'\n');
        bytes.extend_from_slice(self.db.as_bytes());
        format!("{BOX_TAG}.{}", base64url_encode(&bytes))
    }

    /// Reads [`DropBox::encode`]'s text; `None` unless every part is right (a key, an http(s)
    /// address and a database name as [`Config::parse`] checks them).
    pub fn decode(text: &str) -> Option<DropBox> {
        let data = text.trim().strip_prefix(BOX_TAG)?.strip_prefix('.')?;
        let bytes = base64url_decode(data)?;
        if bytes.len() > 1024 || bytes.len() < PUBLIC_LEN {
            return None;
        }
        let (key, rest) = bytes.split_at(PUBLIC_LEN);
        let (server, db) = std::str::from_utf8(rest).ok()?.split_once('\n')?;
        let config = Config::parse(server, db, "-").ok()?;
        (is_public_key(key) && config.server == server && config.db == db).then(|| DropBox {
            key: key.to_vec(),
            server: config.server,
            db: config.db,
        })
    }

    /// The sync configuration that reaches it (no account: anyone may add).
    pub fn config(&self) -> Config {
        Config {
            server: self.server.clone(),
            db: self.db.clone(),
            user: String::new(),
        }
    }
}

/// The drop box of this organizer's campaign, when sync is set up and the key pair is here.
pub fn organizer_box(repo: &dyn Repository) -> Option<DropBox> {
    let config = Config::load(repo)?;
    let (_, public) = parse_key_pair(&repo.get(BOX_KEY)?)?;
    Some(DropBox::of(&config, &public))
}

/// A drive link with its drop box: `…#d1.<drive>~b1.<box>`.
pub fn link_with_box(link: &str, dropbox: Option<&DropBox>) -> String {
    match dropbox {
        Some(b) => format!("{link}~{}", b.encode()),
        None => link.to_owned(),
    }
}

/// Splits a drive link (a URL, a fragment or the payload) into the drive's part and its drop
/// box, if it has a readable one. Links made before drop boxes, or by an organizer without
/// sync, have none and read as before.
pub fn split_link(text: &str) -> (&str, Option<DropBox>) {
    match text.rfind('~') {
        Some(i) if !text[i..].contains('#') => (&text[..i], DropBox::decode(&text[i + 1..])),
        _ => (text, None),
    }
}

/// The drop box of each drive this device keeps: one line per drive, its id and the drop box's
/// link text (`b1.…`, checked again when read), separated by a tab. Plain lines, not JSON:
/// the volunteers' build that reads them has little room.
pub fn load_boxes(repo: &dyn Repository) -> std::collections::BTreeMap<String, DropBox> {
    repo.get(BOXES)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            let (drive, text) = line.split_once('\t')?;
            Some((drive.to_owned(), DropBox::decode(text)?))
        })
        .collect()
}

/// The drives this device keeps a drop box for, read without decoding the boxes: what the
/// page that notes the outbox needs (the sender decodes and checks each box before it uses it,
/// [`load_boxes`]). A list, not a map: the volunteers' build that reads it has little room.
pub fn boxed_drives(repo: &dyn Repository) -> Vec<String> {
    repo.get(BOXES)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| Some(line.split_once('\t')?.0.to_owned()))
        .collect()
}

/// Remembers the drop box of a kept drive.
pub fn keep_box(
    repo: &mut dyn Repository,
    drive: &str,
    dropbox: &DropBox,
) -> Result<(), crate::storage::WriteError> {
    let mut boxes = load_boxes(repo);
    if boxes.get(drive) == Some(dropbox) {
        return Ok(());
    }
    boxes.insert(drive.to_owned(), dropbox.clone());
    let text: String = boxes
        .iter()
        .map(|(d, b)| format!("{d}\t{}\n", b.encode()))
        .collect();
    repo.set(BOXES, &text)
}

// ----- the documents -----

/// A slip as it lies in the drop box: `{"_id", "v": 1, "k", "i", "c"}` with the sender's
/// ephemeral public key, the nonce and the ciphertext in base64url.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlipDoc {
    /// The document id: `s` and 32 hex digits, chosen once per slip sent.
    pub id: String,
    /// The sender's ephemeral public key, raw.
    pub key: Vec<u8>,
    /// The AES-GCM nonce.
    pub iv: Vec<u8>,
    /// The ciphertext with its tag.
    pub ct: Vec<u8>,
}

/// Why a document of the drop box was set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Junk {
    /// Not the shape of a slip document.
    Shape,
    /// The shape is right but it does not open with this campaign's key (tampered with, or
    /// encrypted to another key).
    Sealed,
    /// It opens but holds no readable slip.
    Content,
}

/// Whether a document id is one a volunteer's device chooses.
pub fn is_slip_id(id: &str) -> bool {
    id.len() == 33
        && id.starts_with('s')
        && id[1..]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A new document id from 16 random bytes.
pub fn slip_id(random: &[u8]) -> String {
    let mut id = String::from("s");
    for b in random.iter().take(16) {
        id.push_str(&format!("{b:02x}"));
    }
    id
}

impl SlipDoc {
    /// The document's JSON (what is PUT at its id).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        ObjectWriter::new(&mut out)
            .field("_id", &self.id)
            .field("v", &DOC_VERSION)
            .field("k", &base64url_encode(&self.key))
            .field("i", &base64url_encode(&self.iv))
            .field("c", &base64url_encode(&self.ct))
            .end();
        out
    }

    /// Reads a foreign document (a row of the drop box), checking its shape before anything
    /// else looks at it.
    pub fn read(doc: &Value) -> Result<SlipDoc, Junk> {
        let id = member_str(doc, "_id").ok_or(Junk::Shape)?;
        let version = matches!(member(doc, "v"), Some(Value::Number(n)) if n == "1");
        let bytes = |name| member_str(doc, name).and_then(|t| base64url_decode(&t));
        let (Some(key), Some(iv), Some(ct)) = (bytes("k"), bytes("i"), bytes("c")) else {
            return Err(Junk::Shape);
        };
        let sized = is_public_key(&key) && iv.len() == IV_LEN && ct.len() > 16;
        if !version || !sized || !is_slip_id(&id) || ct.len() > MAX_DOC {
            return Err(Junk::Shape);
        }
        Ok(SlipDoc { id, key, iv, ct })
    }
}

/// What changed, as the slip says it to the organizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A new pledge.
    Pledge,
    /// Moved to another slot.
    Move,
    /// Cancelled.
    Cancel,
    /// Something else (the donor's details, a status).
    Update,
}

impl Change {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Change::Pledge => "pledge",
            Change::Move => "move",
            Change::Cancel => "cancel",
            Change::Update => "update",
        }
    }

    /// The change of a stored code.
    pub fn from_code(code: &str) -> Option<Change> {
        [Change::Pledge, Change::Move, Change::Cancel, Change::Update]
            .into_iter()
            .find(|c| c.code() == code)
    }
}

/// What is encrypted: `{"w": <change>, "s": <the slip's text, p1.…>}`.
pub fn plaintext(change: Change, slip: &str) -> String {
    let mut out = String::new();
    ObjectWriter::new(&mut out)
        .field("w", change.code())
        .field("s", slip)
        .end();
    out
}

/// Reads [`plaintext`]: the change and the slip's text (the slip itself is read and checked
/// by the inbox like any slip).
pub fn read_plaintext(bytes: &[u8]) -> Result<(Change, String), Junk> {
    let value: Value = std::str::from_utf8(bytes)
        .ok()
        .and_then(|t| json::from_str(t).ok())
        .ok_or(Junk::Content)?;
    let change = member_str(&value, "w")
        .and_then(|w| Change::from_code(&w))
        .ok_or(Junk::Content)?;
    let slip = member_str(&value, "s")
        .filter(|s| s.starts_with("p1."))
        .ok_or(Junk::Content)?;
    Ok((change, slip))
}

/// The design document that makes the drop box create-only: a new document of the slip's
/// shape and at most [`MAX_DOC`] characters, never an update or a delete (server admins
/// excepted, so the design document itself can be replaced).
pub fn design_doc() -> String {
    let check = format!(
        "function(doc, old, user) {{\
         if (user.roles.indexOf('_admin') !== -1) return;\
         if (old || doc._deleted) throw({{forbidden: 'The drop box only takes new slips.'}});\
         var ok = /^s[0-9a-f]{{32}}$/.test(doc._id) && doc.v === 1\
         && typeof doc.k === 'string' && doc.k.length === 87\
         && typeof doc.i === 'string' && doc.i.length === 16\
         && typeof doc.c === 'string';\
         if (!ok) throw({{forbidden: 'Not a slip.'}});\
         if (JSON.stringify(doc).length > {MAX_DOC}) throw({{forbidden: 'Too large.'}});\
         }}"
    );
    let mut out = String::new();
    ObjectWriter::new(&mut out)
        .field("_id", "_design/dropbox")
        .field("validate_doc_update", &check)
        .end();
    out
}

/// The drop box's `_security`: `user` is its admin, and no members, so anyone may add (and
/// read what is only ciphertext).
pub fn security_body(user: &str) -> String {
    let mut admins = String::new();
    ObjectWriter::new(&mut admins)
        .field("names", &vec![user.to_owned()])
        .field("roles", &Vec::<String>::new())
        .end();
    format!("{{\"admins\":{admins},\"members\":{{\"names\":[],\"roles\":[]}}}}")
}

// ----- the volunteer's outbox -----

/// How a slip stands in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sending {
    /// On the server.
    Sent,
    /// Waits for the network (or the server) to come back.
    Waiting,
    /// The server or the browser refused; the code says why ([`super::Trouble::code`]).
    Failed(String),
}

/// One slip to send.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// The pledge.
    pub pledge: String,
    /// Its drive (whose drop box receives it).
    pub drive: String,
    /// The document id, chosen once: sending again never makes a second document.
    pub doc: String,
    /// The slip's text (`p1.…`).
    pub slip: String,
    /// What changed ([`Change::code`]).
    pub what: String,
    /// Where and when the pledge stands (to tell a move), and whether it is cancelled.
    pub slot: String,
    /// `sent`, `waiting`, or the failure's code.
    pub state: String,
}

impl Entry {
    /// How it stands.
    pub fn sending(&self) -> Sending {
        match self.state.as_str() {
            "sent" => Sending::Sent,
            "waiting" => Sending::Waiting,
            why => Sending::Failed(why.to_owned()),
        }
    }
}

/// A pledge as it is now, for [`Outbox::note`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current {
    /// The pledge's id.
    pub pledge: String,
    /// Its drive.
    pub drive: String,
    /// The slip's text.
    pub slip: String,
    /// Where and when (any text that changes when the pledge moves).
    pub slot: String,
    /// Whether it is cancelled.
    pub cancelled: bool,
}

/// The slips this device sends, one entry per pledge (the latest slip of each).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outbox {
    /// The entries, oldest pledge first.
    pub entries: Vec<Entry>,
}

impl Outbox {
    /// The outbox kept on this device: one line per entry, its fields in order separated by
    /// tabs (none holds a tab or a line feed); a line of another shape is left out. Plain
    /// lines, not JSON: the volunteers' build that reads them has little room.
    pub fn load(repo: &dyn Repository) -> Outbox {
        let entries = repo
            .get(OUTBOX)
            .unwrap_or_default()
            .lines()
            .filter_map(|line| {
                let f: Vec<&str> = line.split('\t').collect();
                let [pledge, drive, doc, slip, what, slot, state] = f[..] else {
                    return None;
                };
                Some(Entry {
                    pledge: pledge.into(),
                    drive: drive.into(),
                    doc: doc.into(),
                    slip: slip.into(),
                    what: what.into(),
                    slot: slot.into(),
                    state: state.into(),
                })
            })
            .collect();
        Outbox { entries }
    }

    /// Keeps it.
    pub fn save(&self, repo: &mut dyn Repository) -> Result<(), crate::storage::WriteError> {
        let text: String = self
            .entries
            .iter()
            .map(|e| {
                let fields = [
                    &e.pledge, &e.drive, &e.doc, &e.slip, &e.what, &e.slot, &e.state,
                ];
                let mut line = fields.map(|f| f.replace(['\t', '\n'], " ")).join("\t");
                line.push('\n');
                line
            })
            .collect();
        repo.set(OUTBOX, &text)
    }

    /// Notes a pledge as it is now: when its slip differs from the last one noted, the new
    /// slip waits to be sent under a new document id (`new_id`), replacing the old one whether
    /// it went or not (the organizer needs only the latest: merging keeps the newest pledge).
    /// Returns whether something new waits.
    pub fn note(&mut self, now: &Current, new_id: impl FnOnce() -> String) -> bool {
        let slot = format!("{}{}", now.slot, if now.cancelled { " x" } else { "" });
        let before = self.entries.iter().position(|e| e.pledge == now.pledge);
        let what = match before.map(|i| &self.entries[i]) {
            Some(e) if e.slip == now.slip => return false,
            None => Change::Pledge,
            Some(_) if now.cancelled => Change::Cancel,
            Some(e) if e.slot != slot => Change::Move,
            Some(_) => Change::Update,
        };
        let entry = Entry {
            pledge: now.pledge.clone(),
            drive: now.drive.clone(),
            doc: new_id(),
            slip: now.slip.clone(),
            what: what.code().to_owned(),
            slot,
            state: "waiting".to_owned(),
        };
        match before {
            Some(i) => self.entries[i] = entry,
            None => self.entries.push(entry),
        }
        true
    }

    /// The entries still to send (waiting, or failed: tried again).
    pub fn unsent(&self) -> Vec<Entry> {
        self.entries
            .iter()
            .filter(|e| e.sending() != Sending::Sent)
            .cloned()
            .collect()
    }

    /// Records how sending the document `doc` went (nothing when a newer slip replaced it).
    pub fn mark(&mut self, doc: &str, how: &Sending) {
        if let Some(e) = self.entries.iter_mut().find(|e| e.doc == doc) {
            e.state = match how {
                Sending::Sent => "sent".to_owned(),
                Sending::Waiting => "waiting".to_owned(),
                Sending::Failed(why) => why.clone(),
            };
        }
    }
}

/// The pledge `id` as it is now, when its drive has a drop box on this device (`boxed`):
/// its slip, where and when it stands, and whether it is cancelled. `None` when the ledger
/// lacks it or its drive has no drop box (its slip then goes by hand only).
pub fn current(
    ledger: &crate::domain::Ledger,
    id: &crate::domain::PledgeId,
    boxed: &[String],
) -> Option<Current> {
    use crate::domain::PledgeStatus;
    use crate::share::link::{PledgeSlip, encode_slip};
    let p = ledger.pledge_by_id(id)?;
    let drive = p
        .slot
        .place
        .drive()
        .filter(|d| boxed.iter().any(|b| b == d.as_str()))?;
    let slip = PledgeSlip::from_ledger(ledger, id).ok()?;
    Some(Current {
        pledge: id.to_string(),
        drive: drive.to_string(),
        slip: encode_slip(&slip),
        slot: format!("{} {} {}", p.slot.place.site(), p.slot.date, p.slot.start),
        cancelled: matches!(p.status, PledgeStatus::Cancelled { .. }),
    })
}

/// Notes every pledge made on this device (`mine`) whose drive has a drop box here: its slip
/// as it is now ([`Outbox::note`]). Returns whether something new waits. The sender does this
/// before each round (`web::run_sender`); the pages only read the outbox.
pub fn note_mine(
    outbox: &mut Outbox,
    ledger: &crate::domain::Ledger,
    mine: &[crate::domain::PledgeId],
    boxed: &[String],
    mut new_id: impl FnMut() -> String,
) -> bool {
    let mut noted = false;
    for id in mine {
        if let Some(now) = current(ledger, id, boxed) {
            noted |= outbox.note(&now, &mut new_id);
        }
    }
    noted
}

/// How the slip of a pledge as it is now (`now`) stands in `outbox`: as its entry says when
/// that entry holds this very slip, else waiting (a change the sender has not noted yet: it
/// notes it when it next runs, which needs the network).
pub fn standing(outbox: &Outbox, now: &Current) -> Sending {
    outbox
        .entries
        .iter()
        .find(|e| e.pledge == now.pledge && e.slip == now.slip)
        .map_or(Sending::Waiting, Entry::sending)
}

/// How a `PUT` of a slip document went, from the reply's status: created, or already there
/// (a resend of a slip that went: `409`) is sent; anything else failed with its status.
pub fn put_outcome(status: u16) -> Sending {
    match status {
        201 | 202 | 409 => Sending::Sent,
        s => Sending::Failed(super::Trouble::Refused(s).code()),
    }
}

// ----- the organizer's inbox -----

/// Where the organizer's inbox stands with the drop box.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BoxInbox {
    /// The `_changes` checkpoint.
    pub since: String,
    /// Documents set aside (not a slip, not for this key, no readable slip), each counted once.
    pub junk: u32,
    /// Slips taken in from the drop box.
    pub taken: u32,
}

json_object! {
    BoxInbox { since, junk, taken }
}

impl BoxInbox {
    /// The state kept on this device.
    pub fn load(repo: &dyn Repository) -> BoxInbox {
        repo.get(INBOX_STATE)
            .and_then(|t| json::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// Keeps it.
    pub fn save(&self, repo: &mut dyn Repository) -> Result<(), crate::storage::WriteError> {
        repo.set(INBOX_STATE, &json::to_string(self))
    }
}

/// The organizer's key pair as stored: private scalar and public key.
pub fn parse_key_pair(text: &str) -> Option<(Vec<u8>, Vec<u8>)> {
    let bytes = base64url_decode(text.trim())?;
    if bytes.len() != PRIVATE_LEN + PUBLIC_LEN {
        return None;
    }
    let (private, public) = bytes.split_at(PRIVATE_LEN);
    is_public_key(public).then(|| (private.to_vec(), public.to_vec()))
}

/// The stored text of a key pair.
pub fn key_pair_text(private: &[u8], public: &[u8]) -> String {
    let mut bytes = private.to_vec();
    bytes.extend_from_slice(public);
    base64url_encode(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryRepository;

    fn public() -> Vec<u8> {
        let mut k = vec![4u8];
        k.extend((1..=64).map(|i| i as u8));
        k
    }

    fn dropbox() -> DropBox {
        DropBox {
            key: public(),
            server: "https://couch.example.org".into(),
            db: "campaign-2024-dropbox".into(),
        }
    }

    #[test]
    fn a_drive_link_carries_its_drop_box_and_old_links_read_as_before() {
        let link = link_with_box("https://x.example/d/#d1.AAAA", Some(&dropbox()));
        assert!(link.starts_with("https://x.example/d/#d1.AAAA~b1."));
        assert_eq!(
            split_link(&link),
            ("https://x.example/d/#d1.AAAA", Some(dropbox()))
        );
        assert_eq!(
            split_link("https://x.example/d/#d1.AAAA"),
            ("https://x.example/d/#d1.AAAA", None)
        );
        // A tilde before the fragment is part of the address, not a drop box.
        assert_eq!(
            split_link("https://x/~me/#d1.A"),
            ("https://x/~me/#d1.A", None)
        );
    }

    #[test]
    fn a_damaged_drop_box_is_dropped_and_the_drive_still_reads() {
        let mut bad_key = dropbox();
        bad_key.key[0] = 3;
        let mut bad_server = dropbox();
        bad_server.server = "ftp://x".into();
        for b in [bad_key, bad_server] {
            let link = link_with_box("#d1.AAAA", Some(&b));
            assert_eq!(split_link(&link), ("#d1.AAAA", None));
        }
        assert_eq!(split_link("#d1.AAAA~b1.!!"), ("#d1.AAAA", None));
        assert_eq!(split_link("#d1.AAAA~b2.AAAA"), ("#d1.AAAA", None));
        assert_eq!(DropBox::decode("b1."), None);
    }

    #[test]
    fn an_organizer_with_sync_and_a_key_pair_shares_the_drop_box_of_the_campaign() {
        let mut repo = MemoryRepository::new();
        assert_eq!(organizer_box(&repo), None);
        let config = Config::parse("https://couch.example.org", "campaign-2024", "u").unwrap();
        repo.set(super::super::state::CONFIG, &json::to_string(&config))
            .unwrap();
        assert_eq!(organizer_box(&repo), None, "no key pair yet");
        repo.set(BOX_KEY, &key_pair_text(&[1; PRIVATE_LEN], &public()))
            .unwrap();
        assert_eq!(organizer_box(&repo), Some(dropbox()));
    }

    #[test]
    fn a_kept_drop_box_reads_back() {
        let mut repo = MemoryRepository::new();
        keep_box(&mut repo, "drive-1", &dropbox()).unwrap();
        assert_eq!(load_boxes(&repo).get("drive-1"), Some(&dropbox()));
        assert_eq!(boxed_drives(&repo), ["drive-1"]);
    }

    fn doc_value(doc: &SlipDoc) -> Value {
        json::from_str(&doc.to_json()).unwrap()
    }

    fn doc() -> SlipDoc {
        SlipDoc {
            id: slip_id(&[0xab; 16]),
            key: public(),
            iv: vec![7; IV_LEN],
            ct: vec![9; 200],
        }
    }

    #[test]
    fn a_slip_document_reads_back_and_foreign_shapes_are_junk() {
        assert_eq!(SlipDoc::read(&doc_value(&doc())), Ok(doc()));
        let text = doc().to_json();
        for bad in [
            text.replace("\"v\":1", "\"v\":2"),
            text.replace("\"_id\":\"s", "\"_id\":\"x"),
            text.replace("\"i\":\"", "\"i\":\"AA"),
            r#"{"_id":"s0","name":"Nguyễn Văn A"}"#.to_owned(),
            "[]".to_owned(),
        ] {
            let value: Value = json::from_str(&bad).unwrap();
            assert_eq!(SlipDoc::read(&value), Err(Junk::Shape), "{bad}");
        }
        let mut big = doc();
        big.ct = vec![1; MAX_DOC + 1];
        assert_eq!(SlipDoc::read(&doc_value(&big)), Err(Junk::Shape));
    }

    #[test]
    fn what_is_encrypted_names_the_change_and_holds_the_slip() {
        let text = plaintext(Change::Cancel, "p1.abc");
        assert_eq!(
            read_plaintext(text.as_bytes()),
            Ok((Change::Cancel, "p1.abc".to_owned()))
        );
        assert_eq!(
            read_plaintext(plaintext(Change::Move, "d1.x").as_bytes()),
            Err(Junk::Content)
        );
        assert_eq!(read_plaintext(&[0xff, 0]), Err(Junk::Content));
    }

    #[test]
    fn the_design_document_is_json_with_the_slips_limits() {
        let value: Value = json::from_str(&design_doc()).unwrap();
        let check = member_str(&value, "validate_doc_update").unwrap();
        assert!(check.contains(&MAX_DOC.to_string()));
        // The lengths it checks are those of a real document's key and nonce.
        let d = doc_value(&doc());
        assert_eq!(member_str(&d, "k").unwrap().len(), 87);
        assert_eq!(member_str(&d, "i").unwrap().len(), 16);
        assert!(check.contains("doc.k.length === 87") && check.contains("doc.i.length === 16"));
        let security: Value = json::from_str(&security_body("desk1")).unwrap();
        assert!(member(&security, "members").is_some());
    }

    fn current_of(slip: &str, slot: &str, cancelled: bool) -> Current {
        Current {
            pledge: "p-1".into(),
            drive: "drive-1".into(),
            slip: slip.into(),
            slot: slot.into(),
            cancelled,
        }
    }

    /// How the latest slip of a pledge stands, if it is sent online at all.
    fn state_of(outbox: &Outbox, pledge: &str) -> Option<Sending> {
        outbox
            .entries
            .iter()
            .find(|e| e.pledge == pledge)
            .map(Entry::sending)
    }

    #[test]
    fn the_outbox_sends_each_new_slip_once_under_one_id_and_says_how_it_went() {
        let mut outbox = Outbox::default();
        let mut n = 0;
        let mut id = || {
            n += 1;
            format!("s{n}")
        };
        assert!(outbox.note(&current_of("p1.a", "9:00", false), &mut id));
        assert!(
            !outbox.note(&current_of("p1.a", "9:00", false), &mut id),
            "same slip"
        );
        assert_eq!(state_of(&outbox, "p-1"), Some(Sending::Waiting));
        let doc = outbox.unsent()[0].doc.clone();
        assert_eq!(outbox.entries[0].what, "pledge");
        // Offline: it keeps its id, so the resend cannot make a second document.
        outbox.mark(&doc, &Sending::Waiting);
        assert_eq!(outbox.unsent()[0].doc, doc);
        outbox.mark(&doc, &put_outcome(409));
        assert_eq!(state_of(&outbox, "p-1"), Some(Sending::Sent));
        assert!(outbox.unsent().is_empty());
        // A move, then a cancellation: each a new slip under a new id, the latest only.
        assert!(outbox.note(&current_of("p1.b", "10:00", false), &mut id));
        assert_eq!(outbox.entries[0].what, "move");
        assert!(outbox.note(&current_of("p1.c", "10:00", true), &mut id));
        assert_eq!(outbox.entries.len(), 1);
        assert_eq!(outbox.entries[0].what, "cancel");
        let last = outbox.entries[0].doc.clone();
        assert_ne!(last, doc);
        outbox.mark(&last, &put_outcome(403));
        assert_eq!(
            state_of(&outbox, "p-1"),
            Some(Sending::Failed("refused-403".into()))
        );
        assert_eq!(outbox.unsent().len(), 1, "a failed slip is tried again");
        let mut repo = MemoryRepository::new();
        outbox.save(&mut repo).unwrap();
        assert_eq!(Outbox::load(&repo), outbox);
        // A stored line of another shape is left out; the others read.
        let stored = repo.get(OUTBOX).unwrap();
        repo.set(OUTBOX, &format!("a\tb\n{stored}")).unwrap();
        assert_eq!(Outbox::load(&repo), outbox);
        assert_eq!(state_of(&outbox, "p-2"), None);
    }

    #[test]
    fn pledges_of_a_drive_with_a_drop_box_are_noted_once_and_a_cancellation_again() {
        use crate::domain::PledgeStatus;
        use crate::domain::Timestamp;
        use crate::domain::generate::{GenerateOptions, generate};
        let mut ledger = generate(&GenerateOptions::new(7, 40, "2024-06-01".parse().unwrap()));
        let p = ledger
            .pledges()
            .find(|p| p.slot.place.drive().is_some() && p.status == PledgeStatus::Pledged)
            .unwrap()
            .clone();
        let other = ledger
            .pledges()
            .find(|o| o.slot.place.drive() != p.slot.place.drive())
            .map(|o| o.id.clone());
        let mine: Vec<_> = std::iter::once(p.id.clone()).chain(other).collect();
        let drive = p.slot.place.drive().unwrap().to_string();
        let mut boxes = Vec::new();
        let mut outbox = Outbox::default();
        let mut n = 0;
        let mut id = || {
            n += 1;
            slip_id(&[n as u8; 16])
        };
        assert!(
            !note_mine(&mut outbox, &ledger, &mine, &boxes, &mut id),
            "no drop box"
        );
        assert_eq!(current(&ledger, &p.id, &boxes), None, "sent by hand only");
        boxes.push(drive.clone());
        let now = current(&ledger, &p.id, &boxes).unwrap();
        assert_eq!(
            standing(&outbox, &now),
            Sending::Waiting,
            "a slip not noted yet waits"
        );
        assert!(note_mine(&mut outbox, &ledger, &mine, &boxes, &mut id));
        assert!(!note_mine(&mut outbox, &ledger, &mine, &boxes, &mut id));
        assert_eq!(
            outbox.entries.len(),
            1,
            "a pledge of a drive without a drop box is not sent"
        );
        assert_eq!(outbox.entries[0].drive, drive);
        assert!(outbox.entries[0].slip.starts_with("p1."));
        let doc = outbox.entries[0].doc.clone();
        outbox.mark(&doc, &Sending::Sent);
        assert_eq!(standing(&outbox, &now), Sending::Sent);
        ledger
            .cancel(&p.id, "x", Timestamp(p.updated_at.0 + 1))
            .unwrap();
        let cancelled = current(&ledger, &p.id, &boxes).unwrap();
        assert_eq!(
            standing(&outbox, &cancelled),
            Sending::Waiting,
            "the cancellation waits although the pledge's first slip went"
        );
        assert!(note_mine(&mut outbox, &ledger, &mine, &boxes, &mut id));
        assert_eq!(outbox.entries[0].what, "cancel");
        assert_eq!(standing(&outbox, &cancelled), Sending::Waiting);
    }

    #[test]
    fn a_key_pair_round_trips_and_a_wrong_one_is_refused() {
        let text = key_pair_text(&[1; PRIVATE_LEN], &public());
        assert_eq!(
            parse_key_pair(&text),
            Some((vec![1; PRIVATE_LEN], public()))
        );
        assert_eq!(parse_key_pair("AAAA"), None);
        assert_eq!(slip_id(&[0xab; 16]).len(), 33);
        assert!(is_slip_id(&slip_id(&[0; 16])));
        assert!(!is_slip_id("_design/dropbox"));
    }
}

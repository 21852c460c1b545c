//! The engine against a fake CouchDB (revisions, conflicts, a changes feed) and a fake cipher
//! (keyed, bound to the id, tamper-evident), natively: two desks converge, concurrent bookings
//! of one slot both survive, a tampered document is set aside while the rest syncs, offline
//! loses nothing.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::task::{Context, Poll, Waker};

use super::*;
use crate::domain::generate::{GenerateOptions, generate};
use crate::domain::{
    DonationType, Now, PledgeId, PledgeRequest, SlotRef, TimeOfDay, Timestamp, eligibility::RuleSet,
};
use crate::storage::MemoryRepository;
use crate::storage::json::{self, Value};
use crate::storage::store::tests::{open_slot_with, today};
use crate::storage::store::{SETUP as SETUP_KEY, pledge_key};
use crate::sync::wire::{Change, ChangesPage};

/// Runs a future whose every step is ready (the fakes never wait).
fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("a fake never waits"),
    }
}

fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.iter().chain(&[0xff]) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A stand-in for WebCrypto: a keyed MAC, a keyed XOR and a tag over key, id, nonce and text.
struct FakeCipher {
    key: u8,
    nonces: Cell<u64>,
}

impl FakeCipher {
    fn new(key: u8) -> FakeCipher {
        FakeCipher {
            key,
            nonces: Cell::new(0),
        }
    }
}

impl Cipher for FakeCipher {
    async fn mac(&self, data: &[u8]) -> Result<Vec<u8>, doc::CipherError> {
        let k = [self.key];
        Ok((0u8..4)
            .flat_map(|i| fnv(&[&k, &[i], data]).to_be_bytes())
            .collect())
    }

    async fn seal(
        &self,
        id: &str,
        plaintext: &[u8],
    ) -> Result<(Vec<u8>, Vec<u8>), doc::CipherError> {
        self.nonces.set(self.nonces.get() + 1);
        let mut iv = vec![0u8; 4];
        iv.extend(self.nonces.get().to_be_bytes());
        let mut ct: Vec<u8> = plaintext.iter().map(|b| b ^ self.key).collect();
        ct.extend(fnv(&[&[self.key], id.as_bytes(), &iv, plaintext]).to_be_bytes());
        Ok((iv, ct))
    }

    async fn open(&self, id: &str, iv: &[u8], ct: &[u8]) -> Result<Vec<u8>, doc::CipherError> {
        let (body, tag) = ct.split_at(ct.len().checked_sub(8).ok_or(doc::CipherError)?);
        let plain: Vec<u8> = body.iter().map(|b| b ^ self.key).collect();
        let want = fnv(&[&[self.key], id.as_bytes(), iv, &plain]).to_be_bytes();
        if tag == want {
            Ok(plain)
        } else {
            Err(doc::CipherError)
        }
    }
}

/// A CouchDB in memory: each document's revision count and body, a sequence per write.
#[derive(Default)]
struct FakeServer {
    docs: RefCell<BTreeMap<String, (u32, Sealed, u64)>>,
    seq: Cell<u64>,
    offline: Cell<bool>,
}

impl FakeServer {
    fn body(n: u32, doc: &Sealed) -> Value {
        let with_rev = Sealed {
            rev: Some(format!("{n}-x")),
            ..doc.clone()
        };
        json::from_str(&with_rev.to_json()).unwrap()
    }

    fn up(&self) -> Result<(), WireError> {
        if self.offline.get() {
            Err(WireError::Offline)
        } else {
            Ok(())
        }
    }

    /// Flips one byte of a document's ciphertext, as a write would (new revision).
    fn tamper(&self, id: &str) {
        let seq = self.seq.get() + 1;
        self.seq.set(seq);
        let mut docs = self.docs.borrow_mut();
        let (n, doc, s) = docs.get_mut(id).unwrap();
        doc.ct[0] ^= 1;
        *n += 1;
        *s = seq;
    }

    fn ids(&self) -> Vec<String> {
        self.docs.borrow().keys().cloned().collect()
    }
}

impl Transport for FakeServer {
    async fn changes(&self, since: &str, limit: u32) -> Result<ChangesPage, WireError> {
        self.up()?;
        let since: u64 = since.parse().unwrap_or(0);
        let docs = self.docs.borrow();
        let mut rows: Vec<(u64, &String, &(u32, Sealed, u64))> = docs
            .iter()
            .filter(|(_, d)| d.2 > since)
            .map(|(id, d)| (d.2, id, d))
            .collect();
        rows.sort_by_key(|r| r.0);
        rows.truncate(limit as usize);
        let last = rows.last().map_or(since, |r| r.0);
        Ok(ChangesPage {
            results: rows
                .into_iter()
                .map(|(_, id, (n, doc, _))| Change {
                    id: id.clone(),
                    deleted: false,
                    doc: Some(FakeServer::body(*n, doc)),
                })
                .collect(),
            last_seq: last.to_string(),
        })
    }

    async fn push(&self, docs: &[Sealed]) -> Result<Vec<Pushed>, WireError> {
        self.up()?;
        let mut stored = self.docs.borrow_mut();
        Ok(docs
            .iter()
            .map(|doc| {
                let current = stored.get(&doc.id).map(|d| format!("{}-x", d.0));
                if current != doc.rev {
                    return Pushed::Conflict { id: doc.id.clone() };
                }
                let n = stored.get(&doc.id).map_or(1, |d| d.0 + 1);
                self.seq.set(self.seq.get() + 1);
                stored.insert(doc.id.clone(), (n, doc.clone(), self.seq.get()));
                Pushed::Saved {
                    id: doc.id.clone(),
                    rev: format!("{n}-x"),
                }
            })
            .collect())
    }

    async fn get(&self, id: &str) -> Result<Option<Value>, WireError> {
        self.up()?;
        Ok(self
            .docs
            .borrow()
            .get(id)
            .map(|(n, doc, _)| FakeServer::body(*n, doc)))
    }
}

/// One organizer device: its storage, ledger and sync memory.
struct Desk {
    store: Store<MemoryRepository>,
    ledger: Ledger,
    state: SyncState,
    cipher: FakeCipher,
}

impl Desk {
    fn new(key: u8) -> Desk {
        let (store, loaded) = Store::open(MemoryRepository::with_quota(1 << 30), "test", || {
            "desk".to_owned()
        });
        Desk {
            store,
            ledger: loaded.ledger,
            state: SyncState::default(),
            cipher: FakeCipher::new(key),
        }
    }

    fn with(ledger: &Ledger) -> Desk {
        let mut desk = Desk::new(1);
        desk.store.replace_all(ledger, "test").unwrap();
        desk.ledger = ledger.clone();
        desk
    }

    fn sync(&mut self, server: &FakeServer) -> Result<Outcome, SyncError> {
        block_on(sync_once(
            server,
            &self.cipher,
            &mut self.store,
            &mut self.ledger,
            &mut self.state,
        ))
    }

    /// Books the `nth` donor free on this desk into `slot`, and saves, as a page would.
    fn book(&mut self, id: &str, nth: usize, slot: &SlotRef) {
        let ledger = &self.ledger;
        let donor = ledger
            .donors()
            .filter(|d| {
                !ledger
                    .pledges()
                    .any(|p| p.donor == d.id && !p.status.is_final())
                    && d.history.is_empty()
            })
            .nth(nth)
            .expect("a free donor")
            .id
            .clone();
        self.ledger.begin();
        self.ledger
            .pledge(
                PledgeId::new(id).unwrap(),
                PledgeRequest {
                    donor,
                    slot: slot.clone(),
                    donation: DonationType::WholeBlood,
                    volume_ml: 250,
                    declarations: Vec::new(),
                },
                &RuleSet::vietnam(),
                Now {
                    date: today(),
                    time: TimeOfDay::from_hm(8, 0).unwrap(),
                    stamp: Timestamp(1_717_200_000_000),
                },
            )
            .expect("pledge accepted");
        let changes = self.ledger.changes();
        self.store.save(&self.ledger, &changes).unwrap();
        self.ledger.commit();
    }

    fn has(&self, id: &str) -> bool {
        self.ledger
            .pledge_by_id(&PledgeId::new(id).unwrap())
            .is_some()
    }

    /// What a fresh page would read from this desk's storage.
    fn reopened(&self) -> Ledger {
        let (_, loaded) = Store::open(self.store.repository().clone(), "test", || "x".into());
        loaded.ledger
    }
}

fn campaign() -> Ledger {
    generate(&GenerateOptions::new(3, 120, today()))
}

#[test]
fn a_new_device_gets_the_whole_campaign_and_a_pledge_travels_from_desk_to_desk() {
    let base = campaign();
    let server = FakeServer::default();
    let mut a = Desk::with(&base);
    let first = a.sync(&server).unwrap();
    assert!(first.pushed > 10, "every shard is pushed: {first:?}");
    assert_eq!(first.waiting, 0);

    let mut b = Desk::new(1);
    let got = b.sync(&server).unwrap();
    assert_eq!(got.pulled, first.pushed);
    assert_eq!(
        b.reopened(),
        base,
        "the new device stores the whole campaign"
    );
    assert_eq!(got.pushed, 0, "what was pulled is not pushed back");

    let slot = open_slot_with(&base, 1);
    a.book("from-a", 0, &slot);
    assert_eq!(
        a.state.waiting(a.store.repository()).len(),
        1,
        "one shard waits"
    );
    let sent = a.sync(&server).unwrap();
    assert_eq!((sent.pushed, sent.waiting), (1, 0));
    b.sync(&server).unwrap();
    assert!(
        b.has("from-a")
            && b.reopened()
                .pledge_by_id(&PledgeId::new("from-a").unwrap())
                .is_some()
    );

    // Nothing new: a sync moves nothing.
    let idle = b.sync(&server).unwrap();
    assert_eq!((idle.pulled, idle.pushed), (0, 0));
}

#[test]
fn two_desks_booking_one_slot_offline_both_keep_both_pledges() {
    let base = campaign();
    let server = FakeServer::default();
    let mut a = Desk::with(&base);
    a.sync(&server).unwrap();
    let mut b = Desk::new(1);
    b.sync(&server).unwrap();

    let slot = open_slot_with(&base, 1);
    server.offline.set(true);
    a.book("booked-on-a", 0, &slot);
    b.book("booked-on-b", 1, &slot);
    assert_eq!(a.sync(&server), Err(SyncError::Wire(WireError::Offline)));
    assert_eq!(b.sync(&server), Err(SyncError::Wire(WireError::Offline)));
    assert!(
        a.has("booked-on-a") && b.has("booked-on-b"),
        "offline work stays"
    );
    assert_eq!(b.state.waiting(b.store.repository()).len(), 1);

    server.offline.set(false);
    a.sync(&server).unwrap();
    // B pushes the same shard with the revision it last saw: a conflict, merged and pushed.
    let merged = b.sync(&server).unwrap();
    assert_eq!(merged.waiting, 0);
    a.sync(&server).unwrap();
    for desk in [&a, &b] {
        let stored = desk.reopened();
        for id in ["booked-on-a", "booked-on-b"] {
            assert!(
                stored.pledge_by_id(&PledgeId::new(id).unwrap()).is_some(),
                "{id}"
            );
        }
    }
    let key = pledge_key(&slot.place, slot.date);
    assert_eq!(
        a.store.repository().get(&key),
        b.store.repository().get(&key),
        "both desks store the same shard"
    );
}

#[test]
fn a_tampered_document_is_set_aside_and_counted_while_the_rest_syncs() {
    let base = campaign();
    let server = FakeServer::default();
    let mut a = Desk::with(&base);
    a.sync(&server).unwrap();
    let victim = server.ids()[0].clone();
    server.tamper(&victim);

    let mut b = Desk::new(1);
    let got = b.sync(&server).unwrap();
    assert_eq!(got.set_aside, 1);
    assert_eq!(b.state.set_aside, vec![victim]);
    assert_eq!(
        got.pulled,
        server.ids().len() - 1,
        "every other document is applied"
    );
}

#[test]
fn a_device_with_another_key_applies_nothing_and_says_how_many_it_set_aside() {
    let server = FakeServer::default();
    let mut a = Desk::with(&campaign());
    a.sync(&server).unwrap();
    let mut stranger = Desk::new(2);
    let got = stranger.sync(&server).unwrap();
    assert_eq!(got.pulled, 0);
    assert_eq!(got.set_aside, server.ids().len());
    assert_eq!(stranger.ledger.pledges().count(), 0);
}

#[test]
fn a_document_moved_to_another_id_is_refused() {
    // A server operator copies one shard's document under another shard's id.
    let server = FakeServer::default();
    let mut a = Desk::with(&campaign());
    a.sync(&server).unwrap();
    let ids = server.ids();
    {
        let mut docs = server.docs.borrow_mut();
        let mut copy = docs[&ids[0]].clone();
        copy.1.id = ids[1].clone();
        copy.2 = 1_000;
        docs.insert(ids[1].clone(), copy);
    }
    let mut b = Desk::new(1);
    let got = b.sync(&server).unwrap();
    assert_eq!(b.state.set_aside, vec![ids[1].clone()]);
    assert_eq!(got.pulled, ids.len() - 1);
}

#[test]
fn the_checkpoint_and_revisions_survive_a_reload() {
    let server = FakeServer::default();
    let mut a = Desk::with(&campaign());
    a.sync(&server).unwrap();
    let kept = SyncState::load(a.store.repository());
    assert_eq!(kept, a.state);
    assert!(!kept.since.is_empty());
}

#[test]
fn a_page_of_the_changes_feed_at_a_time() {
    // More documents than one page: the pull asks again until a page is not full.
    let server = FakeServer::default();
    let base = generate(&GenerateOptions::new(5, 3_000, today()));
    let mut a = Desk::with(&base);
    let sent = a.sync(&server).unwrap();
    assert!(sent.pushed > PAGE as usize, "{sent:?}");
    let mut b = Desk::new(1);
    b.sync(&server).unwrap();
    assert_eq!(b.reopened(), base);
}

#[test]
fn a_set_up_that_would_break_a_rule_is_set_aside_with_the_reason_and_the_rest_still_syncs() {
    // Two devices each created the 2027 campaign offline, under different ids.
    let base = campaign();
    let of_2027 = |id: &str| {
        let mut c = base.campaigns().next().unwrap().clone();
        c.id = crate::domain::CampaignId::new(id).unwrap();
        c.year = 2027;
        c
    };
    let server = FakeServer::default();
    let mut a = Desk::with(&base);
    a.ledger.begin();
    a.ledger
        .add_campaign(of_2027("c2027-a"), Timestamp(10))
        .unwrap();
    let changes = a.ledger.changes();
    a.store.save(&a.ledger, &changes).unwrap();
    a.ledger.commit();
    a.sync(&server).unwrap();

    let mut b = Desk::with(&base);
    b.ledger.begin();
    b.ledger
        .add_campaign(of_2027("c2027-b"), Timestamp(11))
        .unwrap();
    let changes = b.ledger.changes();
    b.store.save(&b.ledger, &changes).unwrap();
    b.ledger.commit();
    let before = b.ledger.setup().clone();
    let slot = open_slot_with(&base, 1);
    a.book("booked-on-a", 0, &slot);
    a.sync(&server).unwrap();

    let got = b.sync(&server).unwrap();
    assert_eq!(got.refused, Some(DomainError::YearTaken(2027)));
    assert_eq!(b.ledger.setup(), &before, "our set-up is as it was");
    assert!(b.state.is_set_aside(SETUP_KEY), "the set-up is set aside");
    assert!(b.has("booked-on-a"), "pledges still merge");
    assert_eq!(b.reopened().setup(), &before);
}

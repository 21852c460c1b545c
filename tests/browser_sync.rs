//! Sync in headless Chromium against the real CouchDB-compatible server scripts/test starts
//! (pouchdb-server in memory; its address in COUCH_URL and its admin in COUCH_ADMIN at build
//! time): the fetch client with the session cookie, WebCrypto, and the engine, end to end. Two
//! desks are two in-memory stores in one page; each test uses a database of its own.
//!
//! Run with `COUCH_URL=http://127.0.0.1:5986 COUCH_ADMIN=admin:admin-password
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test
//! browser_sync` while the server runs (scripts/test does all of it).
#![cfg(target_arch = "wasm32")]

use hien_mau::domain::Ledger;
use hien_mau::domain::generate::{GenerateOptions, generate};
use hien_mau::storage::{MemoryRepository, Store};
use hien_mau::sync::couch::Couch;
use hien_mau::sync::state::{Config, SyncState};
use hien_mau::sync::webcrypto::{WebCipher, available, new_key, random_bytes};
use hien_mau::sync::{SyncError, WireError, sync_once};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const URL: Option<&str> = option_env!("COUCH_URL");
const ADMIN: Option<&str> = option_env!("COUCH_ADMIN");

fn server() -> (String, String, String) {
    let url = URL.expect("COUCH_URL names the test server (scripts/test sets it)");
    let (user, password) = ADMIN
        .unwrap_or("admin:admin-password")
        .split_once(':')
        .expect("COUCH_ADMIN is user:password");
    (url.to_owned(), user.to_owned(), password.to_owned())
}

/// A fresh database, created by the admin's session.
async fn fresh_db(name: &str) -> Couch {
    let (url, user, password) = server();
    let suffix: String = random_bytes(4)
        .unwrap()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let couch = Couch::new(&Config {
        server: url,
        db: format!("{name}-{suffix}"),
        user: user.clone(),
    });
    couch
        .sign_in(&user, &password)
        .await
        .expect("admin signs in");
    assert_eq!(couch.create(&user).await, Ok(true));
    couch
}

fn desk(ledger: Option<&Ledger>) -> (Store<MemoryRepository>, Ledger) {
    let (mut store, loaded) =
        Store::open(MemoryRepository::with_quota(1 << 30), "test", || "d".into());
    match ledger {
        Some(l) => {
            store.replace_all(l, "test").unwrap();
            (store, l.clone())
        }
        None => (store, loaded.ledger),
    }
}

#[wasm_bindgen_test]
async fn a_campaign_travels_through_the_server_sealed_and_opens_on_a_paired_device() {
    assert!(available(), "the test page is a secure context (localhost)");
    let couch = fresh_db("travel").await;
    let key = new_key().unwrap();
    let cipher = WebCipher::new(&key).await.unwrap();
    let today = "2024-06-01".parse().unwrap();
    let base = generate(&GenerateOptions::new(7, 300, today));

    let (mut store_a, mut ledger_a) = desk(Some(&base));
    let mut state_a = SyncState::default();
    let sent = sync_once(&couch, &cipher, &mut store_a, &mut ledger_a, &mut state_a)
        .await
        .unwrap();
    assert!(sent.pushed > 10 && sent.waiting == 0, "{sent:?}");

    // The paired device: same key, empty store.
    let paired = WebCipher::new(&key).await.unwrap();
    let (mut store_b, mut ledger_b) = desk(None);
    let mut state_b = SyncState::default();
    let got = sync_once(&couch, &paired, &mut store_b, &mut ledger_b, &mut state_b)
        .await
        .unwrap();
    assert_eq!(got.pulled, sent.pushed);
    let (_, reread) = Store::open(store_b.repository().clone(), "test", || "x".into());
    assert_eq!(reread.ledger, base);

    // What the server holds names no donor: no name, no phone in plain text.
    let (status, all) = couch
        .send("GET", &couch.db_url("/_all_docs?include_docs=true"), None)
        .await
        .unwrap();
    assert_eq!(status, 200);
    for donor in base.donors().take(50) {
        assert!(
            !all.contains(donor.full_name.as_str()),
            "a donor's name in plain text"
        );
        assert!(
            !all.contains(donor.phone.as_str()),
            "a donor's phone in plain text"
        );
    }
    assert!(!all.contains("hienmau/"), "a shard key in plain text");

    // A device with another key sets every document aside and applies nothing.
    let stranger = WebCipher::new(&new_key().unwrap()).await.unwrap();
    let (mut store_c, mut ledger_c) = desk(None);
    let mut state_c = SyncState::default();
    let none = sync_once(&couch, &stranger, &mut store_c, &mut ledger_c, &mut state_c)
        .await
        .unwrap();
    assert_eq!((none.pulled, none.set_aside), (0, sent.pushed));
    assert_eq!(ledger_c.pledges().count(), 0);
}

#[wasm_bindgen_test]
async fn a_tampered_document_is_set_aside_while_the_rest_syncs() {
    let couch = fresh_db("tamper").await;
    let key = new_key().unwrap();
    let cipher = WebCipher::new(&key).await.unwrap();
    let today = "2024-06-01".parse().unwrap();
    let base = generate(&GenerateOptions::new(8, 100, today));
    let (mut store_a, mut ledger_a) = desk(Some(&base));
    let mut state_a = SyncState::default();
    let sent = sync_once(&couch, &cipher, &mut store_a, &mut ledger_a, &mut state_a)
        .await
        .unwrap();

    // Flip one character of one document's ciphertext, as a server operator could.
    let (id, shard) = state_a
        .shards
        .values()
        .map(|s| (s.id.clone(), s.clone()))
        .next()
        .unwrap();
    let (_, text) = couch
        .send("GET", &couch.db_url(&format!("/{id}")), None)
        .await
        .unwrap();
    let at = text.find("\"ct\":\"").unwrap() + 6;
    let flipped = if &text[at..at + 1] == "A" { "B" } else { "A" };
    let tampered = format!("{}{flipped}{}", &text[..at], &text[at + 1..]);
    let (status, _) = couch
        .send("PUT", &couch.db_url(&format!("/{id}")), Some(&tampered))
        .await
        .unwrap();
    assert_eq!(
        status, 201,
        "the tampered copy is stored (rev {})",
        shard.rev
    );

    let (mut store_b, mut ledger_b) = desk(None);
    let mut state_b = SyncState::default();
    let got = sync_once(&couch, &cipher, &mut store_b, &mut ledger_b, &mut state_b)
        .await
        .unwrap();
    assert_eq!(got.set_aside, 1);
    assert_eq!(state_b.set_aside, vec![id]);
    assert_eq!(got.pulled, sent.pushed - 1, "the rest syncs");
}

#[wasm_bindgen_test]
async fn a_wrong_password_and_a_missing_database_are_named() {
    let (url, user, _) = server();
    let couch = Couch::new(&Config {
        server: url.clone(),
        db: "no-such-db".into(),
        user: user.clone(),
    });
    assert_eq!(
        couch.sign_in(&user, "not the password").await,
        Err(WireError::Unauthorized)
    );
    let nowhere = Couch::new(&Config {
        server: "http://127.0.0.1:9".into(),
        db: "x".into(),
        user,
    });
    let key = new_key().unwrap();
    let cipher = WebCipher::new(&key).await.unwrap();
    let (mut store, mut ledger) = desk(None);
    let mut state = SyncState::default();
    assert_eq!(
        sync_once(&nowhere, &cipher, &mut store, &mut ledger, &mut state).await,
        Err(SyncError::Wire(WireError::Unreachable))
    );
}

//! The drop box in headless Chromium (issue 18): the hybrid encryption with WebCrypto, and
//! slips sent to and read from the real CouchDB-compatible server scripts/test starts
//! (COUCH_URL, COUCH_ADMIN at build time). Run like `tests/browser_sync.rs`.
#![cfg(target_arch = "wasm32")]

use hien_mau::domain::generate::{GenerateOptions, generate};
use hien_mau::share::link::{PledgeSlip, encode_slip};
use hien_mau::sync::couch::Couch;
use hien_mau::sync::dropbox::web::{
    Opener, PAGE, changes, new_doc_id, new_key_pair, read_row, seal,
};
use hien_mau::sync::dropbox::{Change, Junk, SlipDoc, box_db, plaintext, read_plaintext};
use hien_mau::sync::state::Config;
use hien_mau::sync::webcrypto::random_bytes;
use hien_mau::sync::wire::query_escape;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const URL: Option<&str> = option_env!("COUCH_URL");
const ADMIN: Option<&str> = option_env!("COUCH_ADMIN");

/// A fresh campaign database and its drop box, made by the admin's session; the drop box.
async fn fresh_box() -> Couch {
    let url = URL.expect("COUCH_URL names the test server (scripts/test sets it)");
    let (user, password) = ADMIN
        .unwrap_or("admin:admin-password")
        .split_once(':')
        .unwrap();
    let suffix: String = random_bytes(4)
        .unwrap()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let config = Config {
        server: url.to_owned(),
        db: format!("box-{suffix}"),
        user: user.to_owned(),
    };
    let couch = Couch::new(&config);
    couch.sign_in(user, password).await.unwrap();
    assert_eq!(couch.create(user).await, Ok(true));
    couch.create_box(user).await.unwrap();
    Couch::new(&Config {
        db: box_db(&config.db),
        ..config
    })
}

fn slips(n: usize) -> Vec<String> {
    let ledger = generate(&GenerateOptions::new(5, n, "2024-06-01".parse().unwrap()));
    ledger
        .pledges()
        .take(n)
        .map(|p| encode_slip(&PledgeSlip::from_ledger(&ledger, &p.id).unwrap()))
        .collect()
}

#[wasm_bindgen_test]
async fn a_slip_opens_only_with_the_campaigns_key_and_tampering_is_caught() {
    let (private, public) = new_key_pair().await.unwrap();
    let (other_private, other_public) = new_key_pair().await.unwrap();
    let text = plaintext(Change::Move, &slips(1)[0]);
    let id = new_doc_id();
    let doc = seal(&public, &id, text.as_bytes()).await.unwrap();
    let opener = Opener::new(&private, &public).await.unwrap();
    let opened = opener.open(&doc).await.unwrap();
    assert_eq!(read_plaintext(&opened).unwrap().0, Change::Move);
    // Each slip has a key pair of its own: the same slip sealed twice shares nothing.
    let again = seal(&public, &id, text.as_bytes()).await.unwrap();
    assert_ne!(again.key, doc.key);
    assert_ne!(again.ct, doc.ct);
    // Another campaign's key, a changed byte, or the ciphertext moved under another id.
    let other = Opener::new(&other_private, &other_public).await.unwrap();
    assert_eq!(other.open(&doc).await, Err(Junk::Sealed));
    let mut tampered = doc.clone();
    tampered.ct[5] ^= 1;
    assert_eq!(opener.open(&tampered).await, Err(Junk::Sealed));
    let moved = SlipDoc {
        id: new_doc_id(),
        ..doc.clone()
    };
    assert_eq!(opener.open(&moved).await, Err(Junk::Sealed));
}

#[wasm_bindgen_test]
async fn slips_put_in_the_drop_box_are_read_back_from_its_changes_once() {
    let dropbox = fresh_box().await;
    let (private, public) = new_key_pair().await.unwrap();
    let texts = slips(3);
    for t in &texts {
        let doc = seal(
            &public,
            &new_doc_id(),
            plaintext(Change::Pledge, t).as_bytes(),
        )
        .await
        .unwrap();
        let url = dropbox.db_url(&format!("/{}", query_escape(&doc.id)));
        let (status, _) = dropbox
            .send("PUT", &url, Some(&doc.to_json()))
            .await
            .unwrap();
        assert_eq!(status, 201);
    }
    let opener = Opener::new(&private, &public).await.unwrap();
    let page = changes(&dropbox, "").await.unwrap();
    let mut got = Vec::new();
    for row in &page.results {
        if let Some(t) = read_row(&opener, &row.id, row.doc.as_ref()).await.unwrap() {
            got.push(t);
        }
    }
    got.sort();
    let mut want = texts.clone();
    want.sort();
    assert_eq!(
        got, want,
        "the design document is not a slip, and is not counted"
    );
    let next = changes(&dropbox, &page.last_seq).await.unwrap();
    assert!(next.results.is_empty());
}

/// The benchmark of BENCHMARKS.md, not a test (run it with `-- --include-ignored`, best with
/// `--release`): 1,000 slips sealed and sent one by one, then read and opened, against the
/// local server, beside the same requests with the plaintext (the browser's raw cost).
#[wasm_bindgen_test]
#[ignore = "a benchmark: run with --include-ignored"]
async fn bench_send_and_receive_1000_slips() {
    let now = || js_sys::Date::now();
    let n = 1000;
    let texts = slips(n);
    let (private, public) = new_key_pair().await.unwrap();
    let sealed_box = fresh_box().await;
    let raw_box = fresh_box().await;

    let t0 = now();
    let mut bytes = 0;
    for t in &texts {
        let doc = seal(
            &public,
            &new_doc_id(),
            plaintext(Change::Pledge, t).as_bytes(),
        )
        .await
        .unwrap();
        let body = doc.to_json();
        bytes += body.len();
        let url = sealed_box.db_url(&format!("/{}", doc.id));
        assert_eq!(
            sealed_box.send("PUT", &url, Some(&body)).await.unwrap().0,
            201
        );
    }
    let send_ms = now() - t0;

    // The raw cost: the same number of PUTs of plaintext documents of the same size, to a
    // database without the design document (admins pass it anyway).
    let t1 = now();
    for t in &texts {
        let body = format!(
            "{{\"p\":\"{}\"}}",
            plaintext(Change::Pledge, t).replace('"', "'")
        );
        let url = raw_box.db_url(&format!("/{}", new_doc_id()));
        raw_box.send("PUT", &url, Some(&body)).await.unwrap();
    }
    let raw_send_ms = now() - t1;

    let opener = Opener::new(&private, &public).await.unwrap();
    let t2 = now();
    let (mut since, mut got) = (String::new(), 0);
    loop {
        let page = changes(&sealed_box, &since).await.unwrap();
        for row in &page.results {
            if read_row(&opener, &row.id, row.doc.as_ref())
                .await
                .unwrap()
                .is_some()
            {
                got += 1;
            }
        }
        since = page.last_seq;
        if page.results.len() < PAGE as usize {
            break;
        }
    }
    let receive_ms = now() - t2;
    assert_eq!(got, n);

    let t3 = now();
    let mut since = String::new();
    loop {
        let page = changes(&sealed_box, &since).await.unwrap();
        since = page.last_seq;
        if page.results.len() < PAGE as usize {
            break;
        }
    }
    let raw_receive_ms = now() - t3;
    wasm_bindgen_test::console_log!(
        "DROPBOX BENCH: {n} slips, {} bytes a document on average; send {send_ms:.0} ms (raw PUTs {raw_send_ms:.0} ms); receive {receive_ms:.0} ms (raw _changes pages {raw_receive_ms:.0} ms)",
        bytes / n
    );
}

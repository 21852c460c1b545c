//! Writes the stored data sets the benchmark loads into the browser: for each size, every
//! localStorage key and value the app would hold with that many generated pledges (each with
//! its own donor), as one JSON object. Not a test of anything; run by `scripts/bench`:
//!
//! ```text
//! BENCH_DATA_DIR=target/bench cargo test --release --test bench_data -- --ignored
//! ```

#![cfg(not(target_arch = "wasm32"))]

use hien_mau::domain::generate::{GenerateOptions, generate};
use hien_mau::storage::{MemoryRepository, Repository, Store};

#[test]
#[ignore = "writes the benchmark's data sets; run by scripts/bench"]
fn write_bench_data() {
    let dir = std::env::var("BENCH_DATA_DIR").unwrap_or_else(|_| "target/bench".into());
    std::fs::create_dir_all(&dir).unwrap();
    let sizes = std::env::var("BENCH_SIZES").unwrap_or_else(|_| "1000 10000 20000".into());
    // The day the data is generated around (drives under way, donations up to it); the
    // benchmark runs the app on the real clock, so scripts/bench passes today's date in Hanoi.
    let today = std::env::var("BENCH_TODAY").unwrap_or_else(|_| "2024-06-01".into());
    for n in sizes
        .split_whitespace()
        .map(|s| s.parse::<usize>().unwrap())
    {
        let ledger = generate(&GenerateOptions::new(42, n, today.parse().unwrap()));
        let (mut store, _) =
            Store::open(MemoryRepository::new(), "bench", || "bench-device".into());
        store.replace_all(&ledger, "bench").unwrap();
        let repo = store.repository();
        let mut all = serde_json::Map::new();
        for key in repo.keys() {
            all.insert(key.clone(), repo.get(&key).unwrap().into());
        }
        let path = format!("{dir}/pledges-{n}.json");
        std::fs::write(&path, serde_json::Value::Object(all).to_string()).unwrap();
        println!("{path}: {} pledges", ledger.pledges().count());
    }
}

/// Native timings of the dashboard's read-models at 10,000 pledges, to see where its redraw
/// time goes (`cargo test --release --test bench_data -- --ignored --nocapture read_models`).
#[test]
#[ignore = "prints timings; run by hand"]
fn read_models() {
    use hien_mau::domain::stats::{self, Filter};
    use hien_mau::domain::targets;
    use std::time::Instant;
    let today = "2024-06-01".parse().unwrap();
    let ledger = generate(&GenerateOptions::new(42, 10_000, today));
    let campaign = ledger.campaigns().next().unwrap().id.clone();
    let filter = Filter::new(campaign.clone());
    let time = |name: &str, f: &dyn Fn() -> usize| {
        let t0 = Instant::now();
        let n = f();
        println!(
            "{name:>14}: {:>7.2} ms ({n} rows)",
            t0.elapsed().as_secs_f64() * 1e3
        );
    };
    time("progress", &|| {
        usize::from(targets::progress(&ledger, &campaign, today).is_ok())
    });
    time("cumulative", &|| {
        stats::cumulative(&ledger, &filter, today).len()
    });
    time("by_day", &|| stats::by_day(&ledger, &filter).len());
    time("slot_fill", &|| stats::slot_fill(&ledger, &filter).len());
    time("drive_progress", &|| {
        targets::drive_progress(&ledger, &campaign, today).len()
    });
    time("by_blood_group", &|| {
        stats::by_blood_group(&ledger, &filter).len()
    });
    time("by_category", &|| {
        stats::by_category(&ledger, &filter).len()
    });
    time("unit_progress", &|| {
        targets::unit_progress(&ledger, &campaign, today).len()
    });
    time("clone ledger", &|| ledger.clone().pledges().count());
    // Opening the store (what a start does after the reads): decode every key into the ledger.
    let (mut store, _) = Store::open(MemoryRepository::new(), "bench", || "bench-device".into());
    store.replace_all(&ledger, "bench").unwrap();
    let repo = store.repository().clone();
    time("open store", &|| {
        let (_, loaded) = Store::open(repo.clone(), "bench", || "bench-device".into());
        loaded.ledger.pledges().count()
    });
    time("copy the keys", &|| {
        let copy = repo.clone();
        copy.keys().len()
    });
}

/// Opens a store of 10,000 pledges once, for a profiler
/// (`valgrind --tool=callgrind <test binary> --ignored open_store_once`).
#[test]
#[ignore = "for a profiler; run by hand"]
fn open_store_once() {
    let ledger = generate(&GenerateOptions::new(
        42,
        10_000,
        "2024-06-01".parse().unwrap(),
    ));
    let (mut store, _) = Store::open(MemoryRepository::new(), "bench", || "bench-device".into());
    store.replace_all(&ledger, "bench").unwrap();
    let repo = store.repository().clone();
    let (_, loaded) = Store::open(repo, "bench", || "bench-device".into());
    assert_eq!(loaded.ledger.pledges().count(), ledger.pledges().count());
}

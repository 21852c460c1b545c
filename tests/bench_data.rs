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

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
    // The ledger's build from what the store read (the last step of a start's reading).
    let donors: Vec<_> = ledger.donors().cloned().collect();
    let pledges: Vec<_> = ledger.pledges().cloned().collect();
    time("from_parts", &|| {
        hien_mau::domain::Ledger::from_parts(
            ledger.setup().clone(),
            donors.clone(),
            pledges.clone(),
        )
        .pledges()
        .count()
    });
    time("clone parts", &|| {
        donors.clone().len() + pledges.clone().len()
    });
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

/// Upper bounds of issue 21: a drive link at every limit (100 venues, 31 days, 48 slots a day)
/// opened, kept, its home and drives read-models and its calendar; and backups at the 24 MB
/// size limit checked (`cargo test --release --test bench_data -- --ignored --nocapture
/// hostile_limits`). Each figure is the slowest of five runs (time on a CPU, and wall clock),
/// next to the raw cost of the same bytes (inflating the link; reading the file's JSON without
/// checking anything).
#[test]
#[ignore = "prints timings; run by hand"]
fn hostile_limits() {
    use hien_mau::domain::{
        Campaign, CampaignDraft, CampaignId, Drive, DriveId, DriveSite, DriveStatus, Ledger, Now,
        Setup, Site, SiteId, SiteKind, SlotSpec, TimeOfDay, Timestamp, Units, schedule,
    };
    use hien_mau::share::incoming::keep_drive;
    use hien_mau::share::link::{CampaignInfo, SharedDrive, decode_drive, encode_drive};
    use hien_mau::storage::backup;
    use std::time::Instant;
    // This thread's time on a CPU, in ns (Linux): on a shared machine the wall clock also
    // counts the time other processes held both cores.
    let on_cpu = || -> f64 {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
            .unwrap_or(f64::NAN)
    };
    let slowest = |name: &str, f: &dyn Fn() -> usize| {
        let (mut wall, mut cpu) = (0f64, 0f64);
        let mut n = 0;
        for _ in 0..5 {
            let (t0, c0) = (Instant::now(), on_cpu());
            n = f();
            wall = wall.max(t0.elapsed().as_secs_f64() * 1e3);
            cpu = cpu.max((on_cpu() - c0) / 1e6);
        }
        println!("{name:>36}: {cpu:>9.2} ms on CPU, {wall:>9.2} ms wall ({n})");
    };
    let first = "2024-05-01".parse().unwrap();
    let template: Vec<SlotSpec> = (0..48u16)
        .map(|i| {
            SlotSpec::new(
                TimeOfDay::from_minutes(i * 30).unwrap(),
                TimeOfDay::from_minutes(i * 30 + 30).unwrap(),
                1000,
            )
            .unwrap()
        })
        .collect();
    let venues = |drive: usize, n: usize| -> Vec<Site> {
        (0..n)
            .map(|i| {
                Site::new(
                    SiteId::new(format!("h{drive:03}-{i:03}")).unwrap(),
                    &"Bệnh viện Đa khoa Xanh Pôn ".repeat(10),
                    "12 Chu Văn An",
                    "Ba Đình",
                    SiteKind::Venue,
                )
                .unwrap()
            })
            .collect()
    };
    let drive_of = |k: usize, sites: &[Site]| Drive {
        id: DriveId::new(format!("d-{k:03}")).unwrap(),
        campaign: CampaignId::new("c2024").unwrap(),
        name: format!("Đợt {k}"),
        start: first,
        end: first.add_days(30),
        sites: sites
            .iter()
            .map(|s| DriveSite {
                site: s.id.clone(),
                template: template.clone(),
                overrides: Default::default(),
            })
            .collect(),
        status: DriveStatus::Open,
        version: Timestamp(0),
    };
    let sites = venues(0, 100);
    let shared = SharedDrive {
        campaign: CampaignInfo {
            id: CampaignId::new("c2024").unwrap(),
            year: 2024,
            name: "Chiến dịch 2024".into(),
            slogans: vec![],
        },
        drive: drive_of(0, &sites),
        sites,
    };
    let link = encode_drive(&shared);
    println!("a drive link at every limit: {} characters", link.len());
    slowest("raw: inflate the link", &|| {
        hien_mau::share::envelope::open("d1", &link).unwrap().len()
    });
    slowest("open (decode and check) the link", &|| {
        decode_drive(&link).unwrap().drive.sites.len()
    });
    let opened = decode_drive(&link).unwrap();
    slowest("keep it", &|| {
        let mut l = Ledger::new();
        keep_drive(&mut l, &opened, Timestamp(1)).unwrap();
        l.drives().count()
    });
    let mut phone = Ledger::new();
    keep_drive(&mut phone, &opened, Timestamp(1)).unwrap();
    let now = Now {
        date: first,
        time: "07:00".parse().unwrap(),
        stamp: Timestamp(0),
    };
    slowest("home and drives: openings, 30 days", &|| {
        schedule::openings(&phone, now, first.add_days(30)).len()
    });
    slowest("validate the kept set-up", &|| {
        usize::from(phone.setup().validate().is_ok())
    });
    slowest("calendar file of the drive", &|| {
        hien_mau::share::ical::drive_calendar(
            &opened.drive,
            &opened.sites,
            Timestamp(0),
            hien_mau::share::Language::En,
        )
        .unwrap()
        .len()
    });

    // A backup near 24 MB of set-up: drives at every limit, as many as fit.
    let campaign = Campaign::new(
        CampaignId::new("c2024").unwrap(),
        CampaignDraft {
            year: 2024,
            name: "Chiến dịch 2024".into(),
            baseline: Units::whole(1635),
            growth_bp: 1000,
            slogans: vec![],
            partner: String::new(),
            ml_per_unit: None,
            notes: String::new(),
        },
    )
    .unwrap();
    let mut setup = Setup::default();
    setup.campaigns.insert(campaign.id.clone(), campaign);
    for k in 0..10 {
        let sites = venues(k, 100);
        let drive = drive_of(k, &sites);
        setup
            .sites
            .extend(sites.into_iter().map(|s| (s.id.clone(), s)));
        setup.drives.insert(drive.id.clone(), drive);
    }
    let backup_text = |store: &Store<MemoryRepository>| backup::export(store, "b", Timestamp(0));
    let (mut store, _) = Store::open(MemoryRepository::with_quota(usize::MAX), "b", || "d".into());
    store.save_setup(&setup).unwrap();
    let heavy = backup_text(&store);
    println!(
        "set-up backup, 10 drives x 100 venues x 48 slots: {} bytes",
        heavy.len()
    );
    slowest("raw: read the JSON", &|| {
        serde_json::from_str::<serde_json::Value>(&heavy)
            .unwrap()
            .is_object() as usize
    });
    slowest("check the backup", &|| {
        backup::parse(&heavy).unwrap().ledger.drives().count()
    });

    // A backup of pledges just under the 24 MB limit.
    let ledger = generate(&GenerateOptions::new(
        42,
        85_000,
        "2024-06-01".parse().unwrap(),
    ));
    let (mut store, _) = Store::open(MemoryRepository::with_quota(usize::MAX), "b", || "d".into());
    store.replace_all(&ledger, "b").unwrap();
    let big = backup_text(&store);
    println!(
        "pledge backup: {} pledges, {} bytes (limit {})",
        ledger.pledges().count(),
        big.len(),
        backup::MAX_BYTES
    );
    slowest("raw: read the JSON", &|| {
        serde_json::from_str::<serde_json::Value>(&big)
            .unwrap()
            .is_object() as usize
    });
    slowest("check the backup", &|| {
        backup::parse(&big)
            .map(|b| b.ledger.pledges().count())
            .unwrap_or(0)
    });
}

//! Backups: everything stored, in one JSON file, and reading such a file back.
//!
//! The file holds the stored values themselves (`"values": {key: text}`), so a backup restores
//! byte for byte, plus an envelope: the app version, the schema version, when and on which
//! device it was made. Reading a file checks all of it before anything changes.

use std::collections::BTreeMap;

use super::codec::{self, SCHEMA};
use super::json::{self, json_object};
use super::repository::Repository;
use super::store::{SETUP, Store, parse_pledge_key};
use crate::domain::{DomainError, Ledger, Merged, Setup, Timestamp};

/// The `format` of every backup file.
pub const FORMAT: &str = "hienmau-backup";

/// The largest backup read, in bytes (a full store is about 10 MB of UTF-8 at most).
pub const MAX_BYTES: usize = 24 * 1024 * 1024;

struct File {
    format: String,
    v: u32,
    app: String,
    schema: u32,
    exported: i64,
    device: String,
    values: BTreeMap<String, String>,
}

json_object! {
    File { format, v, app, schema, exported, device, values }
}

/// A backup file, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// The app version that wrote it.
    pub app: String,
    /// When it was made.
    pub exported: Timestamp,
    /// The device it was made on.
    pub device: String,
    /// Everything it holds.
    pub ledger: Ledger,
}

/// Why a file is not a backup this app can read; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    /// Larger than [`MAX_BYTES`].
    TooLarge,
    /// Not JSON, or not shaped like a backup (another file, or cut short).
    NotABackup,
    /// Made by a newer version of the app (its schema version).
    Newer(u32),
    /// A stored value inside is damaged (its key).
    Damaged(String),
    /// The set-up inside reads but breaks a rule or a limit (for example a baseline above
    /// [`Limit::BloodUnits`](crate::domain::limits::Limit::BloodUnits)); the reason.
    Refused(DomainError),
}

/// Writes everything `store` holds as one backup file.
pub fn export<R: Repository>(store: &Store<R>, app: &str, now: Timestamp) -> String {
    let repo = store.repository();
    let values = crate::domain::order::map_of(
        repo.keys()
            .into_iter()
            .filter(|k| {
                k == SETUP || k.starts_with("hienmau/donors/") || k.starts_with("hienmau/pledges/")
            })
            .filter_map(|k| repo.get(&k).map(|v| (k, v))),
    );
    let file = File {
        format: FORMAT.to_owned(),
        v: 1,
        app: app.to_owned(),
        schema: SCHEMA,
        exported: now.0,
        device: store.device().to_owned(),
        values,
    };
    json::to_string(&file)
}

/// Reads a backup file, checking the envelope and every value in it.
pub fn parse(text: &str) -> Result<Backup, BackupError> {
    if text.len() > MAX_BYTES {
        return Err(BackupError::TooLarge);
    }
    let file: File = json::from_str(text).map_err(|_| BackupError::NotABackup)?;
    if file.format != FORMAT || file.v != 1 {
        return Err(BackupError::NotABackup);
    }
    if file.schema > SCHEMA {
        return Err(BackupError::Newer(file.schema));
    }
    let mut setup = Setup::default();
    let mut donors = Vec::new();
    let mut pledges = Vec::new();
    for (key, value) in &file.values {
        let damaged = || BackupError::Damaged(key.chars().take(120).collect());
        if key == SETUP {
            let read: Setup = codec::unwrap(value).map_err(|_| damaged())?;
            read.validate().map_err(BackupError::Refused)?;
            setup = read;
        } else if key.starts_with("hienmau/donors/") {
            donors.extend(codec::decode_donors(value).map_err(|_| damaged())?);
        } else if let Some((place, date)) = parse_pledge_key(key) {
            pledges.extend(codec::decode_pledges(value, &place, date).map_err(|_| damaged())?);
        } else {
            return Err(damaged());
        }
    }
    Ok(Backup {
        app: file.app,
        exported: Timestamp(file.exported),
        device: file.device,
        ledger: Ledger::from_parts(setup, donors, pledges),
    })
}

/// What importing a backup into the current data would do, counted per record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    /// Records not here yet.
    pub new: usize,
    /// Records here in an older version.
    pub updated: usize,
    /// Records here already, the same or later.
    pub unchanged: usize,
    /// Why the merged set-up would not pass its own checks (for example a second campaign for
    /// a year already here, under another id): then nothing can be restored.
    pub refused: Option<DomainError>,
}

/// Merges `incoming` into a copy of `current` by id and version: the later version of a
/// donor, a pledge or a set-up record wins, and a deletion later than a record removes it
/// ([`Ledger::merge_setup`], as sync merges). Importing the same data twice, or in another
/// order, gives the same result. When the merged set-up would fail its checks, the ledger is
/// `None` and the preview says why.
pub fn merge(current: &Ledger, incoming: &Ledger) -> (Option<Ledger>, Preview) {
    let mut preview = Preview::default();
    let mut merged = current.clone();
    match merged.merge_setup(incoming.setup()) {
        Ok(m) => {
            preview.new = m.added;
            preview.unchanged = m.unchanged;
            // A record both have that differs after the merge took their later version.
            preview.updated = m.conflicting + m.removed;
        }
        Err(why) => {
            preview.refused = Some(why);
            return (None, preview);
        }
    }
    let mut count = |m: Merged| match m {
        Merged::Added => preview.new += 1,
        Merged::Updated => preview.updated += 1,
        Merged::Kept => preview.unchanged += 1,
    };
    for d in incoming.donors() {
        count(merged.merge_donor(d.clone()));
    }
    for p in incoming.pledges() {
        count(merged.merge_pledge(p.clone()));
    }
    (Some(merged), preview)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::generate::{GenerateOptions, generate};
    use crate::storage::MemoryRepository;

    /// The sample campaign the Data page fetches, as a backup of `domain::sample`.
    const SAMPLE_FILE: &str = "src/ui/sample-campaign.json";

    #[test]
    fn the_shipped_sample_file_is_the_sample_campaign() {
        // Rewrite it after changing domain::sample with: UPDATE_SAMPLE=1 cargo test shipped_sample
        let (mut store, _) = Store::open(MemoryRepository::new(), "sample", || "sample".into());
        store
            .replace_all(&crate::domain::sample::sample_ledger(), "sample")
            .unwrap();
        let expected = export(&store, "sample", Timestamp(0));
        if std::env::var_os("UPDATE_SAMPLE").is_some() {
            std::fs::write(SAMPLE_FILE, &expected).unwrap();
        }
        let shipped = std::fs::read_to_string(SAMPLE_FILE).unwrap_or_default();
        assert!(
            shipped == expected,
            "{SAMPLE_FILE} is out of date: run UPDATE_SAMPLE=1 cargo test shipped_sample"
        );
        assert_eq!(
            parse(&shipped).unwrap().ledger,
            crate::domain::sample::sample_ledger()
        );
    }

    fn store_with(pledges: usize, seed: u64) -> (Store<MemoryRepository>, Ledger) {
        let (mut store, _) = Store::open(MemoryRepository::with_quota(usize::MAX), "t", || {
            "dev-a".into()
        });
        let ledger = generate(&GenerateOptions::new(
            seed,
            pledges,
            "2024-06-01".parse().unwrap(),
        ));
        store.replace_all(&ledger, "t").unwrap();
        (store, ledger)
    }

    #[test]
    fn a_backup_reads_back_as_the_same_data() {
        let (store, ledger) = store_with(300, 1);
        let text = export(&store, "0.1.0", Timestamp(42));
        let backup = parse(&text).unwrap();
        assert_eq!(backup.ledger, ledger);
        assert_eq!(
            (backup.app.as_str(), backup.device.as_str(), backup.exported),
            ("0.1.0", "dev-a", Timestamp(42))
        );
        let (mut other, _) = Store::open(MemoryRepository::new(), "t", || "dev-b".into());
        other.replace_all(&backup.ledger, "t").unwrap();
        assert_eq!(
            export(&other, "0.1.0", Timestamp(42)).replace("dev-b", "dev-a"),
            text,
            "byte for byte"
        );
    }

    #[test]
    fn a_backup_is_written_byte_for_byte_as_serde_json_wrote_it() {
        // The file's shape before storage::json, written by serde_json.
        #[derive(serde::Serialize)]
        struct SerdeFile<'a> {
            format: &'a str,
            v: u32,
            app: &'a str,
            schema: u32,
            exported: i64,
            device: &'a str,
            values: BTreeMap<String, String>,
        }
        let (store, _) = store_with(60, 5);
        let values = store
            .repository()
            .keys()
            .into_iter()
            .filter(|k| !k.ends_with("/meta"))
            .filter_map(|k| store.repository().get(&k).map(|v| (k, v)))
            .collect();
        let theirs = serde_json::to_string(&SerdeFile {
            format: FORMAT,
            v: 1,
            app: "0.1.0",
            schema: SCHEMA,
            exported: -7,
            device: "dev-a",
            values,
        })
        .unwrap();
        assert_eq!(export(&store, "0.1.0", Timestamp(-7)), theirs);
    }

    #[test]
    fn damaged_foreign_or_newer_files_are_refused() {
        let (store, _) = store_with(50, 2);
        let text = export(&store, "0.1.0", Timestamp(1));
        assert_eq!(parse(&text[..text.len() / 2]), Err(BackupError::NotABackup));
        assert_eq!(parse("{}"), Err(BackupError::NotABackup));
        assert_eq!(parse("hello"), Err(BackupError::NotABackup));
        assert_eq!(
            parse(&text.replacen(FORMAT, "other-app", 1)),
            Err(BackupError::NotABackup)
        );
        assert_eq!(
            parse(&text.replacen("\"schema\":2", "\"schema\":9", 1)),
            Err(BackupError::Newer(9))
        );
        let key = "hienmau/donors/";
        let at = text.find(key).unwrap();
        let broken = format!(
            "{}{}",
            &text[..at],
            &text[at..].replacen("\\\"r\\\":[[", "\\\"r\\\":[[7,", 1)
        );
        assert!(matches!(parse(&broken), Err(BackupError::Damaged(k)) if k.starts_with(key)));
        assert_eq!(
            parse(&" ".repeat(MAX_BYTES + 1)),
            Err(BackupError::TooLarge)
        );
    }

    #[test]
    fn importing_twice_or_in_another_order_gives_the_same_data() {
        let (_, a) = store_with(120, 3);
        let (_, b) = store_with(80, 4);
        let (once, first) = merge(&a, &b);
        let once = once.unwrap();
        assert!(first.new > 0);
        let (twice, second) = merge(&once, &b);
        assert_eq!(twice.unwrap(), once);
        assert_eq!((second.new, second.updated), (0, 0));
        let other_order = merge(&b, &a).0.unwrap();
        assert_eq!(other_order.pledges().count(), once.pledges().count());
        assert_eq!(other_order.donors().count(), once.donors().count());
    }

    #[test]
    fn a_set_up_record_both_have_takes_the_later_version_whichever_side_holds_it() {
        // A backup kept our copy of a campaign renamed later on another device.
        let (_, here) = store_with(40, 5);
        let mut later = here.setup().clone();
        let campaign = later.campaigns.values_mut().next().unwrap();
        let id = campaign.id.clone();
        let before = campaign.name.clone();
        campaign.name = "Renamed later on another device".into();
        campaign.version = Timestamp(campaign.version.0 + 1_000);
        let there = Ledger::from_parts(later, here.donors().cloned(), here.pledges().cloned());

        let (merged, preview) = merge(&here, &there);
        let merged = merged.unwrap();
        assert_eq!(
            merged.campaign(&id).unwrap().name,
            "Renamed later on another device"
        );
        assert_eq!((preview.new, preview.updated), (0, 1), "{preview:?}");
        // The other way round, ours is the later: kept.
        let (kept, preview) = merge(&there, &here);
        assert_eq!(
            kept.unwrap().campaign(&id).unwrap().name,
            "Renamed later on another device"
        );
        assert_eq!((preview.new, preview.updated), (0, 0), "{preview:?}");
        assert_ne!(before, "Renamed later on another device");
    }
}

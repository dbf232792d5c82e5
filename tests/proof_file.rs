//! `FileStore`, the embedded proof store, under the faults a server meets:
//! a disk that fills up mid-record, a process killed between its write and
//! its sync, two processes appending at once, a line damaged in the middle
//! of a file. What is acknowledged is never lost; nothing damaged is ever
//! read as a record. What every proof store promises is written once, in
//! `support/proof_store.rs`, and run here against `FileStore` as
//! `proof_postgres.rs` runs it against `PgStore`.
//!
//! The fault tests run this test binary again as a child process (the
//! `child_appender` test, which does nothing unless `PROOF_CHILD_DIR` is
//! set), so that a real process is killed or runs out of file size.

#[path = "support/proof_store.rs"]
mod proof_store;

use std::collections::HashSet;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cookie_decl::Category;
use cookie_decl::consent::proof::{FileStore, ProofError, ProofStore, Refusal, VersionText};
use cookie_decl::consent::{CategorySet, ConsentRecord, RecordId};

use proof_store::{Site, id_at, record, record_at, run};

/// A directory of its own for each test, removed when it ends: the
/// store's directory is `proofs` in it, made by the store (or by
/// `create`).
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!(
            "cookie-decl-proof-{name}-{}-{nanos}",
            std::process::id()
        ));
        fs::create_dir(&dir).unwrap();
        TempDir(dir.join("proofs"))
    }

    /// The directory above the store's.
    fn parent(&self) -> &Path {
        self.0.parent().unwrap()
    }

    /// Makes the store's directory as an operator would, private.
    fn create(&self) {
        fs::create_dir(&self.0).unwrap();
        set_mode(&self.0, 0o700);
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) {}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(self.0.parent().unwrap());
    }
}

fn day_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_str().unwrap();
            name.starts_with("consent-") && name.ends_with(".jsonl")
        })
        .collect();
    files.sort();
    files
}

/// A store in a directory of its own.
fn opened(name: &str) -> (TempDir, FileStore) {
    let dir = TempDir::new(name);
    let store = FileStore::open(&dir.0).unwrap();
    (dir, store)
}

#[test]
fn records_round_trip_through_the_store() {
    let (dir, store) = opened("round-trip");
    run(proof_store::records_round_trip(&store));
    // Read back by a store opened afresh, which finds nothing damaged.
    let reopen = async || FileStore::open(&dir.0).unwrap();
    let store = run(proof_store::an_acknowledged_record_is_found_again(
        store, reopen,
    ));
    assert!(store.recovered().is_empty());
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn a_retried_append_keeps_one_record() {
    let (_dir, store) = opened("retry");
    let choice = run(proof_store::a_retry_keeps_one_record(&store));
    // On the calling thread too.
    store.append_blocking(&choice).unwrap();
    let all = store
        .list_blocking(UNIX_EPOCH, SystemTime::now() + Duration::from_secs(1))
        .unwrap();
    assert_eq!(all, [choice]);
}

#[test]
fn list_and_prune_go_by_time() {
    let (dir, store) = opened("prune");
    let records = run(proof_store::records_are_listed_by_period(&store));
    assert_eq!(day_files(&dir.0).len(), 5);
    run(proof_store::records_are_pruned_by_time(&store, &records));
    assert_eq!(day_files(&dir.0).len(), 3);
    // Whole days: pruning before 02:00 of the third day leaves its record
    // of 01:00.
    let third_day = records[2].time() + Duration::from_secs(3600);
    assert_eq!(store.prune_blocking(third_day).unwrap(), 0);
    assert_eq!(day_files(&dir.0).len(), 3);
    assert_eq!(
        store.find_blocking(records[2].id()).unwrap().as_ref(),
        Some(&records[2])
    );
}

#[test]
fn a_lookup_bisects_a_large_day() {
    let (dir, store) = opened("bisect");
    let start_ms = 1_764_028_800_000; // 2025-11-25T00:00:00Z
    // 20,000 records over a day, a few of them a little out of order as
    // two writers would leave them.
    let records: Vec<ConsentRecord> = (0..20_000u64)
        .map(|n| {
            let jitter = if n % 97 == 0 { 3_000 } else { 0 };
            let millis = start_ms + n * 4_000 + jitter;
            record_at(
                UNIX_EPOCH + Duration::from_millis(millis),
                id_at(millis, n),
                CategorySet::ALL,
            )
        })
        .collect();
    for chunk in records.chunks(500) {
        run(async {
            let appends: Vec<_> = chunk.iter().map(|record| store.append(record)).collect();
            for append in appends {
                append.await.unwrap();
            }
        });
    }
    let files = day_files(&dir.0);
    assert_eq!(files.len(), 1);
    assert!(fs::metadata(&files[0]).unwrap().len() > 4 * 1024 * 1024);
    for n in [0, 1, 96, 97, 5_000, 12_345, 19_998, 19_999] {
        let found = store.find_blocking(records[n].id()).unwrap();
        assert_eq!(found.as_ref(), Some(&records[n]), "record {n}");
    }
    // An id of that day the store does not hold.
    assert_eq!(
        store
            .find_blocking(id_at(start_ms + 40_000_001, 7))
            .unwrap(),
        None
    );
}

#[test]
fn ids_made_by_the_application_are_found_by_a_scan() {
    let (_dir, store) = opened("scan");
    run(proof_store::ids_made_by_the_application_are_found(&store));
}

#[cfg(unix)]
#[test]
fn files_are_private() {
    use std::os::unix::fs::PermissionsExt;

    let (dir, store) = opened("private");
    store.append_blocking(&record(CategorySet::ALL)).unwrap();
    store
        .keep_texts_blocking(&VersionText::of::<Site>())
        .unwrap();
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.0), 0o700);
    for entry in fs::read_dir(&dir.0).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
}

#[test]
fn texts_are_kept_once_and_exported_with_the_records() {
    let (_dir, store) = opened("texts");
    run(async {
        proof_store::texts_are_kept_once_in_the_order_first_kept(&store).await;
        proof_store::an_export_holds_the_texts_then_the_records(&store).await;
    });
}

#[test]
fn a_torn_last_line_is_set_aside_and_never_glued_to_the_next_record() {
    let (dir, store) = opened("torn");
    let first = record(CategorySet::ALL);
    store.append_blocking(&first).unwrap();
    drop(store);
    // A crash mid-write leaves half a record, no newline.
    let file = day_files(&dir.0).pop().unwrap();
    let whole = fs::read_to_string(&file).unwrap();
    let second = record(CategorySet::NONE);
    let mut torn = fs::OpenOptions::new().append(true).open(&file).unwrap();
    let line = format!(
        "{{\"v\":1,\"check\":\"0000000000000000\",\"record\":{}}}",
        second.to_json()
    );
    torn.write_all(&line.as_bytes()[..line.len() / 2]).unwrap();
    drop(torn);

    let store = FileStore::open(&dir.0).unwrap();
    assert_eq!(store.recovered().len(), 1, "{:?}", store.recovered());
    assert_eq!(store.recovered()[0].offset, whole.len() as u64);
    assert_eq!(store.recovered()[0].len, (line.len() / 2) as u64);
    let third = record(CategorySet::from(Category::Marketing));
    store.append_blocking(&third).unwrap();
    assert_eq!(store.find_blocking(first.id()).unwrap(), Some(first));
    assert_eq!(store.find_blocking(third.id()).unwrap(), Some(third));
    assert_eq!(store.find_blocking(second.id()).unwrap(), None);
    let damage = store.verify().unwrap();
    assert_eq!(damage.len(), 1);
    assert_eq!(damage[0].offset, whole.len() as u64);
}

#[test]
fn a_record_glued_after_damage_by_another_writer_is_still_read() {
    let (dir, store) = opened("glued");
    let first = record(CategorySet::ALL);
    store.append_blocking(&first).unwrap();
    let file = day_files(&dir.0).pop().unwrap();
    // Another process tore a line, then a third appended its record
    // before anyone ended the torn line: they share one line.
    let glued = record(CategorySet::NONE);
    let mut text = fs::read_to_string(&file).unwrap();
    text.push_str("{\"v\":1,\"check\":\"00");
    fs::write(&file, &text).unwrap();
    let other = FileStore::open(dir.0.join("other")).unwrap();
    other.append_blocking(&glued).unwrap();
    let glued_line = fs::read_to_string(day_files(&dir.0.join("other")).pop().unwrap()).unwrap();
    text.push_str(&glued_line);
    fs::write(&file, &text).unwrap();

    assert_eq!(store.find_blocking(glued.id()).unwrap(), Some(glued));
    assert_eq!(store.find_blocking(first.id()).unwrap(), Some(first));
}

#[test]
fn a_damaged_line_in_the_middle_is_never_read_as_a_record() {
    let (dir, store) = opened("damaged");
    let records: Vec<ConsentRecord> = (0..3).map(|_| record(CategorySet::NONE)).collect();
    for record in &records {
        store.append_blocking(record).unwrap();
    }
    let file = day_files(&dir.0).pop().unwrap();
    let text = fs::read_to_string(&file).unwrap();
    // Turn the middle record's refusal into a yes: still JSON, still a
    // consistent record, and it would grant consent.
    let lines: Vec<&str> = text.lines().collect();
    let forged = lines[1]
        .replacen(
            "\"granted\":[],\"refused\":[\"statistics\",\"marketing\"]",
            "\"granted\":[\"statistics\",\"marketing\"],\"refused\":[]",
            1,
        )
        .replacen("\"method\":\"refuse_all\"", "\"method\":\"accept_all\"", 1);
    assert_ne!(forged, lines[1]);
    fs::write(&file, format!("{}\n{forged}\n{}\n", lines[0], lines[2])).unwrap();

    assert_eq!(store.find_blocking(records[1].id()).unwrap(), None);
    assert_eq!(
        store.find_blocking(records[0].id()).unwrap().as_ref(),
        Some(&records[0])
    );
    assert_eq!(
        store.find_blocking(records[2].id()).unwrap().as_ref(),
        Some(&records[2])
    );
    let listed = store
        .list_blocking(UNIX_EPOCH, SystemTime::now() + Duration::from_secs(1))
        .unwrap();
    assert_eq!(listed.len(), 2);
    let damage = store.verify().unwrap();
    assert_eq!(damage.len(), 1);
    assert_eq!(damage[0].offset, lines[0].len() as u64 + 1);
}

#[test]
fn binding_counts_only_a_choice_the_store_holds() {
    let (_dir, store) = opened("bind");
    run(proof_store::binding_counts_only_a_choice_the_store_holds(
        &store,
    ));
}

/// Runs this binary's `child_appender` test in a child process that
/// appends `count` records to `dir` and prints `acked <id>` for each one
/// acknowledged, `refused <error>` for each one refused.
fn appender(dir: &Path, count: usize, shell_prefix: &str) -> std::process::Child {
    let exe = std::env::current_exe().unwrap();
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{shell_prefix} exec \"$0\" --exact child_appender --nocapture --test-threads=1"
        ))
        .arg(exe)
        .env("PROOF_CHILD_DIR", dir)
        .env("PROOF_CHILD_COUNT", count.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Not a test of its own: the child process of the fault tests.
#[test]
fn child_appender() {
    let Some(dir) = std::env::var_os("PROOF_CHILD_DIR") else {
        return;
    };
    let count: usize = std::env::var("PROOF_CHILD_COUNT").unwrap().parse().unwrap();
    let store = FileStore::open(dir).unwrap();
    let mut out = std::io::stdout().lock();
    for _ in 0..count {
        let record = record(CategorySet::ALL);
        match store.append_blocking(&record) {
            Ok(()) => writeln!(out, "\nacked {}", record.id()).unwrap(),
            Err(error) => writeln!(out, "\nrefused {error}").unwrap(),
        }
        out.flush().unwrap();
    }
}

fn acknowledged(child: &mut std::process::Child) -> (Vec<RecordId>, usize) {
    let mut ids = Vec::new();
    let mut errors = 0;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        if let Some(id) = line.strip_prefix("acked ") {
            ids.push(id.parse().unwrap());
        } else if line.starts_with("refused ") {
            errors += 1;
        }
    }
    (ids, errors)
}

#[test]
fn a_disk_that_fills_up_mid_record_loses_nothing_acknowledged() {
    let dir = TempDir::new("full");
    dir.create();
    // A file may not grow past 8 blocks of 512 bytes: the write that
    // crosses the limit is cut short, as on a full disk; later ones fail.
    let mut child = appender(&dir.0, 40, "trap '' XFSZ; ulimit -f 8;");
    let (ids, errors) = acknowledged(&mut child);
    child.wait().unwrap();
    assert!(
        !ids.is_empty() && errors > 0,
        "{} acknowledged, {errors} refused",
        ids.len()
    );

    let store = FileStore::open(&dir.0).unwrap();
    assert_eq!(store.recovered().len(), 1, "the cut record is set aside");
    for id in &ids {
        assert!(
            store.find_blocking(*id).unwrap().is_some(),
            "acknowledged {id} lost"
        );
    }
    let listed = store
        .list_blocking(UNIX_EPOCH, SystemTime::now() + Duration::from_secs(1))
        .unwrap();
    assert_eq!(
        listed.len(),
        ids.len(),
        "only acknowledged records are read"
    );
    let after = record(CategorySet::NONE);
    store.append_blocking(&after).unwrap();
    assert_eq!(store.find_blocking(after.id()).unwrap(), Some(after));
}

#[cfg(unix)]
#[test]
fn a_process_killed_between_write_and_sync_loses_nothing_acknowledged() {
    let dir = TempDir::new("killed");
    dir.create();
    let mut child = appender(&dir.0, 100_000, "");
    let stdout = child.stdout.take().unwrap();
    let mut ids: Vec<RecordId> = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let Some(id) = line.unwrap().strip_prefix("acked ").map(str::to_owned) else {
            continue;
        };
        ids.push(id.parse().unwrap());
        if ids.len() == 200 {
            // SIGKILL: no destructor, no flush, wherever it is.
            child.kill().unwrap();
            break;
        }
    }
    child.wait().unwrap();

    let store = FileStore::open(&dir.0).unwrap();
    for id in &ids {
        assert!(
            store.find_blocking(*id).unwrap().is_some(),
            "acknowledged {id} lost"
        );
    }
    for damage in store.verify().unwrap() {
        // The one line a kill may cut is the last one, now set aside.
        assert!(store.recovered().contains(&damage), "{damage}");
    }
}

#[test]
fn two_processes_appending_at_once_never_interleave() {
    let dir = TempDir::new("two");
    dir.create();
    let mut one = appender(&dir.0, 300, "");
    let mut two = appender(&dir.0, 300, "");
    let (ids_one, errors_one) = acknowledged(&mut one);
    let (ids_two, errors_two) = acknowledged(&mut two);
    assert!(one.wait().unwrap().success() && two.wait().unwrap().success());
    assert_eq!(
        (ids_one.len(), ids_two.len(), errors_one, errors_two),
        (300, 300, 0, 0)
    );

    let store = FileStore::open(&dir.0).unwrap();
    assert!(store.recovered().is_empty());
    assert!(store.verify().unwrap().is_empty());
    let listed: HashSet<RecordId> = store
        .list_blocking(UNIX_EPOCH, SystemTime::now() + Duration::from_secs(1))
        .unwrap()
        .iter()
        .map(ConsentRecord::id)
        .collect();
    let all: HashSet<RecordId> = ids_one.iter().chain(&ids_two).copied().collect();
    assert_eq!(listed, all);
}

/// Their appends written and synced together (group commit).
#[test]
fn many_tasks_appending_share_their_syncs() {
    let (_dir, store) = opened("group");
    run(proof_store::many_tasks_appending_at_once_lose_nothing(
        &store, 1_000,
    ));
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Any record, any site text: what `to_json` writes, `from_json`
        /// reads back the same, on one line.
        #[test]
        fn records_round_trip_through_json(
            bits in 0u8..8,
            seconds in 0u64..4_102_444_800,
            id in any::<[u8; 16]>(),
            site in any::<String>(),
        ) {
            let granted = CategorySet::NONE
                .with(if bits & 1 != 0 { Category::Preferences } else { Category::Necessary })
                .with(if bits & 2 != 0 { Category::Statistics } else { Category::Necessary })
                .with(if bits & 4 != 0 { Category::Marketing } else { Category::Necessary });
            let record = record_at(
                UNIX_EPOCH + Duration::from_secs(seconds),
                RecordId::from_bytes(id),
                granted,
            );
            let json = record.to_json();
            prop_assert!(!json.contains('\n'));
            prop_assert_eq!(ConsentRecord::from_json(&json), Some(record.clone()));
            // The same record for another site, written by another JSON
            // writer: read back with that site.
            let other = json.replacen(
                "\"site\":\"https://data.example.fr\"",
                &format!("\"site\":{}", serde_json::to_string(&site).unwrap()),
                1,
            );
            let read = ConsentRecord::from_json(&other).expect("the record, another site");
            prop_assert_eq!(read.site(), site.as_str());
            prop_assert_eq!(read.granted(), record.granted());
            let again = ConsentRecord::from_json(&read.to_json());
            prop_assert_eq!(again.as_ref(), Some(&read));
        }

        /// Any text: `from_json` never panics, and what it accepts it
        /// writes back the same.
        #[test]
        fn any_text_is_read_safely(text in any::<String>()) {
            if let Some(record) = ConsentRecord::from_json(&text) {
                prop_assert_eq!(ConsentRecord::from_json(&record.to_json()), Some(record));
            }
            if let Some(version) = VersionText::from_json(&text) {
                prop_assert_eq!(VersionText::from_json(&version.to_json()), Some(version));
            }
        }
    }
}

#[test]
fn a_binding_remembers_proofs_never_their_absence() {
    let (_dir, store) = opened("binding");
    run(proof_store::a_binding_remembers_proofs_never_their_absence(
        store,
    ));
}

/// A record of 2025-11-25, kept in `consent-2025-11-25.jsonl`.
fn record_of_a_known_day(n: u64) -> ConsentRecord {
    let millis = 1_764_028_800_000 + 3_600_000 + n;
    record_at(
        UNIX_EPOCH + Duration::from_millis(millis),
        id_at(millis, n),
        CategorySet::ALL,
    )
}

/// The refusal of `answer`, which must be one, and its text.
fn refusal<T: std::fmt::Debug>(answer: Result<T, ProofError>) -> (PathBuf, Refusal, String) {
    match answer {
        Err(error @ ProofError::Refused { .. }) => {
            let text = error.to_string();
            let ProofError::Refused { path, reason } = error else {
                unreachable!()
            };
            (path, reason, text)
        }
        answer => panic!("expected a refusal, got {answer:?}"),
    }
}

/// In a directory others can write (here: planted by the test itself),
/// `consent-<day>.jsonl` and `texts.jsonl` are links to a file of the
/// planter's choice: no append, lookup, listing, text or reopening goes
/// through them, each refusal names the link, and the file is untouched.
#[cfg(unix)]
#[test]
fn a_planted_symbolic_link_is_never_written_through() {
    let (dir, store) = opened("link");
    let victim = dir.parent().join("victim");
    fs::write(&victim, "the planter's file\n").unwrap();
    let link = dir.0.join("consent-2025-11-25.jsonl");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let texts_link = dir.0.join("texts.jsonl");
    std::os::unix::fs::symlink(&victim, &texts_link).unwrap();

    let record = record_of_a_known_day(1);
    let (path, reason, text) = refusal(store.append_blocking(&record));
    assert_eq!(
        (path.as_path(), reason),
        (link.as_path(), Refusal::SymbolicLink)
    );
    assert!(text.contains(&*link.to_string_lossy()), "{text}");
    assert!(text.contains("symbolic link"), "{text}");
    let (path, reason, _) = refusal(run(store.append(&record)));
    assert_eq!(
        (path.as_path(), reason),
        (link.as_path(), Refusal::SymbolicLink)
    );
    let (path, _, _) = refusal(store.find_blocking(record.id()));
    assert_eq!(path, link);
    let (path, _, _) = refusal(store.list_blocking(UNIX_EPOCH, SystemTime::now()));
    assert_eq!(path, link);
    let (path, _, _) = refusal(store.keep_texts_blocking(&VersionText::of::<Site>()));
    assert_eq!(path, texts_link);
    let (path, _, _) = refusal(store.verify());
    assert_eq!(path, link);
    drop(store);
    let (path, _, _) = refusal(FileStore::open(&dir.0));
    assert_eq!(path, link);

    assert_eq!(fs::read_to_string(&victim).unwrap(), "the planter's file\n");
    // Another day's file is no link: the store goes on with it.
    fs::remove_file(&texts_link).unwrap();
    fs::remove_file(&link).unwrap();
    let store = FileStore::open(&dir.0).unwrap();
    store.append_blocking(&record).unwrap();
    assert_eq!(store.find_blocking(record.id()).unwrap(), Some(record));
}

/// The store's directory itself a link (to a directory of someone
/// else's), however the location is written.
#[cfg(unix)]
#[test]
fn a_directory_that_is_a_symbolic_link_is_refused() {
    let dir = TempDir::new("dir-link");
    let elsewhere = dir.parent().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    set_mode(&elsewhere, 0o700);
    std::os::unix::fs::symlink(&elsewhere, &dir.0).unwrap();
    for location in [dir.0.clone(), dir.0.join(""), dir.0.join(".")] {
        let (path, reason, text) = refusal(FileStore::open(&location));
        assert_eq!(
            (path.as_path(), reason),
            (dir.0.as_path(), Refusal::SymbolicLink)
        );
        assert!(text.contains(&*dir.0.to_string_lossy()), "{text}");
    }
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
}

/// A directory its group or others can write (`0777`, `/tmp`'s `1777`,
/// `0770`) is refused, its mode in the error; one others can only read
/// is used as it is.
#[cfg(unix)]
#[test]
fn a_directory_others_can_write_is_refused() {
    use std::os::unix::fs::PermissionsExt;

    let dir = TempDir::new("shared");
    dir.create();
    for mode in [0o777, 0o1777, 0o770, 0o702] {
        set_mode(&dir.0, mode);
        let (path, reason, text) = refusal(FileStore::open(&dir.0));
        assert_eq!(path, dir.0);
        assert_eq!(reason, Refusal::WritableByOthers { mode });
        assert!(text.contains(&format!("mode {mode:04o}")), "{text}");
        assert!(text.contains(&*dir.0.to_string_lossy()), "{text}");
        assert_eq!(fs::read_dir(&dir.0).unwrap().count(), 0, "nothing made");
    }
    set_mode(&dir.0, 0o755);
    let store = FileStore::open(&dir.0).unwrap();
    let mode = fs::metadata(&dir.0).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o755, "not changed");
    store.append_blocking(&record(CategorySet::ALL)).unwrap();

    // Made writable by others while open: refused before the next file.
    set_mode(&dir.0, 0o777);
    let (path, reason, _) = refusal(store.append_blocking(&record_of_a_known_day(2)));
    assert_eq!(
        (path, reason),
        (dir.0.clone(), Refusal::WritableByOthers { mode: 0o777 })
    );
}

/// A private directory (`0700`) that belongs to another user (here
/// `nobody`, uid 65534), who could change its mode and plant files
/// whatever it is: refused at open, before anything is made in it, and
/// when it is given away while the store is open. Root is no exception,
/// so the test runs as root (the only user who can give a directory
/// away), and says so when it cannot.
#[cfg(unix)]
#[test]
fn a_directory_owned_by_another_user_is_refused() {
    use std::os::unix::fs::{MetadataExt, chown};

    const NOBODY: u32 = 65_534;
    let dir = TempDir::new("owner");
    // The test's own directory belongs to the test's effective uid.
    let user = fs::metadata(dir.parent()).unwrap().uid();
    if user != 0 {
        eprintln!("skipped: giving a directory to another user takes root (uid {user})");
        return;
    }
    dir.create();
    if let Err(error) = chown(&dir.0, Some(NOBODY), None) {
        eprintln!("skipped: chown to uid {NOBODY} failed: {error}");
        return;
    }
    let (path, reason, text) = refusal(FileStore::open(&dir.0));
    assert_eq!(path, dir.0);
    assert_eq!(
        reason,
        Refusal::OwnedByAnotherUser {
            owner: NOBODY,
            user
        }
    );
    assert!(text.contains(&format!("uid {NOBODY}")), "{text}");
    assert!(text.contains(&*dir.0.to_string_lossy()), "{text}");
    assert_eq!(fs::read_dir(&dir.0).unwrap().count(), 0, "nothing made");

    // Its own again: used. Given away while open: refused before the
    // next file.
    chown(&dir.0, Some(user), None).unwrap();
    let store = FileStore::open(&dir.0).unwrap();
    store.append_blocking(&record(CategorySet::ALL)).unwrap();
    chown(&dir.0, Some(NOBODY), None).unwrap();
    let (path, reason, _) = refusal(store.append_blocking(&record_of_a_known_day(6)));
    assert_eq!(
        (path, reason),
        (
            dir.0.clone(),
            Refusal::OwnedByAnotherUser {
                owner: NOBODY,
                user
            }
        )
    );
    assert_eq!(day_files(&dir.0).len(), 1);
}

/// `FileStore::open("/var/lib/sitee/proofs")`, where `/var/lib/sitee` is
/// a typo: an error naming the directory that is missing, not a store
/// created where nobody looks for it.
#[test]
fn a_store_does_not_create_missing_parents() {
    let dir = TempDir::new("typo");
    let typo = dir.parent().join("sitee");
    for location in [typo.join("proofs"), typo.join("consent").join("proofs")] {
        let (path, reason, text) = refusal(FileStore::open(&location));
        assert_eq!(
            (path.as_path(), reason),
            (typo.as_path(), Refusal::MissingParent)
        );
        assert!(text.contains(&*typo.to_string_lossy()), "{text}");
        assert!(text.contains("does not exist"), "{text}");
        assert!(!typo.exists());
    }
    // Its own directory it creates, private.
    let store = FileStore::open(&dir.0).unwrap();
    assert!(dir.0.is_dir());
    drop(store);
}

/// The directory moved away and another put in its place while the store
/// is open: refused, not written to.
#[cfg(unix)]
#[test]
fn a_directory_replaced_while_open_is_refused() {
    let (dir, store) = opened("replaced");
    let first = record(CategorySet::ALL);
    store.append_blocking(&first).unwrap();
    fs::rename(&dir.0, dir.parent().join("moved")).unwrap();
    dir.create();
    let (path, reason, _) = refusal(store.find_blocking(first.id()));
    assert_eq!((path, reason), (dir.0.clone(), Refusal::Replaced));
    let (_, reason, _) = refusal(store.append_blocking(&record_of_a_known_day(3)));
    assert_eq!(reason, Refusal::Replaced);
    assert_eq!(fs::read_dir(&dir.0).unwrap().count(), 0);
}

/// A file of the store that is not a file (here a directory under a day
/// file's name) is refused; an I/O error names its path.
#[test]
fn errors_name_the_path_they_are_about() {
    let (dir, store) = opened("not-a-file");
    let day = dir.0.join("consent-2025-11-25.jsonl");
    fs::create_dir(&day).unwrap();
    let (path, reason, _) = refusal(store.append_blocking(&record_of_a_known_day(4)));
    assert_eq!((path, reason), (day.clone(), Refusal::NotAFile));
    fs::remove_dir(&day).unwrap();

    fs::remove_dir(&dir.0).unwrap();
    match store.find_blocking(record_of_a_known_day(5).id()) {
        Err(error @ ProofError::Io(_)) => {
            let text = error.to_string();
            assert!(text.contains(&*dir.0.to_string_lossy()), "{text}");
            assert!(text.contains("No such file or directory"), "{text}");
        }
        answer => panic!("expected an I/O error, got {answer:?}"),
    }
}

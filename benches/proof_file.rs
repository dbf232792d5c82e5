//! The embedded proof store, `FileStore`, beside the physical limit: a
//! bare `write` + `sync_data` of the same bytes to an `O_APPEND` file.
//!
//! - *bare*: one line written and synced at a time, by hand;
//! - *one at a time*: `FileStore::append_blocking` from one thread, with
//!   group commit off (`FileStoreOptions::group_commit(false)`): the
//!   store's own cost over the bare write, the goal being 1.2x at most;
//! - *paired*: the bare write, `append_blocking` and `append().await`
//!   (whose future the writer thread completes: a hand-over between
//!   threads) one after the other, round after round, printed as medians
//!   and ratios to the bare write;
//! - *16 appenders*: 16 threads appending at once, group commit on (the
//!   default), which shares one `fsync` among the records waiting: records
//!   per second a busy site gets, beside the bare write's.
//!
//! Each record is a fresh one (a random id, as a visitor's choice makes),
//! in the store's own line format. The files live in a directory under
//! `target/`, on the disk the project builds on: the figures are this
//! disk's, whatever it is.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use cookie_decl::consent::proof::{FileStore, ProofBinding, ProofStore};
use cookie_decl::consent::{CategorySet, ConsentCookie, ConsentRecord};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "support/consent_site.rs"]
mod consent_site;

use consent_site::Site;

/// A store's directory, missing (the store makes it), in a directory
/// that exists (the store makes no parent).
fn scratch(name: &str) -> PathBuf {
    let parent = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-proofs");
    std::fs::create_dir_all(&parent).unwrap();
    let dir = parent.join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn records(count: usize) -> Vec<ConsentRecord> {
    let cookies = ConsentCookie::<Site>::unsigned();
    (0..count)
        .map(|n| {
            let granted = if n % 3 == 0 {
                CategorySet::ALL
            } else {
                CategorySet::NONE
            };
            cookies.record("", granted).record().clone()
        })
        .collect()
}

fn appends(c: &mut Criterion) {
    let pool = records(4096);
    let mut group = c.benchmark_group("proof append");
    group.throughput(Throughput::Elements(1));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));

    let bare_dir = scratch("bare");
    std::fs::create_dir_all(&bare_dir).unwrap();
    let mut bare = OpenOptions::new()
        .create(true)
        .append(true)
        .open(bare_dir.join("bare.jsonl"))
        .unwrap();
    // The same bytes the store writes: a record's JSON in its frame.
    let lines: Vec<String> = pool
        .iter()
        .map(|record| {
            format!(
                "{{\"v\":1,\"check\":\"0123456789abcdef\",\"record\":{}}}\n",
                record.to_json()
            )
        })
        .collect();
    let mut next = 0;
    group.bench_function("bare write + sync_data", |b| {
        b.iter(|| {
            let line = &lines[next % lines.len()];
            next += 1;
            bare.write_all(line.as_bytes()).unwrap();
            bare.sync_data().unwrap();
        })
    });

    let one = FileStore::options()
        .group_commit(false)
        .open(scratch("one"))
        .unwrap();
    let mut next = 0;
    group.bench_function("FileStore, one at a time", |b| {
        b.iter(|| {
            one.append_blocking(&pool[next % pool.len()]).unwrap();
            next += 1;
        })
    });

    let pool = Arc::new(pool);
    let shared = FileStore::open(scratch("shared")).unwrap();
    group.bench_function("FileStore, 16 appenders, group commit", |b| {
        b.iter_custom(|iters| {
            let threads = 16;
            let per_thread = iters.div_ceil(threads);
            let start = Instant::now();
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let store = shared.clone();
                    let pool = Arc::clone(&pool);
                    std::thread::spawn(move || {
                        for n in 0..per_thread {
                            let record = &pool[(t * per_thread + n) as usize % pool.len()];
                            store.append_blocking(record).unwrap();
                        }
                    })
                })
                .collect();
            for handle in handles {
                handle.join().unwrap();
            }
            start
                .elapsed()
                .mul_f64(iters as f64 / (per_thread * threads) as f64)
        })
    });
    group.finish();

    // Paired: one bare append and one store append after the other,
    // alternating which goes first, so that both meet the same disk and
    // the same load; the ratio of the medians is the figure to compare.
    let pairs = 2000;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let (mut bare_times, mut store_times, mut async_times) = (Vec::new(), Vec::new(), Vec::new());
    for n in 0..pairs {
        let line = &lines[n % lines.len()];
        let record = &pool[(n * 7) % pool.len()];
        let mut time_bare = || {
            let start = Instant::now();
            bare.write_all(line.as_bytes()).unwrap();
            bare.sync_data().unwrap();
            start.elapsed()
        };
        let time_store = || {
            let start = Instant::now();
            one.append_blocking(record).unwrap();
            start.elapsed()
        };
        let time_async = || {
            let start = Instant::now();
            runtime.block_on(one.append(record)).unwrap();
            start.elapsed()
        };
        if n % 2 == 0 {
            bare_times.push(time_bare());
            store_times.push(time_store());
            async_times.push(time_async());
        } else {
            async_times.push(time_async());
            store_times.push(time_store());
            bare_times.push(time_bare());
        }
    }
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let bare_median = median(&mut bare_times);
    let store_median = median(&mut store_times);
    let async_median = median(&mut async_times);
    let ratio = |time: Duration| time.as_secs_f64() / bare_median.as_secs_f64();
    println!(
        "paired ({pairs} rounds): bare write + sync_data {bare_median:?}; \
         FileStore::append_blocking {store_median:?} ({:.2}x); \
         FileStore::append().await {async_median:?} ({:.2}x)",
        ratio(store_median),
        ratio(async_median),
    );
    let _ = std::fs::remove_dir_all(bare_dir.parent().unwrap());
}

/// Binding a cookie to its proof costs one `find` per request: in a day
/// file of 50,000 records (about 20 MB), made over the day (as visitors
/// choose) or in a burst of five seconds, 10,000 a second (where a lookup
/// that read every record near the id's time read thousands), ids looked
/// up in a pseudo-random order, present and absent. A lookup reads at
/// most `FileStore::LOOKUP_LIMIT` bytes either way.
fn lookups(c: &mut Criterion) {
    let day_start = 1_764_028_800_000; // 2025-11-25T00:00:00Z, in ms
    let cookies = ConsentCookie::<Site>::unsigned();
    let spread: Vec<ConsentRecord> = (0..50_000u64)
        .map(|n| record_made_at(&cookies, day_start + n * 1_728, n)) // over 24 hours
        .collect();
    lookups_in(c, "over a day", spread);
    // 10,000 choices a second for five seconds, 10 a millisecond: far
    // busier than any site, every record of a second within the old
    // lookup's window.
    let burst: Vec<ConsentRecord> = (0..50_000u64)
        .map(|n| record_made_at(&cookies, day_start + 12 * 3_600_000 + n / 10, n))
        .collect();
    lookups_in(c, "in a burst", burst);
}

/// The `n`th choice of a pool, made at `millis` (Unix milliseconds), its
/// id a UUIDv7 of that time with pseudo-random bits from `n`.
fn record_made_at(cookies: &ConsentCookie<Site>, millis: u64, n: u64) -> ConsentRecord {
    let mut bytes = [0; 16];
    bytes[..6].copy_from_slice(&millis.to_be_bytes()[2..]);
    bytes[8..].copy_from_slice(&n.wrapping_mul(0x9e37_79b9_7f4a_7c15).to_be_bytes());
    bytes[6] = 0x70;
    bytes[8] = 0x80 | (bytes[8] & 0x3f);
    let at = std::time::UNIX_EPOCH + Duration::from_millis(millis);
    let id = cookie_decl::consent::RecordId::from_bytes(bytes);
    cookies
        .record_at("", CategorySet::ALL, at, id)
        .record()
        .clone()
}

fn lookups_in(c: &mut Criterion, shape: &str, pool: Vec<ConsentRecord>) {
    let dir = scratch("find");
    let store = FileStore::open(&dir).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    for chunk in pool.chunks(1000) {
        runtime.block_on(async {
            let appends: Vec<_> = chunk.iter().map(|record| store.append(record)).collect();
            for append in appends {
                append.await.unwrap();
            }
        });
    }
    let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
    let order: Vec<_> = (0..4096)
        .map(|_| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            pool[rng as usize % pool.len()].id()
        })
        .collect();
    let mut group = c.benchmark_group("proof find");
    group.throughput(Throughput::Elements(1));
    let mut next = 0;
    group.bench_function(
        format!("FileStore::find_blocking, 50,000 records {shape}"),
        |b| {
            b.iter(|| {
                let id = order[next % order.len()];
                next += 1;
                assert!(store.find_blocking(id).unwrap().is_some());
            })
        },
    );
    // Absent: a present id with its last byte changed, same time, same
    // file, the nearest miss there is.
    let absent: Vec<_> = order
        .iter()
        .map(|id| {
            let mut bytes = *id.as_bytes();
            bytes[15] ^= 0x5a;
            cookie_decl::consent::RecordId::from_bytes(bytes)
        })
        .collect();
    let mut next = 0;
    group.bench_function(
        format!("FileStore::find_blocking, an absent id, {shape}"),
        |b| {
            b.iter(|| {
                let id = absent[next % absent.len()];
                next += 1;
                assert!(store.find_blocking(id).unwrap().is_none());
            })
        },
    );
    group.finish();
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A request's consent read alone, against read and bound to its proof by
/// `ProofBinding` once the choice is proven (every request after a
/// visitor's first): what binding costs a busy server.
fn binding(c: &mut Criterion) {
    let dir = scratch("bind");
    let cookies = ConsentCookie::<Site>::unsigned();
    let binding = ProofBinding::new(FileStore::open(&dir).unwrap());
    let headers: Vec<String> = (0..1024)
        .map(|n| {
            let granted = if n % 2 == 0 {
                CategorySet::ALL
            } else {
                CategorySet::NONE
            };
            let recorded = cookies.record("", granted);
            binding.store().append_blocking(recorded.record()).unwrap();
            recorded.set_cookies()[0].stripped().to_string()
        })
        .collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    for header in &headers {
        let bound = runtime.block_on(binding.bind(cookies.read(header.as_str())));
        assert!(bound.unwrap().is_given());
    }
    let mut group = c.benchmark_group("proof binding");
    let mut next = 0;
    group.bench_function("ConsentCookie::read", |b| {
        b.iter(|| {
            next = (next + 7) % headers.len();
            cookies.read(headers[next].as_str())
        })
    });
    let mut next = 0;
    group.bench_function(
        "ConsentCookie::read, then ProofBinding::bind (proven)",
        |b| {
            b.iter(|| {
                next = (next + 7) % headers.len();
                let consent = cookies.read(headers[next].as_str());
                runtime.block_on(binding.bind(consent)).unwrap()
            })
        },
    );
    group.finish();
    drop(binding);
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, appends, lookups, binding);
criterion_main!(benches);

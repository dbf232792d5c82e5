//! The proof stores appending records, each acknowledged only once
//! durable: what a visitor's choice waits for.
//!
//! Group `postgres`: `PgStore` on the server `COOKIE_DECL_TEST_DATABASE_URL`
//! names (a local one: a Unix socket or loopback), in a schema of its own
//! dropped at the end; without the variable, the group says so and
//! measures nothing.
//!
//! - `postgres/append`: one task appending one record at a time: the time
//!   of one append (one `INSERT`, committed);
//! - `postgres/tasks/N`: N tasks appending at once through a pool of 16
//!   connections, each task one record after another: records per second
//!   (criterion's throughput) as a busy site gets them;
//! - then, printed: the median and 99th percentile of one append's time
//!   with 1 and with 16 tasks appending;
//! - then, printed: `Retrying` after an outage, 10,000 records waiting
//!   (the table dropped while they were appended, then made again): the
//!   time of each of the next 20 visitors' appends (each writes its own
//!   record and at most `DRAIN_PER_APPEND` of the backlog), then of one
//!   `drain` of the rest.
//!
//! Each record is a fresh one (a random id), as a visitor's choice makes.
//! The figures are the server's and its disk's as much as the store's: see
//! BENCHMARKS.md for the conditions.
//!
//! `cargo bench --bench proof --features postgres`; each store is a
//! group of its own (`fn postgres`, in `criterion_group!` below), so that
//! another store's group sits beside it on the same records.

use std::time::{Duration, Instant};

use cookie_decl::consent::proof::{PgStore, ProofStore, Retrying};
use cookie_decl::consent::{CategorySet, ConsentCookie, ConsentRecord};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "support/consent_site.rs"]
mod consent_site;

use consent_site::Site;

const URL_VAR: &str = "COOKIE_DECL_TEST_DATABASE_URL";

/// A fresh record: a random id, one choice in three accepting all.
fn record(n: usize) -> ConsentRecord {
    let granted = if n.is_multiple_of(3) {
        CategorySet::ALL
    } else {
        CategorySet::NONE
    };
    ConsentCookie::<Site>::unsigned()
        .record("", granted)
        .record()
        .clone()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// `tasks` tasks appending `each` fresh records one after another; the
/// time each append took.
async fn append_from(store: &PgStore, tasks: usize, each: u64) -> Vec<Duration> {
    let mut set = tokio::task::JoinSet::new();
    for task in 0..tasks {
        let store = store.clone();
        set.spawn(async move {
            let mut times = Vec::with_capacity(each as usize);
            for n in 0..each as usize {
                let record = record(task + n);
                let start = Instant::now();
                store.append(&record).await.unwrap();
                times.push(start.elapsed());
            }
            times
        });
    }
    let mut times = Vec::new();
    while let Some(task) = set.join_next().await {
        times.extend(task.unwrap());
    }
    times
}

fn postgres(c: &mut Criterion) {
    let Ok(url) = std::env::var(URL_VAR) else {
        eprintln!("proof/postgres skipped: {URL_VAR} is not set (see .ci/run for a local server)");
        return;
    };
    let rt = runtime();
    let schema = format!("cookie_decl_bench_{}", std::process::id());
    let store = rt.block_on(async {
        let store = PgStore::options()
            .pool_size(16)
            .schema(&schema)
            .connect(&url)
            .await
            .unwrap();
        store.migrate().await.unwrap();
        store
    });

    let mut group = c.benchmark_group("postgres");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(6));
    group.throughput(Throughput::Elements(1));
    group.bench_function("append", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            rt.block_on(append_from(&store, 1, iters));
            start.elapsed()
        });
    });
    for tasks in [4, 16, 64] {
        group.throughput(Throughput::Elements(tasks as u64));
        group.bench_function(format!("tasks/{tasks}"), |b| {
            b.iter_custom(|iters| {
                let start = Instant::now();
                rt.block_on(append_from(&store, tasks, iters));
                start.elapsed()
            });
        });
    }
    group.finish();

    for (tasks, each) in [(1, 2000), (16, 200)] {
        let mut times = rt.block_on(append_from(&store, tasks, each));
        times.sort();
        let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
        println!(
            "postgres: one append with {tasks} task(s) appending: median {:.2?}, p99 {:.2?} \
             ({} appends)",
            at(0.5),
            at(0.99),
            times.len()
        );
    }

    rt.block_on(async {
        let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(connection);
        let retrying = Retrying::new(store);
        client
            .batch_execute(&format!(
                "DROP TABLE \"{schema}\".cookie_decl_consent_records"
            ))
            .await
            .unwrap();
        for n in 0..10_000 {
            assert!(retrying.append(&record(n)).await.is_err());
        }
        retrying.store().migrate().await.unwrap();
        let mut times = Vec::new();
        for n in 0..20 {
            let start = Instant::now();
            retrying.append(&record(n)).await.unwrap();
            times.push(start.elapsed());
        }
        let waiting = retrying.backlog_len();
        let start = Instant::now();
        let drained = retrying.drain(usize::MAX).await.unwrap();
        let drain_time = start.elapsed();
        times.sort();
        println!(
            "postgres: Retrying after an outage, 10,000 waiting: one visitor's append \
             median {:.2?}, slowest {:.2?} (of 20; {} still waiting), then drain() of \
             {drained} in {drain_time:.2?}",
            times[times.len() / 2],
            times[times.len() - 1],
            waiting,
        );
        assert_eq!(retrying.backlog_len(), 0);
        drop(retrying);
        client
            .batch_execute(&format!("DROP SCHEMA \"{schema}\" CASCADE"))
            .await
            .unwrap();
    });
}

criterion_group!(benches, postgres);
criterion_main!(benches);

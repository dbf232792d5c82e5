//! `Retrying`: the records a failing store could not keep wait, and are
//! written first, in order, once it is back; `AnyStore` opens the store a
//! location names.

use core::future::Future;
use core::task::{Context, Poll, Waker};
use std::sync::Mutex;
use std::time::SystemTime;

use cookie_decl::consent::proof::{AnyStore, ProofError, ProofStore, Retrying, VersionText};
use cookie_decl::consent::{CategorySet, ConsentCookie, ConsentRecord, RecordId};
use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Site { site: "https://example.fr" }
    necessary {
        consent {
            provider: "Example", service: "Consent", purpose: "Remember the choice.",
            max_age: 6 months, stores_consent: true,
        }
    }
    statistics {
        visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
    }
}

/// A store that keeps record ids in memory and fails while `down`: what
/// is tested is the order `Retrying` writes in, not a store.
#[derive(Default)]
struct Flaky {
    down: Mutex<bool>,
    kept: Mutex<Vec<RecordId>>,
}

impl Flaky {
    fn set_down(&self, down: bool) {
        *self.down.lock().unwrap() = down;
    }
}

impl ProofStore for Flaky {
    async fn append(&self, record: &ConsentRecord) -> Result<(), ProofError> {
        if *self.down.lock().unwrap() {
            return Err(ProofError::Closed);
        }
        self.kept.lock().unwrap().push(record.id());
        Ok(())
    }
    async fn find(&self, _: RecordId) -> Result<Option<ConsentRecord>, ProofError> {
        Ok(None)
    }
    async fn list(&self, _: SystemTime, _: SystemTime) -> Result<Vec<ConsentRecord>, ProofError> {
        Ok(Vec::new())
    }
    async fn prune(&self, _: SystemTime) -> Result<u64, ProofError> {
        Ok(0)
    }
    async fn keep_texts(&self, _: &[VersionText]) -> Result<(), ProofError> {
        Ok(())
    }
    async fn texts(&self) -> Result<Vec<VersionText>, ProofError> {
        Ok(Vec::new())
    }
}

/// Runs a future that never waits (`Flaky` answers at once).
fn now<T>(future: impl Future<Output = T>) -> T {
    let mut future = core::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(value) => value,
        Poll::Pending => unreachable!("the store answers at once"),
    }
}

fn record() -> ConsentRecord {
    let recorded = ConsentCookie::<Site>::unsigned().record("", CategorySet::NONE);
    recorded.record().clone()
}

#[test]
fn failed_records_are_written_first_and_in_order_once_the_store_is_back() {
    let store = Retrying::new(Flaky::default());
    store.store().set_down(true);
    let (a, b, c) = (record(), record(), record());
    assert!(now(store.append(&a)).is_err());
    assert!(now(store.append(&b)).is_err());
    assert_eq!(store.waiting(), 2);
    store.store().set_down(false);
    assert!(now(store.append(&c)).is_ok());
    assert_eq!(store.waiting(), 0);
    assert_eq!(
        *store.store().kept.lock().unwrap(),
        [a.id(), b.id(), c.id()]
    );
}

#[test]
fn a_record_that_fails_again_waits_again_behind_the_earlier_ones() {
    let store = Retrying::new(Flaky::default());
    store.store().set_down(true);
    let (a, b) = (record(), record());
    assert!(now(store.append(&a)).is_err());
    assert!(now(store.append(&b)).is_err());
    assert_eq!(store.waiting(), 2);
    store.store().set_down(false);
    let c = record();
    now(store.append(&c)).unwrap();
    assert_eq!(
        *store.store().kept.lock().unwrap(),
        [a.id(), b.id(), c.id()]
    );
}

#[test]
fn at_capacity_the_oldest_waiting_record_is_dropped_and_counted() {
    let store = Retrying::with_capacity(Flaky::default(), 2);
    store.store().set_down(true);
    let records = [record(), record(), record()];
    for record in &records {
        assert!(now(store.append(record)).is_err());
    }
    assert_eq!((store.waiting(), store.dropped()), (2, 1));
    store.store().set_down(false);
    let last = record();
    now(store.append(&last)).unwrap();
    let kept = store.store().kept.lock().unwrap().clone();
    assert_eq!(kept, [records[1].id(), records[2].id(), last.id()]);
}

#[tokio::test]
async fn any_store_opens_a_directory_as_a_file_store() {
    let dir = std::env::temp_dir().join(format!("cookie-decl-any-{}", std::process::id()));
    let store = AnyStore::open(dir.to_str().unwrap()).await.unwrap();
    assert!(matches!(store, AnyStore::File(_)));
    let record = record();
    store.append(&record).await.unwrap();
    assert_eq!(store.find(record.id()).await.unwrap(), Some(record));
    drop(store);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(not(feature = "postgres"))]
#[tokio::test]
async fn a_database_location_without_the_postgres_feature_says_so() {
    let error = AnyStore::open("postgres://localhost/site")
        .await
        .unwrap_err();
    assert!(error.to_string().contains("`postgres` feature"), "{error}");
}

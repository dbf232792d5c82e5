//! `Retrying`: the records a failing store could not keep wait in a
//! backlog, written in order once it is back, a few with each append and
//! the rest by `drain`, beside the traffic; `AnyStore` opens the store a
//! location names.

use core::future::Future;
use core::task::{Context, Poll, Waker};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

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

/// A store that keeps record ids in memory and fails while `down` (or
/// once `fail_after` more appends were kept), and whose append of the
/// record `held` waits until it is released: what is tested is the order
/// `Retrying` writes in, not a store.
#[derive(Default)]
struct Flaky {
    down: Mutex<bool>,
    /// Appends kept before the next fails; `None`: no limit.
    budget: Mutex<Option<usize>>,
    held: Mutex<Option<RecordId>>,
    kept: Mutex<Vec<RecordId>>,
}

impl Flaky {
    fn set_down(&self, down: bool) {
        *self.down.lock().unwrap() = down;
    }

    fn fail_after(&self, appends: usize) {
        *self.budget.lock().unwrap() = (appends != usize::MAX).then_some(appends);
    }

    fn hold(&self, record: Option<&ConsentRecord>) {
        *self.held.lock().unwrap() = record.map(ConsentRecord::id);
    }
}

/// Pending while the record is held.
struct Held<'a>(&'a Flaky, RecordId);

impl Future for Held<'_> {
    type Output = ();

    fn poll(self: core::pin::Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if *self.0.held.lock().unwrap() == Some(self.1) {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    }
}

impl ProofStore for Flaky {
    async fn append(&self, record: &ConsentRecord) -> Result<(), ProofError> {
        Held(self, record.id()).await;
        if *self.down.lock().unwrap() {
            return Err(ProofError::Closed);
        }
        if let Some(budget) = self.budget.lock().unwrap().as_mut() {
            if *budget == 0 {
                return Err(ProofError::Closed);
            }
            *budget -= 1;
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

fn record_at(at: SystemTime) -> ConsentRecord {
    let recorded =
        ConsentCookie::<Site>::unsigned().record_at("", CategorySet::NONE, at, RecordId::random());
    recorded.record().clone()
}

/// `count` fresh records, refused while the store is down: the backlog.
fn backlog(store: &Retrying<Flaky>, count: usize) -> Vec<ConsentRecord> {
    store.store().set_down(true);
    let records: Vec<ConsentRecord> = (0..count).map(|_| record()).collect();
    for record in &records {
        assert!(now(store.append(record)).is_err());
    }
    store.store().set_down(false);
    records
}

fn ids(records: &[ConsentRecord]) -> Vec<RecordId> {
    records.iter().map(ConsentRecord::id).collect()
}

/// After an outage, a visitor's append writes its own record, then at
/// most `DRAIN_PER_APPEND` of the backlog: bounded work, whatever the
/// backlog's length.
#[test]
fn an_append_after_an_outage_drains_a_bounded_backlog() {
    let store = Retrying::new(Flaky::default());
    let waiting = backlog(&store, 1_000);
    assert_eq!(store.backlog_len(), 1_000);
    let visitor = record();
    now(store.append(&visitor)).unwrap();
    let drained = Retrying::<Flaky>::DRAIN_PER_APPEND;
    assert_eq!(drained, 4);
    let mut expected = vec![visitor.id()];
    expected.extend(ids(&waiting[..drained]));
    assert_eq!(*store.store().kept.lock().unwrap(), expected);
    assert_eq!(store.backlog_len(), 1_000 - drained);
}

/// How long the backlog is and how old its oldest record is can be read
/// at any time, for a health check.
#[test]
fn the_backlog_s_length_and_age_are_observable() {
    let store = Retrying::new(Flaky::default());
    assert_eq!((store.backlog_len(), store.oldest_pending()), (0, None));
    store.store().set_down(true);
    let old = record_at(SystemTime::now() - Duration::from_secs(600));
    let later = record();
    assert!(now(store.append(&old)).is_err());
    assert!(now(store.append(&later)).is_err());
    assert_eq!(store.backlog_len(), 2);
    assert_eq!(store.oldest_pending(), Some(old.time()));
    store.store().set_down(false);
    assert_eq!(now(store.drain(1)).unwrap(), 1);
    assert_eq!(store.oldest_pending(), Some(later.time()));
    assert_eq!(now(store.drain(10)).unwrap(), 1);
    assert_eq!((store.backlog_len(), store.oldest_pending()), (0, None));
}

/// Nothing is lost: the backlog drains fully with the traffic, in the
/// order it failed, and `drain` empties it beside the traffic.
#[test]
fn the_backlog_drains_fully_and_in_order() {
    let store = Retrying::new(Flaky::default());
    let waiting = backlog(&store, 10);
    let visitors: Vec<ConsentRecord> = (0..3).map(|_| record()).collect();
    for visitor in &visitors {
        now(store.append(visitor)).unwrap();
    }
    assert_eq!(store.backlog_len(), 0);
    let kept = store.store().kept.lock().unwrap().clone();
    let backlog_order: Vec<RecordId> = kept
        .iter()
        .copied()
        .filter(|id| !ids(&visitors).contains(id))
        .collect();
    assert_eq!(backlog_order, ids(&waiting));
    assert_eq!(kept.len(), 13);

    let store = Retrying::new(Flaky::default());
    let waiting = backlog(&store, 250);
    assert_eq!(now(store.drain(100)).unwrap(), 100);
    assert_eq!(now(store.drain(usize::MAX)).unwrap(), 150);
    assert_eq!(now(store.drain(usize::MAX)).unwrap(), 0);
    assert_eq!(*store.store().kept.lock().unwrap(), ids(&waiting));
}

/// A store that fails again mid-drain: the record it refused stays first,
/// and `drain` says why.
#[test]
fn a_record_that_fails_again_stays_first_in_the_backlog() {
    let store = Retrying::new(Flaky::default());
    let waiting = backlog(&store, 3);
    store.store().fail_after(1);
    assert!(matches!(now(store.drain(10)), Err(ProofError::Closed)));
    assert_eq!(store.backlog_len(), 2);
    assert_eq!(store.oldest_pending(), Some(waiting[1].time()));
    store.store().fail_after(usize::MAX);
    let c = record();
    now(store.append(&c)).unwrap();
    assert_eq!(
        *store.store().kept.lock().unwrap(),
        [waiting[0].id(), c.id(), waiting[1].id(), waiting[2].id()]
    );
}

/// One drainer at a time: a drain started while another is writing
/// writes nothing, and the backlog keeps its order.
#[test]
fn one_drain_at_a_time() {
    let store = Retrying::new(Flaky::default());
    let waiting = backlog(&store, 3);
    store.store().hold(Some(&waiting[0]));
    let mut first = Box::pin(store.drain(10));
    let mut cx = Context::from_waker(Waker::noop());
    assert!(first.as_mut().poll(&mut cx).is_pending());
    assert_eq!(now(store.drain(10)).unwrap(), 0, "the first is draining");
    let visitor = record();
    now(store.append(&visitor)).unwrap();
    store.store().hold(None);
    match first.as_mut().poll(&mut cx) {
        Poll::Ready(written) => assert_eq!(written.unwrap(), 3),
        Poll::Pending => panic!("the store answers once released"),
    }
    assert_eq!(
        *store.store().kept.lock().unwrap(),
        [
            visitor.id(),
            waiting[0].id(),
            waiting[1].id(),
            waiting[2].id()
        ]
    );
    // A drain dropped mid-write lets the next one in.
    let waiting = backlog(&store, 1);
    store.store().hold(Some(&waiting[0]));
    let mut dropped = Box::pin(store.drain(10));
    assert!(dropped.as_mut().poll(&mut cx).is_pending());
    drop(dropped);
    store.store().hold(None);
    assert_eq!(now(store.drain(10)).unwrap(), 1);
    assert_eq!(
        store.store().kept.lock().unwrap().last(),
        Some(&waiting[0].id())
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
    assert_eq!((store.backlog_len(), store.dropped()), (2, 1));
    store.store().set_down(false);
    let last = record();
    now(store.append(&last)).unwrap();
    let kept = store.store().kept.lock().unwrap().clone();
    assert_eq!(kept, [last.id(), records[1].id(), records[2].id()]);
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

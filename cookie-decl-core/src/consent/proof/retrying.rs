//! The records waiting for a store that failed.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use super::{ProofError, ProofStore, VersionText};
use crate::consent::{ConsentRecord, RecordId};

/// A store whose failed appends wait, in memory, in a backlog written
/// again once the store is back, oldest first: a full disk or a database
/// restarting loses no proof while the process lives, and the visitor's
/// choice (a withdrawal above all, GDPR 7(3)) is answered all the same.
///
/// [`append`](ProofStore::append) writes its own record first, and still
/// answers `Err` for a record that could not be written now (log it: it
/// joins the backlog). Once its record is written, it writes at most
/// [`DRAIN_PER_APPEND`](Retrying::DRAIN_PER_APPEND) records of the
/// backlog (4), oldest first, stopping at the first that fails: however
/// long the backlog, no visitor's append does more than five appends of
/// the store, so that after an outage each request pays a few appends
/// rather than the whole backlog. One append or [`drain`](Retrying::drain)
/// at a time drains: the others write their own record only, and the
/// backlog is written in the order it failed.
///
/// The backlog drains with the traffic; to empty it beside the traffic
/// (a quiet site, a long backlog), call [`drain`](Retrying::drain) from a
/// task of the application, say every second. Watch it with
/// [`backlog_len`](Retrying::backlog_len) and
/// [`oldest_pending`](Retrying::oldest_pending): a backlog that grows, or
/// whose oldest record gets old, is a store that is not coming back.
///
/// What waits is lost if the process stops, and at most `capacity`
/// records wait (10,000 unless [`with_capacity`](Retrying::with_capacity)
/// says otherwise): past that, the oldest is dropped and counted in
/// [`dropped`](Retrying::dropped), rather than letting a store that never
/// comes back fill the memory. A record waiting is not found by
/// [`find`](ProofStore::find) (so [`bind`](super::bind) does not count a
/// choice that is not durable yet).
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # #[cfg(feature = "file-store")]
/// # {
/// # use cookie_decl::declare_cookies;
/// use std::time::SystemTime;
/// use cookie_decl::consent::proof::{FileStore, ProofStore, Retrying};
/// use cookie_decl::consent::{CategorySet, ConsentCookie};
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     necessary {
/// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
/// #                   max_age: 6 months, stores_consent: true }
/// #     }
/// #     statistics {
/// #         visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
/// #     }
/// # }
/// # // The file store answers at once: polled once, no runtime.
/// # fn block_on<F: std::future::Future>(future: F) -> F::Output {
/// #     let mut future = std::pin::pin!(future);
/// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
/// #     loop {
/// #         if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
/// #             return output;
/// #         }
/// #     }
/// # }
/// # let dir = std::env::temp_dir().join(format!("cookie-decl-doc-retry-{}", std::process::id()));
/// let proofs = Retrying::new(FileStore::open(&dir)?);
/// let recorded = ConsentCookie::<Cookies>::unsigned().record("", CategorySet::ALL);
/// block_on(proofs.append(recorded.record()))?;
///
/// // What a health check or a metrics job reports.
/// let pending = proofs.backlog_len();
/// let late = proofs
///     .oldest_pending()
///     .and_then(|oldest| SystemTime::now().duration_since(oldest).ok());
/// assert_eq!((pending, late, proofs.dropped()), (0, None, 0));
///
/// // From a task of the application, every second or so: the backlog
/// // written beside the traffic, 100 records at most each time.
/// assert_eq!(block_on(proofs.drain(100))?, 0);
/// # drop(proofs); std::fs::remove_dir_all(&dir)?;
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Retrying<S> {
    store: S,
    capacity: usize,
    waiting: Mutex<Waiting>,
}

#[derive(Debug, Default)]
struct Waiting {
    records: VecDeque<ConsentRecord>,
    dropped: u64,
    /// Whether an append or a `drain` is writing the backlog.
    draining: bool,
}

impl<S> Retrying<S> {
    /// The most records of the backlog one [`append`](ProofStore::append)
    /// writes, after its own.
    pub const DRAIN_PER_APPEND: usize = 4;

    /// `store`, with at most 10,000 records waiting.
    pub fn new(store: S) -> Self {
        Self::with_capacity(store, 10_000)
    }

    /// `store`, with at most `capacity` records waiting.
    pub fn with_capacity(store: S, capacity: usize) -> Self {
        Retrying {
            store,
            capacity: capacity.max(1),
            waiting: Mutex::default(),
        }
    }

    /// The store written to.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// How many records wait to be written: the backlog's length.
    pub fn backlog_len(&self) -> usize {
        self.lock().records.len()
    }

    /// The time of the record that has waited longest (the backlog's
    /// first, the one written next), or `None` when nothing waits: how
    /// old the proofs not yet durable are.
    pub fn oldest_pending(&self) -> Option<SystemTime> {
        self.lock().records.front().map(ConsentRecord::time)
    }

    /// How many records were dropped, waiting, when `capacity` was reached.
    pub fn dropped(&self) -> u64 {
        self.lock().dropped
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Waiting> {
        // A panic elsewhere while holding the lock left the queue whole.
        self.waiting.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait(&self, record: ConsentRecord) {
        let mut waiting = self.lock();
        if waiting.records.len() >= self.capacity {
            waiting.records.pop_front();
            waiting.dropped += 1;
        }
        waiting.records.push_back(record);
    }
}

impl<S: ProofStore> Retrying<S> {
    /// Writes up to `max` records of the backlog, oldest first, and
    /// answers how many it wrote: 0 when nothing waits, or when an append
    /// or another `drain` is writing the backlog already. Stops at the
    /// first record the store refuses, which stays first in the backlog,
    /// and answers that error.
    ///
    /// A future dropped before it is done (a task cancelled) leaves the
    /// record it was writing in the backlog: it is written again later,
    /// and the store keeps one.
    pub async fn drain(&self, max: usize) -> Result<usize, ProofError> {
        {
            let mut waiting = self.lock();
            if waiting.draining || waiting.records.is_empty() {
                return Ok(0);
            }
            waiting.draining = true;
        }
        let _draining = Draining(self);
        let mut written = 0;
        while written < max {
            let Some(next) = self.lock().records.front().cloned() else {
                break;
            };
            self.store.append(&next).await?;
            let mut waiting = self.lock();
            // Unless it was dropped at capacity meanwhile.
            if waiting
                .records
                .front()
                .is_some_and(|first| first.id == next.id)
            {
                waiting.records.pop_front();
            }
            written += 1;
        }
        Ok(written)
    }
}

/// Held while the backlog is written; lets the next writer in when done,
/// or when the future writing it is dropped.
struct Draining<'a, S>(&'a Retrying<S>);

impl<S> Drop for Draining<'_, S> {
    fn drop(&mut self) {
        self.0.lock().draining = false;
    }
}

impl<S: ProofStore> ProofStore for Retrying<S> {
    /// Writes `record`, then (if it was written) at most
    /// [`DRAIN_PER_APPEND`](Retrying::DRAIN_PER_APPEND) records of the
    /// backlog. `Err` when `record` itself could not be written: it then
    /// waits, last in the backlog.
    async fn append(&self, record: &ConsentRecord) -> Result<(), ProofError> {
        match self.store.append(record).await {
            Ok(()) => {
                // The store is back: a few of what waits. A failure here
                // is the backlog's, not this record's; it waits again.
                let _ = self.drain(Self::DRAIN_PER_APPEND).await;
                Ok(())
            }
            Err(error) => {
                self.wait(record.clone());
                Err(error)
            }
        }
    }

    async fn find(&self, id: RecordId) -> Result<Option<ConsentRecord>, ProofError> {
        self.store.find(id).await
    }

    async fn list(
        &self,
        from: SystemTime,
        to: SystemTime,
    ) -> Result<Vec<ConsentRecord>, ProofError> {
        self.store.list(from, to).await
    }

    async fn prune(&self, before: SystemTime) -> Result<u64, ProofError> {
        self.store.prune(before).await
    }

    async fn keep_texts(&self, texts: &[VersionText]) -> Result<(), ProofError> {
        self.store.keep_texts(texts).await
    }

    async fn texts(&self) -> Result<Vec<VersionText>, ProofError> {
        self.store.texts().await
    }
}

//! A store chosen when the application starts, and the records waiting for
//! a store that failed.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use super::{FileStore, ProofError, ProofStore, VersionText};
use crate::consent::{ConsentRecord, RecordId};

/// The store a deployment names: a [`FileStore`] directory on one server,
/// or PostgreSQL (feature `postgres`) for a site on several, chosen when
/// the application starts (from its configuration, say) with
/// [`open`](AnyStore::open).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum AnyStore {
    /// One server's files.
    File(FileStore),
    /// A PostgreSQL database (feature `postgres`).
    #[cfg(feature = "postgres")]
    Postgres(super::PgStore),
}

impl AnyStore {
    /// The store at `location`: a `postgres://` or `postgresql://` URL, or
    /// libpq's `key=value` form (`host=/run/postgresql dbname=site`), is
    /// PostgreSQL, its tables created if need be
    /// (`PgStore::migrate`, feature `postgres`); anything else is a
    /// directory for a [`FileStore`]. Where the damage of an earlier crash
    /// was mended, [`FileStore::recovered`] says so.
    ///
    /// # Errors
    ///
    /// The store cannot be opened; a database location in a build without
    /// the `postgres` feature is a [`ProofError::Database`] that says so.
    pub async fn open(location: &str) -> Result<AnyStore, ProofError> {
        if is_database(location) {
            #[cfg(feature = "postgres")]
            {
                let store = super::PgStore::connect(location).await?;
                store.migrate().await?;
                return Ok(AnyStore::Postgres(store));
            }
            #[cfg(not(feature = "postgres"))]
            return Err(ProofError::Database(
                "a PostgreSQL location, in a build without cookie-decl's `postgres` feature".into(),
            ));
        }
        Ok(AnyStore::File(FileStore::open(location)?))
    }
}

/// Whether `location` names a database rather than a directory.
fn is_database(location: &str) -> bool {
    let location = location.trim_start();
    location.starts_with("postgres://")
        || location.starts_with("postgresql://")
        || location
            .split_whitespace()
            .next()
            .and_then(|first| first.split_once('='))
            .is_some_and(|(key, _)| {
                ["host", "hostaddr", "dbname", "user", "port", "service"].contains(&key)
            })
}

impl ProofStore for AnyStore {
    async fn append(&self, record: &ConsentRecord) -> Result<(), ProofError> {
        match self {
            AnyStore::File(store) => store.append(record).await,
            #[cfg(feature = "postgres")]
            AnyStore::Postgres(store) => store.append(record).await,
        }
    }

    async fn find(&self, id: RecordId) -> Result<Option<ConsentRecord>, ProofError> {
        match self {
            AnyStore::File(store) => store.find(id).await,
            #[cfg(feature = "postgres")]
            AnyStore::Postgres(store) => store.find(id).await,
        }
    }

    async fn list(
        &self,
        from: SystemTime,
        to: SystemTime,
    ) -> Result<Vec<ConsentRecord>, ProofError> {
        match self {
            AnyStore::File(store) => store.list(from, to).await,
            #[cfg(feature = "postgres")]
            AnyStore::Postgres(store) => store.list(from, to).await,
        }
    }

    async fn prune(&self, before: SystemTime) -> Result<u64, ProofError> {
        match self {
            AnyStore::File(store) => store.prune(before).await,
            #[cfg(feature = "postgres")]
            AnyStore::Postgres(store) => store.prune(before).await,
        }
    }

    async fn keep_texts(&self, texts: &[VersionText]) -> Result<(), ProofError> {
        match self {
            AnyStore::File(store) => store.keep_texts(texts).await,
            #[cfg(feature = "postgres")]
            AnyStore::Postgres(store) => store.keep_texts(texts).await,
        }
    }

    async fn texts(&self) -> Result<Vec<VersionText>, ProofError> {
        match self {
            AnyStore::File(store) => store.texts().await,
            #[cfg(feature = "postgres")]
            AnyStore::Postgres(store) => store.texts().await,
        }
    }
}

/// A store whose failed appends wait, in memory, and are written again,
/// in order, before the next record: a full disk or a database restarting
/// loses no proof while the process lives, and the visitor's choice (a
/// withdrawal above all, GDPR 7(3)) is answered all the same.
///
/// [`append`](ProofStore::append) still answers `Err` for a record that
/// could not be written now: log it. What waits is lost if the process
/// stops, and at most `capacity` records wait (10,000 unless
/// [`with_capacity`](Retrying::with_capacity) says otherwise): past that,
/// the oldest is dropped and counted in [`dropped`](Retrying::dropped),
/// rather than letting a store that never comes back fill the memory.
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
}

impl<S> Retrying<S> {
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

    /// How many records wait to be written.
    pub fn waiting(&self) -> usize {
        self.lock().records.len()
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

impl<S: ProofStore> ProofStore for Retrying<S> {
    /// Writes what waits, oldest first, then `record`; what fails waits
    /// for the next append. `Err` when `record` itself could not be
    /// written.
    async fn append(&self, record: &ConsentRecord) -> Result<(), ProofError> {
        let earlier: Vec<ConsentRecord> = self.lock().records.drain(..).collect();
        for (at, waiting) in earlier.iter().enumerate() {
            if self.store.append(waiting).await.is_err() {
                // Still failing: the rest waits again, in order, and so
                // does this record.
                for waiting in &earlier[at..] {
                    self.wait(waiting.clone());
                }
                break;
            }
        }
        match self.store.append(record).await {
            Ok(()) => Ok(()),
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

#[cfg(test)]
mod tests {
    use super::is_database;

    #[test]
    fn database_locations_are_told_from_directories() {
        for database in [
            "postgres://site@db/consent",
            "postgresql:///consent",
            "host=/run/postgresql dbname=site",
            "dbname=site",
        ] {
            assert!(is_database(database), "{database}");
        }
        for directory in [
            "consent-proofs",
            "/var/lib/site/proofs",
            "./host=x",
            "a b=c",
        ] {
            assert!(!is_database(directory), "{directory}");
        }
    }
}

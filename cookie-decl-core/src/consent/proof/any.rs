//! A store chosen when the application starts: a directory or a database.

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

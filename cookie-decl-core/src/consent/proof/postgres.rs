//! The PostgreSQL proof store, for a site served by several machines.
//!
//! # Why `tokio-postgres`, and a pool of its own
//!
//! The client was chosen by measuring the clean debug build of each
//! candidate on two cores (BENCHMARKS.md, "Proof stores: choosing the
//! PostgreSQL client"): `tokio-postgres` builds in 19 to 24 s (27 to 32
//! s of CPU), `sqlx` with only `postgres` and `runtime-tokio` in 31 to 83
//! s (53 to 78 s of CPU), with twice the crates (sqlx 0.9 also needs Rust
//! 1.94, above this crate's 1.85). `deadpool-postgres` adds 10 crates and
//! 8 to 11 s of CPU, `tracing` and a second major version of `syn` among
//! them; the pool below is a semaphore and a list of idle connections, on
//! the `tokio` primitives `tokio-postgres` already builds.

use core::fmt;
use std::borrow::Cow;
use std::error::Error as StdError;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::BytesMut;
use tokio::sync::{Semaphore, SemaphorePermit};
use tokio_postgres::types::{FromSql, IsNull, ToSql, Type, accepts, to_sql_checked};
use tokio_postgres::{Client, Config, NoTls, Row, Statement};

use super::{ProofError, ProofStore, TextKind, VersionText, lang_code};
use crate::Lang;
use crate::consent::record::ChoiceMethod;
use crate::consent::{CategorySet, ConsentRecord, RecordId};

/// The version of the tables [`PgStore::migrate`] creates.
const SCHEMA_VERSION: i32 = 1;

/// The advisory lock [`PgStore::migrate`] holds, so that servers started
/// at once do not create the same tables together (`CREATE TABLE IF NOT
/// EXISTS` is not safe against a concurrent one): "cookie-d" in ASCII.
const MIGRATION_LOCK: i64 = 0x636f_6f6b_6965_2d64;

/// The [`ProofStore`] of a site on several servers: records and texts in
/// two PostgreSQL tables, reached through a pool of connections (feature
/// `postgres`).
///
/// - **Durable before `Ok`.** Each record is one `INSERT`, committed
///   before its [`append`](ProofStore::append) answers. A connection on
///   which `synchronous_commit` is `off` (the server's or the role's
///   setting) is set back to `on`: an acknowledged record is in the
///   server's write-ahead log on disk, and on its synchronous replicas if
///   it has any.
/// - **Idempotent.** A record appended again (a retry after a time-out,
///   another server appending the same choice) is kept once: the insert
///   does nothing on a known id, and the row it found is compared with the
///   record. The same contents answer `Ok`; other contents answer
///   [`ProofError::Conflict`], and the row kept is left as it is.
/// - **Checked rows.** The tables refuse a row that is not a record (an
///   unknown method or category, a category both granted and refused, a
///   withdrawal flag that disagrees with the categories withdrawn), and a
///   row is checked again as it is read: one edited by hand into something
///   else is reported as [`ProofError::Database`], never read as a record.
/// - **Pooled.** At most [`pool_size`](PgStoreOptions::pool_size)
///   connections (8 unless set), opened when needed and kept; a task
///   waits for a free one. Each connection prepares the store's
///   statements once.
///
/// It runs on tokio: call it from tasks of a tokio runtime, which drives
/// its connections. It connects without TLS: reach the server through a
/// Unix socket, loopback or a private network (or a TLS tunnel).
///
/// The tables, created by [`migrate`](PgStore::migrate) in the schema
/// chosen ([`PgStoreOptions::schema`], `public` unless set):
///
/// ```sql
/// cookie_decl_consent_records (
///     id             uuid PRIMARY KEY,    -- the 32 hex digits of RecordId, as a UUID
///     unix_time      bigint NOT NULL,     -- ConsentRecord::unix_time
///     time           timestamptz,         -- the same, generated, for people
///     site           text NOT NULL,
///     declaration    bigint NOT NULL,     -- the u64 hashes, their bits as a bigint:
///     charte_version bigint NOT NULL,     --   lpad(to_hex(charte_version), 16, '0')
///     banner_version bigint NOT NULL,     --   gives the 16 hex digits of the JSON
///     method         text NOT NULL,       -- accept_all, refuse_all or customised
///     global_privacy_control boolean NOT NULL,
///     withdrawal     boolean NOT NULL,
///     granted        text[] NOT NULL,     -- category names, in charte order
///     refused        text[] NOT NULL,
///     withdrawn      text[] NOT NULL
/// )   -- and an index on (unix_time, id)
/// cookie_decl_consent_texts (
///     kind text, version bigint, lang text,
///     text bytea NOT NULL,                -- its UTF-8: the templates' slots,
///                                         --   `\0name\0`, are no `text`
///     position bigint,                    -- the order first kept
///     PRIMARY KEY (kind, version, lang)
/// )
/// cookie_decl_schema (version integer)    -- 1
/// ```
///
/// ```no_run
/// # extern crate cookie_decl_core as cookie_decl;
/// # use cookie_decl::declare_cookies;
/// use cookie_decl::consent::proof::{PgStore, ProofStore, VersionText};
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
/// # async fn run() -> Result<(), cookie_decl::consent::proof::ProofError> {
/// // When the application starts:
/// let proofs = PgStore::options()
///     .pool_size(16)
///     .schema("consent")
///     .connect("postgresql://app@db.internal/site")
///     .await?;
/// proofs.migrate().await?;
/// proofs.keep_texts(&VersionText::of::<Cookies>()).await?;
///
/// // In the handler of the consent form: the choice's cookies are sent
/// // whatever this says (a withdrawal is never refused); an error is
/// // logged and the record kept again later.
/// let recorded = ConsentCookie::<Cookies>::unsigned().record("", CategorySet::ALL);
/// if let Err(error) = proofs.append(recorded.record()).await {
///     eprintln!("cannot keep the proof of {}: {error}", recorded.record());
/// }
/// assert_eq!(proofs.find(recorded.record().id()).await?.as_ref(), Some(recorded.record()));
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct PgStore {
    shared: Arc<Shared>,
}

/// How to connect a [`PgStore`].
#[derive(Clone, Debug)]
pub struct PgStoreOptions {
    pool_size: usize,
    schema: String,
}

impl Default for PgStoreOptions {
    fn default() -> Self {
        PgStoreOptions {
            pool_size: 8,
            schema: "public".to_owned(),
        }
    }
}

impl PgStoreOptions {
    /// The most connections the store opens at once (8 unless set; at
    /// least 1).
    #[must_use]
    pub fn pool_size(mut self, connections: usize) -> Self {
        self.pool_size = connections.max(1);
        self
    }

    /// The schema the store's tables live in (`public` unless set), which
    /// [`migrate`](PgStore::migrate) creates if it is missing: to keep the
    /// proofs apart from the application's tables, or the stores of two
    /// sites in one database.
    #[must_use]
    pub fn schema(mut self, name: &str) -> Self {
        name.clone_into(&mut self.schema);
        self
    }

    /// Connects to the database of `url`, a `postgresql://` URL or
    /// `key=value` pairs (`host=/run/postgresql dbname=site user=app`), as
    /// libpq reads them.
    ///
    /// One connection is opened at once, so that a wrong URL or an
    /// unreachable server is an error here rather than at the first
    /// visitor's choice.
    pub async fn connect(self, url: &str) -> Result<PgStore, ProofError> {
        let config: Config = url.parse().map_err(database)?;
        let store = PgStore {
            shared: Arc::new(Shared {
                sql: Sql::new(&self.schema),
                schema: self.schema,
                config,
                idle: Mutex::new(Vec::with_capacity(self.pool_size)),
                slots: Semaphore::new(self.pool_size),
                pool_size: self.pool_size,
            }),
        };
        let first = store.shared.open().await?;
        store.shared.idle().push(first);
        Ok(store)
    }
}

struct Shared {
    config: Config,
    schema: String,
    sql: Sql,
    /// Connections open and not in use; at most `pool_size`.
    idle: Mutex<Vec<Connection>>,
    /// One permit per connection the pool may have in use.
    slots: Semaphore,
    pool_size: usize,
}

/// One connection of the pool, with the store's statements once prepared
/// on it.
struct Connection {
    client: Client,
    statements: Option<Statements>,
}

/// A connection taken from the pool; it goes back when dropped, unless it
/// is closed.
struct Pooled<'a> {
    shared: &'a Shared,
    connection: Option<Connection>,
    _slot: SemaphorePermit<'a>,
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let Some(connection) = self.connection.take() {
            if !connection.client.is_closed() {
                self.shared.idle().push(connection);
            }
        }
    }
}

impl Pooled<'_> {
    fn client(&self) -> &Client {
        &self.connection().client
    }

    fn connection(&self) -> &Connection {
        self.connection
            .as_ref()
            .expect("a pooled connection until dropped")
    }

    /// The store's statements on this connection, prepared the first time.
    async fn statements(&mut self) -> Result<&Statements, ProofError> {
        let sql = &self.shared.sql;
        let connection = self
            .connection
            .as_mut()
            .expect("a pooled connection until dropped");
        if connection.statements.is_none() {
            connection.statements = Some(Statements::prepare(&connection.client, sql).await?);
        }
        Ok(connection.statements.as_ref().expect("just prepared"))
    }
}

impl Shared {
    fn idle(&self) -> std::sync::MutexGuard<'_, Vec<Connection>> {
        // The list is only pushed to and popped from: a panic elsewhere
        // cannot leave it half changed.
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }

    async fn open(&self) -> Result<Connection, ProofError> {
        let (client, connection) = self.config.connect(NoTls).await.map_err(|error| {
            ProofError::Database(Box::new(Unreachable {
                server: server_of(&self.config),
                error,
            }))
        })?;
        // The connection's messages are read and written by this task; it
        // ends when the client is dropped or the server goes away, and the
        // client then reads as closed.
        tokio::spawn(connection);
        // An acknowledged record must be durable: a role or server set to
        // `synchronous_commit = off` would answer before the commit is on
        // disk. `local`, `remote_write` and above keep their meaning.
        client
            .execute(
                "SELECT set_config('synchronous_commit', 'on', false) \
                 WHERE current_setting('synchronous_commit') = 'off'",
                &[],
            )
            .await
            .map_err(database)?;
        Ok(Connection {
            client,
            statements: None,
        })
    }

    /// A connection of the pool: an idle one that is still open, or a new
    /// one, once fewer than `pool_size` are in use.
    async fn get(&self) -> Result<Pooled<'_>, ProofError> {
        let slot = self.slots.acquire().await.map_err(|_| ProofError::Closed)?;
        let idle = loop {
            match self.idle().pop() {
                Some(connection) if connection.client.is_closed() => continue,
                other => break other,
            }
        };
        let connection = match idle {
            Some(connection) => connection,
            None => self.open().await?,
        };
        Ok(Pooled {
            shared: self,
            connection: Some(connection),
            _slot: slot,
        })
    }
}

impl fmt::Debug for PgStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Not the configuration: it may hold a password.
        f.debug_struct("PgStore")
            .field("schema", &self.shared.schema)
            .field("pool_size", &self.shared.pool_size)
            .finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to the database of `url` with a pool of 8 connections, the
    /// tables in schema `public`: see [`PgStoreOptions::connect`].
    pub async fn connect(url: &str) -> Result<PgStore, ProofError> {
        PgStoreOptions::default().connect(url).await
    }

    /// The options to connect a store with.
    pub fn options() -> PgStoreOptions {
        PgStoreOptions::default()
    }

    /// Creates the store's schema, tables and index if they are missing,
    /// and records the tables' version; call it when the application
    /// starts. Calling it again, from any number of servers at once,
    /// changes nothing.
    ///
    /// Fails, changing nothing, if the tables were made by a later version
    /// of this crate: an older one must not write to them.
    pub async fn migrate(&self) -> Result<(), ProofError> {
        let mut pooled = self.shared.get().await?;
        let connection = pooled
            .connection
            .as_mut()
            .expect("a pooled connection until dropped");
        let transaction = connection.client.transaction().await.map_err(database)?;
        transaction
            .execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await
            .map_err(database)?;
        transaction
            .batch_execute(&self.shared.sql.migration)
            .await
            .map_err(database)?;
        let version: i32 = transaction
            .query_one(&self.shared.sql.version, &[])
            .await
            .map_err(database)?
            .try_get(0)
            .map_err(database)?;
        if version > SCHEMA_VERSION {
            return Err(ProofError::Database(
                format!(
                    "the proof tables are of version {version}, made by a later cookie-decl; \
                     this one knows version {SCHEMA_VERSION}"
                )
                .into(),
            ));
        }
        transaction.commit().await.map_err(database)
    }
}

impl ProofStore for PgStore {
    async fn append(&self, record: &ConsentRecord) -> Result<(), ProofError> {
        let at = i64::try_from(record.at).map_err(|_| {
            ProofError::Database(format!("record {}: its time is out of range", record.id).into())
        })?;
        let names = |set: CategorySet| set.iter().map(crate::Category::as_str).collect::<Vec<_>>();
        let (granted, refused, withdrawn) = (
            names(record.granted),
            names(record.refused),
            names(record.withdrawn),
        );
        let mut pooled = self.shared.get().await?;
        let insert = pooled.statements().await?.insert.clone();
        let inserted = pooled
            .client()
            .execute(
                &insert,
                &[
                    &Id(record.id),
                    &at,
                    &&*record.site,
                    &hash(record.fingerprint),
                    &hash(record.charte_version),
                    &hash(record.banner_version),
                    &record.method.as_str(),
                    &record.gpc,
                    &record.is_withdrawal(),
                    &granted,
                    &refused,
                    &withdrawn,
                ],
            )
            .await
            .map_err(database)?;
        if inserted == 1 {
            return Ok(());
        }
        // The id is known: a retry of this record, or another record.
        let find = pooled.statements().await?.find.clone();
        let row = pooled
            .client()
            .query_opt(&find, &[&Id(record.id)])
            .await
            .map_err(database)?;
        match row.map(|row| record_of(&row)).transpose()? {
            Some(kept) if kept == *record => Ok(()),
            // Removed by `prune` between the two statements: the record is
            // older than the site keeps; taken as kept and pruned.
            None => Ok(()),
            Some(_) => Err(ProofError::Conflict(record.id)),
        }
    }

    async fn find(&self, id: RecordId) -> Result<Option<ConsentRecord>, ProofError> {
        let mut pooled = self.shared.get().await?;
        let find = pooled.statements().await?.find.clone();
        let row = pooled
            .client()
            .query_opt(&find, &[&Id(id)])
            .await
            .map_err(database)?;
        row.map(|row| record_of(&row)).transpose()
    }

    async fn list(
        &self,
        from: SystemTime,
        to: SystemTime,
    ) -> Result<Vec<ConsentRecord>, ProofError> {
        let (from, to) = (unix_seconds(from), unix_seconds(to));
        let mut pooled = self.shared.get().await?;
        let list = pooled.statements().await?.list.clone();
        let rows = pooled
            .client()
            .query(&list, &[&from, &to])
            .await
            .map_err(database)?;
        rows.iter().map(record_of).collect()
    }

    async fn prune(&self, before: SystemTime) -> Result<u64, ProofError> {
        let before = unix_seconds(before);
        let mut pooled = self.shared.get().await?;
        let prune = pooled.statements().await?.prune.clone();
        pooled
            .client()
            .execute(&prune, &[&before])
            .await
            .map_err(database)
    }

    async fn keep_texts(&self, texts: &[VersionText]) -> Result<(), ProofError> {
        let mut pooled = self.shared.get().await?;
        let keep = pooled.statements().await?.keep_text.clone();
        let connection = pooled
            .connection
            .as_mut()
            .expect("a pooled connection until dropped");
        // One transaction: the texts are kept in the order given, all or
        // none.
        let transaction = connection.client.transaction().await.map_err(database)?;
        for text in texts {
            transaction
                .execute(
                    &keep,
                    &[
                        &text.kind.as_str(),
                        &hash(text.version),
                        &lang_code(text.lang),
                        &text.text.as_bytes(),
                    ],
                )
                .await
                .map_err(database)?;
        }
        transaction.commit().await.map_err(database)
    }

    async fn texts(&self) -> Result<Vec<VersionText>, ProofError> {
        let mut pooled = self.shared.get().await?;
        let texts = pooled.statements().await?.texts.clone();
        let rows = pooled.client().query(&texts, &[]).await.map_err(database)?;
        rows.iter().map(text_of).collect()
    }
}

/// The SQL of the store, its tables named in its schema.
struct Sql {
    migration: String,
    version: String,
    insert: String,
    find: String,
    list: String,
    prune: String,
    keep_text: String,
    texts: String,
}

/// The columns a record is read from, in the order `record_of` reads
/// them.
const RECORD_COLUMNS: &str = "id, unix_time, site, declaration, charte_version, banner_version, \
                              method, global_privacy_control, withdrawal, granted, refused, \
                              withdrawn";

impl Sql {
    fn new(schema: &str) -> Sql {
        let schema = quote_identifier(schema);
        let records = format!("{schema}.cookie_decl_consent_records");
        let texts = format!("{schema}.cookie_decl_consent_texts");
        let version = format!("{schema}.cookie_decl_schema");
        // Every language's code, as a list of SQL strings.
        let langs = Lang::ALL
            .map(|lang| format!("'{}'", lang.code()))
            .join(", ");
        let migration = format!(
            "CREATE SCHEMA IF NOT EXISTS {schema};
             CREATE TABLE IF NOT EXISTS {records} (
                 id uuid PRIMARY KEY,
                 unix_time bigint NOT NULL CHECK (unix_time >= 0),
                 time timestamptz GENERATED ALWAYS AS (to_timestamp(unix_time)) STORED,
                 site text NOT NULL,
                 declaration bigint NOT NULL,
                 charte_version bigint NOT NULL,
                 banner_version bigint NOT NULL,
                 method text NOT NULL
                     CHECK (method IN ('accept_all', 'refuse_all', 'customised')),
                 global_privacy_control boolean NOT NULL,
                 withdrawal boolean NOT NULL,
                 granted text[] NOT NULL,
                 refused text[] NOT NULL,
                 withdrawn text[] NOT NULL,
                 CHECK (granted <@ '{{preferences,statistics,marketing}}'
                        AND refused <@ '{{preferences,statistics,marketing}}'
                        AND NOT (granted && refused)
                        AND withdrawn <@ refused
                        AND withdrawal = (cardinality(withdrawn) > 0))
             );
             CREATE INDEX IF NOT EXISTS cookie_decl_consent_records_time
                 ON {records} (unix_time, id);
             CREATE TABLE IF NOT EXISTS {texts} (
                 kind text NOT NULL CHECK (kind IN ('charte', 'banner', 'preferences')),
                 version bigint NOT NULL,
                 lang text NOT NULL,
                 text bytea NOT NULL,
                 position bigint GENERATED ALWAYS AS IDENTITY,
                 PRIMARY KEY (kind, version, lang)
             );
             -- The 24 official EU languages; a table made when only French
             -- and English were written had a narrower check of this name
             -- (`NOT VALID`: its rows, checked by it, pass this one).
             ALTER TABLE {texts}
                 DROP CONSTRAINT IF EXISTS cookie_decl_consent_texts_lang_check,
                 ADD CONSTRAINT cookie_decl_consent_texts_lang_check
                     CHECK (lang IN ({langs})) NOT VALID;
             CREATE TABLE IF NOT EXISTS {version} (version integer NOT NULL);
             INSERT INTO {version} (version)
                 SELECT {SCHEMA_VERSION} WHERE NOT EXISTS (SELECT 1 FROM {version});
             COMMENT ON TABLE {records} IS
                 'cookie-decl: the proof of each consent choice (ConsentRecord); \
                  the hashes are u64 bits as bigint, lpad(to_hex(x), 16, ''0'') gives their hex';
             COMMENT ON TABLE {texts} IS
                 'cookie-decl: the charte and banner texts the records'' version hashes stand for';"
        );
        Sql {
            migration,
            version: format!("SELECT max(version) FROM {version}"),
            insert: format!(
                "INSERT INTO {records} ({RECORD_COLUMNS}) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
                 ON CONFLICT (id) DO NOTHING"
            ),
            find: format!("SELECT {RECORD_COLUMNS} FROM {records} WHERE id = $1"),
            list: format!(
                "SELECT {RECORD_COLUMNS} FROM {records} \
                 WHERE unix_time >= $1 AND unix_time < $2 ORDER BY unix_time, id"
            ),
            prune: format!("DELETE FROM {records} WHERE unix_time < $1"),
            keep_text: format!(
                "INSERT INTO {texts} (kind, version, lang, text) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (kind, version, lang) DO NOTHING"
            ),
            texts: format!("SELECT kind, version, lang, text FROM {texts} ORDER BY position"),
        }
    }
}

/// The store's statements, prepared on one connection.
struct Statements {
    insert: Statement,
    find: Statement,
    list: Statement,
    prune: Statement,
    keep_text: Statement,
    texts: Statement,
}

impl Statements {
    async fn prepare(client: &Client, sql: &Sql) -> Result<Statements, ProofError> {
        let prepare = |text: &str| {
            let text = text.to_owned();
            async move { client.prepare(&text).await.map_err(database) }
        };
        Ok(Statements {
            insert: prepare(&sql.insert).await?,
            find: prepare(&sql.find).await?,
            list: prepare(&sql.list).await?,
            prune: prepare(&sql.prune).await?,
            keep_text: prepare(&sql.keep_text).await?,
            texts: prepare(&sql.texts).await?,
        })
    }
}

/// `"name"`, with any `"` doubled: a schema name as SQL reads it.
fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn database(error: impl Into<Box<dyn StdError + Send + Sync>>) -> ProofError {
    ProofError::Database(error.into())
}

/// A connection that could not be opened, and where it was looked for:
/// tokio-postgres's own text ("error connecting to server: No such file
/// or directory") names neither the socket nor the host.
#[derive(Debug)]
struct Unreachable {
    server: String,
    error: tokio_postgres::Error,
}

impl fmt::Display for Unreachable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot connect to {}", self.server)
    }
}

impl StdError for Unreachable {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.error)
    }
}

/// Where a configuration looks for its server: each Unix socket's path
/// (`/run/postgresql/.s.PGSQL.5432`) or `host:port`, as libpq pairs hosts
/// and ports; never the user or the password.
fn server_of(config: &Config) -> String {
    let ports = config.get_ports();
    let port_of = |at: usize| match ports {
        [] => 5432,
        [port] => *port,
        ports => ports.get(at).copied().unwrap_or(5432),
    };
    let mut places: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(at, host)| {
            // One port for every host, or one each; 5432 when none is set.
            let port = port_of(at);
            match host {
                tokio_postgres::config::Host::Tcp(name) if name.contains(':') => {
                    format!("[{name}]:{port}")
                }
                tokio_postgres::config::Host::Tcp(name) => format!("{name}:{port}"),
                #[cfg(unix)]
                tokio_postgres::config::Host::Unix(dir) => {
                    format!(
                        "the socket {}",
                        dir.join(format!(".s.PGSQL.{port}")).display()
                    )
                }
            }
        })
        .collect();
    if places.is_empty() {
        places = (config.get_hostaddrs().iter().enumerate())
            .map(|(at, address)| std::net::SocketAddr::new(*address, port_of(at)).to_string())
            .collect();
    }
    match places.as_slice() {
        [] => "the server (no host set)".to_owned(),
        [one] => one.clone(),
        many => format!("any of {}", many.join(", ")),
    }
}

/// The text of a server's error, `FATAL 57P03: the database system is
/// starting up (detail: ...; hint: ...)`, when `error` is one; tokio-
/// postgres's own `Display` of it is "db error".
pub(super) fn describe(error: &(dyn StdError + 'static)) -> Option<String> {
    let db = error.downcast_ref::<tokio_postgres::error::DbError>()?;
    let mut text = format!("{} {}: {}", db.severity(), db.code().code(), db.message());
    let notes: Vec<String> = [("detail", db.detail()), ("hint", db.hint())]
        .into_iter()
        .filter_map(|(name, note)| note.map(|note| format!("{name}: {note}")))
        .collect();
    if !notes.is_empty() {
        text.push_str(&format!(" ({})", notes.join("; ")));
    }
    Some(text)
}

/// A hash's 64 bits as PostgreSQL's `bigint`: lossless both ways.
fn hash(value: u64) -> i64 {
    value as i64
}

fn unix_seconds(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |elapsed| {
        i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
    })
}

/// A [`RecordId`] as a PostgreSQL `uuid`: the same 16 bytes.
#[derive(Debug)]
struct Id(RecordId);

impl ToSql for Id {
    fn to_sql(
        &self,
        _: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn StdError + Sync + Send>> {
        out.extend_from_slice(self.0.as_bytes());
        Ok(IsNull::No)
    }

    accepts!(UUID);
    to_sql_checked!();
}

impl<'a> FromSql<'a> for Id {
    fn from_sql(_: &Type, raw: &'a [u8]) -> Result<Id, Box<dyn StdError + Sync + Send>> {
        let bytes: [u8; 16] = raw.try_into()?;
        Ok(Id(RecordId::from_bytes(bytes)))
    }

    accepts!(UUID);
}

/// The record a row holds, checked as [`ConsentRecord::from_json`] checks
/// a line: a row that is not a record is an error, never a record.
fn record_of(row: &Row) -> Result<ConsentRecord, ProofError> {
    let Id(id) = row.try_get(0).map_err(database)?;
    let not_a_record =
        || ProofError::Database(format!("the row of id {id} is not a consent record").into());
    let set = |index: usize| -> Result<CategorySet, ProofError> {
        let names: Vec<&str> = row.try_get(index).map_err(database)?;
        let mut set = CategorySet::NONE;
        for name in names {
            let category = CategorySet::CHOOSABLE
                .into_iter()
                .find(|category| category.as_str() == name)
                .filter(|&category| !set.contains(category))
                .ok_or_else(not_a_record)?;
            set = set.with(category);
        }
        Ok(set)
    };
    let at: i64 = row.try_get(1).map_err(database)?;
    let site: String = row.try_get(2).map_err(database)?;
    let [fingerprint, charte_version, banner_version] = [3, 4, 5].map(|index| {
        row.try_get::<_, i64>(index)
            .map(|bits| bits as u64)
            .map_err(database)
    });
    let method: &str = row.try_get(6).map_err(database)?;
    let gpc: bool = row.try_get(7).map_err(database)?;
    let withdrawal: bool = row.try_get(8).map_err(database)?;
    let (granted, refused, withdrawn) = (set(9)?, set(10)?, set(11)?);
    let record = ConsentRecord {
        id,
        at: u64::try_from(at).map_err(|_| not_a_record())?,
        site: Cow::Owned(site),
        fingerprint: fingerprint?,
        charte_version: charte_version?,
        banner_version: banner_version?,
        method: [
            ChoiceMethod::AcceptAll,
            ChoiceMethod::RefuseAll,
            ChoiceMethod::Customised,
        ]
        .into_iter()
        .find(|known| known.as_str() == method)
        .ok_or_else(not_a_record)?,
        gpc,
        granted,
        refused,
        withdrawn,
    };
    let consistent = granted.intersection(refused).is_empty()
        && withdrawn.difference(refused).is_empty()
        && withdrawal == record.is_withdrawal();
    consistent.then_some(record).ok_or_else(not_a_record)
}

fn text_of(row: &Row) -> Result<VersionText, ProofError> {
    let kind: &str = row.try_get(0).map_err(database)?;
    let version: i64 = row.try_get(1).map_err(database)?;
    let lang: &str = row.try_get(2).map_err(database)?;
    let text: Vec<u8> = row.try_get(3).map_err(database)?;
    let not_a_text = || {
        ProofError::Database(
            format!("the text row ({kind}, {version}, {lang}) is not a text").into(),
        )
    };
    Ok(VersionText {
        kind: TextKind::from_name(kind).ok_or_else(not_a_text)?,
        version: version as u64,
        lang: Lang::from_code(lang)
            .filter(|known| known.code() == lang)
            .ok_or_else(not_a_text)?,
        text: Cow::Owned(String::from_utf8(text).map_err(|_| not_a_text())?),
    })
}

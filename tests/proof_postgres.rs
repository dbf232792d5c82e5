//! `PgStore`, the PostgreSQL proof store, against a real server: what is
//! acknowledged is found again by a new pool, a retry keeps one row,
//! another record under a known id is refused, and many tasks appending
//! at once lose nothing.
//!
//! The server is the one `COOKIE_DECL_TEST_DATABASE_URL` names (a
//! `postgresql://` URL or `host=/tmp/dir port=5433 user=postgres`;
//! `.ci/run` starts a throwaway cluster and sets it). Without it, or when
//! the server cannot be reached, each test says so and passes, unless `CI`
//! is set: then it fails. Each test works in a schema of its own, dropped
//! at its end, so that the tests run in parallel and again.

use std::io::Write as _;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cookie_decl::consent::proof::{self, PgStore, ProofError, ProofStore, Retrying, VersionText};
use cookie_decl::consent::{CategorySet, ConsentCookie, ConsentRecord, NotAsked, RecordId};
use cookie_decl::{Category, declare_cookies};

declare_cookies! {
    pub struct Site { site: "https://data.example.fr" }
    necessary {
        consent { provider: "Example", service: "Choix", purpose: "Se souvenir du choix.",
                  max_age: 6 months, stores_consent: true }
    }
    statistics {
        visits { provider: "Example", service: "Audience", purpose: "Compter les visites.",
                 max_age: 13 months }
    }
    marketing {
        ads { provider: "Régie", service: "Publicité", purpose: "Montrer des annonces.",
              max_age: 13 months }
    }
}

const URL_VAR: &str = "COOKIE_DECL_TEST_DATABASE_URL";

/// A schema of the test's own on the test server, dropped when the test
/// ends.
struct Schema {
    url: String,
    name: String,
}

impl Schema {
    /// The server's URL and a fresh schema, or `None` (the test is
    /// skipped) when no server is configured or reachable outside CI.
    async fn new(test: &str) -> Option<Schema> {
        let Ok(url) = std::env::var(URL_VAR) else {
            return skip(test, &format!("{URL_VAR} is not set"));
        };
        if let Err(error) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await {
            return skip(
                test,
                &format!("{URL_VAR} ({url}) cannot be reached: {error}"),
            );
        }
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let name = format!("cookie_decl_test_{test}_{}_{nanos}", std::process::id());
        Some(Schema { url, name })
    }

    /// A store in this schema, its tables made.
    async fn store(&self, pool_size: usize) -> PgStore {
        let store = PgStore::options()
            .pool_size(pool_size)
            .schema(&self.name)
            .connect(&self.url)
            .await
            .unwrap();
        store.migrate().await.unwrap();
        store
    }

    /// A plain client of the server, to look at the tables as they are.
    async fn client(&self) -> tokio_postgres::Client {
        let (client, connection) = tokio_postgres::connect(&self.url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(connection);
        client
    }

    async fn rows(&self) -> i64 {
        let sql = format!(
            "SELECT count(*) FROM \"{}\".cookie_decl_consent_records",
            self.name
        );
        self.client()
            .await
            .query_one(&sql, &[])
            .await
            .unwrap()
            .get(0)
    }

    async fn drop(self) {
        let sql = format!("DROP SCHEMA \"{}\" CASCADE", self.name);
        self.client().await.batch_execute(&sql).await.unwrap();
    }
}

fn skip<T>(test: &str, why: &str) -> Option<T> {
    if std::env::var_os("CI").is_some() {
        panic!("{why}: CI is set, so the PostgreSQL tests must run (see .ci/run)");
    }
    // Straight to the standard error, which the test harness does not
    // capture: a skipped test says so even when it passes.
    let _ = writeln!(std::io::stderr(), "proof_postgres::{test} skipped: {why}");
    None
}

/// Runs a test's body on a tokio runtime, as a site's handlers run.
fn run<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

fn record(granted: CategorySet) -> ConsentRecord {
    ConsentCookie::<Site>::unsigned()
        .record("", granted)
        .record()
        .clone()
}

fn record_at(at: SystemTime, id: RecordId, granted: CategorySet) -> ConsentRecord {
    ConsentCookie::<Site>::unsigned()
        .record_at("", granted, at, id)
        .record()
        .clone()
}

fn day(n: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_764_028_800 + n * 86_400)
}

#[test]
fn records_round_trip_and_are_pruned_by_time() {
    run(async {
        let Some(schema) = Schema::new("round_trip").await else {
            return;
        };
        let store = schema.store(4).await;
        let yes = record_at(day(0), RecordId::random(), CategorySet::ALL);
        let no = record_at(day(1), RecordId::random(), CategorySet::NONE);
        let some = record_at(
            day(2),
            RecordId::random(),
            CategorySet::from(Category::Statistics),
        );
        // Two records of one second, listed by id.
        let twin = record_at(day(2), RecordId::from_bytes([0; 16]), CategorySet::ALL);
        for record in [&some, &yes, &twin, &no] {
            store.append(record).await.unwrap();
        }
        assert_eq!(store.find(yes.id()).await.unwrap().as_ref(), Some(&yes));
        assert_eq!(store.find(some.id()).await.unwrap().as_ref(), Some(&some));
        assert_eq!(store.find(RecordId::random()).await.unwrap(), None);
        let all = store.list(UNIX_EPOCH, day(3)).await.unwrap();
        assert_eq!(all, [yes.clone(), no.clone(), twin.clone(), some.clone()]);
        assert_eq!(
            store.list(day(1), day(2)).await.unwrap(),
            std::slice::from_ref(&no)
        );

        assert_eq!(store.prune(day(1)).await.unwrap(), 1);
        assert_eq!(store.find(yes.id()).await.unwrap(), None);
        assert_eq!(store.prune(day(1)).await.unwrap(), 0);
        let kept = store.list(UNIX_EPOCH, day(3)).await.unwrap();
        assert_eq!(kept, [no, twin, some]);
        drop(store);
        schema.drop().await;
    });
}

#[test]
fn a_retry_keeps_one_row() {
    run(async {
        let Some(schema) = Schema::new("retry").await else {
            return;
        };
        let store = schema.store(2).await;
        let choice = record(CategorySet::ALL);
        store.append(&choice).await.unwrap();
        store.append(&choice).await.unwrap();
        store.append(&choice.clone()).await.unwrap();
        assert_eq!(schema.rows().await, 1);
        let listed = store
            .list(UNIX_EPOCH, SystemTime::now() + Duration::from_secs(1))
            .await
            .unwrap();
        assert_eq!(listed, [choice]);
        drop(store);
        schema.drop().await;
    });
}

#[test]
fn another_record_under_a_known_id_is_a_conflict() {
    run(async {
        let Some(schema) = Schema::new("conflict").await else {
            return;
        };
        let store = schema.store(2).await;
        let id = RecordId::random();
        let yes = record_at(day(0), id, CategorySet::ALL);
        let no = record_at(day(0), id, CategorySet::NONE);
        let later = record_at(day(1), id, CategorySet::ALL);
        store.append(&yes).await.unwrap();
        for other in [&no, &later] {
            match store.append(other).await {
                Err(ProofError::Conflict(conflict)) => assert_eq!(conflict, id),
                answer => panic!("expected a conflict, got {answer:?}"),
            }
        }
        assert_eq!(store.find(id).await.unwrap(), Some(yes));
        assert_eq!(schema.rows().await, 1);
        drop(store);
        schema.drop().await;
    });
}

#[test]
fn many_tasks_appending_at_once_lose_nothing() {
    run(async {
        let Some(schema) = Schema::new("concurrent").await else {
            return;
        };
        // Fewer connections than tasks: tasks wait for one.
        let store = schema.store(4).await;
        let records: Vec<ConsentRecord> = (0..400_u32)
            .map(|n| {
                record(if n.is_multiple_of(2) {
                    CategorySet::ALL
                } else {
                    CategorySet::NONE
                })
            })
            .collect();
        let tasks: Vec<_> = records
            .chunks(10)
            .map(|chunk| {
                let (store, chunk) = (store.clone(), chunk.to_vec());
                tokio::spawn(async move {
                    for record in &chunk {
                        store.append(record).await.unwrap();
                        // Half of them retried, as after a lost answer.
                        if record.granted() == CategorySet::ALL {
                            store.append(record).await.unwrap();
                        }
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(schema.rows().await, 400);
        for record in &records {
            assert_eq!(
                store.find(record.id()).await.unwrap().as_ref(),
                Some(record)
            );
        }
        drop(store);
        schema.drop().await;
    });
}

#[test]
fn texts_are_kept_once_in_the_order_first_kept() {
    run(async {
        let Some(schema) = Schema::new("texts").await else {
            return;
        };
        let store = schema.store(2).await;
        let texts = VersionText::of::<Site>();
        assert_eq!(texts.len(), 6);
        store.keep_texts(&texts[3..]).await.unwrap();
        store.keep_texts(&texts).await.unwrap();
        store.keep_texts(&texts).await.unwrap();
        let kept = store.texts().await.unwrap();
        let mut expected = texts[3..].to_vec();
        expected.extend_from_slice(&texts[..3]);
        assert_eq!(kept, expected);

        // What an auditor gets: the texts, then the records.
        let choice = record(CategorySet::ALL);
        store.append(&choice).await.unwrap();
        let mut out = Vec::new();
        let count = proof::export(
            &store,
            UNIX_EPOCH,
            SystemTime::now() + Duration::from_secs(1),
            &mut out,
        )
        .await
        .unwrap();
        assert_eq!(count, 1);
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 7);
        assert_eq!(
            VersionText::from_json(lines[0]).as_ref(),
            Some(&expected[0])
        );
        assert_eq!(ConsentRecord::from_json(lines[6]), Some(choice));
        drop(store);
        schema.drop().await;
    });
}

#[test]
fn binding_counts_only_a_choice_the_store_holds() {
    run(async {
        let Some(schema) = Schema::new("bind").await else {
            return;
        };
        let store = schema.store(2).await;
        let cookies = ConsentCookie::<Site>::unsigned();
        let kept = cookies.record("", CategorySet::ALL);
        store.append(kept.record()).await.unwrap();
        let lost = cookies.record("", CategorySet::ALL);
        let header = |recorded: &cookie_decl::consent::Recorded<Site>| {
            recorded.set_cookies()[0].stripped().to_string()
        };
        let proven = proof::bind(cookies.read(header(&kept).as_str()), &store)
            .await
            .unwrap();
        assert!(proven.allows(Category::Marketing));
        let unproven = proof::bind(cookies.read(header(&lost).as_str()), &store)
            .await
            .unwrap();
        assert_eq!(unproven.not_asked_reason(), Some(NotAsked::Unproven));
        assert!(!unproven.allows(Category::Marketing));
        let not_asked = proof::bind(cookies.read(""), &store).await.unwrap();
        assert_eq!(not_asked.not_asked_reason(), Some(NotAsked::NoChoice));
        drop(store);
        schema.drop().await;
    });
}

#[test]
fn an_acknowledged_record_is_found_by_a_new_pool() {
    run(async {
        let Some(schema) = Schema::new("durable").await else {
            return;
        };
        let first = schema.store(2).await;
        let choice = record(CategorySet::from(Category::Statistics));
        first.append(&choice).await.unwrap();
        first.keep_texts(&VersionText::of::<Site>()).await.unwrap();
        drop(first);

        let second = schema.store(1).await;
        assert_eq!(second.find(choice.id()).await.unwrap(), Some(choice));
        assert_eq!(second.texts().await.unwrap(), VersionText::of::<Site>());
        drop(second);
        schema.drop().await;
    });
}

#[test]
fn migrating_again_changes_nothing() {
    run(async {
        let Some(schema) = Schema::new("migrate").await else {
            return;
        };
        let store = schema.store(4).await;
        let choice = record(CategorySet::NONE);
        store.append(&choice).await.unwrap();
        // Servers starting at once, each migrating.
        let migrations: Vec<_> = (0..4)
            .map(|_| {
                let store = store.clone();
                tokio::spawn(async move { store.migrate().await })
            })
            .collect();
        for migration in migrations {
            migration.await.unwrap().unwrap();
        }
        assert_eq!(store.find(choice.id()).await.unwrap(), Some(choice));

        // Tables of a later version are not written by this one.
        let sql = format!(
            "UPDATE \"{}\".cookie_decl_schema SET version = 2",
            schema.name
        );
        schema.client().await.batch_execute(&sql).await.unwrap();
        let refused = store.migrate().await.unwrap_err();
        assert!(refused.to_string().contains("version 2"), "{refused}");
        drop(store);
        schema.drop().await;
    });
}

#[test]
fn a_row_edited_into_something_else_is_not_read_as_a_record() {
    run(async {
        let Some(schema) = Schema::new("edited").await else {
            return;
        };
        let store = schema.store(1).await;
        let choice = record(CategorySet::ALL);
        store.append(&choice).await.unwrap();
        let client = schema.client().await;
        // The table itself refuses a category both granted and refused.
        let table = format!("\"{}\".cookie_decl_consent_records", schema.name);
        let refused = client
            .batch_execute(&format!("UPDATE {table} SET refused = '{{marketing}}'"))
            .await;
        assert!(refused.is_err());
        // A category twice passes the table's checks, not the reader's.
        client
            .batch_execute(&format!(
                "UPDATE {table} SET granted = '{{statistics,statistics}}'"
            ))
            .await
            .unwrap();
        match store.find(choice.id()).await {
            Err(ProofError::Database(error)) => {
                assert!(
                    error.to_string().contains("not a consent record"),
                    "{error}"
                )
            }
            answer => panic!("expected an error, got {answer:?}"),
        }
        drop(store);
        schema.drop().await;
    });
}

/// The server's own message and SQLSTATE code are in the error's text,
/// not "db error": here a table dropped under the store (42P01), and a
/// database that does not exist (3D000), with the socket or host it was
/// looked for at.
#[test]
fn a_database_error_keeps_its_cause() {
    run(async {
        let Some(schema) = Schema::new("cause").await else {
            return;
        };
        let store = schema.store(1).await;
        let table = format!("\"{}\".cookie_decl_consent_records", schema.name);
        schema
            .client()
            .await
            .batch_execute(&format!("DROP TABLE {table}"))
            .await
            .unwrap();
        let error = store.append(&record(CategorySet::ALL)).await.unwrap_err();
        assert!(matches!(error, ProofError::Database(_)), "{error:?}");
        let text = error.to_string();
        assert!(text.contains("ERROR 42P01"), "{text}");
        assert!(text.contains("does not exist"), "{text}");
        assert!(!text.contains('\n'), "one line: {text}");
        drop(store);

        let config: tokio_postgres::Config = schema.url.parse().unwrap();
        let missing = format!("{} dbname=cookie_decl_no_such_database", schema.url);
        let error = PgStore::connect(&missing).await.unwrap_err().to_string();
        assert!(error.contains("FATAL 3D000"), "{error}");
        assert!(error.contains("cookie_decl_no_such_database"), "{error}");
        assert!(error.contains("cannot connect to"), "{error}");
        for host in config.get_hosts() {
            let place = match host {
                tokio_postgres::config::Host::Tcp(name) => name.clone(),
                tokio_postgres::config::Host::Unix(dir) => dir.display().to_string(),
            };
            assert!(error.contains(&place), "{error}");
        }
        schema.drop().await;
    });
}

/// A socket directory that does not exist: the error names the socket's
/// path, not just "error connecting to server". No server needed.
#[test]
fn connecting_to_a_missing_socket_names_its_path() {
    run(async {
        let dir =
            std::env::temp_dir().join(format!("cookie-decl-no-socket-{}", std::process::id()));
        let url = format!("host={} port=5433 user=postgres dbname=site", dir.display());
        let error = PgStore::connect(&url).await.unwrap_err();
        let text = error.to_string();
        let socket = dir.join(".s.PGSQL.5433");
        assert!(text.contains(&*socket.to_string_lossy()), "{text}");
        assert!(text.contains("No such file or directory"), "{text}");
        assert!(text.contains("error connecting to server"), "{text}");
        assert!(!text.contains("dbname") && !text.contains("user"), "{text}");
        // Said once, though the chain holds it at two levels.
        assert_eq!(
            text.matches("No such file or directory").count(),
            1,
            "{text}"
        );
    });
}

/// The store gone (its table dropped: every insert fails, as while the
/// server restarts), then back: the backlog waits, the first append after
/// writes its own record and four of the backlog, `drain` the rest, and
/// every record is in the table.
#[test]
fn an_append_after_an_outage_drains_a_bounded_backlog() {
    run(async {
        let Some(schema) = Schema::new("outage").await else {
            return;
        };
        let store = Retrying::new(schema.store(2).await);
        let table = format!("\"{}\".cookie_decl_consent_records", schema.name);
        let client = schema.client().await;
        client
            .batch_execute(&format!("DROP TABLE {table}"))
            .await
            .unwrap();
        let waiting: Vec<ConsentRecord> = (0..20).map(|_| record(CategorySet::NONE)).collect();
        for record in &waiting {
            let error = store.append(record).await.unwrap_err();
            assert!(error.to_string().contains("42P01"), "{error}");
        }
        assert_eq!(store.backlog_len(), 20);
        assert_eq!(store.oldest_pending(), Some(waiting[0].time()));

        store.store().migrate().await.unwrap();
        let visitor = record(CategorySet::ALL);
        store.append(&visitor).await.unwrap();
        assert_eq!(schema.rows().await, 5);
        assert_eq!(store.backlog_len(), 16);
        assert_eq!(store.oldest_pending(), Some(waiting[4].time()));
        assert_eq!(store.drain(usize::MAX).await.unwrap(), 16);
        assert_eq!(store.backlog_len(), 0);
        assert_eq!(schema.rows().await, 21);
        for record in waiting.iter().chain([&visitor]) {
            assert_eq!(
                store.find(record.id()).await.unwrap().as_ref(),
                Some(record)
            );
        }
        drop(store);
        schema.drop().await;
    });
}

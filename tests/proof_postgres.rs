//! `PgStore`, the PostgreSQL proof store, against a real server: what
//! every proof store promises (`support/proof_store.rs`, which
//! `proof_file.rs` runs against `FileStore`), with the rows it leaves;
//! then its own: another record under a known id is refused, the tables
//! migrated again and again, a row edited by hand never read as a record,
//! errors that keep their cause, and `Retrying` through an outage.
//!
//! The server is the one `COOKIE_DECL_TEST_DATABASE_URL` names (a
//! `postgresql://` URL or `host=/tmp/dir port=5433 user=postgres`;
//! `.ci/run` starts a throwaway cluster and sets it). Without it, or when
//! the server cannot be reached, each test says so and passes, unless `CI`
//! is set: then it fails. Each test works in a schema of its own, dropped
//! at its end, so that the tests run in parallel and again.

#[path = "support/proof_store.rs"]
mod proof_store;

use std::io::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use cookie_decl::Lang;
use cookie_decl::consent::proof::{PgStore, ProofError, ProofStore, Retrying, VersionText};
use cookie_decl::consent::{CategorySet, ConsentRecord, RecordId};

use proof_store::{day, record, record_at, run};

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

/// Runs `body` with a store of `pool_size` connections in a schema of its
/// own, dropped after; skipped when no server is configured or reachable
/// outside CI.
fn with_store(test: &str, pool_size: usize, body: impl AsyncFnOnce(&Schema, PgStore)) {
    run(async {
        let Some(schema) = Schema::new(test).await else {
            return;
        };
        let store = schema.store(pool_size).await;
        body(&schema, store).await;
        schema.drop().await;
    });
}

#[test]
fn records_round_trip_and_are_pruned_by_time() {
    with_store("round_trip", 4, async |_, store| {
        proof_store::records_round_trip(&store).await;
    });
    with_store("prune", 4, async |_, store| {
        let records = proof_store::records_are_listed_by_period(&store).await;
        proof_store::records_are_pruned_by_time(&store, &records).await;
    });
}

#[test]
fn a_retry_keeps_one_row() {
    with_store("retry", 2, async |schema, store| {
        proof_store::a_retry_keeps_one_record(&store).await;
        assert_eq!(schema.rows().await, 1);
    });
}

#[test]
fn ids_made_by_the_application_are_found() {
    with_store("own_ids", 2, async |_, store| {
        proof_store::ids_made_by_the_application_are_found(&store).await;
    });
}

#[test]
fn another_record_under_a_known_id_is_a_conflict() {
    with_store("conflict", 2, async |schema, store| {
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
    });
}

#[test]
fn many_tasks_appending_at_once_lose_nothing() {
    // Fewer connections than tasks: tasks wait for one.
    with_store("concurrent", 4, async |schema, store| {
        proof_store::many_tasks_appending_at_once_lose_nothing(&store, 400).await;
        assert_eq!(schema.rows().await, 400);
    });
}

#[test]
fn texts_are_kept_once_in_the_order_first_kept() {
    with_store("texts", 2, async |_, store| {
        proof_store::texts_are_kept_once_in_the_order_first_kept(&store).await;
        proof_store::an_export_holds_the_texts_then_the_records(&store).await;
    });
}

#[test]
fn binding_counts_only_a_choice_the_store_holds() {
    with_store("bind", 2, async |_, store| {
        proof_store::binding_counts_only_a_choice_the_store_holds(&store).await;
    });
}

#[test]
fn a_binding_remembers_proofs_never_their_absence() {
    with_store("binding", 2, async |_, store| {
        proof_store::a_binding_remembers_proofs_never_their_absence(store).await;
    });
}

#[test]
fn an_acknowledged_record_is_found_by_a_new_pool() {
    with_store("durable", 2, async |schema, store| {
        let reopen = async || schema.store(1).await;
        proof_store::an_acknowledged_record_is_found_again(store, reopen).await;
    });
}

#[test]
fn migrating_again_changes_nothing() {
    with_store("migrate", 4, async |schema, store| {
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
    });
}

#[test]
fn a_row_edited_into_something_else_is_not_read_as_a_record() {
    with_store("edited", 1, async |schema, store| {
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
    });
}

/// The server's own message and SQLSTATE code are in the error's text,
/// not "db error": here a table dropped under the store (42P01), and a
/// database that does not exist (3D000), with the socket or host it was
/// looked for at.
#[test]
fn a_database_error_keeps_its_cause() {
    with_store("cause", 1, async |schema, store| {
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
    with_store("outage", 2, async |schema, store| {
        let store = Retrying::new(store);
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
    });
}

cookie_decl::declare_cookies! {
    /// A site published in German and French.
    pub struct Deutsch {
        site: "https://shop.example.de",
        languages: [de, fr],
    }
    necessary {
        consent {
            provider: "Shop", service: "Einwilligung",
            purpose: { de: "Speichert Ihre Wahl.", fr: "Garde votre choix." },
            max_age: 6 months, stores_consent: true,
        }
    }
}

/// Tables made when only French and English were written checked each
/// text's language against those two: migrating them again lets every
/// language in, the texts already kept untouched.
#[test]
fn a_table_made_for_french_and_english_takes_every_language_once_migrated() {
    with_store("langs", 1, async |schema, store| {
        let french: Vec<_> = VersionText::of::<Deutsch>()
            .into_iter()
            .filter(|text| text.lang() == Lang::Fr)
            .collect();
        store.keep_texts(&french).await.unwrap();
        // The check the tables of the first version carried.
        let sql = format!(
            "ALTER TABLE \"{}\".cookie_decl_consent_texts
                 DROP CONSTRAINT cookie_decl_consent_texts_lang_check,
                 ADD CONSTRAINT cookie_decl_consent_texts_lang_check
                     CHECK (lang IN ('fr', 'en'))",
            schema.name
        );
        schema.client().await.batch_execute(&sql).await.unwrap();
        let all = VersionText::of::<Deutsch>();
        let refused = store.keep_texts(&all).await.unwrap_err();
        assert!(refused.to_string().contains("check"), "{refused}");

        store.migrate().await.unwrap();
        store.keep_texts(&all).await.unwrap();
        let kept = store.texts().await.unwrap();
        assert_eq!(kept.len(), all.len());
        assert_eq!(kept[..french.len()], french[..]);
        assert!(kept.iter().any(|text| text.lang() == Lang::De));
    });
}

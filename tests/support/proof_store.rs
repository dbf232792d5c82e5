//! What every `ProofStore` promises, each property written once here and
//! run by each store's own tests against its store: `proof_file.rs`
//! (`FileStore`) and `proof_postgres.rs` (`PgStore`). Each check starts
//! from a store that holds nothing.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cookie_decl::consent::proof::{self, ProofBinding, ProofStore, VersionText};
use cookie_decl::consent::{
    CategorySet, ChoiceMethod, ConsentCookie, ConsentRecord, ConsentRegistry, NotAsked, RecordId,
    Recorded,
};
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

/// Runs a test's body on a tokio runtime, as a site's handlers run.
pub fn run<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

/// A choice made now.
pub fn record(granted: CategorySet) -> ConsentRecord {
    ConsentCookie::<Site>::unsigned()
        .record("", granted)
        .record()
        .clone()
}

/// A choice of id `id` made at `at`.
pub fn record_at(at: SystemTime, id: RecordId, granted: CategorySet) -> ConsentRecord {
    ConsentCookie::<Site>::unsigned()
        .record_at("", granted, at, id)
        .record()
        .clone()
}

/// A UUID-version-7 id of time `millis`, its random part `n`.
pub fn id_at(millis: u64, n: u64) -> RecordId {
    let mut bytes = [0; 16];
    bytes[..6].copy_from_slice(&millis.to_be_bytes()[2..]);
    bytes[8..].copy_from_slice(&n.to_be_bytes());
    bytes[6] = 0x70;
    bytes[8] = 0x80 | (bytes[8] & 0x3f);
    RecordId::from_bytes(bytes)
}

/// Midnight (UTC) of the `n`th day after 2025-11-25.
pub fn day(n: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_764_028_800 + n * 86_400)
}

/// The milliseconds since 1970 of `at`.
fn millis(at: SystemTime) -> u64 {
    at.duration_since(UNIX_EPOCH).unwrap().as_millis() as u64
}

/// The end of a listing of everything appended so far.
fn later() -> SystemTime {
    SystemTime::now() + Duration::from_secs(1)
}

/// Every record appended is found by its id and listed, oldest first
/// (two of one second by id); an id never appended is not found.
pub async fn records_round_trip(store: &impl ProofStore) {
    // Ids of their time, as `RecordId::random` makes them; the twin's is
    // not, and sorts first.
    let id = |n| id_at(millis(day(n)), n);
    let yes = record_at(day(0), id(0), CategorySet::ALL);
    let no = record_at(day(1), id(1), CategorySet::NONE);
    let some = record_at(day(2), id(2), CategorySet::from(Category::Statistics));
    let twin = record_at(day(2), RecordId::from_bytes([0; 16]), CategorySet::ALL);
    for record in [&some, &yes, &twin, &no] {
        store.append(record).await.unwrap();
    }
    for record in [&yes, &no, &some, &twin] {
        assert_eq!(
            store.find(record.id()).await.unwrap().as_ref(),
            Some(record)
        );
    }
    assert_eq!(store.find(RecordId::random()).await.unwrap(), None);
    let all = store.list(UNIX_EPOCH, day(3)).await.unwrap();
    assert_eq!(all, [yes.clone(), no.clone(), twin, some.clone()]);
    assert_eq!(yes.method(), ChoiceMethod::AcceptAll);
    assert_eq!(no.method(), ChoiceMethod::RefuseAll);
    assert_eq!(some.method(), ChoiceMethod::Customised);
    assert_eq!(
        yes.banner_version(),
        <Site as ConsentRegistry>::BANNER_VERSION
    );
}

/// A record appended again (a retry after a lost answer) is kept once.
pub async fn a_retry_keeps_one_record(store: &impl ProofStore) -> ConsentRecord {
    let choice = record(CategorySet::ALL);
    store.append(&choice).await.unwrap();
    store.append(&choice).await.unwrap();
    store.append(&choice.clone()).await.unwrap();
    assert_eq!(
        store.list(UNIX_EPOCH, later()).await.unwrap(),
        std::slice::from_ref(&choice)
    );
    choice
}

/// A record on each of five days at 01:00, appended, and those of a
/// period listed: the second and third days'. Returns the five.
pub async fn records_are_listed_by_period(store: &impl ProofStore) -> Vec<ConsentRecord> {
    let records: Vec<ConsentRecord> = (0..5u64)
        .map(|n| {
            let at = day(n) + Duration::from_secs(3600);
            record_at(at, id_at(millis(at), n), CategorySet::ALL)
        })
        .collect();
    for record in &records {
        store.append(record).await.unwrap();
    }
    assert_eq!(store.list(day(1), day(3)).await.unwrap(), records[1..3]);
    assert_eq!(store.list(day(1), day(1)).await.unwrap(), []);
    records
}

/// Pruning before the third day, midnight, removes the first two days'
/// records (of `records_are_listed_by_period`), and says so; no later
/// one; and again, nothing.
pub async fn records_are_pruned_by_time(store: &impl ProofStore, records: &[ConsentRecord]) {
    assert_eq!(store.prune(day(2)).await.unwrap(), 2);
    assert_eq!(store.prune(day(2)).await.unwrap(), 0);
    for record in &records[..2] {
        assert_eq!(store.find(record.id()).await.unwrap(), None);
    }
    assert_eq!(
        store.find(records[2].id()).await.unwrap().as_ref(),
        Some(&records[2])
    );
    assert_eq!(store.list(UNIX_EPOCH, day(5)).await.unwrap(), records[2..]);
}

/// An id the application made itself (not a UUIDv7, so not in the
/// order of time) is found all the same.
pub async fn ids_made_by_the_application_are_found(store: &impl ProofStore) {
    let mine = record_at(
        SystemTime::now(),
        RecordId::from_bytes([9; 16]),
        CategorySet::NONE,
    );
    store.append(&record(CategorySet::ALL)).await.unwrap();
    store.append(&mine).await.unwrap();
    assert_eq!(store.find(mine.id()).await.unwrap(), Some(mine));
}

/// `count` choices made and appended by tasks at once, ten each, as
/// visitors make them; half of them appended twice, as after a lost
/// answer: each kept once, each found.
pub async fn many_tasks_appending_at_once_lose_nothing<S>(store: &S, count: usize)
where
    S: ProofStore + Clone + 'static,
{
    let tasks: Vec<_> = (0..count.div_ceil(10))
        .map(|task| {
            let store = store.clone();
            let choices = (task * 10..count.min(task * 10 + 10)).map(|n| {
                if n.is_multiple_of(2) {
                    CategorySet::ALL
                } else {
                    CategorySet::NONE
                }
            });
            tokio::spawn(async move {
                let mut kept = Vec::new();
                for granted in choices {
                    let choice = record(granted);
                    store.append(&choice).await.unwrap();
                    if granted == CategorySet::ALL {
                        store.append(&choice).await.unwrap();
                    }
                    kept.push(choice);
                }
                kept
            })
        })
        .collect();
    let mut records = Vec::new();
    for task in tasks {
        records.extend(task.await.unwrap());
    }
    assert_eq!(records.len(), count);
    let mut listed = store.list(UNIX_EPOCH, later()).await.unwrap();
    listed.sort_by_key(ConsentRecord::id);
    records.sort_by_key(ConsentRecord::id);
    assert_eq!(listed, records);
    for record in &records {
        assert_eq!(
            store.find(record.id()).await.unwrap().as_ref(),
            Some(record)
        );
    }
}

/// The texts version hashes stand for, kept again and again: each kept
/// once, in the order first kept. Returns them in that order.
pub async fn texts_are_kept_once_in_the_order_first_kept(
    store: &impl ProofStore,
) -> Vec<VersionText> {
    let texts = VersionText::of::<Site>();
    assert_eq!(texts.len(), 6);
    store.keep_texts(&texts[3..]).await.unwrap();
    store.keep_texts(&texts).await.unwrap();
    store.keep_texts(&texts).await.unwrap();
    let mut expected = texts[3..].to_vec();
    expected.extend_from_slice(&texts[..3]);
    assert_eq!(store.texts().await.unwrap(), expected);
    expected
}

/// What an auditor gets: every text kept, in its order, then the
/// records; the charte a record's version stands for among the texts.
pub async fn an_export_holds_the_texts_then_the_records(store: &impl ProofStore) {
    store.keep_texts(&VersionText::of::<Site>()).await.unwrap();
    let texts = store.texts().await.unwrap();
    let choice = record(CategorySet::ALL);
    store.append(&choice).await.unwrap();
    let mut out = Vec::new();
    let written = proof::export(store, UNIX_EPOCH, later(), &mut out)
        .await
        .unwrap();
    assert_eq!(written, 1);
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 7);
    for (line, text) in lines.iter().zip(&texts) {
        assert_eq!(VersionText::from_json(line).as_ref(), Some(text));
    }
    let charte = texts
        .iter()
        .find(|text| text.version() == choice.charte_version())
        .unwrap();
    assert!(charte.text().contains("Compter les visites."));
    assert_eq!(ConsentRecord::from_json(lines[6]), Some(choice));
}

/// The `Cookie` header a browser sends back after `recorded`.
fn header(recorded: &Recorded<Site>) -> String {
    recorded.set_cookies()[0].stripped().to_string()
}

/// `bind`: a choice counts only when the store holds its record; none
/// is still none.
pub async fn binding_counts_only_a_choice_the_store_holds(store: &impl ProofStore) {
    let cookies = ConsentCookie::<Site>::unsigned();
    let kept = cookies.record("", CategorySet::ALL);
    store.append(kept.record()).await.unwrap();
    let lost = cookies.record("", CategorySet::ALL);
    let proven = proof::bind(cookies.read(header(&kept).as_str()), store)
        .await
        .unwrap();
    assert!(proven.allows(Category::Marketing));
    let unproven = proof::bind(cookies.read(header(&lost).as_str()), store)
        .await
        .unwrap();
    assert_eq!(unproven.not_asked_reason(), Some(NotAsked::Unproven));
    assert!(!unproven.allows(Category::Marketing));
    let not_asked = proof::bind(cookies.read(""), store).await.unwrap();
    assert_eq!(not_asked.not_asked_reason(), Some(NotAsked::NoChoice));
}

/// `ProofBinding` over `store`: it remembers the choices it proved (up to
/// its capacity, then asks the store again), never that one was missing,
/// and a cookie claiming other categories under a proven id is unproven.
pub async fn a_binding_remembers_proofs_never_their_absence(store: impl ProofStore) {
    let binding = ProofBinding::with_capacity(store, 2);
    let cookies = ConsentCookie::<Site>::unsigned();
    let late = cookies.record("", CategorySet::ALL);
    // Not kept yet (a full disk): not proven.
    let consent = binding.bind(cookies.read(header(&late).as_str())).await;
    assert_eq!(
        consent.unwrap().not_asked_reason(),
        Some(NotAsked::Unproven)
    );
    // Kept later: proven from then on.
    binding.store().append(late.record()).await.unwrap();
    let consent = binding.bind(cookies.read(header(&late).as_str())).await;
    assert!(consent.unwrap().allows(Category::Marketing));
    // More proven choices than its capacity: it forgets, and proves again
    // from the store.
    for _ in 0..3 {
        let other = cookies.record("", CategorySet::NONE);
        binding.store().append(other.record()).await.unwrap();
        let bound = binding.bind(cookies.read(header(&other).as_str())).await;
        assert!(bound.unwrap().is_given());
    }
    let consent = binding.bind(cookies.read(header(&late).as_str())).await;
    assert!(consent.unwrap().allows(Category::Marketing));
    let forged = cookies.record_at("", CategorySet::NONE, SystemTime::now(), late.record().id());
    let consent = binding.bind(cookies.read(header(&forged).as_str())).await;
    assert_eq!(
        consent.unwrap().not_asked_reason(),
        Some(NotAsked::Unproven)
    );
}

/// A record and the texts acknowledged by `store` are found by the store
/// `reopen` opens on the same place once `store` is gone; which it
/// returns.
pub async fn an_acknowledged_record_is_found_again<S: ProofStore>(
    store: S,
    reopen: impl AsyncFnOnce() -> S,
) -> S {
    let choice = record(CategorySet::from(Category::Statistics));
    store.append(&choice).await.unwrap();
    store.keep_texts(&VersionText::of::<Site>()).await.unwrap();
    drop(store);
    let store = reopen().await;
    assert_eq!(store.find(choice.id()).await.unwrap(), Some(choice));
    assert_eq!(store.texts().await.unwrap(), VersionText::of::<Site>());
    store
}

//! Rotating the signed consent cookie's key, one test per step: a choice
//! sealed with a previous key counts, is sealed again with the current key
//! keeping its record id, time and end, and stops counting once the key
//! is dropped; a rollout across servers; what previous keys do not accept.
//!
//! Then the removals a refusal sends for the names an `extern` pattern
//! matches, bounded whatever the request carries.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cookie_decl::consent::proof::{self, FileStore};
use cookie_decl::consent::{
    CategorySet, Consent, ConsentCookie, ConsentError, ConsentRegistry, NotAsked, RecordId,
};
use cookie_decl::cookie::{Cookie, Key};
use cookie_decl::{Category, declare_cookies};

/// The site's registry, declared by a macro so that another site's
/// (`other::Other`) is the same word for word but for its `site`.
macro_rules! site_cookies {
    ($name:ident, $site:tt) => {
        declare_cookies! {
            pub struct $name { site: $site, consent_retention: 6 months }
            necessary {
                "__Host-consent" as CONSENT {
                    provider: "Example", service: "Consent", purpose: "Remember the choice.",
                    max_age: 6 months, stores_consent: true,
                }
            }
            statistics {
                visits {
                    provider: "Example", service: "Audience", purpose: "Count visits.",
                    max_age: 13 months,
                }
                extern "_ga_*" as GA {
                    provider: "Google", service: "Analytics", purpose: "Tell visitors apart.",
                    max_age: 13 months,
                }
            }
            marketing {
                ad {
                    provider: "Example", service: "Ads", purpose: "Measure campaigns.",
                    max_age: 3 months,
                }
            }
        }
    };
}

site_cookies!(Site, "https://data.example.fr");

/// Another site of the same company, which shares the key.
mod other {
    use cookie_decl::declare_cookies;

    site_cookies!(Other, "https://shop.example.fr");
}

const DAY: u64 = 24 * 60 * 60;
const ID: RecordId = RecordId::from_bytes([0x5a; 16]);

/// 2026-11-25T10:00:00Z.
fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_795_600_800)
}

fn days_ago(days: u64) -> SystemTime {
    now() - Duration::from_secs(days * DAY)
}

fn old_key() -> Key {
    Key::from(&[1; 64])
}

fn new_key() -> Key {
    Key::from(&[2; 64])
}

/// The store before the rotation: the old key alone.
fn before() -> ConsentCookie<Site> {
    ConsentCookie::signed(old_key())
}

/// The store after it: the new key current, the old one previous.
fn rotated() -> ConsentCookie<Site> {
    ConsentCookie::signed(new_key()).previous_keys([old_key()])
}

/// The store once the old key is dropped.
fn dropped() -> ConsentCookie<Site> {
    ConsentCookie::signed(new_key())
}

/// The `name=value` pair a browser sends back for `cookie`.
fn pair(cookie: &Cookie<'_>) -> String {
    cookie.stripped().to_string()
}

/// A yes to statistics, made `days` ago with the old key: the pair the
/// browser sends back.
fn old_choice(days: u64) -> String {
    let recorded = before().record_at(
        "",
        CategorySet::from(Category::Statistics),
        days_ago(days),
        ID,
    );
    pair(&recorded.set_cookies()[0])
}

#[test]
fn a_choice_sealed_with_a_previous_key_still_counts() {
    let choice = old_choice(10);
    let consent = rotated().read_at(choice.as_str(), now());
    assert!(consent.is_given(), "{consent:?}");
    assert!(!consent.needs_asking());
    assert!(consent.allows(Category::Statistics));
    assert!(!consent.allows(Category::Marketing));
    assert!(consent.cookie(Site::VISITS, "1").is_some());
    // Exactly what the old key's own store reads.
    let read_before = before().read_at(choice.as_str(), now());
    assert_eq!(consent.granted(), read_before.granted());
    assert_eq!(consent.given_at(), read_before.given_at());
    assert_eq!(consent.record_id(), read_before.record_id());
    // The value is still valid as it is.
    assert_eq!(
        rotated().decode(&choice["__Host-consent=".len()..]),
        before().decode(&choice["__Host-consent=".len()..])
    );
}

#[test]
fn a_choice_sealed_with_a_previous_key_is_resealed_with_the_current_key() {
    let choice = old_choice(10);
    let consent = rotated().read_at(choice.as_str(), now());
    assert!(consent.needs_resealing());
    let resealed = rotated()
        .resealed_at(&consent, now())
        .expect("a choice sealed with a previous key is resealed");
    assert_eq!(resealed.name(), "__Host-consent");
    let again = pair(&resealed);
    assert_ne!(again, choice);
    // The current key alone reads it, and it needs nothing more.
    let read = dropped().read_at(again.as_str(), now());
    assert!(read.is_given());
    assert!(!read.needs_resealing());
    assert_eq!(rotated().read_at(again.as_str(), now()), read);
    // Not the old key's seal.
    assert_eq!(
        before().read_at(again.as_str(), now()).not_asked_reason(),
        Some(NotAsked::Invalid(ConsentError::Signature))
    );
}

#[test]
fn a_resealed_choice_keeps_its_record_id_and_time() {
    let recorded = before().record_at(
        "",
        CategorySet::from(Category::Statistics),
        days_ago(10),
        ID,
    );
    let consent = rotated().read_at(pair(&recorded.set_cookies()[0]).as_str(), now());
    let resealed = rotated().resealed_at(&consent, now()).expect("resealed");
    let read = dropped().read_at(pair(&resealed).as_str(), now());
    assert_eq!(read.record_id(), Some(ID));
    assert_eq!(read.given_at(), Some(days_ago(10)));
    assert_eq!(read.granted(), CategorySet::from(Category::Statistics));

    // The proof kept when the choice was made still vouches for it.
    let dir = std::env::temp_dir().join(format!("cookie-decl-key-rotation-{}", std::process::id()));
    let store = FileStore::open(&dir).expect("a temporary directory");
    store.append_blocking(recorded.record()).expect("kept");
    let bound = ready(proof::bind(read, &store)).expect("the store answers");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(bound, read);
    assert!(bound.allows(Category::Statistics));
}

#[test]
fn a_resealed_cookie_expires_when_the_choice_does() {
    let retention = <Site as ConsentRegistry>::RETENTION_SECONDS;
    let choice = old_choice(40);
    let consent = rotated().read_at(choice.as_str(), now());
    let resealed = rotated().resealed_at(&consent, now()).expect("resealed");
    let left = retention - 40 * DAY;
    assert_eq!(
        resealed.max_age().map(|max_age| max_age.whole_seconds()),
        Some(i64::try_from(left).unwrap())
    );
    // Every other attribute as declared.
    let mut declared = Site::CONSENT.cookie(resealed.value().to_owned());
    declared.set_max_age(resealed.max_age());
    assert_eq!(resealed.to_string(), declared.to_string());
    // The choice still ends when it did.
    let again = pair(&resealed);
    let end = now() + Duration::from_secs(left);
    assert!(dropped().read_at(again.as_str(), end).is_given());
    assert_eq!(
        dropped()
            .read_at(again.as_str(), end + Duration::from_secs(1))
            .not_asked_reason(),
        Some(NotAsked::Expired)
    );

    // A choice dated a little ahead by another server's clock has more
    // than 6 months left: the cookie still lives no longer than declared.
    let ahead = before().record_at("", CategorySet::ALL, now() + Duration::from_secs(1800), ID);
    let consent = rotated().read_at(pair(&ahead.set_cookies()[0]).as_str(), now());
    assert!(consent.needs_resealing());
    let resealed = rotated().resealed_at(&consent, now()).expect("resealed");
    assert_eq!(resealed.max_age(), Site::CONSENT.max_age());

    // A choice whose time is up is not resealed.
    let consent = rotated().read_at(
        choice.as_str(),
        days_ago(40) + Duration::from_secs(retention),
    );
    assert!(consent.needs_resealing());
    assert_eq!(
        rotated().resealed_at(&consent, days_ago(40) + Duration::from_secs(retention)),
        None
    );
}

#[test]
fn a_dropped_key_asks_again() {
    let choice = old_choice(10);
    let consent = dropped().read_at(choice.as_str(), now());
    assert_eq!(
        consent.not_asked_reason(),
        Some(NotAsked::Invalid(ConsentError::Signature))
    );
    assert!(consent.needs_asking());
    assert!(!consent.allows(Category::Statistics));
    assert!(!consent.needs_resealing());
    assert_eq!(dropped().resealed_at(&consent, now()), None);
}

#[test]
fn a_new_key_rolled_out_as_previous_first_reads_values_of_both_servers() {
    // Server A has the new key as a previous key only; server B already
    // seals with it.
    let a = ConsentCookie::<Site>::signed(old_key()).previous_keys([new_key()]);
    let b = ConsentCookie::<Site>::signed(new_key()).previous_keys([old_key()]);
    let sealed_by_a = pair(
        &a.record_at("", CategorySet::ALL, days_ago(1), ID)
            .set_cookies()[0],
    );
    let sealed_by_b = pair(
        &b.record_at("", CategorySet::ALL, days_ago(1), ID)
            .set_cookies()[0],
    );

    for (server, own, others) in [
        (&a, &sealed_by_a, &sealed_by_b),
        (&b, &sealed_by_b, &sealed_by_a),
    ] {
        let own = server.read_at(own.as_str(), now());
        let others = server.read_at(others.as_str(), now());
        assert!(own.is_given() && !own.needs_resealing(), "{own:?}");
        assert!(others.is_given() && others.needs_resealing(), "{others:?}");
        assert_eq!(others.granted(), own.granted());
        assert_eq!(others.record_id(), Some(ID));
        // Resealed, it is the server's own.
        let resealed = server.resealed_at(&others, now()).expect("resealed");
        let read = server.read_at(pair(&resealed).as_str(), now());
        assert!(read.is_given() && !read.needs_resealing());
    }
}

#[test]
fn a_value_of_another_site_does_not_verify_under_previous_keys() {
    // The same declaration but for its `site`, sealed with the key the
    // site keeps as a previous key.
    assert_eq!(
        <other::Other as ConsentRegistry>::FINGERPRINT,
        <Site as ConsentRegistry>::FINGERPRINT
    );
    let theirs = ConsentCookie::<other::Other>::signed(old_key()).record_at(
        "",
        CategorySet::ALL,
        days_ago(1),
        ID,
    );
    let copied = pair(&theirs.set_cookies()[0]);
    assert!(copied.starts_with("__Host-consent="), "{copied}");
    let consent = rotated().read_at(copied.as_str(), now());
    assert_eq!(
        consent.not_asked_reason(),
        Some(NotAsked::Invalid(ConsentError::Signature))
    );
    assert!(!consent.needs_resealing());

    // Nor does the site's own value under a key it never had.
    let stranger = ConsentCookie::<Site>::signed(Key::from(&[3; 64]));
    let forged = pair(
        &stranger
            .record_at("", CategorySet::ALL, days_ago(1), ID)
            .set_cookies()[0],
    );
    assert_eq!(
        rotated().read_at(forged.as_str(), now()).not_asked_reason(),
        Some(NotAsked::Invalid(ConsentError::Signature))
    );
}

#[test]
fn a_current_choice_needs_no_resealing() {
    let store = rotated();
    let recorded = store.record_at("", CategorySet::ALL, days_ago(1), ID);
    assert!(!recorded.consent().needs_resealing());
    assert_eq!(store.resealed_at(recorded.consent(), now()), None);
    let consent = store.read_at(pair(&recorded.set_cookies()[0]).as_str(), now());
    assert!(consent.is_given());
    assert!(!consent.needs_resealing());
    assert_eq!(store.resealed_at(&consent, now()), None);
    // Nor does anything that is not a choice.
    let expired = old_choice(200);
    for consent in [
        Consent::<Site>::not_asked(),
        store.read_at("", now()),
        store.read_at("__Host-consent=garbage", now()),
        store.read_at(expired.as_str(), now()),
    ] {
        assert!(!consent.needs_resealing(), "{consent:?}");
        assert_eq!(store.resealed_at(&consent, now()), None);
    }
}

#[test]
fn a_request_of_thousands_of_pattern_names_gets_a_bounded_set_of_removals() {
    let limit = ConsentCookie::<Site>::MAX_PATTERN_NAMES;
    let mut names: Vec<String> = (0..20_000).map(|i| format!("_ga_{i}=1")).collect();
    // The same names again, with other values, and one name too long for
    // any browser to keep.
    names.extend((0..limit).map(|i| format!("_ga_{i}=2")));
    names.insert(0, format!("_ga_{}=1", "x".repeat(5000)));
    let header = names.join("; ");

    let refusal = dropped().record_at(header.as_str(), CategorySet::NONE, now(), ID);
    let lines = refusal.lines();
    assert_eq!(lines.len(), refusal.set_cookies().len());
    assert!(lines[0].starts_with("__Host-consent=1.0."));
    let removed: Vec<&str> = lines[1..]
        .iter()
        .filter(|line| line.starts_with("_ga_"))
        .map(|line| line.split_once('=').unwrap().0)
        .collect();
    // Each of the first names the request carries, host-only and on each
    // parent domain of `data.example.fr`: three forms.
    assert_eq!(removed.len(), 3 * limit);
    let mut distinct = removed.clone();
    distinct.dedup();
    let expected: Vec<String> = (0..limit).map(|i| format!("_ga_{i}")).collect();
    assert_eq!(distinct, expected);
    for name in &expected[..2] {
        let forms: Vec<&String> = lines
            .iter()
            .filter(|line| line.starts_with(&format!("{name}=;")))
            .collect();
        assert_eq!(
            forms,
            [
                &format!("{name}=; Secure; Path=/; Max-Age=0"),
                &format!("{name}=; Secure; Path=/; Domain=data.example.fr; Max-Age=0"),
                &format!("{name}=; Secure; Path=/; Domain=example.fr; Max-Age=0"),
            ]
        );
    }
    // The declared cookies' removals are all there.
    assert!(lines.iter().any(|line| line.starts_with("visits=; ")));
    assert!(lines.iter().any(|line| line.starts_with("ad=; ")));
    assert_eq!(lines.len(), 1 + 2 + 3 * limit);
}

/// The output of a future that is ready at once (the file store's
/// lookups), polled without a runtime.
fn ready<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(output) => output,
        std::task::Poll::Pending => panic!("the file store answers at once"),
    }
}

//! Consent, end to end through the public API: a fresh visitor, accept all,
//! refuse all, a subset, the withdrawal of each category, an expired
//! choice, a changed declaration, tampered and garbage consent cookies, and
//! the audit of requests and responses.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cookie_decl::consent::{
    self, CategorySet, ChoiceMethod, Consent, ConsentCookie, ConsentError, ConsentRecord,
    ConsentRegistry, Finding, GateError, NotAsked, RecordId, SeenIn,
};
use cookie_decl::cookie::{Cookie, CookieJar};
use cookie_decl::{Category, declare_cookies};
use proptest::prelude::*;

declare_cookies! {
    pub struct Site {
        site: "https://data.example.fr",
        consent_retention: 6 months,
    }
    necessary {
        "__Host-sid" as SESSION {
            provider: "Example", service: "Login", purpose: "Keep the visitor signed in.",
        }
        cookies_preferences as CONSENT {
            provider: "Example", service: "Consent", purpose: "Remember the visitor's choice.",
            max_age: 6 months, stores_consent: true,
        }
    }
    preferences {
        lang {
            provider: "Example", service: "Language", purpose: "Remember the language.",
            max_age: 1 year, http_only: false,
        }
        layout {
            provider: "Example", service: "Dashboard", purpose: "Remember the layout.",
            path: "/dashboard", max_age: 30 days,
        }
    }
    statistics {
        visits {
            provider: "Example", service: "Audience", purpose: "Count visits.",
            max_age: 13 months,
        }
        audience {
            provider: "Example", service: "Audience", purpose: "Anonymous audience measurement.",
            max_age: 13 months, consent_exempt: true,
        }
        extern "_ga_*" as GA {
            provider: "Google", service: "Analytics", purpose: "Tell visitors apart.",
            max_age: 13 months, domain: ".data.example.fr",
        }
        extern "_pk_id.1.ab" as PK_ID {
            provider: "Matomo", service: "Analytics", purpose: "Tell visitors apart.",
            max_age: 13 months, path: "/stats",
        }
    }
    marketing {
        ad {
            provider: "Example", service: "Ads", purpose: "Measure campaigns.",
            max_age: 3 months, same_site: None, partitioned: true, domain: "example.fr",
        }
        ad_shadow as AD_SHADOW {
            provider: "Example", service: "Ads", purpose: "Measure campaigns.",
            max_age: 3 months,
        }
    }
}

/// 2026-11-25T10:00:00Z.
fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_795_600_800)
}

const ID: RecordId = RecordId::from_bytes([0x5a; 16]);
const STORE: ConsentCookie<Site> = ConsentCookie::unsigned();

/// The `Cookie` header a browser sends after receiving `set_cookies`.
fn request_after(set_cookies: &[Cookie<'static>]) -> String {
    set_cookies
        .iter()
        .filter(|c| c.max_age() != Some(cookie_decl::cookie::time::Duration::ZERO))
        .map(|c| c.stripped().to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

fn lines(cookies: &[Cookie<'static>]) -> Vec<String> {
    cookies.iter().map(ToString::to_string).collect()
}

fn record(header: &str, granted: CategorySet) -> consent::Recorded<Site> {
    STORE.record_at(header, granted, now(), ID)
}

#[test]
fn a_fresh_visitor_is_not_asked_and_gets_only_what_needs_no_consent() {
    for header in ["", "theme=dark", "_ga_K2=GS1; visits=3"] {
        let consent = STORE.read_at(header, now());
        assert!(!consent.is_given());
        assert!(consent.needs_asking());
        assert_eq!(consent.not_asked_reason(), Some(NotAsked::NoChoice));
        assert_eq!(consent.granted(), CategorySet::NONE);
        assert!(consent.allows(Category::Necessary));
        for category in CategorySet::CHOOSABLE {
            assert!(!consent.allows(category), "{category}");
        }
        assert!(consent.cookie(Site::SESSION, "s").is_some());
        assert!(consent.cookie(Site::AUDIENCE, "a").is_some(), "exempt");
        for cookie in [Site::LANG, Site::LAYOUT, Site::VISITS, Site::AD] {
            assert_eq!(consent.cookie(cookie, "x"), None, "{}", cookie.name());
        }
        assert!(!consent.allows_cookie(&Site::GA));
        assert_eq!(consent.given_at(), None);
        assert_eq!(consent.record_id(), None);
    }
    assert_eq!(Consent::<Site>::not_asked(), STORE.read_at("", now()));
}

#[test]
fn accept_all_allows_every_cookie_and_removes_nothing() {
    let recorded = record("", CategorySet::ALL);
    let sent = lines(recorded.set_cookies());
    assert_eq!(sent.len(), 1, "{sent:?}");
    let value = recorded.set_cookies()[0].value();
    assert_eq!(
        sent[0],
        format!(
            "cookies_preferences={value}; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=15552000"
        )
    );
    assert!(value.starts_with("1.7.1795600800.5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a."));

    let consent = STORE.read_at(request_after(recorded.set_cookies()).as_str(), now());
    assert_eq!(&consent, recorded.consent());
    assert!(consent.is_given());
    assert!(!consent.needs_asking());
    assert_eq!(consent.granted(), CategorySet::ALL);
    assert_eq!(consent.record_id(), Some(ID));
    assert_eq!(consent.given_at(), Some(now()));
    for cookie in [
        Site::LANG,
        Site::LAYOUT,
        Site::VISITS,
        Site::AD,
        Site::AUDIENCE,
    ] {
        assert_eq!(
            consent.cookie(cookie, "v"),
            Some(cookie.cookie("v")),
            "{}",
            cookie.name()
        );
    }
    assert!(consent.allows_cookie(&Site::GA));
    let proof = recorded.record();
    assert_eq!(proof.granted(), CategorySet::ALL);
    assert_eq!(proof.refused(), CategorySet::NONE);
    assert_eq!(proof.withdrawn(), CategorySet::NONE);
}

#[test]
fn refuse_all_allows_nothing_and_removes_every_first_party_tracker_exactly() {
    let recorded = record(
        "_ga_K2X9=GS1.1; _pk_id.1.ab=x; theme=dark",
        CategorySet::NONE,
    );
    let sent = lines(recorded.set_cookies());
    assert!(
        sent[0].starts_with("cookies_preferences=1.0.1795600800."),
        "{sent:?}"
    );
    assert_eq!(
        &sent[1..],
        [
            "lang=; SameSite=Lax; Secure; Path=/; Max-Age=0",
            "layout=; HttpOnly; SameSite=Lax; Secure; Path=/dashboard; Max-Age=0",
            "visits=; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=0",
            "_ga_K2X9=; Secure; Path=/; Domain=data.example.fr; Max-Age=0",
            // Exactly named: removed whether or not the request carries it,
            // host-only and on each parent domain of the site, as no
            // domain is declared.
            "_pk_id.1.ab=; Secure; Path=/stats; Max-Age=0",
            "_pk_id.1.ab=; Secure; Path=/stats; Domain=data.example.fr; Max-Age=0",
            "_pk_id.1.ab=; Secure; Path=/stats; Domain=example.fr; Max-Age=0",
            "ad=; HttpOnly; SameSite=None; Partitioned; Secure; Path=/; Domain=example.fr; Max-Age=0",
            "ad_shadow=; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=0",
        ]
    );
    // Each removal is the declared one.
    for cookie in [
        Site::LANG,
        Site::LAYOUT,
        Site::VISITS,
        Site::AD,
        Site::AD_SHADOW,
    ] {
        assert!(recorded.set_cookies().contains(&cookie.removal()));
    }
    let consent = STORE.read_at(request_after(recorded.set_cookies()).as_str(), now());
    assert!(consent.is_given());
    assert!(!consent.needs_asking(), "a refusal is a choice: no banner");
    assert_eq!(consent.granted(), CategorySet::NONE);
    assert_eq!(consent.cookie(Site::VISITS, "1"), None);
    assert!(consent.cookie(Site::AUDIENCE, "1").is_some(), "exempt");
    assert_eq!(recorded.record().refused(), CategorySet::ALL);
}

#[test]
fn a_subset_allows_exactly_its_categories() {
    let granted = CategorySet::from(Category::Preferences).with(Category::Marketing);
    let recorded = record("", granted);
    let consent = STORE.read_at(request_after(recorded.set_cookies()).as_str(), now());
    assert_eq!(consent.granted(), granted);
    assert!(consent.cookie(Site::LANG, "fr").is_some());
    assert!(consent.cookie(Site::AD, "1").is_some());
    assert_eq!(consent.cookie(Site::VISITS, "1"), None);
    let removed: Vec<&str> = recorded.set_cookies()[1..]
        .iter()
        .map(Cookie::name)
        .collect();
    // The exactly named `extern` cookie on `/stats` is removed though the
    // request (to the consent form's URL) cannot carry it.
    assert_eq!(
        removed,
        ["visits", "_pk_id.1.ab", "_pk_id.1.ab", "_pk_id.1.ab"]
    );
    assert_eq!(
        recorded.record().refused(),
        CategorySet::from(Category::Statistics)
    );
}

#[test]
fn withdrawing_each_category_deletes_its_cookies_and_records_the_withdrawal() {
    let all = record("", CategorySet::ALL);
    let carried = format!(
        "{}; lang=fr; layout=grid; visits=2; _ga_K2X9=GS1.1; ad=1; ad_shadow=2; audience=9",
        request_after(all.set_cookies())
    );
    for (category, expected) in [
        (Category::Preferences, vec!["lang", "layout"]),
        (
            Category::Statistics,
            vec![
                "visits",
                "_ga_K2X9",
                "_pk_id.1.ab",
                "_pk_id.1.ab",
                "_pk_id.1.ab",
            ],
        ),
        (Category::Marketing, vec!["ad", "ad_shadow"]),
    ] {
        let withdrawn = record(&carried, CategorySet::ALL.without(category));
        let removed: Vec<&str> = withdrawn.set_cookies()[1..]
            .iter()
            .map(Cookie::name)
            .collect();
        assert_eq!(removed, expected, "{category}");
        for removal in &withdrawn.set_cookies()[1..] {
            assert_eq!(removal.value(), "");
            assert_eq!(
                removal.max_age(),
                Some(cookie_decl::cookie::time::Duration::ZERO)
            );
        }
        assert_eq!(withdrawn.record().withdrawn(), CategorySet::from(category));
        assert!(!withdrawn.consent().allows(category));
        let next = STORE.read_at(request_after(withdrawn.set_cookies()).as_str(), now());
        assert!(!next.allows(category));
        assert_eq!(next.granted(), CategorySet::ALL.without(category));
        // The audit of the next request finds what was not deleted.
        let findings = consent::audit_request(carried.as_str(), &next);
        let without: Vec<&str> = findings
            .iter()
            .filter_map(|finding| match finding {
                Finding::WithoutConsent { name, .. } => Some(name.as_str()),
                _ => None,
            })
            .collect();
        // All that the request carries: `_pk_id.1.ab` lives on `/stats`.
        let carried_names: Vec<&str> = expected
            .iter()
            .copied()
            .filter(|name| *name != "_pk_id.1.ab")
            .collect();
        assert_eq!(without, carried_names, "{category}");
    }
}

#[test]
fn a_removal_is_sent_once_per_cookie() {
    // `_ga_A` twice in the request (two paths): one removal.
    let recorded = record("_ga_A=1; _ga_A=2; _ga_B=3", CategorySet::NONE);
    let ga: Vec<&str> = recorded
        .set_cookies()
        .iter()
        .map(Cookie::name)
        .filter(|name| name.starts_with("_ga_"))
        .collect();
    assert_eq!(ga, ["_ga_A", "_ga_B"]);
}

#[test]
fn a_choice_older_than_the_retention_is_not_asked() {
    let recorded = record("", CategorySet::ALL);
    let header = request_after(recorded.set_cookies());
    let retention = Duration::from_secs(Site::RETENTION_SECONDS);
    assert_eq!(Site::RETENTION_SECONDS, 180 * 24 * 60 * 60);
    assert!(STORE.read_at(header.as_str(), now() + retention).is_given());
    let expired = STORE.read_at(header.as_str(), now() + retention + Duration::from_secs(1));
    assert_eq!(expired.not_asked_reason(), Some(NotAsked::Expired));
    assert!(expired.needs_asking());
    assert!(!expired.allows(Category::Statistics));
    // A choice dated in the future is a forgery or a broken clock.
    let early = STORE.read_at(header.as_str(), now() - Duration::from_secs(2 * 60 * 60));
    assert_eq!(
        early.not_asked_reason(),
        Some(NotAsked::Invalid(ConsentError::FutureTime))
    );
    // Within an hour of clock skew between servers, it counts.
    assert!(
        STORE
            .read_at(header.as_str(), now() - Duration::from_secs(30 * 60))
            .is_given()
    );
}

/// `Site`'s declaration as it may change: the same consent cookie, and
/// the statistics block given.
macro_rules! version {
    ($module:ident, { $($statistics:tt)* }) => {
        mod $module {
            cookie_decl::declare_cookies! {
                pub(crate) struct Site { site: "https://data.example.fr" }
                necessary {
                    cookies_preferences as CONSENT {
                        provider: "Example", service: "Consent", purpose: "Remember the visitor's choice.",
                        max_age: 6 months, stores_consent: true,
                    }
                }
                statistics { $($statistics)* }
            }
        }
    };
}

// `Site` with one more tracker.
version!(v2, {
    visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
});
version!(v3, {
    visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
    extern "_ga_*" as GA { provider: "Google", service: "Analytics", purpose: "Tell visitors apart.", max_age: 13 months }
});
// Another purpose.
version!(v3_purpose, {
    visits { provider: "Example", service: "Audience", purpose: "Count visits and pages.", max_age: 13 months }
    extern "_ga_*" as GA { provider: "Google", service: "Analytics", purpose: "Tell visitors apart.", max_age: 13 months }
});
// Another lifetime.
version!(v3_lifetime, {
    visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 12 months }
    extern "_ga_*" as GA { provider: "Google", service: "Analytics", purpose: "Tell visitors apart.", max_age: 13 months }
});

// Nothing to ask: the one audience cookie is exempt.
version!(exempt_only, {
    audience { provider: "Example", service: "Audience", purpose: "Anonymous audience measurement.", max_age: 13 months, consent_exempt: true }
});

/// `ASKED`, which the macro computes, holds every category with a cookie
/// that needs consent, as the declaration's specs say at run time.
#[test]
fn the_categories_asked_are_those_with_a_cookie_that_needs_consent() {
    fn from_specs<R: ConsentRegistry>() -> CategorySet {
        let needing = R::COOKIES.iter().filter(|spec| spec.needs_consent());
        needing.map(|spec| spec.category()).collect()
    }
    assert_eq!(Site::ASKED, CategorySet::ALL);
    assert_eq!(Site::ASKED, from_specs::<Site>());
    assert_eq!(v2::Site::ASKED, CategorySet::from(Category::Statistics));
    assert_eq!(v2::Site::ASKED, from_specs::<v2::Site>());
    assert_eq!(exempt_only::Site::ASKED, CategorySet::NONE);
    assert_eq!(exempt_only::Site::ASKED, from_specs::<exempt_only::Site>());
    // "Accept all" grants what is asked and nothing else.
    let store = ConsentCookie::<exempt_only::Site>::unsigned();
    let recorded = store.record_at("", CategorySet::ALL, now(), ID);
    assert_eq!(recorded.consent().granted(), CategorySet::NONE);
}

mod v3_reworded {
    // The same cookies, in another order, with another charte wording,
    // service text and HTTP attributes: the same consent.
    cookie_decl::declare_cookies! {
        pub(crate) struct Site {
            site: "https://data.example.fr",
            title: "Notre charte cookies",
            intro: "Nous utilisons des cookies.",
        }
        statistics {
            extern "_ga_*" as GA { provider: "Google", service: "Google Analytics 4", purpose: "Tell visitors apart.", max_age: 13 months }
            visits { provider: "Example", service: "Mesure", purpose: "Count visits.", max_age: 13 months, same_site: Strict }
        }
        necessary {
            cookies_preferences as CONSENT {
                provider: "Example", service: "Consent", purpose: "Remember the visitor's choice.",
                max_age: 6 months, stores_consent: true,
            }
        }
    }
}

#[test]
fn a_changed_declaration_asks_again_a_reworded_charte_does_not() {
    let recorded = v2::Site::CONSENT.cookie(
        ConsentCookie::<v2::Site>::unsigned()
            .record_at("", CategorySet::ALL, now(), ID)
            .set_cookies()[0]
            .value()
            .to_owned(),
    );
    let header = recorded.stripped().to_string();
    assert!(
        ConsentCookie::<v2::Site>::unsigned()
            .read_at(header.as_str(), now())
            .is_given()
    );
    // A tracker added.
    let v3 = ConsentCookie::<v3::Site>::unsigned().read_at(header.as_str(), now());
    assert_eq!(v3.not_asked_reason(), Some(NotAsked::DeclarationChanged));
    assert!(!v3.allows(Category::Statistics));

    let on_v3 = ConsentCookie::<v3::Site>::unsigned().record_at("", CategorySet::ALL, now(), ID);
    let header = on_v3.set_cookies()[0].stripped().to_string();
    // A purpose or a lifetime changed.
    for reason in [
        ConsentCookie::<v3_purpose::Site>::unsigned()
            .read_at(header.as_str(), now())
            .not_asked_reason(),
        ConsentCookie::<v3_lifetime::Site>::unsigned()
            .read_at(header.as_str(), now())
            .not_asked_reason(),
    ] {
        assert_eq!(reason, Some(NotAsked::DeclarationChanged));
    }
    // The wording of the charte, the order, a service or an attribute: no.
    let reworded = ConsentCookie::<v3_reworded::Site>::unsigned().read_at(header.as_str(), now());
    assert!(reworded.is_given(), "{reworded:?}");
    assert_eq!(v3::Site::FINGERPRINT, v3_reworded::Site::FINGERPRINT);
    assert_ne!(v3::Site::CHARTE_VERSION, v3_reworded::Site::CHARTE_VERSION);
    assert_ne!(v2::Site::FINGERPRINT, v3::Site::FINGERPRINT);
    assert_ne!(v3::Site::FINGERPRINT, v3_purpose::Site::FINGERPRINT);
    assert_ne!(v3::Site::FINGERPRINT, v3_lifetime::Site::FINGERPRINT);
}

/// A value written by the store, with one part replaced.
fn tampered(part: usize, with: &str) -> String {
    let value = record("", CategorySet::NONE).set_cookies()[0]
        .value()
        .to_owned();
    let mut parts: Vec<&str> = value.split('.').collect();
    parts[part] = with;
    parts.join(".")
}

#[test]
fn every_tampering_reads_as_not_asked() {
    let valid = record("", CategorySet::NONE).set_cookies()[0]
        .value()
        .to_owned();
    let parts: Vec<&str> = valid.split('.').collect();
    assert_eq!(parts.len(), 6, "{valid}");
    let mut cases = vec![
        // Each part edited to another value of its form: the checksum.
        (tampered(1, "7"), ConsentError::Checksum),
        (tampered(2, "1895600800"), ConsentError::Checksum),
        (
            tampered(3, "00000000000000000000000000000000"),
            ConsentError::Checksum,
        ),
        (tampered(4, "0000000000000000"), ConsentError::Checksum),
        (tampered(5, "0000000000000000"), ConsentError::Checksum),
        // Out of form.
        (tampered(0, "2"), ConsentError::UnknownVersion),
        (tampered(0, "v1"), ConsentError::Malformed),
        (tampered(5, "zz"), ConsentError::Malformed),
        (format!("{valid}.1"), ConsentError::Malformed),
        (valid[..valid.len() - 1].to_owned(), ConsentError::Malformed),
        (valid.replacen('.', ",", 1), ConsentError::Malformed),
        ("all".to_owned(), ConsentError::Malformed),
        (
            "preferences,statistics,marketing".to_owned(),
            ConsentError::Malformed,
        ),
        (String::new(), ConsentError::Malformed),
    ];
    cases.push((valid.to_uppercase(), ConsentError::Malformed));
    for (value, error) in cases {
        assert_eq!(STORE.decode(&value), Err(error), "{value:?}");
        let consent = STORE.read_at(format!("cookies_preferences={value}").as_str(), now());
        assert_eq!(
            consent.not_asked_reason(),
            Some(NotAsked::Invalid(error)),
            "{value:?}"
        );
        assert_eq!(consent.granted(), CategorySet::NONE);
    }
    // A valid value under another cookie's name grants nothing.
    let elsewhere = STORE.read_at(format!("other={valid}").as_str(), now());
    assert_eq!(elsewhere.not_asked_reason(), Some(NotAsked::NoChoice));
}

#[test]
fn the_first_consent_cookie_of_a_request_decides() {
    let yes = record("", CategorySet::ALL).set_cookies()[0]
        .value()
        .to_owned();
    let consent = STORE.read_at(
        format!("cookies_preferences=garbage; cookies_preferences={yes}").as_str(),
        now(),
    );
    assert!(!consent.is_given(), "the most specific path comes first");
}

#[test]
fn consent_reads_from_a_jar_and_from_split_headers() {
    let recorded = record("", CategorySet::from(Category::Statistics));
    let mut jar = CookieJar::new();
    jar.add_original(recorded.set_cookies()[0].clone());
    assert_eq!(STORE.read_at(&jar, now()), *recorded.consent());
    let value = format!("cookies_preferences={}", recorded.set_cookies()[0].value());
    let split = consent::RequestCookies::from_headers(["a=1", value.as_str(), "b=2"]);
    assert_eq!(STORE.read_at(&split, now()), *recorded.consent());
}

#[test]
fn the_gate_refuses_with_a_reason() {
    let no = record("", CategorySet::NONE);
    assert_eq!(
        no.consent().try_cookie(Site::VISITS, "1"),
        Err(GateError::NoConsent {
            name: "visits",
            category: Category::Statistics
        })
    );
    assert_eq!(
        no.consent()
            .try_cookie(Site::VISITS, "1")
            .unwrap_err()
            .to_string(),
        "cookie `visits` is a `statistics` cookie and the visitor has not consented to \
         `statistics` cookies"
    );
    let yes = record("", CategorySet::ALL);
    assert!(matches!(
        yes.consent().try_cookie(Site::VISITS, "a b"),
        Err(GateError::Value(_))
    ));
    // Consent given on `Site` does not reach another registry's cookies
    // (unless declared exactly alike: then it is the same cookie).
    assert_eq!(
        yes.consent().try_cookie(v3_purpose::Site::VISITS, "1"),
        Err(GateError::NotDeclared { name: "visits" })
    );
    assert_eq!(yes.consent().cookie(v3_purpose::Site::VISITS, "1"), None);
    assert!(yes.consent().cookie(v2::Site::VISITS, "1").is_some());
}

#[test]
fn the_proof_says_when_what_and_on_which_information() {
    let previous = record("", CategorySet::ALL);
    let header = request_after(previous.set_cookies());
    let later = now() + Duration::from_secs(3600);
    let id = RecordId::from_bytes([1; 16]);
    let recorded = STORE.record_at(
        header.as_str(),
        CategorySet::from(Category::Preferences),
        later,
        id,
    );
    let proof = recorded.record();
    assert_eq!(proof.id(), id);
    assert_eq!(proof.time(), later);
    assert_eq!(proof.unix_time(), 1_795_604_400);
    assert_eq!(proof.site(), "https://data.example.fr");
    assert_eq!(proof.declaration(), Site::FINGERPRINT);
    assert_eq!(proof.charte_version(), Site::CHARTE_VERSION);
    assert_eq!(proof.granted(), CategorySet::from(Category::Preferences));
    let both = CategorySet::from(Category::Statistics).with(Category::Marketing);
    assert_eq!(proof.refused(), both);
    assert_eq!(proof.withdrawn(), both);
    assert!(proof.is_withdrawal());
    assert_eq!(proof.method(), ChoiceMethod::Customised);
    assert_eq!(proof.banner_version(), Site::BANNER_VERSION);
    assert_eq!(
        proof.to_string(),
        format!(
            "consent 01010101010101010101010101010101 at 2026-11-25T11:00:00Z on \
             https://data.example.fr: customised; granted preferences; refused statistics, \
             marketing; withdrawn statistics, marketing; declaration {:016x}; charte {:016x}; \
             banner {:016x}",
            Site::FINGERPRINT,
            Site::CHARTE_VERSION,
            Site::BANNER_VERSION,
        )
    );
    assert_eq!(
        ConsentRecord::from_json(&proof.to_json()).as_ref(),
        Some(proof)
    );
    // The visitor's cookie points at this record.
    let next = STORE.read_at(request_after(recorded.set_cookies()).as_str(), later);
    assert_eq!(next.record_id(), Some(id));
}

#[cfg(feature = "serde")]
#[test]
fn the_proof_serialises_for_a_log() {
    let recorded = record("", CategorySet::from(Category::Statistics));
    let json: serde_json::Value = serde_json::to_value(recorded.record()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "id": "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a",
            "time": "2026-11-25T10:00:00Z",
            "unix_time": 1_795_600_800_u64,
            "site": "https://data.example.fr",
            "declaration": format!("{:016x}", Site::FINGERPRINT),
            "charte_version": format!("{:016x}", Site::CHARTE_VERSION),
            "banner_version": format!("{:016x}", Site::BANNER_VERSION),
            "method": "customised",
            "global_privacy_control": false,
            "withdrawal": false,
            "granted": ["statistics"],
            "refused": ["preferences", "marketing"],
            "withdrawn": [],
        })
    );
}

#[test]
fn record_ids_are_unique() {
    let ids: std::collections::HashSet<RecordId> =
        (0..10_000).map(|_| RecordId::random()).collect();
    assert_eq!(ids.len(), 10_000);
    let recorded = STORE.record("", CategorySet::ALL);
    assert_ne!(
        recorded.record().id(),
        STORE.record("", CategorySet::ALL).record().id()
    );
}

#[test]
fn the_request_audit_finds_undeclared_and_unconsented_cookies() {
    let no = record("", CategorySet::NONE);
    let header = format!(
        "{}; __Host-sid=s; theme=dark; =bare; _ga_K2X9=GS1; visits=3; audience=1; lang=fr",
        request_after(no.set_cookies())
    );
    let consent = STORE.read_at(header.as_str(), now());
    let findings = consent::audit_request(header.as_str(), &consent);
    let shown: Vec<String> = findings.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "request carries cookie `theme`, which the registry does not declare",
            "request carries a cookie without a name, which the registry does not declare",
            "request carries `statistics` cookie `_ga_K2X9` without the visitor's consent",
            "request carries `statistics` cookie `visits` without the visitor's consent",
            "request carries `preferences` cookie `lang` without the visitor's consent",
        ]
    );
    assert_eq!(
        findings[0],
        Finding::Undeclared {
            seen_in: SeenIn::Request,
            name: "theme".to_owned()
        }
    );
    // With consent, only the undeclared ones are left.
    let yes = record("", CategorySet::ALL);
    assert_eq!(
        consent::audit_request(header.as_str(), yes.consent()).len(),
        2
    );
}

#[test]
fn the_response_audit_checks_declaration_consent_and_attributes() {
    let no = Consent::<Site>::not_asked();
    let yes = *record("", CategorySet::ALL).consent();
    // What the builders send passes, with consent.
    let built: Vec<String> = [
        Site::SESSION,
        Site::CONSENT,
        Site::LANG,
        Site::LAYOUT,
        Site::VISITS,
        Site::AD,
    ]
    .iter()
    .flat_map(|c| [c.cookie("v").to_string(), c.removal().to_string()])
    .collect();
    assert_eq!(consent::audit_response(&built, &yes), []);
    // Without consent, the removals still pass: deleting needs no consent.
    let removals: Vec<String> = record("", CategorySet::NONE)
        .set_cookies()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(consent::audit_response(&removals, &no), []);

    let findings = consent::audit_response(
        [
            // Another layer's session cookie: undeclared.
            "tower.sid=abc; Path=/; HttpOnly",
            // Declared, needs consent, not given.
            "visits=1; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=33696000",
            // Declared, set with other attributes.
            "__Host-sid=x; Path=/; Secure",
            "lang=fr; SameSite=Strict; Secure; Path=/; Max-Age=60; Domain=example.fr",
            // A removal on the wrong path does not delete.
            "layout=; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=0",
            // An `extern` cookie set by the server.
            "_ga_K2=GS1; Path=/",
            // Not a cookie.
            "\u{1}garbage",
        ],
        &yes,
    );
    let shown: Vec<String> = findings.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "response sets cookie `tower.sid`, which the registry does not declare",
            "response sets cookie `__Host-sid` with `no HttpOnly`, where the declaration says `HttpOnly`",
            "response sets cookie `__Host-sid` with `no SameSite`, where the declaration says `SameSite=Lax`",
            "response sets cookie `lang` with `Domain=example.fr`, where the declaration says `no Domain`",
            "response sets cookie `lang` with `SameSite=Strict`, where the declaration says `SameSite=Lax`",
            "response sets cookie `lang` with `Max-Age=60`, where the declaration says `Max-Age=31536000`",
            "response sets cookie `layout` with `Path=/`, where the declaration says `Path=/dashboard`",
            "response sets cookie `_ga_K2`, declared `extern` (set by another party): declare it without `extern` if this application sets it",
            "response has a `Set-Cookie` that does not parse: `\\x01garbage`",
        ]
    );
    let without = consent::audit_response(
        ["visits=1; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=33696000"],
        &no,
    );
    assert_eq!(
        without,
        [Finding::WithoutConsent {
            seen_in: SeenIn::Response,
            name: "visits".to_owned(),
            category: Category::Statistics,
        }]
    );
    // A header that does not parse is reported, escaped for a log line.
    let bad = consent::audit_response(["=no-name", ""], &yes);
    assert_eq!(bad.len(), 2);
    assert!(matches!(bad[0], Finding::Unparsable { .. }));
    assert_eq!(
        bad[0].to_string(),
        "response has a `Set-Cookie` that does not parse: `=no-name`"
    );
}

#[test]
fn the_removal_of_a_declared_cookie_needs_its_exact_place() {
    let yes = *record("", CategorySet::ALL).consent();
    let findings = consent::audit_response(
        ["ad=; HttpOnly; SameSite=None; Secure; Path=/; Max-Age=0"],
        &yes,
    );
    let shown: Vec<String> = findings.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "response sets cookie `ad` with `no Domain`, where the declaration says `Domain=example.fr`",
            "response sets cookie `ad` with `no Partitioned`, where the declaration says `Partitioned`",
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Whatever a client sends, reading consent never panics and never
    /// grants anything.
    #[test]
    fn garbage_never_grants(value in ".*", header in ".*") {
        for header in [format!("cookies_preferences={value}"), header] {
            let consent = STORE.read_at(header.as_str(), now());
            prop_assert!(!consent.is_given());
            prop_assert_eq!(consent.granted(), CategorySet::NONE);
            let _ = consent::audit_request(header.as_str(), &consent);
            let _ = consent::audit_response([header.as_str()], &consent);
        }
    }

    /// Every byte of a valid value, changed, grants nothing more than the
    /// visitor chose.
    #[test]
    fn a_changed_byte_never_grants(index in 0_usize..200, byte in any::<u8>()) {
        let valid = record("", CategorySet::NONE).set_cookies()[0].value().to_owned();
        let mut bytes = valid.clone().into_bytes();
        let index = index % bytes.len();
        prop_assume!(bytes[index] != byte);
        bytes[index] = byte;
        let value = String::from_utf8_lossy(&bytes).into_owned();
        let consent = STORE.read_at(format!("cookies_preferences={value}").as_str(), now());
        prop_assert!(!consent.is_given(), "{:?}", value);
    }
}

#[cfg(feature = "signed")]
/// Rocket's and poem's cookie jars percent-encode every value they send:
/// a signed value's `+`, `/` and `=` reach the next request encoded. The
/// consent reads the same, and an escape that decodes to nothing valid
/// still grants nothing.
#[test]
fn a_consent_value_a_framework_percent_encoded_reads_the_same() {
    use cookie_decl::cookie::Key;

    let encode = |value: &str| {
        value
            .chars()
            .map(|c| match c {
                '+' | '/' | '=' | '.' => format!("%{:02X}", c as u32),
                c => c.to_string(),
            })
            .collect::<String>()
    };
    let signed = ConsentCookie::<Site>::signed(Key::from(&[7; 64]));
    for store in [&STORE, &signed] {
        let recorded = store.record_at("", CategorySet::ALL, now(), ID);
        let value = recorded.set_cookies()[0].value().to_owned();
        let encoded = encode(&value);
        assert_ne!(encoded, value);
        let read =
            |value: &str| store.read_at(format!("cookies_preferences={value}").as_str(), now());
        assert_eq!(read(&encoded), *recorded.consent());
        assert_eq!(read(&value), *recorded.consent());
        // A broken escape is malformed, not a grant.
        let broken = format!("{}%zz", &encoded[..encoded.len() - 3]);
        assert_eq!(
            read(&broken).not_asked_reason(),
            Some(NotAsked::Invalid(ConsentError::Malformed))
        );
    }
}

#[test]
fn a_signed_consent_cookie_refuses_what_the_key_did_not_sign() {
    use cookie_decl::cookie::Key;

    let key = Key::from(&[7; 64]);
    let signed = ConsentCookie::<Site>::signed(key.clone());
    let recorded = signed.record_at("", CategorySet::NONE, now(), ID);
    let value = recorded.set_cookies()[0].value().to_owned();
    let read = |value: &str| signed.read_at(format!("cookies_preferences={value}").as_str(), now());
    assert_eq!(read(&value), *recorded.consent());
    // The rest of the cookie is the declared one.
    let sent = recorded.set_cookies()[0].to_string();
    assert!(sent.ends_with("; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=15552000"));

    // A well-formed choice with a valid checksum, as a forger who read this
    // crate's source would write it: not signed, so refused.
    let forged = STORE
        .record_at("", CategorySet::ALL, now(), ID)
        .set_cookies()[0]
        .value()
        .to_owned();
    assert_eq!(
        read(&forged).not_asked_reason(),
        Some(NotAsked::Invalid(ConsentError::Signature))
    );
    // The seal of a refusal on an acceptance.
    let (_, seal) = value.rsplit_once('.').unwrap();
    let (body, _) = forged.rsplit_once('.').unwrap();
    assert_eq!(
        read(&format!("{body}.{seal}")).not_asked_reason(),
        Some(NotAsked::Invalid(ConsentError::Signature))
    );
    // Another key's signature.
    let other = ConsentCookie::<Site>::signed(Key::from(&[8; 64])).record_at(
        "",
        CategorySet::ALL,
        now(),
        ID,
    );
    assert!(!read(other.set_cookies()[0].value()).is_given());
    // Garbage in the signature's place.
    for bad in [
        "",
        "x",
        &value[1..],
        &value[..value.len() - 1],
        "é".repeat(30).as_str(),
    ] {
        // Not ASCII: not a cookie at all, so no choice.
        assert!(!read(bad).is_given(), "{bad:?}");
    }
    assert_eq!(
        read(&value[..value.len() - 1]).not_asked_reason(),
        Some(NotAsked::Invalid(ConsentError::Signature))
    );
    // The unsigned store does not read a signed value.
    assert!(
        !STORE
            .read_at(format!("cookies_preferences={value}").as_str(), now())
            .is_given()
    );
}

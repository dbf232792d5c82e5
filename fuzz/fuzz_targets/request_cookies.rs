//! Any bytes as one or several `Cookie` headers (the input split on the
//! byte `0xFF`, as HTTP/2 may send one header per cookie), read through
//! `RequestCookies::from_headers`, and everything that reads a request's
//! cookies on top of it: never a panic, and the answers are those of the
//! header's grammar written again in `cookie_decl_fuzz::expect`.
//!
//! - every readable pair is visible ASCII, its name a token or empty, and
//!   the pairs and the unreadable ones are exactly the header's;
//! - a name with one value reads as that value, a name with two different
//!   values as `Lookup::Ambiguous`, and `get` gives nothing;
//! - the signed consent cookie (fixed key) never grants, the unsigned one
//!   only for a value in the store's exact form; a consent cookie sent
//!   twice with two values is `NotAsked::Ambiguous`;
//! - the audit reports each unreadable pair and each ambiguous declared name, once,
//!   every finding on one line;
//! - the CSRF token is the visitor's well-formed one, or a fresh one;
//! - a consent form (any piece of the input as its body) is acted on only
//!   when its token is the `csrf_token` cookie's.
#![no_main]

use cookie_decl::DecodeError;
use cookie_decl::consent::{
    self, ConsentCookie, ConsentForm, CsrfToken, Finding, FormOrigin, Lookup, NotAsked,
    RequestCookies,
};
use cookie_decl_fuzz::expect::{self, Segment};
use cookie_decl_fuzz::{Site, now, signed_store, split_headers};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let headers = split_headers(data);
    let cookies = RequestCookies::from_headers(headers.iter().copied());
    // What the library must read: the headers joined with `; `.
    let joined = headers.join(&b"; "[..]);
    let segments = expect::segments(&joined);

    // The pairs, and the pairs that cannot be read.
    let pairs: Vec<(&str, &str)> = cookies.iter().collect();
    for &(name, value) in &pairs {
        assert!(
            name.bytes().all(expect::is_token_byte),
            "a name that is not a token: {name:?}"
        );
        assert!(
            value.bytes().all(expect::is_value_byte),
            "a value that is not visible ASCII: {value:?}"
        );
    }
    let expected: Vec<(&str, &str)> = segments
        .iter()
        .filter_map(|segment| match *segment {
            Segment::Pair(name, value) => Some((name, value)),
            Segment::Invalid => None,
        })
        .collect();
    assert_eq!(pairs, expected, "{joined:?}");
    let invalid: Vec<&[u8]> = cookies.invalid().collect();
    assert_eq!(
        invalid.len(),
        segments.len() - expected.len(),
        "{joined:?}"
    );
    for raw in &invalid {
        assert!(!raw.is_empty() && !raw.contains(&b';'), "{raw:?}");
    }
    let one = RequestCookies::from(joined.as_slice());
    assert!(one.iter().eq(cookies.iter()), "{joined:?}");

    // Each name: one value, or ambiguous.
    let mut names: Vec<&str> = pairs.iter().map(|&(name, _)| name).collect();
    names.extend(["sid", "consent", "__Host-csrf", "lang", "", "_ga_K2"]);
    names.sort_unstable();
    names.dedup();
    let mut ambiguous = Vec::new();
    for &name in &names {
        let values = expect::values(&joined, name);
        let expected = match values.as_slice() {
            [] => Lookup::Absent,
            [value] => Lookup::One(value),
            _ => {
                ambiguous.push(name);
                Lookup::Ambiguous
            }
        };
        assert_eq!(cookies.lookup(name), expected, "{name:?} in {joined:?}");
        assert_eq!(cookies.get(name), expected.value(), "{name:?} in {joined:?}");
    }
    if let Ok(text) = std::str::from_utf8(&joined) {
        for cookie in [Site::SID, Site::CSRF, Site::LANG, Site::CONSENT] {
            let values = expect::values(&joined, cookie.name());
            let read = cookie.read_header(text);
            assert_eq!(
                read == Err(DecodeError::Ambiguous),
                values.len() > 1,
                "{:?} in {text:?}: {read:?}",
                cookie.name()
            );
        }
    }

    // The consent cookie.
    let values = expect::values(&joined, "consent");
    let consent = signed_store().read_at(&cookies, now());
    assert!(!consent.is_given(), "a signed consent from foreign bytes: {joined:?}");
    if values.len() > 1 {
        assert_eq!(consent.not_asked_reason(), Some(NotAsked::Ambiguous));
    }
    let unsigned = ConsentCookie::<Site>::unsigned().read_at(&cookies, now());
    if unsigned.is_given() {
        assert!(
            values.len() == 1 && expect::genuine_unsigned(values[0], true),
            "an unsigned consent from bytes the store does not write: {joined:?}"
        );
    }
    if values.len() > 1 {
        assert_eq!(unsigned.not_asked_reason(), Some(NotAsked::Ambiguous));
    }

    // The audit.
    for consent in [&consent, &unsigned] {
        let findings = consent::audit_request(&cookies, consent);
        let mut unreadable = 0;
        let mut reported = Vec::new();
        for finding in &findings {
            let line = finding.to_string();
            assert!(
                !line.contains(['\n', '\r']),
                "a finding on two lines: {line:?}"
            );
            match finding {
                Finding::Unreadable { .. } => unreadable += 1,
                Finding::Ambiguous { name } => reported.push(name.as_str()),
                _ => {}
            }
        }
        assert_eq!(unreadable, invalid.len(), "{joined:?}");
        reported.sort_unstable();
        // Only declared cookies are reported ambiguous: an undeclared one
        // is reported as undeclared, each time it comes.
        let declared: Vec<&str> = ambiguous
            .iter()
            .copied()
            .filter(|name| <Site as cookie_decl::Registry>::get(name).is_some())
            .collect();
        assert_eq!(reported, declared, "{joined:?}");
    }

    // The CSRF token.
    let cookie_token = expect::csrf_cookie(&joined);
    if let Ok(token) = CsrfToken::<Site>::for_request(&cookies) {
        match cookie_token {
            Ok(held) => {
                assert_eq!(token.as_str(), held);
                assert!(token.set_cookie().is_none());
            }
            Err(_) => {
                assert!(expect::well_formed_token(token.as_str()));
                assert!(token.set_cookie().is_some());
            }
        }
    }

    // A consent form, any piece of the input as its body.
    for body in &headers {
        let body = String::from_utf8_lossy(body);
        let Ok(form) = ConsentForm::parse(&body) else {
            continue;
        };
        for origin in [
            FormOrigin::new(),
            FormOrigin::new().sec_fetch_site(Some(b"same-origin")),
        ] {
            if form.verify::<Site>(&cookies, origin).is_ok() {
                assert!(
                    cookie_token.is_ok() && expect::form_token(&body).as_deref() == cookie_token.ok(),
                    "a form acted on without the cookie's token: {body:?} with {joined:?}"
                );
            }
        }
    }
});

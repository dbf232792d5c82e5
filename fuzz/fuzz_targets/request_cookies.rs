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
//! - the audit lists the findings of the header's grammar in its order
//!   (each unreadable pair, undeclared name and cookie without consent,
//!   then each ambiguous declared name, once), the first `MAX_FINDINGS`
//!   of them, then one `Omitted` counting the rest; every finding on one
//!   line;
//! - the CSRF token is the visitor's well-formed one, or a fresh one;
//! - a consent form (any piece of the input as its body) is acted on only
//!   when its token is the `csrf_token` cookie's.
//!
//! Every check here is linear in the input (`oracle.rs`), but for the
//! names asked one by one, a bounded number of them: `run.sh` gives this
//! target inputs of up to 500 kB and a per-input timeout that a slow path
//! of the library must trip, not the target's own checks.
#![no_main]

#[path = "oracle.rs"]
mod oracle;

use cookie_decl::DecodeError;
use cookie_decl::consent::{
    self, Consent, ConsentCookie, ConsentForm, CsrfToken, Finding, FormOrigin, Lookup,
    MAX_FINDINGS, NotAsked, RequestCookies, SeenIn,
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

    // Each name: one value, or ambiguous. Each `lookup` reads the whole
    // header: the names asked are the fixed ones, and the first 64
    // distinct names and 64 ambiguous ones of the header.
    let values = oracle::values_by_name(&segments);
    let mut names: Vec<&str> = vec!["sid", "consent", "__Host-csrf", "lang", "", "_ga_K2"];
    let mut distinct = std::collections::HashSet::new();
    let (mut firsts, mut twice) = (0, 0);
    for &(name, _) in &pairs {
        if !distinct.insert(name) {
            continue;
        }
        let ambiguous = values[name].len() > 1;
        if firsts < 64 || (ambiguous && twice < 64) {
            names.push(name);
            firsts += 1;
            twice += usize::from(ambiguous);
        }
    }
    for &name in &names {
        let expected = match values.get(name).map(Vec::as_slice) {
            None | Some([]) => Lookup::Absent,
            Some([value]) => Lookup::One(value),
            Some(_) => Lookup::Ambiguous,
        };
        assert_eq!(cookies.lookup(name), expected, "{name:?} in {joined:?}");
        assert_eq!(cookies.get(name), expected.value(), "{name:?} in {joined:?}");
    }
    if let Ok(text) = std::str::from_utf8(&joined) {
        for cookie in [Site::SID, Site::CSRF, Site::LANG, Site::CONSENT] {
            let values = values.get(cookie.name()).map_or(0, Vec::len);
            let read = cookie.read_header(text);
            assert_eq!(
                read == Err(DecodeError::Ambiguous),
                values > 1,
                "{:?} in {text:?}: {read:?}",
                cookie.name()
            );
        }
    }

    // The consent cookie.
    let values = oracle::values(&joined, "consent");
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

    // The audit: the findings of the header's grammar, in order, the
    // first `MAX_FINDINGS` listed and the rest counted.
    for consent in [&consent, &unsigned] {
        let findings = consent::audit_request(&cookies, consent);
        for finding in &findings {
            let line = finding.to_string();
            assert!(
                !line.contains(['\n', '\r']),
                "a finding on two lines: {line:?}"
            );
        }
        let expected = expected_findings(&segments, consent);
        let listed = expected.len().min(MAX_FINDINGS);
        assert_eq!(
            findings.len(),
            listed + usize::from(expected.len() > MAX_FINDINGS),
            "{joined:?}"
        );
        for (found, expected) in findings.iter().zip(&expected[..listed]) {
            let agrees = match (found, *expected) {
                (Finding::Unreadable { .. }, Expected::Unreadable) => true,
                (
                    Finding::Undeclared {
                        seen_in: SeenIn::Request,
                        name,
                    },
                    Expected::Undeclared(expected),
                ) => name == expected,
                (
                    Finding::WithoutConsent {
                        seen_in: SeenIn::Request,
                        name,
                        ..
                    },
                    Expected::WithoutConsent(expected),
                ) => name == expected,
                (Finding::Ambiguous { name }, Expected::Ambiguous(expected)) => name == expected,
                _ => false,
            };
            assert!(agrees, "{found:?} where {expected:?} in {joined:?}");
        }
        if expected.len() > MAX_FINDINGS {
            assert_eq!(
                findings[MAX_FINDINGS],
                Finding::Omitted {
                    seen_in: SeenIn::Request,
                    count: expected.len() - MAX_FINDINGS
                },
                "{joined:?}"
            );
        }
    }

    // The CSRF token.
    let cookie_token = oracle::csrf_cookie(&joined);
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

    // A consent form, any piece of the input as its body: the first 8
    // that parse (each verified against the whole header).
    let mut verified = 0;
    for body in &headers {
        if verified == 8 {
            break;
        }
        let body = String::from_utf8_lossy(body);
        let Ok(form) = ConsentForm::parse(&body) else {
            continue;
        };
        verified += 1;
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

/// A finding of the request audit, as the header's grammar gives it.
#[derive(Clone, Copy, Debug)]
enum Expected<'a> {
    Unreadable,
    Undeclared(&'a str),
    WithoutConsent(&'a str),
    Ambiguous(&'a str),
}

/// Every finding of the audit of `segments` under `consent`, in order:
/// each segment's, then each declared name carried with two different
/// values, in the order its second value came. One pass.
fn expected_findings<'a>(segments: &[Segment<'a>], consent: &Consent<Site>) -> Vec<Expected<'a>> {
    let mut findings = Vec::new();
    let mut first: std::collections::HashMap<&str, (&str, bool)> = Default::default();
    let mut ambiguous = Vec::new();
    for segment in segments {
        let (name, value) = match *segment {
            Segment::Pair(name, value) => (name, value),
            Segment::Invalid => {
                findings.push(Expected::Unreadable);
                continue;
            }
        };
        let Some(spec) = <Site as cookie_decl::Registry>::get(name) else {
            findings.push(Expected::Undeclared(name));
            continue;
        };
        if spec.needs_consent() && !consent.allows(spec.category()) {
            findings.push(Expected::WithoutConsent(name));
        }
        let (seen, reported) = first.entry(name).or_insert((value, false));
        if *seen != value && !*reported {
            *reported = true;
            ambiguous.push(Expected::Ambiguous(name));
        }
    }
    findings.extend(ambiguous);
    findings
}

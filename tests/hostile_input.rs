//! Requests made to stall the server, through the public API: each test is
//! named after the shape of one, of the size a server accepts (hyper takes
//! a `Cookie` header of some 400 kB), and checks what the library answers
//! to it: the consent read right, a name with two values found, the report
//! bounded by `MAX_FINDINGS`.
//!
//! No test asserts a time: that every reader is linear in its input is
//! measured in `benches/hostile.rs`, each worst shape beside an ordinary
//! input of the same size (figures in BENCHMARKS.md). Here the readers
//! must give the right answer on those inputs, and a bounded one.

use cookie_decl::consent::{
    self, CategorySet, Consent, ConsentCookie, ConsentForm, CsrfError, CsrfToken, Finding,
    FormAction, FormError, FormOrigin, Lookup, MAX_FINDINGS, RequestCookies, SeenIn, SiteForm,
    gpc_signal,
};
use cookie_decl::{Category, declare_cookies};

declare_cookies! {
    pub struct Site { site: "https://example.fr" }
    necessary {
        sid {
            provider: "Example", service: "Login", purpose: "Keep the visitor signed in.",
        }
        consent {
            provider: "Example", service: "Consent", purpose: "Remember the choice.",
            max_age: 6 months, stores_consent: true,
        }
        "__Host-csrf" as CSRF {
            provider: "Example", service: "Forms", purpose: "Protect the forms.",
            same_site: Strict, csrf_token: true,
        }
    }
    preferences {
        lang {
            provider: "Example", service: "Language", purpose: "Remember the language.",
            max_age: 1 year, http_only: false,
        }
    }
    statistics {
        visits {
            provider: "Example", service: "Audience", purpose: "Count visits.",
            max_age: 13 months,
        }
        extern "_pk_id.*" as MATOMO {
            provider: "Matomo", service: "Audience", purpose: "Tell visitors apart.",
            max_age: 13 months,
        }
    }
}

/// What hyper accepts for a request's headers by default.
const HEADER_SIZE: usize = 400_000;

fn store() -> ConsentCookie<Site> {
    ConsentCookie::unsigned()
}

/// The `consent=...` pair a browser sends back after the visitor granted
/// `granted`.
fn consent_pair(granted: CategorySet) -> String {
    store().record("", granted).set_cookies()[0]
        .stripped()
        .to_string()
}

/// `pair; ` repeated up to `HEADER_SIZE` bytes.
fn repeated(pair: &str) -> String {
    format!("{pair}; ").repeat(HEADER_SIZE / (pair.len() + 2))
}

/// The last finding, which must count those left out: `count`.
fn assert_omitted(findings: &[Finding], seen_in: SeenIn, count: usize) {
    assert_eq!(findings.len(), MAX_FINDINGS + 1);
    assert_eq!(findings[MAX_FINDINGS], Finding::Omitted { seen_in, count });
    assert!(
        findings[MAX_FINDINGS]
            .to_string()
            .contains(&format!(" {count} more cookies ")),
        "{}",
        findings[MAX_FINDINGS]
    );
}

#[test]
fn a_header_of_one_declared_pair_repeated_is_read_in_linear_time() {
    // A necessary cookie: nothing to report, however often it comes.
    let header = repeated("sid=1");
    assert!(header.len() > HEADER_SIZE - 10);
    let cookies = RequestCookies::from(header.as_str());
    assert_eq!(cookies.lookup("sid"), Lookup::One("1"));
    assert_eq!(
        consent::audit_request(&cookies, &Consent::<Site>::not_asked()),
        []
    );

    // A cookie that needs consent, sent 57,000 times before any choice:
    // one finding each, the first `MAX_FINDINGS` listed.
    let header = repeated("visits=1");
    let pairs = header.matches("visits=1").count();
    let findings = consent::audit_request(header.as_str(), &Consent::<Site>::not_asked());
    let without = Finding::WithoutConsent {
        seen_in: SeenIn::Request,
        name: "visits".to_owned(),
        category: Category::Statistics,
    };
    assert!(
        findings[..MAX_FINDINGS]
            .iter()
            .all(|found| *found == without)
    );
    assert_omitted(&findings, SeenIn::Request, pairs - MAX_FINDINGS);

    // With the visitor's yes in the middle of it, read right; one other
    // value at the very end makes the name ambiguous, and is the only
    // finding.
    let yes = consent_pair(CategorySet::from(Category::Statistics));
    let half = header.len() / 2;
    let cut = half + header[half..].find("; ").expect("a separator") + 2;
    let mut header = format!("{}{yes}; {}", &header[..cut], &header[cut..]);
    let consent = store().read(header.as_str());
    assert!(consent.is_given() && consent.allows(Category::Statistics));
    assert_eq!(consent::audit_request(header.as_str(), &consent), []);
    header.push_str("visits=2");
    assert_eq!(
        consent::audit_request(header.as_str(), &consent),
        [Finding::Ambiguous {
            name: "visits".to_owned()
        }]
    );
    assert_eq!(RequestCookies::from(header.as_str()).get("visits"), None);
}

#[test]
fn a_header_of_pattern_names_sent_twice_is_read_in_linear_time() {
    // 20,000 names an `extern` pattern matches, each sent twice with two
    // values (760 kB): every one is ambiguous, the first `MAX_FINDINGS`
    // listed in the header's order.
    let names: Vec<String> = (0..20_000).map(|n| format!("_pk_id.1.{n:06}")).collect();
    let yes = consent_pair(CategorySet::from(Category::Statistics));
    let mut header = String::new();
    for (n, name) in names.iter().enumerate() {
        if n == names.len() / 2 {
            header.push_str(&yes);
            header.push_str("; ");
        }
        header.push_str(&format!("{name}=a; {name}=b; "));
    }
    assert!(header.len() > 750_000, "{}", header.len());
    let consent = store().read(header.as_str());
    assert!(consent.is_given() && consent.allows(Category::Statistics));
    let findings = consent::audit_request(header.as_str(), &consent);
    for (found, name) in findings[..MAX_FINDINGS].iter().zip(&names) {
        assert_eq!(*found, Finding::Ambiguous { name: name.clone() });
    }
    assert_omitted(&findings, SeenIn::Request, names.len() - MAX_FINDINGS);
    let cookies = RequestCookies::from(header.as_str());
    assert_eq!(cookies.lookup(&names[12_345]), Lookup::Ambiguous);

    // The same names sent twice with one value each: nothing ambiguous.
    let header = header.replace("=b;", "=a;");
    assert_eq!(consent::audit_request(header.as_str(), &consent), []);
    let cookies = RequestCookies::from(header.as_str());
    assert_eq!(cookies.lookup(&names[12_345]), Lookup::One("a"));
    assert!(store().read(&cookies).is_given());

    // Before any choice: each pair needs consent (40,000 findings); the
    // one name left with two values is listed after them, counted here.
    let header = header.replace(&yes, "").replacen("=a;", "=b;", 1);
    let findings = consent::audit_request(header.as_str(), &Consent::<Site>::not_asked());
    assert!(findings[..MAX_FINDINGS].iter().all(
        |found| matches!(found, Finding::WithoutConsent { name, .. } if name.starts_with("_pk_id.1."))
    ));
    assert_omitted(
        &findings,
        SeenIn::Request,
        2 * names.len() + 1 - MAX_FINDINGS,
    );
}

#[test]
fn a_header_of_thousands_of_undeclared_names_gives_a_bounded_report() {
    // 40,000 distinct names no declaration knows (480 kB).
    let header: String = (0..40_000).map(|n| format!("ut{n:05}=v1; ")).collect();
    assert!(header.len() > HEADER_SIZE, "{}", header.len());
    let findings = consent::audit_request(header.as_str(), &Consent::<Site>::not_asked());
    for (n, found) in findings[..MAX_FINDINGS].iter().enumerate() {
        assert_eq!(
            *found,
            Finding::Undeclared {
                seen_in: SeenIn::Request,
                name: format!("ut{n:05}"),
            }
        );
    }
    assert_omitted(&findings, SeenIn::Request, 40_000 - MAX_FINDINGS);

    // Pairs that cannot be read count alike, and the consent among them
    // is still read.
    let yes = consent_pair(CategorySet::ALL);
    let header = format!("{}{yes}; {}", repeated("x=\u{e9}"), repeated("y\u{1}=1"));
    let cookies = RequestCookies::from(header.as_str());
    let consent = store().read(&cookies);
    assert!(consent.is_given());
    let unreadable = cookies.invalid().count();
    assert!(unreadable > 100_000, "{unreadable}");
    let findings = consent::audit_request(&cookies, &consent);
    assert!(findings[..MAX_FINDINGS].iter().all(|found| *found
        == Finding::Unreadable {
            pair: "`x=\\xc3\\xa9`".to_owned()
        }));
    assert_omitted(&findings, SeenIn::Request, unreadable - MAX_FINDINGS);
}

#[test]
fn a_report_past_the_bound_keeps_the_header_order() {
    // Undeclared names and cookies without consent interleaved, then
    // ambiguous names: the first `MAX_FINDINGS` in the order of a short
    // header's report, whatever follows.
    let mut header = String::new();
    for n in 0..5_000 {
        header.push_str(&format!("theme_{n}=dark; lang=fr; _pk_id.{n}=a; "));
    }
    header.push_str("_pk_id.0=b; lang=en");
    let findings = consent::audit_request(header.as_str(), &Consent::<Site>::not_asked());
    let mut expected = Vec::new();
    for n in 0.. {
        if expected.len() >= MAX_FINDINGS {
            break;
        }
        expected.push(Finding::Undeclared {
            seen_in: SeenIn::Request,
            name: format!("theme_{n}"),
        });
        expected.push(Finding::WithoutConsent {
            seen_in: SeenIn::Request,
            name: "lang".to_owned(),
            category: Category::Preferences,
        });
        expected.push(Finding::WithoutConsent {
            seen_in: SeenIn::Request,
            name: format!("_pk_id.{n}"),
            category: Category::Statistics,
        });
    }
    assert_eq!(findings[..MAX_FINDINGS], expected[..MAX_FINDINGS]);
    // 15,000 pairs, 2 more that need consent, 2 ambiguous names.
    assert_omitted(&findings, SeenIn::Request, 15_004 - MAX_FINDINGS);

    // Once the visitor said yes, only the undeclared names and the
    // ambiguous ones are left; the first are listed, the rest counted.
    let yes = consent_pair(CategorySet::ALL);
    let header = format!("{yes}; {header}");
    let consent = store().read(header.as_str());
    assert!(consent.allows(Category::Preferences));
    let findings = consent::audit_request(header.as_str(), &consent);
    assert!(
        findings[..MAX_FINDINGS]
            .iter()
            .all(|found| matches!(found, Finding::Undeclared { .. }))
    );
    assert_omitted(&findings, SeenIn::Request, 5_002 - MAX_FINDINGS);

    // A short header is listed whole, ambiguous names last.
    let short = "_pk_id.7=a; theme=dark; _pk_id.7=b; lang=fr; lang=en";
    assert_eq!(
        consent::audit_request(short, &consent),
        [
            Finding::Undeclared {
                seen_in: SeenIn::Request,
                name: "theme".to_owned()
            },
            Finding::Ambiguous {
                name: "_pk_id.7".to_owned()
            },
            Finding::Ambiguous {
                name: "lang".to_owned()
            },
        ]
    );
}

#[test]
fn a_response_of_thousands_of_set_cookies_gives_a_bounded_report() {
    let lines: Vec<String> = (0..10_000)
        .map(|n| format!("tracker_{n}=1; Path=/"))
        .collect();
    let findings = consent::audit_response(&lines, &Consent::<Site>::not_asked());
    assert_eq!(
        findings[0],
        Finding::Undeclared {
            seen_in: SeenIn::Response,
            name: "tracker_0".to_owned()
        }
    );
    assert_omitted(&findings, SeenIn::Response, 10_000 - MAX_FINDINGS);
    // A line with several findings counts each.
    let weak = vec!["sid=1; Path=/app"; 1_000];
    let findings = consent::audit_response(&weak, &Consent::<Site>::not_asked());
    let each = consent::audit_response(["sid=1; Path=/app"], &Consent::<Site>::not_asked());
    assert!(each.len() > 1, "{each:?}");
    assert_eq!(findings[..each.len()], each[..]);
    assert_omitted(
        &findings,
        SeenIn::Response,
        1_000 * each.len() - MAX_FINDINGS,
    );
}

#[test]
fn a_form_of_repeated_fields_is_read_in_linear_time() {
    // The same box ticked 20,000 times (400 kB): one category.
    let body = format!(
        "{}csrf_token=t0k3n&consent=save",
        "category=statistics&".repeat(HEADER_SIZE / 20)
    );
    let form = ConsentForm::parse(&body).expect("a form");
    assert_eq!(form.csrf_token(), "t0k3n");
    let token = CsrfToken::<Site>::issue().expect("random bytes");
    let body = body.replace("t0k3n", token.as_str());
    let cookies = format!("__Host-csrf={}", token.as_str());
    assert_eq!(
        ConsentForm::parse(&body)
            .expect("a form")
            .verify::<Site>(cookies.as_str(), FormOrigin::new()),
        Ok(FormAction::Record(CategorySet::from(Category::Statistics)))
    );

    // Two answers, far apart, are none.
    let body = format!(
        "consent=none&{}csrf_token=t&consent=all",
        "category=marketing&".repeat(HEADER_SIZE / 19)
    );
    assert_eq!(ConsentForm::parse(&body), Err(FormError::Action));
    // An answer repeated 40,000 times is refused the same.
    let body = format!("csrf_token=t&{}", "consent=all&".repeat(HEADER_SIZE / 12));
    assert_eq!(ConsentForm::parse(&body), Err(FormError::Action));
    // A second token at the end of 100,000 fields.
    let body = format!(
        "csrf_token=t&consent=all&{}csrf_token=u",
        "a=1&".repeat(100_000)
    );
    assert_eq!(ConsentForm::parse(&body), Err(FormError::Csrf));

    // A site form of 100,000 fields, one of them repeated throughout.
    let body = format!(
        "csrf_token={}&next=%2Fhome&{}",
        token.as_str(),
        "lang=fr&".repeat(100_000)
    );
    let fields = SiteForm::parse(&body)
        .expect("a form")
        .verify::<Site>(cookies.as_str(), FormOrigin::new())
        .expect("the visitor's token");
    assert_eq!(fields.get("next"), Some("/home"));
    assert_eq!(fields.get("lang"), None);
    assert_eq!(fields.get("absent"), None);
    assert_eq!(fields.iter().count(), 100_001);
}

#[test]
fn a_header_of_csrf_cookies_repeated_reads_one_token() {
    let token = CsrfToken::<Site>::issue().expect("random bytes");
    let pair = format!("__Host-csrf={}", token.as_str());
    let header = repeated(&pair);
    let again = CsrfToken::<Site>::for_request(header.as_str()).expect("random bytes");
    assert_eq!(again.as_str(), token.as_str());
    assert!(again.set_cookie().is_none());
    let form =
        ConsentForm::parse(&format!("csrf_token={}&consent=none", token.as_str())).expect("a form");
    assert_eq!(
        form.verify::<Site>(header.as_str(), FormOrigin::new()),
        Ok(FormAction::Record(CategorySet::NONE))
    );
    // One planted token at the end of them.
    let planted = format!("{header}__Host-csrf=0123456789abcdef0123456789abcdef");
    assert_eq!(
        form.verify::<Site>(planted.as_str(), FormOrigin::new()),
        Err(CsrfError::AmbiguousCookie)
    );
    let fresh = CsrfToken::<Site>::for_request(planted.as_str()).expect("random bytes");
    assert_ne!(fresh.as_str(), token.as_str());
    assert!(fresh.set_cookie().is_some());
}

#[test]
fn other_headers_of_the_accepted_size_are_read_whole() {
    // `Sec-GPC`: the signal amid white space, or not the signal.
    let spaces = " ".repeat(HEADER_SIZE / 2);
    assert!(gpc_signal(Some(format!("{spaces}1{spaces}").as_bytes())));
    assert!(!gpc_signal(Some(format!("{spaces}1{spaces}0").as_bytes())));
    // A value of escapes, decoded whole; one bad escape at its end.
    let encoded = "%41".repeat(HEADER_SIZE / 3);
    let decoded = cookie_decl::decode_value(&encoded).expect("valid escapes");
    assert_eq!(decoded.len(), HEADER_SIZE / 3);
    assert!(decoded.bytes().all(|b| b == b'A'));
    let bad = format!("{encoded}%4");
    assert_eq!(
        cookie_decl::decode_value(&bad),
        Err(cookie_decl::DecodeError::BadEscape {
            index: encoded.len()
        })
    );
    // The consent cookie alone in a header of empty pairs and spaces.
    let yes = consent_pair(CategorySet::ALL);
    let header = format!(
        "{}{yes}{}",
        ";  ".repeat(HEADER_SIZE / 6),
        " ; ".repeat(HEADER_SIZE / 6)
    );
    assert!(store().read(header.as_str()).is_given());
    assert_eq!(
        consent::audit_request(header.as_str(), &store().read(header.as_str())),
        []
    );
    // Several `Cookie` headers (HTTP/2 may send one per cookie).
    let many: Vec<String> = (0..20_000).map(|n| format!("tracker_{n}=1")).collect();
    let cookies = RequestCookies::from_headers(many.iter().map(String::as_str));
    assert_eq!(cookies.iter().count(), 20_000);
    let findings = consent::audit_request(&cookies, &Consent::<Site>::not_asked());
    assert_omitted(&findings, SeenIn::Request, 20_000 - MAX_FINDINGS);
}

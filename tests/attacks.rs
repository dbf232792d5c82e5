//! Consent under attack, through the public API: each test is named after
//! an attack, and each one must fail to get consent, a weaker cookie or a
//! missed removal out of the library.
//!
//! 1. A value the application signed for another cookie, copied into the
//!    consent cookie.
//! 2. A second consent cookie planted beside the visitor's (a longer
//!    `Path`, a parent `Domain`).
//! 3. A cross-site page that auto-submits "Tout accepter".
//! 4. One non-ASCII (or non-UTF-8) cookie that used to hide the whole
//!    request.
//! 5. A declared cookie sent weaker than declared, through the layer, or
//!    in a line the `cookie` crate and a browser read differently.
//! 6. An `extern` cookie on a path the consent form's request never
//!    carries.
//!
//! Then the layer's request audit (a tracker set before consent), and
//! property tests: arbitrary bytes in any request header never grant nor
//! panic; a value signed for any other name never grants.
#![cfg(feature = "axum")]

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::{FromRef, State};
use axum::http::header::{CONTENT_TYPE, COOKIE, ORIGIN, SET_COOKIE};
use axum::http::{HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use cookie_decl::axum::{Action, ConsentChoice, ConsentLayer, request_cookies};
use cookie_decl::consent::{
    self, CategorySet, Consent, ConsentCookie, ConsentError, ConsentForm, CsrfError, CsrfToken,
    Finding, FormAction, FormError, FormOrigin, Lookup, NotAsked, RequestCookies,
};
use cookie_decl::cookie::{Cookie, CookieJar, Key};
use cookie_decl::{Category, DecodeError, declare_cookies};
use proptest::prelude::*;
use tower::ServiceExt;

/// The site's registry, declared by a macro so that the staging site's
/// (`staging::Staging`) is the same word for word but for its `site`.
macro_rules! site_cookies {
    ($name:ident, $site:tt) => {
        declare_cookies! {
            pub struct $name { site: $site }
            necessary {
                "__Host-sid" as SESSION {
                    provider: "Example", service: "Login", purpose: "Keep the visitor signed in.",
                    max_age: 12 hours,
                }
                "__Host-csrf" as CSRF {
                    provider: "Example", service: "Forms", purpose: "Protect the forms.",
                    same_site: Strict, csrf_token: true,
                }
                cookies_preferences as CONSENT {
                    provider: "Example", service: "Consent", purpose: "Remember the choice.",
                    max_age: 6 months, stores_consent: true,
                }
                theme {
                    provider: "Example", service: "Display", purpose: "Remember the theme.",
                    http_only: false,
                }
            }
            statistics {
                visits {
                    provider: "Example", service: "Audience", purpose: "Count visits.",
                    max_age: 13 months,
                }
                extern "_pk_id.1.4c2f" as MATOMO {
                    provider: "Matomo", service: "Audience", purpose: "Tell visitors apart.",
                    max_age: 13 months, path: "/stats",
                }
                extern "_ga_*" as GA {
                    provider: "Google", service: "Analytics", purpose: "Tell visitors apart.",
                    max_age: 13 months,
                }
            }
            marketing {
                ad {
                    provider: "Example", service: "Ads", purpose: "Measure campaigns.",
                    max_age: 3 months, same_site: None, partitioned: true,
                }
                extern "chat_widget" as CHAT {
                    provider: "Chat", service: "Support", purpose: "Keep the conversation.",
                    max_age: 1 months, partitioned: true,
                }
            }
        }
    };
}

site_cookies!(Site, "https://data.example.fr");

declare_cookies! {
    /// Another registry of the same application, with its own consent
    /// cookie, signed with the same key.
    pub struct Newsletter { site: "https://data.example.fr" }
    necessary {
        newsletter_consent as CONSENT {
            provider: "Example", service: "Newsletter", purpose: "Remember the choice.",
            max_age: 6 months, stores_consent: true,
        }
    }
    marketing {
        tracker {
            provider: "Example", service: "Newsletter", purpose: "Measure opens.",
            max_age: 3 months,
        }
    }
}

fn key() -> Key {
    Key::from(&[42; 64])
}

fn store() -> ConsentCookie<Site> {
    ConsentCookie::signed(key())
}

/// The `name=value` pair a browser sends back for the consent cookie of
/// `recorded`.
fn pair(set_cookies: &[Cookie<'static>]) -> String {
    set_cookies[0].stripped().to_string()
}

// 1. -----------------------------------------------------------------

#[test]
fn a_value_signed_for_another_cookie_never_counts_as_consent() {
    let store = store();
    let real = store.record("", CategorySet::ALL);
    let value = real.set_cookies()[0].value().to_owned();

    // The `cookie` crate's signed jar, same key, another cookie whose
    // value the visitor chose (a signed `theme`): whatever the value, it
    // is not consent.
    for chosen in [value.as_str(), "1.7.0.x.y", "dark"] {
        let mut jar = CookieJar::new();
        jar.signed_mut(&key())
            .add(Cookie::new("theme", chosen.to_owned()));
        let signed = jar.get("theme").expect("signed").value().to_owned();
        let copied = format!("cookies_preferences={signed}");
        assert!(!store.read(copied.as_str()).is_given(), "{copied}");
    }

    // The same application's other consent cookie, sealed with the same
    // key: its seal covers its own name, not this one's.
    let other = ConsentCookie::<Newsletter>::signed(key()).record("", CategorySet::ALL);
    let copied = format!("cookies_preferences={}", other.set_cookies()[0].value());
    assert_eq!(
        store.read(copied.as_str()).not_asked_reason(),
        Some(NotAsked::Invalid(ConsentError::Signature))
    );
    // And the real one still reads.
    assert!(store.read(pair(real.set_cookies()).as_str()).is_given());
}

/// The production registry's cookies, word for word, on the staging site,
/// which shares the production key.
mod staging {
    use cookie_decl::declare_cookies;

    site_cookies!(Staging, "https://staging.data.example.fr");
}

/// A "yes" given on the staging site, whose registry is production's word
/// for word but for its `site`, and which shares production's key (a
/// common shortcut), carried to production: the seal covers the site, so
/// it is not consent there.
#[test]
fn a_staging_sites_consent_never_counts_in_production() {
    use cookie_decl::consent::ConsentRegistry;
    let staging = ConsentCookie::<staging::Staging>::signed(key()).record("", CategorySet::ALL);
    let copied = pair(staging.set_cookies());
    assert!(copied.starts_with("cookies_preferences="), "{copied}");
    // The same declaration in every other respect.
    assert_eq!(
        <staging::Staging as ConsentRegistry>::FINGERPRINT,
        <Site as ConsentRegistry>::FINGERPRINT
    );
    assert_eq!(
        store().read(copied.as_str()).not_asked_reason(),
        Some(NotAsked::Invalid(ConsentError::Signature))
    );
}

// 2. -----------------------------------------------------------------

#[test]
fn a_planted_second_consent_cookie_reads_as_not_asked() {
    let store = store();
    let refusal = pair(store.record("", CategorySet::NONE).set_cookies());
    // The attacker's own "accept all", validly sealed (obtained by
    // visiting the site), planted on a longer path: browsers send it
    // first.
    let planted = pair(store.record("", CategorySet::ALL).set_cookies());
    for header in [
        format!("{planted}; {refusal}"),
        format!("{refusal}; {planted}"),
        format!("theme=dark; {planted}; __Host-sid=s; {refusal}"),
    ] {
        let consent = store.read(header.as_str());
        assert_eq!(
            consent.not_asked_reason(),
            Some(NotAsked::Ambiguous),
            "{header}"
        );
        assert!(!consent.allows(Category::Statistics));
        assert_eq!(consent.cookie(Site::VISITS, "1"), None);
        // The audit says why.
        let findings = consent::audit_request(header.as_str(), &consent);
        assert!(
            findings.contains(&Finding::Ambiguous {
                name: "cookies_preferences".to_owned()
            }),
            "{findings:?}"
        );
    }
    // The same cookie twice (two `Cookie` headers) is one value.
    let twice = format!("{refusal}; {refusal}");
    assert!(store.read(twice.as_str()).is_given());

    // The unsigned store: a planted "accept all" is trivially valid alone
    // (documented), but beside the visitor's own it does not win either.
    let unsigned = ConsentCookie::<Site>::unsigned();
    let own = pair(unsigned.record("", CategorySet::NONE).set_cookies());
    let forged = pair(unsigned.record("", CategorySet::ALL).set_cookies());
    let both = format!("{forged}; {own}");
    assert_eq!(
        unsigned.read(both.as_str()).not_asked_reason(),
        Some(NotAsked::Ambiguous)
    );

    // Every reader of one cookie out of a header fails closed the same way.
    let cookies = RequestCookies::from(both.as_str());
    assert_eq!(cookies.lookup("cookies_preferences"), Lookup::Ambiguous);
    assert_eq!(cookies.get("cookies_preferences"), None);
    assert_eq!(
        Site::CONSENT.read_header(&both),
        Err(DecodeError::Ambiguous)
    );
    let token = CsrfToken::<Site>::issue().unwrap();
    let planted_csrf = format!(
        "__Host-csrf=0123456789abcdef0123456789abcdef; __Host-csrf={}",
        token.as_str()
    );
    let fresh = CsrfToken::<Site>::for_request(planted_csrf.as_str()).unwrap();
    assert!(fresh.set_cookie().is_some(), "neither token is taken");
}

// 3. -----------------------------------------------------------------

#[derive(Clone)]
struct App {
    consent: ConsentCookie<Site>,
}

impl FromRef<App> for ConsentCookie<Site> {
    fn from_ref(app: &App) -> Self {
        app.consent.clone()
    }
}

async fn record(State(app): State<App>, choice: ConsentChoice<Site>) -> Response {
    match choice.action() {
        FormAction::Customise => Redirect::to("/cookies/preferences").into_response(),
        FormAction::Record(granted) => {
            let recorded = app.consent.record(choice.cookies(), granted);
            (recorded, Redirect::to("/")).into_response()
        }
    }
}

/// What a layer reported: each finding as a line, what it did, and where.
type Reports = Arc<Mutex<Vec<(String, Action, String)>>>;

fn router_with(layer: ConsentLayer<Site>, extra: Router<App>) -> (Router, Reports) {
    let reports: Reports = Arc::default();
    let sink = Arc::clone(&reports);
    let layer = layer.on_finding(move |report| {
        sink.lock().unwrap().push((
            report.finding.to_string(),
            report.action,
            report.path.to_owned(),
        ));
    });
    let router = Router::new()
        .route("/cookies/consent", post(record))
        .merge(extra)
        .layer(layer)
        .with_state(App { consent: store() });
    (router, reports)
}

/// `GET /`, whose handler sends `line` as a `Set-Cookie`, past the
/// declaration.
fn setting(line: &str) -> Router<App> {
    let line = HeaderValue::from_str(line).expect("a header value");
    Router::new().route(
        "/",
        get(move || {
            let line = line.clone();
            async move {
                let mut response = "ok".into_response();
                response.headers_mut().append(SET_COOKIE, line);
                response
            }
        }),
    )
}

async fn send(router: &Router, request: Request<Body>) -> (StatusCode, Vec<String>) {
    let response = router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let set_cookies = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
        .collect();
    (status, set_cookies)
}

const TOKEN: &str = "0123456789abcdef0123456789abcdef";

/// A consent form post, as a browser would send it: `headers` on top.
fn form_post(body: &str, cookie: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut request = Request::post("/cookies/consent")
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("host", "data.example.fr");
    if !cookie.is_empty() {
        request = request.header(COOKIE, cookie);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(Body::from(body.to_owned())).expect("request")
}

#[tokio::test]
async fn a_cross_site_form_cannot_force_consent() {
    let (router, _) = router_with(ConsentLayer::enforce(store()), Router::new());
    let csrf = format!("__Host-csrf={TOKEN}");
    let accept = format!("csrf_token={TOKEN}&consent=all");
    let same_origin = [("sec-fetch-site", "same-origin")];

    // The visitor's own form: recorded.
    let (status, set) = send(&router, form_post(&accept, &csrf, &same_origin)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(set[0].starts_with("cookies_preferences=1.6."), "{set:?}");

    // An attacker's page that auto-submits "Tout accepter".
    for (why, body, cookie, headers) in [
        // The browser sends no `SameSite=Strict` cookie cross-site, and the
        // attacker cannot read the token.
        (
            "no cookie, guessed token",
            accept.clone(),
            String::new(),
            vec![("sec-fetch-site", "cross-site")],
        ),
        (
            "no cookie, no fetch metadata",
            accept.clone(),
            String::new(),
            vec![],
        ),
        // Even if the cookie were sent: the browser names the other site.
        (
            "cross-site",
            accept.clone(),
            csrf.clone(),
            vec![("sec-fetch-site", "cross-site")],
        ),
        (
            "a sibling subdomain",
            accept.clone(),
            csrf.clone(),
            vec![("sec-fetch-site", "same-site")],
        ),
        (
            "another origin",
            accept.clone(),
            csrf.clone(),
            vec![(ORIGIN.as_str(), "https://evil.example")],
        ),
        (
            "an opaque origin",
            accept.clone(),
            csrf.clone(),
            vec![(ORIGIN.as_str(), "null")],
        ),
        // Same origin, but not the visitor's token.
        (
            "no token at all",
            "consent=all".to_owned(),
            csrf.clone(),
            same_origin.to_vec(),
        ),
        (
            "wrong token",
            "csrf_token=ffffffffffffffffffffffffffffffff&consent=all".to_owned(),
            csrf.clone(),
            same_origin.to_vec(),
        ),
        (
            "empty token",
            "csrf_token=&consent=all".to_owned(),
            csrf.clone(),
            same_origin.to_vec(),
        ),
        (
            "planted second token",
            format!("csrf_token={TOKEN}&consent=all"),
            format!("__Host-csrf=ffffffffffffffffffffffffffffffff; {csrf}"),
            same_origin.to_vec(),
        ),
        (
            "a token of the wrong form",
            "csrf_token=x&consent=all".to_owned(),
            "__Host-csrf=x".to_owned(),
            same_origin.to_vec(),
        ),
    ] {
        let (status, set) = send(&router, form_post(&body, &cookie, &headers)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{why}");
        assert!(set.is_empty(), "{why}: nothing recorded, found {set:?}");
    }

    // The check in the types: the action of a form is only given by
    // `verify`, against the visitor's cookie.
    let form = ConsentForm::parse(&accept).unwrap();
    assert_eq!(
        form.verify::<Site>("", FormOrigin::new()),
        Err(CsrfError::MissingCookie)
    );
    assert_eq!(
        form.verify::<Site>(csrf.as_str(), FormOrigin::new()),
        Ok(FormAction::Record(CategorySet::ALL))
    );
}

/// A form that carries two answers (`consent=none&consent=all`, one of
/// them added to the visitor's own form): none of them is acted on, in
/// either order, never the more generous one.
#[tokio::test]
async fn a_form_with_two_answers_records_nothing() {
    for body in [
        "csrf_token=expected&consent=none&consent=all",
        "csrf_token=expected&consent=all&consent=none",
        "consent=save&category=statistics&csrf_token=expected&consent=all",
    ] {
        assert_eq!(
            ConsentForm::parse(body).unwrap_err(),
            FormError::Action,
            "{body}"
        );
        // The visitor's own token and cookie, from the site's own page.
        let body = body.replace("expected", TOKEN);
        let (router, _) = router_with(ConsentLayer::enforce(store()), Router::new());
        let request = form_post(
            &body,
            &format!("__Host-csrf={TOKEN}"),
            &[("sec-fetch-site", "same-origin")],
        );
        let (status, set) = send(&router, request).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(set.is_empty(), "{body}: {set:?}");
    }
    // One answer, the same token: recorded.
    let (router, _) = router_with(ConsentLayer::enforce(store()), Router::new());
    let request = form_post(
        &format!("csrf_token={TOKEN}&consent=none"),
        &format!("__Host-csrf={TOKEN}"),
        &[("sec-fetch-site", "same-origin")],
    );
    let (status, set) = send(&router, request).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(!set.is_empty());
}

// 4. -----------------------------------------------------------------

#[test]
fn one_non_ascii_cookie_does_not_hide_the_request() {
    let store = store();
    let yes = pair(store.record("", CategorySet::ALL).set_cookies());
    for stray in ["x=é", "é=1", "x=a\u{1}b", "x=\"é\""] {
        let header = format!("{stray}; {yes}; _ga_K2X9=GS1.1; __Host-sid=s");
        let cookies = RequestCookies::from(header.as_str());
        // Only the stray pair is lost.
        assert_eq!(cookies.invalid().count(), 1, "{header}");
        assert_eq!(cookies.get("__Host-sid"), Some("s"));
        let consent = store.read(&cookies);
        assert!(consent.is_given(), "{header}");
        // The withdrawal still removes what the request carries.
        let withdrawn = store.record(&cookies, CategorySet::NONE);
        assert!(
            withdrawn
                .set_cookies()
                .iter()
                .any(|cookie| cookie.name() == "_ga_K2X9"),
            "{header}"
        );
        // The audit reports the stray pair, and does not go blind.
        let findings = consent::audit_request(&cookies, &Consent::<Site>::not_asked());
        assert!(
            matches!(findings[0], Finding::Unreadable { .. }),
            "{findings:?}"
        );
        assert!(
            findings
                .iter()
                .any(|f| matches!(f, Finding::WithoutConsent { name, .. } if name == "_ga_K2X9")),
            "{findings:?}"
        );
        assert!(findings.iter().all(|f| !f.to_string().contains('\n')));
    }

    // Bytes that are not UTF-8, as a raw `http` header carries them.
    let mut headers = axum::http::HeaderMap::new();
    let mut raw = b"x=\xff\xfe; ".to_vec();
    raw.extend_from_slice(yes.as_bytes());
    headers.append(COOKIE, HeaderValue::from_bytes(&raw).unwrap());
    headers.append(COOKIE, HeaderValue::from_static("__Host-sid=s"));
    let cookies = request_cookies(&headers);
    assert!(store.read(&cookies).is_given());
    assert_eq!(cookies.get("__Host-sid"), Some("s"));
    let findings = consent::audit_request(&cookies, &store.read(&cookies));
    assert_eq!(
        findings,
        [Finding::Unreadable {
            pair: "`x=\\xff\\xfe`".to_owned()
        }]
    );
}

// 5. -----------------------------------------------------------------

#[tokio::test]
async fn enforce_never_sends_a_cookie_weaker_than_declared() {
    let session = "__Host-sid=abc; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=43200";
    let ad = "ad=1; HttpOnly; SameSite=None; Partitioned; Secure; Path=/; Max-Age=7776000";
    let theme = "theme=dark; SameSite=Lax; Secure; Path=/";
    let cases: &[(&str, &str, &str)] = &[
        (
            "Secure stripped",
            "__Host-sid=abc; HttpOnly; SameSite=Lax; Path=/; Max-Age=43200",
            session,
        ),
        (
            "HttpOnly stripped",
            "__Host-sid=abc; SameSite=Lax; Secure; Path=/; Max-Age=43200",
            session,
        ),
        (
            "SameSite=None",
            "__Host-sid=abc; HttpOnly; SameSite=None; Secure; Path=/; Max-Age=43200",
            session,
        ),
        (
            "no SameSite",
            "__Host-sid=abc; HttpOnly; Secure; Path=/; Max-Age=43200",
            session,
        ),
        (
            "a wider Domain",
            "theme=dark; SameSite=Lax; Secure; Path=/; Domain=example.fr",
            theme,
        ),
        (
            "another Path",
            "theme=dark; SameSite=Lax; Secure; Path=/app",
            theme,
        ),
        (
            "Partitioned stripped",
            "ad=1; HttpOnly; SameSite=None; Secure; Path=/; Max-Age=7776000",
            ad,
        ),
        (
            "ten years",
            "__Host-sid=abc; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=315360000",
            session,
        ),
        (
            "Expires far away",
            "__Host-sid=abc; HttpOnly; SameSite=Lax; Secure; Path=/; Expires=Fri, 01 Jan 2100 00:00:00 GMT",
            session,
        ),
        (
            "a lifetime on a session cookie",
            "theme=dark; SameSite=Lax; Secure; Path=/; Max-Age=31536000",
            theme,
        ),
        (
            "Expires on a session cookie",
            "theme=dark; SameSite=Lax; Secure; Path=/; Expires=Fri, 01 Jan 2100 00:00:00 GMT",
            theme,
        ),
    ];
    for &(why, sent, expected) in cases {
        let (router, reports) = router_with(ConsentLayer::enforce(store()), setting(sent));
        // A visitor who accepted all, so that consent is not the question.
        let yes = pair(store().record("", CategorySet::ALL).set_cookies());
        let request = Request::get("/")
            .header(COOKIE, yes)
            .body(Body::empty())
            .unwrap();
        let (_, set) = send(&router, request).await;
        assert_eq!(set, [expected], "{why}");
        let reports = reports.lock().unwrap();
        assert!(!reports.is_empty(), "{why}: reported");
        assert!(
            reports
                .iter()
                .all(|(_, action, path)| *action == Action::Rewritten && path == "/"),
            "{why}: {reports:?}"
        );
    }

    // A shorter lifetime than declared weakens nothing: kept, still
    // rewritten to the rest of the declaration.
    let shorter = "__Host-sid=abc; Path=/; Max-Age=60";
    let extra = Router::new().route(
        "/",
        get(move || async move {
            let mut response = "ok".into_response();
            response
                .headers_mut()
                .append(SET_COOKIE, HeaderValue::from_static(shorter));
            response
        }),
    );
    let (router, _) = router_with(ConsentLayer::enforce(store()), extra);
    let (_, set) = send(&router, Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(
        set,
        ["__Host-sid=abc; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=60"]
    );

    // A `Set-Cookie` that is not text is dropped, never sent.
    let extra = Router::new().route(
        "/",
        get(|| async {
            let mut response = "ok".into_response();
            response.headers_mut().append(
                SET_COOKIE,
                HeaderValue::from_bytes(b"theme=\xff; Path=/").unwrap(),
            );
            response
        }),
    );
    let (router, reports) = router_with(ConsentLayer::enforce(store()), extra);
    let (_, set) = send(&router, Request::get("/").body(Body::empty()).unwrap()).await;
    assert!(set.is_empty(), "{set:?}");
    assert_eq!(reports.lock().unwrap()[0].1, Action::Dropped);

    // Report mode sends it all as it is, and says so.
    let extra = Router::new().route(
        "/",
        get(|| async {
            let mut response = "ok".into_response();
            response.headers_mut().append(
                SET_COOKIE,
                HeaderValue::from_static("__Host-sid=abc; Path=/"),
            );
            response
        }),
    );
    let (router, reports) = router_with(ConsentLayer::report(store()), extra);
    let (_, set) = send(&router, Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(set, ["__Host-sid=abc; Path=/"]);
    assert!(
        reports
            .lock()
            .unwrap()
            .iter()
            .all(|(_, action, _)| *action == Action::Reported)
    );
}

/// A line the `cookie` crate and a browser read differently: a second
/// `Expires` (the crate keeps the last it can parse, a browser the last),
/// a second `SameSite`, a `SameSite` padded with a no-break space, an
/// `Expires` written in `UTC` (which the crate does not parse and a browser
/// does). Enforce mode never sends such a line as written: the
/// declaration's line (or removal) goes instead, so that what the browser
/// stores is what the check read.
#[tokio::test]
async fn a_line_a_browser_reads_otherwise_is_sent_as_declared() {
    // The crate keeps the last `Expires` it parses: the past one, as it
    // does not parse `UTC`; a browser parses both and keeps the last.
    let past_then_future = "Expires=Thu, 01 Jan 1970 00:00:00 GMT; \
                            Expires=Fri, 01 Jan 2100 00:00:00 UTC";
    let visits_removal = Site::VISITS.removal().to_string();
    let theme = "theme=dark; SameSite=Lax; Secure; Path=/";
    let cases: [(&str, String, CategorySet, String); 5] = [
        (
            "a tracker as a removal, for a visitor who said no",
            format!("visits=ID; HttpOnly; SameSite=Lax; Secure; Path=/; {past_then_future}"),
            CategorySet::NONE,
            visits_removal,
        ),
        (
            "an extern tracker as a removal",
            format!("_ga_X1=GA1.1.2; Path=/; {past_then_future}"),
            CategorySet::NONE,
            "_ga_X1=; Secure; Path=/; Max-Age=0".to_owned(),
        ),
        (
            "a second SameSite",
            "theme=dark; SameSite=Lax; SameSite=bogus; Secure; Path=/".to_owned(),
            CategorySet::ALL,
            theme.to_owned(),
        ),
        (
            "a SameSite padded with a no-break space",
            "theme=dark; SameSite=\u{a0}Lax; Secure; Path=/".to_owned(),
            CategorySet::ALL,
            theme.to_owned(),
        ),
        (
            "an Expires in UTC on a session cookie",
            "theme=dark; SameSite=Lax; Secure; Path=/; Expires=Fri, 01 Jan 2100 00:00:00 UTC"
                .to_owned(),
            CategorySet::ALL,
            theme.to_owned(),
        ),
    ];
    for (why, sent, granted, expected) in cases {
        let (router, _) = router_with(ConsentLayer::enforce(store()), setting(&sent));
        let choice = pair(store().record("", granted).set_cookies());
        let request = Request::get("/")
            .header(COOKIE, choice)
            .body(Body::empty())
            .unwrap();
        let (_, set) = send(&router, request).await;
        assert_eq!(set, [expected], "{why}");
    }
}

// 6. -----------------------------------------------------------------

#[test]
fn withdrawal_removes_an_extern_cookie_the_request_cannot_carry() {
    let store = store();
    let yes = pair(store.record("", CategorySet::ALL).set_cookies());
    // The request to the consent form carries no `/stats` cookie.
    let withdrawn = store.record(yes.as_str(), CategorySet::NONE);
    let lines: Vec<String> = withdrawn
        .set_cookies()
        .iter()
        .map(ToString::to_string)
        .filter(|line| line.starts_with("_pk_id.1.4c2f=") || line.starts_with("chat_widget="))
        .collect();
    assert_eq!(
        lines,
        [
            // Host-only, and on each parent domain of the site's host,
            // where a tag may have put it: no domain is declared.
            "_pk_id.1.4c2f=; Secure; Path=/stats; Max-Age=0",
            "_pk_id.1.4c2f=; Secure; Path=/stats; Domain=data.example.fr; Max-Age=0",
            "_pk_id.1.4c2f=; Secure; Path=/stats; Domain=example.fr; Max-Age=0",
            // Partitioned as declared: only a partitioned removal deletes
            // a partitioned cookie.
            "chat_widget=; Partitioned; Secure; Path=/; Max-Age=0",
            "chat_widget=; Partitioned; Secure; Path=/; Domain=data.example.fr; Max-Age=0",
            "chat_widget=; Partitioned; Secure; Path=/; Domain=example.fr; Max-Age=0",
        ]
    );
    // A first-party partitioned cookie: its declared removal.
    assert!(withdrawn.set_cookies().contains(&Site::AD.removal()));
    assert!(Site::AD.removal().to_string().contains("Partitioned"));
    // Every removal passes the response audit.
    let lines: Vec<String> = withdrawn
        .set_cookies()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(consent::audit_response(&lines, withdrawn.consent()), []);
}

// The layer's request audit -------------------------------------------

#[tokio::test]
async fn the_layer_reports_a_tracker_set_before_consent() {
    let extra = Router::new().route("/stats", get(|| async { "stats" }));
    let (router, reports) = router_with(ConsentLayer::enforce(store()), extra);
    // A script set `_ga_K2X9` before the visitor chose anything.
    let before = "_ga_K2X9=GS1.1; __Host-sid=s; tracker=1";
    for _ in 0..3 {
        let request = Request::get("/stats?x=1")
            .header(COOKIE, before)
            .body(Body::empty())
            .unwrap();
        let (status, _) = send(&router, request).await;
        assert_eq!(status, StatusCode::OK);
    }
    let reports = reports.lock().unwrap();
    assert_eq!(
        *reports,
        [
            (
                "request carries `statistics` cookie `_ga_K2X9` without the visitor's consent"
                    .to_owned(),
                Action::Reported,
                "/stats".to_owned()
            ),
            (
                "request carries cookie `tracker`, which the registry does not declare".to_owned(),
                Action::Reported,
                "/stats".to_owned()
            ),
        ],
        "each distinct finding once, with the request's path"
    );
}

#[tokio::test]
async fn the_layer_report_line_names_the_request() {
    let lines: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = Arc::clone(&lines);
    let layer = ConsentLayer::report(store()).on_finding(move |report| {
        sink.lock().unwrap().push(report.to_string());
    });
    let router = Router::new()
        .route("/{*path}", get(|| async { "ok" }))
        .layer(layer);
    let request = Request::get("/a%0Ab")
        .header(COOKIE, "cookies_preferences=1; cookies_preferences=2")
        .body(Body::empty())
        .unwrap();
    router.oneshot(request).await.unwrap();
    assert_eq!(
        *lines.lock().unwrap(),
        [
            "cookie-decl: reported: request carries cookie `cookies_preferences` several times \
          with different values (on other paths or domains, maybe planted): none of them is \
          read (GET /a%0Ab)"
        ]
    );
}

// Bounded reports, and a key that rotates --------------------------------

/// Each report's line, and the count the rate limit kept back before it.
type Lines = Arc<Mutex<Vec<(String, u64)>>>;

/// A layer whose every report lands in the returned list.
fn reporting(layer: ConsentLayer<Site>) -> (Router, Lines) {
    let lines: Lines = Arc::default();
    let sink = Arc::clone(&lines);
    let layer = layer.on_finding(move |report| {
        sink.lock()
            .unwrap()
            .push((report.to_string(), report.suppressed));
    });
    let router = Router::new()
        .route("/", get(|| async { "ok" }))
        .layer(layer);
    (router, lines)
}

fn get_with_cookies(cookie: &str) -> Request<Body> {
    Request::get("/")
        .header(COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

/// 40,000 names nobody declared in one 469 kB header: one request's
/// report is the first `MAX_FINDINGS` findings and one line counting the
/// rest, not 40,000 lines.
#[tokio::test]
async fn a_header_of_forty_thousand_undeclared_names_gives_a_bounded_report() {
    let (router, lines) =
        reporting(ConsentLayer::enforce(store()).max_reports_per_second(u32::MAX));
    let header: Vec<String> = (0..40_000).map(|n| format!("un{n:05}=1")).collect();
    let header = header.join("; ");
    assert!(header.len() > 400_000, "{}", header.len());
    let (status, _) = send(&router, get_with_cookies(&header)).await;
    assert_eq!(status, StatusCode::OK);
    let lines = lines.lock().unwrap();
    assert_eq!(lines.len(), consent::MAX_FINDINGS + 1, "{:?}", &lines[..3]);
    let (last, _) = lines.last().unwrap();
    let omitted = 40_000 - consent::MAX_FINDINGS;
    assert!(
        last.contains(&format!("request carries {omitted} more cookies")),
        "{last}"
    );
}

/// A handler that sets 100 cookies nobody declared: every one dropped, and
/// the response's report is the first `MAX_FINDINGS` and one line
/// counting the rest, with what was done to them.
#[tokio::test]
async fn a_response_of_a_hundred_undeclared_cookies_gives_a_bounded_report() {
    let lines: Lines = Arc::default();
    let sink = Arc::clone(&lines);
    let layer = ConsentLayer::enforce(store())
        .max_reports_per_second(u32::MAX)
        .on_finding(move |report| {
            sink.lock()
                .unwrap()
                .push((report.to_string(), report.suppressed));
        });
    let handler = || async {
        let mut response = "ok".into_response();
        for n in 0..100 {
            let line = HeaderValue::from_str(&format!("leak{n}=1; Path=/")).unwrap();
            response.headers_mut().append(SET_COOKIE, line);
        }
        response
    };
    let router = Router::new().route("/", get(handler)).layer(layer);
    let (status, set_cookies) = send(&router, get_with_cookies("")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(set_cookies, Vec::<String>::new(), "every one dropped");
    let lines = lines.lock().unwrap();
    assert_eq!(lines.len(), consent::MAX_FINDINGS + 1);
    let (last, _) = lines.last().unwrap();
    let omitted = 100 - consent::MAX_FINDINGS;
    assert_eq!(
        last,
        &format!(
            "cookie-decl: dropped: response sets {omitted} more cookies the declaration does not \
             allow as they are, not listed (GET /)"
        )
    );
}

/// A visitor who accepted all withdraws; the handler also sets a cookie
/// nobody declared and the statistics cookie from the old consent. In
/// every order of the lines, the statistics cookie is judged by the
/// withdrawal the response records, and never goes out after its own
/// removal. (`tests/frameworks_journey.rs` walks the same through all four
/// frameworks.)
#[tokio::test]
async fn a_withdrawal_never_carries_a_tracker_set_from_the_old_consent() {
    let accepted = pair(store().record("", CategorySet::ALL).set_cookies());
    let withdrawal = store().record("", CategorySet::NONE);
    let groups = [
        vec!["theme=dark; Path=/".to_owned()],
        withdrawal.lines().to_vec(),
        vec![Site::VISITS.cookie("1").to_string()],
    ];
    for order in [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ] {
        let lines: Vec<String> = order.iter().flat_map(|&g| groups[g].clone()).collect();
        let handler = move || {
            let lines = lines.clone();
            async move {
                let mut response = "withdrawn".into_response();
                for line in lines {
                    let value = HeaderValue::from_str(&line).unwrap();
                    response.headers_mut().append(SET_COOKIE, value);
                }
                response
            }
        };
        let router = Router::new()
            .route("/", get(handler))
            .layer(ConsentLayer::enforce(store()).on_finding(|_| {}));
        let (_, sent) = send(&router, get_with_cookies(&accepted)).await;
        assert!(
            !sent.iter().any(|line| line.starts_with("visits=1")),
            "{order:?}: {sent:?}"
        );
        assert!(
            sent.contains(&Site::VISITS.removal().to_string()),
            "{order:?}: {sent:?}"
        );
        assert!(
            sent.iter()
                .any(|line| line.starts_with("cookies_preferences=")),
            "{order:?}: {sent:?}"
        );
    }
}

/// A client that sends new cookie names on every request: each is a new
/// finding, but at most `max_reports_per_second` reach the log in any
/// second; the next report that passes counts those kept back, so that
/// nothing is lost but the lines.
#[tokio::test]
async fn a_client_sending_new_names_on_every_request_cannot_flood_the_log() {
    const LIMIT: u32 = 5;
    let (router, lines) = reporting(ConsentLayer::enforce(store()).max_reports_per_second(LIMIT));
    let started = std::time::Instant::now();
    let requests = 300;
    for n in 0..requests {
        send(&router, get_with_cookies(&format!("new{n}=1"))).await;
    }
    let seconds = started.elapsed().as_secs();
    let passed = lines.lock().unwrap().len();
    assert!(
        passed as u64 <= u64::from(LIMIT) * (seconds + 1),
        "{passed} reports in {seconds} s"
    );
    // A second later, one more: it passes, and counts the rest.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    send(&router, get_with_cookies("last=1")).await;
    let lines = lines.lock().unwrap();
    let suppressed: u64 = lines.iter().map(|(_, suppressed)| suppressed).sum();
    assert_eq!(lines.len() as u64 + suppressed, requests + 1, "{lines:?}");
    let (last, kept_back) = lines.last().unwrap();
    assert!(*kept_back > 0, "{last}");
    assert!(
        last.ends_with(&format!(
            "; {kept_back} earlier findings not reported (rate limit)"
        )),
        "{last}"
    );
}

/// A cookie name of 100 kB: its report is one line of at most
/// `Report::MAX_LINE` bytes, cut with an ellipsis.
#[tokio::test]
async fn a_report_line_is_bounded_whatever_the_request_carries() {
    let (router, lines) = reporting(ConsentLayer::enforce(store()));
    let name = "n".repeat(100_000);
    send(&router, get_with_cookies(&format!("{name}=1"))).await;
    let lines = lines.lock().unwrap();
    let (line, _) = &lines[0];
    assert!(
        line.len() <= cookie_decl::axum::Report::MAX_LINE,
        "{}",
        line.len()
    );
    assert!(line.ends_with('…') && !line.contains('\n'), "{line}");
}

/// A site rotates its key: the layer, given the old key as a previous
/// one, reads a visitor's choice sealed with it, and sends the same choice
/// sealed with the new key; once the visitor holds that, nothing more.
#[tokio::test]
async fn a_choice_sealed_with_a_previous_key_is_resealed_on_the_next_response() {
    let old = store();
    let new_key = Key::from(&[7; 64]);
    let rotated = ConsentCookie::<Site>::signed(new_key.clone()).previous_keys([key()]);
    let recorded = old.record("", CategorySet::ALL);
    let sealed_old = pair(recorded.set_cookies());
    let (router, _) = reporting(ConsentLayer::enforce(rotated));
    let (_, set_cookies) = send(&router, get_with_cookies(&sealed_old)).await;
    assert_eq!(set_cookies.len(), 1, "{set_cookies:?}");
    let resealed = Cookie::parse(set_cookies[0].clone()).unwrap();
    assert_eq!(resealed.name(), "cookies_preferences");
    let new_only = ConsentCookie::<Site>::signed(new_key);
    let consent = new_only.read(resealed.stripped().to_string().as_str());
    assert!(consent.allows(Category::Statistics));
    assert_eq!(
        consent.record_id(),
        Some(recorded.record().id()),
        "the proof still matches"
    );
    // The old key alone no longer reads it.
    assert!(
        old.read(resealed.stripped().to_string().as_str())
            .needs_asking()
    );
    // Once resealed, nothing more to send.
    let again = resealed.stripped().to_string();
    let (_, set_cookies) = send(&router, get_with_cookies(&again)).await;
    assert_eq!(set_cookies, Vec::<String>::new());
}

// Properties ------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any bytes, as one or two `Cookie` headers, and as a consent form
    /// with any origin headers: never a panic, never a grant.
    #[test]
    fn arbitrary_bytes_in_any_request_header_never_grant_and_never_panic(
        first in proptest::collection::vec(any::<u8>(), 0..200),
        second in proptest::collection::vec(any::<u8>(), 0..60),
        body in proptest::collection::vec(any::<u8>(), 0..120),
        site in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..16)),
        origin in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..32)),
    ) {
        let cookies = RequestCookies::from_headers([first.as_slice(), second.as_slice()]);
        for store in [store(), ConsentCookie::unsigned()] {
            let consent = store.read(&cookies);
            prop_assert!(!consent.is_given());
            prop_assert_eq!(consent.cookie(Site::VISITS, "1"), None);
        }
        let findings = consent::audit_request(&cookies, &Consent::<Site>::not_asked());
        prop_assert!(findings.iter().all(|f| !f.to_string().contains(['\n', '\r'])));
        for (name, value) in cookies.iter() {
            prop_assert!(name.bytes().chain(value.bytes()).all(|b| b == b'\t' || (b' '..=b'~').contains(&b)));
        }
        let _ = CsrfToken::<Site>::for_request(&cookies);
        if let Ok(form) = ConsentForm::parse(&String::from_utf8_lossy(&body)) {
            let origin = FormOrigin::new().sec_fetch_site(site.as_deref()).origin(origin.as_deref());
            if form.verify::<Site>(&cookies, origin).is_ok() {
                // Only the visitor's own token, from a well-formed cookie.
                prop_assert_eq!(cookies.get("__Host-csrf"), Some(form.csrf_token()));
            }
        }
    }

    /// A value the application's key signs for any other cookie name,
    /// through the `cookie` crate's signed jar, never reads as consent.
    #[test]
    fn any_value_signed_for_another_name_never_grants(
        name in "[A-Za-z0-9_.-]{1,20}",
        granted in 0_u8..8,
        tail in "[ -~]{0,20}",
    ) {
        prop_assume!(name != "cookies_preferences");
        let store = store();
        let granted: CategorySet = CategorySet::CHOOSABLE
            .into_iter()
            .enumerate()
            .filter(|(bit, _)| granted & (1 << bit) != 0)
            .map(|(_, category)| category)
            .collect();
        let genuine = store.record("", granted).set_cookies()[0].value().to_owned();
        for value in [genuine.clone(), format!("{genuine}{tail}"), tail.clone()] {
            let mut jar = CookieJar::new();
            jar.signed_mut(&key()).add(Cookie::new(name.clone(), value));
            let signed = jar.get(&name).unwrap().value().to_owned();
            let header = format!("cookies_preferences={signed}");
            prop_assert!(!store.read(header.as_str()).is_given(), "{}", header);
        }
    }
}

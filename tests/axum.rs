//! `cookie_decl::axum` (feature `axum`): the consent extractor, the
//! CSRF-checked consent form extractor, a recorded choice as response
//! parts, axum-extra's `CookieJar`, and `ConsentLayer` in report and
//! enforce modes.
#![cfg(feature = "axum")]

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::{FromRef, State};
use axum::http::header::{CONTENT_TYPE, COOKIE, SET_COOKIE};
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::CookieJar;
use cookie_decl::axum::{Action, ConsentChoice, ConsentLayer, Mode, SetCookies};
use cookie_decl::consent::{CategorySet, Consent, ConsentCookie, FormAction};
use cookie_decl::{Category, declare_cookies};
use tower::ServiceExt;

declare_cookies! {
    pub struct Site { site: "https://example.fr" }
    necessary {
        sid { provider: "Example", service: "Login", purpose: "Keep the visitor signed in." }
        "__Host-csrf" as CSRF {
            provider: "Example", service: "Forms", purpose: "Protect the forms.",
            same_site: Strict, csrf_token: true,
        }
        consent {
            provider: "Example", service: "Consent", purpose: "Remember the choice.",
            max_age: 6 months, stores_consent: true,
        }
    }
    statistics {
        visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
    }
}

#[derive(Clone)]
struct App {
    consent: ConsentCookie<Site>,
}

impl FromRef<App> for ConsentCookie<Site> {
    fn from_ref(app: &App) -> Self {
        app.consent.clone()
    }
}

const STORE: ConsentCookie<Site> = ConsentCookie::unsigned();

/// The `Cookie` header of a visitor who granted `granted`.
fn visitor(granted: CategorySet) -> String {
    STORE.record("", granted).set_cookies()[0]
        .stripped()
        .to_string()
}

async fn home(consent: Consent<Site>) -> Response {
    let visits = consent.cookie(Site::VISITS, "1");
    let state = if consent.is_given() {
        consent.granted().to_string()
    } else {
        "not asked".to_owned()
    };
    (SetCookies(visits.into_iter().collect()), state).into_response()
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

/// A handler that uses axum-extra's jar, as many applications do: a
/// declared cookie through the gate, and two it should not set.
async fn with_jar(consent: Consent<Site>, jar: CookieJar) -> (CookieJar, &'static str) {
    let mut jar = jar.add(Site::SID.cookie("abc"));
    if let Some(visits) = consent.cookie(Site::VISITS, "2") {
        jar = jar.add(visits);
    }
    // Set by hand, without the gate or the declaration.
    let jar = jar
        .add(Site::VISITS.cookie("sneaky"))
        .add(cookie_decl::cookie::Cookie::new("tracker", "1"));
    (jar, "ok")
}

fn router(layer: ConsentLayer<Site>) -> Router {
    let app = App { consent: STORE };
    Router::new()
        .route("/", get(home))
        .route("/cookies/consent", post(record))
        .route("/jar", get(with_jar))
        .layer(layer)
        .with_state(app)
}

async fn send(router: Router, request: Request<Body>) -> (StatusCode, Vec<String>, String) {
    let response = router.oneshot(request).await.expect("infallible");
    let status = response.status();
    let set_cookies = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|value| value.to_str().expect("text").to_owned())
        .collect();
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("body");
    (
        status,
        set_cookies,
        String::from_utf8_lossy(&body).into_owned(),
    )
}

fn get_with(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path)
        .header(COOKIE, cookie)
        .body(Body::empty())
        .expect("request")
}

/// The visitor's CSRF token, in its cookie and in every form posted.
const TOKEN: &str = "0123456789abcdef0123456789abcdef";

/// A consent form posted from the site's page, with the visitor's CSRF
/// cookie beside `cookie`.
fn post_form(body: &str, cookie: &str) -> Request<Body> {
    let body = body.replace("expected", TOKEN);
    Request::post("/cookies/consent")
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header(COOKIE, format!("__Host-csrf={TOKEN}; {cookie}"))
        .body(Body::from(body))
        .expect("request")
}

/// What a layer reported: each finding, and what it did.
type Seen = Arc<Mutex<Vec<(String, Action)>>>;

/// A layer that collects its findings.
fn collecting(layer: ConsentLayer<Site>) -> (ConsentLayer<Site>, Seen) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let layer = layer.on_finding(move |report| {
        sink.lock()
            .unwrap()
            .push((report.finding.to_string(), report.action));
    });
    (layer, seen)
}

#[tokio::test]
async fn the_extractor_reads_consent_and_the_gate_obeys_it() {
    let (layer, seen) = collecting(ConsentLayer::enforce(STORE));
    let router = router(layer);
    let (status, set, body) = send(router.clone(), get_with("/", "")).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "not asked"));
    assert!(set.is_empty(), "{set:?}");

    let yes = visitor(CategorySet::ALL);
    let (_, set, body) = send(router.clone(), get_with("/", &yes)).await;
    assert_eq!(body, "statistics", "the only category the site asks for");
    assert_eq!(
        set,
        ["visits=1; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=33696000"]
    );
    // Several `Cookie` headers, as HTTP/2 sends them.
    let request = Request::get("/")
        .header(COOKIE, "sid=1")
        .header(COOKIE, yes.as_str())
        .body(Body::empty())
        .unwrap();
    let (_, _, body) = send(router, request).await;
    assert_eq!(body, "statistics", "the only category the site asks for");
    assert!(seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn the_form_records_a_choice_and_its_removals() {
    let (layer, seen) = collecting(ConsentLayer::enforce(STORE));
    let router = router(layer);
    let yes = visitor(CategorySet::ALL);
    let (status, set, _) = send(
        router.clone(),
        post_form(
            "csrf_token=expected&consent=none",
            &format!("{yes}; visits=3"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(set.len(), 2, "{set:?}");
    assert!(set[0].starts_with("consent=1.0."), "{set:?}");
    assert_eq!(
        set[1],
        "visits=; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=0"
    );
    // The recorded consent is the one the layer checks against.
    let (_, set, _) = send(
        router.clone(),
        post_form("csrf_token=expected&consent=save&category=statistics", ""),
    )
    .await;
    assert!(set[0].starts_with("consent=1.2."), "{set:?}");
    assert!(
        seen.lock().unwrap().is_empty(),
        "{:?}",
        seen.lock().unwrap()
    );

    let (status, _, _) = send(
        router.clone(),
        post_form("csrf_token=expected&consent=customise", ""),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // Bad forms: refused, nothing recorded.
    for (body, expected) in [
        ("csrf_token=expected&consent=maybe", StatusCode::BAD_REQUEST),
        ("consent=all", StatusCode::FORBIDDEN),
        (
            "csrf_token=expected&consent=all&csrf_token=other",
            StatusCode::FORBIDDEN,
        ),
        ("csrf_token=%FF&consent=all", StatusCode::BAD_REQUEST),
        ("csrf_token=wrong&consent=all", StatusCode::FORBIDDEN),
    ] {
        let (status, set, _) = send(router.clone(), post_form(body, "")).await;
        assert_eq!(status, expected, "{body}");
        assert!(set.is_empty(), "{body}: {set:?}");
    }
    let json = Request::post("/cookies/consent")
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let (status, _, _) = send(router, json).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn enforce_drops_what_is_undeclared_or_lacks_consent() {
    let (layer, seen) = collecting(ConsentLayer::enforce(STORE));
    let (_, set, _) = send(router(layer), get_with("/jar", "")).await;
    assert_eq!(
        set,
        ["sid=abc; HttpOnly; SameSite=Lax; Secure; Path=/"],
        "only the necessary cookie goes out"
    );
    let mut seen = seen.lock().unwrap().clone();
    seen.sort();
    assert_eq!(
        seen,
        [
            (
                "response sets `statistics` cookie `visits` without the visitor's consent"
                    .to_owned(),
                Action::Dropped
            ),
            (
                "response sets cookie `tracker`, which the registry does not declare".to_owned(),
                Action::Dropped
            ),
        ]
    );

    // With consent, the visits cookie goes out, the undeclared one still
    // does not.
    let (layer, _) = collecting(ConsentLayer::enforce(STORE));
    let cookie = visitor(CategorySet::from(Category::Statistics));
    let (_, set, _) = send(router(layer), get_with("/jar", &cookie)).await;
    // The jar keeps no order.
    let mut names: Vec<&str> = set
        .iter()
        .map(|line| line.split('=').next().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["sid", "visits"]);
}

/// A handler that leaks on every page: each of its responses is held to
/// the declaration, and its findings are one log line each, not one per
/// page, in enforce and in report mode. Another finding still gets its
/// line.
#[tokio::test]
async fn a_handler_that_leaks_on_every_page_is_reported_once() {
    for mode in [Mode::Enforce, Mode::Report] {
        let (layer, seen) = collecting(ConsentLayer::new(STORE, mode));
        let router = router(layer);
        for _ in 0..3 {
            let (_, set, _) = send(router.clone(), get_with("/jar", "")).await;
            let expected = if mode == Mode::Enforce { 1 } else { 3 };
            assert_eq!(set.len(), expected, "{mode:?}: {set:?}");
        }
        assert_eq!(
            seen.lock().unwrap().len(),
            2,
            "{mode:?}: {:?}",
            seen.lock().unwrap()
        );
        // With consent the `visits` line is allowed; `tracker` was
        // reported already; nothing new.
        let yes = visitor(CategorySet::ALL);
        send(router.clone(), get_with("/jar", &yes)).await;
        assert_eq!(seen.lock().unwrap().len(), 2, "{mode:?}");
        // A finding not seen before: reported.
        send(router.clone(), get_with("/", "planted=1")).await;
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 3, "{mode:?}: {seen:?}");
        assert_eq!(
            seen[2].0,
            "request carries cookie `planted`, which the registry does not declare"
        );
    }
}

#[tokio::test]
async fn report_sends_everything_and_reports_each_finding() {
    let (layer, seen) = collecting(ConsentLayer::report(STORE));
    let (_, set, _) = send(router(layer), get_with("/jar", "")).await;
    assert_eq!(set.len(), 3, "{set:?}");
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen.iter().all(|(_, action)| *action == Action::Reported));
}

#[tokio::test]
async fn enforce_rewrites_a_declared_cookie_with_other_attributes_to_its_declaration() {
    async fn sloppy() -> Response {
        let mut response = "ok".into_response();
        response
            .headers_mut()
            .append(SET_COOKIE, "sid=abc; Path=/".parse().unwrap());
        response
    }
    let (layer, seen) = collecting(ConsentLayer::enforce(STORE));
    let router = Router::new().route("/", get(sloppy)).layer(layer);
    let (_, set, _) = send(router, get_with("/", "")).await;
    assert_eq!(set, ["sid=abc; HttpOnly; SameSite=Lax; Secure; Path=/"]);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert_eq!(
        seen[0],
        (
            "response sets cookie `sid` with `no Secure`, where the declaration says `Secure`"
                .to_owned(),
            Action::Rewritten
        )
    );
}

//! One consent journey, written once, walked through the same tiny site
//! built on each framework cookie-decl integrates: axum (`ConsentLayer`),
//! Rocket (`ConsentFairing`), actix-web and poem (`ConsentMiddleware`),
//! each driven in process by its own test client, each in enforce mode.
//!
//! The journey: the banner while the visitor has not chosen, with a fresh
//! CSRF cookie; a forged form (`403`), a form posted from another site
//! (`403`) and one that is not urlencoded (`415`) refused with nothing
//! set; accept all, then the statistics cookie set through the gate,
//! byte for byte as declared; refuse all, with the declared removal byte
//! for byte; and a handler that sets an undeclared cookie and a declared
//! one with weaker attributes: the first dropped, the second rewritten to
//! its declaration, each reported with what was done.
//!
//! The frameworks other than axum are behind the root package's features
//! of their name: `cargo test --all-features` walks all four.

use std::sync::{Arc, Mutex};

use cookie_decl::consent::{self, CategorySet, Consent, ConsentCookie, CsrfToken};
use cookie_decl::{Category, declare_cookies};

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

const STORE: ConsentCookie<Site> = ConsentCookie::unsigned();

/// What each site's `GET /` answers while the visitor has not chosen.
const BANNER: &str = "Tout accepter";

/// The `Set-Cookie` lines `GET /leak` sends, past the check's back.
const LEAKS: [&str; 2] = ["tracker=1; Path=/", "sid=abc; Path=/"];

/// What the check reported: each finding's line, and what was done.
type Findings = Arc<Mutex<Vec<(String, String)>>>;

/// A request as a browser sends it.
struct Request {
    post: bool,
    uri: &'static str,
    /// The `Cookie` header, left out when empty.
    cookie: String,
    content_type: Option<&'static str>,
    sec_fetch_site: Option<&'static str>,
    body: String,
}

impl Request {
    fn get(uri: &'static str, cookie: &str) -> Request {
        Request {
            post: false,
            uri,
            cookie: cookie.to_owned(),
            content_type: None,
            sec_fetch_site: None,
            body: String::new(),
        }
    }

    /// The consent form posted from the site's own page.
    fn form(body: String, cookie: &str) -> Request {
        Request {
            post: true,
            uri: "/cookies/consent",
            cookie: cookie.to_owned(),
            content_type: Some("application/x-www-form-urlencoded"),
            sec_fetch_site: Some("same-origin"),
            body,
        }
    }
}

/// What the journey looks at in a response.
struct Response {
    status: u16,
    /// The `Set-Cookie` lines, in order.
    set_cookies: Vec<String>,
    body: String,
}

/// The `name=value` pair of a `Set-Cookie` line.
fn pair(line: &str) -> &str {
    line.split(';').next().unwrap_or_default()
}

/// The journey, through `send`; `findings` is what the site's check
/// reported.
async fn journey(mut send: impl AsyncFnMut(Request) -> Response, findings: Findings) {
    // First visit: the banner and a fresh CSRF token, nothing else.
    let first = send(Request::get("/", "")).await;
    assert_eq!(first.status, 200);
    assert!(first.body.contains(BANNER), "{}", first.body);
    assert_eq!(first.set_cookies.len(), 1, "{:?}", first.set_cookies);
    let csrf = pair(&first.set_cookies[0]).to_owned();
    let token = csrf.strip_prefix("__Host-csrf=").expect("the CSRF cookie");
    assert_eq!(token.len(), 32, "{csrf}");

    // Forms that are not the visitor's: refused, nothing set.
    let forged = send(Request::form("csrf_token=forged&consent=all".into(), &csrf)).await;
    assert_eq!(forged.status, 403, "a forged token");
    assert!(forged.set_cookies.is_empty(), "{:?}", forged.set_cookies);
    let mut cross_site = Request::form(format!("csrf_token={token}&consent=all"), &csrf);
    cross_site.sec_fetch_site = Some("cross-site");
    let cross_site = send(cross_site).await;
    assert_eq!(cross_site.status, 403, "posted from another site");
    assert!(cross_site.set_cookies.is_empty());
    let mut text = Request::form(format!("csrf_token={token}&consent=all"), &csrf);
    text.content_type = Some("text/plain");
    let text = send(text).await;
    assert_eq!(text.status, 415, "not a urlencoded form");
    assert!(text.set_cookies.is_empty());
    let no_token = send(Request::form("consent=all".into(), &csrf)).await;
    assert_eq!(no_token.status, 403, "no token");

    // Accept all: the consent cookie, then the gated cookie as declared.
    let accepted = send(Request::form(
        format!("csrf_token={token}&consent=all"),
        &csrf,
    ))
    .await;
    assert_eq!(accepted.status, 303);
    assert_eq!(accepted.set_cookies.len(), 1, "{:?}", accepted.set_cookies);
    let consent = pair(&accepted.set_cookies[0]).to_owned();
    assert!(STORE.read(consent.as_str()).allows(Category::Statistics));
    let visitor = format!("{csrf}; {consent}");
    let home = send(Request::get("/", &visitor)).await;
    assert!(!home.body.contains(BANNER), "{}", home.body);
    assert_eq!(home.set_cookies, [Site::VISITS.cookie("1").to_string()]);

    // Refuse all: the choice, and the declared removal byte for byte.
    let refusing = format!("{visitor}; visits=1");
    let refused = send(Request::form(
        format!("csrf_token={token}&consent=none"),
        &refusing,
    ))
    .await;
    assert_eq!(refused.status, 303);
    let (choice, removals): (Vec<_>, Vec<_>) = refused
        .set_cookies
        .iter()
        .partition(|line| line.starts_with("consent="));
    assert_eq!(removals, [&Site::VISITS.removal().to_string()]);
    let refusal = STORE.read(pair(choice[0]));
    assert!(refusal.is_given() && refusal.granted() == CategorySet::NONE);
    let home = send(Request::get("/", &format!("{csrf}; {}", pair(choice[0])))).await;
    assert!(home.set_cookies.is_empty(), "{:?}", home.set_cookies);
    assert!(
        findings.lock().unwrap().is_empty(),
        "{:?}",
        findings.lock().unwrap()
    );

    // Enforce: the undeclared cookie dropped, the weakened one rewritten.
    let leak = send(Request::get("/leak", &visitor)).await;
    assert_eq!(leak.status, 200);
    assert_eq!(leak.set_cookies, [Site::SID.cookie("abc").to_string()]);
    let findings = findings.lock().unwrap().clone();
    assert!(
        findings.contains(&(
            "response sets cookie `tracker`, which the registry does not declare".to_owned(),
            "dropped".to_owned()
        )),
        "{findings:?}"
    );
    let sid: Vec<_> = findings
        .iter()
        .filter(|(line, _)| line.contains("cookie `sid`"))
        .collect();
    assert!(!sid.is_empty(), "{findings:?}");
    assert!(
        sid.iter().all(|(_, action)| action == "rewritten"),
        "{findings:?}"
    );
    assert_eq!(findings.len(), 1 + sid.len(), "{findings:?}");
}

/// Each site's `GET /`: the banner while the visitor has not chosen.
fn page(consent: &Consent<Site>, csrf: &CsrfToken<Site>) -> String {
    if consent.needs_asking() {
        consent::banner::<Site>(cookie_decl::Lang::Fr, csrf.as_str())
    } else {
        String::new()
    }
}

/// A sink for the check's findings.
fn findings() -> Findings {
    Arc::new(Mutex::new(Vec::new()))
}

/// axum: `ConsentLayer`, and its own extractors.
mod axum_site {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::extract::{FromRef, State};
    use axum::http::header::{CONTENT_TYPE, COOKIE, SET_COOKIE};
    use axum::http::{HeaderValue, Request as HttpRequest};
    use axum::response::{IntoResponse, Redirect, Response as HttpResponse};
    use axum::routing::{get, post};
    use cookie_decl::axum::{ConsentChoice, ConsentLayer, SetCookies};
    use cookie_decl::consent::FormAction;
    use tower::ServiceExt;

    #[derive(Clone)]
    struct App;

    impl FromRef<App> for ConsentCookie<Site> {
        fn from_ref(_: &App) -> Self {
            STORE
        }
    }

    async fn home(consent: Consent<Site>, csrf: CsrfToken<Site>) -> HttpResponse {
        let banner = page(&consent, &csrf);
        let visits = consent.cookie(Site::VISITS, "1");
        (csrf, SetCookies(visits.into_iter().collect()), banner).into_response()
    }

    async fn record(State(_): State<App>, choice: ConsentChoice<Site>) -> HttpResponse {
        match choice.action() {
            FormAction::Customise => Redirect::to("/cookies/preferences").into_response(),
            FormAction::Record(granted) => {
                (STORE.record(choice.cookies(), granted), Redirect::to("/")).into_response()
            }
        }
    }

    async fn leak() -> HttpResponse {
        let mut response = "leak".into_response();
        for line in LEAKS {
            let value = HeaderValue::from_static(line);
            response.headers_mut().append(SET_COOKIE, value);
        }
        response
    }

    #[tokio::test]
    async fn the_journey_through_axum() {
        let seen = findings();
        let sink = Arc::clone(&seen);
        let layer = ConsentLayer::enforce(STORE).on_finding(move |report| {
            let line = (report.finding.to_string(), report.action.to_string());
            sink.lock().unwrap().push(line);
        });
        let router = Router::new()
            .route("/", get(home))
            .route("/cookies/consent", post(record))
            .route("/leak", get(leak))
            .layer(layer)
            .with_state(App);
        journey(
            async |request: Request| {
                let mut builder = HttpRequest::builder()
                    .method(if request.post { "POST" } else { "GET" })
                    .uri(request.uri);
                if !request.cookie.is_empty() {
                    builder = builder.header(COOKIE, request.cookie);
                }
                if let Some(content_type) = request.content_type {
                    builder = builder.header(CONTENT_TYPE, content_type);
                }
                if let Some(site) = request.sec_fetch_site {
                    builder = builder.header("sec-fetch-site", site);
                }
                let request = builder.body(Body::from(request.body)).unwrap();
                let response = router.clone().oneshot(request).await.unwrap();
                let set_cookies = response.headers().get_all(SET_COOKIE).iter();
                let set_cookies = set_cookies
                    .map(|line| line.to_str().unwrap().to_owned())
                    .collect();
                let status = response.status().as_u16();
                let body = axum::body::to_bytes(response.into_body(), 1 << 20)
                    .await
                    .unwrap();
                Response {
                    status,
                    set_cookies,
                    body: String::from_utf8(body.to_vec()).unwrap(),
                }
            },
            seen,
        )
        .await;
    }
}

/// Rocket: `ConsentFairing`, the guards, and Rocket's own `CookieJar`
/// for the leaks (which adds its own defaults, `SameSite=Strict`).
#[cfg(feature = "rocket")]
mod rocket_site {
    use super::*;
    use cookie_decl::consent::FormAction;
    use cookie_decl::cookie::Cookie;
    use cookie_decl::rocket::{ConsentChoice, ConsentFairing, WithCookies};
    use rocket::http::{CookieJar, Header};
    use rocket::local::asynchronous::Client;
    use rocket::response::Redirect;
    use rocket::{get, post, routes};

    #[get("/")]
    fn home(consent: Consent<Site>, csrf: CsrfToken<Site>) -> WithCookies<String> {
        let banner = page(&consent, &csrf);
        let visits = consent.cookie(Site::VISITS, "1");
        WithCookies::new(banner).csrf(&csrf).cookie(visits)
    }

    #[post("/cookies/consent", data = "<choice>")]
    fn record(choice: ConsentChoice<Site>) -> WithCookies<Redirect> {
        match choice.action() {
            FormAction::Customise => WithCookies::new(Redirect::to("/cookies/preferences")),
            FormAction::Record(granted) => {
                let recorded = STORE.record(choice.cookies(), granted);
                WithCookies::new(Redirect::to("/")).recorded(&recorded)
            }
        }
    }

    #[get("/leak")]
    fn leak(jar: &CookieJar<'_>) -> &'static str {
        for line in LEAKS {
            jar.add(Cookie::parse(line).unwrap());
        }
        "leak"
    }

    #[rocket::async_test]
    async fn the_journey_through_rocket() {
        let seen = findings();
        let sink = Arc::clone(&seen);
        let fairing = ConsentFairing::enforce(STORE).on_finding(move |report| {
            let line = (report.finding.to_string(), report.action.to_string());
            sink.lock().unwrap().push(line);
        });
        let config = rocket::Config {
            log_level: rocket::config::LogLevel::Off,
            ..rocket::Config::debug_default()
        };
        let rocket = rocket::custom(config)
            .mount("/", routes![home, record, leak])
            .attach(fairing);
        // Untracked: the journey sends its own `Cookie` header.
        let client = Client::untracked(rocket).await.unwrap();
        journey(
            async |request: Request| {
                let mut builder = if request.post {
                    client.post(request.uri).body(request.body)
                } else {
                    client.get(request.uri)
                };
                if !request.cookie.is_empty() {
                    builder = builder.header(Header::new("Cookie", request.cookie));
                }
                if let Some(content_type) = request.content_type {
                    builder = builder.header(Header::new("Content-Type", content_type));
                }
                if let Some(site) = request.sec_fetch_site {
                    builder = builder.header(Header::new("Sec-Fetch-Site", site));
                }
                let response = builder.dispatch().await;
                let set_cookies = response.headers().get("Set-Cookie");
                let set_cookies = set_cookies.map(str::to_owned).collect();
                Response {
                    status: response.status().code,
                    set_cookies,
                    body: response.into_string().await.unwrap_or_default(),
                }
            },
            seen,
        )
        .await;
    }
}

/// actix-web: `ConsentMiddleware`, the extractors, and raw headers for
/// the leaks.
#[cfg(feature = "actix")]
mod actix_site {
    use super::*;
    use actix_web::http::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
    use actix_web::test::{TestRequest, call_service, init_service, read_body};
    use actix_web::{App, HttpResponse, web};
    use cookie_decl::actix::{ConsentChoice, ConsentMiddleware, WithCookies};
    use cookie_decl::consent::FormAction;

    async fn home(consent: Consent<Site>, csrf: CsrfToken<Site>) -> WithCookies<String> {
        let banner = page(&consent, &csrf);
        let visits = consent.cookie(Site::VISITS, "1");
        WithCookies::new(banner).csrf(&csrf).cookie(visits)
    }

    fn see_other(location: &str) -> HttpResponse {
        HttpResponse::SeeOther()
            .insert_header((LOCATION, location))
            .finish()
    }

    async fn record(choice: ConsentChoice<Site>) -> WithCookies<HttpResponse> {
        match choice.action() {
            FormAction::Customise => WithCookies::new(see_other("/cookies/preferences")),
            FormAction::Record(granted) => {
                let recorded = STORE.record(choice.cookies(), granted);
                WithCookies::new(see_other("/")).recorded(&recorded)
            }
        }
    }

    async fn leak() -> HttpResponse {
        let mut response = HttpResponse::Ok();
        for line in LEAKS {
            response.append_header((SET_COOKIE, line));
        }
        response.body("leak")
    }

    #[actix_web::test]
    async fn the_journey_through_actix() {
        let seen = findings();
        let sink = Arc::clone(&seen);
        let middleware = ConsentMiddleware::enforce(STORE).on_finding(move |report| {
            let line = (report.finding.to_string(), report.action.to_string());
            sink.lock().unwrap().push(line);
        });
        let app = App::new()
            .app_data(web::Data::new(STORE))
            .route("/", web::get().to(home))
            .route("/cookies/consent", web::post().to(record))
            .route("/leak", web::get().to(leak))
            .wrap(middleware);
        let app = init_service(app).await;
        journey(
            async |request: Request| {
                let mut builder = if request.post {
                    TestRequest::post().set_payload(request.body)
                } else {
                    TestRequest::get()
                };
                builder = builder.uri(request.uri);
                if !request.cookie.is_empty() {
                    builder = builder.insert_header((COOKIE, request.cookie));
                }
                if let Some(content_type) = request.content_type {
                    builder = builder.insert_header((CONTENT_TYPE, content_type));
                }
                if let Some(site) = request.sec_fetch_site {
                    builder = builder.insert_header(("sec-fetch-site", site));
                }
                let response = call_service(&app, builder.to_request()).await;
                let set_cookies = response.headers().get_all(SET_COOKIE);
                let set_cookies = set_cookies
                    .map(|line| line.to_str().unwrap().to_owned())
                    .collect();
                let status = response.status().as_u16();
                let body = read_body(response).await;
                Response {
                    status,
                    set_cookies,
                    body: String::from_utf8(body.to_vec()).unwrap(),
                }
            },
            seen,
        )
        .await;
    }
}

/// poem: `ConsentMiddleware`, the extractors, and raw headers for the
/// leaks.
#[cfg(feature = "poem")]
mod poem_site {
    use super::*;
    use cookie_decl::consent::FormAction;
    use cookie_decl::poem::{ConsentChoice, ConsentMiddleware, WithCookies};
    use poem::http::HeaderValue;
    use poem::http::header::{CONTENT_TYPE, COOKIE, SET_COOKIE};
    use poem::test::TestClient;
    use poem::web::Redirect;
    use poem::{EndpointExt, IntoResponse, Route, get, handler, post};

    #[handler]
    fn home(consent: Consent<Site>, csrf: CsrfToken<Site>) -> WithCookies<String> {
        let banner = page(&consent, &csrf);
        let visits = consent.cookie(Site::VISITS, "1");
        WithCookies::new(banner).csrf(&csrf).cookie(visits)
    }

    #[handler]
    fn record(choice: ConsentChoice<Site>) -> WithCookies<Redirect> {
        match choice.action() {
            FormAction::Customise => WithCookies::new(Redirect::see_other("/cookies/preferences")),
            FormAction::Record(granted) => {
                let recorded = STORE.record(choice.cookies(), granted);
                WithCookies::new(Redirect::see_other("/")).recorded(&recorded)
            }
        }
    }

    #[handler]
    fn leak() -> poem::Response {
        let mut response = "leak".into_response();
        for line in LEAKS {
            let value = HeaderValue::from_static(line);
            response.headers_mut().append(SET_COOKIE, value);
        }
        response
    }

    #[tokio::test]
    async fn the_journey_through_poem() {
        let seen = findings();
        let sink = Arc::clone(&seen);
        let middleware = ConsentMiddleware::enforce(STORE).on_finding(move |report| {
            let line = (report.finding.to_string(), report.action.to_string());
            sink.lock().unwrap().push(line);
        });
        let app = Route::new()
            .at("/", get(home))
            .at("/cookies/consent", post(record))
            .at("/leak", get(leak))
            .with(middleware);
        let client = TestClient::new(app);
        journey(
            async |request: Request| {
                let mut builder = if request.post {
                    client.post(request.uri).body(request.body)
                } else {
                    client.get(request.uri)
                };
                if !request.cookie.is_empty() {
                    builder = builder.header(COOKIE, request.cookie);
                }
                if let Some(content_type) = request.content_type {
                    builder = builder.header(CONTENT_TYPE, content_type);
                }
                if let Some(site) = request.sec_fetch_site {
                    builder = builder.header("sec-fetch-site", site);
                }
                let response = builder.send().await.0;
                let set_cookies = response.headers().get_all(SET_COOKIE).iter();
                let set_cookies = set_cookies
                    .map(|line| line.to_str().unwrap().to_owned())
                    .collect();
                Response {
                    status: response.status().as_u16(),
                    set_cookies,
                    body: response.into_body().into_string().await.unwrap(),
                }
            },
            seen,
        )
        .await;
    }
}

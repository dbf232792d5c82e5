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
//! its declaration, each reported with what was done. Beside it: the
//! site's other forms under the same CSRF check (`CsrfForm`), Global
//! Privacy Control honoured and noted in the proof, and `Vary: Cookie` with
//! `Cache-Control: private` on the pages that read the visitor's consent
//! or token, and on no other. The same sites in report mode: nothing
//! dropped or rewritten, the request audited, each finding named with its
//! request, and the same request reported once.
//!
//! The frameworks other than axum are behind the root package's features
//! of their name: `cargo test --all-features` walks all four.

use std::sync::{Arc, Mutex};

use cookie_decl::axum::Mode;
use cookie_decl::consent::{self, CategorySet, Consent, ConsentCookie, CsrfToken, Recorded};
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
    marketing {
        ads { provider: "Régie", service: "Publicité", purpose: "Show ads.", max_age: 13 months }
    }
}

const STORE: ConsentCookie<Site> = ConsentCookie::unsigned();

/// What each site's `GET /` answers while the visitor has not chosen.
const BANNER: &str = "Tout accepter";

/// What the banner says to a browser that sends Global Privacy Control.
const GPC_SENTENCE: &str = "Votre navigateur envoie le signal Global Privacy Control";

/// The `Set-Cookie` lines `GET /leak` sends, past the check's back.
const LEAKS: [&str; 2] = ["tracker=1; Path=/", "sid=abc; Path=/"];

/// The `Set-Cookie` every other path of each site sends past the check
/// (an error, an early return, a caught panic, a cookie added outside the
/// check): a marketing cookie, for a visitor who has not said yes.
const ADS: &str = "ads=1; Max-Age=31536000; Path=/";

/// Each of those paths, with the status its response has.
const OTHER_PATHS: [(&str, u16); 4] = [
    ("/error", 500),
    ("/early", 403),
    ("/panic", 500),
    ("/outer", 200),
];

/// `GET /withdraw/N`: a withdrawal answered in the `N`th order of its
/// lines.
const WITHDRAWALS: [&str; 6] = [
    "/withdraw/0",
    "/withdraw/1",
    "/withdraw/2",
    "/withdraw/3",
    "/withdraw/4",
    "/withdraw/5",
];

/// The `Set-Cookie` lines of a withdrawal whose handler also leaks: an
/// undeclared `theme`, the choice of nothing with its removals, and the
/// statistics cookie the old consent would have allowed, in the `order`th
/// of their six orders.
fn withdrawal(order: usize) -> Vec<String> {
    let recorded = STORE.record("", CategorySet::NONE);
    let groups = [
        vec!["theme=dark; Path=/".to_owned()],
        recorded.lines().to_vec(),
        vec![Site::VISITS.cookie("1").to_string()],
    ];
    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    orders[order % orders.len()]
        .iter()
        .flat_map(|&group| groups[group].clone())
        .collect()
}

/// A future that answers `Err` with the panic of the one it wraps: what a
/// site's catch-panic middleware builds on.
struct CatchUnwind<F>(std::pin::Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = std::thread::Result<F::Output>;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        use std::task::Poll;
        let inner = self.0.as_mut();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}

/// What the check reported: each finding, what was done, and the whole
/// log line (which names the request).
type Findings = Arc<Mutex<Vec<(String, String, String)>>>;

/// A request as a browser sends it.
struct Request {
    post: bool,
    uri: &'static str,
    /// Every header, `Cookie` among them when the visitor has cookies.
    headers: Vec<(&'static str, String)>,
    body: String,
}

impl Request {
    fn get(uri: &'static str, cookie: &str) -> Request {
        let mut request = Request {
            post: false,
            uri,
            headers: Vec::new(),
            body: String::new(),
        };
        if !cookie.is_empty() {
            request.headers.push(("cookie", cookie.to_owned()));
        }
        request
    }

    /// A form posted from the site's own page to `uri`.
    fn post(uri: &'static str, body: String, cookie: &str) -> Request {
        let mut request = Request::get(uri, cookie);
        request.post = true;
        request.body = body;
        request.headers.extend([
            (
                "content-type",
                "application/x-www-form-urlencoded".to_owned(),
            ),
            ("sec-fetch-site", "same-origin".to_owned()),
        ]);
        request
    }

    /// The consent form posted from the site's own page.
    fn form(body: String, cookie: &str) -> Request {
        Request::post("/cookies/consent", body, cookie)
    }

    /// With the header `name` set to `value` (replacing the one there).
    fn with(mut self, name: &'static str, value: &str) -> Request {
        self.headers.retain(|(other, _)| *other != name);
        self.headers.push((name, value.to_owned()));
        self
    }
}

/// What the journey looks at in a response.
struct Response {
    status: u16,
    /// Every header, its name in lowercase, in order.
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    /// The values of the header `name` (lowercase), in order.
    fn values(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(other, _)| other == name)
            .map(|(_, value)| value.as_str())
            .collect()
    }

    /// The `Set-Cookie` lines, in order.
    fn set_cookies(&self) -> Vec<&str> {
        self.values("set-cookie")
    }
}

/// The `name=value` pair of a `Set-Cookie` line.
fn pair(line: &str) -> &str {
    line.split(';').next().unwrap_or_default()
}

/// The journey, through `send`; `findings` is what the site's check
/// reported.
async fn journey(mut send: impl AsyncFnMut(Request) -> Response, findings: Findings) {
    // First visit: the banner and a fresh CSRF token, nothing else; a page
    // that depends on the visitor, which no shared cache may keep.
    let first = send(Request::get("/", "")).await;
    assert_eq!(first.status, 200);
    assert!(first.body.contains(BANNER), "{}", first.body);
    assert!(!first.body.contains(GPC_SENTENCE), "{}", first.body);
    assert_eq!(first.set_cookies().len(), 1, "{:?}", first.set_cookies());
    assert_eq!(first.values("vary"), ["Cookie"], "{:?}", first.headers);
    assert_eq!(
        first.values("cache-control"),
        ["private"],
        "{:?}",
        first.headers
    );
    let csrf = pair(first.set_cookies()[0]).to_owned();
    let token = csrf.strip_prefix("__Host-csrf=").expect("the CSRF cookie");
    assert_eq!(token.len(), 32, "{csrf}");

    // Forms that are not the visitor's: refused, nothing set.
    let forged = send(Request::form("csrf_token=forged&consent=all".into(), &csrf)).await;
    assert_eq!(forged.status, 403, "a forged token");
    assert!(
        forged.set_cookies().is_empty(),
        "{:?}",
        forged.set_cookies()
    );
    let cross_site = Request::form(format!("csrf_token={token}&consent=all"), &csrf)
        .with("sec-fetch-site", "cross-site");
    let cross_site = send(cross_site).await;
    assert_eq!(cross_site.status, 403, "posted from another site");
    assert!(cross_site.set_cookies().is_empty());
    let text = Request::form(format!("csrf_token={token}&consent=all"), &csrf)
        .with("content-type", "text/plain");
    let text = send(text).await;
    assert_eq!(text.status, 415, "not a urlencoded form");
    assert!(text.set_cookies().is_empty());
    let no_token = send(Request::form("consent=all".into(), &csrf)).await;
    assert_eq!(no_token.status, 403, "no token");

    // The site's other forms: the same CSRF check.
    let lang = send(Request::post(
        "/lang",
        format!("csrf_token={token}&lang=en"),
        &csrf,
    ))
    .await;
    assert_eq!((lang.status, lang.body.as_str()), (200, "en"));
    let forged = send(Request::post(
        "/lang",
        "csrf_token=0123&lang=en".into(),
        &csrf,
    ))
    .await;
    assert_eq!(forged.status, 403, "a forged token on another form");
    let planted = format!("{csrf}; __Host-csrf={}", "0".repeat(32));
    let planted = send(Request::post(
        "/lang",
        format!("csrf_token={token}&lang=en"),
        &planted,
    ))
    .await;
    assert_eq!(planted.status, 403, "a second, planted CSRF cookie");
    let reported = std::mem::take(&mut *findings.lock().unwrap());
    assert!(
        matches!(&reported[..], [(line, _, _)] if line.contains("cookie `__Host-csrf` several times")),
        "{reported:?}"
    );
    let cross_site = Request::post("/lang", format!("csrf_token={token}&lang=en"), &csrf)
        .with("sec-fetch-site", "cross-site");
    assert_eq!(
        send(cross_site).await.status,
        403,
        "another form from another site"
    );

    // Global Privacy Control: marketing refused while the visitor has not
    // chosen, and the banner says so; an explicit yes still counts, and
    // its proof notes the signal.
    let gpc = send(Request::get("/", &csrf).with("sec-gpc", "1")).await;
    assert!(gpc.body.contains(GPC_SENTENCE), "{}", gpc.body);
    let accepted =
        send(Request::form(format!("csrf_token={token}&consent=all"), &csrf).with("sec-gpc", "1"))
            .await;
    assert_eq!(
        accepted.values("location"),
        ["/?gpc"],
        "the proof notes GPC"
    );
    let consent = STORE.read(pair(accepted.set_cookies()[0]));
    assert!(
        consent.allows(Category::Marketing),
        "an explicit yes counts"
    );

    // Accept all: the consent cookie, then the gated cookie as declared.
    let accepted = send(Request::form(
        format!("csrf_token={token}&consent=all"),
        &csrf,
    ))
    .await;
    assert_eq!(accepted.status, 303);
    assert_eq!(accepted.values("location"), ["/"]);
    assert_eq!(
        accepted.set_cookies().len(),
        1,
        "{:?}",
        accepted.set_cookies()
    );
    let consent = pair(accepted.set_cookies()[0]).to_owned();
    assert!(STORE.read(consent.as_str()).allows(Category::Statistics));
    let visitor = format!("{csrf}; {consent}");
    let home = send(Request::get("/", &visitor)).await;
    assert!(!home.body.contains(BANNER), "{}", home.body);
    assert_eq!(home.set_cookies(), [Site::VISITS.cookie("1").to_string()]);

    // A withdrawal whose handler also sets the statistics cookie from the
    // old consent: each line judged by the choice the response records,
    // wherever its line stands among the others.
    for (order, uri) in WITHDRAWALS.into_iter().enumerate() {
        let withdrawn = send(Request::get(uri, &visitor)).await;
        let lines = withdrawn.set_cookies();
        assert!(
            !lines
                .iter()
                .any(|line| line.starts_with("visits=1") || line.starts_with("theme=")),
            "order {order}: {lines:?}"
        );
        let choice: Vec<_> = lines
            .iter()
            .filter(|line| line.starts_with("consent="))
            .collect();
        assert_eq!(choice.len(), 1, "order {order}: {lines:?}");
        assert!(!STORE.read(pair(choice[0])).allows(Category::Statistics));
        let removal = Site::VISITS.removal().to_string();
        assert!(
            lines.contains(&removal.as_str()),
            "order {order}: {lines:?}"
        );
    }
    let reported = std::mem::take(&mut *findings.lock().unwrap());
    assert!(
        reported.iter().any(|(finding, action, _)| finding
            == "response sets `statistics` cookie `visits` without the visitor's consent"
            && action == "dropped"),
        "{reported:?}"
    );

    // Refuse all: the choice, and the declared removals byte for byte.
    let refusing = format!("{visitor}; visits=1");
    let refused = send(Request::form(
        format!("csrf_token={token}&consent=none"),
        &refusing,
    ))
    .await;
    assert_eq!(refused.status, 303);
    let (choice, removals): (Vec<_>, Vec<_>) = refused
        .set_cookies()
        .into_iter()
        .partition(|line| line.starts_with("consent="));
    let expected = [
        Site::VISITS.removal().to_string(),
        Site::ADS.removal().to_string(),
    ];
    assert_eq!(removals, expected);
    let refusal = STORE.read(pair(choice[0]));
    assert!(refusal.is_given() && refusal.granted() == CategorySet::NONE);
    let home = send(Request::get("/", &format!("{csrf}; {}", pair(choice[0])))).await;
    assert!(home.set_cookies().is_empty(), "{:?}", home.set_cookies());
    assert!(
        findings.lock().unwrap().is_empty(),
        "{:?}",
        findings.lock().unwrap()
    );

    // Every response the check returns is checked, whatever made it: a
    // handler's error, an inner middleware's early answer or error, a
    // caught panic, the framework's own cookie jar or a layer outside.
    for (uri, status) in OTHER_PATHS {
        let response = send(Request::get(uri, &csrf)).await;
        assert_eq!(response.status, status, "{uri}");
        assert!(
            !response
                .set_cookies()
                .iter()
                .any(|line| line.starts_with("ads=")),
            "{uri}: {:?}",
            response.set_cookies()
        );
        let reported = std::mem::take(&mut *findings.lock().unwrap());
        assert!(
            reported.iter().all(|(_, action, _)| action == "dropped"),
            "{uri}: {reported:?}"
        );
    }

    // Enforce: the undeclared cookie dropped, the weakened one rewritten;
    // a page that reads neither consent nor token keeps its caching.
    let leak = send(Request::get("/leak", &visitor)).await;
    assert_eq!(leak.status, 200);
    assert_eq!(leak.set_cookies(), [Site::SID.cookie("abc").to_string()]);
    assert!(leak.values("vary").is_empty(), "{:?}", leak.headers);
    assert!(
        leak.values("cache-control").is_empty(),
        "{:?}",
        leak.headers
    );
    let findings = findings.lock().unwrap().clone();
    assert!(
        findings
            .iter()
            .any(|(finding, action, _)| (finding.as_str(), action.as_str())
                == (
                    "response sets cookie `tracker`, which the registry does not declare",
                    "dropped"
                )),
        "{findings:?}"
    );
    let sid: Vec<_> = findings
        .iter()
        .filter(|(line, _, _)| line.contains("cookie `sid`"))
        .collect();
    assert!(!sid.is_empty(), "{findings:?}");
    assert!(
        sid.iter().all(|(_, action, _)| action == "rewritten"),
        "{findings:?}"
    );
    assert_eq!(findings.len(), 1 + sid.len(), "{findings:?}");
}

/// The journey of `mode`: [`journey`] in enforce mode, [`report_journey`]
/// in report mode.
async fn walk(mode: Mode, send: impl AsyncFnMut(Request) -> Response, findings: Findings) {
    match mode {
        Mode::Enforce => journey(send, findings).await,
        Mode::Report => report_journey(send, findings).await,
    }
}

/// Report mode, for a first deployment: every response goes out as the
/// application wrote it; the request is audited too (a statistics cookie
/// a script set before any consent, a cookie nobody declared), each
/// finding reported once however often the same request comes back or
/// the same handler leaks again; each line names the request it was found
/// in.
async fn report_journey(mut send: impl AsyncFnMut(Request) -> Response, findings: Findings) {
    let take = || std::mem::take(&mut *findings.lock().unwrap());
    let planted = "visits=7; theme=dark";
    let first = send(Request::get("/", planted)).await;
    assert_eq!(first.status, 200);
    assert!(first.body.contains(BANNER), "{}", first.body);
    let reported = take();
    let found: Vec<(&str, &str)> = reported
        .iter()
        .map(|(finding, action, _)| (finding.as_str(), action.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "request carries `statistics` cookie `visits` without the visitor's consent",
                "reported"
            ),
            (
                "request carries cookie `theme`, which the registry does not declare",
                "reported"
            ),
        ],
        "{reported:?}"
    );
    assert!(
        reported
            .iter()
            .all(|(_, _, line)| line.ends_with("(GET /)")),
        "{reported:?}"
    );
    // The same request again: nothing new in the log.
    send(Request::get("/", planted)).await;
    assert_eq!(take(), [], "reported twice");

    // The leaks go out as written every time, and are reported the first
    // time only: a handler that leaks on every page is one log line each.
    let mut rounds = Vec::new();
    for _ in 0..2 {
        let leak = send(Request::get("/leak", "")).await;
        assert_eq!(leak.status, 200);
        // Rocket's jar sends its cookies in an order of its own.
        let mut sent: Vec<&str> = leak.set_cookies().into_iter().map(pair).collect();
        sent.sort_unstable();
        assert_eq!(
            sent,
            ["sid=abc", "tracker=1"],
            "nothing dropped in report mode"
        );
        // In the order of the lines, which Rocket's jar chooses.
        let mut reported = take();
        reported.sort();
        rounds.push(reported);
    }
    let reported = &rounds[0];
    assert_eq!(rounds[1], [], "the same leak reported twice");
    assert!(
        reported.iter().any(|(finding, _, _)| finding
            == "response sets cookie `tracker`, which the registry does not declare"),
        "{reported:?}"
    );
    assert!(
        reported
            .iter()
            .any(|(finding, _, _)| finding.contains("cookie `sid`")),
        "{reported:?}"
    );
    assert!(
        reported
            .iter()
            .all(|(_, action, line)| action == "reported" && line.ends_with("(GET /leak)")),
        "{reported:?}"
    );
}

/// Where each site's consent form redirects: `/?gpc` when the proof
/// notes a Global Privacy Control signal.
fn after_choice(recorded: &Recorded<Site>) -> &'static str {
    if recorded.record().global_privacy_control() {
        "/?gpc"
    } else {
        "/"
    }
}

/// Each site's `GET /`: the banner while the visitor has not chosen.
fn page(consent: &Consent<Site>, csrf: &CsrfToken<Site>) -> String {
    if consent.needs_asking() {
        consent::banner_for(consent, cookie_decl::Lang::Fr, csrf.as_str())
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
    use axum::extract::{FromRef, Path, State};
    use axum::http::header::SET_COOKIE;
    use axum::http::{HeaderValue, Request as HttpRequest, StatusCode};
    use axum::middleware::Next;
    use axum::response::{IntoResponse, Redirect, Response as HttpResponse};
    use axum::routing::{get, post};
    use axum_extra::extract::cookie::{Cookie, CookieJar};
    use cookie_decl::axum::{ConsentChoice, ConsentLayer, CsrfForm, SetCookies};
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
        match choice.record(&STORE) {
            None => Redirect::to("/cookies/preferences").into_response(),
            Some(recorded) => {
                let back = after_choice(&recorded);
                (recorded, Redirect::to(back)).into_response()
            }
        }
    }

    async fn lang(form: CsrfForm<Site>) -> String {
        form.get("lang").unwrap_or_default().to_owned()
    }

    async fn leak() -> HttpResponse {
        let mut response = "leak".into_response();
        for line in LEAKS {
            let value = HeaderValue::from_static(line);
            response.headers_mut().append(SET_COOKIE, value);
        }
        response
    }

    async fn withdraw(Path(order): Path<usize>) -> HttpResponse {
        let mut response = "withdrawn".into_response();
        for line in withdrawal(order) {
            let value = HeaderValue::try_from(line).unwrap();
            response.headers_mut().append(SET_COOKIE, value);
        }
        response
    }

    fn with_ads(status: StatusCode) -> HttpResponse {
        (status, [(SET_COOKIE, ADS)], "").into_response()
    }

    /// A handler's error.
    async fn error() -> Result<&'static str, HttpResponse> {
        Err(with_ads(StatusCode::INTERNAL_SERVER_ERROR))
    }

    async fn panics() -> &'static str {
        panic!("the handler fails")
    }

    /// The framework's own cookies (axum-extra's jar, a response part).
    async fn outer(jar: CookieJar) -> (CookieJar, &'static str) {
        (jar.add(Cookie::new("ads", "1")), "outer")
    }

    /// An inner middleware: an early answer on `/early`, and a caught
    /// panic's answer.
    async fn inner(request: HttpRequest<Body>, next: Next) -> HttpResponse {
        if request.uri().path() == "/early" {
            return with_ads(StatusCode::FORBIDDEN);
        }
        match CatchUnwind(Box::pin(next.run(request))).await {
            Ok(response) => response,
            Err(_) => with_ads(StatusCode::INTERNAL_SERVER_ERROR),
        }
    }

    #[tokio::test]
    async fn the_journey_through_axum() {
        through_axum(Mode::Enforce).await;
    }

    #[tokio::test]
    async fn the_report_mode_through_axum() {
        through_axum(Mode::Report).await;
    }

    async fn through_axum(mode: Mode) {
        let seen = findings();
        let sink = Arc::clone(&seen);
        let layer = ConsentLayer::new(STORE, mode)
            .max_reports_per_second(u32::MAX)
            .on_finding(move |report| {
                let line = (
                    report.finding.to_string(),
                    report.action.to_string(),
                    report.to_string(),
                );
                sink.lock().unwrap().push(line);
            });
        let router = Router::new()
            .route("/", get(home))
            .route("/cookies/consent", post(record))
            .route("/lang", post(lang))
            .route("/leak", get(leak))
            .route("/withdraw/{order}", get(withdraw))
            .route("/error", get(error))
            .route("/early", get(error))
            .route("/panic", get(panics))
            .route("/outer", get(outer))
            .layer(axum::middleware::from_fn(inner))
            .layer(layer)
            .with_state(App);
        walk(
            mode,
            async |request: Request| {
                let mut builder = HttpRequest::builder()
                    .method(if request.post { "POST" } else { "GET" })
                    .uri(request.uri);
                for (name, value) in request.headers {
                    builder = builder.header(name, value);
                }
                let request = builder.body(Body::from(request.body)).unwrap();
                let response = router.clone().oneshot(request).await.unwrap();
                let headers = response.headers().iter();
                let headers = headers
                    .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
                    .collect();
                let status = response.status().as_u16();
                let body = axum::body::to_bytes(response.into_body(), 1 << 20)
                    .await
                    .unwrap();
                Response {
                    status,
                    headers,
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
    use cookie_decl::cookie::Cookie;
    use cookie_decl::rocket::{ConsentChoice, ConsentFairing, CsrfForm, WithCookies};
    use rocket::fairing::AdHoc;
    use rocket::http::{CookieJar, Header, Status};
    use rocket::local::asynchronous::Client;
    use rocket::outcome::Outcome;
    use rocket::request::{self, FromRequest};
    use rocket::response::Redirect;
    use rocket::{catch, catchers, get, post, routes};

    #[get("/")]
    fn home(consent: Consent<Site>, csrf: CsrfToken<Site>) -> WithCookies<String> {
        let banner = page(&consent, &csrf);
        let visits = consent.cookie(Site::VISITS, "1");
        WithCookies::new(banner).csrf(&csrf).cookie(visits)
    }

    #[post("/cookies/consent", data = "<choice>")]
    fn record(choice: ConsentChoice<Site>) -> WithCookies<Redirect> {
        match choice.record(&STORE) {
            None => WithCookies::new(Redirect::to("/cookies/preferences")),
            Some(recorded) => {
                WithCookies::new(Redirect::to(after_choice(&recorded))).recorded(&recorded)
            }
        }
    }

    #[post("/lang", data = "<form>")]
    fn lang(form: CsrfForm<Site>) -> String {
        form.get("lang").unwrap_or_default().to_owned()
    }

    #[get("/leak")]
    fn leak(jar: &CookieJar<'_>) -> &'static str {
        for line in LEAKS {
            jar.add(Cookie::parse(line).unwrap());
        }
        "leak"
    }

    #[get("/withdraw/<order>")]
    fn withdraw(order: usize) -> WithCookies<&'static str> {
        let lines = withdrawal(order).into_iter();
        let cookies = lines.map(|line| Cookie::parse(line).unwrap());
        WithCookies::new("withdrawn").cookies_from(cookies)
    }

    fn ads() -> Cookie<'static> {
        Cookie::parse(ADS).unwrap()
    }

    /// A handler's error, answered by the catcher.
    #[get("/error")]
    fn error() -> Status {
        Status::InternalServerError
    }

    /// A guard that fails: the early answer, by the catcher.
    struct Refused;

    #[rocket::async_trait]
    impl<'r> FromRequest<'r> for Refused {
        type Error = ();

        async fn from_request(_: &'r rocket::Request<'_>) -> request::Outcome<Self, ()> {
            Outcome::Error((Status::Forbidden, ()))
        }
    }

    #[get("/early")]
    fn early(_refused: Refused) -> &'static str {
        "never"
    }

    /// Rocket catches the panic, and answers with the catcher.
    #[get("/panic")]
    fn panics() -> &'static str {
        panic!("the handler fails")
    }

    #[get("/outer")]
    fn outer() -> &'static str {
        "outer"
    }

    /// The catcher of `/error`, `/early` and `/panic`: what it answers
    /// passes the check too.
    #[catch(default)]
    fn failed(_: Status, request: &rocket::Request<'_>) -> WithCookies<&'static str> {
        let path = request.uri().path();
        let leaks = OTHER_PATHS.iter().any(|(uri, _)| path == *uri);
        WithCookies::new("failed").cookie(leaks.then(ads))
    }

    #[rocket::async_test]
    async fn the_journey_through_rocket() {
        through_rocket(Mode::Enforce).await;
    }

    #[rocket::async_test]
    async fn the_report_mode_through_rocket() {
        through_rocket(Mode::Report).await;
    }

    async fn through_rocket(mode: Mode) {
        let seen = findings();
        let sink = Arc::clone(&seen);
        let fairing = ConsentFairing::new(STORE, mode)
            .max_reports_per_second(u32::MAX)
            .on_finding(move |report| {
                let line = (
                    report.finding.to_string(),
                    report.action.to_string(),
                    report.to_string(),
                );
                sink.lock().unwrap().push(line);
            });
        let config = rocket::Config {
            log_level: rocket::config::LogLevel::Off,
            ..rocket::Config::debug_default()
        };
        // A fairing attached after the check that sets a cookie: the
        // check still runs after it.
        let outer = AdHoc::on_response("ads", |request, response| {
            Box::pin(async move {
                if request.uri().path() == "/outer" {
                    response.adjoin_raw_header("Set-Cookie", ADS);
                }
            })
        });
        let rocket = rocket::custom(config)
            .mount(
                "/",
                routes![
                    home, record, lang, leak, withdraw, error, early, panics, outer
                ],
            )
            .register("/", catchers![failed])
            .attach(fairing)
            .attach(outer);
        // Untracked: the journey sends its own `Cookie` header.
        let client = Client::untracked(rocket).await.unwrap();
        walk(
            mode,
            async |request: Request| {
                let mut builder = if request.post {
                    client.post(request.uri).body(request.body)
                } else {
                    client.get(request.uri)
                };
                for (name, value) in request.headers {
                    builder = builder.header(Header::new(name, value));
                }
                let response = builder.dispatch().await;
                let headers = response.headers().iter();
                let headers = headers
                    .map(|header| {
                        (
                            header.name().as_str().to_lowercase(),
                            header.value().to_owned(),
                        )
                    })
                    .collect();
                Response {
                    status: response.status().code,
                    headers,
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
    use actix_web::body::to_bytes;
    use actix_web::dev::Service;
    use actix_web::error::InternalError;
    use actix_web::http::header::{LOCATION, SET_COOKIE};
    use actix_web::test::{TestRequest, init_service, try_call_service};
    use actix_web::{App, HttpResponse, HttpResponseBuilder, web};
    use cookie_decl::actix::{ConsentChoice, ConsentMiddleware, CsrfForm, WithCookies};

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
        match choice.record(&STORE) {
            None => WithCookies::new(see_other("/cookies/preferences")),
            Some(recorded) => {
                WithCookies::new(see_other(after_choice(&recorded))).recorded(&recorded)
            }
        }
    }

    async fn lang(form: CsrfForm<Site>) -> String {
        form.get("lang").unwrap_or_default().to_owned()
    }

    async fn leak() -> HttpResponse {
        let mut response = HttpResponse::Ok();
        for line in LEAKS {
            response.append_header((SET_COOKIE, line));
        }
        response.body("leak")
    }

    async fn withdraw(order: web::Path<usize>) -> HttpResponse {
        let mut response = HttpResponse::Ok();
        for line in withdrawal(order.into_inner()) {
            response.append_header((SET_COOKIE, line));
        }
        response.body("withdrawn")
    }

    fn with_ads(mut response: HttpResponseBuilder) -> HttpResponse {
        response.append_header((SET_COOKIE, ADS)).finish()
    }

    /// A handler's error.
    async fn error() -> Result<HttpResponse, actix_web::Error> {
        let response = with_ads(HttpResponse::InternalServerError());
        Err(InternalError::from_response("error", response).into())
    }

    async fn panics() -> HttpResponse {
        panic!("the handler fails")
    }

    /// The framework's own cookie API.
    async fn outer() -> HttpResponse {
        HttpResponse::Ok()
            .cookie(actix_web::cookie::Cookie::new("ads", "1"))
            .body("outer")
    }

    #[actix_web::test]
    async fn the_journey_through_actix() {
        through_actix(Mode::Enforce).await;
    }

    #[actix_web::test]
    async fn the_report_mode_through_actix() {
        through_actix(Mode::Report).await;
    }

    async fn through_actix(mode: Mode) {
        let seen = findings();
        let sink = Arc::clone(&seen);
        let middleware = ConsentMiddleware::new(STORE, mode)
            .max_reports_per_second(u32::MAX)
            .on_finding(move |report| {
                let line = (
                    report.finding.to_string(),
                    report.action.to_string(),
                    report.to_string(),
                );
                sink.lock().unwrap().push(line);
            });
        let app = App::new()
            .app_data(web::Data::new(STORE))
            .route("/", web::get().to(home))
            .route("/cookies/consent", web::post().to(record))
            .route("/lang", web::post().to(lang))
            .route("/leak", web::get().to(leak))
            .route("/withdraw/{order}", web::get().to(withdraw))
            .route("/error", web::get().to(error))
            .route("/early", web::get().to(error))
            .route("/panic", web::get().to(panics))
            .route("/outer", web::get().to(outer))
            // An inner middleware: its error on `/early`, and a caught
            // panic's answer.
            .wrap_fn(|request, service| {
                let early = request.path() == "/early";
                let response = (!early).then(|| service.call(request));
                async move {
                    let Some(response) = response else {
                        let response = with_ads(HttpResponse::Forbidden());
                        return Err(InternalError::from_response("early", response).into());
                    };
                    match CatchUnwind(Box::pin(response)).await {
                        Ok(response) => response,
                        Err(_) => {
                            let response = with_ads(HttpResponse::InternalServerError());
                            Err(InternalError::from_response("panic", response).into())
                        }
                    }
                }
            })
            .wrap(middleware);
        let app = init_service(app).await;
        walk(
            mode,
            async |request: Request| {
                let mut builder = if request.post {
                    TestRequest::post().set_payload(request.body)
                } else {
                    TestRequest::get()
                };
                builder = builder.uri(request.uri);
                for (name, value) in request.headers {
                    builder = builder.insert_header((name, value));
                }
                // An error is answered with its response, as actix-web's
                // server does.
                let response = match try_call_service(&app, builder.to_request()).await {
                    Ok(response) => response.into_parts().1.map_into_boxed_body(),
                    Err(error) => error.error_response(),
                };
                let headers = response.headers().iter();
                let headers = headers
                    .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
                    .collect();
                let status = response.status().as_u16();
                let body = to_bytes(response.into_body()).await.unwrap();
                Response {
                    status,
                    headers,
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
    use cookie_decl::poem::{ConsentChoice, ConsentMiddleware, CsrfForm, WithCookies};
    use poem::http::header::SET_COOKIE;
    use poem::http::{HeaderValue, StatusCode};
    use poem::middleware::{CatchPanic, CookieJarManager};
    use poem::test::TestClient;
    use poem::web::cookie::{Cookie, CookieJar};
    use poem::web::{Path, Redirect};
    use poem::{Endpoint, EndpointExt, IntoResponse, Route, get, handler, post};

    #[handler]
    fn home(consent: Consent<Site>, csrf: CsrfToken<Site>) -> WithCookies<String> {
        let banner = page(&consent, &csrf);
        let visits = consent.cookie(Site::VISITS, "1");
        WithCookies::new(banner).csrf(&csrf).cookie(visits)
    }

    #[handler]
    fn record(choice: ConsentChoice<Site>) -> WithCookies<Redirect> {
        match choice.record(&STORE) {
            None => WithCookies::new(Redirect::see_other("/cookies/preferences")),
            Some(recorded) => {
                WithCookies::new(Redirect::see_other(after_choice(&recorded))).recorded(&recorded)
            }
        }
    }

    #[handler]
    fn lang(form: CsrfForm<Site>) -> String {
        form.get("lang").unwrap_or_default().to_owned()
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

    #[handler]
    fn withdraw(Path(order): Path<usize>) -> poem::Response {
        let mut response = "withdrawn".into_response();
        for line in withdrawal(order) {
            let value = HeaderValue::try_from(line).unwrap();
            response.headers_mut().append(SET_COOKIE, value);
        }
        response
    }

    fn with_ads(status: StatusCode) -> poem::Response {
        poem::Response::builder()
            .status(status)
            .header(SET_COOKIE, ADS)
            .finish()
    }

    /// A handler's error.
    #[handler]
    fn error() -> poem::Result<&'static str> {
        Err(poem::Error::from_response(with_ads(
            StatusCode::INTERNAL_SERVER_ERROR,
        )))
    }

    #[handler]
    fn panics() -> &'static str {
        panic!("the handler fails")
    }

    /// poem's own cookie jar, its manager mounted outside the check.
    #[handler]
    fn outer(jar: &CookieJar) -> &'static str {
        jar.add(Cookie::new_with_str("ads", "1"));
        "outer"
    }

    #[tokio::test]
    async fn the_journey_through_poem() {
        through_poem(Mode::Enforce).await;
    }

    #[tokio::test]
    async fn the_report_mode_through_poem() {
        through_poem(Mode::Report).await;
    }

    async fn through_poem(mode: Mode) {
        let seen = findings();
        let sink = Arc::clone(&seen);
        let middleware = ConsentMiddleware::new(STORE, mode)
            .max_reports_per_second(u32::MAX)
            .on_finding(move |report| {
                let line = (
                    report.finding.to_string(),
                    report.action.to_string(),
                    report.to_string(),
                );
                sink.lock().unwrap().push(line);
            });
        let app = Route::new()
            .at("/", get(home))
            .at("/cookies/consent", post(record))
            .at("/lang", post(lang))
            .at("/leak", get(leak))
            .at("/withdraw/:order", get(withdraw))
            .at("/error", get(error))
            .at("/early", get(error))
            .at("/panic", get(panics))
            .at("/outer", get(outer))
            // Inner middlewares: an error on `/early`, and a caught
            // panic's answer.
            .around(|endpoint, request| async move {
                if request.uri().path() == "/early" {
                    return Err(poem::Error::from_response(with_ads(StatusCode::FORBIDDEN)));
                }
                endpoint
                    .call(request)
                    .await
                    .map(IntoResponse::into_response)
            })
            .with(CatchPanic::new().with_handler(|_| with_ads(StatusCode::INTERNAL_SERVER_ERROR)))
            .with(middleware)
            .with(CookieJarManager::new());
        let client = TestClient::new(app);
        walk(
            mode,
            async |request: Request| {
                let mut builder = if request.post {
                    client.post(request.uri).body(request.body)
                } else {
                    client.get(request.uri)
                };
                for (name, value) in request.headers {
                    builder = builder.header(name, value);
                }
                let response = builder.send().await.0;
                let headers = response.headers().iter();
                let headers = headers
                    .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
                    .collect();
                Response {
                    status: response.status().as_u16(),
                    headers,
                    body: response.into_body().into_string().await.unwrap(),
                }
            },
            seen,
        )
        .await;
    }
}

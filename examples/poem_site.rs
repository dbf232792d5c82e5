//! cookie-decl with poem 3: the visitor's consent read from the request's
//! `Cookie` headers, a statistics cookie set only through the consent gate,
//! the generated banner and preferences page, and the choice recorded with
//! its removals and its proof.
//!
//! ```sh
//! cargo run --example poem_site --features poem    # PORT=3000 by default
//! cargo test --example poem_site --features poem   # the journey, in-process
//! ```
//!
//! The registry is the axum example's (`examples/axum_site/cookies.rs`).
//!
//! poem's `CookieJar` takes `cookie` 0.18 cookies (`jar.add(cookie.into())`)
//! but percent-encodes every value it sends, and `.cookie(value)` has
//! already encoded what a `Set-Cookie` cannot carry: through the jar, a
//! value that needed it would arrive encoded twice. This example appends
//! each cookie's own `Set-Cookie` line to the response instead, exactly as
//! the declaration built it (`Partitioned` included).

use std::io::Read as _;

use cookie_decl::consent::{self, Consent, ConsentCookie, ConsentForm, FormAction, RequestCookies};
use cookie_decl::cookie::Cookie;
use cookie_decl::{DeclaredCookie, Format, Lang};
use poem::http::header::{COOKIE, LOCATION, SET_COOKIE};
use poem::http::{HeaderValue, StatusCode};
use poem::listener::TcpListener;
use poem::web::{Data, Html};
use poem::{EndpointExt, IntoResponse, Request, Response, Route, Server, get, handler, post};

#[path = "axum_site/cookies.rs"]
mod cookies;

use cookies::SiteCookies;

/// Where the site keeps the visitor's choice: the cookie the registry
/// declares `stores_consent`, signed with the application's key.
type Store = ConsentCookie<SiteCookies>;

/// The request's cookies (every `Cookie` header: HTTP/2 may send one per
/// cookie) and the visitor's consent read from them. A forged, expired or
/// garbled consent cookie reads as "not asked yet".
struct Visit<'r> {
    cookies: RequestCookies<'r>,
    consent: Consent<SiteCookies>,
    /// What the response sets.
    set: Vec<Cookie<'static>>,
}

impl<'r> Visit<'r> {
    fn new(request: &'r Request, store: &Store) -> Visit<'r> {
        let headers = request.headers().get_all(COOKIE).iter();
        let cookies = RequestCookies::from_headers(headers.filter_map(|h| h.to_str().ok()));
        let consent = store.read(&cookies);
        Visit {
            cookies,
            consent,
            set: Vec::new(),
        }
    }

    /// The decoded value of `cookie`, `None` when absent or garbled.
    fn get(&self, cookie: DeclaredCookie) -> Option<String> {
        let raw = self.cookies.get(cookie.name())?;
        let value = cookie_decl::decode_value(raw).ok()?;
        (!value.is_empty()).then(|| value.into_owned())
    }

    /// The visitor's CSRF token, issued (as the declared `__Host-csrf`
    /// cookie) on the first page that needs one. Without a source of
    /// randomness it is empty, and every form is refused.
    fn csrf_token(&mut self) -> String {
        if let Some(token) = self.get(SiteCookies::CSRF) {
            return token;
        }
        let Some(token) = random_token() else {
            return String::new();
        };
        self.set.push(SiteCookies::CSRF.cookie(token.clone()));
        token
    }

    /// Whether a posted form repeats the visitor's CSRF token.
    fn csrf_ok(&self, posted: &str) -> bool {
        self.get(SiteCookies::CSRF)
            .is_some_and(|token| !posted.is_empty() && token == posted)
    }

    /// `response` with a `Set-Cookie` line for each cookie set.
    fn respond(self, response: impl IntoResponse) -> Response {
        let mut response = response.into_response();
        for cookie in &self.set {
            // A line cookie-decl built is always a valid header value.
            if let Ok(line) = HeaderValue::from_str(&cookie.to_string()) {
                response.headers_mut().append(SET_COOKIE, line);
            }
        }
        response
    }
}

/// `GET /`: the banner while no choice counts, and a visit counter that is
/// a statistics cookie, set only through the gate.
#[handler]
fn home(request: &Request, store: Data<&Store>) -> Response {
    let mut visit = Visit::new(request, &store);
    let token = visit.csrf_token();
    let count = visit
        .get(SiteCookies::VISITS)
        .and_then(|value| value.parse::<u32>().ok())
        .unwrap_or(0)
        .saturating_add(1);
    // `Some` only when the visitor accepted statistics.
    let counted = match visit.consent.cookie(SiteCookies::VISITS, count.to_string()) {
        Some(cookie) => {
            visit.set.push(cookie);
            format!("<p>Visite n° {count}.</p>")
        }
        None => "<p>Visites non comptées.</p>".to_owned(),
    };
    let banner = if visit.consent.needs_asking() {
        consent::banner::<SiteCookies>(Lang::Fr, &token)
    } else {
        String::new()
    };
    visit.respond(Html(format!(
        "<!doctype html><html lang=\"fr\"><title>Accueil</title>{banner}<h1>Accueil</h1>\
         {counted}<p><a href=\"/cookies/preferences\">Gérer les cookies</a> · \
         <a href=\"/cookies\">Charte cookies</a></p></html>"
    )))
}

/// `GET /cookies`: the charte, generated at compile time.
#[handler]
fn charte() -> Html<&'static str> {
    Html(SiteCookies::charte(Lang::Fr, Format::Html))
}

/// `GET /cookies/preferences`: one box per category, the current choice
/// ticked.
#[handler]
fn preferences(request: &Request, store: Data<&Store>) -> Response {
    let mut visit = Visit::new(request, &store);
    let token = visit.csrf_token();
    let page = consent::preferences::<SiteCookies>(Lang::Fr, &token, &visit.consent);
    visit.respond(Html(page))
}

/// `POST /cookies/consent`: the choice of the banner or the preferences
/// page. Sends the consent cookie and the removal of every cookie of a
/// category not (or no longer) accepted, and logs the proof.
#[handler]
fn record_consent(request: &Request, store: Data<&Store>, body: String) -> Response {
    let mut visit = Visit::new(request, &store);
    let Ok(form) = ConsentForm::parse(&body) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    if !visit.csrf_ok(form.csrf_token()) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let granted = match form.action() {
        FormAction::Customise => return see_other("/cookies/preferences"),
        FormAction::Record(granted) => granted,
    };
    let recorded = store.record(&visit.cookies, granted);
    // The proof: a real site appends it to a store it keeps (see the axum
    // example); one line on standard output here.
    println!("{}", recorded.record());
    let (_, set_cookies, _) = recorded.into_parts();
    visit.set = set_cookies;
    visit.respond(see_other("/"))
}

fn see_other(location: &'static str) -> Response {
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(LOCATION, location)
        .finish()
}

/// 128 random bits in hex, from the operating system (a real site uses the
/// `getrandom` crate); `None` where there is no `/dev/urandom`.
fn random_token() -> Option<String> {
    let mut bytes = [0_u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut random| random.read_exact(&mut bytes))
        .ok()?;
    Some(format!("{:032x}", u128::from_be_bytes(bytes)))
}

fn site(store: Store) -> impl poem::Endpoint {
    Route::new()
        .at("/", get(home))
        .at("/cookies", get(charte))
        .at("/cookies/preferences", get(preferences))
        .at("/cookies/consent", post(record_consent))
        .data(store)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let port = std::env::var("PORT").map_or(Ok(3000), |port| port.parse::<u16>());
    let Ok(port) = port else {
        eprintln!("PORT must be a port number");
        std::process::exit(2);
    };
    let store = ConsentCookie::signed(cookie_decl::cookie::Key::generate());
    println!("listening on http://127.0.0.1:{port}");
    let served = Server::new(TcpListener::bind(("127.0.0.1", port)))
        .run(site(store))
        .await;
    if let Err(err) = served {
        eprintln!("server error: {err}");
        std::process::exit(1);
    }
}

#[cfg(test)]
#[path = "support/browser.rs"]
mod browser;

#[cfg(test)]
mod tests {
    use super::browser::{Browser, assert_declared};
    use super::*;
    use cookie_decl::Category;
    use cookie_decl::consent::CategorySet;
    use cookie_decl::cookie::Key;
    use poem::test::{TestClient, TestResponse};

    fn set_cookies(response: &TestResponse) -> Vec<String> {
        let lines = response.0.headers().get_all(SET_COOKIE).iter();
        lines
            .map(|line| line.to_str().expect("ASCII").to_owned())
            .collect()
    }

    #[tokio::test]
    async fn the_journey_through_poem() {
        let store = ConsentCookie::<SiteCookies>::signed(Key::generate());
        let client = TestClient::new(site(store.clone()));
        let mut browser = Browser::default();

        // First visit: the banner, the CSRF token, no statistics cookie.
        let response = client.get("/").send().await;
        response.assert_status_is_ok();
        let lines = browser.take(set_cookies(&response));
        let body = response.0.into_body().into_string().await.expect("a page");
        assert!(body.contains("Tout accepter") && body.contains("Tout refuser"));
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].starts_with("__Host-csrf="), "{lines:?}");
        assert_declared(&lines, &Consent::<SiteCookies>::not_asked());
        let token = browser.value(SiteCookies::CSRF.name()).expect("a token");

        // A forged token is refused, and nothing is recorded.
        let forged = client
            .post("/cookies/consent")
            .header(COOKIE, browser.header())
            .body("csrf_token=forged&consent=all")
            .send()
            .await;
        forged.assert_status(StatusCode::FORBIDDEN);
        assert!(set_cookies(&forged).is_empty());

        // Accept all, then the next page counts the visit.
        let response = client
            .post("/cookies/consent")
            .header(COOKIE, browser.header())
            .body(format!("csrf_token={token}&consent=all"))
            .send()
            .await;
        response.assert_status(StatusCode::SEE_OTHER);
        let lines = browser.take(set_cookies(&response));
        let consent = store.read(browser.header().as_str());
        assert!(consent.is_given() && consent.allows(Category::Statistics));
        assert_declared(&lines, &consent);
        let response = client
            .get("/")
            .header(COOKIE, browser.header())
            .send()
            .await;
        let lines = browser.take(set_cookies(&response));
        assert!(
            lines.iter().any(|line| line.starts_with("visits=1;")),
            "{lines:?}"
        );
        assert_declared(&lines, &consent);

        // Refuse all: the visits cookie is deleted with its declared
        // attributes, and no longer set.
        let response = client
            .post("/cookies/consent")
            .header(COOKIE, browser.header())
            .body(format!("csrf_token={token}&consent=none"))
            .send()
            .await;
        let lines = browser.take(set_cookies(&response));
        let removal = lines.iter().find(|line| line.starts_with("visits="));
        assert_eq!(
            removal,
            Some(&SiteCookies::VISITS.removal().to_string()),
            "the declared removal, byte for byte, in {lines:?}"
        );
        let refused = store.read(browser.header().as_str());
        assert!(refused.is_given() && refused.granted() == CategorySet::NONE);
        assert_declared(&lines, &refused);
        assert!(browser.value("visits").is_none());
        let response = client
            .get("/")
            .header(COOKIE, browser.header())
            .send()
            .await;
        assert!(set_cookies(&response).is_empty());

        // The charte is the one generated at compile time.
        let page = client.get("/cookies").send().await;
        let body = page.0.into_body().into_string().await.expect("a page");
        assert_eq!(body, SiteCookies::charte(Lang::Fr, Format::Html));
    }
}

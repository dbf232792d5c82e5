//! cookie-decl with actix-web 4: the visitor's consent read from the
//! request's `Cookie` headers, a statistics cookie set only through the
//! consent gate, the generated banner and preferences page, and the choice
//! recorded with its removals and its proof.
//!
//! ```sh
//! cargo run --example actix_site --features actix    # PORT=8080 by default
//! cargo test --example actix_site --features actix   # the journey, in-process
//! ```
//!
//! The registry is the axum example's (`examples/axum_site/cookies.rs`).
//!
//! actix-web 4 is on `cookie` 0.16, not 0.18: its `HttpResponse::cookie`
//! takes another crate's type. This example appends each cookie's own
//! `Set-Cookie` line to the response instead, exactly as the declaration
//! built it. (`actix_web::cookie::Cookie::parse(cookie.to_string())` works
//! too, but `cookie` 0.16 drops the `Partitioned` attribute.)

use std::io::Read as _;

use actix_web::http::StatusCode;
use actix_web::http::header::{COOKIE, ContentType, HeaderValue, LOCATION, SET_COOKIE};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use cookie_decl::consent::{self, Consent, ConsentCookie, ConsentForm, FormAction, RequestCookies};
use cookie_decl::cookie::Cookie;
use cookie_decl::{DeclaredCookie, Format, Lang};

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
    fn new(request: &'r HttpRequest, store: &Store) -> Visit<'r> {
        let headers = request.headers().get_all(COOKIE);
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
    fn respond(self, mut response: HttpResponse) -> HttpResponse {
        for cookie in &self.set {
            // A line cookie-decl built is always a valid header value.
            if let Ok(line) = HeaderValue::from_str(&cookie.to_string()) {
                response.headers_mut().append(SET_COOKIE, line);
            }
        }
        response
    }
}

fn html(page: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::html())
        .body(page)
}

/// `GET /`: the banner while no choice counts, and a visit counter that is
/// a statistics cookie, set only through the gate.
async fn home(request: HttpRequest, store: web::Data<Store>) -> HttpResponse {
    let mut visit = Visit::new(&request, &store);
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
    visit.respond(html(format!(
        "<!doctype html><html lang=\"fr\"><title>Accueil</title>{banner}<h1>Accueil</h1>\
         {counted}<p><a href=\"/cookies/preferences\">Gérer les cookies</a> · \
         <a href=\"/cookies\">Charte cookies</a></p></html>"
    )))
}

/// `GET /cookies`: the charte, generated at compile time.
async fn charte() -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::html())
        .body(SiteCookies::charte(Lang::Fr, Format::Html))
}

/// `GET /cookies/preferences`: one box per category, the current choice
/// ticked.
async fn preferences(request: HttpRequest, store: web::Data<Store>) -> HttpResponse {
    let mut visit = Visit::new(&request, &store);
    let token = visit.csrf_token();
    let page = consent::preferences::<SiteCookies>(Lang::Fr, &token, &visit.consent);
    visit.respond(html(page))
}

/// `POST /cookies/consent`: the choice of the banner or the preferences
/// page. Sends the consent cookie and the removal of every cookie of a
/// category not (or no longer) accepted, and logs the proof.
async fn record_consent(
    request: HttpRequest,
    store: web::Data<Store>,
    body: String,
) -> HttpResponse {
    let mut visit = Visit::new(&request, &store);
    let Ok(form) = ConsentForm::parse(&body) else {
        return HttpResponse::new(StatusCode::BAD_REQUEST);
    };
    if !visit.csrf_ok(form.csrf_token()) {
        return HttpResponse::new(StatusCode::FORBIDDEN);
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

fn see_other(location: &'static str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((LOCATION, location))
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

/// The site's routes; the `Store` comes as `web::Data`.
fn routes(config: &mut web::ServiceConfig) {
    config
        .route("/", web::get().to(home))
        .route("/cookies", web::get().to(charte))
        .route("/cookies/preferences", web::get().to(preferences))
        .route("/cookies/consent", web::post().to(record_consent));
}

#[actix_web::main]
async fn main() {
    let port = std::env::var("PORT").map_or(Ok(8080), |port| port.parse::<u16>());
    let Ok(port) = port else {
        eprintln!("PORT must be a port number");
        std::process::exit(2);
    };
    let store = web::Data::new(Store::signed(cookie_decl::cookie::Key::generate()));
    let server = HttpServer::new(move || App::new().app_data(store.clone()).configure(routes))
        .workers(1)
        .bind(("127.0.0.1", port));
    let served = match server {
        Ok(server) => {
            println!("listening on http://127.0.0.1:{port}");
            server.run().await
        }
        Err(err) => Err(err),
    };
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
    use actix_web::dev::ServiceResponse;
    use actix_web::test::{TestRequest, call_service, init_service, read_body};
    use cookie_decl::Category;
    use cookie_decl::consent::CategorySet;
    use cookie_decl::cookie::Key;

    fn set_cookies(response: &ServiceResponse) -> Vec<String> {
        let lines = response.headers().get_all(SET_COOKIE);
        lines
            .map(|line| line.to_str().expect("ASCII").to_owned())
            .collect()
    }

    async fn body(response: ServiceResponse) -> String {
        String::from_utf8(read_body(response).await.to_vec()).expect("UTF-8")
    }

    #[actix_web::test]
    async fn the_journey_through_actix() {
        let store = ConsentCookie::<SiteCookies>::signed(Key::generate());
        let app = App::new()
            .app_data(web::Data::new(store.clone()))
            .configure(routes);
        let app = init_service(app).await;
        let mut browser = Browser::default();
        let post = |browser: &Browser, form: String| {
            TestRequest::post()
                .uri("/cookies/consent")
                .insert_header((COOKIE, browser.header()))
                .set_payload(form)
                .to_request()
        };
        let get = |browser: &Browser, uri: &str| {
            TestRequest::get()
                .uri(uri)
                .insert_header((COOKIE, browser.header()))
                .to_request()
        };

        // First visit: the banner, the CSRF token, no statistics cookie.
        let response = call_service(&app, TestRequest::get().uri("/").to_request()).await;
        assert_eq!(response.status(), StatusCode::OK);
        let lines = browser.take(set_cookies(&response));
        let page = body(response).await;
        assert!(page.contains("Tout accepter") && page.contains("Tout refuser"));
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].starts_with("__Host-csrf="), "{lines:?}");
        assert_declared(&lines, &Consent::<SiteCookies>::not_asked());
        let token = browser.value(SiteCookies::CSRF.name()).expect("a token");

        // A forged token is refused, and nothing is recorded.
        let forged = post(&browser, "csrf_token=forged&consent=all".to_owned());
        let forged = call_service(&app, forged).await;
        assert_eq!(forged.status(), StatusCode::FORBIDDEN);
        assert!(set_cookies(&forged).is_empty());

        // Accept all, then the next page counts the visit.
        let accept = post(&browser, format!("csrf_token={token}&consent=all"));
        let response = call_service(&app, accept).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let lines = browser.take(set_cookies(&response));
        let consent = store.read(browser.header().as_str());
        assert!(consent.is_given() && consent.allows(Category::Statistics));
        assert_declared(&lines, &consent);
        let response = call_service(&app, get(&browser, "/")).await;
        let lines = browser.take(set_cookies(&response));
        assert!(
            lines.iter().any(|line| line.starts_with("visits=1;")),
            "{lines:?}"
        );
        assert_declared(&lines, &consent);

        // Refuse all: the visits cookie is deleted with its declared
        // attributes, and no longer set.
        let refuse = post(&browser, format!("csrf_token={token}&consent=none"));
        let response = call_service(&app, refuse).await;
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
        let response = call_service(&app, get(&browser, "/")).await;
        assert!(set_cookies(&response).is_empty());

        // The charte is the one generated at compile time.
        let page = call_service(&app, get(&browser, "/cookies")).await;
        assert_eq!(
            body(page).await,
            SiteCookies::charte(Lang::Fr, Format::Html)
        );
    }
}

//! cookie-decl with Rocket 0.5: the visitor's consent read by a request
//! guard, a statistics cookie set only through the consent gate, the
//! generated banner and preferences page, and the choice recorded (with
//! its removals and its proof) through Rocket's `CookieJar`.
//!
//! ```sh
//! cargo run --example rocket_site --features rocket    # PORT=8000 by default
//! cargo test --example rocket_site --features rocket   # the journey, in-process
//! ```
//!
//! The registry is the axum example's (`examples/axum_site/cookies.rs`).
//!
//! Rocket takes `cookie` 0.18 cookies as they are (`jar.add(cookie)`), with
//! one thing to know: it sends every value percent-encoded
//! (`Cookie::encoded`), and `.cookie(value)` has already encoded the bytes
//! a `Set-Cookie` cannot carry, so a value that needed it would arrive
//! encoded twice. Send through the jar values that need no encoding: the
//! ones here are hex tokens, digits and the consent cookie's own value;
//! for others, [`DeclaredCookie::try_cookie`] refuses what would need it.
//!
//! [`DeclaredCookie::try_cookie`]: cookie_decl::DeclaredCookie::try_cookie

use std::io::Read as _;
use std::net::{IpAddr, Ipv4Addr};

use cookie_decl::consent::{self, Consent, ConsentCookie, ConsentForm, FormAction, RequestCookies};
use cookie_decl::{DeclaredCookie, Format, Lang};
use rocket::http::{CookieJar, Status};
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::Redirect;
use rocket::response::content::RawHtml;
use rocket::{Build, Rocket, State, get, post, routes};

#[path = "axum_site/cookies.rs"]
mod cookies;

use cookies::SiteCookies;

/// Where the site keeps the visitor's choice: the cookie the registry
/// declares `stores_consent`, signed with the application's key.
type Store = ConsentCookie<SiteCookies>;

/// A request guard: the request's cookies, and the visitor's consent read
/// from them. A forged, expired or garbled consent cookie reads as "not
/// asked yet", never as an error page.
struct Visit<'r> {
    cookies: RequestCookies<'r>,
    consent: Consent<SiteCookies>,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Visit<'r> {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, ()> {
        let store = rocket::outcome::try_outcome!(request.guard::<&State<Store>>().await);
        // Every `Cookie` header, as HTTP/2 may send one per cookie.
        let cookies = RequestCookies::from_headers(request.headers().get("Cookie"));
        let consent = store.read(&cookies);
        Outcome::Success(Visit { cookies, consent })
    }
}

impl Visit<'_> {
    /// The decoded value of `cookie`, `None` when absent or garbled.
    fn get(&self, cookie: DeclaredCookie) -> Option<String> {
        let raw = self.cookies.get(cookie.name())?;
        let value = cookie_decl::decode_value(raw).ok()?;
        (!value.is_empty()).then(|| value.into_owned())
    }

    /// The visitor's CSRF token, issued (as the declared `__Host-csrf`
    /// cookie) on the first page that needs one. Without a source of
    /// randomness it is empty, and every form is refused.
    fn csrf_token(&self, jar: &CookieJar<'_>) -> String {
        self.get(SiteCookies::CSRF)
            .or_else(|| {
                let token = random_token()?;
                jar.add(SiteCookies::CSRF.cookie(token.clone()));
                Some(token)
            })
            .unwrap_or_default()
    }

    /// Whether a posted form repeats the visitor's CSRF token.
    fn csrf_ok(&self, posted: &str) -> bool {
        self.get(SiteCookies::CSRF)
            .is_some_and(|token| !posted.is_empty() && token == posted)
    }
}

/// `GET /`: the banner while no choice counts, and a visit counter that is
/// a statistics cookie, set only through the gate.
#[get("/")]
fn home(visit: Visit<'_>, jar: &CookieJar<'_>) -> RawHtml<String> {
    let token = visit.csrf_token(jar);
    let count = visit
        .get(SiteCookies::VISITS)
        .and_then(|value| value.parse::<u32>().ok())
        .unwrap_or(0)
        .saturating_add(1);
    // `Some` only when the visitor accepted statistics.
    let counted = match visit.consent.cookie(SiteCookies::VISITS, count.to_string()) {
        Some(cookie) => {
            jar.add(cookie);
            format!("<p>Visite n° {count}.</p>")
        }
        None => "<p>Visites non comptées.</p>".to_owned(),
    };
    let banner = if visit.consent.needs_asking() {
        consent::banner::<SiteCookies>(Lang::Fr, &token)
    } else {
        String::new()
    };
    RawHtml(format!(
        "<!doctype html><html lang=\"fr\"><title>Accueil</title>{banner}<h1>Accueil</h1>\
         {counted}<p><a href=\"/cookies/preferences\">Gérer les cookies</a> · \
         <a href=\"/cookies\">Charte cookies</a></p></html>"
    ))
}

/// `GET /cookies`: the charte, generated at compile time.
#[get("/cookies")]
fn charte() -> RawHtml<&'static str> {
    RawHtml(SiteCookies::charte(Lang::Fr, Format::Html))
}

/// `GET /cookies/preferences`: one box per category, the current choice
/// ticked.
#[get("/cookies/preferences")]
fn preferences(visit: Visit<'_>, jar: &CookieJar<'_>) -> RawHtml<String> {
    let token = visit.csrf_token(jar);
    RawHtml(consent::preferences::<SiteCookies>(
        Lang::Fr,
        &token,
        &visit.consent,
    ))
}

/// `POST /cookies/consent`: the choice of the banner or the preferences
/// page. Sends the consent cookie and the removal of every cookie of a
/// category not (or no longer) accepted, and logs the proof.
#[post("/cookies/consent", data = "<body>")]
fn record_consent(
    visit: Visit<'_>,
    store: &State<Store>,
    jar: &CookieJar<'_>,
    body: String,
) -> Result<Redirect, Status> {
    let form = ConsentForm::parse(&body).map_err(|_| Status::BadRequest)?;
    if !visit.csrf_ok(form.csrf_token()) {
        return Err(Status::Forbidden);
    }
    let granted = match form.action() {
        FormAction::Customise => return Ok(Redirect::to("/cookies/preferences")),
        FormAction::Record(granted) => granted,
    };
    let recorded = store.record(&visit.cookies, granted);
    // The proof: a real site appends it to a store it keeps (see the axum
    // example); one line on standard output here.
    println!("{}", recorded.record());
    for cookie in recorded.set_cookies() {
        jar.add(cookie.clone());
    }
    Ok(Redirect::to("/"))
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

fn site(store: Store) -> Rocket<Build> {
    rocket::build()
        .manage(store)
        .mount("/", routes![home, charte, preferences, record_consent])
}

#[rocket::main]
async fn main() {
    let port = std::env::var("PORT").map_or(Ok(8000), |port| port.parse::<u16>());
    let Ok(port) = port else {
        eprintln!("PORT must be a port number");
        std::process::exit(2);
    };
    let config = rocket::Config {
        port,
        address: IpAddr::V4(Ipv4Addr::LOCALHOST),
        ..rocket::Config::release_default()
    };
    println!("listening on http://127.0.0.1:{port}");
    let launched = site(ConsentCookie::signed(cookie_decl::cookie::Key::generate()))
        .configure(config)
        .launch()
        .await;
    if let Err(err) = launched {
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
    use rocket::http::{ContentType, Header};
    use rocket::local::blocking::{Client, LocalResponse};

    /// A client that sends what `Browser` keeps as a raw `Cookie` header,
    /// as a browser does (Rocket's cookie-tracking client puts cookies in
    /// the request's jar, not in a header).
    fn client(store: Store) -> Client {
        let config = rocket::Config {
            log_level: rocket::config::LogLevel::Off,
            ..rocket::Config::debug_default()
        };
        Client::untracked(site(store).configure(config)).expect("a valid Rocket")
    }

    fn set_cookies(response: &LocalResponse<'_>) -> Vec<String> {
        response
            .headers()
            .get("Set-Cookie")
            .map(str::to_owned)
            .collect()
    }

    fn get(client: &Client, browser: &mut Browser, uri: &'static str) -> (Vec<String>, String) {
        let response = client
            .get(uri)
            .header(Header::new("Cookie", browser.header()))
            .dispatch();
        assert_eq!(response.status(), Status::Ok);
        let lines = browser.take(set_cookies(&response));
        (lines, response.into_string().expect("a page"))
    }

    fn post(client: &Client, browser: &mut Browser, body: String) -> (Status, Vec<String>) {
        let response = client
            .post("/cookies/consent")
            .header(ContentType::Form)
            .header(Header::new("Cookie", browser.header()))
            .body(body)
            .dispatch();
        (response.status(), browser.take(set_cookies(&response)))
    }

    #[test]
    fn the_journey_through_rocket() {
        let store = ConsentCookie::<SiteCookies>::signed(Key::generate());
        let client = client(store.clone());
        let mut browser = Browser::default();

        // First visit: the banner, the CSRF token, no statistics cookie.
        let (lines, body) = get(&client, &mut browser, "/");
        assert!(body.contains("Tout accepter") && body.contains("Tout refuser"));
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].starts_with("__Host-csrf="), "{lines:?}");
        assert_declared(&lines, &Consent::<SiteCookies>::not_asked());
        let token = browser.value(SiteCookies::CSRF.name()).expect("a token");

        // A forged token is refused, and nothing is recorded.
        let forged = post(
            &client,
            &mut browser,
            "csrf_token=forged&consent=all".into(),
        );
        assert_eq!(forged, (Status::Forbidden, Vec::new()));

        // Accept all, then the next page counts the visit.
        let (status, lines) = post(
            &client,
            &mut browser,
            format!("csrf_token={token}&consent=all"),
        );
        assert_eq!(status, Status::SeeOther);
        let consent = store.read(browser.header().as_str());
        assert!(consent.is_given() && consent.allows(Category::Statistics));
        assert_declared(&lines, &consent);
        let (lines, body) = get(&client, &mut browser, "/");
        assert!(!body.contains("Tout refuser"));
        assert!(
            lines.iter().any(|line| line.starts_with("visits=1;")),
            "{lines:?}"
        );
        assert_declared(&lines, &consent);

        // Refuse all: the visits cookie is deleted with its declared
        // attributes, and no longer set.
        let (status, lines) = post(
            &client,
            &mut browser,
            format!("csrf_token={token}&consent=none"),
        );
        assert_eq!(status, Status::SeeOther);
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
        let (lines, _) = get(&client, &mut browser, "/");
        assert!(lines.is_empty(), "{lines:?}");

        // The charte is the one generated at compile time.
        let (_, body) = get(&client, &mut browser, "/cookies");
        assert_eq!(body, SiteCookies::charte(Lang::Fr, Format::Html));
    }

    #[test]
    fn a_garbled_consent_cookie_reads_as_not_asked() {
        let client = client(ConsentCookie::signed(Key::generate()));
        let mut browser = Browser::default();
        browser.jar.add_original(cookie_decl::cookie::Cookie::new(
            "cookies_preferences",
            "1.7.0.x",
        ));
        let (lines, body) = get(&client, &mut browser, "/");
        assert!(
            lines.iter().all(|line| !line.starts_with("visits=")),
            "{lines:?}"
        );
        assert!(body.contains("Tout accepter"));
    }
}

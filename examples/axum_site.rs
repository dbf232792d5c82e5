//! A small site on axum whose cookies are declared once, then used for
//! everything: the `Set-Cookie` headers, reading them back, the consent
//! rules and the *charte cookies* at `/cookies`.
//!
//! ```text
//! cargo run --example axum_site              # http://127.0.0.1:3000
//! PORT=8080 cargo run --example axum_site
//! ```
//!
//! | route                             | what it does                                      |
//! |-----------------------------------|---------------------------------------------------|
//! | `/`                               | the visitor's state, with links to everything     |
//! | `/cookies`, `/cookies?lang=en`    | the charte, generated from the declaration        |
//! | `/login`, `/logout`               | open and close a session (`__Host-sid`)           |
//! | `/consent?accept=all`             | record consent (`all`, `none`, or a list such as  |
//! |                                   | `preferences,statistics`), delete what the        |
//! |                                   | visitor no longer accepts, log the proof          |
//! | `/lang?set=en`                    | remember the language, if preferences are allowed |
//!
//! Every cookie is `Secure` (the crate's default). Browsers treat
//! `http://127.0.0.1` and `http://localhost` as secure contexts, so the
//! example works over plain HTTP there; anywhere else, serve it over HTTPS.
//!
//! The routes that change state answer `GET` to keep the example to one
//! file and no extra features; a real site uses `POST` forms with a CSRF
//! token for them.

use std::collections::HashSet;
use std::io::Read as _;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use cookie_decl::consent::{CategorySet, Consent, ConsentCookie};
use cookie_decl::cookie::Cookie;
use cookie_decl::{Category, DeclaredCookie, Format, Lang, declare_cookies};

declare_cookies! {
    /// The cookies of the Example open-data portal.
    pub struct SiteCookies {
        site: "https://data.example.fr",
        consent_retention: 6 months,
    }

    necessary {
        /// The signed-in visitor's session. `__Host-` makes the browser
        /// refuse it unless it is `Secure`, host-only and on `Path=/`, so a
        /// sibling subdomain cannot plant or overwrite it.
        "__Host-sid" as SESSION {
            provider: "Example",
            service: "Authentification (espace contributeur)",
            purpose: "Garder l'utilisateur connecté d'une page à une autre.",
            max_age: 12 hours,
            same_site: Lax,
        }
        /// The visitor's choice about the other cookies. Remembering that
        /// choice is strictly necessary, so it needs no consent itself; the
        /// CNIL recommends asking again after 6 months.
        consent {
            provider: "Example",
            service: "Choix concernant vos préférences sur les cookies",
            purpose: "Se souvenir du choix opéré par le visiteur concernant les cookies.",
            max_age: 6 months,
            stores_consent: true,
        }
    }

    preferences {
        /// The interface language, readable by the page's scripts.
        lang {
            provider: "Example",
            service: "Sélection de la langue",
            purpose: "Se souvenir de la langue du visiteur.",
            max_age: 1 year,
            http_only: false,
        }
    }

    statistics {
        /// A first-party visit counter.
        visits {
            provider: "Example",
            service: "Mesure d'audience",
            purpose: "Compter les visites d'un même navigateur.",
            max_age: 13 months,
        }
        /// Set by the Google Analytics script, never by this server: it is
        /// declared so that the charte lists it.
        extern "_ga_*" as GA_STREAM {
            provider: "Google",
            service: "Google Analytics",
            purpose: "Conserver l'état de la session de mesure d'audience.",
            max_age: 13 months,
            // Where the tag puts it, so that a withdrawal can delete it.
            domain: ".data.example.fr",
        }
    }
}

/// How the consent cookie is read and written: unsigned here, to keep the
/// example to the default features; a real site enables `signed` and uses
/// `ConsentCookie::signed(key)`, so that a visitor cannot forge a choice.
const CONSENT: ConsentCookie<SiteCookies> = ConsentCookie::unsigned();

/// Parses `all`, `none`, or a list such as `preferences,statistics`.
/// Anything else in the list is ignored: the value comes from a request, so
/// it may hold anything, and nothing unknown may grant consent.
fn parse_choice(value: &str) -> CategorySet {
    let mut granted = CategorySet::NONE;
    for word in value.split([',', ' ', '+']) {
        granted = match word {
            "all" => CategorySet::ALL,
            "preferences" => granted.with(Category::Preferences),
            "statistics" => granted.with(Category::Statistics),
            "marketing" => granted.with(Category::Marketing),
            _ => granted,
        };
    }
    granted
}

/// The open sessions. A real site keeps them in a database or signs them.
#[derive(Clone, Default)]
struct Sessions(Arc<Mutex<HashSet<String>>>);

impl Sessions {
    fn with<T>(&self, f: impl FnOnce(&mut HashSet<String>) -> T) -> T {
        // A handler that panicked while holding the lock left the set
        // usable: keep serving rather than poison every later request.
        f(&mut self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// The cookies a request carries, read through the declaration.
///
/// Every read goes through [`DeclaredCookie::read_header`], which undoes the
/// encoding of `.cookie()`. A request may carry anything: a header that is
/// not text, a value that does not decode, a cookie the client forged. Each
/// reads as absent, the safe default, and never panics.
struct RequestCookies(String);

impl RequestCookies {
    fn new(headers: &HeaderMap) -> RequestCookies {
        // HTTP/1.1 sends one `Cookie` header; HTTP/2 may split it in several
        // (RFC 9113 §8.2.3), which read as one joined with "; ".
        let parts: Vec<&str> = headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect();
        RequestCookies(parts.join("; "))
    }

    /// The decoded value of `cookie`, or `None` when it is absent, empty or
    /// not a value `.cookie()` could have written.
    fn get(&self, cookie: DeclaredCookie) -> Option<String> {
        match cookie.read_header(&self.0) {
            Ok(Some(value)) if !value.is_empty() => Some(value.into_owned()),
            _ => None,
        }
    }

    /// The visitor's consent: not asked yet when there is no choice, when
    /// it is older than 6 months, made on another version of the
    /// declaration, or tampered with.
    fn consent(&self) -> Consent<SiteCookies> {
        CONSENT.read(self.0.as_str())
    }

    /// The charte's language: `?lang=` first, then the `lang` cookie.
    fn lang(&self, uri: &Uri) -> Lang {
        let chosen = query_param(uri, "lang").map(str::to_owned);
        match chosen.or_else(|| self.get(SiteCookies::LANG)).as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Fr,
        }
    }
}

/// The value of `key` in the query string, as sent (this site's values are
/// plain words, so nothing needs decoding).
fn query_param<'a>(uri: &'a Uri, key: &str) -> Option<&'a str> {
    uri.query()?
        .split('&')
        .find_map(|pair| pair.split_once('=').filter(|(k, _)| *k == key))
        .map(|(_, value)| value)
}

/// A fresh session id: 128 random bits from the operating system, in hex.
/// `None` where `/dev/urandom` does not exist; a real site uses the
/// `getrandom` crate.
fn new_session_id() -> Option<String> {
    let mut bytes = [0_u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut random| random.read_exact(&mut bytes))
        .ok()?;
    Some(format!("{:032x}", u128::from_be_bytes(bytes)))
}

/// The `Set-Cookie` headers for `cookies`.
fn set_cookies(cookies: impl IntoIterator<Item = Cookie<'static>>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for cookie in cookies {
        // `.cookie()` percent-encodes every byte that could break the
        // header, so this cannot fail; if it ever did, say so rather than
        // drop the cookie in silence.
        match HeaderValue::try_from(cookie.to_string()) {
            Ok(value) => {
                headers.append(SET_COOKIE, value);
            }
            Err(err) => eprintln!("cannot send cookie `{}`: {err}", cookie.name()),
        }
    }
    headers
}

/// `/`: who the visitor is, what they accepted, and links to change it.
async fn home(State(sessions): State<Sessions>, headers: HeaderMap, uri: Uri) -> Response {
    let jar = RequestCookies::new(&headers);
    let consent = jar.consent();
    let signed_in = jar
        .get(SiteCookies::SESSION)
        .is_some_and(|id| sessions.with(|open| open.contains(&id)));

    // The visit counter is a statistics cookie: set only through the
    // consent gate. A forged value counts as zero, and the count saturates.
    let count = jar
        .get(SiteCookies::VISITS)
        .and_then(|value| value.parse::<u32>().ok())
        .unwrap_or(0)
        .saturating_add(1);
    let cookies: Vec<Cookie<'static>> = consent
        .cookie(SiteCookies::VISITS, count.to_string())
        .into_iter()
        .collect();
    let visits = consent.allows_cookie(&SiteCookies::VISITS).then_some(count);

    let lang = match jar.lang(&uri) {
        Lang::En => "en",
        _ => "fr",
    };
    let body = format!(
        "<h1>Example open-data portal</h1>\n\
         <ul>\n\
         <li>Session: {session}</li>\n\
         <li>Consent: <code>{consent}</code></li>\n\
         <li>Language: <code>{lang}</code></li>\n\
         <li>Visits: {visits}</li>\n\
         </ul>\n\
         <p><a href=\"/login\">Sign in</a> · <a href=\"/logout\">Sign out</a></p>\n\
         <p>Cookies: <a href=\"/consent?accept=all\">accept all</a> · \
         <a href=\"/consent?accept=preferences\">preferences only</a> · \
         <a href=\"/consent?accept=none\">refuse all</a></p>\n\
         <p>Language: <a href=\"/lang?set=fr\">français</a> · <a href=\"/lang?set=en\">English</a></p>\n\
         <p><a href=\"/cookies\">Charte cookies</a></p>",
        session = if signed_in { "signed in" } else { "anonymous" },
        consent = if consent.is_given() {
            consent.granted().to_string()
        } else {
            "not asked yet".to_owned()
        },
        visits = visits.map_or_else(|| "not counted".to_owned(), |n| n.to_string()),
    );
    (set_cookies(cookies), page(lang, "Example", &body)).into_response()
}

/// `/cookies`: the charte, generated at compile time from the declaration,
/// so it always lists exactly the cookies the site sets.
async fn charte(headers: HeaderMap, uri: Uri) -> Response {
    let lang = RequestCookies::new(&headers).lang(&uri);
    let (code, title) = match lang {
        Lang::En => ("en", "Cookie policy"),
        _ => ("fr", "Charte cookies"),
    };
    // `Format::Html` escapes every declared string: it is safe to embed.
    let fragment = SiteCookies::charte(lang, Format::Html);
    page(code, title, fragment).into_response()
}

/// `/login`: opens a session. The id goes through `.cookie()`, so it gets
/// `Secure`, `HttpOnly`, `SameSite=Lax`, `Path=/` and `Max-Age=43200`, as
/// declared.
async fn login(State(sessions): State<Sessions>) -> Response {
    let Some(id) = new_session_id() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "no source of randomness").into_response();
    };
    sessions.with(|open| open.insert(id.clone()));
    (
        set_cookies([SiteCookies::SESSION.cookie(id)]),
        Redirect::to("/"),
    )
        .into_response()
}

/// `/logout`: closes the session on the server and deletes the cookie.
async fn logout(State(sessions): State<Sessions>, headers: HeaderMap) -> Response {
    if let Some(id) = RequestCookies::new(&headers).get(SiteCookies::SESSION) {
        sessions.with(|open| open.remove(&id));
    }
    (
        set_cookies([SiteCookies::SESSION.removal()]),
        Redirect::to("/"),
    )
        .into_response()
}

/// `/consent?accept=...`: records the choice, and deletes every cookie of
/// a category the visitor does not (or no longer) accept, with its
/// declared `Path`, `Domain`, `Secure` and `SameSite`, so that the browser
/// really deletes it, and the `_ga_*` cookies the Analytics tag left.
/// Withdrawing consent must be as easy as giving it, and takes effect at
/// once. The proof of the choice goes to the log, one line per choice.
async fn consent(headers: HeaderMap, uri: Uri) -> Response {
    let granted = parse_choice(query_param(&uri, "accept").unwrap_or("none"));
    let request = RequestCookies::new(&headers);
    let recorded = CONSENT.record(request.0.as_str(), granted);
    println!("{}", recorded.record());
    let (_, cookies, _) = recorded.into_parts();
    (set_cookies(cookies), Redirect::to("/")).into_response()
}

/// `/lang?set=en`: remembers the language, a preference, only with consent;
/// without it the choice lasts for this visit through the query string.
async fn lang(headers: HeaderMap, uri: Uri) -> Response {
    let code = match query_param(&uri, "set") {
        Some("en") => "en",
        _ => "fr",
    };
    let consent = RequestCookies::new(&headers).consent();
    match consent.cookie(SiteCookies::LANG, code) {
        Some(cookie) => (set_cookies([cookie]), Redirect::to("/cookies")).into_response(),
        None => Redirect::to(&format!("/cookies?lang={code}")).into_response(),
    }
}

/// The site's stylesheet: the charte fragment carries no style of its own,
/// it takes the site's. These rules are all a charte needs: readable
/// lines, and tables whose rows and columns can be told apart.
const STYLE: &str = "\
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem; color: #1e1e1e; }
.charte-cookies table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
.charte-cookies caption { text-align: left; }
.charte-cookies caption h4 { margin: 1rem 0 0.5rem; font-size: 1.05rem; }
.charte-cookies th, .charte-cookies td { border: 1px solid #c8c8c8; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
.charte-cookies th { background: #f0f0f4; }
.charte-cookies td:nth-child(3) { font-family: ui-monospace, monospace; white-space: nowrap; }
footer { margin-top: 2rem; border-top: 1px solid #c8c8c8; padding-top: 1rem; }
";

/// A minimal HTML page around `body`. Pages vary with the visitor's
/// cookies, so no cache may keep them.
fn page(lang: &str, title: &str, body: &str) -> impl IntoResponse {
    let html = format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n\
         <footer><a href=\"/\">Accueil / Home</a></footer>\n</body>\n</html>\n"
    );
    ([(CACHE_CONTROL, "no-store")], Html(html))
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".to_owned());
    let Ok(port) = port.parse::<u16>() else {
        eprintln!("PORT must be a port number, found `{port}`");
        std::process::exit(2);
    };

    let app = Router::new()
        .route("/", get(home))
        .route("/cookies", get(charte))
        .route("/login", get(login))
        .route("/logout", get(logout))
        .route("/consent", get(consent))
        .route("/lang", get(lang))
        .with_state(Sessions::default());

    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("cannot listen on {addr}: {err}");
            std::process::exit(1);
        }
    };
    println!("listening on http://{addr}");
    if let Err(err) = axum::serve(listener, app).await {
        eprintln!("server error: {err}");
        std::process::exit(1);
    }
}

//! A small site on axum whose cookies are declared once (`cookies.rs`),
//! then used for everything: the `Set-Cookie` headers, reading them back,
//! the consent banner and preferences page, the consent itself, the proof
//! of each choice, and the *charte cookies*.
//!
//! ```text
//! cargo run --example axum_site              # http://127.0.0.1:3000
//! PORT=8080 cargo run --example axum_site
//! ```
//!
//! | route                      | what it does                                           |
//! |----------------------------|--------------------------------------------------------|
//! | `GET /`                    | home, with the banner until the visitor chooses;       |
//! |                            | counts visits if statistics are on                     |
//! | `GET /cookies`             | the charte, generated from the declaration             |
//! | `GET /stats`               | with consent to statistics, the Matomo tag, which sets |
//! |                            | `_pk_id.1.4c2f` on `Path=/stats` from the page         |
//! | `GET /cookies/preferences` | the recorded choice, its proof, the form to change it  |
//! | `POST /cookies/consent`    | records a choice, deletes what is no longer accepted   |
//! | `POST /login`, `/logout`   | open and close a session (`__Host-sid`)                |
//! | `POST /lang`               | remember the language, if preferences are on           |
//!
//! The library does the hard parts: `ConsentLayer` reads the consent once
//! per request (honouring Global Privacy Control), drops or rewrites any
//! `Set-Cookie` the declaration does not allow, and keeps shared caches
//! off the pages that depend on the visitor; `ConsentChoice` and
//! `CsrfForm` refuse any form that is not the visitor's own (`403`);
//! `Retrying<AnyStore>` keeps each proof in `$CONSENT_PROOFS` (default
//! `consent-proofs`), or in PostgreSQL when `$DATABASE_URL` is set (`cargo
//! run --example axum_site --features axum,postgres`), and writes again
//! what a full disk or a restarting database refused.
//!
//! The consent cookie is signed with the 64-byte key in `$COOKIE_KEY`
//! (hex), or a fresh key at each start. Every cookie is `Secure`: browsers
//! treat `http://127.0.0.1` as a secure context; anywhere else, serve the
//! site over HTTPS.

use std::borrow::Cow;
use std::collections::HashSet;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::header::REFERER;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use cookie_decl::axum::{ConsentChoice, ConsentLayer, CsrfForm, WithCookies, request_cookies};
use cookie_decl::consent::proof::{AnyStore, ProofStore, Retrying, VersionText};
use cookie_decl::consent::{self, Consent, ConsentCookie, CsrfToken};
use cookie_decl::cookie::Key;
use cookie_decl::{Format, Lang};

mod cookies;
use cookies::SiteCookies;

/// One line on standard error; a log that cannot be written is lost, and
/// the site goes on (`eprintln!` would panic).
macro_rules! log {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// What every handler shares.
#[derive(Clone)]
struct App {
    consent: ConsentCookie<SiteCookies>,
    /// The open sessions. A real site keeps them in a database.
    sessions: Arc<Mutex<HashSet<String>>>,
    proofs: Arc<Retrying<AnyStore>>,
}

impl FromRef<App> for ConsentCookie<SiteCookies> {
    fn from_ref(app: &App) -> Self {
        app.consent.clone()
    }
}

impl App {
    fn sessions(&self) -> MutexGuard<'_, HashSet<String>> {
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// What every page does first: the language of the generated texts
/// (`?lang=`, then the `lang` cookie), the visitor's CSRF token for its
/// forms, and the visit count, a statistics cookie set only through the
/// consent gate. A handler that takes `Consent` or `CsrfToken` makes its
/// response the visitor's own: `ConsentLayer` adds `Vary: Cookie` and
/// `Cache-Control: private`.
struct Page {
    lang: Lang,
    csrf: CsrfToken<SiteCookies>,
    visits: Option<u32>,
    out: WithCookies<()>,
}

impl Page {
    fn new(
        headers: &HeaderMap,
        uri: &Uri,
        consent: &Consent<SiteCookies>,
        csrf: CsrfToken<SiteCookies>,
    ) -> Page {
        let cookies = request_cookies(headers);
        let asked = uri
            .query()
            .unwrap_or("")
            .split('&')
            .find_map(|p| p.strip_prefix("lang="));
        let lang = match asked
            .map(Cow::from)
            .or_else(|| cookies.value(&SiteCookies::LANG))
        {
            Some(code) if code == "en" => Lang::En,
            _ => Lang::Fr,
        };
        // A forged count reads as zero; the count saturates.
        let count = cookies
            .value(&SiteCookies::VISITS)
            .and_then(|v| v.parse::<u32>().ok());
        let count = count.unwrap_or(0).saturating_add(1);
        let visit = consent.cookie(SiteCookies::VISITS, count.to_string());
        let visits = visit.is_some().then_some(count);
        let out = WithCookies::new(()).csrf(&csrf).cookie(visit);
        Page {
            lang,
            csrf,
            visits,
            out,
        }
    }

    /// A form that posts the CSRF token to `action` with one button.
    fn form(&self, action: &str, fields: &str, label: &str) -> String {
        let token = self.csrf.as_str();
        format!(
            "<form method=\"post\" action=\"{action}\" class=\"lang\"><input type=\"hidden\" \
             name=\"csrf_token\" value=\"{token}\">{fields}<button type=\"submit\">{label}</button></form>"
        )
    }

    /// The page, with its cookies and the links every page carries: the
    /// preferences page among them, so that consent can be withdrawn from
    /// anywhere.
    fn respond(self, title: &str, body: &str) -> Response {
        let (code, q, other) = match self.lang {
            Lang::En => ("en", "?lang=en", "fr"),
            _ => ("fr", "", "en"),
        };
        let switch = self.form(
            "/lang",
            &format!("<input type=\"hidden\" name=\"set\" value=\"{other}\">"),
            other,
        );
        let html = format!(
            "<!doctype html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n\
             <style>\n{style}</style>\n</head>\n<body>\n<main>\n{body}\n<nav><a href=\"/{q}\">Accueil</a> · \
             <a href=\"/stats{q}\">Statistiques</a> · <a href=\"/cookies{q}\">Charte cookies</a> · \
             <a href=\"/cookies/preferences{q}\">Gérer les cookies</a> {switch}</nav>\n</main>\n</body>\n</html>\n",
            style = include_str!("style.css"),
        );
        let cookies = self.out.cookies().to_vec();
        WithCookies::new(Html(html))
            .cookies_from(cookies)
            .into_response()
    }
}

/// `GET /`: the visitor's state, the banner while no choice counts (with a
/// sentence more when the browser sends Global Privacy Control), and the
/// forms to sign in and out.
async fn home(
    State(app): State<App>,
    consent: Consent<SiteCookies>,
    csrf: CsrfToken<SiteCookies>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let page = Page::new(&headers, &uri, &consent, csrf);
    let cookies = request_cookies(&headers);
    let session = cookies.value(&SiteCookies::SESSION);
    let signed_in = session.is_some_and(|id| app.sessions().contains(id.as_ref()));
    let banner = match consent.needs_asking() {
        true => consent::banner_for(&consent, page.lang, page.csrf.as_str()),
        false => String::new(),
    };
    let choice = match consent.is_given() {
        true => consent.granted().to_string(),
        false => "pas encore demandé".to_owned(),
    };
    let visits = page
        .visits
        .map_or("non comptées".to_owned(), |n| n.to_string());
    let (session, account) = match signed_in {
        true => ("connecté", page.form("/logout", "", "Se déconnecter")),
        false => ("anonyme", page.form("/login", "", "Se connecter")),
    };
    let body = format!(
        "{banner}<h1>Portail open data Example</h1>\n<ul>\n<li>Session: {session}</li>\n\
         <li>Consentement: <code>{choice}</code></li>\n<li>Visites: {visits}</li>\n</ul>\n{account}"
    );
    page.respond("Example", &body)
}

/// `GET /cookies`: the charte, generated at compile time from the
/// declaration; `Format::Html` escapes every declared string.
async fn charte(
    consent: Consent<SiteCookies>,
    csrf: CsrfToken<SiteCookies>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let page = Page::new(&headers, &uri, &consent, csrf);
    let charte = SiteCookies::charte(page.lang, Format::Html);
    page.respond("Charte cookies", charte)
}

/// `GET /stats`: with consent to statistics, the page carries the Matomo
/// tag (`matomo.js`, standing for it), which keeps the visitor id in
/// `_pk_id.1.4c2f` on `Path=/stats`, with the declared name, path and
/// lifetime written in so the two cannot drift apart. A script's cookie is
/// no `Set-Cookie`: the tag itself is what is gated.
async fn stats(
    consent: Consent<SiteCookies>,
    csrf: CsrfToken<SiteCookies>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let page = Page::new(&headers, &uri, &consent, csrf);
    let cookie = SiteCookies::MATOMO_ID;
    let body = if consent.allows_cookie(&cookie) {
        let max_age = cookie.max_age().map_or(0, |age| age.whole_seconds());
        let script = include_str!("matomo.js")
            .replace("NAME", cookie.name())
            .replace("PATH", cookie.path());
        let script = script.replace("MAX_AGE", &max_age.to_string());
        format!(
            "<p>La mesure d'audience est active sur cette page.</p>\n<script>\n{script}</script>\n"
        )
    } else {
        "<p>La mesure d'audience est désactivée : vous ne l'avez pas acceptée.</p>\n".to_owned()
    };
    page.respond(
        "Statistiques",
        &format!("<h1>Tableau de bord statistique</h1>\n{body}"),
    )
}

/// `GET /cookies/preferences`: the recorded choice, the proof kept of it,
/// read back from the store, and the form to change it.
async fn preferences(
    State(app): State<App>,
    consent: Consent<SiteCookies>,
    csrf: CsrfToken<SiteCookies>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let page = Page::new(&headers, &uri, &consent, csrf);
    let kept = match consent.record_id() {
        Some(id) => app.proofs.find(id).await.unwrap_or_else(|err| {
            log!("cookie-decl-axum-site: cannot read the proof of {id}: {err}");
            None
        }),
        None => None,
    };
    let proof = kept.map_or_else(String::new, |record| {
        let json = record.to_json().replace('&', "&amp;").replace('<', "&lt;");
        format!("<details><summary>La preuve que nous conservons de ce choix</summary><pre>{json}</pre></details>\n")
    });
    let form = consent::preferences::<SiteCookies>(page.lang, page.csrf.as_str(), &consent);
    page.respond("Gérer les cookies", &format!("{form}{proof}"))
}

/// `POST /cookies/consent`: records the choice of the banner or the
/// preferences page (only a form the visitor posted from this site gets
/// here), deletes every cookie of a category not accepted, with its
/// declared attributes (Matomo's on `Path=/stats` too, which this URL
/// never receives), and keeps the proof. A withdrawal is never refused
/// (GDPR 7(3)): when the proof cannot be written now, it waits and the
/// choice is answered all the same.
async fn record_consent(
    State(app): State<App>,
    headers: HeaderMap,
    choice: ConsentChoice<SiteCookies>,
) -> Response {
    let Some(recorded) = choice.record(&app.consent) else {
        return Redirect::to("/cookies/preferences").into_response();
    };
    if let Err(err) = app.proofs.append(recorded.record()).await {
        log!(
            "cookie-decl-axum-site: CANNOT KEEP THE PROOF of {}: {err}; it will be retried",
            recorded.record()
        );
    }
    log!("{}", recorded.record());
    let referer = headers.get(REFERER).and_then(|value| value.to_str().ok());
    let back = match referer {
        Some(referer) if referer.contains("/cookies/preferences") => "/cookies/preferences",
        _ => "/",
    };
    (recorded, Redirect::to(back)).into_response()
}

/// `POST /login`: opens a session, its id sent as declared (`Secure`,
/// `HttpOnly`, `SameSite=Lax`, `Path=/`, `Max-Age=43200`).
async fn login(State(app): State<App>, _: CsrfForm<SiteCookies>) -> Response {
    let mut bytes = [0_u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        return (StatusCode::SERVICE_UNAVAILABLE, "no source of randomness").into_response();
    }
    let id = format!("{:032x}", u128::from_be_bytes(bytes));
    app.sessions().insert(id.clone());
    WithCookies::new(Redirect::to("/"))
        .cookie(SiteCookies::SESSION.cookie(id))
        .into_response()
}

/// `POST /logout`: closes the session on the server and deletes the cookie.
async fn logout(State(app): State<App>, form: CsrfForm<SiteCookies>) -> Response {
    if let Some(id) = form.cookies().value(&SiteCookies::SESSION) {
        app.sessions().remove(id.as_ref());
    }
    WithCookies::new(Redirect::to("/"))
        .cookie(SiteCookies::SESSION.removal())
        .into_response()
}

/// `POST /lang`: remembers the language, a preference, only with consent;
/// without it the choice lasts for this visit, in the query string.
async fn lang(consent: Consent<SiteCookies>, form: CsrfForm<SiteCookies>) -> Response {
    let code = if form.get("set") == Some("en") {
        "en"
    } else {
        "fr"
    };
    match consent.cookie(SiteCookies::LANG, code) {
        Some(cookie) => WithCookies::new(Redirect::to("/"))
            .cookie(cookie)
            .into_response(),
        None => Redirect::to(&format!("/?lang={code}")).into_response(),
    }
}

/// The site's routes, every response checked by `ConsentLayer`.
fn router(app: App) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/stats", get(stats))
        .route("/cookies", get(charte))
        .route("/cookies/preferences", get(preferences))
        .route("/cookies/consent", post(record_consent))
        .route("/login", post(login))
        .route("/logout", post(logout))
        .route("/lang", post(lang))
        .layer(ConsentLayer::enforce(app.consent.clone()))
        .with_state(app)
}

/// The signing key: `$COOKIE_KEY` (128 hex digits), or a fresh one.
fn key() -> Key {
    let hex = std::env::var("COOKIE_KEY").unwrap_or_default();
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    match bytes.filter(|bytes| bytes.len() >= 64) {
        Some(bytes) => Key::from(&bytes),
        None => Key::generate(),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let fail = |message: String| -> ! {
        log!("{message}");
        std::process::exit(1)
    };
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".to_owned());
    let port: u16 = port
        .parse()
        .unwrap_or_else(|_| fail(format!("PORT must be a port number, found `{port}`")));
    // `$DATABASE_URL` (PostgreSQL, its tables created), or a directory.
    let location = std::env::var("DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty());
    let location = location
        .or_else(|| std::env::var("CONSENT_PROOFS").ok())
        .unwrap_or_else(|| "consent-proofs".to_owned());
    let store = AnyStore::open(&location).await.unwrap_or_else(|err| {
        fail(format!("cannot open the proof store ({err}); with $DATABASE_URL, run `cargo run --example axum_site --features axum,postgres`"))
    });
    let shown = match &store {
        AnyStore::File(files) => {
            for damage in files.recovered() {
                log!("cookie-decl-axum-site: proof store: {damage}");
            }
            location.clone()
        }
        _ => "PostgreSQL ($DATABASE_URL)".to_owned(),
    };
    // What each version hash of a record stands for.
    if let Err(err) = store.keep_texts(&VersionText::of::<SiteCookies>()).await {
        log!("cookie-decl-axum-site: CANNOT KEEP THE CHARTE AND BANNER TEXTS: {err}");
    }
    let app = App {
        consent: ConsentCookie::signed(key()),
        sessions: Arc::default(),
        proofs: Arc::new(Retrying::new(store)),
    };
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .unwrap_or_else(|err| fail(format!("cannot listen on {addr}: {err}")));
    println!("consent proofs: {shown}");
    println!("listening on http://{addr}");
    if let Err(err) = axum::serve(listener, router(app)).await {
        fail(format!("server error: {err}"));
    }
}

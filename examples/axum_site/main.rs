//! A small site on axum whose cookies, and the scripts that set cookies
//! from the page, are declared once (`cookies.rs`), then used for
//! everything: the `Set-Cookie` headers, reading them back, the banner and
//! the preferences page, the tags each consent allows, Google Consent
//! Mode, the proof of each choice, and the *charte cookies*. The handlers
//! are here; `page.rs` holds the layout every page shares.
//!
//! ```text
//! cargo run --example axum_site --features axum   # http://127.0.0.1:3000
//! ```
//!
//! | route                      | what it does                                         |
//! |----------------------------|------------------------------------------------------|
//! | `GET /`                    | home, with the banner until the visitor chooses;     |
//! |                            | counts visits if statistics are on                   |
//! | `GET /stats`               | the statistics dashboard, where Matomo's cookie lives|
//! | `GET /stats/matomo.js`     | the `matomo` tag's script, standing for Matomo's     |
//! | `GET /cookies`             | the charte, generated from the declaration           |
//! | `GET /cookies/preferences` | the recorded choice, its proof, the form to change it|
//! | `POST /cookies/consent`    | records a choice, deletes what is no longer accepted |
//! | `POST /login`, `/logout`   | open and close a session (`__Host-sid`)              |
//!
//! The library does the hard parts: `ConsentLayer` reads the consent
//! (Global Privacy Control refuses marketing), drops or mends any
//! `Set-Cookie` the declaration does not allow and keeps shared caches off
//! the visitor's pages; `consent::tags` and `consent::consent_mode` render
//! what the consent allows; `ConsentChoice` and `CsrfForm` answer `403` to
//! a form that is not the visitor's; `Retrying<AnyStore>` keeps each proof
//! in `$CONSENT_PROOFS` (default `consent-proofs`), or in PostgreSQL with
//! `$DATABASE_URL` (`--features axum,postgres`), retrying what failed.
//! `$COOKIE_KEY` (64 bytes or more: `openssl rand -base64 48`) signs the
//! consent cookie, else a fresh key. Every cookie is `Secure`: browsers
//! treat `http://127.0.0.1` as secure; elsewhere, serve HTTPS.

use std::collections::HashSet;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::header::{CONTENT_TYPE, REFERER};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use cookie_decl::Format;
use cookie_decl::axum::{ConsentChoice, ConsentLayer, CsrfForm, WithCookies, request_cookies};
use cookie_decl::consent::proof::{AnyStore, ProofStore, Retrying, VersionText};
use cookie_decl::consent::{self, ConsentCookie};
use cookie_decl::cookie::Key;

mod cookies;
mod page;
mod template;
use cookies::SiteCookies;
use page::Page;

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

/// `GET /`: the visitor's state, the banner while no choice counts (with a
/// sentence more when the browser sends Global Privacy Control), and the
/// forms to sign in and out.
async fn home(State(app): State<App>, page: Page, headers: HeaderMap) -> Response {
    let cookies = request_cookies(&headers);
    let session = cookies.value(&SiteCookies::SESSION);
    let signed_in = session.is_some_and(|id| app.sessions().contains(id.as_ref()));
    let consent = &page.consent;
    let banner = match consent.needs_asking() {
        true => consent::banner_for(consent, page.lang, page.csrf.as_str()),
        false => String::new(),
    };
    let choice = match consent.is_given() {
        true => consent.granted().to_string(),
        false => "pas encore demandé".to_owned(),
    };
    let visits = page.visits.map_or("non comptées".into(), |n| n.to_string());
    let (session, account) = match signed_in {
        true => ("connecté", page.form("/logout", "Se déconnecter")),
        false => ("anonyme", page.form("/login", "Se connecter")),
    };
    let body = format!(
        "{banner}<h1>Portail open data Example</h1>\n<ul>\n<li>Session: {session}</li>\n\
         <li>Consentement: <code>{choice}</code></li>\n<li>Visites: {visits}</li>\n</ul>\n{account}"
    );
    page.respond("Example", &body)
}

/// `GET /cookies`: the charte, generated at compile time from the
/// declaration; `Format::Html` escapes every declared string.
async fn charte(page: Page) -> Response {
    let charte = SiteCookies::charte(page.lang, Format::Html);
    page.respond("Charte cookies", charte)
}

/// `GET /stats`: the dashboard, whose Matomo tag (in the page's `<head>`
/// with consent to statistics) keeps its visitor id under `/stats`.
async fn stats(page: Page) -> Response {
    let state = match page.consent.allows_tag(&SiteCookies::MATOMO) {
        true => "active",
        false => "désactivée : vous ne l'avez pas acceptée",
    };
    let body = format!("<h1>Tableau de bord</h1>\n<p>La mesure d'audience est {state}.</p>");
    page.respond("Statistiques", &body)
}

/// `GET /stats/matomo.js`: the `matomo` tag's script, standing for
/// Matomo's, with its cookie's declared name, path and lifetime written
/// in, so that the two cannot drift apart.
async fn matomo_js() -> impl IntoResponse {
    let cookie = SiteCookies::MATOMO_ID;
    let max_age = cookie.max_age().map_or(0, |age| age.whole_seconds());
    let script = include_str!("matomo.js")
        .replace("NAME", cookie.name())
        .replace("PATH", cookie.path())
        .replace("MAX_AGE", &max_age.to_string());
    ([(CONTENT_TYPE, "text/javascript; charset=utf-8")], script)
}

/// `GET /cookies/preferences`: the recorded choice, the proof kept of it,
/// read back from the store, and the form to change it.
async fn preferences(State(app): State<App>, page: Page) -> Response {
    let kept = match page.consent.record_id() {
        Some(id) => app.proofs.find(id).await.unwrap_or_else(|err| {
            eprintln!("cookie-decl-axum-site: cannot read the proof of {id}: {err}");
            None
        }),
        None => None,
    };
    let proof = kept.map_or_else(String::new, |record| {
        let json = record.to_json().replace('&', "&amp;").replace('<', "&lt;");
        format!("<details><summary>La preuve que nous conservons de ce choix</summary><pre>{json}</pre></details>\n")
    });
    let form = consent::preferences::<SiteCookies>(page.lang, page.csrf.as_str(), &page.consent);
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
    let record = recorded.record();
    if let Err(err) = app.proofs.append(record).await {
        eprintln!(
            "cookie-decl-axum-site: CANNOT KEEP THE PROOF of {record}: {err}; it will be retried"
        );
    }
    eprintln!("{record}");
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
    let session = WithCookies::new(Redirect::to("/")).declared(&SiteCookies::SESSION, &id);
    app.sessions().insert(id);
    session.into_response()
}

/// `POST /logout`: closes the session on the server and deletes the cookie.
async fn logout(State(app): State<App>, form: CsrfForm<SiteCookies>) -> Response {
    if let Some(id) = form.cookies().value(&SiteCookies::SESSION) {
        app.sessions().remove(id.as_ref());
    }
    let removal = SiteCookies::SESSION.removal();
    WithCookies::new(Redirect::to("/"))
        .cookie(removal)
        .into_response()
}

/// The site's routes, every response checked by `ConsentLayer`.
fn router(app: App) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/stats", get(stats))
        .route("/stats/matomo.js", get(matomo_js))
        .route("/cookies", get(charte))
        .route("/cookies/preferences", get(preferences))
        .route("/cookies/consent", post(record_consent))
        .route("/login", post(login))
        .route("/logout", post(logout))
        .layer(ConsentLayer::enforce(app.consent.clone()))
        .with_state(app)
}

/// The environment variable `name`, unless unset or empty.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let fail = |message: String| -> ! {
        eprintln!("cookie-decl-axum-site: {message}");
        std::process::exit(1)
    };
    let Ok(port) = env("PORT").map_or(Ok(3000), |port| port.parse::<u16>()) else {
        fail("PORT must be a port number".into())
    };
    let key = env("COOKIE_KEY").and_then(|key| Key::try_from(key.as_bytes()).ok());
    // `$DATABASE_URL` (PostgreSQL, its tables created), or a directory.
    let location = env("DATABASE_URL").or_else(|| env("CONSENT_PROOFS"));
    let location = location.unwrap_or_else(|| "consent-proofs".into());
    let store = AnyStore::open(&location).await.unwrap_or_else(|err| {
        fail(format!("cannot open the proof store ({err}); with $DATABASE_URL, run `cargo run --example axum_site --features axum,postgres`"))
    });
    if let AnyStore::File(files) = &store {
        for damage in files.recovered() {
            eprintln!("cookie-decl-axum-site: proof store: {damage}");
        }
    }
    // What each version hash of a record stands for.
    if let Err(err) = store.keep_texts(&VersionText::of::<SiteCookies>()).await {
        eprintln!("cookie-decl-axum-site: CANNOT KEEP THE CHARTE AND BANNER TEXTS: {err}");
    }
    let app = App {
        consent: ConsentCookie::signed(key.unwrap_or_else(Key::generate)),
        sessions: Arc::default(),
        proofs: Arc::new(Retrying::new(store)),
    };
    // After an outage, the proofs that waited are written beside the
    // traffic, a hundred a second, rather than inside visitors' requests.
    let proofs = Arc::clone(&app.proofs);
    tokio::spawn(async move {
        let mut every_second = tokio::time::interval(std::time::Duration::from_secs(1));
        loop {
            every_second.tick().await;
            if let Err(err) = proofs.drain(100).await {
                eprintln!(
                    "cookie-decl-axum-site: proof store: {err} ({} proofs waiting since {:?})",
                    proofs.backlog_len(),
                    proofs.oldest_pending()
                );
            }
        }
    });
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(err) => fail(format!("cannot listen on {addr}: {err}")),
    };
    println!("listening on http://{addr}");
    if let Err(err) = axum::serve(listener, router(app)).await {
        fail(format!("server error: {err}"));
    }
}

//! A small site on axum whose cookies, and the scripts that set cookies
//! from the page, are declared once (`cookies.rs`), then used for
//! everything: the `Set-Cookie` headers, reading them back, the consent
//! banner and preferences page, the tags each consent allows, Google
//! Consent Mode, the proof of each choice, and the *charte cookies*.
//!
//! ```text
//! cargo run --example axum_site --features axum   # http://127.0.0.1:3000
//! PORT=8080 cargo run --example axum_site --features axum
//! ```
//!
//! | route                      | what it does                                         |
//! |----------------------------|------------------------------------------------------|
//! | `GET /`                    | home, with the banner until the visitor chooses;     |
//! |                            | counts visits if statistics are on                   |
//! | `GET /stats`               | the statistics dashboard, where Matomo's cookie lives|
//! | `GET /cookies`             | the charte, generated from the declaration           |
//! | `GET /cookies/preferences` | the recorded choice, its proof, the form to change it|
//! | `POST /cookies/consent`    | records a choice, deletes what is no longer accepted |
//! | `POST /login`, `/logout`   | open and close a session (`__Host-sid`)              |
//! | `GET /stats/matomo.js`     | the script of the `matomo` tag, standing for Matomo's|
//!
//! The library does the hard parts: `ConsentLayer` reads the consent once
//! per request (a browser's Global Privacy Control signal refuses
//! marketing), drops or rewrites any `Set-Cookie` the declaration does not
//! allow, and keeps shared caches off the pages that depend on the
//! visitor; `consent::tags` renders the declared tags the visitor accepted
//! and no other, `consent::consent_mode` the Consent Mode defaults of the
//! same choice; `ConsentChoice` and `CsrfForm` refuse any form that is not
//! the visitor's own (`403`); `Retrying<AnyStore>` keeps each proof in
//! `$CONSENT_PROOFS` (default `consent-proofs`), or in PostgreSQL when
//! `$DATABASE_URL` is set (`--features axum,postgres`), and writes again
//! what a full disk or a restarting database refused.
//!
//! The consent cookie is signed with the 64-byte key in `$COOKIE_KEY`
//! (hex), or a fresh key at each start. Every cookie is `Secure`: browsers
//! treat `http://127.0.0.1` as a secure context; anywhere else, serve the
//! site over HTTPS.

use std::collections::HashSet;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Router;
use axum::extract::{FromRef, FromRequestParts, State};
use axum::http::header::{CONTENT_TYPE, REFERER};
use axum::http::{HeaderMap, StatusCode, request::Parts};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use cookie_decl::axum::{ConsentChoice, ConsentLayer, CsrfForm, WithCookies, request_cookies};
use cookie_decl::consent::proof::{AnyStore, ProofStore, Retrying, VersionText};
use cookie_decl::consent::{self, Consent, ConsentCookie, CsrfToken};
use cookie_decl::cookie::{Cookie, Key};
use cookie_decl::{Format, Lang};

mod cookies;
use cookies::SiteCookies;

/// One line on standard error; a log that cannot be written is lost, and
/// the site goes on (`eprintln!` would panic).
fn log(line: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "cookie-decl-axum-site: {line}");
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

/// What every page starts from: the visitor's consent and CSRF token
/// (taking them makes the response the visitor's own, and `ConsentLayer`
/// adds `Vary: Cookie` and `Cache-Control: private`), the language
/// (`?lang=en`, else the `lang` cookie), and the cookies the page sets:
/// the visit count, a statistics cookie, and the language, a preference,
/// each only with the consent its category needs.
struct Page {
    consent: Consent<SiteCookies>,
    csrf: CsrfToken<SiteCookies>,
    lang: Lang,
    visits: Option<u32>,
    set: Vec<Cookie<'static>>,
}

impl FromRequestParts<App> for Page {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Page, Response> {
        let Ok(consent) = Consent::from_request_parts(parts, app).await;
        let csrf = CsrfToken::from_request_parts(parts, app)
            .await
            .map_err(IntoResponse::into_response)?;
        let cookies = request_cookies(&parts.headers);
        let asked = parts.uri.query().and_then(|q| q.strip_prefix("lang="));
        let code = asked.map(str::to_owned).or_else(|| {
            let kept = cookies.value(&SiteCookies::LANG);
            kept.map(|code| code.into_owned())
        });
        let lang = if code.as_deref() == Some("en") {
            Lang::En
        } else {
            Lang::Fr
        };
        // A forged count reads as zero; the count saturates.
        let count = cookies
            .value(&SiteCookies::VISITS)
            .and_then(|v| v.parse::<u32>().ok());
        let count = count.unwrap_or(0).saturating_add(1);
        let visit = consent.cookie(SiteCookies::VISITS, count.to_string());
        let visits = visit.is_some().then_some(count);
        let keep_lang = asked.and_then(|code| consent.cookie(SiteCookies::LANG, code.to_owned()));
        let set = visit.into_iter().chain(keep_lang).collect();
        Ok(Page {
            consent,
            csrf,
            lang,
            visits,
            set,
        })
    }
}

impl Page {
    /// A form that posts the CSRF token to `action` with one button.
    fn form(&self, action: &str, label: &str) -> String {
        let token = self.csrf.as_str();
        format!(
            "<form method=\"post\" action=\"{action}\"><input type=\"hidden\" name=\"csrf_token\" \
             value=\"{token}\"><button type=\"submit\">{label}</button></form>"
        )
    }

    /// The page, with its cookies: in its `<head>`, the Consent Mode
    /// defaults and the tags of the visitor's consent, none before a yes;
    /// in every page, the link to the preferences page, so that consent
    /// can be withdrawn from anywhere.
    fn respond(self, title: &str, body: &str) -> Response {
        let (code, q, other) = match self.lang {
            Lang::En => ("en", "?lang=en", "fr"),
            _ => ("fr", "", "en"),
        };
        let consent_mode = consent::consent_mode(&self.consent);
        let tags = consent::tags(&self.consent);
        let html = format!(
            "<!doctype html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{title}</title>\n{consent_mode}\n{tags}<style>\n{style}</style>\n</head>\n\
             <body>\n<main>\n{body}\n<nav><a href=\"/{q}\">Accueil</a> · \
             <a href=\"/stats{q}\">Statistiques</a> · <a href=\"/cookies{q}\">Charte cookies</a> · \
             <a href=\"/cookies/preferences{q}\">Gérer les cookies</a> · \
             <a href=\"?lang={other}\">{other}</a></nav>\n</main>\n</body>\n</html>\n",
            style = include_str!("style.css"),
        );
        WithCookies::new(Html(html))
            .csrf(&self.csrf)
            .cookies_from(self.set)
            .into_response()
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
    let visits = page
        .visits
        .map_or("non comptées".to_owned(), |n| n.to_string());
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
    let body =
        format!("<h1>Tableau de bord statistique</h1>\n<p>La mesure d'audience est {state}.</p>");
    page.respond("Statistiques", &body)
}

/// `GET /stats/matomo.js`: the script of the `matomo` tag, standing for
/// Matomo's, with its cookie's declared name, path and lifetime written in
/// so that the two cannot drift apart.
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
            log(format_args!("cannot read the proof of {id}: {err}"));
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
    if let Err(err) = app.proofs.append(recorded.record()).await {
        let record = recorded.record();
        log(format_args!(
            "CANNOT KEEP THE PROOF of {record}: {err}; it will be retried"
        ));
    }
    log(format_args!("{}", recorded.record()));
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
    let session = SiteCookies::SESSION.cookie(id);
    WithCookies::new(Redirect::to("/"))
        .cookie(session)
        .into_response()
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
    let fail = |message: std::fmt::Arguments<'_>| -> ! {
        log(message);
        std::process::exit(1)
    };
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".to_owned());
    let Ok(port) = port.parse::<u16>() else {
        fail(format_args!("PORT must be a port number, found `{port}`"))
    };
    // `$DATABASE_URL` (PostgreSQL, its tables created), or a directory.
    let database = std::env::var("DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty());
    let location = database
        .or_else(|| std::env::var("CONSENT_PROOFS").ok())
        .unwrap_or_else(|| "consent-proofs".to_owned());
    let store = AnyStore::open(&location).await.unwrap_or_else(|err| {
        fail(format_args!("cannot open the proof store ({err}); with $DATABASE_URL, run `cargo run --example axum_site --features axum,postgres`"))
    });
    let shown = match &store {
        AnyStore::File(files) => {
            for damage in files.recovered() {
                log(format_args!("proof store: {damage}"));
            }
            location.as_str()
        }
        _ => "PostgreSQL ($DATABASE_URL)",
    };
    // What each version hash of a record stands for.
    if let Err(err) = store.keep_texts(&VersionText::of::<SiteCookies>()).await {
        log(format_args!(
            "CANNOT KEEP THE CHARTE AND BANNER TEXTS: {err}"
        ));
    }
    println!("consent proofs: {shown}");
    let app = App {
        consent: ConsentCookie::signed(key()),
        sessions: Arc::default(),
        proofs: Arc::new(Retrying::new(store)),
    };
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(err) => fail(format_args!("cannot listen on {addr}: {err}")),
    };
    println!("listening on http://{addr}");
    if let Err(err) = axum::serve(listener, router(app)).await {
        fail(format_args!("server error: {err}"));
    }
}

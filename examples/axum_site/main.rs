//! A small site on axum whose cookies are declared once, then used for
//! everything: the `Set-Cookie` headers, reading them back, the consent
//! banner and preferences page, the consent itself, the proof of each
//! choice, and the *charte cookies*.
//!
//! ```text
//! cargo run --example axum_site              # http://127.0.0.1:3000
//! PORT=8080 cargo run --example axum_site
//! ```
//!
//! | route                                   | what it does                                    |
//! |-----------------------------------------|-------------------------------------------------|
//! | `GET /`                                 | home page, with the banner until the visitor    |
//! |                                         | chooses; counts visits if statistics are on     |
//! | `GET /cookies`, `/cookies?lang=en`      | the charte, generated from the declaration      |
//! | `GET /stats`                            | the statistics dashboard; with consent to       |
//! |                                         | statistics, the Matomo tag, which sets          |
//! |                                         | `_pk_id.1.4c2f` on `Path=/stats` from the page  |
//! | `GET /cookies/preferences`              | the visitor's recorded choice, and the form to  |
//! |                                         | change it at any time                           |
//! | `POST /cookies/consent`                 | records a choice (the banner's and the          |
//! |                                         | preferences page's form), deletes what is no    |
//! |                                         | longer accepted, keeps the proof                |
//! | `POST /login`, `POST /logout`           | open and close a session (`__Host-sid`)         |
//! | `POST /lang`                            | remember the language, if preferences are on    |
//!
//! Every state change is a `POST` carrying a CSRF token (double submit: the
//! token of the `__Host-csrf` cookie, repeated in the form). Every response
//! goes through `ConsentLayer` in enforce mode: a `Set-Cookie` nobody
//! declared, or one that needs consent the visitor has not given, never
//! leaves the server. A cookie a script sets is no `Set-Cookie`, and the
//! layer never sees it: the script itself is served only with consent,
//! and a withdrawal deletes the cookie by its declared name and path.
//!
//! Each choice's proof is kept in PostgreSQL when `$DATABASE_URL` is set
//! (`cargo run --example axum_site --features axum,postgres`, the tables
//! created at start), for a site on several servers; otherwise in the
//! library's `FileStore`, in the directory `$CONSENT_PROOFS` (default:
//! `consent-proofs` in the working directory, never a world-writable one): append-only JSON lines, synced
//! to the disk before the visitor's choice is answered, with the charte
//! and banner texts each version hash stands for. The preferences page
//! shows the visitor the proof of their choice, read back from it;
//! `cargo run --example export_proofs -- consent-proofs` exports them for
//! an auditor.
//!
//! The consent cookie is signed (feature `signed`) with the 64-byte key in
//! `$COOKIE_KEY` (hex), or a fresh key at each start, which asks every
//! visitor again after a restart. Every cookie is `Secure` (the crate's
//! default): browsers treat `http://127.0.0.1` and `http://localhost` as
//! secure contexts, so the example works over plain HTTP there; anywhere
//! else, serve it over HTTPS.

use std::collections::HashSet;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::header::{CACHE_CONTROL, REFERER};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use cookie_decl::axum::{ConsentChoice, ConsentLayer, SetCookies, request_cookies};
#[cfg(feature = "postgres")]
use cookie_decl::consent::proof::PgStore;
use cookie_decl::consent::proof::{FileStore, ProofError, ProofStore, VersionText};
use cookie_decl::consent::{
    self, Consent, ConsentCookie, ConsentRecord, CsrfToken, FormAction, RecordId, RequestCookies,
};
use cookie_decl::cookie::{Cookie, Key};
use cookie_decl::{DeclaredCookie, Format, Lang};

mod cookies;

/// One line on standard error. A log that cannot be written (its file on
/// a full disk) is lost, and the site goes on: `eprintln!` would panic.
macro_rules! log {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

use cookies::SiteCookies;

/// What every handler shares.
#[derive(Clone)]
struct App {
    consent: ConsentCookie<SiteCookies>,
    sessions: Sessions,
    proofs: Proofs,
}

impl FromRef<App> for ConsentCookie<SiteCookies> {
    fn from_ref(app: &App) -> Self {
        app.consent.clone()
    }
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

/// Where the proofs are kept: the library's file store, or PostgreSQL when
/// `$DATABASE_URL` is set (feature `postgres`), for a site on several
/// servers.
#[derive(Clone)]
enum ProofBackend {
    File(FileStore),
    #[cfg(feature = "postgres")]
    Postgres(PgStore),
}

impl ProofBackend {
    async fn append(&self, record: &ConsentRecord) -> Result<(), ProofError> {
        match self {
            ProofBackend::File(store) => store.append(record).await,
            #[cfg(feature = "postgres")]
            ProofBackend::Postgres(store) => store.append(record).await,
        }
    }

    async fn find(&self, id: RecordId) -> Result<Option<ConsentRecord>, ProofError> {
        match self {
            ProofBackend::File(store) => store.find(id).await,
            #[cfg(feature = "postgres")]
            ProofBackend::Postgres(store) => store.find(id).await,
        }
    }

    async fn keep_texts(&self, texts: &[VersionText]) -> Result<(), ProofError> {
        match self {
            ProofBackend::File(store) => store.keep_texts(texts).await,
            #[cfg(feature = "postgres")]
            ProofBackend::Postgres(store) => store.keep_texts(texts).await,
        }
    }

    /// `$DATABASE_URL`'s PostgreSQL, its tables created if need be, or
    /// the file store in `$CONSENT_PROOFS` (default `consent-proofs`).
    async fn open() -> Result<(ProofBackend, String), String> {
        if let Some(url) = std::env::var("DATABASE_URL")
            .ok()
            .filter(|url| !url.is_empty())
        {
            #[cfg(feature = "postgres")]
            {
                let store = PgStore::connect(&url)
                    .await
                    .map_err(|err| format!("cannot connect to $DATABASE_URL: {err}"))?;
                store
                    .migrate()
                    .await
                    .map_err(|err| format!("cannot create the proof tables: {err}"))?;
                return Ok((
                    ProofBackend::Postgres(store),
                    "PostgreSQL ($DATABASE_URL)".to_owned(),
                ));
            }
            #[cfg(not(feature = "postgres"))]
            {
                let _ = url;
                return Err(
                    "$DATABASE_URL is set, but this build has no PostgreSQL: run \
                            `cargo run --example axum_site --features axum,postgres`"
                        .to_owned(),
                );
            }
        }
        let dir = std::env::var_os("CONSENT_PROOFS")
            .map_or_else(|| PathBuf::from("consent-proofs"), PathBuf::from);
        let store = FileStore::open(&dir)
            .map_err(|err| format!("cannot open the proof store {}: {err}", dir.display()))?;
        for damage in store.recovered() {
            log!("cookie-decl-axum-site: proof store: {damage}");
        }
        Ok((ProofBackend::File(store), dir.display().to_string()))
    }
}

/// The proofs, and the records that could not be kept yet (a full disk, a
/// database restarting), written before the next one.
#[derive(Clone)]
struct Proofs {
    store: ProofBackend,
    pending: Arc<Mutex<Vec<ConsentRecord>>>,
}

impl Proofs {
    /// Keeps `record`, after any that waited; what fails waits for the
    /// next choice.
    async fn keep(&self, record: &ConsentRecord) -> Result<(), ProofError> {
        let waiting =
            std::mem::take(&mut *self.pending.lock().unwrap_or_else(PoisonError::into_inner));
        let mut result = Ok(());
        for record in waiting.iter().chain([record]) {
            if let Err(err) = self.store.append(record).await {
                self.pending
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(record.clone());
                result = Err(err);
            }
        }
        result
    }
}

/// What a page needs from the request: its cookies, read through the
/// declaration, and the language.
struct Visit<'a> {
    cookies: RequestCookies<'a>,
    lang: Lang,
}

impl<'a> Visit<'a> {
    fn new(headers: &'a HeaderMap, uri: &Uri) -> Visit<'a> {
        let cookies = request_cookies(headers);
        // `?lang=` first, then the `lang` cookie.
        let chosen = query_param(uri, "lang")
            .map(str::to_owned)
            .or_else(|| read(&cookies, SiteCookies::LANG));
        let lang = match chosen.as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Fr,
        };
        Visit { cookies, lang }
    }

    /// The decoded value of `cookie`, or `None` when it is absent, empty or
    /// not a value `.cookie()` could have written: a request may carry
    /// anything, and it reads as absent, never as a panic.
    fn get(&self, cookie: DeclaredCookie) -> Option<String> {
        read(&self.cookies, cookie)
    }
}

fn read(cookies: &RequestCookies, cookie: DeclaredCookie) -> Option<String> {
    let raw = cookies.get(cookie.name())?;
    cookie_decl::decode_value(raw)
        .ok()
        .filter(|value| !value.is_empty())
        .map(|value| value.into_owned())
}

/// The value of `key` in the query string, as sent (this site's values are
/// plain words, so nothing needs decoding).
fn query_param<'a>(uri: &'a Uri, key: &str) -> Option<&'a str> {
    uri.query()?
        .split('&')
        .find_map(|pair| pair.split_once('=').filter(|(k, _)| *k == key))
        .map(|(_, value)| value)
}

/// 128 random bits from the operating system, in hex: session ids.
/// `None` when the operating system gives none.
fn random_token() -> Option<String> {
    let mut bytes = [0_u8; 16];
    getrandom::fill(&mut bytes).ok()?;
    Some(format!("{:032x}", u128::from_be_bytes(bytes)))
}

/// Whether a posted form repeats the token of the visitor's `__Host-csrf`
/// cookie. The cookie is `SameSite=Strict` and `__Host-`: another site can
/// neither send it nor plant it.
fn csrf_ok(visit: &Visit, posted: &str) -> bool {
    visit
        .get(SiteCookies::CSRF)
        .is_some_and(|token| !posted.is_empty() && token == posted)
}

/// The `csrf_token` field of a small form body (`csrf_token=...`); tokens
/// are hex, so nothing needs decoding.
fn posted_token(body: &str) -> &str {
    body.split('&')
        .find_map(|pair| pair.strip_prefix("csrf_token="))
        .unwrap_or("")
}

/// What every page does first: read the request, make sure the visitor
/// has a CSRF token for the page's forms, and count the visit.
struct PageVisit<'a> {
    visit: Visit<'a>,
    csrf_token: String,
    /// The visit count, when statistics are allowed.
    visits: Option<u32>,
    /// The cookies the page sets.
    cookies: Vec<Cookie<'static>>,
}

impl<'a> PageVisit<'a> {
    fn new(headers: &'a HeaderMap, uri: &Uri, consent: &Consent<SiteCookies>) -> PageVisit<'a> {
        let visit = Visit::new(headers, uri);
        let mut cookies = Vec::new();
        // The visitor's token, or a fresh one and its cookie. Without a
        // source of randomness it is empty, and every form is refused.
        let csrf_token = match CsrfToken::<SiteCookies>::for_request(&visit.cookies) {
            Ok(token) => {
                cookies.extend(token.set_cookie());
                token.as_str().to_owned()
            }
            Err(_) => String::new(),
        };
        // The visit counter is a statistics cookie: set only through the
        // consent gate, on every page. A forged value counts as zero; the
        // count saturates.
        let count = visit
            .get(SiteCookies::VISITS)
            .and_then(|value| value.parse::<u32>().ok())
            .unwrap_or(0)
            .saturating_add(1);
        let visits = match consent.cookie(SiteCookies::VISITS, count.to_string()) {
            Some(cookie) => {
                cookies.push(cookie);
                Some(count)
            }
            None => None,
        };
        PageVisit {
            visit,
            csrf_token,
            visits,
            cookies,
        }
    }

    fn lang(&self) -> Lang {
        self.visit.lang
    }

    /// The page, with its cookies and the links every page carries.
    fn respond(self, title: &str, body: &str) -> Response {
        let body = format!("{body}\n{}", nav(self.lang(), &self.csrf_token));
        (
            SetCookies(self.cookies),
            page(self.visit.lang, title, &body),
        )
            .into_response()
    }
}

/// `GET /`: the visitor's state, the banner while no choice counts, and
/// the forms to sign in and out.
async fn home(
    State(app): State<App>,
    consent: Consent<SiteCookies>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let page = PageVisit::new(&headers, &uri, &consent);
    let signed_in = page
        .visit
        .get(SiteCookies::SESSION)
        .is_some_and(|id| app.sessions.with(|open| open.contains(&id)));
    let en = page.lang() == Lang::En;
    let token = &page.csrf_token;

    let banner = if consent.needs_asking() {
        consent::banner::<SiteCookies>(page.lang(), token)
    } else {
        String::new()
    };
    let choice = if consent.is_given() {
        consent.granted().to_string()
    } else if en {
        "not asked yet".to_owned()
    } else {
        "pas encore demandé".to_owned()
    };
    let account = if signed_in {
        form(
            "/logout",
            token,
            if en { "Sign out" } else { "Se déconnecter" },
        )
    } else {
        form("/login", token, if en { "Sign in" } else { "Se connecter" })
    };
    let body = format!(
        "{banner}<h1>{title}</h1>\n<ul>\n\
         <li>Session: {session}</li>\n\
         <li>{consent_label}: <code>{choice}</code></li>\n\
         <li>{visits_label}: {visits}</li>\n</ul>\n{account}",
        title = if en {
            "Example open-data portal"
        } else {
            "Portail open data Example"
        },
        session = match (signed_in, en) {
            (true, true) => "signed in",
            (true, false) => "connecté",
            (false, true) => "anonymous",
            (false, false) => "anonyme",
        },
        consent_label = if en { "Consent" } else { "Consentement" },
        visits_label = if en { "Visits" } else { "Visites" },
        visits = page.visits.map_or_else(
            || if en { "not counted" } else { "non comptées" }.to_owned(),
            |n| n.to_string()
        ),
    );
    page.respond("Example", &body)
}

/// `GET /cookies`: the charte, generated at compile time from the
/// declaration, so it always lists exactly the cookies the site sets.
async fn charte(consent: Consent<SiteCookies>, headers: HeaderMap, uri: Uri) -> Response {
    let page = PageVisit::new(&headers, &uri, &consent);
    let title = if page.lang() == Lang::En {
        "Cookie policy"
    } else {
        "Charte cookies"
    };
    // `Format::Html` escapes every declared string: it is safe to embed.
    let body = SiteCookies::charte(page.lang(), Format::Html);
    page.respond(title, body)
}

/// `GET /stats`: the portal's statistics dashboard. With consent to
/// statistics, the page carries the Matomo tag (here a few lines standing
/// for it), which keeps the visitor id in `_pk_id.1.4c2f` on `Path=/stats`,
/// with the name, path and lifetime the declaration gives. The tag sets it
/// from the page: `ConsentLayer` checks `Set-Cookie`s only, so it is the
/// tag that is gated; without consent, the page has no script.
async fn stats(consent: Consent<SiteCookies>, headers: HeaderMap, uri: Uri) -> Response {
    let page = PageVisit::new(&headers, &uri, &consent);
    let en = page.lang() == Lang::En;
    let tag = if consent.allows_cookie(&SiteCookies::MATOMO_ID) {
        matomo_tag()
    } else {
        String::new()
    };
    let body = format!(
        "<h1>{title}</h1>\n<p>{text}</p>\n{tag}",
        title = if en {
            "Statistics dashboard"
        } else {
            "Tableau de bord statistique"
        },
        text = match (tag.is_empty(), en) {
            (false, true) => "Audience measurement is on for this page.",
            (false, false) => "La mesure d'audience est active sur cette page.",
            (true, true) => "Audience measurement is off: you did not accept it.",
            (true, false) => "La mesure d'audience est désactivée : vous ne l'avez pas acceptée.",
        },
    );
    page.respond(if en { "Statistics" } else { "Statistiques" }, &body)
}

/// What the Matomo tag does with `setCookiePath('/stats')`: keep the
/// visitor id (16 hex digits and the time of the first visit) in its
/// `_pk_id` cookie, from the page. The declaration's name, path and
/// lifetime are written into the script, so the two cannot drift apart.
fn matomo_tag() -> String {
    let cookie = SiteCookies::MATOMO_ID;
    let max_age = cookie.max_age().map_or(0, |age| age.whole_seconds());
    format!(
        r#"<script>
(() => {{
  const name = "{name}";
  const kept = document.cookie.split("; ").find((pair) => pair.startsWith(name + "="));
  const id = kept
    ? kept.slice(name.length + 1)
    : Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0"))
        .join("") + "." + Math.floor(Date.now() / 1000);
  document.cookie = name + "=" + id + "; path={path}; max-age={max_age}; secure; samesite=lax";
}})();
</script>
"#,
        name = cookie.name(),
        path = cookie.path(),
    )
}

/// `GET /cookies/preferences`: the recorded choice, its proof, and the form
/// to change it; reachable from every page (withdrawing is as easy as
/// giving, at any time).
async fn preferences(
    State(app): State<App>,
    consent: Consent<SiteCookies>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let page = PageVisit::new(&headers, &uri, &consent);
    let en = page.lang() == Lang::En;
    let kept = match consent.record_id() {
        Some(id) => app.proofs.store.find(id).await.unwrap_or_else(|err| {
            log!("cookie-decl-axum-site: cannot read the proof of {id}: {err}");
            None
        }),
        None => None,
    };
    let proof = match kept {
        Some(record) => format!(
            "<details><summary>{}</summary><pre>{}</pre></details>\n",
            if en {
                "The proof we keep of this choice"
            } else {
                "La preuve que nous conservons de ce choix"
            },
            escape(&record.to_json())
        ),
        None => String::new(),
    };
    let body = format!(
        "{}{proof}",
        consent::preferences::<SiteCookies>(page.lang(), &page.csrf_token, &consent)
    );
    page.respond(
        if en {
            "Manage cookies"
        } else {
            "Gérer les cookies"
        },
        &body,
    )
}

/// `POST /cookies/consent`: records the choice of the banner or the
/// preferences page, deletes every cookie of a category the visitor does
/// not (or no longer) accept, with its declared `Path`, `Domain`, `Secure`
/// and `SameSite`, the `_ga_*` cookies the Analytics tag left, and
/// Matomo's `_pk_id.1.4c2f` on `Path=/stats`, which a request to this URL
/// never carries; and keeps the proof. "Personnaliser" leads to the
/// preferences page.
///
/// `ConsentChoice` is only extracted from a form posted from this site
/// with the visitor's own CSRF token: a forged one is answered 403 before
/// this handler runs.
async fn record_consent(
    State(app): State<App>,
    headers: HeaderMap,
    choice: ConsentChoice<SiteCookies>,
) -> Response {
    let granted = match choice.action() {
        FormAction::Customise => return Redirect::to("/cookies/preferences").into_response(),
        FormAction::Record(granted) => granted,
    };
    let recorded = app.consent.record(choice.cookies(), granted);
    if let Err(err) = app.proofs.keep(recorded.record()).await {
        // A withdrawal is never refused (GDPR 7(3)): the consent cookie
        // and the removals go out all the same. The proof waits in memory
        // and is written with the next one.
        log!(
            "cookie-decl-axum-site: CANNOT KEEP THE PROOF of {}: {err}; it will be retried",
            recorded.record()
        );
    }
    log!("{}", recorded.record());
    // Back where the visitor chose: the preferences page, or home.
    let from_preferences = headers
        .get(REFERER)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|referer| referer.contains("/cookies/preferences"));
    let back = if from_preferences {
        "/cookies/preferences"
    } else {
        "/"
    };
    (recorded, Redirect::to(back)).into_response()
}

/// `POST /login`: opens a session. The id goes through `.cookie()`, so it
/// gets `Secure`, `HttpOnly`, `SameSite=Lax`, `Path=/` and
/// `Max-Age=43200`, as declared.
async fn login(State(app): State<App>, headers: HeaderMap, body: String) -> Response {
    let visit = Visit::new(&headers, &Uri::from_static("/"));
    if !csrf_ok(&visit, posted_token(&body)) {
        return (StatusCode::FORBIDDEN, "invalid CSRF token").into_response();
    }
    let Some(id) = random_token() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "no source of randomness").into_response();
    };
    app.sessions.with(|open| open.insert(id.clone()));
    (
        SetCookies(vec![SiteCookies::SESSION.cookie(id)]),
        Redirect::to("/"),
    )
        .into_response()
}

/// `POST /logout`: closes the session on the server and deletes the
/// cookie.
async fn logout(State(app): State<App>, headers: HeaderMap, body: String) -> Response {
    let visit = Visit::new(&headers, &Uri::from_static("/"));
    if !csrf_ok(&visit, posted_token(&body)) {
        return (StatusCode::FORBIDDEN, "invalid CSRF token").into_response();
    }
    if let Some(id) = visit.get(SiteCookies::SESSION) {
        app.sessions.with(|open| open.remove(&id));
    }
    (
        SetCookies(vec![SiteCookies::SESSION.removal()]),
        Redirect::to("/"),
    )
        .into_response()
}

/// `POST /lang`: remembers the language, a preference, only with consent;
/// without it the choice lasts for this visit through the query string.
async fn lang(consent: Consent<SiteCookies>, headers: HeaderMap, body: String) -> Response {
    let visit = Visit::new(&headers, &Uri::from_static("/"));
    if !csrf_ok(&visit, posted_token(&body)) {
        return (StatusCode::FORBIDDEN, "invalid CSRF token").into_response();
    }
    let code = if body.contains("set=en") { "en" } else { "fr" };
    match consent.cookie(SiteCookies::LANG, code) {
        Some(cookie) => (SetCookies(vec![cookie]), Redirect::to("/")).into_response(),
        None => Redirect::to(&format!("/?lang={code}")).into_response(),
    }
}

/// A form that posts the CSRF token to `action` with one button.
fn form(action: &str, token: &str, label: &str) -> String {
    format!(
        "<form method=\"post\" action=\"{action}\"><input type=\"hidden\" name=\"csrf_token\" \
         value=\"{}\"><button type=\"submit\">{label}</button></form>",
        escape(token)
    )
}

/// The links every page carries: the preferences page among them, so that
/// a visitor can withdraw consent from anywhere.
fn nav(lang: Lang, token: &str) -> String {
    let en = lang == Lang::En;
    let (charte, prefs, home, stats) = if en {
        (
            "/cookies?lang=en",
            "/cookies/preferences?lang=en",
            "/?lang=en",
            "/stats?lang=en",
        )
    } else {
        ("/cookies", "/cookies/preferences", "/", "/stats")
    };
    let other = if en {
        ("fr", "Français")
    } else {
        ("en", "English")
    };
    format!(
        "<nav><a href=\"{home}\">{}</a> · <a href=\"{stats}\">{}</a> · <a href=\"{charte}\">{}</a> · \
         <a href=\"{prefs}\">{}</a>\
         <form method=\"post\" action=\"/lang\" class=\"lang\"><input type=\"hidden\" \
         name=\"csrf_token\" value=\"{}\"><input type=\"hidden\" name=\"set\" value=\"{}\">\
         <button type=\"submit\">{}</button></form></nav>",
        if en { "Home" } else { "Accueil" },
        if en { "Statistics" } else { "Statistiques" },
        if en {
            "Cookie policy"
        } else {
            "Charte cookies"
        },
        if en {
            "Manage cookies"
        } else {
            "Gérer les cookies"
        },
        escape(token),
        other.0,
        other.1,
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The site's stylesheet: the generated fragments carry classes and no
/// style. The three consent buttons share one rule, so that refusing looks
/// exactly like accepting; focus is always visible.
const STYLE: &str = "\
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem; color: #1e1e1e; }
a { color: #1d4ed8; }
:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.cookie-banner { border: 2px solid #1e1e1e; border-radius: 0.5rem; padding: 1rem 1.5rem; margin: 1rem 0; background: #fafafa; }
.cookie-banner h2, .cookie-preferences h2 { margin-top: 0; font-size: 1.3rem; }
.cookie-consent-actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 1rem 0; }
.cookie-consent-button { font: inherit; font-weight: 600; min-width: 11rem; padding: 0.6rem 1.2rem; border: 2px solid #1e1e1e; border-radius: 0.4rem; background: #1e1e1e; color: #fff; cursor: pointer; }
.cookie-consent-button:hover { background: #3a3a3a; }
.cookie-preferences fieldset { border: 1px solid #c8c8c8; border-radius: 0.4rem; padding: 0.5rem 1rem; }
.cookie-category { border-bottom: 1px solid #e4e4e4; padding: 0.5rem 0; }
.cookie-category:last-child { border-bottom: 0; }
.cookie-category label, .cookie-category-name { font-weight: 600; }
.cookie-category input[type=checkbox] { width: 1.2rem; height: 1.2rem; vertical-align: middle; margin-right: 0.4rem; }
.cookie-category p, .cookie-category ul { margin: 0.25rem 0 0.25rem 1.8rem; }
.charte-cookies table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
.charte-cookies caption { text-align: left; }
.charte-cookies caption h4 { margin: 1rem 0 0.5rem; font-size: 1.05rem; }
.charte-cookies th, .charte-cookies td { border: 1px solid #c8c8c8; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
.charte-cookies th { background: #f0f0f4; }
.charte-cookies td:nth-child(3) { font-family: ui-monospace, monospace; white-space: nowrap; }
nav { margin-top: 2rem; border-top: 1px solid #c8c8c8; padding-top: 1rem; }
nav form.lang { display: inline; margin-left: 1rem; }
form button { font: inherit; }
pre { white-space: pre-wrap; word-break: break-all; }
";

/// A minimal HTML page around `body`. Pages vary with the visitor's
/// cookies, so no cache may keep them.
fn page(lang: Lang, title: &str, body: &str) -> impl IntoResponse {
    let code = if lang == Lang::En { "en" } else { "fr" };
    let html = format!(
        "<!doctype html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n\
         </body>\n</html>\n"
    );
    ([(CACHE_CONTROL, "no-store")], Html(html))
}

/// The signing key: `$COOKIE_KEY` (128 hex digits), or a fresh one.
fn key() -> Key {
    let from_env = std::env::var("COOKIE_KEY").ok().and_then(|hex| {
        let bytes: Option<Vec<u8>> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
            .collect();
        bytes.filter(|bytes| bytes.len() >= 64)
    });
    match from_env {
        Some(bytes) => Key::from(&bytes),
        None => Key::generate(),
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
        // Every `Set-Cookie` of every route is checked against the
        // declaration and the visitor's consent.
        .layer(ConsentLayer::enforce(app.consent.clone()))
        .with_state(app)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".to_owned());
    let Ok(port) = port.parse::<u16>() else {
        eprintln!("PORT must be a port number, found `{port}`");
        std::process::exit(2);
    };
    let (store, proofs_at) = match ProofBackend::open().await {
        Ok(opened) => opened,
        Err(err) => {
            eprintln!("{err}");
            std::process::exit(1);
        }
    };
    // What each version hash of a record stands for.
    if let Err(err) = store.keep_texts(&VersionText::of::<SiteCookies>()).await {
        log!("cookie-decl-axum-site: CANNOT KEEP THE CHARTE AND BANNER TEXTS: {err}");
    }
    let app = App {
        consent: ConsentCookie::signed(key()),
        sessions: Sessions::default(),
        proofs: Proofs {
            store,
            pending: Arc::default(),
        },
    };
    let router = router(app);

    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("cannot listen on {addr}: {err}");
            std::process::exit(1);
        }
    };
    println!("consent proofs: {proofs_at}");
    println!("listening on http://{addr}");
    if let Err(err) = axum::serve(listener, router).await {
        eprintln!("server error: {err}");
        std::process::exit(1);
    }
}

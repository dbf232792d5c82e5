//! The smallest complete site with consent, on axum:
//! `cargo run --example axum_minimal --features axum`, then open
//! <http://127.0.0.1:3000>. Every cookie is `Secure`: browsers accept it on
//! `http://127.0.0.1`; elsewhere, serve HTTPS.

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use cookie_decl::axum::{ConsentChoice, ConsentLayer, WithCookies, request_cookies};
use cookie_decl::consent::proof::{FileStore, ProofStore, VersionText};
use cookie_decl::consent::{self, Consent, ConsentCookie, CsrfToken};
use cookie_decl::cookie::Key;
use cookie_decl::{Format, Lang, Registry, declare_cookies};
use tokio::net::TcpListener;

declare_cookies! {
    pub struct SiteCookies { site: "https://example.fr" }
    necessary {
        "__Host-csrf" as CSRF { provider: "Example", service: "Forms",
            purpose: "Protect the forms.", same_site: Strict, csrf_token: true }
        consent { provider: "Example", service: "Consent",
            purpose: "Remember the choice.", max_age: 6 months, stores_consent: true }
    }
    statistics {
        visits { provider: "Example", service: "Audience",
            purpose: "Count visits.", max_age: 13 months }
    }
}

type Store = ConsentCookie<SiteCookies>;

/// What the handlers share: the consent cookie's store, and the proof of
/// each choice, kept on disk (`FileStore`).
#[derive(Clone)]
struct Site {
    consent: Store,
    proofs: FileStore,
}

// The extractors (`Consent`, `CsrfToken`, `ConsentChoice`) find the store.
impl FromRef<Site> for Store {
    fn from_ref(site: &Site) -> Store {
        site.consent.clone()
    }
}

/// `GET /`: the banner until the visitor chooses, and the visit count,
/// a statistics cookie, only with their yes.
async fn home(
    consent: Consent<SiteCookies>,
    csrf: CsrfToken<SiteCookies>,
    headers: HeaderMap,
) -> Response {
    // A declared cookie's value, decoded: `None` if absent or sent twice.
    let cookies = request_cookies(&headers);
    let seen = cookies.value(&SiteCookies::VISITS);
    let seen: Option<u32> = seen.and_then(|n| n.parse().ok());
    let visits = seen.unwrap_or(0).saturating_add(1);
    // The gate: `None` until the visitor says yes to statistics.
    let counted = consent.cookie(SiteCookies::VISITS, visits.to_string());
    let banner = match consent.needs_asking() {
        true => consent::banner_for(&consent, Lang::Fr, csrf.as_str()),
        false => String::new(),
    };
    let link = SiteCookies::PREFERENCES_URL;
    let page = format!("{banner}<p>{visits} visits</p><a href=\"{link}\">Cookies</a>");
    let page = WithCookies::new(Html(page)).csrf(&csrf);
    page.cookie(counted).into_response()
}

/// `POST /cookies/consent`: reached only with the visitor's own CSRF token
/// (a forged or cross-site form is a `403`).
async fn record(State(site): State<Site>, choice: ConsentChoice<SiteCookies>) -> Response {
    // `None`: the visitor asked to customise.
    let Some(recorded) = choice.record(&site.consent) else {
        return Redirect::to(SiteCookies::PREFERENCES_URL).into_response();
    };
    // The proof (a Global Privacy Control signal noted), on disk before
    // `Ok`; the choice is answered even if that fails.
    if let Err(err) = site.proofs.append(recorded.record()).await {
        eprintln!("CANNOT KEEP THE PROOF of {}: {err}", recorded.record());
    }
    let back = WithCookies::new(Redirect::to("/"));
    back.recorded(&recorded).into_response()
}

/// `GET /cookies/preferences`: the form to change or withdraw the choice.
async fn preferences(consent: Consent<SiteCookies>, csrf: CsrfToken<SiteCookies>) -> Response {
    let form = consent::preferences::<SiteCookies>(Lang::Fr, csrf.as_str(), &consent);
    WithCookies::new(Html(form)).csrf(&csrf).into_response()
}

/// `GET /cookies`: the charte, generated at compile time.
async fn charte() -> Html<&'static str> {
    Html(SiteCookies::charte(Lang::Fr, Format::Html))
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // 64 secret bytes or more seal the visitor's choice. A generated key
    // changes at each start and differs from server to server, and a choice
    // sealed with another key reads as "not asked": production sets one
    // fixed key everywhere (`COOKIE_KEY=$(openssl rand -base64 48)`).
    let key = match std::env::var("COOKIE_KEY") {
        Ok(key) => Key::try_from(key.as_bytes()).expect("$COOKIE_KEY has 64 bytes or more"),
        Err(_) => Key::generate(),
    };
    let store = Store::signed(key); // once, shared by every request
    // The proofs: a directory of the site's own (its parent must exist),
    // with the texts each choice was made on.
    let proofs = FileStore::open("consent-proofs").expect("a directory for the proofs");
    let texts = VersionText::of::<SiteCookies>();
    proofs.keep_texts(&texts).await.expect("the texts kept");
    let app = Router::new()
        .route("/", get(home))
        .route(SiteCookies::CONSENT_URL, post(record))
        .route(SiteCookies::PREFERENCES_URL, get(preferences))
        .route(SiteCookies::CHARTE_URL, get(charte))
        // Last, so outermost: it checks every `Set-Cookie` of every response.
        .layer(ConsentLayer::enforce(store.clone()))
        .with_state(Site {
            consent: store,
            proofs,
        });
    let listener = TcpListener::bind("127.0.0.1:3000")
        .await
        .expect("a free port");
    println!("listening on http://127.0.0.1:3000");
    axum::serve(listener, app).await.expect("the server runs");
}

//! A site that breaks its own declaration, for the scan's tests
//! (`scan.rs`, `scan_cli.rs`): its declaration is right, the site is not.
//! Each mistake is one the scan must find, and there is nothing else to
//! find:
//!
//! - a tracker its script sets whatever the visitor chose;
//! - a cookie nobody declared (`ab_test`);
//! - a preference (`theme`) kept two years where one is declared;
//! - a statistics cookie (`visits`) its withdrawal forgets;
//! - a preferences page that offers the audience measurement ticked to a
//!   visitor who has not chosen;
//! - an image from a second local origin (`localhost`, the site being
//!   `127.0.0.1`) that sets a third-party cookie (`uid`) and is requested
//!   before consent.
//!
//! It uses the generated banner and preferences page, and answers the
//! banner's "Personnaliser" with the preferences page.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::http::HeaderMap;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use cookie_decl::consent::{self, CategorySet, Consent, ConsentRegistry};
use cookie_decl::{Category, Lang, declare_cookies};

declare_cookies! {
    /// The cookies of a site that breaks its own declaration.
    pub struct BadCookies {
        site: "https://bad.example.fr",
    }

    necessary {
        consent as CONSENT {
            provider: "Bad",
            service: "Consentement",
            purpose: "Se souvenir du choix du visiteur.",
            max_age: 6 months,
            stores_consent: true,
        }
    }

    preferences {
        /// Declared for one year; the page's script keeps it two.
        theme {
            provider: "Bad",
            service: "Affichage",
            purpose: "Se souvenir du thème choisi.",
            max_age: 1 year,
            http_only: false,
        }
    }

    statistics {
        /// Set by the server with consent; the withdrawal forgets it.
        visits {
            provider: "Bad",
            service: "Mesure d'audience",
            purpose: "Compter les visites.",
            max_age: 13 months,
        }
        /// Set by the page's tracker, consent or not.
        extern "_pk_id.*" as MATOMO_ID {
            provider: "Matomo",
            service: "Mesure d'audience",
            purpose: "Distinguer les visiteurs.",
            max_age: 13 months,
        }
    }
}

/// The tracker's cookie, as the page's script names it.
pub const TRACKER: &str = "_pk_id.7.beef";

/// The visitor's choice, from the bad site's own consent cookie
/// (`preferences.statistics`, or `none`); `None` before any.
fn granted(headers: &HeaderMap) -> Option<CategorySet> {
    let header = headers.get(COOKIE)?.to_str().ok()?;
    let value = BadCookies::CONSENT.read_header(header).ok()??;
    Some(
        value
            .split('.')
            .filter_map(|name| Category::ALL.into_iter().find(|c| c.as_str() == name))
            .collect(),
    )
}

fn html_page(body: &str, set_cookies: &[String]) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(CACHE_CONTROL, "no-store".parse().expect("header"));
    for line in set_cookies {
        headers.append(SET_COOKIE, line.parse().expect("Set-Cookie"));
    }
    (
        headers,
        Html(format!(
            "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Bad</title></head>\
             <body>{body}<nav><a href=\"/\">Accueil</a> <a href=\"/cookies/preferences\">Gérer les cookies</a></nav></body></html>"
        )),
    )
        .into_response()
}

/// `GET /`: the banner until a choice, and every mistake.
async fn bad_home(headers: HeaderMap, embed: String) -> Response {
    let granted = granted(&headers);
    let allowed = granted.unwrap_or(CategorySet::NONE);
    let mut set = Vec::new();
    if allowed.contains(Category::Statistics) {
        let count = headers
            .get(COOKIE)
            .and_then(|h| h.to_str().ok())
            .and_then(|h| BadCookies::VISITS.read_header(h).ok().flatten())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
            + 1;
        set.push(BadCookies::VISITS.cookie(count.to_string()).to_string());
    }
    let banner = if granted.is_none() {
        consent::banner::<BadCookies>(Lang::Fr, "token")
    } else {
        String::new()
    };
    let theme = if allowed.contains(Category::Preferences) {
        // Mistake: two years, where one is declared.
        "document.cookie = 'theme=dark; path=/; max-age=63072000; secure; samesite=lax';"
    } else {
        ""
    };
    let body = format!(
        "{banner}<h1>Bad</h1>\
         <img src=\"{embed}/pixel.gif\" alt=\"\">\
         <script>\
         // Mistake: the tracker runs whatever the visitor chose.\n\
         if (!document.cookie.includes('{TRACKER}=')) {{\
           document.cookie = '{TRACKER}=' + Math.random().toString(16).slice(2) + '; path=/; max-age=33696000; secure; samesite=lax';\
         }}\
         // Mistake: a cookie nobody declared.\n\
         document.cookie = 'ab_test=B; path=/; max-age=3600; secure; samesite=lax';\
         {theme}\
         </script>"
    );
    html_page(&body, &set)
}

/// `GET /cookies/preferences`: the generated page, with the audience
/// measurement's box ticked for everyone (the mistake).
async fn bad_preferences() -> Response {
    let page = consent::preferences::<BadCookies>(Lang::Fr, "token", &Consent::not_asked());
    let unticked = r#"value="statistics" aria-describedby="cookie-category-statistics-purpose">"#;
    assert!(page.contains(unticked), "{page}");
    let page = page.replace(
        unticked,
        r#"value="statistics" aria-describedby="cookie-category-statistics-purpose" checked>"#,
    );
    html_page(&page, &[])
}

/// `POST /cookies/consent`: records the choice in the consent cookie
/// and deletes what is refused, but for `visits` (the mistake).
async fn bad_consent(forms: Forms, customise: bool, body: String) -> Response {
    let fields: Vec<(&str, &str)> = body
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .collect();
    let submitted: Vec<&str> = ["consent", "category"]
        .iter()
        .flat_map(|field| fields.iter().filter(move |(k, _)| k == field))
        .map(|(_, v)| *v)
        .collect();
    forms
        .lock()
        .expect("the forms' log")
        .push(submitted.join(" "));
    let asked = <BadCookies as ConsentRegistry>::ASKED;
    let granted = match fields
        .iter()
        .find(|(k, _)| *k == "consent")
        .map(|(_, v)| *v)
    {
        // "Personnaliser": the preferences page, nothing recorded. (Without
        // `customise`, it falls to the ticked boxes: none, a refusal.)
        Some("customise") if customise => {
            return (
                axum::http::StatusCode::SEE_OTHER,
                [(LOCATION, "/cookies/preferences")],
            )
                .into_response();
        }
        Some("all") => asked,
        Some("none") => CategorySet::NONE,
        _ => fields
            .iter()
            .filter(|(k, _)| *k == "category")
            .filter_map(|(_, v)| Category::ALL.into_iter().find(|c| c.as_str() == *v))
            .collect(),
    };
    let value: Vec<&str> = granted.iter().map(Category::as_str).collect();
    let value = if value.is_empty() {
        "none".to_owned()
    } else {
        value.join(".")
    };
    let mut headers = HeaderMap::new();
    headers.append(
        SET_COOKIE,
        BadCookies::CONSENT
            .cookie(value)
            .to_string()
            .parse()
            .expect("header"),
    );
    if !granted.contains(Category::Preferences) {
        headers.append(
            SET_COOKIE,
            BadCookies::THEME
                .removal()
                .to_string()
                .parse()
                .expect("header"),
        );
    }
    if !granted.contains(Category::Statistics) {
        // Mistake: `visits` is forgotten; only the tracker is removed.
        headers.append(
            SET_COOKIE,
            format!("{TRACKER}=; Path=/; Max-Age=0; Secure; SameSite=Lax")
                .parse()
                .expect("header"),
        );
    }
    headers.insert(LOCATION, "/".parse().expect("header"));
    (axum::http::StatusCode::SEE_OTHER, headers).into_response()
}

/// The second origin's image, which sets a cookie nobody declared.
async fn pixel() -> Response {
    (
        [
            (CONTENT_TYPE, "image/gif"),
            (CACHE_CONTROL, "no-store"),
            (
                SET_COOKIE,
                "uid=3f2a; Path=/; Max-Age=31536000; Secure; SameSite=None",
            ),
        ],
        &b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"[..],
    )
        .into_response()
}

/// Serves `router` on `127.0.0.1:0` from a thread of its own.
pub fn serve(router: Router) -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("non-blocking");
    let addr = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
            .expect("tokio runtime");
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            axum::serve(listener, router).await.expect("server");
        });
    });
    addr
}

/// The consent forms the site received, in order: the `consent` button
/// and the ticked `category` boxes of each, space-separated (`all`,
/// `customise`, `save statistics`).
type Forms = Arc<Mutex<Vec<String>>>;

/// The site, running until the test ends.
pub struct BadSite {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    forms: Forms,
}

impl BadSite {
    /// The consent forms received so far (see [`Forms`]).
    pub fn forms(&self) -> Vec<String> {
        self.forms.lock().expect("the forms' log").clone()
    }
}

/// The consent forms a scan of every scenario submits to the site, as a
/// visitor clicking the generated interface: nothing in "not asked", the
/// banner's buttons, "Personnaliser" then the preferences page's
/// "Enregistrer mes choix" for each category alone, and the preferences
/// page alone for each withdrawal.
pub const EVERY_SCENARIO_FORMS: [&str; 10] = [
    // Refuse all; accept all.
    "none",
    "all",
    // Only preferences; only statistics.
    "customise",
    "save preferences",
    "customise",
    "save statistics",
    // Accept all, then withdraw preferences; then withdraw statistics.
    "all",
    "save statistics",
    "all",
    "save preferences",
];

/// Starts the site and its second origin. They run until the test ends.
pub fn start() -> BadSite {
    start_with(true)
}

/// [`start`], or without `customise` a site whose consent handler knows
/// nothing of "Personnaliser": it records the button as a choice of no
/// category and goes back to `/`, as a handler written for the
/// preferences page's form alone does.
pub fn start_with(customise: bool) -> BadSite {
    let forms = Forms::default();
    let log = forms.clone();
    // The second origin: another host (`localhost`), so another site.
    let embed = serve(Router::new().route("/pixel.gif", get(pixel)));
    let embed = format!("http://localhost:{}", embed.port());
    let site = serve(
        Router::new()
            .route("/", get(move |headers| bad_home(headers, embed.clone())))
            .route("/cookies/preferences", get(bad_preferences))
            .route(
                "/cookies/consent",
                post(move |body| bad_consent(log.clone(), customise, body)),
            ),
    );
    BadSite {
        base: format!("http://{site}"),
        forms,
    }
}

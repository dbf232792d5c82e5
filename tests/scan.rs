//! The cookie scan (`cookie-decl-scan`) in Debian's headless Chromium, on
//! two sites:
//!
//! - `examples/axum_site`, which does everything right: clean in every
//!   scenario, and its cookies held where and when the declaration says;
//! - a site written here to do it wrong, whose mistakes are each found,
//!   and nothing else: a tracker its script sets before consent, a cookie
//!   nobody declared, a preference kept two years where one is declared,
//!   a statistics cookie its withdrawal forgets, and an image from a
//!   second local origin (`localhost`, the site being `127.0.0.1`) that
//!   sets a third-party cookie and is requested before consent.
//!
//! The reports are written to `target/browser-artifacts/scan-*.html` (and
//! `.json`). Without `chromium` and `chromedriver` the tests are skipped
//! with a message, unless `$CI` is set: then they fail.

#![cfg(unix)]

#[path = "support/process.rs"]
mod process;

#[path = "../examples/axum_site/cookies.rs"]
mod cookies;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::PathBuf;

use axum::Router;
use axum::http::HeaderMap;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use cookie_decl::consent::{self, CategorySet, Consent, ConsentRegistry};
use cookie_decl::{Category, Lang, declare_cookies};
use cookie_decl_scan::{FindingKind, Report, Scan, Scenario};

fn artifacts() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/browser-artifacts")
}

fn save(report: &Report, name: &str) {
    report
        .write_html(artifacts().join(format!("{name}.html")))
        .expect("write the HTML report");
    report
        .write_json(artifacts().join(format!("{name}.json")))
        .expect("write the JSON report");
}

#[test]
fn the_axum_example_scans_clean_in_every_scenario() {
    let proofs = std::env::temp_dir().join(format!("cookie-decl-scan-{}", std::process::id()));
    let site = process::Example::start(&proofs, "");
    let report = Scan::new::<cookies::SiteCookies>(&site.base)
        .pages(["/", "/stats"])
        .follow_links(2)
        .run_or_skip();
    let _ = std::fs::remove_dir_all(&proofs);
    let Some(report) = report else { return };
    save(&report, "scan-axum-example");
    eprintln!("{report}");
    assert!(report.is_clean(), "{report}");

    // Not a scan that saw nothing: every scenario ran, on the given pages
    // and the preferences page found in the links, and the browser held
    // what each choice allows.
    let slugs: Vec<String> = report
        .scenarios()
        .iter()
        .map(|s| s.scenario.slug())
        .collect();
    assert_eq!(
        slugs,
        [
            "not-asked",
            "refuse-all",
            "accept-all",
            "only-preferences",
            "only-statistics",
            "withdraw-preferences",
            "withdraw-statistics"
        ]
    );
    let held_at_end = |scenario: Scenario| -> Vec<String> {
        let result = report
            .scenarios()
            .iter()
            .find(|s| s.scenario == scenario)
            .expect("scenario ran");
        assert!(
            result.pages.iter().any(|p| p == "/cookies/preferences"),
            "{:?}",
            result.pages
        );
        let mut names: Vec<String> = result
            .held
            .iter()
            .filter(|h| h.at_end)
            .map(|h| h.cookie.name.clone())
            .collect();
        names.sort();
        names
    };
    assert_eq!(held_at_end(Scenario::NotAsked), ["__Host-csrf"]);
    assert_eq!(
        held_at_end(Scenario::RefuseAll),
        ["__Host-csrf", "cookies_preferences"]
    );
    assert_eq!(
        held_at_end(Scenario::AcceptAll),
        [
            "__Host-csrf",
            "_pk_id.1.4c2f",
            "cookies_preferences",
            "visits"
        ]
    );
    assert_eq!(
        held_at_end(Scenario::Withdraw(Category::Statistics)),
        ["__Host-csrf", "cookies_preferences"]
    );
    // The withdrawal deleted what accepting had set.
    let withdrawn = &report.scenarios()[6];
    let removed: BTreeSet<&str> = withdrawn
        .held
        .iter()
        .filter(|h| !h.at_end)
        .map(|h| h.cookie.name.as_str())
        .collect();
    assert_eq!(removed, BTreeSet::from(["_pk_id.1.4c2f", "visits"]));
    assert!(report.banner_screenshot().is_some());
    let html = report.to_html();
    assert!(html.contains("No finding"), "{html}");
}

// The site that does it wrong. Its declaration is right; the site is not.
declare_cookies! {
    /// The cookies of a site that breaks its own declaration.
    struct BadCookies {
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
const TRACKER: &str = "_pk_id.7.beef";

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

/// `GET /cookies/preferences`: the generated page.
async fn bad_preferences() -> Response {
    let page = consent::preferences::<BadCookies>(Lang::Fr, "token", &Consent::not_asked());
    html_page(&page, &[])
}

/// `POST /cookies/consent`: records the choice in the consent cookie
/// and deletes what is refused, but for `visits` (the mistake).
async fn bad_consent(body: String) -> Response {
    let fields: Vec<(&str, &str)> = body
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .collect();
    let asked = <BadCookies as ConsentRegistry>::ASKED;
    let granted = match fields
        .iter()
        .find(|(k, _)| *k == "consent")
        .map(|(_, v)| *v)
    {
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
fn serve(router: Router) -> SocketAddr {
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

#[test]
fn every_mistake_of_a_bad_site_is_found_and_nothing_else() {
    // The second origin: another host (`localhost`), so another site.
    let embed = serve(Router::new().route("/pixel.gif", get(pixel)));
    let embed = format!("http://localhost:{}", embed.port());
    let site = serve(
        Router::new()
            .route("/", get(move |headers| bad_home(headers, embed.clone())))
            .route("/cookies/preferences", get(bad_preferences))
            .route("/cookies/consent", axum::routing::post(bad_consent)),
    );
    let Some(report) = Scan::new::<BadCookies>(&format!("http://{site}")).run_or_skip() else {
        return;
    };
    save(&report, "scan-bad-site");
    eprintln!("{report}");

    // Each mistake, by rule and cookie (or host), and nothing else.
    let found: BTreeSet<(String, String)> = report
        .findings()
        .iter()
        .map(|f| (f.kind.code().to_owned(), f.kind.subject().to_owned()))
        .collect();
    let expected: BTreeSet<(String, String)> = [
        ("without-consent", TRACKER),
        ("undeclared", "ab_test"),
        ("undeclared", "uid"),
        ("lifetime", "theme"),
        ("survived-withdrawal", "visits"),
        ("third-party-request", "localhost"),
    ]
    .into_iter()
    .map(|(code, subject)| (code.to_owned(), subject.to_owned()))
    .collect();
    assert_eq!(found, expected, "{report}");

    // Where each was seen.
    let scenarios_of = |code: &str, subject: &str| -> BTreeSet<String> {
        report
            .findings()
            .iter()
            .filter(|f| f.kind.code() == code && f.kind.subject() == subject)
            .map(|f| f.scenario.slug())
            .collect()
    };
    let set =
        |slugs: &[&str]| -> BTreeSet<String> { slugs.iter().map(|s| (*s).to_owned()).collect() };
    // The tracker: wherever statistics are not accepted, including right
    // after the withdrawal, where the page set it again.
    assert_eq!(
        scenarios_of("without-consent", TRACKER),
        set(&[
            "not-asked",
            "refuse-all",
            "only-preferences",
            "withdraw-statistics"
        ])
    );
    // The forgotten cookie: in the withdrawal of statistics only, and not
    // reported twice there.
    assert_eq!(
        scenarios_of("survived-withdrawal", "visits"),
        set(&["withdraw-statistics"])
    );
    // The pixel: before any consent.
    assert_eq!(
        scenarios_of("third-party-request", "localhost"),
        set(&["not-asked", "refuse-all"])
    );
    // The two-year preference, wherever preferences are accepted.
    assert_eq!(
        scenarios_of("lifetime", "theme"),
        set(&["accept-all", "only-preferences", "withdraw-statistics"])
    );
    let third_party = report.findings().iter().find_map(|f| match &f.kind {
        FindingKind::Undeclared {
            name, third_party, ..
        } => Some((name.as_str(), *third_party)),
        _ => None,
    });
    assert!(third_party.is_some());
    for finding in report.findings() {
        if let FindingKind::Undeclared {
            name, third_party, ..
        } = &finding.kind
        {
            assert_eq!(*third_party, name == "uid", "{finding}");
        }
    }

    // The report a person reads: one line per finding, with the scenario
    // and the page; the HTML table marks the cells.
    let text = report.to_string();
    assert!(
        text.contains("[not asked] /: request to third-party host `localhost` before consent (Image http://localhost:"),
        "{text}"
    );
    assert!(
        text.contains("[accept all, then withdraw statistics] /: `statistics` cookie `visits`"),
        "{text}"
    );
    let html = report.to_html();
    assert!(html.contains("class=\"finding\""), "{html}");
    assert!(html.contains("data:image/png;base64,"));
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).expect("JSON");
    assert_eq!(json["clean"], false);
    assert_eq!(
        json["findings"].as_array().map(Vec::len),
        Some(report.findings().len())
    );
}

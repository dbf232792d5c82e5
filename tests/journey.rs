//! The visitor's journey through `examples/axum_site` in a real browser
//! (Debian's headless Chromium, driven through ChromeDriver by
//! `cookie_decl_scan::browser`, the client of the cookie scan): first visit,
//! "Tout refuser", a change of mind to "Tout accepter", the statistics
//! dashboard, whose Matomo tag sets a cookie from the page on `Path=/stats`,
//! the withdrawal of statistics, which must delete that cookie too, a login
//! and a logout, and a last "Tout refuser", which deletes the cookie the
//! Meta pixel set from the page. After each step the browser's own cookie
//! store is read, every path included, and every cookie in it must be
//! declared in `examples/axum_site/cookies.rs`, with its declared
//! attributes, and have the consent its category needs; the page's scripts
//! must be exactly the declared tags that consent allows (none before a
//! yes, none after a refusal), and the Google Consent Mode defaults the
//! page gives `gtag` must grant exactly what it allows. A second journey
//! sends Global Privacy Control (`Sec-GPC: 1`): no marketing tag or cookie
//! until an explicit yes.
//!
//! Screenshots of the banner and the preferences page are saved under
//! `target/browser-artifacts/`.
//!
//! Without `chromium` and `chromedriver` the test is skipped with a
//! message, unless `$CI` is set: then it fails.
//!
//! A second test needs no browser: with its proof file unwritable, the
//! example still sends a withdrawal's consent cookie and removals.

#![cfg(unix)]

#[path = "support/process.rs"]
mod process;

#[path = "../examples/axum_site/cookies.rs"]
mod cookies;

// The example's page template, with its own test (no browser needed).
#[path = "../examples/axum_site/template.rs"]
mod template;

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cookie_decl::consent::proof::FileStore;
use cookie_decl::cookie::SameSite;
use cookie_decl::{Category, CookieSpec};
use cookie_decl_scan::Error;
use cookie_decl_scan::browser::{Browser, BrowserCookie};
use cookies::SiteCookies;

/// The example, running on a free port; killed when dropped, its proofs
/// removed.
struct Site {
    example: Option<process::Example>,
    base: String,
    proofs: PathBuf,
}

impl Site {
    fn start() -> Site {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_nanos());
        let proofs = std::env::temp_dir().join(format!(
            "cookie-decl-journey-{}-{nanos}",
            std::process::id()
        ));
        Site::start_with_proofs(proofs, "")
    }

    /// The example, keeping its proofs in the directory `proofs`, started
    /// by `sh` after `shell_prefix` (a limit to set, say).
    fn start_with_proofs(proofs: PathBuf, shell_prefix: &str) -> Site {
        let example = process::Example::start(&proofs, shell_prefix);
        Site {
            base: example.base.clone(),
            example: Some(example),
            proofs,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The proof records the example kept, read back from its store, as
    /// JSON.
    fn records(&self) -> Vec<serde_json::Value> {
        let store = FileStore::open(&self.proofs).expect("the example's proof store");
        let far = SystemTime::now() + Duration::from_secs(86_400);
        store
            .list_blocking(UNIX_EPOCH, far)
            .expect("the proofs read back")
            .iter()
            .map(|record| serde_json::from_str(&record.to_json()).expect("JSON"))
            .collect()
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        // The example first, then its proofs.
        drop(self.example.take());
        let _ = std::fs::remove_dir_all(&self.proofs);
    }
}

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |elapsed| elapsed.as_secs_f64())
}

fn same_site(spec: &CookieSpec) -> &'static str {
    match spec.same_site() {
        SameSite::Strict => "Strict",
        SameSite::Lax => "Lax",
        SameSite::None => "None",
    }
}

/// Every cookie in the store is declared, carries its declared
/// attributes, and has the consent its category needs. Of an `extern`
/// cookie, which a script sets, only where it lives and how long are
/// declared (the macro refuses its `Secure`, `HttpOnly`, `SameSite` and
/// `Partitioned`: they are the script's).
fn assert_declared(cookies: &[BrowserCookie], granted: &[Category], step: &str) {
    for cookie in cookies {
        let spec = SiteCookies::get(&cookie.name)
            .unwrap_or_else(|| panic!("{step}: `{}` is not declared", cookie.name));
        assert!(
            !spec.needs_consent() || granted.contains(&spec.category()),
            "{step}: `{}` is a `{}` cookie, stored without consent",
            cookie.name,
            spec.category()
        );
        if !spec.is_external() {
            assert_eq!(cookie.secure, spec.secure(), "{step}: Secure of {cookie:?}");
            assert_eq!(
                cookie.http_only,
                spec.http_only(),
                "{step}: HttpOnly of {cookie:?}"
            );
            assert_eq!(
                cookie.same_site,
                same_site(spec),
                "{step}: SameSite of {cookie:?}"
            );
            assert_eq!(cookie.partitioned, spec.partitioned(), "{step}: {cookie:?}");
        }
        assert_eq!(cookie.path, spec.path(), "{step}: Path of {cookie:?}");
        assert_eq!(cookie.domain, "127.0.0.1", "{step}: host-only {cookie:?}");
        match (spec.max_age(), cookie.expires) {
            (None, None) => {}
            (Some(max_age), Some(expires)) => {
                let lives = expires - now();
                let declared = max_age.as_seconds_f64();
                assert!(
                    (lives - declared).abs() < 300.0,
                    "{step}: `{}` lives {lives:.0} s, declared {declared:.0} s",
                    cookie.name
                );
            }
            (declared, stored) => panic!(
                "{step}: `{}` declared with Max-Age {declared:?}, stored with expiry {stored:?}",
                cookie.name
            ),
        }
    }
}

fn names(cookies: &[BrowserCookie]) -> Vec<&str> {
    let mut names: Vec<&str> = cookies.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    names
}

fn artifacts() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/browser-artifacts")
}

/// The scripts of the page: the path of each one with a `src`, the first
/// words of each inline one.
fn scripts(browser: &Browser) -> Result<Vec<String>, Error> {
    let found = browser.script(
        "return Array.from(document.scripts, s => s.src ? new URL(s.src).pathname \
         : s.textContent.slice(0, 32))",
    )?;
    Ok(found
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|script| script.as_str().map(str::to_owned))
        .collect())
}

/// The tags of the declaration in the page, by what they load: the
/// Matomo script (`/stats/matomo.js`) and the Meta pixel's inline snippet.
fn tags_in_page(browser: &Browser) -> Result<Vec<&'static str>, Error> {
    let scripts = scripts(browser)?;
    let mut tags = Vec::new();
    if scripts.iter().any(|s| s == "/stats/matomo.js") {
        tags.push("matomo");
    }
    if scripts
        .iter()
        .any(|s| s.starts_with("document.cookie = '_fbp="))
    {
        tags.push("meta_pixel");
    }
    Ok(tags)
}

/// The Google Consent Mode defaults the page gave `gtag` before any tag:
/// each granted signal, in the order of the snippet.
fn consent_mode(browser: &Browser) -> Result<Vec<String>, Error> {
    let defaults = browser.script(
        "const d = (window.dataLayer || []).map(a => Array.from(a)) \
         .find(a => a[0] === 'consent' && a[1] === 'default'); \
         return d ? Object.keys(d[2]).filter(k => d[2][k] === 'granted') : null",
    )?;
    let defaults = defaults
        .as_array()
        .ok_or_else(|| Error::Page("no `gtag('consent', 'default', ...)` in the page".into()))?;
    Ok(defaults
        .iter()
        .filter_map(|key| key.as_str().map(str::to_owned))
        .collect())
}

const NO_SIGNAL: [&str; 1] = ["security_storage"];
const EVERY_SIGNAL: [&str; 7] = [
    "ad_storage",
    "ad_user_data",
    "ad_personalization",
    "analytics_storage",
    "functionality_storage",
    "personalization_storage",
    "security_storage",
];

#[test]
fn the_visitor_journey_in_chromium() -> Result<(), Error> {
    let Some(browser) = Browser::start_or_skip("consent journey") else {
        return Ok(());
    };
    let site = Site::start();
    let banner_title = "Vos choix concernant les cookies";

    // 1. First visit: the banner, no tag, Consent Mode denying all but
    // security, and no cookie that needs consent.
    browser.goto(&site.url("/"))?;
    assert!(
        browser.has_text(banner_title)?,
        "no banner on a first visit"
    );
    browser.screenshot(&artifacts().join("banner.png"))?;
    assert_eq!(tags_in_page(&browser)?, [] as [&str; 0]);
    assert_eq!(consent_mode(&browser)?, NO_SIGNAL);
    let cookies = browser.cookies()?;
    assert_declared(&cookies, &[], "first visit");
    assert_eq!(names(&cookies), ["__Host-csrf"]);
    // The keyboard reaches the three buttons, in order, first thing.
    let focused = (0..3)
        .map(|_| browser.press_tab())
        .collect::<Result<Vec<String>, Error>>()?;
    assert_eq!(focused, ["Tout accepter", "Tout refuser", "Personnaliser"]);

    // 2. "Tout refuser": a choice is kept, nothing that needs consent is
    // set or loaded, and the banner is gone.
    browser.click_button("Tout refuser")?;
    assert!(
        !browser.has_text(banner_title)?,
        "the banner outlives a refusal"
    );
    assert_eq!(tags_in_page(&browser)?, [] as [&str; 0]);
    assert_eq!(consent_mode(&browser)?, NO_SIGNAL);
    browser.goto(&site.url("/stats"))?;
    assert!(browser.has_text("La mesure d'audience est désactivée")?);
    assert_eq!(tags_in_page(&browser)?, [] as [&str; 0]);
    let cookies = browser.cookies()?;
    assert_declared(&cookies, &[], "refuse all");
    assert_eq!(names(&cookies), ["__Host-csrf", "cookies_preferences"]);

    // 3. A change of mind, from the preferences page: "Tout accepter". The
    // statistics cookie appears, with its declared attributes, and the
    // Meta pixel, now in the page, sets its own.
    browser.goto(&site.url("/cookies/preferences"))?;
    assert!(
        browser.has_text(
            "accepté : aucune finalité ; refusé : préférences, mesure d'audience, publicité et suivi."
        )?,
        "the recorded refusal is shown"
    );
    browser.click_button("Tout accepter")?;
    let all = [
        Category::Preferences,
        Category::Statistics,
        Category::Marketing,
    ];
    assert_eq!(tags_in_page(&browser)?, ["matomo", "meta_pixel"]);
    assert_eq!(consent_mode(&browser)?, EVERY_SIGNAL);
    let cookies = browser.cookies()?;
    assert_declared(&cookies, &all, "accept all");
    assert_eq!(
        names(&cookies),
        ["__Host-csrf", "_fbp", "cookies_preferences", "visits"]
    );
    let visits = cookies.iter().find(|c| c.name == "visits").expect("visits");
    assert!(visits.http_only, "{visits:?}");
    assert_eq!(visits.value, "1", "the first page counted after the yes");
    let fbp = cookies.iter().find(|c| c.name == "_fbp").expect("_fbp");
    assert!(fbp.value.starts_with("fb.1."), "{fbp:?}");
    assert!(browser.has_text("accepté : préférences, mesure d'audience, publicité et suivi")?);
    browser.screenshot(&artifacts().join("preferences.png"))?;

    // 4. The statistics dashboard: with consent, the Matomo tag keeps the
    // visitor id in a cookie it sets from the page, on `Path=/stats`.
    let matomo = SiteCookies::MATOMO_ID.name();
    browser.goto(&site.url("/stats"))?;
    assert!(browser.has_text("La mesure d'audience est active.")?);
    assert_eq!(tags_in_page(&browser)?, ["matomo", "meta_pixel"]);
    let cookies = browser.cookies()?;
    assert_declared(&cookies, &all, "statistics dashboard");
    assert_eq!(
        names(&cookies),
        [
            "__Host-csrf",
            "_fbp",
            matomo,
            "cookies_preferences",
            "visits"
        ]
    );
    let visitor = cookies.iter().find(|c| c.name == matomo).expect(matomo);
    assert_eq!(visitor.path, "/stats", "{visitor:?}");
    assert!(!visitor.http_only && visitor.secure, "{visitor:?}");
    assert_eq!(visitor.same_site, "Lax", "{visitor:?}");
    let (id, first_visit) = visitor.value.split_once('.').expect("id.time");
    assert!(
        id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{visitor:?}"
    );
    assert!(first_visit.parse::<u64>().is_ok(), "{visitor:?}");
    assert!(
        browser
            .document_cookie()?
            .contains(&format!("{matomo}={}", visitor.value))
    );

    // Back on the preferences page, the cookie is still in the store, but
    // out of the page's reach (`document.cookie` showed it on `/stats`),
    // and so of every request to `/cookies/...`: the consent form's request
    // will not carry it.
    browser.goto(&site.url("/cookies/preferences"))?;
    // The proof of the visitor's choice, read back from the proof store.
    assert!(browser.has_text("La preuve que nous conservons de ce choix")?);
    let cookies = browser.cookies()?;
    assert!(cookies.iter().any(|c| c.name == matomo), "{cookies:?}");
    let visible = browser.document_cookie()?;
    assert!(!visible.contains(matomo), "{visible}");

    // 5. Withdrawal of statistics: untick the box, save. The visit counter
    // is deleted, HttpOnly as it is, and the Matomo cookie the request did
    // not carry, on its declared `Path=/stats`; the Matomo tag is gone
    // from the page, the pixel stays.
    browser.set_checkbox("Cookies de mesure d'audience", false)?;
    browser.click_button("Enregistrer mes choix")?;
    let cookies = browser.cookies()?;
    assert!(
        !cookies.iter().any(|c| c.name == matomo),
        "the withdrawal left `{matomo}` in the store: {cookies:?}"
    );
    let kept = [Category::Preferences, Category::Marketing];
    assert_declared(&cookies, &kept, "withdraw statistics");
    assert_eq!(
        names(&cookies),
        ["__Host-csrf", "_fbp", "cookies_preferences"]
    );
    assert!(browser.has_text("refusé : mesure d'audience")?);
    assert_eq!(tags_in_page(&browser)?, ["meta_pixel"]);
    let granted = consent_mode(&browser)?;
    assert!(
        !granted.iter().any(|s| s == "analytics_storage"),
        "{granted:?}"
    );
    assert!(granted.iter().any(|s| s == "ad_storage"), "{granted:?}");

    // Without consent, the dashboard has no Matomo tag, and sets nothing.
    browser.goto(&site.url("/stats"))?;
    assert!(browser.has_text("La mesure d'audience est désactivée")?);
    assert_eq!(tags_in_page(&browser)?, ["meta_pixel"]);
    let cookies = browser.cookies()?;
    assert_declared(&cookies, &kept, "dashboard after withdrawal");
    assert_eq!(
        names(&cookies),
        ["__Host-csrf", "_fbp", "cookies_preferences"]
    );

    // 6. Login, then logout: the session comes and goes.
    browser.goto(&site.url("/"))?;
    assert!(!browser.has_text(banner_title)?);
    browser.click_button("Se connecter")?;
    let cookies = browser.cookies()?;
    assert_declared(&cookies, &kept, "login");
    assert!(names(&cookies).contains(&"__Host-sid"), "{cookies:?}");
    assert!(browser.has_text("Session: connecté")?);
    browser.click_button("Se déconnecter")?;
    let cookies = browser.cookies()?;
    assert!(!names(&cookies).contains(&"__Host-sid"), "{cookies:?}");
    assert!(browser.has_text("Session: anonyme")?);

    // 7. "Tout refuser" from the preferences page: the pixel's cookie, set
    // by a script and never by this server, is deleted too.
    browser.goto(&site.url("/cookies/preferences"))?;
    browser.click_button("Tout refuser")?;
    let cookies = browser.cookies()?;
    assert_declared(&cookies, &[], "refuse all at the end");
    assert_eq!(names(&cookies), ["__Host-csrf", "cookies_preferences"]);
    assert_eq!(tags_in_page(&browser)?, [] as [&str; 0]);
    assert_eq!(consent_mode(&browser)?, NO_SIGNAL);

    // The proof of each choice was kept, in order.
    let records = site.records();
    let granted: Vec<&serde_json::Value> = records.iter().map(|r| &r["granted"]).collect();
    assert_eq!(
        granted,
        [
            &serde_json::json!([]),
            &serde_json::json!(["preferences", "statistics", "marketing"]),
            &serde_json::json!(["preferences", "marketing"]),
            &serde_json::json!([]),
        ]
    );
    assert_eq!(records[2]["withdrawn"], serde_json::json!(["statistics"]));
    assert!(
        records
            .iter()
            .all(|r| r["global_privacy_control"] == serde_json::json!(false))
    );
    eprintln!(
        "journey: screenshots in {}; last page {}",
        artifacts().display(),
        browser.url()?
    );
    Ok(())
}

/// A browser that sends Global Privacy Control (`Sec-GPC: 1`): the banner
/// says the signal is honoured, nothing of marketing is in the page or in
/// the store while the visitor has not said yes, statistics are still
/// asked; an explicit "Tout accepter" then counts, and its proof notes the
/// signal.
#[test]
fn global_privacy_control_in_chromium_keeps_marketing_off_until_a_yes() -> Result<(), Error> {
    let Some(browser) = Browser::start_or_skip("Global Privacy Control journey") else {
        return Ok(());
    };
    let site = Site::start();
    browser.send_headers(&[("Sec-GPC", "1")])?;

    browser.goto(&site.url("/"))?;
    assert!(browser.has_text("Vos choix concernant les cookies")?);
    assert!(
        browser.has_text("Global Privacy Control")?,
        "the banner says so"
    );
    assert_eq!(tags_in_page(&browser)?, [] as [&str; 0]);
    assert_eq!(consent_mode(&browser)?, NO_SIGNAL);
    browser.goto(&site.url("/stats"))?;
    let cookies = browser.cookies()?;
    assert_declared(&cookies, &[], "first visit with GPC");
    assert_eq!(names(&cookies), ["__Host-csrf"]);

    // Only statistics, from the preferences page: no pixel, no `_fbp`.
    browser.goto(&site.url("/cookies/preferences"))?;
    browser.set_checkbox("Cookies de mesure d'audience", true)?;
    browser.click_button("Enregistrer mes choix")?;
    assert_eq!(tags_in_page(&browser)?, ["matomo"]);
    browser.goto(&site.url("/stats"))?;
    let cookies = browser.cookies()?;
    assert_declared(&cookies, &[Category::Statistics], "statistics with GPC");
    assert!(!names(&cookies).contains(&"_fbp"), "{cookies:?}");
    assert!(names(&cookies).contains(&SiteCookies::MATOMO_ID.name()));

    // An explicit yes to everything counts, GPC or not.
    browser.goto(&site.url("/cookies/preferences"))?;
    browser.click_button("Tout accepter")?;
    assert_eq!(tags_in_page(&browser)?, ["matomo", "meta_pixel"]);
    assert!(consent_mode(&browser)?.iter().any(|s| s == "ad_storage"));
    assert!(names(&browser.cookies()?).contains(&"_fbp"));

    let records = site.records();
    let gpc: Vec<&serde_json::Value> = records
        .iter()
        .map(|r| &r["global_privacy_control"])
        .collect();
    assert_eq!(gpc, [&serde_json::json!(true), &serde_json::json!(true)]);
    assert_eq!(
        records[1]["granted"],
        serde_json::json!(["preferences", "statistics", "marketing"])
    );
    Ok(())
}

/// One HTTP/1.1 request to the example, over a fresh connection: the
/// status and the `Set-Cookie` lines of the answer.
fn http(site: &Site, request: &str) -> (u16, Vec<String>) {
    use std::io::{Read as _, Write as _};
    let address = site.base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("read");
    let answer = String::from_utf8_lossy(&answer);
    let head = answer.split("\r\n\r\n").next().unwrap_or("");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let set_cookies = head
        .lines()
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("set-cookie")
                .then(|| value.trim().to_owned())
        })
        .collect();
    (status, set_cookies)
}

/// The example cannot write its proofs (no file of its may grow, as on a
/// full disk): a withdrawal still goes out, the consent cookie and every
/// removal (GDPR 7(3): withdrawing is always possible). No browser needed.
#[test]
fn a_withdrawal_is_sent_even_when_the_proof_cannot_be_kept() {
    let unwritable =
        std::env::temp_dir().join(format!("cookie-decl-unwritable-{}", std::process::id()));
    let site = Site::start_with_proofs(unwritable.clone(), "trap '' XFSZ; ulimit -f 0;");
    let token = "0123456789abcdef0123456789abcdef";
    let body = format!("csrf_token={token}&consent=none");
    let request = format!(
        "POST /cookies/consent HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\
         Sec-Fetch-Site: same-origin\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {length}\r\n\
         Cookie: __Host-csrf={token}; visits=3; _ga_K2X9=GS1.1\r\n\r\n{body}",
        host = site.base.trim_start_matches("http://"),
        length = body.len(),
    );
    let (status, set_cookies) = http(&site, &request);
    assert_eq!(status, 303, "{set_cookies:?}");
    assert!(
        set_cookies[0].starts_with("cookies_preferences=1.0."),
        "{set_cookies:?}"
    );
    for removal in [
        SiteCookies::VISITS.removal().to_string(),
        "_ga_K2X9=; Secure; Path=/; Domain=data.example.fr; Max-Age=0".to_owned(),
    ] {
        assert!(
            set_cookies.contains(&removal),
            "{removal} in {set_cookies:?}"
        );
    }
    assert!(site.records().is_empty(), "no proof could be written");
}

/// With `$DATABASE_URL` set, the example keeps its proofs in PostgreSQL (a
/// real server: `COOKIE_DECL_TEST_DATABASE_URL`, which `.ci/run` starts),
/// and its preferences page shows the visitor the proof read back from
/// there. No browser needed.
#[cfg(feature = "postgres")]
#[test]
fn the_example_keeps_its_proofs_in_postgresql_when_database_url_is_set() {
    use cookie_decl::consent::RecordId;
    use cookie_decl::consent::proof::{PgStore, ProofStore};

    let Some(url) = std::env::var("COOKIE_DECL_TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty())
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run this test: set COOKIE_DECL_TEST_DATABASE_URL (`.ci/run` does)"
        );
        eprintln!(
            "skipped: COOKIE_DECL_TEST_DATABASE_URL is not set (a PostgreSQL server to test on)"
        );
        return;
    };
    let unused =
        std::env::temp_dir().join(format!("cookie-decl-pg-journey-{}", std::process::id()));
    let site = Site::start_with_proofs(
        unused,
        "export DATABASE_URL=\"$COOKIE_DECL_TEST_DATABASE_URL\";",
    );
    let token = "0123456789abcdef0123456789abcdef";
    let body = format!("csrf_token={token}&consent=all");
    let host = site.base.trim_start_matches("http://").to_owned();
    let request = format!(
        "POST /cookies/consent HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\
         Sec-Fetch-Site: same-origin\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {length}\r\n\
         Cookie: __Host-csrf={token}\r\n\r\n{body}",
        length = body.len(),
    );
    let (status, set_cookies) = http(&site, &request);
    assert_eq!(status, 303, "{set_cookies:?}");
    let consent = set_cookies[0]
        .split(';')
        .next()
        .expect("the consent cookie")
        .to_owned();
    let id: RecordId = consent
        .split('.')
        .nth(3)
        .expect("the record id in the consent cookie")
        .parse()
        .expect("a record id");

    // In the database, as acknowledged.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let record = runtime.block_on(async {
        let store = PgStore::connect(&url).await.expect("the test database");
        store.find(id).await.expect("a lookup")
    });
    let record = record.expect("the example's proof, in PostgreSQL");
    assert_eq!(
        record.granted().to_string(),
        "preferences, statistics, marketing"
    );

    // Read back from there on the preferences page.
    let request = format!(
        "GET /cookies/preferences HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\
         Cookie: __Host-csrf={token}; {consent}\r\n\r\n"
    );
    let page = http_body(&site, &request);
    assert!(
        page.contains("La preuve que nous conservons de ce choix"),
        "{page}"
    );
    assert!(page.contains(&id.to_string()), "{page}");
}

/// The body of the answer to one HTTP/1.1 request.
#[cfg(feature = "postgres")]
fn http_body(site: &Site, request: &str) -> String {
    use std::io::{Read as _, Write as _};
    let mut stream =
        std::net::TcpStream::connect(site.base.trim_start_matches("http://")).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("read");
    let answer = String::from_utf8_lossy(&answer).into_owned();
    answer
        .split_once("\r\n\r\n")
        .map_or(answer.clone(), |(_, body)| body.to_owned())
}

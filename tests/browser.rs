//! In a real browser (Debian's headless Chromium): `.cookie()` sets the
//! cookie and `.removal()` deletes it, for a `__Host-` cookie with
//! `SameSite=Strict`, a cookie on `Path=/app`, and a hostile value that must
//! not smuggle in a `Domain`.
//!
//! An axum server runs in-process on `127.0.0.1:0`. Chromium (driven by
//! `cookie_decl_scan::browser`, the client of the cookie scan) loads its
//! page, whose script fetches the set, echo and remove endpoints in
//! sequence and writes what the server saw (the raw `Cookie` header it
//! echoes) into the page; the test reads that log and asserts on it.
//!
//! Two controls show that the test can fail: a raw `Set-Cookie` carrying
//! the hostile value unencoded is dropped by the browser (its `Domain` does
//! not match the host), and naive removals without the declared `Secure`
//! and `Path` leave the cookies in place.
//!
//! Without `chromium` and `chromedriver` the test is skipped with a
//! message, unless `$CI` is set: then it fails.

// Process groups keep Chromium's helpers from outliving the test; Debian,
// where the test runs, is Unix.
#![cfg(unix)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::Router;
use axum::http::HeaderMap;
use axum::http::header::{CACHE_CONTROL, COOKIE, SET_COOKIE};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use cookie_decl::declare_cookies;
use cookie_decl_scan::browser::Browser;

declare_cookies! {
    /// The cookies the browser test sets and removes.
    struct BrowserCookies {
        site: "https://example.test",
    }

    necessary {
        /// Prefixed: the browser refuses it unless `Secure`, host-only and on
        /// `Path=/`, and refuses its removal unless `Secure` too.
        "__Host-sid" as HOST_SID {
            provider: "Test",
            service: "Session",
            purpose: "Keep the visitor signed in.",
            same_site: Strict,
        }
        /// Scoped to `/app`: only a removal with `Path=/app` deletes it.
        app_pref {
            provider: "Test",
            service: "Application",
            purpose: "Remember a choice inside the application.",
            path: "/app",
            max_age: 1 hour,
        }
        /// Carries the hostile value.
        note {
            provider: "Test",
            service: "Notes",
            purpose: "Carry a value that looks like attributes.",
            max_age: 1 hour,
        }
    }
}

const SID: &str = "s3cr3t";
const APP_VALUE: &str = "dark, é";
const HOSTILE: &str = "x; Domain=evil.example";

/// The longest the page's script may take before the test fails.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(30);

/// What the page's script does, in order: a label, then the URL it fetches.
/// `echo` answers with the raw `Cookie` header the request carried.
const STEPS: [(&str, &str); 9] = [
    ("set", "/set"),
    ("after-set", "/echo"),
    ("after-set-app", "/app/echo"),
    ("naive-remove", "/naive-remove"),
    ("after-naive", "/echo"),
    ("after-naive-app", "/app/echo"),
    ("remove", "/remove"),
    ("after-remove", "/echo"),
    ("after-remove-app", "/app/echo"),
];

#[test]
fn browser_stores_and_deletes_declared_cookies() {
    let Some(browser) = Browser::start_or_skip("browser test") else {
        return;
    };

    let addr = start_server();
    let started = Instant::now();
    let log = run_page(&browser, &format!("http://{addr}/"));
    eprintln!(
        "browser test: the page ran in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    let seen = parse_log(&log);
    for (label, _) in STEPS {
        eprintln!("  {label:<17} {:?}", seen.get(label));
    }
    let header = |label: &str| -> &str {
        match seen.get(label) {
            Some((status, body)) if status == "200" => body,
            other => panic!("step `{label}` did not answer 200: {other:?}\nlog:\n{log}"),
        }
    };

    // Set: the cookies on `/` reach `/echo`; the `/app` one only `/app/...`.
    let root = header("after-set");
    assert_eq!(
        BrowserCookies::HOST_SID.read_header(root),
        Ok(Some(SID.into()))
    );
    // The hostile value arrived encoded, was stored under this host (a
    // cookie with `Domain=evil.example` would have been rejected, as the
    // control shows) and decodes to the exact string.
    assert!(root.contains("note=x%3B%20Domain=evil.example"), "{root:?}");
    assert_eq!(
        BrowserCookies::NOTE.read_header(root),
        Ok(Some(HOSTILE.into()))
    );
    assert_eq!(BrowserCookies::APP_PREF.read_header(root), Ok(None));
    assert!(
        !root.contains("control="),
        "the browser kept a cookie whose raw value added `Domain=evil.example`: {root:?}"
    );

    let app = header("after-set-app");
    assert_eq!(
        BrowserCookies::APP_PREF.read_header(app),
        Ok(Some(APP_VALUE.into()))
    );
    assert_eq!(
        BrowserCookies::HOST_SID.read_header(app),
        Ok(Some(SID.into()))
    );
    assert_eq!(
        BrowserCookies::NOTE.read_header(app),
        Ok(Some(HOSTILE.into()))
    );

    // Controls: a removal without `Secure` (refused for `__Host-`) or
    // without `Path=/app` (it targets another cookie) deletes nothing.
    let root = header("after-naive");
    assert_eq!(
        BrowserCookies::HOST_SID.read_header(root),
        Ok(Some(SID.into()))
    );
    let app = header("after-naive-app");
    assert_eq!(
        BrowserCookies::APP_PREF.read_header(app),
        Ok(Some(APP_VALUE.into()))
    );

    // `.removal()` deletes all three: the browser sends no cookie at all.
    assert_eq!(header("after-remove"), "", "cookies left on `/`");
    assert_eq!(header("after-remove-app"), "", "cookies left on `/app`");
}

/// The server the browser talks to, on a tokio runtime of its own thread.
/// The thread dies with the test process.
fn start_server() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener
        .set_nonblocking(true)
        .expect("non-blocking listener");
    let addr = listener.local_addr().expect("local address");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
            .expect("tokio runtime");
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            axum::serve(listener, app()).await.expect("server");
        });
    });
    addr
}

fn app() -> Router {
    Router::new()
        .route("/", get(page))
        .route("/set", get(set))
        .route("/naive-remove", get(naive_remove))
        .route("/remove", get(remove))
        .route("/echo", get(echo))
        .route("/app/echo", get(echo))
}

/// The page: fetches every step in order and logs `label<TAB>status<TAB>body`.
async fn page() -> Html<String> {
    let steps: Vec<String> = STEPS
        .iter()
        .map(|(label, url)| format!("[\"{label}\", \"{url}\"]"))
        .collect();
    Html(format!(
        r#"<!doctype html>
<html><head><meta charset="utf-8"><title>cookie-decl browser test</title></head>
<body><pre id="log"></pre>
<script>
(async () => {{
  const log = document.getElementById("log");
  for (const [label, url] of [{steps}]) {{
    try {{
      const response = await fetch(url, {{ cache: "no-store" }});
      log.textContent += label + "\t" + response.status + "\t" + (await response.text()) + "\n";
    }} catch (error) {{
      log.textContent += label + "\terror\t" + error + "\n";
    }}
  }}
  log.textContent += "done\n";
}})();
</script></body></html>
"#,
        steps = steps.join(", ")
    ))
}

async fn set() -> Response {
    with_cookies([
        BrowserCookies::HOST_SID.cookie(SID).to_string(),
        BrowserCookies::APP_PREF.cookie(APP_VALUE).to_string(),
        BrowserCookies::NOTE.cookie(HOSTILE).to_string(),
        // Control: the hostile value written raw, as a naive builder would.
        format!("control={HOSTILE}; Path=/; Max-Age=3600"),
    ])
}

/// Controls: removals that forget a declared attribute.
async fn naive_remove() -> Response {
    with_cookies([
        "__Host-sid=; Path=/; Max-Age=0".to_owned(),
        "app_pref=; Secure; Max-Age=0".to_owned(),
    ])
}

async fn remove() -> Response {
    with_cookies([
        BrowserCookies::HOST_SID.removal().to_string(),
        BrowserCookies::APP_PREF.removal().to_string(),
        BrowserCookies::NOTE.removal().to_string(),
    ])
}

/// The raw `Cookie` header the request carried, or nothing.
async fn echo(headers: HeaderMap) -> impl IntoResponse {
    let cookie = headers
        .get(COOKIE)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
        .unwrap_or_default();
    ([(CACHE_CONTROL, "no-store")], cookie)
}

fn with_cookies<const N: usize>(lines: [String; N]) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(CACHE_CONTROL, "no-store".parse().expect("header value"));
    for line in lines {
        headers.append(SET_COOKIE, line.parse().expect("Set-Cookie value"));
    }
    (headers, "ok").into_response()
}

/// Loads `url` and returns the page's log once its script has written
/// `done`, within [`BROWSER_TIMEOUT`].
fn run_page(browser: &Browser, url: &str) -> String {
    browser.goto(url).expect("the page loads");
    let deadline = Instant::now() + BROWSER_TIMEOUT;
    loop {
        let log = browser
            .script("return document.getElementById('log').textContent")
            .expect("the page's log")
            .as_str()
            .unwrap_or_default()
            .to_owned();
        if log.lines().any(|line| line == "done") {
            return log;
        }
        assert!(
            Instant::now() < deadline,
            "the page's script did not finish within {BROWSER_TIMEOUT:?}:\n{log}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `label -> (status, body)` from the page's log.
fn parse_log(log: &str) -> HashMap<String, (String, String)> {
    log.lines()
        .filter_map(|line| {
            let mut fields = line.splitn(3, '\t');
            let label = fields.next()?.to_owned();
            let status = fields.next()?.to_owned();
            let body = fields.next().unwrap_or_default().to_owned();
            Some((label, (status, body)))
        })
        .collect()
}

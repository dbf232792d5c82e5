//! A static site whose consent manager is CookieConsent v3
//! (`vanilla-cookieconsent` 3.1.0, installed from npm into `target/npm` by
//! `.ci/run`), with a stand-in tracker on a second local origin, for
//! `scan_consent_manager.rs`. Two twins, served side by side by one tiny
//! HTTP server on `127.0.0.1`:
//!
//! - `/clean/`: CookieConsent in its documented default setup
//!   (`hideFromBots` on, `manageScriptTags` on, categories `necessary` and
//!   `analytics`), the tracker's script gated by `analytics`
//!   (`type="text/plain" data-category="analytics"`), its first-party
//!   cookie cleared by CookieConsent's `autoClear` on a withdrawal, and its
//!   own cookie (on its own host, which the site's scripts cannot reach)
//!   cleared by a request to its opt-out URL from `onChange`; a button
//!   `data-cc="show-preferencesModal"` reopens the preferences, as the
//!   documentation asks of every site;
//! - `/broken/`: the same with three faults: a tracker's beacon loaded on
//!   every page, whatever the visitor chose; a cookie nobody declared
//!   (`ab_test`); and an `autoClear` that forgets the tracker's
//!   first-party cookie, so that it stays after a withdrawal.
//!
//! The tracker, on `localhost:<port>` (another host than `127.0.0.1`, so
//! another site for the browser): `tracker.js` sets `_tk_id` on the page's
//! host and asks for `hit.gif`, which sets the third-party `tk_uid`;
//! `optout` removes `tk_uid`; `collect.gif` is the broken twin's beacon.
//! Every request it receives is noted, for the tests to see that the
//! opt-out was asked for.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The version of `vanilla-cookieconsent` the site is built on.
pub const VERSION: &str = "3.1.0";

/// How `.ci/run` installs the libraries the tests serve, all at once (an
/// install without a `package.json` removes what an earlier one put
/// there).
pub const NPM_INSTALL: &str = "npm install --prefix target/npm --no-save --no-audit --no-fund \
                               --ignore-scripts vanilla-cookieconsent@3.1.0 tarteaucitronjs@1.34.0 \
                               klaro@0.7.22";

/// Where `.ci/run` installs the package.
pub fn package_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/npm/node_modules/vanilla-cookieconsent")
}

/// The package's `dist/` when the pinned version is installed; `Err` says
/// what is missing.
pub fn installed() -> Result<PathBuf, String> {
    let dir = package_dir();
    let manifest = std::fs::read_to_string(dir.join("package.json")).map_err(|err| {
        format!(
            "{}: {err}; install the libraries as .ci/run does: `{NPM_INSTALL}`",
            dir.display()
        )
    })?;
    let manifest: serde_json::Value =
        serde_json::from_str(&manifest).map_err(|err| format!("package.json: {err}"))?;
    if manifest["version"] != VERSION {
        return Err(format!(
            "{} is version {}, not {VERSION}",
            dir.display(),
            manifest["version"]
        ));
    }
    Ok(dir.join("dist"))
}

/// The declaration of the site, as its owner writes it by hand: the
/// consent manager's own cookie, and the tracker's two, with the tracker's
/// opt-out URL unless the command is to give it (`--opt-out`).
pub fn declaration(tracker: &str, with_opt_out: bool) -> String {
    let opt_out = if with_opt_out {
        format!("\n  \"opt_out\": \"{tracker}/optout\",")
    } else {
        String::new()
    };
    format!(
        r#"{{
  "site": "https://shop.example.fr",
  "consent_cookie": "cc_cookie",{opt_out}
  "cookies": [
    {{ "name": "cc_cookie", "category": "necessary", "external": true, "max_age": 15724800,
       "provider": "Shop", "service": "CookieConsent", "purpose": "Keep the visitor's choice." }},
    {{ "name": "_tk_id", "category": "statistics", "external": true, "max_age": 31536000,
       "provider": "Tracker", "service": "Audience", "purpose": "Tell visitors apart." }},
    {{ "name": "tk_uid", "category": "statistics", "external": true, "max_age": 31536000,
       "domain": "localhost",
       "provider": "Tracker", "service": "Audience", "purpose": "Tell browsers apart." }}
  ]
}}"#
    )
}

/// The two servers, running until dropped (their threads are detached;
/// the listeners die with the test process).
pub struct Site {
    /// `http://127.0.0.1:<port>`: the twins are under `/clean` and
    /// `/broken`.
    pub origin: String,
    /// `http://localhost:<port>`: the tracker.
    pub tracker: String,
    hits: Arc<Mutex<Vec<String>>>,
}

impl Site {
    /// Starts the site, serving CookieConsent from `dist`.
    pub fn start(dist: &Path) -> Site {
        let tracker_listener = TcpListener::bind("127.0.0.1:0").expect("a port for the tracker");
        let tracker = format!(
            "http://localhost:{}",
            tracker_listener.local_addr().expect("address").port()
        );
        let hits = Arc::new(Mutex::new(Vec::new()));
        let tracker_hits = Arc::clone(&hits);
        let tracker_origin = tracker.clone();
        serve(tracker_listener, move |path| {
            tracker_hits.lock().expect("hits").push(path.to_owned());
            tracker_response(&tracker_origin, path)
        });

        let site_listener = TcpListener::bind("127.0.0.1:0").expect("a port for the site");
        let origin = format!(
            "http://127.0.0.1:{}",
            site_listener.local_addr().expect("address").port()
        );
        let script =
            std::fs::read(dist.join("cookieconsent.umd.js")).expect("cookieconsent.umd.js");
        let style = std::fs::read(dist.join("cookieconsent.css")).expect("cookieconsent.css");
        let tracker_origin = tracker.clone();
        serve(site_listener, move |path| {
            site_response(&tracker_origin, path, &script, &style)
        });
        Site {
            origin,
            tracker,
            hits,
        }
    }

    /// The paths the tracker was asked for, in order.
    pub fn tracker_hits(&self) -> Vec<String> {
        self.hits.lock().expect("hits").clone()
    }
}

/// A response: status, headers, body.
pub type Response = (&'static str, Vec<(&'static str, String)>, Vec<u8>);

/// Serves each connection of `listener` on a thread of its own, one
/// request per connection.
pub fn serve<F>(listener: TcpListener, handle: F)
where
    F: Fn(&str) -> Response + Send + Sync + 'static,
{
    let handle = Arc::new(handle);
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let handle = Arc::clone(&handle);
            std::thread::spawn(move || answer(stream, &*handle));
        }
    });
}

fn answer(mut stream: TcpStream, handle: &dyn Fn(&str) -> Response) {
    let Ok(clone) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(clone);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // The headers, up to the blank line; the site needs none of them.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let (status, headers, body) = handle(path);
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\nCache-Control: no-store\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// A 1x1 transparent GIF.
const GIF: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff\x21\xf9\x04\x01\x00\x00\x00\x00\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00\x3b";

fn tracker_response(tracker: &str, path: &str) -> Response {
    let gif = |cookie: Option<String>| -> Response {
        let mut headers = vec![("Content-Type", "image/gif".to_owned())];
        headers.extend(cookie.map(|line| ("Set-Cookie", line)));
        ("200 OK", headers, GIF.to_vec())
    };
    match path.split('?').next().unwrap_or("") {
        "/tracker.js" => (
            "200 OK",
            vec![("Content-Type", "text/javascript".to_owned())],
            format!(
                "if (!document.cookie.split('; ').some(c => c.startsWith('_tk_id='))) {{\n\
                 document.cookie = '_tk_id=' + Math.random().toString(16).slice(2) + \
                 '; path=/; max-age=31536000; samesite=lax';\n}}\n\
                 new Image().src = '{tracker}/hit.gif?page=' + encodeURIComponent(location.pathname);\n"
            )
            .into_bytes(),
        ),
        // The tracker's own cookie, on its host: third-party on the site.
        "/hit.gif" => gif(Some(
            "tk_uid=7f3a9c; Max-Age=31536000; Path=/; SameSite=None; Secure".to_owned(),
        )),
        "/optout" => gif(Some(
            "tk_uid=; Max-Age=0; Path=/; SameSite=None; Secure".to_owned(),
        )),
        "/collect.gif" => gif(None),
        _ => ("404 Not Found", Vec::new(), Vec::new()),
    }
}

fn site_response(tracker: &str, path: &str, script: &[u8], style: &[u8]) -> Response {
    let typed = |kind: &str, body: Vec<u8>| -> Response {
        ("200 OK", vec![("Content-Type", kind.to_owned())], body)
    };
    let path = path.split('?').next().unwrap_or("");
    match path {
        "/cookieconsent.umd.js" => typed("text/javascript", script.to_vec()),
        "/cookieconsent.css" => typed("text/css", style.to_vec()),
        _ => {
            let Some((twin, page)) = path.strip_prefix('/').and_then(|rest| rest.split_once('/'))
            else {
                return ("404 Not Found", Vec::new(), Vec::new());
            };
            let broken = match twin {
                "clean" => false,
                "broken" => true,
                _ => return ("404 Not Found", Vec::new(), Vec::new()),
            };
            match page {
                "" | "about" => typed(
                    "text/html; charset=utf-8",
                    page_html(tracker, broken, page).into_bytes(),
                ),
                "config.js" => typed("text/javascript", config_js(tracker, broken).into_bytes()),
                _ => ("404 Not Found", Vec::new(), Vec::new()),
            }
        }
    }
}

/// A page of the site: the tracker's script left for CookieConsent to run
/// once `analytics` is accepted, the button that reopens the preferences;
/// in the broken twin, the beacon loaded whatever the choice.
fn page_html(tracker: &str, broken: bool, page: &str) -> String {
    let beacon = if broken {
        // Fault: a tracker loaded before (and without) consent.
        format!("<img src=\"{tracker}/collect.gif\" alt=\"\" width=\"1\" height=\"1\">")
    } else {
        String::new()
    };
    let title = if page.is_empty() {
        "Shop"
    } else {
        "About the shop"
    };
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n<link rel=\"stylesheet\" href=\"/cookieconsent.css\">\n</head>\n\
         <body>\n<h1>{title}</h1>\n<nav><a href=\"./\">Home</a> <a href=\"about\">About</a></nav>\n\
         <footer><button type=\"button\" data-cc=\"show-preferencesModal\">Cookie preferences</button></footer>\n\
         {beacon}\n\
         <script type=\"text/plain\" data-category=\"analytics\" src=\"{tracker}/tracker.js\"></script>\n\
         <script src=\"/cookieconsent.umd.js\"></script>\n<script src=\"config.js\"></script>\n\
         </body>\n</html>\n"
    )
}

/// `CookieConsent.run` with the documented defaults, the two categories
/// and their texts; the opt-out request when `analytics` is withdrawn. In
/// the broken twin, `autoClear` lists no cookie (so `_tk_id` stays), and a
/// script sets `ab_test`.
fn config_js(tracker: &str, broken: bool) -> String {
    let (auto_clear, extra) = if broken {
        (
            // Fault: the tracker's first-party cookie is not cleared.
            "autoClear: { cookies: [] }",
            // Fault: a cookie nobody declared.
            "document.cookie = 'ab_test=B; path=/; max-age=3600; samesite=lax';\n",
        )
    } else {
        ("autoClear: { cookies: [{ name: /^_tk_/ }] }", "")
    };
    format!(
        "{extra}CookieConsent.run({{\n\
         categories: {{\n\
           necessary: {{ enabled: true, readOnly: true }},\n\
           analytics: {{ {auto_clear} }}\n\
         }},\n\
         onChange: ({{ changedCategories }}) => {{\n\
           if (changedCategories.includes('analytics') && !CookieConsent.acceptedCategory('analytics')) {{\n\
             // The tracker's cookie is on its host: only the tracker can remove it.\n\
             new Image().src = '{tracker}/optout';\n\
           }}\n\
         }},\n\
         language: {{\n\
           default: 'en',\n\
           translations: {{\n\
             en: {{\n\
               consentModal: {{\n\
                 title: 'We use cookies',\n\
                 description: 'Audience measurement, with your consent.',\n\
                 acceptAllBtn: 'Accept all',\n\
                 acceptNecessaryBtn: 'Reject all',\n\
                 showPreferencesBtn: 'Manage preferences'\n\
               }},\n\
               preferencesModal: {{\n\
                 title: 'Cookie preferences',\n\
                 acceptAllBtn: 'Accept all',\n\
                 acceptNecessaryBtn: 'Reject all',\n\
                 savePreferencesBtn: 'Save preferences',\n\
                 closeIconLabel: 'Close',\n\
                 sections: [\n\
                   {{ title: 'Strictly necessary', description: 'The site needs them.', linkedCategory: 'necessary' }},\n\
                   {{ title: 'Audience measurement', description: 'Counts visits.', linkedCategory: 'analytics' }}\n\
                 ]\n\
               }}\n\
             }}\n\
           }}\n\
         }}\n\
         }});\n"
    )
}

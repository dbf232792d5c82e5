//! Debian's headless Chromium, driven through Debian's ChromeDriver: what
//! the scan needs, and what the project's own browser tests use.
//!
//! WebDriver over HTTP/1.1 on `std::net::TcpStream`, JSON by
//! `serde_json`, no other dependency. The DevTools protocol commands the
//! scan needs go through ChromeDriver's `goog/cdp/execute` (no WebSocket
//! client): `Storage.getCookies` reads the whole cookie store, every
//! domain and path, `HttpOnly` included (WebDriver's own `GET /cookie`
//! misses cookies whose `Path` is not the current page's and those of
//! other domains). The requests a page makes come from ChromeDriver's
//! performance log, which carries the DevTools `Network` events.
//!
//! ChromeDriver and Chromium run in their own process group, killed when
//! the [`Browser`] is dropped, even if the caller panics. Each
//! [`Browser::fresh_profile`] starts a new session on an empty profile:
//! no cookie, no cache, no storage.
//!
//! ```no_run
//! use cookie_decl_scan::browser::Browser;
//!
//! # fn main() -> Result<(), cookie_decl_scan::Error> {
//! let mut browser = Browser::start()?;
//! browser.goto("http://127.0.0.1:3000/")?;
//! browser.click_button("Tout refuser")?;
//! for cookie in browser.cookies()? {
//!     println!("{} on {}{}", cookie.name, cookie.domain, cookie.path);
//! }
//! # Ok(())
//! # }
//! ```

use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::Error;

/// How long one WebDriver command may take.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a page may take to load after a click.
const NAVIGATION_TIMEOUT: Duration = Duration::from_secs(20);
/// How long an in-place step waits for its element or condition unless
/// told otherwise.
pub const STEP_TIMEOUT: Duration = Duration::from_secs(10);
/// The WebDriver key code of Tab.
const TAB: &str = "\u{e004}";
/// The key WebDriver gives an element under, in JSON.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The flags that keep a page from telling an automated Chromium from a
/// visitor's: `navigator.webdriver` stays `false`. (With them, ChromeDriver
/// is also told to drop its `--enable-automation` switch, which shows an
/// infobar and sets the same flag, and the user agent loses its
/// `HeadlessChrome`: see [`BrowserOptions::hide_automation`].)
pub const HIDE_AUTOMATION_FLAGS: [&str; 1] = ["--disable-blink-features=AutomationControlled"];

/// The flags every headless Chromium runs with: no sandbox (tests and CI
/// run as root), no GPU, and none of the background connections a machine
/// without the internet refuses, so that every request the scan sees is
/// the page's.
pub const CHROMIUM_FLAGS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
];

/// `$ENV`, or `name` on the `PATH`.
pub fn find_program(env: &str, name: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env) {
        return Some(PathBuf::from(path));
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// Kills what is left of the process group `pgid` (Chromium's zygote and
/// renderers, ChromeDriver's browser).
pub fn kill_group(pgid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pgid}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// A free port on the loopback interface.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free port on 127.0.0.1")
}

/// A fresh directory under the system's temporary directory, removed on
/// drop.
#[derive(Debug)]
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// Creates `cookie-decl-<purpose>-<pid>-<nanos>` in the temporary
    /// directory.
    pub fn new(purpose: &str) -> std::io::Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_nanos());
        let path = std::env::temp_dir().join(format!(
            "cookie-decl-{purpose}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path)?;
        Ok(TempDir(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One cookie of the browser's store, as the DevTools protocol gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct BrowserCookie {
    /// Its name.
    pub name: String,
    /// Its value.
    pub value: String,
    /// The host it belongs to, with a leading `.` when it was set with a
    /// `Domain` attribute.
    pub domain: String,
    /// Its `Path`.
    pub path: String,
    /// When it expires, in seconds since the Unix epoch; `None` for a
    /// session cookie.
    pub expires: Option<f64>,
    /// `HttpOnly`.
    pub http_only: bool,
    /// `Secure`.
    pub secure: bool,
    /// `Strict`, `Lax`, `None`, or empty when it was set without one.
    pub same_site: String,
    /// Whether it is partitioned (CHIPS).
    pub partitioned: bool,
}

impl BrowserCookie {
    /// The host it belongs to, without the leading `.` of a `Domain`
    /// cookie.
    pub fn host(&self) -> &str {
        self.domain.trim_start_matches('.')
    }

    /// Whether it was set with a `Domain` attribute (it then reaches the
    /// subdomains of [`host`](BrowserCookie::host) too).
    pub fn has_domain(&self) -> bool {
        self.domain.starts_with('.')
    }
}

/// One request a page made, from the DevTools `Network.requestWillBeSent`
/// event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The URL requested.
    pub url: String,
    /// What asked for it: `Document`, `Script`, `Image`, `Fetch`, `Ping`...
    pub kind: String,
    /// The URL of the document that made it.
    pub document: String,
}

/// How the browser presents itself to the pages.
///
/// ```
/// use cookie_decl_scan::browser::BrowserOptions;
///
/// let options = BrowserOptions::default();
/// assert!(options.hides_automation());
/// let shown = options.hide_automation(false);
/// assert!(!shown.hides_automation());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrowserOptions {
    hide_automation: bool,
}

impl Default for BrowserOptions {
    fn default() -> BrowserOptions {
        BrowserOptions {
            hide_automation: true,
        }
    }
}

impl BrowserOptions {
    /// Whether pages may tell the browser is automated (`true`, the
    /// default, hides it).
    ///
    /// Consent managers hide their banner from robots: CookieConsent v3
    /// does so by default (`hideFromBots: true`) for any browser whose
    /// `navigator.webdriver` is true or whose user agent says `bot`,
    /// `crawl` or `spider`, and a scan that shows itself as automated sees
    /// a site without a banner, which is not what a visitor sees. Hidden:
    /// Chromium runs with [`HIDE_AUTOMATION_FLAGS`], without ChromeDriver's
    /// `enable-automation` switch (and its infobar), and with the user
    /// agent of the desktop Chromium of the same version
    /// (`Mozilla/5.0 (X11; Linux x86_64) ... Chrome/156.0.0.0 Safari/537.36`,
    /// no `HeadlessChrome`).
    #[must_use]
    pub fn hide_automation(mut self, hide: bool) -> BrowserOptions {
        self.hide_automation = hide;
        self
    }

    /// Whether automation is hidden.
    pub fn hides_automation(&self) -> bool {
        self.hide_automation
    }
}

/// Something a step waits for, in the page or the browser, instead of a
/// navigation: consent managers answer a click in place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Condition {
    /// An element that the CSS selector matches is shown.
    Shown(String),
    /// No element that the CSS selector matches is shown (none is there,
    /// or every one is hidden).
    Hidden(String),
    /// A cookie of this name is in the store (any host, any path).
    Cookie(String),
    /// No cookie of this name is in the store.
    NoCookie(String),
    /// The page has made no new request for this long.
    NetworkIdle(Duration),
}

impl core::fmt::Display for Condition {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Condition::Shown(css) => write!(f, "an element `{css}` shown"),
            Condition::Hidden(css) => write!(f, "no element `{css}` shown"),
            Condition::Cookie(name) => write!(f, "cookie `{name}` set"),
            Condition::NoCookie(name) => write!(f, "cookie `{name}` gone"),
            Condition::NetworkIdle(quiet) => {
                write!(f, "no request for {} ms", quiet.as_millis())
            }
        }
    }
}

/// A headless Chromium driven through ChromeDriver.
pub struct Browser {
    port: u16,
    session: String,
    chromium: PathBuf,
    options: BrowserOptions,
    /// The user agent that hides automation, when it is hidden.
    user_agent: Option<String>,
    driver: Child,
    dir: TempDir,
    profiles: u32,
    /// Requests read from the performance log and not yet taken.
    requests: Vec<Request>,
    /// The URL of each request, by its DevTools id, to know which host a
    /// response's `Set-Cookie` came from.
    request_urls: HashMap<String, String>,
    /// `(host, cookie name)` of every `Set-Cookie` a response carried,
    /// since the browser started (every profile).
    set_by_responses: BTreeSet<(String, String)>,
}

impl Browser {
    /// Starts ChromeDriver and a Chromium on a fresh profile, automation
    /// hidden ([`BrowserOptions::hide_automation`]). The programs are
    /// `$CHROMIUM` and `$CHROMEDRIVER`, or `chromium` and `chromedriver` on
    /// the `PATH` (Debian's packages `chromium` and `chromium-driver`);
    /// [`Error::BrowserMissing`] when either is not there.
    pub fn start() -> Result<Browser, Error> {
        Browser::start_with(BrowserOptions::default())
    }

    /// [`Browser::start`] with `options`.
    pub fn start_with(options: BrowserOptions) -> Result<Browser, Error> {
        let chromium = find_program("CHROMIUM", "chromium");
        let driver = find_program("CHROMEDRIVER", "chromedriver");
        let (Some(chromium), Some(driver)) = (chromium, driver) else {
            return Err(Error::BrowserMissing);
        };
        let dir = TempDir::new("browser")?;
        std::fs::create_dir_all(dir.0.join("config"))?;
        let port = free_port();
        let mut command = Command::new(&driver);
        command
            .arg(format!("--port={port}"))
            .env("XDG_CONFIG_HOME", dir.0.join("config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let driver = command
            .spawn()
            .map_err(|err| Error::Driver(format!("cannot start {}: {err}", driver.display())))?;
        let user_agent = options
            .hide_automation
            .then(|| desktop_user_agent(&chromium))
            .flatten();
        let mut browser = Browser {
            port,
            session: String::new(),
            chromium,
            options,
            user_agent,
            driver,
            dir,
            profiles: 0,
            requests: Vec::new(),
            request_urls: HashMap::new(),
            set_by_responses: BTreeSet::new(),
        };
        browser.wait_ready()?;
        browser.fresh_profile()?;
        Ok(browser)
    }

    /// [`Browser::start`] for a test: `None`, with a message naming
    /// `purpose`, when Chromium or ChromeDriver is not installed, unless
    /// the environment variable `CI` is set: then it panics, since CI must
    /// run the test. Any other failure panics.
    pub fn start_or_skip(purpose: &str) -> Option<Browser> {
        match Browser::start() {
            Ok(browser) => Some(browser),
            Err(Error::BrowserMissing) => {
                skip(purpose);
                None
            }
            Err(err) => panic!("{purpose}: {err}"),
        }
    }

    /// Ends the current session and opens a new one on an empty profile:
    /// no cookie, no cache, no storage, as a first visit.
    pub fn fresh_profile(&mut self) -> Result<(), Error> {
        self.end_session();
        self.profiles += 1;
        let profile = self.dir.0.join(format!("profile-{}", self.profiles));
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|&f| f.to_owned()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let hide = self.options.hide_automation;
        if hide {
            args.extend(HIDE_AUTOMATION_FLAGS.iter().map(|&f| f.to_owned()));
            if let Some(agent) = &self.user_agent {
                args.push(format!("--user-agent={agent}"));
            }
        }
        let mut chrome_options = json!({
            "binary": self.chromium,
            "args": args,
            // Chromium blocks third-party cookies by default
            // in a new profile; a visitor's browser that
            // allows them would hold what an embed sets, and
            // that is what the scan must see.
            "prefs": { "profile.cookie_controls_mode": 0 },
            "perfLoggingPrefs": { "enableNetwork": true, "enablePage": false },
        });
        if hide {
            // ChromeDriver's own switch sets `navigator.webdriver` and
            // shows the "controlled by automated software" infobar.
            chrome_options["excludeSwitches"] = json!(["enable-automation"]);
        }
        let created = self.send(
            "POST",
            "/session",
            Some(&json!({
                "capabilities": {
                    "alwaysMatch": {
                        "browserName": "chrome",
                        "goog:loggingPrefs": { "performance": "ALL" },
                        "goog:chromeOptions": chrome_options,
                    },
                },
            })),
        )?;
        self.session = created["value"]["sessionId"]
            .as_str()
            .ok_or_else(|| Error::Driver(format!("no session in {created}")))?
            .to_owned();
        self.requests.clear();
        if hide && self.user_agent.is_none() {
            // The version could not be read before the start: the user
            // agent of this session, without its `Headless`.
            let agent = self.script("return navigator.userAgent")?;
            let agent = agent
                .as_str()
                .unwrap_or_default()
                .replace("HeadlessChrome", "Chrome");
            self.command(
                "POST",
                "/goog/cdp/execute",
                &json!({ "cmd": "Network.setUserAgentOverride", "params": { "userAgent": agent } }),
            )?;
        }
        Ok(())
    }

    /// The options the browser was started with.
    pub fn options(&self) -> &BrowserOptions {
        &self.options
    }

    fn wait_ready(&self) -> Result<(), Error> {
        let deadline = Instant::now() + COMMAND_TIMEOUT;
        while Instant::now() < deadline {
            let status = http(self.port, "GET", "/status", None);
            if status.is_ok_and(|status| status["value"]["ready"].as_bool() == Some(true)) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(Error::Driver(format!(
            "chromedriver did not become ready on port {}",
            self.port
        )))
    }

    /// A WebDriver command; the driver's message on error.
    fn send(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, Error> {
        let answer = http(self.port, method, path, body)
            .map_err(|err| Error::Driver(format!("{method} {path}: {err}")))?;
        if let Some(error) = answer["value"]["error"].as_str() {
            let message = answer["value"]["message"].as_str().unwrap_or("");
            let message = message.lines().next().unwrap_or("");
            return Err(Error::Driver(format!(
                "{method} {path}: {error}: {message}"
            )));
        }
        Ok(answer)
    }

    fn command(&self, method: &str, path: &str, body: &Value) -> Result<Value, Error> {
        let path = format!("/session/{}{path}", self.session);
        let body = (method == "POST").then_some(body);
        Ok(self.send(method, &path, body)?["value"].take())
    }

    /// Opens `url` and waits for it to load.
    pub fn goto(&self, url: &str) -> Result<(), Error> {
        self.command("POST", "/url", &json!({ "url": url }))?;
        self.wait_loaded()
    }

    /// The current URL.
    pub fn url(&self) -> Result<String, Error> {
        Ok(self
            .command("GET", "/url", &Value::Null)?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    /// Runs `script` (a function body: `return ...` gives its value) in
    /// the page.
    pub fn script(&self, script: &str) -> Result<Value, Error> {
        self.command(
            "POST",
            "/execute/sync",
            &json!({ "script": script, "args": [] }),
        )
    }

    /// Runs `script` with `args` (`arguments[0]`...) in the page.
    pub fn script_with(&self, script: &str, args: &[Value]) -> Result<Value, Error> {
        self.command(
            "POST",
            "/execute/sync",
            &json!({ "script": script, "args": args }),
        )
    }

    fn wait_loaded(&self) -> Result<(), Error> {
        let deadline = Instant::now() + NAVIGATION_TIMEOUT;
        while self.script("return document.readyState")? != json!("complete") {
            if Instant::now() > deadline {
                return Err(Error::Page("the page did not finish loading".to_owned()));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(())
    }

    /// The WebDriver ids of the elements that `xpath` selects.
    fn elements(&self, xpath: &str) -> Result<Vec<String>, Error> {
        let found = self.command(
            "POST",
            "/elements",
            &json!({ "using": "xpath", "value": xpath }),
        )?;
        Ok(found
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|element| element.as_object()?.values().next()?.as_str())
            .map(str::to_owned)
            .collect())
    }

    /// The visible text of every button of the page.
    pub fn buttons(&self) -> Result<Vec<String>, Error> {
        self.elements("//button")?
            .iter()
            .map(|id| self.text_of(id))
            .collect()
    }

    fn text_of(&self, element: &str) -> Result<String, Error> {
        Ok(self
            .command("GET", &format!("/element/{element}/text"), &Value::Null)?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    /// Clicks the one button whose visible text is `text`, as a visitor
    /// does, and waits for the page it leads to.
    pub fn click_button(&self, text: &str) -> Result<(), Error> {
        let xpath = format!("//button[normalize-space()={}]", xpath_literal(text));
        self.click_and_wait(&xpath, &format!("`{text}`"))
    }

    /// Clicks the one element that `xpath` selects (a submit button, a
    /// link) and waits for the page it leads to; `what` names it in
    /// errors.
    pub fn click_and_wait(&self, xpath: &str, what: &str) -> Result<(), Error> {
        let found = self.elements(xpath)?;
        let [button] = found.as_slice() else {
            return Err(Error::Page(format!(
                "{} elements are {what} on {}; the page's buttons: {:?}{}",
                found.len(),
                self.url()?,
                self.buttons()?,
                if found.is_empty() {
                    self.not_found_hints()
                } else {
                    String::new()
                }
            )));
        };
        self.click_navigating(button, what)
    }

    /// Clicks the first shown element that the CSS selector `css` matches
    /// (waiting at most `timeout` for one), and waits for the page it
    /// leads to: [`click`](Browser::click) for a link or a form's submit.
    pub fn click_and_load(&self, css: &str, timeout: Duration) -> Result<(), Error> {
        let element = self.wait_element(css, false, timeout)?;
        self.click_navigating(&element, &format!("`{css}`"))
    }

    fn click_navigating(&self, button: &str, what: &str) -> Result<(), Error> {
        // A marker on the old page: gone once the next one has loaded.
        self.script("window.__cookie_decl_old_page = true")?;
        self.click_element(button)?;
        let deadline = Instant::now() + NAVIGATION_TIMEOUT;
        while self.script(
            "return window.__cookie_decl_old_page === true || document.readyState !== 'complete'",
        )? == json!(true)
        {
            if Instant::now() > deadline {
                return Err(Error::Page(format!(
                    "clicking {what} led to no other page in {} s: a consent manager answers in \
                     place; click it without waiting for a page (`Browser::click`, a steps \
                     file's `click` without `navigates`), then wait for its answer",
                    NAVIGATION_TIMEOUT.as_secs()
                )));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(())
    }

    /// Ticks or unticks the checkbox labelled `label`.
    pub fn set_checkbox(&self, label: &str, checked: bool) -> Result<(), Error> {
        let literal = xpath_literal(label);
        self.set_checkbox_at(
            &format!("//input[@type='checkbox'][@id=//label[normalize-space()={literal}]/@for]"),
            checked,
            &format!("checkbox labelled `{label}`"),
        )
    }

    /// Ticks or unticks the checkbox whose `id` is `id`.
    pub fn set_checkbox_by_id(&self, id: &str, checked: bool) -> Result<(), Error> {
        self.set_checkbox_at(
            &format!("//input[@type='checkbox'][@id={}]", xpath_literal(id)),
            checked,
            &format!("checkbox `#{id}`"),
        )
    }

    /// Whether the checkbox whose `id` is `id` is ticked; `None` when the
    /// page has no such checkbox.
    pub fn checkbox_by_id(&self, id: &str) -> Result<Option<bool>, Error> {
        let xpath = format!("//input[@type='checkbox'][@id={}]", xpath_literal(id));
        let Some(checkbox) = self.elements(&xpath)?.into_iter().next() else {
            return Ok(None);
        };
        let selected = self.command(
            "GET",
            &format!("/element/{checkbox}/selected"),
            &Value::Null,
        )?;
        Ok(Some(selected.as_bool() == Some(true)))
    }

    fn set_checkbox_at(&self, xpath: &str, checked: bool, what: &str) -> Result<(), Error> {
        let found = self.elements(xpath)?;
        let [checkbox] = found.as_slice() else {
            return Err(Error::Page(format!(
                "{} elements are the {what} on {}",
                found.len(),
                self.url()?
            )));
        };
        let selected = self.command(
            "GET",
            &format!("/element/{checkbox}/selected"),
            &Value::Null,
        )?;
        if selected.as_bool() != Some(checked) {
            self.command("POST", &format!("/element/{checkbox}/click"), &json!({}))?;
        }
        Ok(())
    }

    /// How many elements the CSS selector `css` matches, and the first of
    /// them that is shown (a box, not `display: none` nor
    /// `visibility: hidden`), else the first.
    fn find_css(&self, css: &str) -> Result<Found, Error> {
        let found = self.script_with(
            "let all;\
             try { all = Array.from(document.querySelectorAll(arguments[0])); }\
             catch (e) { return { invalid: String(e.message || e) }; }\
             const shown = all.filter(e => e.getClientRects().length > 0\
               && getComputedStyle(e).visibility !== 'hidden');\
             return { count: all.length, shown: shown.length, first: shown[0] || all[0] || null };",
            &[Value::from(css)],
        )?;
        // Not `error`: the driver reads that key of a value as its own.
        if let Some(error) = found["invalid"].as_str() {
            return Err(Error::Page(format!(
                "`{css}` is not a CSS selector: {error}"
            )));
        }
        let element = found["first"]
            .as_object()
            .and_then(|element| element.get(ELEMENT_KEY).or_else(|| element.values().next()))
            .and_then(Value::as_str)
            .map(str::to_owned);
        Ok(Found {
            count: found["count"].as_u64().unwrap_or(0),
            shown: found["shown"].as_u64().unwrap_or(0),
            element,
        })
    }

    /// Waits (at most `timeout`) until the CSS selector `css` matches a
    /// shown element, or, with `any`, any element; that element.
    fn wait_element(&self, css: &str, any: bool, timeout: Duration) -> Result<String, Error> {
        let deadline = Instant::now() + timeout;
        loop {
            let found = self.find_css(css)?;
            if let Some(element) = found.element.as_ref().filter(|_| any || found.shown > 0) {
                return Ok(element.clone());
            }
            if Instant::now() >= deadline {
                let url = self.url()?;
                let seconds = timeout.as_secs_f64();
                return Err(Error::Page(if found.count > 0 {
                    format!(
                        "`{css}` matches {} element(s) on {url}, none shown after {seconds:.0} s{}",
                        found.count,
                        self.not_found_hints()
                    )
                } else {
                    format!(
                        "no element matches `{css}` on {url} after {seconds:.0} s{}",
                        self.not_found_hints()
                    )
                }));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Clicks `element` as a visitor does; where the driver cannot (an
    /// element under another, or drawn by CSS over a hidden input), the
    /// page's own `click()`.
    fn click_element(&self, element: &str) -> Result<(), Error> {
        match self.command("POST", &format!("/element/{element}/click"), &json!({})) {
            Ok(_) => Ok(()),
            Err(Error::Driver(message))
                if message.contains("not interactable") || message.contains("intercepted") =>
            {
                self.script_with("arguments[0].click()", &[json!({ ELEMENT_KEY: element })])
                    .map(drop)
            }
            Err(err) => Err(err),
        }
    }

    /// Clicks, in place, the first shown element that the CSS selector
    /// `css` matches (waiting at most `timeout` for one), and returns at
    /// once: consent managers answer a click without a navigation; wait
    /// for their answer with [`wait_for`](Browser::wait_for). When nothing
    /// matches, the error says what was looked for and the common causes.
    ///
    /// ```no_run
    /// # use cookie_decl_scan::browser::{Browser, Condition, STEP_TIMEOUT};
    /// # fn main() -> Result<(), cookie_decl_scan::Error> {
    /// let mut browser = Browser::start()?;
    /// browser.goto("http://127.0.0.1:3000/")?;
    /// browser.click("#cc-main .cm button[data-role=all]", STEP_TIMEOUT)?;
    /// browser.wait_for(&Condition::Cookie("cc_cookie".into()), STEP_TIMEOUT)?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn click(&self, css: &str, timeout: Duration) -> Result<(), Error> {
        let element = self.wait_element(css, false, timeout)?;
        self.click_element(&element)
    }

    /// Ticks (`checked`) or unticks the checkbox, or switch, that the CSS
    /// selector `css` matches, in place (waiting at most `timeout` for it
    /// to be in the page, shown or not: custom switches hide their input
    /// under a drawing). A switch without an input says its state in
    /// `aria-checked` or `aria-pressed`.
    pub fn set_checkbox_css(
        &self,
        css: &str,
        checked: bool,
        timeout: Duration,
    ) -> Result<(), Error> {
        let element = self.wait_element(css, true, timeout)?;
        let state = |browser: &Browser| {
            browser
                .script_with(
                    "const e = arguments[0];\
                     if (typeof e.checked === 'boolean') return e.checked;\
                     const a = e.getAttribute('aria-checked') || e.getAttribute('aria-pressed');\
                     return a === null ? null : a === 'true';",
                    &[json!({ ELEMENT_KEY: element })],
                )
                .map(|state| state.as_bool())
        };
        let Some(now) = state(self)? else {
            return Err(Error::Page(format!(
                "`{css}` on {} is not a checkbox (no `checked`, `aria-checked` or `aria-pressed`)",
                self.url()?
            )));
        };
        if now != checked {
            self.click_element(&element)?;
            if state(self)? != Some(checked) {
                return Err(Error::Page(format!(
                    "clicking `{css}` on {} did not {} it",
                    self.url()?,
                    if checked { "tick" } else { "untick" }
                )));
            }
        }
        Ok(())
    }

    /// Waits, at most `timeout`, until `condition` holds.
    pub fn wait_for(&mut self, condition: &Condition, timeout: Duration) -> Result<(), Error> {
        let deadline = Instant::now() + timeout;
        loop {
            let holds = match condition {
                Condition::Shown(css) => self.find_css(css)?.shown > 0,
                Condition::Hidden(css) => self.find_css(css)?.shown == 0,
                Condition::Cookie(name) => self.cookies()?.iter().any(|c| c.name == *name),
                Condition::NoCookie(name) => !self.cookies()?.iter().any(|c| c.name == *name),
                Condition::NetworkIdle(quiet) => {
                    let limit = deadline.saturating_duration_since(Instant::now());
                    if self.settle(*quiet, limit)? {
                        return Ok(());
                    }
                    false
                }
            };
            if holds {
                return Ok(());
            }
            if Instant::now() >= deadline {
                let hints = match condition {
                    Condition::Shown(_) => self.not_found_hints(),
                    _ => String::new(),
                };
                return Err(Error::Page(format!(
                    "waited {:.0} s for {condition} on {}{hints}",
                    timeout.as_secs_f64(),
                    self.url()?
                )));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Why an element may be missing, for an error: what the page can
    /// tell of the browser, and the common causes.
    fn not_found_hints(&self) -> String {
        let seen = self
            .script(
                "return { webdriver: navigator.webdriver === true, agent: navigator.userAgent,\
                 frames: document.querySelectorAll('iframe').length }",
            )
            .unwrap_or(Value::Null);
        let mut hints = Vec::new();
        if seen["webdriver"] == true {
            hints.push(
                "the page sees `navigator.webdriver` true, and consent managers hide their banner \
                 from automated browsers (CookieConsent's `hideFromBots`, on by default): scan \
                 with automation hidden (the default; not `--show-automation`)"
                    .to_owned(),
            );
        }
        if seen["agent"]
            .as_str()
            .is_some_and(|agent| agent.contains("Headless"))
        {
            hints.push(
                "the user agent says `HeadlessChrome`, which some consent managers treat as a robot"
                    .to_owned(),
            );
        }
        if let Some(frames) = seen["frames"].as_u64().filter(|&n| n > 0) {
            hints.push(format!(
                "the page has {frames} iframe(s): a banner inside one is not in the page's document"
            ));
        }
        if hints.is_empty() {
            hints.push(
                "the consent manager hides its banner from robots by other signs (an address, \
                 a fingerprint)"
                    .to_owned(),
            );
        }
        hints.push(
            "it shows the banner later than the wait (a longer `timeout_ms`), or a choice was \
             already made (the banner is gone), or the selector is for another version of the \
             consent manager: check it against the page's markup"
                .to_owned(),
        );
        format!("; common causes: {}", hints.join("; "))
    }

    /// Whether the page shows `text`.
    pub fn has_text(&self, text: &str) -> Result<bool, Error> {
        Ok(self
            .script("return document.body.innerText")?
            .as_str()
            .is_some_and(|body| body.contains(text)))
    }

    /// `document.cookie` of the current page: the cookies its scripts can
    /// read, those a request to its URL would carry (`HttpOnly` ones
    /// aside).
    pub fn document_cookie(&self) -> Result<String, Error> {
        Ok(self
            .script("return document.cookie")?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    /// The absolute URL of every link (`<a href>`) of the page, in order.
    pub fn links(&self) -> Result<Vec<String>, Error> {
        let links =
            self.script("return Array.from(document.querySelectorAll('a[href]'), a => a.href)")?;
        Ok(links
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect())
    }

    /// Presses Tab, and returns the text of the element that has focus.
    pub fn press_tab(&self) -> Result<String, Error> {
        self.command(
            "POST",
            "/actions",
            &json!({ "actions": [{
                "type": "key",
                "id": "keyboard",
                "actions": [{ "type": "keyDown", "value": TAB }, { "type": "keyUp", "value": TAB }],
            }]}),
        )?;
        self.command("DELETE", "/actions", &Value::Null)?;
        Ok(self
            .script(
                "return document.activeElement ? document.activeElement.innerText \
                 || document.activeElement.value || '' : ''",
            )?
            .as_str()
            .unwrap_or_default()
            .trim()
            .to_owned())
    }

    /// Sends `headers` with every request from now on, as a browser
    /// setting does (the Global Privacy Control signal, `Sec-GPC: 1`, say),
    /// through CDP's `Network.setExtraHTTPHeaders`; an empty list stops
    /// them.
    pub fn send_headers(&self, headers: &[(&str, &str)]) -> Result<(), Error> {
        let headers: serde_json::Map<String, Value> = headers
            .iter()
            .map(|&(name, value)| (name.to_owned(), Value::from(value)))
            .collect();
        self.command(
            "POST",
            "/goog/cdp/execute",
            &json!({ "cmd": "Network.enable", "params": {} }),
        )?;
        self.command(
            "POST",
            "/goog/cdp/execute",
            &json!({ "cmd": "Network.setExtraHTTPHeaders", "params": { "headers": headers } }),
        )?;
        Ok(())
    }

    /// Every cookie in the browser's store: every domain and path,
    /// `HttpOnly` and partitioned ones included.
    pub fn cookies(&self) -> Result<Vec<BrowserCookie>, Error> {
        let answer = self.command(
            "POST",
            "/goog/cdp/execute",
            &json!({ "cmd": "Storage.getCookies", "params": {} }),
        )?;
        let cookies = answer["cookies"]
            .as_array()
            .ok_or_else(|| Error::Driver(format!("no cookies in {answer}")))?;
        Ok(cookies
            .iter()
            .map(|cookie| BrowserCookie {
                name: cookie["name"].as_str().unwrap_or_default().to_owned(),
                value: cookie["value"].as_str().unwrap_or_default().to_owned(),
                domain: cookie["domain"].as_str().unwrap_or_default().to_owned(),
                path: cookie["path"].as_str().unwrap_or_default().to_owned(),
                expires: (cookie["session"].as_bool() != Some(true))
                    .then(|| cookie["expires"].as_f64())
                    .flatten(),
                http_only: cookie["httpOnly"].as_bool().unwrap_or(false),
                secure: cookie["secure"].as_bool().unwrap_or(false),
                same_site: cookie["sameSite"].as_str().unwrap_or_default().to_owned(),
                partitioned: cookie.get("partitionKey").is_some_and(|key| !key.is_null()),
            })
            .collect())
    }

    /// Reads the performance log into the requests not yet taken; how many
    /// it added.
    fn read_log(&mut self) -> Result<usize, Error> {
        let entries = self.command("POST", "/se/log", &json!({ "type": "performance" }))?;
        let before = self.requests.len();
        for entry in entries.as_array().into_iter().flatten() {
            let Some(message) = entry["message"].as_str() else {
                continue;
            };
            let Ok(message) = serde_json::from_str::<Value>(message) else {
                continue;
            };
            let message = &message["message"];
            if message["method"] == "Network.responseReceivedExtraInfo" {
                self.note_set_cookies(&message["params"]);
                continue;
            }
            if message["method"] != "Network.requestWillBeSent" {
                continue;
            }
            let params = &message["params"];
            let url = params["request"]["url"].as_str().unwrap_or_default();
            // Chromium's own pages (the new tab page) and inline data are
            // no request to anybody.
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                continue;
            }
            if let Some(id) = params["requestId"].as_str() {
                self.request_urls.insert(id.to_owned(), url.to_owned());
            }
            self.requests.push(Request {
                url: url.to_owned(),
                kind: params["type"].as_str().unwrap_or_default().to_owned(),
                document: params["documentURL"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            });
        }
        Ok(self.requests.len() - before)
    }

    /// Notes the cookies a response's `Set-Cookie` lines name (the raw
    /// headers of `Network.responseReceivedExtraInfo`, one line per cookie),
    /// with the host that sent them.
    fn note_set_cookies(&mut self, params: &Value) {
        let Some(headers) = params["headers"].as_object() else {
            return;
        };
        let url = params["requestId"]
            .as_str()
            .and_then(|id| self.request_urls.get(id))
            .map_or("", String::as_str);
        let host = crate::declaration::host_of(url).to_ascii_lowercase();
        for (name, value) in headers {
            if !name.eq_ignore_ascii_case("set-cookie") {
                continue;
            }
            for line in value.as_str().unwrap_or_default().lines() {
                if let Some((cookie, _)) = line.split_once('=') {
                    self.set_by_responses
                        .insert((host.clone(), cookie.trim().to_owned()));
                }
            }
        }
    }

    /// `(host, cookie name)` of every `Set-Cookie` line the responses
    /// carried since the browser started, every profile: a cookie of the
    /// store that no response named was set from a page's script
    /// (`document.cookie`). The host is empty when the request it answers
    /// was not seen.
    pub fn set_by_responses(&mut self) -> Result<&BTreeSet<(String, String)>, Error> {
        self.read_log()?;
        Ok(&self.set_by_responses)
    }

    /// Waits until the page has made no new request for `quiet`, at most
    /// `limit`: the scripts that run on load, and the requests they make,
    /// have had their turn.
    /// Whether it was quiet (`false`: `limit` came first).
    pub fn settle(&mut self, quiet: Duration, limit: Duration) -> Result<bool, Error> {
        let start = Instant::now();
        let mut last = Instant::now();
        loop {
            if self.read_log()? > 0 {
                last = Instant::now();
            }
            if last.elapsed() >= quiet {
                return Ok(true);
            }
            if start.elapsed() >= limit {
                return Ok(false);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The requests made since the last call (or the profile's start).
    pub fn take_requests(&mut self) -> Result<Vec<Request>, Error> {
        self.read_log()?;
        Ok(std::mem::take(&mut self.requests))
    }

    /// A PNG of the page, base64-encoded as WebDriver sends it (ready for
    /// a `data:image/png;base64,` URL).
    pub fn screenshot_base64(&self) -> Result<String, Error> {
        Ok(self
            .command("GET", "/screenshot", &Value::Null)?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    /// A PNG of the first element `xpath` selects, base64-encoded, as the
    /// screen shows it; `None` when no element matches.
    pub fn element_screenshot_base64(&self, xpath: &str) -> Result<Option<String>, Error> {
        let Some(element) = self.elements(xpath)?.into_iter().next() else {
            return Ok(None);
        };
        let png = self.command(
            "GET",
            &format!("/element/{element}/screenshot"),
            &Value::Null,
        )?;
        Ok(png.as_str().map(str::to_owned))
    }

    /// Saves a PNG of the page at `path`.
    pub fn screenshot(&self, path: &Path) -> Result<(), Error> {
        let png = base64_decode(&self.screenshot_base64()?);
        if !png.starts_with(b"\x89PNG") {
            return Err(Error::Driver("the screenshot is not a PNG".to_owned()));
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, png)?;
        Ok(())
    }

    fn end_session(&mut self) {
        if !self.session.is_empty() {
            let path = format!("/session/{}", self.session);
            let _ = http(self.port, "DELETE", &path, None);
            self.session.clear();
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.end_session();
        kill_group(self.driver.id());
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// What a CSS selector matched.
struct Found {
    count: u64,
    shown: u64,
    element: Option<String>,
}

/// The user agent of the desktop Chromium of `chromium`'s version
/// (`chromium --version`: `Chromium 156.0.8078.129 built on Debian ...`),
/// with the reduced version Chromium itself sends (`Chrome/156.0.0.0`);
/// `None` when the version cannot be read.
fn desktop_user_agent(chromium: &Path) -> Option<String> {
    let output = Command::new(chromium)
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    user_agent_of_version(&String::from_utf8_lossy(&output.stdout))
}

/// [`desktop_user_agent`] from the text `chromium --version` printed.
fn user_agent_of_version(version: &str) -> Option<String> {
    let major = version
        .split_whitespace()
        .find(|word| word.contains('.') && word.bytes().all(|b| b.is_ascii_digit() || b == b'.'))?
        .split('.')
        .next()?;
    Some(format!(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \
         Chrome/{major}.0.0.0 Safari/537.36"
    ))
}

/// Whether `chromium` and `chromedriver` are installed (or `$CHROMIUM` and
/// `$CHROMEDRIVER` set), for a test that runs them through another
/// program (the `cookie-decl-scan` command, say): `false`, with a message
/// naming `purpose`, when they are not, unless the environment variable
/// `CI` is set: then it panics, since CI must run the test.
///
/// ```no_run
/// if !cookie_decl_scan::browser::installed_or_skip("the scan command") {
///     return;
/// }
/// ```
pub fn installed_or_skip(purpose: &str) -> bool {
    let installed = find_program("CHROMIUM", "chromium").is_some()
        && find_program("CHROMEDRIVER", "chromedriver").is_some();
    if !installed {
        skip(purpose);
    }
    installed
}

/// What a test prints, or panics with in CI, when the browser is missing.
pub(crate) fn skip(purpose: &str) {
    let message = format!(
        "{purpose}: `chromium` or `chromedriver` is not installed \
         (apt-get install chromium chromium-driver, or set CHROMIUM and CHROMEDRIVER)"
    );
    assert!(
        std::env::var_os("CI").is_none(),
        "{message}; CI must run it"
    );
    eprintln!("{message}: skipped");
}

/// `text` as an XPath string literal, whatever quotes it holds.
fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|part| format!("'{part}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

/// One HTTP/1.1 exchange with ChromeDriver on `127.0.0.1:port`. The body
/// is read to its `Content-Length` (or its last chunk): ChromeDriver keeps
/// the connection open whatever the request asks.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(COMMAND_TIMEOUT))
        .map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut response = Vec::new();
    let mut buffer = [0_u8; 64 * 1024];
    loop {
        if let Some(split) = response.windows(4).position(|window| window == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
            let body = &response[split + 4..];
            let length = head.lines().find_map(|line| {
                line.strip_prefix("content-length:")
                    .and_then(|value| value.trim().parse::<usize>().ok())
            });
            let complete = match length {
                Some(length) => body.len() >= length,
                None if head.contains("transfer-encoding: chunked") => body.ends_with(b"0\r\n\r\n"),
                None => false,
            };
            if complete {
                let body = match length {
                    Some(length) => body[..length].to_vec(),
                    None => unchunk(body),
                };
                return serde_json::from_slice(&body)
                    .map_err(|e| format!("{e}: {}", String::from_utf8_lossy(&body)));
            }
        }
        let read = stream.read(&mut buffer).map_err(|e| e.to_string())?;
        if read == 0 {
            return Err(format!(
                "connection closed: {}",
                String::from_utf8_lossy(&response)
            ));
        }
        response.extend_from_slice(&buffer[..read]);
    }
}

/// The body of a `Transfer-Encoding: chunked` response.
fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&data[start..(start + size).min(data.len())]);
        data = &data[(start + size + 2).min(data.len())..];
    }
    out
}

/// Standard base64, as WebDriver sends screenshots.
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0_u32, |n, (i, &d)| n | (u32::from(d) << (18 - 6 * i)));
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_a_png_header() {
        assert_eq!(base64_decode("iVBORw0KGgo="), b"\x89PNG\r\n\x1a\n");
    }

    #[test]
    fn the_user_agent_is_the_desktop_ones_of_the_same_version() {
        assert_eq!(
            user_agent_of_version(
                "Chromium 156.0.8078.129 built on Debian GNU/Linux 12 (bookworm)\n"
            )
            .as_deref(),
            Some(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \
                 Chrome/156.0.0.0 Safari/537.36"
            )
        );
        assert_eq!(user_agent_of_version("not a browser"), None);
    }

    #[test]
    fn xpath_literals_hold_any_quote() {
        assert_eq!(xpath_literal("Tout accepter"), "'Tout accepter'");
        assert_eq!(xpath_literal("l'audience"), "\"l'audience\"");
        assert_eq!(xpath_literal("l'\"a\""), "concat('l', \"'\", '\"a\"')");
    }
}

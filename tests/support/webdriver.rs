//! Just enough WebDriver to drive Debian's Chromium like a visitor, through
//! Debian's ChromeDriver: open pages, click buttons by their visible text,
//! tick boxes by their label, press Tab, take screenshots, and read the
//! browser's own cookie store with the DevTools protocol's
//! `Storage.getCookies` (sent through ChromeDriver's `goog/cdp/execute`,
//! so no WebSocket client is needed; WebDriver's own `GET /cookie` misses
//! cookies whose `Path` is not the current page's).
//!
//! HTTP/1.1 over `std::net::TcpStream`, one connection per command
//! (`Connection: close`), JSON by `serde_json`: no other dependency.
//! ChromeDriver and Chromium run in their own process group, killed when
//! the [`Browser`] is dropped, even if the test panics.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::process::{CHROMIUM_FLAGS, TempDir, find_program, kill_group};

/// How long one WebDriver command may take.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a page may take to load after a click.
const NAVIGATION_TIMEOUT: Duration = Duration::from_secs(20);

/// The WebDriver key code of Tab.
const TAB: &str = "\u{e004}";

/// A free port on the loopback interface.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free port on 127.0.0.1")
}

/// One cookie of the browser's store.
#[derive(Clone, Debug)]
pub struct BrowserCookie {
    pub name: String,
    pub value: String,
    pub domain: String,
    pub path: String,
    /// Seconds since the Unix epoch; `None` for a session cookie.
    pub expires: Option<f64>,
    pub http_only: bool,
    pub secure: bool,
    /// `Strict`, `Lax`, `None`, or empty when the cookie set none.
    pub same_site: String,
    pub partitioned: bool,
}

/// A headless Chromium driven through ChromeDriver.
pub struct Browser {
    port: u16,
    session: String,
    driver: Child,
    dir: TempDir,
}

impl Browser {
    /// Starts ChromeDriver and a fresh Chromium profile, or `None` (with a
    /// message) when either is not installed and `$CI` is unset. In CI a
    /// missing browser fails the test: CI must run it.
    pub fn start(purpose: &str) -> Option<Browser> {
        let chromium = find_program("CHROMIUM", "chromium");
        let driver = find_program("CHROMEDRIVER", "chromedriver");
        let (Some(chromium), Some(driver)) = (chromium, driver) else {
            let message = format!(
                "{purpose}: `chromium` or `chromedriver` is not installed \
                 (apt-get install chromium chromium-driver, or set CHROMIUM and CHROMEDRIVER)"
            );
            assert!(
                std::env::var_os("CI").is_none(),
                "{message}; CI must run it"
            );
            eprintln!("{message}: skipped");
            return None;
        };
        let dir = TempDir::new("webdriver");
        std::fs::create_dir_all(dir.0.join("config")).expect("temporary directory");
        let port = free_port();
        let mut command = Command::new(&driver);
        command
            .arg(format!("--port={port}"))
            .env("XDG_CONFIG_HOME", dir.0.join("config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let driver = command.spawn().expect("start chromedriver");
        let mut browser = Browser {
            port,
            session: String::new(),
            driver,
            dir,
        };
        browser.wait_ready();
        let profile = browser.dir.0.join("profile");
        let mut args: Vec<String> = CHROMIUM_FLAGS
            .iter()
            .map(|flag| (*flag).to_owned())
            .collect();
        args.push("--window-size=1280,1000".to_owned());
        args.push(format!("--user-data-dir={}", profile.display()));
        let created = browser.send(
            "POST",
            "/session",
            &json!({
                "capabilities": {
                    "alwaysMatch": {
                        "browserName": "chrome",
                        "goog:chromeOptions": {
                            "binary": chromium,
                            "args": args,
                        },
                    },
                },
            }),
        );
        browser.session = created["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_owned();
        Some(browser)
    }

    fn wait_ready(&self) {
        let deadline = Instant::now() + COMMAND_TIMEOUT;
        while Instant::now() < deadline {
            let status = http(self.port, "GET", "/status", None);
            if status.is_ok_and(|status| status["value"]["ready"].as_bool() == Some(true)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("chromedriver did not become ready on port {}", self.port);
    }

    /// A WebDriver command; panics with the driver's message on error.
    fn send(&self, method: &str, path: &str, body: &Value) -> Value {
        let body = (method == "POST").then_some(body);
        let answer = http(self.port, method, path, body)
            .unwrap_or_else(|err| panic!("{method} {path}: {err}"));
        if let Some(error) = answer["value"]["error"].as_str() {
            panic!(
                "{method} {path}: {error}: {}",
                answer["value"]["message"].as_str().unwrap_or("")
            );
        }
        answer
    }

    fn command(&self, method: &str, path: &str, body: &Value) -> Value {
        let path = format!("/session/{}{path}", self.session);
        self.send(method, &path, body)["value"].clone()
    }

    /// Opens `url` and waits for it to load.
    pub fn goto(&self, url: &str) {
        self.command("POST", "/url", &json!({ "url": url }));
        self.wait_loaded();
    }

    /// The current URL.
    pub fn url(&self) -> String {
        self.command("GET", "/url", &Value::Null)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    fn script(&self, script: &str) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            &json!({ "script": script, "args": [] }),
        )
    }

    fn wait_loaded(&self) {
        let deadline = Instant::now() + NAVIGATION_TIMEOUT;
        while self.script("return document.readyState") != json!("complete") {
            assert!(Instant::now() < deadline, "the page did not finish loading");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn elements(&self, xpath: &str) -> Vec<String> {
        let found = self.command(
            "POST",
            "/elements",
            &json!({ "using": "xpath", "value": xpath }),
        );
        found
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|element| element.as_object()?.values().next()?.as_str())
            .map(str::to_owned)
            .collect()
    }

    /// The visible text of every button of the page.
    pub fn buttons(&self) -> Vec<String> {
        self.elements("//button")
            .iter()
            .map(|id| self.text_of(id))
            .collect()
    }

    fn text_of(&self, element: &str) -> String {
        self.command("GET", &format!("/element/{element}/text"), &Value::Null)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Clicks the one button whose visible text is `text`, as a visitor
    /// does, and waits for the page it leads to.
    pub fn click_button(&self, text: &str) {
        let found = self.elements(&format!(
            "//button[normalize-space()={}]",
            xpath_literal(text)
        ));
        let [button] = found.as_slice() else {
            panic!(
                "{} buttons read `{text}`; the page's buttons: {:?}",
                found.len(),
                self.buttons()
            );
        };
        // A marker on the old page: gone once the next one has loaded.
        self.script("window.__journey_old_page = true");
        self.command("POST", &format!("/element/{button}/click"), &json!({}));
        let deadline = Instant::now() + NAVIGATION_TIMEOUT;
        while self.script(
            "return window.__journey_old_page === true || document.readyState !== 'complete'",
        ) == json!(true)
        {
            assert!(Instant::now() < deadline, "clicking `{text}` led nowhere");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Ticks or unticks the checkbox labelled `label`.
    pub fn set_checkbox(&self, label: &str, checked: bool) {
        let literal = xpath_literal(label);
        let found = self.elements(&format!(
            "//input[@type='checkbox'][@id=//label[normalize-space()={literal}]/@for]"
        ));
        let [checkbox] = found.as_slice() else {
            panic!("{} checkboxes are labelled `{label}`", found.len());
        };
        let selected = self.command(
            "GET",
            &format!("/element/{checkbox}/selected"),
            &Value::Null,
        );
        if selected.as_bool() != Some(checked) {
            self.command("POST", &format!("/element/{checkbox}/click"), &json!({}));
        }
    }

    /// Whether the page shows `text`.
    pub fn has_text(&self, text: &str) -> bool {
        self.script("return document.body.innerText")
            .as_str()
            .is_some_and(|body| body.contains(text))
    }

    /// `document.cookie` of the current page: the cookies its scripts can
    /// read, those a request to its URL would carry (`HttpOnly` ones
    /// aside).
    pub fn document_cookie(&self) -> String {
        self.script("return document.cookie")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Presses Tab, and returns the text of the element that has focus.
    pub fn press_tab(&self) -> String {
        self.command(
            "POST",
            "/actions",
            &json!({ "actions": [{
                "type": "key",
                "id": "keyboard",
                "actions": [{ "type": "keyDown", "value": TAB }, { "type": "keyUp", "value": TAB }],
            }]}),
        );
        self.command("DELETE", "/actions", &Value::Null);
        self.script("return document.activeElement ? document.activeElement.innerText || document.activeElement.value || '' : ''")
            .as_str()
            .unwrap_or_default()
            .trim()
            .to_owned()
    }

    /// Every cookie in the browser's store.
    pub fn cookies(&self) -> Vec<BrowserCookie> {
        let answer = self.command(
            "POST",
            "/goog/cdp/execute",
            &json!({ "cmd": "Storage.getCookies", "params": {} }),
        );
        answer["cookies"]
            .as_array()
            .unwrap_or_else(|| panic!("no cookies in {answer}"))
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
            .collect()
    }

    /// Saves a PNG of the page at `path`.
    pub fn screenshot(&self, path: &Path) {
        let data = self.command("GET", "/screenshot", &Value::Null);
        let png = base64_decode(data.as_str().unwrap_or_default());
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("artifact directory");
        }
        std::fs::write(path, png).expect("write screenshot");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = http(
                self.port,
                "DELETE",
                &format!("/session/{}", self.session),
                None,
            );
        }
        kill_group(self.driver.id());
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
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
    let mut buffer = [0_u8; 16 * 1024];
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

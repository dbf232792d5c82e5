//! Static sites on tarteaucitron.js and on Klaro, in their documented
//! default setups, each asking consent for two categories (an audience
//! tracker that sets `_tk_id`, an advertiser that sets `_ad_id`, both
//! from scripts the consent manager holds back), for the tests of the
//! `tarteaucitron` and `klaro` recipes (`scan_consent_manager.rs`). The
//! libraries come from npm, at the versions `.ci/run` pins, in
//! `target/npm`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};

use crate::consent_manager_site::{Response, serve};

/// A consent manager the recipes know, as npm names it.
#[derive(Clone, Copy, Debug)]
pub enum Manager {
    /// `tarteaucitronjs`.
    Tarteaucitron,
    /// `klaro`.
    Klaro,
}

impl Manager {
    fn package(self) -> (&'static str, &'static str) {
        match self {
            Manager::Tarteaucitron => ("tarteaucitronjs", "1.34.0"),
            Manager::Klaro => ("klaro", "0.7.22"),
        }
    }

    /// The package's folder when the pinned version is installed; `Err`
    /// says what is missing.
    pub fn installed(self) -> Result<PathBuf, String> {
        let (name, version) = self.package();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/npm/node_modules")
            .join(name);
        let manifest = std::fs::read_to_string(dir.join("package.json")).map_err(|err| {
            format!(
                "{}: {err}; install the libraries as .ci/run does: `{}`",
                dir.display(),
                crate::consent_manager_site::NPM_INSTALL
            )
        })?;
        let manifest: serde_json::Value =
            serde_json::from_str(&manifest).map_err(|err| format!("package.json: {err}"))?;
        if manifest["version"] != version {
            return Err(format!(
                "{} is version {}, not {version}",
                dir.display(),
                manifest["version"]
            ));
        }
        Ok(dir)
    }

    /// The site's declaration: the consent manager's cookie, and the two
    /// the scripts it lets through set.
    pub fn declaration(self) -> String {
        let (consent, seconds) = match self {
            Manager::Tarteaucitron => ("tarteaucitron", 31_536_000),
            Manager::Klaro => ("klaro", 15_552_000),
        };
        format!(
            r#"{{
  "site": "https://shop.example.fr",
  "consent_cookie": "{consent}",
  "cookies": [
    {{ "name": "{consent}", "category": "necessary", "external": true, "max_age": {seconds} }},
    {{ "name": "_tk_id", "category": "statistics", "external": true, "max_age": 31536000 }},
    {{ "name": "_ad_id", "category": "marketing", "external": true, "max_age": 31536000 }}
  ]
}}"#
        )
    }
}

/// The scripts the consent manager lets through: what each sets.
const TRACKER: &str = "document.cookie = '_tk_id=' + Math.random().toString(16).slice(2) + \
                       '; path=/; max-age=31536000; samesite=lax';";
const ADS: &str = "document.cookie = '_ad_id=' + Math.random().toString(16).slice(2) + \
                   '; path=/; max-age=31536000; samesite=lax';";

/// Starts the site of `manager`, whose package is in `package`; its
/// origin, `http://127.0.0.1:<port>`, the page being `/`.
pub fn start(manager: Manager, package: &Path) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port for the site");
    let origin = format!(
        "http://127.0.0.1:{}",
        listener.local_addr().expect("address").port()
    );
    let package = package.to_owned();
    serve(listener, move |path| respond(manager, &package, path));
    origin
}

fn respond(manager: Manager, package: &Path, path: &str) -> Response {
    let path = path.split('?').next().unwrap_or("");
    if path == "/" {
        let page = match manager {
            Manager::Tarteaucitron => tarteaucitron_page(),
            Manager::Klaro => klaro_page(),
        };
        return (
            "200 OK",
            vec![("Content-Type", "text/html; charset=utf-8".to_owned())],
            page.into_bytes(),
        );
    }
    // The library's own files (tarteaucitron loads its language, its
    // services and its style from where its script is).
    let Some(file) = path
        .strip_prefix("/lib/")
        .filter(|file| !file.contains(".."))
    else {
        return ("404 Not Found", Vec::new(), Vec::new());
    };
    let kind = match file.rsplit('.').next() {
        Some("js") => "text/javascript",
        Some("css") => "text/css",
        _ => "application/octet-stream",
    };
    match std::fs::read(package.join(file)) {
        Ok(body) => ("200 OK", vec![("Content-Type", kind.to_owned())], body),
        Err(_) => ("404 Not Found", Vec::new(), Vec::new()),
    }
}

/// tarteaucitron's documented setup: `tarteaucitron.init` with its
/// defaults (`highPrivacy`, the deny-all button, the icon that reopens
/// the panel), and two services of its kind, `analytic` and `ads`.
fn tarteaucitron_page() -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Shop</title>\n\
         <script src=\"/lib/tarteaucitron.js\"></script>\n<script>\n\
         tarteaucitron.init({{ privacyUrl: '', hashtag: '#tarteaucitron', cookieName: 'tarteaucitron',\n\
           orientation: 'middle', showAlertSmall: false, cookieslist: false, highPrivacy: true,\n\
           AcceptAllCta: true, DenyAllCta: true, showIcon: true, iconPosition: 'BottomRight',\n\
           mandatory: true, useExternalCss: false }});\n\
         tarteaucitron.services.mytracker = {{ key: 'mytracker', type: 'analytic', name: 'Tracker',\n\
           uri: '', needConsent: true, cookies: ['_tk_id'], js: function () {{ {TRACKER} }},\n\
           fallback: function () {{}} }};\n\
         tarteaucitron.services.myads = {{ key: 'myads', type: 'ads', name: 'Ads',\n\
           uri: '', needConsent: true, cookies: ['_ad_id'], js: function () {{ {ADS} }},\n\
           fallback: function () {{}} }};\n\
         (tarteaucitron.job = tarteaucitron.job || []).push('mytracker', 'myads');\n\
         </script>\n</head>\n<body>\n<h1>Shop</h1>\n</body>\n</html>\n"
    )
}

/// Klaro's documented setup: `klaroConfig` before `klaro.js`, a service
/// per purpose (`analytics`, `marketing`) whose scripts wait as
/// `type="text/plain" data-name=...`, and the link that reopens it.
fn klaro_page() -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Shop</title>\n\
         <script>\n\
         var klaroConfig = {{ elementID: 'klaro', storageMethod: 'cookie', cookieName: 'klaro',\n\
           cookieExpiresAfterDays: 180, default: false, mustConsent: false, acceptAll: true,\n\
           hideDeclineAll: false,\n\
           services: [\n\
             {{ name: 'tracker', title: 'Tracker', purposes: ['analytics'], cookies: [/^_tk_/] }},\n\
             {{ name: 'ads', title: 'Ads', purposes: ['marketing'], cookies: [/^_ad_/] }}\n\
           ] }};\n\
         </script>\n<script defer src=\"/lib/dist/klaro.js\"></script>\n</head>\n<body>\n\
         <h1>Shop</h1>\n<a href=\"#\" onclick=\"return klaro.show();\">Cookie preferences</a>\n\
         <script type=\"text/plain\" data-type=\"text/javascript\" data-name=\"tracker\">{TRACKER}</script>\n\
         <script type=\"text/plain\" data-type=\"text/javascript\" data-name=\"ads\">{ADS}</script>\n\
         </body>\n</html>\n"
    )
}

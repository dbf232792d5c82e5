//! What the scan holds the browser to: the declared cookies, from a
//! registry or from its JSON export.

use cookie_decl::consent::{CategorySet, ConsentRegistry};
use cookie_decl::cookie::SameSite;
use cookie_decl::{Category, Registry};
use serde_json::Value;

use crate::Error;

/// One declared cookie, as the scan needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// Its name, or for an `extern` cookie a pattern where `*` stands for
    /// any run of characters.
    pub name: String,
    /// Its category.
    pub category: Category,
    /// Whether it may only be set after consent to its category.
    pub needs_consent: bool,
    /// Its lifetime in seconds; `None` for a session cookie.
    pub max_age: Option<i64>,
    /// `Secure`. Of an `extern` cookie, what its depositor is expected to
    /// set, not checked: from JSON, `false` unless it says otherwise.
    pub secure: bool,
    /// `HttpOnly`. Of an `extern` cookie, not checked: from JSON, `false`
    /// unless it says otherwise (a script, `document.cookie`, cannot set
    /// an `HttpOnly` cookie).
    pub http_only: bool,
    /// `SameSite`.
    pub same_site: SameSite,
    /// `Path`.
    pub path: String,
    /// `Domain`, or `None` for a host-only cookie.
    pub domain: Option<String>,
    /// `Partitioned`.
    pub partitioned: bool,
    /// Set by another party (`extern`): only its name, place and lifetime
    /// are declared, its other attributes are the other party's.
    pub external: bool,
}

impl Expected {
    /// Whether a cookie called `name` is this one: the rule of
    /// `CookieSpec::matches`, patterns honoured for an `extern` cookie
    /// ([`cookie_decl::matches_pattern`]).
    pub fn matches(&self, name: &str) -> bool {
        if self.external {
            cookie_decl::matches_pattern(&self.name, name)
        } else {
            self.name == name
        }
    }
}

/// The declaration of a site: its cookies, the one that keeps the
/// visitor's choice, and the categories the site asks consent for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    /// The site the charte names (`site:`).
    pub site: String,
    /// Every declared cookie, in declaration order.
    pub cookies: Vec<Expected>,
    /// The name of the cookie marked `stores_consent: true`, when known:
    /// after each choice the scan expects it in the browser.
    pub consent_cookie: Option<String>,
    /// The categories a visitor can accept or refuse: those with a cookie
    /// that needs consent.
    pub asked: CategorySet,
    /// The trackers' opt-out URLs (`https://tracker.example/optout`), as
    /// the JSON's `"opt_out"` or [`Scan::opt_out_url`](crate::Scan::opt_out_url)
    /// gives them: a request to one of them (the URL itself, or one
    /// under it: `/optout?id=1`, `/optout/all`) made after the visitor
    /// chose is the site telling the tracker to forget the visitor, and is
    /// not reported. Before any choice it is reported as any other
    /// request: nothing was refused yet, and the tracker learns of the
    /// visit all the same.
    pub opt_out: Vec<String>,
}

impl Declaration {
    /// The declaration of registry `R`, with its consent cookie.
    pub fn of<R: ConsentRegistry>() -> Declaration {
        Declaration {
            consent_cookie: Some(R::CONSENT_COOKIE.name().to_owned()),
            asked: R::ASKED,
            ..Declaration::cookies_of::<R>()
        }
    }

    /// The declaration of a registry without a consent cookie (a site
    /// with a consent manager of its own): the scan then does not look
    /// for one after a choice.
    pub fn cookies_of<R: Registry>() -> Declaration {
        let cookies: Vec<Expected> = R::COOKIES
            .iter()
            .map(|spec| Expected {
                name: spec.name().to_owned(),
                category: spec.category(),
                needs_consent: spec.needs_consent(),
                max_age: spec.max_age().map(|age| age.whole_seconds()),
                secure: spec.secure(),
                http_only: spec.http_only(),
                same_site: spec.same_site(),
                path: spec.path().to_owned(),
                domain: spec.domain().map(str::to_owned),
                partitioned: spec.partitioned(),
                external: spec.is_external(),
            })
            .collect();
        Declaration {
            site: R::SITE.to_owned(),
            asked: asked(&cookies),
            cookies,
            consent_cookie: None,
            opt_out: Vec::new(),
        }
    }

    /// A declaration from the JSON of `cookie-decl`'s `serde` export
    /// (`{ "site": ..., "consent_cookie": ..., "cookies": [{ "name",
    /// "category", "needs_consent", "max_age", "external", "secure",
    /// "http_only", "same_site", "path", "domain", "partitioned", ... }]
    /// }`). The consent cookie is the export's `consent_cookie` (which
    /// must be one of its cookies), else a cookie with `"stores_consent":
    /// true` (JSON written by hand); otherwise set
    /// [`consent_cookie`](Declaration::consent_cookie).
    ///
    /// Written by hand, a cookie needs only `name` and `category`; the
    /// rest defaults as the macro does (`secure` and `http_only` true,
    /// `same_site` `Lax`, `path` `/`, a session cookie), except for an
    /// `"external": true` cookie, one that a script or another party sets:
    /// its `secure` and `http_only` default to false, and are not checked
    /// (its depositor decides them; only its place and lifetime are
    /// declared). `"opt_out"`, a URL or a list of URLs, names the
    /// trackers' opt-out URLs ([`opt_out`](Declaration::opt_out)).
    ///
    /// ```
    /// use cookie_decl_scan::Declaration;
    ///
    /// let declaration = Declaration::from_json(r#"{
    ///     "site": "https://shop.example.fr",
    ///     "consent_cookie": "cc_cookie",
    ///     "opt_out": "https://tracker.example/optout",
    ///     "cookies": [
    ///         { "name": "cc_cookie", "category": "necessary", "external": true,
    ///           "max_age": 15724800 },
    ///         { "name": "_tk_id", "category": "statistics", "external": true,
    ///           "max_age": 31536000 }
    ///     ]
    /// }"#).unwrap();
    /// assert!(!declaration.cookies[1].http_only);
    /// assert_eq!(declaration.opt_out, ["https://tracker.example/optout"]);
    /// ```
    pub fn from_json(json: &str) -> Result<Declaration, Error> {
        let wrong = |what: String| Error::Declaration(what);
        let root: Value = serde_json::from_str(json).map_err(|err| wrong(err.to_string()))?;
        let site = root["site"]
            .as_str()
            .ok_or_else(|| wrong("no `site` string".to_owned()))?
            .to_owned();
        let list = root["cookies"]
            .as_array()
            .ok_or_else(|| wrong("no `cookies` array".to_owned()))?;
        let mut cookies = Vec::with_capacity(list.len());
        let mut consent_cookie = None;
        for (index, cookie) in list.iter().enumerate() {
            let text = |field: &str| -> Result<&str, Error> {
                cookie[field]
                    .as_str()
                    .ok_or_else(|| wrong(format!("cookie {index} has no string `{field}`")))
            };
            let flag = |field: &str, default: bool| cookie[field].as_bool().unwrap_or(default);
            let name = text("name")?.to_owned();
            let category = match text("category")? {
                "necessary" => Category::Necessary,
                "preferences" => Category::Preferences,
                "statistics" => Category::Statistics,
                "marketing" => Category::Marketing,
                other => {
                    return Err(wrong(format!(
                        "cookie `{name}` has category `{other}`, expected `necessary`, \
                         `preferences`, `statistics` or `marketing`"
                    )));
                }
            };
            let same_site = match cookie["same_site"].as_str().unwrap_or("Lax") {
                "Strict" => SameSite::Strict,
                "None" => SameSite::None,
                _ => SameSite::Lax,
            };
            if flag("stores_consent", false) {
                consent_cookie = Some(name.clone());
            }
            // What the application sets is held to the macro's defaults;
            // what a script or another party sets is theirs.
            let external = flag("external", false);
            cookies.push(Expected {
                needs_consent: flag("needs_consent", category.needs_consent()),
                max_age: cookie["max_age"].as_i64(),
                secure: flag("secure", !external),
                http_only: flag("http_only", !external),
                same_site,
                path: cookie["path"].as_str().unwrap_or("/").to_owned(),
                domain: cookie["domain"].as_str().map(str::to_owned),
                partitioned: flag("partitioned", false),
                external,
                name,
                category,
            });
        }
        // The export's own field (`cookie-decl`'s `serde` feature), else a
        // cookie marked `stores_consent`.
        if let Some(name) = root["consent_cookie"].as_str() {
            if !cookies.iter().any(|cookie| cookie.name == name) {
                return Err(wrong(format!(
                    "`consent_cookie` is `{name}`, which no cookie of the declaration is"
                )));
            }
            consent_cookie = Some(name.to_owned());
        }
        let opt_out = match &root["opt_out"] {
            Value::Null => Vec::new(),
            Value::String(url) => vec![url.clone()],
            Value::Array(urls) => urls
                .iter()
                .map(|url| url.as_str().map(str::to_owned))
                .collect::<Option<Vec<String>>>()
                .ok_or_else(|| wrong("`opt_out` holds a non-string".to_owned()))?,
            _ => return Err(wrong("`opt_out` is a URL or a list of URLs".to_owned())),
        };
        if let Some(url) = opt_out
            .iter()
            .find(|url| !(url.starts_with("http://") || url.starts_with("https://")))
        {
            return Err(wrong(format!(
                "`opt_out` has `{url}`, which is not an http:// or https:// URL"
            )));
        }
        Ok(Declaration {
            site,
            asked: asked(&cookies),
            cookies,
            consent_cookie,
            opt_out,
        })
    }

    /// Whether `url` is one of the [`opt_out`](Declaration::opt_out) URLs,
    /// or under one: the same scheme, host and port, and a path that is
    /// the declared one or continues it after `/`, `?` or `#`.
    pub fn is_opt_out(&self, url: &str) -> bool {
        self.opt_out.iter().any(|declared| {
            url.strip_prefix(declared.as_str()).is_some_and(|rest| {
                rest.is_empty()
                    || declared.ends_with(['/', '?'])
                    || rest.starts_with(['/', '?', '#'])
            })
        })
    }

    /// The host of the declared `site` (`data.example.fr`).
    pub fn site_host(&self) -> &str {
        host_of(&self.site)
    }

    /// The declared cookies whose name `name` matches.
    pub(crate) fn candidates(&self, name: &str) -> Vec<&Expected> {
        self.cookies.iter().filter(|c| c.matches(name)).collect()
    }
}

fn asked(cookies: &[Expected]) -> CategorySet {
    cookies
        .iter()
        .filter(|c| c.needs_consent)
        .map(|c| c.category)
        .collect()
}

/// The host of an absolute URL, without port or user.
pub(crate) fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or("");
    if let Some(v6) = authority.strip_prefix('[') {
        return v6.split(']').next().unwrap_or("");
    }
    authority.split(':').next().unwrap_or("")
}

/// The origin of `url`, `scheme://authority` with the scheme in lower
/// case; empty when it has no scheme.
pub(crate) fn origin_of(url: &str) -> String {
    match url.trim().split_once("://") {
        Some((scheme, rest)) => {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
            format!("{}://{authority}", scheme.to_ascii_lowercase())
        }
        None => String::new(),
    }
}

/// Whether `host` is `domain` or one of its subdomains (RFC 6265bis
/// §5.1.3, domain-match), case aside.
pub(crate) fn domain_matches(host: &str, domain: &str) -> bool {
    let domain = domain.trim_start_matches('.');
    host.eq_ignore_ascii_case(domain)
        || (host.len() > domain.len()
            && host.as_bytes()[host.len() - domain.len() - 1] == b'.'
            && host[host.len() - domain.len()..].eq_ignore_ascii_case(domain))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_domains() {
        assert_eq!(host_of("http://127.0.0.1:3000/stats"), "127.0.0.1");
        assert_eq!(host_of("https://data.example.fr"), "data.example.fr");
        assert_eq!(host_of("http://[::1]:80/"), "::1");
        assert!(domain_matches("www.example.fr", ".example.fr"));
        assert!(domain_matches("example.fr", "example.fr"));
        assert!(!domain_matches("badexample.fr", "example.fr"));
        assert!(!domain_matches("localhost", "127.0.0.1"));
    }

    #[test]
    fn patterns_only_for_extern_cookies() {
        let declaration = Declaration::from_json(
            r#"{"site":"https://data.example.fr","cookies":[
              {"name":"_pk_id.*","category":"statistics","external":true},
              {"name":"ab*","category":"necessary"}]}"#,
        )
        .unwrap();
        let (pattern, literal) = (&declaration.cookies[0], &declaration.cookies[1]);
        assert!(pattern.matches("_pk_id.1.4c2f"));
        assert!(!pattern.matches("_pk_ses.1.4c2f"));
        // A cookie of the application's own is its name, `*` included.
        assert!(literal.matches("ab*"));
        assert!(!literal.matches("abc"));
    }

    #[test]
    fn reads_the_serde_export() {
        let json = r#"{"site":"https://data.example.fr","cookies":[
          {"name":"sessionid","category":"necessary","needs_consent":false,"max_age":null,
           "external":false,"secure":true,"http_only":true,"same_site":"Lax","path":"/",
           "domain":null,"partitioned":false},
          {"name":"_pk_id.*","category":"statistics","needs_consent":true,"max_age":33696000,
           "external":true,"secure":true,"http_only":true,"same_site":"Lax","path":"/",
           "domain":null,"partitioned":false,"stores_consent":false}]}"#;
        let declaration = Declaration::from_json(json).unwrap();
        assert_eq!(declaration.site_host(), "data.example.fr");
        assert_eq!(declaration.cookies.len(), 2);
        assert!(declaration.cookies[1].matches("_pk_id.1.abcd"));
        assert_eq!(declaration.cookies[1].max_age, Some(33_696_000));
        assert_eq!(declaration.asked, CategorySet::from(Category::Statistics));
        assert!(
            Declaration::from_json(r#"{"site":"x","cookies":[{"name":"a","category":"ads"}]}"#)
                .is_err()
        );
    }

    #[test]
    fn an_extern_cookie_written_by_hand_is_not_http_only() {
        let declaration = Declaration::from_json(
            r#"{"site":"https://shop.example.fr","cookies":[
              {"name":"cc_cookie","category":"necessary","external":true},
              {"name":"sid","category":"necessary"},
              {"name":"ext","category":"statistics","external":true,"secure":true}]}"#,
        )
        .unwrap();
        let [cc, sid, ext] = declaration.cookies.as_slice() else {
            panic!("three cookies");
        };
        assert!(!cc.http_only && !cc.secure);
        assert!(sid.http_only && sid.secure);
        assert!(ext.secure && !ext.http_only);
    }

    #[test]
    fn the_export_of_a_registry_still_reads_as_it_was() {
        // What `serde_json::to_string(&Registry)` writes for an `extern`
        // cookie: its attributes as given, even where not checked.
        let json = r#"{"site":"https://data.example.fr","consent_cookie":null,"cookies":[
          {"name":"_pk_id.*","provider":"Matomo","service":"Audience","purpose":"Count.",
           "category":"statistics","needs_consent":true,"consent_exempt":false,"lifetime":"13 mois",
           "max_age":33696000,"external":true,"pattern":true,"secure":true,"http_only":true,
           "same_site":"Lax","path":"/","domain":null,"partitioned":false}],
          "tags":[],"consent_mode":{}}"#;
        let declaration = Declaration::from_json(json).unwrap();
        let pk = &declaration.cookies[0];
        assert!(pk.external && pk.secure && pk.http_only);
        assert_eq!(pk.max_age, Some(33_696_000));
        assert!(declaration.opt_out.is_empty());
    }

    #[test]
    fn opt_out_urls_match_themselves_and_what_is_under_them() {
        let declaration = Declaration::from_json(
            r#"{"site":"https://shop.example.fr","cookies":[],
                "opt_out":["http://localhost:8081/optout","https://t.example/forget/"]}"#,
        )
        .unwrap();
        assert!(declaration.is_opt_out("http://localhost:8081/optout"));
        assert!(declaration.is_opt_out("http://localhost:8081/optout?uid=1"));
        assert!(declaration.is_opt_out("http://localhost:8081/optout/all"));
        assert!(declaration.is_opt_out("https://t.example/forget/me"));
        assert!(!declaration.is_opt_out("http://localhost:8081/optout-and-track"));
        assert!(!declaration.is_opt_out("http://localhost:8081/hit.gif"));
        assert!(!declaration.is_opt_out("http://localhost:9999/optout"));
        let error = Declaration::from_json(r#"{"site":"x","cookies":[],"opt_out":"localhost/o"}"#)
            .unwrap_err();
        assert!(
            error.to_string().contains("not an http:// or https:// URL"),
            "{error}"
        );
    }

    #[test]
    fn the_exports_consent_cookie_must_be_declared() {
        let json = |name: &str| {
            format!(
                r#"{{"site":"https://data.example.fr","consent_cookie":"{name}","cookies":[
                  {{"name":"choice","category":"necessary"}}]}}"#
            )
        };
        let declaration = Declaration::from_json(&json("choice")).unwrap();
        assert_eq!(declaration.consent_cookie.as_deref(), Some("choice"));
        let error = Declaration::from_json(&json("other")).unwrap_err();
        assert!(error.to_string().contains("`other`"), "{error}");
        // `null`, as a registry without one exports it.
        let none = r#"{"site":"x","consent_cookie":null,"cookies":[]}"#;
        assert_eq!(Declaration::from_json(none).unwrap().consent_cookie, None);
    }
}

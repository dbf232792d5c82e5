//! The rules: what one cookie of the store, or one request, says against
//! the declaration and the visitor's consent.

use cookie_decl::consent::CategorySet;
use cookie_decl::cookie::SameSite;

use crate::browser::{BrowserCookie, Request};
use crate::declaration::{Declaration, Expected, domain_matches, host_of};
use crate::finding::FindingKind;

/// What the rules need to know besides the cookie.
pub(crate) struct Context<'a> {
    pub declaration: &'a Declaration,
    /// The host scanned (`127.0.0.1`), which may not be the declared
    /// site's (`data.example.fr`) when a production declaration is scanned
    /// on a local server.
    pub host: &'a str,
    /// Other hosts the site counts as its own (a CDN).
    pub allowed_hosts: &'a [String],
    pub granted: CategorySet,
    /// Seconds a lifetime may exceed the declared one: the time between
    /// the `Set-Cookie` and the read, and the clock.
    pub tolerance: i64,
    /// Now, in seconds since the Unix epoch.
    pub now: f64,
    /// Whether the visitor has made a choice in this scenario: a request
    /// to an opt-out URL is then the choice's own.
    pub chosen: bool,
    /// The category the visitor withdrew, once withdrawn.
    pub withdrawn: Option<cookie_decl::Category>,
}

impl<'a> Context<'a> {
    /// Whether a request to the scanned host would carry `cookie`: a
    /// first-party cookie.
    fn first_party(&self, cookie: &BrowserCookie) -> bool {
        domain_matches(self.host, cookie.host())
    }

    /// Whether the declared `domain` is the site's own: the declared
    /// site's host, a parent of it or one of its subdomains. Scanned on
    /// another host (a local server), such a cookie can only be on the
    /// scanned host.
    fn site_domain(&self, domain: &str) -> bool {
        let site = self.declaration.site_host();
        domain_matches(site, domain) || domain_matches(domain.trim_start_matches('.'), site)
    }

    /// Whether `cookie` lives on the host or domain `expected` declares.
    fn domain_ok(&self, expected: &Expected, cookie: &BrowserCookie) -> bool {
        match expected.domain.as_deref() {
            None => !cookie.has_domain() && cookie.host().eq_ignore_ascii_case(self.host),
            Some(domain) if domain_matches(self.host, domain) => {
                cookie.has_domain()
                    && cookie
                        .host()
                        .eq_ignore_ascii_case(domain.trim_start_matches('.'))
            }
            Some(domain) if self.site_domain(domain) => self.first_party(cookie),
            Some(domain) => domain_matches(cookie.host(), domain),
        }
    }

    /// Whether `expected` declares a cookie of another party's host,
    /// where `cookie` lives.
    fn declares_foreign(&self, expected: &Expected, cookie: &BrowserCookie) -> bool {
        expected.domain.as_deref().is_some_and(|domain| {
            !self.site_domain(domain)
                && !domain_matches(self.host, domain)
                && domain_matches(cookie.host(), domain)
        })
    }

    /// The declaration `cookie` answers to: one whose name matches and
    /// whose place (path and domain) is the cookie's, else one whose name
    /// matches, held to its attributes. A third-party cookie answers only
    /// to a declaration of its own host.
    pub(crate) fn find(&self, cookie: &BrowserCookie) -> Option<&'a Expected> {
        let all = self.declaration.candidates(&cookie.name);
        if self.first_party(cookie) {
            let mut fallback = None;
            for expected in all {
                if expected.path == cookie.path && self.domain_ok(expected, cookie) {
                    return Some(expected);
                }
                fallback.get_or_insert(expected);
            }
            fallback
        } else {
            let foreign: Vec<&Expected> = all
                .into_iter()
                .filter(|e| self.declares_foreign(e, cookie))
                .collect();
            let first = *foreign.first()?;
            Some(
                foreign
                    .into_iter()
                    .find(|e| e.path == cookie.path)
                    .unwrap_or(first),
            )
        }
    }

    /// Every finding about one cookie of the store.
    pub(crate) fn cookie(&self, cookie: &BrowserCookie) -> Vec<FindingKind> {
        let Some(expected) = self.find(cookie) else {
            return vec![FindingKind::Undeclared {
                name: cookie.name.clone(),
                domain: cookie.domain.clone(),
                third_party: !self.first_party(cookie),
                known: FindingKind::known_as(&cookie.name, &cookie.domain),
            }];
        };
        let mut out = Vec::new();
        if expected.needs_consent && !self.granted.contains(expected.category) {
            out.push(FindingKind::WithoutConsent {
                name: cookie.name.clone(),
                domain: cookie.domain.clone(),
                category: expected.category,
            });
        }
        let lives = cookie
            .expires
            .map(|expires| (expires - self.now).round() as i64);
        match (expected.max_age, lives) {
            (None, Some(found)) => out.push(FindingKind::Lifetime {
                name: cookie.name.clone(),
                declared: None,
                found,
            }),
            (Some(declared), Some(found)) if found > declared + self.tolerance => {
                out.push(FindingKind::Lifetime {
                    name: cookie.name.clone(),
                    declared: Some(declared),
                    found,
                });
            }
            // A script's cookie may live shorter than the charte says;
            // one this application sets lives exactly as declared.
            (Some(declared), None) if !expected.external => out.push(FindingKind::Attribute {
                name: cookie.name.clone(),
                declared: format!("Max-Age={declared}"),
                found: "no Max-Age (a session cookie)".to_owned(),
            }),
            _ => {}
        }
        for (declared, found) in self.differences(expected, cookie) {
            out.push(FindingKind::Attribute {
                name: cookie.name.clone(),
                declared,
                found,
            });
        }
        out
    }

    /// `(declared, found)` for each attribute of `cookie` that differs
    /// from `expected`. Of an `extern` cookie only the place is declared:
    /// `Secure`, `HttpOnly` and `SameSite` are the other party's.
    fn differences(&self, expected: &Expected, cookie: &BrowserCookie) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let flag = |name: &str, set: bool| {
            if set {
                name.to_owned()
            } else {
                format!("no {name}")
            }
        };
        if cookie.path != expected.path {
            out.push((
                format!("Path={}", expected.path),
                format!("Path={}", cookie.path),
            ));
        }
        if !self.domain_ok(expected, cookie) {
            let declared = expected.domain.as_deref().map_or_else(
                || "no Domain (host-only)".to_owned(),
                |domain| format!("Domain={domain}"),
            );
            let found = if cookie.has_domain() {
                format!("Domain={}", cookie.host())
            } else {
                format!("host-only on `{}`", cookie.host())
            };
            out.push((declared, found));
        }
        if cookie.partitioned != expected.partitioned {
            out.push((
                flag("Partitioned", expected.partitioned),
                flag("Partitioned", cookie.partitioned),
            ));
        }
        if expected.external {
            return out;
        }
        if cookie.secure != expected.secure {
            out.push((
                flag("Secure", expected.secure),
                flag("Secure", cookie.secure),
            ));
        }
        if cookie.http_only != expected.http_only {
            out.push((
                flag("HttpOnly", expected.http_only),
                flag("HttpOnly", cookie.http_only),
            ));
        }
        let same_site = match expected.same_site {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
        };
        if cookie.same_site != same_site {
            let found = if cookie.same_site.is_empty() {
                "no SameSite".to_owned()
            } else {
                format!("SameSite={}", cookie.same_site)
            };
            out.push((format!("SameSite={same_site}"), found));
        }
        out
    }

    /// Whether `host` is the site's own, or allowed.
    pub(crate) fn own_host(&self, host: &str) -> bool {
        host.eq_ignore_ascii_case(self.host)
            || self.allowed_hosts.iter().any(|allowed| {
                host.eq_ignore_ascii_case(allowed)
                    || (allowed.starts_with('.') && domain_matches(host, allowed))
            })
    }

    /// The finding about a request, if it goes to another host before
    /// the visitor accepted what it is for: before any consent, any other
    /// host; after a partial one, a host where the declaration puts a
    /// cookie of a category not accepted. After a withdrawal, it is named
    /// as a request after the withdrawal, not before consent.
    ///
    /// A request to a declared opt-out URL made once the visitor has
    /// chosen is not reported: it is how a site tells a tracker whose
    /// cookies live on the tracker's own host (which the site's scripts
    /// cannot delete) to forget the visitor, which a withdrawal must do
    /// (GDPR article 7(3): withdrawing is as easy as consenting, and the
    /// trackers stop). Only the URLs the declaration names are excused,
    /// and only after a choice: before any, nothing was refused, and the
    /// request tells the tracker of the visit as any other would.
    pub(crate) fn request(&self, request: &Request) -> Option<FindingKind> {
        let host = host_of(&request.url);
        if host.is_empty() || self.own_host(host) {
            return None;
        }
        if self.chosen && self.declaration.is_opt_out(&request.url) {
            return None;
        }
        let refused: Vec<_> = self
            .declaration
            .cookies
            .iter()
            .filter(|e| e.needs_consent && !self.granted.contains(e.category))
            .filter(|e| {
                e.domain
                    .as_deref()
                    .is_some_and(|domain| !self.site_domain(domain) && domain_matches(host, domain))
            })
            .collect();
        if !self.granted.is_empty() && refused.is_empty() {
            return None;
        }
        Some(match self.withdrawn {
            Some(category) => FindingKind::RequestAfterWithdrawal {
                host: host.to_owned(),
                url: request.url.clone(),
                kind: request.kind.clone(),
                category,
            },
            None => FindingKind::ThirdPartyRequest {
                host: host.to_owned(),
                url: request.url.clone(),
                kind: request.kind.clone(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cookie_decl::Category;

    fn declaration() -> Declaration {
        Declaration::from_json(
            r#"{"site":"https://data.example.fr","cookies":[
              {"name":"sid","category":"necessary","max_age":3600,"same_site":"Strict"},
              {"name":"_pk_id.*","category":"statistics","max_age":33696000,"external":true},
              {"name":"_ga_*","category":"statistics","external":true,"domain":".data.example.fr","max_age":3600},
              {"name":"ad","category":"marketing","external":true,"domain":"ads.test","max_age":3600}
            ]}"#,
        )
        .unwrap()
    }

    fn cookie(name: &str, domain: &str) -> BrowserCookie {
        BrowserCookie {
            name: name.to_owned(),
            value: "1".to_owned(),
            domain: domain.to_owned(),
            path: "/".to_owned(),
            expires: Some(1_000_000.0 + 3_600.0),
            http_only: true,
            secure: true,
            same_site: "Strict".to_owned(),
            partitioned: false,
        }
    }

    fn context(declaration: &Declaration, granted: CategorySet) -> Context<'_> {
        Context {
            declaration,
            host: "127.0.0.1",
            allowed_hosts: &[],
            granted,
            tolerance: 300,
            now: 1_000_000.0,
            chosen: false,
            withdrawn: None,
        }
    }

    #[test]
    fn a_declared_cookie_as_declared_is_clean() {
        let declaration = declaration();
        let cx = context(&declaration, CategorySet::NONE);
        assert_eq!(cx.cookie(&cookie("sid", "127.0.0.1")), []);
    }

    #[test]
    fn attributes_lifetime_and_consent() {
        let declaration = declaration();
        let cx = context(&declaration, CategorySet::NONE);
        let mut sid = cookie("sid", "127.0.0.1");
        sid.same_site = String::new();
        sid.path = "/app".to_owned();
        sid.expires = Some(1_000_000.0 + 7_200.0);
        let lines: Vec<String> = cx.cookie(&sid).iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "cookie `sid` lives 2 hours (7200 s), longer than the 60 minutes (3600 s) declared",
                "cookie `sid` has Path=/app, where the declaration says Path=/",
                "cookie `sid` has no SameSite, where the declaration says SameSite=Strict",
            ]
        );
        // A production domain, scanned on a local host: host-only there.
        let ga = cookie("_ga_X", "127.0.0.1");
        assert_eq!(
            cx.cookie(&ga),
            [FindingKind::WithoutConsent {
                name: "_ga_X".to_owned(),
                domain: "127.0.0.1".to_owned(),
                category: Category::Statistics
            }]
        );
        let granted = context(&declaration, CategorySet::from(Category::Statistics));
        assert_eq!(granted.cookie(&ga), []);
    }

    #[test]
    fn third_parties() {
        let declaration = declaration();
        let cx = context(&declaration, CategorySet::from(Category::Marketing));
        assert_eq!(cx.cookie(&cookie("ad", "ads.test")), []);
        assert_eq!(
            cx.cookie(&cookie("sid", "ads.test")),
            [FindingKind::Undeclared {
                name: "sid".to_owned(),
                domain: "ads.test".to_owned(),
                third_party: true,
                known: None,
            }]
        );
        // Undeclared, with what the table of known cookies says of it.
        assert_eq!(
            cx.cookie(&cookie("IDE", ".doubleclick.net")),
            [FindingKind::Undeclared {
                name: "IDE".to_owned(),
                domain: ".doubleclick.net".to_owned(),
                third_party: true,
                known: crate::known::lookup("IDE"),
            }]
        );
        let request = |url: &str| Request {
            url: url.to_owned(),
            kind: "Image".to_owned(),
            document: "http://127.0.0.1/".to_owned(),
        };
        // Marketing granted: its host may be asked, another not before
        // any consent only.
        assert_eq!(cx.request(&request("http://ads.test/pixel")), None);
        assert_eq!(cx.request(&request("http://cdn.test/x.js")), None);
        assert_eq!(cx.request(&request("http://127.0.0.1:8080/a")), None);
        let none = context(&declaration, CategorySet::NONE);
        assert!(none.request(&request("http://cdn.test/x.js")).is_some());
        let stats = context(&declaration, CategorySet::from(Category::Statistics));
        assert!(stats.request(&request("http://ads.test/pixel")).is_some());
    }

    fn request(url: &str) -> Request {
        Request {
            url: url.to_owned(),
            kind: "Image".to_owned(),
            document: "http://127.0.0.1/".to_owned(),
        }
    }

    #[test]
    fn a_request_to_a_declared_opt_out_url_after_a_choice_is_not_tracking() {
        let mut declaration = declaration();
        declaration.opt_out = vec!["http://ads.test/optout".to_owned()];
        let mut cx = context(&declaration, CategorySet::NONE);
        // Before any choice: a request to the tracker like any other.
        assert_eq!(
            cx.request(&request("http://ads.test/optout")),
            Some(FindingKind::ThirdPartyRequest {
                host: "ads.test".to_owned(),
                url: "http://ads.test/optout".to_owned(),
                kind: "Image".to_owned(),
            })
        );
        cx.chosen = true;
        cx.withdrawn = Some(Category::Marketing);
        assert_eq!(cx.request(&request("http://ads.test/optout")), None);
        assert_eq!(cx.request(&request("http://ads.test/optout?uid=7")), None);
        // Only the URL declared: the tracker's pixel is not excused.
        assert!(cx.request(&request("http://ads.test/pixel")).is_some());
    }

    #[test]
    fn a_request_after_a_withdrawal_is_named_so() {
        let declaration = declaration();
        let mut cx = context(&declaration, CategorySet::from(Category::Statistics));
        cx.chosen = true;
        cx.withdrawn = Some(Category::Marketing);
        let found = cx.request(&request("http://ads.test/pixel")).unwrap();
        assert_eq!(
            found,
            FindingKind::RequestAfterWithdrawal {
                host: "ads.test".to_owned(),
                url: "http://ads.test/pixel".to_owned(),
                kind: "Image".to_owned(),
                category: Category::Marketing,
            }
        );
        assert_eq!(
            found.to_string(),
            "request to third-party host `ads.test` after the withdrawal of marketing \
             (Image http://ads.test/pixel)"
        );
        assert_eq!(found.code(), "request-after-withdrawal");
        // A host the declaration does not tie to the withdrawn category,
        // while statistics stays accepted: not reported.
        assert_eq!(cx.request(&request("http://cdn.test/x.js")), None);
    }
}

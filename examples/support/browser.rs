//! What the framework examples' tests need of a browser: keep the cookies
//! a response sets, drop the ones it removes, and send them back in one
//! `Cookie` header, as a real request carries them.

use cookie_decl::consent::{self, Consent, ConsentRegistry};
use cookie_decl::cookie::{Cookie, CookieJar};

#[derive(Default)]
pub struct Browser {
    pub jar: CookieJar,
}

impl Browser {
    /// The `Cookie` header of the next request.
    pub fn header(&self) -> String {
        let pairs: Vec<String> = self
            .jar
            .iter()
            .map(|cookie| format!("{}={}", cookie.name(), cookie.value()))
            .collect();
        pairs.join("; ")
    }

    /// Keeps what the `Set-Cookie` `lines` set, deletes what they remove,
    /// and gives the lines back.
    pub fn take(&mut self, lines: Vec<String>) -> Vec<String> {
        for line in &lines {
            let cookie = Cookie::parse(line.clone()).expect("a Set-Cookie line");
            if cookie.max_age().is_some_and(|age| age.is_zero()) {
                self.jar.force_remove(cookie.name());
            } else {
                self.jar.add_original(cookie);
            }
        }
        lines
    }

    /// The value of the cookie named `name`.
    pub fn value(&self, name: &str) -> Option<String> {
        self.jar.get(name).map(|cookie| cookie.value().to_owned())
    }
}

/// Every `Set-Cookie` is declared and has its declared attributes; a
/// cookie that needs consent is sent only with it (removals aside).
pub fn assert_declared<R: ConsentRegistry>(lines: &[String], consent: &Consent<R>) {
    let findings = consent::audit_response(lines, consent);
    assert!(findings.is_empty(), "{findings:?} in {lines:?}");
}

//! The consent journey each framework example's test walks through its own
//! in-process server, with the same requests and the same checks: the
//! example passes a function that sends one [`Request`] through its
//! framework and gives back the [`Response`].

use cookie_decl::Category;
use cookie_decl::consent::{CategorySet, Consent};
use cookie_decl::cookie::Cookie;

use crate::browser::{Browser, assert_declared};
use crate::cookies::SiteCookies;
use crate::site::{Store, charte};

/// A request as a browser sends it: `cookie` is the `Cookie` header, left
/// out when empty.
pub struct Request {
    pub post: bool,
    pub uri: &'static str,
    pub cookie: String,
    pub body: String,
}

/// What the test looks at in a response.
pub struct Response {
    pub status: u16,
    /// The `Set-Cookie` lines, in order.
    pub set_cookies: Vec<String>,
    pub body: String,
}

fn get(browser: &Browser, uri: &'static str) -> Request {
    Request {
        post: false,
        uri,
        cookie: browser.header(),
        body: String::new(),
    }
}

fn post(browser: &Browser, body: String) -> Request {
    Request {
        post: true,
        uri: "/cookies/consent",
        cookie: browser.header(),
        body,
    }
}

/// The banner, its CSRF token, a forged token refused, accept all, the
/// statistics cookie set through the gate, refuse all with the removal
/// byte for byte, every `Set-Cookie` audited against the declaration, the
/// compile-time charte served; and, in a browser of its own, a garbled
/// consent cookie read as "not asked".
pub async fn walk(store: &Store, mut send: impl AsyncFnMut(Request) -> Response) {
    let mut browser = Browser::default();
    let visits = |browser: &Browser| browser.value(SiteCookies::VISITS.name());

    // First visit: the banner, the CSRF token, no statistics cookie.
    let response = send(get(&browser, "/")).await;
    assert_eq!(response.status, 200);
    let lines = browser.take(response.set_cookies);
    assert!(response.body.contains("Tout accepter") && response.body.contains("Tout refuser"));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("__Host-csrf="), "{lines:?}");
    assert_declared(&lines, &Consent::<SiteCookies>::not_asked());
    let token = browser.value(SiteCookies::CSRF.name()).expect("a token");

    // A forged token is refused, and nothing is recorded.
    let forged = send(post(&browser, "csrf_token=forged&consent=all".into())).await;
    assert_eq!(forged.status, 403);
    assert!(forged.set_cookies.is_empty(), "{:?}", forged.set_cookies);

    // Accept all, then the next page counts the visit.
    let response = send(post(&browser, format!("csrf_token={token}&consent=all"))).await;
    assert_eq!(response.status, 303);
    let lines = browser.take(response.set_cookies);
    let consent = store.read(browser.header().as_str());
    assert!(consent.is_given() && consent.allows(Category::Statistics));
    assert_declared(&lines, &consent);
    let response = send(get(&browser, "/")).await;
    assert!(!response.body.contains("Tout refuser"));
    let lines = browser.take(response.set_cookies);
    assert!(
        lines.iter().any(|line| line.starts_with("visits=1;")),
        "{lines:?}"
    );
    assert_declared(&lines, &consent);
    assert_eq!(visits(&browser).as_deref(), Some("1"));

    // Refuse all: the visits cookie is deleted with its declared
    // attributes, and no longer set.
    let response = send(post(&browser, format!("csrf_token={token}&consent=none"))).await;
    assert_eq!(response.status, 303);
    let lines = browser.take(response.set_cookies);
    let removal = lines.iter().find(|line| line.starts_with("visits="));
    assert_eq!(
        removal,
        Some(&SiteCookies::VISITS.removal().to_string()),
        "the declared removal, byte for byte, in {lines:?}"
    );
    let refused = store.read(browser.header().as_str());
    assert!(refused.is_given() && refused.granted() == CategorySet::NONE);
    assert_declared(&lines, &refused);
    assert_eq!(visits(&browser), None);
    let response = send(get(&browser, "/")).await;
    assert!(
        response.set_cookies.is_empty(),
        "{:?}",
        response.set_cookies
    );

    // The charte is the one generated at compile time.
    let response = send(get(&browser, "/cookies")).await;
    assert_eq!(response.body, charte());

    // A garbled consent cookie reads as "not asked": the banner, no
    // statistics cookie.
    let mut garbled = Browser::default();
    let name = SiteCookies::CONSENT.name();
    garbled.jar.add_original(Cookie::new(name, "1.7.0.x"));
    let response = send(get(&garbled, "/")).await;
    assert!(response.body.contains("Tout accepter"));
    let lines = garbled.take(response.set_cookies);
    assert!(
        lines.iter().all(|line| !line.starts_with("visits=")),
        "{lines:?}"
    );
}

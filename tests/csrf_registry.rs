//! `csrf_token: true`: the registry names the cookie that holds the consent
//! forms' CSRF token, the cookie is set like any other, and the mark
//! changes nothing a visitor consents to.

use cookie_decl::DeclaredCookie;
use cookie_decl::consent::{ConsentRegistry, CsrfRegistry};
use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://data.example.fr" }
    necessary {
        "__Host-csrf" as CSRF {
            provider: "Example", service: "Consent forms", purpose: "Protect the consent forms.",
            same_site: Strict, csrf_token: true,
        }
        cookies_preferences as CONSENT {
            provider: "Example", service: "Consent", purpose: "Remember the visitor's choice.",
            max_age: 6 months, stores_consent: true,
        }
    }
    statistics {
        visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
    }
}

/// `Cookies` without the mark. `pub(crate)`: an exported registry of the
/// same name, site and cookie names would export the same lookup macro.
mod unmarked {
    cookie_decl::declare_cookies! {
        pub(crate) struct Cookies { site: "https://data.example.fr" }
        necessary {
            "__Host-csrf" as CSRF {
                provider: "Example", service: "Consent forms", purpose: "Protect the consent forms.",
                same_site: Strict,
            }
            cookies_preferences as CONSENT {
                provider: "Example", service: "Consent", purpose: "Remember the visitor's choice.",
                max_age: 6 months, stores_consent: true,
            }
        }
        statistics {
            visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
        }
    }
}

/// What code generic over the registry sees.
fn csrf_cookie<R: CsrfRegistry>() -> DeclaredCookie {
    R::CSRF_COOKIE
}

#[test]
fn the_cookie_marked_csrf_token_is_the_registrys_csrf_cookie() {
    assert_eq!(<Cookies as CsrfRegistry>::CSRF_COOKIE, Cookies::CSRF);
    assert_eq!(csrf_cookie::<Cookies>().name(), "__Host-csrf");
    assert_ne!(csrf_cookie::<Cookies>(), Cookies::CONSENT);
}

#[test]
fn the_csrf_cookie_is_set_with_its_declared_attributes() {
    assert_eq!(
        Cookies::CSRF.cookie("t0k3n").to_string(),
        "__Host-csrf=t0k3n; HttpOnly; SameSite=Strict; Secure; Path=/"
    );
    assert_eq!(
        Cookies::CSRF.cookie("t0k3n"),
        unmarked::Cookies::CSRF.cookie("t0k3n")
    );
}

#[test]
fn the_mark_changes_neither_the_fingerprint_nor_the_charte() {
    assert_eq!(
        <Cookies as ConsentRegistry>::FINGERPRINT,
        <unmarked::Cookies as ConsentRegistry>::FINGERPRINT
    );
    assert_eq!(
        <Cookies as ConsentRegistry>::CHARTE_VERSION,
        <unmarked::Cookies as ConsentRegistry>::CHARTE_VERSION
    );
    assert_eq!(Cookies::CHARTE, unmarked::Cookies::CHARTE);
}

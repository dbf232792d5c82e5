//! The expansion is lint-clean where users are strictest: this file is
//! compiled under `deny(warnings, missing_docs)` and clippy's pedantic lints
//! (CI runs clippy with `-D warnings` on every target).
#![deny(warnings, missing_docs, unused, clippy::all, clippy::pedantic)]

use cookie_decl::declare_cookies;

declare_cookies! {
    /// A public registry: every generated public item must be documented.
    pub struct Public {
        site: "https://example.fr",
        max_age: 30 days,
    }
    necessary {
        /// The session.
        sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
        "__Host-csrf" { provider: "Example", service: "Forms", purpose: "Protect forms." }
    }
    statistics {
        extern "_pk_id.*" as PK_ID {
            provider: "Matomo",
            service: "Audience",
            purpose: "Tell visits apart.",
            max_age: 13 months,
        }
    }
}

declare_cookies! {
    // A private registry of which this crate uses one cookie only: the rest
    // must not be reported as dead code.
    struct Private { site: "https://example.fr" }
    necessary {
        used { provider: "Example", service: "Login", purpose: "Keep you signed in." }
        unused { provider: "Example", service: "Login", purpose: "Never used here." }
    }
    preferences {
        "lang-choice" { provider: "Example", service: "Language", purpose: "Remember the language." }
    }
}

declare_cookies! {
    pub(crate) struct Empty { site: "https://example.fr" }
}

#[test]
fn compiles_without_warnings() {
    assert_eq!(Private::USED.name(), "used");
    assert_eq!(Public::SID.name(), "sid");
    assert!(Empty::COOKIES.is_empty());
    assert_eq!(Empty::get("sid"), None);
}

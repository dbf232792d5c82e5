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

declare_cookies! {
    /// A public registry with tags and an embed: their constants are
    /// documented too.
    pub struct Tagged { site: "https://example.fr", preferences_url: "/cookies/choix" }
    statistics {
        extern "_pk_id.*" as PK_ID {
            provider: "Matomo", service: "Audience", purpose: "Tell visits apart.",
            max_age: 13 months,
        }
        extern _gid { provider: "Google", service: "Analytics", purpose: "Tell visits apart.",
                      set_by: "the tag manager" }
        /// The site's Matomo.
        tag matomo { provider: "Matomo", service: "Audience",
                     src: "https://stats.example.fr/matomo.js", sets: ["_pk_id.*"], loading: defer }
    }
    marketing {
        extern YSC { provider: "Google", service: "YouTube", purpose: "Count views." }
        embed youtube as VIDEO { provider: "Google", service: "YouTube", sets: [YSC] }
    }
}

#[test]
fn compiles_without_warnings() {
    assert_eq!(Private::USED.name(), "used");
    assert_eq!(Public::SID.name(), "sid");
    assert!(Empty::COOKIES.is_empty());
    assert_eq!(Empty::get("sid"), None);
    assert_eq!(Tagged::MATOMO.name(), "matomo");
    assert_eq!(Tagged::VIDEO.name(), "youtube");
}

//! The JSON export a front-end consent manager reads (feature `serde`).
#![cfg(feature = "serde")]

use cookie_decl::declare_cookies;
use serde_json::json;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        "__Host-sid" { provider: "Example", service: "Login", purpose: "Keep you signed in <b>." }
    }
    statistics {
        extern "_ga_*" as GA_STREAM {
            provider: "Google",
            service: "Google Analytics",
            purpose: "Keep the state of a session.",
            max_age: 13 months,
            domain: ".example.fr",
        }
    }
}

#[test]
fn the_registry_serializes_to_json() {
    let value = serde_json::to_value(Cookies).unwrap();
    assert_eq!(
        value,
        json!({
            "site": "https://example.fr",
            "cookies": [
                {
                    "name": "__Host-sid",
                    "provider": "Example",
                    "service": "Login",
                    "purpose": "Keep you signed in <b>.",
                    "category": "necessary",
                    "needs_consent": false,
                    "consent_exempt": false,
                    "lifetime": "session",
                    "max_age": null,
                    "external": false,
                    "pattern": false,
                    "secure": true,
                    "http_only": true,
                    "same_site": "Lax",
                    "path": "/",
                    "domain": null,
                    "partitioned": false,
                },
                {
                    "name": "_ga_*",
                    "provider": "Google",
                    "service": "Google Analytics",
                    "purpose": "Keep the state of a session.",
                    "category": "statistics",
                    "needs_consent": true,
                    "consent_exempt": false,
                    "lifetime": "13 months",
                    "max_age": 33_696_000,
                    "external": true,
                    "pattern": true,
                    "secure": true,
                    "http_only": true,
                    "same_site": "Lax",
                    "path": "/",
                    "domain": ".example.fr",
                    "partitioned": false,
                },
            ],
        })
    );
    assert_eq!(
        serde_json::to_value(Cookies::GA_STREAM.spec()).unwrap()["category"],
        "statistics"
    );
}

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
            "consent_cookie": null,
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
            "tags": [],
            "consent_mode": {
                "ad_storage": "marketing",
                "ad_user_data": "marketing",
                "ad_personalization": "marketing",
                "analytics_storage": "statistics",
                "functionality_storage": "preferences",
                "personalization_storage": "preferences",
                "security_storage": "necessary",
            },
        })
    );
    assert_eq!(
        serde_json::to_value(Cookies::GA_STREAM.spec()).unwrap()["category"],
        "statistics"
    );
}

declare_cookies! {
    pub struct Tagged {
        site: "https://example.fr",
        consent_mode: { ad_personalization: denied, functionality_storage: necessary },
    }
    statistics {
        extern "_pk_id.*" as PK_ID {
            provider: "Matomo", service: "Mesure d'audience",
            purpose: "Distinguer les visiteurs.", max_age: 13 months,
        }
        extern "_pk_ses.*" as PK_SES {
            provider: "Matomo", service: "Mesure d'audience",
            purpose: "Suivre la visite.", max_age: 30 minutes,
        }
        tag matomo {
            provider: "Matomo", service: "Mesure d'audience",
            src: "https://stats.example.fr/matomo.js", sets: ["_pk_ses.*", "_pk_id.*"],
            loading: defer,
        }
    }
    marketing {
        extern YSC { provider: "Google", service: "YouTube", purpose: "Compter les vues <b>." }
        tag gtm { provider: "Google", service: "Tag Manager", inline: "var a = '</b>';", sets: [] }
        embed youtube { provider: "Google", service: "YouTube", sets: [YSC] }
    }
}

#[test]
fn tags_and_the_declared_consent_mode_are_exported() {
    let value = serde_json::to_value(Tagged).unwrap();
    assert_eq!(
        value["tags"],
        json!([
            {
                "kind": "script",
                "name": "matomo",
                "provider": "Matomo",
                "service": "Mesure d'audience",
                "category": "statistics",
                "needs_consent": true,
                "src": "https://stats.example.fr/matomo.js",
                "inline": null,
                "loading": "defer",
                "sets": ["_pk_ses.*", "_pk_id.*"],
            },
            {
                "kind": "script",
                "name": "gtm",
                "provider": "Google",
                "service": "Tag Manager",
                "category": "marketing",
                "needs_consent": true,
                "src": null,
                "inline": "var a = '</b>';",
                "loading": "blocking",
                "sets": [],
            },
            {
                "kind": "embed",
                "name": "youtube",
                "provider": "Google",
                "service": "YouTube",
                "category": "marketing",
                "needs_consent": true,
                "src": null,
                "inline": null,
                "loading": "blocking",
                "sets": ["YSC"],
            },
        ])
    );
    assert_eq!(
        value["consent_mode"],
        json!({
            "ad_storage": "marketing",
            "ad_user_data": "marketing",
            "ad_personalization": null,
            "analytics_storage": "statistics",
            "functionality_storage": "necessary",
            "personalization_storage": "preferences",
            "security_storage": "necessary",
        })
    );
    assert_eq!(value["cookies"].as_array().unwrap().len(), 3);
    assert_eq!(
        serde_json::to_value(Tagged::YOUTUBE).unwrap()["sets"],
        json!(["YSC"])
    );
}

declare_cookies! {
    pub struct Asking { site: "https://example.fr" }
    necessary {
        choix { provider: "Example", service: "Consentement", purpose: "Garder le choix.",
                max_age: 6 months, stores_consent: true }
    }
    statistics {
        visits { provider: "Example", service: "Audience", purpose: "Compter.", max_age: 13 months }
    }
}

/// The cookie that keeps the choice is named, so that a scan of the site
/// knows it without being told.
#[test]
fn the_export_names_the_consent_cookie() {
    let value = serde_json::to_value(Asking).unwrap();
    assert_eq!(value["consent_cookie"], "choix");
    let names: Vec<&str> = value["cookies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|cookie| cookie["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"choix"), "{names:?}");
}

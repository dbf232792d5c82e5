//! The registry the consent and layer benchmarks share: a site with a
//! consent cookie, names near one another on purpose, an `extern`
//! pattern, and every category.

use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Site {
        site: "https://data.example.fr",
    }
    necessary {
        sessionid { provider: "Example", service: "Login", purpose: "Keep the visitor signed in.", max_age: 2 weeks }
        csrftoken { provider: "Example", service: "Forms", purpose: "Protect forms.", max_age: 1 year, http_only: false }
        consent { provider: "Example", service: "Consent", purpose: "Remember the choice.", max_age: 6 months, stores_consent: true }
    }
    preferences {
        lang { provider: "Example", service: "Language", purpose: "Remember the language.", max_age: 1 year, http_only: false }
        layout_v1 { provider: "Example", service: "Layout", purpose: "Remember the layout.", max_age: 30 days }
        layout_v2 { provider: "Example", service: "Layout", purpose: "Remember the layout.", max_age: 30 days, path: "/app" }
    }
    statistics {
        visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
        audience { provider: "Example", service: "Audience", purpose: "Anonymous audience.", max_age: 13 months, consent_exempt: true }
        extern "_ga_*" as GA { provider: "Google", service: "Analytics", purpose: "Tell visitors apart.", max_age: 13 months }
    }
    marketing {
        ad_v1 { provider: "Example", service: "Ads", purpose: "Measure campaigns.", max_age: 3 months, same_site: None }
        ad_v2 { provider: "Example", service: "Ads", purpose: "Measure campaigns.", max_age: 3 months }
    }
}

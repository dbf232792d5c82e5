use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        "__Host-csrf" as CSRF {
            provider: "Example",
            service: "Consent forms",
            purpose: "Protect the consent forms.",
            same_site: Strict,
            csrf_token: true,
        }
    }
    preferences {
        form_check {
            provider: "Example",
            service: "Consent forms",
            purpose: "Protect the consent forms.",
            same_site: None,
            csrf_token: true,
        }
    }
    statistics {
        extern "_pk_*" as PK {
            provider: "Matomo",
            service: "Audience",
            purpose: "Tell visitors apart.",
            max_age: 13 months,
            path: "/stats",
        }
    }
}

fn main() {}

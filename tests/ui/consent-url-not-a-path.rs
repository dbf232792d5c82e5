use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies {
        site: "https://example.fr",
        consent_url: "javascript:alert(1)",
    }
    necessary {
        consent {
            provider: "Example",
            service: "Consent",
            purpose: "Remember the visitor's choice.",
            max_age: 6 months,
            stores_consent: true,
        }
    }
}

fn main() {}

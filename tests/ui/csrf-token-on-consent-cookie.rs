use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        consent {
            provider: "Example",
            service: "Consent",
            purpose: "Remember the visitor's choice.",
            max_age: 6 months,
            stores_consent: true,
            csrf_token: true,
        }
    }
}

fn main() {}

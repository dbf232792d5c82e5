use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies {
        site: "https://example.fr",
        consent_retention: session,
    }
    necessary {
        consent {
            provider: "Example",
            service: "Consent",
            purpose: "Remember the visitor's choice.",
            stores_consent: true,
        }
    }
}

fn main() {}

use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        extern "cmp_choice" as CMP {
            provider: "Consent platform",
            service: "Consent",
            purpose: "Remember the visitor's choice.",
            max_age: 6 months,
            stores_consent: true,
        }
    }
}

fn main() {}

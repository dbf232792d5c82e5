use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    marketing {
        campaign {
            provider: "Example",
            service: "Newsletter",
            purpose: "Measure which campaign brought you here.",
            max_age: 395 days,
        }
    }
}

fn main() {}

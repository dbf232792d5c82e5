use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies {
        site: "https://example.fr",
        consent_retention: 6 months,
    }
    statistics {
        visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
    }
}

fn main() {}

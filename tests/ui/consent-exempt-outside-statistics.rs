use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    marketing {
        ad {
            provider: "Ads",
            service: "Advertising",
            purpose: "Show relevant ads.",
            max_age: 30 days,
            consent_exempt: true,
        }
    }
}

fn main() {}

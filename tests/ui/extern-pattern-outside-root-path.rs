use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
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

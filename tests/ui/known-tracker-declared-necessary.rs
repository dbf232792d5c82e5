use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        _ga {
            provider: "Google",
            service: "Analytics",
            purpose: "Count visits.",
            max_age: 13 months,
        }
    }
}

fn main() {}

use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    statistics {
        extern "_ga_*" as GA_STREAM {
            provider: "Google",
            service: "Analytics",
            purpose: "Tell visits apart.",
            max_age: 14 months,
        }
    }
}

fn main() {}

use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        extern "_hjSessionUser_*" as HOTJAR_USER {
            provider: "Hotjar",
            service: "Analytics",
            purpose: "Tell visitors apart.",
            max_age: 365 days,
        }
    }
}

fn main() {}

use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    statistic {
        extern "_ga_*" as GA_STREAM {
            provider: "Google",
            service: "Analytics",
            purpose: "Tell visits apart.",
            max_age: 13 months,
        }
    }
}

fn main() {
    let _ = Cookies::GA_STREAM.name();
}

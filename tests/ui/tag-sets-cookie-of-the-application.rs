use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    statistics {
        visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
        tag audience {
            provider: "Example",
            service: "Audience",
            src: "https://example.fr/audience.js",
            sets: [visits],
        }
    }
}

fn main() {}

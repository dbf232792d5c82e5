use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        basket {
            provider: "Example",
            service: "Shop",
            purpose: "Keep the basket.",
            not_a_known_tracker: true,
        }
    }
}

fn main() {}

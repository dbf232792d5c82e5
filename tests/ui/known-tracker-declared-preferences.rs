use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    preferences {
        extern _fbp {
            provider: "Meta",
            service: "Facebook pixel",
            purpose: "Remember the visitor.",
            max_age: 90 days,
        }
    }
}

fn main() {}

use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        sessionid {
            provider: "Example",
            service: "Login",
            purpose: "Keep you signed in.",
            max_age: -1 days,
        }
    }
}

fn main() {}

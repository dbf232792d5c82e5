use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        sessionid {
            provider: "Example",
            service: "Login",
            purpose: "Keep you signed in.",
            max_age: 2 years,
        }
    }
}

fn main() {}

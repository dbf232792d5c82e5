use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        "__Host-sid" {
            provider: "Example",
            service: "Login",
            purpose: "Keep you signed in.",
            domain: "example.fr",
        }
    }
}

fn main() {}

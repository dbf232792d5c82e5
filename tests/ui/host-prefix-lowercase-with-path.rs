use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        "__host-sid" {
            provider: "Example",
            service: "Login",
            purpose: "Keep you signed in.",
            path: "/app",
        }
    }
}

fn main() {}

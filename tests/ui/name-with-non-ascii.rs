use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        "café" as CAFE {
            provider: "Example",
            service: "Login",
            purpose: "Keep you signed in.",
        }
    }
}

fn main() {}

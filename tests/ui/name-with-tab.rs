use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        "sess\tid" as SESS_TAB {
            provider: "Example",
            service: "Login",
            purpose: "Keep you signed in.",
        }
    }
}

fn main() {}

use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr", site: "https://example.com" }
    necessary {
        sessionid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
    }
}

fn main() {}

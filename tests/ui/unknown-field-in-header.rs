use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr", show_lifetimes: true }
    necessary {
        sessionid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
    }
}

fn main() {}

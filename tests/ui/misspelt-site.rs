use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { sitte: "https://example.fr" }
    necessary {
        sessionid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
    }
}

fn main() {}

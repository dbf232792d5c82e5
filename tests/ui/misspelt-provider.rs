use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        sessionid { provder: "Example", service: "Login", purpose: "Keep you signed in." }
    }
}

fn main() {}

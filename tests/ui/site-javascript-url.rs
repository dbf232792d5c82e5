use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "javascript:alert(1)" }
    necessary {
        sessionid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
    }
}

fn main() {}

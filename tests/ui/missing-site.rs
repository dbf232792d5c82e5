use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies {}
    necessary {
        sessionid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
    }
}

fn main() {}

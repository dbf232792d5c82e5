use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        "a-b" { provider: "Example", service: "Login", purpose: "Keep you signed in." }
        a_b { provider: "Example", service: "Cart", purpose: "Keep your cart." }
    }
}

fn main() {}

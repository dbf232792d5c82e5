use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        sessionid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
        csrftoken { provider: "Example", service: "Forms", purpose: "Protect your forms." }
    }
}

fn main() {
    let _ = Cookies!("sessionidd").cookie("x");
}

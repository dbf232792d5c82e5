use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.eu", languages: [it, en] }
    necessary {
        sessionid { provider: "Example", service: "Login", purpose: "Mantiene l'accesso." }
    }
}

fn main() {}

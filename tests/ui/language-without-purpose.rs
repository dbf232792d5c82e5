use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.eu", languages: [de, es, pl] }
    necessary {
        sessionid {
            provider: "Example",
            service: "Login",
            purpose: { de: "Hält Sie angemeldet.", pl: "Utrzymuje zalogowanie." },
        }
    }
}

fn main() {}

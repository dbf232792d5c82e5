use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.eu", languages: [de, gr] }
    necessary {
        sessionid {
            provider: "Example",
            service: "Login",
            purpose: { de: "Hält Sie angemeldet.", gr: "Σας κρατά συνδεδεμένους." },
        }
    }
}

fn main() {}

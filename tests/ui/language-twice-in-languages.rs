use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.eu", languages: [de, en, de] }
    necessary {
        sessionid {
            provider: "Example",
            service: "Login",
            purpose: { de: "Hält Sie angemeldet.", en: "Keeps you signed in." },
        }
    }
}

fn main() {}

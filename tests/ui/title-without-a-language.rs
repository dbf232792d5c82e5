use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies {
        site: "https://example.eu",
        languages: [fr, de],
        title: { fr: "Nos cookies" },
    }
    necessary {
        sessionid {
            provider: "Example",
            service: "Login",
            purpose: { fr: "Garder la session.", de: "Hält Sie angemeldet." },
        }
    }
}

fn main() {}

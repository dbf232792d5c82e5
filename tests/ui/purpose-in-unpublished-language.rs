use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.eu", languages: [es] }
    necessary {
        sessionid {
            provider: "Example",
            service: "Login",
            purpose: { es: "Mantiene la sesión.", pt: "Mantém a sessão." },
        }
    }
}

fn main() {}

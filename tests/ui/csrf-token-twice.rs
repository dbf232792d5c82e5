use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        "__Host-csrf" as CSRF {
            provider: "Example",
            service: "Consent forms",
            purpose: "Protect the consent forms.",
            same_site: Strict,
            csrf_token: true,
        }
        "__Host-csrf-v2" as CSRF_V2 {
            provider: "Example",
            service: "Consent forms",
            purpose: "Protect the consent forms.",
            same_site: Strict,
            csrf_token: true,
        }
    }
}

fn main() {}

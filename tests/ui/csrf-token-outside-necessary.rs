use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    preferences {
        "__Host-csrf" as CSRF {
            provider: "Example",
            service: "Consent forms",
            purpose: "Protect the consent forms.",
            same_site: Strict,
            csrf_token: true,
        }
    }
}

fn main() {}

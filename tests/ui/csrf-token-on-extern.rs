use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        extern "cmp_csrf" as CMP_CSRF {
            provider: "Consent platform",
            service: "Consent forms",
            purpose: "Protect the consent forms.",
            csrf_token: true,
        }
    }
}

fn main() {}

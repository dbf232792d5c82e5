use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    marketing {
        extern youtube { provider: "Google", service: "YouTube", purpose: "Compter les vues." }
        embed youtube { provider: "Google", service: "YouTube", sets: [youtube] }
    }
}

fn main() {}

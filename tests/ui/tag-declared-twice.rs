use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    marketing {
        extern YSC { provider: "Google", service: "YouTube", purpose: "Compter les vues." }
        embed youtube { provider: "Google", service: "YouTube", sets: [YSC] }
        embed youtube as SHORTS { provider: "Google", service: "YouTube Shorts", sets: [YSC] }
    }
}

fn main() {}

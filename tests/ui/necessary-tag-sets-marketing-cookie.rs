use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        tag player {
            provider: "Google",
            service: "YouTube",
            src: "https://www.youtube.com/iframe_api",
            sets: [YSC],
        }
    }
    marketing {
        extern YSC { provider: "Google", service: "YouTube", purpose: "Compter les vues." }
        embed youtube { provider: "Google", service: "YouTube", sets: [YSC] }
    }
}

fn main() {}

use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    marketing {
        extern YSC {
            provider: "Google",
            service: "YouTube",
            purpose: "Compter les vues.",
            set_by: "the YouTube player",
        }
        embed youtube { provider: "Google", service: "YouTube", sets: [YSC] }
    }
}

fn main() {}

use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    marketing {
        extern YSC { provider: "Google", service: "YouTube", purpose: "Compter les vues." }
    }
    statistics {
        extern "_pk_id.*" as PK_ID {
            provider: "Matomo",
            service: "Mesure d'audience",
            purpose: "Distinguer les visiteurs.",
            max_age: 13 months,
        }
        tag matomo {
            provider: "Matomo",
            service: "Mesure d'audience",
            src: "https://stats.example.fr/matomo.js",
            sets: ["_pk_id.*", YSC],
        }
    }
}

fn main() {}

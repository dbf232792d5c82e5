use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    statistics {
        extern "_pk_id.*" as PK_ID {
            provider: "Matomo",
            service: "Mesure d'audience",
            purpose: "Distinguer les visiteurs.",
            max_age: 13 months,
        }
        extern "_ga_*" as GA {
            provider: "Google",
            service: "Google Analytics",
            purpose: "Distinguer les visiteurs.",
            max_age: 13 months,
        }
        tag matomo {
            provider: "Matomo",
            src: "//stats.example.fr/matomo.js",
            sets: [_pk_id],
            loading: lazy,
        }
    }
}

fn main() {}

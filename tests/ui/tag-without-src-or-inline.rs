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
        tag matomo {
            provider: "Matomo",
            service: "Mesure d'audience",
            sets: ["_pk_id.*"],
        }
    }
}

fn main() {}

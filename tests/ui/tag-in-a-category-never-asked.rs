use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    statistics {
        extern "_pk_id.*" {
            provider: "Matomo", service: "Mesure d'audience",
            purpose: "Distinguer les visiteurs.", max_age: 13 months,
        }
        tag matomo {
            provider: "Matomo", service: "Mesure d'audience",
            src: "https://stats.example.fr/matomo.js", sets: ["_pk_id.*"],
        }
    }
    marketing {
        tag gtm {
            provider: "Google", service: "Google Tag Manager",
            inline: "window.dataLayer = window.dataLayer || [];", sets: [],
        }
    }
}

fn main() {}

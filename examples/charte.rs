//! An open-data portal's cookies, declared once, and its charte printed.
//!
//! ```text
//! cargo run --example charte                 # French, plain text
//! cargo run --example charte -- en markdown  # or: fr|en  text|markdown|html
//! ```

use cookie_decl::{Format, Lang, declare_cookies};

declare_cookies! {
    /// The cookies of the Bourges Plus open-data portal.
    pub struct PortalCookies {
        site: "https://data.bourgesplus.fr",
    }

    necessary {
        /// The session of a signed-in user.
        sessionid {
            provider: "Opendatasoft",
            service: "Authentification (front et back office)",
            purpose: "Se souvenir de l'utilisateur d'une page à une autre.",
            max_age: 2 weeks,
        }
        django_language {
            provider: "Opendatasoft",
            service: "Sélection de la langue (front et back office)",
            purpose: "Se souvenir de la langue du visiteur",
            max_age: 1 year,
            http_only: false,
        }
        csrftoken {
            provider: "Opendatasoft",
            service: "API (CSRF) (front et back office)",
            purpose: "Récupérer des données via des appels API",
            max_age: 1 year,
            same_site: Strict,
            http_only: false,
        }
        cookies_preferences {
            provider: "Opendatasoft",
            service: "Choix concernant vos préférences sur les cookies",
            purpose: "Se souvenir du choix opéré par le visiteur concernant les cookies",
            max_age: 6 months,
            http_only: false,
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let lang = match args.next().as_deref() {
        None | Some("fr") => Lang::Fr,
        Some("en") => Lang::En,
        Some(other) => return usage(&format!("unknown language `{other}`")),
    };
    let format = match args.next().as_deref() {
        None | Some("text") => Format::Text,
        Some("markdown") => Format::Markdown,
        Some("html") => Format::Html,
        Some(other) => return usage(&format!("unknown format `{other}`")),
    };
    print!("{}", PortalCookies::charte(lang, format));
}

fn usage(problem: &str) {
    eprintln!("{problem}\nusage: charte [fr|en] [text|markdown|html]");
    std::process::exit(2);
}

//! Writes a registry's charte as `.txt`, `.md` and `.html` (French and
//! English) and the cookie list as `.json`, the input of a front-end consent
//! manager, into a folder.
//!
//! ```text
//! cargo run --example export --features serde -- target/charte
//! ```

use std::path::PathBuf;

use cookie_decl::{Format, Lang, declare_cookies};

declare_cookies! {
    /// The cookies of an open-data portal with audience measurement.
    pub struct PortalCookies {
        site: "https://data.example.fr",
        show_lifetime: true,
        show_consent: true,
        contact: "dpo@example.fr",
    }
    necessary {
        sessionid {
            provider: "Opendatasoft",
            service: "Authentification (front et back office)",
            purpose: "Se souvenir de l'utilisateur d'une page à une autre.",
        }
        cookies_preferences {
            provider: "Opendatasoft",
            service: "Choix concernant vos préférences sur les cookies",
            purpose: "Se souvenir du choix opéré par le visiteur concernant les cookies",
            max_age: 6 months,
            http_only: false,
        }
    }
    statistics {
        extern "_pk_id.*" as PK_ID {
            provider: "Matomo",
            service: "Mesure d'audience",
            purpose: "Distinguer les visiteurs d'une visite à l'autre.",
            max_age: 13 months,
        }
        extern "_pk_ses.*" as PK_SES {
            provider: "Matomo",
            service: "Mesure d'audience",
            purpose: "Regrouper les pages vues d'une même visite.",
            max_age: 30 minutes,
        }
    }
}

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "charte".to_owned()),
    );
    std::fs::create_dir_all(&dir)?;
    for (lang, suffix) in [(Lang::Fr, "fr"), (Lang::En, "en")] {
        for (format, extension) in [
            (Format::Text, "txt"),
            (Format::Markdown, "md"),
            (Format::Html, "html"),
        ] {
            let path = dir.join(format!("charte.{suffix}.{extension}"));
            std::fs::write(&path, PortalCookies::charte(lang, format))?;
            println!("{}", path.display());
        }
    }
    let json = serde_json::to_string_pretty(&PortalCookies).map_err(std::io::Error::other)?;
    let path = dir.join("cookies.json");
    std::fs::write(&path, json + "\n")?;
    println!("{}", path.display());
    Ok(())
}

//! The pages the Rocket, poem and actix-web examples share, none of it
//! tied to a framework: each example's handlers call these with what the
//! library's guards or extractors give them (`Consent`, `CsrfToken`,
//! `ConsentChoice`) and send the result with its `WithCookies`.
//!
//! The registry is the axum example's (`examples/axum_site/cookies.rs`),
//! which each example declares as its module `cookies`.

use cookie_decl::consent::{self, Consent, ConsentCookie, CsrfToken, Recorded};
use cookie_decl::cookie::Cookie;
use cookie_decl::{Format, Lang};

use crate::cookies::SiteCookies;

/// Where the site keeps the visitor's choice: the cookie the registry
/// declares `stores_consent`, signed with the application's key.
pub type Store = ConsentCookie<SiteCookies>;

/// `GET /`: the banner while no choice counts, and a visit counter that
/// is a statistics cookie, set only through the gate. `visits` is the
/// counter's value in the request; the cookie to send comes back with the
/// page (`None` without the visitor's consent).
pub fn home(
    consent: &Consent<SiteCookies>,
    csrf: &CsrfToken<SiteCookies>,
    visits: Option<&str>,
) -> (String, Option<Cookie<'static>>) {
    let count = visits
        .and_then(|value| value.parse::<u32>().ok())
        .unwrap_or(0)
        .saturating_add(1);
    // `Some` only when the visitor accepted statistics.
    let cookie = consent.cookie(SiteCookies::VISITS, count.to_string());
    let counted = match cookie {
        Some(_) => format!("<p>Visite n° {count}.</p>"),
        None => "<p>Visites non comptées.</p>".to_owned(),
    };
    let banner = if consent.needs_asking() {
        consent::banner::<SiteCookies>(Lang::Fr, csrf.as_str())
    } else {
        String::new()
    };
    let page = format!(
        "<!doctype html><html lang=\"fr\"><title>Accueil</title>{banner}<h1>Accueil</h1>\
         {counted}<p><a href=\"/cookies/preferences\">Gérer les cookies</a> · \
         <a href=\"/cookies\">Charte cookies</a></p></html>"
    );
    (page, cookie)
}

/// `GET /cookies/preferences`: one box per category, the current choice
/// ticked.
pub fn preferences(consent: &Consent<SiteCookies>, csrf: &CsrfToken<SiteCookies>) -> String {
    consent::preferences::<SiteCookies>(Lang::Fr, csrf.as_str(), consent)
}

/// `POST /cookies/consent`, once the library's `ConsentChoice` showed the
/// form is the visitor's and recorded it (`choice.record(&store)`, which
/// notes a Global Privacy Control signal in the proof): where to send the
/// browser next (a 303), and, for a choice recorded, what it sets: the
/// consent cookie and the removal of every cookie of a category not (or
/// no longer) accepted. `None` is "Personnaliser".
pub fn record(recorded: Option<Recorded<SiteCookies>>) -> (&'static str, Vec<Cookie<'static>>) {
    match recorded {
        None => ("/cookies/preferences", Vec::new()),
        Some(recorded) => {
            // The proof: a real site appends it to a store it keeps (see
            // the axum example); one line on standard output here.
            println!("{}", recorded.record());
            let (_, set_cookies, _) = recorded.into_parts();
            ("/", set_cookies)
        }
    }
}

/// `GET /cookies`: the charte, generated at compile time.
pub fn charte() -> &'static str {
    SiteCookies::charte(Lang::Fr, Format::Html)
}

/// The port from `PORT`, or `default`; exits with a message when `PORT` is
/// not a port number.
pub fn port(default: u16) -> u16 {
    match std::env::var("PORT").map_or(Ok(default), |port| port.parse::<u16>()) {
        Ok(port) => port,
        Err(_) => {
            eprintln!("PORT must be a port number");
            std::process::exit(2);
        }
    }
}

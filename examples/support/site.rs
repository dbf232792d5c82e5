//! What the Rocket, poem and actix-web examples share, none of it tied to a
//! framework: the visitor's cookies and consent read from the request's
//! `Cookie` headers, the CSRF token, the pages, and a choice recorded with
//! its removals and its proof. Each example adds only its framework's glue:
//! how a handler reaches the headers, the body and the store, and how the
//! `Set-Cookie`s in [`Visit::set`] go out.
//!
//! The registry is the axum example's (`examples/axum_site/cookies.rs`),
//! which each example declares as its module `cookies`.

use cookie_decl::consent::{
    self, Consent, ConsentCookie, ConsentForm, CsrfToken, FormAction, FormOrigin, RequestCookies,
};
use cookie_decl::cookie::Cookie;
use cookie_decl::{DeclaredCookie, Format, Lang};

use crate::cookies::SiteCookies;

/// Where the site keeps the visitor's choice: the cookie the registry
/// declares `stores_consent`, signed with the application's key.
pub type Store = ConsentCookie<SiteCookies>;

/// One request: its cookies (every `Cookie` header: HTTP/2 may send one
/// per cookie), the visitor's consent read from them, and what the
/// response sets. A forged, expired or garbled consent cookie reads as "not
/// asked yet", never as an error page.
pub struct Visit<'r> {
    pub cookies: RequestCookies<'r>,
    pub consent: Consent<SiteCookies>,
    /// The cookies the response sets, in order.
    pub set: Vec<Cookie<'static>>,
}

/// What a posted choice comes to.
pub enum Posted {
    /// Not a form the banner or the preferences page sends: 400.
    Malformed,
    /// Without the visitor's CSRF token: 403, and nothing recorded.
    Forbidden,
    /// "Personnaliser": see the preferences page.
    Customise,
    /// Recorded: [`Visit::set`] holds the consent cookie and the removals.
    Recorded,
}

impl Posted {
    /// Where to send the browser next (a 303), if anywhere.
    pub fn location(&self) -> Option<&'static str> {
        match self {
            Posted::Malformed | Posted::Forbidden => None,
            Posted::Customise => Some("/cookies/preferences"),
            Posted::Recorded => Some("/"),
        }
    }
}

impl<'r> Visit<'r> {
    /// The visit of a request with these `Cookie` headers (as text or
    /// bytes: a header with a stray non-ASCII cookie loses that cookie
    /// only).
    pub fn new<H>(cookie_headers: impl IntoIterator<Item = &'r H>, store: &Store) -> Visit<'r>
    where
        H: AsRef<[u8]> + ?Sized + 'r,
    {
        let cookies = RequestCookies::from_headers(cookie_headers);
        let consent = store.read(&cookies);
        Visit {
            cookies,
            consent,
            set: Vec::new(),
        }
    }

    /// The decoded value of `cookie`, `None` when absent or garbled.
    pub fn get(&self, cookie: DeclaredCookie) -> Option<String> {
        let raw = self.cookies.get(cookie.name())?;
        let value = cookie_decl::decode_value(raw).ok()?;
        (!value.is_empty()).then(|| value.into_owned())
    }

    /// The visitor's CSRF token, issued (as the declared `__Host-csrf`
    /// cookie) on the first page that needs one. Without a source of
    /// randomness it is empty, and every form is refused.
    pub fn csrf_token(&mut self) -> String {
        match CsrfToken::<SiteCookies>::for_request(&self.cookies) {
            Ok(token) => {
                self.set.extend(token.set_cookie());
                token.as_str().to_owned()
            }
            Err(_) => String::new(),
        }
    }

    /// `GET /`: the banner while no choice counts, and a visit counter that
    /// is a statistics cookie, set only through the gate.
    pub fn home(&mut self) -> String {
        let token = self.csrf_token();
        let count = self
            .get(SiteCookies::VISITS)
            .and_then(|value| value.parse::<u32>().ok())
            .unwrap_or(0)
            .saturating_add(1);
        // `Some` only when the visitor accepted statistics.
        let counted = match self.consent.cookie(SiteCookies::VISITS, count.to_string()) {
            Some(cookie) => {
                self.set.push(cookie);
                format!("<p>Visite n° {count}.</p>")
            }
            None => "<p>Visites non comptées.</p>".to_owned(),
        };
        let banner = if self.consent.needs_asking() {
            consent::banner::<SiteCookies>(Lang::Fr, &token)
        } else {
            String::new()
        };
        format!(
            "<!doctype html><html lang=\"fr\"><title>Accueil</title>{banner}<h1>Accueil</h1>\
             {counted}<p><a href=\"/cookies/preferences\">Gérer les cookies</a> · \
             <a href=\"/cookies\">Charte cookies</a></p></html>"
        )
    }

    /// `GET /cookies/preferences`: one box per category, the current
    /// choice ticked.
    pub fn preferences(&mut self) -> String {
        let token = self.csrf_token();
        consent::preferences::<SiteCookies>(Lang::Fr, &token, &self.consent)
    }

    /// `POST /cookies/consent`: the choice of the banner or the preferences
    /// page, from the form's `body`, acted on only once
    /// [`ConsentForm::verify`] shows it is the visitor's (posted from this
    /// site, per `origin`, with the token of the visitor's CSRF cookie).
    /// Recorded, it sets the consent cookie and the removal of every cookie
    /// of a category not (or no longer) accepted, and logs the proof.
    pub fn record(&mut self, store: &Store, body: &str, origin: FormOrigin<'_>) -> Posted {
        let Ok(form) = ConsentForm::parse(body) else {
            return Posted::Malformed;
        };
        let granted = match form.verify::<SiteCookies>(&self.cookies, origin) {
            Err(_) => return Posted::Forbidden,
            Ok(FormAction::Customise) => return Posted::Customise,
            Ok(FormAction::Record(granted)) => granted,
        };
        let recorded = store.record(&self.cookies, granted);
        // The proof: a real site appends it to a store it keeps (see the
        // axum example); one line on standard output here.
        println!("{}", recorded.record());
        let (_, set_cookies, _) = recorded.into_parts();
        self.set = set_cookies;
        Posted::Recorded
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

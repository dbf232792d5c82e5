//! The glue for [Rocket](https://rocket.rs) 0.5 (feature `rocket`, which
//! turns on `signed`): the visitor's [`Consent`], [`CsrfToken`] and
//! language ([`VisitorLang`], from `Accept-Language`)
//! as request guards, the consent form as a data guard that checks its CSRF
//! token ([`ConsentChoice`], `403` otherwise), a recorded choice as a
//! responder, and [`ConsentFairing`], which audits every request and
//! checks every response's `Set-Cookie` against the declaration, with the
//! behaviour and findings of axum's `ConsentLayer`.
//!
//! Cookies go out as raw `Set-Cookie` headers ([`WithCookies`]), exactly
//! as the declaration built them: Rocket's `CookieJar` percent-encodes
//! every value it sends, and a declared cookie's value is already encoded,
//! so through the jar it would be encoded twice. Cookies an application
//! still sends through the jar are checked by the fairing like any other.
//!
//! ```
//! # extern crate cookie_decl_core as cookie_decl;
//! use cookie_decl::consent::{self, Consent, ConsentCookie, CsrfToken};
//! use cookie_decl::cookie::Key;
//! use cookie_decl::rocket::{ConsentChoice, ConsentFairing, WithCookies};
//! use cookie_decl::{declare_cookies, Lang};
//! use rocket::response::Redirect;
//! use rocket::response::content::RawHtml;
//! use rocket::{get, post, routes, State};
//!
//! declare_cookies! {
//!     pub struct Cookies { site: "https://example.fr" }
//!     necessary {
//!         "__Host-csrf" as CSRF { provider: "Example", service: "Forms",
//!                                 purpose: "Protect the forms.", same_site: Strict,
//!                                 csrf_token: true }
//!         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
//!                   max_age: 6 months, stores_consent: true }
//!     }
//!     statistics {
//!         visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
//!     }
//! }
//!
//! #[get("/")]
//! fn home(consent: Consent<Cookies>, csrf: CsrfToken<Cookies>) -> WithCookies<RawHtml<String>> {
//!     let banner = if consent.needs_asking() {
//!         consent::banner::<Cookies>(Lang::Fr, csrf.as_str())
//!     } else {
//!         String::new()
//!     };
//!     // The gate: `None` until the visitor says yes to statistics.
//!     WithCookies::new(RawHtml(banner)).csrf(&csrf).cookie(consent.cookie(Cookies::VISITS, "1"))
//! }
//!
//! // Reached only with the visitor's own CSRF token: a forged form is a 403.
//! #[post("/cookies/consent", data = "<choice>")]
//! fn record(store: &State<ConsentCookie<Cookies>>, choice: ConsentChoice<Cookies>) -> WithCookies<Redirect> {
//!     // `None`: the visitor asked to customise.
//!     let Some(recorded) = choice.record(store) else {
//!         return WithCookies::new(Redirect::to("/cookies/preferences"));
//!     };
//!     println!("{}", recorded.record()); // the proof, GPC noted: keep it
//!     WithCookies::new(Redirect::to("/")).recorded(&recorded)
//! }
//!
//! /// The site's key, built once at start: 64 secret bytes or more from
//! /// the environment, the same on every server and worker. A generated
//! /// key is for development only: each process that makes its own reads
//! /// every choice made under another as "not asked".
//! fn site_key() -> Key {
//!     match std::env::var("COOKIE_KEY") {
//!         Ok(secret) if secret.len() >= 64 => Key::from(secret.as_bytes()),
//!         _ => Key::generate(),
//!     }
//! }
//!
//! // The store, built once; the fairing also manages it, for
//! // `&State<ConsentCookie<_>>`.
//! let store = ConsentCookie::<Cookies>::signed(site_key());
//! let rocket = rocket::build()
//!     .mount("/", routes![home, record])
//!     .attach(ConsentFairing::enforce(store));
//! ```

use ::rocket::data::{self, Data, FromData, Limits};
use ::rocket::fairing::{self, Fairing, Info, Kind};
use ::rocket::http::{Method, Status};
use ::rocket::request::{self, FromRequest, Request};
use ::rocket::response::{self, Responder, Response};
use ::rocket::{Build, Rocket, outcome::Outcome};

use crate::consent::{
    Consent, ConsentCookie, ConsentRegistry, CsrfRegistry, CsrfToken, RandomError, Recorded,
};
use crate::integration::{self, FormHead, Line, PostedForm};
use crate::{Registry, VisitorLang};
use std::sync::atomic::{AtomicBool, Ordering};

pub use crate::integration::{
    Action, Caching, ConsentCheck as ConsentFairing, ConsentChoice, CsrfForm, FormRejection, Mode,
    Report, WithCookies,
};

/// The consent the fairing read for a request, in its local cache.
struct Read<R>(Option<Consent<R>>);

/// Whether a guard read the visitor's consent or token, in the request's
/// local cache: the fairing's [`Caching`] is then applied.
#[derive(Default)]
struct PerVisitor(AtomicBool);

fn mark_per_visitor(request: &Request<'_>) {
    request
        .local_cache(PerVisitor::default)
        .0
        .store(true, Ordering::Relaxed);
}

/// Every `Cookie` header of `request`.
fn cookie_headers<'a>(request: &'a Request<'_>) -> impl Iterator<Item = &'a str> {
    request.headers().get("Cookie")
}

/// The request's `Sec-GPC` header (Global Privacy Control).
fn sec_gpc<'a>(request: &'a Request<'_>) -> Option<&'a [u8]> {
    request.headers().get_one("Sec-GPC").map(str::as_bytes)
}

/// No [`ConsentCookie`] to read consent with: attach [`ConsentFairing`],
/// or manage the store (`rocket.manage(store)`). Answered `500`.
#[derive(Debug)]
pub struct NoStore;

/// The visitor's consent: the one [`ConsentFairing`] read for this
/// request, or read with the managed [`ConsentCookie`]. Never fails for
/// the visitor: a request without a valid choice is [not asked
/// yet](Consent::needs_asking); `500` when there is no store at all. The
/// request's Global Privacy Control signal is honoured; the response of a
/// handler that takes it gets the fairing's [`Caching`].
#[::rocket::async_trait]
impl<'r, R: ConsentRegistry> FromRequest<'r> for Consent<R> {
    type Error = NoStore;

    async fn from_request(request: &'r Request<'_>) -> request::Outcome<Self, NoStore> {
        mark_per_visitor(request);
        if let Read(Some(consent)) = request.local_cache(|| Read::<R>(None)) {
            return Outcome::Success(*consent);
        }
        match request.rocket().state::<ConsentCookie<R>>() {
            Some(store) => Outcome::Success(integration::read_consent(
                store,
                cookie_headers(request),
                sec_gpc(request),
            )),
            None => Outcome::Error((Status::InternalServerError, NoStore)),
        }
    }
}

/// The language to show the visitor, from the request's `Accept-Language`
/// headers among the registry's published languages (see
/// [`VisitorLang`]). Never fails; the response of a handler that takes it
/// gets the fairing's [`Caching`]: a page in the visitor's language is
/// theirs.
#[::rocket::async_trait]
impl<'r, R: Registry> FromRequest<'r> for VisitorLang<R> {
    type Error = std::convert::Infallible;

    async fn from_request(request: &'r Request<'_>) -> request::Outcome<Self, Self::Error> {
        mark_per_visitor(request);
        let headers = request.headers().get("Accept-Language");
        Outcome::Success(VisitorLang::from_headers(headers.map(str::as_bytes)))
    }
}

/// The visitor's CSRF token for the page's forms: the one its cookie
/// holds, or a fresh one; send it with [`WithCookies::csrf`], so that a
/// fresh token's cookie is set. `500` only when the operating system
/// gives no random bytes. The response of a handler that takes it gets the
/// fairing's [`Caching`]: a page with the visitor's token is theirs alone.
#[::rocket::async_trait]
impl<'r, R: CsrfRegistry> FromRequest<'r> for CsrfToken<R> {
    type Error = RandomError;

    async fn from_request(request: &'r Request<'_>) -> request::Outcome<Self, RandomError> {
        mark_per_visitor(request);
        match integration::csrf_token(cookie_headers(request)) {
            Ok(token) => Outcome::Success(token),
            Err(error) => Outcome::Error((Status::InternalServerError, error)),
        }
    }
}

/// A posted form, read within the `form` limit (32 KiB by default):
/// `415`, `400` or `403` as [`FormRejection`] says. The origin is checked
/// before the body is read: a cross-site post costs nothing.
async fn read_form<'r, T: PostedForm>(
    request: &'r Request<'_>,
    data: Data<'r>,
) -> data::Outcome<'r, T, FormRejection> {
    let header = |name| request.headers().get_one(name).map(str::as_bytes);
    let head = FormHead {
        content_type: header("Content-Type"),
        sec_fetch_site: header("Sec-Fetch-Site"),
        origin: header("Origin"),
        host: header("Host"),
    };
    let limit = request.limits().get("form").unwrap_or(Limits::FORM);
    let checked = match head.check() {
        Ok(()) => match data.open(limit).into_bytes().await {
            Ok(body) if body.is_complete() => {
                let cookies = integration::joined_cookie_headers(cookie_headers(request));
                T::from_body(cookies, &body, sec_gpc(request))
            }
            _ => Err(FormRejection::Body),
        },
        Err(rejection) => Err(rejection),
    };
    match checked {
        Ok(form) => Outcome::Success(form),
        Err(rejection) => Outcome::Error((Status::new(rejection.status()), rejection)),
    }
}

/// The consent form as a data guard (`data = "<choice>"`):
/// refused with a [`FormRejection`] (`415`, `400` or `403`) before the handler
/// runs, its origin checked before its body is read.
#[::rocket::async_trait]
impl<'r, R: CsrfRegistry> FromData<'r> for ConsentChoice<R> {
    type Error = FormRejection;

    async fn from_data(request: &'r Request<'_>, data: Data<'r>) -> data::Outcome<'r, Self> {
        read_form(request, data).await
    }
}

/// Any other form of the site as a data guard (`data = "<form>"`), its
/// CSRF token checked as the consent form's is.
#[::rocket::async_trait]
impl<'r, R: CsrfRegistry> FromData<'r> for CsrfForm<R> {
    type Error = FormRejection;

    async fn from_data(request: &'r Request<'_>, data: Data<'r>) -> data::Outcome<'r, Self> {
        read_form(request, data).await
    }
}

/// `T`'s response, with a `Set-Cookie` header per cookie.
impl<'r, 'o: 'r, T: Responder<'r, 'o>> Responder<'r, 'o> for WithCookies<T> {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'o> {
        let (lines, inner) = self.into_lines();
        let mut response = inner.respond_to(request)?;
        for line in lines {
            response.adjoin_raw_header("Set-Cookie", line);
        }
        Ok(response)
    }
}

/// A recorded choice alone: `204 No Content`, with the consent cookie and
/// the removals (for a consent manager that posts the form from a
/// script). With a page or a redirect: [`WithCookies::recorded`].
impl<'r, 'o: 'r, R> Responder<'r, 'o> for Recorded<R> {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'o> {
        WithCookies::new(Status::NoContent)
            .recorded(&self)
            .respond_to(request)
    }
}

/// As a fairing: manages its store (when the application does not), reads
/// and audits each request's consent, warns at ignition of each address
/// the generated pages send a visitor to that no route serves (the consent
/// form's `POST`, the preferences page, the charte: Rocket's route
/// attributes take literals, which nothing else holds to the registry's
/// `CONSENT_URL`, `PREFERENCES_URL` and `CHARTE_URL`), and attaches the check
/// of each response's `Set-Cookie` headers as a fairing of its own: one
/// attached then runs after every fairing attached before ignition,
/// whatever their order, so that the cookies those fairings set are
/// checked too, as are those of Rocket's `CookieJar` (written before any
/// fairing runs).
#[::rocket::async_trait]
impl<R: ConsentRegistry> Fairing for ConsentFairing<R> {
    fn info(&self) -> Info {
        Info {
            name: "cookie-decl consent",
            kind: Kind::Ignite | Kind::Request,
        }
    }

    async fn on_ignite(&self, rocket: Rocket<Build>) -> fairing::Result {
        for missing in unrouted::<R>(&rocket) {
            ::log::warn!("cookie-decl: {missing}");
        }
        let rocket = rocket.attach(ResponseCheck(self.clone()));
        if rocket.state::<ConsentCookie<R>>().is_some() {
            return Ok(rocket);
        }
        Ok(rocket.manage(self.store.clone()))
    }

    async fn on_request(&self, request: &mut Request<'_>, _: &mut Data<'_>) {
        let consent = self.read_request(
            cookie_headers(request),
            sec_gpc(request),
            request.method().as_str(),
            request.uri().path().as_str(),
        );
        request.local_cache(|| Read(Some(consent)));
    }
}

/// The addresses the generated pages send a visitor to that no route of
/// `rocket` serves, each said in a sentence: Rocket's route attributes
/// take literals, which nothing else holds to the registry's addresses.
/// The fairing logs them as warnings at ignition.
fn unrouted<R: Registry>(rocket: &Rocket<Build>) -> Vec<String> {
    let registry = std::any::type_name::<R>()
        .rsplit("::")
        .next()
        .unwrap_or("R");
    [
        (
            Method::Post,
            R::CONSENT_URL,
            "CONSENT_URL",
            "the banner's and the preferences page's form post there",
        ),
        (
            Method::Get,
            R::PREFERENCES_URL,
            "PREFERENCES_URL",
            "the banner's \"customise\" leads there",
        ),
        (
            Method::Get,
            R::CHARTE_URL,
            "CHARTE_URL",
            "the banner and the preferences page link to it",
        ),
    ]
    .into_iter()
    .filter(|(method, url, ..)| {
        !rocket
            .routes()
            .any(|route| route.method == *method && serves(route.uri.path(), url))
    })
    .map(|(method, url, name, why)| {
        format!("no route serves `{method} {url}` (`{registry}::{name}`): {why}")
    })
    .collect()
}

/// Whether a route of path `route` (`/cookies/<page>`, `/<path..>`)
/// serves the address `url`.
fn serves(route: &str, url: &str) -> bool {
    let mut route = route.split('/').filter(|segment| !segment.is_empty());
    let mut url = url.split('/').filter(|segment| !segment.is_empty());
    loop {
        match (route.next(), url.next()) {
            (None, None) => return true,
            (Some(segment), _) if segment.starts_with('<') && segment.ends_with("..>") => {
                return true;
            }
            (Some(segment), Some(_)) if segment.starts_with('<') && segment.ends_with('>') => {}
            (Some(segment), Some(part)) if segment == part => {}
            _ => return false,
        }
    }
}

/// The response half of [`ConsentFairing`], which attaches it at
/// ignition, after every fairing attached before.
struct ResponseCheck<R: ConsentRegistry>(ConsentFairing<R>);

#[::rocket::async_trait]
impl<R: ConsentRegistry> Fairing for ResponseCheck<R> {
    fn info(&self) -> Info {
        Info {
            name: "cookie-decl consent: responses",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, request: &'r Request<'_>, response: &mut Response<'r>) {
        let check = &self.0;
        let marked = request
            .local_cache(PerVisitor::default)
            .0
            .load(Ordering::Relaxed);
        let edit = check.cache_edit(
            marked,
            response.headers().get("Vary").map(str::as_bytes),
            response.headers().get("Cache-Control").map(str::as_bytes),
        );
        if edit.vary_cookie {
            response.adjoin_raw_header("Vary", "Cookie");
        }
        if let Some(value) = edit.cache_control {
            response.set_raw_header("Cache-Control", value);
        }
        let values: Vec<String> = response
            .headers()
            .get("Set-Cookie")
            .map(str::to_owned)
            .collect();
        let consent = match request.local_cache(|| Read::<R>(None)) {
            Read(Some(consent)) => *consent,
            Read(None) => {
                integration::read_consent(&check.store, cookie_headers(request), sec_gpc(request))
            }
        };
        let Some(judged) = check.judge(|| &values, consent) else {
            return;
        };
        let lines = check.check_response(
            values,
            judged,
            request.method().as_str(),
            request.uri().path().as_str(),
        );
        response.remove_header("Set-Cookie");
        for line in lines {
            response.adjoin_raw_header(
                "Set-Cookie",
                match line {
                    Line::Keep(value) | Line::Mended(value) => value,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use ::rocket::routes;

    use super::*;

    crate::declare_cookies! {
        pub struct Moved {
            site: "https://example.fr",
            consent_url: "/fr/choix",
        }
        necessary {
            "__Host-csrf" as CSRF { provider: "Example", service: "Forms",
                purpose: "Protect the forms.", same_site: Strict, csrf_token: true }
            consent { provider: "Example", service: "Consent",
                purpose: "Remember the choice.", max_age: 6 months, stores_consent: true }
        }
    }

    #[::rocket::get("/")]
    fn home() {}
    #[::rocket::post("/cookies/consent")]
    fn consent() {}
    #[::rocket::post("/<lang>/choix")]
    fn choice(lang: &str) {
        let _ = lang;
    }
    #[::rocket::get("/cookies/preferences")]
    fn preferences() {}
    #[::rocket::get("/cookies/<page>")]
    fn any_page(page: &str) {
        let _ = page;
    }
    #[::rocket::get("/static/<path..>")]
    fn files(path: std::path::PathBuf) {
        let _ = path;
    }

    #[test]
    fn a_route_serves_its_own_address_and_those_its_parameters_take() {
        assert!(serves("/cookies", "/cookies"));
        assert!(serves("/cookies/", "/cookies"));
        assert!(serves("/cookies/<page>", "/cookies/preferences"));
        assert!(serves("/<lang>/choix", "/fr/choix"));
        assert!(serves("/<path..>", "/cookies/consent"));
        assert!(serves("/cookies/<rest..>", "/cookies"));
        assert!(!serves("/cookies", "/cookies/consent"));
        assert!(!serves("/cookies/consent", "/cookies"));
        assert!(!serves("/cookie", "/cookies"));
        assert!(!serves("/cookies/<page>", "/cookies/a/b"));
    }

    /// Each address the generated pages send a visitor to, with the
    /// method they use, is looked for among the routes, wherever they
    /// are mounted; what is missing is said with the constant to route.
    #[test]
    fn the_fairing_names_the_addresses_no_route_serves() {
        let bare = ::rocket::build().mount("/", routes![home]);
        assert_eq!(
            unrouted::<Moved>(&bare),
            [
                "no route serves `POST /fr/choix` (`Moved::CONSENT_URL`): the banner's and the \
                 preferences page's form post there",
                "no route serves `GET /cookies/preferences` (`Moved::PREFERENCES_URL`): the \
                 banner's \"customise\" leads there",
                "no route serves `GET /cookies` (`Moved::CHARTE_URL`): the banner and the \
                 preferences page link to it",
            ]
        );
        // The default consent address, a GET route where a POST is
        // needed, and files elsewhere serve none of the three.
        let wrong = ::rocket::build()
            .mount("/", routes![consent, files])
            .mount("/fr", routes![preferences]);
        assert_eq!(unrouted::<Moved>(&wrong).len(), 3);
        let routed = ::rocket::build()
            .mount("/", routes![home, choice, any_page])
            .mount("/cookies", routes![home]);
        assert_eq!(unrouted::<Moved>(&routed), Vec::<String>::new());
    }
}

//! The glue for [actix-web](https://actix.rs) 4 (feature `actix`, which
//! turns on `signed`): the visitor's [`Consent`], [`CsrfToken`] and
//! language ([`VisitorLang`], from `Accept-Language`)
//! as extractors, the consent form as an extractor that checks its CSRF
//! token ([`ConsentChoice`], `403` otherwise), a recorded choice as a
//! responder, and [`ConsentMiddleware`], which audits every request and
//! checks every response's `Set-Cookie` against the declaration, with the
//! behaviour and findings of axum's `ConsentLayer`.
//!
//! actix-web 4 is on `cookie` 0.16, cookie-decl on 0.18: cookies go out
//! as raw `Set-Cookie` headers ([`WithCookies`]), exactly as the
//! declaration built them. [`to_actix`] and [`from_actix`] are the one
//! conversion, for code that holds actix's cookies; cookies an
//! application still sends with `HttpResponse::cookie` are checked by the
//! middleware like any other.
//!
//! So is the response of an error that reaches the middleware (a
//! handler's, or an inner middleware's `Err(InternalError::from_response(..))`):
//! the middleware checks the response actix-web would write for it, and
//! passes the error on with that response. Mount the middleware outside
//! every other middleware that sets cookies (actix-session's, say): the
//! last `.wrap` runs outermost, and what a middleware outside the check
//! adds is not checked.
//!
//! ```
//! # extern crate cookie_decl_core as cookie_decl;
//! use actix_web::{web, App, HttpResponse, HttpServer};
//! use actix_web::http::header::{ContentType, LOCATION};
//! use cookie_decl::actix::{ConsentChoice, ConsentMiddleware, WithCookies};
//! use cookie_decl::consent::{self, Consent, ConsentCookie, CsrfToken};
//! use cookie_decl::cookie::Key;
//! use cookie_decl::{declare_cookies, Lang};
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
//! async fn home(consent: Consent<Cookies>, csrf: CsrfToken<Cookies>) -> WithCookies<HttpResponse> {
//!     let banner = if consent.needs_asking() {
//!         consent::banner::<Cookies>(Lang::Fr, csrf.as_str())
//!     } else {
//!         String::new()
//!     };
//!     let page = HttpResponse::Ok().content_type(ContentType::html()).body(banner);
//!     // The gate: `None` until the visitor says yes to statistics.
//!     WithCookies::new(page).csrf(&csrf).cookie(consent.cookie(Cookies::VISITS, "1"))
//! }
//!
//! fn see_other(location: &str) -> HttpResponse {
//!     HttpResponse::SeeOther().insert_header((LOCATION, location)).finish()
//! }
//!
//! // Reached only with the visitor's own CSRF token: a forged form is a 403.
//! async fn record(
//!     store: web::Data<ConsentCookie<Cookies>>,
//!     choice: ConsentChoice<Cookies>,
//! ) -> WithCookies<HttpResponse> {
//!     // `None`: the visitor asked to customise.
//!     let Some(recorded) = choice.record(&store) else {
//!         return WithCookies::new(see_other("/cookies/preferences"));
//!     };
//!     println!("{}", recorded.record()); // the proof, GPC noted: keep it
//!     WithCookies::new(see_other("/")).recorded(&recorded)
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
//! fn serve() -> std::io::Result<actix_web::dev::Server> {
//!     // Built once, before `HttpServer::new`: its closure runs once per
//!     // worker, and a store made there would give each worker its own key.
//!     let store = ConsentCookie::<Cookies>::signed(site_key());
//!     let server = HttpServer::new(move || {
//!         App::new()
//!             .app_data(web::Data::new(store.clone()))
//!             .route("/", web::get().to(home))
//!             .route("/cookies/consent", web::post().to(record))
//!             .wrap(ConsentMiddleware::enforce(store.clone()))
//!     });
//!     Ok(server.bind(("127.0.0.1", 8080))?.run())
//! }
//! ```

use core::future::{Future, Ready, ready};
use core::pin::Pin;
use std::rc::Rc;

use actix_web::body::BoxBody;
use actix_web::dev::{Payload, Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::error::InternalError;
use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, COOKIE, HeaderMap, HeaderValue, SET_COOKIE, VARY};
use actix_web::{
    FromRequest, HttpMessage, HttpRequest, HttpResponse, Responder, ResponseError, web,
};
use cookie::Cookie;

use crate::consent::{Consent, ConsentCookie, ConsentRegistry, CsrfRegistry, CsrfToken, Recorded};
use crate::integration::{self, FormHead, Line, PostedForm};
use crate::{Registry, VisitorLang};

pub use crate::integration::{
    Action, Caching, ConsentCheck as ConsentMiddleware, ConsentChoice, CsrfForm, FormRejection,
    Mode, Report, WithCookies,
};

/// In a request's extensions when a handler read the visitor's consent or
/// token: the middleware's [`Caching`] is then applied to its response.
struct PerVisitor;

/// The request's `Sec-GPC` header (Global Privacy Control).
fn sec_gpc(headers: &HeaderMap) -> Option<&[u8]> {
    headers.get("sec-gpc").map(HeaderValue::as_bytes)
}

/// A cookie-decl cookie as actix-web's (`cookie` 0.16), through its
/// `Set-Cookie` line: every attribute survives but `Partitioned`, which
/// `cookie` 0.16 does not know (send such a cookie with [`WithCookies`],
/// which keeps the line as built). `None` for a cookie whose line does not
/// parse (none the declaration builds).
pub fn to_actix(cookie: &Cookie<'_>) -> Option<actix_web::cookie::Cookie<'static>> {
    actix_web::cookie::Cookie::parse(cookie.to_string()).ok()
}

/// An actix-web cookie (`cookie` 0.16) as cookie-decl's, through its
/// `Set-Cookie` line, every attribute kept.
pub fn from_actix(cookie: &actix_web::cookie::Cookie<'_>) -> Option<Cookie<'static>> {
    Cookie::parse(cookie.to_string()).ok()
}

/// Every `Cookie` header of a request.
fn cookie_headers(headers: &HeaderMap) -> impl Iterator<Item = &[u8]> {
    headers.get_all(COOKIE).map(HeaderValue::as_bytes)
}

/// The visitor's consent: the one [`ConsentMiddleware`] read for this
/// request, or read with the application's [`ConsentCookie`]
/// (`app_data(web::Data::new(store))`, or the store itself as
/// `app_data`). Never fails for the visitor: a request without a valid
/// choice is [not asked yet](Consent::needs_asking); `500` when there is
/// no store at all.
impl<R: ConsentRegistry> FromRequest for Consent<R> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        request.extensions_mut().insert(PerVisitor);
        if let Some(consent) = request.extensions().get::<Consent<R>>() {
            return ready(Ok(*consent));
        }
        let store = request
            .app_data::<web::Data<ConsentCookie<R>>>()
            .map(|data| &***data)
            .or_else(|| request.app_data::<ConsentCookie<R>>());
        ready(match store {
            Some(store) => Ok(integration::read_consent(
                store,
                cookie_headers(request.headers()),
                sec_gpc(request.headers()),
            )),
            None => Err(actix_web::error::ErrorInternalServerError(
                "no `ConsentCookie` in the app data: wrap the app in `ConsentMiddleware` or add it with `app_data`",
            )),
        })
    }
}

/// The language to show the visitor, from the request's `Accept-Language`
/// headers among the registry's published languages (see
/// [`VisitorLang`]). Never fails; behind [`ConsentMiddleware`], the
/// response of a handler that takes it gets the middleware's
/// [`Caching`]: a page in the visitor's language is theirs.
impl<R: Registry> FromRequest for VisitorLang<R> {
    type Error = std::convert::Infallible;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        request.extensions_mut().insert(PerVisitor);
        let headers = request.headers().get_all("accept-language");
        ready(Ok(VisitorLang::from_headers(
            headers.map(HeaderValue::as_bytes),
        )))
    }
}

/// The visitor's CSRF token for the page's forms: the one its cookie
/// holds, or a fresh one; send it with [`WithCookies::csrf`], so that a
/// fresh token's cookie is set. `500` only when the operating system
/// gives no random bytes.
impl<R: CsrfRegistry> FromRequest for CsrfToken<R> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        request.extensions_mut().insert(PerVisitor);
        ready(
            integration::csrf_token(cookie_headers(request.headers()))
                .map_err(|error| actix_web::error::ErrorInternalServerError(error.to_string())),
        )
    }
}

/// A posted form, its body read within actix-web's `PayloadConfig`
/// limit: `415`, `400` or `403` as [`FormRejection`] says. The origin is
/// checked before the body is read: a cross-site post costs nothing.
fn read_form<T: PostedForm + 'static>(
    request: &HttpRequest,
    payload: &mut Payload,
) -> Pin<Box<dyn Future<Output = Result<T, FormRejection>>>> {
    let headers = request.headers();
    let header = |name: &str| headers.get(name).map(HeaderValue::as_bytes);
    let head = FormHead {
        content_type: header("content-type"),
        sec_fetch_site: header("sec-fetch-site"),
        origin: header("origin"),
        host: header("host"),
    };
    if let Err(rejection) = head.check() {
        return Box::pin(ready(Err(rejection)));
    }
    let cookies = integration::joined_cookie_headers(cookie_headers(headers));
    let gpc = sec_gpc(headers).map(<[u8]>::to_vec);
    let body = web::Bytes::from_request(request, payload);
    Box::pin(async move {
        let body = body.await.map_err(|_| FormRejection::Body)?;
        T::from_body(cookies, &body, gpc.as_deref())
    })
}

/// The consent form as an extractor:
/// refused with a [`FormRejection`] (`415`, `400` or `403`) before the handler
/// runs, its origin checked before its body is read.
impl<R: CsrfRegistry + 'static> FromRequest for ConsentChoice<R> {
    type Error = FormRejection;
    type Future = Pin<Box<dyn Future<Output = Result<Self, FormRejection>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        read_form(request, payload)
    }
}

/// Any other form of the site as an extractor, its CSRF token checked as
/// the consent form's is.
impl<R: CsrfRegistry + 'static> FromRequest for CsrfForm<R> {
    type Error = FormRejection;
    type Future = Pin<Box<dyn Future<Output = Result<Self, FormRejection>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        read_form(request, payload)
    }
}

impl ResponseError for FormRejection {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status()).unwrap_or(StatusCode::BAD_REQUEST)
    }
}

/// Appends a `Set-Cookie` header per line.
fn append_lines(headers: &mut HeaderMap, lines: impl IntoIterator<Item = String>) {
    for line in lines {
        if let Ok(value) = HeaderValue::try_from(line) {
            headers.append(SET_COOKIE, value);
        }
    }
}

/// `T`'s response, with a `Set-Cookie` header per cookie.
impl<T: Responder> Responder for WithCookies<T> {
    type Body = T::Body;

    fn respond_to(self, request: &HttpRequest) -> HttpResponse<T::Body> {
        let (lines, inner) = self.into_lines();
        let mut response = inner.respond_to(request);
        append_lines(response.headers_mut(), lines);
        response
    }
}

/// A recorded choice alone: `204 No Content`, with the consent cookie and
/// the removals (for a consent manager that posts the form from a
/// script). With a page or a redirect: [`WithCookies::recorded`].
impl<R> Responder for Recorded<R> {
    type Body = BoxBody;

    fn respond_to(self, request: &HttpRequest) -> HttpResponse {
        WithCookies::new(HttpResponse::NoContent().finish())
            .recorded(&self)
            .respond_to(request)
    }
}

/// As middleware (`App::wrap`): reads and audits each request's consent,
/// which the [`Consent`] extractor then takes from the request's
/// extensions, and checks each response's `Set-Cookie` headers.
impl<S, B, R> Transform<S, ServiceRequest> for ConsentMiddleware<R>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: 'static,
    R: ConsentRegistry,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Transform = ConsentService<S, R>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(ConsentService {
            service: Rc::new(service),
            check: self.clone(),
        }))
    }
}

/// The service [`ConsentMiddleware`] wraps around the application.
pub struct ConsentService<S, R: ConsentRegistry> {
    service: Rc<S>,
    check: ConsentMiddleware<R>,
}

impl<S, B, R> Service<ServiceRequest> for ConsentService<S, R>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: 'static,
    R: ConsentRegistry,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<ServiceResponse<B>, actix_web::Error>>>>;

    forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let method = request.method().clone();
        let path = request.path().to_owned();
        let consent = self.check.read_request(
            cookie_headers(request.headers()),
            sec_gpc(request.headers()),
            method.as_str(),
            &path,
        );
        // For the `Consent` extractor, which then does not read it again.
        request.extensions_mut().insert(consent);
        let check = self.check.clone();
        let response = self.service.call(request);
        Box::pin(async move {
            match response.await {
                Ok(mut response) => {
                    let per_visitor = response.request().extensions().contains::<PerVisitor>();
                    check_headers(
                        &check,
                        response.headers_mut(),
                        consent,
                        per_visitor,
                        (method.as_str(), &path),
                    );
                    Ok(response)
                }
                // An inner middleware's error (`InternalError::from_response`
                // carries any response): its response, the one actix-web
                // would write, is checked like any other, and goes on as
                // the error it was, for the middlewares outside.
                Err(error) => {
                    let mut response = error.error_response();
                    check_headers(
                        &check,
                        response.headers_mut(),
                        consent,
                        false,
                        (method.as_str(), &path),
                    );
                    Err(InternalError::from_response(error, response).into())
                }
            }
        })
    }
}

/// The check of one response's headers: its caching, when its handler
/// read the visitor's consent or token (`per_visitor`), and its
/// `Set-Cookie` lines.
fn check_headers<R: ConsentRegistry>(
    check: &ConsentMiddleware<R>,
    headers: &mut HeaderMap,
    consent: Consent<R>,
    per_visitor: bool,
    (method, path): (&str, &str),
) {
    let edit = check.cache_edit(
        per_visitor,
        headers.get_all(VARY).map(HeaderValue::as_bytes),
        headers.get_all(CACHE_CONTROL).map(HeaderValue::as_bytes),
    );
    if edit.vary_cookie {
        headers.append(VARY, HeaderValue::from_static("Cookie"));
    }
    if let Some(value) = edit
        .cache_control
        .and_then(|v| HeaderValue::try_from(v.into_owned()).ok())
    {
        headers.insert(CACHE_CONTROL, value);
    }
    let Some(judged) = check.judge(|| headers.get_all(SET_COOKIE), consent) else {
        return;
    };
    let values: Vec<HeaderValue> = headers.get_all(SET_COOKIE).cloned().collect();
    headers.remove(SET_COOKIE);
    for line in check.check_response(values, judged, method, path) {
        let value = match line {
            Line::Keep(value) => value,
            Line::Mended(line) => match HeaderValue::try_from(line) {
                Ok(value) => value,
                Err(_) => continue,
            },
        };
        headers.append(SET_COOKIE, value);
    }
}

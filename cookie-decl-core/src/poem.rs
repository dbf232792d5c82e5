//! The glue for [poem](https://docs.rs/poem) 3 (feature `poem`, which
//! turns on `signed`): the visitor's [`Consent`], [`CsrfToken`] and
//! language ([`VisitorLang`], from `Accept-Language`)
//! as extractors, the consent form as an extractor that checks its CSRF
//! token ([`ConsentChoice`], `403` otherwise), a recorded choice as a
//! response, and [`ConsentMiddleware`], which audits every request and
//! checks every response's `Set-Cookie` against the declaration, with the
//! behaviour and findings of axum's `ConsentLayer`.
//!
//! Cookies go out as raw `Set-Cookie` headers ([`WithCookies`]), exactly
//! as the declaration built them: poem's `CookieJar` percent-encodes
//! every value it sends, and a declared cookie's value is already encoded,
//! so through the jar it would be encoded twice. Cookies an application
//! still sends through the jar are checked by the middleware like any
//! other, wherever poem's `CookieJarManager` is mounted: the middleware
//! manages the request's jar itself (a `CookieJarManager` inside it finds
//! the jar made and does nothing; give its key to
//! [`cookie_key`](ConsentMiddleware::cookie_key) instead), and writes
//! what the application changed in the jar before its check, so that a
//! manager mounted outside it has nothing left to write.
//!
//! Mount the middleware outside every other middleware that sets cookies
//! (a session middleware, say): poem runs the last `.with` outermost, and
//! what a middleware outside the check adds is not checked.
//!
//! ```
//! # extern crate cookie_decl_core as cookie_decl;
//! use cookie_decl::consent::{self, Consent, ConsentCookie, CsrfToken};
//! use cookie_decl::cookie::Key;
//! use cookie_decl::poem::{ConsentChoice, ConsentMiddleware, WithCookies};
//! use cookie_decl::{declare_cookies, Lang};
//! use poem::web::{Data, Html, Redirect};
//! use poem::{get, handler, post, EndpointExt, Route};
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
//! #[handler]
//! fn home(consent: Consent<Cookies>, csrf: CsrfToken<Cookies>) -> WithCookies<Html<String>> {
//!     let banner = if consent.needs_asking() {
//!         consent::banner::<Cookies>(Lang::Fr, csrf.as_str())
//!     } else {
//!         String::new()
//!     };
//!     // The gate: `None` until the visitor says yes to statistics.
//!     WithCookies::new(Html(banner)).csrf(&csrf).cookie(consent.cookie(Cookies::VISITS, "1"))
//! }
//!
//! // Reached only with the visitor's own CSRF token: a forged form is a 403.
//! #[handler]
//! fn record(store: Data<&ConsentCookie<Cookies>>, choice: ConsentChoice<Cookies>) -> WithCookies<Redirect> {
//!     // `None`: the visitor asked to customise.
//!     let Some(recorded) = choice.record(&store) else {
//!         return WithCookies::new(Redirect::see_other("/cookies/preferences"));
//!     };
//!     println!("{}", recorded.record()); // the proof, GPC noted: keep it
//!     WithCookies::new(Redirect::see_other("/")).recorded(&recorded)
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
//! // The store, built once; the middleware also gives handlers the
//! // store, as `Data`.
//! let store = ConsentCookie::<Cookies>::signed(site_key());
//! let app = Route::new()
//!     .at("/", get(home))
//!     .at("/cookies/consent", post(record))
//!     .with(ConsentMiddleware::enforce(store));
//! ```

use ::poem::error::ResponseError;
use ::poem::http::header::{COOKIE, SET_COOKIE};
use ::poem::http::{HeaderMap, HeaderValue, StatusCode};
use ::poem::middleware::{CookieJarManager, CookieJarManagerEndpoint};
use ::poem::web::cookie::CookieKey;
use ::poem::{Endpoint, FromRequest, IntoResponse, Middleware, Request, RequestBody, Response};

use crate::consent::{Consent, ConsentCookie, ConsentRegistry, CsrfRegistry, CsrfToken, Recorded};
use crate::integration::{self, FormHead, PerVisitor, PostedForm};
use crate::{Registry, VisitorLang};

pub use crate::integration::{
    Action, Caching, ConsentCheck as ConsentMiddleware, ConsentChoice, CsrfForm, FormRejection,
    Mode, Report, WithCookies,
};

/// The request's `Sec-GPC` header (Global Privacy Control).
fn sec_gpc(request: &Request) -> Option<&[u8]> {
    request.headers().get("sec-gpc").map(HeaderValue::as_bytes)
}

/// Marks the request's response as one that differs from visitor to
/// visitor, for [`ConsentMiddleware`]'s [`Caching`].
fn mark_per_visitor(request: &Request) {
    if let Some(per_visitor) = request.extensions().get::<PerVisitor>() {
        per_visitor.mark();
    }
}

/// The largest consent form body read: a consent form is a few hundred
/// bytes.
const FORM_LIMIT: usize = 32 * 1024;

/// The visitor's consent: the one [`ConsentMiddleware`] read for this
/// request, or read with the application's [`ConsentCookie`]
/// (`.data(store)`). Never fails for the visitor: a request without a
/// valid choice is [not asked yet](Consent::needs_asking); `500` when
/// there is no store at all.
impl<'a, R: ConsentRegistry> FromRequest<'a> for Consent<R> {
    async fn from_request(request: &'a Request, _: &mut RequestBody) -> ::poem::Result<Self> {
        mark_per_visitor(request);
        if let Some(consent) = request.extensions().get::<Consent<R>>() {
            return Ok(*consent);
        }
        match request.data::<ConsentCookie<R>>() {
            Some(store) => Ok(integration::read_consent(
                store,
                request.headers().get_all(COOKIE),
                sec_gpc(request),
            )),
            None => Err(::poem::Error::from_string(
                "no `ConsentCookie` in the request's data: add `ConsentMiddleware` or `.data(store)`",
                StatusCode::INTERNAL_SERVER_ERROR,
            )),
        }
    }
}

/// The language to show the visitor, from the request's `Accept-Language`
/// headers among the registry's published languages (see
/// [`VisitorLang`]). Never fails; behind [`ConsentMiddleware`], the
/// response of a handler that takes it gets the middleware's
/// [`Caching`]: a page in the visitor's language is theirs.
impl<'a, R: Registry> FromRequest<'a> for VisitorLang<R> {
    async fn from_request(request: &'a Request, _: &mut RequestBody) -> ::poem::Result<Self> {
        mark_per_visitor(request);
        let headers = request.headers().get_all("accept-language");
        Ok(VisitorLang::from_headers(
            headers.iter().map(HeaderValue::as_bytes),
        ))
    }
}

/// The visitor's CSRF token for the page's forms: the one its cookie
/// holds, or a fresh one; send it with [`WithCookies::csrf`], so that a
/// fresh token's cookie is set. `500` only when the operating system
/// gives no random bytes.
impl<'a, R: CsrfRegistry> FromRequest<'a> for CsrfToken<R> {
    async fn from_request(request: &'a Request, _: &mut RequestBody) -> ::poem::Result<Self> {
        mark_per_visitor(request);
        integration::csrf_token(request.headers().get_all(COOKIE)).map_err(|error| {
            ::poem::Error::from_string(error.to_string(), StatusCode::INTERNAL_SERVER_ERROR)
        })
    }
}

/// A posted form, its body read up to 32 KiB: `415`, `400` or `403` as
/// [`FormRejection`] says. The origin is checked before the body is read:
/// a cross-site post costs nothing.
async fn read_form<T: PostedForm>(request: &Request, body: &mut RequestBody) -> ::poem::Result<T> {
    let headers = request.headers();
    let header = |name: &str| headers.get(name).map(HeaderValue::as_bytes);
    let head = FormHead {
        content_type: header("content-type"),
        sec_fetch_site: header("sec-fetch-site"),
        origin: header("origin"),
        host: header("host"),
    };
    head.check()?;
    let cookies = integration::joined_cookie_headers(headers.get_all(COOKIE));
    let body = match body.take() {
        Ok(body) => body.into_bytes_limit(FORM_LIMIT).await,
        Err(error) => Err(error),
    };
    let body = body.map_err(|_| FormRejection::Body)?;
    Ok(T::from_body(cookies, &body, sec_gpc(request))?)
}

/// The consent form as an extractor:
/// refused with a [`FormRejection`] (`415`, `400` or `403`) before the handler
/// runs, its origin checked before its body is read.
impl<'a, R: CsrfRegistry> FromRequest<'a> for ConsentChoice<R> {
    async fn from_request(request: &'a Request, body: &mut RequestBody) -> ::poem::Result<Self> {
        read_form(request, body).await
    }
}

/// Any other form of the site as an extractor, its CSRF token checked as
/// the consent form's is.
impl<'a, R: CsrfRegistry> FromRequest<'a> for CsrfForm<R> {
    async fn from_request(request: &'a Request, body: &mut RequestBody) -> ::poem::Result<Self> {
        read_form(request, body).await
    }
}

impl ResponseError for FormRejection {
    fn status(&self) -> StatusCode {
        StatusCode::from_u16(FormRejection::status(self)).unwrap_or(StatusCode::BAD_REQUEST)
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
impl<T: IntoResponse> IntoResponse for WithCookies<T> {
    fn into_response(self) -> Response {
        let (lines, inner) = self.into_lines();
        let mut response = inner.into_response();
        append_lines(response.headers_mut(), lines);
        response
    }
}

/// A recorded choice alone: `204 No Content`, with the consent cookie and
/// the removals (for a consent manager that posts the form from a
/// script). With a page or a redirect: [`WithCookies::recorded`].
impl<R: Send> IntoResponse for Recorded<R> {
    fn into_response(self) -> Response {
        WithCookies::new(StatusCode::NO_CONTENT)
            .recorded(&self)
            .into_response()
    }
}

/// As middleware (`EndpointExt::with`): reads and audits each request's
/// consent, which the [`Consent`] extractor then takes from the request's
/// extensions (with the store, for `Data<&ConsentCookie<_>>`), and checks
/// each response's `Set-Cookie` headers.
impl<R: ConsentRegistry> ConsentMiddleware<R> {
    /// The key of the request's cookie jar, for poem's signed and private
    /// jars (`cookies.signed()`), which the middleware manages: what
    /// `CookieJarManager::with_key(key)` would be given.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
    /// #                   max_age: 6 months, stores_consent: true }
    /// #     }
    /// # }
    /// use cookie_decl::consent::ConsentCookie;
    /// use cookie_decl::cookie::Key;
    /// use cookie_decl::poem::ConsentMiddleware;
    /// use poem::web::cookie::CookieKey;
    ///
    /// let middleware = ConsentMiddleware::enforce(ConsentCookie::<Cookies>::signed(Key::generate()))
    ///     .cookie_key(CookieKey::generate());
    /// # let _ = middleware;
    /// ```
    #[must_use]
    pub fn cookie_key(mut self, key: ::poem::web::cookie::CookieKey) -> Self {
        self.poem_jar_key = Some(std::sync::Arc::new(key));
        self
    }
}

impl<E: Endpoint, R: ConsentRegistry> Middleware<E> for ConsentMiddleware<R> {
    type Output = ConsentEndpoint<E, R>;

    fn transform(&self, inner: E) -> Self::Output {
        let manager = match &self.poem_jar_key {
            Some(key) => CookieJarManager::with_key(CookieKey::clone(key)),
            None => CookieJarManager::new(),
        };
        ConsentEndpoint {
            inner: manager.transform(JarWriter { inner }),
            check: self.clone(),
        }
    }
}

/// Writes, into the response, what the application changed in the
/// request's cookie jar (added, replaced, removed), and leaves the jar
/// with nothing to write: so that whichever `CookieJarManager` made the
/// jar, outside the check or inside it, its cookies pass the check.
struct JarWriter<E> {
    inner: E,
}

impl<E: Endpoint> Endpoint for JarWriter<E> {
    type Output = Response;

    async fn call(&self, request: Request) -> ::poem::Result<Response> {
        use std::collections::{HashMap, HashSet};

        // Under the check's own manager: there is a jar.
        let jar = request.cookie().clone();
        // The request's cookies as the jar holds them: linear in their
        // number, whatever the request carries.
        let before: HashMap<String, String> = jar.with_cookies(|cookies| {
            cookies
                .map(|cookie| (cookie.name().to_owned(), cookie.encoded().to_string()))
                .collect()
        });
        let response = self.inner.call(request).await;
        let mut response = match response {
            Ok(response) => response.into_response(),
            // As poem's manager: an error's response carries none of the
            // jar's cookies.
            Err(error) => {
                jar.reset_delta();
                return Err(error);
            }
        };
        let mut lines = Vec::new();
        let kept: HashSet<String> = jar.with_cookies(|cookies| {
            cookies
                .map(|cookie| {
                    let line = cookie.encoded().to_string();
                    if before.get(cookie.name()) != Some(&line) {
                        lines.push(line);
                    }
                    cookie.name().to_owned()
                })
                .collect()
        });
        for name in before.keys().filter(|name| !kept.contains(*name)) {
            let removal = cookie::Cookie::build(name.clone()).removal().build();
            lines.push(removal.encoded().to_string());
        }
        jar.reset_delta();
        append_lines(response.headers_mut(), lines);
        Ok(response)
    }
}

/// The endpoint [`ConsentMiddleware`] wraps around the application.
pub struct ConsentEndpoint<E, R: ConsentRegistry> {
    inner: CookieJarManagerEndpoint<JarWriter<E>>,
    check: ConsentMiddleware<R>,
}

impl<E: Endpoint, R: ConsentRegistry> Endpoint for ConsentEndpoint<E, R> {
    type Output = Response;

    /// An error of the application is made its response here, so that
    /// its `Set-Cookie`s are checked too.
    async fn call(&self, mut request: Request) -> ::poem::Result<Response> {
        let method = request.method().clone();
        let path = request.uri().path().to_owned();
        let consent = self.check.read_request(
            request.headers().get_all(COOKIE),
            sec_gpc(&request),
            method.as_str(),
            &path,
        );
        let per_visitor = PerVisitor::default();
        // For the extractors, which then do not read it again.
        request.extensions_mut().insert(consent);
        request.extensions_mut().insert(per_visitor.clone());
        if request.data::<ConsentCookie<R>>().is_none() {
            request.extensions_mut().insert(self.check.store.clone());
        }
        let mut response = match self.inner.call(request).await {
            Ok(response) => response.into_response(),
            Err(error) => error.into_response(),
        };
        self.check.check_http_response(
            response.headers_mut(),
            consent,
            per_visitor.is_marked(),
            method.as_str(),
            &path,
        );
        Ok(response)
    }
}

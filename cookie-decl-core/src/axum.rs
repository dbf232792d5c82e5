//! The glue for [axum](https://docs.rs/axum) 0.8 (feature `axum`, which
//! turns on `signed`): the visitor's [`Consent`] as an extractor, the
//! consent form as an extractor that checks its CSRF token
//! ([`ConsentChoice`], `403` otherwise), the token itself as an extractor
//! and response part ([`CsrfToken`]), the language to show the visitor
//! ([`VisitorLang`], from `Accept-Language`), a
//! recorded choice as response parts, and [`ConsentLayer`], a tower layer
//! that audits every request, checks every response's `Set-Cookie` against
//! the declaration, and keeps shared caches from serving one visitor's
//! page to another ([`Caching`]).
//!
//! Every behaviour is the one of the Rocket, actix-web and poem
//! integrations: the types are the same, over one framework-agnostic core.
//!
//! The layer checks every response its inner service returns, whatever
//! made it (a handler, an inner layer's early answer, a panic an inner
//! layer caught). Add it last, outermost, after every layer that sets
//! cookies (tower-cookies' `CookieManagerLayer`, a session layer): what a
//! layer outside the check adds is not checked. axum-extra's `CookieJar`
//! is a response part, always inside.
//!
//! ```
//! # extern crate cookie_decl_core as cookie_decl;
//! use axum::extract::{FromRef, State};
//! use axum::response::{Html, IntoResponse, Redirect, Response};
//! use axum::routing::{get, post};
//! use axum::Router;
//! use cookie_decl::axum::{ConsentChoice, ConsentLayer, SetCookies};
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
//! #[derive(Clone)]
//! struct App {
//!     consent: ConsentCookie<Cookies>,
//! }
//!
//! impl FromRef<App> for ConsentCookie<Cookies> {
//!     fn from_ref(app: &App) -> Self {
//!         app.consent.clone()
//!     }
//! }
//!
//! async fn home(consent: Consent<Cookies>, csrf: CsrfToken<Cookies>) -> Response {
//!     // The gate: `None` until the visitor says yes to statistics.
//!     let visits = consent.cookie(Cookies::VISITS, "1");
//!     let banner = if consent.needs_asking() {
//!         consent::banner::<Cookies>(Lang::Fr, csrf.as_str())
//!     } else {
//!         String::new()
//!     };
//!     // `csrf` sets its cookie when the token is new.
//!     (csrf, SetCookies(visits.into_iter().collect()), Html(banner)).into_response()
//! }
//!
//! // Reached only with the visitor's own CSRF token: a forged form is a 403.
//! async fn record(State(app): State<App>, choice: ConsentChoice<Cookies>) -> Response {
//!     // `None`: the visitor asked to customise.
//!     let Some(recorded) = choice.record(&app.consent) else {
//!         return Redirect::to("/cookies/preferences").into_response();
//!     };
//!     println!("{}", recorded.record()); // the proof, GPC noted: keep it
//!     (recorded, Redirect::to("/")).into_response()
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
//! // The store, built once and shared by every request through the state.
//! let app = App { consent: ConsentCookie::signed(site_key()) };
//! let router: Router = Router::new()
//!     .route("/", get(home))
//!     .route("/cookies/consent", post(record))
//!     .layer(ConsentLayer::enforce(app.consent.clone()))
//!     .with_state(app);
//! ```

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::convert::Infallible;
use std::sync::Arc;

use axum_core::extract::{FromRef, FromRequest, FromRequestParts, Request};
use axum_core::response::{IntoResponse, IntoResponseParts, Response, ResponseParts};
use cookie::Cookie;
use http::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, COOKIE, HOST, ORIGIN, SET_COOKIE};
use http::request::Parts;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

use crate::consent::{
    Consent, ConsentCookie, ConsentRegistry, CsrfRegistry, CsrfToken, RandomError, Recorded,
    RequestCookies,
};
use crate::integration::{self, FormHead, PerVisitor, PostedForm};
use crate::{Registry, VisitorLang};

pub use crate::integration::{
    Action, Caching, ConsentChoice, CsrfForm, FormRejection, Mode, Report, WithCookies,
};

pub use crate::integration::ConsentCheck as ConsentLayer;

/// `Sec-Fetch-Site` and `Sec-GPC`, which `http` does not name.
static SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");
static SEC_GPC: HeaderName = HeaderName::from_static("sec-gpc");

/// The cookies of a request, from all its `Cookie` headers (HTTP/2 may
/// send several), read as bytes: a pair that is not ASCII is lost alone
/// (see [`RequestCookies`]), never the header around it.
pub fn request_cookies(headers: &HeaderMap) -> RequestCookies<'_> {
    RequestCookies::from_headers(headers.get_all(COOKIE))
}

/// Marks the request's response as one that differs from visitor to
/// visitor, for [`ConsentLayer`]'s [`Caching`].
fn mark_per_visitor(parts: &Parts) {
    if let Some(per_visitor) = parts.extensions.get::<PerVisitor>() {
        per_visitor.mark();
    }
}

/// The visitor's consent, honouring the request's Global Privacy Control
/// signal (`Sec-GPC: 1`): the one [`ConsentLayer`] read for this request
/// (it leaves it in the request's extensions, so that it is read once), or
/// read with the application's [`ConsentCookie`] (taken from the state by
/// `FromRef`). Never rejects: a request without a valid choice is [not
/// asked yet](Consent::needs_asking). Behind [`ConsentLayer`], the response
/// of a handler that takes it gets the layer's [`Caching`].
impl<S, R> FromRequestParts<S> for Consent<R>
where
    R: ConsentRegistry,
    ConsentCookie<R>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        mark_per_visitor(parts);
        // Read once per request: `ConsentLayer` leaves what it read.
        if let Some(consent) = parts.extensions.get::<Consent<R>>() {
            return Ok(*consent);
        }
        let store = ConsentCookie::<R>::from_ref(state);
        Ok(integration::read_consent(
            &store,
            parts.headers.get_all(COOKIE),
            parts.headers.get(&SEC_GPC).map(HeaderValue::as_bytes),
        ))
    }
}

/// The language to show the visitor, from the request's `Accept-Language`
/// headers among the registry's published languages (see
/// [`VisitorLang`]). Never rejects. Behind [`ConsentLayer`], the response
/// of a handler that takes it gets the layer's [`Caching`]: a page in the
/// visitor's language is theirs.
impl<S, R> FromRequestParts<S> for VisitorLang<R>
where
    R: Registry,
    S: Send + Sync,
{
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        mark_per_visitor(parts);
        let headers = parts.headers.get_all(ACCEPT_LANGUAGE);
        Ok(VisitorLang::from_headers(
            headers.iter().map(HeaderValue::as_bytes),
        ))
    }
}

/// The visitor's CSRF token for the page's forms: the one its cookie
/// holds, or a fresh one. Return it among the response parts, so that a
/// fresh token's cookie is set. Rejects with `500` only when the operating
/// system gives no random bytes. Behind [`ConsentLayer`], the response of
/// a handler that takes it gets the layer's [`Caching`]: a page with the
/// visitor's token in its forms is theirs alone.
impl<S, R> FromRequestParts<S> for CsrfToken<R>
where
    R: CsrfRegistry,
    S: Send + Sync,
{
    type Rejection = RandomRejection;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        mark_per_visitor(parts);
        integration::csrf_token(parts.headers.get_all(COOKIE)).map_err(RandomRejection)
    }
}

/// A CSRF token as a response part: its cookie, when the token is new.
impl<R: CsrfRegistry> IntoResponseParts for CsrfToken<R> {
    type Error = Infallible;

    fn into_response_parts(self, mut parts: ResponseParts) -> Result<ResponseParts, Infallible> {
        if self.set_cookie().is_some() {
            append_lines(parts.headers_mut(), [integration::csrf_line(&self)]);
        }
        Ok(parts)
    }
}

/// The operating system gave no random bytes for a CSRF token: `500`.
#[derive(Debug)]
pub struct RandomRejection(pub RandomError);

impl IntoResponse for RandomRejection {
    fn into_response(self) -> Response {
        (StatusCode::INTERNAL_SERVER_ERROR, self.0.to_string()).into_response()
    }
}

/// A posted form, read within axum's body limit: `415`, `400` or `403` as
/// [`FormRejection`] says, before the handler runs. The origin is checked
/// before the body is read: a cross-site post costs nothing.
async fn read_form<T: PostedForm, S: Send + Sync>(
    request: Request,
    state: &S,
) -> Result<T, FormRejection> {
    let headers = request.headers();
    let header = |name: &HeaderName| headers.get(name).map(HeaderValue::as_bytes);
    let authority = request.uri().authority().map(|a| a.as_str().as_bytes());
    FormHead {
        content_type: header(&CONTENT_TYPE),
        sec_fetch_site: header(&SEC_FETCH_SITE),
        origin: header(&ORIGIN),
        host: header(&HOST).or(authority),
    }
    .check()?;
    // Copied whole: the body is read next, which takes the request.
    let cookies = integration::joined_cookie_headers(headers.get_all(COOKIE));
    let gpc = headers.get(&SEC_GPC).map(|value| value.as_bytes().to_vec());
    let body = String::from_request(request, state)
        .await
        .map_err(|_| FormRejection::Body)?;
    T::from_body(cookies, body.as_bytes(), gpc.as_deref())
}

/// The consent form:
/// refused with a [`FormRejection`] (`415`, `400` or `403`) before the handler
/// runs, its origin checked before its body is read.
impl<S, R> FromRequest<S> for ConsentChoice<R>
where
    R: CsrfRegistry,
    S: Send + Sync,
{
    type Rejection = FormRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        read_form(request, state).await
    }
}

/// Any other form of the site, its CSRF token checked as the consent
/// form's is.
impl<S, R> FromRequest<S> for CsrfForm<R>
where
    R: CsrfRegistry,
    S: Send + Sync,
{
    type Rejection = FormRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        read_form(request, state).await
    }
}

/// `415`, `400` or `403`, with the reason as text.
impl IntoResponse for FormRejection {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::BAD_REQUEST);
        (status, self.to_string()).into_response()
    }
}

/// Cookies to send, one `Set-Cookie` header each, as response parts:
/// `(SetCookies(cookies), body)`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SetCookies(pub Vec<Cookie<'static>>);

impl IntoResponseParts for SetCookies {
    type Error = Infallible;

    fn into_response_parts(self, mut parts: ResponseParts) -> Result<ResponseParts, Infallible> {
        append_lines(parts.headers_mut(), integration::set_cookie_lines(&self.0));
        Ok(parts)
    }
}

/// A recorded choice as response parts: the consent cookie and the
/// removals, one `Set-Cookie` each. Keep its
/// [`record`](Recorded::record) before returning it; send it even when
/// keeping the proof failed: a withdrawal is never refused (GDPR 7(3)).
impl<R> IntoResponseParts for Recorded<R> {
    type Error = Infallible;

    fn into_response_parts(self, mut parts: ResponseParts) -> Result<ResponseParts, Infallible> {
        append_lines(parts.headers_mut(), self.lines().iter().cloned());
        Ok(parts)
    }
}

/// A response with cookie-decl's cookies added, one `Set-Cookie` each.
impl<T: IntoResponse> IntoResponse for WithCookies<T> {
    fn into_response(self) -> Response {
        let (lines, inner) = self.into_lines();
        let mut response = inner.into_response();
        append_lines(response.headers_mut(), lines);
        response
    }
}

/// Appends a `Set-Cookie` per line: written from a declaration's
/// precomputed attributes, or from a cookie
/// ([`integration::set_cookie_lines`], which leaves out one that is no
/// valid header value rather than send it broken).
fn append_lines(headers: &mut HeaderMap, lines: impl IntoIterator<Item = String>) {
    for line in lines {
        if let Ok(value) = HeaderValue::try_from(line) {
            headers.append(SET_COOKIE, value);
        }
    }
}

/// The tower layer: [`tower_layer::Layer`] over every route, wrapping
/// each in a [`ConsentService`].
impl<S, R: ConsentRegistry> tower_layer::Layer<S> for ConsentLayer<R> {
    type Service = ConsentService<S, R>;

    fn layer(&self, inner: S) -> Self::Service {
        ConsentService {
            inner,
            layer: Arc::new(self.clone()),
        }
    }
}

/// The service [`ConsentLayer`] wraps around the application.
pub struct ConsentService<S, R: ConsentRegistry> {
    inner: S,
    /// Shared with each request's [`ConsentFuture`]: one count to take.
    layer: Arc<ConsentLayer<R>>,
}

impl<S: Clone, R: ConsentRegistry> Clone for ConsentService<S, R> {
    fn clone(&self) -> Self {
        ConsentService {
            inner: self.inner.clone(),
            layer: Arc::clone(&self.layer),
        }
    }
}

impl<S: fmt::Debug, R: ConsentRegistry> fmt::Debug for ConsentService<S, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConsentService")
            .field("inner", &self.inner)
            .field("layer", &self.layer)
            .finish()
    }
}

impl<S, R, B, ResBody> tower_service::Service<http::Request<B>> for ConsentService<S, R>
where
    S: tower_service::Service<http::Request<B>, Response = http::Response<ResBody>>,
    R: ConsentRegistry,
{
    type Response = http::Response<ResBody>;
    type Error = S::Error;
    type Future = ConsentFuture<S::Future, R>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: http::Request<B>) -> Self::Future {
        let headers = request.headers();
        let consent = self.layer.read_request(
            headers.get_all(COOKIE),
            headers.get(&SEC_GPC).map(HeaderValue::as_bytes),
            request.method().as_str(),
            request.uri().path(),
        );
        let per_visitor = PerVisitor::default();
        // For the `Consent` extractor, which then does not read it again.
        request.extensions_mut().insert(consent);
        request.extensions_mut().insert(per_visitor.clone());
        let pending = Pending {
            layer: Arc::clone(&self.layer),
            consent,
            per_visitor,
            method: request.method().clone(),
            uri: request.uri().clone(),
        };
        ConsentFuture {
            response: self.inner.call(request),
            pending: Some(pending),
        }
    }
}

pin_project_lite::pin_project! {
    /// The response of the application, checked by [`ConsentLayer`] when
    /// it is ready.
    pub struct ConsentFuture<F, R: ConsentRegistry> {
        #[pin]
        response: F,
        pending: Option<Pending<R>>,
    }
}

/// What the response's check needs of the request.
struct Pending<R: ConsentRegistry> {
    layer: Arc<ConsentLayer<R>>,
    consent: Consent<R>,
    per_visitor: PerVisitor,
    method: http::Method,
    uri: http::Uri,
}

impl<F, R, ResBody, E> Future for ConsentFuture<F, R>
where
    F: Future<Output = Result<http::Response<ResBody>, E>>,
    R: ConsentRegistry,
{
    type Output = Result<http::Response<ResBody>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut response = match this.response.poll(cx) {
            Poll::Ready(response) => response?,
            Poll::Pending => return Poll::Pending,
        };
        // Taken once: a future polled again after it is ready (which the
        // contract of `Future` does not ask for) checks nothing twice.
        if let Some(pending) = this.pending.take() {
            pending.layer.check_http_response(
                response.headers_mut(),
                pending.consent,
                pending.per_visitor.is_marked(),
                pending.method.as_str(),
                pending.uri.path(),
            );
        }
        Poll::Ready(Ok(response))
    }
}

impl<F, R: ConsentRegistry> fmt::Debug for ConsentFuture<F, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConsentFuture").finish_non_exhaustive()
    }
}

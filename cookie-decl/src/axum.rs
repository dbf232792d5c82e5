//! The glue for [axum](https://docs.rs/axum) 0.8 (feature `axum`): the
//! visitor's [`Consent`] as an extractor, the consent form as an extractor,
//! a recorded choice as response parts, and [`ConsentLayer`], a tower
//! layer that checks every response's `Set-Cookie` against the declaration
//! and the visitor's consent.
//!
//! ```
//! use axum::extract::FromRef;
//! use axum::response::{IntoResponse, Redirect, Response};
//! use axum::routing::{get, post};
//! use axum::Router;
//! use cookie_decl::consent::{Consent, ConsentCookie, ConsentForm, FormAction};
//! use cookie_decl::axum::ConsentLayer;
//! use cookie_decl::declare_cookies;
//!
//! declare_cookies! {
//!     pub struct Cookies { site: "https://example.fr" }
//!     necessary {
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
//! async fn home(consent: Consent<Cookies>) -> Response {
//!     // The gate: `None` until the visitor says yes to statistics.
//!     let visits = consent.cookie(Cookies::VISITS, "1");
//!     (cookie_decl::axum::SetCookies(visits.into_iter().collect()), "home").into_response()
//! }
//!
//! async fn record(
//!     axum::extract::State(app): axum::extract::State<App>,
//!     headers: axum::http::HeaderMap,
//!     form: ConsentForm,
//! ) -> Response {
//!     // Compare `form.csrf_token()` with the token the page carried first.
//!     match form.action() {
//!         FormAction::Customise => Redirect::to("/cookies/preferences").into_response(),
//!         FormAction::Record(granted) => {
//!             let cookies = cookie_decl::axum::request_cookies(&headers);
//!             let recorded = app.consent.record(&cookies, granted);
//!             println!("{}", recorded.record()); // the proof
//!             (recorded, Redirect::to("/")).into_response()
//!         }
//!     }
//! }
//!
//! let app = App { consent: ConsentCookie::unsigned() };
//! let router: Router = Router::new()
//!     .route("/", get(home))
//!     .route("/cookies/consent", post(record))
//!     .layer(ConsentLayer::enforce(app.consent.clone()))
//!     .with_state(app);
//! ```

use core::fmt;
use core::future::Future;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::convert::Infallible;
use std::sync::Arc;

use axum_core::extract::{FromRef, FromRequest, FromRequestParts, Request};
use axum_core::response::{IntoResponse, IntoResponseParts, Response, ResponseParts};
use cookie::Cookie;
use http::header::{CONTENT_TYPE, COOKIE, SET_COOKIE};
use http::request::Parts;
use http::{HeaderMap, HeaderValue, StatusCode};

use crate::consent::{
    Consent, ConsentCookie, ConsentForm, ConsentRegistry, Finding, FormError, Recorded,
    RequestCookies,
};

/// The cookies of a request, from all its `Cookie` headers (HTTP/2 may
/// send several). A header that is not text is skipped: what a client
/// sends may be anything.
pub fn request_cookies(headers: &HeaderMap) -> RequestCookies<'_> {
    RequestCookies::from_headers(
        headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok()),
    )
}

/// The visitor's consent, read with the application's
/// [`ConsentCookie`] (taken from the state by `FromRef`). Never rejects:
/// a request without a valid choice is [not asked yet](Consent::needs_asking).
impl<S, R> FromRequestParts<S> for Consent<R>
where
    R: ConsentRegistry,
    ConsentCookie<R>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let store = ConsentCookie::<R>::from_ref(state);
        Ok(store.read(request_cookies(&parts.headers)))
    }
}

/// The consent form a visitor posted (`application/x-www-form-urlencoded`,
/// read with [`ConsentForm::parse`]). Rejects with `415` for another
/// content type and `400` for a body that is not a consent form.
impl<S: Send + Sync> FromRequest<S> for ConsentForm {
    type Rejection = FormRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let urlencoded = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|mime| {
                mime.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            });
        if !urlencoded {
            return Err(FormRejection::ContentType);
        }
        let body = String::from_request(request, state)
            .await
            .map_err(|_| FormRejection::Body)?;
        ConsentForm::parse(&body).map_err(FormRejection::Form)
    }
}

/// Why the [`ConsentForm`] extractor refused a request.
#[derive(Debug)]
#[non_exhaustive]
pub enum FormRejection {
    /// Not `application/x-www-form-urlencoded`: `415`.
    ContentType,
    /// The body could not be read as text: `400`.
    Body,
    /// Not a consent form: `400`.
    Form(FormError),
}

impl fmt::Display for FormRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormRejection::ContentType => {
                f.write_str("a consent form is sent as `application/x-www-form-urlencoded`")
            }
            FormRejection::Body => f.write_str("the consent form's body is not text"),
            FormRejection::Form(error) => error.fmt(f),
        }
    }
}

impl IntoResponse for FormRejection {
    fn into_response(self) -> Response {
        let status = match self {
            FormRejection::ContentType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            _ => StatusCode::BAD_REQUEST,
        };
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
        append_set_cookies(parts.headers_mut(), &self.0);
        Ok(parts)
    }
}

/// A recorded choice as response parts: the consent cookie and the
/// removals, one `Set-Cookie` each. Keep its
/// [`record`](Recorded::record) before returning it.
impl<R> IntoResponseParts for Recorded<R> {
    type Error = Infallible;

    fn into_response_parts(self, mut parts: ResponseParts) -> Result<ResponseParts, Infallible> {
        append_set_cookies(parts.headers_mut(), self.set_cookies());
        Ok(parts)
    }
}

/// Appends a `Set-Cookie` per cookie. The builders encode every byte that
/// could break a header, so each converts; one that would not (a cookie
/// built by hand) is left out rather than sent broken.
fn append_set_cookies(headers: &mut HeaderMap, cookies: &[Cookie<'static>]) {
    for cookie in cookies {
        if let Ok(value) = HeaderValue::try_from(cookie.to_string()) {
            headers.append(SET_COOKIE, value);
        }
    }
}

/// What [`ConsentLayer`] does with a `Set-Cookie` the declaration does not
/// allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Report each finding and send the response as it is: for a first
    /// deployment, to see what the application sets.
    Report,
    /// Drop each `Set-Cookie` of an undeclared cookie, of a cookie that
    /// needs consent the visitor has not given, of an `extern` cookie, or
    /// that does not parse, and report it. A declared cookie set with other
    /// attributes is reported and sent: dropping a session cookie would
    /// break the application rather than protect the visitor.
    Enforce,
}

/// Called with each finding, and whether the `Set-Cookie` was dropped.
type OnFinding = Arc<dyn Fn(&Finding, bool) + Send + Sync>;

/// A tower layer that checks every response's `Set-Cookie` headers against
/// registry `R` and the visitor's consent, so that no other layer of the
/// application (a session middleware, a handler written by hand) sets a
/// cookie nobody declared, or a tracker before consent.
///
/// The consent is the request's, or the one a response records (a
/// `Set-Cookie` of the consent cookie). Findings go to stderr unless
/// [`on_finding`](ConsentLayer::on_finding) says otherwise.
pub struct ConsentLayer<R: ConsentRegistry> {
    store: ConsentCookie<R>,
    mode: Mode,
    on_finding: OnFinding,
}

impl<R: ConsentRegistry> ConsentLayer<R> {
    /// A layer that reports and drops (see [`Mode::Enforce`]).
    pub fn enforce(store: ConsentCookie<R>) -> Self {
        Self::new(store, Mode::Enforce)
    }

    /// A layer that only reports (see [`Mode::Report`]).
    pub fn report(store: ConsentCookie<R>) -> Self {
        Self::new(store, Mode::Report)
    }

    /// A layer in `mode`, reading consent with `store`.
    pub fn new(store: ConsentCookie<R>, mode: Mode) -> Self {
        ConsentLayer {
            store,
            mode,
            on_finding: Arc::new(|finding: &Finding, dropped: bool| {
                let action = if dropped { "dropped" } else { "reported" };
                eprintln!("cookie-decl: {action}: {finding}");
            }),
        }
    }

    /// Sends each finding, and whether its `Set-Cookie` was dropped, to
    /// `f` (a logger, a metrics counter, a test's list) instead of stderr.
    #[must_use]
    pub fn on_finding(mut self, f: impl Fn(&Finding, bool) + Send + Sync + 'static) -> Self {
        self.on_finding = Arc::new(f);
        self
    }
}

impl<R: ConsentRegistry> Clone for ConsentLayer<R> {
    fn clone(&self) -> Self {
        ConsentLayer {
            store: self.store.clone(),
            mode: self.mode,
            on_finding: Arc::clone(&self.on_finding),
        }
    }
}

impl<R: ConsentRegistry> fmt::Debug for ConsentLayer<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConsentLayer")
            .field("store", &self.store)
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

impl<S, R: ConsentRegistry> tower_layer::Layer<S> for ConsentLayer<R> {
    type Service = ConsentService<S, R>;

    fn layer(&self, inner: S) -> Self::Service {
        ConsentService {
            inner,
            layer: self.clone(),
            registry: PhantomData,
        }
    }
}

/// The service [`ConsentLayer`] wraps around the application.
pub struct ConsentService<S, R: ConsentRegistry> {
    inner: S,
    layer: ConsentLayer<R>,
    registry: PhantomData<fn() -> R>,
}

impl<S: Clone, R: ConsentRegistry> Clone for ConsentService<S, R> {
    fn clone(&self) -> Self {
        ConsentService {
            inner: self.inner.clone(),
            layer: self.layer.clone(),
            registry: PhantomData,
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
    S::Future: Send + 'static,
    R: ConsentRegistry,
{
    type Response = http::Response<ResBody>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let consent = self.layer.store.read(request_cookies(request.headers()));
        let layer = self.layer.clone();
        let response = self.inner.call(request);
        Box::pin(async move {
            let mut response = response.await?;
            layer.check(response.headers_mut(), consent);
            Ok(response)
        })
    }
}

impl<R: ConsentRegistry> ConsentLayer<R> {
    /// Audits the `Set-Cookie` headers of a response, dropping in
    /// [`Mode::Enforce`] what the declaration does not allow.
    fn check(&self, headers: &mut HeaderMap, request_consent: Consent<R>) {
        if !headers.contains_key(SET_COOKIE) {
            return;
        }
        let values: Vec<HeaderValue> = match headers.entry(SET_COOKIE) {
            http::header::Entry::Occupied(entry) => entry.remove_entry_mult().1.collect(),
            http::header::Entry::Vacant(_) => Vec::new(),
        };
        let consent = self.recorded_consent(&values).unwrap_or(request_consent);
        for value in values {
            let mut findings = Vec::new();
            match value.to_str() {
                Ok(text) => crate::consent::audit::audit_set_cookie(text, &consent, &mut findings),
                Err(_) => findings.push(Finding::Unparsable {
                    header: format!("{:?}", String::from_utf8_lossy(value.as_bytes())),
                }),
            }
            let drop = self.mode == Mode::Enforce
                && findings
                    .iter()
                    .any(|finding| !matches!(finding, Finding::Attribute { .. }));
            for finding in &findings {
                (self.on_finding)(finding, drop);
            }
            if !drop {
                headers.append(SET_COOKIE, value);
            }
        }
    }

    /// The consent a response records, when it sets the consent cookie.
    fn recorded_consent(&self, values: &[HeaderValue]) -> Option<Consent<R>> {
        let name = R::CONSENT_COOKIE.name();
        values.iter().find_map(|value| {
            let cookie = Cookie::parse(value.to_str().ok()?).ok()?;
            if cookie.name() != name || cookie.value().is_empty() {
                return None;
            }
            let pair = format!("{name}={}", cookie.value());
            Some(self.store.read(pair.as_str()))
        })
    }
}

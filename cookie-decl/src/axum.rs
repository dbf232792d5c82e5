//! The glue for [axum](https://docs.rs/axum) 0.8 (feature `axum`, which
//! turns on `signed`): the visitor's [`Consent`] as an extractor, the
//! consent form as an extractor that checks its CSRF token
//! ([`ConsentChoice`], `403` otherwise), the token itself as an extractor
//! and response part ([`CsrfToken`]), a recorded choice as response
//! parts, and [`ConsentLayer`], a tower layer that audits every request
//! and checks every response's `Set-Cookie` against the declaration.
//!
//! ```
//! use axum::extract::{FromRef, State};
//! use axum::response::{Html, IntoResponse, Redirect, Response};
//! use axum::routing::{get, post};
//! use axum::Router;
//! use cookie_decl::axum::{ConsentChoice, ConsentLayer, SetCookies};
//! use cookie_decl::consent::{self, Consent, ConsentCookie, CsrfToken, FormAction};
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
//!     match choice.action() {
//!         FormAction::Customise => Redirect::to("/cookies/preferences").into_response(),
//!         FormAction::Record(granted) => {
//!             let recorded = app.consent.record(choice.cookies(), granted);
//!             println!("{}", recorded.record()); // the proof: keep it
//!             (recorded, Redirect::to("/")).into_response()
//!         }
//!     }
//! }
//!
//! // The key: 64 bytes the site keeps secret, the same on every server.
//! let app = App { consent: ConsentCookie::signed(Key::generate()) };
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
use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum_core::extract::{FromRef, FromRequest, FromRequestParts, Request};
use axum_core::response::{IntoResponse, IntoResponseParts, Response, ResponseParts};
use cookie::Cookie;
use http::header::{CONTENT_TYPE, COOKIE, HOST, ORIGIN, SET_COOKIE};
use http::request::Parts;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

use crate::consent::audit::{
    Verdict, audit_request_reading, audit_set_cookie, passes_as_declared, shorten,
};
use crate::consent::{
    Consent, ConsentCookie, ConsentForm, ConsentRegistry, CsrfError, CsrfRegistry, CsrfToken,
    Finding, FormAction, FormError, FormOrigin, RandomError, Recorded, RequestCookies,
};

/// `Sec-Fetch-Site`, which `http` does not name.
static SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");

/// The cookies of a request, from all its `Cookie` headers (HTTP/2 may
/// send several), read as bytes: a pair that is not ASCII is lost alone
/// (see [`RequestCookies`]), never the header around it.
pub fn request_cookies(headers: &HeaderMap) -> RequestCookies<'_> {
    RequestCookies::from_headers(headers.get_all(COOKIE))
}

/// The visitor's consent, read with the application's
/// [`ConsentCookie`] (taken from the state by `FromRef`), or the one
/// [`ConsentLayer`] read for this request (it leaves it in the request's
/// extensions, so that it is read once). Never rejects: a request without
/// a valid choice is [not asked yet](Consent::needs_asking).
impl<S, R> FromRequestParts<S> for Consent<R>
where
    R: ConsentRegistry,
    ConsentCookie<R>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        // Read once per request: `ConsentLayer` leaves what it read.
        if let Some(consent) = parts.extensions.get::<Consent<R>>() {
            return Ok(*consent);
        }
        let store = ConsentCookie::<R>::from_ref(state);
        Ok(store.read(request_cookies(&parts.headers)))
    }
}

/// The visitor's CSRF token for the page's forms: the one its cookie
/// holds, or a fresh one. Return it among the response parts, so that a
/// fresh token's cookie is set. Rejects with `500` only when the operating
/// system gives no random bytes.
impl<S, R> FromRequestParts<S> for CsrfToken<R>
where
    R: CsrfRegistry,
    S: Send + Sync,
{
    type Rejection = RandomRejection;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        CsrfToken::for_request(request_cookies(&parts.headers)).map_err(RandomRejection)
    }
}

/// A CSRF token as a response part: its cookie, when the token is new.
impl<R: CsrfRegistry> IntoResponseParts for CsrfToken<R> {
    type Error = Infallible;

    fn into_response_parts(self, mut parts: ResponseParts) -> Result<ResponseParts, Infallible> {
        append_set_cookies(parts.headers_mut(), self.set_cookie().as_slice());
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

/// The choice a visitor posted with the consent form, once the form is
/// shown to be theirs ([`ConsentForm::verify`]: posted from the site's own
/// pages, with the token of the visitor's `csrf_token` cookie). A forged
/// form never reaches the handler: it is answered `403`, and nothing is
/// recorded.
///
/// Rejects with `415` for a body that is not
/// `application/x-www-form-urlencoded`, `400` for one that is not a
/// consent form, and `403` for a form that is not the visitor's: posted
/// from elsewhere, or with a token missing, repeated or wrong.
pub struct ConsentChoice<R> {
    action: FormAction,
    cookies: Vec<u8>,
    registry: PhantomData<fn() -> R>,
}

impl<R> ConsentChoice<R> {
    /// What the visitor asked for.
    pub fn action(&self) -> FormAction {
        self.action
    }

    /// The cookies the request carried, for
    /// [`ConsentCookie::record`](crate::consent::ConsentCookie::record).
    pub fn cookies(&self) -> RequestCookies<'_> {
        RequestCookies::from(self.cookies.as_slice())
    }
}

impl<R> fmt::Debug for ConsentChoice<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConsentChoice")
            .field("action", &self.action)
            .finish_non_exhaustive()
    }
}

impl<S, R> FromRequest<S> for ConsentChoice<R>
where
    R: CsrfRegistry,
    S: Send + Sync,
{
    type Rejection = FormRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let headers = request.headers();
        let urlencoded = headers
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
        let authority = request.uri().authority().map(|a| a.as_str().as_bytes());
        let origin = FormOrigin::new()
            .sec_fetch_site(headers.get(&SEC_FETCH_SITE).map(HeaderValue::as_bytes))
            .origin(headers.get(ORIGIN).map(HeaderValue::as_bytes))
            .host(headers.get(HOST).map(HeaderValue::as_bytes).or(authority));
        // Checked before the body is read: a cross-site post costs nothing.
        origin.check().map_err(FormRejection::Csrf)?;
        // Copied whole: the body is read next, which takes the request.
        let cookies = joined_cookie_headers(headers);
        let body = String::from_request(request, state)
            .await
            .map_err(|_| FormRejection::Body)?;
        let form = ConsentForm::parse(&body).map_err(FormRejection::Form)?;
        let action = form
            .verify::<R>(cookies.as_slice(), FormOrigin::new())
            .map_err(FormRejection::Csrf)?;
        Ok(ConsentChoice {
            action,
            cookies,
            registry: PhantomData,
        })
    }
}

/// Every `Cookie` header of a request, joined as one.
fn joined_cookie_headers(headers: &HeaderMap) -> Vec<u8> {
    let mut joined = Vec::new();
    for value in headers.get_all(COOKIE) {
        if !joined.is_empty() {
            joined.extend_from_slice(b"; ");
        }
        joined.extend_from_slice(value.as_bytes());
    }
    joined
}

/// Why the [`ConsentChoice`] extractor refused a request.
#[derive(Debug)]
#[non_exhaustive]
pub enum FormRejection {
    /// Not `application/x-www-form-urlencoded`: `415`.
    ContentType,
    /// The body could not be read as text: `400`.
    Body,
    /// Not a consent form: `400`; `403` for [`FormError::Csrf`], a form
    /// without exactly one CSRF token.
    Form(FormError),
    /// Not the visitor's own form: `403`.
    Csrf(CsrfError),
}

impl fmt::Display for FormRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormRejection::ContentType => {
                f.write_str("a consent form is sent as `application/x-www-form-urlencoded`")
            }
            FormRejection::Body => f.write_str("the consent form's body is not text"),
            FormRejection::Form(error) => error.fmt(f),
            FormRejection::Csrf(error) => error.fmt(f),
        }
    }
}

impl IntoResponse for FormRejection {
    fn into_response(self) -> Response {
        let status = match self {
            FormRejection::ContentType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            // A form without exactly one token is refused as a wrong one.
            FormRejection::Csrf(_) | FormRejection::Form(FormError::Csrf) => StatusCode::FORBIDDEN,
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
/// [`record`](Recorded::record) before returning it; send it even when
/// keeping the proof failed: a withdrawal is never refused (GDPR 7(3)).
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
/// allow as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Report each finding and send the response as it is: for a first
    /// deployment, to see what the application sets.
    Report,
    /// Never send a cookie the declaration does not allow as it is:
    ///
    /// - a `Set-Cookie` of an undeclared cookie, of a cookie that needs
    ///   consent the visitor has not given, of an `extern` cookie, or that
    ///   does not parse, is dropped;
    /// - a declared cookie set with other attributes (`Secure` or
    ///   `HttpOnly` missing, another `SameSite`, `Domain`, `Path` or
    ///   `Partitioned`, a `Max-Age` or `Expires` longer than declared, a
    ///   lifetime on a session cookie) is rewritten to its declaration,
    ///   its value kept; a shorter lifetime than declared is kept, as it
    ///   weakens nothing. Rewritten rather than dropped: the cookie is
    ///   declared, so the application needs it (dropping a session cookie
    ///   would log every visitor out), and its declaration says exactly
    ///   how it may be sent.
    ///
    /// Each is reported, with what was done.
    Enforce,
}

/// What the layer did about a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Action {
    /// Reported only: a request's cookie (a server cannot unset what a
    /// request carries), or a `Set-Cookie` in [`Mode::Report`].
    Reported,
    /// The `Set-Cookie` was not sent.
    Dropped,
    /// The `Set-Cookie` was sent as its declaration says.
    Rewritten,
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::Reported => "reported",
            Action::Dropped => "dropped",
            Action::Rewritten => "rewritten",
        })
    }
}

/// One finding of [`ConsentLayer`], as its
/// [`on_finding`](ConsentLayer::on_finding) callback gets it. `Display`
/// gives one log line: `cookie-decl: dropped: response sets cookie
/// `tracker`, which the registry does not declare (GET /)`.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Report<'a> {
    /// What was found.
    pub finding: &'a Finding,
    /// What the layer did.
    pub action: Action,
    /// The request's method.
    pub method: &'a http::Method,
    /// The request's path, without its query.
    pub path: &'a str,
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cookie-decl: {}: {} ({} {})",
            self.action,
            self.finding,
            self.method,
            self.path.escape_debug()
        )
    }
}

/// Called with each finding.
type OnFinding = Arc<dyn Fn(&Report<'_>) + Send + Sync>;

/// A tower layer that holds every request and response to the declaration
/// of registry `R` and the visitor's consent:
///
/// - each **request**'s cookies are audited ([`audit_request`]): a cookie
///   that needs consent in the request of a visitor who has not given it
///   was set by a script before consent (or kept after a withdrawal), the
///   violation the CNIL sanctions most; undeclared, unreadable and
///   ambiguous cookies too. These are reported (a server cannot unset
///   what a browser sends), each distinct finding once until 4,096
///   distinct ones were seen (then the memory is emptied and the count
///   starts again), so that a busy site's log is not flooded by the same
///   tracker on every page. A client that sends new cookie names on every
///   request still gets a line per new name: rate-limit the
///   [`on_finding`](ConsentLayer::on_finding) sink if that matters;
/// - each **response**'s `Set-Cookie` headers are checked
///   ([`audit_response`]), and in [`Mode::Enforce`] dropped or rewritten
///   so that no other layer of the application (a session middleware, a
///   handler written by hand) sends a cookie nobody declared, a tracker
///   before consent, or a cookie weaker than declared.
///
/// The consent is the request's, or the one a response records (a
/// `Set-Cookie` of the consent cookie). The layer leaves the consent it
/// read in the request's extensions, where the [`Consent`] extractor takes
/// it: give the layer the application's own [`ConsentCookie`] (the same
/// key). Findings go to stderr unless
/// [`on_finding`](ConsentLayer::on_finding) says otherwise.
///
/// [`audit_request`]: crate::consent::audit_request
/// [`audit_response`]: crate::consent::audit_response
pub struct ConsentLayer<R: ConsentRegistry> {
    store: ConsentCookie<R>,
    mode: Mode,
    on_finding: OnFinding,
    seen: Arc<Seen>,
}

impl<R: ConsentRegistry> ConsentLayer<R> {
    /// A layer that reports, drops and rewrites (see [`Mode::Enforce`]).
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
            on_finding: Arc::new(|report: &Report<'_>| {
                // A log that cannot be written (a full disk) is lost;
                // the request goes on (`eprintln!` would panic).
                use std::io::Write as _;
                let _ = writeln!(std::io::stderr(), "{report}");
            }),
            seen: Arc::new(Seen::new()),
        }
    }

    /// Sends each finding to `f` (a logger, a metrics counter, a test's
    /// list) instead of stderr.
    #[must_use]
    pub fn on_finding(mut self, f: impl Fn(&Report<'_>) + Send + Sync + 'static) -> Self {
        self.on_finding = Arc::new(f);
        self
    }
}

/// The request findings already reported: a set of their hashes, emptied
/// when it reaches its bound, so that a flood of distinct cookie names
/// costs bounded memory.
///
/// Read and written without a lock, by every request at once: an open
/// addressing table of `2 * BOUND` atomic slots, each holding a hash's top
/// bits and the generation it was written in. Emptying the set is starting
/// a new generation, which makes every slot of the old ones free; within a
/// generation a slot only goes from free to taken, so a probe that meets a
/// free slot knows the hash is not further on. A finding already reported
/// costs one hash and one or two loads. A request that runs while the set
/// is being emptied may find a slot it wrote freed again: a finding can
/// then be reported twice, never not at all.
struct Seen {
    /// The hash's secret seed, drawn for each layer.
    seed: u64,
    /// The generation (high 32 bits) and the number of hashes it holds.
    state: AtomicU64,
    slots: Box<[AtomicU64]>,
}

impl Seen {
    const BOUND: usize = 4096;
    const SLOTS: usize = 2 * Self::BOUND;
    /// The low bits of a slot: its generation, never 0 (a slot of 0 is
    /// free in every generation).
    const GENERATION: u64 = (1 << 20) - 1;

    fn new() -> Self {
        Seen {
            seed: RandomState::new().hash_one(0x5EE4_u64),
            state: AtomicU64::new(1 << 32),
            slots: (0..Self::SLOTS).map(|_| AtomicU64::new(0)).collect(),
        }
    }

    /// Whether `hash` is new to the set; it is in the set afterwards. As
    /// the `HashSet` this replaces did, the set is emptied when it holds
    /// `BOUND` hashes and another is asked about.
    fn insert(&self, hash: u64) -> bool {
        let mut state = self.state.load(Ordering::Acquire);
        if (state & u64::from(u32::MAX)) >= Self::BOUND as u64 {
            let generation = (state >> 32) & Self::GENERATION;
            let next = if generation == Self::GENERATION {
                1
            } else {
                generation + 1
            };
            // Of the requests that find it full, one empties it.
            state = match self.state.compare_exchange(
                state,
                next << 32,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => next << 32,
                Err(now) => now,
            };
        }
        let generation = (state >> 32) & Self::GENERATION;
        let entry = (hash & !Self::GENERATION) | generation;
        let mask = Self::SLOTS - 1;
        let mut at = (hash >> (64 - Self::SLOTS.trailing_zeros())) as usize;
        for _ in 0..Self::SLOTS {
            let slot = &self.slots[at];
            let mut seen = slot.load(Ordering::Acquire);
            loop {
                if seen == entry {
                    return false;
                }
                if seen & Self::GENERATION == generation {
                    // Another hash of this generation: probe on.
                    break;
                }
                // Free in this generation: take it, unless another request
                // just did (maybe for the same hash).
                match slot.compare_exchange(seen, entry, Ordering::AcqRel, Ordering::Acquire) {
                    Ok(_) => {
                        self.state.fetch_add(1, Ordering::AcqRel);
                        return true;
                    }
                    Err(now) => seen = now,
                }
            }
            at = (at + 1) & mask;
        }
        // Unreachable: a generation holds at most `BOUND` hashes, half the
        // slots. Reporting again is the safe answer.
        true
    }
}

impl<R: ConsentRegistry> Clone for ConsentLayer<R> {
    fn clone(&self) -> Self {
        ConsentLayer {
            store: self.store.clone(),
            mode: self.mode,
            on_finding: Arc::clone(&self.on_finding),
            seen: Arc::clone(&self.seen),
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

    fn call(&mut self, mut request: http::Request<B>) -> Self::Future {
        let consent = self.layer.read_and_audit(&request);
        // For the `Consent` extractor, which then does not read it again.
        request.extensions_mut().insert(consent);
        let method = request.method().clone();
        let uri = request.uri().clone();
        let layer = self.layer.clone();
        let response = self.inner.call(request);
        Box::pin(async move {
            let mut response = response.await?;
            layer.check(response.headers_mut(), consent, &method, uri.path());
            Ok(response)
        })
    }
}

impl<R: ConsentRegistry> ConsentLayer<R> {
    /// Reads the request's consent and reports what its cookies show, in
    /// one pass over its `Cookie` header, each distinct finding once: a
    /// finding is hashed from the header's bytes, and made (allocated)
    /// only when it is new.
    fn read_and_audit<B>(&self, request: &http::Request<B>) -> Consent<R> {
        let cookies = request_cookies(request.headers());
        let name = R::CONSENT_COOKIE.name();
        audit_request_reading(
            &cookies,
            name,
            |found| self.store.read(RequestCookies::found(name, found)),
            |finding| {
                if self.seen.insert(finding.hash(self.seen.seed)) {
                    (self.on_finding)(&Report {
                        finding: &finding.to_finding(),
                        action: Action::Reported,
                        method: request.method(),
                        path: request.uri().path(),
                    });
                }
            },
        )
    }

    /// Audits the `Set-Cookie` headers of a response, dropping or
    /// rewriting in [`Mode::Enforce`] what the declaration does not allow.
    fn check(
        &self,
        headers: &mut HeaderMap,
        request_consent: Consent<R>,
        method: &http::Method,
        path: &str,
    ) {
        if !headers.contains_key(SET_COOKIE) {
            return;
        }
        let consent = self
            .recorded_consent(headers.get_all(SET_COOKIE))
            .unwrap_or(request_consent);
        // Nearly always: every `Set-Cookie` is a declared cookie's line as
        // its builder wrote it, allowed by the consent. Nothing to parse,
        // nothing to report, the headers left where they are.
        let as_declared = |value: &HeaderValue| passes_as_declared(value.as_bytes(), &consent);
        if headers.get_all(SET_COOKIE).iter().all(as_declared) {
            return;
        }
        let values: Vec<HeaderValue> = match headers.entry(SET_COOKIE) {
            http::header::Entry::Occupied(entry) => entry.remove_entry_mult().1.collect(),
            http::header::Entry::Vacant(_) => Vec::new(),
        };
        let mut findings = Vec::new();
        for value in values {
            if as_declared(&value) {
                headers.append(SET_COOKIE, value);
                continue;
            }
            findings.clear();
            let verdict = match value.to_str() {
                Ok(text) => audit_set_cookie(text, &consent, &mut findings),
                Err(_) => {
                    findings.push(Finding::Unparsable {
                        header: shorten(value.as_bytes()),
                    });
                    Verdict::Drop
                }
            };
            let (action, send) = match (self.mode, verdict) {
                (_, Verdict::Pass) | (Mode::Report, _) => (Action::Reported, Some(value)),
                (Mode::Enforce, Verdict::Drop) => (Action::Dropped, None),
                (Mode::Enforce, Verdict::Mend(cookie)) => {
                    match HeaderValue::try_from(cookie.to_string()) {
                        Ok(mended) => (Action::Rewritten, Some(mended)),
                        Err(_) => (Action::Dropped, None),
                    }
                }
            };
            for finding in &findings {
                (self.on_finding)(&Report {
                    finding,
                    action,
                    method,
                    path,
                });
            }
            if let Some(value) = send {
                headers.append(SET_COOKIE, value);
            }
        }
    }

    /// The consent a response records, when it sets the consent cookie.
    fn recorded_consent<'h>(
        &self,
        values: impl IntoIterator<Item = &'h HeaderValue>,
    ) -> Option<Consent<R>> {
        let name = R::CONSENT_COOKIE.name();
        values.into_iter().find_map(|value| {
            // Only the consent cookie's line is parsed.
            let line = value.as_bytes().trim_ascii_start();
            if !line.starts_with(name.as_bytes()) {
                return None;
            }
            let cookie = Cookie::parse(value.to_str().ok()?).ok()?;
            if cookie.name() != name || cookie.value().is_empty() {
                return None;
            }
            // Read as a request would carry it: a rare path, kept exact.
            let pair = format!("{name}={}", cookie.value());
            Some(self.store.read(pair.as_str()))
        })
    }
}

//! The framework-agnostic core of the Rocket, actix-web and poem
//! integrations: everything they do, over header values as bytes, the
//! form's body as bytes and a response's `Set-Cookie` lines, so that each
//! framework's module is only the translation to its own request, response
//! and trait shapes.
//!
//! The public types here ([`ConsentCheck`], [`ConsentChoice`],
//! [`FormRejection`], [`WithCookies`], [`Mode`], [`Action`], [`Report`]) are
//! re-exported by each framework's module, under that framework's word for
//! them where it has one (`ConsentFairing` for Rocket, `ConsentMiddleware`
//! for actix-web and poem): one type, one behaviour, whichever framework
//! serves it.
//!
//! The axum integration predates this core and has its own copies of the
//! types and of the response check: each function here says which of its
//! functions it mirrors, so that `ConsentLayer` can move onto it.

use core::fmt;
use core::marker::PhantomData;
use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};
use std::sync::{Arc, Mutex, PoisonError};

use cookie::Cookie;

use crate::consent::audit::{Found, Verdict, audit_request_each, audit_set_cookie, shorten};
use crate::consent::{
    Consent, ConsentCookie, ConsentForm, ConsentRegistry, CsrfError, CsrfRegistry, CsrfToken,
    Finding, FormAction, FormError, FormOrigin, RandomError, Recorded, RequestCookies,
};

// ---------------------------------------------------------------------------
// Reading the request.

/// The visitor's consent, from every `Cookie` header of a request (HTTP/2
/// may send one per cookie), read as bytes. Mirrors the `Consent`
/// extractor of `crate::axum`.
pub(crate) fn read_consent<'h, R, H>(
    store: &ConsentCookie<R>,
    cookie_headers: impl IntoIterator<Item = &'h H>,
) -> Consent<R>
where
    R: ConsentRegistry,
    H: AsRef<[u8]> + ?Sized + 'h,
{
    store.read(RequestCookies::from_headers(cookie_headers))
}

/// The visitor's CSRF token: the one its cookie holds, or a fresh one.
/// Mirrors the `CsrfToken` extractor of `crate::axum`.
pub(crate) fn csrf_token<'h, R, H>(
    cookie_headers: impl IntoIterator<Item = &'h H>,
) -> Result<CsrfToken<R>, RandomError>
where
    R: CsrfRegistry,
    H: AsRef<[u8]> + ?Sized + 'h,
{
    CsrfToken::for_request(RequestCookies::from_headers(cookie_headers))
}

/// Every `Cookie` header of a request, joined as one: what a
/// [`ConsentChoice`] keeps, since the request is gone once its body is
/// read. Mirrors `joined_cookie_headers` of `crate::axum`.
pub(crate) fn joined_cookie_headers<'h, H>(
    cookie_headers: impl IntoIterator<Item = &'h H>,
) -> Vec<u8>
where
    H: AsRef<[u8]> + ?Sized + 'h,
{
    let mut joined = Vec::new();
    for value in cookie_headers {
        if !joined.is_empty() {
            joined.extend_from_slice(b"; ");
        }
        joined.extend_from_slice(value.as_ref());
    }
    joined
}

// ---------------------------------------------------------------------------
// The consent form.

/// The headers of a posted consent form that decide, before its body is
/// read, whether it may be the visitor's.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FormHead<'a> {
    pub(crate) content_type: Option<&'a [u8]>,
    pub(crate) sec_fetch_site: Option<&'a [u8]>,
    pub(crate) origin: Option<&'a [u8]>,
    pub(crate) host: Option<&'a [u8]>,
}

impl FormHead<'_> {
    /// `415` for a body that is not a urlencoded form, `403` for a form
    /// posted from another site: checked before the body is read, so that
    /// a cross-site post costs nothing. Mirrors the first half of
    /// `ConsentChoice::from_request` of `crate::axum`.
    pub(crate) fn check(&self) -> Result<(), FormRejection> {
        let urlencoded = self
            .content_type
            .and_then(|value| core::str::from_utf8(value).ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|mime| {
                mime.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            });
        if !urlencoded {
            return Err(FormRejection::ContentType);
        }
        FormOrigin::new()
            .sec_fetch_site(self.sec_fetch_site)
            .origin(self.origin)
            .host(self.host)
            .check()
            .map_err(FormRejection::Csrf)
    }
}

/// The choice in a consent form's `body`, once its token is shown to be
/// the one of the visitor's CSRF cookie (among `cookies`, every `Cookie`
/// header joined). Call [`FormHead::check`] first. Mirrors the second half
/// of `ConsentChoice::from_request` of `crate::axum`.
pub(crate) fn consent_choice<R: CsrfRegistry>(
    cookies: Vec<u8>,
    body: &[u8],
) -> Result<ConsentChoice<R>, FormRejection> {
    let body = core::str::from_utf8(body).map_err(|_| FormRejection::Body)?;
    let form = ConsentForm::parse(body).map_err(FormRejection::Form)?;
    let action = form
        .verify::<R>(cookies.as_slice(), FormOrigin::new())
        .map_err(FormRejection::Csrf)?;
    Ok(ConsentChoice {
        action,
        cookies,
        registry: PhantomData,
    })
}

/// The choice a visitor posted with the consent form, once the form is
/// shown to be theirs ([`ConsentForm::verify`]: posted from the site's own
/// pages, with the token of the visitor's `csrf_token` cookie). A forged
/// form never reaches the handler: it is answered `403`, and nothing is
/// recorded.
///
/// Refused with `415` for a body that is not
/// `application/x-www-form-urlencoded`, `400` for one that is not a
/// consent form, and `403` for a form that is not the visitor's: posted
/// from elsewhere, or with a token missing, repeated or wrong (see
/// [`FormRejection`]).
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

/// Why a [`ConsentChoice`] was refused; [`status`](FormRejection::status)
/// is the answer's status code.
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

impl FormRejection {
    /// `415`, `400` or `403`.
    pub fn status(&self) -> u16 {
        match self {
            FormRejection::ContentType => 415,
            // A form without exactly one token is refused as a wrong one.
            FormRejection::Csrf(_) | FormRejection::Form(FormError::Csrf) => 403,
            FormRejection::Body | FormRejection::Form(_) => 400,
        }
    }
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

impl std::error::Error for FormRejection {}

// ---------------------------------------------------------------------------
// Sending cookies.

/// A framework's response `T` with cookie-decl's cookies added, one
/// `Set-Cookie` header each, exactly `cookie.to_string()`: the line the
/// declaration built, every attribute kept (`Partitioned` included) and
/// no value encoded a second time, which Rocket's and poem's cookie jars
/// would do and actix-web's `cookie` 0.16 cannot promise.
///
/// A [`Recorded`] choice alone, or a fresh [`CsrfToken`], are responses
/// too; `WithCookies` is for sending them with a page or a redirect.
///
/// ```
/// # use cookie_decl::declare_cookies;
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     statistics {
/// #         visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
/// #     }
/// # }
/// # #[cfg(feature = "poem")]
/// # {
/// use cookie_decl::poem::WithCookies;
///
/// let page = WithCookies::new("<h1>Accueil</h1>").cookie(Cookies::VISITS.cookie("1"));
/// assert_eq!(page.cookies().len(), 1);
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct WithCookies<T> {
    cookies: Vec<Cookie<'static>>,
    response: T,
}

impl<T> WithCookies<T> {
    /// `response`, with no cookie yet.
    pub fn new(response: T) -> Self {
        WithCookies {
            cookies: Vec::new(),
            response,
        }
    }

    /// Adds `cookie`; `None` (a gate that said no, a CSRF token that
    /// needs no cookie) adds nothing.
    #[must_use]
    pub fn cookie(mut self, cookie: impl Into<Option<Cookie<'static>>>) -> Self {
        self.cookies.extend(cookie.into());
        self
    }

    /// Adds `cookies`, in order.
    #[must_use]
    pub fn cookies_from(mut self, cookies: impl IntoIterator<Item = Cookie<'static>>) -> Self {
        self.cookies.extend(cookies);
        self
    }

    /// Adds a CSRF token's cookie, when the token is new.
    #[must_use]
    pub fn csrf<R: CsrfRegistry>(self, token: &CsrfToken<R>) -> Self {
        self.cookie(token.set_cookie())
    }

    /// Adds what a recorded choice sets: the consent cookie and the
    /// removals. Keep its [`record`](Recorded::record) first; send it even
    /// when keeping the proof failed: a withdrawal is never refused (GDPR
    /// 7(3)).
    #[must_use]
    pub fn recorded<R>(self, recorded: &Recorded<R>) -> Self {
        self.cookies_from(recorded.set_cookies().iter().cloned())
    }

    /// The cookies to send, in order.
    pub fn cookies(&self) -> &[Cookie<'static>] {
        &self.cookies
    }

    /// The cookies and the response, for a framework's responder.
    pub(crate) fn into_parts(self) -> (Vec<Cookie<'static>>, T) {
        (self.cookies, self.response)
    }
}

/// The `Set-Cookie` lines of `cookies`, each `cookie.to_string()`, leaving
/// out one that is no valid header value (a cookie built by hand: the
/// builders encode every byte that could break a header), rather than
/// sending it broken. Mirrors `append_set_cookies` of `crate::axum`.
pub(crate) fn set_cookie_lines<'c>(
    cookies: &'c [Cookie<'static>],
) -> impl Iterator<Item = String> + 'c {
    cookies
        .iter()
        .map(ToString::to_string)
        .filter(|line| is_header_value(line.as_bytes()))
}

/// Whether `bytes` make a header value `http` (and every framework here)
/// accepts: no control byte but tab, no DEL.
fn is_header_value(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|&b| b == b'\t' || (b >= b' ' && b != 0x7f))
}

// ---------------------------------------------------------------------------
// The request audit and the response check.

/// What [`ConsentCheck`] does with a `Set-Cookie` the declaration does not
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
    ///   declared, so the application needs it, and its declaration says
    ///   exactly how it may be sent.
    ///
    /// Each is reported, with what was done.
    Enforce,
}

/// What [`ConsentCheck`] did about a finding.
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

/// One finding of [`ConsentCheck`], as its
/// [`on_finding`](ConsentCheck::on_finding) callback gets it. `Display`
/// gives one log line: ``cookie-decl: dropped: response sets cookie
/// `tracker`, which the registry does not declare (GET /)``.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Report<'a> {
    /// What was found.
    pub finding: &'a Finding,
    /// What was done.
    pub action: Action,
    /// The request's method.
    pub method: &'a str,
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

/// Holds every request and response to the declaration of registry `R`
/// and the visitor's consent, as a Rocket fairing
/// (`cookie_decl::rocket::ConsentFairing`), an actix-web middleware
/// (`cookie_decl::actix::ConsentMiddleware`) or a poem middleware
/// (`cookie_decl::poem::ConsentMiddleware`), with the behaviour and the
/// findings of axum's `ConsentLayer`:
///
/// - each **request**'s cookies are audited
///   ([`audit_request`](crate::consent::audit_request)): a cookie that
///   needs consent in the request of a visitor who has not given it was
///   set by a script before consent (or kept after a withdrawal), the
///   violation the CNIL sanctions most; undeclared, unreadable and
///   ambiguous cookies too. These are reported (a server cannot unset what
///   a browser sends), each distinct finding once until 4,096 distinct
///   ones were seen (then the memory is emptied and the count starts
///   again), so that a busy site's log is not flooded by the same tracker
///   on every page;
/// - each **response**'s `Set-Cookie` headers are checked
///   ([`audit_response`](crate::consent::audit_response)), and in
///   [`Mode::Enforce`] dropped or rewritten so that nothing else in the
///   application (a session middleware, a handler written by hand, the
///   framework's cookie jar) sends a cookie nobody declared, a tracker
///   before consent, or a cookie weaker than declared.
///
/// The consent is the request's, or the one a response records (a
/// `Set-Cookie` of the consent cookie). The consent read for a request is
/// left where the framework's `Consent` extractor or guard takes it, so it
/// is read once: give the check the application's own [`ConsentCookie`]
/// (the same key). Findings go to stderr unless
/// [`on_finding`](ConsentCheck::on_finding) says otherwise.
pub struct ConsentCheck<R: ConsentRegistry> {
    pub(crate) store: ConsentCookie<R>,
    mode: Mode,
    on_finding: OnFinding,
    seen: Arc<Seen>,
}

impl<R: ConsentRegistry> ConsentCheck<R> {
    /// Reports, drops and rewrites (see [`Mode::Enforce`]).
    pub fn enforce(store: ConsentCookie<R>) -> Self {
        Self::new(store, Mode::Enforce)
    }

    /// Only reports (see [`Mode::Report`]).
    pub fn report(store: ConsentCookie<R>) -> Self {
        Self::new(store, Mode::Report)
    }

    /// In `mode`, reading consent with `store`.
    pub fn new(store: ConsentCookie<R>, mode: Mode) -> Self {
        ConsentCheck {
            store,
            mode,
            on_finding: Arc::new(|report: &Report<'_>| {
                // A log that cannot be written (a full disk) is lost;
                // the request goes on (`eprintln!` would panic).
                use std::io::Write as _;
                let _ = writeln!(std::io::stderr(), "{report}");
            }),
            seen: Arc::new(Seen::default()),
        }
    }

    /// Sends each finding to `f` (a logger, a metrics counter, a test's
    /// list) instead of stderr.
    #[must_use]
    pub fn on_finding(mut self, f: impl Fn(&Report<'_>) + Send + Sync + 'static) -> Self {
        self.on_finding = Arc::new(f);
        self
    }

    /// The visitor's consent, read from the request's `Cookie` headers,
    /// and the request's cookies audited. Mirrors the first half of
    /// `ConsentService::call` of `crate::axum`.
    pub(crate) fn read_request<'h, H>(
        &self,
        cookie_headers: impl IntoIterator<Item = &'h H>,
        method: &str,
        path: &str,
    ) -> Consent<R>
    where
        H: AsRef<[u8]> + ?Sized + 'h,
    {
        let cookies = RequestCookies::from_headers(cookie_headers);
        let consent = self.store.read(&cookies);
        self.audit_request(&cookies, &consent, method, path);
        consent
    }

    /// Reports what the request's cookies show, each distinct finding
    /// once: a finding is hashed from the header's bytes, and made
    /// (allocated) only when it is new. Mirrors
    /// `ConsentLayer::audit_request` of `crate::axum`.
    fn audit_request(
        &self,
        cookies: &RequestCookies<'_>,
        consent: &Consent<R>,
        method: &str,
        path: &str,
    ) {
        let mut found = Vec::new();
        audit_request_each(cookies, consent, |finding| {
            found.push((self.seen.hasher.hash_one(finding), finding));
        });
        if found.is_empty() {
            return;
        }
        let new: Vec<Found<'_>> = {
            let mut hashes = self
                .seen
                .hashes
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            found
                .into_iter()
                .filter(|&(hash, _)| {
                    if hashes.len() >= Seen::BOUND {
                        hashes.clear();
                    }
                    hashes.insert(hash)
                })
                .map(|(_, finding)| finding)
                .collect()
        };
        for finding in new {
            (self.on_finding)(&Report {
                finding: &finding.to_finding(),
                action: Action::Reported,
                method,
                path,
            });
        }
    }

    /// The `Set-Cookie` lines to send instead of `values`, a response's
    /// own in their order: each kept, mended or (left out) dropped, as
    /// the mode says, every finding reported. Mirrors
    /// `ConsentLayer::check` of `crate::axum`.
    pub(crate) fn check_response<V: AsRef<[u8]>>(
        &self,
        values: Vec<V>,
        request_consent: Consent<R>,
        method: &str,
        path: &str,
    ) -> Vec<Line<V>> {
        let consent = self.recorded_consent(&values).unwrap_or(request_consent);
        let mut findings = Vec::new();
        let mut send = Vec::with_capacity(values.len());
        for value in values {
            findings.clear();
            let verdict = match core::str::from_utf8(value.as_ref()) {
                Ok(text) => audit_set_cookie(text, &consent, &mut findings),
                Err(_) => {
                    findings.push(Finding::Unparsable {
                        header: shorten(value.as_ref()),
                    });
                    Verdict::Drop
                }
            };
            let (action, line) = match (self.mode, verdict) {
                (_, Verdict::Pass) | (Mode::Report, _) => {
                    (Action::Reported, Some(Line::Keep(value)))
                }
                (Mode::Enforce, Verdict::Drop) => (Action::Dropped, None),
                (Mode::Enforce, Verdict::Mend(cookie)) => {
                    let mended = cookie.to_string();
                    if is_header_value(mended.as_bytes()) {
                        (Action::Rewritten, Some(Line::Mended(mended)))
                    } else {
                        (Action::Dropped, None)
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
            send.extend(line);
        }
        send
    }

    /// The consent a response records, when it sets the consent cookie.
    /// Mirrors `ConsentLayer::recorded_consent` of `crate::axum`.
    fn recorded_consent<V: AsRef<[u8]>>(&self, values: &[V]) -> Option<Consent<R>> {
        let name = R::CONSENT_COOKIE.name();
        values.iter().find_map(|value| {
            // Only the consent cookie's line is parsed.
            let line = value.as_ref().trim_ascii_start();
            if !line.starts_with(name.as_bytes()) {
                return None;
            }
            let cookie = Cookie::parse(core::str::from_utf8(value.as_ref()).ok()?).ok()?;
            if cookie.name() != name || cookie.value().is_empty() {
                return None;
            }
            let pair = format!("{name}={}", cookie.value());
            Some(self.store.read(pair.as_str()))
        })
    }
}

/// One `Set-Cookie` line [`ConsentCheck::check_response`] lets out.
#[derive(Debug)]
pub(crate) enum Line<V> {
    /// The response's own.
    Keep(V),
    /// The declaration's, in its place: always a valid header value.
    Mended(String),
}

/// The request findings already reported: a set of their hashes, emptied
/// when it reaches its bound, so that a flood of distinct cookie names
/// costs bounded memory.
#[derive(Default)]
struct Seen {
    hasher: RandomState,
    hashes: Mutex<HashSet<u64>>,
}

impl Seen {
    const BOUND: usize = 4096;
}

impl<R: ConsentRegistry> Clone for ConsentCheck<R> {
    fn clone(&self) -> Self {
        ConsentCheck {
            store: self.store.clone(),
            mode: self.mode,
            on_finding: Arc::clone(&self.on_finding),
            seen: Arc::clone(&self.seen),
        }
    }
}

impl<R: ConsentRegistry> fmt::Debug for ConsentCheck<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConsentCheck")
            .field("store", &self.store)
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

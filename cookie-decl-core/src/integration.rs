//! The framework-agnostic core of the axum, Rocket, actix-web and poem
//! integrations: everything they do, over header values as bytes, the
//! form's body as bytes and a response's `Set-Cookie` lines, so that each
//! framework's module is only the translation to its own request, response
//! and trait shapes.
//!
//! The public types here ([`ConsentCheck`], [`ConsentChoice`],
//! [`FormRejection`], [`WithCookies`], [`Mode`], [`Action`], [`Report`],
//! [`Caching`]) are re-exported by each framework's module, under that
//! framework's word for them where it has one (`ConsentLayer` for axum,
//! `ConsentFairing` for Rocket, `ConsentMiddleware` for actix-web and
//! poem): one type, one behaviour, whichever framework serves it.

use core::fmt;
use core::marker::PhantomData;
use std::borrow::Cow;
use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;
#[cfg(any(feature = "axum", feature = "poem"))]
use std::sync::atomic::AtomicBool;
use std::sync::atomic::{AtomicU64, Ordering};

use cookie::Cookie;

use crate::DeclaredCookie;
use crate::consent::audit::{
    Found, audit_request_pass, audit_set_cookie, passes_as_declared, shorten,
};
use crate::consent::{
    Consent, ConsentCookie, ConsentForm, ConsentRegistry, CsrfError, CsrfRegistry, CsrfToken,
    Finding, FormAction, FormError, FormFields, FormOrigin, MAX_FINDINGS, RandomError, Recorded,
    RequestCookies, SeenIn, SiteForm, gpc_signal,
};

// ---------------------------------------------------------------------------
// Reading the request.

/// The visitor's consent, from every `Cookie` header of a request (HTTP/2
/// may send one per cookie), read as bytes, honouring its `Sec-GPC`
/// header (Global Privacy Control).
pub(crate) fn read_consent<'h, R, H>(
    store: &ConsentCookie<R>,
    cookie_headers: impl IntoIterator<Item = &'h H>,
    sec_gpc: Option<&[u8]>,
) -> Consent<R>
where
    R: ConsentRegistry,
    H: AsRef<[u8]> + ?Sized + 'h,
{
    store.read_with_gpc(
        RequestCookies::from_headers(cookie_headers),
        gpc_signal(sec_gpc),
    )
}

/// The visitor's CSRF token: the one its cookie holds, or a fresh one.
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
/// read.
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
    /// a cross-site post costs nothing.
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
/// header joined), posted with the `Sec-GPC` header `sec_gpc`. Call
/// [`FormHead::check`] first.
pub(crate) fn consent_choice<R: CsrfRegistry>(
    cookies: Vec<u8>,
    body: &[u8],
    sec_gpc: Option<&[u8]>,
) -> Result<ConsentChoice<R>, FormRejection> {
    let body = core::str::from_utf8(body).map_err(|_| FormRejection::Body)?;
    let form = ConsentForm::parse(body).map_err(FormRejection::Form)?;
    let action = form
        .verify::<R>(cookies.as_slice(), FormOrigin::new())
        .map_err(FormRejection::Csrf)?;
    Ok(ConsentChoice {
        action,
        cookies,
        gpc: gpc_signal(sec_gpc),
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
    gpc: bool,
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

    /// Whether the form came with a Global Privacy Control signal
    /// (`Sec-GPC: 1`), which the proof notes.
    pub fn gpc_signal(&self) -> bool {
        self.gpc
    }
}

impl<R: ConsentRegistry> ConsentChoice<R> {
    /// The choice recorded with `store`: the consent cookie and the
    /// removals to send, and the proof to keep
    /// ([`ConsentCookie::record`], the Global Privacy Control signal
    /// noted); `None` when the visitor asked to customise, for whom the
    /// answer is the preferences page.
    pub fn record(&self, store: &ConsentCookie<R>) -> Option<Recorded<R>> {
        match self.action {
            FormAction::Customise => None,
            FormAction::Record(granted) => {
                Some(store.record(self.cookies(), granted).noting_gpc(self.gpc))
            }
        }
    }
}

impl<R> fmt::Debug for ConsentChoice<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConsentChoice")
            .field("action", &self.action)
            .finish_non_exhaustive()
    }
}

/// Any other form of the site's own pages (signing in or out, a language
/// switch), once it is shown to be the visitor's as a consent form is
/// ([`SiteForm::verify`]: posted from the site's own pages, with the token
/// of the visitor's `csrf_token` cookie): its fields. A forged form never
/// reaches the handler: it is answered `403`.
///
/// Put the visitor's [`CsrfToken`] in the page's form as a hidden
/// `csrf_token` field. Refused as [`ConsentChoice`] is (see
/// [`FormRejection`]).
pub struct CsrfForm<R> {
    fields: FormFields,
    cookies: Vec<u8>,
    registry: PhantomData<fn() -> R>,
}

impl<R> CsrfForm<R> {
    /// The value of the field `name`, when the form has it exactly once.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.get(name)
    }

    /// Every field, the token left out.
    pub fn fields(&self) -> &FormFields {
        &self.fields
    }

    /// The cookies the request carried.
    pub fn cookies(&self) -> RequestCookies<'_> {
        RequestCookies::from(self.cookies.as_slice())
    }
}

impl<R> fmt::Debug for CsrfForm<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CsrfForm")
            .field("fields", &self.fields)
            .finish_non_exhaustive()
    }
}

/// A form the framework extractors read the same way: [`FormHead::check`]
/// on its headers, then its body checked against the visitor's cookies.
pub(crate) trait PostedForm: Sized {
    /// The form in `body`, posted with `cookies` (every `Cookie` header
    /// joined) and the `Sec-GPC` header `sec_gpc`.
    fn from_body(
        cookies: Vec<u8>,
        body: &[u8],
        sec_gpc: Option<&[u8]>,
    ) -> Result<Self, FormRejection>;
}

impl<R: CsrfRegistry> PostedForm for ConsentChoice<R> {
    fn from_body(
        cookies: Vec<u8>,
        body: &[u8],
        sec_gpc: Option<&[u8]>,
    ) -> Result<Self, FormRejection> {
        consent_choice(cookies, body, sec_gpc)
    }
}

impl<R: CsrfRegistry> PostedForm for CsrfForm<R> {
    fn from_body(cookies: Vec<u8>, body: &[u8], _: Option<&[u8]>) -> Result<Self, FormRejection> {
        let body = core::str::from_utf8(body).map_err(|_| FormRejection::Body)?;
        let form = SiteForm::parse(body).map_err(FormRejection::Form)?;
        let fields = form
            .verify::<R>(cookies.as_slice(), FormOrigin::new())
            .map_err(FormRejection::Csrf)?;
        Ok(CsrfForm {
            fields,
            cookies,
            registry: PhantomData,
        })
    }
}

/// Why a [`ConsentChoice`] or a [`CsrfForm`] was refused;
/// [`status`](FormRejection::status)
/// is the answer's status code.
#[derive(Debug)]
#[non_exhaustive]
pub enum FormRejection {
    /// Not `application/x-www-form-urlencoded`: `415`.
    ContentType,
    /// The body could not be read as text: `400`.
    Body,
    /// Not a consent form (or a form that does not decode): `400`; `403`
    /// for [`FormError::Csrf`], a form without exactly one CSRF token.
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
                f.write_str("a form is sent as `application/x-www-form-urlencoded`")
            }
            FormRejection::Body => f.write_str("the form's body is not text"),
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
/// # extern crate cookie_decl_core as cookie_decl;
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
    /// The `Set-Cookie` line of each of `cookies` that the library wrote
    /// from its declaration's precomputed attributes; `None`: written from
    /// the cookie when sent.
    lines: Vec<Option<String>>,
    response: T,
}

impl<T> WithCookies<T> {
    /// `response`, with no cookie yet.
    pub fn new(response: T) -> Self {
        WithCookies {
            cookies: Vec::new(),
            lines: Vec::new(),
            response,
        }
    }

    /// Adds `cookie`; `None` (a gate that said no, a CSRF token that
    /// needs no cookie) adds nothing.
    #[must_use]
    pub fn cookie(mut self, cookie: impl Into<Option<Cookie<'static>>>) -> Self {
        if let Some(cookie) = cookie.into() {
            self.cookies.push(cookie);
            self.lines.push(None);
        }
        self
    }

    /// Adds the declared `cookie` with `value`: the cookie
    /// `cookie.cookie(value)` builds, sent as the line
    /// [`cookie.set_cookie(value)`](DeclaredCookie::set_cookie) writes from
    /// the attributes the macro wrote out (the same bytes, without
    /// formatting the cookie).
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
    /// #     }
    /// # }
    /// # #[cfg(feature = "poem")]
    /// # {
    /// use cookie_decl::poem::WithCookies;
    ///
    /// let page = WithCookies::new("<h1>Accueil</h1>").declared(&Cookies::SID, "c2Vzc2lvbg");
    /// assert_eq!(page.cookies(), [Cookies::SID.cookie("c2Vzc2lvbg")]);
    /// # }
    /// ```
    #[must_use]
    pub fn declared(mut self, cookie: &DeclaredCookie, value: &str) -> Self {
        self.lines.push(Some(cookie.set_cookie(value)));
        self.cookies.push(cookie.cookie(value.to_owned()));
        self
    }

    /// Adds `cookies`, in order.
    #[must_use]
    pub fn cookies_from(mut self, cookies: impl IntoIterator<Item = Cookie<'static>>) -> Self {
        self.cookies.extend(cookies);
        self.lines.resize(self.cookies.len(), None);
        self
    }

    /// Adds a CSRF token's cookie, when the token is new.
    #[must_use]
    pub fn csrf<R: CsrfRegistry>(mut self, token: &CsrfToken<R>) -> Self {
        if let Some(cookie) = token.set_cookie() {
            self.cookies.push(cookie);
            self.lines.push(Some(csrf_line(token)));
        }
        self
    }

    /// Adds what a recorded choice sets: the consent cookie and the
    /// removals. Keep its [`record`](Recorded::record) first; send it even
    /// when keeping the proof failed: a withdrawal is never refused (GDPR
    /// 7(3)).
    #[must_use]
    pub fn recorded<R>(mut self, recorded: &Recorded<R>) -> Self {
        self.cookies.extend(recorded.set_cookies().iter().cloned());
        self.lines
            .extend(recorded.lines().iter().cloned().map(Some));
        self
    }

    /// The cookies to send, in order.
    pub fn cookies(&self) -> &[Cookie<'static>] {
        &self.cookies
    }

    /// The `Set-Cookie` lines to send and the response, for a framework's
    /// responder.
    pub(crate) fn into_lines(self) -> (impl Iterator<Item = String>, T) {
        let lines =
            self.cookies
                .into_iter()
                .zip(self.lines)
                .filter_map(|(cookie, line)| match line {
                    // Written from a declaration: always a valid header value.
                    Some(line) => Some(line),
                    None => set_cookie_line(&cookie),
                });
        (lines, self.response)
    }
}

/// The `Set-Cookie` line of a new CSRF token's cookie, as
/// [`CsrfToken::set_cookie`] builds it: written from the declaration's
/// precomputed attributes.
pub(crate) fn csrf_line<R: CsrfRegistry>(token: &CsrfToken<R>) -> String {
    R::CSRF_COOKIE.set_cookie(token.as_str())
}

/// The `Set-Cookie` line of `cookie`, `cookie.to_string()` byte for byte
/// (written without `fmt`), or `None` for one that is no valid header
/// value (a cookie built by hand: the builders encode every byte that
/// could break a header), rather than sending it broken.
pub(crate) fn set_cookie_line(cookie: &Cookie<'_>) -> Option<String> {
    let line = crate::header::set_cookie_line(cookie);
    is_header_value(line.as_bytes()).then_some(line)
}

/// The `Set-Cookie` lines of `cookies`, each as [`set_cookie_line`] writes
/// it, leaving out one that is no valid header value.
#[cfg(feature = "axum")]
pub(crate) fn set_cookie_lines<'c>(
    cookies: &'c [Cookie<'static>],
) -> impl Iterator<Item = String> + 'c {
    cookies.iter().filter_map(set_cookie_line)
}

/// Whether `bytes` make a header value `http` (and every framework here)
/// accepts: no control byte but tab, no DEL.
pub(crate) fn is_header_value(bytes: &[u8]) -> bool {
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
    ///   exactly how it may be sent;
    /// - a line that is not, byte for byte, the one the declaration writes
    ///   is never sent as written, even when nothing in it differs: the
    ///   declaration's line goes instead (a removal as `.removal()` writes
    ///   it, an `extern` cookie's removal with `Max-Age=0`), so that a
    ///   line a browser reads otherwise than the `cookie` crate does (a
    ///   second `Expires` or `SameSite`, a date the crate does not parse)
    ///   cannot pass as a removal or as the declared attributes.
    ///
    /// Each finding is reported, with what was done.
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
/// `tracker`, which the registry does not declare (GET /)``, of at most
/// [`Report::MAX_LINE`] bytes whatever the request carried (a longer one
/// is cut, and ends in `…`).
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
    /// How many findings the rate limit kept from the callback since the
    /// last one it passed (see
    /// [`max_reports_per_second`](ConsentCheck::max_reports_per_second)):
    /// they were acted on (dropped or rewritten) all the same.
    pub suppressed: u64,
}

impl Report<'_> {
    /// The longest line `Display` writes, in bytes.
    pub const MAX_LINE: usize = 1024;
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write as _;
        let mut line = Bounded {
            out: f,
            left: Self::MAX_LINE - '…'.len_utf8(),
            cut: false,
        };
        let _ = write!(
            line,
            "cookie-decl: {}: {} ({} {})",
            self.action,
            self.finding,
            self.method.escape_debug(),
            self.path.escape_debug()
        );
        if self.suppressed > 0 {
            let _ = write!(
                line,
                "; {} earlier findings not reported (rate limit)",
                self.suppressed
            );
        }
        if line.cut {
            line.out.write_char('…')?;
        }
        Ok(())
    }
}

/// A writer that keeps the first `left` bytes of what it is given, cut at
/// a character's boundary, and drops the rest.
struct Bounded<'a, 'f> {
    out: &'a mut fmt::Formatter<'f>,
    left: usize,
    cut: bool,
}

impl fmt::Write for Bounded<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if self.cut {
            return Ok(());
        }
        if text.len() <= self.left {
            self.left -= text.len();
            return self.out.write_str(text);
        }
        let mut end = self.left;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        self.cut = true;
        self.left = 0;
        self.out.write_str(&text[..end])
    }
}

/// Called with each finding.
type OnFinding = Arc<dyn Fn(&Report<'_>) + Send + Sync>;

/// What [`ConsentCheck`] does to the caching headers of a response whose
/// handler read the visitor's consent or CSRF token (the framework's
/// `Consent` or `CsrfToken` extractor or guard): such a page differs from
/// visitor to visitor (the banner shown or not, a tag rendered or not, the
/// visitor's own token in its forms), and a shared cache that kept it would
/// serve one visitor's page to everyone: the banner to those who chose, a
/// tracker to those who refused, a token that fails every form.
///
/// Responses whose handler read neither (a stylesheet, an image, an API
/// answer the same for all) are left as they are. A handler that reads the
/// consent by hand ([`ConsentCookie::read`]) sets these headers itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Caching {
    /// `Vary: Cookie`, and `Cache-Control` made `private`: `private` alone
    /// when the response has none, the application's directives kept
    /// otherwise, with `public` and `s-maxage` (which only shared caches
    /// read) taken out. A response already `private` or `no-store` is
    /// left as the application wrote it.
    #[default]
    Private,
    /// `Vary: Cookie`, and `Cache-Control: no-store` unless the response
    /// already says `no-store`: nothing keeps the page, not even the
    /// visitor's browser.
    NoStore,
    /// `Vary: Cookie` only: for a cache in front of the site that keys its
    /// entries on the `Cookie` header.
    VaryOnly,
    /// Nothing: the application sets the caching headers itself.
    Leave,
}

/// The caching headers [`Caching`] asks of a response.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct CacheEdit {
    /// Append `Vary: Cookie`.
    pub(crate) vary_cookie: bool,
    /// Replace every `Cache-Control` header with this one.
    pub(crate) cache_control: Option<Cow<'static, str>>,
}

impl Caching {
    /// What a response with these `Vary` and `Cache-Control` header values
    /// needs, read as bytes (a value that is no text counts as absent for
    /// `Vary`, and is replaced for `Cache-Control`).
    pub(crate) fn edit<'h>(
        self,
        vary: impl IntoIterator<Item = &'h [u8]>,
        cache_control: impl IntoIterator<Item = &'h [u8]>,
    ) -> CacheEdit {
        if self == Caching::Leave {
            return CacheEdit::default();
        }
        let vary_cookie = !vary.into_iter().any(|value| {
            directives(value).any(|(name, _)| name == "*" || name.eq_ignore_ascii_case("cookie"))
        });
        let cache_control = match self {
            Caching::Private => private_cache_control(cache_control),
            Caching::NoStore => {
                let no_store = cache_control.into_iter().any(|value| {
                    directives(value).any(|(name, _)| name.eq_ignore_ascii_case("no-store"))
                });
                (!no_store).then_some(Cow::Borrowed("no-store"))
            }
            Caching::VaryOnly | Caching::Leave => None,
        };
        CacheEdit {
            vary_cookie,
            cache_control,
        }
    }
}

/// `Cache-Control` for [`Caching::Private`]: `None` when the values say
/// `private` or `no-store` already.
fn private_cache_control<'h>(
    values: impl IntoIterator<Item = &'h [u8]>,
) -> Option<Cow<'static, str>> {
    // `private` alone, the usual answer, is not allocated.
    let mut kept = Cow::Borrowed("private");
    for value in values {
        if core::str::from_utf8(value).is_err() {
            // Not text: nobody can say what it allows; replaced whole.
            continue;
        }
        for (name, directive) in directives(value) {
            if name.eq_ignore_ascii_case("private") || name.eq_ignore_ascii_case("no-store") {
                return None;
            }
            if name.eq_ignore_ascii_case("public") || name.eq_ignore_ascii_case("s-maxage") {
                continue;
            }
            let kept = kept.to_mut();
            kept.push_str(", ");
            kept.push_str(directive);
        }
    }
    Some(kept)
}

/// The comma-separated items of a header value, each with its name (before
/// any `=`), trimmed; a comma inside a quoted string separates nothing.
/// Empty when `value` is not text.
fn directives(value: &[u8]) -> impl Iterator<Item = (&str, &str)> {
    let text = core::str::from_utf8(value).unwrap_or("");
    let mut rest = text;
    core::iter::from_fn(move || {
        loop {
            if rest.is_empty() {
                return None;
            }
            let mut quoted = false;
            let mut escaped = false;
            let mut end = rest.len();
            for (at, c) in rest.char_indices() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' if quoted => escaped = true,
                    '"' => quoted = !quoted,
                    ',' if !quoted => {
                        end = at;
                        break;
                    }
                    _ => {}
                }
            }
            let item = rest[..end].trim();
            rest = rest.get(end + 1..).unwrap_or("");
            if !item.is_empty() {
                let name = item.split('=').next().unwrap_or(item).trim();
                return Some((name, item));
            }
        }
    })
}

/// Whether a handler read the visitor's consent or CSRF token, shared
/// between the request (where the extractor marks it) and the response
/// (where [`ConsentCheck`] applies its [`Caching`]).
#[cfg(any(feature = "axum", feature = "poem"))]
#[derive(Clone, Debug, Default)]
pub(crate) struct PerVisitor(Arc<AtomicBool>);

#[cfg(any(feature = "axum", feature = "poem"))]
impl PerVisitor {
    pub(crate) fn mark(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub(crate) fn is_marked(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Holds every request and response to the declaration of registry `R`
/// and the visitor's consent: axum's `ConsentLayer` (a tower layer),
/// Rocket's `ConsentFairing`, actix-web's and poem's `ConsentMiddleware`
/// are this one type, with one behaviour and the same findings:
///
/// - each **request**'s cookies are audited
///   ([`audit_request`](crate::consent::audit_request)): a cookie that
///   needs consent in the request of a visitor who has not given it was
///   set by a script before consent (or kept after a withdrawal), the
///   violation the CNIL sanctions most; undeclared, unreadable and
///   ambiguous cookies too. These are reported (a server cannot unset what
///   a browser sends);
/// - each **response**'s `Set-Cookie` headers are checked
///   ([`audit_response`](crate::consent::audit_response)), and in
///   [`Mode::Enforce`] dropped or rewritten so that nothing else in the
///   application (a session middleware inside the check, a handler written
///   by hand, the framework's cookie jar) sends a cookie nobody declared,
///   a tracker before consent, or a cookie weaker than declared. Each line
///   is judged by the consent the response leaves the visitor with: the
///   choice it records (its last `Set-Cookie` of the consent cookie,
///   wherever that line stands among the others; a removal of it reads as
///   not asked), or else the request's. The line is dropped or rewritten
///   in every response;
/// - a response whose handler read the visitor's consent or CSRF token
///   gets `Vary: Cookie` and a `private` `Cache-Control`, so that no
///   shared cache serves it to another visitor ([`Caching`]);
/// - a request whose consent cookie was sealed with one of the store's
///   previous keys ([`ConsentCookie::previous_keys`]) gets the same
///   choice sealed with the current key on its response, unless the
///   response records a choice itself.
///
/// **Every response** the check returns is checked, whatever made it: a
/// handler, an inner middleware's early answer or error (actix-web's
/// `Err(InternalError::from_response(..))`, poem's `Error::from_response`,
/// written as the framework would write it), a catcher, a panic a
/// middleware inside the check caught. What the check cannot see is what
/// is added after it: mount it **outside** every other layer that sets
/// cookies (tower-cookies, a session layer):
///
/// | framework | the check sees | mount it |
/// |---|---|---|
/// | axum | every layer inside it; axum-extra's `CookieJar` (a response part) | last `.layer(..)`, the outermost |
/// | Rocket | every fairing, attached before or after it (it attaches its response check at ignition, after them), and Rocket's `CookieJar` | anywhere |
/// | actix-web | every middleware inside it, `HttpResponse::cookie` | last `.wrap(..)`, the outermost |
/// | poem | every middleware inside it; poem's `CookieJar` wherever its `CookieJarManager` is mounted (the check manages the jar) | last `.with(..)`, the outermost |
///
/// **Bounded on hostile input**: a request's audit takes time linear in
/// its `Cookie` header; it lists at most
/// [`MAX_FINDINGS`](crate::consent::MAX_FINDINGS) findings, then one
/// [`Finding::Omitted`] counting the rest, and so does a response's
/// check. Each distinct finding is reported once until 4,096 distinct
/// ones were seen (then the memory is emptied and the count starts again),
/// so that a busy site's log is not flooded by the same tracker on every
/// page; and at most 20 reports a second reach the callback whatever the
/// traffic ([`max_reports_per_second`](ConsentCheck::max_reports_per_second)),
/// each line at most [`Report::MAX_LINE`] bytes: a client that sends new
/// cookie names on every request gets its findings counted, not logged.
///
/// The consent is read once per request, honouring its Global Privacy
/// Control signal (`Sec-GPC: 1`, [`ConsentCookie::read_with_gpc`]), and
/// left where the framework's `Consent` extractor or guard takes it: give
/// the check the application's own [`ConsentCookie`] (the same key).
/// Findings go to stderr unless [`on_finding`](ConsentCheck::on_finding)
/// says otherwise.
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
/// # #[cfg(feature = "axum")]
/// # {
/// use cookie_decl::axum::{Caching, ConsentLayer};
/// use cookie_decl::consent::ConsentCookie;
/// use cookie_decl::cookie::Key;
///
/// let layer = ConsentLayer::enforce(ConsentCookie::<Cookies>::signed(Key::generate()))
///     .caching(Caching::NoStore)
///     .on_finding(|report| eprintln!("{report}"));
/// # let _ = layer;
/// # }
/// ```
pub struct ConsentCheck<R: ConsentRegistry> {
    pub(crate) store: ConsentCookie<R>,
    mode: Mode,
    caching: Caching,
    on_finding: OnFinding,
    seen: Arc<Seen>,
    limit: Arc<RateLimit>,
    /// The key of the request's cookie jar poem's middleware manages.
    #[cfg(feature = "poem")]
    pub(crate) poem_jar_key: Option<Arc<::poem::web::cookie::CookieKey>>,
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
            caching: Caching::Private,
            on_finding: Arc::new(|report: &Report<'_>| {
                // A log that cannot be written (a full disk) is lost;
                // the request goes on (`eprintln!` would panic).
                use std::io::Write as _;
                let _ = writeln!(std::io::stderr(), "{report}");
            }),
            seen: Arc::new(Seen::new()),
            limit: Arc::new(RateLimit::new(RateLimit::DEFAULT_PER_SECOND)),
            #[cfg(feature = "poem")]
            poem_jar_key: None,
        }
    }

    /// Sends each finding to `f` (a logger, a metrics counter, a test's
    /// list) instead of stderr.
    #[must_use]
    pub fn on_finding(mut self, f: impl Fn(&Report<'_>) + Send + Sync + 'static) -> Self {
        self.on_finding = Arc::new(f);
        self
    }

    /// At most `limit` reports reach [`on_finding`](ConsentCheck::on_finding)
    /// in any one second (20 unless set here; `0`: none at all), whatever
    /// the traffic: a client that sends new cookie names on every request
    /// cannot flood the log. Past it, findings are still acted on
    /// (dropped, rewritten) but only counted; the next report that passes
    /// carries the count ([`Report::suppressed`]).
    #[must_use]
    pub fn max_reports_per_second(mut self, limit: u32) -> Self {
        self.limit = Arc::new(RateLimit::new(limit));
        self
    }

    /// What to do to the caching headers of a page that depends on the
    /// visitor ([`Caching::Private`] unless set here).
    #[must_use]
    pub fn caching(mut self, caching: Caching) -> Self {
        self.caching = caching;
        self
    }

    /// The caching headers a response needs, when its handler read the
    /// visitor's consent or token (`per_visitor`).
    pub(crate) fn cache_edit<'h>(
        &self,
        per_visitor: bool,
        vary: impl IntoIterator<Item = &'h [u8]>,
        cache_control: impl IntoIterator<Item = &'h [u8]>,
    ) -> CacheEdit {
        if per_visitor {
            self.caching.edit(vary, cache_control)
        } else {
            CacheEdit::default()
        }
    }

    /// Gives `finding` to the callback, unless the rate limit says no.
    fn emit(&self, finding: &Finding, action: Action, method: &str, path: &str) {
        if let Some(suppressed) = self.limit.admit() {
            (self.on_finding)(&Report {
                finding,
                action,
                method,
                path,
                suppressed,
            });
        }
    }

    /// The visitor's consent, read from the request's `Cookie` headers and
    /// its `Sec-GPC` header, and the request's cookies audited, in one pass
    /// over the header, each distinct finding reported once: a finding is
    /// hashed from the header's bytes, and made (allocated) only when it is
    /// new.
    pub(crate) fn read_request<'h, H>(
        &self,
        cookie_headers: impl IntoIterator<Item = &'h H>,
        sec_gpc: Option<&[u8]>,
        method: &str,
        path: &str,
    ) -> Consent<R>
    where
        H: AsRef<[u8]> + ?Sized + 'h,
    {
        let cookies = RequestCookies::from_headers(cookie_headers);
        let name = R::CONSENT_COOKIE.name();
        let gpc = gpc_signal(sec_gpc);
        audit_request_pass(
            &cookies,
            name,
            |found| {
                self.store
                    .read_with_gpc(RequestCookies::found(name, found), gpc)
            },
            |finding| {
                if self.seen.insert(found_hash(finding, self.seen.seed)) {
                    self.emit(&finding.to_finding(), Action::Reported, method, path);
                }
            },
            |count| {
                let finding = Finding::Omitted {
                    seen_in: SeenIn::Request,
                    count,
                };
                self.emit(&finding, Action::Reported, method, path);
            },
        )
    }

    /// How a response's `Set-Cookie` header `values` are to be judged,
    /// (listed anew by each call of `values`), given the consent its
    /// request was read with: `None` when every line
    /// is a declared cookie's line as its builder wrote it (or its
    /// removal), allowed by the consent the response leaves the visitor
    /// with, and nothing is to be added: nearly always, and then there is
    /// nothing to parse, nothing to report, and the headers stay where
    /// they are. Otherwise the consent every line is judged by (see
    /// [`Judged`]), for [`check_response`](ConsentCheck::check_response).
    ///
    /// The one decision of all four integrations: each only lists its
    /// response's lines here, and sends what `check_response` returns.
    pub(crate) fn judge<'v, V, I>(
        &self,
        values: impl Fn() -> I,
        request_consent: Consent<R>,
    ) -> Option<Judged<R>>
    where
        V: AsRef<[u8]> + ?Sized + 'v,
        I: IntoIterator<Item = &'v V>,
    {
        let records = self.recorded_consent(values().into_iter());
        let consent = records.unwrap_or(request_consent);
        let as_declared = values()
            .into_iter()
            .all(|value| passes_as_declared(value.as_ref(), &consent));
        // A choice still sealed with a previous key is sealed again with
        // the current one, unless the response records a choice itself.
        let reseal = match records {
            // Nearly always not: no clock read for it.
            None if request_consent.needs_resealing() => self.store.resealed_line(&request_consent),
            _ => None,
        };
        if as_declared && reseal.is_none() {
            return None;
        }
        Some(Judged { consent, reseal })
    }

    /// The consent a response leaves the visitor with, when it sets the
    /// consent cookie: the choice of its last line of that cookie, as a
    /// browser keeps the last; not asked when that line removes it or
    /// holds no choice this store reads. `None` when no line sets it.
    fn recorded_consent<'v, V: AsRef<[u8]> + ?Sized + 'v>(
        &self,
        values: impl Iterator<Item = &'v V>,
    ) -> Option<Consent<R>> {
        let name = R::CONSENT_COOKIE.name();
        let mut last = None;
        for value in values {
            // Only a line that may be the consent cookie's is parsed.
            if !value
                .as_ref()
                .trim_ascii_start()
                .starts_with(name.as_bytes())
            {
                continue;
            }
            let Some(cookie) = core::str::from_utf8(value.as_ref())
                .ok()
                .and_then(|text| Cookie::parse(text).ok())
            else {
                continue;
            };
            if cookie.name() != name {
                continue;
            }
            let removal = cookie.value().is_empty()
                || cookie
                    .max_age()
                    .is_some_and(|age| age.is_zero() || age.is_negative());
            last = Some(if removal {
                Consent::not_asked()
            } else {
                // Read as a request would carry it: a rare path, kept exact.
                let pair = format!("{name}={}", cookie.value());
                self.store.read(pair.as_str())
            });
        }
        last
    }

    /// The `Set-Cookie` lines to send instead of `values`, a response's
    /// own in their order, judged as [`judge`](ConsentCheck::judge) says:
    /// each kept, mended or (left out) dropped, as the mode says, then
    /// the re-sealed consent cookie if any. Each distinct finding is
    /// reported once, at most [`MAX_FINDINGS`] of one response, then one
    /// [`Finding::Omitted`] counting the rest for each thing done about
    /// them (dropped, rewritten).
    pub(crate) fn check_response<V: AsRef<[u8]>>(
        &self,
        values: Vec<V>,
        judged: Judged<R>,
        method: &str,
        path: &str,
    ) -> Vec<Line<V>> {
        let consent = &judged.consent;
        let mut findings = Vec::new();
        let mut listed = 0;
        // The findings past the list, by what was done about them.
        let mut omitted: Vec<(Action, usize)> = Vec::new();
        let mut send = Vec::with_capacity(values.len() + 1);
        for value in values {
            if passes_as_declared(value.as_ref(), consent) {
                send.push(Line::Keep(value));
                continue;
            }
            findings.clear();
            let instead = match core::str::from_utf8(value.as_ref()) {
                Ok(text) => audit_set_cookie(text, consent, &mut findings),
                Err(_) => {
                    findings.push(Finding::Unparsable {
                        header: shorten(value.as_ref()),
                    });
                    None
                }
            };
            // In enforce mode a line that is not the declaration's own is
            // never sent as written, even when nothing differed as the
            // `cookie` crate reads it: the declaration's line goes instead,
            // so that no browser reads it otherwise.
            let (action, line) = match (self.mode, instead) {
                (Mode::Report, _) => (Action::Reported, Some(Line::Keep(value))),
                (Mode::Enforce, None) => (Action::Dropped, None),
                (Mode::Enforce, Some(cookie)) => {
                    let mended = cookie.to_string();
                    if is_header_value(mended.as_bytes()) {
                        (Action::Rewritten, Some(Line::Mended(mended)))
                    } else {
                        if findings.is_empty() {
                            findings.push(Finding::Unparsable {
                                header: shorten(value.as_ref()),
                            });
                        }
                        (Action::Dropped, None)
                    }
                }
            };
            // The line is dropped or mended every time; its findings are
            // reported once, as a request's are, and a response lists a
            // bounded number of them.
            for finding in &findings {
                if listed == MAX_FINDINGS {
                    match omitted.iter_mut().find(|(done, _)| *done == action) {
                        Some((_, count)) => *count += 1,
                        None => omitted.push((action, 1)),
                    }
                    continue;
                }
                listed += 1;
                if self.seen.insert(self.seen.keys.hash_one((finding, action))) {
                    self.emit(finding, action, method, path);
                }
            }
            send.extend(line);
        }
        for (action, count) in omitted {
            let finding = Finding::Omitted {
                seen_in: SeenIn::Response,
                count,
            };
            self.emit(&finding, action, method, path);
        }
        send.extend(judged.reseal.map(Line::Mended));
        send
    }
}

/// How [`ConsentCheck::judge`] says a response's lines are judged.
pub(crate) struct Judged<R> {
    /// The consent every line is held to: the one the response records,
    /// wherever its line stands among the others, or the request's.
    consent: Consent<R>,
    /// The consent cookie's line to add: the request's choice, sealed
    /// again with the current key.
    reseal: Option<String>,
}

// The response check over `http`'s headers, axum's and poem's.
#[cfg(any(feature = "axum", feature = "poem"))]
impl<R: ConsentRegistry> ConsentCheck<R> {
    /// Audits the `Set-Cookie` headers of a response, dropping or
    /// rewriting in [`Mode::Enforce`] what the declaration does not allow
    /// (the headers are left where they are when every one is as
    /// declared), and applies the [`Caching`] to a response whose handler
    /// read the visitor's consent or token (`per_visitor`).
    pub(crate) fn check_http_response(
        &self,
        headers: &mut http::HeaderMap,
        request_consent: Consent<R>,
        per_visitor: bool,
        method: &str,
        path: &str,
    ) {
        use http::HeaderValue;
        use http::header::{CACHE_CONTROL, SET_COOKIE, VARY};

        let edit = self.cache_edit(
            per_visitor,
            headers.get_all(VARY).iter().map(HeaderValue::as_bytes),
            headers
                .get_all(CACHE_CONTROL)
                .iter()
                .map(HeaderValue::as_bytes),
        );
        if edit.vary_cookie {
            headers.append(VARY, HeaderValue::from_static("Cookie"));
        }
        // `private` or `no-store` alone (the usual case: the response has
        // no `Cache-Control`) without allocating.
        if let Some(value) = edit.cache_control.and_then(|v| match v {
            Cow::Borrowed(v) => Some(HeaderValue::from_static(v)),
            Cow::Owned(v) => HeaderValue::try_from(v).ok(),
        }) {
            headers.insert(CACHE_CONTROL, value);
        }
        let Some(judged) = self.judge(|| headers.get_all(SET_COOKIE), request_consent) else {
            return;
        };
        let values: Vec<HeaderValue> = match headers.entry(SET_COOKIE) {
            http::header::Entry::Occupied(entry) => entry.remove_entry_mult().1.collect(),
            http::header::Entry::Vacant(_) => Vec::new(),
        };
        for line in self.check_response(values, judged, method, path) {
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
}

/// The findings a [`ConsentCheck`] passes to its callback: at most
/// `per_second` in one second of the clock, counted past it. Read and
/// written without a lock: the current second and the reports it passed
/// in one atomic word.
struct RateLimit {
    per_second: u32,
    start: std::time::Instant,
    /// The second (high 32 bits, since `start`) and the reports it passed.
    window: AtomicU64,
    /// The findings kept back since the last one passed.
    suppressed: AtomicU64,
}

impl RateLimit {
    const DEFAULT_PER_SECOND: u32 = 20;

    fn new(per_second: u32) -> Self {
        RateLimit {
            per_second,
            start: std::time::Instant::now(),
            window: AtomicU64::new(0),
            suppressed: AtomicU64::new(0),
        }
    }

    /// `Some(n)` when a report may go out now, `n` those kept back before
    /// it; `None` when it is counted instead.
    fn admit(&self) -> Option<u64> {
        if self.per_second == 0 {
            self.suppressed.fetch_add(1, Ordering::AcqRel);
            return None;
        }
        let now = self.start.elapsed().as_secs() & 0xFFFF_FFFF;
        let mut window = self.window.load(Ordering::Acquire);
        loop {
            let (second, passed) = (window >> 32, window & 0xFFFF_FFFF);
            let next = if second != now {
                (now << 32) | 1
            } else if passed < u64::from(self.per_second) {
                window + 1
            } else {
                self.suppressed.fetch_add(1, Ordering::AcqRel);
                return None;
            };
            match self.window.compare_exchange_weak(
                window,
                next,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return Some(self.suppressed.swap(0, Ordering::AcqRel)),
                Err(now) => window = now,
            }
        }
    }
}

/// A request finding's hash under `seed`: its kind (and category) folded
/// into the seed, then its bytes hashed as `get` hashes a name (a few
/// multiplies, not SipHash's rounds). With a secret seed, two findings
/// that collide cannot be written on purpose; by chance, one in 2^64.
fn found_hash(found: Found<'_>, seed: u64) -> u64 {
    const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;
    let (kind, bytes) = match found {
        Found::Unreadable(raw) => (1, raw),
        Found::Undeclared(name) => (2, name.as_bytes()),
        Found::WithoutConsent(name, category) => (3 + category as u64, name.as_bytes()),
        Found::Ambiguous(name) => (8, name.as_bytes()),
    };
    crate::__private::phf_hash(seed ^ GOLDEN.wrapping_mul(kind), bytes).0
}

/// One `Set-Cookie` line [`ConsentCheck::check_response`] lets out.
#[derive(Debug)]
pub(crate) enum Line<V> {
    /// The response's own.
    Keep(V),
    /// The declaration's, in its place: always a valid header value.
    Mended(String),
}

/// The findings already reported: a set of their hashes, emptied
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
    /// The request findings' hash's secret seed, drawn for each check.
    seed: u64,
    /// The response findings' hash (SipHash under secret keys): they are
    /// made before they are checked, and rare.
    keys: RandomState,
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
        let keys = RandomState::new();
        Seen {
            seed: keys.hash_one(0x5EE4_u64),
            keys,
            state: AtomicU64::new(1 << 32),
            slots: (0..Self::SLOTS).map(|_| AtomicU64::new(0)).collect(),
        }
    }

    /// Whether `hash` is new to the set; it is in the set afterwards. The
    /// set is emptied when it holds `BOUND` hashes and another is asked
    /// about.
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

impl<R: ConsentRegistry> Clone for ConsentCheck<R> {
    fn clone(&self) -> Self {
        ConsentCheck {
            store: self.store.clone(),
            mode: self.mode,
            caching: self.caching,
            on_finding: Arc::clone(&self.on_finding),
            seen: Arc::clone(&self.seen),
            limit: Arc::clone(&self.limit),
            #[cfg(feature = "poem")]
            poem_jar_key: self.poem_jar_key.clone(),
        }
    }
}

impl<R: ConsentRegistry> fmt::Debug for ConsentCheck<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConsentCheck")
            .field("store", &self.store)
            .field("mode", &self.mode)
            .field("caching", &self.caching)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::{CacheEdit, Caching};

    fn edit(caching: Caching, vary: &[&str], cache_control: &[&str]) -> CacheEdit {
        caching.edit(
            vary.iter().map(|v| v.as_bytes()),
            cache_control.iter().map(|v| v.as_bytes()),
        )
    }

    fn private(value: &str) -> Option<Cow<'static, str>> {
        Some(Cow::Owned(value.to_owned()))
    }

    #[test]
    fn private_is_added_and_shared_cache_directives_taken_out() {
        let none = edit(Caching::Private, &[], &[]);
        assert_eq!(none.cache_control, private("private"));
        assert!(none.vary_cookie);
        let public = edit(
            Caching::Private,
            &[],
            &["public, max-age=600, s-maxage=3600"],
        );
        assert_eq!(public.cache_control, private("private, max-age=600"));
        let two = edit(Caching::Private, &[], &["max-age=60", "must-revalidate"]);
        assert_eq!(
            two.cache_control,
            private("private, max-age=60, must-revalidate")
        );
    }

    #[test]
    fn private_or_no_store_responses_are_left() {
        for value in [
            "private",
            "no-store",
            "Max-Age=0, PRIVATE",
            "no-cache, no-store",
        ] {
            assert_eq!(
                edit(Caching::Private, &[], &[value]).cache_control,
                None,
                "{value}"
            );
        }
        assert_eq!(
            edit(Caching::NoStore, &[], &["no-store"]).cache_control,
            None
        );
        assert_eq!(
            edit(Caching::NoStore, &[], &["public"]).cache_control,
            private("no-store")
        );
    }

    #[test]
    fn a_quoted_comma_separates_nothing() {
        // `private` inside a quoted field list is no `private` directive.
        let quoted = edit(Caching::Private, &[], &["no-cache=\"Set-Cookie, private\""]);
        assert_eq!(
            quoted.cache_control,
            private("private, no-cache=\"Set-Cookie, private\"")
        );
    }

    #[test]
    fn vary_cookie_is_added_once() {
        assert!(edit(Caching::Private, &["Accept-Encoding"], &[]).vary_cookie);
        assert!(!edit(Caching::Private, &["accept-encoding, COOKIE"], &[]).vary_cookie);
        assert!(!edit(Caching::VaryOnly, &["*"], &[]).vary_cookie);
        assert_eq!(
            edit(Caching::VaryOnly, &[], &["public"]).cache_control,
            None
        );
        assert_eq!(edit(Caching::Leave, &[], &[]), CacheEdit::default());
    }

    #[test]
    fn a_cache_control_that_is_no_text_is_replaced() {
        let edit = Caching::Private.edit([], [b"public, \xff".as_slice()]);
        assert_eq!(edit.cache_control, private("private"));
    }
}

//! The consent form's CSRF protection: a double-submit token, kept in the
//! cookie the registry marks `csrf_token: true`.

use core::fmt;
use core::marker::PhantomData;

use cookie::Cookie;

use super::{ConsentForm, FormAction, Lookup, RequestCookies};
use crate::random::RandomError;
use crate::{DeclaredCookie, Registry};

/// A registry that declares a cookie marked `csrf_token: true`: the cookie
/// that holds the token every consent form repeats. `declare_cookies!`
/// implements it.
///
/// A declared registry that keeps the visitor's consent (`stores_consent`)
/// but has no `csrf_token` cookie implements it too, with a cookie that
/// cannot be built: the code that needs the token (the framework's
/// `CsrfToken` and `ConsentChoice`, [`CsrfToken::for_request`], a form's
/// check) compiles with `cargo check`, and `cargo build` stops with one
/// error, at the registry's name, that says which cookie to declare,
/// rather than a cascade of unsatisfied framework traits.
#[diagnostic::on_unimplemented(
    message = "`{Self}` declares no cookie that holds the consent form's CSRF token",
    label = "`{Self}` has no `csrf_token` cookie",
    note = "declare a `necessary` cookie marked `csrf_token: true` in `declare_cookies!`, \
            ideally `\"__Host-csrf\"` with `same_site: Strict`"
)]
pub trait CsrfRegistry: Registry {
    /// The cookie marked `csrf_token: true`.
    const CSRF_COOKIE: DeclaredCookie;
}

/// The consent form's CSRF token for one visitor: 128 random bits (from
/// the operating system: `/dev/urandom` on Unix, `getrandom` elsewhere;
/// see [`RandomError`]) in 32 lowercase hex digits,
/// kept in the registry's `csrf_token` cookie and repeated in every form
/// (a double submit). A form is acted on only when the two agree (see
/// [`ConsentForm::verify`]).
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::declare_cookies;
/// use cookie_decl::consent::CsrfToken;
///
/// declare_cookies! {
///     pub struct Cookies { site: "https://example.fr" }
///     necessary {
///         "__Host-csrf" as CSRF { provider: "Example", service: "Forms",
///                                 purpose: "Protect the forms.", same_site: Strict,
///                                 csrf_token: true }
///     }
/// }
///
/// // First page: a fresh token, and the cookie that keeps it.
/// let token = CsrfToken::<Cookies>::for_request("").unwrap();
/// let set = token.set_cookie().expect("a new token is sent");
/// assert!(set.to_string().starts_with("__Host-csrf="));
///
/// // Next page: the visitor's token, nothing to send.
/// let header = format!("__Host-csrf={}", token.as_str());
/// let again = CsrfToken::<Cookies>::for_request(header.as_str()).unwrap();
/// assert_eq!(again.as_str(), token.as_str());
/// assert!(again.set_cookie().is_none());
/// ```
pub struct CsrfToken<R> {
    token: String,
    issued: bool,
    registry: PhantomData<fn() -> R>,
}

impl<R: CsrfRegistry> CsrfToken<R> {
    /// The visitor's token, from the cookies of a request: the one its
    /// `csrf_token` cookie holds, when the request carries exactly one
    /// well-formed token, or else a fresh one, which
    /// [`set_cookie`](CsrfToken::set_cookie) gives to send. One pass over
    /// the header ([`RequestCookies::lookup`]): time linear in its length.
    ///
    /// # Errors
    ///
    /// [`RandomError`] when the operating system gives no random bytes: no
    /// token, and every form is refused.
    pub fn for_request<'a>(
        cookies: impl Into<RequestCookies<'a>>,
    ) -> Result<CsrfToken<R>, RandomError> {
        let cookies = cookies.into();
        if let Some(token) = cookies
            .get(R::CSRF_COOKIE.name())
            .filter(|token| well_formed(token))
        {
            return Ok(CsrfToken {
                token: token.to_owned(),
                issued: false,
                registry: PhantomData,
            });
        }
        Self::issue()
    }

    /// A fresh token, to send with [`set_cookie`](CsrfToken::set_cookie).
    ///
    /// # Errors
    ///
    /// [`RandomError`] when the operating system gives no random bytes.
    pub fn issue() -> Result<CsrfToken<R>, RandomError> {
        let mut bytes = [0_u8; TOKEN_BYTES];
        crate::random::fill(&mut bytes)?;
        Ok(CsrfToken {
            token: bytes.iter().map(|byte| format!("{byte:02x}")).collect(),
            issued: true,
            registry: PhantomData,
        })
    }

    /// The token, to put in the form's `csrf_token` field (the banner and
    /// the preferences page take it).
    pub fn as_str(&self) -> &str {
        &self.token
    }

    /// The `csrf_token` cookie to send when the token is new; `None` when
    /// the visitor already holds it.
    pub fn set_cookie(&self) -> Option<Cookie<'static>> {
        self.issued
            .then(|| R::CSRF_COOKIE.cookie(self.token.clone()))
    }
}

impl<R> Clone for CsrfToken<R> {
    fn clone(&self) -> Self {
        CsrfToken {
            token: self.token.clone(),
            issued: self.issued,
            registry: PhantomData,
        }
    }
}

impl<R> fmt::Debug for CsrfToken<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The token is a secret of the visitor's: not in logs.
        f.debug_struct("CsrfToken")
            .field("issued", &self.issued)
            .finish_non_exhaustive()
    }
}

/// 128 bits: more than a guess can find.
const TOKEN_BYTES: usize = 16;

/// Exactly what [`CsrfToken::issue`] writes: 32 lowercase hex digits.
fn well_formed(token: &str) -> bool {
    token.len() == 2 * TOKEN_BYTES
        && token
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Whether `a` and `b` are equal, in a time that depends on their lengths
/// only, so that a forger cannot learn a token byte by byte from how long
/// a refusal takes.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let difference = a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y));
    core::hint::black_box(difference) == 0
}

/// Where a form submission comes from, as the browser says it: the Fetch
/// Metadata header `Sec-Fetch-Site`, and `Origin` beside the request's
/// `Host`. Every browser of the last years sends them with a form's
/// `POST`; a client that sends neither is held to the token alone. Behind
/// a proxy that rewrites `Host`, give the host the visitor's browser used
/// (the proxy's `X-Forwarded-Host`, once the proxy is trusted to set it).
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::consent::FormOrigin;
///
/// let origin = FormOrigin::new()
///     .sec_fetch_site(Some(b"same-origin"))
///     .origin(Some(b"https://example.fr"))
///     .host(Some(b"example.fr"));
/// assert!(origin.check().is_ok());
/// assert!(FormOrigin::new().sec_fetch_site(Some(b"cross-site")).check().is_err());
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct FormOrigin<'a> {
    sec_fetch_site: Option<&'a [u8]>,
    origin: Option<&'a [u8]>,
    host: Option<&'a [u8]>,
}

impl<'a> FormOrigin<'a> {
    /// Nothing known: the token alone decides.
    pub const fn new() -> Self {
        FormOrigin {
            sec_fetch_site: None,
            origin: None,
            host: None,
        }
    }

    /// The request's `Sec-Fetch-Site` header, if any.
    #[must_use]
    pub const fn sec_fetch_site(mut self, value: Option<&'a [u8]>) -> Self {
        self.sec_fetch_site = value;
        self
    }

    /// The request's `Origin` header, if any.
    #[must_use]
    pub const fn origin(mut self, value: Option<&'a [u8]>) -> Self {
        self.origin = value;
        self
    }

    /// The request's `Host` header (or HTTP/2 `:authority`), if any.
    #[must_use]
    pub const fn host(mut self, value: Option<&'a [u8]>) -> Self {
        self.host = value;
        self
    }

    /// Whether the submission may come from the site's own pages:
    /// `Sec-Fetch-Site` is `same-origin` (or `none`: the visitor's own
    /// navigation), or, without it, `Origin` names the request's `Host`.
    /// `same-site` is refused: a sibling subdomain is another party. Time
    /// linear in the headers' lengths.
    ///
    /// # Errors
    ///
    /// [`CsrfError::CrossSite`] or [`CsrfError::OriginMismatch`].
    pub fn check(&self) -> Result<(), CsrfError> {
        if let Some(site) = self.sec_fetch_site {
            return match site {
                b"same-origin" | b"none" => Ok(()),
                _ => Err(CsrfError::CrossSite),
            };
        }
        let Some(origin) = self.origin else {
            return Ok(());
        };
        // `scheme://authority`: the authority must be the request's host.
        let authority = origin
            .windows(3)
            .position(|w| w == b"://")
            .map(|at| &origin[at + 3..]);
        match (authority, self.host) {
            (Some(authority), Some(host)) if authority.eq_ignore_ascii_case(host) => Ok(()),
            _ => Err(CsrfError::OriginMismatch),
        }
    }
}

impl ConsentForm {
    /// What the visitor chose, once the form is shown to come from them:
    /// its [`origin`](FormOrigin::check) is the site's own, and its
    /// `csrf_token` is the one the request's `csrf_token` cookie holds
    /// (compared in constant time). This is the only way to a form's
    /// [`FormAction`]: a form whose token was not checked cannot be acted
    /// on.
    ///
    /// What it guarantees: another site cannot make the visitor's browser
    /// submit a choice (it can neither read the token nor, the cookie
    /// being `SameSite`, send it; and browsers name it in
    /// `Sec-Fetch-Site`). A sibling subdomain is refused by its
    /// `Sec-Fetch-Site: same-site` or its `Origin`; from a browser that
    /// sends neither, only the token is left, and a sibling that can set a
    /// cookie on the parent domain can plant one of its own: declare the
    /// cookie `__Host-` so that neither a sibling subdomain nor a network
    /// attacker on plain HTTP can. A script running on the site's own
    /// pages defeats any CSRF defence, this one too.
    ///
    /// Time linear in the request's headers: one pass over the cookies
    /// for the token, compared in a time that depends on its length only.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// use cookie_decl::consent::{CategorySet, ConsentForm, CsrfError, CsrfToken, FormAction, FormOrigin};
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         "__Host-csrf" as CSRF { provider: "Example", service: "Forms",
    /// #                                 purpose: "Protect the forms.", same_site: Strict,
    /// #                                 csrf_token: true }
    /// #     }
    /// # }
    /// let token = CsrfToken::<Cookies>::issue().unwrap();
    /// let cookies = format!("__Host-csrf={}", token.as_str());
    /// let same_origin = FormOrigin::new().sec_fetch_site(Some(b"same-origin"));
    ///
    /// let form = ConsentForm::parse(&format!("csrf_token={}&consent=none", token.as_str())).unwrap();
    /// assert_eq!(
    ///     form.verify::<Cookies>(cookies.as_str(), same_origin),
    ///     Ok(FormAction::Record(CategorySet::NONE)),
    /// );
    ///
    /// let forged = ConsentForm::parse("csrf_token=0123&consent=all").unwrap();
    /// assert_eq!(forged.verify::<Cookies>(cookies.as_str(), same_origin), Err(CsrfError::Mismatch));
    /// ```
    ///
    /// # Errors
    ///
    /// A [`CsrfError`] saying why the form is refused: answer `403`.
    pub fn verify<'a, R: CsrfRegistry>(
        &self,
        cookies: impl Into<RequestCookies<'a>>,
        origin: FormOrigin<'_>,
    ) -> Result<FormAction, CsrfError> {
        check_token::<R>(cookies.into(), self.csrf_token(), origin)?;
        Ok(self.unchecked_action())
    }
}

/// That a form posted from `origin` carries `posted`, the token of the
/// visitor's CSRF cookie among `cookies`.
pub(crate) fn check_token<R: CsrfRegistry>(
    cookies: RequestCookies<'_>,
    posted: &str,
    origin: FormOrigin<'_>,
) -> Result<(), CsrfError> {
    origin.check()?;
    let expected = match cookies.lookup(R::CSRF_COOKIE.name()) {
        Lookup::One(token) if well_formed(token) => token,
        Lookup::Ambiguous => return Err(CsrfError::AmbiguousCookie),
        _ => return Err(CsrfError::MissingCookie),
    };
    if constant_time_eq(expected.as_bytes(), posted.as_bytes()) {
        Ok(())
    } else {
        Err(CsrfError::Mismatch)
    }
}

/// Why [`ConsentForm::verify`] refuses a form: each is answered `403`, and
/// nothing is recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CsrfError {
    /// `Sec-Fetch-Site` says the form was posted from another site, or a
    /// sibling subdomain.
    CrossSite,
    /// `Origin` is not the request's `Host`.
    OriginMismatch,
    /// The request carries no well-formed `csrf_token` cookie.
    MissingCookie,
    /// The request carries the `csrf_token` cookie twice, with different
    /// values: one was planted.
    AmbiguousCookie,
    /// The form's token is not the cookie's.
    Mismatch,
}

impl fmt::Display for CsrfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CsrfError::CrossSite => "the form was posted from another site",
            CsrfError::OriginMismatch => "the form's `Origin` is not this site",
            CsrfError::MissingCookie => "the request carries no CSRF cookie",
            CsrfError::AmbiguousCookie => {
                "the request carries the CSRF cookie several times with different values"
            }
            CsrfError::Mismatch => "the form's CSRF token is not the visitor's",
        })
    }
}

impl std::error::Error for CsrfError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_eq_is_eq() {
        for (a, b) in [
            ("", ""),
            ("a", "a"),
            ("ab", "ab"),
            ("ab", "ac"),
            ("a", "ab"),
            ("", "a"),
        ] {
            assert_eq!(
                constant_time_eq(a.as_bytes(), b.as_bytes()),
                a == b,
                "{a:?} {b:?}"
            );
        }
    }

    #[test]
    fn origins() {
        let check = |site: Option<&[u8]>, origin: Option<&[u8]>, host: Option<&[u8]>| {
            FormOrigin::new()
                .sec_fetch_site(site)
                .origin(origin)
                .host(host)
                .check()
        };
        assert_eq!(check(None, None, None), Ok(()));
        assert_eq!(
            check(Some(b"same-origin"), Some(b"https://evil.fr"), None),
            Ok(())
        );
        assert_eq!(check(Some(b"none"), None, None), Ok(()));
        for site in [&b"same-site"[..], b"cross-site", b"", b"SAME-ORIGIN"] {
            assert_eq!(check(Some(site), None, None), Err(CsrfError::CrossSite));
        }
        let host = Some(&b"127.0.0.1:3000"[..]);
        assert_eq!(check(None, Some(b"http://127.0.0.1:3000"), host), Ok(()));
        for origin in [
            &b"null"[..],
            b"http://127.0.0.1:3001",
            b"http://evil.fr",
            b"127.0.0.1:3000",
        ] {
            assert_eq!(
                check(None, Some(origin), host),
                Err(CsrfError::OriginMismatch)
            );
        }
        assert_eq!(
            check(None, Some(b"http://a.fr"), None),
            Err(CsrfError::OriginMismatch)
        );
    }
}

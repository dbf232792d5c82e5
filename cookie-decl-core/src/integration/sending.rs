//! Sending cookies: a framework's response with the declaration's
//! `Set-Cookie` lines added, each a valid header value.

use cookie::Cookie;

use crate::DeclaredCookie;
use crate::consent::{CsrfRegistry, CsrfToken, Recorded};

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

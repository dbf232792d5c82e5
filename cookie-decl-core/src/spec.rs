use core::fmt;
use core::ops::Deref;
use std::borrow::Cow;

use cookie::time::Duration;
use cookie::{Cookie, CookieJar, SameSite};

use crate::Category;
use crate::value::{self, CookieValue, DecodeError, ValueError};

/// Everything `declare_cookies!` knows about one cookie.
///
/// Every cookie of a registry has one: [`Registry::COOKIES`] lists them in
/// declaration order and [`Registry::get`] finds one by its real name. The
/// constants of a registry ([`DeclaredCookie`], [`ExternalCookie`])
/// dereference to it.
///
/// [`Registry::COOKIES`]: crate::Registry::COOKIES
/// [`Registry::get`]: crate::Registry::get
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::{declare_cookies, Category};
///
/// declare_cookies! {
///     pub struct Cookies { site: "https://example.fr" }
///     preferences {
///         lang {
///             provider: "Example",
///             service: "Language selection",
///             purpose: "Remember the visitor's language.",
///             max_age: 6 months,
///             http_only: false,
///         }
///     }
/// }
///
/// let spec = Cookies::get("lang").unwrap();
/// assert_eq!(spec.provider(), "Example");
/// assert_eq!(spec.category(), Category::Preferences);
/// assert!(spec.needs_consent());
/// assert_eq!(spec.max_age().unwrap().whole_days(), 180);
/// assert!(!spec.http_only());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CookieSpec {
    pub(crate) name: &'static str,
    pub(crate) provider: &'static str,
    pub(crate) service: &'static str,
    pub(crate) purpose: &'static str,
    pub(crate) category: Category,
    pub(crate) consent_exempt: bool,
    pub(crate) lifetime: &'static str,
    pub(crate) max_age: Option<i64>,
    pub(crate) secure: bool,
    pub(crate) http_only: bool,
    pub(crate) same_site: SameSite,
    pub(crate) path: &'static str,
    pub(crate) domain: Option<&'static str>,
    pub(crate) partitioned: bool,
    pub(crate) external: bool,
    /// What the `Set-Cookie` line holds after `name=value`, built by the
    /// macro (`""` for an `extern` cookie).
    pub(crate) set_cookie: &'static str,
    /// How much of `set_cookie` comes before `; Max-Age`: what a removal
    /// shares with it.
    pub(crate) attributes_len: usize,
}

impl CookieSpec {
    /// The cookie's name as browsers see it; for an external cookie declared
    /// with a pattern, the pattern (`_ga_*`).
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Who operates the cookie (the *prestataire* of the charte).
    pub const fn provider(&self) -> &'static str {
        self.provider
    }

    /// The service that uses it and where (*service et emplacement*).
    pub const fn service(&self) -> &'static str {
        self.service
    }

    /// What it is for (*finalités*).
    pub const fn purpose(&self) -> &'static str {
        self.purpose
    }

    /// The category it was declared in.
    pub const fn category(&self) -> Category {
        self.category
    }

    /// Whether it may only be set after the visitor's consent: it is not
    /// [`Category::Necessary`], nor a `statistics` cookie declared
    /// `consent_exempt: true`.
    pub const fn needs_consent(&self) -> bool {
        self.category.needs_consent() && !self.consent_exempt
    }

    /// Whether it was declared `consent_exempt: true`: an audience
    /// measurement cookie that meets the CNIL's conditions for exemption.
    pub const fn is_consent_exempt(&self) -> bool {
        self.consent_exempt
    }

    /// Its `Max-Age`, or `None` for a session cookie.
    pub const fn max_age(&self) -> Option<Duration> {
        match self.max_age {
            Some(seconds) => Some(Duration::seconds(seconds)),
            None => None,
        }
    }

    /// Its lifetime as declared, in English: `"session"`, `"13 months"`.
    pub const fn lifetime(&self) -> &'static str {
        self.lifetime
    }

    /// Whether it carries the `Secure` attribute.
    pub const fn secure(&self) -> bool {
        self.secure
    }

    /// Whether it carries the `HttpOnly` attribute.
    pub const fn http_only(&self) -> bool {
        self.http_only
    }

    /// Its `SameSite` attribute.
    pub const fn same_site(&self) -> SameSite {
        self.same_site
    }

    /// Its `Path` attribute.
    pub const fn path(&self) -> &'static str {
        self.path
    }

    /// Its `Domain` attribute, or `None` for a host-only cookie.
    pub const fn domain(&self) -> Option<&'static str> {
        self.domain
    }

    /// Whether it carries the `Partitioned` attribute (CHIPS).
    pub const fn partitioned(&self) -> bool {
        self.partitioned
    }

    /// Whether another party sets it (an `extern` declaration): it appears
    /// in the charte, but this crate builds no `Set-Cookie` for it.
    pub const fn is_external(&self) -> bool {
        self.external
    }

    /// The builder of this cookie, or `None` for an `extern` cookie, which
    /// this application never sets. Generic code over [`Registry::COOKIES`]
    /// uses it, for instance to delete every cookie that needs consent when
    /// consent is withdrawn.
    ///
    /// [`Registry::COOKIES`]: crate::Registry::COOKIES
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// use cookie_decl::declare_cookies;
    ///
    /// declare_cookies! {
    ///     pub struct Cookies { site: "https://example.fr" }
    ///     necessary {
    ///         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
    ///     }
    ///     statistics {
    ///         visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
    ///         extern "_ga_*" as GA { provider: "Google", service: "Analytics", purpose: "Tell visits apart." }
    ///     }
    /// }
    ///
    /// let removals: Vec<String> = Cookies::COOKIES
    ///     .iter()
    ///     .filter(|spec| spec.needs_consent())
    ///     .filter_map(|spec| spec.declared())
    ///     .map(|cookie| cookie.removal().to_string())
    ///     .collect();
    /// assert_eq!(removals, ["visits=; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=0"]);
    /// ```
    pub fn declared(&'static self) -> Option<DeclaredCookie> {
        (!self.external).then_some(DeclaredCookie::new(self))
    }

    /// Whether a cookie called `name` is this one. A pattern name matches
    /// with `*` standing for any run of characters, so `_ga_*` matches
    /// `_ga_K2X9`; any other name matches only itself.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// use cookie_decl::declare_cookies;
    ///
    /// declare_cookies! {
    ///     pub struct Cookies { site: "https://example.fr" }
    ///     statistics {
    ///         extern "_pk_id.*" as PK_ID {
    ///             provider: "Matomo",
    ///             service: "Audience measurement",
    ///             purpose: "Tell visits apart.",
    ///             max_age: 13 months,
    ///         }
    ///     }
    /// }
    ///
    /// assert!(Cookies::PK_ID.matches("_pk_id.1.1fff"));
    /// assert!(!Cookies::PK_ID.matches("_pk_ses.1.1fff"));
    /// ```
    pub fn matches(&self, name: &str) -> bool {
        if self.external {
            crate::__private::glob_match(self.name, name)
        } else {
            self.name == name
        }
    }
}

/// A cookie that this application sets: a constant of a registry, such as
/// `SiteCookies::SESSIONID`.
///
/// It builds the `Set-Cookie` for the declared attributes ([`cookie`],
/// [`try_cookie`]), the one that deletes it ([`removal`]), and reads the value
/// back from a request ([`read`], [`read_header`]). It dereferences to its
/// [`CookieSpec`].
///
/// [`cookie`]: DeclaredCookie::cookie
/// [`try_cookie`]: DeclaredCookie::try_cookie
/// [`removal`]: DeclaredCookie::removal
/// [`read`]: DeclaredCookie::read
/// [`read_header`]: DeclaredCookie::read_header
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::declare_cookies;
///
/// declare_cookies! {
///     pub struct Cookies { site: "https://example.fr" }
///     necessary {
///         "__Host-sid" {
///             provider: "Example",
///             service: "Login",
///             purpose: "Keep you signed in.",
///             same_site: Strict,
///         }
///     }
/// }
///
/// let set = Cookies::HOST_SID.cookie("abc");
/// assert_eq!(set.to_string(), "__Host-sid=abc; HttpOnly; SameSite=Strict; Secure; Path=/");
/// let unset = Cookies::HOST_SID.removal();
/// assert_eq!(unset.to_string(), "__Host-sid=; HttpOnly; SameSite=Strict; Secure; Path=/; Max-Age=0");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DeclaredCookie {
    spec: &'static CookieSpec,
}

impl DeclaredCookie {
    pub(crate) const fn new(spec: &'static CookieSpec) -> Self {
        DeclaredCookie { spec }
    }

    /// Its declaration.
    pub const fn spec(&self) -> &'static CookieSpec {
        self.spec
    }

    /// The cookie with `value` and every declared attribute set explicitly:
    /// `Secure`, `HttpOnly`, `SameSite` and `Path` always, `Domain`,
    /// `Max-Age` and `Partitioned` where declared. Frameworks that fill in
    /// unset attributes (Rocket sets `SameSite=Strict` and `Path=/`) change
    /// nothing.
    ///
    /// # Encoding
    ///
    /// A value is sent as is when every byte is a `cookie-octet` of RFC 6265
    /// §4.1.1 other than `%`. Any other byte (control bytes, whitespace,
    /// `"`, `,`, `;`, `\`, `%` and every byte of a non-ASCII character) is
    /// percent-encoded as `%XX` of its UTF-8 encoding, so a hostile value
    /// such as `"x; Domain=evil.example"` can never add an attribute. [`read`]
    /// and [`decode_value`] undo it, so every string round-trips. Use
    /// [`try_cookie`] to refuse such values instead.
    ///
    /// The check reads every byte, 16 at a time: a few nanoseconds for a
    /// value of tens of bytes, and nothing for a literal (`.cookie("1")`),
    /// which is checked while compiling. A value sent again and again can
    /// be checked once, as a [`CookieValue`] for [`cookie_checked`].
    ///
    /// [`CookieValue`]: crate::CookieValue
    /// [`cookie_checked`]: DeclaredCookie::cookie_checked
    ///
    /// # Size
    ///
    /// Browsers ignore a cookie whose name and value exceed 4096 bytes
    /// (RFC 6265bis §5.6), and keep the value they had: the application
    /// would go on reading a stale value it believes replaced. So when the
    /// name and the *encoded* value exceed 4096 bytes, `.cookie` does not
    /// send the value: it returns this cookie's [`removal`], so that the
    /// next request carries no value at all, which the application already
    /// handles. It never panics. Use [`try_cookie`] to get a
    /// [`ValueError::TooLarge`] instead, for a value whose size you do not
    /// control.
    ///
    /// [`read`]: DeclaredCookie::read
    /// [`try_cookie`]: DeclaredCookie::try_cookie
    /// [`removal`]: DeclaredCookie::removal
    /// [`decode_value`]: crate::decode_value
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         sid { provider: "Example", service: "Login", purpose: "Keep you signed in.", max_age: 2 hours }
    /// #     }
    /// # }
    /// let c = Cookies::SID.cookie("x; Domain=evil.example");
    /// assert_eq!(c.domain(), None);
    /// assert_eq!(
    ///     c.to_string(),
    ///     "sid=x%3B%20Domain=evil.example; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=7200",
    /// );
    ///
    /// // Too large for a browser to keep: the removal, never a panic.
    /// assert_eq!(Cookies::SID.cookie("a".repeat(5000)), Cookies::SID.removal());
    /// ```
    // Always inlined: out of line, the caller copied the returned `Cookie`
    // once more, and a literal value could not be checked while compiling.
    #[inline(always)]
    pub fn cookie<V: Into<Cow<'static, str>>>(&self, value: V) -> Cookie<'static> {
        let value = value.into();
        // The common case inline, the rare ones out of line, and one
        // `build`, so that the large `Cookie` is made in place in the
        // caller's slot: with a `build` in each of two branches, the
        // compiler made it aside and copied it with `memcpy`, which cost
        // more than all the rest.
        let (value, removal) = if value::all_plain(value.as_bytes()) && self.fits(&value) {
            (value, false)
        } else {
            self.encode(&value)
        };
        self.build(value, removal)
    }

    /// For `.cookie`: `value` encoded, or an empty value and `true` (send
    /// the removal) when the encoding is too large for browsers.
    #[cold]
    #[inline(never)]
    fn encode(&self, value: &str) -> (Cow<'static, str>, bool) {
        // Always the answer, owned: `encode_value` may borrow it even for a
        // value that needs encoding (a one-byte value gives the static
        // `"%0A"`).
        let encoded = value::encode_value(value).into_owned();
        if self.fits(&encoded) {
            (Cow::Owned(encoded), false)
        } else {
            (Cow::Borrowed(""), true)
        }
    }

    /// The cookie with a value checked beforehand: like
    /// [`cookie`](DeclaredCookie::cookie), every declared attribute set
    /// explicitly, but no byte of the value is read again, since a
    /// [`CookieValue`] holds only bytes that need no encoding.
    ///
    /// Use it for a value that is made once and sent many times (a session
    /// id), or checked anyway where it comes in; `.cookie(value)` for any
    /// other value, which it encodes as needed. Both build the same cookie
    /// for the same value.
    ///
    /// A name and value over 4096 bytes give this cookie's
    /// [`removal`](DeclaredCookie::removal), as with `.cookie`.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// use cookie_decl::CookieValue;
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         sid { provider: "Example", service: "Login", purpose: "Keep you signed in.", max_age: 2 hours }
    /// #     }
    /// # }
    /// let sid = CookieValue::new("c2Vzc2lvbg").unwrap();
    /// assert_eq!(
    ///     Cookies::SID.cookie_checked(sid).to_string(),
    ///     "sid=c2Vzc2lvbg; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=7200",
    /// );
    ///
    /// let huge = CookieValue::new("a".repeat(5000)).unwrap();
    /// assert_eq!(Cookies::SID.cookie_checked(huge), Cookies::SID.removal());
    /// ```
    #[inline]
    pub fn cookie_checked(&self, value: CookieValue) -> Cookie<'static> {
        let value = value.into_cow();
        // One `build`, as in `.cookie`.
        let (value, removal) = if self.fits(&value) {
            (value, false)
        } else {
            (Cow::Borrowed(""), true)
        };
        self.build(value, removal)
    }

    /// Like [`cookie`](DeclaredCookie::cookie), but refuses instead of
    /// encoding: a value with a byte outside RFC 6265's `cookie-octet` (or a
    /// `%`) is a [`ValueError::Forbidden`], and a name plus value over 4096
    /// bytes a [`ValueError::TooLarge`].
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// use cookie_decl::ValueError;
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
    /// #     }
    /// # }
    /// assert!(Cookies::SID.try_cookie("c2Vzc2lvbg").is_ok());
    /// assert!(matches!(
    ///     Cookies::SID.try_cookie("x; Domain=evil.example"),
    ///     Err(ValueError::Forbidden { byte: b';', index: 1, .. }),
    /// ));
    /// assert!(matches!(
    ///     Cookies::SID.try_cookie("a".repeat(5000)),
    ///     Err(ValueError::TooLarge { .. }),
    /// ));
    /// ```
    // Always inlined, as `.cookie`: out of line, its `Result` came back
    // through memory and was copied with `memmove`.
    #[inline(always)]
    pub fn try_cookie<V: Into<Cow<'static, str>>>(
        &self,
        value: V,
    ) -> Result<Cookie<'static>, ValueError> {
        let value = value.into();
        if value::all_plain(value.as_bytes()) && self.fits(&value) {
            return Ok(self.build(value, false));
        }
        Err(self.refusal(&value))
    }

    /// Why `.try_cookie` refuses `value`: its first byte that needs
    /// encoding, or else its size.
    #[cold]
    #[inline(never)]
    fn refusal(&self, value: &str) -> ValueError {
        match value::first_forbidden(value) {
            Some(index) => ValueError::Forbidden {
                name: self.spec.name,
                byte: value.as_bytes()[index],
                index,
            },
            None => ValueError::TooLarge {
                name: self.spec.name,
                size: self.spec.name.len() + value.len(),
            },
        }
    }

    /// The cookie that deletes this one in a browser: an empty value,
    /// `Max-Age=0`, and the declared `Path`, `Domain`, `Secure`, `SameSite`,
    /// `HttpOnly` and `Partitioned`. A browser ignores a removal whose
    /// `Path` or `Domain` differ from the cookie's, and refuses one for a
    /// `__Secure-`, `__Host-` or `SameSite=None` cookie without `Secure`.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         sid { provider: "Example", service: "Login", purpose: "Keep you signed in.",
    /// #               path: "/app", domain: "example.fr" }
    /// #     }
    /// # }
    /// assert_eq!(
    ///     Cookies::SID.removal().to_string(),
    ///     "sid=; HttpOnly; SameSite=Lax; Secure; Path=/app; Domain=example.fr; Max-Age=0",
    /// );
    /// ```
    pub fn removal(&self) -> Cookie<'static> {
        self.build(Cow::Borrowed(""), true)
    }

    /// This cookie's value in `jar`, decoded as [`cookie`] encoded it, or
    /// `Ok(None)` when the jar does not hold it.
    ///
    /// A value that is not valid percent-encoded UTF-8 (a client may send
    /// anything) is a [`DecodeError`], never a panic. A jar holds one
    /// cookie per name: when the request carried two (one may be
    /// planted), the framework that filled it has already kept one, so
    /// read the raw header with [`read_header`](DeclaredCookie::read_header)
    /// where that matters: it refuses the ambiguity.
    ///
    /// [`cookie`]: DeclaredCookie::cookie
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// use cookie_decl::cookie::CookieJar;
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
    /// #     }
    /// # }
    /// let mut jar = CookieJar::new();
    /// jar.add_original(Cookies::SID.cookie("Zoé; 1"));
    /// assert_eq!(Cookies::SID.read(&jar).unwrap().as_deref(), Some("Zoé; 1"));
    /// ```
    pub fn read<'a>(&self, jar: &'a CookieJar) -> Result<Option<Cow<'a, str>>, DecodeError> {
        jar.get(self.spec.name)
            .map(|cookie| value::decode(cookie.value()))
            .transpose()
    }

    /// This cookie's value in a raw `Cookie` request header
    /// (`"a=1; sid=abc"`), decoded as [`cookie`] encoded it, or `Ok(None)`
    /// when the header does not carry it. A pair that is not readable (not
    /// ASCII, a control byte) is not a value. When the header carries the
    /// name several times with different values, no value is read:
    /// [`DecodeError::Ambiguous`]. Browsers send the cookie with the longer
    /// `Path` first (RFC 6265bis §5.8.3), and a cookie planted by a script
    /// or a sibling subdomain can be given the longer `Path`, so "the
    /// first" could be anybody's.
    ///
    /// [`cookie`]: DeclaredCookie::cookie
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
    /// let header = "theme=dark; sid=caf%C3%A9; other=1";
    /// assert_eq!(Cookies::SID.read_header(header).unwrap().as_deref(), Some("café"));
    /// assert_eq!(Cookies::SID.read_header("theme=dark").unwrap(), None);
    /// assert_eq!(
    ///     Cookies::SID.read_header("sid=planted; sid=abc"),
    ///     Err(cookie_decl::DecodeError::Ambiguous),
    /// );
    /// ```
    pub fn read_header<'a>(&self, header: &'a str) -> Result<Option<Cow<'a, str>>, DecodeError> {
        match crate::header::lookup(header.as_bytes(), self.spec.name) {
            crate::header::Lookup::Absent => Ok(None),
            crate::header::Lookup::One(raw) => value::decode(raw).map(Some),
            crate::header::Lookup::Ambiguous => Err(DecodeError::Ambiguous),
        }
    }

    /// The `Set-Cookie` header value that `.cookie(value)` sends, as text,
    /// byte for byte `.cookie(value).to_string()`, without building a
    /// [`Cookie`]: the name, `=`, the value, and the declared attributes,
    /// which the macro wrote out once while compiling. The value is checked
    /// and encoded as [`cookie`](DeclaredCookie::cookie) does (see its
    /// "Encoding" section), and a name and
    /// encoded value over 4096 bytes give the
    /// [`removal`](DeclaredCookie::removal)'s line, so nothing that could
    /// break the header ever reaches it.
    ///
    /// For a handler or middleware that writes headers itself; with
    /// feature `axum`, `set_cookie_header`
    /// gives it as an `http::HeaderValue`.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         sid { provider: "Example", service: "Login", purpose: "Keep you signed in.", max_age: 2 hours }
    /// #     }
    /// # }
    /// assert_eq!(
    ///     Cookies::SID.set_cookie("c2Vzc2lvbg"),
    ///     "sid=c2Vzc2lvbg; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=7200",
    /// );
    /// let hostile = "x; Domain=evil.example";
    /// assert_eq!(Cookies::SID.set_cookie(hostile), Cookies::SID.cookie(hostile).to_string());
    /// assert_eq!(Cookies::SID.set_cookie(&"a".repeat(5000)), Cookies::SID.removal().to_string());
    /// ```
    #[inline]
    pub fn set_cookie(&self, value: &str) -> String {
        if value::all_plain(value.as_bytes()) && self.fits(value) {
            return self.line(value);
        }
        self.encoded_line(value)
    }

    /// [`set_cookie`](DeclaredCookie::set_cookie) as the value of a
    /// `Set-Cookie` header, ready to append to an `http::HeaderMap`.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// use http::header::SET_COOKIE;
    /// use http::HeaderMap;
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
    /// #     }
    /// # }
    /// let mut headers = HeaderMap::new();
    /// headers.append(SET_COOKIE, Cookies::SID.set_cookie_header("c2Vzc2lvbg"));
    /// assert_eq!(headers[SET_COOKIE], "sid=c2Vzc2lvbg; HttpOnly; SameSite=Lax; Secure; Path=/");
    /// ```
    #[cfg(feature = "axum")]
    #[inline]
    pub fn set_cookie_header(&self, value: &str) -> http::HeaderValue {
        // Every byte is one a header value may hold: the name is a token,
        // the value is plain or percent-encoded, and the macro refused a
        // `path` or `domain` with a control byte or a character outside
        // ASCII.
        http::HeaderValue::try_from(self.set_cookie(value))
            .expect("a declared cookie's `Set-Cookie` line is a valid header value")
    }

    /// `name=value` and the precomputed attributes, for a value that needs
    /// no encoding and fits.
    #[inline]
    fn line(&self, value: &str) -> String {
        let spec = self.spec;
        let mut line =
            String::with_capacity(spec.name.len() + 1 + value.len() + spec.set_cookie.len());
        line.push_str(spec.name);
        line.push('=');
        line.push_str(value);
        line.push_str(spec.set_cookie);
        line
    }

    /// For `.set_cookie`: the line of `value` encoded, or the removal's
    /// when the encoding is too large for browsers, as `.cookie` decides.
    #[cold]
    #[inline(never)]
    fn encoded_line(&self, value: &str) -> String {
        let encoded = value::encode_value(value);
        if self.fits(&encoded) {
            self.line(&encoded)
        } else {
            self.removal_line()
        }
    }

    /// The `Set-Cookie` line of [`removal`](DeclaredCookie::removal): the
    /// declared attributes and `Max-Age=0`, without building a [`Cookie`].
    pub(crate) fn removal_line(&self) -> String {
        let spec = self.spec;
        let attributes = &spec.set_cookie[..spec.attributes_len];
        let mut line = String::with_capacity(spec.name.len() + attributes.len() + 12);
        line.push_str(spec.name);
        line.push('=');
        line.push_str(attributes);
        line.push_str("; Max-Age=0");
        line
    }

    /// The precomputed attributes of this cookie's `Set-Cookie` line, and
    /// how much of them comes before `; Max-Age`.
    #[cfg_attr(not(feature = "axum"), allow(dead_code))]
    pub(crate) fn attributes(&self) -> (&'static str, usize) {
        (self.spec.set_cookie, self.spec.attributes_len)
    }

    /// Whether the name and `value` fit in the 4096 bytes browsers keep.
    #[inline]
    fn fits(&self, value: &str) -> bool {
        self.spec.name.len() + value.len() <= value::MAX_NAME_VALUE_SIZE
    }

    /// The cookie with `value` and the declared attributes, and `Max-Age=0`
    /// for a `removal`.
    #[inline]
    pub(crate) fn build(&self, value: Cow<'static, str>, removal: bool) -> Cookie<'static> {
        let spec = self.spec;
        let mut cookie = Cookie::new(spec.name, value);
        cookie.set_secure(spec.secure);
        cookie.set_http_only(spec.http_only);
        cookie.set_same_site(spec.same_site);
        cookie.set_path(spec.path);
        if let Some(domain) = spec.domain {
            cookie.set_domain(domain);
        }
        let max_age = if removal {
            Some(Duration::ZERO)
        } else {
            spec.max_age()
        };
        if let Some(max_age) = max_age {
            cookie.set_max_age(max_age);
        }
        if spec.partitioned {
            cookie.set_partitioned(true);
        }
        cookie
    }
}

impl Deref for DeclaredCookie {
    type Target = CookieSpec;

    fn deref(&self) -> &CookieSpec {
        self.spec
    }
}

impl fmt::Debug for DeclaredCookie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DeclaredCookie").field(self.spec).finish()
    }
}

/// A cookie that another party sets (an analytics tag, an embedded video
/// player), declared with `extern` so that it appears in the charte.
///
/// It dereferences to its [`CookieSpec`] and has no builder: this
/// application never sends its `Set-Cookie`, so `.cookie(..)` does not
/// compile.
///
/// ```compile_fail
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::declare_cookies;
///
/// declare_cookies! {
///     pub struct Cookies { site: "https://example.fr" }
///     statistics {
///         extern "_ga_*" as GA_STREAM {
///             provider: "Google",
///             service: "Google Analytics",
///             purpose: "Keep the state of a session.",
///             max_age: 13 months,
///         }
///     }
/// }
///
/// let _ = Cookies::GA_STREAM.cookie("GS1.1");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExternalCookie {
    spec: &'static CookieSpec,
}

impl ExternalCookie {
    pub(crate) const fn new(spec: &'static CookieSpec) -> Self {
        ExternalCookie { spec }
    }

    /// Its declaration.
    pub const fn spec(&self) -> &'static CookieSpec {
        self.spec
    }
}

impl Deref for ExternalCookie {
    type Target = CookieSpec;

    fn deref(&self) -> &CookieSpec {
        self.spec
    }
}

impl fmt::Debug for ExternalCookie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ExternalCookie").field(self.spec).finish()
    }
}

use core::fmt;
use core::marker::PhantomData;
use std::borrow::Cow;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cookie::Cookie;

use super::{CategorySet, ConsentError, RecordId};
use crate::{Category, CookieSpec, DeclaredCookie, Registry, ValueError};

/// A visitor's consent for the cookies of registry `R`: given (for some
/// categories, possibly none) or not asked yet.
///
/// Read it from each request with [`ConsentCookie::read`]; it is also what
/// [`ConsentCookie::record`] returns for the rest of the request that
/// records a choice. It decides which cookies may be set:
///
/// - `necessary` cookies, and `statistics` cookies declared
///   `consent_exempt: true`, always;
/// - any other cookie only when the visitor said yes to its category.
///
/// A visitor who has not chosen, whose choice is older than the registry's
/// `consent_retention`, was made on another version of the declaration, or
/// whose consent cookie is malformed or tampered with is *not asked yet*:
/// nothing that needs consent is allowed, and the banner is due
/// ([`needs_asking`](Consent::needs_asking)).
///
/// [`ConsentCookie::read`]: super::ConsentCookie::read
/// [`ConsentCookie::record`]: super::ConsentCookie::record
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::{declare_cookies, Category};
/// use cookie_decl::consent::{Consent, ConsentCookie};
///
/// declare_cookies! {
///     pub struct Cookies { site: "https://example.fr" }
///     necessary {
///         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
///                   max_age: 6 months, stores_consent: true }
///     }
///     statistics {
///         visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
///     }
/// }
///
/// let consent = ConsentCookie::<Cookies>::unsigned().read("theme=dark");
/// assert!(consent.needs_asking());
/// assert!(consent.allows(Category::Necessary));
/// assert!(!consent.allows(Category::Statistics));
/// // The gate: no consent, no cookie.
/// assert_eq!(consent.cookie(Cookies::VISITS, "1"), None);
/// ```
pub struct Consent<R> {
    state: State,
    /// The categories the visitor's Global Privacy Control signal refuses,
    /// while they have not chosen.
    gpc_refused: CategorySet,
    registry: PhantomData<fn() -> R>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    NotAsked(NotAsked),
    Given {
        granted: CategorySet,
        at: u64,
        id: RecordId,
        /// Read from a value sealed with one of the store's previous keys.
        resealing: bool,
    },
}

impl<R: Registry> Consent<R> {
    /// A visitor who has not chosen: nothing that needs consent is allowed.
    pub const fn not_asked() -> Self {
        Consent::from_state(State::NotAsked(NotAsked::NoChoice))
    }

    pub(crate) const fn not_asked_because(why: NotAsked) -> Self {
        Consent::from_state(State::NotAsked(why))
    }

    pub(crate) const fn given(granted: CategorySet, at: u64, id: RecordId) -> Self {
        Consent::from_state(State::Given {
            granted,
            at,
            id,
            resealing: false,
        })
    }

    /// This choice, read from a value sealed with a previous key: it counts
    /// as it is, and its cookie is due to be sealed again.
    pub(crate) const fn sealed_with_previous_key(mut self) -> Self {
        if let State::Given { resealing, .. } = &mut self.state {
            *resealing = true;
        }
        self
    }

    const fn from_state(state: State) -> Self {
        Consent {
            state,
            gpc_refused: CategorySet::NONE,
            registry: PhantomData,
        }
    }

    /// This consent, for a request whose `Sec-GPC` signal is `signal`
    /// (read it with [`gpc_signal`](super::gpc_signal)): a visitor who has
    /// not chosen and whose browser sends Global Privacy Control reads as
    /// refusing `refuses` (at least marketing, say, or statistics too), so
    /// that the banner asks only about the rest, and says so. A choice
    /// that counts is kept as it is: an explicit yes, made after the
    /// signal, still counts.
    ///
    /// [`ConsentCookie::read_with_gpc`](super::ConsentCookie::read_with_gpc)
    /// does this with the categories the store is configured with.
    #[must_use]
    pub fn with_gpc(mut self, signal: bool, refuses: CategorySet) -> Self {
        self.gpc_refused = CategorySet::NONE;
        if signal && !self.is_given() {
            self.gpc_refused = asked::<R>().intersection(refuses);
        }
        self
    }

    /// The categories the visitor's Global Privacy Control signal refuses
    /// (see [`with_gpc`](Consent::with_gpc)); none once they have chosen.
    pub const fn gpc_refused(&self) -> CategorySet {
        self.gpc_refused
    }

    /// Whether cookies of `category` may be set: always for
    /// [`Category::Necessary`], otherwise only when the visitor said yes.
    ///
    /// `statistics` cookies declared `consent_exempt: true` are allowed
    /// even when this is `false`: ask [`allows_cookie`](Consent::allows_cookie)
    /// about a cookie.
    pub const fn allows(&self, category: Category) -> bool {
        self.granted().contains(category)
    }

    /// Whether the cookie `spec` may be set: it needs no consent, or the
    /// visitor granted its category. A cookie that `R` does not declare is
    /// never allowed: consent was given on `R`'s declaration, not another's.
    pub fn allows_cookie(&self, spec: &CookieSpec) -> bool {
        declares::<R>(spec) && self.allows_declared(spec)
    }

    /// Whether the tag or embed `tag` may be in the page: it needs no
    /// consent, or the visitor granted its category. A tag that `R` does
    /// not declare is never allowed; [`consent::tags`](crate::consent::tags)
    /// renders exactly the tags this allows.
    pub fn allows_tag(&self, tag: &crate::TagSpec) -> bool {
        tag.allowed_by(self)
    }

    /// [`allows_cookie`](Consent::allows_cookie) for a spec known to be
    /// one of `R`'s.
    pub(crate) const fn allows_declared(&self, spec: &CookieSpec) -> bool {
        !spec.needs_consent() || self.allows(spec.category())
    }

    /// The categories the visitor said yes to; none when not asked yet.
    pub const fn granted(&self) -> CategorySet {
        match self.state {
            State::Given { granted, .. } => granted,
            State::NotAsked(_) => CategorySet::NONE,
        }
    }

    /// Whether the visitor made a choice that still counts (yes or no to
    /// each category).
    pub const fn is_given(&self) -> bool {
        matches!(self.state, State::Given { .. })
    }

    /// Whether to show the consent banner: the visitor has no choice that
    /// counts, and `R` declares a cookie, a tag or an embed that needs
    /// consent, of a category the visitor's Global Privacy Control signal
    /// does not already refuse.
    pub fn needs_asking(&self) -> bool {
        !self.is_given() && !asked::<R>().difference(self.gpc_refused).is_empty()
    }

    /// Whether the choice was read from a consent cookie sealed with one of
    /// the store's previous keys (`ConsentCookie::previous_keys`, feature `signed`):
    /// it counts exactly as if sealed with the current key (the same
    /// categories, time and record id), and the response should carry
    /// [`ConsentCookie::resealed`](super::ConsentCookie::resealed), the
    /// same choice sealed with the current key. `false` for every other
    /// consent: a choice sealed with the current key, one just recorded,
    /// a visitor not asked yet.
    ///
    /// See [rotating the key](super::ConsentCookie#rotating-the-key).
    ///
    #[cfg_attr(feature = "signed", doc = "```")]
    #[cfg_attr(not(feature = "signed"), doc = "```ignore")]
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// use cookie_decl::consent::{CategorySet, ConsentCookie};
    /// use cookie_decl::cookie::Key;
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
    /// #                   max_age: 6 months, stores_consent: true }
    /// #     }
    /// #     statistics {
    /// #         visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
    /// #     }
    /// # }
    /// let (old, new) = (Key::generate(), Key::generate());
    /// let before = ConsentCookie::<Cookies>::signed(old.clone());
    /// let recorded = before.record("", CategorySet::ALL);
    /// assert!(!recorded.consent().needs_resealing());
    /// let pair = recorded.set_cookies()[0].stripped().to_string();
    ///
    /// let after = ConsentCookie::<Cookies>::signed(new).previous_keys([old]);
    /// let consent = after.read(pair.as_str());
    /// assert!(consent.is_given());
    /// assert!(consent.needs_resealing());
    /// ```
    pub const fn needs_resealing(&self) -> bool {
        matches!(
            self.state,
            State::Given {
                resealing: true,
                ..
            }
        )
    }

    /// Why the visitor counts as not asked, or `None` when a choice counts.
    pub const fn not_asked_reason(&self) -> Option<NotAsked> {
        match self.state {
            State::NotAsked(why) => Some(why),
            State::Given { .. } => None,
        }
    }

    /// When the choice was made, for a choice that counts.
    pub fn given_at(&self) -> Option<SystemTime> {
        match self.state {
            State::Given { at, .. } => UNIX_EPOCH.checked_add(Duration::from_secs(at)),
            State::NotAsked(_) => None,
        }
    }

    /// When the choice was made, in seconds since the Unix epoch.
    pub(crate) const fn unix_time(&self) -> Option<u64> {
        match self.state {
            State::Given { at, .. } => Some(at),
            State::NotAsked(_) => None,
        }
    }

    /// The id of the choice's [`ConsentRecord`](super::ConsentRecord), for
    /// a choice that counts: what ties a visitor to the proof.
    pub const fn record_id(&self) -> Option<RecordId> {
        match self.state {
            State::Given { id, .. } => Some(id),
            State::NotAsked(_) => None,
        }
    }

    /// The gate: `cookie` with `value` (exactly as
    /// [`DeclaredCookie::cookie`] builds it) when this consent allows it,
    /// `None` otherwise. This is the way to set any cookie that is not
    /// `necessary`: a consent-requiring cookie cannot be built through it
    /// before the visitor said yes.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// # use cookie_decl::consent::{CategorySet, ConsentCookie};
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
    /// #                   max_age: 6 months, stores_consent: true }
    /// #     }
    /// #     statistics {
    /// #         visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
    /// #     }
    /// # }
    /// let store = ConsentCookie::<Cookies>::unsigned();
    /// let yes = store.record("", CategorySet::ALL);
    /// let visits = yes.consent().cookie(Cookies::VISITS, "1").unwrap();
    /// assert_eq!(visits.to_string(), "visits=1; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=33696000");
    ///
    /// let no = store.record("", CategorySet::NONE);
    /// assert_eq!(no.consent().cookie(Cookies::VISITS, "1"), None);
    /// ```
    pub fn cookie<V: Into<Cow<'static, str>>>(
        &self,
        cookie: DeclaredCookie,
        value: V,
    ) -> Option<Cookie<'static>> {
        self.allows_cookie(cookie.spec())
            .then(|| cookie.cookie(value))
    }

    /// Like [`cookie`](Consent::cookie), but says why it refuses, and
    /// refuses values as [`DeclaredCookie::try_cookie`] does.
    pub fn try_cookie<V: Into<Cow<'static, str>>>(
        &self,
        cookie: DeclaredCookie,
        value: V,
    ) -> Result<Cookie<'static>, GateError> {
        let spec = cookie.spec();
        if !declares::<R>(spec) {
            return Err(GateError::NotDeclared { name: spec.name() });
        }
        if !self.allows_cookie(spec) {
            return Err(GateError::NoConsent {
                name: spec.name(),
                category: spec.category(),
            });
        }
        cookie.try_cookie(value).map_err(GateError::Value)
    }
}

/// The categories `R` asks consent for: those with a cookie, a tag or an
/// embed that needs it (what `ConsentRegistry::ASKED` holds, for any
/// registry).
fn asked<R: Registry>() -> CategorySet {
    let cookies = R::COOKIES
        .iter()
        .filter(|spec| spec.needs_consent())
        .map(CookieSpec::category);
    let tags = R::TAGS
        .iter()
        .filter(|tag| tag.needs_consent())
        .map(crate::TagSpec::category);
    cookies
        .chain(tags)
        .fold(CategorySet::NONE, CategorySet::with)
}

/// Whether `spec` is one of `R`'s declarations (compared by value:
/// constants need not share an address).
fn declares<R: Registry>(spec: &CookieSpec) -> bool {
    R::get(spec.name()).is_some_and(|found| found == spec) || R::COOKIES.contains(spec)
}

impl<R> Clone for Consent<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R> Copy for Consent<R> {}

// Equal when every accessor answers the same: a choice read from a
// previous key's seal is not equal to the same choice under the current
// key, as `needs_resealing` tells them apart.
impl<R> PartialEq for Consent<R> {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state && self.gpc_refused == other.gpc_refused
    }
}

impl<R> Eq for Consent<R> {}

impl<R> fmt::Debug for Consent<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.state {
            State::NotAsked(why) if self.gpc_refused.is_empty() => {
                f.debug_tuple("Consent::NotAsked").field(why).finish()
            }
            State::NotAsked(why) => f
                .debug_struct("Consent::NotAsked")
                .field("why", why)
                .field("gpc_refused", &self.gpc_refused)
                .finish(),
            State::Given {
                granted,
                at,
                id,
                resealing,
            } => {
                let mut given = f.debug_struct("Consent::Given");
                given
                    .field("granted", granted)
                    .field("at", at)
                    .field("id", id);
                // Shown only when set: the rare case, and what it asks of
                // the response.
                if *resealing {
                    given.field("needs_resealing", resealing);
                }
                given.finish()
            }
        }
    }
}

/// Why a visitor counts as not asked yet.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # use cookie_decl::declare_cookies;
/// use cookie_decl::consent::{ConsentCookie, NotAsked};
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     necessary {
/// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
/// #                   max_age: 6 months, stores_consent: true }
/// #     }
/// # }
/// let store = ConsentCookie::<Cookies>::unsigned();
/// assert_eq!(store.read("").not_asked_reason(), Some(NotAsked::NoChoice));
/// let forged = store.read("consent=all");
/// assert!(matches!(forged.not_asked_reason(), Some(NotAsked::Invalid(_))));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotAsked {
    /// The request carries no consent cookie.
    NoChoice,
    /// The choice is older than the registry's `consent_retention` (CNIL
    /// deliberation 2020-092: ask again after a limited time).
    Expired,
    /// The choice was made on another version of the declaration: a cookie
    /// or a tag was added, or one's purpose, provider, category or lifetime
    /// (a tag's provider, service, category or cookies) changed, or the
    /// Consent Mode mapping.
    DeclarationChanged,
    /// The consent cookie is not one this application wrote: malformed,
    /// tampered with, or not signed with the application's key.
    Invalid(ConsentError),
    /// The request carries the consent cookie more than once, with
    /// different values. A browser holds two cookies of one name when they
    /// differ in `Path` or `Domain`, which is how a script or a sibling
    /// subdomain plants one beside the visitor's own: neither counts, and
    /// the visitor is asked again.
    Ambiguous,
    /// The consent cookie is sound but the proof store holds no record of
    /// its choice (checked by [`proof::bind`](super::proof::bind)): the
    /// site does not act on a consent it cannot prove.
    Unproven,
}

impl fmt::Display for NotAsked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotAsked::NoChoice => f.write_str("the visitor has not chosen yet"),
            NotAsked::Expired => {
                f.write_str("the visitor's choice is older than the registry's `consent_retention`")
            }
            NotAsked::DeclarationChanged => {
                f.write_str("the visitor chose on another version of the cookie declaration")
            }
            NotAsked::Invalid(error) => write!(f, "the consent cookie is invalid: {error}"),
            NotAsked::Ambiguous => f.write_str(
                "the request carries the consent cookie several times with different values",
            ),
            NotAsked::Unproven => {
                f.write_str("the proof store holds no record of the consent cookie's choice")
            }
        }
    }
}

/// Why [`Consent::try_cookie`] refuses to build a cookie.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum GateError {
    /// The cookie needs consent that the visitor has not given.
    NoConsent {
        /// The cookie's name.
        name: &'static str,
        /// Its category, which the visitor did not grant.
        category: Category,
    },
    /// The cookie is not declared in the registry this consent is for.
    NotDeclared {
        /// The cookie's name.
        name: &'static str,
    },
    /// The value is refused, as [`DeclaredCookie::try_cookie`] refuses it.
    Value(ValueError),
}

impl fmt::Display for GateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GateError::NoConsent { name, category } => write!(
                f,
                "cookie `{name}` is a `{category}` cookie and the visitor has not consented to \
                 `{category}` cookies"
            ),
            GateError::NotDeclared { name } => write!(
                f,
                "cookie `{name}` is not declared in the registry this consent was given on"
            ),
            GateError::Value(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for GateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            GateError::Value(error) => Some(error),
            _ => None,
        }
    }
}

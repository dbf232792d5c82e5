//! The consent cookie: its value's format, its seal, reading a choice
//! and recording one.
//!
//! # Why a changed declaration asks again for every category
//!
//! A fingerprint per category, so that adding a marketing tag asks again
//! about marketing and keeps a visitor's statistics choice, was weighed
//! and left. The value's format would take it: four 32-bit fingerprints
//! (one per category, each over the site, the category's cookies and
//! tags and the signals mapped to it) instead of one 64-bit one, some 16
//! characters more under the seal; a value of format `1` would still
//! read, counting only when its whole fingerprint matches; and nothing
//! would be forgeable, the seal covering every fingerprint. What does not
//! fit is what surrounds the cookie:
//!
//! - **An answer would have to say what it answers.** The banner and the
//!   preferences page post the same `consent=all|none|...`. Once the
//!   banner asks about marketing only, its "Tout refuser" must keep the
//!   statistics yes, while the preferences page's must withdraw it (GDPR
//!   7(3)). Telling them apart takes a field of the form, verified with
//!   it, that [`ConsentForm`](super::ConsentForm) does not have; merging
//!   without one would make a withdrawal from the preferences page keep
//!   what the visitor withdrew.
//! - **The proof vouches for the whole choice.**
//!   [`proof::bind`](super::proof::bind) counts a cookie only when its
//!   record holds the same categories granted and the declaration's
//!   fingerprint. A choice with one category asked again is one no record
//!   matches: every site that binds its proofs would read it as
//!   [`NotAsked::Unproven`], a proof store failure to its operator, after
//!   each deploy that adds a tag. Records would need the fingerprint of
//!   each category they cover, and the binding would compare those.
//! - **The banner is rendered at compile time, one per language.** Asking
//!   about the changed categories only takes a banner per set of
//!   categories, or slots that the code filling it knows.
//!
//! Each of these changes the form's protocol or the proof, not this
//! codec; without them, a per-category fingerprint would keep a statistics
//! yes only until the (whole) banner is answered, and not at all where
//! proofs are bound. So a changed declaration asks again about every
//! category, and the visitor answers one banner, as before.

use core::fmt;
use core::marker::PhantomData;
use std::collections::HashSet;
use std::time::{SystemTime, UNIX_EPOCH};

use cookie::Cookie;
use cookie::time::Duration;

use super::{
    CategorySet, Consent, ConsentRecord, ConsentRegistry, Lookup, NotAsked, RecordId,
    RequestCookies,
};

/// The version of the consent cookie's value format.
const FORMAT_VERSION: &str = "1";

/// How far in the future a choice may be dated before it counts as forged:
/// the clocks of two servers of one site may differ a little.
const CLOCK_SKEW: u64 = 60 * 60;

/// The consent cookie of registry `R` (the cookie it marks
/// `stores_consent: true`): reads a visitor's [`Consent`] from a request,
/// and records a new choice.
///
/// Sign it: `ConsentCookie::signed(key)` (feature `signed`, which `axum`
/// turns on) seals each value with an HMAC-SHA256 under the application's
/// `cookie::Key`, and only a value this application sealed reads as a
/// choice. Keep one per application (in its state), the same key on every
/// server of the site, and use it for every request.
///
/// The cookie's value holds the categories granted, the time of the choice,
/// the random id of its [`ConsentRecord`] and `R`'s fingerprint, a hash of
/// every declared cookie's name, category, provider, purpose and lifetime,
/// every tag's and the Consent Mode mapping, computed at compile time, then
/// its seal:
///
/// ```text
/// 1.6.1764064800.5f0c3e0e2a9d4b7c8e1f6a2b3c4d5e6f.9c1a0e4b7d2f3a61.<seal>
/// | | |          |                                |
/// | | |          id of the record                 fingerprint
/// | | time of the choice (Unix seconds)
/// | categories granted: 1 preferences + 2 statistics + 4 marketing
/// format version
/// ```
///
/// # What the seal guarantees
///
/// - **Signed**: the seal is the HMAC-SHA256, in 64 hex digits, of a
///   label of its own, the declaration's `site`, the consent cookie's name
///   and the value, under the key. Nobody without the key can make a value
///   that reads as consent, and no value the application signs with the
///   same key for anything else (a signed `theme` or `return_to` cookie,
///   the `cookie` crate's signed jar) ever verifies as one. Another
///   registry's consent cookie does not count either, unless that
///   registry declares the same `site`, the same consent cookie name and
///   the same cookies (the fingerprint the value carries): the same
///   declaration.
///   A sealed value can still be copied: from one of the visitor's own
///   browsers to another, or by whoever can read the visitor's cookies. It
///   proves the application wrote that choice, not who carries it.
/// - **Unsigned** ([`unsigned`](ConsentCookie::unsigned)): the seal is a
///   public checksum (16 hex digits). It catches an edited or corrupted
///   value (a visitor who turns the `0` of a refusal into a `7`) and
///   nothing more: anyone can compute it, so anyone who can set a cookie
///   in the visitor's browser (a script on the site, a sibling subdomain)
///   can plant a valid "accept all". Use it for tests, or a site that
///   never needs to prove a choice.
///
/// A choice counts for the declaration it was made on: when the
/// fingerprint differs (a cookie or a tag added or changed, see
/// [`ConsentRegistry::FINGERPRINT`]), the visitor is asked again about
/// every category ([`NotAsked::DeclarationChanged`]); this module's source
/// says why not only about the changed ones.
///
/// Whatever the seal, a request that carries the consent cookie twice
/// with different values (a cookie planted on a longer `Path` or a parent
/// `Domain` beside the visitor's own) reads as not asked
/// ([`NotAsked::Ambiguous`]), never as the more generous of the two. This
/// holds when the consent is read from the request's `Cookie` headers (as
/// every integration does); a [`CookieJar`](cookie::CookieJar) holds one
/// cookie per name, so a read from a jar sees only the one the framework
/// that filled it kept.
///
/// # Rotating the key
///
/// A site whose key leaked, or that changes keys as a routine, gives the
/// store the keys it replaces with
/// `previous_keys` (feature `signed`).
/// Every value is sealed with the current key. A value is verified with
/// the current key, then with each previous key in order; a choice read
/// from a previous key's seal counts exactly as if sealed with the current
/// one (the same categories, time and record id, so its proof still
/// matches), and [`Consent::needs_resealing`] is `true`.
/// [`resealed`](ConsentCookie::resealed) then gives the consent cookie of
/// the same choice sealed with the current key, its `Max-Age` the time the
/// choice has left, never more than declared: send it with the response,
/// and the visitor's next request carries the current key's seal.
/// Recording a new choice seals it with the current key too. Each previous
/// key costs one HMAC-SHA256 more on every value that fails the current
/// key.
///
/// On a site of several servers, in three steps:
///
/// 1. Give every server the new key as a *previous* key, the old one still
///    current. Nothing changes yet, but every server now verifies the
///    values the new key will seal.
/// 2. Once every server has it, make the new key current and the old one
///    previous, server by server. A server still on step 1 reads the new
///    seals (and seals them back with the old key, until it changes too):
///    no visitor is asked again on the way.
/// 3. After the grace period, drop the old key.
///
/// Until the old key is dropped from every server, whoever holds it can
/// still forge a value that verifies: any categories, any time within the
/// retention, any record id (a site that binds its proofs with
/// [`proof::bind`](super::proof::bind) refuses one whose record the proof
/// store does not hold). So a leaked key is dropped at once, not kept as a
/// previous key: every value it sealed reads as
/// [`NotAsked::Invalid`]`(`[`ConsentError::Signature`]`)`, and those
/// visitors are asked again.
///
/// When to drop a key that did not leak: a choice counts for the
/// registry's `consent_retention` ([`ConsentRegistry::RETENTION_SECONDS`],
/// 6 months by default) from its time, and resealing keeps that time. So
/// `RETENTION_SECONDS` after the last server stopped sealing with the old
/// key (by that server's clock), every value it sealed reads as
/// [`NotAsked::Expired`]: dropping it then asks nobody again. Dropped
/// earlier, once traffic has resealed the choices of the visitors who came
/// back, only the visitors not seen since are asked again.
///
/// The CSRF token of the consent forms ([`CsrfToken`](super::CsrfToken))
/// is a random double-submit token, not sealed with the key: there is
/// nothing to rotate there, and forms in flight still verify.
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
/// #         "__Host-consent" as CONSENT { provider: "Example", service: "Consent",
/// #             purpose: "Remember the choice.", max_age: 6 months, stores_consent: true }
/// #     }
/// #     statistics {
/// #         visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
/// #     }
/// # }
/// let (old, new) = (Key::from(&[1; 64]), Key::from(&[2; 64]));
/// let before = ConsentCookie::<Cookies>::signed(old.clone());
/// let choice = before.record("", CategorySet::ALL).set_cookies()[0].stripped().to_string();
///
/// // Step 1 on every server, then step 2.
/// let step_1 = ConsentCookie::<Cookies>::signed(old.clone()).previous_keys([new.clone()]);
/// let step_2 = ConsentCookie::<Cookies>::signed(new.clone()).previous_keys([old]);
/// assert!(step_1.read(choice.as_str()).is_given());
/// let consent = step_2.read(choice.as_str());
/// assert!(consent.is_given() && consent.needs_resealing());
///
/// // The response carries the choice sealed with the new key.
/// let resealed = step_2.resealed(&consent).unwrap().stripped().to_string();
/// // Step 3: the old key dropped, the resealed choice still counts.
/// let step_3 = ConsentCookie::<Cookies>::signed(new);
/// assert_eq!(step_3.read(resealed.as_str()).record_id(), consent.record_id());
/// assert!(step_3.read(choice.as_str()).needs_asking());
/// ```
///
/// # Why a `__Host-` name is the strong choice
///
/// A cookie named `__Host-...` is accepted by browsers only when it is
/// `Secure`, has `Path=/` and no `Domain`: a sibling subdomain cannot set
/// one for the site, nor can a network attacker over plain HTTP, so no
/// second consent cookie can be planted beside the visitor's at all. Name
/// the consent cookie `"__Host-consent"` where you can. A plain name (the
/// published chartes' `cookies_preferences`) works as well; it is then the
/// signature and the ambiguity rule above that keep a planted cookie from
/// counting.
///
#[cfg_attr(feature = "signed", doc = "```")]
#[cfg_attr(not(feature = "signed"), doc = "```ignore")]
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::{declare_cookies, Category};
/// use cookie_decl::consent::{CategorySet, ConsentCookie};
/// use cookie_decl::cookie::Key;
///
/// declare_cookies! {
///     pub struct Cookies { site: "https://example.fr" }
///     necessary {
///         "__Host-consent" as CONSENT {
///             provider: "Example", service: "Consent", purpose: "Remember the choice.",
///             max_age: 6 months, stores_consent: true,
///         }
///     }
///     statistics {
///         visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
///     }
/// }
///
/// // The site's secret key, the same on every server (`Key::from(&bytes)`).
/// let store = ConsentCookie::<Cookies>::signed(Key::generate());
/// // The visitor accepts statistics: send `recorded.set_cookies()`.
/// let recorded = store.record("", CategorySet::from(Category::Statistics));
/// let header = recorded.set_cookies()[0].stripped().to_string();
/// // Next request: the choice is read back.
/// let consent = store.read(header.as_str());
/// assert!(consent.allows(Category::Statistics));
/// assert_eq!(consent.record_id(), Some(recorded.record().id()));
/// ```
pub struct ConsentCookie<R: ConsentRegistry> {
    #[cfg(feature = "signed")]
    key: Option<cookie::Key>,
    /// Keys a value may also be sealed with, tried in order after `key`.
    #[cfg(feature = "signed")]
    previous_keys: Vec<cookie::Key>,
    gpc_refuses: CategorySet,
    registry: PhantomData<fn() -> R>,
}

impl<R: ConsentRegistry> ConsentCookie<R> {
    /// The most distinct cookie names `extern` patterns (`_ga_*`) match
    /// that [`record`](ConsentCookie::record) sends removals for, all
    /// patterns together: about the number of cookies a browser keeps for
    /// one site, so that a request carrying thousands of matching names
    /// gets a bounded response.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// use cookie_decl::consent::{CategorySet, ConsentCookie};
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
    /// #                   max_age: 6 months, stores_consent: true }
    /// #     }
    /// #     statistics {
    /// #         extern "_ga_*" as GA { provider: "Google", service: "Analytics",
    /// #                                purpose: "Tell visitors apart.", max_age: 13 months }
    /// #     }
    /// # }
    /// let header: Vec<String> = (0..1000).map(|i| format!("_ga_{i}=1")).collect();
    /// let refusal = ConsentCookie::<Cookies>::unsigned().record(header.join("; ").as_str(), CategorySet::NONE);
    /// // The consent cookie, then each name host-only and on `example.fr`.
    /// let limit = ConsentCookie::<Cookies>::MAX_PATTERN_NAMES;
    /// assert_eq!(refusal.set_cookies().len(), 1 + 2 * limit);
    /// ```
    pub const MAX_PATTERN_NAMES: usize = 180;

    /// A consent cookie sealed with a public checksum only: it catches an
    /// edited value, not a forged one (see [what the seal
    /// guarantees](ConsentCookie#what-the-seal-guarantees)). Use
    /// `ConsentCookie::signed` (feature `signed`) wherever a choice must be
    /// the visitor's own.
    pub const fn unsigned() -> Self {
        ConsentCookie {
            #[cfg(feature = "signed")]
            key: None,
            #[cfg(feature = "signed")]
            previous_keys: Vec::new(),
            gpc_refuses: CategorySet::NONE.with(crate::Category::Marketing),
            registry: PhantomData,
        }
    }

    /// A consent cookie signed with `key`: HMAC-SHA256 of a label, the
    /// consent cookie's name and the value. A value that is not sealed
    /// this way with `key`, for this cookie, reads as
    /// [`NotAsked::Invalid`].
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// use cookie_decl::cookie::{CookieJar, Key};
    /// use cookie_decl::consent::{CategorySet, ConsentCookie, ConsentError, NotAsked};
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
    /// #                   max_age: 6 months, stores_consent: true }
    /// #     }
    /// # }
    /// let key = Key::generate();
    /// let store = ConsentCookie::<Cookies>::signed(key.clone());
    /// let recorded = store.record("", CategorySet::ALL);
    /// let pair = recorded.set_cookies()[0].stripped().to_string();
    /// assert!(store.read(pair.as_str()).is_given());
    ///
    /// // The same choice with the public checksum: anyone could write it.
    /// let forged = ConsentCookie::<Cookies>::unsigned().record("", CategorySet::ALL);
    /// let forged = forged.set_cookies()[0].stripped().to_string();
    /// let invalid = Some(NotAsked::Invalid(ConsentError::Signature));
    /// assert_eq!(store.read(forged.as_str()).not_asked_reason(), invalid);
    ///
    /// // A value the same key signed for another cookie: not consent.
    /// let mut jar = CookieJar::new();
    /// jar.signed_mut(&key).add(("theme", pair.split_once('=').unwrap().1.to_owned()));
    /// let copied = format!("consent={}", jar.get("theme").unwrap().value());
    /// assert!(store.read(copied.as_str()).not_asked_reason().is_some());
    /// ```
    #[cfg(feature = "signed")]
    pub fn signed(key: cookie::Key) -> Self {
        ConsentCookie {
            key: Some(key),
            previous_keys: Vec::new(),
            gpc_refuses: CategorySet::NONE.with(crate::Category::Marketing),
            registry: PhantomData,
        }
    }

    /// The keys a value may also be sealed with: the keys this store's
    /// key replaces, during a rotation (see [rotating the
    /// key](ConsentCookie#rotating-the-key)). They replace any previous
    /// keys set before. Values are always sealed with the current key; a
    /// value is verified with the current key, then with each previous key
    /// in order, each MAC compared in constant time. A choice read from a
    /// previous key's seal counts as one sealed with the current key, and
    /// [`Consent::needs_resealing`] says so.
    ///
    /// Each previous key costs one HMAC-SHA256 more on every value that
    /// fails the current key: the previous key's own values, and any
    /// forged or garbage value a request may carry. No number of keys is
    /// refused; keep it to the one or two a rotation needs.
    ///
    /// On a store made with [`unsigned`](ConsentCookie::unsigned),
    /// previous keys are kept and never used: its values are not signed.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// use cookie_decl::consent::{CategorySet, ConsentCookie, ConsentError, NotAsked};
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
    /// let recorded = ConsentCookie::<Cookies>::signed(old.clone()).record("", CategorySet::ALL);
    /// let pair = recorded.set_cookies()[0].stripped().to_string();
    ///
    /// // The new key current, the old one still verified.
    /// let store = ConsentCookie::<Cookies>::signed(new.clone()).previous_keys([old]);
    /// let consent = store.read(pair.as_str());
    /// assert_eq!(consent.record_id(), Some(recorded.record().id()));
    /// assert!(consent.needs_resealing());
    ///
    /// // The old key dropped: the visitor is asked again.
    /// let dropped = ConsentCookie::<Cookies>::signed(new);
    /// let invalid = Some(NotAsked::Invalid(ConsentError::Signature));
    /// assert_eq!(dropped.read(pair.as_str()).not_asked_reason(), invalid);
    /// ```
    #[cfg(feature = "signed")]
    #[must_use]
    pub fn previous_keys(mut self, keys: impl IntoIterator<Item = cookie::Key>) -> Self {
        self.previous_keys = keys.into_iter().collect();
        self
    }

    /// For a consent that [needs resealing](Consent::needs_resealing)
    /// (read from a value sealed with a [previous
    /// key](#rotating-the-key)), the consent cookie that holds
    /// the same choice sealed with the current key: the same categories,
    /// time, record id and declaration fingerprint, so that its proof
    /// still matches. Send it with the response. `None` for any other
    /// consent, and for a choice whose time is up.
    ///
    /// It does not make the choice live longer: its `Max-Age` is the time
    /// the choice has left (its time plus the registry's
    /// `consent_retention`), never more than the declared `max_age`. A
    /// consent cookie declared without `max_age` (a session cookie) stays
    /// one.
    ///
    #[cfg_attr(feature = "signed", doc = "```")]
    #[cfg_attr(not(feature = "signed"), doc = "```ignore")]
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// use std::time::{Duration, SystemTime};
    /// use cookie_decl::consent::{CategorySet, ConsentCookie, RecordId};
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
    /// let month_ago = SystemTime::now() - Duration::from_secs(30 * 24 * 60 * 60);
    /// let recorded = ConsentCookie::<Cookies>::signed(old.clone())
    ///     .record_at("", CategorySet::ALL, month_ago, RecordId::random());
    /// let pair = recorded.set_cookies()[0].stripped().to_string();
    ///
    /// let store = ConsentCookie::<Cookies>::signed(new.clone()).previous_keys([old]);
    /// let consent = store.read(pair.as_str());
    /// let resealed = store.resealed(&consent).expect("sealed with a previous key");
    /// // Five months (of 30 days) left, not six.
    /// let left = resealed.max_age().unwrap().whole_seconds();
    /// assert!((5 * 30 * 24 * 60 * 60 - 5..=5 * 30 * 24 * 60 * 60).contains(&left));
    ///
    /// // The same choice, under the new key alone.
    /// let again = ConsentCookie::<Cookies>::signed(new).read(resealed.stripped().to_string().as_str());
    /// assert_eq!(again.record_id(), consent.record_id());
    /// assert!(!again.needs_resealing());
    /// assert_eq!(store.resealed(&again), None);
    /// ```
    pub fn resealed(&self, consent: &Consent<R>) -> Option<Cookie<'static>> {
        self.resealed_at(consent, SystemTime::now())
    }

    /// [`resealed`](ConsentCookie::resealed) as of `now`: the `Max-Age` is
    /// the time the choice has left at `now`.
    pub fn resealed_at(&self, consent: &Consent<R>, now: SystemTime) -> Option<Cookie<'static>> {
        let (value, max_age) = self.resealing(consent, now)?;
        let mut cookie = R::CONSENT_COOKIE.cookie(value);
        if let Some(max_age) = max_age {
            cookie.set_max_age(max_age);
        }
        Some(cookie)
    }

    /// The `Set-Cookie` line of [`resealed`](ConsentCookie::resealed),
    /// byte for byte its `to_string()`, for the integrations.
    // Called by the framework integrations' response check only.
    #[cfg_attr(
        not(any(
            feature = "axum",
            feature = "rocket",
            feature = "actix",
            feature = "poem"
        )),
        allow(dead_code)
    )]
    pub(crate) fn resealed_line(&self, consent: &Consent<R>) -> Option<String> {
        self.resealed_line_at(consent, SystemTime::now())
    }

    /// [`resealed_line`](ConsentCookie::resealed_line) as of `now`.
    fn resealed_line_at(&self, consent: &Consent<R>, now: SystemTime) -> Option<String> {
        self.resealed_at(consent, now)
            .map(|cookie| crate::header::set_cookie_line(&cookie))
    }

    /// The value of a consent that needs resealing, sealed with the
    /// current key, and the cookie's `Max-Age`: the declared one, or the
    /// time the choice has left at `now` when shorter. `None` for a
    /// consent that does not need it, or whose time is up.
    fn resealing(
        &self,
        consent: &Consent<R>,
        now: SystemTime,
    ) -> Option<(String, Option<Duration>)> {
        if !consent.needs_resealing() {
            return None;
        }
        let (Some(id), Some(at)) = (consent.record_id(), consent.unix_time()) else {
            return None;
        };
        let expires = at.saturating_add(R::RETENTION_SECONDS);
        let left = expires.saturating_sub(unix_seconds(now));
        if left == 0 {
            return None;
        }
        let left = Duration::seconds(i64::try_from(left).unwrap_or(i64::MAX));
        // A choice dated a little ahead (another server's clock) has more
        // than the declared lifetime left: the declared one caps it.
        let max_age = R::CONSENT_COOKIE
            .max_age()
            .map(|declared| declared.min(left));
        let body = StoredChoice {
            granted: consent.granted(),
            at,
            id,
            fingerprint: R::FINGERPRINT,
        }
        .encode();
        Some((format!("{body}.{}", self.seal(&body)), max_age))
    }

    /// The categories a Global Privacy Control signal refuses for a
    /// visitor who has not chosen, in
    /// [`read_with_gpc`](ConsentCookie::read_with_gpc): `marketing` unless
    /// set here (`statistics` too, say).
    #[must_use]
    pub const fn gpc_refuses(mut self, categories: CategorySet) -> Self {
        self.gpc_refuses = categories;
        self
    }

    /// [`read`](ConsentCookie::read), honouring the request's Global
    /// Privacy Control signal (`Sec-GPC: 1`, read with
    /// [`gpc_signal`](super::gpc_signal)): a visitor who has not chosen
    /// reads as refusing the store's [`gpc_refuses`](ConsentCookie::gpc_refuses)
    /// categories, and the banner asks only about the rest
    /// ([`Consent::with_gpc`]). A choice that counts is kept: an explicit
    /// yes still counts.
    pub fn read_with_gpc<'a>(
        &self,
        cookies: impl Into<RequestCookies<'a>>,
        gpc: bool,
    ) -> Consent<R> {
        self.read(cookies).with_gpc(gpc, self.gpc_refuses)
    }

    /// The visitor's consent, from the cookies of a request (a `Cookie`
    /// header, or a [`CookieJar`](cookie::CookieJar)), as of now.
    pub fn read<'a>(&self, cookies: impl Into<RequestCookies<'a>>) -> Consent<R> {
        self.read_at(cookies, SystemTime::now())
    }

    /// [`read`](ConsentCookie::read) as of `now`.
    pub fn read_at<'a>(
        &self,
        cookies: impl Into<RequestCookies<'a>>,
        now: SystemTime,
    ) -> Consent<R> {
        let cookies = cookies.into();
        let raw = match cookies.lookup(R::CONSENT_COOKIE.name()) {
            Lookup::One(raw) => raw,
            Lookup::Absent => return Consent::not_asked(),
            // Two consent cookies that differ: one may be planted (a longer
            // `Path`, a parent `Domain`), so neither counts, and never the
            // more generous one.
            Lookup::Ambiguous => return Consent::not_asked_because(NotAsked::Ambiguous),
        };
        let (choice, sealed) = match self.decode_sealed(raw) {
            Ok(decoded) => decoded,
            Err(error) => return Consent::not_asked_because(NotAsked::Invalid(error)),
        };
        let now = unix_seconds(now);
        if choice.fingerprint != R::FINGERPRINT {
            Consent::not_asked_because(NotAsked::DeclarationChanged)
        } else if choice.at > now.saturating_add(CLOCK_SKEW) {
            Consent::not_asked_because(NotAsked::Invalid(ConsentError::FutureTime))
        } else if now.saturating_sub(choice.at) > R::RETENTION_SECONDS {
            Consent::not_asked_because(NotAsked::Expired)
        } else if sealed == Sealed::Previous {
            Consent::given(choice.granted, choice.at, choice.id).sealed_with_previous_key()
        } else {
            Consent::given(choice.granted, choice.at, choice.id)
        }
    }

    /// The choice stored in a raw consent cookie value, its signature
    /// verified: a typed error for anything this application did not
    /// write. Neither the fingerprint nor the age is checked here:
    /// [`read`](ConsentCookie::read) does.
    ///
    /// Percent-escapes are decoded first, as every reader of this crate
    /// does: frameworks that percent-encode the values they send (Rocket's
    /// and poem's cookie jars) send a signed value's `+`, `/` and `=`
    /// encoded.
    ///
    /// A value sealed with one of the [previous
    /// keys](#rotating-the-key) decodes as one sealed with the
    /// current key.
    pub fn decode(&self, raw: &str) -> Result<StoredChoice, ConsentError> {
        self.decode_sealed(raw).map(|(choice, _)| choice)
    }

    /// [`decode`](ConsentCookie::decode), and which key's seal the value
    /// carries.
    fn decode_sealed(&self, raw: &str) -> Result<(StoredChoice, Sealed), ConsentError> {
        let decoded = crate::value::decode_value(raw).map_err(|_| ConsentError::Malformed)?;
        let (body, seal) = decoded.rsplit_once('.').ok_or(ConsentError::Malformed)?;
        StoredChoice::check_version(body)?;
        let sealed = self.verify(body, seal)?;
        Ok((StoredChoice::parse(body)?, sealed))
    }

    /// The seal of a value's `body`: with a key, the HMAC-SHA256 of a
    /// purpose label, the consent cookie's name and the body, in 64 hex
    /// digits; without, the public checksum, in 16.
    fn seal(&self, body: &str) -> String {
        #[cfg(feature = "signed")]
        if let Some(key) = &self.key {
            use hmac::Mac as _;
            let tag = mac::<R>(key, body).finalize().into_bytes();
            return tag.iter().map(|byte| format!("{byte:02x}")).collect();
        }
        format!("{:016x}", checksum(body))
    }

    /// Whether `seal` is the seal of `body`, and under which key: the
    /// current key's MAC first, then each previous key's, in order, each
    /// compared in constant time. A seal that is not 64 hex digits costs
    /// no MAC at all.
    fn verify(&self, body: &str, seal: &str) -> Result<Sealed, ConsentError> {
        #[cfg(feature = "signed")]
        if let Some(key) = &self.key {
            use hmac::Mac as _;
            let tag = hex::<32>(seal).ok_or(ConsentError::Signature)?;
            if mac::<R>(key, body).verify_slice(&tag).is_ok() {
                return Ok(Sealed::Current);
            }
            let previous = self
                .previous_keys
                .iter()
                .any(|key| mac::<R>(key, body).verify_slice(&tag).is_ok());
            return if previous {
                Ok(Sealed::Previous)
            } else {
                Err(ConsentError::Signature)
            };
        }
        let sum = hex::<8>(seal)
            .map(u64::from_be_bytes)
            .ok_or(ConsentError::Malformed)?;
        if sum == checksum(body) {
            Ok(Sealed::Current)
        } else {
            Err(ConsentError::Checksum)
        }
    }

    /// Records the visitor's choice, `granted`, made now on a request that
    /// carries `cookies`: the consent cookie to send, the removal of every
    /// cookie of a category not granted, and the proof. Of `granted`, only
    /// the categories `R` asks consent for count.
    ///
    /// See [`Recorded`] for what to send, and [`ConsentRecord`] for what to
    /// keep.
    pub fn record<'a>(
        &self,
        cookies: impl Into<RequestCookies<'a>>,
        granted: CategorySet,
    ) -> Recorded<R> {
        self.record_at(cookies, granted, SystemTime::now(), RecordId::random())
    }

    /// [`record`](ConsentCookie::record) as of `now`, with the record id
    /// `id`.
    ///
    /// Removals, for each category not granted, whatever the previous
    /// choice (a cookie may outlive an expired or tampered choice):
    ///
    /// - every first-party cookie, with its declared `Path`, `Domain`,
    ///   `Secure`, `SameSite`, `HttpOnly` and `Partitioned`, once each;
    /// - every `extern` cookie declared by its exact name, whether or not
    ///   the request carries it (a cookie on `Path=/stats` never reaches
    ///   the consent form's URL), with its declared `Path`, `Partitioned`
    ///   and `Secure`, and its declared `Domain`; where no `domain` is
    ///   declared, both the host-only form and one per parent domain of the
    ///   `site`'s host (`data.example.fr`, then `example.fr`), where tags
    ///   such as Google Analytics put their cookies;
    /// - every cookie the request carries whose name an `extern` pattern
    ///   matches (`_ga_*`), in the same forms. A pattern can only be
    ///   declared on `path: "/"`: the macro refuses any other, as no server
    ///   could learn the names it matches on another path.
    ///
    /// The names patterns match are bounded: at most
    /// [`MAX_PATTERN_NAMES`](ConsentCookie::MAX_PATTERN_NAMES) (180)
    /// distinct names per record, all patterns together, the first ones
    /// the request carries, each removed once per form; a name longer than
    /// the 4096 bytes a browser keeps is skipped, as no browser holds it.
    /// A browser keeps some 180 cookies per site, so an honest request
    /// stays within it, while a request carrying thousands of names a
    /// pattern matches gets a response of at most 180 × (1 + the site's
    /// parent domains) such removals, not one per name. The work is linear
    /// in the request's header.
    ///
    /// `necessary` cookies and `consent_exempt` audience cookies are kept.
    pub fn record_at<'a>(
        &self,
        cookies: impl Into<RequestCookies<'a>>,
        granted: CategorySet,
        now: SystemTime,
        id: RecordId,
    ) -> Recorded<R> {
        let cookies = cookies.into();
        let previous = self.read_at(&cookies, now);
        // Only what the site asks for is granted: "accept all" on a site
        // without marketing cookies grants no marketing.
        let asked = R::ASKED;
        let granted = granted.intersection(asked);
        let at = unix_seconds(now);
        let body = StoredChoice {
            granted,
            at,
            id,
            fingerprint: R::FINGERPRINT,
        }
        .encode();
        let value = format!("{body}.{}", self.seal(&body));
        // Each cookie beside its `Set-Cookie` line, written from the
        // declaration's precomputed attributes (`.set_cookie`, the removal
        // line): what the framework integrations send, byte for byte the
        // cookie's `to_string()`, without formatting it.
        let mut lines = vec![R::CONSENT_COOKIE.set_cookie(&value)];
        let mut set_cookies = vec![R::CONSENT_COOKIE.cookie(value)];
        let refused = asked.difference(granted);
        let mut sent: HashSet<(String, &str, Option<&str>)> = HashSet::new();
        // The distinct names a pattern matched, all patterns together:
        // what `MAX_PATTERN_NAMES` bounds.
        let mut matched: HashSet<&str> = HashSet::new();
        let parents = parent_domains(R::SITE);
        for spec in R::COOKIES {
            if !spec.needs_consent() || !refused.contains(spec.category()) {
                continue;
            }
            if let Some(declared) = spec.declared() {
                if sent.insert((spec.name().to_owned(), spec.path(), spec.domain())) {
                    lines.push(declared.removal_line());
                    set_cookies.push(declared.removal());
                }
                continue;
            }
            let mut remove = |name: &str| {
                let domains = match spec.domain() {
                    Some(domain) => vec![Some(domain)],
                    None => core::iter::once(None)
                        .chain(parents.iter().copied().map(Some))
                        .collect(),
                };
                for domain in domains {
                    if sent.insert((name.to_owned(), spec.path(), domain)) {
                        let removal = external_removal(name, spec, domain);
                        lines.push(crate::header::set_cookie_line(&removal));
                        set_cookies.push(removal);
                    }
                }
            };
            if is_pattern(spec) {
                for name in cookies.names() {
                    if name.len() > crate::value::MAX_NAME_VALUE_SIZE || !spec.matches(name) {
                        continue;
                    }
                    // A name counted already (another pattern's, or carried
                    // twice) is removed in this pattern's forms too.
                    if matched.contains(name)
                        || (matched.len() < Self::MAX_PATTERN_NAMES && matched.insert(name))
                    {
                        remove(name);
                    }
                }
            } else {
                remove(spec.name());
            }
        }
        let record = ConsentRecord::new::<R>(id, at, granted, asked, previous.granted());
        Recorded {
            consent: Consent::given(granted, at, id),
            set_cookies,
            lines,
            record,
        }
    }
}

impl<R: ConsentRegistry> Clone for ConsentCookie<R> {
    fn clone(&self) -> Self {
        ConsentCookie {
            #[cfg(feature = "signed")]
            key: self.key.clone(),
            #[cfg(feature = "signed")]
            previous_keys: self.previous_keys.clone(),
            gpc_refuses: self.gpc_refuses,
            registry: PhantomData,
        }
    }
}

impl<R: ConsentRegistry> fmt::Debug for ConsentCookie<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Whether it signs, and with how many previous keys: never a key.
        #[cfg(feature = "signed")]
        let (signed, previous_keys) = (self.key.is_some(), self.previous_keys.len());
        #[cfg(not(feature = "signed"))]
        let (signed, previous_keys) = (false, 0_usize);
        f.debug_struct("ConsentCookie")
            .field("registry", &core::any::type_name::<R>())
            .field("signed", &signed)
            .field("previous_keys", &previous_keys)
            .field("gpc_refuses", &self.gpc_refuses)
            .finish()
    }
}

/// The removal of `name`, a cookie that another party set and the
/// declaration `spec` (maybe a pattern) describes, at `domain` (`None`:
/// host-only) and the declared `path`, with `Partitioned` where declared
/// (a partitioned cookie is only deleted by a partitioned removal) and
/// `Secure`, which a removal of a `Secure`, `__Secure-`, `__Host-` or
/// `SameSite=None` cookie needs and any other accepts over HTTPS.
pub(crate) fn external_removal(
    name: &str,
    spec: &crate::CookieSpec,
    domain: Option<&str>,
) -> Cookie<'static> {
    let mut removal = Cookie::new(name.to_owned(), "");
    removal.set_path(spec.path());
    if let Some(domain) = domain {
        removal.set_domain(domain.to_owned());
    }
    removal.set_secure(true);
    if spec.partitioned() {
        removal.set_partitioned(true);
    }
    removal.set_max_age(Duration::ZERO);
    removal
}

/// Whether `spec` is an `extern` name pattern (`_ga_*`).
fn is_pattern(spec: &crate::CookieSpec) -> bool {
    spec.is_external() && spec.name().contains('*')
}

/// The domains a tag may put a cookie on, from the `site` URL's host: the
/// host itself and each parent but the last label (`data.example.fr`,
/// `example.fr`). None for an IP address or a one-label host
/// (`localhost`), where only host-only cookies exist. A parent that is a
/// public suffix (`co.uk`) is refused by browsers, so its removal is
/// harmless.
fn parent_domains(site: &str) -> Vec<&str> {
    let rest = site.split_once("://").map_or(site, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = host.split(':').next().unwrap_or("");
    let is_ip = host.starts_with('[') || host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if is_ip || !host.contains('.') {
        return Vec::new();
    }
    let mut domains = Vec::new();
    let mut at = host;
    while at.contains('.') {
        domains.push(at);
        at = at.split_once('.').map_or("", |(_, parent)| parent);
    }
    domains
}

/// Seconds since the Unix epoch; 0 before it.
fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// What [`ConsentCookie::record`] made of a choice: the consent for the
/// rest of the request, the `Set-Cookie`s to send, and the proof to keep.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # use cookie_decl::declare_cookies;
/// use cookie_decl::Category;
/// use cookie_decl::consent::{CategorySet, ConsentCookie};
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     necessary {
/// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
/// #                   max_age: 6 months, stores_consent: true }
/// #     }
/// #     preferences {
/// #         lang { provider: "Example", service: "Language", purpose: "Remember the language.",
/// #                max_age: 1 year, http_only: false }
/// #     }
/// # }
/// let recorded = ConsentCookie::<Cookies>::unsigned().record("lang=fr", CategorySet::NONE);
/// let lines: Vec<String> = recorded.set_cookies().iter().map(|c| c.to_string()).collect();
/// assert!(lines[0].starts_with("consent=1.0."));
/// assert_eq!(lines[1], "lang=; SameSite=Lax; Secure; Path=/; Max-Age=0");
/// assert!(!recorded.consent().allows(Category::Preferences));
/// assert_eq!(recorded.record().refused(), CategorySet::from(Category::Preferences));
/// ```
pub struct Recorded<R> {
    consent: Consent<R>,
    set_cookies: Vec<Cookie<'static>>,
    /// The `Set-Cookie` line of each of `set_cookies`, in order.
    lines: Vec<String>,
    record: ConsentRecord,
}

impl<R> Recorded<R> {
    /// The visitor's consent, for the rest of this request.
    pub fn consent(&self) -> &Consent<R> {
        &self.consent
    }

    /// The cookies to send, each in a `Set-Cookie` header of the response:
    /// the consent cookie first, then the removals.
    pub fn set_cookies(&self) -> &[Cookie<'static>] {
        &self.set_cookies
    }

    /// The choice, its proof noting whether the request carried the
    /// Global Privacy Control signal (read it with
    /// [`gpc_signal`](super::gpc_signal)): so that the proof shows the
    /// categories refused with the browser's signal on.
    #[must_use]
    pub fn noting_gpc(mut self, signal: bool) -> Self {
        self.record.gpc = signal;
        self
    }

    /// The `Set-Cookie` lines of [`set_cookies`](Recorded::set_cookies),
    /// in order: byte for byte each cookie's `to_string()`, written from
    /// the declaration's precomputed attributes, for glue of a framework
    /// this crate does not integrate (one `Set-Cookie` header each).
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// use cookie_decl::consent::{CategorySet, ConsentCookie};
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
    /// let recorded = ConsentCookie::<Cookies>::unsigned().record("visits=3", CategorySet::NONE);
    /// let written: Vec<String> = recorded.set_cookies().iter().map(ToString::to_string).collect();
    /// assert_eq!(recorded.lines(), written);
    /// assert!(recorded.lines()[1].starts_with("visits=; ")); // the withdrawal's removal
    /// ```
    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// The proof of the choice, to keep (see [`ConsentRecord`]).
    pub fn record(&self) -> &ConsentRecord {
        &self.record
    }

    /// The consent, the cookies to send and the proof, by value.
    pub fn into_parts(self) -> (Consent<R>, Vec<Cookie<'static>>, ConsentRecord) {
        (self.consent, self.set_cookies, self.record)
    }
}

impl<R> fmt::Debug for Recorded<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recorded")
            .field("consent", &self.consent)
            .field("set_cookies", &self.set_cookies)
            .field("record", &self.record)
            .finish()
    }
}

/// Which key sealed a consent cookie value that verifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sealed {
    /// The current key (or, unsigned, the checksum).
    Current,
    /// One of the previous keys: the value is due to be sealed again.
    #[cfg_attr(not(feature = "signed"), allow(dead_code))]
    Previous,
}

/// A choice as the consent cookie stores it, read by
/// [`ConsentCookie::decode`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StoredChoice {
    /// The categories granted.
    pub granted: CategorySet,
    /// When the choice was made, in seconds since the Unix epoch.
    pub at: u64,
    /// The id of the choice's record.
    pub id: RecordId,
    /// The fingerprint of the declaration the choice was made on.
    pub fingerprint: u64,
}

impl StoredChoice {
    /// `1.{granted}.{at}.{id}.{fingerprint}`: the body the seal covers.
    fn encode(&self) -> String {
        format!(
            "{FORMAT_VERSION}.{}.{}.{}.{:016x}",
            self.granted.bits(),
            self.at,
            self.id,
            self.fingerprint
        )
    }

    /// The body's format version is the one this crate writes.
    fn check_version(body: &str) -> Result<(), ConsentError> {
        let version = body.split('.').next().unwrap_or("");
        if version == FORMAT_VERSION {
            Ok(())
        } else if !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit()) {
            Err(ConsentError::UnknownVersion)
        } else {
            Err(ConsentError::Malformed)
        }
    }

    /// Reads what [`encode`](StoredChoice::encode) writes, each part in
    /// exactly the form it gives it: anything else is refused, so that an
    /// edited value cannot be read as some other choice.
    fn parse(body: &str) -> Result<StoredChoice, ConsentError> {
        Self::check_version(body)?;
        let mut parts = body.split('.').skip(1);
        let mut next = || parts.next().ok_or(ConsentError::Malformed);
        let granted = match next()?.as_bytes() {
            [digit @ b'0'..=b'7'] => CategorySet::from_bits(digit - b'0'),
            _ => None,
        }
        .ok_or(ConsentError::Malformed)?;
        let at = decimal(next()?).ok_or(ConsentError::Malformed)?;
        let id = hex::<16>(next()?)
            .map(RecordId::from_bytes)
            .ok_or(ConsentError::Malformed)?;
        let fingerprint = hex::<8>(next()?)
            .map(u64::from_be_bytes)
            .ok_or(ConsentError::Malformed)?;
        if parts.next().is_some() {
            return Err(ConsentError::Malformed);
        }
        Ok(StoredChoice {
            granted,
            at,
            id,
            fingerprint,
        })
    }
}

/// The MAC of a consent cookie's body under the application's key. It
/// covers a label of its own, the declaration's `site` and the cookie's
/// name before the body (which holds the declaration's fingerprint), so
/// that no value the application signs for anything else (a signed
/// `theme` cookie, the `cookie` crate's signed jar, the consent cookie of
/// a registry with another site, name or declaration, a staging site's)
/// ever counts as consent.
#[cfg(feature = "signed")]
fn mac<R: ConsentRegistry>(key: &cookie::Key, body: &str) -> hmac::Hmac<sha2::Sha256> {
    use hmac::Mac as _;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key.signing())
        .expect("HMAC takes a key of any length");
    mac.update(MAC_LABEL);
    // Neither holds a NUL (a URL, a cookie name): the fields cannot run
    // into each other.
    mac.update(R::SITE.as_bytes());
    mac.update(b"\0");
    mac.update(R::CONSENT_COOKIE.name().as_bytes());
    mac.update(b"\0");
    mac.update(body.as_bytes());
    mac
}

/// What the MAC of a consent cookie covers first: its purpose.
#[cfg(feature = "signed")]
const MAC_LABEL: &[u8] = b"cookie-decl consent cookie v2\0";

/// The checksum of a value's body: 64-bit FNV-1a, seeded so that it is not
/// the plain hash of the text. It catches edits and corruption, not
/// forgery (that is the signature's job).
fn checksum(body: &str) -> u64 {
    body.bytes().fold(0x6c62_272e_07bb_0142_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A canonical decimal `u64`: digits only, no leading zero, no overflow.
fn decimal(text: &str) -> Option<u64> {
    let canonical = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    if canonical { text.parse().ok() } else { None }
}

/// Exactly `2 * N` lowercase hex digits.
fn hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let digits = text.as_bytes();
    if digits.len() != 2 * N {
        return None;
    }
    let mut bytes = [0; N];
    for (byte, pair) in bytes.iter_mut().zip(digits.chunks_exact(2)) {
        *byte = (nibble(pair[0])? << 4) | nibble(pair[1])?;
    }
    Some(bytes)
}

fn nibble(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        _ => None,
    }
}

/// A consent cookie value that this application did not write.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # use cookie_decl::declare_cookies;
/// use cookie_decl::consent::{ConsentCookie, ConsentError};
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     necessary {
/// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
/// #                   max_age: 6 months, stores_consent: true }
/// #     }
/// # }
/// let store = ConsentCookie::<Cookies>::unsigned();
/// assert_eq!(store.decode("yes"), Err(ConsentError::Malformed));
/// assert_eq!(store.decode("2.7.0.x.y"), Err(ConsentError::UnknownVersion));
/// assert_eq!(store.decode("1.7.0.x.0000000000000000"), Err(ConsentError::Checksum));
/// assert_eq!(
///     ConsentError::Malformed.to_string(),
///     "the consent cookie's value is not in the form this application writes",
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConsentError {
    /// Not in the form `1.{granted}.{at}.{id}.{fingerprint}.{checksum}`,
    /// or a part is not in its canonical form.
    Malformed,
    /// In the right form, but its checksum does not match: edited or
    /// corrupted.
    Checksum,
    /// Written in a format version this version of the crate does not read.
    UnknownVersion,
    /// Missing, or not signed with the application's key.
    Signature,
    /// Dated more than an hour in the future.
    FutureTime,
}

impl fmt::Display for ConsentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ConsentError::Malformed => {
                "the consent cookie's value is not in the form this application writes"
            }
            ConsentError::Checksum => {
                "the consent cookie's value was edited: its checksum does not match"
            }
            ConsentError::UnknownVersion => {
                "the consent cookie's value is in a format version this application does not read"
            }
            ConsentError::Signature => {
                "the consent cookie's signature is missing or does not verify with the \
                 application's key"
            }
            ConsentError::FutureTime => "the consent cookie's choice is dated in the future",
        })
    }
}

impl std::error::Error for ConsentError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_the_canonical_form() {
        let id = "0123456789abcdef0123456789abcdef";
        let choice = StoredChoice::parse(&format!("1.5.1764064800.{id}.00000000000000ff")).unwrap();
        assert_eq!(choice.at, 1_764_064_800);
        assert_eq!(choice.fingerprint, 0xff);
        assert_eq!(choice.id.to_string(), id);
        assert_eq!(choice.granted.bits(), 5);
        assert_eq!(StoredChoice::parse(&choice.encode()), Ok(choice));

        for bad in [
            "1".to_owned(),
            String::new(),
            "1.5".to_owned(),
            format!("1.8.1764064800.{id}.00000000000000ff"),
            format!("1.55.1764064800.{id}.00000000000000ff"),
            format!("1.5.01764064800.{id}.00000000000000ff"),
            format!("1.5.+1764064800.{id}.00000000000000ff"),
            format!("1.5.99999999999999999999.{id}.00000000000000ff"),
            format!("1.5.1764064800.{}.00000000000000ff", id.to_uppercase()),
            format!("1.5.1764064800.{id}0.00000000000000ff"),
            format!("1.5.1764064800.{id}.00000000000000f"),
            format!("1.5.1764064800.{id}.00000000000000ff."),
            format!("1.5.1764064800.{id}.00000000000000ff.x"),
            format!("1.5.1764064800.{id}.00000000000000f\u{e9}"),
            format!(" 1.5.1764064800.{id}.00000000000000ff"),
        ] {
            assert_eq!(
                StoredChoice::parse(&bad),
                Err(ConsentError::Malformed),
                "{bad:?}"
            );
        }
        assert_eq!(
            StoredChoice::parse(&format!("12.5.1.{id}.00000000000000ff")),
            Err(ConsentError::UnknownVersion)
        );
    }

    #[cfg(feature = "signed")]
    crate::declare_cookies! {
        /// A site whose consent cookie is `__Host-` and lives 6 months.
        pub struct Site { site: "https://data.example.fr" }
        necessary {
            "__Host-consent" as CONSENT {
                provider: "Example", service: "Consent", purpose: "Remember the choice.",
                max_age: 6 months, stores_consent: true,
            }
        }
        marketing {
            ad {
                provider: "Example", service: "Ads", purpose: "Measure campaigns.",
                max_age: 3 months, same_site: None, partitioned: true,
            }
        }
    }

    #[cfg(feature = "signed")]
    #[test]
    fn the_resealed_line_is_the_resealed_cookie_written() {
        use crate::consent::CategorySet;
        use cookie::Key;

        let (old, new) = (Key::from(&[1; 64]), Key::from(&[2; 64]));
        let day = 24 * 60 * 60;
        let then = UNIX_EPOCH + std::time::Duration::from_secs(1_795_600_800);
        let now = then + std::time::Duration::from_secs(40 * day);
        let id = RecordId::from_bytes([7; 16]);
        let recorded =
            ConsentCookie::<Site>::signed(old.clone()).record_at("", CategorySet::ALL, then, id);
        let pair = recorded.set_cookies()[0].stripped().to_string();
        let store = ConsentCookie::<Site>::signed(new).previous_keys([old]);
        let consent = store.read_at(pair.as_str(), now);
        assert!(consent.needs_resealing());

        let cookie = store.resealed_at(&consent, now).expect("resealed");
        assert_eq!(cookie.max_age(), Some(Duration::days(6 * 30 - 40)));
        let line = store.resealed_line_at(&consent, now).expect("resealed");
        assert_eq!(line, cookie.to_string());
        assert!(line.starts_with("__Host-consent=1.4."), "{line}");
        assert!(line.ends_with("; Max-Age=12096000"), "{line}");
        assert_eq!(store.resealed_line_at(recorded.consent(), now), None);
    }

    #[test]
    fn parent_domains_of_the_site() {
        assert_eq!(
            parent_domains("https://data.example.fr/portal"),
            ["data.example.fr", "example.fr"]
        );
        assert_eq!(parent_domains("https://example.fr:8443"), ["example.fr"]);
        assert_eq!(parent_domains("http://127.0.0.1:3000"), Vec::<&str>::new());
        assert_eq!(parent_domains("http://[::1]/"), Vec::<&str>::new());
        assert_eq!(parent_domains("http://localhost"), Vec::<&str>::new());
    }
}

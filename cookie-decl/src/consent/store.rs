use core::fmt;
use core::marker::PhantomData;
use std::collections::HashSet;
use std::time::{SystemTime, UNIX_EPOCH};

use cookie::Cookie;
use cookie::time::Duration;

use super::{CategorySet, Consent, ConsentRecord, ConsentRegistry, NotAsked, RequestCookies};

/// The version of the consent cookie's value format.
const FORMAT_VERSION: &str = "1";

/// How far in the future a choice may be dated before it counts as forged:
/// the clocks of two servers of one site may differ a little.
const CLOCK_SKEW: u64 = 60 * 60;

/// The consent cookie of registry `R` (the cookie it marks
/// `stores_consent: true`): reads a visitor's [`Consent`] from a request,
/// and records a new choice.
///
/// The cookie's value holds the categories granted, the time of the choice,
/// the random id of its [`ConsentRecord`] and `R`'s fingerprint, a hash of
/// every declared cookie's name, category, provider, purpose and lifetime
/// computed at compile time, then a checksum of all that:
///
/// ```text
/// 1.6.1764064800.5f0c3e0e2a9d4b7c8e1f6a2b3c4d5e6f.9c1a0e4b7d2f3a61.0b3e5a7c9d1f2e4a
/// | | |          |                                |                |
/// | | |          id of the record                 fingerprint      checksum
/// | | time of the choice (Unix seconds)
/// | categories granted: 1 preferences + 2 statistics + 4 marketing
/// format version
/// ```
///
/// The checksum catches an edited or corrupted value (a visitor who turns
/// the `0` of a refusal into a `7`), not a forger who computes it: this
/// crate's source is public. With the `signed` feature,
/// `ConsentCookie::signed` prefixes an HMAC-SHA256 of the value made with
/// the application's key (the `cookie` crate's signed jar), which nobody
/// without the key can forge: use it where the choice must be provably the
/// visitor's own. A value that does not verify reads as not asked.
///
/// Keep one per application (in its state) and use it for every request.
///
/// ```
/// use cookie_decl::{declare_cookies, Category};
/// use cookie_decl::consent::{CategorySet, ConsentCookie};
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
/// let store = ConsentCookie::<Cookies>::unsigned();
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
    registry: PhantomData<fn() -> R>,
}

impl<R: ConsentRegistry> ConsentCookie<R> {
    /// A consent cookie stored as is. A visitor can edit it, which grants
    /// nothing that the visitor could not grant from the banner; use
    /// `ConsentCookie::signed` (feature `signed`) where the record must be the
    /// visitor's own click.
    pub const fn unsigned() -> Self {
        ConsentCookie {
            #[cfg(feature = "signed")]
            key: None,
            registry: PhantomData,
        }
    }

    /// A consent cookie signed with `key` (HMAC-SHA256, by the `cookie`
    /// crate's signed jar). A value that is not signed with `key` reads as
    /// [`NotAsked::Invalid`].
    ///
    /// ```
    /// # use cookie_decl::declare_cookies;
    /// use cookie_decl::cookie::Key;
    /// use cookie_decl::consent::{CategorySet, ConsentCookie, ConsentError, NotAsked};
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
    /// #                   max_age: 6 months, stores_consent: true }
    /// #     }
    /// # }
    /// let key = Key::generate();
    /// let store = ConsentCookie::<Cookies>::signed(key);
    /// let recorded = store.record("", CategorySet::ALL);
    /// let value = recorded.set_cookies()[0].value().to_owned();
    /// assert!(store.read(format!("consent={value}").as_str()).is_given());
    ///
    /// // The same choice, unsigned: not the application's.
    /// let unsigned = &value[44..];
    /// assert_eq!(
    ///     store.read(format!("consent={unsigned}").as_str()).not_asked_reason(),
    ///     Some(NotAsked::Invalid(ConsentError::Signature)),
    /// );
    /// ```
    #[cfg(feature = "signed")]
    pub fn signed(key: cookie::Key) -> Self {
        ConsentCookie {
            key: Some(key),
            registry: PhantomData,
        }
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
        let Some(raw) = cookies.get(R::CONSENT_COOKIE.name()) else {
            return Consent::not_asked();
        };
        let choice = match self.decode(raw) {
            Ok(choice) => choice,
            Err(error) => return Consent::not_asked_because(NotAsked::Invalid(error)),
        };
        let now = unix_seconds(now);
        if choice.fingerprint != R::FINGERPRINT {
            Consent::not_asked_because(NotAsked::DeclarationChanged)
        } else if choice.at > now.saturating_add(CLOCK_SKEW) {
            Consent::not_asked_because(NotAsked::Invalid(ConsentError::FutureTime))
        } else if now.saturating_sub(choice.at) > R::RETENTION_SECONDS {
            Consent::not_asked_because(NotAsked::Expired)
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
    pub fn decode(&self, raw: &str) -> Result<StoredChoice, ConsentError> {
        let decoded = crate::value::decode_value(raw).map_err(|_| ConsentError::Malformed)?;
        let raw = decoded.as_ref();
        #[cfg(feature = "signed")]
        if let Some(key) = &self.key {
            let verified = cookie::CookieJar::new()
                .signed(key)
                .verify(Cookie::new(R::CONSENT_COOKIE.name(), raw.to_owned()))
                .ok_or(ConsentError::Signature)?;
            return StoredChoice::parse(verified.value());
        }
        StoredChoice::parse(raw)
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
    /// Removals: every first-party cookie of each category not granted,
    /// whatever the previous choice (a cookie may outlive an expired or
    /// tampered choice), with its declared `Path`, `Domain`, `Secure`,
    /// `SameSite`, `HttpOnly` and `Partitioned`, once each; and for the
    /// `extern` cookies of those categories, a removal of each one the
    /// request carries (names that match `_ga_*`, say), with the `domain`
    /// and `path` declared for it. `necessary` cookies and
    /// `consent_exempt` audience cookies are kept.
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
        let value = StoredChoice {
            granted,
            at,
            id,
            fingerprint: R::FINGERPRINT,
        }
        .encode();
        let mut set_cookies = vec![self.sign(R::CONSENT_COOKIE.cookie(value))];
        let refused = asked.difference(granted);
        let mut sent = HashSet::new();
        for spec in R::COOKIES {
            if !spec.needs_consent() || !refused.contains(spec.category()) {
                continue;
            }
            if let Some(declared) = spec.declared() {
                if sent.insert((spec.name(), spec.path(), spec.domain())) {
                    set_cookies.push(declared.removal());
                }
                continue;
            }
            for (name, _) in cookies.iter() {
                if spec.matches(name) && sent.insert((name, spec.path(), spec.domain())) {
                    set_cookies.push(external_removal(name, spec));
                }
            }
        }
        let record = ConsentRecord::new::<R>(id, at, granted, asked, previous.granted());
        Recorded {
            consent: Consent::given(granted, at, id),
            set_cookies,
            record,
        }
    }

    #[cfg_attr(not(feature = "signed"), allow(clippy::unused_self))]
    fn sign(&self, cookie: Cookie<'static>) -> Cookie<'static> {
        #[cfg(feature = "signed")]
        if let Some(key) = &self.key {
            let name = cookie.name().to_owned();
            let mut jar = cookie::CookieJar::new();
            jar.signed_mut(key).add(cookie.clone());
            return jar.get(&name).cloned().unwrap_or(cookie);
        }
        cookie
    }
}

impl<R: ConsentRegistry> Clone for ConsentCookie<R> {
    fn clone(&self) -> Self {
        ConsentCookie {
            #[cfg(feature = "signed")]
            key: self.key.clone(),
            registry: PhantomData,
        }
    }
}

impl<R: ConsentRegistry> fmt::Debug for ConsentCookie<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        #[cfg(feature = "signed")]
        let signed = self.key.is_some();
        #[cfg(not(feature = "signed"))]
        let signed = false;
        f.debug_struct("ConsentCookie")
            .field("registry", &core::any::type_name::<R>())
            .field("signed", &signed)
            .finish()
    }
}

/// The removal of `name`, a cookie that another party set and the
/// declaration `spec` (maybe a pattern) describes: where that party puts it
/// (`domain`, `path` of the declaration) and `Secure`, which a removal of a
/// `Secure`, `__Secure-`, `__Host-` or `SameSite=None` cookie needs and any
/// other accepts over HTTPS.
fn external_removal(name: &str, spec: &crate::CookieSpec) -> Cookie<'static> {
    let mut removal = Cookie::new(name.to_owned(), "");
    removal.set_path(spec.path());
    if let Some(domain) = spec.domain() {
        removal.set_domain(domain);
    }
    removal.set_secure(true);
    removal.set_max_age(Duration::ZERO);
    removal
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
    /// `1.{granted}.{at}.{id}.{fingerprint}.{checksum}`.
    fn encode(&self) -> String {
        let body = format!(
            "{FORMAT_VERSION}.{}.{}.{}.{:016x}",
            self.granted.bits(),
            self.at,
            self.id,
            self.fingerprint
        );
        let checksum = checksum(&body);
        format!("{body}.{checksum:016x}")
    }

    /// Reads what [`encode`](StoredChoice::encode) writes, each part in
    /// exactly the form it gives it, under a checksum that matches:
    /// anything else is refused, so that an edited value cannot be read as
    /// some other choice.
    fn parse(raw: &str) -> Result<StoredChoice, ConsentError> {
        let (body, sum) = raw.rsplit_once('.').ok_or(ConsentError::Malformed)?;
        if body.split('.').next() != Some(FORMAT_VERSION) {
            let version = body.split('.').next().unwrap_or("");
            return Err(
                if !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit()) {
                    ConsentError::UnknownVersion
                } else {
                    ConsentError::Malformed
                },
            );
        }
        let sum = hex::<8>(sum)
            .map(u64::from_be_bytes)
            .ok_or(ConsentError::Malformed)?;
        if sum != checksum(body) {
            return Err(ConsentError::Checksum);
        }
        let mut parts = body.split('.');
        let mut next = || parts.next().ok_or(ConsentError::Malformed);
        let version = next()?;
        if version != FORMAT_VERSION {
            return Err(
                if !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit()) {
                    ConsentError::UnknownVersion
                } else {
                    ConsentError::Malformed
                },
            );
        }
        let granted = match next()?.as_bytes() {
            [digit @ b'0'..=b'7'] => CategorySet::from_bits(digit - b'0'),
            _ => None,
        }
        .ok_or(ConsentError::Malformed)?;
        let at = decimal(next()?).ok_or(ConsentError::Malformed)?;
        let id = hex::<16>(next()?)
            .map(RecordId)
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

/// The id of a recorded choice: 128 bits, shown as 32 hex digits.
///
/// It ties the consent cookie a visitor carries to the
/// [`ConsentRecord`] the application kept. It is unique, not secret.
///
/// ```
/// use cookie_decl::consent::RecordId;
///
/// let id = RecordId::from_bytes([0xab; 16]);
/// assert_eq!(id.to_string(), "abababababababababababababababab");
/// assert_ne!(RecordId::random(), RecordId::random());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordId([u8; 16]);

impl RecordId {
    /// A fresh id. Its bits come from the standard library's randomly keyed
    /// SipHash (keys drawn from the operating system), over a process-wide
    /// counter and the time: unique and unpredictable, without another
    /// dependency.
    pub fn random() -> RecordId {
        use std::hash::{BuildHasher, Hasher};
        use std::sync::atomic::{AtomicU64, Ordering};

        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let count = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_nanos());
        let half = |lane: u8| {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_u8(lane);
            hasher.write_u64(count);
            hasher.write_u128(nanos);
            hasher.finish().to_be_bytes()
        };
        let mut bytes = [0; 16];
        bytes[..8].copy_from_slice(&half(0));
        bytes[8..].copy_from_slice(&half(1));
        RecordId(bytes)
    }

    /// The id with these bits (an id your application made).
    pub const fn from_bytes(bytes: [u8; 16]) -> RecordId {
        RecordId(bytes)
    }

    /// Its bits.
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RecordId({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_the_canonical_form() {
        let id = "0123456789abcdef0123456789abcdef";
        let sealed = |body: &str| format!("{body}.{:016x}", checksum(body));
        let choice =
            StoredChoice::parse(&sealed(&format!("1.5.1764064800.{id}.00000000000000ff"))).unwrap();
        assert_eq!(choice.at, 1_764_064_800);
        assert_eq!(choice.fingerprint, 0xff);
        assert_eq!(choice.id.to_string(), id);
        assert_eq!(choice.granted.bits(), 5);
        assert_eq!(StoredChoice::parse(&choice.encode()), Ok(choice));

        // Each of these has a matching checksum: the form alone refuses it.
        for bad in [
            "1".to_owned(),
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
            format!("1.5.1764064800.{id}.00000000000000fé"),
        ] {
            assert_eq!(
                StoredChoice::parse(&sealed(&bad)),
                Err(ConsentError::Malformed),
                "{bad:?}"
            );
        }
        for bad in [
            "",
            "1.5",
            " 1.5.1.x.y.0000000000000000",
            "1.5.1.x.y.000000000000000g",
        ] {
            assert_eq!(
                StoredChoice::parse(bad),
                Err(ConsentError::Malformed),
                "{bad:?}"
            );
        }
        assert_eq!(
            StoredChoice::parse(&sealed(&format!("12.5.1.{id}.00000000000000ff"))),
            Err(ConsentError::UnknownVersion)
        );
    }
}

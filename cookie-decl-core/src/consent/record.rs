use core::fmt;
use core::str::FromStr;
use std::borrow::Cow;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{CategorySet, ConsentRegistry};

/// The proof of one choice: what the application keeps to show, later,
/// that the visitor consented (GDPR article 7(1): "the controller shall be
/// able to demonstrate that the data subject has consented").
///
/// The CNIL (deliberation 2020-092) expects an operator to be able to
/// prove, for each choice: **when** it was made, **what** was chosen,
/// category by category, **how** (accept all, refuse all, customised; a
/// withdrawal when it takes back a yes) and **on which information**:
/// here the fingerprint of the declaration (every cookie's name,
/// category, provider, purpose and lifetime, every tag's and embed's
/// provider, service, category and cookies, and the Consent Mode
/// mapping), the version of the charte
/// and the version of the banner's wording the visitor was shown. Keep
/// records in a [`ProofStore`](super::proof::ProofStore), which also
/// keeps the text each version hash stands for.
/// Keep the records, with the source code of each declaration version,
/// as long as the cookies they allowed may be in use and you may be asked
/// to prove it; a choice is renewed at the latest after the registry's
/// `consent_retention`. The record holds no personal data of its own: the
/// id ties it to the visitor's consent cookie, nothing else.
///
/// `Display` gives one log line; [`to_json`](ConsentRecord::to_json) one
/// JSON object (what the proof stores keep and export), which
/// [`from_json`](ConsentRecord::from_json) reads back; with the `serde`
/// feature it serialises to the same fields.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # use cookie_decl::declare_cookies;
/// use std::time::{Duration, UNIX_EPOCH};
/// use cookie_decl::Category;
/// use cookie_decl::consent::{CategorySet, ConsentCookie, RecordId};
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
/// let now = UNIX_EPOCH + Duration::from_secs(1_764_064_800);
/// let id = RecordId::from_bytes([7; 16]);
/// let recorded = ConsentCookie::<Cookies>::unsigned()
///     .record_at("", CategorySet::from(Category::Statistics), now, id);
/// let record = recorded.record();
/// assert_eq!(record.granted(), CategorySet::from(Category::Statistics));
/// assert!(record.to_string().starts_with(
///     "consent 07070707070707070707070707070707 at 2025-11-25T10:00:00Z on https://example.fr: \
///      accept_all; granted statistics; refused none; withdrawn none; declaration ",
/// ));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentRecord {
    pub(crate) id: RecordId,
    pub(crate) at: u64,
    pub(crate) site: Cow<'static, str>,
    pub(crate) fingerprint: u64,
    pub(crate) charte_version: u64,
    pub(crate) banner_version: u64,
    pub(crate) method: ChoiceMethod,
    pub(crate) gpc: bool,
    pub(crate) granted: CategorySet,
    pub(crate) refused: CategorySet,
    pub(crate) withdrawn: CategorySet,
}

/// How a visitor made a choice: which of the consent form's buttons it
/// amounts to.
///
/// A choice that grants every category the site asks for is
/// [`AcceptAll`](ChoiceMethod::AcceptAll), one that grants none
/// [`RefuseAll`](ChoiceMethod::RefuseAll), whichever button was pressed
/// (ticking every box and saving is accepting all); anything between is
/// [`Customised`](ChoiceMethod::Customised). A choice that takes back a
/// yes is also a withdrawal: [`ConsentRecord::withdrawn`] says which
/// categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChoiceMethod {
    /// Every category the site asks for granted ("Tout accepter").
    AcceptAll,
    /// Every category refused ("Tout refuser").
    RefuseAll,
    /// Some categories granted, others refused ("Enregistrer mes choix").
    Customised,
}

impl ChoiceMethod {
    /// What a choice of `granted` among `asked` amounts to.
    pub(crate) fn of(granted: CategorySet, asked: CategorySet) -> ChoiceMethod {
        if granted.intersection(asked).is_empty() {
            ChoiceMethod::RefuseAll
        } else if asked.difference(granted).is_empty() {
            ChoiceMethod::AcceptAll
        } else {
            ChoiceMethod::Customised
        }
    }

    /// Its name in the proof: `accept_all`, `refuse_all` or `customised`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ChoiceMethod::AcceptAll => "accept_all",
            ChoiceMethod::RefuseAll => "refuse_all",
            ChoiceMethod::Customised => "customised",
        }
    }

    fn from_name(name: &str) -> Option<ChoiceMethod> {
        [
            ChoiceMethod::AcceptAll,
            ChoiceMethod::RefuseAll,
            ChoiceMethod::Customised,
        ]
        .into_iter()
        .find(|method| method.as_str() == name)
    }
}

impl fmt::Display for ChoiceMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ConsentRecord {
    pub(crate) fn new<R: ConsentRegistry>(
        id: RecordId,
        at: u64,
        granted: CategorySet,
        asked: CategorySet,
        previously: CategorySet,
    ) -> ConsentRecord {
        ConsentRecord {
            id,
            at,
            site: Cow::Borrowed(R::SITE),
            fingerprint: R::FINGERPRINT,
            charte_version: R::CHARTE_VERSION,
            banner_version: R::BANNER_VERSION,
            method: ChoiceMethod::of(granted, asked),
            gpc: false,
            granted,
            refused: asked.difference(granted),
            withdrawn: previously.intersection(asked).difference(granted),
        }
    }

    /// The id the visitor's consent cookie carries.
    pub fn id(&self) -> RecordId {
        self.id
    }

    /// When the choice was made.
    pub fn time(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(self.at)
    }

    /// When the choice was made, in seconds since the Unix epoch.
    pub fn unix_time(&self) -> u64 {
        self.at
    }

    /// The site, as declared in `site:`.
    pub fn site(&self) -> &str {
        &self.site
    }

    /// The fingerprint of the declaration the visitor chose on.
    pub fn declaration(&self) -> u64 {
        self.fingerprint
    }

    /// The version of the charte the visitor was shown: a hash of its
    /// French and English texts, computed at compile time.
    pub fn charte_version(&self) -> u64 {
        self.charte_version
    }

    /// The version of the banner's and the preferences page's wording the
    /// visitor was shown: a hash of their French and English templates,
    /// computed at compile time ([`ConsentRegistry::BANNER_VERSION`]).
    pub fn banner_version(&self) -> u64 {
        self.banner_version
    }

    /// How the choice was made.
    pub fn method(&self) -> ChoiceMethod {
        self.method
    }

    /// Whether the request that made the choice carried the Global Privacy
    /// Control signal (`Sec-GPC: 1`): the categories it refuses were
    /// refused with the browser's signal on (see
    /// [`Recorded::noting_gpc`](super::Recorded::noting_gpc)).
    pub fn global_privacy_control(&self) -> bool {
        self.gpc
    }

    /// Whether the choice takes back a yes the visitor had given.
    pub fn is_withdrawal(&self) -> bool {
        !self.withdrawn.is_empty()
    }

    /// The categories the site asked for and the visitor said yes to.
    pub fn granted(&self) -> CategorySet {
        self.granted
    }

    /// The categories the site asked for and the visitor said no to.
    pub fn refused(&self) -> CategorySet {
        self.refused
    }

    /// The categories granted by the visitor's previous choice and refused
    /// by this one: a withdrawal.
    pub fn withdrawn(&self) -> CategorySet {
        self.withdrawn
    }
}

impl ConsentRecord {
    /// The record as one JSON object on one line, with the fields
    /// `id`, `time` (RFC 3339, UTC), `unix_time`, `site`, `declaration`,
    /// `charte_version`, `banner_version` (16 hex digits each), `method`,
    /// `global_privacy_control`, `withdrawal`, and `granted`, `refused`,
    /// `withdrawn` (arrays of category names): what the proof stores keep
    /// and export.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(320);
        out.push_str("{\"id\":\"");
        out.push_str(&self.id.to_string());
        out.push_str("\",\"time\":\"");
        out.push_str(&Rfc3339(self.at).to_string());
        out.push_str("\",\"unix_time\":");
        out.push_str(&self.at.to_string());
        out.push_str(",\"site\":");
        super::proof::json::write_string(&mut out, &self.site);
        for (key, hash) in [
            ("declaration", self.fingerprint),
            ("charte_version", self.charte_version),
            ("banner_version", self.banner_version),
        ] {
            out.push_str(",\"");
            out.push_str(key);
            out.push_str("\":\"");
            out.push_str(&format!("{hash:016x}"));
            out.push('"');
        }
        out.push_str(",\"method\":\"");
        out.push_str(self.method.as_str());
        out.push_str("\",\"global_privacy_control\":");
        out.push_str(if self.gpc { "true" } else { "false" });
        out.push_str(",\"withdrawal\":");
        out.push_str(if self.is_withdrawal() {
            "true"
        } else {
            "false"
        });
        for (key, set) in [
            ("granted", self.granted),
            ("refused", self.refused),
            ("withdrawn", self.withdrawn),
        ] {
            out.push_str(",\"");
            out.push_str(key);
            out.push_str("\":[");
            for (i, category) in set.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('"');
                out.push_str(category.as_str());
                out.push('"');
            }
            out.push(']');
        }
        out.push('}');
        out
    }

    /// Reads what [`to_json`](ConsentRecord::to_json) wrote, and nothing
    /// else: a missing, unknown or inconsistent field (a `time` that is
    /// not `unix_time`, a category both granted and refused) is `None`.
    pub fn from_json(text: &str) -> Option<ConsentRecord> {
        use super::proof::json::Fields;

        let mut fields = Fields::read(text)?;
        let hash = |text: String| {
            (text.len() == 16 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
                .then(|| u64::from_str_radix(&text, 16).ok())
                .flatten()
        };
        let set = |names: Vec<String>| {
            let mut set = CategorySet::NONE;
            for name in names {
                let category = CategorySet::CHOOSABLE
                    .into_iter()
                    .find(|category| category.as_str() == name)?;
                if set.contains(category) {
                    return None;
                }
                set = set.with(category);
            }
            Some(set)
        };
        let id = fields.string("id")?.parse().ok()?;
        let time = fields.string("time")?;
        let at = fields.number("unix_time")?;
        let site = fields.string("site")?;
        let fingerprint = hash(fields.string("declaration")?)?;
        let charte_version = hash(fields.string("charte_version")?)?;
        let banner_version = hash(fields.string("banner_version")?)?;
        let method = ChoiceMethod::from_name(&fields.string("method")?)?;
        let gpc = fields.bool("global_privacy_control")?;
        let withdrawal = fields.bool("withdrawal")?;
        let granted = set(fields.strings("granted")?)?;
        let refused = set(fields.strings("refused")?)?;
        let withdrawn = set(fields.strings("withdrawn")?)?;
        let consistent = fields.is_empty()
            && time == Rfc3339(at).to_string()
            && granted.intersection(refused).is_empty()
            && withdrawn.difference(refused).is_empty()
            && withdrawal != withdrawn.is_empty();
        consistent.then_some(ConsentRecord {
            id,
            at,
            site: Cow::Owned(site),
            fingerprint,
            charte_version,
            banner_version,
            method,
            gpc,
            granted,
            refused,
            withdrawn,
        })
    }
}

impl fmt::Display for ConsentRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "consent {} at {} on {}: {}; granted {}; refused {}; withdrawn {}; declaration \
             {:016x}; charte {:016x}; banner {:016x}",
            self.id,
            Rfc3339(self.at),
            self.site,
            self.method,
            self.granted,
            self.refused,
            self.withdrawn,
            self.fingerprint,
            self.charte_version,
            self.banner_version,
        )
    }
}

/// The id of a recorded choice: 128 bits, shown as 32 hex digits.
///
/// It ties the consent cookie a visitor carries to the
/// [`ConsentRecord`] the application kept. It is unique, not secret.
/// [`random`](RecordId::random) lays it out as a UUID version 7: the time
/// in milliseconds, then 74 random bits, so that ids sort by time and a
/// proof store finds a record from its id without an index of every id.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::consent::RecordId;
///
/// let id = RecordId::from_bytes([0xab; 16]);
/// assert_eq!(id.to_string(), "abababababababababababababababab");
/// assert_eq!("abababababababababababababababab".parse(), Ok(id));
/// assert_ne!(RecordId::random(), RecordId::random());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordId([u8; 16]);

impl RecordId {
    /// A fresh id: the time in milliseconds (48 bits), the UUID version
    /// and variant (6 bits), and 74 bits from the operating system's
    /// random source (`/dev/urandom` on Unix, the `getrandom` crate
    /// elsewhere; see [`RandomError`](crate::consent::RandomError)).
    ///
    /// Should the operating system give none (a chroot without
    /// `/dev/urandom`, say), the random bits are made of the time in
    /// nanoseconds, the process id and a process-wide counter instead:
    /// still unique, no longer unpredictable, which an id need not be (it
    /// is not a secret), and a choice is never refused for want of
    /// randomness.
    pub fn random() -> RecordId {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let mut bytes = [0; 16];
        if crate::random::fill(&mut bytes).is_err() {
            use std::sync::atomic::{AtomicU32, Ordering};
            static COUNTER: AtomicU32 = AtomicU32::new(0);
            bytes[6..10].copy_from_slice(&(now.subsec_nanos()).to_be_bytes());
            bytes[10..12].copy_from_slice(&(std::process::id() as u16).to_be_bytes());
            bytes[12..].copy_from_slice(&COUNTER.fetch_add(1, Ordering::Relaxed).to_be_bytes());
        }
        let millis = (now.as_millis() as u64) & ((1 << 48) - 1);
        bytes[..6].copy_from_slice(&millis.to_be_bytes()[2..]);
        bytes[6] = 0x70 | (bytes[6] & 0x0f);
        bytes[8] = 0x80 | (bytes[8] & 0x3f);
        RecordId(bytes)
    }

    /// The time a [`random`](RecordId::random) id was made at, in
    /// milliseconds since the Unix epoch; `None` for an id that is not laid
    /// out as a UUID version 7.
    pub fn unix_millis(&self) -> Option<u64> {
        let version_7 = self.0[6] >> 4 == 7 && self.0[8] >> 6 == 0b10;
        let mut millis = [0; 8];
        millis[2..].copy_from_slice(&self.0[..6]);
        version_7.then_some(u64::from_be_bytes(millis))
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

/// The error of parsing a [`RecordId`] that is not 32 lowercase hex
/// digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordIdError;

impl fmt::Display for RecordIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record id is 32 lowercase hex digits")
    }
}

impl std::error::Error for RecordIdError {}

impl FromStr for RecordId {
    type Err = RecordIdError;

    /// Reads the 32 lowercase hex digits `Display` writes.
    fn from_str(text: &str) -> Result<RecordId, RecordIdError> {
        let digits = text.as_bytes();
        if digits.len() != 32 {
            return Err(RecordIdError);
        }
        let digit = |b: u8| match b {
            b'0'..=b'9' => Ok(b - b'0'),
            b'a'..=b'f' => Ok(b - b'a' + 10),
            _ => Err(RecordIdError),
        };
        let mut bytes = [0; 16];
        for (byte, pair) in bytes.iter_mut().zip(digits.chunks_exact(2)) {
            *byte = digit(pair[0])? << 4 | digit(pair[1])?;
        }
        Ok(RecordId(bytes))
    }
}

impl fmt::Debug for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RecordId({self})")
    }
}

/// Seconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ` (UTC).
pub(crate) struct Rfc3339(pub(crate) u64);

impl fmt::Display for Rfc3339 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0 / 86_400;
        let seconds = self.0 % 86_400;
        // Howard Hinnant's `civil_from_days`, for days since 1970-01-01.
        let z = days + 719_468;
        let era = z / 146_097;
        let day_of_era = z % 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + u64::from(month <= 2);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        )
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ConsentRecord {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;

        let names = |set: CategorySet| set.iter().map(crate::Category::as_str).collect::<Vec<_>>();
        let mut s = serializer.serialize_struct("ConsentRecord", 13)?;
        s.serialize_field("id", &self.id.to_string())?;
        s.serialize_field("time", &Rfc3339(self.at).to_string())?;
        s.serialize_field("unix_time", &self.at)?;
        s.serialize_field("site", &*self.site)?;
        s.serialize_field("declaration", &format!("{:016x}", self.fingerprint))?;
        s.serialize_field("charte_version", &format!("{:016x}", self.charte_version))?;
        s.serialize_field("banner_version", &format!("{:016x}", self.banner_version))?;
        s.serialize_field("method", self.method.as_str())?;
        s.serialize_field("global_privacy_control", &self.gpc)?;
        s.serialize_field("withdrawal", &self.is_withdrawal())?;
        s.serialize_field("granted", &names(self.granted))?;
        s.serialize_field("refused", &names(self.refused))?;
        s.serialize_field("withdrawn", &names(self.withdrawn))?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::{RecordId, Rfc3339};

    #[test]
    fn formats_dates() {
        for (seconds, text) in [
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_764_064_800, "2025-11-25T10:00:00Z"),
            (4_107_542_399, "2100-02-28T23:59:59Z"),
            (4_107_542_400, "2100-03-01T00:00:00Z"),
        ] {
            assert_eq!(Rfc3339(seconds).to_string(), text);
        }
    }

    #[test]
    fn record_ids_are_fresh() {
        let before = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64;
        let ids: Vec<RecordId> = (0..1000).map(|_| RecordId::random()).collect();
        let after = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64;
        assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 1000);
        for id in &ids {
            let millis = id.unix_millis().unwrap();
            assert!((before..=after).contains(&millis), "{id}");
            assert_eq!(id.to_string().parse(), Ok(*id));
        }
        assert_eq!(RecordId::from_bytes([7; 16]).unix_millis(), None);
    }
}

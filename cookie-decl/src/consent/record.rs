use core::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{CategorySet, ConsentRegistry};

/// The proof of one choice: what the application keeps to show, later,
/// that the visitor consented (GDPR article 7(1): "the controller shall be
/// able to demonstrate that the data subject has consented").
///
/// The CNIL (deliberation 2020-092) expects an operator to be able to
/// prove, for each choice: **when** it was made, **what** was chosen,
/// category by category, and **on which information**: here the
/// fingerprint of the declaration (every cookie's name, category,
/// provider, purpose and lifetime) and the version of the charte shown.
/// Keep the records, with the source code of each declaration version,
/// as long as the cookies they allowed may be in use and you may be asked
/// to prove it; a choice is renewed at the latest after the registry's
/// `consent_retention`. The record holds no personal data of its own: the
/// id ties it to the visitor's consent cookie, nothing else.
///
/// `Display` gives one log line; with the `serde` feature it serialises as
/// `{"id", "time", "unix_time", "site", "declaration", "charte_version",
/// "granted", "refused", "withdrawn"}`, for a JSON-lines file or a table.
///
/// ```
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
///      granted statistics; refused none; withdrawn none; declaration ",
/// ));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentRecord {
    id: RecordId,
    at: u64,
    site: &'static str,
    fingerprint: u64,
    charte_version: u64,
    granted: CategorySet,
    refused: CategorySet,
    withdrawn: CategorySet,
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
            site: R::SITE,
            fingerprint: R::FINGERPRINT,
            charte_version: R::CHARTE_VERSION,
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
    pub fn site(&self) -> &'static str {
        self.site
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

impl fmt::Display for ConsentRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "consent {} at {} on {}: granted {}; refused {}; withdrawn {}; declaration {:016x}; \
             charte {:016x}",
            self.id,
            Rfc3339(self.at),
            self.site,
            self.granted,
            self.refused,
            self.withdrawn,
            self.fingerprint,
            self.charte_version,
        )
    }
}

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
    /// A fresh id: 128 bits from the operating system's random source
    /// (the `getrandom` crate).
    ///
    /// Should the operating system refuse (no platform this crate is built
    /// for does, once booted), the id is made of the time in nanoseconds,
    /// the process id and a process-wide counter instead: still unique, no
    /// longer unpredictable, which an id need not be (it is not a secret),
    /// and a choice is never refused for want of randomness.
    pub fn random() -> RecordId {
        let mut bytes = [0; 16];
        if getrandom::fill(&mut bytes).is_err() {
            use std::sync::atomic::{AtomicU32, Ordering};
            static COUNTER: AtomicU32 = AtomicU32::new(0);
            let nanos = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_nanos());
            bytes[..8].copy_from_slice(&(nanos as u64).to_be_bytes());
            bytes[8..12].copy_from_slice(&std::process::id().to_be_bytes());
            bytes[12..].copy_from_slice(&COUNTER.fetch_add(1, Ordering::Relaxed).to_be_bytes());
        }
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
        let mut s = serializer.serialize_struct("ConsentRecord", 9)?;
        s.serialize_field("id", &self.id.to_string())?;
        s.serialize_field("time", &Rfc3339(self.at).to_string())?;
        s.serialize_field("unix_time", &self.at)?;
        s.serialize_field("site", self.site)?;
        s.serialize_field("declaration", &format!("{:016x}", self.fingerprint))?;
        s.serialize_field("charte_version", &format!("{:016x}", self.charte_version))?;
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
        let ids: HashSet<RecordId> = (0..1000).map(|_| RecordId::random()).collect();
        assert_eq!(ids.len(), 1000);
    }
}

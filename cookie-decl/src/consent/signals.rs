//! What the server tells the browser's own consent machinery, and what the
//! browser tells it: Google Consent Mode v2 defaults for the visitor's
//! consent, and the Global Privacy Control signal.

use core::fmt;

use super::{CategorySet, Consent};
use crate::{Category, Registry};

/// Whether a request's `Sec-GPC` header value is the Global Privacy
/// Control signal: exactly `1` (surrounding spaces aside), as the GPC
/// specification defines it. Anything else (absent, `0`, garbage bytes)
/// is no signal.
///
/// Where it binds: in California (CCPA/CPRA regulations, § 7025) and a
/// growing list of US states, a business must treat it as a request to
/// opt out of the sale or sharing of personal data. In the EU and France
/// no text names it: consent needs a yes, so without one nothing that
/// needs consent is set anyway, and honouring GPC is a courtesy that
/// spares the visitor a question (and a site that asks only for
/// marketing, its banner).
///
/// ```
/// use cookie_decl::consent::gpc_signal;
///
/// assert!(gpc_signal(Some(b"1")));
/// assert!(gpc_signal(Some(b" 1 ")));
/// assert!(!gpc_signal(Some(b"0")));
/// assert!(!gpc_signal(Some(b"1, 1")));
/// assert!(!gpc_signal(None));
/// ```
pub fn gpc_signal(header: Option<&[u8]>) -> bool {
    header.is_some_and(|value| value.trim_ascii() == b"1")
}

/// A Google Consent Mode v2 storage type, as `gtag('consent', ...)` names
/// it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConsentSignal {
    /// `ad_storage`: cookies for advertising.
    AdStorage,
    /// `ad_user_data`: sending user data to Google for advertising.
    AdUserData,
    /// `ad_personalization`: personalised advertising (remarketing).
    AdPersonalization,
    /// `analytics_storage`: cookies for analytics.
    AnalyticsStorage,
    /// `functionality_storage`: storage for the site's functions, such as
    /// language settings.
    FunctionalityStorage,
    /// `personalization_storage`: storage for personalisation, such as
    /// recommendations.
    PersonalizationStorage,
    /// `security_storage`: storage for security, such as authentication
    /// and fraud prevention.
    SecurityStorage,
}

impl ConsentSignal {
    /// Every signal, in the order the snippet writes them.
    pub const ALL: [ConsentSignal; 7] = [
        ConsentSignal::AdStorage,
        ConsentSignal::AdUserData,
        ConsentSignal::AdPersonalization,
        ConsentSignal::AnalyticsStorage,
        ConsentSignal::FunctionalityStorage,
        ConsentSignal::PersonalizationStorage,
        ConsentSignal::SecurityStorage,
    ];

    /// Its key in `gtag('consent', ...)`.
    pub const fn key(self) -> &'static str {
        match self {
            ConsentSignal::AdStorage => "ad_storage",
            ConsentSignal::AdUserData => "ad_user_data",
            ConsentSignal::AdPersonalization => "ad_personalization",
            ConsentSignal::AnalyticsStorage => "analytics_storage",
            ConsentSignal::FunctionalityStorage => "functionality_storage",
            ConsentSignal::PersonalizationStorage => "personalization_storage",
            ConsentSignal::SecurityStorage => "security_storage",
        }
    }

    /// The category whose consent grants it by default: `marketing` for
    /// the three `ad_*` signals, `statistics` for `analytics_storage`,
    /// `preferences` for `functionality_storage` and
    /// `personalization_storage`, `necessary` (always granted) for
    /// `security_storage`.
    pub const fn default_category(self) -> Category {
        match self {
            ConsentSignal::AdStorage
            | ConsentSignal::AdUserData
            | ConsentSignal::AdPersonalization => Category::Marketing,
            ConsentSignal::AnalyticsStorage => Category::Statistics,
            ConsentSignal::FunctionalityStorage | ConsentSignal::PersonalizationStorage => {
                Category::Preferences
            }
            ConsentSignal::SecurityStorage => Category::Necessary,
        }
    }

    const fn index(self) -> usize {
        self as usize
    }
}

/// The Google Consent Mode v2 defaults for a visitor's consent: the inline
/// `<script>` to put in the page's `<head>` before any Google tag, so that
/// the tags start with the visitor's actual choice and nothing is stored
/// before a yes (no "denied, then updated" on every page).
///
/// Each [`ConsentSignal`] is `granted` when the visitor's consent allows
/// its category ([`ConsentSignal::default_category`], or what
/// [`map`](ConsentMode::map) says), `denied` otherwise; before a choice,
/// every signal but `security_storage` is denied. With `ad_storage`
/// denied, `ads_data_redaction` is set too. It writes `gtag` and
/// `dataLayer` as Google's documentation does, and nothing else.
///
/// ```
/// # use cookie_decl::declare_cookies;
/// use cookie_decl::consent::{self, ConsentCookie, ConsentSignal};
/// use cookie_decl::Category;
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     necessary {
/// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
/// #                   max_age: 6 months, stores_consent: true }
/// #     }
/// #     statistics {
/// #         extern "_ga_*" as GA { provider: "Google", service: "Analytics",
/// #                                purpose: "Count visits.", max_age: 13 months }
/// #     }
/// # }
/// let consent = ConsentCookie::<Cookies>::unsigned().read("");
/// let script = consent::consent_mode(&consent).nonce("r4nd0m").to_string();
/// assert!(script.starts_with("<script nonce=\"r4nd0m\">"));
/// assert!(script.contains("'analytics_storage':'denied'"));
/// assert!(script.contains("'security_storage':'granted'"));
/// // Map a signal to another category than its default.
/// let mode = consent::consent_mode(&consent).map(ConsentSignal::FunctionalityStorage, Category::Necessary);
/// assert!(mode.to_string().contains("'functionality_storage':'granted'"));
/// ```
pub struct ConsentMode<'a, R> {
    consent: &'a Consent<R>,
    mapping: [Category; 7],
    nonce: Option<&'a str>,
}

/// The Google Consent Mode v2 defaults for `consent`: see [`ConsentMode`].
pub fn consent_mode<R: Registry>(consent: &Consent<R>) -> ConsentMode<'_, R> {
    ConsentMode {
        consent,
        mapping: ConsentSignal::ALL.map(ConsentSignal::default_category),
        nonce: None,
    }
}

impl<'a, R: Registry> ConsentMode<'a, R> {
    /// Grants `signal` with consent to `category` instead of its default.
    #[must_use]
    pub fn map(mut self, signal: ConsentSignal, category: Category) -> Self {
        self.mapping[signal.index()] = category;
        self
    }

    /// The page's Content Security Policy nonce, for the `<script>`'s
    /// `nonce` attribute (HTML-escaped).
    #[must_use]
    pub fn nonce(mut self, nonce: &'a str) -> Self {
        self.nonce = Some(nonce);
        self
    }

    /// Whether `signal` is granted.
    pub fn granted(&self, signal: ConsentSignal) -> bool {
        self.consent.allows(self.mapping[signal.index()])
    }

    /// The categories whose consent some signal reads.
    pub fn categories(&self) -> CategorySet {
        self.mapping
            .iter()
            .fold(CategorySet::NONE, |set, &category| set.with(category))
    }
}

impl<R: Registry> fmt::Display for ConsentMode<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<script")?;
        if let Some(nonce) = self.nonce {
            f.write_str(" nonce=\"")?;
            for c in nonce.chars() {
                match c {
                    '&' => f.write_str("&amp;")?,
                    '"' => f.write_str("&quot;")?,
                    '<' => f.write_str("&lt;")?,
                    '>' => f.write_str("&gt;")?,
                    '\'' => f.write_str("&#39;")?,
                    c => fmt::Write::write_char(f, c)?,
                }
            }
            f.write_str("\"")?;
        }
        f.write_str(
            ">window.dataLayer=window.dataLayer||[];\
             function gtag(){dataLayer.push(arguments);}\
             gtag('consent','default',{",
        )?;
        for (i, signal) in ConsentSignal::ALL.into_iter().enumerate() {
            let value = if self.granted(signal) {
                "granted"
            } else {
                "denied"
            };
            let comma = if i == 0 { "" } else { "," };
            write!(f, "{comma}'{}':'{value}'", signal.key())?;
        }
        f.write_str("});")?;
        if !self.granted(ConsentSignal::AdStorage) {
            f.write_str("gtag('set','ads_data_redaction',true);")?;
        }
        f.write_str("</script>")
    }
}

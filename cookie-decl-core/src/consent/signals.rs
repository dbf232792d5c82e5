//! What the server tells the browser's own consent machinery, and what the
//! browser tells it: Google Consent Mode v2 defaults for the visitor's
//! consent, and the Global Privacy Control signal.

use core::fmt;

use super::{CategorySet, Consent};
use crate::{Category, Registry};

/// Whether a request's `Sec-GPC` header value is the Global Privacy
/// Control signal: exactly `1` (surrounding spaces aside), as the GPC
/// specification defines it. Anything else (absent, `0`, garbage bytes)
/// is no signal. Time linear in the header's length (the spaces trimmed
/// from both ends), nothing allocated.
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
/// # extern crate cookie_decl_core as cookie_decl;
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

    /// The category whose consent grants it in registry `R`: what the
    /// header's `consent_mode` says ([`Registry::CONSENT_MODE`]), else
    /// its [`default_category`](ConsentSignal::default_category); `None`
    /// when the declaration maps it to `denied` (never granted).
    pub fn category_in<R: Registry>(self) -> Option<Category> {
        R::CONSENT_MODE
            .iter()
            .find(|(signal, _)| *signal == self)
            .map_or(Some(self.default_category()), |&(_, category)| category)
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
/// its category, `denied` otherwise; before a choice, every signal but
/// `security_storage` is denied. With `ad_storage` denied,
/// `ads_data_redaction` is set too. It writes `gtag` and `dataLayer` as
/// Google's documentation does, and nothing else.
///
/// A signal's category is the documented one
/// ([`ConsentSignal::default_category`]) unless the declaration's header
/// maps it otherwise, checked at compile time:
///
/// ```text
/// consent_mode: {
///     functionality_storage: necessary,   // a language setting the site needs
///     ad_personalization: denied,         // no remarketing: never granted
/// },
/// ```
///
/// Only Google's seven keys, each once; a category, or `denied`;
/// `security_storage` stays granted (strictly necessary storage); the
/// advertising and analytics signals are never `necessary` (they would
/// store trackers before a yes); and a category the site asks consent for
/// (another would never be granted). The mapping is part of the
/// declaration's fingerprint: changing it re-asks the visitors, whose yes
/// reaches Google through it. [`map`](ConsentMode::map) and
/// [`deny`](ConsentMode::deny) override it for one rendering.
///
/// The same mapping gives Microsoft Clarity's consent
/// ([`clarity`](ConsentMode::clarity)): `ad_Storage` as `ad_storage`,
/// `analytics_Storage` as `analytics_storage`.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
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
    /// The category that grants each signal, in [`ConsentSignal::ALL`]
    /// order; `None`: never granted.
    mapping: [Option<Category>; 7],
    nonce: Option<&'a str>,
}

/// The Google Consent Mode v2 defaults for `consent`: see [`ConsentMode`].
pub fn consent_mode<R: Registry>(consent: &Consent<R>) -> ConsentMode<'_, R> {
    ConsentMode {
        consent,
        mapping: ConsentSignal::ALL.map(ConsentSignal::category_in::<R>),
        nonce: None,
    }
}

impl<'a, R: Registry> ConsentMode<'a, R> {
    /// Grants `signal` with consent to `category` instead of its default,
    /// within the rules the header's `consent_mode` is checked to at
    /// compile time: an advertising or analytics signal mapped to
    /// `necessary` (granted before any yes), or `security_storage` mapped
    /// to another category, is left as it was.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
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
    /// let mode = consent::consent_mode(&consent)
    ///     .map(ConsentSignal::AnalyticsStorage, Category::Necessary)
    ///     .to_string();
    /// assert!(mode.contains("'analytics_storage':'denied'"), "no tracker before a yes");
    /// ```
    #[must_use]
    pub fn map(mut self, signal: ConsentSignal, category: Category) -> Self {
        let allowed = match signal {
            ConsentSignal::SecurityStorage => category == Category::Necessary,
            ConsentSignal::AdStorage
            | ConsentSignal::AdUserData
            | ConsentSignal::AdPersonalization
            | ConsentSignal::AnalyticsStorage => category != Category::Necessary,
            ConsentSignal::FunctionalityStorage | ConsentSignal::PersonalizationStorage => true,
        };
        if allowed {
            self.mapping[signal.index()] = Some(category);
        }
        self
    }

    /// Denies `signal` whatever the visitor's consent, as `denied` in the
    /// header's `consent_mode` does.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// use cookie_decl::consent::{self, CategorySet, ConsentCookie, ConsentSignal};
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
    /// #                   max_age: 6 months, stores_consent: true }
    /// #     }
    /// #     marketing {
    /// #         extern "_gcl_au" { provider: "Google", service: "Google Ads",
    /// #                            purpose: "Measure conversions.", max_age: 3 months }
    /// #     }
    /// # }
    /// let yes = ConsentCookie::<Cookies>::unsigned().record("", CategorySet::ALL);
    /// let mode = consent::consent_mode(yes.consent()).deny(ConsentSignal::AdPersonalization);
    /// assert!(mode.granted(ConsentSignal::AdStorage));
    /// assert!(!mode.granted(ConsentSignal::AdPersonalization));
    /// ```
    #[must_use]
    pub fn deny(mut self, signal: ConsentSignal) -> Self {
        self.mapping[signal.index()] = None;
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
        self.mapping[signal.index()].is_some_and(|category| self.consent.allows(category))
    }

    /// The categories whose consent some signal reads.
    pub fn categories(&self) -> CategorySet {
        self.mapping
            .iter()
            .flatten()
            .fold(CategorySet::NONE, |set, &category| set.with(category))
    }

    /// Microsoft Clarity's consent for the same visitor, from the same
    /// mapping: the inline `<script>` that queues
    /// `clarity('consentv2', {ad_Storage, analytics_Storage})` (Clarity's
    /// Consent API v2, which it requires of visits from the EEA, the UK
    /// and Switzerland), with `ad_Storage` granted as `ad_storage` is and
    /// `analytics_Storage` as `analytics_storage` is. Put it before
    /// Clarity's own tag: it defines `window.clarity` as Clarity's loader
    /// does, a queue the tag reads when it loads, so that Clarity sets no
    /// cookie before it knows the choice.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// use cookie_decl::consent::{self, CategorySet, ConsentCookie};
    /// use cookie_decl::Category;
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
    /// #                   max_age: 6 months, stores_consent: true }
    /// #     }
    /// #     statistics {
    /// #         extern "_clck" { provider: "Microsoft", service: "Clarity",
    /// #                          purpose: "Recognise the visitor.", max_age: 12 months }
    /// #     }
    /// # }
    /// let store = ConsentCookie::<Cookies>::unsigned();
    /// let yes = store.record("", CategorySet::from(Category::Statistics));
    /// let script = consent::consent_mode(yes.consent()).nonce("n0nce").clarity().to_string();
    /// assert!(script.starts_with("<script nonce=\"n0nce\">window.clarity=window.clarity||"));
    /// assert!(script.contains("window.clarity('consentv2',{'ad_Storage':'denied','analytics_Storage':'granted'});"));
    /// ```
    pub fn clarity(&self) -> impl fmt::Display + '_ {
        Clarity(self)
    }

    /// `<script>` with the nonce, if any.
    fn open_script(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
        f.write_str(">")
    }
}

/// See [`ConsentMode::clarity`].
struct Clarity<'m, 'a, R>(&'m ConsentMode<'a, R>);

impl<R: Registry> fmt::Display for Clarity<'_, '_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = |signal| {
            if self.0.granted(signal) {
                "granted"
            } else {
                "denied"
            }
        };
        self.0.open_script(f)?;
        write!(
            f,
            "window.clarity=window.clarity||function(){{(window.clarity.q=window.clarity.q||[])\
             .push(arguments)}};window.clarity('consentv2',{{'ad_Storage':'{}',\
             'analytics_Storage':'{}'}});</script>",
            value(ConsentSignal::AdStorage),
            value(ConsentSignal::AnalyticsStorage)
        )
    }
}

impl<R: Registry> fmt::Display for ConsentMode<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.open_script(f)?;
        f.write_str(
            "window.dataLayer=window.dataLayer||[];\
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

use crate::consent::ConsentSignal;
use crate::{Category, CookieSpec, Format, Lang, TagSpec};

/// What every registry that `declare_cookies!` generates implements, so
/// generic code (a consent banner, a middleware, a test) can take any of
/// them.
///
/// The generated type also has each item as an inherent item, so
/// `SiteCookies::get("sid")` works without this trait in scope.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::{declare_cookies, Registry};
///
/// declare_cookies! {
///     pub struct Cookies { site: "https://example.fr" }
///     necessary {
///         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
///     }
///     statistics {
///         visit { provider: "Example", service: "Analytics", purpose: "Count visits.", max_age: 13 months }
///     }
/// }
///
/// /// The names of the cookies to delete when consent is withdrawn.
/// fn needing_consent<R: Registry>() -> Vec<&'static str> {
///     R::COOKIES.iter().filter(|c| c.needs_consent()).map(|c| c.name()).collect()
/// }
///
/// assert_eq!(needing_consent::<Cookies>(), ["visit"]);
/// ```
pub trait Registry: 'static {
    /// The site the charte speaks of, as declared in `site:`.
    const SITE: &'static str;

    /// Every cookie, in declaration order.
    const COOKIES: &'static [CookieSpec];

    /// The charte as plain text, built at compile time: the French one
    /// when the site publishes French (the default), else the one in its
    /// first language.
    const CHARTE: &'static str;

    /// The languages the site publishes, its own first: the header's
    /// `languages`, French and English when it names none. The charte,
    /// the banner, the preferences page and the embed placeholders exist
    /// in each; asked for another language, they are in the first.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// use cookie_decl::{declare_cookies, Format, Lang, Registry};
    ///
    /// declare_cookies! {
    ///     pub struct Cookies { site: "https://example.de", languages: [de, en] }
    ///     necessary {
    ///         sid {
    ///             provider: "Example",
    ///             service: { de: "Anmeldung", en: "Login" },
    ///             purpose: { de: "Hält Sie angemeldet.", en: "Keeps you signed in." },
    ///         }
    ///     }
    /// }
    ///
    /// assert_eq!(Cookies::LANGS, [Lang::De, Lang::En]);
    /// // French is not published: the site's first language answers.
    /// assert_eq!(Cookies::charte(Lang::Fr, Format::Text), Cookies::charte(Lang::De, Format::Text));
    /// assert_eq!(Cookies::CHARTE, Cookies::charte(Lang::De, Format::Text));
    /// ```
    const LANGS: &'static [Lang] = &[Lang::Fr, Lang::En];

    /// Every third-party tag and embed (`tag matomo { ... }`,
    /// `embed youtube { ... }`), in declaration order; none unless the
    /// declaration has some, so that a registry written by hand needs
    /// nothing more.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// use cookie_decl::{declare_cookies, Registry};
    ///
    /// declare_cookies! {
    ///     pub struct Cookies { site: "https://example.fr" }
    ///     marketing {
    ///         extern YSC { provider: "Google", service: "YouTube", purpose: "Count views." }
    ///         embed youtube { provider: "Google", service: "YouTube", sets: [YSC] }
    ///     }
    /// }
    ///
    /// fn embeds<R: Registry>() -> Vec<&'static str> {
    ///     R::TAGS.iter().filter(|tag| tag.is_embed()).map(|tag| tag.name()).collect()
    /// }
    /// assert_eq!(embeds::<Cookies>(), ["youtube"]);
    /// ```
    const TAGS: &'static [TagSpec] = &[];

    /// The path of the preferences page, where a visitor changes their
    /// choice: the header's `preferences_url`, `/cookies/preferences` by
    /// default. The consent banner and the placeholder of a refused embed
    /// link to it.
    const PREFERENCES_URL: &'static str = "/cookies/preferences";

    /// The path the banner's and the preferences page's forms post the
    /// visitor's choice to: the header's `consent_url`, `/cookies/consent`
    /// by default. Route it to the handler that records the choice.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// use cookie_decl::{declare_cookies, Registry};
    ///
    /// declare_cookies! {
    ///     pub struct Cookies { site: "https://example.fr", consent_url: "/choix" }
    ///     necessary {
    ///         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
    ///     }
    /// }
    ///
    /// assert_eq!(Cookies::CONSENT_URL, "/choix");
    /// assert_eq!(Cookies::PREFERENCES_URL, "/cookies/preferences");
    /// assert_eq!(Cookies::CHARTE_URL, "/cookies");
    /// ```
    const CONSENT_URL: &'static str = "/cookies/consent";

    /// The path of the page that publishes the charte, which the banner and
    /// the preferences page link to: the header's `charte_url`, `/cookies`
    /// by default. With the default, the pages in a language other than
    /// the site's first link to `/cookies?lang=en` (`de`, ...): the page
    /// serves [`charte`](Registry::charte) in the language its `lang` query
    /// asks for.
    const CHARTE_URL: &'static str = "/cookies";

    /// Where the header's `consent_mode` departs from Google's documented
    /// mapping of Consent Mode signals to categories
    /// ([`ConsentSignal::default_category`]): each signal written there,
    /// with the category whose consent grants it, or `None` for `denied`
    /// (never granted). Empty unless the declaration says, and what
    /// [`consent::consent_mode`](crate::consent::consent_mode) starts from.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// use cookie_decl::{declare_cookies, Category, Registry};
    /// use cookie_decl::consent::ConsentSignal;
    ///
    /// declare_cookies! {
    ///     pub struct Cookies {
    ///         site: "https://example.fr",
    ///         consent_mode: { ad_personalization: denied },
    ///     }
    ///     marketing {
    ///         extern "_gcl_au" { provider: "Google", service: "Google Ads",
    ///                            purpose: "Measure conversions.", max_age: 3 months }
    ///     }
    /// }
    ///
    /// assert_eq!(Cookies::CONSENT_MODE, [(ConsentSignal::AdPersonalization, None)]);
    /// assert_eq!(ConsentSignal::AdStorage.category_in::<Cookies>(), Some(Category::Marketing));
    /// assert_eq!(ConsentSignal::AdPersonalization.category_in::<Cookies>(), None);
    /// ```
    const CONSENT_MODE: &'static [(ConsentSignal, Option<Category>)] = &[];

    /// The cookie with this real name, or `None` if none is declared. An
    /// `extern` cookie declared with a pattern (`_ga_*`) is found by any
    /// name it matches.
    fn get(name: &str) -> Option<&'static CookieSpec>;

    /// The charte in `lang` and `format`, built at compile time; in the
    /// site's first language when it does not publish `lang` (see
    /// [`LANGS`](Registry::LANGS)).
    fn charte(lang: Lang, format: Format) -> &'static str;
}

//! Third-party tags and embeds, owned by the declaration: the scripts and
//! embedded players that deposit a category's `extern` cookies from the
//! browser, rendered on the server for exactly the categories the visitor
//! allows.

use core::fmt;

use crate::consent::Consent;
use crate::lang::texts::{fill, texts};
use crate::lang::{position, within};
use crate::{Category, CookieSpec, Lang, Registry};

/// Whether a [`TagSpec`] is a script or an embedded player.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TagKind {
    /// `tag name { ... }`: a `<script>` that [`consent::tags`] renders.
    ///
    /// [`consent::tags`]: crate::consent::tags
    Script,
    /// `embed name { ... }`: a player (a video, a map, a post) whose HTML
    /// the page gives to [`consent::embed`].
    ///
    /// [`consent::embed`]: crate::consent::embed
    Embed,
}

/// How a tag's `<script src>` loads, as declared with `loading:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Loading {
    /// No `loading`: the script blocks the parser while it loads and runs.
    #[default]
    Blocking,
    /// `loading: async`: it runs as soon as it has loaded.
    Async,
    /// `loading: defer`: it runs once the document is parsed, in order.
    Defer,
}

impl Loading {
    /// The `<script>` attribute, with its leading space: `" async"`,
    /// `" defer"` or nothing.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// assert_eq!(cookie_decl::Loading::Defer.attribute(), " defer");
    /// ```
    pub const fn attribute(self) -> &'static str {
        match self {
            Loading::Blocking => "",
            Loading::Async => " async",
            Loading::Defer => " defer",
        }
    }
}

/// Everything `declare_cookies!` knows about one third-party tag or embed:
/// who operates it, its category, what it loads and the declared cookies
/// it deposits.
///
/// Each tag and embed of a registry is an associated constant
/// (`Cookies::MATOMO`), and [`Registry::TAGS`] lists them in declaration
/// order.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::{declare_cookies, Category, Loading, TagKind};
///
/// declare_cookies! {
///     pub struct Cookies { site: "https://example.fr" }
///     statistics {
///         extern "_pk_id.*" as PK_ID { provider: "Matomo", service: "Mesure d'audience",
///                                      purpose: "Distinguer les visiteurs.", max_age: 13 months }
///         tag matomo {
///             provider: "Matomo", service: "Mesure d'audience",
///             src: "https://stats.example.fr/matomo.js", sets: ["_pk_id.*"], loading: defer,
///         }
///     }
/// }
///
/// let tag = Cookies::MATOMO;
/// assert_eq!(tag.kind(), TagKind::Script);
/// assert_eq!(tag.name(), "matomo");
/// assert_eq!(tag.category(), Category::Statistics);
/// assert_eq!(tag.src(), Some("https://stats.example.fr/matomo.js"));
/// assert_eq!(tag.loading(), Loading::Defer);
/// assert_eq!(tag.cookies().map(|c| c.name()).collect::<Vec<_>>(), ["_pk_id.*"]);
/// assert!(tag.needs_consent());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TagSpec {
    kind: TagKind,
    name: &'static str,
    provider: &'static str,
    service: &'static str,
    /// The service in each language of the registry's `LANGS`, in its
    /// order, when the declaration writes it per language; empty when it
    /// is written once.
    services: &'static [&'static str],
    category: Category,
    src: Option<&'static str>,
    inline: Option<&'static str>,
    loading: Loading,
    /// The registry's `COOKIES`, which `sets` indexes.
    registry: &'static [CookieSpec],
    sets: &'static [usize],
}

impl TagSpec {
    /// A script or an embed.
    pub const fn kind(&self) -> TagKind {
        self.kind
    }

    /// Whether it is an embed.
    pub const fn is_embed(&self) -> bool {
        matches!(self.kind, TagKind::Embed)
    }

    /// Its name as declared (`matomo`).
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Who operates it (the *prestataire* of the charte).
    pub const fn provider(&self) -> &'static str {
        self.provider
    }

    /// The service it provides, in the site's first language when the
    /// declaration writes it per language.
    pub const fn service(&self) -> &'static str {
        self.service
    }

    /// The category it is declared in: consent to it is what loads it.
    pub const fn category(&self) -> Category {
        self.category
    }

    /// The script's URL, for a tag declared with `src`: an absolute
    /// `https://` URL or a path on the site's own origin (`/matomo.js`),
    /// checked at compile time.
    pub const fn src(&self) -> Option<&'static str> {
        self.src
    }

    /// The script's body, for a tag declared with `inline`.
    pub const fn inline(&self) -> Option<&'static str> {
        self.inline
    }

    /// How its script loads; [`Loading::Blocking`] for an inline tag and
    /// an embed.
    pub const fn loading(&self) -> Loading {
        self.loading
    }

    /// The declared cookies it deposits, in the order of its `sets`.
    pub fn cookies(&self) -> impl ExactSizeIterator<Item = &'static CookieSpec> + Clone + use<> {
        let registry = self.registry;
        self.sets.iter().map(move |&index| &registry[index])
    }

    /// Whether it may only load after the visitor's consent to its
    /// category: it is not `necessary`, and it is not a tag whose cookies
    /// are all `consent_exempt`.
    pub fn needs_consent(&self) -> bool {
        self.category.needs_consent()
            && (self.sets.is_empty() || self.cookies().any(CookieSpec::needs_consent))
    }

    /// Whether `consent` allows it: it needs no consent, or the visitor
    /// said yes to its category. A tag `R` does not declare is never
    /// allowed.
    pub(crate) fn allowed_by<R: Registry>(&self, consent: &Consent<R>) -> bool {
        // By name first: the whole comparison reads every cookie of the
        // registry, and runs for one tag at most.
        let declared = R::TAGS
            .iter()
            .any(|tag| tag.name == self.name && tag == self);
        declared && (!self.needs_consent() || consent.allows(self.category))
    }
}

impl fmt::Debug for TagSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cookies: Vec<&str> = self.cookies().map(CookieSpec::name).collect();
        f.debug_struct("TagSpec")
            .field("kind", &self.kind)
            .field("name", &self.name)
            .field("provider", &self.provider)
            .field("service", &self.service)
            .field("category", &self.category)
            .field("src", &self.src)
            .field("inline", &self.inline)
            .field("loading", &self.loading)
            .field("cookies", &cookies)
            .finish()
    }
}

/// The [`TagSpec`] the generated code writes: `kind` 0 script, 1 embed;
/// `category` in [`Category::ALL`] order; `src`, `inline` `""` when not
/// declared; `loading` 0 blocking, 1 `async`, 2 `defer`; `sets` indexes
/// `registry`.
///
/// It refuses, at compile time, an inline body that would leave its
/// element (`</script`, `<!--`): the macro reports those with a message,
/// this keeps the renderer's promise whatever calls it.
#[doc(hidden)]
#[allow(clippy::too_many_arguments)]
pub const fn tag(
    kind: u8,
    name: &'static str,
    provider: &'static str,
    service: &'static str,
    category: u8,
    src: &'static str,
    inline: &'static str,
    loading: u8,
    registry: &'static [CookieSpec],
    sets: &'static [usize],
    services: &'static [&'static str],
) -> TagSpec {
    assert!(
        !contains_ignore_case(inline.as_bytes(), b"</script")
            && !contains_ignore_case(inline.as_bytes(), b"<!--"),
        "an inline tag must not contain `</script` or `<!--`"
    );
    let mut at = 0;
    while at < sets.len() {
        assert!(sets[at] < registry.len());
        at += 1;
    }
    TagSpec {
        kind: if kind == 0 {
            TagKind::Script
        } else {
            TagKind::Embed
        },
        name,
        provider,
        service,
        services,
        category: match category {
            0 => Category::Necessary,
            1 => Category::Preferences,
            2 => Category::Statistics,
            _ => Category::Marketing,
        },
        src: if src.is_empty() { None } else { Some(src) },
        inline: if inline.is_empty() {
            None
        } else {
            Some(inline)
        },
        loading: match loading {
            1 => Loading::Async,
            2 => Loading::Defer,
            _ => Loading::Blocking,
        },
        registry,
        sets,
    }
}

/// Whether `needle` (lowercase ASCII) occurs in `haystack`, ASCII case
/// ignored.
const fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    let mut start = 0;
    while start + needle.len() <= haystack.len() {
        let mut at = 0;
        while at < needle.len() && haystack[start + at].to_ascii_lowercase() == needle[at] {
            at += 1;
        }
        if at == needle.len() {
            return true;
        }
        start += 1;
    }
    false
}

/// The `<script>` elements of exactly the tags of `R` that `consent`
/// allows, in declaration order: `necessary` tags (and tags whose cookies
/// are all `consent_exempt`) always, any other only once the visitor said
/// yes to its category; none of those before a choice (ePrivacy 5(3)).
/// Place it where the tags belong in the page, usually the end of
/// `<head>` or of `<body>`.
///
/// Each element has `src` (attribute-escaped) and `async` or `defer` as
/// declared, or the declared inline body; with
/// [`nonce`](TagsHtml::nonce), a `nonce` attribute for a
/// `Content-Security-Policy: script-src 'nonce-...'`. Embeds are not
/// rendered here: see [`embed`].
///
/// A page whose tags depend on the visitor's consent must not be cached
/// for everyone: send it `Cache-Control: private` (the axum `ConsentLayer`
/// marks such responses).
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::declare_cookies;
/// use cookie_decl::consent::{self, CategorySet, ConsentCookie};
///
/// declare_cookies! {
///     pub struct Cookies { site: "https://example.fr" }
///     necessary {
///         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
///                   max_age: 6 months, stores_consent: true }
///     }
///     statistics {
///         extern _pk_id { provider: "Matomo", service: "Audience", purpose: "Count visits.",
///                         max_age: 13 months }
///         tag matomo { provider: "Matomo", service: "Audience",
///                      src: "https://stats.example.fr/matomo.js", sets: [_pk_id], loading: defer }
///     }
/// }
///
/// let store = ConsentCookie::<Cookies>::unsigned();
/// // Before a choice: nothing.
/// assert_eq!(consent::tags(&store.read("")).to_string(), "");
///
/// let yes = store.record("", CategorySet::ALL);
/// assert_eq!(
///     consent::tags(yes.consent()).nonce("r4nd0m").to_string(),
///     "<script src=\"https://stats.example.fr/matomo.js\" defer nonce=\"r4nd0m\"></script>\n",
/// );
/// ```
pub fn tags<R: Registry>(consent: &Consent<R>) -> TagsHtml<'_, R> {
    TagsHtml {
        consent,
        nonce: None,
    }
}

/// The `<script>` elements [`tags`] renders: `Display` writes them.
pub struct TagsHtml<'a, R> {
    consent: &'a Consent<R>,
    nonce: Option<&'a str>,
}

impl<'a, R: Registry> TagsHtml<'a, R> {
    /// Gives each element `nonce="..."`, HTML-escaped: the nonce of the
    /// page's `Content-Security-Policy`, fresh for each response.
    #[must_use]
    pub fn nonce(mut self, nonce: &'a str) -> Self {
        self.nonce = Some(nonce);
        self
    }

    /// The tags rendered, in declaration order.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::declare_cookies;
    /// # use cookie_decl::consent::{self, Consent};
    /// # declare_cookies! {
    /// #     pub struct Cookies { site: "https://example.fr" }
    /// #     necessary {
    /// #         extern "__cf_bm" as CF { provider: "Cloudflare", service: "Bot protection",
    /// #                                  purpose: "Tell bots apart." }
    /// #         tag cloudflare { provider: "Cloudflare", service: "Bot protection",
    /// #                          src: "https://example.fr/cf.js", sets: ["__cf_bm"] }
    /// #     }
    /// # }
    /// let not_asked = Consent::<Cookies>::not_asked();
    /// let names: Vec<&str> = consent::tags(&not_asked).iter().map(|t| t.name()).collect();
    /// assert_eq!(names, ["cloudflare"]); // necessary: no consent needed
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &'static TagSpec> + '_ {
        R::TAGS
            .iter()
            .filter(|tag| !tag.is_embed() && tag.allowed_by(self.consent))
    }
}

impl<R: Registry> fmt::Display for TagsHtml<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for tag in self.iter() {
            f.write_str("<script")?;
            if let Some(src) = tag.src {
                f.write_str(" src=\"")?;
                escape(f, src)?;
                f.write_str("\"")?;
                f.write_str(tag.loading.attribute())?;
            }
            if let Some(nonce) = self.nonce {
                f.write_str(" nonce=\"")?;
                escape(f, nonce)?;
                f.write_str("\"")?;
            }
            f.write_str(">")?;
            if let Some(inline) = tag.inline {
                // Checked at compile time: it holds neither `</script`
                // nor `<!--`, so it ends where this element does.
                f.write_str(inline)?;
            }
            f.write_str("</script>\n")?;
        }
        Ok(())
    }
}

impl<R> fmt::Debug for TagsHtml<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TagsHtml")
            .field("nonce", &self.nonce)
            .finish_non_exhaustive()
    }
}

/// An embedded player gated by consent: `html` (the page's own markup for
/// this video, map or post, written as is) when `consent` allows `embed`'s
/// category, otherwise a placeholder in `lang`, without JavaScript, that
/// says which provider's service it is, which cookies accepting would let
/// it set and in which category, with a link to the preferences page
/// ([`Registry::PREFERENCES_URL`]):
///
/// ```html
/// <div class="cookie-embed-placeholder" lang="fr" data-embed="youtube">
/// <p>Ce contenu YouTube est fourni par Google. L'afficher permettrait à Google de déposer les cookies suivants : YSC, VISITOR_INFO1_LIVE.</p>
/// <p>Pour l'afficher, acceptez les cookies publicitaires : <a href="/cookies/preferences">gérer mes choix</a>.</p>
/// </div>
/// ```
///
/// Every declared string in it is escaped; it carries a class and no
/// style.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::{declare_cookies, Lang};
/// use cookie_decl::consent::{self, CategorySet, ConsentCookie};
///
/// declare_cookies! {
///     pub struct Cookies { site: "https://example.fr", preferences_url: "/mes-cookies" }
///     necessary {
///         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
///                   max_age: 6 months, stores_consent: true }
///     }
///     marketing {
///         extern YSC { provider: "Google", service: "YouTube", purpose: "Count views." }
///         embed youtube { provider: "Google", service: "YouTube", sets: [YSC] }
///     }
/// }
///
/// let video = r#"<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>"#;
/// let store = ConsentCookie::<Cookies>::unsigned();
/// let refused = store.record("", CategorySet::NONE);
/// let shown = consent::embed(refused.consent(), Cookies::YOUTUBE, Lang::En, video).to_string();
/// assert!(shown.starts_with(r#"<div class="cookie-embed-placeholder" lang="en""#));
/// assert!(shown.contains("YSC"));
/// assert!(shown.contains(r#"<a href="/mes-cookies">"#));
///
/// let yes = store.record("", CategorySet::ALL);
/// assert_eq!(consent::embed(yes.consent(), Cookies::YOUTUBE, Lang::En, video).to_string(), video);
/// ```
pub fn embed<'a, R: Registry>(
    consent: &Consent<R>,
    embed: TagSpec,
    lang: Lang,
    html: &'a str,
) -> EmbedHtml<'a> {
    let service = embed
        .services
        .get(position(R::LANGS, lang))
        .copied()
        .unwrap_or(embed.service);
    EmbedHtml {
        allowed: embed.allowed_by(consent),
        embed,
        service,
        lang: within(R::LANGS, lang),
        html,
        preferences_url: R::PREFERENCES_URL,
    }
}

/// What [`embed`] renders: `Display` writes the embed's HTML or its
/// placeholder.
#[derive(Clone, Copy, Debug)]
pub struct EmbedHtml<'a> {
    allowed: bool,
    embed: TagSpec,
    /// The embed's service in `lang`.
    service: &'static str,
    lang: Lang,
    html: &'a str,
    preferences_url: &'static str,
}

impl EmbedHtml<'_> {
    /// Whether the visitor's consent allows the embed: its HTML is shown,
    /// not the placeholder.
    pub const fn is_allowed(&self) -> bool {
        self.allowed
    }
}

impl fmt::Display for EmbedHtml<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.allowed {
            return f.write_str(self.html);
        }
        let embed = &self.embed;
        let texts = texts(self.lang);
        f.write_str("<div class=\"cookie-embed-placeholder\" lang=\"")?;
        f.write_str(self.lang.code())?;
        f.write_str("\" data-embed=\"")?;
        escape(f, embed.name)?;
        f.write_str("\">\n<p>")?;
        let values = |f: &mut fmt::Formatter<'_>, name: &str| -> Option<fmt::Result> {
            Some(match name {
                "service" => escape(f, self.service),
                "provider" => escape(f, embed.provider),
                "cookies" => embed.cookies().enumerate().try_for_each(|(at, cookie)| {
                    if at > 0 {
                        f.write_str(", ")?;
                    }
                    escape(f, cookie.name())
                }),
                "category" => f.write_str(texts.cookies_of(embed.category)),
                "link" => f
                    .write_str("<a href=\"")
                    .and_then(|()| escape(f, self.preferences_url))
                    .and_then(|()| f.write_str("\">"))
                    .and_then(|()| f.write_str(texts.embed_link))
                    .and_then(|()| f.write_str("</a>")),
                _ => return None,
            })
        };
        fill(f, texts.embed_intro, values)?;
        if embed.sets.is_empty() {
            fill(f, texts.embed_sends, values)?;
        } else {
            fill(f, texts.embed_sets, values)?;
        }
        f.write_str("</p>\n<p>")?;
        fill(f, texts.embed_accept, values)?;
        f.write_str("</p>\n</div>\n")
    }
}

/// Writes `text` escaped for HTML content and quoted attribute values.
fn escape(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    let mut run = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        f.write_str(&text[run..at])?;
        f.write_str(escaped)?;
        run = at + 1;
    }
    f.write_str(&text[run..])
}

//! Declare a site's cookies once; get typed constants, correct `Set-Cookie`
//! headers, compile-time rules and the *charte cookies*.
//!
//! A site in France or the EU must set each cookie with the right
//! attributes, publish a *charte cookies* (cookie policy) listing every
//! cookie with its provider, service and purpose, and set the cookies that
//! need consent only after consent. [`declare_cookies!`] makes one
//! declaration the single source of truth for all three: the compiler checks
//! it, the builders obey it, the charte is generated from it at compile time,
//! and a cookie that is not declared cannot be used.
//!
//! # Example
//!
//! ```
//! use cookie_decl::{declare_cookies, Category, Format, Lang};
//!
//! declare_cookies! {
//!     /// The cookies of our open-data portal.
//!     pub struct SiteCookies {
//!         site: "https://data.example.fr",
//!     }
//!
//!     necessary {
//!         /// The signed-in user's session.
//!         "__Host-sid" as SESSION {
//!             provider: "Opendatasoft",
//!             service: "Authentification (front et back office)",
//!             purpose: "Se souvenir de l'utilisateur d'une page à une autre.",
//!             same_site: Strict,
//!         }
//!         csrftoken {
//!             provider: "Opendatasoft",
//!             service: "API (CSRF) (front et back office)",
//!             purpose: "Récupérer des données via des appels API",
//!             max_age: 1 year,
//!             http_only: false,
//!         }
//!     }
//!
//!     statistics {
//!         // Set by the Matomo tag, not by this server: listed in the charte,
//!         // no builder.
//!         extern "_pk_id.*" as MATOMO_ID {
//!             provider: "Matomo",
//!             service: "Mesure d'audience",
//!             purpose: "Distinguer les visiteurs d'une visite à l'autre.",
//!             max_age: 13 months,
//!         }
//!     }
//! }
//!
//! // Typed constants and builders that set exactly what was declared.
//! let set = SiteCookies::SESSION.cookie("d2VsY29tZQ");
//! assert_eq!(
//!     set.to_string(),
//!     "__Host-sid=d2VsY29tZQ; HttpOnly; SameSite=Strict; Secure; Path=/",
//! );
//! assert_eq!(SiteCookies::SESSION.removal().to_string(),
//!            "__Host-sid=; HttpOnly; SameSite=Strict; Secure; Path=/; Max-Age=0");
//!
//! // The registry, for consent logic.
//! assert_eq!(SiteCookies::COOKIES.len(), 3);
//! assert_eq!(SiteCookies::get("_pk_id.1.1fff").unwrap().category(), Category::Statistics);
//!
//! // The charte, built at compile time.
//! assert!(SiteCookies::CHARTE.starts_with("Charte cookies\n"));
//! assert!(SiteCookies::CHARTE.contains(
//!     "Opendatasoft\tAPI (CSRF) (front et back office)\tcsrftoken\tRécupérer des données via des appels API\n",
//! ));
//! let html = SiteCookies::charte(Lang::En, Format::Html);
//! assert!(html.contains("<caption><h4>Audience measurement cookies on the platform / statistics cookies</h4></caption>"));
//! ```
//!
//! # Grammar
//!
//! ```text
//! declare_cookies! {
//!     $(#[doc = "..."])*                    // doc comments go to the generated type
//!     $vis struct $Registry {
//!         site: "https://...",              // required: the platform the charte names
//!         $(languages: [$code, ...],)?      // optional (see "Languages"): fr, en by default
//!         $($attribute: $value,)*           // optional registry-wide attribute defaults
//!         $($charte_option: $value,)*       // optional charte wording and columns
//!         $($consent_option: $value,)*      // optional consent retention, banner wording, addresses
//!         $(consent_mode: {                 // optional (see "Consent Mode"): signals
//!             $($signal: $category | denied,)*  //   whose category is not Google's
//!         },)?
//!     }
//!     $($category {                         // necessary | preferences | statistics | marketing
//!         $($(#[doc = "..."])*
//!           $(extern)? $name $(as $CONST)? {   // $name: an identifier or a string literal
//!               provider: "...",            // required, non-empty
//!               service:  "...",            // required, non-empty
//!               purpose:  "...",            // required, non-empty
//!               $($attribute: $value,)*     // optional
//!           })*                             // service and purpose may be written
//!                                           //   per language: { fr: "...", de: "..." }
//!         $($(#[doc = "..."])*                  // scripts that deposit the category's
//!           tag $tag $(as $CONST)? {            //   `extern` cookies (see "Tags and embeds")
//!               provider: "...", service: "...",
//!               src: "https://..." | "/..." | inline: "...", // exactly one
//!               sets: [$cookie, ...],           // declared cookies, by name as declared
//!               $(loading: async | defer,)?     // with `src` only; absent: blocking
//!           })*
//!         $($(#[doc = "..."])*
//!           embed $embed $(as $CONST)? {        // players whose HTML the page gives
//!               provider: "...", service: "...", sets: [$cookie, ...],
//!           })*
//!     })*
//! }
//! ```
//!
//! Every value may also arrive through a `macro_rules!` fragment
//! (`$site:literal`, `$name:ident`, `$purpose:expr` holding a string
//! literal, `$vis:vis`): they are accepted exactly like written tokens.
//!
//! ## Attributes
//!
//! | attribute | value | default |
//! |---|---|---|
//! | `max_age` | `N seconds\|minutes\|hours\|days\|weeks\|months\|years` (singular too), or `session` | `session` (no `Max-Age`) |
//! | `secure` | `true` / `false` | `true` |
//! | `http_only` | `true` / `false` | `true` |
//! | `same_site` | `Strict` / `Lax` / `None` | `Lax` |
//! | `path` | string literal | `"/"` |
//! | `domain` | string literal | none (host-only) |
//! | `partitioned` | `true` / `false` | `false` |
//!
//! A cookie may also say `consent_exempt: true`: an audience-measurement
//! cookie (`statistics` only) configured to meet the CNIL's conditions for
//! exemption (anonymous statistics, no cross-site tracking, at most 13
//! months). It then needs no consent, and the charte says so. One
//! `necessary` cookie may say `stores_consent: true`: the cookie that keeps
//! the visitor's choice, which [`consent`] reads and writes. One other
//! `necessary` cookie may say `csrf_token: true`: the cookie that holds the
//! double-submit CSRF token of the consent forms, ideally `"__Host-csrf"`
//! with `same_site: Strict`; the registry then implements
//! [`consent::CsrfRegistry`]. It is set like any other cookie, and the mark
//! changes neither the charte nor what a visitor consents to. A cookie
//! whose name is one of a known tracker's (`_ga`, `_fbp`), declared
//! `necessary` or `preferences` because it is the site's own, says
//! `not_a_known_tracker: true` (see the rules below); an `extern` cookie
//! may say what deposits it with `set_by: "..."` (see "Tags and embeds").
//!
//! **A month is 30 days and a year 365 days**, so `13 months` is 390 days
//! (`Max-Age=33696000`). An attribute in the registry header is the default
//! of every cookie; a cookie's own attribute wins.
//!
//! ## Charte options (registry header only)
//!
//! | option | value | default |
//! |---|---|---|
//! | `title`, `title_en` | string literal, or one per language | `"Charte cookies"`, `"Cookie policy"`, ... |
//! | `intro`, `intro_en` | string literal, or one per language | the published samples' first paragraph |
//! | `contact`, `contact_en` | string literal, or one per language, shown in a last paragraph | none |
//! | `show_lifetime` | `true` / `false`: a "Durée de conservation" column | `false` |
//! | `show_consent` | `true` / `false`: a "Consentement requis" column | `false` |
//!
//! The defaults reproduce the chartes French open-data portals publish, byte
//! for byte.
//!
//! ## Consent options (registry header only)
//!
//! | option | value | default |
//! |---|---|---|
//! | `consent_retention` | a duration, as `max_age`, at most 13 months: how long a choice counts before the visitor is asked again | `6 months` |
//! | `banner_title`, `banner_title_en` | string literal, or one per language: the banner's heading | `"Vos choix concernant les cookies"`, `"Your cookie choices"` |
//! | `banner_text`, `banner_text_en` | string literal, or one per language: the banner's sentence | a sentence naming the categories asked about and their tags' providers |
//! | `consent_url` | a path of the site: where the banner and the preferences page post the choice ([`Registry::CONSENT_URL`]) | `"/cookies/consent"` |
//! | `preferences_url` | a path of the site: the preferences page ([`Registry::PREFERENCES_URL`]) | `"/cookies/preferences"` |
//! | `charte_url` | a path of the site: the charte's page ([`Registry::CHARTE_URL`]) | `"/cookies"` |
//! | `consent_mode` | see "Consent Mode" | Google's documented mapping |
//!
//! The three addresses are constants of the registry, so that the routes
//! and the generated pages cannot disagree (the [`Registry`] trait in
//! scope):
//!
//! ```
//! use cookie_decl::{declare_cookies, Registry};
//!
//! declare_cookies! {
//!     pub struct SiteCookies { site: "https://example.fr", preferences_url: "/mes-cookies" }
//!     necessary {
//!         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
//!     }
//! }
//!
//! assert_eq!(SiteCookies::CONSENT_URL, "/cookies/consent");
//! assert_eq!(SiteCookies::PREFERENCES_URL, "/mes-cookies");
//! assert_eq!(SiteCookies::CHARTE_URL, "/cookies");
//! ```
//!
//! # Languages
//!
//! A visitor is informed, and asked, in a language they read (GDPR
//! articles 4(11) and 7(2)). The header's `languages` names the languages
//! the site publishes, its own first, among the 24 official languages of
//! the European Union (`bg`, `cs`, `da`, `de`, `el`, `en`, `es`, `et`,
//! `fi`, `fr`, `ga`, `hr`, `hu`, `it`, `lt`, `lv`, `mt`, `nl`, `pl`, `pt`,
//! `ro`, `sk`, `sl`, `sv`). Every text the library writes (the charte and
//! its columns, categories and lifetimes, the banner, the preferences
//! page, the embed placeholder, the Global Privacy Control sentence, what
//! to tell a visitor whose form is refused: `FormRejection::message` in
//! each framework module) then exists in each, with the words of that
//! language's law and regulator;
//! and each cookie's `purpose` is written once per language, as `{ de:
//! "...", pl: "..." }`. So is its `service` (and a tag's or an embed's,
//! and an `extern` cookie's `set_by`), unless it is a name, the same in
//! every language (`"YouTube"`); and so are the header's `title`,
//! `intro`, `banner_title` and `banner_text` (`contact`, an address, may
//! be written once).
//!
//! ```
//! # use cookie_decl::{declare_cookies, Format, Lang, Registry};
//! declare_cookies! {
//!     pub struct ShopCookies {
//!         site: "https://shop.example.eu",
//!         languages: [de, pl],
//!         title: { de: "Unsere Cookies", pl: "Nasze pliki cookie" },
//!         contact: "datenschutz@shop.example.eu",
//!     }
//!     necessary {
//!         sid {
//!             provider: "Shop",
//!             service: { de: "Anmeldung", pl: "Logowanie" },
//!             purpose: { de: "Hält Sie angemeldet.", pl: "Utrzymuje zalogowanie." },
//!         }
//!     }
//! }
//!
//! assert_eq!(ShopCookies::LANGS, [Lang::De, Lang::Pl]);
//! let charte = ShopCookies::charte(Lang::Pl, Format::Text);
//! assert!(charte.starts_with("Nasze pliki cookie"));
//! assert!(charte.contains("Utrzymuje zalogowanie."));
//! // A language the site does not publish reads as its first.
//! assert_eq!(ShopCookies::charte(Lang::Fr, Format::Text), ShopCookies::CHARTE);
//! assert!(ShopCookies::CHARTE.starts_with("Unsere Cookies"));
//! ```
//!
//! A published language without its purpose does not compile; the error is
//! at the cookie's `purpose`, names the cookie and the language, and says
//! what to add:
//!
//! ```compile_fail
//! # use cookie_decl::declare_cookies;
//! declare_cookies! {
//!     pub struct ShopCookies { site: "https://shop.example.eu", languages: [de, pl] }
//!     necessary {
//!         // error: cookie `sid` has no `purpose` in Polish (`pl`), a language the
//!         // site publishes (`languages: [de, pl]`): add `pl: "..."` to its `purpose`
//!         sid { provider: "Shop", service: "Login", purpose: { de: "Hält Sie angemeldet." } }
//!     }
//! }
//! ```
//!
//! A declaration that names no languages publishes French and English, each
//! text as written: the forms above, unchanged (`title` is then the French
//! title, `title_en` the English one). A purpose may still be written per
//! language there, `{ fr: "...", en: "..." }`.
//!
//! Which language a visitor reads: [`Lang::for_visitor`], the site's own
//! choice for them (a language switch) if published, else the one their
//! browser's `Accept-Language` prefers ([`Lang::negotiate`]: quality
//! values, `de-AT` read as `de`, `q=0` as a refusal), else the site's first.
//! Each framework module extracts it from a request as [`VisitorLang`].
//! The charte, [`consent::banner`], [`consent::preferences`] and
//! [`consent::embed`] take a [`Lang`], and answer in the site's first
//! language for one it does not publish; each fragment says its language
//! in its `lang` attribute.
//!
//! Publishing one more language asks nobody again: what a visitor
//! consents to (the fingerprint) is the declaration in the site's first
//! language. What they are shown changes: the charte and banner versions
//! the proof records do.
//!
//! # Constants
//!
//! Each cookie becomes an associated constant: its `as` name, or its name in
//! SCREAMING_SNAKE_CASE (every run of characters other than ASCII letters and
//! digits becomes one `_`, leading and trailing `_` dropped: `__Host-sid` is
//! `HOST_SID`). A cookie the application sets is a [`DeclaredCookie`], with
//! [`cookie`](DeclaredCookie::cookie), [`try_cookie`](DeclaredCookie::try_cookie),
//! [`removal`](DeclaredCookie::removal), [`read`](DeclaredCookie::read) and
//! [`read_header`](DeclaredCookie::read_header); both kinds dereference to
//! their [`CookieSpec`] ([`name`](CookieSpec::name),
//! [`provider`](CookieSpec::provider), [`service`](CookieSpec::service),
//! [`purpose`](CookieSpec::purpose), [`category`](CookieSpec::category),
//! its lifetime and attributes). A misspelt constant does not compile.
//!
//! The registry type (`pub struct SiteCookies`) gets, beside one constant
//! per cookie and per tag: `SiteCookies::COOKIES` (every cookie, in
//! declaration order), `SiteCookies::get(name)` (the cookie a real name
//! stands for, patterns included), `SiteCookies::CHARTE` and
//! `SiteCookies::charte(lang, format)`, `SiteCookies::TAGS`, the
//! `SiteCookies!("name")` lookup (below), and `impl` [`Registry`] (with
//! the addresses of the consent pages). With a `stores_consent` cookie it
//! implements [`consent::ConsentRegistry`]: the consent cookie, the
//! retention, `ASKED` (the categories the site asks consent for) and the
//! fingerprints of the declaration, the charte and the banner; with a
//! `csrf_token` cookie, [`consent::CsrfRegistry`].
//!
//! `cargo doc` shows, for the registry, its doc comment and the table of
//! its cookies, and a page per constant and per tag with its provider,
//! service, purpose, category, consent, lifetime and exact `Set-Cookie`
//! line. Those pages are generated for rustdoc only (`cfg(doc)`), which
//! keeps them out of every build: an editor's hover shows a constant's own
//! doc comment, and `cargo doc` the whole page.
//!
//! # `extern` cookies
//!
//! A cookie that another party deposits (an analytics tag, a video player)
//! is declared with `extern` so that the charte lists it. Its name may be a
//! pattern, `*` standing for any run of characters, for names that carry an
//! id: `_ga_*`, `_pk_id.*`. It is an [`ExternalCookie`]: it has no builder,
//! and only `max_age`, `domain`, `path` and `partitioned` among the
//! attributes: the last three say where the other party puts it, so that a
//! withdrawal of consent can delete it (a partitioned cookie is deleted
//! only by a partitioned removal).
//!
//! ```
//! use cookie_decl::declare_cookies;
//!
//! declare_cookies! {
//!     pub struct Cookies { site: "https://example.fr" }
//!     statistics {
//!         extern "_ga_*" as GA_STREAM {
//!             provider: "Google",
//!             service: "Google Analytics",
//!             purpose: "Keep the state of a session.",
//!             max_age: 13 months,
//!             domain: ".example.fr",
//!         }
//!     }
//! }
//!
//! assert!(Cookies::GA_STREAM.matches("_ga_K2X9QZ"));
//! assert_eq!(Cookies::get("_ga_K2X9QZ"), Some(Cookies::GA_STREAM.spec()));
//! ```
//!
//! # Tags and embeds
//!
//! Most trackers are not set by the server but from the browser, by a tag
//! (Matomo, Google Analytics, a pixel) or an embed (a YouTube video). A
//! category declares them beside its cookies, with the `extern` cookies
//! each deposits, so that the declaration also owns *when they load*:
//!
//! | in `tag` | value | |
//! |---|---|---|
//! | `provider`, `service` | string literal | required, shown in the charte |
//! | `src` | `"https://..."` or `"/..."` | the script's URL, or a path on the site's own origin (a self-hosted tag, fetched with the page's scheme); or else: |
//! | `inline` | string literal | the script's body (no `</script`, no `<!--`) |
//! | `sets` | `[name, "name", ...]` | required: the declared cookies it deposits, `[]` for none |
//! | `loading` | `async` / `defer` | with `src` only; absent: a blocking script |
//!
//! An `embed` takes `provider`, `service` and `sets`: its HTML differs
//! from page to page, so it is given where it is shown, to
//! [`consent::embed`]. `sets` names cookies by their name as declared (an
//! identifier, or a string, patterns included: `"_pk_id.*"`), not by their
//! constant: the name is what the charte shows next to the tag, and what a
//! reader finds in the declaration above.
//!
//! Each becomes a [`TagSpec`] constant, the `as` name or the name
//! upper-cased (`Cookies::MATOMO`), and `Cookies::TAGS` lists them
//! ([`Registry::TAGS`]). [`consent::tags`] renders the `<script>` elements
//! of exactly the tags the visitor's consent allows (`necessary` ones
//! always, none of another category before a yes), with a CSP nonce if
//! given; [`consent::embed`] gives an embed's HTML when allowed, and
//! otherwise a placeholder that says what accepting would set and links
//! to the preferences page (the header's `preferences_url`,
//! [`Registry::PREFERENCES_URL`]), without JavaScript;
//! [`consent.allows_tag(&SiteCookies::MATOMO)`](consent::Consent::allows_tag)
//! answers for one. The charte lists
//! each tag and embed with its provider, service and cookies, after the
//! category tables.
//!
//! Once a registry declares a tag or an embed, every `extern` cookie that
//! needs consent must be in the `sets` of one of them, or say what else
//! deposits it with `set_by: "..."` (shown in the charte): a tracker no
//! tag accounts for is one the server's gate does not hold back. A
//! registry without tags is not asked this, and its charte is unchanged.
//!
//! ```
//! use cookie_decl::{declare_cookies, Lang};
//! use cookie_decl::consent::{self, CategorySet, ConsentCookie};
//!
//! declare_cookies! {
//!     pub struct SiteCookies { site: "https://data.example.fr" }
//!     necessary {
//!         consent { provider: "Example", service: "Consentement",
//!                   purpose: "Se souvenir du choix du visiteur.", max_age: 6 months,
//!                   stores_consent: true }
//!     }
//!     statistics {
//!         extern "_pk_id.*" as PK_ID { provider: "Matomo", service: "Mesure d'audience",
//!                                      purpose: "Distinguer les visiteurs.", max_age: 13 months }
//!         extern "_pk_ses.*" as PK_SES { provider: "Matomo", service: "Mesure d'audience",
//!                                        purpose: "Suivre la visite.", max_age: 30 minutes }
//!         tag matomo {
//!             provider: "Matomo", service: "Mesure d'audience",
//!             src: "https://stats.example.fr/matomo.js",
//!             sets: ["_pk_id.*", "_pk_ses.*"], loading: defer,
//!         }
//!     }
//!     marketing {
//!         extern YSC { provider: "Google", service: "YouTube", purpose: "Compter les vues." }
//!         extern VISITOR_INFO1_LIVE { provider: "Google", service: "YouTube",
//!                                     purpose: "Estimer la bande passante.", max_age: 6 months }
//!         embed youtube { provider: "Google", service: "YouTube", sets: [YSC, VISITOR_INFO1_LIVE] }
//!     }
//! }
//!
//! let store = ConsentCookie::<SiteCookies>::unsigned();
//! let video = r#"<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>"#;
//!
//! // Before a choice: no tag, and a placeholder for the video.
//! let consent = store.read("");
//! assert_eq!(consent::tags(&consent).to_string(), "");
//! let placeholder = consent::embed(&consent, SiteCookies::YOUTUBE, Lang::Fr, video).to_string();
//! assert!(placeholder.contains("YSC, VISITOR_INFO1_LIVE"));
//! assert!(placeholder.contains(r#"<a href="/cookies/preferences">"#));
//!
//! // Yes to audience measurement only: Matomo, still no video.
//! let yes = store.record("", CategorySet::from(cookie_decl::Category::Statistics));
//! assert_eq!(
//!     consent::tags(yes.consent()).nonce("abc").to_string(),
//!     "<script src=\"https://stats.example.fr/matomo.js\" defer nonce=\"abc\"></script>\n",
//! );
//! assert_ne!(consent::embed(yes.consent(), SiteCookies::YOUTUBE, Lang::Fr, video).to_string(), video);
//!
//! assert!(SiteCookies::CHARTE.contains("Matomo\tMesure d'audience\tScript\tStatistiques\t_pk_id.*, _pk_ses.*\n"));
//! ```
//!
//! A tag is part of what a visitor consents to: adding one, or changing
//! its kind, name, category, provider, service or `sets`, changes the
//! declaration's fingerprint and asks every visitor again; its `src`,
//! `inline` and `loading` do not (how it loads, not who receives what).
//! The preferences page names, under each category, the services its tags
//! and embeds bring (`YouTube (Google)`), and the banner's sentence their
//! providers (`publicitaires et de suivi (Google)`). A category
//! whose tag needs consent is asked about even when none of its cookies
//! is declared (a Tag Manager container, a pixel that stores nothing the
//! declaration names): `ConsentRegistry::ASKED` holds it, the banner and
//! the preferences page ask about it, and the tag waits for a yes.
//!
//! # Consent Mode
//!
//! [`consent::consent_mode`] renders Google Consent Mode v2's
//! `gtag('consent', 'default', ...)` for the visitor's consent, to put in
//! the `<head>` before any tag (with the page's CSP nonce:
//! `consent::consent_mode(&consent).nonce(nonce)`), so that Google's tags
//! store nothing before a yes; [`consent::ConsentMode::clarity`] gives
//! Microsoft Clarity's `clarity('consentv2', {ad_Storage,
//! analytics_Storage})` from the same mapping. Each signal is granted by
//! the consent to one category: Google's documented one
//! ([`consent::ConsentSignal::default_category`]) unless the header's
//! `consent_mode` says otherwise, or `denied`, never granted.
//! Google's documented mapping:
//!
//! ```text
//! ad_storage, ad_user_data, ad_personalization     marketing
//! analytics_storage                                statistics
//! functionality_storage, personalization_storage   preferences
//! security_storage                                 always granted
//! ```
//!
//! A site maps a signal to another category where that does not fit it,
//! or to `denied` (a site without remarketing writes
//! `ad_personalization: denied`); [`consent::ConsentMode::map`] and
//! [`consent::ConsentMode::deny`] change the mapping for one page:
//!
//! ```
//! use cookie_decl::{declare_cookies, Category};
//! use cookie_decl::consent::{self, CategorySet, ConsentCookie, ConsentSignal};
//!
//! declare_cookies! {
//!     pub struct SiteCookies {
//!         site: "https://data.example.fr",
//!         consent_mode: {
//!             functionality_storage: necessary,   // the language the site needs
//!             ad_personalization: denied,         // no remarketing
//!         },
//!     }
//!     necessary {
//!         consent { provider: "Example", service: "Consentement",
//!                   purpose: "Se souvenir du choix du visiteur.", max_age: 6 months,
//!                   stores_consent: true }
//!     }
//!     marketing {
//!         extern "_gcl_au" { provider: "Google", service: "Google Ads",
//!                            purpose: "Mesurer les conversions.", max_age: 3 months }
//!     }
//! }
//!
//! let yes = ConsentCookie::<SiteCookies>::unsigned().record("", CategorySet::ALL);
//! let mode = consent::consent_mode(yes.consent());
//! assert!(mode.granted(ConsentSignal::AdStorage));
//! assert!(!mode.granted(ConsentSignal::AdPersonalization));
//! let before = ConsentCookie::<SiteCookies>::unsigned().read("");
//! assert!(consent::consent_mode(&before).granted(ConsentSignal::FunctionalityStorage));
//! ```
//!
//! The keys are Google's seven, each at most once; the value a category
//! or `denied`. `security_storage` stays granted (storage for
//! authentication and fraud prevention is strictly necessary, CNIL
//! deliberation 2020-091, article 5); `ad_storage`, `ad_user_data`,
//! `ad_personalization` and `analytics_storage` are never `necessary`
//! (Google's tags would store trackers before a yes, ePrivacy 5(3)); a
//! category is one the site asks consent for (another is never granted:
//! write `denied`). The mapping is part of the declaration's fingerprint,
//! since a visitor's yes reaches Google's tags through it.
//!
//! # Lookup by real name
//!
//! `declare_cookies!` also defines a macro named like the registry that finds
//! a constant by the cookie's real name, checked at compile time:
//! `SiteCookies!("__Host-sid")` is `SiteCookies::SESSION`, and a name that is
//! not declared is a compile error that points at the literal and lists the
//! declared names. Macros live in their own namespace, so importing the
//! registry imports its macro too; the type must be in scope where the macro
//! is used.
//!
//! ```
//! mod cookies {
//!     cookie_decl::declare_cookies! {
//!         pub struct SiteCookies { site: "https://example.fr" }
//!         necessary {
//!             "__Host-sid" as SESSION { provider: "Example", service: "Login", purpose: "Keep you signed in." }
//!         }
//!     }
//! }
//!
//! use cookies::SiteCookies;
//!
//! assert_eq!(SiteCookies!("__Host-sid"), SiteCookies::SESSION);
//! ```
//!
//! ```compile_fail
//! # mod cookies {
//! #     cookie_decl::declare_cookies! {
//! #         pub struct SiteCookies { site: "https://example.fr" }
//! #         necessary {
//! #             "__Host-sid" as SESSION { provider: "Example", service: "Login", purpose: "Keep you signed in." }
//! #         }
//! #     }
//! # }
//! # use cookies::SiteCookies;
//! // error: no cookie named `__Host-side` is declared in `SiteCookies`, declared are `__Host-sid`
//! let _ = SiteCookies!("__Host-side");
//! ```
//!
//! From another crate of the same application: a `pub` registry exports its
//! macro, so `use app_cookies::SiteCookies;` brings both, and
//! `SiteCookies!("__Host-sid")` works there as well.
//!
//! # Rules checked at compile time
//!
//! Every breach is a compile error at the offending token that says how to
//! fix it, and all breaches of one declaration are reported in one build.
//! When a declaration has errors, the registry is still generated, so code
//! that uses it reports nothing more.
//!
//! - Grammar: unknown category or field (with the closest valid one),
//!   duplicate field, missing or empty `provider`, `service` or `purpose`,
//!   text that would not fit a line of the charte (or of the banner),
//!   malformed `max_age`, `site` that is not an absolute `http(s)` URL,
//!   `consent_url`, `preferences_url` or `charte_url` that is not a path
//!   of the site (`"/..."`, not `"//..."`).
//! - Names (RFC 6265bis §4.1.1): non-empty, token characters only; no two
//!   cookies with the same name, path and domain; no two names making the
//!   same constant.
//! - Prefixes, matched case-insensitively as browsers do (RFC 6265bis
//!   §4.1.3): `__Secure-` requires `secure: true`; `__Host-` requires
//!   `secure: true`, `path: "/"` and no `domain`.
//! - `same_site: None` and `partitioned: true` require `secure: true`.
//! - `path` starts with `/`; `domain` is a host name.
//! - No lifetime over 400 days (RFC 6265bis §5.5: browsers cap it there).
//! - `statistics` and `marketing` cookies live at most 13 months, that is
//!   390 days (CNIL deliberation 2020-091).
//! - `consent_exempt: true` only in `statistics` (CNIL deliberation
//!   2020-091: only audience measurement may be exempt).
//! - `extern` cookies take no attribute their depositor decides (`secure`,
//!   `http_only`, `same_site`); their `domain`, `path` and `partitioned`
//!   say where the depositor puts them, which a withdrawal's removal must
//!   match.
//! - At most one cookie is marked `stores_consent: true`, in `necessary`
//!   and not `extern` (CNIL deliberation 2020-091: it needs no consent);
//!   `consent_retention` is a duration of at most 13 months and needs that
//!   cookie, which lives no longer than a choice is kept.
//! - At most one cookie is marked `csrf_token: true`, in `necessary` (the
//!   token is needed before any consent: strictly necessary, CNIL
//!   deliberation 2020-091), not `extern` (the application issues the
//!   token), not `same_site: None` (a cross-site form would carry it) and
//!   not the `stores_consent` cookie.
//! - An `extern` pattern (`_ga_*`) has `path: "/"`: a server learns the
//!   names it matches only from the cookies a request carries, and the
//!   browser never sends the consent form a cookie scoped to another path,
//!   so a withdrawal could not remove it. Declare such cookies by their
//!   exact names.
//! - Tags and embeds: `sets` names declared cookies (with the closest
//!   name when one is misspelt), `extern` ones, of the tag's category (a
//!   tag's cookies are in its category: consent to it is what loads the
//!   tag; a `necessary` tag sets only `necessary` cookies); `src` is an
//!   absolute `https://` URL or a path on the site's own origin
//!   (`"/matomo.js"`), never a scheme-relative `"//host/..."`; a tag has
//!   exactly one of `src` and `inline`; `inline`
//!   holds neither `</script` nor `<!--` (either would let the snippet
//!   out of its element), in any case; `loading` only on a tag with
//!   `src`; no two tags share a name, and no constant is taken twice.
//! - In a registry that declares a tag or an embed, an `extern` cookie
//!   that needs consent is in the `sets` of one, or says what deposits it
//!   with `set_by: "..."` (ePrivacy 5(3): nothing the gate does not hold
//!   back); `set_by` is for `extern` cookies only.
//! - `consent_mode`: Google's seven keys, each once, mapped to a category
//!   or `denied`; `security_storage` always granted; the advertising and
//!   analytics signals never `necessary`; a category the site asks
//!   consent for (see "Consent Mode").
//! - Known trackers (CNIL deliberations 2020-091 and 2020-092): a cookie
//!   whose name the world knows as one platform's analytics or
//!   advertising tracker (`_ga`, `_fbp`, `_gcl_au`, `IDE`, an `extern
//!   "_hjSessionUser_*"`) is not `necessary` (it would be set without
//!   consent) nor `preferences` (a consent to preferences is no consent
//!   to a tracker): the error names the platform and the category the
//!   cookie belongs in. A site's own cookie that merely shares such a name
//!   says `not_a_known_tracker: true`, refused where it changes nothing.
//!   Names several platforms share (`_pk_id.*`: Matomo and Piwik PRO) and
//!   generic ones (`sessionid`, `csrftoken`) are never flagged.
//!
//! ```compile_fail
//! cookie_decl::declare_cookies! {
//!     pub struct Cookies { site: "https://example.fr" }
//!     necessary {
//!         // error: cookie name `__Host-sid` has the `__Host-` prefix, which forbids a `domain` ...
//!         "__Host-sid" { provider: "Example", service: "Login", purpose: "Keep you signed in.",
//!                        domain: "example.fr" }
//!     }
//! }
//! ```
//!
//! Two mistakes are found where the registry is used, not where it is
//! declared: a [`consent::ConsentCookie`] of a registry without a
//! `stores_consent` cookie does not compile (see [`consent`]); and a
//! registry that keeps consent but declares no `csrf_token` cookie, used
//! with the code that needs the token (the framework integrations'
//! `CsrfToken` and `ConsentChoice`, [`consent::CsrfToken::for_request`]),
//! stops `cargo build` with one error at the registry's name that says
//! what to declare (`cargo check` does not evaluate the constant, and
//! does not see it).
//!
//! What the messages look like, one for each rule:
//!
//! ```text
//! unknown category `necesary`, did you mean `necessary`?
//! unknown field `provder`, did you mean `provider`?
//! duplicate field `secure`: remove one of them
//! cookie `sessionid` is missing `purpose`: add `purpose: "..."`, what the cookie is for
//! `site` must be an absolute `https://` (or `http://`) URL, such as `"https://data.example.fr"`, found `"example.fr"`
//! unknown unit `fortnights` in `max_age`, expected `seconds`, `minutes`, `hours`, `days`, `weeks`, `months` or `years`
//! cookie name `session id` has a space, which is not allowed in a cookie name (RFC 6265bis section 4.1.1): use ASCII letters, digits and ``!#$%&'*+-.^_`|~``
//! cookie `sid` is declared twice with the same path and domain: remove one, or give them different `path` or `domain`
//! cookies `a-b` and `a_b` both make the constant `A_B`: name one with `as OTHER_NAME`
//! cookie name `__Secure-id` has the `__Secure-` prefix, which requires `secure: true` (RFC 6265bis section 4.1.3.1)
//! cookie name `__host-sid` has the `__Host-` prefix (browsers match it in any case), which requires `path: "/"`, found `"/app"` (RFC 6265bis section 4.1.3.2)
//! cookie name `__Host-sid` has the `__Host-` prefix, which forbids a `domain`, found `"example.fr"` (RFC 6265bis section 4.1.3.2): remove it, a `__Host-` cookie is bound to its host
//! cookie `embed` has `same_site: None`, which requires `secure: true`: browsers reject it otherwise
//! cookie `embed` has `partitioned: true`, which requires `secure: true`: browsers reject it otherwise
//! `path` must start with `/`, found `"app"`: browsers ignore it otherwise
//! cookie `theme` lives 2 years, over the 400 days browsers keep a cookie (RFC 6265bis section 5.5): use at most `400 days`
//! `statistics` cookie `_pk_id` lives 14 months, over the 13 months the CNIL allows a tracker (deliberation 2020-091): use at most `13 months` (390 days)
//! `consent_exempt` applies to audience measurement only (CNIL deliberation 2020-091): move cookie `ad` to `statistics` or remove `consent_exempt`
//! `secure` has no effect on an `extern` cookie, which another party sets: remove it
//! cookie `choice` stores the visitor's consent, so it must need none itself: move it to `necessary` (CNIL deliberation 2020-091, article 5)
//! cookies `consent` and `consent_v2` are both marked `stores_consent: true`: the visitor's choice lives in one cookie, remove the mark from one of them
//! `consent_retention` of 2 years is over 13 months: ask again within the lifetime the CNIL allows a tracker (deliberation 2020-091); the CNIL's reference is `6 months` (deliberation 2020-092)
//! cookie `consent` stores the visitor's consent and lives 13 months, longer than a choice is kept (6 months, the default `consent_retention`): use at most `max_age: 6 months`, or set `consent_retention` in the header (at most 13 months)
//! cookie `__Host-csrf` holds the consent forms' CSRF token, so it must not have `same_site: None`: a form posted from another site would carry it, which is what the token must prevent; use `same_site: Strict`
//! extern cookie pattern `_pk_*` at `path: "/stats"` cannot be removed on withdrawal: the browser sends it only to `/stats`, never to the consent form; declare each cookie it stands for by its exact name (`extern "_pk_id" { path: "/stats", ... }`), or use `path: "/"`
//! `src` must be an absolute `https://` URL, such as `"https://stats.example.fr/matomo.js"`, or a path on the site itself, such as `"/matomo.js"`, found `"//stats.example.fr/matomo.js"`: ...
//! tag `matomo` sets `_pk_idd.*`, which is not a declared cookie: declare it in `statistics` with `extern "_pk_idd.*" { ... }`, or fix the name; did you mean `_pk_id.*`?
//! `extern` cookie `_ga_*` needs consent, and no declared tag or embed sets it: add it to the `sets` of the `tag` or `embed` that deposits it, ...
//! unknown Consent Mode signal `analytic_storage` in `consent_mode`, did you mean `analytics_storage`?
//! `ad_storage: necessary` would grant `ad_storage` without consent, so that Google's tags store trackers before a yes (ePrivacy directive, article 5(3)): map it to a category the visitor consents to, such as `marketing`, or write `denied`
//! cookie `_ga` is a `statistics` cookie of Google Analytics (tells visitors apart, to count visitors and visits), not a `necessary` one: a tracker needs the visitor's consent, only strictly necessary cookies are exempt (CNIL deliberation 2020-091); declare it under `statistics`, or, if this site's own cookie merely shares the name, add `not_a_known_tracker: true`
//! no cookie named `sessionidd` is declared in `Cookies`, declared are `sessionid`, `csrftoken`; did you mean `sessionid`?
//! `Cookies` declares no cookie that stores the visitor's consent
//! `Boutique` declares no cookie that holds the consent form's CSRF token: declare a `necessary` cookie marked `csrf_token: true` in `declare_cookies!`, ideally `"__Host-csrf"` with `same_site: Strict`
//! ```
//!
//! Each rule has a UI test in the repository's `tests/ui/` (and
//! `tests/ui-build/` for the build error), its `.stderr` the exact message.
//!
//! # Values
//!
//! [`DeclaredCookie::cookie`] percent-encodes every byte of a value that
//! would corrupt the header (see its docs), so `"x; Domain=evil.example"`
//! never sets a `Domain`; [`DeclaredCookie::read`] decodes it back, and
//! [`DeclaredCookie::try_cookie`] refuses such values with a
//! [`ValueError`]. A name and value over the 4096 bytes browsers keep is
//! never sent: `.try_cookie` refuses it with [`ValueError::TooLarge`], and
//! `.cookie` sends the cookie's removal instead, so no stale value lingers.
//! Nothing panics on what a client sends: a malformed value is a
//! [`DecodeError`].
//!
//! Frameworks: axum, and anything that sends a `Set-Cookie` line as it is,
//! take these cookies directly (`cookie.to_string()` is the line). Rocket's
//! and poem's cookie jars percent-encode every value once more on the way
//! out, so through them send values that need no encoding
//! (`.try_cookie`, [`CookieValue`]), or append the line as a raw header;
//! this crate's readers decode what such a jar encoded. actix-web 4 is on
//! `cookie` 0.16: send the line as a raw header. The repository's
//! `rocket_site`, `poem_site` and `actix_site` examples show these ways,
//! tested.
//!
//! # Consent
//!
//! [`consent`] makes the declaration own consent on the server: read the
//! visitor's choice from a request ([`consent::ConsentCookie::read`]), set
//! every cookie that is not `necessary` through the gate
//! ([`consent::Consent::cookie`]: `None` without a yes), record a choice
//! or a withdrawal with the exact removals it calls for
//! ([`consent::ConsentCookie::record`]), keep the proof
//! ([`consent::ConsentRecord`]) and audit real traffic
//! ([`consent::audit_request`], [`consent::audit_response`]). A choice made
//! on another version of the declaration, older than `consent_retention`,
//! or not written by the application counts as not asked. Its documentation
//! walks through each step with the CNIL rule it meets.
//! [`consent::banner`] and [`consent::preferences`] give the consent
//! banner and the preferences page, generated at compile time from the
//! declaration in French and English.
//!
//! ```
//! use cookie_decl::{declare_cookies, Category};
//! use cookie_decl::consent::{CategorySet, ConsentCookie};
//!
//! declare_cookies! {
//!     pub struct SiteCookies { site: "https://data.example.fr" }
//!     necessary {
//!         consent {
//!             provider: "Example", service: "Consentement",
//!             purpose: "Se souvenir du choix du visiteur.",
//!             max_age: 6 months, stores_consent: true,
//!         }
//!     }
//!     statistics {
//!         visits {
//!             provider: "Example", service: "Mesure d'audience",
//!             purpose: "Compter les visites.", max_age: 13 months,
//!         }
//!     }
//! }
//!
//! let store = ConsentCookie::<SiteCookies>::unsigned();
//! let consent = store.read("visits=3");
//! assert!(consent.needs_asking());
//! assert_eq!(consent.cookie(SiteCookies::VISITS, "4"), None);
//!
//! let recorded = store.record("visits=3", CategorySet::from(Category::Statistics));
//! assert!(recorded.consent().cookie(SiteCookies::VISITS, "4").is_some());
//! ```
//!
//! # Compile time
//!
//! Every rendering of the charte and every lookup is built during macro
//! expansion, so none costs anything at run time. The macro runs again on
//! each rebuild of the crate that declares the registry and, like every
//! proc macro in a debug build, unoptimised: a registry of 1,000 cookies
//! adds about 0.05 s to an incremental debug build. A workspace with a large
//! registry can have proc macros optimised in debug builds:
//!
//! ```toml
//! [profile.dev.build-override]
//! opt-level = 3
//! ```
//!
//! # Features
//!
//! - `serde`: `serde::Serialize` for registries, [`CookieSpec`] and
//!   [`Category`]. `serde_json::to_string(&SiteCookies)` gives
//!   `{"site": ..., "cookies": [{"name", "provider", "service", "purpose",
//!   "category", "needs_consent", "consent_exempt", "lifetime", "max_age", "external",
//!   "pattern", "secure", "http_only", "same_site", "path", "domain",
//!   "partitioned"}, ...]}`: the list of trackers a front-end consent manager
//!   (tarteaucitron, Klaro, Cookiebot) asks for; and for
//!   [`consent::ConsentRecord`], the proof of a choice as a JSON object.
//! - `axum`: `cookie_decl::axum`, the glue for axum 0.8: the visitor's
//!   consent (honouring Global Privacy Control), its CSRF token, the
//!   CSRF-checked consent form (`ConsentChoice`) and the site's other forms
//!   (`CsrfForm`) as extractors, a recorded choice as response parts, and
//!   `ConsentLayer`, which audits every request, reports, drops or rewrites
//!   every `Set-Cookie` the declaration does not allow as it is, and gives
//!   the pages that depend on the visitor `Vary: Cookie` and a `private`
//!   `Cache-Control` (`Caching`). It depends on axum's core crates only,
//!   and turns on `signed` and `file-store`.
//! - `rocket`, `actix`, `poem`: `cookie_decl::rocket`, `cookie_decl::actix`
//!   and `cookie_decl::poem`, the same glue for Rocket 0.5, actix-web 4 and
//!   poem 3: `Consent` and `CsrfToken` as request guards or extractors,
//!   `ConsentChoice` and `CsrfForm`, `WithCookies` and `Recorded` as
//!   responses, and `ConsentFairing` (Rocket) or `ConsentMiddleware`
//!   (actix-web, poem). One framework-agnostic core serves all four: the
//!   check is one type (`ConsentLayer`, `ConsentFairing` and
//!   `ConsentMiddleware` are its names), with one behaviour. Each depends
//!   on its framework's crate without its default features (actix-web's
//!   `cookies` aside, for `actix::to_actix`), and turns on `signed` and
//!   `file-store`. Rocket's fairing also warns at ignition of each address
//!   the generated pages use (`CONSENT_URL`, `PREFERENCES_URL`,
//!   `CHARTE_URL`) that no route serves.
//!
//! | feature | framework | supported | tested with |
//! |---|---|---|---|
//! | `axum` | axum | 0.8 (`axum-core` 0.5) | 0.8.9 |
//! | `rocket` | Rocket | 0.5 | 0.5.1 |
//! | `actix` | actix-web | 4 | 4.12.1 |
//! | `poem` | poem | 3 | 3.1.12 |
//!
//! Each is built alone in CI (`cargo check -p cookie-decl --features
//! rocket`, and so on), and `tests/frameworks_journey.rs` walks one consent
//! journey through all four.
//! - `signed`: `ConsentCookie::signed`, a consent cookie sealed with
//!   HMAC-SHA256 under the application's `cookie::Key`, over a label of
//!   its own, the consent cookie's name and the value: nobody without the
//!   key can forge a choice, and no value signed for another cookie counts
//!   as one. It uses the `hmac` and `sha2` crates the `cookie` crate's
//!   signed jar is built on.
//! - `postgres`: `consent::proof::PgStore`, the proof of each choice kept
//!   in PostgreSQL through a pool of connections, for a site served by
//!   several machines. It runs on tokio, with `tokio-postgres`.
//! - `file-store`: `consent::proof::FileStore`, the proof of each choice
//!   kept in files of a directory of the site's own, no server needed, and
//!   `AnyStore`, which opens a directory or a database as a deployment
//!   says. Each framework feature turns it on. It uses `libc` on Unix
//!   (`openat` and `O_NOFOLLOW`, so that no link redirects a write): a
//!   framework's tree builds it anyway, and the default build, without
//!   it, compiles no libc.
//!
//! A build without features (`cargo tree -p cookie-decl -e normal`: 16
//! crates, the three of cookie-decl, `cookie` and `time`, syn for the
//! macro) has the declaration, its builders and chartes, and the whole of
//! `consent` (reading, gating, forms, CSRF tokens, audits,
//! [`Retrying`](consent::proof::Retrying) and the
//! [`ProofStore`](consent::proof::ProofStore) trait) for glue of one's
//! own.
#![deny(missing_docs)]

// The generated code names `::cookie_decl`, also inside this crate (the
// `example` module of the docs).
extern crate self as cookie_decl;

// The run time: every public module and item, and what the generated code
// calls. It is a crate of its own, which does not depend on the macro
// crate, so that a clean build compiles the two side by side; this crate
// joins them.
pub use cookie_decl_core::*;
// The `cookie` crate the run time is built on (one version of it in any
// build), re-exported from here: through the glob, rustdoc would copy
// every page of `cookie` into these docs.
pub use cookie;

#[cfg(doc)]
pub mod example;

/// What the code that `declare_cookies!` generates calls: the run-time
/// crate's helpers and the macros it expands to. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use cookie_decl_core::__private::*;
    /// `declare_cookies!` with the pages `cargo doc` shows: what a
    /// declaration expands to under `#[cfg(doc)]`, its build expansion
    /// leaving them out.
    pub use cookie_decl_macros::declare_cookies_documented;
    /// The lookup by real name behind the macro named like a registry
    /// (`SiteCookies!("__Host-sid")`).
    pub use cookie_decl_macros::lookup_cookie;
}

/// Declares a site's cookies: see the [crate documentation](crate) for the
/// grammar, the generated API and the rules it checks.
///
/// ```
/// cookie_decl::declare_cookies! {
///     pub struct SiteCookies { site: "https://example.fr" }
///     necessary {
///         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
///     }
/// }
///
/// assert_eq!(SiteCookies::SID.name(), "sid");
/// ```
pub use cookie_decl_macros::declare_cookies;

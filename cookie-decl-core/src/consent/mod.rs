//! Consent, owned by the declaration: read the visitor's choice, gate the
//! cookies that need it, record a choice or a withdrawal with the removals
//! it calls for, keep the proof, and audit real traffic.
//!
//! Framework-agnostic: everything reads a `Cookie` header (`&str`) or a
//! [`cookie::CookieJar`], and writes [`cookie::Cookie`]s to send as
//! `Set-Cookie`.
//!
//! # Walkthrough
//!
//! Each step names the rule it satisfies (sources in the crate's
//! `CONSENT` notes: CNIL deliberations 2020-091 and 2020-092, GDPR, the
//! ePrivacy directive).
//!
//! ## 1. Declare where the choice is kept
//!
//! One `necessary` cookie is marked `stores_consent: true`: remembering the
//! visitor's choice is strictly necessary, so it needs no consent itself
//! (2020-091, art. 5). The macro checks there is at most one, that it is
//! `necessary` and set by this application, and that it does not outlive
//! the choice. `consent_retention` in the header says how long a choice
//! counts: 6 months, the CNIL's reference (2020-092), unless you say, and
//! at most 13 months (checked at compile time).
//!
//! ```
//! # extern crate cookie_decl_core as cookie_decl;
//! use cookie_decl::{declare_cookies, Category, Lang};
//! use cookie_decl::consent::{self, CategorySet, ConsentCookie, ConsentForm, CsrfToken, FormAction, FormOrigin};
//!
//! declare_cookies! {
//!     pub struct SiteCookies {
//!         site: "https://data.example.fr",
//!         consent_retention: 6 months,
//!     }
//!     necessary {
//!         "__Host-sid" as SESSION {
//!             provider: "Example", service: "Authentification",
//!             purpose: "Garder l'utilisateur connecté.", max_age: 12 hours,
//!         }
//!         cookies_preferences as CONSENT {
//!             provider: "Example", service: "Choix concernant les cookies",
//!             purpose: "Se souvenir du choix du visiteur.", max_age: 6 months,
//!             stores_consent: true,
//!         }
//!         "__Host-csrf" as CSRF {
//!             provider: "Example", service: "Formulaires",
//!             purpose: "Protéger les formulaires.", same_site: Strict,
//!             csrf_token: true,
//!         }
//!     }
//!     preferences {
//!         lang {
//!             provider: "Example", service: "Langue", purpose: "Se souvenir de la langue.",
//!             max_age: 1 year, http_only: false,
//!         }
//!     }
//!     statistics {
//!         visits {
//!             provider: "Example", service: "Mesure d'audience",
//!             purpose: "Compter les visites.", max_age: 13 months,
//!         }
//!         extern "_ga_*" as GA {
//!             provider: "Google", service: "Google Analytics",
//!             purpose: "Distinguer les visiteurs.", max_age: 13 months,
//!             domain: ".data.example.fr",
//!         }
//!     }
//! }
//!
//! // One per application, in its state: sealed with the site's secret key
//! // (feature `signed`), the same on every server. Without the feature,
//! // `ConsentCookie::unsigned()` seals with a public checksum, which
//! // catches edits and not forgers (see `ConsentCookie`).
#![cfg_attr(
    feature = "signed",
    doc = "let store = ConsentCookie::<SiteCookies>::signed(cookie_decl::cookie::Key::generate());"
)]
#![cfg_attr(
    not(feature = "signed"),
    doc = "let store = ConsentCookie::<SiteCookies>::unsigned();"
)]
//!
//! // ## 2. Read the visitor's consent on every request
//! //
//! // No choice yet, a choice older than `consent_retention`, made on another
//! // version of the declaration, or a tampered cookie: "not asked yet", and
//! // nothing that needs consent is allowed (ePrivacy 5(3); 2020-091 art. 2;
//! // 2020-092 on renewing the choice).
//! let consent = store.read("_ga_K2X9=GS1.1; visits=4");
//! assert!(consent.needs_asking()); // show the banner
//! assert!(!consent.allows(Category::Statistics));
//!
//! // ## 3. Set every cookie that is not `necessary` through the gate
//! //
//! // No tracker before a yes (ePrivacy 5(3)).
//! assert_eq!(consent.cookie(SiteCookies::VISITS, "5"), None);
//!
//! // ## 4. Act only on the visitor's own form
//! //
//! // Consent is the visitor's own act (GDPR 4(11)): the banner carries a
//! // CSRF token that the visitor's `csrf_token` cookie holds too, and a
//! // posted form's action is only given once the two agree and the
//! // browser says the form came from this site.
//! let csrf = CsrfToken::<SiteCookies>::for_request("");
//! let csrf = csrf.expect("the operating system gives random bytes");
//! let banner = consent::banner::<SiteCookies>(Lang::Fr, csrf.as_str());
//! assert!(banner.contains(csrf.as_str()));
//! let cookie_header = csrf.set_cookie().unwrap().stripped().to_string();
//! let body = format!("csrf_token={}&consent=all", csrf.as_str());
//! let origin = FormOrigin::new().sec_fetch_site(Some(b"same-origin"));
//! let action = ConsentForm::parse(&body).unwrap().verify::<SiteCookies>(cookie_header.as_str(), origin);
//! assert_eq!(action, Ok(FormAction::Record(CategorySet::ALL)));
//! let forged = ConsentForm::parse("csrf_token=guess&consent=all").unwrap();
//! assert!(forged.verify::<SiteCookies>(cookie_header.as_str(), origin).is_err());
//!
//! // ## 5. Record the visitor's choice: accept all, refuse all, or a subset
//! //
//! // One choice per category, refusing as easy as accepting (2020-092).
//! // The consent cookie, then the removal of every cookie of each refused
//! // category, with its declared Path, Domain, Secure, SameSite,
//! // Partitioned and HttpOnly, so that browsers really delete it: the
//! // `extern` ones declared by name wherever they are, those a pattern
//! // matches when the request carries them. Send it even if keeping the
//! // proof fails: a withdrawal is never refused.
//! let yes = store.record(cookie_header.as_str(), CategorySet::ALL);
//! assert!(yes.consent().allows(Category::Statistics));
//! assert!(yes.consent().cookie(SiteCookies::VISITS, "1").is_some());
//!
//! // ## 6. Withdraw: as easy as giving, at any time (GDPR 7(3))
//! //
//! // The next request carries the consent cookie the visitor got above.
//! let request = format!("{}; visits=1; _ga_K2X9=GS1.1",
//!                       yes.set_cookies()[0].stripped());
//! let withdrawn = store.record(request.as_str(), CategorySet::from(Category::Preferences));
//! let sent: Vec<String> = withdrawn.set_cookies().iter().map(|c| c.to_string()).collect();
//! assert!(sent[0].starts_with("cookies_preferences=1.1."));
//! assert_eq!(&sent[1..], [
//!     "visits=; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=0",
//!     "_ga_K2X9=; Secure; Path=/; Domain=data.example.fr; Max-Age=0",
//! ]);
//!
//! // ## 7. Keep the proof (GDPR 7(1); 2020-092)
//! //
//! // When, what, how, and on which information, refusals and withdrawals
//! // too: in a `proof::ProofStore` (the durable `proof::FileStore`, or
//! // PostgreSQL), with `proofs.append(record).await` before answering.
//! let record = withdrawn.record();
//! assert_eq!(record.withdrawn(), CategorySet::from(Category::Statistics));
//! assert!(record.is_withdrawal());
//! println!("{record}");
//!
//! // ## 8. Audit real traffic
//! //
//! // In a test of your application, or a middleware: cookies nobody
//! // declared, cookies present without consent, and `Set-Cookie`s that
//! // differ from their declaration.
//! let findings = consent::audit_response(
//!     ["visits=2; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=33696000"],
//!     withdrawn.consent(),
//! );
//! assert_eq!(findings[0].to_string(),
//!            "response sets `statistics` cookie `visits` without the visitor's consent");
//! ```
//!
//! # Each step and the rule it meets
//!
//! | step | code | rule it meets |
//! |---|---|---|
//! | declare where the choice is kept | a `necessary` cookie with `stores_consent: true`; `consent_retention` in the header | the consent cookie is strictly necessary (2020-091 art. 5); the choice is kept 6 months, then asked again (2020-092) |
//! | seal it | `ConsentCookie::signed(key)` (feature `signed`): HMAC-SHA256 under the site's key, bound to the declared `site` and the consent cookie's name | only a choice the site wrote counts, and no value it signs for anything else ([what the seal guarantees](ConsentCookie#what-the-seal-guarantees)) |
//! | read consent on each request | `let consent = store.read(cookie_header);` ([`ConsentCookie::read`]) | no choice, an expired one, one made on another version of the declaration, a tampered, forged or duplicated cookie is "not asked yet" |
//! | gate | `consent.cookie(SiteCookies::VISITS, value)` ([`Consent::cookie`]) gives `None` without a yes | no tracker before consent (ePrivacy 5(3); 2020-091 art. 2) |
//! | act on the visitor's own form only | `form.verify::<SiteCookies>(cookies, origin)` ([`ConsentForm::verify`]), the one way to a form's action: its CSRF token against the `csrf_token` cookie, and `Sec-Fetch-Site` / `Origin` ([`FormOrigin`]) | consent is the visitor's own act (GDPR 4(11)), not one a cross-site page forced |
//! | record a choice | `store.record(cookie_header, CategorySet::ALL)` ([`ConsentCookie::record`]; or `NONE`, or a subset) | one choice per category, refusing as easy as accepting (2020-092) |
//! | withdraw | the same call with fewer categories: the consent cookie and the exact removal of every cookie of each refused category, `extern` ones included, on their declared path and domain even when the request cannot carry them | withdrawing as easy as giving, at any time (GDPR 7(3)) |
//! | prove | `proofs.append(recorded.record()).await` ([`proof::ProofStore::append`]) once the removals are on their way (an error is logged and retried, never a reason to refuse the withdrawal): id, time, how (accept all, refuse all, customised), categories granted, refused and withdrawn, declaration fingerprint, charte and banner versions | be able to prove consent, and refusals (GDPR 7(1); 2020-092) |
//! | honour Global Privacy Control | `store.read_with_gpc(cookie_header, consent::gpc_signal(sec_gpc))` ([`ConsentCookie::read_with_gpc`]), [`banner_for`]`(&consent, lang, token)`, `recorded.noting_gpc(gpc)` ([`Recorded::noting_gpc`]) | a visitor whose browser sends `Sec-GPC: 1` and has not chosen reads as refusing marketing ([`ConsentCookie::gpc_refuses`] for statistics too): the banner asks only about the rest and says so, a site asking only for marketing shows none, an explicit yes still counts, the proof notes the signal; binding in California and other US states, a courtesy in the EU |
//! | tell Google's tags | `consent::consent_mode(&consent).nonce(csp_nonce)` ([`consent_mode`]) in the `<head>`, before any tag | Consent Mode v2 defaults from the visitor's actual choice and the header's `consent_mode`, so that nothing is stored before a yes; [`ConsentMode::map`] and [`ConsentMode::deny`] change the mapping for one page; [`ConsentMode::clarity`] gives Microsoft Clarity's `consentv2` from the same mapping |
//! | audit | [`audit_request`]`(header, &consent)`, [`audit_response`]`(set_cookies, &consent)` | catches undeclared cookies, trackers a script set before consent, unreadable and duplicated cookies, and `Set-Cookie`s that differ from the declaration |
//!
//! The framework integrations (features `axum`, `rocket`, `actix`,
//! `poem`) do the reading, the form's check, the Global Privacy Control
//! signal and the audit for each request, and send what a step gives.
//!
//! # What holds, and what does not
//!
//! - **Signed** (`ConsentCookie::signed`): nobody without the key can
//!   make a choice that counts, and no value the site signs for another
//!   cookie, nor the consent cookie of a registry with another `site` (a
//!   staging site sharing the key), another name or other cookies,
//!   verifies as consent. A sealed value can still be copied by whoever
//!   can read the visitor's cookies: it proves the site wrote that choice,
//!   not who carries it. [`proof::bind`] also refuses a choice whose
//!   proof the store does not hold.
//! - **Unsigned** ([`ConsentCookie::unsigned`]): a public checksum, which
//!   catches an edited value and nothing more: anyone who can set a cookie
//!   in the visitor's browser can plant a valid "accept all". For tests,
//!   or a site that never needs to prove a choice.
//! - **Duplicates fail closed**: a request carrying the consent cookie (or
//!   the CSRF cookie, or any cookie `read_header` reads) twice with
//!   different values, as a cookie planted on a longer `Path` or a parent
//!   `Domain` arrives, reads as not asked, never as the more generous
//!   value. The integrations read the request's `Cookie` headers for
//!   this; a `CookieJar` (one cookie per name, the one its framework kept)
//!   cannot show the duplicate, so read the headers, not a jar, where it
//!   matters.
//! - **A `__Host-` name is the strong choice**: browsers accept a
//!   `__Host-consent` or `__Host-csrf` cookie only `Secure`, on `Path=/`,
//!   without `Domain`, so neither a sibling subdomain nor a network
//!   attacker on plain HTTP can plant one. The published chartes' plain
//!   names (`cookies_preferences`) still work, with the protections above.
//! - **Bytes**: a `Cookie` header with a stray non-ASCII or control byte
//!   loses that pair only ([`RequestCookies`]); the audit reports it.
//! - **CSRF**: a form posted from another site is refused (no `SameSite`
//!   cookie, no readable token, `Sec-Fetch-Site: cross-site`), and so is
//!   one from a sibling subdomain (`Sec-Fetch-Site: same-site`, or an
//!   `Origin` of another host). A browser that sends neither header leaves
//!   the token alone to decide: a sibling subdomain can then plant a CSRF
//!   cookie of its own (a parent `Domain`) and post the token it chose,
//!   unless the cookie is `__Host-`. The `Origin`'s scheme is not compared
//!   (a site served over plain HTTP in development keeps working). A
//!   script running on the site's own pages defeats all this, as it
//!   defeats any CSRF defence.
//! - **Keys**: a key rotates without asking anyone again, and a leaked one
//!   is dropped at once ([rotating the
//!   key](ConsentCookie#rotating-the-key)).
//!
//! The repository's `tests/attacks.rs` tries each attack above.
//!
//! # What counts as consent
//!
//! - `necessary` cookies are always allowed, and so are `statistics`
//!   cookies declared `consent_exempt: true` (audience measurement under
//!   the CNIL's conditions for exemption, 2020-091 art. 5); a refusal does
//!   not remove them.
//! - Any other cookie needs an explicit yes to its category.
//! - A visitor is *not asked yet* when the request has no consent cookie,
//!   or its choice is older than `consent_retention`, or was made on
//!   another version of the declaration (its fingerprint differs: a cookie
//!   was added, or one's name, category, provider, purpose or lifetime
//!   changed; the charte's wording does not count), or its cookie is not
//!   one this application wrote (malformed, edited, not signed with the
//!   application's key, signed for something else), or the request
//!   carries it twice with different values (one may be planted: neither
//!   counts). [`Consent::not_asked_reason`] says which.
//! - A form's choice counts only through [`ConsentForm::verify`]: posted
//!   from the site's own pages, with the visitor's CSRF token.
//!
//! A registry without a `stores_consent` cookie has no [`ConsentCookie`]:
//! using one does not compile.
//!
//! ```compile_fail
//! # extern crate cookie_decl_core as cookie_decl;
//! cookie_decl::declare_cookies! {
//!     pub struct Cookies { site: "https://example.fr" }
//!     statistics {
//!         visits { provider: "Example", service: "Audience", purpose: "Count visits." }
//!     }
//! }
//! // error: `Cookies` declares no cookie that stores the visitor's consent
//! let store = cookie_decl::consent::ConsentCookie::<Cookies>::unsigned();
//! ```

pub(crate) mod audit;
mod categories;
mod consent_cookie;
mod csrf;
mod form;
pub mod proof;
mod record;
mod request;
mod signals;
mod state;

pub use self::audit::{Finding, MAX_FINDINGS, SeenIn, audit_request, audit_response};
pub use self::categories::CategorySet;
pub(crate) use self::consent_cookie::external_removal;
pub use self::consent_cookie::{ConsentCookie, ConsentError, Recorded, StoredChoice};
pub use self::csrf::{CsrfError, CsrfRegistry, CsrfToken, FormOrigin};
pub use self::form::{
    ConsentForm, FormAction, FormError, FormFields, SiteForm, banner, banner_for, preferences,
};
pub use self::record::{ChoiceMethod, ConsentRecord, RecordId, RecordIdError};
pub use self::request::{Lookup, RequestCookies};
pub use self::signals::{ConsentMode, ConsentSignal, consent_mode, gpc_signal};
pub use self::state::{Consent, GateError, NotAsked};
pub use crate::random::RandomError;
pub use crate::tags::{EmbedHtml, TagsHtml, embed, tags};

use crate::{DeclaredCookie, Registry};

/// A registry that declares a cookie marked `stores_consent: true`:
/// `declare_cookies!` implements it, with what it computed at compile
/// time.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::{declare_cookies, Category};
/// use cookie_decl::consent::{CategorySet, ConsentRegistry};
///
/// declare_cookies! {
///     pub struct Cookies { site: "https://example.fr", consent_retention: 3 months }
///     necessary {
///         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
///                   max_age: 3 months, stores_consent: true }
///     }
///     statistics {
///         _pk_id { provider: "Matomo", service: "Audience", purpose: "Count visits.",
///                  max_age: 13 months, http_only: false }
///         audience { provider: "Example", service: "Audience", purpose: "Count pages.",
///                    max_age: 13 months, consent_exempt: true }
///     }
/// }
///
/// assert_eq!(Cookies::CONSENT_COOKIE, Cookies::CONSENT);
/// assert_eq!(Cookies::RETENTION_SECONDS, 90 * 24 * 60 * 60);
/// assert_eq!(Cookies::ASKED, CategorySet::from(Category::Statistics));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` declares no cookie that stores the visitor's consent",
    label = "`{Self}` has no `stores_consent` cookie",
    note = "mark the `necessary` cookie that keeps the visitor's choice with \
            `stores_consent: true` in `declare_cookies!`"
)]
pub trait ConsentRegistry: Registry {
    /// The cookie marked `stores_consent: true`.
    const CONSENT_COOKIE: DeclaredCookie;

    /// How long a choice counts, in seconds: the header's
    /// `consent_retention`, 6 months (of 30 days) by default.
    const RETENTION_SECONDS: u64;

    /// The categories the site asks consent for: those with a cookie that
    /// needs it (not `necessary`, not `consent_exempt`), or a tag or an
    /// embed (which needs consent in any category but `necessary`, even
    /// one that declares no cookie: a Tag Manager container). "Tout accepter"
    /// grants these and no other, and the banner and the preferences page
    /// show a box for each.
    const ASKED: CategorySet;

    /// A hash of what a visitor consents to: every declared cookie's name,
    /// category, provider, purpose (in the site's first language: a
    /// translation more asks nobody again), lifetime and consent
    /// exemption, and
    /// every tag's and embed's name, kind, category, provider, service and
    /// the cookies it sets (not its `src`, `inline` or `loading`). A
    /// choice made on another fingerprint is not asked yet.
    const FINGERPRINT: u64;

    /// A hash of the text chartes in every published language: the
    /// information the visitor was shown, for the proof. Publishing one
    /// more language changes it (not [`FINGERPRINT`](Self::FINGERPRINT):
    /// nobody is asked again).
    const CHARTE_VERSION: u64;

    /// A hash of the banner's and the preferences page's templates in
    /// every published language: the wording the visitor was shown when
    /// asked, for the proof.
    const BANNER_VERSION: u64 = banner_version(Self::FORMS);

    /// The banner and the preferences page, as templates whose slots
    /// [`banner`] and [`preferences`] fill: `[banner, preferences]` for
    /// each language of [`LANGS`](Registry::LANGS), in its order.
    #[doc(hidden)]
    const FORMS: &'static [[&'static str; 2]];
}

/// 64-bit FNV-1a of the forms' templates, each followed by a zero byte:
/// every banner, then every preferences page (the order of the French and
/// English registries' hashes before there were other languages).
const fn banner_version(forms: &[[&str; 2]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut form = 0;
    while form < 2 {
        let mut lang = 0;
        while lang < forms.len() {
            let bytes = forms[lang][form].as_bytes();
            let mut i = 0;
            while i <= bytes.len() {
                let byte = if i < bytes.len() { bytes[i] } else { 0 };
                hash = (hash ^ byte as u64).wrapping_mul(0x0000_0100_0000_01b3);
                i += 1;
            }
            lang += 1;
        }
        form += 1;
    }
    hash
}

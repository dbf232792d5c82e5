//! The table of known cookies (`cookie_decl_scan::known`): its rows are
//! sorted, unique and well formed; a lookup finds a cookie by its exact
//! name or by a pattern, and not one it does not know; the main cookies of
//! the platforms French and European sites embed most are in it; and the
//! trackers `declare_cookies!` refuses under `necessary` or `preferences`
//! are the table's unambiguous ones, never a generic name nor a cookie of
//! the published chartes.

use std::path::PathBuf;

use cookie_decl::{Category, Lang, declare_cookies};
use cookie_decl_scan::known::{self, KNOWN, KnownCookie, Retention};

#[test]
fn rows_are_sorted_unique_and_well_formed() {
    for pair in KNOWN.windows(2) {
        assert!(
            pair[0].name <= pair[1].name,
            "`{}` sorts before `{}`: move it up",
            pair[1].name,
            pair[0].name
        );
        if pair[0].name == pair[1].name {
            assert_ne!(
                pair[0].platform, pair[1].platform,
                "`{}` twice",
                pair[0].name
            );
        }
    }
    let is_tchar = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    for known in KNOWN {
        let name = known.name;
        assert!(
            !name.is_empty() && name.chars().all(is_tchar),
            "`{name}` is not a cookie name"
        );
        assert!(
            !name.trim_end_matches('*').contains('*') && name != "*",
            "`{name}`: a pattern is a prefix followed by one `*`"
        );
        assert!(
            !known.platform.trim().is_empty(),
            "`{name}` has no platform"
        );
        assert!(
            known.provider.is_none_or(|p| !p.trim().is_empty()),
            "`{name}`: an empty provider"
        );
        if let Some(domain) = known.domain {
            assert!(
                domain.contains('.')
                    && domain
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-".contains(c))
                    && !domain.starts_with('.'),
                "`{name}`: `{domain}` is not a host name"
            );
        }
        for purpose in [known.purpose_en, known.purpose_fr] {
            assert!(
                purpose.starts_with(|c: char| c.is_lowercase())
                    && !purpose.ends_with('.')
                    && !purpose.chars().any(char::is_control)
                    && purpose.len() <= 130,
                "`{name}`: {purpose:?} is not a short phrase starting with a lowercase verb"
            );
        }
        assert_ne!(known.purpose_en, known.purpose_fr, "`{name}`: translate it");
        if let Retention::Seconds(seconds) = known.retention {
            assert!(
                (1..=400 * 86_400).contains(&seconds),
                "`{name}` lives {seconds} s: browsers keep a cookie at most 400 days"
            );
        }
    }
}

#[test]
fn exact_names() {
    let ga = known::lookup("_ga").unwrap();
    assert_eq!(ga.name, "_ga");
    assert_eq!(ga.platform, "Google Analytics");
    assert_eq!(ga.provider, Some("Google"));
    assert_eq!(ga.category, Category::Statistics);
    assert_eq!(ga.retention, Retention::Seconds(400 * 86_400));
    assert_eq!(ga.purpose(Lang::En), Some(ga.purpose_en));
    assert_eq!(ga.purpose(Lang::Fr), Some(ga.purpose_fr));
    let django = known::lookup("sessionid").unwrap();
    assert_eq!((django.platform, django.provider), ("Django", None));
    assert_eq!(django.category, Category::Necessary);
    // Cookie names are case-sensitive.
    assert!(known::lookup("_GA").is_none());
}

#[test]
fn patterns() {
    let property = known::lookup("_ga_K2X9Q1").unwrap();
    assert_eq!(property.name, "_ga_*");
    assert!(property.is_pattern());
    // The pattern's prefix alone is a name it stands for; a name that
    // only starts alike is not.
    assert_eq!(known::lookup("_ga_").unwrap().name, "_ga_*");
    assert_eq!(known::lookup("_gax").map(|k| k.name), None);
    assert_eq!(
        known::lookup("_hjSessionUser_3041").unwrap().platform,
        "Hotjar"
    );
    // An exact name wins over a pattern it also matches; a longer pattern
    // over a shorter one.
    assert_eq!(
        known::lookup("wordpress_test_cookie").unwrap().name,
        "wordpress_test_cookie"
    );
    assert_eq!(
        known::lookup("wordpress_logged_in_5c0f").unwrap().name,
        "wordpress_logged_in_*"
    );
    assert_eq!(known::lookup("wordpress_5c0f").unwrap().name, "wordpress_*");
    assert_eq!(
        known::lookup("_gat_gtag_UA_1234_1").unwrap().name,
        "_gat_gtag_*"
    );
    let names: Vec<&str> = known::lookup_all("_gat_gtag_UA_1234_1")
        .iter()
        .map(|k| k.name)
        .collect();
    assert_eq!(names, ["_gat_gtag_*", "_gat*"]);
}

#[test]
fn unknown_names() {
    for name in ["", "basket", "my_session", "ga", "_g", "*", "id", "token"] {
        assert!(known::lookup(name).is_none(), "{name}");
        assert!(known::lookup_all(name).is_empty(), "{name}");
    }
}

#[test]
fn a_name_of_several_platforms_gives_every_one_the_most_common_first() {
    let platforms =
        |name: &str| -> Vec<&str> { known::lookup_all(name).iter().map(|k| k.platform).collect() };
    assert_eq!(platforms("_pk_id.1.4c2f"), ["Matomo", "Piwik PRO"]);
    assert_eq!(platforms("XSRF-TOKEN"), ["Laravel", "Spring"]);
    assert_eq!(known::lookup("XSRF-TOKEN").unwrap().platform, "Laravel");
}

/// The main cookies of the platforms French and European sites embed
/// most: `(a name it sets, its platform, its category)`.
const MAIN_COOKIES: &[(&str, &str, Category)] = &[
    ("_ga", "Google Analytics", Category::Statistics),
    ("_ga_ABC123", "Google Analytics", Category::Statistics),
    ("_gid", "Google Analytics", Category::Statistics),
    ("td", "Google Tag Manager", Category::Statistics),
    ("_gcl_au", "Google Ads", Category::Marketing),
    ("IDE", "Google Ads", Category::Marketing),
    ("test_cookie", "Google Ads", Category::Marketing),
    ("VISITOR_INFO1_LIVE", "YouTube", Category::Marketing),
    ("YSC", "YouTube", Category::Marketing),
    ("_fbp", "Facebook", Category::Marketing),
    ("fr", "Facebook", Category::Marketing),
    ("_clck", "Microsoft Clarity", Category::Statistics),
    ("_uetsid", "Microsoft Advertising", Category::Marketing),
    ("MUID", "Microsoft Advertising", Category::Marketing),
    ("li_gc", "LinkedIn", Category::Necessary),
    ("bcookie", "LinkedIn", Category::Marketing),
    ("_ttp", "TikTok", Category::Marketing),
    ("guest_id", "X (Twitter)", Category::Marketing),
    ("_pin_unauth", "Pinterest", Category::Marketing),
    ("_hjSessionUser_3041", "Hotjar", Category::Statistics),
    ("_pk_id.1.4c2f", "Matomo", Category::Statistics),
    ("ppms_privacy_3041", "Piwik PRO", Category::Necessary),
    (
        "atuserid",
        "Piano Analytics (AT Internet)",
        Category::Statistics,
    ),
    ("hubspotutk", "HubSpot", Category::Marketing),
    ("intercom-id-abc", "Intercom", Category::Preferences),
    ("__zlcmid", "Zendesk", Category::Preferences),
    (
        "crisp-client%2Fsession%2F3041",
        "Crisp",
        Category::Preferences,
    ),
    ("axeptio_cookies", "Axeptio", Category::Necessary),
    ("didomi_token", "Didomi", Category::Necessary),
    ("CookieConsent", "Cookiebot", Category::Necessary),
    ("OptanonConsent", "OneTrust", Category::Necessary),
    ("tarteaucitron", "tarteaucitron.js", Category::Necessary),
    ("__cf_bm", "Cloudflare", Category::Necessary),
    ("__stripe_mid", "Stripe", Category::Necessary),
    ("ts_c", "PayPal", Category::Necessary),
    ("_shopify_y", "Shopify", Category::Statistics),
    ("wordpress_logged_in_5c0f", "WordPress", Category::Necessary),
    ("woocommerce_cart_hash", "WooCommerce", Category::Necessary),
    ("SSESS5c0f", "Drupal", Category::Necessary),
    ("csrftoken", "Django", Category::Necessary),
    ("sessionid", "Django", Category::Necessary),
    ("django_language", "Django", Category::Preferences),
    ("laravel_session", "Laravel", Category::Necessary),
    ("PHPSESSID", "PHP", Category::Necessary),
    ("ASP.NET_SessionId", "ASP.NET", Category::Necessary),
    ("JSESSIONID", "Java servlet containers", Category::Necessary),
];

#[test]
fn the_main_cookies_of_the_platforms_sites_embed_most() {
    for &(name, platform, category) in MAIN_COOKIES {
        let known = known::lookup(name).unwrap_or_else(|| panic!("`{name}` is unknown"));
        assert_eq!(
            (known.platform, known.category),
            (platform, category),
            "{name}"
        );
    }
}

/// What the trackers `declare_cookies!` knows must say: the rows of
/// `known::unambiguous_trackers`, as `cookie-decl-macros` holds them.
fn macro_table() -> String {
    let mut exact: Vec<&KnownCookie> = Vec::new();
    let mut patterns: Vec<&KnownCookie> = Vec::new();
    for known in known::unambiguous_trackers() {
        if known.is_pattern() {
            patterns.push(known);
        } else {
            exact.push(known);
        }
    }
    // The table is sorted already; the patterns go longest first, so
    // that a name is matched by the narrowest.
    patterns.sort_by_key(|k| std::cmp::Reverse(k.name.len()));
    let rows = |rows: &[&KnownCookie]| -> String {
        rows.iter()
            .map(|k| {
                let category = match k.category {
                    Category::Statistics => "Statistics",
                    Category::Marketing => "Marketing",
                    other => panic!("`{}` is {other}, not a tracker", k.name),
                };
                format!(
                    "    ({:?}, {:?}, {category}, {:?}),\n",
                    k.name, k.platform, k.purpose_en
                )
            })
            .collect()
    };
    format!(
        "\
//! The trackers `declare_cookies!` knows by name: the unambiguous
//! trackers of the table of known cookies of `cookie-decl-scan` (its
//! `known::unambiguous_trackers` says what makes one), each with its
//! platform, its category and what it does, for the rule
//! `known_tracker_needs_consent` and its message.
//!
//! Generated: do not edit. Change `cookie-decl-scan/src/known/table.rs`,
//! then run `COOKIE_DECL_BLESS=1 cargo test -p cookie-decl-suite --test
//! known_cookies`, whose test fails while this file and the table differ.

use crate::ast::Category::{{self, Marketing, Statistics}};

/// `(name, platform, category, what it does)`.
pub(super) type Tracker = (&'static str, &'static str, Category, &'static str);

/// The exact names, sorted, for a binary search.
#[rustfmt::skip]
pub(super) static EXACT: &[Tracker] = &[
{}];

/// The prefix patterns (`_ga_*`), the longest first.
#[rustfmt::skip]
pub(super) static PATTERNS: &[Tracker] = &[
{}];
",
        rows(&exact),
        rows(&patterns)
    )
}

/// `cookie-decl-macros` cannot depend on the scan, which depends on it
/// through `cookie-decl`: it holds a copy of the trackers, generated. The
/// copy and the table cannot drift apart.
#[test]
fn the_macros_table_of_trackers_agrees_with_the_table_of_known_cookies() {
    let path = root().join("cookie-decl-macros/src/rules/known_trackers.rs");
    let expected = macro_table();
    if std::env::var_os("COOKIE_DECL_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let found = std::fs::read_to_string(&path).unwrap();
    assert!(
        found == expected,
        "{} differs from the table of known cookies: run \
         `COOKIE_DECL_BLESS=1 cargo test -p cookie-decl-suite --test known_cookies`\n{expected}",
        path.display()
    );
}

#[test]
fn the_unambiguous_trackers() {
    let names: Vec<&str> = known::unambiguous_trackers().map(|k| k.name).collect();
    for name in [
        "_ga",
        "_ga_*",
        "_gid",
        "_gcl_au",
        "_fbp",
        "_fbc",
        "_hjSessionUser_*",
        "_clck",
        "_uetsid",
        "_ttp",
        "_pin_unauth",
        "IDE",
        "VISITOR_INFO1_LIVE",
        "MUID",
        "bcookie",
        "hubspotutk",
        "__hstc",
        "atuserid",
    ] {
        assert!(names.contains(&name), "`{name}` is not among them");
    }
    for name in [
        // Two platforms' (Matomo and Piwik PRO).
        "_pk_id.*",
        // Not trackers.
        "li_gc",
        "__cf_bm",
        "_hjClosedSurveyInvites",
        // Names a site could choose for a cookie of its own.
        "_s",
        "_y",
        "_landing_page",
        "fr",
        "test_cookie",
        "guest_id",
        "msToken",
    ] {
        assert!(!names.contains(&name), "`{name}` is among them");
    }
    assert!(names.len() > 80, "{}", names.len());
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The names the published chartes declare (`tests/fixtures/*.txt`, the
/// third column of each table row).
fn charte_names() -> Vec<String> {
    let mut names = Vec::new();
    let dir = root().join("tests/fixtures");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "txt") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let columns: Vec<&str> = line.split('\t').collect();
            if columns.len() == 4 && columns[2] != "Nom du cookies" {
                names.push(columns[2].to_owned());
            }
        }
    }
    names
}

fn is_unambiguous_tracker(name: &str) -> Option<&'static KnownCookie> {
    known::unambiguous_trackers().find(|k| k.matches(name))
}

#[test]
fn no_cookie_of_the_published_chartes_nor_a_generic_name_is_a_tracker_to_the_compiler() {
    let names = charte_names();
    assert!(names.contains(&"sessionid".to_owned()), "{names:?}");
    let generic = [
        "sessionid",
        "csrftoken",
        "django_language",
        "id",
        "lang",
        "session",
        "token",
        "sid",
        "consent",
        "cookies_preferences",
        "theme",
        "cart",
        "messages",
        "XSRF-TOKEN",
        "PHPSESSID",
        "JSESSIONID",
    ];
    for name in names.iter().map(String::as_str).chain(generic) {
        assert_eq!(
            is_unambiguous_tracker(name).map(|k| k.name),
            None,
            "`{name}`"
        );
    }
}

// The declarations below compile: that is their test.

declare_cookies! {
    /// The cookies of the published chartes, and generic names, where the
    /// chartes put them.
    pub struct ChartesCookies { site: "https://data.example.fr" }
    necessary {
        sessionid { provider: "Opendatasoft", service: "Authentification", purpose: "Se souvenir de l'utilisateur d'une page à une autre." }
        csrftoken { provider: "Opendatasoft", service: "API (CSRF)", purpose: "Récupérer des données via des appels API" }
        cookies_preferences { provider: "Opendatasoft", service: "Cookies", purpose: "Se souvenir du choix opéré par le visiteur concernant les cookies", max_age: 6 months }
        id { provider: "P", service: "S", purpose: "An ID." }
        session { provider: "P", service: "S", purpose: "A session." }
        token { provider: "P", service: "S", purpose: "A token." }
    }
    preferences {
        django_language { provider: "Opendatasoft", service: "Langue", purpose: "Se souvenir de la langue du visiteur" }
        lang { provider: "P", service: "S", purpose: "The language." }
    }
}

declare_cookies! {
    /// Trackers where they belong, by name and by pattern, a cookie of the
    /// site's own that shares a tracker's name, and one whose name merely
    /// starts like a tracker's pattern (`_ga_*` stands for the names
    /// Google's script makes, not for the application's own).
    pub struct TrackersWhereTheyBelong { site: "https://data.example.fr" }
    necessary {
        _ga as OWN_GA {
            provider: "Example",
            service: "Gallery",
            purpose: "Remember the gallery's layout.",
            not_a_known_tracker: true,
        }
    }
    preferences {
        _ga_layout { provider: "Example", service: "Gallery", purpose: "Remember the layout.", max_age: 30 days }
    }
    statistics {
        extern "_ga_*" as GA4 { provider: "Google", service: "Analytics", purpose: "Tell visitors apart.", max_age: 13 months }
        extern "_hjSessionUser_*" as HOTJAR { provider: "Hotjar", service: "Analytics", purpose: "Tell visitors apart.", max_age: 365 days }
        extern _gid { provider: "Google", service: "Analytics", purpose: "Tell visitors apart.", max_age: 1 day }
    }
    marketing {
        extern _fbp { provider: "Meta", service: "Ads", purpose: "Measure ads.", max_age: 90 days }
    }
}

declare_cookies! {
    /// The declaration the macro's fuzzing starts from
    /// (`fuzz/seeds/macro_front_end/valid.txt`).
    pub struct SeedCookies {
        site: "https://data.example.fr",
        max_age: 30 days,
        consent_retention: 6 months,
    }
    necessary {
        "__Host-sid" as SESSION { provider: "P", service: "S", purpose: "Keep you in.", same_site: Strict }
        consent { provider: "P", service: "S", purpose: "Remember.", max_age: 6 months, stores_consent: true }
        r#type { provider: "P", service: "S", purpose: "Raw name.", http_only: false }
    }
    preferences {
        lang { provider: "P", service: "S", purpose: "Language.", max_age: 1 year, path: "/app" }
    }
    statistics {
        visits { provider: "P", service: "S", purpose: "Count.", max_age: 13 months, consent_exempt: true }
        extern "_ga_*" as GA { provider: "G", service: "A", purpose: "Tell apart.", max_age: 13 months, domain: ".example.fr", path: "/" }
    }
    marketing {
        ad { provider: "P", service: "S", purpose: "Ads.", same_site: None, partitioned: true, domain: "example.fr" }
    }
}

#[test]
fn declarations_that_keep_the_rule_compile() {
    assert_eq!(
        ChartesCookies::get("sessionid").map(|c| c.category()),
        Some(Category::Necessary)
    );
    assert_eq!(
        TrackersWhereTheyBelong::OWN_GA.category(),
        Category::Necessary
    );
    assert_eq!(
        TrackersWhereTheyBelong::get("_ga_K2X9").map(|c| c.category()),
        Some(Category::Statistics)
    );
    assert_eq!(SeedCookies::COOKIES.len(), 7);
    // What the scan would say of the site's own `_ga`, were it undeclared:
    // the name is Google Analytics's.
    assert_eq!(
        is_unambiguous_tracker("_ga").map(|k| k.platform),
        Some("Google Analytics")
    );
}

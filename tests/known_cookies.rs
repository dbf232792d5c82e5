//! The table of known cookies (`cookie_decl_scan::known`): its rows are
//! sorted, unique and well formed; a lookup finds a cookie by its exact
//! name or by a pattern, and not one it does not know; the main cookies of
//! the platforms French and European sites embed most are in it; and the
//! trackers `declare_cookies!` refuses under `necessary` or `preferences`
//! are the table's unambiguous ones, never a generic name nor a cookie of
//! the published chartes.

use std::path::PathBuf;

use cookie_decl::{Category, Lang};
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

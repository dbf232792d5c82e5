//! The consent banner and the preferences page generated from the
//! declaration: the buttons a visitor must find alike, one checkbox per
//! category that needs consent and none ticked in advance, every declared
//! string escaped, wording and paths from the header.

use cookie_decl::consent::{self, CategorySet, ConsentCookie};
use cookie_decl::{Category, Lang, Registry, declare_cookies};

declare_cookies! {
    pub struct Site {
        site: "https://data.example.fr/",
    }
    necessary {
        consent {
            provider: "Example <SAS>", service: "Consent", purpose: "Remember the \"choice\" & more.",
            max_age: 6 months, stores_consent: true,
        }
    }
    statistics {
        visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
        audience {
            provider: "Matomo", service: "Audience", purpose: "Anonymous <b>statistics</b>.",
            max_age: 13 months, consent_exempt: true,
        }
    }
    marketing {
        ad { provider: "Ads & Co", service: "Ads", purpose: "Measure campaigns.", max_age: 3 months }
    }
}

declare_cookies! {
    pub struct Custom {
        site: "https://example.fr",
        banner_title: "Cookies ?",
        banner_text: "Nous aimerions mesurer l'audience.",
        banner_title_en: "Cookies?",
        consent_url: "/privacy/consent",
        preferences_url: "/privacy",
        charte_url: "/privacy/charte",
    }
    necessary {
        consent {
            provider: "Example", service: "Consent", purpose: "Remember the choice.",
            max_age: 6 months, stores_consent: true,
        }
    }
    preferences {
        lang { provider: "Example", service: "Language", purpose: "Remember the language.", max_age: 1 year }
    }
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[test]
fn the_banner_offers_three_alike_buttons_in_a_post_form() {
    let html = consent::banner::<Site>(Lang::Fr, "tok\"en<");
    assert!(html.contains(r#"<form method="post" action="/cookies/consent">"#));
    assert!(html.contains(r#"<input type="hidden" name="csrf_token" value="tok&quot;en&lt;">"#));
    assert_eq!(count(&html, "<button "), 3);
    for (value, label) in [
        ("all", "Tout accepter"),
        ("none", "Tout refuser"),
        ("customise", "Personnaliser"),
    ] {
        assert!(
            html.contains(&format!(
                r#"<button type="submit" class="cookie-consent-button" name="consent" value="{value}">{label}</button>"#
            )),
            "{label}"
        );
    }
    assert!(html.contains("La plateforme data.example.fr utilise des cookies nécessaires"));
    assert!(html.contains("des cookies de mesure d&#39;audience et publicitaires et de suivi."));
    // The exempt audience cookie is named as such, escaped.
    assert!(html.contains("exemptés de consentement"));
    assert!(html.contains("<code>audience</code> (Matomo)"));
    assert!(html.contains(r#"<a href="/cookies">Consulter la charte cookies</a>"#));
    assert!(html.contains(r#"<a href="/cookies/preferences">Gérer les cookies</a>"#));
    assert!(html.contains(r#"aria-labelledby="cookie-banner-title""#));
    assert!(!html.contains('\0'));

    let en = consent::banner::<Site>(Lang::En, "t");
    for label in ["Accept all", "Refuse all", "Customise"] {
        assert!(en.contains(&format!(">{label}</button>")), "{label}");
    }
    assert!(en.contains(r#"<a href="/cookies?lang=en">Read the cookie policy</a>"#));
    assert!(en.contains(r#"lang="en""#));
}

#[test]
fn the_preferences_page_has_one_unticked_box_per_category_that_needs_consent() {
    let store = ConsentCookie::<Site>::unsigned();
    let html = consent::preferences::<Site>(Lang::Fr, "t", &store.read(""));
    assert!(html.contains("<fieldset>\n<legend>Finalités</legend>"));
    // Necessary: shown, ticked, disabled, not posted.
    assert!(html.contains(
        r#"<input type="checkbox" id="cookie-category-necessary" checked disabled aria-describedby="cookie-category-necessary-purpose">"#
    ));
    assert!(html.contains(
        r#"<label for="cookie-category-necessary">Cookies nécessaires (toujours actifs)</label>"#
    ));
    // One box per category that needs consent; none ticked for a visitor
    // who has not chosen.
    assert_eq!(count(&html, r#"name="category""#), 2);
    assert_eq!(count(&html, " checked"), 1, "only `necessary`");
    for keyword in ["statistics", "marketing"] {
        assert!(html.contains(&format!(
            r#"<input type="checkbox" id="cookie-category-{keyword}" name="category" value="{keyword}" aria-describedby="cookie-category-{keyword}-purpose">"#
        )));
        assert!(html.contains(&format!(r#"<label for="cookie-category-{keyword}">"#)));
        assert!(html.contains(&format!(r#"<p id="cookie-category-{keyword}-purpose">"#)));
    }
    assert!(
        !html.contains("cookie-category-preferences"),
        "no cookies, no box"
    );
    // Every declared string escaped.
    assert!(html.contains("Example &lt;SAS&gt;"));
    assert!(html.contains("Remember the &quot;choice&quot; &amp; more."));
    assert!(html.contains("Anonymous &lt;b&gt;statistics&lt;/b&gt;."));
    assert!(html.contains("Ads &amp; Co"));
    assert!(!html.contains("<b>"));
    assert!(html.contains("Exemptés de consentement"));
    assert!(html.contains("Vous n'avez pas encore fait de choix."));
    for (value, label) in [
        ("all", "Tout accepter"),
        ("none", "Tout refuser"),
        ("save", "Enregistrer mes choix"),
    ] {
        assert!(html.contains(&format!(
            r#"class="cookie-consent-button" name="consent" value="{value}">{label}</button>"#
        )));
    }

    // After a choice: the boxes follow it, and the choice is shown.
    let recorded = store.record_at(
        "",
        CategorySet::from(Category::Statistics),
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_795_600_800),
        consent::RecordId::from_bytes([0xab; 16]),
    );
    let html = consent::preferences::<Site>(Lang::Fr, "t", recorded.consent());
    assert!(html.contains(
        r#"value="statistics" aria-describedby="cookie-category-statistics-purpose" checked>"#
    ));
    assert!(
        html.contains(r#"value="marketing" aria-describedby="cookie-category-marketing-purpose">"#)
    );
    assert!(html.contains(
        "Votre choix du 25/11/2026 à 10:00 UTC (enregistrement abababababababababababababababab) : accepté : mesure d'audience ; refusé : publicité et suivi."
    ), "{html}");
    let en = consent::preferences::<Site>(Lang::En, "t", recorded.consent());
    assert!(en.contains(
        "Your choice of 2026-11-25 at 10:00 UTC (record abababababababababababababababab): accepted: audience measurement; refused: advertising and tracking."
    ), "{en}");
}

#[test]
fn wording_and_paths_come_from_the_header() {
    let html = consent::banner::<Custom>(Lang::Fr, "t");
    assert!(html.contains(r#"<h2 id="cookie-banner-title">Cookies ?</h2>"#));
    assert!(html.contains("<p>Nous aimerions mesurer l&#39;audience.</p>"));
    assert!(html.contains(r#"<form method="post" action="/privacy/consent">"#));
    assert!(html.contains(r#"<a href="/privacy/charte">"#));
    assert!(html.contains(r#"<a href="/privacy">"#));
    let en = consent::banner::<Custom>(Lang::En, "t");
    assert!(en.contains(r#"<h2 id="cookie-banner-title">Cookies?</h2>"#));
    // No English text given: the generated one.
    assert!(en.contains(
        "uses cookies necessary for it to work and, with your consent, preference cookies."
    ));
    let prefs = consent::preferences::<Custom>(
        Lang::Fr,
        "t",
        &ConsentCookie::<Custom>::unsigned().read(""),
    );
    assert!(prefs.contains(r#"<form method="post" action="/privacy/consent">"#));
}

/// The addresses the pages post to and link to are the registry's
/// constants, so that an application routes exactly those.
#[test]
fn the_pages_link_to_the_addresses_the_registry_names() {
    assert_eq!(Custom::CONSENT_URL, "/privacy/consent");
    assert_eq!(Custom::PREFERENCES_URL, "/privacy");
    assert_eq!(Custom::CHARTE_URL, "/privacy/charte");
    assert_eq!(Site::CONSENT_URL, "/cookies/consent");
    assert_eq!(Site::PREFERENCES_URL, "/cookies/preferences");
    assert_eq!(Site::CHARTE_URL, "/cookies");
    for registry in [
        (
            consent::banner::<Site>(Lang::Fr, "t"),
            Site::CONSENT_URL,
            Site::CHARTE_URL.to_owned(),
            Site::PREFERENCES_URL,
        ),
        (
            consent::banner::<Site>(Lang::En, "t"),
            Site::CONSENT_URL,
            format!("{}?lang=en", Site::CHARTE_URL),
            Site::PREFERENCES_URL,
        ),
        (
            consent::banner::<Custom>(Lang::En, "t"),
            Custom::CONSENT_URL,
            Custom::CHARTE_URL.to_owned(),
            Custom::PREFERENCES_URL,
        ),
    ] {
        let (html, consent_url, charte_url, preferences_url) = registry;
        assert!(html.contains(&format!(r#"<form method="post" action="{consent_url}">"#)));
        assert!(
            html.contains(&format!(r#"<a href="{charte_url}">"#)),
            "{html}"
        );
        assert!(
            html.contains(&format!(r#"<a href="{preferences_url}">"#)),
            "{html}"
        );
    }
}

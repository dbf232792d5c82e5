//! Third-party tags and embeds: the registry lists what was declared, the
//! server renders exactly the tags the visitor's consent allows, and a
//! refused embed is a placeholder that says what accepting would set.

use cookie_decl::consent::{self, CategorySet, Consent, ConsentCookie};
use cookie_decl::{Category, Format, Lang, Loading, Registry, TagKind, TagSpec, declare_cookies};

declare_cookies! {
    pub struct Site {
        site: "https://data.example.fr",
        preferences_url: "/mes-cookies",
    }
    necessary {
        consent {
            provider: "Example", service: "Consentement",
            purpose: "Se souvenir du choix du visiteur.", max_age: 6 months, stores_consent: true,
        }
        extern "__cf_bm" as CF_BM {
            provider: "Cloudflare", service: "Protection contre les robots",
            purpose: "Distinguer les robots des visiteurs.", max_age: 30 minutes,
        }
        tag cloudflare {
            provider: "Cloudflare", service: "Protection contre les robots",
            src: "/cdn-cgi/challenge.js", sets: ["__cf_bm"], loading: async,
        }
    }
    preferences {
        extern weglot_language {
            provider: "Weglot", service: "Traduction",
            purpose: "Se souvenir de la langue choisie.", max_age: 1 year,
        }
        tag weglot {
            provider: "Weglot", service: "Traduction",
            src: "https://cdn.weglot.example/weglot.min.js", sets: [weglot_language],
        }
    }
    statistics {
        extern "_pk_id.*" as PK_ID {
            provider: "Matomo", service: "Mesure d'audience",
            purpose: "Distinguer les visiteurs.", max_age: 13 months,
        }
        extern "_pk_ses.*" as PK_SES {
            provider: "Matomo", service: "Mesure d'audience",
            purpose: "Suivre la visite en cours.", max_age: 30 minutes,
        }
        /// The site's Matomo.
        tag matomo {
            provider: "Matomo", service: "Mesure d'audience",
            src: "https://stats.example.fr/matomo.js?id=1&v=2",
            sets: ["_pk_id.*", "_pk_ses.*"], loading: defer,
        }
    }
    marketing {
        extern YSC {
            provider: "Google", service: "YouTube", purpose: "Compter les vues des vidéos.",
        }
        extern VISITOR_INFO1_LIVE {
            provider: "Google", service: "YouTube",
            purpose: "Estimer la bande passante du visiteur.", max_age: 6 months,
        }
        extern "_gcl_au" as GCL_AU {
            provider: "Google", service: "Google Ads",
            purpose: "Mesurer les conversions publicitaires.", max_age: 3 months,
            set_by: "le conteneur Google Tag Manager",
        }
        tag gtm as GTM {
            provider: "Google", service: "Google Tag Manager",
            inline: "window.dataLayer = window.dataLayer || [];", sets: [],
        }
        embed youtube {
            provider: "Google", service: "YouTube", sets: [YSC, VISITOR_INFO1_LIVE],
        }
    }
}

declare_cookies! {
    pub struct Other { site: "https://other.example.fr" }
    marketing {
        extern YSC { provider: "Google", service: "YouTube", purpose: "Compter les vues." }
        embed youtube { provider: "Google", service: "YouTube", sets: [YSC] }
    }
}

/// A path on the site's own origin: fetched with the page's own scheme.
const CLOUDFLARE: &str = "<script src=\"/cdn-cgi/challenge.js\" async></script>\n";
const WEGLOT: &str = "<script src=\"https://cdn.weglot.example/weglot.min.js\"></script>\n";
const MATOMO: &str =
    "<script src=\"https://stats.example.fr/matomo.js?id=1&amp;v=2\" defer></script>\n";
const GTM: &str = "<script>window.dataLayer = window.dataLayer || [];</script>\n";

const VIDEO: &str =
    r#"<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Vidéo"></iframe>"#;

fn store() -> ConsentCookie<Site> {
    ConsentCookie::<Site>::unsigned()
}

fn granting(categories: CategorySet) -> Consent<Site> {
    *store().record("", categories).consent()
}

fn rendered(consent: &Consent<Site>) -> String {
    consent::tags(consent).to_string()
}

#[test]
fn the_registry_lists_every_tag_and_embed_in_declaration_order() {
    let names: Vec<(TagKind, &str, Category)> = Site::TAGS
        .iter()
        .map(|tag| (tag.kind(), tag.name(), tag.category()))
        .collect();
    assert_eq!(
        names,
        [
            (TagKind::Script, "cloudflare", Category::Necessary),
            (TagKind::Script, "weglot", Category::Preferences),
            (TagKind::Script, "matomo", Category::Statistics),
            (TagKind::Script, "gtm", Category::Marketing),
            (TagKind::Embed, "youtube", Category::Marketing),
        ]
    );
    assert_eq!(<Site as Registry>::TAGS, Site::TAGS);
    assert_eq!(Site::TAGS[2], Site::MATOMO);
    assert_eq!(Site::TAGS[3], Site::GTM);

    let matomo = Site::MATOMO;
    assert_eq!(matomo.provider(), "Matomo");
    assert_eq!(matomo.service(), "Mesure d'audience");
    assert_eq!(
        matomo.src(),
        Some("https://stats.example.fr/matomo.js?id=1&v=2")
    );
    assert_eq!(matomo.inline(), None);
    assert_eq!(matomo.loading(), Loading::Defer);
    let cookies: Vec<&str> = matomo.cookies().map(|c| c.name()).collect();
    assert_eq!(cookies, ["_pk_id.*", "_pk_ses.*"]);
    assert_eq!(matomo.cookies().next(), Some(Site::PK_ID.spec()));

    assert_eq!(Site::GTM.src(), None);
    assert_eq!(
        Site::GTM.inline(),
        Some("window.dataLayer = window.dataLayer || [];")
    );
    assert_eq!(Site::GTM.loading(), Loading::Blocking);
    assert_eq!(Site::GTM.cookies().len(), 0);
    assert!(Site::GTM.needs_consent());

    assert!(Site::YOUTUBE.is_embed());
    assert_eq!(Site::YOUTUBE.src(), None);
    let cookies: Vec<&str> = Site::YOUTUBE.cookies().map(|c| c.name()).collect();
    assert_eq!(cookies, ["YSC", "VISITOR_INFO1_LIVE"]);

    assert!(!Site::CLOUDFLARE.needs_consent());
    assert_eq!(Site::PREFERENCES_URL, "/mes-cookies");
}

/// A registry written by hand, or generated before tags existed, has none
/// and the default preferences page.
#[test]
fn a_registry_without_tags_has_none_and_the_default_preferences_page() {
    struct Hand;
    impl Registry for Hand {
        const SITE: &'static str = "https://example.fr";
        const COOKIES: &'static [cookie_decl::CookieSpec] = &[];
        const CHARTE: &'static str = "";
        fn get(_: &str) -> Option<&'static cookie_decl::CookieSpec> {
            None
        }
        fn charte(_: Lang, _: Format) -> &'static str {
            ""
        }
    }
    declare_cookies! {
        struct Plain { site: "https://example.fr" }
        statistics {
            extern "_ga_*" as GA { provider: "Google", service: "Analytics", purpose: "Count." }
        }
    }
    assert!(Hand::TAGS.is_empty());
    assert_eq!(Hand::PREFERENCES_URL, "/cookies/preferences");
    // Nor a `consent_mode`: Google's documented mapping holds.
    assert_eq!(Hand::CONSENT_MODE, []);
    for signal in cookie_decl::consent::ConsentSignal::ALL {
        assert_eq!(
            signal.category_in::<Hand>(),
            Some(signal.default_category())
        );
    }
    assert!(<Plain as Registry>::TAGS.is_empty());
    assert_eq!(<Plain as Registry>::PREFERENCES_URL, "/cookies/preferences");
    assert_eq!(
        consent::tags(&Consent::<Plain>::not_asked()).to_string(),
        ""
    );
}

#[test]
fn before_a_choice_only_necessary_tags_are_rendered() {
    assert_eq!(rendered(&Consent::not_asked()), CLOUDFLARE);
    // The visitor's cookie is not one this application wrote: not asked.
    assert_eq!(rendered(&store().read("consent=forged")), CLOUDFLARE);
}

#[test]
fn refusing_all_renders_only_necessary_tags() {
    assert_eq!(rendered(&granting(CategorySet::NONE)), CLOUDFLARE);
}

#[test]
fn each_category_renders_its_own_tags_and_no_other() {
    assert_eq!(
        rendered(&granting(Category::Preferences.into())),
        [CLOUDFLARE, WEGLOT].concat()
    );
    assert_eq!(
        rendered(&granting(Category::Statistics.into())),
        [CLOUDFLARE, MATOMO].concat()
    );
    assert_eq!(
        rendered(&granting(Category::Marketing.into())),
        [CLOUDFLARE, GTM].concat()
    );
}

#[test]
fn accepting_all_renders_every_tag_in_declaration_order_and_no_embed() {
    let all = rendered(&granting(CategorySet::ALL));
    assert_eq!(all, [CLOUDFLARE, WEGLOT, MATOMO, GTM].concat());
    assert!(!all.contains("youtube"));
    let names: Vec<&str> = consent::tags(&granting(CategorySet::ALL))
        .iter()
        .map(TagSpec::name)
        .collect();
    assert_eq!(names, ["cloudflare", "weglot", "matomo", "gtm"]);
}

#[test]
fn a_nonce_goes_on_every_script_element() {
    let html = consent::tags(&granting(Category::Statistics.into()))
        .nonce("cjR0bmQwbQ==")
        .to_string();
    assert_eq!(
        html,
        "<script src=\"/cdn-cgi/challenge.js\" async nonce=\"cjR0bmQwbQ==\"></script>\n\
         <script src=\"https://stats.example.fr/matomo.js?id=1&amp;v=2\" defer nonce=\"cjR0bmQwbQ==\"></script>\n"
    );
    let inline = consent::tags(&granting(Category::Marketing.into()))
        .nonce("n")
        .to_string();
    assert!(
        inline
            .ends_with("<script nonce=\"n\">window.dataLayer = window.dataLayer || [];</script>\n")
    );
}

#[test]
fn a_nonce_cannot_break_out_of_its_attribute() {
    let attack = r#""><script>alert(1)</script><x a='"#;
    let html = consent::tags(&Consent::<Site>::not_asked())
        .nonce(attack)
        .to_string();
    assert_eq!(
        html,
        "<script src=\"/cdn-cgi/challenge.js\" async \
         nonce=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;x a=&#39;\"></script>\n"
    );
    assert_eq!(html.matches("<script").count(), 1);
}

#[test]
fn a_refused_embed_is_a_placeholder_that_says_what_accepting_would_set() {
    for consent in [
        Consent::not_asked(),
        granting(CategorySet::NONE),
        granting(Category::Statistics.into()),
    ] {
        let fr = consent::embed(&consent, Site::YOUTUBE, Lang::Fr, VIDEO);
        assert!(!fr.is_allowed());
        assert_eq!(
            fr.to_string(),
            "<div class=\"cookie-embed-placeholder\" lang=\"fr\" data-embed=\"youtube\">\n\
             <p>Ce contenu YouTube est fourni par Google. L'afficher permettrait à Google de \
             déposer les cookies suivants : YSC, VISITOR_INFO1_LIVE.</p>\n\
             <p>Pour l'afficher, acceptez les cookies publicitaires : \
             <a href=\"/mes-cookies\">gérer mes choix</a>.</p>\n\
             </div>\n"
        );
        let en = consent::embed(&consent, Site::YOUTUBE, Lang::En, VIDEO).to_string();
        assert_eq!(
            en,
            "<div class=\"cookie-embed-placeholder\" lang=\"en\" data-embed=\"youtube\">\n\
             <p>This YouTube content is provided by Google. Showing it would let Google set \
             these cookies: YSC, VISITOR_INFO1_LIVE.</p>\n\
             <p>To show it, accept advertising cookies: \
             <a href=\"/mes-cookies\">manage my choices</a>.</p>\n\
             </div>\n"
        );
        assert!(!en.contains("<script") && !en.contains("iframe"));
    }
}

#[test]
fn an_allowed_embed_is_the_pages_own_html() {
    for granted in [CategorySet::from(Category::Marketing), CategorySet::ALL] {
        let consent = granting(granted);
        let shown = consent::embed(&consent, Site::YOUTUBE, Lang::Fr, VIDEO);
        assert!(shown.is_allowed());
        assert_eq!(shown.to_string(), VIDEO);
    }
}

#[test]
fn allows_tag_says_what_the_rendered_tags_are() {
    let choices = [
        CategorySet::NONE,
        Category::Preferences.into(),
        Category::Statistics.into(),
        Category::Marketing.into(),
        CategorySet::ALL,
    ];
    for granted in choices {
        let consent = granting(granted);
        let rendered: Vec<&str> = consent::tags(&consent).iter().map(TagSpec::name).collect();
        let allowed: Vec<&str> = Site::TAGS
            .iter()
            .filter(|tag| !tag.is_embed() && consent.allows_tag(tag))
            .map(TagSpec::name)
            .collect();
        assert_eq!(rendered, allowed, "{granted}");
        assert_eq!(
            consent.allows_tag(&Site::YOUTUBE),
            granted.contains(Category::Marketing)
        );
    }
    let not_asked = Consent::<Site>::not_asked();
    assert!(not_asked.allows_tag(&Site::CLOUDFLARE));
    assert!(!not_asked.allows_tag(&Site::MATOMO));
    // Consent to this registry's marketing is no consent to another's tag.
    assert!(!granting(CategorySet::ALL).allows_tag(&Other::YOUTUBE));
}

#[test]
fn an_embed_of_another_registry_is_never_allowed() {
    let consent = granting(CategorySet::ALL);
    let shown = consent::embed(&consent, Other::YOUTUBE, Lang::Fr, VIDEO);
    assert!(!shown.is_allowed());
    // Its placeholder links to this registry's preferences page.
    assert!(shown.to_string().contains("href=\"/mes-cookies\""));
}

#[test]
fn the_charte_lists_each_tag_with_its_cookies_and_what_else_sets_cookies() {
    let text = Site::CHARTE;
    let section = text
        .split_once("Scripts et contenus tiers qui déposent ces cookies\n\n")
        .expect("a section on tags")
        .1;
    assert!(section.starts_with(
        "Nom du prestataire\tService\tType\tCatégorie\tCookies déposés\n\
         Cloudflare\tProtection contre les robots\tScript\tNécessaire\t__cf_bm\n\
         Weglot\tTraduction\tScript\tPréférences\tweglot_language\n\
         Matomo\tMesure d'audience\tScript\tStatistiques\t_pk_id.*, _pk_ses.*\n\
         Google\tGoogle Tag Manager\tScript\tMarketing\tAucun\n\
         Google\tYouTube\tContenu intégré\tMarketing\tYSC, VISITOR_INFO1_LIVE\n\
         \n\
         Cookies déposés par d'autres moyens\n\
         \n\
         Nom du cookies\tDéposé par\n\
         _gcl_au\tle conteneur Google Tag Manager\n"
    ));
    // After the category tables.
    let marketing = text
        .find("Cookies publicitaires et de suivi sur la plateforme")
        .unwrap();
    assert!(text.find("Scripts et contenus tiers").unwrap() > marketing);

    let en = Site::charte(Lang::En, Format::Text);
    assert!(en.contains(
        "Third-party scripts and embeds that set these cookies\n\n\
         Provider\tService\tType\tCategory\tCookies set\n"
    ));
    assert!(en.contains("Google\tYouTube\tEmbedded content\tMarketing\tYSC, VISITOR_INFO1_LIVE\n"));
    assert!(en.contains("Cookie name\tSet by\n_gcl_au\tle conteneur Google Tag Manager\n"));

    let markdown = Site::charte(Lang::Fr, Format::Markdown);
    assert!(markdown.contains(
        "#### Scripts et contenus tiers qui déposent ces cookies\n\n\
         | Nom du prestataire | Service | Type | Catégorie | Cookies déposés |\n\
         | --- | --- | --- | --- | --- |\n"
    ));
    assert!(markdown.contains(
        "| Matomo | Mesure d'audience | Script | Statistiques | _pk_id.*, _pk_ses.* |\n"
    ));

    let html = Site::charte(Lang::Fr, Format::Html);
    assert!(html.contains(
        "<caption><h4>Scripts et contenus tiers qui déposent ces cookies</h4></caption>"
    ));
    assert!(html.contains(
        "<tr><td>Matomo</td><td>Mesure d&#39;audience</td><td>Script</td><td>Statistiques</td>\
         <td>_pk_id.*, _pk_ses.*</td></tr>\n"
    ));
    assert!(html.contains("<caption><h4>Cookies déposés par d&#39;autres moyens</h4></caption>"));
}

/// A registry of one statistics cookie, with its tag as `$tag` says.
macro_rules! audience {
    ($name:ident $(, { $($tag:tt)* })?) => {
        declare_cookies! {
            pub struct $name { site: "https://data.example.fr" }
            necessary {
                consent {
                    provider: "Example", service: "Consentement",
                    purpose: "Se souvenir du choix du visiteur.", max_age: 6 months,
                    stores_consent: true,
                }
            }
            statistics {
                extern "_pk_id.*" as PK_ID {
                    provider: "Matomo", service: "Mesure d'audience",
                    purpose: "Distinguer les visiteurs.", max_age: 13 months,
                    set_by: "le script de Matomo",
                }
                $($($tag)*)?
            }
        }
    };
}

mod versions {
    use super::*;

    audience!(Untagged);
    audience!(Tagged, {
        tag matomo {
            provider: "Matomo", service: "Mesure d'audience",
            src: "https://stats.example.fr/matomo.js", sets: [],
        }
    });
    audience!(Moved, {
        tag matomo {
            provider: "Matomo", service: "Mesure d'audience",
            src: "https://cdn.example.fr/matomo.js?v=5", sets: [], loading: defer,
        }
    });
    audience!(OtherProvider, {
        tag matomo {
            provider: "InnoCraft", service: "Mesure d'audience",
            src: "https://stats.example.fr/matomo.js", sets: [],
        }
    });
    audience!(AnEmbed, {
        embed matomo { provider: "Matomo", service: "Mesure d'audience", sets: [] }
    });
}

#[test]
fn adding_or_changing_a_tag_asks_the_visitor_again() {
    use cookie_decl::consent::{ConsentRegistry, NotAsked};
    use versions::*;
    let untagged = <Untagged as ConsentRegistry>::FINGERPRINT;
    let tagged = <Tagged as ConsentRegistry>::FINGERPRINT;
    assert_ne!(untagged, tagged, "adding a tag");
    assert_ne!(
        tagged,
        <OtherProvider as ConsentRegistry>::FINGERPRINT,
        "its provider"
    );
    assert_ne!(
        tagged,
        <AnEmbed as ConsentRegistry>::FINGERPRINT,
        "a script or an embed"
    );
    // Where and how its script loads is no part of what the visitor is told.
    assert_eq!(
        tagged,
        <Moved as ConsentRegistry>::FINGERPRINT,
        "its src and loading"
    );

    let yes = ConsentCookie::<Untagged>::unsigned().record("", CategorySet::ALL);
    let header = yes.set_cookies()[0].stripped().to_string();
    assert!(
        ConsentCookie::<Untagged>::unsigned()
            .read(header.as_str())
            .is_given()
    );
    assert_eq!(
        ConsentCookie::<Tagged>::unsigned()
            .read(header.as_str())
            .not_asked_reason(),
        Some(NotAsked::DeclarationChanged)
    );
}

#[test]
fn the_preferences_page_names_the_services_each_category_brings() {
    let page = consent::preferences::<Site>(Lang::Fr, "t", &store().read(""));
    let category = |keyword: &str| {
        let start = page
            .find(&format!("id=\"cookie-category-{keyword}\""))
            .unwrap_or_else(|| panic!("{keyword}: {page}"));
        let end = page[start..].find("</div>").unwrap() + start;
        page[start..end].to_owned()
    };
    assert!(
        category("statistics").contains(
            "<p class=\"cookie-category-services\">Services tiers concernés : </p>\n\
             <ul>\n<li>Mesure d&#39;audience (Matomo)</li>\n</ul>\n"
        ),
        "{page}"
    );
    assert!(
        category("marketing").contains(
            "<ul>\n<li>Google Tag Manager (Google)</li>\n<li>YouTube (Google)</li>\n</ul>\n"
        ),
        "{page}"
    );
    assert!(
        category("necessary").contains("<li>Protection contre les robots (Cloudflare)</li>"),
        "{page}"
    );
    assert!(category("preferences").contains("<li>Traduction (Weglot)</li>"));
    let english = consent::preferences::<Site>(Lang::En, "t", &store().read(""));
    assert!(
        english.contains("<p class=\"cookie-category-services\">Third-party services: </p>"),
        "{english}"
    );
    // A registry without tags has no such paragraph.
    let plain = consent::preferences::<versions::Untagged>(
        Lang::Fr,
        "t",
        &ConsentCookie::<versions::Untagged>::unsigned().read(""),
    );
    assert!(!plain.contains("cookie-category-services"), "{plain}");
}

#[test]
fn the_banner_names_who_each_category_lets_in() {
    let banner = consent::banner::<Site>(Lang::Fr, "t");
    assert!(
        banner.contains(
            "des cookies de préférences (Weglot), de mesure d&#39;audience (Matomo) et \
             publicitaires et de suivi (Google)."
        ),
        "{banner}"
    );
    let english = consent::banner::<Site>(Lang::En, "t");
    assert!(
        english.contains(
            "preference (Weglot), audience measurement (Matomo) and advertising and tracking \
             (Google) cookies."
        ),
        "{english}"
    );
    let plain = consent::banner::<versions::Untagged>(Lang::Fr, "t");
    assert!(
        plain.contains("des cookies de mesure d&#39;audience. "),
        "{plain}"
    );
}

declare_cookies! {
    /// A Tag Manager container in `marketing`, which declares no cookie of
    /// its own there.
    pub struct Container {
        site: "https://data.example.fr",
        consent_mode: { ad_storage: marketing },
    }
    necessary {
        consent {
            provider: "Example", service: "Consentement",
            purpose: "Se souvenir du choix du visiteur.", max_age: 6 months, stores_consent: true,
        }
    }
    statistics {
        audience {
            provider: "Example", service: "Mesure d'audience", purpose: "Compter les visites.",
            max_age: 13 months, consent_exempt: true,
        }
        extern _pk_id {
            provider: "Matomo", service: "Mesure d'audience", purpose: "Compter les visites.",
            max_age: 13 months, consent_exempt: true,
        }
        tag matomo {
            provider: "Matomo", service: "Mesure d'audience",
            src: "https://stats.example.fr/matomo.js", sets: [_pk_id],
        }
    }
    marketing {
        tag gtm {
            provider: "Google", service: "Google Tag Manager",
            src: "https://www.googletagmanager.com/gtm.js?id=GTM-X", sets: [],
        }
    }
}

#[test]
fn a_category_whose_tag_needs_consent_is_asked_without_cookies() {
    use cookie_decl::consent::ConsentRegistry;
    assert_eq!(Container::ASKED, CategorySet::from(Category::Marketing));
    let store = ConsentCookie::<Container>::unsigned();
    let before = store.read("");
    assert!(before.needs_asking());
    // GPC refuses the only category asked: no banner.
    assert!(!store.read_with_gpc("", true).needs_asking());

    let banner = consent::banner::<Container>(Lang::Fr, "t");
    assert!(
        banner.contains("avec votre accord, des cookies publicitaires et de suivi (Google)."),
        "{banner}"
    );
    let page = consent::preferences::<Container>(Lang::Fr, "t", &before);
    assert!(
        page.contains(
            "<input type=\"checkbox\" id=\"cookie-category-marketing\" name=\"category\" \
             value=\"marketing\""
        ),
        "{page}"
    );
    assert!(
        page.contains("<li>Google Tag Manager (Google)</li>"),
        "{page}"
    );
    // Statistics hold only exempt cookies: named, nothing to tick; their
    // tag loads without consent.
    assert!(!page.contains("value=\"statistics\""), "{page}");
    assert!(
        page.contains("<li>Mesure d&#39;audience (Matomo)</li>"),
        "{page}"
    );
    assert_eq!(
        consent::tags(&before).to_string(),
        "<script src=\"https://stats.example.fr/matomo.js\"></script>\n"
    );

    let yes = store.record("", CategorySet::ALL);
    assert_eq!(
        yes.consent().granted(),
        CategorySet::from(Category::Marketing)
    );
    assert_eq!(
        consent::tags(yes.consent()).to_string(),
        "<script src=\"https://stats.example.fr/matomo.js\"></script>\n\
         <script src=\"https://www.googletagmanager.com/gtm.js?id=GTM-X\"></script>\n"
    );
    assert!(
        consent::consent_mode(yes.consent())
            .granted(cookie_decl::consent::ConsentSignal::AdStorage)
    );
}

declare_cookies! {
    /// Audience measurement asked for Google Analytics, beside a Matomo
    /// configured for the CNIL's exemption.
    pub struct Exempted { site: "https://data.example.fr" }
    necessary {
        consent {
            provider: "Example", service: "Consentement",
            purpose: "Se souvenir du choix du visiteur.", max_age: 6 months, stores_consent: true,
        }
    }
    statistics {
        extern _pk_id {
            provider: "Matomo", service: "Mesure d'audience", purpose: "Compter les visites.",
            max_age: 13 months, consent_exempt: true,
        }
        tag matomo {
            provider: "Matomo", service: "Mesure d'audience",
            src: "https://stats.example.fr/matomo.js", sets: [_pk_id],
        }
        extern "_ga" {
            provider: "Google", service: "Google Analytics", purpose: "Distinguer les visiteurs.",
            max_age: 13 months,
        }
        tag analytics {
            provider: "Google", service: "Google Analytics",
            src: "https://www.googletagmanager.com/gtag/js?id=G-X", sets: ["_ga"],
        }
    }
}

#[test]
fn the_banner_names_only_the_providers_a_yes_lets_in() {
    let banner = consent::banner::<Exempted>(Lang::Fr, "t");
    assert!(
        banner.contains("avec votre accord, des cookies de mesure d&#39;audience (Google)."),
        "{banner}"
    );
    // The preferences page still lists every service of the category.
    let page = consent::preferences::<Exempted>(
        Lang::Fr,
        "t",
        &ConsentCookie::<Exempted>::unsigned().read(""),
    );
    assert!(
        page.contains(
            "<ul>\n<li>Mesure d&#39;audience (Matomo)</li>\n<li>Google Analytics (Google)</li>\n</ul>"
        ),
        "{page}"
    );
}

//! Every visitor informed in a language the site publishes: a declaration
//! that names its languages writes each purpose in each, and gets its
//! charte, banner and preferences page in each; a language it does not
//! publish reads as its first; adding a language asks nobody again.

use cookie_decl::consent::{self, CategorySet, ConsentCookie, ConsentRegistry};
use cookie_decl::{Format, Lang, Registry, declare_cookies};

declare_cookies! {
    /// A site published in German, Spanish, Italian and Polish.
    pub struct Shop {
        site: "https://shop.example.eu",
        languages: [de, es, it, pl],
        title: {
            de: "Unsere Cookies",
            es: "Nuestras cookies",
            it: "I nostri cookie",
            pl: "Nasze pliki cookie",
        },
        contact: "datenschutz@shop.example.eu",
        show_lifetime: true,
        show_consent: true,
    }
    necessary {
        sid {
            provider: "Shop",
            service: { de: "Anmeldung", es: "Inicio de sesión", it: "Accesso", pl: "Logowanie" },
            purpose: {
                de: "Hält Sie zwischen zwei Seiten angemeldet.",
                es: "Mantiene la sesión entre dos páginas.",
                it: "Mantiene l'accesso tra due pagine.",
                pl: "Utrzymuje zalogowanie między stronami.",
            },
        }
        consent {
            provider: "Shop", service: "Consent Manager",
            purpose: {
                de: "Speichert Ihre Einwilligung.",
                es: "Guarda su consentimiento.",
                it: "Conserva il suo consenso.",
                pl: "Zapisuje Twoją zgodę.",
            },
            max_age: 6 months, stores_consent: true,
        }
    }
    statistics {
        visits {
            provider: "Matomo", service: "Matomo",
            purpose: {
                de: "Zählt die Besuche.",
                es: "Cuenta las visitas.",
                it: "Conta le visite.",
                pl: "Liczy odwiedziny.",
            },
            max_age: 13 months,
        }
    }
    marketing {
        extern "_gcl_au" {
            provider: "Google", service: "Google Ads",
            purpose: {
                de: "Misst die Konversionen.",
                es: "Mide las conversiones.",
                it: "Misura le conversioni.",
                pl: "Mierzy konwersje.",
            },
            max_age: 3 months,
            set_by: {
                de: "Das Skript von Google Ads",
                es: "El script de Google Ads",
                it: "Lo script di Google Ads",
                pl: "Skrypt Google Ads",
            },
        }
    }
}

/// What deposits `_gcl_au`, by language.
const SET_BY: [(Lang, &str); 4] = [
    (Lang::De, "Das Skript von Google Ads"),
    (Lang::Es, "El script de Google Ads"),
    (Lang::It, "Lo script di Google Ads"),
    (Lang::Pl, "Skrypt Google Ads"),
];

/// The purposes `Shop` declares, by language.
const PURPOSES: [(Lang, [&str; 3]); 4] = [
    (
        Lang::De,
        [
            "Hält Sie zwischen zwei Seiten angemeldet.",
            "Speichert Ihre Einwilligung.",
            "Zählt die Besuche.",
        ],
    ),
    (
        Lang::Es,
        [
            "Mantiene la sesión entre dos páginas.",
            "Guarda su consentimiento.",
            "Cuenta las visitas.",
        ],
    ),
    (
        Lang::It,
        [
            "Mantiene l'accesso tra due pagine.",
            "Conserva il suo consenso.",
            "Conta le visite.",
        ],
    ),
    (
        Lang::Pl,
        [
            "Utrzymuje zalogowanie między stronami.",
            "Zapisuje Twoją zgodę.",
            "Liczy odwiedziny.",
        ],
    ),
];

#[test]
fn the_registry_says_which_languages_it_publishes() {
    assert_eq!(Shop::LANGS, [Lang::De, Lang::Es, Lang::It, Lang::Pl]);
    // Generic code reads the same through the trait.
    assert_eq!(<Shop as Registry>::LANGS, Shop::LANGS);
    // A declaration that names none publishes French and English.
    assert_eq!(app_cookies::AppCookies::LANGS, [Lang::Fr, Lang::En]);
    assert_eq!(
        <app_cookies::AppCookies as Registry>::LANGS,
        [Lang::Fr, Lang::En]
    );
}

#[test]
fn each_charte_states_each_purpose_in_its_own_language_and_no_other() {
    for (lang, purposes) in PURPOSES {
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let charte = Shop::charte(lang, format);
            for purpose in purposes {
                let written = if format == Format::Html {
                    purpose.replace('\'', "&#39;")
                } else {
                    purpose.to_owned()
                };
                assert!(charte.contains(&written), "{lang} {format}: {purpose}");
            }
            for (other, purposes) in PURPOSES.iter().filter(|(other, _)| *other != lang) {
                for purpose in purposes {
                    assert!(
                        !charte.contains(purpose),
                        "{lang} {format}: {other}'s {purpose}"
                    );
                }
            }
        }
        let html = Shop::charte(lang, Format::Html);
        assert!(
            html.starts_with(&format!(
                "<section class=\"charte-cookies\" lang=\"{lang}\">"
            )),
            "{html}"
        );
    }
    // The header's texts, per language; the contact, written once, in all.
    assert!(Shop::charte(Lang::De, Format::Text).starts_with("Unsere Cookies\n"));
    assert!(Shop::charte(Lang::Pl, Format::Markdown).starts_with("## Nasze pliki cookie\n"));
    for lang in Shop::LANGS {
        assert!(Shop::charte(*lang, Format::Text).contains("datenschutz@shop.example.eu"));
    }
    // What deposits an `extern` cookie, in each language.
    for (lang, set_by) in SET_BY {
        let charte = Shop::charte(lang, Format::Text);
        assert!(charte.contains(&format!("_gcl_au\t{set_by}\n")), "{charte}");
        for (other, theirs) in SET_BY.iter().filter(|(other, _)| *other != lang) {
            assert!(!charte.contains(theirs), "{lang}: {other}'s {theirs}");
        }
    }
    // A service given once is every language's; given per language, each.
    assert!(Shop::charte(Lang::It, Format::Text).contains("Shop\tAccesso\tsid\t"));
    assert!(Shop::charte(Lang::Es, Format::Text).contains("Matomo\tMatomo\tvisits\t"));
}

#[test]
fn a_language_the_site_does_not_publish_reads_as_its_first() {
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let german = Shop::charte(Lang::De, format);
        assert_eq!(Shop::charte(Lang::Fr, format), german);
        assert_eq!(Shop::charte(Lang::En, format), german);
    }
    // `CHARTE` is French only where French is published.
    assert_eq!(Shop::CHARTE, Shop::charte(Lang::De, Format::Text));
    assert_eq!(
        app_cookies::AppCookies::CHARTE,
        app_cookies::AppCookies::charte(Lang::Fr, Format::Text)
    );
    let banner = consent::banner::<Shop>(Lang::Fr, "t");
    assert_eq!(banner, consent::banner::<Shop>(Lang::De, "t"));
    assert!(banner.contains("lang=\"de\""), "{banner}");
}

#[test]
fn the_banner_and_the_preferences_page_exist_in_each_language() {
    let store = ConsentCookie::<Shop>::unsigned();
    let chosen = store.record("", CategorySet::NONE);
    for (lang, purposes) in PURPOSES {
        let banner = consent::banner::<Shop>(lang, "t0k3n");
        assert!(
            banner.starts_with(&format!("<section class=\"cookie-banner\" lang=\"{lang}\"")),
            "{banner}"
        );
        assert!(banner.contains("value=\"t0k3n\""));
        let page = consent::preferences::<Shop>(lang, "t0k3n", chosen.consent());
        assert!(
            page.starts_with(&format!(
                "<section class=\"cookie-preferences\" lang=\"{lang}\""
            )),
            "{page}"
        );
        // Every purpose is listed, in this language only.
        for purpose in purposes {
            assert!(
                page.contains(&purpose.replace('\'', "&#39;")),
                "{lang}: {purpose}"
            );
        }
        for (other, purposes) in PURPOSES.iter().filter(|(other, _)| *other != lang) {
            for purpose in purposes {
                assert!(!page.contains(purpose), "{lang}: {other}'s {purpose}");
            }
        }
        // The charte link of a language other than the first asks for it.
        let link = if lang == Lang::De {
            "href=\"/cookies\"".to_owned()
        } else {
            format!("href=\"/cookies?lang={lang}\"")
        };
        assert!(banner.contains(&link), "{lang}: {banner}");
    }
}

#[test]
fn the_proof_keeps_each_published_languages_texts() {
    let texts = consent::proof::VersionText::of::<Shop>();
    let langs: Vec<Lang> = texts.iter().map(|text| text.lang()).collect();
    assert_eq!(langs.len(), 12);
    for lang in Shop::LANGS {
        assert_eq!(langs.iter().filter(|l| *l == lang).count(), 3, "{lang}");
    }
    for text in &texts {
        let json = text.to_json();
        assert_eq!(
            consent::proof::VersionText::from_json(&json).as_ref(),
            Some(text)
        );
    }
}

// The same declaration, published in more languages. (Each names its own
// site: a registry's lookup macro is exported under a name its site and
// cookies make.)
mod fr_en {
    cookie_decl::declare_cookies! {
        pub struct Site { site: "https://example.fr" }
        necessary {
            consent {
                provider: "Example", service: "Consentement",
                purpose: "Se souvenir du choix.", max_age: 6 months, stores_consent: true,
            }
        }
        marketing {
            ads {
                provider: "Régie", service: "Publicité",
                purpose: "Mesurer les campagnes.", max_age: 13 months,
            }
        }
    }
}

mod fr_en_de {
    cookie_decl::declare_cookies! {
        pub struct Site { site: "https://www.example.fr", languages: [fr, en, de] }
        necessary {
            consent {
                provider: "Example",
                service: { fr: "Consentement", en: "Consent", de: "Einwilligung" },
                purpose: {
                    fr: "Se souvenir du choix.",
                    en: "Remember the choice.",
                    de: "Die Wahl speichern.",
                },
                max_age: 6 months, stores_consent: true,
            }
        }
        marketing {
            ads {
                provider: "Régie", service: "Publicité",
                purpose: {
                    fr: "Mesurer les campagnes.",
                    en: "Measure campaigns.",
                    de: "Kampagnen messen.",
                },
                max_age: 13 months,
            }
        }
    }
}

mod fr_de {
    cookie_decl::declare_cookies! {
        pub struct Site { site: "https://site.example.fr", languages: [fr, de] }
        necessary {
            consent {
                provider: "Example", service: "Consentement",
                purpose: { fr: "Se souvenir du choix.", de: "Die Wahl speichern." },
                max_age: 6 months, stores_consent: true,
            }
        }
        marketing {
            ads {
                provider: "Régie", service: "Publicité",
                purpose: { fr: "Mesurer les campagnes.", de: "Kampagnen messen." },
                max_age: 13 months,
            }
        }
    }
}

#[test]
fn adding_a_language_asks_nobody_again_and_is_a_new_charte_version() {
    // What a visitor consents to is the declaration in the site's own
    // language: a translation more changes no choice.
    assert_eq!(fr_en::Site::FINGERPRINT, fr_en_de::Site::FINGERPRINT);
    assert_eq!(fr_en::Site::FINGERPRINT, fr_de::Site::FINGERPRINT);
    // What a visitor is shown does change: the proof says which.
    assert_ne!(fr_en::Site::CHARTE_VERSION, fr_en_de::Site::CHARTE_VERSION);
    assert_ne!(fr_en::Site::BANNER_VERSION, fr_en_de::Site::BANNER_VERSION);
    // A choice recorded on the French-and-English declaration still counts.
    let recorded = ConsentCookie::<fr_en::Site>::unsigned().record("", CategorySet::ALL);
    let stored = recorded
        .set_cookies()
        .iter()
        .find(|cookie| cookie.name() == "consent")
        .expect("the consent cookie is set");
    let header = format!("consent={}", stored.value());
    let read = ConsentCookie::<fr_en_de::Site>::unsigned().read(header.as_str());
    assert!(!read.needs_asking());
    assert!(read.granted().contains(cookie_decl::Category::Marketing));
    // The French charte as before: the German is a new text beside it.
    for format in [Format::Text, Format::Markdown, Format::Html] {
        assert_eq!(
            fr_en::Site::charte(Lang::Fr, format),
            fr_en_de::Site::charte(Lang::Fr, format).replace("www.example.fr", "example.fr"),
            "{format}"
        );
    }
    assert!(fr_en_de::Site::charte(Lang::De, Format::Text).contains("Kampagnen messen."));
}

proptest::proptest! {
    /// Whatever a client sends as `Accept-Language`, the answer is a
    /// published language, and no panic.
    #[test]
    fn any_accept_language_gives_a_published_language(
        header in "[a-zA-Z*;=qQ.0-9, \t-]{0,300}",
        count in 1usize..=24,
    ) {
        let published = &Lang::ALL[..count];
        let lang = Lang::negotiate(&header, published);
        proptest::prop_assert!(published.contains(&lang));
        // A header naming one published language alone picks it.
        let named = published[count - 1];
        proptest::prop_assert_eq!(Lang::negotiate(named.code(), published), named);
    }
}

mod videos {
    cookie_decl::declare_cookies! {
        pub struct Site { site: "https://videos.example.eu", languages: [de, pl] }
        necessary {
            consent {
                provider: "Videos", service: "Consent Manager",
                purpose: { de: "Speichert Ihre Wahl.", pl: "Zapisuje Twój wybór." },
                max_age: 6 months, stores_consent: true,
            }
        }
        marketing {
            extern YSC {
                provider: "Google", service: "YouTube",
                purpose: { de: "Zählt die Aufrufe.", pl: "Liczy wyświetlenia." },
            }
            embed youtube {
                provider: "Google",
                service: { de: "Videos von YouTube", pl: "Filmy z YouTube" },
                sets: [YSC],
            }
        }
    }
}

#[test]
fn a_service_written_per_language_is_shown_in_each() {
    use videos::Site;
    const SERVICES: [(Lang, &str); 2] = [
        (Lang::De, "Videos von YouTube"),
        (Lang::Pl, "Filmy z YouTube"),
    ];
    let refused = ConsentCookie::<Site>::unsigned().record("", CategorySet::NONE);
    for (lang, service) in SERVICES {
        let (_, theirs) = SERVICES.iter().find(|(other, _)| *other != lang).unwrap();
        let placeholder =
            consent::embed(refused.consent(), Site::YOUTUBE, lang, "<iframe></iframe>").to_string();
        assert!(
            placeholder.contains(&format!("lang=\"{lang}\"")),
            "{placeholder}"
        );
        assert!(placeholder.contains(service), "{placeholder}");
        assert!(!placeholder.contains(theirs), "{placeholder}");
        let page = consent::preferences::<Site>(lang, "t", refused.consent());
        assert!(
            page.contains(&format!("<li>{service} (Google)</li>")),
            "{page}"
        );
        assert!(!page.contains(theirs), "{page}");
        let charte = Site::charte(lang, Format::Text);
        assert!(charte.contains(&format!("Google\t{service}\t")), "{charte}");
        assert!(!charte.contains(theirs), "{charte}");
    }
    // Outside a language, the site's first.
    assert_eq!(Site::YOUTUBE.service(), "Videos von YouTube");
}

/// Fixed texts of the French and English tables, as a visitor would read
/// them: none may be left in a page of another language.
const FRENCH_AND_ENGLISH: &[&str] = &[
    // French.
    "Charte cookies",
    "Qu'est ce qu'un cookie",
    "Il existe plusieurs types de cookies",
    "A quoi servent les cookies",
    "Nom du prestataire",
    "Service et emplacement",
    "Nom du cookies",
    "Finalités",
    "Durée de conservation",
    "Consentement requis",
    "Cookies nécessaires",
    "mesure d'audience",
    "publicitaires",
    "Vos choix concernant les cookies",
    "Tout accepter",
    "Tout refuser",
    "Personnaliser",
    "Enregistrer mes choix",
    "Gérer les cookies",
    "Vous n'avez pas encore fait de choix",
    "Votre navigateur envoie le signal",
    " mois",
    " jours",
    // English.
    "Cookie policy",
    "What is a cookie",
    "There are several types of cookies",
    "What cookies are used for",
    "Service and location",
    "Cookie name",
    "Retention period",
    "Consent required",
    "Necessary cookies",
    "audience measurement",
    "Your cookie choices",
    "Accept all",
    "Refuse all",
    "Customise",
    "Save my choices",
    "Manage cookies",
    "You have not made a choice yet",
    "Your browser sends the",
    "Cookies set by other means",
    " months",
    " days",
];

declare_cookies! {
    /// The same site in French and English, the default: its pages hold
    /// every fixed text of `FRENCH_AND_ENGLISH`.
    pub struct FrenchAndEnglish {
        site: "https://shop.example.eu",
        show_lifetime: true,
        show_consent: true,
    }
    necessary {
        consent {
            provider: "Shop", service: "Consent", purpose: "Keep the choice.",
            max_age: 6 months, stores_consent: true,
        }
    }
    statistics {
        visits { provider: "Matomo", service: "Matomo", purpose: "Count.", max_age: 13 days }
    }
    marketing {
        extern "_gcl_au" {
            provider: "Google", service: "Google Ads", purpose: "Measure.",
            max_age: 3 months, set_by: "Google Ads",
        }
    }
}

/// Every page a visitor can be shown: the banner (with the Global Privacy
/// Control sentence too), the preferences page before and after a choice,
/// and the charte in each format.
fn pages<R: ConsentRegistry>(lang: Lang) -> Vec<String> {
    let store = ConsentCookie::<R>::unsigned();
    let chosen = store.record("", CategorySet::NONE);
    let gpc = store.read_with_gpc("", true);
    let mut pages = vec![
        consent::banner::<R>(lang, "t"),
        consent::banner_for(&gpc, lang, "t"),
        consent::preferences::<R>(lang, "t", &store.read("")),
        consent::preferences::<R>(lang, "t", chosen.consent()),
    ];
    for format in [Format::Text, Format::Markdown, Format::Html] {
        pages.push(R::charte(lang, format).to_owned());
    }
    assert!(pages[1].len() > pages[0].len(), "{lang}: no GPC sentence");
    pages
}

/// Every page of a German, Spanish, Italian or Polish site, in its own
/// language only.
#[test]
fn no_french_or_english_fixed_text_is_left_in_another_languages_pages() {
    // The list is of texts the French and English pages really hold.
    let reference = [Lang::Fr, Lang::En].map(pages::<FrenchAndEnglish>).concat();
    for fixed in FRENCH_AND_ENGLISH {
        assert!(
            reference.iter().any(|page| page.contains(fixed)),
            "{fixed:?} is in no French or English page"
        );
    }
    for lang in [Lang::De, Lang::Es, Lang::It, Lang::Pl] {
        for page in pages::<Shop>(lang) {
            for fixed in FRENCH_AND_ENGLISH {
                assert!(!page.contains(fixed), "{lang}: {fixed:?} left in\n{page}");
            }
        }
    }
}

/// The macro and the run time each hold the list of languages (the macro
/// crate cannot depend on the run time): a site published in all 24
/// compiles only if every code the macro takes names a `Lang` of the run
/// time, and its `LANGS` are then the run time's `Lang::ALL`, in order.
#[test]
fn the_macro_and_the_run_time_know_the_same_24_languages() {
    declare_cookies! {
        pub struct Everywhere {
            site: "https://www.example.eu",
            languages: [bg, cs, da, de, el, en, es, et, fi, fr, ga, hr, hu, it, lt, lv, mt, nl, pl, pt, ro, sk, sl, sv],
        }
        necessary {
            sid {
                provider: "Example",
                service: { bg: "bg-login", cs: "cs-login", da: "da-login", de: "de-login", el: "el-login", en: "en-login", es: "es-login", et: "et-login", fi: "fi-login", fr: "fr-login", ga: "ga-login", hr: "hr-login", hu: "hu-login", it: "it-login", lt: "lt-login", lv: "lv-login", mt: "mt-login", nl: "nl-login", pl: "pl-login", pt: "pt-login", ro: "ro-login", sk: "sk-login", sl: "sl-login", sv: "sv-login" },
                purpose: {
                bg: "bg: keeps the session",
                cs: "cs: keeps the session",
                da: "da: keeps the session",
                de: "de: keeps the session",
                el: "el: keeps the session",
                en: "en: keeps the session",
                es: "es: keeps the session",
                et: "et: keeps the session",
                fi: "fi: keeps the session",
                fr: "fr: keeps the session",
                ga: "ga: keeps the session",
                hr: "hr: keeps the session",
                hu: "hu: keeps the session",
                it: "it: keeps the session",
                lt: "lt: keeps the session",
                lv: "lv: keeps the session",
                mt: "mt: keeps the session",
                nl: "nl: keeps the session",
                pl: "pl: keeps the session",
                pt: "pt: keeps the session",
                ro: "ro: keeps the session",
                sk: "sk: keeps the session",
                sl: "sl: keeps the session",
                sv: "sv: keeps the session",
                },
            }
        }
    }
    assert_eq!(Everywhere::LANGS, Lang::ALL);
    for lang in Lang::ALL {
        let charte = Everywhere::charte(lang, Format::Text);
        let own = format!("{}: keeps the session", lang.code());
        assert!(charte.contains(&own), "{lang}: {own:?} not in\n{charte}");
        for other in Lang::ALL.into_iter().filter(|other| *other != lang) {
            let theirs = format!("{}: keeps the session", other.code());
            assert!(!charte.contains(&theirs), "{lang}: {theirs:?} in\n{charte}");
        }
    }
}

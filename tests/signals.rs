//! Global Privacy Control and Google Consent Mode v2, from the declaration
//! and the visitor's consent.

use cookie_decl::consent::{
    self, CategorySet, ConsentCookie, ConsentSignal, NotAsked, consent_mode, gpc_signal,
};
use cookie_decl::{Category, Lang, declare_cookies};

declare_cookies! {
    pub struct Site { site: "https://data.example.fr" }
    necessary {
        consent { provider: "Example", service: "Choix", purpose: "Se souvenir du choix.",
                  max_age: 6 months, stores_consent: true }
    }
    preferences {
        lang { provider: "Example", service: "Langue", purpose: "Se souvenir de la langue.",
               max_age: 1 year }
    }
    statistics {
        extern "_ga_*" as GA { provider: "Google", service: "Google Analytics",
                               purpose: "Distinguer les visiteurs.", max_age: 13 months }
    }
    marketing {
        extern "_gcl_au" as GCL { provider: "Google", service: "Google Ads",
                                  purpose: "Mesurer les conversions.", max_age: 3 months }
    }
}

declare_cookies! {
    pub struct AdsOnly { site: "https://ads.example.fr" }
    necessary {
        consent { provider: "Example", service: "Choix", purpose: "Se souvenir du choix.",
                  max_age: 6 months, stores_consent: true }
    }
    marketing {
        extern "_gcl_au" as GCL { provider: "Google", service: "Google Ads",
                                  purpose: "Mesurer les conversions.", max_age: 3 months }
    }
}

const STORE: ConsentCookie<Site> = ConsentCookie::unsigned();

fn cookie_of(recorded: &consent::Recorded<Site>) -> String {
    recorded.set_cookies()[0].stripped().to_string()
}

#[test]
fn only_the_exact_signal_is_gpc() {
    assert!(gpc_signal(Some(b"1")));
    assert!(gpc_signal(Some(b"\t1 ")));
    for value in [
        &b""[..],
        b"0",
        b"true",
        b"11",
        b"1;",
        b"1,1",
        b"\xff",
        b"\x001",
        b"1\x00",
    ] {
        assert!(!gpc_signal(Some(value)), "{value:?}");
    }
    assert!(!gpc_signal(None));
    // No byte string panics.
    for a in 0..=255u8 {
        for b in [b'1', b' ', 0, 0xff] {
            gpc_signal(Some(&[a, b]));
            gpc_signal(Some(&[b, a, b]));
        }
    }
}

#[test]
fn gpc_refuses_marketing_for_a_visitor_who_has_not_chosen() {
    let consent = STORE.read_with_gpc("", true);
    assert_eq!(
        consent.gpc_refused(),
        CategorySet::from(Category::Marketing)
    );
    assert_eq!(consent.not_asked_reason(), Some(NotAsked::NoChoice));
    assert!(!consent.allows(Category::Marketing));
    // Preferences and statistics are still asked.
    assert!(consent.needs_asking());
    let html = consent::banner_for(&consent, Lang::Fr, "t0k3n");
    assert!(
        html.contains(
            "<p class=\"cookie-banner-gpc\">Votre navigateur envoie le signal Global Privacy \
             Control : nous le respectons comme un refus des cookies publicitaires. Vous pouvez \
             toujours les accepter.</p>"
        ),
        "{html}"
    );
    // Without the signal, the banner is the plain one.
    let plain = STORE.read_with_gpc("", false);
    assert_eq!(plain.gpc_refused(), CategorySet::NONE);
    assert_eq!(
        consent::banner_for(&plain, Lang::Fr, "t0k3n"),
        consent::banner::<Site>(Lang::Fr, "t0k3n")
    );
}

#[test]
fn gpc_can_refuse_statistics_too() {
    let store = ConsentCookie::<Site>::unsigned()
        .gpc_refuses(CategorySet::from(Category::Marketing).with(Category::Statistics));
    let consent = store.read_with_gpc("", true);
    assert_eq!(
        consent.gpc_refused(),
        CategorySet::from(Category::Statistics).with(Category::Marketing)
    );
    let html = consent::banner_for(&consent, Lang::En, "t0k3n");
    assert!(
        html.contains("a refusal of audience measurement and advertising cookies."),
        "{html}"
    );
}

#[test]
fn a_site_that_asks_only_for_marketing_shows_no_banner_under_gpc() {
    let store = ConsentCookie::<AdsOnly>::unsigned();
    assert!(store.read_with_gpc("", false).needs_asking());
    let consent = store.read_with_gpc("", true);
    assert!(!consent.needs_asking());
    assert!(!consent.allows(Category::Marketing));
}

#[test]
fn an_explicit_yes_after_the_signal_still_counts() {
    let yes = STORE.record("", CategorySet::ALL);
    let consent = STORE.read_with_gpc(cookie_of(&yes).as_str(), true);
    assert!(consent.allows(Category::Marketing));
    assert_eq!(consent.gpc_refused(), CategorySet::NONE);
    assert!(!consent.needs_asking());
}

#[test]
fn consent_mode_defaults_before_a_choice_deny_all_but_security() {
    let consent = STORE.read("");
    assert_eq!(
        consent_mode(&consent).to_string(),
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}\
         gtag('consent','default',{'ad_storage':'denied','ad_user_data':'denied',\
         'ad_personalization':'denied','analytics_storage':'denied',\
         'functionality_storage':'denied','personalization_storage':'denied',\
         'security_storage':'granted'});gtag('set','ads_data_redaction',true);</script>"
    );
}

#[test]
fn consent_mode_follows_each_category() {
    let statistics = STORE.record("", CategorySet::from(Category::Statistics));
    let consent = STORE.read(cookie_of(&statistics).as_str());
    let mode = consent_mode(&consent);
    for signal in ConsentSignal::ALL {
        let expected = matches!(
            signal,
            ConsentSignal::AnalyticsStorage | ConsentSignal::SecurityStorage
        );
        assert_eq!(mode.granted(signal), expected, "{signal:?}");
    }
    let all = STORE.record("", CategorySet::ALL);
    let consent = STORE.read(cookie_of(&all).as_str());
    let script = consent_mode(&consent).to_string();
    assert!(!script.contains("denied"), "{script}");
    assert!(!script.contains("ads_data_redaction"), "{script}");
}

#[test]
fn consent_mode_keys_are_googles() {
    // The seven storage types of Consent Mode v2, as Google documents them.
    let keys: Vec<&str> = ConsentSignal::ALL.iter().map(|s| s.key()).collect();
    assert_eq!(
        keys,
        [
            "ad_storage",
            "ad_user_data",
            "ad_personalization",
            "analytics_storage",
            "functionality_storage",
            "personalization_storage",
            "security_storage",
        ]
    );
}

#[test]
fn a_signal_can_be_mapped_to_another_category() {
    let consent = STORE.read("");
    let mode = consent_mode(&consent).map(ConsentSignal::FunctionalityStorage, Category::Necessary);
    assert!(mode.granted(ConsentSignal::FunctionalityStorage));
    assert!(!mode.granted(ConsentSignal::PersonalizationStorage));
}

/// A rendering cannot do what the header's compile-time check refuses: a
/// tracker's signal granted before any yes, or security storage denied.
#[test]
fn mapping_a_tracker_signal_to_necessary_grants_nothing_before_a_yes() {
    let consent = STORE.read("");
    let mut mode = consent_mode(&consent);
    for signal in [
        ConsentSignal::AdStorage,
        ConsentSignal::AdUserData,
        ConsentSignal::AdPersonalization,
        ConsentSignal::AnalyticsStorage,
    ] {
        mode = mode.map(signal, Category::Necessary);
        assert!(!mode.granted(signal), "{signal:?}");
    }
    let mode = mode.map(ConsentSignal::SecurityStorage, Category::Marketing);
    assert!(mode.granted(ConsentSignal::SecurityStorage));
    assert!(mode.to_string().contains("'ad_storage':'denied'"));
    // Their own categories still grant them.
    let yes = STORE.record("", CategorySet::ALL);
    let mode = consent_mode(yes.consent()).map(ConsentSignal::AdStorage, Category::Necessary);
    assert!(mode.granted(ConsentSignal::AdStorage));
}

#[test]
fn a_nonce_cannot_break_out_of_its_attribute() {
    let consent = STORE.read("");
    let script = consent_mode(&consent)
        .nonce("\"><script>alert(1)</script>")
        .to_string();
    assert!(
        script.starts_with(
            "<script nonce=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">window.dataLayer"
        ),
        "{script}"
    );
    assert_eq!(script.matches("<script").count(), 1);
}

#[test]
fn the_proof_notes_a_choice_made_under_gpc() {
    let recorded = STORE
        .record("", CategorySet::from(Category::Statistics))
        .noting_gpc(gpc_signal(Some(b"1")));
    let record = recorded.record();
    assert!(record.global_privacy_control());
    assert!(record.to_json().contains("\"global_privacy_control\":true"));
    assert_eq!(
        cookie_decl::consent::ConsentRecord::from_json(&record.to_json()).as_ref(),
        Some(record)
    );
    assert!(
        !STORE
            .record("", CategorySet::ALL)
            .record()
            .global_privacy_control()
    );
}

declare_cookies! {
    /// `Site`, with the header's `consent_mode`.
    pub struct Mapped {
        site: "https://data.example.fr",
        consent_mode: {
            functionality_storage: necessary,
            personalization_storage: statistics,
            ad_personalization: denied,
        },
    }
    necessary {
        consent { provider: "Example", service: "Choix", purpose: "Se souvenir du choix.",
                  max_age: 6 months, stores_consent: true }
    }
    preferences {
        lang { provider: "Example", service: "Langue", purpose: "Se souvenir de la langue.",
               max_age: 1 year }
    }
    statistics {
        extern "_ga_*" as GA { provider: "Google", service: "Google Analytics",
                               purpose: "Distinguer les visiteurs.", max_age: 13 months }
    }
    marketing {
        extern "_gcl_au" as GCL { provider: "Google", service: "Google Ads",
                                  purpose: "Mesurer les conversions.", max_age: 3 months }
    }
}

declare_cookies! {
    /// `Mapped` with another mapping of one signal.
    pub struct Remapped {
        site: "https://data.example.fr",
        consent_mode: {
            functionality_storage: necessary,
            personalization_storage: preferences,
            ad_personalization: denied,
        },
    }
    necessary {
        consent { provider: "Example", service: "Choix", purpose: "Se souvenir du choix.",
                  max_age: 6 months, stores_consent: true }
    }
    preferences {
        lang { provider: "Example", service: "Langue", purpose: "Se souvenir de la langue.",
               max_age: 1 year }
    }
    statistics {
        extern "_ga_*" as GA { provider: "Google", service: "Google Analytics",
                               purpose: "Distinguer les visiteurs.", max_age: 13 months }
    }
    marketing {
        extern "_gcl_au" as GCL { provider: "Google", service: "Google Ads",
                                  purpose: "Mesurer les conversions.", max_age: 3 months }
    }
}

#[test]
fn the_header_maps_signals_and_the_rest_keep_googles_mapping() {
    use cookie_decl::Registry;
    assert_eq!(
        <Site as Registry>::CONSENT_MODE,
        [],
        "no `consent_mode`, no override"
    );
    assert_eq!(
        <Mapped as Registry>::CONSENT_MODE,
        [
            (
                ConsentSignal::FunctionalityStorage,
                Some(Category::Necessary)
            ),
            (
                ConsentSignal::PersonalizationStorage,
                Some(Category::Statistics)
            ),
            (ConsentSignal::AdPersonalization, None),
        ]
    );
    let expected = [
        (ConsentSignal::AdStorage, Some(Category::Marketing)),
        (ConsentSignal::AdUserData, Some(Category::Marketing)),
        (ConsentSignal::AdPersonalization, None),
        (ConsentSignal::AnalyticsStorage, Some(Category::Statistics)),
        (
            ConsentSignal::FunctionalityStorage,
            Some(Category::Necessary),
        ),
        (
            ConsentSignal::PersonalizationStorage,
            Some(Category::Statistics),
        ),
        (ConsentSignal::SecurityStorage, Some(Category::Necessary)),
    ];
    for (signal, category) in expected {
        assert_eq!(signal.category_in::<Mapped>(), category, "{signal:?}");
        assert_eq!(
            signal.category_in::<Site>(),
            Some(signal.default_category()),
            "{signal:?}"
        );
    }
}

#[test]
fn consent_mode_renders_the_declared_mapping() {
    let store = ConsentCookie::<Mapped>::unsigned();
    let before = store.read("");
    assert_eq!(
        consent_mode(&before).to_string(),
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}\
         gtag('consent','default',{'ad_storage':'denied','ad_user_data':'denied',\
         'ad_personalization':'denied','analytics_storage':'denied',\
         'functionality_storage':'granted','personalization_storage':'denied',\
         'security_storage':'granted'});gtag('set','ads_data_redaction',true);</script>"
    );
    let all = store.record("", CategorySet::ALL);
    let mode = consent_mode(all.consent());
    for signal in ConsentSignal::ALL {
        // `denied` holds whatever the visitor says.
        assert_eq!(
            mode.granted(signal),
            signal != ConsentSignal::AdPersonalization,
            "{signal:?}"
        );
    }
    // Statistics alone grant what the header maps to statistics.
    let statistics = store.record("", CategorySet::from(Category::Statistics));
    let mode = consent_mode(statistics.consent());
    assert!(mode.granted(ConsentSignal::PersonalizationStorage));
    assert!(mode.granted(ConsentSignal::AnalyticsStorage));
    assert!(!mode.granted(ConsentSignal::AdStorage));
    // A rendering may still override the declaration.
    let mode = mode.map(ConsentSignal::AdPersonalization, Category::Statistics);
    assert!(mode.granted(ConsentSignal::AdPersonalization));
    let mode = mode.deny(ConsentSignal::AnalyticsStorage);
    assert!(!mode.granted(ConsentSignal::AnalyticsStorage));
    assert_eq!(
        mode.categories(),
        CategorySet::from(Category::Statistics).with(Category::Marketing)
    );
}

#[test]
fn the_mapping_is_part_of_what_the_visitor_consented_to() {
    use cookie_decl::consent::ConsentRegistry;
    assert_ne!(
        <Mapped as ConsentRegistry>::FINGERPRINT,
        <Remapped as ConsentRegistry>::FINGERPRINT
    );
    assert_ne!(
        <Mapped as ConsentRegistry>::FINGERPRINT,
        <Site as ConsentRegistry>::FINGERPRINT
    );
    // A choice made under one mapping is asked again under another.
    let yes = ConsentCookie::<Mapped>::unsigned().record("", CategorySet::ALL);
    let header = yes.set_cookies()[0].stripped().to_string();
    let again = ConsentCookie::<Remapped>::unsigned().read(header.as_str());
    assert_eq!(again.not_asked_reason(), Some(NotAsked::DeclarationChanged));
    assert!(
        ConsentCookie::<Mapped>::unsigned()
            .read(header.as_str())
            .is_given()
    );
}

#[test]
fn clarity_gets_the_same_storage_signals() {
    let store = ConsentCookie::<Mapped>::unsigned();
    let expect = |ad: &str, analytics: &str| {
        format!(
            "<script>window.clarity=window.clarity||function(){{(window.clarity.q=\
             window.clarity.q||[]).push(arguments)}};window.clarity('consentv2',\
             {{'ad_Storage':'{ad}','analytics_Storage':'{analytics}'}});</script>"
        )
    };
    let before = store.read("");
    assert_eq!(
        consent_mode(&before).clarity().to_string(),
        expect("denied", "denied")
    );
    let statistics = store.record("", CategorySet::from(Category::Statistics));
    assert_eq!(
        consent_mode(statistics.consent()).clarity().to_string(),
        expect("denied", "granted")
    );
    let marketing = store.record("", CategorySet::from(Category::Marketing));
    assert_eq!(
        consent_mode(marketing.consent()).clarity().to_string(),
        expect("granted", "denied")
    );
    // The nonce is escaped as for Google's snippet; an override counts.
    let script = consent_mode(marketing.consent())
        .deny(ConsentSignal::AdStorage)
        .nonce("\"><x")
        .clarity()
        .to_string();
    assert!(
        script.starts_with("<script nonce=\"&quot;&gt;&lt;x\">window.clarity="),
        "{script}"
    );
    assert!(script.contains("'ad_Storage':'denied'"), "{script}");
}

/// A registry whose `consent_mode` comes through `macro_rules!` fragments.
macro_rules! mapped_by_fragments {
    ($signal:ident, $category:expr, $other:ident: $denied:tt) => {
        declare_cookies! {
            pub struct Fragments {
                site: "https://data.example.fr",
                consent_mode: { $signal: $category, $other: $denied },
            }
            statistics {
                extern "_ga_*" as GA { provider: "Google", service: "Google Analytics",
                                       purpose: "Distinguer les visiteurs.", max_age: 13 months }
            }
        }
    };
}

mapped_by_fragments!(personalization_storage, statistics, ad_user_data: denied);

#[test]
fn consent_mode_accepts_macro_rules_fragments() {
    assert_eq!(
        ConsentSignal::PersonalizationStorage.category_in::<Fragments>(),
        Some(Category::Statistics)
    );
    assert_eq!(ConsentSignal::AdUserData.category_in::<Fragments>(), None);
}

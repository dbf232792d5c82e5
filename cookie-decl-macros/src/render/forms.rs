//! What the consent banner and the preferences page share: their fixed
//! wording in French and English, the site's paths their forms post to and
//! link to, and their row of buttons.

use std::fmt::Write as _;

use crate::model::Registry;
use crate::render::escape::html;

/// The fixed wording of the banner and the preferences page in one
/// language.
pub struct Texts {
    pub lang: &'static str,
    pub title: &'static str,
    /// Before the site.
    pub text_start: &'static str,
    /// After the site, before the list of categories that need consent.
    pub text_consent: &'static str,
    /// The end of the paragraph.
    pub text_end: &'static str,
    /// When no cookie needs consent.
    pub text_no_consent: &'static str,
    /// Categories in the banner's sentence, in `Category::ALL` order.
    pub in_sentence: [&'static str; 4],
    pub and: &'static str,
    pub exempt: &'static str,
    pub charte_link: &'static str,
    pub preferences_link: &'static str,
    pub accept_all: &'static str,
    pub refuse_all: &'static str,
    pub customise: &'static str,
    pub save: &'static str,
    pub preferences_title: &'static str,
    pub legend: &'static str,
    /// Checkbox labels, in `Category::ALL` order.
    pub labels: [&'static str; 4],
    /// What each category is for, in `Category::ALL` order.
    pub descriptions: [&'static str; 4],
    pub always_on: &'static str,
    pub exempt_note: &'static str,
    /// Before the services a category's tags and embeds bring.
    pub services: &'static str,
    /// Between a cookie and its purpose: French puts a space before `:`.
    pub colon: &'static str,
}

pub const FR: Texts = Texts {
    lang: "fr",
    title: "Vos choix concernant les cookies",
    text_start: "La plateforme ",
    text_consent: " utilise des cookies nécessaires à son fonctionnement et, avec votre accord, des cookies ",
    text_end: ". Vous pouvez tout accepter, tout refuser ou choisir par finalité, et changer d'avis à tout moment depuis la page « Gérer les cookies ».",
    text_no_consent: " n'utilise que des cookies nécessaires à son fonctionnement, qui ne requièrent pas votre consentement.",
    in_sentence: [
        "nécessaires",
        "de préférences",
        "de mesure d'audience",
        "publicitaires et de suivi",
    ],
    and: " et ",
    exempt: "Les cookies de mesure d'audience suivants sont exemptés de consentement (statistiques anonymes, sans suivi sur d'autres sites) : ",
    charte_link: "Consulter la charte cookies",
    preferences_link: "Gérer les cookies",
    accept_all: "Tout accepter",
    refuse_all: "Tout refuser",
    customise: "Personnaliser",
    save: "Enregistrer mes choix",
    preferences_title: "Gérer les cookies",
    legend: "Finalités",
    labels: [
        "Cookies nécessaires",
        "Cookies de préférences",
        "Cookies de mesure d'audience",
        "Cookies publicitaires et de suivi",
    ],
    descriptions: [
        "Indispensables au fonctionnement de la plateforme : ils ne requièrent pas votre consentement.",
        "Ils mémorisent vos choix d'affichage au-delà de ce que le service exige.",
        "Ils mesurent la fréquentation de la plateforme.",
        "Ils suivent votre navigation, y compris sur d'autres sites, à des fins publicitaires.",
    ],
    always_on: " (toujours actifs)",
    exempt_note: "Exemptés de consentement : ",
    services: "Services tiers concernés : ",
    colon: " : ",
};

pub const EN: Texts = Texts {
    lang: "en",
    title: "Your cookie choices",
    text_start: "The platform ",
    text_consent: " uses cookies necessary for it to work and, with your consent, ",
    text_end: " cookies. You can accept all, refuse all or choose by purpose, and change your mind at any time from the \u{201c}Manage cookies\u{201d} page.",
    text_no_consent: " only uses cookies necessary for it to work, which do not require your consent.",
    in_sentence: [
        "necessary",
        "preference",
        "audience measurement",
        "advertising and tracking",
    ],
    and: " and ",
    exempt: "The following audience measurement cookies are exempt from consent (anonymous statistics, no tracking on other sites): ",
    charte_link: "Read the cookie policy",
    preferences_link: "Manage cookies",
    accept_all: "Accept all",
    refuse_all: "Refuse all",
    customise: "Customise",
    save: "Save my choices",
    preferences_title: "Manage cookies",
    legend: "Purposes",
    labels: [
        "Necessary cookies",
        "Preference cookies",
        "Audience measurement cookies",
        "Advertising and tracking cookies",
    ],
    descriptions: [
        "Required for the platform to work: they do not require your consent.",
        "They remember your display choices beyond what the service requires.",
        "They measure the platform's audience.",
        "They follow your browsing, on other sites too, for advertising.",
    ],
    always_on: " (always on)",
    exempt_note: "Exempt from consent: ",
    services: "Third-party services: ",
    colon: ": ",
};

/// The paths the forms post to and link to.
pub struct Urls {
    pub consent: String,
    pub preferences: String,
    pub charte: String,
}

impl Urls {
    pub fn of(registry: &Registry, lang: &str) -> Urls {
        let options = &registry.banner;
        let pick =
            |custom: &Option<String>, default: &str| html(custom.as_deref().unwrap_or(default));
        let charte = match (&options.charte_url, lang) {
            (None, "en") => "/cookies?lang=en".to_owned(),
            _ => pick(&options.charte_url, "/cookies"),
        };
        Urls {
            consent: pick(&options.consent_url, "/cookies/consent"),
            preferences: pick(&options.preferences_url, "/cookies/preferences"),
            charte,
        }
    }
}

/// The three buttons, one element and one class each, in one row: the
/// same prominence for yes, no and "let me choose".
pub fn buttons(out: &mut String, texts: &Texts, third: (&str, &str)) {
    out.push_str("<div class=\"cookie-consent-actions\">\n");
    for (value, label) in [("all", texts.accept_all), ("none", texts.refuse_all), third] {
        let _ = writeln!(
            out,
            "<button type=\"submit\" class=\"cookie-consent-button\" name=\"consent\" \
             value=\"{value}\">{}</button>",
            html(label)
        );
    }
    out.push_str("</div>\n");
}

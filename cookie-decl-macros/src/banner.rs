//! The consent banner and the preferences page, rendered at expansion time
//! from the checked declaration as HTML fragments, in French and English.
//!
//! What only the request knows is left as a slot, `\0name\0`, that
//! `cookie_decl::consent` fills when it renders a page: the CSRF token
//! (`csrf`), whether each category's box is ticked (`checked:1`,
//! `checked:2`, `checked:4`, the bits of `CategorySet`) and the visitor's
//! recorded choice (`choice`). A declared string holds no NUL (it is
//! rejected as a control character), so a slot cannot be forged by one.

use std::fmt::Write as _;

use crate::ast::Category;
use crate::charte::{HTML, escape_into, html};
use crate::model::{Cookie, Registry};

/// The fixed wording of the banner and the preferences page in one
/// language.
pub struct Texts {
    lang: &'static str,
    title: &'static str,
    /// Before the site.
    text_start: &'static str,
    /// After the site, before the list of categories that need consent.
    text_consent: &'static str,
    /// The end of the paragraph.
    text_end: &'static str,
    /// When no cookie needs consent.
    text_no_consent: &'static str,
    /// Categories in the banner's sentence, in `Category::ALL` order.
    in_sentence: [&'static str; 4],
    and: &'static str,
    exempt: &'static str,
    charte_link: &'static str,
    preferences_link: &'static str,
    accept_all: &'static str,
    refuse_all: &'static str,
    customise: &'static str,
    save: &'static str,
    preferences_title: &'static str,
    legend: &'static str,
    /// Checkbox labels, in `Category::ALL` order.
    labels: [&'static str; 4],
    /// What each category is for, in `Category::ALL` order.
    descriptions: [&'static str; 4],
    always_on: &'static str,
    exempt_note: &'static str,
    /// Before the services a category's tags and embeds bring.
    services: &'static str,
    /// Between a cookie and its purpose: French puts a space before `:`.
    colon: &'static str,
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
struct Urls {
    consent: String,
    preferences: String,
    charte: String,
}

impl Urls {
    fn of(registry: &Registry, lang: &str) -> Urls {
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

/// The bit of a category in `cookie_decl::consent::CategorySet`.
fn bit(category: Category) -> u8 {
    match category {
        Category::Necessary => 0,
        Category::Preferences => 1,
        Category::Statistics => 2,
        Category::Marketing => 4,
    }
}

/// The categories the visitor is asked about, in charte order.
fn consent_categories(registry: &Registry) -> Vec<Category> {
    Category::ALL
        .into_iter()
        .filter(|&category| registry.asks(category))
        .collect()
}

fn exempt_cookies(registry: &Registry) -> Vec<&Cookie> {
    registry
        .cookies
        .iter()
        .filter(|c| c.consent_exempt)
        .collect()
}

/// The providers of `category`'s tags and embeds that wait for consent,
/// each once, in declaration order: who a yes lets in, as the banner
/// names them.
fn tag_providers(registry: &Registry, category: Category) -> Vec<&str> {
    let mut providers: Vec<&str> = Vec::new();
    let tags = registry.tags.list.iter();
    for tag in tags.filter(|t| t.category == category && t.needs_consent(&registry.cookies)) {
        if !providers.contains(&tag.provider.as_str()) {
            providers.push(&tag.provider);
        }
    }
    providers
}

/// `a`, `a et b`, `a, b et c`.
fn list(items: &[&str], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{}{and}{last}", init.join(", ")),
    }
}

/// `<li><code>name</code> (provider): purpose</li>`, escaped, appended to
/// `out`: pushed piece by piece, without `format!` nor a `String` per
/// field, as the preferences page lists every cookie twice (French and
/// English) on every build, unoptimised in a debug one.
fn cookie_item(out: &mut String, cookie: &Cookie, texts: &Texts) {
    out.push_str("<li><code>");
    escape_into(out, &cookie.name, &HTML);
    out.push_str("</code> (");
    escape_into(out, &cookie.provider, &HTML);
    out.push(')');
    out.push_str(texts.colon);
    escape_into(out, &cookie.purpose, &HTML);
    out.push_str("</li>\n");
}

/// The three buttons, one element and one class each, in one row: the
/// same prominence for yes, no and "let me choose".
fn buttons(out: &mut String, texts: &Texts, third: (&str, &str)) {
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

/// The banner: who sets cookies and why, the consent-exempt audience
/// cookies by name, a link to the charte, and the three buttons.
pub fn render_banner(registry: &Registry, texts: &Texts) -> String {
    let options = &registry.banner;
    let english = texts.lang == "en";
    let (title, text) = if english {
        (&options.title_en, &options.text_en)
    } else {
        (&options.title, &options.text)
    };
    let urls = Urls::of(registry, texts.lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<section class=\"cookie-banner\" lang=\"{}\" aria-labelledby=\"cookie-banner-title\">",
        texts.lang
    );
    let _ = writeln!(
        out,
        "<h2 id=\"cookie-banner-title\">{}</h2>",
        html(title.as_deref().unwrap_or(texts.title))
    );
    out.push_str("<p>");
    match text {
        Some(text) => out.push_str(&html(text)),
        None => {
            out.push_str(&html(texts.text_start));
            // The host, as a visitor reads it in the address bar.
            let host = registry
                .site
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_end_matches('/');
            out.push_str(&html(host));
            let categories: Vec<String> = consent_categories(registry)
                .into_iter()
                .map(|c| {
                    let providers = tag_providers(registry, c);
                    let words = texts.in_sentence[c as usize];
                    if providers.is_empty() {
                        words.to_owned()
                    } else {
                        format!("{words} ({})", providers.join(", "))
                    }
                })
                .collect();
            let categories: Vec<&str> = categories.iter().map(String::as_str).collect();
            if categories.is_empty() {
                out.push_str(&html(texts.text_no_consent));
            } else {
                out.push_str(&html(texts.text_consent));
                out.push_str(&html(&list(&categories, texts.and)));
                out.push_str(&html(texts.text_end));
            }
        }
    }
    out.push_str("</p>\n");
    let exempt = exempt_cookies(registry);
    if !exempt.is_empty() {
        let names: Vec<String> = exempt
            .iter()
            .map(|c| format!("<code>{}</code> ({})", html(&c.name), html(&c.provider)))
            .collect();
        let _ = writeln!(
            out,
            "<p class=\"cookie-banner-exempt\">{}{}.</p>",
            html(texts.exempt),
            names.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "<form method=\"post\" action=\"{}\">\n\
         <input type=\"hidden\" name=\"csrf_token\" value=\"\0csrf\0\">",
        urls.consent
    );
    buttons(&mut out, texts, ("customise", texts.customise));
    out.push_str("</form>\n");
    let _ = writeln!(
        out,
        "<p class=\"cookie-banner-links\"><a href=\"{}\">{}</a> · <a href=\"{}\">{}</a></p>",
        urls.charte,
        html(texts.charte_link),
        urls.preferences,
        html(texts.preferences_link)
    );
    out.push_str("</section>\n");
    out
}

/// The preferences page: the recorded choice, one checkbox per category
/// that has cookies (necessary ticked and disabled), each with what it is
/// for and its cookies, and the buttons.
pub fn render_preferences(registry: &Registry, texts: &Texts) -> String {
    let urls = Urls::of(registry, texts.lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<section class=\"cookie-preferences\" lang=\"{}\" \
         aria-labelledby=\"cookie-preferences-title\">",
        texts.lang
    );
    let _ = writeln!(
        out,
        "<h2 id=\"cookie-preferences-title\">{}</h2>",
        html(texts.preferences_title)
    );
    out.push_str("<p class=\"cookie-preferences-choice\">\0choice\0</p>\n");
    let _ = writeln!(
        out,
        "<form method=\"post\" action=\"{}\">\n\
         <input type=\"hidden\" name=\"csrf_token\" value=\"\0csrf\0\">\n\
         <fieldset>\n<legend>{}</legend>",
        urls.consent,
        html(texts.legend)
    );
    // Each category with cookies, or with tags only (a pixel that stores
    // nothing the declaration names still waits for a yes).
    let categories = Category::ALL.into_iter().filter_map(|category| {
        let cookies: Vec<&Cookie> = registry
            .cookies
            .iter()
            .filter(|c| c.category == category)
            .collect();
        let tagged = registry.tags.list.iter().any(|t| t.category == category);
        (!cookies.is_empty() || tagged).then_some((category, cookies))
    });
    for (category, cookies) in categories {
        let index = category as usize;
        let keyword = category.keyword();
        let needing: Vec<&&Cookie> = cookies.iter().filter(|c| c.needs_consent()).collect();
        let exempt: Vec<&&Cookie> = cookies.iter().filter(|c| c.consent_exempt).collect();
        let _ = writeln!(out, "<div class=\"cookie-category\">");
        let input = if category == Category::Necessary {
            format!(
                "<input type=\"checkbox\" id=\"cookie-category-{keyword}\" checked disabled \
                 aria-describedby=\"cookie-category-{keyword}-purpose\">"
            )
        } else if !registry.asks(category) {
            // Only exempt cookies: nothing to consent to, nothing to tick.
            String::new()
        } else {
            format!(
                "<input type=\"checkbox\" id=\"cookie-category-{keyword}\" name=\"category\" \
                 value=\"{keyword}\" aria-describedby=\"cookie-category-{keyword}-purpose\"\0checked:{}\0>",
                bit(category)
            )
        };
        let always = if category == Category::Necessary {
            texts.always_on
        } else {
            ""
        };
        if input.is_empty() {
            let _ = writeln!(
                out,
                "<p class=\"cookie-category-name\">{}</p>",
                html(texts.labels[index])
            );
        } else {
            let _ = writeln!(
                out,
                "{input}\n<label for=\"cookie-category-{keyword}\">{}{}</label>",
                html(texts.labels[index]),
                html(always)
            );
        }
        let _ = writeln!(
            out,
            "<p id=\"cookie-category-{keyword}-purpose\">{}</p>",
            html(texts.descriptions[index])
        );
        let listed: Vec<&&Cookie> = if category == Category::Necessary {
            cookies.iter().collect()
        } else {
            needing
        };
        if !listed.is_empty() {
            out.push_str("<ul>\n");
            out.reserve(listed.len() * 128);
            for cookie in listed {
                cookie_item(&mut out, cookie, texts);
            }
            out.push_str("</ul>\n");
        }
        if !exempt.is_empty() {
            let _ = writeln!(out, "<p>{}</p>\n<ul>", html(texts.exempt_note));
            for cookie in exempt {
                cookie_item(&mut out, cookie, texts);
            }
            out.push_str("</ul>\n");
        }
        services(&mut out, registry, category, texts);
        out.push_str("</div>\n");
    }
    out.push_str("</fieldset>\n");
    buttons(&mut out, texts, ("save", texts.save));
    out.push_str("</form>\n");
    let _ = writeln!(
        out,
        "<p class=\"cookie-preferences-links\"><a href=\"{}\">{}</a></p>",
        urls.charte,
        html(texts.charte_link)
    );
    out.push_str("</section>\n");
    out
}

/// The services `category`'s tags and embeds bring, `service (provider)`
/// each, in declaration order: what a visitor lets in by ticking its box.
/// Nothing for a category without tags.
fn services(out: &mut String, registry: &Registry, category: Category, texts: &Texts) {
    let tags: Vec<_> = registry
        .tags
        .list
        .iter()
        .filter(|tag| tag.category == category)
        .collect();
    if tags.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<p class=\"cookie-category-services\">{}</p>\n<ul>",
        html(texts.services)
    );
    for tag in tags {
        let _ = writeln!(
            out,
            "<li>{} ({})</li>",
            html(&tag.service),
            html(&tag.provider)
        );
    }
    out.push_str("</ul>\n");
}

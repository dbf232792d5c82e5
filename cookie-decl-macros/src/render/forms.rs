//! What the consent banner and the preferences page share: the site's
//! paths their forms post to and link to, and their row of buttons. Their
//! wording is in [`texts`](crate::render::texts) ([`Forms`]).

use std::fmt::Write as _;

use crate::lang::Lang;
use crate::model::Registry;
use crate::render::escape::html;
use crate::render::texts::Forms;

/// The paths the forms post to and link to.
pub struct Urls {
    pub consent: String,
    pub preferences: String,
    pub charte: String,
}

impl Urls {
    /// The site's paths; the charte's, by default, `/cookies` in the
    /// site's first language and `/cookies?lang=xx` in another.
    pub fn of(registry: &Registry, lang: Lang) -> Urls {
        let options = &registry.banner;
        let pick =
            |custom: &Option<String>, default: &str| html(custom.as_deref().unwrap_or(default));
        let charte = match (&options.charte_url, lang) {
            (None, lang) if lang != registry.langs[0] => format!("/cookies?lang={}", lang.code()),
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
pub fn buttons(out: &mut String, texts: &Forms, third: (&str, &str)) {
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

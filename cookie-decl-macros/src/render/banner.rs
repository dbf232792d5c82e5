//! The consent banner, rendered at expansion time from the checked
//! declaration as an HTML fragment, in each language the site publishes (its wording is
//! [`texts`](crate::render::texts)' [`Forms`], shared with the preferences page).
//!
//! What only the request knows is left as a slot, `\0name\0`, that
//! `cookie_decl::consent` fills when it renders a page: the CSRF token
//! (`csrf`), whether each category's box is ticked (`checked:1`,
//! `checked:2`, `checked:4`, the bits of `CategorySet`) and the visitor's
//! recorded choice (`choice`). A declared string holds no NUL (it is
//! rejected as a control character), so a slot cannot be forged by one.

use std::fmt::Write as _;

use crate::ast::Category;
use crate::lang::Lang;
use crate::model::{Cookie, Registry};
use crate::render::escape::html;
use crate::render::forms::{Urls, buttons};
use crate::render::texts;

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

/// The banner: who sets cookies and why, the consent-exempt audience
/// cookies by name, a link to the charte, and the three buttons.
pub fn render_banner(registry: &Registry, lang: Lang) -> String {
    let options = &registry.banner;
    let (title, text) = (options.title.get(lang), options.text.get(lang));
    let all = texts::texts(lang);
    let texts = &all.forms;
    let urls = Urls::of(registry, lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<section class=\"cookie-banner\" lang=\"{}\" aria-labelledby=\"cookie-banner-title\">",
        lang.code()
    );
    let _ = writeln!(
        out,
        "<h2 id=\"cookie-banner-title\">{}</h2>",
        html(title.unwrap_or(texts.title))
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

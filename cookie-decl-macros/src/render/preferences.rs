//! The preferences page, rendered at expansion time from the checked
//! declaration as an HTML fragment, in each language the site publishes (its wording is
//! [`texts`](crate::render::texts)' [`Forms`], shared with the banner). Its slots are
//! the banner's (see [`banner`](crate::render::banner)), with the recorded
//! choice (`choice`) and each box's tick (`checked:N`).

use std::fmt::Write as _;

use crate::ast::Category;
use crate::lang::Lang;
use crate::model::{Cookie, Registry};
use crate::render::escape::{HTML, escape_into, html};
use crate::render::forms::{Urls, buttons};
use crate::render::texts::{self, Forms};

/// The bit of a category in `cookie_decl::consent::CategorySet`.
fn bit(category: Category) -> u8 {
    match category {
        Category::Necessary => 0,
        Category::Preferences => 1,
        Category::Statistics => 2,
        Category::Marketing => 4,
    }
}

/// `<li><code>name</code> (provider): purpose</li>`, escaped, appended to
/// `out`: pushed piece by piece, without `format!` nor a `String` per
/// field, as the preferences page lists every cookie once per published
/// language on every build, unoptimised in a debug one.
fn cookie_item(out: &mut String, cookie: &Cookie, lang: Lang, texts: &Forms) {
    out.push_str("<li><code>");
    escape_into(out, &cookie.name, &HTML);
    out.push_str("</code> (");
    escape_into(out, &cookie.provider, &HTML);
    out.push(')');
    out.push_str(texts.colon);
    escape_into(out, cookie.purpose_in(lang), &HTML);
    out.push_str("</li>\n");
}

/// The preferences page: the recorded choice, one checkbox per category
/// that has cookies (necessary ticked and disabled), each with what it is
/// for and its cookies, and the buttons.
pub fn render_preferences(registry: &Registry, lang: Lang) -> String {
    let all = texts::texts(lang);
    let texts = &all.forms;
    let urls = Urls::of(registry, lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<section class=\"cookie-preferences\" lang=\"{}\" \
         aria-labelledby=\"cookie-preferences-title\">",
        lang.code()
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
                cookie_item(&mut out, cookie, lang, texts);
            }
            out.push_str("</ul>\n");
        }
        if !exempt.is_empty() {
            let _ = writeln!(out, "<p>{}</p>\n<ul>", html(texts.exempt_note));
            for cookie in exempt {
                cookie_item(&mut out, cookie, lang, texts);
            }
            out.push_str("</ul>\n");
        }
        services(&mut out, registry, category, lang, texts);
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
fn services(out: &mut String, registry: &Registry, category: Category, lang: Lang, texts: &Forms) {
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
            html(tag.service_in(lang)),
            html(&tag.provider)
        );
    }
    out.push_str("</ul>\n");
}

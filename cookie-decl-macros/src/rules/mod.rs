//! Every rule `declare_cookies!` enforces, one small function each, with the
//! source it enforces. [`check`] resolves the registry defaults, runs the
//! rules, records each breach in the [`Ctxt`] and returns the model to
//! expand, whatever the errors (so the expansion still emits stub items).
//!
//! The registry header's rules are here; a cookie's in
//! [`cookie`](mod@cookie), a tag's and an embed's in [`tags`], Consent
//! Mode's in [`consent_mode`], each reading its `{ ... }` through
//! [`fields`]. A new feature's rules go in a file of their own beside them,
//! called from [`check`]. [`known_trackers`] is data: the trackers the
//! cookie rules know by name, generated from `cookie-decl-scan`'s table of
//! known cookies.

use syn::Ident;

use crate::ast::{Category, Input, Str};
use crate::ctxt::Ctxt;
use crate::lang::Lang;
use crate::model::{BannerOptions, CharteOptions, Localized, Registry};
use crate::suggest;

mod consent_mode;
mod cookie;
mod fields;
mod known_trackers;
mod lang;
mod tags;

use crate::rules::cookie::{consent_store, cookie, csrf_cookie, unique_constants, unique_names};
use crate::rules::fields::{Attributes, charte_text};
use crate::rules::lang::{Owner, Published};

pub fn check(input: &Input, cx: &Ctxt) -> Registry {
    let header = Attributes::collect(&input.header, cx);
    let site = header.text("site");
    match &site {
        Some(site) => site_is_url(site, cx),
        None if input.header.suggested.iter().any(|k| k == "site") => {}
        None => cx.error_at(
            input.ident.span(),
            format!(
                "missing `site` in `{}`: add `site: \"https://...\"`, the platform the charte \
                 speaks of",
                input.ident
            ),
        ),
    }
    let published = lang::published(&header, cx);
    let text = |key: &str| header_text(&header, key, &published, cx);
    let charte = CharteOptions {
        title: text("title"),
        intro: text("intro"),
        contact: text("contact"),
        show_lifetime: header.flag("show_lifetime").unwrap_or(false),
        show_consent: header.flag("show_consent").unwrap_or(false),
    };
    let banner = BannerOptions {
        title: text("banner_title"),
        text: text("banner_text"),
        consent_url: header.value("consent_url"),
        preferences_url: header.value("preferences_url"),
        charte_url: header.value("charte_url"),
    };
    for key in ["consent_url", "preferences_url", "charte_url"] {
        if let Some(lit) = header.text(key) {
            site_path(key, lit, cx);
        }
    }

    let mut cookies = Vec::new();
    for block in &input.blocks {
        if block.category.is_none() {
            // Its cookies are still checked and generated (see `cookie`),
            // so that code using them reports nothing more than the
            // category.
            unknown_category(&block.keyword, cx);
        }
        for error in &block.errors {
            cx.syn_error(error.clone());
        }
        for decl in &block.cookies {
            cookies.push(cookie(decl, block.category, &header, &published, cx));
        }
    }
    unique_names(&cookies, cx);
    unique_constants(&mut cookies, cx);
    let consent = consent_store(&cookies, &header, cx);
    let csrf = csrf_cookie(&cookies, cx);
    let tags = tags::check(input, &cookies, &published, cx);
    let consent_mode = consent_mode::check(&header, &input.ident, &cookies, &tags, cx);

    Registry {
        attrs: input.attrs.iter().map(|a| a.tokens.clone()).collect(),
        vis: input.vis.clone(),
        ident: input.ident.clone(),
        site: site.map(Str::value).unwrap_or_default(),
        langs: published.langs,
        charte,
        banner,
        cookies,
        consent,
        csrf,
        tags,
        consent_mode,
    }
}

/// One of the header's texts (`title`, `intro`, `contact`,
/// `banner_title`, `banner_text`), in each language it is given in. Written
/// once, it is French where the header names no languages, as before
/// languages existed (`contact` is every language's, an address); the
/// language where it names one; and, where it names several, an error
/// but for `contact`. Its `_en` key, where there is one, is the English
/// text.
fn header_text(header: &Attributes, key: &str, published: &Published, cx: &Ctxt) -> Localized {
    let contact = key == "contact";
    let mut text = header
        .get(key)
        .and_then(|value| lang::localized(key, value, Owner::Header, published, contact, cx))
        .unwrap_or_default();
    if !contact {
        if let Some(once) = text.all.take() {
            let lang = if published.named {
                published.langs[0]
            } else {
                Lang::Fr
            };
            text.by_lang.push((lang, once));
        }
    }
    let english = format!("{key}_en");
    if let Some(lit) = header.text(&english) {
        let value = lit.value();
        charte_text(&english, lit, &value, cx);
        if published.langs.contains(&Lang::En) {
            text.set(Lang::En, value);
        } else {
            cx.error_spanned_by(
                lit,
                format!(
                    "`{english}` is the English text, and the site does not publish English: \
                     remove it, or add `en` to `languages`"
                ),
            );
        }
    }
    text
}

/// The categories the charte and the consent logic know.
fn unknown_category(keyword: &Ident, cx: &Ctxt) {
    let word = keyword.to_string();
    let keywords = Category::ALL.map(Category::keyword);
    let message = match suggest::closest(&word, &keywords) {
        Some(close) => format!("unknown category `{word}`, did you mean `{close}`?"),
        None => format!(
            "unknown category `{word}`, expected `necessary`, `preferences`, `statistics` or \
             `marketing`"
        ),
    };
    cx.error_spanned_by(keyword, message);
}

/// The charte shows the site as a link: it must be an absolute http(s) URL
/// (anything else, such as `javascript:`, would be a hazard in the HTML
/// charte).
fn site_is_url(site: &Str, cx: &Ctxt) {
    let value = site.value();
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    let valid = rest.is_some_and(|rest| {
        !rest.is_empty()
            && !rest.starts_with('/')
            && rest
                .chars()
                .all(|c| c.is_ascii_graphic() && !"<>\"'`\\{}|^".contains(c))
    });
    if !valid {
        cx.error_spanned_by(
            site,
            format!(
                "`site` must be an absolute `https://` (or `http://`) URL, such as \
                 `\"https://data.example.fr\"`, found `{value:?}`"
            ),
        );
    }
}

/// The banner's form posts to, and links to, pages of the site: a path
/// such as `/cookies/consent`, which the generated HTML holds as is.
fn site_path(key: &str, lit: &Str, cx: &Ctxt) {
    let value = lit.value();
    let valid = value.starts_with('/')
        && !value.starts_with("//")
        && value
            .chars()
            .all(|c| c.is_ascii_graphic() && !"<>\"'`\\".contains(c));
    if !valid {
        cx.error_spanned_by(
            lit,
            format!("`{key}` must be a path of the site such as `\"/cookies\"`, found `{value:?}`"),
        );
    }
}

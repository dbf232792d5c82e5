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
use crate::model::{BannerOptions, CharteOptions, Registry};
use crate::suggest;

mod consent_mode;
mod cookie;
mod fields;
mod known_trackers;
mod tags;

use crate::rules::cookie::{consent_store, cookie, csrf_cookie, unique_constants, unique_names};
use crate::rules::fields::{Attributes, charte_text};

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
    let charte = CharteOptions {
        title: header.value("title"),
        intro: header.value("intro"),
        contact: header.value("contact"),
        title_en: header.value("title_en"),
        intro_en: header.value("intro_en"),
        contact_en: header.value("contact_en"),
        show_lifetime: header.flag("show_lifetime").unwrap_or(false),
        show_consent: header.flag("show_consent").unwrap_or(false),
    };
    let banner = BannerOptions {
        title: header.value("banner_title"),
        text: header.value("banner_text"),
        title_en: header.value("banner_title_en"),
        text_en: header.value("banner_text_en"),
        consent_url: header.value("consent_url"),
        preferences_url: header.value("preferences_url"),
        charte_url: header.value("charte_url"),
    };
    for key in ["consent_url", "preferences_url", "charte_url"] {
        if let Some(lit) = header.text(key) {
            site_path(key, lit, cx);
        }
    }
    for key in [
        "title",
        "intro",
        "contact",
        "title_en",
        "intro_en",
        "contact_en",
        "banner_title",
        "banner_text",
        "banner_title_en",
        "banner_text_en",
    ] {
        if let Some(lit) = header.text(key) {
            charte_text(key, lit, &lit.value(), cx);
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
            cookies.push(cookie(decl, block.category, &header, cx));
        }
    }
    unique_names(&cookies, cx);
    unique_constants(&mut cookies, cx);
    let consent = consent_store(&cookies, &header, cx);
    let csrf = csrf_cookie(&cookies, cx);
    let tags = tags::check(input, &cookies, cx);
    let consent_mode = consent_mode::check(&header, &input.ident, &cookies, &tags, cx);

    Registry {
        attrs: input.attrs.iter().map(|a| a.tokens.clone()).collect(),
        vis: input.vis.clone(),
        ident: input.ident.clone(),
        site: site.map(Str::value).unwrap_or_default(),
        charte,
        banner,
        cookies,
        consent,
        csrf,
        tags,
        consent_mode,
    }
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

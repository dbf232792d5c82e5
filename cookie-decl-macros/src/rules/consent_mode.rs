//! The rules of the header's `consent_mode: { signal: category, ... }`:
//! Google's documented signals, each mapped once, to a category the visitor
//! is asked about, never granting a tracker without consent.
//!
//! A registry that does not write `consent_mode` pays one lookup.

use proc_macro2::{Span, TokenTree};
use syn::Ident;

use crate::ast::{Category, Value};
use crate::ctxt::Ctxt;
use crate::model::Cookie;
use crate::model::consent_mode::{Mapping, SIGNALS};
use crate::model::tags::Tags;
use crate::rules::fields::Attributes;
use crate::suggest;

/// What a signal may be mapped to: a category, or never granted.
const TARGETS: [&str; 5] = [
    "necessary",
    "preferences",
    "statistics",
    "marketing",
    "denied",
];

/// Checks the header's `consent_mode` against Google's documented keys and
/// the declared `cookies`; the entries that pass, in the order written.
pub fn check(
    header: &Attributes,
    registry: &Ident,
    cookies: &[Cookie],
    tags: &Tags,
    cx: &Ctxt,
) -> Vec<Mapping> {
    let Some(Value::Map(entries, _)) = header.get("consent_mode") else {
        return Vec::new();
    };
    let mut mappings: Vec<Mapping> = Vec::with_capacity(entries.len());
    let mut seen: Vec<usize> = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let signal = known_signal(key, cx);
        let target = known_target(key, value, cx);
        let (Some(signal), Some(category)) = (signal, target) else {
            continue;
        };
        if seen.contains(&signal) {
            mapped_once(key, cx);
            continue;
        }
        seen.push(signal);
        let span = value.span();
        let sound = match (SIGNALS[signal].2, category) {
            (Category::Necessary, category) => security_always_granted(category, span, cx),
            (_, Some(Category::Necessary)) => consent_signal_needs_consent(signal, span, cx),
            (_, Some(category)) => {
                category_is_asked(signal, category, registry, cookies, tags, span, cx)
            }
            (_, None) => true,
        };
        if sound {
            mappings.push(Mapping { signal, category });
        }
    }
    mappings
}

/// Google documents seven consent types; any other key would be a signal
/// no Google tag reads.
fn known_signal(key: &Ident, cx: &Ctxt) -> Option<usize> {
    let name = key.to_string();
    if let Some(index) = SIGNALS.iter().position(|(k, _, _)| *k == name) {
        return Some(index);
    }
    let keys = SIGNALS.map(|(k, _, _)| k);
    let hint = match (name.as_str(), suggest::closest(&name, &keys)) {
        // Microsoft Clarity's keys differ from Google's by one capital.
        ("ad_Storage" | "analytics_Storage", _) => format!(
            ": write Google's `{}`, which Microsoft Clarity's `{name}` follows",
            name.to_ascii_lowercase()
        ),
        (_, Some(close)) => format!(", did you mean `{close}`?"),
        (_, None) => format!(
            ", expected one of {}",
            keys.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    cx.error_spanned_by(
        key,
        format!("unknown Consent Mode signal `{name}` in `consent_mode`{hint}"),
    );
    None
}

/// A signal is granted by one category's consent, or `denied` (never
/// granted: a site that never personalises ads says so).
fn known_target(key: &Ident, value: &TokenTree, cx: &Ctxt) -> Option<Option<Category>> {
    let word =
        match value {
            TokenTree::Ident(ident) => ident.to_string(),
            TokenTree::Literal(lit) => {
                let text = lit.to_string();
                let bare = text.trim_matches('"');
                cx.error_spanned_by(
                value,
                format!(
                    "expected a category or `denied` for `{key}`, found the string {text}: write \
                     the word without quotes, such as `{key}: {}`",
                    if TARGETS.contains(&bare) { bare } else { "statistics" }
                ),
            );
                return None;
            }
            other => {
                cx.error_spanned_by(
                other,
                format!(
                    "expected a category or `denied` for `{key}`, found `{other}`: write one of \
                     `necessary`, `preferences`, `statistics`, `marketing` or `denied`"
                ),
            );
                return None;
            }
        };
    if word == "denied" {
        return Some(None);
    }
    if let Some(category) = Category::from_keyword(&word) {
        return Some(Some(category));
    }
    let hint = suggest::hint(&word, &TARGETS);
    cx.error_spanned_by(
        value,
        format!(
            "unknown category `{word}` for `{key}`, expected `necessary`, `preferences`, \
             `statistics`, `marketing` or `denied`{hint}"
        ),
    );
    None
}

/// Each signal has one category: a second entry would leave the reader
/// guessing which one holds.
fn mapped_once(key: &Ident, cx: &Ctxt) {
    cx.error_spanned_by(
        key,
        format!("`{key}` is mapped twice in `consent_mode`: remove one of them"),
    );
}

/// `security_storage` is storage for authentication, fraud prevention and
/// other protection of the user (Google's definition): strictly necessary,
/// so exempt from consent (CNIL deliberation 2020-091, article 5), and
/// always granted.
fn security_always_granted(category: Option<Category>, span: Span, cx: &Ctxt) -> bool {
    if category == Some(Category::Necessary) {
        return true;
    }
    cx.error_at(
        span,
        "`security_storage` is storage for authentication, fraud prevention and the user's \
         protection, strictly necessary and exempt from consent (CNIL deliberation 2020-091, \
         article 5): it is always granted; remove it from `consent_mode`",
    );
    false
}

/// The advertising and analytics signals let Google's tags store and read
/// trackers: granted without consent, they would do so before a yes
/// (ePrivacy directive, article 5(3); CNIL deliberation 2020-091,
/// article 2).
fn consent_signal_needs_consent(signal: usize, span: Span, cx: &Ctxt) -> bool {
    let (key, _, default) = SIGNALS[signal];
    if !matches!(default, Category::Marketing | Category::Statistics) {
        return true;
    }
    cx.error_at(
        span,
        format!(
            "`{key}: necessary` would grant `{key}` without consent, so that Google's tags store \
             trackers before a yes (ePrivacy directive, article 5(3)): map it to a category the \
             visitor consents to, such as `{}`, or write `denied`",
            default.keyword()
        ),
    );
    false
}

/// A category that asks no consent (none of its cookies, tags and embeds
/// needs it) is never granted, so a signal mapped to it is never granted
/// either: the mapping says `denied` in a way the reader would not guess.
fn category_is_asked(
    signal: usize,
    category: Category,
    registry: &Ident,
    cookies: &[Cookie],
    tags: &Tags,
    span: Span,
    cx: &Ctxt,
) -> bool {
    let tagged = tags
        .list
        .iter()
        .any(|tag| tag.category == category && tag.needs_consent(cookies));
    if tagged
        || cookies
            .iter()
            .any(|cookie| cookie.category == category && cookie.needs_consent())
    {
        return true;
    }
    let key = SIGNALS[signal].0;
    cx.error_at(
        span,
        format!(
            "`{key}: {}` would never be granted: `{registry}` declares no `{}` cookie nor tag that \
             needs consent, so the visitor is never asked for it; map `{key}` to a category the site \
             asks for, or write `denied`",
            category.keyword(),
            category.keyword()
        ),
    );
    false
}

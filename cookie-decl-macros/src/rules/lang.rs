//! The languages a site publishes, and the texts it declares in each.
//!
//! GDPR articles 4(11) and 7(2): consent is informed, asked "in clear and
//! plain language"; a visitor who reads German is asked in German, with
//! each purpose stated in German, never in another language under
//! translated headings. So a site that names its languages
//! (`languages: [fr, de]`) writes each purpose in each of them, and a
//! missing one is a compile error at the cookie. A declaration that names
//! none publishes French and English, each text as written (the forms of
//! the SPEC).

use proc_macro2::TokenStream;
use syn::Ident;

use crate::ast::{Str, Value};
use crate::ctxt::Ctxt;
use crate::lang::Lang;
use crate::model::Localized;
use crate::rules::fields::{Attributes, charte_text};

/// The languages the site publishes, in the header's order (the first is
/// the site's own), and whether the header names them.
pub(crate) struct Published {
    pub langs: Vec<Lang>,
    pub named: bool,
}

impl Published {
    /// Whether one text written once may stand for every language: the
    /// header names no languages (French and English then read it as
    /// written, as before languages existed), or names one.
    pub(crate) fn once_is_enough(&self) -> bool {
        !self.named || self.langs.len() == 1
    }

    /// `languages: [fr, de]`, as the messages quote it.
    fn quoted(&self) -> String {
        let codes: Vec<&str> = self.langs.iter().map(|lang| lang.code()).collect();
        format!("languages: [{}]", codes.join(", "))
    }
}

/// The header's `languages`: each a known code, once; French and English
/// when it is not given.
pub(crate) fn published(header: &Attributes, cx: &Ctxt) -> Published {
    let Some(value) = header.get("languages") else {
        return Published {
            langs: Lang::DEFAULT.to_vec(),
            named: false,
        };
    };
    let Value::Langs(codes, tokens) = value else {
        // Not a list: already reported.
        return Published {
            langs: Lang::DEFAULT.to_vec(),
            named: false,
        };
    };
    let mut langs: Vec<Lang> = Vec::with_capacity(codes.len());
    for ident in codes {
        let Some(lang) = known(ident, "languages", cx) else {
            continue;
        };
        if langs.contains(&lang) {
            cx.error_spanned_by(
                ident,
                format!("`{ident}` is in `languages` twice: remove one of them"),
            );
        } else {
            langs.push(lang);
        }
    }
    if codes.is_empty() {
        cx.error_spanned_by(
            tokens,
            "`languages` is empty: name the languages the site publishes, its own first, such \
             as `languages: [fr, en]`",
        );
    }
    if langs.is_empty() {
        langs = Lang::DEFAULT.to_vec();
    }
    Published { langs, named: true }
}

/// The language `ident` names, or an error that lists the codes.
fn known(ident: &Ident, key: &str, cx: &Ctxt) -> Option<Lang> {
    let code = ident.to_string();
    if let Some(lang) = Lang::from_code(&code) {
        return Some(lang);
    }
    let lower = code.to_ascii_lowercase();
    // The country codes written for a language's.
    let country = match lower.as_str() {
        "gr" => Some(Lang::El),
        "cz" => Some(Lang::Cs),
        "dk" => Some(Lang::Da),
        "ee" => Some(Lang::Et),
        "ie" => Some(Lang::Ga),
        "se" => Some(Lang::Sv),
        "si" => Some(Lang::Sl),
        "gb" | "uk" => Some(Lang::En),
        "at" => Some(Lang::De),
        _ => None,
    };
    let hint = match (Lang::from_code(&lower), country) {
        (Some(_), _) => format!(", did you mean `{lower}`?"),
        (None, Some(lang)) => format!(
            ", did you mean `{}`, {}? (`{code}` is a country's code)",
            lang.code(),
            lang.english_name()
        ),
        (None, None) => {
            let codes: Vec<String> = Lang::ALL
                .iter()
                .map(|lang| format!("`{}`", lang.code()))
                .collect();
            format!(
                ": expected the code of one of the 24 official EU languages, {}",
                codes.join(", ")
            )
        }
    };
    cx.error_spanned_by(ident, format!("unknown language `{code}` in `{key}`{hint}"));
    None
}

/// Who a text belongs to, as the messages name it.
#[derive(Clone, Copy)]
pub(crate) enum Owner<'a> {
    /// A cookie, by its name.
    Cookie(&'a str),
    /// A tag or an embed (`"tag"`, `"embed"`), by its name.
    Tag(&'a str, &'a str),
    /// The registry header.
    Header,
}

/// A declared text (`key`'s `value`): written once, or once per published
/// language, every language there and no other. `once`: whether a text
/// written once stands for every published language (a service's proper
/// name, a contact address); otherwise it may only where
/// [`Published::once_is_enough`]. `None` for a value that is not a text
/// (already reported).
pub(crate) fn localized(
    key: &str,
    value: &Value,
    owner: Owner,
    published: &Published,
    once: bool,
    cx: &Ctxt,
) -> Option<Localized> {
    match value {
        Value::Str(lit) => {
            let text = lit.value();
            charte_text(key, lit, &text, cx);
            if !once && !published.once_is_enough() {
                written_once(key, lit, owner, published, cx);
            }
            Some(Localized {
                all: Some(text),
                by_lang: Vec::new(),
            })
        }
        Value::Texts(entries, tokens) => {
            Some(per_language(key, entries, tokens, owner, published, cx))
        }
        _ => None,
    }
}

/// A text written once where each published language needs its own.
fn written_once(key: &str, lit: &Str, owner: Owner, published: &Published, cx: &Ctxt) {
    let entries: Vec<String> = published
        .langs
        .iter()
        .map(|lang| format!("{}: \"...\"", lang.code()))
        .collect();
    let whose = match owner {
        Owner::Cookie(name) => format!("cookie `{name}`'s `{key}`"),
        Owner::Tag(kind, name) => format!("{kind} `{name}`'s `{key}`"),
        Owner::Header => format!("`{key}`"),
    };
    cx.error_spanned_by(
        lit,
        format!(
            "{whose} is written once, and the site publishes several languages (`{}`): write it \
             in each, `{key}: {{ {} }}`",
            published.quoted(),
            entries.join(", ")
        ),
    );
}

/// `{ fr: "...", de: "..." }`: each code known, published and given once,
/// each text a charte text, and every published language given.
fn per_language(
    key: &str,
    entries: &[(Ident, Str)],
    tokens: &TokenStream,
    owner: Owner,
    published: &Published,
    cx: &Ctxt,
) -> Localized {
    let mut by_lang: Vec<(Lang, String)> = Vec::with_capacity(entries.len());
    for (ident, lit) in entries {
        let Some(lang) = known(ident, key, cx) else {
            continue;
        };
        let text = lit.value();
        charte_text(key, lit, &text, cx);
        if by_lang.iter().any(|(seen, _)| *seen == lang) {
            cx.error_spanned_by(
                ident,
                format!("`{ident}` is given twice in `{key}`: remove one of them"),
            );
        } else if !published.langs.contains(&lang) {
            let how = if published.named {
                format!(
                    "add `{}` to `{}`, or remove this text",
                    lang.code(),
                    published.quoted()
                )
            } else {
                format!(
                    "the site publishes French and English unless its header names its \
                     languages: add `languages: [fr, en, {}]`, or remove this text",
                    lang.code()
                )
            };
            cx.error_spanned_by(
                ident,
                format!(
                    "the site does not publish {} (`{}`): {how}",
                    lang.english_name(),
                    lang.code()
                ),
            );
        } else {
            by_lang.push((lang, text));
        }
    }
    let missing: Vec<Lang> = published
        .langs
        .iter()
        .copied()
        .filter(|lang| !by_lang.iter().any(|(given, _)| given == lang))
        .collect();
    if !missing.is_empty() {
        let names: Vec<String> = missing
            .iter()
            .map(|lang| format!("{} (`{}`)", lang.english_name(), lang.code()))
            .collect();
        let entries: Vec<String> = missing
            .iter()
            .map(|lang| format!("{}: \"...\"", lang.code()))
            .collect();
        let (one, it) = if missing.len() == 1 {
            ("a language", "it")
        } else {
            ("languages", "them")
        };
        let names = names.join(" nor ");
        let entries = entries.join(", ");
        let or_remove = if published.named {
            format!(", or remove {it} from `languages`")
        } else {
            String::new()
        };
        let message = match owner {
            Owner::Cookie(name) => format!(
                "cookie `{name}` has no `{key}` in {names}, {one} the site publishes \
                 (`{}`): add `{entries}` to its `{key}`{or_remove}",
                published.quoted()
            ),
            Owner::Tag(kind, name) => format!(
                "{kind} `{name}` has no `{key}` in {names}, {one} the site publishes \
                 (`{}`): add `{entries}` to its `{key}`{or_remove}",
                published.quoted()
            ),
            Owner::Header => format!(
                "`{key}` has no text in {names}, {one} the site publishes (`{}`): add \
                 `{entries}` to `{key}`",
                published.quoted()
            ),
        };
        cx.error_spanned_by(tokens, message);
    }
    Localized { all: None, by_lang }
}

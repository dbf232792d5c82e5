//! The rules of third-party tags and embeds: what a `tag` or an `embed`
//! declares, the cookies it lists in `sets`, and the `set_by` of the
//! `extern` cookies none of them sets.
//!
//! A registry that declares none pays one emptiness check: no map is
//! built.

use std::cell::RefCell;
use std::collections::HashMap;

use syn::Ident;

use crate::ast::{Category, Input, Name, TagDecl, Value};
use crate::ctxt::Ctxt;
use crate::model::tags::{Tag, Tags};
use crate::model::{Constant, Cookie};
use crate::rules::fields::{Attributes, charte_text};
use crate::rules::lang::{self, Owner, Published};
use crate::suggest;

/// Checks every tag and embed against the checked `cookies` (indexed as
/// declared, which is the order of `input`'s blocks), and every `set_by`.
pub fn check(input: &Input, cookies: &[Cookie], published: &Published, cx: &Ctxt) -> Tags {
    let mut tags = Tags::default();
    let decls = input.blocks.iter().flat_map(|block| &block.cookies);
    for (index, decl) in decls.enumerate() {
        let Some(field) = decl.fields.entries.iter().find(|f| f.name == "set_by") else {
            continue;
        };
        // A name (a tag manager's) may be every language's.
        let owner = Owner::Cookie(&decl.name.value);
        let Some(value) = lang::localized("set_by", &field.value, owner, published, true, cx)
        else {
            continue;
        };
        set_by_is_for_extern(
            decl.extern_token.is_some(),
            &decl.name.value,
            &field.key,
            cx,
        );
        tags.set_by.push((index, value, field.key.span()));
    }
    if input.blocks.iter().all(|block| block.tags.is_empty()) {
        return tags;
    }

    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::with_capacity(cookies.len());
    for (index, cookie) in cookies.iter().enumerate() {
        by_name.entry(cookie.name.as_str()).or_default().push(index);
    }
    let names: Vec<&str> = cookies.iter().map(|c| c.name.as_str()).collect();
    let known = Known {
        cookies,
        guessed: RefCell::new(Vec::new()),
        by_name: &by_name,
        names: &names,
    };
    for block in &input.blocks {
        // An unknown category is reported by `check`, which treats its
        // cookies as `necessary`: so are its tags.
        let category = block.category.unwrap_or(Category::Necessary);
        for decl in &block.tags {
            tags.list.push(tag(decl, category, &known, published, cx));
        }
    }
    unique_tag_names(input, cx);
    unique_tag_constants(&mut tags.list, cookies, cx);
    set_by_or_a_tag(&tags, cookies, &known.guessed.into_inner(), cx);
    tags
}

/// The declared cookies, found by name.
struct Known<'a> {
    cookies: &'a [Cookie],
    /// Cookies suggested for a misspelt name in `sets`.
    guessed: RefCell<Vec<usize>>,
    by_name: &'a HashMap<&'a str, Vec<usize>>,
    names: &'a [&'a str],
}

fn tag(decl: &TagDecl, category: Category, known: &Known, published: &Published, cx: &Ctxt) -> Tag {
    let own = Attributes::collect(&decl.fields, cx);
    let what = if decl.embed { "embed" } else { "tag" };
    let name = decl.name.to_string();
    let name = name.strip_prefix("r#").unwrap_or(&name).to_owned();
    let text = |key: &str, why: &str| match own.get(key) {
        Some(Value::Str(lit)) => {
            let value = lit.value();
            charte_text(key, lit, &value, cx);
            value
        }
        Some(_) => String::new(),
        None if decl.fields.suggested.iter().any(|k| k == key) => String::new(),
        None => {
            cx.error_spanned_by(
                &decl.name,
                format!("{what} `{name}` is missing `{key}`: add `{key}: \"...\"`, {why}"),
            );
            String::new()
        }
    };
    let provider = text("provider", "who operates it");
    // A service may be a name, every language's; or one per language.
    let (service, services) = match own.get("service") {
        Some(value @ Value::Texts(..)) => {
            let owner = Owner::Tag(what, &name);
            let text =
                lang::localized("service", value, owner, published, true, cx).unwrap_or_default();
            let first = text.get(published.langs[0]).unwrap_or_default().to_owned();
            (first, text.by_lang)
        }
        _ => (text("service", "the service it provides"), Vec::new()),
    };
    let src = own.text("src");
    let inline = own.text("inline");
    let loading = match own.get("loading") {
        Some(Value::Loading(loading, _)) => Some(*loading),
        _ => None,
    };
    let mut broken_inline = false;
    if decl.embed {
        embed_has_no_script(&own, &name, cx);
    } else {
        one_source(&own, decl, &name, cx);
        if let Some(src) = src {
            src_is_https(src, cx);
        }
        if let Some(inline) = inline {
            // Reported when it does not: the expansion renders no body.
            broken_inline = !inline_stays_in_its_element(inline, cx);
            if let Some(key) = own.key("loading") {
                no_loading_inline(key, &name, cx);
            }
        }
    }
    let cookies = match own.get("sets") {
        Some(Value::List(names, _)) => sets(names, &name, what, category, known, cx),
        Some(_) => Vec::new(),
        None if decl.fields.suggested.iter().any(|k| k == "sets") => Vec::new(),
        None => {
            cx.error_spanned_by(
                &decl.name,
                format!(
                    "{what} `{name}` is missing `sets`: list the declared cookies it deposits, \
                     such as `sets: [_pk_id, \"_pk_ses.*\"]`, or write `sets: []` if it deposits \
                     none"
                ),
            );
            Vec::new()
        }
    };
    Tag {
        attrs: decl.attrs.iter().map(|a| a.tokens.clone()).collect(),
        embed: decl.embed,
        constant: Some(constant(decl, &name)),
        name,
        provider,
        service,
        services,
        category,
        src: if decl.embed {
            None
        } else {
            src.map(|s| s.value())
        },
        inline: if decl.embed || src.is_some() || broken_inline {
            None
        } else {
            inline.map(|s| s.value())
        },
        loading: if decl.embed || inline.is_some() {
            None
        } else {
            loading
        },
        cookies,
    }
}

/// `Cookies::MATOMO`: the `as` name, or the tag's name upper-cased.
fn constant(decl: &TagDecl, name: &str) -> Constant {
    match &decl.constant {
        Some(ident) => Constant {
            ident: ident.clone(),
            text: ident.to_string(),
        },
        None => {
            let text = name.to_ascii_uppercase();
            Constant {
                ident: Ident::new(&text, decl.name.span()),
                text,
            }
        }
    }
}

/// The cookies named in `sets`, each checked against the tag.
fn sets(
    names: &[Name],
    tag: &str,
    what: &str,
    category: Category,
    known: &Known,
    cx: &Ctxt,
) -> Vec<usize> {
    let mut indices = Vec::with_capacity(names.len());
    for (at, name) in names.iter().enumerate() {
        if names[..at].iter().any(|n| n.value == name.value) {
            cx.error_at(
                name.span,
                format!(
                    "cookie `{}` is listed twice in `sets`: remove one",
                    name.value
                ),
            );
            continue;
        }
        let Some(found) = known.by_name.get(name.value.as_str()) else {
            let close = set_cookie_is_declared(name, tag, what, category, known.names, cx);
            // The cookie it was meant to be is not also reported unset.
            if let Some(indices) = close.and_then(|close| known.by_name.get(close)) {
                known.guessed.borrow_mut().extend(indices);
            }
            continue;
        };
        for &index in found {
            let cookie = &known.cookies[index];
            tag_cookie_in_its_category(cookie, name, tag, what, category, cx);
            tag_cookie_is_extern(cookie, name, tag, what, cx);
            indices.push(index);
        }
    }
    indices
}

/// A tag lists declared cookies only: the charte says what it deposits,
/// and a name that is not declared is a cookie nobody informs the visitor
/// of (CNIL deliberation 2020-091, article 3).
/// Returns the declared name it is closest to, if any.
fn set_cookie_is_declared<'a>(
    name: &Name,
    tag: &str,
    what: &str,
    category: Category,
    names: &[&'a str],
    cx: &Ctxt,
) -> Option<&'a str> {
    let close = suggest::closest(&name.value, names);
    let hint = close.map_or(String::new(), |c| format!("; did you mean `{c}`?"));
    cx.error_at(
        name.span,
        format!(
            "{what} `{tag}` sets `{}`, which is not a declared cookie: declare it in `{}` with \
             `extern {:?} {{ ... }}`, or fix the name{hint}",
            name.value,
            category.keyword(),
            name.value
        ),
    );
    close
}

/// A tag's cookies are in its category: consent to the tag's category is
/// what loads the tag, so it is what allows the cookies it deposits
/// (ePrivacy 5(3); CNIL deliberation 2020-091, article 2). A `necessary`
/// tag, loaded without consent, deposits only `necessary` cookies.
fn tag_cookie_in_its_category(
    cookie: &Cookie,
    name: &Name,
    tag: &str,
    what: &str,
    category: Category,
    cx: &Ctxt,
) {
    if cookie.category != category && category == Category::Necessary {
        cx.error_at(
            name.span,
            format!(
                "cookie `{}` is a `{}` cookie, but {what} `{tag}` is in `necessary`, which loads \
                 without consent: a tag's cookies are in its category; move the {what} to `{}`, \
                 so that it waits for consent",
                cookie.name,
                cookie.category.keyword(),
                cookie.category.keyword()
            ),
        );
    } else if cookie.category != category {
        cx.error_at(
            name.span,
            format!(
                "cookie `{}` is a `{}` cookie, but {what} `{tag}` is in `{}`: a tag's cookies are \
                 in its category, since consent to `{}` is what loads it; move the {what} or the \
                 cookie so that they share a category",
                cookie.name,
                cookie.category.keyword(),
                category.keyword(),
                category.keyword()
            ),
        );
    }
}

/// A cookie a tag deposits from the browser is not one this server sets:
/// it is `extern`, with no builder, and its removal on withdrawal is the
/// one the declaration says.
fn tag_cookie_is_extern(cookie: &Cookie, name: &Name, tag: &str, what: &str, cx: &Ctxt) {
    if !cookie.external {
        cx.error_at(
            name.span,
            format!(
                "cookie `{}` is set by this application, not by {what} `{tag}`: declare it \
                 `extern` if the {what} deposits it, or remove it from `sets`",
                cookie.name
            ),
        );
    }
}

/// A script element has either a source or a body.
fn one_source(own: &Attributes, decl: &TagDecl, name: &str, cx: &Ctxt) {
    match (own.key("src"), own.key("inline")) {
        (Some(_), Some(inline)) => cx.error_spanned_by(
            inline,
            format!(
                "tag `{name}` has both `src` and `inline`: keep one, a script element has either \
                 a source or a body"
            ),
        ),
        // A misspelt or unknown key is reported, and may be the source.
        (None, None) if decl.fields.suggested.is_empty() && decl.fields.errors.is_empty() => {
            cx.error_spanned_by(
                &decl.name,
                format!(
                    "tag `{name}` needs the script it renders: add `src: \"https://...\"`, or \
                     `inline: \"...\"` for a snippet"
                ),
            );
        }
        _ => {}
    }
}

/// An embed's HTML is the page's (each video differs): it is given where
/// it is shown, to `consent::embed`, not in the declaration.
fn embed_has_no_script(own: &Attributes, name: &str, cx: &Ctxt) {
    for key in ["src", "inline"] {
        if let Some(ident) = own.key(key) {
            cx.error_spanned_by(
                ident,
                format!(
                    "embed `{name}` takes no `{key}`: its HTML is given where it is shown, to \
                     `consent::embed`; remove `{key}`, or declare a `tag` for a script"
                ),
            );
        }
    }
    if let Some(ident) = own.key("loading") {
        cx.error_spanned_by(
            ident,
            format!(
                "embed `{name}` takes no `loading`: `async` and `defer` are for a script's `src`; \
                 remove it"
            ),
        );
    }
}

/// HTML: `async` and `defer` apply to a script with a `src`; an inline
/// script ignores them, so declaring one would misstate how it loads.
fn no_loading_inline(key: &Ident, name: &str, cx: &Ctxt) {
    cx.error_spanned_by(
        key,
        format!(
            "tag `{name}` is inline, and browsers ignore `loading` on an inline script (`async` \
             and `defer` apply to a `src`): remove `loading`"
        ),
    );
}

/// A script fetched over plain http can be altered on the way, and
/// browsers block it on an https page (mixed content): `src` is an
/// absolute `https://` URL, or a path on the site's own origin (`/...`,
/// fetched with the page's own scheme: a self-hosted Matomo), with nothing
/// that would need escaping to stay in its attribute. A scheme-relative
/// `//host/...` is refused: it names another origin without saying how.
fn src_is_https(src: &crate::ast::Str, cx: &Ctxt) {
    let value = src.value();
    let safe = |rest: &str| {
        rest.chars()
            .all(|c| c.is_ascii_graphic() && !"<>\"'`\\{}|^".contains(c))
    };
    let absolute = value
        .strip_prefix("https://")
        .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/') && safe(rest));
    let own = value.starts_with('/') && !value.starts_with("//") && safe(&value);
    if !absolute && !own {
        cx.error_spanned_by(
            src,
            format!(
                "`src` must be an absolute `https://` URL, such as \
                 `\"https://stats.example.fr/matomo.js\"`, or a path on the site itself, such as \
                 `\"/matomo.js\"`, found `{value:?}`: a script over plain http can be altered on \
                 the way, and browsers block it on an https page"
            ),
        );
    }
}

/// HTML, script data state: `</script` ends the element wherever it
/// appears, and `<!--` lets a later `<script` keep the element open past
/// its own end tag. Either would hand the rest of the page to the snippet.
fn inline_stays_in_its_element(inline: &crate::ast::Str, cx: &Ctxt) -> bool {
    let lower = inline.value().to_ascii_lowercase();
    if lower.contains("</script") {
        cx.error_spanned_by(
            inline,
            "`inline` contains `</script`, which ends the script element there: write it \
             `<\\/script` inside the snippet's strings",
        );
    } else if lower.contains("<!--") {
        cx.error_spanned_by(
            inline,
            "`inline` contains `<!--`, which can keep the script element open past its end tag: \
             remove it, or write `<\\!--` inside the snippet's strings",
        );
    } else {
        return true;
    }
    false
}

/// `set_by` says what deposits an `extern` cookie when no declared tag
/// does; a cookie this application sets is set by it.
fn set_by_is_for_extern(external: bool, cookie: &str, key: &Ident, cx: &Ctxt) {
    if !external {
        cx.error_spanned_by(
            key,
            format!(
                "`set_by` says what deposits an `extern` cookie, and cookie `{cookie}` is set by \
                 this application: remove `set_by`, or declare the cookie `extern`"
            ),
        );
    }
}

/// ePrivacy 5(3): no tracker before consent. Once a registry declares its
/// tags, an `extern` cookie that needs consent and that none of them sets
/// is deposited by something the gate does not hold back; the declaration
/// says what (`set_by`), or names the tag. Registries without tags are
/// left as they are: they gate their tags elsewhere.
fn set_by_or_a_tag(tags: &Tags, cookies: &[Cookie], guessed: &[usize], cx: &Ctxt) {
    let mut set = vec![false; cookies.len()];
    for tag in &tags.list {
        for &index in &tag.cookies {
            set[index] = true;
        }
    }
    let mut reason = vec![false; cookies.len()];
    for (index, _, key) in &tags.set_by {
        reason[*index] = true;
        if set[*index] {
            let tag = tags.list.iter().find(|t| t.cookies.contains(index));
            let tag = tag.map_or("", |t| t.name.as_str());
            cx.error_at(
                *key,
                format!(
                    "cookie `{}` is in the `sets` of `{tag}` and has a `set_by`: remove `set_by`, \
                     the charte names the tag",
                    cookies[*index].name
                ),
            );
        }
    }
    for &index in guessed {
        set[index] = true;
    }
    for (index, cookie) in cookies.iter().enumerate() {
        if cookie.external && cookie.needs_consent() && !set[index] && !reason[index] {
            cx.error_at(
                cookie.name_span,
                format!(
                    "`extern` cookie `{}` needs consent, and no declared tag or embed sets it: \
                     add it to the `sets` of the `tag` or `embed` that deposits it, so that it \
                     waits for consent to `{}`, or say what deposits it with `set_by: \"...\"`",
                    cookie.name,
                    cookie.category.keyword()
                ),
            );
        }
    }
}

/// Two tags or embeds with one name would leave the charte and the
/// constants guessing.
fn unique_tag_names(input: &Input, cx: &Ctxt) {
    let mut seen: Vec<String> = Vec::new();
    for decl in input.blocks.iter().flat_map(|block| &block.tags) {
        let name = decl.name.to_string();
        if seen.contains(&name) {
            cx.error_spanned_by(
                &decl.name,
                format!("a tag or embed named `{name}` is declared twice: rename or remove one"),
            );
        } else {
            seen.push(name);
        }
    }
}

/// A tag's constant lives beside the cookies' and the registry's own
/// items: none may be taken twice. The later one loses its constant.
fn unique_tag_constants(tags: &mut [Tag], cookies: &[Cookie], cx: &Ctxt) {
    const RESERVED: [&str; 4] = ["SITE", "COOKIES", "CHARTE", "TAGS"];
    for cookie in cookies {
        if let Some(constant) = &cookie.constant {
            if constant.text == "TAGS" {
                cx.error_spanned_by(
                    &constant.ident,
                    format!(
                        "cookie `{}` makes the constant `TAGS`, which holds the registry's tags: \
                         name it with `as OTHER_NAME`",
                        cookie.name
                    ),
                );
            }
        }
    }
    for index in 0..tags.len() {
        let Some(constant) = &tags[index].constant else {
            continue;
        };
        let taken = if RESERVED.contains(&constant.text.as_str()) {
            Some("the registry's own".to_owned())
        } else if let Some(cookie) = cookies
            .iter()
            .find(|c| c.constant.as_ref().is_some_and(|c| c.text == constant.text))
        {
            Some(format!("cookie `{}`'s", cookie.name))
        } else {
            tags[..index]
                .iter()
                .find(|t| t.constant.as_ref().is_some_and(|c| c.text == constant.text))
                .map(|t| format!("{} `{}`'s", kind(t), t.name))
        };
        if let Some(taken) = taken {
            cx.error_spanned_by(
                &constant.ident,
                format!(
                    "{} `{}` makes the constant `{}`, already {taken}: name it with \
                     `as OTHER_NAME`",
                    kind(&tags[index]),
                    tags[index].name,
                    constant.text
                ),
            );
            tags[index].constant = None;
        }
    }
}

fn kind(tag: &Tag) -> &'static str {
    if tag.embed { "embed" } else { "tag" }
}

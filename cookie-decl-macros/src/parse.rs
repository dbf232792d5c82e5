//! The grammar of `declare_cookies!`, and of the lookup macro: tokens to
//! [`ast`](crate::ast). One file, as the grammar is one descent: a block
//! holds cookies and tags, and each holds fields.
//!
//! A mistake in the structure (a missing brace) stops parsing; a mistake
//! inside one `key: value` entry is recorded in [`Fields::errors`] and
//! parsing goes on, so that one build reports every such mistake.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::{ToTokens, TokenStreamExt};
use syn::ext::IdentExt;
use syn::parse::discouraged::Speculative;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitBool, LitInt, LitStr, Token, braced, bracketed};

use crate::ast::{
    Attr, Block, Category, CookieDecl, Field, Fields, Input, Loading, Lookup, MaxAge, Name,
    SameSite, Str, TagDecl, Unit, Value,
};
use crate::suggest;

/// Which `key: value` list is being parsed: the keys allowed differ.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Header,
    Cookie,
    /// A `tag` or an `embed`: its own keys, no cookie attribute.
    Tag,
}

/// How a key's value is written.
#[derive(Clone, Copy)]
enum Kind {
    Str,
    Bool,
    SameSite,
    MaxAge,
    /// `[name, "name", ...]`
    List,
    /// `async` or `defer`
    Loading,
    /// `{ key: value, ... }`
    Map,
    /// A string literal, or one per language: `{ fr: "...", de: "..." }`.
    Text,
    /// `[fr, en, de]`
    Langs,
}

/// The HTTP attributes, allowed in a cookie and as registry-wide defaults.
const ATTRIBUTES: [(&str, Kind); 7] = [
    ("max_age", Kind::MaxAge),
    ("secure", Kind::Bool),
    ("http_only", Kind::Bool),
    ("same_site", Kind::SameSite),
    ("path", Kind::Str),
    ("domain", Kind::Str),
    ("partitioned", Kind::Bool),
];

/// What only a cookie declares.
const COOKIE_KEYS: [(&str, Kind); 8] = [
    ("provider", Kind::Str),
    ("service", Kind::Text),
    ("purpose", Kind::Text),
    ("consent_exempt", Kind::Bool),
    ("stores_consent", Kind::Bool),
    ("csrf_token", Kind::Bool),
    ("set_by", Kind::Text),
    ("not_a_known_tracker", Kind::Bool),
];

/// What a `tag` or an `embed` declares (`rules/tags.rs` says which of them
/// an embed may not).
const TAG_KEYS: [(&str, Kind); 6] = [
    ("provider", Kind::Str),
    ("service", Kind::Text),
    ("src", Kind::Str),
    ("inline", Kind::Str),
    ("sets", Kind::List),
    ("loading", Kind::Loading),
];

/// What only the registry header declares: the site, the languages it
/// publishes, how long a consent choice is kept, and the charte's wording
/// and columns.
const HEADER_KEYS: [(&str, Kind); 19] = [
    ("site", Kind::Str),
    ("languages", Kind::Langs),
    ("consent_mode", Kind::Map),
    ("consent_retention", Kind::MaxAge),
    ("banner_title", Kind::Text),
    ("banner_text", Kind::Text),
    ("banner_title_en", Kind::Str),
    ("banner_text_en", Kind::Str),
    ("consent_url", Kind::Str),
    ("preferences_url", Kind::Str),
    ("charte_url", Kind::Str),
    ("title", Kind::Text),
    ("intro", Kind::Text),
    ("contact", Kind::Text),
    ("title_en", Kind::Str),
    ("intro_en", Kind::Str),
    ("contact_en", Kind::Str),
    ("show_lifetime", Kind::Bool),
    ("show_consent", Kind::Bool),
];

/// A table of keys and how their values are written.
type Keys = &'static [(&'static str, Kind)];

impl Place {
    fn keys(self) -> impl Iterator<Item = (&'static str, Kind)> {
        let (own, attributes): (Keys, Keys) = match self {
            Place::Header => (&HEADER_KEYS, &ATTRIBUTES),
            Place::Cookie => (&COOKIE_KEYS, &ATTRIBUTES),
            Place::Tag => (&TAG_KEYS, &[]),
        };
        own.iter().chain(attributes.iter()).copied()
    }

    /// Written as loops over the tables, not with `Iterator::find` on the
    /// chain of [`Place::keys`]: this runs unoptimised in a debug build,
    /// for every key of every cookie.
    fn kind_of(self, key: &str) -> Option<Kind> {
        let (own, attributes): (Keys, Keys) = match self {
            Place::Header => (&HEADER_KEYS, &ATTRIBUTES),
            Place::Cookie => (&COOKIE_KEYS, &ATTRIBUTES),
            Place::Tag => (&TAG_KEYS, &[]),
        };
        for table in [own, attributes] {
            let mut index = 0;
            while index < table.len() {
                if table[index].0 == key {
                    return Some(table[index].1);
                }
                index += 1;
            }
        }
        None
    }
}

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = parse_attrs(input)?;
        let vis = parse_vis(input)?;
        input.parse::<Token![struct]>()?;
        let ident: Ident = input.parse()?;
        let header = Fields::parse_in(input, Place::Header)?;
        let mut blocks = Vec::new();
        while !input.is_empty() {
            blocks.push(input.parse()?);
        }
        Ok(Input {
            attrs,
            vis,
            ident,
            header,
            blocks,
        })
    }
}

/// The start of an invocation, enough to emit a stub registry when the rest
/// does not parse.
pub struct Head {
    pub vis: TokenStream,
    pub ident: Ident,
}

impl Parse for Head {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        parse_attrs(input)?;
        let vis = parse_vis(input)?;
        input.parse::<Token![struct]>()?;
        let ident = input.parse()?;
        input.parse::<TokenStream>()?;
        Ok(Head { vis, ident })
    }
}

impl Parse for Lookup {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let registry = input.parse()?;
        input.parse::<Token![,]>()?;
        let name = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the cookie's name as a string literal, such as `\"sessionid\"`",
            )
        })?;
        input.parse::<Token![,]>()?;
        let content;
        bracketed!(content in input);
        let mut declared = Vec::new();
        while !content.is_empty() {
            let name = content.parse()?;
            content.parse::<Token![=>]>()?;
            declared.push((name, content.parse()?));
            if !content.is_empty() {
                content.parse::<Token![,]>()?;
            }
        }
        Ok(Lookup {
            registry,
            name,
            declared,
        })
    }
}

/// `#[...]*`: kept as written, so doc comments reach the generated items.
fn parse_attrs(input: ParseStream) -> syn::Result<Vec<Attr>> {
    let mut attrs = Vec::new();
    while input.peek(Token![#]) {
        let pound: Token![#] = input.parse()?;
        if !input.peek(syn::token::Bracket) {
            return Err(input.error("expected `[` after `#`"));
        }
        let mut tokens = pound.into_token_stream();
        tokens.append(input.parse::<TokenTree>()?);
        attrs.push(Attr { tokens });
    }
    Ok(attrs)
}

/// `pub`, `pub(crate)`, `pub(in path)`, or a `$vis:vis` fragment; nothing for
/// private. Kept as tokens: the expansion repeats them as written.
fn parse_vis(input: ParseStream) -> syn::Result<TokenStream> {
    let mut vis = TokenStream::new();
    if input.peek(Token![pub]) {
        vis.extend(input.parse::<Token![pub]>()?.into_token_stream());
        if input.peek(syn::token::Paren) {
            let tt: TokenTree = input.parse()?;
            vis.append(tt);
        }
    } else if is_vis_fragment(input) {
        // A `$vis:vis` fragment arrives as one invisible group, possibly empty.
        vis.append(input.parse::<TokenTree>()?);
    }
    Ok(vis)
}

/// Whether the next token is an invisible group that holds a visibility (or
/// nothing, as `$vis:vis` does for private items).
fn is_vis_fragment(input: ParseStream) -> bool {
    input
        .cursor()
        .group(Delimiter::None)
        .is_some_and(|(inner, _, _)| inner.eof() || inner.ident().is_some_and(|(i, _)| i == "pub"))
}

impl Parse for Block {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let keyword = Ident::parse_any(input)?;
        let category = Category::from_keyword(&unraw(&keyword));
        let content;
        braced!(content in input);
        let mut cookies = Vec::new();
        let mut tags = Vec::new();
        let mut errors = Vec::new();
        while !content.is_empty() {
            if TagDecl::peek(&content) {
                tags.push(content.parse()?);
                if content.peek(Token![,]) {
                    content.parse::<Token![,]>()?;
                }
                continue;
            }
            let fork = content.fork();
            match fork.parse::<CookieDecl>() {
                Ok(cookie) => {
                    content.advance_to(&fork);
                    cookies.push(cookie);
                }
                Err(error) => {
                    // Report it, keep the cookie's name as a stub, and go on
                    // with the next cookie: one build shows every mistake.
                    errors.push(error);
                    if let Some(stub) = CookieDecl::stub(&content) {
                        cookies.push(stub);
                    }
                    skip_cookie(&content)?;
                }
            }
            if content.peek(Token![,]) {
                content.parse::<Token![,]>()?;
            }
        }
        Ok(Block {
            category,
            keyword,
            cookies,
            tags,
            errors,
        })
    }
}

/// Skips the rest of a cookie that does not parse: up to and including its
/// body, the first `{...}` or `(...)` group.
fn skip_cookie(input: ParseStream) -> syn::Result<()> {
    while !input.is_empty() {
        if let TokenTree::Group(group) = input.parse::<TokenTree>()? {
            if matches!(group.delimiter(), Delimiter::Brace | Delimiter::Parenthesis) {
                break;
            }
        }
    }
    Ok(())
}

impl CookieDecl {
    /// The name of a cookie whose declaration does not parse, so that the
    /// registry still has its constant.
    fn stub(input: ParseStream) -> Option<CookieDecl> {
        let fork = input.fork();
        parse_attrs(&fork).ok()?;
        let extern_token = if fork.peek(Token![extern]) && !fork.peek2(Token![as]) {
            Some(fork.parse::<Token![extern]>().ok()?.span)
        } else {
            None
        };
        let name = fork.parse().ok()?;
        let constant = if fork.peek(Token![as]) {
            fork.parse::<Token![as]>().ok()?;
            fork.parse().ok()
        } else {
            None
        };
        Some(CookieDecl {
            attrs: Vec::new(),
            extern_token,
            name,
            constant,
            fields: Fields {
                entries: Vec::new(),
                errors: Vec::new(),
                suggested: Vec::new(),
            },
            broken: true,
        })
    }
}

impl Parse for CookieDecl {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = parse_attrs(input)?;
        let extern_token = if input.peek(Token![extern]) && !input.peek2(Token![as]) {
            Some(input.parse::<Token![extern]>()?.span)
        } else {
            None
        };
        let name = input.parse()?;
        let constant = if input.peek(Token![as]) {
            input.parse::<Token![as]>()?;
            Some(input.parse()?)
        } else {
            None
        };
        let fields = Fields::parse_in(input, Place::Cookie)?;
        Ok(CookieDecl {
            attrs,
            extern_token,
            name,
            constant,
            fields,
            broken: false,
        })
    }
}

impl TagDecl {
    /// Whether a `tag` or an `embed` comes next, after its attributes: the
    /// keyword followed by a name, so that a cookie named `tag`
    /// (`tag { ... }`, `tag as TAG { ... }`) is still a cookie.
    fn peek(input: ParseStream) -> bool {
        let fork = input.fork();
        if parse_attrs(&fork).is_err() {
            return false;
        }
        fork.cursor().ident().is_some_and(|(keyword, rest)| {
            (keyword == "tag" || keyword == "embed")
                && rest
                    .ident()
                    .is_some_and(|(name, _)| !is_keyword(&name.to_string()))
        })
    }
}

/// The keywords a tag's name cannot be (`as` above all: `tag as TAG` is a
/// cookie named `tag`).
fn is_keyword(word: &str) -> bool {
    matches!(word, "as" | "extern")
}

impl Parse for TagDecl {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = parse_attrs(input)?;
        let keyword = Ident::parse_any(input)?;
        let embed = keyword == "embed";
        let name = Ident::parse_any(input)?;
        let constant = if input.peek(Token![as]) {
            input.parse::<Token![as]>()?;
            Some(input.parse()?)
        } else {
            None
        };
        let fields = Fields::parse_in(input, Place::Tag)?;
        Ok(TagDecl {
            attrs,
            embed,
            name,
            constant,
            fields,
        })
    }
}

impl Parse for Name {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if let Some(text) = Str::parse_plain(input)? {
            let span = text.span();
            return Ok(Name {
                value: text.text,
                span,
            });
        }
        let lookahead = input.lookahead1();
        if lookahead.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            Ok(Name {
                value: lit.value(),
                span: lit.span(),
            })
        } else if lookahead.peek(Ident::peek_any) {
            let ident = Ident::parse_any(input)?;
            Ok(Name {
                value: unraw(&ident),
                span: ident.span(),
            })
        } else {
            Err(lookahead.error())
        }
    }
}

impl Fields {
    /// `{ key: value, ... }`, with the keys allowed in `place`.
    pub fn parse_in(input: ParseStream, place: Place) -> syn::Result<Self> {
        let content;
        braced!(content in input);
        let mut fields = Fields {
            entries: Vec::new(),
            errors: Vec::new(),
            suggested: Vec::new(),
        };
        while !content.is_empty() {
            let key = Ident::parse_any(&content)?;
            content.parse::<Token![:]>()?;
            let name = unraw(&key);
            let kind = place.kind_of(&name);
            if kind.is_none() {
                let keys: Vec<&str> = place.keys().map(|(k, _)| k).collect();
                if let Some(close) = suggest::closest(&name, &keys) {
                    fields.suggested.push(close.to_owned());
                }
            }
            match parse_value(&content, place, kind, &key, &name) {
                Ok(value) => fields.entries.push(Field { key, name, value }),
                Err(error) => {
                    fields.errors.push(error);
                    let value = Value::Invalid(skip_value(&content)?);
                    if kind.is_some() {
                        fields.entries.push(Field { key, name, value });
                    }
                }
            }
            if content.is_empty() {
                break;
            }
            content.parse::<Token![,]>()?;
        }
        Ok(fields)
    }
}

/// Skips what is left of a value that did not parse, up to the next `,`.
fn skip_value(input: ParseStream) -> syn::Result<TokenStream> {
    let mut skipped = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        skipped.append(input.parse::<TokenTree>()?);
    }
    Ok(skipped)
}

/// An identifier's text without its `r#`, in one call into the compiler
/// (`Ident::unraw` makes two).
fn unraw(ident: &Ident) -> String {
    let text = ident.to_string();
    match text.strip_prefix("r#") {
        Some(bare) => bare.to_owned(),
        None => text,
    }
}

fn parse_value(
    input: ParseStream,
    place: Place,
    kind: Option<Kind>,
    key: &Ident,
    name: &str,
) -> syn::Result<Value> {
    let Some(kind) = kind else {
        let keys: Vec<&str> = place.keys().map(|(k, _)| k).collect();
        let message = match suggest::closest(name, &keys) {
            Some(close) => format!("unknown field `{name}`, did you mean `{close}`?"),
            None => format!(
                "unknown field `{name}`, expected one of {}",
                keys.iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        };
        return Err(syn::Error::new(key.span(), message));
    };
    match kind {
        Kind::Str => match input.parse::<Str>() {
            Ok(lit) => Ok(Value::Str(lit)),
            Err(_) => Err(input.error(format!(
                "expected a string literal for `{name}`, such as `{name}: \"...\"`",
            ))),
        },
        Kind::Bool => match input.parse::<LitBool>() {
            Ok(lit) => Ok(Value::Bool(lit)),
            Err(_) => Err(found(
                input,
                &format!("expected `true` or `false` for `{name}`"),
            )),
        },
        Kind::SameSite => parse_same_site(input),
        Kind::MaxAge => input.parse().map(Value::MaxAge),
        Kind::List => parse_list(input, name),
        Kind::Loading => parse_loading(input),
        Kind::Map => parse_map(input, name),
        Kind::Text => parse_text(input, name),
        Kind::Langs => parse_langs(input),
    }
}

/// A string literal, or `{ fr: "...", de: "..." }`: one per language, the
/// codes checked by `rules/lang.rs`.
fn parse_text(input: ParseStream, key: &str) -> syn::Result<Value> {
    if !input.peek(syn::token::Brace) {
        return match input.parse::<Str>() {
            Ok(lit) => Ok(Value::Str(lit)),
            Err(_) => Err(input.error(format!(
                "expected a string literal for `{key}`, such as `{key}: \"...\"`, or one per \
                 language, such as `{key}: {{ fr: \"...\", en: \"...\" }}`",
            ))),
        };
    }
    // Read from the group's own tokens, so that a mistake inside the
    // braces leaves the rest of the declaration to parse.
    let TokenTree::Group(group) = input.parse::<TokenTree>()? else {
        return Err(input.error("expected `{...}`"));
    };
    let entries = |content: ParseStream| {
        let mut entries = Vec::new();
        while !content.is_empty() {
            let lang = Ident::parse_any(content)?;
            content.parse::<Token![:]>()?;
            let text = content.parse::<Str>().map_err(|_| {
                found(
                    content,
                    &format!("expected a string literal after `{lang}:` in `{key}`"),
                )
            })?;
            entries.push((lang, text));
            if content.is_empty() {
                break;
            }
            content.parse::<Token![,]>()?;
        }
        Ok(entries)
    };
    let entries = syn::parse::Parser::parse2(entries, group.stream())?;
    Ok(Value::Texts(
        entries,
        TokenTree::Group(group).into_token_stream(),
    ))
}

/// `[fr, en, de]`: the languages' codes, checked by `rules/lang.rs`.
fn parse_langs(input: ParseStream) -> syn::Result<Value> {
    if !input.peek(syn::token::Bracket) {
        return Err(found(
            input,
            "expected the list of the languages the site publishes for `languages`, such as \
             `languages: [fr, en, de]`",
        ));
    }
    let TokenTree::Group(group) = input.parse::<TokenTree>()? else {
        return Err(input.error("expected `[...]`"));
    };
    let codes = |content: ParseStream| {
        let mut codes = Vec::new();
        while !content.is_empty() {
            codes.push(Ident::parse_any(content).map_err(|_| {
                found(
                    content,
                    "expected a language's code in `languages`, such as `fr` or `de`",
                )
            })?);
            if content.is_empty() {
                break;
            }
            content.parse::<Token![,]>()?;
        }
        Ok(codes)
    };
    let codes = syn::parse::Parser::parse2(codes, group.stream())?;
    Ok(Value::Langs(
        codes,
        TokenTree::Group(group).into_token_stream(),
    ))
}

/// `{ key: value, ... }`: each value one token, read as written, so that
/// `rules/consent_mode.rs` reports every entry's mistake at once.
fn parse_map(input: ParseStream, key: &str) -> syn::Result<Value> {
    if !input.peek(syn::token::Brace) {
        return Err(found(
            input,
            &format!(
                "expected a map of signals to categories for `{key}`, such as \
                 `{key}: {{ analytics_storage: statistics }}`"
            ),
        ));
    }
    // Read from the group's own tokens, so that a mistake inside the
    // braces leaves the rest of the declaration to parse.
    let TokenTree::Group(group) = input.parse::<TokenTree>()? else {
        return Err(input.error("expected `{...}`"));
    };
    let entries = |content: ParseStream| {
        let mut entries = Vec::new();
        while !content.is_empty() {
            let signal = Ident::parse_any(content)?;
            content.parse::<Token![:]>()?;
            if content.is_empty() || content.peek(Token![,]) {
                return Err(syn::Error::new(
                    signal.span(),
                    format!(
                        "expected a category or `denied` after `{signal}:`, such as \
                         `{signal}: marketing`"
                    ),
                ));
            }
            let mut value = content.parse::<TokenTree>()?;
            // A `macro_rules!` fragment (`$category:expr`) arrives as an
            // invisible group around its one token.
            if let TokenTree::Group(group) = &value {
                let mut inner = group.stream().into_iter();
                if let (Delimiter::None, Some(token), None) =
                    (group.delimiter(), inner.next(), inner.next())
                {
                    value = token;
                }
            }
            entries.push((signal, value));
            if content.is_empty() {
                break;
            }
            content.parse::<Token![,]>()?;
        }
        Ok(entries)
    };
    let entries = syn::parse::Parser::parse2(entries, group.stream())?;
    Ok(Value::Map(
        entries,
        TokenTree::Group(group).into_token_stream(),
    ))
}

/// `[name, "name", ...]`: declared cookies by their names, identifiers or
/// string literals.
fn parse_list(input: ParseStream, key: &str) -> syn::Result<Value> {
    if !input.peek(syn::token::Bracket) {
        return Err(found(
            input,
            &format!(
                "expected a list of cookie names for `{key}`, such as `{key}: [_pk_id, \"_pk_ses.*\"]`"
            ),
        ));
    }
    // Read from the group's own tokens, so that a mistake inside the
    // brackets leaves the rest of the declaration to parse.
    let TokenTree::Group(group) = input.parse::<TokenTree>()? else {
        return Err(input.error("expected `[...]`"));
    };
    let names = |content: ParseStream| {
        let mut names = Vec::new();
        while !content.is_empty() {
            names.push(content.parse::<Name>()?);
            if content.is_empty() {
                break;
            }
            content.parse::<Token![,]>()?;
        }
        Ok(names)
    };
    let names = syn::parse::Parser::parse2(names, group.stream())?;
    Ok(Value::List(
        names,
        TokenTree::Group(group).into_token_stream(),
    ))
}

/// `async` or `defer`.
fn parse_loading(input: ParseStream) -> syn::Result<Value> {
    let expected =
        "expected `async` or `defer` for `loading`, or no `loading` for a blocking script";
    let Ok(ident) = Ident::parse_any(input) else {
        return Err(found(input, expected));
    };
    let loading = match ident.to_string().as_str() {
        "async" => Loading::Async,
        "defer" => Loading::Defer,
        other => {
            let hint = suggest::hint(other, &["async", "defer"]);
            return Err(syn::Error::new(
                ident.span(),
                format!("{expected}, found `{other}`{hint}"),
            ));
        }
    };
    Ok(Value::Loading(loading, ident))
}

impl Str {
    /// A string literal without escapes nor suffix (`"..."`, `r#"..."#`),
    /// read from its text alone; `None` for anything else, which
    /// [`Str::parse`] leaves to `syn`. Most of a declaration's strings are
    /// such: `syn` would read each one three times (to peek, to parse, for
    /// its value), unoptimised in a debug build: about 9 ms of the macro's
    /// 56 ms on a 1,000-cookie registry (BENCHMARKS.md).
    fn parse_plain(input: ParseStream) -> syn::Result<Option<Str>> {
        input.step(|cursor| {
            if let Some((token, rest)) = cursor.literal() {
                if let Some(text) = plain_value(&token.to_string()) {
                    let text = text.to_owned();
                    return Ok((Some(Str { token, text }), rest));
                }
            }
            Ok((None, *cursor))
        })
    }
}

impl Parse for Str {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if let Some(text) = Str::parse_plain(input)? {
            return Ok(text);
        }
        let lit: LitStr = input.parse()?;
        Ok(Str {
            token: lit.token(),
            text: lit.value(),
        })
    }
}

/// The value of a string literal written `repr`, when it needs no
/// unescaping: `"..."` without a backslash, or a raw string; no suffix.
fn plain_value(repr: &str) -> Option<&str> {
    if let Some(inner) = repr.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        return (!inner.contains('\\')).then_some(inner);
    }
    let raw = repr.strip_prefix('r')?;
    let hashes = raw.len() - raw.trim_start_matches('#').len();
    let inner = raw[hashes..].strip_prefix('"')?;
    let inner = inner.strip_suffix(&raw[..hashes])?;
    inner.strip_suffix('"')
}

/// An error at the next token that says what it is.
fn found(input: ParseStream, expected: &str) -> syn::Error {
    match input.fork().parse::<TokenTree>() {
        Ok(tt) => syn::Error::new(tt.span(), format!("{expected}, found `{tt}`")),
        Err(_) => input.error(expected),
    }
}

fn parse_same_site(input: ParseStream) -> syn::Result<Value> {
    const VALUES: [&str; 3] = ["Strict", "Lax", "None"];
    let expected = "expected `Strict`, `Lax` or `None` for `same_site`";
    let Ok(ident) = Ident::parse_any(input) else {
        return Err(input.error(expected));
    };
    let same_site = match ident.to_string().as_str() {
        "Strict" => SameSite::Strict,
        "Lax" => SameSite::Lax,
        "None" => SameSite::None,
        other => {
            let hint = VALUES
                .iter()
                .find(|v| v.eq_ignore_ascii_case(other))
                .map(|v| format!(", found `{other}`; did you mean `{v}`?"))
                .unwrap_or_else(|| format!(", found `{other}`"));
            return Err(syn::Error::new(ident.span(), format!("{expected}{hint}")));
        }
    };
    Ok(Value::SameSite(same_site, ident))
}

impl MaxAge {
    /// `30 days` written plainly (decimal digits, no suffix, a known unit),
    /// read from the two tokens' text alone; `None` for anything else,
    /// which [`MaxAge::parse`] reads with `syn` and reports. Most
    /// `max_age`s are such, and `syn` would read each amount twice,
    /// unoptimised in a debug build.
    fn parse_plain(input: ParseStream) -> syn::Result<Option<MaxAge>> {
        input.step(|cursor| {
            let plain = cursor.literal().and_then(|(lit, rest)| {
                let amount = plain_amount(&lit.to_string())?;
                let (unit_ident, rest) = rest.ident()?;
                let unit = Unit::from_word(&unit_ident.to_string())?;
                let tokens =
                    TokenStream::from_iter([TokenTree::Literal(lit), TokenTree::Ident(unit_ident)]);
                Some((
                    MaxAge::Duration {
                        amount,
                        unit,
                        tokens,
                    },
                    rest,
                ))
            });
            Ok(match plain {
                Some((max_age, rest)) => (Some(max_age), rest),
                None => (None, *cursor),
            })
        })
    }
}

/// The value of an integer literal written `repr` with decimal digits
/// only, when it is not zero and fits.
fn plain_amount(repr: &str) -> Option<u64> {
    let digits = repr.as_bytes();
    if digits.is_empty() || digits.len() > 19 {
        return None;
    }
    let mut amount: u64 = 0;
    for &digit in digits {
        if !digit.is_ascii_digit() {
            return None;
        }
        amount = amount * 10 + u64::from(digit - b'0');
    }
    (amount != 0).then_some(amount)
}

impl Parse for MaxAge {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if let Some(max_age) = MaxAge::parse_plain(input)? {
            return Ok(max_age);
        }
        let expected = "expected `session` or a duration such as `13 months` for `max_age`";
        if input.peek(Ident) {
            let ident: Ident = input.parse()?;
            if ident == "session" {
                return Ok(MaxAge::Session(ident));
            }
            return Err(syn::Error::new(
                ident.span(),
                format!("{expected}, found `{ident}`"),
            ));
        }
        let Ok(lit) = input.fork().parse::<LitInt>() else {
            return Err(found(input, expected));
        };
        if lit.base10_digits().starts_with('-') {
            return Err(syn::Error::new_spanned(
                input.parse::<TokenTree>()?,
                "`max_age` must be positive: write `session` for a browser-session cookie, or a \
                 duration such as `30 days`",
            ));
        }
        let lit: LitInt = input.parse()?;
        if !lit.suffix().is_empty() {
            return Err(syn::Error::new(
                lit.span(),
                format!(
                    "unexpected suffix `{}` in `max_age`, write the amount alone, such as `30 days`",
                    lit.suffix()
                ),
            ));
        }
        let amount: u64 = lit.base10_parse().map_err(|_| {
            syn::Error::new(lit.span(), "`max_age` amount is too large for a cookie")
        })?;
        if amount == 0 {
            return Err(syn::Error::new(
                lit.span(),
                "`max_age` of zero would delete the cookie as it is set; write `session` for a \
                 browser-session cookie, or a positive duration",
            ));
        }
        let unit_ident: Ident = input.parse().map_err(|_| {
            syn::Error::new(
                lit.span(),
                format!("expected a unit after `{lit}` in `max_age`, such as `{lit} days`"),
            )
        })?;
        let word = unit_ident.to_string();
        let Some(unit) = Unit::from_word(&word) else {
            let hint = suggest::hint(&word, &Unit::PLURALS);
            return Err(syn::Error::new(
                unit_ident.span(),
                format!(
                    "unknown unit `{word}` in `max_age`, expected `seconds`, `minutes`, `hours`, \
                     `days`, `weeks`, `months` or `years`{hint}"
                ),
            ));
        };
        let mut tokens = lit.to_token_stream();
        unit_ident.to_tokens(&mut tokens);
        Ok(MaxAge::Duration {
            amount,
            unit,
            tokens,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::plain_amount;

    #[test]
    fn plain_amounts_are_decimal_digits_that_fit_and_are_not_zero() {
        for (repr, amount) in [
            ("1", Some(1)),
            ("30", Some(30)),
            ("0013", Some(13)),
            ("9999999999999999999", Some(9_999_999_999_999_999_999)),
            // Left to `syn`, which reads or reports them.
            ("0", None),
            ("000", None),
            ("", None),
            ("1_000", None),
            ("30u8", None),
            ("0x10", None),
            ("-5", None),
            ("18446744073709551615", None),
            ("99999999999999999999", None),
        ] {
            assert_eq!(plain_amount(repr), amount, "{repr}");
        }
    }
}

//! The typed form of a `declare_cookies!` invocation, as parsed: the bottom
//! layer, which imports nothing of the crate. Every node keeps the tokens or
//! spans it came from, so that the rules can point at the narrowest
//! offending token.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::{Ident, LitBool, LitStr};

/// A whole invocation.
pub struct Input {
    /// Outer attributes of the registry (doc comments among them), as written.
    pub attrs: Vec<Attr>,
    pub vis: TokenStream,
    pub ident: Ident,
    pub header: Fields,
    pub blocks: Vec<Block>,
}

/// One outer attribute, `#[...]`.
pub struct Attr {
    pub tokens: TokenStream,
}

/// `necessary { ... }`: the cookies of one category.
pub struct Block {
    /// `None` when the keyword is not a category (already reported).
    pub category: Option<Category>,
    pub keyword: Ident,
    pub cookies: Vec<CookieDecl>,
    /// The scripts and embeds that deposit the category's `extern`
    /// cookies (see `rules/tags.rs`).
    pub tags: Vec<TagDecl>,
    /// Cookies that did not parse, recovered from.
    pub errors: Vec<syn::Error>,
}

/// The four categories, in charte order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    Necessary,
    Preferences,
    Statistics,
    Marketing,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Necessary,
        Category::Preferences,
        Category::Statistics,
        Category::Marketing,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            Category::Necessary => "necessary",
            Category::Preferences => "preferences",
            Category::Statistics => "statistics",
            Category::Marketing => "marketing",
        }
    }

    pub fn from_keyword(word: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.keyword() == word)
    }

    /// Cookies that follow a visitor: the CNIL caps their lifetime.
    pub fn is_tracker(self) -> bool {
        matches!(self, Category::Statistics | Category::Marketing)
    }

    pub fn needs_consent(self) -> bool {
        self != Category::Necessary
    }
}

/// `$(#[doc])* $(extern)? $name $(as $CONST)? { fields }`
pub struct CookieDecl {
    pub attrs: Vec<Attr>,
    /// The `extern` keyword, for a cookie that another party sets.
    pub extern_token: Option<Span>,
    pub name: Name,
    pub constant: Option<Ident>,
    pub fields: Fields,
    /// Its declaration did not parse (already reported): a stub, so that
    /// its constant still exists.
    pub broken: bool,
}

/// `$(#[doc])* tag|embed $name $(as $CONST)? { fields }`: a script or an
/// embed that deposits cookies from the browser.
pub struct TagDecl {
    pub attrs: Vec<Attr>,
    /// `embed` rather than `tag`.
    pub embed: bool,
    pub name: Ident,
    pub constant: Option<Ident>,
    pub fields: Fields,
}

/// A cookie name as written: an identifier or a string literal.
pub struct Name {
    pub value: String,
    pub span: Span,
}

/// The `key: value,` list of the header or of a cookie.
pub struct Fields {
    pub entries: Vec<Field>,
    /// Mistakes inside single entries, recovered from so that the rest of
    /// the declaration is still checked.
    pub errors: Vec<syn::Error>,
    /// Keys suggested for misspelt ones, so that they are not also
    /// reported missing.
    pub suggested: Vec<String>,
}

pub struct Field {
    pub key: Ident,
    /// The key as text, `r#` removed: made once, since every `to_string`
    /// of a token is a call into the compiler.
    pub name: String,
    pub value: Value,
}

/// A string literal of the declaration: its token, to point at, and its
/// value, read once (see `parse.rs`).
pub struct Str {
    pub token: proc_macro2::Literal,
    pub text: String,
}

impl Str {
    /// The literal's value, as `syn::LitStr::value` gives it.
    pub fn value(&self) -> String {
        self.text.clone()
    }

    pub fn span(&self) -> Span {
        self.token.span()
    }
}

impl ToTokens for Str {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.token.to_tokens(tokens);
    }
}

/// A field's value, typed by its key.
pub enum Value {
    Str(Str),
    Bool(LitBool),
    SameSite(SameSite, Ident),
    MaxAge(MaxAge),
    /// `[name, "name", ...]`: the cookies a tag sets, as written, and the
    /// brackets' tokens.
    List(Vec<Name>, TokenStream),
    /// `async` or `defer`: how a tag's script loads.
    Loading(Loading, Ident),
    /// `{ key: value, ... }`: the header's `consent_mode`, each entry as
    /// written (checked in `rules/consent_mode.rs`), and the braces' tokens.
    Map(Vec<(Ident, TokenTree)>, TokenStream),
    /// `{ fr: "...", de: "..." }`: a text written once per language, each
    /// language's code as written (checked in `rules/lang.rs`), and the
    /// braces' tokens.
    Texts(Vec<(Ident, Str)>, TokenStream),
    /// `[fr, en, de]`: the header's `languages`, the codes as written
    /// (checked in `rules/lang.rs`), and the brackets' tokens.
    Langs(Vec<Ident>, TokenStream),
    /// A value that did not parse (already reported): the key still counts
    /// as given, so it is not also reported missing.
    Invalid(TokenStream),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SameSite {
    Strict,
    Lax,
    None,
}

impl SameSite {
    pub fn as_str(self) -> &'static str {
        match self {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
        }
    }
}

/// How a tag's `<script>` loads: `async`, `defer`, or (not written)
/// blocking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loading {
    Async,
    Defer,
}

/// `session` or `N unit`.
#[derive(Clone)]
pub enum MaxAge {
    Session(Ident),
    Duration {
        amount: u64,
        unit: Unit,
        /// The amount and the unit, as written.
        tokens: TokenStream,
    },
}

/// The units of `max_age`. A month is 30 days and a year 365 days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

impl Unit {
    pub const PLURALS: [&'static str; 7] = [
        "seconds", "minutes", "hours", "days", "weeks", "months", "years",
    ];

    pub fn from_word(word: &str) -> Option<Unit> {
        let plural = word.strip_suffix('s').unwrap_or(word);
        Some(match plural {
            "second" => Unit::Seconds,
            "minute" => Unit::Minutes,
            "hour" => Unit::Hours,
            "day" => Unit::Days,
            "week" => Unit::Weeks,
            "month" => Unit::Months,
            "year" => Unit::Years,
            _ => return None,
        })
    }

    pub fn seconds(self) -> u64 {
        const DAY: u64 = 24 * 60 * 60;
        match self {
            Unit::Seconds => 1,
            Unit::Minutes => 60,
            Unit::Hours => 60 * 60,
            Unit::Days => DAY,
            Unit::Weeks => 7 * DAY,
            Unit::Months => 30 * DAY,
            Unit::Years => 365 * DAY,
        }
    }
}

impl MaxAge {
    /// The tokens to point at.
    pub fn tokens(&self) -> TokenStream {
        match self {
            MaxAge::Session(ident) => ident.to_token_stream(),
            MaxAge::Duration { tokens, .. } => tokens.clone(),
        }
    }
}

impl Value {
    /// The tokens to point at.
    pub fn tokens(&self) -> TokenStream {
        match self {
            Value::Str(lit) => lit.to_token_stream(),
            Value::Bool(lit) => lit.to_token_stream(),
            Value::SameSite(_, ident) => ident.to_token_stream(),
            Value::MaxAge(max_age) => max_age.tokens(),
            Value::List(_, tokens) => tokens.clone(),
            Value::Loading(_, ident) => ident.to_token_stream(),
            Value::Map(_, tokens) => tokens.clone(),
            Value::Texts(_, tokens) => tokens.clone(),
            Value::Langs(_, tokens) => tokens.clone(),
            Value::Invalid(tokens) => tokens.clone(),
        }
    }
}

/// `Registry, "name", ["declared" => CONSTANT, ...]`: what a registry's
/// `SiteCookies!("name")` hands the lookup macro.
pub struct Lookup {
    pub registry: Ident,
    pub name: LitStr,
    pub declared: Vec<(LitStr, Ident)>,
}

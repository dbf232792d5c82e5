//! The checked form of a declaration, every registry default applied: what
//! the renderers and the expansion read. The rules make it; it imports
//! nothing but the AST.

use proc_macro2::TokenStream;
use syn::Ident;

use crate::ast::Category;
use crate::lang::Lang;

pub mod consent_mode;
pub mod cookie;
pub mod tags;
pub mod text;

pub use cookie::{Constant, Cookie, Lifetime};
pub use text::Localized;

/// A registry, ready to expand.
pub struct Registry {
    pub attrs: Vec<TokenStream>,
    pub vis: TokenStream,
    pub ident: Ident,
    pub site: String,
    /// The languages the site publishes, its own first: French and
    /// English unless the header names them.
    pub langs: Vec<Lang>,
    pub charte: CharteOptions,
    pub banner: BannerOptions,
    pub cookies: Vec<Cookie>,
    /// Where the visitor's consent is kept, when a cookie is marked
    /// `stores_consent: true`.
    pub consent: Option<ConsentStore>,
    /// The index in [`Registry::cookies`] of the cookie marked
    /// `csrf_token: true`, when one is.
    pub csrf: Option<usize>,
    /// The third-party tags and embeds, and the `set_by` reasons.
    pub tags: tags::Tags,
    /// The header's `consent_mode`: where the Consent Mode signals depart
    /// from Google's documented mapping.
    pub consent_mode: Vec<consent_mode::Mapping>,
}

impl Registry {
    /// Whether the visitor is asked about `category`: a cookie of it, or
    /// a tag or an embed of it, needs consent.
    pub fn asks(&self, category: Category) -> bool {
        self.cookies
            .iter()
            .any(|cookie| cookie.category == category && cookie.needs_consent())
            || self
                .tags
                .list
                .iter()
                .any(|tag| tag.category == category && tag.needs_consent(&self.cookies))
    }

    /// Each category that has cookies, in the charte's order, with its
    /// cookies in declaration order.
    pub fn by_category(&self) -> impl Iterator<Item = (Category, Vec<&Cookie>)> {
        Category::ALL.into_iter().filter_map(|category| {
            let cookies: Vec<&Cookie> = self
                .cookies
                .iter()
                .filter(|c| c.category == category)
                .collect();
            (!cookies.is_empty()).then_some((category, cookies))
        })
    }
}

/// The cookie marked `stores_consent: true`, and how long a choice counts.
pub struct ConsentStore {
    /// Its index in [`Registry::cookies`].
    pub cookie: usize,
    /// `consent_retention`, in seconds: 6 months unless the header says.
    pub retention: u64,
}

/// What the site owner may change in the charte's wording and columns.
#[derive(Default)]
pub struct CharteOptions {
    pub title: Localized,
    pub intro: Localized,
    pub contact: Localized,
    pub show_lifetime: bool,
    pub show_consent: bool,
}

/// What the site owner may change in the consent banner and preferences
/// page: wording, and the site's paths they post to and link to.
#[derive(Default)]
pub struct BannerOptions {
    pub title: Localized,
    pub text: Localized,
    pub consent_url: Option<String>,
    pub preferences_url: Option<String>,
    pub charte_url: Option<String>,
}

//! Third-party tags and embeds, checked: the scripts (`tag`) and embedded
//! players (`embed`) that deposit a category's `extern` cookies from the
//! browser, and the `set_by` reasons of the `extern` cookies none of them
//! sets.

use proc_macro2::{Span, TokenStream};

use crate::ast::{Category, Loading};
use crate::lang::Lang;
use crate::model::cookie::{Constant, Cookie};
use crate::model::text::Localized;

/// The tags and embeds of a registry, and the reasons given for `extern`
/// cookies that none of them sets.
#[derive(Default)]
pub struct Tags {
    pub list: Vec<Tag>,
    /// `(index in Registry::cookies, set_by)`, in declaration order.
    /// The span is the `set_by` key's, to point at.
    pub set_by: Vec<(usize, Localized, Span)>,
}

impl Tags {
    /// Whether the charte has a section for them: the charte of a
    /// declaration with neither tags nor `set_by` is unchanged.
    pub fn in_charte(&self) -> bool {
        !self.list.is_empty() || !self.set_by.is_empty()
    }
}

/// One checked `tag` or `embed`.
pub struct Tag {
    pub attrs: Vec<TokenStream>,
    pub embed: bool,
    pub name: String,
    /// `None` when it clashes with another constant (already reported).
    pub constant: Option<Constant>,
    pub provider: String,
    /// The service, in the site's first language (or as written once).
    pub service: String,
    /// The service in each published language, when written per
    /// language; empty when written once.
    pub services: Vec<(Lang, String)>,
    pub category: Category,
    pub src: Option<String>,
    pub inline: Option<String>,
    pub loading: Option<Loading>,
    /// Indices in `Registry::cookies`, in the order of `sets`.
    pub cookies: Vec<usize>,
}

impl Tag {
    /// The service in `lang`.
    pub fn service_in(&self, lang: Lang) -> &str {
        self.services
            .iter()
            .find(|(given, _)| *given == lang)
            .map_or(&self.service, |(_, text)| text)
    }

    /// Whether it loads only after the visitor's consent to its category:
    /// it is not `necessary`, and not a tag whose cookies are all
    /// `consent_exempt` (as `TagSpec::needs_consent` says at run time).
    pub fn needs_consent(&self, cookies: &[Cookie]) -> bool {
        self.category.needs_consent()
            && (self.cookies.is_empty() || self.cookies.iter().any(|&i| cookies[i].needs_consent()))
    }
}

use core::fmt;

use crate::Lang;

/// The format of a generated charte.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::{declare_cookies, Format, Lang};
///
/// declare_cookies! {
///     pub struct Cookies { site: "https://example.fr" }
///     necessary {
///         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
///     }
/// }
///
/// let md = Cookies::charte(Lang::Fr, Format::Markdown);
/// assert!(md.starts_with("## Charte cookies"));
/// assert!(md.contains("| Example | Login | sid | Keep you signed in. |"));
///
/// let html = Cookies::charte(Lang::Fr, Format::Html);
/// assert!(html.contains(r#"<th scope="col">Nom du cookies</th>"#));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Format {
    /// Plain text, tables as tab-separated rows: the layout of the published
    /// samples.
    #[default]
    Text,
    /// GitHub-flavoured Markdown: `##` title, `###` sections, `####`
    /// categories and pipe tables.
    Markdown,
    /// An HTML fragment (no `<html>` or `<body>`) to embed in a page: `<h2>`
    /// to `<h4>` headings, tables with a `<caption>` and `<th scope="col">`,
    /// every declared string escaped.
    Html,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        })
    }
}

/// Every rendering of one registry's charte, built by `declare_cookies!`.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Chartes {
    /// The languages published, the registry's `LANGS`.
    pub langs: &'static [Lang],
    /// Indexed by `[position in langs][format]`, formats in the order the
    /// variants are declared.
    pub renderings: &'static [[&'static str; 3]],
}

impl Chartes {
    #[doc(hidden)]
    pub const fn get(&self, lang: Lang, format: Format) -> &'static str {
        let mut lang = crate::lang::position(self.langs, lang);
        if lang >= self.renderings.len() {
            lang = 0;
        }
        let format = match format {
            Format::Text => 0,
            Format::Markdown => 1,
            Format::Html => 2,
        };
        self.renderings[lang][format]
    }
}

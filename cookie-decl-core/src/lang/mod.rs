//! The languages a site informs its visitors in: the 24 official languages
//! of the European Union, and the fixed texts the run time writes in each
//! ([`texts`]).

use core::fmt;
use core::str::FromStr;

mod negotiate;

pub use negotiate::VisitorLang;
pub(crate) mod texts;

/// A language the charte, the consent banner, the preferences page and
/// the embed placeholder are written in: one of the 24 official languages
/// of the European Union, by its ISO 639-1 code.
///
/// A registry publishes some of them (`Registry::LANGS`, French and
/// English unless its declaration names others); asked for another, it
/// answers in its first.
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
/// assert!(Cookies::charte(Lang::En, Format::Text).starts_with("Cookie policy"));
/// assert!(Cookies::charte(Lang::Fr, Format::Text).starts_with("Charte cookies"));
/// assert_eq!("de".parse::<Lang>(), Ok(Lang::De));
/// assert_eq!(Lang::De.to_string(), "de");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Lang {
    /// Bulgarian (`bg`).
    Bg,
    /// Czech (`cs`).
    Cs,
    /// Danish (`da`).
    Da,
    /// German (`de`).
    De,
    /// Greek (`el`).
    El,
    /// English (`en`): a faithful translation of the French charte, with
    /// the same structure.
    En,
    /// Spanish (`es`).
    Es,
    /// Estonian (`et`).
    Et,
    /// Finnish (`fi`).
    Fi,
    /// French (`fr`): the wording of the chartes French portals publish.
    #[default]
    Fr,
    /// Irish (`ga`).
    Ga,
    /// Croatian (`hr`).
    Hr,
    /// Hungarian (`hu`).
    Hu,
    /// Italian (`it`).
    It,
    /// Lithuanian (`lt`).
    Lt,
    /// Latvian (`lv`).
    Lv,
    /// Maltese (`mt`).
    Mt,
    /// Dutch (`nl`).
    Nl,
    /// Polish (`pl`).
    Pl,
    /// Portuguese (`pt`).
    Pt,
    /// Romanian (`ro`).
    Ro,
    /// Slovak (`sk`).
    Sk,
    /// Slovenian (`sl`).
    Sl,
    /// Swedish (`sv`).
    Sv,
}

impl Lang {
    /// Every language, in the alphabetical order of their codes.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// use cookie_decl::Lang;
    ///
    /// assert_eq!(Lang::ALL.len(), 24);
    /// assert!(Lang::ALL.iter().all(|lang| Lang::from_code(lang.code()) == Some(*lang)));
    /// ```
    pub const ALL: [Lang; 24] = [
        Lang::Bg,
        Lang::Cs,
        Lang::Da,
        Lang::De,
        Lang::El,
        Lang::En,
        Lang::Es,
        Lang::Et,
        Lang::Fi,
        Lang::Fr,
        Lang::Ga,
        Lang::Hr,
        Lang::Hu,
        Lang::It,
        Lang::Lt,
        Lang::Lv,
        Lang::Mt,
        Lang::Nl,
        Lang::Pl,
        Lang::Pt,
        Lang::Ro,
        Lang::Sk,
        Lang::Sl,
        Lang::Sv,
    ];

    /// Its ISO 639-1 code, lowercase: `fr`, `de`. What `lang="..."`
    /// says, and what a proof record stores.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// use cookie_decl::Lang;
    ///
    /// assert_eq!(Lang::Pl.code(), "pl");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Bg => "bg",
            Lang::Cs => "cs",
            Lang::Da => "da",
            Lang::De => "de",
            Lang::El => "el",
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Et => "et",
            Lang::Fi => "fi",
            Lang::Fr => "fr",
            Lang::Ga => "ga",
            Lang::Hr => "hr",
            Lang::Hu => "hu",
            Lang::It => "it",
            Lang::Lt => "lt",
            Lang::Lv => "lv",
            Lang::Mt => "mt",
            Lang::Nl => "nl",
            Lang::Pl => "pl",
            Lang::Pt => "pt",
            Lang::Ro => "ro",
            Lang::Sk => "sk",
            Lang::Sl => "sl",
            Lang::Sv => "sv",
        }
    }

    /// The language of a two-letter code, in any case (`de`, `DE`);
    /// `None` for any other string (`de-AT` included: see
    /// [`Lang::negotiate`] for a browser's language ranges).
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// use cookie_decl::Lang;
    ///
    /// assert_eq!(Lang::from_code("DE"), Some(Lang::De));
    /// assert_eq!(Lang::from_code("ru"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.as_bytes();
        if code.len() != 2 {
            return None;
        }
        let lower = [code[0].to_ascii_lowercase(), code[1].to_ascii_lowercase()];
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().as_bytes() == lower)
    }
}

impl fmt::Display for Lang {
    /// Its code: `fr`, `en`, `de`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A string that is not the code of one of the 24 languages.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::Lang;
///
/// assert!("xx".parse::<Lang>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownLang;

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not the code of an official EU language (`fr`, `de`, ...)")
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;

    /// [`Lang::from_code`].
    fn from_str(code: &str) -> Result<Lang, UnknownLang> {
        Lang::from_code(code).ok_or(UnknownLang)
    }
}

/// The position of `lang` in `published`, or 0, the site's first
/// language, when it is not there: what a registry shows a visitor asking
/// for a language it does not publish.
pub(crate) const fn position(published: &[Lang], lang: Lang) -> usize {
    let mut at = 0;
    while at < published.len() {
        if published[at] as u8 == lang as u8 {
            return at;
        }
        at += 1;
    }
    0
}

/// `lang` if `published` holds it, else the site's first language (French
/// for an empty list).
pub(crate) const fn within(published: &[Lang], lang: Lang) -> Lang {
    if published.is_empty() {
        return Lang::Fr;
    }
    published[position(published, lang)]
}

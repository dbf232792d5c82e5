//! The 24 official languages of the European Union, as the declaration
//! names them (`languages: [fr, en, de]`) and as the renderers write in
//! them. Imports nothing of the crate: every layer may use it.

/// One official EU language, by its ISO 639-1 code. The order is the
/// codes' alphabetical order, which `cookie_decl::Lang` keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    Bg,
    Cs,
    Da,
    De,
    El,
    En,
    Es,
    Et,
    Fi,
    Fr,
    Ga,
    Hr,
    Hu,
    It,
    Lt,
    Lv,
    Mt,
    Nl,
    Pl,
    Pt,
    Ro,
    Sk,
    Sl,
    Sv,
}

impl Lang {
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

    /// What a declaration that names no languages publishes: French, then
    /// English.
    pub const DEFAULT: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The ISO 639-1 code, lowercase: what `lang="..."` and the
    /// declaration's keys say.
    pub fn code(self) -> &'static str {
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

    /// The language of a lowercase two-letter code, as written in a
    /// declaration.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The variant's name in `cookie_decl::Lang`: `Fr`, `De`.
    pub fn variant(self) -> &'static str {
        match self {
            Lang::Bg => "Bg",
            Lang::Cs => "Cs",
            Lang::Da => "Da",
            Lang::De => "De",
            Lang::El => "El",
            Lang::En => "En",
            Lang::Es => "Es",
            Lang::Et => "Et",
            Lang::Fi => "Fi",
            Lang::Fr => "Fr",
            Lang::Ga => "Ga",
            Lang::Hr => "Hr",
            Lang::Hu => "Hu",
            Lang::It => "It",
            Lang::Lt => "Lt",
            Lang::Lv => "Lv",
            Lang::Mt => "Mt",
            Lang::Nl => "Nl",
            Lang::Pl => "Pl",
            Lang::Pt => "Pt",
            Lang::Ro => "Ro",
            Lang::Sk => "Sk",
            Lang::Sl => "Sl",
            Lang::Sv => "Sv",
        }
    }

    /// The language's name in English, for messages and `cargo doc`.
    pub fn english_name(self) -> &'static str {
        match self {
            Lang::Bg => "Bulgarian",
            Lang::Cs => "Czech",
            Lang::Da => "Danish",
            Lang::De => "German",
            Lang::El => "Greek",
            Lang::En => "English",
            Lang::Es => "Spanish",
            Lang::Et => "Estonian",
            Lang::Fi => "Finnish",
            Lang::Fr => "French",
            Lang::Ga => "Irish",
            Lang::Hr => "Croatian",
            Lang::Hu => "Hungarian",
            Lang::It => "Italian",
            Lang::Lt => "Lithuanian",
            Lang::Lv => "Latvian",
            Lang::Mt => "Maltese",
            Lang::Nl => "Dutch",
            Lang::Pl => "Polish",
            Lang::Pt => "Portuguese",
            Lang::Ro => "Romanian",
            Lang::Sk => "Slovak",
            Lang::Sl => "Slovenian",
            Lang::Sv => "Swedish",
        }
    }
}

//! A text the declaration writes once for every language, or once per
//! language: the header's title, a cookie's `set_by`.

use crate::lang::Lang;

/// A text of the declaration, written once for every language, or once
/// per language.
#[derive(Clone, Default)]
pub struct Localized {
    /// Written once: every language reads it.
    pub all: Option<String>,
    /// Written per language (and, for the header's texts, the `_en`
    /// keys').
    pub by_lang: Vec<(Lang, String)>,
}

impl Localized {
    /// The text in `lang`, if the declaration gives one.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        self.by_lang
            .iter()
            .find(|(given, _)| *given == lang)
            .map(|(_, text)| text.as_str())
            .or(self.all.as_deref())
    }

    /// `lang`'s text replaces what was written for it.
    pub fn set(&mut self, lang: Lang, text: String) {
        self.by_lang.retain(|(given, _)| *given != lang);
        self.by_lang.push((lang, text));
    }
}

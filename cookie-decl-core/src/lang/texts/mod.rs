//! Every fixed text the run time writes, one table per language: a file
//! per language, named by its code (`fr.rs`, `en.rs`, ...), holding one
//! [`Texts`] constant, `TEXTS`. What the macro renders at compile time
//! (the charte, the banner, the preferences page) has its own tables, in
//! the macro crate's `render/texts/`.
//!
//! Some texts are templates: `{name}` is replaced by a value, escaped
//! for HTML; the rest is written as is (so, HTML). Each template's
//! documentation lists its names; a template may use them in any order,
//! each at most once, as its language's word order needs.

use core::fmt;

use crate::{Category, Lang};

mod bg;
mod cs;
mod da;
mod de;
mod el;
mod en;
mod es;
mod et;
mod fi;
mod fr;
mod ga;
mod hr;
mod hu;
mod it;
mod lt;
mod lv;
mod mt;
mod nl;
mod pl;
mod pt;
mod ro;
mod sk;
mod sl;
mod sv;

/// The table of `lang`: each of the 24 languages has its own.
pub(crate) fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Bg => &bg::TEXTS,
        Lang::Cs => &cs::TEXTS,
        Lang::Da => &da::TEXTS,
        Lang::De => &de::TEXTS,
        Lang::El => &el::TEXTS,
        Lang::En => &en::TEXTS,
        Lang::Es => &es::TEXTS,
        Lang::Et => &et::TEXTS,
        Lang::Fi => &fi::TEXTS,
        Lang::Fr => &fr::TEXTS,
        Lang::Ga => &ga::TEXTS,
        Lang::Hr => &hr::TEXTS,
        Lang::Hu => &hu::TEXTS,
        Lang::It => &it::TEXTS,
        Lang::Lt => &lt::TEXTS,
        Lang::Lv => &lv::TEXTS,
        Lang::Mt => &mt::TEXTS,
        Lang::Nl => &nl::TEXTS,
        Lang::Pl => &pl::TEXTS,
        Lang::Pt => &pt::TEXTS,
        Lang::Ro => &ro::TEXTS,
        Lang::Sk => &sk::TEXTS,
        Lang::Sl => &sl::TEXTS,
        Lang::Sv => &sv::TEXTS,
    }
}

/// Every fixed text the run time writes in one language.
pub(crate) struct Texts {
    /// The language the table is written in (what the tests check each
    /// table against).
    #[cfg_attr(not(test), allow(dead_code))]
    pub lang: Lang,
    /// Each category as "accept ___ cookies" and "a refusal of ___
    /// cookies" name it, in [`Category`] order (necessary, preferences,
    /// statistics, marketing): the embed placeholder's `{category}` and
    /// the Global Privacy Control sentence's list.
    pub cookies_of: [&'static str; 4],
    /// The banner's sentence for a visitor whose browser sends Global
    /// Privacy Control: this, the refused categories
    /// ([`cookies_of`](Texts::cookies_of)) joined with
    /// [`gpc_and`](Texts::gpc_and), then [`gpc_end`](Texts::gpc_end).
    pub gpc_start: &'static str,
    /// Between two refused categories.
    pub gpc_and: &'static str,
    /// The end of the Global Privacy Control sentence.
    pub gpc_end: &'static str,
    /// The preferences page's sentence for a visitor who has not chosen.
    pub choice_none: &'static str,
    /// The preferences page's sentence for a recorded choice. Template:
    /// `{date}` ([`date`](Texts::date)), `{time}` (`14:05`, UTC),
    /// `{id}` (the record's id), `{accepted}` and `{refused}` (lists of
    /// [`choice_categories`](Texts::choice_categories), joined with
    /// `, `, or [`choice_nothing`](Texts::choice_nothing)).
    pub choice: &'static str,
    /// A date. Template: `{d}`, `{m}` (two digits each), `{y}` (four).
    pub date: &'static str,
    /// Each category in the lists of accepted and refused purposes, in
    /// [`Category`] order.
    pub choice_categories: [&'static str; 4],
    /// An empty list of accepted or refused purposes.
    pub choice_nothing: &'static str,
    /// The embed placeholder's first sentence. Template: `{service}`,
    /// `{provider}`.
    pub embed_intro: &'static str,
    /// Then, for an embed that sets no declared cookie. Template:
    /// `{provider}`.
    pub embed_sends: &'static str,
    /// Then, for an embed that sets cookies. Template: `{provider}`,
    /// `{cookies}` (their names, joined with `, `).
    pub embed_sets: &'static str,
    /// The placeholder's second paragraph. Template: `{category}`
    /// ([`cookies_of`](Texts::cookies_of)), `{link}` (a link to the
    /// preferences page reading [`embed_link`](Texts::embed_link)).
    pub embed_accept: &'static str,
    /// The text of the link to the preferences page.
    pub embed_link: &'static str,
    /// What a visitor reads when a form is refused
    /// (the integrations' `FormRejection::message`):
    /// a form that could not be read (`400`, `415`), and one that is not
    /// the visitor's own or came from a page too old (`403`).
    #[cfg_attr(
        not(any(
            feature = "axum",
            feature = "rocket",
            feature = "actix",
            feature = "poem"
        )),
        allow(dead_code)
    )]
    pub form_refused: [&'static str; 2],
}

impl Texts {
    /// The category's words in [`cookies_of`](Texts::cookies_of).
    pub fn cookies_of(&self, category: Category) -> &'static str {
        self.cookies_of[category_index(category)]
    }

    /// The category's words in [`choice_categories`](Texts::choice_categories).
    pub fn choice_category(&self, category: Category) -> &'static str {
        self.choice_categories[category_index(category)]
    }
}

fn category_index(category: Category) -> usize {
    match category {
        Category::Necessary => 0,
        Category::Preferences => 1,
        Category::Statistics => 2,
        Category::Marketing => 3,
    }
}

/// Writes `template` to `out`, each `{name}` replaced by what `value`
/// writes for it (a name it does not know, and a `{` without a `}`, as
/// written). Linear in the template's length.
pub(crate) fn fill<W: fmt::Write + ?Sized>(
    out: &mut W,
    template: &str,
    mut value: impl FnMut(&mut W, &str) -> Option<fmt::Result>,
) -> fmt::Result {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.write_str(&rest[..open])?;
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                let is_name = !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase());
                match is_name.then(|| value(out, name)).flatten() {
                    Some(result) => result?,
                    None => {
                        out.write_char('{')?;
                        out.write_str(name)?;
                        out.write_char('}')?;
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.write_str(&rest[open..])?;
                rest = "";
            }
        }
    }
    out.write_str(rest)
}

#[cfg(test)]
mod tests {
    use core::fmt::Write as _;

    use super::*;

    fn filled(template: &str) -> String {
        let mut out = String::new();
        fill(&mut out, template, |out, name| {
            (name == "x").then(|| out.write_str("<X>"))
        })
        .unwrap();
        out
    }

    #[test]
    fn fill_replaces_known_names_only() {
        assert_eq!(filled("a {x} b {x}"), "a <X> b <X>");
        assert_eq!(filled("{y} {X} {} {x"), "{y} {X} {} {x");
        assert_eq!(filled("plain"), "plain");
    }

    /// Every text of a table.
    fn strings(texts: &Texts) -> Vec<&'static str> {
        let mut strings = vec![
            texts.gpc_start,
            texts.gpc_and,
            texts.gpc_end,
            texts.choice_none,
            texts.choice,
            texts.choice_nothing,
            texts.embed_intro,
            texts.embed_sends,
            texts.embed_sets,
            texts.embed_accept,
            texts.embed_link,
        ];
        strings.extend_from_slice(&texts.cookies_of);
        strings.extend_from_slice(&texts.choice_categories);
        strings.extend_from_slice(&texts.form_refused);
        strings
    }

    /// The runs of words of `text` a leftover would show: the whole text
    /// if it has two words, each run of three if more. Placeholders are
    /// no words.
    fn runs(text: &str) -> Vec<String> {
        let words: Vec<&str> = text
            .split_whitespace()
            .filter(|word| !word.contains('{'))
            .collect();
        match words.len() {
            0 | 1 => Vec::new(),
            2 => vec![words.join(" ")],
            _ => words.windows(3).map(|run| run.join(" ")).collect(),
        }
    }

    /// What the run time writes in a language is its table's texts and
    /// the declaration's: no run of words of another language's table is
    /// in it, but the names languages share.
    #[test]
    fn no_table_holds_another_languages_words() {
        const SHARED: &[&str] = &["Global Privacy Control"];
        let own: Vec<Lang> = Lang::ALL
            .into_iter()
            .filter(|&lang| texts(lang).lang == lang)
            .collect();
        assert!(own.contains(&Lang::Fr) && own.contains(&Lang::En));
        for &lang in &own {
            let mine = strings(texts(lang)).join("\n");
            for &other in own.iter().filter(|&&other| other != lang) {
                for run in strings(texts(other)).into_iter().flat_map(runs) {
                    // A shared name is shared with the punctuation
                    // around it: `Global Privacy Control:`.
                    let bare = run.trim_matches(|c: char| !c.is_alphanumeric());
                    if SHARED.iter().any(|shared| shared.contains(bare)) {
                        continue;
                    }
                    assert!(
                        !mine.contains(&run),
                        "{lang}'s table holds {other}'s `{run}`"
                    );
                }
            }
        }
    }

    /// Every language has its own table, written in it: no language is
    /// left to another's words. Two languages may share a single word,
    /// not a phrase.
    #[test]
    fn every_language_has_its_own_table() {
        let written = Lang::ALL;
        for &lang in &written {
            let table = texts(lang);
            assert_eq!(table.lang, lang, "{lang}");
            for text in strings(table) {
                assert!(!text.trim().is_empty(), "{lang}: an empty text");
            }
            for text in [table.gpc_start, table.embed_intro] {
                assert!(text.ends_with(' '), "{lang}: {text:?}");
            }
            assert!(table.gpc_and.starts_with(' ') && table.gpc_and.ends_with(' '));
        }
        for (at, &one) in written.iter().enumerate() {
            for &other in &written[at + 1..] {
                let theirs = strings(texts(other));
                for text in strings(texts(one)) {
                    if text.split_whitespace().count() > 1 {
                        assert!(
                            !theirs.contains(&text),
                            "{one} and {other} both write {text:?}"
                        );
                    }
                }
            }
        }
    }

    /// Every table names what its templates say, and nothing else.
    #[test]
    fn every_template_uses_its_names() {
        for lang in Lang::ALL {
            let texts = texts(lang);
            for (template, names) in [
                (
                    texts.choice,
                    &["date", "time", "id", "accepted", "refused"][..],
                ),
                (texts.date, &["d", "m", "y"]),
                (texts.embed_intro, &["service", "provider"]),
                (texts.embed_sends, &["provider"]),
                (texts.embed_sets, &["provider", "cookies"]),
                (texts.embed_accept, &["category", "link"]),
            ] {
                let mut seen = Vec::new();
                let mut out = String::new();
                fill(&mut out, template, |_, name| {
                    seen.push(name.to_owned());
                    Some(Ok(()))
                })
                .unwrap();
                seen.sort();
                let mut expected: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
                expected.sort();
                assert_eq!(seen, expected, "{lang}: {template}");
            }
        }
    }
}

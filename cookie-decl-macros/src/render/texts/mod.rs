//! Every fixed text the renderers write, one table per language: a file
//! per language, named by its code (`fr.rs`, `en.rs`, ...), holding one
//! [`Texts`] constant, `TEXTS`. The renderers read words only from here;
//! what the site declares (purposes, services, its own title) comes from
//! the model.
//!
//! Each language's table is written with the words its regulators and its
//! law use for consent, refusal, withdrawal and the categories. The French
//! one is the wording of the published chartes, byte for byte; each of
//! the 24 official languages of the European Union has its own.

use crate::lang::Lang;
use crate::model::Lifetime;

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

/// The table of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
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

/// Every fixed text of one language.
pub struct Texts {
    /// The language the table is written in (what the tests check each
    /// table against).
    #[cfg_attr(not(test), allow(dead_code))]
    pub lang: Lang,
    /// The charte.
    pub charte: Charte,
    /// The consent banner and the preferences page.
    pub forms: Forms,
    /// The charte's section on third-party tags and embeds.
    pub tags: Tags,
    /// Cookie lifetimes, in the charte's lifetime column.
    pub lifetime: Lifetimes,
}

/// The fixed wording of a charte.
pub struct Charte {
    /// The title, unless the declaration gives its own (`title`).
    pub title: &'static str,
    /// The first paragraph, unless the declaration gives its own
    /// (`intro`).
    pub intro: &'static str,
    /// "What is a cookie?"
    pub what_heading: &'static str,
    /// The paragraph that answers it.
    pub what: &'static str,
    /// "There are several types of cookies:"
    pub kinds: &'static str,
    /// The four kinds: necessary, statistics, first-party, third-party;
    /// a paragraph each.
    pub kinds_list: [&'static str; 4],
    /// "What cookies are used for on the platform ", followed by the
    /// site, as a link.
    pub usage_heading: &'static str,
    /// One heading per category, in
    /// [`Category::ALL`](crate::ast::Category::ALL) order.
    pub categories: [&'static str; 4],
    /// The columns: provider, service and location, cookie name,
    /// purposes (the four of the published chartes), then lifetime and
    /// whether consent is required (`show_lifetime`, `show_consent`).
    pub columns: [&'static str; 6],
    /// The consent column's cells: not required (exempt), required.
    pub consent: [&'static str; 2],
    /// Before the declaration's `contact`, in the last paragraph.
    pub contact: &'static str,
}

/// The fixed wording of the consent banner and the preferences page.
pub struct Forms {
    /// The banner's heading, unless the declaration gives its own
    /// (`banner_title`).
    pub title: &'static str,
    /// The banner's sentence, unless the declaration gives its own
    /// (`banner_text`): this, the site's host, ...
    pub text_start: &'static str,
    /// ... then this, then the categories that need consent (in
    /// [`in_sentence`](Forms::in_sentence)'s words, joined with
    /// [`and`](Forms::and)), then [`text_end`](Forms::text_end).
    pub text_consent: &'static str,
    /// The end of the banner's sentence.
    pub text_end: &'static str,
    /// After the host, when no cookie needs consent: the whole rest of
    /// the sentence.
    pub text_no_consent: &'static str,
    /// Each category as the banner's sentence names it (necessary,
    /// preferences, statistics, marketing: the sentence puts them where
    /// `text_consent` ends and `text_end` begins).
    pub in_sentence: [&'static str; 4],
    /// Between the last two items of a list: " and ".
    pub and: &'static str,
    /// Before the consent-exempt audience cookies, named after it.
    pub exempt: &'static str,
    /// The link to the charte.
    pub charte_link: &'static str,
    /// The link to the preferences page.
    pub preferences_link: &'static str,
    /// The button that accepts every category.
    pub accept_all: &'static str,
    /// The button that refuses every category: as prominent as accepting.
    pub refuse_all: &'static str,
    /// The banner's third button, which opens the preferences page.
    pub customise: &'static str,
    /// The preferences page's button that records the ticked boxes.
    pub save: &'static str,
    /// The preferences page's heading.
    pub preferences_title: &'static str,
    /// The legend of its boxes: "Purposes".
    pub legend: &'static str,
    /// Each category's checkbox label, in `Category::ALL` order.
    pub labels: [&'static str; 4],
    /// What each category is for, in `Category::ALL` order.
    pub descriptions: [&'static str; 4],
    /// After the necessary category's label: " (always on)".
    pub always_on: &'static str,
    /// Before the consent-exempt cookies of a category.
    pub exempt_note: &'static str,
    /// Before the services a category's tags and embeds bring.
    pub services: &'static str,
    /// Between a cookie and its purpose (French puts a space before
    /// `:`).
    pub colon: &'static str,
}

/// The wording of the charte's section on tags and embeds.
pub struct Tags {
    /// The heading of the table of tags and embeds.
    pub heading: &'static str,
    /// Its columns: provider, service, type, category, cookies set.
    pub columns: [&'static str; 5],
    /// The type column's words: a script, an embedded content.
    pub kinds: [&'static str; 2],
    /// The category column's words, in `Category::ALL` order.
    pub categories: [&'static str; 4],
    /// The cookies column of a tag that sets none.
    pub none: &'static str,
    /// The heading of the table of cookies set by other means (`set_by`).
    pub other_heading: &'static str,
    /// Its columns: cookie name, set by.
    pub other_columns: [&'static str; 2],
}

/// How a cookie's lifetime is written: `Session`, `1 jour`, `13 mois`.
pub struct Lifetimes {
    /// A cookie without `max_age`, deleted when the browser session ends.
    pub session: &'static str,
    /// Which form of a unit's word goes with a number.
    pub plural: Plural,
    /// The forms of each unit, in [`Unit`](crate::ast::Unit) order (seconds, minutes,
    /// hours, days, weeks, months, years), as many as
    /// [`plural`](Lifetimes::plural) tells apart, in the order its
    /// variant's documentation gives (a missing form reads as the last
    /// one written).
    pub units: [&'static [&'static str]; 7],
}

impl Lifetimes {
    /// `lifetime` as the charte writes it: [`session`](Lifetimes::session),
    /// or the number, a space, the unit's word.
    pub fn of(&self, lifetime: Lifetime) -> String {
        match lifetime {
            Lifetime::Session => self.session.to_owned(),
            Lifetime::Duration { amount, unit } => {
                let forms = self.units[unit as usize];
                let form = self.plural.form(amount).min(forms.len().saturating_sub(1));
                format!("{amount} {}", forms.get(form).copied().unwrap_or_default())
            }
        }
    }
}

/// A language's rule for the form of a noun after a number (the CLDR
/// plural rules for integers). [`Plural::form`] gives the index of the
/// form in [`Lifetimes::units`].
///
/// French takes [`Plural::One`], as its published chartes do (`0
/// secondes`).
#[derive(Clone, Copy)]
pub enum Plural {
    /// `[one, other]`: one for 1 (English, French, German, Spanish, ...).
    One,
    /// `[one, few, other]`: 1; 2 to 4; the rest (Czech, Slovak).
    Czech,
    /// `[one, few, many]`: 1; ending in 2 to 4 but not 12 to 14; the rest
    /// (Polish).
    Polish,
    /// `[one, few, other]`: ending in 1 but not 11; ending in 2 to 4 but
    /// not 12 to 14; the rest (Croatian).
    Croatian,
    /// `[one, few, other]`: ending in 1 but not 11 to 19; ending in 2 to 9
    /// but not 11 to 19; the rest (Lithuanian).
    Lithuanian,
    /// `[one, other, zero]`: ending in 1 but not 11; the rest; ending in 0
    /// or 11 to 19 (Latvian).
    Latvian,
    /// `[one, two, few, other]`: ending in 01; in 02; in 03 or 04; the
    /// rest (Slovenian).
    Slovenian,
    /// `[one, few, other]`: 1; 0 or ending in 01 to 19 (but not 1); the
    /// rest, which takes "de" (Romanian).
    Romanian,
    /// `[one, two, few, many, other]`: 1; 2; 3 to 6; 7 to 10; the rest
    /// (Irish).
    Irish,
    /// `[one, few, many, other]`: 1; 0 or ending in 02 to 10; ending in 11
    /// to 19; the rest (Maltese).
    Maltese,
}

impl Plural {
    /// The index of the form that goes with `n`.
    pub fn form(self, n: u64) -> usize {
        let (tens, hundreds) = (n % 10, n % 100);
        match self {
            Plural::One => usize::from(n != 1),
            Plural::Czech => match n {
                1 => 0,
                2..=4 => 1,
                _ => 2,
            },
            Plural::Polish => match (n, tens, hundreds) {
                (1, _, _) => 0,
                (_, 2..=4, h) if !(12..=14).contains(&h) => 1,
                _ => 2,
            },
            Plural::Croatian => match (tens, hundreds) {
                (1, h) if h != 11 => 0,
                (2..=4, h) if !(12..=14).contains(&h) => 1,
                _ => 2,
            },
            Plural::Lithuanian => match (tens, hundreds) {
                (_, 11..=19) => 2,
                (1, _) => 0,
                (2..=9, _) => 1,
                _ => 2,
            },
            Plural::Latvian => match (tens, hundreds) {
                (0, _) | (_, 11..=19) => 2,
                (1, _) => 0,
                _ => 1,
            },
            Plural::Slovenian => match hundreds {
                1 => 0,
                2 => 1,
                3 | 4 => 2,
                _ => 3,
            },
            Plural::Romanian => match (n, hundreds) {
                (1, _) => 0,
                (0, _) | (_, 1..=19) => 1,
                _ => 2,
            },
            Plural::Irish => match n {
                1 => 0,
                2 => 1,
                3..=6 => 2,
                7..=10 => 3,
                _ => 4,
            },
            Plural::Maltese => match (n, hundreds) {
                (1, _) => 0,
                (0, _) | (_, 2..=10) => 1,
                (_, 11..=19) => 2,
                _ => 3,
            },
        }
    }
}

#[cfg(test)]
impl Texts {
    /// Every text of the table, but the lifetimes' words.
    pub fn strings(&self) -> Vec<&'static str> {
        let Texts {
            lang: _,
            charte,
            forms,
            tags,
            lifetime: _,
        } = self;
        let mut strings = vec![
            charte.title,
            charte.intro,
            charte.what_heading,
            charte.what,
            charte.kinds,
            charte.usage_heading,
            charte.contact,
            forms.title,
            forms.text_start,
            forms.text_consent,
            forms.text_end,
            forms.text_no_consent,
            forms.and,
            forms.exempt,
            forms.charte_link,
            forms.preferences_link,
            forms.accept_all,
            forms.refuse_all,
            forms.customise,
            forms.save,
            forms.preferences_title,
            forms.legend,
            forms.always_on,
            forms.exempt_note,
            forms.services,
            forms.colon,
            tags.heading,
            tags.none,
            tags.other_heading,
        ];
        for list in [
            &charte.kinds_list[..],
            &charte.categories,
            &charte.columns,
            &charte.consent,
            &forms.in_sentence,
            &forms.labels,
            &forms.descriptions,
            &tags.columns,
            &tags.kinds,
            &tags.categories,
            &tags.other_columns,
        ] {
            strings.extend_from_slice(list);
        }
        strings
    }

    /// Whether this is `lang`'s own table.
    pub fn is_own(&self, lang: Lang) -> bool {
        self.lang == lang
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::Unit;

    #[test]
    fn plural_rules_give_the_forms_of_their_languages() {
        let forms = |plural: Plural, numbers: &[u64]| -> Vec<usize> {
            numbers.iter().map(|&n| plural.form(n)).collect()
        };
        let numbers = [1, 2, 4, 5, 11, 12, 13, 21, 22, 25, 101, 102, 111, 112];
        assert_eq!(
            forms(Plural::One, &numbers),
            [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        );
        assert_eq!(
            forms(Plural::Czech, &numbers),
            [0, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]
        );
        // 1 dzień, 2 dni (few), 5 dni (many); 22 miesiące, 12 miesięcy.
        assert_eq!(
            forms(Plural::Polish, &numbers),
            [0, 1, 1, 2, 2, 2, 2, 2, 1, 2, 2, 1, 2, 2]
        );
        assert_eq!(
            forms(Plural::Croatian, &numbers),
            [0, 1, 1, 2, 2, 2, 2, 0, 1, 2, 0, 1, 2, 2]
        );
        assert_eq!(
            forms(Plural::Lithuanian, &numbers),
            [0, 1, 1, 1, 2, 2, 2, 0, 1, 1, 0, 1, 2, 2]
        );
        assert_eq!(
            forms(Plural::Latvian, &numbers),
            [0, 1, 1, 1, 2, 2, 2, 0, 1, 1, 0, 1, 2, 2]
        );
        assert_eq!(
            forms(Plural::Slovenian, &numbers),
            [0, 1, 2, 3, 3, 3, 3, 3, 3, 3, 0, 1, 3, 3]
        );
        assert_eq!(
            forms(Plural::Romanian, &numbers),
            [0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1]
        );
        assert_eq!(
            forms(Plural::Irish, &numbers),
            [0, 1, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]
        );
        assert_eq!(
            forms(Plural::Maltese, &numbers),
            [0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 1, 2, 2]
        );
    }

    /// A table gives each unit at least the forms it uses, and each
    /// language's table is its own or the English one.
    #[test]
    fn every_table_has_its_lifetimes_words() {
        for lang in crate::lang::Lang::ALL {
            let texts = texts(lang);
            assert!(texts.is_own(lang) || texts.is_own(Lang::En), "{lang:?}");
            for forms in texts.lifetime.units {
                assert!(!forms.is_empty(), "{lang:?}");
                assert!(forms.iter().all(|form| !form.trim().is_empty()), "{lang:?}");
            }
        }
    }

    /// Every language has its own table, written in it: no language is
    /// left to another's words. Two languages may share a single word
    /// ("Cookies", "Marketing", "Session"), not a phrase.
    #[test]
    fn every_language_has_its_own_table() {
        let written = Lang::ALL;
        let strings = |lang: Lang| -> Vec<&'static str> {
            let table = texts(lang);
            let mut all = table.strings();
            all.push(table.lifetime.session);
            all.extend(
                table
                    .lifetime
                    .units
                    .iter()
                    .flat_map(|forms| forms.iter().copied()),
            );
            all
        };
        for &lang in &written {
            assert_eq!(texts(lang).lang, lang, "{lang:?}");
            for text in strings(lang) {
                assert!(!text.trim().is_empty(), "{lang:?}: an empty text");
            }
        }
        for (at, &one) in written.iter().enumerate() {
            for &other in &written[at + 1..] {
                let theirs = strings(other);
                for text in strings(one) {
                    if text.split_whitespace().count() > 1 {
                        assert!(
                            !theirs.contains(&text),
                            "{one:?} and {other:?} both write {text:?}"
                        );
                    }
                }
            }
        }
    }

    /// The pieces of the banner's sentence join with their spaces, and
    /// every unit has at most as many forms as its language's rule tells
    /// apart.
    #[test]
    fn every_table_has_its_shape() {
        for lang in Lang::ALL {
            let table = texts(lang);
            let forms = &table.forms;
            assert!(forms.text_start.ends_with(' '), "{lang:?}: text_start");
            for text in [forms.text_consent, forms.text_no_consent, forms.and] {
                assert!(text.starts_with(' '), "{lang:?}: {text:?}");
            }
            assert!(forms.text_consent.ends_with(' '), "{lang:?}: text_consent");
            assert!(forms.always_on.starts_with(' '), "{lang:?}: always_on");
            let count = match table.lifetime.plural {
                Plural::One => 2,
                Plural::Czech
                | Plural::Polish
                | Plural::Croatian
                | Plural::Lithuanian
                | Plural::Latvian
                | Plural::Romanian => 3,
                Plural::Slovenian | Plural::Maltese => 4,
                Plural::Irish => 5,
            };
            for units in table.lifetime.units {
                assert!(units.len() <= count, "{lang:?}: {units:?}");
            }
        }
    }

    /// Each language's units take the form its number wants.
    #[test]
    fn lifetimes_agree_with_their_number() {
        let of = |lang: Lang, amount: u64, unit: Unit| {
            texts(lang).lifetime.of(Lifetime::Duration { amount, unit })
        };
        assert_eq!(of(Lang::De, 1, Unit::Years), "1 Jahr");
        assert_eq!(of(Lang::De, 13, Unit::Months), "13 Monate");
        assert_eq!(of(Lang::Pl, 1, Unit::Days), "1 dzień");
        assert_eq!(of(Lang::Pl, 22, Unit::Months), "22 miesiące");
        assert_eq!(of(Lang::Pl, 13, Unit::Months), "13 miesięcy");
        assert_eq!(of(Lang::Pl, 5, Unit::Years), "5 lat");
        assert_eq!(of(Lang::Cs, 3, Unit::Years), "3 roky");
        assert_eq!(of(Lang::Cs, 5, Unit::Years), "5 let");
        assert_eq!(of(Lang::Sk, 13, Unit::Months), "13 mesiacov");
        assert_eq!(of(Lang::Sl, 2, Unit::Days), "2 dneva");
        assert_eq!(of(Lang::Sl, 3, Unit::Days), "3 dnevi");
        assert_eq!(of(Lang::Sl, 101, Unit::Days), "101 dan");
        assert_eq!(of(Lang::Hr, 21, Unit::Days), "21 dan");
        assert_eq!(of(Lang::Hr, 13, Unit::Months), "13 mjeseci");
        assert_eq!(of(Lang::Lt, 21, Unit::Days), "21 diena");
        assert_eq!(of(Lang::Lt, 13, Unit::Months), "13 mėnesių");
        assert_eq!(of(Lang::Lv, 13, Unit::Months), "13 mēneši");
        assert_eq!(of(Lang::Lv, 21, Unit::Days), "21 diena");
        assert_eq!(of(Lang::Ro, 1, Unit::Days), "1 zi");
        assert_eq!(of(Lang::Ro, 13, Unit::Months), "13 luni");
        assert_eq!(of(Lang::Ro, 20, Unit::Days), "20 de zile");
        assert_eq!(of(Lang::Ro, 101, Unit::Days), "101 zile");
        assert_eq!(of(Lang::Ga, 3, Unit::Years), "3 bliana");
        assert_eq!(of(Lang::Ga, 7, Unit::Years), "7 mbliana");
        assert_eq!(of(Lang::Ga, 20, Unit::Years), "20 bliain");
        assert_eq!(of(Lang::Mt, 2, Unit::Days), "2 jiem");
        assert_eq!(of(Lang::Mt, 13, Unit::Months), "13 xahar");
        assert_eq!(of(Lang::Mt, 30, Unit::Days), "30 jum");
        assert_eq!(of(Lang::Hu, 13, Unit::Months), "13 hónap");
        assert_eq!(of(Lang::Fi, 13, Unit::Months), "13 kuukautta");
        assert_eq!(of(Lang::Bg, 13, Unit::Months), "13 месеца");
        assert_eq!(of(Lang::Nl, 2, Unit::Years), "2 jaar");
    }
}

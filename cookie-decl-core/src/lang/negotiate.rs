//! Which published language a visitor reads: the one the site chose for
//! them (a language switch, a path such as `/de/`), else the one their
//! browser's `Accept-Language` prefers (RFC 9110 §12.5.4), else the site's
//! first.
//!
//! The header is the client's to write: it is read once, left to right,
//! in time linear in its length and with a fixed amount of memory (one
//! slot per language), and no input makes it panic.

use core::fmt;
use core::marker::PhantomData;

use crate::{Lang, Registry};

impl Lang {
    /// The language of `published` that an `Accept-Language` header
    /// prefers: the highest quality value, the earliest in the header
    /// among equals; `published[0]`, the site's own language, when the
    /// header accepts none of them (French when `published` is empty).
    ///
    /// A range counts for its primary language (`de-AT` and `de-DE` for
    /// `de`, in any case), with the highest quality any of them gives;
    /// `q=0` says "not this one": `de;q=0` refuses German whatever `*`
    /// says. `*` gives its quality to every language the header does not
    /// name. An entry that does not parse (an unknown language, a
    /// malformed `q`) is skipped, not the rest of the header.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// use cookie_decl::Lang;
    ///
    /// let published = [Lang::Fr, Lang::En, Lang::De];
    /// // Chrome set to German, then English.
    /// let chrome = "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7";
    /// assert_eq!(Lang::negotiate(chrome, &published), Lang::De);
    /// assert_eq!(Lang::negotiate(chrome, &[Lang::Fr, Lang::En]), Lang::En);
    /// // Nothing the site publishes: its first language.
    /// assert_eq!(Lang::negotiate("pl-PL,pl;q=0.9", &published), Lang::Fr);
    /// assert_eq!(Lang::negotiate("", &published), Lang::Fr);
    /// ```
    pub fn negotiate(accept_language: &str, published: &[Lang]) -> Lang {
        negotiate_headers([accept_language.as_bytes()], published)
    }

    /// The language registry `R` shows a visitor: `chosen` (what the site
    /// knows of them: a language switch's cookie, the path's `/de/`) if
    /// `R` publishes it, else [`Lang::negotiate`] on their
    /// `Accept-Language` header (`None` when they sent none) among
    /// [`R::LANGS`](Registry::LANGS).
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// use cookie_decl::{declare_cookies, Lang};
    ///
    /// declare_cookies! {
    ///     pub struct Cookies { site: "https://example.fr" }
    ///     necessary {
    ///         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
    ///     }
    /// }
    ///
    /// let firefox = Some("fr-FR,fr;q=0.8,en-US;q=0.5,en;q=0.3");
    /// assert_eq!(Lang::for_visitor::<Cookies>(None, firefox), Lang::Fr);
    /// assert_eq!(Lang::for_visitor::<Cookies>(Some(Lang::En), firefox), Lang::En);
    /// // French and English only: a German choice is not theirs to show.
    /// assert_eq!(Lang::for_visitor::<Cookies>(Some(Lang::De), firefox), Lang::Fr);
    /// assert_eq!(Lang::for_visitor::<Cookies>(None, None), Lang::Fr);
    /// ```
    pub fn for_visitor<R: Registry>(chosen: Option<Lang>, accept_language: Option<&str>) -> Lang {
        match chosen {
            Some(lang) if R::LANGS.contains(&lang) => lang,
            _ => Lang::negotiate(accept_language.unwrap_or(""), R::LANGS),
        }
    }
}

/// [`Lang::negotiate`] over every `Accept-Language` header of a request
/// (their entries read as one list, in order); a value that is not UTF-8
/// says nothing.
pub(crate) fn negotiate_headers<'h>(
    values: impl IntoIterator<Item = &'h [u8]>,
    published: &[Lang],
) -> Lang {
    let Some(&first) = published.first() else {
        return Lang::Fr;
    };
    let mut accepted = Accepted::default();
    let mut position = 0;
    for value in values {
        let Ok(value) = core::str::from_utf8(value) else {
            continue;
        };
        for entry in value.split(',') {
            accepted.read(entry, position);
            position += 1;
        }
    }
    let mut best: Option<(u16, usize, Lang)> = None;
    for &lang in published {
        let Some((quality, position)) = accepted.quality(lang) else {
            continue;
        };
        let better = match best {
            None => true,
            Some((q, p, _)) => quality > q || (quality == q && position < p),
        };
        if better {
            best = Some((quality, position, lang));
        }
    }
    best.map_or(first, |(_, _, lang)| lang)
}

/// The language registry `R` shows the visitor of a request, from its
/// `Accept-Language` headers ([`Lang::negotiate`] among
/// [`R::LANGS`](Registry::LANGS)). Each framework module reads it from a
/// request: axum's extractor, Rocket's request guard, actix-web's and
/// poem's extractors; none fails. The page it renders depends on the
/// visitor, as one that reads their consent does: behind the framework's
/// consent middleware, its response gets the same caching headers (kept
/// out of shared caches).
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::{declare_cookies, Lang, VisitorLang};
///
/// declare_cookies! {
///     pub struct Cookies { site: "https://example.fr" }
///     necessary {
///         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
///     }
/// }
///
/// // Safari set to English (UK), then French.
/// let visitor = VisitorLang::<Cookies>::from_headers([&b"en-GB,fr;q=0.9"[..]]);
/// assert_eq!(visitor.lang(), Lang::En);
/// // The site's own choice for the visitor (a language switch) first.
/// assert_eq!(visitor.or_chosen(Some(Lang::Fr)), Lang::Fr);
/// assert_eq!(VisitorLang::<Cookies>::from_headers([]).lang(), Lang::Fr);
/// ```
pub struct VisitorLang<R> {
    negotiated: Lang,
    registry: PhantomData<fn() -> R>,
}

impl<R: Registry> VisitorLang<R> {
    /// Negotiated from every `Accept-Language` header value of a request,
    /// as bytes (none: the site's first language).
    pub fn from_headers<'h>(accept_language: impl IntoIterator<Item = &'h [u8]>) -> Self {
        VisitorLang {
            negotiated: negotiate_headers(accept_language, R::LANGS),
            registry: PhantomData,
        }
    }

    /// The published language the visitor's browser prefers, or the
    /// site's first.
    pub fn lang(&self) -> Lang {
        self.negotiated
    }

    /// `chosen`, the language the site knows the visitor chose (a
    /// language switch's cookie, the path's `/de/`), if the registry
    /// publishes it; else [`lang`](VisitorLang::lang).
    pub fn or_chosen(&self, chosen: Option<Lang>) -> Lang {
        match chosen {
            Some(lang) if R::LANGS.contains(&lang) => lang,
            _ => self.negotiated,
        }
    }
}

impl<R> Clone for VisitorLang<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R> Copy for VisitorLang<R> {}

impl<R> fmt::Debug for VisitorLang<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("VisitorLang")
            .field(&self.negotiated)
            .finish()
    }
}

/// What a header says of each language: its best quality and where it
/// was first named, or that it is refused; and what `*` says.
#[derive(Default)]
struct Accepted {
    /// By `Lang as usize`: `Some((quality in thousandths, position))`.
    named: [Option<(u16, usize)>; 24],
    /// Refused with a bare `xx;q=0`.
    refused: [bool; 24],
    /// `*`'s quality and position.
    any: Option<(u16, usize)>,
}

impl Accepted {
    /// One entry of the header, `range *( OWS ";" OWS parameter )`.
    fn read(&mut self, entry: &str, position: usize) {
        let mut parts = entry.split(';');
        let range = parts.next().unwrap_or("").trim_matches(is_space);
        let mut quality = Some(1000);
        for parameter in parts {
            let parameter = parameter.trim_matches(is_space);
            if let Some(value) = parameter
                .strip_prefix("q=")
                .or_else(|| parameter.strip_prefix("Q="))
            {
                quality = parse_quality(value);
            }
        }
        let Some(quality) = quality else {
            return;
        };
        if range == "*" {
            if self.any.is_none() {
                self.any = Some((quality, position));
            }
            return;
        }
        let (primary, subtags) = match range.split_once('-') {
            Some((primary, rest)) => (primary, !rest.is_empty()),
            None => (range, false),
        };
        let Some(lang) = Lang::from_code(primary) else {
            return;
        };
        let slot = lang as usize;
        if quality == 0 {
            // `de-AT;q=0` refuses Austrian German, not German.
            if !subtags {
                self.refused[slot] = true;
            }
            return;
        }
        self.named[slot] = match self.named[slot] {
            Some((q, p)) => Some((q.max(quality), p)),
            None => Some((quality, position)),
        };
    }

    /// The quality and position `lang` reads at, if it is acceptable.
    fn quality(&self, lang: Lang) -> Option<(u16, usize)> {
        let slot = lang as usize;
        if self.refused[slot] {
            return None;
        }
        self.named[slot]
            .or(self.any)
            .filter(|&(quality, _)| quality > 0)
    }
}

/// RFC 9110's optional whitespace.
fn is_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`, in
/// thousandths; `None` for anything else.
fn parse_quality(value: &str) -> Option<u16> {
    let (whole, fraction) = match value.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (value, ""),
    };
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut thousandths: u16 = 0;
    for (at, digit) in fraction.bytes().enumerate() {
        thousandths += u16::from(digit - b'0') * [100, 10, 1][at];
    }
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[Lang] = &Lang::ALL;

    #[test]
    fn qualities_are_read_as_rfc_9110_writes_them() {
        for (value, quality) in [
            ("1", Some(1000)),
            ("1.", Some(1000)),
            ("1.000", Some(1000)),
            ("0", Some(0)),
            ("0.5", Some(500)),
            ("0.05", Some(50)),
            ("0.001", Some(1)),
            ("1.001", None),
            ("0.0001", None),
            ("2", None),
            ("", None),
            ("abc", None),
            ("-0.5", None),
            (".5", None),
            ("0.5x", None),
        ] {
            assert_eq!(parse_quality(value), quality, "{value:?}");
        }
    }

    #[test]
    fn the_highest_quality_wins_then_the_earliest() {
        let published = [Lang::Fr, Lang::En, Lang::De];
        for (header, lang) in [
            ("de", Lang::De),
            ("en;q=0.5, de;q=0.6", Lang::De),
            ("en, de", Lang::En),
            ("de, en", Lang::De),
            ("en;q=0.8, de;q=0.8", Lang::En),
            ("DE-at", Lang::De),
            ("de-AT;q=0.9, en;q=0.8", Lang::De),
            ("de-AT;q=0, de;q=0.5, en;q=0.4", Lang::De),
            ("de;q=0, de-AT, en;q=0.1", Lang::En),
            ("en;q=0, fr;q=0", Lang::Fr),
            ("*;q=0.5, fr;q=0, en;q=0.1", Lang::De),
            ("*", Lang::Fr),
            ("ru, ja;q=0.9", Lang::Fr),
            ("ru, en;q=0.1", Lang::En),
            ("en-US,en;q=0.5", Lang::En),
            ("  de ;  q=0.7 , en ; q=0.6 ", Lang::De),
            ("en;Q=0.2, de;q=0.3", Lang::De),
        ] {
            assert_eq!(Lang::negotiate(header, &published), lang, "{header}");
        }
    }

    #[test]
    fn several_headers_read_as_one_list() {
        let published = [Lang::Fr, Lang::En, Lang::De];
        let headers: [&[u8]; 2] = [b"de;q=0.5", b"en;q=0.9"];
        assert_eq!(negotiate_headers(headers, &published), Lang::En);
        // Equal qualities: the first header's entry first.
        let headers: [&[u8]; 2] = [b"de", b"en"];
        assert_eq!(negotiate_headers(headers, &published), Lang::De);
        // A value that is not UTF-8 says nothing; the others still do.
        let headers: [&[u8]; 2] = [b"en\xff\xfe", b"de;q=0.1"];
        assert_eq!(negotiate_headers(headers, &published), Lang::De);
        assert_eq!(negotiate_headers([], &published), Lang::Fr);
    }

    #[test]
    fn what_does_not_parse_is_skipped_and_never_panics() {
        let published = [Lang::It, Lang::Es];
        for header in [
            "",
            ",,,,",
            ";;;",
            "q=1",
            ";q=1",
            "es;q=",
            "es;q=abc",
            "es;q=0.5.5",
            "e",
            "-",
            "es-",
            "\u{0}\u{ffff}",
            "é;q=1",
            "es;q=1;q=0",
        ] {
            let lang = Lang::negotiate(header, &published);
            assert!(published.contains(&lang), "{header:?}");
        }
        assert_eq!(Lang::negotiate("xx, es;q=0.5", &published), Lang::Es);
        assert_eq!(Lang::negotiate("es;q=abc, it;q=0.1", &published), Lang::It);
        assert_eq!(Lang::negotiate("es-", &published), Lang::Es);
        assert_eq!(Lang::negotiate("de", &[]), Lang::Fr);
        // A header of the size servers accept, every entry malformed.
        let long = "x;q=9,".repeat(50_000);
        assert_eq!(Lang::negotiate(&long, ALL), Lang::Bg);
    }
}

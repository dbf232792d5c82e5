use std::borrow::Cow;

use cookie::CookieJar;

pub use crate::header::Lookup;
use crate::header::{self, Segment};

/// The cookies a request carries, as the consent logic and the audit read
/// them: from its raw `Cookie` header, from several of them (HTTP/2 may
/// split the header), or from a [`CookieJar`] a framework already parsed.
///
/// Functions that take `impl Into<RequestCookies>` accept a `&str` or
/// `&[u8]` header or a `&CookieJar` directly.
///
/// A request may carry anything, so headers are read as bytes and nothing
/// here fails or panics. A pair that cannot be read (bytes that are not
/// ASCII, a control byte, a name that is not a token) is lost alone: the
/// pairs around it are read as usual, and [`invalid`](RequestCookies::invalid)
/// lists it for the audit. A name carried twice with two different values
/// reads as absent from [`get`](RequestCookies::get): one of them may have
/// been planted (see [`lookup`](RequestCookies::lookup)). From a
/// [`CookieJar`] this cannot be seen (a jar holds one cookie per name, the
/// one its framework kept): read the headers where it matters.
///
/// Every reader is one pass over the header, in time linear in its length
/// whatever it holds, and allocates nothing;
/// [`from_headers`](RequestCookies::from_headers) alone copies its
/// headers, once, into one.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::consent::{Lookup, RequestCookies};
///
/// let cookies = RequestCookies::from("theme=dark; sid=abc; x=\u{e9}; b\u{e9}=1; sid=abc");
/// assert_eq!(cookies.get("sid"), Some("abc"));
/// assert_eq!(cookies.iter().count(), 3);
/// assert_eq!(cookies.invalid().count(), 2);
///
/// let planted = RequestCookies::from("sid=forged; sid=abc");
/// assert_eq!(planted.get("sid"), None);
/// assert_eq!(planted.lookup("sid"), Lookup::Ambiguous);
///
/// let split = RequestCookies::from_headers(["a=1", "b=2"]);
/// assert_eq!(split.get("b"), Some("2"));
/// ```
#[derive(Clone, Debug)]
pub struct RequestCookies<'a> {
    source: Source<'a>,
}

#[derive(Clone, Debug)]
enum Source<'a> {
    Header(Cow<'a, [u8]>),
    Jar(&'a CookieJar),
    /// What a pass over a header already found under one name (the
    /// consent cookie's, for [`ConsentLayer`](crate::axum::ConsentLayer)):
    /// the rest of the header is not read again.
    Found(&'a str, Lookup<'a>),
}

impl<'a> RequestCookies<'a> {
    /// The cookies of several `Cookie` headers, read as one (RFC 9113
    /// §8.2.3: HTTP/2 may send one header per cookie): `&str`s, byte
    /// slices or `http::HeaderValue`s.
    ///
    /// One header is borrowed; several are copied into one buffer, their
    /// lengths and two bytes between each: memory linear in the headers.
    pub fn from_headers<I, H>(headers: I) -> RequestCookies<'a>
    where
        I: IntoIterator<Item = &'a H>,
        H: AsRef<[u8]> + ?Sized + 'a,
    {
        let mut headers = headers.into_iter();
        let first = headers.next().map_or(&[][..], AsRef::as_ref);
        let Some(second) = headers.next() else {
            return RequestCookies::from(first);
        };
        let mut joined = Vec::with_capacity(first.len() + second.as_ref().len() + 2);
        joined.extend_from_slice(first);
        for header in core::iter::once(second).chain(headers) {
            joined.extend_from_slice(b"; ");
            joined.extend_from_slice(header.as_ref());
        }
        RequestCookies {
            source: Source::Header(Cow::Owned(joined)),
        }
    }

    /// The cookies of a header of which only `name` will be asked about,
    /// and which a pass over the header found to hold `found` under it.
    #[cfg_attr(
        not(any(
            feature = "axum",
            feature = "rocket",
            feature = "actix",
            feature = "poem"
        )),
        allow(dead_code)
    )]
    pub(crate) fn found(name: &'a str, found: Lookup<'a>) -> RequestCookies<'a> {
        RequestCookies {
            source: Source::Found(name, found),
        }
    }

    /// Every readable cookie as `(name, raw value)`, in the order the
    /// request sends them. A pair without `=` is a cookie with an empty
    /// name, as browsers store it; quotes around a value are dropped (RFC
    /// 6265 §4.1.1).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.segments().filter_map(|segment| match segment {
            Segment::Pair(name, value) => Some((name, value)),
            Segment::Invalid { .. } => None,
        })
    }

    /// Every pair that cannot be read, as the request sent it (trimmed of
    /// white space): not ASCII, a control byte, a name that is not a
    /// token. The audit reports each one.
    pub fn invalid(&self) -> impl Iterator<Item = &[u8]> {
        self.segments().filter_map(|segment| match segment {
            Segment::Invalid { raw, .. } => Some(raw),
            Segment::Pair(..) => None,
        })
    }

    /// Every pair, readable or not, in the order the request sends them:
    /// those of the header, or a jar's cookies.
    pub(crate) fn segments(&self) -> impl Iterator<Item = Segment<'_>> {
        let (header, jar) = self.parts();
        let from_jar = jar
            .into_iter()
            .flat_map(CookieJar::iter)
            .map(|cookie| Segment::Pair(cookie.name(), cookie.value()));
        let found = match self.source {
            Source::Found(name, Lookup::One(value)) => Some(Segment::Pair(name, value)),
            _ => None,
        };
        header
            .into_iter()
            .flat_map(header::segments)
            .chain(from_jar)
            .chain(found)
    }

    /// Calls `each` with every pair, as [`segments`](RequestCookies::segments)
    /// gives them, read by one loop over the header (the request audit's
    /// pass).
    pub(crate) fn for_each_segment<'s>(&'s self, mut each: impl FnMut(Segment<'s>)) {
        match &self.source {
            Source::Header(header) => header::for_each_segment(header, each),
            Source::Jar(jar) => {
                for cookie in jar.iter() {
                    each(Segment::Pair(cookie.name(), cookie.value()));
                }
            }
            Source::Found(name, Lookup::One(value)) => each(Segment::Pair(name, value)),
            Source::Found(..) => {}
        }
    }

    /// Every name the request carries a cookie under, readable value or
    /// not: what a removal may target.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.segments().filter_map(|segment| match segment {
            Segment::Pair(name, _) => Some(name),
            Segment::Invalid { name, .. } => name,
        })
    }

    /// The raw value of the cookie named `name`, when the request carries
    /// exactly one value for it; `None` when it carries none, or two
    /// different ones (see [`Lookup::Ambiguous`]). Never the "first" of
    /// two: browsers send the cookie with the longer `Path` first, and a
    /// planted cookie can be given the longer `Path`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.lookup(name).value()
    }

    /// The value of the declared `cookie`, decoded as
    /// [`DeclaredCookie::cookie`](crate::DeclaredCookie::cookie) encoded
    /// it: `None` when the request carries none, two different ones (as
    /// [`get`](RequestCookies::get)), an empty one, or one that does not
    /// decode. A request may carry anything; it reads as absent, never as
    /// a panic.
    pub fn value(&self, cookie: &crate::DeclaredCookie) -> Option<Cow<'_, str>> {
        let raw = self.get(cookie.name())?;
        crate::value::decode_value(raw)
            .ok()
            .filter(|value| !value.is_empty())
    }

    /// What the request carries under `name`: nothing, one value, or
    /// several different ones. One pass over the header, stopping at a
    /// second value: time linear in the header's length, whatever it
    /// holds.
    pub fn lookup(&self, name: &str) -> Lookup<'_> {
        match &self.source {
            Source::Header(header) => header::lookup(header, name),
            // A jar holds one cookie per name.
            Source::Jar(jar) => jar
                .get(name)
                .map_or(Lookup::Absent, |cookie| Lookup::One(cookie.value())),
            Source::Found(seen, found) if *seen == name => *found,
            Source::Found(..) => Lookup::Absent,
        }
    }

    fn parts(&self) -> (Option<&[u8]>, Option<&CookieJar>) {
        match &self.source {
            Source::Header(header) => (Some(header.as_ref()), None),
            Source::Jar(jar) => (None, Some(*jar)),
            Source::Found(..) => (None, None),
        }
    }
}

impl<'a> From<&'a str> for RequestCookies<'a> {
    fn from(header: &'a str) -> Self {
        RequestCookies::from(header.as_bytes())
    }
}

impl<'a> From<&'a [u8]> for RequestCookies<'a> {
    fn from(header: &'a [u8]) -> Self {
        RequestCookies {
            source: Source::Header(Cow::Borrowed(header)),
        }
    }
}

impl<'a> From<&'a String> for RequestCookies<'a> {
    fn from(header: &'a String) -> Self {
        RequestCookies::from(header.as_str())
    }
}

impl<'a> From<&'a CookieJar> for RequestCookies<'a> {
    fn from(jar: &'a CookieJar) -> Self {
        RequestCookies {
            source: Source::Jar(jar),
        }
    }
}

impl<'a, 'b> From<&'b RequestCookies<'a>> for RequestCookies<'b> {
    fn from(cookies: &'b RequestCookies<'a>) -> Self {
        RequestCookies {
            source: match &cookies.source {
                Source::Header(header) => Source::Header(Cow::Borrowed(header.as_ref())),
                Source::Jar(jar) => Source::Jar(jar),
                Source::Found(name, found) => Source::Found(name, *found),
            },
        }
    }
}

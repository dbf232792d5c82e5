use std::borrow::Cow;

use cookie::CookieJar;

/// The cookies a request carries, as the consent logic and the audit read
/// them: from its raw `Cookie` header, from several of them (HTTP/2 may
/// split the header), or from a [`CookieJar`] a framework already parsed.
///
/// Functions that take `impl Into<RequestCookies>` accept a `&str` header or
/// a `&CookieJar` directly. Nothing here fails or panics: a request may
/// carry anything, and what cannot be read is simply not there.
///
/// ```
/// use cookie_decl::consent::RequestCookies;
///
/// let cookies = RequestCookies::from("theme=dark; sid=abc; =odd; sid=second");
/// assert_eq!(cookies.get("sid"), Some("abc"));
/// assert_eq!(cookies.iter().count(), 4);
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
    Header(Cow<'a, str>),
    Jar(&'a CookieJar),
}

impl<'a> RequestCookies<'a> {
    /// The cookies of several `Cookie` headers, read as one (RFC 9113
    /// §8.2.3: HTTP/2 may send one header per cookie).
    pub fn from_headers<I>(headers: I) -> RequestCookies<'a>
    where
        I: IntoIterator<Item = &'a str>,
    {
        let mut headers = headers.into_iter();
        let first = headers.next().unwrap_or("");
        let Some(second) = headers.next() else {
            return RequestCookies::from(first);
        };
        let mut joined = format!("{first}; {second}");
        for header in headers {
            joined.push_str("; ");
            joined.push_str(header);
        }
        RequestCookies {
            source: Source::Header(Cow::Owned(joined)),
        }
    }

    /// Every cookie as `(name, raw value)`, in the order the request sends
    /// them. A pair without `=` is a cookie with an empty name, as browsers
    /// store it; quotes around a value are dropped (RFC 6265 §4.1.1).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        let (header, jar) = match &self.source {
            Source::Header(header) => (Some(header.as_ref()), None),
            Source::Jar(jar) => (None, Some(*jar)),
        };
        let from_header = header
            .into_iter()
            .flat_map(|header| header.split(';'))
            .filter_map(split_pair);
        let from_jar = jar
            .into_iter()
            .flat_map(CookieJar::iter)
            .map(|cookie| (cookie.name(), cookie.value()));
        from_header.chain(from_jar)
    }

    /// The raw value of the first cookie named `name`: browsers send the
    /// one with the most specific path first (RFC 6265bis §5.8.3).
    pub fn get(&self, name: &str) -> Option<&str> {
        match &self.source {
            // The header reader of `DeclaredCookie::read_header`, which
            // matches the name before it looks for `=`.
            Source::Header(header) if !name.is_empty() => {
                crate::value::find_in_header(header, name)
            }
            _ => self
                .iter()
                .find(|(found, _)| *found == name)
                .map(|(_, value)| value),
        }
    }
}

/// `name=value` trimmed of optional white space, or `("", value)` for a
/// pair without `=`; `None` for an empty segment.
fn split_pair(pair: &str) -> Option<(&str, &str)> {
    let pair = pair.trim_matches(is_ows);
    if pair.is_empty() {
        return None;
    }
    let (name, value) = match pair.split_once('=') {
        Some((name, value)) => (name.trim_matches(is_ows), value.trim_matches(is_ows)),
        None => ("", pair),
    };
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value);
    Some((name, value))
}

fn is_ows(c: char) -> bool {
    c == ' ' || c == '\t'
}

impl<'a> From<&'a str> for RequestCookies<'a> {
    fn from(header: &'a str) -> Self {
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
            },
        }
    }
}

//! The `Cookie` request header read as bytes, the way an attacker writes
//! it: any byte, any pair repeated. One pair that cannot be read is lost
//! alone, never the header around it, and a name carried twice with two
//! values is reported as such, never settled by taking one of them.

/// One `;`-separated segment of a `Cookie` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Segment<'a> {
    /// A readable pair: `name` is a token (RFC 9110 §5.6.2), or empty for
    /// a pair without `=` (browsers store those as a nameless cookie);
    /// `value` is visible ASCII, inner spaces allowed, its surrounding
    /// quotes dropped (RFC 6265 §4.1.1).
    Pair(&'a str, &'a str),
    /// A pair that is not: bytes that are not ASCII, control bytes, a name
    /// that is not a token. `name` is its name when that alone is readable
    /// (a removal can still target it).
    Invalid {
        /// The segment, trimmed of optional white space.
        raw: &'a [u8],
        /// Its name, when the name is a token and only the value is not.
        name: Option<&'a str>,
    },
}

/// What a request carries under one name, read by
/// [`RequestCookies::lookup`](crate::consent::RequestCookies::lookup).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Lookup<'a> {
    /// No readable cookie of that name.
    Absent,
    /// One value (sent once, or several times alike).
    One(&'a str),
    /// Two or more different values. A browser holds two cookies of one
    /// name when they differ in `Path` or `Domain`, which is also how a
    /// script, or a sibling subdomain, plants a second one beside the real
    /// one: no value is the visitor's for sure.
    Ambiguous,
}

impl<'a> Lookup<'a> {
    /// The value when there is exactly one.
    pub fn value(self) -> Option<&'a str> {
        match self {
            Lookup::One(value) => Some(value),
            Lookup::Absent | Lookup::Ambiguous => None,
        }
    }
}

/// Every segment of `header`, empty ones left out.
pub(crate) fn segments(header: &[u8]) -> impl Iterator<Item = Segment<'_>> {
    header.split(|&b| b == b';').filter_map(segment)
}

fn segment(raw: &[u8]) -> Option<Segment<'_>> {
    let raw = trim_ows(raw);
    if raw.is_empty() {
        return None;
    }
    let (name, value) = match raw.iter().position(|&b| b == b'=') {
        Some(eq) => (trim_ows(&raw[..eq]), trim_ows(&raw[eq + 1..])),
        None => (&raw[..0], raw),
    };
    // An empty name (`=value`, or a pair without `=`) is the nameless
    // cookie browsers store for `document.cookie = "value"`.
    let name_ok = name.iter().all(|&b| is_token(b));
    let name = if name_ok { as_str(name) } else { None };
    let value = unquote(value);
    match (name, value.iter().all(|&b| is_value_byte(b))) {
        (Some(name), true) => Some(Segment::Pair(name, as_str(value).unwrap_or(""))),
        (name, _) => Some(Segment::Invalid {
            raw,
            name: name.filter(|name| !name.is_empty()),
        }),
    }
}

/// The value of `name` in `header`, as [`Lookup`] says. Only readable
/// pairs count: a pair of bytes no application wrote is no value.
pub(crate) fn lookup<'a>(header: &'a [u8], name: &str) -> Lookup<'a> {
    let name = name.as_bytes();
    let Some(&first) = name.first() else {
        // The nameless cookie: pairs without `=`.
        let mut found = Lookup::Absent;
        for segment in segments(header) {
            if let Segment::Pair("", value) = segment {
                found = merge(found, value);
            }
        }
        return found;
    };
    let mut found = Lookup::Absent;
    for raw in header.split(|&b| b == b';') {
        let raw = trim_ows_start(raw);
        // The first byte alone turns most pairs away, without a call to
        // `memcmp`.
        if raw.first() != Some(&first) || !raw.starts_with(name) {
            continue;
        }
        let rest = trim_ows_start(&raw[name.len()..]);
        let Some(value) = rest.strip_prefix(b"=") else {
            continue;
        };
        let value = unquote(trim_ows(value));
        if !value.iter().all(|&b| is_value_byte(b)) {
            continue;
        }
        // Visible ASCII: UTF-8 already.
        let Some(value) = as_str(value) else { continue };
        found = merge(found, value);
        if found == Lookup::Ambiguous {
            break;
        }
    }
    found
}

fn merge<'a>(found: Lookup<'a>, value: &'a str) -> Lookup<'a> {
    match found {
        Lookup::Absent => Lookup::One(value),
        Lookup::One(seen) if seen == value => found,
        _ => Lookup::Ambiguous,
    }
}

/// RFC 9110 §5.6.2 `tchar`.
const fn is_token(b: u8) -> bool {
    matches!(b,
        b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_'
        | b'`' | b'|' | b'~' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z')
}

/// A byte a cookie value may carry as browsers send it: visible ASCII and
/// inner spaces and tabs (RFC 6265's `cookie-octet`s, and the `"`, `,`,
/// `\` and space that browsers let scripts store). No control byte, no
/// DEL, nothing outside ASCII.
const fn is_value_byte(b: u8) -> bool {
    matches!(b, b' '..=b'~' | b'\t')
}

fn is_ows(b: &u8) -> bool {
    *b == b' ' || *b == b'\t'
}

fn trim_ows(bytes: &[u8]) -> &[u8] {
    let bytes = trim_ows_start(bytes);
    let end = bytes.iter().rposition(|b| !is_ows(b)).map_or(0, |i| i + 1);
    &bytes[..end]
}

fn trim_ows_start(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !is_ows(b)).unwrap_or(bytes.len());
    &bytes[start..]
}

fn unquote(value: &[u8]) -> &[u8] {
    match value {
        [b'"', inner @ .., b'"'] => inner,
        _ => value,
    }
}

fn as_str(bytes: &[u8]) -> Option<&str> {
    core::str::from_utf8(bytes).ok()
}

/// Bytes for a log line: at most 80 characters, non-ASCII and control
/// bytes escaped, so that a hostile header cannot forge log lines.
pub(crate) fn escape_for_log(bytes: &[u8]) -> String {
    let mut out = String::from("`");
    for &b in bytes.iter().take(80) {
        out.extend(core::ascii::escape_default(b).map(char::from));
    }
    if bytes.len() > 80 {
        out.push('…');
    }
    out.push('`');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_unreadable_pair_is_lost_alone() {
        let header =
            "a=1; x=\u{e9}; b=\"2\"; =odd; lone; c=\x01; d=\u{7f}; \u{e9}t\u{e9}=3; e = 4 ";
        let found: Vec<Segment> = segments(header.as_bytes()).collect();
        assert_eq!(
            found,
            [
                Segment::Pair("a", "1"),
                Segment::Invalid {
                    raw: "x=\u{e9}".as_bytes(),
                    name: Some("x")
                },
                Segment::Pair("b", "2"),
                Segment::Pair("", "odd"),
                Segment::Pair("", "lone"),
                Segment::Invalid {
                    raw: b"c=\x01",
                    name: Some("c")
                },
                Segment::Invalid {
                    raw: b"d=\x7f",
                    name: Some("d")
                },
                Segment::Invalid {
                    raw: "\u{e9}t\u{e9}=3".as_bytes(),
                    name: None
                },
                Segment::Pair("e", "4"),
            ]
        );
        let bytes = b"a=1; b=\xff\xfe; c=3";
        assert_eq!(segments(bytes).count(), 3);
        assert_eq!(lookup(bytes, "c"), Lookup::One("3"));
        assert_eq!(lookup(bytes, "b"), Lookup::Absent);
    }

    #[test]
    fn a_name_with_two_values_is_ambiguous() {
        assert_eq!(lookup(b"a=1; a=1", "a"), Lookup::One("1"));
        assert_eq!(lookup(b"a=1; a=2", "a"), Lookup::Ambiguous);
        assert_eq!(lookup(b"a=1; ab=2; a =\"1\"", "a"), Lookup::One("1"));
        assert_eq!(lookup(b"a=1; a=\xff", "a"), Lookup::One("1"));
        assert_eq!(lookup(b"x; y", ""), Lookup::Ambiguous);
        assert_eq!(lookup(b"x; a=1", ""), Lookup::One("x"));
        assert_eq!(lookup(b"", "a"), Lookup::Absent);
    }

    #[test]
    fn log_lines_are_escaped() {
        assert_eq!(escape_for_log(b"a\nb\xff"), "`a\\nb\\xff`");
        assert!(escape_for_log(&[b'a'; 100]).ends_with("…`"));
    }
}

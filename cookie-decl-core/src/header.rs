//! The `Cookie` request header read as bytes, the way an attacker writes
//! it: any byte, any pair repeated. One pair that cannot be read is lost
//! alone, never the header around it, and a name carried twice with two
//! values is reported as such, never settled by taking one of them.
//!
//! Every reader here is one pass over the header: time linear in its
//! length, whatever it holds (a header of the 400 kB a server accepts,
//! one pair repeated or 40,000 names), and nothing allocated.

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

/// Every segment of `header`, empty ones left out: one pass, time linear
/// in the header's length.
///
/// A header that is UTF-8 (nearly all are: ASCII) is checked once, then
/// split with `str::split`, which finds each `;` with `memchr`; one that is
/// not is split byte by byte, and each segment checked alone.
pub(crate) fn segments(header: &[u8]) -> Segments<'_> {
    Segments(match core::str::from_utf8(header) {
        Ok(text) => Split::Text(Some(text)),
        Err(_) => Split::Bytes(header.split(is_semicolon)),
    })
}

/// The iterator of [`segments`].
pub(crate) struct Segments<'a>(Split<'a>);

enum Split<'a> {
    /// What is left of a header that is text.
    Text(Option<&'a str>),
    Bytes(core::slice::Split<'a, u8, fn(&u8) -> bool>),
}

impl<'a> Iterator for Segments<'a> {
    type Item = Segment<'a>;

    fn next(&mut self) -> Option<Segment<'a>> {
        loop {
            let found = match &mut self.0 {
                Split::Text(rest) => {
                    let text = (*rest)?;
                    let (found, next) = text_segment(text);
                    *rest = next;
                    found
                }
                Split::Bytes(split) => {
                    let raw = split.next()?;
                    match core::str::from_utf8(raw) {
                        Ok(text) => segment(text),
                        Err(_) => invalid(trim_ows(raw)),
                    }
                }
            };
            if found.is_some() {
                return found;
            }
        }
    }
}

/// Calls `each` with every segment of `header`, in order: what
/// [`segments`] gives, read by one loop instead of an iterator that
/// carries its place between calls, for the request audit's pass over
/// every pair. The pairs that are `name=value`, a token and plain value
/// bytes (nearly all) are read as [`text_segment`] reads them, the value
/// eight bytes at a time to its last byte; any other goes to
/// [`segment`].
pub(crate) fn for_each_segment<'a>(header: &'a [u8], mut each: impl FnMut(Segment<'a>)) {
    let Ok(text) = core::str::from_utf8(header) else {
        segments(header).for_each(each);
        return;
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Written as `position` over the rest, which compiles to one
        // pointer stepping through the bytes (an index loop kept four).
        let start = at
            + bytes[at..]
                .iter()
                .position(|b| !is_ows(b))
                .unwrap_or(bytes.len() - at);
        let name_end = start
            + bytes[start..]
                .iter()
                .position(|&b| !is_token(b))
                .unwrap_or(bytes.len() - start);
        if name_end > start && bytes.get(name_end) == Some(&b'=') {
            let end = plain_value_end_padded(bytes, name_end + 1);
            if end == bytes.len() {
                each(Segment::Pair(&text[start..name_end], &text[name_end + 1..]));
                return;
            }
            if bytes[end] == b';' {
                each(Segment::Pair(
                    &text[start..name_end],
                    &text[name_end + 1..end],
                ));
                at = end + 1;
                continue;
            }
        } else if name_end == start && matches!(bytes.get(start), None | Some(b';')) {
            // An empty segment: nothing before its `;` but white space.
            at = start + 1;
            continue;
        }
        match find_semicolon(bytes, name_end) {
            Some(semi) => {
                if let Some(found) = segment(&text[at..semi]) {
                    each(found);
                }
                at = semi + 1;
            }
            None => {
                if let Some(found) = segment(&text[at..]) {
                    each(found);
                }
                return;
            }
        }
    }
}

/// [`plain_value_end`], the bytes after the last whole word read as one
/// more word, padded with zeros (which end a run as any byte under `!`
/// does): no byte-by-byte tail.
#[inline]
fn plain_value_end_padded(bytes: &[u8], at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let stop = |x: u64| {
        let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
        (x & HIGH)
            | zero(x ^ (ONES * u64::from(b';')))
            | zero(x ^ (ONES * u64::from(b'"')))
            | (x.wrapping_sub(ONES * 0x21) & !x & HIGH)
            | (x.wrapping_add(ONES) & HIGH)
    };
    let mut at = at;
    while at + 8 <= bytes.len() {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        let found = stop(u64::from_le_bytes(word));
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let rest = &bytes[at.min(bytes.len())..];
    let mut word = [0; 8];
    word[..rest.len()].copy_from_slice(rest);
    // A zero byte always stops the run, so `found` is never 0.
    let found = stop(u64::from_le_bytes(word));
    (at + (found.trailing_zeros() / 8) as usize).min(bytes.len())
}

/// The first segment of `text` (`None` for an empty one) and what follows
/// its `;`, if anything does.
///
/// Nearly every pair a browser sends is `name=value`, a token and plain
/// value bytes, nothing around them: such a pair is read in one pass over
/// its bytes, a table lookup per byte of the name and eight bytes at a
/// time of the value, and ends at the `;` that stopped it. Anything else
/// (white space, quotes, a pair without `=`, a byte no value may carry) is
/// cut at its `;` and read by [`segment`], which the fast path agrees
/// with on every pair it takes.
#[inline]
fn text_segment(text: &str) -> (Option<Segment<'_>>, Option<&str>) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() && is_ows(&bytes[at]) {
        at += 1;
    }
    let start = at;
    while at < bytes.len() && is_token(bytes[at]) {
        at += 1;
    }
    let name_end = at;
    if name_end > start && bytes.get(name_end) == Some(&b'=') {
        let end = plain_value_end(bytes, name_end + 1);
        match bytes.get(end) {
            None => {
                return (
                    Some(Segment::Pair(&text[start..name_end], &text[name_end + 1..])),
                    None,
                );
            }
            Some(b';') => {
                return (
                    Some(Segment::Pair(
                        &text[start..name_end],
                        &text[name_end + 1..end],
                    )),
                    Some(&text[end + 1..]),
                );
            }
            Some(_) => {}
        }
    } else if name_end == start && matches!(bytes.get(start), None | Some(b';')) {
        // An empty segment: nothing before its `;` but white space.
        return (None, (start < bytes.len()).then(|| &text[start + 1..]));
    }
    match find_semicolon(bytes, name_end) {
        Some(semi) => (segment(&text[..semi]), Some(&text[semi + 1..])),
        None => (segment(text), None),
    }
}

/// Where the run of plain value bytes from `at` ends: the first byte that
/// is not `%x21-7E`, or is `;` or `"`. Eight bytes at a time: in each word,
/// the lowest byte flagged by any of the tests below is exactly the first
/// such byte (a test's borrow or carry only ever flags bytes above a byte
/// it rightly flags).
#[inline]
fn plain_value_end(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while at + 8 <= bytes.len() {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        let x = u64::from_le_bytes(word);
        let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
        let stop = (x & HIGH)
            | zero(x ^ (ONES * u64::from(b';')))
            | zero(x ^ (ONES * u64::from(b'"')))
            // Below `!`: the high bit of `x - 0x21` where `x` had none.
            | (x.wrapping_sub(ONES * 0x21) & !x & HIGH)
            // DEL: `x + 1` reaches `0x80`.
            | (x.wrapping_add(ONES) & HIGH);
        if stop != 0 {
            return at + (stop.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < bytes.len() && is_plain_value_byte(bytes[at]) {
        at += 1;
    }
    at
}

/// A byte [`plain_value_end`] runs over.
fn is_plain_value_byte(b: u8) -> bool {
    (0x21..=0x7E).contains(&b) && b != b';' && b != b'"'
}

/// The first `;` of `bytes` from `at`, eight bytes at a time.
#[inline]
fn find_semicolon(bytes: &[u8], mut at: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while at + 8 <= bytes.len() {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        let v = u64::from_le_bytes(word) ^ (ONES * u64::from(b';'));
        let found = v.wrapping_sub(ONES) & !v & HIGH;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes[at..].iter().position(|&b| b == b';').map(|i| at + i)
}

fn is_semicolon(b: &u8) -> bool {
    *b == b';'
}

/// A segment that is not UTF-8: its name when that alone is a token.
fn invalid(raw: &[u8]) -> Option<Segment<'_>> {
    if raw.is_empty() {
        return None;
    }
    let name = raw
        .iter()
        .position(|&b| b == b'=')
        .map(|eq| trim_ows(&raw[..eq]))
        .filter(|name| !name.is_empty() && name.iter().all(|&b| is_token(b)))
        .and_then(as_str);
    Some(Segment::Invalid { raw, name })
}

/// One segment of a header that is UTF-8. Every offset it cuts at is next
/// to an ASCII byte (`=`, a space, a tab, a quote), so every slice is
/// valid text.
fn segment(raw: &str) -> Option<Segment<'_>> {
    let raw = trim_ows_str(raw);
    if raw.is_empty() {
        return None;
    }
    let (name, value) = match raw.bytes().position(|b| b == b'=') {
        Some(eq) => (trim_ows_str(&raw[..eq]), trim_ows_str(&raw[eq + 1..])),
        None => ("", raw),
    };
    let value = unquote_str(value);
    // An empty name (`=value`, or a pair without `=`) is the nameless
    // cookie browsers store for `document.cookie = "value"`.
    let name_ok = name.bytes().all(is_token);
    if name_ok && all_value_bytes(value.as_bytes()) {
        Some(Segment::Pair(name, value))
    } else {
        Some(Segment::Invalid {
            raw: raw.as_bytes(),
            name: (name_ok && !name.is_empty()).then_some(name),
        })
    }
}

/// The value of `name` in `header`, as [`Lookup`] says. Only readable
/// pairs count: a pair of bytes no application wrote is no value.
///
/// One pass, time linear in the header's length, stopping at the second
/// value; the first value found is kept (a slice of the header), not
/// every one.
pub(crate) fn lookup<'a>(header: &'a [u8], name: &str) -> Lookup<'a> {
    if name.is_empty() {
        // The nameless cookie: pairs without `=`, or with nothing before it.
        let mut found = Lookup::Absent;
        for segment in segments(header) {
            if let Segment::Pair("", value) = segment {
                found = merge(found, value);
            }
        }
        return found;
    }
    let Ok(text) = core::str::from_utf8(header) else {
        // Rare: only the segments that are text can hold the value.
        let mut found = Lookup::Absent;
        for segment in segments(header) {
            if let Segment::Pair(seen, value) = segment {
                if seen == name {
                    found = merge(found, value);
                }
            }
        }
        return found;
    };
    // Each pair's start, from one `;` to the next (eight bytes at a time):
    // one that is the name followed by `=` holds a value. A name is a
    // token, so it never straddles a `;`. No substring searcher is set up,
    // which for a short name cost more than the search.
    let bytes = text.as_bytes();
    let mut found = Lookup::Absent;
    let mut at = 0;
    loop {
        while at < bytes.len() && is_ows(&bytes[at]) {
            at += 1;
        }
        let next = find_semicolon(bytes, at);
        let end = next.unwrap_or(bytes.len());
        if let Some(value) = bytes[at..end]
            .strip_prefix(name.as_bytes())
            .map(|rest| {
                let ows = rest.iter().take_while(|b| is_ows(b)).count();
                &rest[ows..]
            })
            .and_then(|rest| rest.strip_prefix(b"="))
        {
            // The value runs to `end`, after the name and the `=`.
            let value = &text[end - value.len()..end];
            let value = unquote_str(trim_ows_str(value));
            if all_value_bytes(value.as_bytes()) {
                found = merge(found, value);
                if found == Lookup::Ambiguous {
                    break;
                }
            }
        }
        match next {
            Some(semi) => at = semi + 1,
            None => break,
        }
    }
    found
}

/// What a name holds once `value` comes after `found`: one comparison
/// with the one value kept, whatever came before.
pub(crate) fn merge<'a>(found: Lookup<'a>, value: &'a str) -> Lookup<'a> {
    match found {
        Lookup::Absent => Lookup::One(value),
        Lookup::One(seen) if seen == value => found,
        _ => Lookup::Ambiguous,
    }
}

/// RFC 9110 §5.6.2 `tchar`, looked up in a table: as a `match`, the
/// compiler made a jump table of it, which cost half of reading a pair.
fn is_token(b: u8) -> bool {
    TOKEN[usize::from(b)]
}

const TOKEN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8,
            b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_'
            | b'`' | b'|' | b'~' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z');
        b += 1;
    }
    table
};

/// Whether every byte is one a cookie value may carry as browsers send
/// it: visible ASCII and inner spaces and tabs (RFC 6265's
/// `cookie-octet`s, and the `"`, `,`, `\` and space that browsers let
/// scripts store). No control byte, no DEL, nothing outside ASCII.
///
/// Written as a fold without an early exit, so that the compiler checks
/// 16 or 32 bytes at a time: values are short, and nearly all valid.
fn all_value_bytes(bytes: &[u8]) -> bool {
    bytes.iter().fold(true, |ok, &b| {
        ok & ((b.wrapping_sub(b' ') < 0x5F) | (b == b'\t'))
    })
}

fn is_ows(b: &u8) -> bool {
    *b == b' ' || *b == b'\t'
}

fn trim_ows(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !is_ows(b)).unwrap_or(bytes.len());
    let bytes = &bytes[start..];
    let end = bytes.iter().rposition(|b| !is_ows(b)).map_or(0, |i| i + 1);
    &bytes[..end]
}

fn trim_ows_str(text: &str) -> &str {
    let bytes = text.as_bytes();
    let start = bytes.iter().position(|b| !is_ows(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !is_ows(b))
        .map_or(start, |i| i + 1);
    // Both cuts are next to an ASCII byte, or at an end.
    &text[start..end.max(start)]
}

fn unquote_str(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value)
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

/// The `Set-Cookie` line of `cookie`: byte for byte `cookie.to_string()`
/// (the `cookie` crate's `Display`: the name, `=`, the value, then
/// `HttpOnly`, `SameSite`, `Partitioned`, `Secure`, `Path`, `Domain`,
/// `Max-Age` and `Expires` in that order, `Secure` also for a partitioned
/// cookie or a `SameSite=None` one that does not say), written into one
/// `String` of the right size instead of through `fmt::Write`, a call per
/// piece and the `String` grown four times. A cookie with an `Expires`
/// date, which takes the date's formatting, is formatted by `Display`.
pub(crate) fn set_cookie_line(cookie: &cookie::Cookie<'_>) -> String {
    use cookie::SameSite;

    if cookie.expires().is_some() {
        return cookie.to_string();
    }
    let (name, value) = (cookie.name(), cookie.value());
    let (path, domain) = (cookie.path(), cookie.domain());
    let same_site = cookie.same_site().map(|same_site| match same_site {
        SameSite::Strict => "; SameSite=Strict",
        SameSite::Lax => "; SameSite=Lax",
        SameSite::None => "; SameSite=None",
    });
    let partitioned = cookie.partitioned() == Some(true);
    let secure = cookie.secure() == Some(true)
        || partitioned
        || (cookie.secure().is_none() && cookie.same_site() == Some(SameSite::None));
    let mut digits = [0; 20];
    let max_age = cookie
        .max_age()
        .map(|max_age| decimal(max_age.whole_seconds(), &mut digits));
    let mut line = String::with_capacity(
        name.len()
            + 1
            + value.len()
            + 10
            + same_site.map_or(0, str::len)
            + 13
            + 8
            + path.map_or(0, |path| 7 + path.len())
            + domain.map_or(0, |domain| 9 + domain.len())
            + max_age.map_or(0, |digits| 10 + digits.len()),
    );
    line.push_str(name);
    line.push('=');
    line.push_str(value);
    if cookie.http_only() == Some(true) {
        line.push_str("; HttpOnly");
    }
    if let Some(same_site) = same_site {
        line.push_str(same_site);
    }
    if partitioned {
        line.push_str("; Partitioned");
    }
    if secure {
        line.push_str("; Secure");
    }
    if let Some(path) = path {
        line.push_str("; Path=");
        line.push_str(path);
    }
    if let Some(domain) = domain {
        line.push_str("; Domain=");
        line.push_str(domain);
    }
    if let Some(digits) = max_age {
        line.push_str("; Max-Age=");
        line.push_str(digits);
    }
    line
}

/// `n` in decimal, as `Display` writes an `i64`, in `buffer`.
fn decimal(n: i64, buffer: &mut [u8; 20]) -> &str {
    let mut at = buffer.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        buffer[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        at -= 1;
        buffer[at] = b'-';
    }
    core::str::from_utf8(&buffer[at..]).unwrap_or_default()
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

    /// xorshift64*: the same headers on every run.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Headers of the bytes that decide how a pair reads, in any order.
    fn headers() -> Vec<String> {
        const PIECES: [&str; 16] = [
            "a",
            "b",
            "ab",
            "=",
            ";",
            "; ",
            " ",
            "\t",
            "\"",
            "\u{1}",
            "\u{7f}",
            "\u{e9}",
            "%",
            ",",
            "abcdefgh",
            "a=12345678",
        ];
        let mut state = 0x6865_6164_6572;
        (0..200_000)
            .map(|_| {
                let len = next(&mut state) % 24;
                (0..len)
                    .map(|_| PIECES[(next(&mut state) % 16) as usize])
                    .collect()
            })
            .collect()
    }

    /// The fast paths of `segments` and `for_each_segment` read every
    /// header as `segment` reads each of its `;`-separated parts, and
    /// `lookup` finds what those segments hold.
    #[test]
    fn the_fast_paths_agree_with_segment() {
        for header in headers() {
            let expected: Vec<Segment> = header.split(';').filter_map(segment).collect();
            let found: Vec<Segment> = segments(header.as_bytes()).collect();
            assert_eq!(found, expected, "{header:?}");
            let mut each = Vec::new();
            for_each_segment(header.as_bytes(), |segment| each.push(segment));
            assert_eq!(each, expected, "{header:?}");
            for name in ["a", "b", "ab", "abcdefgh"] {
                let mut reference = Lookup::Absent;
                for segment in &expected {
                    if let Segment::Pair(seen, value) = segment {
                        if *seen == name {
                            reference = merge(reference, value);
                        }
                    }
                }
                assert_eq!(
                    lookup(header.as_bytes(), name),
                    reference,
                    "{header:?} {name}"
                );
            }
        }
    }

    #[test]
    fn log_lines_are_escaped() {
        assert_eq!(escape_for_log(b"a\nb\xff"), "`a\\nb\\xff`");
        assert!(escape_for_log(&[b'a'; 100]).ends_with("…`"));
    }
}

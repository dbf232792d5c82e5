use core::fmt;

use cookie::time::OffsetDateTime;
use cookie::{Cookie, SameSite};

use super::{Consent, Lookup, RequestCookies};
use crate::header::Segment;
use crate::{Category, CookieSpec, Registry};

/// What an audit found: one cookie that the declaration does not allow as
/// it is. `Display` gives one line a person can act on.
///
/// ```
/// # use cookie_decl::declare_cookies;
/// use cookie_decl::consent::{self, Consent};
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     necessary {
/// #         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
/// #     }
/// #     statistics {
/// #         visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
/// #     }
/// # }
/// let consent = Consent::<Cookies>::not_asked();
/// let findings = consent::audit_response(
///     ["tracker=1; Path=/", "visits=3; Max-Age=33696000; Path=/; Secure; HttpOnly; SameSite=Lax",
///      "sid=abc; Path=/app; Secure; HttpOnly; SameSite=Lax"],
///     &consent,
/// );
/// let lines: Vec<String> = findings.iter().map(ToString::to_string).collect();
/// assert_eq!(lines, [
///     "response sets cookie `tracker`, which the registry does not declare",
///     "response sets `statistics` cookie `visits` without the visitor's consent",
///     "response sets cookie `sid` with `Path=/app`, where the declaration says `Path=/`",
/// ]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Finding {
    /// A cookie that no declaration of the registry names (patterns
    /// honoured).
    Undeclared {
        /// Where it was seen.
        seen_in: SeenIn,
        /// The cookie's name (empty for a pair without `=`).
        name: String,
    },
    /// A cookie that needs consent the visitor has not given.
    WithoutConsent {
        /// Where it was seen.
        seen_in: SeenIn,
        /// The cookie's name.
        name: String,
        /// Its declared category.
        category: Category,
    },
    /// A `Set-Cookie` whose attribute differs from the declaration.
    Attribute {
        /// The cookie's name.
        name: String,
        /// What the declaration gives, as in a `Set-Cookie` (`Path=/`,
        /// `no Domain`).
        declared: String,
        /// What the response sets.
        found: String,
    },
    /// A `Set-Cookie` for a cookie declared `extern`, which another party
    /// sets and this application should not.
    SetsExternal {
        /// The cookie's name.
        name: String,
    },
    /// A `Set-Cookie` header that is not text or does not parse.
    Unparsable {
        /// The header, shortened and escaped for a log line.
        header: String,
    },
    /// A pair of the request's `Cookie` header that cannot be read (bytes
    /// that are not ASCII, a control byte, a name that is not a token):
    /// it is ignored, and the rest of the header read as usual.
    Unreadable {
        /// The pair, shortened and escaped for a log line.
        pair: String,
    },
    /// A declared cookie the request carries with two or more different
    /// values: two cookies of one name, on different `Path`s or
    /// `Domain`s, one of which may have been planted by a script or a
    /// sibling subdomain. No value of it is read. (An undeclared name
    /// carried twice is reported as undeclared, each time.)
    Ambiguous {
        /// The cookie's name.
        name: String,
    },
    /// The findings of one request or one response past the number an
    /// audit lists ([`MAX_FINDINGS`]): they are counted, not listed, so
    /// that a header of thousands of cookie names gives a bounded report.
    Omitted {
        /// Where they were seen.
        seen_in: SeenIn,
        /// How many findings were left out.
        count: usize,
    },
}

/// The most findings an audit lists for one request, or for one response:
/// the rest are counted in one [`Finding::Omitted`]. A browser sends at
/// most some 180 cookies for one site, so an honest request stays far
/// below it.
pub const MAX_FINDINGS: usize = 64;

/// Where an audited cookie was seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SeenIn {
    /// The request's `Cookie` header: what the browser holds.
    Request,
    /// A `Set-Cookie` header of the response: what the application sets.
    Response,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = |seen_in: &SeenIn| match seen_in {
            SeenIn::Request => "request carries",
            SeenIn::Response => "response sets",
        };
        match self {
            Finding::Undeclared { seen_in, name } if name.is_empty() => write!(
                f,
                "{} a cookie without a name, which the registry does not declare",
                verb(seen_in)
            ),
            Finding::Undeclared { seen_in, name } => write!(
                f,
                "{} cookie `{}`, which the registry does not declare",
                verb(seen_in),
                name.escape_debug()
            ),
            Finding::WithoutConsent {
                seen_in,
                name,
                category,
            } => write!(
                f,
                "{} `{category}` cookie `{}` without the visitor's consent",
                verb(seen_in),
                name.escape_debug()
            ),
            Finding::Attribute {
                name,
                declared,
                found,
            } => write!(
                f,
                "response sets cookie `{}` with `{}`, where the declaration says `{}`",
                name.escape_debug(),
                found.escape_debug(),
                declared.escape_debug()
            ),
            Finding::SetsExternal { name } => write!(
                f,
                "response sets cookie `{}`, declared `extern` (set by another party): declare it \
                 without `extern` if this application sets it",
                name.escape_debug()
            ),
            Finding::Unparsable { header } => {
                write!(
                    f,
                    "response has a `Set-Cookie` that does not parse: {header}"
                )
            }
            Finding::Unreadable { pair } => write!(
                f,
                "request carries a cookie that cannot be read, ignored: {pair}"
            ),
            Finding::Ambiguous { name } => write!(
                f,
                "request carries cookie `{}` several times with different values (on other \
                 paths or domains, maybe planted): none of them is read",
                name.escape_debug()
            ),
            Finding::Omitted { seen_in, count } => write!(
                f,
                "{} {count} more cookies the declaration does not allow as they are, \
                 not listed",
                verb(seen_in)
            ),
        }
    }
}

/// Audits the cookies a request carries against registry `R` and the
/// visitor's `consent`: those `R` does not declare, those that need
/// consent the visitor has not given (set by a script before the choice,
/// the violation the CNIL sanctions most, or kept after a withdrawal),
/// each pair that cannot be read ([`Finding::Unreadable`], one each: the
/// rest of the header is read as usual), and each declared cookie carried
/// with several values ([`Finding::Ambiguous`]). A request may carry anything:
/// no input makes it panic.
///
/// ```
/// # use cookie_decl::declare_cookies;
/// use cookie_decl::consent::{self, ConsentCookie};
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     necessary {
/// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
/// #                   max_age: 6 months, stores_consent: true }
/// #     }
/// #     marketing {
/// #         extern "_fbp" as FBP { provider: "Meta", service: "Pixel", purpose: "Advertising.", max_age: 3 months }
/// #     }
/// # }
/// let header = "_fbp=fb.1.17; theme=dark";
/// let consent = ConsentCookie::<Cookies>::unsigned().read(header);
/// let lines: Vec<String> = consent::audit_request(header, &consent)
///     .iter()
///     .map(ToString::to_string)
///     .collect();
/// assert_eq!(lines, [
///     "request carries `marketing` cookie `_fbp` without the visitor's consent",
///     "request carries cookie `theme`, which the registry does not declare",
/// ]);
/// ```
pub fn audit_request<'a, R: Registry>(
    cookies: impl Into<RequestCookies<'a>>,
    consent: &Consent<R>,
) -> Vec<Finding> {
    let cookies = cookies.into();
    let mut findings = Vec::new();
    audit_request_into(&cookies, consent, &mut findings);
    findings
}

/// [`audit_request`], appending what it finds.
pub(crate) fn audit_request_into<R: Registry>(
    cookies: &RequestCookies<'_>,
    consent: &Consent<R>,
    findings: &mut Vec<Finding>,
) {
    audit_request_each(cookies, consent, |found| findings.push(found.to_finding()));
}

/// A request finding, borrowed from the header: what the layer hashes to
/// tell a new finding from one it reported, before it allocates one.
#[derive(Clone, Copy, Debug, Hash)]
pub(crate) enum Found<'a> {
    Unreadable(&'a [u8]),
    Undeclared(&'a str),
    WithoutConsent(&'a str, Category),
    Ambiguous(&'a str),
}

impl Found<'_> {
    pub(crate) fn to_finding(self) -> Finding {
        match self {
            Found::Unreadable(raw) => Finding::Unreadable {
                pair: crate::header::escape_for_log(raw),
            },
            Found::Undeclared(name) => Finding::Undeclared {
                seen_in: SeenIn::Request,
                name: name.to_owned(),
            },
            Found::WithoutConsent(name, category) => Finding::WithoutConsent {
                seen_in: SeenIn::Request,
                name: name.to_owned(),
                category,
            },
            Found::Ambiguous(name) => Finding::Ambiguous {
                name: name.to_owned(),
            },
        }
    }
}

/// [`audit_request`], one pass over the header, each finding given to
/// `report` as it is found.
pub(crate) fn audit_request_each<'c, R: Registry>(
    cookies: &'c RequestCookies<'_>,
    consent: &Consent<R>,
    report: impl FnMut(Found<'c>),
) {
    audit_request_reading(cookies, "", |_| *consent, report);
}

/// [`audit_request`] and the consent read in one pass over the header:
/// what the header holds under `consent_name` goes to `read_consent`, whose
/// consent the audit then holds the cookies to. The findings reach `report`
/// in the order [`audit_request`] returns them, the header's own order, the
/// ambiguous names last. No allocation for a header of up to 64 pairs.
///
/// `consent_name` empty: nothing is looked up (`read_consent` gets
/// [`Lookup::Absent`]).
pub(crate) fn audit_request_reading<'c, R: Registry>(
    cookies: &'c RequestCookies<'_>,
    consent_name: &str,
    read_consent: impl FnOnce(Lookup<'c>) -> Consent<R>,
    mut report: impl FnMut(Found<'c>),
) -> Consent<R> {
    // What the consent decides is known after the pass: the findings, and
    // the declared cookies that need consent, wait in order.
    let mut pending: Stack<Pending<'c>, 64> = Stack::new(Pending::Needs("", Category::Necessary));
    // The declared cookies seen, to find those with several values: few
    // per request, so a short list compared in place, by declaration
    // first (a pointer), by name only for the same declaration (a
    // pattern's names share one).
    let mut declared: Stack<SeenPair<'c>, 16> = Stack::new(SeenPair {
        spec: &NO_SPEC,
        key: (0, 0),
        name: "",
        value: "",
    });
    let mut ambiguous: Stack<&str, 4> = Stack::new("");
    let consent_spec = if consent_name.is_empty() {
        None
    } else {
        R::get(consent_name)
    };
    let mut lookup = Lookup::Absent;
    cookies.for_each_segment(|segment| {
        let (name, value) = match segment {
            Segment::Pair(name, value) => (name, value),
            Segment::Invalid { raw, .. } => {
                pending.push(Pending::Found(Found::Unreadable(raw)));
                return;
            }
        };
        let Some(spec) = R::get(name) else {
            pending.push(Pending::Found(Found::Undeclared(name)));
            return;
        };
        if spec.needs_consent() {
            pending.push(Pending::Needs(name, spec.category()));
        }
        if consent_spec.is_some_and(|consent| core::ptr::eq(consent, spec)) && name == consent_name
        {
            lookup = crate::header::merge(lookup, value);
        }
        let key = name_key(name.as_bytes());
        let same_name_other_value = |seen: &SeenPair<'_>| {
            core::ptr::eq(seen.spec, spec)
                && seen.key == key
                && seen.name == name
                && seen.value != value
        };
        // Over the slice alone when nothing spilled (always, but for a
        // header of more than 16 declared cookies): a `chain` was not
        // inlined, a call per pair.
        let (first, rest) = declared.as_slices();
        let other_value = first.iter().any(same_name_other_value)
            || (!rest.is_empty() && rest.iter().any(same_name_other_value));
        if other_value {
            let (first, rest) = ambiguous.as_slices();
            if !first.iter().chain(rest).any(|seen| *seen == name) {
                ambiguous.push(name);
            }
        }
        declared.push(SeenPair {
            spec,
            key,
            name,
            value,
        });
    });
    let consent = read_consent(lookup);
    for pending in pending.iter() {
        match pending {
            Pending::Found(found) => report(found),
            Pending::Needs(name, category) => {
                if !consent.allows(category) {
                    report(Found::WithoutConsent(name, category));
                }
            }
        }
    }
    for name in ambiguous.iter() {
        report(Found::Ambiguous(name));
    }
    consent
}

/// A finding of the request pass, or a declared cookie of `category`,
/// which needs consent: a finding unless the consent read after the pass
/// allows it.
#[derive(Clone, Copy)]
enum Pending<'a> {
    Found(Found<'a>),
    Needs(&'a str, Category),
}

/// A list of up to `N` items on the stack, more on the heap.
struct Stack<T: Copy, const N: usize> {
    len: usize,
    inline: [T; N],
    spill: Vec<T>,
}

impl<T: Copy, const N: usize> Stack<T, N> {
    /// An empty list, its slots filled with `fill` (never read).
    fn new(fill: T) -> Self {
        Stack {
            len: 0,
            inline: [fill; N],
            spill: Vec::new(),
        }
    }

    fn push(&mut self, item: T) {
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = item,
            None => self.spill.push(item),
        }
        self.len += 1;
    }

    /// The items, in order: those on the stack, then those on the heap.
    fn as_slices(&self) -> (&[T], &[T]) {
        (&self.inline[..self.len.min(N)], &self.spill)
    }

    fn iter(&self) -> impl Iterator<Item = T> + '_ {
        let (first, rest) = self.as_slices();
        first.iter().chain(rest).copied()
    }
}

/// A declared cookie the request pass has seen: its declaration, its
/// name's [`name_key`], its name and value.
#[derive(Clone, Copy)]
struct SeenPair<'a> {
    spec: &'static CookieSpec,
    key: (u64, u64),
    name: &'a str,
    value: &'a str,
}

/// A key of `name` for telling names apart: its first and last eight
/// bytes, or for a shorter one its bytes and its length. Names with
/// different keys differ, so that the names a pattern matches
/// (`_ga_X3K9PQ2L7M`, `_ga_B7W2ZC4N1T`: one declaration, one length) are
/// told apart without a `memcmp` call each; equal keys are compared by
/// name.
#[inline]
fn name_key(name: &[u8]) -> (u64, u64) {
    let word = |bytes: &[u8]| bytes.try_into().map_or(0, u64::from_le_bytes);
    let len = name.len();
    if len >= 8 {
        (word(&name[..8]), word(&name[len - 8..]))
    } else {
        let short = name
            .iter()
            .rev()
            .fold(0, |word, &b| (word << 8) | u64::from(b));
        (short, len as u64)
    }
}

/// What fills the unused slots of the list of declared cookies seen.
static NO_SPEC: CookieSpec =
    crate::__private::compact("", "", "", "", 0, "", -1, 0, 0, "/", "", "");

/// Audits the `Set-Cookie` header values of a response against registry
/// `R` and the visitor's `consent` (after any choice the response records):
/// cookies `R` does not declare, cookies that need consent not given, and
/// cookies whose attributes differ from their declaration, so that a cookie
/// set by other middleware (a session layer, say) is caught.
///
/// A cookie set with the declared attributes passes; so does a removal
/// (`Max-Age=0` or an `Expires` in the past) of any declared cookie, with
/// or without consent, as long as its `Path`, `Domain`, `Secure` and
/// `Partitioned` are the declared ones, which decide whether a browser
/// deletes the cookie. A header that does not parse is a finding too. No
/// input makes it panic.
pub fn audit_response<R: Registry, I>(set_cookies: I, consent: &Consent<R>) -> Vec<Finding>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let mut findings = Vec::new();
    for header in set_cookies {
        let header = header.as_ref();
        // A line the declaration wrote passes: known by comparing it with
        // the precomputed line, without parsing it.
        if !passes_as_declared(header.as_bytes(), consent) {
            audit_set_cookie(header, consent, &mut findings);
        }
    }
    findings
}

/// Whether the `Set-Cookie` value `header` is, byte for byte, a declared
/// cookie's line as `.cookie(value)` writes it (the attributes the macro
/// wrote out, a value of `cookie-octet`s) for a visitor whose `consent`
/// allows it, or that cookie's removal as `.removal()` writes it: what
/// [`audit_set_cookie`] passes without a finding, known here without
/// parsing the header. `false` says nothing: audit it.
///
/// The value holds no `;`, space or quote, so the line is
/// `name=value` and exactly the declared attributes, which the first
/// declaration of `name` gives (the one [`audit_set_cookie`] tries first).
pub(crate) fn passes_as_declared<R: Registry>(header: &[u8], consent: &Consent<R>) -> bool {
    let Some(eq) = header.iter().position(|&b| b == b'=') else {
        return false;
    };
    let Some(spec) = core::str::from_utf8(&header[..eq]).ok().and_then(R::get) else {
        return false;
    };
    let Some(declared) = spec.declared() else {
        return false;
    };
    let (suffix, attributes_len) = declared.attributes();
    let rest = &header[eq + 1..];
    if let Some(value) = rest.strip_suffix(suffix.as_bytes()) {
        if value.iter().all(|&b| is_cookie_octet(b)) && consent.allows_declared(spec) {
            return true;
        }
    }
    rest.strip_suffix(b"; Max-Age=0")
        .is_some_and(|attributes| attributes == &suffix.as_bytes()[..attributes_len])
}

/// RFC 6265 §4.1.1 `cookie-octet`: what a value sent as is holds.
fn is_cookie_octet(b: u8) -> bool {
    matches!(b, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

/// Audits one `Set-Cookie` value, appending what it finds, and gives what
/// may be sent instead of it: nothing (an undeclared cookie, one without
/// consent, an `extern` one, a line that does not parse), or the
/// declaration's line for its cookie, value kept (and a lifetime shorter
/// than declared), or the removal as this crate writes it, whether or not
/// the line differed.
pub(crate) fn audit_set_cookie<R: Registry>(
    header: &str,
    consent: &Consent<R>,
    findings: &mut Vec<Finding>,
) -> Option<Cookie<'static>> {
    let Ok(cookie) = Cookie::parse(header) else {
        findings.push(Finding::Unparsable {
            header: shorten(header.as_bytes()),
        });
        return None;
    };
    let name = cookie.name();
    let Some(first) = R::get(name) else {
        findings.push(Finding::Undeclared {
            seen_in: SeenIn::Response,
            name: name.to_owned(),
        });
        return None;
    };
    // Several declarations may share a name (other paths or domains): the
    // one this cookie is set for, looked for only when the first is not.
    let spec = if same_place(first, &cookie) {
        first
    } else {
        R::COOKIES
            .iter()
            .find(|spec| spec.matches(name) && same_place(spec, &cookie))
            .unwrap_or(first)
    };
    let removal = is_removal(&cookie);
    let Some(declared) = spec.declared() else {
        if removal {
            // Sent as this crate writes the removal: a line the `cookie`
            // crate reads as one but a browser does not (two `Expires`,
            // the first in the past) never goes out.
            return Some(crate::consent::external_removal(
                name,
                spec,
                cookie.domain(),
            ));
        }
        findings.push(Finding::SetsExternal {
            name: name.to_owned(),
        });
        return None;
    };
    if !removal && !consent.allows_declared(spec) {
        findings.push(Finding::WithoutConsent {
            seen_in: SeenIn::Response,
            name: name.to_owned(),
            category: spec.category(),
        });
        return None;
    }
    for (declared, found) in differences(spec, &cookie, removal) {
        findings.push(Finding::Attribute {
            name: name.to_owned(),
            declared,
            found,
        });
    }
    // No finding or some, the line sent is the declaration's, not the
    // response's: what a browser makes of it is then what this audit read
    // (a second `SameSite` or `Expires`, which browsers take and the
    // `cookie` crate does not, goes with the rest). Reported only when
    // something differed.
    if removal {
        return Some(declared.removal());
    }
    let mut mended = declared.build(cookie.value().to_owned().into(), false);
    // A shorter lifetime than declared weakens nothing: it is kept.
    if let (Some(declared_max_age), Some(found)) = (spec.max_age(), lifetime(&cookie)) {
        if found < declared_max_age {
            mended.set_max_age(found);
        }
    }
    Some(mended)
}

/// How long `cookie` asks to be kept: its `Max-Age`, or else the time to
/// its `Expires`.
fn lifetime(cookie: &Cookie) -> Option<cookie::time::Duration> {
    cookie.max_age().or_else(|| {
        cookie
            .expires_datetime()
            .map(|expires| expires - OffsetDateTime::now_utc())
    })
}

/// Whether `cookie` is set on the declared `Path` and `Domain` of `spec`.
fn same_place(spec: &CookieSpec, cookie: &Cookie) -> bool {
    cookie.path() == Some(spec.path()) && same_domain(spec.domain(), cookie.domain())
}

fn same_domain(declared: Option<&str>, found: Option<&str>) -> bool {
    match (declared, found) {
        (None, None) => true,
        (Some(declared), Some(found)) => declared
            .trim_start_matches('.')
            .eq_ignore_ascii_case(found.trim_start_matches('.')),
        _ => false,
    }
}

/// Whether `cookie` deletes the cookie: `Max-Age` zero or less, or an
/// `Expires` in the past.
fn is_removal(cookie: &Cookie) -> bool {
    if let Some(max_age) = cookie.max_age() {
        return max_age.is_zero() || max_age.is_negative();
    }
    cookie
        .expires_datetime()
        .is_some_and(|expires| expires <= OffsetDateTime::now_utc())
}

/// `(declared, found)` for each attribute of `cookie` that differs from
/// `spec`. A removal is held to the attributes that decide whether a
/// browser deletes the cookie.
fn differences(spec: &CookieSpec, cookie: &Cookie, removal: bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let flag = |name: &str, set: bool| {
        if set {
            name.to_owned()
        } else {
            format!("no {name}")
        }
    };
    let found_path = cookie.path();
    if found_path != Some(spec.path()) {
        out.push((
            format!("Path={}", spec.path()),
            found_path.map_or_else(|| "no Path".to_owned(), |path| format!("Path={path}")),
        ));
    }
    if !same_domain(spec.domain(), cookie.domain()) {
        let show = |domain: Option<&str>| {
            domain.map_or_else(|| "no Domain".to_owned(), |d| format!("Domain={d}"))
        };
        out.push((show(spec.domain()), show(cookie.domain())));
    }
    let secure = cookie.secure().unwrap_or(false);
    if secure != spec.secure() {
        out.push((flag("Secure", spec.secure()), flag("Secure", secure)));
    }
    let partitioned = cookie.partitioned().unwrap_or(false);
    if partitioned != spec.partitioned() {
        out.push((
            flag("Partitioned", spec.partitioned()),
            flag("Partitioned", partitioned),
        ));
    }
    if removal {
        return out;
    }
    let http_only = cookie.http_only().unwrap_or(false);
    if http_only != spec.http_only() {
        out.push((
            flag("HttpOnly", spec.http_only()),
            flag("HttpOnly", http_only),
        ));
    }
    if cookie.same_site() != Some(spec.same_site()) {
        out.push((
            format!("SameSite={}", same_site(spec.same_site())),
            cookie.same_site().map_or_else(
                || "no SameSite".to_owned(),
                |found| format!("SameSite={}", same_site(found)),
            ),
        ));
    }
    let found_max_age = cookie.max_age().map(|max_age| max_age.whole_seconds());
    let declared_max_age = spec.max_age().map(|max_age| max_age.whole_seconds());
    if found_max_age != declared_max_age
        || (declared_max_age.is_none() && cookie.expires().is_some())
    {
        let declared = declared_max_age.map_or_else(
            || "no Max-Age (a session cookie)".to_owned(),
            |seconds| format!("Max-Age={seconds}"),
        );
        let found = match (found_max_age, cookie.expires_datetime()) {
            (Some(seconds), _) => format!("Max-Age={seconds}"),
            (None, Some(_)) => "Expires without Max-Age".to_owned(),
            (None, None) => "no Max-Age (a session cookie)".to_owned(),
        };
        out.push((declared, found));
    }
    out
}

fn same_site(same_site: SameSite) -> &'static str {
    match same_site {
        SameSite::Strict => "Strict",
        SameSite::Lax => "Lax",
        SameSite::None => "None",
    }
}

/// A header for a log line: at most 80 bytes, escaped, so that a hostile
/// header cannot forge log lines.
pub(crate) fn shorten(header: &[u8]) -> String {
    crate::header::escape_for_log(header)
}

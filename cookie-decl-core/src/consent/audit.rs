use core::fmt;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use cookie::time::OffsetDateTime;
use cookie::{Cookie, SameSite};

use super::{Consent, Lookup, RequestCookies};
use crate::header::Segment;
use crate::{Category, CookieSpec, Registry};

/// What an audit found: one cookie that the declaration does not allow as
/// it is. `Display` gives one line a person can act on.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
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
/// The findings come in the header's order, the ambiguous names last; past
/// [`MAX_FINDINGS`] they are counted in one last [`Finding::Omitted`].
///
/// Bounds, whatever the header holds: time linear in the header's length
/// (each pair is read once, and its name looked up in the registry and
/// among the declared names seen, in constant time on average); memory at
/// most one entry per distinct declared name (none for the first 24: they
/// stay on the stack) and a few times [`MAX_FINDINGS`] findings waiting
/// for the consent; at most `MAX_FINDINGS + 1` findings returned.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
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
///
/// A header of thousands of names gives a bounded report:
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # use cookie_decl::declare_cookies;
/// use cookie_decl::consent::{self, Consent, Finding, SeenIn, MAX_FINDINGS};
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     necessary {
/// #         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
/// #     }
/// # }
/// let header: String = (0..1000).map(|n| format!("tracker{n}=1; ")).collect();
/// let findings = consent::audit_request(header.as_str(), &Consent::<Cookies>::not_asked());
/// assert_eq!(findings.len(), MAX_FINDINGS + 1);
/// assert_eq!(
///     findings[MAX_FINDINGS],
///     Finding::Omitted { seen_in: SeenIn::Request, count: 1000 - MAX_FINDINGS },
/// );
/// ```
pub fn audit_request<'a, R: Registry>(
    cookies: impl Into<RequestCookies<'a>>,
    consent: &Consent<R>,
) -> Vec<Finding> {
    let cookies = cookies.into();
    let mut findings = Vec::new();
    let mut omitted = 0;
    audit_request_pass(
        &cookies,
        "",
        |_| *consent,
        |found| findings.push(found.to_finding()),
        |count| omitted = count,
    );
    if omitted > 0 {
        findings.push(Finding::Omitted {
            seen_in: SeenIn::Request,
            count: omitted,
        });
    }
    findings
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

/// [`audit_request`] and the consent read in one pass over the header:
/// what the header holds under `consent_name` goes to `read_consent`, whose
/// consent the audit then holds the cookies to. The first
/// [`MAX_FINDINGS`] findings reach `report` in the order [`audit_request`]
/// returns them, the header's own order, the ambiguous names last; if
/// there were more, `omitted` is then given how many were left out (and
/// is not called otherwise). No allocation for a header of up to 64 pairs
/// and 24 distinct declared names.
///
/// `consent_name` empty: nothing is looked up (`read_consent` gets
/// [`Lookup::Absent`]).
///
/// Time linear in the header's length; memory: one entry per distinct
/// declared name past the first 24 (a `HashMap` keyed by std's
/// `RandomState`, whose random keys no header can aim collisions at), and
/// at most `4 * MAX_FINDINGS` findings waiting for the consent.
pub(crate) fn audit_request_pass<'c, R: Registry>(
    cookies: &'c RequestCookies<'_>,
    consent_name: &str,
    read_consent: impl FnOnce(Lookup<'c>) -> Consent<R>,
    mut report: impl FnMut(Found<'c>),
    omitted: impl FnOnce(usize),
) -> Consent<R> {
    // What the consent decides is known after the pass: the findings that
    // may be among the first `MAX_FINDINGS`, and the declared cookies that
    // need consent, wait in order; the rest are counted.
    let mut pending = PendingFindings::new();
    // The declared names seen, each once with its first value, to find
    // those sent with several values.
    let mut declared = SeenNames::new();
    let mut ambiguous: Stack<&str, 4> = Stack::new("");
    let mut ambiguous_count = 0;
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
                pending.found(Found::Unreadable(raw));
                return;
            }
        };
        let Some(spec) = R::get(name) else {
            pending.found(Found::Undeclared(name));
            return;
        };
        if spec.needs_consent() {
            pending.needs(name, spec.category());
        }
        if consent_spec.is_some_and(|consent| core::ptr::eq(consent, spec)) && name == consent_name
        {
            lookup = crate::header::merge(lookup, value);
        }
        // `R::get` gives one declaration per name, so the name alone
        // tells the cookies apart.
        if declared.newly_ambiguous(name, value) {
            ambiguous_count += 1;
            if ambiguous.len < MAX_FINDINGS {
                ambiguous.push(name);
            }
        }
    });
    let consent = read_consent(lookup);
    let mut listed = 0;
    let mut list = |found: Found<'c>| {
        if listed < MAX_FINDINGS {
            listed += 1;
            report(found);
        }
    };
    for pending in pending.list.iter() {
        match pending {
            Pending::Found(found) => list(found),
            Pending::Needs(name, category) => {
                if !consent.allows(category) {
                    list(Found::WithoutConsent(name, category));
                }
            }
        }
    }
    for name in ambiguous.iter() {
        list(Found::Ambiguous(name));
    }
    let total = pending.found_count
        + Category::ALL
            .iter()
            .filter(|&&category| !consent.allows(category))
            .map(|&category| pending.needs_count[category as usize])
            .sum::<usize>()
        + ambiguous_count;
    if total > listed {
        omitted(total - listed);
    }
    consent
}

/// The request pass's findings in the header's order, kept only while
/// they may be among the first [`MAX_FINDINGS`] once the consent is known,
/// and all of them counted.
///
/// A finding that follows `MAX_FINDINGS` others is never listed; nor is a
/// cookie of a category that follows, with the findings before it,
/// `MAX_FINDINGS` of that category (refused, they are findings before it;
/// allowed, it is none). So at most `MAX_FINDINGS` findings and
/// `MAX_FINDINGS` cookies of each category wait, whatever the header's
/// length.
struct PendingFindings<'a> {
    list: Stack<Pending<'a>, 64>,
    /// The findings seen, listed or not.
    found_count: usize,
    /// The cookies of each category that needs consent seen, by
    /// `Category as usize`.
    needs_count: [usize; 4],
}

impl<'a> PendingFindings<'a> {
    fn new() -> Self {
        PendingFindings {
            list: Stack::new(Pending::Needs("", Category::Necessary)),
            found_count: 0,
            needs_count: [0; 4],
        }
    }

    #[inline]
    fn found(&mut self, found: Found<'a>) {
        if self.found_count < MAX_FINDINGS {
            self.list.push(Pending::Found(found));
        }
        self.found_count += 1;
    }

    #[inline]
    fn needs(&mut self, name: &'a str, category: Category) {
        let count = &mut self.needs_count[category as usize];
        if self.found_count + *count < MAX_FINDINGS {
            self.list.push(Pending::Needs(name, category));
        }
        *count += 1;
    }
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

    #[inline]
    fn push(&mut self, item: T) {
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = item,
            None => self.spill.push(item),
        }
        self.len += 1;
    }

    /// The items, in order: those on the stack, then those on the heap.
    fn iter(&self) -> impl Iterator<Item = T> + '_ {
        self.inline[..self.len.min(N)]
            .iter()
            .chain(&self.spill)
            .copied()
    }
}

/// The declared names a request pass has seen, each once, with the first
/// value it came with: a short list compared in place for the first
/// [`SeenNames::INLINE`] names (a header holds a few declared names,
/// however often each comes), then a `HashMap`.
struct SeenNames<'a> {
    len: usize,
    inline: [SeenName<'a>; SeenNames::INLINE],
    /// Every name once more than `INLINE` were seen (those of the list
    /// moved here).
    spill: Option<HashMap<&'a str, SeenValue<'a>>>,
}

/// A declared name seen: its [`name_key`], the name, and its value.
#[derive(Clone, Copy)]
struct SeenName<'a> {
    key: (u64, u64),
    name: &'a str,
    seen: SeenValue<'a>,
}

/// The first value of a declared name, or `None` once another value came
/// (the name is then ambiguous, and reported once).
#[derive(Clone, Copy)]
struct SeenValue<'a>(Option<&'a str>);

impl SeenValue<'_> {
    /// Whether `value`, of a name seen with this one, makes the name
    /// ambiguous now (it was not before).
    #[inline]
    fn another(&mut self, value: &str) -> bool {
        let newly = self.0.is_some_and(|first| first != value);
        if newly {
            self.0 = None;
        }
        newly
    }
}

impl<'a> SeenNames<'a> {
    /// Above the 22 declared names of the busiest headers the layer's
    /// benchmark sends (a dozen `_ga_*` properties among them): spilling
    /// into the map costs an allocation and a hash a pair, which cost
    /// those headers 5 % more instructions at 16.
    const INLINE: usize = 24;

    fn new() -> Self {
        SeenNames {
            len: 0,
            inline: [SeenName {
                key: (0, 0),
                name: "",
                seen: SeenValue(None),
            }; SeenNames::INLINE],
            spill: None,
        }
    }

    /// Notes that the request carries `name` with `value`: whether the
    /// name, seen before with another value, is ambiguous from now on.
    /// Constant time on average: at most `INLINE` comparisons of a key,
    /// or one hash of the name.
    #[inline(always)]
    fn newly_ambiguous(&mut self, name: &'a str, value: &'a str) -> bool {
        if self.spill.is_none() {
            // The names a pattern matches (`_ga_X3K9PQ2L7M`,
            // `_ga_B7W2ZC4N1T`: one length) are told apart by their keys,
            // without a `memcmp` call each.
            let key = name_key(name.as_bytes());
            for seen in &mut self.inline[..self.len] {
                if seen.key == key && seen.name == name {
                    return seen.seen.another(value);
                }
            }
            if let Some(slot) = self.inline.get_mut(self.len) {
                *slot = SeenName {
                    key,
                    name,
                    seen: SeenValue(Some(value)),
                };
                self.len += 1;
                return false;
            }
        }
        self.newly_ambiguous_in_map(name, value)
    }

    /// [`newly_ambiguous`](SeenNames::newly_ambiguous) past `INLINE`
    /// names: the list moved into the map, once, then one hash a pair.
    #[inline(never)]
    fn newly_ambiguous_in_map(&mut self, name: &'a str, value: &'a str) -> bool {
        let inline = &self.inline;
        let map = self.spill.get_or_insert_with(|| {
            let mut map = HashMap::with_capacity(4 * Self::INLINE);
            map.extend(inline.iter().map(|seen| (seen.name, seen.seen)));
            map
        });
        match map.entry(name) {
            Entry::Occupied(mut seen) => seen.get_mut().another(value),
            Entry::Vacant(slot) => {
                slot.insert(SeenValue(Some(value)));
                false
            }
        }
    }
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
///
/// The findings come in the headers' order; past [`MAX_FINDINGS`] they are
/// counted in one last [`Finding::Omitted`]. Time linear in the headers'
/// length; at most `MAX_FINDINGS + 1` findings returned.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # use cookie_decl::declare_cookies;
/// use cookie_decl::consent::{self, Consent, Finding, SeenIn, MAX_FINDINGS};
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     necessary {
/// #         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
/// #     }
/// # }
/// let lines: Vec<String> = (0..100).map(|n| format!("tracker{n}=1; Path=/")).collect();
/// let findings = consent::audit_response(&lines, &Consent::<Cookies>::not_asked());
/// assert_eq!(findings.len(), MAX_FINDINGS + 1);
/// assert_eq!(
///     findings[MAX_FINDINGS],
///     Finding::Omitted { seen_in: SeenIn::Response, count: 100 - MAX_FINDINGS },
/// );
/// ```
pub fn audit_response<R: Registry, I>(set_cookies: I, consent: &Consent<R>) -> Vec<Finding>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let mut findings = Vec::new();
    // The findings past the bound, made to be counted and dropped.
    let mut past = Vec::new();
    let mut omitted = 0;
    for header in set_cookies {
        let header = header.as_ref();
        // A line the declaration wrote passes: known by comparing it with
        // the precomputed line, without parsing it.
        if passes_as_declared(header.as_bytes(), consent) {
            continue;
        }
        if findings.len() < MAX_FINDINGS {
            audit_set_cookie(header, consent, &mut findings);
            if findings.len() > MAX_FINDINGS {
                omitted += findings.len() - MAX_FINDINGS;
                findings.truncate(MAX_FINDINGS);
            }
        } else {
            past.clear();
            audit_set_cookie(header, consent, &mut past);
            omitted += past.len();
        }
    }
    if omitted > 0 {
        findings.push(Finding::Omitted {
            seen_in: SeenIn::Response,
            count: omitted,
        });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::CategorySet;
    use crate::header::{self, Segment};

    crate::declare_cookies! {
        /// Declared names the headers below mix with undeclared ones.
        pub struct Site { site: "https://example.fr" }
        necessary {
            sid { provider: "P", service: "S", purpose: "Session." }
        }
        preferences {
            lang { provider: "P", service: "S", purpose: "Language.", max_age: 1 year }
        }
        statistics {
            visits { provider: "P", service: "S", purpose: "Count.", max_age: 13 months }
            extern "_ga_*" as GA { provider: "G", service: "A", purpose: "Tell apart.", max_age: 13 months }
        }
    }

    /// xorshift64*: the same headers on every run.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// What `audit_request` lists, without the bound, written the plain
    /// way: each segment in order, then each declared name carried with
    /// two values, in the order its second value came.
    fn reference(header: &[u8], consent: &Consent<Site>) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut first: Vec<(&str, &str)> = Vec::new();
        let mut ambiguous: Vec<&str> = Vec::new();
        for segment in header::segments(header) {
            let (name, value) = match segment {
                Segment::Pair(name, value) => (name, value),
                Segment::Invalid { raw, .. } => {
                    findings.push(Found::Unreadable(raw).to_finding());
                    continue;
                }
            };
            let Some(spec) = Site::get(name) else {
                findings.push(Found::Undeclared(name).to_finding());
                continue;
            };
            if spec.needs_consent() && !consent.allows(spec.category()) {
                findings.push(Found::WithoutConsent(name, spec.category()).to_finding());
            }
            match first.iter().find(|(seen, _)| *seen == name) {
                Some((_, seen)) if *seen != value && !ambiguous.contains(&name) => {
                    ambiguous.push(name);
                }
                Some(_) => {}
                None => first.push((name, value)),
            }
        }
        findings.extend(
            ambiguous
                .into_iter()
                .map(|name| Found::Ambiguous(name).to_finding()),
        );
        findings
    }

    /// Headers of up to 300 pairs, declared names (more than fit the
    /// list on the stack, through the pattern), undeclared ones and
    /// unreadable ones, each with one of two values: every result of the
    /// bounded pass is the plain one cut at `MAX_FINDINGS`, and the rest
    /// counted.
    #[test]
    fn the_bounded_report_is_the_plain_one_cut() {
        let mut state = 0x0061_7564_6974;
        let names: Vec<String> = ["sid", "lang", "visits", "theme", "x\u{e9}", ""]
            .into_iter()
            .map(str::to_owned)
            .chain((0..40).map(|n| format!("_ga_{n}")))
            .collect();
        let consents = [
            Consent::<Site>::not_asked(),
            Consent::given(
                CategorySet::ALL,
                0,
                crate::consent::RecordId::from_bytes([1; 16]),
            ),
            Consent::given(
                CategorySet::from(Category::Statistics),
                0,
                crate::consent::RecordId::from_bytes([2; 16]),
            ),
        ];
        let mut cut = 0;
        for _ in 0..3_000 {
            let pairs = next(&mut state) % 300;
            let mut header = String::new();
            for _ in 0..pairs {
                let name = &names[(next(&mut state) % names.len() as u64) as usize];
                // Most names come with one value; some with two.
                let value = if next(&mut state) % 8 == 0 { "b" } else { "a" };
                header.push_str(&format!("{name}={value}; "));
            }
            for consent in &consents {
                let expected = reference(header.as_bytes(), consent);
                let found = audit_request(header.as_str(), consent);
                if expected.len() <= MAX_FINDINGS {
                    assert_eq!(found, expected, "{header}");
                } else {
                    cut += 1;
                    assert_eq!(found[..MAX_FINDINGS], expected[..MAX_FINDINGS], "{header}");
                    assert_eq!(
                        found[MAX_FINDINGS..],
                        [Finding::Omitted {
                            seen_in: SeenIn::Request,
                            count: expected.len() - MAX_FINDINGS
                        }],
                        "{header}"
                    );
                }
            }
        }
        // Both sides of the bound were tried, often.
        assert!(cut > 1_000 && cut < 8_000, "{cut}");
    }
}

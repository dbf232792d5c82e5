//! A cookie's rules: its name, its attributes against the RFCs and the
//! browsers, its lifetime against the CNIL's caps, and the marks
//! (`stores_consent`, `csrf_token`, `consent_exempt`) against what they
//! are for. [`cookie`] resolves one declaration against the registry
//! defaults and runs them.

use std::collections::{HashMap, HashSet, hash_map};

use proc_macro2::Span;
use syn::Ident;

use crate::ast::{Category, CookieDecl, MaxAge, SameSite, Unit, Value};
use crate::ctxt::Ctxt;
use crate::model::{ConsentStore, Constant, Cookie, Lifetime, Localized};
use crate::rules::fields::Attributes;
use crate::rules::known_trackers::{self, Tracker};
use crate::rules::lang::{self, Owner, Published};

/// RFC 6265bis §5.5: browsers cap `Max-Age` and `Expires` at 400 days.
const BROWSER_CAP_DAYS: u64 = 400;

/// CNIL deliberation 2020-091, article 5: trackers that need consent live at
/// most 13 months. With the month of 30 days used throughout, that is 390
/// days (33,696,000 seconds), the figure CNIL-compliant tag settings use.
const TRACKER_CAP_MONTHS: u64 = 13;

const DAY: u64 = 24 * 60 * 60;

/// CNIL deliberation 2020-092: keep a visitor's choice, yes or no, for a
/// limited time, then ask again; six months is the CNIL's reference.
const CONSENT_RETENTION_MONTHS: u64 = 6;

/// Checks one cookie and resolves it against the registry defaults.
///
/// A cookie of an unknown category (`None`, already reported) is checked
/// and generated as `necessary`, without the rules that would only say
/// again that its category is not the right one.
pub(super) fn cookie(
    decl: &CookieDecl,
    written: Option<Category>,
    header: &Attributes,
    published: &Published,
    cx: &Ctxt,
) -> Cookie {
    let category = written.unwrap_or(Category::Necessary);
    let own = Attributes::collect(&decl.fields, cx);
    let name = &decl.name.value;
    let external = decl.extern_token.is_some();
    if external {
        extern_sets_nothing(&own, cx);
    }
    let text = |key: &str| match own.get(key) {
        // Misspelt (reported as an unknown field, with this suggestion), or
        // the whole declaration did not parse (reported too).
        None if decl.broken || decl.fields.suggested.iter().any(|k| k == key) => {
            Localized::default()
        }
        Some(value) => {
            // A service may be a proper name, the same in every language.
            let once = key != "purpose";
            lang::localized(key, value, Owner::Cookie(name), published, once, cx)
                .unwrap_or_default()
        }
        None => {
            cx.error_at(
                decl.name.span,
                format!(
                    "cookie `{name}` is missing `{key}`: add `{key}: \"...\"`, {}",
                    match key {
                        "provider" => "who operates the cookie",
                        "service" => "the service that uses it and where",
                        _ => "what the cookie is for",
                    }
                ),
            );
            Localized::default()
        }
    };
    let provider = text("provider").all.unwrap_or_default();
    // In the site's first language, and in each when written per language.
    let split = |text: Localized| match text.all {
        Some(once) => (once, Vec::new()),
        None => (
            text.get(published.langs[0]).unwrap_or_default().to_owned(),
            text.by_lang,
        ),
    };
    let (service, services) = split(text("service"));
    let (purpose, purposes) = split(text("purpose"));

    // A cookie's own attribute wins over the registry default.
    let pick = |key: &str| own.get(key).or_else(|| header.get(key));
    let lifetime = match pick("max_age") {
        Some(Value::MaxAge(MaxAge::Duration { amount, unit, .. })) => Lifetime::Duration {
            amount: *amount,
            unit: *unit,
        },
        _ => Lifetime::Session,
    };
    let flag = |key: &str, default: bool| match pick(key) {
        Some(Value::Bool(lit)) => lit.value,
        _ => default,
    };
    let string = |key: &str| match pick(key) {
        Some(Value::Str(lit)) => Some(lit.value()),
        _ => None,
    };
    let same_site = match pick("same_site") {
        Some(Value::SameSite(same_site, _)) => *same_site,
        _ => SameSite::Lax,
    };
    let cookie = Cookie {
        attrs: decl.attrs.iter().map(|a| a.tokens.clone()).collect(),
        name: name.clone(),
        name_span: decl.name.span,
        constant: constant(decl, cx),
        category,
        consent_exempt: own.flag("consent_exempt").unwrap_or(false),
        stores_consent: own.flag("stores_consent").unwrap_or(false),
        csrf_token: own.flag("csrf_token").unwrap_or(false),
        external,
        provider,
        service,
        purpose,
        services,
        purposes,
        lifetime,
        max_age_tokens: pick("max_age").map(Value::tokens),
        secure: flag("secure", true),
        http_only: flag("http_only", true),
        same_site,
        path: string("path").unwrap_or_else(|| "/".to_owned()),
        domain: string("domain"),
        partitioned: flag("partitioned", false),
    };

    let at = Blame {
        name: decl.name.span,
        own: &own,
        header,
    };
    consent_exemption_is_audience_measurement(&cookie, &own, cx);
    if written.is_some() {
        known_tracker_needs_consent(&cookie, &own, cx);
    }
    consent_store_needs_no_consent(&cookie, &own, cx);
    csrf_token_needs_no_consent(&cookie, &own, cx);
    csrf_token_is_issued_here(&cookie, &own, cx);
    csrf_token_apart_from_consent(&cookie, &own, cx);
    name_is_token(&cookie, cx);
    if !external {
        secure_prefix(&cookie, &at, cx);
        host_prefix(&cookie, &at, cx);
        same_site_none_is_secure(&cookie, &at, cx);
        partitioned_is_secure(&cookie, &at, cx);
        csrf_token_stays_on_site(&cookie, &at, cx);
    }
    path_is_valid(&cookie, &at, cx);
    extern_pattern_at_root(&cookie, &at, cx);
    domain_is_valid(&cookie, &at, cx);
    within_browser_cap(&cookie, &at, cx);
    tracker_within_thirteen_months(&cookie, &at, cx);
    cookie
}

/// Where to point when an attribute breaks a rule: at the value that set it,
/// in the cookie or else in the registry header, or at the cookie's name
/// when the attribute has its default.
struct Blame<'a> {
    name: Span,
    own: &'a Attributes<'a>,
    header: &'a Attributes<'a>,
}

impl Blame<'_> {
    /// Reports a breach caused by attribute `key`. When the registry-wide
    /// default set it, the message says so and how to override it.
    fn report(&self, cx: &Ctxt, key: &str, message: impl std::fmt::Display) {
        if let Some(value) = self.own.get(key) {
            cx.error_spanned_by(value.tokens(), message);
        } else if let Some(value) = self.header.get(key) {
            cx.error_spanned_by(
                value.tokens(),
                format!(
                    "{message}; this `{key}` is the registry-wide default: set `{key}` in the \
                     cookie to override it"
                ),
            );
        } else {
            cx.error_at(self.name, message);
        }
    }
}

/// An `extern` cookie is set by another party: the attributes of its
/// `Set-Cookie` are not this declaration's to choose. Its lifetime (for the
/// charte), and its domain, path and partition (where the other party puts
/// it, so that a withdrawal of consent can delete it: a partitioned cookie
/// is only deleted by a partitioned removal) are.
fn extern_sets_nothing(own: &Attributes, cx: &Ctxt) {
    for key in ["secure", "http_only", "same_site"] {
        if let Some(ident) = own.key(key) {
            cx.error_spanned_by(
                ident,
                format!(
                    "`{key}` has no effect on an `extern` cookie, which another party sets: \
                     remove it"
                ),
            );
        }
    }
}

/// CNIL deliberation 2020-091, article 5, and its guidance on audience
/// measurement: only audience-measurement cookies may be exempt from
/// consent (under conditions the declaration cannot check: anonymous
/// statistics, no cross-site tracking, data kept at most 25 months).
/// Necessary cookies need no exemption; preferences and marketing get none.
fn consent_exemption_is_audience_measurement(cookie: &Cookie, own: &Attributes, cx: &Ctxt) {
    if cookie.consent_exempt && cookie.category != Category::Statistics {
        let key = own.key("consent_exempt").expect("set, so given");
        cx.error_spanned_by(
            key,
            format!(
                "`consent_exempt` applies to audience measurement only (CNIL deliberation \
                 2020-091): move cookie `{}` to `statistics` or remove `consent_exempt`",
                cookie.name
            ),
        );
    }
}

/// CNIL deliberation 2020-091, article 5 (ePrivacy directive, article
/// 5(3)): only trackers strictly necessary to the service the visitor
/// asked for are exempt from consent, and the visitor consents to each
/// purpose apart (deliberation 2020-092). A cookie the world knows as one
/// platform's analytics or advertising tracker (`_ga`, `_fbp`,
/// `_hjSessionUser_*`) is neither `necessary` nor a preference: declared
/// so, it would be set without consent, or on a consent to something
/// else. The compiler knows the unambiguous trackers of the project's
/// table of known cookies ([`known_trackers`]): those of one platform,
/// with a name no site would choose for a cookie of its own, matched as
/// [`known_tracker`] says. A site whose own cookie merely shares such a
/// name says so with `not_a_known_tracker: true`, which is refused where
/// it changes nothing.
fn known_tracker_needs_consent(cookie: &Cookie, own: &Attributes, cx: &Ctxt) {
    let escape = own.flag("not_a_known_tracker") == Some(true);
    let known = known_tracker(&cookie.name, cookie.external);
    match known {
        Some(_) if escape && !cookie.category.is_tracker() => {}
        Some(_) if escape => cx.error_spanned_by(
            own.key("not_a_known_tracker").expect("set, so given"),
            format!(
                "`not_a_known_tracker` has no effect on a `{}` cookie, which is declared as a \
                 tracker: remove it",
                cookie.category.keyword()
            ),
        ),
        Some((tracker, how)) if !cookie.category.is_tracker() => {
            let (known_name, platform, category, does) = *tracker;
            let what = format!("a `{}` cookie of {platform}", category.keyword());
            let name = &cookie.name;
            let subject = match how {
                Reach::Exact => format!("cookie `{name}` is {what} ({does})"),
                Reach::InPattern => format!("cookie `{name}` is {what}, `{known_name}` ({does})"),
                Reach::SamePattern => format!("cookie pattern `{name}` is {what} ({does})"),
                Reach::Covers => {
                    format!("cookie pattern `{name}` covers `{known_name}`, {what} ({does})")
                }
                Reach::Within => format!(
                    "cookie pattern `{name}` stands for names of `{known_name}`, {what} ({does})"
                ),
            };
            let why = match cookie.category {
                Category::Necessary => {
                    "a tracker needs the visitor's consent, only strictly necessary cookies are \
                     exempt (CNIL deliberation 2020-091)"
                }
                _ => {
                    "a consent to preferences is no consent to a tracker, the visitor consents \
                     to each purpose apart (CNIL deliberation 2020-092)"
                }
            };
            cx.error_at(
                cookie.name_span,
                format!(
                    "{subject}, not a `{}` one: {why}; declare it under `{}`, or, if this site's \
                     own cookie merely shares the name, add `not_a_known_tracker: true`",
                    cookie.category.keyword(),
                    category.keyword()
                ),
            );
        }
        None if escape => cx.error_spanned_by(
            own.key("not_a_known_tracker").expect("set, so given"),
            format!(
                "`not_a_known_tracker` has no effect: no tracker the compiler knows is named \
                 `{}`; remove it",
                cookie.name
            ),
        ),
        _ => {}
    }
}

/// How a declared name reaches a known tracker.
#[derive(Clone, Copy)]
enum Reach {
    /// The same name.
    Exact,
    /// A name the tracker's pattern stands for (`_ga_K2X9` for `_ga_*`).
    InPattern,
    /// An `extern` pattern the same as the tracker's.
    SamePattern,
    /// An `extern` pattern that stands for the tracker's name, or for
    /// its pattern's (`_ga*` for `_ga` or `_ga_*`).
    Covers,
    /// An `extern` pattern that stands for some of the names the
    /// tracker's pattern does (`_ga_K*` for `_ga_*`).
    Within,
}

/// The known tracker a declared name stands for, if any.
///
/// Any cookie is checked against the trackers' exact names. Only an
/// `extern` one, which another party's script sets, is checked against
/// their patterns (`_ga_*`): a pattern stands for the names a platform's
/// script makes from an ID (`_ga_` and a measurement ID), which a cookie
/// the application sets itself (`_ga_layout`) merely starts alike. An
/// `extern` name's `*` stands for any run of characters; the trackers'
/// patterns are prefixes.
fn known_tracker(name: &str, external: bool) -> Option<(&'static Tracker, Reach)> {
    if let Ok(index) = known_trackers::EXACT.binary_search_by(|t| t.0.cmp(name)) {
        return Some((&known_trackers::EXACT[index], Reach::Exact));
    }
    if !external {
        return None;
    }
    let Some(star) = name.find('*') else {
        return known_trackers::PATTERNS
            .iter()
            .find(|t| name.starts_with(t.0.trim_end_matches('*')))
            .map(|t| (t, Reach::InPattern));
    };
    // A pattern: the names it matches, and the trackers' patterns it
    // matches as text (`_ga*` matches `_ga_*`) or narrows (`_ga_X*` is
    // within `_ga_*`).
    let literal = &name[..star];
    if let Some(t) = known_trackers::PATTERNS.iter().find(|t| t.0 == name) {
        return Some((t, Reach::SamePattern));
    }
    let covered = known_trackers::EXACT
        .iter()
        .chain(known_trackers::PATTERNS)
        .find(|t| glob_match(name, t.0));
    if let Some(t) = covered {
        return Some((t, Reach::Covers));
    }
    known_trackers::PATTERNS
        .iter()
        .find(|t| literal.starts_with(t.0.trim_end_matches('*')))
        .map(|t| (t, Reach::Within))
}

/// Whether `text` matches `pattern`, whose `*` stands for any run of
/// characters (`cookie_decl::matches_pattern`'s rule, here for the names
/// of the known trackers, a few dozen bytes each).
fn glob_match(pattern: &str, text: &str) -> bool {
    let (pattern, text) = (pattern.as_bytes(), text.as_bytes());
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

/// CNIL deliberation 2020-091, article 5: the cookie that remembers the
/// visitor's choice is strictly necessary, so it is set without consent;
/// it must be one the application sets, and declared `necessary`, or it
/// could not be set before the visitor has chosen.
fn consent_store_needs_no_consent(cookie: &Cookie, own: &Attributes, cx: &Ctxt) {
    if !cookie.stores_consent {
        return;
    }
    let key = own.key("stores_consent").expect("set, so given");
    if cookie.external {
        cx.error_spanned_by(
            key,
            format!(
                "`stores_consent` marks a cookie this application sets, not an `extern` one: \
                 remove `extern` from cookie `{}` or mark another cookie",
                cookie.name
            ),
        );
    } else if cookie.category != Category::Necessary {
        cx.error_spanned_by(
            key,
            format!(
                "cookie `{}` stores the visitor's consent, so it must need none itself: move it \
                 to `necessary` (CNIL deliberation 2020-091, article 5)",
                cookie.name
            ),
        );
    }
}

/// The cookie that keeps the visitor's choice, and for how long a choice
/// counts. One cookie holds the choice (two would disagree); the choice is
/// kept at most 13 months, the lifetime of a tracker (CNIL deliberation
/// 2020-091), 6 months unless the header says (CNIL deliberation 2020-092);
/// the cookie does not outlive the choice it holds, or the charte would
/// announce a lifetime the choice does not have.
pub(super) fn consent_store(
    cookies: &[Cookie],
    header: &Attributes,
    cx: &Ctxt,
) -> Option<ConsentStore> {
    let retention_key = header.key("consent_retention");
    let retention = match header.get("consent_retention") {
        Some(Value::MaxAge(MaxAge::Duration {
            amount,
            unit,
            tokens,
        })) => {
            let lifetime = Lifetime::Duration {
                amount: *amount,
                unit: *unit,
            };
            let seconds = lifetime.seconds().unwrap_or(u64::MAX);
            if seconds > TRACKER_CAP_MONTHS * Unit::Months.seconds() {
                cx.error_spanned_by(
                    tokens,
                    format!(
                        "`consent_retention` of {} is over 13 months: ask again within the \
                         lifetime the CNIL allows a tracker (deliberation 2020-091); the CNIL's \
                         reference is `6 months` (deliberation 2020-092)",
                        lifetime.english()
                    ),
                );
            }
            Some((lifetime, seconds))
        }
        Some(Value::MaxAge(MaxAge::Session(ident))) => {
            cx.error_spanned_by(
                ident,
                "`consent_retention` must be a duration such as `6 months`: how long a visitor's \
                 choice is kept before asking again",
            );
            None
        }
        _ => None,
    };

    let mut marked = cookies
        .iter()
        .enumerate()
        .filter(|(_, cookie)| cookie.stores_consent);
    let Some((index, store)) = marked.next() else {
        if let Some(key) = retention_key {
            cx.error_spanned_by(
                key,
                "`consent_retention` has no effect: no cookie is marked `stores_consent: true`; \
                 mark the `necessary` cookie that keeps the visitor's choice",
            );
        }
        return None;
    };
    for (_, other) in marked {
        cx.error_at(
            other.name_span,
            format!(
                "cookies `{}` and `{}` are both marked `stores_consent: true`: the visitor's \
                 choice lives in one cookie, remove the mark from one of them",
                store.name, other.name
            ),
        );
    }

    let default = Lifetime::Duration {
        amount: CONSENT_RETENTION_MONTHS,
        unit: Unit::Months,
    };
    let (retention, seconds) =
        retention.unwrap_or_else(|| (default, default.seconds().unwrap_or(0)));
    if store
        .lifetime
        .seconds()
        .is_some_and(|lives| lives > seconds)
    {
        let message = format!(
            "cookie `{}` stores the visitor's consent and lives {}, longer than a choice is kept \
             ({}{}): use at most `max_age: {}`{}",
            store.name,
            store.lifetime.english(),
            retention.english(),
            if retention_key.is_some() {
                ", the `consent_retention`"
            } else {
                ", the default `consent_retention`"
            },
            retention.english(),
            if retention_key.is_some() {
                ""
            } else {
                ", or set `consent_retention` in the header (at most 13 months)"
            },
        );
        match &store.max_age_tokens {
            Some(tokens) => cx.error_spanned_by(tokens, message),
            None => cx.error_at(store.name_span, message),
        }
    }
    Some(ConsentStore {
        cookie: index,
        retention: seconds,
    })
}

/// CNIL deliberation 2020-091, article 5: the cookie that holds the consent
/// forms' CSRF token is strictly necessary (it secures the forms), and the
/// token is needed before any consent, on the banner itself: in any other
/// category it could not be set until the visitor had chosen.
fn csrf_token_needs_no_consent(cookie: &Cookie, own: &Attributes, cx: &Ctxt) {
    if cookie.csrf_token && cookie.category != Category::Necessary {
        let key = own.key("csrf_token").expect("set, so given");
        cx.error_spanned_by(
            key,
            format!(
                "cookie `{}` holds the consent forms' CSRF token, which is needed before any \
                 consent: move it to `necessary` (strictly necessary for security, CNIL \
                 deliberation 2020-091, article 5)",
                cookie.name
            ),
        );
    }
}

/// The application issues the token and checks it against the form's
/// copy: the cookie must be one it sets, and an `extern` one has no
/// builder.
fn csrf_token_is_issued_here(cookie: &Cookie, own: &Attributes, cx: &Ctxt) {
    if cookie.csrf_token && cookie.external {
        let key = own.key("csrf_token").expect("set, so given");
        cx.error_spanned_by(
            key,
            format!(
                "`csrf_token` marks the cookie in which this application issues the token, not \
                 an `extern` one: remove `extern` from cookie `{}` or mark another cookie",
                cookie.name
            ),
        );
    }
}

/// One cookie, one job: the consent cookie is rewritten on every choice,
/// and the token on its own schedule; in one cookie, writing one would
/// overwrite the other.
fn csrf_token_apart_from_consent(cookie: &Cookie, own: &Attributes, cx: &Ctxt) {
    if cookie.csrf_token && cookie.stores_consent {
        let key = own.key("csrf_token").expect("set, so given");
        cx.error_spanned_by(
            key,
            format!(
                "cookie `{}` stores the visitor's consent and cannot also hold the consent \
                 forms' CSRF token: remove `csrf_token` here and mark another `necessary` \
                 cookie, such as `\"__Host-csrf\"` with `same_site: Strict`",
                cookie.name
            ),
        );
    }
}

/// RFC 6265bis §8.8: a `SameSite=None` cookie goes with a form posted
/// from another site, so a cross-site form would carry the token, which is
/// what the double-submit check must prevent.
fn csrf_token_stays_on_site(cookie: &Cookie, at: &Blame, cx: &Ctxt) {
    if cookie.csrf_token && cookie.same_site == SameSite::None {
        at.report(
            cx,
            "same_site",
            format!(
                "cookie `{}` holds the consent forms' CSRF token, so it must not have \
                 `same_site: None`: a form posted from another site would carry it, which is \
                 what the token must prevent; use `same_site: Strict`",
                cookie.name
            ),
        );
    }
}

/// The consent forms check one token against one cookie: two marked
/// cookies would leave the check guessing which one holds it. The second
/// is reported; the first still makes `CsrfRegistry`, so that code using it
/// reports nothing more.
pub(super) fn csrf_cookie(cookies: &[Cookie], cx: &Ctxt) -> Option<usize> {
    let mut marked = cookies
        .iter()
        .enumerate()
        .filter(|(_, cookie)| cookie.csrf_token);
    let (index, first) = marked.next()?;
    for (_, other) in marked {
        cx.error_at(
            other.name_span,
            format!(
                "cookies `{}` and `{}` are both marked `csrf_token: true`: the consent forms \
                 check one token, remove the mark from one of them",
                first.name, other.name
            ),
        );
    }
    Some(index)
}

/// A server learns the names an `extern` pattern (`_ga_*`) matches only
/// from the cookies a request carries, and a browser sends a cookie only to
/// URLs under its `Path` (RFC 6265bis §5.1.4): one scoped to `/stats` never
/// reaches the consent form, so a withdrawal of consent could not remove
/// it. An exact name can be removed without being seen, at any path.
fn extern_pattern_at_root(cookie: &Cookie, at: &Blame, cx: &Ctxt) {
    let path = &cookie.path;
    // A path that does not start with `/` is reported by `path_is_valid`.
    if !cookie.external || !cookie.name.contains('*') || path == "/" || !path.starts_with('/') {
        return;
    }
    at.report(
        cx,
        "path",
        format!(
            "extern cookie pattern `{}` at `path: {path:?}` cannot be removed on withdrawal: the \
             browser sends it only to `{path}`, never to the consent form; declare each cookie \
             it stands for by its exact name (`extern {:?} {{ path: {path:?}, ... }}`), or use \
             `path: \"/\"`",
            cookie.name,
            cookie.name.replace('*', "id"),
        ),
    );
}

/// RFC 6265bis §4.1.1: `cookie-name = token` (RFC 9110 §5.6.2): one or more
/// of ALPHA, DIGIT and ``!#$%&'*+-.^_`|~``. In an `extern` name, `*` is a
/// wildcard, itself a token character.
fn name_is_token(cookie: &Cookie, cx: &Ctxt) {
    if cookie.name.is_empty() {
        cx.error_at(
            cookie.name_span,
            "cookie name is empty: browsers ignore a cookie without a name",
        );
        return;
    }
    if let Some(bad) = cookie.name.chars().find(|&c| !is_tchar(c)) {
        cx.error_at(
            cookie.name_span,
            format!(
                "cookie name `{}` has {}, which is not allowed in a cookie name (RFC 6265bis \
                 section 4.1.1): use ASCII letters, digits and ``!#$%&'*+-.^_`|~``",
                cookie.name.escape_debug(),
                describe_char(bad)
            ),
        );
    }
}

/// A character as a message names it: the invisible ones by name, so that
/// a user sees what to remove.
fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\t' => "a tab".to_owned(),
        '\n' => "a line feed".to_owned(),
        '\r' => "a carriage return".to_owned(),
        '\u{a0}' => "a non-breaking space (U+00A0)".to_owned(),
        '\u{ad}' => "a soft hyphen (U+00AD)".to_owned(),
        '\u{200b}' => "a zero-width space (U+200B)".to_owned(),
        '\u{feff}' => "a byte order mark (U+FEFF)".to_owned(),
        c if c.is_control() => format!("a control character (U+{:04X})", u32::from(c)),
        c if c.is_whitespace() => format!("a white space character (U+{:04X})", u32::from(c)),
        c if !c.is_ascii() => format!("the non-ASCII character `{c}` (U+{:04X})", u32::from(c)),
        c => format!("`{c}`"),
    }
}

fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// `SiteCookies::SESSIONID`: the `as` name, or the cookie name with every
/// run of characters other than ASCII letters and digits made one `_`, and
/// leading and trailing `_` dropped.
fn constant(decl: &CookieDecl, cx: &Ctxt) -> Option<Constant> {
    if let Some(constant) = &decl.constant {
        return Some(Constant {
            ident: constant.clone(),
            text: constant.to_string(),
        });
    }
    let mut screaming = String::new();
    for c in decl.name.value.chars() {
        if c.is_ascii_alphanumeric() {
            screaming.push(c.to_ascii_uppercase());
        } else if !screaming.ends_with('_') {
            screaming.push('_');
        }
    }
    let screaming = screaming.trim_matches('_');
    if screaming.is_empty() || screaming.starts_with(|c: char| c.is_ascii_digit()) {
        // An empty or invalid name is reported by `name_is_token`.
        if !decl.name.value.is_empty() && decl.name.value.chars().all(is_tchar) {
            cx.error_at(
                decl.name.span,
                format!(
                    "cookie name `{}` does not make a constant name: add one with `as NAME`",
                    decl.name.value
                ),
            );
        }
        return None;
    }
    Some(Constant {
        ident: Ident::new(screaming, decl.name.span),
        text: screaming.to_owned(),
    })
}

/// How a message names a prefixed cookie: with the prefix as the reason,
/// and, when the name writes it in another case, that browsers match it in
/// any case (RFC 6265bis §4.1.3), so that `__host-sid` is no way out.
fn prefixed(name: &str, prefix: &str) -> String {
    if name.starts_with(prefix) {
        format!("cookie name `{name}` has the `{prefix}` prefix")
    } else {
        format!("cookie name `{name}` has the `{prefix}` prefix (browsers match it in any case)")
    }
}

/// RFC 6265bis §4.1.3.1: browsers reject a `__Secure-` cookie without
/// `Secure`. Prefixes match case-insensitively, as browsers do.
fn secure_prefix(cookie: &Cookie, at: &Blame, cx: &Ctxt) {
    if has_prefix(&cookie.name, "__Secure-") && !cookie.secure {
        at.report(
            cx,
            "secure",
            format!(
                "{}, which requires `secure: true` (RFC 6265bis section 4.1.3.1)",
                prefixed(&cookie.name, "__Secure-")
            ),
        );
    }
}

/// RFC 6265bis §4.1.3.2: browsers reject a `__Host-` cookie unless it has
/// `Secure`, `Path=/` and no `Domain`.
fn host_prefix(cookie: &Cookie, at: &Blame, cx: &Ctxt) {
    if !has_prefix(&cookie.name, "__Host-") {
        return;
    }
    let named = prefixed(&cookie.name, "__Host-");
    if !cookie.secure {
        at.report(
            cx,
            "secure",
            format!("{named}, which requires `secure: true` (RFC 6265bis section 4.1.3.2)"),
        );
    }
    if cookie.path != "/" {
        at.report(
            cx,
            "path",
            format!(
                "{named}, which requires `path: \"/\"`, found `{:?}` (RFC 6265bis section \
                 4.1.3.2)",
                cookie.path
            ),
        );
    }
    if let Some(domain) = &cookie.domain {
        at.report(
            cx,
            "domain",
            format!(
                "{named}, which forbids a `domain`, found `{domain:?}` (RFC 6265bis section \
                 4.1.3.2): remove it, a `__Host-` cookie is bound to its host"
            ),
        );
    }
}

fn has_prefix(name: &str, prefix: &str) -> bool {
    name.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// RFC 6265bis §5.6.7 (and every current browser): a `SameSite=None` cookie
/// without `Secure` is rejected.
fn same_site_none_is_secure(cookie: &Cookie, at: &Blame, cx: &Ctxt) {
    if cookie.same_site == SameSite::None && !cookie.secure {
        at.report(
            cx,
            "same_site",
            format!(
                "cookie `{}` has `same_site: None`, which requires `secure: true`: browsers \
                 reject it otherwise",
                cookie.name
            ),
        );
    }
}

/// CHIPS (draft-cutler-httpbis-partitioned-cookies §2.1): a `Partitioned`
/// cookie without `Secure` is rejected.
fn partitioned_is_secure(cookie: &Cookie, at: &Blame, cx: &Ctxt) {
    if cookie.partitioned && !cookie.secure {
        at.report(
            cx,
            "partitioned",
            format!(
                "cookie `{}` has `partitioned: true`, which requires `secure: true`: browsers \
                 reject it otherwise",
                cookie.name
            ),
        );
    }
}

/// RFC 6265bis §5.6.4: a `Path` that does not start with `/` is ignored,
/// and `;` or control characters would break the header.
fn path_is_valid(cookie: &Cookie, at: &Blame, cx: &Ctxt) {
    let path = &cookie.path;
    if !path.starts_with('/') {
        at.report(
            cx,
            "path",
            format!("`path` must start with `/`, found `{path:?}`: browsers ignore it otherwise"),
        );
    } else if path
        .chars()
        .any(|c| c == ';' || c.is_control() || !c.is_ascii())
    {
        at.report(
            cx,
            "path",
            "`path` must not contain `;`, control or non-ASCII characters: they would break the \
             `Set-Cookie` header",
        );
    }
}

/// RFC 6265bis §5.6.3: `Domain` is a host name; `;`, spaces or control
/// characters would break the header.
fn domain_is_valid(cookie: &Cookie, at: &Blame, cx: &Ctxt) {
    let Some(domain) = &cookie.domain else { return };
    let host = domain.strip_prefix('.').unwrap_or(domain);
    let valid = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if !valid {
        at.report(
            cx,
            "domain",
            format!(
                "`domain` must be a host name such as `\"example.fr\"`, found `{domain:?}`: \
                 browsers ignore it otherwise"
            ),
        );
    }
}

/// RFC 6265bis §5.5: browsers keep a cookie at most 400 days, whatever its
/// `Max-Age`; declaring more would misstate its lifetime in the charte.
fn within_browser_cap(cookie: &Cookie, at: &Blame, cx: &Ctxt) {
    // A tracker has the stricter cap of `tracker_within_thirteen_months`.
    if !cookie.category.is_tracker()
        && cookie.lifetime.seconds().unwrap_or(0) > BROWSER_CAP_DAYS * DAY
    {
        at.report(
            cx,
            "max_age",
            format!(
                "cookie `{}` lives {}, over the 400 days browsers keep a cookie (RFC 6265bis \
                 section 5.5): use at most `400 days`",
                cookie.name,
                cookie.lifetime.english()
            ),
        );
    }
}

/// CNIL deliberation 2020-091, article 5: a tracker (statistics, marketing)
/// lives at most 13 months, here 390 days.
fn tracker_within_thirteen_months(cookie: &Cookie, at: &Blame, cx: &Ctxt) {
    let cap = TRACKER_CAP_MONTHS * Unit::Months.seconds();
    let seconds = cookie.lifetime.seconds().unwrap_or(0);
    if cookie.category.is_tracker() && seconds > cap {
        at.report(
            cx,
            "max_age",
            format!(
                "`{}` cookie `{}` lives {}, over the 13 months the CNIL allows a tracker \
                 (deliberation 2020-091): use at most `13 months` (390 days)",
                cookie.category.keyword(),
                cookie.name,
                cookie.lifetime.english()
            ),
        );
    }
}

/// RFC 6265bis §5.7: a cookie with the same name, domain and path replaces
/// the other; two such declarations are one cookie described twice.
pub(super) fn unique_names(cookies: &[Cookie], cx: &Ctxt) {
    let mut seen = HashSet::with_capacity(cookies.len());
    for cookie in cookies {
        if !seen.insert((&cookie.name, &cookie.path, &cookie.domain)) {
            cx.error_at(
                cookie.name_span,
                format!(
                    "cookie `{}` is declared twice with the same path and domain: remove one, or \
                     give them different `path` or `domain`",
                    cookie.name
                ),
            );
        }
    }
}

/// Each cookie is an associated constant: two cookies cannot share one.
/// The second loses its constant (so the expansion stays valid).
pub(super) fn unique_constants(cookies: &mut [Cookie], cx: &Ctxt) {
    let mut holders: HashMap<&str, usize> = HashMap::with_capacity(cookies.len());
    let mut losers = Vec::new();
    for (index, cookie) in cookies.iter().enumerate() {
        let Some(constant) = &cookie.constant else {
            continue;
        };
        let first = match holders.entry(constant.text.as_str()) {
            hash_map::Entry::Vacant(entry) => {
                entry.insert(index);
                continue;
            }
            hash_map::Entry::Occupied(entry) => *entry.get(),
        };
        let other = &cookies[first];
        // The same cookie declared twice is reported by `unique_names`.
        let same =
            other.name == cookie.name && other.path == cookie.path && other.domain == cookie.domain;
        if !same {
            cx.error_spanned_by(
                &constant.ident,
                format!(
                    "cookies `{}` and `{}` both make the constant `{}`: name one with \
                     `as OTHER_NAME`",
                    other.name, cookie.name, constant.text
                ),
            );
        }
        losers.push(index);
    }
    for index in losers {
        cookies[index].constant = None;
    }
}

#[cfg(test)]
mod tests {
    use super::{Reach, known_tracker};

    /// The tracker's name and how the declared name reaches it.
    fn reach(name: &str, external: bool) -> Option<(&'static str, &'static str)> {
        known_tracker(name, external).map(|(tracker, how)| {
            let how = match how {
                Reach::Exact => "exact",
                Reach::InPattern => "in pattern",
                Reach::SamePattern => "same pattern",
                Reach::Covers => "covers",
                Reach::Within => "within",
            };
            (tracker.0, how)
        })
    }

    #[test]
    fn declared_names_reach_the_known_trackers() {
        assert_eq!(reach("_ga", false), Some(("_ga", "exact")));
        assert_eq!(reach("_fbp", true), Some(("_fbp", "exact")));
        assert_eq!(reach("IDE", false), Some(("IDE", "exact")));
        // A tracker's pattern is checked for `extern` cookies only.
        assert_eq!(reach("_ga_K2X9", true), Some(("_ga_*", "in pattern")));
        assert_eq!(reach("_ga_layout", false), None);
        // The narrowest pattern.
        assert_eq!(
            reach("_gat_gtag_UA_1", true),
            Some(("_gat_gtag_*", "in pattern"))
        );
        assert_eq!(reach("_ga_*", true), Some(("_ga_*", "same pattern")));
        assert_eq!(
            reach("_hjSessionUser_*", true),
            Some(("_hjSessionUser_*", "same pattern"))
        );
        assert_eq!(reach("_ga*", true), Some(("_ga", "covers")));
        assert_eq!(
            reach("_hjSession*", true),
            Some(("_hjSessionRejected", "covers"))
        );
        assert_eq!(
            reach("_hjSessionUser*", true),
            Some(("_hjSessionUser_*", "covers"))
        );
        assert_eq!(reach("_ga_K*", true), Some(("_ga_*", "within")));
        // A `*` in the name of a cookie the application sets is a
        // character.
        assert_eq!(reach("_ga*", false), None);
        for name in [
            "sessionid",
            "csrftoken",
            "django_language",
            "cookies_preferences",
            "id",
            "lang",
            "session",
            "token",
            "_pk_id.1.4c2f",
            "_pk_id.*",
            "_s",
            "fr",
            "",
        ] {
            assert_eq!(reach(name, true), None, "{name}");
        }
    }
}

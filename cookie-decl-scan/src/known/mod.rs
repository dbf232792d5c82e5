//! What the project knows about the world's cookies: the cookies that
//! analytics, advertising, social networks, chats, consent managers, CDNs,
//! payment services, CMSs and web frameworks set, by name, with the
//! platform that sets them, what they do (in English and French), their
//! category and their lifetime.
//!
//! A site that already exists, and did not declare its cookies, holds
//! cookies it did not name itself: the scan says, of every cookie nobody
//! declared, which platform's it is when this table knows it; and
//! `declare_cookies!` refuses a well-known tracker (`_ga`, `_fbp`)
//! declared `necessary` or `preferences`.
//!
//! ```
//! use cookie_decl::Category;
//! use cookie_decl_scan::known;
//!
//! let ga = known::lookup("_ga_K2X9Q1").unwrap();
//! assert_eq!((ga.name, ga.platform), ("_ga_*", "Google Analytics"));
//! assert_eq!(ga.category, Category::Statistics);
//! assert_eq!(ga.retention.to_string(), "400 days");
//! assert!(known::lookup("basket_of_my_own").is_none());
//! ```
//!
//! The table ([`KNOWN`], built from the facts of the Open Cookie Database
//! and described in the project's own words; `src/known/table.rs` says
//! how, and how to add a row) knows a cookie by its name, and for a
//! platform that sets it on a host of its own, by that host: a site's own
//! cookie may share a platform's name (`sessionid` is Django's, and many
//! others'), so a match says what the name usually is, not what the cookie
//! is.

use core::fmt;

use cookie_decl::{Category, Lang};

mod table;

pub use table::KNOWN;

/// A cookie the table knows: a platform's, or a framework's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct KnownCookie {
    /// Its name, or a prefix pattern ending in `*` for names that carry an
    /// ID (`_ga_*` for `_ga_K2X9Q1`).
    pub name: &'static str,
    /// The platform, service or software that sets it: `Google
    /// Analytics`, `Hotjar`, `Django`.
    pub platform: &'static str,
    /// The company that operates the platform and receives what the
    /// cookie holds; `None` for software the site runs itself (a CMS, a
    /// framework, a consent script it hosts), whose cookies are the
    /// site's.
    pub provider: Option<&'static str>,
    /// The host the platform sets it on (`doubleclick.net`), when it is
    /// not the site's own domain.
    pub domain: Option<&'static str>,
    /// Its category, by what it does.
    pub category: Category,
    /// How long a browser keeps it.
    pub retention: Retention,
    /// What it does, and for whom, in English: a phrase starting with a
    /// lowercase verb, without a final period ("tells visitors apart, to
    /// count visitors and visits").
    pub purpose_en: &'static str,
    /// The same in French ("distingue les visiteurs, pour compter
    /// visiteurs et visites").
    pub purpose_fr: &'static str,
}

impl KnownCookie {
    /// Whether [`name`](KnownCookie::name) is a prefix pattern (`_ga_*`).
    pub fn is_pattern(&self) -> bool {
        self.name.ends_with('*')
    }

    /// Whether a cookie called `name` is this one by its name: the same
    /// name, or for a pattern, a name that starts with its prefix.
    ///
    /// ```
    /// let hotjar = cookie_decl_scan::known::lookup("_hjSessionUser_3041").unwrap();
    /// assert!(hotjar.matches("_hjSessionUser_77"));
    /// assert!(!hotjar.matches("_hjSession_77"));
    /// ```
    pub fn matches(&self, name: &str) -> bool {
        match self.name.strip_suffix('*') {
            Some(prefix) => name.starts_with(prefix),
            None => self.name == name,
        }
    }

    /// Whether a cookie on `host` (a browser's cookie domain, with or
    /// without its leading `.`) can be this one: any host when the
    /// platform sets it on the site's own domain, else the platform's
    /// host or one of its subdomains.
    ///
    /// ```
    /// let ide = cookie_decl_scan::known::lookup("IDE").unwrap();
    /// assert!(ide.is_on(".doubleclick.net"));
    /// assert!(!ide.is_on("data.example.fr"));
    /// ```
    pub fn is_on(&self, host: &str) -> bool {
        let Some(domain) = self.domain else {
            return true;
        };
        let host = host.trim_start_matches('.').as_bytes();
        let Some(start) = host.len().checked_sub(domain.len()) else {
            return false;
        };
        host[start..].eq_ignore_ascii_case(domain.as_bytes())
            && (start == 0 || host[start - 1] == b'.')
    }

    /// What it does in `lang`; `None` in a language the table does not
    /// have (a purpose is never shown in another language than the one
    /// asked for).
    pub fn purpose(&self, lang: Lang) -> Option<&'static str> {
        match lang {
            Lang::Fr => Some(self.purpose_fr),
            Lang::En => Some(self.purpose_en),
            _ => None,
        }
    }
}

/// How long a browser keeps a known cookie.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Retention {
    /// Until the browser closes.
    Session,
    /// This many seconds after it was set (at most 400 days, what a
    /// browser keeps).
    Seconds(u64),
}

impl Retention {
    /// The lifetime in seconds; `None` for a session cookie.
    pub fn seconds(self) -> Option<u64> {
        match self {
            Retention::Session => None,
            Retention::Seconds(seconds) => Some(seconds),
        }
    }
}

/// `session`, or the lifetime in its largest whole unit, as a
/// declaration's `max_age` writes it: `400 days`, `30 minutes`, `1 day`.
impl fmt::Display for Retention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Retention::Seconds(seconds) = *self else {
            return f.write_str("session");
        };
        let (amount, unit) = [(86_400, "day"), (3_600, "hour"), (60, "minute")]
            .into_iter()
            .find(|&(size, _)| seconds >= size && seconds % size == 0)
            .map_or((seconds, "second"), |(size, unit)| (seconds / size, unit));
        write!(f, "{amount} {unit}{}", if amount == 1 { "" } else { "s" })
    }
}

/// Every row of the table a cookie called `name` can be, best first: the
/// rows of that exact name, in the table's order (the most common
/// platform first), then the patterns it matches, the longest first.
///
/// A name several platforms use gives several rows:
///
/// ```
/// let both: Vec<&str> = cookie_decl_scan::known::lookup_all("_pk_id.1.4c2f")
///     .iter()
///     .map(|known| known.platform)
///     .collect();
/// assert_eq!(both, ["Matomo", "Piwik PRO"]);
/// ```
pub fn lookup_all(name: &str) -> Vec<&'static KnownCookie> {
    let start = KNOWN.partition_point(|known| known.name < name);
    let mut out: Vec<&KnownCookie> = KNOWN[start..]
        .iter()
        .take_while(|known| known.name == name)
        .collect();
    let mut patterns: Vec<&KnownCookie> = KNOWN
        .iter()
        .filter(|known| known.is_pattern() && known.matches(name))
        .collect();
    // Stable: rows of one pattern keep the table's order.
    patterns.sort_by_key(|known| core::cmp::Reverse(known.name.len()));
    out.extend(patterns);
    out
}

/// The row a cookie called `name` most likely is: the first of
/// [`lookup_all`]. An exact name wins over a pattern (`_gat_gtag_UA_1`
/// is the `_gat_gtag_*` row, not `_gat*`'s); of the rows of one name, the
/// table puts the most common platform first.
pub fn lookup(name: &str) -> Option<&'static KnownCookie> {
    lookup_all(name).into_iter().next()
}

/// The rows `declare_cookies!` knows as trackers, and refuses under
/// `necessary` or `preferences` (unless declared `not_a_known_tracker:
/// true`): the unambiguous trackers. A row is one when
///
/// - it is a `statistics` or `marketing` cookie, and no other platform
///   has a cookie of its name in the table (`_pk_id.*`, Matomo's and
///   Piwik PRO's, is not one);
/// - its name is distinctive: it starts with `_` (`_ga`, `_fbp`,
///   `_hjSessionUser_*`), except a few short or ordinary ones (`_s`,
///   `_y`, `_landing_page`), or it is one of a few platform names
///   written otherwise (`IDE`, `VISITOR_INFO1_LIVE`, `MUID`, `bcookie`,
///   `hubspotutk`, `atuserid`).
///
/// Generic names (`sessionid`, `csrftoken`, `id`, `lang`, `session`,
/// `token`) are never among them.
pub fn unambiguous_trackers() -> impl Iterator<Item = &'static KnownCookie> {
    KNOWN.iter().filter(|known| {
        matches!(known.category, Category::Statistics | Category::Marketing)
            && KNOWN
                .iter()
                .all(|other| other.name != known.name || other.platform == known.platform)
            && distinctive(known.name)
    })
}

/// Names that start with `_` but could as well be a site's own.
const ORDINARY: [&str; 6] = [
    "_s",
    "_y",
    "_landing_page",
    "_orig_referrer",
    "_pcid",
    "_pctx",
];

/// Trackers' names that do not start with `_` and no site would choose
/// for a cookie of its own.
const DISTINCTIVE: [&str; 31] = [
    "1P_JAR",
    "ABTasty",
    "ABTastySession",
    "AMCVS_*",
    "AMCV_*",
    "AMP_TOKEN",
    "AnalyticsSyncHistory",
    "FPAU",
    "FPGCLAW",
    "FPGCLDC",
    "FPGCLGB",
    "FPGSID",
    "FPID",
    "FPLC",
    "IDE",
    "MUID",
    "UserMatchHistory",
    "VISITOR_INFO1_LIVE",
    "atidvisitor",
    "atuserid",
    "bcookie",
    "bscookie",
    "guest_id_ads",
    "guest_id_marketing",
    "hubspotutk",
    "li_fat_id",
    "li_giant",
    "li_oatml",
    "li_sugr",
    "lms_ads",
    "muc_ads",
];

fn distinctive(name: &str) -> bool {
    if name.starts_with('_') {
        !ORDINARY.contains(&name)
    } else {
        DISTINCTIVE.contains(&name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_of_names_name_rows_of_the_table() {
        for name in ORDINARY.iter().chain(&DISTINCTIVE) {
            assert!(
                KNOWN.iter().any(|known| known.name == *name),
                "{name} is in no row"
            );
        }
    }

    #[test]
    fn retention_in_its_largest_unit() {
        let lines: Vec<String> = [
            Retention::Session,
            Retention::Seconds(30),
            Retention::Seconds(60),
            Retention::Seconds(90),
            Retention::Seconds(7_200),
            Retention::Seconds(86_400),
            Retention::Seconds(400 * 86_400),
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(
            lines,
            [
                "session",
                "30 seconds",
                "1 minute",
                "90 seconds",
                "2 hours",
                "1 day",
                "400 days"
            ]
        );
    }

    #[test]
    fn hosts() {
        let ide = lookup("IDE").unwrap();
        assert!(ide.is_on("doubleclick.net"));
        assert!(ide.is_on(".ad.DoubleClick.net"));
        assert!(!ide.is_on("notdoubleclick.net"));
        assert!(!ide.is_on("net"));
        assert!(lookup("_ga").unwrap().is_on("127.0.0.1"));
    }
}

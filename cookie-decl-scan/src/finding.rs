//! What the scan reports: one line each, with the scenario and the page.

use core::fmt;

use cookie_decl::Category;
use cookie_decl::consent::CategorySet;

use crate::known::{self, KnownCookie};

/// A consent scenario: what the visitor chose before the pages were
/// opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scenario {
    /// A first visit: the visitor has not answered the banner.
    NotAsked,
    /// "Tout refuser".
    RefuseAll,
    /// "Tout accepter".
    AcceptAll,
    /// Only this category accepted, from the preferences page.
    Only(Category),
    /// "Tout accepter", the pages opened, then this category withdrawn
    /// from the preferences page and the pages opened again.
    Withdraw(Category),
}

impl Scenario {
    /// The scenarios for a site that asks consent for `asked`: not asked,
    /// refuse all, accept all, each category alone (when there are two or
    /// more), and each category withdrawn after accepting all.
    pub fn all(asked: CategorySet) -> Vec<Scenario> {
        let mut out = vec![Scenario::NotAsked];
        if asked.is_empty() {
            return out;
        }
        out.extend([Scenario::RefuseAll, Scenario::AcceptAll]);
        if asked.iter().count() > 1 {
            out.extend(asked.iter().map(Scenario::Only));
        }
        out.extend(asked.iter().map(Scenario::Withdraw));
        out
    }

    /// The categories granted once the scenario's choice is made.
    pub fn granted(self, asked: CategorySet) -> CategorySet {
        match self {
            Scenario::NotAsked | Scenario::RefuseAll => CategorySet::NONE,
            Scenario::AcceptAll => asked,
            Scenario::Only(category) => asked.intersection(CategorySet::from(category)),
            Scenario::Withdraw(category) => asked.without(category),
        }
    }

    /// A short name for tables and JSON: `not-asked`, `only-statistics`.
    pub fn slug(self) -> String {
        match self {
            Scenario::NotAsked => "not-asked".to_owned(),
            Scenario::RefuseAll => "refuse-all".to_owned(),
            Scenario::AcceptAll => "accept-all".to_owned(),
            Scenario::Only(category) => format!("only-{category}"),
            Scenario::Withdraw(category) => format!("withdraw-{category}"),
        }
    }
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scenario::NotAsked => f.write_str("not asked"),
            Scenario::RefuseAll => f.write_str("refuse all"),
            Scenario::AcceptAll => f.write_str("accept all"),
            Scenario::Only(category) => write!(f, "only {category}"),
            Scenario::Withdraw(category) => write!(f, "accept all, then withdraw {category}"),
        }
    }
}

/// One thing the browser held, or did, that the declaration does not
/// allow; `Display` gives one line: `[scenario] page: what`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The scenario it was seen in.
    pub scenario: Scenario,
    /// The page (its path, or its URL when on another origin) after which
    /// it was seen.
    pub page: String,
    /// What was seen.
    pub kind: FindingKind,
}

/// What a [`Finding`] is about.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FindingKind {
    /// A cookie no declaration names (patterns honoured), on the site's
    /// host or, `third_party`, on another one.
    Undeclared {
        /// Its name.
        name: String,
        /// Its host (with a leading `.` for a `Domain` cookie).
        domain: String,
        /// Whether its host is not the site's.
        third_party: bool,
        /// What the table of [`known`] cookies says of its
        /// name on its host ([`FindingKind::known_as`]),
        /// or `None` when it does not know it.
        known: Option<&'static KnownCookie>,
    },
    /// A cookie of a category the visitor has not accepted.
    WithoutConsent {
        /// Its name.
        name: String,
        /// Its host.
        domain: String,
        /// Its declared category.
        category: Category,
    },
    /// A cookie that lives longer than declared (beyond the tolerance).
    Lifetime {
        /// Its name.
        name: String,
        /// The declared lifetime in seconds; `None`: a session cookie.
        declared: Option<i64>,
        /// How long the browser will keep it, in seconds, from when it was
        /// read.
        found: i64,
    },
    /// A cookie whose attribute differs from the declaration.
    Attribute {
        /// Its name.
        name: String,
        /// What the declaration says (`Path=/`, `HttpOnly`).
        declared: String,
        /// What the browser holds (`Path=/app`, `no HttpOnly`).
        found: String,
    },
    /// A cookie of a withdrawn category still in the browser right after
    /// the withdrawal was submitted.
    SurvivedWithdrawal {
        /// Its name.
        name: String,
        /// Its host.
        domain: String,
        /// Its `Path`.
        path: String,
        /// The category withdrawn.
        category: Category,
    },
    /// The cookie that keeps the visitor's choice is not in the browser
    /// after a choice was submitted.
    ConsentCookieMissing {
        /// The consent cookie's name.
        name: String,
    },
    /// A category's box already ticked on the preferences page that the
    /// banner's "Personnaliser" led a first-time visitor to: a pre-ticked
    /// box is no consent (CNIL deliberation 2020-092; GDPR article
    /// 4(11)).
    PreTicked {
        /// The category.
        category: Category,
    },
    /// A request to another host while the visitor had not accepted what
    /// it is for: a pixel, a script, a beacon. It tracks without a cookie.
    ThirdPartyRequest {
        /// The host requested.
        host: String,
        /// One URL requested there (the first).
        url: String,
        /// What asked for it (`Image`, `Script`, `Fetch`...).
        kind: String,
    },
    /// A request to another host, made after the visitor withdrew the
    /// category it is for (right after the withdrawal, or on the pages
    /// opened since), other than to an opt-out URL the declaration names
    /// ([`Declaration::opt_out`](crate::Declaration::opt_out)): the
    /// tracker is still told of the visitor.
    RequestAfterWithdrawal {
        /// The host requested.
        host: String,
        /// One URL requested there (the first).
        url: String,
        /// What asked for it (`Image`, `Script`, `Fetch`...).
        kind: String,
        /// The category withdrawn.
        category: Category,
    },
}

impl FindingKind {
    /// What the table of known cookies says of an undeclared cookie
    /// called `name` on `domain`: the best of the rows of its name whose
    /// platform sets it on such a host ([`known::lookup_all`],
    /// [`KnownCookie::is_on`]).
    pub fn known_as(name: &str, domain: &str) -> Option<&'static KnownCookie> {
        known::lookup_all(name)
            .into_iter()
            .find(|known| known.is_on(domain))
    }

    /// The cookie or host it is about, for the report's table.
    pub fn subject(&self) -> &str {
        match self {
            FindingKind::Undeclared { name, .. }
            | FindingKind::WithoutConsent { name, .. }
            | FindingKind::Lifetime { name, .. }
            | FindingKind::Attribute { name, .. }
            | FindingKind::SurvivedWithdrawal { name, .. }
            | FindingKind::ConsentCookieMissing { name } => name,
            FindingKind::ThirdPartyRequest { host, .. }
            | FindingKind::RequestAfterWithdrawal { host, .. } => host,
            FindingKind::PreTicked { category } => category.as_str(),
        }
    }

    /// A short name for JSON: `undeclared`, `without-consent`,
    /// `lifetime`, `attribute`, `survived-withdrawal`,
    /// `consent-cookie-missing`, `pre-ticked`, `third-party-request`,
    /// `request-after-withdrawal`.
    pub fn code(&self) -> &'static str {
        match self {
            FindingKind::Undeclared { .. } => "undeclared",
            FindingKind::WithoutConsent { .. } => "without-consent",
            FindingKind::Lifetime { .. } => "lifetime",
            FindingKind::Attribute { .. } => "attribute",
            FindingKind::SurvivedWithdrawal { .. } => "survived-withdrawal",
            FindingKind::ConsentCookieMissing { .. } => "consent-cookie-missing",
            FindingKind::PreTicked { .. } => "pre-ticked",
            FindingKind::ThirdPartyRequest { .. } => "third-party-request",
            FindingKind::RequestAfterWithdrawal { .. } => "request-after-withdrawal",
        }
    }
}

/// A lifetime in the largest unit that is close: `400 days`, `2 hours`.
pub(crate) fn duration(seconds: i64) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    match seconds {
        s if s >= 2 * 86_400 => plural((s + 43_200) / 86_400, "day"),
        s if s >= 2 * 3_600 => plural((s + 1_800) / 3_600, "hour"),
        s if s >= 120 => plural((s + 30) / 60, "minute"),
        s => plural(s, "second"),
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FindingKind::Undeclared {
                name,
                domain,
                third_party,
                known,
            } => {
                write!(
                    f,
                    "{} cookie `{name}` on `{domain}` is not declared",
                    if *third_party {
                        "third-party"
                    } else {
                        "first-party"
                    }
                )?;
                match known {
                    Some(known) => write_known(f, name, known),
                    None => f.write_str("; not in the table of known cookies"),
                }
            }
            FindingKind::WithoutConsent {
                name,
                domain,
                category,
            } => write!(
                f,
                "`{category}` cookie `{name}` on `{domain}` is set without consent to {category}"
            ),
            FindingKind::Lifetime {
                name,
                declared,
                found,
            } => match declared {
                Some(declared) => write!(
                    f,
                    "cookie `{name}` lives {} ({found} s), longer than the {} ({declared} s) declared",
                    duration(*found),
                    duration(*declared)
                ),
                None => write!(
                    f,
                    "cookie `{name}` lives {} ({found} s), but is declared a session cookie",
                    duration(*found)
                ),
            },
            FindingKind::Attribute {
                name,
                declared,
                found,
            } => write!(
                f,
                "cookie `{name}` has {found}, where the declaration says {declared}"
            ),
            FindingKind::SurvivedWithdrawal {
                name,
                domain,
                path,
                category,
            } => write!(
                f,
                "`{category}` cookie `{name}` (on `{domain}`, `Path={path}`) survived the withdrawal of {category}"
            ),
            FindingKind::ConsentCookieMissing { name } => write!(
                f,
                "consent cookie `{name}` is not in the browser after the choice"
            ),
            FindingKind::PreTicked { category } => write!(
                f,
                "the preferences page offers `{category}` ticked before the visitor chose: \
                 a pre-ticked box is no consent"
            ),
            FindingKind::ThirdPartyRequest { host, url, kind } => write!(
                f,
                "request to third-party host `{host}` without consent ({kind} {url})"
            ),
            FindingKind::RequestAfterWithdrawal {
                host,
                url,
                kind,
                category,
            } => write!(
                f,
                "request to third-party host `{host}` after the withdrawal of {category} \
                 ({kind} {url})"
            ),
        }
    }
}

/// What the table knows of an undeclared cookie, as its line says it: the
/// platform, the category, what it does and its lifetime, and the other
/// platforms that use the name.
fn write_known(f: &mut fmt::Formatter<'_>, name: &str, known: &KnownCookie) -> fmt::Result {
    write!(
        f,
        "; known as a `{}` cookie of {}",
        known.category, known.platform
    )?;
    if known.is_pattern() {
        write!(f, ", `{}`,", known.name)?;
    }
    write!(f, " that {} ({})", known.purpose_en, known.retention)?;
    let mut others: Vec<&str> = known::lookup_all(name)
        .iter()
        .map(|other| other.platform)
        .filter(|platform| *platform != known.platform)
        .collect();
    others.dedup();
    if !others.is_empty() {
        write!(f, "; also used by {}", others.join(", "))?;
    }
    Ok(())
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}: {}", self.scenario, self.page, self.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenarios_of_two_categories() {
        let asked = CategorySet::from(Category::Preferences).with(Category::Statistics);
        let names: Vec<String> = Scenario::all(asked).iter().map(|s| s.slug()).collect();
        assert_eq!(
            names,
            [
                "not-asked",
                "refuse-all",
                "accept-all",
                "only-preferences",
                "only-statistics",
                "withdraw-preferences",
                "withdraw-statistics"
            ]
        );
        assert_eq!(
            Scenario::Withdraw(Category::Statistics).granted(asked),
            CategorySet::from(Category::Preferences)
        );
    }

    #[test]
    fn lines() {
        let finding = Finding {
            scenario: Scenario::NotAsked,
            page: "/".to_owned(),
            kind: FindingKind::Lifetime {
                name: "lang".to_owned(),
                declared: Some(31_536_000),
                found: 34_560_000,
            },
        };
        assert_eq!(
            finding.to_string(),
            "[not asked] /: cookie `lang` lives 400 days (34560000 s), longer than the 365 days (31536000 s) declared"
        );
    }

    fn undeclared(name: &str, domain: &str) -> String {
        FindingKind::Undeclared {
            name: name.to_owned(),
            domain: domain.to_owned(),
            third_party: domain.contains("doubleclick"),
            known: FindingKind::known_as(name, domain),
        }
        .to_string()
    }

    #[test]
    fn an_undeclared_cookie_with_what_the_table_knows_of_it() {
        assert_eq!(
            undeclared("_ga", "127.0.0.1"),
            "first-party cookie `_ga` on `127.0.0.1` is not declared; known as a `statistics` \
             cookie of Google Analytics that tells visitors apart, to count visitors and visits \
             (400 days)"
        );
        assert_eq!(
            undeclared("_hjSession_3041", "127.0.0.1"),
            "first-party cookie `_hjSession_3041` on `127.0.0.1` is not declared; known as a \
             `statistics` cookie of Hotjar, `_hjSession_*`, that holds the current session's \
             data for Hotjar (30 minutes)"
        );
        assert_eq!(
            undeclared("IDE", ".doubleclick.net"),
            "third-party cookie `IDE` on `.doubleclick.net` is not declared; known as a \
             `marketing` cookie of Google Ads that tells browsers apart to choose, cap and \
             measure ads from site to site (DoubleClick) (390 days)"
        );
        assert_eq!(
            undeclared("_pk_ses.1.4c2f", "127.0.0.1"),
            "first-party cookie `_pk_ses.1.4c2f` on `127.0.0.1` is not declared; known as a \
             `statistics` cookie of Matomo, `_pk_ses.*`, that marks a visit in progress \
             (30 minutes); also used by Piwik PRO"
        );
        // Known on another host only: the site's own `IDE` is not
        // DoubleClick's.
        assert_eq!(
            undeclared("IDE", "127.0.0.1"),
            "first-party cookie `IDE` on `127.0.0.1` is not declared; not in the table of known \
             cookies"
        );
        assert_eq!(
            undeclared("basket", "127.0.0.1"),
            "first-party cookie `basket` on `127.0.0.1` is not declared; not in the table of \
             known cookies"
        );
    }
}

//! The declaration a site would need, drafted from what the browser held:
//! for a site that has none yet.
//!
//! A scan of the site as it is ([`Scan::without_declaration`], then
//! [`Scan::draft`]) gives each cookie of the store, where it lived, with
//! which attributes and for how long, and whether a response's
//! `Set-Cookie` named it. [`Draft`] turns that into a `declare_cookies!`
//! block that compiles as written ([`Draft::to_rust`]) and into the JSON
//! of `cookie-decl`'s `serde` export ([`Draft::to_json`]), for a site that
//! is not written in Rust.
//!
//! What the draft decides, cookie by cookie:
//!
//! - **`extern`** when another party set it: a cookie on another site's
//!   host, or one on the site's host that no response's `Set-Cookie`
//!   named and that is not `HttpOnly` (a page's script wrote it with
//!   `document.cookie`). Its `secure`, `http_only` and `same_site` are the
//!   other party's and are not declared.
//! - **A pattern** (`extern "_ga_*"`) where the table of
//!   [`known`](crate::known) cookies has one for the name and the cookie
//!   is `extern` and at `Path=/` (a pattern anywhere else could not be
//!   removed on withdrawal, and the macro refuses it); several cookies of
//!   one pattern make one declaration.
//! - **The category, provider, service and purpose** from the table when
//!   it knows the name on that host: the platform's company, the platform,
//!   and its French purpose (the charte is French). Otherwise, the service
//!   and the purpose start with `TODO:`, the purpose saying what the
//!   browser saw, and the category is the one that asks the most of the
//!   site rather than the least (see [`unknown_category`]): `necessary`
//!   only for a cookie of the site's own host that the site already sets
//!   before any consent, or that it sets once the visitor chose and whose
//!   name speaks of consent, `marketing` for any other.
//! - **`max_age`** from what the browser saw (its expiry less the time of
//!   the read), rounded to a whole number of the largest unit that stays
//!   within the time the scan took to read it ([`round_lifetime`]), and
//!   held to the macro's caps: 13 months (390 days) for `statistics` and
//!   `marketing`, 400 days for the others.
//! - **The attributes** as the browser holds them, held to the macro's
//!   rules (`__Host-` without `domain` and at `/`, `__Secure-`, `same_site:
//!   None` and `partitioned` with `secure`); a cookie stored without
//!   `SameSite` is declared `Lax`, what the browser applies to it.

use core::fmt::Write as _;
use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cookie_decl::Category;
use cookie_decl::consent::{CategorySet, ConsentSignal};
use cookie_decl::cookie::SameSite;
use serde_json::Value;

use crate::browser::BrowserCookie;
use crate::declaration::{domain_matches, host_of, origin_of};
use crate::known::{self, KnownCookie};
use crate::{Declaration, Error, Expected, Report, Scan, Scenario};

/// The registry the draft declares.
const REGISTRY: &str = "SiteCookies";

/// CNIL deliberation 2020-091: a tracker (`statistics`, `marketing`) lives
/// at most 13 months of 30 days, the macro's cap.
const TRACKER_CAP: u64 = 390 * DAY;

/// RFC 6265bis §5.5: what a browser keeps, the macro's cap for the other
/// categories.
const BROWSER_CAP: u64 = 400 * DAY;

const MINUTE: u64 = 60;
const HOUR: u64 = 60 * MINUTE;
const DAY: u64 = 24 * HOUR;
const MONTH: u64 = 30 * DAY;
const YEAR: u64 = 365 * DAY;

/// The constants the registry has besides its cookies'.
const RESERVED: [&str; 4] = ["SITE", "COOKIES", "CHARTE", "TAGS"];

impl Scan {
    /// A scan of the site at `base_url` that has no declaration yet, to
    /// [`draft`](Scan::draft) one: every cookie the browser holds is
    /// undeclared, and the site is the URL's origin.
    ///
    /// ```no_run
    /// use cookie_decl_scan::Scan;
    ///
    /// let draft = Scan::without_declaration("https://data.example.fr")
    ///     .pages(["/", "/actualites"])
    ///     .draft()?;
    /// draft.write_rust("src/cookies.rs")?;
    /// # Ok::<(), cookie_decl_scan::Error>(())
    /// ```
    pub fn without_declaration(base_url: &str) -> Scan {
        let declaration = Declaration {
            site: origin(base_url),
            cookies: Vec::new(),
            consent_cookie: None,
            asked: CategorySet::NONE,
            opt_out: Vec::new(),
        };
        Scan::with_declaration(declaration, base_url)
    }

    /// Scans the site and drafts the declaration of everything the browser
    /// held ([`Draft`]): the pages opened without answering the banner,
    /// then, when the scan can make a choice, opened again after accepting
    /// everything, so that the cookies set only after consent are in the
    /// draft too. The scan makes a choice with the
    /// [`consent_steps`](Scan::consent_steps) given, or with the generated
    /// banner when its declaration asks consent for something (a site that
    /// already has one); [`scenarios`](Scan::scenarios) overrides that.
    /// The findings of the scan are not looked at: every cookie is one.
    ///
    /// ```no_run
    /// use cookie_decl_scan::Scan;
    ///
    /// let draft = Scan::without_declaration("http://127.0.0.1:8080")
    ///     .pages(["/", "/stats"])
    ///     .consent_steps(|browser, _choice, _base| browser.click_button("Accept all"))
    ///     .draft()?;
    /// draft.write_rust("src/cookies.rs")?;
    /// draft.write_json("cookies.json")?;
    /// println!("{} cookies, {} to describe", draft.cookies().len(), draft.todos());
    /// # Ok::<(), cookie_decl_scan::Error>(())
    /// ```
    pub fn draft(self) -> Result<Draft, Error> {
        let scenarios = self.scenarios.clone().unwrap_or_else(|| {
            let mut scenarios = vec![Scenario::NotAsked];
            if self.makes_choices() {
                scenarios.push(Scenario::AcceptAll);
            }
            scenarios
        });
        let scan = Scan {
            scenarios: Some(scenarios),
            ..self
        };
        Ok(Draft::from_report(&scan.run()?))
    }

    /// [`draft`](Scan::draft) for a test: `None`, with a message, when
    /// Chromium or ChromeDriver is not installed, unless `$CI` is set:
    /// then it panics. Any other error panics with its message.
    pub fn draft_or_skip(self) -> Option<Draft> {
        let base = self.base.clone();
        match self.draft() {
            Ok(draft) => Some(draft),
            Err(Error::BrowserMissing) => {
                crate::browser::skip("cookie scan draft");
                None
            }
            Err(err) => panic!("cookie scan draft of {base}: {err}"),
        }
    }

    /// Whether the scan can answer the banner: with the steps given, or
    /// with the generated interface of a declaration that asks consent.
    /// Every other way of giving the steps goes here too.
    fn makes_choices(&self) -> bool {
        self.steps.is_some() || self.file_steps.is_some() || !self.declaration.asked.is_empty()
    }
}

/// One cookie as a scan saw it: the input of a [`Draft`].
#[derive(Clone, Debug, PartialEq)]
pub struct Seen {
    /// The cookie as the browser held it when last read.
    pub cookie: BrowserCookie,
    /// Seconds it had left to live then; `None` for a session cookie.
    pub lives: Option<i64>,
    /// How long the scenario had run when it was read: how much shorter
    /// than its lifetime `lives` may be, the cookie having been set
    /// before.
    pub elapsed: Duration,
    /// The scenario it was held in.
    pub scenario: Scenario,
    /// The page after which it was first seen.
    pub page: String,
    /// Whether a response's `Set-Cookie` named it (from a host it can
    /// set it on); `false`: a page's script set it, or another site's.
    pub set_by_response: bool,
}

/// One cookie of a [`Draft`], as it is declared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftCookie {
    /// Its name as declared: the cookie's, or for `extern` cookies of a
    /// platform whose names carry an ID, the table's pattern (`_ga_*`).
    pub name: String,
    /// The constant's name when the one the macro makes of the name does
    /// not do (`as GA_ANY`): it starts with a digit, or another cookie's
    /// is the same.
    pub constant: Option<String>,
    /// Its category.
    pub category: Category,
    /// Set by another party: declared `extern`, without `secure`,
    /// `http_only` and `same_site`.
    pub external: bool,
    /// `provider`.
    pub provider: String,
    /// `service`; starts with `TODO:` when the table does not know it.
    pub service: String,
    /// `purpose`, in French; starts with `TODO:`, and says what the browser
    /// saw, when the table does not know it.
    pub purpose: String,
    /// Its lifetime in seconds; `None` for a session cookie.
    pub max_age: Option<u64>,
    /// `secure`.
    pub secure: bool,
    /// `http_only`.
    pub http_only: bool,
    /// `same_site`.
    pub same_site: SameSite,
    /// `path`.
    pub path: String,
    /// `domain`, or `None` for a host-only cookie of the site.
    pub domain: Option<String>,
    /// `partitioned`.
    pub partitioned: bool,
    /// What the table of known cookies says of it, when it knows it on its
    /// host.
    pub known: Option<&'static KnownCookie>,
    /// What the browser saw, one line: the comment above it.
    pub seen: String,
    /// What the draft chose or changed and why, and what to check: more
    /// comments above it.
    pub notes: Vec<String>,
}

impl DraftCookie {
    /// Whether its description is left to write: the table did not know
    /// it.
    pub fn is_todo(&self) -> bool {
        self.purpose.starts_with("TODO")
    }

    /// Its `max_age` as written in the declaration: `session`, `13
    /// months`, `1 day`.
    pub fn max_age_text(&self) -> String {
        lifetime_text(self.max_age)
    }
}

/// A declaration drafted from a scan of a site that has none: write it
/// with [`to_rust`](Draft::to_rust) or [`to_json`](Draft::to_json), or
/// scan against it at once with [`declaration`](Draft::declaration).
///
/// ```
/// use std::time::Duration;
/// use cookie_decl::Category;
/// use cookie_decl_scan::browser::BrowserCookie;
/// use cookie_decl_scan::{Draft, Scenario, Seen};
///
/// let ga = Seen {
///     cookie: BrowserCookie {
///         name: "_ga".to_owned(),
///         value: "GA1.1.1.1".to_owned(),
///         domain: "data.example.fr".to_owned(),
///         path: "/".to_owned(),
///         expires: None,
///         http_only: false,
///         secure: false,
///         same_site: "Lax".to_owned(),
///         partitioned: false,
///     },
///     lives: Some(400 * 86_400 - 3),
///     elapsed: Duration::from_secs(4),
///     scenario: Scenario::AcceptAll,
///     page: "/".to_owned(),
///     set_by_response: false,
/// };
/// let draft = Draft::from_seen("https://data.example.fr", [ga]);
/// let cookie = &draft.cookies()[0];
/// assert_eq!((cookie.category, cookie.external), (Category::Statistics, true));
/// assert_eq!(cookie.provider, "Google");
/// // Two years for Google, 400 days in a browser, 13 months for the CNIL.
/// assert_eq!(cookie.max_age_text(), "13 months");
/// assert!(draft.to_rust().contains("    statistics {\n"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    site: String,
    cookies: Vec<DraftCookie>,
    /// Cookies that cannot be declared, with why.
    skipped: Vec<String>,
    /// The scenarios the scan ran, in order.
    scenarios: Vec<Scenario>,
    /// The pages it opened, in order (empty when not from a scan).
    pages: Vec<String>,
    /// When the draft was made, seconds since the Unix epoch.
    made: u64,
}

impl Draft {
    /// The draft of what the browser held in every scenario of `report`.
    pub fn from_report(report: &Report) -> Draft {
        let mut seen = Vec::new();
        for result in report.scenarios() {
            for held in &result.held {
                let cookie = &held.cookie;
                let set_by_response = report.set_by_responses.iter().any(|(host, name)| {
                    *name == cookie.name && (host.is_empty() || domain_matches(host, cookie.host()))
                });
                seen.push(Seen {
                    cookie: cookie.clone(),
                    lives: held.lives,
                    elapsed: result.elapsed,
                    scenario: result.scenario,
                    page: held.first_seen_on().to_owned(),
                    set_by_response,
                });
            }
        }
        let mut draft = Draft::from_seen(&report.base, seen);
        draft.scenarios = report.scenarios().iter().map(|s| s.scenario).collect();
        for page in report.scenarios().iter().flat_map(|s| &s.pages) {
            if !draft.pages.contains(page) {
                draft.pages.push(page.clone());
            }
        }
        draft
    }

    /// The draft of the cookies `seen` on the site at `site_url`, in the
    /// order given (the first sighting of a cookie decides its place in
    /// its category).
    pub fn from_seen(site_url: &str, seen: impl IntoIterator<Item = Seen>) -> Draft {
        let site = origin(site_url);
        let host = host_of(&site).to_ascii_lowercase();
        // One entry per cookie of the store: (name, domain, path).
        let mut groups: Vec<Group> = Vec::new();
        let mut scenarios: Vec<Scenario> = Vec::new();
        for seen in seen {
            if !scenarios.contains(&seen.scenario) {
                scenarios.push(seen.scenario);
            }
            let key = |c: &BrowserCookie| (c.name.clone(), c.domain.clone(), c.path.clone());
            match groups
                .iter_mut()
                .find(|g| key(&g.last.cookie) == key(&seen.cookie))
            {
                Some(group) => group.add(seen),
                None => groups.push(Group::new(seen)),
            }
        }
        let mut cookies: Vec<DraftCookie> = Vec::new();
        let mut skipped = Vec::new();
        for group in &groups {
            match draft_cookie(group, &host).and_then(|cookie| merge(&mut cookies, cookie)) {
                Ok(()) => {}
                Err(why) => skipped.push(why),
            }
        }
        // Grouped by category, in the charte's order; in each, in the
        // order first seen.
        cookies.sort_by_key(|cookie| cookie.category);
        name_constants(&mut cookies);
        Draft {
            site,
            cookies,
            skipped,
            scenarios,
            pages: Vec::new(),
            made: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_secs()),
        }
    }

    /// The site the declaration names (`site:`): the origin of the URL
    /// scanned.
    pub fn site(&self) -> &str {
        &self.site
    }

    /// The cookies to declare, by category (necessary, preferences,
    /// statistics, marketing), each in the order first seen.
    pub fn cookies(&self) -> &[DraftCookie] {
        &self.cookies
    }

    /// The cookie declared as `name` (a pattern such as `_ga_*` by its
    /// pattern), if any.
    pub fn get(&self, name: &str) -> Option<&DraftCookie> {
        self.cookies.iter().find(|cookie| cookie.name == name)
    }

    /// How many cookies have a description left to write (`TODO:`).
    pub fn todos(&self) -> usize {
        self.cookies.iter().filter(|c| c.is_todo()).count()
    }

    /// The cookies the browser held that no declaration can hold, with
    /// why: a name with characters RFC 6265bis forbids, or none.
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// The draft as a declaration the scan holds a site to, without
    /// writing it out: what [`Declaration::from_json`] reads from
    /// [`to_json`](Draft::to_json).
    pub fn declaration(&self) -> Declaration {
        let cookies: Vec<Expected> = self
            .cookies
            .iter()
            .map(|cookie| Expected {
                name: cookie.name.clone(),
                category: cookie.category,
                needs_consent: cookie.category.needs_consent(),
                max_age: cookie.max_age.map(|s| i64::try_from(s).unwrap_or(i64::MAX)),
                // What the macro gives an `extern` cookie, which declares
                // none of the three.
                secure: cookie.secure || cookie.external,
                http_only: cookie.http_only || cookie.external,
                same_site: if cookie.external {
                    SameSite::Lax
                } else {
                    cookie.same_site
                },
                path: cookie.path.clone(),
                domain: cookie.domain.clone(),
                partitioned: cookie.partitioned,
                external: cookie.external,
            })
            .collect();
        Declaration {
            site: self.site.clone(),
            asked: cookies
                .iter()
                .filter(|c| c.needs_consent)
                .map(|c| c.category)
                .collect(),
            cookies,
            consent_cookie: None,
            opt_out: Vec::new(),
        }
    }

    /// The draft as Rust: `use cookie_decl::declare_cookies;` and one
    /// `declare_cookies!` of a `pub struct SiteCookies`, which compiles as
    /// written. A comment above each cookie says what the browser saw and
    /// what the draft chose; each `TODO:` is a description to write.
    pub fn to_rust(&self) -> String {
        let mut out = String::new();
        let scenarios: Vec<String> = self.scenarios.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "// A draft of the cookie declaration of {}, written by `cookie-decl-scan --draft`\n\
             // on {} from what headless Chromium held{} in the scenarios: {}.",
            comment(&self.site),
            date(self.made),
            if self.pages.is_empty() {
                String::new()
            } else {
                format!(" on the pages {}", comment(&self.pages.join(", ")))
            },
            if scenarios.is_empty() {
                "none".to_owned()
            } else {
                scenarios.join(", ")
            },
        );
        out.push_str(
            "//\n\
             // Read it before use. The table of known cookies gave the provider, service,\n\
             // purpose and category of the cookies it knows; the others say `TODO:` in their\n\
             // service and purpose, and sit under `necessary` when the site set them before\n\
             // any consent (or their name speaks of consent), under `marketing` otherwise:\n\
             // move each to the category of what it does. Lifetimes are what the browser saw,\n\
             // within the caps the compiler enforces (13 months for `statistics` and\n\
             // `marketing`, 400 days otherwise).\n",
        );
        if self.todos() > 0 {
            let _ = writeln!(out, "// Cookies to describe (`TODO:`): {}.", self.todos());
        }
        for skipped in &self.skipped {
            let _ = writeln!(out, "// Not declarable: {}.", comment(skipped));
        }
        let _ = write!(
            out,
            "\nuse cookie_decl::declare_cookies;\n\ndeclare_cookies! {{\n    \
             /// The cookies of {}, drafted from a scan.\n    \
             pub struct {REGISTRY} {{\n        site: {},\n    }}\n",
            comment(host_of(&self.site)),
            literal(&self.site),
        );
        for category in Category::ALL {
            let mut cookies = self.cookies.iter().filter(|c| c.category == category);
            let Some(first) = cookies.next() else {
                continue;
            };
            let _ = write!(out, "\n    {category} {{\n");
            for (index, cookie) in core::iter::once(first).chain(cookies).enumerate() {
                if index > 0 {
                    out.push('\n');
                }
                rust_cookie(&mut out, cookie);
            }
            out.push_str("    }\n");
        }
        out.push_str("}\n");
        out
    }

    /// The draft as the JSON `cookie-decl`'s `serde` feature exports for
    /// the declaration [`to_rust`](Draft::to_rust) writes (`{ "site",
    /// "consent_cookie", "cookies": [...], "tags", "consent_mode" }`), the
    /// same value: what `cookie-decl-scan --declaration` reads, for a site
    /// that is not written in Rust.
    pub fn to_json(&self) -> String {
        let cookies: Vec<Json> = self.cookies.iter().map(json_cookie).collect();
        // Google Consent Mode's signals and the categories that grant
        // them: the defaults of a declaration without `consent_mode`.
        let consent_mode = ConsentSignal::ALL
            .into_iter()
            .map(|signal| {
                let category = signal.default_category().as_str();
                (signal.key(), Json::Value(Value::from(category)))
            })
            .collect();
        let root = Json::Object(vec![
            ("site", Json::Value(Value::from(self.site.as_str()))),
            ("consent_cookie", Json::Value(Value::Null)),
            ("cookies", Json::Array(cookies)),
            ("tags", Json::Array(Vec::new())),
            ("consent_mode", Json::Object(consent_mode)),
        ]);
        let mut out = String::new();
        root.write(&mut out, 0);
        out.push('\n');
        out
    }

    /// Writes [`to_rust`](Draft::to_rust) to `path`.
    pub fn write_rust(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        write(path.as_ref(), &self.to_rust())
    }

    /// Writes [`to_json`](Draft::to_json) to `path`.
    pub fn write_json(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        write(path.as_ref(), &self.to_json())
    }
}

fn write(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)?;
    Ok(())
}

/// Every sighting of one cookie of the store.
struct Group {
    /// The last sighting, whose attributes are declared.
    last: Seen,
    /// The longest lifetime left seen, with its scenario's time: the read
    /// closest to when it was set.
    longest: Option<(i64, Duration)>,
    /// The scenarios it was held in, in order, and the page after which it
    /// was first seen (in the first of them).
    scenarios: Vec<Scenario>,
    page: String,
    set_by_response: bool,
}

impl Group {
    fn new(seen: Seen) -> Group {
        Group {
            longest: seen.lives.map(|lives| (lives, seen.elapsed)),
            scenarios: vec![seen.scenario],
            page: seen.page.clone(),
            set_by_response: seen.set_by_response,
            last: seen,
        }
    }

    fn add(&mut self, seen: Seen) {
        if let Some(lives) = seen.lives {
            if self.longest.is_none_or(|(longest, _)| lives > longest) {
                self.longest = Some((lives, seen.elapsed));
            }
        }
        if !self.scenarios.contains(&seen.scenario) {
            self.scenarios.push(seen.scenario);
        }
        self.set_by_response |= seen.set_by_response;
        self.last = seen;
    }

    /// Whether the site set it before the visitor answered anything.
    fn before_consent(&self) -> bool {
        self.scenarios.contains(&Scenario::NotAsked)
    }
}

/// The declaration of one cookie of the store, or why it has none.
fn draft_cookie(group: &Group, site_host: &str) -> Result<DraftCookie, String> {
    let cookie = &group.last.cookie;
    let name = cookie.name.as_str();
    if name.is_empty() {
        return Err(format!(
            "a cookie without a name on {}: no declaration can hold it",
            cookie.domain
        ));
    }
    if let Some(bad) = name.chars().find(|&c| !is_tchar(c)) {
        return Err(format!(
            "cookie {name:?} on {}: its name has {bad:?}, which RFC 6265bis forbids in a cookie \
             name and the macro refuses; rename it",
            cookie.domain
        ));
    }
    let host = cookie.host().to_ascii_lowercase();
    let third_party = !domain_matches(site_host, &host);
    let mut notes = Vec::new();
    // A `*` in a name is a wildcard in an `extern` one: a cookie whose
    // name has one is declared as the site's, where it is a character.
    let by_script = !group.set_by_response && !cookie.http_only && !name.contains('*');
    let external = third_party || by_script;
    let known = known::lookup_all(name)
        .into_iter()
        .find(|known| known.is_on(&host));
    let pattern = known.filter(|k| k.is_pattern() && external && cookie.path == "/");
    let declared_name = pattern.map_or(name, |k| k.name).to_owned();
    if let (Some(known), None) = (known, pattern) {
        if known.is_pattern() {
            notes.push(format!(
                "declared by its exact name, not as `{}`: {}",
                known.name,
                if external {
                    "a pattern must be at `path: \"/\"` to be removed on withdrawal"
                } else {
                    "the site sets it (a `Set-Cookie`, or `HttpOnly`), and only an `extern` name \
                     is a pattern"
                }
            ));
        }
    }
    let others: Vec<String> = known::lookup_all(name)
        .into_iter()
        .filter(|other| Some(*other) != known && other.is_on(&host))
        .map(|other| other.platform.to_owned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if !others.is_empty() {
        notes.push(format!(
            "the table also knows this name as {}'s: check which one sets it",
            others.join("'s, ")
        ));
    }

    let category = match known {
        Some(known) => known.category,
        None => {
            let (category, why) =
                unknown_category(name, &host, third_party, group.before_consent());
            notes.push(why);
            category
        }
    };

    let seen = seen_line(group, &host, third_party);
    let (provider, service, purpose) = match known {
        Some(known) => (
            known
                .provider
                .map_or_else(|| site_host.to_owned(), str::to_owned),
            known.platform.to_owned(),
            sentence(known.purpose_fr),
        ),
        None => (
            host.clone(),
            "TODO: the service that uses it, and where".to_owned(),
            format!("TODO: say what it is for; the scan saw it {seen}"),
        ),
    };

    if known.is_some_and(|known| known.provider.is_none()) {
        notes.push(format!(
            "software the site runs sets it, so the provider is the site's: `{site_host}` \
             stands for its publisher's name"
        ));
    }
    let (max_age, capped) = lifetime(group, category);
    if let Some(note) = capped {
        notes.push(note);
    }

    let mut draft = DraftCookie {
        name: declared_name,
        constant: None,
        category,
        external,
        provider,
        service,
        purpose,
        max_age,
        secure: cookie.secure,
        http_only: cookie.http_only,
        same_site: match cookie.same_site.as_str() {
            "Strict" => SameSite::Strict,
            "None" => SameSite::None,
            _ => SameSite::Lax,
        },
        path: cookie.path.clone(),
        domain: (third_party || cookie.has_domain()).then(|| cookie.domain.to_ascii_lowercase()),
        partitioned: cookie.partitioned,
        known,
        seen,
        notes,
    };
    if !external && cookie.same_site.is_empty() {
        draft.notes.push(
            "stored without `SameSite`: declared `Lax`, what the browser applies; the \
                 declared cookie sends it, and a scan reports the difference until the site does"
                .to_owned(),
        );
    }
    hold_to_the_rules(&mut draft);
    Ok(draft)
}

/// The category of a cookie the table does not know, and why, for its
/// note.
///
/// The draft must compile, and the compiler refuses a known tracker under
/// `necessary` or `preferences`: a name the table knows as a tracker on
/// another platform's host (`IDE` on the site's own host) keeps that
/// tracker's category. Otherwise the draft errs on the side of consent:
///
/// - another site's cookie is `marketing`: a cookie another site reads
///   from every site that embeds it follows the visitor across sites;
/// - a cookie of the site's host set only after the visitor accepted is
///   `marketing`: the site already asks consent for it, and `marketing` is
///   the category a visitor accepts least, so a wrong guess asks too
///   much, never too little (under `preferences` or `statistics`, a
///   tracker would ride on a consent given for something else);
/// - a cookie of the site's host set before any consent is `necessary`:
///   that is how the site treats it today (a session, a CSRF token, a load
///   balancer's), and the note says to move it if it is not strictly
///   necessary;
/// - so is one set after the choice whose name speaks of consent or
///   cookies (`cookies_preferences`, `cookie_consent`): the cookie that
///   keeps the visitor's choice, which is strictly necessary (CNIL
///   deliberation 2020-091, article 5) and which a scan that accepted sees
///   only once the choice is made.
fn unknown_category(
    name: &str,
    host: &str,
    third_party: bool,
    before_consent: bool,
) -> (Category, String) {
    let tracker = known::lookup_all(name)
        .into_iter()
        .find(|k| matches!(k.category, Category::Statistics | Category::Marketing));
    if let Some(tracker) = tracker {
        return (
            tracker.category,
            format!(
                "the table knows `{}` as {}'s `{}` cookie{}, not on `{host}`: filed under `{}`, \
                 as the compiler requires of that name",
                tracker.name,
                tracker.platform,
                tracker.category,
                tracker
                    .domain
                    .map_or_else(String::new, |domain| format!(" on `{domain}`")),
                tracker.category,
            ),
        );
    }
    if third_party {
        (
            Category::Marketing,
            format!(
                "not in the table of known cookies; filed under `marketing`: `{host}` is another \
                 site, whose cookie follows the visitor from site to site"
            ),
        )
    } else if before_consent {
        (
            Category::Necessary,
            "not in the table of known cookies; filed under `necessary`: the site sets it before \
             any consent; move it if it is not strictly necessary"
                .to_owned(),
        )
    } else if keeps_the_choice(name) {
        (
            Category::Necessary,
            "not in the table of known cookies; filed under `necessary`: set once the visitor \
             chose, and its name says it keeps the choice, which is strictly necessary; if it \
             does, mark it `stores_consent: true`, else move it"
                .to_owned(),
        )
    } else {
        (
            Category::Marketing,
            "not in the table of known cookies; filed under `marketing`: the site sets it only \
             after consent, and `marketing` asks the most of it; move it to the category of what \
             it does"
                .to_owned(),
        )
    }
}

/// Whether a cookie's name says it keeps the visitor's choice about
/// cookies.
fn keeps_the_choice(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.contains("consent") || name.contains("cookie")
}

/// The declared lifetime and, when a cap shortened it, why.
fn lifetime(group: &Group, category: Category) -> (Option<u64>, Option<String>) {
    let Some((lives, elapsed)) = group.longest else {
        return (None, None);
    };
    let seen = round_lifetime(lives, elapsed);
    let (cap, why) = if matches!(category, Category::Statistics | Category::Marketing) {
        (
            TRACKER_CAP,
            "the 13 months the CNIL allows a tracker (deliberation 2020-091)",
        )
    } else {
        (
            BROWSER_CAP,
            "the 400 days a browser keeps a cookie (RFC 6265bis section 5.5)",
        )
    };
    if seen > cap {
        let note = format!(
            "the browser keeps it {}, over {why}: declared {}; the site must shorten it",
            lifetime_text(Some(seen)),
            lifetime_text(Some(cap))
        );
        (Some(cap), Some(note))
    } else {
        (Some(seen), None)
    }
}

/// A lifetime in seconds from what a browser had left of it, `lives`,
/// read at most `elapsed` after it was set: the smallest whole number of
/// the largest unit in the list below that is at least `lives` (less 2
/// seconds for the rounding of expiry dates) and at most `lives` plus the
/// time it may have been waiting to be read (`elapsed` and 5 minutes of
/// clock, but not more than a twentieth of `lives`, so that a short
/// lifetime is not rounded to a long one). A cookie that lives 13 months
/// and was read 40 seconds after it was set had 33,695,960 seconds left:
/// 13 months. The units: years, months (30 days), weeks, days, hours,
/// half-hours, quarter-hours, 10 minutes, 5 minutes, minutes, seconds.
fn round_lifetime(lives: i64, elapsed: Duration) -> u64 {
    const STEPS: [u64; 10] = [
        YEAR,
        MONTH,
        7 * DAY,
        DAY,
        HOUR,
        30 * MINUTE,
        15 * MINUTE,
        10 * MINUTE,
        5 * MINUTE,
        MINUTE,
    ];
    let lives = u64::try_from(lives).unwrap_or(0).max(1);
    let slack = (elapsed.as_secs() + 5 * MINUTE).min((lives / 20).max(5));
    let floor = lives.saturating_sub(2).max(1);
    for step in STEPS {
        let rounded = floor.div_ceil(step) * step;
        if rounded <= lives + slack {
            return rounded;
        }
    }
    lives
}

/// `session`, or seconds in the largest unit that divides them, as
/// `max_age` writes it: `13 months`, `1 year`, `400 days`, `1 day`.
fn lifetime_text(seconds: Option<u64>) -> String {
    let Some(seconds) = seconds else {
        return "session".to_owned();
    };
    let (amount, unit) = [
        (YEAR, "year"),
        (MONTH, "month"),
        (DAY, "day"),
        (HOUR, "hour"),
        (MINUTE, "minute"),
    ]
    .into_iter()
    .find(|&(size, _)| seconds >= size && seconds % size == 0)
    .map_or((seconds, "second"), |(size, unit)| (seconds / size, unit));
    format!("{amount} {unit}{}", if amount == 1 { "" } else { "s" })
}

/// Makes the attributes meet the macro's rules (which a browser's store
/// meets already, but for a cookie it took from an older profile), noting
/// each change.
fn hold_to_the_rules(cookie: &mut DraftCookie) {
    fn change(cookie: &mut DraftCookie, what: &str) {
        cookie.notes.push(format!(
            "{what}, as the macro requires (the browser held it otherwise)"
        ));
    }
    let bad = |c: char| c == ';' || c.is_control() || !c.is_ascii();
    if !cookie.path.starts_with('/') || cookie.path.chars().any(bad) {
        change(cookie, "`path: \"/\"`");
        cookie.path = "/".to_owned();
    }
    if let Some(domain) = &cookie.domain {
        let host = domain.trim_start_matches('.');
        let valid = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        if !valid {
            cookie.notes.push(format!(
                "no `domain`: `{domain}` is not a host name the macro accepts; the scan will \
                 not find it on that host"
            ));
            cookie.domain = None;
        }
    }
    if cookie.external {
        // The other party's `Secure`, `HttpOnly` and `SameSite` are not
        // declared; a pattern must be at `/` (kept so above).
        return;
    }
    let lower = cookie.name.to_ascii_lowercase();
    if lower.starts_with("__host-") {
        if cookie.domain.take().is_some() {
            change(cookie, "no `domain` for a `__Host-` cookie");
        }
        if cookie.path != "/" {
            cookie.path = "/".to_owned();
            change(cookie, "`path: \"/\"` for a `__Host-` cookie");
        }
    }
    let needs_secure = lower.starts_with("__host-")
        || lower.starts_with("__secure-")
        || cookie.same_site == SameSite::None
        || cookie.partitioned;
    if needs_secure && !cookie.secure {
        cookie.secure = true;
        change(cookie, "`secure: true`");
    }
}

/// Folds `cookie` into `cookies`: cookies of one pattern, place and
/// category make one declaration, with the longest lifetime. Another
/// cookie of the same name and place (a cookie whose name is a table's
/// pattern, `*` and all, beside the pattern) would be declared twice,
/// which the macro refuses: it is left out, and why is the error.
fn merge(cookies: &mut Vec<DraftCookie>, cookie: DraftCookie) -> Result<(), String> {
    let same = cookies.iter_mut().find(|other| {
        other.name == cookie.name && other.path == cookie.path && other.domain == cookie.domain
    });
    match same {
        None => cookies.push(cookie),
        Some(other) if other.name.contains('*') && other.external && cookie.external => {
            other.max_age = match (other.max_age, cookie.max_age) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            let note = format!("also: {}", cookie.seen);
            if !other.notes.contains(&note) {
                other.notes.push(note);
            }
        }
        Some(other) => {
            return Err(format!(
                "cookie {:?} at {}: its name and place are those of the declaration of {:?}; \
                 declare it apart by hand",
                cookie.name, cookie.path, other.name
            ));
        }
    }
    Ok(())
}

/// Gives each cookie whose constant, as the macro makes it of its name,
/// would be invalid or taken (by an earlier cookie or by the registry's
/// own items) a constant of its own with `as`.
fn name_constants(cookies: &mut [DraftCookie]) {
    let mut taken: BTreeSet<String> = RESERVED.iter().map(|s| (*s).to_owned()).collect();
    for cookie in cookies.iter_mut() {
        let default = screaming(&cookie.name);
        let fits = |name: &str, taken: &BTreeSet<String>| {
            !name.is_empty()
                && !name.starts_with(|c: char| c.is_ascii_digit())
                && !taken.contains(name)
        };
        if fits(&default, &taken) {
            taken.insert(default);
            continue;
        }
        let mut base = screaming(&cookie.name.replace('*', "_any"));
        if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
            base = format!("COOKIE_{base}").trim_end_matches('_').to_owned();
        }
        if RESERVED.contains(&base.as_str()) {
            base.push_str("_COOKIE");
        }
        let mut constant = base.clone();
        let mut index = 2;
        while !fits(&constant, &taken) {
            constant = format!("{base}_{index}");
            index += 1;
        }
        taken.insert(constant.clone());
        cookie.constant = Some(constant);
    }
}

/// The macro's constant for a cookie name: every run of characters other
/// than ASCII letters and digits made one `_`, the ends trimmed, in
/// capitals.
fn screaming(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_owned()
}

/// What the browser saw of a cookie, one line: its place, its attributes,
/// its lifetime, who set it, and the scenarios it was held in.
fn seen_line(group: &Group, host: &str, third_party: bool) -> String {
    let cookie = &group.last.cookie;
    let mut parts = Vec::new();
    parts.push(if cookie.has_domain() {
        format!("Domain={host}")
    } else {
        format!("host-only on {host}")
    });
    parts.push(format!("Path={}", cookie.path));
    if cookie.secure {
        parts.push("Secure".to_owned());
    }
    if cookie.http_only {
        parts.push("HttpOnly".to_owned());
    }
    parts.push(if cookie.same_site.is_empty() {
        "no SameSite".to_owned()
    } else {
        format!("SameSite={}", cookie.same_site)
    });
    if cookie.partitioned {
        parts.push("Partitioned".to_owned());
    }
    parts.push(match group.longest {
        Some((lives, _)) => format!("{} left", duration_text(lives)),
        None => "session".to_owned(),
    });
    let who = if group.set_by_response {
        if third_party {
            format!("set by a response of {host} (Set-Cookie)")
        } else {
            "set by the site (Set-Cookie)".to_owned()
        }
    } else if cookie.http_only {
        "set by a response (HttpOnly)".to_owned()
    } else if third_party {
        format!("set on {host}, another site, by no response the scan saw")
    } else {
        "set by a script of the page (no Set-Cookie)".to_owned()
    };
    let scenarios: Vec<String> = group.scenarios.iter().map(ToString::to_string).collect();
    format!(
        "{}; {who}; held in: {}, first after {}",
        parts.join(", "),
        scenarios.join(", "),
        group.page,
    )
}

/// Seconds as a person reads them: `389 days 23 h`, `29 min 50 s`.
fn duration_text(seconds: i64) -> String {
    let s = seconds.max(0).unsigned_abs();
    match s {
        s if s >= DAY => {
            let hours = (s % DAY) / HOUR;
            if hours == 0 {
                format!("{} days", s / DAY)
            } else {
                format!("{} days {hours} h", s / DAY)
            }
        }
        s if s >= HOUR => format!("{} h {} min", s / HOUR, (s % HOUR) / MINUTE),
        s if s >= MINUTE => format!("{} min {} s", s / MINUTE, s % MINUTE),
        s => format!("{s} s"),
    }
}

/// The table's phrase as a sentence: a capital, a final period.
fn sentence(phrase: &str) -> String {
    let mut chars = phrase.chars();
    let mut out: String = chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// One cookie of the Rust draft, in its category's block.
fn rust_cookie(out: &mut String, cookie: &DraftCookie) {
    let known = cookie.known.map(|known| {
        format!(
            "known: {}'s `{}` (table of known cookies); seen: ",
            known.platform, known.name
        )
    });
    let _ = writeln!(
        out,
        "        // {}{}",
        known.unwrap_or_else(|| "seen: ".to_owned()),
        comment(&cookie.seen)
    );
    for note in &cookie.notes {
        let _ = writeln!(out, "        // {}", comment(note));
    }
    let _ = write!(
        out,
        "        {}{}",
        if cookie.external { "extern " } else { "" },
        name_token(&cookie.name)
    );
    if let Some(constant) = &cookie.constant {
        let _ = write!(out, " as {constant}");
    }
    out.push_str(" {\n");
    let mut field = |key: &str, value: &str| {
        let _ = writeln!(out, "            {key}: {value},");
    };
    field("provider", &literal(&cookie.provider));
    field("service", &literal(&cookie.service));
    field("purpose", &literal(&cookie.purpose));
    field("max_age", &cookie.max_age_text());
    if !cookie.external {
        field("secure", &cookie.secure.to_string());
        field("http_only", &cookie.http_only.to_string());
        field("same_site", same_site(cookie.same_site));
    }
    field("path", &literal(&cookie.path));
    if let Some(domain) = &cookie.domain {
        field("domain", &literal(domain));
    }
    if cookie.partitioned {
        field("partitioned", "true");
    }
    out.push_str("        }\n");
}

/// One cookie of the JSON draft, as `cookie-decl`'s `serde` export writes
/// the declaration's, its fields in the same order.
fn json_cookie(cookie: &DraftCookie) -> Json {
    // An `extern` cookie declares none of the three: the macro's defaults.
    let (secure, http_only, same_site_value) = if cookie.external {
        (true, true, SameSite::Lax)
    } else {
        (cookie.secure, cookie.http_only, cookie.same_site)
    };
    let fields: [(&'static str, Value); 17] = [
        ("name", cookie.name.as_str().into()),
        ("provider", cookie.provider.as_str().into()),
        ("service", cookie.service.as_str().into()),
        ("purpose", cookie.purpose.as_str().into()),
        ("category", cookie.category.as_str().into()),
        ("needs_consent", cookie.category.needs_consent().into()),
        ("consent_exempt", false.into()),
        ("lifetime", cookie.max_age_text().into()),
        ("max_age", cookie.max_age.into()),
        ("external", cookie.external.into()),
        (
            "pattern",
            (cookie.external && cookie.name.contains('*')).into(),
        ),
        ("secure", secure.into()),
        ("http_only", http_only.into()),
        ("same_site", same_site(same_site_value).into()),
        ("path", cookie.path.as_str().into()),
        ("domain", cookie.domain.as_deref().into()),
        ("partitioned", cookie.partitioned.into()),
    ];
    Json::Object(
        fields
            .into_iter()
            .map(|(k, v)| (k, Json::Value(v)))
            .collect(),
    )
}

/// JSON whose objects keep their keys in the order written (`serde_json`'s
/// own map sorts them), so that the draft reads as the export does.
enum Json {
    Value(Value),
    Array(Vec<Json>),
    Object(Vec<(&'static str, Json)>),
}

impl Json {
    /// Writes it indented by two spaces a level, as
    /// `serde_json::to_string_pretty` does.
    fn write(&self, out: &mut String, level: usize) {
        let indent = |out: &mut String, level: usize| out.push_str(&"  ".repeat(level));
        match self {
            Json::Value(value) => out.push_str(&value.to_string()),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Array(items) => {
                out.push_str("[\n");
                for (index, item) in items.iter().enumerate() {
                    indent(out, level + 1);
                    item.write(out, level + 1);
                    out.push_str(if index + 1 < items.len() { ",\n" } else { "\n" });
                }
                indent(out, level);
                out.push(']');
            }
            Json::Object(entries) => {
                out.push_str("{\n");
                for (index, (key, value)) in entries.iter().enumerate() {
                    indent(out, level + 1);
                    out.push_str(&Value::from(*key).to_string());
                    out.push_str(": ");
                    value.write(out, level + 1);
                    out.push_str(if index + 1 < entries.len() {
                        ",\n"
                    } else {
                        "\n"
                    });
                }
                indent(out, level);
                out.push('}');
            }
        }
    }
}

fn same_site(same_site: SameSite) -> &'static str {
    match same_site {
        SameSite::Strict => "Strict",
        SameSite::None => "None",
        SameSite::Lax => "Lax",
    }
}

/// A cookie name as the declaration writes it: an identifier when it is
/// one (`_ga`, `cf_clearance`), else a string literal (`"__Host-sid"`,
/// `"_pk_id.*"`), and a literal for every Rust keyword and for the words
/// the grammar gives a meaning (`extern`, `tag`, `embed`).
fn name_token(name: &str) -> String {
    if is_plain_identifier(name) {
        name.to_owned()
    } else {
        literal(name)
    }
}

fn is_plain_identifier(name: &str) -> bool {
    const WORDS: [&str; 55] = [
        "_", "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move",
        "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
        "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do",
        "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
        "gen", "tag", "embed",
    ];
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !WORDS.contains(&name)
}

/// A Rust string literal holding `text` (quotes, backslashes and control
/// characters escaped).
fn literal(text: &str) -> String {
    format!("{text:?}")
}

/// `text` fit for a `//` comment: on one line.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// RFC 9110 `tchar`: what a cookie name may hold (RFC 6265bis §4.1.1).
fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// `scheme://host[:port]` of a URL: the declaration's `site`.
fn origin(url: &str) -> String {
    let origin = origin_of(url);
    if !origin.is_empty() {
        return origin;
    }
    let host = url.trim().split(['/', '?', '#']).next().unwrap_or("");
    format!("https://{host}")
}

/// `YYYY-MM-DD` (UTC) of a time in seconds since the Unix epoch.
fn date(seconds: u64) -> String {
    // Howard Hinnant's `civil_from_days`.
    let days = i64::try_from(seconds / DAY).unwrap_or(0);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "https://data.example.fr/accueil";

    /// A cookie held in `scenario`, read 10 seconds into it.
    fn seen(name: &str, domain: &str, lives: Option<i64>, scenario: Scenario) -> Seen {
        Seen {
            cookie: BrowserCookie {
                name: name.to_owned(),
                value: "v".to_owned(),
                domain: domain.to_owned(),
                path: "/".to_owned(),
                expires: None,
                http_only: false,
                secure: true,
                same_site: "Lax".to_owned(),
                partitioned: false,
            },
            lives,
            elapsed: Duration::from_secs(10),
            scenario,
            page: "/".to_owned(),
            set_by_response: false,
        }
    }

    /// The same, set by the site's `Set-Cookie`, `HttpOnly`.
    fn served(name: &str, lives: Option<i64>, scenario: Scenario) -> Seen {
        let mut seen = seen(name, "data.example.fr", lives, scenario);
        seen.cookie.http_only = true;
        seen.set_by_response = true;
        seen
    }

    #[test]
    fn lifetimes_round_to_the_largest_unit_the_read_allows() {
        let after = |seconds: u64| Duration::from_secs(seconds);
        for (lives, elapsed, expected) in [
            // Read 40 s after a 13-month cookie was set.
            (33_696_000 - 40, after(60), "13 months"),
            // Two years asked, 400 days kept.
            (400 * 86_400 - 5, after(60), "400 days"),
            (365 * 86_400 - 1, after(5), "1 year"),
            (180 * 86_400 - 30, after(60), "6 months"),
            (90 * 86_400 - 12, after(20), "3 months"),
            (7 * 86_400 - 12, after(20), "7 days"),
            (86_400 - 100, after(30), "1 day"),
            (12 * 3_600 - 8, after(30), "12 hours"),
            // Half an hour, read a minute after it was set.
            (1_740, after(70), "30 minutes"),
            (3_599, after(2), "1 hour"),
            // Not rounded up to what it is not: a twentieth at most.
            (110, after(20), "110 seconds"),
            (45, after(1), "45 seconds"),
            (380 * 86_400 - 7, after(60), "380 days"),
            // An expiry that rounds a second below what was set.
            (86_401, after(1), "1 day"),
            // Gone as it was read.
            (0, after(1), "1 second"),
            (-3, after(1), "1 second"),
        ] {
            assert_eq!(
                lifetime_text(Some(round_lifetime(lives, elapsed))),
                expected,
                "{lives} s read after {elapsed:?}"
            );
        }
        assert_eq!(lifetime_text(None), "session");
        assert_eq!(lifetime_text(Some(60)), "1 minute");
        assert_eq!(lifetime_text(Some(90)), "90 seconds");
    }

    #[test]
    fn lifetimes_are_held_to_the_caps_of_their_category() {
        let year_and_more = Some(400 * 86_400 - 3);
        let draft = Draft::from_seen(
            SITE,
            [
                // Google Analytics' two years, 400 days in the browser.
                seen("_ga", "data.example.fr", year_and_more, Scenario::AcceptAll),
                served("sid", year_and_more, Scenario::NotAsked),
            ],
        );
        let ga = draft.get("_ga").unwrap();
        assert_eq!(ga.category, Category::Statistics);
        assert_eq!(ga.max_age, Some(390 * 86_400));
        assert_eq!(ga.max_age_text(), "13 months");
        assert!(
            ga.notes
                .iter()
                .any(|n| n.contains("over the 13 months") && n.contains("400 days")),
            "{:?}",
            ga.notes
        );
        let sid = draft.get("sid").unwrap();
        assert_eq!(sid.category, Category::Necessary);
        assert_eq!(sid.max_age_text(), "400 days");
        assert!(
            !sid.notes.iter().any(|n| n.contains("shorten")),
            "{:?}",
            sid.notes
        );
    }

    #[test]
    fn cookies_are_grouped_by_category_in_the_chartes_order() {
        let draft = Draft::from_seen(
            SITE,
            [
                seen(
                    "_fbp",
                    "data.example.fr",
                    Some(7_776_000),
                    Scenario::AcceptAll,
                ),
                seen("_ga", "data.example.fr", Some(100), Scenario::AcceptAll),
                served("sid", None, Scenario::NotAsked),
                seen(
                    "_ga_K2X9",
                    "data.example.fr",
                    Some(100),
                    Scenario::AcceptAll,
                ),
                seen("_ga_Q7", "data.example.fr", Some(200), Scenario::AcceptAll),
                served("csrftoken", None, Scenario::NotAsked),
            ],
        );
        // Django's: the site's own software, so the site's provider.
        let csrftoken = draft.get("csrftoken").unwrap();
        assert_eq!(
            (csrftoken.provider.as_str(), csrftoken.service.as_str()),
            ("data.example.fr", "Django")
        );
        assert!(csrftoken.notes.iter().any(|n| n.contains("publisher")));
        let names: Vec<(&str, Category)> = draft
            .cookies()
            .iter()
            .map(|c| (c.name.as_str(), c.category))
            .collect();
        assert_eq!(
            names,
            [
                ("sid", Category::Necessary),
                ("csrftoken", Category::Necessary),
                ("_ga", Category::Statistics),
                // Two streams of one pattern: one declaration, the longest
                // lifetime.
                ("_ga_*", Category::Statistics),
                ("_fbp", Category::Marketing),
            ]
        );
        assert_eq!(draft.get("_ga_*").unwrap().max_age, Some(200));
        assert_eq!(draft.get("_fbp").unwrap().provider, "Meta");
        let rust = draft.to_rust();
        let blocks: Vec<&str> = rust
            .lines()
            .filter(|l| l.starts_with("    ") && !l.starts_with("     ") && l.ends_with('{'))
            .collect();
        assert_eq!(
            blocks,
            [
                "    pub struct SiteCookies {",
                "    necessary {",
                "    statistics {",
                "    marketing {"
            ]
        );
        assert!(
            rust.contains("        site: \"https://data.example.fr\",\n"),
            "{rust}"
        );
    }

    #[test]
    fn who_set_a_cookie_makes_it_extern_or_not() {
        let mut third_party = seen("uid", "localhost", Some(3_600), Scenario::NotAsked);
        third_party.set_by_response = true;
        let mut http_only = seen("srv", "data.example.fr", None, Scenario::NotAsked);
        http_only.cookie.http_only = true;
        let draft = Draft::from_seen(
            SITE,
            [
                // `document.cookie` from the page.
                seen(
                    "ab_test",
                    "data.example.fr",
                    Some(3_600),
                    Scenario::NotAsked,
                ),
                served("sid", None, Scenario::NotAsked),
                // No `Set-Cookie` seen, but a script cannot write it.
                http_only,
                third_party,
            ],
        );
        let external = |name: &str| draft.get(name).unwrap().external;
        assert!(external("ab_test"));
        assert!(!external("sid"));
        assert!(!external("srv"));
        assert!(external("uid"));
        let uid = draft.get("uid").unwrap();
        assert_eq!(uid.domain.as_deref(), Some("localhost"));
        assert_eq!(uid.category, Category::Marketing);
        assert_eq!(uid.provider, "localhost");
        assert_eq!(draft.get("sid").unwrap().domain, None);
        let rust = draft.to_rust();
        assert!(rust.contains("        extern ab_test {\n"), "{rust}");
        assert!(rust.contains("        sid {\n"), "{rust}");
        // The other party's attributes are not declared.
        let ab_test = &rust[rust.find("extern ab_test").unwrap()..];
        let ab_test = &ab_test[..ab_test.find("        }\n").unwrap()];
        assert!(!ab_test.contains("secure"), "{ab_test}");
        assert!(ab_test.contains("path: \"/\""), "{ab_test}");
    }

    #[test]
    fn a_cookie_the_table_does_not_know_says_what_the_browser_saw() {
        let mut csrf = served("__Host-csrf", None, Scenario::NotAsked);
        csrf.cookie.same_site = "Strict".to_owned();
        let mut later = served("visits", Some(33_696_000 - 50), Scenario::AcceptAll);
        later.page = "/stats".to_owned();
        let draft = Draft::from_seen(
            SITE,
            [csrf.clone(), later, {
                let mut again = csrf;
                again.scenario = Scenario::AcceptAll;
                again
            }],
        );
        assert_eq!(draft.todos(), 2);
        let csrf = draft.get("__Host-csrf").unwrap();
        assert!(csrf.is_todo());
        assert_eq!(csrf.category, Category::Necessary);
        assert_eq!(csrf.provider, "data.example.fr");
        assert!(csrf.service.starts_with("TODO: "), "{}", csrf.service);
        assert_eq!(
            csrf.purpose,
            "TODO: say what it is for; the scan saw it host-only on data.example.fr, Path=/, \
             Secure, HttpOnly, SameSite=Strict, session; set by the site (Set-Cookie); held in: \
             not asked, accept all, first after /"
        );
        assert!(
            csrf.notes
                .iter()
                .any(|n| n.contains("filed under `necessary`"))
        );
        // Set only once the visitor accepted: the category that asks the
        // most.
        let visits = draft.get("visits").unwrap();
        assert_eq!(visits.category, Category::Marketing);
        assert!(
            visits.purpose.contains("389 days 23 h left"),
            "{}",
            visits.purpose
        );
        assert!(
            visits
                .purpose
                .contains("held in: accept all, first after /stats")
        );
        assert!(
            visits
                .notes
                .iter()
                .any(|n| n.contains("filed under `marketing`"))
        );
        // A tracker's name the table knows on another host keeps its
        // category, which the compiler requires of the name.
        let (category, why) = unknown_category("IDE", "data.example.fr", false, true);
        assert_eq!(category, Category::Marketing);
        assert!(why.contains("doubleclick.net"), "{why}");
        assert_eq!(
            unknown_category("basket", "data.example.fr", false, true).0,
            Category::Necessary
        );
        assert_eq!(
            unknown_category("basket", "cdn.example.com", true, true).0,
            Category::Marketing
        );
        // Set once the visitor chose, and named for it.
        let (category, why) =
            unknown_category("cookies_preferences", "data.example.fr", false, false);
        assert_eq!(category, Category::Necessary);
        assert!(why.contains("stores_consent: true"), "{why}");
        assert_eq!(
            unknown_category("basket", "data.example.fr", false, false).0,
            Category::Marketing
        );
    }

    #[test]
    fn names_that_are_not_identifiers_are_string_literals() {
        assert_eq!(name_token("_ga"), "_ga");
        assert_eq!(name_token("cf_clearance"), "cf_clearance");
        assert_eq!(name_token("__Secure-3PSID"), "\"__Secure-3PSID\"");
        assert_eq!(name_token("_pk_id.1.4c2f"), "\"_pk_id.1.4c2f\"");
        assert_eq!(name_token("wp-settings-1"), "\"wp-settings-1\"");
        assert_eq!(name_token("1P_JAR"), "\"1P_JAR\"");
        for word in ["type", "extern", "tag", "embed", "as", "_", "Self"] {
            assert_eq!(name_token(word), format!("\"{word}\""));
        }
    }

    #[test]
    fn constants_are_named_where_the_macros_would_not_do() {
        let mut wide = served("lang", None, Scenario::NotAsked);
        wide.cookie.path = "/app".to_owned();
        let draft = Draft::from_seen(
            SITE,
            [
                seen("1P_JAR", "data.example.fr", Some(100), Scenario::AcceptAll),
                seen("_ga", "data.example.fr", Some(100), Scenario::AcceptAll),
                seen(
                    "_ga_K2X9",
                    "data.example.fr",
                    Some(100),
                    Scenario::AcceptAll,
                ),
                served("site", None, Scenario::NotAsked),
                served("lang", None, Scenario::NotAsked),
                wide,
            ],
        );
        let constants: Vec<(&str, &str, Option<&str>)> = draft
            .cookies()
            .iter()
            .map(|c| (c.name.as_str(), c.path.as_str(), c.constant.as_deref()))
            .collect();
        assert_eq!(
            constants,
            [
                ("site", "/", Some("SITE_COOKIE")),
                ("lang", "/", None),
                ("lang", "/app", Some("LANG_2")),
                ("_ga", "/", None),
                ("_ga_*", "/", Some("GA_ANY")),
                ("1P_JAR", "/", Some("COOKIE_1P_JAR")),
            ]
        );
        let rust = draft.to_rust();
        assert!(
            rust.contains("        extern \"_ga_*\" as GA_ANY {\n"),
            "{rust}"
        );
        assert!(
            rust.contains("        extern \"1P_JAR\" as COOKIE_1P_JAR {\n"),
            "{rust}"
        );
    }

    #[test]
    fn attributes_are_held_to_the_macros_rules() {
        let mut host = served("__Host-sid", None, Scenario::NotAsked);
        host.cookie.domain = ".data.example.fr".to_owned();
        host.cookie.secure = false;
        let mut none = served("embed_id", None, Scenario::NotAsked);
        none.cookie.same_site = "None".to_owned();
        none.cookie.secure = false;
        let mut bare = served("plain", None, Scenario::NotAsked);
        bare.cookie.same_site = String::new();
        bare.cookie.secure = false;
        let draft = Draft::from_seen(SITE, [host, none, bare]);
        let host = draft.get("__Host-sid").unwrap();
        assert_eq!((host.domain.as_deref(), host.secure), (None, true));
        assert!(
            host.notes
                .iter()
                .any(|n| n.contains("no `domain` for a `__Host-`"))
        );
        let none = draft.get("embed_id").unwrap();
        assert_eq!((none.same_site, none.secure), (SameSite::None, true));
        let bare = draft.get("plain").unwrap();
        assert_eq!((bare.same_site, bare.secure), (SameSite::Lax, false));
        assert!(bare.notes.iter().any(|n| n.contains("without `SameSite`")));
    }

    #[test]
    fn undeclarable_names_are_left_out_and_said() {
        let draft = Draft::from_seen(
            SITE,
            [
                served("a b", None, Scenario::NotAsked),
                served("", None, Scenario::NotAsked),
                served("ok", None, Scenario::NotAsked),
            ],
        );
        assert_eq!(draft.cookies().len(), 1);
        assert_eq!(draft.skipped().len(), 2);
        // A name that is a pattern, beside the cookies of the pattern.
        let mut literal = served("_ga_*", None, Scenario::NotAsked);
        literal.cookie.http_only = false;
        let twice = Draft::from_seen(
            SITE,
            [
                seen(
                    "_ga_K2X9",
                    "data.example.fr",
                    Some(100),
                    Scenario::AcceptAll,
                ),
                literal,
            ],
        );
        assert_eq!(twice.cookies().len(), 1);
        assert!(
            twice.skipped()[0].contains("declare it apart"),
            "{:?}",
            twice.skipped()
        );
        assert!(draft.skipped()[0].contains("' '"), "{:?}", draft.skipped());
        assert!(
            draft
                .to_rust()
                .contains("// Not declarable: cookie \"a b\"")
        );
    }

    #[test]
    fn the_json_is_the_serde_export_of_the_same_declaration() {
        let mut third = seen(
            "IDE",
            ".doubleclick.net",
            Some(33_696_000),
            Scenario::AcceptAll,
        );
        third.set_by_response = true;
        let draft = Draft::from_seen(
            SITE,
            [
                served("sid", Some(43_190), Scenario::NotAsked),
                seen(
                    "_pk_id.1.4c2f",
                    "data.example.fr",
                    Some(100),
                    Scenario::NotAsked,
                ),
                third,
            ],
        );
        let json: Value = serde_json::from_str(&draft.to_json()).unwrap();
        assert_eq!(json["site"], "https://data.example.fr");
        assert_eq!(json["cookies"][0]["name"], "sid");
        assert_eq!(json["cookies"][0]["lifetime"], "12 hours");
        assert_eq!(json["cookies"][0]["max_age"], 43_200);
        assert_eq!(json["cookies"][1]["name"], "_pk_id.*");
        assert_eq!(json["cookies"][1]["pattern"], true);
        assert_eq!(json["cookies"][1]["provider"], "Matomo");
        assert_eq!(json["cookies"][2]["domain"], ".doubleclick.net");
        assert_eq!(json["cookies"][2]["category"], "marketing");
        let read = Declaration::from_json(&draft.to_json()).unwrap();
        assert_eq!(read, draft.declaration());
        assert!(read.cookies[1].matches("_pk_id.2.beef"));
        assert_eq!(
            read.asked,
            [Category::Statistics, Category::Marketing]
                .into_iter()
                .collect()
        );
    }

    #[test]
    fn the_site_is_the_origin_and_the_date_is_civil() {
        assert_eq!(
            origin("https://Data.example.fr/accueil?x=1"),
            "https://Data.example.fr"
        );
        assert_eq!(origin("HTTP://127.0.0.1:3000"), "http://127.0.0.1:3000");
        assert_eq!(origin("data.example.fr/x"), "https://data.example.fr");
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(951_782_400), "2000-02-29");
        assert_eq!(date(1_796_601_600), "2026-12-07");
    }
}

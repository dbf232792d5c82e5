//! Check a running site in a real browser against its `cookie-decl`
//! declaration.
//!
//! The declaration says what the site *should* set. What a visitor's
//! browser holds is another matter: tag managers, analytics and embeds set
//! cookies from JavaScript and from other hosts, with lifetimes of their
//! own, and often before the visitor said yes, which no server-side audit
//! (`cookie_decl::consent::audit_response`, `ConsentLayer`) can see. The
//! scan opens the site in Debian's headless Chromium, once per consent
//! scenario, makes each choice as a visitor would, and reads the
//! browser's whole cookie store and the requests the pages made.
//!
//! # Example
//!
//! In an integration test: start the application, scan it, assert.
//!
//! ```no_run
//! # use cookie_decl::declare_cookies;
//! # declare_cookies! {
//! #     pub struct SiteCookies { site: "https://data.example.fr" }
//! #     necessary {
//! #         consent { provider: "Example", service: "Consent", purpose: "Keep the choice.",
//! #                   max_age: 6 months, stores_consent: true }
//! #     }
//! #     statistics {
//! #         visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
//! #     }
//! # }
//! # fn start_app() -> String { String::new() }
//! use cookie_decl_scan::Scan;
//!
//! #[test]
//! fn the_site_keeps_its_declaration_in_chromium() {
//!     let base = start_app(); // "http://127.0.0.1:<port>"
//!     // `None`, with a message, where Chromium is not installed; in CI
//!     // (`$CI` set) that panics instead.
//!     let Some(report) = Scan::new::<SiteCookies>(&base)
//!         .pages(["/", "/stats"])
//!         .follow_links(5)
//!         .run_or_skip()
//!     else {
//!         return;
//!     };
//!     report.write_html("target/cookie-scan.html").unwrap();
//!     assert!(report.is_clean(), "{report}");
//! }
//! # fn main() {}
//! ```
//!
//! A site that is not written in Rust exports its declaration as JSON
//! (`cookie-decl`'s `serde` feature) and runs the command:
//!
//! ```text
//! cookie-decl-scan --declaration cookies.json \
//!     --page / --page /stats --follow 10 --html scan.html http://127.0.0.1:3000
//! ```
//!
//! It prints the text report and exits with 0 when clean, 1 with
//! findings, 2 when the scan could not run. The export names the consent
//! cookie (`"consent_cookie"`); `--consent-cookie` names it for JSON
//! written otherwise.
//!
//! A site on another consent manager names its recipe, or a steps file
//! of its own ([`steps`] describes the format; `--print-recipe` gives a
//! recipe's file to start from):
//!
//! ```text
//! cookie-decl-scan --declaration cookies.json --recipe cookieconsent-v3 \
//!     --page / --page /about --html scan.html http://127.0.0.1:8080
//! cookie-decl-scan --print-recipe tarteaucitron > steps.json
//! cookie-decl-scan --declaration cookies.json --steps steps.json \
//!     --category statistics=matomo --html scan.html http://127.0.0.1:8080
//! ```
//!
//! # Scenarios
//!
//! Each on a fresh browser profile (no cookie, no cache):
//!
//! - **not asked**: the pages are opened, the banner left unanswered;
//! - **refuse all**, **accept all**: the choice is made in the banner of
//!   the first page;
//! - **only *category***, for each category the site asks consent for
//!   (when there are two or more): "Personnaliser" in the banner of the
//!   first page, then on the preferences page it leads to, that box alone
//!   ticked and the choice saved (if "Personnaliser" leads to a page
//!   without the boxes, the scan says so on standard error and opens the
//!   preferences page, as the visitor would from its link);
//! - **accept all, then withdraw *category***: everything accepted in the
//!   banner, the pages opened, then on the preferences page (the banner
//!   is gone) that box unticked and the choice saved, the cookies read at
//!   once, and the pages opened again.
//!
//! After every page, once it has made no new request for a moment
//! ([`Scan::settle`]), the scan reads every cookie of the store (every
//! host and path, `HttpOnly` ones too) with the DevTools protocol, and
//! the requests the page made from the browser's network log.
//!
//! For a site that uses the generated banner and preferences page
//! (`consent::banner`, `consent::preferences`), the scan clicks their
//! real buttons (`Tout accepter`, `Tout refuser`, `Personnaliser`,
//! `Enregistrer mes choix`, whatever their language: it finds them by the
//! form's `consent` values) and the category boxes, so the site's own
//! handling of each form (its redirects, its CSRF check) is what the
//! scan goes through. For any other consent manager, give the steps: a
//! ready recipe or a steps file ([`Scan::steps`], [`Steps`]; recipes for
//! CookieConsent v3, tarteaucitron and Klaro), or code of your own
//! ([`Scan::consent_steps`]): the scan runs them with a [`Choice`] at the
//! same points. A consent manager answers in place, without a page load:
//! its steps click by CSS selector and wait for what shows the answer (the
//! banner gone, its cookie set, the network quiet), never for a
//! navigation.
//!
//! # A browser that looks like a visitor's
//!
//! Consent managers hide their banner from robots: CookieConsent v3, by
//! default (`hideFromBots: true`), from any browser whose
//! `navigator.webdriver` is true. The scan hides automation unless told
//! not to ([`Scan::hide_automation`], `--show-automation`):
//! `navigator.webdriver` is false, ChromeDriver's `enable-automation`
//! switch and its infobar are gone, and the user agent is the desktop
//! Chromium's of the same version, without `HeadlessChrome`
//! ([`browser::BrowserOptions`]). When a step's element is not there, the
//! error names the selector and the page and lists the likely causes,
//! among them what the page can tell of the browser.
//!
//! # Findings
//!
//! Each one line, with the scenario and the page ([`Finding`]):
//!
//! - a cookie nobody declared, on the site's host or another (patterns of
//!   `extern` cookies honoured, by [`cookie_decl::matches_pattern`]; a
//!   third-party cookie must be declared with its `domain`), with what the
//!   table of [`known`] cookies says of its name: the platform that sets
//!   it, its category, what it does and its lifetime (`_ga`: Google
//!   Analytics, `statistics`), or that it does not know it;
//! - a cookie of a category the visitor has not accepted;
//! - a cookie that lives longer than declared (beyond a tolerance for the
//!   clock, 5 minutes unless [`Scan::lifetime_tolerance`] says), whose
//!   `Path`, `Domain`, `Secure`, `HttpOnly`, `SameSite` or `Partitioned`
//!   differ from the declaration (of an `extern` cookie, only its place:
//!   the rest is the other party's), or which is still there right after
//!   its category was withdrawn;
//! - the consent cookie missing after a choice;
//! - a category's box already ticked on the preferences page that
//!   "Personnaliser" leads a first-time visitor to (a pre-ticked box is no
//!   consent);
//! - a request to another host before the visitor accepted anything, or
//!   to a host where the declaration puts a cookie of a category not
//!   accepted: a pixel sets no cookie and still tracks. Hosts the site
//!   counts as its own (a CDN) are given with [`Scan::allow_host`];
//! - such a request made after the visitor withdrew its category (right
//!   after the withdrawal, or on the pages opened since), named as such
//!   (`request-after-withdrawal`), not as a request before consent. A
//!   request to a tracker's opt-out URL that the declaration names
//!   (`"opt_out"`, [`Scan::opt_out_url`], `--opt-out`) made once the
//!   visitor has chosen is not reported: it is how a site has a tracker
//!   forget a visitor whose cookie lives on the tracker's own host, where
//!   the site's scripts cannot delete it. Before any choice it is reported
//!   as any other request.
//!
//! A declaration written for production (`site: "https://data.example.fr"`,
//! `domain: ".data.example.fr"`) can be scanned on a local server: a
//! cookie declared on the site's own domain is expected on the scanned
//! host.
//!
//! # The report
//!
//! [`Report`] prints as text (`{report}`, one line per finding), gives
//! JSON ([`Report::to_json`]) and an HTML page ([`Report::to_html`]) for
//! a person to read before an audit:
//!
//! - the problems, one entry per rule and cookie (or host) with the
//!   scenarios and pages it was seen in, those about consent first, and
//!   every finding's line behind a fold;
//! - one table: the cookies down (every one held in some scenario, and
//!   every declared one, a declared cookie no scenario held saying so),
//!   then the other hosts requested; the scenarios across, with what each
//!   accepted; each cell what the browser held at the end of the scenario
//!   (its lifetime left and the page it first appeared after, or
//!   *removed*), a cell with a finding in red, the rule named in it;
//! - the generated banner as a first-time visitor saw it, screenshotted
//!   alone (the first screen for another consent manager).
//!
//! While it runs, the scan prints each page to standard error: the
//! scenario, the page, the cookies held.
//!
//! # Drafting a declaration
//!
//! A site that has no declaration yet starts from what the browser holds:
//! [`Scan::without_declaration`] and [`Scan::draft`] open its pages as a
//! first-time visitor who does not answer the banner, then again after
//! accepting everything when the scan can make a choice
//! ([`Scan::consent_steps`]), and give a [`Draft`]: a `declare_cookies!`
//! block that compiles as written ([`Draft::write_rust`]), and the same
//! declaration as the JSON of the `serde` export
//! ([`Draft::write_json`]), the `--declaration` of the scans that follow.
//!
//! ```no_run
//! use cookie_decl_scan::{Choice, Scan};
//!
//! let draft = Scan::without_declaration("http://127.0.0.1:3000")
//!     .pages(["/", "/stats"])
//!     .consent_steps(|browser, choice, _base| match choice {
//!         Choice::AcceptAll => browser.click_button("Accept all"),
//!         _ => unreachable!("a draft only accepts"),
//!     })
//!     .draft()?;
//! draft.write_rust("src/cookies.rs")?;
//! draft.write_json("cookies.json")?;
//! # Ok::<(), cookie_decl_scan::Error>(())
//! ```
//!
//! Or, for any site:
//!
//! ```text
//! cookie-decl-scan --draft src/cookies.rs --draft-json cookies.json \
//!     http://127.0.0.1:3000 http://127.0.0.1:3000/stats
//! ```
//!
//! A draft reads like this (a site whose server sets a CSRF cookie, whose
//! page loads Google Analytics, and which embeds another site's pixel):
//!
//! ```text
//! use cookie_decl::declare_cookies;
//!
//! declare_cookies! {
//!     /// The cookies of data.example.fr, drafted from a scan.
//!     pub struct SiteCookies {
//!         site: "https://data.example.fr",
//!     }
//!
//!     necessary {
//!         // seen: host-only on data.example.fr, Path=/, Secure, HttpOnly, SameSite=Strict, session; set by the site (Set-Cookie); held in: not asked, accept all, first after /
//!         // not in the table of known cookies; filed under `necessary`: the site sets it before any consent; move it if it is not strictly necessary
//!         "__Host-csrf" {
//!             provider: "data.example.fr",
//!             service: "TODO: the service that uses it, and where",
//!             purpose: "TODO: say what it is for; the scan saw it host-only on data.example.fr, Path=/, Secure, HttpOnly, SameSite=Strict, session; set by the site (Set-Cookie); held in: not asked, accept all, first after /",
//!             max_age: session,
//!             secure: true,
//!             http_only: true,
//!             same_site: Strict,
//!             path: "/",
//!         }
//!     }
//!
//!     statistics {
//!         // known: Google Analytics's `_ga` (table of known cookies); seen: host-only on data.example.fr, Path=/, SameSite=Lax, 399 days 23 h left; set by a script of the page (no Set-Cookie); held in: accept all, first after /
//!         // the browser keeps it 400 days, over the 13 months the CNIL allows a tracker (deliberation 2020-091): declared 13 months; the site must shorten it
//!         extern _ga {
//!             provider: "Google",
//!             service: "Google Analytics",
//!             purpose: "Distingue les visiteurs, pour compter visiteurs et visites.",
//!             max_age: 13 months,
//!             path: "/",
//!         }
//!
//!         // known: Google Analytics's `_ga_*` (table of known cookies); seen: ...
//!         extern "_ga_*" as GA_ANY { ... }
//!     }
//!
//!     marketing {
//!         // seen: Domain=pixel.example.com, Path=/, Secure, SameSite=None, 364 days 23 h left; set by a response of pixel.example.com (Set-Cookie); held in: not asked, accept all, first after /
//!         // not in the table of known cookies; filed under `marketing`: `pixel.example.com` is another site, whose cookie follows the visitor from site to site
//!         extern uid { ..., max_age: 1 year, path: "/", domain: ".pixel.example.com" }
//!     }
//! }
//! ```
//!
//! Each cookie is `extern` when a page's script (no `Set-Cookie` named it,
//! and it is not `HttpOnly`) or another site set it, and a pattern
//! (`"_ga_*"`) where the table of [`known`] cookies has one. The table
//! gives the provider, the service, the purpose (in French, the charte's
//! language) and the category of the cookies it knows; the others say
//! `TODO:` and what the browser saw, and are filed where a wrong guess
//! asks too much consent rather than too little: under `necessary` only
//! when the site already sets them before any consent (or, set once the
//! visitor chose, their name speaks of consent: the cookie that keeps the
//! choice), under `marketing` otherwise. Lifetimes are what the browser
//! saw, rounded to the largest whole unit the time of the read allows, and
//! at most what the compiler accepts: 13 months (390 days) for
//! `statistics` and `marketing`, 400 days for the others. The attributes
//! are those the browser held, within the compiler's rules (`__Host-`
//! without `domain`, `same_site: None` with `secure`). A name that is not
//! a Rust identifier is a string literal, and a constant that would not do
//! (`1P_JAR`, `_ga` beside `_ga_*`) is named with `as`.
//!
//! # What it cannot see
//!
//! - Cookies set only after something the scan does not do: a form it
//!   does not submit (a login, a search), a click on an embed, a scroll,
//!   a timer longer than [`Scan::settle`]'s wait, a page it was not given
//!   and did not find among the links.
//! - Storage other than cookies: `localStorage`, `sessionStorage`,
//!   IndexedDB, the cache, fingerprinting. Requests to other hosts are
//!   reported, whatever they carry.
//! - Other browsers: it runs Chromium, whose rules (third-party cookies,
//!   the 400-day cap, `SameSite` defaults) are not Firefox's or Safari's.
//!   Chromium blocks third-party cookies in a new profile; the scan turns
//!   that off (`profile.cookie_controls_mode`), to see what a browser that
//!   allows them holds.
//! - Cross-site iframes' own requests are in the log only as far as
//!   ChromeDriver reports them; their cookies are in the store.
//!
//! # Requirements
//!
//! Debian's `chromium` and `chromium-driver` packages (or `$CHROMIUM` and
//! `$CHROMEDRIVER`). [`Scan::run`] gives [`Error::BrowserMissing`]
//! without them; [`Scan::run_or_skip`] prints a message and gives `None`,
//! or panics when `$CI` is set, since CI must run the scan.
#![deny(missing_docs)]

pub mod browser;
mod check;
mod declaration;
mod draft;
mod finding;
pub mod known;
mod report;
mod run;
pub mod steps;

use core::fmt;
use std::time::Duration;

use cookie_decl::consent::{CategorySet, ConsentRegistry};

pub use crate::browser::Browser;
pub use crate::declaration::{Declaration, Expected};
pub use crate::draft::{Draft, DraftCookie, Seen};
pub use crate::finding::{Finding, FindingKind, Scenario};
pub use crate::report::{Held, Report, ScenarioResult};
pub use crate::steps::Steps;

/// What the scan asks the consent interface to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Accept every category.
    AcceptAll,
    /// Refuse every category.
    RefuseAll,
    /// Accept exactly these categories (the others refused or withdrawn).
    /// With the generated interface: "Personnaliser" in the banner of a
    /// first visit, or the preferences page once the banner is gone, each
    /// box ticked or unticked, then "Enregistrer mes choix".
    Only(CategorySet),
}

/// The steps that make a choice on a site whose consent interface is not
/// the generated one: given the browser, the choice and the base URL, they
/// click what a visitor clicks and return once the answer has loaded.
///
/// The browser is on the first page, where the banner shows, for every
/// choice of the refuse-all, accept-all and one-category scenarios, and
/// for the acceptance of a withdrawal scenario; it is on the last page
/// opened, the banner answered, for the withdrawal itself (a
/// [`Choice::Only`] of every category but the one withdrawn).
pub type ConsentSteps = dyn Fn(&Browser, Choice, &str) -> Result<(), Error> + Send + Sync;

/// A scan of a running site: the base URL, the declaration, the pages, and
/// how to make a choice. Build it, then [`run`](Scan::run) it.
pub struct Scan {
    base: String,
    declaration: Declaration,
    pages: Vec<String>,
    follow_links: usize,
    preferences_page: String,
    steps: Option<Box<ConsentSteps>>,
    file_steps: Option<Steps>,
    hide_automation: bool,
    tolerance: Duration,
    allowed_hosts: Vec<String>,
    scenarios: Option<Vec<Scenario>>,
    progress: bool,
    quiet: Duration,
    settle_limit: Duration,
}

impl Scan {
    /// A scan of the site at `base_url` (`http://127.0.0.1:3000`) against
    /// registry `R`, whose consent cookie is looked for after each choice.
    /// It opens `/` unless [`pages`](Scan::pages) says otherwise.
    pub fn new<R: ConsentRegistry>(base_url: &str) -> Scan {
        Scan::with_declaration(Declaration::of::<R>(), base_url)
    }

    /// A scan against a declaration read from JSON
    /// ([`Declaration::from_json`]) or built by
    /// [`Declaration::cookies_of`].
    pub fn with_declaration(declaration: Declaration, base_url: &str) -> Scan {
        Scan {
            base: base_url.trim_end_matches('/').to_owned(),
            declaration,
            pages: vec!["/".to_owned()],
            follow_links: 0,
            preferences_page: "/cookies/preferences".to_owned(),
            steps: None,
            file_steps: None,
            hide_automation: true,
            tolerance: Duration::from_secs(300),
            allowed_hosts: Vec::new(),
            scenarios: None,
            progress: true,
            quiet: Duration::from_millis(400),
            settle_limit: Duration::from_secs(5),
        }
    }

    /// The pages to open in each scenario, in order: paths on the site
    /// (`/stats`) or absolute URLs. The first is where the banner is
    /// answered.
    pub fn pages<I, S>(mut self, pages: I) -> Scan
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.pages = pages.into_iter().map(Into::into).collect();
        self
    }

    /// Also opens up to `limit` pages found in the links of the pages
    /// opened (same origin only), in each scenario.
    pub fn follow_links(mut self, limit: usize) -> Scan {
        self.follow_links = limit;
        self
    }

    /// Where the generated preferences page is (`/cookies/preferences`,
    /// the default; the declaration's `preferences_url`).
    pub fn preferences_page(mut self, path: &str) -> Scan {
        path.clone_into(&mut self.preferences_page);
        self
    }

    /// The steps that make a choice, for a site whose consent interface is
    /// not the generated banner.
    ///
    /// ```no_run
    /// # use cookie_decl_scan::{Choice, Declaration, Error, Scan};
    /// # let declaration: Declaration = unimplemented!();
    /// let scan = Scan::with_declaration(declaration, "http://127.0.0.1:8080")
    ///     .consent_steps(|browser, choice, base| match choice {
    ///         Choice::AcceptAll => browser.click_button("Accept"),
    ///         Choice::RefuseAll => browser.click_button("Reject"),
    ///         Choice::Only(granted) => {
    ///             browser.goto(&format!("{base}/privacy"))?;
    ///             for category in cookie_decl::consent::CategorySet::ALL.iter() {
    ///                 browser.set_checkbox_by_id(category.as_str(), granted.contains(category))?;
    ///             }
    ///             browser.click_button("Save")
    ///         }
    ///     });
    /// ```
    pub fn consent_steps<F>(mut self, steps: F) -> Scan
    where
        F: Fn(&Browser, Choice, &str) -> Result<(), Error> + Send + Sync + 'static,
    {
        self.steps = Some(Box::new(steps));
        self.file_steps = None;
        self
    }

    /// The steps that make a choice, from a steps file or a ready recipe
    /// ([`Steps`]): clicks in place and waits for the consent manager's
    /// answer, as the [`steps`] module describes. Replaces
    /// [`consent_steps`](Scan::consent_steps).
    ///
    /// ```no_run
    /// # use cookie_decl_scan::{Declaration, Scan, Steps};
    /// # let declaration: Declaration = unimplemented!();
    /// let scan = Scan::with_declaration(declaration, "http://127.0.0.1:8080")
    ///     .steps(Steps::recipe("cookieconsent-v3").unwrap());
    /// ```
    pub fn steps(mut self, steps: Steps) -> Scan {
        self.file_steps = Some(steps);
        self.steps = None;
        self
    }

    /// Whether the browser hides that it is automated (`true`, the
    /// default): `navigator.webdriver` false, no `enable-automation`
    /// switch, a user agent without `HeadlessChrome`
    /// ([`BrowserOptions::hide_automation`](browser::BrowserOptions::hide_automation)).
    /// Consent managers hide their banner from automated browsers
    /// (CookieConsent's `hideFromBots`, on by default): `false` scans the
    /// site as such a robot sees it.
    pub fn hide_automation(mut self, hide: bool) -> Scan {
        self.hide_automation = hide;
        self
    }

    /// A tracker's opt-out URL: a request to it (or under it) made after
    /// the visitor chose is the site telling the tracker to forget the
    /// visitor, and is not reported ([`Declaration::opt_out`]).
    pub fn opt_out_url(mut self, url: &str) -> Scan {
        self.declaration.opt_out.push(url.to_owned());
        self
    }

    /// How much longer than declared a cookie may live before it is
    /// reported: the time between its `Set-Cookie` and the read, and the
    /// clocks. 5 minutes by default.
    pub fn lifetime_tolerance(mut self, tolerance: Duration) -> Scan {
        self.tolerance = tolerance;
        self
    }

    /// A host the site counts as its own (a CDN of its own): requests to
    /// it are never reported. `.example.fr` allows every subdomain.
    pub fn allow_host(mut self, host: &str) -> Scan {
        self.allowed_hosts.push(host.to_owned());
        self
    }

    /// Runs these scenarios only, instead of [`Scenario::all`].
    pub fn scenarios(mut self, scenarios: impl IntoIterator<Item = Scenario>) -> Scan {
        self.scenarios = Some(scenarios.into_iter().collect());
        self
    }

    /// Whether to print each page to standard error while it runs (on by
    /// default).
    pub fn progress(mut self, progress: bool) -> Scan {
        self.progress = progress;
        self
    }

    /// After a page has loaded, how long it must make no new request
    /// before its cookies are read (400 ms by default; at most 5 s in
    /// all).
    pub fn settle(mut self, quiet: Duration) -> Scan {
        self.quiet = quiet;
        self
    }

    /// Runs the scan: starts Chromium, runs every scenario, and gives the
    /// report. Findings are in the report; an `Err` is a scan that could
    /// not run (no browser, a page that does not load, a banner button
    /// that is not there).
    pub fn run(&self) -> Result<Report, Error> {
        run::run(self)
    }

    /// [`run`](Scan::run) for a test: `None`, with a message, when
    /// Chromium or ChromeDriver is not installed, unless `$CI` is set:
    /// then it panics. Any other error panics with its message.
    pub fn run_or_skip(&self) -> Option<Report> {
        match self.run() {
            Ok(report) => Some(report),
            Err(Error::BrowserMissing) => {
                browser::skip("cookie scan");
                None
            }
            Err(err) => panic!("cookie scan of {}: {err}", self.base),
        }
    }
}

/// Why a scan, or a browser command, could not run.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// `chromium` or `chromedriver` is not installed.
    BrowserMissing,
    /// ChromeDriver refused a command, or could not be reached.
    Driver(String),
    /// A page did not load, or lacks what the scan must click.
    Page(String),
    /// A declaration that cannot be read.
    Declaration(String),
    /// A steps file that cannot be read ([`Steps::from_json`]).
    Steps(String),
    /// A file could not be written or read.
    Io(std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BrowserMissing => f.write_str(
                "`chromium` or `chromedriver` is not installed: apt-get install chromium \
                 chromium-driver, or set CHROMIUM and CHROMEDRIVER to their paths",
            ),
            Error::Driver(message) => write!(f, "chromedriver: {message}"),
            Error::Page(message) => write!(f, "page: {message}"),
            Error::Declaration(message) => write!(f, "declaration: {message}"),
            Error::Steps(message) => write!(f, "steps: {message}"),
            Error::Io(err) => write!(f, "{err}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Error {
        Error::Io(err)
    }
}

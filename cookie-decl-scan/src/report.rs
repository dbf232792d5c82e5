//! The report: text for the terminal, JSON for tools, one HTML page for a
//! person.

use core::fmt;
use core::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use cookie_decl::consent::CategorySet;
use serde_json::{Value, json};

use crate::browser::BrowserCookie;
use crate::declaration::Declaration;
use crate::finding::{Finding, FindingKind, Scenario, duration};
use crate::known::KnownCookie;
use crate::{Error, Expected};

/// What a scan found: every scenario, what the browser held in each, and
/// the findings.
#[derive(Clone, Debug)]
pub struct Report {
    pub(crate) base: String,
    pub(crate) declaration: Declaration,
    pub(crate) scenarios: Vec<ScenarioResult>,
    pub(crate) findings: Vec<Finding>,
    /// The first page of the not-asked scenario, base64 PNG: the generated
    /// banner alone when it was found (`banner_cropped`), else the screen.
    pub(crate) banner_screenshot: Option<String>,
    pub(crate) banner_cropped: bool,
    pub(crate) elapsed: Duration,
    pub(crate) pages_opened: usize,
    /// `(host, name)` of every `Set-Cookie` the responses carried
    /// ([`Browser::set_by_responses`](crate::Browser::set_by_responses)):
    /// what tells a cookie the site's server set from one its pages'
    /// scripts did, for a draft.
    pub(crate) set_by_responses: std::collections::BTreeSet<(String, String)>,
}

/// One scenario of a [`Report`].
#[derive(Clone, Debug)]
pub struct ScenarioResult {
    /// Which.
    pub scenario: Scenario,
    /// The categories accepted once its choice was made.
    pub granted: CategorySet,
    /// The pages checked, as paths.
    pub pages: Vec<String>,
    /// Every cookie the browser held at some point, in the order first
    /// seen.
    pub held: Vec<Held>,
    /// The other hosts its pages requested.
    pub other_hosts: Vec<String>,
    /// How long it took.
    pub elapsed: Duration,
}

/// A cookie the browser held during a scenario.
#[derive(Clone, Debug)]
pub struct Held {
    /// The cookie as last read.
    pub cookie: BrowserCookie,
    /// The page after which it was first seen (with its rank, for order).
    pub(crate) first_seen: (usize, String),
    /// Seconds it had left to live when last read; `None`: a session
    /// cookie.
    pub lives: Option<i64>,
    /// Whether the browser still held it at the end of the scenario.
    pub at_end: bool,
}

impl Held {
    /// The page after which it was first seen.
    pub fn first_seen_on(&self) -> &str {
        &self.first_seen.1
    }
}

impl Report {
    /// Whether nothing was found.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    /// Every finding, scenario by scenario, in the order seen.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Every scenario run.
    pub fn scenarios(&self) -> &[ScenarioResult] {
        &self.scenarios
    }

    /// How long the whole scan took.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// How many pages were opened in all (the preferences page of each
    /// choice included).
    pub fn pages_opened(&self) -> usize {
        self.pages_opened
    }

    /// The banner as a first-time visitor saw it: a PNG, base64.
    pub fn banner_screenshot(&self) -> Option<&str> {
        self.banner_screenshot.as_deref()
    }

    /// The report as JSON: `{ "base", "site", "clean", "seconds",
    /// "pages_opened", "findings": [{ "scenario", "page", "kind",
    /// "subject", "message" }], "scenarios": [{ "scenario", "granted",
    /// "pages", "seconds", "cookies": [...], "other_hosts" }] }`. An
    /// `undeclared` finding also has `"known"`: what the table of
    /// [`known`](crate::known) cookies says of its name, `{ "name",
    /// "platform", "provider", "domain", "category", "purpose_en",
    /// "purpose_fr", "retention", "seconds" }` (`"seconds"` null for a
    /// session cookie), or null.
    pub fn to_json(&self) -> String {
        let findings: Vec<Value> = self
            .findings
            .iter()
            .map(|f| {
                let mut finding = json!({
                    "scenario": f.scenario.slug(),
                    "page": f.page,
                    "kind": f.kind.code(),
                    "subject": f.kind.subject(),
                    "message": f.kind.to_string(),
                });
                if let FindingKind::Undeclared { known, .. } = &f.kind {
                    finding["known"] = known.map_or(Value::Null, known_json);
                }
                finding
            })
            .collect();
        let scenarios: Vec<Value> = self
            .scenarios
            .iter()
            .map(|s| {
                let cookies: Vec<Value> = s
                    .held
                    .iter()
                    .map(|h| {
                        let c = &h.cookie;
                        json!({
                            "name": c.name, "domain": c.domain, "path": c.path,
                            "lives": h.lives, "secure": c.secure, "http_only": c.http_only,
                            "same_site": c.same_site, "partitioned": c.partitioned,
                            "first_seen": h.first_seen_on(), "at_end": h.at_end,
                        })
                    })
                    .collect();
                json!({
                    "scenario": s.scenario.slug(),
                    "granted": s.granted.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
                    "pages": s.pages,
                    "seconds": s.elapsed.as_secs_f64(),
                    "cookies": cookies,
                    "other_hosts": s.other_hosts,
                })
            })
            .collect();
        let report = json!({
            "base": self.base,
            "site": self.declaration.site,
            "clean": self.is_clean(),
            "seconds": self.elapsed.as_secs_f64(),
            "pages_opened": self.pages_opened,
            "findings": findings,
            "scenarios": scenarios,
        });
        serde_json::to_string_pretty(&report).unwrap_or_default()
    }

    /// Writes [`to_json`](Report::to_json) to `path`.
    pub fn write_json(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        write(path.as_ref(), &self.to_json())
    }

    /// Writes [`to_html`](Report::to_html) to `path`.
    pub fn write_html(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        write(path.as_ref(), &self.to_html())
    }

    /// The table's rows: every cookie held in any scenario (declared ones
    /// first, in declaration order), then the other hosts requested.
    fn rows(&self) -> Vec<Row> {
        let mut rows: Vec<Row> = Vec::new();
        for scenario in &self.scenarios {
            for held in &scenario.held {
                let c = &held.cookie;
                if !rows.iter().any(|r| r.is_cookie(c)) {
                    rows.push(Row::Cookie {
                        name: c.name.clone(),
                        domain: c.domain.clone(),
                        path: c.path.clone(),
                    });
                }
            }
        }
        // A declared cookie no scenario held is a row too: a charte that
        // lists what the site no longer sets, or a cookie set only after
        // what the scan does not do.
        for (index, expected) in self.declaration.cookies.iter().enumerate() {
            let held = rows
                .iter()
                .any(|r| matches!(r, Row::Cookie { name, .. } if expected.matches(name)));
            if !held {
                rows.push(Row::Unseen(index));
            }
        }
        let rank = |row: &Row| match row {
            Row::Cookie { name, .. } => self
                .declaration
                .cookies
                .iter()
                .position(|e| e.matches(name))
                .unwrap_or(usize::MAX),
            Row::Unseen(index) => *index,
            Row::Host(_) => usize::MAX,
        };
        rows.sort_by_key(rank);
        for scenario in &self.scenarios {
            for host in &scenario.other_hosts {
                if !rows.iter().any(|r| matches!(r, Row::Host(h) if h == host)) {
                    rows.push(Row::Host(host.clone()));
                }
            }
        }
        rows
    }

    /// The findings of `scenario` about `row`.
    fn findings_at<'a>(
        &'a self,
        scenario: Scenario,
        row: &'a Row,
    ) -> impl Iterator<Item = &'a Finding> {
        self.findings.iter().filter(move |f| {
            f.scenario == scenario
                && match (row, &f.kind) {
                    (
                        Row::Host(host),
                        FindingKind::ThirdPartyRequest { host: h, .. }
                        | FindingKind::RequestAfterWithdrawal { host: h, .. },
                    ) => h == host,
                    (Row::Host(_), _)
                    | (
                        _,
                        FindingKind::ThirdPartyRequest { .. }
                        | FindingKind::RequestAfterWithdrawal { .. }
                        | FindingKind::PreTicked { .. },
                    ) => false,
                    (Row::Unseen(index), FindingKind::ConsentCookieMissing { name }) => {
                        self.declaration.cookies[*index].name == *name
                    }
                    (Row::Unseen(_), _) => false,
                    (Row::Cookie { name, domain, path }, kind) => {
                        kind.subject() == name
                            && match kind {
                                FindingKind::Undeclared { domain: d, .. }
                                | FindingKind::WithoutConsent { domain: d, .. } => d == domain,
                                FindingKind::SurvivedWithdrawal {
                                    domain: d, path: p, ..
                                } => d == domain && p == path,
                                _ => true,
                            }
                    }
                }
        })
    }

    /// One HTML page: the findings, one entry per problem (the same rule
    /// about the same cookie or host) with the scenarios it was seen in,
    /// then each on its line; a table with the cookies (and other hosts)
    /// down and the scenarios across, each cell what the browser held at
    /// the end of the scenario, cells with a finding in red and the rule
    /// named in them; and the banner as a first-time visitor saw it (the
    /// generated banner alone, else the first screen).
    pub fn to_html(&self) -> String {
        let mut out = String::new();
        let title = format!("Cookie scan of {}", self.base);
        let _ = write!(
            out,
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
            html(&title),
            html(&title)
        );
        let _ = writeln!(
            out,
            "<p class=\"summary\">Declaration of <code>{}</code>: {} cookies declared, consent asked for \
             {}. {} scenarios, {} pages opened in {:.1} s in headless Chromium.</p>",
            html(&self.declaration.site),
            self.declaration.cookies.len(),
            html(&self.declaration.asked.to_string()),
            self.scenarios.len(),
            self.pages_opened,
            self.elapsed.as_secs_f64()
        );
        if self.is_clean() {
            out.push_str("<p class=\"verdict clean\">No finding: in every scenario the browser held only declared cookies, with their declared attributes and the consent they need, and asked no other host before consent.</p>\n");
        } else {
            self.html_findings(&mut out);
        }
        self.html_table(&mut out);
        if let Some(png) = &self.banner_screenshot {
            let (what, alt) = if self.banner_cropped {
                ("The banner", "The consent banner")
            } else {
                ("The first screen", "The first screen")
            };
            let _ = writeln!(
                out,
                "<h2>The banner as a first-time visitor saw it</h2>\n<figure><img alt=\"{alt} of {}, \
                 before any choice\" src=\"data:image/png;base64,{png}\"><figcaption>{what} of {}, \
                 scenario &ldquo;not asked&rdquo;, in headless Chromium at 1280&times;1000.</figcaption></figure>",
                html(&self.base),
                html(&self.scan_page_one())
            );
        }
        out.push_str("<p class=\"note\">What a scan cannot see: cookies set only after a form it does not submit or a click it does not make, storage other than cookies (localStorage, IndexedDB), and other browsers' rules. Third-party cookies are allowed in the scanning browser, as in a browser that allows them.</p>\n</body>\n</html>\n");
        out
    }

    /// The findings, one entry per problem (the same rule about the same
    /// cookie or host), with the scenarios and pages where it was seen;
    /// then every finding, one line each, as the text report has them.
    fn html_findings(&self, out: &mut String) {
        let mut problems: Vec<(String, Vec<&Finding>)> = Vec::new();
        for finding in &self.findings {
            let key = problem_key(&finding.kind);
            match problems.iter_mut().find(|(k, _)| *k == key) {
                Some((_, seen)) => seen.push(finding),
                None => problems.push((key, vec![finding])),
            }
        }
        // What the visitor did not consent to first, then what the
        // declaration does not say; in the order seen within a rule.
        problems.sort_by_key(|(_, seen)| rule_rank(&seen[0].kind));
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let _ = writeln!(
            out,
            "<h2 class=\"verdict\">{}, {}</h2>\n<ol class=\"problems\">",
            plural(problems.len(), "problem", "problems"),
            plural(self.findings.len(), "finding", "findings")
        );
        for (_, seen) in &problems {
            let first = seen[0];
            let places: Vec<String> = seen
                .iter()
                .map(|f| {
                    format!(
                        "{} <code>{}</code>",
                        html(&f.scenario.to_string()),
                        html(&f.page)
                    )
                })
                .collect();
            let every = if seen.len() == self.scenarios.len() && seen.len() > 1 {
                ", every one"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "<li><span class=\"rule\">{}</span> {}<br><small>seen in {}{every}: {}</small></li>",
                html(rule_name(&first.kind)),
                code_spans(&first.kind.to_string()),
                plural(seen.len(), "scenario", "scenarios"),
                places.join("; ")
            );
        }
        let _ = writeln!(
            out,
            "</ol>\n<details>\n<summary>Every finding, one line each, as the text report gives them</summary>\n<ol class=\"findings\">"
        );
        for finding in &self.findings {
            let _ = writeln!(
                out,
                "<li><span class=\"scenario\">{}</span> <code>{}</code>: {}</li>",
                html(&finding.scenario.to_string()),
                html(&finding.page),
                code_spans(&finding.kind.to_string())
            );
        }
        out.push_str("</ol>\n</details>\n");
    }

    /// The first page of the first scenario, as a URL. The pages are
    /// named by their path from the origin (`/broken/`), not from the
    /// base URL (`http://127.0.0.1:8080/broken`), which may have a path
    /// of its own.
    fn scan_page_one(&self) -> String {
        self.scenarios
            .first()
            .and_then(|s| s.pages.first())
            .map_or_else(
                || self.base.clone(),
                |page| {
                    if page.starts_with('/') || page.starts_with('?') {
                        format!("{}{page}", crate::declaration::origin_of(&self.base))
                    } else {
                        page.clone()
                    }
                },
            )
    }

    fn html_table(&self, out: &mut String) {
        let rows = self.rows();
        out.push_str("<h2>What the browser held</h2>\n<table>\n<caption>Cookies down, scenarios across. Each cell: what the browser held at the end of the scenario (its lifetime left, the page after which it was first seen), <em>removed</em> if it was held and then deleted, &mdash; if never held. <span class=\"legend finding\">A red cell</span> has a finding, named in it.</caption>\n<thead>\n<tr><th scope=\"col\">Cookie</th><th scope=\"col\">Declared</th>");
        for scenario in &self.scenarios {
            let _ = write!(
                out,
                "<th scope=\"col\">{}<br><small>accepted: {}</small></th>",
                html(&scenario.scenario.to_string()),
                html(&scenario.granted.to_string())
            );
        }
        out.push_str("</tr>\n</thead>\n<tbody>\n");
        for row in &rows {
            let (head, declared) = match row {
                Row::Cookie { name, domain, path } => {
                    let expected = self.declaration.cookies.iter().find(|e| e.matches(name));
                    (
                        format!(
                            "<code>{}</code><br><small>{}{}</small>",
                            html(name),
                            html(domain),
                            html(path)
                        ),
                        expected.map_or_else(
                            || {
                                format!(
                                    "<span class=\"undeclared\">not declared</span><br><small>{}</small>",
                                    FindingKind::known_as(name, domain).map_or_else(
                                        || "unknown to the table of known cookies".to_owned(),
                                        |known| format!(
                                            "known: {}, {}, {}",
                                            html(known.platform),
                                            known.category,
                                            known.retention
                                        )
                                    )
                                )
                            },
                            |expected| {
                                let keeps_choice = self.declaration.consent_cookie.as_deref()
                                    == Some(expected.name.as_str());
                                describe(expected, keeps_choice)
                            },
                        ),
                    )
                }
                Row::Unseen(index) => {
                    let expected = &self.declaration.cookies[*index];
                    let keeps_choice =
                        self.declaration.consent_cookie.as_deref() == Some(expected.name.as_str());
                    (
                        format!(
                            "<code>{}</code><br><small>{}, path {}</small>",
                            html(&expected.name),
                            html(expected.domain.as_deref().unwrap_or("the site's host")),
                            html(&expected.path)
                        ),
                        format!(
                            "{}<br><small class=\"unseen\">held in no scenario</small>",
                            describe(expected, keeps_choice)
                        ),
                    )
                }
                Row::Host(host) => (
                    format!("requests to <code>{}</code>", html(host)),
                    "another host".to_owned(),
                ),
            };
            let _ = write!(out, "<tr><th scope=\"row\">{head}</th><td>{declared}</td>");
            for scenario in &self.scenarios {
                let findings: Vec<&Finding> = self.findings_at(scenario.scenario, row).collect();
                let text = match row {
                    Row::Cookie { .. } => scenario
                        .held
                        .iter()
                        .find(|h| row.is_cookie(&h.cookie))
                        .map_or_else(
                            || "&mdash;".to_owned(),
                            |h| {
                                if h.at_end {
                                    format!(
                                        "held, {}<br><small>first on <code>{}</code></small>",
                                        h.lives.map_or_else(
                                            || "session".to_owned(),
                                            |s| format!("{} left", duration(s.max(0)))
                                        ),
                                        html(h.first_seen_on())
                                    )
                                } else {
                                    format!(
                                        "<span class=\"removed\">removed</span><br><small>held from <code>{}</code></small>",
                                        html(h.first_seen_on())
                                    )
                                }
                            },
                        ),
                    Row::Unseen(_) => "&mdash;".to_owned(),
                    Row::Host(host) => {
                        if scenario.other_hosts.contains(host) {
                            "requested".to_owned()
                        } else {
                            "&mdash;".to_owned()
                        }
                    }
                };
                if findings.is_empty() {
                    let _ = write!(out, "<td>{text}</td>");
                } else {
                    // The cell says which rule, in a few words; the whole
                    // line is its tooltip, and in the list above.
                    let lines: Vec<String> =
                        findings.iter().map(|f| html(&f.kind.to_string())).collect();
                    let notes: String = findings
                        .iter()
                        .map(|f| format!("<li>{}</li>", short(&f.kind)))
                        .collect();
                    let _ = write!(
                        out,
                        "<td class=\"finding\" title=\"{}\">{text}<ul>{notes}</ul></td>",
                        lines.join("\n"),
                    );
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
}

/// A row of the HTML table.
enum Row {
    Cookie {
        name: String,
        domain: String,
        path: String,
    },
    /// A declared cookie (its index) that no scenario held.
    Unseen(usize),
    Host(String),
}

impl Row {
    fn is_cookie(&self, cookie: &BrowserCookie) -> bool {
        matches!(self, Row::Cookie { name, domain, path }
            if *name == cookie.name && *domain == cookie.domain && *path == cookie.path)
    }
}

/// A row of the table of known cookies, as the JSON report gives it.
fn known_json(known: &KnownCookie) -> Value {
    json!({
        "name": known.name,
        "platform": known.platform,
        "provider": known.provider,
        "domain": known.domain,
        "category": known.category.as_str(),
        "purpose_en": known.purpose_en,
        "purpose_fr": known.purpose_fr,
        "retention": known.retention.to_string(),
        "seconds": known.retention.seconds(),
    })
}

/// A declared cookie in a cell: category, consent, lifetime.
fn describe(expected: &Expected, keeps_choice: bool) -> String {
    format!(
        "{}{}<br><small>{}{}{}</small>",
        expected.category,
        if expected.needs_consent {
            ", consent"
        } else {
            ""
        },
        expected
            .max_age
            .map_or_else(|| "session".to_owned(), duration),
        if expected.external { ", extern" } else { "" },
        if keeps_choice {
            ", keeps the choice"
        } else {
            ""
        }
    )
}

/// A finding in a few words, for its cell: the row already names the
/// cookie (or host) and the column the scenario.
fn short(kind: &FindingKind) -> String {
    match kind {
        FindingKind::Undeclared { .. } => "not declared".to_owned(),
        FindingKind::WithoutConsent { category, .. } => format!("no consent to {category}"),
        FindingKind::Lifetime {
            declared: Some(declared),
            found,
            ..
        } => format!(
            "lives {}, {} declared",
            duration(*found),
            duration(*declared)
        ),
        FindingKind::Lifetime { found, .. } => {
            format!("lives {}, declared a session cookie", duration(*found))
        }
        FindingKind::Attribute {
            declared, found, ..
        } => format!("{}, declared {}", html(found), html(declared)),
        FindingKind::SurvivedWithdrawal { .. } => "survived the withdrawal".to_owned(),
        FindingKind::ConsentCookieMissing { .. } => "missing after the choice".to_owned(),
        FindingKind::ThirdPartyRequest { .. } => "requested without consent".to_owned(),
        FindingKind::RequestAfterWithdrawal { category, .. } => {
            format!("requested after the withdrawal of {category}")
        }
        FindingKind::PreTicked { .. } => "ticked before the choice".to_owned(),
    }
}

/// The rule a finding breaks, as the list of problems names it.
fn rule_name(kind: &FindingKind) -> &'static str {
    match kind {
        FindingKind::Undeclared { .. } => "Not declared",
        FindingKind::WithoutConsent { .. } => "Without consent",
        FindingKind::Lifetime { .. } => "Lifetime",
        FindingKind::Attribute { .. } => "Attribute",
        FindingKind::SurvivedWithdrawal { .. } => "Withdrawal",
        FindingKind::ConsentCookieMissing { .. } => "Consent cookie",
        FindingKind::ThirdPartyRequest { .. } => "Request",
        FindingKind::RequestAfterWithdrawal { .. } => "Request after withdrawal",
        FindingKind::PreTicked { .. } => "Pre-ticked box",
    }
}

/// Where a rule's problems come in the list: consent first.
fn rule_rank(kind: &FindingKind) -> u8 {
    match kind {
        FindingKind::WithoutConsent { .. } => 0,
        FindingKind::SurvivedWithdrawal { .. } => 1,
        FindingKind::RequestAfterWithdrawal { .. } => 2,
        FindingKind::ThirdPartyRequest { .. } => 3,
        FindingKind::PreTicked { .. } => 4,
        FindingKind::ConsentCookieMissing { .. } => 5,
        FindingKind::Undeclared { .. } => 6,
        FindingKind::Lifetime { .. } => 7,
        FindingKind::Attribute { .. } => 8,
    }
}

/// What makes findings of several scenarios one problem: the rule, the
/// cookie or host, and where it is or which attribute.
fn problem_key(kind: &FindingKind) -> String {
    let detail = match kind {
        FindingKind::Undeclared { domain, .. }
        | FindingKind::WithoutConsent { domain, .. }
        | FindingKind::SurvivedWithdrawal { domain, .. } => domain.as_str(),
        FindingKind::Attribute { declared, .. } => declared.as_str(),
        _ => "",
    };
    format!("{}\u{0}{}\u{0}{detail}", kind.code(), kind.subject())
}

fn write(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)?;
    Ok(())
}

fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A finding's text, escaped, with its `` `names` `` as `<code>`.
fn code_spans(text: &str) -> String {
    let mut out = String::new();
    for (index, part) in html(text).split('`').enumerate() {
        if index % 2 == 1 {
            let _ = write!(out, "<code>{part}</code>");
        } else {
            out.push_str(part);
        }
    }
    out
}

const STYLE: &str = "\
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem; color: #1e1e1e; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
code { font-family: ui-monospace, monospace; font-size: .92em; }
.verdict { color: #a40e26; }
.verdict.clean { color: #1a6b2f; font-weight: 600; }
ol.problems li { margin: .35rem 0; }
.rule { display: inline-block; min-width: 9rem; font-weight: 600; color: #a40e26; }
ol.findings li { margin: .15rem 0; }
details { margin: .6rem 0; }
summary { cursor: pointer; color: #333; }
.scenario { display: inline-block; min-width: 17rem; font-weight: 600; }
table { border-collapse: collapse; margin-top: .5rem; }
caption { text-align: left; padding-bottom: .4rem; color: #555; caption-side: top; }
th, td { border: 1px solid #c8c8c8; padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f0f0f4; font-weight: 600; min-width: 6.5rem; position: sticky; top: 0; }
tbody th { font-weight: normal; white-space: nowrap; }
td.finding, .legend.finding { background: #fde2e4; }
td.finding { border: 2px solid #c92a3a; }
td.finding ul { margin: .3rem 0 0; padding-left: 1rem; font-size: .88em; font-weight: 600; color: #7a0c1c; }
.removed { color: #555; font-style: italic; }
.undeclared { color: #a40e26; font-weight: 600; }
.unseen { font-style: italic; }
small { color: #555; }
figure { margin: .5rem 0; }
figure img { max-width: 100%; border: 1px solid #c8c8c8; }
figcaption { color: #555; font-size: .9em; }
.note { color: #555; font-size: .9em; margin-top: 1.5rem; }
";

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "cookie scan of {} against the declaration of {}: {} scenarios, {} pages, {:.1} s",
            self.base,
            self.declaration.site,
            self.scenarios.len(),
            self.pages_opened,
            self.elapsed.as_secs_f64()
        )?;
        for scenario in &self.scenarios {
            let held: Vec<&str> = scenario
                .held
                .iter()
                .filter(|h| h.at_end)
                .map(|h| h.cookie.name.as_str())
                .collect();
            writeln!(
                f,
                "  {:<40} {} pages, held at the end: {}",
                scenario.scenario.to_string(),
                scenario.pages.len(),
                if held.is_empty() {
                    "nothing".to_owned()
                } else {
                    held.join(", ")
                }
            )?;
        }
        match self.findings.len() {
            0 => write!(f, "clean: no finding"),
            n => {
                write!(f, "{n} finding{}:", if n == 1 { "" } else { "s" })?;
                for finding in &self.findings {
                    write!(f, "\n  {finding}")?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::known;

    /// A scan of one scenario in which the browser held an undeclared
    /// Google Analytics cookie and an undeclared cookie nobody knows.
    fn report() -> Report {
        let declaration = Declaration::from_json(
            r#"{"site":"https://data.example.fr","cookies":[{"name":"sid","category":"necessary"}]}"#,
        )
        .unwrap();
        let held = |name: &str| Held {
            cookie: BrowserCookie {
                name: name.to_owned(),
                value: "1".to_owned(),
                domain: "127.0.0.1".to_owned(),
                path: "/".to_owned(),
                expires: None,
                http_only: false,
                secure: false,
                same_site: "Lax".to_owned(),
                partitioned: false,
            },
            first_seen: (0, "/".to_owned()),
            lives: None,
            at_end: true,
        };
        let finding = |name: &str| Finding {
            scenario: Scenario::NotAsked,
            page: "/".to_owned(),
            kind: FindingKind::Undeclared {
                name: name.to_owned(),
                domain: "127.0.0.1".to_owned(),
                third_party: false,
                known: FindingKind::known_as(name, "127.0.0.1"),
            },
        };
        Report {
            base: "http://127.0.0.1:8080".to_owned(),
            declaration,
            scenarios: vec![ScenarioResult {
                scenario: Scenario::NotAsked,
                granted: CategorySet::NONE,
                pages: vec!["/".to_owned()],
                held: vec![held("_ga"), held("basket")],
                other_hosts: Vec::new(),
                elapsed: Duration::from_secs(1),
            }],
            findings: vec![finding("_ga"), finding("basket")],
            banner_screenshot: None,
            banner_cropped: false,
            elapsed: Duration::from_secs(1),
            pages_opened: 1,
            set_by_responses: Default::default(),
        }
    }

    #[test]
    fn the_json_gives_what_the_table_knows_of_an_undeclared_cookie() {
        let json: Value = serde_json::from_str(&report().to_json()).unwrap();
        let ga = &json["findings"][0];
        assert_eq!(ga["subject"], "_ga");
        assert_eq!(
            ga["known"],
            json!({
                "name": "_ga",
                "platform": "Google Analytics",
                "provider": "Google",
                "domain": null,
                "category": "statistics",
                "purpose_en": known::lookup("_ga").unwrap().purpose_en,
                "purpose_fr": known::lookup("_ga").unwrap().purpose_fr,
                "retention": "400 days",
                "seconds": 400 * 86_400,
            })
        );
        assert_eq!(json["findings"][1]["subject"], "basket");
        assert_eq!(json["findings"][1]["known"], Value::Null);
    }

    #[test]
    fn the_banner_caption_names_the_first_page_of_a_base_with_a_path_once() {
        let mut report = report();
        report.base = "http://127.0.0.1:8080/broken".to_owned();
        // The pages are named by their path from the origin.
        report.scenarios[0].pages = vec!["/broken/".to_owned()];
        report.banner_screenshot = Some("iVBORw0KGgo=".to_owned());
        let html = report.to_html();
        assert!(
            html.contains("The first screen of http://127.0.0.1:8080/broken/, scenario"),
            "{html}"
        );
        assert!(!html.contains("/broken/broken/"), "{html}");
        // A page on another origin, named by its URL, is kept whole.
        report.scenarios[0].pages = vec!["http://localhost:9/x".to_owned()];
        assert!(
            report
                .to_html()
                .contains("The first screen of http://localhost:9/x, scenario")
        );
    }

    #[test]
    fn the_html_and_text_give_what_the_table_knows_of_an_undeclared_cookie() {
        let report = report();
        let html = report.to_html();
        assert!(
            html.contains(
                "<span class=\"undeclared\">not declared</span><br><small>known: Google \
                 Analytics, statistics, 400 days</small>"
            ),
            "{html}"
        );
        assert!(
            html.contains(
                "<span class=\"undeclared\">not declared</span><br><small>unknown to the table \
                 of known cookies</small>"
            ),
            "{html}"
        );
        assert!(
            html.contains("is not declared; known as a <code>statistics</code> cookie of Google Analytics that tells visitors apart"),
            "{html}"
        );
        let text = report.to_string();
        assert!(
            text.contains(
                "\n  [not asked] /: first-party cookie `basket` on `127.0.0.1` is not declared; \
                 not in the table of known cookies"
            ),
            "{text}"
        );
    }
}

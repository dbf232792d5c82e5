//! The scan itself: one fresh profile per scenario, the choice made as a
//! visitor makes it, the pages opened, the store and the requests read
//! after each.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use cookie_decl::consent::CategorySet;

use crate::browser::{Browser, BrowserCookie, BrowserOptions, Request};
use crate::check::Context;
use crate::declaration::{host_of, origin_of};
use crate::finding::{Finding, FindingKind, Scenario};
use crate::report::{Held, Report, ScenarioResult};
use crate::{Choice, Error, Scan};

pub(crate) fn run(scan: &Scan) -> Result<Report, Error> {
    let started = Instant::now();
    let mut browser =
        Browser::start_with(BrowserOptions::default().hide_automation(scan.hide_automation))?;
    let asked = scan.declaration.asked;
    let scenarios = scan
        .scenarios
        .clone()
        .unwrap_or_else(|| Scenario::all(asked));
    let mut report = Report {
        base: scan.base.clone(),
        declaration: scan.declaration.clone(),
        scenarios: Vec::new(),
        findings: Vec::new(),
        banner_screenshot: None,
        banner_cropped: false,
        elapsed: started.elapsed(),
        pages_opened: 0,
        set_by_responses: Default::default(),
    };
    for (index, &scenario) in scenarios.iter().enumerate() {
        if index > 0 {
            browser.fresh_profile()?;
        }
        let mut run = ScenarioRun::new(scan, scenario, &mut browser);
        run.go(&mut report)?;
        report.pages_opened += run.opened;
        report.findings.extend(run.findings);
        report.scenarios.push(run.result);
    }
    report.set_by_responses = browser.set_by_responses()?.clone();
    report.elapsed = started.elapsed();
    if scan.progress {
        eprintln!(
            "scan: {} scenarios, {} pages in {:.1} s, {} findings",
            report.scenarios.len(),
            report.pages_opened,
            report.elapsed.as_secs_f64(),
            report.findings.len()
        );
    }
    Ok(report)
}

/// One scenario under way.
struct ScenarioRun<'a> {
    scan: &'a Scan,
    scenario: Scenario,
    browser: &'a mut Browser,
    started: Instant,
    /// The scanned host.
    host: String,
    origin: String,
    findings: Vec<Finding>,
    /// What is reported already in this scenario, so that a cookie seen on
    /// every page is reported once.
    reported: HashSet<String>,
    /// Every cookie held at some point: (name, domain, path) -> state.
    held: BTreeMap<(String, String, String), Held>,
    opened: usize,
    result: ScenarioResult,
    /// Whether the visitor has made a choice yet.
    chosen: bool,
    /// The category withdrawn, once it is.
    withdrawn: Option<cookie_decl::Category>,
}

impl<'a> ScenarioRun<'a> {
    fn new(scan: &'a Scan, scenario: Scenario, browser: &'a mut Browser) -> ScenarioRun<'a> {
        let host = host_of(&scan.base).to_owned();
        let origin = origin_of(&scan.base);
        ScenarioRun {
            scan,
            scenario,
            browser,
            started: Instant::now(),
            host,
            origin,
            findings: Vec::new(),
            reported: HashSet::new(),
            held: BTreeMap::new(),
            opened: 0,
            chosen: false,
            withdrawn: None,
            result: ScenarioResult {
                scenario,
                granted: scenario.granted(scan.declaration.asked),
                pages: Vec::new(),
                held: Vec::new(),
                other_hosts: Vec::new(),
                elapsed: std::time::Duration::ZERO,
            },
        }
    }

    fn go(&mut self, report: &mut Report) -> Result<(), Error> {
        let asked = self.scan.declaration.asked;
        let first = self.url(&self.scan.pages[0]);
        match self.scenario {
            Scenario::NotAsked => {
                self.open(&first, CategorySet::NONE, true)?;
                if report.banner_screenshot.is_none() {
                    // The generated banner alone, legible; else (another
                    // consent manager, a banner not shown) the screen.
                    let banner = self.browser.element_screenshot_base64(
                        "//section[contains(concat(' ', normalize-space(@class), ' '), ' cookie-banner ')]",
                    );
                    let (png, cropped) = match banner {
                        Ok(Some(png)) => (png, true),
                        _ => (self.browser.screenshot_base64()?, false),
                    };
                    report.banner_screenshot = Some(png);
                    report.banner_cropped = cropped;
                }
                self.open_pages(CategorySet::NONE, true, true)?;
            }
            Scenario::RefuseAll | Scenario::AcceptAll | Scenario::Only(_) => {
                // What the first page shows before the choice is the
                // not-asked scenario's: read, not reported again.
                self.open(&first, CategorySet::NONE, false)?;
                let choice = match self.scenario {
                    Scenario::RefuseAll => Choice::RefuseAll,
                    Scenario::AcceptAll => Choice::AcceptAll,
                    _ => Choice::Only(self.result.granted),
                };
                self.choose(choice)?;
                self.open_pages(self.result.granted, true, false)?;
            }
            Scenario::Withdraw(category) => {
                // Accepting everything is the accept-all scenario's: what
                // it sets is read, not reported again.
                self.open(&first, CategorySet::NONE, false)?;
                self.choose_unchecked(Choice::AcceptAll, Via::Banner)?;
                self.open_pages(asked, false, false)?;
                self.choose_unchecked(Choice::Only(self.result.granted), Via::Preferences)?;
                self.withdrawn = Some(category);
                self.after_withdrawal(category)?;
                self.open_pages(self.result.granted, true, false)?;
            }
        }
        let mut held: Vec<Held> = std::mem::take(&mut self.held).into_values().collect();
        held.sort_by(|a, b| a.first_seen.cmp(&b.first_seen));
        self.result.held = held;
        self.result.elapsed = self.started.elapsed();
        Ok(())
    }

    fn url(&self, page: &str) -> String {
        if page.starts_with("http://") || page.starts_with("https://") {
            page.to_owned()
        } else {
            format!("{}/{}", self.scan.base, page.trim_start_matches('/'))
        }
    }

    /// `url` as the report shows it: its path on the site, else whole.
    fn page_name(&self, url: &str) -> String {
        match url.strip_prefix(&self.origin) {
            Some("") => "/".to_owned(),
            Some(path) if path.starts_with('/') || path.starts_with('?') => path.to_owned(),
            _ => url.to_owned(),
        }
    }

    /// The given pages, then up to `follow_links` more found in their
    /// links. The first page is opened again unless `skip_first`.
    fn open_pages(
        &mut self,
        granted: CategorySet,
        check: bool,
        skip_first: bool,
    ) -> Result<(), Error> {
        let mut queue: VecDeque<String> = self.scan.pages.iter().map(|p| self.url(p)).collect();
        let mut known: HashSet<String> = queue.iter().cloned().collect();
        let limit = queue.len() + self.scan.follow_links;
        let mut count = 0;
        if skip_first && let Some(first) = queue.pop_front() {
            count += 1;
            self.add_links(&mut queue, &mut known, limit)?;
            drop(first);
        }
        while let Some(url) = queue.pop_front() {
            self.open(&url, granted, check)?;
            count += 1;
            if count < limit {
                self.add_links(&mut queue, &mut known, limit)?;
            }
        }
        Ok(())
    }

    /// Queues the current page's same-origin links not seen yet, while
    /// fewer than `limit` pages are known.
    fn add_links(
        &mut self,
        queue: &mut VecDeque<String>,
        known: &mut HashSet<String>,
        limit: usize,
    ) -> Result<(), Error> {
        if self.scan.follow_links == 0 {
            return Ok(());
        }
        for link in self.browser.links()? {
            let link = link.split('#').next().unwrap_or("").to_owned();
            if known.len() >= limit {
                break;
            }
            if origin_of(&link) == self.origin && known.insert(link.clone()) {
                queue.push_back(link);
            }
        }
        Ok(())
    }

    /// Opens `url`, waits for it to settle, and reads the store.
    fn open(&mut self, url: &str, granted: CategorySet, check: bool) -> Result<(), Error> {
        self.browser.goto(url)?;
        self.opened += 1;
        let name = self.page_name(url);
        if check && !self.result.pages.contains(&name) {
            self.result.pages.push(name.clone());
        }
        self.settle()?;
        self.read(&name, granted, check).map(drop)
    }

    fn settle(&mut self) -> Result<(), Error> {
        self.browser
            .settle(self.scan.quiet, self.scan.settle_limit)
            .map(drop)
    }

    fn context(&self, granted: CategorySet) -> Context<'_> {
        Context {
            declaration: &self.scan.declaration,
            host: &self.host,
            allowed_hosts: &self.scan.allowed_hosts,
            granted,
            tolerance: i64::try_from(self.scan.tolerance.as_secs()).unwrap_or(i64::MAX),
            now: now(),
            chosen: self.chosen,
            withdrawn: self.withdrawn,
        }
    }

    /// Reads the store and the requests made since the last read;
    /// reports what they break when `check`.
    fn read(
        &mut self,
        page: &str,
        granted: CategorySet,
        check: bool,
    ) -> Result<Vec<BrowserCookie>, Error> {
        let cookies = self.browser.cookies()?;
        let requests = self.browser.take_requests()?;
        self.hold(&cookies, page);
        let mut found = Vec::new();
        let mut others = Vec::new();
        {
            let cx = self.context(granted);
            for request in &requests {
                let host = host_of(&request.url);
                if !host.is_empty() && !cx.own_host(host) {
                    others.push(host.to_owned());
                }
            }
            if check {
                for cookie in &cookies {
                    found.extend(cx.cookie(cookie));
                }
                found.extend(requests.iter().filter_map(|r: &Request| cx.request(r)));
            }
        }
        for host in others {
            if !self.result.other_hosts.contains(&host) {
                self.result.other_hosts.push(host);
            }
        }
        let before = self.findings.len();
        for kind in found {
            self.report(page, kind);
        }
        if self.scan.progress {
            let mut names: Vec<&str> = cookies.iter().map(|c| c.name.as_str()).collect();
            names.sort_unstable();
            eprintln!(
                "scan [{}] {page}: {} cookies ({}){}",
                self.scenario,
                cookies.len(),
                names.join(", "),
                match self.findings.len() - before {
                    0 => String::new(),
                    1 => ", 1 finding".to_owned(),
                    n => format!(", {n} findings"),
                }
            );
        }
        Ok(cookies)
    }

    /// Notes what the store holds now.
    fn hold(&mut self, cookies: &[BrowserCookie], page: &str) {
        let now = now();
        for held in self.held.values_mut() {
            held.at_end = false;
        }
        let next = self.held.len();
        for cookie in cookies {
            let key = (
                cookie.name.clone(),
                cookie.domain.clone(),
                cookie.path.clone(),
            );
            let held = self.held.entry(key).or_insert_with(|| Held {
                cookie: cookie.clone(),
                first_seen: (next, page.to_owned()),
                lives: None,
                at_end: true,
            });
            held.cookie = cookie.clone();
            held.lives = cookie.expires.map(|e| (e - now).round() as i64);
            held.at_end = true;
        }
    }

    /// Adds a finding, once per scenario for the same cookie and rule.
    fn report(&mut self, page: &str, kind: FindingKind) {
        if self.reported.insert(key(&kind)) {
            self.findings.push(Finding {
                scenario: self.scenario,
                page: page.to_owned(),
                kind,
            });
        }
    }

    /// Makes `choice`, then checks that the consent cookie is there and
    /// reads the page the answer led to.
    fn choose(&mut self, choice: Choice) -> Result<(), Error> {
        self.choose_unchecked(choice, Via::Banner)?;
        let page = self.page_name(&self.browser.url()?);
        let granted = self.result.granted;
        let cookies = self.read(&page, granted, true)?;
        self.check_consent_cookie(&cookies, &page);
        Ok(())
    }

    /// Makes `choice` with the generated banner's buttons or the
    /// application's steps, and waits for its answer to settle.
    ///
    /// With the generated interface, as a visitor does: "Tout accepter"
    /// and "Tout refuser" in the banner; a choice of some categories
    /// through "Personnaliser" in the banner, which leads to the
    /// preferences page, on a first visit (`Via::Banner`), or on the
    /// preferences page itself once the banner is gone (`Via::Preferences`,
    /// a withdrawal); there each category's box is ticked or unticked and
    /// "Enregistrer mes choix" submitted. On a first visit, a box already
    /// ticked is reported; a "Personnaliser" that leads to a page without
    /// the boxes is worked around by opening the preferences page.
    fn choose_unchecked(&mut self, choice: Choice, via: Via) -> Result<(), Error> {
        self.chosen = true;
        if let Some(steps) = &self.scan.steps {
            steps(self.browser, choice, &self.scan.base)?;
            return self.settle();
        }
        if let Some(steps) = &self.scan.file_steps {
            let withdrawal = matches!(via, Via::Preferences);
            let asked = self.scan.declaration.asked;
            steps.run(self.browser, choice, withdrawal, asked, &self.scan.base)?;
            return self.settle();
        }
        match choice {
            Choice::AcceptAll => self.banner_button("all", "Tout accepter")?,
            Choice::RefuseAll => self.banner_button("none", "Tout refuser")?,
            Choice::Only(granted) => {
                let preferences = self.url(&self.scan.preferences_page);
                let mut first_visit = false;
                if let Via::Banner = via {
                    self.banner_button("customise", "Personnaliser")?;
                    first_visit = self.has_category_boxes()?;
                    if !first_visit {
                        // Not the preferences page: the visitor would
                        // open it from its link, and so does the scan.
                        if self.scan.progress {
                            eprintln!(
                                "scan [{}]: `Personnaliser` led to {}, which has no category box; \
                                 opening {preferences}",
                                self.scenario,
                                self.browser.url()?
                            );
                        }
                        self.browser.goto(&preferences)?;
                    }
                } else {
                    self.browser.goto(&preferences)?;
                }
                self.opened += 1;
                // What the preferences page itself set is what a
                // withdrawal must remove; what it shows before the choice
                // is not the scenario's to report.
                self.settle()?;
                let page = self.page_name(&self.browser.url()?);
                self.read(&page, CategorySet::NONE, false)?;
                if first_visit {
                    self.check_unticked(&page)?;
                }
                for category in self.scan.declaration.asked.iter() {
                    self.browser.set_checkbox_by_id(
                        &format!("cookie-category-{category}"),
                        granted.contains(category),
                    )?;
                }
                self.banner_button("save", "Enregistrer mes choix")?;
            }
        }
        self.settle()
    }

    /// Whether the current page has the generated preferences page's box
    /// of some category asked.
    fn has_category_boxes(&self) -> Result<bool, Error> {
        for category in self.scan.declaration.asked.iter() {
            let id = format!("cookie-category-{category}");
            if self.browser.checkbox_by_id(&id)?.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Reports each category's box ticked on the preferences page that
    /// "Personnaliser" led a first-time visitor to.
    fn check_unticked(&mut self, page: &str) -> Result<(), Error> {
        for category in self.scan.declaration.asked.iter() {
            let id = format!("cookie-category-{category}");
            if self.browser.checkbox_by_id(&id)? == Some(true) {
                self.report(page, FindingKind::PreTicked { category });
            }
        }
        Ok(())
    }

    /// Clicks the generated form's button with `value` (`Tout accepter`
    /// is `all` in every language), and waits for the page it leads to.
    fn banner_button(&self, value: &str, label: &str) -> Result<(), Error> {
        self.browser.click_and_wait(
            &format!("//button[@name='consent'][@value='{value}']"),
            &format!("the generated consent form's `{label}` button"),
        )
    }

    fn check_consent_cookie(&mut self, cookies: &[BrowserCookie], page: &str) {
        if let Some(name) = self.scan.declaration.consent_cookie.clone()
            && !cookies.iter().any(|c| c.name == name)
        {
            self.report(page, FindingKind::ConsentCookieMissing { name });
        }
    }

    /// Right after the withdrawal: every cookie of the withdrawn category
    /// still held is reported, and not again as held without consent.
    fn after_withdrawal(&mut self, category: cookie_decl::Category) -> Result<(), Error> {
        let page = self.page_name(&self.browser.url()?);
        let cookies = self.browser.cookies()?;
        let survivors: Vec<FindingKind> = {
            let cx = self.context(self.result.granted);
            cookies
                .iter()
                .filter(|cookie| {
                    cx.find(cookie)
                        .is_some_and(|e| e.category == category && e.needs_consent)
                })
                // The same value as before: kept, not set again by the page
                // the withdrawal led to (which is held without consent).
                .filter(|cookie| {
                    let key = (
                        cookie.name.clone(),
                        cookie.domain.clone(),
                        cookie.path.clone(),
                    );
                    self.held
                        .get(&key)
                        .is_some_and(|held| held.cookie.value == cookie.value)
                })
                .map(|cookie| FindingKind::SurvivedWithdrawal {
                    name: cookie.name.clone(),
                    domain: cookie.domain.clone(),
                    path: cookie.path.clone(),
                    category,
                })
                .collect()
        };
        for survivor in survivors {
            if let FindingKind::SurvivedWithdrawal {
                name,
                domain,
                category,
                ..
            } = &survivor
            {
                self.reported.insert(key(&FindingKind::WithoutConsent {
                    name: name.clone(),
                    domain: domain.clone(),
                    category: *category,
                }));
            }
            self.report(&page, survivor);
        }
        let cookies = self.read(&page, self.result.granted, true)?;
        self.check_consent_cookie(&cookies, &page);
        Ok(())
    }
}

/// Where a choice of some categories is made in the generated interface.
#[derive(Clone, Copy)]
enum Via {
    /// From the banner of a first visit: "Personnaliser", then the
    /// preferences page it leads to.
    Banner,
    /// On the preferences page, opened from anywhere: the banner is gone
    /// once the visitor has chosen.
    Preferences,
}

/// What makes two findings of one scenario the same: the rule and the
/// cookie (or host), and for an attribute, which one.
fn key(kind: &FindingKind) -> String {
    let detail = match kind {
        FindingKind::Undeclared { domain, .. }
        | FindingKind::WithoutConsent { domain, .. }
        | FindingKind::SurvivedWithdrawal { domain, .. } => domain.as_str(),
        FindingKind::Attribute { declared, .. } => declared.as_str(),
        _ => "",
    };
    format!("{}\u{0}{}\u{0}{detail}", kind.code(), kind.subject())
}

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |elapsed| elapsed.as_secs_f64())
}

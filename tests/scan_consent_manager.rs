//! The scan, by the `cookie-decl-scan` command, of a site whose consent
//! manager is not cookie-decl's: CookieConsent v3 (`vanilla-cookieconsent`
//! 3.1.0 from npm, its documented defaults, `hideFromBots` on), with a
//! stand-in tracker on a second local origin (`support/consent_manager_site.rs`).
//!
//! - The clean twin scans clean with `--recipe cookieconsent-v3`: the
//!   banner shows to the scan (automation hidden), the recipe's in-place
//!   clicks make every choice, and the tracker's opt-out request after the
//!   withdrawal, declared, is not reported.
//! - The broken twin, scanned with the recipe as a steps file
//!   (`--print-recipe`, then `--steps`), has its three faults found and
//!   nothing else.
//! - With `--show-automation`, CookieConsent hides its banner, and the
//!   scan says what it looked for and why it may be missing.
//! - The `tarteaucitron` and `klaro` recipes make every choice of a site
//!   that asks for two categories on the real libraries (tarteaucitron.js
//!   1.34.0, Klaro 0.7.22): one category alone, each withdrawn.
//!
//! Skipped with a message where the npm package (`.ci/run` installs it)
//! or Chromium is missing, unless `$CI` is set: then they fail.

#![cfg(unix)]

#[path = "support/consent_manager_site.rs"]
mod consent_manager_site;

#[path = "support/scan_command.rs"]
mod scan_command;

#[path = "support/recipe_sites.rs"]
mod recipe_sites;

use std::collections::BTreeSet;
use std::path::PathBuf;

use cookie_decl_scan::browser::{Browser, BrowserOptions, TempDir, installed_or_skip};
use serde_json::Value;

use consent_manager_site::Site;
use recipe_sites::Manager;

/// CookieConsent's `dist/`, or `None` (skipped) without the package,
/// unless `$CI` is set.
fn cookieconsent(test: &str) -> Option<PathBuf> {
    match consent_manager_site::installed() {
        Ok(dist) => Some(dist),
        Err(why) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{why}: CI is set, so the consent manager's scan must run (see .ci/run)"
            );
            eprintln!("scan_consent_manager::{test} skipped: {why}");
            None
        }
    }
}

/// The site and its declaration, written where the command reads it;
/// `None` when the test is skipped.
fn setup(test: &str) -> Option<(Site, TempDir, String)> {
    setup_with(test, true)
}

/// [`setup`], the declaration naming the opt-out URL or not.
fn setup_with(test: &str, with_opt_out: bool) -> Option<(Site, TempDir, String)> {
    if !installed_or_skip(test) {
        return None;
    }
    let dist = cookieconsent(test)?;
    let site = Site::start(&dist);
    let dir = TempDir::new(test).expect("a temporary directory");
    let declaration = dir.0.join("cookies.json");
    std::fs::write(
        &declaration,
        consent_manager_site::declaration(&site.tracker, with_opt_out),
    )
    .expect("write the declaration");
    let declaration = declaration.to_str().expect("UTF-8").to_owned();
    Some((site, dir, declaration))
}

fn path(dir: &TempDir, name: &str) -> String {
    dir.0.join(name).to_str().expect("UTF-8").to_owned()
}

fn report(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("the JSON report")).expect("JSON")
}

/// `(kind, subject)` of every finding of a JSON report.
fn found(report: &Value) -> BTreeSet<(String, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().expect("kind").to_owned(),
                f["subject"].as_str().expect("subject").to_owned(),
            )
        })
        .collect()
}

#[test]
fn cookieconsent_v3_site_scans_clean_with_its_recipe_from_the_command_line() {
    let Some((site, dir, declaration)) = setup("clean") else {
        return;
    };
    let json = path(&dir, "scan.json");
    let html = path(&dir, "scan.html");
    let base = format!("{}/clean", site.origin);
    let (code, stdout, stderr) = scan_command::run(&[
        "--declaration",
        &declaration,
        "--recipe",
        "cookieconsent-v3",
        "--page",
        "/",
        "--page",
        "/about",
        "--json",
        &json,
        "--html",
        &html,
        &base,
    ]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.trim_end().ends_with("clean: no finding"), "{stdout}");

    let report = report(&json);
    let scenarios: Vec<&str> = report["scenarios"]
        .as_array()
        .expect("scenarios")
        .iter()
        .map(|s| s["scenario"].as_str().expect("slug"))
        .collect();
    assert_eq!(
        scenarios,
        [
            "not-asked",
            "refuse-all",
            "accept-all",
            "withdraw-statistics"
        ]
    );
    // The choices were made: the consent manager's cookie after each, the
    // tracker's two once accepted, and neither left after the withdrawal.
    let at_end = |slug: &str| -> BTreeSet<String> {
        report["scenarios"]
            .as_array()
            .expect("scenarios")
            .iter()
            .find(|s| s["scenario"] == slug)
            .expect("the scenario")["cookies"]
            .as_array()
            .expect("cookies")
            .iter()
            .filter(|c| c["at_end"] == true)
            .map(|c| c["name"].as_str().expect("name").to_owned())
            .collect()
    };
    assert_eq!(at_end("not-asked"), BTreeSet::new());
    assert_eq!(
        at_end("refuse-all"),
        BTreeSet::from(["cc_cookie".to_owned()])
    );
    assert_eq!(
        at_end("accept-all"),
        BTreeSet::from(["_tk_id", "cc_cookie", "tk_uid"].map(str::to_owned))
    );
    assert_eq!(
        at_end("withdraw-statistics"),
        BTreeSet::from(["cc_cookie".to_owned()])
    );
    // The opt-out was asked for (once per withdrawal), and not reported:
    // the rule that excuses it had something to excuse.
    let hits = site.tracker_hits();
    assert_eq!(
        hits.iter().filter(|hit| *hit == "/optout").count(),
        1,
        "{hits:?}"
    );
    let withdraw = &report["scenarios"][3];
    assert_eq!(withdraw["other_hosts"], serde_json::json!(["localhost"]));

    // The HTML report's caption names the first page once.
    let page = std::fs::read_to_string(&html).expect("the HTML report");
    assert!(
        page.contains(&format!("of {}/clean/, scenario", site.origin)),
        "{page}"
    );
}

#[test]
fn its_broken_twin_has_its_three_faults_found_and_nothing_else() {
    // The opt-out URL given by the command rather than the declaration.
    let Some((site, dir, declaration)) = setup_with("broken", false) else {
        return;
    };
    let opt_out = format!("{}/optout", site.tracker);
    // The recipe as a file a user copies: the same steps, by `--steps`.
    let (code, recipe, _) = scan_command::run(&["--print-recipe", "cookieconsent-v3"]);
    assert_eq!(code, 0);
    let steps = path(&dir, "steps.json");
    std::fs::write(&steps, &recipe).expect("write the steps");
    let json = path(&dir, "scan.json");
    let base = format!("{}/broken", site.origin);
    let (code, stdout, stderr) = scan_command::run(&[
        "--declaration",
        &declaration,
        "--steps",
        &steps,
        "--opt-out",
        &opt_out,
        "--page",
        "/",
        "--page",
        "/about",
        "--json",
        &json,
        "--quiet",
        &base,
    ]);
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    let report = report(&json);
    let pairs = |list: &[(&str, &str)]| -> BTreeSet<(String, String)> {
        list.iter()
            .map(|&(kind, subject)| (kind.to_owned(), subject.to_owned()))
            .collect()
    };
    assert_eq!(
        found(&report),
        pairs(&[
            // Fault 1: the beacon, loaded whatever the choice: before any
            // consent, and again after the withdrawal, named so.
            ("third-party-request", "localhost"),
            ("request-after-withdrawal", "localhost"),
            // Fault 2: a cookie nobody declared.
            ("undeclared", "ab_test"),
            // Fault 3: the tracker's first-party cookie outlives the
            // withdrawal.
            ("survived-withdrawal", "_tk_id"),
        ]),
        "{stdout}"
    );
    // Where each is seen, and how the lines read.
    let lines: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            format!(
                "[{}] {}",
                f["scenario"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    let tracker = &site.tracker;
    for expected in [
        format!(
            "[not-asked] request to third-party host `localhost` without consent \
             (Image {tracker}/collect.gif)"
        ),
        format!(
            "[refuse-all] request to third-party host `localhost` without consent \
             (Image {tracker}/collect.gif)"
        ),
        format!(
            "[withdraw-statistics] request to third-party host `localhost` after the \
             withdrawal of statistics (Image {tracker}/collect.gif)"
        ),
        "[withdraw-statistics] `statistics` cookie `_tk_id` (on `127.0.0.1`, `Path=/`) \
         survived the withdrawal of statistics"
            .to_owned(),
    ] {
        assert!(lines.contains(&expected), "{expected:?} not in {lines:#?}");
    }
    // The opt-out the withdrawal asked for is not among them.
    assert!(site.tracker_hits().iter().any(|hit| hit == "/optout"));
    assert!(!stdout.contains("/optout"), "{stdout}");
}

#[test]
fn a_scan_that_shows_automation_is_told_why_the_banner_is_missing() {
    let Some((site, _dir, declaration)) = setup("automation") else {
        return;
    };
    let base = format!("{}/clean", site.origin);
    let (code, stdout, stderr) = scan_command::run(&[
        "--declaration",
        &declaration,
        "--recipe",
        "cookieconsent-v3",
        "--show-automation",
        "--quiet",
        &base,
    ]);
    // CookieConsent hides from a browser whose `navigator.webdriver` is
    // true: the recipe's first click finds nothing, and the error says
    // what it looked for, where, and the likely cause.
    assert_eq!(code, 2, "{stdout}\n{stderr}");
    for part in [
        "CookieConsent v3, `refuse_all` step 1 (click `#cc-main .cm button[data-role=necessary]`)",
        &format!("no element matches `#cc-main .cm button[data-role=necessary]` on {base}/"),
        "the page sees `navigator.webdriver` true",
        "CookieConsent's `hideFromBots`",
    ] {
        assert!(stderr.contains(part), "{part:?} not in {stderr}");
    }
}

#[test]
fn the_browser_hides_automation_unless_told_not_to() {
    let Some(dist) = cookieconsent("hides") else {
        return;
    };
    let site = Site::start(&dist);
    let page = format!("{}/clean/", site.origin);
    let seen = |options: BrowserOptions| -> Option<Value> {
        let mut browser = match Browser::start_with(options) {
            Ok(browser) => browser,
            Err(cookie_decl_scan::Error::BrowserMissing) => {
                installed_or_skip("the browser's automation flags");
                return None;
            }
            Err(err) => panic!("{err}"),
        };
        browser.goto(&page).expect("the page");
        let seen = browser
            .script(
                "return { webdriver: navigator.webdriver, agent: navigator.userAgent,\
                 banner: !!document.querySelector('#cc-main .cm') }",
            )
            .expect("the script");
        browser.fresh_profile().expect("a second profile");
        browser.goto(&page).expect("the page");
        // The same in every profile the browser opens.
        assert_eq!(
            browser
                .script("return navigator.webdriver")
                .expect("the script"),
            seen["webdriver"]
        );
        Some(seen)
    };
    let Some(hidden) = seen(BrowserOptions::default()) else {
        return;
    };
    assert_eq!(hidden["webdriver"], false, "{hidden}");
    let agent = hidden["agent"].as_str().expect("agent");
    assert!(!agent.contains("Headless"), "{agent}");
    assert!(agent.contains(" Chrome/"), "{agent}");
    assert_eq!(
        hidden["banner"], true,
        "CookieConsent shows its banner: {hidden}"
    );

    let shown = seen(BrowserOptions::default().hide_automation(false)).expect("started once");
    assert_eq!(shown["webdriver"], true, "{shown}");
    assert!(
        shown["agent"]
            .as_str()
            .expect("agent")
            .contains("HeadlessChrome"),
        "{shown}"
    );
    assert_eq!(shown["banner"], false, "hidden from robots: {shown}");
}

#[test]
fn the_command_says_what_is_wrong_with_its_steps() {
    // No browser is started: the declaration and the steps are read first.
    let dir = TempDir::new("steps-usage").expect("a temporary directory");
    let declaration = path(&dir, "cookies.json");
    std::fs::write(
        &declaration,
        consent_manager_site::declaration("http://localhost:9", true),
    )
    .expect("write the declaration");
    let url = "http://127.0.0.1:9";
    let fails = |args: &[&str], says: &str| {
        let (code, _, stderr) = scan_command::run(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {says:?} not in {stderr}");
    };
    fails(
        &["--declaration", &declaration, "--recipe", "cookiebot", url],
        "no recipe `cookiebot`: the recipes are cookieconsent-v3, tarteaucitron, klaro",
    );
    let steps = path(&dir, "steps.json");
    std::fs::write(&steps, r##"{"accept_all": [{"click": "#ok"}]}"##).expect("write");
    fails(
        &["--declaration", &declaration, "--steps", &steps, url],
        &format!("{steps}: steps: no `refuse_all` steps: they are required"),
    );
    fails(
        &[
            "--declaration",
            &declaration,
            "--recipe",
            "klaro",
            "--steps",
            &steps,
            url,
        ],
        "`--recipe` and `--steps` exclude each other",
    );
    fails(
        &[
            "--declaration",
            &declaration,
            "--category",
            "statistics=matomo",
            url,
        ],
        "`--category` names categories for `--recipe` or `--steps`",
    );
    fails(
        &[
            "--declaration",
            &declaration,
            "--recipe",
            "klaro",
            "--category",
            "ads=x",
            url,
        ],
        "`ads` is not `preferences`, `statistics` or `marketing`",
    );
    // Every recipe prints as the file it is, a steps file that reads.
    for name in ["cookieconsent-v3", "tarteaucitron", "klaro"] {
        let (code, file, _) = scan_command::run(&["--print-recipe", name]);
        assert_eq!(code, 0);
        let steps = cookie_decl_scan::Steps::from_json(&file).expect("a steps file");
        assert_eq!(Some(steps), cookie_decl_scan::Steps::recipe(name));
    }
    let (code, stdout, _) = scan_command::run(&["--help"]);
    assert_eq!(code, 0);
    for option in [
        "--recipe NAME",
        "--steps FILE.json",
        "--opt-out URL",
        "--show-automation",
    ] {
        assert!(stdout.contains(option), "{option} not in {stdout}");
    }
}

/// Scans the site of `manager` with its recipe (`extra` arguments
/// added), and gives what the browser held at the end of each scenario.
fn scan_with_recipe(
    manager: Manager,
    recipe: &str,
    extra: &[&str],
) -> Option<Vec<(String, String)>> {
    let test = recipe;
    if !installed_or_skip(test) {
        return None;
    }
    let package = match manager.installed() {
        Ok(package) => package,
        Err(why) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{why}: CI is set, so the recipe's scan must run (see .ci/run)"
            );
            eprintln!("scan_consent_manager::{test} skipped: {why}");
            return None;
        }
    };
    let origin = recipe_sites::start(manager, &package);
    let dir = TempDir::new(test).expect("a temporary directory");
    let declaration = path(&dir, "cookies.json");
    std::fs::write(&declaration, manager.declaration()).expect("write the declaration");
    let json = path(&dir, "scan.json");
    let mut args = vec!["--declaration", &declaration, "--recipe", recipe];
    args.extend_from_slice(extra);
    args.extend(["--json", &json, "--quiet", &origin]);
    let (code, stdout, stderr) = scan_command::run(&args);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let report = report(&json);
    Some(
        report["scenarios"]
            .as_array()
            .expect("scenarios")
            .iter()
            .map(|s| {
                let mut held: Vec<&str> = s["cookies"]
                    .as_array()
                    .expect("cookies")
                    .iter()
                    .filter(|c| c["at_end"] == true)
                    .map(|c| c["name"].as_str().expect("name"))
                    .collect();
                held.sort_unstable();
                (
                    s["scenario"].as_str().expect("slug").to_owned(),
                    held.join(" "),
                )
            })
            .collect(),
    )
}

/// What each scenario must end with on a site asking for statistics and
/// marketing, the consent manager's cookie aside: what the choice lets
/// through, and nothing it refused.
fn every_choice_made(held: &[(String, String)], consent: &str) {
    let expected = [
        ("not-asked", ""),
        ("refuse-all", ""),
        ("accept-all", "_ad_id _tk_id"),
        ("only-statistics", "_tk_id"),
        ("only-marketing", "_ad_id"),
        ("withdraw-statistics", "_ad_id"),
        ("withdraw-marketing", "_tk_id"),
    ];
    let found: Vec<(String, String)> = held
        .iter()
        .map(|(scenario, names)| {
            let names: Vec<&str> = names
                .split(' ')
                .filter(|n| !n.is_empty() && *n != consent)
                .collect();
            (scenario.clone(), names.join(" "))
        })
        .collect();
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|&(scenario, names)| (scenario.to_owned(), names.to_owned()))
        .collect();
    assert_eq!(found, expected);
    // The choice itself is kept after each one.
    for (scenario, names) in &held[1..] {
        assert!(
            names.split(' ').any(|n| n == consent),
            "{scenario}: {names}"
        );
    }
}

#[test]
fn the_tarteaucitron_recipe_makes_every_choice_on_tarteaucitron() {
    // Tarteaucitron asks per service: the site's services, by category.
    let extra = [
        "--category",
        "statistics=mytracker",
        "--category",
        "marketing=myads",
    ];
    let Some(held) = scan_with_recipe(Manager::Tarteaucitron, "tarteaucitron", &extra) else {
        return;
    };
    every_choice_made(&held, "tarteaucitron");
}

#[test]
fn the_klaro_recipe_makes_every_choice_on_klaro() {
    let Some(held) = scan_with_recipe(Manager::Klaro, "klaro", &[]) else {
        return;
    };
    every_choice_made(&held, "klaro");
}

#[test]
fn in_place_steps_wait_for_what_shows_the_answer() {
    use cookie_decl_scan::browser::Condition;
    use std::time::Duration;

    let Some(dist) = cookieconsent("in_place") else {
        return;
    };
    let Some(mut browser) = Browser::start_or_skip("in-place steps") else {
        return;
    };
    let site = Site::start(&dist);
    let wait = Duration::from_secs(10);
    browser
        .goto(&format!("{}/clean/", site.origin))
        .expect("the page");
    // Accept: no page loads; the banner goes, the cookies come.
    browser
        .click("#cc-main .cm button[data-role=all]", wait)
        .expect("accept all");
    for condition in [
        Condition::Hidden("#cc-main .cm".to_owned()),
        Condition::Cookie("cc_cookie".to_owned()),
        Condition::Cookie("_tk_id".to_owned()),
        Condition::NetworkIdle(Duration::from_millis(300)),
    ] {
        browser
            .wait_for(&condition, wait)
            .unwrap_or_else(|err| panic!("{condition}: {err}"));
    }
    // Withdraw: the preferences reopened, the box unticked by its CSS
    // selector, saved; the tracker's cookie goes.
    browser
        .click("[data-cc=show-preferencesModal]", wait)
        .expect("the preferences");
    browser
        .wait_for(&Condition::Shown("#cc-main .pm".to_owned()), wait)
        .expect("the preferences shown");
    let toggle = "#cc-main .pm input.section__toggle[value=analytics]";
    browser
        .set_checkbox_css(toggle, false, wait)
        .expect("untick analytics");
    assert_eq!(
        browser
            .script_with(
                "return document.querySelector(arguments[0]).checked",
                &[toggle.into()]
            )
            .expect("the script"),
        false
    );
    browser
        .click("#cc-main .pm button[data-role=save]", wait)
        .expect("save");
    browser
        .wait_for(&Condition::NoCookie("_tk_id".to_owned()), wait)
        .expect("the tracker's cookie cleared");

    // What does not come says what was waited for, and where.
    let short = Duration::from_millis(300);
    let err = browser
        .wait_for(&Condition::Cookie("never".to_owned()), short)
        .expect_err("no such cookie");
    assert!(
        err.to_string()
            .starts_with("page: waited 0 s for cookie `never` set on http://127.0.0.1:"),
        "{err}"
    );
    let err = browser
        .click("#cc-main .cm button[data-role=all]", short)
        .expect_err("the banner is answered");
    assert!(
        err.to_string()
            .contains("`#cc-main .cm button[data-role=all]` matches 1 element(s) on"),
        "{err}"
    );
    assert!(err.to_string().contains("none shown after 0 s"), "{err}");
    let err = browser.click("button[", short).expect_err("not CSS");
    assert!(
        err.to_string()
            .starts_with("page: `button[` is not a CSS selector"),
        "{err}"
    );
}

#[test]
fn a_draft_accepts_everything_with_a_recipe() {
    let Some((site, dir, _)) = setup("draft") else {
        return;
    };
    let rust = path(&dir, "cookies.rs");
    let json = path(&dir, "cookies.json");
    let base = format!("{}/clean", site.origin);
    let (code, stdout, stderr) = scan_command::run(&[
        "--draft",
        &rust,
        "--draft-json",
        &json,
        "--recipe",
        "cookieconsent-v3",
        "--quiet",
        &base,
    ]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    // What CookieConsent lets through only once everything is accepted is
    // in the draft: the recipe answered the banner.
    let names: BTreeSet<String> = report(&json)["cookies"]
        .as_array()
        .expect("cookies")
        .iter()
        .map(|c| c["name"].as_str().expect("name").to_owned())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from(["_tk_id", "cc_cookie", "tk_uid"].map(str::to_owned)),
        "{stdout}"
    );
}

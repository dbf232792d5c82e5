//! The cookie scan (`cookie-decl-scan`) in Debian's headless Chromium, on
//! two sites:
//!
//! - `examples/axum_site`, which does everything right: clean in every
//!   scenario, and its cookies held where and when the declaration says;
//! - a site that does it wrong with the generated banner
//!   (`support/bad_site.rs`), whose mistakes are each found, and nothing
//!   else: a tracker its script sets before consent, a cookie nobody
//!   declared, a preference kept two years where one is declared, a
//!   statistics cookie its withdrawal forgets, and an image from a second
//!   local origin (`localhost`, the site being `127.0.0.1`) that sets a
//!   third-party cookie and is requested before consent.
//!
//! The reports are written to `target/browser-artifacts/scan-*.html` (and
//! `.json`). Without `chromium` and `chromedriver` the tests are skipped
//! with a message, unless `$CI` is set: then they fail.

#![cfg(unix)]

#[path = "support/process.rs"]
mod process;

#[path = "../examples/axum_site/cookies.rs"]
mod cookies;

#[path = "support/bad_site.rs"]
mod bad_site;

use std::collections::BTreeSet;

use bad_site::{BadCookies, TRACKER};
use cookie_decl::Category;
use cookie_decl_scan::{FindingKind, Report, Scan, Scenario};

fn artifacts() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/browser-artifacts")
}

fn save(report: &Report, name: &str) {
    report
        .write_html(artifacts().join(format!("{name}.html")))
        .expect("write the HTML report");
    report
        .write_json(artifacts().join(format!("{name}.json")))
        .expect("write the JSON report");
}

#[test]
fn the_axum_example_scans_clean_in_every_scenario() {
    let proofs = std::env::temp_dir().join(format!("cookie-decl-scan-{}", std::process::id()));
    let site = process::Example::start(&proofs, "");
    let report = Scan::new::<cookies::SiteCookies>(&site.base)
        .pages(["/", "/stats"])
        .follow_links(2)
        .run_or_skip();
    let _ = std::fs::remove_dir_all(&proofs);
    let Some(report) = report else { return };
    save(&report, "scan-axum-example");
    eprintln!("{report}");
    assert!(report.is_clean(), "{report}");

    // Not a scan that saw nothing: every scenario ran, on the given pages
    // and the preferences page found in the links, and the browser held
    // what each choice allows.
    let slugs: Vec<String> = report
        .scenarios()
        .iter()
        .map(|s| s.scenario.slug())
        .collect();
    assert_eq!(
        slugs,
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
    let held_at_end = |scenario: Scenario| -> Vec<String> {
        let result = report
            .scenarios()
            .iter()
            .find(|s| s.scenario == scenario)
            .expect("scenario ran");
        assert!(
            result.pages.iter().any(|p| p == "/cookies/preferences"),
            "{:?}",
            result.pages
        );
        let mut names: Vec<String> = result
            .held
            .iter()
            .filter(|h| h.at_end)
            .map(|h| h.cookie.name.clone())
            .collect();
        names.sort();
        names
    };
    assert_eq!(held_at_end(Scenario::NotAsked), ["__Host-csrf"]);
    assert_eq!(
        held_at_end(Scenario::RefuseAll),
        ["__Host-csrf", "cookies_preferences"]
    );
    assert_eq!(
        held_at_end(Scenario::AcceptAll),
        [
            "__Host-csrf",
            "_pk_id.1.4c2f",
            "cookies_preferences",
            "visits"
        ]
    );
    assert_eq!(
        held_at_end(Scenario::Withdraw(Category::Statistics)),
        ["__Host-csrf", "cookies_preferences"]
    );
    // The withdrawal deleted what accepting had set.
    let withdrawn = &report.scenarios()[6];
    let removed: BTreeSet<&str> = withdrawn
        .held
        .iter()
        .filter(|h| !h.at_end)
        .map(|h| h.cookie.name.as_str())
        .collect();
    assert_eq!(removed, BTreeSet::from(["_pk_id.1.4c2f", "visits"]));
    assert!(report.banner_screenshot().is_some());
    let html = report.to_html();
    assert!(html.contains("No finding"), "{html}");
}

#[test]
fn every_mistake_of_a_bad_site_is_found_and_nothing_else() {
    let site = bad_site::start();
    let Some(report) = Scan::new::<BadCookies>(&site.base).run_or_skip() else {
        return;
    };
    save(&report, "scan-bad-site");
    eprintln!("{report}");

    // Each choice made as a visitor makes it: the banner's buttons,
    // "Personnaliser" and the preferences page for one category alone.
    assert_eq!(site.forms(), bad_site::EVERY_SCENARIO_FORMS);

    // Each mistake, by rule and cookie (or host), and nothing else.
    let found: BTreeSet<(String, String)> = report
        .findings()
        .iter()
        .map(|f| (f.kind.code().to_owned(), f.kind.subject().to_owned()))
        .collect();
    let expected: BTreeSet<(String, String)> = [
        ("without-consent", TRACKER),
        ("undeclared", "ab_test"),
        ("undeclared", "uid"),
        ("lifetime", "theme"),
        ("survived-withdrawal", "visits"),
        ("third-party-request", "localhost"),
    ]
    .into_iter()
    .map(|(code, subject)| (code.to_owned(), subject.to_owned()))
    .collect();
    assert_eq!(found, expected, "{report}");

    // Where each was seen.
    let scenarios_of = |code: &str, subject: &str| -> BTreeSet<String> {
        report
            .findings()
            .iter()
            .filter(|f| f.kind.code() == code && f.kind.subject() == subject)
            .map(|f| f.scenario.slug())
            .collect()
    };
    let set =
        |slugs: &[&str]| -> BTreeSet<String> { slugs.iter().map(|s| (*s).to_owned()).collect() };
    // The tracker: wherever statistics are not accepted, including right
    // after the withdrawal, where the page set it again.
    assert_eq!(
        scenarios_of("without-consent", TRACKER),
        set(&[
            "not-asked",
            "refuse-all",
            "only-preferences",
            "withdraw-statistics"
        ])
    );
    // The forgotten cookie: in the withdrawal of statistics only, and not
    // reported twice there.
    assert_eq!(
        scenarios_of("survived-withdrawal", "visits"),
        set(&["withdraw-statistics"])
    );
    // The pixel: before any consent.
    assert_eq!(
        scenarios_of("third-party-request", "localhost"),
        set(&["not-asked", "refuse-all"])
    );
    // The two-year preference, wherever preferences are accepted.
    assert_eq!(
        scenarios_of("lifetime", "theme"),
        set(&["accept-all", "only-preferences", "withdraw-statistics"])
    );
    let third_party = report.findings().iter().find_map(|f| match &f.kind {
        FindingKind::Undeclared {
            name, third_party, ..
        } => Some((name.as_str(), *third_party)),
        _ => None,
    });
    assert!(third_party.is_some());
    for finding in report.findings() {
        if let FindingKind::Undeclared {
            name, third_party, ..
        } = &finding.kind
        {
            assert_eq!(*third_party, name == "uid", "{finding}");
        }
    }

    // The report a person reads: one line per finding, with the scenario
    // and the page; the HTML table marks the cells.
    let text = report.to_string();
    assert!(
        text.contains("[not asked] /: request to third-party host `localhost` before consent (Image http://localhost:"),
        "{text}"
    );
    assert!(
        text.contains("[accept all, then withdraw statistics] /: `statistics` cookie `visits`"),
        "{text}"
    );
    let html = report.to_html();
    assert!(html.contains("class=\"finding\""), "{html}");
    assert!(html.contains("data:image/png;base64,"));
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).expect("JSON");
    assert_eq!(json["clean"], false);
    assert_eq!(
        json["findings"].as_array().map(Vec::len),
        Some(report.findings().len())
    );
}

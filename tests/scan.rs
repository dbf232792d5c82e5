//! The cookie scan (`cookie-decl-scan`) in Debian's headless Chromium, on
//! three sites:
//!
//! - `examples/axum_site`, which does everything right: clean in every
//!   scenario, and its cookies held where and when the declaration says;
//! - a site that does it wrong with the generated banner
//!   (`support/bad_site.rs`), whose mistakes are each found, and nothing
//!   else: a tracker its script sets before consent, a cookie nobody
//!   declared, a preference kept two years where one is declared, a
//!   statistics cookie its withdrawal forgets, a box ticked in advance on
//!   its preferences page, and an image from a second local origin
//!   (`localhost`, the site being `127.0.0.1`) that sets a third-party
//!   cookie and is requested before consent;
//! - a site with a consent manager of its own, in JavaScript, scanned
//!   through the steps the test gives (`Scan::consent_steps`): its two
//!   mistakes found, and nothing else.
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
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::response::Html;
use axum::routing::get;
use bad_site::{BadCookies, TRACKER};
use cookie_decl::consent::CategorySet;
use cookie_decl::{Category, declare_cookies};
use cookie_decl_scan::{Choice, Declaration, FindingKind, Report, Scan, Scenario};

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
            "only-marketing",
            "withdraw-preferences",
            "withdraw-statistics",
            "withdraw-marketing"
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
            "_fbp",
            "_pk_id.1.4c2f",
            "cookies_preferences",
            "visits"
        ]
    );
    // The Meta pixel's cookie, set from the page, only with marketing.
    assert_eq!(
        held_at_end(Scenario::Only(Category::Marketing)),
        ["__Host-csrf", "_fbp", "cookies_preferences"]
    );
    assert_eq!(
        held_at_end(Scenario::Withdraw(Category::Marketing)),
        [
            "__Host-csrf",
            "_pk_id.1.4c2f",
            "cookies_preferences",
            "visits"
        ]
    );
    assert_eq!(
        held_at_end(Scenario::Withdraw(Category::Statistics)),
        ["__Host-csrf", "_fbp", "cookies_preferences"]
    );
    // The withdrawal deleted what accepting had set.
    let withdrawn = &report.scenarios()[7];
    assert_eq!(withdrawn.scenario, Scenario::Withdraw(Category::Statistics));
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
    // Every declared cookie has its row, those no scenario held too: the
    // session set at a login, the language set by a form, the `_ga_*`
    // stream of a tag the example does not load.
    for unseen in ["__Host-sid", "lang", "_ga_*"] {
        assert!(html.contains(&format!("<code>{unseen}</code>")), "{html}");
    }
    assert_eq!(html.matches("held in no scenario").count(), 3, "{html}");
    // The generated banner alone, not the whole screen.
    assert!(html.contains("<figcaption>The banner of "), "{html}");
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
        ("pre-ticked", "statistics"),
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
    // The ticked box: where "Personnaliser" leads to it, not where the
    // visitor comes back to withdraw.
    assert_eq!(
        scenarios_of("pre-ticked", "statistics"),
        set(&["only-preferences", "only-statistics"])
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
        text.contains("[not asked] /: request to third-party host `localhost` without consent (Image http://localhost:"),
        "{text}"
    );
    assert!(
        text.contains("[accept all, then withdraw statistics] /: `statistics` cookie `visits`"),
        "{text}"
    );
    let html = report.to_html();
    assert!(html.contains("class=\"finding\""), "{html}");
    assert!(html.contains("data:image/png;base64,"));
    // One entry per problem above the table, consent first, with where
    // it was seen; each red cell names its rule.
    assert!(
        html.contains(&format!(
            "7 problems, {} findings</h2>",
            report.findings().len()
        )),
        "{html}"
    );
    let first = html.find("<ol class=\"problems\">").expect("problems");
    assert!(
        html[first..].starts_with(
            "<ol class=\"problems\">\n<li><span class=\"rule\">Without consent</span>"
        ),
        "{html}"
    );
    assert!(
        html.contains("survived the withdrawal of statistics<br><small>seen in 1 scenario: accept all, then withdraw statistics <code>/</code>"),
        "{html}"
    );
    for label in [
        "not declared",
        "no consent to statistics",
        "lives 400 days, 365 days declared",
        "survived the withdrawal",
        "requested without consent",
    ] {
        assert!(
            html.contains(&format!("<li>{label}</li>")),
            "{label}: {html}"
        );
    }
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).expect("JSON");
    assert_eq!(json["clean"], false);
    assert_eq!(
        json["findings"].as_array().map(Vec::len),
        Some(report.findings().len())
    );
}

#[test]
fn a_personnaliser_that_leads_elsewhere_is_worked_around_as_a_visitor_would() {
    // The site records "Personnaliser" as a refusal and shows `/`: the
    // scan opens the preferences page, as the visitor would from its
    // link, and makes the choice there.
    let site = bad_site::start_with(false);
    let Some(report) = Scan::new::<BadCookies>(&site.base)
        .scenarios([Scenario::Only(Category::Statistics)])
        .run_or_skip()
    else {
        return;
    };
    eprintln!("{report}");
    assert_eq!(site.forms(), ["customise", "save statistics"]);
    let result = &report.scenarios()[0];
    let held: BTreeSet<&str> = result
        .held
        .iter()
        .filter(|h| h.at_end)
        .map(|h| h.cookie.name.as_str())
        .collect();
    assert!(held.contains("visits"), "{held:?}");
    // The page reached after a recorded refusal shows a choice already
    // made: its ticked box is not offered to a first-time visitor.
    let found: BTreeSet<(&str, &str)> = report
        .findings()
        .iter()
        .map(|f| (f.kind.code(), f.kind.subject()))
        .collect();
    assert_eq!(
        found,
        BTreeSet::from([("undeclared", "ab_test"), ("undeclared", "uid")]),
        "{report}"
    );
}

// A site whose consent manager is its own: a script, as tarteaucitron or
// Klaro are, with its own buttons and its own privacy page. Its
// declaration has no `stores_consent` cookie: the consent manager keeps
// the choice in `choice`, which the scan is told about.
declare_cookies! {
    /// The cookies of a site with a consent manager of its own.
    struct OwnCookies {
        site: "https://own.example.fr",
        http_only: false,
    }

    necessary {
        choice {
            provider: "Own",
            service: "Consent manager",
            purpose: "Keep the visitor's choice.",
            max_age: 6 months,
        }
    }

    statistics {
        stat_id {
            provider: "Own",
            service: "Audience measurement",
            purpose: "Tell visits apart.",
            max_age: 13 months,
        }
    }

    marketing {
        ad_id {
            provider: "Own",
            service: "Advertising",
            purpose: "Show ads that fit.",
            max_age: 30 days,
        }
    }
}

/// What every page of the site runs: reads `choice` (`statistics.marketing`,
/// `statistics`, `none`...), shows the banner until there is one, and sets
/// the trackers.
const OWN_SCRIPT: &str = r"
const read = name => (document.cookie.match('(?:^|; )' + name + '=([^;]*)') || [])[1];
const put = (name, value, age) =>
  document.cookie = name + '=' + value + '; path=/; max-age=' + age + '; secure; samesite=lax';
const choose = value => { put('choice', value, 15552000); location.href = '/'; };
const choice = read('choice');
const granted = (choice || '').split('.');
// Mistake: any answer, a refusal too, starts the audience measurement.
if (choice !== undefined && !read('stat_id')) put('stat_id', Math.random().toString(16).slice(2), 33696000);
if (granted.includes('marketing') && !read('ad_id')) put('ad_id', 'a' + Date.now(), 2592000);
";

/// `GET /`: the banner until a choice.
async fn own_home() -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Own</title></head><body>\
         <div id=\"banner\" hidden><p>We would like to measure our audience and show ads.</p>\
         <button type=\"button\" id=\"accept\">Accept</button> \
         <button type=\"button\" id=\"reject\">Reject</button> \
         <a href=\"/privacy\">Choose</a></div>\
         <h1>Own</h1><a href=\"/privacy\">Privacy settings</a>\
         <script>{OWN_SCRIPT}\
         if (choice === undefined) document.getElementById('banner').hidden = false;\
         document.getElementById('accept').onclick = () => choose('statistics.marketing');\
         document.getElementById('reject').onclick = () => choose('none');\
         </script></body></html>"
    ))
}

/// `GET /privacy`: a box per purpose, ticked as chosen; "Save" records the
/// boxes and deletes what they refuse, but for `ad_id` (the mistake).
async fn own_privacy() -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Privacy</title></head><body>\
         <h1>Privacy settings</h1>\
         <input type=\"checkbox\" id=\"stats\"><label for=\"stats\">Audience measurement</label>\
         <input type=\"checkbox\" id=\"ads\"><label for=\"ads\">Advertising</label>\
         <button type=\"button\" id=\"save\">Save</button>\
         <script>{OWN_SCRIPT}\
         document.getElementById('stats').checked = granted.includes('statistics');\
         document.getElementById('ads').checked = granted.includes('marketing');\
         document.getElementById('save').onclick = () => {{\
           const stats = document.getElementById('stats').checked;\
           const ads = document.getElementById('ads').checked;\
           if (!stats) put('stat_id', '', 0);\
           /* Mistake: ad_id is not deleted when advertising is unticked. */\
           choose([stats && 'statistics', ads && 'marketing'].filter(Boolean).join('.') || 'none');\
         }};\
         </script></body></html>"
    ))
}

#[test]
fn consent_steps_drive_a_consent_manager_of_the_sites_own() {
    let site = bad_site::serve(
        Router::new()
            .route("/", get(own_home))
            .route("/privacy", get(own_privacy)),
    );
    let mut declaration = Declaration::cookies_of::<OwnCookies>();
    declaration.consent_cookie = Some("choice".to_owned());
    // What the scan asked the steps for, in order.
    let asked: Arc<Mutex<Vec<Choice>>> = Arc::default();
    let log = asked.clone();
    let Some(report) = Scan::with_declaration(declaration, &format!("http://{site}"))
        .consent_steps(move |browser, choice, base| {
            log.lock().expect("the steps' log").push(choice);
            match choice {
                Choice::AcceptAll => browser.click_button("Accept"),
                Choice::RefuseAll => browser.click_button("Reject"),
                Choice::Only(granted) => {
                    browser.goto(&format!("{base}/privacy"))?;
                    browser.set_checkbox(
                        "Audience measurement",
                        granted.contains(Category::Statistics),
                    )?;
                    browser.set_checkbox("Advertising", granted.contains(Category::Marketing))?;
                    browser.click_button("Save")
                }
            }
        })
        .run_or_skip()
    else {
        return;
    };
    save(&report, "scan-own-consent-manager");
    eprintln!("{report}");

    // Every choice went through the steps, once per scenario, and the
    // withdrawals through the privacy page.
    let statistics = CategorySet::from(Category::Statistics);
    let marketing = CategorySet::from(Category::Marketing);
    assert_eq!(
        *asked.lock().expect("the steps' log"),
        [
            Choice::RefuseAll,
            Choice::AcceptAll,
            Choice::Only(statistics),
            Choice::Only(marketing),
            Choice::AcceptAll,
            Choice::Only(marketing),
            Choice::AcceptAll,
            Choice::Only(statistics),
        ]
    );
    // The steps made the choices: what each allows is what the browser
    // held at the end.
    let held_at_end = |scenario: Scenario| -> Vec<String> {
        let result = report
            .scenarios()
            .iter()
            .find(|s| s.scenario == scenario)
            .expect("scenario ran");
        let mut names: Vec<String> = result
            .held
            .iter()
            .filter(|h| h.at_end)
            .map(|h| h.cookie.name.clone())
            .collect();
        names.sort();
        names
    };
    assert_eq!(held_at_end(Scenario::NotAsked), Vec::<String>::new());
    assert_eq!(
        held_at_end(Scenario::AcceptAll),
        ["ad_id", "choice", "stat_id"]
    );
    assert_eq!(
        held_at_end(Scenario::Only(Category::Statistics)),
        ["choice", "stat_id"]
    );
    assert_eq!(
        held_at_end(Scenario::Only(Category::Marketing)),
        ["ad_id", "choice", "stat_id"]
    );

    // Its two mistakes, where they happen, and nothing else: no consent
    // cookie missing, no attribute, no lifetime.
    let found: BTreeSet<(String, String, String)> = report
        .findings()
        .iter()
        .map(|f| {
            (
                f.kind.code().to_owned(),
                f.kind.subject().to_owned(),
                f.scenario.slug(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String, String)> = [
        ("without-consent", "stat_id", "refuse-all"),
        ("without-consent", "stat_id", "only-marketing"),
        ("without-consent", "stat_id", "withdraw-statistics"),
        ("survived-withdrawal", "ad_id", "withdraw-marketing"),
    ]
    .into_iter()
    .map(|(code, subject, slug)| (code.to_owned(), subject.to_owned(), slug.to_owned()))
    .collect();
    assert_eq!(found, expected, "{report}");
}

/// What `cookie-decl`'s `serde` export writes is what the command reads:
/// every cookie as the registry declares it, `extern` ones included (their
/// exported `secure` and `http_only` kept, not the defaults of a cookie
/// written by hand), the consent cookie, the categories asked.
#[test]
fn the_export_of_a_registry_reads_back_as_its_declaration() {
    for (json, declared) in [
        (
            serde_json::to_string(&cookies::SiteCookies).expect("the serde export"),
            Declaration::of::<cookies::SiteCookies>(),
        ),
        (
            serde_json::to_string(&BadCookies).expect("the serde export"),
            Declaration::of::<BadCookies>(),
        ),
    ] {
        let read = Declaration::from_json(&json).expect("the export reads");
        assert_eq!(read, declared, "{json}");
        assert!(read.cookies.iter().any(|cookie| cookie.external), "{json}");
    }
}

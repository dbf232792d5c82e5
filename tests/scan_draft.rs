//! The scan writes the declaration: `Scan::without_declaration(..).draft()`
//! (and `cookie-decl-scan --draft`) for a site that has none yet.
//!
//! - The axum example and the bad test site, scanned as if they had no
//!   declaration (not asked, then "Tout accepter" through consent steps):
//!   each draft names every cookie the browser held, the table's trackers
//!   under their categories with their providers, `extern` where a script
//!   or another site set them; it compiles as written, its `serde` export
//!   is its JSON draft, which `Declaration` reads back; and a scan against
//!   it finds no cookie undeclared, nor one whose attributes differ.
//! - The command, `cookie-decl-scan --draft OUT.rs --draft-json OUT.json
//!   URL`, on the bad site and on the example: both files written, and the
//!   JSON the `--declaration` of the scan that follows.
//! - Every row of the table of known cookies, as its platform sets it and
//!   as a site's own server would, drafts a declaration that compiles (no
//!   browser): the names that are not identifiers, the patterns, the
//!   constants that collide and the tracker rules of the compiler.
//!
//! The drafts are written to `target/browser-artifacts/draft-*.rs` (and
//! `.json`). Without `chromium` and `chromedriver` the browser tests are
//! skipped with a message, unless `$CI` is set: then they fail.

#![cfg(unix)]

#[path = "support/process.rs"]
mod process;

#[path = "support/scan_command.rs"]
mod scan_command;

// Its log of the forms of every scenario is for the full scans.
#[allow(dead_code)]
#[path = "support/bad_site.rs"]
mod bad_site;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use cookie_decl::Category;
use cookie_decl::consent::CategorySet;
use cookie_decl_scan::browser::{BrowserCookie, TempDir, installed_or_skip};
use cookie_decl_scan::known::{self, KNOWN};
use cookie_decl_scan::{
    Choice, Declaration, Draft, DraftCookie, Error, FindingKind, Report, Scan, Scenario, Seen,
};

fn artifacts() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/browser-artifacts")
}

/// Writes `draft` as `draft-<name>.rs` and `.json`, and the program that
/// trybuild builds and runs: the draft as written, then a `main` that
/// checks that the `serde` export of the declaration it makes is the JSON
/// draft. Its path.
fn program(draft: &Draft, name: &str) -> PathBuf {
    let dir = artifacts();
    let rust = dir.join(format!("draft-{name}.rs"));
    let json = dir.join(format!("draft-{name}.json"));
    draft.write_rust(&rust).expect("write the Rust draft");
    draft.write_json(&json).expect("write the JSON draft");
    let main = format!(
        "{}\n\
         fn main() {{\n    \
             let exported = serde_json::to_value(SiteCookies).expect(\"the serde export\");\n    \
             let drafted: serde_json::Value =\n        \
                 serde_json::from_str(include_str!({json:?})).expect(\"the JSON draft\");\n    \
             assert_eq!(exported, drafted, \"the export of the Rust draft is the JSON draft\");\n    \
             assert_eq!(SiteCookies::COOKIES.len(), {});\n    \
             assert!(SiteCookies::CHARTE.contains({:?}));\n\
         }}\n",
        draft.to_rust(),
        draft.cookies().len(),
        draft.site(),
    );
    let path = dir.join(format!("draft_{}_compiles.rs", name.replace('-', "_")));
    std::fs::write(&path, main).expect("write the program");
    path
}

/// Steps that accept everything in the generated banner, as a visitor
/// does: what a user of the draft gives for the consent manager of the
/// site (`Choice::AcceptAll` is the only choice a draft asks for).
fn accept_all(
    browser: &cookie_decl_scan::Browser,
    choice: Choice,
    _base: &str,
) -> Result<(), Error> {
    assert_eq!(choice, Choice::AcceptAll, "a draft only accepts");
    browser.click_button("Tout accepter")
}

/// The cookie of the draft declared as `name`.
fn cookie<'a>(draft: &'a Draft, name: &str) -> &'a DraftCookie {
    draft
        .get(name)
        .unwrap_or_else(|| panic!("`{name}` is not in the draft:\n{}", draft.to_rust()))
}

/// The findings of `report` as (rule, subject, scenario).
fn findings(report: &Report) -> BTreeSet<(String, String, String)> {
    report
        .findings()
        .iter()
        .map(|f| {
            (
                f.kind.code().to_owned(),
                f.kind.subject().to_owned(),
                f.scenario.slug(),
            )
        })
        .collect()
}

/// What the drafts and the rescans share: the JSON is read back as the
/// declaration the draft makes.
fn round_trips(draft: &Draft) {
    let json = draft.to_json();
    let read = Declaration::from_json(&json).expect("the JSON draft reads as a declaration");
    assert_eq!(read, draft.declaration(), "{json}");
    assert_eq!(read.site, draft.site());
}

#[test]
fn the_axum_example_drafts_its_own_declaration() {
    let proofs = std::env::temp_dir().join(format!("cookie-decl-draft-{}", std::process::id()));
    let site = process::Example::start(&proofs, "");
    let draft = Scan::without_declaration(&site.base)
        .pages(["/", "/stats"])
        .follow_links(2)
        .consent_steps(accept_all)
        .draft_or_skip();
    let Some(draft) = draft else {
        let _ = std::fs::remove_dir_all(&proofs);
        return;
    };
    eprintln!("{}", draft.to_rust());

    // Every cookie the browser held: the example's declaration, but for
    // those it sets only on a login or a form, and for the `_ga_*` of a
    // tag it does not load.
    let names: BTreeSet<&str> = draft.cookies().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        BTreeSet::from([
            "__Host-csrf",
            "cookies_preferences",
            "visits",
            "_pk_id.1.4c2f",
            "_fbp"
        ]),
        "{}",
        draft.to_rust()
    );
    // The trackers, from the table: set from the page, so `extern`; the
    // Matomo id at `/stats`, where a pattern could not be removed, by its
    // name, as the example declares it.
    let fbp = cookie(&draft, "_fbp");
    assert_eq!(
        (fbp.category, fbp.external, fbp.provider.as_str()),
        (Category::Marketing, true, "Meta")
    );
    assert_eq!(fbp.max_age_text(), "3 months");
    let matomo = cookie(&draft, "_pk_id.1.4c2f");
    assert_eq!(
        (matomo.category, matomo.external, matomo.path.as_str()),
        (Category::Statistics, true, "/stats")
    );
    assert_eq!(matomo.provider, "Matomo");
    assert_eq!(matomo.max_age_text(), "13 months");
    assert!(!matomo.is_todo());
    // The site's own: set by its responses, with their attributes, each
    // to describe.
    let csrf = cookie(&draft, "__Host-csrf");
    assert!(!csrf.external && csrf.is_todo());
    assert_eq!(csrf.category, Category::Necessary);
    assert_eq!(
        (
            csrf.secure,
            csrf.http_only,
            csrf.same_site,
            csrf.domain.as_deref()
        ),
        (true, true, cookie_decl::cookie::SameSite::Strict, None)
    );
    assert!(csrf.purpose.contains("not asked"), "{}", csrf.purpose);
    // The choice: set once made, and named for it.
    assert_eq!(
        cookie(&draft, "cookies_preferences").category,
        Category::Necessary
    );
    assert_eq!(
        cookie(&draft, "cookies_preferences").max_age_text(),
        "6 months"
    );
    // Set only after consent, not known: the category that asks most.
    let visits = cookie(&draft, "visits");
    assert_eq!(
        (visits.category, visits.is_todo()),
        (Category::Marketing, true)
    );
    assert_eq!(visits.max_age_text(), "13 months");
    assert!(visits.purpose.contains("accept all"), "{}", visits.purpose);
    assert_eq!(draft.todos(), 3);
    assert_eq!(draft.site(), site.base);
    let rust = draft.to_rust();
    assert!(
        rust.contains("held on the pages /, /stats")
            && rust.contains("in the scenarios: not asked, accept all."),
        "{rust}"
    );
    round_trips(&draft);

    // Scanned against its draft, the site holds nothing undeclared, and
    // every cookie as the draft says.
    let rescan = Scan::with_declaration(draft.declaration(), &site.base)
        .pages(["/", "/stats"])
        .follow_links(2)
        .scenarios([Scenario::NotAsked, Scenario::AcceptAll])
        .consent_steps(accept_all)
        .run_or_skip();
    let _ = std::fs::remove_dir_all(&proofs);
    let rescan = rescan.expect("the browser ran for the draft");
    assert!(rescan.is_clean(), "{rescan}");

    let t = trybuild::TestCases::new();
    t.pass(program(&draft, "axum-example"));
}

#[test]
fn the_bad_site_drafts_what_it_does_wrong_too() {
    let site = bad_site::start();
    let Some(draft) = Scan::without_declaration(&site.base)
        .consent_steps(accept_all)
        .draft_or_skip()
    else {
        return;
    };
    eprintln!("{}", draft.to_rust());
    // Nothing of its declaration was used: its forms saw one acceptance.
    assert_eq!(site.forms(), ["all"]);

    // Its tracker: a Matomo id from the page's script, a pattern.
    let matomo = cookie(&draft, "_pk_id.*");
    assert_eq!(
        (matomo.category, matomo.external, matomo.provider.as_str()),
        (Category::Statistics, true, "Matomo")
    );
    assert!(
        matomo.notes.iter().any(|n| n.contains("Piwik PRO")),
        "{:?}",
        matomo.notes
    );
    // The undeclared cookie of its script, before any consent.
    let ab_test = cookie(&draft, "ab_test");
    assert_eq!(
        (ab_test.category, ab_test.external, ab_test.is_todo()),
        (Category::Necessary, true, true)
    );
    assert_eq!(ab_test.max_age_text(), "1 hour");
    // The other origin's cookie: another site's, on its host.
    let uid = cookie(&draft, "uid");
    assert_eq!(
        (uid.category, uid.external, uid.domain.as_deref()),
        (Category::Marketing, true, Some("localhost"))
    );
    assert!(
        uid.purpose.contains("set by a response of localhost"),
        "{}",
        uid.purpose
    );
    // Two years from the script, 400 days in the browser, 13 months
    // declared, and said.
    let theme = cookie(&draft, "theme");
    assert_eq!(
        (theme.category, theme.external),
        (Category::Marketing, true)
    );
    assert_eq!(theme.max_age_text(), "13 months");
    assert!(
        theme
            .notes
            .iter()
            .any(|n| n.contains("400 days") && n.contains("shorten")),
        "{:?}",
        theme.notes
    );
    assert_eq!(cookie(&draft, "consent").category, Category::Necessary);
    assert_eq!(cookie(&draft, "visits").category, Category::Marketing);
    assert_eq!(draft.cookies().len(), 6, "{}", draft.to_rust());
    round_trips(&draft);

    // Against its draft, what the site does wrong is found, and no cookie
    // is undeclared or held otherwise than declared: the trackers before
    // consent, the pixel, the two-year theme.
    let Some(rescan) = Scan::with_declaration(draft.declaration(), &site.base)
        .scenarios([Scenario::NotAsked, Scenario::AcceptAll])
        .consent_steps(accept_all)
        .run_or_skip()
    else {
        return;
    };
    let expected: BTreeSet<(String, String, String)> = [
        ("without-consent", bad_site::TRACKER, "not-asked"),
        ("without-consent", "uid", "not-asked"),
        ("third-party-request", "localhost", "not-asked"),
        ("lifetime", "theme", "accept-all"),
    ]
    .into_iter()
    .map(|(code, subject, slug)| (code.to_owned(), subject.to_owned(), slug.to_owned()))
    .collect();
    assert_eq!(findings(&rescan), expected, "{rescan}");
    assert!(
        !rescan
            .findings()
            .iter()
            .any(|f| matches!(f.kind, FindingKind::Undeclared { .. })),
        "{rescan}"
    );

    let t = trybuild::TestCases::new();
    t.pass(program(&draft, "bad-site"));
}

/// A cookie of the table, as a browser would hold it: `name` (a pattern's
/// `*` made an ID), on `domain`.
fn seen(name: &str, domain: &str, server: bool, row: &known::KnownCookie) -> Seen {
    Seen {
        cookie: BrowserCookie {
            name: name.to_owned(),
            value: "1".to_owned(),
            domain: domain.to_owned(),
            path: "/".to_owned(),
            expires: None,
            http_only: server,
            secure: true,
            same_site: "Lax".to_owned(),
            partitioned: false,
        },
        lives: row
            .retention
            .seconds()
            .map(|s| i64::try_from(s).unwrap_or(i64::MAX) - 3),
        elapsed: Duration::from_secs(5),
        scenario: if row.category.needs_consent() {
            Scenario::AcceptAll
        } else {
            Scenario::NotAsked
        },
        page: "/".to_owned(),
        set_by_response: server || row.domain.is_some(),
    }
}

#[test]
fn every_known_cookie_drafts_a_declaration_that_compiles() {
    const SITE: &str = "https://data.example.fr";
    let mut names = BTreeSet::new();
    let mut as_set = Vec::new();
    let mut by_the_site = Vec::new();
    for row in KNOWN {
        let name = row.name.replace('*', "k2X9");
        if !names.insert(name.clone()) {
            continue;
        }
        // As its platform sets it: on its host, from its response, or
        // from the page's script on the site.
        let host = row
            .domain
            .map_or_else(|| "data.example.fr".to_owned(), |d| format!(".{d}"));
        as_set.push(seen(&name, &host, false, row));
        // As the site's own server would: its host, `HttpOnly`.
        by_the_site.push(seen(&name, "data.example.fr", true, row));
    }
    let as_set = Draft::from_seen(SITE, as_set);
    let by_the_site = Draft::from_seen(SITE, by_the_site);

    // Every tracker of the table under its own category, and no pattern
    // but where the table has one.
    for draft in [&as_set, &by_the_site] {
        assert!(draft.skipped().is_empty(), "{:?}", draft.skipped());
        for cookie in draft.cookies() {
            if let Some(known) = cookie.known {
                assert_eq!(cookie.category, known.category, "{}", cookie.name);
                assert_eq!(
                    cookie.purpose.to_lowercase().trim_end_matches('.'),
                    known.purpose_fr.to_lowercase()
                );
            }
            assert!(
                !cookie.name.contains('*') || KNOWN.iter().any(|k| k.name == cookie.name),
                "{}",
                cookie.name
            );
        }
        round_trips(draft);
    }
    let ga = as_set.get("_ga").expect("_ga");
    assert_eq!(
        (ga.category, ga.provider.as_str(), ga.service.as_str()),
        (Category::Statistics, "Google", "Google Analytics")
    );
    assert!(as_set.get("_ga_*").is_some_and(|c| c.external));
    assert!(by_the_site.get("_ga_k2X9").is_some_and(|c| !c.external));
    // A tracker of another platform's host, on the site's: still under
    // the category the compiler requires of its name.
    assert_eq!(
        by_the_site.get("IDE").map(|c| c.category),
        Some(Category::Marketing)
    );
    assert_eq!(as_set.declaration().asked, CategorySet::ALL);

    let t = trybuild::TestCases::new();
    t.pass(program(&as_set, "known-as-set"));
    t.pass(program(&by_the_site, "known-by-the-site"));
}

/// Runs the command with `args`: its exit code and standard output.
fn run(args: &[&str]) -> (i32, String) {
    let (code, stdout, _) = scan_command::run(args);
    (code, stdout)
}

#[test]
fn the_command_writes_the_draft_and_scans_against_it() {
    if !installed_or_skip("the scan command's draft") {
        return;
    }
    let site = bad_site::start();
    let dir = TempDir::new("scan-draft-cli").expect("a temporary directory");
    let path = |name: &str| dir.0.join(name).to_str().expect("UTF-8").to_owned();
    let (rust, json) = (path("cookies.rs"), path("cookies.json"));
    let page = format!("{}/cookies/preferences", site.base);
    let (code, stdout) = run(&[
        "--draft",
        &rust,
        "--draft-json",
        &json,
        "--quiet",
        &site.base,
        &page,
    ]);
    assert_eq!(code, 0, "{stdout}");
    // Not asked only (the command has no steps to accept with): the
    // cookies the site sets before any choice.
    assert_eq!(
        stdout.lines().next(),
        Some(
            format!("{rust}: 3 cookies declared, 2 to describe (TODO); the same in {json}")
                .as_str()
        ),
        "{stdout}"
    );
    let text = std::fs::read_to_string(&rust).expect("the Rust draft");
    assert!(
        text.contains(&format!("site: \"{}\",", site.base)),
        "{text}"
    );
    assert!(text.contains("        extern \"_pk_id.*\" {\n"), "{text}");
    assert!(text.contains("        extern ab_test {\n"), "{text}");
    assert!(
        text.contains("            domain: \"localhost\",\n"),
        "{text}"
    );
    let draft = Declaration::from_json(&std::fs::read_to_string(&json).expect("the JSON draft"))
        .expect("the JSON draft reads");
    assert_eq!(draft.cookies.len(), 3);

    // The draft of the example, whose first visit holds its CSRF cookie
    // alone, is the declaration of the next scan, which finds it clean.
    let example = process::Example::start(&dir.0.join("proofs"), "");
    let (code, stdout) = run(&[
        "--draft",
        &rust,
        "--draft-json",
        &json,
        "--quiet",
        &example.base,
    ]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.starts_with(&format!("{rust}: 1 cookie declared, 1 to describe (TODO)")),
        "{stdout}"
    );
    let (code, stdout) = run(&["--declaration", &json, "--quiet", &example.base]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("clean: no finding"), "{stdout}");

    // Mistakes of use say what to do.
    let (code, stdout) = run(&["--draft-json", &json, &site.base]);
    assert_eq!(code, 2, "{stdout}");
    let (code, _) = run(&["--draft", &rust, "--declaration", &json, &site.base]);
    assert_eq!(code, 2);
    let (code, _) = run(&["--draft", &rust, "--html", &path("scan.html"), &site.base]);
    assert_eq!(code, 2);
}

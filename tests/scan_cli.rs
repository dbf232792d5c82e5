//! The `cookie-decl-scan` command, end to end: the JSON export of a
//! declaration (`serde_json::to_string(&Registry)`, the `serde` feature)
//! as its input, a live site, its exit status and the text, JSON and HTML
//! reports it writes.
//!
//! The command is built by `cargo build -p cookie-decl-scan` from the test
//! (a package's test can only name its own package's binaries). The scans
//! are skipped with a message without `chromium` and `chromedriver`,
//! unless `$CI` is set: then they fail.

#![cfg(unix)]

#[path = "support/process.rs"]
mod process;

#[path = "support/scan_command.rs"]
mod scan_command;
use scan_command::run;

#[path = "../examples/axum_site/cookies.rs"]
mod cookies;

#[path = "support/bad_site.rs"]
mod bad_site;

use std::collections::BTreeSet;
use std::path::Path;

use cookie_decl_scan::browser::{TempDir, installed_or_skip};
use serde_json::Value;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// A file in the test's directory, as a `&str` argument.
fn arg(dir: &TempDir, name: &str) -> String {
    dir.0.join(name).to_str().expect("a UTF-8 path").to_owned()
}

#[test]
fn a_clean_site_exits_zero_and_says_so() {
    if !installed_or_skip("the scan command") {
        return;
    }
    let dir = TempDir::new("scan-cli-clean").expect("a temporary directory");
    let declaration = arg(&dir, "cookies.json");
    std::fs::write(
        &declaration,
        serde_json::to_string(&cookies::SiteCookies).expect("the serde export"),
    )
    .expect("write the declaration");
    let site = process::Example::start(&dir.0.join("proofs"), "");
    let (html, json) = (arg(&dir, "scan.html"), arg(&dir, "scan.json"));
    // No `--consent-cookie`: the export names it.
    let (code, stdout, stderr) = run(&[
        "--declaration",
        &declaration,
        "--page",
        "/",
        "--page",
        "/stats",
        "--html",
        &html,
        "--json",
        &json,
        "--quiet",
        &site.base,
    ]);
    assert_eq!(code, 0, "{stdout}");

    // The text: every scenario, and the verdict.
    assert!(
        stdout.starts_with(&format!(
            "cookie scan of {} against the declaration of https://data.example.fr: 9 scenarios",
            site.base
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("accept all, then withdraw statistics"),
        "{stdout}"
    );
    assert!(stdout.trim_end().ends_with("clean: no finding"), "{stdout}");
    // `--quiet`: no progress.
    assert!(!stderr.contains("scan ["), "{stderr}");
    // The consent cookie, from the export: its presence is checked.
    assert!(!stderr.contains("no consent cookie named"), "{stderr}");

    // The JSON: clean, every scenario on both pages, and what accepting
    // everything let the browser hold.
    let report: Value = serde_json::from_str(&read(Path::new(&json))).expect("JSON");
    assert_eq!(report["clean"], true);
    assert_eq!(report["findings"], Value::Array(Vec::new()));
    let scenarios = report["scenarios"].as_array().expect("scenarios");
    assert_eq!(scenarios.len(), 9);
    let accept_all = &scenarios[2];
    assert_eq!(accept_all["scenario"], "accept-all");
    assert_eq!(accept_all["pages"], serde_json::json!(["/", "/stats"]));
    let held: BTreeSet<&str> = accept_all["cookies"]
        .as_array()
        .expect("cookies")
        .iter()
        .filter(|c| c["at_end"] == true)
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(
        held,
        BTreeSet::from([
            "__Host-csrf",
            "_fbp",
            "_pk_id.1.4c2f",
            "cookies_preferences",
            "visits"
        ])
    );

    // The HTML: the verdict, the table and the banner.
    let page = read(Path::new(&html));
    assert!(page.contains("No finding"), "{page}");
    assert!(page.contains("<table"), "{page}");
    assert!(page.contains("data:image/png;base64,"));
    assert!(!page.contains("class=\"finding\""), "{page}");
}

#[test]
fn a_site_with_mistakes_exits_one_and_lists_them() {
    if !installed_or_skip("the scan command") {
        return;
    }
    let dir = TempDir::new("scan-cli-bad").expect("a temporary directory");
    let declaration = arg(&dir, "cookies.json");
    std::fs::write(
        &declaration,
        serde_json::to_string(&bad_site::BadCookies).expect("the serde export"),
    )
    .expect("write the declaration");
    let site = bad_site::start();
    let (html, json) = (arg(&dir, "out/scan.html"), arg(&dir, "out/scan.json"));
    let (code, stdout, stderr) = run(&[
        "--declaration",
        &declaration,
        "--consent-cookie",
        "consent",
        "--html",
        &html,
        "--json",
        &json,
        &site.base,
    ]);
    assert_eq!(code, 1, "{stdout}");
    // The choices made as a visitor makes them, as the library does.
    assert_eq!(site.forms(), bad_site::EVERY_SCENARIO_FORMS);
    // Progress on standard error: scenario, page, cookies.
    assert!(
        stderr.contains("scan [not asked] /: "),
        "no progress in {stderr}"
    );

    // The JSON: each mistake, by rule and cookie (or host), and nothing
    // else; each line of the text is one of its findings.
    let report: Value = serde_json::from_str(&read(Path::new(&json))).expect("JSON");
    assert_eq!(report["clean"], false);
    let findings = report["findings"].as_array().expect("findings");
    let found: BTreeSet<(&str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().expect("kind"),
                f["subject"].as_str().expect("subject"),
            )
        })
        .collect();
    assert_eq!(
        found,
        BTreeSet::from([
            ("without-consent", bad_site::TRACKER),
            ("undeclared", "ab_test"),
            ("undeclared", "uid"),
            ("lifetime", "theme"),
            ("survived-withdrawal", "visits"),
            ("pre-ticked", "statistics"),
            ("third-party-request", "localhost"),
        ]),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("\n{} findings:\n", findings.len())),
        "{stdout}"
    );
    for finding in findings {
        let line = format!(
            "  [{}] {}: {}",
            scenario_name(finding["scenario"].as_str().expect("scenario")),
            finding["page"].as_str().expect("page"),
            finding["message"].as_str().expect("message")
        );
        assert!(stdout.contains(&line), "{line:?} not in {stdout}");
    }

    // The HTML, in the folder the command made: the findings listed and
    // their cells marked.
    let page = read(Path::new(&html));
    assert!(
        page.contains(&format!("{} findings</h2>", findings.len())),
        "{page}"
    );
    assert!(page.contains("class=\"finding\""), "{page}");
    assert!(page.contains("<code>ab_test</code>"), "{page}");
}

/// The scenario's name in the text, from its JSON slug.
fn scenario_name(slug: &str) -> String {
    match slug.strip_prefix("withdraw-") {
        Some(category) => format!("accept all, then withdraw {category}"),
        None => slug.replace('-', " "),
    }
}

#[test]
fn what_cannot_be_scanned_exits_two() {
    // No browser is started: the declaration is read first.
    let dir = TempDir::new("scan-cli-usage").expect("a temporary directory");
    let missing = arg(&dir, "missing.json");
    let (code, _, stderr) = run(&["--declaration", &missing, "http://127.0.0.1:9"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(&format!("cookie-decl-scan: {missing}: ")),
        "{stderr}"
    );

    let wrong = arg(&dir, "wrong.json");
    std::fs::write(
        &wrong,
        r#"{"site":"https://x.fr","cookies":[{"name":"a","category":"ads"}]}"#,
    )
    .expect("write");
    let (code, _, stderr) = run(&["--declaration", &wrong, "http://127.0.0.1:9"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("has category `ads`"), "{stderr}");

    let (code, _, stderr) = run(&["http://127.0.0.1:9"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("`--declaration` is required"), "{stderr}");

    let (code, _, stderr) = run(&["--declaration"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("`--declaration` needs a value"), "{stderr}");

    let (code, stdout, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("usage: cookie-decl-scan"), "{stdout}");
}

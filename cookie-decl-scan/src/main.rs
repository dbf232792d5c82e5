//! `cookie-decl-scan`: the scan of a running site whose declaration is
//! exported as JSON (`cookie-decl`'s `serde` feature), for a site that is
//! not written in Rust.
//!
//! Exit status: 0 when clean, 1 with findings, 2 when the scan could not
//! run.

use std::process::ExitCode;
use std::time::Duration;

use cookie_decl_scan::{Declaration, Scan};

const USAGE: &str = "\
usage: cookie-decl-scan --declaration FILE.json [options] URL

Opens URL in headless Chromium once per consent scenario (not asked, refuse
all, accept all, each category alone, each category withdrawn), makes each
choice as a visitor does with the generated banner and preferences page
(Tout accepter, Tout refuser, Personnaliser then the category's box), and
reports every cookie and request the declaration does not allow.

exit status: 0 clean, 1 findings, 2 the scan could not run

options:
  --declaration FILE     the JSON export of the declaration (required)
  --consent-cookie NAME  the cookie that keeps the visitor's choice
                         (else the export's \"consent_cookie\", or the
                         cookie marked \"stores_consent\": true)
  --page PATH            a page to open, repeatable (default: /)
  --follow N             also open up to N same-site pages found in links
  --preferences PATH     the preferences page (default: /cookies/preferences)
  --allow-host HOST      a host the site counts as its own, repeatable
  --tolerance SECONDS    how much longer than declared a cookie may live (300)
  --html FILE            write the HTML report
  --json FILE            write the JSON report
  --quiet                no progress on standard error";

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("cookie-decl-scan: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<bool, String> {
    let mut args = std::env::args().skip(1);
    let mut declaration = None;
    let mut consent_cookie = None;
    let mut pages = Vec::new();
    let mut follow = 0;
    let mut preferences = None;
    let mut allowed = Vec::new();
    let mut tolerance = None;
    let mut html = None;
    let mut json = None;
    let mut quiet = false;
    let mut base = None;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("`{name}` needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--declaration" => declaration = Some(value("--declaration")?),
            "--consent-cookie" => consent_cookie = Some(value("--consent-cookie")?),
            "--page" => pages.push(value("--page")?),
            "--follow" => {
                follow = value("--follow")?
                    .parse()
                    .map_err(|_| "`--follow` takes a number".to_owned())?;
            }
            "--preferences" => preferences = Some(value("--preferences")?),
            "--allow-host" => allowed.push(value("--allow-host")?),
            "--tolerance" => {
                tolerance = Some(
                    value("--tolerance")?
                        .parse::<u64>()
                        .map_err(|_| "`--tolerance` takes seconds".to_owned())?,
                );
            }
            "--html" => html = Some(value("--html")?),
            "--json" => json = Some(value("--json")?),
            "--quiet" => quiet = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(true);
            }
            other if other.starts_with('-') => {
                return Err(format!("unknown option `{other}`\n{USAGE}"));
            }
            url => base = Some(url.to_owned()),
        }
    }
    let base = base.ok_or_else(|| format!("no URL to scan\n{USAGE}"))?;
    let path = declaration.ok_or_else(|| format!("`--declaration` is required\n{USAGE}"))?;
    let text = std::fs::read_to_string(&path).map_err(|err| format!("{path}: {err}"))?;
    let mut declaration = Declaration::from_json(&text).map_err(|err| format!("{path}: {err}"))?;
    if consent_cookie.is_some() {
        declaration.consent_cookie = consent_cookie;
    }
    if declaration.consent_cookie.is_none() {
        eprintln!(
            "cookie-decl-scan: no consent cookie named (`--consent-cookie`): \
             its presence after a choice is not checked"
        );
    }
    let mut scan = Scan::with_declaration(declaration, &base)
        .follow_links(follow)
        .progress(!quiet);
    if !pages.is_empty() {
        scan = scan.pages(pages);
    }
    if let Some(preferences) = preferences {
        scan = scan.preferences_page(&preferences);
    }
    for host in allowed {
        scan = scan.allow_host(&host);
    }
    if let Some(seconds) = tolerance {
        scan = scan.lifetime_tolerance(Duration::from_secs(seconds));
    }
    let report = scan.run().map_err(|err| err.to_string())?;
    if let Some(file) = html {
        report
            .write_html(&file)
            .map_err(|err| format!("{file}: {err}"))?;
    }
    if let Some(file) = json {
        report
            .write_json(&file)
            .map_err(|err| format!("{file}: {err}"))?;
    }
    println!("{report}");
    Ok(report.is_clean())
}

//! `cookie-decl-scan`: the scan of a running site whose declaration is
//! exported as JSON (`cookie-decl`'s `serde` feature), for a site that is
//! not written in Rust; with `--draft`, the declaration of a site that has
//! none, drafted from what the browser held.
//!
//! Exit status: 0 when clean (or the draft written), 1 with findings, 2
//! when the scan could not run.

use std::process::ExitCode;
use std::time::Duration;

use cookie_decl::Category;
use cookie_decl_scan::{Declaration, Scan, Steps};

const USAGE: &str = "\
usage: cookie-decl-scan --declaration FILE.json [options] URL [PAGE-URL ...]
       cookie-decl-scan --draft OUT.rs [--draft-json OUT.json] [options] URL [PAGE-URL ...]
       cookie-decl-scan --print-recipe NAME

Opens URL in headless Chromium once per consent scenario (not asked, refuse
all, accept all, each category alone, each category withdrawn), makes each
choice as a visitor does with the generated banner and preferences page
(Tout accepter, Tout refuser, Personnaliser then the category's box), or
with another consent manager through a recipe or a steps file, and reports
every cookie and request the declaration does not allow.

With --draft, for a site that has no declaration yet: opens the pages as a
first-time visitor who does not answer the banner (and again after
accepting everything, when the scan has steps to do it with) and writes to
OUT.rs a declare_cookies! block of every cookie the browser held, which
compiles as written: `extern` for those a script or another site set, the
provider, service, French purpose and category of those the table of known
cookies knows, a TODO saying what the browser saw for the others (under
`necessary` when the site set them before any consent or their name speaks
of consent, `marketing` otherwise), lifetimes as seen within the caps the
compiler enforces, the attributes as held. --draft-json also writes it as
the JSON export: the --declaration of the scans that follow.

  cookie-decl-scan --draft src/cookies.rs --draft-json cookies.json \\
      https://www.example.fr https://www.example.fr/contact

exit status: 0 clean (or draft written), 1 findings, 2 the scan could not
run

options:
  --declaration FILE     the JSON export of the declaration (required,
                         but with --draft)
  --draft FILE.rs        write a draft declaration of what the browser held
  --draft-json FILE      with --draft, write it as the JSON export too
  --consent-cookie NAME  the cookie that keeps the visitor's choice
                         (else the export's \"consent_cookie\", or the
                         cookie marked \"stores_consent\": true)
  --page PATH            a page to open, repeatable (default: /, or URL
                         and the PAGE-URLs, when there are some)
  --follow N             also open up to N same-site pages found in links
  --preferences PATH     the preferences page (default: /cookies/preferences)
  --allow-host HOST      a host the site counts as its own, repeatable
  --tolerance SECONDS    how much longer than declared a cookie may live (300)
  --recipe NAME          make the choices with a consent manager's ready
                         steps: cookieconsent-v3, tarteaucitron, klaro
  --steps FILE.json      make the choices with the steps in FILE (the
                         format: cookie-decl-scan's docs, module `steps`;
                         --print-recipe gives one to start from)
  --category CAT=NAME[,NAME]
                         the consent manager's names for a category
                         (preferences, statistics, marketing), repeatable:
                         --category statistics=matomo,gtag
  --opt-out URL          a tracker's opt-out URL: a request to it after a
                         choice is not reported, repeatable (also the
                         declaration's \"opt_out\")
  --show-automation      let pages see an automated browser
                         (navigator.webdriver, HeadlessChrome); hidden by
                         default, since consent managers hide their banner
                         from robots
  --print-recipe NAME    print a recipe's steps file, to copy and adapt
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
    let mut more_pages = Vec::new();
    let mut draft = None;
    let mut draft_json = None;
    let mut recipe = None;
    let mut steps_file = None;
    let mut names = Vec::new();
    let mut opt_out = Vec::new();
    let mut show_automation = false;
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
            "--draft" => draft = Some(value("--draft")?),
            "--draft-json" => draft_json = Some(value("--draft-json")?),
            "--recipe" => recipe = Some(value("--recipe")?),
            "--steps" => steps_file = Some(value("--steps")?),
            "--category" => names.push(category_names(&value("--category")?)?),
            "--opt-out" => opt_out.push(value("--opt-out")?),
            "--show-automation" => show_automation = true,
            "--print-recipe" => {
                let name = value("--print-recipe")?;
                let file = Steps::recipe_file(&name).ok_or_else(|| unknown_recipe(&name))?;
                print!("{file}");
                return Ok(true);
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(true);
            }
            other if other.starts_with('-') => {
                return Err(format!("unknown option `{other}`\n{USAGE}"));
            }
            url if base.is_none() => base = Some(url.to_owned()),
            url => more_pages.push(url.to_owned()),
        }
    }
    let base = base.ok_or_else(|| format!("no URL to scan\n{USAGE}"))?;
    if !more_pages.is_empty() {
        // URL is the first page, then the others, then the `--page`s.
        let given = std::mem::take(&mut pages);
        pages = std::iter::once(base.clone())
            .chain(more_pages)
            .chain(given)
            .collect();
    }
    let steps = match (recipe, steps_file) {
        (Some(_), Some(_)) => return Err("`--recipe` and `--steps` exclude each other".to_owned()),
        (Some(name), None) => Some(Steps::recipe(&name).ok_or_else(|| unknown_recipe(&name))?),
        (None, Some(path)) => {
            let text = std::fs::read_to_string(&path).map_err(|err| format!("{path}: {err}"))?;
            Some(Steps::from_json(&text).map_err(|err| format!("{path}: {err}"))?)
        }
        (None, None) if !names.is_empty() => {
            return Err("`--category` names categories for `--recipe` or `--steps`".to_owned());
        }
        (None, None) => None,
    }
    .map(|steps| {
        names.into_iter().fold(steps, |steps, (category, names)| {
            steps.with_names(category, names)
        })
    });
    if let Some(out) = draft {
        if declaration.is_some() {
            return Err(format!(
                "`--draft` writes the declaration of a site that has none: no `--declaration`\n{USAGE}"
            ));
        }
        if html.is_some() || json.is_some() {
            return Err(format!(
                "`--html` and `--json` report a scan against a declaration: with `--draft`, scan \
                 against the draft once written\n{USAGE}"
            ));
        }
        let mut scan = Scan::without_declaration(&base)
            .follow_links(follow)
            .progress(!quiet)
            .hide_automation(!show_automation);
        if let Some(steps) = steps {
            scan = scan.steps(steps);
        }
        if !pages.is_empty() {
            scan = scan.pages(pages);
        }
        return write_draft(scan, &out, draft_json.as_deref());
    }
    if draft_json.is_some() {
        return Err(format!("`--draft-json` goes with `--draft`\n{USAGE}"));
    }
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
        .progress(!quiet)
        .hide_automation(!show_automation);
    if let Some(steps) = steps {
        scan = scan.steps(steps);
    }
    for url in opt_out {
        scan = scan.opt_out_url(&url);
    }
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

/// Scans the site, drafts the declaration of what the browser held, and
/// writes it to `out` (and to `json`).
fn write_draft(scan: Scan, out: &str, json: Option<&str>) -> Result<bool, String> {
    let draft = scan.draft().map_err(|err| err.to_string())?;
    draft
        .write_rust(out)
        .map_err(|err| format!("{out}: {err}"))?;
    if let Some(json) = json {
        draft
            .write_json(json)
            .map_err(|err| format!("{json}: {err}"))?;
    }
    let count = draft.cookies().len();
    println!(
        "{out}: {count} cookie{} declared, {} to describe (TODO){}",
        if count == 1 { "" } else { "s" },
        draft.todos(),
        json.map_or_else(String::new, |json| format!("; the same in {json}")),
    );
    for skipped in draft.skipped() {
        println!("not declarable: {skipped}");
    }
    Ok(true)
}

/// `statistics=matomo,gtag`: the category and its names.
fn category_names(text: &str) -> Result<(Category, Vec<String>), String> {
    let wrong = || format!("`--category` takes CATEGORY=NAME[,NAME], found `{text}`");
    let (category, names) = text.split_once('=').ok_or_else(wrong)?;
    let category = Category::ALL
        .into_iter()
        .find(|c| c.as_str() == category)
        .ok_or_else(|| {
            format!(
                "`--category {text}`: `{category}` is not `preferences`, `statistics` or `marketing`"
            )
        })?;
    let names: Vec<String> = names
        .split(',')
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect();
    Ok((category, names))
}

fn unknown_recipe(name: &str) -> String {
    format!(
        "no recipe `{name}`: the recipes are {}",
        Steps::recipes().collect::<Vec<_>>().join(", ")
    )
}

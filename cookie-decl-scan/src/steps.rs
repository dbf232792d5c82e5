//! The steps that make each choice on a site whose consent manager is
//! not the generated banner, written in a file (`--steps FILE.json`) or
//! taken from a ready recipe (`--recipe cookieconsent-v3`).
//!
//! A consent manager answers a click in place: no page loads, the banner
//! fades, a cookie is written, scripts are let through. So a step clicks
//! (by any CSS selector) and returns at once, and the next step waits for
//! what shows the answer: an element shown or gone, a cookie set or
//! removed, the network quiet.
//!
//! # The format
//!
//! One JSON object: a name, how the consent manager names each of the
//! declaration's categories, and the steps of each choice.
//!
//! ```json
//! {
//!   "name": "CookieConsent v3",
//!   "categories": { "statistics": "analytics", "marketing": ["ads", "pixels"] },
//!   "accept_all": [
//!     { "click": "#cc-main .cm button[data-role=all]" },
//!     { "wait_gone": "#cc-main .cm" }
//!   ],
//!   "refuse_all": [
//!     { "click": "#cc-main .cm button[data-role=necessary]" },
//!     { "wait_gone": "#cc-main .cm" }
//!   ],
//!   "only": [
//!     { "click": "#cc-main .cm button[data-role=show]" },
//!     { "wait_for": "#cc-main .pm" },
//!     { "tick": "#cc-main .pm input.section__toggle[value='{name}']" },
//!     { "click": "#cc-main .pm button[data-role=save]" },
//!     { "wait_gone": "#cc-main .pm" }
//!   ],
//!   "withdraw": [
//!     { "click": "[data-cc=show-preferencesModal]" },
//!     { "wait_for": "#cc-main .pm" },
//!     { "tick": "#cc-main .pm input.section__toggle[value='{name}']" },
//!     { "click": "#cc-main .pm button[data-role=save]" },
//!     { "wait_gone": "#cc-main .pm" },
//!     { "wait_idle_ms": 500 }
//!   ]
//! }
//! ```
//!
//! The choices:
//!
//! | key | when | the browser is on |
//! |---|---|---|
//! | `accept_all` | accept all, and the acceptance before a withdrawal | the first page, banner shown |
//! | `refuse_all` | refuse all | the first page, banner shown |
//! | `only` | one category alone (a site that asks for two or more) | the first page, banner shown |
//! | `withdraw` | a category withdrawn after accepting all | the last page opened, banner answered |
//!
//! `only` and `withdraw` may be left out when no scenario needs them
//! (`only` for a site that asks consent for one category): a scenario
//! that needs steps that are not there stops the scan with an error that
//! says so.
//!
//! The steps, one object each, with one action:
//!
//! | step | what it does |
//! |---|---|
//! | `{ "click": "CSS" }` | clicks the first shown element the selector matches, waiting for one to be shown; returns at once |
//! | `{ "click": "CSS", "navigates": true }` | the same, then waits for the page it leads to to load |
//! | `{ "tick": "CSS with {name}" }` | for each category the site asks consent for, and each of its `categories` names, sets the checkbox (or `aria-checked` switch) to whether the choice grants it: ticked for `accept_all`, unticked for `refuse_all`, that category alone for `only`, all but the withdrawn one for `withdraw` |
//! | `{ "choose": { "yes": "CSS with {name}", "no": "CSS with {name}" } }` | for each category and name likewise, clicks `yes` when the choice grants it, else `no` (consent managers with an allow and a deny button per service) |
//! | `{ "check": "CSS", "checked": true }` | sets one checkbox |
//! | `{ "goto": "/path" }` | opens a page (a path on the site, or a URL) and waits for it to load |
//! | `{ "wait_for": "CSS" }` | waits until an element the selector matches is shown |
//! | `{ "wait_gone": "CSS" }` | waits until no element the selector matches is shown |
//! | `{ "wait_cookie": "name" }` | waits until the store holds a cookie of that name |
//! | `{ "wait_no_cookie": "name" }` | waits until it holds none |
//! | `{ "wait_idle_ms": 500 }` | waits until the page has made no request for that long |
//! | `{ "run": "JavaScript" }` | runs a statement in the page (`klaro.show()`) |
//! | `{ "pause_ms": 800 }` | waits that long, for a consent manager that binds its buttons on a timer, with nothing to see (tarteaucitron: 500 ms after drawing its banner); prefer a condition wherever there is one |
//!
//! Every step may also say `"timeout_ms"`: how long it waits (10 000 by
//! default). A selector that matches nothing in time stops the scan with
//! an error that names the selector, the page, and the common causes (a
//! banner hidden from robots, a later one, a choice already made, a
//! selector for another version).
//!
//! `categories` maps the declaration's categories (`preferences`,
//! `statistics`, `marketing`) to the consent manager's names, a string or
//! a list; a category it leaves out is named as the declaration names it.
//! In a selector, `{name}` is replaced by each name.
//!
//! # Recipes
//!
//! [`Steps::recipe`] gives the steps of a consent manager in its documented
//! default setup, its markup read from the library's own code; the files
//! are in the crate's `recipes/` folder, to copy and adapt (another
//! category naming, a button of the site's own):
//!
//! - `cookieconsent-v3`: CookieConsent v3 (`vanilla-cookieconsent` 3.x,
//!   orestbida). Its banner `#cc-main .cm`, its preferences `#cc-main .pm`
//!   and the category toggles `input.section__toggle[value=category]`.
//!   Categories named as in its documentation: `functionality`,
//!   `analytics`, `marketing`. A withdrawal reopens the preferences with
//!   the element its documentation tells every site to have,
//!   `data-cc="show-preferencesModal"`: a site without it offers no way to
//!   withdraw, and its scan stops there.
//! - `tarteaucitron`: tarteaucitron.js 1.x (AmauriC). Its banner
//!   `#tarteaucitronAlertBig` with `#tarteaucitronPersonalize2` (accept
//!   all), `#tarteaucitronAllDenied2` (deny all) and
//!   `#tarteaucitronCloseAlert` (customise); its panel `#tarteaucitron`,
//!   reopened with `#tarteaucitronManager`, one allow and one deny button
//!   per service (`#{service}Allowed`, `#{service}Denied`), saved with
//!   `#tarteaucitronSaveButton`. It binds its buttons 500 ms after drawing
//!   them, with no sign on the page: each choice pauses before its first
//!   click. Tarteaucitron asks per service, not per category: `categories`
//!   names the services of each category (`"statistics": ["matomo",
//!   "gtag"]`, or `--category statistics=matomo,gtag`); the recipe's names
//!   are examples to replace.
//! - `klaro`: Klaro 0.7 (KIProtect). Its notice `.cookie-notice` with the
//!   accept (`.cm-btn-success`), decline (`.cn-decline`) and "learn more"
//!   (`.cn-learn-more`) buttons; its modal `.cm-modal` with one switch per
//!   purpose (`#purpose-item-{purpose}`, its default `groupByPurpose`),
//!   saved with `.cm-btn-accept`; reopened with `klaro.show()`.
//!   Categories named as purposes: `functional`, `analytics`,
//!   `marketing`.
//!
//! Each recipe assumes the library's documented defaults, and was written
//! from the library's own code. The project's tests run each against the
//! real library, from npm (`tests/scan_consent_manager.rs`):
//! `cookieconsent-v3` on `vanilla-cookieconsent` 3.1.0 (a site with a
//! tracker on another origin, clean, and its broken twin), `tarteaucitron`
//! on tarteaucitron.js 1.34.0 and `klaro` on Klaro 0.7.22 (every scenario
//! of a site asking for two categories).

use std::collections::BTreeMap;
use std::time::Duration;

use cookie_decl::Category;
use cookie_decl::consent::CategorySet;
use serde_json::Value;

use crate::browser::{Browser, Condition, STEP_TIMEOUT};
use crate::{Choice, Error};

/// The ready recipes: their names, for `--recipe`, and their files.
const RECIPES: [(&str, &str); 3] = [
    (
        "cookieconsent-v3",
        include_str!("../recipes/cookieconsent-v3.json"),
    ),
    (
        "tarteaucitron",
        include_str!("../recipes/tarteaucitron.json"),
    ),
    ("klaro", include_str!("../recipes/klaro.json")),
];

/// The steps that make each choice with a consent manager, read from a
/// steps file ([`Steps::from_json`]) or a ready recipe
/// ([`Steps::recipe`]); see the [module's docs](self) for the format.
///
/// ```
/// use cookie_decl_scan::Steps;
///
/// let steps = Steps::from_json(r##"{
///     "name": "my banner",
///     "accept_all": [{ "click": "#accept" }, { "wait_gone": "#banner" }],
///     "refuse_all": [{ "click": "#refuse" }, { "wait_gone": "#banner" }]
/// }"##).unwrap();
/// assert_eq!(steps.name(), "my banner");
/// assert!(Steps::recipe("cookieconsent-v3").is_some());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Steps {
    name: String,
    categories: BTreeMap<Category, Vec<String>>,
    accept_all: Vec<Step>,
    refuse_all: Vec<Step>,
    only: Option<Vec<Step>>,
    withdraw: Option<Vec<Step>>,
}

/// One step of a choice: what it does, and how long it may wait.
#[derive(Clone, Debug, PartialEq)]
struct Step {
    action: Action,
    timeout: Duration,
}

/// What a step does.
#[derive(Clone, Debug, PartialEq)]
enum Action {
    Click { css: String, navigates: bool },
    Tick(String),
    Choose { yes: String, no: String },
    Check { css: String, checked: bool },
    Goto(String),
    Wait(Condition),
    Run(String),
    Pause(Duration),
}

impl Steps {
    /// Reads a steps file. Every mistake is an [`Error::Steps`] naming the
    /// choice and the step.
    pub fn from_json(json: &str) -> Result<Steps, Error> {
        let root: Value =
            serde_json::from_str(json).map_err(|err| Error::Steps(err.to_string()))?;
        let Some(object) = root.as_object() else {
            return Err(Error::Steps("a steps file is one JSON object".to_owned()));
        };
        const KEYS: [&str; 7] = [
            "name",
            "about",
            "categories",
            "accept_all",
            "refuse_all",
            "only",
            "withdraw",
        ];
        if let Some(key) = object.keys().find(|key| !KEYS.contains(&key.as_str())) {
            return Err(Error::Steps(format!(
                "unknown key `{key}`, expected one of {}",
                KEYS.map(|k| format!("`{k}`")).join(", ")
            )));
        }
        let name = root["name"].as_str().unwrap_or("steps").to_owned();
        let mut categories = BTreeMap::new();
        if let Some(map) = root.get("categories") {
            let map = map.as_object().ok_or_else(|| {
                Error::Steps("`categories` is an object: { \"statistics\": \"analytics\" }".into())
            })?;
            for (key, names) in map {
                let category = Category::ALL
                    .into_iter()
                    .find(|c| c.as_str() == key)
                    .ok_or_else(|| {
                        Error::Steps(format!(
                            "`categories` has `{key}`, expected `preferences`, `statistics` or \
                             `marketing`"
                        ))
                    })?;
                let names: Vec<String> = match names {
                    Value::String(name) => vec![name.clone()],
                    Value::Array(list) => list
                        .iter()
                        .map(|name| name.as_str().map(str::to_owned))
                        .collect::<Option<_>>()
                        .ok_or_else(|| {
                            Error::Steps(format!("`categories.{key}` holds a non-string"))
                        })?,
                    _ => {
                        return Err(Error::Steps(format!(
                            "`categories.{key}` is a name or a list of names"
                        )));
                    }
                };
                categories.insert(category, names);
            }
        }
        let list = |key: &str| -> Result<Option<Vec<Step>>, Error> {
            let Some(steps) = root.get(key) else {
                return Ok(None);
            };
            let steps = steps
                .as_array()
                .ok_or_else(|| Error::Steps(format!("`{key}` is a list of steps")))?;
            steps
                .iter()
                .enumerate()
                .map(|(index, step)| {
                    Step::from_json(step)
                        .map_err(|why| Error::Steps(format!("`{key}` step {}: {why}", index + 1)))
                })
                .collect::<Result<Vec<Step>, Error>>()
                .map(Some)
        };
        let required = |key: &str| {
            list(key)?.ok_or_else(|| Error::Steps(format!("no `{key}` steps: they are required")))
        };
        Ok(Steps {
            name,
            categories,
            accept_all: required("accept_all")?,
            refuse_all: required("refuse_all")?,
            only: list("only")?,
            withdraw: list("withdraw")?,
        })
    }

    /// The ready recipe called `name` (`cookieconsent-v3`,
    /// `tarteaucitron`, `klaro`); `None` for another name.
    pub fn recipe(name: &str) -> Option<Steps> {
        let (_, json) = RECIPES.iter().find(|(known, _)| *known == name)?;
        // The recipes are read by a test: one that does not parse fails it.
        Steps::from_json(json).ok()
    }

    /// The names of the ready recipes.
    pub fn recipes() -> impl Iterator<Item = &'static str> {
        RECIPES.iter().map(|(name, _)| *name)
    }

    /// The recipe's file, as shipped (to copy and adapt).
    pub fn recipe_file(name: &str) -> Option<&'static str> {
        RECIPES
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, json)| *json)
    }

    /// Its `name`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The consent manager's names for `category`: those of `categories`,
    /// else the category's own.
    pub fn names_of(&self, category: Category) -> Vec<String> {
        self.categories
            .get(&category)
            .cloned()
            .unwrap_or_else(|| vec![category.as_str().to_owned()])
    }

    /// The steps with `category` named `names` in the consent manager
    /// (the command's `--category statistics=matomo,gtag`).
    #[must_use]
    pub fn with_names(mut self, category: Category, names: Vec<String>) -> Steps {
        self.categories.insert(category, names);
        self
    }

    /// Makes `choice` in `browser`: `withdrawal` says it is the withdrawal
    /// of a scenario (the `withdraw` steps) rather than a first choice in
    /// the banner; `asked` are the categories the site asks consent for,
    /// and `base` the site's URL, for `goto`.
    pub fn run(
        &self,
        browser: &mut Browser,
        choice: Choice,
        withdrawal: bool,
        asked: CategorySet,
        base: &str,
    ) -> Result<(), Error> {
        let (key, steps, granted) = match choice {
            Choice::AcceptAll => ("accept_all", Some(&self.accept_all), asked),
            Choice::RefuseAll => ("refuse_all", Some(&self.refuse_all), CategorySet::NONE),
            Choice::Only(granted) if withdrawal => ("withdraw", self.withdraw.as_ref(), granted),
            Choice::Only(granted) => ("only", self.only.as_ref(), granted),
        };
        let steps = steps.ok_or_else(|| {
            Error::Steps(format!(
                "{} has no `{key}` steps, which the scenario needs",
                self.name
            ))
        })?;
        for (index, step) in steps.iter().enumerate() {
            step.run(self, browser, asked, granted, base)
                .map_err(|err| {
                    let why = match err {
                        Error::Page(why) => why,
                        other => other.to_string(),
                    };
                    Error::Page(format!(
                        "{}, `{key}` step {} ({step}): {why}",
                        self.name,
                        index + 1,
                    ))
                })?;
        }
        Ok(())
    }
}

impl Step {
    fn from_json(step: &Value) -> Result<Step, String> {
        let object = step
            .as_object()
            .ok_or_else(|| "a step is an object: { \"click\": \"#accept\" }".to_owned())?;
        const ACTIONS: [&str; 13] = [
            "click",
            "tick",
            "choose",
            "check",
            "goto",
            "wait_for",
            "wait_gone",
            "wait_cookie",
            "wait_no_cookie",
            "wait_idle_ms",
            "run",
            "pause_ms",
            "checked",
        ];
        const OPTIONS: [&str; 2] = ["timeout_ms", "navigates"];
        if let Some(key) = object
            .keys()
            .find(|k| !ACTIONS.contains(&k.as_str()) && !OPTIONS.contains(&k.as_str()))
        {
            return Err(format!(
                "unknown key `{key}`, expected one of {}",
                ACTIONS[..12]
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let actions: Vec<&str> = ACTIONS[..12]
            .iter()
            .copied()
            .filter(|action| object.contains_key(*action))
            .collect();
        let [action] = actions.as_slice() else {
            return Err(format!(
                "a step has one action, found {}",
                if actions.is_empty() {
                    "none".to_owned()
                } else {
                    actions.join(", ")
                }
            ));
        };
        let text = |key: &str| {
            step[key]
                .as_str()
                .filter(|text| !text.is_empty())
                .map(str::to_owned)
                .ok_or_else(|| format!("`{key}` takes a non-empty string"))
        };
        let timeout = match step.get("timeout_ms") {
            None => STEP_TIMEOUT,
            Some(ms) => Duration::from_millis(
                ms.as_u64()
                    .ok_or_else(|| "`timeout_ms` takes milliseconds".to_owned())?,
            ),
        };
        if step.get("navigates").is_some() && *action != "click" {
            return Err("`navigates` goes with `click` only".to_owned());
        }
        if step.get("checked").is_some() && *action != "check" {
            return Err("`checked` goes with `check` only".to_owned());
        }
        let parsed = match *action {
            "click" => Action::Click {
                css: text("click")?,
                navigates: match step.get("navigates") {
                    None => false,
                    Some(flag) => flag
                        .as_bool()
                        .ok_or_else(|| "`navigates` is true or false".to_owned())?,
                },
            },
            "tick" => Action::Tick(text("tick")?),
            "choose" => {
                let choose = &step["choose"];
                let side = |key: &str| {
                    choose[key]
                        .as_str()
                        .filter(|text| !text.is_empty())
                        .map(str::to_owned)
                        .ok_or_else(|| {
                            "`choose` is { \"yes\": \"CSS\", \"no\": \"CSS\" }".to_owned()
                        })
                };
                Action::Choose {
                    yes: side("yes")?,
                    no: side("no")?,
                }
            }
            "check" => Action::Check {
                css: text("check")?,
                checked: step["checked"]
                    .as_bool()
                    .ok_or_else(|| "`check` needs `\"checked\": true` or `false`".to_owned())?,
            },
            "goto" => Action::Goto(text("goto")?),
            "wait_for" => Action::Wait(Condition::Shown(text("wait_for")?)),
            "wait_gone" => Action::Wait(Condition::Hidden(text("wait_gone")?)),
            "wait_cookie" => Action::Wait(Condition::Cookie(text("wait_cookie")?)),
            "wait_no_cookie" => Action::Wait(Condition::NoCookie(text("wait_no_cookie")?)),
            "wait_idle_ms" => Action::Wait(Condition::NetworkIdle(Duration::from_millis(
                step["wait_idle_ms"]
                    .as_u64()
                    .ok_or_else(|| "`wait_idle_ms` takes milliseconds".to_owned())?,
            ))),
            "pause_ms" => Action::Pause(Duration::from_millis(
                step["pause_ms"]
                    .as_u64()
                    .ok_or_else(|| "`pause_ms` takes milliseconds".to_owned())?,
            )),
            _ => Action::Run(text("run")?),
        };
        Ok(Step {
            action: parsed,
            timeout,
        })
    }

    fn run(
        &self,
        steps: &Steps,
        browser: &mut Browser,
        asked: CategorySet,
        granted: CategorySet,
        base: &str,
    ) -> Result<(), Error> {
        let timeout = self.timeout;
        // Each category asked, with each of its names in the consent
        // manager, and whether the choice grants it.
        let each = || {
            asked.iter().flat_map(move |category| {
                steps
                    .names_of(category)
                    .into_iter()
                    .map(move |name| (name, granted.contains(category)))
            })
        };
        match &self.action {
            Action::Click { css, navigates } => {
                if *navigates {
                    browser.click_and_load(css, timeout)
                } else {
                    browser.click(css, timeout)
                }
            }
            Action::Tick(css) => {
                for (name, yes) in each() {
                    browser.set_checkbox_css(&css.replace("{name}", &name), yes, timeout)?;
                }
                Ok(())
            }
            Action::Choose { yes, no } => {
                for (name, granted) in each() {
                    let css = if granted { yes } else { no };
                    browser.click(&css.replace("{name}", &name), timeout)?;
                }
                Ok(())
            }
            Action::Check { css, checked } => browser.set_checkbox_css(css, *checked, timeout),
            Action::Goto(page) => {
                if page.starts_with("http://") || page.starts_with("https://") {
                    browser.goto(page)
                } else {
                    browser.goto(&format!(
                        "{}/{}",
                        base.trim_end_matches('/'),
                        page.trim_start_matches('/')
                    ))
                }
            }
            Action::Wait(condition) => browser.wait_for(condition, timeout),
            Action::Run(script) => browser.script(script).map(drop),
            Action::Pause(pause) => {
                std::thread::sleep(*pause);
                Ok(())
            }
        }
    }
}

impl core::fmt::Display for Step {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match &self.action {
            Action::Click { css, navigates } => {
                write!(f, "click `{css}`")?;
                if *navigates {
                    f.write_str(" and wait for the page")?;
                }
                Ok(())
            }
            Action::Tick(css) => write!(f, "tick `{css}` for each category"),
            Action::Choose { yes, no } => write!(f, "choose `{yes}` or `{no}` for each category"),
            Action::Check { css, checked } => {
                write!(f, "{} `{css}`", if *checked { "tick" } else { "untick" })
            }
            Action::Goto(page) => write!(f, "open `{page}`"),
            Action::Wait(condition) => write!(f, "wait for {condition}"),
            Action::Run(script) => write!(f, "run `{script}`"),
            Action::Pause(pause) => write!(f, "pause {} ms", pause.as_millis()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_recipe_reads() {
        for name in Steps::recipes() {
            let file = Steps::recipe_file(name).unwrap();
            let steps = Steps::from_json(file).unwrap_or_else(|err| panic!("{name}: {err}"));
            assert!(steps.only.is_some() && steps.withdraw.is_some(), "{name}");
            assert_eq!(Steps::recipe(name), Some(steps));
        }
        assert_eq!(Steps::recipe("cookiebot"), None);
    }

    #[test]
    fn a_steps_file_with_every_step() {
        let steps = Steps::from_json(
            r##"{
              "name": "site",
              "categories": { "statistics": "analytics", "marketing": ["ads", "pixel"] },
              "accept_all": [
                { "click": "#all" },
                { "click": "#go", "navigates": true, "timeout_ms": 2000 },
                { "wait_cookie": "choice" }, { "wait_no_cookie": "old" },
                { "wait_for": ".saved" }, { "wait_gone": "#banner" }, { "wait_idle_ms": 300 }
              ],
              "refuse_all": [{ "goto": "/privacy" }, { "check": "#x", "checked": false }],
              "only": [{ "tick": "input[value='{name}']" },
                       { "choose": { "yes": "#{name}Allowed", "no": "#{name}Denied" } },
                       { "run": "klaro.show()" }, { "pause_ms": 250 }]
            }"##,
        )
        .unwrap();
        assert_eq!(steps.names_of(Category::Statistics), ["analytics"]);
        assert_eq!(steps.names_of(Category::Marketing), ["ads", "pixel"]);
        assert_eq!(steps.names_of(Category::Preferences), ["preferences"]);
        assert_eq!(steps.accept_all[1].timeout, Duration::from_millis(2000));
        assert_eq!(steps.accept_all[0].timeout, STEP_TIMEOUT);
        assert_eq!(
            steps.accept_all[1].to_string(),
            "click `#go` and wait for the page"
        );
        assert_eq!(steps.withdraw, None);
        assert_eq!(steps.only.as_ref().unwrap()[3].to_string(), "pause 250 ms");
        assert_eq!(
            steps.only.as_ref().unwrap()[1].to_string(),
            "choose `#{name}Allowed` or `#{name}Denied` for each category"
        );
    }

    fn error(json: &str) -> String {
        Steps::from_json(json).unwrap_err().to_string()
    }

    #[test]
    fn a_wrong_steps_file_says_where() {
        let minimal = |accept: &str| format!(r#"{{"accept_all": [{accept}], "refuse_all": []}}"#);
        assert_eq!(
            error(r#"{"refuse_all": []}"#),
            "steps: no `accept_all` steps: they are required"
        );
        assert_eq!(
            error(&minimal(r##"{"clik": "#a"}"##)),
            "steps: `accept_all` step 1: unknown key `clik`, expected one of `click`, `tick`, \
             `choose`, `check`, `goto`, `wait_for`, `wait_gone`, `wait_cookie`, \
             `wait_no_cookie`, `wait_idle_ms`, `run`, `pause_ms`"
        );
        assert_eq!(
            error(&minimal(r##"{"click": "#a", "wait_for": "#b"}"##)),
            "steps: `accept_all` step 1: a step has one action, found click, wait_for"
        );
        assert_eq!(
            error(&minimal(r##"{"wait_for": "#b", "navigates": true}"##)),
            "steps: `accept_all` step 1: `navigates` goes with `click` only"
        );
        assert_eq!(
            error(&minimal(r##"{"check": "#b"}"##)),
            "steps: `accept_all` step 1: `check` needs `\"checked\": true` or `false`"
        );
        assert_eq!(
            error(r#"{"categories": {"ads": "x"}, "accept_all": [], "refuse_all": []}"#),
            "steps: `categories` has `ads`, expected `preferences`, `statistics` or `marketing`"
        );
        assert_eq!(
            error(r#"{"accept_all": [], "refuse_all": [], "withdrawal": []}"#),
            "steps: unknown key `withdrawal`, expected one of `name`, `about`, `categories`, \
             `accept_all`, `refuse_all`, `only`, `withdraw`"
        );
    }
}

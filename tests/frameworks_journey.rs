//! One consent journey, written once as a table of steps (a request, and
//! what its response and the check's reports must be), walked through the
//! same tiny site built on each framework cookie-decl integrates: axum
//! (`ConsentLayer`), Rocket (`ConsentFairing`), actix-web and poem
//! (`ConsentMiddleware`), each driven in process by its own test client.
//! Each framework's block only builds its site and sends it a request.
//!
//! The journey: the banner while the visitor has not chosen, with a fresh
//! CSRF cookie; a forged form (`403`), a form posted from another site
//! (`403`) and one that is not urlencoded (`415`) refused with nothing
//! set; accept all, then the statistics cookie set through the gate,
//! byte for byte as declared; a withdrawal whose handler also sets the
//! statistics cookie, in each of six orders of its lines; refuse all, with
//! the declared removal byte for byte; every other way a response is made
//! (a handler's error, an early answer, a caught panic, a cookie set
//! outside the check) checked all the same; and a handler that sets an
//! undeclared cookie and a declared one with weaker attributes: the first
//! dropped, the second rewritten to its declaration, each reported with
//! what was done; a declared cookie read back in a handler, each
//! framework's way. Beside it: the site's other forms under the same CSRF
//! check (`CsrfForm`), Global Privacy Control honoured and noted in the
//! proof, and `Vary: Cookie` with `Cache-Control: private` on the pages
//! that read the visitor's consent or token, and on no other. The same
//! sites in report mode: nothing dropped or rewritten, the request
//! audited, each finding named with its request, and the same request
//! reported once.
//!
//! The frameworks other than axum are behind the root package's features
//! of their name: `cargo test --all-features` walks all four.

use std::sync::{Arc, Mutex};

use cookie_decl::axum::{ConsentLayer, Mode};
use cookie_decl::consent::{self, CategorySet, Consent, ConsentCookie, CsrfToken, Recorded};
use cookie_decl::{Category, declare_cookies};

declare_cookies! {
    pub struct Site { site: "https://example.fr" }
    necessary {
        sid { provider: "Example", service: "Login", purpose: "Keep the visitor signed in." }
        "__Host-csrf" as CSRF {
            provider: "Example", service: "Forms", purpose: "Protect the forms.",
            same_site: Strict, csrf_token: true,
        }
        consent {
            provider: "Example", service: "Consent", purpose: "Remember the choice.",
            max_age: 6 months, stores_consent: true,
        }
    }
    statistics {
        visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
    }
    marketing {
        ads { provider: "Régie", service: "Publicité", purpose: "Show ads.", max_age: 13 months }
    }
}

const STORE: ConsentCookie<Site> = ConsentCookie::unsigned();

/// What each site's `GET /` answers while the visitor has not chosen.
const BANNER: &str = "Tout accepter";

/// What the banner says to a browser that sends Global Privacy Control.
const GPC_SENTENCE: &str = "Votre navigateur envoie le signal Global Privacy Control";

/// The `Set-Cookie` lines `GET /leak` sends, past the check's back.
const LEAKS: [&str; 2] = ["tracker=1; Path=/", "sid=abc; Path=/"];

/// The `Set-Cookie` every other path of each site sends past the check
/// (an error, an early return, a caught panic, a cookie added outside the
/// check): a marketing cookie, for a visitor who has not said yes.
const ADS: &str = "ads=1; Max-Age=31536000; Path=/";

/// Each of those paths, with the status its response has.
const OTHER_PATHS: [(&str, u16); 4] = [
    ("/error", 500),
    ("/early", 403),
    ("/panic", 500),
    ("/outer", 200),
];

/// `GET /withdraw/N`: a withdrawal answered in the `N`th order of its
/// lines.
const WITHDRAWALS: [&str; 6] = [
    "/withdraw/0",
    "/withdraw/1",
    "/withdraw/2",
    "/withdraw/3",
    "/withdraw/4",
    "/withdraw/5",
];

/// The `Set-Cookie` lines of a withdrawal whose handler also leaks: an
/// undeclared `theme`, the choice of nothing with its removals, and the
/// statistics cookie the old consent would have allowed, in the `order`th
/// of their six orders.
fn withdrawal(order: usize) -> Vec<String> {
    let recorded = STORE.record("", CategorySet::NONE);
    let groups = [
        vec!["theme=dark; Path=/".to_owned()],
        recorded.lines().to_vec(),
        vec![Site::VISITS.cookie("1").to_string()],
    ];
    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    orders[order % orders.len()]
        .iter()
        .flat_map(|&group| groups[group].clone())
        .collect()
}

/// What the check finds in the statistics cookie a withdrawal's handler
/// sets, and in `GET /leak`'s `tracker`.
const VISITS_DROPPED: &str =
    "response sets `statistics` cookie `visits` without the visitor's consent";
const TRACKER_UNDECLARED: &str =
    "response sets cookie `tracker`, which the registry does not declare";

/// The journey in enforce mode.
fn journey() -> Vec<Step> {
    use Expect::*;
    let token_form = |choice: &str| format!("csrf_token={{token}}&consent={choice}");
    let lang = |token: &str, cookie: &str| {
        Request::post("/lang", format!("csrf_token={token}&lang=en"), cookie)
    };
    let mut steps = vec![
        step(
            "first visit: the banner and a fresh CSRF token, nothing else; \
             a page that depends on the visitor, which no shared cache may keep",
            Request::get("/", ""),
            [
                Status(200),
                BodyHas(BANNER),
                BodyLacks(GPC_SENTENCE),
                Lines(1),
                Header("vary", &["Cookie"]),
                Header("cache-control", &["private"]),
                Keep("__Host-csrf=", "csrf"),
                KeepValue("__Host-csrf=", "token", 32),
            ],
        ),
        // Forms that are not the visitor's: refused, nothing set.
        step(
            "a forged token",
            Request::form("csrf_token=forged&consent=all".into(), "{csrf}"),
            [Status(403), Lines(0)],
        ),
        step(
            "posted from another site",
            Request::form(token_form("all"), "{csrf}").with("sec-fetch-site", "cross-site"),
            [Status(403), Lines(0)],
        ),
        step(
            "not a urlencoded form",
            Request::form(token_form("all"), "{csrf}").with("content-type", "text/plain"),
            [Status(415), Lines(0)],
        ),
        step(
            "no token",
            Request::form("consent=all".into(), "{csrf}"),
            [Status(403)],
        ),
        // The site's other forms: the same CSRF check.
        step(
            "another form",
            lang("{token}", "{csrf}"),
            [Status(200), Body("en")],
        ),
        step(
            "a forged token on another form",
            lang("0123", "{csrf}"),
            [Status(403)],
        ),
        step(
            "a second, planted CSRF cookie",
            lang(
                "{token}",
                &format!("{{csrf}}; __Host-csrf={}", "0".repeat(32)),
            ),
            [
                Status(403),
                Reported(1),
                Mentioned("cookie `__Host-csrf` several times"),
            ],
        ),
        step(
            "another form from another site",
            lang("{token}", "{csrf}").with("sec-fetch-site", "cross-site"),
            [Status(403)],
        ),
        // Global Privacy Control: marketing refused while the visitor has
        // not chosen, and the banner says so; an explicit yes still
        // counts, and its proof notes the signal.
        step(
            "the banner to a browser sending GPC",
            Request::get("/", "{csrf}").with("sec-gpc", "1"),
            [BodyHas(GPC_SENTENCE)],
        ),
        step(
            "an explicit yes with GPC: it counts, the proof notes GPC",
            Request::form(token_form("all"), "{csrf}").with("sec-gpc", "1"),
            [
                Header("location", &["/?gpc"]),
                Choice(|consent| consent.allows(Category::Marketing)),
            ],
        ),
        step(
            "accept all: the consent cookie alone",
            Request::form(token_form("all"), "{csrf}"),
            [
                Status(303),
                Header("location", &["/"]),
                Lines(1),
                Choice(|consent| consent.allows(Category::Statistics)),
                Keep("consent=", "consent"),
            ],
        ),
        step(
            "then the gated cookie, as declared",
            Request::get("/", "{csrf}; {consent}"),
            [
                BodyLacks(BANNER),
                SetCookies(vec![Site::VISITS.cookie("1").to_string()]),
            ],
        ),
    ];
    // A withdrawal whose handler also sets the statistics cookie from the
    // old consent: each line judged by the choice the response records,
    // wherever its line stands among the others; the cookie dropped is
    // reported once.
    for (order, uri) in WITHDRAWALS.into_iter().enumerate() {
        let mut expect = vec![
            NoLine("visits=1"),
            NoLine("theme="),
            Choice(|consent| !consent.allows(Category::Statistics)),
            Line(Site::VISITS.removal().to_string()),
        ];
        if order == WITHDRAWALS.len() - 1 {
            expect.push(Found(VISITS_DROPPED, "dropped"));
        }
        let shows = format!("a withdrawal, its lines in order {order}");
        steps.push(step(shows, Request::get(uri, "{csrf}; {consent}"), expect));
    }
    steps.extend([
        step(
            "refuse all: the choice, and the declared removals byte for byte",
            Request::form(token_form("none"), "{csrf}; {consent}; visits=1"),
            [
                Status(303),
                Choice(|consent| consent.is_given() && consent.granted() == CategorySet::NONE),
                Removals(vec![
                    Site::VISITS.removal().to_string(),
                    Site::ADS.removal().to_string(),
                ]),
                Keep("consent=", "refusal"),
            ],
        ),
        step(
            "after refusing",
            Request::get("/", "{csrf}; {refusal}"),
            [Lines(0), Reported(0)],
        ),
    ]);
    // Every response the check returns is checked, whatever made it: a
    // handler's error, an inner middleware's early answer or error, a
    // caught panic, the framework's own cookie jar or a layer outside.
    for (uri, status) in OTHER_PATHS {
        let expect = [Status(status), NoLine("ads="), Each("dropped")];
        steps.push(step(uri, Request::get(uri, "{csrf}"), expect));
    }
    steps.push(step(
        "enforce: the undeclared cookie dropped, the weakened one rewritten; \
         a page that reads neither consent nor token keeps its caching",
        Request::get("/leak", "{csrf}; {consent}"),
        [
            Status(200),
            SetCookies(vec![Site::SID.cookie("abc").to_string()]),
            Header("vary", &[]),
            Header("cache-control", &[]),
            Found(TRACKER_UNDECLARED, "dropped"),
            Mentioned("cookie `sid`"),
            EachMentioning("cookie `sid`", "rewritten"),
            Besides("cookie `sid`", 1),
        ],
    ));
    // A declared cookie read in a handler, each framework's way, as the
    // README shows it: the value decoded as the builder encoded it.
    steps.extend([
        step(
            "a declared cookie's value, read in a handler",
            Request::get("/read", pair(&Site::SID.cookie(READ_VALUE).to_string())),
            [Status(200), Body(READ_VALUE), Lines(0)],
        ),
        step(
            "a declared cookie the request does not carry",
            Request::get("/read", "{csrf}"),
            [Status(200), Body("none"), Lines(0)],
        ),
    ]);
    steps
}

/// A value the builder must encode: a space, a `;` and a `"` would
/// corrupt the header as written.
const READ_VALUE: &str = "7 jours; \"ok\"";

/// Report mode, for a first deployment: every response goes out as the
/// application wrote it; the request is audited too (a statistics cookie
/// a script set before any consent, a cookie nobody declared), each
/// finding reported once however often the same request comes back or
/// the same handler leaks again; each line names the request it was found
/// in.
fn report_journey() -> Vec<Step> {
    use Expect::*;
    let planted = "visits=7; theme=dark";
    let leak = |shows: &str, reported: Vec<Expect>| {
        let mut expect = vec![
            Status(200),
            // Rocket's jar sends its cookies in an order of its own.
            Pairs(&["sid=abc", "tracker=1"]),
        ];
        expect.extend(reported);
        step(shows, Request::get("/leak", ""), expect)
    };
    vec![
        step(
            "the request audited",
            Request::get("/", planted),
            [
                Status(200),
                BodyHas(BANNER),
                Exactly(&[
                    (
                        "request carries `statistics` cookie `visits` without the visitor's consent",
                        "reported",
                    ),
                    (
                        "request carries cookie `theme`, which the registry does not declare",
                        "reported",
                    ),
                ]),
                LogLines("(GET /)"),
            ],
        ),
        step(
            "the same request again: nothing new in the log",
            Request::get("/", planted),
            [Reported(0)],
        ),
        // The leaks go out as written every time, and are reported the
        // first time only: a handler that leaks on every page is one log
        // line each.
        leak(
            "the leaks, nothing dropped in report mode",
            vec![
                Found(TRACKER_UNDECLARED, "reported"),
                Mentioned("cookie `sid`"),
                Each("reported"),
                LogLines("(GET /leak)"),
            ],
        ),
        leak("the same leaks again, reported once", vec![Reported(0)]),
    ]
}

/// One step of a journey: a request, and what must follow.
struct Step {
    /// What the step shows, at the head of each of its failures.
    shows: String,
    request: Request,
    expect: Vec<Expect>,
}

/// The step that `shows`: `request`, then each of `expect`.
fn step(shows: impl Into<String>, request: Request, expect: impl Into<Vec<Expect>>) -> Step {
    Step {
        shows: shows.into(),
        request,
        expect: expect.into(),
    }
}

/// What a step's response must be, and what the check must have reported
/// since the last step that looked at its reports.
#[derive(Debug)]
enum Expect {
    /// Its status.
    Status(u16),
    /// Its body, exactly.
    Body(&'static str),
    /// Its body contains this.
    BodyHas(&'static str),
    /// Its body does not contain this.
    BodyLacks(&'static str),
    /// The values of the header named (lowercase), in order.
    Header(&'static str, &'static [&'static str]),
    /// How many `Set-Cookie` lines.
    Lines(usize),
    /// The `Set-Cookie` lines, exactly, in order.
    SetCookies(Vec<String>),
    /// This line among them.
    Line(String),
    /// No line that starts with this.
    NoLine(&'static str),
    /// Their `name=value` pairs, sorted.
    Pairs(&'static [&'static str]),
    /// One line is a choice (`consent=`), and reads as a consent this
    /// holds of.
    Choice(fn(&Consent<Site>) -> bool),
    /// The lines other than the choice, exactly, in order.
    Removals(Vec<String>),
    /// The pair of the line that starts with this, kept under the name
    /// (for later requests' `{name}`).
    Keep(&'static str, &'static str),
    /// The value of that line, of this length, kept under the name.
    KeepValue(&'static str, &'static str, usize),
    /// This many findings reported.
    Reported(usize),
    /// This finding among them, with this action.
    Found(&'static str, &'static str),
    /// A finding that mentions this among them.
    Mentioned(&'static str),
    /// Each of them with this action.
    Each(&'static str),
    /// Each one that mentions this with this action.
    EachMentioning(&'static str, &'static str),
    /// This many that do not mention this.
    Besides(&'static str, usize),
    /// Exactly these findings and actions, in order.
    Exactly(&'static [(&'static str, &'static str)]),
    /// Each log line ends with this (it names its request).
    LogLines(&'static str),
}

/// What the check reported: each finding, what was done, and the whole
/// log line (which names the request).
type Findings = Arc<Mutex<Vec<(String, String, String)>>>;

/// What the steps kept, by name.
type Kept = Vec<(&'static str, String)>;

impl Expect {
    /// Whether it looks at the check's reports: then the step takes them.
    fn looks_at_reports(&self) -> bool {
        use Expect::*;
        matches!(
            self,
            Reported(_)
                | Found(..)
                | Mentioned(_)
                | Each(_)
                | EachMentioning(..)
                | Besides(..)
                | Exactly(_)
                | LogLines(_)
        )
    }

    /// Whether `response`, and what was `reported` with it, are as this
    /// says.
    fn holds(&self, response: &Response, reported: &[(String, String, String)]) -> bool {
        use Expect::*;
        let lines = response.set_cookies();
        let starting = |start: &'static str| {
            let lines = lines.iter().copied();
            lines.filter(move |line| line.starts_with(start))
        };
        let mut found = reported
            .iter()
            .map(|(finding, action, _)| (finding.as_str(), action.as_str()));
        match self {
            Status(status) => response.status == *status,
            Body(body) => response.body == *body,
            BodyHas(text) => response.body.contains(text),
            BodyLacks(text) => !response.body.contains(text),
            Header(name, values) => response.values(name) == *values,
            Lines(count) => lines.len() == *count,
            SetCookies(expected) => lines == *expected,
            Line(line) => lines.contains(&line.as_str()),
            NoLine(start) => starting(start).next().is_none(),
            Pairs(expected) => {
                let mut pairs: Vec<&str> = lines.iter().map(|line| pair(line)).collect();
                pairs.sort_unstable();
                pairs == *expected
            }
            Choice(holds) => match starting("consent=").collect::<Vec<_>>()[..] {
                [line] => holds(&STORE.read(pair(line))),
                _ => false,
            },
            Removals(expected) => {
                let others = lines.iter().filter(|line| !line.starts_with("consent="));
                others.eq(expected)
            }
            Keep(start, _) => starting(start).next().is_some(),
            KeepValue(start, _, len) => {
                let line = starting(start).next();
                line.is_some_and(|line| pair(line).len() == start.len() + len)
            }
            Reported(count) => reported.len() == *count,
            Found(finding, action) => found.any(|found| found == (finding, action)),
            Mentioned(text) => found.any(|(finding, _)| finding.contains(text)),
            Each(action) => found.all(|(_, done)| done == *action),
            EachMentioning(text, action) => found
                .filter(|(finding, _)| finding.contains(text))
                .all(|(_, done)| done == *action),
            Besides(text, count) => {
                found.filter(|(finding, _)| !finding.contains(text)).count() == *count
            }
            Exactly(expected) => found.eq(expected.iter().copied()),
            LogLines(end) => reported.iter().all(|(_, _, line)| line.ends_with(end)),
        }
    }

    /// What it keeps of `response` for later steps: a name and its value.
    fn kept(&self, response: &Response) -> Option<(&'static str, String)> {
        let (start, name, value) = match *self {
            Expect::Keep(start, name) => (start, name, false),
            Expect::KeepValue(start, name, _) => (start, name, true),
            _ => return None,
        };
        let lines = response.set_cookies();
        let line = lines.iter().find(|line| line.starts_with(start))?;
        let kept = if value {
            &pair(line)[start.len()..]
        } else {
            pair(line)
        };
        Some((name, kept.to_owned()))
    }
}

/// Walks the journey of `mode` ([`journey`] in enforce mode,
/// [`report_journey`] in report mode) through `send`, the adapter of a
/// site's test client; `findings` is what the site's check reported.
async fn walk(mode: Mode, findings: Findings, mut send: impl AsyncFnMut(Request) -> Response) {
    let steps = match mode {
        Mode::Enforce => journey(),
        Mode::Report => report_journey(),
    };
    let mut kept = Kept::new();
    for step in steps {
        let response = send(step.request.filled(&kept)).await;
        let reported = if step.expect.iter().any(Expect::looks_at_reports) {
            std::mem::take(&mut *findings.lock().unwrap())
        } else {
            Vec::new()
        };
        for expect in &step.expect {
            assert!(
                expect.holds(&response, &reported),
                "{}: expected {expect:?}\nstatus {}, headers {:?}\nreported {reported:?}\nbody {}",
                step.shows,
                response.status,
                response.headers,
                response.body,
            );
            kept.extend(expect.kept(&response));
        }
    }
}

/// The check each site mounts, in `mode`, and the list of what it reports.
fn consent_check(mode: Mode) -> (ConsentLayer<Site>, Findings) {
    let findings = Findings::default();
    let sink = Arc::clone(&findings);
    let check = ConsentLayer::new(STORE, mode)
        .max_reports_per_second(u32::MAX)
        .on_finding(move |report| {
            let line = (
                report.finding.to_string(),
                report.action.to_string(),
                report.to_string(),
            );
            sink.lock().unwrap().push(line);
        });
    (check, findings)
}

/// A request as a browser sends it; `{name}` in its headers and body
/// stands for what an earlier step kept under `name`.
struct Request {
    post: bool,
    uri: &'static str,
    /// Every header, `Cookie` among them when the visitor has cookies.
    headers: Vec<(&'static str, String)>,
    body: String,
}

impl Request {
    fn get(uri: &'static str, cookie: &str) -> Request {
        let mut request = Request {
            post: false,
            uri,
            headers: Vec::new(),
            body: String::new(),
        };
        if !cookie.is_empty() {
            request.headers.push(("cookie", cookie.to_owned()));
        }
        request
    }

    /// A form posted from the site's own page to `uri`.
    fn post(uri: &'static str, body: String, cookie: &str) -> Request {
        let mut request = Request::get(uri, cookie);
        request.post = true;
        request.body = body;
        request.headers.extend([
            (
                "content-type",
                "application/x-www-form-urlencoded".to_owned(),
            ),
            ("sec-fetch-site", "same-origin".to_owned()),
        ]);
        request
    }

    /// The consent form posted from the site's own page.
    fn form(body: String, cookie: &str) -> Request {
        Request::post("/cookies/consent", body, cookie)
    }

    /// With the header `name` set to `value` (replacing the one there).
    fn with(mut self, name: &'static str, value: &str) -> Request {
        self.headers.retain(|(other, _)| *other != name);
        self.headers.push((name, value.to_owned()));
        self
    }

    /// With each `{name}` replaced by what was kept under `name`.
    fn filled(mut self, kept: &Kept) -> Request {
        let fill = |text: &mut String| {
            for (name, value) in kept {
                *text = text.replace(&format!("{{{name}}}"), value);
            }
        };
        for (_, value) in &mut self.headers {
            fill(value);
        }
        fill(&mut self.body);
        self
    }
}

/// What the journey looks at in a response.
struct Response {
    status: u16,
    /// Every header, its name in lowercase, in order.
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    /// What a test client answered: its status, its headers (their names
    /// in any case) and its body.
    fn new<N, V>(
        status: u16,
        headers: impl IntoIterator<Item = (N, V)>,
        body: impl AsRef<[u8]>,
    ) -> Response
    where
        N: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).unwrap();
        let headers = headers.into_iter();
        Response {
            status,
            headers: headers
                .map(|(name, value)| (name.as_ref().to_lowercase(), text(value.as_ref())))
                .collect(),
            body: text(body.as_ref()),
        }
    }

    /// The values of the header `name` (lowercase), in order.
    fn values(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(other, _)| other == name)
            .map(|(_, value)| value.as_str())
            .collect()
    }

    /// The `Set-Cookie` lines, in order.
    fn set_cookies(&self) -> Vec<&str> {
        self.values("set-cookie")
    }
}

/// The `name=value` pair of a `Set-Cookie` line.
fn pair(line: &str) -> &str {
    line.split(';').next().unwrap_or_default()
}

/// A future that answers `Err` with the panic of the one it wraps: what a
/// site's catch-panic middleware builds on.
struct CatchUnwind<F>(std::pin::Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = std::thread::Result<F::Output>;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        use std::task::Poll;
        let inner = self.0.as_mut();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}

/// Where each site's consent form redirects: `/?gpc` when the proof
/// notes a Global Privacy Control signal.
fn after_choice(recorded: &Recorded<Site>) -> &'static str {
    if recorded.record().global_privacy_control() {
        "/?gpc"
    } else {
        "/"
    }
}

/// Each site's `GET /`: the banner while the visitor has not chosen.
fn page(consent: &Consent<Site>, csrf: &CsrfToken<Site>) -> String {
    if consent.needs_asking() {
        consent::banner_for(consent, cookie_decl::Lang::Fr, csrf.as_str())
    } else {
        String::new()
    }
}

/// axum: `ConsentLayer`, and its own extractors.
mod axum_site {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::extract::{FromRef, Path, State};
    use axum::http::header::SET_COOKIE;
    use axum::http::{HeaderMap, HeaderValue, Request as HttpRequest, StatusCode};
    use axum::middleware::Next;
    use axum::response::{IntoResponse, Redirect, Response as HttpResponse};
    use axum::routing::{get, post};
    use axum_extra::extract::cookie::{Cookie, CookieJar};
    use cookie_decl::axum::{ConsentChoice, CsrfForm, SetCookies};
    use tower::ServiceExt;

    #[derive(Clone)]
    struct App;

    impl FromRef<App> for ConsentCookie<Site> {
        fn from_ref(_: &App) -> Self {
            STORE
        }
    }

    async fn home(consent: Consent<Site>, csrf: CsrfToken<Site>) -> HttpResponse {
        let banner = page(&consent, &csrf);
        let visits = consent.cookie(Site::VISITS, "1");
        (csrf, SetCookies(visits.into_iter().collect()), banner).into_response()
    }

    async fn record(State(_): State<App>, choice: ConsentChoice<Site>) -> HttpResponse {
        match choice.record(&STORE) {
            None => Redirect::to("/cookies/preferences").into_response(),
            Some(recorded) => {
                let back = after_choice(&recorded);
                (recorded, Redirect::to(back)).into_response()
            }
        }
    }

    async fn lang(form: CsrfForm<Site>) -> String {
        form.get("lang").unwrap_or_default().to_owned()
    }

    /// The README's way: `request_cookies(&headers).value(..)`.
    async fn read(headers: HeaderMap) -> String {
        let cookies = cookie_decl::axum::request_cookies(&headers);
        let sid = cookies.value(&Site::SID);
        sid.map_or_else(|| "none".to_owned(), |value| value.into_owned())
    }

    async fn leak() -> HttpResponse {
        let mut response = "leak".into_response();
        for line in LEAKS {
            let value = HeaderValue::from_static(line);
            response.headers_mut().append(SET_COOKIE, value);
        }
        response
    }

    async fn withdraw(Path(order): Path<usize>) -> HttpResponse {
        let mut response = "withdrawn".into_response();
        for line in withdrawal(order) {
            let value = HeaderValue::try_from(line).unwrap();
            response.headers_mut().append(SET_COOKIE, value);
        }
        response
    }

    fn with_ads(status: StatusCode) -> HttpResponse {
        (status, [(SET_COOKIE, ADS)], "").into_response()
    }

    /// A handler's error.
    async fn error() -> Result<&'static str, HttpResponse> {
        Err(with_ads(StatusCode::INTERNAL_SERVER_ERROR))
    }

    async fn panics() -> &'static str {
        panic!("the handler fails")
    }

    /// The framework's own cookies (axum-extra's jar, a response part).
    async fn outer(jar: CookieJar) -> (CookieJar, &'static str) {
        (jar.add(Cookie::new("ads", "1")), "outer")
    }

    /// An inner middleware: an early answer on `/early`, and a caught
    /// panic's answer.
    async fn inner(request: HttpRequest<Body>, next: Next) -> HttpResponse {
        if request.uri().path() == "/early" {
            return with_ads(StatusCode::FORBIDDEN);
        }
        match CatchUnwind(Box::pin(next.run(request))).await {
            Ok(response) => response,
            Err(_) => with_ads(StatusCode::INTERNAL_SERVER_ERROR),
        }
    }

    #[tokio::test]
    async fn the_journey_through_axum() {
        through_axum(Mode::Enforce).await;
    }

    #[tokio::test]
    async fn the_report_mode_through_axum() {
        through_axum(Mode::Report).await;
    }

    async fn through_axum(mode: Mode) {
        let (layer, seen) = consent_check(mode);
        let router = Router::new()
            .route("/", get(home))
            .route("/cookies/consent", post(record))
            .route("/lang", post(lang))
            .route("/leak", get(leak))
            .route("/read", get(read))
            .route("/withdraw/{order}", get(withdraw))
            .route("/error", get(error))
            .route("/early", get(error))
            .route("/panic", get(panics))
            .route("/outer", get(outer))
            .layer(axum::middleware::from_fn(inner))
            .layer(layer)
            .with_state(App);
        walk(mode, seen, async |request: Request| {
            let mut builder = HttpRequest::builder()
                .method(if request.post { "POST" } else { "GET" })
                .uri(request.uri);
            for (name, value) in request.headers {
                builder = builder.header(name, value);
            }
            let request = builder.body(Body::from(request.body)).unwrap();
            let response = router.clone().oneshot(request).await.unwrap();
            let (answer, body) = response.into_parts();
            let body = axum::body::to_bytes(body, 1 << 20).await.unwrap();
            Response::new(answer.status.as_u16(), &answer.headers, body)
        })
        .await;
    }
}

/// Rocket: `ConsentFairing`, the guards, and Rocket's own `CookieJar`
/// for the leaks (which adds its own defaults, `SameSite=Strict`).
#[cfg(feature = "rocket")]
mod rocket_site {
    use super::*;
    use cookie_decl::cookie::Cookie;
    use cookie_decl::rocket::{ConsentChoice, CsrfForm, WithCookies};
    use rocket::fairing::AdHoc;
    use rocket::http::{CookieJar, Header, Status};
    use rocket::local::asynchronous::Client;
    use rocket::outcome::Outcome;
    use rocket::request::{self, FromRequest};
    use rocket::response::Redirect;
    use rocket::{catch, catchers, get, post, routes};

    #[get("/")]
    fn home(consent: Consent<Site>, csrf: CsrfToken<Site>) -> WithCookies<String> {
        let banner = page(&consent, &csrf);
        let visits = consent.cookie(Site::VISITS, "1");
        WithCookies::new(banner).csrf(&csrf).cookie(visits)
    }

    #[post("/cookies/consent", data = "<choice>")]
    fn record(choice: ConsentChoice<Site>) -> WithCookies<Redirect> {
        match choice.record(&STORE) {
            None => WithCookies::new(Redirect::to("/cookies/preferences")),
            Some(recorded) => {
                WithCookies::new(Redirect::to(after_choice(&recorded))).recorded(&recorded)
            }
        }
    }

    #[post("/lang", data = "<form>")]
    fn lang(form: CsrfForm<Site>) -> String {
        form.get("lang").unwrap_or_default().to_owned()
    }

    /// The README's way: the value of Rocket's jar.
    #[get("/read")]
    fn read(jar: &CookieJar<'_>) -> String {
        let sid = jar.get(Site::SID.name()).map(|c| c.value().to_owned());
        sid.unwrap_or_else(|| "none".to_owned())
    }

    #[get("/leak")]
    fn leak(jar: &CookieJar<'_>) -> &'static str {
        for line in LEAKS {
            jar.add(Cookie::parse(line).unwrap());
        }
        "leak"
    }

    #[get("/withdraw/<order>")]
    fn withdraw(order: usize) -> WithCookies<&'static str> {
        let lines = withdrawal(order).into_iter();
        let cookies = lines.map(|line| Cookie::parse(line).unwrap());
        WithCookies::new("withdrawn").cookies_from(cookies)
    }

    fn ads() -> Cookie<'static> {
        Cookie::parse(ADS).unwrap()
    }

    /// A handler's error, answered by the catcher.
    #[get("/error")]
    fn error() -> Status {
        Status::InternalServerError
    }

    /// A guard that fails: the early answer, by the catcher.
    struct Refused;

    #[rocket::async_trait]
    impl<'r> FromRequest<'r> for Refused {
        type Error = ();

        async fn from_request(_: &'r rocket::Request<'_>) -> request::Outcome<Self, ()> {
            Outcome::Error((Status::Forbidden, ()))
        }
    }

    #[get("/early")]
    fn early(_refused: Refused) -> &'static str {
        "never"
    }

    /// Rocket catches the panic, and answers with the catcher.
    #[get("/panic")]
    fn panics() -> &'static str {
        panic!("the handler fails")
    }

    #[get("/outer")]
    fn outer() -> &'static str {
        "outer"
    }

    /// The catcher of `/error`, `/early` and `/panic`: what it answers
    /// passes the check too.
    #[catch(default)]
    fn failed(_: Status, request: &rocket::Request<'_>) -> WithCookies<&'static str> {
        let path = request.uri().path();
        let leaks = OTHER_PATHS.iter().any(|(uri, _)| path == *uri);
        WithCookies::new("failed").cookie(leaks.then(ads))
    }

    #[rocket::async_test]
    async fn the_journey_through_rocket() {
        through_rocket(Mode::Enforce).await;
    }

    #[rocket::async_test]
    async fn the_report_mode_through_rocket() {
        through_rocket(Mode::Report).await;
    }

    async fn through_rocket(mode: Mode) {
        let (fairing, seen) = consent_check(mode);
        let config = rocket::Config {
            log_level: rocket::config::LogLevel::Off,
            ..rocket::Config::debug_default()
        };
        // A fairing attached after the check that sets a cookie: the
        // check still runs after it.
        let outer = AdHoc::on_response("ads", |request, response| {
            Box::pin(async move {
                if request.uri().path() == "/outer" {
                    response.adjoin_raw_header("Set-Cookie", ADS);
                }
            })
        });
        let rocket = rocket::custom(config)
            .mount(
                "/",
                routes![
                    home, record, lang, leak, read, withdraw, error, early, panics, outer
                ],
            )
            .register("/", catchers![failed])
            .attach(fairing)
            .attach(outer);
        // Untracked: the journey sends its own `Cookie` header.
        let client = Client::untracked(rocket).await.unwrap();
        walk(mode, seen, async |request: Request| {
            let mut builder = if request.post {
                client.post(request.uri).body(request.body)
            } else {
                client.get(request.uri)
            };
            for (name, value) in request.headers {
                // Rocket's server fills the jar from the `Cookie` header,
                // each pair percent-decoded; its local client does not.
                if name == "cookie" {
                    let pairs = value.split(';').map(|pair| pair.trim().to_owned());
                    let cookies = pairs.filter_map(|pair| Cookie::parse_encoded(pair).ok());
                    builder = builder.cookies(cookies);
                }
                builder = builder.header(Header::new(name, value));
            }
            let response = builder.dispatch().await;
            let headers: Vec<_> = response
                .headers()
                .iter()
                .map(|header| (header.name().to_string(), header.value().to_owned()))
                .collect();
            let status = response.status().code;
            let body = response.into_string().await.unwrap_or_default();
            Response::new(status, headers, body)
        })
        .await;
    }
}

/// actix-web: `ConsentMiddleware`, the extractors, and raw headers for
/// the leaks.
#[cfg(feature = "actix")]
mod actix_site {
    use super::*;
    use actix_web::body::to_bytes;
    use actix_web::dev::Service;
    use actix_web::error::InternalError;
    use actix_web::http::header::{LOCATION, SET_COOKIE};
    use actix_web::test::{TestRequest, init_service, try_call_service};
    use actix_web::{App, HttpResponse, HttpResponseBuilder, web};
    use cookie_decl::actix::{ConsentChoice, CsrfForm, WithCookies};
    use cookie_decl::consent::RequestCookies;

    async fn home(consent: Consent<Site>, csrf: CsrfToken<Site>) -> WithCookies<String> {
        let banner = page(&consent, &csrf);
        let visits = consent.cookie(Site::VISITS, "1");
        WithCookies::new(banner).csrf(&csrf).cookie(visits)
    }

    fn see_other(location: &str) -> HttpResponse {
        HttpResponse::SeeOther()
            .insert_header((LOCATION, location))
            .finish()
    }

    async fn record(choice: ConsentChoice<Site>) -> WithCookies<HttpResponse> {
        match choice.record(&STORE) {
            None => WithCookies::new(see_other("/cookies/preferences")),
            Some(recorded) => {
                WithCookies::new(see_other(after_choice(&recorded))).recorded(&recorded)
            }
        }
    }

    async fn lang(form: CsrfForm<Site>) -> String {
        form.get("lang").unwrap_or_default().to_owned()
    }

    /// The README's way: `RequestCookies` over the `Cookie` headers.
    async fn read(request: actix_web::HttpRequest) -> String {
        let cookies = RequestCookies::from_headers(request.headers().get_all("cookie"));
        let sid = cookies.value(&Site::SID);
        sid.map_or_else(|| "none".to_owned(), |value| value.into_owned())
    }

    async fn leak() -> HttpResponse {
        let mut response = HttpResponse::Ok();
        for line in LEAKS {
            response.append_header((SET_COOKIE, line));
        }
        response.body("leak")
    }

    async fn withdraw(order: web::Path<usize>) -> HttpResponse {
        let mut response = HttpResponse::Ok();
        for line in withdrawal(order.into_inner()) {
            response.append_header((SET_COOKIE, line));
        }
        response.body("withdrawn")
    }

    fn with_ads(mut response: HttpResponseBuilder) -> HttpResponse {
        response.append_header((SET_COOKIE, ADS)).finish()
    }

    /// A handler's error.
    async fn error() -> Result<HttpResponse, actix_web::Error> {
        let response = with_ads(HttpResponse::InternalServerError());
        Err(InternalError::from_response("error", response).into())
    }

    async fn panics() -> HttpResponse {
        panic!("the handler fails")
    }

    /// The framework's own cookie API.
    async fn outer() -> HttpResponse {
        HttpResponse::Ok()
            .cookie(actix_web::cookie::Cookie::new("ads", "1"))
            .body("outer")
    }

    #[actix_web::test]
    async fn the_journey_through_actix() {
        through_actix(Mode::Enforce).await;
    }

    #[actix_web::test]
    async fn the_report_mode_through_actix() {
        through_actix(Mode::Report).await;
    }

    async fn through_actix(mode: Mode) {
        let (middleware, seen) = consent_check(mode);
        let app = App::new()
            .app_data(web::Data::new(STORE))
            .route("/", web::get().to(home))
            .route("/cookies/consent", web::post().to(record))
            .route("/lang", web::post().to(lang))
            .route("/leak", web::get().to(leak))
            .route("/read", web::get().to(read))
            .route("/withdraw/{order}", web::get().to(withdraw))
            .route("/error", web::get().to(error))
            .route("/early", web::get().to(error))
            .route("/panic", web::get().to(panics))
            .route("/outer", web::get().to(outer))
            // An inner middleware: its error on `/early`, and a caught
            // panic's answer.
            .wrap_fn(|request, service| {
                let early = request.path() == "/early";
                let response = (!early).then(|| service.call(request));
                async move {
                    let Some(response) = response else {
                        let response = with_ads(HttpResponse::Forbidden());
                        return Err(InternalError::from_response("early", response).into());
                    };
                    match CatchUnwind(Box::pin(response)).await {
                        Ok(response) => response,
                        Err(_) => {
                            let response = with_ads(HttpResponse::InternalServerError());
                            Err(InternalError::from_response("panic", response).into())
                        }
                    }
                }
            })
            .wrap(middleware);
        let app = init_service(app).await;
        walk(mode, seen, async |request: Request| {
            let mut builder = if request.post {
                TestRequest::post().set_payload(request.body)
            } else {
                TestRequest::get()
            };
            builder = builder.uri(request.uri);
            for (name, value) in request.headers {
                builder = builder.insert_header((name, value));
            }
            // An error is answered with its response, as actix-web's
            // server does.
            let response = match try_call_service(&app, builder.to_request()).await {
                Ok(response) => response.into_parts().1.map_into_boxed_body(),
                Err(error) => error.error_response(),
            };
            let (status, headers) = (response.status().as_u16(), response.headers().clone());
            let body = to_bytes(response.into_body()).await.unwrap();
            Response::new(status, &headers, body)
        })
        .await;
    }
}

/// poem: `ConsentMiddleware`, the extractors, and raw headers for the
/// leaks.
#[cfg(feature = "poem")]
mod poem_site {
    use super::*;
    use cookie_decl::consent::RequestCookies;
    use cookie_decl::poem::{ConsentChoice, CsrfForm, WithCookies};
    use poem::http::header::SET_COOKIE;
    use poem::http::{HeaderValue, StatusCode};
    use poem::middleware::{CatchPanic, CookieJarManager};
    use poem::test::TestClient;
    use poem::web::cookie::{Cookie, CookieJar};
    use poem::web::{Path, Redirect};
    use poem::{Endpoint, EndpointExt, IntoResponse, Route, get, handler, post};

    #[handler]
    fn home(consent: Consent<Site>, csrf: CsrfToken<Site>) -> WithCookies<String> {
        let banner = page(&consent, &csrf);
        let visits = consent.cookie(Site::VISITS, "1");
        WithCookies::new(banner).csrf(&csrf).cookie(visits)
    }

    #[handler]
    fn record(choice: ConsentChoice<Site>) -> WithCookies<Redirect> {
        match choice.record(&STORE) {
            None => WithCookies::new(Redirect::see_other("/cookies/preferences")),
            Some(recorded) => {
                WithCookies::new(Redirect::see_other(after_choice(&recorded))).recorded(&recorded)
            }
        }
    }

    #[handler]
    fn lang(form: CsrfForm<Site>) -> String {
        form.get("lang").unwrap_or_default().to_owned()
    }

    /// The README's way: `RequestCookies` over the `Cookie` headers.
    #[handler]
    fn read(request: &poem::Request) -> String {
        let cookies = RequestCookies::from_headers(request.headers().get_all("cookie"));
        let sid = cookies.value(&Site::SID);
        sid.map_or_else(|| "none".to_owned(), |value| value.into_owned())
    }

    #[handler]
    fn leak() -> poem::Response {
        let mut response = "leak".into_response();
        for line in LEAKS {
            let value = HeaderValue::from_static(line);
            response.headers_mut().append(SET_COOKIE, value);
        }
        response
    }

    #[handler]
    fn withdraw(Path(order): Path<usize>) -> poem::Response {
        let mut response = "withdrawn".into_response();
        for line in withdrawal(order) {
            let value = HeaderValue::try_from(line).unwrap();
            response.headers_mut().append(SET_COOKIE, value);
        }
        response
    }

    fn with_ads(status: StatusCode) -> poem::Response {
        poem::Response::builder()
            .status(status)
            .header(SET_COOKIE, ADS)
            .finish()
    }

    /// A handler's error.
    #[handler]
    fn error() -> poem::Result<&'static str> {
        Err(poem::Error::from_response(with_ads(
            StatusCode::INTERNAL_SERVER_ERROR,
        )))
    }

    #[handler]
    fn panics() -> &'static str {
        panic!("the handler fails")
    }

    /// poem's own cookie jar, its manager mounted outside the check.
    #[handler]
    fn outer(jar: &CookieJar) -> &'static str {
        jar.add(Cookie::new_with_str("ads", "1"));
        "outer"
    }

    #[tokio::test]
    async fn the_journey_through_poem() {
        through_poem(Mode::Enforce).await;
    }

    #[tokio::test]
    async fn the_report_mode_through_poem() {
        through_poem(Mode::Report).await;
    }

    async fn through_poem(mode: Mode) {
        let (middleware, seen) = consent_check(mode);
        let app = Route::new()
            .at("/", get(home))
            .at("/cookies/consent", post(record))
            .at("/lang", post(lang))
            .at("/leak", get(leak))
            .at("/read", get(read))
            .at("/withdraw/:order", get(withdraw))
            .at("/error", get(error))
            .at("/early", get(error))
            .at("/panic", get(panics))
            .at("/outer", get(outer))
            // Inner middlewares: an error on `/early`, and a caught
            // panic's answer.
            .around(|endpoint, request| async move {
                if request.uri().path() == "/early" {
                    return Err(poem::Error::from_response(with_ads(StatusCode::FORBIDDEN)));
                }
                endpoint
                    .call(request)
                    .await
                    .map(IntoResponse::into_response)
            })
            .with(CatchPanic::new().with_handler(|_| with_ads(StatusCode::INTERNAL_SERVER_ERROR)))
            .with(middleware)
            .with(CookieJarManager::new());
        let client = TestClient::new(app);
        walk(mode, seen, async |request: Request| {
            let mut builder = if request.post {
                client.post(request.uri).body(request.body)
            } else {
                client.get(request.uri)
            };
            for (name, value) in request.headers {
                builder = builder.header(name, value);
            }
            let response = builder.send().await.0;
            let (status, headers) = (response.status().as_u16(), response.headers().clone());
            let body = response.into_body().into_string().await.unwrap();
            Response::new(status, &headers, body)
        })
        .await;
    }
}

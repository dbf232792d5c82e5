//! The response check: [`ConsentCheck`], its request audit and its
//! judgment of every `Set-Cookie` line a response carries.

use core::fmt;
#[cfg(any(feature = "axum", feature = "poem"))]
use std::borrow::Cow;
use std::sync::Arc;

use cookie::Cookie;

use super::caching::{CacheEdit, Caching};
use super::report::{Action, OnFinding, RateLimit, Report, Seen};
use super::sending::is_header_value;

use crate::consent::audit::{audit_request_pass, audit_set_cookie, passes_as_declared, shorten};
use crate::consent::{
    Consent, ConsentCookie, ConsentRegistry, Finding, MAX_FINDINGS, RequestCookies, SeenIn,
    gpc_signal,
};

/// What [`ConsentCheck`] does with a `Set-Cookie` the declaration does not
/// allow as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Report each finding and send the response as it is: for a first
    /// deployment, to see what the application sets.
    Report,
    /// Never send a cookie the declaration does not allow as it is:
    ///
    /// - a `Set-Cookie` of an undeclared cookie, of a cookie that needs
    ///   consent the visitor has not given, of an `extern` cookie, or that
    ///   does not parse, is dropped;
    /// - a declared cookie set with other attributes (`Secure` or
    ///   `HttpOnly` missing, another `SameSite`, `Domain`, `Path` or
    ///   `Partitioned`, a `Max-Age` or `Expires` longer than declared, a
    ///   lifetime on a session cookie) is rewritten to its declaration,
    ///   its value kept; a shorter lifetime than declared is kept, as it
    ///   weakens nothing. Rewritten rather than dropped: the cookie is
    ///   declared, so the application needs it, and its declaration says
    ///   exactly how it may be sent;
    /// - a line that is not, byte for byte, the one the declaration writes
    ///   is never sent as written, even when nothing in it differs: the
    ///   declaration's line goes instead (a removal as `.removal()` writes
    ///   it, an `extern` cookie's removal with `Max-Age=0`), so that a
    ///   line a browser reads otherwise than the `cookie` crate does (a
    ///   second `Expires` or `SameSite`, a date the crate does not parse)
    ///   cannot pass as a removal or as the declared attributes.
    ///
    /// Each finding is reported, with what was done.
    Enforce,
}

/// Holds every request and response to the declaration of registry `R`
/// and the visitor's consent: axum's `ConsentLayer` (a tower layer),
/// Rocket's `ConsentFairing`, actix-web's and poem's `ConsentMiddleware`
/// are this one type, with one behaviour and the same findings:
///
/// - each **request**'s cookies are audited
///   ([`audit_request`](crate::consent::audit_request)): a cookie that
///   needs consent in the request of a visitor who has not given it was
///   set by a script before consent (or kept after a withdrawal), the
///   violation the CNIL sanctions most; undeclared, unreadable and
///   ambiguous cookies too. These are reported (a server cannot unset what
///   a browser sends);
/// - each **response**'s `Set-Cookie` headers are checked
///   ([`audit_response`](crate::consent::audit_response)), and in
///   [`Mode::Enforce`] dropped or rewritten so that nothing else in the
///   application (a session middleware inside the check, a handler written
///   by hand, the framework's cookie jar) sends a cookie nobody declared,
///   a tracker before consent, or a cookie weaker than declared. Each line
///   is judged by the consent the response leaves the visitor with: the
///   choice it records (its last `Set-Cookie` of the consent cookie,
///   wherever that line stands among the others; a removal of it reads as
///   not asked), or else the request's. The line is dropped or rewritten
///   in every response;
/// - a response whose handler read the visitor's consent or CSRF token
///   gets `Vary: Cookie` and a `private` `Cache-Control`, so that no
///   shared cache serves it to another visitor ([`Caching`]);
/// - a request whose consent cookie was sealed with one of the store's
///   previous keys ([`ConsentCookie::previous_keys`]) gets the same
///   choice sealed with the current key on its response, unless the
///   response records a choice itself.
///
/// **Every response** the check returns is checked, whatever made it: a
/// handler, an inner middleware's early answer or error (actix-web's
/// `Err(InternalError::from_response(..))`, poem's `Error::from_response`,
/// written as the framework would write it), a catcher, a panic a
/// middleware inside the check caught. What the check cannot see is what
/// is added after it: mount it **outside** every other layer that sets
/// cookies (tower-cookies, a session layer):
///
/// | framework | the check sees | mount it |
/// |---|---|---|
/// | axum | every layer inside it; axum-extra's `CookieJar` (a response part) | last `.layer(..)`, the outermost |
/// | Rocket | every fairing, attached before or after it (it attaches its response check at ignition, after them), and Rocket's `CookieJar` | anywhere |
/// | actix-web | every middleware inside it, `HttpResponse::cookie` | last `.wrap(..)`, the outermost |
/// | poem | every middleware inside it; poem's `CookieJar` wherever its `CookieJarManager` is mounted (the check manages the jar) | last `.with(..)`, the outermost |
///
/// **Bounded on hostile input**: a request's audit takes time linear in
/// its `Cookie` header; it lists at most
/// [`MAX_FINDINGS`](crate::consent::MAX_FINDINGS) findings, then one
/// [`Finding::Omitted`] counting the rest, and so does a response's
/// check. Each distinct finding is reported once until 4,096 distinct
/// ones were seen (then the memory is emptied and the count starts again),
/// so that a busy site's log is not flooded by the same tracker on every
/// page; and at most 20 reports a second reach the callback whatever the
/// traffic ([`max_reports_per_second`](ConsentCheck::max_reports_per_second)),
/// each line at most [`Report::MAX_LINE`] bytes: a client that sends new
/// cookie names on every request gets its findings counted, not logged.
///
/// The consent is read once per request, honouring its Global Privacy
/// Control signal (`Sec-GPC: 1`, [`ConsentCookie::read_with_gpc`]), and
/// left where the framework's `Consent` extractor or guard takes it: give
/// the check the application's own [`ConsentCookie`] (the same key).
/// Findings go to stderr unless [`on_finding`](ConsentCheck::on_finding)
/// says otherwise.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # use cookie_decl::declare_cookies;
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     necessary {
/// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
/// #                   max_age: 6 months, stores_consent: true }
/// #     }
/// # }
/// # #[cfg(feature = "axum")]
/// # {
/// use cookie_decl::axum::{Caching, ConsentLayer};
/// use cookie_decl::consent::ConsentCookie;
/// use cookie_decl::cookie::Key;
///
/// let layer = ConsentLayer::enforce(ConsentCookie::<Cookies>::signed(Key::generate()))
///     .caching(Caching::NoStore)
///     .on_finding(|report| eprintln!("{report}"));
/// # let _ = layer;
/// # }
/// ```
pub struct ConsentCheck<R: ConsentRegistry> {
    pub(crate) store: ConsentCookie<R>,
    mode: Mode,
    caching: Caching,
    on_finding: OnFinding,
    seen: Arc<Seen>,
    limit: Arc<RateLimit>,
    /// The key of the request's cookie jar poem's middleware manages.
    #[cfg(feature = "poem")]
    pub(crate) poem_jar_key: Option<Arc<::poem::web::cookie::CookieKey>>,
}

impl<R: ConsentRegistry> ConsentCheck<R> {
    /// Reports, drops and rewrites (see [`Mode::Enforce`]).
    pub fn enforce(store: ConsentCookie<R>) -> Self {
        Self::new(store, Mode::Enforce)
    }

    /// Only reports (see [`Mode::Report`]).
    pub fn report(store: ConsentCookie<R>) -> Self {
        Self::new(store, Mode::Report)
    }

    /// In `mode`, reading consent with `store`.
    pub fn new(store: ConsentCookie<R>, mode: Mode) -> Self {
        ConsentCheck {
            store,
            mode,
            caching: Caching::Private,
            on_finding: Arc::new(|report: &Report<'_>| {
                // A log that cannot be written (a full disk) is lost;
                // the request goes on (`eprintln!` would panic).
                use std::io::Write as _;
                let _ = writeln!(std::io::stderr(), "{report}");
            }),
            seen: Arc::new(Seen::new()),
            limit: Arc::new(RateLimit::new(RateLimit::DEFAULT_PER_SECOND)),
            #[cfg(feature = "poem")]
            poem_jar_key: None,
        }
    }

    /// Sends each finding to `f` (a logger, a metrics counter, a test's
    /// list) instead of stderr.
    #[must_use]
    pub fn on_finding(mut self, f: impl Fn(&Report<'_>) + Send + Sync + 'static) -> Self {
        self.on_finding = Arc::new(f);
        self
    }

    /// At most `limit` reports reach [`on_finding`](ConsentCheck::on_finding)
    /// in any one second (20 unless set here; `0`: none at all), whatever
    /// the traffic: a client that sends new cookie names on every request
    /// cannot flood the log. Past it, findings are still acted on
    /// (dropped, rewritten) but only counted; the next report that passes
    /// carries the count ([`Report::suppressed`]).
    #[must_use]
    pub fn max_reports_per_second(mut self, limit: u32) -> Self {
        self.limit = Arc::new(RateLimit::new(limit));
        self
    }

    /// What to do to the caching headers of a page that depends on the
    /// visitor ([`Caching::Private`] unless set here).
    #[must_use]
    pub fn caching(mut self, caching: Caching) -> Self {
        self.caching = caching;
        self
    }

    /// The caching headers a response needs, when its handler read the
    /// visitor's consent or token (`per_visitor`).
    pub(crate) fn cache_edit<'h>(
        &self,
        per_visitor: bool,
        vary: impl IntoIterator<Item = &'h [u8]>,
        cache_control: impl IntoIterator<Item = &'h [u8]>,
    ) -> CacheEdit {
        if per_visitor {
            self.caching.edit(vary, cache_control)
        } else {
            CacheEdit::default()
        }
    }

    /// Gives `finding` to the callback, unless the rate limit says no.
    fn emit(&self, finding: &Finding, action: Action, method: &str, path: &str) {
        if let Some(suppressed) = self.limit.admit() {
            (self.on_finding)(&Report {
                finding,
                action,
                method,
                path,
                suppressed,
            });
        }
    }

    /// The visitor's consent, read from the request's `Cookie` headers and
    /// its `Sec-GPC` header, and the request's cookies audited, in one pass
    /// over the header, each distinct finding reported once: a finding is
    /// hashed from the header's bytes, and made (allocated) only when it is
    /// new.
    pub(crate) fn read_request<'h, H>(
        &self,
        cookie_headers: impl IntoIterator<Item = &'h H>,
        sec_gpc: Option<&[u8]>,
        method: &str,
        path: &str,
    ) -> Consent<R>
    where
        H: AsRef<[u8]> + ?Sized + 'h,
    {
        let cookies = RequestCookies::from_headers(cookie_headers);
        let name = R::CONSENT_COOKIE.name();
        let gpc = gpc_signal(sec_gpc);
        audit_request_pass(
            &cookies,
            name,
            |found| {
                self.store
                    .read_with_gpc(RequestCookies::found(name, found), gpc)
            },
            |finding| {
                if self.seen.first_request(finding) {
                    self.emit(&finding.to_finding(), Action::Reported, method, path);
                }
            },
            |count| {
                let finding = Finding::Omitted {
                    seen_in: SeenIn::Request,
                    count,
                };
                self.emit(&finding, Action::Reported, method, path);
            },
        )
    }

    /// How a response's `Set-Cookie` header `values` are to be judged,
    /// (listed anew by each call of `values`), given the consent its
    /// request was read with: `None` when every line
    /// is a declared cookie's line as its builder wrote it (or its
    /// removal), allowed by the consent the response leaves the visitor
    /// with, and nothing is to be added: nearly always, and then there is
    /// nothing to parse, nothing to report, and the headers stay where
    /// they are. Otherwise the consent every line is judged by (see
    /// [`Judged`]), for [`check_response`](ConsentCheck::check_response).
    ///
    /// The one decision of all four integrations: each only lists its
    /// response's lines here, and sends what `check_response` returns.
    pub(crate) fn judge<'v, V, I>(
        &self,
        values: impl Fn() -> I,
        request_consent: Consent<R>,
    ) -> Option<Judged<R>>
    where
        V: AsRef<[u8]> + ?Sized + 'v,
        I: IntoIterator<Item = &'v V>,
    {
        let records = self.recorded_consent(values().into_iter());
        let consent = records.unwrap_or(request_consent);
        let as_declared = values()
            .into_iter()
            .all(|value| passes_as_declared(value.as_ref(), &consent));
        // A choice still sealed with a previous key is sealed again with
        // the current one, unless the response records a choice itself.
        let reseal = match records {
            // Nearly always not: no clock read for it.
            None if request_consent.needs_resealing() => self.store.resealed_line(&request_consent),
            _ => None,
        };
        if as_declared && reseal.is_none() {
            return None;
        }
        Some(Judged { consent, reseal })
    }

    /// The consent a response leaves the visitor with, when it sets the
    /// consent cookie: the choice of its last line of that cookie, as a
    /// browser keeps the last; not asked when that line removes it or
    /// holds no choice this store reads. `None` when no line sets it.
    fn recorded_consent<'v, V: AsRef<[u8]> + ?Sized + 'v>(
        &self,
        values: impl Iterator<Item = &'v V>,
    ) -> Option<Consent<R>> {
        let name = R::CONSENT_COOKIE.name();
        let mut last = None;
        for value in values {
            // Only a line that may be the consent cookie's is parsed.
            if !value
                .as_ref()
                .trim_ascii_start()
                .starts_with(name.as_bytes())
            {
                continue;
            }
            let Some(cookie) = core::str::from_utf8(value.as_ref())
                .ok()
                .and_then(|text| Cookie::parse(text).ok())
            else {
                continue;
            };
            if cookie.name() != name {
                continue;
            }
            let removal = cookie.value().is_empty()
                || cookie
                    .max_age()
                    .is_some_and(|age| age.is_zero() || age.is_negative());
            last = Some(if removal {
                Consent::not_asked()
            } else {
                // Read as a request would carry it: a rare path, kept exact.
                let pair = format!("{name}={}", cookie.value());
                self.store.read(pair.as_str())
            });
        }
        last
    }

    /// The `Set-Cookie` lines to send instead of `values`, a response's
    /// own in their order, judged as [`judge`](ConsentCheck::judge) says:
    /// each kept, mended or (left out) dropped, as the mode says, then
    /// the re-sealed consent cookie if any. Each distinct finding is
    /// reported once, at most [`MAX_FINDINGS`] of one response, then one
    /// [`Finding::Omitted`] counting the rest for each thing done about
    /// them (dropped, rewritten).
    pub(crate) fn check_response<V: AsRef<[u8]>>(
        &self,
        values: Vec<V>,
        judged: Judged<R>,
        method: &str,
        path: &str,
    ) -> Vec<Line<V>> {
        let consent = &judged.consent;
        let mut findings = Vec::new();
        let mut listed = 0;
        // The findings past the list, by what was done about them.
        let mut omitted: Vec<(Action, usize)> = Vec::new();
        let mut send = Vec::with_capacity(values.len() + 1);
        for value in values {
            if passes_as_declared(value.as_ref(), consent) {
                send.push(Line::Keep(value));
                continue;
            }
            findings.clear();
            let instead = match core::str::from_utf8(value.as_ref()) {
                Ok(text) => audit_set_cookie(text, consent, &mut findings),
                Err(_) => {
                    findings.push(Finding::Unparsable {
                        header: shorten(value.as_ref()),
                    });
                    None
                }
            };
            // In enforce mode a line that is not the declaration's own is
            // never sent as written, even when nothing differed as the
            // `cookie` crate reads it: the declaration's line goes instead,
            // so that no browser reads it otherwise.
            let (action, line) = match (self.mode, instead) {
                (Mode::Report, _) => (Action::Reported, Some(Line::Keep(value))),
                (Mode::Enforce, None) => (Action::Dropped, None),
                (Mode::Enforce, Some(cookie)) => {
                    let mended = cookie.to_string();
                    if is_header_value(mended.as_bytes()) {
                        (Action::Rewritten, Some(Line::Mended(mended)))
                    } else {
                        if findings.is_empty() {
                            findings.push(Finding::Unparsable {
                                header: shorten(value.as_ref()),
                            });
                        }
                        (Action::Dropped, None)
                    }
                }
            };
            // The line is dropped or mended every time; its findings are
            // reported once, as a request's are, and a response lists a
            // bounded number of them.
            for finding in &findings {
                if listed == MAX_FINDINGS {
                    match omitted.iter_mut().find(|(done, _)| *done == action) {
                        Some((_, count)) => *count += 1,
                        None => omitted.push((action, 1)),
                    }
                    continue;
                }
                listed += 1;
                if self.seen.first_response(finding, action) {
                    self.emit(finding, action, method, path);
                }
            }
            send.extend(line);
        }
        for (action, count) in omitted {
            let finding = Finding::Omitted {
                seen_in: SeenIn::Response,
                count,
            };
            self.emit(&finding, action, method, path);
        }
        send.extend(judged.reseal.map(Line::Mended));
        send
    }
}

/// How [`ConsentCheck::judge`] says a response's lines are judged.
pub(crate) struct Judged<R> {
    /// The consent every line is held to: the one the response records,
    /// wherever its line stands among the others, or the request's.
    consent: Consent<R>,
    /// The consent cookie's line to add: the request's choice, sealed
    /// again with the current key.
    reseal: Option<String>,
}

// The response check over `http`'s headers, axum's and poem's.
#[cfg(any(feature = "axum", feature = "poem"))]
impl<R: ConsentRegistry> ConsentCheck<R> {
    /// Audits the `Set-Cookie` headers of a response, dropping or
    /// rewriting in [`Mode::Enforce`] what the declaration does not allow
    /// (the headers are left where they are when every one is as
    /// declared), and applies the [`Caching`] to a response whose handler
    /// read the visitor's consent or token (`per_visitor`).
    pub(crate) fn check_http_response(
        &self,
        headers: &mut http::HeaderMap,
        request_consent: Consent<R>,
        per_visitor: bool,
        method: &str,
        path: &str,
    ) {
        use http::HeaderValue;
        use http::header::{CACHE_CONTROL, SET_COOKIE, VARY};

        let edit = self.cache_edit(
            per_visitor,
            headers.get_all(VARY).iter().map(HeaderValue::as_bytes),
            headers
                .get_all(CACHE_CONTROL)
                .iter()
                .map(HeaderValue::as_bytes),
        );
        if edit.vary_cookie {
            headers.append(VARY, HeaderValue::from_static("Cookie"));
        }
        // `private` or `no-store` alone (the usual case: the response has
        // no `Cache-Control`) without allocating.
        if let Some(value) = edit.cache_control.and_then(|v| match v {
            Cow::Borrowed(v) => Some(HeaderValue::from_static(v)),
            Cow::Owned(v) => HeaderValue::try_from(v).ok(),
        }) {
            headers.insert(CACHE_CONTROL, value);
        }
        let Some(judged) = self.judge(|| headers.get_all(SET_COOKIE), request_consent) else {
            return;
        };
        let values: Vec<HeaderValue> = match headers.entry(SET_COOKIE) {
            http::header::Entry::Occupied(entry) => entry.remove_entry_mult().1.collect(),
            http::header::Entry::Vacant(_) => Vec::new(),
        };
        for line in self.check_response(values, judged, method, path) {
            let value = match line {
                Line::Keep(value) => value,
                Line::Mended(line) => match HeaderValue::try_from(line) {
                    Ok(value) => value,
                    Err(_) => continue,
                },
            };
            headers.append(SET_COOKIE, value);
        }
    }
}

/// One `Set-Cookie` line [`ConsentCheck::check_response`] lets out.
#[derive(Debug)]
pub(crate) enum Line<V> {
    /// The response's own.
    Keep(V),
    /// The declaration's, in its place: always a valid header value.
    Mended(String),
}

impl<R: ConsentRegistry> Clone for ConsentCheck<R> {
    fn clone(&self) -> Self {
        ConsentCheck {
            store: self.store.clone(),
            mode: self.mode,
            caching: self.caching,
            on_finding: Arc::clone(&self.on_finding),
            seen: Arc::clone(&self.seen),
            limit: Arc::clone(&self.limit),
            #[cfg(feature = "poem")]
            poem_jar_key: self.poem_jar_key.clone(),
        }
    }
}

impl<R: ConsentRegistry> fmt::Debug for ConsentCheck<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConsentCheck")
            .field("store", &self.store)
            .field("mode", &self.mode)
            .field("caching", &self.caching)
            .finish_non_exhaustive()
    }
}

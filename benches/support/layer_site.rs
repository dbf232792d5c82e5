//! The app and the traffic of `benches/layer.rs`, which
//! `benches/instructions.rs` runs too, for callgrind: the same axum app
//! with and without `ConsentLayer::enforce`, the 4,096 `Cookie` headers
//! it is sent, and a poll for a `Router` called in process. The bench
//! declares `mod consent_site` and `mod support` beside this module.
#![allow(dead_code)]

use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::task::{Context, Poll, Waker};
use std::time::SystemTime;

use axum::Router;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use cookie_decl::axum::{ConsentLayer, SetCookies};
use cookie_decl::consent::{CategorySet, Consent, ConsentCookie, RecordId};

pub use crate::consent_site::Site as Cookies;
use crate::support::{self, Rng};

/// Findings the layer reported. The traffic has some (request cookies
/// that are undeclared, or need consent the visitor has not given), but
/// never in a response: every `Set-Cookie` comes from the declaration,
/// through the gate. The layer reports each distinct request finding once
/// (until 4,096 distinct ones were seen), and this traffic has fewer than
/// that: once the servers are checked, nothing is reported any more.
pub static FINDINGS: AtomicUsize = AtomicUsize::new(0);

/// The layer under test, in one place. Its findings are counted, not
/// written to stderr (the default), which is not what this measures. If
/// `ConsentLayer::on_finding`'s signature changes, only this closure needs
/// adapting.
pub fn consent_layer(store: ConsentCookie<Cookies>) -> ConsentLayer<Cookies> {
    ConsentLayer::enforce(store).on_finding(|_| {
        FINDINGS.fetch_add(1, Ordering::Relaxed);
    })
}

/// Distinct request headers.
pub const HEADERS: usize = 4096;

/// Google Analytics 4 measurement ids (`_ga_<id>`).
const GA_IDS: [&str; 12] = [
    "X3K9PQ2L7M",
    "B7W2ZC4N1T",
    "Q8R5TY3HJD",
    "M4N6V8C2XZ",
    "L1K2J3H4G5",
    "P0O9I8U7Y6",
    "A1S2D3F4G5",
    "Z9X8C7V6B5",
    "T5R4E3W2Q1",
    "H6J7K8L9M0",
    "N2B4V6C8X0",
    "F3G5H7J9K1",
];

/// Undeclared names near declared ones.
const NEAR: [&str; 8] = [
    "visit",
    "visitss",
    "layout_v3",
    "lang_",
    "ad_v",
    "audiences",
    "csrf_token",
    "session",
];

pub const PAGE: &str = "<!doctype html>\n<html lang=\"fr\"><head><title>Données ouvertes</title></head>\
<body><h1>Données ouvertes</h1><p>Bienvenue sur le portail.</p></body></html>\n";

static SESSIONS: AtomicU64 = AtomicU64::new(0);

/// `GET /`: the same on both servers.
pub async fn home(consent: Consent<Cookies>) -> Response {
    let session = SESSIONS.fetch_add(1, Ordering::Relaxed);
    let mut cookies = vec![Cookies::SESSIONID.cookie(format!("s{session:016x}"))];
    cookies.extend(consent.cookie(Cookies::VISITS, "1"));
    (SetCookies(cookies), Html(PAGE)).into_response()
}

/// The app; with the layer or without, all else equal. The extractor reads
/// the store from the state (`FromRef` of the state itself).
pub fn app(store: &ConsentCookie<Cookies>, layer: bool) -> Router {
    let router = Router::new().route("/", get(home));
    let router = if layer {
        router.layer(consent_layer(store.clone()))
    } else {
        router
    };
    router.with_state(store.clone())
}

/// What a visitor sends.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Visitor {
    NotChosen,
    AcceptedAll,
    Refused,
}

/// Visitor `n`: 35 % have not chosen, 45 % accepted all, 20 % refused;
/// with their consent cookie, a real one (`ConsentCookie::record_at`, at
/// `now`, a seeded record id) as its `name=value` pair (`.stripped()`),
/// when they chose.
fn visitor(
    rng: &mut Rng,
    store: &ConsentCookie<Cookies>,
    n: usize,
    now: SystemTime,
) -> (Visitor, Option<String>) {
    let visitor = match rng.below(20) {
        0..7 => Visitor::NotChosen,
        7..16 => Visitor::AcceptedAll,
        _ => Visitor::Refused,
    };
    let granted = match visitor {
        Visitor::NotChosen => return (visitor, None),
        Visitor::AcceptedAll => CategorySet::ALL,
        Visitor::Refused => CategorySet::NONE,
    };
    let mut id = [0; 16];
    id[..8].copy_from_slice(&rng.next().to_be_bytes());
    id[8..].copy_from_slice(&(n as u64).to_be_bytes());
    let recorded = store.record_at("", granted, now, RecordId::from_bytes(id));
    let pair = recorded.set_cookies()[0].stripped().to_string();
    (visitor, Some(pair))
}

/// 4,096 `Cookie` headers of 5 to 50 cookies each, in a shuffled order
/// within each header: 35 % of visitors have not chosen, 45 % accepted
/// all, 20 % refused. The consent cookie is a real one
/// (`ConsentCookie::record_at`, now, a seeded record id), sent as its
/// `name=value` pair (`.stripped()`).
pub fn headers(rng: &mut Rng, store: &ConsentCookie<Cookies>) -> Vec<(Visitor, String)> {
    let now = SystemTime::now();
    (0..HEADERS)
        .map(|n| {
            let (visitor, consent) = visitor(rng, store, n, now);
            let count = 5 + rng.below(46);
            let mut pairs: Vec<String> = Vec::with_capacity(count);
            let mut names = std::collections::HashSet::new();
            let mut push = |pairs: &mut Vec<String>, name: String, value: String| {
                if pairs.len() < count && names.insert(name.clone()) {
                    pairs.push(format!("{name}={value}"));
                }
            };
            if let Some(pair) = consent {
                let (name, value) = pair.split_once('=').expect("name=value");
                push(&mut pairs, name.to_owned(), value.to_owned());
            }
            if rng.below(10) < 7 {
                let value = support::values(rng, 1, 32)[0];
                push(&mut pairs, "sessionid".to_owned(), value.to_owned());
            }
            if rng.below(2) == 0 {
                push(
                    &mut pairs,
                    "csrftoken".to_owned(),
                    format!("t{:016x}", rng.next()),
                );
            }
            if visitor == Visitor::AcceptedAll {
                push(
                    &mut pairs,
                    "visits".to_owned(),
                    format!("{}", rng.below(500)),
                );
                push(&mut pairs, "lang".to_owned(), "fr".to_owned());
                if rng.below(2) == 0 {
                    push(
                        &mut pairs,
                        "ad_v1".to_owned(),
                        format!("c{}", rng.below(1000)),
                    );
                }
            }
            // A few undeclared cookies (a framework's, a CDN's).
            for _ in 0..rng.below(3) {
                let name = ["tower.sid", "cf_clearance", "theme", "PHPSESSID"][rng.below(4)];
                push(
                    &mut pairs,
                    name.to_owned(),
                    format!("u{}", rng.next() % 100_000),
                );
            }
            // The rest: `_ga_` cookies of the extern pattern (a site's
            // and its subdomains' measurement ids) and names near the
            // declared ones.
            while pairs.len() < count {
                let i = rng.below(20);
                let (name, value) = match rng.below(8) {
                    0..4 => (
                        format!("_ga_{}", GA_IDS[rng.below(GA_IDS.len())]),
                        format!("GS1.1.{}.1.0", rng.next() % 10_000_000_000),
                    ),
                    4 => (format!("consent_{i}"), format!("{n}")),
                    5 => (format!("consen{i}"), format!("x{n}")),
                    6 => (format!("sessionid_{i}"), format!("v{n}")),
                    _ => (NEAR[rng.below(NEAR.len())].to_owned(), format!("p{i}")),
                };
                push(&mut pairs, name, value);
            }
            rng.shuffle(&mut pairs);
            (visitor, pairs.join("; "))
        })
        .collect()
}

/// 4,096 `Cookie` headers as a site whose declaration holds sends them:
/// the same visitors as [`headers`] (35 % not chosen, 45 % accepted all,
/// 20 % refused), but only what the site and its visitor's choice set,
/// 2 to 8 cookies (the consent cookie, a session for 70 %, a CSRF cookie
/// for half; for a yes, `visits`, `lang`, the site's own `_ga_<id>`, and
/// `ad_v1` for half), and one visitor in ten carrying one undeclared cookie
/// (a CDN's `cf_clearance`, a value of its own): few findings, each
/// reported once.
pub fn compliant_headers(rng: &mut Rng, store: &ConsentCookie<Cookies>) -> Vec<(Visitor, String)> {
    let now = SystemTime::now();
    (0..HEADERS)
        .map(|n| {
            let (visitor, consent) = visitor(rng, store, n, now);
            let mut pairs: Vec<String> = consent.into_iter().collect();
            if rng.below(10) < 7 {
                let value = support::values(rng, 1, 32)[0];
                pairs.push(format!("sessionid={value}"));
            }
            if rng.below(2) == 0 {
                pairs.push(format!("csrftoken=t{:016x}", rng.next()));
            }
            if visitor == Visitor::AcceptedAll {
                pairs.push(format!("visits={}", rng.below(500)));
                pairs.push("lang=fr".to_owned());
                pairs.push(format!(
                    "_ga_{}=GS1.1.{}.1.0",
                    GA_IDS[0],
                    rng.next() % 10_000_000_000
                ));
                if rng.below(2) == 0 {
                    pairs.push(format!("ad_v1=c{}", rng.below(1000)));
                }
            }
            if rng.below(10) == 0 {
                pairs.push(format!("cf_clearance=u{}", rng.next() % 100_000));
            }
            rng.shuffle(&mut pairs);
            (visitor, pairs.join("; "))
        })
        .collect()
}

/// Polls a future that never waits (a `Router` answering in process).
pub fn ready<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1000 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
    panic!("the router waited for something");
}

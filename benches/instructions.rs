//! Instruction counts of the run-time benchmarks' work, which machine load
//! does not change: a cross-check for the wall-clock figures of a shared
//! machine. Run under callgrind, counting only inside `measure`:
//!
//! ```sh
//! cargo bench --bench instructions --no-run
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     --collect-atstart=no --toggle-collect='instructions::measure*' \
//!     target/release/deps/instructions-<hash> <case>
//! ```
//!
//! `<case>` is one of the names `main` prints without an argument; each
//! runs one side over the same inputs as `benches/lookup.rs` (8,192 mixed
//! queries) or `benches/cookie.rs` (4,096 values of 8 to 64 bytes), so the
//! count divided by the number of inputs (printed) is instructions per
//! lookup or per cookie. `layer` and `plain` call the app of
//! `benches/layer.rs` in process (`Router::call`), with and without
//! `ConsentLayer::enforce`, once for each of 16,384 requests of its traffic
//! (every header sent once before, so that what the layer reports is
//! reported): their difference is the layer's work per request, which the
//! wall clock of a shared machine measures poorly; `layer-compliant` and
//! `plain-compliant` the same on a compliant site's traffic. `set_cookie` and
//! `bare_line` build the `Set-Cookie` line of `cookie.rs`' values, through
//! the precomputed attributes and through the bare chain's `to_string`.
//! `bare_written_line` is the bare chain's cookie written as the framework
//! integrations write a cookie they did not build (without `fmt`);
//! `removal_line` and `removal_to_string` the removal's line, from the
//! precomputed attributes and through `to_string`.
//! `consent-read`, `hand-read`, `audit` and `hand-audit` are the two sides
//! of `benches/consent.rs`, on its inputs in the same order (the headers
//! or responses drawn four times each). `audit-request` and
//! `hand-audit-request` audit those headers, in the order of
//! `consent-read`, each with the consent it reads as.

use std::collections::HashMap;
use std::hint::black_box;

use axum::Router;
use axum::body::Body;
use axum::http::header::COOKIE;
use axum::http::{HeaderValue, Request};
use cookie_decl::consent::ConsentCookie;
use cookie_decl::{CookieSpec, CookieValue, Registry};
use tower::Service;

#[path = "registries/c1000.rs"]
mod c1000;
#[path = "support/consent_site.rs"]
mod consent_site;
#[path = "support/consent_work.rs"]
mod consent_work;
#[path = "support/layer_site.rs"]
mod layer_site;
#[path = "registries/r1000.rs"]
mod r1000;
mod support;

use c1000::Near1000;
use support::{Rng, bare, careful};

/// 8,192 queries, half declared names, half one byte off one, in a
/// pseudo-random order.
fn queries<R: Registry>() -> Vec<String> {
    let mut rng = Rng(0x6265_2026);
    let names: Vec<&str> = R::COOKIES.iter().map(CookieSpec::name).collect();
    (0..8192)
        .map(|i| {
            let name = names[rng.below(names.len())];
            if i % 2 == 0 {
                return name.to_owned();
            }
            let mut bytes = name.as_bytes().to_vec();
            let at = rng.below(bytes.len());
            bytes[at] = b'#';
            String::from_utf8(bytes).expect("ASCII")
        })
        .collect()
}

/// Runs `f` on every input; the only function callgrind counts in.
#[inline(never)]
fn measure<T, R>(inputs: &[T], f: impl Fn(&T) -> R) {
    for input in inputs {
        black_box(f(black_box(input)));
    }
}

fn lookup<R: Registry>(decl: bool) -> usize {
    let queries = queries::<R>();
    let map: HashMap<&'static str, usize> = R::COOKIES
        .iter()
        .enumerate()
        .map(|(i, spec)| (spec.name(), i))
        .collect();
    if decl {
        measure(&queries, |name| R::get(name));
    } else {
        measure(&queries, |name| map.get(name.as_str()).copied());
    }
    queries.len()
}

/// The app of `benches/layer.rs` called in process on its traffic (the
/// heavy one, or a compliant site's), with the layer or without.
fn router(layer: bool, compliant: bool) -> usize {
    let store = ConsentCookie::<layer_site::Cookies>::unsigned();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let headers = if compliant {
        layer_site::compliant_headers(&mut rng, &store)
    } else {
        layer_site::headers(&mut rng, &store)
    };
    let values: Vec<HeaderValue> = headers
        .iter()
        .map(|(_, header)| HeaderValue::from_str(header).expect("header value"))
        .collect();
    let order: Vec<usize> = (0..layer_site::HEADERS * 4)
        .map(|_| rng.below(layer_site::HEADERS))
        .collect();
    let mut app = layer_site::app(&store, layer);
    let call = |router: &mut Router, value: &HeaderValue| {
        let request = Request::get("/")
            .header(COOKIE, value.clone())
            .body(Body::empty())
            .expect("request");
        let response = layer_site::ready(router.call(request)).expect("infallible");
        response.headers().len()
    };
    for value in &values {
        call(&mut app, value);
    }
    let requests: Vec<&HeaderValue> = order.iter().map(|&i| &values[i]).collect();
    let app = std::cell::RefCell::new(app);
    measure(&requests, |value| call(&mut app.borrow_mut(), value));
    requests.len()
}

/// The work of `benches/consent.rs`, on its inputs and in the same
/// seeded order (four times the distinct inputs): the library's side or
/// the hand-written twin's.
fn consent_case(case: &str) -> usize {
    use consent_site::Site;
    use cookie_decl::Category;
    use cookie_decl::consent::{self, CategorySet, RecordId};
    use std::time::UNIX_EPOCH;

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let headers = consent_work::headers(&mut rng);
    let now = consent_work::now();
    let now_secs = now
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    let indices: Vec<usize> = (0..consent_work::HEADERS * 4)
        .map(|_| rng.below(consent_work::HEADERS))
        .collect();
    let order: Vec<&str> = indices.iter().map(|&i| headers[i].as_str()).collect();
    match case {
        "consent-read" => {
            measure(&order, |header| {
                consent_work::STORE.read_at(*header, now).granted()
            });
            return order.len();
        }
        "hand-read" => {
            measure(&order, |header| consent_work::hand_read(header, now_secs));
            return order.len();
        }
        "audit-request" | "hand-audit-request" => {
            let consents: Vec<_> = headers
                .iter()
                .map(|header| consent_work::STORE.read_at(header.as_str(), now))
                .collect();
            let requests: Vec<(&str, _)> = indices
                .iter()
                .map(|&i| (headers[i].as_str(), consents[i]))
                .collect();
            if case == "audit-request" {
                measure(&requests, |(header, consent)| {
                    consent::audit_request(*header, consent).len()
                });
            } else {
                let declared = consent_work::HandDeclared::new(Site::COOKIES);
                measure(&requests, |(header, consent)| {
                    consent_work::hand_audit_request(header, &declared, consent.granted())
                });
            }
            return requests.len();
        }
        _ => {}
    }
    let responses = consent_work::responses(&mut rng);
    let declared: HashMap<&str, &CookieSpec> = Site::COOKIES
        .iter()
        .map(|spec| (spec.name(), spec))
        .collect();
    let granted = CategorySet::from(Category::Statistics);
    let consent = *consent_work::STORE
        .record_at("", granted, now, RecordId::from_bytes([1; 16]))
        .consent();
    let order: Vec<&Vec<String>> = (0..consent_work::RESPONSES * 4)
        .map(|_| &responses[rng.below(consent_work::RESPONSES)])
        .collect();
    if case == "audit" {
        measure(&order, |lines| {
            consent::audit_response(*lines, &consent).len()
        });
    } else {
        measure(&order, |lines| {
            consent_work::hand_audit(lines, &declared, granted)
        });
    }
    order.len()
}

fn main() {
    let case = std::env::args().nth(1).unwrap_or_default();
    let values = support::values(&mut Rng(0x6265_4096), 4096, 0);
    let count = match case.as_str() {
        "get-c1000" => lookup::<Near1000>(true),
        "hashmap-c1000" => lookup::<Near1000>(false),
        "get-r1000" => lookup::<r1000::Registry1000>(true),
        "hashmap-r1000" => lookup::<r1000::Registry1000>(false),
        "cookie" => {
            measure(&values, |&v| Near1000::C0500.cookie(v));
            values.len()
        }
        "try_cookie" => {
            measure(&values, |&v| Near1000::C0500.try_cookie(v));
            values.len()
        }
        "cookie_checked" => {
            let checked: Vec<CookieValue> = values
                .iter()
                .map(|&v| CookieValue::new(v).expect("plain"))
                .collect();
            measure(&checked, |v| Near1000::C0500.cookie_checked(v.clone()));
            values.len()
        }
        "careful" => {
            measure(&values, |&v| careful(v));
            values.len()
        }
        "bare" => {
            measure(&values, |&v| bare(v));
            values.len()
        }
        "set_cookie" => {
            measure(&values, |&v| Near1000::C0500.set_cookie(v));
            values.len()
        }
        "bare_line" => {
            measure(&values, |&v| bare(v).to_string());
            values.len()
        }
        "bare_written_line" => {
            measure(&values, |&v| {
                cookie_decl::__private::set_cookie_line(&bare(v))
            });
            values.len()
        }
        "removal_line" => {
            measure(&values, |_| {
                cookie_decl::__private::removal_line(&Near1000::C0500)
            });
            values.len()
        }
        "removal_to_string" => {
            measure(&values, |_| Near1000::C0500.removal().to_string());
            values.len()
        }
        "consent-read" | "hand-read" | "audit" | "hand-audit" | "audit-request"
        | "hand-audit-request" => consent_case(&case),
        "layer" => router(true, false),
        "plain" => router(false, false),
        "layer-compliant" => router(true, true),
        "plain-compliant" => router(false, true),
        _ => {
            eprintln!(
                "cases: get-c1000 hashmap-c1000 get-r1000 hashmap-r1000 \
                 cookie try_cookie cookie_checked careful bare set_cookie bare_line \
                 bare_written_line removal_line removal_to_string \
                 consent-read hand-read audit hand-audit audit-request hand-audit-request \
                 layer plain layer-compliant plain-compliant"
            );
            return;
        }
    };
    println!("{case}: {count} inputs");
}

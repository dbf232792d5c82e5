//! Consent on real traffic, beside the plainest hand-written code that does
//! the same work:
//!
//! - reading a visitor's consent from a 50-cookie `Cookie` header
//!   (`ConsentCookie::read_at`) against `split("; ")`, a prefix match and
//!   `str::parse` of the same value, with the same checks (every pair read
//!   for a second consent cookie, version, categories, record id,
//!   fingerprint, checksum, age);
//! - auditing a response's `Set-Cookie` headers (`consent::audit_response`)
//!   against `Cookie::parse`, a `HashMap` of the declared attributes and a
//!   field-by-field comparison;
//! - auditing the request's 50-cookie header (`consent::audit_request`,
//!   with the consent the header reads as) against `split(';')`, `trim`,
//!   `split_once('=')`, a `HashMap` of the declared names and a glob of
//!   the declared patterns, the same byte rule for pairs and a list of the
//!   declared pairs seen, for a name sent with two values.
//!
//! Inputs come in a long pseudo-random order (4,096 distinct headers, 1,024
//! distinct responses), so that no branch predictor learns them: the
//! consent cookie anywhere in the header or absent, valid, expired,
//! malformed or edited; responses mixing declared, undeclared,
//! unconsented and mis-attributed cookies, with near-identical names.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::UNIX_EPOCH;

use cookie_decl::consent::{self, CategorySet, Consent, RecordId};
use cookie_decl::{Category, CookieSpec};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod support;

use support::Rng;

#[path = "support/consent_site.rs"]
mod consent_site;

use consent_site::Site;

#[path = "support/consent_work.rs"]
mod consent_work;

use consent_work::{
    HEADERS, HandDeclared, RESPONSES, STORE, hand_audit, hand_audit_request, hand_read, headers,
    now, responses,
};

fn bench(c: &mut Criterion) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let headers = headers(&mut rng);
    let now_secs = now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    // Both sides answer the same for every input.
    let mut given = 0;
    for header in &headers {
        let consent = STORE.read_at(header.as_str(), now());
        let hand = hand_read(header, now_secs);
        assert_eq!(
            consent.is_given().then(|| consent.granted()),
            hand.map(|mask| {
                CategorySet::CHOOSABLE
                    .into_iter()
                    .enumerate()
                    .filter(|(bit, _)| mask & (1 << bit) != 0)
                    .map(|(_, category)| category)
                    .collect()
            }),
            "{header}"
        );
        given += usize::from(consent.is_given());
    }
    assert!(given > HEADERS / 2 && given < HEADERS, "{given}");
    let header_order: Vec<usize> = (0..HEADERS * 4).map(|_| rng.below(HEADERS)).collect();
    let order = &header_order;

    let mut group = c.benchmark_group("consent read (50-cookie header)");
    group.throughput(Throughput::Elements(1));
    group.bench_function("cookie_decl read_at", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % order.len();
            STORE
                .read_at(black_box(headers[order[i]].as_str()), now())
                .granted()
        });
    });
    group.bench_function("hand split/parse", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % order.len();
            hand_read(black_box(&headers[order[i]]), now_secs)
        });
    });
    group.finish();

    let responses = responses(&mut rng);
    let declared: HashMap<&str, &CookieSpec> = Site::COOKIES
        .iter()
        .map(|spec| (spec.name(), spec))
        .collect();
    let granted = CategorySet::from(Category::Statistics);
    let consent: Consent<Site> = *STORE
        .record_at("", granted, now(), RecordId::from_bytes([1; 16]))
        .consent();
    for lines in &responses {
        assert_eq!(
            consent::audit_response(lines, &consent).len(),
            hand_audit(lines, &declared, granted),
            "{lines:?}"
        );
    }
    let order: Vec<usize> = (0..RESPONSES * 4).map(|_| rng.below(RESPONSES)).collect();
    let mut group = c.benchmark_group("audit response (1 to 8 Set-Cookie)");
    group.throughput(Throughput::Elements(1));
    group.bench_function("cookie_decl audit_response", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % order.len();
            consent::audit_response(black_box(&responses[order[i]]), &consent).len()
        });
    });
    group.bench_function("hand parse/HashMap/compare", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % order.len();
            hand_audit(black_box(&responses[order[i]]), &declared, granted)
        });
    });
    group.finish();

    // Each header audited with the consent it reads as, in the order of
    // the consent read.
    let consents: Vec<Consent<Site>> = headers
        .iter()
        .map(|header| STORE.read_at(header.as_str(), now()))
        .collect();
    let hand_declared = HandDeclared::new(Site::COOKIES);
    let mut findings = 0;
    for (header, consent) in headers.iter().zip(&consents) {
        let found = consent::audit_request(header.as_str(), consent).len();
        assert_eq!(
            found,
            hand_audit_request(header, &hand_declared, consent.granted()),
            "{header}"
        );
        findings += found;
    }
    assert!(findings > HEADERS * 30, "{findings}");
    // Pairs the generated headers never hold: the same decisions too.
    for header in [
        "a=\u{e9}; b\u{e9}=1; lang=\"fr\"; =x; bare; sessionid=1;;  ",
        "x\u{1}=1; lang=en\t; _ga_A=1; _ga_A=2; _ga_=3; lang=fr; lang=de; visits=a b",
        "ad_v1=1; ad_v1=1; ad_v2=\"\"; consent_=1; c o=1; \t ; visits=\u{7f}",
    ] {
        let consent = STORE.read_at(header, now());
        assert_eq!(
            consent::audit_request(header, &consent).len(),
            hand_audit_request(header, &hand_declared, consent.granted()),
            "{header:?}"
        );
    }
    let order = &header_order;
    let mut group = c.benchmark_group("audit request (50-cookie header)");
    group.throughput(Throughput::Elements(1));
    group.bench_function("cookie_decl audit_request", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % order.len();
            consent::audit_request(black_box(headers[order[i]].as_str()), &consents[order[i]]).len()
        });
    });
    group.bench_function("hand split/HashMap/glob", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % order.len();
            hand_audit_request(
                black_box(&headers[order[i]]),
                &hand_declared,
                consents[order[i]].granted(),
            )
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! The worst shapes of client input, each beside an ordinary input of the
//! same size: that every reader of a request runs in time linear in what
//! the client sent, whatever its shape. hyper accepts request headers of
//! some 400 kB by default, so each header here is of that size:
//!
//! - an ordinary header: realistic pairs, declared and undeclared (a
//!   session, the consent cookie, `_ga_*` names, a language, trackers the
//!   site does not declare), in a pseudo-random order, repeated up to the
//!   size;
//! - one declared pair repeated (`sessionid=1`, 400 kB);
//! - 23 `_ga_*` names, then a 24th repeated (400 kB): the most
//!   comparisons a pair costs while the declared names seen fit the list
//!   on the stack;
//! - 20,000 names of the `_ga_*` pattern, each sent twice with two values
//!   (760 kB, beside an ordinary header of 760 kB);
//! - 40,000 distinct undeclared names (480 kB, beside an ordinary header
//!   of 480 kB);
//!
//! each read for the consent (`ConsentCookie::read_at`) and audited
//! (`consent::audit_request`, with the consent it reads as); and a consent
//! form body of 400 kB, one field repeated (`category=statistics`),
//! beside an ordinary form of 400 kB of distinct fields
//! (`ConsentForm::parse`); and an `Accept-Language` header of 400 kB, one
//! published language's range repeated with every quality, beside
//! browsers' ordinary ranges of every language repeated to the size
//! (`Lang::negotiate`).
//!
//! Throughput is in bytes: the rows of one group compare directly, and a
//! worst shape close to its ordinary twin is linear. Short runs (10
//! samples) keep `cargo bench --bench hostile` under two minutes; the
//! quadratic paths this guards against took seconds a request.

use std::hint::black_box;

use cookie_decl::consent::{self, CategorySet, ConsentForm, RecordId};
use cookie_decl::{Category, Lang};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod support;

use support::Rng;

#[path = "support/consent_site.rs"]
mod consent_site;

#[path = "support/consent_work.rs"]
mod consent_work;

use consent_work::{STORE, now};

/// The `consent=...` pair of a visitor who granted statistics.
fn consent_pair() -> String {
    let recorded = STORE.record_at(
        "",
        CategorySet::from(Category::Statistics),
        now(),
        RecordId::from_bytes([7; 16]),
    );
    format!("consent={}", recorded.set_cookies()[0].value())
}

/// A header of `size` bytes (to a pair) of realistic pairs, each name with
/// one value, in a pseudo-random order, the consent cookie among them.
fn ordinary(rng: &mut Rng, size: usize) -> String {
    let consent = consent_pair();
    let mut pairs: Vec<String> = vec![
        "sessionid=c2Vzc2lvbi0xMjM0NTY3ODkw".to_owned(),
        "csrftoken=5f0c1a9e2b7d4c3a8e6f1b0d9c2a7e4f".to_owned(),
        "lang=fr".to_owned(),
        "layout_v1=wide".to_owned(),
        "visits=17".to_owned(),
        "audience=a1b2c3".to_owned(),
        "ad_v1=cmp-42".to_owned(),
        "theme=dark".to_owned(),
        "_fbp=fb.1.1795600800.123456789".to_owned(),
        "_gid=GA1.2.1234567890.1795600800".to_owned(),
        "cart=3f2a".to_owned(),
        "ab_test=variant-b".to_owned(),
        "cf_clearance=Zm9vYmFyYmF6cXV4".to_owned(),
        "__stripe_mid=7e1f0b2c-5d4a-4e3b".to_owned(),
    ];
    for n in 0..3 {
        pairs.push(format!(
            "_ga_{:06X}=GS1.1.1795600800.{n}.1.1795600900.0.0.0",
            rng.next() % 0xFF_FFFF
        ));
    }
    for n in 0..24 {
        pairs.push(format!("pref_{n:02}=v{}", rng.below(1000)));
    }
    let mut header = String::with_capacity(size + 128);
    let mut placed = false;
    while header.len() < size {
        rng.shuffle(&mut pairs);
        for pair in &pairs {
            header.push_str(pair);
            header.push_str("; ");
        }
        if !placed && header.len() >= size / 2 {
            header.push_str(&consent);
            header.push_str("; ");
            placed = true;
        }
    }
    header
}

/// `sessionid=1` repeated to 400 kB (30,000 times), the consent cookie in
/// the middle: the shortest declared pair, the most pairs.
fn one_pair_repeated() -> String {
    let pair = "sessionid=1; ";
    let half = pair.repeat(200_000 / pair.len());
    format!("{half}{}; {half}", consent_pair())
}

/// 23 `_ga_*` names, then a 24th repeated to 400 kB: each of its pairs
/// compared with the 23 names before it.
fn last_of_many_names_repeated() -> String {
    let mut header = String::with_capacity(410_000);
    for n in 0..23 {
        header.push_str(&format!("_ga_{n:06}=GS1.1.{n}; "));
    }
    header.push_str(&consent_pair());
    header.push_str("; ");
    let pair = "_ga_XXXXXX=1; ";
    header.push_str(&pair.repeat((400_000 - header.len()) / pair.len()));
    header
}

/// 20,000 `_ga_*` names, each sent twice with two values (760 kB).
fn pattern_names_twice() -> String {
    let mut header = String::with_capacity(780_000);
    for n in 0..20_000 {
        if n == 10_000 {
            header.push_str(&consent_pair());
            header.push_str("; ");
        }
        header.push_str(&format!("_ga_X{n:06}=GS1.a; _ga_X{n:06}=GS1.b; "));
    }
    header
}

/// 40,000 distinct names no declaration knows (480 kB).
fn undeclared_names() -> String {
    let mut header = String::with_capacity(480_000);
    for n in 0..40_000 {
        if n == 20_000 {
            header.push_str(&consent_pair());
            header.push_str("; ");
        }
        header.push_str(&format!("t{n:05}=v{:02}; ", n % 100));
    }
    header
}

fn bench(c: &mut Criterion) {
    let mut rng = Rng(0x0068_6f73_7469_6c65);
    let worst = [
        ("one declared pair repeated", one_pair_repeated()),
        ("24th declared name repeated", last_of_many_names_repeated()),
        ("40,000 undeclared names", undeclared_names()),
        ("20,000 pattern names twice", pattern_names_twice()),
    ];
    for (shape, header) in &worst {
        let ordinary = ordinary(&mut rng, header.len());
        // Both read as the same consent, the visitor's.
        for header in [header.as_str(), ordinary.as_str()] {
            let consent = STORE.read_at(header, now());
            assert!(consent.allows(Category::Statistics), "{shape}");
        }
        let mut group = c.benchmark_group(format!(
            "hostile request ({shape}, {} kB)",
            header.len() / 1000
        ));
        group.sample_size(10);
        group.warm_up_time(std::time::Duration::from_millis(500));
        group.measurement_time(std::time::Duration::from_secs(2));
        group.throughput(Throughput::Bytes(header.len() as u64));
        for (side, header) in [("ordinary", &ordinary), ("worst", header)] {
            group.bench_function(format!("read_at {side}"), |b| {
                b.iter(|| STORE.read_at(black_box(header.as_str()), now()).granted());
            });
            let consent = STORE.read_at(header.as_str(), now());
            let findings = consent::audit_request(header.as_str(), &consent);
            assert!(findings.len() <= consent::MAX_FINDINGS + 1, "{shape}");
            group.bench_function(format!("audit_request {side}"), |b| {
                b.iter(|| consent::audit_request(black_box(header.as_str()), &consent).len());
            });
        }
        group.finish();
    }

    // A consent form of 400 kB: one box ticked 20,000 times, beside a form
    // of as many bytes of distinct fields.
    let tail = "csrf_token=5f0c1a9e2b7d4c3a8e6f1b0d9c2a7e4f&consent=save";
    let repeated = format!("{}{tail}", "category=statistics&".repeat(20_000));
    let mut ordinary = String::with_capacity(repeated.len() + 64);
    let mut n = 0;
    while ordinary.len() + tail.len() < repeated.len() {
        ordinary.push_str(&format!("field_{n}=value+{}%21&", rng.below(1000)));
        n += 1;
    }
    ordinary.push_str(tail);
    for body in [&repeated, &ordinary] {
        assert!(ConsentForm::parse(body).is_ok());
    }
    let mut group = c.benchmark_group(format!("hostile form ({} kB)", repeated.len() / 1000));
    group.sample_size(10);
    group.warm_up_time(std::time::Duration::from_millis(500));
    group.measurement_time(std::time::Duration::from_secs(2));
    group.throughput(Throughput::Bytes(repeated.len() as u64));
    for (side, body) in [("ordinary", &ordinary), ("worst", &repeated)] {
        group.bench_function(format!("ConsentForm::parse {side}"), |b| {
            b.iter(|| ConsentForm::parse(black_box(body)).is_ok());
        });
    }
    group.finish();

    // `Accept-Language` of 400 kB: `de-AT;q=0.xyz` over and over, each a
    // quality to compare, beside the ranges browsers send for every
    // language, repeated to the size.
    let published = [Lang::Fr, Lang::En, Lang::De, Lang::Pl];
    let mut worst = String::with_capacity(400_000);
    let mut q = 0;
    while worst.len() < 400_000 {
        worst.push_str(&format!("de-AT;q=0.{:03},", q % 1000));
        q += 1;
    }
    let mut ordinary = String::with_capacity(worst.len() + 64);
    while ordinary.len() < worst.len() {
        let lang = Lang::ALL[rng.below(24)];
        ordinary.push_str(&format!(
            "{lang}-XX;q=0.{},{lang};q=0.{},",
            rng.below(10),
            rng.below(10)
        ));
    }
    assert_eq!(Lang::negotiate(&worst, &published), Lang::De);
    let mut group = c.benchmark_group(format!(
        "hostile Accept-Language ({} kB)",
        worst.len() / 1000
    ));
    group.sample_size(10);
    group.warm_up_time(std::time::Duration::from_millis(500));
    group.measurement_time(std::time::Duration::from_secs(2));
    group.throughput(Throughput::Bytes(worst.len() as u64));
    for (side, header) in [("ordinary", &ordinary), ("worst", &worst)] {
        group.bench_function(format!("Lang::negotiate {side}"), |b| {
            b.iter(|| Lang::negotiate(black_box(header), &published));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

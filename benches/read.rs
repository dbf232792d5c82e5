//! Reading one cookie back from a 50-cookie `Cookie` request header:
//! `DeclaredCookie::read_header` against the split/find a developer writes
//! by hand, with the `cookie` crate's parser as a second reference. The
//! cookie stands first, in the middle or last of the header, or is absent.

use std::hint::black_box;

use cookie_decl::cookie::Cookie;
use cookie_decl::declare_cookies;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

declare_cookies! {
    /// The session cookie of an open-data portal.
    pub struct Portal {
        site: "https://data.example.fr",
    }
    necessary {
        sessionid {
            provider: "Opendatasoft",
            service: "Authentification (front et back office)",
            purpose: "Se souvenir de l'utilisateur d'une page à une autre.",
            max_age: 2 weeks,
        }
    }
}

const SESSION: &str = "Zm9vYmFyYmF6cXV4LTEyMzQ1Njc4OTAx";

/// A `Cookie` header of 50 pairs as a browser sends it (`; ` between
/// pairs), with `sessionid` at `at` (0 to 49) or nowhere.
fn header(at: Option<usize>) -> String {
    let pairs: Vec<String> = (0..50)
        .map(|i| {
            if Some(i) == at {
                format!("sessionid={SESSION}")
            } else {
                format!(
                    "_pref_{i:02}=v{i}.{:08x}",
                    i * 2_654_435_761usize % 4_294_967_291
                )
            }
        })
        .collect();
    pairs.join("; ")
}

/// The hand-written lookup: split on `; `, keep the value after `name=`.
/// No decoding and no tolerance for other spacing.
fn split_find<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split("; ")
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// What the `cookie` crate offers: parse every pair, keep the first match.
fn cookie_crate(header: &str, name: &str) -> Option<String> {
    Cookie::split_parse(header)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name)
        .map(|cookie| cookie.value().to_owned())
}

fn bench(c: &mut Criterion) {
    let cases = [
        ("first", header(Some(0))),
        ("middle", header(Some(25))),
        ("last", header(Some(49))),
        ("absent", header(None)),
    ];
    // The three readers must agree, or the comparison means nothing.
    for (position, header) in &cases {
        let expected = (*position != "absent").then_some(SESSION);
        assert_eq!(
            Portal::SESSIONID.read_header(header).unwrap().as_deref(),
            expected
        );
        assert_eq!(split_find(header, "sessionid"), expected);
        assert_eq!(cookie_crate(header, "sessionid").as_deref(), expected);
    }

    let mut group = c.benchmark_group("read_header/50");
    group.throughput(Throughput::Elements(1));
    for (position, header) in &cases {
        let header = header.as_str();
        group.bench_with_input(
            BenchmarkId::new("cookie_decl read_header", position),
            header,
            |b, h| b.iter(|| Portal::SESSIONID.read_header(black_box(h))),
        );
        group.bench_with_input(
            BenchmarkId::new("hand split/find", position),
            header,
            |b, h| {
                b.iter(|| split_find(black_box(h), black_box("sessionid")));
            },
        );
        group.bench_with_input(
            BenchmarkId::new("cookie split_parse", position),
            header,
            |b, h| {
                b.iter(|| cookie_crate(black_box(h), black_box("sessionid")));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

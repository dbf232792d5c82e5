//! `.cookie(value)` against the `cookie::Cookie::build` chain a careful
//! developer writes by hand for the same attributes, and against the chain
//! that checks nothing. All three run in one group, on the same values, so
//! their ratio comes from one run.

use std::hint::black_box;

use cookie_decl::cookie::time::Duration;
use cookie_decl::cookie::{Cookie, SameSite};
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

/// Whether `byte` is a `cookie-octet` (RFC 6265 §4.1.1): what a careful
/// hand-written chain checks before it sends a value.
fn is_cookie_octet(byte: u8) -> bool {
    matches!(byte, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

/// The chain a careful developer writes: every attribute of the
/// declaration, and a value refused unless every byte is a `cookie-octet`
/// and the cookie fits in the 4096 bytes browsers keep.
fn careful(value: &'static str) -> Option<Cookie<'static>> {
    if !value.bytes().all(is_cookie_octet) || "sessionid".len() + value.len() > 4096 {
        return None;
    }
    Some(
        Cookie::build(("sessionid", value))
            .secure(true)
            .http_only(true)
            .same_site(SameSite::Lax)
            .path("/")
            .max_age(Duration::weeks(2))
            .build(),
    )
}

/// The same chain with no check at all: the floor.
fn unchecked(value: &'static str) -> Cookie<'static> {
    Cookie::build(("sessionid", value))
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(Duration::weeks(2))
        .build()
}

/// A session id as frameworks make them (32 bytes of base64url), and a
/// signed token ten times as long, to show how the byte check scales.
const VALUES: [(&str, &str); 2] = [
    ("sid-32B", "Zm9vYmFyYmF6cXV4LTEyMzQ1Njc4OTAx"),
    (
        "token-320B",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6Ilpv\
         w6kgRHVwb250IiwiaWF0IjoxNTE2MjM5MDIyLCJleHAiOjE1MTYyNDI2MjIsInNjb3BlIjoicmVhZC\
         B3cml0ZSIsImF1ZCI6Imh0dHBzOi8vZGF0YS5leGFtcGxlLmZyIn0.SflKxwRJSMeKKF2QT4fwpMeJ\
         f36POk6yJV_adQssw5c_Zm9vYmFyYmF6cXV4LTEyMzQ1Njc4OTAtYWJjZGVmZ2hpamtsbW5vcHFyc3\
         R1dnd4eXo",
    ),
];

fn bench(c: &mut Criterion) {
    // The four chains must build the same `Set-Cookie`, or the comparison
    // means nothing.
    for (_, value) in VALUES {
        let expected = unchecked(value).to_string();
        assert_eq!(Portal::SESSIONID.cookie(value).to_string(), expected);
        assert_eq!(
            careful(value).map(|c| c.to_string()),
            Some(expected.clone())
        );
        assert_eq!(
            Portal::SESSIONID.try_cookie(value).map(|c| c.to_string()),
            Ok(expected)
        );
    }

    let mut group = c.benchmark_group("cookie");
    group.throughput(Throughput::Elements(1));
    for (label, value) in VALUES {
        group.bench_with_input(
            BenchmarkId::new("cookie_decl .cookie", label),
            &value,
            |b, &v| {
                b.iter(|| Portal::SESSIONID.cookie(black_box(v)));
            },
        );
        group.bench_with_input(
            BenchmarkId::new("cookie_decl .try_cookie", label),
            &value,
            |b, &v| b.iter(|| Portal::SESSIONID.try_cookie(black_box(v))),
        );
        group.bench_with_input(BenchmarkId::new("hand careful", label), &value, |b, &v| {
            b.iter(|| careful(black_box(v)));
        });
        group.bench_with_input(
            BenchmarkId::new("hand unchecked", label),
            &value,
            |b, &v| {
                b.iter(|| unchecked(black_box(v)));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

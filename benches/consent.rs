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
//!   field-by-field comparison.
//!
//! Inputs come in a long pseudo-random order (4,096 distinct headers, 1,024
//! distinct responses), so that no branch predictor learns them: the
//! consent cookie anywhere in the header or absent, valid, expired,
//! malformed or edited; responses mixing declared, undeclared,
//! unconsented and mis-attributed cookies, with near-identical names.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cookie_decl::consent::{self, CategorySet, Consent, ConsentCookie, ConsentRegistry, RecordId};
use cookie_decl::cookie::Cookie;
use cookie_decl::{Category, CookieSpec};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod support;

use support::Rng;

#[path = "support/consent_site.rs"]
mod consent_site;

use consent_site::Site;

const STORE: ConsentCookie<Site> = ConsentCookie::unsigned();
const HEADERS: usize = 4096;
const RESPONSES: usize = 1024;

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_795_600_800)
}

/// 50-cookie headers; the consent cookie at a random place: valid (60 %),
/// sent twice (10 %: alike, or with another value), absent, expired,
/// malformed, or with an edited byte.
fn headers(rng: &mut Rng) -> Vec<String> {
    (0..HEADERS)
        .map(|n| {
            let granted = CategorySet::NONE
                .with(if rng.below(2) == 0 {
                    Category::Statistics
                } else {
                    Category::Necessary
                })
                .with(if rng.below(2) == 0 {
                    Category::Marketing
                } else {
                    Category::Necessary
                });
            let age = Duration::from_secs(rng.next() % (150 * 86_400));
            let recorded = STORE.record_at(
                "",
                granted,
                now() - age,
                RecordId::from_bytes((n as u128).to_be_bytes()),
            );
            let mut value = recorded.set_cookies()[0].value().to_owned();
            let kind = rng.below(10);
            // Sent twice (kind 6): alike, as a browser may send it from two
            // paths, or with another choice, planted beside it.
            let twice = (kind == 6).then(|| {
                (
                    rng.below(50),
                    if rng.below(2) == 0 {
                        value.clone()
                    } else {
                        let other = STORE.record_at(
                            "",
                            CategorySet::ALL,
                            now(),
                            RecordId::from_bytes((!(n as u128)).to_be_bytes()),
                        );
                        other.set_cookies()[0].value().to_owned()
                    },
                )
            });
            match kind {
                7 => value.push('x'),
                8 => {
                    let at = 2 + rng.below(value.len() - 2);
                    let mut bytes = value.into_bytes();
                    bytes[at] = if bytes[at] == b'7' { b'6' } else { b'7' };
                    value = String::from_utf8(bytes).expect("ASCII");
                }
                _ => {}
            }
            let at = if kind == 9 { usize::MAX } else { rng.below(50) };
            (0..50)
                .map(|i| {
                    if i == at {
                        format!("consent={value}")
                    } else if let Some((_, second)) = twice.as_ref().filter(|(j, _)| *j == i) {
                        format!("consent={second}")
                    } else {
                        // Near-identical names: `consent_`-like and `_ga_`.
                        match i % 5 {
                            0 => format!("consen{i}=x{n}"),
                            1 => format!("_ga_{:04X}=GS1.1.{n}", rng.next() % 0xFFFF),
                            2 => format!("pref_{i:02}=v{n}"),
                            3 => format!("consent_{i}={n}"),
                            _ => format!("c{:04}=v", rng.below(10_000)),
                        }
                    }
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .collect()
}

/// The hand-written reading: the mask of the categories granted, or `None`
/// for "not asked". It makes the library's decisions: every pair is read,
/// since a consent cookie sent twice with two values (one may be planted)
/// is no choice, and the record id must be 32 lowercase hex digits.
fn hand_read(header: &str, now: u64) -> Option<u8> {
    let mut value = None;
    for pair in header.split("; ") {
        if let Some(found) = pair.strip_prefix("consent=") {
            if value.is_some_and(|seen| seen != found) {
                return None;
            }
            value = Some(found);
        }
    }
    let (body, sum) = value?.rsplit_once('.')?;
    let sum = u64::from_str_radix(sum, 16).ok()?;
    let computed = body.bytes().fold(0x6c62_272e_07bb_0142_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    if sum != computed {
        return None;
    }
    let mut parts = body.split('.');
    if parts.next()? != "1" {
        return None;
    }
    let mask: u8 = parts.next()?.parse().ok()?;
    let at: u64 = parts.next()?.parse().ok()?;
    let id = parts.next()?;
    let fingerprint = u64::from_str_radix(parts.next()?, 16).ok()?;
    let fresh = at <= now + 3600 && now.saturating_sub(at) <= Site::RETENTION_SECONDS;
    let id_ok = id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    (mask <= 7 && id_ok && fingerprint == Site::FINGERPRINT && fresh).then_some(mask)
}

/// Responses of 1 to 8 `Set-Cookie`s: built by the declaration, set by
/// other code with other attributes, or undeclared.
fn responses(rng: &mut Rng) -> Vec<Vec<String>> {
    let declared: Vec<&'static CookieSpec> = Site::COOKIES
        .iter()
        .filter(|spec| !spec.is_external())
        .collect();
    (0..RESPONSES)
        .map(|_| {
            (0..1 + rng.below(8))
                .map(|_| {
                    let spec = declared[rng.below(declared.len())];
                    let cookie = spec.declared().expect("declared");
                    match rng.below(6) {
                        0 => format!("{}=1; Path=/", spec.name()),
                        1 => format!("tower.sid{}=abc; Path=/; HttpOnly", rng.below(10)),
                        2 => cookie.removal().to_string(),
                        _ => cookie.cookie(format!("v{}", rng.next() % 1000)).to_string(),
                    }
                })
                .collect()
        })
        .collect()
}

/// The hand-written audit: the number of findings.
fn hand_audit(
    lines: &[String],
    declared: &HashMap<&str, &CookieSpec>,
    granted: CategorySet,
) -> usize {
    let mut findings = 0;
    for line in lines {
        let Ok(cookie) = Cookie::parse(line.as_str()) else {
            findings += 1;
            continue;
        };
        let Some(spec) = declared.get(cookie.name()) else {
            findings += 1;
            continue;
        };
        let removal = cookie.max_age().is_some_and(|age| age.is_zero());
        if !removal && spec.needs_consent() && !granted.contains(spec.category()) {
            findings += 1;
        }
        findings += usize::from(cookie.path() != Some(spec.path()));
        findings += usize::from(cookie.domain() != spec.domain());
        findings += usize::from(cookie.secure().unwrap_or(false) != spec.secure());
        findings += usize::from(cookie.partitioned().unwrap_or(false) != spec.partitioned());
        if !removal {
            findings += usize::from(cookie.http_only().unwrap_or(false) != spec.http_only());
            findings += usize::from(cookie.same_site() != Some(spec.same_site()));
            let max_age = cookie.max_age().map(|age| age.whole_seconds());
            findings += usize::from(max_age != spec.max_age().map(|age| age.whole_seconds()));
        }
    }
    findings
}

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
    let order: Vec<usize> = (0..HEADERS * 4).map(|_| rng.below(HEADERS)).collect();

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
}

criterion_group!(benches, bench);
criterion_main!(benches);

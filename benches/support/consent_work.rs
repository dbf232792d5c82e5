//! The inputs and the hand-written twins of `benches/consent.rs`, which
//! `benches/instructions.rs` runs too, for callgrind. The bench declares
//! `mod consent_site` and `mod support` beside this module.
#![allow(dead_code)]

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cookie_decl::consent::{CategorySet, ConsentCookie, ConsentRegistry, RecordId};
use cookie_decl::cookie::Cookie;
use cookie_decl::{Category, CookieSpec};

use crate::consent_site::Site;
use crate::support::Rng;

pub const STORE: ConsentCookie<Site> = ConsentCookie::unsigned();
pub const HEADERS: usize = 4096;
pub const RESPONSES: usize = 1024;

pub fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_795_600_800)
}

/// 50-cookie headers; the consent cookie at a random place: valid (60 %),
/// sent twice (10 %: alike, or with another value), absent, expired,
/// malformed, or with an edited byte.
pub fn headers(rng: &mut Rng) -> Vec<String> {
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
pub fn hand_read(header: &str, now: u64) -> Option<u8> {
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
pub fn responses(rng: &mut Rng) -> Vec<Vec<String>> {
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
pub fn hand_audit(
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
            // Not the visitor's to receive: dropped, whatever its attributes.
            findings += 1;
            continue;
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

/// What the hand-written request audit looks names up in: the declared
/// exact names in a `HashMap`, the `extern` patterns (`_ga_*`) in a list
/// tried in turn, each with one `*`.
pub struct HandDeclared {
    pub exact: HashMap<&'static str, &'static CookieSpec>,
    pub patterns: Vec<(&'static str, &'static str, &'static CookieSpec)>,
}

impl HandDeclared {
    pub fn new(cookies: &'static [CookieSpec]) -> Self {
        let mut exact = HashMap::new();
        let mut patterns = Vec::new();
        for spec in cookies {
            match spec.name().split_once('*') {
                Some((before, after)) if spec.is_external() => {
                    patterns.push((before, after, spec));
                }
                _ => {
                    exact.entry(spec.name()).or_insert(spec);
                }
            }
        }
        HandDeclared { exact, patterns }
    }

    fn get(&self, name: &str) -> Option<&'static CookieSpec> {
        self.exact.get(name).copied().or_else(|| {
            self.patterns
                .iter()
                .find(|(before, after, _)| {
                    name.len() >= before.len() + after.len()
                        && name.starts_with(before)
                        && name.ends_with(after)
                })
                .map(|(_, _, spec)| *spec)
        })
    }
}

/// The hand-written request audit: the number of findings. It makes the
/// library's decisions: a pair whose name is not a token or whose value
/// holds a byte no value may carry is one finding, a name no declaration
/// gives (patterns tried) one, a cookie whose category needs consent not
/// granted one, and a declared name sent with two different values one,
/// however often it is sent.
pub fn hand_audit_request(header: &str, declared: &HandDeclared, granted: CategorySet) -> usize {
    let ows = |c: char| c == ' ' || c == '\t';
    let mut findings = 0;
    let mut seen: Vec<(&str, &str)> = Vec::new();
    let mut ambiguous: Vec<&str> = Vec::new();
    for pair in header.split(';') {
        let pair = pair.trim_matches(ows);
        if pair.is_empty() {
            continue;
        }
        let (name, value) = match pair.split_once('=') {
            Some((name, value)) => (name.trim_matches(ows), value.trim_matches(ows)),
            None => ("", pair),
        };
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        let name_ok = name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        let value_ok = value
            .bytes()
            .all(|b| (b' '..=b'~').contains(&b) || b == b'\t');
        if !name_ok || !value_ok {
            findings += 1;
            continue;
        }
        let Some(spec) = declared.get(name) else {
            findings += 1;
            continue;
        };
        if spec.needs_consent() && !granted.contains(spec.category()) {
            findings += 1;
        }
        if seen.iter().any(|&(n, v)| n == name && v != value) && !ambiguous.contains(&name) {
            ambiguous.push(name);
            findings += 1;
        }
        seen.push((name, value));
    }
    findings
}

//! `Registry::get`, the generated perfect hash table: every declared name is
//! found, every other name is not, whatever the names look like (realistic,
//! or `c0000` .. `c0999` that differ in a byte or two), with patterns tried
//! after the exact names and the first declaration winning among cookies
//! that share a name.

use cookie_decl::{CookieSpec, Registry, declare_cookies};

#[path = "../benches/registries/r1000.rs"]
mod r1000;

#[path = "../benches/registries/c1000.rs"]
mod c1000;

#[path = "../benches/registries/c10.rs"]
mod c10;

/// Names one step away from `name`: each byte changed, dropped or doubled,
/// a byte added at either end, the case of each letter flipped.
fn near_misses(name: &str) -> Vec<String> {
    let bytes = name.as_bytes();
    let mut out = vec![format!("{name}x"), format!("x{name}"), format!("{name}0")];
    for at in 0..bytes.len() {
        for replacement in [b'0', b'9', b'_', b'z', bytes[at] ^ 1] {
            let mut other = bytes.to_vec();
            other[at] = replacement;
            out.push(String::from_utf8_lossy(&other).into_owned());
        }
        let mut dropped = bytes.to_vec();
        dropped.remove(at);
        out.push(String::from_utf8_lossy(&dropped).into_owned());
        let mut doubled = bytes.to_vec();
        doubled.insert(at, bytes[at]);
        out.push(String::from_utf8_lossy(&doubled).into_owned());
        if bytes[at].is_ascii_alphabetic() {
            let mut flipped = bytes.to_vec();
            flipped[at] ^= 0x20;
            out.push(String::from_utf8_lossy(&flipped).into_owned());
        }
    }
    out
}

/// Every declared name finds its own spec, and every near miss that is not
/// itself declared finds nothing.
fn check_registry<R: Registry>() {
    let declared: std::collections::HashSet<&str> =
        R::COOKIES.iter().map(CookieSpec::name).collect();
    for spec in R::COOKIES {
        assert_eq!(R::get(spec.name()), Some(spec), "{}", spec.name());
        for miss in near_misses(spec.name()) {
            if !declared.contains(miss.as_str()) {
                assert_eq!(R::get(&miss), None, "{miss:?}");
            }
        }
    }
    for miss in ["", " ", "\0", "é", &"c".repeat(4096)] {
        assert_eq!(R::get(miss), None, "{miss:?}");
    }
}

#[test]
fn every_name_of_a_realistic_registry_is_found_and_no_other() {
    check_registry::<r1000::Registry1000>();
}

#[test]
fn names_that_differ_in_one_byte_are_told_apart() {
    check_registry::<c1000::Near1000>();
    check_registry::<c10::Near10>();
    for i in 0..10_000 {
        let name = format!("c{i:04}");
        let expected = (i < 1000).then(|| &c1000::Near1000::COOKIES[(i % 4) * 250 + i / 4]);
        assert_eq!(c1000::Near1000::get(&name), expected, "{name}");
        assert_eq!(
            c1000::Near1000::get(&name).map(CookieSpec::name),
            (i < 1000).then_some(name.as_str())
        );
    }
}

#[test]
fn names_of_every_length_are_found() {
    declare_cookies! {
        struct Lengths { site: "https://example.fr" }
        necessary {
            a { provider: "P", service: "S", purpose: "1" }
            ab { provider: "P", service: "S", purpose: "2" }
            abc { provider: "P", service: "S", purpose: "3" }
            abcd { provider: "P", service: "S", purpose: "4" }
            abcdefg { provider: "P", service: "S", purpose: "7" }
            abcdefgh { provider: "P", service: "S", purpose: "8" }
            abcdefghijklmnop { provider: "P", service: "S", purpose: "16" }
            abcdefghijklmnopq { provider: "P", service: "S", purpose: "17" }
            abcdefghijklmnopqrstuvwxyzabcdef { provider: "P", service: "S", purpose: "32" }
            abcdefghijklmnopqrstuvwxyzabcdefg { provider: "P", service: "S", purpose: "33" }
            "a-cookie-name-well-over-forty-bytes-long-for-the-loop" as LONG {
                provider: "P", service: "S", purpose: "long",
            }
        }
    }
    check_registry::<Lengths>();
    assert_eq!(Lengths::get("abcdefgh").map(CookieSpec::purpose), Some("8"));
}

#[test]
fn patterns_are_tried_after_exact_names() {
    declare_cookies! {
        struct Analytics { site: "https://example.fr" }
        statistics {
            _ga_EXACT { provider: "Exact", service: "S", purpose: "exact", max_age: 13 months }
            extern "_ga_*" as GA_STREAM { provider: "Google", service: "S", purpose: "stream", max_age: 13 months }
            extern "_pk_id.*" as PK_ID { provider: "Matomo", service: "S", purpose: "visitor", max_age: 13 months }
            extern _ga { provider: "Google", service: "S", purpose: "client", max_age: 13 months }
        }
    }
    let purpose = |name: &str| Analytics::get(name).map(CookieSpec::purpose);
    assert_eq!(purpose("_ga_EXACT"), Some("exact"));
    assert_eq!(purpose("_ga_EXACU"), Some("stream"));
    assert_eq!(purpose("_ga_K2X9QZ"), Some("stream"));
    assert_eq!(purpose("_ga_"), Some("stream"));
    assert_eq!(purpose("_ga"), Some("client"));
    assert_eq!(purpose("_pk_id.1.1fff"), Some("visitor"));
    assert_eq!(purpose("_pk_ses.1.1fff"), None);
    assert_eq!(purpose("_g"), None);

    declare_cookies! {
        struct OnlyPatterns { site: "https://example.fr" }
        statistics {
            extern "_ga_*" as GA_STREAM { provider: "Google", service: "S", purpose: "stream", max_age: 13 months }
        }
    }
    assert_eq!(
        OnlyPatterns::get("_ga_1").map(CookieSpec::purpose),
        Some("stream")
    );
    assert_eq!(OnlyPatterns::get("_ga"), None);
    assert_eq!(OnlyPatterns::get(""), None);
}

#[test]
fn the_first_of_cookies_sharing_a_name_wins() {
    declare_cookies! {
        struct Paths { site: "https://example.fr" }
        necessary {
            sid as SID_APP { provider: "P", service: "S", purpose: "app", path: "/app" }
            other { provider: "P", service: "S", purpose: "other" }
            sid as SID_ROOT { provider: "P", service: "S", purpose: "root" }
        }
    }
    assert_eq!(Paths::get("sid"), Some(Paths::SID_APP.spec()));
    assert_eq!(Paths::get("sid").map(CookieSpec::path), Some("/app"));
    assert_eq!(Paths::get("other").map(CookieSpec::purpose), Some("other"));
    assert_eq!(Paths::get("sie"), None);
}

#[test]
fn a_registry_of_one_cookie_or_none() {
    declare_cookies! {
        struct One { site: "https://example.fr" }
        necessary {
            sid { provider: "P", service: "S", purpose: "1" }
        }
    }
    check_registry::<One>();
    declare_cookies! {
        struct Empty { site: "https://example.fr" }
    }
    assert_eq!(Empty::get("sid"), None);
    assert_eq!(Empty::get(""), None);
}

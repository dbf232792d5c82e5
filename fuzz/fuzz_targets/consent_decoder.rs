//! The consent cookie's reader, on any bytes: never a panic, never a
//! grant. No value that the application did not write can count as a
//! choice: a signed one without the key's HMAC (the fuzzer cannot make
//! one: never), an unsigned one only in the exact form the store writes,
//! with its checksum and the registry's fingerprint. A consent cookie sent
//! twice with two values is never read.
#![no_main]

#[path = "oracle.rs"]
mod oracle;

use cookie_decl::consent::{ConsentCookie, NotAsked, RequestCookies};
use cookie_decl_fuzz::{Site, expect, now, signed_store};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let signed = signed_store();
    let unsigned = ConsentCookie::<Site>::unsigned();
    let mut headers: Vec<Vec<u8>> = Vec::new();
    for header in [
        text.to_string(),
        format!("consent={text}"),
        format!("a=1; consent={text}; b"),
    ] {
        headers.push(header.into_bytes());
    }
    // The raw bytes, not made UTF-8 first, and beside a second consent.
    headers.push(data.to_vec());
    headers.push([b"consent=".as_slice(), data].concat());
    headers.push([b"consent=1.0.0.x.y; consent=".as_slice(), data].concat());
    for header in &headers {
        let cookies = RequestCookies::from(header.as_slice());
        let values = oracle::values(header, "consent");
        let consent = signed.read_at(&cookies, now());
        assert!(
            !consent.is_given(),
            "a signed consent from foreign bytes: {header:?}"
        );
        if values.len() > 1 {
            assert_eq!(
                consent.not_asked_reason(),
                Some(NotAsked::Ambiguous),
                "{header:?}"
            );
        }
        let consent = unsigned.read_at(&cookies, now());
        if consent.is_given() {
            assert!(
                values.len() == 1 && expect::genuine_unsigned(values[0], true),
                "an unsigned consent from bytes the store does not write: {header:?}"
            );
        }
        if values.len() > 1 {
            assert_eq!(
                consent.not_asked_reason(),
                Some(NotAsked::Ambiguous),
                "{header:?}"
            );
        }
        let _ = consent.not_asked_reason().map(|why| why.to_string());
    }
    assert!(
        signed.decode(&text).is_err(),
        "a signed value decoded from foreign bytes: {text:?}"
    );
    if unsigned.decode(&text).is_ok() {
        assert!(
            expect::genuine_unsigned(&text, false),
            "an unsigned value decoded from bytes the store does not write: {text:?}"
        );
    }
});

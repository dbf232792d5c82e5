//! The consent cookie's reader, on any bytes: never a panic, never a
//! grant. No value that the application did not write can count as a
//! choice: a signed one without the key's HMAC, an unsigned one without
//! the checksum and the registry's fingerprint.
#![no_main]

use std::time::{Duration, UNIX_EPOCH};

use cookie_decl::consent::{ConsentCookie, RequestCookies};
use cookie_decl::cookie::Key;
use cookie_decl_fuzz::Site;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let now = UNIX_EPOCH + Duration::from_secs(1_795_600_800);
    let signed = ConsentCookie::<Site>::signed(Key::from(&[7; 64]));
    let unsigned = ConsentCookie::<Site>::unsigned();
    for header in [
        text.to_string(),
        format!("consent={text}"),
        format!("a=1; consent={text}; b"),
    ] {
        let cookies = RequestCookies::from(header.as_str());
        let consent = signed.read_at(&cookies, now);
        assert!(
            !consent.is_given(),
            "a signed consent from foreign bytes: {header:?}"
        );
        let consent = unsigned.read_at(&cookies, now);
        assert!(
            !consent.is_given(),
            "an unsigned consent from foreign bytes: {header:?}"
        );
        let _ = consent.not_asked_reason().map(|why| why.to_string());
    }
    let _ = signed.decode(&text);
    let _ = unsigned.decode(&text);
});

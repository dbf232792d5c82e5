//! `CookieValue` and `.cookie_checked`: a value checked once builds the same
//! cookie as `.cookie`, for every string, encoded or too large included.

use cookie_decl::{CookieValue, declare_cookies};
use proptest::prelude::*;

declare_cookies! {
    struct Cookies { site: "https://example.fr" }
    necessary {
        sid { provider: "P", service: "S", purpose: "Sign in.", max_age: 2 hours }
        "__Host-x" as HOST { provider: "P", service: "S", purpose: "Other.", same_site: Strict }
    }
}

fn check(value: &str) {
    let owned = value.to_owned();
    // Plain exactly when `.try_cookie` finds no byte to refuse.
    let plain = CookieValue::new(owned.clone());
    assert_eq!(
        plain.is_some(),
        !matches!(
            Cookies::SID.try_cookie(owned.clone()),
            Err(cookie_decl::ValueError::Forbidden { .. })
        ),
        "{value:?}"
    );
    let encoded = CookieValue::encode(owned.clone());
    assert_eq!(
        encoded.as_str(),
        cookie_decl::encode_value(value),
        "{value:?}"
    );
    if let Some(plain) = plain {
        assert_eq!(plain, encoded);
    }
    for cookie in [Cookies::SID, Cookies::HOST] {
        assert_eq!(
            cookie.cookie_checked(encoded.clone()),
            cookie.cookie(owned.clone()),
            "{value:?}"
        );
    }
}

#[test]
fn checked_values_build_what_cookie_builds() {
    for value in [
        "",
        "a",
        "c2Vzc2lvbg",
        "x; Domain=evil.example",
        "100%",
        "Zoé",
        "tab\there",
        "\"quoted\"",
        "back\\slash",
        "comma,separated",
        "a\u{7f}b",
    ] {
        check(value);
    }
    for len in [4085, 4086, 4087, 4091, 4092, 5000] {
        check(&"a".repeat(len));
        check(&format!("{};", "a".repeat(len)));
    }
}

proptest! {
    #[test]
    fn any_string_builds_what_cookie_builds(value in any::<String>()) {
        check(&value);
    }

    #[test]
    fn any_ascii_string_builds_what_cookie_builds(value in "[ -~]{0,80}") {
        check(&value);
    }
}

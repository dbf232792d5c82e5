//! Any string as a cookie value: `decode(encode(v)) == v`, and `.cookie(v)`
//! builds a `Set-Cookie` whose value holds no byte that could end it, and
//! that parses back to the same name and value.
#![no_main]

use cookie_decl::cookie::Cookie;
use cookie_decl_fuzz::Site;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|value: String| {
    let encoded = cookie_decl::encode_value(&value);
    assert_eq!(
        cookie_decl::decode_value(&encoded).as_deref(),
        Ok(value.as_str())
    );
    for cookie in [Site::SID, Site::LANG, Site::AD] {
        let built = cookie.cookie(value.clone());
        let line = built.to_string();
        let pair = line.split("; ").next().unwrap_or("");
        assert!(
            !pair.contains([';', ',', ' ', '"', '\\', '\t', '\r', '\n']),
            "{line:?}"
        );
        let parsed = Cookie::parse(line.clone()).expect("a Set-Cookie line that parses");
        assert_eq!(parsed.name(), cookie.name());
        if parsed.max_age() != Some(cookie_decl::cookie::time::Duration::ZERO) {
            assert_eq!(parsed.value(), encoded.as_ref());
        }
        match cookie.try_cookie(value.clone()) {
            Ok(accepted) => assert_eq!(accepted.value(), value),
            Err(_) => {
                assert!(encoded != value.as_str() || cookie.name().len() + value.len() > 4096)
            }
        }
    }
});

//! Reading a cookie back from any `Cookie` header, decoding any value, and
//! looking up any name: never a panic.
#![no_main]

use cookie_decl::consent::RequestCookies;
use cookie_decl_fuzz::Site;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for cookie in [Site::SID, Site::CSRF, Site::LANG, Site::AD] {
        if let Ok(Some(value)) = cookie.read_header(&text) {
            // What decodes encodes back to something that decodes the same.
            let again = cookie_decl::encode_value(&value);
            assert_eq!(
                cookie_decl::decode_value(&again).as_deref().ok(),
                Some(value.as_ref())
            );
        }
    }
    let _ = cookie_decl::decode_value(&text);
    let _ = Site::get(&text);
    for cookies in [RequestCookies::from(text.as_bytes()), RequestCookies::from(data)] {
        let _ = cookies.iter().count();
        let _ = cookies.invalid().count();
        let _ = cookies.get("sid");
    }
});

//! The consent form's reader on any body, and the preferences page for a
//! consent read from any `Cookie` header: never a panic; a form read
//! carries a CSRF token, and the page escapes what it shows.
#![no_main]

use std::time::{Duration, UNIX_EPOCH};

use cookie_decl::Lang;
use cookie_decl::consent::{self, ConsentCookie, ConsentForm, RequestCookies};
use cookie_decl_fuzz::Site;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match ConsentForm::parse(&text) {
        Ok(form) => assert!(!form.csrf_token().is_empty(), "{text:?}"),
        Err(error) => assert!(!error.to_string().contains('\n')),
    }
    let now = UNIX_EPOCH + Duration::from_secs(1_795_600_800);
    let header = format!("consent={text}");
    let consent =
        ConsentCookie::<Site>::unsigned().read_at(&RequestCookies::from(header.as_str()), now);
    for lang in [Lang::Fr, Lang::En] {
        let page = consent::preferences::<Site>(lang, &text, &consent);
        assert!(!page.contains("<script"), "{page}");
    }
});
